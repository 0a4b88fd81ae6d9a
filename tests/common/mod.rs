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
