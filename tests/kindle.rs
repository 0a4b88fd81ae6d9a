//! Send-to-Kindle's known reasons for refusing an EPUB, each checked on our
//! books (a Chinese report, the bilingual sample, a Japanese text with ruby
//! and a cover image): every XML file declares its encoding, `dc:language`
//! is a well-formed BCP 47 tag that the pages repeat, no link points at a
//! `<body>`'s id, and no `<img>` is empty or points at a missing file.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The files of an EPUB, by name.
fn entries(epub: &Path) -> BTreeMap<String, String> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.insert(f.name().to_string(), String::from_utf8_lossy(&bytes).into_owned());
    }
    out
}

/// The value of `name="…"` in one tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Every start tag `<name …>` in `xml`.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    xml.match_indices(&open)
        .filter(|(at, _)| xml[at + open.len()..].starts_with([' ', '>', '/']))
        .filter_map(|(at, _)| Some(&xml[at..at + xml[at..].find('>')? + 1]))
        .collect()
}

/// A BCP 47 tag as Kindle takes it: language, optional script, optional region.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    parts.all(|p| {
        (p.len() == 4 && p.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
            || (p.len() == 2 && p.chars().all(|c| c.is_ascii_uppercase()))
            || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
    })
}

/// What Send-to-Kindle would object to in `epub`, one line per finding.
fn kindle_objections(epub: &Path) -> Vec<String> {
    let files = entries(epub);
    let mut found = Vec::new();
    let xml_files = files.keys().filter(|n| n.ends_with(".xhtml") || n.ends_with(".opf") || n.ends_with(".ncx"));
    for name in xml_files.clone() {
        if !files[name].starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") {
            found.push(format!("{name}: no XML declaration with its encoding"));
        }
    }
    let opf = files.iter().find(|(n, _)| n.ends_with(".opf")).map(|(_, t)| t.as_str()).unwrap_or("");
    let language = opf.split("<dc:language>").nth(1).and_then(|s| s.split('<').next()).unwrap_or("");
    if !is_language_tag(language) {
        found.push(format!("dc:language {language:?} is not a language tag"));
    }
    // Ids of <body> elements, per file, and every link's target.
    let mut body_ids = Vec::new();
    for name in xml_files.clone().filter(|n| n.ends_with(".xhtml")) {
        let page = &files[name];
        if attr(tags(page, "html").first().copied().unwrap_or(""), "lang") != Some(language) {
            found.push(format!("{name}: <html lang> is not the book's {language}"));
        }
        for body in tags(page, "body") {
            if let Some(id) = attr(body, "id") {
                body_ids.push(format!("{}#{id}", name.rsplit('/').next().unwrap_or(name)));
            }
        }
    }
    for name in xml_files.filter(|n| n.ends_with(".xhtml")) {
        let page = &files[name];
        for a in tags(page, "a") {
            let href = attr(a, "href").unwrap_or("");
            if body_ids.iter().any(|b| href == b || href.ends_with(&format!("/{b}"))) {
                found.push(format!("{name}: a link to a <body> id: {href}"));
            }
        }
        for img in tags(page, "img") {
            let src = attr(img, "src").unwrap_or("");
            let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
            let target = if dir.is_empty() { src.to_string() } else { format!("{dir}/{src}") };
            if src.is_empty() || !files.contains_key(&target) {
                found.push(format!("{name}: an empty <img> or one without its file: {img}"));
            }
        }
    }
    found
}

#[test]
fn the_checks_see_each_rejection_cause() {
    assert!(is_language_tag("zh-Hans") && is_language_tag("ja") && is_language_tag("en-GB"));
    assert!(!is_language_tag("Chinese") && !is_language_tag("zh_CN") && !is_language_tag(""));
    assert_eq!(attr(r#"<body id="top" class="x">"#, "id"), Some("top"));
    assert_eq!(tags("<body><bodyx><body id=\"a\">", "body").len(), 2);
}

#[test]
fn our_epubs_break_none_of_send_to_kindles_rules() {
    let dir = tempdir();
    let ja = dir.path().join("ja.txt");
    std::fs::write(&ja, "雨の駅\n\n第一章\n\n終電《しゅうでん》を逃した私は、駅舎の軒下で雨宿りをしていた。\n")
        .unwrap();
    let mut inputs = vec![root().join("examples/sample/input.txt"), ja];
    if let Some(shared) = shared() {
        inputs.push(shared.join("corpus/luoyang-bulletin/input.txt"));
    }
    for (n, input) in inputs.iter().enumerate() {
        let out = dir.path().join(format!("out-{n}"));
        let o = bindery(&["convert", input.to_str().unwrap(), "--to", "epub", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let stem = input.file_stem().unwrap().to_string_lossy();
        let objections = kindle_objections(&out.join(format!("{stem}.epub")));
        assert!(objections.is_empty(), "{}:\n{}", input.display(), objections.join("\n"));
    }
}

#[test]
fn a_broken_epub_is_objected_to() {
    // The same checks on a book made to break each rule: they must all fire.
    let dir = tempdir();
    let good = dir.path().join("good");
    let o = bindery(&[
        "convert",
        root().join("examples/sample/input.txt").to_str().unwrap(),
        "--to",
        "epub",
        "-o",
        good.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = entries(&good.join("input.epub"));
    let bad = dir.path().join("bad.epub");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    for (name, text) in &files {
        let text = if name.ends_with(".opf") {
            let lang = text.split("<dc:language>").nth(1).unwrap().split('<').next().unwrap().to_string();
            text.replacen(&format!("<dc:language>{lang}"), "<dc:language>Chinese", 1)
        } else if name.ends_with("section-001.xhtml") {
            text.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "", 1)
                .replacen("<body", "<body id=\"start\"", 1)
                .replacen(
                    "</body>",
                    "<p><a href=\"section-001.xhtml#start\">top</a><img src=\"\" alt=\"\"/></p></body>",
                    1,
                )
        } else {
            text.clone()
        };
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut z, text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    let objections = kindle_objections(&bad).join("\n");
    for cause in ["no XML declaration", "dc:language", "a link to a <body> id", "an empty <img>"] {
        assert!(objections.contains(cause), "{cause} not seen in:\n{objections}");
    }
}
