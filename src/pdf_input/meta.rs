//! What the PDF says about itself: the Info dictionary and XMP (title,
//! author, language), the catalogue's `/Lang`, and the outline (bookmarks).

use hayro_interpret::hayro_syntax::object::dict::keys::{FIRST, LANG, METADATA, NEXT, OUTLINES, TITLE};
use hayro_interpret::hayro_syntax::object::{Dict, Stream, String as PdfString};
use hayro_interpret::hayro_syntax::Pdf;

/// Bookmarks past this many are not read (a cycle in a damaged file ends here too).
const MAX_OUTLINE_ENTRIES: usize = 10_000;
/// Outline depth past which entries are not read.
const MAX_OUTLINE_DEPTH: u8 = 8;

/// One bookmark: its title and depth (0 = top level).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub depth: u8,
}

/// Title, author and language as the file declares them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Declared {
    pub title: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
}

/// A PDF text string: UTF-16BE or UTF-8 with a byte order mark, else
/// PDFDocEncoding (read as Latin-1, which it equals for letters and digits).
pub fn text_string(bytes: &[u8]) -> String {
    let s = if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    };
    s.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string()
}

fn some(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

fn catalog(pdf: &Pdf) -> Option<Dict<'_>> {
    pdf.xref().get::<Dict<'_>>(pdf.xref().root_id())
}

/// The Info dictionary's title and author, over XMP's; the catalogue's `/Lang` over XMP's `dc:language`.
pub fn declared(pdf: &Pdf) -> Declared {
    let info = pdf.metadata();
    let xmp = catalog(pdf)
        .and_then(|c| c.get::<Stream<'_>>(METADATA))
        .and_then(|s| s.decoded().ok().map(|d| String::from_utf8_lossy(&d).into_owned()))
        .unwrap_or_default();
    let lang = catalog(pdf).and_then(|c| c.get::<PdfString<'_>>(LANG)).map(|s| text_string(s.as_bytes()));
    Declared {
        title: info.title.as_deref().map(text_string).and_then(some).or_else(|| xmp_field(&xmp, "dc:title")),
        author: info.author.as_deref().map(text_string).and_then(some).or_else(|| xmp_field(&xmp, "dc:creator")),
        language: lang.and_then(some).or_else(|| xmp_field(&xmp, "dc:language")),
    }
}

/// The first `rdf:li` (or the text) inside `<dc:NAME>` of an XMP packet.
fn xmp_field(xmp: &str, tag: &str) -> Option<String> {
    let open = xmp.find(&format!("<{tag}"))?;
    let rest = &xmp[open..];
    let close = rest.find(&format!("</{tag}>"))?;
    let inner = &rest[..close];
    let li = match inner.find("<rdf:li") {
        Some(at) => &inner[at..],
        None => inner,
    };
    let start = li.find('>')? + 1;
    let text = &li[start..];
    let end = text.find('<').unwrap_or(text.len());
    let value = text[..end].trim();
    (!value.is_empty()).then(|| unescape_xml(value))
}

fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The outline's entries in document order.
pub fn outline(pdf: &Pdf) -> Vec<OutlineEntry> {
    let mut out = Vec::new();
    if let Some(first) = catalog(pdf).and_then(|c| c.get::<Dict<'_>>(OUTLINES)).and_then(|o| o.get::<Dict<'_>>(FIRST)) {
        walk(first, 0, &mut out);
    }
    out
}

fn walk(first: Dict<'_>, depth: u8, out: &mut Vec<OutlineEntry>) {
    let mut item = Some(first);
    while let Some(d) = item {
        if out.len() >= MAX_OUTLINE_ENTRIES {
            return;
        }
        let title = d.get::<PdfString<'_>>(TITLE).map(|s| text_string(s.as_bytes())).unwrap_or_default();
        out.push(OutlineEntry { title, depth });
        if depth < MAX_OUTLINE_DEPTH {
            if let Some(child) = d.get::<Dict<'_>>(FIRST) {
                walk(child, depth + 1, out);
            }
        }
        item = d.get::<Dict<'_>>(NEXT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_in_each_encoding() {
        assert_eq!(text_string(b"\xFE\xFF\x4E\x0A\x5F\x26"), "上弦");
        assert_eq!(text_string("\u{FEFF}風の街".as_bytes()), "風の街");
        assert_eq!(text_string(b"The Ferry"), "The Ferry");
    }

    #[test]
    fn xmp_fields() {
        let xmp = r#"<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language><dc:title><rdf:Alt><rdf:li xml:lang="x-default">A &amp; B</rdf:li></rdf:Alt></dc:title>"#;
        assert_eq!(xmp_field(xmp, "dc:language").as_deref(), Some("zh-CN"));
        assert_eq!(xmp_field(xmp, "dc:title").as_deref(), Some("A & B"));
        assert_eq!(xmp_field(xmp, "dc:creator"), None);
    }
}
