//! PDF input end to end: a book typeset by bindery's own PDF renderer reads
//! back with its headings, paragraphs and title; running heads and folios are
//! taken off and accounted for; a PDF without a text layer is refused with
//! exit code 3; the Info dictionary's metadata sits under the user's; and no
//! prefix of a real PDF makes the reader panic.

mod common;

use bindery::render::pdf::{Pdf, PdfOptions};
use bindery::{Block, Document, Metadata, MetadataOverrides, Options};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Object, Stream};

/// A book long enough to run over several pages (so it gets running heads
/// and folios), with chapters in the given language.
fn book(title: &str, language: &str, chapters: &[&str], sentence: &dyn Fn(usize) -> String) -> Document {
    let mut blocks = Vec::new();
    for (c, chapter) in chapters.iter().enumerate() {
        blocks.push(Block::Heading { level: 1, id: format!("h{c}"), text: chapter.to_string() });
        for p in 0..8 {
            let text: Vec<String> = (0..4 + p % 3).map(|s| sentence(c * 100 + p * 10 + s)).collect();
            blocks.push(Block::paragraph(text.join(if language == "en" { " " } else { "" })));
        }
    }
    Document {
        metadata: Metadata { title: title.into(), language: language.into(), ..Default::default() },
        blocks,
        ..Default::default()
    }
}

fn chinese() -> Document {
    book("渡口", "zh-Hans", &["第一章 回镇", "第二章 钟表铺", "第三章 旧账本"], &|n| {
        format!("她在桥头站了第{n}回，河水照旧往东流，对岸的灯一盏一盏亮起来，像有人在数着什么。")
    })
}

fn english() -> Document {
    book("The Ferry", "en", &["Chapter 1 The Crossing", "Chapter 2 The Ledger"], &|n| {
        format!("The ferry left at seven minutes past the hour on day {n}, and nobody on the pier remarked on it.")
    })
}

fn typeset(doc: &Document) -> Vec<u8> {
    let pdf = Pdf { options: PdfOptions { source_date_epoch: Some(1_700_000_000), ..Default::default() } };
    pdf.typeset(doc).expect("renders").bytes
}

fn read(bytes: &[u8], name: &str) -> bindery::Conversion {
    bindery::convert(bytes, &Options { name: name.into(), ..Default::default() }).expect("reads the PDF")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn headings(doc: &Document) -> Vec<String> {
    doc.blocks.iter().filter(|b| matches!(b, Block::Heading { .. })).map(|b| squash(b.text())).collect()
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.blocks.iter().filter(|b| matches!(b, Block::Paragraph { .. })).map(|b| squash(b.text())).collect()
}

#[test]
fn a_typeset_book_reads_back_whole() {
    for source in [chinese(), english()] {
        let bytes = typeset(&source);
        let got = read(&bytes, "book.pdf");
        assert_eq!(headings(&got.document), headings(&source), "headings of {}", source.metadata.title);
        assert_eq!(paragraphs(&got.document), paragraphs(&source), "paragraphs of {}", source.metadata.title);
        assert_eq!(got.document.metadata.title, source.metadata.title);
        assert!(got.report.warnings.is_empty(), "{:?}", got.report.warnings);
        // Running heads and folios were on the pages and are recorded as taken off.
        let removed: Vec<&str> = got.report.removed().map(|r| r.why.as_ref()).collect();
        assert!(removed.contains(&"page_edge_number"), "no folio recorded: {removed:?}");
    }
}

/// A Japanese book typeset top to bottom, right to left (`--vertical`):
/// bindery sets each ideograph upright in a horizontal font and moves the pen
/// down the column, turns Latin words and long numbers a quarter, and sets
/// one- and two-digit numbers upright across the column (縦中横).
#[test]
fn a_vertical_japanese_book_reads_back_in_columns() {
    let source = book("雨の駅", "ja", &["第一章 雨の駅", "第二章 手紙", "第三章 終電"], &|n| {
        [
            format!("駅の屋根に雨が落ちていた。彼女は改札の前で傘をたたみ、{}時の時計を見上げた。", n % 24),
            "約束の時刻はとうに過ぎていたが、誰も来なかった。".to_string(),
            format!("{}年{}月、ABCという名の店が閉じた。", 2000 + n, n % 12 + 1),
            "最後の列車が出たあとの構内は、思っていたよりもずっと広かった。".to_string(),
        ][n % 4]
            .clone()
    });
    let pdf =
        Pdf { options: PdfOptions { vertical: true, source_date_epoch: Some(1_700_000_000), ..Default::default() } };
    let bytes = pdf.typeset(&source).expect("renders").bytes;
    let got = read(&bytes, "tate.pdf");
    assert_eq!(headings(&got.document), headings(&source));
    assert_eq!(paragraphs(&got.document), paragraphs(&source));
    assert_eq!(got.document.metadata.title, source.metadata.title);
    assert!(got.report.warnings.is_empty(), "{:?}", got.report.warnings);
    // Running heads (a column at the right edge) and folios (at the left) came off as furniture.
    let removed: Vec<&str> = got.report.removed().map(|r| r.why.as_ref()).collect();
    assert!(removed.contains(&"page_edge_number"), "no folio recorded: {removed:?}");
    assert!(removed.contains(&"recurring_page_edge"), "no running head recorded: {removed:?}");
}

/// The reader opens the file afresh every few dozen pages (so that hayro's
/// per-page caches do not grow with the book): a book of well over one
/// opening's pages reads back with every chapter once, in order.
#[test]
fn a_book_of_many_pages_reads_back_in_order() {
    let titles: Vec<String> = (1..=36).map(|n| format!("Chapter {n} Lantern Street")).collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let source = book("The Long Road", "en", &titles, &|n| {
        format!("On the {n}th evening the lamplighter counted the posts again and found one more than before. ")
            .repeat(3)
    });
    let bytes = typeset(&source);
    let pages = lopdf::Document::load_mem(&bytes).expect("loads").get_pages().len();
    assert!(pages > 150, "only {pages} pages: the book must span several openings");
    let got = read(&bytes, "long.pdf");
    assert_eq!(got.document.metadata.title, source.metadata.title);
    assert_eq!(headings(&got.document), headings(&source));
    assert_eq!(paragraphs(&got.document), paragraphs(&source));
    assert!(got.report.warnings.is_empty(), "{:?}", got.report.warnings);
}

/// A title set large and centred over two lines on the title page is one
/// title, not a title and a subtitle.
#[test]
fn a_title_wrapped_over_two_lines_reads_back_whole() {
    for mut source in [english(), chinese()] {
        source.metadata.title = if source.metadata.language == "en" {
            "The Lamplighter of Harbour Street and the Winter the Ferry Stopped Running".into()
        } else {
            "渡口旧事：钟表铺、旧账本与那一年冬天停开的轮渡".into()
        };
        let bytes = typeset(&source);
        let got = read(&bytes, "wrapped.pdf");
        assert_eq!(squash(&got.document.metadata.title), squash(&source.metadata.title));
        assert_eq!(got.document.metadata.subtitle, None);
    }
}

#[test]
fn reading_is_deterministic() {
    let bytes = typeset(&chinese());
    let a = serde_json::to_string(&read(&bytes, "a.pdf").document).unwrap();
    let b = serde_json::to_string(&read(&bytes, "a.pdf").document).unwrap();
    assert_eq!(a, b);
}

#[test]
fn no_prefix_or_damaged_copy_of_a_pdf_panics() {
    let bytes = typeset(&english());
    let step = (bytes.len() / 97).max(1);
    for cut in (0..bytes.len()).step_by(step) {
        let _ = bindery::convert(&bytes[..cut], &Options { name: "cut.pdf".into(), ..Default::default() });
    }
    // Bytes overwritten at spread-out places (a damaged download).
    for k in 1..24usize {
        let mut broken = bytes.clone();
        for i in (k * 131..broken.len()).step_by(997 * k) {
            broken[i] = broken[i].wrapping_mul(31).wrapping_add(k as u8);
        }
        let _ = bindery::convert(&broken, &Options { name: "broken.pdf".into(), ..Default::default() });
    }
}

/// Found by the `pdf` fuzz target (2026-12-06): a 17 KB PDF whose damaged
/// transform spreads one page's lines over an absurd width, so the gutter
/// search asked for billions of crossing counts and ran out of memory. It
/// now reads in well under a second.
#[test]
fn a_page_of_absurd_width_does_not_exhaust_memory() {
    let bytes = std::fs::read(common::root().join("tests/fixtures/pdf/fuzz-oom-wide-page.pdf")).unwrap();
    let _ = bindery::convert(&bytes, &Options { name: "wide.pdf".into(), ..Default::default() });
}

/// The document's one A4 page, `ids` = [its page tree, the page, the
/// resources], drawing `ops`; `extra` holds the page's other entries.
fn one_page(doc: &mut lopdf::Document, ids: [lopdf::ObjectId; 3], ops: Vec<Operation>, extra: lopdf::Dictionary) {
    let [pages_id, page_id, resources_id] = ids;
    let content_id = doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().unwrap()));
    let mut page = dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id };
    page.extend(&extra);
    doc.objects.insert(page_id, Object::Dictionary(page));
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
}

/// A one-page PDF built with lopdf: `text` in Helvetica (none: an image over
/// most of the page only, as a scanner makes), with an Info dictionary and a
/// catalogue `/Lang`.
fn handmade_pdf(text: Option<&str>, info_title: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let image_id = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 64, "Height" => 64,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        vec![128u8; 64 * 64],
    ));
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
        "XObject" => dictionary! { "Im1" => image_id },
    });
    let mut ops = vec![
        Operation::new("q", vec![]),
        Operation::new("cm", vec![400.into(), 0.into(), 0.into(), 600.into(), 100.into(), 100.into()]),
        Operation::new("Do", vec!["Im1".into()]),
        Operation::new("Q", vec![]),
    ];
    if let Some(text) = text {
        for (i, line) in text.lines().enumerate() {
            ops.extend([
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 11.into()]),
                Operation::new("Td", vec![72.into(), (700 - 14 * i as i64).into()]),
                Operation::new("Tj", vec![Object::string_literal(line)]),
                Operation::new("ET", vec![]),
            ]);
        }
    }
    let page_id = doc.new_object_id();
    one_page(&mut doc, [pages_id, page_id, resources_id], ops, dictionary! {});
    let catalog_id = doc.add_object(
        dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Lang" => Object::string_literal("en-GB") },
    );
    let info_id = doc.add_object(dictionary! {
        "Title" => Object::string_literal(info_title), "Author" => Object::string_literal("Mara Quill"),
    });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set("Info", info_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_pdf_without_a_text_layer_is_refused_with_exit_3() {
    let dir = common::tempdir();
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, handmade_pdf(None, "Scan")).unwrap();
    let out = dir.path().join("out");
    let run = common::convert_to_json(&scan, &out);
    assert_eq!(run.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.trim().ends_with("scan.pdf: no text layer: run OCR first, e.g. ocrmypdf"), "{stderr}");
    assert!(!out.join("scan.json").exists(), "no half-written output");
}

#[test]
fn a_pdf_is_known_by_its_signature_not_its_name() {
    let dir = common::tempdir();
    let named = dir.path().join("notes.txt");
    std::fs::write(&named, handmade_pdf(Some("The tide came in at noon.\nNobody on the pier said a word."), "x.pdf"))
        .unwrap();
    let run = common::convert_to_json(&named, &dir.path().join("out"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json = std::fs::read_to_string(dir.path().join("out/notes.json")).unwrap();
    assert!(json.contains("The tide came in at noon. Nobody on the pier said a word."), "{json}");
}

#[test]
fn info_metadata_sits_over_the_page_and_under_the_user() {
    let bytes = handmade_pdf(Some("The tide came in at noon, and the ferry waited for it."), "Hollin Bay");
    let got = read(&bytes, "bay.pdf");
    assert_eq!(got.document.metadata.title, "Hollin Bay");
    assert_eq!(got.document.metadata.language, "en-GB");
    assert_eq!(got.document.metadata.authors.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Mara Quill"]);
    let user = MetadataOverrides { title: Some("My Title".into()), ..Default::default() };
    let over =
        bindery::convert(&bytes, &Options { name: "bay.pdf".into(), metadata: user, ..Default::default() }).unwrap();
    assert_eq!(over.document.metadata.title, "My Title");
    assert_eq!(over.document.metadata.language, "en-GB");
    // A placeholder Info title (the file's own name) is no title: the file stem is.
    let placeholder = read(&handmade_pdf(Some("Some words on a page."), "draft.docx"), "bay.pdf");
    assert_eq!(placeholder.document.metadata.title, "bay");
}

#[test]
fn the_epub_of_a_pdf_passes_epubcheck() {
    let dir = common::tempdir();
    let pdf = dir.path().join("book.pdf");
    std::fs::write(&pdf, typeset(&chinese())).unwrap();
    let out = dir.path().join("out");
    let run = common::bindery(&["convert", pdf.to_str().unwrap(), "--to", "epub", "-o", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    if common::tool("epubcheck") {
        let check = std::process::Command::new("epubcheck").arg(out.join("book.epub")).output().unwrap();
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    }
}

/// A one-page tagged PDF built with lopdf: four lines in one font and size
/// (nothing in the type tells a heading), two of them tagged as headings in
/// the structure tree, one directly (`H2`) and one through the role map
/// (`Heading_20_1` → `H1`, as LibreOffice names its styles), each line's
/// text in its own marked content.
fn tagged_pdf(lines: &[(&str, &str)]) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let page_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut ops = Vec::new();
    let mut elements = Vec::new();
    for (i, (kind, text)) in lines.iter().enumerate() {
        ops.extend([
            Operation::new("BDC", vec!["Span".into(), Object::Dictionary(dictionary! { "MCID" => i as i64 })]),
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 11.into()]),
            Operation::new("Td", vec![72.into(), (700 - 28 * i as i64).into()]),
            Operation::new("Tj", vec![Object::string_literal(*text)]),
            Operation::new("ET", vec![]),
            Operation::new("EMC", vec![]),
        ]);
        elements.push(doc.add_object(dictionary! {
            "Type" => "StructElem", "S" => Object::Name(kind.as_bytes().to_vec()), "Pg" => page_id, "K" => i as i64,
        }));
    }
    one_page(&mut doc, [pages_id, page_id, resources_id], ops, dictionary! { "StructParents" => 0 });
    let document = doc.add_object(dictionary! {
        "Type" => "StructElem", "S" => "Document",
        "K" => elements.iter().map(|&e| Object::Reference(e)).collect::<Vec<_>>(),
    });
    let tree = doc.add_object(dictionary! {
        "Type" => "StructTreeRoot", "K" => document,
        "RoleMap" => dictionary! { "Heading_20_1" => "H1", "Standard" => "P" },
    });
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id, "StructTreeRoot" => tree,
        "MarkInfo" => dictionary! { "Marked" => true },
    });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_tagged_pdf_s_structure_tree_names_its_headings() {
    let lines = [
        ("Heading_20_1", "The Crossing"),
        ("Standard", "The ferry left at seven, and nobody on the pier remarked on it."),
        ("H2", "At the Landing"),
        ("P", "A cart stood waiting with its lamps unlit."),
    ];
    let got = read(&tagged_pdf(&lines), "tagged.pdf");
    let blocks: Vec<(Option<u8>, &str)> = got
        .document
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { level, text, .. } => (Some(*level), text.as_str()),
            other => (None, other.text()),
        })
        .collect();
    assert_eq!(
        blocks,
        [
            (Some(1), "The Crossing"),
            (None, "The ferry left at seven, and nobody on the pier remarked on it."),
            (Some(2), "At the Landing"),
            (None, "A cart stood waiting with its lamps unlit."),
        ]
    );
    // No prefix or damaged copy of the tree makes the reader panic.
    let bytes = tagged_pdf(&lines);
    for cut in (0..bytes.len()).step_by((bytes.len() / 61).max(1)) {
        let _ = bindery::convert(&bytes[..cut], &Options { name: "cut.pdf".into(), ..Default::default() });
    }
    for k in 1..16usize {
        let mut broken = bytes.clone();
        for i in (k * 37..broken.len()).step_by(211 * k) {
            broken[i] = broken[i].wrapping_mul(31).wrapping_add(k as u8);
        }
        let _ = bindery::convert(&broken, &Options { name: "broken.pdf".into(), ..Default::default() });
    }
    // The same page without its structure tree: one font, one size, no heading.
    let untagged = handmade_pdf(Some(&lines.map(|l| l.1).join("\n\n")), "x.pdf");
    let plain = read(&untagged, "plain.pdf");
    assert!(headings(&plain.document).is_empty(), "{:?}", plain.document.blocks);
}

/// A one-page PDF whose Chinese text is in a font the file does not embed and
/// maps to Unicode only by its predefined CMap (`UniGB-UTF16-H`, Adobe-GB1,
/// no `ToUnicode`): what Word and older Acrobat write for `STSong-Light`.
fn non_embedded_cjk_pdf(lines: &[&str]) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "STSong-Light", "Flags" => 6,
        "FontBBox" => vec![(-25).into(), (-254).into(), 1000.into(), 880.into()],
        "ItalicAngle" => 0, "Ascent" => 880, "Descent" => -120, "CapHeight" => 880, "StemV" => 93,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 4,
        },
        "FontDescriptor" => descriptor, "DW" => 1000,
    });
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light-UniGB-UTF16-H",
        "Encoding" => "UniGB-UTF16-H", "DescendantFonts" => vec![cid_font.into()],
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut ops = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let utf16: Vec<u8> = line.encode_utf16().flat_map(u16::to_be_bytes).collect();
        ops.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), (700 - 18 * i as i64).into()]),
            Operation::new("Tj", vec![Object::String(utf16, lopdf::StringFormat::Hexadecimal)]),
            Operation::new("ET", vec![]),
        ]);
    }
    let page_id = doc.new_object_id();
    one_page(&mut doc, [pages_id, page_id, resources_id], ops, dictionary! {});
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_chinese_font_the_file_does_not_embed_reads_by_its_cmap() {
    let text = ["上弦月挂在钟楼的尖顶上，", "河面上的雾还没有散。"];
    let got = read(&non_embedded_cjk_pdf(&text), "song.pdf");
    assert_eq!(paragraphs(&got.document), [squash(&text.concat())]);
    // A page of two lines names no title: the one warning says so.
    assert!(got.report.warnings.iter().all(|w| w.starts_with("no title found")), "{:?}", got.report.warnings);
}

/// Print `html` to PDF with headless Chromium (`None` where it is not installed and CI is not set).
fn print_with_chromium(html: &str) -> Option<Vec<u8>> {
    if !common::tool("chromium") {
        return None;
    }
    let dir = common::tempdir();
    let page = dir.path().join("page.html");
    std::fs::write(&page, html).unwrap();
    let pdf = dir.path().join("page.pdf");
    let print = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&page)
        .output()
        .expect("run chromium");
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&print.stderr));
    Some(std::fs::read(&pdf).unwrap())
}

#[test]
fn a_bold_line_in_chromium_s_type3_fonts_is_a_heading_by_its_weight() {
    // No heading element, so the structure tree names none: only the weight
    // of the Type 3 font (its descriptor's `/FontWeight`) tells the title
    // from the text, both set in one size.
    let para = |n: usize| format!("她在桥头站了第{n}回，河水照旧往东流，对岸的灯一盏一盏亮起来，像有人在数着什么。");
    let Some(pdf) = print_with_chromium(&format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>渡口</title></head><body>\
         <p>{}</p><p><b>钟表铺</b></p><p>{}</p><p><b>旧账本</b></p><p>{}</p></body></html>",
        para(1).repeat(3),
        para(2).repeat(2),
        para(3)
    )) else {
        return;
    };
    let got = read(&pdf, "page.pdf");
    assert_eq!(headings(&got.document), ["钟表铺", "旧账本"]);
    assert_eq!(paragraphs(&got.document), [para(1).repeat(3), para(2).repeat(2), para(3)]);
}

#[test]
fn a_page_printed_by_chromium_reads_back() {
    // Chromium prints its text in Type 3 fonts (one per 256 glyphs of a face).
    let para = |n: usize| format!("她在桥头站了第{n}回，河水照旧往东流，对岸的灯一盏一盏亮起来，像有人在数着什么。");
    let Some(pdf) = print_with_chromium(&format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>渡口</title></head><body>\
         <h1>第一章 回镇</h1><p>{}</p><p>{}</p><h2>钟表铺</h2><p>{}</p><h1>第二章 旧账本</h1><p>{}</p></body></html>",
        para(1).repeat(3),
        para(2),
        para(3).repeat(2),
        para(4)
    )) else {
        return;
    };
    let got = read(&pdf, "page.pdf");
    assert_eq!(headings(&got.document), ["第一章回镇", "钟表铺", "第二章旧账本"]);
    assert_eq!(paragraphs(&got.document), [para(1).repeat(3), para(2), para(3).repeat(2), para(4)]);
    assert!(got.report.warnings.is_empty(), "{:?}", got.report.warnings);
}

/// The figure fixtures (made by `tests/fixtures/pdf/make_figures.py` with Typst and ReportLab).
fn figure_fixture(name: &str) -> std::path::PathBuf {
    common::root().join("tests/fixtures/pdf").join(name)
}

/// The images of a document in order: (src, caption), and the paragraph before each.
fn images(doc: &Document) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Block::Image { src, alt, text, .. } = b {
            assert_eq!(alt, text, "the caption is the image's alt text too");
            let before = i.checked_sub(1).map(|j| doc.blocks[j].text().chars().take(12).collect()).unwrap_or_default();
            out.push((src.clone(), text.clone(), before));
        }
    }
    out
}

#[test]
fn figures_on_the_page_become_images_with_their_captions() {
    // Typst, English: a chart (PNG) with its caption below, a photograph (JPEG)
    // with its caption above; the logo at one corner of every page and the
    // thin rule under the title are no figures.
    let en = read(&std::fs::read(figure_fixture("figure-en.typst.pdf")).unwrap(), "marsh.pdf");
    assert_eq!(
        images(&en.document),
        [
            (
                "image-001.png".into(),
                "Figure 1: Stems per frame at the five stations of transect B, April.".into(),
                "None of this".into()
            ),
            (
                "image-002.jpg".into(),
                "Figure 2: The third station at low water, looking seaward.".into(),
                "Results".into()
            ),
        ]
    );
    assert!(en.document.assets["image-001.png"].starts_with(b"\x89PNG"));
    // The JPEG as the file embeds it, not decoded and encoded again.
    let jpeg = &en.document.assets["image-002.jpg"];
    assert!(jpeg.starts_with(&[0xFF, 0xD8]) && jpeg.len() < 2_000, "{} bytes", jpeg.len());
    assert_eq!(en.document.assets.len(), 2);
    assert!(en.report.warnings.is_empty(), "{:?}", en.report.warnings);
    // ReportLab, Chinese: a PNG with an alpha channel, its centred caption in smaller type below.
    let zh = read(&std::fs::read(figure_fixture("figure-zh.reportlab.pdf")).unwrap(), "tea.pdf");
    assert_eq!(
        images(&zh.document),
        [("image-001.png".into(), "图 1 三层茶园新梢长度的变化（示意）".into(), "我们把每一层的茶树各选了".into())]
    );
    assert!(zh.report.warnings.is_empty(), "{:?}", zh.report.warnings);
    // The caption is no paragraph as well.
    assert!(!paragraphs(&zh.document).iter().any(|p| p.contains("三层茶园新梢")));
    // The same file gives the same images under the same names.
    let again = read(&std::fs::read(figure_fixture("figure-en.typst.pdf")).unwrap(), "marsh.pdf");
    assert_eq!(again.document.assets, en.document.assets);
}

#[test]
fn a_pdf_s_figures_reach_the_epub_and_the_pdf() {
    let dir = common::tempdir();
    let out = dir.path().join("out");
    for (name, caption) in [
        ("figure-en.typst.pdf", "Figure 1: Stems per frame at the five stations of transect B, April."),
        ("figure-zh.reportlab.pdf", "图 1 三层茶园新梢长度的变化（示意）"),
    ] {
        let pdf = figure_fixture(name);
        let run = common::bindery(&[
            "convert",
            pdf.to_str().unwrap(),
            "--to",
            "epub",
            "--to",
            "pdf",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let stem = name.trim_end_matches(".pdf");
        let epub = out.join(format!("{stem}.epub"));
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
        let names: Vec<String> = zip.file_names().map(String::from).collect();
        assert!(names.iter().any(|n| n.starts_with("OEBPS/images/image-001.")), "{names:?}");
        let mut xhtml = String::new();
        for n in names.iter().filter(|n| n.ends_with(".xhtml")) {
            std::io::Read::read_to_string(&mut zip.by_name(n).unwrap(), &mut xhtml).unwrap();
        }
        assert!(xhtml.contains(&format!("<figcaption>{caption}</figcaption>")), "no caption in {stem}");
        assert!(xhtml.contains(&format!("alt=\"{caption}\"")), "no alt text in {stem}");
        if common::tool("epubcheck") {
            let check = std::process::Command::new("epubcheck").arg(&epub).output().unwrap();
            assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
        }
        // The book's PDF draws the image and prints the caption.
        let book = lopdf::Document::load(out.join(format!("{stem}.pdf"))).unwrap();
        let drawn = book.objects.values().filter(|o| {
            o.as_stream().is_ok_and(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).is_ok_and(|t| t == b"Image"))
        });
        assert!(drawn.count() >= 1, "no image in {stem}'s PDF");
        if common::tool("pdftotext") {
            let text = std::process::Command::new("pdftotext").arg(out.join(format!("{stem}.pdf"))).arg("-").output();
            let text = String::from_utf8_lossy(&text.unwrap().stdout).to_string();
            assert!(squash(&text).contains(&squash(caption)), "no caption in {stem}'s PDF");
        }
    }
}

#[test]
fn a_pdf_s_figures_reach_markdown_as_files_beside_it() {
    // `--to md` writes each figure into `<book>.assets/` and links it from there,
    // whatever output folder or name (`-o`, `--output`) the Markdown has.
    let dir = common::tempdir();
    for name in ["figure-en.typst.pdf", "figure-zh.reportlab.pdf"] {
        let stem = name.trim_end_matches(".pdf");
        let out = dir.path().join("books");
        let run = common::bindery(&[
            "convert",
            figure_fixture(name).to_str().unwrap(),
            "--to",
            "md",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let md = std::fs::read_to_string(out.join(format!("{stem}.md"))).unwrap();
        let link = format!("]({stem}.assets/image-001.png)");
        assert!(md.contains(&link), "no {link} in {md}");
        let image = std::fs::read(out.join(format!("{stem}.assets/image-001.png"))).unwrap();
        assert!(image.starts_with(b"\x89PNG"), "{stem}: not a PNG");
        // Nothing half-written is left behind.
        let left: Vec<_> = std::fs::read_dir(out.join(format!("{stem}.assets")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".part"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
    // An explicit output name gives the folder its name.
    let target = dir.path().join("notes").join("survey.md");
    let pdf = figure_fixture("figure-en.typst.pdf");
    let run = common::bindery(&["convert", pdf.to_str().unwrap(), "--to", "md", "--output", target.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let md = std::fs::read_to_string(&target).unwrap();
    assert!(md.contains("](survey.assets/image-002.jpg)"), "{md}");
    let jpeg = std::fs::read(dir.path().join("notes/survey.assets/image-002.jpg")).unwrap();
    assert!(jpeg.starts_with(&[0xFF, 0xD8]));
}
