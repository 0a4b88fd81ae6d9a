//! Stage 3, repair: mend text broken by extraction.
//!
//! Takes normalised text; returns paragraph-level units with every change
//! recorded as a [`Repair`], plus the printed table of contents (taken out of
//! the body, kept as evidence for the structure stage). Never drops a
//! character without a record.

use crate::normalise::Normalised;
use crate::report::{Repair, Rule};
use crate::text::join_separator;

/// A paragraph-level piece of text after repair: a paragraph, or a line that
/// may turn out to be a heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub text: String,
    /// Index of the unit's first line in the normalised text.
    pub line: usize,
    /// The unit was one line set apart by blank lines (or page edges).
    pub standalone: bool,
    /// The line was letter-spaced in the input (`特 别 关 注`).
    pub letter_spaced: bool,
    /// The first line was indented (paragraph start in novels and `-layout` extractions).
    pub indented: bool,
}

/// One line of a printed table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct TocLine {
    pub text: String,
    /// Page number printed after the title, if any.
    pub page: Option<u32>,
    /// Indentation in columns (deeper entries are often indented).
    pub indent: usize,
    /// The line is a group label (no page number): a section name.
    pub label: bool,
}

/// What the repair stage hands to the structure stage.
#[derive(Debug, Clone, Default)]
pub struct Repaired {
    pub units: Vec<Unit>,
    pub printed_toc: Vec<TocLine>,
    pub repairs: Vec<Repair>,
}

/// Repair normalised text into units.
pub fn repair(input: &Normalised) -> Repaired {
    let mut out = Repaired::default();
    let mut current: Option<Unit> = None;
    let mut offset = 0usize;
    for (i, raw) in input.text.split('\n').enumerate() {
        let line = raw.trim_end();
        let start = offset;
        offset += raw.len() + 1;
        if line.trim().is_empty() {
            if let Some(u) = current.take() {
                out.units.push(u);
            }
            continue;
        }
        match current.as_mut() {
            Some(u) => {
                let sep = join_separator(&u.text, line);
                out.repairs.push(Repair::new(Rule::HardWrap, (start - 1, start), "\n", sep));
                u.text.push_str(sep);
                u.text.push_str(line.trim());
                u.standalone = false;
            }
            None => {
                current = Some(Unit {
                    text: line.trim().to_string(),
                    line: i,
                    standalone: true,
                    letter_spaced: input.letter_spaced.binary_search(&i).is_ok(),
                    indented: line.starts_with([' ', '\u{3000}', '\t']),
                })
            }
        }
    }
    if let Some(u) = current.take() {
        out.units.push(u);
    }
    out
}
