//! Simplified ↔ Traditional Chinese (and Japanese Shinjitai) conversion of a
//! finished [`Document`] with OpenCC's dictionaries (`--convert s2twp`).
//!
//! Takes the document structure built and a [`Conversion`]; converts every
//! text a reader sees (headings, paragraphs, list items, quotes, tables,
//! image descriptions, the title, authors and the other metadata; the table
//! of contents follows the headings) and returns one [`Repair`] per block or
//! metadata field it changed, the whole text before and after, so a
//! conversion is audited like any other repair. It never converts a ruby
//! reading (kana or bopomofo say how the base is read), code, a link's
//! address, or a block written in another CJK language than the book's (a
//! Japanese quotation keeps its kanji in a Chinese book).
//!
//! It runs after structure, not in repair: it changes what the text says, not
//! how it was extracted, so headings, joins and running heads are found on
//! the characters the user supplied and every renderer (EPUB, PDF, JSON,
//! Markdown) receives the same converted model. It needs only the model and
//! the report, so it ranks beside `fonts`, a step between structure and render.
//!
//! The dictionaries are OpenCC's own, compiled into the binary by
//! `ferrous-opencc` (Apache-2.0, pure Rust): writing a converter by hand
//! would mean maintaining tens of thousands of phrase pairs. Its
//! dictionaries are OpenCC 1.3.0's, and it converts as OpenCC does with its
//! word segmentation off: a later stage (s2twp's Taiwan phrases) may match a
//! phrase across two of OpenCC's words (开出|租车 → 開計程車, where OpenCC
//! keeps 開出租車); `tests/opencc.rs` measures both.

use crate::model::{Block, Document, Inline, Metadata};
use crate::report::{Repair, Report, Rule};
use crate::scan::language::detect_language;
use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// One of OpenCC's conversions, named as OpenCC names its configurations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conversion {
    /// Simplified → Traditional (OpenCC's standard forms).
    S2t,
    /// Traditional → Simplified.
    T2s,
    /// Simplified → Traditional, Taiwan forms.
    S2tw,
    /// Simplified → Traditional, Taiwan forms and Taiwanese phrases (软件 → 軟體).
    S2twp,
    /// Traditional (Taiwan) → Simplified.
    Tw2s,
    /// Traditional (Taiwan) → Simplified with mainland phrases (軟體 → 软件).
    Tw2sp,
    /// Simplified → Traditional, Hong Kong forms.
    S2hk,
    /// Traditional (Hong Kong) → Simplified.
    Hk2s,
    /// Traditional → Taiwan forms.
    T2tw,
    /// Traditional → Hong Kong forms.
    T2hk,
    /// Traditional (Kyūjitai) → Japanese Shinjitai.
    T2jp,
    /// Japanese Shinjitai → Traditional (Kyūjitai).
    Jp2t,
}

impl Conversion {
    /// Every conversion, in the order the help lists them.
    pub const ALL: [Conversion; 12] = [
        Conversion::S2t,
        Conversion::T2s,
        Conversion::S2tw,
        Conversion::S2twp,
        Conversion::Tw2s,
        Conversion::Tw2sp,
        Conversion::S2hk,
        Conversion::Hk2s,
        Conversion::T2tw,
        Conversion::T2hk,
        Conversion::T2jp,
        Conversion::Jp2t,
    ];

    /// OpenCC's name of the configuration (`s2twp`), as typed after `--convert`.
    pub fn name(self) -> &'static str {
        match self {
            Conversion::S2t => "s2t",
            Conversion::T2s => "t2s",
            Conversion::S2tw => "s2tw",
            Conversion::S2twp => "s2twp",
            Conversion::Tw2s => "tw2s",
            Conversion::Tw2sp => "tw2sp",
            Conversion::S2hk => "s2hk",
            Conversion::Hk2s => "hk2s",
            Conversion::T2tw => "t2tw",
            Conversion::T2hk => "t2hk",
            Conversion::T2jp => "t2jp",
            Conversion::Jp2t => "jp2t",
        }
    }

    /// The conversion OpenCC calls `name` (`s2twp`, `s2twp.json`).
    pub fn parse(name: &str) -> Result<Conversion, String> {
        let key = name.trim().trim_end_matches(".json").to_ascii_lowercase();
        Conversion::ALL.into_iter().find(|c| c.name() == key).ok_or_else(|| {
            let names: Vec<&str> = Conversion::ALL.iter().map(|c| c.name()).collect();
            format!("'{name}' is not an OpenCC conversion (one of {})", names.join(", "))
        })
    }

    fn builtin(self) -> BuiltinConfig {
        match self {
            Conversion::S2t => BuiltinConfig::S2t,
            Conversion::T2s => BuiltinConfig::T2s,
            Conversion::S2tw => BuiltinConfig::S2tw,
            Conversion::S2twp => BuiltinConfig::S2twp,
            Conversion::Tw2s => BuiltinConfig::Tw2s,
            Conversion::Tw2sp => BuiltinConfig::Tw2sp,
            Conversion::S2hk => BuiltinConfig::S2hk,
            Conversion::Hk2s => BuiltinConfig::Hk2s,
            Conversion::T2tw => BuiltinConfig::T2tw,
            Conversion::T2hk => BuiltinConfig::T2hk,
            Conversion::T2jp => BuiltinConfig::T2jp,
            Conversion::Jp2t => BuiltinConfig::Jp2t,
        }
    }

    /// Whether the conversion is between Chinese standards (not Japanese forms).
    fn is_chinese(self) -> bool {
        !matches!(self, Conversion::T2jp | Conversion::Jp2t)
    }

    /// The language tag a Chinese book has after the conversion (`zh-Hans` →
    /// `zh-Hant` for `s2t`, `zh-TW` for `s2twp`); `None` keeps the tag (the
    /// Japanese conversions change glyph standards, not the language).
    pub fn target_language(self) -> Option<&'static str> {
        match self {
            Conversion::S2t => Some("zh-Hant"),
            Conversion::S2tw | Conversion::S2twp | Conversion::T2tw => Some("zh-TW"),
            Conversion::S2hk | Conversion::T2hk => Some("zh-HK"),
            Conversion::T2s | Conversion::Tw2s | Conversion::Tw2sp | Conversion::Hk2s => Some("zh-Hans"),
            Conversion::T2jp | Conversion::Jp2t => None,
        }
    }
}

impl std::fmt::Display for Conversion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A loaded converter: OpenCC's dictionaries for one conversion.
pub struct Converter {
    conversion: Conversion,
    opencc: OpenCC,
}

impl Converter {
    /// Load the dictionaries (built into the binary; a few milliseconds).
    pub fn new(conversion: Conversion) -> crate::error::Result<Converter> {
        let opencc = OpenCC::from_config(conversion.builtin())
            .map_err(|e| crate::error::Error::Usage(format!("--convert {conversion}: {e}")))?;
        Ok(Converter { conversion, opencc })
    }

    /// `text` converted.
    pub fn text(&self, text: &str) -> String {
        self.opencc.convert(text)
    }
}

/// Convert `doc` in place; what changed goes into `report` as
/// [`Rule::Opencc`] records (the body's in `repairs`, the metadata's in
/// `metadata_changes`), and a Chinese book's language tag follows.
/// Blocks are converted on up to one thread per CPU, a slice of the book
/// each: the dictionaries are shared and read-only.
pub fn convert_document(doc: &mut Document, conversion: Conversion, report: &mut Report) -> crate::error::Result<()> {
    let converter = Converter::new(conversion)?;
    let book_primary = primary(&doc.metadata.language);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(doc.blocks.len().max(1));
    let per_thread = doc.blocks.len().div_ceil(threads).max(1);
    let records: Vec<Vec<Repair>> = std::thread::scope(|s| {
        let workers: Vec<_> = doc
            .blocks
            .chunks_mut(per_thread)
            .map(|slice| {
                let (converter, book_primary) = (&converter, book_primary.as_str());
                s.spawn(move || {
                    let mut out = Vec::new();
                    for block in slice {
                        if let Some(r) = convert_block(block, converter, book_primary) {
                            out.push(r);
                        }
                    }
                    out
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    report.repairs.extend(records.into_iter().flatten());
    report.metadata_changes.extend(convert_metadata(&mut doc.metadata, &converter));
    if let Some(tag) = conversion.target_language() {
        if matches!(book_primary.as_str(), "zh" | "und" | "") && doc.metadata.language != tag {
            report.metadata_changes.push(Repair::new(
                Rule::Opencc,
                format!("{conversion}/language"),
                (0, 0),
                doc.metadata.language.clone(),
                tag,
            ));
            doc.metadata.language = tag.to_string();
        }
    }
    Ok(())
}

/// The primary subtag, lower case (`zh-Hant` → `zh`).
fn primary(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// Whether a block in `text` is written in another CJK language than the
/// book's, so a Chinese conversion must leave it alone: kana make it
/// Japanese, Hangul Korean.
fn other_cjk_language(text: &str, book_primary: &str) -> bool {
    let found = primary(&detect_language(text));
    matches!(found.as_str(), "ja" | "ko") && found != book_primary
}

/// One block converted; the record when it changed.
fn convert_block(block: &mut Block, converter: &Converter, book_primary: &str) -> Option<Repair> {
    if converter.conversion.is_chinese() && other_cjk_language(block.text(), book_primary) {
        return None;
    }
    let before = block.text().to_string();
    convert_block_text(block, converter);
    let after = block.text();
    (after != before).then(|| Repair::new(Rule::Opencc, converter.conversion.name(), (0, 0), before, after.to_string()))
}

/// Convert a block's every visible text and re-derive its plain `text`.
fn convert_block_text(block: &mut Block, c: &Converter) {
    match block {
        Block::Heading { text, .. } | Block::ThematicBreak { text } => *text = c.text(text),
        Block::Paragraph { text, inlines } => {
            if inlines.is_empty() {
                *text = c.text(text);
            } else {
                convert_inlines(inlines, c);
                *text = Inline::plain(inlines);
            }
        }
        Block::List { items, text, .. } => {
            for item in items.iter_mut() {
                item.iter_mut().for_each(|b| convert_block_text(b, c));
            }
            *text = items
                .iter()
                .map(|item| item.iter().map(Block::text).collect::<Vec<_>>().join("\n"))
                .collect::<Vec<_>>()
                .join("\n");
        }
        Block::BlockQuote { blocks, text } => {
            blocks.iter_mut().for_each(|b| convert_block_text(b, c));
            *text = c.text(text);
        }
        // Code is written for a machine: its identifiers and strings stay as typed.
        Block::CodeBlock { .. } => {}
        Block::Table { header, rows, text } => {
            header.iter_mut().for_each(|cell| convert_inlines(cell, c));
            rows.iter_mut().flatten().for_each(|cell| convert_inlines(cell, c));
            *text = c.text(text);
        }
        Block::Image { alt, title, text, .. } => {
            *alt = c.text(alt);
            if let Some(t) = title {
                *t = c.text(t);
            }
            *text = c.text(text);
        }
    }
}

/// Convert each run of text; a ruby's base but not its reading, a link's
/// words but not its address, never code or a footnote's label.
fn convert_inlines(inlines: &mut [Inline], c: &Converter) {
    for inline in inlines.iter_mut() {
        match inline {
            Inline::Text(t) => *t = c.text(t),
            Inline::Ruby { base, .. } => *base = c.text(base),
            Inline::Emphasis(children) | Inline::Strong(children) | Inline::Link { children, .. } => {
                convert_inlines(children, c)
            }
            Inline::Code(_) | Inline::LineBreak | Inline::FootnoteRef(_) => {}
        }
    }
}

/// Convert the metadata a reader sees; one record per changed field, named
/// after it (`s2twp/title`).
fn convert_metadata(m: &mut Metadata, c: &Converter) -> Vec<Repair> {
    let mut records = Vec::new();
    let mut field = |name: &str, value: &mut String| {
        let converted = c.text(value);
        if converted != *value {
            let why = format!("{}/{name}", c.conversion.name());
            records.push(Repair::new(Rule::Opencc, why, (0, 0), value.clone(), converted.clone()));
            *value = converted;
        }
    };
    field("title", &mut m.title);
    if let Some(s) = m.subtitle.as_mut() {
        field("subtitle", s);
    }
    for a in m.authors.iter_mut() {
        field("author", &mut a.name);
    }
    if let Some(p) = m.publisher.as_mut() {
        field("publisher", p);
    }
    if let Some(d) = m.description.as_mut() {
        field("description", d);
    }
    for s in m.subjects.iter_mut() {
        field("subject", s);
    }
    if let Some(s) = m.series.as_mut() {
        field("series", &mut s.name);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{heading_id, Creator};

    fn book(language: &str, blocks: Vec<Block>) -> Document {
        Document {
            metadata: Metadata {
                title: "软件的历史".into(),
                language: language.into(),
                authors: vec![Creator::author("林远")],
                ..Default::default()
            },
            blocks,
            ..Default::default()
        }
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for c in Conversion::ALL {
            assert_eq!(Conversion::parse(c.name()), Ok(c));
        }
        assert_eq!(Conversion::parse("S2TWP.json"), Ok(Conversion::S2twp));
        let err = Conversion::parse("s2x").unwrap_err();
        assert!(err.contains("s2twp") && err.contains("jp2t"), "{err}");
    }

    #[test]
    fn every_conversion_loads() {
        for c in Conversion::ALL {
            Converter::new(c).unwrap();
        }
    }

    #[test]
    fn headings_paragraphs_and_metadata_are_converted_and_recorded() {
        let mut doc = book(
            "zh-Hans",
            vec![
                Block::Heading { level: 1, id: heading_id(1), text: "第一章 网络".into() },
                Block::paragraph("他打开软件，用鼠标点了一下。"),
                Block::paragraph("123"),
            ],
        );
        let mut report = Report::default();
        convert_document(&mut doc, Conversion::S2twp, &mut report).unwrap();
        assert_eq!(doc.blocks[0].text(), "第一章 網路");
        // OpenCC 1.3.0's s2twp gives the same (打开 → 開啟 is a Taiwan phrase).
        assert_eq!(doc.blocks[1].text(), "他開啟軟體，用滑鼠點了一下。");
        assert_eq!(doc.outline()[0].text, "第一章 網路");
        assert_eq!(doc.metadata.title, "軟體的歷史");
        assert_eq!(doc.metadata.authors[0].name, "林遠");
        assert_eq!(doc.metadata.language, "zh-TW");
        let whys = |list: &[Repair]| list.iter().map(Repair::decided_by).collect::<Vec<_>>();
        assert_eq!(whys(&report.repairs), ["opencc/s2twp", "opencc/s2twp"]);
        assert_eq!(
            whys(&report.metadata_changes),
            ["opencc/s2twp/title", "opencc/s2twp/author", "opencc/s2twp/language"]
        );
        assert_eq!(report.repairs[1].before, "他打开软件，用鼠标点了一下。");
    }

    #[test]
    fn ruby_readings_code_and_urls_are_kept() {
        let mut doc = book(
            "zh-Hans",
            vec![Block::rich_paragraph(vec![
                Inline::Ruby { base: "汉字".into(), text: "ㄏㄢˋ ㄗˋ".into() },
                Inline::Code("简体 = 1".into()),
                Inline::Link { url: "https://例子.中国/简".into(), children: vec![Inline::Text("链接".into())] },
            ])],
        );
        convert_document(&mut doc, Conversion::S2t, &mut Report::default()).unwrap();
        let Block::Paragraph { inlines, text } = &doc.blocks[0] else { unreachable!() };
        assert_eq!(inlines[0], Inline::Ruby { base: "漢字".into(), text: "ㄏㄢˋ ㄗˋ".into() });
        assert_eq!(inlines[1], Inline::Code("简体 = 1".into()));
        assert!(matches!(&inlines[2], Inline::Link { url, .. } if url == "https://例子.中国/简"));
        assert_eq!(text, "漢字简体 = 1鏈接");
    }

    #[test]
    fn a_japanese_quotation_in_a_chinese_book_keeps_its_kanji() {
        let mut doc =
            book("zh-Hans", vec![Block::paragraph("吾輩は猫である。名前はまだ無い。"), Block::paragraph("这是猫。")]);
        convert_document(&mut doc, Conversion::S2t, &mut Report::default()).unwrap();
        assert_eq!(doc.blocks[0].text(), "吾輩は猫である。名前はまだ無い。");
        assert_eq!(doc.blocks[1].text(), "這是貓。");
    }

    #[test]
    fn traditional_to_simplified_and_the_tag_follows() {
        let mut doc = book("zh-Hant", vec![Block::paragraph("這個軟體的資料庫很大。")]);
        convert_document(&mut doc, Conversion::Tw2sp, &mut Report::default()).unwrap();
        assert_eq!(doc.blocks[0].text(), "这个软件的数据库很大。");
        assert_eq!(doc.metadata.language, "zh-Hans");
    }

    #[test]
    fn an_english_book_keeps_its_language() {
        let mut doc = book("en", vec![Block::paragraph("The word 软件 means software.")]);
        convert_document(&mut doc, Conversion::S2t, &mut Report::default()).unwrap();
        assert_eq!(doc.blocks[0].text(), "The word 軟件 means software.");
        assert_eq!(doc.metadata.language, "en");
    }

    #[test]
    fn japanese_forms_change_and_the_tag_stays() {
        let mut doc = book("ja", vec![Block::paragraph("舊字體の國語を讀む。")]);
        let mut report = Report::default();
        convert_document(&mut doc, Conversion::T2jp, &mut report).unwrap();
        assert_eq!(doc.blocks[0].text(), "旧字体の国語を読む。");
        assert_eq!(doc.metadata.language, "ja");
    }

    #[test]
    fn the_record_balances_the_conservation_check() {
        let source = "网络与软件\n";
        let mut doc = book("zh-Hans", vec![Block::paragraph("网络与软件")]);
        let mut report = Report::default();
        convert_document(&mut doc, Conversion::S2twp, &mut report).unwrap();
        assert_eq!(crate::report::check_conservation(source, &doc.blocks, &report), Ok(()));
    }
}
