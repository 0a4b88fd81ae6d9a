//! Corrections the user wrote: the last errors of a book fixed in a file that
//! survives re-runs, anchored on text (never on line numbers, so a fresh
//! extraction of the same book still takes them).
//!
//! Takes the `[corrections]` table of a sidecar (or the command line's
//! `--heading-pattern` / `--not-heading`); returns [`Corrections`]: each one
//! parsed, its regex compiled, with a count of how often it fired. Matching
//! lives here; applying lives in the stage each kind belongs to (`drop`,
//! `keep`, `join`, `no_join` and `split` in repair; `heading`, `not_heading`,
//! `level` and `rename` in structure), and every application is a
//! [`Repair`](crate::report::Repair) with rule `correction`, so the
//! conservation check still holds. Never reads a file.
//!
//! ```toml
//! [corrections]
//! heading     = ["附录", { text = "/^第.+卷/", level = 1 }]
//! not_heading = ["/^第一部分/"]
//! level       = [{ pattern = "/^第.+章/", level = 2 }]
//! rename      = [{ from = "第二次联席会", to = "第二次联席会议" }]
//! join        = [["精细陶", "瓷深加"]]
//! no_join     = [["渡口码", "头改造"]]
//! split       = ["第二条"]
//! drop        = ["/^— \\d+ —$/"]
//! keep        = ["二〇二三年三月"]
//! ```

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a correction matches: a line's text (white space ignored) or, written
/// `/…/`, a regular expression searched in the line.
#[derive(Debug, Clone)]
pub enum Pattern {
    Text(String),
    Regex(Regex),
}

impl Pattern {
    /// `"第二次联席会议"` is text; `"/^第.+章/"` a regex. An invalid regex is an error naming it.
    pub fn parse(s: &str) -> Result<Pattern, String> {
        match s.strip_prefix('/').and_then(|r| r.strip_suffix('/')) {
            Some(re) if s.len() >= 2 => Pattern::regex(re),
            _ if squash(s).is_empty() => Err(format!("{s:?}: an empty text matches nothing")),
            _ => Ok(Pattern::Text(s.to_string())),
        }
    }

    /// A regex given bare (`--heading-pattern '^第.+章'`).
    pub fn regex(re: &str) -> Result<Pattern, String> {
        Regex::new(re).map(Pattern::Regex).map_err(|e| format!("/{re}/ is not a valid regex: {e}"))
    }

    /// The whole line is this text (white space ignored: extractors add and
    /// drop spaces), or the regex is found in it.
    pub fn matches_line(&self, line: &str) -> bool {
        match self {
            Pattern::Text(t) => squash(line) == squash(t),
            Pattern::Regex(r) => r.is_match(line.trim()),
        }
    }

    /// Byte range of the first occurrence in `s` (text as written, or the regex).
    pub fn find(&self, s: &str) -> Option<(usize, usize)> {
        match self {
            Pattern::Text(t) => s.find(t.trim()).map(|at| (at, at + t.trim().len())),
            Pattern::Regex(r) => r.find(s).map(|m| (m.start(), m.end())),
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pattern::Text(t) => write!(f, "{t:?}"),
            Pattern::Regex(r) => write!(f, "/{}/", r.as_str()),
        }
    }
}

/// `s` without white space: how text patterns compare.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One correction.
#[derive(Debug, Clone)]
pub enum Kind {
    /// The line is a heading (at `level` when given; a heading already is re-levelled).
    Heading { pattern: Pattern, level: Option<u8> },
    /// The line is not a heading.
    NotHeading(Pattern),
    /// Headings matching stand at `level` (re-rank a family: `第…卷` = 1).
    Level { pattern: Pattern, level: u8 },
    /// A heading's text replaced (`$1` names a regex group).
    Rename { from: Pattern, to: String },
    /// A line ending in `end` is joined to the next, starting with `start`.
    Join { end: String, start: String },
    /// A line ending in `end` is never joined to the next, starting with `start`.
    NoJoin { end: String, start: String },
    /// A new paragraph starts before this text.
    Split(Pattern),
    /// The line is furniture: removed and recorded.
    Drop(Pattern),
    /// A line bindery removed is content: kept.
    Keep(Pattern),
}

impl Kind {
    /// The kind's name, as the file spells it and `correction/<name>` reports it.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Heading { .. } => "heading",
            Kind::NotHeading(_) => "not_heading",
            Kind::Level { .. } => "level",
            Kind::Rename { .. } => "rename",
            Kind::Join { .. } => "join",
            Kind::NoJoin { .. } => "no_join",
            Kind::Split(_) => "split",
            Kind::Drop(_) => "drop",
            Kind::Keep(_) => "keep",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name();
        match self {
            Kind::Heading { pattern, level: Some(l) } => write!(f, "{name} {pattern} (level {l})"),
            Kind::Heading { pattern, level: None } => write!(f, "{name} {pattern}"),
            Kind::Level { pattern, level } => write!(f, "{name} {pattern} = {level}"),
            Kind::Rename { from, to } => write!(f, "{name} {from} → {to:?}"),
            Kind::Join { end, start } | Kind::NoJoin { end, start } => write!(f, "{name} {end:?} + {start:?}"),
            Kind::NotHeading(p) | Kind::Split(p) | Kind::Drop(p) | Kind::Keep(p) => write!(f, "{name} {p}"),
        }
    }
}

/// A correction and where it was written (a file's path, or the option that gave it).
#[derive(Debug, Clone)]
pub struct Correction {
    pub kind: Kind,
    pub origin: String,
}

/// How often one correction fired: in `--to json`'s report and the review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub correction: String,
    pub origin: String,
    pub fired: usize,
}

/// Every correction for one input, in the order of its layers (folder, sidecar,
/// `NAME.bindery.toml`, command line), with how often each fired.
#[derive(Debug, Clone, Default)]
pub struct Corrections {
    pub list: Vec<Correction>,
    fired: Vec<usize>,
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn push(&mut self, kind: Kind, origin: impl Into<String>) {
        self.list.push(Correction { kind, origin: origin.into() });
        self.fired.push(0);
    }

    /// `other`'s corrections after these.
    pub fn extend(&mut self, other: &Corrections) {
        for c in &other.list {
            self.push(c.kind.clone(), c.origin.clone());
        }
    }

    /// The corrections of one kind with their indices (for [`Corrections::fire`]).
    pub fn of<'a, T: 'a>(&'a self, pick: impl Fn(&'a Kind) -> Option<T> + 'a) -> impl Iterator<Item = (usize, T)> + 'a {
        self.list.iter().enumerate().filter_map(move |(i, c)| pick(&c.kind).map(|t| (i, t)))
    }

    /// Count one application of correction `i`.
    pub fn fire(&mut self, i: usize) {
        self.fired[i] += 1;
    }

    pub fn tally(&self) -> Vec<Tally> {
        self.list
            .iter()
            .zip(&self.fired)
            .map(|(c, &fired)| Tally { correction: c.kind.to_string(), origin: c.origin.clone(), fired })
            .collect()
    }

    /// One warning per correction that matched nothing, naming it.
    pub fn unused_warnings(&self) -> Vec<String> {
        self.list
            .iter()
            .zip(&self.fired)
            .filter(|(_, &n)| n == 0)
            .map(|(c, _)| format!("{}: correction {} matched nothing", c.origin, c.kind))
            .collect()
    }

    /// The corrections of a `[corrections]` table written in `origin`.
    pub fn from_table(table: Table, origin: &str) -> Result<Corrections, String> {
        let mut out = Corrections::default();
        let level = |l: u8| if (1..=6).contains(&l) { Ok(l) } else { Err(format!("level {l} is not between 1 and 6")) };
        for h in table.heading {
            let (text, lvl) = match h {
                HeadingEntry::Text(t) => (t, None),
                HeadingEntry::Full { text, level: l } => (text, l.map(level).transpose()?),
            };
            out.push(Kind::Heading { pattern: Pattern::parse(&text)?, level: lvl }, origin);
        }
        for t in table.not_heading {
            out.push(Kind::NotHeading(Pattern::parse(&t)?), origin);
        }
        for l in table.level {
            out.push(Kind::Level { pattern: Pattern::parse(&l.pattern)?, level: level(l.level)? }, origin);
        }
        for r in table.rename {
            out.push(Kind::Rename { from: Pattern::parse(&r.from)?, to: r.to }, origin);
        }
        let boundary = |[end, start]: [String; 2]| {
            if end.trim().is_empty() || start.trim().is_empty() {
                Err(format!("[{end:?}, {start:?}]: a join boundary needs text on both sides"))
            } else {
                Ok((end.trim().to_string(), start.trim().to_string()))
            }
        };
        for b in table.join {
            let (end, start) = boundary(b)?;
            out.push(Kind::Join { end, start }, origin);
        }
        for b in table.no_join {
            let (end, start) = boundary(b)?;
            out.push(Kind::NoJoin { end, start }, origin);
        }
        for t in table.split {
            out.push(Kind::Split(Pattern::parse(&t)?), origin);
        }
        for t in table.drop {
            out.push(Kind::Drop(Pattern::parse(&t)?), origin);
        }
        for t in table.keep {
            out.push(Kind::Keep(Pattern::parse(&t)?), origin);
        }
        Ok(out)
    }
}

/// The `[corrections]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Table {
    pub heading: Vec<HeadingEntry>,
    pub not_heading: Vec<String>,
    pub level: Vec<LevelEntry>,
    pub rename: Vec<RenameEntry>,
    pub join: Vec<[String; 2]>,
    pub no_join: Vec<[String; 2]>,
    pub split: Vec<String>,
    pub drop: Vec<String>,
    pub keep: Vec<String>,
}

/// `"附录"` or `{ text = "/^第.+卷/", level = 1 }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum HeadingEntry {
    Text(String),
    Full { text: String, level: Option<u8> },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelEntry {
    pub pattern: String,
    pub level: u8,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenameEntry {
    pub from: String,
    pub to: String,
}

/// `--heading-pattern REGEX[=LEVEL]`: a trailing `=1`…`=6` is the level
/// (a regex ending in `=` and a digit is written `REGEX=` … `(?:=1)`).
pub fn heading_pattern_arg(arg: &str) -> Result<Kind, String> {
    let (re, level) = match arg.rsplit_once('=') {
        Some((re, l)) if !re.is_empty() && l.len() == 1 && matches!(l.as_bytes()[0], b'1'..=b'6') => {
            (re, Some(l.as_bytes()[0] - b'0'))
        }
        _ => (arg, None),
    };
    Ok(Kind::Heading { pattern: Pattern::regex(re)?, level })
}

/// `--not-heading REGEX`.
pub fn not_heading_arg(arg: &str) -> Result<Kind, String> {
    Ok(Kind::NotHeading(Pattern::regex(arg)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_ignores_white_space_and_regex_searches() {
        let t = Pattern::parse("第二次联席会议").unwrap();
        assert!(t.matches_line("  第 二 次联席会议 "));
        assert!(!t.matches_line("第二次联席会议召开"));
        let r = Pattern::parse("/^CHAPTER [IVX]+$/").unwrap();
        assert!(r.matches_line("CHAPTER IV  "));
        assert!(!r.matches_line("The CHAPTER IV"));
        assert!(Pattern::parse("/(/").unwrap_err().contains("not a valid regex"));
        assert!(Pattern::parse("  ").is_err());
        assert_eq!(Pattern::parse("第二章").unwrap().find("前言。第二章 风"), Some((9, 18)));
    }

    #[test]
    fn a_table_parses_every_kind_in_three_languages() {
        let text = r#"
heading = ["附録", { text = "/^第.+巻/", level = 1 }]
not_heading = ["Part One"]
level = [{ pattern = "/^第.+章/", level = 2 }]
rename = [{ from = "第二次联席会", to = "第二次联席会議" }]
join = [["精细陶", "瓷深加"]]
no_join = [["hyphen", "ation"]]
split = ["第二条"]
drop = ["/^— \\d+ —$/"]
keep = ["二〇二三年三月"]
"#;
        let table: Table = toml::from_str(text).unwrap();
        let c = Corrections::from_table(table, "book.bindery.toml").unwrap();
        let names: Vec<&str> = c.list.iter().map(|c| c.kind.name()).collect();
        assert_eq!(
            names,
            ["heading", "heading", "not_heading", "level", "rename", "join", "no_join", "split", "drop", "keep"]
        );
        assert_eq!(c.list[1].kind.to_string(), "heading /^第.+巻/ (level 1)");
        let bad: Table = toml::from_str("level = [{ pattern = \"x\", level = 9 }]").unwrap();
        assert!(Corrections::from_table(bad, "x").unwrap_err().contains("level 9"));
        assert!(toml::from_str::<Table>("headings = [\"x\"]").is_err(), "a misspelt kind is an error");
    }

    #[test]
    fn unused_corrections_are_named() {
        let mut c = Corrections::default();
        c.push(Kind::NotHeading(Pattern::parse("Part One").unwrap()), "a.toml");
        c.push(Kind::Drop(Pattern::parse("/^\\d+$/").unwrap()), "--not-heading");
        c.fire(1);
        assert_eq!(c.unused_warnings(), ["a.toml: correction not_heading \"Part One\" matched nothing"]);
        assert_eq!(c.tally()[1].fired, 1);
    }

    #[test]
    fn heading_pattern_takes_an_optional_level() {
        assert!(matches!(heading_pattern_arg("^第.+卷=1"), Ok(Kind::Heading { level: Some(1), .. })));
        assert!(matches!(heading_pattern_arg("^Chapter \\d+"), Ok(Kind::Heading { level: None, .. })));
        assert!(matches!(heading_pattern_arg("a=b"), Ok(Kind::Heading { level: None, .. })));
        assert!(heading_pattern_arg("(").is_err());
    }
}
