//! `--convert` against OpenCC itself: bindery's conversions (ferrous-opencc)
//! and Debian's `opencc` command on the same 10,000-character Simplified
//! Chinese sample (`tests/opencc/sample-zh-Hans.txt`, written for this test
//! and given to the public domain), compared character by character, line by
//! line; Traditional → Simplified starts from OpenCC's own Traditional text.
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

/// Debian's `opencc -c NAME.json` on `text`; `None` (skip) without it, a failure in CI.
fn debian_opencc(conversion: Conversion, text: &str) -> Option<String> {
    if !tool("opencc") {
        return None;
    }
    let mut child = Command::new("opencc")
        .args(["-c", &format!("{conversion}.json")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "opencc -c {conversion}.json failed");
    Some(String::from_utf8(out.stdout).unwrap())
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

/// Share of characters bindery must convert as Debian's OpenCC does. Not
/// all: Debian 13 ships OpenCC 1.1.6 (2022), whose dictionaries later
/// releases revised (背包 is no longer 揹包), and which segments the text
/// before looking phrases up, where ferrous-opencc takes the longest phrase
/// at each place (開出租車: Debian finds 開出 and keeps 出租車, bindery
/// finds 出租車 → 計程車). Every difference is printed; on this sample they
/// are a handful of words in 10,000 characters.
const MIN_AGREEMENT: f64 = 0.995;

/// Compare and report; returns OpenCC's output.
fn check(conversion: Conversion, input: &str) -> Option<String> {
    let reference = debian_opencc(conversion, input)?;
    let ours = Converter::new(conversion).unwrap().text(input);
    compare(&conversion.to_string(), &ours, &reference);
    Some(reference)
}

fn compare(what: &str, ours: &str, reference: &str) {
    let (same, total, diffs) = agreement(ours, reference);
    println!("{what}: {same}/{total} characters match Debian's opencc; differences (bindery→opencc): {diffs:?}");
    assert!(total >= 10_000, "{what}: the sample has only {total} characters");
    assert_eq!(ours.lines().count(), reference.lines().count(), "{what}: lines");
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
    let Some(traditional) = debian_opencc(Conversion::S2t, &s) else { return };
    check(Conversion::T2s, &traditional);
    check(Conversion::T2tw, &traditional);
    check(Conversion::T2hk, &traditional);
    let taiwan = debian_opencc(Conversion::S2twp, &s).unwrap();
    check(Conversion::Tw2s, &taiwan);
    check(Conversion::Tw2sp, &taiwan);
    let hong_kong = debian_opencc(Conversion::S2hk, &s).unwrap();
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
    if !tool("opencc") {
        return;
    }
    let (plain, _) = convert_json(&[]);
    let (converted, v) = convert_json(&["--convert", "s2twp"]);
    assert_eq!(plain.len(), converted.len(), "conversion changes no structure");
    let reference = debian_opencc(Conversion::S2twp, &plain.join("\n")).unwrap();
    compare(&format!("--convert s2twp, {} blocks", plain.len()), &converted.join("\n"), &reference);
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
