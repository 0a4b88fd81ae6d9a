//! End-to-end: the real binary on the project's sample, on the user's bulletin
//! (when `../shared` is beside the checkout), and on bad input.

mod common;

use common::*;
use std::path::Path;

fn figure(r: &serde_json::Value, key: &str) -> f64 {
    r[key].as_f64().unwrap_or_else(|| panic!("score has no {key}: {r}"))
}

/// The figures the repair and structure issues require, for any case.
fn assert_quality(r: &serde_json::Value, para_tolerance: i64) {
    assert!(figure(r, "heading_recall") >= 0.99, "{r}");
    assert!(figure(r, "heading_precision") >= 0.99, "{r}");
    assert_eq!(figure(r, "level_accuracy"), 1.0, "{r}");
    assert_eq!(figure(r, "joins"), 1.0, "{r}");
    assert_eq!(figure(r, "leaks"), 0.0, "{r}");
    assert_eq!(figure(r, "conservation"), 1.0, "{r}");
    assert!(figure(r, "para_exact") >= 0.9, "{r}");
    let (out, truth) = (r["paragraphs_output"].as_i64().unwrap(), r["paragraphs_truth"].as_i64().unwrap());
    assert!((out - truth).abs() <= para_tolerance, "paragraphs {out} vs {truth}");
}

#[test]
fn sample_converts_to_every_format_and_scores_perfectly() {
    let dir = tempdir();
    let out = dir.path().to_str().unwrap();
    let sample = root().join("examples/sample/input.txt");
    let o = bindery(&["convert", sample.to_str().unwrap(), "--to", "json,md", "-o", out]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("input.json")).unwrap()).unwrap();
    assert_eq!(json["title"], "雨季手记");
    assert_eq!(json["language"], "zh-Hans");
    assert_eq!(json["authors"][0]["name"], "林远");
    assert!(json["report"]["repairs"].as_array().unwrap().iter().any(|r| r["rule"] == "folio"));
    assert!(dir.path().join("input.md").exists());
    if shared().is_some() {
        let r = score(&root().join("examples/sample"), &dir.path().join("input.json"));
        assert_quality(&r, 0);
    }
}

#[test]
fn seed_bulletin_meets_the_quality_bar() {
    let Some(shared) = shared() else { return };
    let case = shared.join("corpus/luoyang-bulletin");
    let dir = tempdir();
    let o = convert_to_json(&case.join("input.txt"), dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("conservation"), "{}", stderr(&o));
    let r = score(&case, &dir.path().join("input.json"));
    assert_quality(&r, 2);
}

#[test]
fn inspect_shows_encoding_outline_and_removed_artifacts() {
    let sample = root().join("examples/sample/input.txt");
    let o = bindery(&["inspect", "--repairs", sample.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("encoding:  UTF-8"));
    assert!(text.contains("language:  zh-Hans"));
    assert!(text.contains("1 第一部 雨季"));
    assert!(text.contains("2 Chapter 3 The Ferry"));
    assert!(text.contains("folio"));
    assert!(text.contains("running_head"));
    assert!(text.contains("printed_toc"));
    assert!(text.contains("dehyphenation"));
}

#[test]
fn stdin_input_and_exact_output_path() {
    use std::io::Write;
    let dir = tempdir();
    let target = dir.path().join("book.json");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bindery"))
        .args(["convert", "-", "--to", "json", "--output", target.to_str().unwrap(), "--title", "标题"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("第一章 开始\n\n天亮了，鸟叫了。\n".as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(json["title"], "标题");
    assert_eq!(json["blocks"][0]["type"], "heading");
}

/// No file but the listed ones may be left in `dir` (no half-written outputs).
fn assert_only(dir: &Path, names: &[&str]) {
    let mut found: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    found.sort();
    let mut want: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(found, want);
}

fn fails_with(args: &[&str], code: i32, message: &str) {
    let o = bindery(args);
    assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(message), "expected {message:?} in {err:?}");
    // Input and output errors are one line; clap's usage errors add a hint.
    if code != 2 {
        assert_eq!(err.trim().lines().count(), 1, "one-line error: {err:?}");
    }
}

#[test]
fn bad_input_fails_clearly_with_documented_codes() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();
    let missing = dir.path().join("missing.txt");
    fails_with(&["convert", missing.to_str().unwrap(), "-o", o], 3, "cannot read");
    fails_with(&["convert", dir.path().to_str().unwrap(), "-o", o], 3, "is a directory");
    let cases: [(&str, &[u8], &str); 6] = [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b" \n\t\n", "only white space"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "looks like a PNG image, not text"),
        (
            "doc.txt",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "cannot read this PDF (it is damaged or truncated beyond repair)",
        ),
        ("arch.txt", b"PK\x03\x04\x14\0\0\0", "looks like a ZIP archive"),
        ("nul.txt", &[0u8, 1, 0, 2, 0, 0, 0, 3, 0, 0, 9, 0, 0, 0, 200, 0, 0, 0, 0, 1], "not text"),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        fails_with(&["convert", path.to_str().unwrap(), "--to", "json", "-o", o], 3, message);
    }
    fails_with(&["convert", "x.txt", "--to", "docx"], 2, "invalid value");
    fails_with(&["convert", missing.to_str().unwrap(), "--encoding", "klingon", "-o", o], 3, "cannot read");
    assert!(!out.exists(), "no output folder for failed inputs");
}

#[test]
fn unknown_encoding_is_a_usage_error() {
    let dir = tempdir();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "文字").unwrap();
    fails_with(
        &["convert", input.to_str().unwrap(), "--encoding", "klingon", "-o", dir.path().to_str().unwrap()],
        2,
        "unknown encoding",
    );
}

#[test]
fn unwritable_output_and_output_equal_to_input() {
    let dir = tempdir();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "第一章\n\n正文。\n").unwrap();
    let blocker = dir.path().join("file-not-dir");
    std::fs::write(&blocker, "x").unwrap();
    let target = blocker.join("sub");
    fails_with(
        &["convert", input.to_str().unwrap(), "--to", "json", "-o", target.to_str().unwrap()],
        4,
        "cannot write",
    );
    fails_with(
        &["convert", input.to_str().unwrap(), "--to", "md", "--output", input.to_str().unwrap()],
        4,
        "overwrite the input",
    );
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "第一章\n\n正文。\n");
    assert_only(dir.path(), &["a.txt", "file-not-dir"]);
}

#[test]
fn legacy_encodings_convert_the_same_text() {
    let dir = tempdir();
    let text = "第一章 风起\n\n天色已晚，他推开了门，看见院子里站着一个人。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let path = dir.path().join("gbk.txt");
    std::fs::write(&path, &gbk).unwrap();
    let o = bindery(&["convert", path.to_str().unwrap(), "--to", "json", "-o", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("gbk.json")).unwrap()).unwrap();
    assert_eq!(json["blocks"][0]["text"], "第一章 风起");
    assert_eq!(json["blocks"][1]["text"], "天色已晚，他推开了门，看见院子里站着一个人。");
}

#[test]
fn help_documents_exit_codes() {
    let o = bindery(&["convert", "--help"]);
    let text = String::from_utf8(o.stdout).unwrap();
    for line in ["0  success", "2  usage error", "3  an input cannot be read", "4  an output cannot be written"] {
        assert!(text.contains(line), "{line} missing from --help");
    }
}

#[test]
fn twenty_mebibyte_single_line_converts() {
    let dir = tempdir();
    let path = dir.path().join("one-line.txt");
    let unit = "天色已晚他推开了门看见院子里站着一个人那人穿着一身青衣背对着他一动不动，";
    let text = unit.repeat(20 * 1024 * 1024 / unit.len());
    std::fs::write(&path, &text).unwrap();
    let o = bindery(&[
        "convert",
        path.to_str().unwrap(),
        "--to",
        "json",
        "--no-report",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("one-line.json")).unwrap()).unwrap();
    let chars: usize =
        json["blocks"].as_array().unwrap().iter().map(|b| b["text"].as_str().unwrap().chars().count()).sum();
    assert_eq!(chars, text.chars().count());
}

#[test]
fn same_input_same_bytes() {
    let sample = root().join("examples/sample/input.txt");
    let run = |dir: &std::path::Path| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_bindery"))
            .args(["convert", sample.to_str().unwrap(), "--to", "epub,pdf", "-o", dir.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    };
    let (a, b) = (tempdir(), tempdir());
    run(a.path());
    run(b.path());
    for name in ["input.epub", "input.pdf"] {
        let (x, y) = (std::fs::read(a.path().join(name)).unwrap(), std::fs::read(b.path().join(name)).unwrap());
        assert!(x == y, "{name} differs between runs");
    }
}

#[test]
fn sample_epub_passes_epubcheck_and_scores_like_its_json() {
    let dir = tempdir();
    let sample = root().join("examples/sample/input.txt");
    let o = bindery(&["convert", sample.to_str().unwrap(), "--to", "epub,json", "-o", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let epub = dir.path().join("input.epub");
    if tool("epubcheck") {
        let check = std::process::Command::new("epubcheck").arg(&epub).output().unwrap();
        let report = format!("{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
        assert!(check.status.success() && !report.contains("ERROR") && !report.contains("WARNING"), "{report}");
    }
    if shared().is_some() {
        let case = root().join("examples/sample");
        let (e, j) = (score(&case, &epub), score(&case, &dir.path().join("input.json")));
        for key in [
            "heading_recall",
            "heading_precision",
            "level_accuracy",
            "para_exact",
            "leaks",
            "conservation",
            "joins",
            "paragraphs_output",
        ] {
            assert_eq!(e[key], j[key], "{key}: EPUB {} vs JSON {}", e[key], j[key]);
        }
    }
}

/// A PNG header that claims a 100 000 × 100 000 image: decoding it would need 40 GB.
fn decompression_bomb_png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    png.extend((13u32).to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { 0xEDB8_8320 ^ (crc >> 1) } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn bad_covers_and_images_fail_without_leaving_output() {
    let dir = tempdir();
    let input = dir.path().join("book.txt");
    std::fs::write(&input, "第一章\n\n正文。\n").unwrap();
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();
    let not_image = dir.path().join("cover.jpg");
    std::fs::write(&not_image, "this is not an image").unwrap();
    fails_with(
        &["convert", input.to_str().unwrap(), "--to", "epub", "--cover", not_image.to_str().unwrap(), "-o", o],
        3,
        "cover image",
    );
    let bomb = dir.path().join("bomb.png");
    std::fs::write(&bomb, decompression_bomb_png()).unwrap();
    fails_with(
        &["convert", input.to_str().unwrap(), "--to", "epub", "--cover", bomb.to_str().unwrap(), "-o", o],
        3,
        "cover image",
    );
    let missing = dir.path().join("missing.png");
    fails_with(
        &["convert", input.to_str().unwrap(), "--to", "epub", "--cover", missing.to_str().unwrap(), "-o", o],
        3,
        "cannot read",
    );
    // A Markdown image that climbs out of the input's folder.
    let book = dir.path().join("md");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(dir.path().join("secret.png"), decompression_bomb_png()).unwrap();
    let md = book.join("book.md");
    std::fs::write(&md, "# 标题\n\n![x](../secret.png)\n").unwrap();
    fails_with(&["convert", md.to_str().unwrap(), "--to", "epub", "-o", o], 3, "outside the input folder");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(), "no output left behind");
}
