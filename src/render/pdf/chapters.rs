//! Chapters in parallel: the body's blocks cut before top-level headings,
//! each piece laid out by a [`Typesetter`] on a worker of the current rayon
//! pool, the pieces joined in document order.
//!
//! Takes the document's blocks; returns the one [`Layout`] that setting them
//! in one go gives, item for item: a heading resets all a typesetter carries
//! from block to block (the lines kept with it, the indent after it), so a
//! piece that starts at one is set alike wherever it is set, and joining only
//! renumbers its texts, structure nodes and headings. Never paginates: page
//! numbers are found after the join, over the whole flow.

use super::fonts::Faces;
use super::layout::{Flow, Layout, Mark, Typesetter, Typography};
use super::shape::Shaper;
use crate::model::Block;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Fewest top-level blocks in a piece before it may end at a heading: a
/// piece costs a typesetter and a join, so a book of many short headed
/// sections (a poetry collection) is not cut into thousands of them.
const MIN_PIECE_BLOCKS: usize = 32;

/// What every piece is set with.
pub struct Setting<'f, 'a> {
    pub faces: &'f Faces<'a>,
    pub language: &'f str,
    pub vertical: bool,
    pub typo: Typography,
    /// Shared by the workers: the patterns are read once per book.
    pub hyphenator: Option<Arc<hyphenation::Standard>>,
}

/// The body laid out, and the characters no face could draw.
pub fn lay_out(setting: &Setting, blocks: &[Block], assets: &BTreeMap<String, Vec<u8>>) -> (Layout, BTreeSet<char>) {
    let pieces = pieces(blocks);
    let done: Vec<Mutex<Option<Layout>>> = pieces.iter().map(|_| Mutex::new(None)).collect();
    let missing = Mutex::new(BTreeSet::new());
    let next = AtomicUsize::new(0);
    // One shaper per worker, not per piece: its cache of shaped ideographs is
    // what makes shaping cheap, and a piece is a chapter of a few thousand.
    // Workers take pieces in order from a shared counter, so a long chapter
    // does not hold up the rest; the join puts them back in document order.
    let work = || {
        let mut shaper = Shaper::new(setting.faces, setting.language);
        shaper.vertical = setting.vertical;
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(piece) = pieces.get(k) else { break };
            let mut ts = Typesetter::new(&mut shaper, setting.typo);
            ts.hyphenator = setting.hyphenator.clone();
            ts.blocks(piece, assets);
            *done[k].lock().unwrap_or_else(PoisonError::into_inner) = Some(ts.out);
        }
        missing.lock().unwrap_or_else(PoisonError::into_inner).extend(std::mem::take(&mut shaper.missing));
    };
    let workers = rayon::current_num_threads().min(pieces.len()).max(1);
    if workers == 1 {
        work();
    } else {
        rayon::scope(|s| {
            for _ in 0..workers {
                s.spawn(|_| work());
            }
        });
    }
    let laid: Vec<Layout> = done
        .into_iter()
        .map(|slot| slot.into_inner().unwrap_or_else(PoisonError::into_inner).unwrap_or_default())
        .collect();
    (join(laid), missing.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// `blocks` cut before top-level headings, each piece at least
/// [`MIN_PIECE_BLOCKS`] long (the last may be shorter).
fn pieces(blocks: &[Block]) -> Vec<&[Block]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b, Block::Heading { .. }) && i - start >= MIN_PIECE_BLOCKS {
            out.push(&blocks[start..i]);
            start = i;
        }
    }
    out.push(&blocks[start..]);
    out
}

/// The pieces as one layout: each piece's text, node and heading numbers
/// moved past those of the pieces before it.
fn join(pieces: Vec<Layout>) -> Layout {
    let mut pieces = pieces.into_iter();
    let Some(mut out) = pieces.next() else { return Layout::default() };
    let rest: Vec<Layout> = pieces.collect();
    out.flow.reserve(rest.iter().map(|p| p.flow.len()).sum());
    out.texts.reserve(rest.iter().map(|p| p.texts.len()).sum());
    out.nodes.reserve(rest.iter().map(|p| p.nodes.len()).sum());
    for mut piece in rest {
        let (texts, nodes, headings) = (out.texts.len() as u32, out.nodes.len(), out.headings.len());
        for item in &mut piece.flow {
            match item {
                Flow::Frame(f) => {
                    for run in &mut f.runs {
                        run.text += texts;
                        run.node = run.node.map(|n| n + nodes);
                    }
                    for image in &mut f.images {
                        image.node = image.node.map(|n| n + nodes);
                    }
                    if let Mark::Heading(n) | Mark::TocEntry(n) = &mut f.mark {
                        *n += headings;
                    }
                }
                Flow::PageBreak { section } => *section = section.map(|n| n + headings),
                Flow::Space(_) | Flow::Glue(_) => {}
            }
        }
        for node in &mut piece.nodes {
            node.parent = node.parent.map(|p| p + nodes);
        }
        out.flow.append(&mut piece.flow);
        out.texts.append(&mut piece.texts);
        out.nodes.append(&mut piece.nodes);
        out.headings.append(&mut piece.headings);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::heading_id;
    use crate::render::pdf::fonts::{FontBytes, FontPaths};

    /// Chapters of Chinese and English prose, a list, a quote and a code block,
    /// with headings of two levels, long enough to make several pieces.
    fn book() -> Vec<Block> {
        let zh = "他说：“我们明天一早就出发。”她笑了笑，没有回答……雨下得正紧——2024 年的春天。";
        let en = "The quick brown fox jumps over the lazy dog while typesetters argue about justification.";
        let mut blocks = Vec::new();
        for chapter in 0..9 {
            let text = format!("第{chapter}章　夜色");
            blocks.push(Block::Heading { level: 1, id: heading_id(blocks.len()), text });
            for section in 0..3 {
                let text = format!("Section {section}");
                blocks.push(Block::Heading { level: 2, id: heading_id(blocks.len()), text });
                for p in 0..12 {
                    blocks.push(Block::paragraph(if p % 3 == 0 { en.repeat(p + 1) } else { zh.repeat(p + 1) }));
                }
                blocks.push(Block::BlockQuote { blocks: vec![Block::paragraph(zh)], text: zh.into() });
                blocks.push(Block::List {
                    ordered: true,
                    start: None,
                    items: vec![vec![Block::paragraph("一")], vec![Block::paragraph("二")]],
                    text: "一\n二".into(),
                });
                blocks.push(Block::CodeBlock { language: None, text: "fn main() {}".into() });
            }
        }
        blocks
    }

    #[test]
    fn pieces_start_at_headings_and_cover_every_block_once() {
        let blocks = book();
        let pieces = pieces(&blocks);
        assert!(pieces.len() >= 4, "{} pieces", pieces.len());
        assert_eq!(pieces.iter().map(|p| p.len()).sum::<usize>(), blocks.len());
        for p in &pieces[1..] {
            assert!(matches!(p[0], Block::Heading { .. }));
        }
        for p in &pieces[..pieces.len() - 1] {
            assert!(p.len() >= MIN_PIECE_BLOCKS);
        }
    }

    #[test]
    fn chapters_set_at_once_join_to_the_book_set_in_one_go() {
        let bytes = FontBytes::load(&FontPaths::default()).unwrap();
        let faces = Faces::new(&bytes).unwrap();
        let typo = Typography { size: 10.0, leading: 17.5, measure: 300.0, text_height: 480.0, cjk: true };
        let blocks = book();
        let mut shaper = Shaper::new(&faces, "zh-Hans");
        let mut ts = Typesetter::new(&mut shaper, typo);
        ts.blocks(&blocks, &BTreeMap::new());
        let whole = format!("{:?}", ts.out);
        let setting = Setting { faces: &faces, language: "zh-Hans", vertical: false, typo, hyphenator: None };
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let (joined, missing) = pool.install(|| lay_out(&setting, &blocks, &BTreeMap::new()));
            assert!(missing.is_empty());
            assert!(format!("{joined:?}") == whole, "{threads} thread(s): the joined layout differs");
        }
    }
}
