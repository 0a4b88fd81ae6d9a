//! The embedded body font: the book's face subset to the characters it uses.
//!
//! Takes the document; returns a standalone OpenType (CFF) font with a Unicode
//! `cmap`, the metrics tables and `name`/`OS/2`/`post` (allsorts' minimal
//! profile), holding only the glyphs the book's text needs. The bundled face
//! is 24 MB; a novel's subset is a few hundred KB.

use crate::error::{Error, Result};
use crate::fonts::{self, Weight};
use crate::model::{Block, Document, Inline};
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use std::collections::BTreeSet;

/// The regular face chosen for `doc`, subset to its characters, as OpenType.
pub fn body_subset(doc: &Document) -> Result<Vec<u8>> {
    let bytes = fonts::face(Weight::Regular, &fonts::Needs::of_document(doc))?;
    let face = rustybuzz::Face::from_slice(&bytes, bytes.index())
        .ok_or_else(|| font_error("the bundled font cannot be parsed"))?;
    // Glyph 0 (.notdef) first, as the subsetter requires; then every glyph a
    // used character maps to, in id order so the output is stable.
    let mut glyphs: BTreeSet<u16> = BTreeSet::new();
    for c in used_chars(doc) {
        if let Some(g) = face.glyph_index(c) {
            glyphs.insert(g.0);
        }
    }
    glyphs.remove(&0);
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();

    let font = ReadScope::new(&bytes).read::<FontData<'_>>().map_err(|e| font_error(&e.to_string()))?;
    let provider = font.table_provider(bytes.index() as usize).map_err(|e| font_error(&e.to_string()))?;
    subset(&provider, &ids, &SubsetProfile::Minimal, CmapTarget::Unicode).map_err(|e| font_error(&e.to_string()))
}

fn font_error(message: &str) -> Error {
    Error::Render { format: "EPUB", message: format!("cannot subset the body font: {message}") }
}

/// Every character the book shows: metadata for the title page and all block
/// text, plus the digits and ASCII punctuation readers draw themselves
/// (page numbers, footnote markers).
fn used_chars(doc: &Document) -> BTreeSet<char> {
    let mut chars: BTreeSet<char> = (' '..='~').collect();
    let m = &doc.metadata;
    let mut add = |s: &str| chars.extend(s.chars());
    add(&m.title);
    for s in [&m.subtitle, &m.publisher, &m.date].into_iter().flatten() {
        add(s);
    }
    for a in &m.authors {
        add(&a.name);
    }
    let mut text = String::new();
    for b in &doc.blocks {
        push_block_text(b, &mut text);
    }
    add(&text);
    // Labels of the contents and landmarks pages.
    add("目录目錄目次차례封面表紙正文本文ContentsGuideCoverStart");
    chars
}

fn push_block_text(block: &Block, out: &mut String) {
    out.push_str(block.text());
    match block {
        Block::List { items, .. } => items.iter().flatten().for_each(|b| push_block_text(b, out)),
        Block::BlockQuote { blocks, .. } => blocks.iter().for_each(|b| push_block_text(b, out)),
        Block::Table { header, rows, .. } => {
            for cell in header.iter().chain(rows.iter().flatten()) {
                out.push_str(&Inline::plain(cell));
            }
        }
        Block::Image { alt, title, .. } => {
            out.push_str(alt);
            out.push_str(title.as_deref().unwrap_or(""));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Metadata;

    #[test]
    fn subset_is_a_standalone_font_with_the_used_characters() {
        let doc = Document {
            metadata: Metadata { title: "汉字".into(), language: "zh".into(), ..Default::default() },
            blocks: vec![Block::paragraph("吾輩は猫である。")],
            ..Default::default()
        };
        let font = body_subset(&doc).unwrap();
        assert!(font.len() < 200_000, "{} bytes", font.len());
        let face = rustybuzz::Face::from_slice(&font, 0).expect("subset parses as a font");
        for c in "汉字吾輩は猫である。A1".chars() {
            assert!(face.glyph_index(c).is_some(), "{c} missing from the subset");
        }
        assert!(face.glyph_index('鬱').is_none());
        assert_eq!(font, body_subset(&doc).unwrap(), "subsetting is deterministic");
    }
}
