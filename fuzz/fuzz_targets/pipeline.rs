//! decode → normalise → repair → structure on arbitrary bytes: no panic, and
//! whatever decodes keeps every character (the conservation check).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let options = bindery::Options { name: "fuzz.txt".into(), ..Default::default() };
    if let Ok(c) = bindery::convert(bytes, &options) {
        assert!(!c.report.warnings.iter().any(|w| w.contains("conservation")), "{:?}", c.report.warnings);
    }
});
