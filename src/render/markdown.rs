//! `--to md`: clean CommonMark a person can edit and feed back in.
//!
//! Takes a `&Document`, returns UTF-8 Markdown: YAML front matter with the
//! metadata that is set, then ATX headings, paragraphs, `-` lists, `>` quotes,
//! fenced code, pipe tables, images and footnotes. Never touches the file
//! system and never emits HTML except `<em>`/`<strong>`/`<br>` where Markdown
//! syntax cannot say the same thing.
//!
//! Round trip, as [`crate::markdown::parse`] reads it back: for a model that
//! parsing can produce (non-empty title, footnote definitions last, text
//! without leading or trailing white space), `model → md → model` gives the
//! same blocks up to heading ids, and `md → model → md` is stable after one trip.
//!
//! Escaping is minimal but safe: `\ * _ [ ] | ~ `` ` are always escaped in
//! text; `<` and `&` only where they would start HTML or an entity; `# > - + =`
//! and `1.`/`1)` only at the start of a line.

use super::Renderer;
use crate::error::Result;
use crate::model::{Block, Creator, Document, Inline, Metadata};
use crate::report::Report;
use serde::Serialize;

/// Largest ordered-list number CommonMark accepts (nine digits).
const MAX_LIST_NUMBER: u64 = 999_999_999;

#[derive(Debug, Clone, Default)]
pub struct Markdown;

impl Renderer for Markdown {
    fn extension(&self) -> &'static str {
        "md"
    }

    fn render(&self, doc: &Document, _report: &Report) -> Result<Vec<u8>> {
        Ok(to_markdown(doc).into_bytes())
    }
}

/// The whole document as Markdown text, ending with one newline.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = front_matter(&doc.metadata);
    let definitions = footnote_run_start(&doc.blocks);
    let body = write_blocks(&doc.blocks, definitions);
    if !out.is_empty() && !body.is_empty() {
        out.push('\n');
    }
    out.push_str(&body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// Front matter

#[derive(Serialize)]
struct FrontMatter<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<CreatorOut<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    subjects: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series_index: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cover: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum CreatorOut<'a> {
    Name(&'a str),
    WithRole { name: &'a str, role: &'a str },
}

/// `---` YAML `---` with the fields that are set, or nothing when none is.
fn front_matter(m: &Metadata) -> String {
    let is_author = |c: &Creator| c.role == "aut";
    let (author, authors) = match m.authors.as_slice() {
        [one] if is_author(one) => (Some(one.name.as_str()), Vec::new()),
        all => (
            None,
            all.iter()
                .map(|c| {
                    if is_author(c) {
                        CreatorOut::Name(&c.name)
                    } else {
                        CreatorOut::WithRole { name: &c.name, role: &c.role }
                    }
                })
                .collect(),
        ),
    };
    let fm = FrontMatter {
        title: &m.title,
        subtitle: m.subtitle.as_deref(),
        author,
        authors,
        language: &m.language,
        identifier: m.identifier.as_deref(),
        date: m.date.as_deref(),
        publisher: m.publisher.as_deref(),
        description: m.description.as_deref(),
        subjects: &m.subjects,
        series: m.series.as_ref().map(|s| s.name.as_str()),
        series_index: m.series.as_ref().and_then(|s| s.index),
        cover: m.cover.as_deref(),
    };
    match serde_norway::to_string(&fm) {
        Ok(yaml) if yaml.trim() != "{}" => format!("---\n{}---\n", ensure_newline(yaml)),
        // A plain struct of strings always serialises; nothing set gives `{}`.
        _ => String::new(),
    }
}

fn ensure_newline(mut s: String) -> String {
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

// ---------------------------------------------------------------------------
// Blocks

/// Index of the first of the trailing footnote definitions (`blocks.len()` when none).
fn footnote_run_start(blocks: &[Block]) -> usize {
    let mut start = blocks.len();
    while start > 0 && is_footnote_definition(&blocks[start - 1]) {
        start -= 1;
    }
    start
}

/// A paragraph that starts with a footnote reference and a space: how
/// [`crate::markdown::parse`] represents `[^1]: The note.`
fn is_footnote_definition(b: &Block) -> bool {
    match b {
        Block::Paragraph { inlines, .. } => match inlines.as_slice() {
            [Inline::FootnoteRef(_)] => true,
            [Inline::FootnoteRef(_), Inline::Text(t), ..] => t.starts_with(' '),
            _ => false,
        },
        _ => false,
    }
}

/// Blocks separated by blank lines; blocks from index `definitions` on are
/// footnote definitions.
fn write_blocks(blocks: &[Block], definitions: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    // Two lists in a row would merge: alternate the marker (`-`/`+`, `.`/`)`).
    let mut previous_list: Option<(bool, bool)> = None; // (ordered, alternate marker)
    for (i, b) in blocks.iter().enumerate() {
        let part = match b {
            Block::List { ordered, start, items, .. } => {
                let alternate = matches!(previous_list, Some((o, alt)) if o == *ordered && !alt);
                previous_list = Some((*ordered, alternate));
                list(*ordered, *start, items, alternate)
            }
            other => {
                let part = if i >= definitions { footnote_definition(other) } else { block(other) };
                // A block that writes nothing does not separate two lists.
                if !part.is_empty() {
                    previous_list = None;
                }
                part
            }
        };
        if !part.is_empty() {
            parts.push(part);
        }
    }
    parts.join("\n\n")
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, text, .. } => heading(*level, text),
        Block::Paragraph { .. } => {
            let inlines = b.inlines().unwrap_or_default();
            paragraph(&inlines)
        }
        Block::List { ordered, start, items, .. } => list(*ordered, *start, items, false),
        Block::BlockQuote { blocks, .. } => quote(&write_blocks(blocks, blocks.len())),
        Block::CodeBlock { language, text } => code_block(language.as_deref(), text),
        Block::Table { header, rows, .. } => table(header, rows),
        Block::Image { src, alt, title, .. } => image(src, alt, title.as_deref()),
        Block::ThematicBreak { .. } => "* * *".to_string(),
    }
}

fn heading(level: u8, text: &str) -> String {
    let hashes = "#".repeat(level.clamp(1, 6) as usize);
    let mut content = escape_text(&one_line(text).trim().replace('\n', " "), None);
    // A trailing `#` run would be read as the closing sequence.
    if content.ends_with('#') {
        content.insert(content.len() - 1, '\\');
    }
    if content.is_empty() {
        hashes
    } else {
        format!("{hashes} {content}")
    }
}

fn paragraph(inlines: &[Inline]) -> String {
    let inlines = canonical(inlines);
    let mut w = InlineWriter::default();
    w.inlines(&inlines, None);
    let mut out = escape_line_starts(&w.out);
    // `[^1]:` at the start of a body paragraph would define a footnote.
    if let Some(Inline::FootnoteRef(label)) = inlines.first() {
        let reference = format!("[^{label}]");
        if out.starts_with(&reference) && out.get(reference.len()..).is_some_and(|rest| rest.starts_with(':')) {
            out.insert(reference.len(), '\\');
        }
    }
    out
}

/// `[^label]: text`, continuation lines indented into the definition.
fn footnote_definition(b: &Block) -> String {
    let inlines = b.inlines().unwrap_or_default();
    let (Some(Inline::FootnoteRef(label)), rest) = (inlines.first(), inlines.get(1..).unwrap_or_default()) else {
        return block(b);
    };
    let mut rest = canonical(rest);
    if let Some(Inline::Text(t)) = rest.first_mut() {
        *t = t.trim_start().to_string();
    }
    let mut w = InlineWriter { start: Some(' '), ..Default::default() };
    w.inlines(&rest, None);
    let body = escape_line_starts(&w.out);
    let mut out = format!("[^{label}]:");
    for (i, line) in body.lines().enumerate() {
        out.push_str(if i == 0 { " " } else { "\n    " });
        out.push_str(line);
    }
    out
}

fn list(ordered: bool, start: Option<u64>, items: &[Vec<Block>], alternate: bool) -> String {
    let first = if ordered { start.unwrap_or(1).min(MAX_LIST_NUMBER) } else { 0 };
    let spacious = !items.iter().all(|item| is_compact(item));
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let marker = if ordered {
            let n = first.saturating_add(i as u64).min(MAX_LIST_NUMBER);
            format!("{n}{}", if alternate { ')' } else { '.' })
        } else if alternate {
            "+".to_string()
        } else {
            "-".to_string()
        };
        if i > 0 {
            out.push_str(if spacious { "\n\n" } else { "\n" });
        }
        let body = match item.as_slice() {
            [p @ Block::Paragraph { .. }, sublist @ Block::List { .. }] if is_compact(item) => {
                format!("{}\n{}", block(p), write_blocks(std::slice::from_ref(sublist), 1))
            }
            _ => write_blocks(item, item.len()),
        };
        let indent = " ".repeat(marker.len() + 1);
        out.push_str(&marker);
        for (j, line) in body.lines().enumerate() {
            if j == 0 {
                out.push(' ');
            } else {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(&indent);
                }
            }
            out.push_str(line);
        }
    }
    out
}

/// An item that can sit in a tight list: one block, or a paragraph and a list
/// that may interrupt it (bullets, or numbers from 1, with a non-empty first item).
fn is_compact(item: &[Block]) -> bool {
    match item {
        [] | [_] => true,
        [Block::Paragraph { text, .. }, Block::List { ordered, start, items, .. }] => {
            !text.trim().is_empty()
                && (!ordered || start.is_none_or(|s| s == 1))
                && items.first().is_some_and(|first| !write_blocks(first, first.len()).is_empty())
        }
        _ => false,
    }
}

fn quote(body: &str) -> String {
    if body.is_empty() {
        return ">".to_string();
    }
    body.lines().map(|l| if l.is_empty() { ">".to_string() } else { format!("> {l}") }).collect::<Vec<_>>().join("\n")
}

fn code_block(language: Option<&str>, text: &str) -> String {
    let language = language.unwrap_or("").split_whitespace().next().unwrap_or("");
    // Backtick fences cannot carry an info string with a backtick.
    let fence_char = if language.contains('`') { '~' } else { '`' };
    // A reader decodes backslash escapes and entities in the info string
    // (`&#42;` reads as `*`), so both are escaped to read back as written.
    let info = language.replace('\\', "\\\\").replace('&', "\\&");
    let fence = fence_char.to_string().repeat(longest_run(text, fence_char).max(2) + 1);
    if text.is_empty() {
        format!("{fence}{info}\n{fence}")
    } else {
        format!("{fence}{info}\n{text}\n{fence}")
    }
}

fn table(header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> String {
    let width = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if width == 0 {
        return String::new();
    }
    let row = |cells: &[Vec<Inline>]| {
        let mut line = String::from("|");
        for i in 0..width {
            let mut w = InlineWriter { start: Some(' '), in_table: true, ..Default::default() };
            if let Some(cell) = cells.get(i) {
                w.inlines(&canonical(cell), Some(' '));
            }
            line.push(' ');
            line.push_str(&w.out);
            line.push_str(" |");
        }
        line
    };
    let mut lines = vec![row(header), format!("|{}", " --- |".repeat(width))];
    lines.extend(rows.iter().map(|r| row(r)));
    lines.join("\n")
}

fn image(src: &str, alt: &str, title: Option<&str>) -> String {
    let mut out = format!("![{}]({}", escape_text(&one_line(alt), Some(']')), link_destination(src, false));
    if let Some(t) = title {
        out.push_str(" \"");
        let chars: Vec<char> = one_line(t).chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if matches!(c, '"' | '\\') || (c == '&' && starts_entity(&chars[i..])) {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
    out.push(')');
    out
}

// ---------------------------------------------------------------------------
// Inlines

/// Adjacent text runs and adjacent code spans merged (two code spans in a row
/// cannot be written apart), empty runs and edge line breaks dropped.
fn canonical(inlines: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for i in inlines {
        match (out.last_mut(), i) {
            (_, Inline::Text(t)) if t.is_empty() => {}
            (_, Inline::Code(c)) if c.is_empty() => {}
            (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(b),
            (Some(Inline::Code(a)), Inline::Code(b)) => a.push_str(b),
            // White space around a hard break does not survive a reading.
            (Some(Inline::LineBreak), Inline::Text(b)) => {
                if !b.trim_start().is_empty() {
                    out.push(Inline::Text(b.trim_start().to_string()));
                }
            }
            (Some(Inline::Text(a)), Inline::LineBreak) => {
                let kept = a.trim_end().len();
                a.truncate(kept);
                if a.is_empty() {
                    out.pop();
                }
                out.push(Inline::LineBreak);
            }
            (_, other) => out.push(other.clone()),
        }
    }
    while matches!(out.last(), Some(Inline::LineBreak)) {
        out.pop();
    }
    while matches!(out.first(), Some(Inline::LineBreak)) {
        out.remove(0);
    }
    out
}

#[derive(Default)]
struct InlineWriter {
    out: String,
    /// The character before `out` in the final text (`None`: start of a block).
    start: Option<char>,
    /// In a table cell: `|` needs escaping even in code, line breaks are `<br>`.
    in_table: bool,
    /// Inside emphasis or strong: an opening `*` that could also close would
    /// close the outer one instead.
    nested: bool,
}

impl InlineWriter {
    fn prev(&self) -> Option<char> {
        self.out.chars().last().or(self.start)
    }

    fn nested(&self, start: char) -> InlineWriter {
        InlineWriter { out: String::new(), start: Some(start), in_table: self.in_table, nested: self.nested }
    }

    /// Write `inlines`; `after` is the character that will follow them.
    fn inlines(&mut self, inlines: &[Inline], after: Option<char>) {
        for (i, inline) in inlines.iter().enumerate() {
            let next = inlines.get(i + 1).map_or(after, first_written_char);
            self.inline(inline, next);
        }
    }

    fn inline(&mut self, inline: &Inline, next: Option<char>) {
        match inline {
            Inline::Text(t) => {
                let t = t.replace('\n', " ");
                // `[^x]` at the start of link text would read as a footnote.
                if self.prev() == Some('[') && t.starts_with('^') {
                    self.out.push('\\');
                }
                self.out.push_str(&escape_text(&t, next));
            }
            Inline::Emphasis(children) => self.delimited(children, "*", "em", next),
            Inline::Strong(children) => self.delimited(children, "**", "strong", next),
            Inline::Code(code) => {
                let code = code.replace('\n', " ");
                let code = if self.in_table { code.replace('|', "\\|") } else { code };
                self.out.push_str(&code_span(&code));
            }
            Inline::Link { url, children } if autolink(url, children).is_some() => {
                self.out.push('<');
                self.out.push_str(autolink(url, children).unwrap_or_default());
                self.out.push('>');
            }
            Inline::Link { url, children } => {
                self.out.push('[');
                let mut inner = self.nested('[');
                // Links cannot nest: an inner link keeps only its text.
                inner.inlines(&canonical(&flatten_links(children)), Some(']'));
                self.out.push_str(&inner.out);
                self.out.push_str("](");
                self.out.push_str(&link_destination(url, self.in_table));
                self.out.push(')');
            }
            Inline::LineBreak => self.out.push_str(if self.in_table { "<br>" } else { "\\\n" }),
            Inline::FootnoteRef(label) => {
                self.out.push_str("[^");
                self.out.push_str(label);
                self.out.push(']');
            }
            // HTML ruby, as CommonMark passes it through and the reader takes it back.
            Inline::Ruby { base, text } => {
                let (base, text) = (base.replace('\n', " "), text.replace('\n', " "));
                self.out.push_str("<ruby>");
                self.out.push_str(&escape_text(&base, Some('<')));
                self.out.push_str("<rp>(</rp><rt>");
                self.out.push_str(&escape_text(&text, Some('<')));
                self.out.push_str("</rt><rp>)</rp></ruby>");
            }
        }
    }

    /// `*…*` / `**…**` when CommonMark's flanking rules let the delimiters
    /// open and close here, else `<em>…</em>` / `<strong>…</strong>`
    /// (`中*“引号”*文` is not emphasis; `中<em>“引号”</em>文` is).
    fn delimited(&mut self, children: &[Inline], delimiter: &str, tag: &str, next: Option<char>) {
        let children = canonical(children);
        let mut inner = self.nested('*');
        inner.nested = true;
        inner.inlines(&children, Some('*'));
        let first = inner.out.chars().next();
        if can_delimit(self.prev(), first, inner.out.chars().last(), next)
            && !(self.nested && can_close(self.prev(), first))
        {
            self.out.push_str(delimiter);
            self.out.push_str(&inner.out);
            self.out.push_str(delimiter);
        } else {
            let mut inner = self.nested('>');
            inner.nested = true;
            inner.inlines(&children, Some('<'));
            self.out.push_str(&format!("<{tag}>{}</{tag}>", inner.out));
        }
    }
}

/// The text of `<…>` when a link is its own address (`<https://example.org>`,
/// `<a@b.org>` for `a@b.org` or `mailto:a@b.org`): an autolink, which also keeps apart a
/// footnote reference and a link that follows it (`[^1][x](y)` reads as text).
fn autolink<'a>(url: &str, children: &'a [Inline]) -> Option<&'a str> {
    let [Inline::Text(text)] = children else { return None };
    let plain = |s: &str| {
        !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\' | '&'))
    };
    let scheme_ok = |s: &str| match s.split_once(':') {
        Some((scheme, _)) => {
            (2..=32).contains(&scheme.len())
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        }
        None => false,
    };
    let email = (url == text || url.strip_prefix("mailto:") == Some(text.as_str()))
        && text.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.is_empty()
                && local.chars().all(|c| c.is_ascii_alphanumeric() || ".!#$%'*+/=?^_`{|}~-".contains(c))
                && domain.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        });
    let uri = text == url && plain(url) && scheme_ok(url);
    (uri || email).then_some(text.as_str())
}

/// The first character `inline` will be written as (close enough for the flanking rules).
fn first_written_char(inline: &Inline) -> Option<char> {
    match inline {
        Inline::Text(t) => escape_text(&t.replace('\n', " "), None).chars().next(),
        Inline::Emphasis(_) | Inline::Strong(_) => Some('*'),
        Inline::Code(_) => Some('`'),
        Inline::Link { url, children } if autolink(url, children).is_some() => Some('<'),
        Inline::Link { .. } | Inline::FootnoteRef(_) => Some('['),
        Inline::LineBreak => Some('\\'),
        Inline::Ruby { .. } => Some('<'),
    }
}

/// Whether `*` delimiters around content starting with `first` and ending with
/// `last`, between `before` and `after`, open and close (CommonMark 0.31 §6.2).
fn can_delimit(before: Option<char>, first: Option<char>, last: Option<char>, after: Option<char>) -> bool {
    let (Some(first), Some(last)) = (first, last) else {
        return false; // empty emphasis has no Markdown form
    };
    if first.is_whitespace() || last.is_whitespace() {
        return false;
    }
    // A `*` next to ours would join its delimiter run.
    if [before, after].contains(&Some('*')) || first == '*' || last == '*' {
        return false;
    }
    let space_or_punct = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || is_punctuation(c));
    let opens = !is_punctuation(first) || space_or_punct(before);
    let closes = !is_punctuation(last) || space_or_punct(after);
    opens && closes
}

/// Whether a `*` run between `before` and `after` is right-flanking, so could close.
fn can_close(before: Option<char>, after: Option<char>) -> bool {
    let space_or_punct = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || is_punctuation(c));
    before.is_some_and(|b| !b.is_whitespace() && (!is_punctuation(b) || space_or_punct(after)))
}

/// Unicode punctuation as CommonMark counts it (categories P and S), approximated
/// without tables: ASCII punctuation, or anything that is not a letter, digit,
/// space, control, combining mark or format character.
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    let mark_or_format = matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x3099..=0x309A | 0x200B..=0x200F | 0x2060..=0x2064 | 0xFEFF | 0xE000..=0xF8FF);
    !(c.is_alphanumeric() || c.is_whitespace() || c.is_control() || mark_or_format)
}

fn flatten_links(inlines: &[Inline]) -> Vec<Inline> {
    inlines
        .iter()
        .flat_map(|i| match i {
            Inline::Link { children, .. } => flatten_links(children),
            Inline::Emphasis(c) => vec![Inline::Emphasis(flatten_links(c))],
            Inline::Strong(c) => vec![Inline::Strong(flatten_links(c))],
            other => vec![other.clone()],
        })
        .collect()
}

/// Escape text so that it reads back as itself; `after` is the character that follows it.
fn escape_text(text: &str, after: Option<char>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().or(after);
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => true,
            // `<a`, `</`, `<!`, `<?` could open HTML or an autolink.
            '<' => next.is_none_or(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => starts_entity(&chars[i..]),
            '!' => next == Some('['),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `&amp;`, `&#123;`, `&#x1F;`: what CommonMark would decode.
fn starts_entity(chars: &[char]) -> bool {
    let body: String = chars.iter().skip(1).take(33).take_while(|&&c| c != ';').collect();
    let closed = chars.get(body.chars().count() + 1) == Some(&';');
    let valid = if let Some(num) = body.strip_prefix('#') {
        match num.strip_prefix(['x', 'X']) {
            Some(hex) => (1..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => (1..=7).contains(&num.len()) && num.chars().all(|c| c.is_ascii_digit()),
        }
    } else {
        body.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && body.chars().all(|c| c.is_ascii_alphanumeric())
    };
    closed && valid
}

/// Escape what would start a block at the start of each line: `#`, `>`, `-`,
/// `+`, `=` and list numbers (`2023.` → `2023\.`).
fn escape_line_starts(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let mut chars = line.chars();
            match chars.next() {
                Some(c @ ('#' | '>' | '-' | '+' | '=')) => format!("\\{c}{}", chars.as_str()),
                Some(c) if c.is_ascii_digit() => {
                    let digits = line.chars().take_while(char::is_ascii_digit).count();
                    match line[digits..].chars().next() {
                        Some(p @ ('.' | ')')) if digits <= 9 => {
                            format!("{}\\{p}{}", &line[..digits], &line[digits + 1..])
                        }
                        _ => line.to_string(),
                    }
                }
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A code span fenced with one more backtick than the longest run inside.
fn code_span(code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`') + 1);
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty());
    if pad {
        format!("{fence} {code} {fence}")
    } else {
        format!("{fence}{code}{fence}")
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A link destination: bare when it can be, `<…>` when it has spaces or parentheses.
fn link_destination(url: &str, in_table: bool) -> String {
    let pointy = url.is_empty() || url.chars().any(|c| matches!(c, ' ' | '(' | ')' | '<' | '>') || c.is_control());
    let mut out = String::new();
    if pointy {
        out.push('<');
    }
    for c in url.chars() {
        match c {
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            '\\' | '<' | '>' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '|' if in_table => out.push_str("\\|"),
            c => out.push(c),
        }
    }
    if pointy {
        out.push('>');
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{list_block, parse, quote_block, table_block};
    use crate::model::Series;

    fn md(blocks: Vec<Block>) -> String {
        to_markdown(&Document { blocks, ..Default::default() })
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn front_matter_only_what_is_set() {
        let doc = Document {
            metadata: Metadata {
                title: "三体".into(),
                language: "zh-Hans".into(),
                authors: vec![Creator::author("刘慈欣")],
                series: Some(Series { name: "地球往事".into(), index: Some(1.0) }),
                ..Default::default()
            },
            blocks: vec![Block::paragraph("正文。")],
            ..Default::default()
        };
        let out = to_markdown(&doc);
        assert_eq!(
            out,
            "---\ntitle: 三体\nauthor: 刘慈欣\nlanguage: zh-Hans\nseries: 地球往事\nseries_index: 1.0\n---\n\n正文。\n"
        );
        assert_eq!(md(vec![Block::paragraph("x")]), "x\n");
    }

    #[test]
    fn ruby_is_written_as_html_and_read_back() {
        let ruby = |b: &str, r: &str| Inline::Ruby { base: b.into(), text: r.into() };
        let para = Block::rich_paragraph(vec![
            ruby("吾輩", "わがはい"),
            t("は"),
            ruby("猫", "ねこ"),
            t("である。"),
            ruby("a<b", "x*y"),
        ]);
        let out = md(vec![para.clone()]);
        assert!(out.starts_with("<ruby>吾輩<rp>(</rp><rt>わがはい</rt><rp>)</rp></ruby>は"), "{out}");
        let back = parse(&out, &mut Report::default());
        assert_eq!(back.blocks, [para]);
        // Ruby without <rp>, with <rb>, as other tools write it.
        let other = parse("<ruby><rb>漢字</rb><rt>かんじ</rt></ruby>", &mut Report::default());
        assert_eq!(other.blocks, [Block::rich_paragraph(vec![ruby("漢字", "かんじ")])]);
    }

    #[test]
    fn escapes_only_where_needed() {
        assert_eq!(
            md(vec![Block::paragraph("a*b_c [d] <e> a < b & c &amp; `f` | ~")]),
            "a\\*b\\_c \\[d\\] \\<e> a < b & c \\&amp; \\`f\\` \\| \\~\n"
        );
        assert_eq!(md(vec![Block::paragraph("# not a heading")]), "\\# not a heading\n");
        assert_eq!(md(vec![Block::paragraph("2023. That year")]), "2023\\. That year\n");
        assert_eq!(md(vec![Block::paragraph("- no list")]), "\\- no list\n");
        assert_eq!(md(vec![Block::paragraph("“你好”——他说。")]), "“你好”——他说。\n");
        assert_eq!(md(vec![Block::Heading { level: 2, id: "h1".into(), text: "C# #".into() }]), "## C# \\#\n");
    }

    #[test]
    fn emphasis_falls_back_to_html_where_stars_cannot_work() {
        let p = Block::rich_paragraph(vec![t("中"), Inline::Strong(vec![t("“引号”")]), t("文")]);
        assert_eq!(md(vec![p]), "中<strong>“引号”</strong>文\n");
        let p = Block::rich_paragraph(vec![t("他说"), Inline::Emphasis(vec![t("好")]), t("。")]);
        assert_eq!(md(vec![p]), "他说*好*。\n");
        let p = Block::rich_paragraph(vec![Inline::Strong(vec![Inline::Emphasis(vec![t("x")])])]);
        assert_eq!(md(vec![p]), "**<em>x</em>**\n");
    }

    #[test]
    fn code_links_breaks_footnotes() {
        let p = Block::rich_paragraph(vec![
            Inline::Code("a`b".into()),
            t(" "),
            Inline::Link { url: "http://x.org/a b".into(), children: vec![t("link")] },
            Inline::LineBreak,
            t("next"),
            Inline::FootnoteRef("1".into()),
        ]);
        let def = Block::rich_paragraph(vec![Inline::FootnoteRef("1".into()), t(" The note.")]);
        assert_eq!(md(vec![p, def]), "``a`b`` [link](<http://x.org/a b>)\\\nnext[^1]\n\n[^1]: The note.\n");
    }

    #[test]
    fn lists_quotes_code_tables_images() {
        let blocks = vec![
            list_block(true, Some(3), vec![vec![Block::paragraph("a")], vec![Block::paragraph("b")]]),
            list_block(true, None, vec![vec![Block::paragraph("c")]]),
            quote_block(vec![Block::paragraph("q"), Block::paragraph("r")]),
            Block::CodeBlock { language: Some("rust".into()), text: "```\nx".into() },
            table_block(vec![vec![t("h")], vec![t("i")]], vec![vec![vec![t("a|b")], vec![Inline::Code("c|d".into())]]]),
            crate::markdown::image_block("img/a b.png".into(), "An *image*".into(), Some("T \"q\"".into())),
            Block::ThematicBreak { text: String::new() },
        ];
        assert_eq!(
            md(blocks),
            "3. a\n4. b\n\n1) c\n\n> q\n>\n> r\n\n````rust\n```\nx\n````\n\n| h | i |\n| --- | --- |\n| a\\|b | `c\\|d` |\n\n\
             ![An \\*image\\*](<img/a b.png> \"T \\\"q\\\"\")\n\n* * *\n"
        );
    }

    #[test]
    fn a_code_language_reads_back_as_written() {
        for language in ["&#42;", "a\\*b", "c&amp;d", "x\\&y"] {
            let block = Block::CodeBlock { language: Some(language.into()), text: "x".into() };
            let back = parse(&md(vec![block.clone()]), &mut Report::default());
            assert_eq!(back.blocks, vec![block], "{language}");
        }
    }

    #[test]
    fn nested_list_items_are_indented() {
        let inner = list_block(false, None, vec![vec![Block::paragraph("x")]]);
        let outer = list_block(true, None, vec![vec![Block::paragraph("a"), inner], vec![Block::paragraph("b")]]);
        assert_eq!(md(vec![outer.clone()]), "1. a\n   - x\n2. b\n");
        let back = parse(&md(vec![outer.clone()]), &mut Report::default());
        assert_eq!(back.blocks, vec![outer]);
    }
}
