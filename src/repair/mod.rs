//! Stage 3, repair: mend text broken by extraction.
//!
//! Takes normalised text; returns paragraph-level units with every change
//! recorded as a [`Repair`], plus the printed table of contents (taken out of
//! the body, kept as evidence for the structure stage). Never drops a
//! character without a record: removed lines (folios, running heads, the
//! printed TOC, boilerplate) are listed with their text.
//!
//! Order matters: page furniture first (it marks page edges), then the printed
//! TOC, then joining what page edges and hard wraps split.

mod aozora;
pub mod boilerplate;
mod correct;
#[cfg(test)]
mod fixtures;
mod glued_heads;
mod join;
pub use join::WrapWidths;
pub mod pages;
mod proportional;
mod references;
pub mod toc;

use crate::corrections::Corrections;
use crate::normalise::Normalised;
use crate::report::{Repair, Rule};
use crate::text::display_width;

/// A paragraph-level piece of text after repair: a paragraph, or a line that
/// may turn out to be a heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub text: String,
    /// Index of the unit's first line in the normalised text.
    pub line: usize,
    /// Byte range in the normalised text from the unit's first line to the end of its last.
    pub span: (usize, usize),
    /// The unit is a single line of the input (nothing was joined to it).
    pub single_line: bool,
    /// The line was letter-spaced in the input (`特 别 关 注`).
    pub letter_spaced: bool,
    /// Columns of indentation of the first line (paragraph starts in novels,
    /// centred headings in `pdftotext -layout` output).
    pub indent: usize,
    /// A page edge or a blank line comes before the unit.
    pub after_gap: bool,
    /// A page edge (a form feed, or a folio or running head taken out) comes
    /// right before the unit: it opens a page.
    pub page_top: bool,
    /// The text has no blank lines to set paragraphs apart (pypdf, `pdftotext
    /// -raw`): a unit's start is the only gap there is.
    pub no_blank_lines: bool,
}

/// One line of a printed table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct TocLine {
    pub text: String,
    /// Page number printed after the title; `None` for a group label.
    pub page: Option<u32>,
    /// Indentation in columns (deeper entries are often indented).
    pub indent: usize,
    /// The line is a group label (no page number): a section name, or the
    /// first half of an entry wrapped over two lines.
    pub label: bool,
}

/// What the repair stage hands to the structure stage.
#[derive(Debug, Clone, Default)]
pub struct Repaired {
    pub units: Vec<Unit>,
    pub printed_toc: Vec<TocLine>,
    pub repairs: Vec<Repair>,
    /// Estimated wrap widths in columns, where the text is hard-wrapped.
    pub wrap_width: WrapWidths,
    /// Title, author and language a Project Gutenberg header names.
    pub catalogue: boilerplate::Catalogue,
    /// The user's corrections, with what repair applied counted; structure applies the rest.
    pub corrections: Corrections,
}

/// One line of the input with what the rules need to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub index: usize,
    /// Byte offset of the line in the normalised text.
    pub start: usize,
    /// The line without form feeds and trailing white space (leading kept for `indent`).
    pub text: String,
    /// Columns of leading white space (an ideographic space counts two).
    pub indent: usize,
    /// Display width of the trimmed line.
    pub width: usize,
    /// A form feed precedes the line: a new page starts here.
    pub page_break_before: bool,
    /// That page break was read from a run of blank lines
    /// (`mark_blank_run_page_breaks`): calibre marks some page ends only,
    /// so a rule that needs every page's edge marked counts form feeds alone.
    pub blank_run_break: bool,
    /// Blank lines (or the document's edges) on both sides.
    pub isolated: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        // (Read from the front only: most rules ask it of every line, and a
        // long line's end is one more cache miss.)
        self.text.trim_start().is_empty()
    }
}

/// Split text into [`Line`]s.
pub fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0usize;
    let mut pending_break = false;
    for (index, raw) in text.split('\n').enumerate() {
        let page_break_before = pending_break || raw.trim_start_matches([' ', '\t']).starts_with('\x0C');
        // A form feed at the end of a line (pdftotext puts it at the start of
        // the next page's first line; others at the end of the last) breaks after it.
        pending_break =
            raw.trim_end_matches([' ', '\t']).ends_with('\x0C') && !raw.trim().trim_matches('\x0C').is_empty();
        // (Most lines hold no form feed: they are copied whole, not char by char.)
        let clean = if raw.contains('\x0C') {
            raw.chars().filter(|&c| c != '\x0C').collect::<String>().trim_end().to_string()
        } else {
            raw.trim_end().to_string()
        };
        let indent = clean.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\u{3000}' { 2 } else { 1 }).sum();
        let width = display_width(clean.trim());
        lines.push(Line {
            index,
            start,
            text: clean,
            indent,
            width,
            page_break_before,
            blank_run_break: false,
            isolated: false,
        });
        start += raw.len() + 1;
    }
    mark_blank_run_page_breaks(&mut lines);
    let blank: Vec<bool> = lines.iter().map(Line::is_blank).collect();
    for i in 0..lines.len() {
        let before = i == 0 || blank[i - 1] || lines[i].page_break_before;
        let after = i + 1 >= lines.len() || blank[i + 1] || lines[i + 1].page_break_before;
        lines[i].isolated = !blank[i] && before && after;
    }
    lines
}

/// Blank lines in a row that mark a page break where an extractor left no
/// form feed: calibre sets each PDF page break as four or five blank lines
/// in a text whose paragraphs part with one. Fewer is a writer's own spacing
/// (two or three blank lines before a chapter in a plain-text novel).
const MIN_PAGE_BREAK_BLANKS: usize = 4;

/// Runs of that many blank lines a text needs before they are read as page
/// breaks: one or two may be a writer's pause.
const MIN_PAGE_BREAK_RUNS: usize = 3;

/// Page breaks an extractor wrote as a run of blank lines (calibre:
/// `…the men were paid 4` ⏎ five blank lines ⏎ `BOOK ONE company's books…`):
/// in a text without form feeds, runs of [`MIN_PAGE_BREAK_BLANKS`] blank
/// lines or more, all of one length (a machine's mark, where a writer's
/// spacing varies: two lines here, four there), at least
/// [`MIN_PAGE_BREAK_RUNS`] of them, and few runs of a length between a
/// paragraph's blank line or two and theirs. The line after each run starts a page.
fn mark_blank_run_page_breaks(lines: &mut [Line]) {
    if lines.iter().any(|l| l.page_break_before) {
        return;
    }
    // (Each run of blank lines: its length and the line after it.)
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut run = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            run += 1;
            continue;
        }
        if run > 0 && i > run {
            runs.push((run, i));
        }
        run = 0;
    }
    let long: Vec<&(usize, usize)> = runs.iter().filter(|r| r.0 >= MIN_PAGE_BREAK_BLANKS).collect();
    let Some(&&(length, _)) = long.first() else { return };
    let uniform = long.iter().all(|r| r.0 == length);
    let between = runs.iter().filter(|r| r.0 > 2 && r.0 < length).count();
    if long.len() < MIN_PAGE_BREAK_RUNS || !uniform || between * 2 >= long.len() {
        return;
    }
    for &&(_, i) in &long {
        lines[i].page_break_before = true;
        lines[i].blank_run_break = true;
    }
}

/// Why a line was taken out of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Removed {
    Kept,
    Folio,
    RunningHead,
    PrintedToc,
    Boilerplate,
    /// The user's `drop` correction.
    Dropped,
}

/// Repair normalised text into units.
pub fn repair(input: &Normalised) -> Repaired {
    repair_corrected(input, Corrections::default())
}

/// [`repair`], then the user's corrections that belong here (`drop`, `keep`,
/// `join`, `no_join`, `split`) over its result.
pub fn repair_corrected(input: &Normalised, mut corrections: Corrections) -> Repaired {
    let mut lines = split_lines(&input.text);
    let mut removed = vec![Removed::Kept; lines.len()];
    // Per removed line, the condition that decided it.
    let mut why: Vec<&'static str> = vec![""; lines.len()];
    let mut repairs = Vec::new();
    let catalogue = boilerplate::gutenberg_catalogue(&lines);
    for range in boilerplate::gutenberg_boilerplate(&lines) {
        removed[range.clone()].fill(Removed::Boilerplate);
        why[range].fill("gutenberg_header_or_licence");
    }
    for i in boilerplate::site_junk(&lines) {
        removed[i] = Removed::Boilerplate;
        why[i] = "site_advert";
    }
    if aozora::is_aozora(&lines) {
        if let Some(range) = aozora::symbol_header(&lines) {
            removed[range.clone()].fill(Removed::Boilerplate);
            why[range].fill("aozora_symbol_legend");
        }
        for line in lines.iter_mut() {
            if let Some(resolved) = aozora::resolve_line(&line.text) {
                repairs.push(Repair::new(
                    Rule::AozoraMarkup,
                    "aozora_marks",
                    (line.start, line.start + line.text.len()),
                    line.text.clone(),
                    resolved.plain.clone(),
                ));
                line.width = display_width(resolved.plain.trim());
                line.text = resolved.annotated;
            }
        }
    } else {
        for line in lines.iter_mut() {
            if let Some(resolved) = aozora::resolve_web_ruby(&line.text) {
                repairs.push(Repair::new(
                    Rule::RubyMarkup,
                    "ruby_after_base",
                    (line.start, line.start + line.text.len()),
                    line.text.clone(),
                    resolved.plain,
                ));
                // The width stays the marked-up line's: a viewer that wrapped
                // the text counted the readings too.
                line.text = resolved.annotated;
            }
        }
    }
    // Folios glued to a line of text (no page break around them): cut off,
    // recorded, and the line's end taken as a page edge by the join rules.
    let (alone, glued): (Vec<_>, Vec<_>) = pages::glued_folios(&lines).into_iter().partition(|(i, range)| {
        let text = &lines[*i].text;
        text[..range.start].trim().is_empty() && text[range.end..].trim().is_empty()
    });
    for (i, range) in glued.iter().cloned() {
        let folio = lines[i].text[range.clone()].to_string();
        repairs.push(Repair::new(
            Rule::Folio,
            "glued_to_text",
            (lines[i].start + range.start, lines[i].start + range.end),
            folio.trim(),
            "",
        ));
        cut_from_line(&mut lines[i], range);
    }
    let cut: Vec<usize> = glued.iter().map(|g| g.0).collect();
    let heads_beside = pages::heads_beside_glued_folios(&lines, &cut);
    for &i in &heads_beside {
        removed[i] = Removed::RunningHead;
        why[i] = "beside_glued_folio";
    }
    // The book's title run into the text as its running head: cut from the
    // lines it shares, and a line of its own goes whole.
    let mut whole_heads = Vec::new();
    let skip = |i: usize| removed[i] != Removed::Kept || heads_beside.contains(&i);
    let mut title_heads = glued_heads::title_heads_in_text(&lines, &skip);
    // (From the line's end backwards: a cut keeps the ranges before it valid.)
    title_heads.sort_by_key(|(i, r)| (*i, std::cmp::Reverse(r.start)));
    for (i, range) in title_heads {
        if lines[i].text.trim() == lines[i].text[range.clone()].trim() {
            whole_heads.push(i);
            continue;
        }
        let head = lines[i].text[range.clone()].to_string();
        repairs.push(Repair::new(
            Rule::RunningHead,
            "title_glued_to_text",
            (lines[i].start + range.start, lines[i].start + range.end),
            head,
            "",
        ));
        cut_from_line(&mut lines[i], range);
    }
    for &i in &whole_heads {
        removed[i] = Removed::RunningHead;
        why[i] = "title_between_pages";
    }
    // A head already taken beside its glued folio is no line for the rules
    // below to weigh: it would stand in for the heading it repeats, or cut a
    // contents page that runs over a page break in two.
    let view: std::borrow::Cow<[Line]> = if heads_beside.is_empty() && whole_heads.is_empty() {
        std::borrow::Cow::Borrowed(&lines)
    } else {
        let mut view = lines.clone();
        for &i in heads_beside.iter().chain(&whole_heads) {
            view[i].text.clear();
            view[i].width = 0;
        }
        std::borrow::Cow::Owned(view)
    };
    let printed = toc::find_printed_toc(&view);
    // An outline appended after the text (calibre's bookmarks, contents at
    // the back) goes too, and is the evidence where no contents page came first.
    let outline = toc::find_appended_outline(&view);
    let contents: Vec<std::ops::Range<usize>> = printed.iter().chain(&outline).map(|t| t.lines.clone()).collect();
    // The folio rules see the book's title between pages again: beside the
    // bare folios it is the running head that shows them a page apart where
    // short pages (a chapter's last lines) break the page rhythm.
    let taken: Vec<Line> = whole_heads.iter().map(|&i| lines[i].clone()).collect();
    let furniture = pages::find_furniture(&view, &contents, &taken);
    drop(view);
    for &i in &furniture.folios {
        removed[i] = Removed::Folio;
    }
    for &i in &furniture.running_heads {
        removed[i] = Removed::RunningHead;
    }
    for (&i, &because) in &furniture.why {
        why[i] = because;
    }
    // (Marked only now: beside them, the rules above read the title run into
    // the text as the pages' head.)
    for &(i, _) in &alone {
        if removed[i] == Removed::Kept {
            removed[i] = Removed::Folio;
            why[i] = "in_a_glued_folio_run";
        }
    }
    if let Some(t) = &printed {
        for i in t.lines.clone() {
            if removed[i] == Removed::Kept {
                removed[i] = Removed::PrintedToc;
                why[i] = t.found_by;
            }
        }
    }
    let mut printed = printed;
    if let Some(outline) = outline {
        for i in outline.lines.clone() {
            if removed[i] == Removed::Kept {
                removed[i] = Removed::PrintedToc;
                why[i] = outline.found_by;
            }
        }
        if let Some(printed) = printed.as_mut() {
            toc::nest_by_outline(printed, &outline);
        }
        printed.get_or_insert(outline);
    }
    if let Some(t) = &printed {
        let skip = |i: usize| removed[i] != Removed::Kept;
        let folios = pages::folios_the_contents_confirm(&lines, &skip, &t.entries);
        let doubled = glued_heads::titles_said_twice(&lines, &skip, &t.entries);
        for i in folios {
            removed[i] = Removed::Folio;
            why[i] = "confirmed_by_contents";
        }
        for (i, range) in doubled {
            let head = lines[i].text[range.clone()].to_string();
            repairs.push(Repair::new(
                Rule::RunningHead,
                "title_said_twice",
                (lines[i].start + range.start, lines[i].start + range.end),
                head,
                "",
            ));
            cut_from_line(&mut lines[i], range);
        }
        let skip = |i: usize| removed[i] != Removed::Kept;
        let listed = glued_heads::listed_titles_run_into_text(&lines, &skip, &t.entries);
        let folios = glued_heads::folios_before_heads(&lines, &skip, &listed);
        // (The folios end lines, the heads start them: the folios go first, so each range holds.)
        for (i, range) in folios {
            if lines[i].text[..range.start].trim().is_empty() {
                removed[i] = Removed::Folio;
                why[i] = "before_a_glued_head";
                continue;
            }
            let folio = lines[i].text[range.clone()].to_string();
            repairs.push(Repair::new(
                Rule::Folio,
                "glued_before_a_head",
                (lines[i].start + range.start, lines[i].start + range.end),
                folio,
                "",
            ));
            cut_from_line(&mut lines[i], range);
        }
        for (i, range) in listed {
            let head = lines[i].text[range.clone()].to_string();
            repairs.push(Repair::new(
                Rule::RunningHead,
                "listed_title_glued_to_text",
                (lines[i].start + range.start, lines[i].start + range.end),
                head,
                "",
            ));
            cut_from_line(&mut lines[i], range);
        }
    }
    let found: Vec<usize> = (0..lines.len()).filter(|&i| removed[i] == Removed::Folio).collect();
    let skip = |i: usize| removed[i] != Removed::Kept;
    for i in pages::folios_filling_gaps(&lines, &skip, &found) {
        removed[i] = Removed::Folio;
        why[i] = "fills_the_folio_run";
    }
    correct::mark_lines(&lines, &mut removed, &mut why, &mut corrections, &mut repairs);
    for ((line, removed), &why) in lines.iter().zip(&removed).zip(&why) {
        let rule = match removed {
            Removed::Kept => continue,
            Removed::Folio => Rule::Folio,
            Removed::RunningHead => Rule::RunningHead,
            Removed::PrintedToc => Rule::PrintedToc,
            Removed::Boilerplate => Rule::Boilerplate,
            Removed::Dropped => Rule::Correction,
        };
        if !line.is_blank() {
            repairs.push(Repair::new(rule, why, (line.start, line.start + line.text.len()), line.text.trim(), ""));
        }
    }
    let printed_toc = printed.map(|t| t.entries).unwrap_or_default();
    let toc_titles: Vec<String> = printed_toc.iter().map(|t| crate::text::title_key(&t.text)).collect();
    let joined = join::join_lines(&lines, &removed, &input.letter_spaced, &toc_titles);
    repairs.extend(joined.repairs);
    let units = references::rejoin_entries(joined.units, &mut repairs);
    let units = correct::rejoin(units, &input.text, &mut corrections, &mut repairs);
    Repaired { units, printed_toc, repairs, wrap_width: joined.wrap_width, catalogue, corrections }
}

/// Take `range` out of a line: from its start (the line then begins where
/// its text does), its end, or its middle (the words either side meet with
/// one space, or none between CJK characters).
fn cut_from_line(line: &mut Line, range: std::ops::Range<usize>) {
    if line.text[..range.start].trim().is_empty() {
        let rest = line.text[range.end..].trim_start();
        let cut = line.text.len() - rest.len();
        line.text = rest.to_string();
        line.start += cut;
        line.indent = 0;
    } else if line.text[range.end..].trim().is_empty() {
        line.text.truncate(range.start);
        line.text.truncate(line.text.trim_end().len());
    } else {
        let before = line.text[..range.start].trim_end();
        let after = line.text[range.end..].trim_start();
        let gap = if line.text[..range.start].ends_with(char::is_whitespace)
            && line.text[range.end..].starts_with(char::is_whitespace)
        {
            " "
        } else {
            ""
        };
        line.text = format!("{before}{gap}{after}");
    }
    line.width = display_width(line.text.trim());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;

    #[test]
    fn lines_know_form_feeds_and_isolation() {
        let lines = split_lines("a\n\nb\nc\n\x0Cd\n");
        assert!(lines[0].isolated);
        assert!(!lines[2].isolated);
        assert!(lines[4].page_break_before);
        assert_eq!(lines[4].text, "d");
    }

    #[test]
    fn uniform_runs_of_blank_lines_are_page_breaks() {
        let gap = "\n\n\n\n\n\n";
        for body in ["The ferry left at dawn.", "渡船在黎明时离岸。"] {
            let text = format!("{body}\n\n{body}{gap}{body}{gap}{body}\n\n{body}{gap}{body}\n");
            let lines = split_lines(&text);
            let breaks: Vec<usize> = lines.iter().filter(|l| l.page_break_before).map(|l| l.index).collect();
            assert_eq!(breaks, [8, 14, 22]);
            assert!(lines.iter().filter(|l| l.page_break_before).all(|l| l.blank_run_break));
            // Too few runs, or runs of several lengths (a writer's spacing): no pages.
            let two = format!("{body}{gap}{body}{gap}{body}\n");
            assert!(split_lines(&two).iter().all(|l| !l.page_break_before));
            let varied = format!("{body}{gap}{body}\n\n\n\n\n{body}{gap}{body}\n\n\n\n\n\n\n\n{body}\n");
            assert!(split_lines(&varied).iter().all(|l| !l.page_break_before));
        }
        // Form feeds mark the pages where there are any.
        let lines = split_lines("a\n\x0Cb\n\n\n\n\n\nc\n\n\n\n\n\nd\n\n\n\n\n\ne\n");
        assert_eq!(lines.iter().filter(|l| l.page_break_before).count(), 1);
    }

    /// Every non-space character of the input is in a unit or a removal record.
    pub(crate) fn conserved(input: &str) -> bool {
        let n = normalise(input);
        let r = repair(&n);
        let mut have: Vec<char> = r.units.iter().flat_map(|u| u.text.chars()).collect();
        have.extend(r.repairs.iter().filter(|x| x.removes_content()).flat_map(|x| x.before.chars()));
        let mut want: Vec<char> = n.text.chars().collect();
        have.retain(|c| !c.is_whitespace());
        want.retain(|c| !c.is_whitespace());
        have.sort_unstable();
        want.sort_unstable();
        have == want
    }

    #[test]
    fn a_title_run_into_the_text_is_cut_and_recorded() {
        let body = "The ferry waited at the quay while the gulls argued over the nets. ".repeat(8);
        let text = format!(
            "A Harbour Almanac\n\nNotes from a Small Port\n\n{body}\n\nA Harbour Almanac Morning came late. {body}\n\n\
             {body} and then A Harbour Almanac the boats went out. {body}\n\nA Harbour Almanac\n\n{body}\n"
        );
        let r = repair(&normalise(&text));
        assert!(r.units.iter().skip(1).all(|u| !u.text.contains("Harbour Almanac")));
        assert!(r.units.iter().any(|u| u.text.contains("and then the boats went out.")));
        assert!(conserved(&text));
        let body = "渡船停在码头，海鸥在渔网上争吵不休。".repeat(12);
        let text = format!(
            "港湾手记十二篇\n\n林远\n\n{body}\n\n港湾手记十二篇第二章 归航\n\n{body}港湾手记十二篇\n船出海了。{body}\n\n\
             港湾手记十二篇\n\n{body}\n"
        );
        let r = repair(&normalise(&text));
        assert!(r.units.iter().skip(1).all(|u| !u.text.contains("港湾手记")));
        assert!(conserved(&text));
    }

    #[test]
    fn folios_beside_the_title_between_pages_go_with_it() {
        let book = |title: &str, sub: &str, body: &str, short: &str| {
            let page = |n: u32, text: &str| format!("{text}\n\n{n}\n\n{title}\n\n");
            format!(
                "{title}\n\n{sub}\n\n{}{}{}{}{}{body}\n",
                page(1, body),
                page(2, body),
                page(3, short),
                page(4, body),
                page(5, body)
            )
        };
        let bare_number = |r: &Repaired| r.units.iter().any(|u| u.text.trim().parse::<u32>().is_ok());
        let body = "The ferry waited at the quay while the gulls argued over the nets. ".repeat(8);
        let text = book("A Harbour Almanac", "Notes from a Small Port", &body, "So ended the first part.");
        let r = repair(&normalise(&text));
        assert!(!bare_number(&r));
        assert!(r.units.iter().skip(1).all(|u| !u.text.contains("Harbour Almanac")));
        assert!(conserved(&text));
        let body = "渡船停在码头，海鸥在渔网上争吵不休。".repeat(15);
        let text = book("港湾手记十二篇", "林远", &body, "第一部到此结束。");
        let r = repair(&normalise(&text));
        assert!(!bare_number(&r));
        assert!(r.units.iter().skip(1).all(|u| !u.text.contains("港湾手记")));
        assert!(conserved(&text));
    }

    #[test]
    fn conservation_on_a_broken_page() {
        let page = "这是一段很长的正文，用来充当一页的内容。".repeat(12);
        let text = format!("目录\n\n第一章 风起.....1\n第二章 云涌.....2\n第三章 雨落.....3\n\n第一章 风起\n\n{page}渡口码\n\n1\n\n头改造{page}\n\n2\n\n{page}\n\n3\n");
        assert!(conserved(&text));
    }
}
