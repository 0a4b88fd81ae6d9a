//! The embedded body font: the bundled face subset to the characters a book uses.

use crate::error::{Error, Result};
use crate::model::Document;

/// The bundled regular face, subset to the characters of `doc`, as OpenType.
pub fn body_subset(_doc: &Document) -> Result<Vec<u8>> {
    Err(Error::Render { format: "EPUB", message: "embedding fonts is not supported yet".into() })
}
