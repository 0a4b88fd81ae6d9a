//! The user's corrections that belong to repair: `drop` and `keep` decide
//! which lines are furniture, `join`, `no_join` and `split` where paragraphs
//! begin. They run after the heuristics, over their result, so no heuristic
//! needs to know about them. Each application is a [`Repair`] with rule
//! `correction` (a kept or split line keeps every character; a dropped one is
//! recorded like any removed furniture).

use super::{Line, Removed, Unit};
use crate::corrections::{Corrections, Kind, Pattern};
use crate::report::{Repair, Rule};
use crate::text::join_separator;

/// `drop`: a kept line matching becomes a removed one (`why` "drop");
/// `keep`: a removed line matching is kept. Keep wins over drop.
pub(super) fn mark_lines(
    lines: &[Line],
    removed: &mut [Removed],
    why: &mut [&'static str],
    corrections: &mut Corrections,
    repairs: &mut Vec<Repair>,
) {
    let drops: Vec<(usize, Pattern)> = corrections.of(|k| pattern_of(k, "drop")).collect();
    let keeps: Vec<(usize, Pattern)> = corrections.of(|k| pattern_of(k, "keep")).collect();
    if drops.is_empty() && keeps.is_empty() {
        return;
    }
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_blank()) {
        if removed[i] == Removed::Kept {
            if let Some((c, _)) = drops.iter().find(|(_, p)| p.matches_line(&line.text)) {
                corrections.fire(*c);
                removed[i] = Removed::Dropped;
                why[i] = "drop";
            }
        }
        if removed[i] != Removed::Kept {
            if let Some((c, _)) = keeps.iter().find(|(_, p)| p.matches_line(&line.text)) {
                corrections.fire(*c);
                removed[i] = Removed::Kept;
                let span = (line.start, line.start + line.text.len());
                repairs.push(Repair::new(Rule::Correction, "keep", span, line.text.trim(), line.text.trim()));
            }
        }
    }
}

fn pattern_of(k: &Kind, kind: &str) -> Option<Pattern> {
    match k {
        Kind::Drop(p) if kind == "drop" => Some(p.clone()),
        Kind::Keep(p) if kind == "keep" => Some(p.clone()),
        Kind::Split(p) if kind == "split" => Some(p.clone()),
        _ => None,
    }
}

/// `no_join`, then `join`, then `split`, over the joined units. `source` is the normalised text.
pub(super) fn rejoin(
    units: Vec<Unit>,
    source: &str,
    corrections: &mut Corrections,
    repairs: &mut Vec<Repair>,
) -> Vec<Unit> {
    if corrections.is_empty() {
        return units;
    }
    let units = undo_joins(units, source, corrections, repairs);
    let units = force_joins(units, corrections, repairs);
    split_before(units, corrections, repairs)
}

/// `no_join = [["渡口码", "头改造"]]`: a unit that bindery joined at that
/// boundary (the two texts meet in the unit but never on one line of the
/// source) is cut there in two.
fn undo_joins(units: Vec<Unit>, source: &str, corrections: &mut Corrections, repairs: &mut Vec<Repair>) -> Vec<Unit> {
    let rules: Vec<(usize, (String, String))> = corrections
        .of(|k| match k {
            Kind::NoJoin { end, start } => Some((end.clone(), start.clone())),
            _ => None,
        })
        .collect();
    if rules.is_empty() {
        return units;
    }
    let mut out = Vec::with_capacity(units.len());
    for unit in units {
        let mut pending = unit;
        'cut: loop {
            if pending.single_line {
                break;
            }
            let src = source.get(pending.span.0..pending.span.1).unwrap_or("");
            for (c, (end, start)) in &rules {
                let Some(at) = joined_at(&pending.text, src, end, start) else { continue };
                corrections.fire(*c);
                let (first, second) = cut(&pending, at, src);
                repairs.push(Repair::new(
                    Rule::Correction,
                    "no_join",
                    pending.span,
                    format!("{}{}", tail(&first.text), head(&second.text)),
                    format!("{}\n{}", tail(&first.text), head(&second.text)),
                ));
                out.push(first);
                pending = second;
                continue 'cut;
            }
            break;
        }
        out.push(pending);
    }
    out
}

/// Where `end` and `start` meet in `text` (with at most one space between)
/// though no line of `src` has them side by side: the byte offset of `start`.
fn joined_at(text: &str, src: &str, end: &str, start: &str) -> Option<usize> {
    let on_one_line = |sep: &str| src.lines().any(|l| l.contains(&format!("{end}{sep}{start}")));
    for sep in ["", " "] {
        let meet = format!("{end}{sep}{start}");
        if let Some(at) = text.find(&meet) {
            if !on_one_line(sep) {
                return Some(at + end.len() + sep.len());
            }
        }
    }
    None
}

/// `unit` cut at byte `at` of its text into two units; the second starts
/// where `src` (the unit's source) has its first words on a line.
fn cut(unit: &Unit, at: usize, src: &str) -> (Unit, Unit) {
    let first_text = unit.text[..at].trim_end().to_string();
    let second_text = unit.text[at..].trim_start().to_string();
    let probe: String = second_text.chars().take(4).collect();
    let offset = src
        .match_indices(probe.as_str())
        .map(|(i, _)| i)
        .find(|&i| src[..i].trim_end_matches([' ', '\t', '\u{3000}']).ends_with('\n'))
        .unwrap_or(0);
    let line = unit.line + src[..offset].matches('\n').count();
    let split_at = unit.span.0 + offset;
    let first = Unit { text: first_text, span: (unit.span.0, split_at.max(unit.span.0)), ..unit.clone() };
    let second = Unit {
        text: second_text,
        line,
        span: (split_at, unit.span.1),
        letter_spaced: false,
        indent: 0,
        after_gap: true,
        page_top: false,
        ..unit.clone()
    };
    (first, second)
}

const CONTEXT: usize = crate::limits::JOIN_CONTEXT;

fn tail(s: &str) -> &str {
    crate::text::tail_chars(s, CONTEXT)
}

fn head(s: &str) -> &str {
    crate::text::head_chars(s, CONTEXT)
}

/// `join = [["精细陶", "瓷深加"]]`: a unit ending in `end` followed by one
/// starting with `start` become one paragraph.
fn force_joins(units: Vec<Unit>, corrections: &mut Corrections, repairs: &mut Vec<Repair>) -> Vec<Unit> {
    let rules: Vec<(usize, (String, String))> = corrections
        .of(|k| match k {
            Kind::Join { end, start } => Some((end.clone(), start.clone())),
            _ => None,
        })
        .collect();
    if rules.is_empty() {
        return units;
    }
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for unit in units {
        let rule = out.last().and_then(|prev: &Unit| {
            rules.iter().find(|(_, (end, start))| {
                prev.text.trim_end().ends_with(end.as_str()) && unit.text.trim_start().starts_with(start.as_str())
            })
        });
        match (rule, out.last_mut()) {
            (Some((c, _)), Some(prev)) => {
                corrections.fire(*c);
                let sep = join_separator(&prev.text, &unit.text);
                let before = format!("{}\n{}", tail(prev.text.trim_end()), head(unit.text.trim_start()));
                let after = format!("{}{sep}{}", tail(prev.text.trim_end()), head(unit.text.trim_start()));
                repairs.push(Repair::new(Rule::Correction, "join", (prev.span.0, unit.span.1), before, after));
                let joined = format!("{}{sep}{}", prev.text.trim_end(), unit.text.trim_start());
                prev.text = joined;
                prev.span.1 = unit.span.1;
                prev.single_line = false;
            }
            _ => out.push(unit),
        }
    }
    out
}

/// `split = ["第二条"]`: a new paragraph starts before the text wherever it
/// stands inside a unit (not at its start: there one starts already).
fn split_before(units: Vec<Unit>, corrections: &mut Corrections, repairs: &mut Vec<Repair>) -> Vec<Unit> {
    let rules: Vec<(usize, Pattern)> = corrections.of(|k| pattern_of(k, "split")).collect();
    if rules.is_empty() {
        return units;
    }
    let mut out = Vec::with_capacity(units.len());
    for unit in units {
        let mut pending = unit;
        'cut: loop {
            for (c, p) in &rules {
                // The first match past the unit's first character.
                let lead = pending.text.len() - pending.text.trim_start().len();
                let body = &pending.text[lead..];
                let Some(skip) = body.chars().next().map(char::len_utf8) else { break };
                let Some((at, _)) = p.find(&body[skip..]) else { continue };
                let at = lead + skip + at;
                corrections.fire(*c);
                let (first, second) = (pending.text[..at].trim_end().to_string(), pending.text[at..].to_string());
                repairs.push(Repair::new(
                    Rule::Correction,
                    "split",
                    pending.span,
                    format!("{}{}", tail(&first), head(&second)),
                    format!("{}\n{}", tail(&first), head(&second)),
                ));
                let rest = Unit {
                    text: second,
                    single_line: pending.single_line,
                    letter_spaced: false,
                    indent: 0,
                    after_gap: true,
                    page_top: false,
                    ..pending.clone()
                };
                out.push(Unit { text: first, ..pending });
                pending = rest;
                continue 'cut;
            }
            break;
        }
        out.push(pending);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::corrections::{Corrections, Table};
    use crate::normalise::normalise;
    use crate::repair::repair_corrected;

    fn corrections(toml_text: &str) -> Corrections {
        let table: Table = toml::from_str(toml_text).unwrap();
        Corrections::from_table(table, "test").unwrap()
    }

    fn units(text: &str, toml_text: &str) -> (Vec<String>, Vec<String>) {
        let r = repair_corrected(&normalise(text), corrections(toml_text));
        let whys = r.repairs.iter().filter(|r| r.rule == crate::Rule::Correction).map(|r| r.decided_by()).collect();
        (r.units.into_iter().map(|u| u.text).collect(), whys)
    }

    #[test]
    fn split_starts_a_paragraph_before_the_text_in_three_languages() {
        let (u, why) = units("第一条 总则。第二条 适用范围。\n", "split = [\"第二条\"]");
        assert_eq!(u, ["第一条 总则。", "第二条 适用范围。"]);
        assert_eq!(why, ["correction/split"]);
        let (u, _) = units("It ended. CHAPTER II It began.\n", "split = [\"/CHAPTER [IVX]+/\"]");
        assert_eq!(u, ["It ended.", "CHAPTER II It began."]);
        let (u, _) = units("終わり。第二章 始まり。\n", "split = [\"第二章\"]");
        assert_eq!(u.len(), 2);
    }

    #[test]
    fn join_and_no_join_at_a_text_boundary() {
        let (u, why) = units("发展精细陶\n\n瓷深加工。\n", "join = [[\"精细陶\", \"瓷深加\"]]");
        assert_eq!(u, ["发展精细陶瓷深加工。"]);
        assert_eq!(why, ["correction/join"]);
        let (u, _) = units("The first line\n\nof text.\n", "join = [[\"line\", \"of\"]]");
        assert_eq!(u, ["The first line of text."]);
        // A join bindery did not make is not undone.
        let (u, why) = units("精细陶瓷深加工。\n", "no_join = [[\"精细陶\", \"瓷深加\"]]");
        assert_eq!((u.len(), why.len()), (1, 0));
    }

    #[test]
    fn drop_removes_and_keep_restores_lines() {
        let page = "这是一段很长的正文，用来充当一页的内容。".repeat(8);
        let text = format!("{page}\n\n— 附 —\n\n{page}\n");
        let (u, why) = units(&text, "drop = [\"/^— .+ —$/\"]");
        assert!(!u.iter().any(|u| u.contains('附')));
        assert_eq!(why, ["correction/drop"], "a drop is recorded like furniture");
        let r = repair_corrected(&normalise(&text), corrections("drop = [\"/^— .+ —$/\"]"));
        assert!(r.repairs.iter().any(|x| x.decided_by() == "correction/drop" && x.before == "— 附 —"));
        let (u, why) = units(&text, "drop = [\"/^— .+ —$/\"]\nkeep = [\"— 附 —\"]");
        assert!(u.iter().any(|u| u.contains('附')));
        assert_eq!(why, ["correction/keep"]);
    }
}
