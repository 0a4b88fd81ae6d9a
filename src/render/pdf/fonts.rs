//! Faces the PDF is set in: those `crate::fonts` chooses for the text (or the user's
//! override files), each parsed once both as a shaping face (rustybuzz) and as
//! a PDF font (krilla, which subsets it when the document finishes).
//!
//! Takes font bytes; never reads a file itself except the override paths the
//! caller names in [`FontPaths`].

use crate::error::{Error, Result};
use crate::fonts::{self, FontFile, Needs, Weight};
use std::path::PathBuf;
use std::sync::Arc;

/// Which face a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    Regular = 0,
    Bold = 1,
    Mono = 2,
}

/// User-supplied font files that replace the bundled faces.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FontPaths {
    /// Body text face.
    pub regular: Option<PathBuf>,
    /// Headings and strong emphasis.
    pub bold: Option<PathBuf>,
    /// Code blocks and inline code (e.g. DejaVu Sans Mono); the regular face when absent.
    pub mono: Option<PathBuf>,
}

/// The raw bytes of the three faces; `mono` is `None` when code shares the regular face.
pub(super) struct FontBytes {
    pub regular: Arc<FontFile>,
    pub bold: Arc<FontFile>,
    pub mono: Option<Arc<FontFile>>,
}

impl FontBytes {
    /// Read the override files, falling back to the faces for text of any script.
    #[cfg(test)]
    pub fn load(paths: &FontPaths) -> Result<FontBytes> {
        FontBytes::load_for(paths, &Needs::everything())
    }

    /// Read the override files, falling back to the faces chosen for `needs`
    /// (a bold face the system lacks is the user's regular one).
    pub fn load_for(paths: &FontPaths, needs: &Needs) -> Result<FontBytes> {
        let read = |p: &PathBuf| -> Result<Arc<FontFile>> {
            FontFile::open(p).map(Arc::new).map_err(|e| render_error(format!("cannot read font {}: {e}", p.display())))
        };
        let regular = match &paths.regular {
            Some(p) => read(p)?,
            None => fonts::face(Weight::Regular, needs)?,
        };
        let bold = match &paths.bold {
            Some(p) => read(p)?,
            None => match fonts::face(Weight::Bold, needs) {
                Ok(bold) => bold,
                Err(_) if paths.regular.is_some() => regular.clone(),
                Err(e) => return Err(e),
            },
        };
        let mono = paths.mono.as_ref().map(read).transpose()?;
        Ok(FontBytes { regular, bold, mono })
    }
}

/// One face, ready to shape with and to draw with.
pub(super) struct Face<'a> {
    pub shaper: rustybuzz::Face<'a>,
    pub pdf: krilla::text::Font,
    /// Design units per em, to normalise rustybuzz's advances to ems.
    pub upem: f32,
}

impl<'a> Face<'a> {
    fn new(bytes: &'a Arc<FontFile>, what: &str) -> Result<Face<'a>> {
        let shaper = rustybuzz::Face::from_slice(bytes, bytes.index())
            .ok_or_else(|| render_error(format!("the {what} font is not an OpenType font")))?;
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = bytes.clone();
        let pdf = krilla::text::Font::new(krilla::Data::from(data), bytes.index())
            .ok_or_else(|| render_error(format!("the {what} font cannot be embedded")))?;
        let upem = shaper.units_per_em() as f32;
        Ok(Face { shaper, pdf, upem })
    }
}

/// The faces of one rendering, indexed by [`FaceId`].
pub(super) struct Faces<'a> {
    faces: Vec<Face<'a>>,
    mono_is_regular: bool,
}

impl<'a> Faces<'a> {
    pub fn new(bytes: &'a FontBytes) -> Result<Faces<'a>> {
        let mut faces = vec![Face::new(&bytes.regular, "regular")?, Face::new(&bytes.bold, "bold")?];
        if let Some(mono) = &bytes.mono {
            faces.push(Face::new(mono, "monospace")?);
        }
        Ok(Faces { faces, mono_is_regular: bytes.mono.is_none() })
    }

    /// The face a [`FaceId`] resolves to (mono falls back to regular).
    pub fn get(&self, id: FaceId) -> &Face<'a> {
        &self.faces[self.resolve(id) as usize]
    }

    /// The face actually used for `id`: a missing mono face is the regular one.
    pub fn resolve(&self, id: FaceId) -> FaceId {
        if id == FaceId::Mono && self.mono_is_regular {
            FaceId::Regular
        } else {
            id
        }
    }
}

pub(super) fn render_error(message: impl Into<String>) -> Error {
    Error::Render { format: "PDF", message: message.into() }
}
