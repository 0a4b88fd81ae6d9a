//! Glyphs off the page: hayro interprets each page's content stream and calls
//! this device once per run of glyphs; we keep, per glyph, its character, its
//! origin and advance in page space (y growing downwards), its size and its
//! font's style, and the images that may be figures (see `figures`). Paths
//! are ignored.

use super::figures::{self, Drawn};
use super::tags::HeadingTag;
use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::hayro_syntax::content::ops::TypedInstruction;
use hayro_interpret::hayro_syntax::object::{Dict, Name};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::kurbo::{Affine, BezPath, Point};
use hayro_interpret::{BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask};
use std::collections::HashMap;

/// The style of a glyph's font, as far as the PDF tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub mono: bool,
}

/// One glyph, positioned on its page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Byte range of its text in [`PageGlyphs::text`] (a ligature is several characters).
    pub start: u32,
    pub end: u32,
    /// Origin on the baseline, in points from the page's top left.
    pub x: f32,
    pub y: f32,
    /// Where the pen stands after it (for vertical text, below it).
    pub x_end: f32,
    pub y_end: f32,
    /// The middle of its em box: where it stands in a column, whichever way it is turned.
    pub cx: f32,
    pub cy: f32,
    /// Em size in points.
    pub size: f32,
    pub style: Style,
    pub vertical: bool,
    /// The heading level the structure tree gives its marked content (tagged PDFs).
    pub heading_tag: Option<HeadingTag>,
}

/// The glyphs of one page in content-stream order.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    /// The page's width (vertical text's columns are counted from its right edge).
    pub width: f32,
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// Glyphs the font could not map to Unicode (written as U+FFFD).
    pub unmapped: usize,
    /// Images drawn on the page that may be figures, in drawing order.
    pub images: Vec<Drawn>,
}

impl PageGlyphs {
    pub fn text_of(&self, g: &Glyph) -> &str {
        &self.text[g.start as usize..g.end as usize]
    }
}

/// Font weights at or above this are bold (OpenType: 600 is semibold).
const MIN_BOLD_WEIGHT: u32 = 600;
/// The middle of the em box above the baseline, in glyph units (1000 to the
/// em): a CJK font's em box runs from -120 to 880, and Latin fonts' ascent
/// and descent put the middle of their letters near it too.
const EM_BOX_MIDDLE: f64 = 380.0;

/// The `Device` that collects glyphs and images; everything else it is shown is dropped.
pub struct Collector {
    pub page: PageGlyphs,
    styles: HashMap<u128, Style>,
    /// The origins of the last filled run: a stroke over the same glyphs is
    /// the same text drawn again, as synthetic bold (LibreOffice does this for
    /// CJK fonts without a bold face).
    last_fill: Vec<(f32, f32)>,
    last_fill_from: usize,
    /// Heading levels of this page's marked-content ids, from the structure tree.
    heading_marks: HashMap<i32, HeadingTag>,
    /// The open marked-content sequences' ids, innermost last.
    marked: Vec<Option<i32>>,
    /// Whether each Type 3 text-showing operator's font is bold, in content
    /// order (see [`type3_weights`]), and the glyphs each Type 3 run gave.
    type3_bold: Vec<bool>,
    type3_runs: Vec<std::ops::Range<usize>>,
}

impl Collector {
    pub fn new(width: f32, heading_marks: HashMap<i32, HeadingTag>, type3_bold: Vec<bool>) -> Self {
        Collector {
            page: PageGlyphs { width, ..Default::default() },
            styles: HashMap::new(),
            last_fill: Vec::new(),
            last_fill_from: 0,
            heading_marks,
            marked: Vec::new(),
            type3_bold,
            type3_runs: Vec::new(),
        }
    }

    /// The page's glyphs, Type 3 ones in a bold face marked bold when the
    /// runs line up one to one with the content stream's Type 3 operators.
    pub fn finish(mut self) -> PageGlyphs {
        if self.type3_runs.len() == self.type3_bold.len() {
            for (run, bold) in self.type3_runs.iter().zip(&self.type3_bold) {
                for g in &mut self.page.glyphs[run.clone()] {
                    g.style.bold |= *bold;
                }
            }
        }
        self.page
    }

    /// The heading level of the innermost open marked content that has an id.
    fn heading_tag(&self) -> Option<HeadingTag> {
        let mcid = self.marked.iter().rev().find_map(|m| *m)?;
        self.heading_marks.get(&mcid).copied()
    }

    fn style_of(&mut self, glyph: &HayroGlyph<'_>) -> Style {
        let HayroGlyph::Outline(outline) = glyph else { return Style::default() };
        let key = outline.identifier().cache_key();
        *self.styles.entry(key).or_insert_with(|| {
            let Some(data) = outline.font_data() else { return Style::default() };
            let name = data.postscript_name.unwrap_or_default().to_ascii_lowercase();
            let named = |words: &[&str]| words.iter().any(|w| name.contains(w));
            Style {
                bold: data.weight.is_some_and(|w| w >= MIN_BOLD_WEIGHT)
                    || named(&["bold", "black", "heavy", "semibold", "demi", "-w6", "-w7", "-w8", "-w9"]),
                italic: data.is_italic || named(&["italic", "oblique"]),
                mono: data.is_monospace || named(&["mono", "courier", "code"]),
            }
        })
    }
}

fn point(p: Point) -> (f32, f32) {
    (p.x as f32, p.y as f32)
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        if let Some(drawn) = figures::take_image(&image, &props) {
            self.page.images.push(drawn);
        }
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn begin_marked_content(&mut self, _tag: &[u8], properties: Option<&Dict<'_>>) {
        self.marked.push(properties.and_then(|p| p.get::<i32>(b"MCID")));
    }

    fn end_marked_content(&mut self) {
        self.marked.pop();
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let vertical = matches!(run.writing_mode(), WritingMode::Vertical);
        let origins: Vec<(f32, f32)> =
            run.glyphs().iter().map(|g| point((props.transform * g.transform()) * Point::ZERO)).collect();
        if matches!(mode, DrawMode::Stroke(_)) && origins == self.last_fill && !origins.is_empty() {
            for g in &mut self.page.glyphs[self.last_fill_from..] {
                g.style.bold = true;
            }
            return;
        }
        self.last_fill_from = self.page.glyphs.len();
        let type3 = run.glyphs().first().is_some_and(|g| matches!(&**g, HayroGlyph::Type3(_)));
        let heading_tag = self.heading_tag();
        for (g, &(x, y)) in run.glyphs().iter().zip(&origins) {
            let t: Affine = props.transform * g.transform();
            let [_, _, c, d, _, _] = t.as_coeffs();
            // Glyph space is 1000 units to the em.
            let size = (c.hypot(d) * 1000.0) as f32;
            if !size.is_finite() || size <= 0.0 {
                continue;
            }
            let advance = match &**g {
                HayroGlyph::Outline(o) => o.advance_width(),
                HayroGlyph::Type3(t3) => t3.advance_width(),
            }
            .filter(|a| a.is_finite() && *a > 0.0)
            .unwrap_or(500.0) as f64;
            let (x_end, y_end) = if vertical { (x, y + size) } else { point(t * Point::new(advance, 0.0)) };
            let (cx, cy) = point(t * Point::new(advance / 2.0, EM_BOX_MIDDLE));
            let start = self.page.text.len() as u32;
            match g.as_unicode() {
                Some(BfString::Char(c)) => self.page.text.push(c),
                Some(BfString::String(s)) => self.page.text.push_str(&s),
                None => {
                    self.page.text.push('\u{FFFD}');
                    self.page.unmapped += 1;
                }
            }
            let end = self.page.text.len() as u32;
            let style = self.style_of(g);
            if [x, y, x_end, y_end, cx, cy].iter().all(|v| v.is_finite()) {
                let glyph = Glyph { start, end, x, y, x_end, y_end, cx, cy, size, style, vertical, heading_tag };
                self.page.glyphs.push(glyph);
            }
        }
        if type3 {
            self.type3_runs.push(self.last_fill_from..self.page.glyphs.len());
        }
        self.last_fill = origins;
    }
}

/// Font weights of Type 3 text: Chromium sets its text in Type 3 fonts, whose
/// glyphs hayro gives without a name or weight, while their font descriptor
/// has both (`/FontWeight 700`, `/FontName /AAAAAA+NotoSansCJKsc-Bold`).
/// Returns, for each text-showing operator of the page's content stream that
/// uses a Type 3 font, in order, whether that font is bold.
pub fn type3_weights(page: &Page<'_>) -> Vec<bool> {
    let mut cache: HashMap<Vec<u8>, Option<bool>> = HashMap::new();
    let (mut font, mut saved, mut out) = (None, Vec::new(), Vec::new());
    // (A lending iterator: each operator borrows from it.)
    let mut ops = page.typed_operations();
    while let Some(op) = ops.next() {
        match op {
            TypedInstruction::SaveState(_) => saved.push(font),
            TypedInstruction::RestoreState(_) => font = saved.pop().unwrap_or(font),
            TypedInstruction::TextFont(t) => {
                let name = t.0;
                font = *cache
                    .entry(name.to_vec())
                    .or_insert_with(|| page.resources().get_font(name).and_then(|d| type3_bold(&d)));
            }
            TypedInstruction::ShowText(_)
            | TypedInstruction::ShowTexts(_)
            | TypedInstruction::NextLineAndShowText(_)
            | TypedInstruction::ShowTextWithParameters(_) => out.extend(font),
            _ => {}
        }
    }
    out
}

/// For a Type 3 font, whether its descriptor gives a bold weight or name (None: not Type 3).
fn type3_bold(font: &Dict<'_>) -> Option<bool> {
    if font.get::<Name<'_>>(b"Subtype").is_none_or(|s| &*s != b"Type3") {
        return None;
    }
    let descriptor = font.get::<Dict<'_>>(b"FontDescriptor");
    let weight = descriptor.as_ref().and_then(|d| d.get::<f32>(b"FontWeight"));
    let name = descriptor
        .as_ref()
        .and_then(|d| d.get::<Name<'_>>(b"FontName"))
        .map(|n| n.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    Some(weight.is_some_and(|w| w >= MIN_BOLD_WEIGHT as f32) || name.contains("bold"))
}
