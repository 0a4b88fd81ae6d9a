//! Plain-text emphasis: `_word_` as e-texts (Project Gutenberg, Usenet,
//! Markdown-minded typists) mark italics.
//!
//! Only when the document uses the convention (several marked spans and no
//! underscores inside words, which would be identifiers or file names) are the
//! spans turned into emphasis; the underscores go, recorded.

use crate::limits::MIN_MARKED_SPANS;
use crate::model::Inline;
use crate::report::{Repair, Rule};
use regex::Regex;
use std::sync::LazyLock;

/// `_word_`, `_a few words._`: an underscore after a space or an opening mark,
/// text that neither starts nor ends with a space, an underscore before a space,
/// punctuation or the end.
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:^|[\s(\[“‘"'—–-])(_([^_\s](?:[^_]*?[^_\s])?)_)(?:$|[\s.,;:!?)\]”’"'—–-])"#).unwrap()
});

/// An underscore between two letters or digits: `snake_case`, `file_name.txt`.
static INSIDE_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]_[\p{L}\p{N}]").unwrap());

/// Whether the paragraphs mark emphasis with underscores.
pub fn uses_underscores<'a>(paragraphs: impl Iterator<Item = &'a str> + Clone) -> bool {
    let spans: usize = paragraphs.clone().map(|p| SPAN.captures_iter(p).count()).sum();
    let inside_word: usize = paragraphs.map(|p| INSIDE_WORD.find_iter(p).count()).sum();
    spans >= MIN_MARKED_SPANS && inside_word * 4 < spans
}

/// The paragraph's inlines with `_spans_` as emphasis (None when it has none),
/// recording each removed pair of underscores.
pub fn emphasise(text: &str, repairs: &mut Vec<Repair>) -> Option<Vec<Inline>> {
    let mut inlines = Vec::new();
    let mut last = 0;
    for c in SPAN.captures_iter(text) {
        let (Some(whole), Some(inner)) = (c.get(1), c.get(2)) else { continue };
        if whole.start() < last {
            continue;
        }
        if whole.start() > last {
            inlines.push(Inline::Text(text[last..whole.start()].to_string()));
        }
        inlines.push(Inline::Emphasis(vec![Inline::Text(inner.as_str().to_string())]));
        repairs.push(Repair::new(Rule::EmphasisMarkup, "underscore_pair", (0, 0), whole.as_str(), inner.as_str()));
        last = whole.end();
    }
    if inlines.is_empty() {
        return None;
    }
    if last < text.len() {
        inlines.push(Inline::Text(text[last..].to_string()));
    }
    Some(inlines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underscores_become_emphasis() {
        let mut repairs = Vec::new();
        let inlines = emphasise("It was _not_ the clock, said _she_.", &mut repairs).unwrap();
        assert_eq!(Inline::plain(&inlines), "It was not the clock, said she.");
        assert!(matches!(&inlines[1], Inline::Emphasis(_)));
        assert_eq!(repairs.len(), 2);
        let inlines = emphasise("—_From an old sampler._", &mut repairs).unwrap();
        assert_eq!(Inline::plain(&inlines), "—From an old sampler.");
        assert!(emphasise("no marks here", &mut repairs).is_none());
    }

    #[test]
    fn only_documents_that_use_the_convention() {
        assert!(uses_underscores(["It was _not_ so.", "He said _now_."].into_iter()));
        assert!(!uses_underscores(["Only _one_ here."].into_iter()));
        assert!(!uses_underscores(["Edit _config_ then run_all and my_file and set_up.", "See _readme_."].into_iter()));
    }
}
