//! Corrections end to end: a corrections file beside the input demotes,
//! promotes, renames and un-heads headings, forbids a join, forces a split,
//! drops and keeps a line; the rerun applies every one, the scorer sees the
//! effect, and the EPUB's navigation, the PDF's outline, the JSON and the
//! Markdown agree on the outline.
//!
//! On the bulletin (by path only: its text is never copied here) and on three
//! cases in other languages the corrections are written by the test from the
//! first run's output, so every kind meets a real book. The cases' own
//! hand-written files (`tests/corrections/`) fix what bindery got wrong, and
//! the scorer must show them better.

mod common;

use common::{bindery, pdf_outline, root, score, shared, stderr, tempdir};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

/// (level, text) of every heading in the JSON.
fn json_outline(v: &Value) -> Vec<(u8, String)> {
    blocks(v)
        .iter()
        .filter(|b| b["type"] == "heading")
        .map(|b| (b["level"].as_u64().unwrap() as u8, b["text"].as_str().unwrap().to_string()))
        .collect()
}

fn blocks(v: &Value) -> Vec<Value> {
    v["blocks"].as_array().unwrap().clone()
}

fn paragraphs(v: &Value) -> Vec<String> {
    blocks(v).iter().filter(|b| b["type"] != "heading").map(|b| b["text"].as_str().unwrap().to_string()).collect()
}

/// Headings by nesting depth (0 = top), as a navigation tree shows them: a
/// level-3 heading right under a level-1 one is one step down.
fn depths(outline: &[(u8, String)]) -> Vec<(usize, String)> {
    let mut stack: Vec<u8> = Vec::new();
    outline
        .iter()
        .map(|(level, text)| {
            while stack.last().is_some_and(|top| top >= level) {
                stack.pop();
            }
            let depth = stack.len();
            stack.push(*level);
            (depth, text.clone())
        })
        .collect()
}

fn markdown_outline(md: &str) -> Vec<(u8, String)> {
    md.lines()
        .filter_map(|l| {
            let hashes = l.chars().take_while(|&c| c == '#').count();
            (hashes > 0 && l[hashes..].starts_with(' ')).then(|| (hashes as u8, l[hashes + 1..].trim().to_string()))
        })
        .collect()
}

/// (depth, text) of the EPUB navigation document's entries.
fn epub_nav(path: &Path) -> Vec<(usize, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut nav = String::new();
    zip.by_name("OEBPS/nav.xhtml").unwrap().read_to_string(&mut nav).unwrap();
    let toc = &nav[nav.find("epub:type=\"toc\"").unwrap()..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut rest = toc;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if rest.starts_with("<ol") {
            depth += 1;
        } else if rest.starts_with("</ol") {
            depth -= 1;
        } else if rest.starts_with("<a ") {
            let text_start = rest.find('>').unwrap() + 1;
            let text_end = rest.find("</a>").unwrap();
            out.push((depth - 1, unescape(&rest[text_start..text_end])));
        }
        rest = &rest[1..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// A run's four books read back.
struct Books {
    json: Value,
    markdown: String,
    epub: PathBuf,
    pdf: PathBuf,
    warnings: String,
}

/// Convert `input` to JSON, Markdown, EPUB and PDF in `out`.
fn convert_all(input: &Path, out: &Path) -> Books {
    let o = bindery(&["convert", input.to_str().unwrap(), "--to", "json,md,epub,pdf", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "convert failed: {}", stderr(&o));
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let json: Value = serde_json::from_slice(&std::fs::read(out.join(format!("{stem}.json"))).unwrap()).unwrap();
    Books {
        json,
        markdown: std::fs::read_to_string(out.join(format!("{stem}.md"))).unwrap(),
        epub: out.join(format!("{stem}.epub")),
        pdf: out.join(format!("{stem}.pdf")),
        warnings: stderr(&o),
    }
}

/// The EPUB, PDF, JSON and Markdown name the same headings at the same levels.
fn formats_agree(b: &Books) {
    let outline = json_outline(&b.json);
    assert_eq!(markdown_outline(&b.markdown), outline, "Markdown headings");
    let want = depths(&outline);
    assert_eq!(epub_nav(&b.epub), want, "EPUB navigation");
    assert_eq!(pdf_outline(&lopdf::Document::load(&b.pdf).unwrap()), want, "PDF outline");
    if common::tool("pdftotext") {
        let t = std::process::Command::new("pdftotext").arg(&b.pdf).arg("-").output().unwrap();
        assert!(t.status.success(), "pdftotext failed");
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let pdf_text = squash(&String::from_utf8_lossy(&t.stdout));
        for (_, h) in &outline {
            assert!(pdf_text.contains(&squash(h)), "PDF text lacks the heading {h:?}");
        }
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// What the test expects of a rerun.
struct Expect {
    demoted: (String, u8),
    promoted: Option<(String, u8)>,
    made_heading: String,
    renamed: (String, String),
    unheaded: String,
    no_join: (String, String),
    split: String,
    dropped: String,
    kept: String,
}

/// A corrections file for this book, one of each kind, written from the
/// first run's output as a user reading it would: the first headings
/// re-levelled, un-headed and renamed, a paragraph made a heading, the first
/// line join undone, a long paragraph split, a one-line paragraph dropped and
/// a removed line kept. Each anchor is text that occurs once in the source.
fn corrections_for(first: &Value, source: &str) -> (String, Expect) {
    let once = |t: &str| !t.trim().is_empty() && source.matches(t.trim()).count() == 1;
    let blocks = blocks(first);
    let text_once = |t: &str| blocks.iter().filter(|b| b["text"].as_str() == Some(t)).count() == 1;
    // Not the first heading: a book's opening (title page, contents) is decided by what follows it.
    let heads: Vec<(u8, String)> = json_outline(first).into_iter().skip(1).filter(|(_, t)| text_once(t)).collect();
    assert!(heads.len() >= 4, "too few headings to correct");
    let demoted = heads.iter().find(|(l, _)| *l < 6).cloned().map(|(l, t)| (t, l + 1)).unwrap();
    let promoted = heads.iter().skip(1).find(|(l, t)| *l > 1 && *t != demoted.0).map(|(l, t)| (t.clone(), l - 1));
    let taken = |t: &str| t == demoted.0 || promoted.as_ref().is_some_and(|p| p.0 == t);
    let mut rest = heads.iter().filter(|(_, t)| !taken(t));
    let unheaded = rest.next().unwrap().1.clone();
    let renamed_from = heads.iter().rev().find(|(_, t)| !taken(t) && *t != unheaded).unwrap().1.clone();
    let renamed = (renamed_from.clone(), format!("{renamed_from}（订正）"));

    // A join bindery made, whose two sides each occur once.
    let repairs = first["report"]["repairs"].as_array().unwrap();
    let no_join = repairs
        .iter()
        .filter(|r| r["rule"] == "hard_wrap" || r["rule"] == "page_break_join")
        .filter_map(|r| r["before"].as_str()?.split_once('\n'))
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .find(|(a, b)| a.chars().count() >= 3 && b.chars().count() >= 3 && once(a) && once(b))
        .expect("a join to undo");
    let paras = paragraphs(first);
    let joined = |p: &str| p.contains(&no_join.0) || p.contains(&no_join.1);
    // One-line paragraphs (a whole line of the input).
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    let one_line: Vec<&String> =
        paras.iter().filter(|p| !joined(p) && once(p) && lines.contains(&p.trim()) && p.chars().count() > 1).collect();
    let dropped = one_line.first().expect("a one-line paragraph to drop").to_string();
    let made_heading = one_line.get(1).expect("a second one-line paragraph").to_string();
    // A long paragraph split at a text in its middle that occurs once.
    let split = paras
        .iter()
        .filter(|p| !joined(p) && **p != dropped && **p != made_heading && p.chars().count() >= 40)
        .find_map(|p| {
            let chars: Vec<char> = p.chars().collect();
            (chars.len() / 2..chars.len() - 8)
                .map(|at| chars[at..at + 6].iter().collect::<String>())
                .find(|s| once(s) && p.matches(s.as_str()).count() == 1 && !s.contains(char::is_whitespace))
        })
        .expect("a paragraph to split");
    // A line bindery removed, furniture first (a folio, a running head; a
    // contents line).
    let removed: Vec<(&str, &str)> = repairs
        .iter()
        .filter_map(|r| Some((r["rule"].as_str()?, r["before"].as_str()?)))
        .filter(|(rule, t)| matches!(*rule, "folio" | "running_head" | "printed_toc") && !t.trim().is_empty())
        // Past the front matter, whose lines the title page may take again.
        .filter(|(_, t)| {
            let mut at = 0;
            source.split_inclusive('\n').any(|l| {
                let whole = l.trim() == t.trim() && at > source.len() / 10;
                at += l.len();
                whole
            })
        })
        // Not a contents line of a heading corrected above: kept, it would be that heading's twin.
        .filter(|(_, t)| {
            let mut chosen = vec![&demoted.0, &unheaded, &renamed.0];
            chosen.extend(promoted.as_ref().map(|p| &p.0));
            !chosen.iter().any(|h| t.contains(h.as_str()))
        })
        .collect();
    let kept = ["folio", "running_head"]
        .iter()
        .find_map(|want| removed.iter().find(|(rule, _)| rule == want))
        .or_else(|| removed.iter().find(|(rule, _)| *rule == "printed_toc"))
        .expect("a removed line to keep")
        .1
        .to_string();

    let mut heading = vec![format!("{{ text = {}, level = {} }}", toml_string(&demoted.0), demoted.1)];
    if let Some((t, l)) = &promoted {
        heading.push(format!("{{ text = {}, level = {l} }}", toml_string(t)));
    }
    heading.push(toml_string(&made_heading));
    let file = format!(
        "# Written by hand for this book.\n[corrections]\nheading = [{}]\nnot_heading = [{}]\nrename = [{{ from = {}, to = {} }}]\n\
         no_join = [[{}, {}]]\nsplit = [{}]\ndrop = [{}]\nkeep = [{}]\n",
        heading.join(", "),
        toml_string(&unheaded),
        toml_string(&renamed.0),
        toml_string(&renamed.1),
        toml_string(&no_join.0),
        toml_string(&no_join.1),
        toml_string(&split),
        toml_string(&dropped),
        toml_string(&kept),
    );
    let expect = Expect { demoted, promoted, made_heading, renamed, unheaded, no_join, split, dropped, kept };
    (file, expect)
}

/// Every promised change is in the rerun.
fn check_applied(after: &Value, e: &Expect) {
    let outline = json_outline(after);
    let level_of = |t: &str| outline.iter().find(|(_, h)| h == t).map(|(l, _)| *l);
    assert_eq!(level_of(&e.demoted.0), Some(e.demoted.1), "demoted {:?}", e.demoted.0);
    if let Some((t, l)) = &e.promoted {
        assert_eq!(level_of(t), Some(*l), "promoted {t:?}");
    }
    assert!(level_of(&e.made_heading).is_some(), "made a heading: {:?}", e.made_heading);
    assert!(level_of(&e.renamed.0).is_none() && level_of(&e.renamed.1).is_some(), "renamed {:?}", e.renamed);
    let paras = paragraphs(after);
    assert!(level_of(&e.unheaded).is_none(), "un-headed {:?}", e.unheaded);
    assert!(paras.iter().any(|p| p.trim() == e.unheaded), "{:?} is a paragraph", e.unheaded);
    let (a, b) = &e.no_join;
    let joined = paras.iter().any(|p| p.contains(&format!("{a}{b}")) || p.contains(&format!("{a} {b}")));
    assert!(!joined && paras.iter().any(|p| p.starts_with(b.as_str())), "the join {:?} undone", e.no_join);
    assert!(paras.iter().any(|p| p.starts_with(&e.split)), "a paragraph starts at {:?}", e.split);
    assert!(!paras.iter().any(|p| p.trim() == e.dropped), "dropped {:?}", e.dropped);
    // Back in the book: in its body, or on its title page.
    let all = |v: &Value| {
        let body: String = blocks(v).iter().map(|b| b["text"].as_str().unwrap().to_string()).collect();
        format!("{}{}{body}", v["title"].as_str().unwrap_or(""), v["subtitle"].as_str().unwrap_or(""))
    };
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(squash(&all(after)).contains(&squash(&e.kept)), "kept {:?}", e.kept);
    // Every correction fired; the report says how often.
    let tallies = after["report"]["corrections"].as_array().expect("corrections in the report");
    assert!(tallies.iter().all(|t| t["fired"].as_u64().unwrap() >= 1), "{tallies:#?}");
    let whys: Vec<String> = after["report"]["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["rule"] == "correction")
        .map(|r| r["why"].as_str().unwrap().to_string())
        .collect();
    for kind in ["heading", "not_heading", "level", "rename", "no_join", "split", "drop", "keep"] {
        assert!(whys.iter().any(|w| w == kind), "no correction/{kind} record in {whys:?}");
    }
}

/// Convert, write the corrections file beside the input, convert again; check the changes and the formats.
fn round_trip(case: &Path, name: &str) -> (Value, Value) {
    let dir = tempdir();
    let input = dir.path().join(format!("{name}.txt"));
    std::fs::copy(case.join("input.txt"), &input).unwrap();
    let source = std::fs::read_to_string(&input).unwrap();
    let before = convert_all(&input, &dir.path().join("before"));
    let (file, expect) = corrections_for(&before.json, &source);
    std::fs::write(dir.path().join(format!("{name}.bindery.toml")), &file).unwrap();
    let after = convert_all(&input, &dir.path().join("after"));
    assert!(!after.warnings.contains("matched nothing"), "{}\n{file}", after.warnings);
    check_applied(&after.json, &expect);
    formats_agree(&after);
    // Conservation holds with the corrections as repairs.
    assert!(!after.warnings.contains("conservation"), "{}", after.warnings);
    (before.json, after.json)
}

#[test]
fn bulletin_corrections_apply_and_the_scorer_sees_them() {
    let Some(shared) = shared() else { return };
    let case = shared.join("corpus/luoyang-bulletin");
    let dir = tempdir();
    let (before, after) = round_trip(&case, "bulletin");
    let out = |v: &Value, name: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, serde_json::to_vec(v).unwrap()).unwrap();
        score(&case, &p)
    };
    let (s0, s1) = (out(&before, "before.json"), out(&after, "after.json"));
    let f = |s: &Value, k: &str| s[k].as_f64().unwrap();
    // Un-heading and renaming lose headings, a promoted paragraph is an extra
    // one, the demoted heading stands at the wrong level, the split paragraph
    // and the undone join are more paragraphs than the truth's, the dropped
    // paragraph is missing.
    assert!(f(&s1, "heading_recall") < f(&s0, "heading_recall"), "{s0} → {s1}");
    assert!(f(&s1, "heading_precision") < f(&s0, "heading_precision"), "{s0} → {s1}");
    assert!(f(&s1, "level_accuracy") < f(&s0, "level_accuracy"), "{s0} → {s1}");
    assert!(f(&s1, "paragraphs_output") > f(&s0, "paragraphs_output"), "{s0} → {s1}");
    // The dropped paragraph is gone from the book (and recorded as removed).
    assert!(f(&s1, "conservation") < f(&s0, "conservation"), "{s0} → {s1}");
}

fn case_dir(name: &str) -> PathBuf {
    root().join("corpus/cases").join(name)
}

#[test]
fn english_novel_corrections_apply() {
    round_trip(&case_dir("en-novel.typst.pdftotext"), "novel");
}

#[test]
fn japanese_novel_corrections_apply() {
    round_trip(&case_dir("ja-novel.bindery.pdftotext"), "shosetsu");
}

#[test]
fn traditional_chinese_memoir_corrections_apply() {
    round_trip(&case_dir("zh-hant-memoir.bindery.pdftotext"), "huiyilu");
}

/// A case's hand-written corrections file (`tests/corrections/CASE.bindery.toml`)
/// beside a copy of its input: the scorer's figures before and after, and the
/// four books of the corrected run agree.
fn fixed_by_hand(case: &str) -> (Value, Value) {
    let dir = tempdir();
    let case_dir = case_dir(&format!("{case}.bindery.pdftotext"));
    let input = dir.path().join("book.txt");
    std::fs::copy(case_dir.join("input.txt"), &input).unwrap();
    let before = convert_all(&input, &dir.path().join("before"));
    std::fs::copy(root().join(format!("tests/corrections/{case}.bindery.toml")), dir.path().join("book.bindery.toml"))
        .unwrap();
    let after = convert_all(&input, &dir.path().join("after"));
    assert!(
        !after.warnings.contains("matched nothing") && !after.warnings.contains("conservation"),
        "{}",
        after.warnings
    );
    formats_agree(&after);
    let scored = |b: &Books, name: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, serde_json::to_vec(&b.json).unwrap()).unwrap();
        score(&case_dir, &p)
    };
    (scored(&before, "before.json"), scored(&after, "after.json"))
}

fn figure(s: &Value, k: &str) -> f64 {
    s[k].as_f64().unwrap()
}

#[test]
fn hand_written_corrections_fix_the_english_essays() {
    if shared().is_none() {
        return;
    }
    let (s0, s1) = fixed_by_hand("en-essays");
    // The paragraphs cut after a full sentence are whole again; the headings stay right.
    assert!(figure(&s1, "joins") > figure(&s0, "joins") && figure(&s1, "joins") == 1.0, "{s0} → {s1}");
    assert!(figure(&s1, "paragraphs_output") < figure(&s0, "paragraphs_output"), "{s0} → {s1}");
    assert_eq!(figure(&s1, "heading_recall"), figure(&s0, "heading_recall"));
    assert_eq!(figure(&s1, "heading_precision"), figure(&s0, "heading_precision"));
    assert_eq!(figure(&s1, "conservation"), 1.0);
}

#[test]
fn hand_written_corrections_fix_the_japanese_novel() {
    if shared().is_none() {
        return;
    }
    let (s0, s1) = fixed_by_hand("ja-novel");
    assert!(figure(&s0, "heading_precision") < 1.0 && figure(&s1, "heading_precision") == 1.0, "{s0} → {s1}");
    assert_eq!(figure(&s1, "leaks"), 0.0, "{s0} → {s1}");
    assert!(figure(&s1, "joins") > figure(&s0, "joins"), "the broken word joined: {s0} → {s1}");
    assert_eq!(figure(&s1, "conservation"), 1.0);
}

#[test]
fn hand_written_corrections_fix_the_traditional_chinese_memoir() {
    if shared().is_none() {
        return;
    }
    let (s0, s1) = fixed_by_hand("zh-hant-memoir");
    // Both datelines whole, the run-on paragraph split: more paragraphs exact.
    assert!(figure(&s1, "joins") > figure(&s0, "joins"), "{s0} → {s1}");
    assert!(figure(&s1, "para_exact") > figure(&s0, "para_exact"), "{s0} → {s1}");
    assert_eq!(figure(&s1, "conservation"), 1.0);
}

#[test]
fn flags_correct_one_run_and_inspect_shows_what_decided() {
    let input = case_dir("en-novel.bindery.pdftotext").join("input.txt");
    let o = bindery(&[
        "inspect",
        "--repairs",
        input.to_str().unwrap(),
        "--not-heading",
        "^EIGHT The Last Run$",
        "--heading-pattern",
        "^(ONE|TWO) [^.]+$=2",
        "--not-heading",
        "^Appendix$",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let outline = &out[out.find("outline:").unwrap()..out.find("repairs by rule:").unwrap()];
    assert!(!outline.contains("EIGHT The Last Run"), "{outline}");
    assert!(outline.contains("    2 ONE A Letter from Hollin Bay") && outline.contains("    2 TWO The Harbourmaster"));
    assert!(outline.contains("  1 THREE Low Tide"), "{outline}");
    // Each repair names the condition that decided it; each correction how often it fired.
    // (The contents page's numbers are its entries' pages, not folios.)
    assert!(out.contains("hard_wrap/") && out.contains("printed_toc/fragmented_entries"), "{out}");
    assert!(out.contains("correction/not_heading") && out.contains("correction/level"), "{out}");
    assert!(out.contains("      1  not_heading /^EIGHT The Last Run$/  (--not-heading)"), "{out}");
    assert!(out.contains("      2  heading /^(ONE|TWO) [^.]+$/ (level 2)  (--heading-pattern)"), "{out}");
    assert!(out.contains("warning: --not-heading: correction not_heading /^Appendix$/ matched nothing"), "{out}");

    // The same flags on convert and review.
    let dir = tempdir();
    let o = bindery(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        dir.path().to_str().unwrap(),
        "--not-heading",
        "^EIGHT The Last Run$",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&std::fs::read(dir.path().join("input.json")).unwrap()).unwrap();
    assert!(!json_outline(&v).iter().any(|(_, t)| t == "EIGHT The Last Run"));
    let o = bindery(&[
        "review",
        input.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "--not-heading",
        "^EIGHT The Last Run$",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.path().join("input.review.html")).unwrap();
    assert!(page.contains("not_heading /^EIGHT The Last Run$/ — fired 1×"), "the page lists the corrections applied");
}

#[test]
fn bad_corrections_are_one_line_usage_or_input_errors() {
    let input = case_dir("en-novel.bindery.pdftotext").join("input.txt");
    let o = bindery(&["inspect", input.to_str().unwrap(), "--heading-pattern", "(unclosed"]);
    assert_eq!(o.status.code(), Some(2), "a bad regex on the command line is a usage error");
    assert!(stderr(&o).contains("not a valid regex"), "{}", stderr(&o));

    let dir = tempdir();
    let book = dir.path().join("book.txt");
    std::fs::copy(&input, &book).unwrap();
    for (file, why) in [
        ("[corrections]\nheadings = [\"x\"]\n", "unknown field"),
        ("[corrections]\ndrop = [\"/(/\"]\n", "not a valid regex"),
        ("[corrections]\nlevel = [{ pattern = \"x\", level = 0 }]\n", "level 0"),
    ] {
        std::fs::write(dir.path().join("book.bindery.toml"), file).unwrap();
        let out = dir.path().join("out");
        let o = bindery(&["convert", book.to_str().unwrap(), "--to", "json", "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(3), "{file}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("book.bindery.toml") && err.contains(why) && err.trim().lines().count() == 1, "{err}");
        assert!(!out.join("book.json").exists(), "no book from a bad corrections file");
    }
}

#[test]
fn a_folder_file_and_the_sidecar_correct_every_book_in_order() {
    let dir = tempdir();
    let input = case_dir("en-novel.bindery.pdftotext").join("input.txt");
    for name in ["a.txt", "b.txt"] {
        std::fs::copy(&input, dir.path().join(name)).unwrap();
    }
    // The folder's bindery.toml for both; a's own sidecar (metadata and corrections) adds to it.
    std::fs::write(dir.path().join("bindery.toml"), "[corrections]\nnot_heading = [\"EIGHT The Last Run\"]\n").unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "title = \"The Margaret Ann\"\n[corrections]\nheading = [{ text = \"/^ONE [^.]+$/\", level = 2 }]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = bindery(&["convert", dir.path().to_str().unwrap(), "--to", "json", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |n: &str| -> Value { serde_json::from_slice(&std::fs::read(out.join(n)).unwrap()).unwrap() };
    let (a, b) = (json_outline(&read("a.json")), json_outline(&read("b.json")));
    assert!(!a.iter().chain(&b).any(|(_, t)| t == "EIGHT The Last Run"));
    assert_eq!(a[0], (2, "ONE A Letter from Hollin Bay".to_string()));
    assert_eq!(b[0], (1, "ONE A Letter from Hollin Bay".to_string()));
}

#[test]
fn the_readme_example_file_is_valid() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Corrections").unwrap()..];
    let block = &section[section.find("```toml\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    let (metadata, corrections) =
        bindery::library::parse_sidecar_with_corrections(block, Path::new("报告.bindery.toml")).unwrap();
    assert_eq!(metadata.title.as_deref(), Some("洛阳政务信息"));
    let kinds: Vec<&str> = corrections.list.iter().map(|c| c.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "heading",
            "heading",
            "not_heading",
            "not_heading",
            "level",
            "rename",
            "join",
            "no_join",
            "split",
            "drop",
            "drop",
            "keep"
        ]
    );
}
