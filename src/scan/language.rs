//! Language detection from a body of text: a BCP 47 tag (`zh-Hans`, `zh-Hant`,
//! `ja`, `ko`, `en`, `und`) from character counts alone.
//!
//! Takes text, returns a tag; never looks at metadata or file names. Used by
//! the structure stage and by Markdown input.

use crate::limits::{MIN_ASCII_SHARE, MIN_CJK_SHARE, MIN_KANA_SHARE};
use crate::text::{is_cjk, is_han, is_hangul, is_kana};

/// Frequent characters whose simplified and traditional forms differ, as
/// `(simplified, traditional)`. Only pairs where the simplified form is not
/// also an ordinary traditional character (so no 后/後, 里/裡, 干/幹, 面/麵).
const HANS_HANT_PAIRS: &[(char, char)] = &[
    ('这', '這'),
    ('国', '國'),
    ('说', '說'),
    ('为', '為'),
    ('会', '會'),
    ('来', '來'),
    ('个', '個'),
    ('们', '們'),
    ('时', '時'),
    ('过', '過'),
    ('还', '還'),
    ('对', '對'),
    ('么', '麼'),
    ('发', '發'),
    ('经', '經'),
    ('现', '現'),
    ('见', '見'),
    ('长', '長'),
    ('开', '開'),
    ('问', '問'),
    ('关', '關'),
    ('东', '東'),
    ('车', '車'),
    ('书', '書'),
    ('门', '門'),
    ('马', '馬'),
    ('话', '話'),
    ('让', '讓'),
    ('进', '進'),
    ('学', '學'),
    ('实', '實'),
    ('点', '點'),
    ('种', '種'),
    ('样', '樣'),
    ('无', '無'),
    ('头', '頭'),
    ('听', '聽'),
    ('动', '動'),
    ('与', '與'),
    ('气', '氣'),
    ('认', '認'),
    ('间', '間'),
    ('边', '邊'),
    ('爱', '愛'),
    ('处', '處'),
    ('张', '張'),
    ('应', '應'),
    ('从', '從'),
    ('给', '給'),
    ('没', '沒'),
    ('难', '難'),
    ('声', '聲'),
    ('电', '電'),
    ('记', '記'),
    ('觉', '覺'),
    ('机', '機'),
    ('虽', '雖'),
    ('谁', '誰'),
    ('该', '該'),
    ('红', '紅'),
    ('风', '風'),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Simplified,
    Traditional,
}

/// Both forms of [`HANS_HANT_PAIRS`], sorted by character: a book's every
/// paragraph is looked up (the EPUB marks foreign ones), and a scan of the
/// pairs per ideograph was a tenth of a Chinese novel's EPUB time.
fn script_forms() -> &'static [(char, Script)] {
    static FORMS: std::sync::OnceLock<Vec<(char, Script)>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms: Vec<(char, Script)> =
            HANS_HANT_PAIRS.iter().flat_map(|&(s, t)| [(s, Script::Simplified), (t, Script::Traditional)]).collect();
        forms.sort_unstable_by_key(|&(c, _)| c);
        forms
    })
}

/// Every character of the CJK Unified Ideographs block is a letter and Han
/// (a test below checks the whole block): the common case of a Chinese text
/// skips `char::is_alphabetic`'s table search.
fn is_unified_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// `char::is_alphabetic`, answered by range for what fills most books (ASCII,
/// the unified ideographs, CJK and general punctuation: `，`, `。`, `「`,
/// `“`, `…`) before its table search, which was most of the time spent
/// judging each paragraph's language. A test below compares every character.
fn is_letter(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphabetic(),
        c if is_unified_ideograph(c) => true,
        // General punctuation, CJK punctuation and brackets (not 々〆〇, which
        // are letters), fullwidth punctuation and digits: none is a letter.
        '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' | '\u{FF01}'..='\u{FF20}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Which Chinese script a text is written in: `zh-Hant` when characters only
/// traditional text uses outnumber those only simplified text uses
/// (`這個國家` → `zh-Hant`), else `zh-Hans` (also when there is no evidence:
/// most Chinese text online is simplified).
pub fn chinese_script(text: &str) -> &'static str {
    let (mut hans, mut hant) = (0usize, 0usize);
    let forms = script_forms();
    for c in text.chars().filter(|&c| is_han(c)) {
        match forms.binary_search_by_key(&c, |&(form, _)| form).map(|i| forms[i].1) {
            Ok(Script::Simplified) => hans += 1,
            Ok(Script::Traditional) => hant += 1,
            Err(_) => {}
        }
    }
    if hant > hans {
        "zh-Hant"
    } else {
        "zh-Hans"
    }
}

/// A language told from letter counts alone: Chinese before its script is
/// known, which only [`chinese_script`] tells and not every caller needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detected {
    Japanese,
    Korean,
    Chinese,
    English,
    Undetermined,
}

impl Detected {
    /// The tag, with `text`'s Chinese script looked up only for Chinese.
    fn tag(self, text: &str) -> &'static str {
        match self {
            Detected::Japanese => "ja",
            Detected::Korean => "ko",
            Detected::Chinese => chinese_script(text),
            Detected::English => "en",
            Detected::Undetermined => "und",
        }
    }

    /// The primary subtag of [`Detected::tag`], the same for both Chinese scripts.
    fn primary(self) -> &'static str {
        match self {
            Detected::Chinese => "zh",
            other => other.tag(""),
        }
    }
}

/// The language of `text` as a BCP 47 tag, from its letters:
/// at least [`MIN_CJK_SHARE`] CJK → `ja` when kana make up
/// [`MIN_KANA_SHARE`] of them, `ko` when Hangul outnumbers Han, else Chinese
/// ([`chinese_script`]); otherwise `en` when at least [`MIN_ASCII_SHARE`] of
/// letters are ASCII; otherwise `und`.
///
/// `吾輩は猫である。名前はまだ無い。` → `ja`; `这是一本书。` → `zh-Hans`;
/// `It was a dark night.` → `en`; `Это книга.` → `und`.
pub fn detect_language(text: &str) -> String {
    detect(text).tag(text).into()
}

/// [`detect_language`] up to the Chinese script, in one pass over `text`.
fn detect(text: &str) -> Detected {
    let (mut letters, mut cjk, mut kana, mut hangul, mut han, mut ascii) = (0usize, 0, 0, 0, 0, 0);
    // Runs of ASCII letters: Latin words, weighed against CJK characters.
    let (mut latin_words, mut in_word) = (0usize, false);
    for c in text.chars() {
        let ascii_letter = c.is_ascii_alphabetic();
        latin_words += usize::from(ascii_letter && !in_word);
        in_word = ascii_letter;
        if !is_letter(c) {
            continue;
        }
        letters += 1;
        if c.is_ascii() {
            ascii += 1;
        } else if is_cjk(c) {
            cjk += 1;
            if is_kana(c) {
                kana += 1;
            } else if is_hangul(c) {
                hangul += 1;
            } else if is_han(c) {
                han += 1;
            }
        }
    }
    if letters == 0 {
        return Detected::Undetermined;
    }
    let share = |part: usize, whole: usize| part as f64 / whole as f64;
    if share(cjk, cjk + latin_words) >= MIN_CJK_SHARE {
        if share(kana, cjk) >= MIN_KANA_SHARE {
            Detected::Japanese
        } else if hangul > han {
            Detected::Korean
        } else {
            Detected::Chinese
        }
    } else if share(ascii, letters) >= MIN_ASCII_SHARE {
        Detected::English
    } else {
        Detected::Undetermined
    }
}

/// The language to mark on `text` inside text in `outer`, when it differs:
/// an English paragraph in a Chinese book is `en`. Text with no clear
/// language (`und`: digits, symbols) and Chinese inside Japanese (kanji
/// without kana cannot tell the two apart) stay unmarked; Simplified inside
/// Traditional is the same language.
pub fn foreign_language(text: &str, outer: &str) -> Option<String> {
    let found = detect(text);
    let outer_primary = outer.split(['-', '_']).next().unwrap_or("");
    let kanji_only = found == Detected::Chinese && outer_primary.eq_ignore_ascii_case("ja");
    let foreign =
        found != Detected::Undetermined && !found.primary().eq_ignore_ascii_case(outer_primary) && !kanji_only;
    foreign.then(|| found.tag(text).to_string())
}

/// Quotation marks whose content may be in another language than the text
/// around it, as (opening, closing).
const QUOTE_PAIRS: &[(char, char)] = &[('「', '」'), ('『', '』'), ('“', '”')];

/// The stretches of `text` (a paragraph in `lang`) in another language, each
/// judged whole by [`foreign_language`]: runs of Latin words in CJK text
/// (`使用 Rust 和 Cargo` → `Rust`, `Cargo` as `en`), runs of CJK in Latin text
/// (`quoting 道德经 once` → `zh-Hans`), and quotations in Chinese text whose
/// kana make them Japanese (`他念道「吾輩は猫である」` → `ja`). Byte ranges,
/// in order, not overlapping.
pub fn foreign_spans(text: &str, lang: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let cjk_text =
        matches!(lang.split(['-', '_']).next().map(str::to_ascii_lowercase).as_deref(), Some("zh" | "ja" | "ko"));
    // A letter of the other script: Latin in CJK text, CJK in Latin text.
    let foreign = |c: char| is_letter(c) && is_cjk(c) != cjk_text;
    let native = |c: char| is_letter(c) && is_cjk(c) == cjk_text;
    let mut candidates = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        if foreign(c) {
            let start = run.map_or(i, |(s, _)| s);
            run = Some((start, i + c.len_utf8()));
        } else if native(c) {
            candidates.extend(run.take().map(|(s, e)| s..e));
        }
    }
    candidates.extend(run.map(|(s, e)| s..e));
    if cjk_text {
        for &(open, close) in QUOTE_PAIRS {
            let mut rest = 0;
            while let Some(o) = text[rest..].find(open).map(|o| rest + o + open.len_utf8()) {
                let Some(c) = text[o..].find(close).map(|c| o + c) else { break };
                if text[o..c].chars().any(is_kana) {
                    candidates.push(o..c);
                }
                rest = c;
            }
        }
    }
    candidates.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for r in candidates {
        if out.last().is_some_and(|(last, _)| r.start < last.end) {
            continue;
        }
        if let Some(found) = foreign_language(&text[r.clone()], lang) {
            out.push((r, found));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unified_ideographs_are_letters_and_han() {
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(is_unified_ideograph(c));
            assert!(c.is_alphabetic() && is_cjk(c) && is_han(c) && !is_kana(c) && !is_hangul(c), "{c:?}");
        }
        assert!(!is_unified_ideograph('\u{3400}') && !is_unified_ideograph('a') && !is_unified_ideograph('。'));
    }

    #[test]
    fn letters_by_range_are_the_alphabetic_characters() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn foreign_language_names_the_script_only_when_it_is_marked() {
        // Chinese in an English book is marked with its script…
        assert_eq!(foreign_language("這個國家的人說", "en"), Some("zh-Hant".into()));
        assert_eq!(foreign_language("这个国家的人说", "EN-us"), Some("zh-Hans".into()));
        // …in a Chinese book of either script, or under Japanese, it is not.
        assert_eq!(foreign_language("這個國家的人說", "ZH_Hans"), None);
        assert_eq!(foreign_language("国家", "ja-JP"), None);
        assert_eq!(foreign_language("An English line.", "zh-Hant"), Some("en".into()));
        assert_eq!(foreign_language("An English line.", "en-GB"), None);
        assert_eq!(foreign_language("……", "en"), None);
    }

    #[test]
    fn each_form_of_a_pair_is_looked_up() {
        for &(s, t) in HANS_HANT_PAIRS {
            assert_eq!(chinese_script(&s.to_string()), "zh-Hans", "{s}");
            assert_eq!(chinese_script(&t.to_string()), "zh-Hant", "{t}");
        }
        assert_eq!(script_forms().len(), 2 * HANS_HANT_PAIRS.len(), "a character in two pairs");
    }

    #[test]
    fn japanese_needs_kana() {
        assert_eq!(detect_language("吾輩は猫である。名前はまだ無い。"), "ja");
        assert_eq!(detect_language("どこで生れたかとんと見当がつかぬ。"), "ja");
        // A Chinese novel with one stray kana stays Chinese.
        assert_eq!(
            detect_language("他笑着说：“这就是我们的の世界，一个全新的开始，谁也不知道将来会怎样。”"),
            "zh-Hans"
        );
    }

    #[test]
    fn simplified_and_traditional() {
        assert_eq!(detect_language("这个国家的人说，为什么会这样？"), "zh-Hans");
        assert_eq!(detect_language("這個國家的人說，為什麼會這樣？"), "zh-Hant");
        // No distinguishing character at all: simplified by default.
        assert_eq!(detect_language("人山人海，日月星辰。"), "zh-Hans");
        assert_eq!(chinese_script("書"), "zh-Hant");
        assert_eq!(chinese_script("书"), "zh-Hans");
    }

    #[test]
    fn chinese_with_latin_names_is_still_chinese() {
        assert_eq!(detect_language("使用 Rust 和 Cargo 构建项目，再用 GitHub 发布。"), "zh-Hans");
    }

    #[test]
    fn english_and_unknown() {
        assert_eq!(detect_language("It was a dark and stormy night."), "en");
        assert_eq!(detect_language("An English essay quoting 道 once."), "en");
        assert_eq!(detect_language("Это книга о войне и мире."), "und");
        assert_eq!(detect_language("12345 … 67890"), "und");
        assert_eq!(detect_language(""), "und");
    }

    #[test]
    fn bilingual_book_counts_characters_against_words() {
        let zh = "那年的梅雨来得很早，城里的石板路就整天湿着，屋檐下挂着一排细细的水线。";
        let en = "The ferry left at seven, whatever the weather, and the deck was slick with rain. ";
        assert_eq!(detect_language(&format!("{zh}{en}{en}")), "zh-Hans");
    }

    #[test]
    fn korean() {
        assert_eq!(detect_language("대한민국은 민주공화국이다."), "ko");
    }

    #[test]
    fn foreign_stretches_inside_a_paragraph() {
        let spans = |text: &str, lang: &str| -> Vec<(String, String)> {
            foreign_spans(text, lang).into_iter().map(|(r, l)| (text[r].to_string(), l)).collect()
        };
        let own = |s: &str, l: &str| (s.to_string(), l.to_string());
        assert_eq!(spans("使用 Rust 和 Cargo 构建。", "zh-Hans"), [own("Rust", "en"), own("Cargo", "en")]);
        assert_eq!(spans("他说：“Good night, everyone.”然后走了。", "zh-Hans"), [own("Good night, everyone", "en")]);
        assert_eq!(spans("他念道「吾輩は猫である」，笑了。", "zh-Hans"), [own("吾輩は猫である", "ja")]);
        assert_eq!(spans("An essay quoting 道德经 once.", "en"), [own("道德经", "zh-Hans")]);
        assert_eq!(spans("東京で Hello と言った。", "ja"), [own("Hello", "en")]);
        // Nothing foreign: digits and symbols, kanji in Japanese, a plain Chinese quote.
        assert!(spans("2023年3月31日，增长3.15%。", "zh-Hans").is_empty());
        assert!(spans("彼は「大丈夫」と言った。", "ja").is_empty());
        assert!(spans("他说：“我们明天出发。”", "zh-Hans").is_empty());
        assert!(spans("It was a dark and stormy night.", "en").is_empty());
    }
}
