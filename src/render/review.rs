//! The review page: one self-contained HTML file (inline CSS and script, no
//! network, the system's fonts) over the document and its repair report, to
//! find what needs a correction and write it.
//!
//! Takes the document, the report and the normalised source text (repair
//! spans point into it); returns the page. Lists, least certain first: what
//! needs a look (warnings, contents entries not matched, headings missing
//! from the contents, corrections that matched nothing), the outline with
//! levels, short lines left as paragraphs, every repair in its source
//! context grouped by rule, the removed furniture apart. Each item has
//! controls that produce its correction line (promote, demote, not a heading,
//! make a heading, drop this line, undo this join, keep this line); the page collects them into a corrections file to save as
//! `NAME.bindery.toml`. Never reads or writes a file.

use crate::limits::MAX_SHORT_HEADING_WIDTH;
use crate::model::{Block, Document};
use crate::render::epub::escape;
use crate::report::{Repair, Report, Rule};
use crate::text::{display_width, ends_sentence};
use std::fmt::Write as _;

/// Items listed per rule: a novel has tens of thousands of hard wraps, and a
/// page of a few thousand items still opens at once on a phone; the rest are
/// counted (`bindery inspect --repairs` lists every one).
const MAX_ITEMS_PER_RULE: usize = 400;

/// Source lines shown before and after a change.
const CONTEXT_LINES: usize = 2;

/// Characters of a source line shown in context.
const MAX_CONTEXT_CHARS: usize = 160;

/// Rules from least to most certain: the page lists the least certain first.
/// Joins across page edges and run-in titles guess at the author's intent;
/// folios and normalisation almost never do.
const UNCERTAIN_FIRST: &[Rule] = &[
    Rule::Correction,
    Rule::PageBreakJoin,
    Rule::RunInTitle,
    Rule::HeadingMarker,
    Rule::TitlePage,
    Rule::RunningHead,
    Rule::PrintedToc,
    Rule::HardWrap,
    Rule::Boilerplate,
    Rule::Dehyphenation,
    Rule::Spacing,
    Rule::BannerFrame,
    Rule::Separator,
    Rule::Folio,
    Rule::EmphasisMarkup,
    Rule::AozoraMarkup,
    Rule::RubyMarkup,
    Rule::HtmlMarkup,
    Rule::LetterSpacing,
    Rule::ColumnOrder,
    Rule::CompatibilityIdeograph,
    Rule::ZeroWidth,
    Rule::ControlCharacter,
    Rule::ByteOrderMark,
    Rule::UnicodeNfc,
    Rule::LineEnding,
    Rule::Opencc,
];

/// The review page for `doc`. `source` is the normalised text the report's
/// spans point into; `file_name` the corrections file to save (`book.bindery.toml`).
pub fn review_page(doc: &Document, report: &Report, source: &str, file_name: &str) -> String {
    let lines = LineIndex::new(source);
    let mut h = String::with_capacity(64 * 1024);
    let title = escape(&doc.metadata.title);
    let outline = doc.outline();
    let removed: Vec<&Repair> = report.removed().collect();
    let changes = report.repairs.iter().filter(|r| !r.removes_content()).count();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Review — {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>Review: {title}</h1>\n<p class=\"summary\">{} headings · {changes} repairs · {} removed lines · {} warnings. \
         Mark what is wrong; the corrections file at the end collects your marks. Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous item, \
         <kbd>Tab</kbd> to a control, <kbd>Enter</kbd> to mark it.</p>\n\
         <nav><a href=\"#attention\">Needs a look</a> <a href=\"#outline\">Outline</a> <a href=\"#short\">Short lines</a> <a href=\"#repairs\">Repairs</a> \
         <a href=\"#removed\">Removed</a> <a href=\"#file\">Corrections file (<span id=\"count\">0</span>)</a></nav></header>\n<main>\n",
        outline.len(),
        removed.len(),
        report.warnings.len(),
        lang = escape(&doc.metadata.language),
    );

    // Needs a look: the least certain first.
    h.push_str("<section id=\"attention\"><h2>Needs a look first</h2>\n");
    let mut any = false;
    if !report.warnings.is_empty() {
        any = true;
        h.push_str("<h3>Warnings</h3><ul class=\"warnings\">");
        for w in &report.warnings {
            let _ = write!(h, "<li>{}</li>", escape(w));
        }
        h.push_str("</ul>\n");
    }
    if !report.toc_unmatched.is_empty() {
        any = true;
        h.push_str("<h3>Contents entries not matched to a heading</h3><ul class=\"items\">");
        for t in &report.toc_unmatched {
            item_open(&mut h, "toc-unmatched", t);
            let _ = write!(h, "<span class=\"text\">{}</span>", escape(t));
            controls(&mut h, &[("heading", &toml_string(t), "Make a heading")]);
            h.push_str("</li>");
        }
        h.push_str("</ul>\n");
    }
    if !report.headings_not_in_toc.is_empty() {
        any = true;
        h.push_str("<h3>Headings missing from the contents</h3><ul class=\"items\">");
        for t in &report.headings_not_in_toc {
            item_open(&mut h, "not-in-toc", t);
            let _ = write!(h, "<span class=\"text\">{}</span>", escape(t));
            controls(&mut h, &[("not_heading", &toml_string(t), "Not a heading")]);
            h.push_str("</li>");
        }
        h.push_str("</ul>\n");
    }
    if !any {
        h.push_str("<p>Nothing flagged.</p>\n");
    }
    h.push_str("</section>\n");

    // The outline, with levels.
    let unsure: std::collections::HashSet<&str> = report.headings_not_in_toc.iter().map(String::as_str).collect();
    let _ = write!(
        h,
        "<section id=\"outline\"><h2>Outline ({} headings)</h2>\n<ol class=\"items outline\">",
        outline.len()
    );
    for e in &outline {
        item_open(&mut h, if unsure.contains(e.text.as_str()) { "heading unsure" } else { "heading" }, &e.text);
        let _ = write!(
            h,
            "<span class=\"lvl l{l}\" title=\"level {l}\">H{l}</span> <span class=\"text\" style=\"margin-inline-start:{}em\">{}</span>",
            (e.level.saturating_sub(1)) as f32 * 1.2,
            escape(&e.text),
            l = e.level
        );
        let text = toml_string(&e.text);
        let mut c: Vec<(&str, String, &str)> = Vec::new();
        if e.level > 1 {
            c.push(("heading", format!("{{ text = {text}, level = {} }}", e.level - 1), "Promote"));
        }
        if e.level < 6 {
            c.push(("heading", format!("{{ text = {text}, level = {} }}", e.level + 1), "Demote"));
        }
        c.push(("not_heading", text.clone(), "Not a heading"));
        let refs: Vec<(&str, &str, &str)> = c.iter().map(|(k, v, l)| (*k, v.as_str(), *l)).collect();
        controls(&mut h, &refs);
        h.push_str("</li>");
    }
    h.push_str("</ol></section>\n");

    // Short lines left as paragraphs: a heading the heuristics missed, or furniture that leaked.
    let short: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.trim()),
            _ => None,
        })
        .filter(|t| !t.is_empty() && display_width(t) <= MAX_SHORT_HEADING_WIDTH && !ends_sentence(t))
        .collect();
    if !short.is_empty() {
        let _ = write!(
            h,
            "<section id=\"short\"><h2>Short lines kept as paragraphs ({})</h2>\n<p class=\"note\">A heading bindery missed, or a page number or running head that leaked.</p>\n<ul class=\"items\">",
            short.len()
        );
        for t in short.iter().take(MAX_ITEMS_PER_RULE) {
            item_open(&mut h, "short", t);
            let _ = write!(h, "<span class=\"text\">{}</span>", escape(t));
            let item = toml_string(t);
            controls(&mut h, &[("heading", &item, "Make a heading"), ("drop", &item, "Drop this line")]);
            h.push_str("</li>");
        }
        h.push_str("</ul></section>\n");
    }

    // Repairs by rule, least certain first; removed furniture apart.
    h.push_str("<section id=\"repairs\"><h2>Repairs by rule</h2>\n<p class=\"note\">Least certain first. Each shows the source lines around the change, the change highlighted, and the condition that decided it (rule/why).</p>\n");
    for &rule in UNCERTAIN_FIRST {
        let group: Vec<&Repair> = report.repairs.iter().filter(|r| r.rule == rule && !r.removes_content()).collect();
        repair_group(&mut h, rule, &group, &lines, false);
    }
    h.push_str("</section>\n<section id=\"removed\"><h2>Removed furniture</h2>\n<p class=\"note\">Folios, running heads, the printed contents and boilerplate taken out of the body. Keep a line that is content.</p>\n");
    if removed.is_empty() {
        h.push_str("<p>Nothing was removed.</p>\n");
    }
    for &rule in UNCERTAIN_FIRST {
        let group: Vec<&Repair> = removed.iter().copied().filter(|r| r.rule == rule).collect();
        repair_group(&mut h, rule, &group, &lines, true);
    }
    h.push_str("</section>\n");

    if !report.corrections.is_empty() {
        h.push_str("<section id=\"applied\"><h2>Corrections applied</h2><ul>");
        for t in &report.corrections {
            let _ = write!(
                h,
                "<li class=\"{}\">{} — fired {}× <span class=\"why\">{}</span></li>",
                if t.fired == 0 { "unused" } else { "used" },
                escape(&t.correction),
                t.fired,
                escape(&t.origin)
            );
        }
        h.push_str("</ul></section>\n");
    }

    let _ = write!(
        h,
        "<section id=\"file\"><h2>Corrections file</h2>\n<p>Save as <code>{name}</code> beside the input, then convert again: \
         <code>bindery convert INPUT</code>. Edit it before saving if you like: a later mark writes it anew.</p>\n\
         <textarea id=\"corrections-file\" rows=\"12\" spellcheck=\"false\" aria-label=\"corrections file\"></textarea>\n\
         <p><a id=\"download\" class=\"button\" download=\"{name}\" href=\"#\">Download {name}</a></p></section>\n\
         </main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        name = escape(file_name)
    );
    h
}

/// An item of a list, focusable for `j`/`k`, carrying its text for tests and scripts.
fn item_open(h: &mut String, class: &str, text: &str) {
    let _ = write!(h, "<li class=\"item {class}\" tabindex=\"-1\" data-text=\"{}\">", escape(text));
}

/// Buttons, each producing one correction line: (kind, TOML item, label).
/// The buttons of one item exclude each other (promote or demote, not both).
fn controls(h: &mut String, list: &[(&str, &str, &str)]) {
    h.push_str("<span class=\"controls\">");
    for (kind, item, label) in list {
        let _ = write!(
            h,
            "<button type=\"button\" class=\"fix\" aria-pressed=\"false\" data-kind=\"{kind}\" data-item=\"{}\">{label}</button>",
            escape(item)
        );
    }
    h.push_str("</span>");
}

fn repair_group(h: &mut String, rule: Rule, group: &[&Repair], lines: &LineIndex, removed: bool) {
    if group.is_empty() {
        return;
    }
    // Normalisation (line endings, NFC) is near-certain and numerous: closed by default.
    let open = if matches!(rule, Rule::LineEnding | Rule::UnicodeNfc | Rule::ByteOrderMark) { "" } else { " open" };
    let _ = write!(
        h,
        "<details class=\"rule\"{open}><summary><b>{}</b> — {}</summary>\n<ol class=\"items\">",
        rule.name(),
        group.len()
    );
    for r in group.iter().take(MAX_ITEMS_PER_RULE) {
        item_open(h, if removed { "repair removed" } else { "repair" }, &r.before);
        let _ = write!(h, "<div class=\"why\">{}</div>", escape(&r.decided_by()));
        context(h, r, lines);
        if removed {
            let _ = write!(h, "<div class=\"change\"><del>{}</del></div>", shown(&r.before));
            controls(h, &[("keep", &toml_string(r.before.trim()), "Keep this line")]);
        } else {
            let _ = write!(
                h,
                "<div class=\"change\"><del>{}</del> → <ins>{}</ins></div>",
                shown(&r.before),
                shown(&r.after)
            );
            if let Some((end, start)) = join_boundary(r) {
                let item = format!("[{}, {}]", toml_string(end), toml_string(start));
                controls(h, &[("no_join", &item, "Undo this join")]);
            }
        }
        h.push_str("</li>");
    }
    if group.len() > MAX_ITEMS_PER_RULE {
        let _ = write!(
            h,
            "<li class=\"more\">… and {} more (bindery inspect --repairs lists every one)</li>",
            group.len() - MAX_ITEMS_PER_RULE
        );
    }
    h.push_str("</ol></details>\n");
}

/// The two sides of a line join (`tail⏎head` before, joined after).
fn join_boundary(r: &Repair) -> Option<(&str, &str)> {
    if !matches!(r.rule, Rule::HardWrap | Rule::PageBreakJoin) && r.decided_by() != "correction/join" {
        return None;
    }
    let (end, start) = r.before.split_once('\n')?;
    let (end, start) = (end.trim(), start.trim());
    (!end.is_empty() && !start.is_empty()).then_some((end, start))
}

/// Line starts of the source, to show a span's lines in context.
struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { source, starts }
    }

    fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    fn line(&self, n: usize) -> &'a str {
        let start = self.starts[n];
        let end = self.starts.get(n + 1).map_or(self.source.len(), |e| e - 1);
        self.source.get(start..end).unwrap_or("")
    }
}

/// The source lines around a repair's span, the changed ones marked.
fn context(h: &mut String, r: &Repair, lines: &LineIndex) {
    if r.span == (0, 0) || r.span.0 > lines.source.len() {
        return;
    }
    let first = lines.line_of(r.span.0);
    let last = lines.line_of(r.span.1.saturating_sub(1).max(r.span.0));
    let from = first.saturating_sub(CONTEXT_LINES);
    let to = (last + CONTEXT_LINES).min(lines.starts.len() - 1);
    h.push_str("<pre class=\"context\">");
    for n in from..=to {
        let text: String = lines.line(n).chars().take(MAX_CONTEXT_CHARS).collect();
        let text = text.replace('\x0C', "␌");
        if (first..=last).contains(&n) {
            let _ = writeln!(h, "<mark>{}</mark>", escape(&text));
        } else {
            let _ = writeln!(h, "{}", escape(&text));
        }
    }
    h.push_str("</pre>");
}

/// A piece of text as the change shows it: line breaks as ⏎, empty as ∅.
fn shown(s: &str) -> String {
    if s.is_empty() {
        return "∅".to_string();
    }
    escape(&s.replace('\n', "⏎").replace('\x0C', "␌"))
}

/// A TOML basic string. Written here because the `toml` crate serialises
/// whole documents, and a correction line is one value.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const STYLE: &str = r##"
:root{color-scheme:light dark;--ink:#1d1d1f;--paper:#fffdf8;--muted:#6b6b70;--line:#e3ded3;--mark:#fff0a8;--del:#ffd9d6;--ins:#d7f5dd;--accent:#1f5fbf}
@media (prefers-color-scheme:dark){:root{--ink:#e8e6e1;--paper:#17171a;--muted:#a0a0a8;--line:#33333a;--mark:#5a4d00;--del:#5c2420;--ins:#1f4a2a;--accent:#7fb0ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans CJK TC","Noto Sans CJK JP","PingFang SC","Hiragino Sans","Microsoft YaHei",sans-serif}
header,main{max-width:60rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid var(--line);padding-bottom:.5rem}
h1{font-size:1.4rem;margin:.8rem 0 .2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid var(--line)}h3{font-size:1rem}
nav{display:flex;flex-wrap:wrap;gap:.3rem .9rem;position:sticky;top:0}nav a{color:var(--accent)}
.summary,.note,.why{color:var(--muted);font-size:.9rem}
ol.items,ul.items{list-style:none;padding:0;margin:0}
.item{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3rem .6rem;padding:.45rem .3rem;border-bottom:1px solid var(--line)}
.item:focus{outline:3px solid var(--accent);outline-offset:-3px}
.item .text{flex:1 1 16rem;min-width:0;overflow-wrap:anywhere}
.unsure .text::after{content:" · not in the contents";color:var(--muted);font-size:.85rem}
.lvl{font:600 .8rem/1.4 ui-monospace,monospace;padding:0 .35rem;border-radius:.3rem;background:var(--line)}
.repair{display:block}
.context{margin:.3rem 0;padding:.4rem .6rem;background:color-mix(in srgb,var(--line) 40%,transparent);border-radius:.3rem;white-space:pre-wrap;overflow-wrap:anywhere;font:.85rem/1.5 ui-monospace,"Noto Sans Mono CJK SC",monospace}
mark{background:var(--mark);color:inherit}del{background:var(--del);text-decoration:line-through}ins{background:var(--ins);text-decoration:none}
.change{overflow-wrap:anywhere}
.controls{display:inline-flex;flex-wrap:wrap;gap:.3rem}
button,.button{font:inherit;font-size:.85rem;min-height:2.2rem;padding:.2rem .7rem;border:1px solid var(--accent);border-radius:.4rem;background:transparent;color:var(--accent);cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
button[aria-pressed=true]{background:var(--accent);color:var(--paper)}
button:focus-visible,.button:focus-visible,textarea:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
details.rule{margin:.6rem 0}summary{cursor:pointer;padding:.3rem 0}
textarea{width:100%;font:.9rem/1.5 ui-monospace,monospace;background:transparent;color:inherit;border:1px solid var(--line);border-radius:.3rem;padding:.5rem}
.unused{color:#b3261e}.more{color:var(--muted);padding:.4rem}
@media (max-width:40rem){body{font-size:15px}h1{font-size:1.2rem}.item .text{flex-basis:100%}}
"##;

/// Collects the marked controls into the corrections file, grouped by kind.
const SCRIPT: &str = r##"
(function(){
var kinds=["heading","not_heading","level","rename","join","no_join","split","drop","keep"];
var chosen=[];var area=document.getElementById("corrections-file");var link=document.getElementById("download");
var count=document.getElementById("count");
function file(){var out="# Corrections written with bindery review. Keep this file beside the input.\n[corrections]\n";
kinds.forEach(function(k){var items=chosen.filter(function(c){return c.kind===k}).map(function(c){return "  "+c.item+",\n"});
if(items.length){out+=k+" = [\n"+items.join("")+"]\n"}});return out}
function show(){area.value=file();link.href="data:application/toml;charset=utf-8,"+encodeURIComponent(area.value);count.textContent=chosen.length}
area.addEventListener("input",function(){link.href="data:application/toml;charset=utf-8,"+encodeURIComponent(area.value)});
document.addEventListener("click",function(e){var b=e.target.closest("button.fix");if(!b)return;
var on=b.getAttribute("aria-pressed")!=="true";
b.parentNode.querySelectorAll("button.fix").forEach(function(o){if(o.getAttribute("aria-pressed")==="true"){o.setAttribute("aria-pressed","false");
chosen=chosen.filter(function(c){return c.button!==o})}});
if(on){b.setAttribute("aria-pressed","true");chosen.push({kind:b.dataset.kind,item:b.dataset.item,button:b})}show()});
var items=Array.prototype.slice.call(document.querySelectorAll(".item"));
document.addEventListener("keydown",function(e){if(e.target.tagName==="TEXTAREA"||e.ctrlKey||e.metaKey||e.altKey)return;
if(e.key!=="j"&&e.key!=="k")return;var at=items.indexOf(document.activeElement.closest?document.activeElement.closest(".item"):null);
var next=e.key==="j"?at+1:(at<0?items.length-1:at-1);if(next>=0&&next<items.length){e.preventDefault();items[next].focus();items[next].scrollIntoView({block:"nearest"})}});
show();
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{heading_id, Block, Metadata};

    fn doc() -> Document {
        Document {
            metadata: Metadata { title: "书<名>".into(), language: "zh-Hans".into(), ..Default::default() },
            blocks: vec![
                Block::Heading { level: 1, id: heading_id(1), text: "第一卷 \"风\"".into() },
                Block::Heading { level: 2, id: heading_id(2), text: "第一章".into() },
                Block::paragraph("渡口码头改造。"),
                Block::paragraph("二〇二三年冬"),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn every_item_has_its_correction_line() {
        let source = "第一卷 \"风\"\n第一章\n渡口码\n头改造。\n12\n";
        let report = Report {
            repairs: vec![
                Repair::new(Rule::HardWrap, "full_line", (26, 48), "渡口码\n头改造。", "渡口码头改造。"),
                Repair::new(Rule::Folio, "page_number_run", (49, 51), "12", ""),
            ],
            toc_unmatched: vec!["第二章".into()],
            ..Default::default()
        };
        let page = review_page(&doc(), &report, source, "book.bindery.toml");
        assert!(page.contains("<title>Review — 书&lt;名&gt;</title>"));
        assert!(page.contains(r#"data-kind="heading" data-item="{ text = &quot;第一章&quot;, level = 1 }">Promote"#));
        assert!(page.contains(r#"data-kind="heading" data-item="{ text = &quot;第一章&quot;, level = 3 }">Demote"#));
        assert!(page.contains(r#"data-kind="not_heading" data-item="&quot;第一卷 \&quot;风\&quot;&quot;""#));
        assert!(page.contains(r#"data-kind="no_join" data-item="[&quot;渡口码&quot;, &quot;头改造。&quot;]""#));
        assert!(page.contains(r#"data-kind="keep" data-item="&quot;12&quot;""#));
        assert!(page.contains(r#"data-kind="heading" data-item="&quot;第二章&quot;">Make a heading"#));
        assert!(page.contains(r#"data-kind="drop" data-item="&quot;二〇二三年冬&quot;">Drop this line"#));
        assert!(!page.contains(r#"data-item="&quot;渡口码头改造。&quot;""#), "a sentence is no short line");
        assert!(page.contains("<mark>渡口码</mark>\n<mark>头改造。</mark>"), "the joined lines marked in context");
        assert!(page.contains("hard_wrap/full_line"));
        assert!(!page.contains("http://") && !page.contains("https://"), "nothing from the network");
    }

    #[test]
    fn toml_strings_round_trip() {
        for s in ["第一章", "a \"quoted\" \\ back", "tab\there", "\u{1}"] {
            let v: toml::Value = toml::from_str(&format!("x = {}", toml_string(s))).unwrap();
            assert_eq!(v["x"].as_str(), Some(s));
        }
    }
}
