//! The binary's file system and terminal boundary: reading inputs, writing
//! outputs through locked temporary files that signals clean up, the
//! manifest merged under a lock, done-markers and the results log, and
//! messages made safe for a terminal.
//!
//! Outputs only ever replace a regular file; a symlink, FIFO, device or
//! folder in the way is refused. Temporary files are created with `O_EXCL`
//! and mode 0666 less the umask, locked while they are written (so a later
//! run can tell a killed run's leftovers from a live one's), and removed on
//! SIGINT, SIGTERM and SIGHUP.

use bindery::error::Error;
use bindery::library::{DoneMarker, Manifest};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// Prefix and suffix of every temporary output (`.bindery-XXXXXX.part`).
const PART_PREFIX: &str = ".bindery-";
const PART_SUFFIX: &str = ".part";

// ---------------------------------------------------------------------------
// Terminal output
// ---------------------------------------------------------------------------

/// `s` with control characters (escape sequences, carriage returns, bidi
/// overrides) spelled out as `\u{1b}`, so a hostile file name cannot drive
/// the terminal it is printed on.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if unsafe_char(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect())
}

/// One `bindery: …` line on standard error.
pub fn say(message: &str) {
    eprintln!("bindery: {}", terminal_safe(message));
}

/// The error on one line: bindery's own errors already name their cause.
pub fn one_line(err: &anyhow::Error) -> String {
    match err.downcast_ref::<Error>() {
        Some(e) => e.to_string(),
        None => err.chain().map(|e| e.to_string()).collect::<Vec<_>>().join(": "),
    }
}

/// clap's usage error as one line, like every other error: its first
/// paragraph with `error: ` dropped and the lines joined (`the following
/// required arguments were not provided: <INPUTS>...`), clap's tip if it has
/// one, then where to look.
pub fn usage_error_line(rendered: &str) -> String {
    let first: Vec<&str> = rendered.trim().lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
    let text = first.join(" ");
    let mut line = text.strip_prefix("error:").unwrap_or(&text).trim().to_string();
    for tip in rendered.lines().map(str::trim).filter(|l| l.starts_with("tip:")) {
        line = format!("{line}; {tip}");
    }
    format!("{line} (see bindery --help)")
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/// Read an input file (or stdin for `-`), with errors that say what is wrong.
/// Only regular files are read, and at most `cap` bytes of them
/// (`--max-input-bytes`, 256 MiB by default: ten times the 5 M-character
/// novel; beyond it the PDF alone would need gigabytes).
pub fn read_input(path: &Path, cap: u64) -> Result<Vec<u8>, Error> {
    let fail = |source| Error::Read { path: path.into(), source };
    if path == Path::new("-") {
        return read_capped(std::io::stdin().lock(), path, cap);
    }
    let meta = std::fs::metadata(path).map_err(fail)?;
    if meta.is_dir() {
        return Err(Error::IsDirectory { path: path.into() });
    }
    if !meta.is_file() {
        return Err(fail(std::io::Error::other("not a regular file (a device, FIFO or socket)")));
    }
    if meta.len() > cap {
        return Err(too_large(path, cap));
    }
    read_capped_sized(File::open(path).map_err(fail)?, path, cap, meta.len())
}

fn read_capped(reader: impl Read, path: &Path, cap: u64) -> Result<Vec<u8>, Error> {
    read_capped_sized(reader, path, cap, 0)
}

/// Read at most `cap` bytes (one more tells it was too large); `size` is
/// the expected length, so a large file is read into one buffer of its size
/// rather than grown by doubling (twice its size, for a moment, at the end).
fn read_capped_sized(reader: impl Read, path: &Path, cap: u64, size: u64) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(cap)).unwrap_or(0).saturating_add(1));
    reader
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read { path: path.into(), source })?;
    if bytes.len() as u64 > cap {
        return Err(too_large(path, cap));
    }
    Ok(bytes)
}

fn too_large(path: &Path, cap: u64) -> Error {
    let size = match cap {
        c if c % (1 << 30) == 0 => format!("{} GiB", c >> 30),
        c if c % (1 << 20) == 0 => format!("{} MiB", c >> 20),
        c if c % (1 << 10) == 0 => format!("{} KiB", c >> 10),
        c => format!("{c} bytes"),
    };
    let why = format!("larger than {size}, the most bindery reads (--max-input-bytes)");
    Error::Read { path: path.into(), source: std::io::Error::other(why) }
}

/// How an input is named in messages and as the fallback title.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// Whether writing `target` would clobber `input`.
pub fn same_file(input: &Path, target: &Path) -> bool {
    match (input.canonicalize(), target.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------

/// Refuse an output path that holds anything but a regular file: writing
/// there would replace a symlink, FIFO, device or folder with a book.
pub fn check_target(target: &Path) -> Result<(), Error> {
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_file() => Ok(()),
        Ok(meta) => {
            let what = if meta.file_type().is_symlink() {
                "a symbolic link"
            } else if meta.is_dir() {
                "a folder"
            } else {
                "a device, FIFO or socket"
            };
            let why = format!("is {what}, not a regular file; refusing to replace it");
            Err(Error::Write { path: target.to_path_buf(), source: std::io::Error::other(why) })
        }
        Err(_) => Ok(()),
    }
}

/// Temporary files being written, removed by the signal handler. Creating a
/// part and recording it happen under this lock, so none escapes a signal.
fn live_parts() -> MutexGuard<'static, BTreeSet<PathBuf>> {
    static LIVE: OnceLock<Mutex<BTreeSet<PathBuf>>> = OnceLock::new();
    LIVE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner())
}

/// On SIGINT, SIGTERM or SIGHUP: remove every temporary file being written,
/// then die of the signal as if unhandled (so the shell sees the usual status).
/// signal-hook rather than a hand-written handler: file removal is not
/// async-signal-safe, and its iterator runs the clean-up on an ordinary thread.
pub fn clean_up_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until the process ends: no new part can start meanwhile.
            let live = live_parts();
            for part in live.iter() {
                let _ = std::fs::remove_file(part);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

/// Keeps a temporary output recorded for the signal handler while alive.
struct Recorded(PathBuf);

impl Drop for Recorded {
    fn drop(&mut self) {
        live_parts().remove(&self.0);
    }
}

/// A temporary output in `dir`: created with `O_EXCL`, locked against the
/// stale-part sweep of other runs, recorded for the signal handler.
fn create_part(dir: &Path) -> std::io::Result<(tempfile::NamedTempFile, Recorded)> {
    loop {
        let mut live = live_parts();
        let mut builder = tempfile::Builder::new();
        builder.prefix(PART_PREFIX).suffix(PART_SUFFIX);
        // 0666 less the umask, as any file a program creates.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let file = builder.tempfile_in(dir)?;
        file.as_file().lock()?;
        // A run sweeping stale parts may have taken the lock between our
        // create and lock and removed the file: then start again.
        if still_ours(&file) {
            live.insert(file.path().to_path_buf());
            let recorded = Recorded(file.path().to_path_buf());
            return Ok((file, recorded));
        }
    }
}

#[cfg(unix)]
fn still_ours(file: &tempfile::NamedTempFile) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(file.path()), file.as_file().metadata()) {
        (Ok(on_disk), Ok(open)) => on_disk.ino() == open.ino() && on_disk.dev() == open.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_ours(file: &tempfile::NamedTempFile) -> bool {
    file.path().exists()
}

/// Remove the `.bindery-*.part` files a killed run left in `dir`: those no
/// live process holds locked. Done once per folder and run.
fn remove_stale_parts(dir: &Path) {
    static SWEPT: OnceLock<Mutex<BTreeSet<PathBuf>>> = OnceLock::new();
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !SWEPT.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner()).insert(key) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(PART_PREFIX) && name.ends_with(PART_SUFFIX)) {
            continue;
        }
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok(file) = File::open(entry.path()) else { continue };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Write to a temporary file in the target's folder, then rename: an
/// interrupted run never leaves a half-written book behind, and only a
/// regular file (or nothing) at `target` is ever replaced.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    check_target(target)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |source: std::io::Error| Error::Write { path: target.to_path_buf(), source };
    std::fs::create_dir_all(&dir).map_err(fail)?;
    remove_stale_parts(&dir);
    // `_recorded` outlives the rename: a signal before it removes the part.
    let (mut file, _recorded) = create_part(&dir).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    check_target(target)?;
    file.persist(target).map(drop).map_err(|e| fail(e.error))
}

// ---------------------------------------------------------------------------
// The manifest
// ---------------------------------------------------------------------------

/// Read the manifest at `path`, change it and write it back, holding a lock
/// (`.bindery-manifest.lock` beside it) against other threads and runs, so
/// two batches into one folder keep each other's entries.
pub fn update_manifest(path: &Path, change: impl FnOnce(&mut Manifest)) -> Result<(), Error> {
    let fail = |source| Error::Write { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let lock_path = path.with_extension("lock");
    check_target(&lock_path)?;
    let lock = OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(fail)?;
    lock.lock().map_err(fail)?;
    let mut manifest = read_manifest(path);
    change(&mut manifest);
    write_atomically(path, manifest.to_json().as_bytes())
}

// ---------------------------------------------------------------------------
// Results and done-markers
// ---------------------------------------------------------------------------

/// `--results FILE.jsonl`: opened for appending and never truncated, so
/// workers can share one file and a rerun adds to it.
pub struct ResultsLog {
    file: Mutex<File>,
    path: PathBuf,
}

impl ResultsLog {
    pub fn open(path: &Path) -> Result<ResultsLog, Error> {
        let fail = |source| Error::Write { path: path.to_path_buf(), source };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path).map_err(fail)?;
        Ok(ResultsLog { file: Mutex::new(file), path: path.to_path_buf() })
    }

    /// Append one line whole: `O_APPEND` puts it at the end, and the file's
    /// lock keeps other processes' lines from interleaving with it.
    pub fn append(&self, line: &str) -> Result<(), Error> {
        let fail = |source| Error::Write { path: self.path.clone(), source };
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        file.lock().map_err(fail)?;
        let written = file.write_all(line.as_bytes());
        let _ = file.unlock();
        written.map_err(fail)
    }
}

/// The done-marker at `path`, if there is a readable one.
pub fn read_done_marker(path: &Path) -> Option<DoneMarker> {
    std::fs::read_to_string(path).ok().and_then(|t| DoneMarker::parse(&t))
}

/// The manifest at `path`; a missing or unreadable one is empty.
pub fn read_manifest(path: &Path) -> Manifest {
    std::fs::read_to_string(path).map(|t| Manifest::parse(&t)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_come_out_as_one_line() {
        let rendered = "error: the following required arguments were not provided:\n  <INPUTS>...\n\nUsage: bindery convert <INPUTS>...\n\nFor more information, try '--help'.\n";
        assert_eq!(
            usage_error_line(rendered),
            "the following required arguments were not provided: <INPUTS>... (see bindery --help)"
        );
        let rendered = "error: unexpected argument '--too' found\n\n  tip: a similar argument exists: '--to'\n\nUsage: bindery convert\n";
        assert_eq!(
            usage_error_line(rendered),
            "unexpected argument '--too' found; tip: a similar argument exists: '--to' (see bindery --help)"
        );
    }

    #[test]
    fn terminal_safe_spells_out_escape_sequences() {
        assert_eq!(terminal_safe("a\u{1b}[31mb.txt"), "a\\u{1b}[31mb.txt");
        assert_eq!(terminal_safe("《三体》.txt"), "《三体》.txt");
        assert_eq!(terminal_safe("x\u{202e}txt.exe"), "x\\u{202e}txt.exe");
    }

    #[test]
    fn outputs_replace_only_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.epub");
        std::fs::write(&file, "old").unwrap();
        assert!(check_target(&file).is_ok());
        assert!(check_target(&dir.path().join("missing.epub")).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.epub");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            let e = write_atomically(&link, b"new").unwrap_err().to_string();
            assert!(e.contains("symbolic link"), "{e}");
            assert_eq!(std::fs::read(&file).unwrap(), b"old");
        }
        assert!(check_target(dir.path()).is_err());
    }

    #[test]
    fn stale_parts_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".bindery-stale1.part");
        std::fs::write(&stale, "half a book").unwrap();
        let (live, _recorded) = create_part(dir.path()).unwrap();
        remove_stale_parts(dir.path());
        assert!(!stale.exists());
        assert!(live.path().exists());
    }

    #[test]
    fn manifest_updates_merge() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(bindery::library::MANIFEST_NAME);
        let entry = |k: &str| bindery::library::ManifestEntry { key: k.into(), outputs: vec![] };
        update_manifest(&path, |m| drop(m.books.insert("a".into(), entry("1")))).unwrap();
        update_manifest(&path, |m| drop(m.books.insert("b".into(), entry("2")))).unwrap();
        assert_eq!(read_manifest(&path).books.len(), 2);
    }
}
