//! Letter-spaced lines: `本 期 导 读`, `C O N T E N T S`.
//!
//! Normalise closes such lines up; structure takes them as heading evidence.

use crate::limits::MAX_LETTER_SPACED_CHARS;
use crate::text::{is_cjk, is_sentence_end};

/// Close up a letter-spaced heading line: `本 期 导 读` → `本期导读`,
/// `C O N T E N T S` → `CONTENTS`, `T H E   E N D` → `THE END` (a wider gap
/// separates words). Returns `None` for anything else, including prose with
/// one-letter words (`I am a`), a spaced-out ellipsis or a line with sentence punctuation.
pub fn collapse_letter_spacing(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let tokens: Vec<&str> = trimmed.split([' ', '\u{3000}', '\t']).filter(|t| !t.is_empty()).collect();
    if tokens.len() < 2 || !tokens.iter().all(|t| t.chars().count() == 1) {
        return None;
    }
    let letters: Vec<char> = tokens.iter().filter_map(|t| t.chars().next()).collect();
    if letters.iter().any(|&c| !(c.is_alphanumeric() || is_cjk(c)) || is_sentence_end(c)) {
        return None;
    }
    let cjk = letters.iter().filter(|&&c| is_cjk(c)).count();
    // Two CJK characters (`时 政`) make a heading; Latin needs more to rule out `a I`.
    let enough = if cjk * 2 >= letters.len() {
        letters.len() >= 2
    } else {
        letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    if !enough || letters.len() > MAX_LETTER_SPACED_CHARS {
        return None;
    }
    // Gaps wider than the usual one separate words in Latin scripts.
    let mut out = String::new();
    let mut gap = 0usize;
    for c in trimmed.chars() {
        if c == ' ' || c == '\u{3000}' || c == '\t' {
            gap += if c == ' ' { 1 } else { 2 };
            continue;
        }
        if gap >= 2 && cjk == 0 && !out.is_empty() {
            out.push(' ');
        }
        gap = 0;
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closes_letter_spaced_headings() {
        assert_eq!(collapse_letter_spacing("本 期 导 读").as_deref(), Some("本期导读"));
        assert_eq!(collapse_letter_spacing("时 政").as_deref(), Some("时政"));
        assert_eq!(collapse_letter_spacing("C O N T E N T S").as_deref(), Some("CONTENTS"));
        assert_eq!(collapse_letter_spacing("T H E  E N D").as_deref(), Some("THE END"));
        assert_eq!(collapse_letter_spacing("目 次").as_deref(), Some("目次"));
        assert_eq!(collapse_letter_spacing("I a m"), None);
        assert_eq!(collapse_letter_spacing(". . ."), None);
        assert_eq!(collapse_letter_spacing("走 。"), None);
        assert_eq!(collapse_letter_spacing("江城 姑娘"), None);
    }
}
