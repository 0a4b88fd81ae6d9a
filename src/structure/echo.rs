//! A contents page that repair did not recognise, told from the headings it echoes.
//!
//! Takes the drafts before levels are ranked; turns back into paragraphs the
//! headings of a contents page that reached structure as body lines (OCR reads
//! leaders as `ccc cece ee2` and drops page numbers; some contents pages have
//! neither), and a contents page's own label (`Contents`, `目录`). Never edits
//! text and never removes a line: the entries stay as paragraphs.

use super::Draft;
use crate::limits::{MAX_SHORT_HEADING_WIDTH, MIN_CONTENTS_ECHO, MIN_LEADER_DOTS};
use crate::scan::heading::{numbering_label, without_leader_tail};
use crate::text::{display_width, ends_sentence, has_prose_punct, title_key};
use regex::Regex;
use std::sync::LazyLock;

/// `第三章 旧账本`, `Chapter 3 The Flood`, `2.1 Scope`: the heading's
/// numbering when it has one (an OCR'd entry keeps its label when its title
/// and page are misread: `第1章 PAPLOM ccc ee2`), else its words without a
/// trailing page number.
fn echo_key(text: &str) -> String {
    match numbering_label(text) {
        Some(label) => format!("#{}", title_key(label)),
        None => title_key(text).trim_end_matches(|c: char| c.is_ascii_digit()).to_string(),
    }
}

/// A paragraph that may sit inside a contents page: an entry the heading
/// rules refused, OCR noise, a label; anything but a sentence. Its width is
/// its entry's, without the leader.
fn is_entry_like(text: &str) -> bool {
    let t = without_leader_tail(text.trim()).trim_end();
    // Leader dots (`方法.. ーー2`, `. . .`) are no sentence's stops.
    let without_leaders = t.replace(". .", " ").replace("..", " ");
    !ends_sentence(&without_leaders)
        && !has_prose_punct(&without_leaders)
        && display_width(t) <= MAX_SHORT_HEADING_WIDTH
}

/// `目录` ⏎ `第一章 回镇 1` ⏎ … ⏎ `第八章 重新上弦 11`, then `第一章 回镇` over
/// prose, and so on: a run of headings with no prose between them, at least
/// [`MIN_CONTENTS_ECHO`] of which come again later, in the same order, as
/// headings that do have prose — the run is a contents page, and its
/// headings are paragraphs. The run's last heading, right before prose, is
/// the first heading of the body.
pub(super) fn demote_contents_echo(drafts: &mut [Draft]) {
    let mut start = 0;
    while start < drafts.len() {
        let Some(first) = (start..drafts.len()).find(|&i| matches!(drafts[i], Draft::Heading { .. })) else {
            return;
        };
        let end = (first..drafts.len())
            .find(|&i| match &drafts[i] {
                Draft::Paragraph(t) => !is_entry_like(t),
                _ => false,
            })
            .unwrap_or(drafts.len());
        let mut entries: Vec<usize> = (first..end).filter(|&i| matches!(drafts[i], Draft::Heading { .. })).collect();
        // The heading right before prose opens the body.
        let body_follows = match drafts.get(end) {
            Some(Draft::Paragraph(t)) => ends_sentence(t.trim()) || display_width(t.trim()) > MAX_SHORT_HEADING_WIDTH,
            _ => false,
        };
        if body_follows && entries.last() == Some(&(end - 1)) {
            entries.pop();
        }
        let pairs = echoes(drafts, &entries);
        if entries.len() >= MIN_CONTENTS_ECHO && pairs.len() >= MIN_CONTENTS_ECHO && pairs.len() * 2 >= entries.len() {
            // Entries the contents evidence matched too (the printed contents
            // the repair stage found may be this page's other half) hand the
            // level it gave them to the heading they echo.
            for &(i, k) in &pairs {
                if let Draft::Heading { level: Some(l), in_toc: true, .. } = drafts[i] {
                    if let Draft::Heading { level: level @ None, in_toc, .. } = &mut drafts[k] {
                        *level = Some(l);
                        *in_toc = true;
                    }
                }
            }
            for &i in &entries {
                if let Draft::Heading { text, .. } = &drafts[i] {
                    drafts[i] = Draft::Paragraph(text.clone());
                }
            }
        }
        start = end.max(first + 1);
    }
}

/// The entries that come again as later headings, in order: (entry, its echo).
fn echoes(drafts: &[Draft], entries: &[usize]) -> Vec<(usize, usize)> {
    let Some(&last) = entries.last() else { return Vec::new() };
    let later: Vec<(usize, String)> = (last + 1..drafts.len())
        .filter_map(|k| match &drafts[k] {
            Draft::Heading { text, .. } => Some((k, echo_key(text))),
            _ => None,
        })
        .collect();
    let mut at = 0;
    let mut pairs = Vec::new();
    for &i in entries {
        let Draft::Heading { text, .. } = &drafts[i] else { continue };
        let key = echo_key(text);
        if key.chars().count() < 2 {
            continue;
        }
        if let Some(k) = later[at..].iter().position(|(_, l)| *l == key) {
            pairs.push((i, later[at + k].0));
            at += k + 1;
        }
    }
    pairs
}

/// `第一章 总则.01`, `2.1.1 Scope.45`, `4 Operation...`, `Appendix. . 9`: a
/// line that ends in a leader remnant, two or more dots or one dot between a
/// word and a page number, is a contents entry OCR could not read as one, not a
/// heading (a heading ends in a word, or in one stop after a word).
fn ends_in_leader(text: &str) -> bool {
    static TAIL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:\.\s?\.[\s.]*\d{0,4}|[^\d\s.]\.\d{1,4})$").unwrap());
    TAIL.is_match(text.trim())
}

/// `BOOK THE THIRD Lanterns. ........ 0... eee ece`, `第四章 归途……… 0.0 ee`:
/// a title, a leader of [`MIN_LEADER_DOTS`] dots or more, then only what OCR
/// made of the rest of the leader and the page number (dots, digits and
/// lower-case specks such as `e`, `c`, `n`). A heading's ellipsis is three
/// dots, and words after it are the title's own (`Wait.... Then What`).
fn leader_then_specks(text: &str) -> bool {
    static LEADER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?:\.\s?){{{MIN_LEADER_DOTS},}}|…{{2,}}|⋯{{2,}}")).unwrap());
    let t = text.trim();
    LEADER.find(t).is_some_and(|m| {
        m.start() > 0
            && t[m.start()..].chars().all(|c| {
                c.is_ascii_lowercase()
                    || c.is_ascii_digit()
                    || c.is_whitespace()
                    || matches!(c, '.' | ',' | ':' | '…' | '⋯')
            })
    })
}

/// Headings that end in a leader remnant ([`ends_in_leader`], [`leader_then_specks`])
/// are a contents page's entries: they stay as paragraphs.
pub(super) fn demote_leader_entries(drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        if let Draft::Heading { text, in_toc: false, .. } = d {
            if ends_in_leader(text) || leader_then_specks(text) {
                *d = Draft::Paragraph(std::mem::take(text));
            }
        }
    }
}

/// `Contents`, `目 录`, `目次` as a heading: the label of a contents page the
/// repair stage did not take out (its entries were unreadable). It names
/// furniture, not a part of the book; it stays as a paragraph.
pub(super) fn demote_contents_label(drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        if let Draft::Heading { text, in_toc: false, .. } = d {
            if crate::repair::toc::is_toc_heading(text) {
                *d = Draft::Paragraph(std::mem::take(text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::heading::Family;

    use crate::structure::test_drafts::{heading, headings, p};

    fn h(text: &str) -> Draft {
        heading(text, Family::Chapter)
    }

    #[test]
    fn a_heading_whose_leader_ocr_read_as_specks_is_a_contents_entry() {
        for entry in [
            "BOOK THE THIRD Lanterns. ........ 0... eee ece",
            "Chapter 9 Tides..... 0.0.. ce nee",
            "第四章 归途……… 0.0 ee",
            "第二节 潮汐. . . . . . 0.. cece",
        ] {
            assert!(leader_then_specks(entry), "{entry}");
        }
        // An ellipsis, or words of the title after the dots.
        for heading in ["Wait... Then What", "第五章 等待……再见", "Chapter 2 Notes.... On the Sea", "第三章 归来"]
        {
            assert!(!leader_then_specks(heading), "{heading}");
        }
    }

    #[test]
    fn a_heading_ending_in_a_leader_is_a_contents_entry() {
        for entry in ["第三章 规划.12", "2.1 热传导. .7", "4 Setup...", "Appendix. . 9", "第五章 雨季..."]
        {
            assert!(ends_in_leader(entry), "{entry}");
        }
        for title in ["CHAPTER I.", "THE RELIEF BOAT.", "Python 3.11", "1.2 Release 2.0", "第一章 总则", "第二回 雨夜"]
        {
            assert!(!ends_in_leader(title), "{title}");
        }
        let mut drafts =
            vec![h("第三章 规划.12"), h("4 Setup..."), h("第三章 规划"), p("规划先于建设。"), h("4 Setup")];
        demote_leader_entries(&mut drafts);
        assert_eq!(headings(&drafts), ["第三章 规划", "4 Setup"]);
        assert!(matches!(&drafts[0], Draft::Paragraph(t) if t == "第三章 规划.12"), "the entry is kept as a paragraph");
    }

    #[test]
    fn an_entry_is_as_wide_as_its_title_without_the_leader_ocr_made_of() {
        let mut en = vec![
            h("1 Introduction ."),
            p("1.1 About the Survey Tools........ 0.0.0.0... 0. ee eee eee eee"),
            h("2 Setup .."),
            p("2.1 Unpacking the Sensor Case.............. 0... cece eee eee"),
            h("3 Calibration"),
            h("1 Introduction"),
            p("The survey tools are described in this first part, with the care they need."),
            h("2 Setup"),
            p("Unpack the case on a dry table and keep the foam."),
            h("3 Calibration"),
            p("Calibrate once a season."),
        ];
        demote_contents_echo(&mut en);
        assert_eq!(headings(&en), ["1 Introduction", "2 Setup", "3 Calibration"]);
        let mut zh = vec![
            h("1 概述"),
            p("1.1 测量工具与仪器的选择和使用方法............ 0.0.0... cece eee"),
            h("2 安装"),
            p("2.1 传感器外壳的开箱检查与固定方法.......... 0... ee eee eee"),
            h("3 校准"),
            h("1 概述"),
            p("本部分介绍测量工具，以及使用时应注意的事项。"),
            h("2 安装"),
            p("请在干燥的桌面上开箱，并保留泡沫衬垫。"),
            h("3 校准"),
            p("每个季度校准一次。"),
        ];
        demote_contents_echo(&mut zh);
        assert_eq!(headings(&zh), ["1 概述", "2 安装", "3 校准"]);
        assert_eq!(without_leader_tail("总则 . . . . 3"), "总则 ");
    }

    #[test]
    fn a_contents_page_echoed_by_the_body_is_not_headings_chinese() {
        let mut drafts = vec![
            h("第一章 出发 1"),
            h("第二章 山路.7"),
            p("ee"),
            h("第三章 大雾 eee 12"),
            h("第一章 出发"),
            p("天还没亮，我们就上了路。"),
            h("第二章 山路"),
            p("山路比想象中难走。"),
            h("第三章 大雾"),
            p("第三天起了大雾。"),
        ];
        demote_contents_echo(&mut drafts);
        assert_eq!(headings(&drafts), ["第一章 出发", "第二章 山路", "第三章 大雾"]);
        assert!(matches!(&drafts[0], Draft::Paragraph(t) if t == "第一章 出发 1"), "the entry is kept as a paragraph");
    }

    #[test]
    fn a_contents_page_echoed_by_the_body_is_not_headings_english() {
        let mut drafts = vec![
            h("Chapter 1 The Ferry .... 3"),
            h("Chapter 2 Low Water eee 9"),
            h("Chapter 3 A Letter 15"),
            h("Chapter 1 The Ferry"),
            p("The ferry left at six, as it always had."),
            h("Chapter 2 Low Water"),
            p("By August the river had fallen to its bones."),
            h("Chapter 3 A Letter"),
            p("The letter came on a Tuesday."),
        ];
        demote_contents_echo(&mut drafts);
        assert_eq!(headings(&drafts), ["Chapter 1 The Ferry", "Chapter 2 Low Water", "Chapter 3 A Letter"]);
    }

    #[test]
    fn a_contents_page_that_ends_on_an_entry_with_a_comma() {
        // OCR of a contents page: the run ends on an entry the heading rules refused
        // (`、` reads as prose), not on the body's first heading.
        let mut drafts = vec![
            h("第1章 概要 ccc ee2"),
            h("1.1 目的 ーー2"),
            p("1.2 方法.. ーー2"),
            h("第2章 現状 eee4"),
            p("2.1 人口、世帯の動向 ーー4"),
            p("はじめに"),
            h("第1章 概要"),
            p("本報告書は調査の結果をまとめたものである。"),
            h("1.1 目的"),
            p("目的は三つある。"),
            h("第2章 現状"),
            p("人口は減り続けている。"),
        ];
        demote_contents_echo(&mut drafts);
        assert_eq!(headings(&drafts), ["第1章 概要", "1.1 目的", "第2章 現状"]);
    }

    #[test]
    fn an_echoed_entry_hands_its_contents_level_on() {
        let toc = |t: &str, l: u8| Draft::Heading { text: t.into(), level: Some(l), family: None, in_toc: true };
        let mut drafts = vec![
            toc("壹、緣起", 1),
            toc("一、目標", 2),
            toc("貳、策略", 1),
            h("壹、緣起"),
            p("本縣青年就業情況逐年改善。"),
            h("一、目標"),
            p("三年內協助一千名青年就業。"),
            h("貳、策略"),
            p("分三個方向推動。"),
        ];
        demote_contents_echo(&mut drafts);
        let levels: Vec<Option<u8>> = drafts
            .iter()
            .filter_map(|d| match d {
                Draft::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect();
        assert_eq!(levels, [Some(1), Some(2), Some(1)]);
    }

    #[test]
    fn headings_over_headings_without_an_echo_stay() {
        // A part over its first chapter over its first section: no prose between, nothing echoed.
        let mut drafts = vec![
            h("第一部 江南"),
            h("第一章 雨季"),
            h("第一节 梅雨"),
            h("第二节 黄梅"),
            p("雨下了整整一个月。"),
            h("第二章 晴天"),
            p("终于晴了。"),
        ];
        demote_contents_echo(&mut drafts);
        assert_eq!(headings(&drafts).len(), 5);
        // A running head repeating one title is no contents page either.
        let mut drafts = vec![
            h("Part One"),
            h("Chapter 1 Home"),
            p("We came home in the rain."),
            h("Chapter 1 Home"),
            p("It rained for a week."),
        ];
        demote_contents_echo(&mut drafts);
        assert_eq!(headings(&drafts).len(), 3);
    }

    #[test]
    fn a_contents_label_is_not_a_heading() {
        let mut drafts = vec![h("目 录"), h("Contents"), h("第一章 出发"), h("Content Strategy")];
        demote_contents_label(&mut drafts);
        assert_eq!(headings(&drafts), ["第一章 出发", "Content Strategy"]);
    }
}
