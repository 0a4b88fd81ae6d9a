//! The document model: what the structure stage builds and every renderer reads.
//!
//! Takes nothing, does nothing: plain serde types. `--to json` serialises
//! [`Document`] so that each block carries a `type` and a plain `text`, the
//! form `../shared/eval/README.md` documents; richer fields (ids, inlines,
//! nested items) ride along and are read back by `serde_json`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole book: metadata and a flat sequence of blocks.
///
/// Headings are blocks too (not a tree), as in pulldown-cmark's event model;
/// renderers that need sections derive them with [`Document::outline`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    #[serde(flatten)]
    pub metadata: Metadata,
    pub blocks: Vec<Block>,
    /// Bytes of the images that blocks refer to, keyed by `Block::Image::src`.
    /// Filled at the I/O boundary (the CLI), never serialised.
    #[serde(skip)]
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// Bibliographic metadata. Everything but `title` and `language` is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Creator>,
    /// BCP 47 tag, e.g. `zh-Hans`, `zh-Hant`, `ja`, `en`.
    pub language: String,
    /// ISBN, URN or UUID; when absent renderers derive a stable UUID from the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// Publication date as given (ISO 8601 preferred: `2023-03`, `2023-03-31`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Series>,
    /// Path of a cover image supplied by the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
}

/// A person who made the book, with a MARC relator role (`aut`, `trl`, `edt`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Creator {
    pub name: String,
    #[serde(default = "default_role")]
    pub role: String,
}

fn default_role() -> String {
    "aut".to_string()
}

impl Creator {
    pub fn author(name: impl Into<String>) -> Self {
        Creator { name: name.into(), role: default_role() }
    }
}

/// The series a book belongs to and its position in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<f64>,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading; level 1 is the top level of the body (below the book title).
    Heading {
        level: u8,
        id: String,
        text: String,
    },
    /// A paragraph. `text` is its plain text; `inlines` its rich form when it
    /// has any markup (empty means one plain text run equal to `text`).
    Paragraph {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        inlines: Vec<Inline>,
    },
    /// A list; each item is a sequence of blocks. `text` is the items' plain text, one per line.
    List {
        ordered: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u64>,
        items: Vec<Vec<Block>>,
        text: String,
    },
    BlockQuote {
        blocks: Vec<Block>,
        text: String,
    },
    CodeBlock {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        text: String,
    },
    /// A table; `header` and each row are cells of inlines.
    Table {
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        text: String,
    },
    /// An image; `src` is a path relative to the input file's folder.
    Image {
        src: String,
        alt: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        text: String,
    },
    ThematicBreak {
        #[serde(default)]
        text: String,
    },
}

/// Inline content of a paragraph, table cell or list item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "content", rename_all = "snake_case")]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Code(String),
    Link {
        url: String,
        children: Vec<Inline>,
    },
    LineBreak,
    FootnoteRef(String),
    /// A base with its ruby reading (`漢字《かんじ》`); the plain text is the base.
    Ruby {
        base: String,
        text: String,
    },
}

impl Inline {
    /// Plain text of a run of inlines (line breaks become `\n`).
    pub fn plain(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            inline.push_plain(&mut out);
        }
        out
    }

    fn push_plain(&self, out: &mut String) {
        match self {
            Inline::Text(t) | Inline::Code(t) | Inline::Ruby { base: t, .. } => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                for i in c {
                    i.push_plain(out);
                }
            }
            Inline::LineBreak => out.push('\n'),
            Inline::FootnoteRef(label) => {
                out.push('[');
                out.push_str(label);
                out.push(']');
            }
        }
    }
}

impl Block {
    /// Calls `f` on every block of `blocks`, then on the blocks inside it
    /// (list items, a block quote's blocks) as they are after `f`, in
    /// document order.
    pub fn visit_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Block)) {
        for b in blocks {
            f(b);
            match b {
                Block::List { items, .. } => items.iter_mut().for_each(|item| Block::visit_mut(item, f)),
                Block::BlockQuote { blocks, .. } => Block::visit_mut(blocks, f),
                _ => {}
            }
        }
    }

    /// A paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph { text: text.into(), inlines: Vec::new() }
    }

    /// A paragraph from rich inlines; plain text is derived.
    pub fn rich_paragraph(inlines: Vec<Inline>) -> Block {
        let text = Inline::plain(&inlines);
        let plain_only = inlines.iter().all(|i| matches!(i, Inline::Text(_)));
        Block::Paragraph { text, inlines: if plain_only { Vec::new() } else { inlines } }
    }

    /// The block's plain text.
    pub fn text(&self) -> &str {
        match self {
            Block::Heading { text, .. }
            | Block::Paragraph { text, .. }
            | Block::List { text, .. }
            | Block::BlockQuote { text, .. }
            | Block::CodeBlock { text, .. }
            | Block::Table { text, .. }
            | Block::Image { text, .. }
            | Block::ThematicBreak { text } => text,
        }
    }

    /// Inlines of a paragraph, with a plain paragraph seen as one text run.
    pub fn inlines(&self) -> Option<Vec<Inline>> {
        match self {
            Block::Paragraph { text, inlines } if inlines.is_empty() => Some(vec![Inline::Text(text.clone())]),
            Block::Paragraph { inlines, .. } => Some(inlines.clone()),
            _ => None,
        }
    }
}

/// One entry of a document's outline, derived from its headings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub id: String,
    /// Index of the heading in [`Document::blocks`].
    #[serde(skip)]
    pub block: usize,
}

impl Document {
    /// Every heading in document order: the book's table of contents.
    pub fn outline(&self) -> Vec<TocEntry> {
        self.blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Block::Heading { level, id, text } => {
                    Some(TocEntry { level: *level, text: text.clone(), id: id.clone(), block: i })
                }
                _ => None,
            })
            .collect()
    }

    /// Number of characters (not bytes) of body text, for sizing decisions.
    pub fn char_count(&self) -> usize {
        self.blocks.iter().map(|b| b.text().chars().count()).sum()
    }

    /// The document with every ruby reading dropped and its base kept as text
    /// (`--no-ruby`); the plain text does not change.
    pub fn drop_ruby(&mut self) {
        fn inlines(list: &mut [Inline]) {
            for i in list.iter_mut() {
                match i {
                    Inline::Ruby { base, .. } => *i = Inline::Text(std::mem::take(base)),
                    Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => inlines(c),
                    _ => {}
                }
            }
        }
        fn blocks(list: &mut [Block]) {
            for b in list.iter_mut() {
                match b {
                    Block::Paragraph { inlines: i, .. } => {
                        inlines(i);
                        if i.iter().all(|x| matches!(x, Inline::Text(_))) {
                            i.clear();
                        }
                    }
                    Block::List { items, .. } => items.iter_mut().for_each(|item| blocks(item)),
                    Block::BlockQuote { blocks: inner, .. } => blocks(inner),
                    Block::Table { header, rows, .. } => {
                        header.iter_mut().for_each(|c| inlines(c));
                        rows.iter_mut().flatten().for_each(|c| inlines(c));
                    }
                    _ => {}
                }
            }
        }
        blocks(&mut self.blocks);
    }

    /// Whether the book's language is Chinese, Japanese or Korean.
    pub fn is_cjk(&self) -> bool {
        is_cjk_language(&self.metadata.language)
    }
}

/// `zh`, `zh-Hans`, `ja`, `ko`, … : languages typeset without spaces between words.
pub fn is_cjk_language(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    matches!(primary.as_str(), "zh" | "ja" | "ko" | "yue" | "wuu" | "cmn" | "lzh")
}

/// A stable, XML-valid id for the `n`-th heading (1-based), independent of its text
/// so that any heading (a Chinese title starting with a digit included) gets a valid name.
pub fn heading_id(n: usize) -> String {
    format!("h{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_in_scorer_form() {
        let doc = Document {
            metadata: Metadata { title: "书".into(), language: "zh-Hans".into(), ..Default::default() },
            blocks: vec![
                Block::Heading { level: 1, id: heading_id(1), text: "第一章".into() },
                Block::paragraph("正文。"),
            ],
            ..Default::default()
        };
        let v = serde_json::to_value(&doc).unwrap();
        assert_eq!(v["title"], "书");
        assert_eq!(v["blocks"][0]["type"], "heading");
        assert_eq!(v["blocks"][0]["level"], 1);
        assert_eq!(v["blocks"][1]["type"], "paragraph");
        assert_eq!(v["blocks"][1]["text"], "正文。");
        let back: Document = serde_json::from_value(v).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn rich_paragraph_keeps_markup_and_plain_text() {
        let b = Block::rich_paragraph(vec![Inline::Text("a ".into()), Inline::Strong(vec![Inline::Text("b".into())])]);
        assert_eq!(b.text(), "a b");
        assert!(matches!(b, Block::Paragraph { ref inlines, .. } if inlines.len() == 2));
        assert_eq!(Block::rich_paragraph(vec![Inline::Text("x".into())]), Block::paragraph("x"));
    }

    #[test]
    fn ruby_reads_as_its_base_and_drops_cleanly() {
        let ruby = Inline::Ruby { base: "猫".into(), text: "ねこ".into() };
        let mut doc = Document {
            blocks: vec![Block::rich_paragraph(vec![Inline::Text("吾輩は".into()), ruby.clone()])],
            ..Default::default()
        };
        assert_eq!(doc.blocks[0].text(), "吾輩は猫");
        let json = serde_json::to_string(&doc.blocks[0]).unwrap();
        assert!(json.contains(r#"{"type":"ruby","content":{"base":"猫","text":"ねこ"}}"#), "{json}");
        doc.drop_ruby();
        assert_eq!(doc.blocks[0], Block::paragraph("吾輩は猫"));
    }

    #[test]
    fn cjk_languages() {
        assert!(is_cjk_language("zh-Hans"));
        assert!(is_cjk_language("ja"));
        assert!(!is_cjk_language("en-GB"));
    }
}
