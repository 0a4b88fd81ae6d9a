//! End-to-end checks of the PDF renderer against the real artefact: poppler's
//! `pdfinfo`, `pdffonts`, `pdftotext` read what we wrote, and lopdf walks the
//! outline and link annotations. A missing poppler tool fails under `CI`.
//!
//! Set `BINDERY_PDF_OUT=/some/dir` to keep the PDFs for looking at.

mod common;

use bindery::model::{heading_id, Creator};
use bindery::render::pdf::{Pdf, PdfOptions, Typeset};
use bindery::{Block, Document, Inline, Metadata};
use common::{pdf_outline, run_pdfminer_script};
use std::path::{Path, PathBuf};
use std::process::Command;

const CJK_NEVER_STARTS: &str = "，。、；：？！）」』》”’";
const CJK_NEVER_ENDS: &str = "（「『《“‘";

// ---------- fixtures ----------

fn chinese_book() -> Document {
    let sentences = [
        "他说：“我们明天一早就出发，去江城看牡丹。”",
        "她笑了笑，没有回答……只是望着窗外的雨——雨下得正紧。",
        "《三体》是刘慈欣的作品，2015 年获得雨果奖（Hugo Award）。",
        "这一段文字比较长，用来检验两端对齐、标点禁则和行尾的处理是否正确，尤其是引号“这样”和括号（如此）的位置。",
        "城市的灯火渐次亮起，街上的行人越来越少，只有远处传来几声犬吠。",
        "『不要走』，她轻声说，「至少等到天亮。」",
    ];
    let mut blocks = Vec::new();
    let mut n = 0;
    for chapter in 1..=3 {
        n += 1;
        blocks.push(Block::Heading { level: 1, id: heading_id(n), text: format!("第{chapter}章　出发之前") });
        for section in 1..=2 {
            n += 1;
            blocks.push(Block::Heading { level: 2, id: heading_id(n), text: format!("第{section}节　夜色") });
            for p in 0..9 {
                let text: String = (0..(p % 4 + 2)).map(|k| sentences[(p + k + chapter) % sentences.len()]).collect();
                blocks.push(Block::paragraph(text));
            }
        }
    }
    blocks.push(Block::rich_paragraph(vec![
        Inline::Text("最后一段有".into()),
        Inline::Strong(vec![Inline::Text("粗体".into())]),
        Inline::Text("和代码 ".into()),
        Inline::Code("fn main()".into()),
        Inline::Text("。".into()),
    ]));
    Document {
        metadata: Metadata {
            title: "江城夜话".into(),
            subtitle: Some("一个排版测试".into()),
            authors: vec![Creator::author("张三"), Creator::author("李四")],
            language: "zh-Hans".into(),
            date: Some("2024-05".into()),
            description: Some("用于检验 PDF 排版的小书".into()),
            subjects: vec!["测试".into(), "排版".into()],
            ..Default::default()
        },
        blocks,
        ..Default::default()
    }
}

fn english_book() -> Document {
    let words = "the quick brown fox jumps over the lazy dog while typesetters argue about \
                 justification hyphenation and the proper width of a measure in books";
    let w: Vec<&str> = words.split(' ').collect();
    let mut blocks = vec![Block::Heading { level: 1, id: heading_id(1), text: "Chapter One".into() }];
    for p in 0..12 {
        let text: Vec<&str> = (0..60 + p * 7).map(|k| w[(k * 7 + p) % w.len()]).collect();
        let mut s = text.join(" ");
        s.push('.');
        blocks.push(Block::paragraph(s));
    }
    blocks.push(Block::Heading { level: 2, id: heading_id(2), text: "A Section".into() });
    blocks.push(Block::List {
        ordered: true,
        start: None,
        items: vec![vec![Block::paragraph("first item")], vec![Block::paragraph("second item")]],
        text: "first item\nsecond item".into(),
    });
    blocks.push(Block::CodeBlock { language: None, text: "fn main() {\n    println!(\"hi\");\n}".into() });
    blocks.push(Block::BlockQuote {
        blocks: vec![Block::paragraph("A quoted paragraph.")],
        text: "A quoted paragraph.".into(),
    });
    Document {
        metadata: Metadata {
            title: "A Test of Type".into(),
            authors: vec![Creator::author("Ann Author")],
            language: "en".into(),
            ..Default::default()
        },
        blocks,
        ..Default::default()
    }
}

fn render(doc: &Document, name: &str) -> (Typeset, PathBuf) {
    let pdf = Pdf { options: PdfOptions { source_date_epoch: Some(1_700_000_000), ..Default::default() } };
    let t = pdf.typeset(doc).expect("renders");
    let dir = std::env::var_os("BINDERY_PDF_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("bindery-pdf-test-{}", std::process::id())));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &t.bytes).unwrap();
    (t, path)
}

// ---------- tools ----------

/// Run a poppler tool; `None` (skip) when it is missing locally, a failure under CI.
fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(out) => {
            assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(e) => {
            if std::env::var_os("CI").is_some() {
                panic!("{name} is required under CI (install poppler-utils): {e}");
            }
            eprintln!("skipping: {name} not available ({e})");
            None
        }
    }
}

/// The `Pages:` figure of pdfinfo's report.
fn page_count(info: &str) -> usize {
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Text without white space and without the soft hyphens (U+00AD) the typesetter's hyphens read as.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{AD}').collect()
}

/// Text of the body as pdftotext reads it, page by page, without running heads and folios.
/// Pages that hold a top-level heading carry neither; others start with a head and end with a folio.
fn body_text(path: &Path, t: &Typeset, doc: &Document) -> Option<String> {
    let first_body = t.heading_pages.iter().min().map(|p| p + 1).unwrap_or(2);
    let all = tool("pdftotext", &["-raw", "-f", &first_body.to_string(), s(path), "-"])?;
    let openings: Vec<usize> =
        doc.outline().iter().zip(&t.heading_pages).filter(|(e, _)| e.level == 1).map(|(_, p)| *p + 1).collect();
    let mut out = String::new();
    for (k, page) in all.split('\u{c}').enumerate() {
        let number = first_body + k;
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.is_empty() {
            continue;
        }
        let kept = if openings.contains(&number) { &lines[..] } else { &lines[1..lines.len() - 1] };
        for l in kept {
            out.push_str(l);
            out.push('\n');
        }
    }
    Some(out)
}

// ---------- checks ----------

#[test]
fn fonts_are_embedded_subsets() {
    let (_, path) = render(&chinese_book(), "zh-fonts");
    let Some(out) = tool("pdffonts", &[s(&path)]) else { return };
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [encoding…] emb sub uni object ID
        let n = cols.len();
        assert_eq!((cols[n - 5], cols[n - 4]), ("yes", "yes"), "not an embedded subset: {row}");
        assert!(cols[0].contains('+'), "subset fonts carry a tag: {row}");
    }
}

#[test]
fn pdfinfo_reads_metadata_and_page_count() {
    let doc = chinese_book();
    let (t, path) = render(&doc, "zh-info");
    let Some(info) = tool("pdfinfo", &[s(&path)]) else { return };
    assert!(info.contains("江城夜话"), "{info}");
    assert!(info.contains("张三"), "{info}");
    assert!(info.contains("测试"), "keywords: {info}");
    assert_eq!(page_count(&info), t.pages, "{info}");
    assert!(info.contains("2023"), "creation date from SOURCE_DATE_EPOCH: {info}");
    let lopdf = lopdf::Document::load_mem(&t.bytes).unwrap();
    let lang = lopdf.catalog().unwrap().get(b"Lang").unwrap();
    assert_eq!(lopdf::decode_text_string(lang).unwrap(), "zh-Hans");
}

#[test]
fn every_heading_and_every_character_comes_back() {
    for (doc, name) in [(chinese_book(), "zh-text"), (english_book(), "en-text")] {
        let (t, path) = render(&doc, name);
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
        let Some(text) = body_text(&path, &t, &doc) else { return };
        let expected: String = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::CodeBlock { text, .. } => text.clone(),
                Block::List { ordered, start, items, .. } => items
                    .iter()
                    .enumerate()
                    .map(|(k, item)| {
                        let marker =
                            if *ordered { format!("{}.", start.unwrap_or(1) + k as u64) } else { "•".into() };
                        marker + &item.iter().map(|b| b.text()).collect::<String>()
                    })
                    .collect(),
                other => other.text().to_string(),
            })
            .map(|x| squash(&x))
            .collect();
        let got = squash(&text);
        if got != expected {
            let at = got.chars().zip(expected.chars()).take_while(|(a, b)| a == b).count();
            let ctx = |s: &str| s.chars().skip(at.saturating_sub(20)).take(60).collect::<String>();
            panic!("{name}: text differs at char {at}:\n got: {}\nwant: {}", ctx(&got), ctx(&expected));
        }
        // Headings in order.
        let mut from = 0;
        for h in doc.outline() {
            let key = squash(&h.text);
            let at = got[from..].find(&key).unwrap_or_else(|| panic!("heading {} missing or out of order", h.text));
            from += at + key.len();
        }
    }
}

#[test]
fn no_line_starts_with_closing_or_ends_with_opening_punctuation() {
    let (_, path) = render(&chinese_book(), "zh-kinsoku");
    let Some(html) = tool("pdftotext", &["-bbox", s(&path), "-"]) else { return };
    let lines = bbox_lines(&html);
    assert!(lines.len() > 50, "expected many lines, got {}", lines.len());
    for line in &lines {
        let first = line.chars().next().unwrap();
        let last = line.chars().last().unwrap();
        assert!(!CJK_NEVER_STARTS.contains(first), "line starts with {first}: {line}");
        assert!(!CJK_NEVER_ENDS.contains(last), "line ends with {last}: {line}");
    }
}

/// Run a pdfminer measuring script on a PDF and read its `name=value` figures.
/// `None` (skip) without pdfminer locally; a failure under CI.
fn pdfminer_figures(script: &Path, pdf: &Path) -> Option<std::collections::HashMap<String, f64>> {
    let stdout = run_pdfminer_script(script, pdf)?;
    let stdout = String::from_utf8_lossy(&stdout);
    Some(
        stdout
            .split_whitespace()
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.parse().unwrap_or_else(|_| panic!("{kv}: not a number", kv = k))))
            .collect(),
    )
}

/// `../shared/eval/punct_pairs.py` on a PDF: adjacent CJK punctuation marks
/// read back from glyph positions (pdfminer), and how many of those pairs are
/// wider than 1.5 em together.
fn punct_pairs(path: &Path) -> Option<(usize, usize)> {
    let shared = common::shared()?;
    let f = pdfminer_figures(&shared.join("eval/punct_pairs.py"), path)?;
    Some((f["pairs"] as usize, f["wide"] as usize))
}

#[test]
fn ideographs_and_latin_letters_or_digits_are_a_quarter_em_apart() {
    // The fixture has `2015 年` (a source space), `刘慈欣的作品，2015` and `代码 fn main()`.
    let (_, path) = render(&chinese_book(), "zh-autospace");
    let Some(f) = pdfminer_figures(&common::root().join("bench/cjk_latin_gaps.py"), &path) else { return };
    assert!(f["pairs"] >= 4.0, "{f:?}");
    assert_eq!(f["touching"], 0.0, "an ideograph touches a Latin letter or digit: {f:?}");
    assert!(f["p5"] >= 0.24 && f["p95"] <= 0.5, "gaps not a quarter em (stretched at most by justification): {f:?}");
}

#[test]
fn english_is_hyphenated_and_its_word_spaces_are_even() {
    let (_, path) = render(&english_book(), "en-hyphenation");
    let Some(f) = pdfminer_figures(&common::root().join("bench/word_spaces.py"), &path) else { return };
    assert!(f["lines"] >= 20.0, "{f:?}");
    assert!(f["hyphens"] >= 1.0, "no justified line ends with a hyphen: {f:?}");
    assert!(f["spread"] <= 1.6, "word spaces uneven (95th percentile over median): {f:?}");
    let Some(text) = tool("pdftotext", &[s(&path), "-"]) else { return };
    assert!(text.lines().any(|l| l.ends_with('\u{AD}')), "line-end hyphens do not read as soft hyphens");
}

#[test]
fn adjacent_cjk_punctuation_is_set_half_width() {
    // The fixture has `。”`, `』，`, `，「`, `。」` and `）。` in running text.
    let (_, path) = render(&chinese_book(), "zh-punct");
    let Some((pairs, wide)) = punct_pairs(&path) else { return };
    assert!(pairs >= 10, "the fixture's pairs were not found: pairs={pairs}");
    assert_eq!(wide, 0, "pairs={pairs} wide={wide}: adjacent marks left a full em of blank between them");
}

/// Lines of text by glyph position: `-bbox` words grouped by page and baseline, left to right.
fn bbox_lines(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut words: Vec<(f32, f32, String)> = Vec::new();
        for w in page.split("<word ").skip(1) {
            let attr = |name: &str| -> f32 {
                let at = w.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                w[at..].split('"').next().unwrap().parse().unwrap()
            };
            let text = w.split('>').nth(1).unwrap().split('<').next().unwrap();
            let text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
            words.push((attr("yMax"), attr("xMin"), text));
        }
        words.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(a.1.partial_cmp(&b.1).unwrap()));
        let mut cur: Option<(f32, String)> = None;
        for (y, _, t) in words {
            match &mut cur {
                Some((cy, s)) if (y - *cy).abs() < 2.0 => s.push_str(&t),
                _ => {
                    if let Some((_, s)) = cur.take() {
                        out.push(s);
                    }
                    cur = Some((y, t));
                }
            }
        }
        if let Some((_, s)) = cur {
            out.push(s);
        }
    }
    out
}

/// One element of the structure tree: depth, type (`/S`), title (`/T`).
type Element = (usize, String, Option<String>);

/// The structure tree's elements, depth-first in reading order, below the
/// `Document` root (which krilla adds), as lopdf reads them back.
fn structure_elements(doc: &lopdf::Document) -> Vec<Element> {
    fn walk(doc: &lopdf::Document, obj: &lopdf::Object, depth: usize, out: &mut Vec<Element>) {
        let obj = match obj {
            lopdf::Object::Reference(id) => doc.get_object(*id).unwrap(),
            other => other,
        };
        match obj {
            lopdf::Object::Array(items) => items.iter().for_each(|i| walk(doc, i, depth, out)),
            lopdf::Object::Dictionary(d) => {
                // Marked-content and object references (/MCR, /OBJR) have no /S: they are leaves.
                let Ok(kind) = d.get(b"S").and_then(|s| s.as_name()) else { return };
                let title = d.get(b"T").ok().and_then(|t| lopdf::decode_text_string(t).ok());
                out.push((depth, String::from_utf8_lossy(kind).into_owned(), title));
                if let Ok(kids) = d.get(b"K") {
                    walk(doc, kids, depth + 1, out);
                }
            }
            _ => {} // an MCID: a leaf
        }
    }
    let mut out = Vec::new();
    let Ok(root) = doc.catalog().unwrap().get(b"StructTreeRoot") else { return out };
    let root = doc.get_dictionary(root.as_reference().unwrap()).unwrap();
    walk(doc, root.get(b"K").unwrap(), 0, &mut out);
    assert_eq!(out.first().map(|e| e.1.as_str()), Some("Document"), "{out:?}");
    out.remove(0);
    out.iter_mut().for_each(|e| e.0 -= 1);
    out
}

/// The headings of a structure tree as (level, title), in order.
fn structure_headings(elements: &[Element]) -> Vec<(u8, String)> {
    elements
        .iter()
        .filter_map(|(_, kind, title)| {
            let level = kind.strip_prefix('H')?.parse().ok()?;
            Some((level, title.clone().unwrap_or_default()))
        })
        .collect()
}

#[test]
fn the_pdf_is_tagged_with_the_books_structure() {
    let doc = chinese_book();
    let (t, path) = render(&doc, "zh-tagged");
    let pdf = lopdf::Document::load_mem(&t.bytes).unwrap();
    let elements = structure_elements(&pdf);
    let kinds: Vec<&str> = elements.iter().map(|e| e.1.as_str()).collect();
    // Reading order: the title page, then the contents, then the body.
    let title = kinds.iter().position(|k| *k == "Title").expect("a Title element");
    let toc = kinds.iter().position(|k| *k == "TOC").expect("a TOC element");
    let first_heading = kinds.iter().position(|k| k.starts_with('H')).expect("headings");
    assert!(title < toc && toc < first_heading, "{kinds:?}");
    let want: Vec<(u8, String)> = doc.outline().iter().map(|e| (e.level, e.text.clone())).collect();
    assert_eq!(structure_headings(&elements), want);
    // One TOC item per heading, each holding a link (its text, folio and annotation).
    assert_eq!(kinds.iter().filter(|k| **k == "TOCI").count(), want.len());
    assert_eq!(kinds.iter().filter(|k| **k == "Link").count(), want.len());
    let paragraphs = doc.blocks.iter().filter(|b| matches!(b, Block::Paragraph { .. })).count();
    assert_eq!(kinds.iter().filter(|k| **k == "P").count(), paragraphs + 3, "body paragraphs, subtitle, authors, date");
    // Running heads and folios are marked as pagination artifacts, not text.
    let pages_with = |subtype: &str| {
        let mark = format!("/Subtype/{subtype}/Type/Pagination");
        pdf.get_pages()
            .values()
            .filter(|&&page| String::from_utf8_lossy(&pdf.get_page_content(page).unwrap()).contains(&mark))
            .count()
    };
    assert!(pages_with("Header") >= 3 && pages_with("Footer") >= 3, "running heads and folios are not artifacts");
    if let Some(info) = tool("pdfinfo", &[s(&path)]) {
        assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "{info}");
    }

    // Lists carry labels and bodies; the English book's structure is in English.
    let doc = english_book();
    let (t, _) = render(&doc, "en-tagged");
    let pdf = lopdf::Document::load_mem(&t.bytes).unwrap();
    let kinds: Vec<String> = structure_elements(&pdf).into_iter().map(|e| e.1).collect();
    for k in ["L", "LI", "Lbl", "LBody", "BlockQuote", "Code"] {
        assert!(kinds.iter().any(|x| x == k), "no {k} in {kinds:?}");
    }
    let lang = |pdf: &lopdf::Document| {
        let root = pdf.catalog().unwrap().get(b"StructTreeRoot").unwrap().as_reference().unwrap();
        let first = pdf.get_dictionary(root).unwrap().get(b"K").unwrap().clone();
        let first = match first {
            lopdf::Object::Array(a) => a[0].clone(),
            o => o,
        };
        let d = pdf.get_dictionary(first.as_reference().unwrap()).unwrap();
        lopdf::decode_text_string(d.get(b"Lang").unwrap()).unwrap()
    };
    assert_eq!(lang(&pdf), "en");
}

#[test]
fn pdf_ua_1_and_pdf_a_2a_validate_in_krilla() {
    use bindery::render::pdf::{PdfA, PdfStandard};
    for doc in [chinese_book(), english_book()] {
        let standard = PdfStandard { archival: Some(PdfA::A2a), ua1: true };
        let options = PdfOptions { standard, source_date_epoch: Some(1_700_000_000), ..Default::default() };
        let t = Pdf { options }.typeset(&doc).unwrap_or_else(|e| panic!("{}: {e}", doc.metadata.title));
        let xmp = String::from_utf8_lossy(&t.bytes);
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "no PDF/UA identification");
        assert!(xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(xmp.contains("/DisplayDocTitle true"), "viewers must show the title, not the file name");
    }
    // A book without a title cannot be PDF/UA: a clear error, not a mislabelled file.
    let mut doc = english_book();
    doc.metadata.title.clear();
    let options = PdfOptions { standard: PdfStandard { archival: None, ua1: true }, ..Default::default() };
    assert!(Pdf { options }.typeset(&doc).is_err());
}

/// The `/CreationDate` of a PDF's document information dictionary.
fn creation_date(bytes: &[u8]) -> String {
    let pdf = lopdf::Document::load_mem(bytes).unwrap();
    let info = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let date = pdf.get_dictionary(info).unwrap().get(b"CreationDate").unwrap();
    lopdf::decode_text_string(date).unwrap()
}

#[test]
fn the_creation_date_is_source_date_epoch_else_the_books_own_date() {
    let mut doc = chinese_book();
    let date = |doc: &Document, epoch: Option<i64>| {
        let options = PdfOptions { source_date_epoch: epoch, ..Default::default() };
        creation_date(&Pdf { options }.typeset(doc).unwrap().bytes)
    };
    assert_eq!(doc.metadata.date.as_deref(), Some("2024-05"));
    assert!(date(&doc, None).starts_with("D:20240501000000"), "{}", date(&doc, None));
    // 1_700_000_000 is 2023-11-14T22:13:20Z: SOURCE_DATE_EPOCH wins over the book's date.
    assert!(date(&doc, Some(1_700_000_000)).starts_with("D:20231114221320"));
    doc.metadata.date = None;
    assert!(date(&doc, None).starts_with("D:19800101000000"), "neither: the fixed reproducible date");

    // From the command line: --date reaches the PDF.
    let dir = common::tempdir();
    let input = dir.path().join("book.txt");
    std::fs::write(&input, "第一章\n\n正文一段。\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bindery"))
        .args(["convert", s(&input), "--to", "pdf", "--date", "2021-06-30", "-o", s(dir.path())])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let bytes = std::fs::read(dir.path().join("book.pdf")).unwrap();
    assert!(creation_date(&bytes).starts_with("D:20210630000000"), "{}", creation_date(&bytes));
}

#[test]
fn outline_nests_every_heading() {
    let doc = chinese_book();
    let (t, _) = render(&doc, "zh-outline");
    let pdf = lopdf::Document::load_mem(&t.bytes).unwrap();
    let got = pdf_outline(&pdf);
    let want: Vec<(usize, String)> = doc.outline().iter().map(|e| (e.level as usize - 1, e.text.clone())).collect();
    assert_eq!(got, want);
}

/// Target page (0-based) of every link annotation, in page and annotation order.
fn link_targets(pdf: &lopdf::Document) -> Vec<usize> {
    let pages = pdf.get_pages();
    let number_of: std::collections::BTreeMap<lopdf::ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let mut targets = Vec::new();
    for id in pages.values() {
        for a in pdf.get_page_annotations(*id).unwrap_or_default() {
            if a.get(b"Subtype").unwrap().as_name().unwrap() != b"Link" {
                continue;
            }
            let dest = match a.get(b"Dest") {
                Ok(d) => d.clone(),
                Err(_) => {
                    let action = pdf.dereference(a.get(b"A").unwrap()).unwrap().1.as_dict().unwrap();
                    action.get(b"D").unwrap().clone()
                }
            };
            let (_, dest) = pdf.dereference(&dest).unwrap();
            let page_ref = dest.as_array().unwrap()[0].as_reference().unwrap();
            targets.push(number_of[&page_ref] as usize - 1);
        }
    }
    targets
}

#[test]
fn toc_links_point_at_each_heading_page() {
    let doc = chinese_book();
    let (t, path) = render(&doc, "zh-toc");
    let pdf = lopdf::Document::load_mem(&t.bytes).unwrap();
    let targets = link_targets(&pdf);
    assert_eq!(targets, t.heading_pages, "one link per heading, in order, to its page");
    // And the heading really is printed on that page.
    let outline = doc.outline();
    for (entry, page) in outline.iter().zip(&t.heading_pages) {
        let n = (page + 1).to_string();
        let Some(text) = tool("pdftotext", &["-raw", "-f", &n, "-l", &n, s(&path), "-"]) else { return };
        assert!(squash(&text).contains(&squash(&entry.text)), "{} not on page {n}", entry.text);
    }
}

#[test]
fn same_input_gives_identical_bytes() {
    let a = render(&chinese_book(), "zh-det-a").0.bytes;
    let b = render(&chinese_book(), "zh-det-b").0.bytes;
    assert!(a == b, "two renderings differ");
}

/// Chapters are set on every thread of the pool (`-j`): one, two or three
/// threads must give the same bytes, contents page and links included.
#[test]
fn the_thread_count_never_changes_the_bytes() {
    let mut doc = chinese_book();
    let chapters = doc.blocks.clone();
    for _ in 0..5 {
        doc.blocks.extend(chapters.iter().cloned());
    }
    let mut n = 0;
    for b in &mut doc.blocks {
        if let Block::Heading { id, .. } = b {
            n += 1;
            *id = heading_id(n);
        }
    }
    let pdf = Pdf { options: PdfOptions { source_date_epoch: Some(1_700_000_000), ..Default::default() } };
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| pdf.typeset(&doc).expect("renders"))
    };
    let one = on(1);
    assert_eq!(one.heading_pages.len(), 6 * 9, "every heading placed");
    for threads in [2, 3] {
        let t = on(threads);
        assert_eq!(t.heading_pages, one.heading_pages);
        assert!(t.bytes == one.bytes, "{threads} threads give other bytes than one");
    }
}

#[test]
fn missing_glyphs_are_replaced_and_reported() {
    let mut doc = chinese_book();
    doc.blocks.push(Block::paragraph("表情😀符号"));
    let (t, _) = render(&doc, "zh-emoji");
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(t.warnings[0].contains('😀'));
}

#[test]
fn seed_document_renders_completely() {
    let Some(shared) = common::shared() else { return };
    let input = shared.join("corpus/luoyang-bulletin/input.txt");
    let bytes = std::fs::read(&input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    let conv = bindery::convert(&bytes, &bindery::Options { name: "input.txt".into(), ..Default::default() }).unwrap();
    let doc = conv.document;
    let (t, path) = render(&doc, "seed");
    assert!(t.bytes.len() < 1_500_000, "seed PDF is {} bytes", t.bytes.len());
    // The bulletin's 119 headings in 3 levels: as bookmarks and as printed TOC links.
    let pdf = lopdf::Document::load_mem(&t.bytes).unwrap();
    let outline = pdf_outline(&pdf);
    // A level-3 article directly under a level-1 section nests one deep: depth
    // is the number of open ancestors, not the level.
    let mut open: Vec<u8> = Vec::new();
    let want: Vec<(usize, String)> = doc
        .outline()
        .iter()
        .map(|e| {
            while open.last().is_some_and(|l| *l >= e.level) {
                open.pop();
            }
            let depth = open.len();
            open.push(e.level);
            (depth, e.text.clone())
        })
        .collect();
    // The expected count and levels come from the case's own model (expected.json).
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(shared.join("corpus/luoyang-bulletin/expected.json")).unwrap()).unwrap();
    let expected_levels: Vec<u64> = expected["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "heading")
        .map(|b| b["level"].as_u64().unwrap())
        .collect();
    assert_eq!(outline.len(), expected_levels.len());
    assert_eq!(outline, want);
    // The same headings, in the same order and at the same levels, in the structure tree.
    let tagged = structure_headings(&structure_elements(&pdf));
    assert_eq!(tagged.iter().map(|h| h.0 as u64).collect::<Vec<_>>(), expected_levels);
    let model: Vec<(u8, String)> = doc.outline().iter().map(|e| (e.level, e.text.clone())).collect();
    assert_eq!(tagged, model);
    assert_eq!(outline.iter().map(|(d, _)| *d).max(), Some(2), "three levels");
    assert_eq!(link_targets(&pdf), t.heading_pages, "119 TOC links, each to its heading's page");
    // No typeset line of the bulletin starts with a closing mark or ends with an opening one.
    if let Some(html) = tool("pdftotext", &["-bbox", s(&path), "-"]) {
        for line in bbox_lines(&html) {
            let (first, last) = (line.chars().next().unwrap(), line.chars().last().unwrap());
            assert!(!CJK_NEVER_STARTS.contains(first), "line starts with {first}: {line}");
            assert!(!CJK_NEVER_ENDS.contains(last), "line ends with {last}: {line}");
        }
    }
    if let Some((pairs, wide)) = punct_pairs(&path) {
        assert!(pairs > 0 && wide == 0, "adjacent punctuation: pairs={pairs} wide={wide}");
    }
    let Some(info) = tool("pdfinfo", &[s(&path)]) else { return };
    assert_eq!(page_count(&info), t.pages, "{info}");
    let Some(fonts) = tool("pdffonts", &[s(&path)]) else { return };
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!((cols[n - 5], cols[n - 4]), ("yes", "yes"), "{row}");
    }
    let Some(text) = tool("pdftotext", &["-raw", s(&path), "-"]) else { return };
    let got = squash(&text);
    // Every character of every block comes back, in order (running heads and
    // folios may interleave where a paragraph crosses a page).
    let got: Vec<char> = got.chars().collect();
    let mut pos = 0;
    let mut lost = Vec::new();
    for b in &doc.blocks {
        let want: Vec<char> = b.text().chars().filter(|c| !c.is_whitespace()).collect();
        let mut at = pos;
        let mut ok = true;
        for c in &want {
            match got[at..].iter().position(|g| g == c) {
                Some(k) => at += k + 1,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            pos = at;
        } else {
            lost.push(b.text().to_string());
        }
    }
    assert!(lost.is_empty(), "{} block(s) not found in order, first: {:?}", lost.len(), lost.first());
    assert!(!got.contains(&'〓') || doc.blocks.iter().any(|b| b.text().contains('〓')), "{:?}", t.warnings);
}

/// Not a timed test: a harness to measure with `/usr/bin/time -v`.
/// `BINDERY_BENCH_INPUT=novel.txt cargo test --release --test pdf -- --ignored --nocapture bench_render`
/// Lines `第…卷` become level-1 headings, `第…章` level 2, the rest paragraphs.
#[test]
#[ignore]
fn bench_render() {
    let Some(path) = std::env::var_os("BINDERY_BENCH_INPUT") else { return };
    let text = std::fs::read_to_string(path).unwrap();
    let mut blocks = Vec::new();
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace());
        if line.is_empty() {
            continue;
        }
        let level = if line.starts_with('第') && line.split(' ').next().is_some_and(|w| w.ends_with('卷')) {
            1
        } else if line.starts_with('第') && line.split(' ').next().is_some_and(|w| w.ends_with('章')) {
            2
        } else {
            0
        };
        if level > 0 {
            blocks.push(Block::Heading { level, id: heading_id(blocks.len() + 1), text: line.to_string() });
        } else {
            blocks.push(Block::paragraph(line));
        }
    }
    let doc = Document {
        metadata: Metadata { title: "Bench".into(), language: "zh-Hans".into(), ..Default::default() },
        blocks,
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let t = Pdf::default().typeset(&doc).unwrap();
    eprintln!(
        "{} chars, {} headings → {} pages, {} bytes in {:.2?}",
        doc.char_count(),
        doc.outline().len(),
        t.pages,
        t.bytes.len(),
        start.elapsed()
    );
    if let Some(out) = std::env::var_os("BINDERY_PDF_OUT") {
        std::fs::write(PathBuf::from(out).join("bench.pdf"), &t.bytes).unwrap();
    }
}

#[test]
fn pdf_a_2b_and_2u_validate_in_krilla() {
    use bindery::render::pdf::{PdfA, PdfStandard};
    for (level, conformance) in [(PdfA::A2b, "B"), (PdfA::A2u, "U")] {
        let standard = PdfStandard { archival: Some(level), ua1: false };
        let options = PdfOptions { standard, source_date_epoch: None, ..Default::default() };
        let t = Pdf { options }.typeset(&chinese_book()).expect("PDF/A export validates");
        let xmp = String::from_utf8_lossy(&t.bytes);
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "no PDF/A identification");
        assert!(xmp.contains(&format!("<pdfaid:conformance>{conformance}</pdfaid:conformance>")));
    }
}

/// A tiny valid PNG (RGB, `w`×`h`, one colour), built by hand: stored deflate blocks, no compressor needed.
fn png(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in bytes {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    // Each row: filter byte 0 (none), then RGB pixels.
    let row: Vec<u8> = std::iter::once(0u8).chain((0..w).flat_map(|_| [200u8, 60, 40])).collect();
    let raw: Vec<u8> = (0..h).flat_map(|_| row.iter().copied()).collect();
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, b) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        z.extend((b.len() as u16).to_le_bytes());
        z.extend((!(b.len() as u16)).to_le_bytes());
        z.extend(*b);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + x as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn images_are_placed_at_column_width_and_bad_ones_fall_back_to_alt_text() {
    let mut doc = english_book();
    let image = |src: &str, alt: &str| Block::Image { src: src.into(), alt: alt.into(), title: None, text: alt.into() };
    doc.blocks.push(image("figure.png", "A red rectangle"));
    doc.blocks.push(image("broken.png", "Unreadable figure"));
    doc.assets.insert("figure.png".into(), png(40, 20));
    doc.assets.insert("broken.png".into(), b"not an image".to_vec());
    let (_, path) = render(&doc, "en-images");
    let Some(list) = tool("pdfimages", &["-list", s(&path)]) else { return };
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{list}");
    assert!(rows[0].split_whitespace().nth(3) == Some("40"), "{list}");
    let Some(text) = tool("pdftotext", &["-raw", s(&path), "-"]) else { return };
    assert!(text.contains("A red rectangle") && text.contains("Unreadable figure"), "captions and fallback");
}

#[test]
fn latin_emphasis_is_italic_and_cjk_emphasis_upright() {
    let em = |t: &str| Inline::Emphasis(vec![Inline::Text(t.into())]);
    let italic_faces = |doc: &Document, name: &str| -> Option<usize> {
        let (_, path) = render(doc, name);
        let out = tool("pdffonts", &[s(&path)])?;
        Some(
            out.lines()
                .skip(2)
                .filter(|row| row.split_whitespace().next().is_some_and(|n| n.contains("Italic")))
                .count(),
        )
    };
    let mut en = english_book();
    en.blocks.push(Block::rich_paragraph(vec![
        Inline::Text("Once she heard him say, quite loudly, “".into()),
        em("Never"),
        Inline::Text(", sir.”".into()),
    ]));
    let Some(n) = italic_faces(&en, "en-italic") else { return };
    assert_eq!(n, 1, "the English emphasis is set in an italic face");
    assert_eq!(italic_faces(&english_book(), "en-no-italic"), Some(0), "no emphasis, no italic face");
    let mut zh = chinese_book();
    zh.blocks.push(Block::rich_paragraph(vec![
        Inline::Text("这一点".into()),
        em("非常重要"),
        Inline::Text("。".into()),
    ]));
    assert_eq!(italic_faces(&zh, "zh-emphasis"), Some(0), "Chinese emphasis is never slanted");
}

/// Each structure element's type and `/Lang`, depth-first, as lopdf reads them back.
fn structure_languages(doc: &lopdf::Document) -> Vec<(String, Option<String>)> {
    fn walk(doc: &lopdf::Document, obj: &lopdf::Object, out: &mut Vec<(String, Option<String>)>) {
        let obj = match obj {
            lopdf::Object::Reference(id) => doc.get_object(*id).unwrap(),
            other => other,
        };
        match obj {
            lopdf::Object::Array(items) => items.iter().for_each(|i| walk(doc, i, out)),
            lopdf::Object::Dictionary(d) => {
                let Ok(kind) = d.get(b"S").and_then(|s| s.as_name()) else { return };
                let lang = d.get(b"Lang").ok().and_then(|l| lopdf::decode_text_string(l).ok());
                out.push((String::from_utf8_lossy(kind).into_owned(), lang));
                if let Ok(kids) = d.get(b"K") {
                    walk(doc, kids, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap().as_reference().unwrap();
    walk(doc, doc.get_dictionary(root).unwrap().get(b"K").unwrap(), &mut out);
    out
}

#[test]
fn foreign_paragraphs_and_phrases_carry_their_language() {
    let mut doc = chinese_book();
    doc.blocks = vec![
        Block::Heading { level: 1, id: heading_id(1), text: "第一章　来客".into() },
        Block::paragraph("他在会上说：“Good morning, everyone.”然后坐了下来。"),
        Block::paragraph("她轻声念道「吾輩は猫である」，大家都笑了。"),
        Block::paragraph("The minutes were kept in English by the visiting delegation."),
        Block::paragraph("会议在三月底结束，一切顺利。"),
    ];
    let (t, path) = render(&doc, "zh-lang");
    let pdf = lopdf::Document::load_mem(&t.bytes).unwrap();
    let elements = structure_languages(&pdf);
    let with =
        |kind: &str, lang: Option<&str>| elements.iter().filter(|(k, l)| k == kind && l.as_deref() == lang).count();
    assert_eq!(with("P", Some("en")), 1, "the English paragraph: {elements:?}");
    assert_eq!(with("Span", Some("en")), 1, "the English greeting: {elements:?}");
    assert_eq!(with("Span", Some("ja")), 1, "the Japanese quotation: {elements:?}");
    assert_eq!(elements.iter().filter(|(k, _)| k == "Span").count(), 2, "nothing else is marked: {elements:?}");
    assert!(elements.iter().filter(|(k, _)| k.starts_with('H')).all(|(_, l)| l.is_none()), "{elements:?}");
    // poppler reads the spans' text back under their elements.
    if let Some(tree) = tool("pdfinfo", &["-struct-text", s(&path)]) {
        let lines: Vec<&str> = tree.lines().map(str::trim).collect();
        let after_span: Vec<&str> = lines.windows(2).filter(|w| w[0].starts_with("Span")).map(|w| w[1]).collect();
        assert!(after_span.iter().any(|t| t.contains("Good morning")), "{tree}");
        assert!(after_span.iter().any(|t| t.contains("吾輩は猫である")), "{tree}");
    }
}
