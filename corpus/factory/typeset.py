#!/usr/bin/env python3
"""Case factory, typesetting half: corpus/docs/*.json -> corpus/build/pdf/<id>.<engine>.pdf
plus a furniture sidecar <id>.<engine>.furniture.json per PDF.

Run from the repository root:

    python3 corpus/factory/typeset.py [--docs ID,ID] [--engines E,E] [--jobs N]

Engines: bindery, typst, libreoffice, groff (English), pandoc-lo (CJK), reportlab.
Every style choice is a deterministic function of (doc id, engine); see README.md.
"""
import argparse
import concurrent.futures as cf
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DOCS = os.path.join(ROOT, "corpus", "docs")
BUILD = os.path.join(ROOT, "corpus", "build")
PDFDIR = os.path.join(BUILD, "pdf")
WORK = os.path.join(BUILD, "work")
BINDERY = os.environ.get("BINDERY_BIN") or os.path.join(ROOT, "target", "release", "bindery")
SYS_PY = "/usr/bin/python3"  # has the LibreOffice UNO bindings (python3-uno)

ENGINES = ["bindery", "typst", "libreoffice", "groff", "pandoc-lo", "reportlab"]
CJK_LANGS = ("zh-Hans", "zh-Hant", "ja")

BASE_ENV = dict(os.environ, SOURCE_DATE_EPOCH="0", TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8")

# --------------------------------------------------------------------------- docs


class DocError(Exception):
    pass


BLOCK_FIELDS = {
    "heading": ("text", "level"),
    "paragraph": ("text",),
    "quote": ("text",),
    "list_item": ("text",),
    "code": ("text",),
    "figure": ("caption",),
    "verse": ("lines",),
}


def load_doc(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    stem = os.path.splitext(os.path.basename(path))[0]
    if d.get("id") != stem:
        raise DocError(f"id {d.get('id')!r} != file stem {stem!r}")
    if d.get("language") not in CJK_LANGS + ("en",):
        raise DocError(f"bad language {d.get('language')!r}")
    if not d.get("title"):
        raise DocError("no title")
    if not isinstance(d.get("blocks"), list) or not d["blocks"]:
        raise DocError("no blocks")
    for i, b in enumerate(d["blocks"]):
        t = b.get("type")
        if t not in BLOCK_FIELDS:
            raise DocError(f"block {i}: bad type {t!r}")
        for k in BLOCK_FIELDS[t]:
            if k not in b:
                raise DocError(f"block {i} ({t}): missing {k}")
        if t == "heading" and b["level"] not in (1, 2, 3):
            raise DocError(f"block {i}: bad level")
    return d


def has_cjk(s):
    return re.search(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]", s) is not None


def doc_strings(doc):
    for k in ("title", "subtitle", "author", "date"):
        if doc.get(k):
            yield doc[k]
    for b in doc["blocks"]:
        for k in ("text", "label", "marker", "caption"):
            if isinstance(b.get(k), str):
                yield b[k]
        for x in b.get("lines", []) + b.get("notes", []):
            yield x


def doc_is_cjk(doc):
    return doc["language"] in CJK_LANGS


def doc_has_any_cjk(doc):
    return any(has_cjk(s) for s in doc_strings(doc))


def doc_is_paper(doc):
    k = (doc.get("kind") or "").lower()
    return "paper" in doc["id"] or any(w in k for w in ("paper", "article", "preprint"))


def heading_truth(b):
    return (b["label"] + " " + b["text"]) if b.get("label") else b["text"]


def doc_has_parts(doc):
    return any(is_part(b) for b in doc["blocks"])


def is_part(b):
    return b["type"] == "heading" and b["level"] == 1 and bool(b.get("part"))


def lang_bits(doc):
    """(typst lang, region, CJK font suffix, contents title)"""
    return {
        "zh-Hans": ("zh", "cn", "SC", "目录"),
        "zh-Hant": ("zh", "tw", "TC", "目錄"),
        "ja": ("ja", "jp", "JP", "目次"),
        "en": ("en", "us", "SC", "Contents"),
    }[doc["language"]]


def pick(doc_id, engine, key, options):
    h = hashlib.sha256(f"{doc_id}|{engine}|{key}".encode()).digest()
    return options[int.from_bytes(h[:4], "big") % len(options)]


FOLIO_STYLES = ["— {n} —", "·{n}·", "Page {n}", "- {n} -", "{n}"]
FOLIO_STYLES_CJK = FOLIO_STYLES + ["第{n}页"]


def folio_choices(doc):
    if doc["language"] == "zh-Hans":
        return FOLIO_STYLES_CJK
    if doc["language"] == "zh-Hant":
        return FOLIO_STYLES + ["第{n}頁"]
    if doc["language"] == "ja":
        return FOLIO_STYLES + ["{n}頁"]
    return FOLIO_STYLES


PAPERS = {  # name -> (width mm, height mm)
    "a5": (148, 210),
    "b5": (176, 250),
    "a4": (210, 297),
    "us-letter": (215.9, 279.4),
}


def roman(n):
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out


def run(cmd, cwd=None, env=None, timeout=600, check=True):
    p = subprocess.run(cmd, cwd=cwd, env=env or BASE_ENV, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({p.returncode}): {p.stderr.decode(errors='replace')[-2000:]}")
    return p


# ------------------------------------------------------------------ furniture scan


def pdf_pages_lines(pdf):
    """[(width, height, [(yMin, yMax, xMin, xMax, text)])] per page, via pdftotext -bbox-layout."""
    p = run(["pdftotext", "-bbox-layout", pdf, "-"])
    xml = p.stdout.decode("utf-8", errors="replace")
    xml = xml[xml.find("<doc>"): xml.rfind("</doc>") + 6]
    root = ET.fromstring(xml)
    ns = ""
    pages = []
    for pg in root.iter(ns + "page"):
        lines = []
        for ln in pg.iter(ns + "line"):
            words = [w.text or "" for w in ln.iter(ns + "word")]
            lines.append((float(ln.get("yMin")), float(ln.get("yMax")), float(ln.get("xMin")),
                          float(ln.get("xMax")), " ".join(words)))
        pages.append((float(pg.get("width")), float(pg.get("height")), lines))
    return pages


def _join_band(lines):
    """Join lines of a band (header or footer) into one string, left to right on a row,
    rows top to bottom, separated by ' | '."""
    rows = []
    for y0, y1, x0, x1, t in sorted(lines, key=lambda l: (round(l[0]), l[2])):
        if rows and abs(rows[-1][0] - y0) < 3:
            rows[-1][1].append((x0, t))
        else:
            rows.append([y0, [(x0, t)]])
    return " | ".join("  ".join(t for _, t in sorted(r[1])) for r in rows)


def folio_regex(fmt):
    esc = re.escape(fmt)
    esc = esc.replace(r"\{n\}", r"\s*(?P<n>\d+)\s*").replace(r"\{r\}", r"\s*(?P<r>[ivxlcdm]+)\s*")
    # extractors drop or keep spaces unpredictably: make every space optional
    esc = esc.replace(r"\ ", r"\s*")
    return re.compile(r"(?:^|\s)" + esc + r"(?:\s|$)")


def _rows(lines):
    rows = []
    for l in sorted(lines, key=lambda l: (l[0], l[2])):
        if rows and abs(rows[-1][0][0] - l[0]) < 3:
            rows[-1].append(l)
        else:
            rows.append([l])
    return rows


def _gap_rows(lines, top_limit, bottom_limit):
    """Furniture of an unknown layout: the first (last) row of the page when it lies within
    the top (bottom) band and is set off from the next row by more than a body line gap."""
    rows = _rows(lines)
    if len(rows) < 3:
        return [], []
    ys = [r[0][0] for r in rows]
    gaps = sorted(b - a for a, b in zip(ys, ys[1:]))
    typical = gaps[len(gaps) // 2]
    top = rows[0] if (rows[0][0][1] <= top_limit and ys[1] - ys[0] > typical * 1.6) else []
    bot = rows[-1] if (rows[-1][0][0] >= bottom_limit and ys[-1] - ys[-2] > typical * 1.6) else []
    return top, bot


def scan_furniture(pdf, head_candidates, folio_formats, top_pt, bottom_pt, gap_mode=False, head_band="top"):
    """Per page: which running head string and which folio string are printed in the
    top band (y < top_pt) and bottom band (y > height - bottom_pt). With head_band="bottom"
    the running head shares the footer row with the folio (the folio at either end of it)."""
    pages = []
    cands = sorted(set(c for c in head_candidates if c), key=len, reverse=True)
    regs = [(f, folio_regex(f)) for f in folio_formats]
    for i, (w, h, lines) in enumerate(pdf_pages_lines(pdf), 1):
        top = [l for l in lines if l[1] <= top_pt]
        bot = [l for l in lines if l[0] >= h - bottom_pt]
        if gap_mode:
            top, bot = _gap_rows(lines, top_pt, h - bottom_pt)
        rec = {"page": i, "top": _join_band(top) or None, "bottom": _join_band(bot) or None,
               "head": None, "folio": None}
        norm = lambda s: re.sub(r"\s+", "", s or "")
        # the folio: a bottom-band row that is nothing but a folio (last row first), else a
        # folio inside the top band's first row (a head and a folio share the top line)
        folio_in_top = False
        cands_rows = [(r, False) for r in reversed((rec["bottom"] or "").split(" | ")) if r.strip()]
        cands_rows += [(r, True) for r in (rec["top"] or "").split(" | ")[:1] if r.strip()]
        for row, in_top in cands_rows:
            for f, rg in regs:
                if in_top:
                    m = rg.search(" " + row + " ")
                elif head_band == "bottom":
                    # head and folio on one footer row: the folio is its last or first item
                    ms = list(rg.finditer(" " + row + " "))
                    ends = [x for x in ms if row.strip().endswith(x.group(0).strip())]
                    starts = [x for x in ms if row.strip().startswith(x.group(0).strip())]
                    m = ends[-1] if ends else (starts[0] if starts else None)
                else:
                    m = rg.search(" " + row + " ")
                    m = m if m and m.group(0).strip() == row.strip() else None
                if m:
                    rec["folio"] = m.group(0).strip()
                    folio_in_top = in_top
                    rec["folio_value"] = m.group("n") if "n" in m.groupdict() else m.group("r")
                    break
            if rec["folio"]:
                break
        band = rec["top"] if head_band == "top" else rec["bottom"]
        if band:
            rest = band
            folio_in_band = folio_in_top if head_band == "top" else not folio_in_top
            if rec["folio"] and folio_in_band and rec["folio"] in rest:
                rest = rest.replace(rec["folio"], " ", 1)
            rest = re.sub(r"\s*\|\s*", " ", rest).strip()
            if rest:
                exact = [c for c in cands if norm(c) == norm(rest)]
                if exact:
                    rec["head"] = exact[0]
                else:
                    inside = [c for c in cands if norm(c) and norm(c) in norm(rest)]
                    rec["head"] = inside[0] if inside else None
                    rec["head_unmatched_text"] = rest
        pages.append(rec)
    return pages


def heads_from_pages(pages):
    seen = []
    for p in pages:
        if p["head"] and p["head"] not in seen:
            seen.append(p["head"])
    return seen


# ------------------------------------------------------------------ determinism


_DATE_PAT = re.compile(rb"D:(\d{14})")
_XMP_PAT = re.compile(rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")


def normalise_pdf_dates(path):
    """Same-length in-place rewrite of creation/modification dates (keeps xref offsets valid)."""
    with open(path, "rb") as f:
        data = f.read()
    new = _DATE_PAT.sub(b"D:19700101000000", data)
    new = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)",
                 lambda m: m.group(1) + b"1970-01-01T00:00:00", new)
    # LibreOffice's /DocChecksum depends on the time: make it a hash of the rest
    m = re.search(rb"/DocChecksum\s*/([0-9A-Fa-f]+)", new)
    if m:
        rest = re.sub(rb"/ID\s*\[[^\]]*\]", b"", new[: m.start()] + new[m.end():])
        hx = (hashlib.md5(rest).hexdigest().upper().encode() * 4)[: len(m.group(1))]
        new = new[: m.start(1)] + hx + new[m.end(1):]
    # /ID [<hex><hex>]: replace with a hash of the content so it is stable per content
    m = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]", new)
    if m:
        body = new[: m.start()] + new[m.end():]
        hx = hashlib.md5(body).hexdigest().upper().encode()
        a = (hx * 4)[: len(m.group(1))]
        b = (hx * 4)[: len(m.group(2))]
        new = new[: m.start(1)] + a + new[m.end(1): m.start(2)] + b + new[m.end(2):]
    if new != data:
        with open(path, "wb") as f:
            f.write(new)


# ------------------------------------------------------------------ engine: typst


def tstr(s):
    """A Typst string literal."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 32:
            out.append("\\u{%x}" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def typst_style(doc):
    e = "typst"
    i = doc["id"]
    cjk = doc_is_cjk(doc)
    paper = pick(i, e, "paper", ["a5", "b5", "a4", "us-letter", "a5", "b5"])
    heads = pick(i, e, "heads", ["title", "chapter", "alternate", "alternate-caps"])
    if cjk and heads == "alternate-caps":
        heads = "alternate"
    st = {
        "paper": paper,
        "heads": heads,
        "chapter_head_form": pick(i, e, "chform", ["text", "label+text"]),
        "folio": pick(i, e, "folio", folio_choices(doc)),
        "folio_pos": pick(i, e, "foliopos", ["bottom-center", "bottom-outer", "top-outer", "bottom-center"]),
        "heading_style": pick(i, e, "hstyle", ["label-over-title", "label-inline", "label-over-title"]),
        "chapter_newpage": pick(i, e, "chnp", [True, True, False]),
        "front_roman": pick(i, e, "roman", [True, False]),
        "leaders": pick(i, e, "leaders", [True, True, True, False]),
        "h1_align": pick(i, e, "h1align", ["center", "left"]),
        "latin_font": pick(i, e, "latin", ["Liberation Serif", "DejaVu Serif", "P052", "C059", "Nimbus Roman"]),
        "cjk_heading_sans": pick(i, e, "cjksans", [True, False]),
        "paper_layout": doc_is_paper(doc),
        "opening_heads": pick(i, e, "openheads", [False, False, True]),
    }
    if st["paper_layout"]:
        st["heads"] = pick(i, e, "pheads", ["title", "alternate"])
        st["folio_pos"] = "bottom-center"
        st["chapter_newpage"] = False
        st["heading_style"] = "label-inline"
    return st


def typst_source(doc, st):
    lang, region, cjks, contents_title = lang_bits(doc)
    cjk = doc_is_cjk(doc)
    cjk_font = f"Noto Serif CJK {cjks}"
    cjk_sans = f"Noto Sans CJK {cjks}"
    lat = st["latin_font"]
    paper_map = {"a5": "a5", "b5": "iso-b5", "a4": "a4", "us-letter": "us-letter"}
    size = {"a5": 10, "b5": 10.5, "a4": 11, "us-letter": 11}[st["paper"]]
    if st["paper_layout"]:
        size = {"a5": 8.5, "b5": 9, "a4": 10, "us-letter": 10}[st["paper"]]
    margins = {"a5": (20, 18, 22), "b5": (22, 20, 24), "a4": (25, 24, 27), "us-letter": (25, 24, 27)}[st["paper"]]
    top_mm, side_mm, bot_mm = margins
    title = doc["title"]
    L = []
    a = L.append
    a(f"#set document(title: {tstr(title)}" + (f", author: {tstr(doc['author'])}" if doc.get("author") else "") + ", date: none)")
    if cjk:
        a(f'#set text(lang: "{lang}", region: "{region}", size: {size}pt, font: ((name: "{lat}", covers: "latin-in-cjk"), "{cjk_font}"))')
    else:
        a(f'#set text(lang: "{lang}", region: "{region}", size: {size}pt, font: ("{lat}", "{cjk_font}"))')
    a('#show raw: set text(font: ("DejaVu Sans Mono", "Noto Sans Mono CJK ' + cjks + '"), size: 0.9em)')
    indent = "2em" if cjk else "1.2em"
    a(f"#set par(justify: true, first-line-indent: (amount: {indent}, all: {'true' if cjk else 'false'}), spacing: 0.65em, leading: {'0.8em' if cjk else '0.62em'})")
    hfont = f'"{cjk_sans}"' if (cjk and st["cjk_heading_sans"]) else None
    # headings: supplement carries the label (none when there is no label)
    over = st["heading_style"] == "label-over-title"
    h1size = {"a5": 15, "b5": 16, "a4": 18, "us-letter": 18}[st["paper"]]
    if st["paper_layout"]:
        h1size = size + 2
    fontset = f"set text(font: {hfont}) ; " if hfont else ""
    a("#show heading: it => {")
    a(f"  {fontset}set par(first-line-indent: 0pt, justify: false)")
    a("  set text(hyphenate: false)")
    a("  let lab = it.supplement")
    a("  if it.level == 1 and it.at(\"label\", default: none) == <part> {")
    a(f"    align(center, block(above: 0pt, below: 0pt)[#set text(size: {h1size + 4}pt, weight: \"bold\"); #if lab != none [#text(size: 0.7em, lab) \\ #v(0.5em)]#it.body])")
    a("  } else if it.level == 1 {")
    if st["paper_layout"]:
        a(f"    block(above: 1.4em, below: 0.8em)[#set text(size: {h1size}pt, weight: \"bold\"); #if lab != none [#lab ]#it.body]")
    else:
        al = st["h1_align"]
        if over:
            a(f"    align({al}, block(above: 2.5em, below: 1.8em)[#if lab != none [#text(size: {h1size - 3}pt, weight: \"regular\", lab) \\ #v(0.3em)]#text(size: {h1size}pt, weight: \"bold\", it.body)])")
        else:
            a(f"    align({al}, block(above: 2.5em, below: 1.8em)[#set text(size: {h1size}pt, weight: \"bold\"); #if lab != none [#lab ]#it.body])")
    a("  } else if it.level == 2 {")
    if over:
        a(f"    block(above: 1.6em, below: 0.9em, sticky: true)[#set text(size: {size + 2.5}pt, weight: \"bold\"); #if lab != none [#text(size: 0.8em, lab) \\ ]#it.body]")
    else:
        a(f"    block(above: 1.6em, below: 0.9em, sticky: true)[#set text(size: {size + 2.5}pt, weight: \"bold\"); #if lab != none [#lab ]#it.body]")
    a("  } else {")
    a(f"    block(above: 1.3em, below: 0.7em, sticky: true)[#set text(size: {size + 1}pt, weight: \"bold\"); #if lab != none [#lab ]#it.body]")
    a("  }")
    a("}")
    # outline entries: label + title, leaders or not
    fill = "repeat[.#h(0.3em)]" if st["leaders"] else "none"
    a(f"#set outline.entry(fill: {fill})")
    a("#show outline.entry: it => link(it.element.location(), it.indented(none, [#if it.element.supplement != none [#it.element.supplement ]#it.element.body #box(width: 1fr, if it.fill != none { it.fill } else { h(1fr) }) #it.page()]))")
    a("#show outline.entry.where(level: 1): set block(above: 0.9em)")

    # running heads and folios
    folio = st["folio"]
    pre, post = folio.split("{n}")

    def folio_markup(style):  # style "1" or "i"
        return f"[{tmarkup(pre)}#counter(page).display(\"{style}\"){tmarkup(post)}]"

    chap_expr = "h.body" if st["chapter_head_form"] == "text" else "if h.supplement != none [#h.supplement #h.body] else [#h.body]"
    heads = st["heads"]
    if doc_has_parts(doc) and not st["paper_layout"]:
        a("#let chapters() = query(heading.where(level: 1).or(heading.where(level: 2))).filter(h => h.at(\"label\", default: none) != <part>)")
    else:
        a("#let chapters() = query(heading.where(level: 1)).filter(h => h.at(\"label\", default: none) != <part>)")
    if st["paper_layout"]:
        a("#let opening(p) = p == 1")
    elif st["opening_heads"]:
        a("#let opening(p) = false")
    else:
        a("#let opening(p) = query(heading.where(level: 1)).any(h => h.location().page() == p)")
    a("#let cur-chapter(p) = { let hs = chapters().filter(h => h.location().page() <= p); if hs.len() == 0 { none } else { let h = hs.last(); " + chap_expr + " } }")
    a(f"#let book-title = {tstr(title)}")
    caps = heads == "alternate-caps"
    a("#let head-text(p, n) = {")
    if heads == "title":
        a("  book-title")
    elif heads == "chapter":
        a("  let c = cur-chapter(p); if c == none { book-title } else { c }")
    else:
        a("  let c = cur-chapter(p)")
        cexpr = "upper(c)" if caps else "c"
        a(f"  if calc.even(n) or c == none {{ book-title }} else {{ {cexpr} }}")
    a("}")
    pos = st["folio_pos"]

    def page_setup(num_style, show_heads):
        fm = folio_markup(num_style)
        hdr = "none"
        ftr = "none"
        if pos == "top-outer":
            if show_heads:
                hdr = ("context { let p = here().page(); let n = counter(page).get().first(); "
                       "if not opening(p) { set text(size: 0.85em); "
                       f"if calc.even(n) [#{fm} #h(1fr) #head-text(p, n)] else [#head-text(p, n) #h(1fr) #{fm}]; "
                       "v(-0.4em); line(length: 100%, stroke: 0.4pt) } }")
                ftr = f"context if opening(here().page()) {{ align(center, text(size: 0.85em, {fm})) }}"
            else:
                ftr = f"context align(center, text(size: 0.85em, {fm}))"
        else:
            if show_heads:
                hdr = ("context { let p = here().page(); let n = counter(page).get().first(); "
                       "if not opening(p) { set text(size: 0.85em); align(center, head-text(p, n)) } }")
            if pos == "bottom-center":
                ftr = f"context align(center, text(size: 0.85em, {fm}))"
            else:
                ftr = (f"context {{ let n = counter(page).get().first(); set text(size: 0.85em); "
                       f"if calc.even(n) {{ align(left, {fm}) }} else {{ align(right, {fm}) }} }}")
        cols = ", columns: 2" if st["paper_layout"] else ""
        return (f"#set page(paper: \"{paper_map[st['paper']]}\", margin: (top: {top_mm}mm, bottom: {bot_mm}mm, "
                f"inside: {side_mm + 2}mm, outside: {side_mm - 2}mm){cols}, header-ascent: 35%, footer-descent: 35%, "
                f"header: {hdr}, footer: {ftr})")

    blocks = doc["blocks"]
    furn = {"front_folio_format": None}
    a(f"#set page(paper: \"{paper_map[st['paper']]}\", margin: (top: {top_mm}mm, bottom: {bot_mm}mm, inside: {side_mm + 2}mm, outside: {side_mm - 2}mm))")
    if st["paper_layout"]:
        a("#set columns(gutter: 6mm)")
        a(page_setup("1", True))
        # title block spanning both columns: title, subtitle, author, date, and the abstract
        span = [f"#align(center)[#text(size: {size + 8}pt, weight: \"bold\", hyphenate: false, {tstr(title)})]"]
        for k, sz in (("subtitle", size + 2), ("author", size + 1), ("date", size)):
            if doc.get(k):
                span.append(f"#align(center)[#text(size: {sz}pt, {tstr(doc[k])})]")
        # abstract: a heading called Abstract (any case) at the start and its paragraphs,
        # or the paragraphs before the first heading
        k = 0
        abstract = []
        if blocks and blocks[0]["type"] == "heading" and re.match(r"(?i)abstract|摘要|要旨", blocks[0]["text"]):
            abstract.append(blocks[0])
            k = 1
        while k < len(blocks) and blocks[k]["type"] == "paragraph":
            abstract.append(blocks[k])
            k += 1
        if abstract:
            inner = []
            for b in abstract:
                if b["type"] == "heading":
                    inner.append(f"#align(center)[#text(weight: \"bold\", {tstr(b['text'])})]")
                else:
                    inner.append(tblock(b, st, cjk))
            span.append(f"#pad(x: 10%)[#set text(size: {size - 0.5}pt); #set align(left)\n" + "\n\n".join(inner) + "\n]")
        a("#place(top + center, scope: \"parent\", float: true, clearance: 2em)[\n" + "\n#v(0.4em)\n".join(span) + "\n]")
        if doc.get("contents"):
            a(f"#text(weight: \"bold\", {tstr(contents_title)})")
            a("#outline(title: none, depth: 2)")
        body = blocks[k:]
        furn["title_page"] = False
        furn["abstract_blocks"] = len(abstract)
    else:
        # title page
        a('#page(header: none, footer: none)[')
        a("  #v(22%)")
        a(f'  #align(center)[#text(size: {h1size + 8}pt, weight: "bold", hyphenate: false, {tstr(title)})]')
        if doc.get("subtitle"):
            a(f'  #align(center)[#v(0.8em)#text(size: {h1size - 2}pt, {tstr(doc["subtitle"])})]')
        a("  #v(1fr)")
        if doc.get("author"):
            a(f'  #align(center)[#text(size: {size + 2}pt, {tstr(doc["author"])})]')
        if doc.get("date"):
            a(f'  #align(center)[#text(size: {size}pt, {tstr(doc["date"])})]')
        a("  #v(12%)")
        a("]")
        furn["title_page"] = True
        if doc.get("contents"):
            if st["front_roman"]:
                a(page_setup("i", False))
                a("#counter(page).update(1)")
                furn["front_folio_format"] = pre + "{r}" + post
            else:
                a("#set page(header: none, footer: none)")
            a(f'#align(center)[#text(size: {h1size}pt, weight: "bold", {tstr(contents_title)})]')
            a("#v(1.5em)")
            a("#outline(title: none, depth: 3)")
            a("#pagebreak(weak: true)")
        a(page_setup("1", True))
        a("#counter(page).update(1)")
        body = blocks
    pending_break = False
    for idx, b in enumerate(body):
        if b["type"] == "heading":
            sup = tstr(b["label"]) if b.get("label") else "none"
            h = f"#heading(level: {b['level']}, supplement: {sup}, {tstr(b['text'])})"
            if is_part(b) and not st["paper_layout"]:
                a(f"#page(header: none, footer: none)[#v(1fr) {h} <part> #v(1.4fr)]")
                continue
            brk = b.get("page_break") or (b["level"] == 1 and st["chapter_newpage"] and not st["paper_layout"])
            if brk and idx > 0:
                a("#pagebreak(weak: true)")
            a(h)
            a("")
        else:
            a(tblock(b, st, cjk))
            a("")
    src = "\n".join(L) + "\n"
    furn["margins_mm"] = {"top": top_mm, "bottom": bot_mm}
    return src, furn


def tmarkup(s):
    """Literal text in markup position."""
    return "#" + tstr(s) + "" if s else ""


def tblock(b, st, cjk):
    t = b["type"]
    if t == "paragraph":
        notes = "".join(f"#footnote({tstr(n)})" for n in b.get("notes", []))
        return f"#{tstr(b['text'])}{notes}"
    if t == "quote":
        return f"#pad(left: 2em, right: 2em)[#set text(size: 0.94em); #set par(first-line-indent: 0pt); #{tstr(b['text'])}]"
    if t == "list_item":
        m = b.get("marker")
        body = (f"#{tstr(m)} " if m else "") + f"#{tstr(b['text'])}"
        return f"#pad(left: 1em)[#set par(first-line-indent: 0pt, hanging-indent: 1.5em); {body}]"
    if t == "code":
        return f"#block(inset: (left: 1.5em, y: 0.3em))[#raw({tstr(b['text'])}, block: true)]"
    if t == "figure":
        return (f"#align(center)[#block(above: 1em, below: 1em)[#rect(width: 70%, height: 4.5cm, fill: luma(215), stroke: none) "
                f"#v(0.4em) #text(size: 0.9em, {tstr(b['caption'])})]]")
    if t == "verse":
        lines = " \\ ".join(f"#{tstr(x)}" for x in b["lines"])
        return f"#align(center)[#block(above: 1em, below: 1em)[#set par(first-line-indent: 0pt, justify: false); #align(left)[{lines}]]]"
    if t == "heading":
        return f"#{tstr(b['text'])}"
    raise ValueError(t)


# What the running heads say, in words, for the engines that print titles as
# they stand (Typst, reportlab).
HEADS_DESC = {
    "title": "book title on every page",
    "chapter": "current chapter title on every page",
    "alternate": "book title on even pages, chapter title on odd pages",
    "alternate-caps": "book title on even pages, chapter title in capitals on odd pages",
}


def build_typst(doc, work):
    import typst
    st = typst_style(doc)
    src, extra = typst_source(doc, st)
    tp = os.path.join(work, "doc.typ")
    with open(tp, "w", encoding="utf-8") as f:
        f.write(src)
    pdf = os.path.join(work, "out.pdf")
    data = typst.compile(tp, font_paths=[os.path.join(ROOT, "fonts")], timestamp=0)
    with open(pdf, "wb") as f:
        f.write(data)
    # furniture: candidates and verification
    chap = []
    for b in doc["blocks"]:
        if b["type"] == "heading" and (b["level"] == 1 or (b["level"] == 2 and doc_has_parts(doc))) and not is_part(b):
            s = b["text"] if st["chapter_head_form"] == "text" or not b.get("label") else b["label"] + " " + b["text"]
            chap.append(s)
            if st["heads"] == "alternate-caps":
                chap.append(s.upper())
    cands = [doc["title"]] + ([] if st["heads"] == "title" else chap)
    fmts = [st["folio"]] + ([extra["front_folio_format"]] if extra.get("front_folio_format") else [])
    mm = 72 / 25.4
    top_pt = extra["margins_mm"]["top"] * mm - 2
    bot_pt = extra["margins_mm"]["bottom"] * mm - 2
    pages = scan_furniture(pdf, cands, fmts, top_pt, bot_pt)
    hs = {
        "label-over-title": "label on its own line above the title (level 1 and 2; level 3 label inline)",
        "label-inline": "label and title on one line, separated by a space",
    }[st["heading_style"]]
    hs += f"; level-1 {st['h1_align']}-aligned bold" + ("; level-1 chapters start a new page" if st["chapter_newpage"] else "")
    hs += "; parts alone on their own page, no head or folio" if any(is_part(b) for b in doc["blocks"]) and not st["paper_layout"] else ""
    if st["paper_layout"]:
        hs = "label and title inline, bold; no page breaks; title block and abstract span both columns"
    heads_desc = HEADS_DESC[st["heads"]]
    furn = {
        "engine_version": typst_version(),
        "page_size": st["paper"],
        "columns": 2 if st["paper_layout"] else 1,
        "running_heads": heads_from_pages(pages),
        "running_heads_rule": heads_desc + ("; none on page 1" if st["paper_layout"] else "; none on title, contents and part pages" + ("" if st["opening_heads"] else " nor on chapter-opening pages")),
        "folio_format": st["folio"],
        "front_folio_format": extra.get("front_folio_format"),
        "folio_position": st["folio_pos"],
        "contents_page": bool(doc.get("contents")),
        "contents_leaders": bool(doc.get("contents")) and st["leaders"],
        "contents_entry_format": "label title, page number at the right margin",
        "heading_style": hs,
        "title_page": extra.get("title_page", False),
        "footnotes": "numbered 1, 2, … continuously, at the page foot",
        "fonts": {"latin": st["latin_font"], "cjk": lang_bits(doc)[2]},
        "style": st,
        "pages": pages,
    }
    return pdf, furn


_VERSIONS = {}


def typst_version():
    if "typst" not in _VERSIONS:
        import typst
        try:
            data = typst.compile(b"#set page(width: auto, height: auto)\n#sys.version")
            with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as f:
                f.write(data)
            v = run(["pdftotext", f.name, "-"]).stdout.decode().strip()
            os.unlink(f.name)
        except Exception:
            v = "?"
        import importlib.metadata as md
        _VERSIONS["typst"] = f"typst {v} (python typst {md.version('typst')})"
    return _VERSIONS["typst"]


# ------------------------------------------------------------------ engine: libreoffice (docx)


def lo_style(doc):
    e = "libreoffice"
    i = doc["id"]
    st = {
        "paper": pick(i, e, "paper", ["a5", "b5", "a4", "us-letter", "b5"]),
        "heads": pick(i, e, "heads", ["title", "chapter", "alternate", "alternate"]),
        "folio": pick(i, e, "folio", folio_choices(doc)),
        "folio_pos": pick(i, e, "foliopos", ["bottom-center", "bottom-outer", "top-outer"]),
        "heading_style": pick(i, e, "hstyle", ["label-over-title", "label-inline"]),
        "front_roman": pick(i, e, "roman", [True, False]),
        "latin_font": pick(i, e, "latin", ["Liberation Serif", "DejaVu Serif", "P052", "C059"]),
        "h1_align": pick(i, e, "h1align", ["center", "left"]),
        "paper_layout": doc_is_paper(doc),
        "opening_heads": pick(i, e, "openheads", [False, False, True]),
    }
    if st["paper_layout"]:
        st["heads"] = "title"
        st["folio_pos"] = "bottom-center"
        st["heading_style"] = "label-inline"
    return st


def _lo_profile(tag):
    d = os.path.join(tempfile.gettempdir(), f"lo-profile-factory-{tag}-{os.getpid()}")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def lo_export(src, pdf, tag):
    prof = _lo_profile(tag)
    try:
        p = run([SYS_PY, os.path.join(HERE, "lo_export.py"), src, pdf, prof], timeout=900)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    if not os.path.exists(pdf):
        raise RuntimeError("LibreOffice produced no PDF")
    return p.stdout.decode(errors="replace")


def build_libreoffice(doc, work):
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn, nsdecls
    from docx.shared import Mm, Pt, RGBColor

    st = lo_style(doc)
    cjk = doc_is_cjk(doc)
    lang, region, cjks, contents_title = lang_bits(doc)
    cjk_font = f"Noto Serif CJK {cjks}"
    cjk_sans = f"Noto Sans CJK {cjks}"
    lat = st["latin_font"]
    d = Document()
    size = {"a5": 10, "b5": 10.5, "a4": 11, "us-letter": 11}[st["paper"]]
    W, H = PAPERS[st["paper"]]
    margins = {"a5": (20, 18, 22), "b5": (22, 20, 24), "a4": (25, 24, 27), "us-letter": (25, 24, 27)}[st["paper"]]

    def set_fonts(style, latin, east, sz=None, bold=None, italic=None, color_black=True):
        rpr = style.element.get_or_add_rPr()
        rf = rpr.find(qn("w:rFonts"))
        if rf is None:
            rf = OxmlElement("w:rFonts")
            rpr.insert(0, rf)
        for k in list(rf.attrib):
            del rf.attrib[k]
        rf.set(qn("w:ascii"), latin)
        rf.set(qn("w:hAnsi"), latin)
        rf.set(qn("w:eastAsia"), east)
        rf.set(qn("w:cs"), latin)
        if sz:
            style.font.size = Pt(sz)
        if bold is not None:
            style.font.bold = bold
        if italic is not None:
            style.font.italic = italic
        if color_black:
            style.font.color.rgb = RGBColor(0, 0, 0)

    # document defaults: languages
    rpr_default = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lg = rpr_default.find(qn("w:lang"))
    if lg is None:
        lg = OxmlElement("w:lang")
        rpr_default.append(lg)
    lg.set(qn("w:val"), "en-US")
    lg.set(qn("w:eastAsia"), {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "ja": "ja-JP", "en": "zh-CN"}[doc["language"]])

    normal = d.styles["Normal"]
    set_fonts(normal, lat, cjk_font, size)
    pf = normal.paragraph_format
    pf.space_after = Pt(0)
    pf.space_before = Pt(0)
    pf.line_spacing = 1.25 if cjk else 1.15
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body = d.styles.add_style("Body Text Indent First", 1)
    body.base_style = normal
    body.paragraph_format.first_line_indent = Pt(size * 2) if cjk else Pt(size * 1.3)
    h1sz = {"a5": 16, "b5": 17, "a4": 18, "us-letter": 18}[st["paper"]]
    hsizes = {1: h1sz, 2: size + 3, 3: size + 1.5}
    for lv in (1, 2, 3):
        hs = d.styles[f"Heading {lv}"]
        set_fonts(hs, lat, cjk_sans if cjk else cjk_font, hsizes[lv], bold=True, italic=False)
        hs.paragraph_format.space_before = Pt(24 if lv == 1 else 14)
        hs.paragraph_format.space_after = Pt(14 if lv == 1 else 8)
        hs.paragraph_format.keep_with_next = True
        hs.paragraph_format.first_line_indent = Pt(0)
        if lv == 1 and not st["paper_layout"]:
            hs.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if st["h1_align"] == "center" else WD_ALIGN_PARAGRAPH.LEFT
        else:
            hs.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name, sz in (("Title", h1sz + 8), ("Subtitle", h1sz - 2)):
        s_ = d.styles[name]
        set_fonts(s_, lat, cjk_sans if cjk else cjk_font, sz, bold=(name == "Title"), italic=False)
        s_.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # drop the template's bottom border on Title
        ppr = s_.element.get_or_add_pPr()
        for b in ppr.findall(qn("w:pBdr")):
            ppr.remove(b)
    q = d.styles["Quote"]
    set_fonts(q, lat, cjk_font, size - 0.5, italic=not cjk)
    q.paragraph_format.left_indent = Pt(size * 2.5)
    q.paragraph_format.right_indent = Pt(size * 2.5)
    q.paragraph_format.space_before = Pt(6)
    q.paragraph_format.space_after = Pt(6)
    li = d.styles["List Paragraph"]
    li.paragraph_format.left_indent = Pt(size * 3)
    li.paragraph_format.first_line_indent = Pt(-size * 1.6)
    code = d.styles.add_style("Code Block", 1)
    code.base_style = normal
    set_fonts(code, "Liberation Mono", f"Noto Sans Mono CJK {cjks}", size - 1.5)
    code.paragraph_format.left_indent = Pt(size * 2)
    code.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    verse = d.styles.add_style("Verse", 1)
    verse.base_style = normal
    verse.paragraph_format.left_indent = Pt(size * 5)
    verse.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    cap = d.styles["Caption"]
    set_fonts(cap, lat, cjk_font, size - 1, bold=False, italic=False)
    cap.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap.paragraph_format.space_after = Pt(10)
    hdr_style = d.styles["Header"]
    set_fonts(hdr_style, lat, cjk_font, size - 1.5)
    ftr_style = d.styles["Footer"]
    set_fonts(ftr_style, lat, cjk_font, size - 1.5)
    fn_style = d.styles.add_style("Footnote Text", 1)
    fn_style.base_style = normal
    set_fonts(fn_style, lat, cjk_font, size - 2)
    fn_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    def add_field(par, instr, placeholder="1"):
        def r(el):
            run_ = OxmlElement("w:r")
            run_.append(el)
            par._p.append(run_)
        b = OxmlElement("w:fldChar"); b.set(qn("w:fldCharType"), "begin"); r(b)
        it = OxmlElement("w:instrText"); it.set(qn("xml:space"), "preserve"); it.text = f" {instr} "; r(it)
        sp = OxmlElement("w:fldChar"); sp.set(qn("w:fldCharType"), "separate"); r(sp)
        t = OxmlElement("w:t"); t.text = placeholder; r(t)
        e = OxmlElement("w:fldChar"); e.set(qn("w:fldCharType"), "end"); r(e)

    pre, post = st["folio"].split("{n}")

    def folio(par):
        if pre:
            par.add_run(pre)
        add_field(par, "PAGE")
        if post:
            par.add_run(post)

    def set_pgnum(section, fmt=None, start=None):
        sp = section._sectPr
        el = sp.find(qn("w:pgNumType"))
        if el is None:
            el = OxmlElement("w:pgNumType")
            sp.append(el)
        if fmt:
            el.set(qn("w:fmt"), fmt)
        if start is not None:
            el.set(qn("w:start"), str(start))

    def clear_hf(hf):
        hf.is_linked_to_previous = False
        for p_ in list(hf.paragraphs):
            p_.text = ""
        return hf.paragraphs[0]

    even_odd = st["heads"] == "alternate" or st["folio_pos"] in ("bottom-outer", "top-outer")
    d.settings.odd_and_even_pages_header_footer = even_odd

    def tabbed(par, left, right):
        """left text at the margin, right text at the right margin"""
        ts = par.paragraph_format.tab_stops
        width = Mm(W - 2 * margins[1])
        ts.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        return par

    def border_below(par):
        ppr = par._p.get_or_add_pPr()
        pb = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>')
        ppr.append(pb)

    def setup_hf(section, head_odd, head_even, show_folio, first_blank, first_folio=True):
        """head_*: text or None.  first_blank: the first page of the section has no head
        (folio stays at the bottom if the folio lives at the bottom)."""
        section.different_first_page_header_footer = first_blank
        pos = st["folio_pos"]
        targets = [(section.header, section.footer, head_odd, "odd")]
        if even_odd:
            targets.append((section.even_page_header, section.even_page_footer, head_even, "even"))
        for hdr, ftr, head, parity in targets:
            hp = clear_hf(hdr)
            fp = clear_hf(ftr)
            hp.style = d.styles["Header"]
            fp.style = d.styles["Footer"]
            if pos == "top-outer":
                tabbed(hp, None, None)
                if show_folio and parity == "even":
                    folio(hp)
                    if head:
                        hp.add_run("\t" + head)
                elif show_folio:
                    if head:
                        hp.add_run(head)
                    hp.add_run("\t")
                    folio(hp)
                elif head:
                    hp.add_run(head)
                hp.alignment = WD_ALIGN_PARAGRAPH.LEFT
                if head or show_folio:
                    border_below(hp)
            else:
                if head:
                    hp.add_run(head)
                    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if show_folio:
                    folio(fp)
                    if pos == "bottom-center":
                        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    else:
                        fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT if parity == "odd" else WD_ALIGN_PARAGRAPH.LEFT
        if first_blank:
            hp = clear_hf(section.first_page_header)
            fp = clear_hf(section.first_page_footer)
            fp.style = d.styles["Footer"]
            if show_folio and first_folio:
                folio(fp)
                fp.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def page_setup(section):
        section.page_width = Mm(W)
        section.page_height = Mm(H)
        section.top_margin = Mm(margins[0])
        section.bottom_margin = Mm(margins[2])
        section.left_margin = Mm(margins[1])
        section.right_margin = Mm(margins[1])
        section.header_distance = Mm(margins[0] * 0.45)
        section.footer_distance = Mm(margins[2] * 0.4)

    def new_section():
        sec_ = d.add_section(WD_SECTION.NEW_PAGE)
        page_setup(sec_)
        sp = sec_._sectPr
        for el in sp.findall(qn("w:pgNumType")) + sp.findall(qn("w:vAlign")):
            sp.remove(el)
        return sec_

    notes = []

    def add_note_ref(par, text):
        notes.append(text)
        nid = len(notes)
        r_ = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        va = OxmlElement("w:vertAlign"); va.set(qn("w:val"), "superscript")
        rpr.append(va)
        r_.append(rpr)
        fr = OxmlElement("w:footnoteReference"); fr.set(qn("w:id"), str(nid))
        r_.append(fr)
        par._p.append(r_)

    title = doc["title"]
    sec = d.sections[0]
    page_setup(sec)
    blocks = doc["blocks"]
    head_strings = set()

    def chapter_head(b):
        return b["text"]

    def heads_for(chap):
        if st["heads"] == "title":
            return title, title
        if st["heads"] == "chapter":
            return (chap or title), (chap or title)
        return (chap or title), title  # odd: chapter, even: book title

    if st["paper_layout"]:
        setup_hf(sec, title, title, True, True)
        p_ = d.add_paragraph(title, style="Title")
        for k in ("author", "date"):
            if doc.get(k):
                pp = d.add_paragraph(doc[k], style="Subtitle")
        if doc.get("contents"):
            tp = d.add_paragraph(contents_title, style="Subtitle")
            add_field(d.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', "…")
        # abstract (a heading called Abstract and its paragraphs) spans the page; the rest in two columns
        k = 0
        if blocks and blocks[0]["type"] == "heading" and re.match(r"(?i)abstract|摘要|要旨", blocks[0]["text"]):
            ap_ = d.add_paragraph(blocks[0]["text"], style="Subtitle")
            ap_.runs[0].bold = True
            k = 1
            while k < len(blocks) and blocks[k]["type"] == "paragraph":
                pp = d.add_paragraph(blocks[k]["text"], style="Body Text Indent First")
                pp.paragraph_format.left_indent = Mm((W - 2 * margins[1]) * 0.08)
                pp.paragraph_format.right_indent = Mm((W - 2 * margins[1]) * 0.08)
                k += 1
        sec = d.add_section(WD_SECTION.CONTINUOUS)
        cols = sec._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            sec._sectPr.append(cols)
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), str(int(Mm(6).twips if hasattr(Mm(6), "twips") else 340)))
        cur_chap = None
        body_blocks = blocks[k:]
    else:
        # title page section: no head, no folio
        setup_hf(sec, None, None, False, False)
        tp = d.add_paragraph("", style="Title")
        tp.paragraph_format.space_before = Mm(H * 0.22)
        tp.add_run(title)
        if doc.get("subtitle"):
            d.add_paragraph(doc["subtitle"], style="Subtitle")
        for k in ("author", "date"):
            if doc.get(k):
                pp = d.add_paragraph(doc[k], style="Subtitle")
                pp.paragraph_format.space_before = Pt(30 if k == "author" else 4)
        if doc.get("contents"):
            sec = new_section()
            if st["front_roman"]:
                setup_hf(sec, None, None, True, False)
                set_pgnum(sec, "lowerRoman", 1)
            else:
                setup_hf(sec, None, None, False, False)
            tp = d.add_paragraph(contents_title, style="Subtitle")
            tp.paragraph_format.space_after = Pt(18)
            tp.runs[0].bold = True
            add_field(d.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', "…")
        cur_chap = None
        body_blocks = blocks
        first_body = True
    started = False
    for b in body_blocks:
        t = b["type"]
        if t == "heading" and b["level"] == 1 and not st["paper_layout"]:
            # every level-1 heading opens a section (new page) with its own running head
            sec = new_section()
            if not started:
                set_pgnum(sec, "decimal", 1)
                started = True
            if is_part(b):
                cur_chap = chapter_head(b)
                ho, he = heads_for(cur_chap)
                setup_hf(sec, ho, he, True, True, first_folio=False)
                for x in (ho, he):
                    if x:
                        head_strings.add(x)
            else:
                cur_chap = chapter_head(b)
                ho, he = heads_for(cur_chap)
                setup_hf(sec, ho, he, True, not st["opening_heads"])
                for x in (ho, he):
                    if x:
                        head_strings.add(x)
        elif not started and not st["paper_layout"]:
            sec = new_section()
            set_pgnum(sec, "decimal", 1)
            ho, he = heads_for(None)
            setup_hf(sec, ho, he, True, False)
            head_strings.update([ho, he])
            started = True
        if t == "heading":
            p_ = d.add_paragraph(style=f"Heading {b['level']}")
            if is_part(b) and not st["paper_layout"]:
                p_.paragraph_format.space_before = Mm(H * 0.28)
                p_.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if b.get("page_break") and (b["level"] > 1 or st["paper_layout"]):
                p_.paragraph_format.page_break_before = True
            if b.get("label"):
                p_.add_run(b["label"])
                if st["heading_style"] == "label-over-title":
                    p_.runs[-1].add_break(WD_BREAK.LINE)
                else:
                    p_.add_run(" ")
            p_.add_run(b["text"])
            if is_part(b) and not st["paper_layout"]:
                nxt = body_blocks[body_blocks.index(b) + 1] if body_blocks.index(b) + 1 < len(body_blocks) else None
                if nxt is not None and not (nxt["type"] == "heading" and nxt["level"] == 1):
                    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif t == "paragraph":
            p_ = d.add_paragraph(b["text"], style="Body Text Indent First")
            for n in b.get("notes", []):
                add_note_ref(p_, n)
        elif t == "quote":
            d.add_paragraph(b["text"], style="Quote")
        elif t == "list_item":
            txt = (b["marker"] + "\t" + b["text"]) if b.get("marker") else b["text"]
            p_ = d.add_paragraph(txt, style="List Paragraph")
            p_.paragraph_format.tab_stops.add_tab_stop(Pt(size * 3))
        elif t == "code":
            lines = b["text"].split("\n")
            p_ = d.add_paragraph(style="Code Block")
            for k, ln in enumerate(lines):
                r_ = p_.add_run(ln)
                if k < len(lines) - 1:
                    r_.add_break(WD_BREAK.LINE)
        elif t == "figure":
            # a grey box: a one-cell shaded table
            tbl = d.add_table(rows=1, cols=1)
            tbl.alignment = 1
            cell = tbl.rows[0].cells[0]
            tcpr = cell._tc.get_or_add_tcPr()
            tcpr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="D6D6D6"/>'))
            tbl.autofit = False
            tblpr = tbl._tbl.tblPr
            for el in tblpr.findall(qn("w:tblW")):
                tblpr.remove(el)
            tblpr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{4500 if st["paper_layout"] else 3500}" w:type="pct"/>'))
            tbl.rows[0].height = Mm(28 if st["paper_layout"] else 40)
            d.add_paragraph(b["caption"], style="Caption")
        elif t == "verse":
            p_ = d.add_paragraph(style="Verse")
            p_.paragraph_format.space_before = Pt(6)
            p_.paragraph_format.space_after = Pt(6)
            for k, ln in enumerate(b["lines"]):
                r_ = p_.add_run(ln)
                if k < len(b["lines"]) - 1:
                    r_.add_break(WD_BREAK.LINE)
    if st["paper_layout"]:
        head_strings.add(title)
    # footnotes part
    if notes:
        W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        from xml.sax.saxutils import escape
        parts = [f'<w:footnotes xmlns:w="{W_NS}">',
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
        fn_id = fn_style.style_id
        for k, n in enumerate(notes, 1):
            parts.append(f'<w:footnote w:id="{k}"><w:p><w:pPr><w:pStyle w:val="{fn_id}"/></w:pPr>'
                         '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                         f'<w:r><w:t xml:space="preserve"> {escape(n)}</w:t></w:r></w:p></w:footnote>')
        parts.append("</w:footnotes>")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, "".join(parts).encode("utf-8"), d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES)
    # drop the empty first paragraph python-docx's template starts with
    body_el = d.element.body
    first = body_el[0]
    if first.tag == qn("w:p") and not "".join(first.itertext()).strip() and first.find(qn("w:pPr")) is None:
        body_el.remove(first)
    d.core_properties.title = title
    d.core_properties.author = doc.get("author") or ""
    import datetime
    epoch = datetime.datetime(1970, 1, 1)
    d.core_properties.created = epoch
    d.core_properties.modified = epoch
    d.core_properties.last_printed = epoch
    d.core_properties.revision = 1
    src = os.path.join(work, "doc.docx")
    d.save(src)
    pdf = os.path.join(work, "out.pdf")
    log = lo_export(src, pdf, doc["id"])
    cands = sorted(head_strings - {None})
    fmts = [st["folio"]] + ([pre + "{r}" + post] if (doc.get("contents") and st["front_roman"] and not st["paper_layout"]) else [])
    mm = 72 / 25.4
    pages = scan_furniture(pdf, cands, fmts, margins[0] * mm - 1, margins[2] * mm - 1)
    heads_desc = {
        "title": "book title on every page",
        "chapter": "the chapter's title (without its label) on every page of the chapter",
        "alternate": "chapter title (without label) on odd pages, book title on even pages",
    }[st["heads"]]
    hs = ("label and title on two lines of one Heading 1 paragraph (line break)" if st["heading_style"] == "label-over-title"
          else "label and title on one line") + "; Heading 1-3 styles; each level-1 heading starts a new section and page"
    if any(is_part(b) for b in blocks):
        hs += "; parts alone on a page, centred, no head or folio"
    furn = {
        "engine_version": run(["soffice", "--version"]).stdout.decode().strip() + " via python-docx " + __import__("importlib.metadata").metadata.version("python-docx"),
        "page_size": st["paper"],
        "columns": 1,
        "running_heads": heads_from_pages(pages),
        "running_heads_rule": heads_desc + (("; none on title, contents and part pages" + ("" if st["opening_heads"] else " nor on chapter-opening pages")) if not st["paper_layout"] else ""),
        "folio_format": st["folio"],
        "front_folio_format": fmts[1] if len(fmts) > 1 else None,
        "folio_position": pos_desc(st["folio_pos"]) + ("" if st["opening_heads"] else "; on chapter-opening pages bottom centre") + "; none on title and part pages",
        "contents_page": bool(doc.get("contents")) and "indexes updated: 0" not in log,
        "contents_leaders": None,
        "contents_entry_format": "LibreOffice-updated TOC field (\\o \"1-3\"), page numbers right-aligned",
        "heading_style": hs,
        "title_page": not st["paper_layout"],
        "footnotes": "Word footnotes, numbered 1, 2, … at the page foot",
        "fonts": {"latin": lat, "cjk": cjks},
        "style": st,
        "pages": pages,
    }
    furn["contents_leaders"] = detect_leaders(pdf) if furn["contents_page"] else False
    return pdf, furn


def detect_leaders(pdf):
    txt = run(["pdftotext", "-l", "4", pdf, "-"]).stdout.decode("utf-8", errors="replace")
    return re.search(r"(\.\s?){6,}\s*[ivxlcdm\d]+\s*$", txt, re.M) is not None or "…………" in txt


# ------------------------------------------------------------------ engine: groff (English)


def groff_style(doc):
    e = "groff"
    i = doc["id"]
    st = {
        "paper": pick(i, e, "paper", ["a5", "b5", "a4", "us-letter"]),
        "heads": pick(i, e, "heads", ["title", "chapter", "alternate", "alternate-caps"]),
        "folio": pick(i, e, "folio", ["- {n} -", "{n}", "Page {n}", "— {n} —", "·{n}·"]),
        "folio_pos": pick(i, e, "foliopos", ["bottom-center", "top-outer", "bottom-outer"]),
        "heading_style": pick(i, e, "hstyle", ["label-over-title", "label-inline"]),
        "family": pick(i, e, "family", ["T", "P", "N"]),
        "opening_heads": pick(i, e, "openheads", [False, False, True]),
        "device": pick(i, e, "device", ["pdf", "ps2pdf"]),
        "paper_layout": doc_is_paper(doc),
    }
    if st["paper_layout"]:
        st["heads"] = "title"
        st["folio_pos"] = "bottom-center"
        st["heading_style"] = "label-inline"
    return st


def gesc(s):
    """groff text escaping for one input line's worth of text (no leading-dot problems)."""
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\e")
        elif ch == "\n":
            out.append(" ")
        elif ch == "\t":
            out.append(" ")
        elif ch == "-":
            out.append("-")
        elif o < 128:
            out.append(ch)
        else:
            out.append("\\[u%04X]" % o)
    t = "".join(out)
    if t[:1] in (".", "'"):
        t = "\\&" + t
    return t


def gtl(s):
    """text for a .tl three-part title delimited by ^ (no ^ inside, % doubled escape)."""
    return gesc(s).replace("^", "\\(ha").replace("%", "\\[u0025]")


GROFF_FOLIO = {"- {n} -": "- % -", "{n}": "%", "Page {n}": "Page %", "— {n} —": "\\(em\\ %\\ \\(em", "·{n}·": "\\[pc]%\\[pc]"}

NUM_RE = re.compile(r"^(\d+(?:\.\d+)*)\s+(\S.*)$")


def groff_numbering(doc):
    """Numbered headings ('2.3 Title'): block index -> (numbers, title). They are set with
    ms's `.NH S n n` (the numbers given explicitly, printed without a trailing dot)."""
    use = {}
    for k, b in enumerate(doc["blocks"]):
        if b["type"] != "heading" or b.get("label"):
            continue
        m = NUM_RE.match(b["text"])
        if not m:
            continue
        parts = m.group(1).split(".")
        if len(parts) > 4:
            continue
        use[k] = (parts, m.group(2))
    return use if len(use) >= 3 else {}


def groff_source(doc, st, toc_pages=None):
    W, H = PAPERS[st["paper"]]
    size = {"a5": 10, "b5": 10.5, "a4": 11, "us-letter": 11}[st["paper"]]
    if st["paper_layout"]:
        size = {"a5": 8.5, "b5": 9, "a4": 10, "us-letter": 10}[st["paper"]]
    top_mm, side_mm, bot_mm = {"a5": (20, 16, 22), "b5": (22, 20, 24), "a4": (25, 24, 27), "us-letter": (25, 24, 27)}[st["paper"]]
    title = doc["title"]
    L = []
    a = L.append
    a('.\\" generated by corpus/factory/typeset.py')
    a(f".fam {st['family']}")
    a(f".nr PS {size}p")
    a(f".nr VS {size * 1.25:.1f}p")
    a(f".nr PO {side_mm}m".replace("m", "") + "")
    L[-1] = f".nr PO {side_mm / 25.4:.3f}i"
    a(f".nr LL {(W - 2 * side_mm) / 25.4:.3f}i")
    a(f".ll {(W - 2 * side_mm) / 25.4:.3f}i")
    a(f".nr HM {top_mm / 25.4:.3f}i")
    a(f".nr FM {bot_mm / 25.4:.3f}i")
    a(f".nr PI {2 if not st['paper_layout'] else 1.5}n")
    a(".nr PD 0.25v")
    a(".nr GROWPS 3")
    a(".nr PSINCR 1.5p")
    a(".nr FPS \\n[PS]-2000")
    a(".als SN-STYLE SN-NO-DOT")
    a(".defcolor boxgrey rgb 0.84 0.84 0.84")
    a(".nr chopen -1")
    a(".nr blank 1")
    a(".nr phys 0")
    a(".nr bodystart 9999")
    a(".nr foliotop 0")
    # headers / footers via custom PT/BT so chapter-opening and blank pages are honoured
    folio = GROFF_FOLIO[st["folio"]]
    openflag = "0" if (st["opening_heads"] and not st["paper_layout"]) else "1"
    a(r""".de PT
.nr phys +1
.ie \\n[phys]>=\\n[bodystart] .af % 1
.el .af % i
.nr curblank 0
.nr curopen 0
.if \\n[phys]=\\n[blank] .nr curblank 1
.if \\n[phys]=\\n[chopen] .nr curopen OPENFLAG
.if !\\n[curblank] .if !\\n[curopen] \{\
.  ie o .tl \\*[pg*OH]
.  el .tl \\*[pg*EH]
.\}
..
.de BT
.if !\\n[curblank] \{\
.  ie \\n[curopen]&\\n[foliotop] .tl ^^FOLIO^^
.  el \{\
.    ie o .tl \\*[pg*OF]
.    el .tl \\*[pg*EF]
.  \}
.\}
..""".replace("FOLIO", folio).replace("OPENFLAG", openflag))
    pos = st["folio_pos"]

    def heads(odd, even, with_folio=True):
        """emit .OH/.EH/.OF/.EF for the given head strings (already gtl-escaped or '')"""
        f = folio if with_folio else ""
        if pos == "top-outer":
            a(f".OH ^{odd}^^{f}^")
            a(f".EH ^{f}^^{even}^")
            a(".OF ^^^^")
            a(".EF ^^^^")
        else:
            a(f".OH ^^{odd}^^")
            a(f".EH ^^{even}^^")
            if pos == "bottom-center":
                a(f".OF ^^{f}^^")
                a(f".EF ^^{f}^^")
            else:
                a(f".OF ^^^{f}^")
                a(f".EF ^{f}^^^")

    a(f".nr foliotop {1 if pos == 'top-outer' else 0}")
    heads("", "", False)
    blocks = doc["blocks"]
    numbered = groff_numbering(doc)
    head_strings = []

    def head_pair(chap):
        t = title
        if st["heads"] == "title" or chap is None:
            return t, t
        if st["heads"] == "chapter":
            return chap, chap
        if st["heads"] == "alternate-caps":
            return chap.upper(), t
        return chap, t

    code_wraps = []

    def centred(text, inc, bold=False):
        """a centred display line (wrapping, centred, unhyphenated) inc points larger"""
        a(f".ps +{inc}p")
        a(f".vs +{inc * 1.25:.1f}p")
        a(".ad c")
        a(".nh")
        a(("\\fB" if bold else "") + gesc(text) + ("\\fP" if bold else ""))
        a(".br")
        a(".ad b")
        a(".hy \\n[HY]")
        a(".vs")
        a(".ps")

    toc_lines = []  # (level, text, block index)
    for k, b in enumerate(blocks):
        if b["type"] == "heading":
            toc_lines.append((b["level"], heading_truth(b), k))

    def toc(entries):
        a(".nf")
        a(".ll \\n[LL]u")
        a(".ta \\n[LL]uR")
        a(".lc .")
        for lv, text, k in entries:
            pg = (toc_pages or {}).get(k, "0")
            ind = (lv - 1) * 2
            a(f".in {ind}n")
            a(".ta \\n[LL]u-\\n[.i]uR")
            a(gesc(text) + "\x01" + str(pg))
        a(".in 0")
        a(".lc")
        a(".fi")

    if st["paper_layout"]:
        heads(gtl(title), gtl(title))
        head_strings.append(title)
        a(".nr blank -1")
        a(".nr chopen 1")
        a(".nr bodystart 1")
        a(".TL")
        a(".nh")
        a(gesc(title))
        if doc.get("author"):
            a(".AU")
            a(gesc(doc["author"]))
        if doc.get("date"):
            a(".AI")
            a(gesc(doc["date"]))
        k = 0
        if blocks and blocks[0]["type"] == "heading" and re.match(r"(?i)abstract", blocks[0]["text"]):
            a(".AB no")
            a(".ce")
            a("\\fB" + gesc(blocks[0]["text"]) + "\\fP")
            k = 1
            first = True
            while k < len(blocks) and blocks[k]["type"] == "paragraph":
                if not first:
                    a(".PP")
                a(gesc(blocks[k]["text"]))
                first = False
                k += 1
            a(".AE")
        if doc.get("contents"):
            a(".SH")
            a("Contents")
            toc([e for e in toc_lines if e[2] >= k])
        a(".2C")
        body_start = k
    else:
        # title page
        a(".nr blank 1")
        a(".LP")
        a("\\&")
        a(".sp |%.2fi" % (H * 0.25 / 25.4))
        centred(title, 10, True)
        if doc.get("subtitle"):
            a(".sp 1")
            centred(doc["subtitle"], 3)
        a(".sp |%.2fi" % (H * 0.65 / 25.4))
        for key in ("author", "date"):
            if doc.get(key):
                centred(doc[key], 2 if key == "author" else 0)
        if doc.get("contents"):
            a(".pn 1")
            heads("", "")
            a(".nr chopen \\n[phys]+1")
            a(".bp")
            a(".ce 1")
            a("\\s+4\\fBContents\\fP\\s0")
            a(".sp 1.5")
            toc(toc_lines)
            heads("", "")
        body_start = 0
        a(".pn 1")
        a(".nr bodystart \\n[phys]+1")
        if not (blocks and blocks[0]["type"] == "heading" and blocks[0]["level"] == 1):
            ho, he = head_pair(None)
            heads(gtl(ho), gtl(he))
            head_strings.extend([ho, he])
            a(".nr chopen \\n[phys]+1")
            a(".bp")
    for k in range(body_start, len(blocks)):
        b = blocks[k]
        t = b["type"]
        if t == "heading":
            lab = b.get("label")
            if b["level"] == 1 and not st["paper_layout"]:
                if is_part(b):
                    a(".nr blank \\n[phys]+1")
                    a(".bp")
                    a(".rs")
                    a(".sp |%.2fi" % (H * 0.3 / 25.4))
                    if lab:
                        centred(lab, 4)
                        a(".sp 0.5")
                    centred(b["text"], 8, True)
                    a(f".tm TOCENTRY {k} \\n%")
                    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                    if not (nxt and nxt["type"] == "heading" and nxt["level"] == 1):
                        a(".nr chopen \\n[phys]+1")
                        a(".bp")
                    continue
                ho, he = head_pair(b["text"])
                heads(gtl(ho), gtl(he))
                head_strings.extend([ho, he])
                a(".nr chopen \\n[phys]+1")
                a(".bp")
                a(".sp 2")
                if lab and st["heading_style"] == "label-over-title":
                    centred(lab, 2)
                    a(".sp 0.4")
                    centred(b["text"], 6, True)
                else:
                    centred(heading_truth(b), 6, True)
                a(f".tm TOCENTRY {k} \\n%")
                a(".sp 1.5")
                a(".LP")
                continue
            if b.get("page_break"):
                a(".bp")
            lv = b["level"] if not st["paper_layout"] else b["level"]
            if not st["paper_layout"]:
                lv = max(1, b["level"] - 1) + 0
            if b["level"] == 2 and doc_has_parts(doc) and not st["paper_layout"]:
                ho, he = head_pair(b["text"])
                heads(gtl(ho), gtl(he))
                head_strings.extend([ho, he])
            if k in numbered:
                nums, txt = numbered[k]
                a(".NH S " + " ".join(nums))
                a(".nh")
                a(gesc(txt))
            else:
                a(f".SH {lv}")
                a(".nh")
                if lab and st["heading_style"] == "label-over-title":
                    a(gesc(lab))
                    a(".br")
                    a(gesc(b["text"]))
                else:
                    a(gesc(heading_truth(b)))
            a(f".tm TOCENTRY {k} \\n%")
            a(".LP")
            continue
        if t == "paragraph":
            a(".PP")
            a(gesc(b["text"]) + ("\\**" if b.get("notes") else ""))
            for j, n in enumerate(b.get("notes", [])):
                if j:
                    a("\\**")
                a(".FS")
                a(gesc(n))
                a(".FE")
        elif t == "quote":
            a(".QP")
            a("\\fI" + gesc(b["text"]) + "\\fP")
        elif t == "list_item":
            m = b.get("marker")
            if m:
                a(f'.IP "{gesc(m).replace(chr(34), "")}" {max(3, len(m) + 2)}n')
            else:
                a(".IP \"\" 3n")
            a(gesc(b["text"]))
        elif t == "code":
            # no-fill Courier: shrink the type so the longest line fits the measure (a line
            # running off the page would be lost); below 6 pt, wrap at the measure instead
            lines = [ln.expandtabs(4) for ln in b["text"].split("\n")]
            width_pt = (W - 2 * side_mm) / 25.4 * 72 - size
            longest = max(len(ln) for ln in lines) or 1
            ps = min(size - 1, width_pt / (0.6 * longest))
            if ps < 6:
                ps = 6
                per = int(width_pt / (0.6 * ps))
                wrapped = []
                for ln in lines:
                    while len(ln) > per:
                        cut = ln.rfind(" ", 0, per)
                        cut = cut if cut > per // 2 else per
                        wrapped.append(ln[:cut])
                        ln = ln[cut:].lstrip(" ") if ln[cut:cut + 1] == " " else ln[cut:]
                    wrapped.append(ln)
                code_wraps.append(len(wrapped) - len(lines))
                lines = wrapped
            a(".LP")
            a(".DS I 1n")
            a(".ft CR")
            a(f".ps {ps:.2f}p")
            a(f".vs {ps * 1.2:.2f}p")
            for ln in lines:
                a("\\&" + gesc(ln).replace("\\&", ""))
            a(".vs")
            a(".ps")
            a(".ft")
            a(".DE")
        elif t == "figure":
            bw = (W - 2 * side_mm) / 25.4 * (0.45 if st["paper_layout"] else 0.7)
            bh = 1.4 if not st["paper_layout"] else 1.0
            a(".KS")
            a(".sp 0.5")
            a(f".in (\\n[.l]u-{bw:.2f}i)/2u")
            a(f"\\M[boxgrey]\\D'P {bw:.2f}i 0 0 {bh:.2f}i -{bw:.2f}i 0'\\M[]")
            a(".in 0")
            a(f".sp {bh:.2f}i")
            a(".ps -1p")
            a(".ad c")
            a(gesc(b["caption"]))
            a(".br")
            a(".ad b")
            a(".ps")
            a(".sp 0.5")
            a(".KE")
        elif t == "verse":
            a(".DS I 4n")
            for ln in b["lines"]:
                a(gesc(ln))
            a(".DE")
    st["code_lines_wrapped"] = sum(code_wraps)
    return "\n".join(L) + "\n", head_strings, (top_mm, bot_mm)


def build_groff(doc, work):
    st = groff_style(doc)
    dev = st["device"]
    paper = {"a5": "a5", "b5": "b5", "a4": "a4", "us-letter": "letter"}[st["paper"]]

    def render(src_text, out_pdf):
        src = os.path.join(work, "doc.ms")
        with open(src, "w", encoding="ascii") as f:
            f.write(src_text)
        if dev == "pdf":
            p = run(["groff", "-ms", "-Tpdf", "-P-e", f"-dpaper={paper}", f"-P-p{paper}", src])
            with open(out_pdf, "wb") as f:
                f.write(p.stdout)
        else:
            p = run(["groff", "-ms", "-Tps", f"-dpaper={paper}", f"-P-p{paper}", src])
            ps = os.path.join(work, "doc.ps")
            with open(ps, "wb") as f:
                f.write(p.stdout)
            run(["ps2pdf", f"-sPAPERSIZE={paper}", "-dAutoRotatePages=/None", ps, out_pdf])
        pages = {}
        for ln in p.stderr.decode(errors="replace").splitlines():
            m = re.match(r"TOCENTRY (\d+) (\S+)", ln)
            if m:
                pages[int(m.group(1))] = m.group(2)
        return pages

    pdf = os.path.join(work, "out.pdf")
    src, heads, margins = groff_source(doc, st)
    toc_pages = render(src, pdf)
    if doc.get("contents"):
        src, heads, margins = groff_source(doc, st, toc_pages)
        toc_pages2 = render(src, pdf)
        if toc_pages2 != toc_pages:
            src, heads, margins = groff_source(doc, st, toc_pages2)
            render(src, pdf)
    mm = 72 / 25.4
    fmts = [st["folio"], st["folio"].replace("{n}", "{r}")]
    # groff prints an apostrophe as a right single quote (U+2019)
    heads = heads + [h.replace("'", "\u2019") for h in heads if "'" in h]
    pages = scan_furniture(pdf, heads, fmts, margins[0] * mm - 1, margins[1] * mm - 1)
    heads_desc = {
        "title": "book title on every page",
        "chapter": "current chapter title (without label) on every page",
        "alternate": "chapter title (without label) on odd pages, book title on even pages",
        "alternate-caps": "chapter title (without label) in capitals on odd pages, book title on even pages",
    }[st["heads"]]
    numbered = groff_numbering(doc)
    hs = ("level-1: label line over a bold title, centred, new page" if st["heading_style"] == "label-over-title"
          else "level-1: 'label title' on one centred bold line, new page")
    hs += "; levels 2-3: ms .SH" + (" / .NH S (numbers as in the doc, no trailing dot) for numbered headings" if numbered else "")
    if st["paper_layout"]:
        hs = "ms .NH/.SH headings in two columns (numbers printed by ms, no trailing dot), .TL title and .AB abstract span"
    if any(is_part(b) for b in doc["blocks"]):
        hs += "; parts alone on a page, no head or folio"
    furn = {
        "engine_version": run(["groff", "--version"]).stdout.decode().splitlines()[0] + (" -Tpdf (gropdf)" if dev == "pdf" else " -Tps | ps2pdf (Ghostscript " + run(["gs", "--version"]).stdout.decode().strip() + ")"),
        "page_size": st["paper"],
        "columns": 2 if st["paper_layout"] else 1,
        "running_heads": heads_from_pages(pages),
        "running_heads_rule": heads_desc + (("; none on title, contents and part pages" + ("" if st["opening_heads"] else " nor on chapter-opening pages")) if not st["paper_layout"] else "; none on page 1"),
        "folio_format": st["folio"],
        "front_folio_format": st["folio"].replace("{n}", "{r}") if (doc.get("contents") and not st["paper_layout"]) else None,
        "folio_position": pos_desc(st["folio_pos"]) + ("; on chapter-opening pages bottom centre" if st["folio_pos"] == "top-outer" else ""),
        "contents_page": bool(doc.get("contents")),
        "contents_leaders": bool(doc.get("contents")),
        "contents_entry_format": "label title, dot leaders, page number right (two-pass, front matter in roman)",
        "heading_style": hs,
        "title_page": not st["paper_layout"],
        "footnotes": "ms footnotes (\\**), numbered 1, 2, … at the page foot",
        "fonts": {"family": {"T": "Times", "P": "Palatino", "N": "New Century Schoolbook"}[st["family"]]},
        "style": st,
        "pages": pages,
    }
    return pdf, furn


def pos_desc(p):
    return {"bottom-center": "bottom centre", "bottom-outer": "bottom, outer edge (right on odd, left on even)",
            "top-outer": "top, outer edge, with the running head (right on odd, left on even)"}[p]


# ------------------------------------------------------------------ engine: pandoc-lo (CJK)


def pandoc_style(doc):
    e = "pandoc-lo"
    i = doc["id"]
    st = {
        "paper": pick(i, e, "paper", ["a5", "b5", "a4", "us-letter", "a5"]),
        "heads": pick(i, e, "heads", ["title", "chapter", "alternate"]),
        "folio": pick(i, e, "folio", folio_choices(doc)),
        "folio_pos": pick(i, e, "foliopos", ["bottom-center", "bottom-outer", "top-outer"]),
        "chapter_newpage": pick(i, e, "chnp", [True, True, False]),
        "h1_align": pick(i, e, "h1align", ["center", "start"]),
        "latin_font": pick(i, e, "latin", ["Liberation Serif", "DejaVu Serif", "P052"]),
        "cjk_heading_sans": pick(i, e, "cjksans", [True, False]),
        "opening_heads": pick(i, e, "openheads", [False, False, True]),
    }
    return st


MD_ESC = set("\\`*_{}[]()#+-.!<>|~^$\"'@&:=%")


def md_esc(s):
    out = []
    for ch in s:
        if ch in MD_ESC:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def xml_esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def pandoc_markdown(doc, st):
    L = []
    a = L.append
    lang = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "ja": "ja-JP", "en": "en-US"}[doc["language"]]
    contents_title = lang_bits(doc)[3]
    meta = {"title": doc["title"], "lang": lang, "toc-title": contents_title}
    for k in ("subtitle", "author", "date"):
        if doc.get(k):
            meta[k] = doc[k]
    a("---")
    for k, v in meta.items():
        a(f"{k}: {json.dumps(v, ensure_ascii=False)}")
    a("---")
    a("")
    note_n = 0
    notes = []
    blocks = doc["blocks"]
    if doc.get("contents"):
        # the TOC follows the title; the body starts on a new page
        pass
    prev_part = False
    for idx, b in enumerate(blocks):
        t = b["type"]
        style_breaks = t == "heading" and b["level"] == 1 and st["chapter_newpage"]
        want_break = idx == 0 or prev_part or (t == "heading" and (b.get("page_break") or is_part(b)))
        if want_break and not style_breaks:
            a("::: {custom-style=\"Page_20_Break\"}\n\\ \n:::\n")
        prev_part = is_part(b)
        if t == "heading":
            a("#" * b["level"] + " " + md_esc(heading_truth(b)))
            a("")
        elif t == "paragraph":
            refs = ""
            for n in b.get("notes", []):
                note_n += 1
                refs += f"[^{note_n}]"
                notes.append((note_n, n))
            a(md_esc(b["text"]) + refs)
            a("")
        elif t == "quote":
            a("> " + md_esc(b["text"]))
            a("")
        elif t == "list_item":
            txt = (b["marker"] + " " + b["text"]) if b.get("marker") else b["text"]
            a("::: {custom-style=\"List_20_Item\"}")
            a(md_esc(txt))
            a(":::")
            a("")
        elif t == "code":
            fence = "```"
            while fence in b["text"]:
                fence += "`"
            a(fence)
            a(b["text"])
            a(fence)
            a("")
        elif t == "figure":
            a("::: {custom-style=\"Grey_20_Box\"}\n\\ \n:::\n")
            a("::: {custom-style=\"Figure_20_Caption\"}")
            a(md_esc(b["caption"]))
            a(":::")
            a("")
        elif t == "verse":
            a("::: {custom-style=\"Verse\"}")
            for ln in b["lines"]:
                a(md_esc(ln))
                a("")
            a(":::")
            a("")
    for n, text in notes:
        a(f"[^{n}]: {md_esc(text)}")
        a("")
    return "\n".join(L)


def pandoc_reference(st, doc, out_path, ref_src):
    """Patch pandoc's default reference.odt: fonts, page size, header/footer, heading styles."""
    import zipfile
    lang, region, cjks, _ = lang_bits(doc)
    cjk_font = f"Noto Serif CJK {cjks}"
    cjk_sans = f"Noto Sans CJK {cjks}"
    mono = f"Noto Sans Mono CJK {cjks}"
    lat = st["latin_font"]
    W, H = PAPERS[st["paper"]]
    top, side, bot = {"a5": (20, 17, 20), "b5": (22, 20, 22), "a4": (25, 24, 25), "us-letter": (25, 24, 25)}[st["paper"]]
    size = {"a5": 10, "b5": 10.5, "a4": 11, "us-letter": 11}[st["paper"]]
    h1 = {"a5": 16, "b5": 17, "a4": 18, "us-letter": 18}[st["paper"]]
    asian_lang = {"zh-Hans": ("zh", "CN"), "zh-Hant": ("zh", "TW"), "ja": ("ja", "JP"), "en": ("zh", "CN")}[doc["language"]]
    zin = zipfile.ZipFile(ref_src)
    styles = zin.read("styles.xml").decode("utf-8")
    # fonts
    faces = "".join(f'<style:font-face style:name="{n}" svg:font-family="&apos;{n}&apos;" style:font-family-generic="{g}" style:font-pitch="{p}"/>'
                    for n, g, p in ((lat, "roman", "variable"), (cjk_font, "roman", "variable"), (cjk_sans, "swiss", "variable"),
                                    (mono, "modern", "fixed"), ("Liberation Mono", "modern", "fixed")))
    styles = styles.replace("<office:font-face-decls>", "<office:font-face-decls>" + faces, 1)
    styles = re.sub(r'(<style:default-style style:family="paragraph">.*?<style:text-properties)([^>]*?)(/?>)',
                    lambda m: m.group(1) + re.sub(r'style:font-name="[^"]*"', f'style:font-name="{lat}"',
                                                  re.sub(r'style:font-name-asian="[^"]*"', f'style:font-name-asian="{cjk_font}"',
                                                         re.sub(r'fo:font-size="[^"]*"', f'fo:font-size="{size}pt"',
                                                                re.sub(r'style:font-size-asian="[^"]*"', f'style:font-size-asian="{size}pt"',
                                                                       re.sub(r'style:language-asian="[^"]*"', f'style:language-asian="{asian_lang[0]}"',
                                                                              re.sub(r'style:country-asian="[^"]*"', f'style:country-asian="{asian_lang[1]}"', m.group(2))))))) + m.group(3),
                    styles, count=1, flags=re.S)
    # heading family fonts
    hfont = cjk_sans if st["cjk_heading_sans"] else cjk_font
    styles = re.sub(r'(<style:style style:name="Heading" .*?<style:text-properties)([^>]*?)(/?>)',
                    lambda m: m.group(1) + f' style:font-name="{lat}" fo:font-size="14pt" style:font-name-asian="{hfont}" style:font-size-asian="14pt" fo:color="#000000"' + m.group(3),
                    styles, count=1, flags=re.S)
    # replace heading 1-3 definitions
    indent = f"{size * 2}pt"
    h1_break = ('style:master-page-name="Opening"' if not st["opening_heads"] else "") if st["chapter_newpage"] else ""
    h1_break_pp = ' fo:break-before="page"' if (st["chapter_newpage"] and st["opening_heads"]) else ""
    align = st["h1_align"]
    extra = f'''
    <style:style style:name="Page_20_Break" style:display-name="Page Break" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:break-before="page" fo:margin-top="0pt" fo:margin-bottom="0pt" fo:line-height="1pt"/>
      <style:text-properties fo:font-size="1pt" style:font-size-asian="1pt"/>
    </style:style>
    <style:style style:name="List_20_Item" style:display-name="List Item" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-left="{size * 2.5}pt" fo:text-indent="-{size * 1.5}pt" fo:margin-top="1pt" fo:margin-bottom="1pt" fo:text-align="justify"/>
    </style:style>
    <style:style style:name="Verse" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-left="{size * 5}pt" fo:margin-top="0pt" fo:margin-bottom="0pt" fo:text-align="start" fo:text-indent="0pt"/>
    </style:style>
    <style:style style:name="Grey_20_Box" style:display-name="Grey Box" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-left="15%" fo:margin-right="15%" fo:margin-top="8pt" fo:margin-bottom="4pt" fo:padding="{size * 4}pt" fo:background-color="#d6d6d6" fo:keep-with-next="always"/>
    </style:style>
    <style:style style:name="Figure_20_Caption" style:display-name="Figure Caption" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:text-align="center" fo:margin-bottom="8pt"/>
      <style:text-properties fo:font-size="{size - 1}pt" style:font-size-asian="{size - 1}pt"/>
    </style:style>
    <style:style style:name="Header_20_Line" style:display-name="Header Line" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:text-align="center">
        <style:tab-stops><style:tab-stop style:position="{(W - 2 * side) / 10:.2f}cm" style:type="right"/></style:tab-stops>
      </style:paragraph-properties>
      <style:text-properties fo:font-size="{size - 1.5}pt" style:font-size-asian="{size - 1.5}pt"/>
    </style:style>
    <style:style style:name="Header_20_Outer" style:display-name="Header Outer" style:family="paragraph" style:parent-style-name="Header_20_Line">
      <style:paragraph-properties fo:text-align="start" fo:border-bottom="0.5pt solid #000000" fo:padding-bottom="2pt"/>
    </style:style>
    <style:style style:name="Footer_20_Right" style:display-name="Footer Right" style:family="paragraph" style:parent-style-name="Header_20_Line">
      <style:paragraph-properties fo:text-align="end"/>
    </style:style>
    <style:style style:name="Footer_20_Left" style:display-name="Footer Left" style:family="paragraph" style:parent-style-name="Header_20_Line">
      <style:paragraph-properties fo:text-align="start"/>
    </style:style>
'''
    styles = re.sub(r'<style:style style:name="Heading_20_1".*?</style:style>',
                    f'''<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="1" style:class="text" {h1_break}>
      <style:paragraph-properties fo:text-align="{align}" fo:margin-top="{h1 * 2}pt" fo:margin-bottom="{h1}pt"{h1_break_pp}/>
      <style:text-properties fo:font-size="{h1}pt" fo:font-weight="bold" style:font-size-asian="{h1}pt" style:font-weight-asian="bold"/>
    </style:style>''', styles, count=1, flags=re.S)
    styles = re.sub(r'<style:style style:name="Heading_20_2".*?</style:style>',
                    f'''<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text">
      <style:paragraph-properties fo:margin-top="{size * 1.4}pt" fo:margin-bottom="{size * 0.6}pt"/>
      <style:text-properties fo:font-size="{size + 3}pt" fo:font-weight="bold" style:font-size-asian="{size + 3}pt" style:font-weight-asian="bold"/>
    </style:style>''', styles, count=1, flags=re.S)
    styles = re.sub(r'<style:style style:name="Heading_20_3".*?</style:style>',
                    f'''<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="3" style:class="text">
      <style:paragraph-properties fo:margin-top="{size}pt" fo:margin-bottom="{size * 0.4}pt"/>
      <style:text-properties fo:font-size="{size + 1.5}pt" fo:font-weight="bold" style:font-size-asian="{size + 1.5}pt" style:font-weight-asian="bold"/>
    </style:style>''' + extra, styles, count=1, flags=re.S)
    # body text: justified, first-line indent of two characters
    m = re.search(r'<style:style style:name="Text_20_body".*?</style:style>', styles, flags=re.S)
    styles = styles.replace(m.group(0), f"""<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
      <style:paragraph-properties fo:text-align="justify" fo:text-indent="{indent}" fo:margin-top="0pt" fo:margin-bottom="0pt" fo:line-height="145%"/>
    </style:style>""", 1)
    # Title block
    styles = re.sub(r'(<style:style style:name="Title"[^>]*>)', r'\1<style:paragraph-properties fo:margin-top="60pt"/>', styles, count=1)
    # page layout
    pl = (f'<style:page-layout style:name="Mpm1"><style:page-layout-properties fo:page-width="{W}mm" fo:page-height="{H}mm" '
          f'style:num-format="1" style:print-orientation="portrait" fo:margin-top="{top * 0.45:.1f}mm" fo:margin-bottom="{bot * 0.4:.1f}mm" '
          f'fo:margin-left="{side}mm" fo:margin-right="{side}mm" style:writing-mode="lr-tb" style:footnote-max-height="0in">'
          '<style:footnote-sep style:width="0.5pt" style:distance-before-sep="4pt" style:distance-after-sep="4pt" style:line-style="solid" style:adjustment="left" style:rel-width="25%" style:color="#000000"/>'
          '</style:page-layout-properties>'
          f'<style:header-style><style:header-footer-properties fo:min-height="{top * 0.55:.1f}mm" fo:margin-bottom="{top * 0.25:.1f}mm" style:dynamic-spacing="false"/></style:header-style>'
          f'<style:footer-style><style:header-footer-properties fo:min-height="{bot * 0.6:.1f}mm" fo:margin-top="{bot * 0.3:.1f}mm" style:dynamic-spacing="false"/></style:footer-style>'
          '</style:page-layout>')
    styles = re.sub(r'<style:page-layout style:name="Mpm1">.*?</style:page-layout>', pl, styles, count=1, flags=re.S)
    # master pages
    pre, post = st["folio"].split("{n}")
    fol = f'{xml_esc(pre)}<text:page-number text:select-page="current">1</text:page-number>{xml_esc(post)}'
    title = xml_esc(doc["title"])
    chapter = '<text:chapter text:display="name" text:outline-level="1">…</text:chapter>'
    odd_head = {"title": title, "chapter": chapter, "alternate": chapter}[st["heads"]]
    even_head = {"title": title, "chapter": chapter, "alternate": title}[st["heads"]]
    pos = st["folio_pos"]
    even_odd = st["heads"] == "alternate" or pos != "bottom-center"
    if pos == "top-outer":
        header = f'<style:header><text:p text:style-name="Header_20_Outer">{odd_head}<text:tab/>{fol}</text:p></style:header>'
        header_left = f'<style:header-left><text:p text:style-name="Header_20_Outer">{fol}<text:tab/>{even_head}</text:p></style:header-left>'
        footer = footer_left = ""
    else:
        header = f'<style:header><text:p text:style-name="Header_20_Line">{odd_head}</text:p></style:header>'
        header_left = f'<style:header-left><text:p text:style-name="Header_20_Line">{even_head}</text:p></style:header-left>' if even_odd else ""
        if pos == "bottom-center":
            footer = f'<style:footer><text:p text:style-name="Header_20_Line">{fol}</text:p></style:footer>'
            footer_left = ""
        else:
            footer = f'<style:footer><text:p text:style-name="Footer_20_Right">{fol}</text:p></style:footer>'
            footer_left = f'<style:footer-left><text:p text:style-name="Footer_20_Left">{fol}</text:p></style:footer-left>'
    opening_footer = f'<style:footer><text:p text:style-name="Header_20_Line">{fol}</text:p></style:footer>'
    masters = (f'<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Mpm1">{header}{header_left}{footer}{footer_left}</style:master-page>'
               f'<style:master-page style:name="Opening" style:page-layout-name="Mpm1" style:next-style-name="Standard">{opening_footer}</style:master-page>'
               '</office:master-styles>')
    styles = re.sub(r"<office:master-styles>.*?</office:master-styles>", masters, styles, count=1, flags=re.S)
    with zipfile.ZipFile(out_path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "styles.xml":
                data = styles.encode("utf-8")
            zi = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    return (top, bot), even_odd


def build_pandoc_lo(doc, work):
    st = pandoc_style(doc)
    md = pandoc_markdown(doc, st)
    mdp = os.path.join(work, "doc.md")
    with open(mdp, "w", encoding="utf-8") as f:
        f.write(md)
    ref0 = os.path.join(work, "reference-default.odt")
    with open(ref0, "wb") as f:
        f.write(run(["pandoc", "--print-default-data-file", "reference.odt"]).stdout)
    ref = os.path.join(work, "reference.odt")
    margins, even_odd = pandoc_reference(st, doc, ref, ref0)
    odt = os.path.join(work, "doc.odt")
    cmd = ["pandoc", mdp, "-f", "markdown", "-t", "odt", "--reference-doc", ref, "-o", odt]
    if doc.get("contents"):
        cmd += ["--toc", "--toc-depth=3"]
    run(cmd)
    pdf = os.path.join(work, "out.pdf")
    log = lo_export(odt, pdf, doc["id"] + "-pandoc")
    cands = [doc["title"]] + [heading_truth(b) for b in doc["blocks"] if b["type"] == "heading" and b["level"] == 1]
    mm = 72 / 25.4
    # header band: top margin*0.45 + header height; footer band likewise
    pages = scan_furniture(pdf, cands, [st["folio"]], margins[0] * mm + 2, margins[1] * mm + 2)
    heads_desc = {
        "title": "book title on every page",
        "chapter": "LibreOffice chapter field: the current level-1 heading as printed (label and title) on every page",
        "alternate": "chapter field (current level-1 heading, label and title) on odd pages, book title on even pages",
    }[st["heads"]]
    hs = "pandoc Heading 1-3 styles, label and title on one line"
    hs += "; level-1 headings start a new page (page style without head)" if st["chapter_newpage"] else "; no page breaks except page_break headings"
    furn = {
        "engine_version": run(["pandoc", "--version"]).stdout.decode().splitlines()[0] + " → ODT → " + run(["soffice", "--version"]).stdout.decode().strip(),
        "page_size": st["paper"],
        "columns": 1,
        "running_heads": heads_from_pages(pages),
        "running_heads_rule": heads_desc + ("; none on chapter-opening pages" if (st["chapter_newpage"] and not st["opening_heads"]) else "") + "; also on the title/contents pages",
        "folio_format": st["folio"],
        "front_folio_format": None,
        "folio_position": pos_desc(st["folio_pos"]) + ("; on chapter-opening pages bottom centre" if (st["chapter_newpage"] and not st["opening_heads"]) else ""),
        "contents_page": bool(doc.get("contents")) and "indexes updated: 0" not in log,
        "contents_leaders": None,
        "contents_entry_format": "pandoc --toc index updated by LibreOffice (follows the title on page 1)",
        "heading_style": hs,
        "title_page": False,
        "footnotes": "ODT footnotes numbered 1, 2, … at the page foot",
        "fonts": {"latin": st["latin_font"], "cjk": lang_bits(doc)[2]},
        "style": st,
        "pages": pages,
    }
    furn["contents_leaders"] = detect_leaders(pdf) if furn["contents_page"] else False
    return pdf, furn


# ------------------------------------------------------------------ engine: bindery


def grey_png(path, w=480, h=270, level=214):
    import struct
    import zlib
    raw = b"".join(b"\x00" + bytes([level]) * w for _ in range(h))

    def chunk(t, data):
        c = struct.pack(">I", len(data)) + t + data
        return c + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def cm_esc(s):
    """CommonMark: backslash-escape ASCII punctuation that could start markup."""
    out = []
    for ch in s:
        if ch in "\\`*_{}[]<>#|~!":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    t = "".join(out)
    # block starts: list markers, '+', '-', '=', '>' handled above, ordered-list '1.' / '1)'
    t = re.sub(r"^(\s*)([-+=])", r"\1\\\2", t)
    t = re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", t)
    return t


def bindery_style(doc):
    i = doc["id"]
    return {"page_size": pick(i, "bindery", "paper", ["a5", "b5", "a4", "letter", "a5"])}


def bindery_markdown(doc):
    L = []
    a = L.append
    a("---")
    for k in ("title", "subtitle", "author", "date"):
        if doc.get(k):
            a(f"{k}: {json.dumps(doc[k], ensure_ascii=False)}")
    a(f"lang: {json.dumps(doc['language'])}")
    a("---")
    a("")
    notes = []
    blocks = doc["blocks"]
    prev = None
    for b in blocks:
        t = b["type"]
        # a blank line between list items of different kinds keeps the lists apart
        if t == "heading":
            a("#" * b["level"] + " " + cm_esc(heading_truth(b)))
        elif t == "paragraph":
            refs = ""
            for n in b.get("notes", []):
                notes.append(n)
                refs += f"[^{len(notes)}]"
            a(cm_esc(b["text"]) + refs)
        elif t == "quote":
            a("> " + cm_esc(b["text"]))
        elif t == "list_item":
            m = b.get("marker") or ""
            mm = re.fullmatch(r"(\d{1,9})([.)])", m)
            if mm:
                a(f"{mm.group(1)}{mm.group(2)} " + cm_esc(b["text"]))
            elif m in ("•", "-", "*", "·", "●", "○", "▪", "–"):
                a("- " + cm_esc(b["text"]))
            else:
                a(cm_esc((m + " " if m else "") + b["text"]))
        elif t == "code":
            fence = "```"
            while fence in b["text"]:
                fence += "`"
            a(fence)
            a(b["text"])
            a(fence)
        elif t == "figure":
            a(f"![{cm_esc(b['caption'])}](figure-grey.png)")
        elif t == "verse":
            lines = [cm_esc(x) for x in b["lines"]]
            a("\\\n".join(lines))
        a("")
        prev = t
    for k, n in enumerate(notes, 1):
        a(f"[^{k}]: {cm_esc(n)}")
        a("")
    return "\n".join(L)


GENERIC_FOLIOS = ["— {n} —", "- {n} -", "·{n}·", "Page {n}", "第{n}页", "第{n}頁", "{n}頁", "{n}",
                  "— {r} —", "- {r} -", "Page {r}", "{r}"]


def build_bindery(doc, work):
    if not os.path.exists(BINDERY):
        raise RuntimeError("target/release/bindery is missing (cargo build --release)")
    st = bindery_style(doc)
    md = bindery_markdown(doc)
    mdp = os.path.join(work, f"{doc['id']}.md")
    with open(mdp, "w", encoding="utf-8") as f:
        f.write(md)
    grey_png(os.path.join(work, "figure-grey.png"))
    outdir = os.path.join(work, "out")
    os.makedirs(outdir, exist_ok=True)
    cmd = [BINDERY, "convert", mdp, "--to", "pdf", "-o", outdir, "--page-size", st["page_size"]]
    if not doc.get("contents"):
        cmd.append("--no-toc")
    env = dict(BASE_ENV)
    env.setdefault("BINDERY_FONT_DIR", os.path.join(ROOT, "fonts"))
    p = run(cmd, cwd=ROOT, env=env)
    pdf = os.path.join(outdir, f"{doc['id']}.pdf")
    if not os.path.exists(pdf):
        raise RuntimeError("bindery wrote no PDF: " + p.stderr.decode(errors="replace")[-500:])
    # furniture: measured, with generous bands (bindery's margins are its own)
    cands = [doc["title"]]
    for b in doc["blocks"]:
        if b["type"] == "heading" and b["level"] <= 2:
            cands += [heading_truth(b), b["text"], heading_truth(b).upper(), b["text"].upper()]
    info = run(["pdfinfo", pdf]).stdout.decode(errors="replace")
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    hpt = float(m.group(2)) if m else 842
    pages = scan_furniture(pdf, cands, GENERIC_FOLIOS, hpt * 0.12, hpt * 0.12, gap_mode=True)
    # the folio format: the most common format that matched
    counts = {}
    for pg in pages:
        if pg["folio"]:
            for f in GENERIC_FOLIOS:
                if folio_regex(f).search(" " + pg["folio"] + " ") and folio_regex(f).search(" " + pg["folio"] + " ").group(0).strip() == pg["folio"]:
                    counts[f] = counts.get(f, 0) + 1
                    break
    arabic = sorted(((c, f) for f, c in counts.items() if "{n}" in f), reverse=True)
    romanf = sorted(((c, f) for f, c in counts.items() if "{r}" in f), reverse=True)
    txt = run(["pdftotext", "-layout", "-l", "4", pdf, "-"]).stdout.decode("utf-8", errors="replace")
    has_toc = bool(doc.get("contents")) and detect_leaders(pdf)
    furn = {
        "engine_version": run([BINDERY, "--version"]).stdout.decode().strip() + f" ({BINDERY})",
        "page_size": {"letter": "us-letter"}.get(st["page_size"], st["page_size"]),
        "columns": 1,
        "running_heads": heads_from_pages(pages),
        "running_heads_rule": "bindery's own choice; measured from the PDF (see pages)",
        "folio_format": arabic[0][1] if arabic else None,
        "front_folio_format": romanf[0][1] if romanf else None,
        "folio_position": None,
        "contents_page": bool(has_toc) or (bool(doc.get("contents")) and lang_bits(doc)[3] in txt),
        "contents_leaders": bool(has_toc),
        "contents_entry_format": "bindery's printed table of contents",
        "heading_style": "Markdown headings: label and title on one line ('# label title'); bindery's own layout",
        "title_page": None,
        "footnotes": "Markdown footnotes [^n]",
        "style": st,
        "bindery_command": " ".join(os.path.basename(c) if c == BINDERY else c for c in cmd[1:]).replace(work + "/", ""),
        "pages": pages,
    }
    tops = sum(1 for pg in pages if pg["folio"] and pg["top"] and pg["folio"] in pg["top"])
    bots = sum(1 for pg in pages if pg["folio"] and pg["bottom"] and pg["folio"] in pg["bottom"])
    furn["folio_position"] = "top" if tops > bots else ("bottom" if bots else None)
    first = pages[0] if pages else None
    p1 = run(["pdftotext", "-f", "1", "-l", "1", pdf, "-"]).stdout.decode("utf-8", errors="replace")
    furn["title_page"] = doc["title"].replace(" ", "") in p1.replace(" ", "").replace("\n", "") and len(p1.strip()) < 400
    return pdf, furn


# ------------------------------------------------------------------ engine: reportlab

# reportlab's built-in CID fonts: not embedded in the PDF (the viewer supplies the glyphs), as
# in most real reportlab output that sets CJK text.
RL_CID = {"zh-Hans": ("STSong-Light", "STSong-Light"), "zh-Hant": ("MSung-Light", "MSung-Light"),
          "ja": ("HeiseiMin-W3", "HeiseiKakuGo-W5")}
# TrueType CJK fonts (reportlab cannot embed CFF-outline fonts such as Noto CJK): embedded subsets.
RL_TTF_CJK = {"zh-Hans": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
              "zh-Hant": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
              "ja": ("/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", None)}
RL_TTF_LATIN = {
    "Liberation Serif": ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
                         "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
                         "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"),
    "DejaVu Serif": ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
                     "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
                     "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"),
}


def rl_style(doc):
    e = "reportlab"
    i = doc["id"]
    cjk = doc_is_cjk(doc)
    heads = pick(i, e, "heads", ["title", "chapter", "alternate", "alternate-caps"])
    if cjk and heads == "alternate-caps":
        heads = "alternate"
    st = {
        "paper": pick(i, e, "paper", ["a5", "b5", "a4", "us-letter", "a4"]),
        "heads": heads,
        "chapter_head_form": pick(i, e, "chform", ["text", "label+text"]),
        "head_rule": pick(i, e, "hrule", [True, False]),
        "folio": pick(i, e, "folio", folio_choices(doc)),
        "folio_pos": pick(i, e, "foliopos", ["bottom-center", "bottom-outer", "top-outer", "bottom-center"]),
        "heading_style": pick(i, e, "hstyle", ["label-over-title", "label-inline"]),
        "h1_align": pick(i, e, "h1align", ["center", "left"]),
        "h1_size": pick(i, e, "h1size", [15, 17, 20]),
        "chapter_newpage": pick(i, e, "chnp", [True, True, False]),
        "front_roman": pick(i, e, "roman", [True, False]),
        "leaders": pick(i, e, "leaders", [True, True, False]),
        "opening_heads": pick(i, e, "openheads", [False, True]),
        "justify": pick(i, e, "justify", [True, False]),
        "notes": pick(i, e, "notes", ["below-paragraph", "endnotes"]),
        "list_bullets": pick(i, e, "listbul", ["bulletText", "inline"]),
        "head_pos": pick(i, e, "headpos", ["top", "top", "bottom"]),
        "paper_layout": doc_is_paper(doc),
    }
    if st["head_pos"] == "bottom":
        # a footer line: the head at the inner end, the folio at the outer end
        st["folio_pos"] = "bottom-outer"
    if cjk:
        st["cjk_font"] = pick(i, e, "cjkfont", ["cid", "ttf", "cid"])
    else:
        latin = pick(i, e, "latin", ["Times", "Liberation Serif", "DejaVu Serif"])
        # the standard Type 1 Times only has WinAnsi glyphs
        if latin == "Times" and not all(_rl_winansi(s) for s in doc_strings(doc)):
            latin = "Liberation Serif"
        st["latin_font"] = latin
    if st["paper_layout"]:
        st["heads"] = pick(i, e, "pheads", ["title", "alternate"])
        st["chapter_newpage"] = False
        st["heading_style"] = "label-inline"
        st["folio_pos"] = "bottom-center"
        st["h1_size"] = 13
    return st


def _rl_winansi(s):
    try:
        s.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def _rl_fonts(doc, st):
    """Register the fonts; return (body, bold, italic, heading) font names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    if doc_is_cjk(doc):
        lang = doc["language"]
        if st["cjk_font"] == "cid":
            body, head = RL_CID[lang]
            # reportlab declares MSung-Light (Adobe-CNS1) with the CMap UniGB-UCS2-H, which
            # belongs to Adobe-GB1: poppler then finds no font at all and mutool and pdfminer
            # print other characters. The right CMap keeps the text extractable.
            from reportlab.pdfbase import _cidfontdata
            _cidfontdata.defaultUnicodeEncodings["MSung-Light"] = ("cht", "UniCNS-UCS2-H")
            for n in {body, head}:
                pdfmetrics.registerFont(UnicodeCIDFont(n))
            for b in (0, 1):
                for it in (0, 1):
                    addMapping(body, b, it, body)
            return body, body, body, head
        path, idx = RL_TTF_CJK[lang]
        name = "CJK-" + os.path.basename(path).split(".")[0]
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=idx or 0))
        for b in (0, 1):
            for it in (0, 1):
                addMapping(name, b, it, name)
        return name, name, name, name
    if st["latin_font"] == "Times":
        return "Times-Roman", "Times-Bold", "Times-Italic", "Times-Bold"
    reg, bold, ital = RL_TTF_LATIN[st["latin_font"]]
    base = st["latin_font"].replace(" ", "")
    names = (base, base + "-Bold", base + "-Italic")
    for n, p in zip(names, (reg, bold, ital)):
        if n not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(n, p))
    addMapping(base, 0, 0, names[0])
    addMapping(base, 1, 0, names[1])
    addMapping(base, 0, 1, names[2])
    addMapping(base, 1, 1, names[1])
    return names[0], names[1], names[2], names[1]


def rl_esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


RL_FALLBACK_FONT = ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _rl_markup_maker(font_name):
    """Paragraph markup for a string: escaped, and with the characters the embedded TrueType
    font has no glyph for (WenQuanYi Micro Hei lacks superscript digits) set in DejaVu Sans,
    as a careful reportlab user does; reportlab itself would print a blank .notdef glyph and
    the character would be gone from the PDF's text."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        return rl_esc
    have = font.face.charToGlyph
    if RL_FALLBACK_FONT[0] not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(*RL_FALLBACK_FONT))

    def tx(s):
        out = []
        for missing, run in itertools.groupby(s, key=lambda ch: ord(ch) not in have and not ch.isspace()):
            run = rl_esc("".join(run))
            out.append('<font name="%s">%s</font>' % (RL_FALLBACK_FONT[0], run) if missing else run)
        return "".join(out)
    return tx


# reportlab keeps fonts and settings in module globals: one build at a time (do_job runs in threads)
_RL_LOCK = threading.Lock()


def build_reportlab(doc, work):
    with _RL_LOCK:
        return _build_reportlab(doc, work)


def _build_reportlab(doc, work):
    import reportlab
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4, A5, B5, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, FrameBreak, KeepTogether,
                                    NextPageTemplate, PageBreak, PageTemplate, Paragraph, Preformatted,
                                    Spacer)
    from reportlab.platypus.flowables import Flowable, HRFlowable
    from reportlab.platypus.tableofcontents import TableOfContents

    st = rl_style(doc)
    cjk = doc_is_cjk(doc)
    body_font, _bold_font, ital_font, head_font = _rl_fonts(doc, st)
    tx = _rl_markup_maker(body_font)
    pagesize = {"a5": A5, "b5": B5, "a4": A4, "us-letter": letter}[st["paper"]]
    W, H = pagesize
    size = {"a5": 9.5, "b5": 10, "a4": 10.5, "us-letter": 10.5}[st["paper"]]
    if st["paper_layout"]:
        size = {"a5": 8, "b5": 8.5, "a4": 9, "us-letter": 9}[st["paper"]]
    margins_mm = {"a5": (18, 16, 20), "b5": (22, 20, 22), "a4": (25, 22, 25), "us-letter": (25, 24, 25)}[st["paper"]]
    top, side, bottom = (x * mm for x in margins_mm)
    wrap = "CJK" if cjk else None
    lead = size * (1.65 if cjk else 1.3)
    _, _, _, contents_title = lang_bits(doc)

    def ps(name, **kw):
        base = {} if "parent" in kw else dict(fontName=body_font, fontSize=size, leading=lead)
        if wrap:
            base["wordWrap"] = wrap
        base.update(kw)
        return ParagraphStyle(name, **base)

    s_body = ps("body", firstLineIndent=(2 * size if cjk else 1.5 * size), spaceAfter=(0 if not cjk else 2),
                alignment=TA_JUSTIFY if st["justify"] else TA_LEFT)
    s_quote = ps("quote", fontName=(ital_font if not cjk else body_font), leftIndent=8 * mm, rightIndent=8 * mm,
                 spaceBefore=4, spaceAfter=6, fontSize=size - 0.5, leading=lead - 0.5)
    s_list = ps("list", leftIndent=7 * mm, bulletIndent=2 * mm, bulletFontName=body_font, spaceAfter=2)
    s_note = ps("note", fontSize=size - 2, leading=(size - 2) * 1.35, leftIndent=4 * mm, spaceAfter=2)
    s_caption = ps("caption", alignment=TA_CENTER, fontSize=size - 1, leading=(size - 1) * 1.4, spaceAfter=8)
    s_verse = ps("verse", alignment=TA_CENTER if cjk else TA_LEFT, leftIndent=0 if cjk else 14 * mm, spaceAfter=0)
    h1a = TA_CENTER if st["h1_align"] == "center" else TA_LEFT
    s_h = {
        1: ps("h1", fontName=head_font, fontSize=st["h1_size"], leading=st["h1_size"] * 1.35, alignment=h1a,
              spaceBefore=12, spaceAfter=12),
        2: ps("h2", fontName=head_font, fontSize=size + 3, leading=(size + 3) * 1.35, spaceBefore=10, spaceAfter=6),
        3: ps("h3", fontName=head_font, fontSize=size + 1.5, leading=(size + 1.5) * 1.35, spaceBefore=8, spaceAfter=4),
    }
    s_label = ps("label", fontName=head_font, fontSize=st["h1_size"] - 3, leading=(st["h1_size"] - 3) * 1.4,
                 alignment=h1a, spaceBefore=18, spaceAfter=2)
    s_part = ps("part", fontName=head_font, fontSize=st["h1_size"] + 4, leading=(st["h1_size"] + 4) * 1.4,
                alignment=TA_CENTER, spaceBefore=60 * mm)
    s_title = ps("title", fontName=head_font, fontSize=22, leading=30, alignment=TA_CENTER, spaceBefore=50 * mm,
                 spaceAfter=12)
    s_sub = ps("sub", fontSize=size + 3, leading=(size + 3) * 1.5, alignment=TA_CENTER, spaceAfter=20)
    s_ptitle = ps("ptitle", fontName=head_font, fontSize=16, leading=21, alignment=TA_CENTER, spaceAfter=6)
    s_small = ps("small", alignment=TA_CENTER, spaceAfter=4)
    s_head = ps("runhead", fontName=(ital_font if not cjk else body_font), fontSize=size - 1.5)
    s_toc_title = ps("toctitle", fontName=head_font, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=14)

    chapter_levels = {1, 2} if doc_has_parts(doc) else {1}

    class Heading(Paragraph):
        """A heading paragraph that tells the page template what it is (afterFlowable)."""

        def __init__(self, text, style, block, show_label):
            Paragraph.__init__(self, text, style)
            self.block = block
            self.show_label = show_label

    class BodyStart(Flowable):
        def wrap(self, aw, ah):
            return 0, 0

        def draw(self):
            pass

    class GreyBox(Flowable):
        def __init__(self, w, h):
            Flowable.__init__(self)
            self.w, self.h = w, h

        def wrap(self, aw, ah):
            return min(self.w, aw), self.h

        def draw(self):
            self.canv.setFillColor(colors.Color(0.84, 0.84, 0.84))
            self.canv.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
            self.canv.rect(0, 0, self.w, self.h, fill=1)

    state = {}

    class Book(BaseDocTemplate):
        def beforeDocument(self):
            state.clear()
            state.update(body_start=None, chapter=None, openings=set(), last_part_page=None)

        def afterFlowable(self, f):
            if isinstance(f, BodyStart):
                state["body_start"] = self.page
            elif isinstance(f, Heading):
                b = f.block
                if b["level"] in chapter_levels and not is_part(b):
                    s = b["text"] if st["chapter_head_form"] == "text" or not b.get("label") else b["label"] + " " + b["text"]
                    state["chapter"] = s
                    state["openings"].add(self.page)
                if is_part(b):
                    state["chapter"] = None
                n = self.page - (state["body_start"] or 1) + 1
                self.notify("TOCEntry", (b["level"] - 1, tx(heading_truth(b)), n))

    def folio_text(canv, page):
        if state.get("body_start") is None or page < state["body_start"]:
            return None
        return st["folio"].replace("{n}", str(page - state["body_start"] + 1))

    def draw_head_and_folio(canv, d, head, folio, opening):
        canv.saveState()
        pno = d.page
        odd = pno % 2 == 1
        hy = H - top + 5 * mm
        fy = bottom - 10 * mm
        fsize = size - 1
        font = s_head.fontName
        if head and not (opening and not st["opening_heads"]) and st["head_pos"] == "bottom":
            canv.setFont(font, size - 1.5)
            if odd:
                canv.drawString(side, fy, head)
            else:
                canv.drawRightString(W - side, fy, head)
            if st["head_rule"]:
                canv.setLineWidth(0.4)
                canv.line(side, fy + 4 * mm, W - side, fy + 4 * mm)
        elif head and not (opening and not st["opening_heads"]):
            canv.setFont(font, size - 1.5)
            if st["folio_pos"] == "top-outer":
                if odd:
                    canv.drawString(side, hy, head)
                else:
                    canv.drawRightString(W - side, hy, head)
            else:
                canv.drawCentredString(W / 2, hy, head)
            if st["head_rule"]:
                canv.setLineWidth(0.4)
                canv.line(side, hy - 2.5 * mm, W - side, hy - 2.5 * mm)
        if folio:
            # folios in a Latin font unless they hold CJK: the CID fonts' em dash comes back
            # from extractors as U+0336 (Adobe-Japan1) and their middle dot is lost (Adobe-GB1)
            canv.setFont("Times-Roman" if _rl_winansi(folio) else body_font, fsize)
            pos = st["folio_pos"]
            if pos == "top-outer" and opening:
                pos = "bottom-center"
            if pos == "top-outer":
                if odd:
                    canv.drawRightString(W - side, hy, folio)
                else:
                    canv.drawString(side, hy, folio)
            elif pos == "bottom-outer":
                if odd:
                    canv.drawRightString(W - side, fy, folio)
                else:
                    canv.drawString(side, fy, folio)
            else:
                canv.drawCentredString(W / 2, fy, folio)
        canv.restoreState()

    def on_body_page_end(canv, d):
        pno = d.page
        opening = pno in state["openings"]
        chap = state.get("chapter")
        if st["heads"] == "alternate-caps" and chap:
            chap = chap.upper()
        if st["heads"] == "title":
            head = doc["title"]
        elif st["heads"] == "chapter":
            head = chap or doc["title"]
        else:
            head = doc["title"] if pno % 2 == 0 else (chap or doc["title"])
        if st["paper_layout"] and pno == (state.get("body_start") or 1):
            head = None
        draw_head_and_folio(canv, d, head, folio_text(canv, pno), opening)

    def on_front_page_end(canv, d):
        if st["front_roman"]:
            f = st["folio"].replace("{n}", roman(d.page - (1 if title_page else 0)))
            draw_head_and_folio(canv, d, None, f, False)

    title_page = not st["paper_layout"]
    fw = W - 2 * side
    fh = H - top - bottom
    one = Frame(side, bottom, fw, fh, id="one", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    gap = 6 * mm
    cw = (fw - gap) / 2
    templates = [
        PageTemplate("title", [Frame(side, bottom, fw, fh, id="t", leftPadding=0, rightPadding=0)]),
        PageTemplate("front", [Frame(side, bottom, fw, fh, id="f", leftPadding=0, rightPadding=0)],
                     onPageEnd=on_front_page_end),
        PageTemplate("part", [Frame(side, bottom, fw, fh, id="p", leftPadding=0, rightPadding=0)]),
    ]
    if st["paper_layout"]:
        top_h = fh * 0.42
        templates.append(PageTemplate("paperfirst", [
            Frame(side, bottom + fh - top_h, fw, top_h, id="span", leftPadding=0, rightPadding=0),
            Frame(side, bottom, cw, fh - top_h, id="c1", leftPadding=0, rightPadding=0),
            Frame(side + cw + gap, bottom, cw, fh - top_h, id="c2", leftPadding=0, rightPadding=0)],
            onPageEnd=on_body_page_end))
        templates.append(PageTemplate("body", [
            Frame(side, bottom, cw, fh, id="c1", leftPadding=0, rightPadding=0),
            Frame(side + cw + gap, bottom, cw, fh, id="c2", leftPadding=0, rightPadding=0)],
            onPageEnd=on_body_page_end))
    else:
        templates.append(PageTemplate("body", [one], onPageEnd=on_body_page_end))

    if st["paper_layout"]:
        templates.sort(key=lambda p: p.id != "paperfirst")  # page 1 uses the first template
    pdf = os.path.join(work, "out.pdf")
    d = Book(pdf, pagesize=pagesize, pageTemplates=templates, invariant=1, title=doc["title"],
             author=doc.get("author", ""), creator="reportlab", producer="ReportLab PDF Library - www.reportlab.com",
             leftMargin=side, rightMargin=side, topMargin=top, bottomMargin=bottom)

    story = []
    endnotes = []
    note_no = [0]
    if st["paper_layout"]:
        story += [NextPageTemplate("paperfirst"), BodyStart(), Paragraph(tx(doc["title"]), s_ptitle)]
        if doc.get("subtitle"):
            story.append(Paragraph(tx(doc["subtitle"]), s_small))
        for k in ("author", "date"):
            if doc.get(k):
                story.append(Paragraph(tx(doc[k]), s_small))
        story.append(Spacer(1, 6))
        story.append(NextPageTemplate("body"))
    else:
        story += [NextPageTemplate("title"), Paragraph(tx(doc["title"]), s_title)]
        if doc.get("subtitle"):
            story.append(Paragraph(tx(doc["subtitle"]), s_sub))
        for k in ("author", "date"):
            if doc.get(k):
                story.append(Paragraph(tx(doc[k]), s_small))
        if doc.get("contents"):
            story += [NextPageTemplate("front"), PageBreak()]
            toc = TableOfContents()
            toc.dotsMinLevel = 0 if st["leaders"] else 99
            toc.levelStyles = [
                ps("toc1", fontName=head_font, fontSize=size, leading=size * 1.6, leftIndent=0, firstLineIndent=0),
                ps("toc2", fontSize=size - 0.5, leading=size * 1.5, leftIndent=6 * mm, firstLineIndent=0),
                ps("toc3", fontSize=size - 1, leading=size * 1.45, leftIndent=12 * mm, firstLineIndent=0),
            ]
            story += [Paragraph(tx(contents_title), s_toc_title), toc]
        story += [NextPageTemplate("body"), PageBreak(), BodyStart()]

    def code_flowable(text):
        fs = size - 1.5
        cfont = "Courier"
        if not _rl_winansi(text):
            cfont = body_font
        longest = max((stringWidth(l, cfont, fs) for l in text.split("\n")), default=0)
        colw = cw if st["paper_layout"] else fw
        while longest * 1.0 > colw - 8 and fs > 6:
            fs -= 0.5
            longest = max(stringWidth(l, cfont, fs) for l in text.split("\n"))
        cs = ParagraphStyle("code", fontName=cfont, fontSize=fs, leading=fs * 1.3, leftIndent=4,
                            backColor=colors.Color(0.95, 0.95, 0.95), spaceBefore=4, spaceAfter=6)
        return Preformatted(text, cs)

    first_h1 = True
    span_done = False
    blocks = doc["blocks"]
    for bi, b in enumerate(blocks):
        t = b["type"]
        if t == "heading":
            lvl = b["level"]
            if is_part(b) and not st["paper_layout"]:
                story += [NextPageTemplate("part"), PageBreak()]
                if b.get("label"):
                    story.append(Paragraph(tx(b["label"]), s_part))
                    story.append(Heading(tx(b["text"]), ps("partt", parent=s_part, spaceBefore=6), b, True))
                else:
                    story.append(Heading(tx(b["text"]), s_part, b, False))
                story += [NextPageTemplate("body"), PageBreak()]
                first_h1 = True
                continue
            newpage = (b.get("page_break") or (lvl in chapter_levels and st["chapter_newpage"]
                                               and not (lvl == 2 and doc_has_parts(doc) and blocks[bi - 1]["type"] == "heading" and is_part(blocks[bi - 1]))))
            if lvl == 1 and st["paper_layout"] and not span_done and b["text"].strip().lower() != "abstract":
                # the title block and the abstract span both columns; the body starts in column one
                story.append(FrameBreak())
                span_done = True
            if newpage and not first_h1 and not st["paper_layout"]:
                story.append(PageBreak())
            elif not st["paper_layout"]:
                story.append(CondPageBreak(40 * mm))
            first_h1 = False
            style = s_h[lvl]
            if b.get("label") and st["heading_style"] == "label-over-title" and lvl <= 2:
                ls = s_label if lvl == 1 else ps("label2", parent=s_h[2], spaceAfter=0)
                lab = Paragraph(tx(b["label"]), ls)
                story.append(KeepTogether([lab, Heading(tx(b["text"]), ps("h%dt" % lvl, parent=style, spaceBefore=2), b, True)]))
            elif b.get("label"):
                story.append(Heading(tx(b["label"] + " " + b["text"]), style, b, True))
            else:
                story.append(Heading(tx(b["text"]), style, b, False))
        elif t == "paragraph":
            text = tx(b["text"])
            marks = []
            for n in b.get("notes", []):
                note_no[0] += 1
                marks.append(str(note_no[0]))
                text += "<super>%d</super>" % note_no[0]
            story.append(Paragraph(text, s_body))
            notes = [(m, n) for m, n in zip(marks, b.get("notes", []))]
            if notes and st["notes"] == "below-paragraph":
                story.append(HRFlowable(width="25%", thickness=0.4, hAlign="LEFT", spaceBefore=2, spaceAfter=2))
                for m, n in notes:
                    story.append(Paragraph(tx(n), s_note, bulletText=m))
            else:
                endnotes.extend(notes)
        elif t == "quote":
            story.append(Paragraph(tx(b["text"]), s_quote))
        elif t == "list_item":
            m = b.get("marker")
            if m and st["list_bullets"] == "bulletText":
                story.append(Paragraph(tx(b["text"]), s_list, bulletText=m))
            else:
                story.append(Paragraph(tx((m + " " if m else "") + b["text"]), s_list))
        elif t == "code":
            story.append(code_flowable(b["text"]))
        elif t == "figure":
            story.append(Spacer(1, 4))
            story.append(GreyBox((cw if st["paper_layout"] else fw) * 0.8, 28 * mm))
            story.append(Paragraph(tx(b["caption"]), s_caption))
        elif t == "verse":
            for ln in b["lines"]:
                story.append(Paragraph(tx(ln), s_verse))
            story.append(Spacer(1, 6))
    if endnotes:
        story.append(Spacer(1, 10))
        story.append(HRFlowable(width="30%", thickness=0.5, hAlign="LEFT", spaceAfter=4))
        for m, n in endnotes:
            story.append(Paragraph(tx(n), s_note, bulletText=m))

    d.multiBuild(story, maxPasses=10)

    # furniture, measured back from the PDF
    chap = []
    for b in doc["blocks"]:
        if b["type"] == "heading" and b["level"] in chapter_levels and not is_part(b):
            s = b["text"] if st["chapter_head_form"] == "text" or not b.get("label") else b["label"] + " " + b["text"]
            chap += [s, s.upper()]
    cands = [doc["title"]] + ([] if st["heads"] == "title" else chap)
    front_fmt = st["folio"].replace("{n}", "{r}") if (doc.get("contents") and st["front_roman"] and title_page) else None
    fmts = [st["folio"]] + ([front_fmt] if front_fmt else [])
    pages = scan_furniture(pdf, cands, fmts, top - 2, bottom - 2, head_band=st["head_pos"])
    heads_desc = HEADS_DESC[st["heads"]]
    hs = {"label-over-title": "label on its own line above the title (levels 1-2)",
          "label-inline": "label and title on one line"}[st["heading_style"]]
    hs += f"; level-1 {st['h1_align']}-aligned, {st['h1_size']} pt" + ("; level-1 chapters start a new page" if st["chapter_newpage"] else "")
    if doc_has_parts(doc) and not st["paper_layout"]:
        hs += "; parts alone on their own page, no head or folio"
    if st["paper_layout"]:
        hs = "label and title inline; title block and abstract span both columns, body in two Frames"
    fonts = ({"cjk": body_font, "cjk_headings": head_font,
              "embedded": st["cjk_font"] == "ttf"} if cjk else {"latin": st["latin_font"], "embedded": st["latin_font"] != "Times"})
    furn = {
        "engine_version": "reportlab %s (platypus BaseDocTemplate, multiBuild)" % reportlab.Version,
        "page_size": st["paper"],
        "columns": 2 if st["paper_layout"] else 1,
        "running_heads": heads_from_pages(pages),
        "running_heads_rule": heads_desc + ("; none on page 1" if st["paper_layout"] else "; none on the title, contents and part pages" + ("" if st["opening_heads"] else " nor on chapter-opening pages")) + ("; in the footer, on the folio's line, at the inner end" if st["head_pos"] == "bottom" else ""),
        "folio_format": st["folio"],
        "front_folio_format": front_fmt,
        "folio_position": pos_desc(st["folio_pos"]) + ("; on chapter-opening pages bottom centre" if st["folio_pos"] == "top-outer" else ""),
        "contents_page": bool(doc.get("contents")) and title_page,
        "contents_leaders": bool(doc.get("contents")) and title_page and st["leaders"],
        "contents_entry_format": "reportlab TableOfContents: label title, " + ("dot leaders, " if st["leaders"] else "") + "page number at the right margin",
        "heading_style": hs,
        "title_page": title_page,
        "footnotes": {"below-paragraph": "small numbered notes right below the citing paragraph, after a short rule",
                      "endnotes": "small numbered notes at the end of the document, after a short rule"}[st["notes"]],
        "fonts": fonts,
        "style": st,
        "pages": pages,
    }
    return pdf, furn


# ------------------------------------------------------------------ driver

BUILDERS = {
    "bindery": build_bindery,
    "typst": build_typst,
    "libreoffice": build_libreoffice,
    "groff": build_groff,
    "pandoc-lo": build_pandoc_lo,
    "reportlab": build_reportlab,
}


def engine_supports(engine, doc):
    """(ok, reason)"""
    if engine == "groff":
        if doc_is_cjk(doc) or doc_has_any_cjk(doc):
            return False, "groff has no CJK fonts (doc is CJK or contains CJK text); pandoc-lo typesets it instead"
        return True, ""
    if engine == "pandoc-lo":
        if not (doc_is_cjk(doc) or doc_has_any_cjk(doc)):
            return False, "English-only doc: groff is the fourth engine for it"
        return True, ""
    return True, ""


def do_job(doc_path, engine):
    t0 = time.time()
    doc = load_doc(doc_path)
    did = doc["id"]
    work = os.path.join(WORK, f"{did}.{engine}")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for stale in (f"{did}.{engine}.pdf", f"{did}.{engine}.furniture.json"):
        if os.path.exists(os.path.join(PDFDIR, stale)):
            os.unlink(os.path.join(PDFDIR, stale))
    pdf, furn = BUILDERS[engine](doc, work)
    out = os.path.join(PDFDIR, f"{did}.{engine}.pdf")
    shutil.copyfile(pdf, out)
    normalise_pdf_dates(out)
    side = {"doc": did, "engine": engine}
    side.update(furn)
    side["page_count"] = len(furn.get("pages", []))
    with open(os.path.join(PDFDIR, f"{did}.{engine}.furniture.json"), "w", encoding="utf-8") as f:
        json.dump(side, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return did, engine, time.time() - t0, side["page_count"]


def tool_versions():
    v = {}

    def cmd(key, c, pat=None):
        try:
            p = subprocess.run(c, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
            out = p.stdout.decode(errors="replace").strip().splitlines()
            v[key] = out[0] if out else "?"
        except Exception as e:  # noqa
            v[key] = f"unavailable ({e.__class__.__name__})"

    v["python"] = sys.version.split()[0]
    v["typst"] = typst_version()
    import importlib.metadata as md
    for m in ("python-docx", "pypdf", "pdfminer.six", "reportlab"):
        try:
            v[m] = md.version(m)
        except Exception:
            v[m] = "not installed"
    if os.path.exists(BINDERY):
        cmd("bindery", [BINDERY, "--version"])
        v["bindery_binary"] = BINDERY
        with open(BINDERY, "rb") as f:
            v["bindery_binary_sha256"] = hashlib.sha256(f.read()).hexdigest()
        if os.environ.get("BINDERY_SOURCE"):
            v["bindery_source"] = os.environ["BINDERY_SOURCE"]
        try:
            if not os.path.abspath(BINDERY).startswith(ROOT + os.sep):
                raise RuntimeError("a binary from outside this checkout: its source is bindery_source")
            v["bindery_git_head"] = subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], stdout=subprocess.PIPE).stdout.decode().strip()
            dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock"], stdout=subprocess.PIPE).stdout.decode().strip()
            v["bindery_worktree_src_modified"] = bool(dirty)
        except Exception:
            pass
    cmd("libreoffice", ["soffice", "--version"])
    cmd("groff", ["groff", "--version"])
    cmd("ghostscript", ["gs", "--version"])
    cmd("pandoc", ["pandoc", "--version"])
    cmd("poppler", ["pdftotext", "-v"])
    try:
        out = subprocess.run(["fc-list", ":", "family", "file"], stdout=subprocess.PIPE).stdout.decode()
        fams = sorted(set(l.split(":")[1].strip() for l in out.splitlines() if ":" in l and
                          any(x in l for x in ("Noto Serif CJK", "Noto Sans CJK", "Noto Sans Mono CJK", "Liberation", "DejaVu", "P052", "C059", "Nimbus Roman", "WenQuanYi Micro Hei", "IPAMincho"))))
        v["fonts"] = fams
    except Exception:
        pass
    try:
        out = subprocess.run(["dpkg-query", "-W", "fonts-noto-cjk", "fonts-liberation2", "fonts-dejavu-core", "fonts-urw-base35", "fonts-wqy-microhei", "fonts-ipafont-mincho"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode()
        v["font_packages"] = dict(l.split("\t") for l in out.splitlines() if "\t" in l)
    except Exception:
        pass
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", help="comma-separated doc ids (default: all in corpus/docs)")
    ap.add_argument("--engines", help="comma-separated engines (default: all): " + ",".join(ENGINES))
    ap.add_argument("--docs-dir", default=DOCS, help="where the source JSON docs are")
    ap.add_argument("--jobs", type=int, default=2, help="parallel jobs (at most 2)")
    ap.add_argument("--bindery", help="bindery binary (default: $BINDERY_BIN or target/release/bindery)")
    a = ap.parse_args()
    global BINDERY
    if a.bindery:
        BINDERY = os.path.abspath(a.bindery)
    engines = a.engines.split(",") if a.engines else ENGINES
    for e in engines:
        if e not in BUILDERS:
            ap.error(f"unknown engine {e}")
    paths = sorted(os.path.join(a.docs_dir, f) for f in os.listdir(a.docs_dir) if f.endswith(".json"))
    if a.docs:
        want = a.docs.split(",")
        paths = [p for p in paths if os.path.splitext(os.path.basename(p))[0] in want]
        missing = set(want) - {os.path.splitext(os.path.basename(p))[0] for p in paths}
        if missing:
            ap.error(f"no such docs: {sorted(missing)}")
    os.makedirs(PDFDIR, exist_ok=True)
    os.makedirs(WORK, exist_ok=True)
    t0 = time.time()
    jobs, skips, failures, done = [], [], [], []
    for p in paths:
        try:
            doc = load_doc(p)
        except Exception as ex:
            failures.append((os.path.basename(p), "-", f"invalid doc: {ex}"))
            continue
        for e in engines:
            ok, why = engine_supports(e, doc)
            if ok:
                jobs.append((p, e))
            else:
                skips.append((doc["id"], e, why))
    if "bindery" in engines and not os.path.exists(BINDERY):
        print("bindery binary missing: building it (cargo build --release)", flush=True)
        b = subprocess.run(["cargo", "build", "--release"], cwd=ROOT)
        if b.returncode != 0 or not os.path.exists(BINDERY):
            print("bindery did not build: its jobs will fail", flush=True)
    # LibreOffice jobs first so they do not all queue at the end
    order = {"libreoffice": 0, "pandoc-lo": 1, "bindery": 2, "groff": 3, "typst": 4, "reportlab": 5}
    jobs.sort(key=lambda j: (order.get(j[1], 9), j[0]))
    with cf.ThreadPoolExecutor(max_workers=max(1, min(2, a.jobs))) as ex:
        futs = {ex.submit(do_job, p, e): (p, e) for p, e in jobs}
        for fu in cf.as_completed(futs):
            p, e = futs[fu]
            did = os.path.splitext(os.path.basename(p))[0]
            try:
                _, _, dt, n = fu.result()
                done.append((did, e, dt, n))
                print(f"ok   {did:28s} {e:12s} {n:3d} pages {dt:6.1f}s", flush=True)
            except Exception as exn:
                failures.append((did, e, f"{exn.__class__.__name__}: {exn}"))
                print(f"FAIL {did:28s} {e:12s} {exn}", flush=True)
    tv = tool_versions()
    old_tools = os.path.join(BUILD, "tools.json")
    if "bindery" not in engines and os.path.exists(old_tools):
        # a run without the bindery engine keeps the record of the binary that made its PDFs
        with open(old_tools, encoding="utf-8") as f:
            prev = json.load(f)
        tv = {k: (prev[k] if k.startswith("bindery") and k in prev else v) for k, v in tv.items()}
        keys = list(tv)
        at = keys.index("reportlab") + 1 if "reportlab" in keys else len(keys)
        missing = [(k, v) for k, v in prev.items() if k.startswith("bindery") and k not in tv]
        tv = dict(list(tv.items())[:at] + missing + list(tv.items())[at:])
    with open(os.path.join(BUILD, "tools.json"), "w", encoding="utf-8") as f:
        json.dump(tv, f, ensure_ascii=False, indent=1)
        f.write("\n")
    report = {"elapsed_s": round(time.time() - t0, 1),
              "produced": sorted([d, e, n] for d, e, _, n in done),
              "skipped": sorted(list(x) for x in skips),
              "failed": sorted(list(x) for x in failures)}
    with open(os.path.join(BUILD, "typeset-report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for d, e, why in skips:
        print(f"skip {d:28s} {e:12s} {why}")
    print(f"{len(done)} PDFs, {len(skips)} skipped, {len(failures)} failed, {report['elapsed_s']}s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
