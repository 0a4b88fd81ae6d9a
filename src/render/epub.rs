//! EPUB 3 renderer (epub-builder 0.8.2).

use super::Renderer;
use crate::error::{Error, Result};
use crate::model::Document;
use crate::report::Report;

/// Options for the EPUB renderer.
#[derive(Debug, Clone, Default)]
pub struct EpubOptions {
    /// Cover image bytes given by the user (any format the `image` crate reads).
    pub cover: Option<Vec<u8>>,
    /// Embed the body font, subset to the characters used.
    pub embed_fonts: bool,
    /// Timestamp for dcterms:modified and zip entries (SOURCE_DATE_EPOCH).
    pub source_date_epoch: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct Epub {
    pub options: EpubOptions,
}

impl Renderer for Epub {
    fn extension(&self) -> &'static str {
        "epub"
    }

    fn render(&self, _doc: &Document, _report: &Report) -> Result<Vec<u8>> {
        Err(Error::Render { format: "EPUB", message: "not implemented yet".into() })
    }
}
