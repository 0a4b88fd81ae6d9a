//! `bindery inspect`: what the pipeline saw in one input, or with `--batch`
//! one line per input, so a librarian sees which files need attention
//! before converting a collection.

use super::args::{InputArgs, InspectArgs};
use super::inputs;
use super::io::{display_name, read_input, terminal_safe};
use anyhow::Context;
use bindery::error::{exit, Error};
use bindery::{InputKind, MetadataOverrides, Options};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

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
                let bytes = read_input(&input.path, args.input_args.max_input_bytes)?;
                // The metadata a conversion would use: file name and sidecars over the text.
                let options = settings_for(&input.path, &args.input_args)?;
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
    std::io::stdout().write_all(terminal_safe_lines(&out).as_bytes())?;
    Ok(if failed == 0 { exit::OK } else { exit::PARTIAL })
}

/// Pipeline options for one input as a conversion would use them: its name,
/// kind and encoding, the metadata and corrections of its sidecars and the command line.
pub fn settings_for(path: &Path, input: &InputArgs) -> Result<Options, bindery::Error> {
    let (metadata, corrections) =
        super::convert::input_settings(path, &MetadataOverrides::default(), &input.corrections())?;
    let name = display_name(path);
    let kind = if input.markdown { InputKind::Markdown } else { InputKind::from_name(&name) };
    Ok(Options { name, kind, encoding: input.encoding.clone(), metadata, corrections, convert: None })
}

/// `bindery inspect FILE`: what the pipeline saw in one input.
pub fn run(args: InspectArgs) -> anyhow::Result<i32> {
    let [input] = args.inputs.as_slice() else {
        return Err(Error::Usage("inspect takes one input; use --batch for several".into()).into());
    };
    let bytes = read_input(input, args.input_args.max_input_bytes)?;
    let options = settings_for(input, &args.input_args)?;
    let c = bindery::convert(&bytes, &options)?;
    let doc = &c.document;
    let report = &c.report;
    let mut out = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(out, "file:      {}", options.name);
    let _ = writeln!(out, "encoding:  {}", report.encoding);
    let _ = writeln!(out, "language:  {}", doc.metadata.language);
    let _ = writeln!(out, "title:     {}", doc.metadata.title);
    let outline = doc.outline();
    let paragraphs = doc.blocks.len() - outline.len();
    let _ = writeln!(
        out,
        "blocks:    {} headings, {} paragraphs, {} characters",
        outline.len(),
        paragraphs,
        doc.char_count()
    );
    if report.replacements > 0 {
        let _ = writeln!(
            out,
            "undecodable: {} (first at byte {})",
            report.replacements,
            report.first_replacement_at.unwrap_or(0)
        );
    }
    let _ = writeln!(out, "\noutline:");
    for e in &outline {
        let _ = writeln!(out, "  {}{} {}", "  ".repeat(e.level.saturating_sub(1) as usize), e.level, e.text);
    }
    let _ = writeln!(out, "\nrepairs by rule:");
    for (rule, n) in report.counts() {
        let _ = writeln!(out, "  {:<24} {n}", rule.name());
    }
    let removed: Vec<_> = report.removed().collect();
    let _ = writeln!(out, "\nremoved artifacts: {}", removed.len());
    for r in &removed {
        let _ = writeln!(out, "  {:<40} @{:<7} {}", r.decided_by(), r.span.0, preview(&r.before));
    }
    if !report.toc_unmatched.is_empty() {
        let _ = writeln!(out, "\nprinted TOC entries not found in the body:");
        for t in &report.toc_unmatched {
            let _ = writeln!(out, "  {t}");
        }
    }
    if !report.headings_not_in_toc.is_empty() {
        let _ = writeln!(out, "\nbody headings missing from the printed TOC:");
        for t in &report.headings_not_in_toc {
            let _ = writeln!(out, "  {t}");
        }
    }
    if args.repairs {
        let _ = writeln!(out, "\nall repairs:");
        for r in &report.repairs {
            let _ = writeln!(
                out,
                "  {:<40} {:>7}..{:<7} {} → {}",
                r.decided_by(),
                r.span.0,
                r.span.1,
                preview(&r.before),
                preview(&r.after)
            );
        }
    }
    if !report.corrections.is_empty() {
        let _ = writeln!(out, "\ncorrections (times fired):");
        for t in &report.corrections {
            let _ = writeln!(out, "  {:>5}  {}  ({})", t.fired, t.correction, t.origin);
        }
    }
    for w in &report.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    std::io::stdout().write_all(terminal_safe_lines(&out).as_bytes()).context("writing to standard output")?;
    Ok(exit::OK)
}

/// A short one-line view of a piece of text for listings.
fn preview(s: &str) -> String {
    const MAX: usize = 40;
    let flat: String = s
        .chars()
        .map(|c| {
            if c == '\n' {
                '⏎'
            } else if c == '\x0C' {
                '␌'
            } else {
                c
            }
        })
        .collect();
    if flat.chars().count() > MAX {
        format!("{}…", flat.chars().take(MAX).collect::<String>())
    } else {
        format!("{flat:?}")
    }
}

/// Every line of a listing made terminal-safe (file names may hold escape sequences).
fn terminal_safe_lines(out: &str) -> String {
    out.lines().map(|l| terminal_safe(l).into_owned() + "\n").collect()
}
