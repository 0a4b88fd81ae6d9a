//! The `bindery` command: parses arguments, reads and writes files, reports
//! errors. Everything else is `bindery::…`.

use anyhow::Context;
use bindery::error::{exit, Error};
use bindery::render::pdf::{Margins, PageSize, PdfOptions, PdfStandard};
use bindery::{InputKind, MetadataOverrides, Options};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

mod cli;

/// mimalloc rather than the system allocator: the PDF writer grows and frees
/// many large buffers, and glibc's adaptive mmap threshold kept the freed ones
/// in the heap — the 5 M-character novel peaked at 630 MB RSS (922 MB on one
/// run) against 290 MB of live heap; with mimalloc it peaks at about 350 MB,
/// at the same speed (bench/run.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  2  usage error (bad arguments, unknown encoding, bad config file)
  3  an input cannot be read or is not text (missing, a directory, binary, empty)
  4  an output cannot be written (folder not writable, output would overwrite the input)
  5  a batch ran but some of its inputs failed (the others were converted; see the summary)";

/// Turn raw text (PDF extractions, OCR, web-novel TXT, Markdown) into EPUB 3 and print-ready PDF.
#[derive(Parser, Debug)]
#[command(name = "bindery", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing buys nothing
enum Command {
    /// Convert text or Markdown files into books.
    #[command(after_help = EXIT_CODES)]
    Convert(ConvertArgs),
    /// Show what the pipeline saw: encoding, language, outline, repairs.
    #[command(after_help = EXIT_CODES)]
    Inspect(InspectArgs),
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Epub,
    Pdf,
    Json,
    Md,
}

#[derive(clap::Args, Debug, Clone)]
struct InputArgs {
    /// Encoding of the input, overriding detection (gbk, big5, shift_jis, utf-16le, …).
    #[arg(long)]
    encoding: Option<String>,
    /// Treat the input as Markdown (default: by extension .md/.markdown).
    #[arg(long)]
    markdown: bool,
}

#[derive(clap::Args, Debug)]
struct ConvertArgs {
    /// Input files, folders or quoted glob patterns ('books/**/*.txt'); `-` reads standard input.
    /// Folders and patterns take .txt, .text, .md and .markdown files.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output folder (created if missing); one file per format, named after the input,
    /// mirroring the input's place under the folder or pattern it came from.
    #[arg(short = 'o', long = "out-dir", default_value = ".", conflicts_with = "output")]
    out_dir: PathBuf,
    /// Exact output file (one input, one format).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Formats to write.
    #[arg(long = "to", value_enum, value_delimiter = ',', default_values_t = [Format::Epub, Format::Pdf])]
    to: Vec<Format>,
    #[command(flatten)]
    input: InputArgs,
    /// Book title (default: the title page, else the file name).
    #[arg(long)]
    title: Option<String>,
    /// Subtitle, shown on the title page.
    #[arg(long)]
    subtitle: Option<String>,
    /// Author (repeat for several).
    #[arg(long = "author")]
    authors: Vec<String>,
    /// Language as a BCP 47 tag (zh-Hans, zh-Hant, ja, en, …).
    #[arg(long)]
    lang: Option<String>,
    /// Identifier (ISBN, URN or UUID); default: a UUID derived from the content.
    #[arg(long)]
    identifier: Option<String>,
    /// Publication date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    date: Option<String>,
    /// Publisher (dc:publisher, PDF title page).
    #[arg(long)]
    publisher: Option<String>,
    /// Description (dc:description, PDF subject).
    #[arg(long)]
    description: Option<String>,
    /// Subject or tag (repeat for several).
    #[arg(long = "subject")]
    subjects: Vec<String>,
    /// Series the book belongs to (EPUB collection and Calibre series).
    #[arg(long)]
    series: Option<String>,
    /// Position in the series (1, 2, 2.5…).
    #[arg(long)]
    series_index: Option<f64>,
    /// Cover image (JPEG, PNG, GIF, WebP); default: a generated cover.
    #[arg(long)]
    cover: Option<PathBuf>,
    /// TOML file with metadata (title, authors, language, series, …); the command line wins.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Leave the repair report out of `--to json` (it is included by default).
    #[arg(long)]
    no_report: bool,
    #[command(flatten)]
    epub: EpubArgs,
    #[command(flatten)]
    pdf: PdfArgs,
    #[command(flatten)]
    batch: BatchArgs,
}

#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Batch and library")]
struct BatchArgs {
    /// Walk input folders into their subfolders.
    #[arg(short = 'r', long)]
    recursive: bool,
    /// Inputs converted at once (default: one per CPU).
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Skip inputs whose bytes, metadata and options are unchanged since the last run into this output folder.
    #[arg(long)]
    skip_existing: bool,
    /// No progress bar, log lines or summary; failures are still reported.
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Write Calibre's OPF metadata sidecar (NAME.opf) beside each book.
    #[arg(long)]
    opf: bool,
    /// Add each converted book (EPUB and PDF as formats of one book) to this Calibre library with calibredb.
    #[arg(long, value_name = "PATH")]
    calibre_library: Option<PathBuf>,
}

#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "EPUB")]
struct EpubArgs {
    /// Embed the body font in the EPUB, subset to the characters used (for readers without CJK fonts).
    #[arg(long)]
    embed_fonts: bool,
    /// Leave the contents page out of the EPUB's reading order (the navigation stays).
    #[arg(long)]
    no_contents_page: bool,
}

#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "PDF")]
struct PdfArgs {
    /// Page size: a4, a5, b5, letter, 6x9, or WIDTHxHEIGHTmm (e.g. 130x184mm).
    #[arg(long, default_value = "a5", value_parser = parse_page_size)]
    page_size: PageSize,
    /// Margins in mm: TOP,BOTTOM,INNER,OUTER.
    #[arg(long, value_parser = parse_margins)]
    margins: Option<Margins>,
    /// Same inner and outer margins on every page (no mirroring for two-sided print).
    #[arg(long)]
    no_mirror: bool,
    /// Body type size in points.
    #[arg(long, default_value_t = 10.5)]
    font_size: f32,
    /// Regular body font file (TrueType/OpenType) instead of the bundled Noto Serif CJK SC.
    #[arg(long)]
    font: Option<PathBuf>,
    /// Bold font file for headings.
    #[arg(long)]
    bold_font: Option<PathBuf>,
    /// Write PDF/A: a-2b or a-2u.
    #[arg(long, value_parser = parse_standard)]
    pdf_standard: Option<PdfStandard>,
    /// Start the contents and every top-level section on a right-hand page.
    #[arg(long)]
    recto: bool,
    /// No printed table of contents in the PDF.
    #[arg(long)]
    no_toc: bool,
}

fn parse_page_size(s: &str) -> Result<PageSize, String> {
    PageSize::parse(s).ok_or_else(|| format!("'{s}' is not a page size (a4, a5, b5, letter, 6x9 or WIDTHxHEIGHTmm)"))
}

fn parse_margins(s: &str) -> Result<Margins, String> {
    let v: Vec<f32> =
        s.split(',').map(|x| x.trim().parse::<f32>()).collect::<Result<_, _>>().map_err(|e| format!("margins: {e}"))?;
    match v.as_slice() {
        [top, bottom, inner, outer] if v.iter().all(|m| *m >= 0.0) => {
            Ok(Margins { top: *top, bottom: *bottom, inner: *inner, outer: *outer })
        }
        _ => Err("margins take four non-negative numbers in mm: TOP,BOTTOM,INNER,OUTER".into()),
    }
}

fn parse_standard(s: &str) -> Result<PdfStandard, String> {
    match s.to_ascii_lowercase().replace(['/', '_'], "-").as_str() {
        "a-2b" | "pdf-a-2b" | "a2b" => Ok(PdfStandard::A2b),
        "a-2u" | "pdf-a-2u" | "a2u" => Ok(PdfStandard::A2u),
        other => Err(format!("'{other}' is not a supported standard (a-2b, a-2u)")),
    }
}

impl PdfArgs {
    fn options(&self, epoch: Option<i64>) -> PdfOptions {
        let mut o = PdfOptions {
            source_date_epoch: epoch,
            page_size: self.page_size,
            mirrored: !self.no_mirror,
            font_size: self.font_size,
            recto_sections: self.recto,
            toc: !self.no_toc,
            ..Default::default()
        };
        if let Some(m) = self.margins {
            o.margins = m;
        }
        if let Some(std) = self.pdf_standard {
            o.standard = std;
        }
        o.fonts.regular.clone_from(&self.font);
        o.fonts.bold.clone_from(&self.bold_font);
        o
    }
}

#[derive(clap::Args, Debug)]
struct InspectArgs {
    /// Input file; `-` reads standard input. With --batch: folders, files or quoted patterns.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// One line per input (encoding, language, headings, repairs, warnings), to see which files need attention.
    #[arg(long)]
    batch: bool,
    /// With --batch: walk folders into their subfolders.
    #[arg(short = 'r', long, requires = "batch")]
    recursive: bool,
    #[command(flatten)]
    input_args: InputArgs,
    /// List every repair (rule, position, before → after).
    #[arg(long)]
    repairs: bool,
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { exit::USAGE } else { exit::OK };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let result = match cli.command {
        Command::Convert(args) => cli::convert::run(args),
        Command::Inspect(args) if args.batch => cli::inspect::run_batch(&args),
        Command::Inspect(args) => inspect(args).map(|()| exit::OK),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            let code = err.downcast_ref::<Error>().map(Error::exit_code).unwrap_or(exit::USAGE);
            eprintln!("bindery: {}", one_line(&err));
            std::process::exit(code);
        }
    }
}

/// The error on one line: bindery's own errors already name their cause.
fn one_line(err: &anyhow::Error) -> String {
    match err.downcast_ref::<Error>() {
        Some(e) => e.to_string(),
        None => err.chain().map(|e| e.to_string()).collect::<Vec<_>>().join(": "),
    }
}

/// Read an input file (or stdin for `-`), with errors that say what is wrong.
fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|source| Error::Read { path: path.into(), source })?;
        return Ok(bytes);
    }
    if path.is_dir() {
        return Err(Error::IsDirectory { path: path.into() });
    }
    std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })
}

fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

fn options_for(path: &Path, input: &InputArgs, metadata: MetadataOverrides) -> Options {
    let name = display_name(path);
    let kind = if input.markdown { InputKind::Markdown } else { InputKind::from_name(&name) };
    Options { name, kind, encoding: input.encoding.clone(), metadata }
}

fn metadata_overrides(args: &ConvertArgs) -> anyhow::Result<MetadataOverrides> {
    let mut m = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.clone(), source })?;
            let mut m = toml::from_str::<MetadataOverrides>(&text)
                .map_err(|e| Error::Usage(format!("{}: {}", path.display(), e.message())))?;
            // A cover named in the config file is relative to it.
            if let Some(cover) = &m.cover {
                let dir = path.parent().unwrap_or(Path::new(""));
                m.cover = Some(bindery::library::resolve_relative(dir, cover).display().to_string());
            }
            m
        }
        None => MetadataOverrides::default(),
    };
    let set = |dst: &mut Option<String>, src: &Option<String>| {
        if src.is_some() {
            dst.clone_from(src);
        }
    };
    set(&mut m.title, &args.title);
    set(&mut m.subtitle, &args.subtitle);
    set(&mut m.language, &args.lang);
    set(&mut m.identifier, &args.identifier);
    set(&mut m.date, &args.date);
    set(&mut m.publisher, &args.publisher);
    set(&mut m.description, &args.description);
    set(&mut m.series, &args.series);
    if args.series_index.is_some() {
        m.series_index = args.series_index;
    }
    if !args.authors.is_empty() {
        m.authors.clone_from(&args.authors);
    }
    if !args.subjects.is_empty() {
        m.subjects.clone_from(&args.subjects);
    }
    if let Some(cover) = &args.cover {
        m.cover = Some(cover.display().to_string());
    }
    Ok(m)
}

/// Whether writing `target` would clobber `input`.
fn same_file(input: &Path, target: &Path) -> bool {
    match (input.canonicalize(), target.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Write to a temporary file in the target's folder, then rename: an
/// interrupted run never leaves a half-written book behind.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |source: std::io::Error| Error::Write { path: target.to_path_buf(), source };
    std::fs::create_dir_all(&dir).map_err(fail)?;
    let mut tmp = tempfile::Builder::new().prefix(".bindery-").suffix(".part").tempfile_in(&dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    // A book is for reading: the temporary file's private mode would hide it from others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644)).map_err(fail)?;
    }
    tmp.persist(target).map_err(|e| fail(e.error))?;
    Ok(())
}

fn inspect(args: InspectArgs) -> anyhow::Result<()> {
    let [input] = args.inputs.as_slice() else {
        return Err(Error::Usage("inspect takes one input; use --batch for several".into()).into());
    };
    let bytes = read_input(input)?;
    let options = options_for(input, &args.input_args, MetadataOverrides::default());
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
    for w in &report.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    std::io::stdout().write_all(out.as_bytes()).context("writing to standard output")?;
    Ok(())
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
