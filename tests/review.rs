//! The review page in a real browser: `bindery review` writes the page, the
//! system Chromium (driven over the DevTools protocol by
//! `tests/browser/drive.py`) loads it and clicks a control, the corrections
//! file the page produces is saved beside the input, and `bindery convert`
//! must make the change the control promised — one round trip per control.

mod common;

use common::{bindery, root, shared, stderr, tempdir, tool};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A small book with one of everything the page offers a control for: a
/// volume ranked below its chapters (promote, demote), a heading the printed
/// contents does not list (not a heading), hard-wrapped paragraphs (undo a
/// join), folios (keep a line), a closing date line (make a heading), a
/// contents entry with no chapter, and a last folio that leaks (drop).
fn book() -> String {
    let river = "清晨的雾气从河面上慢慢升起来，整座小城还没有醒，只有码头边的几盏灯还亮着，船工们已经开始搬运货物，木板在脚下吱吱作响，远处传来第一声汽笛。";
    let street = "她沿着石板路往上走，路两边的店铺都关着门，只有一家卖早点的小铺冒着热气，老板娘认出了她，笑着招手让她进去坐一会儿，说外面太冷了。";
    let dusk = "到了傍晚，雨终于停了，街上的人渐渐多起来，孩子们在水洼里跳来跳去，大人们站在屋檐下说话，谈论着今年的收成和码头上新来的那条船。";
    // Hard-wrapped at 24 characters, as a PDF extraction gives it.
    let wrap = |p: &str| {
        let chars: Vec<char> = p.chars().collect();
        chars.chunks(24).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\n")
    };
    let (river, street, dusk) = (wrap(river), wrap(street), wrap(dusk));
    format!(
        "山河故人\n\n林远 著\n\n目录\n第一卷 山河.....1\n第一章 风起.....1\n一、码头.....1\n第二章 云涌.....2\n第三章 雨落.....3\n第四章 归途.....4\n\n\
         \x0C第一卷 山河\n\n第一章 风起\n\n一、码头\n\n{river}\n{street}\n\n1\n\
         \x0C第二章 云涌\n\n{street}\n{river}\n\n2\n\
         \x0C第三章 雨落\n\n{dusk}\n{river}\n\n3\n\
         \x0C尾声\n\n{dusk}\n\n二〇二三年冬于江城\n\n4\n\n（完）\n"
    )
}

struct Run {
    dir: tempfile::TempDir,
    page: PathBuf,
}

impl Run {
    fn new() -> Run {
        let dir = tempdir();
        std::fs::write(dir.path().join("book.txt"), book()).unwrap();
        let o = bindery(&["review", path(&dir.path().join("book.txt")), "-o", path(&dir.path().join("review"))]);
        assert!(o.status.success(), "review failed: {}", stderr(&o));
        let page = dir.path().join("review/book.review.html");
        Run { dir, page }
    }

    /// The book as `convert` makes it (with any corrections file beside it).
    fn convert(&self) -> (Value, String) {
        let out = self.dir.path().join("out");
        let o = bindery(&["convert", path(&self.dir.path().join("book.txt")), "--to", "json", "-o", path(&out)]);
        assert!(o.status.success(), "{}", stderr(&o));
        (serde_json::from_slice(&std::fs::read(out.join("book.json")).unwrap()).unwrap(), stderr(&o))
    }

    /// Do `actions` on the page in Chromium; what the page produced.
    fn drive(&self, actions: Value, screenshots: &[(&Path, &str)]) -> Value {
        drive(&self.page, actions, screenshots)
    }

    /// Click, save the page's corrections file beside the input, convert again.
    fn round_trip(&self, actions: Value) -> (Value, String) {
        let got = self.drive(actions, &[]);
        let file = got["download"].as_str().expect("the download link holds the file").to_string();
        assert_eq!(got["textarea"].as_str(), Some(file.as_str()), "the text area and the download agree");
        assert_eq!(got["download_name"], "book.bindery.toml");
        std::fs::write(self.dir.path().join("book.bindery.toml"), &file).unwrap();
        let (after, warnings) = self.convert();
        assert!(!warnings.contains("matched nothing"), "{warnings}\n{file}");
        (after, file)
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn drive(page: &Path, actions: Value, screenshots: &[(&Path, &str)]) -> Value {
    let dir = tempdir();
    let actions_file = dir.path().join("actions.json");
    std::fs::write(&actions_file, actions.to_string()).unwrap();
    let mut cmd = Command::new("python3");
    cmd.arg(root().join("tests/browser/drive.py")).arg("chromium").arg(page).arg(&actions_file);
    for (out, size) in screenshots {
        cmd.arg("--screenshot").arg(out).arg(size);
    }
    let o = cmd.output().expect("run drive.py");
    assert!(o.status.success(), "the browser driver failed: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("the driver's JSON")
}

fn browser() -> bool {
    tool("chromium") && tool("python3")
}

fn headings(v: &Value) -> Vec<(u64, String)> {
    v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "heading")
        .map(|b| (b["level"].as_u64().unwrap(), b["text"].as_str().unwrap().to_string()))
        .collect()
}

fn paragraphs(v: &Value) -> Vec<String> {
    v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] != "heading")
        .map(|b| b["text"].as_str().unwrap().to_string())
        .collect()
}

fn level_of(v: &Value, text: &str) -> Option<u64> {
    headings(v).into_iter().find(|(_, t)| t == text).map(|(l, _)| l)
}

#[test]
fn the_page_stands_alone_and_offers_every_control() {
    let run = Run::new();
    let page = std::fs::read_to_string(&run.page).unwrap();
    let again = Run::new();
    assert_eq!(std::fs::read(&again.page).unwrap(), page.as_bytes(), "the same input gives the same page");
    assert!(!page.contains("http://") && !page.contains("https://") && !page.contains(" src="), "no outside resource");
    for label in [
        ">Promote<",
        ">Demote<",
        ">Not a heading<",
        ">Make a heading<",
        ">Drop this line<",
        ">Undo this join<",
        ">Keep this line<",
    ] {
        assert!(page.contains(label), "no {label} control");
    }
    // The unmatched contents entry and the heading the contents lacks are flagged first.
    let attention = &page[page.find("id=\"attention\"").unwrap()..page.find("id=\"outline\"").unwrap()];
    assert!(attention.contains("第四章 归途") && attention.contains("尾声"), "{attention}");
    // Every repair is listed with the condition that decided it.
    assert!(page.contains("hard_wrap/") && page.contains("folio/") && page.contains("printed_toc/"));
}

#[test]
fn promote_raises_a_heading_one_level() {
    if !browser() {
        return;
    }
    let run = Run::new();
    let (before, _) = run.convert();
    assert_eq!(level_of(&before, "一、码头"), Some(2), "the fixture's section sits under its chapter");
    let (after, _) = run.round_trip(json!([{"item": "一、码头", "button": "Promote"}]));
    assert_eq!(level_of(&after, "一、码头"), Some(1));
}

#[test]
fn demote_lowers_a_heading_one_level_by_keyboard() {
    if !browser() {
        return;
    }
    let run = Run::new();
    let (after, file) = run.round_trip(json!([{"item": "第一章 风起", "button": "Demote", "key": "Enter"}]));
    assert!(file.contains("level = 2"), "{file}");
    assert_eq!(level_of(&after, "第一章 风起"), Some(2));
}

#[test]
fn not_a_heading_makes_a_paragraph() {
    if !browser() {
        return;
    }
    let run = Run::new();
    let (after, _) = run.round_trip(json!([{"item": "尾声", "button": "Not a heading"}]));
    assert_eq!(level_of(&after, "尾声"), None);
    assert!(paragraphs(&after).iter().any(|p| p == "尾声"));
}

#[test]
fn make_a_heading_promotes_a_short_line() {
    if !browser() {
        return;
    }
    let run = Run::new();
    let (before, _) = run.convert();
    assert_eq!(level_of(&before, "二〇二三年冬于江城"), None);
    let (after, _) = run.round_trip(json!([{"item": "二〇二三年冬于江城", "button": "Make a heading"}]));
    assert!(level_of(&after, "二〇二三年冬于江城").is_some());
}

#[test]
fn drop_this_line_removes_a_leaked_folio() {
    if !browser() {
        return;
    }
    let run = Run::new();
    let (before, _) = run.convert();
    // (A folio on the last line is taken as the last page's; one over a
    // closing mark is not.)
    assert!(paragraphs(&before).iter().any(|p| p == "4"), "the fixture's last folio leaks");
    let (after, _) = run.round_trip(json!([{"item": "4", "button": "Drop this line"}]));
    assert!(!paragraphs(&after).iter().any(|p| p == "4"));
    let dropped =
        after["report"]["repairs"].as_array().unwrap().iter().any(|r| r["why"] == "drop" && r["before"] == "4");
    assert!(dropped, "the dropped line is recorded");
}

#[test]
fn undo_this_join_splits_the_paragraph_there() {
    if !browser() {
        return;
    }
    let run = Run::new();
    let (before, _) = run.convert();
    let joins: Vec<(String, String)> = before["report"]["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["rule"] == "hard_wrap")
        .filter_map(|r| r["before"].as_str()?.split_once('\n').map(|(a, b)| (a.to_string(), b.to_string())))
        .collect();
    let (end, start) = joins.first().expect("a hard wrap joined").clone();
    let glued = format!("{end}{start}");
    assert!(paragraphs(&before).iter().any(|p| p.contains(&glued)));
    let (after, file) = run.round_trip(json!([{"item": format!("{end}\n{start}"), "button": "Undo this join"}]));
    assert!(file.contains("no_join"), "{file}");
    let paras = paragraphs(&after);
    assert!(!paras.iter().any(|p| p.contains(&glued)), "still joined at {glued:?}");
    assert!(paras.iter().any(|p| p.ends_with(&end)) && paras.iter().any(|p| p.starts_with(&start)));
}

#[test]
fn keep_this_line_brings_a_removed_line_back() {
    if !browser() {
        return;
    }
    let run = Run::new();
    let (before, _) = run.convert();
    let text = |v: &Value| {
        let blocks = v["blocks"].as_array().unwrap();
        blocks.iter().map(|b| b["text"].as_str().unwrap()).collect::<String>()
    };
    assert!(!text(&before).contains("第四章 归途"), "the contents line is removed");
    let (after, _) = run.round_trip(json!([{"item": "第四章 归途.....4", "button": "Keep this line"}]));
    // Back in the body (a chapter number, so the structure stage takes it for a heading).
    assert!(text(&after).contains("第四章 归途"), "{:?}", text(&after));
}

#[test]
fn controls_of_one_item_exclude_each_other_and_keys_move_between_items() {
    if !browser() {
        return;
    }
    let run = Run::new();
    let got = run.drive(
        json!([
            {"item": "第一章 风起", "button": "Demote"},
            {"item": "第一章 风起", "button": "Not a heading"},
            {"item": "第二章 云涌", "button": "Demote"},
            {"item": "第二章 云涌", "button": "Demote"},
            {"key": "j"}
        ]),
        &[],
    );
    let file = got["textarea"].as_str().unwrap();
    // The second control of an item replaces the first; a second click takes a mark back.
    assert_eq!(got["pressed"], 1, "{file}");
    assert!(file.contains("not_heading = [\n  \"第一章 风起\",\n]") && !file.contains("level ="), "{file}");
    // `j` from the last marked item's control moves to the next item.
    assert_eq!(got["focused"], "第三章 雨落", "{got}");
    let parsed: toml::Value = toml::from_str(file).expect("the page writes valid TOML");
    assert!(parsed["corrections"]["not_heading"].is_array());
}

/// The bulletin's page (by path; its text stays in ../shared) at desktop and
/// phone width: it loads, and nothing runs wider than a phone's screen.
/// `BINDERY_SCREENSHOTS=DIR` keeps the two screenshots to look at.
#[test]
fn bulletin_page_fits_a_phone() {
    if !browser() {
        return;
    }
    let Some(shared) = shared() else { return };
    let dir = tempdir();
    let input = dir.path().join("bulletin.txt");
    std::fs::copy(shared.join("corpus/luoyang-bulletin/input.txt"), &input).unwrap();
    let o = bindery(&["review", path(&input), "-o", path(dir.path())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let keep = std::env::var_os("BINDERY_SCREENSHOTS").map(PathBuf::from);
    let shots = keep.clone().unwrap_or_else(|| dir.path().to_path_buf());
    std::fs::create_dir_all(&shots).unwrap();
    let (desk, phone) = (shots.join("bulletin-review-desktop.png"), shots.join("bulletin-review-phone.png"));
    let got = drive(
        &dir.path().join("bulletin.review.html"),
        json!([]),
        &[(desk.as_path(), "1280x900"), (phone.as_path(), "390x844")],
    );
    let (scroll, inner) = (got["width"][0].as_u64().unwrap(), got["width"][1].as_u64().unwrap());
    assert!(scroll <= inner, "the page is {scroll} px wide on a {inner} px screen");
    for shot in [&desk, &phone] {
        assert!(std::fs::metadata(shot).unwrap().len() > 10_000, "{} is empty", shot.display());
    }
}
