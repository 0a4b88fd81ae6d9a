//! Figures: the raster images a page draws, as the book's images.
//!
//! Takes each image hayro draws (where it stands on the page, and its bytes:
//! a JPEG as embedded, anything else decoded and written as PNG); returns the
//! figures among them, named stably by their order in the book. A rule, a
//! bullet or an icon (too small), a stencil mask, an image under the page's
//! text (a background, a scanned page under its OCR layer) and a decoration
//! drawn at one place page after page (a logo) are not figures. Where each
//! figure stands among the lines and which block is its caption are decided
//! in `layout`; this module never looks at the text but to count the glyphs
//! that stand on an image.

use super::glyphs::Glyph;
use crate::limits::{MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE};
use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_syntax::object::{Name, Stream};
use hayro_interpret::hayro_syntax::Filter;
use hayro_interpret::kurbo::{BezPath, Rect};
use hayro_interpret::{BlendMode, CacheKey, ClipPath, DrawMode, DrawProps, Image, ImageData, ImageDrawProps, SoftMask};
use image::{ExtendedColorType, ImageEncoder};
use std::collections::{BTreeMap, HashMap};

/// Drawn smaller than this on either side (points, a third of an inch), an
/// image is a rule, a bullet or an icon, not a figure.
const MIN_FIGURE_SIDE: f64 = 24.0;
/// Fewer pixels than this on either side: a colour fill stretched over a
/// box, a spacer, not a picture.
const MIN_FIGURE_PIXELS: u32 = 16;
/// The same image at the same place on this many pages is a decoration (a
/// logo, a band in the margin); a figure reused on several pages stands at
/// a different place on each.
const MIN_DECORATION_PAGES: usize = 3;
/// Two drawings of an image stand at the same place when their corners are
/// this close (points).
const SAME_PLACE: f32 = 3.0;
/// An image that at least this share of its page's glyphs stand on is
/// under the text (a background, a watermark, a scanned page under its OCR
/// text); a figure has at most a few labels on it.
const MIN_TEXT_ON_BACKGROUND: f32 = 0.5;

/// One image drawn on a page, in page space (points, y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// Which image it is: the same image drawn twice has the same key.
    pub key: u128,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// An image's bytes as the book embeds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub extension: &'static str,
}

/// Each image's bytes, by key, encoded once however often it is drawn
/// (`None`: it would not decode).
pub type ImageStore = HashMap<u128, Option<Encoded>>;

/// A figure of the book: where it stands on its page and the name of its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub src: String,
    /// Its box on the page (points, y down).
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    /// On a page read in columns (vertical text), whose lines are measured
    /// the other way: it follows the page's text, with no caption sought.
    pub in_columns: bool,
    /// The caption that stood right above or below it.
    pub caption: String,
}

/// An image hayro draws, kept when it may be a figure: a raster image (not a
/// stencil mask) drawn at least [`MIN_FIGURE_SIDE`] on each side and of at
/// least [`MIN_FIGURE_PIXELS`]. Nothing is decoded here.
pub fn take_image(image: &Image<'_, '_>, props: &ImageDrawProps<'_>) -> Option<Drawn> {
    let Image::Raster(_) = image else { return None };
    let (w, h) = (image.width(), image.height());
    if w < MIN_FIGURE_PIXELS || h < MIN_FIGURE_PIXELS {
        return None;
    }
    // The transform takes the image's pixel grid to the page.
    let rect = props.transform.transform_rect_bbox(Rect::new(0.0, 0.0, w as f64, h as f64));
    // (NaN, from a degenerate transform, is no size either.)
    let figure_sized = rect.width() >= MIN_FIGURE_SIDE && rect.height() >= MIN_FIGURE_SIDE;
    if !figure_sized || !rect.area().is_finite() {
        return None;
    }
    let (x0, y0, x1, y1) = (rect.x0 as f32, rect.y0 as f32, rect.x1 as f32, rect.y1 as f32);
    Some(Drawn { key: image.cache_key(), x0, y0, x1, y1 })
}

/// The `Device` that encodes the images a page draws whose keys it wants,
/// once each. A page is interpreted again with it only when it has a figure
/// not yet encoded, after the text is read: a book of scans (under their OCR
/// text, or refused for having none) decodes nothing.
pub struct Encoder<'s> {
    pub wanted: Vec<u128>,
    pub store: &'s mut ImageStore,
}

impl<'a> hayro_interpret::Device<'a> for Encoder<'_> {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, _: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_image(&mut self, image: Image<'a, '_>, _: ImageDrawProps<'a>) {
        let key = image.cache_key();
        if !self.wanted.contains(&key) || self.store.contains_key(&key) {
            return;
        }
        self.store.insert(key, encode(&image));
    }
}

/// An image's bytes for the book: the JPEG as embedded when it is a plain
/// one, else its pixels as PNG; `None` when it does not decode or is larger
/// than bindery embeds.
fn encode(image: &Image<'_, '_>) -> Option<Encoded> {
    let Image::Raster(raster) = image else { return None };
    let (w, h) = (image.width(), image.height());
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS || w.max(h) > MAX_IMAGE_SIDE {
        return None;
    }
    embedded_jpeg(raster.stream()).or_else(|| {
        let mut out = None;
        raster.with_rgba(|pixels, alpha| out = to_png(&pixels, alpha.map(|a| (a.data, a.width, a.height))), None);
        out
    })
}

/// The stream's bytes when they are a JPEG any reader shows as the page does:
/// DCT-encoded and nothing else, in grey or RGB, with no mask and no decode
/// array (a CMYK JPEG, or one with an alpha channel beside it, is decoded
/// and written as PNG instead).
fn embedded_jpeg(stream: &Stream<'_>) -> Option<Encoded> {
    if stream.filters().as_slice() != [Filter::DctDecode] {
        return None;
    }
    let dict = stream.dict();
    if [&b"SMask"[..], b"Mask", b"Decode", b"ImageMask"].iter().any(|k| dict.contains_key(k)) {
        return None;
    }
    let grey_or_rgb = match dict.get::<Name<'_>>(b"ColorSpace") {
        Some(name) => matches!(&*name, b"DeviceRGB" | b"DeviceGray" | b"RGB" | b"G"),
        None => dict.get::<hayro_interpret::hayro_syntax::object::Array<'_>>(b"ColorSpace").is_some_and(|cs| {
            let mut items = cs.flex_iter();
            items.next::<Name<'_>>().is_some_and(|n| &*n == b"ICCBased")
                && items.next::<Stream<'_>>().and_then(|s| s.dict().get::<u32>(b"N")).is_some_and(|n| n == 1 || n == 3)
        }),
    };
    let bytes = stream.raw_data();
    (grey_or_rgb && bytes.starts_with(&[0xFF, 0xD8])).then(|| Encoded { bytes: bytes.into_owned(), extension: "jpg" })
}

/// Decoded pixels (and an alpha channel of the same size, if any) as a PNG.
fn to_png(pixels: &ImageData, alpha: Option<(Vec<u8>, u32, u32)>) -> Option<Encoded> {
    let (w, h) = (pixels.width(), pixels.height());
    let alpha = alpha.filter(|(a, aw, ah)| (*aw, *ah) == (w, h) && a.iter().any(|&v| v != 255)).map(|a| a.0);
    let (data, kind) = match (pixels, alpha) {
        (ImageData::Rgb(rgb), None) => (rgb.data.clone(), ExtendedColorType::Rgb8),
        (ImageData::Luma(grey), None) => (grey.data.clone(), ExtendedColorType::L8),
        (ImageData::Rgb(rgb), Some(a)) => (
            rgb.data.chunks_exact(3).zip(a).flat_map(|(p, a)| [p[0], p[1], p[2], a]).collect(),
            ExtendedColorType::Rgba8,
        ),
        (ImageData::Luma(grey), Some(a)) => {
            (grey.data.iter().zip(a).flat_map(|(&g, a)| [g, a]).collect(), ExtendedColorType::La8)
        }
    };
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes).write_image(&data, w, h, kind).ok()?;
    Some(Encoded { bytes, extension: "png" })
}

/// The figures of each page among the images drawn on it, and their bytes by
/// name. Names follow the order of first appearance (`image-001.png`, …), so
/// the same PDF always gives the same book.
pub fn figures(
    drawn: Vec<Vec<Drawn>>,
    vertical: &[bool],
    store: &ImageStore,
) -> (Vec<Vec<Figure>>, BTreeMap<String, Vec<u8>>) {
    let mut names: HashMap<u128, String> = HashMap::new();
    let mut assets = BTreeMap::new();
    let mut out = Vec::with_capacity(drawn.len());
    for (p, images) in drawn.into_iter().enumerate() {
        let mut page = Vec::new();
        for d in images {
            let Some(Some(encoded)) = store.get(&d.key) else { continue };
            let src = names
                .entry(d.key)
                .or_insert_with(|| {
                    let name = format!("image-{:03}.{}", assets.len() + 1, encoded.extension);
                    assets.insert(name.clone(), encoded.bytes.clone());
                    name
                })
                .clone();
            page.push(Figure {
                src,
                x0: d.x0,
                top: d.y0,
                x1: d.x1,
                bottom: d.y1,
                in_columns: vertical.get(p).copied().unwrap_or(false),
                caption: String::new(),
            });
        }
        out.push(page);
    }
    (out, assets)
}

/// Each page's images less the decorations among them.
pub fn without_decorations(mut drawn: Vec<Vec<Drawn>>) -> Vec<Vec<Drawn>> {
    let decorations = decorations(&drawn);
    for (p, images) in drawn.iter_mut().enumerate() {
        images.retain(|d| !decorations.contains(&(p, d.key)));
    }
    drawn
}

/// (page, image) pairs that are decorations: the image drawn at the same
/// place on at least [`MIN_DECORATION_PAGES`] pages.
fn decorations(drawn: &[Vec<Drawn>]) -> Vec<(usize, u128)> {
    let all: Vec<(usize, &Drawn)> =
        drawn.iter().enumerate().flat_map(|(p, ds)| ds.iter().map(move |d| (p, d))).collect();
    let same_place =
        |a: &Drawn, b: &Drawn| a.key == b.key && (a.x0 - b.x0).abs() < SAME_PLACE && (a.y0 - b.y0).abs() < SAME_PLACE;
    let mut out = Vec::new();
    for &(p, d) in &all {
        let mut pages: Vec<usize> = all.iter().filter(|(_, e)| same_place(d, e)).map(|(q, _)| *q).collect();
        pages.dedup();
        if pages.len() >= MIN_DECORATION_PAGES {
            out.push((p, d.key));
        }
    }
    out
}

/// Whether at least [`MIN_TEXT_ON_BACKGROUND`] of the page's glyphs stand
/// on the image (the middle of their em box inside its box), in page space
/// whichever way the text runs.
pub fn is_under_text(d: &Drawn, glyphs: &[Glyph]) -> bool {
    let on = glyphs.iter().filter(|g| g.cx > d.x0 && g.cx < d.x1 && g.cy > d.y0 && g.cy < d.y1).count();
    !glyphs.is_empty() && on as f32 >= MIN_TEXT_ON_BACKGROUND * glyphs.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf_input::glyphs::Style;

    /// The glyphs of a line of `n` characters set from (`x`, `y`) in 10 pt type.
    fn line(n: usize, x: f32, y: f32) -> Vec<Glyph> {
        (0..n)
            .map(|i| {
                let x = x + 10.0 * i as f32;
                let (cx, cy) = (x + 5.0, y - 4.0);
                let (start, end) = (0, 0);
                let style = Style::default();
                Glyph {
                    start,
                    end,
                    x,
                    y,
                    x_end: x + 10.0,
                    y_end: y,
                    cx,
                    cy,
                    size: 10.0,
                    style,
                    vertical: false,
                    heading_tag: None,
                }
            })
            .collect()
    }

    fn drawn(key: u128, y0: f32) -> Drawn {
        Drawn { key, x0: 100.0, y0, x1: 400.0, y1: y0 + 200.0 }
    }

    #[test]
    fn an_image_at_one_place_on_every_page_is_a_decoration() {
        // A logo in the same corner of four pages; a figure reused on three pages at different heights.
        let pages: Vec<Vec<Drawn>> = (0..4).map(|p| vec![drawn(1, 20.0), drawn(2, 100.0 + 90.0 * p as f32)]).collect();
        let found = decorations(&pages);
        assert_eq!(found, [(0, 1), (1, 1), (2, 1), (3, 1)]);
        // Twice at one place is not yet a habit.
        assert!(decorations(&pages[..2]).is_empty());
    }

    #[test]
    fn an_image_the_page_s_text_stands_on_is_under_it() {
        let d = Drawn { key: 1, x0: 0.0, y0: 0.0, x1: 600.0, y1: 800.0 };
        // A scanned page under its OCR text.
        let scan = [line(25, 72.0, 100.0), line(10, 72.0, 120.0)].concat();
        assert!(is_under_text(&d, &scan));
        // A figure above its caption and the text, with two labels on it: not under the text.
        let figure = Drawn { key: 2, x0: 100.0, y0: 100.0, x1: 400.0, y1: 300.0 };
        let page =
            [line(3, 120.0, 150.0), line(3, 300.0, 250.0), line(12, 150.0, 320.0), line(40, 72.0, 360.0)].concat();
        assert!(!is_under_text(&figure, &page));
    }

    #[test]
    fn pixels_become_a_png_and_a_plain_jpeg_stays_as_it_is() {
        let grey = ImageData::Luma(hayro_interpret::LumaData {
            data: vec![90; 20 * 20],
            width: 20,
            height: 20,
            interpolate: false,
            scale_factors: (1.0, 1.0),
        });
        let png = to_png(&grey, None).unwrap();
        assert!(png.bytes.starts_with(b"\x89PNG") && png.extension == "png");
        // An opaque alpha channel adds nothing; a real one is kept.
        assert_eq!(to_png(&grey, Some((vec![255; 400], 20, 20))), Some(png.clone()));
        assert_ne!(to_png(&grey, Some((vec![128; 400], 20, 20))), Some(png));
    }
}
