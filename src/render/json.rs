//! `--to json`: the document model as the scorer reads it, plus the repair report.

use super::Renderer;
use crate::error::{Error, Result};
use crate::model::{Block, Document, Inline, Metadata, TocEntry};
use crate::report::Report;
use serde::Serialize;

/// JSON renderer; `with_report` adds the repair report under `"report"`.
#[derive(Debug, Clone, Default)]
pub struct Json {
    pub with_report: bool,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    metadata: &'a Metadata,
    blocks: Vec<Reading<'a>>,
    toc: Vec<TocEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a Report>,
}

/// One block as a reader meets it. Containers are opened up: each list
/// item, each block inside a quote and each table row is a block of its own
/// (issue 12's convention, and how the scorer reads an EPUB's `li`, `p` and
/// `tr`); every other block is the model's, as it serialises.
#[derive(Serialize)]
struct Reading<'a> {
    #[serde(flatten)]
    block: Piece<'a>,
    /// How many block quotes hold it (0: none, left out).
    #[serde(skip_serializing_if = "is_zero")]
    quote: usize,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Piece<'a> {
    Model(&'a Block),
    /// A list item's own text (its nested lists follow as items one deeper).
    Item {
        #[serde(rename = "type")]
        kind: &'static str,
        ordered: bool,
        /// 1 for a top-level item, 2 inside another item…
        depth: usize,
        text: String,
    },
    /// A table row, cells joined by ` | `.
    Row {
        #[serde(rename = "type")]
        kind: &'static str,
        header: bool,
        text: String,
    },
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn reading<'a>(blocks: &'a [Block], quote: usize, out: &mut Vec<Reading<'a>>) {
    for b in blocks {
        match b {
            Block::List { .. } => list_items(b, 1, quote, out),
            Block::BlockQuote { blocks, .. } => reading(blocks, quote + 1, out),
            Block::Table { header, rows, .. } => {
                let row =
                    |cells: &[Vec<Inline>]| cells.iter().map(|c| Inline::plain(c)).collect::<Vec<_>>().join(" | ");
                let header = (!header.is_empty()).then(|| (true, row(header)));
                for (is_header, text) in header.into_iter().chain(rows.iter().map(|r| (false, row(r)))) {
                    out.push(Reading { block: Piece::Row { kind: "table_row", header: is_header, text }, quote });
                }
            }
            _ => out.push(Reading { block: Piece::Model(b), quote }),
        }
    }
}

/// A list's items in order, each followed by the items of lists inside it.
fn list_items<'a>(list: &'a Block, depth: usize, quote: usize, out: &mut Vec<Reading<'a>>) {
    let Block::List { ordered, items, .. } = list else { return };
    for item in items {
        let own: Vec<&str> = item
            .iter()
            .filter(|b| !matches!(b, Block::List { .. }))
            .map(Block::text)
            .filter(|t| !t.is_empty())
            .collect();
        let text = own.join("\n");
        out.push(Reading { block: Piece::Item { kind: "list_item", ordered: *ordered, depth, text }, quote });
        for nested in item.iter().filter(|b| matches!(b, Block::List { .. })) {
            list_items(nested, depth + 1, quote, out);
        }
    }
}

impl Renderer for Json {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn render(&self, doc: &Document, report: &Report) -> Result<Vec<u8>> {
        let mut blocks = Vec::with_capacity(doc.blocks.len());
        reading(&doc.blocks, 0, &mut blocks);
        let out =
            JsonOut { metadata: &doc.metadata, blocks, toc: doc.outline(), report: self.with_report.then_some(report) };
        let mut bytes =
            serde_json::to_vec_pretty(&out).map_err(|e| Error::Render { format: "json", message: e.to_string() })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{list_block, quote_block, table_block};

    fn rendered(blocks: Vec<Block>) -> serde_json::Value {
        let doc = Document { blocks, ..Default::default() };
        let bytes = Json::default().render(&doc, &Report::default()).unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn list_items_quote_blocks_and_table_rows_are_blocks_of_their_own() {
        let t = |s: &str| vec![Inline::Text(s.into())];
        let nested = list_block(false, None, vec![vec![Block::paragraph("买瓦")], vec![Block::paragraph("请工匠")]]);
        let v = rendered(vec![
            list_block(
                true,
                None,
                vec![vec![Block::paragraph("整理书架")], vec![Block::paragraph("修补屋顶"), nested]],
            ),
            quote_block(vec![Block::paragraph("First line."), Block::paragraph("Second line.")]),
            table_block(vec![t("Month"), t("Rain")], vec![vec![t("九月"), t("120")]]),
        ]);
        let blocks = v["blocks"].as_array().unwrap();
        let shown: Vec<(String, String)> = blocks
            .iter()
            .map(|b| (b["type"].as_str().unwrap().to_string(), b["text"].as_str().unwrap().to_string()))
            .collect();
        let want = [
            ("list_item", "整理书架"),
            ("list_item", "修补屋顶"),
            ("list_item", "买瓦"),
            ("list_item", "请工匠"),
            ("paragraph", "First line."),
            ("paragraph", "Second line."),
            ("table_row", "Month | Rain"),
            ("table_row", "九月 | 120"),
        ];
        assert_eq!(shown, want.map(|(a, b)| (a.to_string(), b.to_string())));
        assert_eq!(blocks[2]["depth"], 2);
        assert_eq!(blocks[0]["ordered"], true);
        assert_eq!(blocks[4]["quote"], 1);
        assert!(blocks[0].get("quote").is_none());
    }
}
