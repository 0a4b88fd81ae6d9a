//! Ruby end to end: Aozora `漢字《かんじ》` and `｜base《reading》` become
//! `<ruby>` in the EPUB (EPUBCheck-valid), HTML ruby in the Markdown that
//! reads back to the same model, readings Calibre keeps through AZW3 and
//! back; `--no-ruby` drops the readings and the text stays the same. In the
//! PDF each reading stands above its base, read back glyph by glyph with
//! pdfminer.six (`tests/vertical/glyphs.py`): half the size, centred, on
//! the base's em box.

mod common;

use common::*;
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// A short Aozora Bunko-style text (written for this test): a symbol legend,
/// heading annotations, ruby after kanji and ruby with a bar.
const AOZORA: &str = concat!(
    "雨の駅\n作者不詳\n\n",
    "-------------------------------------------------------\n",
    "【テキスト中に現れる記号について】\n\n",
    "《》：ルビ\n（例）改札《かいさつ》\n\n",
    "｜：ルビの付く文字列の始まりを特定する記号\n（例）古い｜駅舎《えきしゃ》\n",
    "-------------------------------------------------------\n\n",
    "［＃３字下げ］一［＃「一」は中見出し］\n\n",
    "　終電《しゅうでん》を逃した私は、｜古い駅舎《ふるいえきしゃ》の軒下で雨宿りをしていた。\n",
    "　向かいのホームには誰もいない。時計《とけい》の針だけが静かに進んでいく。\n\n",
    "［＃３字下げ］二［＃「二」は中見出し］\n\n",
    "　やがて一台のタクシーが、水溜《みずたま》りを跳ねながら近づいてきた。\n",
);

/// The readings of the body, in order (the legend's examples are boilerplate).
const READINGS: [&str; 4] = ["しゅうでん", "ふるいえきしゃ", "とけい", "みずたま"];
/// Their bases, in the same order.
const BASES: [&str; 4] = ["終電", "古い駅舎", "時計", "水溜"];

fn convert(input: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec!["convert", input.to_str().unwrap(), "--to", "epub,md,json", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = bindery(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("conservation"), "{}", stderr(&o));
}

/// Every XHTML file of an EPUB, concatenated in name order.
fn xhtml(epub: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut names: Vec<String> = z.file_names().filter(|n| n.ends_with("html")).map(String::from).collect();
    names.sort();
    let mut all = String::new();
    for n in names {
        z.by_name(&n).unwrap().read_to_string(&mut all).unwrap();
    }
    all
}

/// The text of every `<rt>` (with or without attributes), in order.
fn readings(html: &str) -> Vec<String> {
    html.split("<rt").skip(1).filter_map(|s| Some(s[s.find('>')? + 1..s.find("</rt>")?].to_string())).collect()
}

/// The paragraphs' plain text from a `--to json` output.
fn paragraphs(json: &Path) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .map(|b| b["text"].as_str().unwrap().to_string())
        .collect()
}

/// Ruby inlines (`base`, `reading`) of a `--to json` output.
fn ruby_inlines(json: &Path) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    let mut out = Vec::new();
    for b in v["blocks"].as_array().unwrap() {
        for i in b["inlines"].as_array().into_iter().flatten() {
            if i["type"] == "ruby" {
                out.push((
                    i["content"]["base"].as_str().unwrap().into(),
                    i["content"]["text"].as_str().unwrap().into(),
                ));
            }
        }
    }
    out
}

fn epubcheck(epub: &Path) {
    if !tool("epubcheck") {
        return;
    }
    let out = Command::new("epubcheck").arg(epub).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    let problems = text.lines().filter(|l| ["FATAL", "ERROR", "WARNING"].iter().any(|p| l.starts_with(p))).count();
    assert!(out.status.success() && problems == 0, "EPUBCheck on {}:\n{text}", epub.display());
}

#[test]
fn aozora_ruby_reaches_epub_and_markdown_and_no_ruby_drops_it() {
    let dir = tempdir();
    let input = dir.path().join("ame.txt");
    std::fs::write(&input, AOZORA).unwrap();

    let with = dir.path().join("with");
    convert(&input, &with, &[]);
    let html = xhtml(&with.join("ame.epub"));
    assert_eq!(readings(&html), READINGS, "{html}");
    assert!(html.contains("<ruby>終電<rp>(</rp><rt>しゅうでん</rt><rp>)</rp></ruby>を逃した"), "{html}");
    assert!(html.contains("<ruby>古い駅舎<rp>"), "{html}");
    let text = paragraphs(&with.join("ame.json"));
    assert!(text.iter().any(|p| p.contains("終電を逃した私は、古い駅舎の軒下で")), "{text:?}");
    epubcheck(&with.join("ame.epub"));

    // The Markdown keeps the ruby and reads back to the same inlines.
    let md = std::fs::read_to_string(with.join("ame.md")).unwrap();
    assert_eq!(md.matches("<ruby>").count(), READINGS.len(), "{md}");
    let back = dir.path().join("back");
    convert(&with.join("ame.md"), &back, &[]);
    assert_eq!(ruby_inlines(&back.join("ame.json")), ruby_inlines(&with.join("ame.json")));
    assert_eq!(ruby_inlines(&with.join("ame.json")).len(), READINGS.len());

    let without = dir.path().join("without");
    convert(&input, &without, &["--no-ruby"]);
    let plain_html = xhtml(&without.join("ame.epub"));
    assert!(!plain_html.contains("<ruby>") && !plain_html.contains("<rt>"), "{plain_html}");
    assert!(!std::fs::read_to_string(without.join("ame.md")).unwrap().contains("<ruby>"));
    assert_eq!(paragraphs(&without.join("ame.json")), text, "--no-ruby changed the text");
}

#[test]
fn ruby_survives_calibre_to_azw3_and_back() {
    if !tool("ebook-convert") {
        return;
    }
    let dir = tempdir();
    let input = dir.path().join("ame.txt");
    std::fs::write(&input, AOZORA).unwrap();
    let o = bindery(&["convert", input.to_str().unwrap(), "--to", "epub", "-o", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (epub, azw3, again) = (dir.path().join("ame.epub"), dir.path().join("ame.azw3"), dir.path().join("again.epub"));
    for (from, to) in [(&epub, &azw3), (&azw3, &again)] {
        let o = Command::new("ebook-convert").arg(from).arg(to).output().unwrap();
        assert!(o.status.success(), "ebook-convert {} {}: {}", from.display(), to.display(), stderr(&o));
    }
    assert_eq!(readings(&xhtml(&again)), READINGS);
}

/// One glyph read back from a PDF page.
#[derive(Debug, Clone)]
struct Glyph {
    c: char,
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
}

/// Every glyph of `pdf`, page after page, in drawing order; `None` (skip)
/// without pdfminer.six, a failure in CI.
fn pdf_glyphs(pdf: &Path) -> Option<Vec<Glyph>> {
    let out = run_pdfminer_script(&root().join("tests/vertical/glyphs.py"), pdf)?;
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let glyph = |g: &serde_json::Value| Glyph {
        c: g["c"].as_str().unwrap().chars().next().unwrap(),
        x0: g["x0"].as_f64().unwrap(),
        x1: g["x1"].as_f64().unwrap(),
        baseline: g["baseline"].as_f64().unwrap(),
        size: g["size"].as_f64().unwrap(),
    };
    Some(v["pages"].as_array().unwrap().iter().flat_map(|p| p["chars"].as_array().unwrap().iter().map(glyph)).collect())
}

/// The first run of consecutive glyphs spelling `word`, all of one size.
fn find_word<'g>(glyphs: &'g [Glyph], word: &str, size: impl Fn(f64) -> bool) -> &'g [Glyph] {
    let n = word.chars().count();
    glyphs
        .windows(n)
        .find(|w| w.iter().map(|g| g.c).eq(word.chars()) && w.iter().all(|g| size(g.size)))
        .unwrap_or_else(|| panic!("{word} not found"))
}

#[test]
fn pdf_sets_each_reading_above_its_base() {
    let dir = tempdir();
    let input = dir.path().join("ame.txt");
    std::fs::write(&input, AOZORA).unwrap();
    let o = bindery(&["convert", input.to_str().unwrap(), "--to", "pdf", "-o", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let Some(glyphs) = pdf_glyphs(&dir.path().join("ame.pdf")) else { return };
    let body = glyphs.iter().find(|g| g.c == '逃').unwrap().size;
    for (base, reading) in BASES.iter().zip(READINGS) {
        let b = find_word(&glyphs, base, |s| (s - body).abs() < 0.01);
        let r = find_word(&glyphs, reading, |s| (s - body / 2.0).abs() < 0.01);
        let centre = |w: &[Glyph]| (w[0].x0 + w[w.len() - 1].x1) / 2.0;
        assert!((centre(r) - centre(b)).abs() < 0.05, "{reading} centred over {base}: {r:?} {b:?}");
        // The reading's em box (0.88 above its baseline, 0.12 below) stands
        // on the base's: its bottom on the base's top.
        let (r_bottom, b_top) = (r[0].baseline - 0.12 * r[0].size, b[0].baseline + 0.88 * b[0].size);
        assert!((r_bottom - b_top).abs() < 0.05, "{reading} on {base}: {r_bottom} vs {b_top}");
    }
    // Nothing else is set small: no reading without its base, and --no-ruby sets none.
    let small = glyphs.iter().filter(|g| g.size < body * 0.75).count();
    assert_eq!(small, READINGS.iter().map(|r| r.chars().count()).sum::<usize>());
    let without = dir.path().join("without");
    let o = bindery(&["convert", input.to_str().unwrap(), "--to", "pdf", "--no-ruby", "-o", without.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plain = pdf_glyphs(&without.join("ame.pdf")).unwrap();
    assert!(plain.iter().all(|g| g.size >= body * 0.75), "--no-ruby set a reading");
}
