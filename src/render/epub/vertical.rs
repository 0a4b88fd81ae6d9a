//! Vertical writing (縦書き) for the EPUB: the stylesheet additions and the
//! tate-chu-yoko spans for one- and two-digit numbers.
//!
//! Takes rendered body XHTML; returns it with every standalone number of one or
//! two digits wrapped in `<span class="tcy">`. Never changes a character of the
//! text, only adds markup around it.

use crate::text::tate_chu_yoko_at;

/// Stylesheet appended after the book's own when the book is vertical.
pub const STYLESHEET: &str = include_str!("../../../templates/epub/vertical.css");

/// Wrap each standalone number of one or two digits ([`tate_chu_yoko_at`]) in
/// the text of `xhtml` (never inside a tag or an entity) in `<span class="tcy">`.
///
/// `第12章` → `第<span class="tcy">12</span>章`; `2024年`, `3.14` and `A12` are
/// left alone (a longer number, a decimal, part of a word).
pub fn wrap_upright_numbers(xhtml: &str) -> String {
    let mut out = String::with_capacity(xhtml.len() + xhtml.len() / 16);
    let mut rest = xhtml;
    while let Some(tag) = rest.find('<') {
        wrap_in_text(&rest[..tag], &mut out);
        let end = rest[tag..].find('>').map_or(rest.len(), |e| tag + e + 1);
        out.push_str(&rest[tag..end]);
        rest = &rest[end..];
    }
    wrap_in_text(rest, &mut out);
    out
}

/// The text between two tags, short numbers wrapped (an entity like `&#38;` is copied whole).
fn wrap_in_text(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'&' => i += text[i..].find(';').map_or(1, |e| e + 1),
            b'0'..=b'9' => match tate_chu_yoko_at(text, i) {
                Some(run) => {
                    out.push_str(&text[copied..run.start]);
                    out.push_str("<span class=\"tcy\">");
                    out.push_str(&text[run.clone()]);
                    out.push_str("</span>");
                    (i, copied) = (run.end, run.end);
                }
                _ => i += bytes[i..].iter().position(|b| !b.is_ascii_digit()).unwrap_or(bytes.len() - i),
            },
            _ => i += 1,
        }
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_digit_numbers_are_wrapped_in_chinese_and_japanese_text() {
        assert_eq!(wrap_upright_numbers("<p>第12章</p>"), "<p>第<span class=\"tcy\">12</span>章</p>");
        assert_eq!(
            wrap_upright_numbers("<p>午後3時、10人が来た。</p>"),
            "<p>午後<span class=\"tcy\">3</span>時、<span class=\"tcy\">10</span>人が来た。</p>"
        );
    }

    #[test]
    fn longer_numbers_decimals_words_tags_and_entities_are_left_alone() {
        for same in [
            "<p>2024年に</p>",
            "<p>3.14と2,50</p>",
            "<p>A12 and 12b</p>",
            "<h1 id=\"h-12\">x</h1>",
            "<p>&#38;&#12;</p>",
            "<a href=\"section-12.xhtml\">y</a>",
        ] {
            assert_eq!(wrap_upright_numbers(same), same);
        }
    }

    #[test]
    fn the_text_is_unchanged_once_the_markup_is_removed() {
        let input = "<p>12 34 567 8 90年、x99</p>";
        let out = wrap_upright_numbers(input);
        assert_eq!(out.replace("<span class=\"tcy\">", "").replace("</span>", ""), input);
        assert_eq!(out.matches("tcy").count(), 4);
    }
}
