//! DAISY Ace, the EPUB accessibility checker, on our EPUBs: 0 violations
//! (axe-core's rules in Chromium plus Ace's EPUB checks) and the EPUB
//! Accessibility 1.1 metadata present, on the user's bulletin, the bilingual
//! sample, a case of each language and input shape, the vertical samples in
//! vertical mode, and a book in each other mode: kepub, embedded fonts (see
//! [`runs`]).
//!
//! Each Ace run starts a Chromium (about 5-15 s), so the default run takes a
//! representative subset of `tests/cases/`; `BINDERY_ACE_ALL=1` runs every case.
//! Ace is `ace-puppeteer` from `npm i -g @daisy/ace` (see `.ci/run`), driving
//! the system's Chromium (`PUPPETEER_EXECUTABLE_PATH`); it adds `--no-sandbox`
//! itself, so it runs as root in CI.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Cases of the default run, beside the bulletin (three heading levels with
/// skips in the model) and the bilingual sample (English chapters in a Chinese
/// book): Japanese Aozora, Traditional Chinese in Big5, an English Gutenberg text.
const SUBSET: &[&str] = &["ja-aozora", "zh-hant-big5", "en-gutenberg-txt"];

/// Accessibility metadata the package must carry (EPUB Accessibility 1.1 §2).
const REQUIRED_METADATA: &[&str] = &[
    "dcterms:conformsTo",
    "schema:accessMode",
    "schema:accessModeSufficient",
    "schema:accessibilityFeature",
    "schema:accessibilityHazard",
    "schema:accessibilitySummary",
];

fn inputs() -> Vec<(String, PathBuf)> {
    let mut inputs = vec![("sample".to_string(), root().join("examples/sample/input.txt"))];
    if let Some(shared) = shared() {
        inputs.push(("luoyang-bulletin".into(), shared.join("corpus/luoyang-bulletin/input.txt")));
    }
    let all = std::env::var_os("BINDERY_ACE_ALL").is_some();
    let cases = root().join("tests/cases");
    let mut names: Vec<String> = std::fs::read_dir(&cases)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| cases.join(n).join("input.txt").exists())
        .filter(|n| all || SUBSET.contains(&n.as_str()))
        .collect();
    names.sort();
    assert!(all || names.len() == SUBSET.len(), "a case of the subset is missing: {names:?}");
    inputs.extend(names.into_iter().map(|n| (n.clone(), cases.join(n).join("input.txt"))));
    inputs
}

/// The browser Ace drives: `$PUPPETEER_EXECUTABLE_PATH`, else `chromium` on PATH.
fn chromium() -> Option<String> {
    if let Some(p) = std::env::var_os("PUPPETEER_EXECUTABLE_PATH") {
        return Some(p.to_string_lossy().into_owned());
    }
    let out = Command::new("sh").arg("-c").arg("command -v chromium").output().ok()?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!path.is_empty()).then_some(path)
}

/// Run Ace on `epub`; its JSON report.
fn ace(epub: &Path, browser: &str, report_dir: &Path) -> serde_json::Value {
    let out = Command::new("ace-puppeteer")
        .env("PUPPETEER_EXECUTABLE_PATH", browser)
        .env("PUPPETEER_SKIP_DOWNLOAD", "true")
        .args(["--silent", "--force", "--outdir"])
        .arg(report_dir)
        .arg(epub)
        .output()
        .expect("run ace-puppeteer");
    let report = report_dir.join("report.json");
    assert!(
        report.exists(),
        "Ace wrote no report for {}: {}{}",
        epub.display(),
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
    serde_json::from_slice(&std::fs::read(report).unwrap()).expect("Ace's report.json")
}

/// `file: rule (impact)` for every failed assertion of an Ace report.
fn violations(report: &serde_json::Value) -> Vec<String> {
    let mut found = Vec::new();
    for subject in report["assertions"].as_array().into_iter().flatten() {
        let file = subject["earl:testSubject"]["url"].as_str().unwrap_or("?");
        for a in subject["assertions"].as_array().into_iter().flatten() {
            if a["earl:result"]["earl:outcome"] == "fail" {
                let test = &a["earl:test"];
                found.push(format!("{file}: {} ({})", test["dct:title"], test["earl:impact"]));
            }
        }
    }
    found
}

/// Every book Ace checks, as (name, input, options). Every input
/// horizontally and the vertical samples in vertical mode; of the other
/// modes, by default a representative book each: the bilingual sample as a
/// kepub (koboSpans in Chinese and English), the Traditional Chinese case
/// with embedded fonts, and the vertical Japanese sample as a kepub with
/// embedded fonts. `BINDERY_ACE_ALL=1` checks every input in every mode.
fn runs() -> Vec<(String, PathBuf, &'static [&'static str])> {
    let all = std::env::var_os("BINDERY_ACE_ALL").is_some();
    let vertical: Vec<(String, PathBuf)> = ["ja-tategaki", "zh-hant-zhipai"]
        .iter()
        .map(|s| (s.to_string(), root().join(format!("tests/fixtures/vertical/{s}.txt"))))
        .collect();
    let mut runs: Vec<(String, PathBuf, &[&str])> = Vec::new();
    for (name, input) in inputs() {
        runs.push((name.clone(), input.clone(), &[]));
        if all || name == "sample" {
            runs.push((format!("{name}-kepub"), input.clone(), &["--to", "kepub"]));
        }
        if all || name == "zh-hant-big5" {
            runs.push((format!("{name}-fonts"), input, &["--embed-fonts"]));
        }
    }
    for (name, input) in vertical {
        runs.push((format!("{name}-vertical"), input.clone(), &["--vertical"]));
        if all || name == "ja-tategaki" {
            runs.push((
                format!("{name}-vertical-kepub-fonts"),
                input,
                &["--vertical", "--to", "kepub", "--embed-fonts"],
            ));
        }
    }
    runs
}

#[test]
fn ace_finds_no_violations_and_the_accessibility_claim() {
    if !tool("ace-puppeteer") || !tool("chromium") {
        return;
    }
    let browser = chromium().expect("chromium on PATH");
    let dir = tempdir();
    let mut failures = Vec::new();
    let runs = runs();
    for (name, input, extra) in &runs {
        let out = dir.path().join(name);
        let kepub = extra.contains(&"kepub");
        let mut args = vec!["convert", input.to_str().unwrap(), "-o", out.to_str().unwrap()];
        if !kepub {
            args.extend(["--to", "epub"]);
        }
        args.extend_from_slice(extra);
        let o = bindery(&args);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let stem = input.file_stem().unwrap().to_str().unwrap();
        let file = if kepub { format!("{stem}.kepub.epub") } else { format!("{stem}.epub") };
        let report = ace(&out.join(file), &browser, &out.join("ace"));
        failures.extend(violations(&report).into_iter().map(|v| format!("{name}: {v}")));
        let missing = &report["a11y-metadata"]["missing"];
        for key in REQUIRED_METADATA {
            if missing.as_array().into_iter().flatten().any(|m| m == key) {
                failures.push(format!("{name}: accessibility metadata {key} missing"));
            }
        }
        if report["earl:result"]["earl:outcome"] != "pass" {
            failures.push(format!("{name}: Ace's outcome is {}", report["earl:result"]["earl:outcome"]));
        }
    }
    eprintln!("Ace checked {} EPUBs", runs.len());
    assert!(failures.is_empty(), "Ace found:\n{}", failures.join("\n"));
}

#[test]
fn violations_are_read_from_a_failing_report() {
    // The reader above must see a failure when Ace reports one (a report of the
    // shape Ace 1.4 writes), or the test would pass on anything.
    let report = serde_json::json!({
        "assertions": [{
            "earl:testSubject": {"url": "section-001.xhtml"},
            "assertions": [
                {"earl:test": {"dct:title": "heading-order", "earl:impact": "moderate"},
                 "earl:result": {"earl:outcome": "fail"}},
                {"earl:test": {"dct:title": "other", "earl:impact": "minor"},
                 "earl:result": {"earl:outcome": "pass"}}
            ]
        }]
    });
    assert_eq!(violations(&report), ["section-001.xhtml: \"heading-order\" (\"moderate\")"]);
}
