//! Every threshold the front half (normalise, repair, structure) weighs, in
//! one place, each named and with the reason for its value (as typst keeps its
//! line-breaking costs together). Widths are display columns: a CJK character
//! counts two, as in a fixed-width extraction; shares are fractions of a width
//! or of a count.
//!
//! The constants are grouped by the module that asks them; a module imports
//! what it uses by name.

// ---- images (assets.rs for Markdown's, pdf_input/figures.rs for a PDF's)

/// Most pixels a raster image may have: a 600-dpi scan of an A4 page is
/// 35 MP. Beyond that an image is a decompression bomb or not meant for a
/// book, and decoding it for the PDF would need gigabytes.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// Longest side we accept, whatever the pixel count (a 16 384 × 1 strip is
/// no illustration either, and decoders allocate rows of this width).
pub const MAX_IMAGE_SIDE: u32 = 16_384;

// ---- repair::boilerplate (repair/boilerplate.rs)

/// Longest line (characters) taken for a site's advert.
pub const MAX_AD_CHARS: usize = 80;

// ---- repair::join (repair/join.rs)

/// Fewest lines from which a wrap width can be inferred.
pub const MIN_LINES_FOR_WRAP: usize = 8;

/// A line this close to the wrap width (as a share of it) is full.
pub const FULL_LINE_SHARE: f64 = 0.85;

/// Share of lines that must be full for the text to count as hard-wrapped.
pub const MIN_FULL_SHARE: f64 = 0.25;

/// Share of the text's width that full lines must carry, when pieces of cut
/// lines make them fewer than [`MIN_FULL_SHARE`] by count: in wrapped text they
/// carry most of it, in text with a paragraph per line only the few longest.
pub const MIN_FULL_WIDTH_SHARE: f64 = 0.4;

/// Fewest full lines that show a wrap width (two could be chance).
pub const MIN_FULL_LINES: usize = 4;

/// No line of a hard-wrapped text is wider than the wrap width by more than this share.
pub const MAX_OVERSHOOT: f64 = 1.1;

/// Columns within which the mid-sentence line ends of a partly wrapped text cluster.
pub const CLUSTER_SLACK: usize = 4;

/// Fewest mid-sentence line ends that make such a cluster.
pub const MIN_CLUSTER_LINES: usize = 6;

/// Lines (or a fiftieth of them, if more) that must reach the wrap width.
pub const CEILING_LINES: usize = 3;

/// Narrowest wrap width (columns) we believe: narrower "wraps" are verse or lists.
pub const MIN_WRAP_WIDTH: usize = 20;

/// Columns a full CJK line may fall short of the width (a character pushed
/// down by line-breaking rules, plus a closing mark).
pub const CJK_FULL_SLACK: usize = 4;

/// A line indented by a third of the wrap width or more is set in, not wrapped.
pub const SET_IN_SHARE: usize = 3;

/// Share of the wide Latin lines with stretched spaces that shows justified `-layout` text.
pub const JUSTIFIED_SHARE: f64 = 0.3;

/// Columns of a paragraph indent (two ideographic spaces) an extractor may drop.
pub const LOST_INDENT: usize = 4;

/// Widest single line that may be a heading rather than a paragraph fragment.
pub const HEADING_LIKE_MAX_WIDTH: usize = 80;

/// A block whose widest line reaches this share of the wrap width is
/// measured against its own widest line.
pub const BLOCK_WIDTH_SHARE: f64 = 0.8;

/// A line at least this share of the wrap width that ends mid-phrase (`of`,
/// a comma) runs on; shorter ones may be verse.
pub const MID_PHRASE_SHARE: f64 = 0.6;

/// Fewest surely-wrapped Latin lines that can show a text was set in proportional type.
pub const MIN_PROPORTIONAL_LINES: usize = 20;

/// Proportional type: its wrapped lines' printed widths spread less than this
/// share of their character counts' spread (justified lines agree in width,
/// not in count).
pub const PROPORTIONAL_SPREAD_SHARE: f64 = 0.85;

/// Columns a line must stop short of the measure, beyond what its next
/// line's first word needs, to count as set in by a dropped paragraph indent.
pub const MIN_SET_IN: usize = 2;

/// The longest list marker a hanging indent is measured from (`(iv)`, `12.`).
pub const MAX_MARKER_CHARS: usize = 4;

/// The least hanging indent: the narrowest marker and its space (`• `).
pub const MIN_HANGING_INDENT: usize = 2;

/// Characters back from a line end within which an unmatched opening
/// quotation mark still holds the paragraph open.
pub const QUOTATION_REACH: usize = 400;

/// Quotation marks pair up when unmatched ones are at most one in this many.
pub const QUOTE_PAIRING: usize = 10;

/// Characters of context on each side of a join in its repair record.
pub const JOIN_CONTEXT: usize = 6;

/// Fewest lines in a block whose least indent is taken as the page's margin.
pub const MIN_MARGIN_LINES: usize = 3;

/// Widest gap (spaces) that justification puts between words; wider gaps are
/// columns of a table or a layout, and stay.
pub const MAX_JUSTIFICATION_GAP: usize = 3;

// ---- repair::pages (repair/pages.rs)

/// Fewest plain-number folios that prove a page rhythm (two could be chance).
pub const MIN_FOLIO_RUN: usize = 3;

/// Decorated folios (`- 12 -`, `第 12 页`, `Page 12`) are unambiguous in pairs.
pub const MIN_DECORATED_RUN: usize = 2;

/// Largest step between successive folios: a page without a folio (a chapter
/// opening, a plate) skips one number.
pub const MAX_FOLIO_STEP: u32 = 3;

/// Median characters between folios below which "pages" are too short to be
/// pages (numbered list items or stanzas).
pub const MIN_PAGE_CHARS: usize = 200;

/// A running head repeats on at least this many pages (fewer when it also
/// stands elsewhere, as a chapter title's running head does)…
pub const MIN_RUNNING_HEAD_PAGES: usize = 3;

/// …and is a short line (columns), never a paragraph.
pub const MAX_RUNNING_HEAD_WIDTH: usize = 80;

/// Lines at the document's start that make its opening (the title page, a
/// title set on up to three lines) whose words a running head repeats.
pub const OPENING_TITLE_LINES: usize = 3;

/// Narrowest phrase (columns) taken for the title run into the text as a
/// running head: five Han characters or a short two-word title; a shorter
/// one is a name the prose may say any time.
pub const MIN_GLUED_TITLE_WIDTH: usize = 10;

/// Characters past the title in which a match may agree with the opening
/// by chance; agreeing further, it is a longer name that begins like the
/// title: two Han characters make a word, three Latin letters a syllable.
pub const CJK_RUN_ON: usize = 2;
pub const SPACED_RUN_ON: usize = 3;

/// Fewest headings by pattern in a run of short lines on one page that make
/// the run a list of titles (a contents page that lost its page numbers), not
/// a page's head over its heading and a section or two.
pub const MIN_TITLE_RUN_HEADINGS: usize = MIN_TOC_ENTRIES + 1;

/// Lines from a page edge in which running heads and folios are looked for.
pub const PAGE_EDGE_LINES: usize = 2;

/// Widest line (columns) that a title page's subtitle or author line has.
pub const MAX_TITLE_PAGE_LINE_WIDTH: usize = 40;

/// Least white space between a folio and a running head on one line
/// (`pdftotext -layout` sets them at opposite edges of the page).
pub const MIN_FOLIO_GAP: usize = 3;

// ---- repair::toc (repair/toc.rs)

/// Dots that make a leader on a line of its own (`......3`): fewer could be an ellipsis.
pub const MIN_LEADER_DOTS: usize = 4;

/// Fewest entries that make a table of contents (two could be a list in the text).
pub const MIN_TOC_ENTRIES: usize = 3;

/// Fewest headings of a run without prose that must come again later, in
/// order, for the run to be a contents page left in the body (as many as a
/// contents page needs; a running head repeats one title, not three).
pub const MIN_CONTENTS_ECHO: usize = MIN_TOC_ENTRIES;

/// Non-entry lines allowed between two entries (group labels, a wrapped title).
pub const MAX_LABELS_BETWEEN: usize = 3;

/// A group label is a short line: columns.
pub const MAX_LABEL_WIDTH: usize = 80;

/// Lines one contents entry's title may take before the leader line that
/// closes it, when the extractor cut it up (number, title, its wrap) — or
/// two titles whose leaders follow both.
pub const MAX_ENTRY_TITLE_LINES: usize = 3;

/// The counter before an enumeration comma (`壹、`, `イ、`, `十二、`): a
/// numeral or letter of a few characters; a longer run before `、` is a
/// sentence's first list item.
pub const MAX_ENUMERATION_COUNTER_CHARS: usize = 3;

/// Share of successive page numbers that must not decrease.
pub const MIN_RISING_SHARE: f64 = 0.7;

/// Lines above the first entry in which a "Contents" heading is looked for.
pub const TOC_HEADING_REACH: usize = 4;

/// An outline appended after the text lists headings spread over the body:
/// the lines its entries repeat span at least 1/N of the body's lines (a verse
/// refrain repeated at the end stands together).
pub const OUTLINE_MIN_SPREAD_DIVISOR: usize = 3;

/// Entries of an appended outline that one line may run together (calibre
/// joins a chapter with its first section and subsection).
pub const OUTLINE_MAX_PIECES: usize = 4;

/// Blank lines allowed between the entries of a TOC without page numbers.
pub const MAX_BLANKS_IN_UNNUMBERED_TOC: usize = 3;

// ---- scan::heading (scan/heading.rs)

/// Longest heading we accept from a pattern, in columns.
pub const PATTERN_HEADING_MAX_WIDTH: usize = 60;

/// Longest title after a chapter number (`第一章 风起云涌`), in columns.
pub const MAX_CHAPTER_TITLE_WIDTH: usize = 50;

/// Longest line (bytes) worth trying patterns on: an Aozora annotation makes a
/// heading line long, but a heading is never a paragraph-sized line.
pub const MAX_PATTERN_LINE_BYTES: usize = 600;

// ---- scan::language (scan/language.rs)

/// Share of CJK characters among CJK characters and Latin words (a CJK
/// character carries about what a Latin word does) for a text to count as CJK. Chinese and
/// Japanese prose runs above 80 %; 30 % still catches CJK books full of Latin
/// names and numbers, while an English text quoting a few Chinese words stays
/// below it.
pub const MIN_CJK_SHARE: f64 = 0.30;

/// Share of CJK letters that must be kana for Japanese. Japanese prose is
/// 30–60 % kana; Chinese web novels carry the odd `の` or kaomoji (`ヽ(ﾟ∀ﾟ)ﾉ`),
/// well under 5 %.
pub const MIN_KANA_SHARE: f64 = 0.05;

/// Share of letters that must be ASCII for English (the only Latin-script
/// language we name without a dictionary).
pub const MIN_ASCII_SHARE: f64 = 0.5;

// ---- scan::letter_spacing (scan/letter_spacing.rs)

/// Longest letter-spaced line we close up, in characters after closing: a heading, not a sentence.
pub const MAX_LETTER_SPACED_CHARS: usize = 24;

// ---- structure::emphasis (structure/emphasis.rs)

/// Fewest `_marked_` spans that show a document uses the convention.
pub const MIN_MARKED_SPANS: usize = 2;

// ---- structure::evidence (structure/evidence.rs)

/// Similarity (LCS over the shorter-or-longer key) at which two titles are the same.
pub const TITLE_MATCH: f64 = 0.8;

/// Entries that must share a numbering family for it to rank them.
pub const MIN_FAMILY_ENTRIES: usize = 2;

/// Shortest key (letters and digits) that may be matched fuzzily; shorter titles must match exactly.
pub const MIN_FUZZY_KEY: usize = 6;

// ---- structure::sequence (structure/sequence.rs)

/// Widest step from a numbered heading to the nearest number another
/// heading of the count carries: one heading between may be lost to the
/// extractor (`5 Results` ⏎ … ⏎ `7 Outlook`), not five (`11 e` after `4`).
pub const MAX_COUNT_STEP: u32 = 2;

// ---- structure (structure/mod.rs)

/// How many TOC items ahead of the last match a unit may match (entries the
/// body lacks are skipped; too wide a window would match look-alikes).
pub const TOC_WINDOW: usize = 8;

/// Titled items a section label must stand over: one could be a date line over the next title.
pub const MIN_SECTION_ITEMS: usize = 2;

/// Longest name before the colon of a headline (`东岭村：…`, `市立图书馆古籍修复中心：…`):
/// places and offices, not a clause.
pub const MAX_HEADLINE_NAME: usize = 12;

/// Fewest letters after a headline's colon: a statement, not a signature's
/// name (`审核：张三`, `董事长：沈国栋`).
pub const MIN_HEADLINE_STATEMENT: usize = 6;

/// Widest short line taken as a heading on layout evidence alone (columns).
pub const MAX_SHORT_HEADING_WIDTH: usize = 50;

/// Share of units above which "short lines" are the text itself (verse, lists).
pub const MAX_SHORT_LINE_SHARE: f64 = 0.25;

/// A short document may have this many short headings whatever its size.
pub const MIN_SHORT_LINES_ALLOWED: usize = 2;

/// Widest line that may be a title-page title (columns; English titles with subtitles run long).
pub const MAX_TITLE_WIDTH: usize = 90;

/// Most lines a title page with an author has (title, subtitle, author, publisher, city…).
pub const MAX_TITLE_PAGE_LINES_WITH_AUTHOR: usize = 6;

/// Most lines a title page has before the first heading (title, subtitle, author, publisher).
pub const MAX_TITLE_PAGE_LINES: usize = 4;

/// Most lines an official document's title runs over.
pub const MAX_OFFICIAL_TITLE_LINES: usize = 3;

/// Fewest characters in an issuing body's name on a title page: a place and
/// an office at the least (`松原区局`); `第二组`, `市政府` may be words of the text.
pub const MIN_ISSUING_BODY_CHARS: usize = 4;

/// Most Han characters in a personal name (`欧阳修`, `吳承恩`; foreign names use `·`).
pub const MAX_HAN_NAME: usize = 4;

/// Most words in a Latin-script author line (`Ruth Calloway and Jai Menon`).
pub const MAX_NAME_WORDS: usize = 7;

/// Text has no blank lines to set its paragraphs apart when it has at least
/// this many lines and at most one blank line per this many lines (pypdf and
/// `pdftotext -raw` write none; a paragraph is rarely this long).
pub const MIN_LINES_WITHOUT_BLANKS: usize = 30;

/// Text without blank lines tells paragraphs apart by short lines only when
/// at least this share of its lines reach the measure.
pub const MIN_FULL_SHARE_WITHOUT_BLANKS: f64 = 0.4;

/// Longest run of digits set upright across one column in vertical text
/// (縦中横, tate-chu-yoko): two digits fit side by side in an em; three or more
/// would be too narrow to read and are turned sideways with Latin text.
pub const TATE_CHU_YOKO_MAX_DIGITS: usize = 2;

// ---- render::pdf (render/pdf/chapters.rs)

/// Characters of body text whose layout the PDF writer keeps from the first
/// pass to draw it (the pieces from the start of the book up to this many);
/// the rest is laid out again as its pages are drawn. A character laid out
/// takes about 12 bytes, so the kept layout stays near 25 MB: a book of
/// ordinary length (most novels are under a million characters) is laid out
/// once, and a longer one's peak does not grow with its length.
pub const PDF_KEPT_LAYOUT_CHARS: usize = 2_000_000;
