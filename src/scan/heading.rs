//! Heading patterns: what a line looks like when it is a heading.
//!
//! Each recogniser takes one line and says which family of heading it is
//! (families rank: a volume holds chapters, a chapter sections) and what the
//! heading's text is once its decoration is gone. Look-alikes are refused
//! here: `第三部分` (a "part" of a sentence), `第九部队` (an army unit), a
//! bare page number, a numbered sentence.

use crate::limits::{
    MAX_CHAPTER_TITLE_WIDTH, MAX_HEADLINE_NAME, MAX_PATTERN_LINE_BYTES, MIN_HEADLINE_STATEMENT,
    PATTERN_HEADING_MAX_WIDTH,
};
use crate::text::{ends_sentence, has_prose_punct, wider_than};
use regex::Regex;
use std::sync::LazyLock;

/// Kinds of heading evidence, in rank order: earlier holds later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Family {
    /// Symbol-framed banner: `★★★ 经济 ★★★`, `【条例】`, `■ 要闻`.
    Banner,
    /// Letter-spaced line: `特 别 关 注`.
    LetterSpaced,
    /// Aozora `大見出し`, Markdown `#`.
    Marked1,
    /// `第一卷`, `第二部`, `上篇`, `PART ONE`, `BOOK II`.
    Volume,
    /// `第三章`, `第十回`, `CHAPTER I.`, `Chapter 12`, `序章`, `楔子`, `Prologue`.
    Chapter,
    /// `第一話`, `第3话`, `第二幕`: episodes, which web novels group under chapters.
    Episode,
    /// Aozora `中見出し`, Markdown `##`.
    Marked2,
    /// `第二节`.
    Section,
    /// Aozora `小見出し`, Markdown `###`+.
    Marked3,
    /// `壹、`: capital (financial) numerals, which Taiwanese official plans
    /// and reports set one rank above `一、`.
    CjkCapital,
    /// `一、`: Chinese numerals, the top of GB/T 9704's four levels.
    CjkNumbered,
    /// `（一）`: the second.
    CjkParen,
    /// `1.`, `1、`, `1 Introduction` — numbering of depth 1 (GB/T 9704's third).
    Numbered1,
    /// `1.2` — depth 2.
    Numbered2,
    /// `1.2.3` — depth 3 and more.
    Numbered3,
    /// `（1）`: below every other numbering (GB/T 9704's fourth; under `1.1` in
    /// Japanese reports).
    ParenNumbered,
    /// `第十三条` of a statute.
    Article,
    /// A short line standing alone over the titles of two or more items, not
    /// over prose: a section label (`本周要闻` over its news items' titles).
    SectionLabel,
    /// A short line standing alone without sentence punctuation.
    ShortLine,
    /// `一`, `二` or `I`, `II` alone over prose, counting up from one: the
    /// untitled sections of a chapter or an essay, below every titled heading.
    BareNumeral,
    /// A named part of a book or paper (`Abstract`, `Preface`, `References`,
    /// `序`, `后记`, `あとがき`): it sits at the top level, whatever that is.
    Named,
}

impl Family {
    /// The family's name in repair records (`heading_marker/chapter`).
    pub fn name(self) -> &'static str {
        match self {
            Family::Banner => "banner",
            Family::LetterSpaced => "letter_spaced",
            Family::Marked1 => "marked_1",
            Family::Volume => "volume",
            Family::Chapter => "chapter",
            Family::Episode => "episode",
            Family::Marked2 => "marked_2",
            Family::Section => "section",
            Family::Marked3 => "marked_3",
            Family::CjkCapital => "cjk_capital",
            Family::CjkNumbered => "cjk_numbered",
            Family::CjkParen => "cjk_paren",
            Family::Numbered1 => "numbered_1",
            Family::Numbered2 => "numbered_2",
            Family::Numbered3 => "numbered_3",
            Family::ParenNumbered => "paren_numbered",
            Family::Article => "article",
            Family::SectionLabel => "section_label",
            Family::ShortLine => "short_line",
            Family::BareNumeral => "bare_numeral",
            Family::Named => "named",
        }
    }

    /// A numbering (`一、`, `（一）`, `1.`, `1.2`, `（1）`), as opposed to a named unit.
    pub fn is_numbered(self) -> bool {
        matches!(
            self,
            Family::CjkCapital
                | Family::CjkNumbered
                | Family::CjkParen
                | Family::Numbered1
                | Family::Numbered2
                | Family::Numbered3
                | Family::ParenNumbered
        )
    }
}

const CJK_NUM: &str = "零〇一二三四五六七八九十百千两廿卅0-9０-９";
/// Capital numerals (大写数字), simplified and traditional: `壹贰叁`, `壹貳參`.
const CJK_CAPITAL_NUM: &str = "零壹贰貳叁參肆伍陆陸柒捌玖拾佰";

/// A heading found by a pattern: its family and its text without decoration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub family: Family,
    pub text: String,
}

fn found(family: Family, text: &str) -> Option<Found> {
    Some(Found { family, text: text.trim().to_string() })
}

/// Symbols that frame banners on both sides.
const FRAME: &str = "◆◇■□●○★☆▲△▼▽♦❖※◎◈▶◀►◄=＝~～*#—─━═";

/// `★★★ 经济 ★★★`, `=== Part One ===`, `【条例】`, `■ 要闻速递`.
pub fn symbol_framed_banner(line: &str) -> Option<Found> {
    static BOTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^[{FRAME}]+\s*(?P<t>[^{FRAME}]+?)\s*[{FRAME}]+$")).unwrap());
    static BRACKET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^【(?P<t>[^】]+)】$").unwrap());
    static LEFT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[■◆●★▶►◎]\s*(?P<t>[^■◆●★▶►◎\s].*)$").unwrap());
    let t = line.trim();
    if wider_than(t, PATTERN_HEADING_MAX_WIDTH) || ends_sentence(t) {
        return None;
    }
    for re in [&*BOTH, &*BRACKET] {
        if let Some(c) = re.captures(t) {
            let inner = c.name("t")?.as_str();
            if is_framed_folio(inner) {
                return None;
            }
            if inner.chars().any(char::is_alphanumeric) && !has_prose_punct(inner) {
                return found(Family::Banner, inner);
            }
        }
    }
    let c = LEFT.captures(t)?;
    let inner = c.name("t")?.as_str();
    (!has_prose_punct(inner) && inner.chars().any(char::is_alphanumeric))
        .then(|| found(Family::Banner, inner))
        .flatten()
}

/// A page number between dashes or in brackets (`— 10 —`, `—10—`, `【3】`,
/// `— iv —`) is a folio, whatever the frame: OCR and pages without a form
/// feed leave the last page's folio in the text, and as a banner it would
/// rank above every chapter.
fn is_framed_folio(inner: &str) -> bool {
    let t: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            || (t.len() <= 6 && t.chars().all(|c| "ivxlc".contains(c))))
}

/// Chinese/Japanese chapter patterns: `第一卷 潜龙`, `第十二章　风起`, `第3回`,
/// `第一話`, `第二节`, `序章`, `楔子`, `尾声`, `后记`, `番外一 …`.
pub fn cjk_chapter(line: &str) -> Option<Found> {
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        // Web-novel downloads put `正文` before the body's chapters (`正文 第1章 入门`).
        // (`第 1 章`: an extractor spaces digits off from CJK.)
        Regex::new(&format!(r"^(?:正文\s*)?第 ?[{CJK_NUM}]{{1,6}} ?(?P<unit>[卷部篇章回节節集話话幕条條])(?P<next>.?)"))
            .unwrap()
    });
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:序章|序言|自序|代序|序[一二三]?|楔子|引子|引言|前言|导言|導言|导论|導論|绪论|緒論|绪言|緒言|结语|結語|结束语|尾声|尾聲|后记|後記|译后记|譯後記|编后记|編後記|跋|终章|終章|番外[^，。]{0,20}|附录[^，。]{0,20}|附錄[^，。]{0,20}|参考文献|參考文獻|致谢|致謝|プロローグ|エピローグ|あとがき|まえがき|はじめに|おわりに|序文|解説|あらすじ|内容简介|内容簡介|作品简介|作品簡介|本章小结|本章小結|本章要点|本章要點|小结|小結|习题|習題|练习题|練習題|思考题|思考題|复习题|複習題|練習問題|章末問題|まとめ)(?:\s|$|[：:　])").unwrap()
    });
    static HALF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[上中下][卷部篇](?:\s|$|　)").unwrap());
    let t = line.trim();
    if wider_than(t, MAX_CHAPTER_TITLE_WIDTH + 12) || ends_with_prose(t) {
        return None;
    }
    if let Some(c) = NUMBERED.captures(t) {
        let unit = c.name("unit")?.as_str();
        let next = c.name("next").map_or("", |m| m.as_str());
        if is_compound_word(unit, next) {
            return None;
        }
        let family = match unit {
            "卷" | "部" | "篇" | "集" => Family::Volume,
            "章" | "回" => Family::Chapter,
            "話" | "话" | "幕" => Family::Episode,
            "节" | "節" => Family::Section,
            _ => Family::Article,
        };
        return found(family, t);
    }
    if NAMED.is_match(t) {
        return found(Family::Named, t);
    }
    HALF.is_match(t).then(|| found(Family::Volume, t)).flatten()
}

/// What Tesseract reads for `章` in a chapter label: look-alikes with the
/// same top (`立`, `艹`) or the same frame.
const MISREAD_CHAPTER_UNIT: &str = "草音竟童";

/// `第二竟 钟表铺` → `第二章 钟表铺`, `第 7草 云栖` → `第 7章 云栖`: a chapter
/// label whose unit OCR misread as a look-alike, mended. Only a label that
/// opens a short line, its unit followed by a space or the line's end (`第一草坪`
/// is a word); the caller takes it only in a document whose other chapter
/// labels read `章`.
pub fn mend_misread_chapter_unit(line: &str) -> Option<String> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^(?P<head>第 ?[{CJK_NUM}]{{1,6}} ?)(?P<unit>[{MISREAD_CHAPTER_UNIT}])(?:[\s　]|$)"))
            .unwrap()
    });
    let t = line.trim();
    let c = LABEL.captures(t)?;
    let unit = c.name("unit")?;
    let mended = format!("{}章{}", &t[..unit.start()], &t[unit.end()..]);
    cjk_chapter(&mended).filter(|f| f.family == Family::Chapter).map(|_| mended)
}

/// `1.1 Scope........ 0.0.0... ee eee` → `1.1 Scope`, `总则 . . . . 3` →
/// `总则`: an entry without its leader and whatever OCR made of the leader
/// and the page number (the leader starts at the first run of three dots).
pub fn without_leader_tail(text: &str) -> &str {
    static LEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:\.\s?){3,}|…|⋯").unwrap());
    match LEADER.find(text) {
        Some(m) if m.start() > 0 => &text[..m.start()],
        _ => text,
    }
}

/// The numbering that opens a heading, when it has one: `第三章`, `第 2 节`,
/// `Chapter 3`, `BOOK THE FIRST`, `2.1`, `（一）`, `一、`. Two headings with
/// one label are one heading however their titles were read.
pub fn numbering_label(line: &str) -> Option<&str> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:正文\s*)?(?P<l>第[ 　]*[{CJK_NUM}]{{1,6}}[ 　]*[卷部篇章回节節集話话幕]|(?:chapter|part|book|volume)\s+(?:the\s+)?[[:alnum:]]+|\d{{1,3}}(?:[.．]\d{{1,3}})*(?:[\s　]|$)|[（(][{CJK_NUM}]{{1,3}}[)）]|[一二三四五六七八九十{CJK_CAPITAL_NUM}]{{1,3}}、)"
        ))
        .unwrap()
    });
    LABEL.captures(line.trim()).and_then(|c| c.name("l")).map(|m| m.as_str().trim())
}

/// `第三部分`, `第九部队`, `第二章程`? These continue a word: not a heading unit.
fn is_compound_word(unit: &str, next: &str) -> bool {
    let compounds: &[(&str, &str)] = &[
        ("部", "分队门长署委位件"),
        ("章", "程"),
        ("节", "目日约省课奏点"),
        ("回", "合复答归忆应"),
        ("集", "团体中合会市"),
        ("篇", "幅"),
        ("条", "件例款约路"),
        ("條", "件例款約路"),
        ("卷", "子"),
    ];
    !next.is_empty() && compounds.iter().any(|(u, n)| *u == unit && n.contains(next))
}

/// English chapter patterns: `CHAPTER I.`, `Chapter 12`, `Chapter Twelve: The Storm`,
/// `PART ONE`, `Book II`, `Prologue`, `Epilogue`.
pub fn latin_chapter(line: &str) -> Option<Found> {
    static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?P<kind>chapter|part|book|volume|act|scene|section)\s+(?P<num>[ivxlcdm]+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty[\w-]*|thirty[\w-]*|first|second|third|the\s+\w+)\b\.?(?P<rest>.*)$").unwrap()
    });
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:prologue|epilogue|preface|foreword|introduction|afterword|acknowledge?ments|appendix(?:\s+\w+)?|interlude|abstract|summary|references|bibliography|notes|glossary|index|conclusions?|contents|key\s+terms|review\s+questions|exercises|problems|further\s+reading)\.?(?:\s*[:.—-]\s*.*)?$").unwrap()
    });
    let t = line.trim();
    if wider_than(t, PATTERN_HEADING_MAX_WIDTH) || ends_with_prose(t) {
        return None;
    }
    if let Some(c) = CHAPTER.captures(t) {
        let rest = c.name("rest").map_or("", |m| m.as_str()).trim();
        // "Chapter 3 of the report shows…" is a sentence, not a heading.
        if rest.chars().next().is_some_and(|ch| ch.is_lowercase()) {
            return None;
        }
        let kind = c.name("kind")?.as_str().to_ascii_lowercase();
        let family = match kind.as_str() {
            "part" | "book" | "volume" => Family::Volume,
            "section" | "scene" => Family::Section,
            _ => Family::Chapter,
        };
        return found(family, t);
    }
    if is_spelled_chapter_number(t) {
        return found(Family::Chapter, t);
    }
    NAMED.is_match(t).then(|| found(Family::Named, t)).flatten()
}

/// Unit characters a figure may carry after its number (`万吨`, `亿元`, `公里`).
const MAX_UNIT_CHARS: usize = 3;
/// Characters that make a number before them a quantity (`3 月`, `12 个`, `5 万元`), not a heading number.
const QUANTITY_UNITS: &str = "年月日时時分秒号號点點个個名位项項家元万萬亿億千百十%‰届屆次期条條款章节節岁歲人天周週种種倍米克升度吨噸件台辆輛本页頁张張条行段公里亩畝户戶所座";

/// A chapter number spelled out on a line of its own, as novels set it above
/// the chapter's title: `ONE`, `Twelve`, `TWENTY-ONE` (capitalised, never `one`).
pub fn is_spelled_chapter_number(t: &str) -> bool {
    const UNITS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if !t.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower = t.to_lowercase();
    let lower = lower.trim_end_matches('.');
    UNITS.contains(&lower)
        || lower.split_once(['-', ' ']).is_some_and(|(tens, unit)| TENS.contains(&tens) && UNITS[..9].contains(&unit))
        || TENS.contains(&lower)
}

/// A roman numeral alone on its line (`IV.`, `XII`): chapter numbers in older novels.
pub fn roman_chapter(line: &str) -> Option<Found> {
    static ROMAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:M{0,3})(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\.?$").unwrap());
    let t = line.trim();
    // "I" alone is too often a word; require two letters or a trailing dot.
    (!t.is_empty() && ROMAN.is_match(t) && (t.len() >= 2) && t != "I").then(|| found(Family::Chapter, t)).flatten()
}

/// `一`, `十二`, `III`, `IV.`: a number alone on its line, in kanji or in
/// roman numerals, and its value. Novels and essays number the sections of
/// a chapter so, with no title; whether a given line is one is for its
/// document to show (a run counting up from one). Arabic digits alone are
/// folios, and are no such number.
pub fn bare_numeral_value(line: &str) -> Option<u32> {
    let t = line.trim();
    let t_ = t.strip_suffix('.').unwrap_or(t);
    kanji_numeral_value(t).or_else(|| roman_numeral_value(t_)).or_else(|| {
        // `Ⅳ`: one character of Unicode's capital roman numerals, as CJK
        // typesetting sets a part's number.
        let mut chars = t_.chars();
        chars.next().filter(|c| chars.next().is_none() && c.is_uppercase()).and_then(unicode_roman_value)
    })
}

/// Value of a Unicode roman numeral character (`Ⅰ`…`Ⅻ`, `ⅰ`…`ⅻ`).
pub fn unicode_roman_value(c: char) -> Option<u32> {
    match c as u32 {
        0x2160..=0x216B => Some(c as u32 - 0x2160 + 1),
        0x2170..=0x217B => Some(c as u32 - 0x2170 + 1),
        _ => None,
    }
}

/// `一` … `九十九` in kanji: digits, and `十` for the tens (`十`, `十二`, `二十`, `二十三`).
fn kanji_numeral_value(t: &str) -> Option<u32> {
    const DIGITS: &str = "一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|k| k as u32 + 1);
    // Three characters at most (`二十三`): a longer line is out before it is copied.
    if t.chars().nth(3).is_some() {
        return None;
    }
    let chars: Vec<char> = t.chars().collect();
    match chars.as_slice() {
        [d] => digit(*d).or((*d == '十').then_some(10)),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).filter(|&t| t > 1).map(|t| 10 * t),
        [t, '十', u] => digit(*t).filter(|&t| t > 1).and_then(|t| digit(*u).map(|u| 10 * t + u)),
        _ => None,
    }
}

/// `I` … `XXXIX` in capitals, well formed (`IIII` and `VX` are not numbers).
fn roman_numeral_value(t: &str) -> Option<u32> {
    static ROMAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^X{0,3}(?:IX|IV|V?I{0,3})$").unwrap());
    if t.is_empty() || !ROMAN.is_match(t) {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        _ => 10,
    };
    let vals: Vec<i32> = t.chars().map(value).collect();
    let total: i32 =
        vals.iter().enumerate().map(|(k, &v)| if vals.get(k + 1).is_some_and(|&n| n > v) { -v } else { v }).sum();
    u32::try_from(total).ok()
}

/// Numbered headings: `一、总则`, `（一）开放时间`, `1. Introduction`, `1.2 Scope`, `4.1.1 Data`.
/// A line that opens an enumerated item: `（一）新建居住区…`, `(2) 学校…`,
/// `三、加强…`, `①…`. Such a line starts on a line of its own.
pub fn opens_enumeration(line: &str) -> bool {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^(?:[（(][{CJK_NUM}]{{1,3}}[）)]|[{CJK_NUM}]{{1,3}}、|[①-⑳])")).unwrap()
    });
    ITEM.is_match(line.trim_start())
}

pub fn numbered_heading(line: &str) -> Option<Found> {
    static CAPITAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^[{CJK_CAPITAL_NUM}]{{1,3}}、\s*\S")).unwrap());
    static CJK1: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^[{CJK_NUM}]{{1,3}}、\s*\S")).unwrap());
    static CJK2: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^[（(][{CJK_NUM}]{{1,3}}[）)]\s*\S")).unwrap());
    static DOTTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?P<num>\d{1,3}(?:\.\d{1,3}){0,4})(?P<dot>[.．、]?)\s*\S").unwrap());
    let t = line.trim();
    // The width first: a line of prose is out before its number is read.
    if wider_than(t, PATTERN_HEADING_MAX_WIDTH) || ends_with_prose(t) {
        return None;
    }
    // An enumeration comma may list a title's nouns (`三、刀、镊与压书板`) and a
    // question may be the title, commas and all (`12.没生病，伞还要带吗？`);
    // otherwise clause marks make the rest a sentence, whether a space
    // follows the number or not (`1.改进借阅流程，缩短…` is an item's first line).
    let rest = after_number(t);
    // (Not a title with the next one glued on: `一、参保 1.谁可以参保？`.)
    static SECOND_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s[0-9０-９]{1,3}[.．、]\D").unwrap());
    let question = t.ends_with(['？', '?']) && !SECOND_NUMBER.is_match(rest);
    if rest.contains(['。', '；', '：'])
        || (!question && (rest.contains(['，', '？', '！']) || has_prose_punct(&rest.replace('、', ""))))
    {
        return None;
    }
    if CAPITAL.is_match(t) {
        return found(Family::CjkCapital, t);
    }
    let arabic = |k: usize| t.chars().nth(k).is_some_and(|c| crate::text::fold_width(c).is_ascii_digit());
    if CJK1.is_match(t) {
        return found(if arabic(0) { Family::Numbered1 } else { Family::CjkNumbered }, t);
    }
    if CJK2.is_match(t) {
        return found(if arabic(1) { Family::ParenNumbered } else { Family::CjkParen }, t);
    }
    // `３．１` is `3.1` set full-width: fold the leading number only (the
    // checks above look for full-width clause marks).
    let mut folded = String::with_capacity(t.len());
    let mut in_number = true;
    for ch in t.chars() {
        let f = crate::text::fold_width(ch);
        in_number &= f.is_ascii_digit() || f == '.';
        folded.push(if in_number { f } else { ch });
    }
    let t_full = t;
    let t = folded.as_str();
    // A title may open with a year (`4.2031 年度开放时间`): `4.2024` is no depth-2 number.
    static YEAR_TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,3}[.．]\s?[12]\d{3}\s?年").unwrap());
    if YEAR_TITLE.is_match(t) {
        return found(Family::Numbered1, t_full);
    }
    if opens_number_range(t) {
        return None;
    }
    let c = DOTTED.captures(t)?;
    let depth = c.name("num")?.as_str().split('.').count();
    let family = match depth {
        1 => Family::Numbered1,
        2 => Family::Numbered2,
        _ => Family::Numbered3,
    };
    // A bare "12 apples" is not a heading; a title follows the number with a capital or a CJK character.
    let rest = t[c.name("num")?.end()..].trim_start_matches(['.', '．', '、']).trim_start();
    let first = rest.chars().next()?;
    let dotted = !c.name("dot").map_or("", |m| m.as_str()).is_empty() || depth > 1;
    let spaced = t[c.name("num")?.end()..].starts_with(char::is_whitespace);
    // `1 Introduction` and `1 概述` are numbered; `2 月` and `12 个` are
    // quantities: a CJK title after a bare number must not start with a unit.
    let numbered = if crate::text::is_cjk(first) {
        (dotted || (spaced && depth == 1 && !QUANTITY_UNITS.contains(first))) && !is_measure_line(rest)
    } else {
        first.is_uppercase() && (dotted || spaced)
    };
    numbered.then(|| found(family, t_full)).flatten()
}

/// `24.06 万吨`, `3.5 亿元`, `12 个`: after a number, nothing but units — a
/// figure standing alone (an infographic's value, a table cell), no title.
fn is_measure_line(rest: &str) -> bool {
    let rest = rest.trim();
    !rest.is_empty() && rest.chars().count() <= MAX_UNIT_CHARS && rest.chars().all(|c| QUANTITY_UNITS.contains(c))
}

/// `114 至 116 年度青年就业计划`, `2019–2021 Strategy`, `3 to 5 Players`: a
/// number that opens a range (a range word or dash, then a second number)
/// counts years or things, it does not number a section; a title page's
/// year range otherwise reads as chapter 114.
fn opens_number_range(t: &str) -> bool {
    static RANGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,4}\s*(?:至|到|～|~|－|—|–|-|to\s|through\s)\s*\d").unwrap());
    RANGE.is_match(t)
}

/// What follows a heading's number: `总则` of `一、总则`, `（二）开放时间`,
/// `1.加强管理` and `4.1.1 Data`.
fn after_number(t: &str) -> &str {
    let numeral = |c: char| {
        let f = crate::text::fold_width(c);
        f.is_ascii_digit() || CJK_NUM.contains(c) || CJK_CAPITAL_NUM.contains(c)
    };
    let rest = match t.strip_prefix(['（', '(']) {
        Some(r) => r.trim_start_matches(numeral).trim_start_matches(['）', ')']),
        None => t.trim_start_matches(|c: char| numeral(c) || matches!(c, '.' | '．')).trim_start_matches('、'),
    };
    rest.trim_start()
}

/// A headline led by a name and a colon, as bulletins title their reports
/// from the field: `东岭村：“一事一议”修通进山路`, `北町：空き家を図書館に`.
/// The name is short and bare, the statement after the colon has no clause
/// punctuation, ends no sentence and is more than a quotation (`林远：“……”`
/// is a line of dialogue) or a name (`审核：张三` signs a page).
pub fn is_colon_headline(line: &str) -> bool {
    let t = line.trim();
    let Some((name, statement)) = t.split_once('：') else { return false };
    let name_len = name.chars().count();
    let quoted = statement.starts_with(['“', '「', '『', '"']) && statement.ends_with(['”', '」', '』', '"']);
    (1..=MAX_HEADLINE_NAME).contains(&name_len)
        && name.chars().all(|c| c.is_alphanumeric())
        && statement.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_HEADLINE_STATEMENT
        && !has_prose_punct(statement)
        && !ends_sentence(statement)
        && !quoted
        && !statement.contains(['：', ':'])
}

/// Aozora Bunko heading annotations: `［＃「第一章」は大見出し］` (the
/// annotation names text on the previous line) or an inline
/// `［＃大見出し］第一章［＃大見出し終わり］`. Returns the family and the
/// heading text the annotation names.
pub fn aozora_heading(line: &str) -> Option<Found> {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<pre>.*?)［＃「(?P<t>[^」]+)」は(?:同行)?(?P<lv>大|中|小)見出し］\s*$").unwrap()
    });
    static INLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:［＃[^］]*］)*［＃(?:窓)?(?P<lv>大|中|小)見出し］(?P<t>.+?)［＃(?:窓)?(?:大|中|小)見出し終わり］\s*$",
        )
        .unwrap()
    });
    let t = line.trim();
    // Both forms hold `［＃`: a line without it is out before either pattern scans it.
    if !t.contains("［＃") {
        return None;
    }
    let c = NAMED.captures(t).or_else(|| INLINE.captures(t))?;
    let family = match c.name("lv")?.as_str() {
        "大" => Family::Marked1,
        "中" => Family::Marked2,
        _ => Family::Marked3,
    };
    found(family, c.name("t")?.as_str())
}

/// Markdown ATX headings in a text file: `# Title`, `## Section` — not a
/// command under a root prompt (`# usermod -aG dialout <user>`).
pub fn atx_heading(line: &str) -> Option<Found> {
    static ATX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?P<h>#{1,6})\s+(?P<t>.+?)\s*#*\s*$").unwrap());
    let c = ATX.captures(line.trim())?;
    if is_shell_command(c.name("t")?.as_str()) {
        return None;
    }
    let family = match c.name("h")?.as_str().len() {
        1 => Family::Marked1,
        2 => Family::Marked2,
        _ => Family::Marked3,
    };
    found(family, c.name("t")?.as_str())
}

/// A shell command as a manual prints it after a `#` or `$` prompt: a
/// lower-case program name, then an option (`-aG`, `--now`), a placeholder
/// (`<username>`), a path or a pipe. A title has none of these.
pub fn is_shell_command(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let program = words.next().unwrap_or("");
    let is_program = !program.is_empty()
        && program.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && program.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.' | '/'));
    is_program
        && words.any(|w| {
            w.starts_with('-') && w.len() > 1
                || (w.starts_with('<') && w.ends_with('>'))
                || w.contains('/')
                || matches!(w, "|" | "&&" | ">" | ">>")
        })
}

/// Abbreviated titles and words that end in a full stop inside a sentence
/// or a title (`Mrs. Hollis`, `St. Ives`, `No. 5`): that stop ends no sentence.
const ABBREVIATIONS: [&str; 19] = [
    "mr", "mrs", "ms", "messrs", "dr", "st", "mt", "jr", "sr", "no", "capt", "col", "gen", "lt", "rev", "prof", "sgt",
    "mme", "vs",
];

/// `t` with the full stop after each abbreviation (`Mrs.`, `DR.`, `St.`)
/// taken out, so that a title such as `Mrs. Hollis Pays a Call` or
/// `MRS. LANGLEY TAKES A VIEW.` is not read as two sentences.
pub fn without_abbreviation_stops(t: &str) -> String {
    static ABBREVIATION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)\b({})\.", ABBREVIATIONS.join("|"))).unwrap());
    ABBREVIATION.replace_all(t, "$1").into_owned()
}

/// A line that ends like a sentence (a heading may end with `！` or `?` in
/// fiction, but not with `。` or a comma).
fn ends_with_prose(t: &str) -> bool {
    t.ends_with(['。', '，', '；', ',', ';', '、']) || (t.ends_with('.') && t.split_whitespace().count() > 6)
}

/// A figure or table caption: `图 1-2 定容气体温度计`, `表3 主要指标`,
/// `Figure 4. Results`, `Table 2: Costs`, `図1　路線図` — a label, a number, then the title.
pub fn is_caption(t: &str) -> bool {
    static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:图|圖|表|図|(?i:fig\.|figure|table|plate|listing|chart))\s*[0-9０-９]+(?:[-–.．][0-9０-９]+)*(?:[\s:：.．]|$)")
            .unwrap()
    });
    CAPTION.is_match(t)
}

/// A line wholly inside brackets (`（作者より）`, `(Applause)`, `【系统提示】`) is
/// an aside, and one inside corner brackets (`「……悪くない」`) a line of
/// dialogue, not a title; quotation and book-title marks (`《边城》`) may frame one.
pub fn is_aside(t: &str) -> bool {
    let opens = |c: char| matches!(c, '（' | '(' | '【' | '〔' | '［' | '[' | '〖' | '〘' | '「' | '『');
    let closes = |c: char| matches!(c, '）' | ')' | '】' | '〕' | '］' | ']' | '〗' | '〙' | '」' | '』');
    // OCR reads a full-width `（` as `《`: `《市气象台供稿)` is still an aside
    // (a book title closes with `》`).
    let misread_paren = t.starts_with('《') && t.ends_with(['）', ')']);
    misread_paren || (t.chars().next().is_some_and(opens) && t.chars().last().is_some_and(closes))
}

/// A dateline: a year, then perhaps a month, a season, a place
/// (`二〇〇八年十月`, `一九九八年秋`, `2012年春　於臺北`, `2024-03-25`). An
/// essay or a letter ends on one; the next title follows it.
pub fn is_date_line(t: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        let n = "[〇○零一二三四五六七八九十0-9０-９]";
        let month = "(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
        Regex::new(&format!(
            r"^(?:{n}{{4}}\s*年(?:\s*{n}{{1,3}}\s*月(?:\s*{n}{{1,3}}\s*[日号])?)?(?:[春夏秋冬初末底中][季天至]?夜?)?(?:$|[\s　於于寫写記记])|[0-9]{{4}}[-/.][0-9]{{1,2}}(?:[-/.][0-9]{{1,2}})?$|(?:[0-9]{{1,2}}\s+)?{month}\s+(?:[0-9]{{1,2}},?\s+)?[0-9]{{4}}$)"
        )).unwrap()
    });
    DATE.is_match(&t.trim().chars().map(crate::text::fold_width).collect::<String>())
}

/// Try every pattern, strongest evidence first.
pub fn recognise(line: &str) -> Option<Found> {
    if line.len() > MAX_PATTERN_LINE_BYTES {
        return None;
    }
    aozora_heading(line)
        .or_else(|| atx_heading(line))
        .or_else(|| symbol_framed_banner(line))
        .or_else(|| cjk_chapter(line))
        .or_else(|| latin_chapter(line))
        .or_else(|| roman_chapter(line))
        .or_else(|| numbered_heading(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fam(line: &str) -> Option<Family> {
        recognise(line).map(|f| f.family)
    }

    #[test]
    fn a_figure_with_its_unit_is_no_section() {
        for figure in ["24.06 万吨", "3.5 亿元", "12.8 公里", "1.2万吨", "７．５ 万亩"] {
            assert_eq!(fam(figure), None, "{figure}");
        }
        for title in ["1.2 节能改造", "3.1 人口与移动", "2.4 公里数统计", "5 Results"] {
            assert!(fam(title).is_some(), "{title}");
        }
    }

    #[test]
    fn a_number_range_opens_no_section() {
        for range in
            ["114 至 116 年度青年就业计划", "2019到2021年建设纲要", "2019–2021 Strategy Review", "3 to 5 Players"]
        {
            assert_eq!(fam(range), None, "{range}");
        }
        for title in ["114 Canal Street", "3 概述", "2 Methods"] {
            assert!(fam(title).is_some(), "{title}");
        }
    }

    #[test]
    fn captions_are_not_titles() {
        for caption in [
            "图 1-2 定容气体温度计结构示意图",
            "表3 主要经济指标",
            "Figure 4. Results by trace",
            "Table 2: Costs",
            "図1　路線図",
        ] {
            assert!(is_caption(caption), "{caption}");
        }
        for title in ["图书馆的春天", "Tables and Chairs", "Figure Skating", "表演艺术"] {
            assert!(!is_caption(title), "{title}");
        }
    }

    #[test]
    fn datelines_are_recognised() {
        for date in [
            "二〇〇八年十月",
            "一九九八年秋",
            "2012年春　於臺北木柵",
            "2024-03-25",
            "１９９９年",
            "二〇一一年冬至夜",
            "2023年3月6日",
            "2023 年 11 月 5 号",
            "２０２４－０２－１２",
            "2024/2/12",
            "12 February 2024",
            "February 12, 2024",
            "Sept. 2023",
        ] {
            assert!(is_date_line(date), "{date}");
        }
        for title in [
            "一棵樟樹",
            "2024 Review",
            "1949",
            "二十年目の夏",
            "2024年工作要点",
            "一九四九年的冬天",
            "— 12 —",
            "March of the Ants 2024",
            "Received 2024-02-12",
        ] {
            assert!(!is_date_line(title), "{title}");
        }
    }

    #[test]
    fn banners() {
        assert_eq!(symbol_framed_banner("★★★ 经 济 ★★★").map(|f| f.text), Some("经 济".into()));
        assert_eq!(symbol_framed_banner("=== Part One ===").map(|f| f.text), Some("Part One".into()));
        assert_eq!(symbol_framed_banner("【条例】").map(|f| f.text), Some("条例".into()));
        assert_eq!(symbol_framed_banner("■ 要闻速递").map(|f| f.text), Some("要闻速递".into()));
        assert_eq!(symbol_framed_banner("★★★★★"), None);
        assert_eq!(symbol_framed_banner("■ 他说，今天下雨。"), None);
        assert_eq!(symbol_framed_banner("* * *"), None, "a scene break is not a heading");
    }

    #[test]
    fn an_aside_whose_bracket_ocr_misread_is_still_an_aside() {
        for aside in ["《市气象台供稿)", "《作者より）", "（市气象台供稿）", "(Applause)"] {
            assert!(is_aside(aside), "{aside}");
        }
        for title in ["《边城》", "《雪国》を読む", "市气象台供稿"] {
            assert!(!is_aside(title), "{title}");
        }
    }

    #[test]
    fn misread_chapter_units_are_mended() {
        assert_eq!(mend_misread_chapter_unit("第二竟 钟表铺"), Some("第二章 钟表铺".into()));
        assert_eq!(mend_misread_chapter_unit("第三草 預かり物"), Some("第三章 預かり物".into()));
        assert_eq!(mend_misread_chapter_unit("第 7草 云栖"), Some("第 7章 云栖".into()));
        assert_eq!(mend_misread_chapter_unit("第11 竟 约法"), Some("第11 章 约法".into()));
        assert_eq!(mend_misread_chapter_unit("第六音"), Some("第六章".into()));
        // Words, not labels: the look-alike runs on into a word or a sentence.
        assert_eq!(mend_misread_chapter_unit("第一草坪"), None);
        assert_eq!(mend_misread_chapter_unit("第三章 旧宅"), None, "nothing to mend");
        assert_eq!(mend_misread_chapter_unit("第二音 の響きが消えた。"), None, "prose after it");
    }

    #[test]
    fn numbering_labels() {
        assert_eq!(numbering_label("第三章 旧宅"), Some("第三章"));
        assert_eq!(numbering_label("第 2 節　調査の方法"), Some("第 2 節"));
        assert_eq!(numbering_label("2.1 Scope of the Work"), Some("2.1"));
        assert_eq!(numbering_label("1 概述"), Some("1"));
        assert_eq!(numbering_label("CHAPTER VIII. The Ledger"), Some("CHAPTER VIII"));
        assert_eq!(numbering_label("Book the First"), Some("Book the First"));
        assert_eq!(numbering_label("（二）稳增长"), Some("（二）"));
        assert_eq!(numbering_label("三、下一步打算"), Some("三、"));
        assert_eq!(numbering_label("貳、計畫目標"), Some("貳、"));
        assert_eq!(numbering_label("Preface"), None);
        assert_eq!(numbering_label("2024年工作要点"), None);
        assert_eq!(numbering_label("後記"), None);
    }

    #[test]
    fn a_framed_page_number_is_a_folio_not_a_banner() {
        for folio in ["—10—", "— 3 —", "【12】", "— iv —", "＝ ８ ＝"] {
            assert_eq!(symbol_framed_banner(folio), None, "{folio}");
            assert_eq!(recognise(folio), None, "{folio}");
        }
        // Words in the frame stay a banner, in either language.
        assert_eq!(symbol_framed_banner("— 附录 —").map(|f| f.text), Some("附录".into()));
        assert_eq!(symbol_framed_banner("— Part 3 —").map(|f| f.text), Some("Part 3".into()));
        assert_eq!(symbol_framed_banner("【第3期】").map(|f| f.text), Some("第3期".into()));
    }

    #[test]
    fn chinese_and_japanese_chapters() {
        assert_eq!(fam("第一卷 潜龙在渊"), Some(Family::Volume));
        assert_eq!(fam("第十二章　风起"), Some(Family::Chapter));
        assert_eq!(fam("第3回 宴桃园豪杰三结义"), Some(Family::Chapter));
        assert_eq!(fam("第一話　出会い"), Some(Family::Episode));
        assert_eq!(fam("第１話　出会い"), Some(Family::Episode));
        assert_eq!(fam("正文 第12章 入门"), Some(Family::Chapter));
        assert_eq!(fam("第二节 研究方法"), Some(Family::Section));
        assert_eq!(fam("第十三条　本条例自公布之日起施行。"), None, "an article with its text ends in 。");
        assert_eq!(fam("第十三条"), Some(Family::Article));
        // Traditional script, and an extractor's spaces around the number.
        assert_eq!(fam("第 9 條"), Some(Family::Article));
        assert_eq!(fam("第十三條"), Some(Family::Article));
        assert_eq!(fam("第三條件"), None, "a condition, not an article");
        assert_eq!(fam("楔子"), Some(Family::Named));
        assert_eq!(fam("番外一 春日"), Some(Family::Named));
        assert_eq!(fam("プロローグ"), Some(Family::Named));
        // The sections that close every chapter of a textbook.
        assert_eq!(fam("本章小结"), Some(Family::Named));
        assert_eq!(fam("習題"), Some(Family::Named));
        assert_eq!(fam("練習問題"), Some(Family::Named));
        assert_eq!(fam("习题课的安排很紧凑，大家都忙。"), None);
    }

    #[test]
    fn bare_numerals_in_kanji_and_roman() {
        for (line, n) in [("一", 1), ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("三十四", 34)] {
            assert_eq!(bare_numeral_value(line), Some(n), "{line}");
        }
        for (line, n) in [("I", 1), ("II", 2), ("IV.", 4), ("IX", 9), ("XIV", 14), ("Ⅰ", 1), ("Ⅳ", 4), ("Ⅻ", 12)]
        {
            assert_eq!(bare_numeral_value(line), Some(n), "{line}");
        }
        for line in ["一一", "十十", "一十", "3", "１２", "IIII", "VX", "Ill", "iv", "ⅳ", "ⅠⅡ", "三月", "Index", ""]
        {
            assert_eq!(bare_numeral_value(line), None, "{line}");
        }
    }

    #[test]
    fn numbers_spaced_off_by_the_extractor() {
        // `pdftotext` sets digits apart from CJK: `第 1 章`, `第 12 話`.
        assert_eq!(fam("第 1 章 被裁员的那天"), Some(Family::Chapter));
        assert_eq!(fam("第 12 話 港の朝"), Some(Family::Episode));
        assert_eq!(fam("第 3 部分说明了原因"), None);
    }

    #[test]
    fn a_bare_number_before_a_cjk_title_unless_it_is_a_quantity() {
        assert_eq!(fam("1 概述"), Some(Family::Numbered1));
        assert_eq!(fam("2 環境の準備"), Some(Family::Numbered1));
        assert_eq!(fam("2 月"), None);
        assert_eq!(fam("12 个"), None);
        assert_eq!(fam("3 年後"), None);
    }

    #[test]
    fn spelled_chapter_numbers_stand_alone() {
        assert_eq!(fam("ONE"), Some(Family::Chapter));
        assert_eq!(fam("Twenty-One"), Some(Family::Chapter));
        assert_eq!(fam("THIRTY"), Some(Family::Chapter));
        assert_eq!(fam("one"), None);
        assert_eq!(fam("One more time"), None);
    }

    #[test]
    fn chinese_look_alikes() {
        assert_eq!(fam("第三部分"), None);
        assert_eq!(fam("第九部队"), None);
        assert_eq!(fam("第一集团军"), None);
        assert_eq!(fam("第二节目"), None);
        assert_eq!(fam("第三章说的是，他走了。"), None);
    }

    #[test]
    fn english_chapters() {
        assert_eq!(fam("CHAPTER I."), Some(Family::Chapter));
        assert_eq!(fam("Chapter 12"), Some(Family::Chapter));
        assert_eq!(fam("Chapter Twelve: The Storm"), Some(Family::Chapter));
        assert_eq!(fam("PART ONE"), Some(Family::Volume));
        assert_eq!(fam("BOOK II"), Some(Family::Volume));
        assert_eq!(fam("Prologue"), Some(Family::Named));
        assert_eq!(fam("References"), Some(Family::Named));
        assert_eq!(fam("XIV."), Some(Family::Chapter));
        assert_eq!(fam("Chapter 3 of the report shows the results."), None);
        assert_eq!(fam("I"), None);
        assert_eq!(fam("Part of the problem was the rain."), None);
    }

    #[test]
    fn numbering() {
        assert_eq!(fam("一、总则"), Some(Family::CjkNumbered));
        assert_eq!(fam("（二）开放时间"), Some(Family::CjkParen));
        assert_eq!(fam("（2）运行本数"), Some(Family::ParenNumbered));
        assert_eq!(fam("1. Introduction"), Some(Family::Numbered1));
        assert_eq!(fam("1.2 Scope"), Some(Family::Numbered2));
        assert_eq!(fam("4.1.1 Data sources"), Some(Family::Numbered3));
        assert_eq!(fam("３．１　住民アンケート"), Some(Family::Numbered2), "full-width 3.1");
        assert_eq!(fam("1. 把面粉倒进盆里，加水和匀。"), None, "a recipe step is a list item");
        assert_eq!(fam("12 apples"), None);
        assert_eq!(fam("2023"), None, "a bare number is not a heading");
        assert_eq!(fam("2 月某市网站回复率"), None, "a quantity is not numbering");
        assert_eq!(fam("3、工作要求"), Some(Family::Numbered1));
        assert_eq!(fam("三、刀、镊与压书板"), Some(Family::CjkNumbered), "an enumeration comma inside a title");
        assert_eq!(fam("二、加强领导、落实责任，确保完成"), None, "a clause is a sentence");
    }

    #[test]
    fn a_number_without_a_space_is_checked_like_one_with_a_space() {
        // `1.加强…，…` fills the measure: an item's first line, however the number is set off.
        assert_eq!(fam("1.改进借阅流程，缩短等候时间"), None);
        assert_eq!(fam("1. 改进借阅流程，缩短等候时间"), None);
        assert_eq!(fam("2.点検を行い。次に電源を"), None);
        assert_eq!(fam("３．２．１節電モードの設定：手順"), None);
        assert_eq!(fam("1.改进借阅流程"), Some(Family::Numbered1));
        // A question may be a title, spaced off or not (a policy Q&A, an FAQ).
        assert_eq!(fam("4.怎样还书？逾期了会怎样？"), Some(Family::Numbered1));
        assert_eq!(fam("12.没下雨，伞是不是还要带？"), Some(Family::Numbered1));
        assert_eq!(fam("4.2031 年度开放时间是多少？"), Some(Family::Numbered1), "a year opens the title");
        assert_eq!(fam("2.2025年の調査結果"), Some(Family::Numbered1));
        assert_eq!(fam("3.1415 是圆周率"), None);
        assert_eq!(fam("1.1术语说明"), Some(Family::Numbered2), "no space after a depth-2 number");
        assert_eq!(fam("3.電源が入らない、どうする？"), Some(Family::Numbered1));
        assert_eq!(fam("一、参保登记 1.谁可以参保？"), None, "two titles glued together");
    }

    #[test]
    fn colon_headlines() {
        assert!(is_colon_headline("东岭村：“一事一议”修通进山路"));
        assert!(is_colon_headline("市图书馆：夜间自习室全年开放"));
        assert!(is_colon_headline("北町：空き家を図書館に変えた"));
        assert!(!is_colon_headline("审核：张三"), "a signature");
        assert!(!is_colon_headline("林远：“今天就走吧”"), "dialogue");
        assert!(!is_colon_headline("近日，县里发文：加强春耕管理"), "a clause before the colon is no name");
        assert!(!is_colon_headline("注意：電源を切ってから、掃除します"), "a note's sentence");
        assert!(!is_colon_headline("单位：元　币种：人民币"));
        assert!(!is_colon_headline("村里的路修通了"), "no colon");
    }

    #[test]
    fn abbreviation_stops_end_no_sentence() {
        assert_eq!(without_abbreviation_stops("Mrs. Hollis Pays a Call"), "Mrs Hollis Pays a Call");
        assert_eq!(without_abbreviation_stops("MRS. LANGLEY TAKES A VIEW."), "MRS LANGLEY TAKES A VIEW.");
        assert_eq!(without_abbreviation_stops("第三章　Dr. 林的实验室"), "第三章　Dr 林的实验室");
        assert_eq!(without_abbreviation_stops("Nobody came."), "Nobody came.");
        assert_eq!(without_abbreviation_stops("He left. She stayed."), "He left. She stayed.");
        assert!(!has_prose_punct(&without_abbreviation_stops("A Walk to St. Ives")));
        assert!(has_prose_punct(&without_abbreviation_stops("It rained. We stayed in.")));
    }

    #[test]
    fn capital_numerals_rank_above_chinese_numerals() {
        assert_eq!(fam("壹、計畫緣起"), Some(Family::CjkCapital));
        assert_eq!(fam("拾貳、附則"), Some(Family::CjkCapital));
        assert_eq!(fam("叁、实施步骤"), Some(Family::CjkCapital), "simplified");
        assert_eq!(fam("貳、本計畫經費由縣府編列，不足部分申請補助。"), None, "a sentence");
        assert!(Family::CjkCapital < Family::CjkNumbered);
    }

    #[test]
    fn aozora_and_markdown() {
        assert_eq!(
            aozora_heading("［＃「第一章」は大見出し］").map(|f| (f.family, f.text)),
            Some((Family::Marked1, "第一章".into()))
        );
        assert_eq!(
            aozora_heading("［＃中見出し］猫の話［＃中見出し終わり］").map(|f| (f.family, f.text)),
            Some((Family::Marked2, "猫の話".into()))
        );
        assert_eq!(
            atx_heading("## Section two").map(|f| (f.family, f.text)),
            Some((Family::Marked2, "Section two".into()))
        );
        assert_eq!(atx_heading("#hashtag"), None);
        assert_eq!(atx_heading("# usermod -aG dialout <username>"), None, "a root prompt");
        assert_eq!(atx_heading("# systemctl restart tide-logger --now"), None);
        assert_eq!(atx_heading("# cat /etc/hosts | grep 日志"), None);
        assert_eq!(atx_heading("# 安装与配置").map(|f| f.family), Some(Family::Marked1));
        assert_eq!(atx_heading("## install the tools").map(|f| f.family), Some(Family::Marked2));
        assert_eq!(atx_heading("# 第一章　从 A 到 B").map(|f| f.family), Some(Family::Marked1));
    }
}
