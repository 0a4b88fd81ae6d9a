//! `--to json`: the document model as the scorer reads it, plus the repair report.

use super::Renderer;
use crate::error::{Error, Result};
use crate::model::{Document, TocEntry};
use crate::report::Report;
use serde::Serialize;

/// JSON renderer; `with_report` adds the repair report under `"report"`.
#[derive(Debug, Clone, Default)]
pub struct Json {
    pub with_report: bool,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    document: &'a Document,
    toc: Vec<TocEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a Report>,
}

impl Renderer for Json {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn render(&self, doc: &Document, report: &Report) -> Result<Vec<u8>> {
        let out = JsonOut { document: doc, toc: doc.outline(), report: self.with_report.then_some(report) };
        let mut bytes =
            serde_json::to_vec_pretty(&out).map_err(|e| Error::Render { format: "json", message: e.to_string() })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}
