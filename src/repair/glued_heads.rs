//! Running heads run into the text: the book's title, printed at the head of
//! every page, that an extractor without page breaks (calibre, pypdf) set
//! inside the body, at the start of a paragraph (`The Quiet Harbour Rain fell
//! all night`), in the middle of a sentence the page break cut, or as a line
//! of its own between the two halves of that sentence.
//!
//! Takes the document's lines; returns where each such head stands (line and
//! byte range). Never touches the opening lines (the title page the heads
//! repeat) and never decides alone on a phrase the text merely mentions: the
//! head must come back once a page, never twice on one page.

use super::Line;
use crate::limits::{
    CJK_RUN_ON, MIN_DECORATED_RUN, MIN_GLUED_TITLE_WIDTH, MIN_PAGE_CHARS, MIN_RUNNING_HEAD_PAGES, OPENING_TITLE_LINES,
    SPACED_RUN_ON,
};
use crate::text::{display_width, is_cjk};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A letter or digit of a script that spaces its words: two of them side by
/// side are one word, so no head begins or ends between them.
fn is_word_char(c: char) -> bool {
    // The CJK range test first: an ideograph never searches Unicode's letter table.
    !is_cjk(c) && c.is_alphanumeric()
}

/// Whether a phrase may end between `before` and `after` (`None`: an edge).
fn word_boundary(before: Option<char>, after: Option<char>) -> bool {
    !matches!((before, after), (Some(a), Some(b)) if is_word_char(a) && is_word_char(b))
}

/// The document's first lines (its title page), read as one phrase.
struct Opening {
    /// Index of the opening's last line.
    last: usize,
    /// The lines joined with a space.
    text: String,
    /// The opening's characters without white space.
    key: Vec<char>,
    /// After how many of `key`'s characters a word ends (a head stops there, never inside one).
    ends_word: Vec<bool>,
    /// After how many of them a line of the opening ends.
    ends_line: Vec<bool>,
}

fn opening(lines: &[Line], skip: &dyn Fn(usize) -> bool) -> Option<Opening> {
    let first: Vec<&Line> =
        lines.iter().filter(|l| !l.is_blank() && !skip(l.index)).take(OPENING_TITLE_LINES).collect();
    let last = first.last()?.index;
    let text = first.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" ");
    let key: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut ends_word = vec![false; key.len() + 1];
    let mut ends_line = vec![false; key.len() + 1];
    let mut k = 0;
    for l in &first {
        let chars: Vec<char> = l.text.trim().chars().collect();
        for (n, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                continue;
            }
            k += 1;
            ends_word[k] = word_boundary(Some(c), chars.get(n + 1).copied());
        }
        ends_line[k] = true;
    }
    Some(Opening { last, text, key, ends_word, ends_line })
}

/// The book's title, run into the body as its running head on page after
/// page: `A Harbour Almanac Rain fell all night…`, `…the ferry left A Harbour
/// Almanac before dawn`, `港湾手记十二篇第二章`. The evidence is the document's
/// opening (its first lines, the title page) said again, word for word bar
/// spacing, at least [`MIN_RUNNING_HEAD_PAGES`] times where a page's head
/// can stand ([`stands_like_a_head`]), and once a page ([`once_a_page`]).
/// The phrase is the longest start of the opening that many of them share
/// and that is a title of its own ([`title_of_its_own`]).
/// Returns each head's line and byte range in it; `skip` lines (already
/// removed, the printed contents) are neither opening nor evidence.
pub fn title_heads_in_text(lines: &[Line], skip: &dyn Fn(usize) -> bool) -> Vec<(usize, Range<usize>)> {
    let Some(open) = opening(lines, skip) else { return Vec::new() };
    let key = &open.key;
    let non_space =
        |l: &Line| -> Vec<(usize, char)> { l.text.char_indices().filter(|(_, c)| !c.is_whitespace()).collect() };
    // Every place after the opening where its start comes back: the line, the
    // character where it starts, and how many characters match.
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for line in lines.iter().filter(|l| l.index > open.last && !l.is_blank() && !skip(l.index)) {
        // Most lines hold no character the title starts with: they are out before they are copied.
        if !line.text.contains(key[0]) {
            continue;
        }
        let cs = non_space(line);
        for j in 0..cs.len() {
            if cs[j].1 != key[0] || !word_boundary(line.text[..cs[j].0].chars().next_back(), Some(key[0])) {
                continue;
            }
            let matched = cs[j..].iter().zip(key).take_while(|(a, b)| a.1 == **b).count();
            if matched >= 2 {
                found.push((line.index, j, matched));
            }
        }
    }
    let mut lengths: Vec<usize> = found.iter().map(|f| f.2).collect();
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    let Some(&shared) = lengths.get(MIN_RUNNING_HEAD_PAGES - 1) else { return Vec::new() };
    let Some(len) = (1..=shared).rev().find(|&n| title_of_its_own(lines, &open, n)) else { return Vec::new() };
    // (Blank runs mark only some page ends: a head away from them may still be one.)
    let form_feeds: Vec<usize> =
        lines.iter().filter(|l| l.page_break_before && !l.blank_run_break).map(|l| l.index).collect();
    let cjk = key[..len].iter().any(|&c| is_cjk(c));
    // A match that runs on into the opening's next words is a longer name
    // that begins like the title (`港湾手记` over `港湾手记十二篇`, a title set
    // on two lines whose first line the rest of the book names again), not
    // the head: its next characters are the opening's by chance only when few.
    let runs_on = if cjk { CJK_RUN_ON } else { SPACED_RUN_ON };
    let mut heads: Vec<(usize, Range<usize>)> = found
        .into_iter()
        .filter(|&(_, _, matched)| matched >= len && matched < len + runs_on)
        .map(|(i, j, _)| {
            let cs = non_space(&lines[i]);
            let (last_at, last) = cs[j + len - 1];
            (i, cs[j].0..last_at + last.len_utf8())
        })
        .filter(|(i, r)| stands_like_a_head(lines, *i, r, cjk, &form_feeds, skip))
        .collect();
    heads.dedup();
    if heads.len() < MIN_RUNNING_HEAD_PAGES || !once_a_page(lines, &heads) {
        return Vec::new();
    }
    // Where form feeds mark the pages, a head on a line of its own is the
    // page-edge rules' to weigh (`pages::find_furniture`); this rule cuts
    // only what they cannot see.
    let whole = |(i, r): &(usize, Range<usize>)| lines[*i].text.trim() == lines[*i].text[r.clone()].trim();
    heads.retain(|h| form_feeds.is_empty() || !whole(h));
    heads
}

/// Whether the opening's first `len` characters make a title of their own:
/// they end a word and are title-sized ([`MIN_GLUED_TITLE_WIDTH`], two words
/// or more in a spaced script, no sentence); and they end a line of the
/// opening (a title set over lines ends with its last), stand as a line of
/// their own further on, or end before a capitalised subtitle on the title's
/// line (`Tide Tables for Small Boats A Sailor's Notes`, three words or more).
fn title_of_its_own(lines: &[Line], open: &Opening, len: usize) -> bool {
    if !open.ends_word[len] {
        return false;
    }
    let mut seen = 0;
    let phrase: String = open
        .text
        .chars()
        .take_while(|c| {
            seen += usize::from(!c.is_whitespace());
            seen <= len
        })
        .collect();
    let rest = open.text[phrase.len()..].trim_start();
    let phrase = phrase.trim_end();
    let spaced_script = phrase.chars().all(|c| !is_cjk(c));
    let words = phrase.split_whitespace().count();
    if display_width(phrase) < MIN_GLUED_TITLE_WIDTH
        || (spaced_script && words < 2)
        || !super::pages::could_be_running_head(phrase)
    {
        return false;
    }
    let key: String = phrase.split_whitespace().collect();
    let own_line = lines.iter().any(|l| l.index > open.last && l.text.split_whitespace().collect::<String>() == key);
    let before_subtitle = spaced_script && words >= 3 && rest.chars().next().is_some_and(char::is_uppercase);
    open.ends_line[len] || own_line || before_subtitle
}

/// A contents title said twice on one line (`The Salt Road The Salt Road`,
/// `第二章 归航第二章 归航`): the page's running head and the heading under
/// it, the same words, that an extractor set on one line. Returns each such
/// line and the range of its first copy (the head); the second stays as the
/// heading. Only a title the printed contents list counts (`entries`): a
/// phrase said twice in the prose is a refrain.
pub fn titles_said_twice(
    lines: &[Line],
    skip: &dyn Fn(usize) -> bool,
    entries: &[super::TocLine],
) -> Vec<(usize, Range<usize>)> {
    let listed: std::collections::HashSet<String> =
        entries.iter().map(|e| crate::text::title_key(&e.text)).filter(|k| !k.is_empty()).collect();
    if listed.is_empty() {
        return Vec::new();
    }
    lines
        .iter()
        .filter(|l| !l.is_blank() && !skip(l.index))
        .filter_map(|l| {
            let head = first_of_two_copies(&l.text)?;
            listed.contains(&crate::text::title_key(&l.text[head.clone()])).then_some((l.index, head))
        })
        .collect()
}

/// A contents title run into the start of a line after its heading: the
/// page's running head naming the part or chapter the page belongs to, that
/// an extractor without page breaks (calibre) set before the page's first
/// words (`PART II The Mills and the sentence the page break cut`,
/// `第二章 归航她推开门`) or before the next chapter's heading (`PART ONE The
/// Valley Chapter 3 Letters`). A head names what the pages since its heading
/// hold, so the title's first stand at a line's start (alone, split over two
/// lines, `Chapter 4` ⏎ `Rain`, or run into its text) is the heading, and
/// only the later ones are heads; the line right under the heading is its
/// text (`The Salt Road` ⏎ `The Salt Road was old`). A title the prose names
/// ([`stands_like_a_head`]) stays, and in CJK text, which prose may begin
/// with any phrase, only a numbered title counts ([`title_sized`]).
/// Returns each head's line and byte range; `skip` lines (the contents,
/// furniture already taken) are neither heading nor head.
pub fn listed_titles_run_into_text(
    lines: &[Line],
    skip: &dyn Fn(usize) -> bool,
    entries: &[super::TocLine],
) -> Vec<(usize, Range<usize>)> {
    let mut titles: Vec<Vec<char>> = entries
        .iter()
        .map(|e| e.text.trim())
        .filter(|t| title_sized(t))
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    titles.sort();
    titles.dedup();
    if titles.is_empty() {
        return Vec::new();
    }
    let kept: Vec<&Line> = lines.iter().filter(|l| !l.is_blank() && !skip(l.index)).collect();
    let squeezed = |l: &Line| -> String { l.text.chars().filter(|c| !c.is_whitespace()).collect() };
    let form_feeds: Vec<usize> =
        lines.iter().filter(|l| l.page_break_before && !l.blank_run_break).map(|l| l.index).collect();
    let mut seen = std::collections::HashSet::new();
    let mut heads = Vec::new();
    for (k, line) in kept.iter().enumerate() {
        // (A heading split over two lines is the title's first stand too.)
        if let Some(next) = kept.get(k + 1) {
            let two = squeezed(line) + &squeezed(next);
            if titles.iter().any(|t| t.iter().copied().eq(two.chars())) {
                seen.insert(two);
            }
        }
        let Some((title, range)) =
            titles.iter().filter_map(|t| leading_title(&line.text, t).map(|r| (t, r))).max_by_key(|(_, r)| r.len())
        else {
            continue;
        };
        let key: String = title.iter().collect();
        let first = seen.insert(key.clone());
        if first || line.text[range.end..].trim().is_empty() {
            continue;
        }
        let under_its_heading = k > 0 && key.ends_with(&squeezed(kept[k - 1]));
        let cjk = title.iter().any(|&c| is_cjk(c));
        if !under_its_heading && stands_like_a_head(lines, line.index, &range, cjk, &form_feeds, skip) {
            heads.push((line.index, range));
        }
    }
    heads
}

/// The page numbers right before running heads run into a line's start:
/// a number line of its own (`4` ⏎ `PART II The Mills and the sentence…`) or
/// a number ending the line above (`…the men the 4` ⏎ `PART II The Mills
/// and…`, `…她说 12` ⏎ `第二章 归航她推开门`), where calibre sets the page's
/// folio and then its head. A number said in the text may stand there too;
/// the folios are the ones that rise from head to head, at least
/// [`MIN_DECORATED_RUN`] of them. Returns each folio's line and byte range;
/// `skip` lines are passed over.
pub fn folios_before_heads(
    lines: &[Line],
    skip: &dyn Fn(usize) -> bool,
    heads: &[(usize, Range<usize>)],
) -> Vec<(usize, Range<usize>)> {
    static LAST_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,4})\s*$").unwrap());
    let found: Vec<(usize, Range<usize>, u32)> = heads
        .iter()
        .filter(|(i, r)| lines[*i].text[..r.start].trim().is_empty())
        .filter_map(|&(i, _)| (0..i).rev().find(|&k| !lines[k].is_blank() && !skip(k)))
        .filter_map(|k| {
            let number = LAST_NUMBER.captures(&lines[k].text)?.get(1)?;
            Some((k, number.range(), number.as_str().parse().ok()?))
        })
        .collect();
    let rising = found.windows(2).all(|w| w[0].2 < w[1].2);
    if found.len() < MIN_DECORATED_RUN || !rising {
        return Vec::new();
    }
    found.into_iter().map(|(k, r, _)| (k, r)).collect()
}

/// Whether a contents title is long enough to tell from the prose as a head
/// ([`MIN_GLUED_TITLE_WIDTH`]; two words or more in a spaced script, a
/// heading's numbering in CJK text: `第二章 归航`, not `外婆的厨房`) and reads
/// as a title, not a sentence.
fn title_sized(title: &str) -> bool {
    let spaced_script = title.chars().all(|c| !is_cjk(c));
    let numbered = || crate::scan::heading::recognise(title).is_some();
    display_width(title) >= MIN_GLUED_TITLE_WIDTH
        && (if spaced_script { title.split_whitespace().count() >= 2 } else { numbered() })
        && super::pages::could_be_running_head(title)
}

/// The byte range of `title` (its characters without white space) at the
/// start of `text`, bar spacing, ending where a word does.
fn leading_title(text: &str, title: &[char]) -> Option<Range<usize>> {
    let mut cs = text.char_indices().filter(|(_, c)| !c.is_whitespace());
    let mut range: Option<Range<usize>> = None;
    for &t in title {
        let (at, c) = cs.next()?;
        if c != t {
            return None;
        }
        range = Some(range.map_or(at, |r| r.start)..at + c.len_utf8());
    }
    let range = range?;
    word_boundary(title.last().copied(), text[range.end..].chars().next()).then_some(range)
}

/// Where a line is one phrase twice over (bar white space), the range of
/// the first copy; between words of a spaced script the copies must part at
/// white space.
fn first_of_two_copies(text: &str) -> Option<Range<usize>> {
    let cs: Vec<(usize, char)> = text.char_indices().filter(|(_, c)| !c.is_whitespace()).collect();
    let half = cs.len() / 2;
    if half == 0 || !cs.len().is_multiple_of(2) || cs[..half].iter().zip(&cs[half..]).any(|(a, b)| a.1 != b.1) {
        return None;
    }
    let (end_at, end) = cs[half - 1];
    let range = cs[0].0..end_at + end.len_utf8();
    let parted = text[range.end..cs[half].0].chars().any(char::is_whitespace);
    let phrase = &text[range.clone()];
    let titled = display_width(phrase) >= MIN_GLUED_TITLE_WIDTH && super::pages::could_be_running_head(phrase);
    let inside_a_word = !word_boundary(Some(end), Some(cs[half].1));
    (titled && (parted || !inside_a_word)).then_some(range)
}

/// Whether a match at `range` of line `i` stands where a page's head run
/// into the text can: apart from the words around it (white space on both
/// sides in a spaced script; in CJK text no quotation marks or title marks
/// around it, no comma against it and no full stop after it, as a title the
/// prose names has: `《港湾手记》`, `读了港湾手记。`); at a line's start or end in
/// CJK text (pypdf sets a page's lines one to a line); beside a page break
/// where the text has form feeds (a head elsewhere is a mention); and, after
/// a sentence's end, before a sentence's start (the page that follows a
/// full stop begins a sentence: `… at dusk. A Harbour Almanac is` names the
/// book).
fn stands_like_a_head(
    lines: &[Line],
    i: usize,
    range: &Range<usize>,
    cjk: bool,
    form_feeds: &[usize],
    skip: &dyn Fn(usize) -> bool,
) -> bool {
    let text = &lines[i].text;
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    use crate::text::{is_clause_punct, is_closing, is_opening, is_sentence_end};
    // (In CJK text a head may follow a full stop: the page before ended a sentence.)
    let apart = |c: Option<char>, named: fn(char) -> bool| match c {
        None => true,
        Some(c) if cjk => !named(c) && !is_clause_punct(c),
        Some(c) => c.is_whitespace(),
    };
    if !apart(before, is_opening) || !apart(after, |c| is_closing(c) || is_sentence_end(c)) {
        return false;
    }
    let at_start = text[..range.start].trim().is_empty();
    let at_end = text[range.end..].trim().is_empty();
    if cjk && !at_start && !at_end {
        return false;
    }
    if !form_feeds.is_empty() && !super::pages::near_page_edge(lines, i, form_feeds) {
        return false;
    }
    let kept = |k: &usize| !lines[*k].is_blank() && !skip(*k);
    let prev_text = if at_start {
        (0..i).rev().find(kept).map(|k| lines[k].text.trim()).unwrap_or("")
    } else {
        text[..range.start].trim()
    };
    let next_text = if at_end {
        (i + 1..lines.len()).find(kept).map(|k| lines[k].text.trim()).unwrap_or("")
    } else {
        text[range.end..].trim()
    };
    !(crate::text::ends_sentence(prev_text) && next_text.chars().next().is_some_and(char::is_lowercase))
}

/// Whether the text between successive heads is page-sized
/// ([`MIN_PAGE_CHARS`] as a rule) and never under a quarter of the usual:
/// a running head comes once a page, a mention comes as the prose pleases.
/// A page before a chapter's opening may be short (a part's epigraph, a
/// chapter's last lines): a head run into a chapter heading
/// ([`opens_a_chapter_after`]) may follow any page.
fn once_a_page(lines: &[Line], heads: &[(usize, Range<usize>)]) -> bool {
    let mut before = Vec::with_capacity(lines.len() + 1);
    let mut total = 0usize;
    for l in lines {
        before.push(total);
        total += l.text.chars().count();
    }
    let at = |(i, r): &(usize, Range<usize>)| before[*i] + lines[*i].text[..r.start].chars().count();
    // Each gap, and whether the head closing it stands beside a folio.
    let mut gaps: Vec<(usize, bool)> = heads
        .windows(2)
        .filter(|w| !opens_a_chapter_after(lines, &w[1]))
        .map(|w| (at(&w[1]).saturating_sub(at(&w[0])), beside_a_folio(lines, &w[1])))
        .collect();
    if gaps.is_empty() {
        return false;
    }
    gaps.sort_unstable();
    let median = gaps[gaps.len() / 2].0;
    median >= MIN_PAGE_CHARS && gaps.iter().all(|&(gap, at_edge)| at_edge || gap * 4 >= median)
}

/// Whether a head stands right beside a folio line (`Page 6` ⏎ `The Harbour
/// Almanac Breads`, `3` ⏎ `港湾手记十二篇`): on the side where its line meets
/// the next page. That is a page edge beyond doubt, so the page before the
/// head may be short (a chapter's last lines, a note alone on its page)
/// without making the head a mention.
fn beside_a_folio(lines: &[Line], (i, r): &(usize, Range<usize>)) -> bool {
    let text = &lines[*i].text;
    let is_folio = |k: Option<usize>| k.is_some_and(|k| super::pages::parse_folio(&lines[k].text).is_some());
    let before = (0..*i).rev().find(|&k| !lines[k].is_blank());
    let after = (*i + 1..lines.len()).find(|&k| !lines[k].is_blank());
    (text[..r.start].trim().is_empty() && is_folio(before)) || (text[r.end..].trim().is_empty() && is_folio(after))
}

/// Whether a head runs into a chapter's heading on its line (`The Harbour
/// Almanac Chapter 2`, `港湾手记十二篇第二章 归航`): that page opens a
/// chapter, and the page before may have been short. (A head on a line of
/// its own is the page-edge rules' to weigh, with the folios beside it.)
fn opens_a_chapter_after(lines: &[Line], (i, r): &(usize, Range<usize>)) -> bool {
    super::pages::opens_a_chapter(lines[*i].text[r.end..].trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::split_lines;

    fn heads(text: &str) -> Vec<String> {
        let lines = split_lines(text);
        title_heads_in_text(&lines, &|_| false).into_iter().map(|(i, r)| lines[i].text[r].to_string()).collect()
    }

    fn page(n: usize, sentence: &str) -> String {
        format!("{sentence} ").repeat(n)
    }

    #[test]
    fn an_english_title_run_into_the_text_once_a_page() {
        let body = page(8, "The ferry waited at the quay while the gulls argued over the nets.");
        let text = format!(
            "A Harbour Almanac\n\nNotes from a Small Port\n\n{body}\n\nA Harbour Almanac Morning came late {body}\n\n\
             {body} and then A Harbour Almanac the boats went out {body}\n\nA Harbour Almanac\n\n{body}\n"
        );
        assert_eq!(heads(&text), vec!["A Harbour Almanac"; 3]);
    }

    #[test]
    fn a_chinese_title_run_into_the_text_once_a_page() {
        let body = page(12, "渡船停在码头，海鸥在渔网上争吵不休。");
        let text = format!(
            "港湾手记十二篇\n\n林远\n\n{body}\n\n港湾手记十二篇第二章{body}\n\n{body}港湾手记十二篇\n船出海了{body}\n\n\
             港湾手记十二篇\n\n{body}\n"
        );
        assert_eq!(heads(&text), vec!["港湾手记十二篇"; 3]);
    }

    #[test]
    fn a_short_page_before_a_chapter_opening_keeps_the_heads() {
        let body = page(8, "The ferry waited at the quay while the gulls argued over the nets.");
        let text = format!(
            "A Harbour Almanac The Quiet Years\n\nPART ONE\n\n{body}\n\nA Harbour Almanac Morning came late {body}\n\n\
             A Harbour Almanac We were never rich.\n\nA Harbour Almanac Chapter 1\n\nRain\n\n{body}\n\n\
             {body} and then A Harbour Almanac the boats went out {body}\n"
        );
        assert_eq!(heads(&text), vec!["A Harbour Almanac"; 4]);
        let body = page(12, "渡船停在码头，海鸥在渔网上争吵不休。");
        let text = format!(
            "港湾手记十二篇\n\n林远\n\n{body}\n\n港湾手记十二篇\n船出海了。{body}\n\n港湾手记十二篇\n我们从来不富裕。\n\n\
             港湾手记十二篇第二章 归航\n\n{body}港湾手记十二篇\n船回来了。{body}\n"
        );
        assert_eq!(heads(&text), vec!["港湾手记十二篇"; 4]);
    }

    #[test]
    fn a_short_page_before_a_head_beside_a_folio_keeps_the_heads() {
        let body = page(8, "The ferry waited at the quay while the gulls argued over the nets.");
        let text = format!(
            "A Harbour Almanac The Quiet Years\n\nPART ONE\n\n{body}\n\nPage 1\n\nA Harbour Almanac\n\n{body}\n\n\
             Page 2\n\nA Harbour Almanac\n\nNote: we were never rich.\n\nPage 3\n\nA Harbour Almanac Winter Stores\n\n\
             {body}\n\nPage 4\n\nA Harbour Almanac the boats went out {body}\n"
        );
        assert_eq!(heads(&text), vec!["A Harbour Almanac"; 4]);
        // The same short page with no folio beside the head: a mention.
        let text = text.replace("Page 3\n\n", "");
        assert!(heads(&text).is_empty());
        let body = page(12, "渡船停在码头，海鸥在渔网上争吵不休。");
        let text = format!(
            "港湾手记十二篇\n\n林远\n\n{body}\n\n1\n港湾手记十二篇\n{body}\n\n2\n港湾手记十二篇\n我们从来不富裕。\n\n\
             3\n港湾手记十二篇冬季储备\n\n{body}\n\n4\n港湾手记十二篇\n船回来了。{body}\n"
        );
        assert_eq!(heads(&text), vec!["港湾手记十二篇"; 4]);
        let text = text.replace("3\n港湾", "港湾");
        assert!(heads(&text).is_empty());
    }

    #[test]
    fn a_contents_title_said_twice_on_a_line_loses_its_first_copy() {
        let toc = |titles: &[&str]| -> Vec<crate::repair::TocLine> {
            titles
                .iter()
                .map(|t| crate::repair::TocLine { text: t.to_string(), page: Some(3), indent: 0, label: false })
                .collect()
        };
        let said_twice = |text: &str, titles: &[&str]| -> Vec<String> {
            let lines = split_lines(text);
            titles_said_twice(&lines, &|_| false, &toc(titles))
                .into_iter()
                .map(|(i, r)| format!("{}|{}", &lines[i].text[r.clone()], lines[i].text[r.end..].trim()))
                .collect()
        };
        let en = "The Salt Road The Salt Road\n\nWe walked.\n\nThe Salt Road\n\nbye bye\n";
        assert_eq!(said_twice(en, &["The Salt Road"]), ["The Salt Road|The Salt Road"]);
        let zh = "第二章 归航第二章 归航\n\n船回来了。\n";
        assert_eq!(said_twice(zh, &["第二章 归航"]), ["第二章 归航|第二章 归航"]);
        // Not listed in the contents, or no title (a word split in two).
        assert!(said_twice("Step by step Step by step\n", &["The Salt Road"]).is_empty());
        assert!(said_twice("好好学习好好学习\n", &["第二章 归航"]).is_empty());
        assert!(first_of_two_copies("The Salt RoadThe Salt Road").is_none());
    }

    #[test]
    fn a_title_the_prose_mentions_stays() {
        // Named in sentences (after a full stop, before a lower-case verb;
        // against a quotation mark), or twice on one page.
        let body = page(8, "The ferry waited at the quay while the gulls argued over the nets.");
        let text = format!(
            "Harbour Street\n\n{body}\n\nWe left at dusk. Harbour Street was empty. {body}\n\n\
             “Harbour Street floods,” she said. {body}\n\n{body} Harbour Street is wet.\n"
        );
        assert!(heads(&text).is_empty());
        let text = format!(
            "Harbour Street\n\n{body}\n\nHarbour Street Morning came {body}\n\nHarbour Street Noon came\n\n\
             Harbour Street Dusk came {body}\n"
        );
        assert!(heads(&text).is_empty());
        let body = page(12, "渡船停在码头，海鸥在渔网上争吵不休。");
        let text = format!(
            "港湾手记十二篇\n\n{body}\n\n港湾手记十二篇写于冬天。{body}\n\n《港湾手记十二篇》出版了。{body}\n\n\
             {body}我重读港湾手记十二篇，又读了一遍。{body}\n"
        );
        assert!(heads(&text).is_empty());
    }

    #[test]
    fn a_longer_name_that_begins_like_a_title_set_on_two_lines_stays() {
        let body = page(12, "渡船停在码头，海鸥在渔网上争吵不休。");
        let text = format!(
            "港湾城市\n照明管理手册\n\n林远\n\n{body}\n\n港湾城市照明设施一览\n\n{body}\n\n港湾城市照明设备等级\n\n{body}\n\n\
             港湾城市照明设施维护\n\n{body}\n"
        );
        assert!(heads(&text).is_empty());
        let body = page(8, "The ferry waited at the quay while the gulls argued over the nets.");
        let text = format!(
            "The Harbour\nLights Almanac\n\nA. Reed\n\n{body}\n\nThe Harbour Lights were out. {body}\n\n\
             The Harbour Lights were lit. {body}\n\nThe Harbour Lights went out again. {body}\n"
        );
        assert!(heads(&text).is_empty());
    }

    #[test]
    fn a_one_word_title_or_a_word_inside_a_longer_one_is_no_head() {
        let body = page(8, "The ferry waited at the quay while the gulls argued over the nets.");
        let text = format!("Harbourside\n\n{body}\n\nHarbourside {body}\n\nHarbourside {body}\n\nHarbourside {body}\n");
        assert!(heads(&text).is_empty());
        let text = format!(
            "Chapter 1 Rain\n\n{body}\n\nChapter 10 Wind {body}\n\nChapter 11 Tide {body}\n\nChapter 12 Fog {body}\n"
        );
        assert!(heads(&text).is_empty());
    }

    fn toc(titles: &[&str]) -> Vec<crate::repair::TocLine> {
        titles
            .iter()
            .map(|t| crate::repair::TocLine { text: t.to_string(), page: Some(3), indent: 0, label: false })
            .collect()
    }

    fn listed_heads(text: &str, titles: &[&str]) -> Vec<String> {
        let lines = split_lines(text);
        listed_titles_run_into_text(&lines, &|_| false, &toc(titles))
            .into_iter()
            .map(|(i, r)| format!("{}|{}", &lines[i].text[r.clone()], lines[i].text[r.end..].trim()))
            .collect()
    }

    #[test]
    fn a_part_title_run_into_its_later_pages_is_a_head() {
        let body = page(4, "The ferry waited at the quay while the gulls argued over the nets.");
        let en = format!(
            "PART ONE The Valley Chapter 1 Rain\n\n{body} We walked down to the river and\n\n\
             PART ONE The Valley the mill stood empty all winter.\n\nPART TWO The Coast\n\nChapter 2 Salt\n\n\
             {body}\n\nPART TWO The Coast Chapter 3 Nets\n\n{body}\n"
        );
        let titles = ["PART ONE The Valley", "PART TWO The Coast"];
        assert_eq!(
            listed_heads(&en, &titles),
            ["PART ONE The Valley|the mill stood empty all winter.", "PART TWO The Coast|Chapter 3 Nets"]
        );
        let zh = "第一章 雨港\n\n渡船停在码头，海鸥在渔网上争吵不休，\n\n第一章 雨港我们等到天亮才出门。\n\n\
                  第二章 归航船回来了。\n\n第二章 归航她推开门，看见海。\n";
        assert_eq!(
            listed_heads(zh, &["第一章 雨港", "第二章 归航"]),
            ["第一章 雨港|我们等到天亮才出门。", "第二章 归航|她推开门，看见海。"]
        );
    }

    #[test]
    fn a_title_the_prose_begins_with_stays() {
        // Right under its heading, after a full stop before a lower-case
        // word, or in CJK text a title with no numbering.
        let en = "The Salt Road\n\nThe Salt Road was old.\n\nWe left. The Salt Road was empty.\n\n\
                  We walked.\n\nThe Salt Road was wet.\n";
        assert!(listed_heads(en, &["The Salt Road"]).is_empty());
        let zh = "外婆的厨房\n\n外婆的厨房很暗。\n\n我们走了。\n\n外婆的厨房很小。\n";
        assert!(listed_heads(zh, &["外婆的厨房"]).is_empty());
    }

    fn folios(text: &str, titles: &[&str]) -> Vec<String> {
        let lines = split_lines(text);
        let heads = listed_titles_run_into_text(&lines, &|_| false, &toc(titles));
        folios_before_heads(&lines, &|_| false, &heads).into_iter().map(|(i, r)| lines[i].text[r].to_string()).collect()
    }

    #[test]
    fn numbers_rising_before_glued_heads_are_folios() {
        let en = "PART ONE The Valley\n\nWe walked down to the 4\n\nPART ONE The Valley river and back.\n\n\
                  Then we climbed the hill and 6\n\nPART ONE The Valley saw the sea.\n";
        assert_eq!(folios(en, &["PART ONE The Valley"]), ["4", "6"]);
        // Falling, they are the text's own numbers.
        assert!(folios(&en.replace("the 4", "the 9"), &["PART ONE The Valley"]).is_empty());
        let zh = "第一章 雨港\n\n渡船停在码头，海鸥 12\n\n第一章 雨港在渔网上争吵。\n\n\
                  我们等到天亮，\n\n13\n\n第一章 雨港才出门。\n";
        assert_eq!(folios(zh, &["第一章 雨港"]), ["12", "13"]);
        assert!(folios(&zh.replace("海鸥 12", "海鸥 15"), &["第一章 雨港"]).is_empty());
    }
}
