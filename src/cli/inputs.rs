//! The command line's inputs made into a list of books: folders walked,
//! quoted glob patterns expanded, input lists read, each input given the
//! output stem that mirrors its place under the folder, pattern or list it
//! came from.

use bindery::corrections::Corrections;
use bindery::error::Error;
use bindery::library::ListedInput;
use bindery::MetadataOverrides;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Extensions taken from a folder or pattern; a file named on the command
/// line is taken whatever its extension.
pub const INPUT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "pdf"];

/// One input and where its books go.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// Output path without extension, relative to the output folder (`sub/book`).
    pub book: PathBuf,
    /// Metadata and corrections from the input's line in an `--inputs-from` list.
    pub listed: MetadataOverrides,
    pub listed_corrections: Corrections,
}

impl Input {
    fn new(path: PathBuf, book: PathBuf) -> Input {
        Input { path, book, listed: Default::default(), listed_corrections: Default::default() }
    }
}

/// The inputs, and whether this is a batch (several inputs, a folder or a
/// pattern) rather than one named file.
pub struct Inputs {
    pub list: Vec<Input>,
    pub batch: bool,
}

/// Expand the command line's inputs. `exclude` is the output folder: never
/// read from when it lies inside an input folder (`convert lib -r -o
/// lib/books`), but an output folder holding the inputs (`convert lib -r`,
/// output `.`) excludes nothing.
pub fn expand(args: &[PathBuf], recursive: bool, exclude: Option<&Path>) -> Result<Inputs, Error> {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut list = Vec::new();
    let mut batch = args.len() > 1;
    for arg in args {
        if arg == Path::new("-") {
            list.push(Input::new(arg.clone(), PathBuf::from("stdin")));
        } else if arg.is_dir() {
            batch = true;
            let mut found = Vec::new();
            let depth = if recursive { usize::MAX } else { 1 };
            let mut walk = Walk { depth, exclude: strictly_inside(arg, exclude.as_deref()), seen: BTreeSet::new() };
            walk.dir(arg, 1, &mut found).map_err(|source| Error::Read { path: arg.clone(), source })?;
            let found = without_own_books(found);
            if found.is_empty() {
                let why = if recursive {
                    "is a directory with no .txt, .md or .pdf file in it"
                } else {
                    "is a directory with no .txt, .md or .pdf file in it (--recursive looks in subfolders)"
                };
                return Err(Error::Read {
                    path: arg.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::NotFound, why),
                });
            }
            list.extend(found.into_iter().map(|path| {
                let book = stem_path(path.strip_prefix(arg).unwrap_or(&path));
                Input::new(path, book)
            }));
        } else if !arg.exists() && is_pattern(arg) {
            batch = true;
            let base: PathBuf = arg.components().take_while(|c| !is_pattern(Path::new(c.as_os_str()))).collect();
            let base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base };
            list.extend(glob_inputs(arg, strictly_inside(&base, exclude.as_deref()).as_deref())?);
        } else {
            let book = PathBuf::from(arg.file_stem().unwrap_or(arg.as_os_str()));
            list.push(Input::new(arg.clone(), book));
        }
    }
    Ok(Inputs { list, batch })
}

/// The books of an `--inputs-from` list. Each mirrors its path, less the
/// extension and any root, `.` or `..` (`a/b.txt` → `a/b`, `/data/x.txt` →
/// `data/x`), so lists of files from many folders do not collide on names.
pub fn from_list(entries: Vec<ListedInput>) -> Vec<Input> {
    entries
        .into_iter()
        .map(|e| {
            let rel: PathBuf = e.path.components().filter(|c| matches!(c, std::path::Component::Normal(_))).collect();
            Input { book: stem_path(&rel), path: e.path, listed: e.metadata, listed_corrections: e.corrections }
        })
        .collect()
}

fn is_pattern(p: &Path) -> bool {
    p.to_str().is_some_and(|s| s.contains(['*', '?', '[']))
}

/// Files matching a pattern; each mirrors its path below the pattern's
/// literal prefix (`books/**/*.txt` → `a/b` for `books/a/b.txt`).
///
/// The folders below the prefix are walked by [`Walk`] and each file matched
/// with `glob::Pattern`, rather than expanded by `glob::glob`, whose `**`
/// follows symbolic links without loop detection: `lib/self → .` made it
/// descend until the path was too long, and two such links never ended.
fn glob_inputs(pattern: &Path, exclude: Option<&Path>) -> Result<Vec<Input>, Error> {
    let text = pattern.to_string_lossy();
    let matcher = glob::Pattern::new(&text).map_err(|e| Error::Usage(format!("{text}: bad pattern: {e}")))?;
    let base: PathBuf = pattern.components().take_while(|c| !is_pattern(Path::new(c.as_os_str()))).collect();
    let rest = pattern.strip_prefix(&base).unwrap_or(pattern);
    // `**` reaches any depth; otherwise a pattern names files a fixed number of folders down.
    let depth = if rest.components().any(|c| c.as_os_str() == "**") { usize::MAX } else { rest.components().count() };
    let walked_base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base.clone() };
    let mut found = Vec::new();
    if walked_base.is_dir() {
        let mut walk = Walk { depth, exclude: exclude.map(Path::to_path_buf), seen: BTreeSet::new() };
        walk.dir(&walked_base, 1, &mut found).map_err(|source| Error::Read { path: walked_base.clone(), source })?;
    }
    let options = glob::MatchOptions { require_literal_separator: true, ..Default::default() };
    let found: Vec<PathBuf> = found
        .into_iter()
        .map(|p| if base.as_os_str().is_empty() { p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p) } else { p })
        .filter(|p| matcher.matches_path_with(p, options))
        .collect();
    let out: Vec<Input> = without_own_books(found)
        .into_iter()
        .map(|path| {
            let book = stem_path(path.strip_prefix(&base).unwrap_or(&path));
            Input::new(path, book)
        })
        .collect();
    if out.is_empty() {
        let source =
            std::io::Error::new(std::io::ErrorKind::NotFound, "no .txt, .md or .pdf file matches this pattern");
        return Err(Error::Read { path: pattern.to_path_buf(), source });
    }
    Ok(out)
}

/// The walked files, sorted, less each PDF beside a text or Markdown file of
/// the same name: that PDF is the text's own book from an earlier run into the
/// same folder (`convert books -o books`), not another input.
fn without_own_books(mut found: Vec<PathBuf>) -> Vec<PathBuf> {
    found.sort();
    let texts: BTreeSet<PathBuf> = found.iter().filter(|p| !is_pdf(p)).map(|p| p.with_extension("")).collect();
    found.retain(|p| !(is_pdf(p) && texts.contains(&p.with_extension(""))));
    found
}

fn is_pdf(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// `exclude` when it lies strictly inside `root` (both canonical), else `None`.
fn strictly_inside(root: &Path, exclude: Option<&Path>) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    exclude.filter(|ex| *ex != root && ex.starts_with(&root)).map(Path::to_path_buf)
}

/// A walk over input folders that follows symbolic links but enters each
/// real folder once, so `ln -s . lib/self` or two links pointing at each
/// other neither repeat books nor loop.
struct Walk {
    /// How many folders deep files are taken: 1 for the folder itself.
    depth: usize,
    exclude: Option<PathBuf>,
    /// Canonical paths of the folders entered.
    seen: BTreeSet<PathBuf>,
}

impl Walk {
    fn dir(&mut self, dir: &Path, level: usize, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        if is_excluded(dir, self.exclude.as_deref()) || !self.seen.insert(dir.canonicalize()?) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
        // Sorted, so which of two paths to one folder is taken does not depend on the file system.
        entries.sort();
        for path in entries {
            if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                if level < self.depth {
                    self.dir(&path, level + 1, out)?;
                }
            } else if is_input_name(&path) && path.is_file() {
                out.push(path);
            }
        }
        Ok(())
    }
}

fn is_excluded(p: &Path, exclude: Option<&Path>) -> bool {
    match (exclude, p.canonicalize()) {
        (Some(ex), Ok(c)) => c.starts_with(ex),
        _ => false,
    }
}

fn is_input_name(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| INPUT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// `sub/book.txt` → `sub/book`.
fn stem_path(rel: &Path) -> PathBuf {
    match rel.file_stem() {
        Some(stem) => rel.with_file_name(stem),
        None => rel.to_path_buf(),
    }
}

/// `book` + `.ext`, keeping dots already in the name (`v1.2` → `v1.2.epub`).
pub fn with_ext(book: &Path, ext: &str) -> PathBuf {
    let mut s = book.as_os_str().to_os_string();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_books_mirror_their_paths() {
        let listed =
            |p: &str| ListedInput { path: p.into(), metadata: Default::default(), corrections: Default::default() };
        let books: Vec<PathBuf> =
            from_list(vec![listed("a/b.txt"), listed("/data/书/x.md"), listed("../up/v1.2.txt"), listed("./c")])
                .into_iter()
                .map(|i| i.book)
                .collect();
        assert_eq!(books, ["a/b", "data/书/x", "up/v1.2", "c"].map(PathBuf::from));
    }
}
