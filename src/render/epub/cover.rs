//! Images of the package: the cover (the user's, re-encoded, or one drawn
//! from the metadata with the bundled font) and the body's images.
//!
//! Takes image bytes or the document; returns encoded bytes with their media
//! type. Decoding is bounded by [`decode_limits`] so a hostile file cannot
//! exhaust memory. Drawing is offline and deterministic: same metadata, same
//! pixels.

use crate::error::{Error, Result};
use crate::fonts::{self, Weight};
use crate::model::Document;
use crate::render::display::DisplayBreaks;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::path::PathBuf;
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

/// Longest side of the cover we ship. Retailers ask for 1600 px on the long
/// side; anything larger only grows the file on e-ink screens of ≤ 1448 px.
pub const COVER_LONG_SIDE: u32 = 1600;

/// Size of the drawn cover: 3:4, the shape of most e-reader screens.
const DRAWN_WIDTH: u32 = 1200;
const DRAWN_HEIGHT: u32 = COVER_LONG_SIDE;

/// JPEG quality for re-encoded covers: visually clean for photos and art at
/// about a tenth of the PNG size.
const JPEG_QUALITY: u8 = 85;

/// Largest image dimensions and decoder allocation we accept. 16 k px covers
/// any real scan or photo; a decompression bomb (a tiny file claiming
/// 100 000 × 100 000 px) is refused before any pixel is allocated.
const MAX_DIMENSION: u32 = 16_384;
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// An encoded image ready for the package.
#[derive(Debug, Clone)]
pub struct PackageImage {
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
    pub extension: &'static str,
}

fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

fn decode(bytes: &[u8]) -> std::result::Result<DynamicImage, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    if reader.format().is_none() {
        return Err("not an image format bindery reads (PNG, JPEG, GIF, WebP)".into());
    }
    reader.limits(decode_limits());
    reader.decode().map_err(|e| e.to_string())
}

/// The user's cover, scaled to at most [`COVER_LONG_SIDE`] and re-encoded as JPEG.
/// `path` names the file in the error message when it is known.
pub fn from_user(bytes: &[u8], path: Option<&str>) -> Result<PackageImage> {
    let bad = |message: String| match path {
        Some(p) => Error::BadAsset { path: PathBuf::from(p), message: format!("cover image: {message}") },
        None => Error::Render { format: "EPUB", message: format!("cover image: {message}") },
    };
    let image = decode(bytes).map_err(bad)?;
    let image = if image.width().max(image.height()) > COVER_LONG_SIDE {
        image.resize(COVER_LONG_SIDE, COVER_LONG_SIDE, image::imageops::FilterType::Lanczos3)
    } else {
        image
    };
    let rgb = flatten_on_white(&image);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|e| bad(e.to_string()))?;
    Ok(PackageImage { bytes: out, media_type: "image/jpeg", extension: "jpg" })
}

/// Transparent pixels over white (JPEG has no alpha; black would show instead).
fn flatten_on_white(image: &DynamicImage) -> image::RgbImage {
    let rgba = image.to_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (dst, src) in rgb.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u16::from(src[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    rgb
}

/// A body image in a form EPUB readers must support: PNG, JPEG, GIF, WebP
/// and SVG as they are, anything else the decoder reads re-encoded as PNG.
pub fn embeddable(bytes: &[u8], src: &str) -> Result<PackageImage> {
    let pass = |media_type, extension| Ok(PackageImage { bytes: bytes.to_vec(), media_type, extension });
    match image::guess_format(bytes) {
        Ok(ImageFormat::Png) => return pass("image/png", "png"),
        Ok(ImageFormat::Jpeg) => return pass("image/jpeg", "jpg"),
        Ok(ImageFormat::Gif) => return pass("image/gif", "gif"),
        Ok(ImageFormat::WebP) => return pass("image/webp", "webp"),
        _ => {}
    }
    if looks_like_svg(bytes) {
        return pass("image/svg+xml", "svg");
    }
    let bad = |message: String| Error::BadAsset { path: PathBuf::from(src), message };
    let image = decode(bytes).map_err(bad)?;
    let mut out = Vec::new();
    image.write_to(&mut Cursor::new(&mut out), ImageFormat::Png).map_err(|e| bad(e.to_string()))?;
    Ok(PackageImage { bytes: out, media_type: "image/png", extension: "png" })
}

/// An SVG file: text whose first element is `<svg` (after an XML declaration,
/// comments or a doctype).
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    head.trim_start_matches('\u{feff}').trim_start().starts_with('<') && head.contains("<svg")
}

/// Colours of the drawn cover, picked by the title so that a shelf of books
/// is not all one colour: (background, text, rule).
const PALETTES: [([u8; 3], [u8; 3], [u8; 3]); 5] = [
    ([0x1f, 0x3a, 0x5f], [0xf4, 0xf1, 0xea], [0xc9, 0xa2, 0x4d]), // navy, cream, gold
    ([0x6b, 0x1e, 0x23], [0xf6, 0xee, 0xe3], [0xd9, 0xb3, 0x6c]), // oxblood
    ([0x24, 0x4a, 0x3c], [0xf2, 0xf0, 0xe6], [0xc8, 0xb0, 0x6a]), // forest
    ([0xef, 0xe8, 0xda], [0x2b, 0x2b, 0x2b], [0x9c, 0x2f, 0x2f]), // paper, ink, vermilion
    ([0x33, 0x33, 0x3a], [0xee, 0xee, 0xee], [0xb0, 0x8d, 0x57]), // slate
];

/// Layout of the drawn cover, in pixels of the 1200 × 1600 canvas.
const MARGIN: f32 = 110.0;
const TITLE_TOP: f32 = 430.0;
const TITLE_SIZES: [f32; 6] = [120.0, 104.0, 90.0, 78.0, 66.0, 56.0];
const TITLE_MAX_LINES: usize = 4;
const LINE_GAP: f32 = 1.3;
const AUTHOR_SIZE: f32 = 56.0;
const DATE_SIZE: f32 = 40.0;

/// A cover drawn from the title, subtitle, authors and date, as PNG.
/// Without the bundled font the cover is plain colour (the title is still in
/// the metadata and on the title page).
pub fn generated(doc: &Document, title: &str) -> Result<PackageImage> {
    let palette =
        PALETTES[title.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize)) % PALETTES.len()];
    let mut pixmap = Pixmap::new(DRAWN_WIDTH, DRAWN_HEIGHT)
        .ok_or_else(|| Error::Render { format: "EPUB", message: "cannot allocate the cover canvas".into() })?;
    let [r, g, b] = palette.0;
    pixmap.fill(Color::from_rgba8(r, g, b, 255));
    let ink = paint(palette.1);
    let accent = paint(palette.2);
    let width = DRAWN_WIDTH as f32;
    let height = DRAWN_HEIGHT as f32;

    // A frame of two rules, top and bottom.
    for y in [MARGIN, height - MARGIN] {
        if let Some(rect) = Rect::from_xywh(MARGIN, y - 2.0, width - 2.0 * MARGIN, 4.0) {
            pixmap.fill_rect(rect, &accent, Transform::identity(), None);
        }
    }

    let needs = fonts::Needs::of_document(doc);
    let (bold, regular) = match (fonts::face(Weight::Bold, &needs), fonts::face(Weight::Regular, &needs)) {
        (Ok(b), Ok(r)) => (b, r),
        _ => return encode_png(&pixmap),
    };
    let (Some(bold), Some(regular)) =
        (rustybuzz::Face::from_slice(&bold, bold.index()), rustybuzz::Face::from_slice(&regular, regular.index()))
    else {
        return encode_png(&pixmap);
    };
    let max_width = width - 2.0 * MARGIN - 40.0;

    // Title: the largest size at which it fits in a few lines.
    let mut y = TITLE_TOP;
    // Between words if any size allows it, else wherever running text may break.
    let fitting = |between_words: bool| {
        TITLE_SIZES.iter().find_map(|&s| {
            let lines = wrap_at(&bold, title, s, max_width, between_words);
            let fits = lines.len() <= TITLE_MAX_LINES && lines.iter().all(|l| measure(&bold, l, s) <= max_width);
            fits.then(|| (s, balance(&bold, title, s, max_width, lines, between_words)))
        })
    };
    let (size, lines) = fitting(true).or_else(|| fitting(false)).unwrap_or_else(|| {
        let s = TITLE_SIZES[TITLE_SIZES.len() - 1];
        (s, wrap(&bold, title, s, max_width))
    });
    for line in lines.iter().take(TITLE_MAX_LINES + 2) {
        y += size;
        draw_line(&mut pixmap, &bold, line, size, width / 2.0, y, &ink);
        y += size * (LINE_GAP - 1.0);
    }
    if let Some(sub) = doc.metadata.subtitle.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        y += AUTHOR_SIZE * 0.6;
        for line in wrap(&regular, sub, AUTHOR_SIZE, max_width).iter().take(3) {
            y += AUTHOR_SIZE;
            draw_line(&mut pixmap, &regular, line, AUTHOR_SIZE, width / 2.0, y, &ink);
            y += AUTHOR_SIZE * (LINE_GAP - 1.0);
        }
    }

    // A short rule under the title block, then authors.
    y += 70.0;
    if let Some(rect) = Rect::from_xywh(width / 2.0 - 80.0, y, 160.0, 4.0) {
        pixmap.fill_rect(rect, &accent, Transform::identity(), None);
    }
    y += 60.0;
    let separator = if doc.is_cjk() { "　" } else { ", " };
    let authors: Vec<&str> = doc.metadata.authors.iter().map(|a| a.name.trim()).filter(|n| !n.is_empty()).collect();
    if !authors.is_empty() {
        for line in wrap(&regular, &authors.join(separator), AUTHOR_SIZE, max_width).iter().take(3) {
            y += AUTHOR_SIZE;
            draw_line(&mut pixmap, &regular, line, AUTHOR_SIZE, width / 2.0, y, &ink);
            y += AUTHOR_SIZE * (LINE_GAP - 1.0);
        }
    }

    // Date (or publisher) at the foot.
    let foot: Vec<&str> = [doc.metadata.publisher.as_deref(), doc.metadata.date.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if !foot.is_empty() {
        let line = foot.join(if doc.is_cjk() { "　" } else { " · " });
        draw_line(&mut pixmap, &regular, &line, DATE_SIZE, width / 2.0, height - MARGIN - 50.0, &ink);
    }
    encode_png(&pixmap)
}

fn paint(rgb: [u8; 3]) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
    p.anti_alias = true;
    p
}

fn encode_png(pixmap: &Pixmap) -> Result<PackageImage> {
    // Opaque canvas: premultiplied RGBA equals straight RGBA; drop alpha.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let image = image::RgbImage::from_raw(pixmap.width(), pixmap.height(), rgb)
        .ok_or_else(|| Error::Render { format: "EPUB", message: "cover canvas has the wrong size".into() })?;
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| Error::Render { format: "EPUB", message: format!("cannot encode the cover: {e}") })?;
    Ok(PackageImage { bytes: out, media_type: "image/png", extension: "png" })
}

/// Width of `text` set at `size` px.
fn measure(face: &rustybuzz::Face, text: &str, size: f32) -> f32 {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let glyphs = rustybuzz::shape(face, &[], buffer);
    let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
    units as f32 * size / f32::from(face.units_per_em() as u16)
}

/// The same number of lines as `greedy`, as even as possible: the narrowest
/// measure that still gives that count (no lone ideograph on the last line).
fn balance(
    face: &rustybuzz::Face,
    text: &str,
    size: f32,
    max_width: f32,
    greedy: Vec<String>,
    between_words: bool,
) -> Vec<String> {
    /// Halvings of the search interval: 1/256 of the measure, under a pixel.
    const STEPS: usize = 8;
    let count = greedy.len();
    if count < 2 {
        return greedy;
    }
    let (mut lo, mut hi, mut best) = (max_width / count as f32, max_width, greedy);
    for _ in 0..STEPS {
        let mid = (lo + hi) / 2.0;
        let lines = wrap_at(face, text, size, mid, between_words);
        if lines.len() <= count && lines.iter().all(|l| measure(face, l, size) <= mid) {
            hi = mid;
            best = lines;
        } else {
            lo = mid;
        }
    }
    best
}

/// Greedy line breaking at Unicode line-break opportunities that fall between
/// words ([`DisplayBreaks`]: never `信息简/报`, never `2021/年5月`).
/// A word wider than the cover is broken where running text could break.
fn wrap(face: &rustybuzz::Face, text: &str, size: f32, max_width: f32) -> Vec<String> {
    let lines = wrap_at(face, text, size, max_width, true);
    if lines.iter().all(|l| measure(face, l, size) <= max_width) {
        return lines;
    }
    wrap_at(face, text, size, max_width, false)
}

fn wrap_at(face: &rustybuzz::Face, text: &str, size: f32, max_width: f32, between_words: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut last_fit: Option<usize> = None;
    let words = DisplayBreaks::new(text);
    let opportunities = unicode_linebreak::linebreaks(text).filter(|&(pos, opportunity)| {
        !between_words
            || opportunity == unicode_linebreak::BreakOpportunity::Mandatory
            || pos == text.len()
            || words.allows(pos)
    });
    for (pos, opportunity) in opportunities {
        let candidate = text[line_start..pos].trim_end();
        if measure(face, candidate, size) > max_width {
            if let Some(fit) = last_fit {
                lines.push(text[line_start..fit].trim().to_string());
                line_start = fit;
            }
        }
        last_fit = Some(pos);
        if opportunity == unicode_linebreak::BreakOpportunity::Mandatory {
            let rest = text[line_start..pos].trim();
            if !rest.is_empty() {
                lines.push(rest.to_string());
            }
            line_start = pos;
            last_fit = None;
        }
    }
    let rest = text[line_start..].trim();
    if !rest.is_empty() {
        lines.push(rest.to_string());
    }
    lines
}

/// Fill the outlines of `text`, centred on `center_x`, baseline at `baseline`.
fn draw_line(
    pixmap: &mut Pixmap,
    face: &rustybuzz::Face,
    text: &str,
    size: f32,
    center_x: f32,
    baseline: f32,
    ink: &Paint,
) {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let glyphs = rustybuzz::shape(face, &[], buffer);
    let scale = size / f32::from(face.units_per_em() as u16);
    let width: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
    // Centre the ink: a fullwidth bracket's glyph fills half its em, the other half is blank.
    let blank_left = if text.starts_with(is_fullwidth_opening) { size / 2.0 } else { 0.0 };
    let blank_right = if text.ends_with(is_fullwidth_closing) { size / 2.0 } else { 0.0 };
    let mut pen_x = center_x - (width as f32 * scale - blank_left - blank_right) / 2.0 - blank_left;
    for (info, pos) in glyphs.glyph_infos().iter().zip(glyphs.glyph_positions()) {
        let mut sink = OutlineSink(PathBuilder::new());
        let id = rustybuzz::ttf_parser::GlyphId(info.glyph_id as u16);
        if face.outline_glyph(id, &mut sink).is_some() {
            if let Some(path) = sink.0.finish() {
                let x = pen_x + pos.x_offset as f32 * scale;
                let y = baseline - pos.y_offset as f32 * scale;
                let transform = Transform::from_row(scale, 0.0, 0.0, -scale, x, y);
                pixmap.fill_path(&path, ink, FillRule::Winding, transform, None);
            }
        }
        pen_x += pos.x_advance as f32 * scale;
    }
}

/// Fullwidth opening brackets, whose ink sits in the right half of the em.
fn is_fullwidth_opening(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '《' | '〈' | '【' | '〔' | '〖' | '［')
}

/// Fullwidth closing brackets and stops, whose ink sits in the left half of the em.
fn is_fullwidth_closing(c: char) -> bool {
    matches!(c, '）' | '」' | '』' | '》' | '〉' | '】' | '〕' | '〗' | '］' | '，' | '。' | '、')
}

/// Glyph outlines (font units, y up) into a tiny-skia path.
struct OutlineSink(PathBuilder);

impl rustybuzz::ttf_parser::OutlineBuilder for OutlineSink {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Creator, Metadata};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(width, height, image::Rgba([10, 20, 30, 128]));
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(img).write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn user_cover_is_scaled_and_jpeg() {
        let cover = from_user(&png(2000, 3200), None).unwrap();
        assert_eq!(cover.media_type, "image/jpeg");
        let back = image::load_from_memory(&cover.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (1000, 1600));
    }

    #[test]
    fn unreadable_cover_is_a_clear_error() {
        let err = from_user(b"not an image at all", Some("cover.png")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("cover.png: cover image:"), "{msg}");
    }

    #[test]
    fn decompression_bomb_is_refused() {
        // A valid PNG header claiming 100 000 × 100 000 pixels.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(from_user(&bomb, None).is_err());
    }

    #[test]
    fn body_images_pass_through_or_are_converted() {
        let p = png(4, 4);
        let img = embeddable(&p, "a.png").unwrap();
        assert_eq!((img.media_type, img.bytes.len()), ("image/png", p.len()));
        let svg = embeddable(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "a.svg").unwrap();
        assert_eq!(svg.media_type, "image/svg+xml");
        assert!(matches!(embeddable(b"garbage", "x.bin"), Err(Error::BadAsset { .. })));
    }

    #[test]
    fn drawn_cover_is_deterministic_and_sized() {
        let doc = Document {
            metadata: Metadata {
                title: "江城市政务信息简报".into(),
                language: "zh-CN".into(),
                authors: vec![Creator::author("江城市人民政府办公室")],
                date: Some("2023-03".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let a = generated(&doc, "江城市政务信息简报").unwrap();
        let b = generated(&doc, "江城市政务信息简报").unwrap();
        assert_eq!(a.bytes, b.bytes);
        let img = image::load_from_memory(&a.bytes).unwrap();
        assert_eq!((img.width(), img.height()), (DRAWN_WIDTH, DRAWN_HEIGHT));
    }

    #[test]
    fn wraps_cjk_and_latin_titles() {
        let bytes = fonts::bundled(Weight::Regular).unwrap();
        let face = rustybuzz::Face::from_slice(&bytes, bytes.index()).unwrap();
        let lines = wrap(&face, "一二三四五六七八九十", 100.0, 450.0);
        assert_eq!((lines.len(), lines.concat()), (3, "一二三四五六七八九十".to_string()), "{lines:?}");
        assert!(lines.iter().all(|l| measure(&face, l, 100.0) <= 450.0), "{lines:?}");
        let lines = wrap(&face, "The Three-Body Problem", 100.0, 700.0);
        assert!(lines.len() >= 2 && lines.iter().all(|l| !l.starts_with(' ')), "{lines:?}");
        let greedy = wrap(&face, "江城政务信息简报", 100.0, 750.0);
        assert_eq!(greedy.len(), 2);
        assert_eq!(balance(&face, "江城政务信息简报", 100.0, 750.0, greedy, true), ["江城政务", "信息简报"]);
        // Between words only, the date in brackets whole.
        let title = "江城政务信息简报（2021年5月）";
        let lines = balance(&face, title, 100.0, 980.0, wrap(&face, title, 100.0, 980.0), true);
        assert_eq!(lines, ["江城政务信息简报", "（2021年5月）"]);
    }
}
