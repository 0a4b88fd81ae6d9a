//! PDF input: the page itself as evidence.
//!
//! Takes the bytes of a PDF (found by its `%PDF-` signature, not its name);
//! returns the document model and the report, as `markdown` does for
//! Markdown. Glyphs (hayro) → lines → blocks, with running heads and folios
//! taken off by their recurring place at the page edges, a printed contents
//! page taken out, headings found by their type (size and weight against the
//! body's) and, strongest, by the PDF's own outline. Every character on the
//! page is in the book or in a repair record. Never runs OCR: a PDF without a
//! text layer is refused with a message that says so.

mod figures;
mod glyphs;
mod layout;
mod lines;
mod meta;
mod tags;

use crate::error::{Error, Result};
use crate::model::{heading_id, Block, Creator, Document, Metadata};
use crate::report::{CharTally, Repair, Report, Rule};
use crate::scan::heading::{self as patterns, Family};
use crate::scan::language;
use crate::text::{display_width, ends_sentence, title_key};
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, Rect};
use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings};
use layout::{Body, Page, TextBlock};
pub use meta::Declared;
use unicode_normalization::UnicodeNormalization;

/// How far into the file the `%PDF-` header may start (the PDF specification's 1024 bytes).
const HEADER_WINDOW: usize = 1024;
/// A heading is set at least this much larger than the body ...
const MIN_HEADING_SIZE_RATIO: f32 = 1.1;
/// ... or in bold where the body is not; and it is at most this many lines ...
const MAX_HEADING_LINES: usize = 3;
/// ... and this many display columns (a CJK character is two).
const MAX_HEADING_WIDTH: usize = 120;
/// A label over its title (`第一章` over `风起`, `Chapter 3` over `The Ferry`)
/// is at most this wide, and they are at most this many leadings apart.
const MAX_LABEL_WIDTH: usize = 14;
const MAX_LABEL_GAP: f32 = 4.0;
/// A title page has at most this many blocks and no body paragraph.
const MAX_TITLE_PAGE_BLOCKS: usize = 8;
/// The outline decides the headings when at least this share of its entries is found in the text.
const MIN_OUTLINE_MATCH: f64 = 0.5;
/// Pages read through one opening of the file (see `read_pages`): enough that
/// reparsing the cross-reference table and fonts costs little, few enough
/// that their decoded content streams stay a few megabytes.
const PAGES_PER_OPENING: usize = 64;

/// Whether `bytes` is a PDF file: `%PDF-` within the first kilobyte.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(HEADER_WINDOW)].windows(5).any(|w| w == b"%PDF-")
}

/// A PDF read into the model, with what the file declares about itself.
#[derive(Debug, Clone)]
pub struct PdfBook {
    pub document: Document,
    pub report: Report,
    /// Title, author and language from the Info dictionary, XMP and `/Lang`:
    /// a layer over what the pages show (the title page), under the user's.
    pub declared: Declared,
}

/// Read a PDF into the document model. `name` is used in messages.
pub fn read(bytes: &[u8], name: &str) -> Result<PdfBook> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| Error::BadPdf {
        name: name.to_string(),
        why: match e {
            LoadPdfError::Decryption(_) => "it is encrypted and cannot be opened without its password".to_string(),
            LoadPdfError::Invalid => "it is damaged or truncated beyond repair".to_string(),
        },
    })?;
    let mut report = Report { encoding: "PDF".to_string(), ..Default::default() };
    let heading_marks = tags::heading_marks(&pdf);
    let Read { mut pages, source, unmapped, images } = read_pages(&pdf, &heading_marks);
    if source.is_empty() {
        return Err(Error::NoTextLayer { name: name.to_string() });
    }
    let kept = figures::without_decorations(images);
    let store = encode_figures(&pdf, &kept);
    let vertical: Vec<bool> = pages.iter().map(|p| p.lines.first().is_some_and(|l| l.vertical)).collect();
    let (figures, assets) = figures::figures(kept, &vertical, &store);
    drop(store);
    for (page, figures) in pages.iter_mut().zip(figures) {
        page.figures = figures;
    }
    if unmapped > 0 {
        report
            .warnings
            .push(format!("{name}: {unmapped} glyph(s) have no Unicode mapping in their font and are shown as U+FFFD"));
    }
    let mut repairs = Vec::new();
    let body = layout::body_type(&pages);
    layout::remove_furniture(&mut pages, &body, &mut repairs);
    layout::remove_contents_pages(&mut pages, &mut repairs);
    layout::split_columns(&mut pages, &body);
    let mut blocks = layout::blocks(&pages, &body, &mut repairs);
    drop(pages);
    layout::take_captions(&mut blocks, &body);
    let mut metadata = Metadata::default();
    take_title(&mut blocks, &body, &mut metadata, &mut repairs);
    let outline = meta::outline(&pdf);
    let mut doc_blocks = assemble(blocks, &body, &outline, &mut repairs);
    for b in &mut doc_blocks {
        normalise_block(b, &mut repairs);
    }
    let mut declared = meta::declared(&pdf);
    declared.title = declared.title.filter(|t| !is_placeholder_title(t));
    let sample: String = doc_blocks.iter().map(Block::text).take(200).collect::<Vec<_>>().join("\n");
    metadata.language = language::detect_language(&sample);
    report.repairs = repairs;
    if let Err(lost) = source.check(&doc_blocks, &report) {
        report.warnings.push(format!("{name}: text conservation check failed: {lost}"));
    }
    Ok(PdfBook { document: Document { metadata, blocks: doc_blocks, assets }, report, declared })
}

/// A paper's head (title, authors, affiliations, date, then the abstract and
/// the text on the same page): a block under the title that is a date and
/// nothing else, before the first paragraph of body text, is the document's
/// date, not a paragraph (nor, to a reader of `2024-02-12`, a page number
/// framed in dashes).
fn take_date_under_title(
    blocks: &mut Vec<TextBlock>,
    is_body: &dyn Fn(&TextBlock) -> bool,
    metadata: &mut Metadata,
    repairs: &mut Vec<Repair>,
) {
    let Some(page) = blocks.first().map(|b| b.page) else { return };
    if metadata.date.is_some() {
        return;
    }
    let head = blocks.iter().take(MAX_TITLE_PAGE_BLOCKS).take_while(|b| b.page == page && !is_body(b));
    if let Some(i) = head.into_iter().position(|b| patterns::is_date_line(&b.text)) {
        let b = blocks.remove(i);
        repairs.push(Repair::new(Rule::TitlePage, "date_under_title", (0, 0), b.text.clone(), ""));
        metadata.date = Some(b.text);
    }
}

/// An Info title that names the file or the tool rather than the book.
fn is_placeholder_title(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    lower.ends_with(".pdf") || lower.ends_with(".doc") || lower.ends_with(".docx") || lower == "untitled"
}

/// What the pages gave.
struct Read {
    pages: Vec<Page>,
    /// Their characters counted: the source for the conservation check.
    source: CharTally,
    /// Glyphs with no Unicode mapping.
    unmapped: usize,
    /// Each page's images that may be figures, not under its text.
    images: Vec<Vec<figures::Drawn>>,
}

/// Interpret every page: its lines, and the images drawn on it.
///
/// hayro keeps each page's decoded content stream in the page for as long as
/// its `Pdf` lives, so a book read through one `Pdf` would end up holding
/// every page's stream (about 25 MB for 1,000 pages of Chinese). The file is
/// opened afresh (its bytes shared, not copied) for each run of
/// [`PAGES_PER_OPENING`] pages and dropped after it: what grows with the book
/// is only its text and its lines.
fn read_pages(pdf: &Pdf, heading_marks: &tags::HeadingMarks) -> Read {
    let settings = InterpreterSettings::default();
    let count = pdf.pages().len();
    let mut pages = Vec::with_capacity(count);
    let mut source = CharTally::of("");
    let mut unmapped = 0;
    let mut images = Vec::with_capacity(count);
    for start in (0..count).step_by(PAGES_PER_OPENING) {
        let opened = Pdf::new(pdf.data().clone()).ok();
        let reader = opened.as_ref().unwrap_or(pdf);
        let cache = InterpreterCache::new();
        for (n, page) in reader.pages().iter().enumerate().skip(start).take(PAGES_PER_OPENING) {
            let (width, height) = page.render_dimensions();
            let marks = page.raw().obj_id().and_then(|id| heading_marks.get(&id)).cloned().unwrap_or_default();
            let mut collector = glyphs::Collector::new(width, marks, glyphs::type3_weights(page));
            interpret_page(page, &mut page_context(page, &cache, reader, &settings), &mut collector);
            let mut page_glyphs = collector.finish();
            unmapped += page_glyphs.unmapped;
            let glyphs = &page_glyphs.glyphs;
            let drawn: Vec<figures::Drawn> =
                page_glyphs.images.drain(..).filter(|d| !figures::is_under_text(d, glyphs)).collect();
            images.push(drawn);
            let lines = lines::page_lines(&page_glyphs, n);
            for l in &lines {
                source.count(&l.text);
            }
            // A page read in columns measures its depth from right to left.
            let depth = if lines.first().is_some_and(|l| l.vertical) { width } else { height };
            pages.push(Page { height: depth, lines, gutter: None, figures: Vec::new() });
        }
    }
    Read { pages, source, unmapped, images }
}

/// A page's interpreter context: page space in points, y down.
fn page_context<'c>(
    page: &hayro_interpret::hayro_syntax::page::Page<'_>,
    cache: &'c InterpreterCache<'c>,
    pdf: &'c Pdf,
    settings: &InterpreterSettings,
) -> Context<'c> {
    let (width, height) = page.render_dimensions();
    let transform = Affine::new(page.initial_transform(true).as_coeffs());
    Context::new(transform, Rect::new(0.0, 0.0, width as f64, height as f64), cache, pdf.xref(), settings.clone())
}

/// The bytes of every figure, each encoded once: only the pages that draw one
/// not yet encoded are interpreted again, opened afresh as in [`read_pages`].
fn encode_figures(pdf: &Pdf, figures: &[Vec<figures::Drawn>]) -> figures::ImageStore {
    let settings = InterpreterSettings::default();
    let mut store = figures::ImageStore::new();
    for start in (0..figures.len()).step_by(PAGES_PER_OPENING) {
        let run = &figures[start..figures.len().min(start + PAGES_PER_OPENING)];
        if run.iter().all(Vec::is_empty) {
            continue;
        }
        let opened = Pdf::new(pdf.data().clone()).ok();
        let reader = opened.as_ref().unwrap_or(pdf);
        let cache = InterpreterCache::new();
        for (page, drawn) in reader.pages().iter().skip(start).zip(run) {
            let wanted: Vec<u128> = drawn.iter().map(|d| d.key).filter(|k| !store.contains_key(k)).collect();
            if !wanted.is_empty() {
                let mut encoder = figures::Encoder { wanted, store: &mut store };
                interpret_page(page, &mut page_context(page, &cache, reader, &settings), &mut encoder);
            }
        }
    }
    store
}

/// A title page: the first page's blocks when it has no body paragraph and
/// few blocks. The largest becomes the title, a larger-than-body one after it
/// the subtitle, a short one the author; each is recorded as taken.
fn take_title(blocks: &mut Vec<TextBlock>, body: &Body, metadata: &mut Metadata, repairs: &mut Vec<Repair>) {
    let on_first = blocks.iter().take_while(|b| b.page == blocks[0].page).count();
    let first = &blocks[..on_first.min(blocks.len())];
    let is_body = |b: &TextBlock| b.size <= body.size * MIN_HEADING_SIZE_RATIO && b.lines >= 2;
    let Some(biggest) = first.iter().enumerate().max_by(|a, b| a.1.size.total_cmp(&b.1.size).then(b.0.cmp(&a.0)))
    else {
        return;
    };
    // (A one-page document has no title page: that page is the text.)
    let title_page = on_first < blocks.len() && first.len() <= MAX_TITLE_PAGE_BLOCKS && !first.iter().any(is_body);
    // Larger than every other block (a tie is a heading like its peers).
    let largest_anywhere = blocks.iter().skip(1).all(|b| b.size < biggest.1.size);
    if !title_page {
        // A page that opens in large type (a paper's title, taken below or
        // not: its sections may be set as large) may carry the date in its
        // head; so may one that opens with a title set like a heading in the
        // body's size (bold, as troff's `ms` sets `.TL`).
        let opens_large = biggest.0 == 0 && biggest.1.size > body.size * MIN_HEADING_SIZE_RATIO;
        let opens_with_title = opens_large || blocks.first().is_some_and(|b| styled_as_heading(b, body));
        // No title page: a first block larger than anything else is the title.
        if opens_large && largest_anywhere {
            let b = blocks.remove(0);
            repairs.push(Repair::new(Rule::TitlePage, "largest_type_first", (0, 0), b.text.clone(), ""));
            metadata.title = b.text;
        }
        if opens_with_title {
            take_date_under_title(blocks, &is_body, metadata, repairs);
        }
        return;
    }
    let title_at = biggest.0;
    // A figure on the title page (a device, a frontispiece) stays in the book.
    let figures: Vec<TextBlock> = blocks[..on_first].iter().filter(|b| b.figure.is_some()).cloned().collect();
    for (i, b) in blocks.drain(..on_first).enumerate() {
        if b.figure.is_some() {
            continue;
        }
        repairs.push(Repair::new(Rule::TitlePage, "title_page", (0, 0), b.text.clone(), ""));
        if i == title_at {
            metadata.title = b.text;
        } else if i == title_at + 1 && b.size > body.size * MIN_HEADING_SIZE_RATIO && metadata.subtitle.is_none() {
            metadata.subtitle = Some(b.text);
        } else if metadata.authors.is_empty()
            && !b.text.chars().any(|c| c.is_ascii_digit())
            && display_width(&b.text) <= 40
        {
            metadata.authors.push(Creator::author(b.text));
        } else if metadata.date.is_none() && b.text.chars().any(|c| c.is_ascii_digit()) && display_width(&b.text) <= 30
        {
            metadata.date = Some(b.text);
        }
    }
    blocks.splice(0..0, figures);
}

/// Whether a block is set like a heading: larger than the body, or bold
/// where the body is not; short; not a footnote or code.
fn styled_as_heading(b: &TextBlock, body: &Body) -> bool {
    let short = b.lines <= MAX_HEADING_LINES && display_width(&b.text) <= MAX_HEADING_WIDTH;
    let larger = b.size >= body.size * MIN_HEADING_SIZE_RATIO;
    let bold = b.style.bold && !body.style.bold && !ends_sentence(&b.text);
    short && !b.footnote && !b.style.mono && (larger || bold)
}

/// A label that stands over its title: `第一章`, `Chapter 3`, `ONE`, `PART TWO`.
fn is_label(text: &str) -> bool {
    let t = text.trim();
    display_width(t) <= MAX_LABEL_WIDTH
        && is_marker_alone(t)
        && patterns::recognise(t).is_some_and(|f| {
            matches!(f.family, Family::Chapter | Family::Volume | Family::Episode | Family::Section)
                && title_key(&f.text) == title_key(t)
        })
        || (t.split_whitespace().count() == 1 && patterns::is_spelled_chapter_number(t))
}

/// The units a CJK label's number counts (`第三章`, `第2節`, `第四話`, `第 1 條`).
const CJK_LABEL_UNITS: &str = "卷部篇章回节節集話话幕条條";
/// Words in a Latin label: a kind and its number (`Chapter 3`, `PART TWO`),
/// `the` between them at most (`Book the Second`).
const MAX_LATIN_LABEL_WORDS: usize = 3;

/// A heading's number with no title after it: a CJK label ends on the unit
/// its number counts (`第1章`, not `第1章 绪论`); a Latin one is its kind and
/// number (`Chapter 3`, not `Chapter 3 The Ferry`). A short heading that
/// carries its title is a whole heading, which no title below completes.
fn is_marker_alone(t: &str) -> bool {
    match t.chars().last() {
        Some(c) if crate::text::is_cjk(c) => CJK_LABEL_UNITS.contains(c),
        Some(_) => {
            let words: Vec<&str> = t.split_whitespace().collect();
            words.len() < MAX_LATIN_LABEL_WORDS
                || (words.len() == MAX_LATIN_LABEL_WORDS && words[1].eq_ignore_ascii_case("the"))
        }
        None => false,
    }
}

/// Blocks to the model: headings by the outline when it is there and found,
/// else by type; a label and its title joined into one heading.
fn assemble(
    blocks: Vec<TextBlock>,
    body: &Body,
    outline: &[meta::OutlineEntry],
    repairs: &mut Vec<Repair>,
) -> Vec<Block> {
    let mut heads: Vec<Option<u8>> = vec![None; blocks.len()];
    let mut joined_with_next = vec![false; blocks.len()];
    let outline_hits = match_outline(&blocks, outline);
    let use_outline = !outline.is_empty() && outline_hits.len() as f64 >= outline.len() as f64 * MIN_OUTLINE_MATCH;
    // A tagged PDF's structure tree names its headings and their levels: the
    // strongest evidence there is, ahead of the outline and the type.
    let tagged = blocks.iter().any(|b| b.heading_tag.is_some() && !b.footnote);
    if tagged {
        for (i, b) in blocks.iter().enumerate() {
            let tag = b.heading_tag.filter(|_| !b.footnote);
            heads[i] = tag.map(|t| t.level);
            // The lines of one heading element set in two types (a label over its title).
            joined_with_next[i] = tag.is_some() && blocks.get(i + 1).is_some_and(|n| n.heading_tag == tag);
        }
    } else if use_outline {
        for (i, depth, two) in outline_hits {
            heads[i] = Some(depth + 1);
            joined_with_next[i] = two;
            // A bookmark names the title; the label printed over it is part of the heading.
            if let Some(l) = i.checked_sub(1).filter(|&l| {
                heads[l].is_none()
                    && blocks[l].page == blocks[i].page
                    && blocks[i].space_above <= MAX_LABEL_GAP
                    && is_label(&blocks[l].text)
                    && styled_as_heading(&blocks[l], body)
            }) {
                heads[l] = heads[i];
                joined_with_next[l] = true;
                heads[i] = None;
                joined_with_next[i] = false;
            }
        }
    } else {
        let levels = style_levels(&blocks, body);
        for (i, b) in blocks.iter().enumerate() {
            if styled_as_heading(b, body) {
                heads[i] = Some(levels(b));
            }
        }
        for i in 0..blocks.len().saturating_sub(1) {
            let (a, b) = (&blocks[i], &blocks[i + 1]);
            if heads[i].is_some()
                && heads[i + 1].is_some()
                && !joined_with_next[i.saturating_sub(1)]
                && a.page == b.page
                && b.space_above <= MAX_LABEL_GAP
                && is_label(&a.text)
                && !is_label(&b.text)
            {
                joined_with_next[i] = true;
                heads[i] = heads[i].min(heads[i + 1]);
            }
        }
        let continued: Vec<bool> = (0..blocks.len()).map(|i| i > 0 && joined_with_next[i - 1]).collect();
        nest_levels(&mut heads, &continued);
    }
    let mut out = Vec::with_capacity(blocks.len());
    let mut n = 0;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        match heads[i] {
            Some(level) => {
                let mut text = b.text.trim().to_string();
                while joined_with_next[i] && i + 1 < blocks.len() {
                    let title = blocks[i + 1].text.trim();
                    let joined = format!("{text} {title}");
                    repairs.push(Repair::new(
                        Rule::HeadingMarker,
                        "label_over_title",
                        (0, 0),
                        format!("{text}\n{title}"),
                        joined.clone(),
                    ));
                    text = joined;
                    i += 1;
                }
                n += 1;
                out.push(Block::Heading { level: level.clamp(1, 6), id: heading_id(n), text });
            }
            None => match &b.figure {
                Some(f) => out.push(Block::Image {
                    src: f.src.clone(),
                    alt: f.caption.clone(),
                    title: None,
                    text: f.caption.clone(),
                }),
                None if b.text.trim().is_empty() => {}
                None => out.push(Block::paragraph(b.text.trim())),
            },
        }
        i += 1;
    }
    out
}

/// Heading levels by type: the distinct (size, bold) of heading blocks,
/// larger first, bold before regular at one size, ranked 1, 2, 3…
fn style_levels<'b>(blocks: &'b [TextBlock], body: &Body) -> impl Fn(&TextBlock) -> u8 + 'b {
    let key = |b: &TextBlock| ((b.size * 2.0).round() as i32, b.style.bold);
    let mut keys: Vec<(i32, bool)> = blocks.iter().filter(|b| styled_as_heading(b, body)).map(key).collect();
    keys.sort_by(|a, b| b.cmp(a));
    keys.dedup();
    move |b: &TextBlock| keys.iter().position(|k| *k == key(b)).map_or(1, |p| (p + 1).min(6) as u8)
}

/// Levels by nesting, not by the type's rank alone: a heading is one level
/// below the nearest heading before it set in a higher rank, so a rank no
/// heading nests under makes no level of its own. A preface set smaller than
/// the parts and larger than the chapters (`Preface` 20 pt, `PART I` 24 pt,
/// `Chapter 1` 14 pt; `致读者` over `第一章` over `一、`) gives levels 1, 1, 2,
/// not 2, 1, 3. `ranks` are [`style_levels`]' ranks; a block that continues
/// the heading before it (`continued`, its title under its label) is skipped.
fn nest_levels(ranks: &mut [Option<u8>], continued: &[bool]) {
    let mut open: Vec<u8> = Vec::new();
    for (rank, _) in ranks.iter_mut().zip(continued).filter(|(r, c)| r.is_some() && !**c) {
        let r = rank.unwrap_or(1);
        while open.last().is_some_and(|&above| above >= r) {
            open.pop();
        }
        open.push(r);
        *rank = Some(open.len() as u8);
    }
}

/// Blocks whose text is an outline entry's title (or a block and the next
/// together: a label over its title), in order. Returns (block, depth, joined).
fn match_outline(blocks: &[TextBlock], outline: &[meta::OutlineEntry]) -> Vec<(usize, u8, bool)> {
    let keys: Vec<String> = blocks.iter().map(|b| title_key(&b.text)).collect();
    let mut hits = Vec::new();
    let mut from = 0;
    for entry in outline {
        let want = title_key(&entry.title);
        if want.is_empty() {
            continue;
        }
        let found = (from..blocks.len()).find_map(|i| {
            if keys[i] == want && !blocks[i].footnote && !layout::is_toc_line(&blocks[i].text) {
                Some((i, false))
            } else if i + 1 < blocks.len()
                && !keys[i].is_empty()
                && want.starts_with(&keys[i])
                && format!("{}{}", keys[i], keys[i + 1]) == want
            {
                Some((i, true))
            } else {
                None
            }
        });
        if let Some((i, two)) = found {
            hits.push((i, entry.depth, two));
            from = i + if two { 2 } else { 1 };
        }
    }
    hits
}

/// Unicode clean-up of a block's text by the normalise stage's rules (NFC,
/// Kangxi radicals and compatibility ideographs to unified ones), recorded.
fn normalise_block(block: &mut Block, repairs: &mut Vec<Repair>) {
    if let Block::Image { text, alt, .. } = block {
        let mut caption = Block::paragraph(std::mem::take(text));
        normalise_block(&mut caption, repairs);
        *text = caption.text().to_string();
        alt.clone_from(text);
        return;
    }
    let (Block::Heading { text, .. } | Block::Paragraph { text, .. }) = block else { return };
    if text.is_ascii() {
        return;
    }
    let n = crate::normalise::normalise(text);
    if n.text != *text {
        repairs.extend(n.repairs);
        *text = n.text;
    }
    if text.chars().any(is_latin_ligature) {
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if is_latin_ligature(c) {
                let letters: String = std::iter::once(c).nfkc().collect();
                repairs.push(Repair::new(Rule::UnicodeNfc, "latin_ligature", (0, 0), c.to_string(), letters.clone()));
                out.push_str(&letters);
            } else {
                out.push(c);
            }
        }
        *text = out;
    }
}

/// `ﬁ`, `ﬂ`, `ﬀ`…: a font's ligature glyph mapped to its ligature code point
/// (groff's fonts do this); the text has the letters.
fn is_latin_ligature(c: char) -> bool {
    matches!(c, '\u{FB00}'..='\u{FB06}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf_input::glyphs::Style;

    const BODY: Body =
        Body { size: 10.0, style: Style { bold: false, italic: false, mono: false }, leading: 14.0, indent: 0.0 };

    /// A block of `lines` lines in the body's size on page `page`.
    fn block(text: &str, page: usize, lines: usize, bold: bool) -> TextBlock {
        TextBlock {
            text: text.into(),
            page,
            size: 10.0,
            style: Style { bold, ..Style::default() },
            lines,
            centred: lines == 1,
            space_above: 2.0,
            footnote: false,
            heading_tag: None,
            top: 0.0,
            bottom: 0.0,
            x0: 0.0,
            x1: 0.0,
            figure: None,
        }
    }

    #[test]
    fn a_type_rank_no_heading_nests_under_makes_no_level() {
        // Preface (rank 2) before a part (rank 1), then chapters (3) and their sections (4).
        let mut ranks = [Some(2), Some(1), Some(3), None, Some(4), Some(4), Some(3), Some(1), Some(3), Some(2)];
        nest_levels(&mut ranks, &[false; 10]);
        assert_eq!(ranks, [Some(1), Some(1), Some(2), None, Some(3), Some(3), Some(2), Some(1), Some(2), Some(2)]);
        // A title under its label is skipped: 致读者 (2), 第一章 over 总则 (1), 一、 (3).
        let mut ranks = [Some(2), Some(1), Some(1), Some(3)];
        nest_levels(&mut ranks, &[false, false, true, false]);
        assert_eq!(ranks, [Some(1), Some(1), Some(1), Some(2)]);
        // Ranks with no gap keep their levels.
        let mut ranks = [Some(1), Some(2), Some(3), Some(2), Some(1)];
        nest_levels(&mut ranks, &[false; 5]);
        assert_eq!(ranks, [Some(1), Some(2), Some(3), Some(2), Some(1)]);
    }

    #[test]
    fn a_foreword_set_between_parts_and_chapters_in_size_is_a_top_level_heading() {
        for (heads, text) in [
            (
                ["Foreword", "Part One", "The Salt Road", "Tolls at the Ford"],
                "The carts left before dawn and came back after dark with the barrels.",
            ),
            (["致读者", "第一编", "盐路", "渡口的税卡"], "天亮以前车队就出发了，天黑以后才拉着木桶回来。"),
        ] {
            let sized = |text: &str, page: usize, size: f32| TextBlock { size, ..block(text, page, 1, true) };
            // (The part has a page of its own, so its name is no label over the chapter's title.)
            let blocks = vec![
                sized(heads[0], 0, 20.0),
                block(text, 0, 4, false),
                sized(heads[1], 1, 24.0),
                sized(heads[2], 2, 14.0),
                block(text, 2, 4, false),
                sized(heads[3], 2, 12.0),
                block(text, 2, 4, false),
            ];
            let levels: Vec<u8> = assemble(blocks, &BODY, &[], &mut Vec::new())
                .iter()
                .filter_map(|b| match b {
                    Block::Heading { level, .. } => Some(*level),
                    _ => None,
                })
                .collect();
            assert_eq!(levels, [1, 1, 2, 3], "{}", heads[0]);
        }
    }

    #[test]
    fn the_date_under_a_bold_title_in_body_size_is_the_document_s() {
        for (title, authors, date, text) in [
            (
                "Tidal Counting in Small Harbours",
                "Mara Quill and Osei Brand",
                "2023-11-04",
                "We counted the boats that came in on each tide for a year.",
            ),
            ("小港潮汐计数研究", "林远　周青", "2023年11月4日", "我们用一年时间记录了每次涨潮时进港的船只。"),
        ] {
            let mut blocks = vec![
                block(title, 0, 1, true),
                block(authors, 0, 1, false),
                block(date, 0, 1, false),
                block(text, 0, 4, false),
                block(text, 1, 4, false),
            ];
            let (mut metadata, mut repairs) = (Metadata::default(), Vec::new());
            take_title(&mut blocks, &BODY, &mut metadata, &mut repairs);
            assert_eq!(metadata.date.as_deref(), Some(date));
            assert_eq!(blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(), [title, authors, text, text]);
            assert_eq!(repairs.len(), 1, "the date is recorded as taken");
            // A page that opens with body text keeps a date line as text.
            let mut plain = vec![block(text, 0, 4, false), block(date, 0, 1, false), block(text, 1, 4, false)];
            let mut metadata = Metadata::default();
            take_title(&mut plain, &BODY, &mut metadata, &mut Vec::new());
            assert_eq!((metadata.date, plain.len()), (None, 3));
        }
    }
}
