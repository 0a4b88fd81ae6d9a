//! `bindery inspect --batch`: one line per input, so a librarian sees which
//! files need attention before converting a collection.

use super::inputs;
use crate::{options_for, read_input, InspectArgs};
use bindery::error::exit;
use bindery::MetadataOverrides;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Write as _;

/// What the pipeline saw in one input.
struct Row {
    encoding: String,
    language: String,
    headings: usize,
    repairs: usize,
    warnings: Vec<String>,
    title: String,
}

/// Warnings listed per file below the table; the count in the table is complete.
const WARNINGS_LISTED: usize = 3;

pub fn run_batch(args: &InspectArgs) -> anyhow::Result<i32> {
    let found = inputs::expand(&args.inputs, args.recursive, None)?;
    let rows: Vec<(std::path::PathBuf, Result<Row, String>)> = found
        .list
        .par_iter()
        .map(|input| {
            let row = (|| -> Result<Row, bindery::Error> {
                let bytes = read_input(&input.path)?;
                // The metadata a conversion would use: file name and sidecars over the text.
                let metadata = super::convert::input_metadata(&input.path, &MetadataOverrides::default())?;
                let options = options_for(&input.path, &args.input_args, metadata);
                let c = bindery::convert(&bytes, &options)?;
                Ok(Row {
                    encoding: c.report.encoding.clone(),
                    language: c.document.metadata.language.clone(),
                    headings: c.document.outline().len(),
                    repairs: c.report.repairs.len(),
                    warnings: c.report.warnings.clone(),
                    title: c.document.metadata.title.clone(),
                })
            })();
            (input.path.clone(), row.map_err(|e| e.to_string()))
        })
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<8} {:<12} {:<8} {:>8} {:>7} {:>8}  file — title",
        "status", "encoding", "lang", "headings", "repairs", "warnings"
    );
    let mut failed = 0;
    for (path, row) in &rows {
        match row {
            Ok(r) => {
                let status = if !r.warnings.is_empty() || r.headings == 0 { "check" } else { "ok" };
                let _ = writeln!(
                    out,
                    "{status:<8} {:<12} {:<8} {:>8} {:>7} {:>8}  {} — {}",
                    r.encoding,
                    r.language,
                    r.headings,
                    r.repairs,
                    r.warnings.len(),
                    path.display(),
                    r.title
                );
            }
            Err(e) => {
                failed += 1;
                let name = path.display().to_string();
                let why = if e.contains(&name) { e.clone() } else { format!("{name} — {e}") };
                let _ = writeln!(out, "{:<8} {:<12} {:<8} {:>8} {:>7} {:>8}  {why}", "FAILED", "-", "-", "-", "-", "-");
            }
        }
    }
    let ok = rows.len() - failed;
    let _ = writeln!(out, "\n{} inputs: {ok} readable, {failed} failed", rows.len());
    for (path, row) in &rows {
        if let Ok(r) = row {
            for w in r.warnings.iter().take(WARNINGS_LISTED) {
                let _ = writeln!(out, "warning: {}: {w}", path.display());
            }
            if r.warnings.len() > WARNINGS_LISTED {
                let _ = writeln!(out, "warning: {}: … and {} more", path.display(), r.warnings.len() - WARNINGS_LISTED);
            }
        }
    }
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(if failed == 0 { exit::OK } else { exit::PARTIAL })
}
