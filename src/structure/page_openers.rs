//! Unnumbered headings that open a page rank above those that run on.
//!
//! Takes the drafts once levels are ranked and, for each draft, whether it
//! opens a page; lowers by one level the run-on headings of a flat outline of
//! plain titles when the page breaks say there are two kinds: a cookbook's
//! chapters start on a new page while its recipes follow one another, as do a
//! hymnal's parts and its hymns, a story collection's parts and its stories.
//! Never edits text and never touches a numbered or otherwise patterned
//! heading (its pattern ranks it).

use super::Draft;
use crate::scan::heading::{bare_numeral_value, is_spelled_chapter_number, Family};

/// Page-opening headings needed before they can mean a level: in any long
/// document one or two plain headings land at a page top by chance.
const MIN_PAGE_OPENERS: usize = 3;
/// Run-on headings needed: the level below must recur too.
const MIN_RUN_ON: usize = 3;
/// Share of the plain headings that must open a page. A heading that runs on
/// lands at a page top only when the page happens to end before it (under
/// one in six in a document of several headings a page); chapters that
/// always open a page are a quarter or more of a two-level outline.
const MIN_PAGE_OPENER_SHARE: f64 = 0.25;

/// A heading no pattern ranks: a title line matched in the contents or
/// standing alone over prose.
fn is_plain_title(family: Option<Family>) -> bool {
    matches!(family, None | Some(Family::ShortLine) | Some(Family::SectionLabel))
}

/// `ONE The Letter`, `12 Harbour Days`, `Ⅲ 夜の章`: a title whose first word
/// is a number; `ARTICLE IV Officers`, `Canto 12 The Ford`: a label word and
/// a number in figures (or in Roman numerals under a label in capitals).
/// Numbered titles count in one sequence, so they are siblings whatever page
/// they start on.
fn opens_with_number(text: &str) -> bool {
    let mut words = text.split_whitespace().map(|w| w.trim_end_matches(['.', ':']));
    let first = words.next().unwrap_or("");
    let figures = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    let labelled = words.next().is_some_and(|second| {
        let label = first.chars().all(char::is_alphabetic) && first.chars().next().is_some_and(char::is_uppercase);
        let capitals = first.chars().count() > 1 && first.chars().all(|c| c.is_ascii_uppercase());
        label && (figures(second) || (capitals && second.chars().all(|c| "IVXLC".contains(c)) && !second.is_empty()))
    });
    figures(first) || bare_numeral_value(first).is_some() || is_spelled_chapter_number(first) || labelled
}

/// `Soups` (new page) ⏎ … ⏎ `Leek Broth` ⏎ … ⏎ `Barley Soup` ⏎ … ⏎
/// `Breads` (new page): when every heading is a plain title at one level,
/// page openers recur and are a good share of them, and run-on titles recur
/// too, the run-on ones go one level down. `opens_page[d]` says whether
/// draft `d` starts right after a page edge. Named parts (`Preface`) keep
/// their level and do not count, but one ranked above the plain titles
/// means a level is missing above them, which the page breaks cannot tell.
/// Numbered titles among both openers and run-on ones are one sequence,
/// and turn the rule off.
pub fn rank_page_openers(drafts: &mut [Draft], opens_page: &[bool]) {
    let mut level = None;
    let mut top = u8::MAX;
    let (mut openers, mut run_on) = (0usize, 0usize);
    let (mut numbered_opener, mut numbered_run_on) = (false, false);
    for (d, draft) in drafts.iter().enumerate() {
        let Draft::Heading { level: Some(l), family, text, .. } = draft else { continue };
        top = top.min(*l);
        if *family == Some(Family::Named) {
            continue;
        }
        if !is_plain_title(*family) || level.is_some_and(|x| x != *l) {
            return;
        }
        level = Some(*l);
        let numbered = opens_with_number(text);
        if opens_page.get(d).copied().unwrap_or(false) {
            openers += 1;
            numbered_opener |= numbered;
        } else {
            run_on += 1;
            numbered_run_on |= numbered;
        }
    }
    let share = openers as f64 / (openers + run_on).max(1) as f64;
    if openers < MIN_PAGE_OPENERS
        || run_on < MIN_RUN_ON
        || share < MIN_PAGE_OPENER_SHARE
        || level != Some(top)
        || (numbered_opener && numbered_run_on)
    {
        return;
    }
    for (d, draft) in drafts.iter_mut().enumerate() {
        if let Draft::Heading { level: Some(l), family, .. } = draft {
            if is_plain_title(*family) && !opens_page.get(d).copied().unwrap_or(false) {
                *l = (*l + 1).min(6);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::test_drafts::p;

    fn title(text: &str) -> Draft {
        Draft::Heading { text: text.to_string(), level: Some(1), family: Some(Family::ShortLine), in_toc: false }
    }

    fn levels(drafts: &[Draft]) -> Vec<u8> {
        drafts
            .iter()
            .filter_map(|d| match d {
                Draft::Heading { level, .. } => *level,
                _ => None,
            })
            .collect()
    }

    /// Chapters on new pages, recipes running on: `(text, opens a page)`.
    fn book(lines: &[(&str, bool)]) -> (Vec<Draft>, Vec<bool>) {
        let mut drafts = Vec::new();
        let mut opens = Vec::new();
        for (text, page) in lines {
            drafts.push(title(text));
            opens.push(*page);
            drafts.push(p("Some prose under the heading, long enough to read as a paragraph."));
            opens.push(false);
        }
        (drafts, opens)
    }

    #[test]
    fn recipes_running_on_sit_under_chapters_that_open_pages() {
        let (mut drafts, opens) = book(&[
            ("Soups", true),
            ("Leek Broth", false),
            ("Barley Soup", false),
            ("Breads", true),
            ("Soda Bread", false),
            ("Puddings", true),
            ("Rice Pudding", false),
        ]);
        rank_page_openers(&mut drafts, &opens);
        assert_eq!(levels(&drafts), [1, 2, 2, 1, 2, 1, 2]);
    }

    #[test]
    fn hymns_running_on_sit_under_parts_that_open_pages() {
        let (mut drafts, opens) = book(&[
            ("晨歌", true),
            ("山中早行", false),
            ("江上晓望", false),
            ("夜曲", true),
            ("灯下读书", false),
            ("归舟", true),
            ("渡口相送", false),
        ]);
        rank_page_openers(&mut drafts, &opens);
        assert_eq!(levels(&drafts), [1, 2, 2, 1, 2, 1, 2]);
    }

    #[test]
    fn a_few_titles_at_a_page_top_by_chance_change_nothing() {
        let lines: Vec<(String, bool)> = (0..16).map(|k| (format!("第{k}回的故事"), k == 3 || k == 9)).collect();
        let lines: Vec<(&str, bool)> = lines.iter().map(|(t, b)| (t.as_str(), *b)).collect();
        let (mut drafts, opens) = book(&lines);
        rank_page_openers(&mut drafts, &opens);
        assert!(levels(&drafts).iter().all(|l| *l == 1));
        let lines: Vec<(String, bool)> = (0..16).map(|k| (format!("A Walk to the Mill {k}"), k % 7 == 0)).collect();
        let lines: Vec<(&str, bool)> = lines.iter().map(|(t, b)| (t.as_str(), *b)).collect();
        let (mut drafts, opens) = book(&lines);
        rank_page_openers(&mut drafts, &opens);
        assert!(levels(&drafts).iter().all(|l| *l == 1));
    }

    #[test]
    fn titles_counting_in_sequence_stay_siblings() {
        let (mut drafts, opens) = book(&[
            ("ONE The Letter", false),
            ("TWO The Quay", true),
            ("THREE Low Water", false),
            ("FOUR The Ledger", true),
            ("FIVE Crossing", false),
            ("SIX Auction", true),
        ]);
        rank_page_openers(&mut drafts, &opens);
        assert!(levels(&drafts).iter().all(|l| *l == 1));
        let (mut drafts, opens) = book(&[
            ("一 春の川", false),
            ("二 夏の庭", true),
            ("三 秋の山", false),
            ("四 冬の海", true),
            ("五 雪の朝", false),
            ("六 花の夜", true),
        ]);
        rank_page_openers(&mut drafts, &opens);
        assert!(levels(&drafts).iter().all(|l| *l == 1));
    }

    #[test]
    fn plain_titles_under_a_higher_named_part_are_left_alone() {
        let (mut drafts, opens) = book(&[
            ("冬の朝", true),
            ("鍋の夜", false),
            ("石段の猫", false),
            ("路地の名前", true),
            ("葉書の余白", false),
            ("窓際の席", true),
        ]);
        for d in drafts.iter_mut() {
            if let Draft::Heading { level, .. } = d {
                *level = Some(2);
            }
        }
        let mut drafts: Vec<Draft> = std::iter::once(Draft::Heading {
            text: "Preface".to_string(),
            level: Some(1),
            family: Some(Family::Named),
            in_toc: false,
        })
        .chain(drafts)
        .collect();
        let opens: Vec<bool> = std::iter::once(true).chain(opens).collect();
        rank_page_openers(&mut drafts, &opens);
        assert_eq!(levels(&drafts), [1, 2, 2, 2, 2, 2, 2]);
    }

    #[test]
    fn a_label_and_its_number_make_a_numbered_title() {
        assert!(opens_with_number("ARTICLE IV Officers"));
        assert!(opens_with_number("Canto 12 The Ford"));
        assert!(!opens_with_number("Cake I Love"), "a Roman numeral counts only under a label in capitals");
        assert!(!opens_with_number("Leek Broth"));
        let (mut drafts, opens) = book(&[
            ("ARTICLE I Name", true),
            ("ARTICLE II Members", false),
            ("ARTICLE III Meetings", true),
            ("ARTICLE IV Officers", false),
            ("ARTICLE V Funds", true),
            ("ARTICLE VI Seal", false),
        ]);
        rank_page_openers(&mut drafts, &opens);
        assert!(levels(&drafts).iter().all(|l| *l == 1), "{:?}", levels(&drafts));
    }

    #[test]
    fn numbered_headings_are_ranked_by_their_numbers() {
        let (mut drafts, opens) = book(&[
            ("1 Soups", true),
            ("2 Leek Broth", false),
            ("3 Barley Soup", false),
            ("4 Breads", true),
            ("5 Soda Bread", false),
            ("6 Puddings", true),
        ]);
        for d in drafts.iter_mut() {
            if let Draft::Heading { family, .. } = d {
                *family = Some(Family::Numbered1);
            }
        }
        rank_page_openers(&mut drafts, &opens);
        assert!(levels(&drafts).iter().all(|l| *l == 1));
    }
}
