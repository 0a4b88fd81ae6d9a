//! Draft builders and readers shared by the structure stage's unit tests.

use super::Draft;
use crate::scan::heading::Family;

/// A heading draft of `family`, no level yet, not from the contents page.
pub fn heading(text: &str, family: Family) -> Draft {
    Draft::Heading { text: text.into(), level: None, family: Some(family), in_toc: false }
}

pub fn p(text: &str) -> Draft {
    Draft::Paragraph(text.into())
}

/// The headings' texts, in order.
pub fn headings(drafts: &[Draft]) -> Vec<&str> {
    drafts
        .iter()
        .filter_map(|d| match d {
            Draft::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}
