//! Body blocks to XHTML fragments, and the split of the body into files.
//!
//! Takes the model's blocks; returns escaped, well-formed XHTML fragments that
//! the `section.xhtml` template wraps into documents. Never touches the
//! package (manifest, navigation): image hrefs come from [`AssetNames`], which
//! the caller fills.

use crate::model::{Block, Inline};
use crate::scan::language::foreign_language;
use std::collections::{BTreeMap, HashSet};

/// Largest XHTML file we write (bytes of body markup). Adobe RMSDK readers
/// (older Kobo, Sony, many Android apps) refuse or crawl on content documents
/// over ~300 KB, and Kindle conversion recommends staying below it; 250 KB
/// leaves room for the template around the body.
pub const MAX_SECTION_BYTES: usize = 250 * 1024;

/// Deepest heading element HTML has.
const MAX_HEADING_LEVEL: u8 = 6;

/// Where each image of the model lives in the package (model `src` → href).
pub type AssetNames = BTreeMap<String, String>;

/// One body file to be: its blocks rendered, and the headings it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Rendered XHTML of the body, without the document around it.
    pub body: String,
    /// Headings in this file, in order.
    pub headings: Vec<SectionHeading>,
}

/// A heading as placed in a file: the level (1..=6) and the XML id it got.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionHeading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Split the body into files: a new file at every level-1 heading (front
/// matter before the first heading gets its own), and a new file before any
/// block that would push a file past [`MAX_SECTION_BYTES`]. `lang` is the
/// book's language: a block detected as another language gets its own `lang`.
pub fn split_sections(blocks: &[Block], assets: &AssetNames, lang: &str) -> Vec<Section> {
    use rayon::prelude::*;
    let mut sections: Vec<Section> = Vec::new();
    let mut current = Section { body: String::new(), headings: Vec::new() };
    let mut ids = IdAllocator::default();
    let mut outline = OutlineLevels::default();
    let mut pieces = blocks.iter().flat_map(|b| match b {
        Block::Paragraph { .. } if b.text().len() > MAX_PARAGRAPH_PIECE => split_paragraph(b),
        _ => vec![std::borrow::Cow::Borrowed(b)],
    });
    loop {
        let batch: Vec<_> = pieces.by_ref().take(BLOCKS_WRITTEN_AT_ONCE).collect();
        if batch.is_empty() {
            break;
        }
        // Blocks but headings (whose ids and levels follow the ones before)
        // are written on every thread: judging each one's language is most
        // of the writer's work.
        let written: Vec<Option<String>> = batch
            .par_iter()
            .map(|block| match block.as_ref() {
                Block::Heading { .. } => None,
                other => {
                    let mut w = XhtmlWriter { out: String::new(), book_lang: lang };
                    w.block(other, assets);
                    Some(w.out)
                }
            })
            .collect();
        for (block, written) in batch.iter().zip(written) {
            let mut w = XhtmlWriter { out: written.unwrap_or_default(), book_lang: lang };
            let heading = match block.as_ref() {
                Block::Heading { level, id, text } => {
                    let starts_chapter = *level <= 1;
                    let outline_level = outline.element_level(*level);
                    let id = ids.allocate(id);
                    w.heading((*level).clamp(1, MAX_HEADING_LEVEL), outline_level, &id, text);
                    Some((starts_chapter, SectionHeading { level: outline_level, id, text: clean_text(text) }))
                }
                _ => None,
            };
            let starts_chapter = matches!(&heading, Some((true, _)));
            let too_big = current.body.len() + w.out.len() > MAX_SECTION_BYTES;
            if !current.body.is_empty() && (starts_chapter || too_big) {
                sections.push(std::mem::replace(&mut current, Section { body: String::new(), headings: Vec::new() }));
            }
            current.body.push_str(&w.out);
            current.headings.extend(heading.map(|(_, h)| h));
        }
    }
    if !current.body.is_empty() || sections.is_empty() {
        sections.push(current);
    }
    sections
}

/// Blocks written at once on the pool's threads before they are put in
/// files in order: enough to keep every thread busy, few enough that their
/// markup held at once stays small beside the book (a few hundred KB).
const BLOCKS_WRITTEN_AT_ONCE: usize = 1024;

/// The outline level each model heading has for assistive technology, so
/// that levels never skip: a section's first child is one level below it (a
/// level-3 article straight under a level-1 part is at level 2), as screen
/// readers and DAISY Ace expect. The element keeps the document's own level
/// (`<h3>`: what readers style, Calibre and converters map, and the printed
/// book shows) and carries the outline level as `aria-level` where the two
/// differ; the navigation document nests by the outline level.
#[derive(Debug, Default)]
struct OutlineLevels {
    /// Open sections: (model level, element level), outermost first.
    open: Vec<(u8, u8)>,
}

impl OutlineLevels {
    fn element_level(&mut self, model_level: u8) -> u8 {
        while self.open.last().is_some_and(|&(m, _)| m >= model_level) {
            self.open.pop();
        }
        let level = self.open.last().map_or(1, |&(_, e)| e + 1).min(MAX_HEADING_LEVEL);
        self.open.push((model_level, level));
        level
    }
}

/// Longest paragraph text put in one `<p>`: half a file, so escaping and
/// markup cannot push one piece past [`MAX_SECTION_BYTES`] alone. A longer
/// paragraph (a whole novel on one line) is cut into pieces that go into
/// successive files, as readers load a file at a time.
const MAX_PARAGRAPH_PIECE: usize = MAX_SECTION_BYTES / 2;

/// A paragraph too long for one file cut into paragraphs of at most
/// [`MAX_PARAGRAPH_PIECE`] bytes of text, each cut after a sentence end or a
/// space when the last quarter of the piece has one, else at a character.
/// Only its top-level text is cut: markup stays whole.
fn split_paragraph(block: &Block) -> Vec<std::borrow::Cow<'_, Block>> {
    let inlines = block.inlines().unwrap_or_default();
    let mut pieces = Vec::new();
    let mut current: Vec<Inline> = Vec::new();
    let mut size = 0;
    let mut flush = |current: &mut Vec<Inline>, size: &mut usize| {
        if !current.is_empty() {
            pieces.push(std::borrow::Cow::Owned(Block::rich_paragraph(std::mem::take(current))));
        }
        *size = 0;
    };
    for inline in inlines {
        match inline {
            Inline::Text(text) => {
                let mut rest = text.as_str();
                while size + rest.len() > MAX_PARAGRAPH_PIECE {
                    let cut = crate::text::cut_point(rest, MAX_PARAGRAPH_PIECE - size);
                    if cut == 0 && !current.is_empty() {
                        flush(&mut current, &mut size);
                        continue;
                    }
                    let cut = if cut == 0 { rest.chars().next().map_or(rest.len(), char::len_utf8) } else { cut };
                    current.push(Inline::Text(rest[..cut].to_string()));
                    flush(&mut current, &mut size);
                    rest = &rest[cut..];
                }
                if !rest.is_empty() {
                    size += rest.len();
                    current.push(Inline::Text(rest.to_string()));
                }
            }
            other => {
                let len = Inline::plain(std::slice::from_ref(&other)).len();
                if size + len > MAX_PARAGRAPH_PIECE && !current.is_empty() {
                    flush(&mut current, &mut size);
                }
                size += len;
                current.push(other);
            }
        }
    }
    flush(&mut current, &mut size);
    pieces
}

/// Hands out unique ids that are valid XML names (NCName), keeping the model's
/// id when it is one.
#[derive(Debug, Default)]
struct IdAllocator {
    used: HashSet<String>,
    generated: usize,
}

impl IdAllocator {
    fn allocate(&mut self, wanted: &str) -> String {
        if is_ncname(wanted) && !self.used.contains(wanted) {
            self.used.insert(wanted.to_string());
            return wanted.to_string();
        }
        loop {
            self.generated += 1;
            let candidate = format!("heading-{}", self.generated);
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Whether `s` is an XML NCName (a valid `id`): a letter or `_` first, then
/// letters, digits, `-`, `_`, `.`. Example: `h12` yes, `12` and `第1章 a` no.
pub fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    is_name_start(first) && chars.all(|c| is_name_start(c) || is_name_char(c))
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}'
            | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
            | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | '.' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether a character may appear in an XML 1.0 document at all.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Text with the characters XML cannot hold (C0 controls, U+FFFE/U+FFFF) removed.
pub fn clean_text(s: &str) -> String {
    s.chars().filter(|&c| is_xml_char(c)).collect()
}

/// Escape text for element content and double-quoted attributes alike,
/// dropping characters XML cannot hold.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Copies `s` a stretch at a time between the bytes that need escaping or
/// dropping; every such character is ASCII except U+FFFE and U+FFFF (UTF-8
/// `EF BF BE`, `EF BF BF`), so no other byte needs a look at its character.
fn push_escaped(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1F => ("", 1),
            0xEF if bytes[i + 1] == 0xBF && matches!(bytes[i + 2], 0xBE | 0xBF) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&s[copied..]);
}

/// Writes XHTML for blocks and inlines; all text goes through [`escape`].
#[derive(Debug, Default)]
struct XhtmlWriter<'a> {
    out: String,
    /// The book's language, against which each block's is compared.
    book_lang: &'a str,
}

impl XhtmlWriter<'_> {
    /// Open a block element, with `lang`/`xml:lang` when `text` is in another
    /// language than the book's.
    fn open_block(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) {
        match foreign_language(text, self.book_lang) {
            Some(lang) => {
                let mut all = attrs.to_vec();
                all.extend([("lang", lang.as_str()), ("xml:lang", lang.as_str())]);
                self.open(tag, &all);
            }
            None => self.open(tag, attrs),
        }
    }

    fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            push_escaped(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
    }

    fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    fn empty(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.open(tag, attrs);
        self.out.pop();
        self.out.push_str("/>");
    }

    /// Text where a `\n` is a line break inside the block.
    fn text(&mut self, s: &str) {
        let mut lines = s.split('\n');
        if let Some(first) = lines.next() {
            push_escaped(&mut self.out, first);
        }
        for line in lines {
            self.empty("br", &[]);
            push_escaped(&mut self.out, line);
        }
    }

    fn heading(&mut self, level: u8, outline_level: u8, id: &str, text: &str) {
        let tag = format!("h{level}");
        let aria = outline_level.to_string();
        let attrs: &[(&str, &str)] =
            if outline_level == level { &[("id", id)] } else { &[("id", id), ("aria-level", &aria)] };
        self.open_block(&tag, attrs, text);
        self.text(text);
        self.close(&tag);
        self.out.push('\n');
    }

    fn block(&mut self, block: &Block, assets: &AssetNames) {
        match block {
            Block::Heading { level, text, .. } => {
                // A heading nested in a list or quote: keep the level, no TOC entry.
                let level = (*level).clamp(1, MAX_HEADING_LEVEL);
                let tag = format!("h{level}");
                self.open_block(&tag, &[], text);
                self.text(text);
                self.close(&tag);
            }
            Block::Paragraph { text, inlines } => {
                self.open_block("p", &[], text);
                if inlines.is_empty() {
                    self.text(text);
                } else {
                    self.inlines(inlines);
                }
                self.close("p");
            }
            Block::List { ordered, start, items, .. } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let start = start.filter(|&s| *ordered && s != 1).map(|s| s.to_string());
                match &start {
                    Some(s) => self.open(tag, &[("start", s)]),
                    None => self.open(tag, &[]),
                }
                for item in items {
                    let item_text: String = item.iter().map(Block::text).collect::<Vec<_>>().join("\n");
                    self.open_block("li", &[], &item_text);
                    match item.as_slice() {
                        // A tight item: its text straight in the <li>, one block to a reader.
                        [Block::Paragraph { text, inlines }] => {
                            if inlines.is_empty() {
                                self.text(text);
                            } else {
                                self.inlines(inlines);
                            }
                        }
                        blocks => {
                            for b in blocks {
                                self.block(b, assets);
                            }
                        }
                    }
                    self.close("li");
                }
                self.close(tag);
            }
            Block::BlockQuote { blocks, .. } => {
                self.open("blockquote", &[]);
                for b in blocks {
                    self.block(b, assets);
                }
                self.close("blockquote");
            }
            Block::CodeBlock { language, text } => {
                self.open("pre", &[]);
                let class = language.as_deref().map(code_class).filter(|c| !c.is_empty());
                match &class {
                    Some(c) => self.open("code", &[("class", c)]),
                    None => self.open("code", &[]),
                }
                // Not `text()`: inside <pre> a newline is a newline.
                push_escaped(&mut self.out, text.trim_end_matches('\n'));
                self.close("code");
                self.close("pre");
            }
            Block::Table { header, rows, text } => {
                self.open_block("table", &[], text);
                if !header.is_empty() {
                    self.open("thead", &[]);
                    self.open("tr", &[]);
                    for cell in header {
                        self.open("th", &[("scope", "col")]);
                        self.inlines(cell);
                        self.close("th");
                    }
                    self.close("tr");
                    self.close("thead");
                }
                if !rows.is_empty() {
                    self.open("tbody", &[]);
                    for row in rows {
                        self.open("tr", &[]);
                        for cell in row {
                            self.open("td", &[]);
                            self.inlines(cell);
                            self.close("td");
                        }
                        self.close("tr");
                    }
                    self.close("tbody");
                }
                self.close("table");
            }
            Block::Image { src, alt, title, text } => {
                self.open("figure", &[]);
                if let Some(href) = assets.get(src) {
                    match title {
                        Some(t) => self.empty("img", &[("src", href), ("alt", alt), ("title", t)]),
                        None => self.empty("img", &[("src", href), ("alt", alt)]),
                    }
                }
                // The caption carries the block's text, so nothing of it is lost
                // even when the image itself could not be embedded.
                let caption = if text.trim().is_empty() { alt.as_str() } else { text.as_str() };
                if !caption.trim().is_empty() {
                    self.open_block("figcaption", &[], caption);
                    self.text(caption);
                    self.close("figcaption");
                }
                self.close("figure");
            }
            Block::ThematicBreak { text } => {
                if text.trim().is_empty() {
                    self.empty("hr", &[]);
                } else {
                    // A drawn break ("* * *", "◇"): keep its characters.
                    self.open_block("p", &[("class", "break")], text);
                    self.text(text);
                    self.close("p");
                }
            }
        }
        self.out.push('\n');
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.text(t),
                Inline::Emphasis(c) => {
                    self.open("em", &[]);
                    self.inlines(c);
                    self.close("em");
                }
                Inline::Strong(c) => {
                    self.open("strong", &[]);
                    self.inlines(c);
                    self.close("strong");
                }
                Inline::Code(t) => {
                    self.open("code", &[]);
                    push_escaped(&mut self.out, t);
                    self.close("code");
                }
                Inline::Link { url, children } => {
                    if is_external_url(url) {
                        self.open("a", &[("href", &valid_url(url))]);
                        self.inlines(children);
                        self.close("a");
                    } else {
                        // A relative link would point at a file the book does not have.
                        self.inlines(children);
                    }
                }
                Inline::LineBreak => self.empty("br", &[]),
                Inline::Ruby { base, text } => {
                    // `<rp>` shows the reading in brackets where ruby is not laid out.
                    self.open("ruby", &[]);
                    push_escaped(&mut self.out, base);
                    self.out.push_str("<rp>(</rp><rt>");
                    push_escaped(&mut self.out, text);
                    self.out.push_str("</rt><rp>)</rp></ruby>");
                }
                Inline::FootnoteRef(label) => {
                    self.open("sup", &[("class", "noteref")]);
                    self.text(&format!("[{label}]"));
                    self.close("sup");
                }
            }
        }
    }
}

/// `language-rust` for a code block tagged `rust`; only name characters kept.
fn code_class(language: &str) -> String {
    let clean: String =
        language.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#')).collect();
    if clean.is_empty() {
        clean
    } else {
        format!("language-{clean}")
    }
}

/// Absolute links a reader can open; anything else is rendered as plain text.
fn is_external_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `url` as a valid URL for EPUBCheck (RSC-020): a `%` not starting an
/// escape becomes `%25`, and characters URLs may not hold (`<`, `>`, `"`,
/// `` ` ``, `{`, `}`, `|`, `\`, `^`, spaces) are percent-encoded. Non-ASCII
/// stays (IRIs are allowed).
fn valid_url(url: &str) -> String {
    let url = url.trim();
    let bytes = url.as_bytes();
    let mut out = String::with_capacity(url.len());
    for (i, c) in url.char_indices() {
        match c {
            '%' if bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) => out.push('%'),
            '%' | '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^' | ' ' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_a_stretch_at_a_time_is_escaping_each_character() {
        let by_character = |s: &str| -> String {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&apos;"),
                    c if is_xml_char(c) => out.push(c),
                    _ => {}
                }
            }
            out
        };
        for s in [
            "",
            "plain",
            "Tom & \"Jerry\" <b>'s</b>\tend\r\n",
            "他说：“<好>”\u{1}\u{1F}\u{7F}\u{FFFE}\u{FFFF}\u{FFFD}\u{FFEF}\u{EFBF}末",
            "\u{FFFF}",
            "吾輩は「猫」である\u{0}",
            "\u{10FFFF}\u{E000}\u{D7FF}",
        ] {
            assert_eq!(escape(s), by_character(s), "{s:?}");
        }
    }
    use crate::model::Block;

    #[test]
    fn one_huge_paragraph_is_split_across_files() {
        let line = "长".repeat(3 * MAX_SECTION_BYTES / 3) + &"word ".repeat(MAX_SECTION_BYTES / 5);
        let blocks = vec![Block::paragraph(line.clone())];
        let sections = split_sections(&blocks, &AssetNames::new(), "zh-Hans");
        assert!(sections.len() >= 3, "{}", sections.len());
        assert!(sections.iter().all(|s| s.body.len() <= MAX_SECTION_BYTES), "a file over the limit");
        let text: String = sections
            .iter()
            .map(|s| s.body.replace("<p lang=\"en\" xml:lang=\"en\">", "").replace("<p>", "").replace("</p>", ""))
            .collect();
        assert_eq!(text.replace('\n', ""), line);
    }

    #[test]
    fn links_are_valid_urls() {
        assert_eq!(valid_url("https://example.com/%zz"), "https://example.com/%25zz");
        assert_eq!(valid_url("https://example.com/?q=<x>"), "https://example.com/?q=%3Cx%3E");
        assert_eq!(valid_url("https://example.com/a%20b?x=1&y=2"), "https://example.com/a%20b?x=1&y=2");
        assert_eq!(valid_url("https://例子.中国/路径"), "https://例子.中国/路径");
    }

    fn heading(level: u8, id: &str, text: &str) -> Block {
        Block::Heading { level, id: id.into(), text: text.into() }
    }

    #[test]
    fn escapes_markup_and_drops_xml_invalid_characters() {
        assert_eq!(escape("a<b>&\"c'\u{1}\u{FFFF}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("《三体》“引号”"), "《三体》“引号”");
    }

    #[test]
    fn ncname_accepts_model_ids_and_rejects_digits_first() {
        assert!(is_ncname("h12"));
        assert!(is_ncname("第一章"));
        assert!(!is_ncname("12"));
        assert!(!is_ncname("第1章 a"));
        assert!(!is_ncname(""));
    }

    #[test]
    fn ids_are_kept_when_valid_and_replaced_when_not_or_duplicated() {
        let blocks = vec![heading(1, "h1", "一"), heading(2, "1 bad", "二"), heading(2, "h1", "三")];
        let sections = split_sections(&blocks, &AssetNames::new(), "zh-Hans");
        let ids: Vec<_> = sections.iter().flat_map(|s| s.headings.iter().map(|h| h.id.clone())).collect();
        assert_eq!(ids, ["h1", "heading-1", "heading-2"]);
    }

    #[test]
    fn splits_at_level_one_headings_with_front_matter_apart() {
        let blocks = vec![
            Block::paragraph("前言"),
            heading(1, "h1", "第一章"),
            Block::paragraph("正文"),
            heading(2, "h2", "第一节"),
            heading(1, "h3", "第二章"),
        ];
        let sections = split_sections(&blocks, &AssetNames::new(), "zh-Hans");
        assert_eq!(sections.len(), 3);
        assert!(sections[0].headings.is_empty());
        assert_eq!(sections[1].headings.len(), 2);
        assert!(sections[1].body.starts_with("<h1 id=\"h1\">第一章</h1>"));
        assert!(sections[2].body.contains("<h1 id=\"h3\">"));
    }

    #[test]
    fn splits_long_chapters_below_the_size_limit() {
        let para = "字".repeat(10_000); // 30 KB of UTF-8
        let mut blocks = vec![heading(1, "h1", "长章")];
        blocks.extend((0..30).map(|_| Block::paragraph(para.clone())));
        let sections = split_sections(&blocks, &AssetNames::new(), "zh-Hans");
        assert!(sections.len() >= 4, "{} files", sections.len());
        assert!(sections.iter().all(|s| s.body.len() <= MAX_SECTION_BYTES));
        let total: usize = sections.iter().map(|s| s.body.matches("<p>").count()).sum();
        assert_eq!(total, 30);
    }

    #[test]
    fn heading_levels_never_skip_and_stop_at_six() {
        let levels = |model: &[u8]| -> Vec<u8> {
            let blocks: Vec<_> = model.iter().enumerate().map(|(n, &l)| heading(l, &format!("h{n}"), "x")).collect();
            split_sections(&blocks, &AssetNames::new(), "en")
                .iter()
                .flat_map(|s| s.headings.clone())
                .map(|h| h.level)
                .collect()
        };
        // A part with articles straight under it, then a part with a column between.
        assert_eq!(levels(&[1, 3, 3, 1, 2, 3, 2, 3]), [1, 2, 2, 1, 2, 3, 2, 3]);
        // A book whose first heading is deep still starts at h1.
        assert_eq!(levels(&[3, 4, 3]), [1, 2, 1]);
        assert_eq!(levels(&[1, 2, 3, 4, 5, 6, 9]), [1, 2, 3, 4, 5, 6, 6]);
        let sections = split_sections(&[heading(9, "h1", "deep")], &AssetNames::new(), "en");
        assert!(sections[0].body.starts_with("<h6 id=\"h1\" aria-level=\"1\">deep</h6>"), "{}", sections[0].body);
        // The element keeps the document's level; the outline level rides along.
        let sections = split_sections(&[heading(1, "a", "Part"), heading(3, "b", "Article")], &AssetNames::new(), "en");
        assert!(sections[0].body.contains("<h3 id=\"b\" aria-level=\"2\">Article</h3>"), "{}", sections[0].body);
        assert!(sections[0].body.contains("<h1 id=\"a\">Part</h1>"));
    }

    #[test]
    fn blocks_in_another_language_than_the_book_carry_lang() {
        let blocks = vec![
            heading(1, "h1", "Chapter One"),
            Block::paragraph("The ferry left at seven, whatever the weather."),
            Block::paragraph("这是中文的段落。"),
            Block::paragraph("2023"),
        ];
        let body = &split_sections(&blocks, &AssetNames::new(), "zh-Hans")[0].body;
        assert!(body.contains("<h1 id=\"h1\" lang=\"en\" xml:lang=\"en\">Chapter One</h1>"), "{body}");
        assert!(body.contains("<p lang=\"en\" xml:lang=\"en\">The ferry"), "{body}");
        assert!(body.contains("<p>这是中文的段落。</p>"), "{body}");
        assert!(body.contains("<p>2023</p>"), "{body}");
        // A Chinese quotation in an English book; kanji-only text in a Japanese book stays unmarked.
        assert_eq!(foreign_language("这是一本书。", "en"), Some("zh-Hans".into()));
        assert_eq!(foreign_language("第一章", "ja"), None);
        assert_eq!(foreign_language("吾輩は猫である。", "zh-Hant"), Some("ja".into()));
        assert_eq!(foreign_language("這個國家的人說", "zh-Hans"), None);
    }

    #[test]
    fn renders_every_block_type() {
        let blocks = vec![
            Block::rich_paragraph(vec![
                Inline::Text("a ".into()),
                Inline::Emphasis(vec![Inline::Text("e".into())]),
                Inline::Strong(vec![Inline::Text("s".into())]),
                Inline::Code("c<".into()),
                Inline::Link { url: "https://example.org/?a=1&b=2".into(), children: vec![Inline::Text("l".into())] },
                Inline::Link { url: "other.md".into(), children: vec![Inline::Text("r".into())] },
                Inline::LineBreak,
                Inline::FootnoteRef("1".into()),
                Inline::Ruby { base: "AI".into(), text: "artificial intelligence".into() },
            ]),
            Block::List { ordered: true, start: Some(3), items: vec![vec![Block::paragraph("x")]], text: "x".into() },
            Block::BlockQuote { blocks: vec![Block::paragraph("q")], text: "q".into() },
            Block::CodeBlock { language: Some("rust".into()), text: "fn main() {}\n".into() },
            Block::Table {
                header: vec![vec![Inline::Text("H".into())]],
                rows: vec![vec![vec![Inline::Text("D".into())]]],
                text: "H\nD".into(),
            },
            Block::Image { src: "a.png".into(), alt: "alt".into(), title: None, text: "cap".into() },
            Block::ThematicBreak { text: String::new() },
            Block::ThematicBreak { text: "* * *".into() },
        ];
        let mut assets = AssetNames::new();
        assets.insert("a.png".into(), "images/image-001.png".into());
        let body = &split_sections(&blocks, &assets, "en")[0].body;
        for needle in [
            "<p>a <em>e</em><strong>s</strong><code>c&lt;</code><a href=\"https://example.org/?a=1&amp;b=2\">l</a>r<br/><sup class=\"noteref\">[1]</sup><ruby>AI<rp>(</rp><rt>artificial intelligence</rt><rp>)</rp></ruby></p>",
            "<ol start=\"3\"><li>x</li></ol>",
            "<blockquote><p>q</p>\n</blockquote>",
            "<pre><code class=\"language-rust\">fn main() {}</code></pre>",
            "<thead><tr><th scope=\"col\">H</th></tr></thead><tbody><tr><td>D</td></tr></tbody>",
            "<figure><img src=\"images/image-001.png\" alt=\"alt\"/><figcaption>cap</figcaption></figure>",
            "<hr/>",
            "<p class=\"break\">* * *</p>",
        ] {
            assert!(body.contains(needle), "missing {needle} in\n{body}");
        }
    }
}
