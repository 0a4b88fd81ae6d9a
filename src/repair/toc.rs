//! The printed table of contents: recognised, taken out of the body, kept as evidence.
//!
//! Takes the document's lines; returns the line range of the printed TOC and
//! its entries (title, page, indentation) and group labels (section names
//! printed between entries). Entries are recognised by their tail: a leader
//! (dots, ellipses, middle dots, a tab or a wide gap) then a page number, or,
//! in a TOC without leaders, a run of lines ending in rising numbers.

use super::{Line, TocLine};
use crate::limits::{
    MAX_BLANKS_IN_UNNUMBERED_TOC, MAX_ENTRY_TITLE_LINES, MAX_ENUMERATION_COUNTER_CHARS, MAX_LABELS_BETWEEN,
    MAX_LABEL_WIDTH, MIN_LEADER_DOTS, MIN_RISING_SHARE, MIN_TOC_ENTRIES, OUTLINE_MAX_PIECES,
    OUTLINE_MIN_SPREAD_DIVISOR, TOC_HEADING_REACH,
};
use crate::text::{display_width, has_prose_punct};
use regex::Regex;
use std::sync::LazyLock;

/// How an entry line showed its page number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// Dots, ellipsis, middle dots, a tab or a gap of 3+ spaces before the number.
    Leader,
    /// Only a space before the number (`Chapter One 1`): weak alone.
    Bare,
}

/// An entry line: title, page and how the page was shown.
///
/// `市图书馆举办春季读书节.....\t1`, `Chapter 3 The Flood ........ 41`,
/// `第三章　洪水……………41`, `- 2031 年水务工作要点确定..... 27`.
fn parse_entry(line: &str) -> Option<(String, u32, Tail)> {
    static LEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<title>.*?\S)\s*(?:[.．·・•…‥_]{2,}|(?:\s?[.．·・]){3,}|\s*\t+|\s{3,}|　{2,})[\s.．·・…]*(?P<page>\d{1,4}|[ivxlc]{1,6})\s*$")
            .unwrap()
    });
    // pypdf reads some contents pages in drawing order: the page number
    // first, then the leader drawn after it (`舊書攤 1. . . . . .`).
    static PAGE_THEN_LEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<title>.*?\S)\s+(?P<page>\d{1,4}|[ivxlc]{1,6})\s*(?:[.．·・…‥_]{2,}|(?:\s?[.．·・]){3,})[\s.．·・…]*$")
            .unwrap()
    });
    // The title may end in a number of its own (`The Winter of 1774 6`):
    // the page is the last number, after a space.
    static BARE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?P<title>.*\S)\s+(?P<page>\d{1,4})$").unwrap());
    let t = strip_bullet(line.trim());
    // Each pattern ends in a page number or a leader: a line ending in
    // anything else (a sentence, as nearly every line does) is out before
    // the patterns scan it.
    if !t.ends_with(|c: char| c.is_numeric() || "ivxlc.．·・…‥_".contains(c)) {
        return None;
    }
    let (caps, tail) = match LEADER.captures(t) {
        Some(c) => (c, Tail::Leader),
        None => match PAGE_THEN_LEADER.captures(t) {
            Some(c) => (c, Tail::Leader),
            None => (BARE.captures(t)?, Tail::Bare),
        },
    };
    let title = caps.name("title")?.as_str().trim().to_string();
    let page_text = caps.name("page")?.as_str();
    let page = page_text.parse().ok().or_else(|| roman(page_text))?;
    // A title is words, not a number or a sentence.
    if !title.chars().any(|c| c.is_alphabetic()) || title.ends_with(['。', '，', ',', ';', '；']) {
        return None;
    }
    if tail == Tail::Bare && is_year_closing_title(&title, page_text) {
        return None;
    }
    Some((title, page, tail))
}

/// Whether a bare tail number is the year a title ends with, not its page:
/// `The Winter of 1774` (its page set apart in another column), `Years of
/// Drought 1780 – 1815`. Four digits that read as a year, with no leader
/// before them, belong to the title: a contents page without leaders rarely
/// lists page 1774.
fn is_year_closing_title(title: &str, page: &str) -> bool {
    page.len() == 4 && page.parse::<u32>().is_ok_and(|y| YEARS.contains(&y)) && !title.ends_with(char::is_numeric)
}

/// Years a title may end with: neither a page of a book with a leaderless
/// contents page nor a far-off date.
const YEARS: std::ops::RangeInclusive<u32> = 1000..=2099;

fn roman(s: &str) -> Option<u32> {
    super::pages::parse_folio(s).map(|(n, _)| n)
}

/// Drop a list bullet (`- `, `• `, `· `) in front of an entry.
fn strip_bullet(s: &str) -> &str {
    for b in ["- ", "• ", "· ", "* ", "・", "●", "○", "■", "□"] {
        if let Some(rest) = s.strip_prefix(b) {
            return rest.trim_start();
        }
    }
    s
}

/// A heading announcing a table of contents: `目录`, `目 录`, `Contents`, `目次`, `もくじ`.
pub fn is_toc_heading(line: &str) -> bool {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:目\s*[录錄]|目\s*次|もくじ|contents|table of contents|inhalt|sommaire)(?:\s+(?:contents|目录|目錄|目次))?$").unwrap()
    });
    // Every heading it knows opens with one of these letters (`ſ` is the
    // long s, which `(?i)` folds to `s`): most lines are turned away before
    // the pattern, without reading their ends.
    let t = line.trim_start();
    t.starts_with(['目', 'も', 'c', 'C', 't', 'T', 'i', 'I', 's', 'S', 'ſ']) && HEAD.is_match(t.trim_end())
}

/// A found table of contents.
#[derive(Debug, Clone, Default)]
pub struct PrintedToc {
    /// Indices of the lines it occupied (heading, entries, labels, blank lines between).
    pub lines: std::ops::Range<usize>,
    pub entries: Vec<TocLine>,
    /// The condition that found it: `leader_entries`, `page_number_entries` or `entries_repeated_in_body`.
    pub found_by: &'static str,
}

/// Find the printed table of contents, if the document has one.
pub fn find_printed_toc(lines: &[Line]) -> Option<PrintedToc> {
    let as_read = find_toc_as_given(lines);
    // Leaders OCR misread, read as leaders: taken where that finds more of
    // the page (a line whose misreading the mending does not know would
    // otherwise end a page the lines as read make whole).
    let std::borrow::Cow::Owned(mended) = mend_ocr_leaders(lines) else { return as_read };
    match (as_read, find_toc_as_given(&mended)) {
        (Some(a), Some(m)) if m.lines.len() <= a.lines.len() => Some(a),
        (a, m) => m.or(a),
    }
}

/// [`find_printed_toc`] over the lines as they are.
fn find_toc_as_given(lines: &[Line]) -> Option<PrintedToc> {
    let parsed: Vec<Option<(String, u32, Tail)>> = lines.iter().map(|l| parse_entry(&l.text)).collect();
    let is_entry = |i: usize, style: Tail| match &parsed[i] {
        Some((_, _, Tail::Leader)) => true,
        Some((_, _, Tail::Bare)) => style == Tail::Bare,
        None => false,
    };
    // The first cluster of entries, in either style, is the TOC: a printed TOC
    // comes before the text it lists.
    for style in [Tail::Leader, Tail::Bare] {
        let mut i = 0;
        while i < lines.len() {
            if !is_entry(i, style) {
                i += 1;
                continue;
            }
            let (end, count) = extend_cluster(lines, i, |k| is_entry(k, style));
            let entries: Vec<usize> = (i..end).filter(|&k| is_entry(k, style)).collect();
            if count >= MIN_TOC_ENTRIES
                && pages_rise(&entries, &parsed)
                && (style == Tail::Leader || count > MIN_TOC_ENTRIES)
            {
                let start = toc_start(lines, i);
                let mut toc = build(lines, start..end, &parsed, |k| is_entry(k, style));
                toc.found_by = if style == Tail::Leader { "leader_entries" } else { "page_number_entries" };
                // A few whole entries inside a contents page the extractor took
                // apart: the page is the whole of it, from its heading on.
                if let Some(whole) = find_fragmented_toc(lines).filter(|f| {
                    f.lines.start <= toc.lines.start && f.lines.end >= toc.lines.end && f.lines != toc.lines
                }) {
                    return Some(whole);
                }
                return Some(toc);
            }
            i = end.max(i + 1);
        }
    }
    find_fragmented_toc(lines).or_else(|| find_unnumbered_toc(lines)).or_else(|| find_columns_above_heading(lines))
}

/// A contents page read box by box (pdfminer): the column of page numbers,
/// the column of titles (or the other way round), and only then the page's
/// "Contents" heading. The two columns stand right above the heading, the
/// numbers rise, and the body repeats most of the titles after it (a title
/// page above the columns is a third run and stays).
fn find_columns_above_heading(lines: &[Line]) -> Option<PrintedToc> {
    let head = lines.iter().position(|l| is_toc_heading(&l.text))?;
    // Runs walking up from the heading: (is a number, lines), at most two.
    let mut runs: Vec<(bool, Vec<usize>)> = Vec::new();
    for k in (0..head).rev().filter(|&k| !lines[k].is_blank()) {
        let text = &lines[k].text;
        let number = if leader_or_page_only(text).is_some() {
            true
        } else if is_entry_title(text) && !crate::text::ends_sentence(text) {
            false
        } else {
            break;
        };
        let count = runs.len();
        match runs.last_mut() {
            Some((kind, run)) if *kind == number => run.push(k),
            _ if count == 2 => break,
            _ => runs.push((number, vec![k])),
        }
    }
    let [(first_is_number, first), (_, second)] = &runs[..] else { return None };
    let (mut marks, mut titles) =
        if *first_is_number { (first.clone(), second.clone()) } else { (second.clone(), first.clone()) };
    marks.reverse();
    titles.reverse();
    let body = keys_run_together(&lines[head + 1..]);
    let in_body = |k: usize| body.contains(&crate::text::title_key(&lines[k].text));
    // The title page's lines can run on from the titles' column: the first
    // titles the body does not repeat are theirs.
    let from = titles.iter().position(|&k| in_body(k)).unwrap_or(titles.len());
    titles.drain(..from);
    let pages: Vec<u32> = marks.iter().filter_map(|&k| leader_or_page_only(&lines[k].text).flatten()).collect();
    if marks.len() < MIN_TOC_ENTRIES || titles.len() < MIN_TOC_ENTRIES || !mostly_rising(&pages) {
        return None;
    }
    let repeated = titles.iter().filter(|&&k| in_body(k)).count();
    if repeated * 2 < titles.len() {
        return None;
    }
    let paired = titles.len() == pages.len();
    let entries = titles
        .iter()
        .enumerate()
        .map(|(n, &k)| TocLine {
            text: lines[k].text.trim().to_string(),
            page: if paired { Some(pages[n]) } else { None },
            indent: lines[k].indent,
            label: false,
        })
        .collect();
    let start = marks[0].min(titles[0]);
    Some(PrintedToc { lines: start..head + 1, entries, found_by: "columns_above_heading" })
}

/// A contents page read by OCR, its leaders misread as dots, digits and
/// letters (`The Keyhole Fire... 0... eee nen e nea 2`, `序言. . 0.0... ee`):
/// from the "Contents" heading to the first line of prose, each such entry
/// given back as a title, a clean leader and the page number if one was
/// read (`The Keyhole Fire ........ 2`), for the finders to read as any
/// other. The line indices stay; the repair record keeps the lines as read.
/// OCR may miss the heading too: then the entries that still show their
/// page numbers are mended wherever they stand in the front of the
/// document ([`headless_ocr_entries`]).
fn mend_ocr_leaders(lines: &[Line]) -> std::borrow::Cow<'_, [Line]> {
    let Some(head) = lines.iter().position(|l| is_toc_heading(&l.text)) else {
        return headless_ocr_entries(lines);
    };
    let mut mended: Option<Vec<Line>> = None;
    for (k, l) in lines.iter().enumerate().skip(head + 1) {
        if l.is_blank() {
            continue;
        }
        if let Some(entry) = ocr_leader_entry(&l.text) {
            mend_line(mended.get_or_insert_with(|| lines.to_vec()), k, entry);
        } else if !is_label(&l.text) && parse_entry(&l.text).is_none() && title_before_leader(&l.text).is_none() {
            break;
        }
    }
    mended.map_or(std::borrow::Cow::Borrowed(lines), std::borrow::Cow::Owned)
}

/// A contents page whose "Contents" heading OCR lost (or never had): the
/// lines of the document's first third that read as an entry with a
/// misread leader, mended when enough of them show a page number
/// (`第一章 總則 ,,,, eee eee 1`) to make a page; the finders still ask
/// that they stand together and that their pages rise.
fn headless_ocr_entries(lines: &[Line]) -> std::borrow::Cow<'_, [Line]> {
    let front = &lines[..lines.len().div_ceil(3)];
    let found: Vec<(usize, String)> =
        front.iter().enumerate().filter_map(|(k, l)| ocr_leader_entry(&l.text).map(|e| (k, e))).collect();
    if found.iter().filter(|(_, e)| !e.ends_with('.')).count() < MIN_TOC_ENTRIES {
        return std::borrow::Cow::Borrowed(lines);
    }
    let mut mended = lines.to_vec();
    for (k, entry) in found {
        mend_line(&mut mended, k, entry);
    }
    std::borrow::Cow::Owned(mended)
}

/// Line `k` read as the mended `entry`, its indentation kept.
fn mend_line(lines: &mut [Line], k: usize, entry: String) {
    let indent = lines[k].text.len() - lines[k].text.trim_start().len();
    lines[k].width = display_width(&entry);
    lines[k].text = format!("{}{entry}", &lines[k].text[..indent]);
}

/// The letters OCR makes of a stretch of leader dots (`eee`, `cece`, `tenet`,
/// `eens`, `ener`, `fs)`): small round and short-stemmed glyphs. Words of
/// prose after an ellipsis nearly always hold another letter (`and`, `waited`).
const LEADER_NOISE_LETTERS: &str = "abcefgnorst";

/// The widest title a one-comma leader may follow: an article or section
/// label (`第12條`, `Rule 4`), not a phrase of prose.
const MAX_SHORT_LABEL_WIDTH: usize = 10;

/// `Night Buses... 0... 00. ee ee eee tenet eens` → `Night Buses ........`,
/// `Portage Wraps ......... 0c eee eee 5` → `Portage Wraps ........ 5`: a
/// title, then a leader of three dots or more (OCR sets digits among them,
/// `2.0...`), then only what OCR makes of the rest of a leader — dots,
/// digits, short runs of letters — and perhaps the page number. A leader
/// OCR read as letters and commas only ([`lettered_ocr_leader`]) must end
/// in its page number. A line the clean patterns read already is left to them.
fn ocr_leader_entry(text: &str) -> Option<String> {
    let t = text.trim();
    // Each reading below needs three dots or a digit at the end (any
    // script's: `\d` is Unicode's): a line of prose with neither is turned
    // away before the patterns.
    if !t.ends_with(char::is_numeric) && t.bytes().filter(|&b| b == b'.').nth(2).is_none() {
        return None;
    }
    if parse_entry(t).is_some_and(|e| e.2 == Tail::Leader) || title_before_leader(t).is_some() {
        return None;
    }
    let (title, page) = dotted_ocr_leader(t).or_else(|| lettered_ocr_leader(t)).or_else(|| dot_then_number(t))?;
    if !title.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(match page {
        Some(page) => format!("{title} ........ {page}"),
        None => format!("{title} ........"),
    })
}

/// Whether `w` is a word OCR made of part of a leader: marks and digits
/// (`0.0...`, `,,,,`) or a short run of the round letters (`eee`, `fs)`).
fn is_leader_noise(w: &str) -> bool {
    let marks = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | ';' | '(' | ')' | '\'');
    let letters = w.trim_matches(marks);
    w.chars().all(marks) || letters.chars().all(|c| LEADER_NOISE_LETTERS.contains(c))
}

/// The title and page of an entry whose leader OCR still shows as three
/// dots or more (`总则. . 0.0... ee 3`).
fn dotted_ocr_leader(t: &str) -> Option<(&str, Option<&str>)> {
    static LEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:\d\.\d)?\.(?:\s?[.\d]){2,}").unwrap());
    let leader = LEADER.find_iter(t).find(|m| m.as_str().matches('.').count() >= 3)?;
    let title = t[..leader.start()].trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    let tail = &t[leader.start()..];
    if !tail.split_whitespace().all(is_leader_noise) {
        return None;
    }
    let words: Vec<&str> = tail.split_whitespace().collect();
    let page = match words[..] {
        [.., _, last] if last.len() <= 4 && last.chars().all(|c| c.is_ascii_digit()) => Some(last),
        _ => None,
    };
    Some((title, page))
}

/// `第一章 總則 ,,,, eee eee tenn eeee  1`, `まえがき ccc cc cee e eee teens1`:
/// a leader OCR read as commas and runs of round letters, with no three
/// dots in a row, and the page number at its end (alone or run into the
/// last letters). Two such words or three commas make the leader (one
/// after a short label); without the page number nothing tells it from prose.
fn lettered_ocr_leader(t: &str) -> Option<(&str, Option<&str>)> {
    let last = t.split_whitespace().next_back()?;
    let digits = last.len() - last.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=4).contains(&digits) {
        return None;
    }
    let page = &last[last.len() - digits..];
    let body = t[..t.len() - digits].trim_end();
    let mut start = body.len();
    let mut lettered = 0;
    for w in body.split_whitespace().rev() {
        if !is_leader_noise(w) {
            break;
        }
        lettered += usize::from(w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
        start = w.as_ptr() as usize - body.as_ptr() as usize;
    }
    let title = body[..start].trim_end();
    let marked = title.trim_end_matches(['.', ',']);
    let leader = &body[marked.len()..];
    let marks = leader.chars().filter(|&c| c == '.' || c == ',').count();
    // Dots read as letters come out mostly as `e` and `c`; words of prose
    // made of the same few letters (`are not one`) hold far fewer.
    let letters = leader.chars().filter(|c| c.is_alphabetic()).count();
    let round = leader.chars().filter(|&c| c == 'e' || c == 'c').count();
    let lettered = lettered >= 2 && round * 5 >= letters * 2;
    // A short label's leader may shrink to one comma (`第3條, 1`).
    let comma_after_label = marks >= 1 && display_width(marked) <= MAX_SHORT_LABEL_WIDTH;
    (marked.len() < title.len() || start < body.len())
        .then_some(())
        .filter(|()| lettered || marks >= 3 || comma_after_label)?;
    Some((marked.trim_end(), Some(page)))
}

/// `实验方法与材料.3`, `Soil Tests. .43`: a title, one or two dots, then
/// digits — a leader OCR shrank to its last dots, one of them perhaps read
/// as a digit (`.43` for page 3). The entry's title, with no page: the
/// number is not to be trusted, and a title ending in a digit (`增长了3.5`)
/// is a number, not an entry.
fn dot_then_number(t: &str) -> Option<(&str, Option<&str>)> {
    static DOT_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?P<title>.*[^\d\s.．])\s?(?:[.．]\s?){1,2}\d{1,3}$").unwrap());
    Some((DOT_NUMBER.captures(t)?.name("title")?.as_str(), None))
}

/// A character that contents pages draw leaders with.
fn is_leader_char(c: char) -> bool {
    matches!(c, '.' | '．' | '·' | '・' | '…' | '‥' | '_')
}

/// A line of a contents page that an extractor cut out of its entry: only the
/// leader (` ......3`, `…………`) or only the page number (` 12`, `xiv`).
/// Returns the page number it shows, if any.
fn leader_or_page_only(text: &str) -> Option<Option<u32>> {
    let t = text.trim();
    let dots = t.chars().filter(|&c| is_leader_char(c)).count();
    let rest: String = t.chars().filter(|&c| !is_leader_char(c) && !c.is_whitespace()).collect();
    let page = if rest.is_empty() {
        None
    } else if rest.len() <= 4 && rest.chars().all(|c| c.is_ascii_digit()) {
        rest.parse().ok()
    } else if dots >= MIN_LEADER_DOTS {
        // `3 .......3` from two columns read across: the last number is the page.
        let last: String = t.rsplit(|c: char| !c.is_ascii_digit()).find(|w| !w.is_empty())?.to_string();
        let only_digits = rest.chars().all(|c| c.is_ascii_digit() || c == '.');
        (only_digits && last.len() <= 4).then(|| last.parse().ok()).flatten()
    } else if rest.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')) {
        // Front matter's roman numbers; a decorated folio (`Page 3`) is the page's own.
        roman(&rest)
    } else {
        None
    };
    let ok = (dots >= MIN_LEADER_DOTS && (rest.is_empty() || page.is_some())) || (dots == 0 && page.is_some());
    ok.then_some(page)
}

/// Whether the short line `k` starts an entry's title that a leader line of
/// its own (` . . . . 3`) closes, after at most `MAX_ENTRY_TITLE_LINES` short
/// lines: the title alone over its leader, or a title the extractor cut into
/// pieces (`1.` ⏎ `Who can join?` ⏎ ` .....2`), or two titles whose leaders
/// come after both (`5.…？` ⏎ `6.…？` ⏎ ` ....4` ⏎ ` ....5`).
fn leader_closes_title(lines: &[Line], k: usize) -> bool {
    let mut pieces = 0;
    for l in lines[k..].iter().filter(|l| !l.is_blank()) {
        if leader_or_page_only(&l.text).is_some() {
            return pieces > 0 && l.text.chars().filter(|&c| is_leader_char(c)).count() >= MIN_LEADER_DOTS;
        }
        pieces += 1;
        if pieces > MAX_ENTRY_TITLE_LINES || display_width(l.text.trim()) > MAX_LABEL_WIDTH {
            return false;
        }
    }
    false
}

/// A contents entry's title on a line of its own: a short label, or one
/// opened by its number or counter (`壹、辦理緣由`, `一、总则`, `2.1 Scope,
/// purpose`), whose enumeration comma or comma is the entry's, not prose's.
fn is_entry_title(text: &str) -> bool {
    let t = text.trim();
    let numbered = display_width(t) <= MAX_LABEL_WIDTH && crate::scan::heading::recognise(t).is_some();
    is_label(t) || numbered || is_enumerated_label(t) || is_dotted_enumerated_label(t)
}

/// Longest counter before a stop that numbers a contents entry (`XVIII.`).
const MAX_DOTTED_COUNTER_CHARS: usize = 5;

/// `I. Subscribers and Surveyors`, `IV. The Last Carriers`, `A. Methods`,
/// `12. Tolls`: a label after a counter and its stop — roman numerals, a
/// number or one letter — whose stop is the list's, not a sentence's.
fn is_dotted_enumerated_label(title: &str) -> bool {
    title.split_once(". ").is_some_and(|(counter, rest)| {
        let roman = !counter.is_empty() && counter.chars().all(|c| "IVXLCDMivxlcdm".contains(c));
        let number = !counter.is_empty() && counter.chars().all(|c| c.is_ascii_digit());
        let letter = counter.chars().count() == 1 && counter.chars().all(|c| c.is_ascii_uppercase());
        counter.chars().count() <= MAX_DOTTED_COUNTER_CHARS && (roman || number || letter) && is_label(rest)
    })
}

/// `序 . . . . . . .`: an entry's title and leader whose page number the
/// extractor put on the next line. Returns the title.
fn title_before_leader(text: &str) -> Option<&str> {
    let t = text.trim();
    let title = t.trim_end_matches(|c: char| is_leader_char(c) || c.is_whitespace());
    let dots = t[title.len()..].chars().filter(|&c| is_leader_char(c)).count();
    // An enumerated title (`一、总则`, `1. Scope, purpose`) is one despite its `、` or comma.
    (dots >= MIN_LEADER_DOTS && (is_entry_title(title) || is_question_title(title))).then_some(title)
}

/// `雨の日に傘を忘れるのはなぜ？`, `Why Does the Kettle Sing?`: a title put
/// as one question, its mark the only punctuation in it. Alone such a line
/// reads as prose; before a leader it is a contents entry's title.
fn is_question_title(title: &str) -> bool {
    title.strip_suffix(['?', '？']).is_some_and(|asked| is_label(asked) && !asked.contains(['?', '？']))
}

/// `壹、辦理緣由`, `イ、調査の目的`, `甲、总体要求`: a label after a short
/// counter and an enumeration comma, in any counting system (formal
/// numerals, iroha, heavenly stems) — the comma is the list's, not prose's.
fn is_enumerated_label(title: &str) -> bool {
    title.split_once('、').is_some_and(|(counter, rest)| {
        let counter = counter.trim();
        !counter.is_empty()
            && counter.chars().count() <= MAX_ENUMERATION_COUNTER_CHARS
            && counter.chars().all(char::is_alphanumeric)
            && is_label(rest)
    })
}

/// A contents page that the extractor took apart (`pdftotext`'s default mode,
/// mutool, pdfminer, calibre): after a "Contents" heading, the titles, the
/// leader dots and the page numbers stand on lines of their own — a title
/// then its leader line (`第` ⏎ `1 章 調査の概要` ⏎ ` .....3`), or a column of
/// titles then a column of numbers. The page runs from the heading to the
/// last leader or number; title lines after it are the body's.
fn find_fragmented_toc(lines: &[Line]) -> Option<PrintedToc> {
    let head = lines.iter().position(|l| is_toc_heading(&l.text))?;
    let mut titles: Vec<usize> = Vec::new();
    let mut marks: Vec<(usize, Option<u32>)> = Vec::new();
    for (k, l) in lines.iter().enumerate().skip(head + 1) {
        if l.is_blank() {
            continue;
        }
        if let Some(page) = leader_or_page_only(&l.text) {
            marks.push((k, page));
        } else if let Some((_, page, Tail::Leader)) = parse_entry(&l.text) {
            marks.push((k, Some(page)));
            titles.push(k);
        } else if title_before_leader(&l.text).is_some() {
            // `序 . . . . . .` ⏎ `1`: the page number comes on a line of its own.
            titles.push(k);
        } else if is_entry_title(&l.text) && !crate::text::ends_sentence(&l.text) {
            titles.push(k);
        } else if leader_closes_title(lines, k) {
            // A question or a sentence as a title (`5.什么时候缴费？错过了怎么办？`,
            // `Why does it stop?`), or a piece of one, is an entry's when a
            // leader line closes it.
            titles.push(k);
        } else {
            break;
        }
    }
    let page_first = marks.first().is_some_and(|m| titles.first().is_some_and(|&t| m.0 < t));
    // Titles before their pages: a number after the last entry that falls
    // below the page before it is the body's first folio (`…附则 ....12` ⏎
    // the body's title ⏎ `1`), not an entry's page; the contents page ends at
    // the mark before it.
    while let [.., (_, Some(before)), (k, Some(last))] = marks[..] {
        if page_first || last >= before || lines[k].text.contains(is_leader_char) {
            break;
        }
        marks.pop();
    }
    let mut end = marks.last()?.0;
    // Read page number first (pypdf: `1` ⏎ `舊書攤` ⏎ `2` ⏎ `雨夜聽蛙`), the
    // last entry's title comes after the last number: it is the page's too
    // when the body repeats it further on (the body's own first line does not).
    if let Some(&last_title) = titles.iter().find(|&&t| t > end) {
        let key = crate::text::title_key(&lines[last_title].text);
        let repeated = lines[last_title + 1..].iter().any(|l| crate::text::title_key(&l.text) == key);
        if page_first && repeated && next_content_line(lines, end + 1) == Some(last_title) {
            end = last_title;
        }
    }
    titles.retain(|&k| k <= end);
    let pages: Vec<u32> = marks.iter().filter_map(|m| m.1).collect();
    if marks.len() < MIN_TOC_ENTRIES || titles.len() < MIN_TOC_ENTRIES.min(2) || !mostly_rising(&pages) {
        return None;
    }
    let title_of = |ks: &[usize]| {
        let mut text = String::new();
        for &k in ks {
            let piece = parse_entry(&lines[k].text).map_or_else(
                || title_before_leader(&lines[k].text).unwrap_or(lines[k].text.trim()).to_string(),
                |e| e.0,
            );
            let sep = if text.is_empty() { "" } else { crate::text::join_separator(&text, &piece) };
            text.push_str(sep);
            text.push_str(&piece);
        }
        text
    };
    let alone = |ts: &[usize], page: Option<u32>| -> Vec<TocLine> {
        ts.iter().map(|&t| TocLine { text: title_of(&[t]), page, indent: lines[t].indent, label: false }).collect()
    };
    let entries: Vec<TocLine> = if page_first {
        // Numbers read before their titles: a column of each, paired in order.
        if titles.len() == marks.len() {
            titles.iter().zip(&marks).flat_map(|(&t, m)| alone(&[t], m.1)).collect()
        } else {
            alone(&titles, None)
        }
    } else {
        // In reading order, each run of title lines is closed by the run of
        // leaders or numbers after it: one mark closes the pieces of one title
        // (`1.` ⏎ `Who may join?` ⏎ ` ....2`); as many marks as titles pair up
        // in order (two titles then their two leaders; a column of titles, then
        // a column of numbers); otherwise each title stands alone, page unknown.
        let mut entries = Vec::new();
        let (mut t, mut m) = (0, 0);
        while t < titles.len() {
            let run_t: Vec<usize> =
                titles[t..].iter().copied().take_while(|&k| marks.get(m).is_none_or(|mk| k <= mk.0)).collect();
            t += run_t.len();
            let next_title = titles.get(t).copied().unwrap_or(usize::MAX);
            let run_m: Vec<Option<u32>> = marks[m..].iter().take_while(|mk| mk.0 < next_title).map(|mk| mk.1).collect();
            m += run_m.len();
            match (run_t.len(), run_m.len()) {
                (0, _) => {}
                (_, 1) => {
                    let indent = lines[run_t[0]].indent;
                    entries.push(TocLine { text: title_of(&run_t), page: run_m[0], indent, label: false });
                }
                (a, b) if a == b => entries.extend(run_t.iter().zip(&run_m).flat_map(|(&k, &page)| alone(&[k], page))),
                _ => entries.extend(alone(&run_t, None)),
            }
        }
        entries.retain(|e| !e.text.is_empty());
        entries
    };
    Some(PrintedToc { lines: head..end + 1, entries, found_by: "fragmented_entries" })
}

fn next_content_line(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].is_blank())
}

/// A contents list without page numbers (e-texts: `CONTENTS` ⏎ `CHAPTER I.
/// THE LETTER` ⏎ …): after a "Contents" heading, short lines each of which
/// the body repeats later as a heading (on one line, or on two:
/// `CHAPTER I.` ⏎ `THE LETTER`).
fn find_unnumbered_toc(lines: &[Line]) -> Option<PrintedToc> {
    let head = lines.iter().position(|l| is_toc_heading(&l.text))?;
    let content: Vec<usize> = (head + 1..lines.len()).filter(|&k| !lines[k].is_blank()).collect();
    // (An entry whose page number was lost keeps its leader: `Night Buses ........`.)
    let title = |k: usize| title_before_leader(&lines[k].text).unwrap_or(lines[k].text.trim());
    // Candidate entries: the short lines right after the heading.
    let mut run = Vec::new();
    let mut last = head;
    for &k in &content {
        let blanks = k - last - 1;
        // (`CHAPTER I. THE LETTER` has a full stop inside: the body's match decides.)
        let t = lines[k].text.trim();
        let short = display_width(t) <= MAX_LABEL_WIDTH && !t.ends_with(['。', '，', ',', ';', '；']);
        if (!run.is_empty() && blanks > MAX_BLANKS_IN_UNNUMBERED_TOC) || !short {
            break;
        }
        run.push(k);
        last = k;
    }
    // Where each key last occurs: each line, and each line with the next.
    let mut last_at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (n, &k) in content.iter().enumerate() {
        let key = crate::text::title_key(title(k));
        if let Some(&next) = content.get(n + 1) {
            last_at.insert(format!("{key}{}", crate::text::title_key(title(next))), k);
        }
        last_at.insert(key, k);
    }
    // An entry is a line the body repeats further on, or two lines the body
    // says on one (an entry wrapped in the contents: `5.2 Firmware` ⏎ `Updates`).
    let said_after = |key: &str, k: usize| !key.is_empty() && last_at.get(key).is_some_and(|&at| at > k);
    let mut entries: Vec<TocLine> = Vec::new();
    let mut taken = 0;
    while let Some(&k) = run.get(taken) {
        let key = crate::text::title_key(title(k));
        let text = if said_after(&key, k) {
            taken += 1;
            title(k).to_string()
        } else if let Some(&next) = run
            .get(taken + 1)
            .filter(|&&next| said_after(&format!("{key}{}", crate::text::title_key(title(next))), next))
        {
            taken += 2;
            format!("{}{}{}", title(k), crate::text::join_separator(title(k), title(next)), title(next))
        } else {
            break;
        };
        entries.push(TocLine { text, page: None, indent: lines[k].indent, label: false });
    }
    if entries.len() < MIN_TOC_ENTRIES {
        return None;
    }
    let end = run[taken - 1] + 1;
    Some(PrintedToc { lines: head..end, entries, found_by: "entries_repeated_in_body" })
}

/// An outline appended after the text: calibre ends its PDF conversions with
/// the PDF's bookmarks (`Document Outline` ⏎ `第一章 回镇` ⏎ …), and some
/// books print their contents at the back. A run of lines reaching the end of
/// the document, under a short title line, each of which repeats a line met
/// earlier (or two of them run together: `2 Related Work 2.1 Platforms`), at
/// lines spread over the body like headings (a verse refrain repeated at the
/// end stands together).
pub fn find_appended_outline(lines: &[Line]) -> Option<PrintedToc> {
    calibre_outline(lines).or_else(|| repeated_outline(lines))
}

fn repeated_outline(lines: &[Line]) -> Option<PrintedToc> {
    let content: Vec<usize> = (0..lines.len()).filter(|&k| !lines[k].is_blank()).collect();
    // The run below takes only lines at the end that could be entries: too
    // few of them, and no line needs its key (most books end in prose).
    let tail = content.iter().rev().take_while(|&&k| could_be_outline_entry(&lines[k].text)).count();
    if tail < MIN_TOC_ENTRIES {
        return None;
    }
    let keys: Vec<String> = lines.iter().map(|l| crate::text::title_key(&l.text)).collect();
    // Where each line occurs, in order.
    let mut at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for &k in &content {
        at.entry(keys[k].as_str()).or_default().push(k);
    }
    let last_before = |key: &str, limit: usize| -> Option<usize> {
        let found = at.get(key)?;
        found[..found.partition_point(|&p| p < limit)].last().copied()
    };
    // Where the body last has a line before `limit`, or the first of a few
    // run together (calibre joins nested entries: `三、重点工作 （一）稳增长 1.扩大投资`);
    // a printed contents page near the start repeats them too.
    fn earlier(
        key: &str,
        limit: usize,
        pieces: usize,
        last_before: &dyn Fn(&str, usize) -> Option<usize>,
    ) -> Option<usize> {
        last_before(key, limit).or_else(|| {
            if pieces <= 1 {
                return None;
            }
            key.char_indices().skip(1).find_map(|(cut, _)| {
                let (a, b) = key.split_at(cut);
                let a_at = last_before(a, limit)?;
                earlier(b, limit, pieces - 1, last_before).filter(|&b_at| b_at > a_at).map(|_| a_at)
            })
        })
    }
    let mut run: Vec<(usize, usize)> = Vec::new();
    for &k in content.iter().rev() {
        if keys[k].is_empty() || !could_be_outline_entry(&lines[k].text) {
            break;
        }
        // (Not necessarily in the body's order: an entry may match a printed
        // contents page where the body ran the heading into other text.)
        match earlier(&keys[k], k, OUTLINE_MAX_PIECES, &last_before) {
            Some(at) => run.push((k, at)),
            None => break,
        }
    }
    run.reverse();
    // The run is everything but its title: the line before it, short and met nowhere earlier.
    let first = run.first()?.0;
    let title = *content.iter().rev().find(|&&k| k < first)?;
    let title_text = lines[title].text.trim();
    let title_is_new = at.get(keys[title].as_str()).is_some_and(|found| found[0] == title);
    if run.len() < MIN_TOC_ENTRIES
        || !title_is_new
        || display_width(title_text) > MAX_LABEL_WIDTH
        || has_prose_punct(title_text)
    {
        return None;
    }
    // Headings are spread over the body; a refrain's lines stand together.
    let body_lines = content.iter().filter(|&&k| k < title).count();
    let (low, high) = run.iter().fold((usize::MAX, 0), |(low, high), &(_, at)| (low.min(at), high.max(at)));
    let span = content.iter().filter(|&&k| k >= low && k <= high).count();
    if span * OUTLINE_MIN_SPREAD_DIVISOR < body_lines {
        return None;
    }
    let entries = run
        .iter()
        .map(|&(k, _)| TocLine {
            text: lines[k].text.trim().to_string(),
            page: None,
            indent: lines[k].indent,
            label: false,
        })
        .collect();
    Some(PrintedToc { lines: title..lines.len(), entries, found_by: "appended_outline" })
}

/// A flat contents page takes its depths from an outline that nests: a
/// contents page set without indentation (or read by an extractor that drops
/// it) lists a cookbook's chapters and recipes alike, where calibre's
/// bookmarks still nest the recipes under their chapters. Entries keep their
/// page numbers; those the outline also names take its depth.
pub fn nest_by_outline(printed: &mut PrintedToc, outline: &PrintedToc) {
    let flat = |entries: &[TocLine]| entries.iter().filter(|e| !e.label).all(|e| e.indent == entries[0].indent);
    if outline.found_by != "calibre_document_outline" || !flat(&printed.entries) || flat(&outline.entries) {
        return;
    }
    let depth: std::collections::HashMap<String, usize> =
        outline.entries.iter().map(|e| (crate::text::title_key(&e.text), e.indent)).collect();
    let named = printed.entries.iter().filter(|e| depth.contains_key(&crate::text::title_key(&e.text))).count();
    if named * 2 < printed.entries.len() {
        return;
    }
    for e in printed.entries.iter_mut().filter(|e| !e.label) {
        e.indent = depth.get(&crate::text::title_key(&e.text)).copied().unwrap_or(0);
    }
}

/// A line an outline may hold: a title, or a few run together, not a
/// sentence (`2 Method 2.1 Setup`, `第四章　养护管理 第一节　养护责任`).
fn could_be_outline_entry(text: &str) -> bool {
    let t = text.trim();
    let mut tail = t.chars().rev();
    let ends_sentence = match (tail.next(), tail.next()) {
        (Some('。' | '，' | '；' | '！' | '？' | ',' | ';' | '!' | '?'), _) => true,
        (Some('.'), Some(before)) => before.is_lowercase(),
        _ => false,
    };
    display_width(t) <= 2 * MAX_LABEL_WIDTH && !ends_sentence
}

/// The label calibre's PDF input writes above the bookmarks it appends.
const CALIBRE_OUTLINE_LABEL: &str = "Document Outline";

/// calibre's appended bookmarks where the body ran its headings into other
/// text (two columns, a heading glued to the paragraph beside it): under
/// calibre's own label, short lines to the end, most of which the body
/// contains somewhere. Under that label a bookmark may read as a sentence
/// (a question as a title: `5. When do I pay?`); the body's lines vouch for it.
fn calibre_outline(lines: &[Line]) -> Option<PrintedToc> {
    let title = lines.iter().rposition(|l| l.text.trim() == CALIBRE_OUTLINE_LABEL)?;
    let entries: Vec<&Line> = lines[title + 1..].iter().filter(|l| !l.is_blank()).collect();
    if entries.is_empty() || !entries.iter().all(|l| display_width(l.text.trim()) <= 2 * MAX_LABEL_WIDTH) {
        return None;
    }
    let body = keys_run_together(&lines[..title]);
    let found = entries.iter().filter(|l| body.contains(&crate::text::title_key(&l.text))).count();
    if found * 2 < entries.len() {
        return None;
    }
    let entries = nested_outline_entries(&lines[..title], &lines[title + 1..]);
    Some(PrintedToc { lines: title..lines.len(), entries, found_by: "calibre_document_outline" })
}

/// calibre writes nested bookmarks as a list flattened to text: a parent and
/// its first child on one line (`Building a Fire The Keyhole Fire`,
/// `本周要闻 区政府召开…会`), the child's later siblings on lines of their
/// own, and a wider gap of blank lines where a nested list closes. Each line
/// is cut into the entries the body has as lines of their own; each entry's
/// depth (0 = top) is kept as its indentation, which ranks the outline's
/// items. A gap closes one level (how many it closes the text does not say).
/// Only an outline of plain titles keeps its depths: where entries are
/// numbered or labelled (`2.1`, `Chapter 3`, `Ⅱ`) the patterns rank them, and
/// a depth misread after a gap would split a family over two levels.
fn nested_outline_entries(body: &[Line], outline: &[Line]) -> Vec<TocLine> {
    let known: std::collections::HashSet<String> =
        body.iter().map(|l| crate::text::title_key(&l.text)).filter(|k| !k.is_empty()).collect();
    let mut entries = Vec::new();
    let mut depth = 0usize;
    let mut blanks = 0usize;
    for line in outline {
        if line.is_blank() {
            blanks += 1;
            continue;
        }
        if !entries.is_empty() && blanks >= MIN_OUTLINE_CLOSING_BLANKS {
            depth = depth.saturating_sub(1);
        }
        blanks = 0;
        let pieces = outline_pieces(line.text.trim(), &known);
        for (k, piece) in pieces.iter().enumerate() {
            entries.push(TocLine { text: piece.to_string(), page: None, indent: depth + k, label: false });
        }
        depth += pieces.len() - 1;
    }
    let patterned = |e: &TocLine| {
        let t = e.text.as_str();
        crate::scan::heading::recognise(t).is_some_and(|f| f.family != crate::scan::heading::Family::Named)
            || t.split_once(char::is_whitespace)
                .is_some_and(|(n, _)| crate::scan::heading::bare_numeral_value(n).is_some())
    };
    if entries.iter().any(patterned) {
        entries.iter_mut().for_each(|e| e.indent = 0);
    }
    entries
}

/// Blank lines calibre leaves where a nested bookmark list closes (one
/// separates siblings).
const MIN_OUTLINE_CLOSING_BLANKS: usize = 3;

/// An outline line cut into the fewest entries, at spaces, that are each a
/// line of the body (`2 Method 2.1 Setup` → `2 Method`, `2.1 Setup`); the
/// line whole when no such cut exists. A bare number label (`Chapter 3`,
/// `PART I`) is no entry of its own: it belongs to the title after it.
fn outline_pieces<'a>(text: &'a str, known: &std::collections::HashSet<String>) -> Vec<&'a str> {
    fn cut<'a>(
        text: &'a str,
        pieces: usize,
        known: &std::collections::HashSet<String>,
        out: &mut Vec<&'a str>,
    ) -> bool {
        let is_entry =
            |t: &str| crate::scan::heading::numbering_label(t) != Some(t) && known.contains(&crate::text::title_key(t));
        if pieces == 1 {
            if is_entry(text) {
                out.push(text);
                return true;
            }
            return false;
        }
        for (at, c) in text.char_indices() {
            if !c.is_whitespace() {
                continue;
            }
            let (head, tail) = (text[..at].trim_end(), text[at..].trim_start());
            if head.is_empty() || tail.is_empty() || !is_entry(head) {
                continue;
            }
            out.push(head);
            if cut(tail, pieces - 1, known, out) {
                return true;
            }
            out.pop();
        }
        false
    }
    let mut out = Vec::new();
    for pieces in 2..=OUTLINE_MAX_PIECES {
        if cut(text, pieces, known, &mut out) {
            return out;
        }
    }
    vec![text]
}

/// From the entry at `first`, take entries and the labels between them; stop
/// at the first line that is neither, or at too many labels in a row.
fn extend_cluster(lines: &[Line], first: usize, is_entry: impl Fn(usize) -> bool) -> (usize, usize) {
    let mut end = first + 1;
    let mut count = 1;
    let mut k = first + 1;
    let mut labels = 0;
    let mut last_page = parse_entry(&lines[first].text).map(|e| e.1);
    let leaders = matches!(parse_entry(&lines[first].text), Some((_, _, Tail::Leader)));
    while k < lines.len() {
        let l = &lines[k];
        if l.is_blank() {
            k += 1;
            continue;
        }
        let cut_off = leader_or_page_only(&l.text);
        if is_entry(k) {
            count += 1;
            labels = 0;
            end = k + 1;
            last_page = parse_entry(&l.text).map(|e| e.1);
        } else if labels > 0
            && !l.text.contains(is_leader_char)
            && cut_off.flatten().is_some_and(|p| last_page.is_some_and(|last| p < last))
        {
            // Lines, then a bare number below the last entry's page: the
            // body's title and its first folio, not an entry.
            break;
        } else if title_before_leader(&l.text).is_some() || cut_off.is_some() {
            // An entry the extractor cut in two: its title and leader, or its page number.
            labels = 0;
            end = k + 1;
        } else if is_label(&l.text) && labels < MAX_LABELS_BETWEEN {
            labels += 1;
        } else if leaders && at_page_edge(lines, k) {
            // A contents page with leaders that runs over a page break: its
            // folio and running head stand between two entries (the cluster
            // ends at the last entry, so they are taken only when entries
            // follow; a line merely ending in a number is no such evidence).
        } else {
            break;
        }
        k += 1;
    }
    (end, count)
}

/// The first or last line of a page: a form feed comes before it, or before
/// the next line that is not blank.
fn at_page_edge(lines: &[Line], k: usize) -> bool {
    lines[k].page_break_before || lines[k + 1..].iter().find(|l| !l.is_blank()).is_some_and(|l| l.page_break_before)
}

/// A line that may sit between entries: a section name, not prose.
fn is_label(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && display_width(t) <= MAX_LABEL_WIDTH && !has_prose_punct(t)
}

fn pages_rise(entries: &[usize], parsed: &[Option<(String, u32, Tail)>]) -> bool {
    let pages: Vec<u32> = entries.iter().filter_map(|&k| parsed[k].as_ref().map(|p| p.1)).collect();
    pages.len() >= 2 && mostly_rising(&pages)
}

/// Page numbers that rise (or stay) from one to the next, nearly all of them.
fn mostly_rising(pages: &[u32]) -> bool {
    let rising = pages.windows(2).filter(|w| w[1] >= w[0]).count();
    rising as f64 >= pages.len().saturating_sub(1) as f64 * MIN_RISING_SHARE
}

/// The lines' title keys run together: a title the body holds, whether on
/// one line or split over two (`第一章` ⏎ `总则`), is a substring of it.
fn keys_run_together(lines: &[Line]) -> String {
    lines.iter().map(|l| crate::text::title_key(&l.text)).collect()
}

/// Where the TOC starts: its "Contents" heading and any labels just above the first entry.
fn toc_start(lines: &[Line], first_entry: usize) -> usize {
    let mut k = first_entry;
    let mut seen = 0;
    while k > 0 && seen < TOC_HEADING_REACH {
        k -= 1;
        let l = &lines[k];
        if l.is_blank() {
            continue;
        }
        seen += 1;
        if is_toc_heading(&l.text) {
            return k;
        }
        if !is_label(&l.text) {
            break;
        }
    }
    // Without a "Contents" heading, labels above the first entry may be a
    // title page: keep only the entries.
    first_entry
}

fn build(
    lines: &[Line],
    range: std::ops::Range<usize>,
    parsed: &[Option<(String, u32, Tail)>],
    is_entry: impl Fn(usize) -> bool,
) -> PrintedToc {
    let mut entries = Vec::new();
    for k in range.clone() {
        let l = &lines[k];
        if l.is_blank() || is_toc_heading(&l.text) {
            continue;
        }
        if is_entry(k) {
            if let Some((title, page, _)) = &parsed[k] {
                entries.push(TocLine { text: title.clone(), page: Some(*page), indent: l.indent, label: false });
            }
        } else if let Some(title) = title_before_leader(&l.text) {
            entries.push(TocLine { text: title.to_string(), page: None, indent: l.indent, label: false });
        } else if leader_or_page_only(&l.text).is_some() {
            continue;
        } else if let Some(page) =
            lines[k + 1..range.end].iter().find(|n| !n.is_blank()).and_then(|n| leader_or_page_only(&n.text))
        {
            // `第一章 雨港` ⏎ `. . . . 2`: a title whose leader went to the next line is an entry, not a label.
            entries.push(TocLine { text: l.text.trim().to_string(), page, indent: l.indent, label: false });
        } else {
            entries.push(TocLine { text: l.text.trim().to_string(), page: None, indent: l.indent, label: true });
        }
    }
    PrintedToc { lines: range, entries, found_by: "page_number_entries" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::split_lines;

    #[test]
    fn entry_forms() {
        let e = parse_entry("市图书馆举办春季读书节.....\t1").unwrap();
        assert_eq!((e.0.as_str(), e.1, e.2), ("市图书馆举办春季读书节", 1, Tail::Leader));
        assert_eq!(parse_entry("Chapter 3 The Flood ........ 41").unwrap().0, "Chapter 3 The Flood");
        assert_eq!(parse_entry("第三章　洪水……………41").unwrap().0, "第三章　洪水");
        assert_eq!(parse_entry("- 2031 年水务工作要点确定..... 27").unwrap().0, "2031 年水务工作要点确定");
        assert_eq!(parse_entry("序章\t\t3").unwrap().1, 3);
        assert_eq!(parse_entry("Preface . . . . . . . vii").map(|e| e.1), Some(7));
        assert_eq!(parse_entry("第一話　出会い　　　　　　5").unwrap().0, "第一話　出会い");
        assert_eq!(parse_entry("Chapter One 1").unwrap().2, Tail::Bare);
        // The page number before its leader (pypdf).
        let e = parse_entry("舊書攤 1. . . . . . . . . . . .").unwrap();
        assert_eq!((e.0.as_str(), e.1, e.2), ("舊書攤", 1, Tail::Leader));
        assert_eq!(parse_entry("EIGHT The Last Run 8. . . . . . . . .").unwrap().0, "EIGHT The Last Run");
        // An ellipsis inside a sentence is not a leader.
        assert_eq!(parse_entry("他说……我不知道。"), None);
        assert_eq!(parse_entry("我们等了很久……"), None);
        assert_eq!(parse_entry("1984"), None);
    }

    #[test]
    fn a_title_ending_in_a_year_keeps_it() {
        // The page after the year; the year alone, its page in another column.
        let e = parse_entry("II. The Flood of 1862 14").unwrap();
        assert_eq!((e.0.as_str(), e.1), ("II. The Flood of 1862", 14));
        assert_eq!(parse_entry("II. The Flood of 1862"), None);
        assert_eq!(parse_entry("Years of Drought 1780 – 1815"), None);
        let e = parse_entry("第三章 一九六二年的洪水 1962 14").unwrap();
        assert_eq!((e.0.as_str(), e.1), ("第三章 一九六二年的洪水 1962", 14));
        assert_eq!(parse_entry("第三章 洪水之年 1962"), None);
        // With a leader, four digits are a page all the same.
        assert_eq!(parse_entry("Index . . . . . . 1012").map(|e| e.1), Some(1012));
    }

    #[test]
    fn finds_a_contents_page_with_pages_and_leaders_on_lines_of_their_own() {
        // calibre: some entries whole, some with the leader or the page number cut off onto the next line.
        let text = "目錄\n\n序 . . . . . . . . . . . .\n\n1\n\n第一部 港邊 . . . . . . . . 2\n\n第一章 雨港\n\n. . . . . . . . . . . 2\n\n\
                    第二章 父親的船 . . . . . . 3\n\n第三章 廟口\n\n. . . . . . . . . . . 3\n\n序\n\n退休以後，孩子們常勸我把從前的事寫下來。\n";
        let lines = split_lines(text);
        let toc = find_printed_toc(&lines).unwrap();
        let titles: Vec<&str> = toc.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(titles, ["序", "第一部 港邊", "第一章 雨港", "第二章 父親的船", "第三章 廟口"]);
        assert_eq!(toc.entries[0].page, Some(1));
        assert!(lines[toc.lines.end].text.is_empty() && toc.lines.end < 22, "{:?}", toc.lines);
    }

    #[test]
    fn finds_grouped_chinese_toc() {
        let text = "目录\n\n第一部 春\n\n第一章 风起.....1\n第二章 云涌.....9\n\n第二部 夏\n\n第三章 雨落.....20\n\n第一部 春\n\n第一章 风起\n\n天色已晚，他推开了门。\n";
        let lines = split_lines(text);
        let toc = find_printed_toc(&lines).unwrap();
        assert_eq!(toc.lines, 0..10);
        let texts: Vec<(&str, bool)> = toc.entries.iter().map(|e| (e.text.as_str(), e.label)).collect();
        assert_eq!(
            texts,
            [
                ("第一部 春", true),
                ("第一章 风起", false),
                ("第二章 云涌", false),
                ("第二部 夏", true),
                ("第三章 雨落", false)
            ]
        );
    }

    #[test]
    fn finds_english_toc_without_heading_and_bare_toc() {
        let text = "CONTENTS\n\nI. The Storm ........ 1\nII. The Calm ........ 14\nIII. The Return ........ 30\n\nI. The Storm\n\nIt was a dark night.\n";
        let toc = find_printed_toc(&split_lines(text)).unwrap();
        assert_eq!(toc.entries.len(), 3);
        assert_eq!(toc.lines.start, 0);
        let bare =
            "Contents\n\nChapter One 1\nChapter Two 12\nChapter Three 25\nChapter Four 40\n\nChapter One\n\nText.";
        assert_eq!(find_printed_toc(&split_lines(bare)).unwrap().entries.len(), 4);
    }

    #[test]
    fn entries_numbered_with_a_stop_are_titles_of_a_contents_page_taken_apart() {
        // Each page number on the line under its title (mutool); sections numbered `I.`, `II.`.
        let text = "Contents\n\nChapter 1 The Mill Race\n 4\n\nI. Surveyors at Work\n 4\n\nII. The Toll Board\n 5\n\nChapter 2 Lock Keepers\n 7\n\nChapter 1 The Mill Race\n\nThe water came down fast.\n";
        let toc = find_printed_toc(&split_lines(text)).expect("a contents page");
        let got: Vec<&str> = toc.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            got,
            ["Chapter 1 The Mill Race", "I. Surveyors at Work", "II. The Toll Board", "Chapter 2 Lock Keepers"]
        );
        assert!(is_dotted_enumerated_label("A. 调查方法") && is_dotted_enumerated_label("12. Tolls"));
        assert!(!is_dotted_enumerated_label("He ran. Then he stopped") && !is_dotted_enumerated_label("Mr. Hollis"));
    }

    #[test]
    fn contents_taken_apart_by_the_extractor() {
        // A column of titles, then a column of page numbers (pdfminer, pdftotext).
        let text = "Contents\n\nONE A Letter\n\nTWO The Harbour\n\nTHREE Low Tide\n\n 1\n\n 5\n\n 9\n\nThe Book\n\nONE\n\nA Letter\n\nThe letter came on a Tuesday.\n";
        let lines = split_lines(text);
        let toc = find_printed_toc(&lines).expect("a contents page");
        assert_eq!(toc.found_by, "fragmented_entries");
        let got: Vec<(&str, Option<u32>)> = toc.entries.iter().map(|e| (e.text.as_str(), e.page)).collect();
        assert_eq!(got, [("ONE A Letter", Some(1)), ("TWO The Harbour", Some(5)), ("THREE Low Tide", Some(9))]);
        assert!(!toc.lines.contains(&lines.iter().position(|l| l.text == "The Book").unwrap()), "the body stays");
        // Titles, each followed by its leader on a line of its own (mutool).
        let text = "目次\n\n第\n 1 章 調査の概要\n ..........3\n1.1\n 調査の目的\n ..........4\n第\n 2 章 現状\n ..........9\nPage 1\n第1章　調査の概要\n本調査は、市内の交通を対象とした。\n";
        let toc = find_printed_toc(&split_lines(text)).expect("a contents page");
        let got: Vec<(String, Option<u32>)> =
            toc.entries.iter().map(|e| (crate::text::title_key(&e.text), e.page)).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], (crate::text::title_key("第1章 調査の概要"), Some(3)));
        assert_eq!(got[2].1, Some(9));
    }

    #[test]
    fn question_titles_with_their_leaders_on_the_next_line() {
        // reportlab's contents: each title (a question here) over its leader and page number.
        let zh = "目录\n一、参保\n . . . . . . . . 1\n1.哪些人可以参保？\n . . . . . . . . 1\n2.错过了缴费时间，怎么办？\n . . . . . . . . 2\n3.能在外地看病吗？\n . . . . . . . . 3\n一、参保\n正文从这里开始。\n";
        let en = "Contents\nPart One\n . . . . . . . . 1\nWho can join?\n . . . . . . . . 1\nI missed the date, what now?\n . . . . . . . . 2\nCan I see a doctor abroad?\n . . . . . . . . 3\nPart One\nThe text starts here.\n";
        for text in [zh, en] {
            let lines = split_lines(text);
            let toc = find_printed_toc(&lines).expect("a contents page");
            let pages: Vec<Option<u32>> = toc.entries.iter().map(|e| e.page).collect();
            assert_eq!(
                pages,
                [Some(1), Some(1), Some(2), Some(3)],
                "{:?}",
                toc.entries.iter().map(|e| &e.text).collect::<Vec<_>>()
            );
            assert_eq!(toc.lines.end, 9, "the body stays");
        }
    }

    #[test]
    fn entry_titles_cut_into_pieces_before_their_leaders() {
        // mutool: the entry's number, its title and its leader each on a line;
        // pdftotext: two titles, then the two leaders.
        let zh = "目录\n\n甲、开户......2\n\n1.\n  谁可以开户？\n \n ..........2\n\n2.\n  开户要带什么证件？\n \n ..........3\n\n\
                  3.柜台几点关门？\n4.可以请别人代办吗？\n\n .......... 4\n\n .......... 4\n\n甲、开户\n\n本行各网点都可以开户。\n";
        let en = "Contents\n\nPart A. Opening......2\n\n1.\n  Who may open one?\n \n ..........2\n\n2.\n  What papers do I bring?\n \n ..........3\n\n\
                  3. When does the desk close?\n4. May someone go for me?\n\n .......... 4\n\n .......... 4\n\nPart A. Opening\n\nAny branch opens accounts.\n";
        for text in [zh, en] {
            let lines = split_lines(text);
            let toc = find_printed_toc(&lines).expect("a contents page");
            let body = lines.iter().rposition(|l| l.text.starts_with("甲") || l.text.starts_with("Part")).unwrap();
            assert_eq!(toc.lines.end, body - 1, "{:?}", toc.entries);
            assert_eq!(toc.entries.len(), 5, "{:?}", toc.entries);
        }
        // A title's pieces must end at a leader: short prose lines after the heading do not.
        let prose = "Contents\n\nThis is not\na contents page\nat all.\n\n12\n";
        assert!(find_fragmented_toc(&split_lines(prose)).is_none());
    }

    #[test]
    fn the_bodys_first_folio_does_not_extend_the_contents() {
        let zh = "目录\n\n第一章 总则..........2\n\n第二章 管理..........5\n\n第三章 附则..........9\n\n\u{c}\n松原区河道保洁办法\n\n（2031 年 4 月 2 日区政府会议审议通过）\n\n1\n\n\u{c}\n第一章 总则\n\n第一条 为了保持河道清洁，制定本办法。\n";
        let en = "Contents\n\nOne: Scope..........2\n\nTwo: Upkeep..........5\n\nThree: Final Rules..........9\n\n\u{c}\nThe Pond Rules\n\n(as agreed by the parish on 2 April)\n\n1\n\n\u{c}\nOne: Scope\n\nThese rules keep the pond clean.\n";
        for text in [zh, en] {
            let lines = split_lines(text);
            let toc = find_printed_toc(&lines).expect("a contents page");
            assert_eq!(toc.entries.len(), 3, "{:?}", toc.entries);
            assert!(toc.lines.end <= 7, "the body's title and note stay: {:?}", toc.lines);
        }
        // A page number that restarts on a leader of its own is an entry's.
        let restart = "Contents\n\nForeword..........ii\n\nPreface..........iv\n\nMaps..........vii\n\nIntroduction..........ix\n\nOne: Scope\n\n..........1\n\nOne: Scope\n\nThe text.\n";
        let toc = find_printed_toc(&split_lines(restart)).expect("a contents page");
        assert_eq!(toc.entries.last().map(|e| (e.text.as_str(), e.page)), Some(("One: Scope", Some(1))));
    }

    #[test]
    fn a_contents_page_runs_over_a_page_break() {
        let gap = " ".repeat(40);
        let zh = format!(
            "目录\n第一章 开户..........1\n第二章 挂失..........4\n第三章 销户..........7\n\x0c2{gap}松原区储蓄所{gap}业务须知{gap}办事指南\n\n\n附录..........9\n\n第一章 开户\n\n本所各窗口都可以开户，请带好证件。\n"
        );
        let en = format!(
            "Contents\nOne: Opening..........1\nTwo: Losses..........4\nThree: Closing..........7\n\x0cii{gap}The Pond Savings Bank{gap}A Guide for Members{gap}Front Matter\n\n\nIndex..........9\n\nOne: Opening\n\nAny branch opens accounts; bring a paper with your name.\n"
        );
        for text in [zh, en] {
            let lines = split_lines(&text);
            let toc = find_printed_toc(&lines).expect("a contents page");
            assert_eq!(toc.entries.last().map(|e| e.page), Some(Some(9)), "{:?}", toc.entries);
            assert!(lines[toc.lines.end..].iter().any(|l| l.text.starts_with("本所") || l.text.starts_with("Any")));
        }
    }

    #[test]
    fn columns_read_before_the_contents_heading() {
        // pdfminer: the numbers, the titles, then the heading; a title page above stays.
        let zh = "松原区河道保洁办法\n\n松原区水务局\n\n2\n\n4\n\n7\n\n第一章 总则\n\n第二章 保洁\n\n第三章 附则\n\n目录\n\n第一章\n总则\n\n第一条 为了保持河道清洁，制定本办法。\n\n第二章\n保洁\n\n第二条 河道每日清扫一次。\n\n第三章\n附则\n\n第三条 本办法自公布之日起生效。\n";
        let en = "The Pond Rules\n\nThe Parish Council\n\nOne: Scope\n\nTwo: Upkeep\n\nThree: Final Rules\n\n2\n\n4\n\n7\n\nContents\n\nOne: Scope\n\nThese rules keep the pond clean.\n\nTwo: Upkeep\n\nThe pond is swept each day.\n\nThree: Final Rules\n\nThese rules start today.\n";
        for text in [zh, en] {
            let lines = split_lines(text);
            let toc = find_printed_toc(&lines).expect("a contents page");
            assert_eq!(toc.found_by, "columns_above_heading", "{:?}", toc.entries);
            assert_eq!(toc.entries.iter().map(|e| e.page).collect::<Vec<_>>(), [Some(2), Some(4), Some(7)]);
            assert_eq!(toc.lines.start, 4, "the title page stays");
        }
        // Short lines and numbers above a contents heading the body does not echo stay.
        let table = "Apples\n\nPears\n\nPlums\n\n2\n\n4\n\n7\n\nContents\n\nThe crate held fruit of every kind.\n";
        assert!(find_printed_toc(&split_lines(table)).is_none());
    }

    #[test]
    fn enumerated_titles_before_their_leaders_despite_their_commas() {
        assert_eq!(title_before_leader(&format!("一、總則{}", " .".repeat(20))), Some("一、總則"));
        assert_eq!(title_before_leader(&format!("第3章　目的、範囲{}", " .".repeat(20))), Some("第3章　目的、範囲"));
        // Prose that trails off is no entry.
        assert_eq!(title_before_leader("他想了想，说道：“那就这样吧……"), None);
        let zh = "目錄\n\n一、辦理緣由 . . . . . . . . . .\n1\n\n二、預期成效 . . . . . . . . . .\n2\n\n三、推動方式 . . . . . . . . . .\n3\n\n一、辦理緣由\n\n本鎮圖書館去年改建。\n";
        let toc = find_printed_toc(&split_lines(zh)).expect("a contents page");
        assert_eq!(toc.entries.iter().map(|e| e.page).collect::<Vec<_>>(), [Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn leaders_ocr_misread_still_close_entries() {
        // Tesseract reads a leader as dots, digits and letters, and the page
        // number sometimes not at all: the contents page is still one.
        let en = "Contents\n\nMorning by the River... 0.0... eee nee 1\nWhy Kettles Sing ......... 0c eee eee eens 3\nAn Old Map... 1... 0.0... . cc nee eee fs)\nThe Ferry Home 2.0... ee nee en eee eens 7\n\nMorning by the River\n\nThe river was quiet at dawn, and the boats lay still.\n\nWhy Kettles Sing\n\nWater hums before it boils.\n\nAn Old Map\n\nThe map showed a road that is gone.\n\nThe Ferry Home\n\nWe crossed at dusk.\n";
        let zh = "目录\n\n第一章 总则. . 0.0... ee 1\n第二章 河道管理......... 0c eee eee 3\n第三章 堤防... 1... 0.0... . cc nee\n第四章 附则 2.0... ee nee en 7\n\n第一章 总则\n\n本办法适用于本市河道。\n\n第二章 河道管理\n\n河道两岸不得堆放杂物。\n\n第三章 堤防\n\n堤防每年检查两次。\n\n第四章 附则\n\n本办法自公布之日起施行。\n";
        for text in [en, zh] {
            let lines = split_lines(text);
            let toc = find_printed_toc(&lines).expect("a contents page");
            assert_eq!(toc.lines, 0..6, "{:?}", toc.entries);
            assert_eq!(toc.entries.len(), 4, "{:?}", toc.entries);
            assert_eq!(toc.entries[0].page, Some(1));
        }
        // Without page numbers, the body's headings confirm the entries, one
        // wrapped over two lines among them.
        let en = "Contents\n\nMorning by the River... 0.0... eee nee\nWhy Kettles\nSing ......... 0c eee eee eens\nAn Old Map... 1... 0.0... . cc nee eee fs)\n\nMorning by the River\n\nThe river was quiet at dawn, and the boats lay still.\n\nWhy Kettles Sing\n\nWater hums before it boils.\n\nAn Old Map\n\nThe map showed a road that is gone.\n";
        let zh = "目录\n\n第一章 总则. . 0.0... ee\n第二章 河道\n管理......... 0c eee eee\n第三章 堤防... 1... 0.0... . cc nee\n\n第一章 总则\n\n本办法适用于本市河道。\n\n第二章 河道管理\n\n河道两岸不得堆放杂物。\n\n第三章 堤防\n\n堤防每年检查两次。\n";
        for text in [en, zh] {
            let toc = find_printed_toc(&split_lines(text)).expect("a contents page");
            assert_eq!((toc.found_by, toc.lines.clone()), ("entries_repeated_in_body", 0..6), "{:?}", toc.entries);
            assert_eq!(toc.entries.len(), 3, "{:?}", toc.entries);
        }
        assert_eq!(
            ocr_leader_entry("Night Buses... 0... 00. ee ee eee tenet eens").as_deref(),
            Some("Night Buses ........")
        );
        assert_eq!(ocr_leader_entry("总则. . 0.0... ee 3").as_deref(), Some("总则 ........ 3"));
        // Prose that trails off into words is no entry; a clean leader is left to `parse_entry`.
        assert_eq!(ocr_leader_entry("He waited... and waited, and nobody came."), None);
        assert_eq!(ocr_leader_entry("Chapter 3 The Flood ........ 41"), None);
    }

    #[test]
    fn leaders_ocr_read_as_letters_and_commas() {
        // No three dots left of the leader, only commas and round letters,
        // the page number alone or run into them; and no "Contents" heading.
        assert_eq!(
            ocr_leader_entry("第一章 通則 ,,,, eee eee tenn eeee  1").as_deref(),
            Some("第一章 通則 ........ 1")
        );
        assert_eq!(ocr_leader_entry("はじめに ccc cc cee e eee teens1").as_deref(), Some("はじめに ........ 1"));
        assert_eq!(
            ocr_leader_entry("Field Notes.. tenet nett n etn e bene eens12").as_deref(),
            Some("Field Notes ........ 12")
        );
        // Prose that ends in a number, or a title with a bare page, is no such entry.
        assert_eq!(ocr_leader_entry("She counted the boats at the pier: 3"), None);
        assert_eq!(ocr_leader_entry("第6條 2"), None);
        assert_eq!(ocr_leader_entry("第3條, 1").as_deref(), Some("第3條 ........ 1"));
        assert_eq!(ocr_leader_entry("Article IX, 12").as_deref(), Some("Article IX ........ 12"));
        assert_eq!(ocr_leader_entry("and then we counted, 12"), None);
        assert_eq!(ocr_leader_entry("we are not one 4"), None);
        // A leader shrunk to a dot or two before the number: a title, its page not trusted.
        assert_eq!(ocr_leader_entry("2.1 土壤采样方法. .43").as_deref(), Some("2.1 土壤采样方法 ........"));
        assert_eq!(ocr_leader_entry("Soil Tests in Spring.5").as_deref(), Some("Soil Tests in Spring ........"));
        assert_eq!(ocr_leader_entry("全年增长了3.5"), None);
        let zh = "河港縣漁業自治條例\n\n第一章 通則 ,,,, eee eee tenn eeee  1\n第二章 漁船管理 ,,,,, eee neee  2\n第三章 港區秩序 cee eee3\n第四章 罰則 cece ener eens4\n\n第一章 通則\n\n本條例適用於本縣港區。\n\n第二章 漁船管理\n\n漁船進港應先登記。\n\n第三章 港區秩序\n\n港區內不得堆放雜物。\n\n第四章 罰則\n\n違者處以罰鍰。\n";
        let en = "Notes from the Marsh\n\nPreface ccc cc cee e eee teens1\nThe Reed Beds.. tenet nett n etn e bene eens3\nHerons at Dusk cece eee nee5\nWinter Floods ,,,, eee ee 8\n\nPreface\n\nThese notes began as letters.\n\nThe Reed Beds\n\nThe reeds grow taller than a man.\n\nHerons at Dusk\n\nThe herons come back at dusk.\n\nWinter Floods\n\nIn winter the marsh floods.\n";
        for text in [zh, en] {
            let toc = find_printed_toc(&split_lines(text)).expect("a contents page");
            assert_eq!(toc.lines, 2..6, "{:?}", toc.entries);
            let pages: Vec<Option<u32>> = toc.entries.iter().map(|e| e.page).collect();
            assert_eq!(pages.len(), 4, "{:?}", toc.entries);
            assert!(pages.windows(2).all(|w| w[0] < w[1]), "{:?}", toc.entries);
        }
    }

    #[test]
    fn questions_before_their_leaders_are_titles() {
        // Each title and its leader on one line, the page numbers after, as
        // one column (pdfminer) or one under each title: a question is a title.
        let leader = " .".repeat(20);
        let ja = format!("目次\n\n川辺の朝{leader}\n\n雨の日に傘を忘れるのはなぜ？{leader}\n\n古い地図{leader}\n\n1\n\n3\n\n5\n\n川辺の朝\n\n朝の川は静かだった。\n");
        let en = format!("Contents\n\nMorning by the River{leader}\n1\n\nWhy Does the Kettle Sing?{leader}\n3\n\nAn Old Map{leader}\n5\n\nMorning by the River\n\nThe river was quiet at dawn.\n");
        for text in [ja, en] {
            let toc = find_printed_toc(&split_lines(&text)).expect("a contents page");
            let pages: Vec<Option<u32>> = toc.entries.iter().map(|e| e.page).collect();
            assert_eq!(pages, [Some(1), Some(3), Some(5)], "{:?}", toc.entries);
        }
        assert_eq!(
            title_before_leader(&format!("Why Does the Kettle Sing?{leader}")),
            Some("Why Does the Kettle Sing?")
        );
        // A question inside prose is no title.
        assert_eq!(title_before_leader(&format!("はい、そうですか？{leader}")), None);
        assert_eq!(title_before_leader(&format!("Really, who knows?{leader}")), None);
    }

    #[test]
    fn titles_counted_in_any_numerals_before_their_leaders() {
        // Formal numerals (zh-Hant) and iroha (ja) count the entries; each page
        // number stands alone on the line after the leader.
        let leader = " .".repeat(20);
        let zh = format!("目錄\n\n壹、辦理緣由{leader}\n1\n\n貳、預期成效{leader}\n\n2\n\n參、推動方式{leader}\n\n3\n\n壹、辦理緣由\n\n本鎮圖書館去年改建。\n");
        let ja = format!("目次\n\nイ、調査の目的{leader}\n1\n\nロ、調査の方法{leader}\n\n2\n\nハ、結果の概要{leader}\n\n4\n\nイ、調査の目的\n\n本調査は市内の交通を対象とした。\n");
        for text in [zh, ja] {
            let lines = split_lines(&text);
            let toc = find_printed_toc(&lines).expect("a contents page");
            assert_eq!(toc.entries.len(), 3, "{:?}", toc.entries);
            assert_eq!(toc.lines.end, 12, "the page runs to the last number, the body stays");
        }
        assert_eq!(title_before_leader(&format!("貳、預期成效{leader}")), Some("貳、預期成效"));
        // A sentence with a list comma in it is still prose.
        assert_eq!(title_before_leader("我们买了苹果、梨和桃子，然后回家……"), None);
        assert!(!is_enumerated_label("Apples、pears and plums, then home"));
    }

    #[test]
    fn numbered_titles_over_their_page_numbers_without_leaders() {
        // Typst's contents through pdftotext: each title on a line of its
        // own, its page number alone on the next, no leader; the titles carry
        // their numbers' enumeration commas.
        let zh = "目錄\n壹、辦理緣由\n\n1\n\n貳、預期成效\n\n2\n\n一、擴充館藏與閱覽空間\n\n3\n\n（一）兒童閱覽室\n\n3\n\n參、推動方式\n\n4\n\n壹、辦理緣由\n\n本鎮圖書館去年改建。\n";
        let ja = "目次\n一、調査の目的\n\n1\n\n二、調査の方法\n\n2\n\n（一）聞き取り\n\n3\n\n（二）アンケート\n\n3\n\n三、結果の概要\n\n4\n\n一、調査の目的\n\n本調査は町内の図書館の利用を対象とした。\n";
        for text in [zh, ja] {
            let lines = split_lines(text);
            let toc = find_printed_toc(&lines).expect(text);
            assert_eq!(toc.entries.len(), 5, "{:?}", toc.entries);
            assert_eq!(toc.entries.last().and_then(|e| e.page), Some(4));
            assert_eq!(toc.lines.end, 20, "the page runs to the last number, the body stays");
        }
    }

    #[test]
    fn page_numbers_read_before_their_titles_keep_the_last_title() {
        let zh = "目錄\n1\n舊書攤\n4\n雨夜聽蛙\n9\n燈下\n舊書攤\n那年夏天，我在街角的舊書攤前站了一個下午。\n燈下\n夜深了。\n";
        let en = "Contents\n1\nThe Ferry\n4\nLow Tide\n9\nNight Buses\nThe Ferry\nThe ferry left at six, and nobody on it spoke.\nNight Buses\nThe last bus was late.\n";
        for text in [zh, en] {
            let lines = split_lines(text);
            let toc = find_printed_toc(&lines).expect("a contents page");
            let pages: Vec<Option<u32>> = toc.entries.iter().map(|e| e.page).collect();
            assert_eq!(pages, [Some(1), Some(4), Some(9)], "{:?}", toc.entries);
            assert_eq!(toc.lines, 0..7, "the last title is the page's, the body's first heading stays");
        }
        // A chapter label opening the body after the contents page's own folio stays.
        let text = "Contents\n. . . . . . 1\nONE The Ferry\n. . . . . . 4\nTWO Low Tide\n. . . . . . 9\nTHREE Night Buses\n. . . . . . 12\nFOUR Home\ni\nONE\nThe Ferry\nThe ferry left at six, and nobody on it spoke.\n";
        let toc = find_printed_toc(&split_lines(text)).expect("a contents page");
        assert_eq!(toc.lines.end, 10, "{:?}", toc.entries);
    }

    #[test]
    fn a_contents_heading_without_leaders_or_numbers_is_not_taken_apart() {
        let text = "目录\n\n第一章 风起\n\n第二章 云涌\n\n天色已晚，他推开了门。\n";
        assert!(find_fragmented_toc(&split_lines(text)).is_none());
    }

    #[test]
    fn contents_without_page_numbers_matched_against_the_body() {
        let text = "CONTENTS\n\n  PART I. WENLOW\n\n      CHAPTER I.    THE LETTER\n      CHAPTER II.   A STRANGER\n\n\n\
            PART I.\n\nWENLOW\n\nCHAPTER I.\nTHE LETTER\n\nIt came on a Tuesday.\n\nCHAPTER II.\nA STRANGER\n\nHe knocked.\n";
        let lines = split_lines(text);
        let toc = find_printed_toc(&lines).expect("a toc");
        let titles: Vec<&str> = toc.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(titles, ["PART I. WENLOW", "CHAPTER I.    THE LETTER", "CHAPTER II.   A STRANGER"]);
        assert_eq!(toc.lines, 0..6);
        // A list the body never repeats is not a TOC.
        assert!(find_printed_toc(&split_lines("Contents\n\nApples\nPears\nPlums\n\nWe grow fruit.\n")).is_none());
    }

    #[test]
    fn no_toc_in_prose_or_short_lists() {
        let text = "He counted: apples 3\npears 4\n\nThen he left……\n\nShe waited.....\n\nAnd waited 2\n";
        assert!(find_printed_toc(&split_lines(text)).is_none());
        let figures = "2019年 产量 100\n2020年 产量 90\n2021年 产量 80\n2022年 产量 70\n";
        assert!(find_printed_toc(&split_lines(figures)).is_none(), "falling numbers are a table, not a TOC");
    }

    #[test]
    fn calibre_bookmarks_after_the_text_are_an_outline() {
        let para = "The river rose for three days and everyone moved to higher ground.".repeat(3);
        let text = format!(
            "1 Introduction\n\n{para}\n\n2 Method\n\n{para}\n\n2.1 Setup\n\n{para}\n\n3 Results\n\n{para}\n\nDocument Outline\n\n\n1 Introduction\n\n2 Method 2.1 Setup\n\n\n\n3 Results\n"
        );
        let lines = split_lines(&text);
        let outline = find_appended_outline(&lines).expect("the outline");
        assert_eq!(lines[outline.lines.start].text, "Document Outline");
        assert_eq!(outline.lines.end, lines.len());
        let titles: Vec<&str> = outline.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(titles, ["1 Introduction", "2 Method", "2.1 Setup", "3 Results"]);
        // Numbered entries rank by their numbers, not by the outline's depth.
        assert!(outline.entries.iter().all(|e| e.indent == 0));
    }

    #[test]
    fn calibre_bookmarks_may_be_questions() {
        let zh_para = "开户以后，存折和密码要分开保管，丢失了要尽快挂失。".repeat(3);
        let zh = format!(
            "甲、开户\n\n1.谁可以开户？\n\n{zh_para}\n\n2.要带什么证件？\n\n{zh_para}\n\n乙、挂失\n\n3.存折丢了怎么办？\n\n{zh_para}\n\n\
             Document Outline\n\n\n甲、开户 1.谁可以开户？\n\n2.要带什么证件？\n\n\n\n乙、挂失 3.存折丢了怎么办？\n"
        );
        let en_para = "Keep the card and the code apart, and report a loss at once.".repeat(3);
        let en = format!(
            "A. Opening\n\n1. Who may open one?\n\n{en_para}\n\n2. What do I bring?\n\n{en_para}\n\nB. Losses\n\n3. What if I lose it?\n\n{en_para}\n\n\
             Document Outline\n\n\nA. Opening 1. Who may open one?\n\n2. What do I bring?\n\n\n\nB. Losses 3. What if I lose it?\n"
        );
        for text in [zh, en] {
            let lines = split_lines(&text);
            let outline = find_appended_outline(&lines).expect("the outline");
            assert_eq!(outline.found_by, "calibre_document_outline");
            assert_eq!(outline.entries.len(), 5);
        }
        // Prose after the label that the body does not contain stays.
        let prose = "One\n\nThe text.\n\nDocument Outline\n\nWhat did we learn?\n\nNot much, it seems.\n";
        assert!(find_appended_outline(&split_lines(prose)).is_none());
    }

    #[test]
    fn calibre_nesting_gives_the_outline_depths() {
        // A label and its first item share a line; a wide gap closes the label's list.
        let zh_para = "今年全市新建口袋花园十二处，居民在家门口就能散步、下棋。".repeat(3);
        let zh = format!(
            "城建简讯\n\n河西旧街改造启动\n\n{zh_para}\n\n北湖步道贯通\n\n{zh_para}\n\n社区来信\n\n\
             老楼加装电梯的烦恼\n\n{zh_para}\n\nDocument Outline\n\n\n城建简讯 河西旧街改造启动\n\n北湖步道贯通\n\n\n\n\n\n\
             社区来信 老楼加装电梯的烦恼\n"
        );
        let en_para = "Soak the beans overnight and drain them before the fire is lit.".repeat(3);
        let en = format!(
            "Soups\n\nBarley Broth\n\n{en_para}\n\nGreen Pea Soup\n\n{en_para}\n\nPuddings\n\n\
             Rice Pudding\n\n{en_para}\n\nDocument Outline\n\n\nSoups Barley Broth\n\nGreen Pea Soup\n\n\n\n\n\n\
             Puddings Rice Pudding\n"
        );
        for text in [zh, en] {
            let lines = split_lines(&text);
            let outline = find_appended_outline(&lines).expect("the outline");
            let depths: Vec<usize> = outline.entries.iter().map(|e| e.indent).collect();
            assert_eq!(depths, [0, 1, 1, 0, 1], "{text}");
        }
    }

    #[test]
    fn an_outline_line_is_cut_only_into_lines_of_the_body() {
        let known: std::collections::HashSet<String> =
            ["chapter3", "openingday", "第二章", "阀门检修", "泵房巡查"].into_iter().map(String::from).collect();
        // `Chapter 3` alone is a bare label, not an entry of its own.
        assert_eq!(outline_pieces("Chapter 3 Opening Day", &known), ["Chapter 3 Opening Day"]);
        assert_eq!(outline_pieces("第二章 阀门检修", &known), ["第二章 阀门检修"]);
        assert_eq!(outline_pieces("A Title Nobody Printed", &known), ["A Title Nobody Printed"]);
        assert_eq!(outline_pieces("阀门检修 泵房巡查", &known), ["阀门检修", "泵房巡查"]);
        assert_eq!(outline_pieces("Opening Day Chapter 3", &known), ["Opening Day Chapter 3"]);
    }

    #[test]
    fn a_flat_contents_page_takes_the_depths_of_a_nesting_outline() {
        let toc = |entries: &[(&str, usize)], found_by| PrintedToc {
            lines: 0..1,
            entries: entries
                .iter()
                .map(|&(t, indent)| TocLine { text: t.to_string(), page: Some(1), indent, label: false })
                .collect(),
            found_by,
        };
        for (chapter, recipe, other) in [("Soups", "Barley Broth", "Puddings"), ("汤羹", "大麦汤", "点心")] {
            let mut printed = toc(&[(chapter, 0), (recipe, 0), (other, 0)], "leader_entries");
            let outline = toc(&[(chapter, 0), (recipe, 1), (other, 0)], "calibre_document_outline");
            nest_by_outline(&mut printed, &outline);
            let depths: Vec<usize> = printed.entries.iter().map(|e| e.indent).collect();
            assert_eq!(depths, [0, 1, 0]);
        }
    }

    #[test]
    fn contents_at_the_back_repeating_the_headings_are_an_outline() {
        let para = "雨下了三天，河水一直在涨，镇上的人都搬到了高处。".repeat(4);
        let text = format!(
            "第一章 河水\n\n{para}\n\n第二章 渡口\n\n{para}\n\n第三章 重新上弦\n\n{para}\n\n篇目\n\n第一章 河水\n\n第二章 渡口\n\n第三章 重新上弦\n"
        );
        let lines = split_lines(&text);
        let outline = find_appended_outline(&lines).expect("the outline");
        assert_eq!(lines[outline.lines.start].text, "篇目");
        assert_eq!(outline.entries.len(), 3);
        assert_eq!(outline.found_by, "appended_outline");
    }

    #[test]
    fn a_refrain_repeated_at_the_end_is_not_an_outline() {
        let para = "We walked along the water for a long time and said nothing at all.".repeat(3);
        let text = format!(
            "One\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n\nSlipway and sandbar\nshingle and stone\nwalk it alone\n\nThe last time\n\nSlipway and sandbar\nshingle and stone\nwalk it alone\n"
        );
        assert!(find_appended_outline(&split_lines(&text)).is_none());
    }

    #[test]
    fn an_outline_needs_its_title_line_and_three_entries() {
        let para = "雨下了三天，河水一直在涨，镇上的人都搬到了高处。".repeat(4);
        // The last lines repeat headings, but the line above them is one too.
        let text = format!("第一章 河水\n\n{para}\n\n第二章 渡口\n\n{para}\n\n第一章 河水\n\n第二章 渡口\n");
        assert!(find_appended_outline(&split_lines(&text)).is_none());
    }
}
