//! Markdown input on arbitrary bytes: no panic, and the Markdown we write reads back.
#![no_main]

use bindery::render::Renderer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let options = bindery::Options { name: "fuzz.md".into(), kind: bindery::InputKind::Markdown, ..Default::default() };
    if let Ok(c) = bindery::convert(bytes, &options) {
        if let Ok(md) = bindery::render::markdown::Markdown.render(&c.document, &c.report) {
            let _ = bindery::convert(&md, &options);
        }
    }
});
