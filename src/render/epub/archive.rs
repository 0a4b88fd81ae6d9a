//! The OCF container: files in, a reproducible zip out.
//!
//! Takes package files in the order they should appear and one timestamp;
//! returns zip bytes with `mimetype` first and stored (as OCF requires), every
//! entry stamped with the same time and permissions, compressed at a fixed
//! level. Same files in ⇒ same bytes out; never reads the clock.

use super::package::Timestamp;
use crate::error::{Error, Result};
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The OCF media type; the first entry of every EPUB.
const MIMETYPE: &[u8] = b"application/epub+zip";

/// Deflate level for everything but `mimetype`: zlib's default, a good
/// size/speed trade; fixed so the bytes do not depend on a library default.
const DEFLATE_LEVEL: i64 = 6;

/// Permission bits recorded for every entry (rw-r--r--), fixed for reproducibility.
const ENTRY_MODE: u32 = 0o644;

/// Files of a package, in archive order, before zipping.
#[derive(Debug, Default)]
pub struct Archive {
    entries: Vec<(String, Vec<u8>)>,
}

impl Archive {
    /// Add a file; `path` is relative to the container root (`OEBPS/…`).
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.entries.push((path.into(), bytes.into()));
    }

    /// Zip the files: `mimetype` first and stored, then the files in the
    /// order they were added, all stamped `time`.
    ///
    /// Deflating is most of the work (a 5 M-character novel is 15 MB of
    /// XHTML), so each file is deflated on its own, on every thread of the
    /// pool, into a zip of one entry, and the entries are then copied raw in
    /// order: the same bytes as writing them one after the other (a test
    /// below compares), since each entry is compressed alone either way.
    pub fn finish(self, time: Timestamp) -> Result<Vec<u8>> {
        use rayon::prelude::*;
        let (stored, deflated) = entry_options(time);
        let singles: Vec<Vec<u8>> = self
            .entries
            .par_iter()
            .map(|(path, bytes)| {
                let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(bytes.len() / 2 + 256)));
                write_entry(&mut zip, path, bytes, deflated)?;
                Ok(zip.finish().map_err(zip_error)?.into_inner())
            })
            .collect::<Result<_>>()?;
        let total = singles.iter().map(Vec::len).sum::<usize>() + 1024;
        let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(total)));
        write_entry(&mut zip, "mimetype", MIMETYPE, stored)?;
        drop(self.entries);
        for single in singles {
            let mut one = zip::ZipArchive::new(std::io::Cursor::new(single)).map_err(zip_error)?;
            zip.raw_copy_file(one.by_index_raw(0).map_err(zip_error)?).map_err(zip_error)?;
        }
        Ok(zip.finish().map_err(zip_error)?.into_inner())
    }
}

/// The options of `mimetype` (stored) and of every other entry (deflated).
fn entry_options(time: Timestamp) -> (SimpleFileOptions, SimpleFileOptions) {
    let base = SimpleFileOptions::default().last_modified_time(zip_time(time)).unix_permissions(ENTRY_MODE);
    let stored = base.compression_method(CompressionMethod::Stored);
    let deflated = base.compression_method(CompressionMethod::Deflated).compression_level(Some(DEFLATE_LEVEL));
    (stored, deflated)
}

fn write_entry<W: std::io::Write + std::io::Seek>(
    zip: &mut ZipWriter<W>,
    path: &str,
    bytes: &[u8],
    options: SimpleFileOptions,
) -> Result<()> {
    zip.start_file(path, options).map_err(zip_error)?;
    zip.write_all(bytes).map_err(zip_error)
}

/// A zip (DOS) timestamp: 1980–2107 at two-second resolution; times outside
/// are clamped to the nearest end.
fn zip_time(t: Timestamp) -> DateTime {
    let fallback = DateTime::default();
    if t.year < 1980 {
        return fallback;
    }
    let (year, month, day, hour, minute, second) = if t.year > 2107 {
        (2107, 12, 31, 23, 59, 58)
    } else {
        (t.year as u16, t.month, t.day, t.hour, t.minute, t.second)
    };
    DateTime::from_date_and_time(year, month, day, hour, minute, second).unwrap_or(fallback)
}

fn zip_error(e: impl std::fmt::Display) -> Error {
    Error::Render { format: "EPUB", message: format!("cannot write the zip container: {e}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn sample(time: Timestamp) -> Vec<u8> {
        let mut a = Archive::default();
        a.add("META-INF/container.xml", b"<container/>".to_vec());
        a.add("OEBPS/a.xhtml", "正文".repeat(100).into_bytes());
        a.finish(time).unwrap()
    }

    #[test]
    fn mimetype_first_and_stored_with_fixed_times() {
        let t = Timestamp::from_unix(1_700_000_000);
        let bytes = sample(t);
        // OCF: the literal file name and content at fixed offsets.
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..58], MIMETYPE);
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = z.file_names().map(String::from).collect();
        assert_eq!(names.len(), 3);
        for i in 0..z.len() {
            let f = z.by_index(i).unwrap();
            let m = f.last_modified().unwrap();
            assert_eq!((m.year(), m.month(), m.day(), m.hour(), m.minute()), (2023, 11, 14, 22, 13));
            if f.name() == "mimetype" {
                assert_eq!(i, 0);
                assert_eq!(f.compression(), CompressionMethod::Stored);
            }
        }
        let mut s = String::new();
        z.by_name("OEBPS/a.xhtml").unwrap().read_to_string(&mut s).unwrap();
        assert_eq!(s, "正文".repeat(100));
    }

    #[test]
    fn entries_copied_raw_are_the_entries_written_in_turn() {
        let t = Timestamp::from_unix(1_700_000_000);
        let mut a = Archive::default();
        a.add("META-INF/container.xml", b"<container/>".to_vec());
        a.add("OEBPS/a.xhtml", "第一章　夜色。他推开了门。".repeat(5000).into_bytes());
        a.add("OEBPS/b.xhtml", "The quick brown fox. ".repeat(3000).into_bytes());
        a.add("OEBPS/empty.css", Vec::new());
        let (stored, deflated) = entry_options(t);
        let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
        write_entry(&mut zip, "mimetype", MIMETYPE, stored).unwrap();
        for (path, bytes) in &a.entries {
            write_entry(&mut zip, path, bytes, deflated).unwrap();
        }
        let in_turn = zip.finish().unwrap().into_inner();
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let copy = Archive { entries: a.entries.clone() };
            assert!(pool.install(|| copy.finish(t)).unwrap() == in_turn, "{threads} thread(s)");
        }
    }

    #[test]
    fn same_input_same_bytes() {
        let t = Timestamp::from_unix(0);
        assert_eq!(sample(t), sample(t));
    }

    #[test]
    fn times_outside_the_dos_range_are_clamped() {
        assert_eq!(zip_time(Timestamp::from_unix(0)), DateTime::default());
        let late = zip_time(Timestamp::from_unix(5_000_000_000));
        assert_eq!(late.year(), 2107);
    }
}
