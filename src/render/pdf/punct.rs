//! CJK punctuation compression (CLREQ §3.1.6.1, JLREQ §3.1.2–3.1.4).
//!
//! Takes a paragraph's shaped glyphs; returns them with the blank half of
//! adjacent full-width punctuation removed, so `》《`, `）、`, `”、`, `。”`
//! take one and a half ems together instead of two. Runs before line breaking,
//! so justification spreads what is left. Never breaks lines or draws.
//!
//! Which side of a mark is blank is read from the font's own glyph (its ink
//! box), not from a table of code points: Simplified Chinese sets `，。` in the
//! left half of the em, Traditional Chinese centres them, and a proportional
//! `”` (English text) has no blank half at all — the glyph says which.

use super::shape::ShapedGlyph;

/// Half an em: what one mark of a compressed pair gives up (JLREQ's 二分).
const HALF_EM: f32 = 0.5;
/// A quarter em: what each side of a centred mark (`・`, Traditional `，`) may give up (四分).
const QUARTER_EM: f32 = 0.25;
/// Ink may reach this far into the half it should leave blank (outlines
/// overshoot the em's middle by a few units, `》` in Noto Serif CJK by 0.02 em).
const INK_OVERSHOOT_EM: f32 = 0.05;
/// A mark counts as full-width when its advance is within this of one em.
const FULL_WIDTH_TOLERANCE_EM: f32 = 0.05;

/// Blank a full-width mark may give up on each side, in ems.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Squeeze {
    pub left: f32,
    pub right: f32,
}

/// The marks of CLREQ's punctuation tables (Appendix A) and their JLREQ
/// counterparts that may be compressed: brackets, quotes, pause and stop marks,
/// middle dots. Not the dash `——` or the ellipsis `……`, which fill their ems.
pub fn is_compressible_punctuation(c: char) -> bool {
    matches!(
        c,
        '（' | '）'
            | '〔'
            | '〕'
            | '［'
            | '］'
            | '｛'
            | '｝'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '〖'
            | '〗'
            | '〘'
            | '〙'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '，'
            | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '．'
            | '・'
    )
}

/// What a full-width mark may give up, from where its ink lies in the em
/// (`advance`, `ink_left`, `ink_right` in ems from the pen position).
///
/// `》` in Noto Serif CJK SC inks 0.04–0.48 em: half an em on the right may go.
/// `・` inks 0.41–0.59 em: a quarter on each side. `…` inks 0.11–0.89: nothing.
pub fn squeeze_from_ink(advance: f32, ink_left: f32, ink_right: f32) -> Squeeze {
    if (advance - 1.0).abs() > FULL_WIDTH_TOLERANCE_EM || ink_right <= ink_left {
        return Squeeze::default();
    }
    let give = |blank: f32| {
        if blank >= HALF_EM - INK_OVERSHOOT_EM {
            HALF_EM
        } else if blank >= QUARTER_EM - INK_OVERSHOOT_EM {
            QUARTER_EM
        } else {
            0.0
        }
    };
    let (left, right) = (give(ink_left), give(advance - ink_right));
    // Never more than half the em in all: the ink keeps the other half.
    if left + right <= HALF_EM {
        Squeeze { left, right }
    } else if left >= right {
        Squeeze { left: HALF_EM, right: 0.0 }
    } else {
        Squeeze { left: 0.0, right: HALF_EM }
    }
}

/// Set adjacent punctuation marks half an em closer: the first gives up its
/// right blank, the second its left blank for whatever the first could not.
/// A pair that cannot give up a whole half em together (a centred `・` beside
/// `」`, `“”` with nothing between) keeps its full widths, as in JLREQ.
///
/// ```text
/// 《三体》《球状闪电》  →  》《 takes 1.5 em: 》 loses its right half
/// 他说：“走。”          →  ：“ and 。” each take 1.5 em
/// ```
pub fn compress_adjacent(text: &str, glyphs: &mut [ShapedGlyph], mut squeeze: impl FnMut(&ShapedGlyph) -> Squeeze) {
    let mut prev: Option<(usize, Squeeze)> = None;
    for i in 0..glyphs.len() {
        let g = glyphs[i];
        if !g.visible {
            continue;
        }
        let single =
            glyphs.get(i + 1).is_none_or(|n| n.cluster != g.cluster) && (i == 0 || glyphs[i - 1].cluster != g.cluster);
        let mark = single
            && text.get(g.cluster as usize..).and_then(|s| s.chars().next()).is_some_and(is_compressible_punctuation);
        let here = if mark { Some(squeeze(&g)) } else { None };
        if let (Some((p, before)), Some(now)) = (prev, here) {
            if before.right + now.left >= HALF_EM - 1e-3 {
                let first = before.right.min(HALF_EM);
                shrink_right(&mut glyphs[p], first);
                shrink_left(&mut glyphs[i], HALF_EM - first);
            }
        }
        prev = here.map(|s| (i, s));
    }
}

/// Whether `g`, the glyph of mark `c`, gave up half its em to a neighbour.
pub fn is_half_set(c: char, g: &ShapedGlyph) -> bool {
    is_compressible_punctuation(c) && g.advance <= 1.0 - QUARTER_EM - INK_OVERSHOOT_EM
}

fn shrink_right(g: &mut ShapedGlyph, by: f32) {
    g.advance -= by;
}

/// The blank on the left goes: the glyph moves left and its advance shortens.
fn shrink_left(g: &mut ShapedGlyph, by: f32) {
    g.advance -= by;
    g.x_offset -= by;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Full-width glyphs, one per character.
    fn glyphs_of(text: &str) -> Vec<ShapedGlyph> {
        ShapedGlyph::uniform(text, 1.0)
    }

    /// Ink boxes of the simplified-Chinese style: openers right, closers and stops left.
    fn gb_squeeze(text: &str) -> impl FnMut(&ShapedGlyph) -> Squeeze + '_ {
        move |g| {
            let c = text[g.cluster as usize..].chars().next().unwrap();
            match c {
                '（' | '《' | '“' | '「' => squeeze_from_ink(1.0, 0.52, 0.96),
                '・' => squeeze_from_ink(1.0, 0.41, 0.59),
                _ => squeeze_from_ink(1.0, 0.04, 0.48),
            }
        }
    }

    fn advances(text: &str) -> Vec<f32> {
        let mut g = glyphs_of(text);
        compress_adjacent(text, &mut g, gb_squeeze(text));
        g.iter().map(|g| g.advance).collect()
    }

    #[test]
    fn ink_tells_which_half_is_blank() {
        assert_eq!(squeeze_from_ink(1.0, 0.038, 0.477), Squeeze { left: 0.0, right: 0.5 }, "》");
        assert_eq!(squeeze_from_ink(1.0, 0.523, 0.962), Squeeze { left: 0.5, right: 0.0 }, "《");
        assert_eq!(squeeze_from_ink(1.0, 0.408, 0.592), Squeeze { left: 0.25, right: 0.25 }, "・");
        assert_eq!(squeeze_from_ink(1.0, 0.111, 0.889), Squeeze::default(), "…");
        assert_eq!(squeeze_from_ink(0.33, 0.05, 0.2), Squeeze::default(), "a proportional ” is not full-width");
    }

    #[test]
    fn closing_then_opening_takes_one_and_a_half_ems() {
        // 《甲》《乙》: only 》《 touch.
        assert_eq!(advances("《甲》《乙》"), vec![1.0, 1.0, 0.5, 1.0, 1.0, 1.0]);
        // 他说：“走。”
        assert_eq!(advances("说：“走。”"), vec![1.0, 0.5, 1.0, 1.0, 0.5, 1.0]);
    }

    #[test]
    fn two_openers_give_up_the_second_ones_left_half() {
        let text = "（《书》）";
        let mut g = glyphs_of(text);
        compress_adjacent(text, &mut g, gb_squeeze(text));
        assert_eq!((g[1].advance, g[1].x_offset), (0.5, -0.5), "《 after （ moves left");
        assert_eq!(g[0].advance, 1.0);
        assert_eq!(g[3].advance, 0.5, "》 before ）");
    }

    #[test]
    fn a_run_of_three_compresses_each_pair() {
        // 。”） — each of the first two gives up its right half.
        assert_eq!(advances("。”）"), vec![0.5, 0.5, 1.0]);
    }

    #[test]
    fn ideographs_ellipses_and_japanese_centred_dots_beside_brackets_stay_full() {
        assert_eq!(advances("中文"), vec![1.0, 1.0]);
        assert_eq!(advances("…”"), vec![1.0, 1.0]);
        // ・ can give a quarter on its right, 」 nothing on its left: not a half, so no change.
        assert_eq!(advances("・」"), vec![1.0, 1.0]);
    }

    #[test]
    fn latin_marks_are_not_touched() {
        assert_eq!(advances("a,(b"), vec![1.0, 1.0, 1.0, 1.0]);
    }
}
