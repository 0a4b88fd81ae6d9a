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
pub mod decode;
pub mod error;
pub mod fonts;
pub mod library;
pub mod limits;
pub mod markdown;
pub mod model;
pub mod normalise;
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
}

/// Metadata supplied on the command line or in a config file.
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

impl MetadataOverrides {
    /// Lay these overrides over detected metadata.
    pub fn apply(&self, m: &mut Metadata) {
        let set = |dst: &mut Option<String>, src: &Option<String>| {
            if let Some(v) = src {
                *dst = Some(v.clone());
            }
        };
        if let Some(t) = &self.title {
            m.title = t.clone();
        }
        if let Some(l) = &self.language {
            m.language = l.clone();
        }
        set(&mut m.subtitle, &self.subtitle);
        set(&mut m.identifier, &self.identifier);
        set(&mut m.date, &self.date);
        set(&mut m.publisher, &self.publisher);
        set(&mut m.description, &self.description);
        set(&mut m.cover, &self.cover);
        if !self.authors.is_empty() {
            m.authors = self.authors.iter().map(model::Creator::author).collect();
        }
        if !self.subjects.is_empty() {
            m.subjects = self.subjects.clone();
        }
        if let Some(name) = &self.series {
            m.series = Some(model::Series { name: name.clone(), index: self.series_index });
        }
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
    let decoded = decode::decode(bytes, &options.name, options.encoding.as_deref())?;
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
    let mut document = match options.kind {
        InputKind::Markdown => markdown::parse(&decoded.text, &mut report),
        InputKind::Text => {
            let normalised = normalise::normalise(&decoded.text);
            report.repairs.extend(normalised.repairs.iter().cloned());
            let repaired = repair::repair(&normalised);
            report.repairs.extend(repaired.repairs.iter().cloned());
            let document = structure::structure(repaired, &mut report);
            if let Err(lost) = report::check_conservation(&decoded.text, &document.blocks, &report) {
                report.warnings.push(format!("{}: text conservation check failed: {lost}", options.name));
            }
            document
        }
    };
    if document.metadata.title.trim().is_empty() {
        document.metadata.title = fallback_title(&options.name);
    }
    options.metadata.apply(&mut document.metadata);
    Ok(Conversion { document, report })
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
