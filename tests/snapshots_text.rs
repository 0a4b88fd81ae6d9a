//! Snapshots of the document model for small text fixtures (one per language):
//! any change in what the pipeline builds shows up as a diff to review.

use bindery::{convert, Options};

fn model(name: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text").join(name);
    let bytes = std::fs::read(&path).unwrap();
    let c = convert(&bytes, &Options { name: name.into(), ..Default::default() }).unwrap();
    // A fixture without a title line gets the one warning that names its fallback title.
    assert!(c.report.warnings.iter().all(|w| w.starts_with("no title found")), "{:?}", c.report.warnings);
    serde_json::to_value(&c.document).unwrap()
}

#[test]
fn chinese_novel_model() {
    insta::assert_json_snapshot!(model("zh-novel.txt"));
}

#[test]
fn english_report_model() {
    insta::assert_json_snapshot!(model("en-report.txt"));
}

#[test]
fn japanese_aozora_model() {
    insta::assert_json_snapshot!(model("ja-aozora.txt"));
}
