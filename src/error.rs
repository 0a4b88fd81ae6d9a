//! The library's one error type. Messages are for the person at the terminal:
//! one line, naming the file and what is wrong with it.

use std::path::PathBuf;

/// Exit codes of the `bindery` binary, one per class of failure.
pub mod exit {
    pub const OK: i32 = 0;
    /// Bad arguments (clap's own code for usage errors).
    pub const USAGE: i32 = 2;
    /// The input cannot be read or is not text.
    pub const INPUT: i32 = 3;
    /// An output cannot be written.
    pub const OUTPUT: i32 = 4;
    /// Some inputs of a batch failed; the others were converted.
    pub const PARTIAL: i32 = 5;
    /// No installed font covers a script the text uses.
    pub const FONT: i32 = 6;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is a directory, not a text file")]
    IsDirectory { path: PathBuf },
    #[error("{name} looks like {kind}, not text")]
    NotText { name: String, kind: &'static str },
    #[error("{name}: cannot read this PDF ({why})")]
    BadPdf { name: String, why: String },
    #[error("{name}: no text layer: run OCR first, e.g. ocrmypdf")]
    NoTextLayer { name: String },
    #[error("{name} is empty")]
    Empty { name: String },
    #[error("{name} contains only white space")]
    WhitespaceOnly { name: String },
    #[error(
        "unknown encoding '{label}' (try utf-8, gbk, gb18030, big5, shift_jis, euc-jp, euc-kr, utf-16le, utf-16be)"
    )]
    UnknownEncoding { label: String },
    #[error("{path}: {message}")]
    BadAsset { path: PathBuf, message: String },
    #[error("{path}: cannot write: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{path}: refusing to overwrite the input file")]
    OutputIsInput { path: PathBuf },
    #[error("{format} rendering failed: {message}")]
    Render { format: &'static str, message: String },
    #[error("no installed font covers {script} text: install one (apt install {package}) or pass --font FILE")]
    NoFont { script: &'static str, package: &'static str },
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The process exit code this error maps to (documented in the README and `--help`).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Read { .. }
            | Error::IsDirectory { .. }
            | Error::NotText { .. }
            | Error::BadPdf { .. }
            | Error::NoTextLayer { .. }
            | Error::Empty { .. }
            | Error::WhitespaceOnly { .. }
            | Error::BadAsset { .. } => exit::INPUT,
            Error::UnknownEncoding { .. } | Error::Usage(_) => exit::USAGE,
            Error::Write { .. } | Error::OutputIsInput { .. } | Error::Render { .. } => exit::OUTPUT,
            Error::NoFont { .. } => exit::FONT,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
