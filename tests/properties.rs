//! Invariants over generated inputs: no panic on any bytes, nothing the user
//! wrote is lost, normalisation is idempotent.

use bindery::normalise::normalise;
use bindery::report::check_conservation;
use bindery::{convert, Options};
use proptest::prelude::*;

/// Lines that look like what extraction produces: prose in three scripts,
/// headings, folios, leader lines, blank lines, form feeds, hyphenated ends.
fn extracted_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[天地玄黄宇宙洪荒日月盈昃，。、“”]{1,40}",
        "[a-zA-Z ,.;-]{1,70}",
        "[あいうえおかきくけこ漢字。、]{1,30}",
        "第[一二三四五六七八九十]{1,3}[章节卷回] [风雨云]{0,4}",
        "(Chapter|CHAPTER|PART) [0-9IVX]{1,4}",
        "[0-9]{1,3}",
        "- [0-9]{1,3} -",
        "[天地玄黄a-z ]{1,20}\\.{3,8}\t?[0-9]{1,3}",
        "★★★ [经济时政] ★★★",
        "[特别关注] [特别关注] [特别关注]",
        "[a-z]{2,8}-",
        Just(String::new()),
        Just("\x0C".to_string()),
        "[　 ]{0,4}[天地玄黄宇宙洪荒。]{1,20}",
    ]
}

fn extracted_text() -> impl Strategy<Value = String> {
    prop::collection::vec(extracted_line(), 1..60).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = convert(&bytes, &Options { name: "x.txt".into(), ..Default::default() });
    }

    #[test]
    fn no_panic_on_any_markdown(text in "[#*_`>\\-\\[\\]()!| a-z天地\n]{0,400}") {
        let _ = convert(text.as_bytes(), &Options { name: "x.md".into(), kind: bindery::InputKind::Markdown, ..Default::default() });
    }

    #[test]
    fn nothing_the_user_wrote_is_lost(text in extracted_text()) {
        if let Ok(c) = convert(text.as_bytes(), &Options { name: "x.txt".into(), ..Default::default() }) {
            let decoded = bindery::decode::decode(text.as_bytes(), "x", None).unwrap().text;
            prop_assert_eq!(check_conservation(&decoded, &c.document.blocks, &c.report), Ok(()));
            prop_assert!(!c.report.warnings.iter().any(|w| w.contains("conservation")));
        }
    }

    #[test]
    fn normalisation_is_idempotent(text in extracted_text()) {
        let once = normalise(&text).text;
        prop_assert_eq!(normalise(&once).text, once);
    }
}
