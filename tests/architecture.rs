//! The pipeline's order, checked: a stage imports only earlier stages and the
//! shared base below them (`text`, `scan`, `limits`, `model`, `report`, `error`),
//! never a later one. The check reads `use crate::…` and `crate::…::` paths in
//! the source, so a backward reach fails here before review sees it.

use std::collections::BTreeSet;
use std::path::Path;

/// Pipeline order; modules of equal rank (two front ends) may not import each other.
const RANKS: &[(&str, u8)] = &[
    ("text", 0),
    ("limits", 0),
    ("scan", 0),
    ("model", 0),
    ("report", 0),
    ("error", 0),
    // The user's corrections: parsed and matched here, applied by repair and structure.
    ("corrections", 0),
    ("decode", 1),
    ("normalise", 2),
    ("repair", 3),
    ("markdown", 3),
    // PDF input: a front end that enters at structure's output, like Markdown.
    ("pdf_input", 3),
    ("structure", 4),
    // Fonts the renderers load: a resource of the last stage, not a stage.
    ("fonts", 4),
    // `--convert` (OpenCC): a transform of structure's output, before render.
    ("hanzi", 4),
    ("render", 5),
];

fn rank(module: &str) -> Option<u8> {
    RANKS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// The top-level module a source file belongs to (`src/repair/join.rs` → `repair`).
fn module_of(path: &Path, src: &Path) -> String {
    let rel = path.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Top-level modules named by `crate::NAME` in `text`, outside comments and tests.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = BTreeSet::new();
    for line in code.lines().map(str::trim_start).filter(|l| !l.starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn stages_import_only_earlier_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for f in &files {
        let module = module_of(f, &src);
        let Some(own) = rank(&module) else { continue };
        for used in crate_paths(&std::fs::read_to_string(f).unwrap()) {
            if used == module {
                continue;
            }
            match rank(&used) {
                // Earlier stages, and the base (which imports only itself).
                Some(r) if r < own || r == 0 => {}
                _ => wrong.push(format!("{} (stage `{module}`) uses crate::{used}", f.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the pipeline's order:\n{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_backward_import() {
    let used = crate_paths(
        "use crate::structure::patterns::Family;\n// crate::render in a comment\nfn f() { crate::repair::x() }",
    );
    assert_eq!(used.into_iter().collect::<Vec<_>>(), ["repair", "structure"]);
}
