//! Stage 4, structure: repaired units to a [`Document`].
//!
//! Takes the repair stage's units and printed-TOC evidence; returns the
//! document model with headings at their levels. Never edits paragraph text
//! except to split a run-in title from the paragraph it starts.

use crate::model::{Block, Document, Metadata};
use crate::repair::Repaired;
use crate::report::Report;

/// Build the document from repaired text.
pub fn structure(repaired: Repaired, _report: &mut Report) -> Document {
    let blocks = repaired.units.into_iter().map(|u| Block::paragraph(u.text)).collect();
    Document { metadata: Metadata { language: "und".into(), ..Default::default() }, blocks, ..Default::default() }
}
