//! Stage 2, normalise: one canonical form of the decoded text.
//!
//! Takes decoded text; returns text with `\n` line ends, NFC, unified
//! ideographs for Kangxi radicals and compatibility ideographs, no invisible
//! controls (but a soft hyphen ending a line, where a typesetter hyphenated:
//! the repair stage joins the word), and letter-spaced heading lines closed up. Form feeds stay: they
//! are page-break evidence for the repair stage. Never applies blanket NFKC (it
//! would turn Chinese fullwidth punctuation into ASCII). Keeps the number of
//! lines, so a line index means the same line before and after, but where two
//! columns stood side by side (each is then read in turn, a line each).

mod columns;

use crate::report::{Repair, Rule};
use crate::scan::letter_spacing::collapse_letter_spacing;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// The normalised text and what was changed.
#[derive(Debug, Clone, Default)]
pub struct Normalised {
    pub text: String,
    pub repairs: Vec<Repair>,
    /// Indices of lines that were letter-spaced (`本 期 导 读`) and closed up:
    /// heading evidence for the structure stage.
    pub letter_spaced: Vec<usize>,
}

/// Normalise `input`. Idempotent: `normalise(normalise(x).text).text == normalise(x).text`.
pub fn normalise(input: &str) -> Normalised {
    let mut repairs = Vec::new();
    // Each step borrows when it changes nothing (a clean novel: every step),
    // so the text is not copied once per step: 20 M characters are 60 MB.
    let text = unify_line_ends(input, &mut repairs);
    // Columns first: a soft hyphen ending a left column's line stands mid-line
    // until the columns are parted, and only a line's last one is kept.
    let text = columns::read_columns_in_order(text, &mut repairs);
    let text = strip_invisibles(text, &mut repairs);
    let text = fold_ideographs(text, &mut repairs);
    let mut letter_spaced = Vec::new();
    let mut out = String::with_capacity(text.len());
    let lines: Vec<&str> = text.split('\n').collect();
    let mut offset = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let isolated = |j: Option<usize>| j.and_then(|j| lines.get(j)).is_none_or(|l| l.trim().is_empty());
        let prev_blank = isolated(i.checked_sub(1));
        let next_blank = isolated(Some(i + 1));
        match (prev_blank && next_blank).then(|| collapse_letter_spacing(line)).flatten() {
            Some(closed) => {
                repairs.push(Repair::new(
                    Rule::LetterSpacing,
                    "isolated_spaced_line",
                    (offset, offset + line.len()),
                    *line,
                    closed.clone(),
                ));
                letter_spaced.push(i);
                out.push_str(&closed);
            }
            None => out.push_str(line),
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
        offset += line.len() + 1;
    }
    Normalised { text: out, repairs, letter_spaced }
}

/// `\r\n` and lone `\r` (and U+2028/2029) become `\n`; a leading BOM goes.
fn unify_line_ends<'t>(input: &'t str, repairs: &mut Vec<Repair>) -> Cow<'t, str> {
    let mut s = input;
    if let Some(rest) = s.strip_prefix('\u{FEFF}') {
        repairs.push(Repair::new(Rule::ByteOrderMark, "leading_bom", (0, 3), "\u{FEFF}", ""));
        s = rest;
    }
    if !s.contains(['\r', '\u{2028}', '\u{2029}']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut changed = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                changed += 1;
            }
            '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                changed += 1;
            }
            c => out.push(c),
        }
    }
    // One record for the whole file: line ends are white space, not content.
    let _ = changed;
    repairs.push(Repair::new(Rule::LineEnding, "cr_or_crlf", (0, input.len()), "\r\n", "\n"));
    Cow::Owned(out)
}

pub(crate) const SOFT_HYPHEN: char = '\u{00AD}';

/// Characters that carry nothing a reader sees and confuse later stages.
fn is_invisible(c: char) -> bool {
    match c {
        '\n' | '\t' | '\x0C' => false,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' => true,
        // ZWJ and ZWNJ shape emoji and Indic/Persian text: keep them.
        '\u{200C}' | '\u{200D}' => false,
        // Bidi embedding controls are kept too: they change how text reads.
        c => c.is_control(),
    }
}

/// `\u{AD} 3 \u{AD}`, `2024\u{AD}11\u{AD}09`: a soft hyphen with no letter on
/// one side or the other. A soft hyphen only ever hints where a word may
/// break, so it stands between letters; anywhere else it is a hyphen the page
/// drew, which the PDF's font names as a soft one (pypdf, mutool, pdfminer and
/// calibre read Typst's `-` so), and it stays as `-`.
fn is_drawn_hyphen(before: &str, after: &str) -> bool {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    !(letter(before.chars().next_back()) && letter(after.chars().next()))
}

fn strip_invisibles<'t>(input: Cow<'t, str>, repairs: &mut Vec<Repair>) -> Cow<'t, str> {
    if !input.chars().any(is_invisible) {
        return input;
    }
    let mut out = String::with_capacity(input.len());
    for (at, c) in input.char_indices() {
        // `con\u{AD}` ⏎ `tents`: the hyphen a typesetter drew at a line end
        // (`pdftotext` reads it as a soft hyphen) says the word goes on.
        let (before, after) = (&input[..at], &input[at + c.len_utf8()..]);
        let line_end_hyphen =
            c == SOFT_HYPHEN && after.starts_with('\n') && before.chars().next_back().is_some_and(char::is_alphabetic);
        if c == SOFT_HYPHEN && !line_end_hyphen && is_drawn_hyphen(before, after) {
            repairs.push(Repair::new(
                Rule::ZeroWidth,
                "soft_hyphen_drawn",
                (at, at + c.len_utf8()),
                c.to_string(),
                "-",
            ));
            out.push('-');
        } else if is_invisible(c) && !line_end_hyphen {
            let (rule, why) =
                if c.is_control() { (Rule::ControlCharacter, "control") } else { (Rule::ZeroWidth, "zero_width") };
            repairs.push(Repair::new(rule, why, (at, at + c.len_utf8()), c.to_string(), ""));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Kangxi radicals (U+2F00–2FDF), CJK radicals supplement and compatibility
/// ideographs (U+F900–FAFF, U+2F800–2FA1F) are look-alikes of unified
/// ideographs that break search and fonts; NFKC of that one character maps
/// each to its unified form. Everything else gets NFC only.
fn fold_ideographs<'t>(input: Cow<'t, str>, repairs: &mut Vec<Repair>) -> Cow<'t, str> {
    if input.chars().all(is_plainly_nfc) {
        return input;
    }
    let is_lookalike = |c: char| matches!(c as u32, 0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F);
    let nfc: Cow<str> =
        if unicode_normalization::is_nfc(&input) { input } else { Cow::Owned(nfc_recorded(&input, repairs)) };
    if !nfc.chars().any(is_lookalike) {
        return nfc;
    }
    let mut out = String::with_capacity(nfc.len());
    for (at, c) in nfc.char_indices() {
        if is_lookalike(c) {
            let folded: String = c.to_string().nfkc().collect();
            if folded.chars().count() == 1 && folded != c.to_string() {
                repairs.push(Repair::new(
                    Rule::CompatibilityIdeograph,
                    if (c as u32) < 0x2FE0 { "kangxi_radical" } else { "compatibility_ideograph" },
                    (at, at + c.len_utf8()),
                    c.to_string(),
                    folded.clone(),
                ));
                out.push_str(&folded);
                continue;
            }
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Characters that are NFC whatever stands around them (quick check Yes,
/// combining class 0) and no look-alike ideograph: ASCII and Latin-1,
/// dashes and quotation marks, CJK punctuation, kana (not the combining
/// sound marks U+3099–309A), the unified ideographs and the full-width
/// forms. Nearly every character of a Chinese, Japanese or English book is
/// one, and a text made only of them skips the NFC check's table lookups.
fn is_plainly_nfc(c: char) -> bool {
    matches!(
        c as u32,
        0x00..=0xFF
            | 0x2010..=0x2027
            | 0x3000..=0x3029
            | 0x3030..=0x303F
            | 0x3041..=0x3096
            | 0x309B..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xFF01..=0xFF5E
    )
}

/// NFC, line by line, with a record for every line it changes: composition
/// can also decompose (`ਖ਼` U+0A59 is excluded from composition and becomes
/// `ਖ` + `਼`), and every change is accounted for.
fn nfc_recorded(input: &str, repairs: &mut Vec<Repair>) -> String {
    let mut out = String::with_capacity(input.len());
    let mut offset = 0usize;
    for (i, line) in input.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if unicode_normalization::is_nfc(line) {
            out.push_str(line);
        } else {
            let normalised: String = line.nfc().collect();
            repairs.push(Repair::new(
                Rule::UnicodeNfc,
                "not_nfc",
                (offset, offset + line.len()),
                line,
                normalised.clone(),
            ));
            out.push_str(&normalised);
        }
        offset += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plainly_nfc_characters_are_nfc_anywhere() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_plainly_nfc(c)) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        // A sound mark after its kana composes: not plainly NFC, and folded.
        assert!(!is_plainly_nfc('\u{3099}'));
        assert_eq!(normalise("か\u{3099}").text, "が");
        for plain in ["他推开门，看见院子里站着一个人。", "“Fine,” she said — and left…"] {
            assert!(plain.chars().all(is_plainly_nfc));
            assert_eq!(normalise(plain).text, plain);
        }
    }

    #[test]
    fn line_ends_and_bom() {
        let n = normalise("\u{FEFF}a\r\nb\rc\n");
        assert_eq!(n.text, "a\nb\nc\n");
        assert!(n.repairs.iter().any(|r| r.rule == Rule::ByteOrderMark));
    }

    #[test]
    fn keeps_form_feeds_and_line_count() {
        let n = normalise("one\n\x0Ctwo\u{200B}\n");
        assert_eq!(n.text, "one\n\x0Ctwo\n");
        assert_eq!(n.repairs.iter().filter(|r| r.rule == Rule::ZeroWidth).count(), 1);
    }

    #[test]
    fn a_soft_hyphen_outside_a_word_is_a_drawn_hyphen() {
        // A folio and a date as pypdf reads a Typst page; a word's break hint stays invisible.
        let n = normalise("\u{AD} 12 \u{AD}\nFiled 2024\u{AD}11\u{AD}09 by the hon\u{AD}orary clerk.\n");
        assert_eq!(n.text, "- 12 -\nFiled 2024-11-09 by the honorary clerk.\n");
        assert_eq!(n.repairs.iter().filter(|r| r.after == "-").count(), 4);
        let n = normalise("\u{AD} 十二 \u{AD}\n第三\u{AD}章 冬\u{AD}至\n");
        assert_eq!(n.text, "- 十二 -\n第三章 冬至\n", "between ideographs (letters) it is a hint");
        // At a line end it says the word goes on (repair joins it).
        assert_eq!(normalise("con\u{AD}\ntents\n").text, "con\u{AD}\ntents\n");
    }

    #[test]
    fn folds_kangxi_and_compatibility_but_not_punctuation() {
        // U+2F08 KANGXI RADICAL MAN, U+F900 compatibility ideograph.
        let n = normalise("\u{2F08}\u{F900}，。！（）：");
        assert_eq!(n.text, "人豈，。！（）：");
        let n = normalise("Ａ１");
        assert_eq!(n.text, "Ａ１", "fullwidth Latin is the author's choice, not folded");
    }

    #[test]
    fn letter_spacing_only_on_isolated_lines() {
        let n = normalise("正文第一行\n我 爱 你\n正文第三行\n\n经 济\n\n");
        assert!(n.text.contains("我 爱 你"), "inside running text: kept");
        assert!(n.text.contains("\n经济\n"));
        assert_eq!(n.letter_spaced, vec![4]);
    }

    #[test]
    fn nfc_changes_are_recorded() {
        let n = normalise("e\u{301}\n\u{A59}");
        assert_eq!(n.text, "\u{E9}\n\u{A16}\u{A3C}");
        assert_eq!(n.repairs.iter().filter(|r| r.rule == Rule::UnicodeNfc).count(), 2);
    }

    #[test]
    fn idempotent() {
        let once = normalise("\u{FEFF}本 期 导 读\r\n\r\n正文\u{200B}。\r\n").text;
        assert_eq!(normalise(&once).text, once);
    }
}
