//! CJK–Latin spacing, as CSS `text-autospace` and Typst set it: a quarter em
//! between an ideograph (or kana) and a Latin letter or digit.
//!
//! Takes a paragraph's text and shaped glyphs; makes a space the source put
//! there exactly that quarter em, so `3月31日` and `3 月 30 日` print alike.
//! Where the source put no space, the line breaker adds the gap as glue
//! ([`super::linebreak::segments`]), so it vanishes at a line end. Never
//! changes the text: copying from the PDF gives back what the source had.

use super::shape::ShapedGlyph;
use crate::text::is_cjk;

/// The gap between an ideograph and a Latin letter or digit, in ems (CSS Text 4 `text-autospace`).
pub const AUTOSPACE_EM: f32 = 0.25;

/// Han ideographs, kana and the iteration marks that go with them: the
/// characters CSS calls `ideograph` for autospacing. Not CJK punctuation
/// (`，》`), which carries its own blank, nor fullwidth Latin (`Ａ３`).
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007            // 々 〆 〇
        | 0x3041..=0x3096          // hiragana
        | 0x309D..=0x309F
        | 0x30A1..=0x30FA          // katakana
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF          // katakana phonetic extensions
        | 0x3400..=0x4DBF          // extension A
        | 0x4E00..=0x9FFF          // unified ideographs
        | 0xF900..=0xFAFF          // compatibility ideographs
        | 0x20000..=0x3FFFF) // extensions B–H
}

/// A letter or digit of an alphabetic script: Latin, Greek, Cyrillic, ASCII digits.
///
/// ASCII, the CJK ranges and general punctuation (`“`, `—`, `…`, none a
/// letter or digit) are told by range first: `is_alphanumeric` searches
/// Unicode's tables, and every glyph pair of a book is asked.
pub fn is_alphanumeric_non_cjk(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
        '\u{2000}'..='\u{206F}' => false,
        _ => !is_cjk(c) && c.is_alphanumeric(),
    }
}

/// Whether a quarter em belongs between `a` and `b`: `年` then `2`, `m` then `的`.
/// The ideograph test, a range, goes first on either side.
pub fn wants_gap(a: char, b: char) -> bool {
    (is_ideograph(a) && is_alphanumeric_non_cjk(b)) || (is_ideograph(b) && is_alphanumeric_non_cjk(a))
}

/// Make every single space standing between an ideograph and a Latin letter or
/// digit exactly [`AUTOSPACE_EM`] wide. `3 月 30 日`: both spaces become a quarter em.
pub fn normalise_spaces(text: &str, glyphs: &mut [ShapedGlyph]) {
    let char_of = |g: &ShapedGlyph| text.get(g.cluster as usize..).and_then(|s| s.chars().next());
    for i in 1..glyphs.len().saturating_sub(1) {
        if char_of(&glyphs[i]) != Some(' ') {
            continue;
        }
        let (Some(a), Some(b)) = (char_of(&glyphs[i - 1]), char_of(&glyphs[i + 1])) else { continue };
        if wants_gap(a, b) {
            glyphs[i].advance = AUTOSPACE_EM;
        }
    }
}

/// For a line that is never broken (a running head): the gap added to the
/// advance of the glyph before it, where the source has no space.
pub fn add_gaps_unbroken(text: &str, glyphs: &mut [ShapedGlyph]) {
    normalise_spaces(text, glyphs);
    let char_of = |g: &ShapedGlyph| text.get(g.cluster as usize..).and_then(|s| s.chars().next());
    for i in 0..glyphs.len().saturating_sub(1) {
        if glyphs[i + 1].cluster == glyphs[i].cluster {
            continue;
        }
        if let (Some(a), Some(b)) = (char_of(&glyphs[i]), char_of(&glyphs[i + 1])) {
            if wants_gap(a, b) {
                glyphs[i].advance += AUTOSPACE_EM;
            }
        }
    }
}

/// Where display text gives up a break the body would take (inside `2023年`,
/// [`crate::render::display`]), the gap that break's glue carried: added to the
/// advance of the glyph before it. `unbroken` holds byte offsets, sorted.
pub fn add_gaps_at(text: &str, glyphs: &mut [ShapedGlyph], unbroken: &[usize]) {
    let char_of = |g: &ShapedGlyph| text.get(g.cluster as usize..).and_then(|s| s.chars().next());
    for i in 0..glyphs.len().saturating_sub(1) {
        let next = glyphs[i + 1].cluster;
        if next == glyphs[i].cluster || unbroken.binary_search(&(next as usize)).is_err() {
            continue;
        }
        if let (Some(a), Some(b)) = (char_of(&glyphs[i]), char_of(&glyphs[i + 1])) {
            if wants_gap(a, b) {
                glyphs[i].advance += AUTOSPACE_EM;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_by_range_are_the_alphanumeric_non_cjk_characters() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric_non_cjk(c), !is_cjk(c) && c.is_alphanumeric(), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn ideographs_next_to_letters_and_digits_want_a_gap() {
        assert!(wants_gap('年', '2') && wants_gap('m', '的') && wants_gap('カ', 'A'));
        assert!(!wants_gap('，', 'A'), "punctuation carries its own blank");
        assert!(!wants_gap('中', '文') && !wants_gap('a', 'b'));
        assert!(!wants_gap('年', '３'), "fullwidth digits are set like ideographs");
    }

    #[test]
    fn a_source_space_between_cjk_and_latin_becomes_a_quarter_em() {
        let text = "3 月 a b";
        let mut glyphs: Vec<ShapedGlyph> = ShapedGlyph::uniform(text, 0.3);
        normalise_spaces(text, &mut glyphs);
        let advances: Vec<f32> = glyphs.iter().map(|g| g.advance).collect();
        assert_eq!(advances, vec![0.3, 0.25, 0.3, 0.25, 0.3, 0.3, 0.3], "the Latin–Latin space is untouched");
    }

    #[test]
    fn a_break_display_text_gives_up_keeps_its_gap() {
        let text = "在2023年";
        let mut glyphs: Vec<ShapedGlyph> = ShapedGlyph::uniform(text, 1.0);
        add_gaps_at(text, &mut glyphs, &[text.find('0').unwrap(), text.find('年').unwrap()]);
        let advances: Vec<f32> = glyphs.iter().map(|g| g.advance).collect();
        assert_eq!(advances, vec![1.0, 1.0, 1.0, 1.0, 1.25, 1.0], "only 3|年 is a CJK–Latin pair");
    }
}
