//! Stage 4, structure: repaired units to a [`Document`].
//!
//! Takes the repair stage's units and the printed-TOC evidence; returns the
//! document model with headings at their levels. Evidence, strongest first:
//! the printed TOC (its entries name the headings, its grouping gives their
//! levels), heading patterns (banners, chapter numbering, Aozora and Markdown
//! marks), letter-spacing, and short lines standing alone before prose. Never
//! edits paragraph text except to split a run-in title from the paragraph it
//! starts, and records that split.

mod correct;
mod echo;
mod emphasis;
mod evidence;
mod page_openers;
mod sequence;
#[cfg(test)]
mod test_drafts;

use crate::limits::{
    MAX_CHAPTER_TITLE_WIDTH, MAX_COUNT_STEP, MAX_HAN_NAME, MAX_NAME_WORDS, MAX_OFFICIAL_TITLE_LINES,
    MAX_SHORT_HEADING_WIDTH, MAX_SHORT_LINE_SHARE, MAX_TITLE_PAGE_LINES, MAX_TITLE_PAGE_LINES_WITH_AUTHOR,
    MAX_TITLE_WIDTH, MIN_ISSUING_BODY_CHARS, MIN_SECTION_ITEMS, MIN_SHORT_LINES_ALLOWED, TOC_WINDOW,
};
use crate::model::{heading_id, Block, Creator, Document, Inline, Metadata};
use crate::repair::{Repaired, Unit};
use crate::report::{Repair, Report, Rule};
use crate::scan::heading::{self as patterns, Family, Found};
use crate::scan::isbn::{copyright_year, is_copyright_line, isbn_in};
use crate::scan::language;
use crate::text::{
    display_width, ends_sentence, has_prose_punct, is_cjk, ruby_pieces, strip_ruby, title_key, wider_than, RubyPiece,
    RUBY_ANCHOR,
};
use evidence::Item;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A block before levels are final.
#[derive(Debug, Clone)]
enum Draft {
    Heading {
        text: String,
        level: Option<u8>,
        family: Option<Family>,
        in_toc: bool,
    },
    Paragraph(String),
    /// A scene break or separator rule: `* * *`, `――――――――`.
    Break,
}

/// Build the document from repaired text.
pub fn structure(repaired: Repaired, report: &mut Report) -> Document {
    let items = evidence::items(&repaired.printed_toc);
    let mut units = repaired.units;
    let mut corrections = repaired.corrections;
    let mut metadata = Metadata { language: language::detect_language(&sample_text(&units)), ..Default::default() };
    if !take_official_header(&mut units, &mut metadata, report) {
        take_title_page(&mut units, &items, &mut metadata, report);
    }
    read_copyright_page(&units, &mut metadata);
    // A catalogue header names the book as its makers spelled it (a title
    // page in capitals does not).
    let catalogue = &repaired.catalogue;
    if let Some(title) = &catalogue.title {
        metadata.title = title.clone();
    }
    if let Some(author) = catalogue.author.as_ref().filter(|_| metadata.authors.is_empty() || catalogue.title.is_some())
    {
        metadata.authors = vec![Creator::author(author.clone())];
    }
    outdented_units_stand_apart(&mut units);
    let units = mend_misread_chapter_units(units, report);
    let units = pair_stacked_labels(units, report);
    let units = attach_detached_labels(attach_bare_section_numbers(units, report), &items, report);
    let numeral_sections = bare_numeral_sections(&units);
    let short_line_ok = short_lines_are_rare(&units);
    let headlines_recur = colon_headlines_recur(&units);
    let articles_listed = evidence::lists_articles(&items);
    let mut drafts: Vec<Draft> = Vec::with_capacity(units.len());
    let mut matched = vec![false; items.len()];
    let mut cursor = 0usize;
    // Units the iteration before already took into its heading.
    let mut skip = 0usize;
    // Whether each draft opens a page: every draft an iteration pushes comes from its unit.
    let mut opens_page: Vec<bool> = Vec::with_capacity(units.len());
    for (u, unit) in units.iter().enumerate() {
        opens_page.resize(drafts.len(), u.checked_sub(1).is_some_and(|k| units[k].page_top));
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if let Some(ListedLines { taken, text: joined, hit, .. }) = listed_title_over_lines(&items, cursor, &units, u) {
            let lines: Vec<&str> = units[u..u + taken].iter().map(|x| x.text.trim()).collect();
            report.repairs.push(Repair::new(
                Rule::HeadingMarker,
                "listed_title_over_lines",
                (unit.span.0, units[u + taken - 1].span.1),
                lines.join("\n"),
                joined.clone(),
            ));
            hit.items.iter().for_each(|&m| matched[m] = true);
            // (An entry the contents wrapped ranks by its first line.)
            let level = items[hit.items[0]].level;
            cursor = hit.items[hit.items.len() - 1] + 1;
            drafts.push(heading(&joined, Some(level), patterns::recognise(&unit.text).map(|f| f.family), true));
            skip = taken - 1;
            continue;
        }
        if let Some(hit) = match_toc(&items, cursor, unit) {
            for m in &hit.items {
                matched[*m] = true;
            }
            cursor = hit.items[hit.items.len() - 1] + 1;
            // A contents entry printed as a label over its title (`第一章` ⏎
            // `总则……2`) whose heading the extractor also split in two.
            if let Some((k, next)) = label_then_title(&items, &hit, &units, u) {
                matched[k] = true;
                cursor = k + 1;
                let label = unit.text.trim();
                let title = next.text.trim();
                let joined = format!("{label}{}{title}", label_separator(label, title));
                report.repairs.push(Repair::new(
                    Rule::HeadingMarker,
                    "contents_label_over_title",
                    (unit.span.0, next.span.1),
                    format!("{label}\n{title}"),
                    joined.clone(),
                ));
                // Label lines all have one level on the contents page: the labels' families rank them.
                drafts.push(heading(&joined, None, patterns::recognise(label).map(|f| f.family), true));
                skip = 1;
                continue;
            }
            let text = match hit.split {
                Some(at) => {
                    let (raw_title, rest) = unit.text.split_at(at);
                    let title = raw_title.trim().trim_end_matches(evidence::is_title_end);
                    report.repairs.push(run_in_record(
                        raw_title,
                        title,
                        rest,
                        unit.span,
                        "contents_title_opens_paragraph",
                    ));
                    drafts.push(heading(
                        title,
                        Some(items[hit.items[hit.items.len() - 1]].level),
                        patterns::recognise(title).map(|f| f.family),
                        true,
                    ));
                    drafts.push(Draft::Paragraph(rest.trim().to_string()));
                    continue;
                }
                None => strip_frame(&unit.text, unit.span, report),
            };
            drafts.push(heading(
                &text,
                Some(items[hit.items[hit.items.len() - 1]].level),
                patterns::recognise(&unit.text).map(|f| f.family),
                true,
            ));
            continue;
        }
        if let Some((joined, hit)) = label_over_listed_title(&items, cursor, &units, u) {
            report.repairs.push(Repair::new(
                Rule::HeadingMarker,
                "label_over_listed_title",
                (unit.span.0, units[u + 1].span.1),
                format!("{}\n{}", unit.text.trim(), units[u + 1].text.trim()),
                joined.clone(),
            ));
            hit.items.iter().for_each(|&m| matched[m] = true);
            cursor = hit.items[hit.items.len() - 1] + 1;
            let family = match patterns::bare_numeral_value(&unit.text) {
                Some(_) => Some(Family::BareNumeral),
                None => patterns::recognise(&joined).map(|f| f.family),
            };
            drafts.push(heading(&joined, Some(items[cursor - 1].level), family, true));
            skip = 1;
            continue;
        }
        if articles_listed && is_detached_label(unit) {
            drafts.push(unlisted_article(&drafts, unit));
            continue;
        }
        if numeral_sections.contains(&u) {
            drafts.push(heading(&unit.text, None, Some(Family::BareNumeral), false));
            continue;
        }
        if closes_a_run_on_sentence(&units, u) {
            if let Some(Draft::Paragraph(before)) = drafts.last_mut() {
                let line = unit.text.trim();
                let separator = crate::text::join_separator(before, line);
                report.repairs.push(Repair::new(
                    Rule::HardWrap,
                    "sentence_closes_on_a_heading_shape",
                    (units[u - 1].span.0, unit.span.1),
                    format!("{}\n{line}", crate::text::tail_chars(before, crate::limits::JOIN_CONTEXT)),
                    format!("{}{separator}{line}", crate::text::tail_chars(before, crate::limits::JOIN_CONTEXT)),
                ));
                before.push_str(separator);
                before.push_str(line);
                continue;
            }
        }
        if let Some(found) = heading_by_pattern(unit).filter(|f| !is_list_item(&units, u, f.family)) {
            // `CHAPTER I.` ⏎ `THE RELIEF BOAT`, `第一章` ⏎ `风起`: a bare number and its title are one heading.
            if let Some(title) = title_after_bare_number(&units, u, &found) {
                let joined = format!("{}{}{}", found.text, label_separator(&found.text, title), title);
                report.repairs.push(Repair::new(
                    Rule::HeadingMarker,
                    "bare_number_over_title",
                    (unit.span.0, units[u + 1].span.1),
                    format!("{}\n{title}", unit.text.trim()),
                    joined.clone(),
                ));
                // The contents page printed the two lines as one entry: it gives the level.
                let whole = Unit { text: joined.clone(), single_line: true, ..unit.clone() };
                let entry = match_toc(&items, cursor, &whole).filter(|hit| hit.split.is_none());
                let level = entry.map(|hit| {
                    hit.items.iter().for_each(|&m| matched[m] = true);
                    cursor = hit.items[hit.items.len() - 1] + 1;
                    items[cursor - 1].level
                });
                drafts.push(heading(&joined, level, Some(found.family), level.is_some()));
                skip = 1;
                continue;
            }
            // `2.1 Energy Harvesting` ⏎ `Platforms`: a numbered title wrapped in a narrow column.
            if let Some(rest) = numbered_title_wrapped(&units, u, &found) {
                let head = unit.text.trim();
                let joined = format!("{head}{}{rest}", crate::text::join_separator(head, rest));
                report.repairs.push(Repair::new(
                    Rule::HeadingMarker,
                    "numbered_title_wrapped",
                    (unit.span.0, units[u + 1].span.1),
                    format!("{head}\n{rest}"),
                    joined.clone(),
                ));
                drafts.push(heading(&joined, None, Some(found.family), false));
                skip = 1;
                continue;
            }
            drafts.push(heading_found(found, unit, report));
            continue;
        }
        if let Some((found, rest)) = run_in_by_pattern(unit) {
            report.repairs.push(run_in_record(&found.text, &found.text, rest, unit.span, found.family.name()));
            drafts.push(heading(&found.text, None, Some(found.family), false));
            drafts.push(Draft::Paragraph(rest.trim().to_string()));
            continue;
        }
        if short_line_ok
            && is_short_heading_line(&units, u)
            && (headlines_recur || !patterns::is_colon_headline(&unit.text))
        {
            drafts.push(heading(&unit.text, None, Some(Family::ShortLine), false));
            continue;
        }
        if short_line_ok && is_section_label(&units, u) {
            drafts.push(heading(&unit.text, None, Some(Family::SectionLabel), false));
            continue;
        }

        if unit.single_line && crate::text::is_separator_line(&unit.text) {
            report.repairs.push(Repair::new(Rule::Separator, "separator_line", unit.span, unit.text.trim(), ""));
            drafts.push(Draft::Break);
            continue;
        }
        drafts.push(Draft::Paragraph(unit.text.clone()));
    }
    opens_page.resize(drafts.len(), units.last().is_some_and(|u| u.page_top));
    echo::demote_contents_label(&mut drafts);
    echo::demote_contents_echo(&mut drafts);
    // After the echo: an entry it would have counted stays a heading until then.
    echo::demote_leader_entries(&mut drafts);
    sequence::demote_numbers_out_of_sequence(&mut drafts);
    let pending = correct::promote_and_demote(&mut drafts, &mut corrections, report);
    if !items.is_empty() {
        report.toc_unmatched = items.iter().zip(&matched).filter(|(_, m)| !**m).map(|(i, _)| i.text.clone()).collect();
        report.headings_not_in_toc = drafts
            .iter()
            .filter_map(|d| match d {
                Draft::Heading { text, in_toc: false, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
    }
    assign_levels(&mut drafts);
    page_openers::rank_page_openers(&mut drafts, &opens_page);
    correct::relevel_and_rename(&mut drafts, pending, &mut corrections, report);
    correct::finish(&corrections, report);
    let paragraphs = drafts.iter().filter_map(|d| match d {
        Draft::Paragraph(t) => Some(t.as_str()),
        _ => None,
    });
    let underscores = emphasis::uses_underscores(paragraphs);
    let mut blocks = Vec::with_capacity(drafts.len());
    let mut n = 0;
    for d in drafts {
        match d {
            Draft::Heading { text, level, .. } => {
                n += 1;
                blocks.push(Block::Heading { level: level.unwrap_or(1), id: heading_id(n), text: strip_ruby(&text) });
            }
            Draft::Paragraph(text) if text.contains(RUBY_ANCHOR) => blocks.push(ruby_paragraph(&text)),
            Draft::Paragraph(text) if underscores && text.contains('_') => {
                match emphasis::emphasise(&text, &mut report.repairs) {
                    Some(inlines) => blocks.push(Block::rich_paragraph(inlines)),
                    None => blocks.push(Block::paragraph(text)),
                }
            }
            Draft::Paragraph(text) if !text.is_empty() => blocks.push(Block::paragraph(text)),
            Draft::Paragraph(_) => {}
            Draft::Break => blocks.push(Block::ThematicBreak { text: String::new() }),
        }
    }
    Document { metadata: without_ruby(metadata), blocks, ..Default::default() }
}

/// A paragraph whose text carries ruby annotations, with each as an
/// [`Inline::Ruby`]; its plain text is the bases'.
fn ruby_paragraph(text: &str) -> Block {
    let inlines = ruby_pieces(text)
        .into_iter()
        .map(|p| match p {
            RubyPiece::Text(t) => Inline::Text(t.to_string()),
            RubyPiece::Ruby { base, reading } => Inline::Ruby { base: base.to_string(), text: reading.to_string() },
        })
        .collect();
    Block::rich_paragraph(inlines)
}

/// Metadata found in the text (a title page's title, an author line) reads as
/// its bases: a reading belongs to the body, not to a library's catalogue.
fn without_ruby(mut m: Metadata) -> Metadata {
    m.title = strip_ruby(&m.title);
    m.subtitle = m.subtitle.as_deref().map(strip_ruby);
    for a in &mut m.authors {
        a.name = strip_ruby(&a.name);
    }
    m
}

fn heading(text: &str, level: Option<u8>, family: Option<Family>, in_toc: bool) -> Draft {
    Draft::Heading { text: text.trim().to_string(), level, family, in_toc }
}

fn heading_found(found: Found, unit: &Unit, report: &mut Report) -> Draft {
    if found.text != unit.text.trim() {
        let (rule, why) = if found.family == Family::Banner {
            (Rule::BannerFrame, "symbol_framed")
        } else {
            (Rule::HeadingMarker, found.family.name())
        };
        report.repairs.push(Repair::new(rule, why, unit.span, unit.text.clone(), found.text.clone()));
    }
    let text = crate::scan::letter_spacing::collapse_letter_spacing(&found.text).unwrap_or(found.text);
    heading(&text, None, Some(found.family), false)
}

/// A banner's frame goes (`★★★ 经济 ★★★` → `经济`), recorded.
fn strip_frame(text: &str, span: (usize, usize), report: &mut Report) -> String {
    match patterns::symbol_framed_banner(text) {
        Some(b) => {
            report.repairs.push(Repair::new(Rule::BannerFrame, "symbol_framed", span, text, b.text.clone()));
            b.text
        }
        None => text.trim().to_string(),
    }
}

/// A unit matched to printed-TOC items: which items, and where a run-in title ends.
struct TocHit {
    items: Vec<usize>,
    split: Option<usize>,
}

/// Match a unit against the TOC items at and after `cursor`.
fn match_toc(items: &[Item], cursor: usize, unit: &Unit) -> Option<TocHit> {
    let end = (cursor + TOC_WINDOW).min(items.len());
    for k in cursor..end {
        let item = &items[k];
        let whole_line = unit.single_line || display_width(&unit.text) <= MAX_SHORT_HEADING_WIDTH;
        if whole_line && evidence::matches_line(item, &unit.text) {
            return Some(TocHit { items: vec![k], split: None });
        }
        // An entry printed over two lines: label line + entry line.
        if let Some(next) = items.get(k + 1).filter(|_| item.page.is_none()) {
            let joined = Item { key: format!("{}{}", item.key, next.key), ..next.clone() };
            if whole_line && evidence::matches_line(&joined, &unit.text) {
                return Some(TocHit { items: vec![k, k + 1], split: None });
            }
            if let Some(at) = evidence::run_in_split(&joined, &unit.text) {
                return Some(TocHit { items: vec![k, k + 1], split: Some(at) });
            }
        }
        if item.page.is_some() {
            if let Some(at) = evidence::run_in_split(item, &unit.text) {
                return Some(TocHit { items: vec![k], split: Some(at) });
            }
        }
    }
    None
}

/// `第一条` ⏎⏎ `为了加强…`: a statute's article label the extractor set apart
/// from its text (`pdftotext` reads the label and the text as two blocks
/// when a wide space divides them, and may read the chapter's title in
/// between: `第一章` ⏎ `第一条` ⏎⏎ `总则` ⏎ `为了…`). The label opens the next
/// paragraph of prose, over at most one short title line, which stays where
/// it is — beside the chapter number it belongs to.
fn attach_detached_labels(units: Vec<Unit>, items: &[Item], report: &mut Report) -> Vec<Unit> {
    // Articles the printed contents lists are headings: their labels stand alone.
    if evidence::lists_articles(items) {
        return units;
    }
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut waiting: Option<Unit> = None;
    // The label came right after a bare chapter number: its title may follow.
    let mut title_may_follow = false;
    for unit in units {
        if is_detached_label(&unit) {
            if let Some(label) = waiting.replace(unit) {
                out.push(label);
            }
            title_may_follow = out.last().is_some_and(is_bare_part_number);
            continue;
        }
        let Some(label) = waiting.take() else {
            out.push(unit);
            continue;
        };
        let t = unit.text.trim();
        let title_here = title_may_follow && !is_prose(&unit);
        if !title_here && patterns::recognise(t).is_none() {
            let text = format!("{}\u{3000}{t}", label.text.trim());
            report.repairs.push(Repair::new(
                Rule::DetachedLabel,
                "article_label_opens_text",
                (label.span.0, unit.span.1),
                format!("{}\n{}", label.text.trim(), crate::text::head_chars(t, crate::limits::JOIN_CONTEXT)),
                format!("{}\u{3000}{}", label.text.trim(), crate::text::head_chars(t, crate::limits::JOIN_CONTEXT)),
            ));
            out.push(Unit { text, span: (label.span.0.min(unit.span.0), unit.span.1), single_line: false, ..unit });
            continue;
        }
        if std::mem::take(&mut title_may_follow) && display_width(t) <= MAX_CHAPTER_TITLE_WIDTH {
            // The chapter's title, read between the label and its text.
            out.push(unit);
            waiting = Some(label);
            continue;
        }
        out.push(label);
        out.push(unit);
    }
    out.extend(waiting);
    out
}

/// The most lines one printed heading is found spread over.
const MAX_LISTED_TITLE_LINES: usize = 3;

/// `ARTICLE I` ⏎ `NAME AND PURPOSE`, `第一回 柯家渡口` ⏎ `石翁夜话`: a
/// heading the page sets on two or three lines (a label over its title, the
/// two halves of a couplet, a long title wrapped) that the printed contents
/// lists as one entry. Short lines that end no sentence, joined, may match
/// the entry better than the first line alone: the most similar join wins
/// (the fewer lines on a tie), unless the lines from the next one on match
/// better still (a stray folio above a heading is no part of it).
fn listed_title_over_lines(items: &[Item], cursor: usize, units: &[Unit], u: usize) -> Option<ListedLines> {
    let here = best_listed_join(items, cursor, units, u)?;
    let alone = |k: usize| {
        let unit = units.get(k)?;
        let hit = match_toc(items, cursor, unit).filter(|h| h.split.is_none())?;
        Some(evidence::similarity(&title_key(&unit.text), &items[hit.items[hit.items.len() - 1]].key))
    };
    let better = |score: Option<f64>| score.is_some_and(|s| s > here.score + 1e-9);
    let next = best_listed_join(items, cursor, units, u + 1).map(|n| n.score);
    let first_alone = alone(u);
    let lost = first_alone.is_some_and(|s| s >= here.score - 1e-9) || better(alone(u + 1)) || better(next);
    (!lost).then_some(here)
}

/// A join of short lines matched to a contents entry by [`listed_title_over_lines`].
struct ListedLines {
    score: f64,
    taken: usize,
    text: String,
    hit: TocHit,
}

/// The best join of the short lines from `u` on (two or more of them) with a contents entry.
fn best_listed_join(items: &[Item], cursor: usize, units: &[Unit], u: usize) -> Option<ListedLines> {
    let short = |k: usize| {
        units.get(k).filter(|x| {
            let t = x.text.trim();
            x.single_line && !t.is_empty() && !wider_than(t, MAX_SHORT_HEADING_WIDTH) && !ends_sentence(t)
        })
    };
    if items.is_empty() {
        return None;
    }
    let mut joined = short(u)?.text.trim().to_string();
    let mut best: Option<ListedLines> = None;
    for k in u + 1..u + MAX_LISTED_TITLE_LINES {
        let Some(next) = short(k) else { break };
        let t = next.text.trim();
        // A heading of its own (`PART I …` ⏎ `Chapter 1 …`, `第二章 …` ⏎ `第一节`)
        // goes on no title.
        if patterns::recognise(t).is_some() {
            break;
        }
        // (`Ⅰ` ⏎ `港の朝`: a numeral and its title are two words.)
        let sep = if patterns::bare_numeral_value(&joined).is_some() { " " } else { label_separator(&joined, t) };
        joined = format!("{joined}{sep}{t}");
        let whole = Unit { text: joined.clone(), single_line: true, ..units[u].clone() };
        // One entry: two entries' join (a part's over its first chapter's) is two headings.
        let Some(hit) = match_toc(items, cursor, &whole).filter(|h| h.split.is_none()) else {
            continue;
        };
        let key: String = hit.items.iter().map(|&m| items[m].key.as_str()).collect();
        let score = evidence::similarity(&title_key(&joined), &key);
        // (On a tie the join that takes in more entries wins: the contents
        // wrapped the entry where the page wrapped the heading.)
        let wins =
            |b: &ListedLines| score > b.score + 1e-9 || (score > b.score - 1e-9 && hit.items.len() > b.hit.items.len());
        if best.as_ref().is_none_or(wins) {
            best = Some(ListedLines { score, taken: k - u + 1, text: joined.clone(), hit });
        }
    }
    best
}

/// Share of the prose paragraphs whose first line is indented at or over
/// which the indent, not a blank line, is what opens a paragraph.
const MIN_INDENTED_PARAGRAPH_SHARE: f64 = 0.8;

/// ` 3月6日，县政府召开…` ⏎ … ⏎ `全镇清理河道垃圾` ⏎ ` 3月18日，…`, ` The
/// crew rowed out at dawn…` ⏎ `The Second Day` ⏎ ` By noon…`: where
/// paragraphs open with an indented first line and (nearly) none after a
/// blank line, a line set flush stands apart from the paragraph before it as
/// a line after a blank line does. pypdf keeps each paragraph's leading
/// space and loses the blank lines, yet a title page or a page break may
/// leave a few, so the repair stage need not have read the text as one
/// without blank lines. Only the reading of the gap changes; no text does.
fn outdented_units_stand_apart(units: &mut [Unit]) {
    let prose: Vec<&Unit> = units.iter().filter(|u| is_prose(u)).collect();
    let share = |n: usize| n as f64 / prose.len().max(1) as f64;
    let indented = prose.iter().filter(|u| u.indent > 0).count();
    let after_gap = prose.iter().filter(|u| u.after_gap).count();
    if prose.len() < MIN_SECTION_ITEMS
        || share(indented) < MIN_INDENTED_PARAGRAPH_SHARE
        || share(after_gap) > 1.0 - MIN_INDENTED_PARAGRAPH_SHARE
    {
        return;
    }
    // (A flush line that ends a page is the page's foot, a running head or a
    // note, not a title over what follows.)
    for u in 0..units.len() {
        let ends_a_page = units.get(u + 1).is_some_and(|n| n.page_top);
        if units[u].indent == 0 && !ends_a_page {
            units[u].after_gap = true;
        }
    }
}

/// `第二竟 钟表铺` among `第一章 回镇` and `第三章 旧账本`: OCR misread the
/// unit of one chapter label as a look-alike (`草`, `音`, `竟`). In a document
/// whose other chapter labels read `章`, the label is mended and the change
/// recorded, so the heading is found and named as printed.
fn mend_misread_chapter_units(mut units: Vec<Unit>, report: &mut Report) -> Vec<Unit> {
    let reads_chapters = units
        .iter()
        .any(|u| patterns::recognise(&u.text).is_some_and(|f| f.family == Family::Chapter && f.text.contains('章')));
    if !reads_chapters {
        return units;
    }
    for unit in units.iter_mut().filter(|u| !wider_than(u.text.trim(), MAX_CHAPTER_TITLE_WIDTH)) {
        if let Some(mended) = patterns::mend_misread_chapter_unit(&unit.text) {
            report.repairs.push(Repair::new(
                Rule::HeadingMarker,
                "ocr_misread_chapter_unit",
                unit.span,
                unit.text.trim(),
                mended.clone(),
            ));
            unit.text = mended;
        }
    }
    units
}

/// `第四章` ⏎ `第一节` ⏎ `保洁管理` ⏎ `保洁责任`: a chapter that opens with a
/// section, its two labels read before their two titles (each label and title
/// pair sat on one printed line, divided by a wide space). Put each title
/// back after its label, in order.
fn pair_stacked_labels(mut units: Vec<Unit>, report: &mut Report) -> Vec<Unit> {
    let is_label = |u: &Unit| is_bare_part_number(u) || is_bare_section_number(u);
    let is_title = is_title_line;
    let mut i = 0;
    while i < units.len() {
        let labels = units[i..].iter().take_while(|u| is_label(u)).count();
        if labels < 2 {
            i += 1;
            continue;
        }
        let titles = units[i + labels..].iter().take(labels).take_while(|u| is_title(u)).count();
        // The unit after the titles must not be another title (then they are not this run's).
        let exact = titles == labels && units.get(i + 2 * labels).is_none_or(|u| !is_title(u));
        if exact {
            let before: Vec<String> = units[i..i + 2 * labels].iter().map(|u| u.text.trim().to_string()).collect();
            let titles: Vec<Unit> = units.drain(i + labels..i + 2 * labels).collect();
            for (k, title) in titles.into_iter().enumerate() {
                units.insert(i + 2 * k + 1, title);
            }
            let after: Vec<String> = units[i..i + 2 * labels].iter().map(|u| u.text.trim().to_string()).collect();
            report.repairs.push(Repair::new(
                Rule::HeadingMarker,
                "stacked_labels_paired",
                (units[i].span.0, units[i + 2 * labels - 1].span.1.max(units[i].span.1)),
                before.join("\n"),
                after.join("\n"),
            ));
        }
        i += labels;
    }
    units
}

/// `1.2` ⏎ `調査の方法` ⏎ prose: `pdftotext` reads a section's number and
/// its title as two blocks when a wide space divides them. A dotted number
/// alone, a title line, then prose, are one heading (`1.2 調査の方法`); a
/// table's figures (`7.6` ⏎ `固定资产投资` ⏎ `9.2`) have no prose after them.
fn attach_bare_section_numbers(units: Vec<Unit>, report: &mut Report) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut units = units.into_iter().peekable();
    while let Some(unit) = units.next() {
        let title = units.peek().filter(|t| is_title_line(t));
        if !is_bare_section_number(&unit) || title.is_none() || !opens_a_section(&out) {
            out.push(unit);
            continue;
        }
        let title = units.next().expect("peeked");
        if !units.peek().is_some_and(is_prose) {
            out.push(unit);
            out.push(title);
            continue;
        }
        let (number, name) = (unit.text.trim(), title.text.trim());
        let text = format!("{number} {name}");
        report.repairs.push(Repair::new(
            Rule::HeadingMarker,
            "bare_section_number_over_title",
            (unit.span.0, title.span.1),
            format!("{number}\n{name}"),
            text.clone(),
        ));
        out.push(Unit { text, span: (unit.span.0, title.span.1), ..unit });
    }
    out
}

/// Whether a section can open after `before`: at the start, after prose or
/// a heading pattern, or after a chapter's title set under its label
/// (`第1章` ⏎ `調査の概要` ⏎ `1.1`) — not after a table's cell (`固定资产投资` ⏎ `9.2`).
fn opens_a_section(before: &[Unit]) -> bool {
    let Some((last, earlier)) = before.split_last() else { return true };
    is_prose(last)
        || patterns::recognise(&last.text).is_some()
        || is_title_line(last) && earlier.last().is_some_and(is_bare_part_number)
}

/// `一` ⏎ prose ⏎ … ⏎ `二` ⏎ prose, `I` ⏎ … ⏎ `II` ⏎ …: numbers alone on
/// their lines, each over prose, that count up from one (again in each
/// chapter) are a chapter's untitled sections, blank lines around them or
/// not. One such line alone proves nothing (`一` ⏎ `滴，一滴…` is a line
/// the extractor broke after its first character), nor does a number over a
/// title (`I.` ⏎ `THE LETTER` is a chapter's label). A step of up to
/// [`MAX_COUNT_STEP`] keeps the run when a section's number was lost.
fn bare_numeral_sections(units: &[Unit]) -> std::collections::HashSet<usize> {
    let numbered = units.iter().enumerate().filter_map(|(u, unit)| {
        let value = patterns::bare_numeral_value(&unit.text).filter(|_| unit.single_line)?;
        units.get(u + 1).filter(|next| is_prose(next)).map(|_| (u, value))
    });
    let mut sections = std::collections::HashSet::new();
    let mut run: Vec<usize> = Vec::new();
    let mut last = 0;
    for (u, value) in numbered {
        if !run.is_empty() && value > last && value - last <= MAX_COUNT_STEP {
            run.push(u);
            last = value;
            continue;
        }
        if run.len() >= MIN_SECTION_ITEMS {
            sections.extend(run.drain(..));
        }
        run = if value == 1 { vec![u] } else { Vec::new() };
        last = value;
    }
    if run.len() >= MIN_SECTION_ITEMS {
        sections.extend(run);
    }
    sections
}

/// `Ⅱ` ⏎ `港の町で`, `IV` ⏎ `The Harbour`, `附录` ⏎ `问卷样表`, `Appendix` ⏎
/// `Survey Forms`: a heading the extractor read as two lines (a part
/// page's number, or a label word over its title), where the printed
/// contents lists the two as one entry (`Ⅱ 港の町で …… 41`). They are one
/// heading at the entry's level; the contents is the proof, since a
/// numeral over a short line is as often a section's number over its first
/// words. A label that is not a numeral must open the entry's wording, and
/// the two lines together must match the entry better than the second alone
/// (which may be near enough to match it on its own).
fn label_over_listed_title(items: &[Item], cursor: usize, units: &[Unit], u: usize) -> Option<(String, TocHit)> {
    let (unit, next) = (&units[u], units.get(u + 1)?);
    if !(unit.single_line && next.single_line) {
        return None;
    }
    let (label, title) = (unit.text.trim(), next.text.trim());
    let numeral = patterns::bare_numeral_value(label).is_some();
    // (A title with a heading pattern of its own is a heading of its own: `PART I` ⏎ `Chapter 1 …`.)
    if !numeral
        && (has_prose_punct(label)
            || wider_than(label, MAX_CHAPTER_TITLE_WIDTH)
            || patterns::recognise(title).is_some())
    {
        return None;
    }
    let joined =
        if numeral { format!("{label} {title}") } else { format!("{label}{}{title}", label_separator(label, title)) };
    let whole = Unit { text: joined.clone(), single_line: true, ..unit.clone() };
    let hit = match_toc(items, cursor, &whole).filter(|hit| hit.split.is_none() && hit.items.len() == 1)?;
    let key = &items[hit.items[0]].key;
    let label_key = title_key(label);
    let opens_entry = !label_key.is_empty() && key.starts_with(&label_key) && key.len() > label_key.len();
    let closer = evidence::similarity(&title_key(&joined), key) > evidence::similarity(&title_key(title), key);
    (numeral || opens_entry && closer).then_some((joined, hit))
}

/// `1.2`, `３．１`, `2.3.1.` alone on a line: a section's number without its
/// title. (One number alone, `3`, is a folio as often.)
fn is_bare_section_number(unit: &Unit) -> bool {
    static DOTTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,3}(?:\.\d{1,3}){1,4}\.?$").unwrap());
    // The longest such number (`999.999.999.999.999.`) is 20 characters, and
    // folding keeps the count: a longer line, as every paragraph is, is out before it is folded.
    const LONGEST_DOTTED_NUMBER: usize = 20;
    let t = unit.text.trim();
    if !unit.single_line || t.chars().nth(LONGEST_DOTTED_NUMBER).is_some() {
        return false;
    }
    let folded: String = t.chars().map(crate::text::fold_width).collect();
    DOTTED.is_match(&folded)
}

/// A short line that can be a title: no sentence in it, no heading pattern of its own.
fn is_title_line(u: &Unit) -> bool {
    let t = u.text.trim();
    u.single_line
        && !wider_than(t, MAX_CHAPTER_TITLE_WIDTH)
        && !has_prose_punct(t)
        && !ends_sentence(t)
        && patterns::recognise(t).is_none()
}

/// `第一条`, `第 12 条` alone on a line.
/// `第四章`, `第一节`, `第二卷` alone on a line: a part's number without its title.
fn is_bare_part_number(unit: &Unit) -> bool {
    unit.single_line
        && patterns::recognise(&unit.text).is_some_and(|f| {
            matches!(f.family, Family::Chapter | Family::Section | Family::Volume) && is_bare_number(&f.text)
        })
}

/// `第 7 條` alone on a line, in a statute whose printed contents lists its
/// articles, but not this one: OCR garbled its entry (`第7人條`) or dropped
/// it. It is a heading like its listed siblings: beside the article before
/// it, or one level under the chapter or section that holds it.
fn unlisted_article(drafts: &[Draft], unit: &Unit) -> Draft {
    let level = drafts.iter().rev().find_map(|d| match d {
        Draft::Heading { level: Some(l), family, .. } => {
            Some(if *family == Some(Family::Article) { *l } else { (*l + 1).min(6) })
        }
        _ => None,
    });
    heading(&unit.text, level, Some(Family::Article), false)
}

fn is_detached_label(unit: &Unit) -> bool {
    unit.single_line
        && patterns::recognise(&unit.text)
            .is_some_and(|f| f.family == Family::Article && is_bare_number(&f.text) && f.text == unit.text.trim())
}

/// A paragraph's worth of text: sentence punctuation, or longer than a title.
fn is_prose(unit: &Unit) -> bool {
    let t = unit.text.trim();
    has_prose_punct(t) || ends_sentence(t) || wider_than(t, MAX_SHORT_HEADING_WIDTH)
}

/// The unit after `u` and its contents item, when `u` matched a label-only
/// item (no page) and the next unit is the item after it.
fn label_then_title<'a>(items: &[Item], hit: &TocHit, units: &'a [Unit], u: usize) -> Option<(usize, &'a Unit)> {
    let &[k] = hit.items.as_slice() else { return None };
    let label = patterns::recognise(&units[u].text).filter(|f| {
        matches!(f.family, Family::Chapter | Family::Episode | Family::Volume | Family::Section)
            && is_bare_number(&f.text)
    });
    if hit.split.is_some() || items[k].page.is_some() || label.is_none() {
        return None;
    }
    let next = units.get(u + 1).filter(|n| n.single_line)?;
    items.get(k + 1).filter(|item| evidence::matches_line(item, &next.text)).map(|_| (k + 1, next))
}

/// The title line after a bare chapter number (`CHAPTER I.`, `第一章`, `Chapter 12`),
/// when the next unit is a short title-like line that is not a heading of its own.
fn title_after_bare_number<'a>(units: &'a [Unit], u: usize, found: &Found) -> Option<&'a str> {
    if !matches!(found.family, Family::Chapter | Family::Episode | Family::Volume | Family::Section)
        || !is_bare_number(&found.text)
    {
        return None;
    }
    let next = units.get(u + 1)?;
    let t = next.text.trim();
    // `Mrs. Hollis Pays a Call`: an abbreviation's stop ends no sentence.
    let plain = patterns::without_abbreviation_stops(t);
    let title_like = next.single_line
        && display_width(t) <= MAX_SHORT_HEADING_WIDTH
        && !has_prose_punct(&plain)
        && (!ends_sentence(t) || is_capitals_with_full_stop(&plain))
        // (A chapter's title may be a part's name: `第1章` ⏎ `绪论`; a part's
        // label stands over its first chapter's, `PART ONE` ⏎ `Prologue`.)
        && patterns::recognise(t).is_none_or(|f| f.family == Family::Named && found.family == Family::Chapter)
        && units.get(u + 2).is_none_or(|after| {
            display_width(&after.text) > display_width(t)
                || has_prose_punct(&after.text)
                || patterns::recognise(&after.text).is_some()
        });
    title_like.then_some(t)
}

/// `2.1 Energy Harvesting` ⏎ `Platforms` ⏎ prose, `3.2 冰面积雪对` ⏎
/// `溶解氧的影响` ⏎ prose: a numbered heading set in a narrow column (a
/// two-column paper's), its title wrapped onto a second line. The second
/// line follows with no blank line, is no wider than the first, reads as
/// the title going on (a capital or a CJK character first, no sentence
/// punctuation, no heading pattern of its own), and prose comes after it:
/// an unnumbered heading under a numbered one would stand over prose too,
/// but is not narrower than a heading line that wrapped.
fn numbered_title_wrapped<'a>(units: &'a [Unit], u: usize, found: &Found) -> Option<&'a str> {
    if !matches!(found.family, Family::Numbered1 | Family::Numbered2 | Family::Numbered3)
        || found.text != units[u].text.trim()
    {
        return None;
    }
    let head = units[u].text.trim();
    let next = units.get(u + 1).filter(|n| n.single_line && (!n.after_gap || n.no_blank_lines))?;
    let t = next.text.trim();
    let goes_on = t.chars().next().is_some_and(|c| c.is_uppercase() || is_cjk(c));
    let fits = display_width(t) <= display_width(head)
        && !wider_than(&format!("{head} {t}"), MAX_SHORT_HEADING_WIDTH)
        && !has_prose_punct(t)
        && !ends_sentence(t)
        && !ends_sentence(head)
        && t.chars().any(char::is_alphabetic)
        && patterns::recognise(t).is_none()
        && !patterns::is_caption(t);
    (goes_on && fits && units.get(u + 2).is_some_and(is_prose)).then_some(t)
}

/// `…the predictor described in` ⏎ `Section 2.2.`, `…décrits à la` ⏎ `Section 4.`: a
/// line shaped like a heading that closes the sentence the paragraph before
/// it left open is that paragraph's last line (the wrap rules leave a line
/// with a heading's shape alone). The paragraph must stop on a word or a
/// comma — a colon may announce a list or a heading — and the line must end
/// its sentence, as no heading does. (CJK text is joined across such a
/// line in the repair stage already.)
fn closes_a_run_on_sentence(units: &[Unit], u: usize) -> bool {
    let Some(before) = u.checked_sub(1).map(|p| units[p].text.trim()) else { return false };
    let line = units[u].text.trim();
    let left_open = before.ends_with(|c: char| c.is_alphanumeric() || matches!(c, ',' | '，' | '、'));
    units[u].single_line
        && is_prose(&units[u - 1])
        && !ends_sentence(before)
        && left_open
        && line.ends_with(['.', '。'])
        && !line.ends_with("..")
        && patterns::recognise(line).is_some()
}

/// `THE STRANGER AT THE INN.`: a title in capitals closed by a full
/// stop, as plain-text e-books set them under `CHAPTER I.` — not a sentence.
fn is_capitals_with_full_stop(t: &str) -> bool {
    t.strip_suffix('.').is_some_and(|body| {
        body.chars().any(char::is_uppercase) && !body.chars().any(|c| c.is_lowercase() || matches!(c, '.' | '!' | '?'))
    })
}

/// `CHAPTER I.`, `Chapter 12`, `第一章`, `第3回`: a number with no title after it.
fn is_bare_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', '．', ':', '：']);
    let words: Vec<&str> = t.split_whitespace().collect();
    match words.as_slice() {
        // `第 10 章`: a typesetter that spaces digits from CJK text (Typst,
        // xeCJK) leaves spaces inside the label; without them it is one word.
        // (OCR spaces them too, on one side only: `第1 章`.)
        [_, _, _] | [_, _] if t.starts_with('第') => {
            // (An article's unit is no part's: `第 12 條`.)
            let word = words.concat();
            patterns::numbering_label(t) == Some(t) || (word.ends_with(['条', '條']) && word.chars().count() <= 6)
        }
        [_, _] => t.is_ascii(),
        // `BOOK THE FIRST`, `PART THE SECOND`.
        [_, the, _] => t.is_ascii() && the.eq_ignore_ascii_case("the"),
        [one] => (one.starts_with('第') && one.chars().count() <= 6) || patterns::is_spelled_chapter_number(one),
        _ => false,
    }
}

/// `一、ピン` ⏎ `二、リャン`: numbered lines next to each other (no blank line
/// between) are a list in the text, not headings.
fn is_list_item(units: &[Unit], u: usize, family: Family) -> bool {
    if !family.is_numbered() {
        return false;
    }
    let same = |k: usize| units.get(k).and_then(heading_by_pattern).is_some_and(|f| f.family == family);
    let next_adjacent = units.get(u + 1).is_some_and(|n| !n.after_gap) && same(u + 1);
    let prev_adjacent = !units[u].after_gap && u > 0 && same(u - 1);
    next_adjacent || prev_adjacent
}

/// A heading recognised by its pattern (single lines only).
fn heading_by_pattern(unit: &Unit) -> Option<Found> {
    if !unit.single_line {
        return None;
    }
    if let Some(found) = patterns::recognise(&unit.text) {
        // An article label alone (`第三十条`, its text on the next line) is no heading either.
        return (found.family != Family::Article).then_some(found);
    }
    let t = unit.text.trim();
    (unit.letter_spaced && !ends_sentence(t)).then(|| Found { family: Family::LetterSpaced, text: t.to_string() })
}

/// `◆要闻　市政府召开会议，…`, `第三章　总则　本章…`: a patterned title, a wide
/// space, then the text it heads. A statute's article label (`第十三条　本条例
///自公布之日起施行。`) opens its paragraph and stays in it: articles are not
/// headings unless the printed contents lists them.
fn run_in_by_pattern(unit: &Unit) -> Option<(Found, &str)> {
    let t = unit.text.trim();
    // The title comes first: look for its separator near the start only.
    let window = &t[..t.char_indices().nth(MAX_SHORT_HEADING_WIDTH).map_or(t.len(), |(i, _)| i)];
    let at = window.find('\u{3000}').or_else(|| window.find("  "))?;
    let (head, rest) = (&t[..at], &t[at..]);
    let rest = rest.trim_start();
    if display_width(head) > MAX_SHORT_HEADING_WIDTH
        || rest.is_empty()
        || !(has_prose_punct(rest) || ends_sentence(rest))
    {
        return None;
    }
    let found = patterns::cjk_chapter(head)
        .or_else(|| patterns::symbol_framed_banner(head))
        .or_else(|| patterns::latin_chapter(head))?;
    (found.family != Family::Article).then_some((found, rest))
}

/// Whether short stand-alone lines before prose are rare enough to be
/// headings, not the text itself (verse, lists, dialogue). Only lines shaped
/// like a heading that stand before prose count: an essay's date lines and a
/// bulletin's source lines (`（县发展改革委供稿）`) are short too, but follow
/// their prose, and must not silence the headings.
fn short_lines_are_rare(units: &[Unit]) -> bool {
    let short = (0..units.len())
        .filter(|&u| has_heading_shape(units, u) && next_is_prose(units, u))
        // (Patterned lines and colon headlines are evidence of their own.)
        .filter(|&u| patterns::recognise(&units[u].text).is_none() && !patterns::is_colon_headline(&units[u].text))
        .count();
    short <= MIN_SHORT_LINES_ALLOWED || (short as f64) <= units.len() as f64 * MAX_SHORT_LINE_SHARE
}

/// A single short line after a gap, without sentence punctuation, starting
/// like a title (`The Long Rain`, `雨夜聽蛙`, `2024 Review`), or set right
/// under a section label ([`stacked_under_label`]).
fn has_heading_shape(units: &[Unit], u: usize) -> bool {
    let unit = &units[u];
    (unit.after_gap || unit.no_blank_lines || stacked_under_label(units, u)) && is_title_shaped(unit)
}

/// `本周要闻` ⏎ `区政府召开…会` ⏎ prose, `Kitchen Notes` ⏎ `Sharpening a Knife` ⏎
/// prose: a section label and its first item's title set as one block, with
/// no blank line between them (pdftotext keeps a label and a title that
/// follow closely together). The title stands apart as if after a gap when
/// the line above is a short line after a gap, no pattern's heading and no
/// date, ending in a word, and narrower than the title (a title over its
/// author or its own second line is the wider of the two), and prose follows.
fn stacked_under_label(units: &[Unit], u: usize) -> bool {
    let Some(label) = u.checked_sub(1).map(|p| &units[p]) else { return false };
    let (l, t) = (label.text.trim(), units[u].text.trim());
    !units[u].after_gap
        && label.after_gap
        && is_title_shaped(label)
        && patterns::recognise(l).is_none()
        && !patterns::is_date_line(l)
        && !patterns::is_colon_headline(l)
        && display_width(l) < display_width(t)
        // A label names a kind of item; one that counts (`附件1`, `Annex 2`) numbers its own title.
        && l.ends_with(char::is_alphabetic)
        && next_is_prose(units, u)
        && labels_more_titles(units, u)
}

/// A label heads more than the title right under it: before the next pair
/// of short lines, another short line after a gap stands over prose (an
/// attachment's number over its one title heads nothing more).
fn labels_more_titles(units: &[Unit], u: usize) -> bool {
    let standing = |k: usize| units[k].after_gap && is_title_shaped(&units[k]);
    (u + 1..units.len())
        .take_while(|&k| !(standing(k) && units.get(k + 1).is_some_and(|n| !n.after_gap && is_title_shaped(n))))
        .any(|k| standing(k) && next_is_prose(units, k) && nothing_runs_into(units, k))
}

/// A single short line without sentence punctuation, starting like a title.
fn is_title_shaped(unit: &Unit) -> bool {
    let t = unit.text.trim();
    unit.single_line
        && !wider_than(t, MAX_SHORT_HEADING_WIDTH)
        && (!has_prose_punct(t) || patterns::is_colon_headline(t))
        && !ends_sentence(t)
        && !t.ends_with(|c: char| crate::text::is_clause_punct(c))
        && t.chars().next().is_some_and(|c| c.is_uppercase() || is_cjk(c) || c.is_numeric())
        // (A number alone, `3`, is a folio the page rhythm missed, not a title.)
        && t.chars().any(|c| c.is_alphabetic())
        && !opens_with_a_quantity(t)
        && !patterns::is_aside(t)
        && !patterns::is_caption(t)
}

/// `1 cup pumpkin seeds`, `½ cup water`, `2 cuillères de sucre`: a number
/// then a word in lower case counts things (a recipe's or a kit list's
/// item), it does not open a title — a title after a number starts with a
/// capital (`2024 Review`, `3 Ways Home`), as the numbered-heading pattern
/// also asks.
fn opens_with_a_quantity(t: &str) -> bool {
    let rest = t.trim_start_matches(|c: char| c.is_numeric() || matches!(c, '.' | ',' | '/' | '⁄'));
    rest.len() < t.len() && rest.trim_start().chars().next().is_some_and(char::is_lowercase)
}

/// Headlines led by a name and a colon (`东岭村：…`) are a family: a
/// bulletin titles several reports so. One such line alone is more likely a
/// label that opens its paragraph or signs the page.
fn colon_headlines_recur(units: &[Unit]) -> bool {
    let headlines = (0..units.len())
        .filter(|&u| patterns::is_colon_headline(&units[u].text) && is_short_heading_line(units, u))
        .count();
    headlines >= MIN_SECTION_ITEMS
}

/// The unit after `u` is prose, and more than twice as wide.
fn next_is_prose(units: &[Unit], u: usize) -> bool {
    let t = units[u].text.trim();
    units.get(u + 1).is_some_and(|n| {
        has_prose_punct(&n.text)
            && !(n.single_line && patterns::is_colon_headline(&n.text))
            && display_width(&n.text) > 2 * display_width(t)
    })
}

/// Nothing before unit `u` runs on into it: the document starts, the last
/// paragraph ended its sentence, or the unit before is a heading by its
/// pattern or a short line of its own (an essay's closing date `一九九八年秋`,
/// a source line `（供稿）`, a signature), which no paragraph continues from.
fn nothing_runs_into(units: &[Unit], u: usize) -> bool {
    let Some(p) = u.checked_sub(1).map(|p| &units[p]) else { return true };
    let t = p.text.trim();
    ends_sentence(t)
        || patterns::recognise(t).is_some()
        || (p.single_line && !wider_than(t, MAX_SHORT_HEADING_WIDTH) && !t.ends_with(crate::text::is_clause_punct))
}

/// A short line standing alone between a paragraph end and prose: a heading by layout.
///
/// `The Long Rain` between blank lines, after a paragraph that ended and
/// before one that begins, with no sentence punctuation.
fn is_short_heading_line(units: &[Unit], u: usize) -> bool {
    has_heading_shape(units, u)
        && next_is_prose(units, u)
        && nothing_runs_into(units, u)
        && !inside_open_quotation(units, u)
        && !is_table_row(units, u)
}

/// `按键　功能` ⏎ `电源键　开机或关机` ⏎ `模式键　切换运行模式`, `Model  Weight` ⏎
/// `K-2  14 kg`: short lines whose cells a wide space divides, one under
/// another, are a table's rows (the extractor reads a table row by row), not
/// titles. One title may hold such a space (`第一章　总则`); two such lines
/// next to each other are a table.
fn is_table_row(units: &[Unit], u: usize) -> bool {
    let row = |k: usize| units.get(k).is_some_and(|x| x.single_line && has_cell_gap(x.text.trim()));
    row(u) && (u.checked_sub(1).is_some_and(row) || row(u + 1))
}

/// A gap between two cells of a row: an ideographic space, two or more
/// spaces, or one space between two ideographs (CJK text puts no space
/// between its words; extractors turn a wide gap into one).
fn has_cell_gap(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    chars
        .windows(3)
        .any(|w| w[1] == '\u{3000}' || (w[1] == ' ' && (w[0] == ' ' || w[2] == ' ' || (is_cjk(w[0]) && is_cjk(w[2])))))
}

/// Most short lines a quotation may hold between the paragraph that opens
/// it and the one that closes it (a quoted label's lines: name, title, date).
const MAX_QUOTED_LINES: usize = 3;

/// `…表紙には「北浜市場` ⏎ `売り場案内` ⏎ `昭和三十年` ⏎ `改訂」と刷ってある。`:
/// short lines between a paragraph that opens a corner-bracket quotation
/// and one that closes it are the quotation, set line by line as printed
/// (a label, a sign), not titles. Both ends must show: an opener lost to OCR
/// or a quotation that runs over paragraphs proves nothing alone.
fn inside_open_quotation(units: &[Unit], u: usize) -> bool {
    let balance = |k: usize| {
        let t = &units[k].text;
        let opens = t.chars().filter(|c| matches!(c, '「' | '『')).count();
        let closes = t.chars().filter(|c| matches!(c, '」' | '』')).count();
        opens as isize - closes as isize
    };
    let quoted_line = |k: usize| {
        units[k].single_line && !wider_than(units[k].text.trim(), MAX_SHORT_HEADING_WIDTH) && balance(k) == 0
    };
    let opened = (0..u).rev().take(MAX_QUOTED_LINES + 1).find(|&k| !quoted_line(k)).is_some_and(|k| balance(k) > 0);
    let closed =
        (u + 1..units.len()).take(MAX_QUOTED_LINES + 1).find(|&k| !quoted_line(k)).is_some_and(|k| balance(k) < 0);
    balance(u) == 0 && opened && closed
}

/// A short line standing alone right over a heading by layout: it may label
/// a section whose items have titles of their own.
fn could_label(units: &[Unit], u: usize) -> bool {
    has_heading_shape(units, u)
        && patterns::recognise(&units[u].text).is_none()
        // An essay's closing date (`二〇〇八年十月` ⏎ next title) labels nothing.
        && !patterns::is_date_line(&units[u].text)
        && nothing_runs_into(units, u)
        && u + 1 < units.len()
        && is_layout_title(units, u + 1)
        // A running head over its own chapter's title (`Low Tide` ⏎ `THREE Low Tide`) labels nothing.
        && !title_key(&units[u + 1].text).contains(&title_key(&units[u].text))
}

/// A heading by layout alone: a short line before prose that no pattern
/// names (a chapter pattern, `THREE Low Tide`, heads a chapter, not an item).
fn is_layout_title(units: &[Unit], u: usize) -> bool {
    is_short_heading_line(units, u) && patterns::recognise(&units[u].text).is_none()
}

/// A section label (`本周要闻` ⏎ `区政府召开…会` ⏎ prose ⏎ `我县举办…会` ⏎ prose):
/// a short line over an item's title whose section goes on to at least one
/// more titled item before the next such line. An essay's closing date
/// (`一九九八年秋` ⏎ next essay's title) heads one title only, and is no label.
fn is_section_label(units: &[Unit], u: usize) -> bool {
    if u == 0 || !could_label(units, u) {
        return false;
    }
    let end = (u + 1..units.len()).find(|&k| could_label(units, k)).unwrap_or(units.len());
    (u + 1..end).filter(|&k| is_layout_title(units, k)).count() >= MIN_SECTION_ITEMS
}

/// Give every heading a level: the TOC's where it named the heading; else
/// from its family (the families present, ranked, become levels 1, 2, …),
/// placed under the TOC's levels when a TOC exists.
fn assign_levels(drafts: &mut [Draft]) {
    let mut family_level: HashMap<Family, HashMap<u8, usize>> = HashMap::new();
    let mut toc_max = 0u8;
    let mut free: Vec<Family> = Vec::new();
    for d in drafts.iter() {
        if let Draft::Heading { level, family, .. } = d {
            match (level, family) {
                (Some(l), Some(f)) => {
                    *family_level.entry(*f).or_default().entry(*l).or_insert(0) += 1;
                    toc_max = toc_max.max(*l);
                }
                (Some(l), None) => toc_max = toc_max.max(*l),
                (None, Some(f)) => free.push(*f),
                (None, None) => {}
            }
        }
    }
    free.sort_unstable();
    free.dedup();
    // Named parts (`Abstract`, `后记`) take the top level of the others.
    free.retain(|f| *f != Family::Named);
    let known: HashMap<Family, u8> = family_level
        .into_iter()
        .filter_map(|(f, counts)| {
            counts.into_iter().max_by_key(|&(l, n)| (n, std::cmp::Reverse(l))).map(|(l, _)| (f, l))
        })
        .collect();
    let mut known = known;
    for f in &free {
        if let Some(l) = level_over_held(*f, &known).filter(|_| !known.contains_key(f)) {
            known.insert(*f, l);
        }
    }
    let unplaced: Vec<Family> = free.into_iter().filter(|f| !known.contains_key(f)).collect();
    let top_level = if toc_max > 0 { known.values().copied().min().unwrap_or(1) } else { 1 };
    // A named part met in every chapter (`Summary`, `Key terms`) is a section
    // of each chapter, one level below it; met once (`Preface`), it stands
    // beside the chapters.
    let mut named_count: HashMap<String, usize> = HashMap::new();
    let mut chapters = false;
    for d in drafts.iter() {
        if let Draft::Heading { text, family: Some(f), .. } = d {
            if *f == Family::Named {
                *named_count.entry(title_key(text)).or_default() += 1;
            }
            chapters |= matches!(f, Family::Chapter | Family::Volume | Family::Episode);
        }
    }
    for d in drafts.iter_mut() {
        if let Draft::Heading { level: level @ None, family, text, .. } = d {
            let f = family.unwrap_or(Family::ShortLine);
            if f == Family::Named && !known.contains_key(&f) {
                let per_chapter = chapters && named_count.get(&title_key(text)).is_some_and(|&n| n >= 2);
                *level = Some(if per_chapter { top_level + 1 } else { top_level });
                continue;
            }
            *level = Some(match known.get(&f) {
                Some(l) => *l,
                None => (toc_max as usize + 1 + unplaced.iter().position(|x| *x == f).unwrap_or(0)).min(6) as u8,
            });
        }
    }
}

/// A family of parts the contents page left out (`PART ONE` over chapters
/// it listed at level 2, the part lines lost to the extractor) sits one level
/// above the highest family it holds, when no family that holds it has that
/// level. Only families whose rank is their meaning count: volumes, chapters,
/// sections and numberings; a short line or a named part proves nothing.
fn level_over_held(f: Family, known: &HashMap<Family, u8>) -> Option<u8> {
    let ranked = |g: Family| {
        g.is_numbered() || matches!(g, Family::Volume | Family::Chapter | Family::Episode | Family::Section)
    };
    if !ranked(f) {
        return None;
    }
    let held = known.iter().filter(|(g, _)| ranked(**g) && **g > f).map(|(_, l)| *l).min()?;
    let holders = known.iter().filter(|(g, _)| ranked(**g) && **g < f).map(|(_, l)| *l).max().unwrap_or(0);
    (held >= 2 && held - 1 > holders).then_some(held - 1)
}

/// Text enough to tell the language (the first units; the whole of a novel is not needed).
fn sample_text(units: &[Unit]) -> String {
    const SAMPLE_CHARS: usize = 20_000;
    let mut s = String::new();
    for u in units {
        if s.len() > SAMPLE_CHARS * 3 {
            break;
        }
        s.push_str(&u.text);
        s.push('\n');
    }
    s
}

/// A centred title read with `-layout` keeps the page's runs of spaces
/// between its pieces: a run becomes its first space (an ideographic space
/// stays one).
fn close_space_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut after_space = false;
    for c in s.chars() {
        if !(c.is_whitespace() && after_space) {
            out.push(c);
        }
        after_space = c.is_whitespace();
    }
    out
}

/// Most characters of the last line of a wrapped CJK title on its own (`書`).
const MAX_TITLE_REMNANT_CHARS: usize = 2;

/// A title page at the very top: a few short lines before the first heading
/// (`西遊記` / `明．吳承恩` / `第一回 …`), or `《书名》` alone. The first line is
/// the title; a name-like line the author (`作者：某某`, `林远 著`, `by Jane
/// Doe`); a CJK line right after the title that is not a name continues it
/// (`松原区农村供水设施` / `工作评估报告`). Moved into metadata, recorded.
fn take_title_page(units: &mut Vec<Unit>, toc: &[Item], metadata: &mut Metadata, report: &mut Report) {
    // A half-title before the title page repeats the title: one is enough.
    if units.len() >= 2
        && units[0].single_line
        && !title_key(&units[0].text).is_empty()
        && title_key(&units[0].text) == title_key(&units[1].text)
    {
        report.repairs.push(Repair::new(Rule::TitlePage, "half_title", units[0].span, units[0].text.trim(), ""));
        units.remove(0);
    }
    let dated = is_dated_title_page(units);
    // The first may be a title the join rules put back together from its two
    // lines (text with no blank lines, pypdf): short and plain all the same.
    let is_short_plain = |k: usize| {
        let u = &units[k];
        let t = u.text.trim();
        // Under the title, a subtitle in title case may carry a comma, on
        // its first line or on the line it wrapped to (`and Their Keepers, 1802–1879`).
        let subtitle_line = k == 1 || (k == 2 && continues_in_lower_case(t));
        let plain = (!has_prose_punct(t) || (subtitle_line && is_title_cased(t))) && !ends_sentence(t);
        let subtitle = t.starts_with(['—', '―']);
        // A title the printed contents lists is the first chapter's, not the
        // book's; unless a date stands under it, which no chapter's title has.
        let listed = !(k == 0 && dated) && toc.iter().any(|item| evidence::matches_line(item, t));
        (u.single_line || k == 0)
            && display_width(t) <= MAX_TITLE_WIDTH
            && (patterns::recognise(t).is_none() || subtitle)
            && (plain || author_line(t).is_some())
            && !listed
    };
    // A name after `BY` may carry initials (`EDITH M. CARROW`).
    let after_by = |k: usize| {
        k > 0
            && is_by_line(units[k - 1].text.trim())
            && units[k].single_line
            && display_width(units[k].text.trim()) <= MAX_TITLE_WIDTH
    };
    // A long web-novel title (`星渡り　～落ちこぼれ魔導士、…～`) may carry commas
    // when a byline follows it.
    let titled = |k: usize| {
        k == 0
            && units[0].single_line
            && !ends_sentence(&units[0].text)
            && units.get(1).is_some_and(|u| {
                (u.text.starts_with("作者") || u.text.starts_with("著者")) && author_line(&u.text).is_some()
            })
    };
    let block = (0..units.len().min(MAX_TITLE_PAGE_LINES_WITH_AUTHOR + 1))
        .take_while(|&k| is_short_plain(k) || after_by(k) || titled(k))
        .count();
    let Some(first) = units.first() else { return };
    let t = first.text.trim();
    let bracketed = t.starts_with('《') && t.ends_with('》') && t.chars().count() > 2;
    let heading_follows = units.get(block).is_some_and(|u| patterns::recognise(&u.text).is_some() || u.letter_spaced);
    // The copyright page closes the title page as a heading would, and names its author.
    let notice = units.get(block).map(|u| u.text.trim()).filter(|t| is_copyright_line(t));
    let has_author = units
        .iter()
        .take(block)
        .skip(1)
        .any(|u| author_line(&u.text).is_some() || capitals_name(&u.text) || is_issuing_body(&u.text))
        || (1..block).any(after_by)
        || (1..block).any(|k| named_by_notice(units[k].text.trim(), notice));
    let too_long = block > MAX_TITLE_PAGE_LINES_WITH_AUTHOR || (block > MAX_TITLE_PAGE_LINES && !has_author);
    if block == 0 || too_long || !(bracketed || has_author || (block >= 2 && (heading_follows || notice.is_some()))) {
        return;
    }
    let mut title =
        if bracketed { t.trim_start_matches('《').trim_end_matches('》').to_string() } else { t.to_string() };
    // A title and its dashed subtitle that the join rules ran together
    // (`工作总结——在…会议上`): the dash parts them.
    if let Some((head, rest)) =
        title.split_once("——").filter(|(head, rest)| !head.trim().is_empty() && !rest.trim().is_empty())
    {
        if !first.single_line && metadata.subtitle.is_none() {
            metadata.subtitle = Some(rest.trim_matches(['—', ' ', '\u{3000}']).to_string());
            title = head.trim().to_string();
        }
    }
    let mut author = None;
    let mut taken = 1;
    let mut title_lines = 1;
    for u in &units[1..block] {
        let line = u.text.trim();
        // The copyright page after the title page is none of its parts, nor
        // is a contents label (`目 錄`) the repair stage left standing.
        if is_copyright_line(line) || crate::repair::toc::is_toc_heading(line) {
            break;
        }
        // `2024-03-25`, `二〇二三年三月`: the date printed on the title page is the book's date.
        if metadata.date.is_none() && patterns::is_date_line(line) {
            metadata.date = Some(line.to_string());
            taken += 1;
            continue;
        }
        if taken >= 2 && metadata.publisher.is_none() && is_publisher_line(line) {
            metadata.publisher = Some(line.to_string());
            taken += 1;
            continue;
        }
        // Below the author, the imprint: publisher, then its city; the date closes the page.
        if author.is_some() && metadata.date.is_none() {
            if is_title_over_text(units, taken, block) {
                break;
            }
            if metadata.publisher.is_none() {
                metadata.publisher = Some(line.to_string());
            }
            taken += 1;
            continue;
        }
        if taken >= 2 && capitals_name(line) {
            author = Some(line.to_string());
            taken += 1;
            continue;
        }
        if author.is_none() {
            // `BY` alone: the name is on the next line (often in capitals).
            if is_by_line(line) {
                taken += 1;
                continue;
            }
            if taken >= 2 && is_by_line(units[taken - 1].text.trim()) {
                author = Some(line.to_string());
                taken += 1;
                continue;
            }
            if let Some(name) = author_line(line) {
                author = Some(name);
                taken += 1;
                continue;
            }
            if named_by_notice(line, notice) {
                author = Some(line.to_string());
                taken += 1;
                continue;
            }
            // `The Harbour Trade` ⏎ `and Their Keepers, 1802–1879`: a subtitle
            // wrapped, its second line going on in lower case.
            if let Some(subtitle) = metadata.subtitle.as_mut().filter(|_| taken == 2 && continues_in_lower_case(line)) {
                subtitle.push(' ');
                subtitle.push_str(line);
                taken += 1;
                continue;
            }
            // `松原区档案局`, `基础架构组`: a report's issuing body stands where an author would.
            if is_issuing_body(line) {
                author = Some(line.to_string());
                taken += 1;
                continue;
            }
            // `——古籍修复手记`, `— A Memoir —`: a dash sets off a subtitle.
            let dashed = line.trim_start_matches(['—', '―', '–', '-', '－']);
            if taken == 1 && dashed.len() < line.len() && metadata.subtitle.is_none() && !dashed.trim().is_empty() {
                metadata.subtitle = Some(dashed.trim().trim_end_matches(['—', '―', '–', '-', '－']).trim().to_string());
                taken += 1;
                continue;
            }
            if is_kana_name(line) && units.get(taken + 1).is_some_and(|u| patterns::is_date_line(u.text.trim())) {
                author = Some(line.to_string());
                taken += 1;
                continue;
            }
            // A CJK title wrapped over two lines, and a remnant of a character
            // or two after them (`…取扱説明` ⏎ `書`) is still the title's.
            let remnant = taken == title_lines && taken > 1 && line.chars().count() <= MAX_TITLE_REMNANT_CHARS;
            if ((taken == 1 && !is_subtitle_under_short_title(line, first)) || remnant) && is_cjk_wrap(&title, line) {
                title.push_str(line);
                taken += 1;
                title_lines += 1;
                continue;
            }
            if taken == 1 && metadata.subtitle.is_none() {
                metadata.subtitle = Some(line.to_string());
                taken += 1;
                continue;
            }
        }
        break;
    }
    for u in &units[..taken] {
        report.repairs.push(Repair::new(
            Rule::TitlePage,
            "short_lines_before_first_heading",
            u.span,
            u.text.trim(),
            "",
        ));
    }
    metadata.title = close_space_runs(&title);
    if let Some(name) = author {
        metadata.authors = vec![Creator::author(recase_capitals(&name))];
    }
    units.drain(..taken);
}

/// Most units from the start of the body searched for a copyright page.
const MAX_COPYRIGHT_PAGE_UNITS: usize = 40;

/// A copyright page near the front (`Copyright © 2019 …`, `ISBN 978-…`)
/// gives the book's ISBN and year to the metadata, when nothing gave them
/// before; its lines stay as front matter, as printed.
fn read_copyright_page(units: &[Unit], metadata: &mut Metadata) {
    for u in units.iter().take(MAX_COPYRIGHT_PAGE_UNITS) {
        for line in u.text.lines() {
            if metadata.identifier.is_none() {
                if let Some(isbn) = isbn_in(line) {
                    metadata.identifier = Some(format!("urn:isbn:{isbn}"));
                }
            }
            if metadata.date.is_none() && is_copyright_line(line) {
                metadata.date = copyright_year(line);
            }
        }
    }
}

/// Least share of a line's words (past the small words) that start with a
/// capital for the line to be set in title case.
const MIN_TITLE_CASE_SHARE: f64 = 0.8;

/// `The Harbour Trade and Their Keepers, 1802–1879`, `Salt, Smoke and
/// Sail`: a Latin line in title case, whose comma is a title's, not prose's
/// (`The boats came in, and we ran.` capitalises one word in five).
fn is_title_cased(t: &str) -> bool {
    const SMALL: [&str; 12] = ["a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "or", "by"];
    let words: Vec<&str> = t.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
    let big: Vec<&str> =
        words.iter().copied().filter(|w| !SMALL.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))).collect();
    let capital = big.iter().filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)).count();
    !t.chars().any(crate::text::is_cjk) && big.len() >= 2 && capital as f64 >= big.len() as f64 * MIN_TITLE_CASE_SHARE
}

/// `Mara Ellison` over `Copyright © 2021 by Mara Ellison.`, `アレクサンドラ・ヴォルコンスカヤ`
/// over `著作権 © 2023 アレクサンドラ・ヴォルコンスカヤ`: a title-page line that the
/// copyright notice right after the page names is the author, however the
/// name is written.
fn named_by_notice(line: &str, notice: Option<&str>) -> bool {
    let name = line.trim();
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !has_prose_punct(name)
        && notice.is_some_and(|n| n.to_lowercase().contains(&name.to_lowercase()))
}

/// A Latin line that opens with a small word in lower case (`and Their
/// Keepers`, `of the Coastal Inns`): it goes on from the line above.
fn continues_in_lower_case(line: &str) -> bool {
    line.chars().next().is_some_and(|c| c.is_ascii_lowercase())
}

/// `CLEMENCY ARDEN` → `Clemency Arden`, `ANNE-MARIE O’NEILL` →
/// `Anne-Marie O’Neill`: a name a title page sets in capitals, as the
/// catalogue writes it. A name in any other case is kept as written.
fn recase_capitals(name: &str) -> String {
    let letters = name.chars().filter(|c| c.is_alphabetic());
    if !name.chars().any(char::is_alphabetic) || letters.clone().any(|c| !c.is_uppercase() || !c.is_ascii()) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if c.is_alphabetic() {
            if word_start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            word_start = false;
        } else {
            out.push(c);
            word_start = matches!(c, ' ' | '-' | '’' | '\'' | '.');
        }
    }
    out
}

/// `海棠巷的猫` ⏎ `——一个兽医的手记` ⏎ `周明` ⏎ `2022-08-01`: a date on the
/// title page (within its first lines) marks it as one even when the
/// printed contents also lists its title (a contents page that ran on into
/// the body's first lines, title and all).
fn is_dated_title_page(units: &[Unit]) -> bool {
    units.iter().take(MAX_TITLE_PAGE_LINES_WITH_AUTHOR).skip(1).any(|u| patterns::is_date_line(u.text.trim()))
}

/// Widest title line (columns: six CJK characters) that is taken for a
/// whole title when a wider line follows it. A long title is broken where
/// the page or the designer's balance wants, so its first line is long too
/// (`2025 年度山区农户` ⏎ `小额信贷政策问答`); a line this short was
/// never pushed to a break.
const MAX_WHOLE_SHORT_TITLE_WIDTH: usize = 12;

/// `灯塔守夜人` ⏎ `一个老船长的口述`, `Harbour` ⏎ `Notes of a Pilot`: a line
/// under a short title line that is wider than it is a subtitle, not the
/// rest of a wrapped title. (A title the join rules already put together is
/// no single line: it says nothing.)
fn is_subtitle_under_short_title(line: &str, first: &Unit) -> bool {
    let width = display_width(first.text.trim());
    first.single_line && width <= MAX_WHOLE_SHORT_TITLE_WIDTH && display_width(line) > width
}

/// `…青年在` ⏎ `地就業…`, `Docker 镜像构建与分` ⏎ `层缓存手册`: a CJK
/// title wrapped between two CJK characters, whatever digits or Latin words
/// the title carries.
fn is_cjk_wrap(title: &str, line: &str) -> bool {
    (is_cjk_text(title) || title.chars().last().is_some_and(is_cjk)) && is_cjk_text(line)
}

/// Most kana of a Japanese given name written in kana (`さくら`, `まこと`).
const MAX_KANA_GIVEN_NAME: usize = 4;

/// `杉浦ゆかり`, `高橋まこと`: a Japanese name, a surname of one to three
/// kanji and a given name in two to four kana. Under a title and over its
/// date it is the author's line (a title line may end in kana too, so the
/// date below it is asked for as well).
fn is_kana_name(t: &str) -> bool {
    let t = t.trim();
    let surname = t.chars().take_while(|c| crate::text::is_han(*c)).count();
    let given: Vec<char> = t.chars().skip(surname).collect();
    let kana = |c: &char| matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー');
    (1..=3).contains(&surname)
        && (2..=MAX_KANA_GIVEN_NAME).contains(&given.len())
        && given.iter().all(kana)
        && !given.iter().any(|c| matches!(c, 'の' | 'は' | 'を' | 'が'))
}

/// `松原区档案局`, `白沙镇文化中心`, `さくら町図書館協会`, `基础架构组`:
/// a body that issues a report, named on its title page under the title.
/// A CJK name ending in a word for an office, a bureau or a society.
fn is_issuing_body(s: &str) -> bool {
    const SUFFIXES: [&str; 23] = [
        "政府",
        "办公室",
        "辦公室",
        "委员会",
        "委員會",
        "局",
        "厅",
        "廳",
        "署",
        "处",
        "處",
        "组",
        "組",
        "中心",
        "研究会",
        "研究會",
        "協会",
        "协会",
        "協會",
        "学会",
        "學會",
        "公司",
        "会社",
    ];
    // A Japanese company's legal form may come first (`株式会社さくら電機`).
    const PREFIXES: [&str; 3] = ["株式会社", "有限会社", "合同会社"];
    let t = s.trim();
    is_cjk_text(t)
        && display_width(t) <= MAX_TITLE_WIDTH / 2
        && !has_prose_punct(t)
        && patterns::recognise(t).is_none()
        && t.chars().count() >= MIN_ISSUING_BODY_CHARS
        && (SUFFIXES.iter().any(|x| t.ends_with(x)) || PREFIXES.iter().any(|x| t.starts_with(x)))
}

/// Whether the title page's line `k`, the last of its `block`, is rather
/// the first section's title: it does not name a publishing house, and
/// the text follows it directly (an essay collection with no contents
/// page: title, author, then the first essay's title over its prose). An
/// imprint closes the title page; a page of prose does not come under it.
/// A line of digits (a year) is no title.
fn is_title_over_text(units: &[Unit], k: usize, block: usize) -> bool {
    let line = units[k].text.trim();
    k + 1 == block
        && line.chars().any(char::is_alphabetic)
        && !is_publisher_line(line)
        && units.get(block).is_some_and(|u| !u.single_line || ends_sentence(&u.text))
}

/// `青岚出版社`, `中华书局`, `Harbour Press`, `岩波文庫`: the publisher's line of a title page.
fn is_publisher_line(s: &str) -> bool {
    const SUFFIXES: [&str; 12] = [
        "出版社",
        "出版公司",
        "出版集团",
        "书局",
        "書局",
        "书店",
        "書店",
        "文庫",
        "Press",
        "Publishers",
        "Publishing",
        "Books",
    ];
    display_width(s) <= MAX_TITLE_WIDTH && SUFFIXES.iter().any(|x| s.ends_with(x)) && !has_prose_punct(s)
}

/// The header of a Chinese official document (GB/T 9704): the masthead
/// `某某市人民政府文件`, the document number `某政〔2024〕17号`, then the title
/// over one to three lines before the addressees (`各区人民政府：`) or the
/// text. The masthead goes (recorded), the number stays as the first
/// paragraph, the title becomes the book's title.
fn take_official_header(units: &mut Vec<Unit>, metadata: &mut Metadata, report: &mut Report) -> bool {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\S{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$").unwrap());
    let masthead = units.first().is_some_and(|u| {
        u.single_line && u.text.trim().ends_with("文件") && display_width(u.text.trim()) <= MAX_TITLE_WIDTH
    });
    if !masthead || !units.get(1).is_some_and(|u| NUMBER.is_match(u.text.trim())) {
        return false;
    }
    let title_lines = units[2..]
        .iter()
        .take(MAX_OFFICIAL_TITLE_LINES)
        .take_while(|u| {
            u.single_line
                && !has_prose_punct(&u.text)
                && !ends_sentence(&u.text)
                && patterns::recognise(&u.text).is_none()
        })
        .count();
    if title_lines == 0 {
        return false;
    }
    report.repairs.push(Repair::new(Rule::TitlePage, "official_masthead", units[0].span, units[0].text.trim(), ""));
    let title: String = units[2..2 + title_lines].iter().map(|u| u.text.trim()).collect();
    for u in &units[2..2 + title_lines] {
        report.repairs.push(Repair::new(Rule::TitlePage, "official_title_after_number", u.span, u.text.trim(), ""));
    }
    metadata.title = title;
    units.drain(2..2 + title_lines);
    units.remove(0);
    true
}

/// `CLEMENCY ARDEN`, `EDITH M. CARROW`: a name set in capitals on a title
/// page (two to four words of capital letters, not starting with an article).
fn capitals_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &&str| {
        w.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '’' | '\'')) && w.chars().any(char::is_alphabetic)
    };
    (2..=4).contains(&words.len()) && words.iter().all(capital) && !matches!(words[0], "THE" | "A" | "AN")
}

fn is_by_line(s: &str) -> bool {
    s.eq_ignore_ascii_case("by") || s == "著" || s == "作者"
}

fn is_cjk_text(s: &str) -> bool {
    crate::text::cjk_share(s) > 0.5
}

/// `作者：某某`, `林远 著`, `明．吳承恩`, `by Jane Doe`, `Ruth Calloway and Jai Menon`.
fn author_line(text: &str) -> Option<String> {
    let t = text.trim();
    if display_width(t) > MAX_TITLE_WIDTH {
        return None;
    }
    for prefix in ["作者：", "作者:", "作者 ", "著者：", "著者 ", "文／", "文/", "by ", "By ", "BY "] {
        if let Some(name) = t.strip_prefix(prefix) {
            let name = name.trim();
            return (!name.is_empty() && !has_prose_punct(name)).then(|| name.to_string());
        }
    }
    if has_prose_punct(t) {
        return None;
    }
    for suffix in ["　著", " 著", "著", " 编著", " 编", " 譯", " 译", " 撰"] {
        if let Some(name) = t.strip_suffix(suffix) {
            let name = name.trim();
            if looks_like_name(name) {
                return Some(name.to_string());
            }
        }
    }
    looks_like_name(t).then(|| name_without_tag(t).to_string())
}

/// A name without its dynasty or nationality tag: `明．吳承恩` → `吳承恩`, `[英]狄更斯` → `狄更斯`.
fn name_without_tag(t: &str) -> &str {
    let t = t.trim();
    match t.char_indices().find(|(_, c)| matches!(c, '．' | '.' | '］' | ']' | '】' | '）' | ')')) {
        Some((i, c))
            if i > 0
                && t[..i].chars().filter(|c| crate::text::is_han(*c)).count() <= 2
                && t[..i].chars().all(|c| crate::text::is_han(c) || "［[【（(".contains(c)) =>
        {
            &t[i + c.len_utf8()..]
        }
        _ => t,
    }
}

/// A personal name: 2–4 Han characters (after a dynasty or nationality tag
/// such as `明．` or `[英]`), a `·`-joined transliteration, or capitalised
/// Latin words joined by `and`/`&`.
fn looks_like_name(t: &str) -> bool {
    let bare = name_without_tag(t);
    let han = bare.chars().filter(|c| crate::text::is_han(*c)).count();
    if han > 0 {
        let only_name_chars = bare.chars().all(|c| crate::text::is_han(c) || matches!(c, '·' | '・' | '、' | ' '));
        return only_name_chars
            && ((2..=MAX_HAN_NAME).contains(&han) || (bare.contains(['·', '・']) && han <= 3 * MAX_HAN_NAME));
    }
    let words: Vec<&str> = bare.split_whitespace().collect();
    // `A Novel`, `The Long Rain`: a name does not begin with an article.
    !matches!(words.first().copied(), Some("A" | "An" | "The"))
        && (2..=MAX_NAME_WORDS).contains(&words.len())
        && words.iter().all(|w| {
            matches!(*w, "and" | "&" | "de" | "van" | "von" | "der" | "la")
                || w.chars().next().is_some_and(char::is_uppercase)
        })
        && words.iter().any(|w| w.len() > 1 && w.chars().skip(1).any(char::is_lowercase))
        && !bare.chars().any(|c| c.is_ascii_digit())
}

/// A run-in split: the title as written and as kept (without a closing `。`),
/// and the start of its paragraph, with the break between.
fn run_in_record(raw_title: &str, title: &str, rest: &str, span: (usize, usize), why: &'static str) -> Repair {
    let start: String = rest.trim().chars().take(12).collect();
    Repair::new(
        Rule::RunInTitle,
        why,
        span,
        format!("{} {start}", raw_title.trim()),
        format!("{}\n{start}", title.trim()),
    )
}

/// Title keys of all headings, for tests and reports.
pub fn heading_keys(doc: &Document) -> Vec<String> {
    doc.outline().iter().map(|e| title_key(&e.text)).collect()
}

/// The space between a heading's label and its title when the extractor set
/// them on two lines: a space, as when both stood on one line (`第一章 总则`,
/// `CHAPTER I. The Letter`); joined with nothing, `第一章总则` would read as
/// one word. (An ideographic space is what the rest of the pipeline takes
/// for the gap before a run-in paragraph, so it is not used here.)
fn label_separator(label: &str, title: &str) -> &'static str {
    let cjk_pair =
        label.trim_end().ends_with(crate::text::is_cjk) && title.trim_start().starts_with(crate::text::is_cjk);
    if cjk_pair {
        " "
    } else {
        crate::text::join_separator(label, title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;
    use crate::repair::repair;

    fn doc(text: &str) -> Document {
        let mut report = Report::default();
        structure(repair(&normalise(text)), &mut report)
    }

    fn outline(d: &Document) -> Vec<(u8, String)> {
        d.outline().into_iter().map(|e| (e.level, e.text)).collect()
    }

    #[test]
    fn bare_numerals_counting_up_are_a_chapters_sections() {
        // No blank lines (pypdf): the numbers stand alone between the paragraphs.
        let ja = "第一話 灯台の坂\n一\n坂の上に古い灯台があった。夜になると、祖父はそこへ油を運んだ。\n「今夜は風が強いな」\n二\n翌朝、町は霧に包まれていた。港の船はどれも動かなかった。\n第二話 霧の港\n一\n霧が晴れたのは三日後のことだった。僕は坂を下りて港へ向かった。\n二\n港には見慣れない船が一艘、静かに泊まっていた。\n";
        assert_eq!(
            outline(&doc(ja)),
            [
                (1, "第一話 灯台の坂".into()),
                (2, "一".into()),
                (2, "二".into()),
                (1, "第二話 霧の港".into()),
                (2, "一".into()),
                (2, "二".into())
            ]
        );
        let en = "The Orchard Gate\n\nWe went out to the orchard after lunch, as we always did in September.\n\nI\n\nThe gate had not been opened since the spring, and the hinges complained when we pushed it.\n\nII\n\nBy evening the rain had come back, and we read by the stove and listened to it on the tin roof.\n\nIII\n\nIn the morning the path was gone under the leaves, and nobody minded.\n";
        let d = doc(en);
        assert_eq!(outline(&d), [(1, "The Orchard Gate".into()), (2, "I".into()), (2, "II".into()), (2, "III".into())]);
        // One number alone counts nothing: a line broken after its first character.
        let broken = "第一章 雨\n\n炉子上的水壶已经响了，\n一\n声，又一声，和楼下的收音机混在一处。\n";
        assert!(outline(&doc(broken)).iter().all(|(_, t)| t != "一"));
    }

    #[test]
    fn a_number_then_a_word_in_lower_case_is_a_quantity_not_a_title() {
        let prose = |s: &str| {
            format!("{s} The lake was flat, the wind had dropped, and the far shore looked nearer than it was.")
        };
        let en = format!(
            "Nut Mix\n\n{}\n\nOn the Water\n\n{}\n\n{}\n\n2 cups roasted hazelnuts\n\n1 cup sunflower seeds\n\n1 cup dried pears, cut into small pieces, with a pinch of salt and a handful of raisins\n\n{}\n\n{}\n",
            prose("We packed it the night before."),
            prose("By noon the bag was half empty."),
            prose("Everyone took a handful at each carry."),
            prose("Nobody complained about the weight."),
            prose("The last of it went on the final portage.")
        );
        let fr = "Galettes du soir\n\nOn les fait cuire sur la braise, une par une, pendant que le thé chauffe dans la casserole noire.\n\nSur la rive\n\nLe vent était tombé, le lac était plat, et la rive d’en face semblait plus proche qu’elle ne l’était.\n\nIl faut, pour quatre personnes, compter large : la marche creuse et le soir tombe vite.\n\n2 cuillères de sucre\n\n1 tasse de farine, tamisée deux fois, avec une pincée de sel et un peu de beurre fondu\n\nOn mélange le tout dans la gamelle, puis on verse la pâte par petites louches sur la plaque chaude.\n\nLes galettes se mangent tièdes, avec du miel ou rien du tout, au bord de l’eau.\n";
        for (text, title, quantity) in
            [(en.as_str(), "On the Water", "1 cup sunflower seeds"), (fr, "Sur la rive", "2 cuillères de sucre")]
        {
            let d = doc(text);
            assert!(outline(&d).iter().any(|(_, t)| t == title), "{title}: {:?}", outline(&d));
            assert!(outline(&d).iter().all(|(_, t)| t != quantity), "{quantity}: {:?}", outline(&d));
        }
        assert!(opens_with_a_quantity("½ cup water") && !opens_with_a_quantity("2024 Review"));
    }

    #[test]
    fn short_lines_inside_an_open_quotation_are_no_titles() {
        let ja = "第一話 古い紙\n\n棚の奥に薄い冊子があった。表紙には「北浜市場\n\n売り場案内\n\n昭和三十年\n\n改訂」と刷ってある。叔父は笑ってそれを閉じた。\n";
        let zh = "第一章 舊信\n\n抽屜裡有一張發黃的紙，最上面印著「東港渡輪\n\n票價表\n\n民國六十年\n\n修訂」幾個字。母親把它收了起來。\n";
        for (text, quoted) in [(ja, "昭和三十年"), (zh, "民國六十年")] {
            let d = doc(text);
            assert!(outline(&d).iter().all(|(_, t)| t != quoted), "{quoted}: {:?}", outline(&d));
            assert_eq!(outline(&d).len(), 1, "{:?}", outline(&d));
        }
    }

    #[test]
    fn the_copyright_notice_names_the_title_pages_author() {
        let en = "The Harbour Trade\n\nA Survey of the Coastal Inns\n\nand Their Keepers, 1802–1879\n\nMara Ellison\n\nCopyright © 2021 by Mara Ellison. All rights reserved.\n\nChapter 1 The Quay\n\nThe quay was built in a single summer, and nobody thanked the men who built it.\n";
        let d = doc(en);
        assert_eq!(d.metadata.title, "The Harbour Trade");
        assert_eq!(d.metadata.subtitle.as_deref(), Some("A Survey of the Coastal Inns and Their Keepers, 1802–1879"));
        assert_eq!(d.metadata.authors.first().map(|a| a.name.as_str()), Some("Mara Ellison"));
        assert_eq!(outline(&d), [(1, "Chapter 1 The Quay".into())]);
        let ja = "川べりの家\n\nアレクサンドラ・ヴォルコンスカヤ\n\n著作権 © 2023 アレクサンドラ・ヴォルコンスカヤ。無断転載を禁じます。\n\n第一章 船着き場\n\n船着き場はひと夏で造られた。造った人のことは、もう誰も覚えていない。\n";
        let d = doc(ja);
        assert_eq!(d.metadata.title, "川べりの家");
        assert_eq!(d.metadata.authors.first().map(|a| a.name.as_str()), Some("アレクサンドラ・ヴォルコンスカヤ"));
        assert_eq!(outline(&d), [(1, "第一章 船着き場".into())]);
    }

    #[test]
    fn novel_chapters_and_volumes() {
        let d = doc("第一卷 潜龙\n\n第一章 风起\n\n天色已晚，他推开了门。\n\n第二章 云涌\n\n雨下了一夜。\n\n第二卷 飞龙\n\n第三章 雨落\n\n天亮了。\n");
        assert_eq!(
            outline(&d),
            [
                (1, "第一卷 潜龙".into()),
                (2, "第一章 风起".into()),
                (2, "第二章 云涌".into()),
                (1, "第二卷 飞龙".into()),
                (2, "第三章 雨落".into())
            ]
        );
        assert_eq!(d.metadata.language, "zh-Hans");
    }

    #[test]
    fn printed_toc_gives_levels_and_run_in_titles() {
        let text = "目录\n\n★★★ 要 闻 ★★★\n\n市长调研新建学校.....1\n市政府召开常务会议.....2\n\n★★★ 经 济 ★★★\n\n项目建设\n\n全市新开工项目一百个.....3\n\n要 闻\n\n市长调研新建学校 3月5日，市长调研新建学校，要求如期完工。\n\n市政府召开常务会议 3月6日，市政府召开常务会议。\n\n经 济\n\n项目建设\n\n全市新开工项目一百个 3月7日，记者获悉，全市新开工项目一百个。\n";
        let d = doc(text);
        assert_eq!(
            outline(&d),
            [
                (1, "要闻".into()),
                (3, "市长调研新建学校".into()),
                (3, "市政府召开常务会议".into()),
                (1, "经济".into()),
                (2, "项目建设".into()),
                (3, "全市新开工项目一百个".into())
            ]
        );
        let paras: Vec<&str> =
            d.blocks.iter().filter(|b| matches!(b, Block::Paragraph { .. })).map(|b| b.text()).collect();
        assert_eq!(paras[0], "3月5日，市长调研新建学校，要求如期完工。");
    }

    #[test]
    fn english_with_short_headings_and_title_page() {
        let text = "The Long Rain\n\nby Jane Doe\n\nCHAPTER I.\n\nIt rained for three days, and the river rose.\n\nThe Flood\n\nOn the fourth day, the water reached the door.\n";
        let d = doc(text);
        assert_eq!(d.metadata.title, "The Long Rain");
        assert_eq!(d.metadata.authors[0].name, "Jane Doe");
        assert_eq!(outline(&d), [(1, "CHAPTER I.".into()), (2, "The Flood".into())]);
        assert_eq!(d.metadata.language, "en");
    }

    #[test]
    fn title_pages() {
        let d = doc("西遊記\n\n明．吳承恩\n\n第一回　靈根育孕源流出\n\n詩曰：混沌未分天地亂。\n");
        assert_eq!((d.metadata.title.as_str(), d.metadata.authors[0].name.as_str()), ("西遊記", "吳承恩"));
        let d = doc("松原区农村供水设施\n\n工作评估报告\n\n一、总则\n\n为全面掌握现状，开展评估。\n");
        assert_eq!(d.metadata.title, "松原区农村供水设施工作评估报告");
        let d = doc("The Keeper's Year\n\nRuth Calloway and Jai Menon\n\nCHAPTER I.\n\nIt was cold.\n");
        assert_eq!(d.metadata.authors[0].name, "Ruth Calloway and Jai Menon");
        let d = doc(
            "纸 寿 千 年\n\n——古籍修复手记——\n\n周砚秋　著\n\n青岚出版社\n\n自　　序\n\n我在修复室里工作了二十六年。\n",
        );
        let m = &d.metadata;
        assert_eq!(
            (m.title.as_str(), m.subtitle.as_deref(), m.publisher.as_deref()),
            ("纸寿千年", Some("古籍修复手记"), Some("青岚出版社"))
        );
        assert_eq!((m.authors[0].name.as_str(), outline(&d)), ("周砚秋", vec![(1, "自序".into())]));
        let d = doc("THE SALT LEDGER\n\nTHE SALT LEDGER\n\nA Novel\n\nCLEMENCY ARDEN\n\nHARROWGATE & FINCH\n\nLONDON\n\nCHAPTER ONE\n\nThe fog came in at noon.\n");
        let m = &d.metadata;
        assert_eq!(
            (m.title.as_str(), m.subtitle.as_deref(), m.authors[0].name.as_str()),
            ("THE SALT LEDGER", Some("A Novel"), "Clemency Arden")
        );
        assert_eq!(m.publisher.as_deref(), Some("HARROWGATE & FINCH"));
        assert!(capitals_name("EDITH M. CARROW") && !capitals_name("THE SALT LEDGER"));
        // Prose at the top is not a title page.
        let d = doc("他走了。\n\n第一章\n\n天黑了。\n");
        assert_eq!(d.metadata.title, "");
        assert!(looks_like_name("林远"));
        assert!(!looks_like_name("工作评估报告"));
        assert!(looks_like_name("列夫·托尔斯泰"));
    }

    #[test]
    fn names_in_capitals_are_recased_and_others_kept() {
        assert_eq!(recase_capitals("CLEMENCY ARDEN"), "Clemency Arden");
        assert_eq!(recase_capitals("ANNE-MARIE O’NEILL"), "Anne-Marie O’Neill");
        assert_eq!(recase_capitals("J.R. HOLLOWAY"), "J.R. Holloway");
        assert_eq!(recase_capitals("Ann McLeod"), "Ann McLeod");
        assert_eq!(recase_capitals("周砚秋"), "周砚秋");
    }

    #[test]
    fn a_copyright_page_gives_isbn_and_year_and_stays_front_matter() {
        let d = doc("THE TIN LANTERN\n\nA Novel\n\nMARGOT HELLIWELL\n\nCopyright © 2019 Margot Helliwell\n\nISBN 978-0-306-40615-7\n\nAll rights reserved.\n\nCHAPTER ONE\n\nThe boats came in at dawn.\n");
        let m = &d.metadata;
        assert_eq!((m.title.as_str(), m.authors[0].name.as_str()), ("THE TIN LANTERN", "Margot Helliwell"));
        assert_eq!(
            (m.identifier.as_deref(), m.date.as_deref(), m.publisher.as_deref()),
            (Some("urn:isbn:9780306406157"), Some("2019"), None)
        );
        assert_eq!(d.blocks[0].text(), "Copyright © 2019 Margot Helliwell");
        let d = doc("河边的钟表铺\n\n沈知远　著\n\n青岚出版社\n\n版权所有 翻印必究\n\nISBN 978-7-5366-9293-0\n\n第一章 回乡\n\n他下了车，站在桥头看了很久。\n");
        let m = &d.metadata;
        assert_eq!(
            (m.publisher.as_deref(), m.identifier.as_deref()),
            (Some("青岚出版社"), Some("urn:isbn:9787536692930"))
        );
        assert!(d.blocks.iter().any(|b| b.text() == "版权所有 翻印必究"));
    }

    #[test]
    fn a_first_essay_title_under_the_author_is_no_publisher() {
        for (text, first) in [
            ("河灣集\n\n周明遠\n\n\n\n舊渡口\n\n　　渡口的船已經不開了，只剩一根拴船的木樁。\n\n　　一九九九年春\n\n\n夜雨\n\n　　雨下了一整夜，屋簷滴到天亮。\n", "舊渡口"),
            ("Salt Roads\n\nMara Quill\n\n\n\nThe Old Ferry\n\nThe ferry stopped running years ago; only the post remains.\n\nSpring 1999\n\n\nNight Rain\n\nIt rained all night, and the eaves dripped until dawn.\n", "The Old Ferry"),
        ] {
            let d = doc(text);
            assert_eq!(d.metadata.publisher, None);
            assert_eq!(outline(&d).first().map(|h| h.1.as_str()), Some(first), "{:?}", outline(&d));
        }
        // A house named as one stays the publisher.
        let d = doc("河灣集\n\n周明遠\n\n青嵐出版社\n\n第一章 渡口\n\n渡口的船已經不開了。\n");
        assert_eq!(d.metadata.publisher.as_deref(), Some("青嵐出版社"));
    }

    #[test]
    fn a_spaced_chapter_label_joins_its_title() {
        let d = doc("第 10 章\n\n第十一个人\n\n船上多了一个人，谁也不知道他是什么时候上来的。\n\n第 11 章\n\n补票\n\n列车员走过来。\n");
        assert_eq!(outline(&d), vec![(1, "第 10 章 第十一个人".into()), (1, "第 11 章 补票".into())]);
        let d = doc("第 12 話\n\n港の灯\n\n船はゆっくりと岸を離れた。\n");
        assert_eq!(outline(&d), vec![(1, "第 12 話 港の灯".into())]);
    }

    #[test]
    fn an_article_the_contents_garbled_is_a_heading_like_its_listed_siblings() {
        // OCR misread one entry (`第2人條`) and the article's label stands
        // alone over its text like the listed ones.
        let zh = "目錄\n\n第一章 總則……1\n第 1 條……1\n第2人條……1\n第 3 條……1\n第二章 管理……2\n第 4 條……2\n\n\
                  第一章 總則\n\n第 1 條\n\n為保護本縣溪流，特制定本條例。\n\n第 2 條\n\n本條例由縣政府主管。\n\n\
                  第 3 條\n\n本條例用詞定義如下。\n\n第二章 管理\n\n第 4 條\n\n溪流之管理人應定期巡查。\n";
        let d = doc(zh);
        assert!(outline(&d).contains(&(2, "第2條".into())), "{:?}", outline(&d));
        let ja = "目次\n\n第一章 総則……1\n第1条……1\n第2条……1\n第3朱……1\n第二章 管理……2\n第4条……2\n\n\
                  第一章 総則\n\n第1条\n\nこの条例は、川の環境を守るためのものである。\n\n第2条\n\nこの条例の所管は町とする。\n\n\
                  第3条\n\nこの条例の用語の意味は、次に定める。\n\n第二章 管理\n\n第4条\n\n管理者は川を見回る。\n";
        let d = doc(ja);
        assert!(outline(&d).contains(&(2, "第3条".into())), "{:?}", outline(&d));
    }

    #[test]
    fn an_ocr_label_spaced_on_one_side_joins_its_title() {
        let d = doc("摘要\n\n本文研究冰封期水库的溶解氧。\n\n第1 章\n\n引言\n\n1.1 研究背景\n\n河流的冰期越来越短，观测也越来越难。\n\n第2 章\n\n方法\n\n我们在三个站点取样。\n");
        assert!(outline(&d).contains(&(1, "第1 章 引言".into())), "{:?}", outline(&d));
        assert!(outline(&d).contains(&(1, "第2 章 方法".into())), "{:?}", outline(&d));
        let d = doc("第3 話\n\n港の灯\n\n船はゆっくりと岸を離れた。\n\n第4 話\n\n霧\n\n朝は霧が深かった。\n");
        assert_eq!(outline(&d), vec![(1, "第3 話 港の灯".into()), (1, "第4 話 霧".into())]);
        // A chapter's title that names a part (`Introduction`) is its title all the same.
        let d = doc("Abstract\n\nWe measured oxygen under the ice of three ponds.\n\nChapter 1\n\nIntroduction\n\n1.1 Background\n\nPonds freeze for months.\n");
        assert!(outline(&d).contains(&(1, "Chapter 1 Introduction".into())), "{:?}", outline(&d));
    }

    #[test]
    fn a_title_cased_subtitle_with_a_comma_is_on_the_title_page() {
        let d = doc("Tin and Tide\n\nThe Harbour Trade and Their Keepers, 1802–1879\n\nMara Quillon\n\n2021\n\nPreface\n\nThe ledgers were found in a damp box under the stairs.\n");
        let m = &d.metadata;
        assert_eq!(
            (m.title.as_str(), m.subtitle.as_deref()),
            ("Tin and Tide", Some("The Harbour Trade and Their Keepers, 1802–1879"))
        );
        assert_eq!(m.authors[0].name, "Mara Quillon");
        assert!(is_title_cased("Salt, Smoke and Sail") && !is_title_cased("The boats came in, and we ran home."));
        assert!(!is_title_cased("海风，渔火"));
    }

    #[test]
    fn a_contents_label_is_never_the_publisher() {
        for text in [
            "山城舊事\n\n陳立言　著\n\n目 錄\n\n第一章 回鄉\n\n他下了車。\n",
            "The Tin Lantern\n\nby Margot Helliwell\n\nContents\n\nChapter One\n\nThe boats came in.\n",
        ] {
            let d = doc(text);
            assert_eq!(d.metadata.publisher, None, "{text}");
            assert!(!d.metadata.authors.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_title_page_date_is_the_books_date() {
        let d = doc("河边的钟表铺\n\n沈知远\n\n2023-11-02\n\n第一章 回乡\n\n他下了车，站在桥头看了很久。\n");
        let m = &d.metadata;
        assert_eq!((m.title.as_str(), m.authors[0].name.as_str()), ("河边的钟表铺", "沈知远"));
        assert_eq!(m.date.as_deref(), Some("2023-11-02"));
        assert!(d.blocks.iter().all(|b| !b.text().contains("2023")), "the date leaves the body");
        let d = doc(
            "The Lantern Keeper\n\nOrla Fenwick\n\n2022-06-30\n\nCHAPTER ONE\n\nThe lamp had gone out at midnight.\n",
        );
        let m = &d.metadata;
        assert_eq!((m.title.as_str(), m.date.as_deref()), ("The Lantern Keeper", Some("2022-06-30")));
        assert_eq!(m.publisher, None, "a date is not the imprint");
        // A date line in the text stays text.
        let d = doc("第一章 回乡\n\n他下了车。\n\n2023-11-02\n\n第二章 雨夜\n\n雨下了一夜。\n");
        assert_eq!(d.metadata.date, None);
    }

    #[test]
    fn a_dashed_subtitle_run_into_its_title_is_parted() {
        let zh = doc("工作总结\n——在松原区第三届居民代表会议上\n\n松原区水务中心\n\n2024-03-02\n\n一、基本情况\n\n今年共完成管网改造十二公里，居民都说方便。\n");
        assert_eq!(zh.metadata.title, "工作总结");
        assert_eq!(zh.metadata.subtitle.as_deref(), Some("在松原区第三届居民代表会议上"));
        let ja = doc("活動報告\n——さくら町図書館の一年\n\nさくら町図書館協会\n\n2024-03-02\n\n第1章　概要\n\n今年は新しい閲覧室を開いた。\n");
        assert_eq!(ja.metadata.title, "活動報告");
        assert_eq!(ja.metadata.subtitle.as_deref(), Some("さくら町図書館の一年"));
    }

    #[test]
    fn a_wrapped_title_keeps_its_remnant_and_loses_the_page_s_spaces() {
        let ja = doc("電気ケトル　ゆわかし      ＫＰ－２　取扱説明\n\n書\n\nさくら電機株式会社\n\n2024-05-01\n\n第1章　安全のために\n\nご使用の前に必ずお読みください。\n");
        assert_eq!(ja.metadata.title, "電気ケトル　ゆわかし ＫＰ－２　取扱説明書");
        assert_eq!(ja.metadata.date.as_deref(), Some("2024-05-01"));
        let zh =
            doc("松原区农村供水设施\n\n改造评估报\n\n告\n\n松原区水务中心\n\n一、总则\n\n为掌握现状，开展评估。\n");
        assert_eq!(zh.metadata.title, "松原区农村供水设施改造评估报告");
        assert_eq!(close_space_runs("甲　乙   丙"), "甲　乙 丙");
    }

    #[test]
    fn an_issuing_body_and_date_under_a_title() {
        let d = doc("白沙镇河道保洁办法\n\n白沙镇水务中心\n\n2023-06-01\n\n（2023年5月20日镇务会通过）\n\n第一章 总则\n\n第一条 为了保护古树名木，制定本办法。\n");
        let m = &d.metadata;
        assert_eq!((m.title.as_str(), m.authors[0].name.as_str()), ("白沙镇河道保洁办法", "白沙镇水务中心"));
        assert_eq!(m.date.as_deref(), Some("2023-06-01"));
        let d = doc("港町の路線バスに関する調査報告書\n\nさくら町交通研究会\n\n2024-02-01\n\nはじめに\n\n本報告書は、市内の路線バスの利用状況をまとめたものである。\n");
        let m = &d.metadata;
        assert_eq!((m.authors[0].name.as_str(), m.date.as_deref()), ("さくら町交通研究会", Some("2024-02-01")));
        assert!(is_issuing_body("白沙镇文化中心") && is_issuing_body("基础架构组"));
        assert!(is_issuing_body("株式会社さくら電機") && is_issuing_body("さくら電機株式会社"));
        assert!(!is_issuing_body("局") && !is_issuing_body("第二组") && !is_issuing_body("他去了县政府。"));
    }

    #[test]
    fn a_dated_title_page_keeps_its_title_though_the_contents_lists_it() {
        let zh = doc("海棠巷的猫\n\n周明\n\n2022-08-01\n\n目录\n\n海棠巷的猫.....1\n第一章 搬家.....2\n第二章 邻居.....5\n\n海棠巷的猫\n\n第一章 搬家\n\n他们在春天搬进了巷子，院子里有一棵枇杷树。\n\n第二章 邻居\n\n隔壁住着一位老人，每天傍晚都在门口喂猫。\n");
        assert_eq!((zh.metadata.title.as_str(), zh.metadata.date.as_deref()), ("海棠巷的猫", Some("2022-08-01")));
        let en = doc("The Harbour Cat\n\nNell Adair\n\n2022-08-01\n\nContents\n\nThe Harbour Cat.....1\nChapter 1 Moving In.....2\nChapter 2 Neighbours.....5\n\nThe Harbour Cat\n\nChapter 1 Moving In\n\nThey moved into the lane in spring, when the lilac was out.\n\nChapter 2 Neighbours\n\nAn old man lived next door and fed the cats at dusk.\n");
        assert_eq!((en.metadata.title.as_str(), en.metadata.date.as_deref()), ("The Harbour Cat", Some("2022-08-01")));
    }

    #[test]
    fn a_kana_name_over_the_date_is_the_author() {
        let ja = doc("灯台のある町\n\n杉浦ゆかり\n\n2021-04-10\n\n第一章 帰郷\n\n駅を出ると、潮風が吹いていた。\n");
        let m = &ja.metadata;
        assert_eq!((m.title.as_str(), m.authors[0].name.as_str()), ("灯台のある町", "杉浦ゆかり"));
        assert!(is_kana_name("高橋まこと") && is_kana_name("杉浦ユカリ"));
        assert!(!is_kana_name("夏のおわり") && !is_kana_name("灯台のある町") && !is_kana_name("沈知远"));
        // A Han name still reads as one; a CJK line that is no name still continues the title.
        let zh = doc("河边的钟表\n\n铺\n\n沈知远\n\n2023-11-02\n\n第一章 回乡\n\n他下了车，站在桥头看了很久。\n");
        assert_eq!((zh.metadata.title.as_str(), zh.metadata.authors[0].name.as_str()), ("河边的钟表铺", "沈知远"));
    }

    #[test]
    fn a_wider_line_under_a_short_title_is_its_subtitle() {
        let zh = doc("灯塔守夜人\n\n一个老船长的口述\n\n周海生\n\n2023-05-01\n\n第一章 出海\n\n那年我十六岁，第一次跟着父亲出海。\n");
        assert_eq!(
            (zh.metadata.title.as_str(), zh.metadata.subtitle.as_deref()),
            ("灯塔守夜人", Some("一个老船长的口述"))
        );
        let ja = doc(
            "灯台守\n\nある船長の聞き書き\n\n杉浦ゆかり\n\n2023-05-01\n\n第一章 出航\n\nその年、私は十六だった。\n",
        );
        assert_eq!(
            (ja.metadata.title.as_str(), ja.metadata.subtitle.as_deref()),
            ("灯台守", Some("ある船長の聞き書き"))
        );
        // A long first line was broken for width: the next line is still the title's.
        let zh = doc("2025 年度山区农户\n\n小额信贷政策问答\n\n江岸县农业服务中心\n\n2024-10-01\n\n一、申请条件\n\n年满十八周岁的本县山区农户均可申请。\n");
        assert_eq!(zh.metadata.title, "2025 年度山区农户小额信贷政策问答");
    }

    #[test]
    fn a_cjk_title_with_numbers_or_latin_words_wraps_as_cjk() {
        let zh = doc("118 至 120 年度社區照顧\n\n服務推動計畫\n\n河東縣政府\n\n2024-11-01\n\n壹、背景說明\n\n本縣長者人口逐年增加，照顧需求日益殷切。\n");
        assert_eq!(zh.metadata.title, "118 至 120 年度社區照顧服務推動計畫");
        let ja = doc("Raspberry Pi で始める\n\n電子工作入門\n\n杉浦ゆかり\n\n2024-03-01\n\n第1章　準備\n\nまず部品をそろえよう。\n");
        assert_eq!(ja.metadata.title, "Raspberry Pi で始める電子工作入門");
    }

    #[test]
    fn the_date_closes_the_title_page() {
        let zh = doc("白沙镇古树保护办法\n\n白沙镇林业站\n\n2023-06-01\n\n附件另行印发\n\n第一章 总则\n\n第一条 古树由镇林业站统一登记挂牌。\n");
        assert_eq!(zh.metadata.publisher, None);
        assert!(zh.blocks.iter().any(|b| b.text() == "附件另行印发"), "a line under the date is the text's");
        let en = doc("The Lantern Keeper\n\nOrla Fenwick\n\n2022-06-30\n\nRevised Edition\n\nCHAPTER ONE\n\nThe lamp had gone out at midnight.\n");
        assert_eq!(en.metadata.publisher, None);
        assert!(en.blocks.iter().any(|b| b.text() == "Revised Edition"));
    }

    #[test]
    fn a_misread_chapter_unit_is_mended_and_recorded() {
        let text =
            "第一章 回乡\n\n他下了车，站在桥头。\n\n第二竟 钟表铺\n\n门铃响了两声。\n\n第三草 旧账本\n\n账本很厚。\n";
        let mut report = Report::default();
        let d = structure(repair(&normalise(text)), &mut report);
        assert_eq!(outline(&d), [(1, "第一章 回乡".into()), (1, "第二章 钟表铺".into()), (1, "第三章 旧账本".into())]);
        assert!(report.repairs.iter().any(|r| r.why == "ocr_misread_chapter_unit" && r.before == "第二竟 钟表铺"));
        let d = doc("第一章 灯りの消えた港\n\n改札を抜けると、冷たい風が吹いていた。\n\n第二音 坂の上の朝\n\n朝の商店街は静かだった。\n");
        assert_eq!(outline(&d), [(1, "第一章 灯りの消えた港".into()), (1, "第二章 坂の上の朝".into())]);
        // Without a chapter read right, a look-alike is left as it is.
        let d = doc("第二竟 钟表铺\n\n门铃响了两声。\n");
        assert!(outline(&d).iter().all(|(_, t)| !t.contains('章')));
    }

    #[test]
    fn bare_chapter_number_and_title_line_are_one_heading() {
        let d = doc("CHAPTER I.\n\nTHE RELIEF BOAT\n\nThe relief boat came out to the point, weather allowing.\n\nCHAPTER II.\n\nWINTER LIGHT\n\nBy December the boat had stopped coming.\n");
        assert_eq!(outline(&d), [(1, "CHAPTER I. THE RELIEF BOAT".into()), (1, "CHAPTER II. WINTER LIGHT".into())]);
        let d = doc("第一章\n\n风起\n\n天色已晚，他推开了门，看见院子里站着一个人。\n");
        assert_eq!(outline(&d), [(1, "第一章 风起".into())]);
    }

    #[test]
    fn a_title_in_capitals_with_a_full_stop_joins_its_chapter_number() {
        // Plain-text e-books: `CHAPTER I.` ⏎ `THE STRANGER AT THE INN.`
        let d = doc("CHAPTER I.\n\nTHE STRANGER AT THE INN.\n\nThe coach was late again, and the yard was full of steam.\n\nCHAPTER II.\n\nMRS. LANGLEY TAKES A VIEW.\n\nShe had watched him cross the yard, and she had not cared for his hat.\n");
        assert_eq!(
            outline(&d),
            [(1, "CHAPTER I. THE STRANGER AT THE INN.".into()), (1, "CHAPTER II. MRS. LANGLEY TAKES A VIEW.".into())]
        );
        // An abbreviation's stop in a title set in mixed case, and a part numbered `BOOK THE FIRST`.
        let d = doc("BOOK THE FIRST\n\nAshby Cross\n\nCHAPTER I.\n\nMrs. Hollis Pays a Call\n\nBefore noon the whole lane had heard of it.\n");
        assert_eq!(
            outline(&d),
            [(1, "BOOK THE FIRST Ashby Cross".into()), (2, "CHAPTER I. Mrs. Hollis Pays a Call".into())]
        );
        // Only cased scripts have capitals: a Chinese line closed by `。` under `第一章` is a sentence.
        let d = doc("第一章\n\n风起了。\n\n天色已晚，他推开了门，看见院子里站着一个人。\n");
        assert_eq!(outline(&d), [(1, "第一章".into())]);
        // A sentence in capitals with other stops stays text.
        assert!(!is_capitals_with_full_stop("STOP. LOOK."));
        assert!(!is_capitals_with_full_stop("The end."));
    }

    #[test]
    fn separators_become_rules_and_web_novel_titles_keep_their_commas() {
        let d = doc("星渡り　～落ちこぼれ魔導士、空の果てまで～\n作者：月森ことり\n\nプロローグ\n\n　その手紙には、日付が書かれていた。\n――――――――\n　二通目は白紙だった。\n\n* * * * *\n\n　三通目はなかった。\n");
        assert_eq!(d.metadata.title, "星渡り　～落ちこぼれ魔導士、空の果てまで～");
        assert_eq!(d.metadata.authors[0].name, "月森ことり");
        let breaks = d.blocks.iter().filter(|b| matches!(b, Block::ThematicBreak { .. })).count();
        assert_eq!(breaks, 2, "{:?}", d.blocks);
        assert!(!crate::text::is_separator_line("◇◇◇"), "an ornament stays text");
    }

    #[test]
    fn official_document_header() {
        let d = doc("岚 州 市 人 民 政 府 文 件\n\n岚政〔2024〕17号\n\n岚州市人民政府关于加快制造业\n数字化转型的实施意见\n\n各区人民政府，市政府各部门：\n\n现提出如下意见。\n");
        assert_eq!(d.metadata.title, "岚州市人民政府关于加快制造业数字化转型的实施意见");
        assert_eq!(d.blocks[0].text(), "岚政〔2024〕17号");
        assert!(d.blocks.iter().all(|b| !b.text().contains("文件")));
    }

    #[test]
    fn named_parts_in_every_chapter_sit_below_the_chapters() {
        let d = doc("Preface\n\nThis book grew out of a course.\n\nChapter 1\n\nSoil is alive, and it breathes.\n\nSummary\n\nSoil breathes.\n\nChapter 2\n\nWater moves through soil, slowly.\n\nSummary\n\nWater moves.\n");
        let levels: Vec<(u8, String)> = outline(&d);
        assert_eq!(
            levels,
            [
                (1, "Preface".into()),
                (1, "Chapter 1".into()),
                (2, "Summary".into()),
                (1, "Chapter 2".into()),
                (2, "Summary".into())
            ]
        );
    }

    #[test]
    fn a_short_line_after_a_closing_date_line_is_the_next_title() {
        // Essays end with a date line, which ends no sentence; the next essay's title follows.
        let body = "那几年，我最常去的地方不是阅览室，而是码头边那家修船铺子，铺子里总有人在补网。";
        let body = format!("{body}\n\n{body}\n\n{body}");
        let text = format!(
            "竹编篮\n\n{body}\n\n一九九八年秋\n\n檐下听雨\n\n{body}\n\n一九九九年六月\n\n外婆的算盘\n\n{body}\n"
        );
        let heads: Vec<String> = outline(&doc(&text)).into_iter().map(|(_, t)| t).collect();
        assert!(heads.ends_with(&["檐下听雨".to_string(), "外婆的算盘".to_string()]), "{heads:?}");
        let body = "My aunt swept the same yard every evening, whatever the season, and I carried the lamp behind her.";
        let body = format!("{body}\n\n{body}\n\n{body}");
        let text =
            format!("Tin\n\n{body}\n\nWhitby, 2018\n\nThe Stool\n\n{body}\n\nYork, 2020\n\nLate Tram\n\n{body}\n");
        let heads: Vec<String> = outline(&doc(&text)).into_iter().map(|(_, t)| t).collect();
        assert!(heads.ends_with(&["The Stool".to_string(), "Late Tram".to_string()]), "{heads:?}");
    }

    #[test]
    fn colon_headlines_that_recur_are_headings() {
        // Hard-wrapped as an extractor gives it: each headline on its own line over its report.
        let body = "去年以来，村里通过“一事一议”筹资筹劳，修通了\n三公里长的进山路，沿线四百多户村民受益。村里\n还成立了护路队，定期清理路边杂草。\n（供稿）";
        let text = format!(
            "本期收录两篇来自乡村的经验材料，供各地参考。\n\n乡村风采\n\n东岭村：“一事一议”修通进山路\n{body}\n\n西坡镇：小核桃做成大产业\n{body}\n"
        );
        assert_eq!(
            outline(&doc(&text)),
            [
                (1, "乡村风采".into()),
                (2, "东岭村：“一事一议”修通进山路".into()),
                (2, "西坡镇：小核桃做成大产业".into())
            ]
        );
        let body = "昨年から、町では空き家の活用を進め、二軒を地域\nの図書館と食堂に改修しました。利用者は月に千人\nを超え、町の外からも人が訪れています。";
        let text = format!("北町：空き家を図書館に変えた\n{body}\n\n南町：バス路線を住民が守る\n{body}\n");
        let heads: Vec<String> = outline(&doc(&text)).into_iter().map(|(_, t)| t).collect();
        assert_eq!(heads, ["北町：空き家を図書館に変えた", "南町：バス路線を住民が守る"]);
        // One such line alone is a label opening its text.
        let text = format!("{body}\n\n北町：空き家を図書館に変えた\n{body}\n");
        assert!(outline(&doc(&text)).is_empty());
    }

    #[test]
    fn a_bare_section_number_over_its_title_is_one_heading() {
        // `pdftotext` reads `1.2　調査の方法` as two blocks; `第1章` and `1.1`
        // stacked in the left column come before both their titles.
        let body = "調査は、住民アンケート調査と関係者ヒアリング調査の二本立てで実施した。回答は郵送で回収した。";
        let text =
            format!("第1章\n\n1.1\n\n調査の概要\n\n調査の目的\n\n{body}\n\n1.2\n\n調査の方法\n\n{body}\n\n{body}\n");
        let heads: Vec<String> = outline(&doc(&text)).into_iter().map(|(_, t)| t).collect();
        assert_eq!(heads, ["第1章 調査の概要", "1.1 調査の目的", "1.2 調査の方法"]);
        // A table's figures and labels, one cell per line, have no prose after them.
        let text = format!("{body}\n\n7.6\n\n固定资产投资\n\n9.2\n\n社会消费品零售总额\n\n{body}\n");
        let heads = outline(&doc(&text));
        assert!(!heads.iter().any(|(_, t)| t.starts_with("9.2")), "{heads:?}");
    }

    #[test]
    fn a_closing_date_over_two_undated_essays_labels_no_section() {
        // The essay before `冬至` ended without a date: the date line stands
        // over two titles, as a section label would, and is still no heading.
        let body = "阿公的書房很小，只有一張木桌，桌上堆著舊報紙，牆角放著一把斷了弦的胡琴。";
        let body = format!("{body}\n\n{body}\n\n{body}\n\n{body}");
        let text = format!(
            "竹籬笆\n\n{body}\n\n二〇〇八年十月\n\n阿公的書房\n\n{body}\n\n冬至\n\n{body}\n\n二〇一三年秋分夜\n\n夜渡\n\n{body}\n"
        );
        let heads: Vec<String> = outline(&doc(&text)).into_iter().map(|(_, t)| t).collect();
        assert_eq!(heads, ["竹籬笆", "阿公的書房", "冬至", "夜渡"]);
    }

    #[test]
    fn titles_in_text_without_blank_lines() {
        // pypdf writes no blank lines: a short line between a paragraph's end
        // and a hard-wrapped paragraph is still a title; dialogue in corner
        // brackets is not.
        let wrapped = "县里召开会议听取各部门关于主要经济指标完成情况的汇报分析当前经济运行中\n存在的困难和问题部署下一阶段重点工作会议要求各部门盯紧目标抓调度确保\n一季度实现开门红。\n";
        let mut text = String::new();
        for title in
            ["秋季护林巡查全面展开", "白沙镇院坝会让邻里事邻里商", "「きっと戻ってくる」", "便民中心增设夜间窗口"]
        {
            text.push_str(title);
            text.push('\n');
            for _ in 0..4 {
                text.push_str(wrapped);
            }
        }
        text.push_str("7\n");
        text.push_str(&wrapped.repeat(2));
        let heads: Vec<String> = outline(&doc(&text)).into_iter().map(|(_, t)| t).collect();
        assert_eq!(heads, ["秋季护林巡查全面展开", "白沙镇院坝会让邻里事邻里商", "便民中心增设夜间窗口"]);
    }

    #[test]
    fn an_aside_in_brackets_is_not_a_title() {
        let body =
            "第二章はここまでです。次回のエピローグで、ひと区切りとなります。読んでくださってありがとうございました。";
        let text = format!("「郵便屋さん。遠いところを、ありがとう」\n\n（作者より）\n\n{body}\n");
        assert!(outline(&doc(&text)).is_empty());
        let body =
            "The minister thanked the committee for its work, and promised a full answer before the recess began.";
        assert!(outline(&doc(&format!("He sat down.\n\n(Applause)\n\n{body}\n"))).is_empty());
    }

    #[test]
    fn a_section_label_over_titled_items_is_one_level_up() {
        let item = "5月12日，区政府组织各部门检查汛前准备，逐一核对物资储备和值班安排，明确了下一步分工。";
        let text = format!("本周要闻\n\n区政府召开防汛调度会\n\n{item}\n\n我区举办农产品展销会\n\n{item}\n\n乡村风采\n\n临河镇推行邻里议事会\n\n{item}\n\n青石乡发展竹编产业\n\n{item}\n");
        let o = outline(&doc(&text));
        let level = |t: &str| o.iter().find(|e| e.1 == t).map(|e| e.0);
        assert_eq!(level("乡村风采").map(|l| l + 1), level("青石乡发展竹编产业"), "{o:?}");
        let item = "The council met on Tuesday and agreed, after a long debate, to keep the ferry running all winter.";
        let text = format!("Notes\n\n{item}\n\nCouncil News\n\nFerry Stays\n\n{item}\n\nNew Library Hours\n\n{item}\n\nSports\n\nHarbour Regatta\n\n{item}\n\nCliff Run\n\n{item}\n");
        let o = outline(&doc(&text));
        let level = |t: &str| o.iter().find(|e| e.1 == t).map(|e| e.0);
        assert_eq!(level("Sports").map(|l| l + 1), level("Cliff Run"), "{o:?}");
    }

    #[test]
    fn a_label_set_right_over_its_first_title_still_labels_the_section() {
        // Each item: its title, then paragraphs that differ (repeated lines would read as running heads).
        let body = |sentences: [&str; 3], k: usize| {
            let end = "回。";
            (0..3).map(|i| format!("{}{}{end}", sentences[(k + i) % 3], k + i)).collect::<Vec<_>>().join("\n\n")
        };
        let zh_s = [
            "上周三，市水务局在北湖泵站组织防汛演练，检查了备用电源、排涝泵组和值班记录，第",
            "演练结束后，各泵站负责人逐一汇报了设备状况，提出了更换老旧闸门的建议，第",
            "据了解，汛期到来前全市还将完成十二处易涝点的改造，并增设积水监测设备，第",
        ];
        let zh = format!(
            "防汛快报\n河东泵站完成检修\n{}\n\n北湖泵站举行演练\n{}\n\n群众来信\n老街排水沟清淤\n{}\n\n新村路灯修复\n{}\n",
            body(zh_s, 0),
            body(zh_s, 1),
            body(zh_s, 2),
            body(zh_s, 3)
        );
        let ja_s = [
            "木曜日の例会で、冬のあいだも艇庫を開けておくことが長い話し合いのすえに決まった。第",
            "出勤前に漕ぐ会員からは、六時に門の鍵を開けてほしいという声が上がった。第",
            "会計からは、新しいオールの支払いが済み、屋根の修理も近く始まると報告があった。第",
        ];
        let ja = format!(
            "会報\n艇庫は冬も開館\n{}\n\n今季の会費\n{}\n\n大会便り\n春のシングルスカル\n{}\n\n秋のフォア\n{}\n",
            body(ja_s, 0),
            body(ja_s, 1),
            body(ja_s, 2),
            body(ja_s, 3)
        );
        for (text, label, first, later) in
            [(zh, "群众来信", "老街排水沟清淤", "新村路灯修复"), (ja, "大会便り", "春のシングルスカル", "秋のフォア")]
        {
            let o = outline(&doc(&text));
            let level = |t: &str| o.iter().find(|e| e.1 == t).map(|e| e.0);
            assert!(level(label).is_some(), "{o:?}");
            assert_eq!(level(label).map(|l| l + 1), level(first), "{o:?}");
            assert_eq!(level(first), level(later), "{o:?}");
        }
        // A title over a narrower line (its author) labels nothing.
        let by =
            format!("Boathouse Winter Hours\nAnn Lee\n{item}\n", item = "The club met again and nobody wanted to row.");
        assert!(outline(&doc(&by)).iter().all(|(_, t)| t != "Ann Lee"));
    }

    #[test]
    fn a_part_family_missing_from_the_contents_sits_over_the_chapters_it_listed() {
        let levels = |heads: &[(&str, Option<u8>, Family)]| {
            let mut drafts: Vec<Draft> = heads.iter().map(|(t, l, f)| heading(t, *l, Some(*f), l.is_some())).collect();
            assign_levels(&mut drafts);
            drafts
                .iter()
                .map(|d| match d {
                    Draft::Heading { level, .. } => level.unwrap_or(0),
                    _ => 0,
                })
                .collect::<Vec<u8>>()
        };
        let en = [
            ("Preface", Some(1), Family::Named),
            ("PART ONE The House", None, Family::Volume),
            ("Chapter 1 Kitchen Radio", Some(2), Family::Chapter),
            ("Chapter 2 The Bicycle Year", Some(2), Family::Chapter),
        ];
        assert_eq!(levels(&en), [1, 1, 2, 2]);
        let zh = [
            ("第一部 港边", None, Family::Volume),
            ("第一章 童年", Some(2), Family::Chapter),
            ("第二章 北上", Some(2), Family::Chapter),
            ("一、出发", None, Family::CjkNumbered),
        ];
        assert_eq!(levels(&zh), [1, 2, 2, 3]);
        // A chapter family already at level 1 leaves no room above it: the part goes below the contents' levels.
        let flat = [("第一部 港边", None, Family::Volume), ("第一章 童年", Some(1), Family::Chapter)];
        assert_eq!(levels(&flat), [2, 1]);
    }

    #[test]
    fn the_contents_entry_of_a_number_over_its_title_gives_its_level() {
        let body = "These notes were started in a wet spring, when the roads were shut and the post came twice a week.";
        let text = format!("Contents\n\nPREFACE ........ 1\nBOOK THE FIRST Ashby Cross ........ 2\nCHAPTER I. The Stranger ........ 3\nBOOK THE SECOND Norbury ........ 5\nCHAPTER II. The Coach ........ 6\n\nPREFACE\n\n{body}\n\nBOOK THE FIRST\n\nAshby Cross\n\nCHAPTER I.\n\nThe Stranger\n\n{body}\n\nBOOK THE SECOND\n\nNorbury\n\nCHAPTER II.\n\nThe Coach\n\n{body}\n");
        let levels: Vec<u8> = outline(&doc(&text)).into_iter().map(|(l, _)| l).collect();
        assert_eq!(levels, [1, 1, 2, 1, 2]);
        let body = "那年冬天雨下得很久，港口的船都停了，父亲每天坐在门口修补渔网。";
        let text = format!("目录\n\n前言……1\n第一部　港边……2\n第一章　童年……3\n第二部　北上……5\n第二章　离家……6\n\n前言\n\n{body}\n\n第一部\n\n港边\n\n第一章\n\n童年\n\n{body}\n\n第二部\n\n北上\n\n第二章\n\n离家\n\n{body}\n");
        let o = outline(&doc(&text));
        let levels: Vec<u8> = o.iter().map(|(l, _)| *l).collect();
        assert_eq!(levels, [1, 1, 2, 1, 2], "{o:?}");
    }

    /// A chapter novel's body paragraph and its three couplet titles, unspaced.
    const COUPLET_BODY: &str = "话说江边有个渡口，渡口边住着一户人家，靠摆渡为生，日子过得清苦。";
    const COUPLET_TITLES: [&str; 3] = [
        "第一回渡口夜雨逢旧友江心月明话前尘",
        "第二回老翁醉卧芦花荡少年独闯县衙门",
        "第三回秋风吹散桃花扇冬雪压断石板桥",
    ];

    /// The outline's titles without their spaces.
    fn unspaced(o: &[(u8, String)]) -> Vec<String> {
        o.iter().map(|(_, t)| t.split_whitespace().collect()).collect()
    }

    #[test]
    fn a_listed_title_set_over_two_or_three_lines_is_one_heading() {
        // A label over its title, the contents printing both as one entry; a
        // stray page number above the label is no part of the heading.
        let body = "The members shall meet once a year, in the spring, at a place the board names.";
        let text = format!("Contents\n\nCHARTER ONE THE NAME ........ 1\nCHARTER TWO THE MEMBERS ........ 2\nCHARTER THREE THE BOARD ........ 3\n\nCHARTER ONE\n\nTHE NAME\n\n{body}\n\n2\n\nCHARTER TWO\n\nTHE MEMBERS\n\n{body}\n\nCHARTER THREE\n\nTHE BOARD\n\n{body}\n");
        let o = outline(&doc(&text));
        let titles: Vec<&str> = o.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(titles, ["CHARTER ONE THE NAME", "CHARTER TWO THE MEMBERS", "CHARTER THREE THE BOARD"], "{o:?}");
        // A chapter label over a couplet title set on two lines.
        let body = COUPLET_BODY;
        let text = format!("目录\n\n第一回 渡口夜雨逢旧友 江心月明话前尘……1\n第二回 老翁醉卧芦花荡 少年独闯县衙门……3\n第三回 秋风吹散桃花扇 冬雪压断石板桥……5\n\n第一回\n\n渡口夜雨逢旧友\n\n江心月明话前尘\n\n{body}\n\n第二回 老翁醉卧芦花荡\n\n少年独闯县衙门\n\n{body}\n\n第三回\n\n秋风吹散桃花扇\n\n冬雪压断石板桥\n\n{body}\n");
        let o = outline(&doc(&text));
        assert_eq!(unspaced(&o), COUPLET_TITLES, "{o:?}");
    }

    #[test]
    fn an_entry_the_contents_wrapped_is_one_heading_at_its_first_line_s_level() {
        // The contents wraps each long entry (its number only on the last
        // line); the page sets label, title and second half on three lines.
        let body = COUPLET_BODY;
        let text = format!("目录\n\n第一回 渡口夜雨逢旧友\n\n江心月明话前尘……1\n\n第二回 老翁醉卧芦花荡\n\n少年独闯县衙门……3\n\n第三回 秋风吹散桃花扇\n\n冬雪压断石板桥……5\n\n第一回\n\n渡口夜雨逢旧友\n\n江心月明话前尘\n\n{body}\n\n第二回\n\n老翁醉卧芦花荡\n\n少年独闯县衙门\n\n{body}\n\n第三回\n\n秋风吹散桃花扇\n\n冬雪压断石板桥\n\n{body}\n");
        let o = outline(&doc(&text));
        assert_eq!(unspaced(&o), COUPLET_TITLES, "{o:?}");
        assert!(o.iter().all(|(l, _)| *l == 1), "{o:?}");
        let body = "The members shall meet once a year, in the spring, at a place the board names.";
        let text = format!("Contents\n\nCHARTER ONE THE NAME AND\n\nTHE SEAL ........ 1\n\nCHARTER TWO THE MEMBERS AND\n\nTHEIR DUES ........ 2\n\nCHARTER THREE THE BOARD AND\n\nITS OFFICERS ........ 3\n\nCHARTER ONE\n\nTHE NAME AND\n\nTHE SEAL\n\n{body}\n\nCHARTER TWO\n\nTHE MEMBERS AND\n\nTHEIR DUES\n\n{body}\n\nCHARTER THREE\n\nTHE BOARD AND\n\nITS OFFICERS\n\n{body}\n");
        let o = outline(&doc(&text));
        let titles: Vec<&str> = o.iter().map(|(_, t)| t.as_str()).collect();
        let want = [
            "CHARTER ONE THE NAME AND THE SEAL",
            "CHARTER TWO THE MEMBERS AND THEIR DUES",
            "CHARTER THREE THE BOARD AND ITS OFFICERS",
        ];
        assert_eq!(titles, want, "{o:?}");
    }

    #[test]
    fn rows_of_a_table_are_no_short_headings() {
        let text = "第二章 使用\n\n控制面板上有四个按键，每个按键的用途见下表，请在使用前仔细阅读。\n\n表 3 按键说明\n\n按键　用途\n\n电源键　开机或关机\n\n风量键　在高、中、低三档风量里轮流调节，每按一次换一档\n\n清洁保养\n\n每两周清洗一次过滤网，清洗后晾干再装回机身，不要用热水冲洗。\n";
        let o = outline(&doc(text));
        let titles: Vec<&str> = o.iter().map(|(_, t)| t.as_str()).collect();
        assert!(titles.contains(&"第二章 使用") && !titles.iter().any(|t| t.contains('键')), "{o:?}");
        let text = "Chapter 2 Fitting\n\nThe stove comes in two sizes; the table gives the weight of each, with its flue.\n\nTable 3 Sizes\n\nModel  Weight\n\nK-2  14 kg\n\nK-3  19 kg, with the long flue and its collar fitted\n\nCare of the Stove\n\nSweep the flue once a month in winter, and oil the hinges of the door each spring.\n";
        let o = outline(&doc(text));
        let titles: Vec<&str> = o.iter().map(|(_, t)| t.as_str()).collect();
        assert!(
            titles.contains(&"Chapter 2 Fitting") && !titles.iter().any(|t| t.contains("kg") || t.contains("Weight")),
            "{o:?}"
        );
    }

    #[test]
    fn a_part_numeral_over_its_listed_title_heads_the_unnumbered_titles() {
        // Parts numbered without a label word (`Ⅰ`, `II`) over their titles
        // on part pages; the contents lists number and title as one entry.
        let body = "朝の港はまだ暗く、渡し舟の灯だけが水の上でゆれていた。";
        let text = format!("目次\n\nはじめに……1\nⅠ　港の朝……2\n灯台守の話……3\n霧の日……5\nⅡ　坂の上……7\n石段の猫……8\n\nはじめに\n\n{body}\n\nⅠ\n\n港の朝\n\n灯台守の話\n\n{body}\n\n霧の日\n\n{body}\n\nⅡ\n\n坂の上\n\n石段の猫\n\n{body}\n");
        let o = outline(&doc(&text));
        let want: Vec<(u8, String)> =
            [(1, "はじめに"), (1, "Ⅰ 港の朝"), (2, "灯台守の話"), (2, "霧の日"), (1, "Ⅱ 坂の上"), (2, "石段の猫")]
                .into_iter()
                .map(|(l, t)| (l, t.to_string()))
                .collect();
        assert_eq!(o, want);
        let body = "The harbour was still dark, and only the ferry's lamp moved on the water.";
        let text = format!("Contents\n\nForeword ........ 1\nI The Harbour ........ 2\nThe Keeper's Story ........ 3\nA Day of Fog ........ 5\nII The Hill ........ 7\nThe Cat on the Steps ........ 8\n\nForeword\n\n{body}\n\nI\n\nThe Harbour\n\nThe Keeper's Story\n\n{body}\n\nA Day of Fog\n\n{body}\n\nII\n\nThe Hill\n\nThe Cat on the Steps\n\n{body}\n");
        let levels: Vec<(u8, String)> = outline(&doc(&text));
        assert_eq!(levels[1], (1, "I The Harbour".to_string()), "{levels:?}");
        assert_eq!(levels.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [1, 1, 2, 2, 1, 2], "{levels:?}");
        // Without the contents, a numeral over a short line is left alone.
        let text = format!("Ⅰ\n\n港の朝\n\n{body}\n");
        assert!(!outline(&doc(&text)).iter().any(|(_, t)| t == "Ⅰ 港の朝"));
    }

    #[test]
    fn a_label_word_over_its_listed_title_is_one_heading() {
        // The appendix's label and title on two lines; the contents lists them as one entry.
        let body = "本办法自发布之日起施行，由市水务局负责解释，各区参照执行。";
        let text = format!("目录\n\n第一章 总则……1\n第二章 附则……3\n附录 河道巡查记录样表……5\n\n第一章 总则\n\n{body}\n\n第二章 附则\n\n{body}\n\n附录\n\n河道巡查记录样表\n\n{body}\n");
        let o = outline(&doc(&text));
        assert_eq!(o.last(), Some(&(1, "附录 河道巡查记录样表".to_string())), "{o:?}");
        assert_eq!(o.len(), 3, "{o:?}");
        let body = "Each volunteer fills in one sheet per walk and hands it in at the depot.";
        let text = format!("Contents\n\n1 Purpose ........ 1\n2 Duties ........ 3\nAppendix Patrol Record Sheet ........ 5\n\n1 Purpose\n\n{body}\n\n2 Duties\n\n{body}\n\nAppendix\n\nPatrol Record Sheet\n\n{body}\n");
        let o = outline(&doc(&text));
        assert_eq!(o.last(), Some(&(1, "Appendix Patrol Record Sheet".to_string())), "{o:?}");
        assert_eq!(o.len(), 3, "{o:?}");
    }

    #[test]
    fn a_numbered_title_wrapped_in_a_narrow_column_is_one_heading() {
        let prose = "Each node wakes once a minute, reads its sensors, stores the readings, and sleeps again until the next minute.";
        let text = format!(
            "1 Overview\n{prose}\n\n2 Method\n2.1 Power Budget and\nDuty Cycles\n{prose}\n\n2.2 Storage\n{prose}\n"
        );
        let o = outline(&doc(&text));
        assert!(o.iter().any(|(_, t)| t == "2.1 Power Budget and Duty Cycles"), "{o:?}");
        assert!(!o.iter().any(|(_, t)| t == "Duty Cycles"), "{o:?}");
        // After a blank line the short line stands on its own: no join.
        let text = format!("1 Overview\n{prose}\n\n2 Method\n\n2.1 Power Budget\n\nDuty Cycles\n\n{prose}\n");
        assert!(!outline(&doc(&text)).iter().any(|(_, t)| t.ends_with("Budget Duty Cycles")));
        let prose = "我们在桥身南侧取了六个样点，逐一记录表面剥落的深度和面积，并与二十年前的照片比对。";
        let text =
            format!("1 概况\n{prose}\n\n4 评估\n4.2 古桥石料的\n风化程度评估\n{prose}\n\n4.3 修缮建议\n{prose}\n");
        let o = outline(&doc(&text));
        assert!(o.iter().any(|(_, t)| t == "4.2 古桥石料的风化程度评估"), "{o:?}");
    }

    #[test]
    fn a_flush_line_among_indented_paragraphs_stands_apart() {
        // pypdf: each paragraph opens with a space, blank lines only around the title page.
        let p1 = " 5月2日，区图书馆在老城书院开设周末古籍修复课，二十名读者报名参加，课程共分四次完成。";
        let p2 = " 修复师先讲纸张的种类和虫蛀的成因，再示范如何用小刷子清理书页上的灰尘和霉斑。";
        let text = format!("社区简报\n\n第12期\n\n本期内容：古籍修复课开班；河滨步道完工。\n古籍修复课开班\n{p1}\n{p2}\n{p1}\n{p2}\n{p1}\n{p2}\n河滨步道完工\n{p2}\n{p1}\n{p2}\n{p1}\n{p2}\n{p1}\n");
        let o = outline(&doc(&text));
        let titles: Vec<&str> = o.iter().map(|(_, t)| t.as_str()).collect();
        assert!(titles.ends_with(&["古籍修复课开班", "河滨步道完工"]), "{o:?}");
        let p1 = " On the second of May the branch library opened a weekend class in mending old books, and twenty readers signed up.";
        let p2 = " The restorer began with the kinds of paper and the habits of the insects that eat them, then showed how to brush the pages.";
        let text = format!("Parish Newsletter\n\nIssue 12\n\nIn this issue: the mending class; the riverside path.\nA Class in Mending Books\n{p1}\n{p2}\n{p1}\n{p2}\n{p1}\n{p2}\nThe Riverside Path Opens\n{p2}\n{p1}\n{p2}\n{p1}\n{p2}\n{p1}\n");
        let o = outline(&doc(&text));
        let titles: Vec<&str> = o.iter().map(|(_, t)| t.as_str()).collect();
        assert!(titles.ends_with(&["A Class in Mending Books", "The Riverside Path Opens"]), "{o:?}");
    }

    #[test]
    fn a_heading_shape_that_closes_an_open_sentence_is_its_last_line() {
        let text = "1 Method\n\nWe sampled the pond every week with the same net, and compared the counts with those described in\nSection 3.\n\n2 Results\n\nThe counts rose in spring and fell again after the first frost of the year.\n";
        let o = outline(&doc(text));
        let titles: Vec<&str> = o.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(titles, ["1 Method", "2 Results"], "{o:?}");
        // (CJK text joins across such a line in the repair stage already.)
        let text = "1 Méthode\n\nNous avons compté les insectes chaque semaine avec le même filet, puis comparé les nombres avec ceux décrits à la\nSection 4.\n\n2 Résultats\n\nLes nombres ont augmenté au printemps et ont baissé après les premières gelées.\n";
        let o = outline(&doc(text));
        let titles: Vec<&str> = o.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(titles, ["1 Méthode", "2 Résultats"], "{o:?}");
    }

    #[test]
    fn capital_numerals_head_the_chinese_numerals() {
        let body = "本府將結合在地產業資源，協助青年就業與創業，並定期檢討執行成效。";
        let text = format!("壹、計畫緣起\n\n{body}\n\n貳、實施策略\n\n一、就業輔導\n\n（一）校園講座\n\n{body}\n\n二、創業扶植\n\n{body}\n");
        assert_eq!(
            outline(&doc(&text)),
            [
                (1, "壹、計畫緣起".into()),
                (1, "貳、實施策略".into()),
                (2, "一、就業輔導".into()),
                (3, "（一）校園講座".into()),
                (2, "二、創業扶植".into())
            ]
        );
        let body = "我们将整合本地产业资源，帮助青年就业和创业，并定期评估执行效果。";
        let text = format!("壹、背景\n\n{body}\n\n贰、措施\n\n一、就业服务\n\n{body}\n");
        let levels: Vec<u8> = outline(&doc(&text)).into_iter().map(|(l, _)| l).collect();
        assert_eq!(levels, [1, 1, 2]);
    }

    #[test]
    fn a_spelled_number_over_its_title_is_one_heading() {
        let body = "The parcel came on a wet Friday, wedged between a seed list and a rates notice.";
        let text = format!("ONE\n\nA Letter from the Bay\n\n{body}\n\nTWO\n\nThe Harbourmaster\n\n{body}\n");
        let heads: Vec<String> = outline(&doc(&text)).into_iter().map(|(_, t)| t).collect();
        assert_eq!(heads, ["ONE A Letter from the Bay", "TWO The Harbourmaster"]);
    }

    #[test]
    fn japanese_statute_articles_open_their_paragraphs() {
        let d = doc("第一章　総則\n\n第一条　この条例は、公園の管理について定める。\n\n第二条　この条例は、公布の日から施行する。\n");
        assert_eq!(outline(&d), [(1, "第一章　総則".into())]);
    }

    #[test]
    fn verse_is_not_headings() {
        let text = "Roses are red\nViolets are blue\n\nSugar is sweet\nAnd so are you\n\nThe end of the song\nIs not for you\n";
        assert!(doc(text).outline().is_empty());
    }

    #[test]
    fn statute_articles_run_in() {
        // Articles open their paragraphs; only the chapters are headings.
        let d = doc("第一章　总则\n\n第一条　为了规范管理，制定本条例。\n\n第二条　本条例自公布之日起施行。\n");
        assert_eq!(outline(&d), [(1, "第一章　总则".into())]);
        let paras: Vec<&str> =
            d.blocks.iter().filter(|b| matches!(b, Block::Paragraph { .. })).map(Block::text).collect();
        assert_eq!(paras, ["第一条　为了规范管理，制定本条例。", "第二条　本条例自公布之日起施行。"]);
    }

    fn paragraphs(d: &Document) -> Vec<&str> {
        d.blocks.iter().filter(|b| matches!(b, Block::Paragraph { .. })).map(Block::text).collect()
    }

    #[test]
    fn a_detached_article_label_opens_its_text() {
        // `pdftotext` reads a label and its text, divided by a wide space, as two blocks,
        // and may read the chapter's title between them.
        let d = doc("第一章\n第一条\n\n总则\n为了规范管理，制定本条例。\n第二条\n\n本条例自公布之日起施行。\n");
        assert_eq!(outline(&d), [(1, "第一章 总则".into())]);
        assert_eq!(
            paragraphs(&d),
            ["第一条\u{3000}为了规范管理，制定本条例。", "第二条\u{3000}本条例自公布之日起施行。"]
        );
        let ja = doc("第一条\n\nこの法律は、図書館の設置及び運営に関し必要な事項を定める。\n");
        assert_eq!(paragraphs(&ja), ["第一条\u{3000}この法律は、図書館の設置及び運営に関し必要な事項を定める。"]);
        // A label with nothing after it stays as it was.
        let alone = doc("第一条\n");
        assert_eq!(paragraphs(&alone), ["第一条"]);
    }

    #[test]
    fn an_article_label_the_contents_lists_stands_alone() {
        let contents = |titles: &[&str]| {
            let lines: Vec<crate::repair::TocLine> = titles
                .iter()
                .map(|t| crate::repair::TocLine { text: t.to_string(), page: Some(1), indent: 0, label: false })
                .collect();
            evidence::items(&lines)
        };
        for (text, toc) in [
            ("第一條\n\n本規則依水利法訂定之。\n第二條\n\n本規則自發布日施行。\n", ["第一章 總則", "第一條", "第二條"]),
            (
                "第一条\n\nこの規則は、公園の管理について定める。\n第二条\n\nこの規則は、公布の日から施行する。\n",
                ["第一章 総則", "第一条", "第二条"],
            ),
        ] {
            let units = repair(&normalise(text)).units;
            let mut report = Report::default();
            let listed = attach_detached_labels(units.clone(), &contents(&toc), &mut report);
            assert_eq!(listed[0].text.trim(), toc[1], "{listed:?}");
            let unlisted = attach_detached_labels(units, &[], &mut report);
            assert!(unlisted[0].text.starts_with(&format!("{}\u{3000}", toc[1])), "{unlisted:?}");
        }
    }

    #[test]
    fn a_title_is_not_taken_for_an_article_text_without_a_chapter_number_before() {
        // The short line after the label is the article's text, not a title.
        let d = doc("第四条\n\n区政府负责将河道保洁列入工作安排\n\n安排，所需经费列入本级预算。\n");
        assert!(paragraphs(&d)[0].starts_with("第四条\u{3000}区政府负责"), "{:?}", paragraphs(&d));
    }

    #[test]
    fn stacked_labels_get_their_titles_back() {
        let d = doc("第四章\n第一节\n\n保洁管理\n保洁责任\n\n河道的保洁责任依下列办法分工。\n\n第二节　保洁标准\n\n保洁单位应当按照标准作业。\n");
        let o = outline(&d);
        assert_eq!(o[0], (1, "第四章 保洁管理".into()), "{o:?}");
        assert_eq!(o[1], (2, "第一节 保洁责任".into()), "{o:?}");
    }

    #[test]
    fn contents_labels_over_titles_make_one_heading() {
        let titles = ["总则", "巡查管理", "设施管理", "附则"];
        let numbers = ["第一章", "第二章", "第三章", "第四章"];
        let mut text = String::from("目录\n");
        for (k, (n, t)) in numbers.iter().zip(titles).enumerate() {
            text += &format!("{n}\n\n{t}......{}\n\n", k + 2);
        }
        for (n, t) in numbers.iter().zip(titles) {
            text += &format!("{n}\n\n{t}\n\n本章规定{t}的事项，由主管部门负责组织实施。\n\n");
        }
        let want: Vec<(u8, String)> = numbers.iter().zip(titles).map(|(n, t)| (1, format!("{n} {t}"))).collect();
        assert_eq!(outline(&doc(&text)), want);
    }

    #[test]
    fn japanese_aozora_headings() {
        let d = doc("第一章［＃「第一章」は大見出し］\n\n吾輩は猫である。名前はまだ無い。\n\n猫の話［＃「猫の話」は中見出し］\n\nどこで生れたかとんと見当がつかぬ。\n");
        assert_eq!(outline(&d), [(1, "第一章".into()), (2, "猫の話".into())]);
        assert_eq!(d.metadata.language, "ja");
    }
}
