//! Widths of Latin lines as printed in proportional type.
//!
//! An extractor without layout (`pdftotext`, `-raw`, pdfminer, pypdf, mutool)
//! gives each printed line as its characters, and in proportional type the
//! number of characters says little about the width: `illicit filling` and
//! `MOMENTUM WAVE` take the same place in different counts. Justified lines
//! all reach the same measure, so in a text set proportionally their widths
//! *as printed* agree far better than their character counts do. That is the
//! evidence: when the lines that surely run on (the next one starts with a
//! lower-case word) agree better in estimated printed width than in
//! characters, the join rules measure Latin lines by their printed width.
//! Monospaced text (a Gutenberg file wrapped at 70 columns) agrees better in
//! characters and keeps them.
//!
//! The advances are the metrics of Times (the widths of the PDF core font
//! Times-Roman, shared by every metric-compatible serif: Liberation Serif,
//! Nimbus Roman, TeX Gyre Termes). Other faces differ in detail, not in kind:
//! `m` is wide and `i` narrow in all of them. No crate offers a width table
//! without loading a font file, and the repair stage reads no fonts.

use super::{Line, Removed};
use crate::limits::{MIN_PROPORTIONAL_LINES, PROPORTIONAL_SPREAD_SHARE};
use crate::text::is_cjk;

/// Advance widths of ASCII `' '..='~'` in thousandths of an em (Times-Roman).
const ASCII_ADVANCE: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278, // ' '..'/'
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // '0'..'?'
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // '@'..'O'
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // 'P'..'_'
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // '`'..'o'
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // 'p'..'~'
];

/// A character's advance in thousandths of an em, as Times prints it.
fn advance(c: char) -> u32 {
    match c {
        ' '..='~' => u32::from(ASCII_ADVANCE[c as usize - ' ' as usize]),
        '‘' | '’' => 333,
        '“' | '”' => 444,
        '–' => 500,
        '—' | '…' => 1000,
        c if is_cjk(c) => 1000,
        // Accented letters take their base letter's width, near the mean.
        _ => 500,
    }
}

/// A line's printed width in thousandths of an em.
pub(super) fn printed(text: &str) -> u32 {
    text.chars().map(advance).sum()
}

/// How widely the upper half of `values` spreads, over their median: full
/// lines gather at the top, while paragraph first lines (set in) and lines cut
/// short by a long next word trail below.
fn spread(mut values: Vec<u32>) -> f64 {
    values.sort_unstable();
    let n = values.len();
    let (mid, hi) = (values[n / 2], values[n * 9 / 10]);
    f64::from(hi - mid) / f64::from(mid.max(1))
}

/// Printed widths of a text set in proportional type.
pub(super) struct Printed {
    /// Thousandths of an em per column: the text's mean advance per character.
    per_column: f64,
    /// Per line, its printed width in columns when it is a kept Latin line.
    pub widths: Vec<Option<usize>>,
}

impl Printed {
    /// The printed width in columns of a word.
    pub fn word_width(&self, word: &str) -> usize {
        (f64::from(printed(word)) / self.per_column).round() as usize
    }
}

/// The printed widths of the kept Latin lines, when the text was set in
/// proportional type; `None` when character counts measure it better.
pub(super) fn printed_widths(lines: &[Line], removed: &[Removed]) -> Option<Printed> {
    let latin = |l: &Line| !l.text.chars().any(is_cjk);
    let kept = |i: usize| removed[i] == Removed::Kept;
    // Lines that surely run on: a lower-case word follows in the same block.
    let (mut columns, mut widths) = (Vec::new(), Vec::new());
    for (i, pair) in lines.windows(2).enumerate() {
        let (a, b) = (pair[0].text.trim(), pair[1].text.trim());
        let runs_on = !a.is_empty() && b.starts_with(char::is_lowercase) && !a.ends_with(['.', '?', '!']);
        if runs_on && kept(i) && kept(i + 1) && latin(&pair[0]) {
            columns.push(pair[0].width as u32);
            widths.push(printed(a));
        }
    }
    if columns.len() < MIN_PROPORTIONAL_LINES {
        return None;
    }
    let (chars, ems): (u32, u32) = (columns.iter().sum(), widths.iter().sum());
    if spread(widths) >= spread(columns) * PROPORTIONAL_SPREAD_SHARE {
        return None;
    }
    let per_column = f64::from(ems) / f64::from(chars.max(1));
    let widths = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (kept(i) && latin(l)).then(|| (f64::from(printed(l.text.trim())) / per_column).round() as usize))
        .collect();
    Some(Printed { per_column, widths })
}

/// Greedy line breaking by printed width, as a typesetter of proportional
/// type would wrap `paragraphs` at `measure` thousandths of an em, the first
/// line of each set in by `indent` (which the lines given back leave out, as
/// an extractor drops it). For tests of the join rules.
#[cfg(test)]
pub(super) fn set_in_proportional_type(paragraphs: &[&str], measure: u32, indent: u32) -> Vec<String> {
    let space = printed(" ");
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        let (mut line, mut width, mut room) = (String::new(), 0, measure - indent);
        for word in paragraph.split_whitespace() {
            let w = printed(word);
            if !line.is_empty() && width + space + w > room {
                lines.push(std::mem::take(&mut line));
                (width, room) = (0, measure);
            }
            if !line.is_empty() {
                line.push(' ');
                width += space;
            }
            line.push_str(word);
            width += w;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::repair::fixtures::wrapped_without_blanks;

    pub(in crate::repair) const ENGLISH: [&str; 3] = [
        "Mimi kept the ledger in a tin box under the counter, and every evening she wrote down what had been sold, \
         what had been mended and what had been promised for the morning. Nobody else was allowed to touch it.",
        "The mill stood idle all through the wet summer while the wheel was rebuilt by a carpenter from the valley, \
         a quiet man with immense hands who whistled while he worked and never once raised his voice at the boy.",
        "When the frost came the pond froze thick enough to walk on, and the children skated from the willows to \
         the boathouse and back again until their mothers called them in, one by one, for supper and for bed.",
    ];
    pub(in crate::repair) const FRENCH: [&str; 3] = [
        "Le meunier tenait ses comptes dans une boîte en fer sous le comptoir, et chaque soir il notait ce qui \
         avait été vendu, réparé ou promis pour le lendemain. Personne d’autre n’avait le droit d’y toucher.",
        "Le moulin resta immobile pendant tout cet été pluvieux, le temps qu’un charpentier venu de la vallée \
         reconstruise la roue, un homme calme aux mains immenses qui sifflait en travaillant sans jamais crier.",
        "Quand vint le gel, la mare prit assez pour qu’on y marche, et les enfants patinèrent des saules jusqu’au \
         hangar à bateaux, aller et retour, jusqu’à ce que leurs mères les rappellent un à un pour le souper.",
    ];

    fn widths_of(text: &str) -> Option<Printed> {
        let lines = crate::repair::split_lines(text);
        let removed = vec![Removed::Kept; lines.len()];
        printed_widths(&lines, &removed)
    }

    #[test]
    fn proportional_type_is_measured_as_printed() {
        for paragraphs in [ENGLISH, FRENCH] {
            let text = set_in_proportional_type(&paragraphs.repeat(3), 26_000, 0).join("\n");
            let printed = widths_of(&text).expect("proportional");
            // Full lines agree within a word space and a little more in printed widths.
            let full: Vec<usize> = printed.widths.iter().flatten().copied().filter(|w| *w > 40).collect();
            let (lo, hi) = (full.iter().min().unwrap(), full.iter().max().unwrap());
            assert!(hi - lo <= 7, "{full:?}");
        }
    }

    #[test]
    fn monospaced_text_keeps_its_character_counts() {
        // The same paragraphs wrapped at 60 characters, as a plain-text file is.
        for paragraphs in [ENGLISH, FRENCH] {
            let text = wrapped_without_blanks(&paragraphs.repeat(3), 60).0;
            assert!(widths_of(&text).is_none(), "{text}");
        }
    }
}
