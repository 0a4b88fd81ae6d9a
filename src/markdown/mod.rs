//! Markdown input: pulldown-cmark events straight into the document model,
//! skipping repair (Markdown's line breaks are already meaningful).
//!
//! Takes the decoded text, returns a [`Document`] and pushes warnings into the
//! [`Report`]; never touches the file system (images stay paths until
//! [`crate::assets::load_images`]) and never runs or drops embedded HTML.
//!
//! Decisions, each tested below:
//! - **Book title and levels.** Front matter `title` wins; without it the
//!   first `#` heading names the book (or, with no `#`, the first heading).
//!   Headings stay in the body at the level written: `# Book` over `## Chapter`
//!   is a level-1 heading over level-2 ones, and no level ever shifts (issue
//!   12's convention: a reader who wrote `##` meant level 2).
//! - **Footnotes.** Each definition becomes one paragraph at the end of the
//!   book, in definition order, starting with [`Inline::FootnoteRef`] and a
//!   space (`[1] The note.` in plain text); a multi-paragraph definition is
//!   joined with line breaks. References stay [`Inline::FootnoteRef`].
//! - **Strikethrough** keeps its text and loses the stroke (the model has no
//!   such mark), with one warning. Superscript/subscript likewise.
//! - **HTML** is shown as a browser would, never printed as markup (issue
//!   12's convention): inline `<em>/<i>`, `<strong>/<b>`, `<code>/<kbd>`,
//!   `<a href>`, `<br>` and `<img>` become the model's marks, links, breaks
//!   and images; HTML blocks become paragraphs split at block elements,
//!   `<h1>`–`<h6>` headings, `<pre>` code and `<hr>` breaks; every other tag,
//!   each comment and each `<script>`/`<style>` with its content is dropped
//!   with an `html_markup` repair record (`html.rs` reads the tags).
//! - **Images.** A paragraph of only an image is a [`Block::Image`]; an image
//!   inside a paragraph splits it around an image block; an image inside a
//!   link, emphasis, heading or table cell becomes its alt text.
//! - **Soft breaks** become a space, or nothing between CJK characters
//!   ([`crate::text::join_separator`]).
//! - **Ordered lists** starting at 1 have `start: None`; `Some(n)` otherwise.
//! - **Nesting** deeper than [`MAX_NESTING`] containers (block quotes, lists,
//!   footnotes, emphasis, links, inline HTML marks) is flattened into the
//!   deepest kept one: the text stays, the extra levels go. Every later stage
//!   and renderer recurses over the model, so input must not choose its depth
//!   (`> > > …` 6 000 times overflowed the stack).
//! - **Plain text** of containers: list items one per line (an item's own
//!   blocks one per line too), quote blocks one per line, table rows one per
//!   line with cells separated by a tab; an image's text is its alt text.

pub mod front_matter;
pub mod html;
pub use crate::scan::language::detect_language;

use crate::model::{heading_id, Block, Document, Inline, Metadata};
use crate::report::{Repair, Report, Rule};
use crate::text::join_separator;
use html::Token;
use pulldown_cmark::{CodeBlockKind, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use std::iter::Peekable;

/// The pulldown-cmark extensions bindery reads: GFM tables, footnotes and
/// strikethrough, and both front matter styles.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Deepest nesting of containers kept. Real books nest a quote in a list in
/// a quote, rarely more than five levels; e-readers indent each level, so past
/// about a dozen the text would be a column of single characters. The model's
/// container `text` grows with depth too, so this also bounds the JSON.
pub const MAX_NESTING: usize = 16;

/// Parse Markdown `text` into a document.
pub fn parse(text: &str, report: &mut Report) -> Document {
    let mut reader = Reader::new(text);
    let mut blocks = reader.blocks_until(None);
    blocks.append(&mut reader.footnotes);
    if reader.flattened.get() {
        reader.warnings.push(format!("containers nested deeper than {MAX_NESTING} levels were flattened"));
    }
    report.warnings.append(&mut reader.warnings);
    report.repairs.append(&mut reader.repairs);
    let front = reader.front_matter.unwrap_or_default();
    let mut metadata = Metadata { title: String::new(), language: String::new(), ..front.clone() };

    metadata.title =
        if front.title.is_empty() { first_heading(&blocks).unwrap_or_default() } else { front.title.clone() };
    number_headings(&mut blocks, &mut 0);
    metadata.language = if front.language.trim().is_empty() {
        let mut body = metadata.title.clone();
        for b in &blocks {
            body.push('\n');
            body.push_str(b.text());
        }
        detect_language(&body)
    } else {
        front.language.trim().to_string()
    };
    Document { metadata, blocks, ..Default::default() }
}

/// The book's title when the front matter names none: the first `#`
/// heading's text, or else the first heading's. It stays in the body.
fn first_heading(blocks: &[Block]) -> Option<String> {
    let nonempty = |b: &&Block| matches!(b, Block::Heading { text, .. } if !text.trim().is_empty());
    let top = blocks.iter().filter(nonempty).find(|b| matches!(b, Block::Heading { level: 1, .. }));
    top.or_else(|| blocks.iter().find(nonempty)).map(|b| b.text().to_string())
}

/// Give every heading, nested ones included, its id in document order.
fn number_headings(blocks: &mut [Block], n: &mut usize) {
    Block::visit_mut(blocks, &mut |b| {
        if let Block::Heading { id, .. } = b {
            *n += 1;
            *id = heading_id(*n);
        }
    });
}

// ---------------------------------------------------------------------------
// Block constructors that derive the plain `text` of containers. They belong
// in `model.rs`; they are here (public, for tests and other producers) until
// the model owns them.

/// A list whose `text` is its items' plain text, one per line.
pub fn list_block(ordered: bool, start: Option<u64>, items: Vec<Vec<Block>>) -> Block {
    let text = items.iter().map(|item| blocks_text(item)).collect::<Vec<_>>().join("\n");
    Block::List { ordered, start: if ordered { start.filter(|&s| s != 1) } else { None }, items, text }
}

/// A block quote whose `text` is its blocks' plain text, one per line.
pub fn quote_block(blocks: Vec<Block>) -> Block {
    let text = blocks_text(&blocks);
    Block::BlockQuote { blocks, text }
}

/// A table whose `text` is its rows (header first), one per line, cells separated by tabs.
pub fn table_block(header: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>>) -> Block {
    let row_text = |row: &[Vec<Inline>]| row.iter().map(|c| Inline::plain(c)).collect::<Vec<_>>().join("\t");
    let mut lines = vec![row_text(&header)];
    lines.extend(rows.iter().map(|r| row_text(r)));
    Block::Table { header, rows, text: lines.join("\n") }
}

/// An image whose `text` is its alt text.
pub fn image_block(src: String, alt: String, title: Option<String>) -> Block {
    Block::Image { src, text: alt.clone(), alt, title }
}

fn blocks_text(blocks: &[Block]) -> String {
    blocks.iter().map(Block::text).collect::<Vec<_>>().join("\n")
}

// ---------------------------------------------------------------------------
// The event reader.

/// Where a run of inlines ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// At this end tag (consumed).
    End(TagEnd),
    /// Before the next block-level event: the inline content of a tight list item.
    Block,
    /// At the closing inline HTML tag of this kind (consumed), or before any end tag.
    Html(HtmlMark),
}

/// Inline HTML tags that carry meaning the model has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HtmlMark {
    Emphasis,
    Strong,
    Code,
    Link,
}

/// The mark an inline element stands for: `<em>`, `<i>`, `<cite>` emphasis,
/// `<strong>`, `<b>` strong, `<code>`, `<kbd>` code, `<a href>` a link.
fn html_mark(name: &str) -> Option<HtmlMark> {
    match name {
        "em" | "i" | "cite" | "dfn" | "var" => Some(HtmlMark::Emphasis),
        "strong" | "b" => Some(HtmlMark::Strong),
        "code" | "kbd" | "samp" | "tt" => Some(HtmlMark::Code),
        "a" => Some(HtmlMark::Link),
        _ => None,
    }
}

/// The inlines a closed mark makes of its content.
fn marked(mark: HtmlMark, url: Option<String>, children: Vec<Inline>) -> Vec<Inline> {
    match mark {
        HtmlMark::Emphasis => vec![Inline::Emphasis(children)],
        HtmlMark::Strong => vec![Inline::Strong(children)],
        HtmlMark::Code => vec![Inline::Code(Inline::plain(&children))],
        HtmlMark::Link => match url {
            Some(url) => vec![Inline::Link { url, children }],
            None => children,
        },
    }
}

/// A link target bindery will write: not a script.
fn safe_url(url: Option<&str>) -> Option<String> {
    let url = url?.trim();
    let scheme = url.split(':').next().unwrap_or("").to_ascii_lowercase();
    (!url.is_empty() && !matches!(scheme.as_str(), "javascript" | "vbscript" | "data")).then(|| url.to_string())
}

/// Text from raw HTML as a browser shows it: runs of white space are one
/// space, a line break is a soft break (nothing between CJK characters).
/// `h1`…`h6` → 1…6.
fn heading_level(name: &str) -> Option<u8> {
    let digit = name.strip_prefix('h')?;
    digit.parse::<u8>().ok().filter(|l| (1..=6).contains(l))
}

fn push_html_text(runs: &mut Runs, text: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let mut piece = *line;
        if i > 0 {
            runs.soft_break = !runs.items.is_empty();
            piece = piece.trim_start();
        }
        if i + 1 < lines.len() {
            piece = piece.trim_end();
        }
        let collapsed = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out = String::new();
        if piece.starts_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(&collapsed);
        if piece.ends_with(char::is_whitespace) && !collapsed.is_empty() {
            out.push(' ');
        }
        if !out.is_empty() {
            runs.push_text(&out);
        }
    }
}

/// An inline run being built: inlines, images not yet placed, and a pending soft break.
#[derive(Debug, Default)]
struct Runs {
    items: Vec<Run>,
    soft_break: bool,
}

#[derive(Debug)]
enum Run {
    Inline(Inline),
    Image { src: String, alt: String, title: Option<String> },
}

impl Runs {
    fn push(&mut self, inline: Inline) {
        if self.soft_break {
            self.soft_break = false;
            let before = last_char(&self.items).map(String::from).unwrap_or_default();
            let after = first_char(std::slice::from_ref(&inline)).map(String::from).unwrap_or_default();
            let sep = join_separator(&before, &after);
            if !sep.is_empty() {
                self.push_text(sep);
            }
        }
        match (self.items.last_mut(), inline) {
            // CommonMark drops white space around a hard break; so do we for `<br>`.
            (Some(Run::Inline(Inline::LineBreak)), Inline::Text(t)) => {
                if !t.trim_start().is_empty() {
                    self.items.push(Run::Inline(Inline::Text(t.trim_start().to_string())));
                }
            }
            (Some(Run::Inline(Inline::Text(prev))), Inline::LineBreak) => {
                let kept = prev.trim_end().len();
                prev.truncate(kept);
                if prev.is_empty() {
                    self.items.pop();
                }
                self.items.push(Run::Inline(Inline::LineBreak));
            }
            (Some(Run::Inline(Inline::Text(prev))), Inline::Text(t)) => prev.push_str(&t),
            (_, Inline::Text(t)) if t.is_empty() => {}
            (_, inline) => self.items.push(Run::Inline(inline)),
        }
    }

    fn push_text(&mut self, t: &str) {
        self.push(Inline::Text(t.to_string()));
    }

    fn push_image(&mut self, src: String, alt: String, title: Option<String>) {
        self.soft_break = false;
        self.items.push(Run::Image { src, alt, title });
    }

    /// Everything as inlines, images as their alt text.
    fn into_inlines(self) -> Vec<Inline> {
        let mut out = Runs::default();
        for run in self.items {
            match run {
                Run::Inline(i) => out.push(i),
                Run::Image { alt, .. } => out.push(Inline::Text(alt)),
            }
        }
        out.items
            .into_iter()
            .filter_map(|r| match r {
                Run::Inline(i) => Some(i),
                Run::Image { .. } => None,
            })
            .collect()
    }

    /// Paragraph blocks split around images; whitespace at the edges trimmed.
    fn into_blocks(self, out: &mut Vec<Block>) {
        let mut current = Vec::new();
        for run in self.items {
            match run {
                Run::Inline(i) => current.push(i),
                Run::Image { src, alt, title } => {
                    push_paragraph(std::mem::take(&mut current), out);
                    out.push(image_block(src, alt, title));
                }
            }
        }
        push_paragraph(current, out);
    }
}

fn push_paragraph(mut inlines: Vec<Inline>, out: &mut Vec<Block>) {
    trim_inlines(&mut inlines);
    if !inlines.is_empty() {
        out.push(Block::rich_paragraph(inlines));
    }
}

/// Drop white space and line breaks at both ends of a paragraph.
fn trim_inlines(inlines: &mut Vec<Inline>) {
    loop {
        match inlines.first_mut() {
            Some(Inline::LineBreak) => {
                inlines.remove(0);
            }
            Some(Inline::Text(t)) if t.trim_start().is_empty() => {
                inlines.remove(0);
            }
            Some(Inline::Text(t)) => {
                *t = t.trim_start().to_string();
                break;
            }
            _ => break,
        }
    }
    loop {
        match inlines.last_mut() {
            Some(Inline::LineBreak) => {
                inlines.pop();
            }
            Some(Inline::Text(t)) if t.trim_end().is_empty() => {
                inlines.pop();
            }
            Some(Inline::Text(t)) => {
                *t = t.trim_end().to_string();
                break;
            }
            _ => break,
        }
    }
}

fn last_char(runs: &[Run]) -> Option<char> {
    runs.iter().rev().find_map(|r| match r {
        Run::Inline(i) => Inline::plain(std::slice::from_ref(i)).chars().last(),
        Run::Image { alt, .. } => alt.chars().last(),
    })
}

fn first_char(inlines: &[Inline]) -> Option<char> {
    inlines.iter().find_map(|i| Inline::plain(std::slice::from_ref(i)).chars().next())
}

/// Whether an event belongs inside a paragraph (as opposed to starting or ending a block).
fn is_inline_event(ev: &Event) -> bool {
    match ev {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(_) | Event::Html(_) | Event::DisplayMath(_) | Event::Rule => false,
    }
}

/// pulldown-cmark's events with containers past [`MAX_NESTING`] dropped
/// (their start and end; their content joins the container above). A list's
/// items go with their list; an item dropped so ends with a line break.
struct Bounded<'a> {
    parser: Parser<'a>,
    /// For each open tag: whether it counts towards the depth, and whether it was kept.
    open: Vec<(bool, bool)>,
    depth: usize,
    flattened: std::rc::Rc<std::cell::Cell<bool>>,
}

/// Tags that nest without bound in Markdown.
fn nests(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
    )
}

impl<'a> Iterator for Bounded<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let ev = self.parser.next()?;
            match &ev {
                Event::Start(tag) => {
                    let counts = nests(tag);
                    let kept = match tag {
                        Tag::Item => self.open.last().is_none_or(|&(_, kept)| kept),
                        _ if counts => self.depth < MAX_NESTING,
                        _ => true,
                    };
                    self.open.push((counts, kept));
                    if counts && kept {
                        self.depth += 1;
                    }
                    if kept {
                        return Some(ev);
                    }
                    self.flattened.set(true);
                }
                Event::End(end) => {
                    let (counts, kept) = self.open.pop().unwrap_or((false, true));
                    if counts && kept {
                        self.depth -= 1;
                    }
                    if kept {
                        return Some(ev);
                    }
                    if *end == TagEnd::Item {
                        return Some(Event::HardBreak);
                    }
                }
                _ => return Some(ev),
            }
        }
    }
}

struct Reader<'a> {
    events: Peekable<Bounded<'a>>,
    flattened: std::rc::Rc<std::cell::Cell<bool>>,
    /// Inline HTML marks (`<em>`) open around the current position.
    html_depth: usize,
    /// Inline HTML marks dropped past [`MAX_NESTING`], whose closing tags go too.
    html_dropped: usize,
    footnotes: Vec<Block>,
    front_matter: Option<Metadata>,
    warnings: Vec<String>,
    /// Markup dropped from raw HTML (tags, comments, scripts), as records.
    repairs: Vec<Repair>,
    warned_strikethrough: bool,
    warned_sub_super: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        let flattened = std::rc::Rc::new(std::cell::Cell::new(false));
        let events = Bounded {
            parser: Parser::new_ext(text, options()),
            open: Vec::new(),
            depth: 0,
            flattened: flattened.clone(),
        };
        Reader {
            events: events.peekable(),
            flattened,
            html_depth: 0,
            html_dropped: 0,
            footnotes: Vec::new(),
            front_matter: None,
            warnings: Vec::new(),
            repairs: Vec::new(),
            warned_strikethrough: false,
            warned_sub_super: false,
        }
    }

    /// Blocks until `end` (consumed) or the end of input.
    fn blocks_until(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some(ev) = self.events.next() {
            if is_inline_event(&ev) {
                // Tight list items hold inline content without a paragraph.
                let mut runs = Runs::default();
                self.inline_event(ev, &mut runs, Stop::Block);
                self.inlines_until(&mut runs, Stop::Block);
                runs.into_blocks(&mut out);
                continue;
            }
            match ev {
                Event::End(e) if Some(e) == end => break,
                Event::End(_) => {} // an end tag without its start: nothing to close
                Event::Start(tag) => self.block(tag, &mut out),
                Event::Rule => out.push(Block::ThematicBreak { text: String::new() }),
                Event::Html(raw) => self.html_blocks(&raw, &mut out),
                Event::DisplayMath(m) => {
                    out.push(Block::CodeBlock { language: Some("math".into()), text: m.to_string() })
                }
                _ => {} // inline events: taken above by `is_inline_event`
            }
        }
        out
    }

    /// One block that starts with `tag`, read to its end.
    fn block(&mut self, tag: Tag<'a>, out: &mut Vec<Block>) {
        match tag {
            Tag::Paragraph => {
                let mut runs = Runs::default();
                self.inlines_until(&mut runs, Stop::End(TagEnd::Paragraph));
                runs.into_blocks(out);
            }
            Tag::Heading { level, .. } => {
                let mut runs = Runs::default();
                self.inlines_until(&mut runs, Stop::End(TagEnd::Heading(level)));
                let text = Inline::plain(&runs.into_inlines()).replace('\n', " ").trim().to_string();
                out.push(Block::Heading { level: level as u8, id: String::new(), text });
            }
            Tag::BlockQuote(kind) => {
                let blocks = self.blocks_until(Some(TagEnd::BlockQuote(kind)));
                out.push(quote_block(blocks));
            }
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().map(String::from),
                    CodeBlockKind::Indented => None,
                };
                let mut text = self.raw_text_until(TagEnd::CodeBlock);
                if text.ends_with('\n') {
                    text.pop();
                }
                out.push(Block::CodeBlock { language, text });
            }
            Tag::HtmlBlock => {
                let text = self.raw_text_until(TagEnd::HtmlBlock);
                self.html_blocks(&text, out);
            }
            Tag::List(start) => {
                let ordered = start.is_some();
                let mut items = Vec::new();
                while let Some(ev) = self.events.next() {
                    match ev {
                        Event::Start(Tag::Item) => items.push(self.blocks_until(Some(TagEnd::Item))),
                        Event::End(TagEnd::List(_)) => break,
                        _ => {} // lists hold only items
                    }
                }
                out.push(list_block(ordered, start, items));
            }
            Tag::FootnoteDefinition(label) => {
                let blocks = self.blocks_until(Some(TagEnd::FootnoteDefinition));
                self.footnotes.push(footnote_paragraph(&label, blocks));
            }
            Tag::Table(_) => out.push(self.table()),
            Tag::MetadataBlock(kind) => {
                let text = self.raw_text_until(TagEnd::MetadataBlock(kind));
                let (syntax, language) = match kind {
                    MetadataBlockKind::YamlStyle => (front_matter::Syntax::Yaml, "yaml"),
                    MetadataBlockKind::PlusesStyle => (front_matter::Syntax::Toml, "toml"),
                };
                if self.front_matter.is_none() && out.is_empty() {
                    self.front_matter = Some(front_matter::read(&text, syntax, &mut self.warnings));
                } else {
                    self.warnings.push("a second front matter block was kept as a code block".into());
                    out.push(Block::CodeBlock { language: Some(language.into()), text: text.trim_end().into() });
                }
            }
            // Containers the model has no type for: their blocks join the parent.
            Tag::Item
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell => {
                let end = tag.to_end();
                out.extend(self.blocks_until(Some(end)));
            }
            // Inline tags are routed to `inline_event` before they get here.
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {
                let mut runs = Runs::default();
                self.inline_event(Event::Start(tag), &mut runs, Stop::Block);
                self.inlines_until(&mut runs, Stop::Block);
                runs.into_blocks(out);
            }
        }
    }

    /// A table: header cells, then body rows, to `TagEnd::Table`.
    fn table(&mut self) -> Block {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        while let Some(ev) = self.events.next() {
            match ev {
                Event::Start(Tag::TableHead) => header = self.table_cells(TagEnd::TableHead),
                Event::Start(Tag::TableRow) => rows.push(self.table_cells(TagEnd::TableRow)),
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        table_block(header, rows)
    }

    fn table_cells(&mut self, end: TagEnd) -> Vec<Vec<Inline>> {
        let mut cells = Vec::new();
        while let Some(ev) = self.events.next() {
            match ev {
                Event::Start(Tag::TableCell) => {
                    let mut runs = Runs::default();
                    self.inlines_until(&mut runs, Stop::End(TagEnd::TableCell));
                    let mut inlines = runs.into_inlines();
                    trim_inlines(&mut inlines);
                    cells.push(inlines);
                }
                Event::End(e) if e == end => break,
                _ => {}
            }
        }
        cells
    }

    /// The concatenated text of a code, HTML or metadata block.
    fn raw_text_until(&mut self, end: TagEnd) -> String {
        let mut text = String::new();
        for ev in self.events.by_ref() {
            match ev {
                Event::End(e) if e == end => break,
                Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                _ => {}
            }
        }
        text
    }

    /// Inline events into `runs` until `stop`.
    fn inlines_until(&mut self, runs: &mut Runs, stop: Stop) {
        loop {
            let Some(next) = self.events.peek() else { return };
            let leave_it = match stop {
                Stop::Block => !is_inline_event(next),
                Stop::Html(_) => matches!(next, Event::End(_)),
                Stop::End(_) => false,
            };
            if leave_it {
                return;
            }
            let Some(ev) = self.events.next() else { return };
            if let Event::End(_) = ev {
                return; // our own end tag (or a stray one, which ends us all the same)
            }
            if self.inline_event(ev, runs, stop) {
                return;
            }
        }
    }

    /// HTML ruby after its `<ruby>` (`漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>`, `<rb>`
    /// allowed), read to its `</ruby>`: the base and its reading. Markup it does
    /// not expect ends it early, with the text read so far kept.
    fn ruby(&mut self) -> Inline {
        #[derive(Clone, Copy, PartialEq)]
        enum Part {
            Base,
            Reading,
            Fallback,
        }
        let (mut base, mut reading, mut part) = (String::new(), String::new(), Part::Base);
        while let Some(ev) = self.events.peek() {
            match ev {
                Event::Text(t) => match part {
                    Part::Base => base.push_str(t),
                    Part::Reading => reading.push_str(t),
                    Part::Fallback => {}
                },
                Event::InlineHtml(raw) => match raw.trim().to_ascii_lowercase().as_str() {
                    "<rb>" | "</rb>" | "</rt>" | "</rp>" => part = Part::Base,
                    "<rt>" => part = Part::Reading,
                    "<rp>" => part = Part::Fallback,
                    "</ruby>" => {
                        self.events.next();
                        break;
                    }
                    _ => break,
                },
                _ => break,
            }
            self.events.next();
        }
        if base.is_empty() || reading.is_empty() {
            Inline::Text(base + &reading)
        } else {
            Inline::Ruby { base, text: reading }
        }
    }

    /// Markup dropped from raw HTML, recorded so nothing vanishes unseen.
    fn drop_html(&mut self, why: &'static str, raw: &str) {
        self.repairs.push(Repair::new(Rule::HtmlMarkup, why, (0, 0), raw, ""));
    }

    /// One token of inline raw HTML; `true` when it closes `stop`. Marks the
    /// model has (`<em>`, `<a href>`, `<code>`…) read their content to the
    /// closing tag; `<br>` and `<img>` are a line break and an image; a
    /// script or style goes with its content; any other tag or comment goes,
    /// its content stays.
    fn inline_html(&mut self, token: Token, runs: &mut Runs, stop: Stop) -> bool {
        match token {
            Token::Text(t) => runs.push_text(&t),
            Token::Comment(c) => self.drop_html("comment", &c),
            Token::Open { ref name, .. } if name == "br" => runs.push(Inline::LineBreak),
            Token::Open { ref name, .. } if name == "img" => self.html_image(&token, runs),
            Token::Open { ref name, closed: false, ref raw, .. } if html::HIDDEN.contains(&name.as_str()) => {
                let mut hidden = raw.clone();
                let name = name.clone();
                while let Some(ev) = self.events.next_if(|ev| !matches!(ev, Event::End(_))) {
                    let (Event::Text(t) | Event::InlineHtml(t) | Event::Html(t) | Event::Code(t)) = ev else {
                        continue;
                    };
                    hidden.push_str(&t);
                    if html::tokens(&t).iter().any(|k| matches!(k, Token::Close { name: n, .. } if *n == name)) {
                        break;
                    }
                }
                self.drop_html("hidden_element", &hidden);
            }
            Token::Open { ref name, closed: false, ref raw, .. } if html_mark(name).is_some() => {
                let Some(mark) = html_mark(name) else { return false };
                if self.html_depth >= MAX_NESTING {
                    self.flattened.set(true);
                    self.html_dropped += 1;
                    return false;
                }
                let url = safe_url(token.attr("href"));
                if mark == HtmlMark::Link && url.is_none() {
                    self.drop_html("tag", raw);
                }
                let mut inner = Runs::default();
                self.html_depth += 1;
                self.inlines_until(&mut inner, Stop::Html(mark));
                self.html_depth -= 1;
                for inline in marked(mark, url, inner.into_inlines()) {
                    runs.push(inline);
                }
            }
            Token::Close { ref name, ref raw } => match html_mark(name) {
                Some(mark) if stop == Stop::Html(mark) && self.html_dropped == 0 => return true,
                Some(_) if self.html_dropped > 0 => self.html_dropped -= 1,
                _ => self.drop_html("tag", raw),
            },
            Token::Open { raw, .. } => self.drop_html("tag", &raw),
        }
        false
    }

    /// `<img src alt title>`: an image, or its alt text when it names no file.
    fn html_image(&mut self, token: &Token, runs: &mut Runs) {
        let alt = token.attr("alt").unwrap_or("").to_string();
        match token.attr("src").map(str::trim).filter(|s| !s.is_empty()) {
            Some(src) => runs.push_image(src.to_string(), alt, token.attr("title").map(String::from)),
            None => {
                if let Token::Open { raw, .. } = token {
                    self.drop_html("tag", raw);
                }
                runs.push_text(&alt);
            }
        }
    }

    /// A block of raw HTML as blocks: paragraphs split at block elements
    /// (`<p>`, `<div>`, `<li>`, `<tr>`…), `<h1>`–`<h6>` headings, `<hr>` a
    /// break, `<pre>` a code block, inline marks and images as in a paragraph;
    /// scripts, styles, comments and other tags dropped with a record.
    fn html_blocks(&mut self, raw: &str, out: &mut Vec<Block>) {
        // Open inline marks, innermost last, each with what it holds so far.
        let mut frames: Vec<(HtmlMark, Option<String>, Runs)> = Vec::new();
        let mut runs = Runs::default();
        let mut heading: Option<u8> = None;
        let mut pre: Option<String> = None;
        let mut hidden: Option<(String, String)> = None;
        let flush = |runs: &mut Runs,
                     frames: &mut Vec<(HtmlMark, Option<String>, Runs)>,
                     heading: &mut Option<u8>,
                     out: &mut Vec<Block>| {
            while let Some((mark, url, inner)) = frames.pop() {
                let target = frames.last_mut().map(|f| &mut f.2).unwrap_or(&mut *runs);
                for inline in marked(mark, url, inner.into_inlines()) {
                    target.push(inline);
                }
            }
            let done = std::mem::take(runs);
            match heading.take() {
                Some(level) => {
                    let text = Inline::plain(&done.into_inlines()).replace('\n', " ").trim().to_string();
                    if !text.is_empty() {
                        out.push(Block::Heading { level, id: String::new(), text });
                    }
                }
                None => done.into_blocks(out),
            }
        };
        for token in html::tokens(raw) {
            if let Some((name, text)) = hidden.as_mut() {
                let raw_piece = match &token {
                    Token::Text(t) | Token::Comment(t) => t.clone(),
                    Token::Open { raw, .. } | Token::Close { raw, .. } => raw.clone(),
                };
                text.push_str(&raw_piece);
                if matches!(&token, Token::Close { name: n, .. } if n == name) {
                    let (_, text) = hidden.take().unwrap_or_default();
                    self.drop_html("hidden_element", &text);
                }
                continue;
            }
            if let Some(code) = pre.as_mut() {
                match &token {
                    Token::Close { name, .. } if name == "pre" => {
                        let text = pre.take().unwrap_or_default();
                        out.push(Block::CodeBlock { language: None, text: text.trim_matches('\n').to_string() });
                    }
                    Token::Text(t) => code.push_str(t),
                    Token::Open { name, .. } if name == "br" => code.push('\n'),
                    Token::Open { raw, .. } | Token::Close { raw, .. } | Token::Comment(raw) => {
                        let raw = raw.clone();
                        self.drop_html("tag", &raw);
                    }
                }
                continue;
            }
            let target = frames.last_mut().map(|f| &mut f.2).unwrap_or(&mut runs);
            match token {
                Token::Text(t) => push_html_text(target, &t),
                Token::Comment(c) => self.drop_html("comment", &c),
                Token::Open { ref name, .. } if name == "br" => target.push(Inline::LineBreak),
                Token::Open { ref name, .. } if name == "img" => self.html_image(&token, target),
                Token::Open { ref name, .. } if name == "hr" => {
                    flush(&mut runs, &mut frames, &mut heading, out);
                    out.push(Block::ThematicBreak { text: String::new() });
                }
                Token::Open { ref name, closed: false, ref raw, .. } if html::HIDDEN.contains(&name.as_str()) => {
                    hidden = Some((name.clone(), raw.clone()));
                }
                Token::Open { ref name, closed: false, .. } if name == "pre" => {
                    flush(&mut runs, &mut frames, &mut heading, out);
                    pre = Some(String::new());
                }
                Token::Open { ref name, .. } | Token::Close { ref name, .. } if heading_level(name).is_some() => {
                    flush(&mut runs, &mut frames, &mut heading, out);
                    if matches!(token, Token::Open { .. }) {
                        heading = heading_level(name);
                    }
                }
                Token::Open { ref name, .. } | Token::Close { ref name, .. }
                    if html::BLOCKS.contains(&name.as_str()) =>
                {
                    flush(&mut runs, &mut frames, &mut heading, out);
                    if let Token::Open { raw, .. } | Token::Close { raw, .. } = &token {
                        self.drop_html("tag", raw);
                    }
                }
                Token::Open { ref name, closed: false, .. }
                    if html_mark(name).is_some() && frames.len() < MAX_NESTING =>
                {
                    let Some(mark) = html_mark(name) else { continue };
                    frames.push((mark, safe_url(token.attr("href")), Runs::default()));
                }
                Token::Close { ref name, ref raw } => match html_mark(name) {
                    Some(mark) if frames.last().is_some_and(|f| f.0 == mark) => {
                        let Some((mark, url, inner)) = frames.pop() else { continue };
                        let target = frames.last_mut().map(|f| &mut f.2).unwrap_or(&mut runs);
                        for inline in marked(mark, url, inner.into_inlines()) {
                            target.push(inline);
                        }
                    }
                    _ => self.drop_html("tag", raw),
                },
                Token::Open { raw, .. } => self.drop_html("tag", &raw),
            }
        }
        if let Some((_, text)) = hidden {
            self.drop_html("hidden_element", &text);
        }
        if let Some(text) = pre {
            out.push(Block::CodeBlock { language: None, text: text.trim_matches('\n').to_string() });
        }
        flush(&mut runs, &mut frames, &mut heading, out);
    }

    /// One inline event (reading nested content to its end); `true` when it closes `stop`.
    fn inline_event(&mut self, ev: Event<'a>, runs: &mut Runs, stop: Stop) -> bool {
        match ev {
            Event::Text(t) => runs.push_text(&t),
            Event::Code(t) => runs.push(Inline::Code(t.to_string())),
            Event::InlineMath(t) => runs.push(Inline::Code(t.to_string())),
            Event::DisplayMath(t) => runs.push(Inline::Code(t.to_string())),
            Event::FootnoteReference(label) => runs.push(Inline::FootnoteRef(label.to_string())),
            Event::SoftBreak => runs.soft_break = !runs.items.is_empty(),
            Event::HardBreak => runs.push(Inline::LineBreak),
            Event::TaskListMarker(done) => runs.push_text(if done { "[x] " } else { "[ ] " }),
            Event::Rule => {}
            Event::InlineHtml(raw) if raw.trim().eq_ignore_ascii_case("<ruby>") => runs.push(self.ruby()),
            Event::Html(raw) | Event::InlineHtml(raw) => {
                for token in html::tokens(&raw) {
                    if self.inline_html(token, runs, stop) {
                        return true;
                    }
                }
            }
            Event::End(_) => return true,
            Event::Start(tag) => match tag {
                Tag::Emphasis => {
                    let children = self.nested(TagEnd::Emphasis);
                    runs.push(Inline::Emphasis(children));
                }
                Tag::Strong => {
                    let children = self.nested(TagEnd::Strong);
                    runs.push(Inline::Strong(children));
                }
                Tag::Strikethrough => {
                    if !self.warned_strikethrough {
                        self.warned_strikethrough = true;
                        self.warnings
                            .push("strikethrough (~~…~~) kept as plain text: books have no struck-out text".into());
                    }
                    for i in self.nested(TagEnd::Strikethrough) {
                        runs.push(i);
                    }
                }
                Tag::Superscript | Tag::Subscript => {
                    if !self.warned_sub_super {
                        self.warned_sub_super = true;
                        self.warnings.push("superscript/subscript kept as plain text".into());
                    }
                    let end = tag.to_end();
                    for i in self.nested(end) {
                        runs.push(i);
                    }
                }
                Tag::Link { dest_url, .. } => {
                    let children = self.nested(TagEnd::Link);
                    runs.push(Inline::Link { url: dest_url.to_string(), children });
                }
                Tag::Image { dest_url, title, .. } => {
                    let alt = Inline::plain(&self.nested(TagEnd::Image));
                    let title = (!title.is_empty()).then(|| title.to_string());
                    runs.push_image(dest_url.to_string(), alt, title);
                }
                // A block inside inline content cannot come from pulldown-cmark;
                // keep its text rather than lose it.
                other => {
                    let mut blocks = Vec::new();
                    self.block(other, &mut blocks);
                    runs.push_text(&blocks_text(&blocks));
                }
            },
        }
        false
    }

    fn nested(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut inner = Runs::default();
        self.inlines_until(&mut inner, Stop::End(end));
        inner.into_inlines()
    }
}

/// A footnote definition as one paragraph: `[FootnoteRef(label), " ", content…]`,
/// its blocks joined by line breaks.
fn footnote_paragraph(label: &str, blocks: Vec<Block>) -> Block {
    let mut runs = Runs::default();
    runs.push(Inline::FootnoteRef(label.to_string()));
    let mut body = Vec::new();
    for (i, b) in blocks.into_iter().enumerate() {
        if i > 0 {
            body.push(Inline::LineBreak);
        }
        match b.inlines() {
            Some(inlines) => body.extend(inlines),
            None => body.push(Inline::Text(b.text().to_string())),
        }
    }
    trim_inlines(&mut body);
    if !body.is_empty() {
        runs.push_text(" ");
        for i in body {
            runs.push(i);
        }
    }
    Block::rich_paragraph(runs.into_inlines())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Creator;

    fn doc(md: &str) -> Document {
        parse(md, &mut Report::default())
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn the_first_top_heading_names_the_book_and_stays_at_level_one() {
        let d = doc("# 山海记\n\n## 第一章\n\n正文。\n\n### 一\n\n## 第二章\n");
        assert_eq!(d.metadata.title, "山海记");
        let levels: Vec<_> = d.outline().iter().map(|e| (e.level, e.text.clone())).collect();
        assert_eq!(levels, vec![(1, "山海记".into()), (2, "第一章".into()), (3, "一".into()), (2, "第二章".into())]);
        let d = doc("# Part One\n\ntext\n\n# Part Two\n");
        assert_eq!(d.metadata.title, "Part One");
        assert_eq!(d.outline().len(), 2);
        // Text before the `#`, and a lower heading first: the `#` still names the book.
        let d = doc("Epigraph.\n\n## Prologue\n\n# Only\n\n## Sub\n");
        assert_eq!(d.metadata.title, "Only");
        let levels: Vec<_> = d.outline().iter().map(|e| e.level).collect();
        assert_eq!(levels, vec![2, 1, 2]);
        // No `#` at all: the first heading names the book; levels as written.
        let d = doc("## Alpha\n\n### Beta\n");
        assert_eq!(d.metadata.title, "Alpha");
        assert_eq!(d.outline()[0].level, 2);
    }

    #[test]
    fn front_matter_title_wins_and_headings_keep_their_levels() {
        let d = doc("---\ntitle: 山海记\nauthor: 周青禾\n---\n\n# 山海记\n\n## 第一章\n");
        assert_eq!(d.metadata.title, "山海记");
        assert_eq!(d.metadata.authors, vec![Creator::author("周青禾")]);
        let levels: Vec<_> = d.outline().iter().map(|e| (e.level, e.text.clone())).collect();
        assert_eq!(levels, vec![(1, "山海记".into()), (2, "第一章".into())]);
        let d = doc("---\ntitle: Book\n---\n\n# Chapter\n\n## Section\n");
        assert_eq!(d.metadata.title, "Book");
        assert_eq!(d.outline()[0].level, 1);
        assert_eq!(d.outline()[1].level, 2);
    }

    #[test]
    fn no_heading_no_title() {
        let d = doc("Just text.\n");
        assert_eq!(d.metadata.title, "");
        assert_eq!(d.metadata.language, "en");
    }

    #[test]
    fn malformed_front_matter_warns() {
        let mut report = Report::default();
        let d = parse("---\ntitle: [oops\n---\n\n正文。\n", &mut report);
        assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
        assert_eq!(d.metadata.language, "zh-Hans");
        let d = parse("+++\ntitle = \"T\"\nlang = \"en\"\n+++\n\nBody\n", &mut report);
        assert_eq!(d.metadata.title, "T");
        assert_eq!(d.metadata.language, "en");
    }

    #[test]
    fn soft_breaks_join_by_script() {
        let d = doc("这是第一行\n这是第二行\n\nthe door\nwas open\n\n使用\n*Rust*\n");
        assert_eq!(d.blocks[0].text(), "这是第一行这是第二行");
        assert_eq!(d.blocks[1].text(), "the door was open");
        assert_eq!(d.blocks[2].text(), "使用Rust");
    }

    #[test]
    fn inline_markup() {
        let d = doc("a *b* **c** `d` [e](http://x.org) f  \ng\\\nh [^n]\n\n[^n]: note *here*\n");
        let Block::Paragraph { inlines, text } = &d.blocks[0] else { panic!("{:?}", d.blocks) };
        assert_eq!(
            inlines,
            &vec![
                t("a "),
                Inline::Emphasis(vec![t("b")]),
                t(" "),
                Inline::Strong(vec![t("c")]),
                t(" "),
                Inline::Code("d".into()),
                t(" "),
                Inline::Link { url: "http://x.org".into(), children: vec![t("e")] },
                t(" f"),
                Inline::LineBreak,
                t("g"),
                Inline::LineBreak,
                t("h "),
                Inline::FootnoteRef("n".into()),
            ]
        );
        assert_eq!(text, "a b c d e f\ng\nh [n]");
        // The definition is the last block.
        let Block::Paragraph { inlines, text } = &d.blocks[1] else { panic!() };
        assert_eq!(inlines[0], Inline::FootnoteRef("n".into()));
        assert_eq!(inlines[1], t(" note "));
        assert_eq!(text, "[n] note here");
    }

    #[test]
    fn footnote_definitions_move_to_the_end() {
        let d = doc("A[^1].\n\n[^1]: First.\n\n    Second para.\n\nB.\n");
        assert_eq!(d.blocks.len(), 3);
        assert_eq!(d.blocks[1].text(), "B.");
        assert_eq!(d.blocks[2].text(), "[1] First.\nSecond para.");
    }

    #[test]
    fn strikethrough_is_plain_with_a_warning() {
        let mut report = Report::default();
        let d = parse("a ~~b~~ c ~~d~~\n", &mut report);
        assert_eq!(d.blocks, vec![Block::paragraph("a b c d")]);
        assert_eq!(report.warnings.len(), 1);
    }

    #[test]
    fn html_is_rendered_or_dropped_never_printed() {
        let mut report = Report::default();
        let d = parse(
            "<div class=\"x\">\n<p>hi</p>\n</div>\n\na <span>b</span> <em>c</em> d<br>e <a href=\"https://example.org\">f</a>\n",
            &mut report,
        );
        assert_eq!(d.blocks[0], Block::paragraph("hi"));
        let Block::Paragraph { inlines, .. } = &d.blocks[1] else { panic!("{:?}", d.blocks[1]) };
        assert_eq!(
            inlines,
            &vec![
                t("a b "),
                Inline::Emphasis(vec![t("c")]),
                t(" d"),
                Inline::LineBreak,
                t("e "),
                Inline::Link { url: "https://example.org".into(), children: vec![t("f")] }
            ]
        );
        let dropped: Vec<&str> = report.repairs.iter().map(|r| r.before.as_str()).collect();
        assert_eq!(dropped, ["<div class=\"x\">", "<p>", "</p>", "</div>", "<span>", "</span>"]);
        assert!(report.repairs.iter().all(|r| r.rule == Rule::HtmlMarkup));
    }

    #[test]
    fn html_blocks_give_headings_images_and_code_and_hide_scripts() {
        let mut report = Report::default();
        let md = "<h2>序 言</h2>\n<p>第一段&amp;注<br/>第二行</p>\n<img src=\"fig/a.png\" alt=\"山景\">\n\n\
                  <!-- draft -->\n\n<script>\nlet a = 1;\n</script>\n\n<pre>\n  x = 1\n</pre>\n\n<p align=center>The <b>end</b></p>\n";
        let d = parse(md, &mut report);
        assert_eq!(d.blocks[0], Block::Heading { level: 2, id: "h1".into(), text: "序 言".into() });
        assert_eq!(d.blocks[1].text(), "第一段&注\n第二行");
        assert_eq!(d.blocks[2], image_block("fig/a.png".into(), "山景".into(), None));
        assert_eq!(d.blocks[3], Block::CodeBlock { language: None, text: "  x = 1".into() });
        let Block::Paragraph { inlines, .. } = &d.blocks[4] else { panic!("{:?}", d.blocks[4]) };
        assert_eq!(inlines, &vec![t("The "), Inline::Strong(vec![t("end")])]);
        assert_eq!(d.blocks.len(), 5, "{:?}", d.blocks);
        let why: Vec<&str> = report.repairs.iter().map(|r| r.why.as_ref()).collect();
        assert!(why.contains(&"comment") && why.contains(&"hidden_element"), "{why:?}");
        let script = report.repairs.iter().find(|r| r.why == "hidden_element").map(|r| r.before.as_str());
        assert_eq!(script, Some("<script>\nlet a = 1;\n</script>"));
    }

    #[test]
    fn inline_scripts_and_unsafe_links_go() {
        let mut report = Report::default();
        let d = parse("前<script>x()</script>后，<a href=\"javascript:x()\">点</a>。\n", &mut report);
        assert_eq!(d.blocks[0], Block::paragraph("前后，点。"));
        assert!(report.repairs.iter().any(|r| r.before.contains("x()") && r.why == "hidden_element"));
    }

    #[test]
    fn unclosed_html_emphasis_runs_to_the_end_of_the_paragraph() {
        let d = doc("a <b>bold\n\nnext\n");
        assert_eq!(d.blocks[0].text(), "a bold");
        assert_eq!(d.blocks[1].text(), "next");
    }

    #[test]
    fn images() {
        let d = doc("![Alt *text*](img/a.png \"T\")\n\nbefore ![x](b.jpg) after\n\n[![badge](c.svg)](http://x)\n");
        assert_eq!(d.blocks[0], image_block("img/a.png".into(), "Alt text".into(), Some("T".into())));
        assert_eq!(d.blocks[1], Block::paragraph("before"));
        assert_eq!(d.blocks[2], image_block("b.jpg".into(), "x".into(), None));
        assert_eq!(d.blocks[3], Block::paragraph("after"));
        assert_eq!(d.blocks[4].text(), "badge");
    }

    #[test]
    fn lists_nested_and_numbered() {
        let d = doc("3. one\n4. two\n   - a\n   - b\n\n- x\n\n  para\n- y\n");
        let Block::List { ordered, start, items, text } = &d.blocks[0] else { panic!() };
        assert!(*ordered);
        assert_eq!(*start, Some(3));
        assert_eq!(items[1].len(), 2);
        assert_eq!(text, "one\ntwo\na\nb");
        let Block::List { ordered, start, items, .. } = &d.blocks[1] else { panic!() };
        assert!(!*ordered);
        assert_eq!(*start, None);
        assert_eq!(items[0], vec![Block::paragraph("x"), Block::paragraph("para")]);
        let d = doc("1. a\n2. b\n");
        assert!(matches!(d.blocks[0], Block::List { ordered: true, start: None, .. }));
    }

    #[test]
    fn quotes_code_rules_tables() {
        let d = doc("> q1\n>\n> q2\n\n```rust ignore\nfn x() {}\n```\n\n    indented\n\n***\n\n| a | *b* |\n|---|---|\n| 1 | 2 |\n| 3 |\n");
        assert_eq!(d.blocks[0], quote_block(vec![Block::paragraph("q1"), Block::paragraph("q2")]));
        assert_eq!(d.blocks[1], Block::CodeBlock { language: Some("rust".into()), text: "fn x() {}".into() });
        assert_eq!(d.blocks[2], Block::CodeBlock { language: None, text: "indented".into() });
        assert_eq!(d.blocks[3], Block::ThematicBreak { text: String::new() });
        let Block::Table { header, rows, text } = &d.blocks[4] else { panic!() };
        assert_eq!(header[1], vec![Inline::Emphasis(vec![t("b")])]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].len(), 2, "short rows are padded");
        assert_eq!(text, "a\tb\n1\t2\n3\t");
    }

    #[test]
    fn a_second_metadata_block_is_kept() {
        let mut report = Report::default();
        let d = parse("---\ntitle: A\n---\n\ntext\n\n---\nfoo: bar\n---\n", &mut report);
        assert_eq!(d.metadata.title, "A");
        assert!(d.blocks.iter().all(|b| !b.text().is_empty()));
    }

    #[test]
    fn deep_nesting_is_flattened_not_a_crash() {
        for md in ["> ".repeat(6000) + "x", "- ".repeat(3000) + "x", "*".repeat(20000) + "x" + &"*".repeat(20000)] {
            let mut report = Report::default();
            let d = parse(&md, &mut report);
            assert!(depth(&d.blocks) <= MAX_NESTING, "{}", &md[..10]);
        }
        let html = "<em>".repeat(5000) + "x" + &"</em>".repeat(5000);
        let d = doc(&html);
        assert_eq!(Inline::plain(d.blocks[0].inlines().unwrap().as_slice()), "x");
    }

    #[test]
    fn shallow_nesting_is_kept() {
        let d = doc("> > > 三层引用\n");
        assert_eq!(depth(&d.blocks), 3);
    }

    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::BlockQuote { blocks, .. } => 1 + depth(blocks),
                Block::List { items, .. } => 1 + items.iter().map(|i| depth(i)).max().unwrap_or(0),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn detects_language_without_front_matter() {
        assert_eq!(doc("# 吾輩は猫である\n\n吾輩は猫である。名前はまだ無い。\n").metadata.language, "ja");
        assert_eq!(doc("這個國家的人說。\n").metadata.language, "zh-Hant");
    }
}
