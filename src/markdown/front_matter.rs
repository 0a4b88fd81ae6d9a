//! Front matter: a YAML (`---`) or TOML (`+++`) block at the top of a Markdown
//! file, read into [`Metadata`].
//!
//! Takes the block's text, returns the metadata it sets (unset fields stay
//! empty) and pushes a warning for anything it cannot use; never fails.

use crate::model::{Creator, Metadata, Series};
use serde_json::Value;

/// Which syntax the block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
}

/// Read a front matter block. Malformed syntax gives default metadata and one warning;
/// a key of the wrong type or an unknown key gives a warning and is skipped.
pub fn read(text: &str, syntax: Syntax, warnings: &mut Vec<String>) -> Metadata {
    // Deeply nested flow collections (`[[[[…`) take the YAML parser seconds per kilobyte.
    if bracket_depth(text) > super::MAX_NESTING {
        warnings.push(format!("front matter nests brackets deeper than {} levels; ignored", super::MAX_NESTING));
        return Metadata::default();
    }
    let value = match syntax {
        Syntax::Yaml => serde_norway::from_str::<Value>(text).map_err(|e| e.to_string()),
        Syntax::Toml => toml::from_str::<toml::Table>(text).map(toml_to_json).map_err(|e| e.to_string()),
    };
    let map = match value {
        Ok(Value::Object(map)) => map,
        Ok(Value::Null) => return Metadata::default(),
        Ok(_) => {
            warnings.push("front matter is not a set of `key: value` pairs; ignored".into());
            return Metadata::default();
        }
        Err(e) => {
            let what = match syntax {
                Syntax::Yaml => "YAML",
                Syntax::Toml => "TOML",
            };
            warnings.push(format!("front matter is not valid {what}, ignored: {}", first_line(&e)));
            return Metadata::default();
        }
    };
    let mut m = Metadata::default();
    let mut series_index = None;
    let mut unknown = Vec::new();
    for (key, value) in &map {
        let mut bad = || warnings.push(format!("front matter: `{key}` has an unexpected type; ignored"));
        match key.to_ascii_lowercase().replace('-', "_").as_str() {
            "title" => match scalar(value) {
                Some(s) => m.title = s,
                None => bad(),
            },
            "subtitle" => set(&mut m.subtitle, value, bad),
            "author" | "authors" | "creator" | "creators" => match creators(value, "aut") {
                Some(c) => m.authors.extend(c),
                None => bad(),
            },
            "translator" | "translators" => match creators(value, "trl") {
                Some(c) => m.authors.extend(c),
                None => bad(),
            },
            "editor" | "editors" => match creators(value, "edt") {
                Some(c) => m.authors.extend(c),
                None => bad(),
            },
            "language" | "lang" => match scalar(value) {
                Some(s) => m.language = s,
                None => bad(),
            },
            "identifier" | "id" | "uuid" => set(&mut m.identifier, value, bad),
            "isbn" => match scalar(value) {
                Some(s) if s.to_ascii_lowercase().starts_with("urn:") => m.identifier = Some(s),
                Some(s) => m.identifier = Some(format!("urn:isbn:{s}")),
                None => bad(),
            },
            "date" => set(&mut m.date, value, bad),
            "publisher" => set(&mut m.publisher, value, bad),
            "description" | "abstract" | "summary" => set(&mut m.description, value, bad),
            "subjects" | "subject" | "tags" | "keywords" => match list(value) {
                Some(l) => m.subjects.extend(l),
                None => bad(),
            },
            "series" => match value {
                Value::Object(s) => match s.get("name").and_then(scalar) {
                    Some(name) => {
                        let index = s.get("index").and_then(number);
                        m.series = Some(Series { name, index });
                    }
                    None => bad(),
                },
                other => match scalar(other) {
                    Some(name) => m.series = Some(Series { name, index: None }),
                    None => bad(),
                },
            },
            "series_index" | "series_number" => match number(value) {
                Some(i) => series_index = Some(i),
                None => bad(),
            },
            "cover" | "cover_image" => set(&mut m.cover, value, bad),
            _ => unknown.push(key.clone()),
        }
    }
    if let (Some(series), Some(i)) = (m.series.as_mut(), series_index) {
        series.index = Some(i);
    } else if series_index.is_some() {
        warnings.push("front matter: `series_index` without `series`; ignored".into());
    }
    if !unknown.is_empty() {
        warnings.push(format!("front matter: unknown key(s) ignored: {}", unknown.join(", ")));
    }
    m
}

fn set(dst: &mut Option<String>, value: &Value, bad: impl FnOnce()) {
    match scalar(value) {
        Some(s) => *dst = Some(s),
        None => bad(),
    }
}

/// A string, number or boolean as text; `None` for lists, maps and null.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A list of strings, or one string split at commas (`科幻, 小说` / `科幻，小说`).
fn list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(items) => items.iter().map(scalar).collect(),
        other => scalar(other).map(|s| {
            s.split([',', '，', '、', ';', '；']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
        }),
    }
}

/// One name, a list of names, or maps `{name, role}`, each with `role` defaulting to `default_role`.
fn creators(v: &Value, default_role: &str) -> Option<Vec<Creator>> {
    let one = |v: &Value| -> Option<Creator> {
        match v {
            Value::Object(m) => {
                let name = m.get("name").and_then(scalar)?;
                let role = m.get("role").and_then(scalar).unwrap_or_else(|| default_role.to_string());
                Some(Creator { name, role })
            }
            other => scalar(other).map(|name| Creator { name, role: default_role.to_string() }),
        }
    };
    match v {
        Value::Array(items) => items.iter().map(one).collect(),
        other => one(other).map(|c| vec![c]),
    }
}

/// TOML into the JSON value model; dates become their ISO 8601 text.
fn toml_to_json(table: toml::Table) -> Value {
    fn convert(v: toml::Value) -> Value {
        match v {
            toml::Value::String(s) => Value::String(s),
            toml::Value::Integer(i) => Value::from(i),
            toml::Value::Float(f) => serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
            toml::Value::Boolean(b) => Value::Bool(b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(a) => Value::Array(a.into_iter().map(convert).collect()),
            toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, convert(v))).collect()),
        }
    }
    Value::Object(table.into_iter().map(|(k, v)| (k, convert(v))).collect())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// The deepest nesting of `[` and `{` in `text` (quotes not considered: a
/// front matter with a dozen unbalanced brackets in its strings is not a book's).
fn bracket_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                max = max.max(depth);
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> (Metadata, Vec<String>) {
        let mut w = Vec::new();
        (read(s, Syntax::Yaml, &mut w), w)
    }

    #[test]
    fn yaml_sets_every_field() {
        let (m, w) = yaml(
            "title: 三体\nsubtitle: 地球往事\nauthor: 刘慈欣\ntranslator: Ken Liu\nlang: zh-Hans\n\
             isbn: 9787536692930\ndate: 2008-01\npublisher: 重庆出版社\ndescription: 科幻\n\
             tags: 科幻，小说\nseries: 地球往事三部曲\nseries_index: 1\ncover: cover.jpg\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(m.title, "三体");
        assert_eq!(m.subtitle.as_deref(), Some("地球往事"));
        assert_eq!(m.authors, vec![Creator::author("刘慈欣"), Creator { name: "Ken Liu".into(), role: "trl".into() }]);
        assert_eq!(m.language, "zh-Hans");
        assert_eq!(m.identifier.as_deref(), Some("urn:isbn:9787536692930"));
        assert_eq!(m.date.as_deref(), Some("2008-01"));
        assert_eq!(m.publisher.as_deref(), Some("重庆出版社"));
        assert_eq!(m.subjects, vec!["科幻", "小说"]);
        assert_eq!(m.series, Some(Series { name: "地球往事三部曲".into(), index: Some(1.0) }));
        assert_eq!(m.cover.as_deref(), Some("cover.jpg"));
    }

    #[test]
    fn yaml_lists_and_maps() {
        let (m, w) =
            yaml("authors:\n  - A\n  - name: B\n    role: ill\nseries: {name: S, index: 2.5}\nsubjects: [x, y]\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(m.authors, vec![Creator::author("A"), Creator { name: "B".into(), role: "ill".into() }]);
        assert_eq!(m.series, Some(Series { name: "S".into(), index: Some(2.5) }));
        assert_eq!(m.subjects, vec!["x", "y"]);
    }

    #[test]
    fn toml_with_a_date() {
        let mut w = Vec::new();
        let m = read("title = \"吾輩は猫である\"\nauthors = [\"夏目漱石\"]\ndate = 1905-01-01\n", Syntax::Toml, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(m.title, "吾輩は猫である");
        assert_eq!(m.authors, vec![Creator::author("夏目漱石")]);
        assert_eq!(m.date.as_deref(), Some("1905-01-01"));
    }

    #[test]
    fn malformed_is_a_warning() {
        let (m, w) = yaml("title: [unclosed\n");
        assert_eq!(m, Metadata::default());
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("not valid YAML"), "{w:?}");
        let mut w = Vec::new();
        read("title = ", Syntax::Toml, &mut w);
        assert!(w[0].contains("not valid TOML"));
        let (_, w) = yaml("- just\n- a list\n");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn wrong_types_and_unknown_keys_warn() {
        let (m, w) = yaml("title: [a, b]\nauthor: X\nfoo: 1\n");
        assert_eq!(m.title, "");
        assert_eq!(m.authors, vec![Creator::author("X")]);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w.iter().any(|w| w.contains("`title`")));
        assert!(w.iter().any(|w| w.contains("foo")));
    }

    #[test]
    fn empty_block_sets_nothing() {
        let (m, w) = yaml("");
        assert_eq!(m, Metadata::default());
        assert!(w.is_empty());
    }
}
