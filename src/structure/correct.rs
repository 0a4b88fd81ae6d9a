//! The user's corrections that belong to structure: `heading` and
//! `not_heading` decide what is a heading, `level` and `heading … level` its
//! rank, `rename` its text. They run over the drafts the heuristics made, so
//! no heuristic needs to know about them; each application is a [`Repair`]
//! with rule `correction` and the heading's text before and after.

use super::Draft;
use crate::corrections::{Corrections, Kind, Pattern};
use crate::limits::MAX_TITLE_WIDTH;
use crate::report::{Repair, Report, Rule};
use crate::scan::heading as patterns;
use crate::text::display_width;

/// Levels the user gave to the headings [`promote_and_demote`] made, set
/// after the heuristics rank the others (so a forced level does not move them).
pub(super) struct Pending(Vec<(usize, u8)>);

/// `heading`: a paragraph matching becomes a heading; `not_heading`: a heading
/// matching becomes a paragraph. Before levels are assigned.
pub(super) fn promote_and_demote(drafts: &mut [Draft], corrections: &mut Corrections, report: &mut Report) -> Pending {
    let heads: Vec<(usize, (Pattern, Option<u8>))> = corrections
        .of(|k| match k {
            Kind::Heading { pattern, level } => Some((pattern.clone(), *level)),
            _ => None,
        })
        .collect();
    let not_heads: Vec<(usize, Pattern)> = corrections
        .of(|k| match k {
            Kind::NotHeading(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let mut pending = Vec::new();
    if heads.is_empty() && not_heads.is_empty() {
        return Pending(pending);
    }
    for (d, draft) in drafts.iter_mut().enumerate() {
        match draft {
            Draft::Heading { text, .. } => {
                if let Some((c, _)) = not_heads.iter().find(|(_, p)| p.matches_line(text)) {
                    corrections.fire(*c);
                    record(report, "not_heading", text, text);
                    *draft = Draft::Paragraph(std::mem::take(text));
                } else if let Some((c, _)) = heads.iter().find(|(_, (p, l))| l.is_none() && p.matches_line(text)) {
                    // Already a heading: the correction holds, nothing to change.
                    corrections.fire(*c);
                }
            }
            Draft::Paragraph(text) => {
                // A regex promotes lines, not prose that happens to start like a heading
                // (`第二章里说……`); a text written out in full is taken at its word.
                let fits = |p: &Pattern| matches!(p, Pattern::Text(_)) || display_width(text.trim()) <= MAX_TITLE_WIDTH;
                let Some((c, (_, level))) = heads.iter().find(|(_, (p, _))| fits(p) && p.matches_line(text)) else {
                    continue;
                };
                if not_heads.iter().any(|(_, p)| p.matches_line(text)) {
                    continue;
                }
                corrections.fire(*c);
                let title = text.trim().to_string();
                record(report, "heading", &title, &title);
                if let Some(l) = level {
                    pending.push((d, *l));
                }
                let family = patterns::recognise(&title).map(|f| f.family);
                *draft = Draft::Heading { text: title, level: None, family, in_toc: false };
            }
            Draft::Break => {}
        }
    }
    Pending(pending)
}

/// After levels are assigned: the levels [`promote_and_demote`] kept back,
/// `heading … level` and `level` on headings that already were, then `rename`.
pub(super) fn relevel_and_rename(
    drafts: &mut [Draft],
    pending: Pending,
    corrections: &mut Corrections,
    report: &mut Report,
) {
    let pending = pending.0;
    for &(d, l) in &pending {
        if let Draft::Heading { level, .. } = &mut drafts[d] {
            *level = Some(l);
        }
    }
    let levels: Vec<(usize, (Pattern, u8))> = corrections
        .of(|k| match k {
            Kind::Heading { pattern, level: Some(l) } | Kind::Level { pattern, level: l } => {
                Some((pattern.clone(), *l))
            }
            _ => None,
        })
        .collect();
    let renames: Vec<(usize, (Pattern, String))> = corrections
        .of(|k| match k {
            Kind::Rename { from, to } => Some((from.clone(), to.clone())),
            _ => None,
        })
        .collect();
    if levels.is_empty() && renames.is_empty() {
        return;
    }
    for (d, draft) in drafts.iter_mut().enumerate() {
        let Draft::Heading { text, level, .. } = draft else { continue };
        let promoted_at_level = pending.iter().any(|(p, _)| *p == d);
        // The last matching correction wins: a file's later lines refine its earlier ones.
        if let Some((c, (_, l))) = levels.iter().rev().find(|(_, (p, _))| !promoted_at_level && p.matches_line(text)) {
            corrections.fire(*c);
            if *level != Some(*l) {
                record(report, "level", text, text);
                *level = Some(*l);
            }
        }
        if let Some((c, (from, to))) = renames.iter().find(|(_, (p, _))| p.matches_line(text)) {
            corrections.fire(*c);
            let renamed = match from {
                Pattern::Text(_) => to.clone(),
                Pattern::Regex(r) => r.replace(text.trim(), to.as_str()).into_owned(),
            };
            record(report, "rename", text, &renamed);
            *text = renamed;
        }
    }
}

/// How often each correction fired, and a warning for each that matched nothing.
pub(super) fn finish(corrections: &Corrections, report: &mut Report) {
    if corrections.is_empty() {
        return;
    }
    report.corrections = corrections.tally();
    report.warnings.extend(corrections.unused_warnings());
}

fn record(report: &mut Report, why: &'static str, before: &str, after: &str) {
    report.repairs.push(Repair::new(Rule::Correction, why, (0, 0), before, after));
}

#[cfg(test)]
mod tests {
    use crate::corrections::{Corrections, Table};
    use crate::model::Block;
    use crate::normalise::normalise;
    use crate::repair::repair_corrected;
    use crate::report::Report;

    /// (level, text) of the headings, and the report, of `text` under `corrections`.
    fn outline(text: &str, corrections: &str) -> (Vec<(u8, String)>, Report) {
        let table: Table = toml::from_str(corrections).unwrap();
        let c = Corrections::from_table(table, "test").unwrap();
        let mut report = Report::default();
        let doc = super::super::structure(repair_corrected(&normalise(text), c), &mut report);
        let heads = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text, .. } => Some((*level, text.clone())),
                _ => None,
            })
            .collect();
        (heads, report)
    }

    const ZH: &str = "第一卷 山河\n\n第一章 风起\n\n清晨的雾气从河面上慢慢升起来，整座小城还没有醒。\n\n第二章 云涌\n\n她沿着石板路往上走，路两边的店铺都关着门。\n\n附记\n\n到了傍晚，雨终于停了。\n";

    #[test]
    fn heading_level_rename_and_not_heading_in_chinese() {
        let (before, _) = outline(ZH, "");
        assert!(before.iter().any(|(_, t)| t == "第一章 风起"));
        let (after, report) = outline(
            ZH,
            r#"
heading = [{ text = "附记", level = 1 }]
not_heading = ["第二章 云涌"]
level = [{ pattern = "/^第.+卷/", level = 1 }, { pattern = "/^第.+章/", level = 2 }]
rename = [{ from = "/^第(.)章 风起$/", to = "第$1章 风起云涌" }]
"#,
        );
        assert_eq!(
            after,
            [(1, "第一卷 山河".to_string()), (2, "第一章 风起云涌".to_string()), (1, "附记".to_string())]
        );
        assert!(report.corrections.iter().all(|t| t.fired >= 1), "{:?}", report.corrections);
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    }

    #[test]
    fn english_and_japanese_headings_are_corrected_too() {
        let en = "CHAPTER I\n\nThe letter came on a Tuesday, in the rain.\n\nNotes\n\nShe read it twice before she understood.\n";
        let (after, _) = outline(en, "not_heading = [\"/^CHAPTER [IVX]+$/\"]\nheading = [\"Notes\"]");
        assert_eq!(after, [(1, "Notes".to_string())]);
        // A regex does not make a paragraph of prose a heading.
        let prose = "Chapter two of the report, which nobody read, said the harbour would silt up within a decade unless the council dredged it.";
        let (after, report) = outline(&format!("{en}\n{prose}\n"), "heading = [\"/^Chapter two/\"]");
        assert!(!after.iter().any(|(_, t)| t.starts_with("Chapter two")) && !report.warnings.is_empty());
        let ja = "第一章 灯りの消えた港\n\n改札を抜けると、冷たい風が吹いていた。\n\n第二章 坂の上の朝\n\n翌朝、美緒は店の雨戸を開けた。\n";
        let (after, report) = outline(ja, "rename = [{ from = \"第二章 坂の上の朝\", to = \"第二章 朝の商店街\" }]");
        assert_eq!(after.last().map(|(_, t)| t.as_str()), Some("第二章 朝の商店街"));
        assert!(report
            .repairs
            .iter()
            .any(|r| r.decided_by() == "correction/rename" && r.before == "第二章 坂の上の朝"));
    }

    #[test]
    fn a_correction_that_matches_nothing_is_a_warning() {
        let (_, report) = outline(ZH, "not_heading = [\"第九章\"]");
        assert_eq!(report.warnings, ["test: correction not_heading \"第九章\" matched nothing"]);
    }
}
