//! Stage 5, render: the document model to files.
//!
//! Each backend implements [`Renderer`] over the same `&Document`; none reads
//! another's output.

pub mod epub;
pub mod json;
pub mod markdown;
pub mod pdf;

use crate::error::Result;
use crate::model::Document;
use crate::report::Report;

/// One output format.
pub trait Renderer {
    /// File extension of the output, without the dot.
    fn extension(&self) -> &'static str;
    /// Render the whole book to bytes.
    fn render(&self, doc: &Document, report: &Report) -> Result<Vec<u8>>;
}

/// Seconds since the epoch to stamp into outputs: `SOURCE_DATE_EPOCH` when set
/// (reproducible builds), else `None` (renderers then use a fixed date, never the clock).
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse().ok())
}
