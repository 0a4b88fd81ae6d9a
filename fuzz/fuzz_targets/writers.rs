//! The EPUB and PDF writers fed an arbitrary document model, built by
//! `arbitrary` from a small description (headings, paragraphs with nested
//! inlines, lists, quotes, code, tables; any text, any language tag), not
//! only what the front half makes from text. No panic; the EPUB is the same
//! bytes twice; a PDF that is written starts with its header.
#![no_main]

use arbitrary::Arbitrary;
use bindery::model::{Block, Creator, Document, Inline, Metadata};
use bindery::render::Renderer;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Lang {
    ZhHans,
    ZhHant,
    Ja,
    En,
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum B {
    Heading(u8, String),
    Paragraph(Vec<I>),
    List { ordered: bool, start: Option<u64>, items: Vec<Vec<B>> },
    Quote(Vec<B>),
    Code(Option<String>, String),
    Table(Vec<Vec<I>>, Vec<Vec<Vec<I>>>),
    Break,
}

#[derive(Arbitrary, Debug)]
enum I {
    Text(String),
    Emphasis(Vec<I>),
    Strong(Vec<I>),
    Code(String),
    Link(String, Vec<I>),
    LineBreak,
    FootnoteRef(String),
}

#[derive(Arbitrary, Debug)]
struct Book {
    title: String,
    subtitle: Option<String>,
    authors: Vec<String>,
    lang: Lang,
    identifier: Option<String>,
    blocks: Vec<B>,
}

fn inline(i: &I) -> Inline {
    match i {
        I::Text(t) => Inline::Text(t.clone()),
        I::Emphasis(c) => Inline::Emphasis(c.iter().map(inline).collect()),
        I::Strong(c) => Inline::Strong(c.iter().map(inline).collect()),
        I::Code(t) => Inline::Code(t.clone()),
        I::Link(url, c) => Inline::Link { url: url.clone(), children: c.iter().map(inline).collect() },
        I::LineBreak => Inline::LineBreak,
        I::FootnoteRef(l) => Inline::FootnoteRef(l.clone()),
    }
}

fn block(b: &B, n: &mut usize) -> Block {
    *n += 1;
    match b {
        // Levels as the model defines them: 1 (top of the body) to 6.
        B::Heading(level, text) => Block::Heading { level: 1 + level % 6, id: format!("h{n}"), text: text.clone() },
        B::Paragraph(inlines) => {
            let inlines: Vec<Inline> = inlines.iter().map(inline).collect();
            Block::Paragraph { text: Inline::plain(&inlines), inlines }
        }
        B::List { ordered, start, items } => {
            let items: Vec<Vec<Block>> = items.iter().map(|i| i.iter().map(|b| block(b, n)).collect()).collect();
            let text = items.iter().map(|i| plain(i)).collect::<Vec<_>>().join("\n");
            Block::List { ordered: *ordered, start: *start, items, text }
        }
        B::Quote(blocks) => {
            let blocks: Vec<Block> = blocks.iter().map(|b| block(b, n)).collect();
            Block::BlockQuote { text: plain(&blocks), blocks }
        }
        B::Code(language, text) => Block::CodeBlock { language: language.clone(), text: text.clone() },
        B::Table(header, rows) => {
            let cells = |r: &Vec<Vec<I>>| r.iter().map(|c| c.iter().map(inline).collect()).collect::<Vec<Vec<Inline>>>();
            let header = cells(header);
            let rows: Vec<Vec<Vec<Inline>>> = rows.iter().map(cells).collect();
            let text = std::iter::once(&header)
                .chain(rows.iter())
                .map(|r| r.iter().map(|c| Inline::plain(c)).collect::<Vec<_>>().join("\t"))
                .collect::<Vec<_>>()
                .join("\n");
            Block::Table { header, rows, text }
        }
        B::Break => Block::ThematicBreak { text: String::new() },
    }
}

fn plain(blocks: &[Block]) -> String {
    blocks.iter().map(Block::text).collect::<Vec<_>>().join("\n")
}

fuzz_target!(|book: Book| {
    let mut n = 0;
    let language = match &book.lang {
        Lang::ZhHans => "zh-Hans".to_string(),
        Lang::ZhHant => "zh-Hant".to_string(),
        Lang::Ja => "ja".to_string(),
        Lang::En => "en".to_string(),
        Lang::Other(tag) => tag.clone(),
    };
    let doc = Document {
        metadata: Metadata {
            title: book.title.clone(),
            subtitle: book.subtitle.clone(),
            authors: book.authors.iter().map(Creator::author).collect(),
            language,
            identifier: book.identifier.clone(),
            ..Default::default()
        },
        blocks: book.blocks.iter().map(|b| block(b, &mut n)).collect(),
        assets: Default::default(),
    };
    let report = bindery::report::Report::default();
    let epub = bindery::render::epub::Epub { options: bindery::render::epub::EpubOptions { source_date_epoch: Some(0), ..Default::default() } };
    if let Ok(first) = epub.render(&doc, &report) {
        assert_eq!(first, epub.render(&doc, &report).unwrap(), "the EPUB is deterministic");
    }
    let pdf = bindery::render::pdf::Pdf { options: bindery::render::pdf::PdfOptions { source_date_epoch: Some(0), ..Default::default() } };
    if let Ok(bytes) = pdf.render(&doc, &report) {
        assert!(bytes.starts_with(b"%PDF-"));
    }
});
