//! PDF renderer: our own typesetting, written with krilla.

use super::Renderer;
use crate::error::{Error, Result};
use crate::model::Document;
use crate::report::Report;

/// Options for the PDF renderer.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Creation date (SOURCE_DATE_EPOCH).
    pub source_date_epoch: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct Pdf {
    pub options: PdfOptions,
}

impl Renderer for Pdf {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, _doc: &Document, _report: &Report) -> Result<Vec<u8>> {
        Err(Error::Render { format: "PDF", message: "not implemented yet".into() })
    }
}
