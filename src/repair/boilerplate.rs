//! Project Gutenberg's header and licence, which are not the book.
//!
//! Takes lines; returns the line ranges to remove. Only the standard markers
//! count (`*** START OF THE PROJECT GUTENBERG EBOOK … ***`, `*** END OF …`), so
//! a novel that mentions Project Gutenberg keeps its words.

use super::Line;
use crate::limits::MAX_AD_CHARS;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

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

/// Header (up to and including the START marker) and licence (from the
/// first END marker after it on: older files close the book with a plain
/// `End of the Project Gutenberg EBook of …` line above the starred marker).
pub fn gutenberg_boilerplate(lines: &[Line]) -> Vec<Range<usize>> {
    let start = lines.iter().position(|l| is_start_marker(&l.text));
    let after = start.map_or(0, |s| s + 1);
    let end = lines[after.min(lines.len())..].iter().position(|l| is_end_marker(&l.text)).map(|e| e + after);
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

/// Lines a download site inserts into a web novel: the `（本章完）` it puts
/// after each chapter, and its adverts — a short line that gives a web
/// address and speaks of the site (`最新章节请到 www.example.com 阅读`,
/// `天才一秒记住本站地址：example.cc`). A line of the story that mentions a
/// web address keeps it: the advert needs both the address and the talk.
pub fn site_junk(lines: &[Line]) -> Vec<usize> {
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[^a-z0-9.-])(?:[a-z0-9][a-z0-9-]{0,40}\.){1,3}(?:com|net|org|cc|cn|info|la|co|me|tw|io|xyz|top|vip)(?:$|[^a-z0-9])").unwrap()
    });
    const SITE_WORDS: [&str; 16] = [
        "最新章节",
        "章节",
        "记住",
        "本站",
        "网址",
        "无弹窗",
        "免费阅读",
        "手机版",
        "首发",
        "更新最快",
        "书友",
        "上传",
        "仅供",
        "正版",
        "小说网",
        "下载",
    ];
    const END_MARKS: [&str; 4] = ["（本章完）", "(本章完)", "本章完", "（本章完)"];
    lines
        .iter()
        .filter(|l| {
            let t = l.text.trim();
            if END_MARKS.contains(&t) {
                return true;
            }
            if t.chars().count() > MAX_AD_CHARS || !SITE_WORDS.iter().any(|w| t.contains(w)) {
                return false;
            }
            let folded: String = t.chars().map(crate::text::fold_width).collect();
            ADDRESS.is_match(&folded)
        })
        .map(|l| l.index)
        .collect()
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
        assert_eq!(
            (c.title.as_deref(), c.author.as_deref(), c.language.as_deref()),
            (Some("Walden"), Some("Henry David Thoreau"), Some("English"))
        );
        let junk = split_lines("　　他走了。\n（本章完）\n最新章节请到 ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ 阅读\n天才一秒记住本站地址：example.cc\n　　他在 example.com 上写过一篇文章。\n最新章节请到www.example.com阅读\n");
        assert_eq!(site_junk(&junk), vec![1, 2, 3, 5]);
        // An older file: a plain closing line above the starred END marker.
        for body in ["The ferry left at noon.", "Die Fähre fuhr um zwölf ab."] {
            let text = format!("*** START OF THIS PROJECT GUTENBERG EBOOK THE FERRY ***\n\n{body}\n\n\nEnd of the Project Gutenberg EBook of The Ferry, by Ann Rook\n\n*** END OF THIS PROJECT GUTENBERG EBOOK THE FERRY ***\n\nLicence text.\n");
            let lines = split_lines(&text);
            assert_eq!(gutenberg_boilerplate(&lines), vec![0..1, 5..lines.len()]);
        }
        let plain = split_lines("He had read about Project Gutenberg once.\n");
        assert!(gutenberg_boilerplate(&plain).is_empty());
    }
}
