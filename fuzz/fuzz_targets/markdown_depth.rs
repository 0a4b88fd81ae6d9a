//! Depth-heavy Markdown: containers (quotes, lists, emphasis, links, HTML)
//! nested thousands deep from a short description, so the fuzzer reaches
//! depths that random bytes never do. No panic or stack overflow, and the
//! document model stays linear in the input (issue 15: nested emphasis once
//! gave 2.6 GB of JSON for 60 KB).
#![no_main]

use arbitrary::Arbitrary;
use bindery::render::Renderer;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Opener {
    Quote,
    Bullet,
    Ordered,
    Emphasis,
    Strong,
    Link,
    Html,
    Indent,
}

#[derive(Arbitrary, Debug)]
struct Nest {
    opener: Opener,
    /// Nesting depth, up to 4 096 levels.
    depth: u16,
    text: String,
    /// Whether the nest is closed again (emphasis, links, HTML).
    closed: bool,
}

fn markdown(nests: &[Nest]) -> String {
    let mut md = String::new();
    for n in nests {
        let depth = usize::from(n.depth % 4096);
        let (open, close) = match n.opener {
            Opener::Quote => ("> ", ""),
            Opener::Bullet => ("- ", ""),
            Opener::Ordered => ("1. ", ""),
            Opener::Emphasis => ("*", "*"),
            Opener::Strong => ("**", "**"),
            Opener::Link => ("[", "](u)"),
            Opener::Html => ("<em>", "</em>"),
            Opener::Indent => ("  - ", ""),
        };
        md.push_str(&open.repeat(depth));
        md.push_str(&n.text);
        if n.closed {
            md.push_str(&close.repeat(depth));
        }
        md.push_str("\n\n");
    }
    md
}

fuzz_target!(|nests: Vec<Nest>| {
    let md = markdown(&nests);
    let options = bindery::Options { name: "fuzz.md".into(), kind: bindery::InputKind::Markdown, ..Default::default() };
    if let Ok(c) = bindery::convert(md.as_bytes(), &options) {
        let json = bindery::render::json::Json { with_report: false }.render(&c.document, &c.report).unwrap();
        assert!(json.len() <= 64 * md.len() + (1 << 20), "{} bytes of JSON for {} of Markdown", json.len(), md.len());
    }
});
