//! A contents page that repair did not recognise, told from the headings it echoes.
//!
//! Takes the drafts before levels are ranked; turns back into paragraphs the
//! headings of a contents page that reached structure as body lines (OCR reads
//! leaders as `ccc cece ee2` and drops page numbers; some contents pages have
//! neither), and a contents page's own label (`Contents`, `目录`). Never edits
//! text and never removes a line: the entries stay as paragraphs.

use super::Draft;
use crate::limits::{MAX_SHORT_HEADING_WIDTH, MIN_CONTENTS_ECHO};
use crate::scan::heading::numbering_label;
use crate::text::{display_width, ends_sentence, has_prose_punct, title_key};

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
/// rules refused, OCR noise, a label; anything but a sentence.
fn is_entry_like(text: &str) -> bool {
    let t = text.trim();
    !ends_sentence(t) && !has_prose_punct(t) && display_width(t) <= MAX_SHORT_HEADING_WIDTH
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
        if end < drafts.len() {
            entries.pop();
        }
        if entries.len() >= MIN_CONTENTS_ECHO && echoed(drafts, &entries) {
            for &i in &entries {
                if let Draft::Heading { text, in_toc: false, .. } = &drafts[i] {
                    drafts[i] = Draft::Paragraph(text.clone());
                }
            }
        }
        start = end.max(first + 1);
    }
}

/// At least [`MIN_CONTENTS_ECHO`] of the entries, and half of them, come again
/// as later headings, in order.
fn echoed(drafts: &[Draft], entries: &[usize]) -> bool {
    let Some(&last) = entries.last() else { return false };
    let later: Vec<String> = drafts[last + 1..]
        .iter()
        .filter_map(|d| match d {
            Draft::Heading { text, .. } => Some(echo_key(text)),
            _ => None,
        })
        .collect();
    let mut at = 0;
    let mut found = 0;
    for &i in entries {
        let Draft::Heading { text, .. } = &drafts[i] else { continue };
        let key = echo_key(text);
        if key.chars().count() < 2 {
            continue;
        }
        if let Some(k) = later[at..].iter().position(|l| *l == key) {
            at += k + 1;
            found += 1;
        }
    }
    found >= MIN_CONTENTS_ECHO && found * 2 >= entries.len()
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

    fn h(text: &str) -> Draft {
        Draft::Heading { text: text.into(), level: None, family: Some(Family::Chapter), in_toc: false }
    }
    fn p(text: &str) -> Draft {
        Draft::Paragraph(text.into())
    }
    fn headings(drafts: &[Draft]) -> Vec<&str> {
        drafts
            .iter()
            .filter_map(|d| match d {
                Draft::Heading { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
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
