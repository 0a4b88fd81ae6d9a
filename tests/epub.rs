//! End-to-end tests of the EPUB renderer on real artefacts: EPUBCheck, the
//! scorer (`../shared/eval/score.py`), Calibre's `ebook-meta`, byte-identical
//! rebuilds.
//!
//! External tools missing: the test fails when `CI` is set, else it is
//! skipped with a message. Written EPUBs go to `target/epub-tests/` for
//! inspection (never committed).

use bindery::model::{heading_id, Creator, Series};
use bindery::render::epub::{Epub, EpubOptions};
use bindery::render::json::Json;
use bindery::render::Renderer;
use bindery::{Block, Document, Inline, Metadata, Report};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

/// The seed case in `../shared` (found by `common::shared`, which fails under CI when it is missing).
fn seed_dir() -> Option<PathBuf> {
    common::shared().map(|s| s.join("corpus/luoyang-bulletin"))
}

fn scorer() -> Option<PathBuf> {
    common::shared().map(|s| s.join("eval/score.py"))
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("epub-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn render(doc: &Document, options: EpubOptions) -> Vec<u8> {
    Epub { options }.render(doc, &Report::default()).unwrap()
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = out_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Whether an external tool can be used; panics under CI when it cannot.
fn tool_available(program: &str, probe: &[&str]) -> bool {
    let ok = Command::new(program).args(probe).output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("{program} is required under CI but is not installed");
        }
        eprintln!("skipping: {program} is not installed");
    }
    ok
}

fn entry(epub: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Run EPUBCheck (the `epubcheck` wrapper of the Python package, which prints
/// one line per message and nothing for a clean book); assert 0 fatals, 0
/// errors and 0 warnings.
fn epubcheck(path: &Path) {
    if !tool_available("epubcheck", &["-h"]) {
        return;
    }
    let out = Command::new("epubcheck").arg(path).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let problems: Vec<&str> =
        text.lines().filter(|l| ["FATAL", "ERROR", "WARNING"].iter().any(|level| l.starts_with(level))).collect();
    assert!(out.status.success() && problems.is_empty(), "EPUBCheck on {}:\n{text}", path.display());
    eprintln!("EPUBCheck {}: 0 fatals / 0 errors / 0 warnings", path.display());
}

fn meta(title: &str, language: &str) -> Metadata {
    Metadata { title: title.into(), language: language.into(), ..Default::default() }
}

fn heading(n: usize, level: u8, text: &str) -> Block {
    Block::Heading { level, id: heading_id(n), text: text.into() }
}

fn chinese() -> Document {
    let mut blocks = vec![Block::paragraph("本书收录二〇二三年三月的政务信息。")];
    let mut n = 0;
    for (c, chapter) in ["特别关注", "亮点聚焦", "3月大事记"].iter().enumerate() {
        n += 1;
        blocks.push(heading(n, 1, chapter));
        for s in 1..=2 {
            n += 1;
            blocks.push(heading(n, 2, &format!("第{}节　专题{}", s, c + 1)));
            for a in 1..=2 {
                n += 1;
                blocks.push(heading(n, 3, &format!("省考察组来江城开展“绿色产业”专题调研（{a}）")));
                blocks.push(Block::paragraph(
                    "5月12日，省考察组来江城开展“绿色产业”专题调研。考察组先后来到江城化工厂、\
                     江城农机厂等企业，深入了解绿色产业发展情况。<注意>&“引号”。",
                ));
                blocks.push(Block::paragraph("调研组指出，要坚持生态优先、绿色发展。"));
            }
        }
    }
    Document {
        metadata: Metadata {
            authors: vec![Creator::author("江城市人民政府办公室")],
            date: Some("2023-03".into()),
            ..meta("江城政务信息简报", "zh-CN")
        },
        blocks,
        ..Default::default()
    }
}

fn english() -> Document {
    Document {
        metadata: Metadata { authors: vec![Creator::author("Jane Austen")], ..meta("Pride & Prejudice", "en") },
        blocks: vec![
            heading(1, 1, "Chapter 1"),
            Block::paragraph(
                "It is a truth universally acknowledged, that a single man in possession of a good fortune, \
                 must be in want of a wife.",
            ),
            Block::paragraph(
                "However little known the feelings or views of such a man may be on his first entering a \
                 neighbourhood, this truth is so well fixed in the minds of the surrounding families.",
            ),
            heading(2, 2, "A <small> section & more"),
            Block::paragraph("\u{201c}My dear Mr. Bennet,\u{201d} said his lady to him one day."),
            heading(3, 1, "Chapter 2"),
            Block::paragraph("Mr. Bennet was among the earliest of those who waited on Mr. Bingley."),
        ],
        ..Default::default()
    }
}

fn japanese() -> Document {
    Document {
        metadata: Metadata { authors: vec![Creator::author("夏目漱石")], ..meta("吾輩は猫である", "ja") },
        blocks: vec![
            heading(1, 1, "一"),
            Block::paragraph("吾輩は猫である。名前はまだ無い。"),
            Block::paragraph("どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。"),
            heading(2, 2, "二の一"),
            Block::paragraph("吾輩はここで始めて人間というものを見た。"),
        ],
        ..Default::default()
    }
}

fn tiny_png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(8, 6, image::Rgb([200, 30, 30]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

fn every_block() -> Document {
    let mut doc = Document {
        metadata: meta("Every block", "en"),
        blocks: vec![
            Block::paragraph("Front matter before any heading."),
            heading(1, 1, "Blocks"),
            Block::rich_paragraph(vec![
                Inline::Text("Plain, ".into()),
                Inline::Emphasis(vec![Inline::Text("emphasis".into())]),
                Inline::Text(", ".into()),
                Inline::Strong(vec![Inline::Text("strong".into())]),
                Inline::Text(", ".into()),
                Inline::Code("code()".into()),
                Inline::Text(", ".into()),
                Inline::Link {
                    url: "https://example.org/a?b=1&c=2".into(),
                    children: vec![Inline::Text("a link".into())],
                },
                Inline::LineBreak,
                Inline::Text("after a break".into()),
                Inline::FootnoteRef("1".into()),
            ]),
            Block::List {
                ordered: false,
                start: None,
                items: vec![vec![Block::paragraph("one")], vec![Block::paragraph("two"), Block::paragraph("two b")]],
                text: "one\ntwo two b".into(),
            },
            Block::List {
                ordered: true,
                start: Some(4),
                items: vec![vec![Block::paragraph("four")]],
                text: "four".into(),
            },
            Block::BlockQuote { blocks: vec![Block::paragraph("A quotation.")], text: "A quotation.".into() },
            heading(2, 2, "Code & tables"),
            Block::CodeBlock {
                language: Some("rust".into()),
                text: "fn main() {\n    println!(\"<hi>\");\n}\n".into(),
            },
            Block::Table {
                header: vec![vec![Inline::Text("Name".into())], vec![Inline::Text("Value".into())]],
                rows: vec![vec![vec![Inline::Text("a".into())], vec![Inline::Text("1".into())]]],
                text: "Name Value\na 1".into(),
            },
            heading(3, 3, "Images"),
            Block::Image {
                src: "img/red.png".into(),
                alt: "A red rectangle".into(),
                title: None,
                text: "A red rectangle".into(),
            },
            Block::ThematicBreak { text: String::new() },
            Block::ThematicBreak { text: "* * *".into() },
            heading(4, 4, "Level four"),
            heading(5, 5, "Level five"),
            heading(6, 6, "Level six"),
            Block::paragraph("The end."),
        ],
        ..Default::default()
    };
    doc.assets.insert("img/red.png".into(), tiny_png());
    doc
}

fn rich_metadata() -> Document {
    Document {
        metadata: Metadata {
            title: "三体".into(),
            subtitle: Some("地球往事".into()),
            authors: vec![Creator::author("刘慈欣"), Creator { name: "Ken Liu".into(), role: "trl".into() }],
            language: "zh-Hans".into(),
            identifier: Some("ISBN 978-0-306-40615-7".into()),
            date: Some("2008-01-01".into()),
            publisher: Some("重庆出版社".into()),
            description: Some("文化大革命如火如荼进行的同时……\"quoted\" & <tagged>".into()),
            subjects: vec!["科幻".into(), "Science fiction".into()],
            series: Some(Series { name: "地球往事 \"三部曲\"".into(), index: Some(1.0) }),
            cover: None,
        },
        blocks: vec![
            heading(1, 1, "第一部　科学边界"),
            Block::paragraph("汪淼觉得，来找他的这四个人是一个奇怪的组合。"),
        ],
        ..Default::default()
    }
}

fn seed() -> Option<Document> {
    let path = seed_dir()?.join("input.txt");
    let bytes = std::fs::read(&path).ok()?;
    let options = bindery::Options { name: "input.txt".into(), ..Default::default() };
    Some(bindery::convert(&bytes, &options).unwrap().document)
}

fn fixed_time() -> EpubOptions {
    EpubOptions { source_date_epoch: Some(1_700_000_000), ..Default::default() }
}

// ---------------------------------------------------------------- EPUBCheck

#[test]
fn epubcheck_chinese_three_levels() {
    epubcheck(&write("chinese.epub", &render(&chinese(), fixed_time())));
}

#[test]
fn epubcheck_english() {
    epubcheck(&write("english.epub", &render(&english(), EpubOptions::default())));
}

#[test]
fn epubcheck_japanese() {
    epubcheck(&write("japanese.epub", &render(&japanese(), EpubOptions::default())));
}

#[test]
fn epubcheck_every_block_type() {
    epubcheck(&write(
        "every-block.epub",
        &render(&every_block(), EpubOptions { contents_page: false, ..fixed_time() }),
    ));
}

#[test]
fn epubcheck_rich_metadata() {
    epubcheck(&write("metadata.epub", &render(&rich_metadata(), fixed_time())));
}

#[test]
fn epubcheck_seed() {
    let Some(doc) = seed() else {
        eprintln!("skipping: the seed case is not found");
        return;
    };
    epubcheck(&write("luoyang-bulletin.epub", &render(&doc, EpubOptions::default())));
}

#[test]
fn epubcheck_user_cover() {
    let options = EpubOptions { cover: Some(tiny_png()), ..fixed_time() };
    let epub = render(&english(), options);
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains("href=\"images/cover.jpg\" media-type=\"image/jpeg\" properties=\"cover-image\""), "{opf}");
    epubcheck(&write("user-cover.epub", &epub));
}

#[test]
fn epubcheck_embedded_font_subset() {
    let epub = render(&japanese(), EpubOptions { embed_fonts: true, ..fixed_time() });
    let css = entry(&epub, "OEBPS/style.css");
    assert!(css.contains("font-family: \"Bindery Body\"") && css.contains("url(\"fonts/body.otf\")"), "{css}");
    // Headings get the real bold face, declared as the family's bold.
    assert!(css.contains("font-weight: bold;\n  src: url(\"fonts/body-bold.otf\")"), "{css}");
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains("href=\"fonts/body-bold.otf\" media-type=\"font/otf\""), "{opf}");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&epub)).unwrap();
    for font in ["OEBPS/fonts/body.otf", "OEBPS/fonts/body-bold.otf"] {
        let size = z.by_name(font).unwrap().size();
        assert!(size < 300_000, "{font} is {size} bytes");
    }
    epubcheck(&write("embedded-font.epub", &epub));
}

#[test]
fn epubcheck_embedded_fonts_in_a_vertical_book() {
    let epub = render(&japanese(), EpubOptions { embed_fonts: true, vertical: true, ..fixed_time() });
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&epub)).unwrap();
    for font in ["OEBPS/fonts/body.otf", "OEBPS/fonts/body-bold.otf"] {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut z.by_name(font).unwrap(), &mut bytes).unwrap();
        let face = rustybuzz::ttf_parser::Face::parse(&bytes, 0).unwrap();
        let gsub = face.tables().gsub.expect("a vertical book's subset keeps vert");
        assert!(gsub.features.into_iter().any(|f| &f.tag.to_bytes() == b"vert"), "{font}");
    }
    epubcheck(&write("embedded-font-vertical.epub", &epub));
}

// ---------------------------------------------------------------- determinism

#[test]
fn rebuilds_are_byte_identical() {
    for doc in [chinese(), every_block(), rich_metadata()] {
        let a = render(&doc, EpubOptions::default());
        std::thread::sleep(std::time::Duration::from_millis(1100)); // a clock read would now differ
        let b = render(&doc, EpubOptions::default());
        assert!(a == b, "{}: two renders differ", doc.metadata.title);
        let c = render(&doc, fixed_time());
        assert!(c == render(&doc, fixed_time()));
    }
}

#[test]
fn timestamps_come_from_source_date_epoch_or_a_fixed_date() {
    let epub = render(&english(), fixed_time());
    assert!(entry(&epub, "OEBPS/content.opf").contains(">2023-11-14T22:13:20Z</meta>"));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&epub)).unwrap();
    assert_eq!(z.by_index(0).unwrap().name(), "mimetype");
    for i in 0..z.len() {
        let m = z.by_index(i).unwrap().last_modified().unwrap();
        assert_eq!((m.year(), m.month(), m.day(), m.hour(), m.minute()), (2023, 11, 14, 22, 13));
    }
    // Without SOURCE_DATE_EPOCH: the document's date, else 1980-01-01.
    assert!(entry(&render(&chinese(), EpubOptions::default()), "OEBPS/content.opf")
        .contains(">2023-03-01T00:00:00Z</meta>"));
    assert!(entry(&render(&english(), EpubOptions::default()), "OEBPS/content.opf")
        .contains(">1980-01-01T00:00:00Z</meta>"));
}

// ---------------------------------------------------------------- content and metadata

#[test]
fn metadata_in_the_package() {
    let opf = entry(&render(&rich_metadata(), fixed_time()), "OEBPS/content.opf");
    for needle in [
        "<dc:identifier id=\"book-id\">urn:isbn:9780306406157</dc:identifier>",
        "<dc:title id=\"title\">三体</dc:title>",
        "<dc:title id=\"subtitle\">地球往事</dc:title>",
        "<dc:language>zh-Hans</dc:language>",
        "<dc:creator id=\"creator-1\">刘慈欣</dc:creator>",
        "<meta refines=\"#creator-1\" property=\"role\" scheme=\"marc:relators\">aut</meta>",
        "<dc:contributor id=\"creator-2\">Ken Liu</dc:contributor>",
        "<meta refines=\"#creator-2\" property=\"role\" scheme=\"marc:relators\">trl</meta>",
        "<dc:date>2008-01-01T00:00:00Z</dc:date>",
        "<dc:publisher>重庆出版社</dc:publisher>",
        "&quot;quoted&quot; &amp; &lt;tagged&gt;",
        "<dc:subject>科幻</dc:subject>",
        "<meta property=\"belongs-to-collection\" id=\"series\">地球往事 &quot;三部曲&quot;</meta>",
        "<meta refines=\"#series\" property=\"collection-type\">series</meta>",
        "<meta refines=\"#series\" property=\"group-position\">1</meta>",
        "<meta name=\"calibre:series\" content=\"地球往事 &quot;三部曲&quot;\"/>",
        "<meta name=\"calibre:series_index\" content=\"1\"/>",
        "<meta property=\"schema:accessMode\">textual</meta>",
        "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
    ] {
        assert!(opf.contains(needle), "missing {needle} in\n{opf}");
    }
}

#[test]
fn chinese_language_is_never_defaulted_to_english() {
    let epub = render(&chinese(), EpubOptions::default());
    let opf = entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains("<dc:language>zh-CN</dc:language>"));
    assert!(!opf.contains(">en<"));
    let page = entry(&epub, "OEBPS/section-002.xhtml");
    assert!(page.contains("lang=\"zh-CN\" xml:lang=\"zh-CN\""));
    assert!(page.contains("<body class=\"cjk\""));
    assert!(page.contains("&lt;注意&gt;&amp;“引号”"));
    let nav = entry(&epub, "OEBPS/nav.xhtml");
    // Three levels nested in the nav.
    assert!(nav.matches("<ol>").count() >= 3, "{nav}");
    let ncx = entry(&epub, "OEBPS/toc.ncx");
    assert!(ncx.contains("<meta name=\"dtb:depth\" content=\"3\"/>"));
}

#[test]
fn derived_identifier_survives_rebuilds() {
    let a = entry(&render(&english(), EpubOptions::default()), "OEBPS/content.opf");
    let b = entry(&render(&english(), fixed_time()), "OEBPS/content.opf");
    let id =
        |opf: &str| opf.split("<dc:identifier id=\"book-id\">").nth(1).unwrap().split('<').next().unwrap().to_string();
    assert!(id(&a).starts_with("urn:uuid:"));
    assert_eq!(id(&a), id(&b));
}

#[test]
fn contents_page_is_optional() {
    let shown = entry(&render(&english(), EpubOptions::default()), "OEBPS/nav.xhtml");
    assert!(!shown.contains("id=\"toc\" role=\"doc-toc\" hidden"));
    let hidden =
        entry(&render(&english(), EpubOptions { contents_page: false, ..Default::default() }), "OEBPS/nav.xhtml");
    assert!(hidden.contains("id=\"toc\" role=\"doc-toc\" hidden=\"hidden\""));
}

#[test]
fn unreadable_cover_is_an_error() {
    let options = EpubOptions { cover: Some(b"GIF89a-but-not-really".to_vec()), ..Default::default() };
    let err = Epub { options }.render(&english(), &Report::default()).unwrap_err();
    assert!(err.to_string().contains("cover image"), "{err}");
}

// ---------------------------------------------------------------- scorer

fn python_available() -> bool {
    scorer().is_some() && tool_available("python3", &["--version"])
}

/// The scorer's full result for one output file.
fn score(case: &Path, output: &Path) -> serde_json::Value {
    let scorer = scorer().expect("the scorer in ../shared");
    let out = Command::new("python3").arg(scorer).arg(case).arg(output).arg("--json").output().unwrap();
    assert!(out.status.success(), "score.py failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The EPUB must score exactly as the JSON of the same document: it loses and
/// adds nothing, heading levels included (its `<hN>` keep the document's
/// levels; the gap-free outline for screen readers rides in `aria-level`).
fn assert_same_scores(case: &Path, doc: &Document, name: &str) {
    let json = Json { with_report: false }.render(doc, &Report::default()).unwrap();
    let json_path = write(&format!("{name}.json"), &json);
    let epub_path = write(&format!("{name}.epub"), &render(doc, EpubOptions::default()));
    let (j, e) = (score(case, &json_path), score(case, &epub_path));
    for (key, value) in j.as_object().unwrap() {
        assert_eq!(e.get(key), Some(value), "{name}: {key} differs (JSON {value}, EPUB {:?})", e.get(key));
    }
    eprintln!("{name}: EPUB scores as JSON: {e}");
}

#[test]
fn scorer_sees_the_seed_epub_as_its_json() {
    let Some(doc) = seed() else {
        eprintln!("skipping: the seed case is not found");
        return;
    };
    if python_available() {
        assert_same_scores(&seed_dir().expect("seed found above"), &doc, "luoyang-bulletin");
    }
}

/// A case for the scorer made from a hand-built document with headings, so
/// heading recall, levels and the TOC are compared too.
#[test]
fn scorer_sees_headings_and_levels_of_the_chinese_epub() {
    if !python_available() {
        return;
    }
    let doc = chinese();
    let case = out_dir().join("chinese-case");
    std::fs::create_dir_all(&case).unwrap();
    let headings: Vec<_> =
        doc.outline().iter().map(|h| serde_json::json!({"level": h.level, "text": h.text})).collect();
    let paragraphs: Vec<&str> =
        doc.blocks.iter().filter(|b| !matches!(b, Block::Heading { .. })).map(|b| b.text()).collect();
    let truth = serde_json::json!({
        "title": doc.metadata.title, "language": "zh-CN", "encoding": "utf-8",
        "headings": headings, "paragraph_count": paragraphs.len(),
        "paragraphs_sample": paragraphs, "must_not_appear": [], "expected_document": "expected.json"
    });
    std::fs::write(case.join("truth.json"), serde_json::to_vec(&truth).unwrap()).unwrap();
    std::fs::write(case.join("expected.json"), Json { with_report: false }.render(&doc, &Report::default()).unwrap())
        .unwrap();
    assert_same_scores(&case, &doc, "chinese-scored");
    let epub_scores = score(&case, &out_dir().join("chinese-scored.epub"));
    assert_eq!(epub_scores["heading_recall"], 1.0);
    assert_eq!(epub_scores["level_accuracy"], 1.0);
    assert_eq!(epub_scores["toc_recall"], 1.0);
}

// ---------------------------------------------------------------- Calibre

#[test]
fn calibre_reads_title_author_language_identifier_date_series() {
    if !tool_available("ebook-meta", &["--version"]) {
        return;
    }
    let path = write("calibre.epub", &render(&rich_metadata(), fixed_time()));
    let out = Command::new("ebook-meta").arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    eprintln!("{text}");
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    // Calibre shows a subtitle after the main title.
    assert_eq!(field("Title"), "三体: 地球往事");
    assert!(field("Author(s)").contains("刘慈欣"), "{text}");
    assert_eq!(field("Languages"), "zho");
    assert!(field("Identifiers").contains("isbn:9780306406157"), "{text}");
    assert!(field("Published").starts_with("2008-01-01"), "{text}");
    assert!(field("Series").contains("地球往事 \"三部曲\" #1"), "{text}");
    assert_eq!(field("Publisher"), "重庆出版社");
}
