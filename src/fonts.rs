//! The faces books are set in: the bundled Noto Serif CJK SC (OFL; see
//! `fonts/README.md`) where it is installed, else a face among the system's
//! fonts that covers every script the text uses.
//!
//! Bundled faces are files, not bytes compiled into the binary (two faces are
//! ~50 MB, more than crates.io takes). They are looked up, in order, in
//! `$BINDERY_FONT_DIR` (alone, when it is set), `fonts/` beside the executable
//! (a release archive), `../share/bindery/fonts` beside it and
//! `/usr/share/bindery/fonts` (the Debian package), and the source checkout's
//! `fonts/` (so `cargo run` and `cargo test` work on a fresh clone).
//!
//! Without them, fontconfig's font folders (read by fontdb;
//! `$BINDERY_SYSTEM_FONT_DIRS` replaces them) are searched: Noto Serif CJK and
//! Source Han Serif first, in the book language's regional forms, then Latin
//! serifs, then sans faces, then any face that maps the script's common
//! characters. TrueType collections (`.ttc`) are used in place: a face is a
//! file and an index. With no face for a script the text uses, the error
//! names the Debian package to install; a book is never set in missing glyphs.
//!
//! Faces are mapped once per process and shared.

use crate::error::{Error, Result};
use crate::model::Document;
use crate::text::{is_han, is_hangul, is_kana};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The two weights a book is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// The bundled face's file name.
    pub fn file_name(self) -> &'static str {
        match self {
            Weight::Regular => "NotoSerifCJKsc-Regular.otf",
            Weight::Bold => "NotoSerifCJKsc-Bold.otf",
        }
    }

    /// The OpenType weight class a system face should be nearest to.
    fn class(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::Bold => 700,
        }
    }
}

/// A writing system a face must cover for a book to be set in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    Han,
    Kana,
    Hangul,
    Latin,
}

impl Script {
    pub const ALL: [Script; 4] = [Script::Han, Script::Kana, Script::Hangul, Script::Latin];

    /// The name a reader knows the script by.
    pub fn name(self) -> &'static str {
        match self {
            Script::Han => "Chinese (Han)",
            Script::Kana => "Japanese (kana)",
            Script::Hangul => "Korean (Hangul)",
            Script::Latin => "Latin",
        }
    }

    /// The Debian package that installs a face for the script.
    pub fn package(self) -> &'static str {
        match self {
            Script::Han | Script::Kana | Script::Hangul => "fonts-noto-cjk",
            Script::Latin => "fonts-noto-core",
        }
    }

    /// The script of `c`, for the four scripts a face is chosen by.
    pub fn of(c: char) -> Option<Script> {
        if is_han(c) {
            Some(Script::Han)
        } else if is_kana(c) {
            Some(Script::Kana)
        } else if is_hangul(c) {
            Some(Script::Hangul)
        } else if c.is_ascii_alphabetic() || (matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c.is_alphabetic()) {
            Some(Script::Latin)
        } else {
            None
        }
    }

    /// Common characters a face must map to count as covering the script:
    /// simplified and traditional Han (a Japanese-only face lacks 书 and 说).
    fn probes(self) -> &'static str {
        match self {
            Script::Han => "中文书说國語的",
            Script::Kana => "あいうアイウ",
            Script::Hangul => "한국어",
            Script::Latin => "AaZzéü",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The scripts a text uses, as a small set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Scripts(u8);

impl Scripts {
    /// Every script bindery chooses faces by.
    pub fn all() -> Scripts {
        Scripts::of_scripts(&Script::ALL)
    }

    pub fn of_scripts(scripts: &[Script]) -> Scripts {
        Scripts(scripts.iter().fold(0, |bits, s| bits | s.bit()))
    }

    pub fn of_text(text: &str) -> Scripts {
        Scripts(text.chars().filter_map(Script::of).fold(0, |bits, s| bits | s.bit()))
    }

    /// The scripts of both sets.
    pub fn union(self, other: Scripts) -> Scripts {
        Scripts(self.0 | other.0)
    }

    pub fn contains(self, script: Script) -> bool {
        self.0 & script.bit() != 0
    }

    pub fn iter(self) -> impl Iterator<Item = Script> {
        Script::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

/// Regional glyph forms of a CJK face (the same ideograph is drawn differently
/// in mainland China, Taiwan, Japan and Korea).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    Sc,
    Tc,
    Jp,
    Kr,
}

impl Region {
    /// The forms a BCP 47 language tag asks for; simplified Chinese otherwise,
    /// like the bundled face.
    pub fn of_language(tag: &str) -> Region {
        let tag = tag.to_ascii_lowercase();
        if tag.starts_with("ja") {
            Region::Jp
        } else if tag.starts_with("ko") {
            Region::Kr
        } else if tag.starts_with("zh") && ["hant", "-tw", "-hk", "-mo"].iter().any(|t| tag.contains(t)) {
            Region::Tc
        } else {
            Region::Sc
        }
    }

    /// This region first, then the others in a fixed order.
    fn order(self) -> [Region; 4] {
        let mut order = [self; 4];
        let others = [Region::Sc, Region::Tc, Region::Jp, Region::Kr].into_iter().filter(|r| *r != self);
        for (slot, region) in order[1..].iter_mut().zip(others) {
            *slot = region;
        }
        order
    }

    /// Suffixes of the Noto CJK and Source Han family names.
    fn suffixes(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Region::Sc => ("SC", &["SC", "CN"]),
            Region::Tc => ("TC", &["TC", "TW"]),
            Region::Jp => ("JP", &["JP", ""]),
            Region::Kr => ("KR", &["KR", "K"]),
        }
    }
}

/// What a book needs of its faces: the scripts its text uses and the
/// regional forms its language asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Needs {
    pub scripts: Scripts,
    pub region: Region,
}

impl Needs {
    /// A face for text of any script bindery sets, in simplified Chinese forms.
    pub fn everything() -> Needs {
        Needs { scripts: Scripts::all(), region: Region::Sc }
    }

    /// The scripts of a document's metadata and text, and its language's forms.
    pub fn of_document(doc: &Document) -> Needs {
        let m = &doc.metadata;
        let scripts = std::iter::once(&m.title)
            .chain(&m.subtitle)
            .chain(m.authors.iter().map(|a| &a.name))
            .map(|s| s.as_str())
            .chain(doc.blocks.iter().map(|b| b.text()))
            .fold(Scripts::default(), |all, text| all.union(Scripts::of_text(text)));
        Needs { scripts, region: Region::of_language(&m.language) }
    }
}

/// The bytes of a font file, memory-mapped (24 MB a face, of which a book
/// touches a few hundred KB) or read whole, and which face of it is meant: a
/// TrueType collection holds several.
pub struct FontFile {
    data: FontData,
    index: u32,
}

enum FontData {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for FontFile {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.data {
            FontData::Mapped(m) => m,
            FontData::Owned(v) => v,
        }
    }
}

impl AsRef<[u8]> for FontFile {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl FontFile {
    /// Map a font file (its first face); read it whole where it cannot be mapped.
    pub fn open(path: &Path) -> std::io::Result<FontFile> {
        FontFile::open_face(path, 0)
    }

    /// Map face `index` of a font file or collection.
    pub fn open_face(path: &Path, index: u32) -> std::io::Result<FontFile> {
        let file = std::fs::File::open(path)?;
        // SAFETY: the mapping is read-only and fonts are assets nobody rewrites
        // while a book is being made; a file truncated under us could fault,
        // the same trade-off fontdb and typst make for system fonts.
        let data = match unsafe { memmap2::Mmap::map(&file) } {
            Ok(m) => FontData::Mapped(m),
            Err(_) => FontData::Owned(std::fs::read(path)?),
        };
        Ok(FontFile { data, index })
    }

    /// The face's index in its file (0 unless the file is a collection).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Whether the face maps every probe character of each script.
    fn covers(&self, scripts: Scripts) -> bool {
        let Some(face) = rustybuzz::Face::from_slice(self, self.index) else { return false };
        scripts.iter().all(|s| s.probes().chars().all(|c| face.glyph_index(c).is_some()))
    }
}

/// Where a face comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Bundled,
    System,
}

/// A face chosen for a weight and a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub family: String,
    pub path: PathBuf,
    pub index: u32,
    pub origin: Origin,
}

/// Folders searched for the bundled fonts, in order.
pub fn search_path() -> Vec<PathBuf> {
    if let Some(d) = std::env::var_os("BINDERY_FONT_DIR") {
        return vec![PathBuf::from(d)];
    }
    let mut dirs = Vec::new();
    if let Some(exe_dir) = std::env::current_exe().ok().and_then(|p| p.parent().map(|p| p.to_path_buf())) {
        dirs.push(exe_dir.join("fonts"));
        dirs.push(exe_dir.join("../share/bindery/fonts"));
    }
    dirs.push(PathBuf::from("/usr/share/bindery/fonts"));
    dirs.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts")));
    dirs
}

/// The bundled face of `weight`, if one is installed.
pub fn find_bundled(weight: Weight) -> Option<Choice> {
    search_path().into_iter().map(|d| d.join(weight.file_name())).find(|p| p.is_file()).map(|path| Choice {
        family: "Noto Serif CJK SC".into(),
        path,
        index: 0,
        origin: Origin::Bundled,
    })
}

/// The system's fonts: fontconfig's folders, or `$BINDERY_SYSTEM_FONT_DIRS`
/// (a `:`-separated list; empty for none) when set. Read once.
pub fn system_fonts() -> &'static fontdb::Database {
    static DB: OnceLock<fontdb::Database> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        match std::env::var_os("BINDERY_SYSTEM_FONT_DIRS") {
            Some(dirs) => {
                std::env::split_paths(&dirs).filter(|d| !d.as_os_str().is_empty()).for_each(|d| db.load_fonts_dir(d))
            }
            None => db.load_system_fonts(),
        }
        db
    })
}

/// A face's file, whatever fontdb holds it as.
pub fn face_path(face: &fontdb::FaceInfo) -> Option<&Path> {
    match &face.source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => Some(p),
        fontdb::Source::Binary(_) => None,
    }
}

/// A face's English family name (the first name when it has none).
pub fn family_name(face: &fontdb::FaceInfo) -> &str {
    face.families
        .iter()
        .find(|(_, lang)| *lang == fontdb::Language::English_UnitedStates)
        .or(face.families.first())
        .map_or("", |(name, _)| name.as_str())
}

/// Families tried first, best first: CJK serifs in the region's forms, Latin
/// serifs, then the same in sans. Any other face that covers the text comes
/// after these, by family name.
fn preferred_families(region: Region) -> Vec<String> {
    let cjk = |kind: &str| -> Vec<String> {
        region
            .order()
            .iter()
            .flat_map(|r| {
                let (noto, source_han) = r.suffixes();
                std::iter::once(format!("Noto {kind} CJK {noto}"))
                    .chain(source_han.iter().map(move |s| format!("Source Han {kind} {s}").trim_end().to_string()))
            })
            .collect()
    };
    let mut families = cjk("Serif");
    families.extend(["Noto Serif", "DejaVu Serif", "Liberation Serif"].map(String::from));
    families.extend(cjk("Sans"));
    families.extend(["Noto Sans", "DejaVu Sans", "Liberation Sans"].map(String::from));
    families
}

/// The system face of `weight` that covers `needs`, if any.
pub fn find_system(weight: Weight, needs: &Needs) -> Option<Choice> {
    let preferred = preferred_families(needs.region);
    let rank = |family: &str| preferred.iter().position(|p| p.eq_ignore_ascii_case(family)).unwrap_or(usize::MAX);
    // Upright, proportional faces by (rank, family), each family's nearest
    // weight first; ties by path and index so the choice is reproducible.
    let mut families: BTreeMap<(usize, String), Vec<&fontdb::FaceInfo>> = BTreeMap::new();
    for face in system_fonts().faces() {
        if face.style != fontdb::Style::Normal || face.monospaced || face_path(face).is_none() {
            continue;
        }
        let family = family_name(face);
        families.entry((rank(family), family.to_string())).or_default().push(face);
    }
    for ((_, family), mut faces) in families {
        faces.sort_by_key(|f| (f.weight.0.abs_diff(weight.class()), face_path(f).map(Path::to_path_buf), f.index));
        for face in faces {
            let Some(path) = face_path(face) else { continue };
            if loaded(path, face.index).is_ok_and(|f| f.covers(needs.scripts)) {
                return Some(Choice { family, path: path.to_path_buf(), index: face.index, origin: Origin::System });
            }
        }
    }
    None
}

/// The face a text with `needs` is set in at `weight`: the bundled one when
/// installed, else the best system face covering its scripts.
pub fn choose(weight: Weight, needs: &Needs) -> Result<Choice> {
    if let Some(bundled) = find_bundled(weight) {
        return Ok(bundled);
    }
    find_system(weight, needs).ok_or_else(|| {
        // Name the script no face covers alone, else the first the text uses.
        let script = needs
            .scripts
            .iter()
            .find(|s| find_system(weight, &Needs { scripts: Scripts::of_scripts(&[*s]), ..*needs }).is_none())
            .or_else(|| needs.scripts.iter().next())
            .unwrap_or(Script::Latin);
        Error::NoFont { script: script.name(), package: script.package() }
    })
}

/// The mapped bytes of the face chosen for `needs` at `weight`.
pub fn face(weight: Weight, needs: &Needs) -> Result<Arc<FontFile>> {
    let choice = choose(weight, needs)?;
    loaded(&choice.path, choice.index)
        .map_err(|e| Error::Render { format: "font", message: format!("cannot read {}: {e}", choice.path.display()) })
}

/// The face for text of any script bindery sets ([`Needs::everything`]).
pub fn bundled(weight: Weight) -> Result<Arc<FontFile>> {
    face(weight, &Needs::everything())
}

/// The scripts a face covers, by the same probes the choice uses.
pub fn coverage(path: &Path, index: u32) -> Scripts {
    let Ok(file) = loaded(path, index) else { return Scripts::default() };
    Script::ALL
        .into_iter()
        .map(|s| Scripts::of_scripts(&[s]))
        .filter(|one| file.covers(*one))
        .fold(Scripts::default(), Scripts::union)
}

/// A face file mapped once per process, by path and index.
fn loaded(path: &Path, index: u32) -> std::io::Result<Arc<FontFile>> {
    type Cache = Mutex<HashMap<(PathBuf, u32), Arc<FontFile>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (path.to_path_buf(), index);
    if let Some(f) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(f.clone());
    }
    let file = Arc::new(FontFile::open_face(path, index)?);
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, file.clone());
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_load_and_cover_cjk_and_latin() {
        for w in [Weight::Regular, Weight::Bold] {
            let bytes = bundled(w).unwrap();
            let face = rustybuzz::Face::from_slice(&bytes, bytes.index()).unwrap();
            for c in ['中', '國', 'あ', 'ア', 'A', 'é', '，', '“', '—', '…'] {
                assert!(face.glyph_index(c).is_some(), "{c} missing from {:?}", w);
            }
            assert!(bytes.covers(Scripts::all()), "the bundled face covers every script's probes");
        }
    }

    #[test]
    fn scripts_of_chinese_japanese_korean_and_english_text() {
        let s = Scripts::of_text("雨季手记 Notes");
        assert_eq!(s.iter().collect::<Vec<_>>(), [Script::Han, Script::Latin]);
        let s = Scripts::of_text("吾輩は猫である");
        assert_eq!(s.iter().collect::<Vec<_>>(), [Script::Han, Script::Kana]);
        assert_eq!(Scripts::of_text("한국어").iter().collect::<Vec<_>>(), [Script::Hangul]);
        assert_eq!(Scripts::of_text("Café"), Scripts::of_scripts(&[Script::Latin]));
        assert_eq!(Scripts::of_text("1234 — …"), Scripts::default(), "digits and punctuation choose no face");
    }

    #[test]
    fn a_documents_needs_come_from_its_metadata_and_text() {
        let doc = Document {
            metadata: crate::model::Metadata {
                title: "吾輩は猫である".into(),
                language: "ja".into(),
                ..Default::default()
            },
            blocks: vec![crate::model::Block::paragraph("Chapter One")],
            ..Default::default()
        };
        let needs = Needs::of_document(&doc);
        assert_eq!(needs.scripts.iter().collect::<Vec<_>>(), [Script::Han, Script::Kana, Script::Latin]);
        assert_eq!(needs.region, Region::Jp);
    }

    #[test]
    fn regions_follow_the_language_tag() {
        assert_eq!(Region::of_language("zh-Hans"), Region::Sc);
        assert_eq!(Region::of_language("zh-Hant-TW"), Region::Tc);
        assert_eq!(Region::of_language("zh-HK"), Region::Tc);
        assert_eq!(Region::of_language("ja"), Region::Jp);
        assert_eq!(Region::of_language("ko-KR"), Region::Kr);
        assert_eq!(Region::of_language("en"), Region::Sc);
        assert_eq!(Region::Jp.order(), [Region::Jp, Region::Sc, Region::Tc, Region::Kr]);
    }

    #[test]
    fn preferred_families_put_the_regions_serif_first_and_sans_after_latin_serifs() {
        let f = preferred_families(Region::Tc);
        assert_eq!(f[0], "Noto Serif CJK TC");
        let pos = |name: &str| f.iter().position(|x| x == name).unwrap();
        assert!(pos("Noto Serif CJK TC") < pos("Noto Serif CJK SC"));
        assert!(pos("Source Han Serif") < pos("Noto Serif"), "Source Han Serif (Japanese) is a CJK serif");
        assert!(pos("Noto Serif") < pos("Noto Sans CJK TC"));
        assert!(pos("Noto Sans CJK KR") < pos("DejaVu Sans"));
    }
}
