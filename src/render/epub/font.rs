//! The embedded fonts: the book's regular face subset to the characters it
//! uses, and its bold face subset to the characters set bold (headings, the
//! title, `strong`, table headers), so headings are real bold, not smeared.
//!
//! Takes the document; returns standalone OpenType (CFF) fonts with a Unicode
//! `cmap`, the metrics tables and `name`/`OS/2`/`post` (allsorts' minimal
//! profile), holding only the glyphs the book's text needs. The bundled faces
//! are 24 MB each; a novel's subsets are a few hundred KB.
//!
//! allsorts keeps no OpenType layout tables in a CFF subset, so a reader
//! cannot apply the face's `locl` substitutions itself: each character is
//! shaped alone in the book's language (rustybuzz) first, and the subset's
//! `cmap` maps it to the glyph that gives, so a Japanese or Traditional
//! Chinese book set in the Simplified-Chinese face gets its own regional
//! forms (直, 骨, 、。 in Traditional books centred). A vertical book's subset
//! also gets a one-lookup `GSUB` with the face's `vert` forms of those glyphs
//! (「」、。ー turned for a column), which a reader applies only where the
//! line runs down: a horizontal title page keeps the horizontal forms.

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

/// The faces embedded in one book, as OpenType.
pub struct Subsets {
    /// The regular face, with every character the book shows.
    pub regular: Vec<u8>,
    /// The bold face with the characters set bold; `None` when no bold face
    /// is to be had (the reader then thickens the regular one).
    pub bold: Option<Vec<u8>>,
}

/// The faces chosen for `doc`, subset to its characters in the forms of its
/// language; with the `vert` forms when the book is set `vertical`.
pub fn subsets(doc: &Document, vertical: bool) -> Result<Subsets> {
    let needs = fonts::Needs::of_document(doc);
    let language = &doc.metadata.language;
    let regular = fonts::face(Weight::Regular, &needs)?;
    let bold = match fonts::face(Weight::Bold, &needs) {
        Ok(face) => Some(subset_face(&face, face.index(), language, bold_chars(doc), vertical)?),
        Err(_) => None,
    };
    Ok(Subsets { regular: subset_face(&regular, regular.index(), language, used_chars(doc), vertical)?, bold })
}

/// One face (`bytes`, the font at `index` of a collection) subset to
/// `chars` in `language`'s forms.
fn subset_face(bytes: &[u8], index: u32, language: &str, chars: BTreeSet<char>, vertical: bool) -> Result<Vec<u8>> {
    let face = rustybuzz::Face::from_slice(bytes, index).ok_or_else(|| font_error("the font cannot be parsed"))?;
    let glyphs = localised_glyphs(&face, language, chars);
    let turned = if vertical { vertical_forms(&face, language, &glyphs) } else { BTreeMap::new() };
    // Glyph 0 (.notdef) first, as the subsetter requires; then every glyph a
    // used character maps to and its vertical form, in id order so the
    // output is stable.
    let mut ids: BTreeSet<u16> = glyphs.values().chain(turned.values()).copied().collect();
    ids.remove(&0);
    let ids: Vec<u16> = std::iter::once(0).chain(ids).collect();

    let font = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|e| font_error(&e.to_string()))?;
    let provider = font.table_provider(index as usize).map_err(|e| font_error(&e.to_string()))?;
    let provider = WithCmap { inner: &provider, cmap: cmap_table(&glyphs) };
    let subset = subset(&provider, &ids, &SubsetProfile::Minimal, CmapTarget::Unicode)
        .map_err(|e| font_error(&e.to_string()))?;
    if turned.is_empty() {
        return Ok(subset);
    }
    // The subset numbers its glyphs by their place in `ids`.
    let new_id = |old: u16| ids.binary_search(&old).map_or(0, |i| i as u16);
    let substitutions: BTreeMap<u16, u16> = turned.iter().map(|(&h, &v)| (new_id(h), new_id(v))).collect();
    with_table(&subset, tag::GSUB, vert_gsub(&substitutions))
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

/// The glyphs (of `glyphs`, each character's horizontal form) that the
/// face's `vert` feature turns for a vertical line, with their turned form:
/// each character shaped alone down a column in `language`.
fn vertical_forms(face: &rustybuzz::Face<'_>, language: &str, glyphs: &BTreeMap<char, u16>) -> BTreeMap<u16, u16> {
    let lang = language.parse::<rustybuzz::Language>().ok();
    let mut turned = BTreeMap::new();
    for (&c, &horizontal) in glyphs {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(c.encode_utf8(&mut [0; 4]));
        if let Some(l) = &lang {
            buffer.set_language(l.clone());
        }
        buffer.guess_segment_properties();
        if crate::model::is_cjk_language(language) && !c.is_ascii() {
            buffer.set_script(rustybuzz::script::HAN);
        }
        buffer.set_direction(rustybuzz::Direction::TopToBottom);
        let vert = rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(b"vert"), 1, ..);
        let shaped = rustybuzz::shape(face, &[vert], buffer);
        if let [one] = shaped.glyph_infos() {
            let glyph = one.glyph_id as u16;
            if glyph != 0 && glyph != horizontal {
                turned.insert(horizontal, glyph);
            }
        }
    }
    turned
}

/// A `GSUB` table with one feature, `vert` (for every script and language),
/// whose one lookup substitutes each glyph of `substitutions` (single
/// substitution, format 2). Written by hand: allsorts writes no layout
/// tables into a CFF subset, and this is the only lookup the book needs.
fn vert_gsub(substitutions: &BTreeMap<u16, u16>) -> Vec<u8> {
    let n = substitutions.len() as u16;
    let mut t = Vec::new();
    let u16s = |t: &mut Vec<u8>, values: &[u16]| values.iter().for_each(|v| t.extend(v.to_be_bytes()));
    // Header: version 1.0, then the offsets of the three lists below.
    const HEADER: u16 = 10;
    const SCRIPT_LIST: u16 = HEADER; // count, one record (tag, offset)
    const SCRIPT: u16 = 2 + 6; // default LangSys offset, no other languages
    const LANG_SYS: u16 = 4; // from the Script table
    const FEATURE_LIST: u16 = SCRIPT_LIST + 8 + 4 + 8; // the LangSys: order, required, count, index 0
    const FEATURE: u16 = 2 + 6; // from the FeatureList
    const LOOKUP_LIST: u16 = FEATURE_LIST + 8 + 6; // the Feature: params, count, index 0
    u16s(&mut t, &[1, 0, SCRIPT_LIST, FEATURE_LIST, LOOKUP_LIST]);
    // ScriptList: DFLT, which shapers fall back to for every script.
    u16s(&mut t, &[1]);
    t.extend(b"DFLT");
    u16s(&mut t, &[SCRIPT]);
    u16s(&mut t, &[LANG_SYS, 0]); // Script: default LangSys, no LangSys records
    u16s(&mut t, &[0, 0xFFFF, 1, 0]); // LangSys: no order, no required feature, feature 0
                                      // FeatureList: vert → lookup 0.
    u16s(&mut t, &[1]);
    t.extend(b"vert");
    u16s(&mut t, &[FEATURE]);
    u16s(&mut t, &[0, 1, 0]);
    // LookupList: one lookup of type 1 (single), one subtable.
    const LOOKUP: u16 = 4; // from the LookupList
    const SUBTABLE: u16 = 8; // from the Lookup
    u16s(&mut t, &[1, LOOKUP]);
    u16s(&mut t, &[1, 0, 1, SUBTABLE]);
    // SingleSubst format 2: coverage offset, the substitutes in coverage order.
    let coverage = 6 + 2 * n;
    u16s(&mut t, &[2, coverage, n]);
    u16s(&mut t, &substitutions.values().copied().collect::<Vec<_>>());
    // Coverage format 1: the glyphs, ascending (a BTreeMap's keys are).
    u16s(&mut t, &[1, n]);
    u16s(&mut t, &substitutions.keys().copied().collect::<Vec<_>>());
    t
}

/// `font` (an OpenType font) with the table `tag` added: the same tables
/// rewritten around it, checksums and all (allsorts' whole-font writer).
fn with_table(font: &[u8], tag: u32, table: Vec<u8>) -> Result<Vec<u8>> {
    let data = ReadScope::new(font).read::<FontData<'_>>().map_err(|e| font_error(&e.to_string()))?;
    let provider = data.table_provider(0).map_err(|e| font_error(&e.to_string()))?;
    let mut tags = provider.table_tags().unwrap_or_default();
    tags.push(tag);
    tags.sort_unstable();
    let provider = Added { inner: &provider, tag, table };
    allsorts::subset::whole_font(&provider, &tags).map_err(|e| font_error(&e.to_string()))
}

/// A font with one more table.
struct Added<'a, P> {
    inner: &'a P,
    tag: u32,
    table: Vec<u8>,
}

impl<P: FontTableProvider> FontTableProvider for Added<'_, P> {
    fn table_data(&self, tag: u32) -> std::result::Result<Option<Cow<'_, [u8]>>, ParseError> {
        if tag == self.tag {
            return Ok(Some(Cow::Borrowed(&self.table)));
        }
        self.inner.table_data(tag)
    }

    fn has_table(&self, tag: u32) -> bool {
        tag == self.tag || self.inner.has_table(tag)
    }

    fn table_tags(&self) -> Option<Vec<u32>> {
        self.inner.table_tags().map(|mut tags| {
            tags.push(self.tag);
            tags
        })
    }
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

/// The characters a reader sets bold: headings, the title page's title and
/// subtitle, `strong` text, table headers, the contents page's heading, and
/// ASCII (numbered headings, Latin titles).
fn bold_chars(doc: &Document) -> BTreeSet<char> {
    let mut text = String::from("目录目錄目次차례Contents");
    let m = &doc.metadata;
    text.push_str(&m.title);
    text.push_str(m.subtitle.as_deref().unwrap_or(""));
    for b in &doc.blocks {
        push_bold_text(b, &mut text);
    }
    (' '..='~').chain(text.chars()).collect()
}

fn push_bold_text(block: &Block, out: &mut String) {
    match block {
        Block::Heading { text, .. } => out.push_str(text),
        Block::Paragraph { inlines, .. } => push_strong(inlines, false, out),
        Block::List { items, .. } => items.iter().flatten().for_each(|b| push_bold_text(b, out)),
        Block::BlockQuote { blocks, .. } => blocks.iter().for_each(|b| push_bold_text(b, out)),
        Block::Table { header, rows, .. } => {
            header.iter().for_each(|cell| out.push_str(&Inline::plain(cell)));
            rows.iter().flatten().for_each(|cell| push_strong(cell, false, out));
        }
        Block::ThematicBreak { .. } | Block::CodeBlock { .. } | Block::Image { .. } => {}
    }
}

/// The text of `inlines` inside `strong` (all of it when `inside`).
fn push_strong(inlines: &[Inline], inside: bool, out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Strong(children) => push_strong(children, true, out),
            Inline::Emphasis(children) | Inline::Link { children, .. } => push_strong(children, inside, out),
            Inline::Text(t) | Inline::Code(t) if inside => out.push_str(t),
            Inline::Ruby { base, text } if inside => {
                out.push_str(base);
                out.push_str(text);
            }
            _ => {}
        }
    }
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
        let font = subsets(&doc, false).unwrap().regular;
        assert!(font.len() < 200_000, "{} bytes", font.len());
        let face = rustybuzz::Face::from_slice(&font, 0).expect("subset parses as a font");
        for c in "汉字吾輩は猫である。A1".chars() {
            assert!(face.glyph_index(c).is_some(), "{c} missing from the subset");
        }
        assert!(face.glyph_index('鬱').is_none());
        assert_eq!(font, subsets(&doc, false).unwrap().regular, "subsetting is deterministic");
    }

    /// The outline of `c` in `font`, as the path commands drawing it.
    fn outline(font: &[u8], c: char) -> String {
        let glyph = rustybuzz::Face::from_slice(font, 0).unwrap().glyph_index(c).unwrap();
        glyph_outline(font, 0, glyph.0)
    }

    /// The outline of glyph `glyph` of the face at `index` in `font`.
    fn glyph_outline(font: &[u8], index: u32, glyph: u16) -> String {
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
        let face = rustybuzz::Face::from_slice(font, index).unwrap();
        let mut path = Path(String::new());
        face.outline_glyph(rustybuzz::ttf_parser::GlyphId(glyph), &mut path);
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
            subsets(&book("zh-Hans"), false).unwrap().regular,
            subsets(&book("ja"), false).unwrap().regular,
            subsets(&book("zh-TW"), false).unwrap().regular,
        );
        for c in ['直', '骨'] {
            assert_ne!(outline(&sc, c), outline(&ja, c), "{c}: the Japanese form");
        }
        // Traditional Chinese centres its comma and full stop.
        assert_ne!(outline(&sc, '。'), outline(&tc, '。'));
        assert_eq!(outline(&sc, 'A'), outline(&ja, 'A'), "Latin has one form");
    }

    /// The glyph `c` takes in Japanese in `font` (the face at `index`) when
    /// shaped alone, down a column or across a line.
    fn shaped(font: &[u8], index: u32, c: char, down: bool) -> u16 {
        let face = rustybuzz::Face::from_slice(font, index).unwrap();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(c.encode_utf8(&mut [0; 4]));
        buffer.set_language("ja".parse().unwrap());
        buffer.guess_segment_properties();
        buffer.set_direction(if down { rustybuzz::Direction::TopToBottom } else { rustybuzz::Direction::LeftToRight });
        rustybuzz::shape(&face, &[], buffer).glyph_infos()[0].glyph_id as u16
    }

    #[test]
    fn headings_and_strong_text_get_the_bold_face() {
        let doc = Document {
            metadata: Metadata { title: "梅雨".into(), language: "zh-Hans".into(), ..Default::default() },
            blocks: vec![
                Block::Heading { level: 1, id: crate::model::heading_id(1), text: "第一章 入梅".into() },
                Block::rich_paragraph(vec![
                    Inline::Text("城里的石板路".into()),
                    Inline::Strong(vec![Inline::Text("整天".into())]),
                ]),
            ],
            ..Default::default()
        };
        let fonts = subsets(&doc, false).unwrap();
        let bold = fonts.bold.expect("the bundled bold face");
        let face = rustybuzz::Face::from_slice(&bold, 0).unwrap();
        for c in "第一章入梅雨整天A1".chars() {
            assert!(face.glyph_index(c).is_some(), "{c} is set bold but missing from the bold subset");
        }
        // Plain paragraph text is not set bold, so its glyphs stay out.
        assert!(face.glyph_index('城').is_none() && face.glyph_index('板').is_none());
        for c in ['章', '梅', 'A'] {
            assert_ne!(outline(&bold, c), outline(&fonts.regular, c), "{c}: the bold face's own outline");
        }
    }

    #[test]
    fn a_vertical_subset_turns_punctuation_down_a_column_only() {
        let book = Document {
            metadata: Metadata { title: "駅".into(), language: "ja".into(), ..Default::default() },
            blocks: vec![
                Block::Heading {
                    level: 1, id: crate::model::heading_id(1), text: "「終電」のあと、タクシー。".into()
                },
                Block::paragraph("「タクシー、来ますか。」駅A1"),
            ],
            ..Default::default()
        };
        let vertical = subsets(&book, true).unwrap();
        let horizontal = subsets(&book, false).unwrap();
        for font in [&vertical.regular, vertical.bold.as_ref().unwrap()] {
            for c in ['「', '」', '、', '。', 'ー'] {
                assert_ne!(shaped(font, 0, c, true), shaped(font, 0, c, false), "{c}: its vertical form down a column");
            }
            for c in ['駅', 'A', '1'] {
                assert_eq!(shaped(font, 0, c, true), shaped(font, 0, c, false), "{c} has one form");
            }
        }
        let font = &horizontal.regular;
        for c in ['「', '。', 'ー'] {
            assert_eq!(
                shaped(font, 0, c, true),
                shaped(font, 0, c, false),
                "{c}: a horizontal book's subset has no vert"
            );
        }
        // The turned glyph is the face's own vertical form.
        let source = fonts::face(Weight::Regular, &fonts::Needs::of_document(&book)).unwrap();
        for c in ['「', '。'] {
            assert_eq!(
                glyph_outline(&vertical.regular, 0, shaped(&vertical.regular, 0, c, true)),
                glyph_outline(&source, source.index(), shaped(&source, source.index(), c, true)),
                "{c}"
            );
        }
    }
}
