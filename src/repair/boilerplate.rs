//! Project Gutenberg's header and licence, which are not the book.
//!
//! Takes lines; returns the line ranges to remove. Only the standard markers
//! count (`*** START OF THE PROJECT GUTENBERG EBOOK … ***`, `*** END OF …`), so
//! a novel that mentions Project Gutenberg keeps its words.

use super::Line;
use std::ops::Range;

fn is_start_marker(t: &str) -> bool {
    let u = t.trim().to_ascii_uppercase();
    u.starts_with("***") && u.contains("START OF") && u.contains("PROJECT GUTENBERG")
}

fn is_end_marker(t: &str) -> bool {
    let u = t.trim().to_ascii_uppercase();
    (u.starts_with("***") && u.contains("END OF") && u.contains("PROJECT GUTENBERG"))
        || u.starts_with("END OF THE PROJECT GUTENBERG EBOOK")
        || u.starts_with("END OF PROJECT GUTENBERG'S")
}

/// Header (up to and including the START marker) and licence (from the END marker on).
pub fn gutenberg_boilerplate(lines: &[Line]) -> Vec<Range<usize>> {
    let start = lines.iter().position(|l| is_start_marker(&l.text));
    let end = lines.iter().rposition(|l| is_end_marker(&l.text));
    let mut ranges = Vec::new();
    match (start, end) {
        (Some(s), Some(e)) if s < e => {
            ranges.push(0..s + 1);
            ranges.push(e..lines.len());
        }
        (Some(s), None) => ranges.push(0..s + 1),
        (None, Some(e)) => ranges.push(e..lines.len()),
        _ => {}
    }
    ranges
}

/// The catalogue fields of a Project Gutenberg header (`Title: Walden`,
/// `Author: Henry David Thoreau`, `Language: English`), from the lines
/// before the START marker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalogue {
    pub title: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
}

pub fn gutenberg_catalogue(lines: &[Line]) -> Catalogue {
    let mut c = Catalogue::default();
    let Some(start) = lines.iter().position(|l| is_start_marker(&l.text)) else { return c };
    for l in &lines[..start] {
        let Some((field, value)) = l.text.trim().split_once(':') else { continue };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let slot = match field.trim().to_ascii_lowercase().as_str() {
            "title" => &mut c.title,
            "author" => &mut c.author,
            "language" => &mut c.language,
            _ => continue,
        };
        slot.get_or_insert_with(|| value.to_string());
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::split_lines;

    #[test]
    fn strips_header_and_licence_only() {
        let text = "The Project Gutenberg eBook of Walden\n\n*** START OF THE PROJECT GUTENBERG EBOOK WALDEN ***\n\nWALDEN\n\nI went to the woods.\n\n*** END OF THE PROJECT GUTENBERG EBOOK WALDEN ***\n\nLicence text.\n";
        let lines = split_lines(text);
        let r = gutenberg_boilerplate(&lines);
        assert_eq!(r, vec![0..3, 8..lines.len()]);
        let c = gutenberg_catalogue(&split_lines("Title: Walden\nAuthor: Henry David Thoreau\nLanguage: English\n*** START OF THE PROJECT GUTENBERG EBOOK WALDEN ***\nAuthor: not this\n"));
        assert_eq!((c.title.as_deref(), c.author.as_deref(), c.language.as_deref()), (Some("Walden"), Some("Henry David Thoreau"), Some("English")));
        let plain = split_lines("He had read about Project Gutenberg once.\n");
        assert!(gutenberg_boilerplate(&plain).is_empty());
    }
}
