//! `--to kepub` end to end: `NAME.kepub.epub` beside the EPUB, EPUBCheck
//! 0/0, one koboSpan per sentence of every text block (Chinese and Japanese
//! sentence ends included) counted against the sentences of the plain EPUB's
//! text, and nothing of the plain EPUB changed but the spans and Kobo's
//! wrappers. On the user's bulletin (by path) and two Japanese books (the
//! vertical sample, in vertical mode, and the Aozora case with ruby).
//!
//! `cargo test --test kepub -- --nocapture` prints the counts.

mod common;

use common::*;
use regex::Regex;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Each XHTML section of an EPUB (`section-NNN.xhtml`), by name.
fn sections(epub: &Path) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut names: Vec<String> = z.file_names().filter(|n| n.contains("section-")).map(String::from).collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let mut s = String::new();
            z.by_name(&n).unwrap().read_to_string(&mut s).unwrap();
            (n, s)
        })
        .collect()
}

/// The section with the koboSpans and Kobo's wrapper divs taken out.
fn without_kobo(xhtml: &str) -> String {
    let open = Regex::new(r#"<span class="koboSpan" id="kobo\.\d+\.\d+">"#).unwrap();
    // A koboSpan's end is the `</span>` that balances it; inner spans (upright numbers) have their own.
    let mut out = String::new();
    let mut depth_stack: Vec<bool> = Vec::new();
    let mut rest = xhtml.replace("<div id=\"book-columns\"><div id=\"book-inner\">\n", "").replace("</div></div>", "");
    while let Some(at) = rest.find("<span").into_iter().chain(rest.find("</span>")).min() {
        out.push_str(&rest[..at]);
        let tail = rest[at..].to_string();
        if let Some(m) = open.find(&tail).filter(|m| m.start() == 0) {
            depth_stack.push(true);
            rest = tail[m.end()..].to_string();
        } else if let Some(after) = tail.strip_prefix("</span>") {
            if depth_stack.pop() != Some(true) {
                out.push_str("</span>");
            }
            rest = after.to_string();
        } else {
            depth_stack.push(false);
            let end = tail.find('>').unwrap() + 1;
            out.push_str(&tail[..end]);
            rest = tail[end..].to_string();
        }
    }
    out.push_str(&rest);
    out
}

/// A text block element and its content (they do not nest in bindery's XHTML).
const TEXT_BLOCK: &str = r"(?s)<(p|h[1-6]|li|figcaption|th|td)\b[^>]*>(.*?)</(p|h[1-6]|li|figcaption|th|td)>";

/// Sentences of the text blocks of a plain section, counted on the text with
/// its markup removed: each run of `。！？` (or `.!?` before a space or the
/// end) with the closing quotes and brackets after it ends one, and text
/// after the last end is one more. Blocks with emphasis or links are counted
/// apart (Kobo's spans cannot cross an element's edge, so they have more).
fn sentence_counts(xhtml: &str) -> (usize, usize) {
    let block = Regex::new(TEXT_BLOCK).unwrap();
    let ruby_reading = Regex::new(r"(?s)<rp>.*?</rp>|<rt>.*?</rt>").unwrap();
    let tag = Regex::new(r"<[^>]+>").unwrap();
    let end = Regex::new(r#"([。！？｡]+|[.!?]+(?:["'」』”’）)】〕》〉］\]]*)(?:\s|$))["'」』”’）)】〕》〉］\]〞]*\s*"#)
        .unwrap();
    let (mut plain, mut marked) = (0, 0);
    for c in block.captures_iter(xhtml) {
        let inner = &c[2];
        let text = tag.replace_all(&ruby_reading.replace_all(inner, ""), "").replace("&quot;", "\"");
        let text = text.replace("&apos;", "'").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        let mut n = 0;
        let mut last = 0;
        for m in end.find_iter(&text) {
            n += 1;
            last = m.end();
        }
        if !text[last..].trim().is_empty() {
            n += 1;
        }
        if ["<em", "<strong", "<a ", "<br"].iter().any(|t| inner.contains(t)) {
            marked += n;
        } else {
            plain += n;
        }
    }
    (plain, marked)
}

fn epubcheck(path: &Path) {
    if !tool("epubcheck") {
        return;
    }
    let out = Command::new("epubcheck").arg(path).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    let problems: Vec<&str> =
        text.lines().filter(|l| ["FATAL", "ERROR", "WARNING"].iter().any(|level| l.starts_with(level))).collect();
    assert!(out.status.success() && problems.is_empty(), "EPUBCheck on {}:\n{text}", path.display());
}

/// Convert `input` to EPUB and kepub; check the kepub against the EPUB and return (spans, sentences).
fn check(name: &str, input: &Path, extra: &[&str]) -> (usize, usize) {
    let out = tempdir();
    let mut args = vec!["convert", input.to_str().unwrap(), "--to", "epub,kepub", "-o", out.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = bindery(&args);
    assert!(o.status.success(), "{name}: {}", stderr(&o));
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let (epub, kepub) = (out.path().join(format!("{stem}.epub")), out.path().join(format!("{stem}.kepub.epub")));
    assert!(kepub.exists(), "{name}: no {}", kepub.display());
    epubcheck(&kepub);
    let span = Regex::new(r#"<span class="koboSpan" id="kobo\.(\d+)\.(\d+)">"#).unwrap();
    let block = Regex::new(TEXT_BLOCK).unwrap();
    let (mut spans, mut sentences, mut marked_sentences, mut marked_spans) = (0, 0, 0, 0);
    for ((plain_name, plain), (kobo_name, kobo)) in sections(&epub).iter().zip(sections(&kepub).iter()) {
        assert_eq!(plain_name, kobo_name);
        assert_eq!(without_kobo(kobo), *plain, "{name}/{kobo_name}: the kepub changed more than spans");
        assert!(kobo.contains("<div id=\"book-columns\"><div id=\"book-inner\">"), "{name}/{kobo_name}");
        // Ids are unique in the file.
        let ids: Vec<String> = span.captures_iter(kobo).map(|c| format!("{}.{}", &c[1], &c[2])).collect();
        let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{name}/{kobo_name}: duplicate koboSpan ids");
        let (plain_count, marked_count) = sentence_counts(plain);
        sentences += plain_count;
        marked_sentences += marked_count;
        // Spans of blocks without inline markup, against their sentences.
        for c in block.captures_iter(kobo) {
            let n = span.find_iter(&c[2]).count();
            if ["<em", "<strong", "<a ", "<br"].iter().any(|t| c[2].contains(t)) {
                marked_spans += n;
            } else {
                spans += n;
            }
        }
    }
    println!(
        "{name}: {spans} koboSpans for {sentences} sentences in blocks without inline markup; \
         {marked_spans} for {marked_sentences} in blocks with emphasis, links or line breaks"
    );
    assert!(sentences > 0, "{name}: no sentences found");
    assert_eq!(spans, sentences, "{name}: one koboSpan per sentence");
    assert!(marked_spans >= marked_sentences, "{name}: a sentence without its span");
    (spans, sentences)
}

#[test]
fn the_bulletin_has_a_kobo_span_per_sentence() {
    let Some(shared) = shared() else { return };
    check("luoyang-bulletin", &shared.join("corpus/luoyang-bulletin/input.txt"), &[]);
}

#[test]
fn japanese_books_have_a_kobo_span_per_sentence() {
    let fixture: PathBuf = root().join("tests/fixtures/vertical/ja-tategaki.txt");
    check("ja-tategaki (vertical)", &fixture, &["--vertical"]);
    check("ja-aozora", &root().join("tests/cases/ja-aozora/input.txt"), &[]);
}

#[test]
fn the_counter_sees_chinese_japanese_and_english_sentence_ends() {
    let (plain, marked) = sentence_counts(
        "<p>雨停了。“走吗？”他问</p><p>駅は静か。「<ruby>終電<rp>(</rp><rt>しゅうでん</rt><rp>)</rp></ruby>は？」</p>\
         <p>It cost 3.14 pounds. &quot;Really?&quot; she said.</p><p>一。<em>二。</em></p>",
    );
    assert_eq!((plain, marked), (3 + 2 + 3, 2));
}
