//! The PDF reader on arbitrary bytes after a `%PDF-` header: no panic, and
//! whatever reads keeps every glyph's character (the conservation check).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut input = b"%PDF-1.7\n".to_vec();
    input.extend_from_slice(bytes);
    let options = bindery::Options { name: "fuzz.pdf".into(), ..Default::default() };
    if let Ok(c) = bindery::convert(&input, &options) {
        assert!(!c.report.warnings.iter().any(|w| w.contains("conservation")), "{:?}", c.report.warnings);
    }
});
