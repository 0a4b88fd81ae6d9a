//! Numbered lists of references and notes: `[1] A. Lund. Tide tables…` ⏎
//! `[2] …`, `[3] 林远. 港湾手记[M]. …`.
//!
//! Takes the units the wrap rules made; returns them with each entry of such
//! a list whole. An entry's lines are short and end on an abbreviation's full
//! stop or an initial (`In Proc.`, `and M.`), so the wrap rules, which read
//! a full stop before a short line as a paragraph's end, cut entries into
//! pieces. Between two entries numbered one after the other, though, nothing
//! but the first entry's text stands: every piece there goes back to it.
//! Never drops a character; each join is a [`Repair`] (`hard_wrap/reference_entry_goes_on`).

use super::Unit;
use crate::limits::JOIN_CONTEXT;
use crate::report::{Repair, Rule};
use crate::scan::heading::recognise;
use crate::text::{
    display_width, ends_sentence, has_prose_punct, head_chars, is_cjk, is_clause_punct, join_separator, tail_chars,
};
use std::collections::HashMap;

/// Entries numbered one after the other from `[1]` before a run is taken for
/// a list: two could be citations that happen to open paragraphs.
const MIN_ENTRIES: usize = 3;
/// Entries enough under a title of their own (`References`, `发表论文`):
/// two citations in a row would follow a paragraph, not a title.
const MIN_TITLED_ENTRIES: usize = 2;
/// Widest line (display columns) that may title a list.
const MAX_TITLE_WIDTH: usize = 80;
/// Pieces between two entries, or after the last one, that may still be the
/// entry's: an entry cut at each of its lines runs to four or five; more is
/// text of another kind between them.
const MAX_PIECES: usize = 6;
/// Pieces after a list's last entry that may still be its own: only the rest
/// of an entry left open (its text stops on a comma or mid-word).
const MAX_TRAILING_PIECES: usize = 2;
/// Share of a list's entries (two in three) that must end alike before
/// the last entry is held to end the same way.
const COMMON_ENDING_NUMERATOR: usize = 2;
const COMMON_ENDING_DENOMINATOR: usize = 3;
/// Digits of an entry's number: enough for any list, too few for a year.
const MAX_NUMBER_DIGITS: usize = 3;

/// The number of an entry that opens with a bracketed one (`[12] Lund…`,
/// `［3］林远…`, or the marker alone, set on a line of its own).
fn entry_number(text: &str) -> Option<u32> {
    let t = text.trim_start();
    let rest = t.strip_prefix('[').or_else(|| t.strip_prefix('［'))?;
    let close = rest.find([']', '］'])?;
    let digits: String = rest[..close]
        .chars()
        .map(|c| if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c })
        .collect();
    if digits.is_empty() || digits.len() > MAX_NUMBER_DIGITS || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether an entry's text stops where it cannot end: on a comma, a colon, a
/// dash, or a word or number without a full stop (`pages 401–`, `2019, 31(4):`).
fn left_open(text: &str) -> bool {
    let t = text.trim_end();
    t.chars().last().is_some_and(|c| is_clause_punct(c) || c.is_alphanumeric() || matches!(c, '-' | '–' | '/'))
        && !ends_sentence(t)
}

/// Whether the unit before a list's first entry is a title over it: one
/// short line that ends on a letter or character, without a sentence's
/// punctuation (`References`, `Works Cited`, `攻读学位期间发表的论文`).
fn titles_a_list(unit: &Unit) -> bool {
    let t = unit.text.trim();
    unit.single_line
        && display_width(t) <= MAX_TITLE_WIDTH
        && t.chars().last().is_some_and(char::is_alphanumeric)
        && !has_prose_punct(t)
        && entry_number(t).is_none()
}

/// How an entry ends: the kind of its last letter or digit, and the mark
/// after it (`…, 2019.` ends on a digit and a full stop, `…(eds.)` on a
/// letter and a bracket).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ending {
    digit: bool,
    mark: Option<char>,
}

fn ending_of(text: &str) -> Option<Ending> {
    let t = text.trim_end();
    let last = t.chars().rev().find(|c| c.is_alphanumeric())?;
    let mark = t.chars().last().filter(|c| !c.is_alphanumeric());
    Some(Ending { digit: last.is_ascii_digit(), mark })
}

/// The ending most of a list's entries share (two in three or more), if any:
/// a list set in one style ends every entry alike (a year and a full stop).
fn common_ending(entries: impl Iterator<Item = String>) -> Option<Ending> {
    let endings: Vec<Option<Ending>> = entries.map(|e| ending_of(&e)).collect();
    let most = endings.iter().flatten().copied().max_by_key(|e| endings.iter().filter(|x| **x == Some(*e)).count())?;
    let n = endings.iter().filter(|x| **x == Some(most)).count();
    (n * COMMON_ENDING_DENOMINATOR >= endings.len() * COMMON_ENDING_NUMERATOR).then_some(most)
}

/// Entry `e`'s text with the pieces given to it so far.
fn whole_entry(units: &[Unit], owner: &[Option<usize>], e: usize) -> String {
    let mut text = units[e].text.clone();
    for k in e + 1..units.len() {
        if owner[k] != Some(e) {
            break;
        }
        text.push(' ');
        text.push_str(&units[k].text);
    }
    text
}

/// A piece that is a heading by its pattern (`Appendix A`, `附录`) and not
/// the end of a sentence: the list stops before it.
fn is_heading(text: &str) -> bool {
    recognise(text).is_some() && !ends_sentence(text)
}

/// For each unit, the index of the entry it goes back to (`None`: it stays a
/// unit of its own).
fn owners(units: &[Unit]) -> Vec<Option<usize>> {
    let numbers: Vec<Option<u32>> = units.iter().map(|u| entry_number(&u.text)).collect();
    let mut owner = vec![None; units.len()];
    let mut i = 0;
    while i < units.len() {
        let Some(first) = numbers[i] else {
            i += 1;
            continue;
        };
        // The run of entries from this one: each next number within
        // MAX_PIECES units. (It need not start at `[1]`: extractors put a
        // column's first entry after the other column's.)
        let mut entries = vec![i];
        let mut at = i;
        while let Some(next) =
            (at + 1..units.len().min(at + 2 + MAX_PIECES)).find(|&k| numbers[k] == Some(first + entries.len() as u32))
        {
            entries.push(next);
            at = next;
        }
        let titled = i > 0 && titles_a_list(&units[i - 1]);
        if entries.len() < if titled { MIN_TITLED_ENTRIES } else { MIN_ENTRIES } {
            i += 1;
            continue;
        }
        for pair in entries.windows(2) {
            let (entry, next) = (pair[0], pair[1]);
            for k in entry + 1..next {
                if is_heading(&units[k].text) || numbers[k] == Some(1) {
                    break;
                }
                owner[k] = Some(entry);
            }
        }
        // After the last entry, only what finishes it: the rest of an entry
        // left open, or a piece that ends the way the list's entries end
        // where the entry does not yet.
        let last = at;
        let ending = common_ending(entries[..entries.len() - 1].iter().map(|&e| whole_entry(units, &owner, e)));
        let mut text = units[last].text.clone();
        for k in last + 1..units.len().min(last + 1 + MAX_TRAILING_PIECES) {
            let piece = &units[k].text;
            if numbers[k].is_some() || is_heading(piece) {
                break;
            }
            let finishes = ending.is_some_and(|e| ending_of(&text) != Some(e) && ending_of(piece) == Some(e));
            if !left_open(&text) && !finishes {
                break;
            }
            owner[k] = Some(last);
            text = piece.clone();
        }
        i = at + 1;
    }
    owner
}

/// Join the pieces of each entry of a numbered list of references or notes
/// back to the entry (`[2] Vrede, T. and R.` ⏎ `Lund. Frost and glare…` ⏎ `[3] …`).
pub(super) fn rejoin_entries(units: Vec<Unit>, repairs: &mut Vec<Repair>) -> Vec<Unit> {
    let owner = owners(&units);
    if owner.iter().all(Option::is_none) {
        return units;
    }
    let words = WordCounts::new(&units);
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    // Where each kept unit went in `out`.
    let mut placed = vec![0usize; units.len()];
    for (k, unit) in units.into_iter().enumerate() {
        let Some(entry) = owner[k] else {
            placed[k] = out.len();
            out.push(unit);
            continue;
        };
        placed[k] = placed[entry];
        let prev = &mut out[placed[entry]];
        let dehyphenate = words.hyphen_goes(&prev.text, &unit.text);
        if dehyphenate {
            repairs.push(Repair::new(
                Rule::Dehyphenation,
                "word_cut_in_entry",
                (prev.span.1 - 1, prev.span.1),
                "-",
                "",
            ));
            prev.text.pop();
        }
        let sep = if dehyphenate || prev.text.ends_with(['-', '–', '—', '/']) {
            ""
        } else {
            join_separator(&prev.text, &unit.text)
        };
        let before = format!("{}\n{}", tail_chars(&prev.text, JOIN_CONTEXT), head_chars(&unit.text, JOIN_CONTEXT));
        let after = format!("{}{sep}{}", tail_chars(&prev.text, JOIN_CONTEXT), head_chars(&unit.text, JOIN_CONTEXT));
        repairs.push(Repair::new(Rule::HardWrap, "reference_entry_goes_on", (prev.span.1, unit.span.0), before, after));
        prev.text.push_str(sep);
        prev.text.push_str(&unit.text);
        prev.span.1 = unit.span.1;
        prev.single_line = false;
    }
    out
}

/// The document's own words, as a dictionary for a hyphen that ends a
/// piece of an entry (as the wrap rules read one for a line's).
struct WordCounts {
    counts: HashMap<String, usize>,
}

impl WordCounts {
    fn new(units: &[Unit]) -> WordCounts {
        let mut counts = HashMap::new();
        let mut after_cut = false;
        for u in units {
            // (The word a piece opens after a cut is no evidence for itself.)
            let words =
                u.text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-' && c != '\''));
            for (k, w) in words.enumerate().filter(|(_, w)| w.len() > 1 && !w.ends_with('-')) {
                if !(k == 0 && after_cut) {
                    *counts.entry(w.to_lowercase()).or_insert(0) += 1;
                }
            }
            after_cut = u.text.ends_with('-');
        }
        WordCounts { counts }
    }

    fn count(&self, word: &str) -> usize {
        self.counts.get(&word.to_lowercase()).copied().unwrap_or(0)
    }

    /// Whether the hyphen ending `before` goes when `after` joins it:
    /// `Architec-` + `tural` (titles in entries are capitalised, so case
    /// tells nothing). The document spelling the word joined or hyphenated
    /// elsewhere decides; without that, a break between two words the
    /// document uses on their own (`voltage-` + `driven`) is a compound.
    fn hyphen_goes(&self, before: &str, after: &str) -> bool {
        let Some(stem) = before.strip_suffix('-') else { return false };
        let head = stem.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let tail: &str = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let latin = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() && !is_cjk(c));
        if !latin(head) || !latin(tail) || !tail.starts_with(char::is_lowercase) {
            return false;
        }
        let (joined, hyphenated) = (self.count(&format!("{head}{tail}")), self.count(&format!("{head}-{tail}")));
        if joined != hyphenated {
            return joined > hyphenated;
        }
        let word = |w: &str| w.chars().count() > 2 && self.count(w) > 0;
        !(word(head) && word(tail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units one per piece, as the wrap rules left them.
    fn pieces(texts: &[&str]) -> Vec<Unit> {
        let mut at = 0;
        texts
            .iter()
            .enumerate()
            .map(|(line, t)| {
                let span = (at, at + t.len());
                at += t.len() + 2;
                Unit {
                    text: t.to_string(),
                    line,
                    span,
                    single_line: true,
                    letter_spaced: false,
                    indent: 0,
                    after_gap: true,
                    no_blank_lines: false,
                    page_top: false,
                }
            })
            .collect()
    }

    fn texts(units: &[Unit]) -> Vec<&str> {
        units.iter().map(|u| u.text.as_str()).collect()
    }

    #[test]
    fn pieces_of_an_entry_go_back_to_it() {
        let mut repairs = Vec::new();
        let units = pieces(&[
            "The harbour data are public [2].",
            "References",
            "[1] T. Vrede and R.",
            "Lund. Frost and glare over southern quays. In Proc.",
            "Symp. on Coastal Sens-",
            "ing, pages 3–",
            "9, 2014.",
            "[2]",
            "S. Varga. Tide tables at scale. Journal of Ports, 2(1):1–8, 2019.",
            "[3] P. Aldren. Moorings we trust. In Proc. Int.",
            "Conf. on Quays, pages 40–52, 2021.",
            "Appendix A",
            "The logger code is listed below.",
        ]);
        let out = rejoin_entries(units, &mut repairs);
        assert_eq!(
            texts(&out),
            [
                "The harbour data are public [2].",
                "References",
                "[1] T. Vrede and R. Lund. Frost and glare over southern quays. In Proc. Symp. on Coastal Sensing, pages 3–9, 2014.",
                "[2] S. Varga. Tide tables at scale. Journal of Ports, 2(1):1–8, 2019.",
                "[3] P. Aldren. Moorings we trust. In Proc. Int. Conf. on Quays, pages 40–52, 2021.",
                "Appendix A",
                "The logger code is listed below.",
            ]
        );
        assert_eq!(repairs.iter().filter(|r| r.why == "reference_entry_goes_on").count(), 6);
        assert_eq!(repairs.iter().filter(|r| r.rule == Rule::Dehyphenation).count(), 1);
    }

    #[test]
    fn pieces_of_a_chinese_entry_go_back_to_it() {
        let mut repairs = Vec::new();
        let units = pieces(&[
            "［1］林远, 沈秋. 港湾冬季冰情观测方法[J]. 海洋技术, 2018, 12(3):",
            "45-52.",
            "［2］周明. 码头系泊安全评估[M]. 第2版. 青州: 海港出版社, 2016.",
            "［3］沈秋. 北方港口冰期航道维护研究[D]. 青州: 青州海事大学,",
            "2020.",
            "致谢",
            "感谢导师的悉心指导。",
        ]);
        let out = rejoin_entries(units, &mut repairs);
        assert_eq!(
            texts(&out),
            [
                "［1］林远, 沈秋. 港湾冬季冰情观测方法[J]. 海洋技术, 2018, 12(3): 45-52.",
                "［2］周明. 码头系泊安全评估[M]. 第2版. 青州: 海港出版社, 2016.",
                "［3］沈秋. 北方港口冰期航道维护研究[D]. 青州: 青州海事大学, 2020.",
                "致谢",
                "感谢导师的悉心指导。",
            ]
        );
    }

    #[test]
    fn two_entries_under_a_title_are_a_list() {
        let mut repairs = Vec::new();
        let units = pieces(&[
            "Works by the Author",
            "[1] M. Reis. Salt marshes in winter. Coastal Notes, 3(2):",
            "14–20, 2023.",
            "[2] M. Reis and T. Vrede. Counting",
            "terns. Coastal Notes, 4(1):1–9, 2024.",
            "发表论文",
            "［1］林远. 冬季盐沼的观测[J]. 海岸研究, 2023,",
            "5(2): 14-20.（第一作者）",
            "［2］林远, 周明. 燕鸥计数方法[J]. 海岸研究, 2024, 6(1): 1-9.",
        ]);
        let out = rejoin_entries(units, &mut repairs);
        assert_eq!(
            texts(&out),
            [
                "Works by the Author",
                "[1] M. Reis. Salt marshes in winter. Coastal Notes, 3(2): 14–20, 2023.",
                "[2] M. Reis and T. Vrede. Counting terns. Coastal Notes, 4(1):1–9, 2024.",
                "发表论文",
                "［1］林远. 冬季盐沼的观测[J]. 海岸研究, 2023, 5(2): 14-20.（第一作者）",
                "［2］林远, 周明. 燕鸥计数方法[J]. 海岸研究, 2024, 6(1): 1-9.",
            ]
        );
    }

    #[test]
    fn citations_opening_paragraphs_are_no_list() {
        let mut repairs = Vec::new();
        let units = pieces(&[
            "[1] showed that ice forms first at the quay.",
            "Later work disagreed.",
            "[2] measured the same harbour in spring.",
            "这一结论后来被修正。",
        ]);
        let out = rejoin_entries(units.clone(), &mut repairs);
        assert_eq!(out, units);
        assert!(repairs.is_empty());
        assert_eq!(entry_number("［12］周明"), Some(12));
        assert_eq!(entry_number("[2024] was a cold year"), None);
    }
}
