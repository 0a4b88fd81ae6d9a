//! Images at the I/O boundary: the bytes behind every [`Block::Image`].
//!
//! Takes a parsed document and the folder its input came from; fills
//! [`Document::assets`] and returns warnings. Refuses anything that resolves
//! outside that folder (`..`, absolute paths, symlinks), files over
//! [`MAX_IMAGE_BYTES`] and files that are not images; never fetches URLs.
//! The only file-system code outside the CLI; the CLI calls it.

use crate::error::{Error, Result};
use crate::model::{Block, Document, Inline};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest image we embed. A print-quality full-page scan is 5–20 MB; beyond
/// 50 MB something is wrong (a video renamed, a RAW file) and EPUB readers choke.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// The pixel bounds every image bindery embeds keeps to (`limits.rs`, shared
/// with the PDF reader's figures).
pub use crate::limits::{MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE};

/// What a decoder may allocate for one image checked here: the pixel cap at
/// four bytes a pixel, with room for the decoder's own buffers.
const MAX_DECODE_ALLOC: u64 = MAX_IMAGE_PIXELS * 4 + (64 << 20);

const OUTSIDE: &str = "image points outside the input folder";

/// Read every image the document refers to from `base_dir` into `doc.assets`,
/// keyed by its `src`. Remote images (`https://…`) become links to them, with
/// a warning; a missing file leaves its description as text, with a warning;
/// any other problem with an image is an error naming the file.
pub fn load_images(doc: &mut Document, base_dir: &Path) -> Result<Vec<String>> {
    let base = base_dir.canonicalize().map_err(|source| Error::Read { path: base_dir.to_path_buf(), source })?;
    let mut warnings = Vec::new();
    let mut sources = Vec::new();
    collect(&mut doc.blocks, &mut sources, &mut warnings);
    let mut missing = Vec::new();
    for src in sources {
        if doc.assets.contains_key(&src) {
            continue;
        }
        let path = match resolve(&base, &src) {
            Ok(path) => path,
            Err(Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                warnings.push(format!("{src}: image not found; its description is kept as text"));
                missing.push(src);
                continue;
            }
            Err(e) => return Err(e),
        };
        let bytes = read_limited(&path)?;
        check_image(&bytes, &path)?;
        doc.assets.insert(src, bytes);
    }
    if !missing.is_empty() {
        describe_missing(&mut doc.blocks, &missing);
    }
    Ok(warnings)
}

/// An image whose file is not there becomes a paragraph of its description
/// (its alt text, or its path when it has none), as pandoc does: a draft
/// with one lost picture still converts, and no word of it is lost. Other
/// problems (outside the folder, not an image, too large) stay errors.
fn describe_missing(blocks: &mut [Block], missing: &[String]) {
    Block::visit_mut(blocks, &mut |b| {
        let Block::Image { src, alt, .. } = b else { return };
        if missing.contains(src) {
            let label = if alt.trim().is_empty() { src.clone() } else { alt.clone() };
            *b = Block::rich_paragraph(vec![Inline::Text(label)]);
        }
    });
}

/// Local image sources in document order; remote ones are turned into links.
fn collect(blocks: &mut [Block], sources: &mut Vec<String>, warnings: &mut Vec<String>) {
    Block::visit_mut(blocks, &mut |b| {
        let Block::Image { src, alt, .. } = b else { return };
        if is_remote(src) {
            warnings.push(format!("{src}: remote image not downloaded; kept as a link"));
            let label = if alt.trim().is_empty() { src.clone() } else { alt.clone() };
            *b = Block::rich_paragraph(vec![Inline::Link { url: src.clone(), children: vec![Inline::Text(label)] }]);
        } else if !sources.contains(src) {
            sources.push(src.clone());
        }
    });
}

/// The file `src` (relative, as written in the input) names inside
/// `base_dir`, refused like an image when it leaves the folder: for a
/// Markdown front matter's `cover:`.
pub fn resolve_inside(base_dir: &Path, src: &str) -> Result<PathBuf> {
    let base = base_dir.canonicalize().map_err(|source| Error::Read { path: base_dir.to_path_buf(), source })?;
    resolve(&base, src)
}

/// Refuse what is not an image bindery can embed: not a PNG, JPEG, GIF, WebP
/// or SVG; a raster image over [`MAX_IMAGE_SIDE`] or [`MAX_IMAGE_PIXELS`]
/// (checked from its header, before any pixel is allocated); or one that does
/// not decode (a truncated JPEG), which EPUB readers and the PDF would choke on.
pub fn check_image(bytes: &[u8], path: &Path) -> Result<()> {
    let bad = |message: String| Error::BadAsset { path: path.to_path_buf(), message };
    match image_kind(bytes) {
        None => return Err(bad("is not a PNG, JPEG, GIF, WebP or SVG image".into())),
        Some("image/svg+xml") => return Ok(()),
        Some(_) => {}
    }
    let reader =
        || image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|e| bad(e.to_string()));
    let damaged = |e: image::ImageError| bad(format!("damaged image: {}", e.to_string().trim()));
    let (w, h) = reader()?.into_dimensions().map_err(damaged)?;
    if w.max(h) > MAX_IMAGE_SIDE || u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(bad(format!(
            "image of {w} × {h} pixels is larger than bindery embeds ({} MP, {MAX_IMAGE_SIDE} px a side)",
            MAX_IMAGE_PIXELS / 1_000_000
        )));
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    let mut reader = reader()?;
    reader.limits(limits);
    reader.decode().map(drop).map_err(damaged)
}

/// `https://…`, `data:…`, `mailto:…`: anything with a URL scheme. A
/// one-letter "scheme" is a Windows drive (`C:\…`), handled as a path.
fn is_remote(src: &str) -> bool {
    match src.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() >= 2
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        }
        None => false,
    }
}

/// The file `src` names inside `base` (already canonical), or an error when it
/// is absolute or resolves outside. Tries the percent-decoded form
/// (`my%20cat.png`) when the literal one does not exist.
fn resolve(base: &Path, src: &str) -> Result<PathBuf> {
    let relative = Path::new(src);
    let outside = || Error::BadAsset { path: relative.to_path_buf(), message: OUTSIDE.into() };
    if relative.is_absolute() || relative.has_root() || src.starts_with(['/', '\\']) || has_drive(src) {
        return Err(outside());
    }
    let mut candidates = vec![base.join(relative)];
    if let Some(decoded) = percent_decode(src).filter(|d| d != src) {
        candidates.push(base.join(decoded));
    }
    let mut last_error = None;
    for candidate in candidates {
        match candidate.canonicalize() {
            Ok(real) if real.starts_with(base) => return Ok(real),
            Ok(_) => return Err(outside()),
            Err(e) => last_error = Some(e),
        }
    }
    let source = last_error.unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound));
    Err(Error::Read { path: base.join(relative), source })
}

fn has_drive(src: &str) -> bool {
    let b = src.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// `%20` → space, for image paths written as URLs; `None` when malformed or not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file's bytes, refusing folders, devices, FIFOs (`/dev/zero` never
/// ends) and files over [`MAX_IMAGE_BYTES`] (checked while reading too, in
/// case the file grows).
pub fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let read_error = |source| Error::Read { path: path.to_path_buf(), source };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if meta.is_dir() {
        return Err(Error::BadAsset { path: path.to_path_buf(), message: "is a folder, not an image".into() });
    }
    if !meta.is_file() {
        return Err(Error::BadAsset { path: path.to_path_buf(), message: "is not a regular file".into() });
    }
    let too_big = || Error::BadAsset {
        path: path.to_path_buf(),
        message: format!("image is larger than {} MB", MAX_IMAGE_BYTES / (1024 * 1024)),
    };
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_IMAGE_BYTES + 1).read_to_end(&mut bytes).map_err(read_error)?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The media type of an image, from its first bytes: PNG, JPEG, GIF, WebP or
/// SVG (an XML text whose first kilobyte holds `<svg`).
pub fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        let head = &bytes[..bytes.len().min(1024)];
        let text = String::from_utf8_lossy(head);
        let t = text.trim_start_matches('\u{feff}').trim_start();
        (t.starts_with('<') && t.contains("<svg")).then_some("image/svg+xml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{image_block, list_block, quote_block};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    /// A real 2 × 2 PNG: [`check_image`] decodes what it embeds.
    fn png() -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::from_pixel(2, 2, image::Rgb([200, 30, 30]))
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document { blocks, ..Default::default() }
    }

    fn img(src: &str) -> Block {
        image_block(src.into(), "alt".into(), None)
    }

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("book")).unwrap();
        std::fs::create_dir(dir.path().join("book/img")).unwrap();
        std::fs::write(dir.path().join("book/img/a.png"), png()).unwrap();
        std::fs::write(dir.path().join("book/img/my cat.png"), png()).unwrap();
        std::fs::write(dir.path().join("book/notes.txt"), "not an image").unwrap();
        std::fs::write(dir.path().join("secret.png"), png()).unwrap();
        dir
    }

    #[test]
    fn loads_nested_images_once() {
        let dir = folder();
        let base = dir.path().join("book");
        let mut d = doc(vec![
            img("img/a.png"),
            list_block(false, None, vec![vec![quote_block(vec![img("img/my%20cat.png")])]]),
            img("img/../img/a.png"),
            img("img/a.png"),
        ]);
        let warnings = load_images(&mut d, &base).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(d.assets.len(), 3);
        assert_eq!(d.assets["img/a.png"], png());
        assert!(d.assets.contains_key("img/my%20cat.png"));
    }

    #[test]
    fn refuses_paths_outside_the_folder() {
        let dir = folder();
        let base = dir.path().join("book");
        let abs = dir.path().join("secret.png").display().to_string();
        for src in ["../secret.png", "img/../../secret.png", abs.as_str(), "/etc/passwd"] {
            let err = load_images(&mut doc(vec![img(src)]), &base).unwrap_err();
            assert!(err.to_string().contains(OUTSIDE), "{src}: {err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_that_leave_the_folder() {
        let dir = folder();
        let base = dir.path().join("book");
        std::os::unix::fs::symlink(dir.path().join("secret.png"), base.join("link.png")).unwrap();
        std::os::unix::fs::symlink(base.join("img/a.png"), base.join("inside.png")).unwrap();
        let err = load_images(&mut doc(vec![img("link.png")]), &base).unwrap_err();
        assert!(err.to_string().contains(OUTSIDE));
        assert!(load_images(&mut doc(vec![img("inside.png")]), &base).is_ok());
    }

    #[test]
    fn rejects_non_images_and_folders() {
        let dir = folder();
        let base = dir.path().join("book");
        let err = load_images(&mut doc(vec![img("notes.txt")]), &base).unwrap_err();
        assert!(err.to_string().contains("not a PNG"), "{err}");
        let err = load_images(&mut doc(vec![img("img")]), &base).unwrap_err();
        assert!(err.to_string().contains("folder"), "{err}");
    }

    #[test]
    fn a_missing_image_leaves_its_description_and_a_warning() {
        let dir = folder();
        let base = dir.path().join("book");
        let mut d = doc(vec![img("img/missing.png"), img("img/a.png")]);
        let warnings = load_images(&mut d, &base).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("img/missing.png"), "{warnings:?}");
        assert!(matches!(d.blocks[0], Block::Paragraph { .. }), "{:?}", d.blocks[0]);
        assert!(matches!(d.blocks[1], Block::Image { .. }));
        assert!(d.assets.contains_key("img/a.png") && !d.assets.contains_key("img/missing.png"));
    }

    #[test]
    fn remote_images_become_links() {
        let dir = folder();
        let mut d = doc(vec![img("https://example.org/a.png")]);
        let warnings = load_images(&mut d, &dir.path().join("book")).unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(d.assets.is_empty());
        assert_eq!(
            d.blocks[0],
            Block::rich_paragraph(vec![Inline::Link {
                url: "https://example.org/a.png".into(),
                children: vec![Inline::Text("alt".into())]
            }])
        );
    }

    #[test]
    fn recognises_image_kinds() {
        assert_eq!(image_kind(PNG), Some("image/png"));
        assert_eq!(image_kind(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(image_kind(b"GIF89a.."), Some("image/gif"));
        assert_eq!(image_kind(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(
            image_kind(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Some("image/svg+xml")
        );
        assert_eq!(image_kind(b"<html><body>no</body></html>"), None);
        assert_eq!(image_kind(b"%PDF-1.7"), None);
        assert_eq!(image_kind(b""), None);
    }

    #[test]
    fn schemes_and_drives() {
        assert!(is_remote("https://x/a.png"));
        assert!(is_remote("data:image/png;base64,AAAA"));
        assert!(!is_remote("C:\\pics\\a.png"));
        assert!(!is_remote("img/a.png"));
        assert!(has_drive("C:\\pics\\a.png"));
    }
}
