//! Lines to blocks, with the page as evidence: page furniture (running heads
//! and folios at recurring places on the page edges), a printed contents page,
//! two columns, and where one paragraph ends and the next begins (space above,
//! a first-line indent, a short last line, a change of type); figures placed
//! among the blocks in reading order, each with its caption.

use super::figures::Figure;
use super::glyphs::Style;
use super::lines::Line;
use super::tags::HeadingTag;
use crate::report::{Repair, Rule};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A page's size and lines.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Its depth in reading direction: the height, or for a page read in
    /// columns (right to left) its width.
    pub height: f32,
    pub lines: Vec<Line>,
    /// Where its two columns part, if it has two (see [`split_columns`]).
    pub gutter: Option<f32>,
    /// The figures drawn on it.
    pub figures: Vec<Figure>,
}

/// A block of consecutive lines: one paragraph, heading, footnote or code block.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBlock {
    pub text: String,
    pub page: usize,
    pub size: f32,
    pub style: Style,
    pub lines: usize,
    /// Every line is centred in its column.
    pub centred: bool,
    /// Space above the block, in body leadings (a page top counts as much space).
    pub space_above: f32,
    /// Set smaller than the body at the foot of its page.
    pub footnote: bool,
    /// The heading level the structure tree gives its first line (tagged PDFs).
    pub heading_tag: Option<HeadingTag>,
    /// Where it stands on its page: the top of its first line, its last
    /// baseline, its left and right edges (points).
    pub top: f32,
    pub bottom: f32,
    pub x0: f32,
    pub x1: f32,
    /// A figure, not text (its `text` is empty; its caption is the figure's).
    pub figure: Option<Figure>,
}

impl TextBlock {
    /// A figure's place among the blocks.
    fn of_figure(figure: &Figure, page: usize) -> TextBlock {
        TextBlock {
            text: String::new(),
            page,
            size: 0.0,
            style: Style::default(),
            lines: 0,
            centred: false,
            space_above: 0.0,
            footnote: false,
            heading_tag: None,
            top: figure.top,
            bottom: figure.bottom,
            x0: figure.x0,
            x1: figure.x1,
            figure: Some(figure.clone()),
        }
    }
}

/// The body's type: the size and style most characters are set in, and its line spacing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Body {
    pub size: f32,
    pub style: Style,
    pub leading: f32,
    /// The commonest first-line indent, in points (0 until measured, and for unindented text).
    pub indent: f32,
}

/// The page furniture band: running heads and folios stand in the top or
/// bottom sixth of the page (margins are rarely deeper).
const EDGE_BAND: f32 = 1.0 / 6.0;
/// Running heads and folios stand further than this many body leadings from the text.
const FURNITURE_GAP: f32 = 1.5;
/// Two edge lines are at the same place when their baselines differ by less (points).
const SAME_PLACE: f32 = 3.0;
/// A contents page: at least this many lines end in a page number ...
const MIN_TOC_LINES: usize = 2;
/// ... and they are at least this share of the page's lines.
const MIN_TOC_SHARE: f64 = 0.5;
/// Each of two columns holds at least this many lines.
const MIN_COLUMN_LINES: usize = 4;

/// Most x positions the gutter search counts crossings at: 2-point steps over
/// the middle two fifths of any real page (up to 5,000 points wide).
const MAX_GUTTER_STEPS: usize = 1_000;
/// Sizes within this ratio of each other are the same size.
const SAME_SIZE: f32 = 0.08;
/// A gap between baselines above this many leadings is space between paragraphs.
const PARAGRAPH_GAP: f32 = 1.35;
/// A line starting this many ems right of its column's edge is indented
/// (first-line indents are 1–2 em; justified text starts within 0.1 em).
const MIN_INDENT: f32 = 0.6;
/// A line is at the paragraph indent when within this many ems of it (an
/// opening quote may be set into the indent by a quarter em).
const INDENT_TOLERANCE: f32 = 0.35;
/// A line is centred when its two margins differ by less than this many ems
/// and each is at least `MIN_CENTRED_MARGIN` ems.
const CENTRED_TOLERANCE: f32 = 1.0;
const MIN_CENTRED_MARGIN: f32 = 2.0;
/// Footnotes are set at most this share of the body size.
const MAX_FOOTNOTE_SIZE: f32 = 0.92;

static FOLIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s\-–—‒−―·•|]*(?:(?:page|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?[\s\-–—‒−―·•|]*$|^第\s*\d{1,4}\s*[页頁]$|^\d{1,4}\s*[页頁]$|^[-－]\s*\d{1,4}\s*[-－]$",
    )
    .unwrap()
});

/// A contents line: a title, leaders or a wide gap, and a page number.
static TOC_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:[.．·・…⋯‥]\s?){3,}|\s{2,}|\t)\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*$|(?:[.．·・…⋯‥]\s?){3,}\s*$")
        .unwrap()
});

/// `12`, `— 12 —`, `Page 12`, `第12页`, `xii`: a page number by itself.
pub fn is_folio(text: &str) -> bool {
    FOLIO.is_match(text.trim())
}

/// `第一章 回镇 . . . . . 1`: a line of a printed table of contents.
pub fn is_toc_line(text: &str) -> bool {
    TOC_LINE.is_match(text.trim_end())
}

/// A line with its digits folded, so that `12 · The Ferry` and `14 · The Ferry`
/// are the same running head.
fn furniture_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else {
            key.push(c);
        }
    }
    key
}

/// The body's type: the (size, style) most characters are set in, and the
/// commonest distance between consecutive baselines in it.
pub fn body_type(pages: &[Page]) -> Body {
    let mut tally: HashMap<(i32, Style), usize> = HashMap::new();
    for l in pages.iter().flat_map(|p| &p.lines) {
        *tally.entry(((l.size * 2.0).round() as i32, l.style)).or_default() += l.text.chars().count();
    }
    let ((half, style), _) =
        tally.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0 .0.cmp(&a.0 .0))).unwrap_or(((20, Style::default()), 0));
    let size = half as f32 / 2.0;
    let mut gaps: HashMap<i32, usize> = HashMap::new();
    for p in pages {
        for w in p.lines.windows(2) {
            let d = w[1].y - w[0].y;
            let same = |l: &Line| (l.size - size).abs() <= SAME_SIZE * size;
            if same(&w[0]) && same(&w[1]) && d > 0.8 * size && d < 2.5 * size {
                *gaps.entry((d * 4.0).round() as i32).or_default() += 1;
            }
        }
    }
    let leading =
        gaps.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map_or(size * 1.4, |(q, _)| q as f32 / 4.0);
    Body { size, style, leading, indent: 0.0 }
}

/// Take running heads and folios off the pages, recording each.
///
/// A line is furniture when it is among the topmost or bottommost lines of
/// its page, inside the edge band, and either reads as a page number or
/// stands (digits aside) at the same place on another page.
pub fn remove_furniture(pages: &mut [Page], body: &Body, repairs: &mut Vec<Repair>) {
    // (page, line index) of each edge line, with its key.
    let mut edges: Vec<(usize, usize, String, bool)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (i, apart) in edge_lines(page, body) {
            let l = &page.lines[i];
            // Text in the body's type right against the text block is the text.
            let set_apart = apart || (l.size - body.size).abs() > SAME_SIZE * body.size || l.style != body.style;
            edges.push((p, i, furniture_key(&l.text), set_apart));
        }
    }
    // Edge lines by key: (page, y, text).
    let mut by_key: HashMap<&str, Vec<(usize, f32, &str)>> = HashMap::new();
    for (p, i, key, _) in &edges {
        let l = &pages[*p].lines[*i];
        by_key.entry(key.as_str()).or_default().push((*p, l.y, l.text.as_str()));
    }
    let mut doomed: Vec<(usize, usize, &'static str, Rule)> = Vec::new();
    for (p, i, key, set_apart) in &edges {
        let line = &pages[*p].lines[*i];
        // The same words at the same place on another page, or the same but
        // for their numbers on two others (`Chapter 1` and `Chapter 5` over
        // the titles of two chapters that open pages are no running head).
        let same_place = by_key[key.as_str()].iter().filter(|(q, y, _)| q != p && (y - line.y).abs() < SAME_PLACE);
        let (mut pages_there, mut exact) = (0usize, false);
        for (_, _, text) in same_place {
            pages_there += 1;
            exact |= *text == line.text;
        }
        let recurs = exact || pages_there >= 2;
        if is_folio(&line.text) {
            doomed.push((*p, *i, "page_edge_number", Rule::Folio));
        } else if recurs && *set_apart && (exact || !labels_title_below(&pages[*p], *i, body)) {
            doomed.push((*p, *i, "recurring_page_edge", Rule::RunningHead));
        }
    }
    // A place that holds furniture on some pages holds it on the others: a
    // running head naming a short chapter appears once, where the book's
    // title stands on the facing pages, in the same type.
    let mut places: Vec<(f32, f32, Style)> = Vec::new();
    for &(p, i, _, _) in &doomed {
        let l = &pages[p].lines[i];
        let y = furniture_place(&pages[p], l, body);
        if !places.iter().any(|(py, size, style)| (py - y).abs() < 0.5 && *size == l.size && *style == l.style) {
            places.push((y, l.size, l.style));
        }
    }
    let taken: std::collections::HashSet<(usize, usize)> = doomed.iter().map(|d| (d.0, d.1)).collect();
    for (p, i, _, set_apart) in &edges {
        let line = &pages[*p].lines[*i];
        if !set_apart || taken.contains(&(*p, *i)) || labels_title_below(&pages[*p], *i, body) {
            continue;
        }
        let y = furniture_place(&pages[*p], line, body);
        let at_place = places.iter().any(|(py, size, style)| {
            (py - y).abs() < SAME_PLACE && (size - line.size).abs() <= SAME_SIZE * size && *style == line.style
        });
        if at_place {
            doomed.push((*p, *i, "furniture_place", Rule::RunningHead));
        }
    }
    doomed.sort_by_key(|d| std::cmp::Reverse((d.0, d.1)));
    for (p, i, why, rule) in doomed {
        let line = pages[p].lines.remove(i);
        repairs.push(Repair::new(rule, why, (0, 0), line.text, ""));
    }
}

/// Whether a line is set as a heading is: larger than the body, or bold where the body is not.
fn set_as_heading(l: &Line, body: &Body) -> bool {
    l.size >= body.size * super::MIN_HEADING_SIZE_RATIO || (l.style.bold && !body.style.bold)
}

/// A chapter's label at the head of the page the chapter opens (`第3章` over
/// `灯塔`, `Chapter 3` over `The Ferry`): every chapter's stands at the same
/// place, so it recurs but for its number as a running head does; but it is
/// set as a heading, and so is the title right under it, within a label's
/// gap. (A running head that reads `Chapter 3` repeats word for word on its
/// chapter's pages; the caller keeps those furniture.)
fn labels_title_below(page: &Page, i: usize, body: &Body) -> bool {
    let line = &page.lines[i];
    let below = page.lines.iter().filter(|l| l.y > line.y + SAME_PLACE).min_by(|a, b| a.y.total_cmp(&b.y));
    super::is_label(&line.text)
        && set_as_heading(line, body)
        && below.is_some_and(|b| {
            b.y - line.y <= super::MAX_LABEL_GAP * body.leading
                && set_as_heading(b, body)
                && !super::is_label(&b.text)
                && !is_folio(&b.text)
        })
}

/// Where an edge line stands, for comparing furniture across pages: its
/// baseline; on a page read in columns, its distance from the nearest
/// column of body text (a vertical book's mirrored margins move the text
/// block and its running heads and folios together across the page, from
/// recto to verso, which is its reading depth).
fn furniture_place(page: &Page, line: &Line, body: &Body) -> f32 {
    if !line.vertical {
        return line.y;
    }
    let body_ys = page
        .lines
        .iter()
        .filter(|l| !std::ptr::eq(*l, line) && (l.size - body.size).abs() <= SAME_SIZE * body.size)
        .map(|l| l.y);
    let nearest = body_ys.min_by(|a, b| (a - line.y).abs().total_cmp(&(b - line.y).abs()));
    nearest.map_or(line.y, |b| line.y - b)
}

/// Indices of the lines on the first and last baselines of a page (and the
/// next ones in, when those are in the edge band too: a head over a rule over
/// a folio), each with whether it stands apart from the text: more than a
/// leading and a half from the next baseline in (the last line of a full
/// page sits one leading from the line above it).
fn edge_lines(page: &Page, body: &Body) -> Vec<(usize, bool)> {
    let band = page.height * EDGE_BAND;
    let apart = FURNITURE_GAP * body.leading;
    let mut ys: Vec<f32> = page.lines.iter().map(|l| l.y).collect();
    ys.dedup_by(|a, b| (*a - *b).abs() < SAME_PLACE);
    let mut picked: Vec<(f32, bool)> = Vec::new();
    for k in 0..ys.len().min(2) {
        if ys[k] < band {
            picked.push((ys[k], ys.get(k + 1).is_none_or(|next| next - ys[k] > apart)));
        }
    }
    for k in (ys.len().saturating_sub(2)..ys.len()).rev() {
        if ys[k] > page.height - band {
            picked.push((ys[k], k.checked_sub(1).is_none_or(|before| ys[k] - ys[before] > apart)));
        }
    }
    (0..page.lines.len())
        .filter_map(|i| picked.iter().find(|(y, _)| (page.lines[i].y - y).abs() < SAME_PLACE).map(|(_, a)| (i, *a)))
        .collect()
}

/// Take the printed table of contents out: on a page where most rows end in
/// a page number after leaders or a gap (the number may stand apart, as its
/// own line on the row's baseline), every line goes (its title too); and on
/// the page after one, the contents rows it opens with, before the text
/// starts (see [`contents_run_on`]).
pub fn remove_contents_pages(pages: &mut [Page], repairs: &mut Vec<Repair>) {
    let mut after_contents = false;
    for page in pages.iter_mut() {
        // (Rows in the page's order: a two-column page counts a baseline once per column.)
        let mut rows: Vec<f32> = page.lines.iter().map(|l| l.y).collect();
        rows.dedup_by(|a, b| (*a - *b).abs() < SAME_PLACE);
        let toc = rows.iter().filter(|&&y| is_contents_row(page, y)).count();
        if toc >= MIN_TOC_LINES && toc as f64 >= rows.len() as f64 * MIN_TOC_SHARE {
            for line in page.lines.drain(..) {
                repairs.push(Repair::new(Rule::PrintedToc, "contents_page", (0, 0), line.text, ""));
            }
            after_contents = true;
            continue;
        }
        if after_contents {
            contents_run_on(page, repairs);
        }
        after_contents = page.lines.is_empty() && after_contents;
    }
}

/// The baselines of a page's rows, top to bottom.
fn rows_of(page: &Page) -> Vec<f32> {
    let mut rows: Vec<f32> = page.lines.iter().map(|l| l.y).collect();
    rows.sort_by(f32::total_cmp);
    rows.dedup_by(|a, b| (*a - *b).abs() < SAME_PLACE);
    rows
}

/// A row of a contents page: a title with leaders or a gap and a page
/// number, or a title and its number set as two lines on one baseline.
fn is_contents_row(page: &Page, y: f32) -> bool {
    let row: Vec<&Line> = page.lines.iter().filter(|l| (l.y - y).abs() < SAME_PLACE).collect();
    row.iter().any(|l| is_toc_line(&l.text))
        || (row.len() >= 2 && row.iter().max_by(|a, b| a.x1.total_cmp(&b.x1)).is_some_and(|l| is_folio(&l.text)))
}

/// A contents that runs a row or two onto the page where the text begins
/// (`Specifications . . . . 9` at the top, then the first chapter): the page
/// is no contents page by its share of rows, but the rows it opens with,
/// right after a contents page, are the contents' last ones.
fn contents_run_on(page: &mut Page, repairs: &mut Vec<Repair>) {
    for y in rows_of(page) {
        // The row holds the entry alone (a column of text beside it is no contents).
        let alone = page.lines.iter().filter(|l| (l.y - y).abs() < SAME_PLACE).count() <= 2;
        if !alone || !is_contents_row(page, y) {
            return;
        }
        let (row, rest): (Vec<Line>, Vec<Line>) =
            std::mem::take(&mut page.lines).into_iter().partition(|l| (l.y - y).abs() < SAME_PLACE);
        page.lines = rest;
        for line in row {
            repairs.push(Repair::new(Rule::PrintedToc, "contents_runs_on", (0, 0), line.text, ""));
        }
    }
}

/// A column's left and right edges on one page.
#[derive(Debug, Clone, Copy)]
struct Column {
    left: f32,
    right: f32,
    /// The measure, as far as the text shows it: the furthest line end not
    /// counting a CJK punctuation mark hung past it (see [`hung_end`]).
    measure_right: f32,
    /// The furthest end of its lines not set in a monospaced font: the
    /// measure code is wrapped at (none on a page of code alone).
    prose_right: Option<f32>,
}

/// Find each page's two columns, if it has two, and cut the lines that were
/// joined across the gutter (both columns' lines on one baseline, closer than
/// a wide word space) into their two halves; then join the words of a
/// justified line spread wider than a run allows.
pub fn split_columns(pages: &mut [Page], body: &Body) {
    for page in pages.iter_mut() {
        page.gutter = gutter(page, body);
        if let Some(x) = page.gutter {
            cut_at_gutter(page, x);
        }
        join_spread_words(&mut page.lines, page.gutter);
    }
}

/// A justified line in a narrow column can set its words further apart than
/// a run of glyphs allows (`Workshop    on    Energy-Neutral`): pieces on one
/// baseline, in one type, on one side of the gutter and at most this many
/// ems apart are one line.
const MAX_JUSTIFIED_GAP: f32 = 4.0;

fn join_spread_words(lines: &mut Vec<Line>, gutter: Option<f32>) {
    let side = |l: &Line| gutter.map(|x| (l.x1 <= x, l.x0 >= x));
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines.drain(..) {
        if let Some(prev) = out.last_mut() {
            let gap = line.x0 - prev.x1;
            if (line.y - prev.y).abs() < 0.25 * line.size
                && (line.size - prev.size).abs() <= SAME_SIZE * line.size
                && line.style == prev.style
                && line.heading_tag == prev.heading_tag
                && gap >= 0.0
                && gap <= MAX_JUSTIFIED_GAP * line.size
                && side(prev) == side(&line)
                && side(&line) != Some((false, false))
            {
                let sep = crate::text::join_separator(&prev.text, &line.text);
                let at = prev.text.len() + sep.len();
                prev.gaps.push((prev.x1, line.x0, at));
                prev.gaps.extend(line.gaps.iter().map(|g| (g.0, g.1, g.2 + at)));
                prev.text = format!("{}{sep}{}", prev.text, line.text);
                prev.x1 = line.x1;
                continue;
            }
        }
        out.push(line);
    }
    *lines = out;
}

/// Cut the lines joined across the gutter at `x` into their two halves.
fn cut_at_gutter(page: &mut Page, x: f32) {
    let mut lines = Vec::with_capacity(page.lines.len());
    for line in page.lines.drain(..) {
        match line.gaps.iter().position(|g| g.0 <= x + 1.0 && g.1 >= x - 1.0) {
            Some(k) => {
                let (gx0, gx1, at) = line.gaps[k];
                let left = Line {
                    text: line.text[..at].trim_end().to_string(),
                    x1: gx0,
                    gaps: line.gaps[..k].to_vec(),
                    ..line.clone()
                };
                let right_text = line.text[at..].trim_start();
                let cut = line.text.len() - right_text.len();
                let right = Line {
                    text: right_text.to_string(),
                    x0: gx1,
                    gaps: line.gaps[k + 1..].iter().map(|g| (g.0, g.1, g.2 - cut)).collect(),
                    ..line
                };
                lines.extend([left, right].into_iter().filter(|l| !l.text.is_empty()));
            }
            None => lines.push(line),
        }
    }
    page.lines = lines;
}

/// Whether a line crosses `x` in its ink, not in one of its wide gaps.
fn crosses(l: &Line, x: f32) -> bool {
    l.x0 < x - 1.0 && l.x1 > x + 1.0 && !l.gaps.iter().any(|g| g.0 <= x + 1.0 && g.1 >= x - 1.0)
}

/// Where a page's two columns part, if it has two: an x that no line of
/// enough lines on either side crosses (a gap between two runs joined on one
/// baseline does not count as crossing).
fn gutter(page: &Page, body: &Body) -> Option<f32> {
    let lines: Vec<&Line> =
        page.lines.iter().filter(|l| (l.size - body.size).abs() <= SAME_SIZE * body.size * 2.0).collect();
    if lines.len() < 8 {
        return None;
    }
    let left = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let right = lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let width = right - left;
    if !width.is_finite() || width <= 0.0 {
        return None;
    }
    // Crossing counts at 2-point steps over the middle of the text (wider
    // steps on an absurdly wide page, so that a damaged transform cannot ask
    // for billions of them); the gutter is the middle of the widest stretch
    // with the fewest.
    let step = (0.4 * width / MAX_GUTTER_STEPS as f32).max(2.0);
    let steps: Vec<(f32, usize)> = (0..MAX_GUTTER_STEPS)
        .map(|k| left + 0.3 * width + step * k as f32)
        .take_while(|&x| x < left + 0.7 * width)
        .map(|x| (x, lines.iter().filter(|l| crosses(l, x)).count()))
        .collect();
    let crossing = steps.iter().map(|s| s.1).min()?;
    let (mut best, mut run) = ((0usize, 0.0f32), (0usize, 0.0f32));
    for &(x, c) in &steps {
        run = if c == crossing { (run.0 + 1, if run.0 == 0 { x } else { run.1 }) } else { (0, 0.0) };
        if run.0 > best.0 {
            best = run;
        }
    }
    let x = best.1 + (best.0 as f32 - 1.0) * step / 2.0;
    let on_left = lines.iter().filter(|l| l.x1 <= x || (!crosses(l, x) && l.x0 < x)).count();
    let on_right = lines.iter().filter(|l| l.x0 >= x || (!crosses(l, x) && l.x1 > x)).count();
    // Both columns well filled (lines across them, a title or an abstract,
    // stand in bands of their own): a single column's short lines
    // (dialogue, verse) all start at the left edge, none right of the middle.
    let split = lines.len() - crossing;
    (on_left >= MIN_COLUMN_LINES && on_right >= MIN_COLUMN_LINES && on_right * 4 >= split && on_left * 4 >= split)
        .then_some(x)
}

/// A line with what block-building needs about its place.
#[derive(Debug, Clone)]
struct Placed<'a> {
    line: &'a Line,
    column: Column,
    /// First line of its column on its page.
    column_top: bool,
}

/// The page's lines in reading order with their columns: for two columns,
/// each band between lines that cross the gutter reads left then right.
fn reading_order<'a>(page: &'a Page) -> Vec<Placed<'a>> {
    let Some(x) = page.gutter else {
        let whole = column_of(page.lines.iter());
        return page
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| Placed { line, column: whole, column_top: i == 0 })
            .collect();
    };
    let left = column_of(page.lines.iter().filter(|l| l.x1 <= x));
    let right = column_of(page.lines.iter().filter(|l| l.x0 >= x));
    let mut out = Vec::with_capacity(page.lines.len());
    let mut band: (Vec<&Line>, Vec<&Line>) = (Vec::new(), Vec::new());
    // Lines across the gutter, consecutive and in one size: a title, an
    // abstract, each measured as its own column (an abstract is narrower than
    // the page and its lines are not short because of that).
    let mut across: Vec<&Line> = Vec::new();
    let flush = |band: &mut (Vec<&'a Line>, Vec<&'a Line>), out: &mut Vec<Placed<'a>>| {
        for (i, line) in band.0.drain(..).enumerate() {
            out.push(Placed { line, column: left, column_top: i == 0 });
        }
        for (i, line) in band.1.drain(..).enumerate() {
            out.push(Placed { line, column: right, column_top: i == 0 });
        }
    };
    let flush_across = |across: &mut Vec<&'a Line>, out: &mut Vec<Placed<'a>>| {
        let column = column_of(across.iter().copied());
        for (i, line) in across.drain(..).enumerate() {
            out.push(Placed { line, column, column_top: i == 0 });
        }
    };
    // The short last line of a paragraph across the columns (an abstract's
    // `KiB.`) stands on one side of the gutter, with nothing beside it.
    let ends_across = |across: &[&Line], line: &Line| {
        across.last().is_some_and(|a| {
            (a.size - line.size).abs() <= SAME_SIZE * a.size
                && line.y - a.y < 2.0 * line.size
                && !page.lines.iter().any(|o| o.x0 >= x && o.y > a.y + SAME_PLACE && o.y < line.y + SAME_PLACE)
        })
    };
    for line in &page.lines {
        if line.x1 <= x && ends_across(&across, line) {
            across.push(line);
        } else if line.x1 <= x {
            flush_across(&mut across, &mut out);
            band.0.push(line);
        } else if line.x0 >= x {
            flush_across(&mut across, &mut out);
            band.1.push(line);
        } else {
            flush(&mut band, &mut out);
            if across.last().is_some_and(|l| (l.size - line.size).abs() > SAME_SIZE * l.size.max(line.size)) {
                flush_across(&mut across, &mut out);
            }
            across.push(line);
        }
    }
    flush(&mut band, &mut out);
    flush_across(&mut across, &mut out);
    out
}

/// A column's edges: the commonest line start, the furthest line end.
fn column_of<'a>(lines: impl Iterator<Item = &'a Line>) -> Column {
    let mut starts: HashMap<i32, usize> = HashMap::new();
    let mut right = f32::MIN;
    let mut measure_right = f32::MIN;
    let mut left_most = f32::MAX;
    let mut prose_right: Option<f32> = None;
    for l in lines {
        *starts.entry(l.x0.round() as i32).or_default() += 1;
        right = right.max(l.x1);
        measure_right = measure_right.max(hung_end(l));
        left_most = left_most.min(l.x0);
        if !l.style.mono {
            prose_right = Some(prose_right.map_or(l.x1, |r| r.max(l.x1)));
        }
    }
    let left = starts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map_or(left_most, |(x, _)| x as f32);
    Column { left: left.min(left_most + 0.5).max(left_most), right, measure_right, prose_right }
}

/// Where a line's text ends short of a CJK punctuation mark it ends with
/// (`。` `、` `，` `」`): CJK typesetters may hang such a mark past the
/// measure (burasagari; ReportLab's CJK wrap does), so a line ending `…灯台へ向かった。`
/// may stand out a full em from a line that filled the measure with a
/// letter. Only the mark's place is uncertain, so one em comes off.
fn hung_end(l: &Line) -> f32 {
    match l.text.trim_end().chars().last() {
        Some(c) if crate::text::is_cjk(c) && !c.is_alphanumeric() && !crate::text::is_hangul(c) => l.x1 - l.size,
        _ => l.x1,
    }
}

/// Build blocks from the pages' lines in reading order. Footnotes (smaller
/// type below the page's body text) wait until the paragraph open at the
/// page's foot has ended, so a paragraph that runs over the page stays whole.
pub fn blocks(pages: &[Page], body: &Body, repairs: &mut Vec<Repair>) -> Vec<TextBlock> {
    let body = &Body { indent: paragraph_indent(pages, body), ..*body };
    let compounds = hyphenated_compounds(pages);
    let latin = latin_in_cjk(pages);
    let mut out: Vec<TextBlock> = Vec::new();
    let mut open: Option<Builder> = None;
    let mut deferred: Vec<TextBlock> = Vec::new();
    // Figures whose place has come, waiting for the paragraph open there to end.
    let mut figures: Vec<TextBlock> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let placed = reading_order(page);
        let foot = footnote_start(&placed, body);
        let mut notes: Option<Builder> = None;
        let mut anchored: Vec<(usize, TextBlock)> =
            page.figures.iter().map(|f| (figure_anchor(f, &placed, page.gutter), TextBlock::of_figure(f, p))).collect();
        anchored.sort_by_key(|(at, _)| *at);
        let mut anchored = anchored.into_iter().peekable();
        for (i, pl) in placed.iter().enumerate() {
            while let Some((_, figure)) = anchored.next_if(|(at, _)| *at <= i) {
                figures.push(figure);
            }
            if i >= foot {
                let prev = i.checked_sub(1).filter(|&j| j >= foot).map(|j| &placed[j]);
                match notes.as_mut() {
                    Some(b) if !b.breaks_before(prev, pl, body) => b.push(pl, &compounds, &latin, repairs),
                    _ => {
                        if let Some(b) = notes.take() {
                            deferred.push(b.finish(true));
                        }
                        let mut b = Builder::start(pl, body, prev, page.height);
                        b.block.footnote = true;
                        notes = Some(b);
                    }
                }
                continue;
            }
            let prev = open.as_ref().map(|b| &b.last);
            let starts = match (&open, prev) {
                (Some(b), Some(_)) => b.breaks_before(Some(&b.last), pl, body),
                _ => true,
            };
            if starts {
                if let Some(b) = open.take() {
                    out.push(b.finish(false));
                    out.append(&mut deferred);
                }
                out.append(&mut figures);
                let above = if i == 0 { None } else { Some(&placed[i - 1]) };
                open = Some(Builder::start(pl, body, above, page.height));
            } else if let Some(b) = open.as_mut() {
                b.push(pl, &compounds, &latin, repairs);
            }
        }
        if let Some(b) = notes.take() {
            deferred.push(b.finish(true));
        }
        figures.extend(anchored.map(|(_, figure)| figure));
    }
    if let Some(b) = open.take() {
        out.push(b.finish(false));
    }
    out.append(&mut deferred);
    out.append(&mut figures);
    out
}

/// Where a figure stands in its page's reading order (an index into
/// `placed`): before the first line of its column whose baseline is below
/// its top edge, else after the last line of its column. A figure across
/// both columns, or on a one-column page, counts every line; one on a page
/// read in columns (vertical text, measured the other way) follows the page's text.
fn figure_anchor(figure: &Figure, placed: &[Placed<'_>], gutter: Option<f32>) -> usize {
    if figure.in_columns {
        return placed.len();
    }
    let in_its_column = |l: &Line| match gutter {
        Some(g) if figure.x1 <= g => l.x1 <= g,
        Some(g) if figure.x0 >= g => l.x0 >= g,
        _ => true,
    };
    placed
        .iter()
        .position(|pl| in_its_column(pl.line) && pl.line.y > figure.top)
        .or_else(|| placed.iter().rposition(|pl| in_its_column(pl.line)).map(|i| i + 1))
        .unwrap_or(placed.len())
}

/// A caption stands at most this many body leadings from its figure's edge
/// (LaTeX sets 10 pt above a caption, Typst 0.65 em, Word 6–10 pt).
const MAX_CAPTION_GAP: f32 = 2.5;
/// A caption is at most this many lines ...
const MAX_CAPTION_LINES: usize = 6;
/// ... and, without a label (`Figure 3`, `图 2-1`), at most this many.
const MAX_UNLABELLED_CAPTION_LINES: usize = 3;

/// How much a block looks like the caption of a figure next to it: 3 for a
/// label (`Figure 3.`, `图 2-1`, `表1`, `図4`) set apart from the body
/// (smaller, or centred), 2 for a label in body type, 1 for a short block set
/// apart without one; 0 for anything else (a heading, body text, a footnote).
fn caption_likeness(b: &TextBlock, body: &Body) -> u8 {
    if b.figure.is_some() || b.footnote || b.heading_tag.is_some() || b.lines == 0 || b.lines > MAX_CAPTION_LINES {
        return 0;
    }
    let smaller = b.size < body.size * (1.0 - SAME_SIZE);
    let centred_in_body_type = b.centred && b.size <= body.size * (1.0 + SAME_SIZE) && !b.style.bold;
    let set_apart = smaller || centred_in_body_type;
    match (crate::scan::heading::is_caption(b.text.trim_start()), set_apart) {
        (true, true) => 3,
        (true, false) => 2,
        (false, true) if b.lines <= MAX_UNLABELLED_CAPTION_LINES => 1,
        _ => 0,
    }
}

/// Each figure takes its caption: the block right below it, or else right
/// above it (the one that looks more like a caption, below winning a tie),
/// on its page, within [`MAX_CAPTION_GAP`] of its edge and overlapping it
/// across. The caption's text moves whole into the figure.
pub fn take_captions(blocks: &mut Vec<TextBlock>, body: &Body) {
    let mut f = 0;
    while f < blocks.len() {
        let Some(figure) = blocks[f].figure.as_ref().filter(|fig| !fig.in_columns) else {
            f += 1;
            continue;
        };
        let near = |b: &TextBlock, gap: f32| {
            b.page == blocks[f].page
                && b.x0 < figure.x1
                && b.x1 > figure.x0
                && gap > -body.leading
                && gap <= MAX_CAPTION_GAP * body.leading
        };
        let below =
            blocks.get(f + 1).filter(|b| near(b, b.top - figure.bottom)).map_or(0, |b| caption_likeness(b, body));
        let above = f
            .checked_sub(1)
            .map(|a| &blocks[a])
            .filter(|b| near(b, figure.top - b.bottom))
            .map_or(0, |b| caption_likeness(b, body));
        let at = if below > 0 && below >= above {
            Some(f + 1)
        } else if above > 0 {
            Some(f - 1)
        } else {
            None
        };
        if let Some(at) = at {
            let caption = blocks.remove(at);
            let i = if at < f { f - 1 } else { f };
            if let Some(fig) = blocks[i].figure.as_mut() {
                fig.caption = caption.text.trim().to_string();
            }
            f = i;
        }
        f += 1;
    }
}

/// The commonest indent of lines in the body's size that stand in from their
/// column's edge: in running text, the first-line indent of paragraphs.
fn paragraph_indent(pages: &[Page], body: &Body) -> f32 {
    let mut tally: HashMap<i32, usize> = HashMap::new();
    for page in pages {
        for pl in reading_order(page) {
            let indent = pl.line.x0 - pl.column.left;
            if (pl.line.size - body.size).abs() <= SAME_SIZE * body.size && indent > MIN_INDENT * body.size {
                *tally.entry((indent * 2.0).round() as i32).or_default() += 1;
            }
        }
    }
    tally.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map_or(0.0, |(q, _)| q as f32 / 2.0)
}

/// `1 See…`, `* Corresponding…`, `† …`, `① …`, `注1…`, `※…`: a footnote opens with its mark
/// (a listing that runs to the page's foot in smaller type does not).
static NOTE_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\d{1,3}|[*∗†‡§¶※＊]|[①-⑳]|\[\d{1,3}\]|注\s*\d{0,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)").unwrap());

/// Index of the first footnote line of a page: the trailing lines set
/// smaller than the body, below all the body's lines, the first opening
/// with a note mark (`placed.len()` if none).
fn footnote_start(placed: &[Placed<'_>], body: &Body) -> usize {
    let small = |pl: &Placed<'_>| pl.line.size < body.size * MAX_FOOTNOTE_SIZE;
    let body_lines = placed.iter().filter(|pl| !small(pl)).count();
    if body_lines == 0 {
        return placed.len();
    }
    let mut start = placed.len();
    while start > 0 && small(&placed[start - 1]) {
        start -= 1;
    }
    let lowest_body = placed[..start].iter().map(|pl| pl.line.y).fold(f32::MIN, f32::max);
    if start < placed.len()
        && NOTE_MARK.is_match(&placed[start].line.text)
        && placed[start..].iter().all(|pl| pl.line.y > lowest_body)
    {
        start
    } else {
        placed.len()
    }
}

/// A block being built.
struct Builder<'a> {
    block: TextBlock,
    last: Placed<'a>,
    /// Where its first line starts, from its column's left edge.
    first_indent: f32,
    all_centred: bool,
}

fn is_centred(pl: &Placed<'_>) -> bool {
    let em = pl.line.size;
    let (l, r) = (pl.line.x0 - pl.column.left, pl.column.right - pl.line.x1);
    (l - r).abs() < CENTRED_TOLERANCE * em && l.min(r) >= MIN_CENTRED_MARGIN * em
}

impl<'a> Builder<'a> {
    fn start(pl: &Placed<'a>, body: &Body, above: Option<&Placed<'_>>, page_height: f32) -> Self {
        let space_above = match above {
            Some(a) if a.line.page == pl.line.page && !pl.column_top => (pl.line.y - a.line.y) / body.leading,
            // A page or column top: measure from the page's top margin.
            _ => (pl.line.y / body.leading).min(page_height / body.leading),
        };
        Builder {
            block: TextBlock {
                text: pl.line.text.clone(),
                page: pl.line.page,
                size: pl.line.size,
                style: pl.line.style,
                lines: 1,
                centred: false,
                space_above,
                footnote: false,
                heading_tag: pl.line.heading_tag,
                top: pl.line.y - pl.line.size,
                bottom: pl.line.y,
                x0: pl.line.x0,
                x1: pl.line.x1,
                figure: None,
            },
            last: pl.clone(),
            first_indent: pl.line.x0 - pl.column.left,
            all_centred: is_centred(pl),
        }
    }

    /// Whether `next` starts a new block after `prev`, the block's last line.
    fn breaks_before(&self, prev: Option<&Placed<'_>>, next: &Placed<'_>, body: &Body) -> bool {
        let Some(prev) = prev else { return true };
        let (p, n) = (prev.line, next.line);
        let em = n.size.max(1.0);
        // Starts measured from each line's own column (a paragraph runs on
        // from the foot of the right column to the top of the next page's left).
        let (px, nx) = (p.x0 - prev.column.left, n.x0 - next.column.left);
        let size_changed = (p.size - n.size).abs() > SAME_SIZE * p.size.max(n.size);
        // (A tagged PDF's structure tree parts a heading from the text around it.)
        if size_changed
            || p.style.bold != n.style.bold
            || p.style.mono != n.style.mono
            || p.heading_tag != n.heading_tag
        {
            return true;
        }
        if p.style.mono {
            // Code keeps its lines; only space above parts two listings.
            return n.page == p.page
                && !next.column_top
                && n.y - p.y > PARAGRAPH_GAP * body.leading * n.size / body.size;
        }
        let new_column = next.column_top || n.page != p.page;
        if !new_column && n.y - p.y > PARAGRAPH_GAP * body.leading * n.size / body.size {
            return true;
        }
        // A display block in smaller type (code, a listing) keeps its lines
        // together however each is indented (footnotes are not code).
        if !self.block.footnote && is_display_line(prev, body) && is_display_line(next, body) {
            return false;
        }
        if wraps_large_title(prev, next, body) || wraps_centred_caption(&self.block.text, prev, next) {
            return false;
        }
        if is_centred(next) || is_centred(prev) {
            return true;
        }
        // A list item starts at its marker, not right of the line before it;
        // its continuation lines are not new paragraphs however indented.
        // (The next item stands where this one's first line does: `3.加强…` ⏎ `4.严守…`.)
        if starts_list_item(&n.text)
            && (nx <= px + INDENT_TOLERANCE * em || (nx - self.first_indent).abs() < INDENT_TOLERANCE * em)
        {
            return true;
        }
        if starts_list_item(&self.block.text) && nx > self.first_indent - INDENT_TOLERANCE * em {
            return ended_early(prev, n);
        }
        let indented = nx > MIN_INDENT * em;
        let prev_at_edge = px <= MIN_INDENT * em;
        // A first-line indent after a line at the edge, or after a one-line
        // paragraph indented as much (a hanging indent's continuation lines
        // stand further in than their first line).
        let at_indent = |pl: &Placed<'_>| (pl.line.x0 - pl.column.left - body.indent).abs() < INDENT_TOLERANCE * em;
        let same_indent = self.block.lines == 1 && at_indent(prev) && at_indent(next);
        if indented && (prev_at_edge || same_indent) {
            return true;
        }
        // A hanging indent or a list item starts left of the line before it.
        if nx < px - MIN_INDENT * em && self.block.lines > 1 {
            return true;
        }
        ended_early(prev, n)
    }

    fn push(&mut self, pl: &Placed<'a>, compounds: &HashSet<String>, latin: &LatinInCjk, repairs: &mut Vec<Repair>) {
        let text = &mut self.block.text;
        let next = pl.line.text.as_str();
        if pl.line.style.mono && is_wrapped_code_line(&self.last) {
            // The typesetter wrapped a code line too long for the column: it
            // runs on, at a space the wrap dropped unless the typesetter breaks words anywhere.
            text.push_str(if latin.breaks_words { "" } else { " " });
        } else if pl.line.style.mono || ended_early(&self.last, pl.line) {
            text.push('\n');
        } else if let Some(stem) =
            hyphen_break(text, next).filter(|&at| !compounds.contains(&compound_at(text, at, next)))
        {
            repairs.push(Repair::new(Rule::Dehyphenation, "line_end_hyphen", (0, 0), text[stem..].to_string(), ""));
            text.truncate(stem);
        } else if ends_in_joining_dash(text, next) {
            // `voltage-` ⏎ `threshold`, `512-` ⏎ `point`, `401–` ⏎ `414`: the dash joins.
        } else {
            text.push_str(latin.separator(&self.last.line.text, next));
        }
        text.push_str(next);
        self.block.lines += 1;
        self.block.bottom = pl.line.y;
        self.block.x0 = self.block.x0.min(pl.line.x0);
        self.block.x1 = self.block.x1.max(pl.line.x1);
        self.all_centred &= is_centred(pl);
        self.last = pl.clone();
    }

    fn finish(mut self, footnote: bool) -> TextBlock {
        self.block.centred = self.all_centred;
        self.block.footnote = footnote;
        self.block
    }
}

static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
            r"^(?:[•●○◦▪■‣⁃\-–—*・]\s|\d{1,3}[.)．](?:\s|[\p{Han}\p{Hiragana}\p{Katakana}])|\d{1,3}、|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|\[\d{1,3}\]\s|[①-⑳])",
        )
        .unwrap()
});

/// `1. Choose…`, `• E01 – …`, `（1）…`, `（一）…`, `3、…`, `1.为…`, `[4] K. Varga…`:
/// a line that opens a list item (or an entry of a numbered reference list).
fn starts_list_item(text: &str) -> bool {
    LIST_MARKER.is_match(text)
}

/// A line set smaller than the body and indented from its column: a line of
/// a display block (code, a listing), whose line breaks are the text's own.
/// A title set large and centred over two or more lines: both lines are
/// centred, the one before long (a wrap, not a label over its title such as `第一章` ⏎ `风起`) and
/// stops mid-sentence, and the next is in the same type (checked before).
fn wraps_large_title(prev: &Placed<'_>, next: &Placed<'_>, body: &Body) -> bool {
    let p = prev.line;
    let measure = (prev.column.right - prev.column.left).max(1.0);
    // Centred, though a long line may come closer to the margins than a centred one must.
    let balanced = |pl: &Placed<'_>| {
        let (l, r) = (pl.line.x0 - pl.column.left, pl.column.right - pl.line.x1);
        (l - r).abs() < CENTRED_TOLERANCE * pl.line.size
    };
    balanced(prev)
        && balanced(next)
        && next.line.size > body.size * super::MIN_HEADING_SIZE_RATIO
        && (p.x1 - p.x0) >= WRAPPED_TITLE_SHARE * measure
        && !crate::text::ends_sentence(&p.text)
}

/// A caption set centred over two or more lines (`Figure 2: Counts against
/// …` ⏎ `the fitted line.`, `图 2-1 …` ⏎ `…的面积`): the block opens with a
/// caption's label, the line before fills most of its column and is
/// balanced in it, and the next is centred (same type, checked before).
fn wraps_centred_caption(block: &str, prev: &Placed<'_>, next: &Placed<'_>) -> bool {
    let p = prev.line;
    let measure = (prev.column.right - prev.column.left).max(1.0);
    let (l, r) = (p.x0 - prev.column.left, prev.column.right - p.x1);
    crate::scan::heading::is_caption(block.trim_start())
        && (l - r).abs() < CENTRED_TOLERANCE * p.size
        && (p.x1 - p.x0) >= WRAPPED_TITLE_SHARE * measure
        && is_centred(next)
}

/// How much of the column a title's line fills when the title wraps.
const WRAPPED_TITLE_SHARE: f32 = 0.6;

fn is_display_line(pl: &Placed<'_>, body: &Body) -> bool {
    pl.line.size < body.size * MAX_FOOTNOTE_SIZE && pl.line.x0 > pl.column.left + MIN_INDENT * pl.line.size
}

/// The line before ended short of its column's right edge by more than the
/// next line's first word (and a space) would need: the paragraph ended there.
/// In CJK text the first "word" is one character (and its opening punctuation).
fn ended_early(prev: &Placed<'_>, next: &Line) -> bool {
    prev.line.x1 + first_word_width(next) < prev.column.measure_right - 0.2 * next.size
}

/// The room a line's first word needed at the end of the line before: a
/// Latin word and its space at the line's mean advance; a CJK character
/// (and any opening bracket before it) one em, the width of every ideograph
/// and kana, which digits and Latin letters in the line would pull the mean
/// under (`…增加4.5%，外销占` ⏎ `三成。` ended where `三` no longer fit).
fn first_word_width(line: &Line) -> f32 {
    let chars = line.text.chars().count().max(1) as f32;
    let per_char = (line.x1 - line.x0) / chars;
    let lead = line.text.chars().take_while(|&c| !c.is_whitespace() && !crate::text::is_cjk(c)).count();
    match line.text.chars().next() {
        Some(c) if lead == 0 && is_full_width_cjk(c) => line.size.max(per_char),
        _ => (lead + 1) as f32 * per_char,
    }
}

/// An ideograph, kana or CJK punctuation mark: set on a full em (Hangul,
/// whose words are spaced, is measured as Latin is).
fn is_full_width_cjk(c: char) -> bool {
    crate::text::is_cjk(c) && !crate::text::is_hangul(c)
}

/// A monospaced character's advance, in ems (Courier, Liberation Mono,
/// DejaVu Sans Mono and Noto Sans Mono all set 0.6).
const MONO_ADVANCE: f32 = 0.6;

/// A code line that ends with no room for one more character before the
/// column's right edge (set by the prose beside it): the typesetter wrapped
/// it there (`…https://promethe` ⏎ `us-community…`), it does not end.
fn is_wrapped_code_line(pl: &Placed<'_>) -> bool {
    pl.line.style.mono && pl.column.prose_right.is_some_and(|r| pl.line.x1 + MONO_ADVANCE * pl.line.size > r)
}

/// An ideograph or kana (not CJK punctuation, not Hangul, whose words are spaced).
fn is_cjk_letter(c: char) -> bool {
    crate::text::is_cjk(c) && c.is_alphabetic() && !crate::text::is_hangul(c)
}

/// A character of a Latin word, number or formula: neither space nor CJK.
fn is_latin(c: char) -> bool {
    !c.is_whitespace() && !crate::text::is_cjk(c)
}

/// How the document sets Latin words among CJK text, read from inside its
/// lines, where no line break hides it; used where a line break does.
#[derive(Debug, Default)]
struct LatinInCjk {
    /// Most places inside lines where an ideograph or kana meets a Latin
    /// letter or digit have a space (`的 Pod`, `3 个`): a line break there
    /// stood for one too (the typesetter drops a space it breaks at).
    spaced: bool,
    /// The typesetter breaks Latin words at any letter in CJK text, with no
    /// hyphen (LibreOffice's CJK line breaking: `处于 Run` ⏎ `ning 状态`): seen
    /// where a line ends and the next begins with pieces that are no word of
    /// the document's, but together are one it prints elsewhere.
    breaks_words: bool,
    /// Latin words printed inside a line, not first or last of its Latin words
    /// (a piece of one may stand at either end; measured on the factory's
    /// PDFs, counting those two as well lets stray pieces pass for evidence).
    words: HashSet<String>,
}

/// A line that ends in a Latin word ⏎ the next line's first: the pieces of text at the break.
fn pieces<'t>(text: &'t str, next: &'t str) -> (&'t str, &'t str) {
    let tail = text.rsplit(|c: char| !is_latin(c)).next().unwrap_or("");
    let head = next.split(|c: char| !is_latin(c)).next().unwrap_or("");
    (tail, head)
}

/// Read the document's habits with Latin words in CJK text.
fn latin_in_cjk(pages: &[Page]) -> LatinInCjk {
    let mut out = LatinInCjk::default();
    let (mut spaced, mut closed) = (0usize, 0usize);
    for line in pages.iter().flat_map(|p| &p.lines) {
        let chars: Vec<char> = line.text.chars().collect();
        let meet = |a: char, b: char| {
            (is_cjk_letter(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_cjk_letter(b))
        };
        for (i, w) in chars.windows(2).enumerate() {
            if meet(w[0], w[1]) {
                closed += 1;
            } else if w[1] == ' ' && chars.get(i + 2).is_some_and(|&c| meet(w[0], c)) {
                spaced += 1;
            }
        }
        let tokens: Vec<&str> = line.text.split(|c: char| !is_latin(c)).filter(|t| !t.is_empty()).collect();
        if tokens.len() > 2 {
            out.words.extend(tokens[1..tokens.len() - 1].iter().map(|t| t.to_string()));
        }
    }
    out.spaced = spaced > closed;
    out.breaks_words = pages.iter().any(|page| {
        reading_order(page).windows(2).any(|w| {
            let (a, b) = (w[0].line, w[1].line);
            let (tail, head) = pieces(&a.text, &b.text);
            !a.style.mono
                && !b.style.mono
                && !tail.is_empty()
                && !head.is_empty()
                && (a.text.contains(crate::text::is_cjk) || b.text.contains(crate::text::is_cjk))
                && !out.words.contains(tail)
                && !out.words.contains(head)
                && out.words.contains(&format!("{tail}{head}"))
        })
    });
    out
}

/// A number as CJK text prints it: digits, decimal or thousands marks, a percent sign.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+(?:[.,]\d+)*[%‰]?$").unwrap());

impl LatinInCjk {
    /// What stands between a line and the next in one paragraph, by the
    /// script on either side of the break and the document's habits: in CJK
    /// text, a space between CJK and Latin where the document spaces them, and
    /// none between two pieces of Latin where the typesetter breaks words
    /// unless the piece before is a word of the document's and the piece after
    /// is one too or plainly starts one (a capital or a digit after a letter, a
    /// letter after a digit); elsewhere a space between words, none between CJK.
    fn separator(&self, line: &str, next: &str) -> &'static str {
        let (Some(a), Some(b)) = (line.chars().last(), next.chars().next()) else { return "" };
        let cjk_text = line.contains(crate::text::is_cjk) || next.contains(crate::text::is_cjk);
        if cjk_text
            && ((is_cjk_letter(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_cjk_letter(b)))
        {
            return if self.spaced { " " } else { "" };
        }
        // CJK line breaking breaks inside a number (`2.` ⏎ `3亿元`, `23` ⏎
        // `00余人次`, `78` ⏎ `%`): the pieces are one number again.
        if cjk_text && is_latin(a) && is_latin(b) && {
            let (tail, head) = pieces(line, next);
            NUMBER.is_match(&format!("{tail}{head}"))
        } {
            return "";
        }
        if cjk_text && self.breaks_words && is_latin(a) && is_latin(b) {
            let (tail, head) = pieces(line, next);
            let starts_word = (a.is_alphabetic() && (b.is_uppercase() || b.is_ascii_digit()))
                || (a.is_ascii_digit() && b.is_alphabetic());
            let word_ends = self.words.contains(tail) && (self.words.contains(head) || starts_word);
            return if word_ends { " " } else { "" };
        }
        crate::text::join_separator(line, next)
    }
}

/// The document's hyphenated compounds as printed inside its lines
/// (`voltage-threshold`), lower-cased: such a compound broken at its hyphen
/// across two lines keeps the hyphen.
fn hyphenated_compounds(pages: &[Page]) -> HashSet<String> {
    let mut out = HashSet::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        for word in line.text.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.contains('-') && !word.starts_with(crate::text::is_cjk) {
                out.insert(word.to_lowercase());
            }
        }
    }
    out
}

/// The word broken by the hyphen at byte `at` of `text`, joined with the
/// first word of `next`, hyphen kept and lower-cased: `voltage-threshold`.
fn compound_at(text: &str, at: usize, next: &str) -> String {
    let stem = text[..at].rsplit(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
    let rest = next.split(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("");
    format!("{stem}-{rest}").to_lowercase()
}

/// A line that ends in a hyphen or dash right after a letter or digit, before
/// a line that starts with one: the two are joined with no space.
fn ends_in_joining_dash(text: &str, next: &str) -> bool {
    let mut rev = text.chars().rev();
    let (Some(dash), Some(before), Some(after)) = (rev.next(), rev.next(), next.chars().next()) else {
        return false;
    };
    matches!(dash, '-' | '\u{2010}' | '\u{2011}' | '–' | '—') && before.is_alphanumeric() && after.is_alphanumeric()
}

/// Where to cut a line-end hyphen: `infor-` ⏎ `mation` (a letter before it,
/// a lower-case letter after). Returns the hyphen's byte offset.
fn hyphen_break(text: &str, next: &str) -> Option<usize> {
    let mut rev = text.char_indices().rev();
    let (at, h) = rev.next()?;
    let (_, before) = rev.next()?;
    let after = next.chars().next()?;
    (matches!(h, '-' | '\u{AD}' | '\u{2010}')
        && before.is_alphabetic()
        && !crate::text::is_cjk(before)
        && after.is_lowercase())
    .then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_open_with_their_markers() {
        for item in [
            "1. Choose a node group",
            "• Pod：最小的调度单元",
            "1.为每个节点组设置",
            "（一）新建居住区",
            "[4] K. Varga",
            "3、加强队伍建设",
            "①立案",
        ] {
            assert!(starts_list_item(item), "{item}");
        }
        for prose in ["3.14 is close to pi", "1990年代", "In 2019 the board", "[sic] as written", "第一章 风起"]
        {
            assert!(!starts_list_item(prose), "{prose}");
        }
    }

    #[test]
    fn footnotes_open_with_a_mark() {
        for note in
            ["1 Our prototype hardware", "* Corresponding author", "† Now at Kyoto", "①见第三章", "注1 本文数据"]
        {
            assert!(NOTE_MARK.is_match(note), "{note}");
        }
        for code in ["apiVersion: v1", "- port: metrics", "kind: Deployment", "节点组上限"] {
            assert!(!NOTE_MARK.is_match(code), "{code}");
        }
    }

    #[test]
    fn dashes_between_letters_or_digits_join_closed() {
        assert!(ends_in_joining_dash("a 512-", "point FFT"));
        assert!(ends_in_joining_dash("pages 401–", "414, 2018."));
        assert!(ends_in_joining_dash("Just-before-dark: voltage-", "triggered"));
        assert!(!ends_in_joining_dash("pages 12 –", "19"));
        assert!(!ends_in_joining_dash("a dash —", "then"));
        assert!(!ends_in_joining_dash("第一段", "第二段"));
    }

    /// A page of one-line-per-row `lines` at the left margin, each 10 pt type.
    fn page_of(lines: &[&str]) -> Page {
        let lines = lines
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                page: 0,
                text: t.to_string(),
                x0: 50.0,
                x1: 350.0,
                y: 100.0 + 14.0 * i as f32,
                size: 10.0,
                style: Style::default(),
                vertical: false,
                gaps: Vec::new(),
                heading_tag: None,
            })
            .collect();
        Page { height: 800.0, lines, gutter: None, figures: Vec::new() }
    }

    #[test]
    fn a_line_break_in_cjk_text_follows_the_document_s_spacing() {
        // The document spaces CJK from Latin inside its lines: a break there was a space.
        let spaced =
            latin_in_cjk(&[page_of(&["检查 monitoring 命名空间下的 Pod 是否", "处于 Running 状态，在 3 个节点上"])]);
        assert!(spaced.spaced && !spaced.breaks_words);
        assert_eq!(spaced.separator("一次", "Node 内存泄漏"), " ");
        assert_eq!(spaced.separator("年的 3", "个节点"), " ");
        assert_eq!(spaced.separator("第一段", "第二段"), "");
        assert_eq!(spaced.separator("The ferry left", "at seven"), " ");
        // One that sets them closed (`体积V`, `压强p`) keeps a break there closed.
        let closed = latin_in_cjk(&[page_of(&["常用的状态参量有体积V、压强p和温度T。", "单位是K，与摄氏温度"])]);
        assert!(!closed.spaced);
        assert_eq!(closed.separator("温度", "T是"), "");
        // Japanese too.
        let ja = latin_in_cjk(&[page_of(&["駅の ABC という店で 3 時に", "待った。"])]);
        assert_eq!(ja.separator("名前は", "ABC だった"), " ");
    }

    #[test]
    fn latin_words_broken_anywhere_are_joined_closed() {
        // `disk-usage-rep` ⏎ `orter`: two pieces that are no word of the
        // document's, one whole that it prints inside a line.
        let page = page_of(&[
            "部署 log-shipper 和 disk-usage-reporter 两个组件，由 Prometheus 采集 CPU 指标",
            "并通过 disk-usage-rep",
            "orter 上报磁盘用量，检查 working set 的大小，用 Prometheus 查询 API 对象",
        ]);
        let latin = latin_in_cjk(&[page]);
        assert!(latin.breaks_words);
        assert_eq!(latin.separator("处于 Run", "ning 状态"), "");
        assert_eq!(latin.separator("期望副本数为 ceil", "(4 × 90%)"), "");
        // Two words of the document's, or a word and what plainly starts one, keep their space.
        assert_eq!(latin.separator("检查 working", "set 的大小"), " ");
        assert_eq!(latin.separator("安装 Prometheus", "Operator 之后"), " ");
        // Where the typesetter breaks only at spaces, a break between Latin words is a space.
        let english = latin_in_cjk(&[page_of(&["部署 log-shipper 和 disk-usage-reporter 两个", "组件"])]);
        assert!(!english.breaks_words);
        assert_eq!(english.separator("处于 Run", "ning 状态"), " ");
    }

    #[test]
    fn a_number_broken_across_lines_in_cjk_text_is_one_number() {
        // Spaced or not, a number that CJK line breaking cut stays whole.
        let spaced = latin_in_cjk(&[page_of(&["检查 monitoring 命名空间下的 Pod 是否", "处于 Running 状态"])]);
        let closed = latin_in_cjk(&[page_of(&["常用的状态参量有体积V、压强p和温度T。", "单位是K"])]);
        for habits in [&spaced, &closed] {
            assert_eq!(habits.separator("获得贷款2.", "3亿元，平均"), "");
            assert_eq!(habits.separator("培训干部23", "00余人次"), "");
            assert_eq!(habits.separator("提高到78", "%。"), "");
        }
        // Two numbers, or a number and a word, keep their space; English text is not touched.
        assert_eq!(spaced.separator("在 1.27 和 Kubernetes", "1.28 上"), " ");
        assert_eq!(spaced.separator("It rose in 1998.", "2000 was"), " ");
    }

    #[test]
    fn a_broken_compound_is_named_with_its_hyphen() {
        let text = "with a voltage-";
        assert_eq!(compound_at(text, text.len() - 1, "threshold scheme at three"), "voltage-threshold");
        let text = "(Voltage-";
        assert_eq!(compound_at(text, text.len() - 1, "Triggered) saving"), "voltage-triggered");
    }

    const BODY: Body =
        Body { size: 10.0, style: Style { bold: false, italic: false, mono: false }, leading: 14.0, indent: 0.0 };

    fn figure(top: f32, bottom: f32) -> Figure {
        Figure {
            src: "image-001.png".into(),
            x0: 100.0,
            top,
            x1: 300.0,
            bottom,
            in_columns: false,
            caption: String::new(),
        }
    }

    /// A block of `lines` lines of `size` type from `top` on page 0, across 80–320.
    fn block(text: &str, top: f32, lines: usize, size: f32, centred: bool) -> TextBlock {
        TextBlock {
            text: text.into(),
            page: 0,
            size,
            style: Style::default(),
            lines,
            centred,
            space_above: 1.0,
            footnote: false,
            heading_tag: None,
            top,
            bottom: top + size + 14.0 * (lines as f32 - 1.0),
            x0: 80.0,
            x1: 320.0,
            figure: None,
        }
    }

    fn captions(blocks: &[TextBlock]) -> Vec<(String, String)> {
        blocks
            .iter()
            .map(|b| match &b.figure {
                Some(f) => ("figure".to_string(), f.caption.clone()),
                None => ("text".to_string(), b.text.clone()),
            })
            .collect()
    }

    #[test]
    fn a_figure_takes_the_caption_right_below_or_above_it() {
        let fig = TextBlock::of_figure(&figure(200.0, 400.0), 0);
        for (above, label, plain) in [
            ("The pier was rebuilt twice in ten years.", "Figure 3: The pier at low tide.", "The pier at low tide."),
            ("码头在十年里重建过两次。", "图 3-1 退潮时的码头", "退潮时的码头"),
        ] {
            // A labelled caption below, in smaller type.
            let mut blocks = vec![block(above, 150.0, 3, 10.0, false), fig.clone(), block(label, 410.0, 1, 9.0, true)];
            take_captions(&mut blocks, &BODY);
            assert_eq!(captions(&blocks), [("text".into(), above.into()), ("figure".into(), label.into())]);
            // A labelled caption above (a table's), body text below.
            let mut blocks =
                vec![block(label, 180.0, 1, 10.0, false), fig.clone(), block(above, 412.0, 3, 10.0, false)];
            take_captions(&mut blocks, &BODY);
            assert_eq!(captions(&blocks), [("figure".into(), label.into()), ("text".into(), above.into())]);
            // No label: a short centred line in smaller type is still a caption.
            let mut blocks = vec![fig.clone(), block(plain, 410.0, 1, 9.0, true)];
            take_captions(&mut blocks, &BODY);
            assert_eq!(captions(&blocks), [("figure".into(), plain.into())]);
            // Body text right below, or a caption too far away, is no caption.
            for far in [block(above, 410.0, 3, 10.0, false), block(label, 480.0, 1, 9.0, true)] {
                let mut blocks = vec![fig.clone(), far.clone()];
                take_captions(&mut blocks, &BODY);
                assert_eq!(captions(&blocks), [("figure".into(), String::new()), ("text".into(), far.text)]);
            }
        }
    }

    #[test]
    fn a_heading_above_a_figure_is_no_caption() {
        let fig = TextBlock::of_figure(&figure(200.0, 400.0), 0);
        for title in ["The Harbour", "第二章 港口"] {
            let mut heading = block(title, 170.0, 1, 16.0, true);
            heading.style.bold = true;
            let mut blocks = vec![heading, fig.clone()];
            take_captions(&mut blocks, &BODY);
            assert_eq!(captions(&blocks), [("text".into(), title.into()), ("figure".into(), String::new())]);
        }
    }

    /// Lines placed in one column 50–350 wide (10 pt type), at the given (x0, x1, y).
    fn placed_lines(lines: &[Line]) -> Vec<Placed<'_>> {
        let column = Column { left: 50.0, right: 350.0, measure_right: 350.0, prose_right: Some(350.0) };
        lines.iter().map(|line| Placed { line, column, column_top: false }).collect()
    }

    fn line_at(text: &str, x0: f32, x1: f32, y: f32) -> Line {
        Line { x0, x1, y, ..page_of(&[text]).lines.remove(0) }
    }

    /// Whether the first of two lines, placed in the column their page's lines make, ended early.
    fn ends_early_among(page: &[Line], prev: usize, next: usize) -> bool {
        let column = column_of(page.iter());
        ended_early(&Placed { line: &page[prev], column, column_top: false }, &page[next])
    }

    #[test]
    fn a_cjk_line_ended_where_its_next_character_no_longer_fit() {
        // Ragged CJK text (10 pt, measure 50–350): the line ends 12 pt short,
        // too little for the next line's first ideograph, though digits pull
        // that line's mean advance well under an em.
        for (first, next) in [
            ("今年果园采收柑橘3.2万吨，比去年增加4.5%，外销占", "三成。"),
            ("参加者は1,250人、満足度は87.5％で、前年の", "水準を上回った。"),
        ] {
            let page = [
                line_at("measure", 50.0, 350.0, 86.0),
                line_at(first, 50.0, 338.0, 100.0),
                line_at(next, 50.0, 110.0, 114.0),
            ];
            assert!(!ends_early_among(&page, 1, 2), "{first}");
            // Two ems short is room the typesetter would have used: a paragraph end.
            let short = [
                line_at("measure", 50.0, 350.0, 86.0),
                line_at(first, 50.0, 325.0, 100.0),
                line_at(next, 50.0, 110.0, 114.0),
            ];
            assert!(ends_early_among(&short, 1, 2), "{first}");
        }
        // A Latin first word still needs its own width and a space.
        let page = [
            line_at("measure", 50.0, 350.0, 86.0),
            line_at("when the ferry", 50.0, 300.0, 100.0),
            line_at("left at seven.", 50.0, 150.0, 114.0),
        ];
        assert!(ends_early_among(&page, 1, 2));
        let page = [
            line_at("measure", 50.0, 350.0, 86.0),
            line_at("when the ferry", 50.0, 330.0, 100.0),
            line_at("left at seven.", 50.0, 150.0, 114.0),
        ];
        assert!(!ends_early_among(&page, 1, 2));
    }

    #[test]
    fn a_cjk_mark_hung_past_the_measure_does_not_widen_it() {
        // `。` hangs 8 pt past the 350 pt measure; a line ending 9 pt short of
        // the measure had no room for one more character and runs on.
        for (hung, first, next) in [
            ("渡口每天早晚各开一班船，冬天水浅时停航。", "船工说，上游的雨季一来，江面就宽出一倍", "有余。"),
            (
                "灯台の明かりは、霧の夜でも遠くまで届いた。",
                "港の人々は、その光を頼りに小舟を出し、夜明け前に漁",
                "から戻ってきた。",
            ),
        ] {
            let page = [
                line_at("measure", 50.0, 350.0, 86.0),
                line_at(hung, 50.0, 358.0, 100.0),
                line_at(first, 50.0, 341.0, 114.0),
                line_at(next, 50.0, 140.0, 128.0),
            ];
            assert!(!ends_early_among(&page, 2, 3), "{first}");
        }
        // A Latin full stop at the line's end is no hung mark.
        let page = [
            line_at("measure", 50.0, 350.0, 86.0),
            line_at("The tide had turned by then.", 50.0, 358.0, 100.0),
            line_at("The ferry left", 50.0, 341.0, 114.0),
            line_at("at seven.", 50.0, 140.0, 128.0),
        ];
        assert_eq!(column_of(page.iter()).measure_right, 358.0);
    }

    #[test]
    fn a_caption_centred_over_two_lines_is_one_block() {
        for (first, second, prose) in [
            ("Figure 2: Counts of stems against the depth of standing", "water at each station.", "The counts rose"),
            ("图 2-1 各站点新梢长度与积水深度的关系，虚线为", "拟合的直线", "新梢的长度"),
        ] {
            let lines = [line_at(first, 55.0, 345.0, 100.0), line_at(second, 140.0, 260.0, 114.0)];
            let placed = placed_lines(&lines);
            assert!(wraps_centred_caption(first, &placed[0], &placed[1]), "{first}");
            // Not a caption: centred lines stay apart as before.
            assert!(!wraps_centred_caption(prose, &placed[0], &placed[1]), "{prose}");
            // A caption whose first line is short ended there.
            let short = [line_at(first, 120.0, 280.0, 100.0), line_at(second, 140.0, 260.0, 114.0)];
            let placed = placed_lines(&short);
            assert!(!wraps_centred_caption(first, &placed[0], &placed[1]), "{first}");
        }
    }

    #[test]
    fn a_figure_stands_before_the_first_line_of_its_column_below_it() {
        let lines = [
            line_at("The tide came in.", 50.0, 190.0, 100.0),
            line_at("潮水涨了上来。", 50.0, 190.0, 500.0),
            line_at("The ferry left.", 210.0, 350.0, 100.0),
            line_at("渡船开走了。", 210.0, 350.0, 300.0),
        ];
        let placed = placed_lines(&lines);
        let at = |x0: f32, x1: f32, top: f32| {
            figure_anchor(&Figure { x0, x1, ..figure(top, top + 100.0) }, &placed, Some(200.0))
        };
        // Left column, between its two lines; right column, between its two lines.
        assert_eq!(at(60.0, 180.0, 200.0), 1);
        assert_eq!(at(220.0, 340.0, 150.0), 3);
        // Right column, below its last line: after it, not at the page's end.
        assert_eq!(at(220.0, 340.0, 400.0), 4);
        // Across both columns below the first lines: before the first line below it.
        assert_eq!(at(60.0, 340.0, 200.0), 1);
        // One column: the first line below it.
        let one = placed_lines(&lines[..2]);
        assert_eq!(figure_anchor(&figure(200.0, 300.0), &one, None), 1);
        assert_eq!(figure_anchor(&figure(600.0, 700.0), &one, None), 2);
    }

    #[test]
    fn contents_that_run_onto_the_next_page_are_taken_off_there_too() {
        for (entries, last, text) in [
            (
                ["1 Getting Started . . . . . . 3", "2 Installing . . . . . . . . 5", "3 Settings . . . . . . . . 7"],
                "4 Specifications . . . . . . 9",
                ["1 Getting Started", "Unpack the box and check that every part is there."],
            ),
            (
                ["第1章 はじめに . . . . . . 3", "第2章 取り付け . . . . . . 5", "第3章 設定 . . . . . . . . 7"],
                "第4章 仕様 . . . . . . . . 9",
                ["第1章 はじめに", "箱を開けて、部品がすべてそろっているか確かめてください。"],
            ),
        ] {
            let mut pages = [page_of(&entries), page_of(&[last, text[0], text[1]])];
            for (i, l) in pages[1].lines.iter_mut().enumerate() {
                l.page = 1;
                l.y = 100.0 + 14.0 * i as f32;
            }
            let mut repairs = Vec::new();
            remove_contents_pages(&mut pages, &mut repairs);
            assert!(pages[0].lines.is_empty());
            assert_eq!(pages[1].lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), text);
            assert_eq!(repairs.iter().filter(|r| r.why == "contents_runs_on").count(), 1);
            // After a page of text, a line that ends in leaders and a number stays.
            let mut pages = [page_of(&text), page_of(&[last, text[1]])];
            remove_contents_pages(&mut pages, &mut Vec::new());
            assert_eq!(pages[1].lines.len(), 2);
        }
    }

    /// A page opening a chapter: its label and title in 14 pt bold, then body text.
    fn chapter_page(page: usize, label: &str, title: &str, text: &str) -> Page {
        let mut p = page_of(&[label, title]);
        for (i, l) in p.lines.iter_mut().enumerate() {
            l.y = 60.0 + 22.0 * i as f32;
            l.size = 14.0;
            l.style.bold = true;
        }
        p.lines.extend(page_of(&[text; 30]).lines.into_iter().map(|l| Line { y: l.y + 10.0, ..l }));
        for l in &mut p.lines {
            l.page = page;
        }
        p
    }

    #[test]
    fn a_chapter_label_over_its_title_at_the_page_head_is_no_running_head() {
        for (labels, titles, text, head) in [
            (
                ["Chapter 1", "Chapter 2", "Chapter 3"],
                ["The Salt Road", "Winter Stores", "A Late Thaw"],
                "The carts left before dawn and came back after dark with the barrels.",
                "Chapter 3",
            ),
            (
                ["第1章", "第2章", "第3章"],
                ["盐路", "冬储", "迟来的解冻"],
                "天亮以前车队就出发了，天黑以后才拉着木桶回来。",
                "第3章",
            ),
        ] {
            let mut pages: Vec<Page> = (0..3).map(|k| chapter_page(k, labels[k], titles[k], text)).collect();
            // The third chapter's later pages carry its label as a running head, word for word.
            for k in 3..5 {
                let mut p = page_of(&[head]);
                p.lines[0].y = 40.0;
                p.lines.extend(page_of(&[text; 30]).lines.into_iter().map(|l| Line { y: l.y + 10.0, ..l }));
                for l in &mut p.lines {
                    l.page = k;
                }
                pages.push(p);
            }
            let body = body_type(&pages);
            let mut repairs = Vec::new();
            remove_furniture(&mut pages, &body, &mut repairs);
            for (k, page) in pages[..3].iter().enumerate() {
                assert_eq!(page.lines[0].text, labels[k], "the label stays over its title");
            }
            assert!(pages[3..].iter().all(|p| p.lines[0].text == text), "the running head goes");
            assert_eq!(repairs.len(), 2);
            assert!(repairs.iter().all(|r| r.before == head));
        }
    }

    #[test]
    fn a_label_is_a_number_with_no_title() {
        for label in ["第1章", "第 2 章", "第三節", "第四話", "Chapter 3", "PART TWO", "Book the First"] {
            assert!(super::super::is_label(label), "{label}");
        }
        for heading in ["第1章 绪论", "第四話 河口", "Chapter 3 The Ferry", "Part Two: Leaving"] {
            assert!(!super::super::is_label(heading), "{heading}");
        }
    }
}
