//! List markers set apart from their items.
//!
//! Word processors set a list item's number or bullet as a text run of its
//! own, a tab away from the item (LibreOffice's numbering, groff's `.IP`);
//! `mutool`, `pdfminer`, calibre and `pdftotext` then often give the marker a
//! line to itself (`1.` ⏎ `Choose a place…`, `•` ⏎ `E01 – …`, `（一）` ⏎
//! `新建居住区…`). Such a line is no paragraph: it opens the line after it.

/// Bullets a list item may begin with (not `*` or `—`: alone on a line, those
/// are as often a break between scenes).
const BULLETS: &[char] = &['•', '·', '●', '○', '◦', '▪', '■', '□', '◆', '◇', '‣', '⁃', '–'];
/// Chinese numerals a marker may count in (`（十二）`, `三、`).
const HAN_NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '〇', '零'];
/// Digits of a numbered marker: enough for any list, too few for a year.
const MAX_MARKER_DIGITS: usize = 2;

/// Whether `line` is nothing but a list marker: a bullet, `1.`, `2)`, `(3)`,
/// `a.`, `(b)`, `①`, `（一）`, `三、`, `１．`. A bare number (`12`) is not one:
/// it is as likely a page number or a table cell; nor is a capital with a
/// full stop (`E.`), as likely an initial cut off its name.
pub fn is_lone_marker(line: &str) -> bool {
    let t = line.trim();
    let mut chars = t.chars();
    let Some(first) = chars.next() else { return false };
    let rest = chars.as_str();
    if rest.is_empty() {
        return BULLETS.contains(&first) || ('①'..='⑳').contains(&first) || ('⑴'..='⒇').contains(&first);
    }
    let counted = |s: &str| {
        let n = s.chars().count();
        let digits = s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) && n <= MAX_MARKER_DIGITS;
        let letter = n == 1 && s.chars().all(|c| c.is_ascii_lowercase());
        let han = n <= 3 && s.chars().all(|c| HAN_NUMERALS.contains(&c));
        n > 0 && (digits || letter || han)
    };
    let bracketed =
        |open: char, close: char| t.strip_prefix(open).and_then(|s| s.strip_suffix(close)).is_some_and(counted);
    // (Not `[4]`: alone on a line, that is as often a citation cut off its sentence.)
    if bracketed('(', ')') || bracketed('（', '）') || bracketed('〔', '〕') {
        return true;
    }
    // `1.`, `2)`, `a.`, `１．`, `三、`, `4、`
    let Some(last) = t.chars().last() else { return false };
    let body = &t[..t.len() - last.len_utf8()];
    match last {
        '.' | ')' | '．' | '）' => counted(body) && !body.chars().all(|c| HAN_NUMERALS.contains(&c)),
        '、' => counted(body) && !body.chars().all(|c| c.is_ascii_alphabetic()),
        _ => false,
    }
}

/// What goes between a lone marker and its item's text: a space after an
/// ASCII marker or a bullet (`1. Choose`, `• E01`), nothing after a
/// fullwidth one (`（一）新建`, `三、总则`).
pub fn marker_separator(marker: &str) -> &'static str {
    match marker.trim().chars().last() {
        Some('）' | '、' | '．' | '〕') => "",
        _ => " ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_alone_on_their_line_are_known() {
        for m in ["1.", "12)", "(3)", "a.", "(b)", "•", "–", "①", "（一）", "三、", "１．", "4、", " ● "]
        {
            assert!(is_lone_marker(m), "{m:?}");
        }
    }

    #[test]
    fn numbers_words_and_items_with_text_are_not() {
        for t in [
            "*",
            "—",
            "12",
            "E.",
            "[4]",
            "2024.",
            "123.",
            "Fig.",
            "No.",
            "e.g.",
            "1. Choose a place",
            "（一）总则",
            "一",
            "ab.",
            "。",
            "",
            "十、一",
        ] {
            assert!(!is_lone_marker(t), "{t:?}");
        }
        // A Han numeral with a Latin full stop is a sentence, not a marker; a letter with `、` neither.
        assert!(!is_lone_marker("三."));
        assert!(!is_lone_marker("a、"));
    }

    #[test]
    fn the_separator_follows_the_marker_s_width() {
        assert_eq!(marker_separator("2."), " ");
        assert_eq!(marker_separator("•"), " ");
        assert_eq!(marker_separator("（四）"), "");
        assert_eq!(marker_separator("五、"), "");
    }
}
