//! The command line: every argument, its help text and its parser. Values
//! clap cannot check alone (margins against the page, the font file, the
//! date, `SOURCE_DATE_EPOCH`) are checked by [`ConvertArgs::validate`] before
//! anything is read or written, so a usage error never leaves a book behind.

use bindery::corrections::{Corrections, Kind};
use bindery::hanzi::Conversion;
use bindery::render::pdf::{Margins, PageSize, PdfOptions, PdfStandard};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  2  usage error (bad arguments, unknown encoding, bad config file)
  3  an input cannot be read or is not text (missing, a directory, binary, empty)
  4  an output cannot be written (folder not writable, output would overwrite the input)
  5  a batch ran but some of its inputs failed (the others were converted; see the summary)
  6  no installed font covers a script the text uses (the message names the package to install)";

const EXAMPLES: &str = "\
Examples:
  Convert a book to EPUB and PDF in the current folder:
    bindery convert novel.txt
  Convert every text and Markdown file under a folder, keeping its layout:
    bindery convert -r books/ -o out/
  Set the metadata and write only the EPUB:
    bindery convert novel.txt --title '雨季手记' --author '林远' --lang zh-Hans --to epub
  See what the pipeline found before converting:
    bindery inspect novel.txt --repairs
  Review the outline and every repair in a browser, then save novel.bindery.toml beside novel.txt:
    bindery review novel.txt -o review/
  See which fonts the PDF will be set in:
    bindery fonts";

/// Turn raw text (PDF extractions, OCR, web-novel TXT, Markdown) into EPUB 3 and print-ready PDF.
#[derive(Parser, Debug)]
#[command(name = "bindery", version, after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}"))]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing buys nothing
pub enum Command {
    /// Convert text or Markdown files into books.
    #[command(after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}"))]
    Convert(ConvertArgs),
    /// Show what the pipeline saw: encoding, language, outline, repairs.
    #[command(after_help = EXIT_CODES)]
    Inspect(InspectArgs),
    /// Write a review page (one HTML file) to check the outline and every repair and collect corrections.
    #[command(after_help = EXIT_CODES)]
    Review(ReviewArgs),
    /// List the fonts found (bundled and system) and the face each script is set in.
    Fonts(FontsArgs),
    /// Write the man pages (bindery.1, bindery-convert.1, …) into a folder.
    #[command(hide = true)]
    Man { dir: PathBuf },
    /// Print a shell completion script on standard output.
    #[command(hide = true)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args, Debug)]
pub struct FontsArgs {
    /// Language of the books (zh-Hans, zh-Hant, ja, ko, en): which regional CJK forms to prefer.
    #[arg(long, default_value = "zh-Hans")]
    pub lang: String,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Epub,
    /// Kobo's kepub (NAME.kepub.epub): the EPUB with a koboSpan per sentence.
    Kepub,
    Pdf,
    Json,
    Md,
}

#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Encoding of the input, overriding detection (gbk, big5, shift_jis, utf-16le, …).
    #[arg(long)]
    pub encoding: Option<String>,
    /// Treat the input as Markdown (default: by extension .md/.markdown).
    #[arg(long)]
    pub markdown: bool,
    /// Lines matching REGEX are headings, at LEVEL when given (`'^第.+卷=1'`); repeatable.
    /// For one run; a corrections file (NAME.bindery.toml) keeps them.
    #[arg(long = "heading-pattern", value_name = "REGEX[=LEVEL]", value_parser = parse_heading_pattern)]
    pub heading_patterns: Vec<Kind>,
    /// Lines matching REGEX are not headings; repeatable.
    #[arg(long = "not-heading", value_name = "REGEX", value_parser = parse_not_heading)]
    pub not_headings: Vec<Kind>,
    /// Refuse an input larger than this (bytes, or with K, M, G: KiB, MiB, GiB).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub max_input_bytes: u64,
}

/// `1048576`, `512K`, `64M`, `1G` (binary multiples), at least one byte.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        None => (t, 0),
        Some((i, _)) => match t[i..].to_ascii_uppercase().as_str() {
            "K" | "KIB" => (&t[..i], 10),
            "M" | "MIB" => (&t[..i], 20),
            "G" | "GIB" => (&t[..i], 30),
            _ => return Err(format!("'{s}' is not a size (bytes, or a number with K, M or G)")),
        },
    };
    match digits.parse::<u64>().ok().and_then(|n| n.checked_mul(1 << shift)) {
        Some(n) if n > 0 => Ok(n),
        _ => Err(format!("'{s}' is not a size of at least one byte (bytes, or a number with K, M or G)")),
    }
}

fn parse_heading_pattern(s: &str) -> Result<Kind, String> {
    bindery::corrections::heading_pattern_arg(s)
}

fn parse_not_heading(s: &str) -> Result<Kind, String> {
    bindery::corrections::not_heading_arg(s)
}

impl InputArgs {
    /// The corrections typed on the command line.
    pub fn corrections(&self) -> Corrections {
        let mut c = Corrections::default();
        for k in &self.heading_patterns {
            c.push(k.clone(), "--heading-pattern");
        }
        for k in &self.not_headings {
            c.push(k.clone(), "--not-heading");
        }
        c
    }
}

#[derive(clap::Args, Debug)]
pub struct ReviewArgs {
    /// Input file; `-` reads standard input.
    pub input: PathBuf,
    /// Output folder (created if missing); the page is NAME.review.html.
    #[arg(short = 'o', long = "out-dir", default_value = ".")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub input_args: InputArgs,
}

#[derive(clap::Args, Debug)]
pub struct ConvertArgs {
    /// Input files, folders or quoted glob patterns ('books/**/*.txt'); `-` reads standard input.
    /// Folders and patterns take .txt, .text, .md, .markdown and .pdf files.
    #[arg(required_unless_present = "inputs_from")]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing); one file per format, named after the input,
    /// mirroring the input's place under the folder or pattern it came from.
    #[arg(short = 'o', long = "out-dir", default_value = ".", conflicts_with = "output")]
    pub out_dir: PathBuf,
    /// Exact output file (one input, one format).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Formats to write.
    #[arg(long = "to", value_enum, value_delimiter = ',', default_values_t = [Format::Epub, Format::Pdf])]
    pub to: Vec<Format>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Book title (default: the title page, else the file name).
    #[arg(long)]
    pub title: Option<String>,
    /// Subtitle, shown on the title page.
    #[arg(long)]
    pub subtitle: Option<String>,
    /// Author (repeat for several).
    #[arg(long = "author")]
    pub authors: Vec<String>,
    /// Language as a BCP 47 tag (zh-Hans, zh-Hant, ja, en, …).
    #[arg(long)]
    pub lang: Option<String>,
    /// Identifier (ISBN, URN or UUID); default: a UUID derived from the content.
    #[arg(long)]
    pub identifier: Option<String>,
    /// Publication date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,
    /// Publisher (dc:publisher, PDF title page).
    #[arg(long)]
    pub publisher: Option<String>,
    /// Description (dc:description, PDF subject).
    #[arg(long)]
    pub description: Option<String>,
    /// Subject or tag (repeat for several).
    #[arg(long = "subject")]
    pub subjects: Vec<String>,
    /// Series the book belongs to (EPUB collection and Calibre series).
    #[arg(long)]
    pub series: Option<String>,
    /// Position in the series (1, 2, 2.5…).
    #[arg(long)]
    pub series_index: Option<f64>,
    /// Cover image (JPEG, PNG, GIF, WebP); default: a generated cover.
    #[arg(long)]
    pub cover: Option<PathBuf>,
    /// TOML file with metadata (title, authors, language, series, …); the command line wins.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Leave the repair report out of `--to json` (it is included by default).
    #[arg(long)]
    pub no_report: bool,
    #[command(flatten)]
    pub epub: EpubArgs,
    #[command(flatten)]
    pub pdf: PdfArgs,
    #[command(flatten)]
    pub batch: BatchArgs,
    #[command(flatten)]
    pub writing: WritingArgs,
    #[command(flatten)]
    pub characters: CharacterArgs,
    #[command(flatten)]
    pub jobs: JobArrayArgs,
}

/// Conversion between Chinese character standards, with OpenCC's dictionaries.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Chinese characters")]
pub struct CharacterArgs {
    /// Convert the book's text and metadata with OpenCC: s2t, s2tw, s2twp (Taiwan phrases: 软件 → 軟體),
    /// s2hk, t2s, tw2s, tw2sp, hk2s, t2tw, t2hk, t2jp, jp2t. A Chinese book's language tag follows
    /// (zh-Hant, zh-TW, zh-HK, zh-Hans); each changed block is recorded in the repair report.
    #[arg(long, value_name = "CONVERSION", value_parser = conversion_parser())]
    pub convert: Option<Conversion>,
}

fn conversion_parser() -> impl clap::builder::TypedValueParser<Value = Conversion> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Conversion::ALL.map(Conversion::name)).try_map(|s| Conversion::parse(&s))
}

/// Writing direction of the EPUB and the PDF. Horizontal unless asked: bindery
/// cannot tell a novel from a manual, and a horizontal book reads everywhere,
/// while vertical suits Japanese fiction and Traditional Chinese classics only.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Writing direction")]
pub struct WritingArgs {
    /// Vertical writing (縦書き, 直排): columns top to bottom and right to left,
    /// pages turned right to left, two-digit numbers upright, Latin turned sideways.
    #[arg(long, conflicts_with = "horizontal")]
    pub vertical: bool,
    /// Horizontal writing (the default), for scripts that pass --vertical to other books.
    #[arg(long)]
    pub horizontal: bool,
}

impl WritingArgs {
    /// The PDF options with the writing direction applied.
    pub fn pdf(&self, options: PdfOptions) -> PdfOptions {
        PdfOptions { vertical: self.vertical && !self.horizontal, ..options }
    }
}

#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Batch and library")]
pub struct BatchArgs {
    /// Walk input folders into their subfolders.
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Threads: inputs converted at once, and a PDF's chapters set at once (default: one per CPU).
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Skip inputs whose bytes, metadata and options are unchanged since the last run into this output folder.
    #[arg(long)]
    pub skip_existing: bool,
    /// No progress bar, log lines or summary; failures are still reported.
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Write Calibre's OPF metadata sidecar (NAME.opf) beside each book.
    #[arg(long)]
    pub opf: bool,
    /// Add each converted book (EPUB and PDF as formats of one book) to this Calibre library with calibredb.
    #[arg(long, value_name = "PATH")]
    pub calibre_library: Option<PathBuf>,
}

#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Job arrays (Kubernetes Indexed Jobs, Slurm arrays, GNU parallel)")]
pub struct JobArrayArgs {
    /// Read the inputs from LIST (`-`: standard input): a path per line, or a JSON object per line
    /// with the book's metadata: {"input": "a/b.txt", "title": "三体", "author": "刘慈欣"}.
    #[arg(long, value_name = "LIST")]
    pub inputs_from: Option<PathBuf>,
    /// Convert only shard K of N (0 ≤ K < N): the inputs whose path's FNV-1a 64 hash modulo N is K.
    #[arg(long, value_name = "K/N", value_parser = parse_shard, conflicts_with = "shard_from_env")]
    pub shard: Option<Shard>,
    /// Take K from $JOB_COMPLETION_INDEX (Kubernetes) or $SLURM_ARRAY_TASK_ID (less
    /// $SLURM_ARRAY_TASK_MIN), N from --shard-count or $SLURM_ARRAY_TASK_COUNT.
    #[arg(long)]
    pub shard_from_env: bool,
    /// N for --shard-from-env.
    #[arg(long, value_name = "N", requires = "shard_from_env", value_parser = clap::value_parser!(u32).range(1..))]
    pub shard_count: Option<u32>,
    /// Append one JSON line per input (input, status, outputs, seconds, warnings, key) to FILE;
    /// several workers may share one file.
    #[arg(long, value_name = "FILE")]
    pub results: Option<PathBuf>,
}

/// One shard of a list: `index` of `count`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let bad = || format!("'{s}' is not a shard K/N with 0 ≤ K < N (e.g. 0/4)");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (index, count) = (k.trim().parse::<u32>().map_err(|_| bad())?, n.trim().parse::<u32>().map_err(|_| bad())?);
    if index < count {
        Ok(Shard { index, count })
    } else {
        Err(bad())
    }
}

impl JobArrayArgs {
    /// The shard this run converts, if any: `--shard`, or the job array's
    /// environment with `--shard-from-env` (`env` looks a variable up).
    pub fn shard(&self, env: impl Fn(&str) -> Option<String>) -> Result<Option<Shard>, String> {
        if !self.shard_from_env {
            return Ok(self.shard);
        }
        let number = |name: &str| -> Result<Option<u32>, String> {
            env(name)
                .map(|v| v.trim().parse::<u32>().map_err(|_| format!("${name}={v}: not a whole number")))
                .transpose()
        };
        let index = match number("JOB_COMPLETION_INDEX")? {
            Some(k) => k,
            None => match number("SLURM_ARRAY_TASK_ID")? {
                Some(id) => id
                    .checked_sub(number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0))
                    .ok_or_else(|| "$SLURM_ARRAY_TASK_ID is below $SLURM_ARRAY_TASK_MIN".to_string())?,
                None => {
                    return Err("--shard-from-env: neither $JOB_COMPLETION_INDEX nor $SLURM_ARRAY_TASK_ID is set".into())
                }
            },
        };
        let count = match self.shard_count {
            Some(n) => n,
            None => number("SLURM_ARRAY_TASK_COUNT")?
                .ok_or("--shard-from-env needs --shard-count N (or $SLURM_ARRAY_TASK_COUNT)")?,
        };
        parse_shard(&format!("{index}/{count}")).map(Some).map_err(|e| format!("--shard-from-env: {e}"))
    }

    /// Whether this run is part of a job array: done-markers instead of the shared manifest.
    pub fn active(&self) -> bool {
        self.inputs_from.is_some() || self.shard.is_some() || self.shard_from_env
    }
}

#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "EPUB")]
pub struct EpubArgs {
    /// Embed the body font in the EPUB, subset to the characters used (for readers without CJK fonts).
    #[arg(long)]
    pub embed_fonts: bool,
    /// Leave the contents page out of the EPUB's reading order (the navigation stays).
    #[arg(long)]
    pub no_contents_page: bool,
    /// Drop ruby readings (Aozora `漢字《かんじ》`, web-novel `｜base《reading》`) and keep the base text, in every format.
    #[arg(long)]
    pub no_ruby: bool,
}

#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "PDF")]
pub struct PdfArgs {
    /// Page size: a4, a5, b5, letter, 6x9, or WIDTHxHEIGHTmm (e.g. 130x184mm).
    #[arg(long, default_value = "a5", value_parser = parse_page_size)]
    pub page_size: PageSize,
    /// Margins in mm: TOP,BOTTOM,INNER,OUTER.
    #[arg(long, value_parser = parse_margins)]
    pub margins: Option<Margins>,
    /// Same inner and outer margins on every page (no mirroring for two-sided print).
    #[arg(long)]
    pub no_mirror: bool,
    /// Body type size in points.
    #[arg(long, default_value_t = 10.5, value_parser = parse_font_size)]
    pub font_size: f32,
    /// Regular body font file (TrueType/OpenType) instead of the bundled Noto Serif CJK SC or a system face.
    #[arg(long)]
    pub font: Option<PathBuf>,
    /// Bold font file for headings.
    #[arg(long)]
    pub bold_font: Option<PathBuf>,
    /// Conform to PDF/A-2 (a-2b, a-2u, a-2a) and/or PDF/UA-1 (ua-1), comma-separated: `ua-1,a-2a`.
    #[arg(long, value_parser = parse_standard)]
    pub pdf_standard: Option<PdfStandard>,
    /// Start the contents and every top-level section on a right-hand page.
    #[arg(long)]
    pub recto: bool,
    /// No printed table of contents in the PDF.
    #[arg(long)]
    pub no_toc: bool,
}

fn parse_font_size(s: &str) -> Result<f32, String> {
    let range = bindery::render::pdf::FONT_SIZE_RANGE;
    match s.trim().parse::<f32>() {
        Ok(pt) if range.contains(&pt) => Ok(pt),
        _ => Err(format!("'{s}' is not a body size in points between {} and {}", range.start(), range.end())),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day.
fn parse_date(s: &str) -> Result<String, String> {
    let bad = || format!("'{s}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let number = |p: &str, digits: usize| {
        (p.len() == digits && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten()
    };
    let ok = match parts.as_slice() {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => match (number(y, 4), number(m, 2), number(d, 2)) {
            (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) => (1..=days_in_month(y, m)).contains(&d),
            _ => false,
        },
        _ => false,
    };
    if ok {
        Ok(s.trim().to_string())
    } else {
        Err(bad())
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
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

impl ConvertArgs {
    /// What clap cannot check alone, checked before anything is read or
    /// written: the PDF options (when a PDF is asked for) and `SOURCE_DATE_EPOCH`.
    /// Returns the epoch to stamp.
    pub fn validate(&self) -> Result<Option<i64>, bindery::Error> {
        let epoch = bindery::render::parse_source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
            .map_err(bindery::Error::Usage)?;
        if self.to.contains(&Format::Pdf) {
            self.writing.pdf(self.pdf.options(epoch)).check().map_err(bindery::Error::Usage)?;
        }
        Ok(epoch)
    }
}

fn parse_standard(s: &str) -> Result<PdfStandard, String> {
    PdfStandard::parse(s)
}

impl PdfArgs {
    pub fn options(&self, epoch: Option<i64>) -> PdfOptions {
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
pub struct InspectArgs {
    /// Input file; `-` reads standard input. With --batch: folders, files or quoted patterns.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// One line per input (encoding, language, headings, repairs, warnings), to see which files need attention.
    #[arg(long)]
    pub batch: bool,
    /// With --batch: walk folders into their subfolders.
    #[arg(short = 'r', long, requires = "batch")]
    pub recursive: bool,
    #[command(flatten)]
    pub input_args: InputArgs,
    /// List every repair (rule, position, before → after).
    #[arg(long)]
    pub repairs: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_date_takes_real_dates_only() {
        for ok in ["2008", "2008-01", "2008-01-31", "2024-02-29"] {
            assert_eq!(parse_date(ok).as_deref(), Ok(ok));
        }
        for bad in ["2020-13-45", "2023-02-29", "08", "2008-1", "yesterday", "2008-01-01T00:00"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_from_flags_and_job_array_environments() {
        assert_eq!(parse_shard("1/4"), Ok(Shard { index: 1, count: 4 }));
        for bad in ["4/4", "1", "-1/4", "a/b", "0/0"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
        let args = |count: Option<u32>| JobArrayArgs {
            inputs_from: None,
            shard: None,
            shard_from_env: true,
            shard_count: count,
            results: None,
        };
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let k8s = env(&[("JOB_COMPLETION_INDEX", "3")]);
        assert_eq!(args(Some(8)).shard(k8s), Ok(Some(Shard { index: 3, count: 8 })));
        assert!(args(None).shard(k8s).unwrap_err().contains("--shard-count"));
        assert!(args(Some(2)).shard(k8s).is_err(), "index 3 of 2");
        let slurm =
            env(&[("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "6")]);
        assert_eq!(args(None).shard(slurm), Ok(Some(Shard { index: 4, count: 6 })));
        assert!(args(Some(4)).shard(env(&[])).unwrap_err().contains("JOB_COMPLETION_INDEX"));
        assert!(args(Some(4)).shard(env(&[("JOB_COMPLETION_INDEX", "x")])).is_err());
    }

    #[test]
    fn sizes_take_binary_multiples() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512kib"), Ok(512 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        for bad in ["0", "", "M", "12X", "-1", "99999999999G"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn font_size_in_range() {
        assert!(parse_font_size("10.5").is_ok());
        assert!(parse_font_size("0").is_err() && parse_font_size("-3").is_err() && parse_font_size("500").is_err());
    }
}
