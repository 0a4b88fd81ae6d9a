//! Helpers shared by the end-to-end tests: the binary, the shared corpus, external tools.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout (the user's corpus and the scorer), if present.
/// In CI it must be there: a missing corpus fails instead of skipping.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("eval/score.py").exists() {
        return Some(p);
    }
    assert!(std::env::var_os("CI").is_none(), "../shared is missing in CI");
    eprintln!("skipping: ../shared not found");
    None
}

/// Run the bindery binary with `args`.
pub fn bindery(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bindery")).args(args).output().expect("run bindery")
}

/// `bindery convert INPUT --to json -o OUT_DIR`.
pub fn convert_to_json(input: &Path, out_dir: &Path) -> Output {
    bindery(&["convert", input.to_str().unwrap(), "--to", "json", "-o", out_dir.to_str().unwrap()])
}

/// Whether an external tool is on PATH; in CI a missing tool is a failure.
pub fn tool(name: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        assert!(std::env::var_os("CI").is_none(), "{name} is required in CI but not installed");
        eprintln!("skipping: {name} not installed");
    }
    found
}

/// A fresh temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Scorer figures for a case and an output file, as JSON.
pub fn score(case: &Path, output: &Path) -> serde_json::Value {
    let shared = root().join("../shared");
    let out = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(case)
        .arg(output)
        .arg("--json")
        .output()
        .expect("run score.py");
    assert!(out.status.success(), "score.py failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("score.py JSON")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A PDF's outline (bookmarks) as (depth, title), depth-first.
pub fn pdf_outline(doc: &lopdf::Document) -> Vec<(usize, String)> {
    fn walk(doc: &lopdf::Document, first: Option<&lopdf::Object>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            out.push((depth, lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap()));
            walk(doc, item.get(b"First").ok(), depth + 1, out);
            next = item.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    let mut out = Vec::new();
    let Ok(root) = doc.catalog().unwrap().get(b"Outlines") else { return out };
    let root = doc.get_dictionary(root.as_reference().unwrap()).unwrap();
    walk(doc, root.get(b"First").ok(), 0, &mut out);
    out
}

/// Run a pdfminer.six script (`python3 SCRIPT PDF`) and return its standard
/// output; `None` (skip) without pdfminer locally, a failure under CI.
pub fn run_pdfminer_script(script: &Path, pdf: &Path) -> Option<Vec<u8>> {
    let out = Command::new("python3").arg(script).arg(pdf).output().expect("run python3");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'pdfminer'") {
        assert!(std::env::var_os("CI").is_none(), "pdfminer.six is required in CI");
        eprintln!("skipping: pdfminer.six not installed");
        return None;
    }
    assert!(out.status.success(), "{} failed: {stderr}", script.display());
    Some(out.stdout)
}
