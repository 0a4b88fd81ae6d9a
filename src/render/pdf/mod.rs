//! PDF renderer: our own typesetting, written with krilla.
//!
//! Takes a `&Document`; returns the bytes of a print-ready PDF. Never touches
//! the file system except to read font files the options name.
//!
//! ```text
//! blocks ─layout─▶ Flow (lines, keep rules) ─paginate─▶ body pages ─┐
//!   (shape → linebreak per paragraph,                               ├─write─▶ PDF bytes
//!    chapters on every core: chapters)                              │
//! headings ─frontmatter─▶ title page, TOC pages (counted first) ────┘
//! ```
//!
//! The body is laid out twice: first for its frame heights alone (pages are
//! counted and the contents page's numbers found), then chapter by chapter
//! again as its pages are drawn, so a book's glyphs are never held whole.

mod autospace;
mod chapters;
mod fonts;
mod frontmatter;
mod layout;
mod linebreak;
mod paginate;
mod punct;
mod ruby;
mod shape;
mod tags;
mod vertical;
mod write;

pub use fonts::FontPaths;

use super::Renderer;
use crate::error::Result;
use crate::model::Document;
use crate::report::Report;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Trim size of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageSize {
    /// 210 × 297 mm.
    A4,
    /// 148 × 210 mm: the size of most Chinese and Japanese trade books (close to 大32开 and A5判).
    A5,
    /// ISO B5, 176 × 250 mm.
    B5,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// US trade paperback, 6 × 9 in.
    SixByNine,
    /// Any size, in millimetres (width, height).
    Custom { width_mm: f32, height_mm: f32 },
}

impl PageSize {
    /// Width and height in millimetres.
    pub fn mm(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (210.0, 297.0),
            PageSize::A5 => (148.0, 210.0),
            PageSize::B5 => (176.0, 250.0),
            PageSize::Letter => (215.9, 279.4),
            PageSize::SixByNine => (152.4, 228.6),
            PageSize::Custom { width_mm, height_mm } => (width_mm, height_mm),
        }
    }

    /// Parse `a4`, `a5`, `b5`, `letter`, `6x9`, or `WIDTHxHEIGHT` in mm (`130x184`).
    pub fn parse(s: &str) -> Option<PageSize> {
        let lower = s.trim().to_ascii_lowercase();
        Some(match lower.as_str() {
            "a4" => PageSize::A4,
            "a5" => PageSize::A5,
            "b5" => PageSize::B5,
            "letter" => PageSize::Letter,
            "6x9" | "6x9in" => PageSize::SixByNine,
            other => {
                let (w, h) = other.trim_end_matches("mm").split_once('x')?;
                let (width_mm, height_mm) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
                if !(50.0..=1000.0).contains(&width_mm) || !(50.0..=1000.0).contains(&height_mm) {
                    return None;
                }
                PageSize::Custom { width_mm, height_mm }
            }
        })
    }
}

/// Margins in millimetres. `inner` is the binding side (left on a recto).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub inner: f32,
    pub outer: f32,
}

impl Default for Margins {
    /// For A5: a text block of about 112 × 168 mm, room for running head and folio.
    fn default() -> Self {
        Margins { top: 20.0, bottom: 20.0, inner: 19.0, outer: 17.0 }
    }
}

/// PDF/A-2 conformance level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfA {
    /// PDF/A-2b: the visual appearance is preserved.
    A2b,
    /// PDF/A-2u: also every glyph maps to Unicode.
    A2u,
    /// PDF/A-2a: also the logical structure is tagged.
    A2a,
}

/// Standards to conform to, checked by krilla's validators as the PDF is
/// written (a document that breaks one is an error, never a silent mislabel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PdfStandard {
    pub archival: Option<PdfA>,
    /// PDF/UA-1: accessible (tagged, titled, the title shown by viewers).
    pub ua1: bool,
}

impl PdfStandard {
    /// Parse a comma-separated list: `a-2b`, `a-2u`, `a-2a`, `ua-1` (`ua-1,a-2a` for both).
    pub fn parse(list: &str) -> std::result::Result<PdfStandard, String> {
        let mut out = PdfStandard::default();
        for name in list.split(',').map(|n| n.trim().to_ascii_lowercase().replace(['/', '_'], "-")) {
            let archival = match name.trim_start_matches("pdf-") {
                "a-2b" | "a2b" => PdfA::A2b,
                "a-2u" | "a2u" => PdfA::A2u,
                "a-2a" | "a2a" => PdfA::A2a,
                "ua-1" | "ua1" => {
                    out.ua1 = true;
                    continue;
                }
                other => return Err(format!("'{other}' is not a supported standard (a-2b, a-2u, a-2a, ua-1)")),
            };
            if out.archival.is_some_and(|a| a != archival) {
                return Err(format!("{list}: choose one PDF/A level"));
            }
            out.archival = Some(archival);
        }
        Ok(out)
    }
}

/// Options for the PDF renderer.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfOptions {
    /// Creation date (SOURCE_DATE_EPOCH); without it the document's own date, else
    /// 1980-01-01 ([`crate::render::stamp`]), never the clock's.
    pub source_date_epoch: Option<i64>,
    /// Trim size. Default A5: a book page for CJK (30 ideographs a line at 10.5 pt)
    /// and Latin alike (about 65 characters a line, the comfortable measure).
    pub page_size: PageSize,
    pub margins: Margins,
    /// Swap inner and outer margins on versos (for printing two-sided and binding).
    pub mirrored: bool,
    /// Body type size in points; default 10.5 pt (五号, the standard Chinese body size).
    pub font_size: f32,
    /// Font files replacing the bundled Noto Serif CJK SC.
    pub fonts: FontPaths,
    pub standard: PdfStandard,
    /// Start the table of contents and every top-level section on a right-hand page.
    pub recto_sections: bool,
    /// Print a table of contents after the title page (when the book has headings).
    pub toc: bool,
    /// Vertical writing (縦書き): columns top to bottom, right to left; pages turn right to left.
    pub vertical: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            source_date_epoch: None,
            page_size: PageSize::A5,
            margins: Margins::default(),
            mirrored: true,
            font_size: 10.5,
            fonts: FontPaths::default(),
            standard: PdfStandard::default(),
            recto_sections: false,
            toc: true,
            vertical: false,
        }
    }
}

/// Smallest and largest body sizes we typeset: below 4 pt nothing is legible,
/// above 72 pt a line holds a word or two and the title page no longer fits.
pub const FONT_SIZE_RANGE: std::ops::RangeInclusive<f32> = 4.0..=72.0;

/// Smallest text block (width and height, in points) we lay a page out in:
/// a few characters of the largest size, so margins that swallow the page are
/// refused up front instead of failing half-way through the PDF.
const MIN_TEXT_BLOCK: f32 = 72.0;

/// Largest font file we read: the biggest CJK OpenType fonts are about 30 MB.
const MAX_FONT_BYTES: u64 = 256 * 1024 * 1024;

impl PdfOptions {
    /// Whether these options can make a PDF at all: a body size in
    /// [`FONT_SIZE_RANGE`], margins that leave a text block, and font files
    /// that are fonts. The message is for the person who typed the option.
    pub fn check(&self) -> std::result::Result<(), String> {
        if !FONT_SIZE_RANGE.contains(&self.font_size) {
            return Err(format!(
                "--font-size {}: the body size must be between {} and {} pt",
                self.font_size,
                FONT_SIZE_RANGE.start(),
                FONT_SIZE_RANGE.end()
            ));
        }
        let (w, h) = self.page_size.mm();
        let m = self.margins;
        let g = Geometry::new(&vertical::turned(self), false);
        if g.measure() < MIN_TEXT_BLOCK.max(self.font_size * 4.0)
            || g.text_height() < MIN_TEXT_BLOCK.max(self.font_size * 6.0)
        {
            return Err(format!(
                "--margins {},{},{},{}: they leave no room for text on a {w}×{h} mm page",
                m.top, m.bottom, m.inner, m.outer
            ));
        }
        for (flag, path) in
            [("--font", &self.fonts.regular), ("--bold-font", &self.fonts.bold), ("--mono-font", &self.fonts.mono)]
        {
            let Some(path) = path else { continue };
            let meta = std::fs::metadata(path).map_err(|e| format!("{flag} {}: cannot read: {e}", path.display()))?;
            if !meta.is_file() || meta.len() > MAX_FONT_BYTES {
                return Err(format!("{flag} {}: not a TrueType or OpenType font file", path.display()));
            }
            let bytes = std::fs::read(path).map_err(|e| format!("{flag} {}: cannot read: {e}", path.display()))?;
            if rustybuzz::Face::from_slice(&bytes, 0).is_none() {
                return Err(format!("{flag} {}: not a TrueType or OpenType font", path.display()));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Pdf {
    pub options: PdfOptions,
}

/// A rendered PDF with what the typesetter noticed on the way.
#[derive(Debug, Clone)]
pub struct Typeset {
    pub bytes: Vec<u8>,
    /// For the report: characters no font could draw, and the like.
    pub warnings: Vec<String>,
    /// Total number of pages.
    pub pages: usize,
    /// For each heading (document order), the 0-based physical page it stands on.
    pub heading_pages: Vec<usize>,
}

impl Pdf {
    /// Typeset `doc` and return the PDF with warnings and page facts.
    pub fn typeset(&self, doc: &Document) -> Result<Typeset> {
        write::typeset(doc, &self.options)
    }
}

impl Renderer for Pdf {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, doc: &Document, _report: &Report) -> Result<Vec<u8>> {
        Ok(self.typeset(doc)?.bytes)
    }
}

/// Page geometry in points, derived from the options.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Geometry {
    width: f32,
    height: f32,
    top: f32,
    bottom: f32,
    inner: f32,
    outer: f32,
    mirrored: bool,
}

impl Geometry {
    /// The page and margins; for CJK the measure is rounded down to whole
    /// ideographs (the 版心 grid), the remainder shared by both side margins,
    /// so justified lines of ideographs need no stretching.
    fn new(o: &PdfOptions, cjk: bool) -> Geometry {
        let (w, h) = o.page_size.mm();
        let mut g = Geometry {
            width: w * PT_PER_MM,
            height: h * PT_PER_MM,
            top: o.margins.top * PT_PER_MM,
            bottom: o.margins.bottom * PT_PER_MM,
            inner: o.margins.inner * PT_PER_MM,
            outer: o.margins.outer * PT_PER_MM,
            mirrored: o.mirrored,
        };
        if cjk && o.font_size > 0.0 {
            let measure = g.measure();
            let extra = measure - (measure / o.font_size).floor() * o.font_size;
            g.inner += extra / 2.0;
            g.outer += extra / 2.0;
        }
        g
    }

    fn measure(&self) -> f32 {
        self.width - self.inner - self.outer
    }

    fn text_height(&self) -> f32 {
        self.height - self.top - self.bottom
    }

    /// Left edge of the text block on the `n`-th physical page (1 = first, a recto).
    fn left(&self, n: usize) -> f32 {
        if self.mirrored && n.is_multiple_of(2) {
            self.outer
        } else {
            self.inner
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_parse() {
        assert_eq!(PageSize::parse("A4"), Some(PageSize::A4));
        assert_eq!(PageSize::parse("6x9"), Some(PageSize::SixByNine));
        assert_eq!(PageSize::parse("130x184mm"), Some(PageSize::Custom { width_mm: 130.0, height_mm: 184.0 }));
        assert_eq!(PageSize::parse("2x2"), None);
        assert_eq!(PageSize::parse("huge"), None);
    }

    #[test]
    fn standards_parse_alone_and_combined() {
        assert_eq!(PdfStandard::parse("a-2b"), Ok(PdfStandard { archival: Some(PdfA::A2b), ua1: false }));
        assert_eq!(PdfStandard::parse("UA-1, PDF/A-2a"), Ok(PdfStandard { archival: Some(PdfA::A2a), ua1: true }));
        assert_eq!(PdfStandard::parse("ua1"), Ok(PdfStandard { archival: None, ua1: true }));
        assert!(PdfStandard::parse("a-2b,a-2u").is_err(), "two PDF/A levels");
        assert!(PdfStandard::parse("x-1").is_err());
    }

    #[test]
    fn cjk_measure_is_a_whole_number_of_ideographs() {
        let o = PdfOptions::default();
        let g = Geometry::new(&o, true);
        let chars = g.measure() / o.font_size;
        assert!((chars - chars.round()).abs() < 1e-3, "{chars}");
        assert_eq!(chars.round(), 30.0);
        assert!(g.left(1) > g.left(2), "recto binds on the left");
    }
}
