//! Package metadata: the model's [`Metadata`] in the forms the OPF, NCX and
//! title page want (identifier URN, W3C dates, MARC roles, series position).
//!
//! Pure functions of the document and the timestamp; never reads the clock.

use crate::model::{Document, Metadata};
use serde::Serialize;

/// The moment stamped into the book, shared with the PDF: see [`crate::render::stamp`].
pub use crate::render::{parse_date, stamp as modified, Timestamp};

/// `dc:date` in W3CDTF (`2023`, `2023-03`, `2023-03-31T00:00:00Z`); `None`
/// when the model's date is not a date (EPUBCheck warns on anything else).
/// A full date carries midnight UTC: Calibre reads a bare `2023-03-31` as
/// local noon and shows the next day.
pub fn w3c_date(s: &str) -> Option<String> {
    let (y, m, d) = parse_date(s)?;
    Some(match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}T00:00:00Z"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    })
}

/// The package's unique identifier as a URN: a given UUID or ISBN normalised,
/// another given identifier as is, else a UUID v5 of the content, so the same
/// book rebuilt keeps its identity in readers' libraries.
pub fn identifier(doc: &Document) -> String {
    match doc.metadata.identifier.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(given) => {
            let bare = given.strip_prefix("urn:uuid:").unwrap_or(given);
            if let Ok(uuid) = uuid::Uuid::parse_str(bare) {
                return uuid.urn().to_string();
            }
            if let Some(isbn) = crate::scan::isbn::isbn(given) {
                return format!("urn:isbn:{isbn}");
            }
            given.to_string()
        }
        None => content_uuid(doc).urn().to_string(),
    }
}

/// UUID v5 of the document's metadata and text.
pub fn content_uuid(doc: &Document) -> uuid::Uuid {
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"https://bindery.invalid/epub");
    // The model serialises deterministically (Vecs, BTreeMaps); on the
    // impossible failure fall back to the title, still stable.
    let bytes = serde_json::to_vec(doc).unwrap_or_else(|_| doc.metadata.title.clone().into_bytes());
    uuid::Uuid::new_v5(&namespace, &bytes)
}

/// A language tag fit for `xml:lang` and `dc:language`; the model's own,
/// with `und` (undetermined) only when it is empty or malformed.
pub fn language(tag: &str) -> String {
    let tag = tag.trim().replace('_', "-");
    let well_formed = !tag.is_empty()
        && tag.split('-').all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && tag.split('-').next().is_some_and(|p| p.chars().all(|c| c.is_ascii_alphabetic()));
    if well_formed {
        tag
    } else {
        "und".to_string()
    }
}

/// A `dc:creator` (primary responsibility: authors) or `dc:contributor`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CreatorEntry {
    pub element: &'static str,
    pub id: String,
    pub name: String,
    /// MARC relator code, or empty when the model's role is not one.
    pub role: String,
}

pub fn creators(metadata: &Metadata) -> Vec<CreatorEntry> {
    metadata
        .authors
        .iter()
        .filter(|c| !c.name.trim().is_empty())
        .enumerate()
        .map(|(i, c)| {
            let role = c.role.trim().to_ascii_lowercase();
            let role =
                if role.len() == 3 && role.chars().all(|ch| ch.is_ascii_lowercase()) { role } else { String::new() };
            let primary = role.is_empty() || role == "aut";
            CreatorEntry {
                element: if primary { "creator" } else { "contributor" },
                id: format!("creator-{}", i + 1),
                name: c.name.trim().to_string(),
                role: if role.is_empty() { "aut".to_string() } else { role },
            }
        })
        .collect()
}

/// A series position as EPUB and Calibre write it: `3`, `2.5`; none for NaN/∞.
pub fn series_index(index: Option<f64>) -> Option<String> {
    let i = index.filter(|i| i.is_finite())?;
    Some(if i.fract() == 0.0 && i.abs() < 1e15 { format!("{}", i as i64) } else { format!("{i}") })
}

/// Words the package shows to readers, in the book's language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub contents: &'static str,
    pub landmarks: &'static str,
    pub cover: &'static str,
    pub title_page: &'static str,
    pub start: &'static str,
}

pub fn labels(language: &str) -> Labels {
    let lower = language.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or("");
    let traditional =
        lower.contains("hant") || lower.ends_with("-tw") || lower.ends_with("-hk") || lower.ends_with("-mo");
    match primary {
        "zh" if traditional => {
            Labels {
                contents: "目錄", landmarks: "導覽", cover: "封面", title_page: "書名頁", start: "正文"
            }
        }
        "zh" | "cmn" | "yue" | "wuu" | "lzh" => {
            Labels {
                contents: "目录", landmarks: "导览", cover: "封面", title_page: "书名页", start: "正文"
            }
        }
        "ja" => {
            Labels { contents: "目次", landmarks: "ガイド", cover: "表紙", title_page: "扉", start: "本文" }
        }
        "ko" => Labels {
            contents: "차례", landmarks: "안내", cover: "표지", title_page: "속표지", start: "본문"
        },
        _ => Labels {
            contents: "Contents",
            landmarks: "Guide",
            cover: "Cover",
            title_page: "Title Page",
            start: "Start",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Creator};

    #[test]
    fn unix_time_to_civil() {
        assert_eq!(Timestamp::from_unix(0).to_w3c(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_unix(crate::render::FALLBACK_EPOCH).to_w3c(), "1980-01-01T00:00:00Z");
        assert_eq!(Timestamp::from_unix(1_709_210_096).to_w3c(), "2024-02-29T12:34:56Z");
    }

    #[test]
    fn modified_prefers_epoch_then_document_date_never_now() {
        let mut m = Metadata::default();
        assert_eq!(modified(None, &m).to_w3c(), "1980-01-01T00:00:00Z");
        m.date = Some("2023-03".into());
        assert_eq!(modified(None, &m).to_w3c(), "2023-03-01T00:00:00Z");
        assert_eq!(modified(Some(86_400), &m).to_w3c(), "1970-01-02T00:00:00Z");
    }

    #[test]
    fn dates_in_common_spellings() {
        assert_eq!(w3c_date("2023/3/31").as_deref(), Some("2023-03-31T00:00:00Z"));
        assert_eq!(w3c_date("2023.03").as_deref(), Some("2023-03"));
        assert_eq!(w3c_date("2023-03-31T10:00:00Z").as_deref(), Some("2023-03-31T00:00:00Z"));
        assert_eq!(w3c_date("1999").as_deref(), Some("1999"));
        assert_eq!(w3c_date("2023-13"), None);
        assert_eq!(w3c_date("三月"), None);
        assert_eq!(w3c_date("March 2023"), None);
    }

    #[test]
    fn identifiers() {
        let mut doc = Document::default();
        doc.metadata.identifier = Some("ISBN 978-0-306-40615-7".into());
        assert_eq!(identifier(&doc), "urn:isbn:9780306406157");
        doc.metadata.identifier = Some("urn:uuid:6BA7B810-9DAD-11D1-80B4-00C04FD430C8".into());
        assert_eq!(identifier(&doc), "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        doc.metadata.identifier = Some("0-306-40615-2".into());
        assert_eq!(identifier(&doc), "urn:isbn:0306406152");
        doc.metadata.identifier = Some("978-0-00-000000-1".into()); // bad checksum: kept as given
        assert_eq!(identifier(&doc), "978-0-00-000000-1");
    }

    #[test]
    fn derived_identifier_is_stable_and_content_dependent() {
        let mut doc = Document::default();
        doc.metadata.title = "书".into();
        doc.blocks.push(Block::paragraph("一"));
        let a = identifier(&doc);
        assert!(a.starts_with("urn:uuid:"));
        assert_eq!(a, identifier(&doc.clone()));
        doc.blocks.push(Block::paragraph("二"));
        assert_ne!(a, identifier(&doc));
    }

    #[test]
    fn language_tags() {
        assert_eq!(language("zh-Hans"), "zh-Hans");
        assert_eq!(language("zh_CN"), "zh-CN");
        assert_eq!(language(""), "und");
        assert_eq!(language("中文"), "und");
    }

    #[test]
    fn creators_with_roles() {
        let m = Metadata {
            authors: vec![
                Creator::author("刘慈欣"),
                Creator { name: "Ken Liu".into(), role: "trl".into() },
                Creator { name: " ".into(), role: "aut".into() },
                Creator { name: "X".into(), role: "Author".into() },
            ],
            ..Default::default()
        };
        let c = creators(&m);
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].element, c[0].role.as_str()), ("creator", "aut"));
        assert_eq!((c[1].element, c[1].role.as_str()), ("contributor", "trl"));
        assert_eq!((c[2].element, c[2].role.as_str()), ("creator", "aut"));
    }

    #[test]
    fn series_positions() {
        assert_eq!(series_index(Some(3.0)).as_deref(), Some("3"));
        assert_eq!(series_index(Some(2.5)).as_deref(), Some("2.5"));
        assert_eq!(series_index(Some(f64::NAN)), None);
        assert_eq!(series_index(None), None);
    }

    #[test]
    fn labels_follow_the_language() {
        assert_eq!(labels("zh-Hans").contents, "目录");
        assert_eq!(labels("zh-TW").contents, "目錄");
        assert_eq!(labels("ja").contents, "目次");
        assert_eq!(labels("en-GB").contents, "Contents");
    }
}
