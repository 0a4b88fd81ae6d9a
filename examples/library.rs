//! The library on its own: one text in, an EPUB and a PDF out, with the
//! metadata set in code.
//!
//! ```sh
//! cargo run --example library -- examples/sample/input.txt /tmp/out
//! ```
//!
//! The PDF is set in the bundled Noto Serif CJK SC when it is installed, else
//! in a system face that covers the text (`bindery fonts` shows which); with
//! none, `typeset` returns an error naming the package to install.

use bindery::render::epub::Epub;
use bindery::render::pdf::Pdf;
use bindery::render::Renderer;
use bindery::{MetadataOverrides, Options};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(input), Some(out_dir)) = (args.next(), args.next()) else {
        return Err("usage: library INPUT.txt OUT_DIR".into());
    };
    let bytes = std::fs::read(&input)?;
    let options = Options {
        name: input.file_name().unwrap_or_default().to_string_lossy().into_owned(),
        metadata: MetadataOverrides {
            authors: vec!["林远".into()],
            language: Some("zh-Hans".into()),
            ..Default::default()
        },
        ..Default::default()
    };

    // decode → normalise → repair → structure.
    let conversion = bindery::convert(&bytes, &options)?;
    let doc = &conversion.document;
    println!(
        "{}: {} blocks, {} headings, {} repairs",
        doc.metadata.title,
        doc.blocks.len(),
        doc.outline().len(),
        conversion.report.repairs.len()
    );

    std::fs::create_dir_all(&out_dir)?;
    let epub = Epub::default().render(doc, &conversion.report)?;
    std::fs::write(out_dir.join("book.epub"), epub)?;
    let pdf = Pdf::default().typeset(doc)?;
    std::fs::write(out_dir.join("book.pdf"), &pdf.bytes)?;
    println!("wrote book.epub and book.pdf ({} pages) in {}", pdf.pages, out_dir.display());
    Ok(())
}
