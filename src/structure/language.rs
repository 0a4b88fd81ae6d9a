//! Which language a text is in, as a BCP 47 tag, from its characters alone.

use crate::text::{is_cjk, is_han, is_hangul, is_kana};

/// Share of CJK characters among CJK characters and Latin words for a CJK language tag.
const MIN_CJK_SHARE: f64 = 0.3;
/// Share of kana among Han + kana above which Chinese-looking text is Japanese
/// (Chinese text quotes a little Japanese; Japanese prose is a third kana or more).
const MIN_KANA_SHARE: f64 = 0.05;

/// Characters written differently in Simplified and Traditional Chinese
/// (each pair: simplified, traditional), among the most frequent in running text.
const SIMPLIFIED_TRADITIONAL: &[(char, char)] = &[
    ('这', '這'), ('国', '國'), ('说', '說'), ('为', '為'), ('会', '會'), ('时', '時'), ('们', '們'),
    ('个', '個'), ('来', '來'), ('发', '發'), ('对', '對'), ('经', '經'), ('学', '學'), ('过', '過'),
    ('后', '後'), ('进', '進'), ('实', '實'), ('还', '還'), ('开', '開'), ('东', '東'), ('见', '見'),
    ('门', '門'), ('问', '問'), ('长', '長'), ('书', '書'), ('无', '無'), ('里', '裡'), ('与', '與'),
    ('将', '將'), ('么', '麼'), ('让', '讓'), ('头', '頭'), ('场', '場'), ('动', '動'), ('现', '現'),
];

/// Detect the language of `text`: `zh-Hans`, `zh-Hant`, `ja`, `ko`, `en` or `und`.
///
/// `天色已晚，他推开了门。` → `zh-Hans`; `天色已晚，他推開了門。` → `zh-Hant`;
/// `吾輩は猫である。` → `ja`; `It was a dark night.` → `en`.
pub fn detect_language(text: &str) -> String {
    let (mut han, mut kana, mut hangul, mut latin, mut letters) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut simplified, mut traditional) = (0usize, 0usize);
    for c in text.chars() {
        if !c.is_alphabetic() && !is_cjk(c) {
            continue;
        }
        letters += 1;
        if is_han(c) {
            han += 1;
            if SIMPLIFIED_TRADITIONAL.iter().any(|&(s, _)| s == c) {
                simplified += 1;
            } else if SIMPLIFIED_TRADITIONAL.iter().any(|&(_, t)| t == c) {
                traditional += 1;
            }
        } else if is_kana(c) {
            kana += 1;
        } else if is_hangul(c) {
            hangul += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if letters == 0 {
        return "und".into();
    }
    // A CJK character carries about as much as a Latin word: compare
    // characters with words, not with letters.
    let cjk = han + kana + hangul;
    let latin_words = text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).count();
    if cjk as f64 >= (cjk + latin_words) as f64 * MIN_CJK_SHARE {
        if hangul > han + kana {
            return "ko".into();
        }
        if kana as f64 > (han + kana) as f64 * MIN_KANA_SHARE {
            return "ja".into();
        }
        return if traditional > simplified { "zh-Hant" } else { "zh-Hans" }.into();
    }
    if latin * 2 > letters {
        "en".into()
    } else {
        "und".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_our_languages() {
        assert_eq!(detect_language("天色已晚，他推开了门，这是我们的国家。"), "zh-Hans");
        assert_eq!(detect_language("天色已晚，他推開了門，這是我們的國家。"), "zh-Hant");
        assert_eq!(detect_language("吾輩は猫である。名前はまだ無い。"), "ja");
        assert_eq!(detect_language("대한민국은 민주공화국이다."), "ko");
        assert_eq!(detect_language("It was a dark and stormy night."), "en");
        assert_eq!(detect_language("12345 !!!"), "und");
        // A Chinese text with English names is still Chinese.
        assert_eq!(detect_language("华为与 Google 和 Apple 的合作，这是新闻的重点内容。"), "zh-Hans");
    }
}
