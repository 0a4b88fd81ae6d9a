//! Vertical writing end to end: a Japanese and a Traditional Chinese sample
//! (tests/fixtures/vertical/, written for these tests, CC0) through the binary
//! with `--vertical`. The EPUB must pass EPUBCheck and carry the vertical CSS
//! and right-to-left spine; the PDF is read back with pdfminer.six and
//! poppler (tests/vertical/glyphs.py): where each glyph stands and where the
//! ink of `、。「」` sits in its em cell, which tells a vertical form from a
//! horizontal one. A missing tool fails under `CI`.

mod common;

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const SAMPLES: [(&str, &str); 2] = [("ja-tategaki", "ja"), ("zh-hant-zhipai", "zh-Hant")];
/// Body size the samples are set in (the default).
const BODY_SIZE: f32 = 10.5;

fn sample(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/vertical").join(format!("{name}.txt"))
}

/// Convert a sample to `format` into `dir` (with `--vertical` when asked); the output's path.
fn convert(name: &str, lang: &str, format: &str, vertical: bool, dir: &Path) -> PathBuf {
    let input = sample(name);
    let mut args = vec!["convert", input.to_str().unwrap(), "--lang", lang, "--to", format];
    args.extend(["-o", dir.to_str().unwrap()]);
    if vertical {
        args.push("--vertical");
    }
    let out = common::bindery(&args);
    assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    dir.join(format!("{name}.{format}"))
}

fn entries(epub: &Path) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    (0..z.len())
        .filter_map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).ok().map(|_| (f.name().to_string(), s))
        })
        .collect()
}

fn epubcheck(path: &Path) {
    if !common::tool("epubcheck") {
        return;
    }
    let out = Command::new("epubcheck").arg(path).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let problems = text.lines().filter(|l| ["FATAL", "ERROR", "WARNING"].iter().any(|p| l.starts_with(p))).count();
    assert!(out.status.success() && problems == 0, "EPUBCheck on {}:\n{text}", path.display());
    eprintln!("EPUBCheck {}: 0 fatals / 0 errors / 0 warnings", path.display());
}

#[test]
fn vertical_epubs_pass_epubcheck_with_vertical_css_and_a_right_to_left_spine() {
    let dir = common::tempdir();
    for (name, lang) in SAMPLES {
        let path = convert(name, lang, "epub", true, dir.path());
        epubcheck(&path);
        let files = entries(&path);
        let file = |suffix: &str| files.iter().find(|(n, _)| n.ends_with(suffix)).map(|(_, s)| s.as_str()).unwrap();
        let opf = file("content.opf");
        assert!(opf.contains(r#"<spine toc="ncx" page-progression-direction="rtl">"#), "{name}: {opf}");
        assert!(opf.contains(r#"<meta name="primary-writing-mode" content="vertical-rl"/>"#), "{name}");
        let css = file("style.css");
        for property in
            ["writing-mode: vertical-rl", "-epub-writing-mode: vertical-rl", "-webkit-writing-mode: vertical-rl"]
        {
            assert!(css.contains(property), "{name}: {property}");
        }
        assert!(css.contains("text-combine-upright: all"), "{name}");
        let sections: String = files.iter().filter(|(n, _)| n.contains("section-")).map(|(_, s)| s.as_str()).collect();
        assert!(sections.contains(r#"<span class="tcy">"#), "{name}: short numbers set upright");

        // Without the flag the book stays horizontal.
        let plain = convert(name, lang, "epub", false, &dir.path().join("horizontal"));
        let files = entries(&plain);
        let all: String = files.iter().map(|(_, s)| s.as_str()).collect();
        assert!(!all.contains("vertical-rl") && !all.contains("page-progression-direction") && !all.contains("tcy"));
    }
}

/// Glyphs of a PDF as `tests/vertical/glyphs.py` reads them; `None` (skip) without the tools locally.
fn glyphs(pdf: &Path) -> Option<Value> {
    if !common::tool("pdftoppm") || !common::tool("python3") {
        return None;
    }
    let stdout = common::run_pdfminer_script(&common::root().join("tests/vertical/glyphs.py"), pdf)?;
    Some(serde_json::from_slice(&stdout).expect("glyphs.py JSON"))
}

#[derive(Debug, Clone, Copy)]
struct Glyph {
    c: char,
    x0: f32,
    baseline: f32,
    size: f32,
    upright: bool,
    /// Ink centroid and extent in the em cell, as fractions (x from the left, y from the top).
    ink: Option<[f32; 4]>,
}

fn pages_of(v: &Value) -> Vec<Vec<Glyph>> {
    let f = |c: &Value, k: &str| c[k].as_f64().unwrap() as f32;
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["chars"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|c| {
                    let mut chars = c["c"].as_str()?.chars();
                    let ink = c["ink"].as_array().map(|a| [0, 1, 2, 3].map(|i| a[i].as_f64().unwrap() as f32));
                    Some(Glyph {
                        c: chars.next()?,
                        x0: f(c, "x0"),
                        baseline: f(c, "baseline"),
                        size: f(c, "size"),
                        upright: c["upright"].as_bool().unwrap(),
                        ink,
                    })
                })
                .collect()
        })
        .collect()
}

fn is_body_cjk(g: &Glyph) -> bool {
    (g.size - BODY_SIZE).abs() < 0.01 && g.c as u32 >= 0x3000 && g.c != '\u{3000}'
}

#[test]
fn vertical_pdf_columns_run_top_to_bottom_and_right_to_left_with_vertical_forms() {
    let dir = common::tempdir();
    for (name, lang) in SAMPLES {
        let path = convert(name, lang, "pdf", true, dir.path());
        let Some(read) = glyphs(&path) else { return };
        let page_list = read["pages"].as_array().unwrap();
        assert!(page_list.iter().all(|p| p["r2l"] == true), "{name}: /ViewerPreferences /Direction /R2L");
        assert!(
            page_list.iter().all(|p| p["height"].as_f64() > p["width"].as_f64()),
            "{name}: the paper stays portrait"
        );

        let (mut down, mut next_column, mut columns_right_to_left) = (0, 0, 0);
        for (n, page) in pages_of(&read).iter().enumerate() {
            let body: Vec<&Glyph> = page.iter().filter(|g| is_body_cjk(g)).collect();
            for pair in body.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                assert!(a.upright && b.upright, "{name} p{}: CJK stands upright", n + 1);
                if (a.x0 - b.x0).abs() < 0.01 {
                    // Same column: the next character is lower, by an em (or a
                    // little less after a mark justification squeezed).
                    assert!(a.baseline - b.baseline >= 0.75 * BODY_SIZE, "{name} p{}: {} then {}", n + 1, a.c, b.c);
                    down += 1;
                } else {
                    // A new column starts to the left, at least a line further on.
                    assert!(a.x0 - b.x0 >= BODY_SIZE, "{name} p{}: {} then {} go left", n + 1, a.c, b.c);
                    next_column += 1;
                }
            }
            if let (Some(first), Some(last)) = (body.first(), body.last()) {
                if first.x0 > last.x0 {
                    columns_right_to_left += 1;
                }
            }
        }
        eprintln!("{name}: {down} steps down a column, {next_column} steps to the next column on the left");
        assert!(
            down > 10 * next_column && next_column >= 10 && columns_right_to_left >= 3,
            "{name}: {down} / {next_column}"
        );

        // Latin runs are turned sideways and run down the column too.
        let latin: Vec<Glyph> = pages_of(&read).concat().into_iter().filter(|g| g.c.is_ascii_alphabetic()).collect();
        assert!(latin.iter().all(|g| !g.upright), "{name}: Latin letters lie on their side");
        for pair in latin.windows(2).filter(|p| (p[0].x0 - p[1].x0).abs() < 1.0) {
            assert!(pair[0].baseline >= pair[1].baseline, "{name}: {} above {}", pair[0].c, pair[1].c);
        }

        // Nothing is lost: every character of the source is drawn (and maps back to its text).
        let mut drawn: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
        for g in pages_of(&read).concat() {
            *drawn.entry(g.c).or_default() += 1;
        }
        let source = std::fs::read_to_string(sample(name)).unwrap();
        for c in source.chars().filter(|c| !c.is_whitespace()) {
            let left = drawn.get_mut(&c).filter(|n| **n > 0).unwrap_or_else(|| panic!("{name}: {c} is missing"));
            *left -= 1;
        }

        // 、。 in their vertical forms sit in the upper right of their cell;
        // 「」 lie across the column, below (「) or above (」) its middle.
        let marks = vertical_marks(&pages_of(&read));
        assert!(marks >= 20, "{name}: {marks} marks measured");
    }
}

/// Check the ink of every `、。「」` for its vertical form; returns how many were measured.
fn vertical_marks(pages: &[Vec<Glyph>]) -> usize {
    let mut measured = 0;
    for g in pages.concat() {
        let Some([cx, cy, w, h]) = g.ink else { continue };
        match g.c {
            '、' | '。' => assert!(cx > 0.6 && cy < 0.4, "{}: ink at ({cx}, {cy}) is not upper right", g.c),
            '「' => assert!(w > 2.0 * h && cy > 0.5, "{}: {w}×{h} at y {cy}", g.c),
            '」' => assert!(w > 2.0 * h && cy < 0.5, "{}: {w}×{h} at y {cy}", g.c),
            _ => continue,
        }
        measured += 1;
    }
    measured
}

#[test]
fn the_mark_check_tells_horizontal_forms_from_vertical_ones() {
    // The same Japanese sample set horizontally: 、。 lower left, 「」 upright and tall.
    let dir = common::tempdir();
    let path = convert("ja-tategaki", "ja", "pdf", false, dir.path());
    let Some(read) = glyphs(&path) else { return };
    assert!(read["pages"].as_array().unwrap().iter().all(|p| p["r2l"] == false));
    let mut measured = 0;
    for g in pages_of(&read).concat() {
        let Some([cx, cy, w, h]) = g.ink else { continue };
        match g.c {
            '、' | '。' => assert!(cx < 0.4 && cy > 0.6, "{}: ({cx}, {cy})", g.c),
            '「' | '」' => assert!(h > 1.5 * w, "{}: {w}×{h}", g.c),
            _ => continue,
        }
        measured += 1;
    }
    assert!(measured >= 20, "{measured}");
}

/// The destination of a link annotation or bookmark: (0-based page, left, top).
fn destination(
    doc: &lopdf::Document,
    dict: &lopdf::Dictionary,
    pages: &[lopdf::ObjectId],
) -> Option<(usize, f32, f32)> {
    let deref = |o: &lopdf::Object| match o {
        lopdf::Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let dest = match dict.get(b"Dest") {
        Ok(d) => deref(d)?,
        Err(_) => deref(deref(dict.get(b"A").ok()?)?.as_dict().ok()?.get(b"D").ok()?)?,
    };
    let array = dest.as_array().ok()?;
    let page = pages.iter().position(|id| array[0].as_reference().ok() == Some(*id))?;
    let number = |o: &lopdf::Object| o.as_float().ok().or_else(|| o.as_i64().ok().map(|i| i as f32));
    Some((page, number(&array[2])?, number(&array[3])?))
}

#[test]
fn vertical_contents_links_and_bookmarks_lead_to_the_chapter_columns() {
    let dir = common::tempdir();
    let path = convert("ja-tategaki", "ja", "pdf", true, dir.path());
    let doc = lopdf::Document::load(&path).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let Some(read) = glyphs(&path) else { return };
    let glyph_pages = pages_of(&read);
    // The page each chapter heading (「第…章」 set larger than the body) starts on.
    let headings: Vec<(usize, f32)> = glyph_pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| {
            p.iter().filter(|g| g.c == '第' && g.size > BODY_SIZE * 1.2).map(move |g| (n, g.x0 + g.size / 2.0))
        })
        .collect();
    assert_eq!(headings.len(), 3, "three chapters");

    let mut links = Vec::new();
    for (n, id) in pages.iter().enumerate() {
        let page = doc.get_dictionary(*id).unwrap();
        let Ok(annots) = page.get(b"Annots").and_then(|a| match a {
            lopdf::Object::Reference(r) => doc.get_object(*r).and_then(lopdf::Object::as_array).cloned(),
            other => other.as_array().cloned(),
        }) else {
            continue;
        };
        for a in annots {
            let a = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            let rect: Vec<f32> =
                a.get(b"Rect").unwrap().as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
            assert!(
                rect[3] - rect[1] > 5.0 * (rect[2] - rect[0]),
                "p{}: a contents link is a tall column: {rect:?}",
                n + 1
            );
            links.push(destination(&doc, a, &pages).expect("a link destination"));
        }
    }
    let catalog = doc.catalog().unwrap();
    let outlines = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut bookmarks = Vec::new();
    let mut next = outlines.get(b"First").ok().and_then(|f| f.as_reference().ok());
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        bookmarks.push(destination(&doc, item, &pages).expect("a bookmark destination"));
        next = item.get(b"Next").ok().and_then(|f| f.as_reference().ok());
    }
    for targets in [&links, &bookmarks] {
        assert_eq!(targets.len(), headings.len(), "{targets:?}");
        for (&(page, left, _), &(heading_page, _)) in targets.iter().zip(&headings) {
            assert_eq!(page, heading_page, "the chapter's page");
            assert_eq!(left, 0.0, "the view opens at the page's left edge (its text runs leftwards)");
        }
    }
}

#[test]
fn vertical_books_are_byte_identical_run_to_run() {
    let dir = common::tempdir();
    let input = sample("zh-hant-zhipai");
    let mut books = Vec::new();
    for run in ["a", "b"] {
        let out = dir.path().join(run);
        let status = Command::new(env!("CARGO_BIN_EXE_bindery"))
            .args(["convert", input.to_str().unwrap(), "--vertical", "-o", out.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", common::stderr(&status));
        books.push(["epub", "pdf"].map(|ext| std::fs::read(out.join(format!("zh-hant-zhipai.{ext}"))).unwrap()));
    }
    assert!(books[0] == books[1], "same input and options, same bytes");
}
