//! Ruby end to end: Aozora `漢字《かんじ》` and `｜base《reading》` become
//! `<ruby>` in the EPUB (EPUBCheck-valid), HTML ruby in the Markdown that
//! reads back to the same model, readings Calibre keeps through AZW3 and
//! back; `--no-ruby` drops the readings and the text stays the same.

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
