//! Page furniture: folios (printed page numbers) and running heads/feet.
//!
//! Takes the document's lines; returns which lines are furniture and where
//! pages end. Page ends come from form feeds or, when the extraction dropped
//! them, from the rhythm of folio lines: a run of numbers rising by one or two
//! that recur every page-worth of text. A number line that is content (a list
//! of figures, a stanza number) lacks that rhythm and stays.

use super::Line;
use crate::limits::{
    MAX_FOLIO_STEP, MAX_RUNNING_HEAD_WIDTH, MAX_TITLE_PAGE_LINE_WIDTH, MIN_DECORATED_RUN, MIN_FOLIO_GAP, MIN_FOLIO_RUN,
    MIN_PAGE_CHARS, MIN_RUNNING_HEAD_PAGES, MIN_TITLE_RUN_HEADINGS, PAGE_EDGE_LINES,
};
use crate::scan::heading::Family;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a folio line looks like; returns the page number it shows.
///
/// `12`, `- 12 -`, `— 12 —`, `·12·`, `第 12 页`, `第12页 共30页`, `第3頁`, `3頁`, `Page 12`,
/// `page 12 of 30`, `12 / 30`, and lower-case roman numerals (`xii`, front matter).
/// The bool is true for decorated forms, which need less rhythm evidence.
pub fn parse_folio(line: &str) -> Option<(u32, bool)> {
    static PLAIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,4}$").unwrap());
    static DECORATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:[-–—‒―~～·•・‧∙.]\s*(?P<a>\d{1,4}|[ivxlc]{1,7})\s*[-–—‒―~～·•・‧∙.]",
            r"|第?\s*(?P<b>\d{1,4}|[ivxlc]{1,7})\s*[页頁](?:\s*[,，/]?\s*共\s*\d{1,4}\s*[页頁])?",
            r"|(?i:page|p\.)\s*(?P<c>\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?",
            r"|(?P<d>\d{1,4})\s*/\s*\d{1,4}",
            r"|[\[(（](?P<e>\d{1,4})[\])）])$"
        ))
        .unwrap()
    });
    static ROMAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[ivxlc]{1,7}$").unwrap());
    let t = line.trim();
    if PLAIN.is_match(t) {
        return t.parse().ok().map(|n| (n, false));
    }
    if let Some(c) = DECORATED.captures(t) {
        let n = ["a", "b", "c", "d", "e"].iter().find_map(|k| c.name(k))?.as_str();
        return n.parse().ok().or_else(|| roman_value(n)).map(|n| (n, true));
    }
    if ROMAN.is_match(t) {
        return roman_value(t).map(|n| (n, true));
    }
    // `Ⅳ`, `ⅳ`: the Unicode roman numerals a typesetter or OCR may use.
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(n) = crate::scan::heading::unicode_roman_value(c) {
            return Some((n, true));
        }
    }
    None
}

/// Whether a folio is printed in roman numerals (front matter: `xiv`, `Ⅳ`).
fn is_roman_folio(line: &str) -> bool {
    // (`— iv —`, `Page iv`, `第iv页` are decorated roman.)
    static FRAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:(?i:page|p\.)\s*|第\s*)?(?P<n>.*?)\s*[页頁]?$").unwrap());
    let t = line.trim().trim_matches(|c: char| c.is_whitespace() || "-–—‒―~～·•・‧∙.".contains(c));
    let t = FRAME.captures(t).and_then(|c| c.name("n")).map_or(t, |n| n.as_str());
    !t.is_empty()
        && (t.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c'))
            || t.chars().all(|c| crate::scan::heading::unicode_roman_value(c).is_some()))
}

/// A folio and a running head on one line: `12        THE LONG RAIN` or
/// `THE RELIEF BOAT        13`, `第 3 页    年度报告`. Returns the number and the head.
pub fn folio_with_running_head(line: &str) -> Option<(u32, &str)> {
    let t = line.trim();
    let gap = " ".repeat(MIN_FOLIO_GAP);
    if let Some((num, head)) = t.split_once(&gap) {
        if let Some((n, _)) = parse_folio(num) {
            let head = head.trim();
            return (!head.is_empty() && head.chars().any(char::is_alphabetic) && !crate::text::ends_sentence(head))
                .then_some((n, head));
        }
    }
    let (head, num) = t.rsplit_once(&gap)?;
    let (n, _) = parse_folio(num)?;
    let head = head.trim();
    (!head.is_empty() && head.chars().any(char::is_alphabetic) && !crate::text::ends_sentence(head))
        .then_some((n, head))
}

/// `Okafor et al. 5`, `6 Rooftop harvesting in Lagos`: a short title-like
/// line with a page number at one end, one space away.
/// The folio may be decorated (`·2· 街道简报`, `本周要闻 ·3·`).
fn head_then_folio(line: &str) -> Option<(u32, &str)> {
    let t = line.trim();
    // An arabic number, bare or decorated, as one word.
    let folio = |w: &str| parse_folio(w).filter(|_| w.chars().any(|c| c.is_ascii_digit())).map(|(n, _)| n);
    let (head, n) = match t.rsplit_once(' ') {
        Some((h, w)) if folio(w).is_some() => (h, folio(w)?),
        _ => {
            let (w, h) = t.split_once(' ')?;
            (h, folio(w)?)
        }
    };
    // (`et al.` ends in a full stop; a sentence would have more inside it.)
    let plain_head = head.chars().any(char::is_alphabetic)
        && !crate::text::has_prose_punct(head)
        && !head.ends_with(['!', '?', '。', '！', '？']);
    // `6 Rooftop…` also reads as a numbered heading; the head's recurring
    // across pages (checked by the caller) tells them apart. A chapter
    // pattern (`CHAPTER 5`) never is a running head, unless the head is a
    // whole chapter heading without the number (`第一卷 山居 2`: the volume's
    // head, then its folio).
    use crate::scan::heading::recognise;
    let chapter = |s: &str| recognise(s).is_some_and(|f| !f.family.is_numbered());
    let chapter_like = chapter(t) && !chapter(head);
    (plain_head && crate::text::display_width(head) <= MAX_RUNNING_HEAD_WIDTH && !chapter_like).then_some((n, head))
}

/// A decorated folio glued to the end or the start of a line of text, as
/// extractors without page breaks leave it (pypdf, calibre, `pdftotext -raw`):
/// `…September 2023 ·1·`, `WHAT THE TIDE LEAVES — 3 —`, `2023-11-02—i—`,
/// `Page 2 The second…`, `第 4 頁 參、推動方式`.
/// Returns the folio's number and its byte range in the line.
fn glued_folio(line: &str) -> Option<(u32, std::ops::Range<usize>)> {
    static END: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"\S\s*(?P<f>{DECORATED_FOLIO})\s*$")).unwrap());
    // At a line's start the folio is followed by the page's head or first
    // heading (`Page 4 街道简报`, `— 4 — The Ferryman's Story`), never by a
    // lower-case word (`Page 3 shows…` is a sentence about a page).
    static START: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^\s*(?P<f>{DECORATED_FOLIO})\s+[^\s\p{{Ll}}]")).unwrap());
    let caps = END.captures(line).or_else(|| START.captures(line))?;
    let f = caps.name("f")?;
    let value = decorated_folio_value(&caps)?;
    Some((value, f.start()..f.end()))
}

/// The folio decorations an extractor leaves glued to text or alone on a
/// line: `— 3 —`, `- 3 -`, `·3·`, `Page 3`, `第 3 页` (roman in the first and
/// third); the number is in the group `a`–`e`.
const DECORATED_FOLIO: &str = r"(?:[—–]\s*(?P<a>\d{1,4}|[ivxlc]{1,7})\s*[—–]|-\s+(?P<b>\d{1,4})\s+-|·\s*(?P<c>\d{1,4}|[ivxlc]{1,7})\s*·|Page\s+(?P<d>\d{1,4})|第\s*(?P<e>\d{1,4})\s*[页頁])";

/// The number a [`DECORATED_FOLIO`] match shows, arabic or roman.
fn decorated_folio_value(caps: &regex::Captures) -> Option<u32> {
    let n = ["a", "b", "c", "d", "e"].iter().find_map(|k| caps.name(k))?.as_str();
    n.parse().ok().or_else(|| roman_value(n))
}

/// A decorated arabic folio that is the whole line: `·3·`, `— 12 —`, `- 4 -`,
/// `Page 7`, `第 5 页`.
fn standalone_decorated_folio(line: &str) -> Option<u32> {
    static WHOLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^\s*{DECORATED_FOLIO}\s*$")).unwrap());
    let caps = WHOLE.captures(line)?;
    let arabic = ["a", "b", "c", "d", "e"].iter().find_map(|k| caps.name(k))?.as_str();
    arabic.parse().ok()
}

/// Glued folios that form a page rhythm: arabic numbers that rise, at least
/// two with the same folios standing alone counted in, with roman ones before
/// them (front matter). Each is the line's index and the folio's byte range
/// in it.
pub fn glued_folios(lines: &[Line]) -> Vec<(usize, std::ops::Range<usize>)> {
    let found: Vec<(usize, u32, std::ops::Range<usize>, bool)> = lines
        .iter()
        .filter_map(|l| {
            glued_folio(&l.text).map(|(n, r)| (l.index, n, r.clone(), l.text[r].chars().any(|c| c.is_ascii_digit())))
        })
        .collect();
    // The same folios standing on lines of their own (`·3·`) carry the
    // rhythm too: a head glued to its folio only on some pages (a section's
    // opening page, `一、…回顾 ·2·`) falls into the run of the others.
    let mut arabic: Vec<(usize, u32, bool)> = found.iter().filter(|f| f.3).map(|f| (f.0, f.1, true)).collect();
    if !arabic.is_empty() {
        arabic.extend(lines.iter().filter_map(|l| standalone_decorated_folio(&l.text).map(|n| (l.index, n, true))));
        arabic.sort_by_key(|a| a.0);
    }
    let chain: Vec<usize> = longest_rising_chain(&arabic).into_iter().map(|k| arabic[k].0).collect();
    if chain.len() < MIN_DECORATED_RUN || !chain.iter().any(|&i| found.iter().any(|f| f.0 == i)) {
        return Vec::new();
    }
    // (A head set a gap apart from its folio, `-layout`'s `The Stair      —3—`,
    // lends the chain its number but stays one furniture line for `find_furniture`.)
    let mut folios: Vec<(usize, std::ops::Range<usize>)> = found
        .iter()
        .filter(|f| chain.contains(&f.0) || (!f.3 && f.0 < chain[0]))
        .filter(|f| folio_with_running_head(&lines[f.0].text).is_none())
        .map(|f| (f.0, f.2.clone()))
        .collect();
    folios.extend(folios_alone_in_a_glued_run(lines, &chain, |i| found.iter().any(|f| f.0 == i)));
    folios.sort_by_key(|f| f.0);
    folios
}

/// The folios of a glued run that stand on lines of their own (`…September
/// 1889.` ⏎ `— 1 —` ⏎ … `The Mill — 3 —`, `·2·` among `…完成。·3·`): the
/// pages whose folio no text ran into, too few for a decorated chain of
/// their own, and the roman ones before the run (`— i —` under the contents).
/// Each comes whole (its range is the line's text), to go as a line.
fn folios_alone_in_a_glued_run(
    lines: &[Line],
    chain: &[usize],
    glued: impl Fn(usize) -> bool,
) -> Vec<(usize, std::ops::Range<usize>)> {
    static WHOLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^\s*{DECORATED_FOLIO}\s*$")).unwrap());
    let whole = |i: usize| {
        let t = &lines[i].text;
        let start = t.len() - t.trim_start().len();
        (i, start..t.trim_end().len())
    };
    let roman_before = lines[..chain[0]].iter().filter(|l| WHOLE.is_match(&l.text) && is_roman_folio(&l.text));
    chain.iter().copied().filter(|&i| !glued(i)).chain(roman_before.map(|l| l.index)).map(whole).collect()
}

/// Lines whose glued folio was cut (`cut`) and whose rest is the page's
/// running head: a title-like rest that another such line repeats, or that
/// stands as a line of its own elsewhere (the heading or the title the head
/// repeats: `Page 2 一、综合` ⏎ `一、综合`, `1 Introduction Page 1` ⏎ `1 Introduction`).
/// A rest that is text (`（本报供稿）·2·`, `…whatever. — 4 —`) repeats nothing and stays.
pub fn heads_beside_glued_folios(lines: &[Line], cut: &[usize]) -> Vec<usize> {
    let key = |l: &Line| crate::text::title_key(&l.text);
    let head_like = |l: &Line| {
        // (`一、综合` has a list comma: the repeat is the evidence here, not the shape.)
        !l.is_blank()
            && l.width <= MAX_RUNNING_HEAD_WIDTH
            && !crate::text::ends_sentence(l.text.trim())
            && key(l).chars().count() >= 2
    };
    let mut rests: HashMap<String, usize> = HashMap::new();
    for &i in cut.iter().filter(|&&i| head_like(&lines[i])) {
        *rests.entry(key(&lines[i])).or_default() += 1;
    }
    let alone: std::collections::HashSet<String> =
        lines.iter().filter(|l| cut.binary_search(&l.index).is_err() && head_like(l)).map(key).collect();
    cut.iter()
        .copied()
        .filter(|&i| head_like(&lines[i]))
        .filter(|&i| {
            let k = key(&lines[i]);
            rests[&k] >= MIN_DECORATED_RUN || alone.contains(&k)
        })
        .collect()
}

/// Bare page numbers missing from a run of folios already found (beside
/// page edges, by their rhythm, or confirmed by the contents): `3` … `4` …
/// `5`, where pdfminer or calibre set page 4's number among its text, away
/// from any page edge and out of the rhythm. Only a gap the numbers between
/// two folios fill whole and in order counts (`2` … `3` ⏎ `4` … `5`): a
/// list's numbers between two pages neither go on from the page before nor
/// lead up to the page after. `folios`: the folio lines found, in order;
/// `skip` lines are passed over.
pub fn folios_filling_gaps(lines: &[Line], skip: &dyn Fn(usize) -> bool, folios: &[usize]) -> Vec<usize> {
    let number = |i: usize| {
        let t = &lines[i].text;
        (!is_roman_folio(t))
            .then(|| parse_folio(t).map(|(n, _)| n).or_else(|| folio_with_running_head(t).map(|(n, _)| n)))
            .flatten()
    };
    let found: Vec<(usize, u32)> = folios.iter().filter_map(|&i| Some((i, number(i)?))).collect();
    let mut filled = Vec::new();
    for w in found.windows(2) {
        let ((a, m), (b, n)) = (w[0], w[1]);
        if n <= m + 1 || n - m > MAX_FOLIO_STEP {
            continue;
        }
        let inside: Vec<(usize, u32)> = (a + 1..b)
            .filter(|&k| !lines[k].is_blank() && !skip(k))
            .filter_map(|k| {
                parse_folio(&lines[k].text).filter(|_| !is_roman_folio(&lines[k].text)).map(|(v, _)| (k, v))
            })
            .collect();
        if inside.iter().map(|x| x.1).eq(m + 1..n) {
            filled.extend(inside.iter().map(|x| x.0));
        }
    }
    filled
}

/// Value of a lower-case roman numeral, if it is a well-formed one.
fn roman_value(s: &str) -> Option<u32> {
    let digit = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    // Reject malformed numerals such as "iiii" or "vx" by round-tripping.
    let n = u32::try_from(total).ok().filter(|n| *n > 0)?;
    (to_roman(n) == s).then_some(n)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] =
        [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Page furniture found in a document.
#[derive(Debug, Default)]
pub struct Furniture {
    /// Indices of folio lines.
    pub folios: Vec<usize>,
    /// Indices of running head/foot lines.
    pub running_heads: Vec<usize>,
    /// Line indices at which a new page begins.
    pub page_starts: Vec<usize>,
    /// Per furniture line, the condition that decided it (`rising_chain`, `recurring_at_edge`…).
    pub why: HashMap<usize, &'static str>,
}

/// Find folios and running heads among `lines`.
/// `contents`: the lines of the printed contents and of an appended outline,
/// which repeat every title once more and are no evidence of running heads.
/// `taken_heads`: running heads an earlier rule took (blank in `lines`), as
/// they stood; beside folios they are the folios' evidence, but no running
/// head is weighed again.
pub fn find_furniture(lines: &[Line], contents: &[std::ops::Range<usize>], taken_heads: &[Line]) -> Furniture {
    let mut furniture = Furniture::default();
    let mut page_starts: Vec<usize> = lines.iter().filter(|l| l.page_break_before).map(|l| l.index).collect();
    let folios = if taken_heads.is_empty() {
        folio_lines(lines, &page_starts, contents)
    } else {
        let mut with_heads = lines.to_vec();
        for head in taken_heads {
            with_heads[head.index] = head.clone();
        }
        folio_lines(&with_heads, &page_starts, contents)
    };
    let closing = closing_folio(lines, &folios, contents);
    furniture.folios = folios.iter().map(|&(i, _)| i).collect();
    furniture.why.extend(folios);
    // A folio ends its page (or starts it, when it is the page's first line).
    // Beside a form feed the page edge is known: a folio under the page's head
    // (`1 Introduction` ⏎ `Page 1` ⏎ `1 Introduction`) starts no page of its own.
    let form_feeds = page_starts.clone();
    for &f in &furniture.folios {
        if !form_feeds.is_empty() && near_page_edge(lines, f, &form_feeds) {
            continue;
        }
        let next = next_content(lines, f + 1).unwrap_or(lines.len());
        let prev = prev_content(lines, f).map(|p| p + 1).unwrap_or(0);
        let start = if page_starts.binary_search(&prev).is_ok() { prev } else { next };
        if let Err(pos) = page_starts.binary_search(&start) {
            page_starts.insert(pos, start);
        }
    }
    // The document's own start and end are page edges too.
    let mut edges = page_starts.clone();
    edges.insert(0, 0);
    edges.push(lines.len());
    edges.dedup();
    let mut heads = running_head_lines(lines, &edges, &furniture.folios, contents);
    // (Where the recurrence rules took the lower line instead, the upper one
    // is the heading that stays.)
    let taken: Vec<usize> = heads.iter().map(|h| h.0).collect();
    for (i, below, why) in heads_over_their_own_heading(lines, &page_starts, contents) {
        if below.iter().all(|b| taken.binary_search(b).is_err()) {
            if let Err(pos) = heads.binary_search_by_key(&i, |h| h.0) {
                heads.insert(pos, (i, why));
            }
        }
    }
    furniture.running_heads = heads.iter().map(|&(i, _)| i).collect();
    furniture.why.extend(heads);
    furniture.page_starts = page_starts;
    // (Last: one folio alone is no evidence of where the other pages end.)
    if let Some(last) = closing.filter(|c| !furniture.running_heads.contains(c)) {
        furniture.folios.push(last);
        furniture.why.insert(last, "closing_folio");
    }
    furniture
}

fn next_content(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&i| !lines[i].is_blank())
}

fn prev_content(lines: &[Line], before: usize) -> Option<usize> {
    (0..before).rev().find(|&i| !lines[i].is_blank())
}

/// Whether line `i` is within [`PAGE_EDGE_LINES`] content lines of a page edge.
pub(crate) fn near_page_edge(lines: &[Line], i: usize, page_starts: &[usize]) -> bool {
    within_lines_of_page_edge(lines, i, page_starts, PAGE_EDGE_LINES)
}

/// Whether line `i` is within `reach` content lines of a page edge.
fn within_lines_of_page_edge(lines: &[Line], i: usize, page_starts: &[usize], reach: usize) -> bool {
    let content_between = |a: usize, b: usize| (a..b).filter(|&k| !lines[k].is_blank()).count();
    let pos = page_starts.partition_point(|&s| s <= i);
    let after_start = pos.checked_sub(1).map(|p| page_starts[p]).is_some_and(|s| content_between(s, i) < reach);
    let before_end = page_starts.get(pos).is_some_and(|&e| content_between(i + 1, e) < reach);
    after_start || before_end
}

/// A roman number alone beside a page edge after the body's arabic folios
/// have begun (line `at`, the first of them at `body_folios_from`) is a
/// part's number over its title (`Ⅱ` ⏎ `The Harbour` on a part page, `Ⅲ` ⏎
/// `港の町で`), not a folio: roman folios number the front matter, before
/// the body's `1`, and are framed (`第 i 页`, `Page iv`) or in lower case.
fn is_part_number_in_body(line: &str, at: usize, body_folios_from: Option<usize>) -> bool {
    body_folios_from.is_some_and(|first| at > first)
        && is_roman_folio(line)
        && crate::scan::heading::bare_numeral_value(line).is_some()
}

/// Folio candidates that form a page rhythm, each with the condition that decided it.
fn folio_lines(
    lines: &[Line],
    page_starts: &[usize],
    contents: &[std::ops::Range<usize>],
) -> Vec<(usize, &'static str)> {
    // Folios need not stand between blank lines: `pdftotext -raw` runs the
    // foot of one page straight into the next. The chain and rhythm decide.
    // `Okafor et al. 5`: a running head and its folio one space apart (the
    // default `pdftotext` mode) — believed only beside a form feed and when
    // the head recurs, since `CHAPTER 5` or `Table 5` look the same.
    // Without form feeds (pypdf) there is no page edge to stand beside; the
    // head's recurrence with changing numbers and the chain decide alone. A
    // contents entry (`Preface  1`) is a title and its page, not a folio.
    let in_contents = |i: usize| contents.iter().any(|r| r.contains(&i));
    let spaced = |l: &Line| {
        (page_starts.is_empty() && !in_contents(l.index) || near_page_edge(lines, l.index, page_starts))
            .then(|| head_then_folio(&l.text).map(|(n, h)| (n, h.to_string())))
            .flatten()
    };
    // Per head, the numbers beside it: a folio changes page by page, while a
    // numbered heading repeated as the running head (`1 概述` on every page of
    // chapter 1) keeps its number.
    let mut spaced_heads: HashMap<String, Vec<u32>> = HashMap::new();
    for (l, (n, _)) in lines.iter().filter_map(|l| spaced(l).map(|s| (l, s))) {
        spaced_heads.entry(head_key(&l.text)).or_default().push(n);
    }
    let numbers_change = |ns: &[u32]| ns.iter().any(|&n| n != ns[0]);
    // A head that names a heading of the text (`3.2 HOLDING CAPACITY 43` over
    // the section `3.2 Holding capacity`) needs no recurrence.
    let headings: std::collections::HashSet<String> = if spaced_heads.values().any(|ns| ns.len() < MIN_DECORATED_RUN) {
        lines
            .iter()
            .filter(|l| l.width <= MAX_RUNNING_HEAD_WIDTH && spaced(l).is_none())
            .map(|l| crate::text::title_key(&l.text))
            .collect()
    } else {
        Default::default()
    };
    let believed = |l: &Line, head: &str| {
        let ns = &spaced_heads[&head_key(&l.text)];
        (ns.len() >= MIN_DECORATED_RUN && numbers_change(ns)) || headings.contains(&crate::text::title_key(head))
    };
    // The numbers of a contents page are its entries' pages: rising too, but
    // a page apart from nothing, so they must not lend the chain their length.
    let candidates: Vec<(usize, u32, bool)> = lines
        .iter()
        .filter(|l| !l.is_blank() && !in_contents(l.index))
        .filter_map(|l| {
            parse_folio(&l.text)
                .or_else(|| folio_with_running_head(&l.text).map(|(n, _)| (n, true)))
                .or_else(|| spaced(l).filter(|(_, head)| believed(l, head.as_str())).map(|(n, _)| (n, true)))
                .map(|(n, decorated)| (l.index, n, decorated))
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    // The body's arabic folios first: a roman front matter (`i`…`xii`, then
    // `1`…) must not splice into their chain.
    let arabic: Vec<usize> = (0..candidates.len()).filter(|&k| !is_roman_folio(&lines[candidates[k].0].text)).collect();
    let arabic_chain: Vec<usize> = longest_rising_chain(&arabic.iter().map(|&k| candidates[k]).collect::<Vec<_>>())
        .into_iter()
        .map(|k| arabic[k])
        .collect();
    let body_folios_from = (arabic_chain.len() >= MIN_FOLIO_RUN).then(|| candidates[arabic_chain[0]].0);
    // With form feeds, a number beside a page edge is a folio on its own,
    // unless it is a part's roman number inside the body.
    let mut chosen: Vec<(usize, &'static str)> = if page_starts.is_empty() {
        Vec::new()
    } else {
        candidates
            .iter()
            .filter(|c| near_page_edge(lines, c.0, page_starts))
            .filter(|c| !is_part_number_in_body(&lines[c.0].text, c.0, body_folios_from))
            .map(|c| (c.0, "beside_page_break"))
            .collect()
    };
    let chain = if arabic_chain.len() >= MIN_FOLIO_RUN { arabic_chain } else { longest_rising_chain(&candidates) };
    let decorated = chain.iter().filter(|&&k| candidates[k].2).count();
    let enough = chain.len() >= MIN_FOLIO_RUN || (decorated == chain.len() && chain.len() >= MIN_DECORATED_RUN);
    let all_decorated = decorated == chain.len();
    let chain_folios: Vec<(usize, u32)> = chain.iter().map(|&k| (candidates[k].0, candidates[k].1)).collect();
    let rhythm = has_page_rhythm(lines, &chain_folios, all_decorated);
    if enough && (rhythm || beside_one_recurring_line(lines, &chain_folios)) {
        let why = if rhythm { "rising_chain" } else { "rising_beside_running_head" };
        chosen.extend(chain.iter().map(|&k| (candidates[k].0, why)));
        // Front matter numbered in roman before an arabic body: its folios
        // are too few for a rhythm of their own (a one-page preface's `Ⅰ`).
        let first = candidates[chain[0]].0;
        if !is_roman_folio(&lines[first].text) {
            chosen.extend(
                candidates
                    .iter()
                    .filter(|c| c.0 < first && is_roman_folio(&lines[c.0].text))
                    .map(|c| (c.0, "roman_front_matter")),
            );
        }
    }
    chosen.extend(decorated_chain(lines, &candidates));
    // (A stable sort: the first reason found for a line is the one kept.)
    chosen.sort_by_key(|c| c.0);
    chosen.dedup_by_key(|c| c.0);
    chosen
}

/// Characters a page holds at the least where a document's last folio is
/// weighed alone: half the usual minimum, since a short document's pages
/// often end early (each section opening a new page).
const MIN_CLOSING_PAGE_CHARS: usize = MIN_PAGE_CHARS / 2;

/// The folio of the last page, closing the text (`… 2023 年 8 月 25 日` ⏎
/// `11`, `… September 1889.` ⏎ `— 12 —`): a number on the document's last
/// line, after text enough for that many pages, is no list item (an item's
/// text would follow it). Where other folios were found it must go on from
/// the last of them; where none were (an extractor that printed only this
/// one), the page count must fit and no number before it lead up to it (a
/// run the page rhythm refused is a list's marks, the last one with them).
fn closing_folio(
    lines: &[Line],
    folios: &[(usize, &'static str)],
    contents: &[std::ops::Range<usize>],
) -> Option<usize> {
    // (An outline appended after the text, as calibre leaves its bookmarks,
    // is no text: the last page's folio stands before it.)
    let in_contents = |i: usize| contents.iter().any(|r| r.contains(&i));
    let last = (0..lines.len()).rev().find(|&i| !lines[i].is_blank() && !in_contents(i))?;
    if folios.iter().any(|f| f.0 == last) || is_roman_folio(&lines[last].text) {
        return None;
    }
    let (n, _) = parse_folio(&lines[last].text)?;
    let chars_in =
        |r: std::ops::Range<usize>| -> usize { lines[r].iter().map(|l| l.text.trim().chars().count()).sum() };
    let pages_fit = n >= 2 && chars_in(0..last) >= (n as usize - 1) * MIN_CLOSING_PAGE_CHARS;
    let goes_on = match folios.iter().max_by_key(|f| f.0) {
        Some(&(f, _)) => parse_folio(&lines[f].text)
            .or_else(|| folio_with_running_head(&lines[f].text).map(|(n, _)| (n, true)))
            .is_some_and(|(before, _)| pages_unnumbered_fit(n, before, chars_in(f + 1..last))),
        None => !lines[..last].iter().any(|l| {
            !in_contents(l.index) && parse_folio(&l.text).is_some_and(|(m, _)| m < n && n - m <= MAX_FOLIO_STEP)
        }),
    };
    (pages_fit && goes_on).then_some(last)
}

/// Whether the last folio `n` goes on from the folio `before` it, with
/// `chars` of text between them. A step of up to [`MAX_FOLIO_STEP`] is a page
/// or two that printed no folio; a longer one (`7` … `11`: a report whose
/// pages open with a section heading print no folio on them, and the
/// extractor kept the folios of a few pages only) must have text enough for
/// every page it skips, as [`closing_folio`] asks of the pages before the first.
fn pages_unnumbered_fit(n: u32, before: u32, chars: usize) -> bool {
    n > before && (n - before <= MAX_FOLIO_STEP || chars >= (n - before - 1) as usize * MIN_CLOSING_PAGE_CHARS)
}

/// Decorated folios (`— 3 —`, `第 3 页`, `Page 3`) chained among themselves:
/// the plain numbers of a contents page that an extractor set one to a line
/// (`1`, `1`, `2`, `3`…, each its entry's page) rise too and may outrun them
/// in the longest chain of all candidates, leaving the real folios with no
/// chain of their own. A decorated form is the page's and no list's, so its
/// own rising run, page-sized on the whole, is proof enough.
fn decorated_chain(lines: &[Line], candidates: &[(usize, u32, bool)]) -> Vec<(usize, &'static str)> {
    let decorated: Vec<(usize, u32, bool)> =
        candidates.iter().copied().filter(|c| standalone_decorated_folio(&lines[c.0].text).is_some()).collect();
    let chain: Vec<(usize, u32)> =
        longest_rising_chain(&decorated).into_iter().map(|k| (decorated[k].0, decorated[k].1)).collect();
    if chain.len() < MIN_DECORATED_RUN || !has_page_rhythm(lines, &chain, true) {
        return Vec::new();
    }
    chain.into_iter().map(|(i, _)| (i, "decorated_chain")).collect()
}

/// Rising numbers most of which stand right beside one and the same line: a
/// page's folio and its running head (pypdf runs the foot of one page into
/// the head of the next, `4` ⏎ `Nine Steps to the Cellar`), even where
/// short pages (part titles, chapter ends) break the rhythm of page lengths.
fn beside_one_recurring_line(lines: &[Line], folios: &[(usize, u32)]) -> bool {
    // Numbers a page apart, not a numbered list's.
    let gaps = page_lengths(lines, folios);
    if gaps.get(gaps.len() / 2).is_none_or(|&median| median < MIN_PAGE_CHARS) {
        return false;
    }
    let mut beside: HashMap<String, usize> = HashMap::new();
    for &(f, _) in folios {
        let neighbours = [prev_content(lines, f), next_content(lines, f + 1)];
        let mut keys: Vec<String> = neighbours
            .into_iter()
            .flatten()
            .filter(|&n| could_be_running_head(&lines[n].text) && lines[n].width <= MAX_RUNNING_HEAD_WIDTH)
            .map(|n| head_key(&lines[n].text))
            .filter(|k| k.chars().count() >= 2)
            .collect();
        keys.dedup();
        for key in keys {
            *beside.entry(key).or_default() += 1;
        }
    }
    beside.values().any(|&n| n >= MIN_RUNNING_HEAD_PAGES && n * 2 >= folios.len())
}

/// The longest subsequence of candidates whose numbers rise by 1..=MAX_FOLIO_STEP.
fn longest_rising_chain(c: &[(usize, u32, bool)]) -> Vec<usize> {
    // O(n·w) dynamic programme over a bounded look-back; folios are few.
    const LOOK_BACK: usize = 64;
    let n = c.len();
    let mut best = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in i.saturating_sub(LOOK_BACK)..i {
            let step = c[i].1.wrapping_sub(c[j].1);
            if c[i].1 > c[j].1 && step <= MAX_FOLIO_STEP && best[j] + 1 > best[i] {
                best[i] = best[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(mut end) = (0..n).max_by_key(|&i| (best[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut chain = vec![end];
    while prev[end] != usize::MAX {
        end = prev[end];
        chain.push(end);
    }
    chain.reverse();
    chain
}

/// Pages are page-sized: the text between folios is long enough, and rarely
/// much shorter than usual (numbered stanzas or list items are not).
///
/// Decorated folios (`·3·`, `— 3 —`) are no list numbers: for them the pages
/// need only be page-sized on the whole, however many chapters end on a short
/// page (a memoir of short chapters, each opening a new page).
///
/// The last page is not held against them: the text ends on it, however
/// little of it there is (a report's closing page under its signature).
fn has_page_rhythm(lines: &[Line], folios: &[(usize, u32)], decorated: bool) -> bool {
    let gaps = page_lengths(lines, folios);
    let Some(&median) = gaps.get(gaps.len() / 2) else { return false };
    let is_short = |g: usize| g * 4 < median;
    let last_page_short = folios.len() >= 2 && is_short(page_lengths(lines, &folios[folios.len() - 2..])[0]);
    let short = gaps.iter().filter(|&&g| is_short(g)).count() - usize::from(last_page_short);
    median >= MIN_PAGE_CHARS && (decorated || short * 5 <= gaps.len())
}

/// Characters per page between successive folios, shortest first.
///
/// Where numbers skip (`7` then `9`: a chapter's opening page prints no
/// folio), the text between them spans that many pages and is shared out:
/// two pages' text must neither pass for one long page, raising the usual
/// length, nor make the true single pages beside it look short.
fn page_lengths(lines: &[Line], folios: &[(usize, u32)]) -> Vec<usize> {
    let mut gaps: Vec<usize> = folios
        .windows(2)
        .map(|w| {
            let chars: usize = lines[w[0].0 + 1..w[1].0].iter().map(|l| l.text.chars().count()).sum();
            chars / w[1].1.saturating_sub(w[0].1).max(1) as usize
        })
        .collect();
    gaps.sort_unstable();
    gaps
}

/// The shape of a line with its numbers blanked: `第 3 页 北京日报` and
/// `第 4 页 北京日报` share one.
fn head_key(text: &str) -> String {
    let mut key = String::new();
    let mut in_digits = false;
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                key.push('#');
            }
            in_digits = true;
        } else if !c.is_whitespace() {
            // (groff sets the running head in capitals: `WHAT THE TIDE LEAVES`
            // over the essay `What the Tide Leaves`.)
            key.extend(c.to_lowercase());
            in_digits = false;
        }
    }
    key
}

/// Lines that repeat beside page edges on several pages (calibre's page vote).
fn running_head_lines(
    lines: &[Line],
    page_starts: &[usize],
    folios: &[usize],
    contents: &[std::ops::Range<usize>],
) -> Vec<(usize, &'static str)> {
    if page_starts.len() < MIN_RUNNING_HEAD_PAGES + 1 {
        return Vec::new();
    }
    let page_of = |i: usize| page_starts.partition_point(|&s| s <= i);
    // Where pages carry folios, running heads share their pages: a title page
    // or a TOC page without a folio keeps its lines.
    let folio_pages: Vec<usize> = folios.iter().map(|&f| page_of(f)).collect();
    let mut at_edge: HashMap<String, Vec<usize>> = HashMap::new();
    let mut everywhere: HashMap<String, Vec<usize>> = HashMap::new();
    // Page-edge lines on pages without a folio (a contents page): a running
    // head proven elsewhere is furniture there too.
    let mut at_bare_edge: HashMap<String, Vec<usize>> = HashMap::new();
    // Chapter headings by pattern: a running head may repeat one without its
    // number (`第一章 纸从何处来` above, `纸从何处来` on the odd pages after it).
    let mut labelled: Vec<(usize, String)> = Vec::new();
    // Where chapters begin: a chapter's running head recurs within it, while
    // a section name every chapter has (`Review questions`) recurs across them.
    let mut chapter_starts: Vec<usize> = Vec::new();
    let mut seen_chapters: std::collections::HashSet<String> = std::collections::HashSet::new();
    let in_contents = |i: usize| contents.iter().any(|r| r.contains(&i));
    for l in lines {
        let found = if in_contents(l.index) { None } else { crate::scan::heading::recognise(l.text.trim()) };
        if let Some(f) = &found {
            labelled.push((l.index, head_key(&l.text)));
            // (A chapter line met again is its running head, not a new chapter.)
            let text: String = l.text.split_whitespace().collect();
            if matches!(f.family, Family::Volume | Family::Chapter | Family::Episode) && seen_chapters.insert(text) {
                chapter_starts.push(l.index);
            }
        }
        // The printed TOC repeats every title once more: it is no evidence.
        if l.is_blank()
            || in_contents(l.index)
            || folios.binary_search(&l.index).is_ok()
            || l.width > MAX_RUNNING_HEAD_WIDTH
            || !could_be_running_head(&l.text)
        {
            continue;
        }
        // `Chapter 3` and `Chapter 4` are two headings, not one running head
        // with a number: a heading keeps its digits in the key.
        let key = if found.is_some() { heading_key(&l.text) } else { head_key(&l.text) };
        if key.chars().count() < 2 {
            continue;
        }
        everywhere.entry(key.clone()).or_default().push(l.index);
        let on_folio_page = folio_pages.is_empty() || folio_pages.contains(&page_of(l.index));
        if near_page_edge(lines, l.index, page_starts) {
            let slot = if on_folio_page { &mut at_edge } else { &mut at_bare_edge };
            slot.entry(key).or_default().push(l.index);
        }
    }
    // A chapter heading the extractor split over two lines (`THREE` ⏎ `Low
    // Tide`) is the heading a one-line head repeats (`THREE LOW TIDE`).
    let mut split_at: std::collections::HashSet<usize> = std::collections::HashSet::new();
    // Its second line is the heading's own title, never a head (`PART ONE` ⏎
    // `The House on Tanner Lane` ending a part's title page, under which the
    // contents line `PART ONE The House on Tanner Lane` ends the same way).
    let mut split_titles: std::collections::HashSet<usize> = std::collections::HashSet::new();
    for (i, title, key) in split_chapter_headings(lines, &in_contents) {
        // (Only a title page's: a head set on two lines, `第八章` ⏎ `附则`
        // at a page's top, still goes; and a label with its title on one
        // line, `BOOK THE FIRST Marlow Green`, has none below it.)
        let label = lines[i].text.trim();
        let bare = crate::scan::heading::numbering_label(label) == Some(label) || !label.contains(char::is_whitespace);
        let ends_page = next_content(lines, title + 1)
            .is_none_or(|n| lines[n].page_break_before || folios.binary_search(&n).is_ok());
        if bare && ends_page {
            split_titles.insert(title);
        }
        if let Some(all) = everywhere.get_mut(&key) {
            all.push(i);
            all.sort_unstable();
            split_at.insert(i);
        }
    }
    // A title page's first line is the title, even when the title comes back
    // as the running head of later pages: a first line followed by more short
    // lines (subtitle, author), not by prose, stays.
    let mut content = lines.iter().filter(|l| !l.is_blank());
    let first_line = match (content.next(), content.next()) {
        (Some(first), Some(next))
            if next.width <= MAX_TITLE_PAGE_LINE_WIDTH && !crate::text::has_prose_punct(&next.text) =>
        {
            Some(first.index)
        }
        _ => None,
    };
    // A page-edge line met once in each of several chapters, and nowhere
    // else, is a section every chapter has, not a running head (a running
    // head repeats a title page or a heading found elsewhere).
    let chapter_of = |i: usize| chapter_starts.partition_point(|&c| c <= i);
    let once_per_chapter = |idx: &[usize]| {
        let mut chapters: Vec<usize> = idx.iter().map(|&i| chapter_of(i)).collect();
        chapters.dedup();
        !chapter_starts.is_empty() && idx.len() >= 2 && chapters.len() == idx.len()
    };
    let mut heads = Vec::new();
    for (key, mut idx) in at_edge {
        idx.retain(|&i| Some(i) != first_line && !split_titles.contains(&i));
        if idx.is_empty() {
            continue;
        }
        let mut pages: Vec<usize> = idx.iter().map(|&i| page_of(i)).collect();
        pages.dedup();
        let all = &everywhere[&key];
        // (The chapter's heading may stand on the same page, under its own
        // running head: `钟表铺` ⏎ `第二章 钟表铺` opening a page.)
        // On the same page it must be a chapter's heading: a section's title
        // may merely end like its chapter's (`主要财务数据` over
        // `一、近三年主要财务数据`), and the chapter title stays.
        let repeats_a_chapter_title = labelled.iter().any(|(at, full)| {
            (*at < idx[0] || (page_of(*at) == page_of(idx[0]) && opens_a_chapter(&lines[*at].text)))
                && full.len() > key.len()
                && full.ends_with(key.as_str())
        });
        // (The book's title over pages of short chapters recurs once in each, too.)
        let repeats_the_title = first_line.is_some_and(|f| head_key(&lines[f].text) == key);
        if all.len() == idx.len() && once_per_chapter(&idx) && !repeats_a_chapter_title && !repeats_the_title {
            continue;
        }
        if pages.len() >= MIN_RUNNING_HEAD_PAGES || repeats_a_chapter_title {
            if pages.len() >= MIN_RUNNING_HEAD_PAGES {
                let bare = at_bare_edge.remove(&key).unwrap_or_default();
                heads.extend(
                    bare.into_iter().filter(|&i| Some(i) != first_line).map(|i| (i, "proven_head_on_bare_page")),
                );
            }
            // A chapter's running head repeats its heading, which opens the
            // chapter's first page: that first one is the heading — or, where
            // the page's head stands right above the heading (`1 概述` ⏎ `1 概述`),
            // the second of the two.
            let doubled = all.iter().copied().find(|&i| {
                prev_content(lines, i).is_some_and(|p| all.contains(&p) && lines[p].text.trim() == lines[i].text.trim())
            });
            let heading =
                doubled.or_else(|| away_from_a_stray_head(lines, page_starts, folios, all, &idx)).unwrap_or(all[0]);
            let keep = crate::scan::heading::recognise(lines[heading].text.trim()).is_some().then_some(heading);
            // A head proven on many pages is furniture a little further in
            // too: pypdf may draw it after a part title (`PART ONE` ⏎ `The
            // House on Tanner Lane` ⏎ `Nine Steps to the Cellar`).
            if pages.len() >= MIN_RUNNING_HEAD_PAGES {
                let further = all.iter().copied().filter(|&i| {
                    !idx.contains(&i)
                        && !split_at.contains(&i)
                        && Some(i) != keep
                        && Some(i) != first_line
                        && within_lines_of_page_edge(lines, i, page_starts, 2 * PAGE_EDGE_LINES)
                        // (A chapter may be named like the book: `第八章` ⏎ `潮見の時計屋`.)
                        && prev_content(lines, i)
                            .is_none_or(|p| crate::scan::heading::recognise(lines[p].text.trim()).is_none())
                });
                heads.extend(further.map(|i| (i, "proven_head_near_edge")).collect::<Vec<_>>());
            }
            let why = if pages.len() >= MIN_RUNNING_HEAD_PAGES { "recurring_at_edge" } else { "repeats_chapter_title" };
            heads.extend(idx.into_iter().filter(|&i| Some(i) != keep).map(|i| (i, why)));
        } else {
            // Fewer pages (a chapter's title over its few pages, a book title on
            // even pages only): a page-edge line that repeats a line found
            // elsewhere is furniture; the first line of the kind stays (the
            // chapter heading the running head repeats, or the title page).
            // A contents page that no rule found (OCR loses its leaders and
            // page numbers) repeats every title too, but is no such line.
            let listed = |i: &usize| in_a_run_of_titles(lines, page_starts, *i);
            let body: Vec<usize> = all.iter().copied().filter(|i| !listed(i)).collect();
            let idx: Vec<usize> = idx.into_iter().filter(|i| !listed(i)).collect();
            if body.len() > idx.len() || idx.len() >= 2 {
                let kept = head_over_its_heading(lines, page_starts, &body)
                    .or_else(|| away_from_a_stray_head(lines, page_starts, folios, &body, &idx))
                    .unwrap_or(body[0]);
                heads.extend(idx.into_iter().filter(|&i| i != kept).map(|i| (i, "repeats_line_elsewhere")));
            }
        }
    }
    heads.sort_unstable();
    heads
}

/// Page heads set right above the heading they repeat, on the page where
/// that chapter opens: `THREE LOW TIDE` ⏎ `THREE` ⏎ `Low Tide` (a recto head
/// in capitals over a heading the extractor split), `序章 雨の港` ⏎ `序章 雨の港`.
/// A head names its chapter on one page only when chapters are a page or
/// two long, so no recurrence shows it; what does is the line at a page's
/// edge saying again, letter for letter bar case and spacing, what the next
/// line (or the next two read as one) says. The upper line goes, the heading
/// stays; each head comes with the heading's lines below it. `page_starts`
/// are the pages found (form feeds, folios), not the document's own start:
/// a first page opens with the title, never with a running head. Across a
/// page break it is the other way round: a title alone on its page (a
/// part's title page) and the next page's head saying it again, where the
/// lower line goes ([`alone_on_its_page`]).
fn heads_over_their_own_heading(
    lines: &[Line],
    page_starts: &[usize],
    contents: &[std::ops::Range<usize>],
) -> Vec<(usize, Vec<usize>, &'static str)> {
    let in_contents = |i: usize| contents.iter().any(|r| r.contains(&i));
    let title_like = |l: &Line| {
        !l.is_blank() && l.width <= MAX_RUNNING_HEAD_WIDTH && !in_contents(l.index) && could_be_running_head(&l.text)
    };
    let mut heads = Vec::new();
    for l in lines.iter().filter(|l| title_like(l) && near_page_edge(lines, l.index, page_starts)) {
        let key = heading_key(&l.text);
        if key.chars().count() < 2 {
            continue;
        }
        let Some(next) = next_content(lines, l.index + 1).filter(|&n| title_like(&lines[n])) else { continue };
        let one = heading_key(&lines[next].text);
        // (A new page between them makes the lower line the next page's head.)
        if lines[l.index + 1..=next].iter().any(|m| m.page_break_before) {
            if one == key && alone_on_its_page(lines, l.index, next) {
                heads.push((next, vec![l.index], "under_its_title_page"));
            }
            continue;
        }
        let second = next_content(lines, next + 1).filter(|&m| title_like(&lines[m]) && !lines[m].page_break_before);
        let below = if one == key {
            vec![next]
        } else if let Some(m) = second.filter(|&m| one.clone() + &heading_key(&lines[m].text) == key) {
            vec![next, m]
        } else {
            continue;
        };
        // (A line said a third time is a run of repeats, not a head and its heading.)
        let after = below.last().and_then(|&b| next_content(lines, b + 1));
        if after.is_none_or(|a| heading_key(&lines[a].text) != key) {
            heads.push((l.index, below, "above_its_own_heading"));
        }
    }
    heads
}

/// Whether line `i`, followed by `next` on a new page, stands alone on its
/// page: a part's title page (`Part Two` ⏎ page break ⏎ `Part Two` ⏎
/// `Chapter 5`, `第二部 北へ` ⏎ page break ⏎ `第二部 北へ`), whose title the next
/// page's running head says again.
fn alone_on_its_page(lines: &[Line], i: usize, next: usize) -> bool {
    let opens = lines[i].page_break_before
        || prev_content(lines, i).is_some_and(|p| lines[p + 1..=i].iter().any(|m| m.page_break_before));
    opens && lines[i + 1..=next].iter().any(|m| m.page_break_before)
}

/// A chapter heading's key: its words run together, case folded, digits
/// kept (`Chapter 3` and `Chapter 4` are two headings).
fn heading_key(text: &str) -> String {
    text.split_whitespace().flat_map(str::chars).flat_map(char::to_lowercase).collect()
}

/// Chapter headings an extractor split over two lines, a label over its
/// title (`Chapter 4` ⏎ `Winter of the Flood`, `第三章` ⏎ `海边`): the first
/// line's index and the key of the two read as one.
fn split_chapter_headings(lines: &[Line], in_contents: &dyn Fn(usize) -> bool) -> Vec<(usize, usize, String)> {
    use crate::scan::heading::recognise;
    let short =
        |l: &Line| !l.is_blank() && l.width <= MAX_RUNNING_HEAD_WIDTH && !crate::text::ends_sentence(l.text.trim());
    lines
        .iter()
        .filter(|l| short(l) && !in_contents(l.index))
        .filter_map(|l| {
            let next = &lines[next_content(lines, l.index + 1)?];
            if !short(next) || in_contents(next.index) || next.page_break_before {
                return None;
            }
            let joined = format!("{} {}", l.text.trim(), next.text.trim());
            let chapter = |t: &str| {
                recognise(t).is_some_and(|f| matches!(f.family, Family::Volume | Family::Chapter | Family::Episode))
            };
            // (Not a head over its own heading, `第一卷 …` ⏎ `第一卷 …`.)
            (chapter(&joined) && chapter(l.text.trim()) && !chapter(next.text.trim()))
                .then(|| (l.index, next.index, heading_key(&joined)))
        })
        .collect()
}

/// Whether line `i` stands in a run of short lines on one page, none a
/// sentence or a clause, that holds at least [`MIN_TITLE_RUN_HEADINGS`]
/// headings by their pattern: a contents page whose leaders and page numbers
/// OCR lost (`1 Scope` ⏎ `1.1 Terms` ⏎ … ⏎ `Contents`, the label read last),
/// a list of titles rather than a heading over its text. A page's head over
/// its heading and a section or two holds fewer; a justified line that the
/// extractor set a word to a line (`Keep` ⏎ `a` ⏎ `spare`) holds none.
fn in_a_run_of_titles(lines: &[Line], page_starts: &[usize], i: usize) -> bool {
    use crate::scan::heading::recognise;
    // (An entry's leader and what OCR made of it, `.... 0.0.. ece`, are no prose.)
    fn entry(l: &Line) -> &str {
        crate::scan::heading::without_leader_tail(l.text.trim())
    }
    let title_like = |l: &Line| l.width <= MAX_RUNNING_HEAD_WIDTH && could_be_running_head(entry(l));
    if !title_like(&lines[i]) {
        return false;
    }
    let page_of = |k: usize| page_starts.partition_point(|&s| s <= k);
    let on_the_page = |k: usize| page_of(k) == page_of(i) && title_like(&lines[k]);
    let mut run = vec![i];
    let mut at = i;
    while let Some(p) = prev_content(lines, at).filter(|&p| on_the_page(p)) {
        run.push(p);
        at = p;
    }
    at = i;
    while let Some(n) = next_content(lines, at + 1).filter(|&n| on_the_page(n)) {
        run.push(n);
        at = n;
    }
    let headings: std::collections::HashSet<String> = run
        .iter()
        .filter(|&&k| recognise(entry(&lines[k])).is_some())
        .map(|&k| heading_key(entry(&lines[k])))
        .collect();
    headings.len() >= MIN_TITLE_RUN_HEADINGS
}

/// Of the lines `all` that say one thing, the one right under another of
/// them that opens its page: the page's head set over the heading it
/// repeats (`2 Setup` ⏎ `2 Setup`, `跋` ⏎ `跋`), where the lower line is
/// the heading. (A part's title over the next page's head that repeats it
/// stands the other way round: the upper line ends its page.)
fn head_over_its_heading(lines: &[Line], page_starts: &[usize], all: &[usize]) -> Option<usize> {
    let opens_its_page = |p: usize| {
        let page = page_starts.partition_point(|&s| s <= p);
        page > 0 && next_content(lines, page_starts[page - 1]) == Some(p)
    };
    all.iter().copied().find(|&i| {
        prev_content(lines, i).is_some_and(|p| {
            all.contains(&p)
                && opens_its_page(p)
                && (lines[p].text.trim() == lines[i].text.trim() || head_in_capitals_over(lines, page_starts, p, i))
        })
    })
}

/// `BUILDING A SHELTER` ⏎ `Building a Shelter`: a page's head set in
/// capitals right above the heading it repeats in the text's own case, both
/// on one page. (Across a page edge the upper line is a part title ending
/// its page, the lower the next page's head.)
fn head_in_capitals_over(lines: &[Line], page_starts: &[usize], head: usize, heading: usize) -> bool {
    let page_of = |k: usize| page_starts.partition_point(|&s| s <= k);
    let upper = lines[head].text.trim();
    let capitals = upper.chars().any(char::is_uppercase) && !upper.chars().any(char::is_lowercase);
    capitals
        && lines[heading].text.trim() != upper
        && heading_key(upper) == heading_key(&lines[heading].text)
        && page_of(head) == page_of(heading)
        && !lines[head + 1..=heading].iter().any(|l| l.page_break_before)
}

/// Where a heading's first occurrence is a running head, the heading is its
/// first occurrence away from a page edge: the head names a section that
/// opens further down the same page (LibreOffice's chapter field, Typst), or
/// a chapter that opens further down the page (Typst: `第二章 父親的船` at the
/// head of the page where `第一章 雨港` opens, a heading of its own kind).
fn away_from_a_stray_head(
    lines: &[Line],
    page_starts: &[usize],
    folios: &[usize],
    all: &[usize],
    at_edge: &[usize],
) -> Option<usize> {
    let first = all[0];
    // The page's head shows the section that opens further down the same page
    // (`一、参保登记` at the top, a paragraph of the section before, then the
    // heading): the heading is the line away from the edge.
    if at_edge.contains(&first) {
        if let Some(inner) =
            all.iter().copied().find(|&i| !at_edge.contains(&i) && on_one_page(lines, page_starts, folios, first, i))
        {
            return Some(inner);
        }
    }
    let family = |i: usize| crate::scan::heading::recognise(lines[i].text.trim()).map(|f| f.family);
    // (A part's title over its first chapter, `第三部` ⏎ `第七章`, is no running head.)
    let stray = at_edge.contains(&first)
        && family(first).is_some()
        && next_content(lines, first + 1).is_some_and(|n| family(n) == family(first));
    all.iter().copied().find(|i| !at_edge.contains(i)).filter(|_| stray)
}

/// Whether lines `a` and `b` stand on one page. Form feeds mark every page;
/// without them a page found between two folios is one page only when their
/// numbers are one apart (a page that printed no folio, a chapter's opening,
/// would otherwise hide inside it with its head).
fn on_one_page(lines: &[Line], page_starts: &[usize], folios: &[usize], a: usize, b: usize) -> bool {
    let page_of = |i: usize| page_starts.partition_point(|&s| s <= i);
    if page_of(a) != page_of(b) {
        return false;
    }
    // (Blank runs mark some page ends only: a page between them may be two.)
    if lines.iter().any(|l| l.page_break_before && !l.blank_run_break) {
        return true;
    }
    let number = |f: usize| {
        let t = &lines[f].text;
        parse_folio(t).map(|(n, _)| n).or_else(|| folio_with_running_head(t).map(|(n, _)| n))
    };
    let before = folios[..folios.partition_point(|&f| f < a)].last().and_then(|&f| number(f));
    let after = folios.get(folios.partition_point(|&f| f <= b)).and_then(|&f| number(f));
    matches!((before, after), (Some(x), Some(y)) if y == x + 1)
}

/// Folios too few to make a rhythm of their own (a short document, or one
/// whose extractor printed only some of them), each confirmed by the printed
/// contents: a number standing right before a title the contents lists on
/// that page or the next (`3` ⏎ `PART TWO The City`, listed on page 4: the
/// foot of page 3, and the part opens page 4; `4` ⏎ `第三章 归航`, listed on
/// page 4: the head of its own page). `skip` lines (already taken, the
/// contents themselves) are neither folio nor title.
///
/// A bare number over a title with no number of its own, where the number
/// is the title's place among the entries (`2` ⏎ `The Crossing`, the second
/// entry), is that chapter's number, not a folio, and stays.
pub fn folios_the_contents_confirm(
    lines: &[Line],
    skip: &dyn Fn(usize) -> bool,
    entries: &[super::TocLine],
) -> Vec<usize> {
    let listed: HashMap<String, (u32, usize)> = entries
        .iter()
        .filter_map(|e| e.page.map(|p| (crate::text::title_key(&e.text), p)))
        .filter(|(key, _)| !key.is_empty())
        .enumerate()
        .map(|(k, (key, page))| (key, (page, k + 1)))
        .collect();
    if listed.is_empty() {
        return Vec::new();
    }
    let kept = |i: usize| !lines[i].is_blank() && !skip(i);
    let mut folios = Vec::new();
    for i in (0..lines.len()).filter(|&i| kept(i)) {
        let Some((n, _)) = parse_folio(&lines[i].text).filter(|_| !is_roman_folio(&lines[i].text)) else { continue };
        let Some(next) = (i + 1..lines.len()).find(|&k| kept(k)) else { continue };
        let title = lines[next].text.trim();
        let Some(&(page, place)) = listed.get(&crate::text::title_key(title)) else { continue };
        let chapter_number = place as u32 == n && crate::scan::heading::recognise(title).is_none();
        if (page == n || page == n + 1) && !chapter_number {
            folios.push(i);
        }
    }
    folios
}

/// `第二章　钟表铺`, `Chapter 4 The Flood`: a heading of a chapter or a larger
/// part, not a numbered section (`一、`, `1.`) inside one.
pub(crate) fn opens_a_chapter(text: &str) -> bool {
    crate::scan::heading::recognise(text.trim())
        .is_some_and(|f| matches!(f.family, Family::Volume | Family::Chapter | Family::Episode | Family::Section))
}

/// A running head is a title or a name, not a sentence (`“是。”` repeats too),
/// nor a bare section number (`2.1` opening pages, which keys without their
/// numbers would make recur).
pub(crate) fn could_be_running_head(text: &str) -> bool {
    let t = text.trim();
    let section_number = t.contains('.') && t.chars().all(|c| c.is_ascii_digit() || c == '.');
    !crate::text::ends_sentence(t) && !crate::text::has_prose_punct(without_enumeration(t)) && !section_number
}

/// A numbered heading's title without its number: `一、参保登记` → `参保登记`.
/// The enumeration comma is the numbering's, not prose punctuation.
fn without_enumeration(t: &str) -> &str {
    let numbered = crate::scan::heading::recognise(t).is_some_and(|f| f.family.is_numbered());
    match t.split_once('、') {
        Some((_, title)) if numbered => title,
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::split_lines;

    fn toc(entries: &[(&str, u32)]) -> Vec<crate::repair::TocLine> {
        entries
            .iter()
            .map(|&(t, p)| crate::repair::TocLine { text: t.to_string(), page: Some(p), indent: 0, label: false })
            .collect()
    }

    fn confirmed(text: &str, entries: &[(&str, u32)]) -> Vec<String> {
        let lines = split_lines(text);
        folios_the_contents_confirm(&lines, &|_| false, &toc(entries))
            .into_iter()
            .map(|i| lines[i].text.clone())
            .collect()
    }

    #[test]
    fn a_title_page_s_title_said_again_by_the_next_page_s_head_goes_below() {
        let gap = "\n\n\n\n\n\n";
        for (part, chapter, body) in [
            (
                "Part Two: The Estuary",
                "Chapter 5 Low Water",
                "The mudflats shone under a pale sky, and the herons waited.",
            ),
            ("第二部　河口にて", "第五章　干潮", "干潟は白い空の下で光り、鷺がじっと待っていた。"),
        ] {
            let page = format!("{body}\n\n{body}\n\n{body}");
            let text = format!("{page}{gap}{part}{gap}{part}\n\n{chapter}\n\n{page}{gap}{page}{gap}{page}\n");
            let lines = split_lines(&text);
            let starts: Vec<usize> = lines.iter().filter(|l| l.page_break_before).map(|l| l.index).collect();
            let heads = heads_over_their_own_heading(&lines, &starts, &[]);
            let copies: Vec<usize> = lines.iter().filter(|l| l.text == part).map(|l| l.index).collect();
            assert_eq!(heads, [(copies[1], vec![copies[0]], "under_its_title_page")], "{text}");
            // Without the page break between them it is no head under a title page.
            let text = format!("{page}{gap}{part}\n\n{part}\n\n{chapter}\n\n{page}{gap}{page}{gap}{page}\n");
            let lines = split_lines(&text);
            let starts: Vec<usize> = lines.iter().filter(|l| l.page_break_before).map(|l| l.index).collect();
            assert!(heads_over_their_own_heading(&lines, &starts, &[]).iter().all(|h| h.2 != "under_its_title_page"));
        }
    }

    #[test]
    fn a_folio_before_a_title_the_contents_list_on_the_next_page_goes() {
        let en =
            "The Orchard\n\nWe picked the last pears in the rain.\n\n3\n\nPART TWO The City\n\nThe tram was late.\n\n\
                  5\n\nAfterword\n\nThanks to all.\n\n7\n\nNot listed\n";
        let entries = [("The Orchard", 1), ("PART TWO The City", 4), ("Afterword", 5)];
        assert_eq!(confirmed(en, &entries), ["3", "5"]);
        let zh = "第一章 果园\n\n我们在雨中摘完了最后的梨。\n\n3\n\n第二章 城里\n\n电车晚点了。\n\n4\n\n第三章 归航\n";
        let entries = [("第一章 果园", 1), ("第二章 城里", 4), ("第三章 归航", 4)];
        assert_eq!(confirmed(zh, &entries), ["3", "4"]);
    }

    #[test]
    fn the_last_page_folio_closes_the_text() {
        let closing = |text: &str| {
            let lines = split_lines(text);
            let f = find_furniture(&lines, &[], &[]);
            f.folios.iter().map(|&i| lines[i].text.trim().to_string()).collect::<Vec<_>>()
        };
        let en = format!("{}\n\nHarbour Board, March 2020\n\n4\n", "The pier was rebuilt after the storm. ".repeat(12));
        assert_eq!(closing(&en), ["4"]);
        let zh = format!("{}\n\n2020 年 3 月\n\n— 4 —\n", "码头在风暴后重建了。".repeat(40));
        assert_eq!(closing(&zh), ["— 4 —"]);
        // Too little text for that many pages, or a list's last number.
        let short = "The pier was rebuilt.\n\n4\n";
        assert!(closing(short).is_empty());
        let zh = format!("{}\n\n12\n", "码头在风暴后重建了。".repeat(40));
        assert!(closing(&zh).is_empty());
    }

    #[test]
    fn a_last_folio_may_skip_pages_that_printed_none_when_the_text_fills_them() {
        let folios = |text: &str| {
            let lines = split_lines(text);
            let f = find_furniture(&lines, &[], &[]);
            f.folios.iter().map(|&i| lines[i].text.trim().to_string()).collect::<Vec<_>>()
        };
        let page = "The pier was rebuilt after the storm and the boats came back. ".repeat(8);
        let en = format!("{page}\n\n1\n\n{page}\n\n2\n\n{page}\n\n3\n\n{}\n\nHarbour Board\n\n8\n", page.repeat(5));
        assert_eq!(folios(&en), ["1", "2", "3", "8"]);
        // Too little text for the four pages skipped: a number of the text.
        let en = format!("{page}\n\n1\n\n{page}\n\n2\n\n{page}\n\n3\n\nHarbour Board\n\n8\n");
        assert_eq!(folios(&en), ["1", "2", "3"]);
        let page = "码头在风暴后重建了，渔船又回来了，海鸥在网上争吵。".repeat(10);
        let zh = format!("{page}\n\n1\n\n{page}\n\n2\n\n{page}\n\n3\n\n{}\n\n港务局\n\n8\n", page.repeat(5));
        assert_eq!(folios(&zh), ["1", "2", "3", "8"]);
        let zh = format!("{page}\n\n1\n\n{page}\n\n2\n\n{page}\n\n3\n\n港务局\n\n8\n");
        assert_eq!(folios(&zh), ["1", "2", "3"]);
        // Before an outline appended after the text (its lines are `contents`).
        let en = format!("{}\n\n4\n\nOutline\n\nThe Pier\n\nThe Storm\n", "The pier was rebuilt. ".repeat(30));
        let lines = split_lines(&en);
        let outline = lines.iter().position(|l| l.text == "Outline").unwrap()..lines.len();
        let f = find_furniture(&lines, &[outline], &[]);
        assert_eq!(f.folios.iter().map(|&i| lines[i].text.as_str()).collect::<Vec<_>>(), ["4"]);
        let zh = format!("{}\n\n4\n\n书签\n\n码头\n\n风暴\n", "码头在风暴后重建了。".repeat(40));
        let lines = split_lines(&zh);
        let outline = lines.iter().position(|l| l.text == "书签").unwrap()..lines.len();
        let f = find_furniture(&lines, &[outline], &[]);
        assert_eq!(f.folios.iter().map(|&i| lines[i].text.as_str()).collect::<Vec<_>>(), ["4"]);
    }

    #[test]
    fn a_chapter_number_over_its_title_stays() {
        let en = "1\n\nThe Orchard\n\nWe picked pears.\n\n2\n\nThe Crossing\n\nThe boat was late.\n";
        assert!(confirmed(en, &[("The Orchard", 1), ("The Crossing", 2)]).is_empty());
        let zh = "1\n\n果园\n\n我们摘梨。\n\n2\n\n渡口\n\n船晚了。\n";
        assert!(confirmed(zh, &[("果园", 2), ("渡口", 3)]).is_empty());
    }

    #[test]
    fn a_part_title_under_its_label_at_a_page_foot_stays() {
        // A part's title page: the label over its title, the page's last
        // line; a contents page no rule found (OCR lost its label and page
        // numbers) printed both as one line before it.
        let kept = |text: &str, title: &str| {
            let r = crate::repair::repair(&crate::normalise::normalise(text));
            r.units.iter().any(|u| u.text.trim() == title)
        };
        let body = "The kettle sang on the stove while the snow came down over the yard. ".repeat(6);
        let en = format!(
            "PART ONE The Salt Road\nChapter 1 Kettle\nPART TWO Harbour\nChapter 2 Nets\n\u{c}\
             PART ONE\n\nThe Salt Road\n\u{c}Chapter 1\nKettle\n\n{body}\n\u{c}PART TWO\n\nHarbour\n\u{c}Chapter 2\nNets\n\n{body}\n"
        );
        assert!(kept(&en, "The Salt Road"));
        let body = "雪落在院子里，炉子上的水壶响了很久，屋里的人都没有说话。".repeat(6);
        let zh = format!(
            "第一部 盐路\n第一章 水壶\n第二部 港口\n第二章 渔网\n\u{c}\
             第一部\n\n盐路\n\u{c}第一章\n水壶\n\n{body}\n\u{c}第二部\n\n港口\n\u{c}第二章\n渔网\n\n{body}\n"
        );
        assert!(kept(&zh, "盐路"));
    }

    #[test]
    fn a_folio_glued_on_some_pages_joins_the_run_of_the_others() {
        // A section's opening page prints its head beside the folio; the other pages the folio alone.
        let zh = "正文第一段。\n·1·\n\u{c}一、河道保洁 ·2·\n\u{c}各位居民，河道要靠大家。\n·3·\n\u{c}正文。\n二、下步安排 ·4·\n\u{c}正文。\n·5·\n";
        let en = "First page.\n— 1 —\n\u{c}One: The Pond — 2 —\n\u{c}The pond needs us all.\n— 3 —\n\u{c}More text.\nTwo: Next Steps — 4 —\n\u{c}Text.\n— 5 —\n";
        for text in [zh, en] {
            let lines = split_lines(text);
            let got = glued_folios(&lines);
            let glued = got.iter().filter(|(i, r)| lines[*i].text[r.clone()].trim() != lines[*i].text.trim()).count();
            // (The folios alone on their lines come whole, to go as lines.)
            assert_eq!((got.len(), glued), (5, 2), "{got:?}");
        }
        // A number in prose that fits no run of folios stays.
        let prose = "正文。\n·1·\n\u{c}详见附表 ·9·\n·2·\n";
        assert!(glued_folios(&split_lines(prose)).is_empty());
    }

    #[test]
    fn folios_alone_in_a_glued_run_go_with_it() {
        // Pages whose folio no text ran into, and a roman one under the contents.
        let en = "Contents\n— i —\nPreface text, signed in autumn.\n— 1 —\nThe Mill — 3 —\nmore text — 4 —\n";
        let zh = "目录\n— i —\n序言写于秋天。\n— 1 —\n磨坊 — 3 —\n他推开了门。— 4 —\n";
        for text in [en, zh] {
            let lines = split_lines(text);
            let got: Vec<&str> = glued_folios(&lines).into_iter().map(|(i, r)| &lines[i].text[r]).collect();
            assert_eq!(got, ["— i —", "— 1 —", "— 3 —", "— 4 —"]);
        }
        // Alone and without a glued run, they are the page rules' to weigh.
        assert!(glued_folios(&split_lines("— i —\nText.\n— 1 —\nMore.\n")).is_empty());
    }

    #[test]
    fn numbers_filling_a_gap_in_the_folio_run_are_folios() {
        let filled = |text: &str, folios: &[usize]| -> Vec<String> {
            let lines = split_lines(text);
            folios_filling_gaps(&lines, &|_| false, folios).into_iter().map(|i| lines[i].text.clone()).collect()
        };
        // Lines: 0 text, 1 folio 2, 2 text, 3 `3`, 4 text, 5 `4`, 6 text, 7 folio 5.
        let en = "The pond.\n2\nThe ducks came back.\n3\nThe reeds grew.\n4\nWinter came.\n5\n";
        assert_eq!(filled(en, &[1, 7]), ["3", "4"]);
        let zh = "池塘。\n2\n鸭子回来了。\n3\n芦苇长高了。\n4\n冬天来了。\n5\n";
        assert_eq!(filled(zh, &[1, 7]), ["3", "4"]);
        // A gap the numbers fill only in part, or a list starting again, stays.
        assert!(filled(&en.replace("\n3\n", "\nthree\n"), &[1, 7]).is_empty());
        assert!(filled(&zh.replace("\n3\n", "\n1\n"), &[1, 7]).is_empty());
    }

    #[test]
    fn folio_forms() {
        assert_eq!(parse_folio("12"), Some((12, false)));
        assert_eq!(parse_folio("- 12 -"), Some((12, true)));
        assert_eq!(parse_folio("— 7 —"), Some((7, true)));
        assert_eq!(parse_folio("·12·"), Some((12, true)));
        assert_eq!(parse_folio("‧ 1 ‧"), Some((1, true)), "hyphenation points (Big5 extractions)");
        assert_eq!(parse_folio("第 12 页"), Some((12, true)));
        assert_eq!(parse_folio("第3页 共20页"), Some((3, true)));
        assert_eq!(parse_folio("第3頁"), Some((3, true)), "Traditional");
        assert_eq!(parse_folio("10 頁"), Some((10, true)), "Japanese, without 第");
        assert_eq!(parse_folio("3页"), Some((3, true)));
        assert_eq!(parse_folio("第三頁"), None, "a page named in words is text");
        assert_eq!(parse_folio("Page 12"), Some((12, true)));
        assert_eq!(parse_folio("page 3 of 30"), Some((3, true)));
        assert_eq!(parse_folio("xiv"), Some((14, true)));
        // Front matter in roman under the body's own frame.
        assert_eq!(parse_folio("Page iv"), Some((4, true)));
        assert_eq!(parse_folio("第 ii 页"), Some((2, true)));
        assert_eq!(parse_folio("ii頁"), Some((2, true)));
        assert_eq!(parse_folio("Page ivy"), None);
        assert!(is_roman_folio("Page iv") && is_roman_folio("第 ii 页") && is_roman_folio("— iv —"));
        assert!(!is_roman_folio("Page 4") && !is_roman_folio("第2页"));
        assert_eq!(parse_folio("iiii"), None);
        assert_eq!(parse_folio("12 monkeys"), None);
        assert_eq!(parse_folio("2023年"), None);
        assert_eq!(parse_folio("I"), None, "upper-case I is a chapter number, not a folio");
    }

    fn page(n: u32, body: &str) -> String {
        format!("{body}\n\n{n}\n\n")
    }

    #[test]
    fn folios_glued_to_text_in_a_page_rhythm() {
        let text =
            "Duluth, Minnesota, September 2023 ·1·\nthe boat came in late\nWHAT THE TIDE LEAVES ·2·\nand so on ·3·\n";
        let lines = split_lines(text);
        let got: Vec<&str> = glued_folios(&lines).into_iter().map(|(i, r)| &lines[i].text[r]).collect();
        assert_eq!(got, ["·1·", "·2·", "·3·"]);
        let text = "二〇二三年秋　— i —\n他推开了门。— 1 —\n雨还在下。— 2 —\n";
        let lines = split_lines(text);
        assert_eq!(glued_folios(&lines).len(), 3);
        // At a line's start, before the page's head or its first heading.
        let text = "Page 2 3 Wiring\nthe cable runs under the floor\nPage 4 5 Testing\nPage 3 shows the panel.\n";
        let lines = split_lines(text);
        let got: Vec<&str> = glued_folios(&lines).into_iter().map(|(i, r)| &lines[i].text[r]).collect();
        assert_eq!(got, ["Page 2", "Page 4"], "a sentence about a page keeps its words");
        let text = "第 4 頁 參、實施步驟\n各單位應於期限內完成。\n第 6 頁 肆、經費來源\n";
        let lines = split_lines(text);
        let got: Vec<&str> = glued_folios(&lines).into_iter().map(|(i, r)| &lines[i].text[r]).collect();
        assert_eq!(got, ["第 4 頁", "第 6 頁"]);
        // One number at a line's end is no rhythm; a date is no folio.
        assert!(glued_folios(&split_lines("The Stair         — 3 —\nthe door\nThe Stair        — 4 —\n")).is_empty());
        assert!(glued_folios(&split_lines("It cost — 3 — pounds.\nSigned 2024-05-20\n")).is_empty());
    }

    #[test]
    fn a_head_beside_a_glued_folio_repeats_a_heading() {
        let rests = |text: &str| {
            let lines = split_lines(text);
            let cut: Vec<usize> = glued_folios(&lines).into_iter().map(|(i, _)| i).collect();
            let mut lines = lines;
            for (i, r) in glued_folios(&split_lines(text)) {
                lines[i].text.replace_range(r, "");
                lines[i].text = lines[i].text.trim().to_string();
                lines[i].width = crate::text::display_width(&lines[i].text);
            }
            heads_beside_glued_folios(&lines, &cut)
                .into_iter()
                .map(|i| split_lines(text)[i].text.clone())
                .collect::<Vec<_>>()
        };
        let text = "Page 2 一、概况\n一、概况\n全年新植树苗一万株。\n二、林业 Page 3\n二、林业\n苗圃面积稳定。\n（本站供稿）·4·\n";
        assert_eq!(
            rests(text),
            ["Page 2 一、概况", "二、林业 Page 3"],
            "the source line `（本站供稿）` repeats nothing"
        );
        let text = "2 Wiring Page 5\n2 Wiring\nRun the cable under the floor.\nPage 6 2 Wiring\nTest each socket.\nPage 7 It was late.\n";
        assert_eq!(rests(text), ["2 Wiring Page 5", "Page 6 2 Wiring"]);
    }

    #[test]
    fn removes_rising_folios_and_finds_pages() {
        let para = "这是一段很长的正文，用来充当一页的内容。".repeat(15);
        let text: String = (5..9).map(|n| page(n, &para)).collect();
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        assert_eq!(f.folios.len(), 4);
        assert!(f.page_starts.len() >= 3);
    }

    #[test]
    fn decorated_folios_survive_short_chapter_ends() {
        // Every other page ends a short chapter: plain numbers would not show
        // a page rhythm, decorated ones are folios all the same.
        let long =
            "The ferry was never late, the harbourmaster liked to say. It was merely early for tomorrow. ".repeat(8);
        let short = "The river rose that night.";
        let body: String =
            (1..=8).map(|n| format!("{}\n\n·{n}·\n\n", if n % 3 == 0 { short } else { &long })).collect();
        let lines = split_lines(&body);
        assert_eq!(find_furniture(&lines, &[], &[]).folios.len(), 8);
        let long = "那一年的雨下得特别多，镇上的人都说，河水从来没有涨得这么快过。".repeat(8);
        let body: String =
            (1..=8).map(|n| format!("{}\n\n— {n} —\n\n", if n % 3 == 0 { "雨停了。" } else { &long })).collect();
        assert_eq!(find_furniture(&split_lines(&body), &[], &[]).folios.len(), 8);
        // Plain numbers in the same rhythm stay: they could be a list's.
        let body: String = (1..=8).map(|n| format!("{}\n\n{n}\n\n", if n % 2 == 0 { short } else { "A." })).collect();
        assert!(find_furniture(&split_lines(&body), &[], &[]).folios.is_empty());
    }

    #[test]
    fn decorated_folios_chain_past_the_plain_numbers_of_a_contents_page() {
        // A contents page with each entry's page on a line of its own: six
        // plain numbers rising faster than the four decorated folios.
        let toc: String = ["Harbour Lights", "The Long Quay", "Salt", "Night Ferry", "Gulls", "Home Again"]
            .iter()
            .enumerate()
            .map(|(k, t)| format!("{t}\n\n{}\n\n", k + 1))
            .collect();
        let long = "The ferry waited at the quay while the gulls argued over the nets. ".repeat(8);
        let body: String = (1..=4).map(|n| format!("{long}\n\nPage {n}\n\n")).collect();
        let lines = split_lines(&format!("Contents\n\n{toc}{body}"));
        let folios: Vec<&str> = find_furniture(&lines, &[], &[]).folios.iter().map(|&i| lines[i].text.trim()).collect();
        assert_eq!(folios, ["Page 1", "Page 2", "Page 3", "Page 4"]);
        let toc: String = ["第一章 港口", "第二章 长堤", "第三章 盐", "第四章 夜渡", "第五章 海鸥", "第六章 归来"]
            .iter()
            .enumerate()
            .map(|(k, t)| format!("{t}\n\n{}\n\n", k + 1))
            .collect();
        let long = "渡船停在码头，海鸥在渔网上争吵不休，天色一点一点暗下来。".repeat(8);
        let body: String = (1..=4).map(|n| format!("{long}\n\n第 {n} 页\n\n")).collect();
        let lines = split_lines(&format!("目录\n\n{toc}{body}"));
        assert_eq!(find_furniture(&lines, &[], &[]).folios.len(), 4);
    }

    #[test]
    fn decorated_roman_folios() {
        assert_eq!(parse_folio("—i—"), Some((1, true)));
        assert_eq!(parse_folio("- xiv -"), Some((14, true)));
        assert_eq!(parse_folio("·iv·"), Some((4, true)));
        assert!(is_roman_folio("— iv —"));
        assert_eq!(parse_folio("— vie —"), None);
    }

    #[test]
    fn a_running_head_right_above_its_heading_leaves_the_heading() {
        // Each page of a chapter opens with the chapter's title as its head; on
        // the chapter's first page the heading itself comes right under it.
        let para = "随着业务全面迁移到容器平台，我们的线上集群已经从三个增长到十一个，人工巡检已经无法及时发现问题。"
            .repeat(3);
        let text = format!("前言\n\n{para}\n\x0C1 概述\n\n1 概述\n\n{para}\n\n1\n\x0C1 概述\n\n{para}\n\n2\n\x0C1 概述\n\n{para}\n\n3\n\x0C1 概述\n\n{para}\n\n4\n");
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        let kept: Vec<usize> = lines
            .iter()
            .filter(|l| l.text == "1 概述" && !f.running_heads.contains(&l.index))
            .map(|l| l.index)
            .collect();
        assert_eq!(kept.len(), 1, "{f:?}");
        assert_eq!(kept[0], 5, "the second of the pair is the heading");
        let para = "The parcel came on a wet Friday, wedged between a seed list and a rates notice. ".repeat(3);
        let text =
            format!("Preface\n\n{para}\n\x0C2 Setup\n\n2 Setup\n\n{para}\n\n1\n\x0C2 Setup\n\n{para}\n\n2\n\x0C2 Setup\n\n{para}\n\n3\n\x0C2 Setup\n\n{para}\n\n4\n");
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        let kept = lines.iter().filter(|l| l.text == "2 Setup" && !f.running_heads.contains(&l.index)).count();
        assert_eq!(kept, 1, "{f:?}");
    }

    #[test]
    fn a_head_in_capitals_over_its_heading_leaves_the_heading() {
        // Each chapter opens a page under its title in capitals, the page's
        // head; the heading follows in the text's own case. The book's title
        // heads the other pages.
        fn kept_and_removed(text: &str, heading: &str) -> (usize, usize) {
            let lines = split_lines(text);
            let f = find_furniture(&lines, &[], &[]);
            let of = |t: &str| lines.iter().filter(|l| l.text.trim() == t).map(|l| l.index).collect::<Vec<_>>();
            let upper = heading.to_uppercase();
            let kept = of(heading).iter().filter(|i| !f.running_heads.contains(i)).count();
            let removed = of(&upper).iter().filter(|i| f.running_heads.contains(i)).count();
            (kept, removed)
        }
        let para = "The wind dropped at dusk and the lake went flat as a plate of tin. ".repeat(4);
        let en = format!("Evening Lake\n\n{para}\n\n-1-\n\x0CSETTING THE NETS\n\nSetting the Nets\n{para}\n\n-2-\n\x0CBook of the Lake\n\n{para}\n\n-3-\n\x0CMENDING THE BOAT\n\nMending the Boat\n{para}\n\n-4-\n\x0CBook of the Lake\n\n{para}\n\n-5-\n");
        assert_eq!(kept_and_removed(&en, "Setting the Nets"), (1, 1));
        assert_eq!(kept_and_removed(&en, "Mending the Boat"), (1, 1));
        let para = "Le vent tomba au soir et le lac devint lisse comme une assiette d'étain. ".repeat(4);
        let fr = format!("Le lac du soir\n\n{para}\n\n-1-\n\x0CPOSER LES FILETS\n\nPoser les filets\n{para}\n\n-2-\n\x0CLe livre du lac\n\n{para}\n\n-3-\n\x0CRÉPARER LA BARQUE\n\nRéparer la barque\n{para}\n\n-4-\n\x0CLe livre du lac\n\n{para}\n\n-5-\n");
        assert_eq!(kept_and_removed(&fr, "Poser les filets"), (1, 1));
        assert_eq!(kept_and_removed(&fr, "Réparer la barque"), (1, 1));
    }

    #[test]
    fn roman_front_matter_folios_before_an_arabic_body() {
        let para = "The rain had not stopped for three days, and the river rose with it. ".repeat(6);
        let body: String = (1..5).map(|n| format!("{para}\n\n{n}\n\n")).collect();
        let lines = split_lines(&format!("PREFACE\n\n{para}\n\nⅠ\n\n\nCONTENTS\n\n{para}\n\nii\n\n\n{body}"));
        let f = find_furniture(&lines, &[], &[]);
        let folios: Vec<&str> = f.folios.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(folios, ["Ⅰ", "ii", "1", "2", "3", "4"]);
    }

    #[test]
    fn a_part_number_over_its_title_inside_the_body_is_no_folio() {
        // A part page after the body's folios have begun: `Ⅱ` over the
        // part's title, alone on its page, beside a form feed.
        let folios = |text: &str| -> Vec<String> {
            let lines = split_lines(text);
            find_furniture(&lines, &[], &[]).folios.iter().map(|&i| lines[i].text.clone()).collect()
        };
        let para = "The ferry left at six and nobody on the quay waved it off. ".repeat(6);
        let page = |n: u32| format!("{para}\n\nPage {n}\n\x0C");
        let en = format!("{}{}Ⅱ\n\nThe Harbour\n\x0C{}{}", page(1), page(2), page(3), page(4));
        assert_eq!(folios(&en), ["Page 1", "Page 2", "Page 3", "Page 4"]);
        let para = "渡し舟は六時に出て、岸壁でそれを見送る者はいなかった。".repeat(8);
        let page = |n: u32| format!("{para}\n\n{n}\n\x0C");
        let ja = format!("{}{}Ⅲ\n\n港の町で\n\x0C{}{}", page(1), page(2), page(3), page(4));
        assert_eq!(folios(&ja), ["1", "2", "3", "4"]);
    }

    #[test]
    fn framed_roman_front_matter_folios() {
        // The body's frame around a roman front-matter number (`Page i` over
        // `Page 1`…, `第i页` over `第1页`…) is front matter all the same.
        let para = "The rain had not stopped for three days, and the river rose with it. ".repeat(6);
        let body: String = (1..5).map(|n| format!("{para}\n\nPage {n}\n\n")).collect();
        let lines = split_lines(&format!("Contents\n\n{para}\n\nPage i\n\n{body}"));
        let folios: Vec<&str> =
            find_furniture(&lines, &[], &[]).folios.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(folios, ["Page i", "Page 1", "Page 2", "Page 3", "Page 4"]);
        let para = "河水连涨了三天，镇上的人都在堤上守着，谁也不肯回家睡觉。".repeat(15);
        let body: String = (1..5).map(|n| format!("{para}\n\n第{n}页\n\n")).collect();
        let lines = split_lines(&format!("目录\n\n{para}\n\n第ii页\n\n{body}"));
        let folios: Vec<&str> =
            find_furniture(&lines, &[], &[]).folios.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(folios, ["第ii页", "第1页", "第2页", "第3页", "第4页"]);
    }

    #[test]
    fn keeps_numbered_stanzas_and_counts() {
        // Short "pages": stanza numbers of a poem, not folios.
        let text = "1\n\nRoses are red\n\n2\n\nViolets are blue\n\n3\n\nSugar is sweet\n\n4\n\nAnd so are you\n";
        let f = find_furniture(&split_lines(text), &[], &[]);
        assert!(f.folios.is_empty());
        // A lone number in prose.
        let text = format!("{}\n\n1984\n\n{}\n", "Long text. ".repeat(40), "More text. ".repeat(40));
        assert!(find_furniture(&split_lines(&text), &[], &[]).folios.is_empty());
    }

    #[test]
    fn folio_and_running_head_on_one_line() {
        assert_eq!(
            folio_with_running_head("2                                 THE KEEPER’S YEAR"),
            Some((2, "THE KEEPER’S YEAR"))
        );
        assert_eq!(
            folio_with_running_head("        THE RELIEF BOAT                    3"),
            Some((3, "THE RELIEF BOAT"))
        );
        assert_eq!(folio_with_running_head("第 3 页      年度报告"), Some((3, "年度报告")));
        assert_eq!(folio_with_running_head("I had 3   apples."), None);
        assert_eq!(head_then_folio("Okafor et al. 5"), Some((5, "Okafor et al.")));
        assert_eq!(head_then_folio("6 Rooftop harvesting in Lagos"), Some((6, "Rooftop harvesting in Lagos")));
        assert_eq!(head_then_folio("CHAPTER 5"), None);
        // A whole chapter heading as the head, its folio after it.
        assert_eq!(head_then_folio("第二卷 山居岁月 8"), Some((8, "第二卷 山居岁月")));
        assert_eq!(head_then_folio("Chapter 3 The Flood 41"), Some((41, "Chapter 3 The Flood")));
        assert_eq!(head_then_folio("He counted to 5."), None);
    }

    #[test]
    fn running_heads_beside_folios() {
        let para = "The rain had not stopped for three days, and the river rose with it. ".repeat(6);
        let text: String = (10..16).map(|n| format!("THE LONG RAIN\n\n{para}\n\n{n}\n\n")).collect();
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        assert_eq!(f.folios.len(), 6);
        assert_eq!(f.running_heads.len(), 6);
        assert!(f.running_heads.iter().all(|&i| lines[i].text == "THE LONG RAIN"));
    }

    #[test]
    fn chapter_running_head_on_few_pages_keeps_the_heading() {
        let para = "港の一日は、まだ暗いうちに始まる。岸壁に船が着き、魚市場に明かりがともる。".repeat(4);
        let text = format!("港町の記憶\n\n水野 朔\n\x0C第二章　魚市場の朝\n\n{para}\n\n4\n\x0C第二章　魚市場の朝\n\n{para}\n\n5\n\x0C港町の記憶\n\n{para}\n\n6\n\x0C港町の記憶\n\n{para}\n\n7\n");
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        let heads: Vec<&str> = f.running_heads.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(heads, ["第二章　魚市場の朝", "港町の記憶"], "the first of each stays: {heads:?}");
    }

    #[test]
    fn running_head_repeating_a_chapter_title_without_its_number() {
        let para = "　　雨下了三天，河水一直在涨，镇上的人都搬到了高处。".repeat(10);
        let text = format!("第一章　河水\n\n{para}\n\n1\n\n\n全书名\n\n{para}\n\n2\n\n\n河水\n\n{para}\n\n3\n\n\n全书名\n\n{para}\n\n4\n");
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        let heads: Vec<&str> = f.running_heads.iter().map(|&i| lines[i].text.as_str()).collect();
        // The book title on two pages keeps its first (it may be the title page).
        assert_eq!(heads, ["河水", "全书名"], "{heads:?}");
    }

    #[test]
    fn a_running_head_standing_above_its_own_chapter_heading_goes() {
        // A short chapter's running head (its name without the number) opens
        // the chapter's first page above the heading, and its second page.
        let para = "　　雨下了三天，河水一直在涨，镇上的人都搬到了高处。".repeat(10);
        let text = format!(
            "第一章　回镇\n\n{para}\n\n第 1 页\n\n\n钟表铺\n\n第二章　钟表铺\n\n{para}\n\n第 2 页\n\n钟表铺\n\n{para}\n\n第 3 页\n\n\n第三章　旧账本\n\n{para}\n\n第 4 页\n"
        );
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        let heads: Vec<&str> = f.running_heads.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(heads, ["钟表铺", "钟表铺"], "{heads:?}");
    }

    #[test]
    fn folios_beside_one_running_head_without_page_breaks() {
        // pypdf: no form feeds, no blank lines; each page's folio runs into the
        // next page's running head, and short part-title pages break the rhythm.
        let para = "The ferry was never late, the harbourmaster liked to say, and had been merely early for tomorrow since 1931.\n"
            .repeat(6);
        let mut text = String::from("The Step\nA Memoir\n");
        for (n, part) in (1..=8).zip(["", "PART ONE\n", "", "", "PART TWO\n", "", "PART THREE\n", ""]) {
            text.push_str("The Step\n");
            text.push_str(if part.is_empty() { &para } else { part });
            text.push_str(&format!("{n}\n"));
        }
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        assert_eq!(f.folios.len(), 8, "{:?}", f.folios);
        assert!(f.folios.iter().all(|i| f.why[i] == "rising_beside_running_head"));
        let heads: Vec<usize> = f.running_heads.clone();
        assert_eq!(heads.len(), 8, "every running head but the title page's: {heads:?}");
    }

    #[test]
    fn a_chapter_title_over_a_section_ending_like_it_stays() {
        // No folios: every page counts. The chapter's title line opens the page
        // under its label; the section below it ends with the same words.
        let zh_para = "　　本年度公司营业收入稳步增长，主要产品的市场占有率继续提高。".repeat(8);
        let en_para =
            "Revenue grew steadily through the year, and the main product lines gained market share. ".repeat(6);
        for (label, title, section, para) in [
            ("第三节", "主要财务数据", "一、近三年主要财务数据", zh_para.as_str()),
            ("SECTION 3", "Sales Figures", "1. Three-Year Sales Figures", en_para.as_str()),
        ] {
            let text = format!("Annual Review\n\nNorthwind Ltd\n\x0C{label}\n{title}\n{section}\n{para}\n\x0C{para}\n");
            let lines = split_lines(&text);
            let f = find_furniture(&lines, &[], &[]);
            let heads: Vec<&str> = f.running_heads.iter().map(|&i| lines[i].text.as_str()).collect();
            assert!(heads.is_empty(), "{heads:?}");
        }
    }

    #[test]
    fn a_contents_page_lends_its_numbers_to_no_folio_chain() {
        // pypdf: no page breaks; the contents page's numbers stand on lines of
        // their own and rise further than the body's folios do.
        for (titles, para, folio) in [
            (
                ["Introduction", "Scope", "Installation", "Wiring", "Configuration", "Alarms", "Operation", "Care"],
                "Mount the logger on a wall that stays dry, and keep its vents clear of dust and cables.\n",
                "Page ",
            ),
            (
                ["引言", "范围", "安装", "接线", "配置", "报警", "操作", "保养"],
                "记录仪应安装在干燥的墙面上，通风口不得被灰尘或线缆遮挡，以免读数偏高。\n",
                "第",
            ),
        ] {
            let mut text = String::from("Contents\n");
            for (n, t) in titles.iter().enumerate() {
                text.push_str(&format!("{t}\n{}\n", n + 1));
            }
            let contents_end = text.lines().count();
            for n in 1..=5 {
                text.push_str(&para.repeat(8));
                let tail = if folio == "第" { "页" } else { "" };
                text.push_str(&format!("{folio}{n}{tail}\n"));
            }
            let lines = split_lines(&text);
            let contents = std::iter::once(0..contents_end).collect::<Vec<_>>();
            let f = find_furniture(&lines, &contents, &[]);
            let got: Vec<&str> = f.folios.iter().map(|&i| lines[i].text.as_str()).collect();
            assert_eq!(got.len(), 5, "{got:?}");
            assert!(got.iter().all(|t| t.starts_with(folio)), "{got:?}");
        }
    }

    #[test]
    fn a_running_head_naming_a_chapter_further_down_the_page_goes() {
        // Typst sets the running head from the chapter that opens on the page,
        // above a chapter that ends there first; the heading stands further down.
        let para = "　　父親的船叫金順發，是他跟兩個叔叔合夥買的二手船，船身漆成藍白兩色。".repeat(6);
        let text = format!(
            "第1頁\n第二章 父親的船\n\n第一章 雨港\n\n{para}\n\n第二章 父親的船\n\n{para}\n\n第2頁\n第二章 父親的船\n\n{para}\n\n第3頁\n第三部 後山歲月\n第三章 廟口\n\n{para}\n\n第4頁\n"
        );
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        let heads: Vec<usize> = f.running_heads.clone();
        let at = |t: &str| lines.iter().filter(|l| l.text == t).map(|l| l.index).collect::<Vec<_>>();
        let second = at("第二章 父親的船");
        assert_eq!(heads, [second[0], second[2]], "the heading in the text stays");
        assert_eq!(f.folios.len(), 4);
    }

    #[test]
    fn running_head_keys_ignore_case_and_numbers() {
        assert_eq!(head_key("WHAT THE TIDE LEAVES"), head_key("What the Tide Leaves"));
        assert_eq!(head_key("第 3 页 北京日报"), head_key("第4页 北京日报"));
        assert_ne!(head_key("Low Tide"), head_key("High Tide"));
    }

    #[test]
    fn a_title_page_keeps_the_title_its_running_heads_repeat() {
        let para = "　　雨下了三天，河水一直在涨，镇上的人都搬到了高处。".repeat(10);
        let pages: String = (1..5).map(|n| format!("全书名\n\n{para}\n\n{n}\n\n\n")).collect();
        let lines = split_lines(&format!("全书名\n\n——副标题\n\n林远　著\n\n\n{pages}"));
        let heads = find_furniture(&lines, &[], &[]).running_heads;
        // (The first page's head, three lines below the title page, is not
        // known to be at a page edge: no folio or form feed marks that edge.)
        assert!(heads.len() >= 3, "{heads:?}");
        assert!(!heads.contains(&0), "the title page's title stays");
    }

    #[test]
    fn a_contents_page_ocr_left_bare_is_no_evidence_against_the_body_headings() {
        // OCR lost the leaders and page numbers and read the label last; each
        // chapter runs over two pages under its head, the first page's head
        // right over the heading, the second's over a section.
        let zh = (
            ["第一章 出发", "第二章 山路", "第三章 归来"],
            ["第一节 行装", "第一节 雾中", "第一节 灯火"],
            "目录",
            "天还没亮，我们就背上行装出了门，山路上的露水很快打湿了裤脚。".repeat(3),
        );
        let en = (
            ["1 Scope", "2 Setup", "3 Checks"],
            ["1.1 Terms", "2.1 Versions", "3.1 Alarms"],
            "Contents",
            "The logger samples every sensor once a minute, and keeps the readings for a year. ".repeat(3),
        );
        for (chapters, sections, label, para) in [zh, en] {
            let mut text: String = chapters.iter().zip(sections).map(|(c, s)| format!("{c}\n{s}\n")).collect();
            text.push_str(label);
            for (c, s) in chapters.iter().zip(sections) {
                text.push_str(&format!("\n\x0C{c}\n\n{c}\n\n{para}\n\x0C{c}\n\n{s}\n\n{para}\n"));
            }
            let lines = split_lines(&text);
            let heads: Vec<usize> = find_furniture(&lines, &[], &[]).running_heads;
            let headings: Vec<&str> = (0..lines.len())
                .filter(|i| !heads.contains(i) && !lines[*i].is_blank() && lines[*i].width < 30 && *i > 6)
                .map(|i| lines[i].text.as_str())
                .collect();
            assert_eq!(headings, [chapters[0], sections[0], chapters[1], sections[1], chapters[2], sections[2]]);
            assert_eq!(heads.len(), 6, "the head over each heading and over each section goes");
        }
    }

    #[test]
    fn a_chapter_heading_its_running_heads_repeat_stays() {
        let para = "港の一日は、まだ暗いうちに始まる。岸壁に船が着き、魚市場に明かりがともる。".repeat(6);
        let pages: String = (2..6).map(|n| format!("第一章　港の朝\n\n{para}\n\n{n}\n\x0C")).collect();
        let lines = split_lines(&format!("第一章　港の朝\n\n{para}\n\n1\n\x0C{pages}"));
        let heads = find_furniture(&lines, &[], &[]).running_heads;
        assert_eq!(heads.len(), 4, "{heads:?}");
        assert!(!heads.contains(&0), "the heading on the chapter's first page stays");
    }

    #[test]
    fn numbered_chapters_and_sections_every_chapter_has_are_not_running_heads() {
        let para = "Water in soil moves from where its energy is higher to where it is lower, and slowly. ".repeat(4);
        let titles = ["Soil Water", "Soil Air", "Organic Matter", "Soil Life"];
        let text: String = (3..7)
            .map(|n| format!("Chapter {n}\n{}\n{para}\n{n}1\n\x0CReview questions\n{para}\n{n}2\n\x0C", titles[n - 3]))
            .collect();
        let lines = split_lines(&text);
        let heads: Vec<&str> =
            find_furniture(&lines, &[], &[]).running_heads.iter().map(|&i| lines[i].text.as_str()).collect();
        assert!(!heads.iter().any(|h| h.starts_with("Chapter")), "{heads:?}");
        assert!(!heads.contains(&"Review questions"), "{heads:?}");
    }

    #[test]
    fn a_running_head_naming_a_section_of_the_text_with_its_folio() {
        let para = "Water in soil moves from where its energy is higher to where it is lower, and slowly. ".repeat(4);
        let text = format!("3.2 Holding capacity\n{para}\n\x0C3.2 HOLDING CAPACITY 43\n{para}\n\x0C44 SOIL WATER\n{para}\n\x0C3.3 WATER MOVEMENT 45\n{para}\n3.3 Water movement\n{para}\n\x0C46 SOIL WATER\n{para}\n");
        let lines = split_lines(&text);
        let folios: Vec<&str> =
            find_furniture(&lines, &[], &[]).folios.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(folios, ["3.2 HOLDING CAPACITY 43", "44 SOIL WATER", "3.3 WATER MOVEMENT 45", "46 SOIL WATER"]);
    }

    #[test]
    fn folios_beside_running_heads_on_one_line_without_page_breaks() {
        // pypdf: even pages `4 雨港與後山` (folio, book), odd pages `北上 7`
        // (part, folio), no form feeds; the contents' `北上  5` is no folio.
        let para = "我出生在基隆，一個一年有一半日子在下雨的地方，小時候家住八斗子的漁村。\n".repeat(8);
        let mut text = String::from("雨港與後山\n目錄\n港邊的童年  2\n北上  5\n");
        let heads = [
            "港邊的童年 3",
            "4 雨港與後山",
            "北上 5",
            "6 雨港與後山",
            "北上 7",
            "8 雨港與後山",
            "北上 9",
            "10 雨港與後山",
        ];
        text.push_str("港邊的童年\n");
        for head in heads {
            text.push_str(&para);
            text.push_str(head);
            text.push('\n');
        }
        text.push_str("北上\n");
        text.push_str(&para);
        let lines = split_lines(&text);
        let contents = std::ops::Range { start: 2, end: 4 };
        let f = find_furniture(&lines, std::slice::from_ref(&contents), &[]);
        let folios: Vec<&str> = f.folios.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(folios, heads, "{:?}", f.why);
    }

    #[test]
    fn section_numbers_opening_pages_are_no_running_heads() {
        // Typst's pages open with the section under way: `2頁` ⏎ `2.1` ⏎ its title.
        let para = "調査は、住民アンケート調査と関係者ヒアリング調査の二本立てで実施した。".repeat(4);
        let titles = ["調査の目的", "人口と移動の動向", "回答者の属性", "主な課題"];
        let text: String = (1..5).zip(titles).map(|(n, t)| format!("{n}頁\n\n{n}.1\n\n{t}\n{para}\n\x0C")).collect();
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        let gone: Vec<&str> = f
            .running_heads
            .iter()
            .chain(&f.folios)
            .map(|&i| lines[i].text.as_str())
            .filter(|t| t.contains('.'))
            .collect();
        assert!(gone.is_empty(), "{gone:?}");
    }

    #[test]
    fn a_line_of_symbols_and_a_number_may_still_be_a_running_head() {
        assert!(could_be_running_head("‧ 1 ‧"));
        assert!(could_be_running_head("玉笛緣"));
        assert!(!could_be_running_head("2.1"));
    }

    #[test]
    fn decorated_folios_beside_running_heads_one_space_apart() {
        // `pdftotext -raw` over Typst: `·2· 街道简报` on even pages, `本周要闻 ·3·` on odd.
        let para = "3月6日，县政府召开一季度经济运行调度会，听取12个部门的汇报。".repeat(4);
        let heads = ["·2· 街道简报", "本周要闻 ·3·", "·4· 街道简报", "乡村风采 ·5·", "·6· 街道简报"];
        let text: String = heads.iter().map(|h| format!("\x0C{h}\n{para}\n")).collect();
        // The odd pages' heads name sections of the text.
        let lines = split_lines(&format!("街道简报\n本周要闻\n{para}\n{text}乡村风采\n{para}\n"));
        let folios: Vec<&str> =
            find_furniture(&lines, &[], &[]).folios.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(folios, heads);
    }

    #[test]
    fn running_heads_with_form_feeds_japanese() {
        let para = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。".repeat(5);
        let text: String = (1..5).map(|n| format!("吾輩は猫である　{n}\n{para}\n\x0C")).collect();
        let lines = split_lines(&text);
        let f = find_furniture(&lines, &[], &[]);
        assert_eq!(f.running_heads.len(), 4, "{:?}", f);
    }

    /// The running heads `find_furniture` takes, and the lines of `text` it keeps that read `head`.
    fn heads_and_kept(text: &str, head: &str) -> (Vec<usize>, Vec<usize>) {
        let lines = split_lines(text);
        let f = find_furniture(&lines, &[], &[]);
        let kept =
            lines.iter().filter(|l| l.text.trim() == head && !f.running_heads.contains(&l.index)).map(|l| l.index);
        (f.running_heads.clone(), kept.collect())
    }

    #[test]
    fn a_folio_under_the_page_head_starts_no_page() {
        // groff through pdftotext: each page opens with its head, then the
        // folio, then the page's text; a section of two pages has its heading
        // under the first page's head.
        let para = "Tighten the clamp by hand, then give it a quarter turn with the key provided.\n".repeat(6);
        let text = format!(
            "Clamp Kit Guide\nfor the second edition\n\x0C1 Getting Started\n\nPage 1\n\n1 Getting Started\n{para}\n\x0C1 Getting Started\n\nPage 2\n\n{para}\n\x0C2 Wiring\n\nPage 3\n\n2 Wiring\n{para}\n\x0C2 Wiring\n\nPage 4\n\n{para}"
        );
        let (heads, kept) = heads_and_kept(&text, "1 Getting Started");
        assert_eq!((heads.len(), kept), (4, vec![6]), "the heading under the folio stays: {heads:?}");
        let para = "　　把夹具先用手拧紧，再用随附的扳手转四分之一圈，不要过度用力。\n".repeat(6);
        let text = format!(
            "夹具使用手册\n第二版\n\x0C1 安装准备\n\n第 1 页\n\n1 安装准备\n{para}\n\x0C1 安装准备\n\n第 2 页\n\n{para}\n\x0C2 接线\n\n第 3 页\n\n2 接线\n{para}\n\x0C2 接线\n\n第 4 页\n\n{para}"
        );
        let (heads, kept) = heads_and_kept(&text, "1 安装准备");
        assert_eq!((heads.len(), kept), (4, vec![6]), "the heading under the folio stays: {heads:?}");
    }

    #[test]
    fn a_page_head_naming_the_section_that_opens_further_down_goes() {
        // LibreOffice's chapter field: the head of the page where a section
        // opens already names it, above the end of the section before.
        let intro = "　　为方便群众了解今年的新规定，我们把常见的问题整理如下，供大家参考。\n\n";
        let para = "　　新规定从明年一月起施行，原有的办法同时废止，已经办理的手续继续有效。\n".repeat(6);
        let text = format!(
            "\x0C一、办理流程\n\n{intro}一、办理流程\n{para}\n— 1 —\n\x0C一、办理流程\n\n{para}\n— 2 —\n\x0C二、费用标准\n\n{para}\n— 3 —\n"
        );
        let (heads, kept) = heads_and_kept(&text, "一、办理流程");
        assert_eq!(kept, [4], "the heading below the head stays: {heads:?}");
        assert_eq!(heads.len(), 2, "{heads:?}");
        let intro = "Everything in this guide applies to the second edition of the kit.\n\n";
        let para =
            "The new rules apply from January, and forms already filed remain valid until they expire.\n".repeat(6);
        let text = format!(
            "\x0CFiling a Claim\n\n{intro}Filing a Claim\n{para}\n— 1 —\n\x0CFiling a Claim\n\n{para}\n— 2 —\n\x0CFees and Charges\n\n{para}\n— 3 —\n"
        );
        let (heads, kept) = heads_and_kept(&text, "Filing a Claim");
        assert_eq!(kept, [4], "the heading below the head stays: {heads:?}");
        assert_eq!(heads.len(), 2, "{heads:?}");
    }

    #[test]
    fn a_heading_on_a_page_without_a_folio_is_no_inner_line() {
        // pypdf: no form feeds; the chapter's opening page prints no folio,
        // so the text between folios 5 and 7 is two pages, and the chapter's
        // heading opens the first of them, its running head the second.
        let para = "Heat flows from the warmer body to the cooler one until both are equal.\n".repeat(8);
        let text = format!("{para}5\nChapter 2 Work and Heat\n{para}Chapter 2 Work and Heat\n{para}7\nChapter 2 Work and Heat\n{para}8\n");
        let (_, kept) = heads_and_kept(&text, "Chapter 2 Work and Heat");
        assert!(kept.contains(&9), "the chapter's first line stays: {kept:?}");
        let para = "　　热量总是从温度较高的物体传到温度较低的物体，直到两者温度相等。\n".repeat(8);
        let text = format!("{para}5\n第2章 功和热\n{para}第2章 功和热\n{para}7\n第2章 功和热\n{para}8\n");
        let (_, kept) = heads_and_kept(&text, "第2章 功和热");
        assert!(kept.contains(&9), "the chapter's first line stays: {kept:?}");
    }

    #[test]
    fn a_numbered_heading_keeps_its_enumeration_comma_out_of_prose() {
        assert!(could_be_running_head("一、办理流程"));
        assert!(could_be_running_head("三、調査の方法"));
        assert!(could_be_running_head("（二）费用标准"));
        assert!(!could_be_running_head("我们走吧、他说"), "a comma in a line that is no numbered heading is prose");
        assert!(!could_be_running_head("一、把表格填好，交到窗口"), "a numbered sentence is no head");
    }

    #[test]
    fn a_head_over_its_chapter_heading_split_in_two_goes() {
        // Typst's head names the chapter that opens further down the page,
        // where the extractor split the heading into its label and its title.
        let para = "The rain kept on through the night, and by morning the lane was a stream.\n".repeat(6);
        let text = format!(
            "Field Notes\nA. Writer\n\x0CChapter 2 The Long Field\n\n{para}\nChapter 2\n\nThe Long Field\n{para}\n— 4 —\n\x0CChapter 2 The Long Field\n\n{para}\n— 5 —\n\x0CField Notes\n\n{para}\n— 6 —\n"
        );
        let (heads, kept) = heads_and_kept(&text, "Chapter 2 The Long Field");
        assert!(kept.is_empty() && heads.contains(&2), "both heads go: {heads:?}");
        let (heads, kept) = heads_and_kept(&text, "Chapter 2");
        assert_eq!(kept.len(), 1, "the heading's label stays: {heads:?}");
        let para = "　　雨下了一整夜，到早上，巷子里的水已经没过了脚背。\n".repeat(6);
        let text = format!(
            "田野笔记\n林一\n\x0C第二章 长长的田埂\n\n{para}\n第二章\n\n长长的田埂\n{para}\n— 4 —\n\x0C第二章 长长的田埂\n\n{para}\n— 5 —\n\x0C田野笔记\n\n{para}\n— 6 —\n"
        );
        let (heads, kept) = heads_and_kept(&text, "第二章 长长的田埂");
        assert!(kept.is_empty() && heads.contains(&2), "both heads go: {heads:?}");
        let (_, kept) = heads_and_kept(&text, "长长的田埂");
        assert_eq!(kept.len(), 1, "the heading's title stays");
    }

    #[test]
    fn folios_that_skip_chapter_openings_share_their_text_out_by_page() {
        // Chapter openings print no folio (`1`, `3`, `5`…): the text between
        // two folios is two pages', and two pages near a chapter's end are short.
        let shape = |page: &str, short: &str| -> String {
            let mut text = String::new();
            for (n, step) in [(1, 1), (3, 2), (5, 2), (7, 2), (9, 2), (10, 1), (11, 1), (12, 1)] {
                let body = match (n, step) {
                    (10 | 11, _) => short.to_string(),
                    (_, 2) => format!("{page}\n\n{page}"),
                    _ => page.to_string(),
                };
                text.push_str(&format!("{body}\n\n{n}\n\n"));
            }
            text
        };
        let page = "The ferry left at six, and by seven the harbour lights were gone behind the rain. ".repeat(4);
        let short = "Nobody spoke until the engine caught. The rest of the crossing was quiet, and the gulls followed us out past the breakwater.";
        let lines = split_lines(&shape(&page, short));
        assert_eq!(find_furniture(&lines, &[], &[]).folios.len(), 8);
        let page = "渡船六点开出，到七点，港口的灯光已经消失在雨幕后面。船上没有人说话。".repeat(7);
        let short = "直到发动机响起来，大家才松了一口气，剩下的航程很安静。".repeat(3);
        let lines = split_lines(&shape(&page, &short));
        assert_eq!(find_furniture(&lines, &[], &[]).folios.len(), 8);
    }

    #[test]
    fn a_page_head_right_above_its_split_heading_goes() {
        // A chapter a page long: its recto head (`FOUR THE SALT ROAD`) is seen
        // once, over the heading the extractor split into its two lines.
        let para = "The salt road ran along the cliff, and the carts went slowly in the wind.\n".repeat(5);
        let text = format!(
            "{para}\n— 4 —\n\x0CFOUR THE SALT ROAD\n\nFOUR\n\nThe Salt Road\n{para}\n— 5 —\n\x0CTide Tables\n\n{para}\n— 6 —\n"
        );
        let (heads, kept) = heads_and_kept(&text, "FOUR THE SALT ROAD");
        assert!(kept.is_empty() && heads.len() == 1, "{heads:?}");
        assert_eq!(heads_and_kept(&text, "FOUR").1.len(), 1, "the heading stays");
        let para = "塩の道は崖に沿って続き、荷車は風の中をゆっくりと進んだ。\n".repeat(5);
        let text =
            format!("{para}\n— 4 —\n\x0C四 塩の道\n\n四\n\n塩の道\n{para}\n— 5 —\n\x0C潮の記録\n\n{para}\n— 6 —\n");
        let (heads, kept) = heads_and_kept(&text, "四 塩の道");
        assert!(kept.is_empty() && heads.len() == 1, "{heads:?}");
        assert_eq!(heads_and_kept(&text, "塩の道").1.len(), 1, "the heading stays");
        // A heading alone under a different head stays whole.
        let text = format!("{para}\n— 4 —\n\x0C潮の記録\n\n四\n\n塩の道\n{para}\n— 5 —\n");
        assert!(heads_and_kept(&text, "四").0.is_empty());
    }

    #[test]
    fn a_short_last_page_keeps_the_folio_rhythm() {
        let check = |long: &str, short: &str| {
            let folios = |bodies: [&str; 5]| {
                let text: String = bodies.iter().zip(1..).map(|(b, n)| page(n, b)).collect();
                find_furniture(&split_lines(&text), &[], &[]).folios.len()
            };
            assert_eq!(folios([long, long, long, long, short]), 5, "the text ends on a short page");
            assert_eq!(folios([long, long, short, long, long]), 0, "a short page inside is a list's mark");
        };
        let long = "The committee met twice in the spring and agreed the budget for the new library wing. ".repeat(4);
        check(&long, "Signed on behalf of the committee.");
        let long = "委员会在春天开了两次会，通过了新图书馆侧楼的预算，并决定在秋天动工。".repeat(8);
        check(&long, "委员会秘书处印发。");
    }
}
