//! `--convert` against OpenCC itself: bindery's conversions (ferrous-opencc)
//! and OpenCC's C++ library (its official Python binding, PyPI `opencc`
//! 1.3.0, the release whose dictionaries ferrous-opencc 0.4 carries) on the
//! same 10,000-character Simplified Chinese sample
//! (`tests/opencc/sample-zh-Hans.txt`, written for this test and given to the
//! public domain), compared character by character, line by line;
//! Traditional → Simplified starts from OpenCC's own Traditional text.
//! Then the whole pipeline: every block of the book converted as OpenCC
//! converts its text, the language tag following, each change recorded.
//!
//! `cargo test --test opencc -- --nocapture` prints the match counts.

mod common;

use bindery::hanzi::{Conversion, Converter};
use common::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn sample_path() -> PathBuf {
    root().join("tests/opencc/sample-zh-Hans.txt")
}

fn sample() -> String {
    std::fs::read_to_string(sample_path()).unwrap()
}

/// How OpenCC is asked to convert.
#[derive(Clone, Copy, PartialEq)]
enum Segmentation {
    /// As OpenCC ships: the text cut into words first (maximum forward
    /// matching over the configuration's phrase dictionary), each later stage
    /// of the conversion looking phrases up inside one word only.
    Words,
    /// Segmentation off, every stage looking phrases up across the whole
    /// line, as ferrous-opencc does.
    Whole,
}

/// OpenCC's own output for `text` (`tests/opencc/reference.py`: the official
/// Python binding of OpenCC's C++ library, the release whose dictionaries
/// ferrous-opencc carries); `None` (skip) without it, a failure in CI.
fn opencc_reference(conversion: Conversion, text: &str, segmentation: Segmentation) -> Option<String> {
    if !python_opencc() {
        return None;
    }
    let mut child = Command::new("python3")
        .arg(root().join("tests/opencc/reference.py"))
        .arg(conversion.name())
        .args((segmentation == Segmentation::Whole).then_some("--whole"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "reference.py {conversion}: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Whether Python has OpenCC's binding; in CI it must.
fn python_opencc() -> bool {
    let found = Command::new("python3").args(["-c", "import opencc"]).output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "python3 -m pip install opencc==1.3.0 is required in CI");
        eprintln!("skipping: Python's opencc is not installed");
    }
    found
}

/// Each line's characters aligned with the reference's by their longest
/// common subsequence (OpenCC's phrases may change a word's length:
/// 计算机 → 電腦): the characters that agree, the reference's characters,
/// and each run that differs as `bindery→opencc`.
fn agreement(ours: &str, reference: &str) -> (usize, usize, Vec<String>) {
    let (mut same, mut total, mut diffs) = (0, 0, Vec::new());
    for (a, b) in ours.lines().zip(reference.lines()) {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        total += b.len();
        if a == b {
            same += a.len();
            continue;
        }
        // lcs[i][j]: longest common subsequence of a[i..] and b[j..].
        let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
            }
        }
        same += lcs[0][0] as usize;
        let (mut i, mut j, mut run) = (0, 0, (String::new(), String::new()));
        let mut flush = |run: &mut (String, String)| {
            if !run.0.is_empty() || !run.1.is_empty() {
                diffs.push(format!("{}→{}", run.0, run.1));
            }
            *run = (String::new(), String::new());
        };
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                flush(&mut run);
                (i, j) = (i + 1, j + 1);
            } else if j == b.len() || (i < a.len() && lcs[i + 1][j] >= lcs[i][j + 1]) {
                run.0.push(a[i]);
                i += 1;
            } else {
                run.1.push(b[j]);
                j += 1;
            }
        }
        flush(&mut run);
    }
    (same, total, diffs)
}

/// Conversions whose result OpenCC's word segmentation can change: those
/// with a phrase dictionary in a later stage (s2twp's TWPhrases, the second
/// stage's TSPhrases of tw2s, tw2sp and hk2s), which OpenCC consults inside
/// one word of the original text and ferrous-opencc across the whole line. In
/// the others the only phrase dictionary is the first stage's, the one the
/// words were cut with, so no phrase can straddle two words and the results
/// must be identical.
fn segmentation_matters(c: Conversion) -> bool {
    matches!(c, Conversion::S2twp | Conversion::Tw2s | Conversion::Tw2sp | Conversion::Hk2s)
}

/// Share of characters bindery must convert as OpenCC does where its
/// segmentation matters. On this sample OpenCC 1.3.0's s2twp keeps 開出租車
/// (it cuts 开出|租车, so TWPhrases' 出租車 → 計程車 never sees 出租車 whole)
/// and 計算機 (cut 计算|机, so 計算機 → 電腦 never applies), where bindery
/// gives 開計程車 and 電腦: 5 characters in 10,328. Every difference is printed.
const MIN_AGREEMENT: f64 = 0.999;

/// Compare with OpenCC's conversion, with its segmentation off (identical,
/// always) and as it ships (identical unless segmentation matters); returns
/// OpenCC's output as it ships.
fn check(conversion: Conversion, input: &str) -> Option<String> {
    let whole = opencc_reference(conversion, input, Segmentation::Whole)?;
    let reference = opencc_reference(conversion, input, Segmentation::Words).unwrap();
    let ours = Converter::new(conversion).unwrap().text(input);
    let (same, total, diffs) = agreement(&ours, &whole);
    println!("{conversion}: {same}/{total} characters match OpenCC 1.3.0 with its segmentation off");
    assert!(diffs.is_empty(), "{conversion}: {diffs:?}");
    compare(&conversion.to_string(), &ours, &reference, !segmentation_matters(conversion));
    Some(reference)
}

/// Compare with OpenCC's output as it ships: every character, or
/// [`MIN_AGREEMENT`] of them where its segmentation matters.
fn compare(what: &str, ours: &str, reference: &str, exact: bool) {
    let (same, total, diffs) = agreement(ours, reference);
    println!("{what}: {same}/{total} characters match OpenCC 1.3.0; differences (bindery→opencc): {diffs:?}");
    assert!(total >= 10_000, "{what}: the sample has only {total} characters");
    assert_eq!(ours.lines().count(), reference.lines().count(), "{what}: lines");
    if exact {
        assert!(diffs.is_empty(), "{what}: only {same}/{total} match: {diffs:?}");
    }
    assert!(same as f64 >= MIN_AGREEMENT * total as f64, "{what}: only {same}/{total} match: {diffs:?}");
}

#[test]
fn the_sample_is_long_and_has_taiwan_phrases() {
    let s = sample();
    assert!(s.chars().filter(|c| !c.is_whitespace()).count() >= 10_000);
    for simplified in ["软件", "网络", "鼠标", "打印机", "内存", "硬盘", "出租车", "数据库", "视频", "信息"]
    {
        assert!(s.contains(simplified), "{simplified}");
    }
}

#[test]
fn simplified_to_traditional_matches_opencc() {
    let s = sample();
    for c in [Conversion::S2t, Conversion::S2tw, Conversion::S2twp, Conversion::S2hk] {
        let Some(out) = check(c, &s) else { return };
        if c == Conversion::S2twp {
            assert!(
                out.contains("軟體") && out.contains("滑鼠") && out.contains("資料庫"),
                "s2twp keeps mainland phrases"
            );
        }
    }
}

#[test]
fn traditional_to_simplified_matches_opencc() {
    let s = sample();
    let Some(traditional) = opencc_reference(Conversion::S2t, &s, Segmentation::Words) else { return };
    check(Conversion::T2s, &traditional);
    check(Conversion::T2tw, &traditional);
    check(Conversion::T2hk, &traditional);
    let taiwan = opencc_reference(Conversion::S2twp, &s, Segmentation::Words).unwrap();
    check(Conversion::Tw2s, &taiwan);
    check(Conversion::Tw2sp, &taiwan);
    let hong_kong = opencc_reference(Conversion::S2hk, &s, Segmentation::Words).unwrap();
    check(Conversion::Hk2s, &hong_kong);
}

/// Every block's text from a `--to json` output, and the output itself.
fn convert_json(extra: &[&str]) -> (Vec<String>, serde_json::Value) {
    let (out, input) = (tempdir(), sample_path());
    let mut args = vec!["convert", input.to_str().unwrap(), "--to", "json", "-o", out.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = bindery(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("conservation"), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("sample-zh-Hans.json")).unwrap()).unwrap();
    let texts = v["blocks"].as_array().unwrap().iter().map(|b| b["text"].as_str().unwrap().to_string()).collect();
    (texts, v)
}

#[test]
fn convert_flag_converts_every_block_and_records_it() {
    if !python_opencc() {
        return;
    }
    let (plain, _) = convert_json(&[]);
    let (converted, v) = convert_json(&["--convert", "s2twp"]);
    assert_eq!(plain.len(), converted.len(), "conversion changes no structure");
    let reference = opencc_reference(Conversion::S2twp, &plain.join("\n"), Segmentation::Whole).unwrap();
    compare(&format!("--convert s2twp, {} blocks", plain.len()), &converted.join("\n"), &reference, true);
    assert_eq!(v["language"], "zh-TW");
    let first_heading = v["blocks"].as_array().unwrap().iter().find(|b| b["type"] == "heading").unwrap();
    assert_eq!(v["toc"][0]["text"], first_heading["text"], "the contents follow the headings");
    assert_eq!(first_heading["text"], "第一章 修電腦的人");
    // One record per changed block, with the text before and after.
    let records: Vec<&serde_json::Value> =
        v["report"]["repairs"].as_array().unwrap().iter().filter(|r| r["rule"] == "opencc").collect();
    let changed = plain.iter().zip(&converted).filter(|(a, b)| a != b).count();
    assert_eq!(records.len(), changed);
    for r in &records {
        let i = plain.iter().position(|p| p == r["before"].as_str().unwrap()).expect("before is a block's text");
        assert_eq!(r["after"], converted[i].as_str());
    }
    let metadata = v["report"]["metadata_changes"].as_array().unwrap();
    assert!(metadata.iter().any(|r| r["why"] == "s2twp/language" && r["after"] == "zh-TW"), "{metadata:?}");
}

#[test]
fn an_unknown_conversion_is_a_usage_error() {
    let o = bindery(&["convert", sample_path().to_str().unwrap(), "--convert", "s2x", "-o", "/nonexistent"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("s2twp"), "{}", stderr(&o));
}
