//! Two columns side by side: `pdftotext -layout` of a two-column paper sets
//! each line of the left column beside the line of the right column printed
//! at the same height, a gutter of spaces between them.
//!
//! Takes the text of a whole input; returns it with each such run of lines
//! read as its left column, then its right one, so every later rule sees
//! lines in reading order (a paragraph then runs on from the foot of the left
//! column to the top of the right one, like a hard wrap). Lines that cross
//! the gutter (a title, an abstract set full width, a running head) stay
//! where they are and bound the runs. Never drops a character: the text is
//! only reordered (and the spaces that aligned text inside a column closed
//! up), one record per run.

use crate::report::{Repair, Rule};
use crate::text::display_width;
use std::borrow::Cow;

/// Spaces between two pieces of text on one line before they may be two
/// columns: one or two are a justified line's word spaces.
const MIN_GUTTER_SPACES: usize = 3;
/// Lines of a page with text on both sides of one gutter before the page is
/// read as two columns: a table's two cells or a pair of captions are fewer.
const MIN_SIDE_BY_SIDE_LINES: usize = 8;
/// A column narrower than this (display columns, median over the
/// side-by-side lines; a CJK character counts two) is a table's cell, not
/// running text.
const MIN_COLUMN_WIDTH: usize = 20;
/// The fewest characters left of the gutter: a narrower left side is a label
/// or a list marker set before its text, not a column.
const MIN_LEFT_CHARS: usize = 12;
/// Share of the side-by-side lines whose sides hold one run of text each (no
/// second wide gap): a table has several columns, two columns of prose have
/// a wide gap only where a justified line was stretched.
const MIN_PLAIN_SIDES_SHARE: f64 = 0.8;
/// How far left of where text most often resumes the column may start: a
/// hanging indent (`[4]` then its entry's lines, four to seven columns in).
const MAX_HANGING_INDENT: usize = 8;
/// Lines whose text resumes there before it is the column's edge.
const MIN_HANGING_MARKERS: usize = 2;
/// The longest list marker or reference number (`[12]`, `(iv)`, `10.`).
const MAX_MARKER_CHARS: usize = 5;
/// Blank lines that set a line at a run's foot or head apart as page furniture
/// (a folio under both columns, a centred running head): it stays in place.
const FURNITURE_GAP_LINES: usize = 2;
/// Lines such furniture may take: more is the foot of a longer left column.
const MAX_FURNITURE_LINES: usize = 2;

/// Read each page's side-by-side columns in reading order; text without them
/// is returned as it came.
pub(crate) fn read_columns_in_order<'t>(input: Cow<'t, str>, repairs: &mut Vec<Repair>) -> Cow<'t, str> {
    if !input.contains("   ") {
        return input;
    }
    let lines: Vec<&str> = input.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut offsets = Vec::with_capacity(lines.len() + 1);
    let mut at = 0usize;
    for l in &lines {
        offsets.push(at);
        at += l.len() + 1;
    }
    offsets.push(at);
    let mut changed = false;
    for (start, end) in pages(&lines) {
        let page = &lines[start..end];
        let Some(gutter) = find_gutter(page) else {
            out.extend(page.iter().map(|l| l.to_string()));
            continue;
        };
        let mut i = 0;
        while i < page.len() {
            let Some(run) = side_by_side_run(page, i, gutter) else {
                out.push(page[i].to_string());
                i += 1;
                continue;
            };
            out.extend(page[i..run.start].iter().map(|l| l.to_string()));
            let reordered = left_then_right(&page[run.start..run.end], gutter);
            let span = (offsets[start + run.start], offsets[start + run.end].saturating_sub(1));
            let before = page[run.start..run.end].join("\n");
            repairs.push(Repair::new(Rule::ColumnOrder, "side_by_side", span, before, reordered.join("\n")));
            out.extend(reordered);
            out.extend(page[run.end..run.resume].iter().map(|l| l.to_string()));
            changed = true;
            i = run.resume;
        }
    }
    if !changed {
        return input;
    }
    Cow::Owned(out.join("\n"))
}

/// Line ranges of the pages: a form feed at a line's start opens a page.
fn pages(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if i > start && l.starts_with('\x0C') {
            out.push((start, i));
            start = i;
        }
    }
    out.push((start, lines.len()));
    out
}

/// The line without the form feed that opens its page.
fn body(line: &str) -> &str {
    line.strip_prefix('\x0C').unwrap_or(line)
}

/// Where text resumes after each gap of [`MIN_GUTTER_SPACES`] or more between
/// two pieces of text, in characters from the line's start.
fn resumes_after_wide_gaps(line: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut spaces = 0usize;
    let mut seen_text = false;
    for (i, c) in body(line).chars().enumerate() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if seen_text && spaces >= MIN_GUTTER_SPACES {
            out.push(i);
        }
        spaces = 0;
        seen_text = true;
    }
    out
}

/// The column where a page's right column starts, if the page sets two
/// columns of running text side by side: the place text most often resumes
/// after a wide gap, found on [`MIN_SIDE_BY_SIDE_LINES`] lines or more whose
/// two sides are each one run of prose at least [`MIN_COLUMN_WIDTH`] wide.
fn find_gutter(page: &[&str]) -> Option<usize> {
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for l in page {
        for r in resumes_after_wide_gaps(l) {
            *counts.entry(r).or_default() += 1;
        }
    }
    // Text resumes a column or so either side of the gutter's edge (a
    // paragraph's first line is indented): count each place with its neighbours.
    let near = |p: usize| (p.saturating_sub(1)..=p + 1).map(|q| counts.get(&q).copied().unwrap_or(0)).sum::<usize>();
    let (&commonest, _) = counts.iter().max_by_key(|(p, n)| (near(**p), **n, std::cmp::Reverse(**p)))?;
    if commonest < MIN_LEFT_CHARS + MIN_GUTTER_SPACES || near(commonest) < MIN_SIDE_BY_SIDE_LINES {
        return None;
    }
    // Where a column's lines are mostly a hanging indent's (a list of
    // references: `[4]    K. Varga…` then its indented lines), text resumes
    // most often at the indent: the column starts at the markers, a little left.
    let edge = (commonest.saturating_sub(MAX_HANGING_INDENT)..commonest)
        .find(|p| counts.get(p).copied().unwrap_or(0) >= MIN_HANGING_MARKERS)
        .unwrap_or(commonest);
    let pairs: Vec<(String, String)> = page
        .iter()
        .filter_map(|l| split_at_gutter(l, edge))
        .filter(|(left, right, _)| !left.trim().is_empty() && !right.is_empty())
        .map(|(left, right, _)| (left, right))
        .collect();
    if pairs.len() < MIN_SIDE_BY_SIDE_LINES {
        return None;
    }
    let median = |mut v: Vec<usize>| {
        v.sort_unstable();
        v[v.len() / 2]
    };
    let left_width = median(pairs.iter().map(|(l, _)| display_width(l.trim())).collect());
    let right_width = median(pairs.iter().map(|(_, r)| display_width(r.trim())).collect());
    let plain = pairs.iter().filter(|(l, r)| is_one_run(l) && is_one_run(r)).count();
    let prose = left_width >= MIN_COLUMN_WIDTH
        && right_width >= MIN_COLUMN_WIDTH
        && plain as f64 >= MIN_PLAIN_SIDES_SHARE * pairs.len() as f64;
    prose.then_some(edge)
}

/// Whether one side of a line is one run of text: no wide gap in it, but the
/// one after a list marker or reference number that opens it (`[12]   A. Name`).
fn is_one_run(side: &str) -> bool {
    let side = side.trim();
    let after_marker = |side: &str| {
        side.split_once(' ')
            .is_some_and(|(marker, rest)| marker.chars().count() <= MAX_MARKER_CHARS && rest.starts_with("  "))
    };
    match resumes_after_wide_gaps(side).len() {
        0 => true,
        1 => after_marker(side),
        _ => false,
    }
}

/// A line cut at the gutter whose right edge is `edge`: its left side, its
/// right side (without the gutter) and the right side's indent within its
/// column. `None` when text runs across the gutter (a full-width line).
fn split_at_gutter(line: &str, edge: usize) -> Option<(String, String, usize)> {
    let chars: Vec<char> = body(line).chars().collect();
    // The gutter's last two columns (the right column's text may start one early).
    let (a, b) = (edge.checked_sub(3)?, edge - 2);
    if chars.len() <= b {
        return Some((body(line).to_string(), String::new(), 0));
    }
    let blank = |i: usize| chars.get(i).is_none_or(|c| *c == ' ');
    if !blank(b) || !(blank(a) || blank(b + 1)) {
        return None;
    }
    let start = (b..chars.len()).find(|&i| chars[i] != ' ').unwrap_or(chars.len());
    let left: String = chars[..b].iter().collect::<String>().trim_end().to_string();
    let right: String = chars[start..].iter().collect();
    Some((left, right, start.saturating_sub(edge)))
}

/// A column's line with each run of spaces inside it closed to one, its
/// indent kept. Inside one column, `-layout`'s wider spaces only align: a
/// justified line stretched (`environment      entirely;`) or a reference's
/// number set apart from its hanging lines (`[5]    D. Ferreira`); left
/// wide, they read as the gap between a running head and its folio.
fn close_alignment_gaps(side: &str) -> String {
    let text = side.trim_start();
    let mut out = String::with_capacity(side.len());
    out.push_str(&side[..side.len() - text.len()]);
    let mut last_space = false;
    for c in text.chars() {
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(c);
    }
    out
}

/// Which sides of a line hold text.
#[derive(Debug, Clone, Copy)]
struct Sides {
    left: bool,
    right: bool,
}

/// Whether a side's empty place on line `i` only makes room for the other
/// side's line: the other side holds text there and this side holds text on
/// a line next to it with the other side empty (`left` ⏎ `      right` ⏎
/// `left`). A wholly blank line is a gap in both columns.
fn takes_turns(sides: &[Sides], i: usize, right: bool) -> bool {
    let this = |s: &Sides| if right { s.right } else { s.left };
    let other = |s: &Sides| if right { s.left } else { s.right };
    let only_this = |j: usize| sides.get(j).is_some_and(|s| this(s) && !other(s));
    other(&sides[i]) && !this(&sides[i]) && ((i > 0 && only_this(i - 1)) || only_this(i + 1))
}

/// A run of lines set as two columns, found from a page's line `from`.
struct Run {
    /// First line of the run (after blank lines, which stay in place).
    start: usize,
    /// End of the lines to reorder.
    end: usize,
    /// Where reading goes on: after the furniture and blank lines kept in place.
    resume: usize,
}

/// The run of lines from `from` that all leave the gutter clear, if it sets at
/// least [`MIN_SIDE_BY_SIDE_LINES`]` / 2` lines side by side; blank lines at its
/// edges and a line set apart under it by [`FURNITURE_GAP_LINES`] blank lines
/// (a folio) stay where they are.
fn side_by_side_run(page: &[&str], from: usize, edge: usize) -> Option<Run> {
    let clear = |i: usize| split_at_gutter(page[i], edge).is_some();
    if !clear(from) {
        return None;
    }
    let mut end = from;
    while end < page.len() && clear(end) {
        end += 1;
    }
    let resume = end;
    let blank = |i: usize| body(page[i]).trim().is_empty();
    let mut start = from;
    while start < end && blank(start) {
        start += 1;
    }
    while end > start && blank(end - 1) {
        end -= 1;
    }
    // A folio or footer under both columns, a few blank lines below them.
    let two_sided =
        |i: usize| split_at_gutter(page[i], edge).is_some_and(|(l, r, _)| !l.trim().is_empty() && !r.is_empty());
    let mut k = end;
    while k > start && !blank(k - 1) && !two_sided(k - 1) {
        k -= 1;
    }
    let gap = (start..k).rev().take_while(|&i| blank(i)).count();
    if k < end && end - k <= MAX_FURNITURE_LINES && gap >= FURNITURE_GAP_LINES {
        end = k - gap;
    }
    let side_by_side = (start..end).filter(|&i| two_sided(i)).count();
    if side_by_side * 2 < MIN_SIDE_BY_SIDE_LINES {
        // Not a run: let the caller step over its first line.
        return None;
    }
    Some(Run { start, end, resume })
}

/// The lines of a run, left column first. A side's empty place on a line
/// whose other side holds text is a gap in its column, but where the two
/// sides take turns line by line (the columns' baselines do not line up):
/// see [`takes_turns`].
fn left_then_right(run: &[&str], edge: usize) -> Vec<String> {
    let split: Vec<(String, String, usize)> = run.iter().map(|l| split_at_gutter(l, edge).expect("clear")).collect();
    let sides: Vec<Sides> =
        split.iter().map(|(l, r, _)| Sides { left: !l.trim().is_empty(), right: !r.is_empty() }).collect();
    let mut left: Vec<String> = Vec::new();
    let mut right: Vec<String> = Vec::new();
    for (i, (l, r, indent)) in split.iter().enumerate() {
        if sides[i].left || !takes_turns(&sides, i, false) {
            left.push(close_alignment_gaps(l));
        }
        if sides[i].right {
            right.push(format!("{}{}", " ".repeat(*indent), close_alignment_gaps(r)));
        } else if !takes_turns(&sides, i, true) {
            right.push(String::new());
        }
    }
    let trim = |v: &mut Vec<String>| {
        while v.last().is_some_and(|l| l.trim().is_empty()) {
            v.pop();
        }
        let lead = v.iter().take_while(|l| l.trim().is_empty()).count();
        v.drain(..lead);
    };
    trim(&mut left);
    trim(&mut right);
    // The form feed that opened the page opens it still.
    if run[0].starts_with('\x0C') {
        match left.first_mut() {
            Some(first) => first.insert(0, '\x0C'),
            None => right[0].insert(0, '\x0C'),
        }
    }
    left.extend(right);
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reorder(text: &str) -> String {
        let mut repairs = Vec::new();
        read_columns_in_order(Cow::Borrowed(text), &mut repairs).into_owned()
    }

    /// Two columns of `width` characters, a gutter of four spaces between.
    fn side_by_side(left: &[&str], right: &[&str], width: usize) -> String {
        let n = left.len().max(right.len());
        (0..n)
            .map(|i| {
                let l = left.get(i).copied().unwrap_or("");
                let r = right.get(i).copied().unwrap_or("");
                let pad = width - l.chars().count();
                format!("{l}{}    {r}", " ".repeat(pad)).trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_word_hyphenated_at_a_left_column_line_end_joins_whole() {
        // The typesetter's soft hyphen ends the left column's line, but on the
        // side-by-side line it stands mid-line: the columns part before the
        // invisible characters go, so repair still sees it and joins the word.
        for (left, right) in [(LEFT_EN, RIGHT_EN), (LEFT_ZH, RIGHT_ZH)] {
            let mut left: Vec<String> = left.iter().map(|l| l.to_string()).collect();
            left[3] = format!("{}con\u{AD}", left[3].trim_end_matches(|c: char| !c.is_whitespace()));
            left[4] = format!("tinued {}", left[4]);
            let left: Vec<&str> = left.iter().map(String::as_str).collect();
            let text = crate::normalise::normalise(&side_by_side(&left, right, 48)).text;
            let lines: Vec<&str> = text.lines().collect();
            let at = lines.iter().position(|l| l.ends_with("con\u{AD}")).expect("the hyphen ends its line");
            assert!(lines[at + 1].starts_with("tinued "), "{lines:?}");
        }
    }

    const LEFT_EN: &[&str] = &[
        "2 Method",
        "  Gliders were released from the",
        "north ridge at dawn on each of the",
        "nine survey days, and the drift of",
        "every glider was logged from a boat",
        "that followed it down the fjord. The",
        "logs were merged with the tide table",
        "so that each track could be set",
        "against the current at that hour,",
        "and the wind read from the mast on",
        "the pier was added to each record",
        "before the tracks were compared, and",
    ];
    const RIGHT_EN: &[&str] = &[
        "tracks shorter than an hour were",
        "discarded before the analysis.",
        "  The second survey repeated the",
        "first with heavier ballast, to see",
        "whether a deeper glider would ride",
        "the outflow rather than the surface",
        "wind. Its tracks were logged and",
        "merged with the same tide table as",
        "in the first survey, by the same",
        "crew and from the same boat, so that",
        "the two surveys differ only in the",
        "ballast that each glider carried.",
    ];
    const LEFT_ZH: &[&str] = &[
        "一、引言",
        "  山区小流域的洪水来得快、退得也快，",
        "过去的观测站多设在干流，支沟里的水位",
        "几乎没有记录。本文利用三年来在四条支",
        "沟布设的简易水尺，整理出每次降雨后的",
        "涨水过程，并与雨量站的记录逐时对照，",
        "以便估计支沟汇流的时间。观测由村里的",
        "护林员轮流承担，每天早晚各读数一次，",
        "暴雨期间改为每小时读数一次，直到退水",
        "为止，夜间读数借助手电筒照明。读数连",
        "同天气、水色和有无漂浮物一并记下，以",
        "便日后判断涨水的来源，并排除人为干扰",
    ];
    const RIGHT_ZH: &[&str] = &[
        "的影响。读数写在统一印制的记录本上。",
        "二、资料与方法",
        "  记录本每月收回一次，由两人分别录入",
        "电子表格，再逐条核对，不一致的读数退",
        "回护林员确认。缺测的时段不作插补，只",
        "在图中标出，以免把推测当作观测。雨量",
        "站的资料取自县气象局，时间统一换算为",
        "北京时间，与水尺读数的时间逐时对应，",
        "再按降雨场次分组，计算每场的汇流时间",
        "和峰现时间，并与流域面积、坡度和植被",
        "覆盖率一起列表，供后文的回归分析使用",
        "。回归分析采用逐步法，变量依次进入。",
    ];
    /// Column widths (characters) that hold the samples' longest lines.
    const WIDTH_EN: usize = 38;
    const WIDTH_ZH: usize = 20;

    #[test]
    fn english_columns_read_left_then_right() {
        let n = LEFT_EN.len();
        let page = format!(
            "{}\n\n{}\n\n\n                 -3-",
            "      Drift of Gliders in a Narrow Fjord: a Study of Nine Survey Days on the Water",
            side_by_side(LEFT_EN, RIGHT_EN, WIDTH_EN)
        );
        let out = reorder(&page);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "2 Method");
        assert_eq!(lines[1 + n], LEFT_EN[n - 1]);
        assert_eq!(lines[2 + n], RIGHT_EN[0]);
        assert_eq!(lines[4 + n], "  The second survey repeated the");
        assert!(lines[0].contains("Drift of Gliders"), "the full-width title stays on top");
        assert_eq!(lines.last().unwrap().trim(), "-3-", "the folio under both columns stays at the foot");
        assert_eq!(reorder(&out), out, "idempotent");
    }

    #[test]
    fn chinese_columns_read_left_then_right() {
        let n = LEFT_ZH.len();
        let out = reorder(&side_by_side(LEFT_ZH, RIGHT_ZH, WIDTH_ZH));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2 * n);
        assert_eq!(lines[0], "一、引言");
        assert_eq!(lines[n - 1], LEFT_ZH[n - 1]);
        assert_eq!(lines[n], RIGHT_ZH[0]);
        assert_eq!(lines[n + 1], "二、资料与方法");
    }

    #[test]
    fn lines_that_alternate_sides_leave_no_gaps() {
        // Below the lines set side by side, the columns' baselines differ:
        // each line holds one side only.
        for (left, right, width) in [(LEFT_EN, RIGHT_EN, WIDTH_EN), (LEFT_ZH, RIGHT_ZH, WIDTH_ZH)] {
            let n = left.len();
            let mut text = side_by_side(&left[..n - 3], &right[..n - 3], width);
            for i in n - 3..n {
                text.push_str(&format!("\n{}\n{}{}", left[i], " ".repeat(width + 4), right[i]));
            }
            let out = reorder(&text);
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines.len(), 2 * n, "{out}");
            assert_eq!(lines[n - 1], left[n - 1]);
            assert_eq!(lines[n], right[0]);
            assert_eq!(lines[2 * n - 1], right[n - 1]);
        }
    }

    #[test]
    fn a_gap_beside_lines_of_both_columns_is_kept() {
        // A blank line above a heading in the right column, on that side only.
        for (left, right, width) in [(LEFT_EN, RIGHT_EN, WIDTH_EN), (LEFT_ZH, RIGHT_ZH, WIDTH_ZH)] {
            let n = left.len();
            let mut right: Vec<&str> = right.to_vec();
            right[5] = "";
            let out = reorder(&side_by_side(left, &right, width));
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines[n + 4], right[4]);
            assert_eq!(lines[n + 5], "", "{out}");
            assert_eq!(lines[n + 6], right[6]);
        }
    }

    /// A list of references in the right column: each entry's number hangs
    /// left of its lines, so text resumes most often at the indent.
    fn references_beside(left: &[&str], entries: &[(&str, &[&str])], width: usize) -> String {
        let right: Vec<String> = entries
            .iter()
            .flat_map(|(number, lines)| {
                lines.iter().enumerate().map(move |(i, l)| {
                    let marker = if i == 0 { *number } else { "" };
                    format!("{marker:<7}{l}")
                })
            })
            .collect();
        let right: Vec<&str> = right.iter().map(String::as_str).collect();
        side_by_side(left, &right, width)
    }

    #[test]
    fn a_hanging_indent_does_not_move_the_gutter() {
        let entries: &[(&str, &[&str])] = &[
            ("[1]", &["O. Lund. Drift of gliders", "in cold water. Fjord Notes,", "4(2):1–9, 2019."]),
            ("[2]", &["M. Arce and T. Bell. Tides", "and small craft. Harbour", "Papers, 2020."]),
            ("[3]", &["R. Ito. Ballast for gliders.", "Harbour Papers, 2021."]),
            ("[4]", &["S. Berg. Winds over a fjord.", "Coast Notes, 2022."]),
        ];
        let n = LEFT_EN.len();
        let out = reorder(&references_beside(LEFT_EN, entries, WIDTH_EN));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[n - 1], LEFT_EN[n - 1]);
        assert_eq!(lines[n], "[1] O. Lund. Drift of gliders");
        assert_eq!(lines[n + 1], "       in cold water. Fjord Notes,");
        let entries: &[(&str, &[&str])] = &[
            ("[1]", &["王立新. 山区支沟汇流时间", "的估算[J]. 水文, 2019."]),
            ("[2]", &["李明, 陈晓. 简易水尺的布", "设与读数[J]. 2020."]),
            ("[3]", &["赵刚. 小流域洪水观测手册", "[M]. 北京: 2021."]),
            ("[4]", &["孙磊. 山区暴雨的时程分配", "[J]. 水利, 2022."]),
            ("[5]", &["周宁. 护林员与水文观测", "[J]. 林业, 2023."]),
            ("[6]", &["吴芳. 支沟洪水的预警", "[J]. 防灾, 2023."]),
        ];
        let n = LEFT_ZH.len();
        let out = reorder(&references_beside(LEFT_ZH, entries, WIDTH_ZH));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[n - 1], LEFT_ZH[n - 1]);
        assert_eq!(lines[n], "[1] 王立新. 山区支沟汇流时间");
    }

    #[test]
    fn tables_and_single_columns_are_left_alone() {
        let table: String = (0..12)
            .map(|i| format!("Station {i:<3}        {:>6}     {:>6}     {:>5}", 100 + i, 2 * i, i % 4))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(reorder(&table), table);
        let zh_table: String =
            (0..12).map(|i| format!("第{i}季度        营业收入    {}    万元", 300 + i)).collect::<Vec<_>>().join("\n");
        assert_eq!(reorder(&zh_table), zh_table);
        let prose = LEFT_EN.join("\n") + "\n" + &RIGHT_EN.join("\n");
        assert_eq!(reorder(&prose), prose);
    }

    #[test]
    fn the_record_keeps_every_character() {
        let mut repairs = Vec::new();
        let text = side_by_side(LEFT_ZH, RIGHT_ZH, WIDTH_ZH);
        let out = read_columns_in_order(Cow::Borrowed(&text), &mut repairs);
        assert_eq!(repairs.len(), 1);
        let letters = |s: &str| {
            let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(letters(&out), letters(&text));
        assert_eq!(letters(&repairs[0].before), letters(&repairs[0].after));
    }
}
