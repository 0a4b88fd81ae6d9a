//! Line shapes, below both repair and structure.
//!
//! Predicates over one line or one run of text — is this a heading by its
//! numbering? a letter-spaced title? which language? — that the repair stage
//! asks to protect headings from joins and furniture removal, and the
//! structure stage asks to build the outline. Keeping them here (as
//! pulldown-cmark keeps its scanners apart from its parser) lets each stage
//! import only earlier ones. Nothing here edits text or records repairs.

pub mod heading;
pub mod isbn;
pub mod language;
pub mod letter_spacing;
pub mod marker;
