//! Where display text may break: headings, the title page, contents entries
//! and the drawn cover are set in few, large lines, where a break inside a
//! word (`中部城/市第二`, `招商/引资`) is seen at once.
//!
//! Takes a text and the byte offsets where running text could break; keeps
//! those a display line may end at. Words come from ICU4X's word segmenter
//! (CLDR rules, and its dictionary for Chinese and Japanese, which have no
//! spaces). Never measures or draws: the line breakers choose among what is left.

use crate::text::is_han;
use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::WordSegmenter;
use std::ops::Range;

/// Longest bracketed aside kept on one line, in characters with its brackets:
/// `（2023年3月）` or `(2nd ed.)` stays whole; a longer aside is a clause and breaks
/// like running text.
const SHORT_ASIDE_CHARS: usize = 16;

/// Byte offsets of `text` where a word begins or ends (0 and `text.len()` included).
///
/// ICU4X's dictionary lacks many names and set phrases and falls back to one
/// ideograph a word (a rare personal name, a new set phrase); a run of such
/// one-ideograph pieces is read as one unknown word.
pub fn word_boundaries(text: &str) -> Vec<usize> {
    let raw: Vec<usize> =
        WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()).segment_str(text).collect();
    let single_han = |k: usize| {
        let piece = &text[raw[k - 1]..raw[k]];
        let mut chars = piece.chars();
        chars.next().is_some_and(is_han) && chars.next().is_none()
    };
    (0..raw.len())
        .filter(|&k| k == 0 || k + 1 == raw.len() || !(single_han(k) && single_han(k + 1)))
        .map(|k| raw[k])
        .collect()
}

/// The places a display line of one text may end.
pub struct DisplayBreaks<'t> {
    text: &'t str,
    words: Vec<usize>,
    asides: Vec<Range<usize>>,
}

impl<'t> DisplayBreaks<'t> {
    pub fn new(text: &'t str) -> DisplayBreaks<'t> {
        DisplayBreaks { text, words: word_boundaries(text), asides: short_asides(text) }
    }

    /// Whether a line may end before byte `at`: between two words, not before
    /// a dash, not inside a short aside or a number with its unit.
    pub fn allows(&self, at: usize) -> bool {
        self.words.binary_search(&at).is_ok()
            && !self.text[at..].starts_with(is_dash)
            && !self.asides.iter().any(|r| r.start < at && at < r.end)
            && !splits_number_from_unit(self.text, at)
    }
}

/// Dashes, which neither begin a display line nor part from what they follow
/// (`江城——新的开始` breaks after the dash).
fn is_dash(c: char) -> bool {
    matches!(c, '—' | '―' | '–' | '─' | '⸺')
}

/// The closing bracket of an opening one.
fn closer(open: char) -> Option<char> {
    Some(match open {
        '（' => '）',
        '(' => ')',
        '[' => ']',
        '［' => '］',
        '【' => '】',
        '〔' => '〕',
        '〖' => '〗',
        '《' => '》',
        '〈' => '〉',
        '「' => '」',
        '『' => '』',
        '“' => '”',
        '‘' => '’',
        _ => return None,
    })
}

/// Byte ranges of bracketed asides of at most [`SHORT_ASIDE_CHARS`] characters.
///
/// `江城年鉴汇编（2021年5月）` → the range of `（2021年5月）`.
fn short_asides(text: &str) -> Vec<Range<usize>> {
    let mut open: Vec<(usize, usize, char)> = Vec::new();
    let mut out = Vec::new();
    for (n, (i, c)) in text.char_indices().enumerate() {
        if let Some(k) = open.iter().rposition(|&(_, _, close)| close == c) {
            let (start, first, _) = open[k];
            open.truncate(k);
            if n + 1 - first <= SHORT_ASIDE_CHARS {
                out.push(start..i + c.len_utf8());
            }
        } else if let Some(close) = closer(c) {
            open.push((i, n, close));
        }
    }
    out
}

/// Whether a break before byte `at` parts a number from its unit or a date
/// from itself: `4/家`, `2023年/3月`, `3 /月` (digits, optional spaces, one
/// ideograph, and a following number belong together).
fn splits_number_from_unit(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(' ');
    let after = text[at..].trim_start_matches(' ');
    let (Some(prev), Some(next)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    if prev.is_ascii_digit() && is_han(next) {
        return true;
    }
    // The unit of one number, then the next number: 年 between 2023 and 3.
    next.is_ascii_digit()
        && is_han(prev)
        && before[..before.len() - prev.len_utf8()].trim_end_matches(' ').ends_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` broken at every place a display line may end.
    fn pieces(text: &str) -> Vec<&str> {
        let b = DisplayBreaks::new(text);
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.char_indices().skip(1) {
            if b.allows(i) {
                out.push(&text[start..i]);
                start = i;
            }
        }
        out.push(&text[start..]);
        out
    }

    #[test]
    fn chinese_words_stay_whole() {
        let p = pieces("柯望舒带队到邻县考察学习并商谈合作");
        assert!(p.iter().any(|w| w.contains("商谈")), "{p:?}");
        assert!(!p.iter().any(|w| *w == "商" || *w == "考"), "{p:?}");
        let p = pieces("位列西部省份第三");
        assert!(p.iter().any(|w| w.contains("省份")), "{p:?}");
    }

    #[test]
    fn dates_numbers_and_short_asides_stay_whole() {
        let p = pieces("江城年鉴汇编（2021年5月）");
        assert_eq!(p.last(), Some(&"（2021年5月）"), "{p:?}");
        let p = pieces("松原区 7 家商户上榜");
        assert!(p.iter().any(|w| w.contains("7 家")), "{p:?}");
        assert!(pieces("第二章（上）").ends_with(&["（上）"]));
    }

    #[test]
    fn no_line_begins_with_a_dash() {
        let text = "江城——新的开始";
        let b = DisplayBreaks::new(text);
        let dash = text.find('—').unwrap();
        assert!(!b.allows(dash) && !b.allows(dash + '—'.len_utf8()));
        let text = "Mr. Smith—a portrait";
        assert!(!DisplayBreaks::new(text).allows(text.find('—').unwrap()));
    }

    #[test]
    fn latin_and_japanese_break_between_words_only() {
        let p = pieces("The Three-Body Problem");
        assert!(p.iter().all(|w| !w.contains("Thr") || w.contains("Three")), "{p:?}");
        assert!(!DisplayBreaks::new("Problem").allows(3));
        let p = pieces("吾輩は猫である");
        assert!(p.iter().any(|w| w.contains("吾輩")), "{p:?}");
    }

    #[test]
    fn a_long_aside_breaks_like_running_text() {
        let text = "报告（关于推进乡村客运线路延伸和站点改造的实施意见）";
        assert!(short_asides(text).is_empty());
        assert!(pieces(text).len() > 2);
    }
}
