//! Library work on collections: metadata from file names and sidecar files,
//! content keys for skipping unchanged inputs, input lists, shards,
//! done-markers and result lines for job arrays, Calibre's OPF sidecar and
//! `calibredb` arguments.
//!
//! Takes names, texts and [`Metadata`]; returns [`MetadataOverrides`],
//! strings and argument lists. Never reads or writes a file and never runs a
//! program: the CLI does that with what these functions return.

use crate::corrections::Corrections;
use crate::error::{Error, Result};
use crate::model::Metadata;
use crate::render::epub::escape;
use crate::MetadataOverrides;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Name of the per-folder sidecar: metadata for every input in its folder.
pub const FOLDER_SIDECAR: &str = "bindery.toml";

/// Name of the manifest `convert` keeps in its output folder.
pub const MANIFEST_NAME: &str = ".bindery-manifest.json";

// ---------------------------------------------------------------------------
// File-name patterns
// ---------------------------------------------------------------------------

/// Metadata recognised in a file stem, trying [`book_title_marks`],
/// [`series_bracket`] and [`dash_separated`] in that order; empty when none
/// matches (a plain stem is only the fallback title, which the text beats).
pub fn metadata_from_file_name(stem: &str) -> MetadataOverrides {
    book_title_marks(stem).or_else(|| series_bracket(stem)).or_else(|| dash_separated(stem)).unwrap_or_default()
}

static TITLE_MARKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[《『「〈](?P<title>[^》』」〉]+)[》』」〉]\s*(?:(?:作者|作\s*者|著者|作)\s*[：:]\s*(?P<a1>.+?)|[（(](?:作者[：:]\s*)?(?P<a2>[^）)]+)[）)]|(?P<a3>[^\s].*?)\s*[著作]|(?i:by)\s+(?P<a4>.+?))?\s*$",
    )
    .expect("valid regex")
});

/// A title in book-title marks, with an optional author after it — the
/// web-novel convention: `《三体》作者：刘慈欣`, `『こころ』夏目漱石著`,
/// `《三体》(刘慈欣)`. Anything else after the marks is ignored (`《三体》全集`).
pub fn book_title_marks(stem: &str) -> Option<MetadataOverrides> {
    let text = stem.trim();
    let c = TITLE_MARKS.captures(text).or_else(|| {
        // Trailing words that are not an author (`《三体》全集`): keep the title only.
        static BARE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s*[《『「〈](?P<title>[^》』」〉]+)[》』」〉]").expect("valid regex"));
        BARE.captures(text)
    })?;
    let title = c.name("title")?.as_str().trim();
    if title.is_empty() {
        return None;
    }
    let author = ["a1", "a2", "a3", "a4"].iter().find_map(|n| c.name(n)).map(|m| m.as_str().trim().to_string());
    Some(MetadataOverrides {
        title: Some(title.to_string()),
        authors: author.filter(|a| !a.is_empty()).into_iter().collect(),
        ..Default::default()
    })
}

static SERIES_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[\[【](?P<series>[^\]】]*?)\s*(?:#|(?i:vol\.?|book)\s*|第)?(?P<index>\d+(?:\.\d+)?)\s*(?:卷|巻|冊|册|部)?\s*[\]】]\s*(?P<rest>.+?)\s*$",
    )
    .expect("valid regex")
});

/// A series name and number in brackets before the title, as collections of
/// series are often numbered: `[Discworld 03] Equal Rites`,
/// `【地球往事 第2部】黑暗森林`. The rest may itself be `Author - Title`.
pub fn series_bracket(stem: &str) -> Option<MetadataOverrides> {
    let c = SERIES_BRACKET.captures(stem)?;
    let series = c.name("series")?.as_str().trim();
    if series.is_empty() {
        return None;
    }
    let index: f64 = c.name("index")?.as_str().parse().ok()?;
    let rest = c.name("rest")?.as_str();
    let mut m = dash_separated(rest)
        .unwrap_or_else(|| MetadataOverrides { title: Some(rest.trim().to_string()), ..Default::default() });
    m.series = Some(series.to_string());
    m.series_index = Some(index);
    Some(m)
}

/// Two parts around a spaced dash. Latin names follow Calibre's default
/// `Author - Title` (`Jane Austen - Pride and Prejudice`); when both parts
/// are CJK the web-novel order `书名 - 作者` holds (`三体 - 刘慈欣`).
pub fn dash_separated(stem: &str) -> Option<MetadataOverrides> {
    let (left, right) =
        [" - ", " – ", " — ", " － "].iter().filter_map(|sep| stem.split_once(sep)).min_by_key(|(l, _)| l.len())?;
    let (left, right) = (left.trim(), right.trim());
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let (title, author) = if has_cjk(left) && has_cjk(right) { (left, right) } else { (right, left) };
    Some(MetadataOverrides { title: Some(title.to_string()), authors: vec![author.to_string()], ..Default::default() })
}

/// Whether `s` has Han, kana or Hangul in it.
fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
    })
}

// ---------------------------------------------------------------------------
// Sidecars and precedence
// ---------------------------------------------------------------------------

/// A string or a list of strings in a sidecar (`authors = "刘慈欣"` or `authors = ["A", "B"]`).
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

/// The sidecar file format: [`MetadataOverrides`] with friendlier names.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Sidecar {
    title: Option<String>,
    subtitle: Option<String>,
    #[serde(alias = "author")]
    authors: OneOrMany,
    #[serde(alias = "lang")]
    language: Option<String>,
    identifier: Option<String>,
    /// A string, or a bare TOML date (`date = 2008-01-01`).
    date: Option<toml::Value>,
    publisher: Option<String>,
    description: Option<String>,
    #[serde(alias = "tags")]
    subjects: OneOrMany,
    series: Option<String>,
    series_index: Option<f64>,
    cover: Option<String>,
    /// The user's corrections (`[corrections]`), see [`crate::corrections`].
    corrections: Option<crate::corrections::Table>,
}

/// Parse a TOML sidecar (`NAME.toml` beside `NAME.txt`, or `bindery.toml` for
/// a folder). A `cover` is relative to the sidecar's folder `dir`; `tags`
/// given as one string are split at commas.
///
/// ```toml
/// title = "三体"
/// authors = ["刘慈欣"]
/// series = "地球往事"
/// series_index = 1
/// tags = ["科幻", "小说"]
/// cover = "covers/santi.jpg"
/// ```
pub fn parse_sidecar(text: &str, path: &Path) -> Result<MetadataOverrides> {
    parse_sidecar_with_corrections(text, path).map(|(m, _)| m)
}

/// [`parse_sidecar`] with the file's `[corrections]` table (a `NAME.bindery.toml`
/// may hold only that table).
pub fn parse_sidecar_with_corrections(text: &str, path: &Path) -> Result<(MetadataOverrides, Corrections)> {
    let s: Sidecar = toml::from_str(text).map_err(|e| Error::BadAsset {
        path: path.to_path_buf(),
        message: format!("not a valid sidecar: {}", e.message().trim()),
    })?;
    s.into_layers(path, path.parent().unwrap_or(Path::new("")))
}

impl Sidecar {
    /// The metadata and corrections a sidecar (or a line of an input list,
    /// named `path`) gives; a `cover` is relative to `dir`.
    fn into_layers(self, path: &Path, dir: &Path) -> Result<(MetadataOverrides, Corrections)> {
        let mut s = self;
        let list = |v: OneOrMany, split: bool| -> Vec<String> {
            let items = match v {
                OneOrMany::None => vec![],
                OneOrMany::One(s) if split => s.split([',', '，', '、']).map(str::to_string).collect(),
                OneOrMany::One(s) => vec![s],
                OneOrMany::Many(v) => v,
            };
            items.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
        };
        let date = match s.date {
            None => None,
            Some(toml::Value::String(d)) => Some(d),
            Some(toml::Value::Datetime(d)) => Some(d.to_string()),
            Some(toml::Value::Integer(y)) => Some(y.to_string()),
            Some(_) => {
                return Err(Error::BadAsset {
                    path: path.to_path_buf(),
                    message: "`date` must be a date or a string".into(),
                })
            }
        };
        let corrections = match s.corrections.take() {
            Some(table) => Corrections::from_table(table, &path.display().to_string()).map_err(|e| {
                Error::BadAsset { path: path.to_path_buf(), message: format!("not a valid [corrections] table: {e}") }
            })?,
            None => Corrections::default(),
        };
        let metadata = MetadataOverrides {
            title: s.title,
            subtitle: s.subtitle,
            authors: list(s.authors, false),
            language: s.language,
            identifier: s.identifier,
            date,
            publisher: s.publisher,
            description: s.description,
            subjects: list(s.subjects, true),
            series: s.series,
            series_index: s.series_index,
            cover: s.cover.map(|c| resolve_relative(dir, &c).display().to_string()),
        };
        Ok((metadata, corrections))
    }
}

/// `rel` taken relative to `dir` unless it is absolute.
pub fn resolve_relative(dir: &Path, rel: &str) -> PathBuf {
    let p = Path::new(rel);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        dir.join(p)
    }
}

/// The corrections file's path for an input: `NAME.bindery.toml` beside `NAME.txt`.
pub fn corrections_path(input: &Path) -> PathBuf {
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    input.with_file_name(format!("{stem}.bindery.toml"))
}

/// The per-file sidecar's path for an input: `NAME.toml` beside `NAME.txt`.
pub fn sidecar_path(input: &Path) -> PathBuf {
    input.with_extension("toml")
}

// ---------------------------------------------------------------------------
// Content keys and the manifest
// ---------------------------------------------------------------------------

/// SHA-256 over bindery's version, the settings that shape the output and the
/// input's bytes, as hex: the same key means the same books would be written.
pub fn content_key(input: &[u8], settings: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(concat!("bindery ", env!("CARGO_PKG_VERSION")).as_bytes());
    h.update([0]);
    h.update(settings.as_bytes());
    h.update([0]);
    h.update(input);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What `convert` wrote for each input, kept in [`MANIFEST_NAME`] in the output folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Keyed by the output stem relative to the output folder (`sub/book`).
    pub books: BTreeMap<String, ManifestEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// [`content_key`] of the input and settings the outputs were made from.
    pub key: String,
    /// The outputs, relative to the output folder.
    pub outputs: Vec<String>,
}

impl Manifest {
    /// Read a manifest; an unreadable one is treated as empty (everything is rebuilt).
    pub fn parse(text: &str) -> Manifest {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into()) + "\n"
    }

    /// The outputs recorded for `book` if they were made with `key`.
    pub fn fresh(&self, book: &str, key: &str) -> Option<&[String]> {
        self.books.get(book).filter(|e| e.key == key).map(|e| e.outputs.as_slice())
    }
}

// ---------------------------------------------------------------------------
// Job arrays: input lists, shards, done-markers, results
// ---------------------------------------------------------------------------

/// The shard (0 ≤ shard < `count`) an input belongs to: FNV-1a 64 of the
/// path's bytes as written (UTF-8 on every system bindery runs on), modulo
/// `count`. The path is hashed as given, not canonicalised, so workers that
/// mount the library in different places still agree when the list holds
/// relative paths.
pub fn shard_of(path: &[u8], count: u32) -> u32 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(path);
    (h.finish() % u64::from(count.max(1))) as u32
}

/// One line of an `--inputs-from` list: a path, or a JSON object with an
/// `input` and the book's metadata in the sidecar's names (`title`,
/// `author`/`authors`, `lang`, `series`, `tags`, `cover`, …).
#[derive(Debug, Clone)]
pub struct ListedInput {
    pub path: PathBuf,
    /// The line's metadata; empty for a bare path.
    pub metadata: MetadataOverrides,
    pub corrections: Corrections,
}

#[derive(Deserialize)]
struct ListLine {
    input: String,
    #[serde(flatten)]
    book: serde_json::Map<String, serde_json::Value>,
}

/// Parse an input list (`list` names it in errors): one path per line, or
/// one JSON object per line (`{"input": "a/b.txt", "title": "三体", "author":
/// "刘慈欣"}`); the two may be mixed. Blank lines are skipped; a `cover` is
/// relative to the current folder, like the paths.
pub fn parse_input_list(text: &str, list: &Path) -> Result<Vec<ListedInput>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let bad = |why: String| Error::Usage(format!("{}:{}: {why}", list.display(), n + 1));
        let entry = if line.trim_start().starts_with('{') {
            let l: ListLine = serde_json::from_str(line).map_err(|e| bad(format!("not an input line: {e}")))?;
            let sidecar: Sidecar = serde_json::from_value(serde_json::Value::Object(l.book))
                .map_err(|e| bad(format!("not an input line: {e}")))?;
            let name = PathBuf::from(format!("{}:{}", list.display(), n + 1));
            let (metadata, corrections) = sidecar.into_layers(&name, Path::new(""))?;
            ListedInput { path: PathBuf::from(l.input), metadata, corrections }
        } else {
            ListedInput { path: PathBuf::from(line), metadata: Default::default(), corrections: Default::default() }
        };
        if entry.path.as_os_str().is_empty() || entry.path == Path::new("-") {
            return Err(bad("an input list names files, not standard input or nothing".into()));
        }
        out.push(entry);
    }
    Ok(out)
}

/// The done-marker of a book (`sub/book` → `sub/.book.bindery-done`,
/// relative to the output folder): hidden, so folder walks skip it.
pub fn done_marker_path(book: &Path) -> PathBuf {
    let name = book.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    book.with_file_name(format!(".{name}.bindery-done"))
}

/// What a finished book's done-marker records: the content key it was made
/// from and each output with its size. A worker without the shared manifest
/// skips a book whose marker has its key and whose outputs are all there at
/// those sizes (outputs are renamed into place whole, so a size is enough to
/// tell them from another run's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoneMarker {
    pub key: String,
    /// Output path (relative to the output folder) → size in bytes.
    pub outputs: BTreeMap<String, u64>,
}

impl DoneMarker {
    /// A marker's text; `None` for anything unreadable (the book is made again).
    pub fn parse(text: &str) -> Option<DoneMarker> {
        serde_json::from_str(text).ok()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into()) + "\n"
    }

    /// Whether the marker vouches for `key`, given each recorded output's
    /// size now (`None` when it is missing).
    pub fn vouches_for(&self, key: &str, size_now: impl Fn(&str) -> Option<u64>) -> bool {
        self.key == key && !self.outputs.is_empty() && self.outputs.iter().all(|(o, &n)| size_now(o) == Some(n))
    }
}

/// One line of `--results FILE.jsonl`: what became of one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookResult {
    pub input: String,
    /// `converted`, `skipped` (unchanged since a finished run) or `failed`.
    pub status: String,
    pub outputs: Vec<String>,
    pub seconds: f64,
    pub warnings: Vec<String>,
    /// [`content_key`] of the input and settings; empty when the input could not be read.
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    /// `K/N` when the run was one shard of several.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub shard: Option<String>,
}

impl BookResult {
    /// One JSON line, newline included, to be appended in one write.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into()) + "\n"
    }
}

// ---------------------------------------------------------------------------
// Calibre
// ---------------------------------------------------------------------------

/// The language tag Calibre takes: the primary subtag (`zh-Hans` → `zh`).
fn calibre_language(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (!primary.is_empty() && primary != "und").then_some(primary)
}

/// A user-given identifier as Calibre's `type:value` (`isbn:978…`, `uuid:…`),
/// or `None` for ones Calibre has no type for.
pub fn calibre_identifier(id: &str) -> Option<String> {
    let id = id.trim();
    let bare = id.strip_prefix("urn:uuid:").unwrap_or(id);
    if let Ok(u) = uuid::Uuid::parse_str(bare) {
        return Some(format!("uuid:{u}"));
    }
    let isbn = id.strip_prefix("urn:isbn:").or_else(|| id.strip_prefix("isbn:")).unwrap_or(id);
    let digits: String = isbn.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let is_isbn = (digits.len() == 13 && digits.chars().all(|c| c.is_ascii_digit()))
        || (digits.len() == 10
            && digits[..9].chars().all(|c| c.is_ascii_digit())
            && digits[9..].chars().all(|c| c.is_ascii_digit() || c == 'X'));
    is_isbn.then(|| format!("isbn:{digits}"))
}

/// Calibre splits authors at `&` and tags at `,`: keep those out of one name.
fn calibre_item(s: &str, sep: char) -> String {
    s.replace(sep, if sep == '&' { "and" } else { " " }).trim().to_string()
}

/// The book's package identifier as the EPUB renderer writes it, so the OPF
/// sidecar and the EPUB name the same book.
pub fn book_identifier(doc: &crate::Document) -> String {
    crate::render::epub::package_identifier(doc)
}

/// `calibredb add --library-path LIB BOOK --title … --authors …` for one book.
/// Without `--duplicates`: a book already in the library is left alone.
pub fn calibredb_add_args(library: &Path, book: &Path, meta: &Metadata) -> Vec<OsString> {
    let mut a: Vec<OsString> = vec!["add".into(), "--library-path".into(), library.into(), book.into()];
    let mut opt = |name: &str, value: String| {
        a.push(name.into());
        a.push(value.into());
    };
    opt("--title", meta.title.clone());
    let authors: Vec<String> =
        meta.authors.iter().filter(|c| c.role == "aut").map(|c| calibre_item(&c.name, '&')).collect();
    if !authors.is_empty() {
        opt("--authors", authors.join(" & "));
    }
    if let Some(s) = &meta.series {
        opt("--series", s.name.clone());
        if let Some(i) = s.index {
            opt("--series-index", format_index(i));
        }
    }
    if !meta.subjects.is_empty() {
        opt("--tags", meta.subjects.iter().map(|t| calibre_item(t, ',')).collect::<Vec<_>>().join(","));
    }
    if let Some(l) = calibre_language(&meta.language) {
        opt("--languages", l);
    }
    if let Some(id) = meta.identifier.as_deref().and_then(calibre_identifier) {
        opt("--identifier", id);
    }
    a
}

/// `calibredb add_format --library-path LIB ID BOOK`: another format of a book already added.
pub fn calibredb_add_format_args(library: &Path, id: u64, book: &Path) -> Vec<OsString> {
    vec!["add_format".into(), "--library-path".into(), library.into(), id.to_string().into(), book.into()]
}

/// The ids in `calibredb add`'s output (`Added book ids: 3, 4`).
pub fn parse_added_ids(stdout: &str) -> Vec<u64> {
    stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Added book ids:"))
        .flat_map(|ids| ids.split(',').filter_map(|s| s.trim().parse().ok()).collect::<Vec<_>>())
        .collect()
}

/// `3` rather than `3.0`; `2.5` as is.
fn format_index(i: f64) -> String {
    if i.fract() == 0.0 && i.abs() < 1e15 {
        format!("{}", i as i64)
    } else {
        format!("{i}")
    }
}

/// Calibre's `metadata.opf`: OPF 2 with `dc:` fields and `calibre:series`
/// meta, as Calibre writes beside each book in its library and reads back
/// when adding books from folders. `identifier` is the book's package
/// identifier (a URN), so the EPUB and its sidecar name the same book.
pub fn calibre_opf(meta: &Metadata, identifier: &str) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let _ = writeln!(o, "<?xml version='1.0' encoding='utf-8'?>");
    let _ = writeln!(o, r#"<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="bookid" version="2.0">"#);
    let _ = writeln!(
        o,
        r#"  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">"#
    );
    let (scheme, value) = match identifier.strip_prefix("urn:uuid:") {
        Some(u) => ("uuid", u),
        None => match identifier.strip_prefix("urn:isbn:") {
            Some(i) => ("ISBN", i),
            None => ("", identifier),
        },
    };
    if scheme.is_empty() {
        let _ = writeln!(o, r#"    <dc:identifier id="bookid">{}</dc:identifier>"#, escape(value));
    } else {
        let _ =
            writeln!(o, r#"    <dc:identifier id="bookid" opf:scheme="{scheme}">{}</dc:identifier>"#, escape(value));
    }
    let _ = writeln!(o, "    <dc:title>{}</dc:title>", escape(&meta.title));
    for c in &meta.authors {
        let _ = writeln!(o, r#"    <dc:creator opf:role="{}">{}</dc:creator>"#, escape(&c.role), escape(&c.name));
    }
    if !meta.language.trim().is_empty() {
        let _ = writeln!(o, "    <dc:language>{}</dc:language>", escape(&meta.language));
    }
    let optional = [("date", &meta.date), ("publisher", &meta.publisher), ("description", &meta.description)];
    for (name, value) in optional {
        if let Some(v) = value {
            let _ = writeln!(o, "    <dc:{name}>{}</dc:{name}>", escape(v));
        }
    }
    for s in &meta.subjects {
        let _ = writeln!(o, "    <dc:subject>{}</dc:subject>", escape(s));
    }
    if let Some(s) = &meta.series {
        let _ = writeln!(o, r#"    <meta name="calibre:series" content="{}"/>"#, escape(&s.name));
        let _ = writeln!(
            o,
            r#"    <meta name="calibre:series_index" content="{}"/>"#,
            format_index(s.index.unwrap_or(1.0))
        );
    }
    let _ = writeln!(o, "  </metadata>");
    let _ = writeln!(o, "</package>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Creator, Series};

    fn title_author(m: &MetadataOverrides) -> (Option<&str>, Vec<&str>) {
        (m.title.as_deref(), m.authors.iter().map(String::as_str).collect())
    }

    #[test]
    fn book_title_marks_take_title_and_author() {
        let m = book_title_marks("《三体》作者：刘慈欣").unwrap();
        assert_eq!(title_author(&m), (Some("三体"), vec!["刘慈欣"]));
        let m = book_title_marks("『こころ』夏目漱石著").unwrap();
        assert_eq!(title_author(&m), (Some("こころ"), vec!["夏目漱石"]));
        let m = book_title_marks("《三体》(刘慈欣)").unwrap();
        assert_eq!(title_author(&m), (Some("三体"), vec!["刘慈欣"]));
        let m = book_title_marks("《The Hobbit》 by J. R. R. Tolkien").unwrap();
        assert_eq!(title_author(&m), (Some("The Hobbit"), vec!["J. R. R. Tolkien"]));
        let m = book_title_marks("《三体》全集").unwrap();
        assert_eq!(m.title.as_deref(), Some("三体"));
    }

    #[test]
    fn book_title_marks_need_marks_at_the_start() {
        assert!(book_title_marks("三体 作者：刘慈欣").is_none());
        assert!(book_title_marks("Pride and Prejudice").is_none());
        assert!(book_title_marks("读《三体》有感").is_none());
    }

    #[test]
    fn series_bracket_takes_series_number_and_title() {
        let m = series_bracket("[Discworld 03] Equal Rites").unwrap();
        assert_eq!(
            (m.series.as_deref(), m.series_index, m.title.as_deref()),
            (Some("Discworld"), Some(3.0), Some("Equal Rites"))
        );
        let m = series_bracket("【地球往事 第2部】黑暗森林").unwrap();
        assert_eq!(
            (m.series.as_deref(), m.series_index, m.title.as_deref()),
            (Some("地球往事"), Some(2.0), Some("黑暗森林"))
        );
        let m = series_bracket("[Discworld #3] Terry Pratchett - Equal Rites").unwrap();
        assert_eq!(title_author(&m), (Some("Equal Rites"), vec!["Terry Pratchett"]));
        let m = series_bracket("[涼宮ハルヒ 1.5] 涼宮ハルヒの退屈").unwrap();
        assert_eq!(m.series_index, Some(1.5));
    }

    #[test]
    fn series_bracket_needs_a_number_and_a_title() {
        assert!(series_bracket("[夏目漱石] こころ").is_none());
        assert!(series_bracket("[03] Equal Rites").is_none());
        assert!(series_bracket("[Discworld 03]").is_none());
        assert!(series_bracket("Discworld 03 Equal Rites").is_none());
    }

    #[test]
    fn dash_separated_orders_by_script() {
        let m = dash_separated("Jane Austen - Pride and Prejudice").unwrap();
        assert_eq!(title_author(&m), (Some("Pride and Prejudice"), vec!["Jane Austen"]));
        let m = dash_separated("三体 - 刘慈欣").unwrap();
        assert_eq!(title_author(&m), (Some("三体"), vec!["刘慈欣"]));
        let m = dash_separated("こころ － 夏目漱石").unwrap();
        assert_eq!(title_author(&m), (Some("こころ"), vec!["夏目漱石"]));
    }

    #[test]
    fn dash_separated_needs_a_spaced_dash() {
        assert!(dash_separated("self-help").is_none());
        assert!(dash_separated("三体-刘慈欣").is_none());
        assert!(dash_separated(" - Title").is_none());
    }

    #[test]
    fn plain_names_give_nothing() {
        let m = metadata_from_file_name("input");
        assert!(m.title.is_none() && m.authors.is_empty() && m.series.is_none());
        assert!(metadata_from_file_name("第一章").title.is_none());
    }

    #[test]
    fn sidecar_reads_aliases_dates_and_relative_cover() {
        let text = "title = \"三体\"\nauthor = \"刘慈欣\"\ntags = \"科幻, 小说\"\ndate = 2008-01-01\nseries = \"地球往事\"\nseries_index = 1\ncover = \"img/c.png\"\nlang = \"zh-Hans\"\n";
        let m = parse_sidecar(text, Path::new("books/santi.toml")).unwrap();
        assert_eq!(m.title.as_deref(), Some("三体"));
        assert_eq!(m.authors, vec!["刘慈欣"]);
        assert_eq!(m.subjects, vec!["科幻", "小说"]);
        assert_eq!(m.date.as_deref(), Some("2008-01-01"));
        assert_eq!(m.series_index, Some(1.0));
        assert_eq!(m.language.as_deref(), Some("zh-Hans"));
        assert_eq!(m.cover.map(PathBuf::from), Some(PathBuf::from("books/img/c.png")));
    }

    #[test]
    fn sidecar_errors_name_the_file() {
        let e = parse_sidecar("titel = \"x\"", Path::new("a/b.toml")).unwrap_err().to_string();
        assert!(e.starts_with("a/b.toml: not a valid sidecar"), "{e}");
        assert!(parse_sidecar("authors = [\"Natsume Sōseki\", \"夏目漱石\"]", Path::new("x.toml")).is_ok());
    }

    #[test]
    fn higher_layers_win_field_by_field() {
        let name = metadata_from_file_name("[Discworld 03] Terry Pratchett - Equal Rites");
        let folder = MetadataOverrides {
            authors: vec!["Sir Terry Pratchett".into()],
            language: Some("en".into()),
            ..Default::default()
        };
        let file = MetadataOverrides { series: Some("Discworld (Witches)".into()), ..Default::default() };
        let cli = MetadataOverrides { title: Some("Equal Rites (2nd ed.)".into()), ..Default::default() };
        let m = MetadataOverrides::layered(&[&name, &folder, &file, &cli]);
        assert_eq!(m.title.as_deref(), Some("Equal Rites (2nd ed.)"));
        assert_eq!(m.authors, vec!["Sir Terry Pratchett"]);
        assert_eq!(m.language.as_deref(), Some("en"));
        // The file sidecar's series has no number: the file name's number was for another series.
        assert_eq!((m.series.as_deref(), m.series_index), (Some("Discworld (Witches)"), None));
    }

    #[test]
    fn content_key_changes_with_input_and_settings() {
        let a = content_key("三体".as_bytes(), "epub");
        assert_eq!(a.len(), 64);
        assert_eq!(a, content_key("三体".as_bytes(), "epub"));
        assert_ne!(a, content_key("三体 ".as_bytes(), "epub"));
        assert_ne!(a, content_key("三体".as_bytes(), "epub,pdf"));
    }

    #[test]
    fn manifest_round_trips_and_checks_keys() {
        let mut m = Manifest::default();
        m.books.insert("sub/book".into(), ManifestEntry { key: "k1".into(), outputs: vec!["sub/book.epub".into()] });
        let back = Manifest::parse(&m.to_json());
        assert_eq!(back, m);
        assert_eq!(back.fresh("sub/book", "k1"), Some(&["sub/book.epub".to_string()][..]));
        assert!(back.fresh("sub/book", "k2").is_none());
        assert_eq!(Manifest::parse("not json"), Manifest::default());
    }

    fn meta() -> Metadata {
        Metadata {
            title: "Tom & Jerry <1>".into(),
            authors: vec![
                Creator::author("Hanna & Barbera"),
                Creator::author("夏目漱石"),
                Creator { name: "Ed".into(), role: "edt".into() },
            ],
            language: "zh-Hans".into(),
            subjects: vec!["a,b".into(), "科幻".into()],
            series: Some(Series { name: "地球往事".into(), index: Some(2.0) }),
            identifier: Some("978-7-5366-9293-0".into()),
            ..Default::default()
        }
    }

    #[test]
    fn calibredb_args_carry_the_metadata() {
        let a = calibredb_add_args(Path::new("/lib"), Path::new("b.epub"), &meta());
        let a: Vec<String> = a.iter().map(|s| s.to_string_lossy().into_owned()).collect();
        let get = |k: &str| a.iter().position(|x| x == k).map(|i| a[i + 1].as_str());
        assert_eq!(&a[..4], ["add", "--library-path", "/lib", "b.epub"]);
        assert_eq!(get("--title"), Some("Tom & Jerry <1>"));
        assert_eq!(get("--authors"), Some("Hanna and Barbera & 夏目漱石"));
        assert_eq!(get("--series-index"), Some("2"));
        assert_eq!(get("--tags"), Some("a b,科幻"));
        assert_eq!(get("--languages"), Some("zh"));
        assert_eq!(get("--identifier"), Some("isbn:9787536692930"));
        let f = calibredb_add_format_args(Path::new("/lib"), 7, Path::new("b.pdf"));
        assert_eq!(f, ["add_format", "--library-path", "/lib", "7", "b.pdf"].map(OsString::from));
    }

    #[test]
    fn shards_follow_published_fnv1a() {
        use std::hash::Hasher;
        // FNV-1a 64 test vectors (Fowler, Noll, Vo): "" and "a".
        let mut h = fnv::FnvHasher::default();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63dc4c8601ec8c);
        assert_eq!(shard_of(b"", 1 << 16), (0xcbf29ce484222325u64 % (1 << 16)) as u32);
        assert_eq!(shard_of(b"a", 7), (0xaf63dc4c8601ec8cu64 % 7) as u32);
        // Every shard gets a fair part of many paths.
        let mut counts = [0u32; 4];
        for i in 0..4000 {
            counts[shard_of(format!("lib/书{i}.txt").as_bytes(), 4) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (800..1200).contains(&c)), "{counts:?}");
    }

    #[test]
    fn input_lists_take_paths_and_json_lines() {
        let text = "a/b.txt\r\n\n{\"input\": \"c.md\", \"title\": \"三体\", \"author\": \"刘慈欣\", \"tags\": \"科幻,小说\"}\n";
        let l = parse_input_list(text, Path::new("list")).unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].path, Path::new("a/b.txt"));
        assert!(l[0].metadata.title.is_none());
        assert_eq!(l[1].path, Path::new("c.md"));
        assert_eq!(title_author(&l[1].metadata), (Some("三体"), vec!["刘慈欣"]));
        assert_eq!(l[1].metadata.subjects, ["科幻", "小说"]);
        for bad in ["{\"input\": \"x\", \"titel\": \"typo\"}", "{\"title\": \"no input\"}", "-", "{not json"] {
            let e = parse_input_list(&format!("ok.txt\n{bad}\n"), Path::new("list")).unwrap_err().to_string();
            assert!(e.starts_with("list:2: "), "{e}");
        }
    }

    #[test]
    fn done_markers_vouch_only_for_their_key_and_sizes() {
        assert_eq!(done_marker_path(Path::new("sub/book")), Path::new("sub/.book.bindery-done"));
        assert_eq!(done_marker_path(Path::new("书")), Path::new(".书.bindery-done"));
        let m = DoneMarker { key: "k".into(), outputs: [("sub/book.epub".to_string(), 10)].into() };
        let m = DoneMarker::parse(&m.to_json()).unwrap();
        assert!(m.vouches_for("k", |_| Some(10)));
        assert!(!m.vouches_for("other", |_| Some(10)));
        assert!(!m.vouches_for("k", |_| Some(9)));
        assert!(!m.vouches_for("k", |_| None));
        assert!(DoneMarker::parse("{\"key\": 3").is_none());
    }

    #[test]
    fn calibre_identifiers_and_ids() {
        assert_eq!(
            calibre_identifier("urn:uuid:6BA7B810-9DAD-11D1-80B4-00C04FD430C8").as_deref(),
            Some("uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8")
        );
        assert_eq!(calibre_identifier("0-306-40615-X").as_deref(), Some("isbn:030640615X"));
        assert!(calibre_identifier("my-book-1").is_none());
        assert_eq!(parse_added_ids("Added book ids: 3, 4\n"), vec![3, 4]);
        assert!(parse_added_ids("The following books were not added as they already exist").is_empty());
    }

    #[test]
    fn opf_is_calibre_shaped_and_escaped() {
        let o = calibre_opf(&meta(), "urn:isbn:9787536692930");
        assert!(o.contains(r#"<dc:identifier id="bookid" opf:scheme="ISBN">9787536692930</dc:identifier>"#), "{o}");
        assert!(o.contains("<dc:title>Tom &amp; Jerry &lt;1&gt;</dc:title>"), "{o}");
        assert!(o.contains(r#"<dc:creator opf:role="aut">夏目漱石</dc:creator>"#), "{o}");
        assert!(o.contains(r#"<dc:creator opf:role="edt">Ed</dc:creator>"#), "{o}");
        assert!(o.contains(r#"<meta name="calibre:series" content="地球往事"/>"#), "{o}");
        assert!(o.contains(r#"<meta name="calibre:series_index" content="2"/>"#), "{o}");
        assert!(o.contains("<dc:language>zh-Hans</dc:language>"), "{o}");
    }
}
