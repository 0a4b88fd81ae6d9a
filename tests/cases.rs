//! The quality gate on our own cases (`tests/cases/*`, each built to look like
//! a real extraction: pdftotext default/-layout/-raw, web TXT in GBK/Big5,
//! Aozora Bunko in Shift_JIS): every case must stay above the floors below.
//! The user's bulletin has its own, stricter test in `tests/cli.rs`.

mod common;

use common::*;

/// Floors for cases nobody tuned against one by one (the seed must reach 1.00).
const MIN_HEADING_RECALL: f64 = 0.9;
const MIN_HEADING_PRECISION: f64 = 0.9;
const MIN_LEVEL_ACCURACY: f64 = 0.9;
const MIN_JOINS: f64 = 0.8;
const MIN_PARA_EXACT: f64 = 0.8;
const MIN_CONSERVATION: f64 = 0.99;
/// Cases still below a floor, each with its own lower bar and the reason; a
/// regression below that bar fails as any other.
/// - en-textbook-pdf: `pdftotext -raw` keeps no blank lines or indents, the
///   truth drops the `•` of list items and moves floated figure captions after
///   the paragraph they interrupt; neither is done yet.
const KNOWN_SHORTFALLS: [(&str, &str, f64); 1] = [("en-textbook-pdf", "para_exact", 0.6)];
/// Paragraph count within this share of the truth's (verse and inscriptions
/// may fairly come out a line per paragraph).
const MAX_PARAGRAPH_DEVIATION: f64 = 0.2;

#[test]
fn every_case_stays_above_the_floors() {
    if shared().is_none() {
        return;
    }
    let cases = root().join("tests/cases");
    let mut failures = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&cases).unwrap() {
        let case = entry.unwrap().path();
        if !case.join("truth.json").exists() {
            continue;
        }
        seen += 1;
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let out = tempdir();
        let o = convert_to_json(&case.join("input.txt"), out.path());
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("conservation"), "{name}: {}", stderr(&o));
        let r = score(&case, &out.path().join("input.json"));
        let f = |k: &str| r[k].as_f64().unwrap_or(1.0);
        let floor = |metric: &str, bar: f64| {
            KNOWN_SHORTFALLS.iter().find(|(c, m, _)| *c == name && *m == metric).map_or(bar, |k| k.2)
        };
        let checks = [
            ("heading_recall", f("heading_recall") >= floor("heading_recall", MIN_HEADING_RECALL)),
            ("heading_precision", f("heading_precision") >= floor("heading_precision", MIN_HEADING_PRECISION)),
            ("level_accuracy", f("level_accuracy") >= floor("level_accuracy", MIN_LEVEL_ACCURACY)),
            ("joins", f("joins") >= floor("joins", MIN_JOINS)),
            ("para_exact", f("para_exact") >= floor("para_exact", MIN_PARA_EXACT)),
            ("conservation", f("conservation") >= MIN_CONSERVATION),
            ("leaks", f("leaks") == 0.0),
            ("paragraphs", (f("paragraph_ratio") - 1.0).abs() <= MAX_PARAGRAPH_DEVIATION),
        ];
        for (metric, ok) in checks {
            if !ok {
                failures.push(format!("{name}: {metric} = {}", r[metric]));
            }
        }
    }
    assert!(seen >= 5, "expected the cases under tests/cases");
    assert!(failures.is_empty(), "{failures:#?}");
}
