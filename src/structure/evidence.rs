//! The printed table of contents as evidence for headings and their levels.
//!
//! Takes the TOC lines the repair stage took out of the body; returns items
//! with a level each, and matches body text against them: a line equal to an
//! entry, or a paragraph that runs in with one (`TITLE 3月6日，…`). Matching
//! ignores white space, punctuation and width, and tolerates the small wording
//! differences a printed TOC has (`第三次全体会` for `第三次全体会议`); the body's
//! wording wins.

use crate::limits::{MIN_FAMILY_ENTRIES, MIN_FUZZY_KEY, TITLE_MATCH};
use crate::repair::TocLine;
use crate::scan::heading::{bare_numeral_value, recognise, symbol_framed_banner, Family};
use crate::text::{fold_width, title_key};
use regex::Regex;
use std::sync::LazyLock;

/// How an item showed itself in the printed TOC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A group label framed by symbols (`★★★ 经济 ★★★`).
    FramedLabel,
    /// A plain group label (`领导活动`).
    Label,
    /// An entry with a page number. `family` ranks its numbering or chapter
    /// pattern (`一、` above `（一）`, 卷 above 章); `tier` counts indentation steps.
    Entry { family: u8, tier: u8 },
}

/// One TOC item ready for matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Text without frames or bullets.
    pub text: String,
    pub key: String,
    pub kind: ItemKind,
    pub page: Option<u32>,
    /// Heading level implied by the TOC's grouping (1 = top).
    pub level: u8,
}

/// Turn TOC lines into items with levels: framed labels hold plain labels,
/// labels hold entries, and among entries deeper indentation means deeper.
pub fn items(lines: &[TocLine]) -> Vec<Item> {
    let mut indents: Vec<usize> = lines.iter().filter(|l| !l.label).map(|l| l.indent).collect();
    indents.sort_unstable();
    indents.dedup();
    // A numbering or chapter family ranks entries only when it recurs: one
    // entry that happens to look numbered (`2 月…`) must not open a level.
    let mut families: Vec<Option<u8>> = lines
        .iter()
        .map(|l| (!l.label).then(|| recognise(&close_spread_label(&l.text)).map(|f| f.family as u8)).flatten())
        .collect();
    // `I` alone may be a word; `I` before `II` is a number.
    for k in 0..lines.len().saturating_sub(1) {
        let roman_one = matches!(lines[k].text.trim(), "I" | "I.");
        if roman_one && lines[k + 1].text.trim().trim_end_matches('.') == "II" {
            families[k] = families[k + 1];
        }
    }
    for (family, line) in families.iter_mut().zip(lines) {
        if family.is_none() && !line.label && is_numeral_entry(&line.text) {
            *family = Some(Family::BareNumeral as u8);
        }
    }
    let recurring = |f: u8| families.iter().filter(|x| **x == Some(f)).count() >= MIN_FAMILY_ENTRIES;
    // Named parts (`Preface`, `あとがき`) stand beside the top family of entries.
    let named = Family::Named as u8;
    let top_family = families.iter().flatten().copied().filter(|f| *f != named && recurring(*f)).min();
    // A named part listed under every chapter (`本章小结`, `Exercises`) is a
    // section of each: it ranks with the family below the top one (`1.2`);
    // listed once (`Preface`), it stands beside the top family.
    let second_family =
        families.iter().flatten().copied().filter(|f| *f != named && recurring(*f) && Some(*f) > top_family).min();
    let named_count = |text: &str| {
        let key = title_key(text);
        lines.iter().zip(&families).filter(|(l, f)| **f == Some(named) && title_key(&l.text) == key).count()
    };
    let enclosed = enclosed_families(lines, &families);
    // Numbers enclosed in one entry are not the book's chapters.
    let chapters = top_family.filter(|f| !enclosed.contains(f));
    let matter = front_and_back_matter(lines, &families, chapters);
    let mut items: Vec<Item> = lines
        .iter()
        .zip(&families)
        .enumerate()
        .filter(|(_, (l, _))| !is_column_header(&l.text))
        .map(|(k, (l, family))| {
            let (text, kind) = if l.label {
                match symbol_framed_banner(&l.text) {
                    Some(b) => (b.text, ItemKind::FramedLabel),
                    None => (l.text.clone(), ItemKind::Label),
                }
            } else {
                let tier = indents.iter().position(|&i| i == l.indent).unwrap_or(0) as u8;
                // Entries without a (recurring) pattern rank below every patterned family.
                let (family, tier) = match family {
                    Some(f) if *f == named && named_count(&l.text) >= 2 && second_family.is_some() => {
                        (second_family.unwrap_or(u8::MAX), tier)
                    }
                    Some(f) if *f == named => (top_family.unwrap_or(u8::MAX), tier),
                    // Numbered parts of one unnumbered entry sit a tier below it.
                    Some(f) if enclosed.contains(f) => (u8::MAX, tier + 1),
                    Some(f) if recurring(*f) => (*f, tier),
                    _ if matter.contains(&k) => (top_family.unwrap_or(u8::MAX), tier),
                    _ => (u8::MAX, tier),
                };
                (l.text.clone(), ItemKind::Entry { family, tier })
            };
            let text = collapse_spaced_label(&text);
            Item { key: title_key(&text), text, kind, page: l.page, level: 0 }
        })
        .collect();
    demote_stray_labels(&mut items);
    let mut kinds: Vec<ItemKind> = items.iter().map(|i| i.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for item in &mut items {
        item.level = (kinds.iter().position(|k| *k == item.kind).unwrap_or(0) + 1).min(6) as u8;
    }
    nest_articles(&mut items);
    items
}

/// `Ⅱ 港の町で`, `IV The Harbour`, `三 秋の章`: an entry whose first word is
/// a number alone (kanji or roman, [`bare_numeral_value`]) and a title
/// after it, as a contents page lists parts numbered without a label word.
/// When such entries recur they rank as a family above the unnumbered
/// titles listed between them (the essays or chapters of each part).
fn is_numeral_entry(text: &str) -> bool {
    let t = text.trim();
    t.split_once(char::is_whitespace)
        .is_some_and(|(number, title)| bare_numeral_value(number).is_some() && !title.trim().is_empty())
}

/// `第二章 罰則` ⏎ `第 5 條` ⏎ `第三章 管理` ⏎ `第一節 登錄` ⏎ `第 9 條`: a
/// statute's article sits one level under whatever holds it, the chapter
/// where the chapter has no sections and the section where it has. Ranking
/// families alone would put every article under the sections, a level too
/// deep wherever a chapter holds its articles directly.
fn nest_articles(items: &mut [Item]) {
    let mut holder: Option<u8> = None;
    for item in items.iter_mut() {
        if !is_article(item) {
            holder = Some(item.level);
        } else if let Some(h) = holder.filter(|&h| h < item.level) {
            item.level = h + 1;
        }
    }
}

/// An entry ranked as a statute's article (`第 5 條`, `第十三条`).
fn is_article(item: &Item) -> bool {
    matches!(item.kind, ItemKind::Entry { family, .. } if family == Family::Article as u8)
}

/// The printed contents lists a statute's articles (`第 1 條 …… 2`): then each
/// article is a heading, and its label does not open its paragraph.
pub fn lists_articles(items: &[Item]) -> bool {
    items.iter().any(is_article)
}

/// `第４章 お手入れ……8` ⏎ … ⏎ `電気ケトル 取扱説明書` ⏎ `仕様……11`: a contents
/// page that runs over a page break keeps the new page's running head as a
/// line without a page number. Labels group entries only when one opens a
/// group before most of the entries; a label met after most of them groups
/// nothing, and ranks with the entry it stands over (it may be that entry's
/// first half), so it does not push every entry a level down.
fn demote_stray_labels(items: &mut [Item]) {
    let is_label = |i: &Item| matches!(i.kind, ItemKind::Label | ItemKind::FramedLabel);
    let Some(first_label) = items.iter().position(is_label) else { return };
    let before = items[..first_label].iter().filter(|i| !is_label(i)).count();
    let after = items[first_label..].iter().filter(|i| !is_label(i)).count();
    if before <= after {
        return;
    }
    for k in (0..items.len()).rev() {
        if is_label(&items[k]) {
            if let Some(next) = items.get(k + 1).map(|n| n.kind).filter(|n| matches!(n, ItemKind::Entry { .. })) {
                items[k].kind = next;
            }
        }
    }
}

/// Families whose entries form one unbroken run inside unnumbered entries:
/// an essay collection's `What the Tide Leaves` ⏎ `I` ⏎ `II` ⏎ `III` ⏎ `In
/// Praise of…` numbers the parts of one essay, not the book's top level.
fn enclosed_families(lines: &[TocLine], families: &[Option<u8>]) -> Vec<u8> {
    let entries: Vec<Option<u8>> = lines.iter().zip(families).filter(|(l, _)| !l.label).map(|(_, f)| *f).collect();
    let plain = |k: &usize| entries[*k].is_none();
    let (Some(first_plain), Some(last_plain)) = ((0..entries.len()).find(plain), (0..entries.len()).rev().find(plain))
    else {
        return Vec::new();
    };
    let mut out: Vec<u8> = entries.iter().flatten().copied().collect();
    out.sort_unstable();
    out.dedup();
    out.retain(|&f| {
        let at: Vec<usize> = (0..entries.len()).filter(|&k| entries[k] == Some(f)).collect();
        let run = at.windows(2).all(|w| w[1] == w[0] + 1);
        at.len() >= MIN_FAMILY_ENTRIES && run && at[0] > first_plain && at[at.len() - 1] < last_plain
    });
    out
}

/// `摘要` ⏎ `第1章 绪论` ⏎ `1.1 背景` ⏎ … ⏎ `第5章 结论` ⏎ `5.1 …` ⏎ `发表的论文`,
/// `Foreword` ⏎ `Chapter 1` ⏎ … ⏎ `Chapter 6` ⏎ `Specifications`: entries
/// no pattern ranks, listed only before the top family's first
/// entry or after its last, at its indentation, are the front and back
/// matter of the book and stand beside its chapters. An unranked entry
/// between two chapters means such entries are sections, and the rule is off.
fn front_and_back_matter(lines: &[TocLine], families: &[Option<u8>], top_family: Option<u8>) -> Vec<usize> {
    let Some(top) = top_family else { return Vec::new() };
    let at_top: Vec<usize> = (0..lines.len()).filter(|&k| families[k] == Some(top)).collect();
    let (Some(&first), Some(&last)) = (at_top.first(), at_top.last()) else { return Vec::new() };
    let indent = lines[first].indent;
    // (An entry some pattern ranks, even once, has its place by that pattern:
    // `2.1 Sampling` after the last `2. Method` is a section, `第一卷` before
    // the first chapter holds them.)
    let unranked = |k: usize| !lines[k].label && families[k].is_none();
    if (first..=last).any(unranked) {
        return Vec::new();
    }
    (0..lines.len()).filter(|&k| (k < first || k > last) && unranked(k) && lines[k].indent == indent).collect()
}

/// `CHAPTER          PAGE`, `章节  页码`: the TOC's column headings, not entries.
fn is_column_header(text: &str) -> bool {
    let last = text.split_whitespace().last().unwrap_or("");
    matches!(last.to_lowercase().as_str(), "page" | "pages" | "页" | "页码" | "頁" | "ページ")
        && text.split_whitespace().count() <= 3
}

/// `第      1      章 光的折射`: a justified contents line spreads its
/// chapter label over the line's width; closed up (`第1章 光的折射`) it
/// ranks with the chapters. (Only on the contents page: in the body, a label
/// spread so wide is a garbled contents line, not a heading.)
fn close_spread_label(text: &str) -> std::borrow::Cow<'_, str> {
    static SPREAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^第[ 　]+(?P<n>[0-9０-９零〇一二三四五六七八九十百两]{1,6})[ 　]+(?P<u>[卷部篇章回节節集話话幕])")
            .unwrap()
    });
    SPREAD.replace(text.trim_start(), "第${n}${u}")
}

/// `时 政` printed letter-spaced inside a TOC banner reads `时政`.
fn collapse_spaced_label(text: &str) -> String {
    crate::scan::letter_spacing::collapse_letter_spacing(text).unwrap_or_else(|| text.to_string())
}

/// Length of the longest common subsequence of two char slices.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &ca in a {
        let mut diag = 0;
        for (j, &cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if ca == cb { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// Similarity of two title keys in 0..=1 (LCS over the longer key).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < MIN_FUZZY_KEY {
        return 0.0;
    }
    lcs(&a, &b) as f64 / a.len().max(b.len()) as f64
}

/// Whether a whole line is the item's title.
pub fn matches_line(item: &Item, line: &str) -> bool {
    !item.key.is_empty() && similarity(&title_key(line), &item.key) >= TITLE_MATCH
}

/// Where a paragraph that runs in with `item`'s title splits: the byte offset
/// at which the paragraph's own text begins, with the title before it.
///
/// `某区文旅委员会举行第二次联席会议 3月16日，…` against the entry
/// `…召开第三次全体会` splits after `会议`: the body's wording wins. The split is
/// at white space or, failing that, right after the title's last character.
pub fn run_in_split(item: &Item, para: &str) -> Option<usize> {
    let want: Vec<char> = item.key.chars().collect();
    if want.len() < MIN_FUZZY_KEY.min(4) {
        return None;
    }
    // Allow the body's title to be a few characters longer or shorter.
    let slack = (want.len() / 4).max(2);
    // Best split at white space, and best anywhere (for titles fused to their text).
    let mut best_space: Option<(f64, usize)> = None;
    let mut best_fused: Option<(f64, usize)> = None;
    let mut key: Vec<char> = Vec::new();
    let mut chars = para.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let folded = fold_width(c);
        if folded.is_alphanumeric() {
            key.extend(folded.to_lowercase());
        }
        if key.len() + slack < want.len() {
            continue;
        }
        if key.len() > want.len() + slack {
            break;
        }
        // The end of the paragraph is no split: a whole-line title is not run in.
        let Some(&(_, next)) = chars.peek() else { break };
        let at_space = next.is_whitespace();
        // Without white space, a title ends only where a date or number begins
        // (`…会议3月16日`) or after a closing mark (`…》印发`); inside a word it never does.
        let fused_boundary = (next.is_ascii_digit() && !c.is_ascii_digit()) || is_title_closer(c) || is_title_end(c);
        if !(at_space || fused_boundary) {
            continue;
        }
        let score = if key.len().min(want.len()) >= MIN_FUZZY_KEY {
            lcs(&key, &want) as f64 / key.len().max(want.len()) as f64
        } else if key == want {
            1.0
        } else {
            0.0
        };
        let slot = if at_space { &mut best_space } else { &mut best_fused };
        if score >= TITLE_MATCH && slot.is_none_or(|(s, _)| score > s + 1e-9) {
            *slot = Some((score, at + c.len_utf8()));
        }
    }
    // White space is where the body itself ends its title: it wins over a
    // closer match inside a word (`全体会|议` must not split).
    let (_, end) = best_space.or(best_fused)?;
    // The rest must be text of its own, not just punctuation, and begin as a
    // paragraph does: `The relief boat came out…` does not run in with the
    // entry `THE RELIEF BOAT` (a lower-case word goes on the sentence).
    let rest = &para[end..];
    let starts_lower = rest.trim_start().chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase);
    (rest.chars().any(char::is_alphanumeric) && !starts_lower).then_some(end)
}

/// Marks after which a run-in title gives way to its text (`（一）强化水源保护。加快…`);
/// the mark itself is not part of the heading.
pub fn is_title_end(c: char) -> bool {
    matches!(c, '。' | '：' | ':' | '．' | '.')
}

/// Marks that can close a title (`》`, `”`, `）`).
fn is_title_closer(c: char) -> bool {
    crate::text::is_closing(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> Item {
        Item {
            key: title_key(text),
            text: text.into(),
            kind: ItemKind::Entry { family: u8::MAX, tier: 0 },
            page: Some(1),
            level: 3,
        }
    }

    fn line(text: &str, label: bool, indent: usize) -> TocLine {
        TocLine { text: text.into(), page: (!label).then_some(1), indent, label }
    }

    #[test]
    fn numbered_parts_inside_an_unnumbered_entry_sit_below_it() {
        let titles = ["On Mending Nets", "What the Rain Brings", "I", "II", "III", "Late Trams"];
        let its = items(&titles.map(|t| line(t, false, 0)));
        let levels: Vec<u8> = its.iter().map(|i| i.level).collect();
        assert_eq!(levels, [1, 1, 2, 2, 2, 1]);
        // Chapters numbered from the start are the top level, whatever comes after them.
        let its = items(&["第一章 风起", "第二章 云涌", "第三章 雨落", "后记"].map(|t| line(t, false, 0)));
        assert_eq!(its[0].level, its[1].level);
        assert!(its[0].level <= its[3].level);
    }

    #[test]
    fn front_and_back_matter_stand_beside_the_chapters() {
        let its = items(
            &["摘要", "第1章 引言", "1.1 研究背景", "1.2 研究方法", "第2章 结果", "2.1 野外观测", "在读期间完成的论文"]
                .map(|t| line(t, false, 0)),
        );
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 1, 2, 2, 1, 2, 1]);
        let its = items(
            &[
                "Foreword",
                "Chapter 1 Getting Started",
                "1.1 Unpacking",
                "Chapter 2 Daily Care",
                "2.1 Cleaning the Filter",
                "Technical Data",
            ]
            .map(|t| line(t, false, 0)),
        );
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 1, 2, 1, 2, 1]);
    }

    #[test]
    fn a_numbered_entry_after_the_last_chapter_is_its_section() {
        let its = items(&["1. Introduction", "2. Method", "2.1 Sampling"].map(|t| line(t, false, 0)));
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 1, 2]);
        let its = items(&["第1章 引言", "第2章 方法", "2.1 取样"].map(|t| line(t, false, 0)));
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 1, 2]);
    }

    #[test]
    fn unnumbered_entries_between_chapters_are_sections() {
        let its = items(&["第一章 山", "溪边小路", "第二章 水", "渡口", "船歌"].map(|t| line(t, false, 0)));
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 2, 1, 2, 2]);
        let its = items(&["Chapter 1 Hills", "A Path", "Chapter 2 Rivers", "The Ferry"].map(|t| line(t, false, 0)));
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 2, 1, 2]);
    }

    #[test]
    fn a_spread_chapter_label_on_a_contents_line_ranks_with_the_chapters() {
        let its = items(&[
            line("第      1      章 光的折射", false, 0),
            line("1.1   几何光学", false, 0),
            line("第      2      章 透镜成像", false, 0),
            line("2.1   准静态过程", false, 0),
        ]);
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 2, 1, 2]);
        let its = items(&[
            line("第　　１　　章　使いかた", false, 0),
            line("１．１　準備", false, 0),
            line("第　　２　　章　お手入れ", false, 0),
            line("２．１　毎回", false, 0),
        ]);
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 2, 1, 2]);
    }

    #[test]
    fn a_named_part_under_every_chapter_is_a_section() {
        let its = items(&[
            line("第1章 温度", false, 0),
            line("1.1 温标", false, 0),
            line("本章小结", false, 0),
            line("习题", false, 0),
            line("第2章 热量", false, 0),
            line("2.1 内能", false, 0),
            line("本章小结", false, 0),
            line("习题", false, 0),
            line("后记", false, 0),
        ]);
        let levels: Vec<u8> = its.iter().map(|i| i.level).collect();
        assert_eq!(levels, [1, 2, 2, 2, 1, 2, 2, 2, 1], "{its:?}");
        let its = items(&[
            line("Chapter 1 Heat", false, 0),
            line("1.1 Scales", false, 0),
            line("Summary", false, 0),
            line("Chapter 2 Work", false, 0),
            line("2.1 Pistons", false, 0),
            line("Summary", false, 0),
            line("Preface", false, 0),
        ]);
        let levels: Vec<u8> = its.iter().map(|i| i.level).collect();
        assert_eq!(levels, [1, 2, 2, 1, 2, 2, 1], "{its:?}");
    }

    #[test]
    fn a_label_after_most_entries_groups_nothing() {
        // A running head read inside a contents page that ran over a page break.
        let its = items(&[
            line("第1章 はじめに", false, 0),
            line("1.1 目的", false, 0),
            line("第2章 使いかた", false, 0),
            line("2.1 準備", false, 0),
            line("電気ポット 取扱説明書", true, 0),
            line("仕様", false, 0),
        ]);
        let levels: Vec<u8> = its.iter().map(|i| i.level).collect();
        assert_eq!(levels[..4], [1, 2, 1, 2]);
        let its = items(&[
            line("Chapter 1 Arrival", false, 0),
            line("1.1 The Harbour", false, 0),
            line("Chapter 2 Departure", false, 0),
            line("2.1 The Road", false, 0),
            line("A Field Guide to Tides", true, 0),
            line("Index", false, 0),
        ]);
        assert_eq!(its[0].level, 1, "{its:?}");
        assert_eq!(its[1].level, 2, "{its:?}");
        // A label that opens the contents still groups its entries.
        let its = items(&[line("上编", true, 0), line("第一章 风起", false, 0), line("第二章 云涌", false, 0)]);
        assert_eq!(its.iter().map(|i| i.level).collect::<Vec<_>>(), [1, 2, 2]);
    }

    #[test]
    fn an_article_sits_one_level_under_whatever_holds_it() {
        let its = items(&[
            line("第一章 總則", false, 0),
            line("第 1 條", false, 0),
            line("第 2 條", false, 0),
            line("第二章 水權", false, 0),
            line("第一節 登記", false, 0),
            line("第 3 條", false, 0),
            line("第二節 變更", false, 0),
            line("第 4 條", false, 0),
            line("第三章 罰則", false, 0),
            line("第 5 條", false, 0),
        ]);
        let levels: Vec<u8> = its.iter().map(|i| i.level).collect();
        assert_eq!(levels, [1, 2, 2, 1, 2, 3, 2, 3, 1, 2], "{its:?}");
        let its = items(&[
            line("第一章 総則", false, 0),
            line("第一条 目的", false, 0),
            line("第二条 定義", false, 0),
            line("第二章 森林の管理", false, 0),
            line("第一節 計画", false, 0),
            line("第三条 計画の策定", false, 0),
            line("第二節 伐採", false, 0),
            line("第四条 届出", false, 0),
            line("第三章 雑則", false, 0),
            line("第五条 施行期日", false, 0),
        ]);
        let levels: Vec<u8> = its.iter().map(|i| i.level).collect();
        assert_eq!(levels, [1, 2, 2, 1, 2, 3, 2, 3, 1, 2], "{its:?}");
    }

    #[test]
    fn levels_from_grouping() {
        let its = items(&[
            line("★★★ 时 政 ★★★", true, 0),
            line("部门动态", true, 0),
            line("区长察看新建图书馆工地", false, 0),
            line("Chapter 1", false, 0),
            line("1.1 Scope", false, 4),
        ]);
        let got: Vec<(&str, u8)> = its.iter().map(|i| (i.text.as_str(), i.level)).collect();
        assert_eq!(
            got,
            [("时政", 1), ("部门动态", 2), ("区长察看新建图书馆工地", 3), ("Chapter 1", 3), ("1.1 Scope", 4)]
        );
    }

    #[test]
    fn run_in_titles_split_at_the_bodys_wording() {
        let it = entry("区文旅委员会举行第二次联席会");
        let p = "区文旅委员会举行第二次联席会议 5月8日，委员会举行联席会议。";
        let at = run_in_split(&it, p).unwrap();
        assert_eq!(&p[..at], "区文旅委员会举行第二次联席会议");
        let it = entry("“青稞 9”列入省级主推良种名录");
        let p = "“青稞 9” 列入省级主推良种名录 3月2日，省农科院公布名录。";
        assert_eq!(&p[..run_in_split(&it, p).unwrap()], "“青稞 9” 列入省级主推良种名录");
        let it = entry("The Storm Breaks");
        let p = "The Storm Breaks It was a dark night and the wind rose.";
        assert_eq!(&p[..run_in_split(&it, p).unwrap()], "The Storm Breaks");
    }

    #[test]
    fn run_in_title_ended_by_a_full_stop() {
        let it = entry("（一）强化水源保护");
        let p = "（一）强化水源保护。加快划定水源保护区，清理违法建筑。";
        assert_eq!(&p[..run_in_split(&it, p).unwrap()], "（一）强化水源保护。");
    }

    #[test]
    fn titles_with_spaces_and_numbers_inside() {
        let it = entry("全区 6 家商户入选诚信商户名录");
        let p = "全区 6 家商户入选诚信商户名录 3月16日，商务局公布名录。";
        assert_eq!(&p[..run_in_split(&it, p).unwrap()], "全区 6 家商户入选诚信商户名录");
    }

    #[test]
    fn a_sentence_that_opens_with_the_title_words_is_not_run_in() {
        let it = entry("THE RELIEF BOAT");
        assert_eq!(run_in_split(&it, "The relief boat came out to the point on the first Tuesday."), None);
    }

    #[test]
    fn no_split_when_the_paragraph_does_not_start_with_the_title() {
        let it = entry("区文旅委员会举行第二次联席会议");
        assert_eq!(run_in_split(&it, "5月8日，区文旅委员会举行第二次联席会议，研究工作。"), None);
        assert_eq!(run_in_split(&it, "区文旅委员会举行第二次联席会议"), None, "a whole-line title is not run in");
    }

    #[test]
    fn similarity_is_strict_for_short_titles() {
        assert_eq!(similarity("经济", "经济"), 1.0);
        assert_eq!(similarity("经济", "经纬"), 0.0);
        assert!(similarity("获评省级生态文明建设示范镇", "获评省级生态文明建设先行示范镇") >= TITLE_MATCH);
    }
}
