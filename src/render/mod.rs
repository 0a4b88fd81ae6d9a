//! Stage 5, render: the document model to files.
//!
//! Each backend implements [`Renderer`] over the same `&Document`; none reads
//! another's output.

pub mod display;
pub mod epub;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod review;

use crate::error::Result;
use crate::model::{Document, Metadata};
use crate::report::Report;

/// One output format.
pub trait Renderer {
    /// File extension of the output, without the dot.
    fn extension(&self) -> &'static str;
    /// Render the whole book to bytes.
    fn render(&self, doc: &Document, report: &Report) -> Result<Vec<u8>>;
}

/// Seconds since the epoch to stamp into outputs: `SOURCE_DATE_EPOCH` when set
/// (reproducible builds), else `None` (renderers then use a fixed date, never the clock).
pub fn source_date_epoch() -> Option<i64> {
    parse_source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()).ok().flatten()
}

/// Latest moment an EPUB or PDF date can name: 9999-12-31T23:59:59Z (both
/// write four-digit years; a later or negative date makes an invalid book).
pub const MAX_SOURCE_DATE_EPOCH: i64 = 253_402_300_799;

/// `SOURCE_DATE_EPOCH` as given (`None` when unset or empty), or why it cannot be used.
pub fn parse_source_date_epoch(value: Option<&str>) -> std::result::Result<Option<i64>, String> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    match v.parse::<i64>() {
        Ok(s) if (0..=MAX_SOURCE_DATE_EPOCH).contains(&s) => Ok(Some(s)),
        _ => Err(format!(
            "SOURCE_DATE_EPOCH={v}: not a number of seconds between 0 and {MAX_SOURCE_DATE_EPOCH} (year 9999)"
        )),
    }
}

/// The time stamped into a book when neither SOURCE_DATE_EPOCH nor a document
/// date is known: the DOS epoch, the earliest time a zip entry can carry, so an
/// EPUB's OPF and archive agree, PDF/A (which requires a date) validates, and
/// rebuilds stay byte-identical. Never the clock: the same input and options
/// must give the same bytes.
pub const FALLBACK_EPOCH: i64 = 315_532_800; // 1980-01-01T00:00:00Z

/// The time stamped into a book (EPUB `dcterms:modified`, PDF `CreationDate`):
/// SOURCE_DATE_EPOCH if given, else the start of the document's own date
/// (`--date 2023-03` → 2023-03-01T00:00:00Z), else [`FALLBACK_EPOCH`]. Never the clock.
pub fn stamp(source_date_epoch: Option<i64>, metadata: &Metadata) -> Timestamp {
    if let Some(secs) = source_date_epoch {
        return Timestamp::from_unix(secs);
    }
    if let Some((year, month, day)) = metadata.date.as_deref().and_then(parse_date) {
        return Timestamp { year, month: month.unwrap_or(1), day: day.unwrap_or(1), hour: 0, minute: 0, second: 0 };
    }
    Timestamp::from_unix(FALLBACK_EPOCH)
}

/// A date as people write it (`2023`, `2023-03`, `2023-03-31`, `2023/3/31`,
/// `2023.03.31`, `2023-03-31T10:00:00Z`) to year, month, day.
pub fn parse_date(s: &str) -> Option<(i32, Option<u8>, Option<u8>)> {
    let date_part = s.trim().split(['T', ' ']).next()?;
    let mut parts = date_part.split(['-', '/', '.']);
    let year_str = parts.next()?;
    if year_str.len() != 4 || !year_str.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year_str.parse().ok()?;
    let mut number = |max: u8| -> Result<Option<u8>, ()> {
        match parts.next() {
            None => Ok(None),
            Some(p) if (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()) => {
                let n: u8 = p.parse().map_err(|_| ())?;
                if (1..=max).contains(&n) {
                    Ok(Some(n))
                } else {
                    Err(())
                }
            }
            Some(_) => Err(()),
        }
    };
    let month = number(12).ok()?;
    let day = if month.is_some() { number(31).ok()? } else { None };
    Some((year, month, day))
}

/// A UTC date and time, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Timestamp {
    /// Seconds since the Unix epoch to a UTC civil time (proleptic Gregorian).
    pub fn from_unix(secs: i64) -> Timestamp {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Timestamp {
            year,
            month,
            day,
            hour: (rem / 3600) as u8,
            minute: (rem % 3600 / 60) as u8,
            second: (rem % 60) as u8,
        }
    }

    /// `CCYY-MM-DDThh:mm:ssZ`, the only form EPUB allows for `dcterms:modified`.
    pub fn to_w3c(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}
