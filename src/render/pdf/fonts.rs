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
    /// Emphasis in Latin text; CJK characters in it fall back to the regular face.
    Italic = 3,
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

/// The raw bytes of the faces; `mono` is `None` when code shares the regular
/// face, `italic` when no italic was found (emphasis is then set upright).
pub(super) struct FontBytes {
    pub regular: Arc<FontFile>,
    pub bold: Arc<FontFile>,
    pub mono: Option<Arc<FontFile>>,
    pub italic: Option<Arc<FontFile>>,
}

/// The bundled italic, a Latin serif (see `fonts/README.md`).
const BUNDLED_ITALIC: &str = "LiberationSerif-Italic.ttf";
/// Italic serif families looked for among the system's fonts, best first.
const SYSTEM_ITALIC_FAMILIES: [&str; 3] = ["Liberation Serif", "DejaVu Serif", "Noto Serif"];

/// The italic face: the bundled one where installed (the same on every
/// machine, so the same bytes), else a system italic serif, else none.
fn italic_face() -> Option<Arc<FontFile>> {
    let bundled = fonts::search_path().into_iter().map(|d| d.join(BUNDLED_ITALIC)).find(|p| p.is_file());
    if let Some(file) = bundled.and_then(|p| FontFile::open(&p).ok()) {
        return Some(Arc::new(file));
    }
    let db = fonts::system_fonts();
    let mut italics: Vec<(usize, u16, &std::path::Path, u32)> = db
        .faces()
        .filter(|f| f.style == fontdb::Style::Italic && !f.monospaced)
        .filter_map(|f| {
            let rank = SYSTEM_ITALIC_FAMILIES.iter().position(|n| n.eq_ignore_ascii_case(fonts::family_name(f)))?;
            Some((rank, f.weight.0.abs_diff(400), fonts::face_path(f)?, f.index))
        })
        .collect();
    italics.sort();
    italics.into_iter().find_map(|(_, _, path, index)| FontFile::open_face(path, index).ok().map(Arc::new))
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
        Ok(FontBytes { regular, bold, mono, italic: italic_face() })
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

/// The faces of one rendering, by [`FaceId`]; mono and italic may be absent.
pub(super) struct Faces<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
    mono: Option<Face<'a>>,
    italic: Option<Face<'a>>,
}

impl<'a> Faces<'a> {
    pub fn new(bytes: &'a FontBytes) -> Result<Faces<'a>> {
        let optional = |bytes: &'a Option<Arc<FontFile>>, what| bytes.as_ref().map(|b| Face::new(b, what)).transpose();
        Ok(Faces {
            regular: Face::new(&bytes.regular, "regular")?,
            bold: Face::new(&bytes.bold, "bold")?,
            mono: optional(&bytes.mono, "monospace")?,
            italic: optional(&bytes.italic, "italic")?,
        })
    }

    /// The face a [`FaceId`] resolves to.
    pub fn get(&self, id: FaceId) -> &Face<'a> {
        match id {
            FaceId::Regular => &self.regular,
            FaceId::Bold => &self.bold,
            FaceId::Mono => self.mono.as_ref().unwrap_or(&self.regular),
            FaceId::Italic => self.italic.as_ref().unwrap_or(&self.regular),
        }
    }

    /// The face actually used for `id`: a missing mono or italic face is the regular one.
    pub fn resolve(&self, id: FaceId) -> FaceId {
        match id {
            FaceId::Mono if self.mono.is_none() => FaceId::Regular,
            FaceId::Italic if self.italic.is_none() => FaceId::Regular,
            _ => id,
        }
    }
}

pub(super) fn render_error(message: impl Into<String>) -> Error {
    Error::Render { format: "PDF", message: message.into() }
}
