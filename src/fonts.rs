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

static REGULAR: OnceLock<std::result::Result<Arc<Vec<u8>>, String>> = OnceLock::new();
static BOLD: OnceLock<std::result::Result<Arc<Vec<u8>>, String>> = OnceLock::new();

/// The bytes of a bundled face (an OpenType/CFF font), read once.
pub fn bundled(weight: Weight) -> Result<Arc<Vec<u8>>> {
    let cell = match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    };
    cell.get_or_init(|| {
        let dirs = search_path();
        for dir in &dirs {
            let path = dir.join(weight.file_name());
            if let Ok(bytes) = std::fs::read(&path) {
                return Ok(Arc::new(bytes));
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
