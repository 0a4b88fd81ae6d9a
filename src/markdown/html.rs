//! Raw HTML inside Markdown, read as a book needs it: what the model can
//! hold is kept (text, emphasis, links, code, images, headings, line and
//! paragraph breaks), the rest of the markup is dropped with a repair record,
//! and nothing is ever printed as markup (issue 12's convention).
//!
//! pulldown-cmark hands raw HTML over as opaque strings; no crate in the tree
//! splits them into tags (html5ever would be a browser's worth of parser for
//! the few tags Markdown authors write), so [`tokens`] does that by hand and
//! `html-escape` decodes entities.

use std::borrow::Cow;

/// One piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Text between tags, entities decoded, white space as written.
    Text(String),
    /// `<name attr="v">` (name lowercased); `closed` for `<br/>`-style tags.
    Open { name: String, attrs: Vec<(String, String)>, closed: bool, raw: String },
    /// `</name>`.
    Close { name: String, raw: String },
    /// `<!-- … -->`, `<!DOCTYPE …>`, `<?…?>`, `<![CDATA[…]]>`: never shown.
    Comment(String),
}

impl Token {
    /// The attribute `key`'s value (entities decoded), if the tag has it.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Token::Open { attrs, .. } => attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

/// Elements whose content is not text for a reader: dropped whole.
pub const HIDDEN: &[&str] = &["script", "style", "template", "head", "title"];

/// Elements that open and close a block of their own.
pub const BLOCKS: &[&str] = &[
    "p",
    "div",
    "center",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "nav",
    "address",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "figure",
    "figcaption",
    "details",
    "summary",
    "body",
    "html",
    "form",
    "fieldset",
    "legend",
];

/// Elements with no content and no closing tag.
const VOID: &[&str] = &["br", "img", "hr", "wbr", "meta", "link", "input", "col", "area", "base", "source", "embed"];

/// Split raw HTML into tags, comments and text. Never fails: a `<` that
/// opens no tag (`a < b`) is text.
pub fn tokens(raw: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = raw;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let (token, len) = match tag_at(rest) {
            Some(found) => found,
            None => {
                text.push('<');
                rest = &rest[1..];
                continue;
            }
        };
        flush_text(&mut text, &mut out);
        out.push(token);
        rest = &rest[len..];
    }
    text.push_str(rest);
    flush_text(&mut text, &mut out);
    out
}

fn flush_text(text: &mut String, out: &mut Vec<Token>) {
    if !text.is_empty() {
        out.push(Token::Text(decode(text).into_owned()));
        text.clear();
    }
}

/// `&amp;`, `&#12354;`, `&nbsp;`… decoded.
pub fn decode(s: &str) -> Cow<'_, str> {
    html_escape::decode_html_entities(s)
}

/// The tag, comment or declaration at the start of `s` (which starts with
/// `<`) and its length in bytes.
fn tag_at(s: &str) -> Option<(Token, usize)> {
    for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", ">"), ("<!", ">")] {
        if let Some(body) = s.strip_prefix(open) {
            let end = body.find(close).map(|i| open.len() + i + close.len()).unwrap_or(s.len());
            return Some((Token::Comment(s[..end].to_string()), end));
        }
    }
    let closing = s[1..].starts_with('/');
    let name_start = if closing { 2 } else { 1 };
    let name_len = s[name_start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':')).unwrap_or(0);
    if name_len == 0 || !s[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = s[name_start..name_start + name_len].to_ascii_lowercase();
    let end = tag_end(s, name_start + name_len)?;
    let raw = s[..end].to_string();
    if closing {
        return Some((Token::Close { name, raw }, end));
    }
    let inner = &s[name_start + name_len..end - 1];
    let closed = inner.trim_end().ends_with('/') || VOID.contains(&name.as_str());
    let attrs = attributes(inner.trim_end().trim_end_matches('/'));
    Some((Token::Open { name, attrs, closed, raw }, end))
}

/// Where the tag that starts at `s` ends (just past its `>`), skipping `>`
/// inside quoted attribute values.
fn tag_end(s: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(from + i + 1),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// `src="a.png" alt='x' hidden` → pairs, keys lowercased, values decoded.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let key_len = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let key = rest[..key_len].to_ascii_lowercase();
        rest = rest[key_len..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, len) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map(|i| i + 1).unwrap_or(after.len());
                    (&after[1..end], (end + 1).min(after.len()))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], end)
                }
            };
            value = decode(v).into_owned();
            rest = after[len..].trim_start();
        }
        let stray = key_len == 0 && value.is_empty();
        if !key.is_empty() {
            out.push((key, value));
        }
        if stray {
            // A stray `=` or quote: skip one character so the loop moves on.
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str().trim_start();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(name: &str) -> impl Fn(&Token) -> bool + '_ {
        move |t| matches!(t, Token::Open { name: n, .. } if n == name)
    }

    #[test]
    fn tags_comments_and_text() {
        let t = tokens("<p class=\"a>b\">Tom &amp; 杰瑞<br/>x</p><!-- note --> a < b");
        assert!(open("p")(&t[0]));
        assert_eq!(t[0].attr("class"), Some("a>b"));
        assert_eq!(t[1], Token::Text("Tom & 杰瑞".into()));
        assert!(matches!(&t[2], Token::Open { name, closed: true, .. } if name == "br"));
        assert_eq!(t[3], Token::Text("x".into()));
        assert!(matches!(&t[4], Token::Close { name, .. } if name == "p"));
        assert!(matches!(&t[5], Token::Comment(c) if c == "<!-- note -->"));
        assert_eq!(t[6], Token::Text(" a < b".into()));
    }

    #[test]
    fn attributes_in_every_quoting() {
        let t = tokens("<IMG SRC=a.png alt='一只猫' title=\"The &quot;cat&quot;\" hidden>");
        assert!(open("img")(&t[0]));
        assert_eq!(t[0].attr("src"), Some("a.png"));
        assert_eq!(t[0].attr("alt"), Some("一只猫"));
        assert_eq!(t[0].attr("title"), Some("The \"cat\""));
        assert_eq!(t[0].attr("hidden"), Some(""));
        assert!(matches!(&t[0], Token::Open { closed: true, .. }));
    }

    #[test]
    fn unterminated_markup_is_text_or_runs_to_the_end() {
        assert_eq!(tokens("a <b"), vec![Token::Text("a <b".into())]);
        assert_eq!(tokens("<!-- open"), vec![Token::Comment("<!-- open".into())]);
        assert_eq!(tokens("<3 and <>"), vec![Token::Text("<3 and <>".into())]);
    }
}
