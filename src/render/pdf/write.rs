//! Writing: laid-out pages to PDF bytes with krilla.
//!
//! Takes the document and options; runs layout, front matter and pagination,
//! then draws every page, the TOC's numbers, leaders and links, running heads,
//! folios, the outline (bookmarks) and the metadata. The only stage that knows
//! krilla's page and annotation types.

use super::chapters;
use super::fonts::{render_error, FaceId, Faces, FontBytes};
use super::frontmatter::{self, Toc};
use super::layout::{Flow, Frame, Glyphs, Layout, Mark, NodeId, PlacedGlyph, Run, Typesetter, Typography};
use super::paginate::{anchors, paginate, Anchor, Column, PageContent};
use super::shape::{ShapedGlyph, Shaper};
use super::tags::{Furniture, Tagger};
use super::vertical::{self, Turn};
use super::{Geometry, PdfA, PdfOptions, PdfStandard, Typeset};
use crate::error::Result;
use crate::model::Document;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata as PdfMetadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag};
use krilla::SerializeSettings;
use std::num::NonZeroU32;

/// Leading of body text in ems: CJK text is set more openly than Latin.
const CJK_LEADING: f32 = 1.75;
const LATIN_LEADING: f32 = 1.4;
/// Running heads and folios are set smaller than the body.
const FURNITURE_SCALE: f32 = 0.8;
/// Distance between leader dots in ems; dots sit on a grid of this pitch so columns align.
const LEADER_PITCH_EMS: f32 = 0.6;

/// What a physical page shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PageKind {
    Title,
    Blank,
    Toc(usize),
    Body(usize),
}

pub fn typeset(doc: &Document, o: &PdfOptions) -> Result<Typeset> {
    if !(o.font_size.is_finite() && (4.0..=72.0).contains(&o.font_size)) {
        return Err(render_error(format!("font size {} pt is out of range (4–72)", o.font_size)));
    }
    let cjk = doc.is_cjk();
    let geo = Geometry::new(&vertical::turned(o), cjk);
    if geo.measure() < o.font_size * 8.0 || geo.text_height() < o.font_size * 8.0 {
        return Err(render_error("the margins leave no room for text on this page size"));
    }
    let language = if doc.metadata.language.trim().is_empty() { "en" } else { doc.metadata.language.trim() };
    let bytes = FontBytes::load_for(&o.fonts, &crate::fonts::Needs::of_document(doc))?;
    let faces = Faces::new(&bytes)?;
    let mut shaper = Shaper::new(&faces, language);
    shaper.vertical = o.vertical;
    let leading = o.font_size * if cjk { CJK_LEADING } else { LATIN_LEADING };
    let typo = Typography { size: o.font_size, leading, measure: geo.measure(), text_height: geo.text_height(), cjk };

    // Body, title page and TOC are laid out before any page number is known:
    // the body's chapters on every core, then the front matter after them.
    let hyphenator = hyphenator(language).map(std::sync::Arc::new);
    let setting = chapters::Setting { faces: &faces, language, vertical: o.vertical, typo, hyphenator };
    let (body, pieces, missing) = chapters::lay_out(&setting, &doc.blocks, &doc.assets);
    shaper.missing.extend(missing);
    let mut ts = Typesetter::new(&mut shaper, typo);
    ts.hyphenator = setting.hyphenator.clone();
    ts.out = body;
    let title = frontmatter::title_page(&mut ts, &doc.metadata, geo.text_height());
    let headings = ts.out.headings.clone();
    let toc = if o.toc && !headings.is_empty() { Some(frontmatter::toc(&mut ts, &headings, language)) } else { None };
    let mut layout = std::mem::take(&mut ts.out);
    drop(ts);

    // Count the front matter's pages, then paginate the body after them.
    let column = Column { height: geo.text_height(), line: typo.leading };
    let mut plan = vec![PageKind::Title];
    let toc_pages = toc.as_ref().map(|t| paginate(&t.flow, column, false, 1)).unwrap_or_default();
    if o.recto_sections && !toc_pages.is_empty() {
        plan.push(PageKind::Blank);
    }
    plan.extend((0..toc_pages.len()).map(PageKind::Toc));
    let body_offset = plan.len();
    let body_pages = paginate(&layout.flow, column, o.recto_sections, body_offset + 1);
    plan.extend((0..body_pages.len()).map(PageKind::Body));
    let heading_at: Vec<Option<Anchor>> = anchors(&layout.flow, &body_pages, headings.len(), |m| match m {
        Mark::Heading(n) => Some(n),
        _ => None,
    });

    let mut w = Writer {
        geo: &geo,
        faces: &faces,
        shaper: &mut shaper,
        typo,
        scratch: Vec::new(),
        tags: Tagger::new(layout.nodes.len()),
        turn: Turn::new(o, &geo),
    };
    let turn = w.turn;
    let settings = serialize_settings(o.standard)?;
    let mut pdf = krilla::Document::new_with(settings);
    // The body is set a second time piece by piece as its pages are drawn,
    // a piece ahead on another thread when the pool has more than one, so
    // only a few chapters' glyphs are held at once.
    let (send_piece, pieces_ahead) = std::sync::mpsc::sync_channel(1);
    std::thread::scope(|scope| -> Result<()> {
        let mut body_source = BodySource {
            setting: &setting,
            pieces: &pieces,
            assets: &doc.assets,
            ahead: None,
            current: None,
            shaper: None,
        };
        if rayon::current_num_threads() > 1 && pieces.count() > pieces.first_set_again() + 1 {
            let (setting, pieces, assets) = (&setting, &pieces, &doc.assets);
            scope.spawn(move || {
                let mut shaper = Shaper::new(setting.faces, setting.language);
                shaper.vertical = setting.vertical;
                for k in pieces.first_set_again()..pieces.count() {
                    if send_piece.send((k, chapters::set_piece(setting, &mut shaper, pieces, k, assets))).is_err() {
                        break;
                    }
                }
            });
            body_source.ahead = Some(pieces_ahead);
        }
        for (i, kind) in plan.iter().enumerate() {
            let n = i + 1;
            let (style, number) = match kind {
                PageKind::Body(_) => (NumberingStyle::Arabic, n - body_offset),
                _ => (NumberingStyle::LowerRoman, n),
            };
            let label = PageLabel::new(Some(style), None, NonZeroU32::new(number as u32));
            let (paper_width, paper_height) = turn.paper(&geo);
            let settings = PageSettings::from_wh(paper_width, paper_height)
                .ok_or_else(|| render_error("page size must be positive"))?
                .with_page_label(label);
            let mut page = pdf.start_page_with(settings);
            let left = geo.left(n);
            let mut links = Vec::new();
            {
                let mut surface = page.surface();
                turn.begin(&mut surface, n);
                match *kind {
                    PageKind::Title => {
                        for (y, frame) in &title {
                            w.frame(&mut surface, frame, &layout.texts, left, geo.top + y);
                        }
                    }
                    PageKind::Blank => {}
                    PageKind::Toc(p) => {
                        if let Some(toc) = &toc {
                            let targets = TocTargets { anchors: &heading_at, body_offset, geo: &geo, page: n };
                            links = w.toc_page(&mut surface, toc, &layout.texts, &toc_pages[p], left, &targets);
                        }
                    }
                    PageKind::Body(p) => {
                        let content = &body_pages[p];
                        let furnished = !content.opening && !content.blank;
                        // Drawn in reading order: running head, text, folio.
                        if furnished {
                            let head = match (n % 2 == 0, content.section) {
                                (false, Some(s)) => headings[s].text.as_str(),
                                _ => doc.metadata.title.as_str(),
                            };
                            w.furniture(&mut surface, Furniture::Header, head, left, geo.top * 0.55);
                        }
                        for &(i, y) in &content.frames {
                            // Drawn once: its glyphs are freed as the page's
                            // content goes into the PDF.
                            let (piece, at) = body_source.frame(i);
                            if let Flow::Frame(f) = std::mem::replace(&mut piece.flow[at], Flow::Space(0.0)) {
                                w.frame(&mut surface, &f, &piece.texts, left, geo.top + y);
                            }
                        }
                        if furnished {
                            let folio = (n - body_offset).to_string();
                            w.furniture(&mut surface, Furniture::Footer, &folio, left, geo.height - geo.bottom * 0.4);
                        }
                    }
                }
                turn.end(&mut surface);
                surface.finish();
            }
            for (link, node) in links {
                match node {
                    Some(node) => {
                        let id = page.add_tagged_annotation(link);
                        w.tags.record(node, id);
                    }
                    None => page.add_annotation(link),
                }
            }
            page.finish();
        }
        Ok(())
    })?;
    // Every page is drawn: what drawing needed (the texts the glyphs point
    // into, the flow, the page plans) goes before krilla assembles the file,
    // which is the run's peak of memory.
    let tags = w.tags;
    drop((body_pages, toc_pages, toc, title, pieces));
    let nodes = std::mem::take(&mut layout.nodes);
    drop(layout);

    let destination = |n: usize| -> Option<XyzDestination> {
        let a = heading_at.get(n).copied().flatten()?;
        let physical = body_offset + a.page;
        Some(XyzDestination::new(
            physical,
            turn.view(physical + 1, Point::from_xy(geo.left(physical + 1), geo.top + a.y)),
        ))
    };
    pdf.set_outline(outline(&headings, destination));
    pdf.set_tag_tree(tags.tree(&nodes, language));
    drop(nodes);
    pdf.set_metadata(metadata(doc, o, language));

    let missing = std::mem::take(&mut shaper.missing);
    let mut bytes = pdf.finish().map_err(|e| render_error(format!("krilla could not write the PDF: {e:?}")))?;
    if o.vertical {
        bytes = vertical::right_to_left(bytes).ok_or_else(|| render_error("no catalog to mark right to left"))?;
    }
    let mut warnings = Vec::new();
    if !missing.is_empty() {
        let list: String = missing.iter().take(20).collect();
        warnings.push(format!(
            "{} character(s) have no glyph in the font and are printed as {}: {list}",
            missing.len(),
            super::shape::REPLACEMENT
        ));
    }
    Ok(Typeset {
        bytes,
        warnings,
        pages: plan.len(),
        heading_pages: heading_at.iter().map(|a| a.map(|a| body_offset + a.page).unwrap_or(0)).collect(),
    })
}

/// Hyphenation patterns (embedded in the binary) for `language`: English
/// only for now, the US patterns for every variety (the British set would add
/// another dictionary to the binary for a minority of books).
fn hyphenator(language: &str) -> Option<hyphenation::Standard> {
    use hyphenation::Load;
    let primary = language.split(['-', '_']).next()?.to_ascii_lowercase();
    (primary == "en").then(|| hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS).ok()).flatten()
}

fn serialize_settings(standard: PdfStandard) -> Result<SerializeSettings> {
    let mut builder = ConfigurationBuilder::new();
    if let Some(level) = standard.archival {
        builder = builder.with_archival_validator(match level {
            PdfA::A2b => Archival::A2_B,
            PdfA::A2u => Archival::A2_U,
            PdfA::A2a => Archival::A2_A,
        });
    }
    if standard.ua1 {
        builder = builder.with_accessibility_validator(Accessibility::UA1);
    }
    let configuration = builder.finish().map_err(|e| render_error(format!("PDF standard configuration: {e:?}")))?;
    Ok(SerializeSettings { configuration, ..Default::default() })
}

/// The body's pieces set again for drawing, in order: from the thread
/// setting them ahead, else here.
struct BodySource<'s, 'f, 'a, 'b> {
    setting: &'s chapters::Setting<'f, 'a>,
    pieces: &'s chapters::Pieces<'b>,
    assets: &'s std::collections::BTreeMap<String, Vec<u8>>,
    ahead: Option<std::sync::mpsc::Receiver<(usize, Layout)>>,
    /// The piece being drawn.
    current: Option<(usize, Layout)>,
    /// For setting pieces here, made on first use.
    shaper: Option<Shaper<'f, 'a>>,
}

impl BodySource<'_, '_, '_, '_> {
    /// The piece that holds the joined flow's item `i`, and the item's index in it.
    fn frame(&mut self, i: usize) -> (&mut Layout, usize) {
        let (k, at) = self.pieces.locate(i);
        if self.current.as_ref().is_none_or(|(c, _)| *c != k) {
            self.current = None;
            let mut got = None;
            // Kept pieces are taken as they are; the others arrive in order
            // from ahead, and one asked for out of order is set here.
            if let Some(ahead) = self.ahead.as_ref().filter(|_| k >= self.pieces.first_set_again()) {
                while let Ok((j, laid)) = ahead.recv() {
                    if j >= k {
                        got = (j == k).then_some(laid);
                        break;
                    }
                }
            }
            let laid = got.unwrap_or_else(|| {
                let setting = self.setting;
                let shaper = self.shaper.get_or_insert_with(|| {
                    let mut shaper = Shaper::new(setting.faces, setting.language);
                    shaper.vertical = setting.vertical;
                    shaper
                });
                chapters::set_piece(setting, shaper, self.pieces, k, self.assets)
            });
            self.current = Some((k, laid));
        }
        let (_, laid) = self.current.as_mut().expect("set just above");
        (laid, at)
    }
}

struct TocTargets<'a> {
    anchors: &'a [Option<Anchor>],
    body_offset: usize,
    geo: &'a Geometry,
    /// The physical page (1 = first) the links are on.
    page: usize,
}

/// Draws frames and page furniture onto krilla surfaces.
struct Writer<'w, 'f, 'a> {
    geo: &'w Geometry,
    faces: &'w Faces<'a>,
    shaper: &'w mut Shaper<'f, 'a>,
    typo: Typography,
    scratch: Vec<ShapedGlyph>,
    tags: Tagger,
    turn: Turn,
}

impl Writer<'_, '_, '_> {
    /// Draw `frame`, whose runs point into `texts`.
    fn frame(&mut self, surface: &mut Surface, frame: &Frame, texts: &[String], left: f32, top: f32) {
        for run in &frame.runs {
            let text = &texts[run.text as usize];
            let (faces, turn) = (self.faces, self.turn);
            self.tags
                .draw(surface, run.node, true, Furniture::Layout, |s| draw_run(faces, turn, s, run, text, left, top));
        }
        for img in &frame.images {
            if let Some(size) = krilla::geom::Size::from_wh(img.width, img.height) {
                self.tags.draw(surface, img.node, false, Furniture::Layout, |surface| {
                    surface.push_transform(&krilla::geom::Transform::from_translate(left + img.x, top + img.y));
                    surface.draw_image(img.image.clone(), size);
                    surface.pop();
                });
            }
        }
        if !frame.rules.is_empty() {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)));
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke { width: 0.5, ..Default::default() }));
            for r in &frame.rules {
                let mut pb = PathBuilder::new();
                pb.move_to(left + r.x0, top + r.y);
                pb.line_to(left + r.x1, top + r.y);
                if let Some(path) = pb.finish() {
                    surface.draw_path(&path);
                }
            }
            surface.set_stroke(None);
            surface.set_fill(Some(Default::default()));
            surface.end_tagged();
        }
    }

    /// Shape a short one-line text (running head, folio) into runs starting at x = 0.
    fn shape_line(&mut self, text: &str, face: FaceId, size: f32) -> Vec<Run> {
        self.scratch.clear();
        self.shaper.shape_plain(text, face, &mut self.scratch);
        self.shaper.compress_punctuation(text, &mut self.scratch);
        super::autospace::add_gaps_unbroken(text, &mut self.scratch);
        let mut runs: Vec<Run> = Vec::new();
        let mut x = 0.0;
        for (i, g) in self.scratch.iter().enumerate() {
            if !g.visible {
                continue;
            }
            let end =
                self.scratch[i + 1..].iter().map(|n| n.cluster).find(|&c| c > g.cluster).unwrap_or(text.len() as u32);
            let placed = PlacedGlyph {
                id: g.id,
                start: g.cluster,
                end,
                advance: g.advance,
                x_offset: g.x_offset,
                y_offset: g.y_offset,
            };
            match runs.last_mut() {
                Some(r) if r.face == g.face => r.glyphs.push(placed),
                _ => {
                    if let Some(r) = runs.last() {
                        x = r.x + r.width();
                    }
                    runs.push(Run {
                        face: g.face,
                        size,
                        x,
                        baseline: 0.0,
                        text: 0,
                        glyphs: Glyphs::one(placed),
                        node: None,
                    })
                }
            }
        }
        runs
    }

    /// A running head or folio, centred over the text block with its baseline at `baseline`.
    fn furniture(&mut self, surface: &mut Surface, kind: Furniture, text: &str, left: f32, baseline: f32) {
        let size = self.typo.size * FURNITURE_SCALE;
        let mut text = text.to_string();
        let mut runs = self.shape_line(&text, FaceId::Regular, size);
        // A long section title is cut to fit the measure.
        while runs.iter().map(Run::width).sum::<f32>() > self.geo.measure() && text.chars().count() > 2 {
            let keep = text.chars().count() * 4 / 5;
            text = text.chars().take(keep).collect::<String>() + "…";
            runs = self.shape_line(&text, FaceId::Regular, size);
        }
        let width: f32 = runs.iter().map(Run::width).sum();
        let x0 = (self.geo.measure() - width) / 2.0;
        let (faces, turn) = (self.faces, self.turn);
        self.tags.draw(surface, None, true, kind, |s| {
            for r in &runs {
                draw_run(faces, turn, s, r, &text, left + x0 + r.x, baseline);
            }
        });
    }

    /// A TOC page: entries, then each entry's leader dots, folio and link.
    fn toc_page(
        &mut self,
        surface: &mut Surface,
        toc: &Toc,
        texts: &[String],
        content: &PageContent,
        left: f32,
        targets: &TocTargets,
    ) -> Vec<(Annotation, Option<NodeId>)> {
        let geo = self.geo;
        let size = self.typo.size;
        let mut links = Vec::new();
        for &(i, y) in &content.frames {
            let Flow::Frame(f) = &toc.flow[i] else { continue };
            self.frame(surface, f, texts, left, geo.top + y);
            let Mark::TocEntry(n) = f.mark else { continue };
            let Some(anchor) = targets.anchors.get(n).copied().flatten() else { continue };
            let physical = targets.body_offset + anchor.page;
            let folio = (anchor.page + 1).to_string();
            let tail = toc.tails[n];
            let baseline = geo.top + y + tail.baseline;

            let runs = self.shape_line(&folio, FaceId::Regular, size);
            let num_width: f32 = runs.iter().map(Run::width).sum();
            let num_x = geo.measure() - num_width;
            let (faces, turn) = (self.faces, self.turn);
            self.leader(surface, left, tail.end_x + 0.5 * size, num_x - 0.5 * size, baseline);
            self.tags.draw(surface, tail.link, true, Furniture::Layout, |s| {
                for r in &runs {
                    draw_run(faces, turn, s, r, &folio, left + num_x + r.x, baseline);
                }
            });

            let at = Point::from_xy(targets.geo.left(physical + 1), geo.top + anchor.y);
            let dest = XyzDestination::new(physical, self.turn.view(physical + 1, at));
            let area = Rect::from_xywh(left, geo.top + y, geo.measure(), f.height);
            if let Some(rect) = area.and_then(|r| self.turn.rect(targets.page, r)) {
                let link = LinkAnnotation::new(rect, Target::Destination(Destination::Xyz(dest)));
                links.push((Annotation::new_link(link, Some(format!("page {folio}"))), tail.link));
            }
        }
        links
    }

    /// Leader dots between `from` and `to` (relative to the text block), on a fixed grid.
    fn leader(&mut self, surface: &mut Surface, left: f32, from: f32, to: f32, baseline: f32) {
        let size = self.typo.size;
        let pitch = LEADER_PITCH_EMS * size;
        let first = (from / pitch).ceil() * pitch;
        if to - first < pitch {
            return;
        }
        let count = ((to - first) / pitch).floor() as usize;
        let dots = ".".repeat(count);
        let runs = self.shape_line(".", FaceId::Regular, size);
        let Some(dot) = runs.first().and_then(|r| r.glyphs.iter().next()) else { return };
        let glyphs: Glyphs = (0..count)
            .map(|k| PlacedGlyph { start: k as u32, end: k as u32 + 1, advance: LEADER_PITCH_EMS, ..dot })
            .collect();
        let run = Run { face: FaceId::Regular, size, x: first, baseline: 0.0, text: 0, glyphs, node: None };
        let (faces, turn) = (self.faces, self.turn);
        self.tags
            .draw(surface, None, true, Furniture::Layout, |s| draw_run(faces, turn, s, &run, &dots, left, baseline));
    }
}

/// Draw one run of glyphs with its baseline start at (`left` + run.x, `top` + run.baseline).
fn draw_run(faces: &Faces, turn: Turn, surface: &mut Surface, run: &Run, text: &str, left: f32, top: f32) {
    if run.glyphs.is_empty() {
        return;
    }
    if turn.vertical {
        return vertical::draw_run(faces, surface, run, text, Point::from_xy(left + run.x, top + run.baseline));
    }
    let font = faces.get(run.face).pdf.clone();
    let glyphs: Vec<PlacedGlyph> = run.glyphs.iter().collect();
    surface.draw_glyphs(Point::from_xy(left + run.x, top + run.baseline), &glyphs, font, text, run.size, false);
}

/// Bookmarks for every heading, nested by level.
fn outline(headings: &[super::layout::HeadingInfo], dest: impl Fn(usize) -> Option<XyzDestination>) -> Outline {
    let mut root = Outline::new();
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    fn attach(root: &mut Outline, stack: &mut Vec<(u8, OutlineNode)>) {
        if let Some((_, node)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => root.push_child(node),
            }
        }
    }
    for (n, h) in headings.iter().enumerate() {
        let Some(d) = dest(n) else { continue };
        while stack.last().is_some_and(|(l, _)| *l >= h.level) {
            attach(&mut root, &mut stack);
        }
        stack.push((h.level, OutlineNode::new(h.text.clone(), d)));
    }
    while !stack.is_empty() {
        attach(&mut root, &mut stack);
    }
    root
}

fn metadata(doc: &Document, o: &PdfOptions, language: &str) -> PdfMetadata {
    let m = &doc.metadata;
    let mut meta = PdfMetadata::new()
        .title(m.title.clone())
        .authors(m.authors.iter().map(|a| a.name.clone()).collect())
        .keywords(m.subjects.clone())
        .language(language.to_string())
        .creator(format!("bindery {}", env!("CARGO_PKG_VERSION")));
    if let Some(d) = m.description.as_ref().or(m.subtitle.as_ref()) {
        meta = meta.description(d.clone());
    }
    if let Some(id) = &m.identifier {
        meta = meta.document_id(id.clone());
    }
    meta.creation_date(date_time(crate::render::stamp(o.source_date_epoch, m)))
}

/// A UTC calendar date and time for krilla.
fn date_time(t: crate::render::Timestamp) -> DateTime {
    DateTime::new(t.year.clamp(0, 9999) as u16)
        .month(t.month)
        .day(t.day)
        .hour(t.hour)
        .minute(t.minute)
        .second(t.second)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_calendar_date() {
        use crate::render::{Timestamp, FALLBACK_EPOCH};
        let date_time = |epoch| date_time(Timestamp::from_unix(epoch));
        let d = format!("{:?}", date_time(FALLBACK_EPOCH));
        assert!(d.contains("1980") && d.contains("month: Some(1)") && d.contains("day: Some(1)"), "{d}");
        // 2023-03-31T12:34:56Z
        let d = format!("{:?}", date_time(1_680_266_096));
        assert!(d.contains("2023") && d.contains("month: Some(3)") && d.contains("day: Some(31)"), "{d}");
        let d = format!("{:?}", date_time(0));
        assert!(d.contains("1970") && d.contains("month: Some(1)") && d.contains("day: Some(1)"), "{d}");
    }
}
