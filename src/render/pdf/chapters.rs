//! Chapters in parallel: the body's blocks cut before headings, each piece
//! laid out by a [`Typesetter`] on a worker of the current rayon pool, the
//! pieces joined in document order.
//!
//! Takes the document's blocks; returns the one [`Layout`] that setting them
//! in one go gives, item for item, but thinned for pagination: every frame
//! keeps its height, mark and break but not its glyphs, images or rules, and
//! every text is emptied. A heading resets all a typesetter carries from block
//! to block (the lines kept with it, the indent after it), so a piece that
//! starts at one is set alike wherever it is set: [`set_piece`] sets one
//! piece again, whole, when its pages are drawn, and joining only renumbers
//! texts, structure nodes and headings. So the laid-out book is never held
//! whole, only its frame heights (a two-pass layout: the contents page, drawn
//! first, needs every page number). The pieces that fit in
//! [`PDF_KEPT_LAYOUT_CHARS`] from the start of the book are kept as laid out
//! and not set again, so a book of ordinary length is laid out once and only
//! a long one pays for the second pass. Never paginates: page numbers are
//! found after the join, over the whole flow.

use super::fonts::Faces;
use super::layout::{Flow, Frame, Layout, Mark, Typesetter, Typography};
use super::shape::Shaper;
use crate::limits::PDF_KEPT_LAYOUT_CHARS;
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

/// Where a piece's flow items, texts, structure nodes and headings start in
/// the joined layout.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Offsets {
    flow: usize,
    texts: u32,
    nodes: usize,
    headings: usize,
}

/// The body cut into pieces, with where each piece's items start once joined.
pub struct Pieces<'b> {
    blocks: Vec<&'b [Block]>,
    starts: Vec<Offsets>,
    /// The first pieces as laid out (not thinned, not yet shifted), taken
    /// when drawn; the rest are set again.
    kept: Vec<Mutex<Option<Layout>>>,
}

impl Pieces<'_> {
    /// The piece the joined flow's item `i` belongs to, and its index within it.
    pub fn locate(&self, i: usize) -> (usize, usize) {
        let k = self.starts.partition_point(|s| s.flow <= i).saturating_sub(1);
        (k, i - self.starts[k].flow)
    }

    pub fn count(&self) -> usize {
        self.blocks.len()
    }

    /// The first piece that is set again to be drawn (`count()` if none is).
    pub fn first_set_again(&self) -> usize {
        self.kept.len()
    }
}

/// How many pieces from the start fit in `budget` characters of text.
fn kept_count(pieces: &[&[Block]], budget: usize) -> usize {
    let mut chars = 0;
    pieces
        .iter()
        .take_while(|piece| {
            chars += piece.iter().map(|b| b.text().chars().count()).sum::<usize>();
            chars <= budget
        })
        .count()
}

/// The body laid out for pagination (every frame thinned to its height,
/// mark and break), the pieces to set again for drawing, and the characters
/// no face could draw.
pub fn lay_out<'b>(
    setting: &Setting,
    blocks: &'b [Block],
    assets: &BTreeMap<String, Vec<u8>>,
) -> (Layout, Pieces<'b>, BTreeSet<char>) {
    lay_out_keeping(setting, blocks, assets, PDF_KEPT_LAYOUT_CHARS)
}

/// [`lay_out`], keeping the layout of the pieces that fit in `budget`
/// characters of text.
fn lay_out_keeping<'b>(
    setting: &Setting,
    blocks: &'b [Block],
    assets: &BTreeMap<String, Vec<u8>>,
    budget: usize,
) -> (Layout, Pieces<'b>, BTreeSet<char>) {
    let pieces = pieces(blocks);
    let keep = kept_count(&pieces, budget);
    let kept: Vec<Mutex<Option<Layout>>> = (0..keep).map(|_| Mutex::new(None)).collect();
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
            let mut laid = set(setting, &mut shaper, piece, assets);
            if let Some(slot) = kept.get(k) {
                let whole = laid;
                laid = thinned(&whole);
                *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(whole);
            } else {
                thin(&mut laid);
            }
            *done[k].lock().unwrap_or_else(PoisonError::into_inner) = Some(laid);
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
    let (joined, starts) = join(laid);
    (joined, Pieces { blocks: pieces, starts, kept }, missing.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// Piece `k` whole, for drawing (as kept, else set again): its flow items
/// line up with the joined flow's from where the piece starts there, its
/// structure nodes and headings are numbered as in the joined layout, and its
/// runs point into its own texts.
pub fn set_piece(
    setting: &Setting,
    shaper: &mut Shaper,
    pieces: &Pieces,
    k: usize,
    assets: &BTreeMap<String, Vec<u8>>,
) -> Layout {
    let kept = pieces.kept.get(k).and_then(|slot| slot.lock().unwrap_or_else(PoisonError::into_inner).take());
    let mut laid = kept.unwrap_or_else(|| set(setting, shaper, pieces.blocks[k], assets));
    let at = pieces.starts[k];
    shift(&mut laid, Offsets { texts: 0, ..at });
    laid
}

/// One piece laid out by a fresh typesetter.
fn set(setting: &Setting, shaper: &mut Shaper, piece: &[Block], assets: &BTreeMap<String, Vec<u8>>) -> Layout {
    let mut ts = Typesetter::new(shaper, setting.typo);
    ts.hyphenator = setting.hyphenator.clone();
    ts.blocks(piece, assets);
    ts.out
}

/// What pagination does not read dropped: glyphs, images, rules and texts
/// (the texts' count stays, so the front matter set after the body numbers
/// its own texts as before).
fn thin(laid: &mut Layout) {
    for item in &mut laid.flow {
        if let Flow::Frame(f) = item {
            f.runs = Vec::new();
            f.images = Vec::new();
            f.rules = Vec::new();
        }
    }
    for text in &mut laid.texts {
        *text = String::new();
    }
}

/// A copy of `laid` thinned as [`thin`] does.
fn thinned(laid: &Layout) -> Layout {
    let flow = laid
        .flow
        .iter()
        .map(|item| match item {
            Flow::Frame(f) => Flow::Frame(Frame {
                height: f.height,
                runs: Vec::new(),
                rules: Vec::new(),
                images: Vec::new(),
                break_after: f.break_after,
                mark: f.mark,
            }),
            other => other.clone(),
        })
        .collect();
    Layout {
        flow,
        texts: vec![String::new(); laid.texts.len()],
        nodes: laid.nodes.clone(),
        headings: laid.headings.clone(),
    }
}

/// `blocks` cut before headings, each piece at least [`MIN_PIECE_BLOCKS`]
/// long (the last may be shorter).
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

/// A piece's text, node and heading numbers moved past `by`'s.
fn shift(piece: &mut Layout, by: Offsets) {
    for item in &mut piece.flow {
        match item {
            Flow::Frame(f) => {
                for run in &mut f.runs {
                    run.text += by.texts;
                    run.node = run.node.map(|n| n + by.nodes);
                }
                for image in &mut f.images {
                    image.node = image.node.map(|n| n + by.nodes);
                }
                if let Mark::Heading(n) | Mark::TocEntry(n) = &mut f.mark {
                    *n += by.headings;
                }
            }
            Flow::PageBreak { section } => *section = section.map(|n| n + by.headings),
            Flow::Space(_) | Flow::Glue(_) => {}
        }
    }
    for node in &mut piece.nodes {
        node.parent = node.parent.map(|p| p + by.nodes);
    }
}

/// The pieces as one layout, and where each piece starts in it.
fn join(pieces: Vec<Layout>) -> (Layout, Vec<Offsets>) {
    let mut out = Layout::default();
    out.flow.reserve(pieces.iter().map(|p| p.flow.len()).sum());
    out.texts.reserve(pieces.iter().map(|p| p.texts.len()).sum());
    out.nodes.reserve(pieces.iter().map(|p| p.nodes.len()).sum());
    let mut starts = Vec::with_capacity(pieces.len());
    for mut piece in pieces {
        let at = Offsets {
            flow: out.flow.len(),
            texts: out.texts.len() as u32,
            nodes: out.nodes.len(),
            headings: out.headings.len(),
        };
        shift(&mut piece, at);
        starts.push(at);
        out.flow.append(&mut piece.flow);
        out.texts.append(&mut piece.texts);
        out.nodes.append(&mut piece.nodes);
        out.headings.append(&mut piece.headings);
    }
    (out, starts)
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
        let whole = ts.out;
        let setting = Setting { faces: &faces, language: "zh-Hans", vertical: false, typo, hyphenator: None };
        let mut thinned = Layout { flow: whole.flow.clone(), texts: whole.texts.clone(), ..Default::default() };
        thinned.headings = whole.headings.clone();
        thinned.nodes = whole.nodes.clone();
        thin(&mut thinned);
        let thinned = format!("{thinned:?}");
        for (threads, budget) in [(1, 0), (2, 0), (3, 0), (1, usize::MAX), (2, usize::MAX)] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let (joined, pieces, missing) =
                pool.install(|| lay_out_keeping(&setting, &blocks, &BTreeMap::new(), budget));
            assert!(missing.is_empty());
            assert!(pieces.count() >= 4, "{} pieces", pieces.count());
            assert!(
                format!("{joined:?}") == thinned,
                "{threads} thread(s), budget {budget}: the joined layout differs"
            );
        }

        // Each piece, kept or set again, is the whole book's layout from
        // where it starts; a budget of half the book keeps some pieces.
        let half = blocks.iter().map(|b| b.text().chars().count()).sum::<usize>() / 2;
        for budget in [0, half, usize::MAX] {
            let (_, pieces, _) = lay_out_keeping(&setting, &blocks, &BTreeMap::new(), budget);
            let kept = pieces.first_set_again();
            match budget {
                0 => assert_eq!(kept, 0),
                usize::MAX => assert_eq!(kept, pieces.count()),
                _ => assert!(0 < kept && kept < pieces.count(), "{kept} of {} kept", pieces.count()),
            }
            let mut drawn = 0;
            for k in 0..pieces.count() {
                let mut piece = set_piece(&setting, &mut shaper_for(&faces), &pieces, k, &BTreeMap::new());
                let at = pieces.starts[k];
                assert_eq!(pieces.locate(at.flow), (k, 0));
                shift(&mut piece, Offsets { flow: 0, texts: at.texts, nodes: 0, headings: 0 });
                let (flow, texts) = (&whole.flow[at.flow..][..piece.flow.len()], &whole.texts[at.texts as usize..]);
                assert_eq!(format!("{:?}", piece.flow), format!("{flow:?}"), "budget {budget}: piece {k}'s flow");
                assert_eq!(piece.texts, texts[..piece.texts.len()], "budget {budget}: piece {k}'s texts");
                drawn += piece.flow.len();
            }
            assert_eq!(drawn, whole.flow.len());
        }
    }

    fn shaper_for<'f, 'a>(faces: &'f Faces<'a>) -> Shaper<'f, 'a> {
        Shaper::new(faces, "zh-Hans")
    }
}
