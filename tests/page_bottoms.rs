//! Page bottoms, read back from the PDF with poppler's `pdftotext -bbox`: a
//! page the text runs on from, before a page that opens with a heading, ends
//! on the text block's foot like a full page of text when the space around
//! its own headings can take up what the moved heading left.
//!
//! The books are invented here, one in Chinese and one in English: short
//! sections under level-3 headings, so most pages hold three headings or more.

mod common;

use bindery::model::heading_id;
use bindery::render::pdf::{Pdf, PdfOptions};
use bindery::{Block, Document, Metadata};

/// A page may end this far above the foot of a full page and still count as
/// full, in body lines: rounding in the glue and in poppler's boxes.
const TOLERANCE_LINES: f32 = 0.1;
/// Headings below a page's first line that guarantee glue enough to fill any
/// gap a moved level-3 heading leaves: each gives up to 1.5 lines of stretch
/// (1 above, 0.5 below), and a closed-up level-3 heading with the lines kept
/// with it (up to three: a three-line paragraph is never split) needs under
/// 5 lines, so four headings (6 lines) always reach the foot.
const HEADINGS_THAT_FILL: usize = 4;

fn book(language: &str, sentences: &[&str], heading: impl Fn(usize) -> String) -> Document {
    let mut blocks = vec![Block::Heading { level: 1, id: heading_id(1), text: heading(0) }];
    // A fixed sequence (a linear congruential generator) of section and paragraph lengths.
    let mut seed = 7u32;
    let mut next = |n: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) % n
    };
    for s in 1..=60 {
        blocks.push(Block::Heading { level: 3, id: heading_id(s + 1), text: heading(s) });
        for _ in 0..1 + next(3) {
            let text: String = (0..1 + next(6)).map(|_| sentences[next(sentences.len() as u32) as usize]).collect();
            blocks.push(Block::paragraph(text));
        }
    }
    Document {
        metadata: Metadata { title: "Page bottoms".into(), language: language.into(), ..Default::default() },
        blocks,
        ..Default::default()
    }
}

/// One word box of `pdftotext -bbox`: page, top, bottom (points from the top).
struct Word {
    page: usize,
    top: f32,
    bottom: f32,
}

fn words(html: &str) -> (Vec<Word>, usize) {
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut out = Vec::new();
    let mut page = 0;
    for (k, chunk) in html.split("<page ").enumerate().skip(1) {
        page = k - 1;
        for w in chunk.split("<word ").skip(1) {
            out.push(Word { page, top: attr(w, "yMin"), bottom: attr(w, "yMax") });
        }
    }
    (out, page + 1)
}

/// (pages before a moved heading, those ending short) for `doc`; panics on a
/// page that holds [`HEADINGS_THAT_FILL`] headings and still ends short.
fn check(doc: &Document, name: &str) -> Option<(usize, usize)> {
    if !common::tool("pdftotext") {
        return None;
    }
    let options = PdfOptions { source_date_epoch: Some(1_700_000_000), ..Default::default() };
    let t = Pdf { options: options.clone() }.typeset(doc).unwrap();
    let dir = common::tempdir();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, &t.bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-bbox").arg(&path).arg("-").output().unwrap();
    assert!(out.status.success());
    let (all, pages) = words(&String::from_utf8_lossy(&out.stdout));

    let pt = 72.0 / 25.4;
    let (top, foot) = (options.margins.top * pt, (options.page_size.mm().1 - options.margins.bottom) * pt);
    let leading = options.font_size * if name.starts_with("zh") { 1.75 } else { 1.4 };
    let body: Vec<&Word> = all.iter().filter(|w| w.top >= top - 1.0 && w.bottom <= foot + 1.0).collect();
    // Headings are set 1.15 times the body size or more; most words are body text.
    let mut heights: Vec<f32> = body.iter().map(|w| w.bottom - w.top).collect();
    heights.sort_by(f32::total_cmp);
    let body_height = heights[heights.len() / 2];
    let is_heading = |w: &Word| w.bottom - w.top > 1.1 * body_height;
    let on = |p: usize| body.iter().filter(move |w| w.page == p);
    let furnished = |p: usize| all.iter().any(|w| w.page == p && w.bottom < top);
    // The foot of a full page of text: the lowest last line of any page.
    let last_line = |p: usize| on(p).map(|w| w.bottom).fold(0.0, f32::max);
    let full = (0..pages).map(last_line).fold(0.0, f32::max);
    let (mut checked, mut short, mut filled) = (0, 0, 0);
    for p in 0..pages.saturating_sub(1) {
        let first_next = on(p + 1).min_by(|a, b| a.top.total_cmp(&b.top));
        let opens_with_heading = first_next.is_some_and(|w| is_heading(w));
        if !furnished(p) || !furnished(p + 1) || !opens_with_heading {
            continue;
        }
        // Headings below the page's first line (the space above one on the
        // first line is dropped): distinct lines of heading-sized words.
        let first = on(p).map(|w| w.top).fold(f32::MAX, f32::min);
        let mut heading_lines: Vec<i32> =
            on(p).filter(|w| is_heading(w) && w.top > first + 1.0).map(|w| w.top.round() as i32).collect();
        heading_lines.dedup();
        let shortfall = (full - last_line(p)) / leading;
        checked += 1;
        filled += usize::from(heading_lines.len() >= HEADINGS_THAT_FILL);
        if shortfall > TOLERANCE_LINES {
            short += 1;
            assert!(
                heading_lines.len() < HEADINGS_THAT_FILL,
                "{name}: page {} ends {shortfall:.2} lines short with {} headings on it to stretch",
                p + 1,
                heading_lines.len()
            );
        }
    }
    assert!(filled >= 1, "{name}: no page with {HEADINGS_THAT_FILL} headings before a moved one");
    Some((checked, short))
}

#[test]
fn pages_before_a_moved_heading_end_on_the_foot() {
    let zh = [
        "清晨的码头上已经站满了等船的人。",
        "他把行李放在脚边，抬头看了看天色。",
        "雨停了，街角的茶馆重新开了门，",
        "会议决定在三月底以前完成全部准备工作。",
        "这座城市的图书馆藏有十二万册旧书，",
        "她说：“明天再来看看吧。”",
    ];
    let en = [
        "The ferry left at seven, whatever the weather. ",
        "He set his bag down and looked at the sky. ",
        "By noon the rain had stopped and the tea house opened again. ",
        "The committee agreed to finish the work before the end of March. ",
        "The library kept a hundred thousand old books in its cellars. ",
        "She said they would come back tomorrow. ",
    ];
    let cases = [
        ("zh-bottoms", book("zh-Hans", &zh, |n| format!("第{n}节　码头的早晨"))),
        ("en-bottoms", book("en", &en, |n| format!("Section {n}: Morning at the Pier"))),
    ];
    for (name, doc) in &cases {
        let Some((checked, short)) = check(doc, name) else { return };
        eprintln!("{name}: {checked} pages before a moved heading, {short} end short");
        assert!(checked >= 3, "{name}: the case is exercised ({checked} pages)");
    }
}
