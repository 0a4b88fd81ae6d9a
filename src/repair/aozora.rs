//! Aozora Bunko markup: the format most Japanese public-domain e-texts use.
//!
//! Takes a line; returns it with the markup resolved and what was removed.
//! Ruby readings leave the text (`腕組《うでぐみ》` → `腕組`, `｜真珠貝《しんじゅがい》` →
//! `真珠貝`: the base text is the text, as an EPUB `<ruby>` reads without
//! `<rt>`) and ride along as an annotation of their base ([`Resolved::annotated`],
//! Unicode's interlinear annotation characters) for the model's ruby; layout annotations go (`［＃３字下げ］`, `［＃改ページ］`), heading
//! annotations stay for the structure stage (`［＃「第一夜」は中見出し］`), and
//! a missing-character note keeps its description (`※［＃「目＋爭」、第3水準1-88-85］`
//! → `※（目＋爭）`) unless it names a code point (`U+775C`), which is used.
//! Only files that carry Aozora markup are touched.

use super::Line;
use crate::text::annotate_ruby;
use regex::Regex;
use std::sync::LazyLock;

/// A line with its markup resolved: `plain` is its text (what the repair
/// record keeps), `annotated` the same with each ruby reading attached to its
/// base, which the line carries on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub plain: String,
    pub annotated: String,
}

/// Ruby without a bar: the reading belongs to the run of kanji before it.
static RUBY_AFTER_KANJI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([\p{Han}々〆ヶ]+)《([^《》]+)》").unwrap());

/// Whether the document is in Aozora Bunko format: its annotation brackets
/// or its standard header on symbols.
pub fn is_aozora(lines: &[Line]) -> bool {
    lines.iter().take(200).any(|l| l.text.contains("テキスト中に現れる記号について"))
        || lines.iter().filter(|l| l.text.contains("［＃")).count() >= 2
}

/// The header on symbols (`【テキスト中に現れる記号について】`) between two
/// rules of hyphens: a line range to remove.
pub fn symbol_header(lines: &[Line]) -> Option<std::ops::Range<usize>> {
    let is_rule = |l: &Line| {
        let t = l.text.trim();
        t.len() >= 10 && t.chars().all(|c| c == '-' || c == '－' || c == '—')
    };
    let first = lines.iter().take(100).position(is_rule)?;
    let second = lines[first + 1..].iter().take(60).position(is_rule)? + first + 1;
    lines[first..second].iter().any(|l| l.text.contains("記号について")).then_some(first..second + 1)
}

/// Resolve the markup of one line; `None` when the line has none. The caller
/// records the line before and after, so every removed reading is accounted for.
pub fn resolve_line(line: &str) -> Option<Resolved> {
    let plain = resolve_marks(line, false)?;
    let annotated = resolve_marks(line, true).unwrap_or_else(|| plain.clone());
    Some(Resolved { plain, annotated })
}

/// [`resolve_line`] in one form: readings dropped, or kept as annotations.
fn resolve_marks(line: &str, annotate: bool) -> Option<String> {
    static RUBY_BAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"｜([^｜《》]+)《([^》]*)》").unwrap());
    static RUBY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《[^》]*》").unwrap());
    static GAIJI_CODE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"※［＃「[^」]+」[^］]*?U\+(?P<cp>[0-9A-Fa-f]{4,6})[^］]*］").unwrap());
    static GAIJI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"※［＃「([^」]+)」[^］]*］").unwrap());
    static NOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"［＃([^］]*)］").unwrap());
    if !line.contains('《') && !line.contains("［＃") && !line.contains('｜') {
        return None;
    }
    let s = if annotate {
        let s = RUBY_BAR.replace_all(line, |c: &regex::Captures| annotate_ruby(&c[1], &c[2]));
        RUBY_AFTER_KANJI.replace_all(&s, |c: &regex::Captures| annotate_ruby(&c[1], &c[2])).into_owned().into()
    } else {
        RUBY_BAR.replace_all(line, "$1")
    };
    let s = RUBY.replace_all(&s, "");
    let s = GAIJI_CODE.replace_all(&s, |c: &regex::Captures| {
        u32::from_str_radix(&c["cp"], 16).ok().and_then(char::from_u32).map_or_else(|| c[0].to_string(), String::from)
    });
    let s = GAIJI.replace_all(&s, "※（$1）");
    // Heading annotations are evidence for the structure stage; the rest is layout.
    let s = NOTE
        .replace_all(&s, |c: &regex::Captures| if c[1].contains("見出し") { c[0].to_string() } else { String::new() });
    (s != line).then(|| s.into_owned())
}

/// Ruby as web-novel sites write it (小説家になろう, カクヨム), outside Aozora
/// files: `｜空の郵便屋《ポストマン》` and `|漢字《かんじ》` with a bar, `封蝋《ふうろう》`
/// (a reading in kana right after kanji), and `《《強調》》` emphasis marks. The
/// base text stays. A Chinese book title in `《》` is never kana after Han, so
/// `读了《红楼梦》` is left alone.
pub fn resolve_web_ruby(line: &str) -> Option<Resolved> {
    static BAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[｜|]([^｜|《》]{1,20})《([^《》]{1,30})》").unwrap());
    static KANJI: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"([\p{Han}々〆ヶ]+)《([\p{Hiragana}\p{Katakana}ー・]{1,30})》").unwrap());
    static DOTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《《([^《》]{1,40})》》").unwrap());
    if !line.contains('《') {
        return None;
    }
    let s = DOTS.replace_all(line, "$1");
    let plain = KANJI.replace_all(&BAR.replace_all(&s, "$1"), "$1").into_owned();
    if plain == line {
        return None;
    }
    let ruby = |c: &regex::Captures| annotate_ruby(&c[1], &c[2]);
    let annotated = KANJI.replace_all(&BAR.replace_all(&s, ruby), ruby).into_owned();
    Some(Resolved { plain, annotated })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_goes_base_text_stays() {
        let r = resolve_line("腕組《うでぐみ》をして大きな｜真珠貝《しんじゅがい》で").unwrap();
        assert_eq!(r.plain, "腕組をして大きな真珠貝で");
        assert_eq!(
            r.annotated,
            format!("{}をして大きな{}で", annotate_ruby("腕組", "うでぐみ"), annotate_ruby("真珠貝", "しんじゅがい"))
        );
    }

    #[test]
    fn web_novel_ruby() {
        let r =
            resolve_web_ruby("封蝋《ふうろう》に、｜空の郵便屋《ポストマン》と|基《もと》、《《一度も》》").unwrap();
        assert_eq!(r.plain, "封蝋に、空の郵便屋と基、一度も");
        assert_eq!(crate::text::strip_ruby(&r.annotated), r.plain);
        assert!(r.annotated.starts_with(&annotate_ruby("封蝋", "ふうろう")), "{:?}", r.annotated);
        assert!(r.annotated.contains(&annotate_ruby("空の郵便屋", "ポストマン")));
        assert_eq!(resolve_web_ruby("我读了《红楼梦》和《西游记》。"), None);
    }

    #[test]
    fn annotations() {
        assert_eq!(
            resolve_line("［＃３字下げ］第一夜［＃「第一夜」は中見出し］").unwrap().plain,
            "第一夜［＃「第一夜」は中見出し］"
        );
        assert_eq!(resolve_line("［＃改ページ］").unwrap().plain, "");
        assert_eq!(resolve_line("眼を※［＃「目＋爭」、第3水準1-88-85］たまま").unwrap().plain, "眼を※（目＋爭）たまま");
        assert_eq!(resolve_line("眼を※［＃「目＋爭」、U+775C、120-5］たまま").unwrap().plain, "眼を睜たまま");
        assert_eq!(resolve_line("普通の文。"), None);
    }
}
