//! Ruby in the PDF: each reading (`終電《しゅうでん》`) set at half the body
//! size, centred over its base, sitting on the top of the base's em box
//! (JIS X 4051 mono-to-group ruby, the reading's em box on the base's).
//!
//! Takes a paragraph's inlines and the lines the typesetter set from them;
//! returns a run per reading, placed in the line it falls on. It never moves
//! a base glyph or widens a line: a reading longer than its base overhangs
//! the neighbours, and it sits in the space between lines that the body's
//! leading leaves (half an em of reading in the 0.75 em between two lines
//! at the default leading). A vertical book's page is laid out this way and
//! turned, so there the readings stand to the right of the column.
//!
//! The readings are drawn as artifacts: the tagged text, copy and paste, and
//! reading aloud give the base text as the EPUB's `<rb>` does without `<rt>`.

use super::fonts::FaceId;
use super::layout::{plain_run, Layout, Run, SetLine, EM_BOX_ASCENT};
use super::shape::{FaceSpan, ShapedGlyph, Shaper};
use crate::model::Inline;
use std::ops::Range;

/// A reading's size relative to its base's: half, as Japanese books set it.
const RUBY_SCALE: f32 = 0.5;

/// One reading and where its base stands in the paragraph's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Byte range of the base in the text [`super::layout::flatten_inlines`] makes.
    pub base: Range<usize>,
    pub text: String,
}

/// The readings of `inlines`, each with its base's byte range in the
/// paragraph's flattened text (the same walk as `flatten_inlines`).
pub fn readings(inlines: &[Inline]) -> Vec<Reading> {
    fn walk(inline: &Inline, at: &mut usize, out: &mut Vec<Reading>) {
        match inline {
            Inline::Text(t) | Inline::Code(t) => *at += t.len(),
            Inline::LineBreak => *at += 1,
            Inline::FootnoteRef(label) => *at += format!("[{label}]").len(),
            Inline::Ruby { base, text } => {
                if !text.trim().is_empty() {
                    out.push(Reading { base: *at..*at + base.len(), text: text.clone() });
                }
                *at += base.len();
            }
            Inline::Emphasis(children) | Inline::Strong(children) | Inline::Link { children, .. } => {
                children.iter().for_each(|c| walk(c, at, out))
            }
        }
    }
    let (mut at, mut out) = (0, Vec::new());
    inlines.iter().for_each(|i| walk(i, &mut at, &mut out));
    out
}

/// Left and right edge of the glyphs of the base `base` (byte range in text
/// `text_id`) on one line, if the base starts there.
fn base_extent(line: &SetLine, text_id: u32, base: &Range<usize>) -> Option<(f32, f32)> {
    let mut extent: Option<(f32, f32)> = None;
    for run in line.runs.iter().filter(|r| r.text == text_id) {
        let mut x = run.x;
        for g in run.glyphs.iter() {
            let right = x + g.advance * run.size;
            if base.contains(&(g.start as usize)) {
                extent = Some(extent.map_or((x, right), |(l, r)| (l.min(x), r.max(right))));
            }
            x = right;
        }
    }
    extent
}

/// Set every reading of `readings` over its base in `lines` (a paragraph
/// set from text `text_id` at `size`): one run each on the line where the
/// base begins, centred over the part of the base on that line.
pub fn set_readings(
    shaper: &mut Shaper<'_, '_>,
    out: &mut Layout,
    lines: &mut [SetLine],
    text_id: u32,
    readings: &[Reading],
    size: f32,
) {
    let ruby_size = size * RUBY_SCALE;
    let mut glyphs: Vec<ShapedGlyph> = Vec::new();
    for reading in readings {
        let Some((line, (left, right))) =
            lines.iter_mut().find_map(|l| base_extent(l, text_id, &reading.base).map(|e| (l, e)))
        else {
            continue;
        };
        let Some(baseline) = line.runs.iter().find(|r| r.text == text_id).map(|r| r.baseline) else { continue };
        glyphs.clear();
        let span = FaceSpan { range: 0..reading.text.len(), face: FaceId::Regular };
        shaper.shape(&reading.text, &[span], &mut glyphs);
        let reading_id = out.texts.len() as u32;
        let mut run: Run = plain_run(&reading.text, &glyphs, FaceId::Regular, ruby_size, reading_id);
        out.texts.push(reading.text.clone());
        run.x = (left + right) / 2.0 - run.width() / 2.0;
        // The reading's em box bottom on the base's em box top.
        run.baseline = baseline - EM_BOX_ASCENT * size - (1.0 - EM_BOX_ASCENT) * ruby_size;
        run.node = None;
        line.runs.push(run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::layout::flatten_inlines;

    #[test]
    fn each_reading_points_at_its_base_in_the_flattened_text() {
        let inlines = vec![
            Inline::Text("　".into()),
            Inline::Ruby { base: "終電".into(), text: "しゅうでん".into() },
            Inline::Text("を逃した".into()),
            Inline::FootnoteRef("1".into()),
            Inline::Strong(vec![Inline::Ruby { base: "駅舎".into(), text: "えきしゃ".into() }]),
            Inline::LineBreak,
            Inline::Emphasis(vec![Inline::Ruby { base: "AI".into(), text: "artificial intelligence".into() }]),
            Inline::Ruby { base: "空".into(), text: " ".into() },
        ];
        let (text, _) = flatten_inlines(&inlines);
        let found = readings(&inlines);
        let pairs: Vec<(&str, &str)> = found.iter().map(|r| (&text[r.base.clone()], r.text.as_str())).collect();
        // A reading of white space only has nothing to set.
        assert_eq!(pairs, [("終電", "しゅうでん"), ("駅舎", "えきしゃ"), ("AI", "artificial intelligence")]);
    }

    #[test]
    fn a_paragraph_without_ruby_has_no_readings() {
        assert!(readings(&[Inline::Text("《书名》里的字".into())]).is_empty());
    }
}
