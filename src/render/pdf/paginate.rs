//! Pagination: a vertical flow of frames to pages.
//!
//! Takes [`Flow`] items and the text block's height; returns [`PageContent`]s
//! listing which frames stand where. Honours each frame's `break_after`
//! (widows, orphans, headings kept with their first lines) by moving the tail
//! of an overfull page to the next one; starts a page at every `PageBreak`.
//! Never draws and never reorders.

use super::layout::{Flow, Mark};

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

/// Break `flow` into pages of height `height`. With `recto_sections`, a blank
/// page is inserted where needed so each section opens on an odd page, counting
/// from `first_page_number` (the folio of the first page).
pub fn paginate(flow: &[Flow], height: f32, recto_sections: bool, first_page_number: usize) -> Vec<PageContent> {
    let mut pages: Vec<PageContent> = Vec::new();
    let mut cur = PageContent::default();
    let mut y = 0.0f32;
    let mut section = None;
    // After frame `.0` of the current page, the flow may continue at item `.1`.
    let mut last_break: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < flow.len() {
        match &flow[i] {
            Flow::Space(h) => {
                // Dropped at the top of a page, except the sink of a section opening.
                if !cur.frames.is_empty() || cur.opening {
                    y += h;
                }
            }
            Flow::PageBreak { section: s } => {
                if !cur.frames.is_empty() || cur.blank {
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
                last_break = None;
            }
            Flow::Frame(f) => {
                if y + f.height > height + 0.01 && !cur.frames.is_empty() {
                    // Overfull: end the page at the last legal break, else right here.
                    let resume = match last_break {
                        Some((kept, next)) if kept > 0 => {
                            cur.frames.truncate(kept);
                            next
                        }
                        _ => i,
                    };
                    pages.push(std::mem::take(&mut cur));
                    cur = PageContent { section, ..Default::default() };
                    y = 0.0;
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
        pages.push(cur);
    }
    pages
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
        let pages = paginate(&flow, 40.0, false, 1);
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
        let pages = paginate(&flow, 50.0, false, 1);
        assert_eq!(pages[0].frames.len(), 3, "heading and its first lines pushed on");
        let a = anchors(&flow, &pages, 1, |m| if let Mark::Heading(n) = m { Some(n) } else { None });
        assert_eq!(a[0], Some(Anchor { page: 1, y: 0.0 }));
    }

    #[test]
    fn sections_open_new_pages_and_optionally_rectos() {
        let mut flow = paragraph(2);
        flow.push(Flow::PageBreak { section: Some(0) });
        flow.extend(paragraph(2));
        let pages = paginate(&flow, 100.0, false, 1);
        assert_eq!(pages.len(), 2);
        assert!(pages[1].opening);
        let pages = paginate(&flow, 100.0, true, 1);
        assert_eq!(pages.len(), 3);
        assert!(pages[1].blank);
    }

    #[test]
    fn space_at_the_top_of_a_page_is_dropped() {
        let mut flow = vec![Flow::Space(30.0)];
        flow.extend(paragraph(2));
        let pages = paginate(&flow, 100.0, false, 1);
        assert_eq!(pages[0].frames[0].1, 0.0);
    }
}
