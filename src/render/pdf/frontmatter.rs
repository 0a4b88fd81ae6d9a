//! Front matter: the title page and the printed table of contents.
//!
//! Takes the metadata and the headings; returns frames. The TOC is laid out
//! with the page-number column reserved at a fixed width, so its length (and
//! with it every later page's number) is known before the body's page numbers
//! are: the writer only fills in the numbers, leaders and links afterwards.

use super::fonts::FaceId;
use super::layout::{Flow, Frame, HeadingInfo, Mark, NodeId, ParStyle, Role, Typesetter};
use super::linebreak::Align;
use super::shape::FaceSpan;
use crate::model::Metadata;

/// Width of the folio column of the TOC, in ems: four digits and a gap.
pub const TOC_NUMBER_EMS: f32 = 3.0;
/// Least room left for leader dots between an entry and its folio, in ems.
const TOC_LEADER_MIN_EMS: f32 = 2.0;
/// Each heading level below the first indents its TOC entry by this many ems.
const TOC_LEVEL_INDENT_EMS: f32 = 1.5;
/// Deepest level indented; deeper entries line up with it.
const TOC_MAX_INDENT_LEVEL: u8 = 4;

/// Where a TOC entry's leader begins: its last line's baseline and the end of its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TocTail {
    pub baseline: f32,
    pub end_x: f32,
    /// The entry's link node: its folio and link annotation are tagged there too.
    pub link: Option<NodeId>,
}

/// The laid-out TOC: a flow of entry frames and, per heading, where its leader starts.
pub struct Toc {
    pub flow: Vec<Flow>,
    pub tails: Vec<TocTail>,
}

/// The title of the TOC in the book's language.
pub fn toc_title(language: &str) -> &'static str {
    let primary = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "zh" if language.to_ascii_lowercase().contains("hant") => "目錄",
        "zh" | "yue" | "wuu" | "cmn" | "lzh" => "目录",
        "ja" => "目次",
        "ko" => "목차",
        _ => "Contents",
    }
}

/// Frames of the title page with their top y in the text block.
pub fn title_page(ts: &mut Typesetter, meta: &Metadata, text_height: f32) -> Vec<(f32, Frame)> {
    let t = ts.typo;
    let mut out = Vec::new();
    let mut y = text_height * 0.22;
    let mut put = |ts: &mut Typesetter, role: Role, text: &str, face: FaceId, size: f32, y: &mut f32| {
        if text.trim().is_empty() {
            return;
        }
        let leading = size * 1.5;
        let spans = vec![FaceSpan { range: 0..text.len(), face }];
        let style =
            ParStyle { size, leading, x: 0.0, width: t.measure, indent: 0.0, align: Align::Ragged, center: true };
        for line in ts.within(role, |ts| ts.set_display(text.to_string(), &spans, style, true)) {
            out.push((
                *y,
                Frame {
                    height: leading,
                    runs: line.runs,
                    rules: Vec::new(),
                    images: Vec::new(),
                    break_after: false,
                    mark: Mark::None,
                },
            ));
            *y += leading;
        }
    };
    put(ts, Role::Title, &meta.title, FaceId::Bold, t.size * 2.2, &mut y);
    if let Some(sub) = &meta.subtitle {
        y += t.leading * 0.5;
        put(ts, Role::Paragraph, sub, FaceId::Regular, t.size * 1.3, &mut y);
    }
    let sep = if t.cjk { "　" } else { ", " };
    let authors = meta.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(sep);
    y = y.max(text_height * 0.5);
    put(ts, Role::Paragraph, &authors, FaceId::Regular, t.size * 1.2, &mut y);
    let foot: Vec<&str> = [meta.publisher.as_deref(), meta.date.as_deref()].into_iter().flatten().collect();
    let mut fy = text_height - t.leading * (foot.len() as f32 + 0.5);
    for line in foot {
        put(ts, Role::Paragraph, line, FaceId::Regular, t.size, &mut fy);
    }
    out
}

/// Lay out the TOC for `headings`: a title, then one frame per entry.
pub fn toc(ts: &mut Typesetter, headings: &[HeadingInfo], language: &str) -> Toc {
    ts.within(Role::Toc, |ts| toc_entries(ts, headings, language))
}

fn toc_entries(ts: &mut Typesetter, headings: &[HeadingInfo], language: &str) -> Toc {
    let t = ts.typo;
    let mut flow = Vec::new();
    let title = toc_title(language);
    let size = t.heading_size(1);
    flow.push(Flow::PageBreak { section: None });
    flow.push(Flow::Space(t.leading * 3.0));
    let spans = vec![FaceSpan { range: 0..title.len(), face: FaceId::Bold }];
    let style = ParStyle {
        size,
        leading: size * 1.45,
        x: 0.0,
        width: t.measure,
        indent: 0.0,
        align: Align::Ragged,
        center: true,
    };
    for line in ts.within(Role::Caption, |ts| ts.set(title.to_string(), &spans, style)) {
        flow.push(Flow::Frame(Frame {
            height: size * 1.45,
            runs: line.runs,
            rules: Vec::new(),
            images: Vec::new(),
            break_after: false,
            mark: Mark::None,
        }));
    }
    flow.push(Flow::Space(t.leading * 1.5));
    let top_level = headings.iter().map(|h| h.level).min().unwrap_or(1);
    let nested = headings.iter().any(|h| h.level > top_level);
    let mut tails = Vec::with_capacity(headings.len());
    for (n, h) in headings.iter().enumerate() {
        let depth = h.level.saturating_sub(top_level).min(TOC_MAX_INDENT_LEVEL);
        let indent = depth as f32 * TOC_LEVEL_INDENT_EMS * t.size;
        let width = t.measure - indent - (TOC_NUMBER_EMS + TOC_LEADER_MIN_EMS) * t.size;
        if nested && depth == 0 && n > 0 {
            flow.push(Flow::Space(t.leading * 0.4));
        }
        let face = if nested && depth == 0 { FaceId::Bold } else { FaceId::Regular };
        let spans = vec![FaceSpan { range: 0..h.text.len(), face }];
        let style = ParStyle {
            size: t.size,
            leading: t.leading,
            x: indent,
            width,
            indent: 0.0,
            align: Align::Ragged,
            center: false,
        };
        let (lines, link) = ts.within(Role::TocItem, |ts| {
            ts.within(Role::Link, |ts| (ts.set_display(h.text.clone(), &spans, style, false), ts.node()))
        });
        let mut runs = Vec::new();
        let mut tail = TocTail { baseline: 0.0, end_x: indent, link };
        let count = lines.len().max(1);
        for (k, line) in lines.into_iter().enumerate() {
            let dy = k as f32 * t.leading;
            let baseline = line.runs.first().map(|r| r.baseline + dy).unwrap_or(dy);
            tail = TocTail { baseline, end_x: indent + line.end_x, link };
            for mut r in line.runs {
                r.baseline += dy;
                runs.push(r);
            }
        }
        tails.push(tail);
        flow.push(Flow::Frame(Frame {
            height: count as f32 * t.leading,
            runs,
            rules: Vec::new(),
            images: Vec::new(),
            break_after: true,
            mark: Mark::TocEntry(n),
        }));
    }
    Toc { flow, tails }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_title_follows_the_language() {
        assert_eq!(toc_title("zh-Hans"), "目录");
        assert_eq!(toc_title("zh-Hant"), "目錄");
        assert_eq!(toc_title("ja"), "目次");
        assert_eq!(toc_title("en-GB"), "Contents");
    }
}
