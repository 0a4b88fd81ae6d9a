//! bindery: raw text in, books out.
//!
//! ```text
//! bytes ─decode─▶ String ─normalise─▶ String ─repair─▶ Repaired ─structure─▶ Document ─render─▶ EPUB / PDF / JSON / Markdown
//!                                      (Markdown input enters at structure)
//! ```
//!
//! Every stage is a pure function over the types in [`model`], [`report`] and
//! the stage's own output type; only the binary touches the file system.

pub mod assets;
pub mod corrections;
pub mod decode;
pub mod error;
pub mod fonts;
pub mod hanzi;
pub mod library;
pub mod limits;
pub mod markdown;
pub mod model;
pub mod normalise;
pub mod pdf_input;
pub mod render;
pub mod repair;
pub mod report;
pub mod scan;
pub mod structure;
pub mod text;

pub use error::{Error, Result};
pub use model::{Block, Document, Inline, Metadata};
pub use report::{Repair, Report, Rule};

/// What kind of input a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    /// Plain text: the whole repair pipeline runs.
    #[default]
    Text,
    /// Markdown: parsed with pulldown-cmark straight into the model.
    Markdown,
}

impl InputKind {
    /// Guess from a file name: `.md`/`.markdown` are Markdown, anything else text.
    pub fn from_name(name: &str) -> InputKind {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            InputKind::Markdown
        } else {
            InputKind::Text
        }
    }
}

/// Options for [`convert`]: everything but the bytes.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The input's name, used in messages and as the fallback title.
    pub name: String,
    pub kind: InputKind,
    /// Encoding label that overrides detection (`gbk`, `big5`, `shift_jis`…).
    pub encoding: Option<String>,
    /// Metadata given by the user; each `Some`/non-empty field wins over what is detected.
    pub metadata: MetadataOverrides,
    /// The user's corrections (sidecars, `--heading-pattern`, `--not-heading`); text input only.
    pub corrections: corrections::Corrections,
    /// `--convert`: OpenCC's conversion applied to the finished document.
    pub convert: Option<hanzi::Conversion>,
}

/// Metadata supplied by the user (command line, config file, sidecars) or
/// read from a file name: one layer of the precedence below. Unset fields
/// leave the layers beneath them alone.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetadataOverrides {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub identifier: Option<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub description: Option<String>,
    pub subjects: Vec<String>,
    pub series: Option<String>,
    pub series_index: Option<f64>,
    pub cover: Option<String>,
}

/// The one metadata precedence, used for every layer (README, "Metadata for a
/// collection"): the command line over `--config`, over the input's sidecar,
/// the folder's sidecar and the file name, over what the text says (title
/// page, `作者：` lines, Markdown front matter). Each field comes from the
/// highest layer that sets it; a series and its number travel together, so
/// a layer that names a series brings its own number (or none), and a layer
/// that gives only a number numbers the series below it.
impl MetadataOverrides {
    /// Lay `top` over `self`.
    pub fn overlay(&mut self, top: &MetadataOverrides) {
        let set = |dst: &mut Option<String>, src: &Option<String>| {
            if src.is_some() {
                dst.clone_from(src);
            }
        };
        set(&mut self.title, &top.title);
        set(&mut self.subtitle, &top.subtitle);
        set(&mut self.language, &top.language);
        set(&mut self.identifier, &top.identifier);
        set(&mut self.date, &top.date);
        set(&mut self.publisher, &top.publisher);
        set(&mut self.description, &top.description);
        set(&mut self.cover, &top.cover);
        if top.series.is_some() {
            self.series.clone_from(&top.series);
            self.series_index = top.series_index;
        } else if top.series_index.is_some() {
            self.series_index = top.series_index;
        }
        if !top.authors.is_empty() {
            self.authors.clone_from(&top.authors);
        }
        if !top.subjects.is_empty() {
            self.subjects.clone_from(&top.subjects);
        }
    }

    /// `layers` merged, lowest first.
    pub fn layered(layers: &[&MetadataOverrides]) -> MetadataOverrides {
        let mut m = MetadataOverrides::default();
        for l in layers {
            m.overlay(l);
        }
        m
    }

    /// What the pipeline detected, as the lowest layer.
    pub fn detected(m: &Metadata) -> MetadataOverrides {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        MetadataOverrides {
            title: some(&m.title),
            subtitle: m.subtitle.clone(),
            authors: m.authors.iter().map(|c| c.name.clone()).collect(),
            language: some(&m.language),
            identifier: m.identifier.clone(),
            date: m.date.clone(),
            publisher: m.publisher.clone(),
            description: m.description.clone(),
            subjects: m.subjects.clone(),
            series: m.series.as_ref().map(|s| s.name.clone()),
            series_index: m.series.as_ref().and_then(|s| s.index),
            cover: m.cover.clone(),
        }
    }

    /// Lay these overrides over detected metadata (by [`MetadataOverrides::overlay`]).
    pub fn apply(&self, m: &mut Metadata) {
        let merged = MetadataOverrides::layered(&[&MetadataOverrides::detected(m), self]);
        if let Some(t) = merged.title {
            m.title = t;
        }
        if let Some(l) = merged.language {
            m.language = l;
        }
        m.subtitle = merged.subtitle;
        m.identifier = merged.identifier;
        m.date = merged.date;
        m.publisher = merged.publisher;
        m.description = merged.description;
        m.cover = merged.cover;
        m.subjects = merged.subjects;
        // Detected creators keep their roles unless a layer names the authors.
        if !self.authors.is_empty() {
            m.authors = merged.authors.iter().map(model::Creator::author).collect();
        }
        m.series = merged.series.map(|name| model::Series { name, index: merged.series_index });
    }
}

/// The result of running the pipeline on one input.
#[derive(Debug, Clone)]
pub struct Conversion {
    pub document: Document,
    pub report: Report,
}

/// Run decode → normalise → repair → structure (or Markdown → model) on `bytes`.
pub fn convert(bytes: &[u8], options: &Options) -> Result<Conversion> {
    convert_cow(std::borrow::Cow::Borrowed(bytes), options)
}

/// [`convert`] taking the bytes: UTF-8 text becomes the decoded text without
/// a copy, and each stage's input goes as soon as the next has its own, so a
/// book is not held once per stage.
pub fn convert_owned(bytes: Vec<u8>, options: &Options) -> Result<Conversion> {
    convert_cow(std::borrow::Cow::Owned(bytes), options)
}

fn convert_cow(bytes: std::borrow::Cow<'_, [u8]>, options: &Options) -> Result<Conversion> {
    if pdf_input::is_pdf(&bytes) {
        return convert_pdf(&bytes, options);
    }
    let decoded = match bytes {
        std::borrow::Cow::Owned(bytes) => decode::decode_owned(bytes, &options.name, options.encoding.as_deref())?,
        std::borrow::Cow::Borrowed(bytes) => decode::decode(bytes, &options.name, options.encoding.as_deref())?,
    };
    let mut report = Report {
        encoding: decoded.encoding.to_string(),
        replacements: decoded.replacements,
        first_replacement_at: decoded.first_replacement_at,
        ..Default::default()
    };
    if let Some(at) = decoded.first_replacement_at {
        report.warnings.push(format!(
            "{}: {} undecodable byte sequence(s) replaced by U+FFFD, the first at byte {}",
            options.name, decoded.replacements, at
        ));
    }
    if let Some(legacy) = &decoded.legacy_lines {
        report.warnings.push(format!(
            "{}: {} line(s) not in UTF-8 decoded as {}, the first at line {}",
            options.name, legacy.count, legacy.encoding, legacy.first_line
        ));
    }
    let document = match options.kind {
        InputKind::Markdown => {
            if !options.corrections.is_empty() {
                report.warnings.push(format!(
                    "{}: corrections apply to text input; a Markdown file's structure is its own",
                    options.name
                ));
            }
            markdown::parse(&decoded.text, &mut report)
        }
        InputKind::Text => {
            // Counted for the conservation check, the decoded text goes once
            // it is normalised, the normalised once it is repaired. (Counting
            // and normalising read the same text: one on each core.)
            let (source, mut normalised) =
                rayon::join(|| report::CharTally::of(&decoded.text), || normalise::normalise(&decoded.text));
            drop(decoded);
            report.repairs.append(&mut normalised.repairs);
            let mut repaired = repair::repair_corrected(&normalised, options.corrections.clone());
            drop(normalised);
            report.repairs.append(&mut repaired.repairs);
            let document = structure::structure(repaired, &mut report);
            // A record made after the ruby marks were resolved speaks of the
            // text as it reads: the readings left it in the ruby record.
            for r in &mut report.repairs {
                for side in [&mut r.before, &mut r.after] {
                    if side.contains(text::RUBY_ANCHOR) {
                        *side = text::strip_ruby(side);
                    }
                }
            }
            if let Err(lost) = source.check(&document.blocks, &report) {
                report.warnings.push(format!("{}: text conservation check failed: {lost}", options.name));
            }
            document
        }
    };
    finish(document, report, options)
}

/// PDF input (found by its signature): the pages read by [`pdf_input`], what
/// the file declares (Info, XMP) laid over what its pages show, the user's
/// metadata over both.
fn convert_pdf(bytes: &[u8], options: &Options) -> Result<Conversion> {
    let pdf_input::PdfBook { mut document, report, declared } = pdf_input::read(bytes, &options.name)?;
    let declared = MetadataOverrides {
        title: declared.title,
        authors: declared.author.into_iter().collect(),
        language: declared.language,
        ..Default::default()
    };
    declared.apply(&mut document.metadata);
    finish(document, report, options)
}

/// What every input ends with: the fallback title (with its warning) when
/// neither the text nor the user gave one, the user's metadata over what was
/// found, then the script conversion (`--convert`).
fn finish(mut document: Document, mut report: Report, options: &Options) -> Result<Conversion> {
    if document.metadata.title.trim().is_empty()
        && options.metadata.title.as_deref().is_none_or(|t| t.trim().is_empty())
    {
        document.metadata.title = fallback_title(&options.name);
        report.warnings.push(no_title_warning(&document.metadata.title));
    }
    options.metadata.apply(&mut document.metadata);
    if let Some(c) = options.convert {
        hanzi::convert_document(&mut document, c, &mut report)?;
    }
    Ok(Conversion { document, report })
}

/// The warning that names the fallback title, so a reader knows where the
/// book's title came from and how to give one.
fn no_title_warning(fallback: &str) -> String {
    format!("no title found in the text; the book is titled \"{fallback}\" (give one with --title)")
}

/// The file stem of an input name (`《三体》.txt` → `《三体》`), or "Untitled".
fn fallback_title(name: &str) -> String {
    let stem = std::path::Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or("").trim();
    if stem.is_empty() || stem == "-" {
        "Untitled".to_string()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(f: impl FnOnce(&mut MetadataOverrides)) -> MetadataOverrides {
        let mut m = MetadataOverrides::default();
        f(&mut m);
        m
    }

    fn detected() -> Metadata {
        Metadata {
            title: "正文标题".into(),
            language: "zh-Hans".into(),
            authors: vec![model::Creator { name: "林远".into(), role: "aut".into() }],
            series: Some(model::Series { name: "雨季".into(), index: Some(1.0) }),
            ..Default::default()
        }
    }

    #[test]
    fn detected_metadata_stays_when_no_layer_sets_a_field() {
        let mut m = detected();
        MetadataOverrides::default().apply(&mut m);
        assert_eq!(m, detected());
    }

    #[test]
    fn file_name_layer_beats_the_text() {
        let name = layer(|m| m.title = Some("三体".into()));
        let mut m = detected();
        MetadataOverrides::layered(&[&name]).apply(&mut m);
        assert_eq!((m.title.as_str(), m.language.as_str()), ("三体", "zh-Hans"));
    }

    #[test]
    fn folder_sidecar_beats_the_file_name() {
        let name = layer(|m| m.authors = vec!["Terry Pratchett".into()]);
        let folder = layer(|m| m.authors = vec!["Sir Terry Pratchett".into()]);
        assert_eq!(MetadataOverrides::layered(&[&name, &folder]).authors, ["Sir Terry Pratchett"]);
    }

    #[test]
    fn file_sidecar_beats_the_folder_sidecar() {
        let folder = layer(|m| m.language = Some("en".into()));
        let file = layer(|m| m.language = Some("en-GB".into()));
        assert_eq!(MetadataOverrides::layered(&[&folder, &file]).language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn config_beats_the_sidecars_and_the_command_line_beats_the_config() {
        let file = layer(|m| m.publisher = Some("重庆出版社".into()));
        let config = layer(|m| {
            m.publisher = Some("Tor".into());
            m.date = Some("2008".into());
        });
        let cli = layer(|m| m.date = Some("2014-11".into()));
        let m = MetadataOverrides::layered(&[&file, &config, &cli]);
        assert_eq!((m.publisher.as_deref(), m.date.as_deref()), (Some("Tor"), Some("2014-11")));
    }

    #[test]
    fn a_series_brings_its_own_number_on_every_layer() {
        // --series on the command line over a config with series and number:
        // the config's number was for the config's series.
        let config = layer(|m| {
            m.series = Some("地球往事".into());
            m.series_index = Some(3.0);
        });
        let cli = layer(|m| m.series = Some("三体".into()));
        let m = MetadataOverrides::layered(&[&config, &cli]);
        assert_eq!((m.series.as_deref(), m.series_index), (Some("三体"), None));
        // A number alone numbers the series below it, detected ones included.
        let number = layer(|m| m.series_index = Some(2.0));
        let mut d = detected();
        number.apply(&mut d);
        assert_eq!(d.series, Some(model::Series { name: "雨季".into(), index: Some(2.0) }));
        let mut d = detected();
        cli.apply(&mut d);
        assert_eq!(d.series, Some(model::Series { name: "三体".into(), index: None }));
    }
}
