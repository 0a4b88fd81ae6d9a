//! Book numbers and copyright lines: the facts a copyright page gives.

use regex::Regex;
use std::sync::LazyLock;

/// The digits of an ISBN-10/13 written with or without hyphens and an `ISBN`
/// prefix (`ISBN 978-0-306-40615-7` → `9787536692930`), checksum verified.
pub fn isbn(s: &str) -> Option<String> {
    let lower = s.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("urn:isbn:").or_else(|| lower.strip_prefix("isbn")).unwrap_or(&lower);
    let rest = rest.trim_start_matches([':', ' ']);
    if !rest.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | 'x')) {
        return None;
    }
    let digits: String = rest.chars().filter(|c| c.is_ascii_digit() || *c == 'x').collect();
    let value = |c: char| if c == 'x' { 10 } else { c.to_digit(10).unwrap_or(0) };
    let ok = match digits.len() {
        10 => {
            let sum: u32 = digits.chars().enumerate().map(|(i, c)| (10 - i as u32) * value(c)).sum();
            !digits[..9].contains('x') && sum.is_multiple_of(11)
        }
        13 => {
            let sum: u32 = digits.chars().enumerate().map(|(i, c)| if i % 2 == 0 { 1 } else { 3 } * value(c)).sum();
            !digits.contains('x') && sum.is_multiple_of(10)
        }
        _ => false,
    };
    ok.then(|| digits.to_ascii_uppercase())
}

/// `Copyright © 2019 Ann Lee`, `© 2021`, `(c) 2008 …`, `ISBN 978-…`,
/// `All rights reserved.`, `版权所有`, `版權所有`, `著作権`: a line of a
/// copyright page, which is no title, subtitle, author or publisher.
pub fn is_copyright_line(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    lower.starts_with("copyright")
        || t.starts_with('©')
        || lower.starts_with("(c) ")
        || lower.starts_with("isbn")
        || lower.starts_with("all rights reserved")
        || ["版权所有", "版權所有", "著作権", "著作權"].iter().any(|w| t.contains(w))
}

/// The ISBN a line prints (`ISBN 978-0-306-40615-7`, `ISBN：978-7-5366-9293-0`,
/// `ISBN-13: …`), checksum verified, as digits.
pub fn isbn_in(line: &str) -> Option<String> {
    static ISBN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bISBN(?:-1[03])?\s*[:：]?\s*([0-9][0-9\- ]{8,15}[0-9Xx])").unwrap());
    ISBN.captures_iter(line).find_map(|c| isbn(&c[1]))
}

/// The year a copyright line gives (`Copyright © 2019 …`, `© 2021 …`).
pub fn copyright_year(line: &str) -> Option<String> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(?:copyright\s*)?(?:©|\(c\))?\s*((?:1[5-9]|20)\d\d)\b").unwrap());
    YEAR.captures(line.trim()).map(|c| c[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbns_found_and_checked() {
        assert_eq!(isbn_in("ISBN 978-0-306-40615-7").as_deref(), Some("9780306406157"));
        assert_eq!(isbn_in("书号：ISBN：978-7-5366-9293-0 定价").as_deref(), Some("9787536692930"));
        assert_eq!(isbn_in("ISBN 978-0-306-40615-8"), None, "a wrong check digit");
        assert_eq!(isbn("0-306-40615-2").as_deref(), Some("0306406152"));
    }

    #[test]
    fn copyright_lines_and_years() {
        for line in ["Copyright © 2019 Ann Lee", "© 2021 青岚出版社", "All rights reserved.", "版权所有 翻印必究"]
        {
            assert!(is_copyright_line(line), "{line}");
        }
        for line in ["A Novel", "青岚出版社", "The Copyright Wars"] {
            assert!(!is_copyright_line(line), "{line}");
        }
        assert_eq!(copyright_year("Copyright © 2019 Ann Lee").as_deref(), Some("2019"));
        assert_eq!(copyright_year("© 2021 青岚出版社").as_deref(), Some("2021"));
        assert_eq!(copyright_year("Copyright held by the estate"), None);
    }
}
