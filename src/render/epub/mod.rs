//! EPUB 3 renderer: the document model to a reproducible EPUB 3 file.
//!
//! Takes a `&Document` and [`EpubOptions`]; returns the bytes of an EPUB 3
//! package (with an NCX for EPUB 2 readers) that EPUBCheck accepts: one XHTML
//! file per top-level section, a nested navigation document that doubles as
//! title page and optional contents page, a cover, language-aware typography.
//! Never reads the clock (the timestamp is SOURCE_DATE_EPOCH, the document's
//! date or 1980-01-01) and never touches the file system beyond the bundled
//! font, which [`crate::fonts`] loads.
//!
//! epub-builder (pinned `=0.8.3`) provides the TOC tree ([`epub_builder::Toc`]); its
//! package writer is not used because it cannot express what this book needs
//! (creator roles, publisher, ISBN identifiers, a title page in the spine,
//! `lang` on the navigation document, a deterministic zip: its `Zip` trait is
//! private and `ZipLibrary` stamps the wall clock). Those parts are templates
//! under `templates/epub/` and `archive`.

mod archive;
mod cover;
mod font;
mod kepub;
mod package;

/// The identifier the EPUB's package carries (a given ISBN/UUID as a URN, else a content UUID).
pub use package::identifier as package_identifier;
mod templates;
mod vertical;
mod xhtml;

/// XML text and attribute escaping (also for the OPF sidecars of a batch).
pub(crate) use xhtml::escape;
pub use xhtml::MAX_SECTION_BYTES;

use super::Renderer;
use crate::error::Result;
use crate::model::{is_cjk_language, Block, Document};
use crate::report::Report;
use epub_builder::{Toc, TocElement};
use serde::Serialize;
use xhtml::{clean_text, AssetNames, Section};

/// Options for the EPUB renderer.
#[derive(Debug, Clone)]
pub struct EpubOptions {
    /// Cover image bytes given by the user (any format the `image` crate
    /// reads); re-encoded as JPEG. `None`: a cover is drawn from the metadata.
    pub cover: Option<Vec<u8>>,
    /// Embed the body font subset to the characters used, and its bold face
    /// subset to the characters set bold (with the `vert` forms when vertical).
    pub embed_fonts: bool,
    /// Timestamp for dcterms:modified and zip entries (SOURCE_DATE_EPOCH).
    pub source_date_epoch: Option<i64>,
    /// Show the table of contents as a page after the title page (the
    /// navigation document is in the book either way).
    pub contents_page: bool,
    /// Vertical writing (縦書き): `writing-mode: vertical-rl`, pages right to left.
    pub vertical: bool,
    /// Kobo's kepub: a koboSpan per sentence, written as `NAME.kepub.epub`.
    pub kepub: bool,
}

impl Default for EpubOptions {
    fn default() -> Self {
        EpubOptions {
            cover: None,
            embed_fonts: false,
            source_date_epoch: None,
            contents_page: true,
            vertical: false,
            kepub: false,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Epub {
    pub options: EpubOptions,
}

impl Renderer for Epub {
    fn extension(&self) -> &'static str {
        if self.options.kepub {
            "kepub.epub"
        } else {
            "epub"
        }
    }

    fn render(&self, doc: &Document, _report: &Report) -> Result<Vec<u8>> {
        build(doc, &self.options)
    }
}

/// Package paths (relative to `OEBPS/`) of the files every book has.
const OPF_PATH: &str = "OEBPS/content.opf";
const NAV_HREF: &str = "nav.xhtml";
const NCX_HREF: &str = "toc.ncx";
const STYLESHEET_HREF: &str = "style.css";
const COVER_PAGE_HREF: &str = "cover.xhtml";
const FONT_HREF: &str = "fonts/body.otf";
const BOLD_FONT_HREF: &str = "fonts/body-bold.otf";

/// One `<item>` of the manifest.
#[derive(Debug, Clone, Serialize)]
struct ManifestItem {
    id: String,
    href: String,
    media_type: &'static str,
    properties: &'static str,
}

impl ManifestItem {
    fn new(id: impl Into<String>, href: impl Into<String>, media_type: &'static str) -> Self {
        ManifestItem { id: id.into(), href: href.into(), media_type, properties: "" }
    }
}

/// One entry of the landmarks navigation.
#[derive(Debug, Clone, Serialize)]
struct Landmark {
    kind: &'static str,
    href: String,
    label: &'static str,
}

#[derive(Serialize)]
struct SeriesCtx {
    name: String,
    index: String,
}

#[derive(Serialize)]
struct OpfCtx<'a> {
    lang: &'a str,
    identifier: &'a str,
    title: &'a str,
    subtitle: String,
    creators: Vec<package::CreatorEntry>,
    date: String,
    publisher: String,
    description: String,
    subjects: Vec<String>,
    modified: String,
    series: Option<SeriesCtx>,
    access_modes: Vec<&'static str>,
    accessibility_features: Vec<&'static str>,
    accessibility_summary: &'static str,
    generator: String,
    manifest: Vec<ManifestItem>,
    spine: Vec<String>,
    vertical: bool,
}

#[derive(Serialize)]
struct NavCtx<'a> {
    lang: &'a str,
    title: &'a str,
    subtitle: String,
    authors: Vec<String>,
    publisher: String,
    date: String,
    stylesheet: &'static str,
    script: &'static str,
    contents_page: bool,
    labels: &'a package::Labels,
    toc: String,
    landmarks: Vec<Landmark>,
}

#[derive(Serialize)]
struct NcxCtx<'a> {
    lang: &'a str,
    identifier: &'a str,
    title: &'a str,
    depth: usize,
    nav_points: String,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    lang: &'a str,
    title: &'a str,
    stylesheet: &'static str,
    script: &'static str,
    body: &'a str,
}

#[derive(Serialize)]
struct CoverCtx<'a> {
    lang: &'a str,
    title: &'a str,
    stylesheet: &'static str,
    image: &'a str,
    alt: &'a str,
}

#[derive(Serialize)]
struct FontCtx<'a> {
    href: &'a str,
    bold_href: Option<&'a str>,
}

/// What the accessibility metadata says of the images, if any.
const ACCESSIBILITY_SUMMARY: &str = "Text with structured headings at every level, a navigable table of \
     contents and a reading order that follows the source; no time limits, flashing or sound.";

/// Text of the book's title (never empty: readers list books by it).
fn book_title(doc: &Document) -> String {
    let t = clean_text(doc.metadata.title.trim());
    if t.is_empty() {
        "Untitled".to_string()
    } else {
        t
    }
}

fn opt_text(s: &Option<String>) -> String {
    s.as_deref().map(|s| clean_text(s.trim())).unwrap_or_default()
}

/// Render the whole package.
fn build(doc: &Document, options: &EpubOptions) -> Result<Vec<u8>> {
    let meta = &doc.metadata;
    let lang = package::language(&meta.language);
    let script = if is_cjk_language(&lang) { "cjk" } else { "latin" };
    let labels = package::labels(&lang);
    let title = book_title(doc);
    let modified = package::modified(options.source_date_epoch, meta);

    let mut archive = archive::Archive::default();
    archive.add("META-INF/container.xml", templates::CONTAINER);
    let mut manifest = vec![
        ManifestItem { properties: "nav", ..ManifestItem::new("nav", NAV_HREF, "application/xhtml+xml") },
        ManifestItem::new("ncx", NCX_HREF, "application/x-dtbncx+xml"),
        ManifestItem::new("style", STYLESHEET_HREF, "text/css"),
    ];
    let mut spine = Vec::new();
    let mut landmarks = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();

    // Cover: the user's image, or one drawn from the metadata.
    let cover = match &options.cover {
        Some(bytes) => cover::from_user(bytes, meta.cover.as_deref())?,
        None => cover::generated(doc, &title)?,
    };
    let cover_href = format!("images/cover.{}", cover.extension);
    manifest.push(ManifestItem {
        properties: "cover-image",
        ..ManifestItem::new("cover-image", &cover_href, cover.media_type)
    });
    manifest.push(ManifestItem::new("cover", COVER_PAGE_HREF, "application/xhtml+xml"));
    spine.push("cover".to_string());
    landmarks.push(Landmark { kind: "cover", href: COVER_PAGE_HREF.into(), label: labels.cover });
    let cover_page = templates::render(
        templates::COVER_XHTML,
        CoverCtx { lang: &lang, title: &title, stylesheet: STYLESHEET_HREF, image: &cover_href, alt: &title },
    )?;
    files.push((COVER_PAGE_HREF.into(), cover_page.into_bytes()));
    files.push((cover_href.clone(), cover.bytes));

    // Title page and contents live in the navigation document, in the spine.
    spine.push("nav".to_string());
    landmarks.push(Landmark { kind: "titlepage", href: format!("{NAV_HREF}#titlepage"), label: labels.title_page });
    if options.contents_page {
        landmarks.push(Landmark { kind: "toc", href: format!("{NAV_HREF}#toc"), label: labels.contents });
    }

    // Images of the body.
    let mut asset_names = AssetNames::new();
    let mut image_alts_complete = true;
    for (n, (src, alt)) in body_images(&doc.blocks).into_iter().enumerate() {
        image_alts_complete &= !alt.trim().is_empty();
        if asset_names.contains_key(src) {
            continue;
        }
        let Some(bytes) = doc.assets.get(src) else { continue };
        let image = cover::embeddable(bytes, src)?;
        let href = format!("images/image-{:03}.{}", n + 1, image.extension);
        manifest.push(ManifestItem::new(format!("image-{:03}", n + 1), &href, image.media_type));
        files.push((href.clone(), image.bytes));
        asset_names.insert(src.to_string(), href);
    }

    // Body files and the TOC tree.
    // The content identifier hashes the whole document serialised, a tenth
    // of the writer's own work: done on another thread beside the body's files.
    let (identifier, sections) =
        rayon::join(|| package::identifier(doc), || xhtml::split_sections(&doc.blocks, &asset_names, &lang));
    let mut toc = Toc::new();
    let first_href = first_section_href(&sections);
    // Each section's markup goes once its page is made: the body is not held twice.
    for (n, section) in sections.into_iter().enumerate() {
        let id = format!("section-{:03}", n + 1);
        let href = format!("{id}.xhtml");
        let page_title = section.headings.first().map(|h| h.text.as_str()).unwrap_or(&title);
        let mut body = std::borrow::Cow::Borrowed(section.body.as_str());
        if options.vertical {
            body = vertical::wrap_upright_numbers(&body).into();
        }
        if options.kepub {
            body = kepub::add_kobo_spans(&body).into();
        }
        let body = body.as_ref();
        let page = templates::render(
            templates::SECTION_XHTML,
            PageCtx { lang: &lang, title: page_title, stylesheet: STYLESHEET_HREF, script, body },
        )?;
        for h in &section.headings {
            if !h.text.trim().is_empty() {
                toc.add(TocElement::new(format!("{href}#{}", h.id), h.text.trim()).level(i32::from(h.level)));
            }
        }
        if n == 0 {
            landmarks.push(Landmark { kind: "bodymatter", href: href.clone(), label: labels.start });
        }
        manifest.push(ManifestItem::new(&id, &href, "application/xhtml+xml"));
        spine.push(id);
        files.push((href, page.into_bytes()));
    }
    if toc.elements.is_empty() {
        // A book without headings still needs one entry (EPUB and NCX forbid empty lists).
        toc.add(TocElement::new(first_href, title.as_str()));
    }

    // Stylesheet, with the embedded font if asked for.
    let mut stylesheet = String::new();
    if options.embed_fonts {
        let fonts = font::subsets(doc, options.vertical)?;
        manifest.push(ManifestItem::new("font-body", FONT_HREF, "font/otf"));
        files.push((FONT_HREF.into(), fonts.regular));
        let bold_href = fonts.bold.map(|bold| {
            manifest.push(ManifestItem::new("font-body-bold", BOLD_FONT_HREF, "font/otf"));
            files.push((BOLD_FONT_HREF.into(), bold));
            BOLD_FONT_HREF
        });
        stylesheet.push_str(&templates::render(templates::FONTS_CSS, FontCtx { href: FONT_HREF, bold_href })?);
    }
    stylesheet.push_str(templates::STYLESHEET);
    if options.vertical {
        stylesheet.push_str(vertical::STYLESHEET);
    }
    files.push((STYLESHEET_HREF.into(), stylesheet.into_bytes()));

    // Navigation document (title page + contents + landmarks) and NCX.
    let creators = package::creators(meta);
    let nav = templates::render(
        templates::NAV_XHTML,
        NavCtx {
            lang: &lang,
            title: &title,
            subtitle: opt_text(&meta.subtitle),
            authors: creators.iter().map(|c| c.name.clone()).collect(),
            publisher: opt_text(&meta.publisher),
            date: opt_text(&meta.date),
            stylesheet: STYLESHEET_HREF,
            script,
            contents_page: options.contents_page,
            labels: &labels,
            toc: toc.render(true, true),
            landmarks,
        },
    )?;
    files.push((NAV_HREF.into(), nav.into_bytes()));
    let ncx = templates::render(
        templates::TOC_NCX,
        NcxCtx {
            lang: &lang,
            identifier: &identifier,
            title: &title,
            depth: toc_depth(&toc.elements),
            nav_points: toc.render_epub(true),
        },
    )?;
    files.push((NCX_HREF.into(), ncx.into_bytes()));

    // Package document.
    let has_images = !asset_names.is_empty();
    let mut features = vec!["structuralNavigation", "tableOfContents", "readingOrder"];
    if has_images && image_alts_complete {
        features.push("alternativeText");
    }
    let opf = templates::render(
        templates::CONTENT_OPF,
        OpfCtx {
            lang: &lang,
            identifier: &identifier,
            title: &title,
            subtitle: opt_text(&meta.subtitle),
            creators,
            date: meta.date.as_deref().and_then(package::w3c_date).unwrap_or_default(),
            publisher: opt_text(&meta.publisher),
            description: opt_text(&meta.description),
            subjects: meta.subjects.iter().map(|s| clean_text(s.trim())).filter(|s| !s.is_empty()).collect(),
            modified: modified.to_w3c(),
            series: meta.series.as_ref().filter(|s| !s.name.trim().is_empty()).map(|s| SeriesCtx {
                name: clean_text(s.name.trim()),
                index: package::series_index(s.index).unwrap_or_default(),
            }),
            access_modes: if has_images { vec!["textual", "visual"] } else { vec!["textual"] },
            accessibility_features: features,
            accessibility_summary: ACCESSIBILITY_SUMMARY,
            generator: format!("bindery {}", env!("CARGO_PKG_VERSION")),
            manifest,
            spine,
            vertical: options.vertical,
        },
    )?;
    archive.add(OPF_PATH, opf);
    for (href, bytes) in files {
        archive.add(format!("OEBPS/{href}"), bytes);
    }
    archive.finish(modified)
}

fn first_section_href(sections: &[Section]) -> String {
    if sections.is_empty() {
        NAV_HREF.to_string()
    } else {
        "section-001.xhtml".to_string()
    }
}

/// Nesting depth of the TOC tree (NCX `dtb:depth`).
fn toc_depth(elements: &[TocElement]) -> usize {
    elements.iter().map(|e| 1 + toc_depth(&e.children)).max().unwrap_or(0)
}

/// `(src, alt)` of every image in the body, nested ones included, in order.
fn body_images(blocks: &[Block]) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Image { src, alt, .. } => out.push((src.as_str(), alt.as_str())),
            Block::List { items, .. } => {
                for item in items {
                    out.extend(body_images(item));
                }
            }
            Block::BlockQuote { blocks, .. } => out.extend(body_images(blocks)),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{heading_id, Metadata};
    use std::io::Read;

    fn doc() -> Document {
        Document {
            metadata: Metadata { title: "测试书".into(), language: "zh-Hans".into(), ..Default::default() },
            blocks: vec![
                Block::paragraph("序言。"),
                Block::Heading { level: 1, id: heading_id(1), text: "第一章".into() },
                Block::paragraph("正文。"),
                Block::Heading { level: 2, id: heading_id(2), text: "第一节".into() },
            ],
            ..Default::default()
        }
    }

    fn entry(epub: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn renders_a_package_with_nested_nav_and_language() {
        let epub = build(&doc(), &EpubOptions::default()).unwrap();
        let opf = entry(&epub, OPF_PATH);
        assert!(opf.contains("<dc:language>zh-Hans</dc:language>"));
        assert!(opf.contains("<meta property=\"dcterms:modified\">1980-01-01T00:00:00Z</meta>"));
        assert!(opf.contains("<itemref idref=\"section-002\"/>"));
        let nav = entry(&epub, "OEBPS/nav.xhtml");
        assert!(nav.contains("lang=\"zh-Hans\""));
        assert!(nav.contains("<a href=\"section-002.xhtml#h2\">第一节</a>"), "{nav}");
        let ch = entry(&epub, "OEBPS/section-002.xhtml");
        assert!(ch.contains("<body class=\"cjk\""));
        assert!(ch.contains("<h1 id=\"h1\">第一章</h1>"));
    }

    #[test]
    fn toc_depth_counts_nesting() {
        let mut toc = Toc::new();
        toc.add(TocElement::new("a", "a").level(1));
        toc.add(TocElement::new("b", "b").level(3));
        toc.add(TocElement::new("c", "c").level(1));
        assert_eq!(toc_depth(&toc.elements), 2);
    }
}
