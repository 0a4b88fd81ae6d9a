//! Markdown in and out: fixtures, model snapshots and round-trip properties.

use bindery::markdown::{image_block, list_block, parse, quote_block, table_block};
use bindery::model::{Creator, Series};
use bindery::render::markdown::to_markdown;
use bindery::{Block, Document, Inline, Metadata, Report};
use proptest::prelude::*;
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(md: &str) -> Document {
    parse(md, &mut Report::default())
}

/// Heading ids are renumbered on every parse; compare without them.
fn without_ids(blocks: &[Block]) -> Vec<Block> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading { level, text, .. } => {
                Block::Heading { level: *level, id: String::new(), text: text.clone() }
            }
            Block::List { ordered, start, items, text } => Block::List {
                ordered: *ordered,
                start: *start,
                items: items.iter().map(|i| without_ids(i)).collect(),
                text: text.clone(),
            },
            Block::BlockQuote { blocks, text } => Block::BlockQuote { blocks: without_ids(blocks), text: text.clone() },
            other => other.clone(),
        })
        .collect()
}

/// `md → model → md` is stable, and the model survives `model → md → model`.
fn assert_round_trips(md: &str) {
    let first = read(md);
    let md1 = to_markdown(&first);
    let second = read(&md1);
    assert_eq!(without_ids(&second.blocks), without_ids(&first.blocks), "model changed; markdown:\n{md1}");
    assert_eq!(second.metadata, first.metadata);
    let md2 = to_markdown(&second);
    assert_eq!(md2, md1, "markdown not stable");
}

// ---------------------------------------------------------------------------
// Fixtures

#[test]
fn chinese_with_front_matter() {
    let mut report = Report::default();
    let doc = parse(&fixture("zh_front_matter.md"), &mut report);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(doc.metadata.title, "山居笔记");
    assert_eq!(doc.metadata.language, "zh-Hans");
    assert_eq!(
        doc.metadata.authors,
        vec![Creator::author("林一"), Creator { name: "Ann Lee".into(), role: "trl".into() }]
    );
    assert_eq!(doc.metadata.series, Some(Series { name: "四季".into(), index: Some(2.0) }));
    insta::assert_json_snapshot!("zh_front_matter", doc);
    assert_round_trips(&fixture("zh_front_matter.md"));
}

#[test]
fn english_with_every_construct() {
    let mut report = Report::default();
    let doc = parse(&fixture("en_all.md"), &mut report);
    assert_eq!(doc.metadata.title, "The Lighthouse Keeper");
    assert_eq!(doc.metadata.language, "en");
    // Strikethrough is the one warning.
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let kinds: Vec<&str> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { .. } => "heading",
            Block::Paragraph { .. } => "paragraph",
            Block::List { .. } => "list",
            Block::BlockQuote { .. } => "quote",
            Block::CodeBlock { .. } => "code",
            Block::Table { .. } => "table",
            Block::Image { .. } => "image",
            Block::ThematicBreak { .. } => "break",
        })
        .collect();
    for kind in ["heading", "paragraph", "list", "quote", "code", "table", "image", "break"] {
        assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
    }
    insta::assert_json_snapshot!("en_all", doc);
    assert_round_trips(&fixture("en_all.md"));
}

#[test]
fn japanese_title_heading() {
    let doc = read(&fixture("ja_title_heading.md"));
    assert_eq!(doc.metadata.title, "吾輩は猫である");
    assert_eq!(doc.metadata.language, "ja");
    // The first `#` names the book and stays a level-1 heading; `##` stays level 2.
    assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, text, .. } if text == "吾輩は猫である"));
    assert!(matches!(&doc.blocks[1], Block::Heading { level: 2, text, .. } if text == "一"));
    insta::assert_json_snapshot!("ja_title_heading", doc);
    assert_round_trips(&fixture("ja_title_heading.md"));
}

#[test]
fn rendered_markdown_is_clean() {
    let md = to_markdown(&read(&fixture("zh_front_matter.md")));
    assert!(md.starts_with("---\ntitle: 山居笔记\n"), "{md}");
    assert!(md.contains("\n### 秋夜\n"), "{md}");
    assert!(!md.contains("\\，"), "CJK punctuation is never escaped:\n{md}");
}

// ---------------------------------------------------------------------------
// Generated models

/// A word of one script, or a piece of punctuation Markdown cares about.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,6}",
        "[一-龥]{1,4}",
        "[ぁ-ゖァ-ヺ]{1,3}",
        prop::sample::select(vec![
            "，", "。", "“", "”", "「", "」", "——", "…", "*", "**", "_", "[", "]", "<", "<a", ">", "&", "&amp;", "#",
            "-", "+", "=", "1.", "2)", "`", "~", "|", "\\", "!", "(", ")", ":", "^", "'", "\"", "!["
        ])
        .prop_map(String::from),
    ]
}

/// Text without white space at either end or doubled inside.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), any::<bool>()), 1..5).prop_map(|parts| {
        let mut s = String::new();
        for (i, (tok, space)) in parts.into_iter().enumerate() {
            if i > 0 && space {
                s.push(' ');
            }
            s.push_str(&tok);
        }
        s
    })
}

fn leaf_inline() -> impl Strategy<Value = Inline> {
    prop_oneof![
        4 => text().prop_map(Inline::Text),
        1 => "[a-z`| *]{1,6}".prop_map(Inline::Code),
    ]
}

/// Inline runs: no text runs side by side, no line break at either end or twice in a row.
fn inlines(depth: u32) -> BoxedStrategy<Vec<Inline>> {
    let element = if depth == 0 {
        leaf_inline().boxed()
    } else {
        prop_oneof![
            4 => leaf_inline(),
            1 => inlines(depth - 1).prop_map(Inline::Emphasis),
            1 => inlines(depth - 1).prop_map(Inline::Strong),
            1 => ("[a-z]{1,5}(/[a-z()]{0,4})?( x)?&?", inlines(0))
                .prop_map(|(url, children)| Inline::Link { url, children }),
            1 => Just(Inline::LineBreak),
        ]
        .boxed()
    };
    prop::collection::vec(element, 1..5).prop_map(tidy).boxed()
}

fn tidy(raw: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for i in raw {
        match (out.last_mut(), i) {
            (Some(Inline::Text(a)), Inline::Text(b)) => {
                a.push(' ');
                a.push_str(&b);
            }
            (Some(Inline::Code(a)), Inline::Code(b)) => a.push_str(&b),
            (Some(Inline::LineBreak) | None, Inline::LineBreak) => {}
            (_, i) => out.push(i),
        }
    }
    while matches!(out.last(), Some(Inline::LineBreak)) {
        out.pop();
    }
    if out.is_empty() {
        out.push(Inline::Text("x".into()));
    }
    out
}

/// A paragraph that may cite footnotes `1` or `注` (never as its first inline).
fn paragraph() -> impl Strategy<Value = Block> {
    (inlines(2), prop::option::of(prop::sample::select(vec!["1", "注"]))).prop_map(|(mut inlines, note)| {
        if let Some(label) = note {
            inlines.push(Inline::FootnoteRef(label.to_string()));
        }
        Block::rich_paragraph(inlines)
    })
}

fn leaf_block() -> impl Strategy<Value = Block> {
    prop_oneof![
        2 => (1u8..=6, text()).prop_map(|(level, text)| Block::Heading { level, id: String::new(), text }),
        6 => paragraph(),
        1 => (prop::option::of("[a-z]{1,5}"), prop::collection::vec("[a-z `~#>*-]{0,8}", 0..4))
            .prop_map(|(language, lines)| Block::CodeBlock { language, text: lines.join("\n") }),
        1 => (1usize..4, 0usize..3).prop_flat_map(|(width, height)| (
            prop::collection::vec(prop::option::of(inlines(1)), width),
            prop::collection::vec(prop::collection::vec(prop::option::of(inlines(1)), width), height),
        )).prop_map(|(header, rows)| {
            let cell = |c: Option<Vec<Inline>>| c.unwrap_or_default();
            table_block(header.into_iter().map(cell).collect(), rows.into_iter().map(|r| r.into_iter().map(cell).collect()).collect())
        }),
        1 => ("[a-z]{1,5}( [a-z]{1,3})?\\.png", prop::option::of(text()), prop::option::of(text()))
            .prop_map(|(src, alt, title)| image_block(src, alt.unwrap_or_default(), title)),
        1 => Just(Block::ThematicBreak { text: String::new() }),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    leaf_block().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (
                any::<bool>(),
                prop::option::of(0u64..20),
                prop::collection::vec(prop::collection::vec(inner.clone(), 1..3), 1..4)
            )
                .prop_map(|(ordered, start, items)| list_block(
                    ordered,
                    if ordered { start } else { None },
                    items
                )),
            prop::collection::vec(inner, 1..3).prop_map(quote_block),
        ]
    })
}

fn metadata() -> impl Strategy<Value = Metadata> {
    (
        "Ω[a-z]{1,6}( [一-龥]{1,3})?",
        prop::sample::select(vec!["zh-Hans", "zh-Hant", "ja", "en"]),
        prop::collection::vec(("[A-Z][a-z]{1,5}|[一-龥]{2,3}", prop::sample::select(vec!["aut", "trl", "edt"])), 0..3),
        prop::option::of(text()),
        prop::option::of("urn:isbn:[0-9]{13}|[0-9]{4}(-[0-9]{2})?|true|1\\.0"),
        prop::collection::vec("[a-z]{1,5}(,[a-z]{1,3})?|[一-龥]{2}", 0..3),
        prop::option::of(("[A-Z][a-z]{2,6}", prop::option::of(prop::sample::select(vec![1.0, 2.5, 10.0])))),
    )
        .prop_map(|(title, language, authors, description, date, subjects, series)| Metadata {
            title,
            language: language.into(),
            authors: authors.into_iter().map(|(name, role)| Creator { name, role: role.into() }).collect(),
            description,
            date: date.clone(),
            identifier: date.map(|d| format!("id-{d}")),
            subjects,
            series: series.map(|(name, index)| Series { name, index }),
            ..Default::default()
        })
}

fn document() -> impl Strategy<Value = Document> {
    (metadata(), prop::collection::vec(block(), 1..8), inlines(1), inlines(1)).prop_map(
        |(metadata, mut blocks, n1, n2)| {
            // Define every label the body might cite, last, as parsing puts them.
            for (label, body) in [("1", n1), ("注", n2)] {
                let mut inlines = vec![Inline::FootnoteRef(label.into())];
                match body.first() {
                    Some(Inline::Text(t)) => {
                        inlines.push(Inline::Text(format!(" {t}")));
                        inlines.extend(body.into_iter().skip(1));
                    }
                    _ => {
                        inlines.push(Inline::Text(" ".into()));
                        inlines.extend(body);
                    }
                }
                blocks.push(Block::rich_paragraph(inlines));
            }
            Document { metadata, blocks, ..Default::default() }
        },
    )
}

/// Markdown-ish soup: the constructs that interact badly when mixed.
fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => token(),
            1 => prop::sample::select(vec![
                "\n", "\n\n", " ", "  \n", "# ", "## ", "- ", "* ", "+ ", "1. ", "3) ", "> ", "```", "~~~", "    ", "**", "~~",
                "[a](b)", "![i](x.png)", "[^1]", "\n[^1]: ", "| a | b |\n|---|---|\n", "---\n", "***", "<em>", "</em>",
                "<div>\n", "<br>", "---\ntitle: T\n---\n", "\t", "&#42;", "<http://x>",
            ])
            .prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn model_survives_markdown(doc in document()) {
        let md = to_markdown(&doc);
        let back = read(&md);
        prop_assert_eq!(&back.metadata, &doc.metadata, "markdown:\n{}", md);
        prop_assert_eq!(without_ids(&back.blocks), without_ids(&doc.blocks), "markdown:\n{}", md);
        prop_assert_eq!(to_markdown(&back), md);
    }

    #[test]
    fn markdown_is_stable_after_one_trip(md in markdownish()) {
        let md1 = to_markdown(&read(&md));
        let md2 = to_markdown(&read(&md1));
        prop_assert_eq!(md2, md1);
    }

    #[test]
    fn no_panic_on_any_input(s in any::<String>()) {
        let doc = read(&s);
        let _ = to_markdown(&doc);
    }
}
