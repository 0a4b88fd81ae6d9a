//! The bundled fonts (Noto Serif CJK SC, OFL; see `fonts/README.md`).
//!
//! Fonts are files, not bytes compiled into the binary (two faces are ~50 MB).
//! They are looked up, in order, in `$BINDERY_FONT_DIR`, `fonts/` beside the
//! executable, `../share/bindery/fonts` beside it, and the source checkout's
//! `fonts/` (so `cargo run` and `cargo test` work on a fresh clone). Loaded
//! once per process and shared.

use crate::error::{Error, Result};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The two bundled weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    pub fn file_name(self) -> &'static str {
        match self {
            Weight::Regular => "NotoSerifCJKsc-Regular.otf",
            Weight::Bold => "NotoSerifCJKsc-Bold.otf",
        }
    }
}

/// Folders searched for the bundled fonts, in order.
pub fn search_path() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("BINDERY_FONT_DIR") {
        dirs.push(PathBuf::from(d));
    }
    if let Some(exe_dir) = std::env::current_exe().ok().and_then(|p| p.parent().map(|p| p.to_path_buf())) {
        dirs.push(exe_dir.join("fonts"));
        dirs.push(exe_dir.join("../share/bindery/fonts"));
    }
    dirs.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts")));
    dirs
}

/// The bytes of a font: a memory-mapped bundled face (24 MB each, of which a
/// book touches a few hundred KB) or a file read whole.
pub enum FontFile {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for FontFile {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FontFile::Mapped(m) => m,
            FontFile::Owned(v) => v,
        }
    }
}

impl AsRef<[u8]> for FontFile {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl FontFile {
    /// Map a font file; read it whole where it cannot be mapped.
    pub fn open(path: &std::path::Path) -> std::io::Result<FontFile> {
        let file = std::fs::File::open(path)?;
        // SAFETY: the mapping is read-only and fonts are assets nobody rewrites
        // while a book is being made; a file truncated under us could fault,
        // the same trade-off fontdb and typst make for system fonts.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(m) => Ok(FontFile::Mapped(m)),
            Err(_) => std::fs::read(path).map(FontFile::Owned),
        }
    }
}

static REGULAR: OnceLock<std::result::Result<Arc<FontFile>, String>> = OnceLock::new();
static BOLD: OnceLock<std::result::Result<Arc<FontFile>, String>> = OnceLock::new();

/// The bytes of a bundled face (an OpenType/CFF font), mapped once.
pub fn bundled(weight: Weight) -> Result<Arc<FontFile>> {
    let cell = match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    };
    cell.get_or_init(|| {
        let dirs = search_path();
        for dir in &dirs {
            let path = dir.join(weight.file_name());
            if let Ok(font) = FontFile::open(&path) {
                return Ok(Arc::new(font));
            }
        }
        Err(format!(
            "bundled font {} not found (looked in {}); set BINDERY_FONT_DIR to the fonts/ folder",
            weight.file_name(),
            dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
        ))
    })
    .clone()
    .map_err(|message| Error::Render { format: "font", message })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_load_and_cover_cjk_and_latin() {
        for w in [Weight::Regular, Weight::Bold] {
            let bytes = bundled(w).unwrap();
            let face = rustybuzz::Face::from_slice(&bytes, 0).unwrap();
            for c in ['中', '國', 'あ', 'ア', 'A', 'é', '，', '“', '—', '…'] {
                assert!(face.glyph_index(c).is_some(), "{c} missing from {:?}", w);
            }
        }
    }
}
