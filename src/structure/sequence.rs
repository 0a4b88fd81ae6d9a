//! Numbered headings count in sequence.
//!
//! Takes the drafts before levels are ranked; turns back into a paragraph a
//! heading numbered `N title` whose number no other heading of its numbering
//! comes next to (OCR's reading of a folio with a speck beside it, `11 e`; a
//! figure that opens a line). Never edits text and never removes a line.

use super::Draft;
use crate::limits::MAX_COUNT_STEP;
use crate::scan::heading::Family;

/// The number that opens `3 Results`, `３．总体要求`, `12、`: its value.
fn leading_number(text: &str) -> Option<u32> {
    let digits: String =
        text.trim_start().chars().map_while(|c| c.to_digit(10)).map(|d| (b'0' + d as u8) as char).collect();
    digits.parse().ok()
}

/// `1 Scope` ⏎ … ⏎ `4 Checks` ⏎ … ⏎ `11 e` at a report's end, or `3 弘人`
/// alone in a bulletin whose other headings are labels and headlines: a
/// number-led heading (`1 Introduction`, `3.`, `2、`) is one of a count, so
/// another numbered heading carries a number at most [`MAX_COUNT_STEP`] from
/// it (`5.1` counts as `5`: a section says its chapter's number). One that
/// neither starts a count (`1`) nor stands near one is a line that opens with
/// a number — a folio OCR read with a speck, a figure — not a section.
/// Headings the printed contents named stay whatever their number.
pub(super) fn demote_numbers_out_of_sequence(drafts: &mut [Draft]) {
    // (A section's number, `5.1`, vouches for its own chapter's, `5`.)
    let counted: Vec<(u32, bool)> = drafts
        .iter()
        .filter_map(|d| match d {
            Draft::Heading {
                text,
                family: Some(f @ (Family::Numbered1 | Family::Numbered2 | Family::Numbered3)),
                ..
            } => leading_number(text).map(|m| (m, *f != Family::Numbered1)),
            _ => None,
        })
        .collect();
    for d in drafts.iter_mut() {
        let Draft::Heading { text, family: Some(Family::Numbered1), in_toc: false, .. } = d else { continue };
        let Some(n) = leading_number(text) else { continue };
        let near = |&(m, section): &(u32, bool)| (m != n || section) && m.abs_diff(n) <= MAX_COUNT_STEP;
        if n > 1 && !counted.iter().any(near) {
            *d = Draft::Paragraph(std::mem::take(text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::structure::test_drafts::{heading, headings, p};

    fn n(text: &str) -> Draft {
        heading(text, Family::Numbered1)
    }
    fn section(text: &str) -> Draft {
        heading(text, Family::Numbered2)
    }
    fn h(text: &str) -> Draft {
        heading(text, Family::SectionLabel)
    }

    #[test]
    fn a_number_no_other_heading_counts_beside_is_no_section_chinese() {
        let mut drafts = vec![
            h("社区动态"),
            p("三月以来，街道组织志愿者清理河道两岸垃圾，共出动四百余人次。"),
            n("3 弘人"),
            p("居民反映，河道清理后蚊虫明显减少。"),
            h("邻里互助"),
            p("社区卫生站延长了周末门诊时间。"),
        ];
        demote_numbers_out_of_sequence(&mut drafts);
        assert_eq!(headings(&drafts), ["社区动态", "邻里互助"]);
        // A count stays, its first heading alone too.
        let mut counted = vec![n("1 缘起"), p("正文。"), n("2 做法"), p("正文。"), n("3 成效")];
        demote_numbers_out_of_sequence(&mut counted);
        assert_eq!(headings(&counted).len(), 3);
        let mut first = vec![n("1 引言"), p("正文。")];
        demote_numbers_out_of_sequence(&mut first);
        assert_eq!(headings(&first), ["1 引言"]);
    }

    #[test]
    fn a_number_no_other_heading_counts_beside_is_no_section_english() {
        let mut drafts = vec![
            n("1 Scope"),
            p("This guide covers the field loggers."),
            n("2 Setup"),
            p("Fix the box to a dry wall."),
            n("4 Checks"),
            p("Check the seals every spring."),
            n("11 e"),
        ];
        demote_numbers_out_of_sequence(&mut drafts);
        assert_eq!(headings(&drafts), ["1 Scope", "2 Setup", "4 Checks"], "one lost heading between");
        // A section says its chapter's number; the printed contents named the last.
        let mut listed = vec![
            n("1 Scope"),
            p("Text."),
            n("5 Checks"),
            section("5.1 Seals"),
            p("Text."),
            Draft::Heading { text: "9 Appendix".into(), level: Some(1), family: Some(Family::Numbered1), in_toc: true },
        ];
        demote_numbers_out_of_sequence(&mut listed);
        assert_eq!(headings(&listed), ["1 Scope", "5 Checks", "5.1 Seals", "9 Appendix"]);
    }
}
