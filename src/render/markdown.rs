//! `--to md`: clean Markdown a person can edit and feed back in.

use super::Renderer;
use crate::error::Result;
use crate::model::{Block, Document};
use crate::report::Report;

#[derive(Debug, Clone, Default)]
pub struct Markdown;

impl Renderer for Markdown {
    fn extension(&self) -> &'static str {
        "md"
    }

    fn render(&self, doc: &Document, _report: &Report) -> Result<Vec<u8>> {
        let mut out = String::new();
        for b in &doc.blocks {
            match b {
                Block::Heading { level, text, .. } => {
                    out.push_str(&"#".repeat(*level as usize));
                    out.push(' ');
                    out.push_str(text);
                }
                other => out.push_str(other.text()),
            }
            out.push_str("\n\n");
        }
        Ok(out.into_bytes())
    }
}
