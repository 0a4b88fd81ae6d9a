//! Glyphs to lines: runs of glyphs in content-stream order, split where the
//! pen jumps, then merged with other runs on the same baseline (a footnote
//! mark raised above it, a word set in another font). Vertical text is turned
//! a quarter so that its columns read as lines, right to left; it is known by
//! its font's writing mode or, glyph by glyph, by where each stands.

use super::glyphs::{Glyph, PageGlyphs, Style};
use super::tags::HeadingTag;
use crate::text::is_cjk;
use regex::Regex;
use std::sync::LazyLock;

/// A line of text on a page, in reading-direction coordinates: `x` runs along
/// the line, `y` from one line to the next (for vertical text, leftwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub page: usize,
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// The baseline.
    pub y: f32,
    /// The em size most of its characters are set in.
    pub size: f32,
    pub style: Style,
    pub vertical: bool,
    /// Wide gaps inside the line, where two runs were joined: (from x, to x,
    /// byte offset of the text after it). A two-column page's gutter may be
    /// one of them (columns closer than a justified line's widest space).
    pub gaps: Vec<(f32, f32, usize)>,
    /// The heading level the structure tree gives most of its characters (tagged PDFs).
    pub heading_tag: Option<HeadingTag>,
}

/// A glyph in reading-direction coordinates.
#[derive(Debug, Clone, Copy)]
struct Placed {
    index: usize,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
}

/// A baseline shift above this share of the em starts another run (a raised
/// footnote mark is 0.3–0.4 em up; the next line is more than 1 em down).
const RUN_BASELINE_SHIFT: f32 = 0.25;
/// A run ends where the pen moves forward more than this many ems: further
/// than any justified word space, less than a column gutter.
const MAX_GAP_IN_RUN: f32 = 1.5;
/// A run joins a line whose baseline is within this share of the em of its
/// own (superscripts and subscripts stay on their line).
const LINE_BASELINE_TOLERANCE: f32 = 0.5;
/// A list item's marker set apart from its text (by a tab or a hanging
/// indent) stands at most this many ems left of it.
const MAX_MARKER_GAP: f32 = 4.0;
/// A gap between runs wider than this many ems may be a column gutter.
const MIN_GUTTER_GAP: f32 = 0.8;
/// A gap wider than this share of the em between two glyphs of a Latin
/// script is a word space (kerning is under 0.1 em, the narrowest justified
/// space about 0.2 em).
const MIN_WORD_GAP: f32 = 0.15;

/// Group one page's glyphs into lines, top to bottom (right to left for
/// vertical text). A page reads in columns when most of its glyphs run down
/// it ([`flows`]); glyphs that run the other way (a horizontal folio on a
/// vertical page, a turned label on a horizontal one) make lines of their own,
/// set in among the page's by where they stand.
pub fn page_lines(page: &PageGlyphs, number: usize) -> Vec<Line> {
    let down = flows(&page.glyphs);
    let vertical = down.iter().filter(|d| d.is_some()).count() * 2 > page.glyphs.len();
    let (mut along, mut against): (Vec<Placed>, Vec<Placed>) = (Vec::new(), Vec::new());
    for (i, (g, d)) in page.glyphs.iter().zip(&down).enumerate() {
        match (vertical, d) {
            // On a horizontal page only glyphs turned or in a vertical font
            // read down; upright ones stacked in a column there are a table's.
            (false, Some(d)) if g.vertical || d.turned => against.push(place_down(i, g, d, page.width)),
            (false, _) => along.push(place_across(i, g)),
            (true, Some(d)) => along.push(place_down(i, g, d, page.width)),
            (true, None) => against.push(place_across(i, g)),
        }
    }
    let mut out = lines_of(&along, page, number, vertical);
    for mut line in lines_of(&against, page, number, !vertical) {
        reframe(&mut line, page.width);
        out.push(line);
    }
    out.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    out
}

/// Placed glyphs to lines: runs split where the pen jumps, merged with
/// other runs on the same baseline, list markers joined to their items.
fn lines_of(placed: &[Placed], page: &PageGlyphs, number: usize, vertical: bool) -> Vec<Line> {
    let runs = split_runs(placed);
    let mut lines: Vec<Vec<Vec<Placed>>> = Vec::new();
    for run in runs {
        let (rx0, rx1, ry, rsize) = extent(&run);
        let home = lines.iter_mut().find(|line| {
            let (lx0, lx1, ly, lsize) = extent_of_runs(line);
            // The smaller type decides how far apart runs may stand: a heading in
            // one column must not reach across the gutter to the other's line.
            let size = lsize.min(rsize);
            let gap = if rx0 >= lx1 {
                rx0 - lx1
            } else if lx0 >= rx1 {
                lx0 - rx1
            } else {
                -1.0
            };
            (ry - ly).abs() <= LINE_BASELINE_TOLERANCE * lsize.max(rsize)
                && gap >= -0.3 * size
                && gap <= MAX_GAP_IN_RUN * size
        });
        match home {
            Some(line) => line.push(run),
            None => lines.push(vec![run]),
        }
    }
    let mut out: Vec<Line> = lines.into_iter().filter_map(|runs| assemble(runs, page, number, vertical)).collect();
    attach_markers(&mut out);
    out
}

/// A line read in the other direction than its page, put in the page's
/// reading coordinates by the box it fills: a row on a vertical page stands
/// where its middle is, as a column as long as its type is high; a column on
/// a horizontal page stands as a row at its foot, as wide as its type.
fn reframe(line: &mut Line, page_width: f32) {
    let s = line.size;
    if line.vertical {
        let middle = page_width - line.y;
        (line.x0, line.x1, line.y) = (middle - s / 2.0, middle + s / 2.0, line.x1);
    } else {
        let middle = (line.x0 + line.x1) / 2.0;
        (line.x0, line.x1, line.y) = (line.y - s, line.y, page_width - middle);
    }
    line.vertical = !line.vertical;
    // Its inner gaps were measured the other way.
    line.gaps.clear();
}

/// How a glyph that runs down the page is set: turned (its advance points
/// down: a Latin word turned a quarter in a column) or upright, as the
/// `k`-th of `n` glyphs side by side across the column (縦中横: `12` in
/// `12月`), whose middle is (`cx`, `cy`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Down {
    turned: bool,
    k: usize,
    n: usize,
    cx: f32,
    cy: f32,
}

/// Consecutive upright glyphs on one baseline, each starting where the last
/// one's pen stopped (within this share of the em), are one unit: a word, a
/// row, or digits set across a column.
const SIDE_BY_SIDE: f32 = 0.2;
/// A unit at most this many ems wide fits across a column (a CJK character,
/// two digits side by side).
const MAX_ACROSS_COLUMN: f32 = 1.2;
/// The next glyph down a column has its middle this many ems below the last
/// one's (an em for solid CJK type, up to about two where justification
/// spreads a short column), and within `COLUMN_AXIS` ems of its axis.
const DOWN_STEP: (f32, f32) = (0.4, 3.0);
const COLUMN_AXIS: f32 = 0.35;

/// For each glyph, whether it runs down the page, and how. A glyph in a
/// vertical font (`Identity-V`) or turned so its advance points down runs down
/// by itself; an upright unit narrow enough for a column runs down when the
/// unit before or after it in the content stream stands right below or above
/// it, on its axis (bindery's own `--vertical` PDFs and most typesetters set
/// vertical text glyph by glyph in a horizontal font, the pen moved down
/// the column: only the positions tell).
fn flows(glyphs: &[Glyph]) -> Vec<Option<Down>> {
    let turned = |g: &Glyph| !g.vertical && (g.y_end - g.y) > 0.7 * (g.x_end - g.x).hypot(g.y_end - g.y);
    // Units: ranges of glyphs, with their middle and width.
    let mut units: Vec<(std::ops::Range<usize>, f32, f32, f32, f32)> = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        let g = &glyphs[i];
        let mut j = i + 1;
        if !g.vertical && !turned(g) {
            while j < glyphs.len() {
                let (p, n) = (&glyphs[j - 1], &glyphs[j]);
                let same_row = (n.cy - p.cy).abs() < 0.15 * p.size && (n.size - p.size).abs() < 0.1 * p.size;
                if n.vertical || turned(n) || !same_row || (n.x - p.x_end).abs() > SIDE_BY_SIDE * p.size {
                    break;
                }
                j += 1;
            }
        }
        let (first, last) = (&glyphs[i], &glyphs[j - 1]);
        let (cx, cy, width) = if j - i == 1 {
            (first.cx, first.cy, (first.x_end - first.x).abs())
        } else {
            ((first.x + last.x_end) / 2.0, first.cy, last.x_end - first.x)
        };
        units.push((i..j, cx, cy, width, first.size));
        i = j;
    }
    let mut out = vec![None; glyphs.len()];
    for (u, (range, cx, cy, width, size)) in units.iter().enumerate() {
        let g = &glyphs[range.start];
        let by_itself = g.vertical || turned(g);
        let stacked = |v: &(std::ops::Range<usize>, f32, f32, f32, f32), sign: f32| {
            let step = (v.2 - cy) * sign;
            (v.1 - cx).abs() < COLUMN_AXIS * size && step > DOWN_STEP.0 * size && step < DOWN_STEP.1 * size
        };
        let in_column = *width <= MAX_ACROSS_COLUMN * size
            && (u.checked_sub(1).is_some_and(|p| stacked(&units[p], -1.0))
                || units.get(u + 1).is_some_and(|n| stacked(n, 1.0)));
        if by_itself || in_column {
            let n = range.len();
            for (k, slot) in out[range.clone()].iter_mut().enumerate() {
                *slot = Some(Down { turned: by_itself && !g.vertical, k, n, cx: *cx, cy: *cy });
            }
        }
    }
    out
}

/// `1.`, `•`, `（一）`, `[3]`, `①`: a list item's marker by itself.
static MARKER_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[•●○◦▪■‣⁃\-–—*・]|\d{1,3}[.)．、]|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|\[\d{1,3}\]|[①-⑳])$",
    )
    .unwrap()
});

/// A list marker set apart from its item's text (`1.` ⇥ `为每个节点组…`,
/// LibreOffice's and bindery's hanging lists) joins the text to its right on
/// the same baseline, so the item reads as one line that starts with its marker.
fn attach_markers(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i < lines.len() {
        let m = &lines[i];
        let target = MARKER_ONLY.is_match(&m.text).then(|| {
            lines
                .iter()
                .enumerate()
                .filter(|(j, l)| {
                    *j != i
                        && (l.y - m.y).abs() <= LINE_BASELINE_TOLERANCE * l.size.max(m.size)
                        && l.x0 >= m.x1 - 0.1 * l.size
                        && l.x0 - m.x1 <= MAX_MARKER_GAP * l.size
                })
                .min_by(|a, b| a.1.x0.total_cmp(&b.1.x0))
                .map(|(j, _)| j)
        });
        let Some(j) = target.flatten() else {
            i += 1;
            continue;
        };
        let marker = lines.remove(i);
        let item = &mut lines[if j > i { j - 1 } else { j }];
        let cjk = marker.text.ends_with(is_cjk) || item.text.starts_with(is_cjk);
        let sep = if cjk { "" } else { " " };
        let shift = marker.text.len() + sep.len();
        item.gaps.iter_mut().for_each(|g| g.2 += shift);
        item.text = format!("{}{sep}{}", marker.text, item.text);
        item.x0 = marker.x0;
    }
}

/// A glyph of a row: along the line is left to right, the baseline is its own.
fn place_across(index: usize, g: &Glyph) -> Placed {
    Placed { index, x0: g.x.min(g.x_end), x1: g.x.max(g.x_end), y: g.y, size: g.size }
}

/// A glyph of a column: along the line is down the page, through its em box
/// (a turned glyph's, as long as its advance; digits across the column share
/// one em in order), and the column's axis, counted from the page's right
/// edge, is the "baseline", so columns follow right to left.
fn place_down(index: usize, g: &Glyph, d: &Down, page_width: f32) -> Placed {
    let length = if d.turned { (g.x_end - g.x).hypot(g.y_end - g.y) } else { g.size };
    let top = d.cy - length / 2.0;
    let share = length / d.n as f32;
    Placed {
        index,
        x0: top + share * d.k as f32,
        x1: top + share * (d.k + 1) as f32,
        y: page_width - d.cx,
        size: g.size,
    }
}

fn split_runs(glyphs: &[Placed]) -> Vec<Vec<Placed>> {
    let mut runs: Vec<Vec<Placed>> = Vec::new();
    for g in glyphs {
        let cont = runs.last().and_then(|r| r.last()).is_some_and(|p| {
            let size = p.size.max(g.size);
            (g.y - p.y).abs() <= RUN_BASELINE_SHIFT * size
                && g.x0 >= p.x1 - 0.5 * size
                && g.x0 <= p.x1 + MAX_GAP_IN_RUN * size
        });
        if cont {
            runs.last_mut().unwrap().push(*g);
        } else {
            runs.push(vec![*g]);
        }
    }
    runs
}

fn extent(run: &[Placed]) -> (f32, f32, f32, f32) {
    let x0 = run.iter().map(|g| g.x0).fold(f32::MAX, f32::min);
    let x1 = run.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
    // The baseline and size of the run's largest glyphs (not a raised mark's).
    let big = run.iter().max_by(|a, b| a.size.total_cmp(&b.size)).unwrap();
    (x0, x1, big.y, big.size)
}

fn extent_of_runs(runs: &[Vec<Placed>]) -> (f32, f32, f32, f32) {
    let mut all = (f32::MAX, f32::MIN, 0.0, 0.0);
    for r in runs {
        let (x0, x1, y, size) = extent(r);
        all.0 = all.0.min(x0);
        all.1 = all.1.max(x1);
        if size > all.3 {
            all.2 = y;
            all.3 = size;
        }
    }
    all
}

/// One line's text: glyphs left to right, a space where a Latin word gap is.
fn assemble(mut runs: Vec<Vec<Placed>>, page: &PageGlyphs, number: usize, vertical: bool) -> Option<Line> {
    let (x0, x1, y, _) = extent_of_runs(&runs);
    runs.sort_by(|a, b| a[0].x0.total_cmp(&b[0].x0));
    let glyphs: Vec<Placed> = runs.into_iter().flatten().collect();
    let mut text = String::new();
    let mut gaps = Vec::new();
    let mut prev: Option<&Placed> = None;
    // Characters per (size in tenths of a point, style): the line's dominant style.
    let mut tally: Vec<((i32, Style), usize)> = Vec::new();
    // Characters per heading level the structure tree gives them (None: not a heading).
    let mut tags: Vec<(Option<HeadingTag>, usize)> = Vec::new();
    for g in &glyphs {
        let source = &page.glyphs[g.index];
        let s = page.text_of(source);
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let last = text.chars().last();
            let next = s.chars().next();
            let spaced = last.is_some_and(char::is_whitespace) || next.is_some_and(char::is_whitespace);
            let cjk = last.is_some_and(is_cjk) || next.is_some_and(is_cjk);
            if !spaced && !cjk && gap > MIN_WORD_GAP * p.size.min(g.size) {
                text.push(' ');
            }
            if gap > MIN_GUTTER_GAP * p.size.min(g.size) {
                gaps.push((p.x1, g.x0, text.len()));
            }
        }
        for c in s.chars() {
            if c.is_whitespace() {
                if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
            } else {
                text.push(c);
            }
        }
        let key = ((g.size * 10.0).round() as i32, source.style);
        let n = s.chars().filter(|c| !c.is_whitespace()).count();
        match tally.iter_mut().find(|(k, _)| *k == key) {
            Some((_, count)) => *count += n,
            None => tally.push((key, n)),
        }
        match tags.iter_mut().find(|(k, _)| *k == source.heading_tag) {
            Some((_, count)) => *count += n,
            None => tags.push((source.heading_tag, n)),
        }
        prev = Some(g);
    }
    let text = text.trim_end().to_string();
    gaps.retain(|g| g.2 < text.len());
    if text.is_empty() {
        return None;
    }
    let ((size, style), _) = tally.into_iter().max_by_key(|(_, n)| *n)?;
    let heading_tag = tags.into_iter().max_by_key(|(_, n)| *n).and_then(|(l, _)| l);
    Some(Line { page: number, text, x0, x1, y, size: size as f32 / 10.0, style, vertical, gaps, heading_tag })
}
