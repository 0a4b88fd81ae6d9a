//! Tagged PDF: the structure tree's headings as evidence.
//!
//! Takes the catalogue's `StructTreeRoot`; returns, per page, the
//! marked-content ids (MCIDs) that stand inside a heading element (`H1`…`H6`,
//! `H`, or a custom type its `RoleMap` maps to one) with the heading's level.
//! The glyph collector tags each glyph with its MCID, so a line knows whether
//! the file itself calls it a heading. Paragraphs, spans and the rest of the
//! tree are not read: the page's geometry tells those apart well enough.

use hayro_interpret::hayro_syntax::object::{Dict, Name, Object, ObjectIdentifier};
use hayro_interpret::hayro_syntax::Pdf;
use std::collections::HashMap;

/// Structure elements past this many are not read (a cycle in a damaged file ends here too).
const MAX_ELEMENTS: usize = 200_000;
/// Nesting past this depth is not read.
const MAX_DEPTH: usize = 64;
/// Role-map chains longer than this are a loop.
const MAX_ROLE_HOPS: usize = 8;

/// A heading element of the structure tree: its level and which element it
/// is (a label and its title on two lines, `ONE` over `A Letter…`, are one element).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeadingTag {
    pub level: u8,
    pub element: u32,
}

/// The heading each marked-content id stands in, by page object and MCID.
pub type HeadingMarks = HashMap<ObjectIdentifier, HashMap<i32, HeadingTag>>;

/// The heading MCIDs of a tagged PDF (empty when it has no structure tree).
pub fn heading_marks(pdf: &Pdf) -> HeadingMarks {
    let mut out = HeadingMarks::new();
    let Some(root) =
        pdf.xref().get::<Dict<'_>>(pdf.xref().root_id()).and_then(|c| c.get::<Dict<'_>>(b"StructTreeRoot"))
    else {
        return out;
    };
    let role_map = root.get::<Dict<'_>>(b"RoleMap");
    let mut walk = Walk { role_map, budget: MAX_ELEMENTS, headings: 0, out: &mut out };
    if let Some(k) = root.get::<Object<'_>>(b"K") {
        walk.kids(k, None, None, 0);
    }
    out
}

struct Walk<'a, 'o> {
    role_map: Option<Dict<'a>>,
    budget: usize,
    headings: u32,
    out: &'o mut HeadingMarks,
}

impl<'a> Walk<'a, '_> {
    /// A `/K` entry: an MCID, a marked-content reference, an element, or an array of these.
    fn kids(&mut self, k: Object<'a>, page: Option<ObjectIdentifier>, level: Option<HeadingTag>, depth: usize) {
        if depth > MAX_DEPTH || self.budget == 0 {
            return;
        }
        self.budget -= 1;
        match k {
            Object::Number(n) => {
                if let (Some(page), Some(level)) = (page, level) {
                    self.out.entry(page).or_default().insert(n.as_i64() as i32, level);
                }
            }
            Object::Array(a) => {
                for kid in a.iter::<Object<'_>>() {
                    self.kids(kid, page, level, depth + 1);
                }
            }
            Object::Dict(d) => self.element(d, page, level, depth),
            _ => {}
        }
    }

    fn element(&mut self, d: Dict<'a>, page: Option<ObjectIdentifier>, level: Option<HeadingTag>, depth: usize) {
        let page = d.get_ref(b"Pg").map(ObjectIdentifier::from).or(page);
        if let Some(mcid) = d.get::<i32>(b"MCID") {
            // A marked-content reference (`/Type /MCR`).
            if let (Some(page), Some(level)) = (page, level) {
                self.out.entry(page).or_default().insert(mcid, level);
            }
            return;
        }
        let own = d.get::<Name<'_>>(b"S").and_then(|s| self.heading_level(&s)).map(|level| {
            self.headings += 1;
            HeadingTag { level, element: self.headings }
        });
        let level = own.or(level);
        if let Some(k) = d.get::<Object<'_>>(b"K") {
            self.kids(k, page, level, depth + 1);
        }
    }

    /// `H1`…`H6` (and `H`, a heading of no stated level, as 1), through the role map.
    fn heading_level(&self, name: &[u8]) -> Option<u8> {
        let mut name = name.to_vec();
        for _ in 0..MAX_ROLE_HOPS {
            if let Some(level) = standard_heading(&name) {
                return Some(level);
            }
            let mapped = self.role_map.as_ref()?.get::<Name<'_>>(&name)?;
            if *mapped == *name {
                return None;
            }
            name = mapped.to_vec();
        }
        None
    }
}

/// The level of a standard heading type: `H1` → 1 … `H6` → 6, `H` → 1.
fn standard_heading(name: &[u8]) -> Option<u8> {
    match name {
        b"H" => Some(1),
        [b'H', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_heading_types() {
        assert_eq!(standard_heading(b"H1"), Some(1));
        assert_eq!(standard_heading(b"H6"), Some(6));
        assert_eq!(standard_heading(b"H"), Some(1));
        assert_eq!(standard_heading(b"H7"), None);
        assert_eq!(standard_heading(b"P"), None);
        assert_eq!(standard_heading(b"Heading_20_1"), None);
    }
}
