//! Vertical writing (縦書き, 直排) for the PDF.
//!
//! The typesetter lays a vertical book out in the page turned a quarter
//! clockwise: a "line" of the layout is a column, its length the page's
//! height, and successive lines stack leftwards. So line breaking (kinsoku),
//! justification, headings, keeps, pagination, the contents and the outline
//! are the horizontal typesetter's, fed vertical metrics: CJK characters are
//! shaped top-to-bottom ([`super::shape`] with the font's `vert`/`vrt2`
//! forms and `vmtx` advances), Latin runs horizontally. This module holds what
//! differs: the turned page ([`turned`], [`Turn`]), drawing a column
//! (upright CJK glyphs, Latin turned 90° clockwise, short numbers upright
//! across the column: 縦中横), and the right-to-left page progression the
//! PDF's viewer preferences announce ([`right_to_left`]).
//!
//! Never changes the text: every glyph keeps its text range, so copying
//! from the PDF gives back what the source had.

use super::fonts::Faces;
use super::layout::{PlacedGlyph, Run, EM_BOX_ASCENT};
use super::shape::ShapedGlyph;
use super::{Geometry, PageSize, PdfOptions};
use crate::text::{is_cjk, tate_chu_yoko_at};
use krilla::geom::{Point, Rect, Transform};
use krilla::surface::Surface;

/// The options the layout sees for a vertical book: the page turned a quarter
/// (its height is the column length) and the margins turned with it: the
/// right margin (the binding side of a recto in a right-to-left book) is the
/// layout's top, the page's top margin the start of every column. Horizontal
/// books pass through unchanged.
pub fn turned(o: &PdfOptions) -> PdfOptions {
    if !o.vertical {
        return o.clone();
    }
    let (w, h) = o.page_size.mm();
    let m = o.margins;
    PdfOptions {
        page_size: PageSize::Custom { width_mm: h, height_mm: w },
        margins: super::Margins { top: m.inner, bottom: m.outer, inner: m.top, outer: m.bottom },
        // Mirroring swaps the left and right margins, which [`Turn`] does per page.
        mirrored: false,
        ..o.clone()
    }
}

/// How a page of the layout lands on the paper: identity for horizontal
/// books, a quarter turn clockwise for vertical ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn {
    pub vertical: bool,
    /// Physical page width (the layout's height) in points.
    width: f32,
    /// How much wider the outer margin is than the inner (moves versos' text block right).
    outer_minus_inner: f32,
    mirrored: bool,
}

impl Turn {
    pub fn new(o: &PdfOptions, geo: &Geometry) -> Turn {
        let m = o.margins;
        Turn {
            vertical: o.vertical,
            width: geo.height,
            outer_minus_inner: (m.outer - m.inner) * super::PT_PER_MM,
            mirrored: o.mirrored,
        }
    }

    /// Width and height of the paper for a layout page of `geo`.
    pub fn paper(&self, geo: &Geometry) -> (f32, f32) {
        if self.vertical {
            (geo.height, geo.width)
        } else {
            (geo.width, geo.height)
        }
    }

    /// Layout coordinates to paper coordinates on the `n`-th physical page (1 = first):
    /// layout x runs down the column, layout y leftwards across the columns.
    /// A recto keeps its inner margin on the right, the binding side of a
    /// right-to-left book; a mirrored verso has it on the left.
    pub fn transform(&self, n: usize) -> Transform {
        let shift = if self.mirrored && n.is_multiple_of(2) { self.outer_minus_inner } else { 0.0 };
        Transform::from_row(0.0, 1.0, -1.0, 0.0, self.width - shift, 0.0)
    }

    /// A point of the layout on the paper of page `n`.
    pub fn point(&self, n: usize, p: Point) -> Point {
        if !self.vertical {
            return p;
        }
        let t = self.transform(n);
        Point::from_xy(t.kx() * p.y + t.tx(), t.ky() * p.x)
    }

    /// Where a viewer's window should open to show a point of the layout on
    /// page `n` (a link's or bookmark's view): a vertical page is shown from its
    /// left edge and the top of the column, since its text runs leftwards from
    /// the point and a window opened at the point would show what comes before.
    pub fn view(&self, n: usize, p: Point) -> Point {
        if !self.vertical {
            return p;
        }
        Point::from_xy(0.0, self.point(n, p).y)
    }

    /// A rectangle of the layout on the paper of page `n` (for link areas).
    pub fn rect(&self, n: usize, r: Rect) -> Option<Rect> {
        if !self.vertical {
            return Some(r);
        }
        let (a, b) =
            (self.point(n, Point::from_xy(r.left(), r.top())), self.point(n, Point::from_xy(r.right(), r.bottom())));
        Rect::from_ltrb(a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y))
    }

    /// Start drawing page `n`: everything until [`Turn::end`] is in layout coordinates.
    pub fn begin(&self, surface: &mut Surface, n: usize) {
        if self.vertical {
            surface.push_transform(&self.transform(n));
        }
    }

    pub fn end(&self, surface: &mut Surface) {
        if self.vertical {
            surface.pop();
        }
    }
}

/// How a character stands in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orientation {
    /// Ideographs, kana, CJK punctuation and full-width forms: upright, in
    /// their vertical forms where the font has them (`、。「」` moved and turned).
    Upright,
    /// A number of one or two digits set upright across the column (縦中横).
    Across,
    /// Everything else (Latin words, longer numbers, dashes and ellipses): turned 90° clockwise.
    Sideways,
}

fn orientation(text: &str, at: usize) -> Orientation {
    match text.get(at..).and_then(|s| s.chars().next()) {
        Some(c) if is_cjk(c) => Orientation::Upright,
        Some(c) if c.is_ascii_digit() && tate_chu_yoko_at(text, at).is_some() => Orientation::Across,
        _ => Orientation::Sideways,
    }
}

/// Whether the shaper sets `c` top to bottom with vertical metrics and forms.
pub fn is_upright(c: char) -> bool {
    is_cjk(c)
}

/// A number set across the column takes one em down it: its first glyph
/// advances an em, the rest nothing (they are drawn side by side by [`draw_run`]).
pub fn set_numbers_across(text: &str, glyphs: &mut [ShapedGlyph]) {
    let mut current: Option<std::ops::Range<usize>> = None;
    for g in glyphs.iter_mut() {
        let at = g.cluster as usize;
        if current.as_ref().is_some_and(|r| r.contains(&at)) {
            g.advance = 0.0;
            continue;
        }
        current = text.as_bytes().get(at).filter(|b| b.is_ascii_digit()).and_then(|_| tate_chu_yoko_at(text, at));
        if current.is_some() {
            g.advance = 1.0;
        }
    }
}

/// Em-box centre above the baseline, in ems: where an upright glyph's centre sits.
const EM_CENTRE: f32 = EM_BOX_ASCENT - 0.5;

/// Draw one run of a column, its baseline start at `origin` (layout coordinates,
/// on a surface already turned by [`Turn::begin`]).
pub fn draw_run(faces: &Faces, surface: &mut Surface, run: &Run, text: &str, origin: Point) {
    let face = faces.get(run.face);
    let font = face.pdf.clone();
    let size = run.size;
    let hor_advance =
        |id: u16| face.shaper.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id)).unwrap_or(0) as f32 / face.upem;
    let all: Vec<PlacedGlyph> = run.glyphs.iter().collect();
    let mut pen = origin.x;
    let mut i = 0;
    while i < all.len() {
        let at = all[i].start as usize;
        let kind = orientation(text, at);
        let mut j = i + 1;
        let same = |g: &PlacedGlyph| match kind {
            Orientation::Upright => false,
            // One number at a time (`12` and `34` of `12,34` never share an em).
            Orientation::Across => tate_chu_yoko_at(text, at).is_some_and(|r| r.contains(&(g.start as usize))),
            Orientation::Sideways => orientation(text, g.start as usize) == kind,
        };
        while j < all.len() && same(&all[j]) {
            j += 1;
        }
        let glyphs = &all[i..j];
        let length: f32 = glyphs.iter().map(|g| g.advance).sum::<f32>() * size;
        // The centre of the em box the glyph(s) stand in, turned back upright
        // around it. A mark squeezed by justification gives up the blank after
        // it (below, in its vertical form), so its box stays where it starts.
        let centre = Point::from_xy(pen + size / 2.0, origin.y - EM_CENTRE * size);
        match kind {
            Orientation::Sideways => {
                surface.draw_glyphs(Point::from_xy(pen, origin.y), glyphs, font.clone(), text, size, false);
            }
            Orientation::Upright | Orientation::Across => {
                let upright: Vec<PlacedGlyph> =
                    glyphs.iter().map(|g| PlacedGlyph { advance: hor_advance(g.id), ..*g }).collect();
                let width: f32 = upright.iter().map(|g| g.advance).sum::<f32>() * size;
                // Two digits are squeezed into the column's em if wider.
                let squeeze = if width > size { size / width } else { 1.0 };
                surface.push_transform(&Transform::from_rotate_at(-90.0, centre.x, centre.y));
                surface.push_transform(&Transform::from_row(squeeze, 0.0, 0.0, 1.0, centre.x, centre.y));
                surface.draw_glyphs(
                    Point::from_xy(-width / 2.0, EM_CENTRE * size),
                    &upright,
                    font.clone(),
                    text,
                    size,
                    false,
                );
                surface.pop();
                surface.pop();
            }
        }
        pen += length;
        i = j;
    }
}

/// `pdf` with `/ViewerPreferences << /Direction /R2L >>` in its catalog, so
/// viewers show spreads and turn pages right to left (PDF 1.7 §12.2), as an
/// incremental update (§7.5.6): krilla has no viewer preferences, and an
/// appended revision leaves every byte krilla wrote in place.
pub fn right_to_left(mut pdf: Vec<u8>) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(&pdf);
    let start_xref: usize = text.rsplit("startxref").next()?.split_whitespace().next()?.parse().ok()?;
    let trailer = &text[text.rfind("trailer")?..];
    let dict = &trailer[trailer.find("<<")?..];
    let value = |key: &str| -> Option<String> {
        let at = dict.find(key)? + key.len();
        let rest = dict[at..].trim_start();
        let end = rest.find(['/', '>'])?;
        Some(rest[..end].trim().to_string())
    };
    let root = value("/Root")?;
    let size = value("/Size")?;
    let catalog_number = root.split_whitespace().next()?;
    let header = format!("\n{catalog_number} 0 obj");
    let body_at = text.rfind(&header)? + header.len();
    let body_end = body_at + text[body_at..].find("endobj")?;
    let catalog = text[body_at..body_end].trim();
    let inner = catalog.strip_prefix("<<")?.strip_suffix(">>")?;
    if inner.contains("/ViewerPreferences") {
        return None;
    }
    let id = dict.find("/ID").map(|at| {
        let rest = &dict[at..];
        rest[..rest.find(']').map_or(0, |e| e + 1)].to_string()
    });
    let info = value("/Info").map(|i| format!(" /Info {i}")).unwrap_or_default();
    let mut update = String::new();
    if !pdf.ends_with(b"\n") {
        update.push('\n');
    }
    let object_at = pdf.len() + update.len();
    update
        .push_str(&format!("{catalog_number} 0 obj\n<<{inner} /ViewerPreferences << /Direction /R2L >> >>\nendobj\n"));
    let xref_at = pdf.len() + update.len();
    update.push_str(&format!("xref\n{catalog_number} 1\n{object_at:010} 00000 n \n"));
    update.push_str(&format!(
        "trailer\n<< /Size {size} /Root {root}{info} /Prev {start_xref}{} >>\nstartxref\n{xref_at}\n%%EOF\n",
        id.map(|i| format!(" {i}")).unwrap_or_default()
    ));
    pdf.extend_from_slice(update.as_bytes());
    Some(pdf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::{FaceId, FontBytes, FontPaths};
    use crate::render::pdf::shape::Shaper;

    #[test]
    fn the_page_turns_a_quarter_clockwise_and_columns_run_right_to_left() {
        let o = PdfOptions { vertical: true, ..PdfOptions::default() };
        let logical = turned(&o);
        let geo = Geometry::new(&logical, true);
        let turn = Turn::new(&o, &geo);
        let (w, h) = turn.paper(&geo);
        assert!(h > w, "an A5 page stays upright: {w}×{h}");
        // Down the column: x grows, the paper's y grows; the next column is further left.
        let a = turn.point(1, Point::from_xy(10.0, 10.0));
        let down = turn.point(1, Point::from_xy(20.0, 10.0));
        let next_column = turn.point(1, Point::from_xy(10.0, 30.0));
        assert!((down.y - a.y - 10.0).abs() < 1e-3 && (down.x - a.x).abs() < 1e-3);
        assert!((a.x - next_column.x - 20.0).abs() < 1e-3 && (next_column.y - a.y).abs() < 1e-3);
        // The recto's right margin is the inner one; a mirrored verso has the outer one there.
        let right_margin = |n| w - turn.point(n, Point::from_xy(0.0, geo.top)).x;
        let m = o.margins;
        assert!((right_margin(1) - geo.top).abs() < 1e-3 && (geo.top - m.inner * super::super::PT_PER_MM).abs() < 1e-3);
        assert!((right_margin(2) - m.outer * super::super::PT_PER_MM).abs() < 1e-3);
    }

    #[test]
    fn cjk_punctuation_takes_its_vertical_form_and_an_em_down_the_column() {
        let bytes = FontBytes::load(&FontPaths::default()).unwrap();
        let faces = Faces::new(&bytes).unwrap();
        for lang in ["ja", "zh-Hant"] {
            let shape = |vertical: bool| {
                let mut s = Shaper::new(&faces, lang);
                s.vertical = vertical;
                let mut out = Vec::new();
                s.shape_plain("「雨、。」", FaceId::Regular, &mut out);
                out
            };
            let (across, down) = (shape(false), shape(true));
            assert_eq!(across.len(), down.len());
            assert_eq!(across[1].id, down[1].id, "{lang}: 雨 has one form");
            for k in [0, 2, 3, 4] {
                assert_ne!(across[k].id, down[k].id, "{lang}: mark {k} takes its vert form");
            }
            assert!(down.iter().all(|g| (g.advance - 1.0).abs() < 1e-3), "{lang}: one em each down the column");
        }
    }

    #[test]
    fn short_numbers_take_one_em_down_the_column() {
        let text = "第12章2024年";
        let mut glyphs: Vec<ShapedGlyph> = ShapedGlyph::uniform(text, 0.55);
        set_numbers_across(text, &mut glyphs);
        let advances: Vec<f32> = glyphs.iter().map(|g| g.advance).collect();
        assert_eq!(advances, [0.55, 1.0, 0.0, 0.55, 0.55, 0.55, 0.55, 0.55, 0.55]);
        assert_eq!(orientation(text, 3), Orientation::Across);
        assert_eq!(orientation(text, 8), Orientation::Sideways, "2024 lies on its side");
        assert_eq!(orientation(text, 0), Orientation::Upright);
    }

    #[test]
    fn right_to_left_appends_a_catalog_revision_lopdf_reads() {
        let pdf = crate::render::pdf::Pdf::default();
        let doc = crate::model::Document::default();
        let bytes = pdf.typeset(&doc).unwrap().bytes;
        let updated = right_to_left(bytes.clone()).expect("a catalog to update");
        assert!(updated.starts_with(&bytes), "krilla's bytes stay in place");
        let read = lopdf::Document::load_mem(&updated).expect("lopdf reads the updated PDF");
        let catalog = read.catalog().unwrap();
        let prefs = catalog.get(b"ViewerPreferences").and_then(lopdf::Object::as_dict).unwrap();
        assert_eq!(prefs.get(b"Direction").and_then(lopdf::Object::as_name).unwrap(), b"R2L");
        assert!(catalog.get(b"Pages").is_ok(), "the rest of the catalog is kept");
        assert!(right_to_left(updated).is_none(), "never added twice");
    }
}
