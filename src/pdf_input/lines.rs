//! Glyphs to lines: runs of glyphs in content-stream order, split where the
//! pen jumps, then merged with other runs on the same baseline (a footnote
//! mark raised above it, a word set in another font). Vertical text is turned
//! a quarter so that its columns read as lines, right to left.

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

/// Group one page's glyphs into lines, top to bottom (right to left for vertical text).
pub fn page_lines(page: &PageGlyphs, number: usize) -> Vec<Line> {
    let vertical = page.glyphs.iter().filter(|g| g.vertical).count() * 2 > page.glyphs.len();
    let placed: Vec<Placed> = page
        .glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| g.vertical == vertical)
        .map(|(i, g)| place(i, g, page, vertical))
        .collect();
    let runs = split_runs(&placed);
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
    out.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
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

fn place(index: usize, g: &Glyph, page: &PageGlyphs, vertical: bool) -> Placed {
    if vertical {
        // Down the column is along the line; columns follow right to left.
        Placed { index, x0: g.y - g.size, x1: g.y_end - g.size, y: page.width - g.x, size: g.size }
    } else {
        Placed { index, x0: g.x.min(g.x_end), x1: g.x.max(g.x_end), y: g.y, size: g.size }
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
