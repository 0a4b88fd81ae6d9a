//! `bindery review INPUT [-o DIR]`: the review page for one input, written as
//! `NAME.review.html`, with the same inputs, sidecars and corrections as `convert`.

use super::args::ReviewArgs;
use super::inputs::with_ext;
use super::inspect::settings_for;
use super::io::{read_input, same_file, say, write_atomically};
use bindery::error::{exit, Error};
use bindery::render::review::review_page;
use std::path::{Path, PathBuf};

pub fn run(args: ReviewArgs) -> anyhow::Result<i32> {
    let bytes = read_input(&args.input, args.input_args.max_input_bytes)?;
    let options = settings_for(&args.input, &args.input_args)?;
    let c = bindery::convert(&bytes, &options)?;
    // The spans of the report point into the normalised text: made again here
    // (the same pure steps) rather than kept in every conversion.
    let decoded = bindery::decode::decode(&bytes, &options.name, options.encoding.as_deref())?;
    let source = match options.kind {
        bindery::InputKind::Text => bindery::normalise::normalise(&decoded.text).text,
        bindery::InputKind::Markdown => decoded.text,
    };
    let stem = if args.input == Path::new("-") {
        PathBuf::from("stdin")
    } else {
        PathBuf::from(args.input.file_stem().unwrap_or(args.input.as_os_str()))
    };
    let corrections_name = with_ext(&stem, "bindery.toml").display().to_string();
    let page = review_page(&c.document, &c.report, &source, &corrections_name);
    let target = args.out_dir.join(with_ext(&stem, "review.html"));
    if same_file(&args.input, &target) {
        return Err(Error::OutputIsInput { path: target }.into());
    }
    write_atomically(&target, page.as_bytes())?;
    for w in &c.report.warnings {
        say(&format!("warning: {w}"));
    }
    say(&format!("wrote {}", target.display()));
    Ok(exit::OK)
}
