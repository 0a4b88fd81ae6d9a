//! The embedded body font: the book's face subset to the characters it uses.
//!
//! Takes the document; returns a standalone OpenType (CFF) font with a Unicode
//! `cmap`, the metrics tables and `name`/`OS/2`/`post` (allsorts' minimal
//! profile), holding only the glyphs the book's text needs. The bundled face
//! is 24 MB; a novel's subset is a few hundred KB.
//!
//! The subset has no OpenType layout tables, so a reader cannot apply the
//! face's `locl` substitutions itself: each character is shaped alone in the
//! book's language (rustybuzz) first, and the subset's `cmap` maps it to the
//! glyph that gives, so a Japanese or Traditional Chinese book set in the
//! Simplified-Chinese face gets its own regional forms (直, 骨, 、。 in
//! Traditional books centred).

use crate::error::{Error, Result};
use crate::fonts::{self, Weight};
use crate::model::{Block, Document, Inline};
use allsorts::binary::read::ReadScope;
use allsorts::error::ParseError;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tables::FontTableProvider;
use allsorts::tag;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The regular face chosen for `doc`, subset to its characters in the
/// forms of its language, as OpenType.
pub fn body_subset(doc: &Document) -> Result<Vec<u8>> {
    let bytes = fonts::face(Weight::Regular, &fonts::Needs::of_document(doc))?;
    let face = rustybuzz::Face::from_slice(&bytes, bytes.index())
        .ok_or_else(|| font_error("the bundled font cannot be parsed"))?;
    let glyphs = localised_glyphs(&face, &doc.metadata.language, used_chars(doc));
    // Glyph 0 (.notdef) first, as the subsetter requires; then every glyph a
    // used character maps to, in id order so the output is stable.
    let mut ids: BTreeSet<u16> = glyphs.values().copied().collect();
    ids.remove(&0);
    let ids: Vec<u16> = std::iter::once(0).chain(ids).collect();

    let font = ReadScope::new(&bytes).read::<FontData<'_>>().map_err(|e| font_error(&e.to_string()))?;
    let provider = font.table_provider(bytes.index() as usize).map_err(|e| font_error(&e.to_string()))?;
    let provider = WithCmap { inner: &provider, cmap: cmap_table(&glyphs) };
    subset(&provider, &ids, &SubsetProfile::Minimal, CmapTarget::Unicode).map_err(|e| font_error(&e.to_string()))
}

/// Each character the face has, with the glyph it takes in `language`:
/// the face's `locl` substitution for that language when it has one
/// (`直` in Japanese), else its `cmap` glyph.
fn localised_glyphs(face: &rustybuzz::Face<'_>, language: &str, chars: BTreeSet<char>) -> BTreeMap<char, u16> {
    let lang = language.parse::<rustybuzz::Language>().ok();
    let cjk = crate::model::is_cjk_language(language);
    let mut glyphs = BTreeMap::new();
    for c in chars {
        let Some(plain) = face.glyph_index(c) else { continue };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(c.encode_utf8(&mut [0; 4]));
        if let Some(l) = &lang {
            buffer.set_language(l.clone());
        }
        buffer.guess_segment_properties();
        // CJK punctuation is of no script alone; in a CJK book it is set
        // with the ideographs, whose `locl` forms it has (`、。` centred in
        // Traditional Chinese).
        if cjk && !c.is_ascii() {
            buffer.set_script(rustybuzz::script::HAN);
        }
        let shaped = rustybuzz::shape(face, &[], buffer);
        let glyph = match shaped.glyph_infos() {
            [one] if one.glyph_id != 0 => one.glyph_id as u16,
            _ => plain.0,
        };
        glyphs.insert(c, glyph);
    }
    glyphs
}

/// A Unicode `cmap` table (one format 12 subtable, Windows full repertoire)
/// mapping each character to its glyph. Written by hand: allsorts builds a
/// subset's cmap only from the source font's own.
fn cmap_table(glyphs: &BTreeMap<char, u16>) -> Vec<u8> {
    const HEADER: u32 = 4 + 8; // version, count; one encoding record
    const SUBTABLE_HEADER: u32 = 16;
    let groups = glyphs.len() as u32;
    let length = SUBTABLE_HEADER + 12 * groups;
    let mut t = Vec::with_capacity((HEADER + length) as usize);
    t.extend(0u16.to_be_bytes()); // version
    t.extend(1u16.to_be_bytes()); // one subtable
    t.extend(3u16.to_be_bytes()); // Windows
    t.extend(10u16.to_be_bytes()); // Unicode full repertoire
    t.extend(HEADER.to_be_bytes()); // its offset
    t.extend(12u16.to_be_bytes()); // format 12
    t.extend(0u16.to_be_bytes());
    t.extend(length.to_be_bytes());
    t.extend(0u32.to_be_bytes()); // language
    t.extend(groups.to_be_bytes());
    for (&c, &g) in glyphs {
        t.extend((c as u32).to_be_bytes());
        t.extend((c as u32).to_be_bytes());
        t.extend(u32::from(g).to_be_bytes());
    }
    t
}

/// The source font as the subsetter sees it, with the book's own `cmap`.
struct WithCmap<'a, P> {
    inner: &'a P,
    cmap: Vec<u8>,
}

impl<P: FontTableProvider> FontTableProvider for WithCmap<'_, P> {
    fn table_data(&self, tag: u32) -> std::result::Result<Option<Cow<'_, [u8]>>, ParseError> {
        if tag == tag::CMAP {
            return Ok(Some(Cow::Borrowed(&self.cmap)));
        }
        self.inner.table_data(tag)
    }

    fn has_table(&self, tag: u32) -> bool {
        tag == tag::CMAP || self.inner.has_table(tag)
    }

    fn table_tags(&self) -> Option<Vec<u32>> {
        self.inner.table_tags()
    }
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

    /// The outline of `c` in `font`, as the path commands drawing it.
    fn outline(font: &[u8], c: char) -> String {
        struct Path(String);
        impl rustybuzz::ttf_parser::OutlineBuilder for Path {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.push_str(&format!("M{x} {y}"));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.push_str(&format!("L{x} {y}"));
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0.push_str(&format!("Q{a} {b} {x} {y}"));
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0.push_str(&format!("C{a} {b} {c} {d} {x} {y}"));
            }
            fn close(&mut self) {
                self.0.push('Z');
            }
        }
        let face = rustybuzz::Face::from_slice(font, 0).unwrap();
        let mut path = Path(String::new());
        face.outline_glyph(face.glyph_index(c).unwrap(), &mut path);
        path.0
    }

    #[test]
    fn japanese_and_traditional_books_get_their_own_forms() {
        let book = |language: &str| Document {
            metadata: Metadata { title: "直骨".into(), language: language.into(), ..Default::default() },
            blocks: vec![Block::paragraph("直骨、。A")],
            ..Default::default()
        };
        let (sc, ja, tc) = (
            body_subset(&book("zh-Hans")).unwrap(),
            body_subset(&book("ja")).unwrap(),
            body_subset(&book("zh-TW")).unwrap(),
        );
        for c in ['直', '骨'] {
            assert_ne!(outline(&sc, c), outline(&ja, c), "{c}: the Japanese form");
        }
        // Traditional Chinese centres its comma and full stop.
        assert_ne!(outline(&sc, '。'), outline(&tc, '。'));
        assert_eq!(outline(&sc, 'A'), outline(&ja, 'A'), "Latin has one form");
    }
}
