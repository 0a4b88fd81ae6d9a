//! The repair report: every change a stage makes to the user's text, as data.
//!
//! A rule returns [`Repair`] records instead of editing silently, so the report
//! that `inspect --repairs` prints, the conservation check and the tests all
//! read the same record.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What kind of change was made. Removals (`after` empty) are artifacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    // normalise
    LineEnding,
    UnicodeNfc,
    ByteOrderMark,
    ControlCharacter,
    ZeroWidth,
    CompatibilityIdeograph,
    LetterSpacing,
    ColumnOrder,
    // repair
    Folio,
    RunningHead,
    PrintedToc,
    HardWrap,
    Spacing,
    PageBreakJoin,
    Dehyphenation,
    Boilerplate,
    AozoraMarkup,
    RubyMarkup,
    // Markdown input
    HtmlMarkup,
    // structure
    EmphasisMarkup,
    Separator,
    BannerFrame,
    RunInTitle,
    HeadingMarker,
    DetachedLabel,
    TitlePage,
    // the user's corrections (any stage)
    Correction,
    // after structure: `--convert`
    Opencc,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::LineEnding => "line_ending",
            Rule::UnicodeNfc => "unicode_nfc",
            Rule::ByteOrderMark => "byte_order_mark",
            Rule::ControlCharacter => "control_character",
            Rule::ZeroWidth => "zero_width",
            Rule::CompatibilityIdeograph => "compatibility_ideograph",
            Rule::LetterSpacing => "letter_spacing",
            Rule::ColumnOrder => "column_order",
            Rule::Folio => "folio",
            Rule::RunningHead => "running_head",
            Rule::PrintedToc => "printed_toc",
            Rule::HardWrap => "hard_wrap",
            Rule::Spacing => "spacing",
            Rule::PageBreakJoin => "page_break_join",
            Rule::Dehyphenation => "dehyphenation",
            Rule::Boilerplate => "boilerplate",
            Rule::AozoraMarkup => "aozora_markup",
            Rule::RubyMarkup => "ruby_markup",
            Rule::HtmlMarkup => "html_markup",
            Rule::EmphasisMarkup => "emphasis_markup",
            Rule::Separator => "separator",
            Rule::BannerFrame => "banner_frame",
            Rule::RunInTitle => "run_in_title",
            Rule::HeadingMarker => "heading_marker",
            Rule::DetachedLabel => "detached_label",
            Rule::TitlePage => "title_page",
            Rule::Correction => "correction",
            Rule::Opencc => "opencc",
        }
    }
}

/// One change: which rule, which of its conditions decided (`hard_wrap` because
/// of `full_line`), where (byte range in the normalised text: a line, or a
/// unit's lines; `(0, 0)` for an edit inside a paragraph already joined from
/// several places, such as `_emphasis_`), the text before and after. A removed
/// artifact has an empty `after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    pub rule: Rule,
    /// The named condition of the rule that decided this change.
    pub why: Cow<'static, str>,
    pub span: (usize, usize),
    pub before: String,
    pub after: String,
}

impl Repair {
    pub fn new(
        rule: Rule,
        why: impl Into<Cow<'static, str>>,
        span: (usize, usize),
        before: impl Into<String>,
        after: impl Into<String>,
    ) -> Self {
        Repair { rule, why: why.into(), span, before: before.into(), after: after.into() }
    }

    /// `rule/why`, as `inspect --repairs` and the corrections speak of it.
    pub fn decided_by(&self) -> String {
        format!("{}/{}", self.rule.name(), self.why)
    }

    /// Whether this record removes text the user wrote (not only white space).
    pub fn removes_content(&self) -> bool {
        self.before.chars().any(|c| !c.is_whitespace()) && self.after.trim().is_empty()
    }
}

/// What the pipeline saw and did, for `inspect` and `--to json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// Encoding the input was decoded from (WHATWG label).
    pub encoding: String,
    /// Bytes that could not be decoded and were replaced by U+FFFD.
    pub replacements: usize,
    /// Byte offset of the first such sequence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_replacement_at: Option<usize>,
    pub repairs: Vec<Repair>,
    /// Printed-TOC entries that matched no heading in the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub toc_unmatched: Vec<String>,
    /// Body headings that the printed TOC does not list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings_not_in_toc: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The user's corrections and how often each fired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<crate::corrections::Tally>,
    /// Changes to the metadata (title, authors, language tag: `--convert`),
    /// kept apart from `repairs`, whose records account for the body's text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata_changes: Vec<Repair>,
}

impl Report {
    /// Number of repairs per rule, in rule order.
    pub fn counts(&self) -> BTreeMap<Rule, usize> {
        let mut m = BTreeMap::new();
        for r in &self.repairs {
            *m.entry(r.rule).or_insert(0) += 1;
        }
        m
    }

    /// The records that removed user text (folios, running heads, the printed TOC…).
    pub fn removed(&self) -> impl Iterator<Item = &Repair> {
        self.repairs.iter().filter(|r| r.removes_content())
    }
}

/// Check that nothing the user wrote was lost: every non-space character of
/// `source` (the decoded input) is in the document's blocks or accounted for
/// by a repair record (what a record's `before` has and its `after` lacks was
/// removed on purpose). Returns the characters unaccounted for, if any.
pub fn check_conservation(source: &str, blocks: &[crate::model::Block], report: &Report) -> Result<(), String> {
    CharTally::of(source).check(blocks, report)
}

/// The non-space characters of a source text, counted, so the conservation
/// check can be made after the text itself is gone (the pipeline drops the
/// decoded text once it is normalised: 60 MB for 20 M characters).
#[derive(Debug, Clone)]
pub struct CharTally {
    /// A flat table for the Basic Multilingual Plane (all of CJK's common
    /// characters) and a map for the rest: a novel has millions of characters.
    bmp: Vec<i64>,
    astral: std::collections::HashMap<char, i64>,
}

impl CharTally {
    pub fn of(source: &str) -> CharTally {
        let mut tally = CharTally { bmp: vec![0i64; 0x1_0000], astral: std::collections::HashMap::new() };
        tally.add(source, 1);
        tally
    }

    /// Count one more piece of the source (a reader that never holds the
    /// whole source at once, such as the PDF reader's pages).
    pub fn count(&mut self, piece: &str) {
        self.add(piece, 1);
    }

    /// Whether no non-space character has been counted.
    pub fn is_empty(&self) -> bool {
        self.bmp.iter().all(|n| *n == 0) && self.astral.values().all(|n| *n == 0)
    }

    fn add(&mut self, s: &str, n: i64) {
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            match self.bmp.get_mut(c as usize) {
                Some(slot) => *slot += n,
                None => *self.astral.entry(c).or_insert(0) += n,
            }
        }
    }

    /// [`check_conservation`] of the counted source.
    pub fn check(mut self, blocks: &[crate::model::Block], report: &Report) -> Result<(), String> {
        for b in blocks {
            self.add(b.text(), -1);
        }
        for r in &report.repairs {
            self.add(&r.before, -1);
            self.add(&r.after, 1);
        }
        let CharTally { bmp, astral } = self;
        let mut missing: Vec<(char, i64)> = bmp
            .iter()
            .enumerate()
            .filter(|(_, n)| **n != 0)
            .filter_map(|(c, n)| char::from_u32(c as u32).map(|c| (c, *n)))
            .chain(astral.into_iter().filter(|(_, n)| *n != 0))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        missing.sort_unstable();
        let shown: Vec<String> = missing.iter().take(12).map(|(c, n)| format!("{c:?}×{n}")).collect();
        Err(format!("{} character(s) unaccounted for: {}", missing.len(), shown.join(", ")))
    }
}
