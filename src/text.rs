//! Character classes every stage shares: what is CJK, what ends a sentence,
//! how wide a line is. Small, table-free predicates over `char`.

/// Han ideographs, kana, Hangul, CJK punctuation and fullwidth forms: the
/// characters between which a line break is not a space (CSS Text 3 §4.1.2).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x2FDF    // CJK radicals, Kangxi radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x31FF    // Bopomofo, Katakana ext
        | 0x3200..=0x33FF    // enclosed CJK, compatibility
        | 0x3400..=0x4DBF    // Extension A
        | 0x4E00..=0x9FFF    // Unified ideographs
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFFEF    // halfwidth and fullwidth forms
        | 0x20000..=0x3FFFF) // Extensions B–H
}

/// Hangul, which (unlike Han and kana) keeps spaces between words.
pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0x3130..=0x318F)
}

/// Han ideographs only.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Hiragana or katakana.
pub fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Marks that end a sentence, in any of our languages.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '.' | '!' | '?' | '…' | '．' | '｡' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Closing quotes and brackets that may follow a sentence end (`。”`, `.)`).
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '）'
            | ')'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '］'
            | ']'
            | '"'
            | '\''
            | '»'
            | '›'
            | '〗'
            | '〙'
    )
}

/// Opening quotes and brackets.
pub fn is_opening(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『' | '（' | '(' | '《' | '〈' | '【' | '〔' | '［' | '[' | '«' | '‹' | '〖' | '〘')
}

/// Punctuation inside a sentence: a line ending with one continues.
pub fn is_clause_punct(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：' | ',' | ';' | ':' | '—' | '－' | '～' | '·')
}

/// Whether a line ends a sentence: last non-space character is a sentence end,
/// possibly followed by closing quotes or brackets (`他说：“走。”`).
pub fn ends_sentence(line: &str) -> bool {
    let mut chars = line.trim_end().chars().rev();
    for c in chars.by_ref() {
        if is_closing(c) {
            continue;
        }
        return is_sentence_end(c);
    }
    false
}

/// Whether `line` contains sentence or clause punctuation anywhere: prose, not a title.
pub fn has_prose_punct(line: &str) -> bool {
    line.chars().any(|c| matches!(c, '，' | '。' | '；' | '！' | '？' | '、' | '：'))
        || line.contains(". ")
        || line.contains(", ")
        || line.contains("; ")
}

/// The last `n` characters of `s` (all of it when shorter): context for a repair record.
pub fn tail_chars(s: &str, n: usize) -> &str {
    let at = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[at..]
}

/// The first `n` characters of `s`.
pub fn head_chars(s: &str, n: usize) -> &str {
    let at = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..at]
}

/// Width of a line in columns: CJK characters count two, others one, as a
/// monospaced extraction or a terminal lays them out.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Columns one character takes: two for CJK but the half-width forms, one otherwise.
fn char_width(c: char) -> usize {
    if is_cjk(c) && !matches!(c as u32, 0xFF61..=0xFFDC) {
        2
    } else {
        1
    }
}

/// Whether `s` is wider than `limit` columns (`display_width(s) > limit`),
/// read only as far as the column past the limit: the heading patterns ask
/// it of every line, and a paragraph of prose runs far past any title's width.
pub fn wider_than(s: &str, limit: usize) -> bool {
    // A character takes no more columns than its UTF-8 bytes (two-column CJK takes three).
    if s.len() <= limit {
        return false;
    }
    let mut width = 0;
    s.chars().any(|c| {
        width += char_width(c);
        width > limit
    })
}

/// Share of letters that are CJK, over letters and ideographs only.
pub fn cjk_share(s: &str) -> f64 {
    let (mut cjk, mut all) = (0usize, 0usize);
    for c in s.chars() {
        if c.is_alphanumeric() {
            all += 1;
            if is_cjk(c) {
                cjk += 1;
            }
        }
    }
    if all == 0 {
        0.0
    } else {
        cjk as f64 / all as f64
    }
}

/// A line of rule characters (`――――――――`, `-----`, `=====`) or spaced
/// asterisks (`* * * * *`, `＊＊＊`): a separator, not text that goes on.
pub fn is_separator_line(text: &str) -> bool {
    // Checked for every line: the first other character settles it, with no copy.
    let marks = || text.chars().filter(|c| !c.is_whitespace());
    let rule = marks().all(|c| matches!(c, '―' | '—' | '─' | '━' | '-' | '－' | '=' | '＝' | '_' | '＿'))
        && marks().count() >= 4;
    let stars = marks().all(|c| matches!(c, '*' | '＊')) && marks().count() >= 3;
    rule || stars
}

/// A byline: `作者：某某`, `著者：…`, `译者：…`.
pub fn is_byline(text: &str) -> bool {
    let t = text.trim();
    ["作者：", "作者:", "著者：", "译者：", "譯者：", "訳者："].iter().any(|p| t.starts_with(p))
}

/// The separator to put where a line break joined two pieces of one paragraph:
/// nothing between CJK characters (or CJK and anything but Hangul), a space
/// between words of space-separated scripts (CSS Text 3 segment-break transformation).
pub fn join_separator(before: &str, after: &str) -> &'static str {
    let (Some(a), Some(b)) = (before.trim_end().chars().last(), after.trim_start().chars().next()) else {
        return "";
    };
    // A number's thousands separator stays closed: `1,` ⏎ `200年` (but `1,` ⏎ `2, 3`).
    let group = after.trim_start().chars().take_while(char::is_ascii_digit).count() == 3;
    let digit_group = a == ',' && group && before.trim_end().chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit());
    if (is_cjk(a) && !is_hangul(a)) || (is_cjk(b) && !is_hangul(b)) || digit_group || number_cut_in_cjk(before, after) {
        ""
    } else {
        " "
    }
}

/// A number the line break cut in two inside CJK text (`时限压缩至3` ⏎
/// `2个工作日`): Chinese and Japanese set no space inside or around a number,
/// so digits on both sides of the break, with a CJK character just before
/// the first piece or just after the second, are one number.
fn number_cut_in_cjk(before: &str, after: &str) -> bool {
    let numeric = |c: &char| c.is_ascii_digit() || matches!(c, '.' | ',');
    let before = before.trim_end();
    let after = after.trim_start();
    let (Some(a), Some(b)) = (before.chars().last(), after.chars().next()) else { return false };
    if !a.is_ascii_digit() || !b.is_ascii_digit() {
        return false;
    }
    let cjk = |c: Option<char>| c.is_some_and(|c| is_cjk(c) && !is_hangul(c));
    // (Extractors space the number from its CJK neighbours: `至 3` ⏎ `2 个`.)
    let beside = |c: &char| !numeric(c) && !c.is_whitespace();
    cjk(before.chars().rev().find(beside)) || cjk(after.chars().find(beside))
}

/// A key for comparing titles: letters and digits only, lower-cased, with
/// fullwidth forms folded (whitespace, punctuation and width differences ignored).
pub fn title_key(s: &str) -> String {
    s.chars().map(fold_width).filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect()
}

/// Fold a fullwidth ASCII variant (`Ａ`, `１`) to ASCII.
pub fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Where to cut `text` to keep at most `max` bytes of it: after the last
/// sentence end or space in the final quarter (`。`, `.`, `！`…), else at the
/// last character boundary. For paragraphs too long to typeset or store in
/// one piece (a whole novel on one line).
pub fn cut_point(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut window_start = end - end / 4;
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    text[window_start..end]
        .char_indices()
        .filter(|(_, c)| matches!(c, '。' | '！' | '？' | '.' | '!' | '?' | ' ' | '\n'))
        .map(|(i, c)| window_start + i + c.len_utf8())
        .next_back()
        .unwrap_or(end)
}

/// The standalone number of at most [`crate::limits::TATE_CHU_YOKO_MAX_DIGITS`]
/// ASCII digits that byte `at` of `text` belongs to, set upright in vertical
/// text: `第12章` gives `12`; `2024年`, `3.14`, `A12` and `&#12;` give nothing
/// (a longer number, a decimal, part of a word, an entity).
pub fn tate_chu_yoko_at(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    if !bytes.get(at)?.is_ascii_digit() {
        return None;
    }
    let start = bytes[..at].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |p| p + 1);
    let end = bytes[at..].iter().position(|b| !b.is_ascii_digit()).map_or(bytes.len(), |p| at + p);
    let joined =
        |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b'_' | b'#'));
    let before = start.checked_sub(1).and_then(|p| bytes.get(p));
    (end - start <= crate::limits::TATE_CHU_YOKO_MAX_DIGITS && !joined(before) && !joined(bytes.get(end)))
        .then_some(start..end)
}

/// Unicode's interlinear annotation characters, which carry a ruby reading
/// through the repair and structure stages inside plain text:
/// `ANCHOR base SEPARATOR reading TERMINATOR` (`\u{FFF9}漢字\u{FFFA}かんじ\u{FFFB}`).
/// The structure stage turns them into [`crate::model::Inline::Ruby`]; they
/// never reach an output.
pub const RUBY_ANCHOR: char = '\u{FFF9}';
pub const RUBY_SEPARATOR: char = '\u{FFFA}';
pub const RUBY_TERMINATOR: char = '\u{FFFB}';

/// `base` annotated with `reading`, in the form [`ruby_pieces`] reads back.
pub fn annotate_ruby(base: &str, reading: &str) -> String {
    format!("{RUBY_ANCHOR}{base}{RUBY_SEPARATOR}{reading}{RUBY_TERMINATOR}")
}

/// A run of text, or a base with its ruby reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RubyPiece<'a> {
    Text(&'a str),
    Ruby { base: &'a str, reading: &'a str },
}

/// `s` split into text and annotated bases. An annotation that is not whole
/// (a stray anchor in the input) stays text, characters and all.
pub fn ruby_pieces(s: &str) -> Vec<RubyPiece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = s;
    let mut text_start = 0;
    let mut at = 0;
    while let Some(found) = rest[at..].find(RUBY_ANCHOR) {
        let open = at + found;
        let body = &rest[open + RUBY_ANCHOR.len_utf8()..];
        let whole = body.find(RUBY_TERMINATOR).and_then(|end| {
            let inner = &body[..end];
            let sep = inner.find(RUBY_SEPARATOR)?;
            let (base, reading) = (&inner[..sep], &inner[sep + RUBY_SEPARATOR.len_utf8()..]);
            let clean = |t: &str| !t.is_empty() && !t.contains([RUBY_ANCHOR, RUBY_SEPARATOR]);
            (clean(base) && clean(reading)).then_some((base, reading, end))
        });
        match whole {
            Some((base, reading, end)) => {
                if open > text_start {
                    pieces.push(RubyPiece::Text(&rest[text_start..open]));
                }
                pieces.push(RubyPiece::Ruby { base, reading });
                let after = open + RUBY_ANCHOR.len_utf8() + end + RUBY_TERMINATOR.len_utf8();
                rest = &rest[after..];
                text_start = 0;
                at = 0;
            }
            None => at = open + RUBY_ANCHOR.len_utf8(),
        }
    }
    if text_start < rest.len() {
        pieces.push(RubyPiece::Text(&rest[text_start..]));
    }
    pieces
}

/// `s` with every ruby annotation reduced to its base (`漢字《かんじ》` read as `漢字`).
pub fn strip_ruby(s: &str) -> String {
    if !s.contains(RUBY_ANCHOR) {
        return s.to_string();
    }
    ruby_pieces(s)
        .into_iter()
        .map(|p| match p {
            RubyPiece::Text(t) => t,
            RubyPiece::Ruby { base, .. } => base,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_point_prefers_sentence_ends() {
        assert_eq!(cut_point("短句。", 100), "短句。".len());
        let text = "一二三四五六七八九。十一二三四五";
        assert_eq!(&text[..cut_point(text, 36)], "一二三四五六七八九。");
        let words = "aaaa bbbb cccc dddd";
        assert_eq!(&words[..cut_point(words, 12)], "aaaa bbbb ");
        assert_eq!(cut_point("长长长长", 7), 6, "never inside a character");
        let long = "长".repeat(40_000);
        for max in [95_999, 96_000, 96_001, 65_536] {
            assert!(long.is_char_boundary(cut_point(&long, max)), "{max}");
        }
    }

    #[test]
    fn sentence_ends_with_closing_quotes() {
        assert!(ends_sentence("他说：“走吧。”"));
        assert!(ends_sentence("It was over.) "));
        assert!(ends_sentence("どこで生れたかとんと見当がつかぬ。"));
        assert!(!ends_sentence("新建一座渡口码"));
        assert!(!ends_sentence("the door was"));
    }

    #[test]
    fn separators_follow_css_text() {
        assert_eq!(join_separator("渡口码", "头改造"), "");
        assert_eq!(join_separator("the door", "was open"), " ");
        assert_eq!(join_separator("使用", "Rust"), "");
        assert_eq!(join_separator("대한민국", "헌법"), " ");
        assert_eq!(join_separator("可达1,", "200年以上"), "");
        assert_eq!(join_separator("counted 1,", "2, 3"), " ");
        // A number cut by the break inside CJK text is one number; between words it is two.
        assert_eq!(join_separator("时限压缩至3", "2个工作日"), "");
        assert_eq!(join_separator("乡镇卫生院1", "9个"), "");
        assert_eq!(join_separator("全長は1", "5メートル"), "");
        assert_eq!(join_separator("压缩至 3", "2 个工作日"), "");
        assert_eq!(join_separator("rooms 3", "2 guests"), " ");
        assert_eq!(join_separator("in 1", "984 pages"), " ");
    }

    #[test]
    fn widths_and_keys() {
        assert_eq!(display_width("ab中文"), 6);
        assert_eq!(title_key("“丰谷 22” 入选"), title_key("“丰谷22”入选"));
        assert_eq!(title_key("Chapter ＯＮＥ"), "chapterone");
    }

    #[test]
    fn wider_than_agrees_with_the_width_at_every_limit() {
        for s in [
            "",
            "ab中文",
            "灯塔守夜人在雾里数船。",
            "ｶﾀｶﾅ半角と全角のカナ",
            "The keeper counted boats in the fog.",
            "é中",
        ] {
            for limit in 0..=display_width(s) + 2 {
                assert_eq!(wider_than(s, limit), display_width(s) > limit, "{s:?} at {limit}");
            }
        }
    }

    #[test]
    fn tate_chu_yoko_takes_short_standalone_numbers_only() {
        fn at<'t>(t: &'t str, c: &str) -> Option<&'t str> {
            tate_chu_yoko_at(t, t.find(c).unwrap()).map(|r| &t[r])
        }
        assert_eq!(at("第12章", "2"), Some("12"));
        assert_eq!(at("午後3時", "3"), Some("3"));
        assert_eq!(at("Chapter 12", "1"), Some("12"));
        for (t, c) in [("2024年", "0"), ("3.14", "1"), ("A12", "1"), ("&#12;", "1"), ("12b", "1")] {
            assert_eq!(at(t, c), None, "{t}");
        }
        assert_eq!(tate_chu_yoko_at("第章", 0), None);
    }

    #[test]
    fn ruby_annotations_round_trip_and_stray_marks_stay_text() {
        let s = format!("吾輩は{}である。", annotate_ruby("猫", "ねこ"));
        assert_eq!(
            ruby_pieces(&s),
            [RubyPiece::Text("吾輩は"), RubyPiece::Ruby { base: "猫", reading: "ねこ" }, RubyPiece::Text("である。")]
        );
        assert_eq!(strip_ruby(&s), "吾輩は猫である。");
        let stray = "a\u{FFF9}b c";
        assert_eq!(ruby_pieces(stray), [RubyPiece::Text(stray)]);
        assert_eq!(strip_ruby(stray), stray);
        let two = format!("{}{}", annotate_ruby("東", "ひがし"), annotate_ruby("西", "にし"));
        assert_eq!(ruby_pieces(&two).len(), 2);
    }
}
