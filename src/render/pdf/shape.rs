//! Shaping: a paragraph's text and its face spans to positioned glyphs, once.
//!
//! Takes text; returns [`ShapedGlyph`]s in logical order with advances in ems.
//! Never breaks lines. CJK characters are shaped one at a time and the result
//! is cached per (face, char), so a 5-million-character novel costs one
//! rustybuzz call per distinct ideograph, not per occurrence; everything else
//! (Latin words, digits, combining sequences) goes through rustybuzz in runs
//! with a shape plan built once per (face, script).

use super::fonts::{FaceId, Faces};
use super::punct::{compress_adjacent, squeeze_from_ink, Squeeze};
use crate::text::is_cjk;
use rustybuzz::ttf_parser::Tag;
use rustybuzz::{Direction, Feature, Language, Script, ShapePlan, UnicodeBuffer};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::str::FromStr;

/// Drawn instead of a character no face has: the geta mark, the traditional
/// printer's sign for a missing sort (and present in every CJK font).
pub const REPLACEMENT: char = '〓';

/// One glyph of a shaped paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    pub id: u16,
    pub face: FaceId,
    /// Byte offset in the paragraph text of the cluster this glyph belongs to.
    pub cluster: u32,
    /// Advance and offsets in ems (multiply by the font size).
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Control characters (a line break from `Inline::LineBreak`) take no room and are not drawn.
    pub visible: bool,
}

impl ShapedGlyph {
    /// Test text set one glyph per character, each `advance` ems wide.
    #[cfg(test)]
    pub(crate) fn uniform(text: &str, advance: f32) -> Vec<ShapedGlyph> {
        text.char_indices()
            .map(|(i, _)| ShapedGlyph {
                id: 1,
                face: FaceId::Regular,
                cluster: i as u32,
                advance,
                x_offset: 0.0,
                y_offset: 0.0,
                visible: true,
            })
            .collect()
    }
}

/// A byte range of the text set in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceSpan {
    pub range: Range<usize>,
    pub face: FaceId,
}

#[derive(Debug, Clone, Copy)]
enum Cached {
    /// The character shapes to this single glyph wherever it stands.
    One { id: u16, advance: f32 },
    /// It does not (decomposes, or needs a fallback): shape it each time.
    Complex,
}

/// Shapes text against the faces of one rendering, remembering what it learnt.
pub struct Shaper<'f, 'a> {
    faces: &'f Faces<'a>,
    language: Option<Language>,
    /// OpenType features for every run: `pwid` outside CJK documents.
    features: Vec<Feature>,
    plans: Vec<(FaceId, Script, Direction, ShapePlan)>,
    cache: HashMap<(FaceId, char), Cached>,
    /// Blank sides of punctuation glyphs, read from their ink once per glyph.
    squeezes: HashMap<(FaceId, u16), Squeeze>,
    /// Characters no face could draw (each drawn as [`REPLACEMENT`]).
    pub missing: BTreeSet<char>,
    /// Vertical writing: CJK characters shaped top to bottom ([`super::vertical`]).
    pub vertical: bool,
}

impl<'f, 'a> Shaper<'f, 'a> {
    pub fn new(faces: &'f Faces<'a>, language: &str) -> Self {
        // The bundled CJK face draws quotes, apostrophes and dashes full-width,
        // as Chinese and Japanese set them; English wants its proportional
        // forms (`pardon,” he said`, `man’s`).
        let cjk = ["zh", "ja", "ko"]
            .iter()
            .any(|p| language.split(['-', '_']).next().is_some_and(|l| l.eq_ignore_ascii_case(p)));
        let features = if cjk { Vec::new() } else { vec![Feature::new(Tag::from_bytes(b"pwid"), 1, ..)] };
        Shaper {
            faces,
            features,
            language: Language::from_str(language).ok(),
            plans: Vec::new(),
            cache: HashMap::new(),
            squeezes: HashMap::new(),
            missing: BTreeSet::new(),
            vertical: false,
        }
    }

    /// The book's language tag as the shaper was given it (lowercased), `""` if none.
    pub fn language(&self) -> &str {
        self.language.as_ref().map_or("", |l| l.as_str())
    }

    /// Shape `text` with one face throughout.
    pub fn shape_plain(&mut self, text: &str, face: FaceId, out: &mut Vec<ShapedGlyph>) {
        self.shape(text, &[FaceSpan { range: 0..text.len(), face }], out);
    }

    /// Shape `text`, span by span, appending glyphs to `out` in logical order.
    pub fn shape(&mut self, text: &str, spans: &[FaceSpan], out: &mut Vec<ShapedGlyph>) {
        let first = out.len();
        for span in spans {
            let face = self.faces.resolve(span.face);
            let mut run_start = None;
            for (i, c) in text[span.range.clone()].char_indices() {
                let at = span.range.start + i;
                let kind = CharKind::of(c);
                if kind == CharKind::Complex {
                    run_start.get_or_insert(at);
                    continue;
                }
                if let Some(s) = run_start.take() {
                    self.shape_run(text, s..at, face, out);
                }
                match kind {
                    CharKind::Control => out.push(ShapedGlyph {
                        id: 0,
                        face,
                        cluster: at as u32,
                        advance: 0.0,
                        x_offset: 0.0,
                        y_offset: 0.0,
                        visible: false,
                    }),
                    _ => self.shape_cjk_char(text, at, c, face, out),
                }
            }
            if let Some(s) = run_start {
                self.shape_run(text, s..span.range.end, face, out);
            }
        }
        if self.vertical {
            super::vertical::set_numbers_across(text, &mut out[first..]);
        }
    }

    /// Set adjacent CJK punctuation marks of `glyphs` (shaped from `text`)
    /// half an em closer ([`compress_adjacent`]), reading each mark's blank
    /// side from its glyph in the font.
    pub fn compress_punctuation(&mut self, text: &str, glyphs: &mut [ShapedGlyph]) {
        if self.vertical {
            return; // the blank sides read from ink are horizontal ones
        }
        let faces = self.faces;
        let squeezes = &mut self.squeezes;
        compress_adjacent(text, glyphs, |g| {
            *squeezes.entry((g.face, g.id)).or_insert_with(|| {
                let f = faces.get(g.face);
                match f.shaper.glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(g.id)) {
                    Some(ink) => squeeze_from_ink(g.advance, ink.x_min as f32 / f.upem, ink.x_max as f32 / f.upem),
                    None => Squeeze::default(),
                }
            })
        });
    }

    /// A CJK character from the cache, shaping it alone the first time.
    fn shape_cjk_char(&mut self, text: &str, at: usize, c: char, face: FaceId, out: &mut Vec<ShapedGlyph>) {
        let cached = match self.cache.get(&(face, c)) {
            Some(hit) => *hit,
            None => {
                let mut tmp = Vec::new();
                let mut buf = [0u8; 4];
                self.shape_run(c.encode_utf8(&mut buf), 0..c.len_utf8(), face, &mut tmp);
                let entry = match tmp.as_slice() {
                    [g] if g.face == face && g.x_offset == 0.0 && g.y_offset == 0.0 => {
                        Cached::One { id: g.id, advance: g.advance }
                    }
                    _ => Cached::Complex,
                };
                self.cache.insert((face, c), entry);
                entry
            }
        };
        match cached {
            Cached::One { id, advance } => out.push(ShapedGlyph {
                id,
                face,
                cluster: at as u32,
                advance,
                x_offset: 0.0,
                y_offset: 0.0,
                visible: true,
            }),
            Cached::Complex => self.shape_run(text, at..at + c.len_utf8(), face, out),
        }
    }

    /// Shape `text[range]` with rustybuzz; clusters are offsets into `text`.
    fn shape_run(&mut self, text: &str, range: Range<usize>, face: FaceId, out: &mut Vec<ShapedGlyph>) {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(&text[range.clone()]);
        // Vertical text: CJK characters (shaped one at a time) top to bottom, with `vert` forms.
        let down = self.vertical && text[range.clone()].chars().next().is_some_and(super::vertical::is_upright);
        let direction = if down { Direction::TopToBottom } else { Direction::LeftToRight };
        buffer.set_direction(direction);
        if let Some(lang) = &self.language {
            buffer.set_language(lang.clone());
        }
        buffer.guess_segment_properties();
        let script = buffer.script();
        let f = self.faces.get(face);
        let plan_at = match self.plans.iter().position(|p| (p.0, p.1, p.2) == (face, script, direction)) {
            Some(i) => i,
            None => {
                let plan = ShapePlan::new(&f.shaper, direction, Some(script), self.language.as_ref(), &self.features);
                self.plans.push((face, script, direction, plan));
                self.plans.len() - 1
            }
        };
        let shaped = rustybuzz::shape_with_plan(&f.shaper, &self.plans[plan_at].3, buffer);
        let scale = 1.0 / f.upem;
        let first = out.len();
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            // Down a column the advance is the vertical one, and the glyph is
            // centred in its em box where it is drawn, not offset from its vertical origin.
            let (advance, x_offset, y_offset) = if down {
                (-pos.y_advance as f32 * scale, 0.0, 0.0)
            } else {
                (pos.x_advance as f32 * scale, pos.x_offset as f32 * scale, pos.y_offset as f32 * scale)
            };
            out.push(ShapedGlyph {
                id: info.glyph_id as u16,
                face,
                cluster: range.start as u32 + info.cluster,
                advance,
                x_offset,
                y_offset,
                visible: true,
            });
        }
        for i in first..out.len() {
            if out[i].id == 0 {
                let c = text[out[i].cluster as usize..].chars().next().unwrap_or(REPLACEMENT);
                out[i] = self.fallback(c, out[i]);
            }
        }
    }

    /// A glyph for `c` from another face, or the replacement mark (noting `c` as missing).
    fn fallback(&mut self, c: char, glyph: ShapedGlyph) -> ShapedGlyph {
        if c.is_control() || is_default_ignorable(c) {
            return ShapedGlyph { advance: 0.0, visible: false, ..glyph };
        }
        for face in [FaceId::Regular, FaceId::Bold] {
            let f = self.faces.get(face);
            if let Some(id) = f.shaper.glyph_index(c) {
                let advance = f.shaper.glyph_hor_advance(id).unwrap_or(0) as f32 / f.upem;
                return ShapedGlyph { id: id.0, face, advance, x_offset: 0.0, y_offset: 0.0, ..glyph };
            }
        }
        self.missing.insert(c);
        let f = self.faces.get(FaceId::Regular);
        match f.shaper.glyph_index(REPLACEMENT) {
            Some(id) => {
                let advance = f.shaper.glyph_hor_advance(id).unwrap_or(0) as f32 / f.upem;
                ShapedGlyph { id: id.0, face: FaceId::Regular, advance, x_offset: 0.0, y_offset: 0.0, ..glyph }
            }
            None => ShapedGlyph { advance: 0.0, visible: false, ..glyph },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharKind {
    /// Takes no room, drawn as nothing: `\n` from a hard line break, tabs already expanded.
    Control,
    /// A CJK character that shapes alone the same as in context.
    Cjk,
    /// Needs rustybuzz in context (Latin kerning, ligatures, combining marks).
    Complex,
}

impl CharKind {
    fn of(c: char) -> CharKind {
        if c.is_control() {
            CharKind::Control
        } else if is_cjk(c) && !is_variation_selector(c) {
            CharKind::Cjk
        } else {
            CharKind::Complex
        }
    }
}

fn is_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}

/// Default-ignorable characters (ZWJ, soft hyphen, variation selectors) that fonts map to nothing.
fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32, 0x00AD | 0x034F | 0x200B..=0x200F | 0x2060..=0x206F | 0xFEFF) || is_variation_selector(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::{FontBytes, FontPaths};

    fn with_shaper(f: impl FnOnce(&mut Shaper)) {
        let bytes = FontBytes::load(&FontPaths::default()).unwrap();
        let faces = Faces::new(&bytes).unwrap();
        let mut shaper = Shaper::new(&faces, "zh-Hans");
        f(&mut shaper);
    }

    #[test]
    fn chinese_english_and_japanese_have_no_notdef() {
        with_shaper(|s| {
            for text in ["他说：“走吧。”", "Hello, world — fine.", "日本語のテキスト、カタカナ。"]
            {
                let mut out = Vec::new();
                s.shape_plain(text, FaceId::Regular, &mut out);
                assert!(out.iter().all(|g| g.id != 0), "{text}");
                assert!(s.missing.is_empty());
            }
        });
    }

    #[test]
    fn quotes_are_full_width_in_chinese_and_proportional_in_english() {
        let bytes = FontBytes::load(&FontPaths::default()).unwrap();
        let faces = Faces::new(&bytes).unwrap();
        let width = |language: &str| {
            let mut out = Vec::new();
            Shaper::new(&faces, language).shape_plain("”’", FaceId::Regular, &mut out);
            out.iter().map(|g| g.advance).sum::<f32>()
        };
        let (zh, en) = (width("zh-Hans"), width("en"));
        assert!((zh - 2.0).abs() < 0.01, "two full-width marks: {zh}");
        assert!(en < 1.0, "two proportional marks: {en}");
    }

    #[test]
    fn cjk_cache_matches_context_shaping_and_clusters_are_offsets() {
        with_shaper(|s| {
            let mut cached = Vec::new();
            s.shape_plain("中文A中", FaceId::Regular, &mut cached);
            assert_eq!(cached.iter().map(|g| g.cluster).collect::<Vec<_>>(), vec![0, 3, 6, 7]);
            assert!((cached[0].advance - 1.0).abs() < 1e-6, "ideographs are one em wide");
            assert_eq!(cached[0].id, cached[3].id);
        });
    }

    #[test]
    fn missing_characters_become_the_geta_mark_and_are_reported() {
        with_shaper(|s| {
            let mut out = Vec::new();
            s.shape_plain("笑😀", FaceId::Regular, &mut out);
            assert!(out.iter().all(|g| g.id != 0));
            assert!(s.missing.contains(&'😀'));
        });
    }

    #[test]
    fn line_break_controls_are_invisible() {
        with_shaper(|s| {
            let mut out = Vec::new();
            s.shape_plain("a\nb", FaceId::Regular, &mut out);
            assert_eq!(out.len(), 3);
            assert!(!out[1].visible && out[1].advance == 0.0);
        });
    }
}
