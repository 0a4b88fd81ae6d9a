"""Shared helpers for the case generators (tests/cases/<case>/make.py).

Each make.py builds the expected document (title + blocks) by hand, renders it
into the bytes an extraction tool would give (input.txt), and records where it
broke paragraphs (hard wraps, page breaks, hyphens) so that truth.json's
`joins` are spans that really were split in the input.

Everything here is deterministic: no randomness, no clock.
"""
from __future__ import annotations

import json
import os
import unicodedata

# Characters that may not start a line (gyōtō kinsoku) and may not end one (gyōmatsu).
NO_START = set("。、，．,.)）」』】〕〉》！？!?：；:;・ー…—～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々”’％%")
NO_END = set("（(「『【〔〈《“‘")


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


class Tracker:
    """Records, per paragraph, the offsets where the paragraph text was broken."""

    def __init__(self):
        self.breaks = []  # (para_text, offset, kind) kind: 'wrap' | 'page' | 'hyphen'

    def add(self, text, offset, kind):
        self.breaks.append((text, offset, kind))


def wrap_cjk(text: str, width: int, first: int | None = None, unbreakable=None) -> list[str]:
    """Break CJK text into lines of at most `width` full-width cells (a Latin
    letter or digit takes half a cell, as in a typeset page), honouring kinsoku:
    a line never starts with closing punctuation and never ends with opening
    punctuation. `first` is the first line's measure when it differs (an
    indent); `unbreakable(ch)` marks characters that may not be parted from
    their neighbours of the kind (`1,234` kept whole, as Word sets it).
    Returns the lines; ''.join(lines) == text."""
    lines = []
    i = 0
    n = len(text)
    measure = width if first is None else first
    while i < n:
        j, cells = i, 0
        while j < n and cells + (2 if is_wide(text[j]) else 1) <= 2 * measure:
            cells += 2 if is_wide(text[j]) else 1
            j += 1
        if j < n:
            # push back while the next line would start with a no-start char
            # or this line would end with a no-end char
            k = j
            while k > i + 1 and (text[k] in NO_START or text[k - 1] in NO_END
                                 or (unbreakable is not None and unbreakable(text[k - 1]) and unbreakable(text[k]))):
                k -= 1
            j = k
        lines.append(text[i:j])
        i = j
        measure = width
    return lines


def wrap_words(text: str, width: int, hyphenate: dict | None = None, first_indent: int = 0):
    """Greedy word wrap. `hyphenate` maps a word to a split point (e.g.
    {"blistered": 4} -> "blis-" / "tered"); such a word, if it does not fit,
    is broken there with a hyphen. U+00AD marks allowed break points inside a
    word of `text`: when the word does not fit, it is broken at the last such
    point whose head fits (a hyphen is added unless the head already ends with
    one: "door-\u00adnail" breaks as "door-" / "nail"); U+00AD is not part of
    the paragraph text.
    Compound words with a real hyphen may also break after their hyphen when
    the word does not fit.
    Returns (lines, breaks): breaks are (offset, kind) in the paragraph text
    without U+00AD, kind 'wrap' (offset = the space), 'hyphen' (soft hyphen
    removed) or 'compound' (hard hyphen kept); breaks[k] is the break after
    lines[k]."""
    hyphenate = hyphenate or {}
    words = text.split(" ")
    lines = []
    breaks = []
    cur = ""
    pos = 0  # offset in the clean text of the start of the current word
    avail = width - first_indent

    def emit(line, brk):
        nonlocal avail
        lines.append(line)
        breaks.append(brk)
        avail = width

    for w in words:
        clean = w.replace("\u00ad", "")
        if "\u00ad" in w:
            full = clean if not cur else cur + " " + clean
            if len(full) > avail:
                best = None
                for i, ch in enumerate(w):
                    if ch != "\u00ad":
                        continue
                    csp = len(w[:i].replace("\u00ad", ""))
                    head = clean[:csp] + ("" if clean[csp - 1] == "-" else "-")
                    c2 = head if not cur else cur + " " + head
                    if len(c2) <= avail:
                        best = (c2, csp)
                if best:
                    c2, csp = best
                    emit(c2, (pos + csp, "compound" if clean[csp - 1] == "-" else "hyphen"))
                    cur = clean[csp:]
                    pos += len(clean) + 1
                    continue
        cand = clean if not cur else cur + " " + clean
        if len(cand) <= avail:
            cur = cand
        else:
            core = clean.strip(".,;:!?\"'()“”‘’")
            lead = clean.index(core) if core else 0
            done = False
            if core in hyphenate:
                sp = lead + hyphenate[core]
                head = clean[:sp] + "-"
                c2 = head if not cur else cur + " " + head
                if len(c2) <= avail:
                    emit(c2, (pos + sp, "hyphen"))
                    cur = clean[sp:]
                    done = True
            if not done and "-" in clean[:-1]:
                sp = clean.index("-") + 1
                head = clean[:sp]
                c2 = head if not cur else cur + " " + head
                if len(c2) <= avail:
                    emit(c2, (pos + sp, "compound"))
                    cur = clean[sp:]
                    done = True
            if not done:
                if cur:
                    emit(cur, (pos - 1, "wrap"))  # the space before this word
                cur = clean
        pos += len(clean) + 1
    if cur:
        lines.append(cur)
    return lines, breaks


def span_cjk(text: str, off: int, before: int = 7, after: int = 7) -> str:
    return text[max(0, off - before):off + after]


def span_words(text: str, off: int, nb: int = 2, na: int = 2, kind: str = "wrap") -> str:
    """A span of ~nb words before and ~na words after the break at `off`."""
    # for a 'wrap' break, off is the index of the space; otherwise the split point inside a word
    left = text[:off]
    right = text[off:] if kind != "wrap" else text[off + 1:]
    lw = left.split(" ")
    rw = right.split(" ")
    lpart = " ".join(lw[-nb:]) if kind == "wrap" else " ".join(lw[-(nb + 1):])
    rpart = " ".join(rw[:na]) if kind == "wrap" else " ".join(rw[:na + 1])
    return (lpart + " " + rpart) if kind == "wrap" else (lpart + rpart)


def paginate(lines, per_page: int) -> list:
    """Cut (text, ...) line items into pages of `per_page` lines; a page never starts with a blank line."""
    pages, cur = [], []
    for item in lines:
        if not cur and item[0] == "":
            continue
        cur.append(item)
        if len(cur) == per_page:
            pages.append(cur)
            cur = []
    if cur:
        pages.append(cur)
    return pages


def pick_joins(cands, k=8):
    """cands: list of (priority, span). Keep all priority-0 ones (page breaks,
    hyphens), then evenly spaced others, up to k; unique spans only."""
    seen, out = set(), []
    first = [s for p, s in cands if p == 0]
    rest = [s for p, s in cands if p != 0]
    for s in first:
        if s not in seen and len(out) < k:
            seen.add(s)
            out.append(s)
    if rest and len(out) < k:
        step = max(1, len(rest) // (k - len(out)))
        for s in rest[::step]:
            if s not in seen and len(out) < k:
                seen.add(s)
                out.append(s)
    return out


def pick_by_category(cands, quotas, total=None):
    """cands: list of (category, span). Take, category by category in the
    order of `quotas` ([(category, n)]), up to n evenly spaced spans not taken
    yet; n None fills up to `total`."""
    joins, seen = [], set()
    for cat, n in quotas:
        if n is None:
            n = max(0, total - len(joins))
        got = [s for c, s in cands if c == cat and s not in seen]
        step = max(1, len(got) // n) if n else 1
        for s in got[::step][:n]:
            seen.add(s)
            joins.append(s)
    return joins


def write_case(case_dir, *, title, blocks, input_text, encoding, language, joins,
               must_not_appear, notes, samples_idx, title_alt=None, newline="\n",
               py_encoding=None, bom=False):
    """Write expected.json, truth.json and input.txt (encoded)."""
    exp = {"title": title, "blocks": blocks}
    heads = [{"level": b["level"], "text": b["text"]} for b in blocks if b["type"] == "heading"]
    paras = [b["text"] for b in blocks if b["type"] != "heading"]
    sample = [paras[i] for i in samples_idx]
    # sanity: every join must be inside one expected block, every artifact absent from the expected blocks
    import re
    flat = [re.sub(r"\s+", "", b["text"]) for b in blocks]
    for j in joins:
        assert any(re.sub(r"\s+", "", j) in f for f in flat), ("join not in expected", j)
    for a in must_not_appear:
        for b in blocks:
            if a.startswith("re:"):
                assert not re.search(a[3:], b["text"], re.M), ("artifact in expected", a, b["text"][:40])
            else:
                assert a not in b["text"], ("artifact in expected", a, b["text"][:40])
    truth = {"title": title}
    if title_alt:
        truth["title_alt"] = title_alt
    truth.update({
        "language": language,
        "encoding": encoding,
        "headings": heads,
        "paragraph_count": len(paras),
        "paragraphs_sample": sample,
        "joins": joins,
        "must_not_appear": must_not_appear,
        "notes": notes,
        "expected_document": "expected.json",
    })
    with open(os.path.join(case_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(case_dir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    text = input_text.replace("\n", newline)
    data = text.encode(py_encoding or encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(case_dir, "input.txt"), "wb") as f:
        f.write(data)
    return truth
