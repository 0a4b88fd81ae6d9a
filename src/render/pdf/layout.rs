//! Layout: blocks of the document model to a vertical flow of frames.
//!
//! Takes `&[Block]` and the page geometry; returns [`Flow`] items (frames of
//! positioned glyph runs, discardable space, page breaks) with the keep rules
//! pagination needs (`break_after`). Never decides where pages end.

use super::fonts::FaceId;
use super::linebreak::{
    add_hyphenation, balanced_lines, break_opportunities, fit_lines, segments, Align, LineFit, Segment,
};
use super::shape::{FaceSpan, ShapedGlyph, Shaper};
use crate::model::{Block, Inline};
use crate::render::display::DisplayBreaks;
use crate::text::is_cjk;
use std::collections::BTreeMap;

/// Distance from the top of the em box to the baseline, in ems: the CJK
/// ideographic em box of Noto CJK runs from 0.88 above to 0.12 below the baseline.
pub const EM_BOX_ASCENT: f32 = 0.88;
/// What a hyphen the typesetter adds stands for in the PDF's text.
const SOFT_HYPHEN: char = '\u{AD}';
/// A heading keeps this many following lines on its page.
const HEADING_KEEP_LINES: usize = 2;
/// An image may fill at most this share of the text block's height (room for a caption).
const IMAGE_MAX_PAGE_SHARE: f32 = 0.85;
/// Space above and below a block quote or epigraph, in lines: enough to set it
/// apart from the text around it (a quarter line read as the same paragraph).
const QUOTE_SPACE_LINES: f32 = 0.75;
/// Lines a paragraph must leave at the foot (orphans) or carry to the head (widows) of a page.
const MIN_LINES_AT_BREAK: usize = 2;

/// A glyph placed on a line; advances in ems already include justification.
#[derive(Debug, Clone, Copy)]
pub struct PlacedGlyph {
    pub id: u16,
    /// Byte range in the run's text of the cluster this glyph shows.
    pub start: u32,
    pub end: u32,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

impl krilla::text::Glyph for PlacedGlyph {
    fn glyph_id(&self) -> krilla::text::GlyphId {
        krilla::text::GlyphId::new(self.id as u32)
    }
    fn text_range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }
    fn x_offset(&self, size: f32) -> f32 {
        self.x_offset * size
    }
    fn y_offset(&self, size: f32) -> f32 {
        self.y_offset * size
    }
    fn y_advance(&self, _size: f32) -> f32 {
        0.0
    }
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

/// A run's glyphs, kept in 8 bytes each instead of a [`PlacedGlyph`]'s 24:
/// glyphs are most of a laid-out chapter (one per character of a Chinese
/// text), and the chapters set ahead of the pages being drawn are held. A glyph's cluster starts where the one
/// before it ended (`base` for the first), so only its length is kept. A
/// glyph that does not follow on (the second glyph of one cluster), is offset
/// from the pen (a Latin accent) or spans more than 64 KiB is kept whole beside.
#[derive(Debug, Clone, Default)]
pub struct Glyphs {
    packed: Vec<PackedGlyph>,
    /// Index into `packed` and the whole glyph, for the few that do not pack.
    whole: Vec<(u32, PlacedGlyph)>,
    /// Start of the first glyph's cluster.
    base: u32,
    /// End of the last glyph's cluster: where the next one starts if it follows on.
    end: u32,
}

#[derive(Debug, Clone, Copy)]
struct PackedGlyph {
    advance: f32,
    id: u16,
    /// Length of the cluster's text in bytes (`end - start`).
    len: u16,
}

impl Glyphs {
    pub fn one(g: PlacedGlyph) -> Glyphs {
        let mut glyphs = Glyphs::default();
        glyphs.push(g);
        glyphs
    }

    pub fn push(&mut self, g: PlacedGlyph) {
        if self.packed.is_empty() {
            (self.base, self.end) = (g.start, g.start);
        }
        let len = g.end.checked_sub(g.start).and_then(|l| u16::try_from(l).ok());
        if len.is_none() || g.start != self.end || g.x_offset != 0.0 || g.y_offset != 0.0 {
            self.whole.push((self.packed.len() as u32, g));
        }
        self.packed.push(PackedGlyph { advance: g.advance, id: g.id, len: len.unwrap_or(0) });
        self.end = g.end;
    }

    pub fn is_empty(&self) -> bool {
        self.packed.is_empty()
    }

    /// The advances alone, in order (what widths are summed from).
    pub fn advances(&self) -> impl Iterator<Item = f32> + '_ {
        self.packed.iter().map(|g| g.advance)
    }

    /// Every glyph as it was pushed.
    pub fn iter(&self) -> impl Iterator<Item = PlacedGlyph> + '_ {
        let mut whole = self.whole.iter().peekable();
        let mut at = self.base;
        self.packed.iter().enumerate().map(move |(i, g)| {
            let glyph = match whole.next_if(|(k, _)| *k as usize == i) {
                Some(&(_, g)) => g,
                None => PlacedGlyph {
                    id: g.id,
                    start: at,
                    end: at + u32::from(g.len),
                    advance: g.advance,
                    x_offset: 0.0,
                    y_offset: 0.0,
                },
            };
            at = glyph.end;
            glyph
        })
    }
}

impl FromIterator<PlacedGlyph> for Glyphs {
    fn from_iter<I: IntoIterator<Item = PlacedGlyph>>(iter: I) -> Glyphs {
        let mut glyphs = Glyphs::default();
        for g in iter {
            glyphs.push(g);
        }
        glyphs
    }
}

/// Glyphs in one face and size, drawn from a start point.
#[derive(Debug, Clone)]
pub struct Run {
    pub face: FaceId,
    pub size: f32,
    /// Start of the baseline, relative to the frame's top left corner.
    pub x: f32,
    pub baseline: f32,
    /// Index into [`Layout::texts`] of the text the glyph ranges point into.
    pub text: u32,
    pub glyphs: Glyphs,
    /// The structure node the glyphs belong to; `None` for decoration (an artifact).
    pub node: Option<NodeId>,
}

impl Run {
    pub fn width(&self) -> f32 {
        self.glyphs.advances().sum::<f32>() * self.size
    }
}

/// A horizontal hairline (table rules), relative to the frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HRule {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
}

/// Something a frame stands for beyond its glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    /// The first frame of the `n`-th heading (0-based, document order).
    Heading(usize),
    /// A table-of-contents entry for the `n`-th heading.
    TocEntry(usize),
}

/// A raster image placed in a frame, relative to the frame's top left corner.
#[derive(Debug, Clone)]
pub struct PlacedImage {
    pub image: krilla::image::Image,
    pub node: Option<NodeId>,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// A box of fixed height: one line, a heading line, a table row, an image.
#[derive(Debug, Clone)]
pub struct Frame {
    pub height: f32,
    pub runs: Vec<Run>,
    pub rules: Vec<HRule>,
    pub images: Vec<PlacedImage>,
    /// Whether a page may end after this frame.
    pub break_after: bool,
    pub mark: Mark,
}

/// Vertical space that may grow or close up so a page's last line sits on
/// the text block's foot (vertical justification, TeX's `\flushbottom` glue).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Glue {
    pub height: f32,
    /// How much it may grow, and close up, at most.
    pub stretch: f32,
    pub shrink: f32,
}

impl Glue {
    /// A gap of `height` around a heading or a block: it may grow by
    /// [`GLUE_STRETCH`] of itself and close up by [`GLUE_SHRINK`] of itself,
    /// never growing by more than [`GLUE_MAX_STRETCH_LINES`] lines of `leading`.
    pub fn around_blocks(height: f32, leading: f32) -> Glue {
        Glue {
            height,
            stretch: (height * GLUE_STRETCH).min(leading * GLUE_MAX_STRETCH_LINES),
            shrink: height * GLUE_SHRINK,
        }
    }
}

/// A gap may grow to twice itself: the space above a heading reads as the
/// same kind of break at up to double (a level-3 heading's one line above
/// becomes two), and pages before a heading that moved over need this much
/// (on the acceptance document two thirds left 2 of 28 pages 1.5 lines short or
/// more, twice 1, `bench/page_bottoms.py`); more would look spaced out.
pub const GLUE_STRETCH: f32 = 1.0;
/// A gap may close up by a third: 1.5 lines above a heading stay a clear
/// line above it, and the half line below never falls under a third.
pub const GLUE_SHRINK: f32 = 1.0 / 3.0;
/// No one gap grows by more than this many body lines, whatever its size.
pub const GLUE_MAX_STRETCH_LINES: f32 = 1.5;

/// One item of the vertical flow.
#[derive(Debug, Clone)]
pub enum Flow {
    Frame(Frame),
    /// Vertical space, dropped at the top of a page.
    Space(f32),
    /// Vertical space that pagination may stretch or shrink, dropped at the top of a page.
    Glue(Glue),
    /// Start a new page; `section` is set when a top-level section opens there.
    PageBreak {
        section: Option<usize>,
    },
}

/// A heading as the front matter and outline need it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingInfo {
    pub level: u8,
    pub text: String,
}

/// Index into [`Layout::nodes`].
pub type NodeId = usize;

/// Byte ranges of a text in another language, with that language's tag
/// ([`crate::scan::language::foreign_spans`]).
type ForeignSpans = Vec<(std::ops::Range<usize>, String)>;

/// What a piece of the page is in the book's logical structure: the tags of
/// a tagged PDF, so a screen reader or a reflowing viewer reads the book, not
/// the page (PDF 1.7 §14.8.4, PDF/UA-1).
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// The book's title on the title page.
    Title,
    /// A heading of the body; `title` is its text (PDF/UA asks for it).
    Heading {
        level: u8,
        title: String,
    },
    Paragraph,
    List {
        ordered: bool,
    },
    ListItem,
    /// A list item's number or bullet.
    Label,
    ListBody,
    BlockQuote,
    Code,
    Table,
    TableRow,
    HeaderCell,
    Cell,
    Figure {
        alt: String,
    },
    Caption,
    /// The printed table of contents, an entry of it, and the entry's link to its page.
    Toc,
    TocItem,
    Link,
    /// A stretch of text inside a paragraph in another language (its node's `lang`).
    Span,
}

/// One element of the structure tree; parents come before their children.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub role: Role,
    pub parent: Option<NodeId>,
    /// Its language (BCP 47), where it differs from the text around it.
    pub lang: Option<String>,
}

/// The laid-out body: flow, the texts glyph runs point into, the headings,
/// and the structure nodes runs and images belong to.
#[derive(Debug, Default)]
pub struct Layout {
    pub flow: Vec<Flow>,
    pub texts: Vec<String>,
    pub headings: Vec<HeadingInfo>,
    pub nodes: Vec<Node>,
}

/// Type sizes and measures, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Typography {
    pub size: f32,
    /// Baseline-to-baseline distance of body text.
    pub leading: f32,
    /// Width and height of the text block.
    pub measure: f32,
    pub text_height: f32,
    /// Chinese/Japanese conventions: 2em indent on every paragraph.
    pub cjk: bool,
}

impl Typography {
    /// First-line indent: two ideographs in CJK; 1.5em in Latin, none after a heading.
    fn indent(&self, after_heading: bool) -> f32 {
        if self.cjk {
            2.0 * self.size
        } else if after_heading {
            0.0
        } else {
            1.5 * self.size
        }
    }

    pub fn heading_size(&self, level: u8) -> f32 {
        self.size
            * match level {
                1 => 1.6,
                2 => 1.3,
                3 => 1.15,
                _ => 1.0,
            }
    }
}

/// How one paragraph is set.
#[derive(Debug, Clone, Copy)]
pub struct ParStyle {
    pub size: f32,
    pub leading: f32,
    /// Left edge and width of the column.
    pub x: f32,
    pub width: f32,
    pub indent: f32,
    pub align: Align,
    pub center: bool,
}

/// A paragraph set into lines, before it becomes frames.
pub struct SetLine {
    pub runs: Vec<Run>,
    /// Right end of the line's content, relative to the column's left edge.
    pub end_x: f32,
}

/// Where a text's lines may end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Breaking {
    /// Body text: wherever UAX #14 and kinsoku allow, hyphenated when justified.
    Running,
    /// Display text: between words only, and with even lines if `balance`.
    Display { balance: bool },
}

/// Lays out blocks; owns the texts the runs point into.
pub struct Typesetter<'s, 'f, 'a> {
    pub shaper: &'s mut Shaper<'f, 'a>,
    pub typo: Typography,
    pub out: Layout,
    glyphs: Vec<ShapedGlyph>,
    /// Frames still to be kept with the preceding heading.
    keep_lines: usize,
    after_heading: bool,
    /// The structure node whatever is set now belongs to (`None`: decoration).
    node: Option<NodeId>,
    /// Hyphenation patterns for the book's language, when it has them
    /// (shared: the workers setting chapters at once read one copy).
    pub hyphenator: Option<std::sync::Arc<hyphenation::Standard>>,
    /// The hyphen glyph of each face, shaped once.
    hyphens: Vec<(FaceId, PlacedGlyph)>,
    /// The book's language, and the paragraph being set's when it differs.
    language: String,
    /// Byte ranges of the text being set in another language, with the
    /// [`Role::Span`] node their runs belong to.
    foreign: Vec<(std::ops::Range<u32>, NodeId)>,
}

impl<'s, 'f, 'a> Typesetter<'s, 'f, 'a> {
    pub fn new(shaper: &'s mut Shaper<'f, 'a>, typo: Typography) -> Self {
        let language = shaper.language().to_string();
        Typesetter {
            shaper,
            typo,
            out: Layout::default(),
            glyphs: Vec::new(),
            keep_lines: 0,
            after_heading: true,
            node: None,
            hyphenator: None,
            hyphens: Vec::new(),
            language,
            foreign: Vec::new(),
        }
    }

    /// Set what `f` lays out as a new structure node of `role`, inside the current one.
    pub fn within<R>(&mut self, role: Role, f: impl FnOnce(&mut Self) -> R) -> R {
        let id = self.open(role);
        let r = f(self);
        self.node = self.out.nodes[id].parent;
        r
    }

    /// A new structure node inside the current one, made current; returns its id.
    fn open(&mut self, role: Role) -> NodeId {
        let id = self.out.nodes.len();
        self.out.nodes.push(Node { role, parent: self.node, lang: None });
        self.node = Some(id);
        id
    }

    /// A new structure node inside the current one, not made current.
    fn leaf_node(&mut self, role: Role) -> NodeId {
        let id = self.out.nodes.len();
        self.out.nodes.push(Node { role, parent: self.node, lang: None });
        id
    }

    /// The current structure node.
    pub fn node(&self) -> Option<NodeId> {
        self.node
    }

    /// Lay out the whole body.
    pub fn blocks(&mut self, blocks: &[Block], assets: &BTreeMap<String, Vec<u8>>) {
        let width = self.typo.measure;
        for block in blocks {
            self.block(block, 0.0, width, assets);
        }
    }

    fn block(&mut self, block: &Block, x: f32, width: f32, assets: &BTreeMap<String, Vec<u8>>) {
        let t = self.typo;
        match block {
            Block::Heading { level, text, .. } => self.heading(*level, text),
            Block::Paragraph { .. } => {
                let inlines = block.inlines().unwrap_or_default();
                let (text, spans) = flatten_inlines(&inlines);
                let readings = super::ruby::readings(&inlines);
                let mut style = ParStyle {
                    size: t.size,
                    leading: t.leading,
                    x,
                    width,
                    indent: t.indent(self.after_heading),
                    align: Align::Justify,
                    center: false,
                };
                self.within(Role::Paragraph, |ts| {
                    let foreign = ts.mark_language(&text);
                    if !readings.is_empty() && text.len() <= MAX_PARAGRAPH_PIECE {
                        ts.ruby_paragraph(text, spans, style, &readings);
                    } else if text.len() <= MAX_PARAGRAPH_PIECE {
                        ts.paragraph_with_spans(text, spans, style, foreign);
                    } else {
                        for (text, spans) in split_text(&text, &spans, MAX_PARAGRAPH_PIECE) {
                            ts.paragraph(text, spans, style);
                            style.indent = 0.0;
                        }
                    }
                });
            }
            Block::List { ordered, start, items, .. } => {
                self.space(t.leading * 0.25);
                let indent = 2.0 * t.size;
                self.within(Role::List { ordered: *ordered }, |ts| {
                    for (n, item) in items.iter().enumerate() {
                        let marker =
                            if *ordered { format!("{}.", start.unwrap_or(1) + n as u64) } else { "•".to_string() };
                        ts.within(Role::ListItem, |ts| {
                            let label = ts.leaf_node(Role::Label);
                            let first = ts.out.flow.len();
                            ts.within(Role::ListBody, |ts| {
                                for b in item {
                                    ts.after_heading = true;
                                    ts.block(b, x + indent, width - indent, assets);
                                }
                            });
                            ts.add_marker(first, &marker, x + indent, label);
                        });
                    }
                });
                self.space(t.leading * 0.25);
            }
            Block::BlockQuote { blocks, .. } => {
                self.space(t.leading * QUOTE_SPACE_LINES);
                let indent = 2.0 * t.size;
                self.after_heading = true;
                self.within(Role::BlockQuote, |ts| {
                    for b in blocks {
                        ts.block(b, x + indent, width - 2.0 * indent, assets);
                    }
                });
                self.space(t.leading * QUOTE_SPACE_LINES);
            }
            Block::CodeBlock { text, .. } => self.within(Role::Code, |ts| ts.code_block(text, x, width)),
            Block::Table { header, rows, .. } => self.within(Role::Table, |ts| ts.table(header, rows, x, width)),
            Block::Image { alt, src, .. } => {
                self.space(t.leading * 0.5);
                let image = assets.get(src).and_then(|bytes| raster_image(bytes));
                let label = if alt.is_empty() { src.clone() } else { alt.clone() };
                // A figure holds its image and caption; a missing image's stand-in text is a paragraph.
                let outer = self.node;
                let caption = match image {
                    Some(image) => {
                        self.open(Role::Figure { alt: label.clone() });
                        self.image(image, x, width);
                        self.open(Role::Caption);
                        alt.clone()
                    }
                    // Missing or unreadable: the alt text (or path) stands in, bracketed.
                    None if t.cjk => format!("〔{label}〕"),
                    None => format!("[{label}]"),
                };
                if !caption.trim().is_empty() {
                    let style = ParStyle {
                        size: t.size * 0.9,
                        leading: t.leading,
                        x,
                        width,
                        indent: 0.0,
                        align: Align::Ragged,
                        center: true,
                    };
                    let spans = vec![FaceSpan { range: 0..caption.len(), face: FaceId::Regular }];
                    if self.node == outer {
                        self.open(Role::Paragraph);
                    }
                    self.paragraph(caption, spans, style);
                }
                self.node = outer;
                self.space(t.leading * 0.5);
            }
            Block::ThematicBreak { .. } => {
                // Ornament, not text: set outside any structure node (an artifact).
                let outer = self.node.take();
                self.space(t.leading * 0.5);
                let text = "*　　*　　*".to_string();
                let spans = vec![FaceSpan { range: 0..text.len(), face: FaceId::Regular }];
                let style = ParStyle {
                    size: t.size,
                    leading: t.leading,
                    x,
                    width,
                    indent: 0.0,
                    align: Align::Ragged,
                    center: true,
                };
                self.paragraph(text, spans, style);
                self.node = outer;
                self.space(t.leading * 0.5);
                self.after_heading = true;
            }
        }
        if !matches!(block, Block::Heading { .. } | Block::ThematicBreak { .. }) {
            self.after_heading = false;
        }
    }

    /// An image at the column's width, scaled down to fit a page if tall; kept with its caption.
    fn image(&mut self, image: krilla::image::Image, x: f32, width: f32) {
        let (pw, ph) = image.size();
        let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
        let max_h = self.typo.text_height * IMAGE_MAX_PAGE_SHARE;
        let (mut w, mut h) = (width, width * ph / pw);
        if h > max_h {
            (w, h) = (max_h * pw / ph, max_h);
        }
        let placed = PlacedImage { image, node: self.node, x: x + (width - w) / 2.0, y: 0.0, width: w, height: h };
        self.out.flow.push(Flow::Frame(Frame {
            height: h,
            runs: Vec::new(),
            rules: Vec::new(),
            images: vec![placed],
            break_after: false,
            mark: Mark::None,
        }));
    }

    fn heading(&mut self, level: u8, text: &str) {
        let t = self.typo;
        let n = self.out.headings.len();
        self.out.headings.push(HeadingInfo { level, text: text.to_string() });
        let size = t.heading_size(level);
        if level <= 1 {
            self.out.flow.push(Flow::PageBreak { section: Some(n) });
            // Chapter sink: the title stands a few lines down the opening page,
            // at the same height on every opening (so it never stretches).
            self.out.flow.push(Flow::Space(t.leading * 3.0));
        } else {
            self.space(t.leading * if level == 2 { 1.5 } else { 1.0 });
        }
        let style = ParStyle {
            size,
            leading: size * 1.45,
            x: 0.0,
            width: t.measure,
            indent: 0.0,
            align: Align::Ragged,
            center: level <= 1,
        };
        let spans = vec![FaceSpan { range: 0..text.len(), face: FaceId::Bold }];
        let first = self.out.flow.len();
        let role = Role::Heading { level, title: text.to_string() };
        self.within(role, |ts| {
            ts.mark_language(text);
            let lines = ts.set_display(text.to_string(), &spans, style, true);
            ts.push_lines(lines, style.leading);
        });
        for item in &mut self.out.flow[first..] {
            if let Flow::Frame(f) = item {
                f.break_after = false;
            }
        }
        if let Some(Flow::Frame(f)) = self.out.flow.get_mut(first) {
            f.mark = Mark::Heading(n);
        }
        self.space(t.leading * if level <= 1 { 1.5 } else { 0.5 });
        self.keep_lines = HEADING_KEEP_LINES;
        self.after_heading = true;
    }

    /// A gap between blocks, stretchable and shrinkable ([`Glue::around_blocks`]).
    fn space(&mut self, h: f32) {
        self.out.flow.push(Flow::Glue(Glue::around_blocks(h, self.typo.leading)));
    }

    /// Shape, break and emit one paragraph as line frames.
    pub fn paragraph(&mut self, text: String, spans: Vec<FaceSpan>, style: ParStyle) {
        self.paragraph_with_spans(text, spans, style, None);
    }

    /// [`Typesetter::paragraph`], given the foreign stretches of `text` when
    /// [`Typesetter::mark_language`] found them already.
    fn paragraph_with_spans(
        &mut self,
        text: String,
        spans: Vec<FaceSpan>,
        style: ParStyle,
        known: Option<ForeignSpans>,
    ) {
        self.open_foreign_spans(&text, known);
        let lines = self.set(text, &spans, style);
        self.foreign.clear();
        self.push_lines(lines, style.leading);
    }

    /// A paragraph with ruby: each reading set above its base ([`super::ruby`]).
    fn ruby_paragraph(
        &mut self,
        text: String,
        spans: Vec<FaceSpan>,
        style: ParStyle,
        readings: &[super::ruby::Reading],
    ) {
        let mut lines = self.set(text, &spans, style);
        let text_id = self.out.texts.len() as u32 - 1;
        super::ruby::set_readings(self.shaper, &mut self.out, &mut lines, text_id, readings, style.size);
        self.push_lines(lines, style.leading);
    }

    /// Give the current structure node `text`'s language when it is not the
    /// book's, judged on the text outside its foreign stretches (a Japanese
    /// quotation does not make a Chinese paragraph Japanese), or on all of it
    /// when nothing else is left (an English paragraph in a Chinese book).
    ///
    /// Returns those stretches when the node keeps the book's language: they
    /// are then exactly what [`Typesetter::paragraph_with_spans`] marks inside
    /// `text`, so a paragraph's language is read once, not twice.
    fn mark_language(&mut self, text: &str) -> Option<ForeignSpans> {
        use crate::scan::language::{foreign_language, foreign_spans};
        let n = self.node.filter(|_| !self.language.is_empty())?;
        let spans = foreign_spans(text, &self.language);
        let lang = if spans.is_empty() {
            foreign_language(text, &self.language)
        } else {
            let mut rest = String::with_capacity(text.len());
            let mut at = 0;
            for (range, _) in &spans {
                rest.push_str(&text[at..range.start]);
                at = range.end;
            }
            rest.push_str(&text[at..]);
            let judged = if rest.chars().any(char::is_alphabetic) { rest.as_str() } else { text };
            foreign_language(judged, &self.language)
        };
        let keeps_book_language = lang.is_none();
        self.out.nodes[n].lang = lang;
        keeps_book_language.then_some(spans)
    }

    /// A [`Role::Span`] node, with its language, for each stretch of `text`
    /// in another language than the current node's (an English phrase in a
    /// Chinese paragraph), for [`Typesetter::set`] to put its runs in.
    /// `known` are those stretches when the caller has them already.
    fn open_foreign_spans(&mut self, text: &str, known: Option<ForeignSpans>) {
        let Some(n) = self.node.filter(|_| !self.language.is_empty()) else { return };
        let spans = known.unwrap_or_else(|| {
            let lang = self.out.nodes[n].lang.as_deref().unwrap_or(&self.language);
            crate::scan::language::foreign_spans(text, lang)
        });
        for (range, found) in spans {
            let id = self.leaf_node(Role::Span);
            self.out.nodes[id].lang = Some(found);
            self.foreign.push((range.start as u32..range.end as u32, id));
        }
    }

    /// Emit set lines as frames, keeping widows, orphans and a heading's next lines.
    fn push_lines(&mut self, lines: Vec<SetLine>, leading: f32) {
        let n = lines.len();
        for (k, line) in lines.into_iter().enumerate() {
            let k = k + 1;
            let mut break_after = k == n || (k >= MIN_LINES_AT_BREAK && n - k >= MIN_LINES_AT_BREAK);
            if self.keep_lines > 1 {
                break_after = false;
            }
            self.keep_lines = self.keep_lines.saturating_sub(1);
            self.out.flow.push(Flow::Frame(Frame {
                height: leading,
                runs: line.runs,
                rules: Vec::new(),
                images: Vec::new(),
                break_after,
                mark: Mark::None,
            }));
        }
    }

    /// Set `text` into lines of `style.width`; runs are positioned with `style.x` applied.
    pub fn set(&mut self, text: String, spans: &[FaceSpan], style: ParStyle) -> Vec<SetLine> {
        self.set_as(text, spans, style, Breaking::Running)
    }

    /// Set display text (a heading, a title, a contents entry): lines end only
    /// between words ([`crate::render::display`]), balanced when `balance` is set.
    pub fn set_display(&mut self, text: String, spans: &[FaceSpan], style: ParStyle, balance: bool) -> Vec<SetLine> {
        self.set_as(text, spans, style, Breaking::Display { balance })
    }

    fn set_as(&mut self, mut text: String, spans: &[FaceSpan], style: ParStyle, breaking: Breaking) -> Vec<SetLine> {
        let text_id = self.out.texts.len() as u32;
        self.glyphs.clear();
        self.shaper.shape(&text, spans, &mut self.glyphs);
        self.shaper.compress_punctuation(&text, &mut self.glyphs);
        super::autospace::normalise_spaces(&text, &mut self.glyphs);
        let mut breaks = break_opportunities(&text);
        match breaking {
            Breaking::Display { .. } => {
                let words = DisplayBreaks::new(&text);
                let (kept, given_up): (Vec<_>, Vec<_>) =
                    breaks.into_iter().partition(|b| b.forced || words.allows(b.at));
                let given_up: Vec<usize> = given_up.iter().map(|b| b.at).collect();
                super::autospace::add_gaps_at(&text, &mut self.glyphs, &given_up);
                breaks = kept;
            }
            // Justified text only: captions and table cells never break inside a word.
            Breaking::Running => {
                if let (Some(dict), Align::Justify) = (&self.hyphenator, style.align) {
                    add_hyphenation(&text, &mut breaks, dict);
                }
            }
        }
        let hyphen = self.hyphen_glyph(FaceId::Regular);
        let segs = segments(&text, &self.glyphs, &breaks, style.size, style.width, hyphen.advance * style.size);
        // The drawn hyphens map to one soft hyphen (U+00AD) after the
        // paragraph's text: what tagged PDF asks for, so copying or reading
        // aloud gives `typesetting`, not `type-setting`.
        let hyphen_at = text.len() as u32;
        let mut hyphenated = false;
        let fits = match breaking {
            Breaking::Display { balance: true } => balanced_lines(&segs, style.width),
            _ => fit_lines(&segs, style.width - style.indent, style.width, style.align),
        };
        let baseline = (style.leading - style.size) / 2.0 + EM_BOX_ASCENT * style.size;
        let mut out = Vec::with_capacity(fits.len());
        for (i, fit) in fits.iter().enumerate() {
            let indent = if i == 0 { style.indent } else { 0.0 };
            let mut runs = line_runs(&text, &self.glyphs, &segs, fit, style.size, text_id);
            let last = &segs[fit.segments.end - 1];
            if last.hyphen > 0.0 && i + 1 < fits.len() && !last.forced {
                let face = runs.last().map_or(FaceId::Regular, |r| r.face);
                let h = self.hyphen_glyph(face);
                let glyph = PlacedGlyph { start: hyphen_at, end: hyphen_at + SOFT_HYPHEN.len_utf8() as u32, ..h };
                match runs.last_mut() {
                    Some(r) if r.face == face => r.glyphs.push(glyph),
                    _ => runs.push(Run {
                        face,
                        size: style.size,
                        x: 0.0,
                        baseline: 0.0,
                        text: text_id,
                        glyphs: Glyphs::one(glyph),
                        node: None,
                    }),
                }
                hyphenated = true;
            }
            if self.foreign.is_empty() {
                for run in &mut runs {
                    run.node = self.node;
                }
            } else {
                runs = split_by_node(runs, &self.foreign, self.node);
            }
            let line_width: f32 = runs.iter().map(Run::width).sum();
            let offset = if style.center { ((style.width - line_width) / 2.0).max(0.0) } else { indent };
            let mut x = style.x + offset;
            for run in &mut runs {
                run.x = x;
                run.baseline = baseline;
                x += run.width();
            }
            out.push(SetLine { runs, end_x: x - style.x });
        }
        if hyphenated {
            text.push(SOFT_HYPHEN);
        }
        self.out.texts.push(text);
        out
    }

    /// The hyphen of `face` as a placed glyph (its text range set by the caller).
    fn hyphen_glyph(&mut self, face: FaceId) -> PlacedGlyph {
        if let Some(&(_, g)) = self.hyphens.iter().find(|(f, _)| *f == face) {
            return g;
        }
        let mut tmp = Vec::new();
        self.shaper.shape_plain("-", face, &mut tmp);
        let g = tmp
            .first()
            .map_or(PlacedGlyph { id: 0, start: 0, end: 0, advance: 0.0, x_offset: 0.0, y_offset: 0.0 }, |g| {
                PlacedGlyph { id: g.id, start: 0, end: 1, advance: g.advance, x_offset: 0.0, y_offset: 0.0 }
            });
        self.hyphens.push((face, g));
        g
    }

    /// Put a list marker to the left of the first line frame emitted since `first`.
    fn add_marker(&mut self, first: usize, marker: &str, content_x: f32, label: NodeId) {
        let t = self.typo;
        let Some(frame) = self.out.flow[first..].iter_mut().find_map(|f| match f {
            Flow::Frame(fr) => Some(fr),
            _ => None,
        }) else {
            return;
        };
        let baseline =
            frame.runs.first().map(|r| r.baseline).unwrap_or((t.leading - t.size) / 2.0 + EM_BOX_ASCENT * t.size);
        let text_id = self.out.texts.len() as u32;
        self.glyphs.clear();
        self.shaper.shape_plain(marker, FaceId::Regular, &mut self.glyphs);
        let mut run = plain_run(marker, &self.glyphs, FaceId::Regular, t.size, text_id);
        run.x = content_x - run.width() - 0.5 * t.size;
        run.baseline = baseline;
        run.node = Some(label);
        frame.runs.insert(0, run);
        self.out.texts.push(marker.to_string());
    }

    fn code_block(&mut self, text: &str, x: f32, width: f32) {
        let t = self.typo;
        let size = t.size * 0.85;
        let leading = size * 1.45;
        self.space(t.leading * 0.5);
        let text = text.trim_end_matches('\n').replace('\t', "    ");
        for line in text.split('\n') {
            let line = if line.is_empty() { " " } else { line };
            let spans = vec![FaceSpan { range: 0..line.len(), face: FaceId::Mono }];
            let style = ParStyle {
                size,
                leading,
                x: x + t.size,
                width: width - t.size,
                indent: 0.0,
                align: Align::Ragged,
                center: false,
            };
            let lines = self.set_code_line(line.to_string(), &spans, style);
            for l in lines {
                self.out.flow.push(Flow::Frame(Frame {
                    height: leading,
                    runs: l.runs,
                    rules: Vec::new(),
                    images: Vec::new(),
                    break_after: true,
                    mark: Mark::None,
                }));
            }
        }
        self.space(t.leading * 0.5);
    }

    /// Code wraps at any character, never at a kinsoku rule.
    fn set_code_line(&mut self, text: String, spans: &[FaceSpan], style: ParStyle) -> Vec<SetLine> {
        let text_id = self.out.texts.len() as u32;
        self.glyphs.clear();
        self.shaper.shape(&text, spans, &mut self.glyphs);
        let mut breaks: Vec<_> = text
            .char_indices()
            .skip(1)
            .map(|(i, _)| super::linebreak::Break { at: i, forced: false, hyphen: false })
            .collect();
        breaks.push(super::linebreak::Break { at: text.len(), forced: true, hyphen: false });
        let mut segs = segments(&text, &self.glyphs, &breaks, style.size, style.width, 0.0);
        for s in &mut segs {
            s.glue = Default::default();
        }
        let fits = fit_lines(&segs, style.width, style.width, Align::Ragged);
        let baseline = (style.leading - style.size) / 2.0 + EM_BOX_ASCENT * style.size;
        let out = fits
            .iter()
            .map(|fit| {
                let mut runs = line_runs(&text, &self.glyphs, &segs, fit, style.size, text_id);
                let mut x = style.x;
                for run in &mut runs {
                    run.node = self.node;
                    run.x = x;
                    run.baseline = baseline;
                    x += run.width();
                }
                SetLine { runs, end_x: x - style.x }
            })
            .collect();
        self.out.texts.push(text);
        out
    }

    fn table(&mut self, header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], x: f32, width: f32) {
        let t = self.typo;
        let cols = rows.iter().map(Vec::len).chain([header.len()]).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let gap = t.size;
        let col_w = (width - gap * (cols as f32 - 1.0)) / cols as f32;
        let size = t.size * 0.9;
        let leading = t.leading * 0.9;
        self.space(t.leading * 0.5);
        let all_rows = std::iter::once((header, true)).chain(rows.iter().map(|r| (r.as_slice(), false)));
        for (row, is_header) in all_rows {
            if row.is_empty() {
                continue;
            }
            let mut runs = Vec::new();
            let mut max_lines = 1;
            let row_node = self.open(Role::TableRow);
            for (c, cell) in row.iter().enumerate() {
                self.open(if is_header { Role::HeaderCell } else { Role::Cell });
                let (text, mut spans) = flatten_inlines(cell);
                if is_header {
                    for s in &mut spans {
                        s.face = FaceId::Bold;
                    }
                }
                let cx = x + c as f32 * (col_w + gap);
                let style =
                    ParStyle { size, leading, x: cx, width: col_w, indent: 0.0, align: Align::Ragged, center: false };
                let lines = self.set(text, &spans, style);
                max_lines = max_lines.max(lines.len());
                for (k, l) in lines.into_iter().enumerate() {
                    for mut r in l.runs {
                        r.baseline += k as f32 * leading;
                        runs.push(r);
                    }
                }
                self.node = Some(row_node);
            }
            self.node = self.out.nodes[row_node].parent;
            let height = max_lines as f32 * leading;
            let rules = if is_header { vec![HRule { x0: x, x1: x + width, y: height }] } else { Vec::new() };
            self.out.flow.push(Flow::Frame(Frame {
                height,
                runs,
                rules,
                images: Vec::new(),
                break_after: !is_header,
                mark: Mark::None,
            }));
        }
        self.space(t.leading * 0.5);
    }
}

/// Longest text shaped and broken as one paragraph. Shaping and line
/// breaking hold a few dozen bytes per character at once, so a whole novel
/// on one line (20 MiB) needed over a gigabyte; longer paragraphs are set in
/// pieces cut at sentence ends, each piece after the first without indent.
const MAX_PARAGRAPH_PIECE: usize = 64 * 1024;

/// `text` and its face spans cut into pieces of at most `max` bytes
/// ([`crate::text::cut_point`]), spans clipped to each piece.
fn split_text(text: &str, spans: &[FaceSpan], max: usize) -> Vec<(String, Vec<FaceSpan>)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let cut = crate::text::cut_point(&text[start..], max);
        let end = start + if cut == 0 { text[start..].chars().next().map_or(1, char::len_utf8) } else { cut };
        let clipped = spans
            .iter()
            .filter_map(|s| {
                let (a, b) = (s.range.start.max(start), s.range.end.min(end));
                (a < b).then(|| FaceSpan { range: a - start..b - start, face: s.face })
            })
            .collect();
        pieces.push((text[start..end].to_string(), clipped));
        start = end;
    }
    pieces
}

/// A paragraph's inlines as one text with face spans (strong → bold, Latin emphasis → italic, code → mono).
pub fn flatten_inlines(inlines: &[Inline]) -> (String, Vec<FaceSpan>) {
    fn walk(i: &Inline, face: FaceId, text: &mut String, spans: &mut Vec<FaceSpan>) {
        let mut push = |s: &str, face: FaceId, text: &mut String| {
            let start = text.len();
            text.push_str(s);
            match spans.last_mut() {
                Some(last) if last.face == face && last.range.end == start => last.range.end = text.len(),
                _ => spans.push(FaceSpan { range: start..text.len(), face }),
            }
        };
        match i {
            Inline::Text(t) => push(t, face, text),
            Inline::Code(t) => push(t, FaceId::Mono, text),
            Inline::LineBreak => push("\n", face, text),
            Inline::FootnoteRef(l) => push(&format!("[{l}]"), face, text),
            // The base; its reading is set above it ([`super::ruby`]).
            Inline::Ruby { base, .. } => push(base, face, text),
            // Latin emphasis is italic; CJK emphasis is never slanted (CLREQ), so
            // a span with CJK text in it stays in the face around it.
            Inline::Emphasis(c) => {
                let cjk = Inline::plain(c).chars().any(is_cjk);
                let face = if face == FaceId::Regular && !cjk { FaceId::Italic } else { face };
                for x in c {
                    walk(x, face, text, spans);
                }
            }
            Inline::Link { children: c, .. } => {
                for x in c {
                    walk(x, face, text, spans);
                }
            }
            Inline::Strong(c) => {
                for x in c {
                    walk(x, FaceId::Bold, text, spans);
                }
            }
        }
    }
    let mut text = String::new();
    let mut spans = Vec::new();
    for i in inlines {
        walk(i, FaceId::Regular, &mut text, &mut spans);
    }
    (text, spans)
}

/// A krilla image from PNG, JPEG, GIF or WebP bytes, recognised by their signature.
fn raster_image(bytes: &[u8]) -> Option<krilla::image::Image> {
    let data = krilla::Data::from(bytes.to_vec());
    let image = if bytes.starts_with(b"\x89PNG") {
        krilla::image::Image::from_png(data, true)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        krilla::image::Image::from_jpeg(data, true)
    } else if bytes.starts_with(b"GIF8") {
        krilla::image::Image::from_gif(data, true)
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        krilla::image::Image::from_webp(data, true)
    } else {
        return None;
    };
    image.ok()
}

/// The runs of one fitted line: glyphs split by face, glue stretched by the line's ratio.
pub fn line_runs(
    text: &str,
    glyphs: &[ShapedGlyph],
    segs: &[Segment],
    fit: &LineFit,
    size: f32,
    text_id: u32,
) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let last_seg = fit.segments.end - 1;
    for k in fit.segments.clone() {
        let seg = &segs[k];
        let range = if k == last_seg { seg.content.clone() } else { seg.glyphs.clone() };
        // Glue no space glyph carries (the CJK–Latin gap) is drawn as advance too.
        let unborne = if seg.content.end == seg.glyphs.end { seg.glue.width } else { 0.0 };
        let extra = if k == last_seg {
            0.0
        } else if fit.ratio >= 0.0 {
            unborne + fit.ratio * seg.glue.stretch
        } else {
            unborne + fit.ratio * seg.glue.shrink
        };
        let last_visible = range.clone().rev().find(|&i| glyphs[i].visible);
        for i in range {
            let g = &glyphs[i];
            if !g.visible {
                continue;
            }
            let mut end = text.len() as u32;
            for next in &glyphs[i + 1..] {
                if next.cluster > g.cluster {
                    end = next.cluster;
                    break;
                }
            }
            let mut advance = g.advance;
            if Some(i) == last_visible {
                advance += extra / size;
            }
            let placed =
                PlacedGlyph { id: g.id, start: g.cluster, end, advance, x_offset: g.x_offset, y_offset: g.y_offset };
            match runs.last_mut() {
                Some(r) if r.face == g.face => r.glyphs.push(placed),
                _ => runs.push(Run {
                    face: g.face,
                    size,
                    x: 0.0,
                    baseline: 0.0,
                    text: text_id,
                    glyphs: Glyphs::one(placed),
                    node: None,
                }),
            }
        }
    }
    runs
}

/// `runs` cut where their glyphs pass into or out of a `foreign` text range,
/// each piece in that range's node, the rest in `node`.
fn split_by_node(runs: Vec<Run>, foreign: &[(std::ops::Range<u32>, NodeId)], node: Option<NodeId>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        let mut open = false;
        for g in run.glyphs.iter() {
            let owner = foreign.iter().find(|(r, _)| r.contains(&g.start)).map_or(node, |&(_, n)| Some(n));
            match out.last_mut() {
                Some(last) if open && last.node == owner => last.glyphs.push(g),
                _ => out.push(Run {
                    face: run.face,
                    size: run.size,
                    x: 0.0,
                    baseline: 0.0,
                    text: run.text,
                    glyphs: Glyphs::one(g),
                    node: owner,
                }),
            }
            open = true;
        }
    }
    out
}

/// All of `glyphs` as one unbroken run.
pub fn plain_run(text: &str, glyphs: &[ShapedGlyph], face: FaceId, size: f32, text_id: u32) -> Run {
    let placed = glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| g.visible)
        .map(|(i, g)| {
            let end = glyphs[i + 1..].iter().map(|n| n.cluster).find(|&c| c > g.cluster).unwrap_or(text.len() as u32);
            PlacedGlyph {
                id: g.id,
                start: g.cluster,
                end,
                advance: g.advance,
                x_offset: g.x_offset,
                y_offset: g.y_offset,
            }
        })
        .collect();
    let face = glyphs.first().map(|g| g.face).unwrap_or(face);
    Run { face, size, x: 0.0, baseline: 0.0, text: text_id, glyphs: placed, node: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::{Faces, FontBytes, FontPaths};

    fn typeset(blocks: &[Block], cjk: bool, f: impl FnOnce(&Layout)) {
        let bytes = FontBytes::load(&FontPaths::default()).unwrap();
        let faces = Faces::new(&bytes).unwrap();
        let mut shaper = Shaper::new(&faces, if cjk { "zh-Hans" } else { "en" });
        let typo = Typography { size: 10.0, leading: 17.5, measure: 300.0, text_height: 480.0, cjk };
        let mut ts = Typesetter::new(&mut shaper, typo);
        ts.blocks(blocks, &BTreeMap::new());
        f(&ts.out);
    }

    fn frames(layout: &Layout) -> impl Iterator<Item = &Frame> {
        layout.flow.iter().filter_map(|f| match f {
            Flow::Frame(fr) => Some(fr),
            _ => None,
        })
    }

    #[test]
    fn normal_text_draws_no_notdef_glyph() {
        let blocks = vec![
            Block::Heading { level: 1, id: "h1".into(), text: "第九回　渡江 Chapter 9".into() },
            Block::paragraph("船夫说：“过了晌午再开船。”她点点头……没再问——江风吹得正急。English words, 41 页。"),
            Block::paragraph("かな・カタカナ、日本語の短い例です。"),
        ];
        typeset(&blocks, true, |l| {
            for fr in frames(l) {
                for r in &fr.runs {
                    assert!(r.glyphs.iter().all(|g| g.id != 0), "notdef drawn in {:?}", l.texts[r.text as usize]);
                }
            }
        });
    }

    #[test]
    fn cjk_paragraphs_are_indented_two_ems_and_justified_to_the_measure() {
        let text = "山谷里雾气慢慢散去，溪水旁石头露出青苔，只有远处传来几声鸟叫。".repeat(4);
        typeset(&[Block::paragraph(text)], true, |l| {
            let lines: Vec<&Frame> = frames(l).collect();
            assert!(lines.len() >= 3);
            assert!((lines[0].runs[0].x - 20.0).abs() < 0.01, "2em indent");
            for fr in &lines[..lines.len() - 1] {
                let end = fr.runs.last().map(|r| r.x + r.width()).unwrap();
                assert!((end - 300.0).abs() < 0.05, "justified line ends at {end}");
            }
        });
    }

    /// Where each character of each text starts, from the laid-out runs: (text, byte offset) → x.
    fn starts(l: &Layout) -> std::collections::HashMap<(u32, u32), f32> {
        let mut out = std::collections::HashMap::new();
        for fr in frames(l) {
            for r in &fr.runs {
                let mut x = r.x;
                for g in r.glyphs.iter() {
                    out.insert((r.text, g.start), x);
                    x += g.advance * r.size;
                }
            }
        }
        out
    }

    #[test]
    fn cjk_latin_gaps_are_a_quarter_em_with_or_without_a_source_space() {
        // Short lines, so nothing is stretched: 点6盏 and 点 6 盏 must print alike.
        let blocks = vec![Block::paragraph("点6盏灯"), Block::paragraph("点 6 盏灯"), Block::paragraph("点6 盏灯")];
        typeset(&blocks, true, |l| {
            let at = starts(l);
            let ids: Vec<u32> = (0..l.texts.len() as u32).filter(|&t| l.texts[t as usize].starts_with('点')).collect();
            assert_eq!(ids.len(), 3);
            let span = |t: u32, from: char, to: char| {
                let text = &l.texts[t as usize];
                let (a, b) = (text.find(from).unwrap() as u32, text.find(to).unwrap() as u32);
                at[&(t, b)] - at[&(t, a)]
            };
            for &t in &ids {
                assert!((span(t, '点', '6') - 12.5).abs() < 0.01, "{:?}: 1 em + a quarter", l.texts[t as usize]);
                assert!((span(t, '6', '盏') - span(ids[0], '6', '盏')).abs() < 0.01, "{:?}", l.texts[t as usize]);
            }
        });
    }

    #[test]
    fn glyphs_pack_into_eight_bytes_and_come_back_as_pushed() {
        let plain = PlacedGlyph { id: 7, start: 3, end: 6, advance: 1.0, x_offset: 0.0, y_offset: 0.0 };
        // A combining accent placed by the font, and a cluster too long to pack.
        let accent = PlacedGlyph { id: 9, start: 6, end: 8, advance: 0.0, x_offset: -0.3, y_offset: 0.1 };
        let long = PlacedGlyph { id: 1, start: 8, end: 8 + 70_000, advance: 0.5, ..plain };
        let after_long = PlacedGlyph { start: 70_008, end: 70_011, ..plain };
        // A second glyph of the same cluster, then text that goes back (right to left).
        let same_cluster = PlacedGlyph { id: 2, advance: 0.0, ..after_long };
        let back = PlacedGlyph { start: 0, end: 3, ..plain };
        let pushed = [plain, accent, long, after_long, same_cluster, back, plain];
        let glyphs: Glyphs = pushed.iter().copied().collect();
        let again: Vec<String> = glyphs.iter().map(|g| format!("{g:?}")).collect();
        assert_eq!(again, pushed.map(|g| format!("{g:?}")));
        assert_eq!(glyphs.advances().sum::<f32>(), 4.5);
        // Kept whole: the accent, the long cluster, the second glyph of a cluster, the step back.
        assert_eq!(glyphs.whole.len(), 4);
        assert_eq!(std::mem::size_of::<PackedGlyph>(), 8);
    }

    #[test]
    fn headings_keep_with_the_next_two_lines() {
        let blocks = vec![
            Block::Heading { level: 2, id: "h1".into(), text: "Heading".into() },
            Block::paragraph("word ".repeat(200)),
        ];
        typeset(&blocks, false, |l| {
            let f: Vec<&Frame> = frames(l).collect();
            assert_eq!(f[0].mark, Mark::Heading(0));
            assert!(!f[0].break_after && !f[1].break_after, "heading + first line stay together");
        });
    }
}
