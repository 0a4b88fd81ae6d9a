//! Pagination: a vertical flow of frames to pages.
//!
//! Takes [`Flow`] items, the text block's height and the body's line pitch;
//! returns [`PageContent`]s listing which frames stand where. Honours each
//! frame's `break_after` (widows, orphans, headings kept with their first
//! lines) by moving the tail of an overfull page to the next one; starts a
//! page at every `PageBreak`. A page the text runs on from is justified
//! vertically: the glue between its frames stretches or shrinks so its last
//! line sits on the foot of the text block, as on a full page of text (TeX's
//! `\flushbottom`); where the glue cannot reach that far the page stays short
//! (ragged) rather than spaced out. Never draws and never reorders.

use super::layout::{Flow, Glue, Mark};

/// One page of the body: frames by index into the flow, with their top y.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageContent {
    pub frames: Vec<(usize, f32)>,
    /// A top-level section opens on this page (no running head, no folio).
    pub opening: bool,
    /// The top-level section in effect on this page (index into headings).
    pub section: Option<usize>,
    /// An intentionally blank page (inserted so a section starts on a recto).
    pub blank: bool,
}

/// Where a heading landed: page index within the paginated run and top y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    pub page: usize,
    pub y: f32,
}

/// The text block pages are filled to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub height: f32,
    /// Baseline-to-baseline distance of body text: a full page of it ends
    /// after the last whole line, and no page runs past there (TeX sets its
    /// `\textheight` to whole lines for the same reason), so every page the
    /// text runs on from ends level with the others.
    pub line: f32,
}

impl Column {
    /// Where a full page of body lines ends: the foot every page stays
    /// within and justified pages reach.
    fn foot(&self) -> f32 {
        if self.line > 0.0 {
            ((self.height + FIT_TOLERANCE) / self.line).floor() * self.line
        } else {
            self.height
        }
    }
}

/// Rounding slack when asking whether a frame fits, in points.
const FIT_TOLERANCE: f32 = 0.01;

/// Break `flow` into pages of `column`. With `recto_sections`, a blank
/// page is inserted where needed so each section opens on an odd page, counting
/// from `first_page_number` (the folio of the first page).
pub fn paginate(flow: &[Flow], column: Column, recto_sections: bool, first_page_number: usize) -> Vec<PageContent> {
    let foot = column.foot();
    let mut pages: Vec<PageContent> = Vec::new();
    let mut cur = PageContent::default();
    let mut y = 0.0f32;
    // How much the glue between the current page's frames may close up.
    let mut shrink = 0.0f32;
    let mut section = None;
    // After frame `.0` of the current page, the flow may continue at item `.1`.
    let mut last_break: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < flow.len() {
        match &flow[i] {
            Flow::Space(_) | Flow::Glue(_) => {
                // Dropped at the top of a page, except the sink of a section opening.
                if !cur.frames.is_empty() || cur.opening {
                    let g = glue(&flow[i]).unwrap_or_default();
                    y += g.height;
                    if !cur.frames.is_empty() {
                        shrink += g.shrink;
                    }
                }
            }
            Flow::PageBreak { section: s } => {
                if !cur.frames.is_empty() || cur.blank {
                    set_page(flow, &mut cur, column, false);
                    pages.push(std::mem::take(&mut cur));
                }
                if recto_sections && (pages.len() + first_page_number).is_multiple_of(2) {
                    pages.push(PageContent { blank: true, section, ..Default::default() });
                }
                if s.is_some() {
                    section = *s;
                }
                cur = PageContent { opening: s.is_some(), section, ..Default::default() };
                y = 0.0;
                shrink = 0.0;
                last_break = None;
            }
            Flow::Frame(f) => {
                if y + f.height - shrink > foot + FIT_TOLERANCE && !cur.frames.is_empty() {
                    // Overfull even closed up: end the page at the last legal break, else right here.
                    let resume = match last_break {
                        Some((kept, next)) if kept > 0 => {
                            cur.frames.truncate(kept);
                            next
                        }
                        _ => i,
                    };
                    set_page(flow, &mut cur, column, true);
                    pages.push(std::mem::take(&mut cur));
                    cur = PageContent { section, ..Default::default() };
                    y = 0.0;
                    shrink = 0.0;
                    last_break = None;
                    i = resume;
                    continue;
                }
                cur.frames.push((i, y));
                y += f.height;
                if f.break_after {
                    last_break = Some((cur.frames.len(), i + 1));
                }
            }
        }
        i += 1;
    }
    if !cur.frames.is_empty() || pages.is_empty() {
        set_page(flow, &mut cur, column, false);
        pages.push(cur);
    }
    pages
}

/// A space or glue item as glue (a plain space neither stretches nor shrinks).
fn glue(item: &Flow) -> Option<Glue> {
    match item {
        Flow::Space(h) => Some(Glue { height: *h, ..Glue::default() }),
        Flow::Glue(g) => Some(*g),
        _ => None,
    }
}

/// Move the frames of a finished page by its glue: closed up where they
/// overrun the column's foot, and, on a page the text runs on from
/// (`justify`), stretched to end on the foot when the glue between them
/// reaches that far. A page ending a section, or one whose glue cannot
/// reach, keeps its natural spacing.
fn set_page(flow: &[Flow], page: &mut PageContent, column: Column, justify: bool) {
    let (Some(&(first, _)), Some(&(last, last_y))) = (page.frames.first(), page.frames.last()) else {
        return;
    };
    let Flow::Frame(f) = &flow[last] else { return };
    let bottom = last_y + f.height;
    let between = || flow[first..last].iter().skip(1).filter_map(glue);
    let stretch: f32 = between().map(|g| g.stretch).sum();
    let shrink: f32 = between().map(|g| g.shrink).sum();
    let foot = column.foot();
    // Share of each glue's stretch (positive) or shrink (negative) to apply.
    let ratio = if justify && bottom < foot && foot - bottom <= stretch {
        (foot - bottom) / stretch
    } else if bottom > foot && shrink > 0.0 {
        ((foot - bottom) / shrink).max(-1.0)
    } else {
        return;
    };
    let mut offset = 0.0;
    let mut prev = first;
    for (i, y) in &mut page.frames {
        for g in flow[prev..*i].iter().skip(1).filter_map(glue) {
            offset += ratio * if ratio > 0.0 { g.stretch } else { g.shrink };
        }
        *y += offset;
        prev = *i;
    }
}

/// Where each marked heading frame landed, by heading index.
pub fn anchors(
    flow: &[Flow],
    pages: &[PageContent],
    count: usize,
    mark_of: impl Fn(Mark) -> Option<usize>,
) -> Vec<Option<Anchor>> {
    let mut out = vec![None; count];
    for (p, page) in pages.iter().enumerate() {
        for &(i, y) in &page.frames {
            if let Flow::Frame(f) = &flow[i] {
                if let Some(n) = mark_of(f.mark) {
                    if let Some(slot) = out.get_mut(n) {
                        *slot = Some(Anchor { page: p, y });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::layout::Frame;

    /// A column `height` high of 10-point lines.
    fn col(height: f32) -> Column {
        Column { height, line: 10.0 }
    }

    fn line(break_after: bool) -> Flow {
        Flow::Frame(Frame {
            height: 10.0,
            runs: Vec::new(),
            rules: Vec::new(),
            images: Vec::new(),
            break_after,
            mark: Mark::None,
        })
    }

    /// A paragraph of `n` lines with widow/orphan rules applied as layout does.
    fn paragraph(n: usize) -> Vec<Flow> {
        (1..=n).map(|k| line(k == n || (k >= 2 && n - k >= 2))).collect()
    }

    #[test]
    fn no_widow_is_left_at_the_head_of_a_page() {
        // 4 lines fit; a 5-line paragraph must not leave 1 line alone.
        let flow = paragraph(5);
        let pages = paginate(&flow, col(40.0), false, 1);
        let counts: Vec<_> = pages.iter().map(|p| p.frames.len()).collect();
        assert_eq!(counts, vec![3, 2]);
    }

    #[test]
    fn heading_moves_to_the_next_page_with_its_lines() {
        let mut flow = paragraph(3);
        let mut h = line(false);
        if let Flow::Frame(f) = &mut h {
            f.mark = Mark::Heading(0);
        }
        flow.push(h);
        let mut next = paragraph(4);
        if let Flow::Frame(f) = &mut next[0] {
            f.break_after = false;
        }
        flow.extend(next);
        let pages = paginate(&flow, col(50.0), false, 1);
        assert_eq!(pages[0].frames.len(), 3, "heading and its first lines pushed on");
        let a = anchors(&flow, &pages, 1, |m| if let Mark::Heading(n) = m { Some(n) } else { None });
        assert_eq!(a[0], Some(Anchor { page: 1, y: 0.0 }));
    }

    #[test]
    fn sections_open_new_pages_and_optionally_rectos() {
        let mut flow = paragraph(2);
        flow.push(Flow::PageBreak { section: Some(0) });
        flow.extend(paragraph(2));
        let pages = paginate(&flow, col(100.0), false, 1);
        assert_eq!(pages.len(), 2);
        assert!(pages[1].opening);
        let pages = paginate(&flow, col(100.0), true, 1);
        assert_eq!(pages.len(), 3);
        assert!(pages[1].blank);
    }

    #[test]
    fn space_at_the_top_of_a_page_is_dropped() {
        let mut flow = vec![Flow::Space(30.0)];
        flow.extend(paragraph(2));
        let pages = paginate(&flow, col(100.0), false, 1);
        assert_eq!(pages[0].frames[0].1, 0.0);
    }

    fn heading(n: usize) -> Flow {
        let mut h = line(false);
        if let Flow::Frame(f) = &mut h {
            f.mark = Mark::Heading(n);
            f.height = 13.0;
        }
        h
    }

    /// Glue as layout puts around a heading: `lines` of 10 points.
    fn gap(lines: f32) -> Flow {
        Flow::Glue(Glue::around_blocks(lines * 10.0, 10.0))
    }

    /// A level-2 heading as layout emits it: glue, heading, glue, and a
    /// paragraph whose first two lines are kept with it.
    fn section(n: usize, lines: usize) -> Vec<Flow> {
        let mut flow = vec![gap(1.5), heading(n), gap(0.5)];
        let mut body = paragraph(lines);
        for l in body.iter_mut().take(1) {
            if let Flow::Frame(f) = l {
                f.break_after = false;
            }
        }
        flow.extend(body);
        flow
    }

    fn bottom(flow: &[Flow], page: &PageContent) -> f32 {
        let &(i, y) = page.frames.last().unwrap();
        let Flow::Frame(f) = &flow[i] else { unreachable!() };
        y + f.height
    }

    #[test]
    fn a_page_before_a_moved_heading_is_justified_to_the_foot() {
        // 3 lines, a section of 4 lines (10.3 lines), then a section that
        // cannot fit: the first page ends 0.7 line short of its 11 whole
        // lines; its one heading's glue (2 lines of stretch) takes it up.
        let mut flow = paragraph(3);
        flow.extend(section(0, 4));
        flow.extend(section(1, 4));
        let pages = paginate(&flow, col(115.0), false, 1);
        assert_eq!(pages[0].frames.len(), 8);
        assert!((bottom(&flow, &pages[0]) - 110.0).abs() < 0.01, "last line on the foot of 11 whole lines");
        let a = anchors(&flow, &pages, 2, |m| if let Mark::Heading(n) = m { Some(n) } else { None });
        assert_eq!(a[1].map(|a| a.page), Some(1));
        let h = a[0].unwrap().y;
        assert!(h > 45.0 && h < 45.0 + 10.0, "the gap above the first heading grew: {h}");
    }

    #[test]
    fn a_page_its_glue_cannot_fill_stays_short() {
        // Without a heading on it, a page before a moved one has no glue to stretch.
        let mut flow = paragraph(8);
        flow.extend(section(0, 4));
        let pages = paginate(&flow, col(125.0), false, 1);
        assert_eq!(pages[0].frames.len(), 8);
        assert_eq!(bottom(&flow, &pages[0]), 80.0, "natural spacing kept");
    }

    #[test]
    fn glue_closes_up_to_keep_a_heading_with_its_lines() {
        // 6 lines + a section (1.5 + 1.3 + 0.5 + 2 lines = 5.3) need 11.3 lines;
        // the glue closes up by 0.67 line, so heading and lines fit in 11.
        let mut flow = paragraph(6);
        flow.extend(section(0, 4));
        let pages = paginate(&flow, col(110.0), false, 1);
        assert_eq!(pages[0].frames.len(), 9, "heading and its two lines stay");
        assert!((bottom(&flow, &pages[0]) - 110.0).abs() < 0.01);
    }

    #[test]
    fn the_last_page_of_a_section_is_not_stretched() {
        let mut flow = paragraph(3);
        flow.extend(section(0, 3));
        flow.push(Flow::PageBreak { section: Some(1) });
        flow.extend(paragraph(3));
        let pages = paginate(&flow, col(200.0), false, 1);
        assert_eq!(bottom(&flow, &pages[0]), 30.0 + 15.0 + 13.0 + 5.0 + 30.0);
    }

    /// Over many shapes of text: no page ends short before a heading that
    /// could have stood on it (closed up, with its two lines), and every page
    /// before a moved heading whose glue could reach the foot reaches it
    /// (tolerance 0.01 pt, the fit's rounding slack).
    #[test]
    fn no_page_ends_short_before_a_heading_that_could_have_fitted() {
        let mut seed = 0x2545_f491_u32;
        let mut next = |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed % n
        };
        let mut flow = Vec::new();
        for s in 0..400 {
            flow.extend(section(s, 1 + next(6) as usize));
            for _ in 0..next(4) {
                flow.extend(paragraph(1 + next(8) as usize));
            }
        }
        let column = col(186.0);
        let pages = paginate(&flow, column, false, 1);
        let mut justified = 0;
        for (p, page) in pages.iter().enumerate().take(pages.len() - 1) {
            let (first_next, _) = pages[p + 1].frames[0];
            let Flow::Frame(f) = &flow[first_next] else { unreachable!() };
            if !matches!(f.mark, Mark::Heading(_)) {
                continue;
            }
            let (last, _) = *page.frames.last().unwrap();
            let gaps = || flow[page.frames[0].0..last].iter().filter_map(glue);
            let (stretch, shrink) = (gaps().map(|g| g.stretch).sum::<f32>(), gaps().map(|g| g.shrink).sum::<f32>());
            let natural: f32 = flow[page.frames[0].0..=last]
                .iter()
                .map(|i| match i {
                    Flow::Frame(f) => f.height,
                    other => glue(other).map_or(0.0, |g| g.height),
                })
                .sum();
            // The heading block closed up: glue above and below, heading, and
            // the lines kept with it, to the first place a page may end.
            let kept_to = (first_next..flow.len())
                .find(|&k| matches!(&flow[k], Flow::Frame(f) if f.break_after))
                .unwrap_or(flow.len() - 1);
            let block = flow[last + 1..=kept_to]
                .iter()
                .map(|i| match i {
                    Flow::Frame(f) => f.height,
                    other => glue(other).map_or(0.0, |g| g.height - g.shrink),
                })
                .sum::<f32>();
            assert!(
                natural - shrink + block > column.foot() + FIT_TOLERANCE,
                "page {p}: the heading would have fitted ({natural} + {block})"
            );
            let foot = column.foot();
            if foot - natural <= stretch {
                assert!((bottom(&flow, page) - foot).abs() < 0.01, "page {p} not justified");
                justified += 1;
            }
        }
        assert!(justified > 10, "the case is exercised: {justified} pages justified");
    }
}
