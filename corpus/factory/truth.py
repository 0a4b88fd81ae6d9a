#!/usr/bin/env python3
"""Derive each case's expected.json and truth.json from its source document and its input.txt.

    python3 corpus/factory/truth.py [--cases corpus/cases] [--filter SUBSTR]

A case folder is corpus/cases/<id>.<engine>.<extractor>/ with input.txt (written by
extract.py); the source is corpus/docs/<id>.json and the page furniture the typesetter printed
is corpus/build/pdf/<id>.<engine>.furniture.json.

expected.json  the source in the scorer's document form: the title and the blocks per
               FORMAT.md's "in the truth" column (the same for every case of one document).
truth.json     title, language, encoding, headings, paragraph_count, and, from the actual input:
  paragraphs_sample  the paragraph-level blocks whose text the input still holds: every
                     non-space character in order (letters, digits and punctuation; the word
                     spaces of Latin text), allowing line breaks, page furniture lines, form
                     feeds, white space next to CJK characters and an end-of-line hyphen in
                     between, and starting and ending on a line of its own (an extractor that
                     glues it to other text or interleaves columns destroyed it). Blocks with a
                     footnote mark and the footnote texts are left out; the `factory` key
                     counts what was left out and why.
  joins              a span of truth text around each place where the input breaks one of
                     those paragraphs across lines (page breaks first), up to 20.
  must_not_appear    the printed running heads, folios and contents leader lines, each
                     checked against the truth: none may fire on expected.json.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import plaintext  # noqa: E402
CORPUS = os.path.dirname(HERE)
MAX_JOINS = 20

# the scorer's notion of CJK (white space next to these is ignored)
CJK = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_CHAR = re.compile("[%s]" % CJK)
CJK_SPACE = re.compile(r"\s+(?=[%s])|(?<=[%s])\s+" % (CJK, CJK))
HYPHENS = "-\u00ad\u2010\u2011"
LATIN_RUN = re.compile(r"[0-9A-Za-z\u00c0-\u024f.,%]")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
             "\ufb06": "st"}


def pnorm(s):
    """The scorer's paragraph normalisation."""
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()
    return CJK_SPACE.sub("", s)


def is_cjk(ch):
    return bool(CJK_CHAR.match(ch))


def load_json(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def dump_json(obj, p):
    data = json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    with open(p, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)


# ----------------------------------------------------------------- expected document
def marker_join(marker, text):
    if not marker:
        return text
    return marker + ("" if is_cjk(marker[-1]) else " ") + text


def expected_document(doc):
    """(expected, meta): expected = {"title", "blocks"}; meta[i] says where block i came from."""
    blocks, meta = [], []

    def add(block, kind, src, **kw):
        blocks.append(block)
        meta.append(dict(kind=kind, src=src, **kw))

    for i, b in enumerate(doc["blocks"]):
        t = b["type"]
        if t == "heading":
            text = (b["label"] + " " + b["text"]) if b.get("label") else b["text"]
            add({"type": "heading", "level": int(b["level"]), "text": text}, "heading", i)
        elif t == "paragraph":
            notes = b.get("notes") or []
            add({"type": "paragraph", "text": b["text"]}, "paragraph", i, has_notes=bool(notes))
            for n in notes:
                add({"type": "paragraph", "text": n}, "note", i)
        elif t == "quote":
            add({"type": "paragraph", "text": b["text"]}, "quote", i)
        elif t == "list_item":
            add({"type": "list_item", "text": marker_join(b.get("marker"), b["text"])}, "list_item", i)
        elif t == "code":
            add({"type": "code", "text": b["text"]}, "code", i)
        elif t == "figure":
            add({"type": "paragraph", "text": b["caption"]}, "figure", i)
        elif t == "verse":
            for ln in b["lines"]:
                add({"type": "paragraph", "text": ln}, "verse", i)
        else:
            raise ValueError("%s: unknown block type %r" % (doc["id"], t))
    return {"title": doc["title"], "blocks": blocks}, meta


# ----------------------------------------------------------------- furniture patterns
def flex(s):
    """Regex for s with any white space run flexible (and optional next to CJK)."""
    out = []
    toks = re.split(r"(\s+)", s.strip())
    for k, tok in enumerate(toks):
        if not tok:
            continue
        if tok.isspace():
            out.append(r"\s*")
        else:
            out.append(re.escape(tok))
    return "".join(out)


DASHES = "\u2014\u2013\u2012\u2212\u2015-"


ARABIC = r"\d{1,4}"
ROMAN = r"(?:[ivxlcdm]{1,7}|[IVXLCDM]{1,7})"


def folio_regexes(fmt):
    """Candidate regexes (broad to narrow) for the printed folio form, e.g. '— {n} —' or '{r}'."""
    if not fmt or ("{n}" not in fmt and "{r}" not in fmt):
        return []
    key = "{n}" if "{n}" in fmt else "{r}"
    num = ARABIC if key == "{n}" else ROMAN
    pre, post = fmt.split(key, 1)

    def part(s, dashflex):
        r = []
        for ch in s:
            if ch.isspace():
                r.append(r"\s*")
            elif dashflex and ch in DASHES:
                r.append("[%s]" % re.escape(DASHES))
            else:
                r.append(re.escape(ch))
        return "".join(r)

    if not pre.strip() and not post.strip():
        # a bare number: only a block that consists of nothing but the number
        return [r"\A\s*%s\s*\Z" % num]
    cands = []
    for dashflex in (True, False):
        cands.append(part(pre, dashflex) + r"\s*" + num + r"\s*" + part(post, dashflex))
    # narrowest: the folio must stand apart from other text
    cands.append(r"(?<!\S)" + part(pre, False) + r"\s*" + num + r"\s*" + part(post, False) + r"(?!\S)")
    seen, out = set(), []
    for c in cands:
        c = re.sub(r"(\\s\*)+", lambda m: r"\s*", c)
        if c not in seen:
            seen.add(c)
            out.append(c)
    return out


def folio_formats(furn):
    return [f for f in (furn.get("folio_format"), furn.get("front_folio_format")) if f]


def leader_regexes():
    lead = r"[\s\u2060]*\d{1,4}"
    return [r"(?:\.\s?){4,}" + lead, r"(?:…\s?){2,}" + lead, r"(?:·\s?){4,}" + lead,
            r"(?:・\s?){4,}" + lead, r"(?:．\s?){4,}" + lead, r"(?:⋯\s?){2,}" + lead]


def fires(entry, blocks):
    """Leak count of one must_not_appear entry over blocks, exactly as the scorer counts it."""
    if entry.startswith("re:"):
        rx = re.compile(entry[3:], re.M)
        return sum(max(len(rx.findall(b["text"])), len(rx.findall(pnorm(b["text"])))) for b in blocks)
    return sum(pnorm(b["text"]).count(pnorm(entry)) for b in blocks)


def head_entries(head, expected):
    """must_not_appear entries for one printed running head; [] when no safe pattern exists.

    A head that is nowhere in the truth is a plain string. One that equals the title, a
    heading or a phrase of the text becomes a regex that fires only when the head stands next
    to other text on a line, except where the truth itself has it in that context (checked
    with fixed lookbehinds, so the scorer's substitution removes only the head itself)."""
    blocks = expected["blocks"]
    h = pnorm(head)
    if not h:
        return []
    legit = [b["text"] for b in blocks if h in pnorm(b["text"])]
    if not legit and h not in pnorm(expected["title"]):
        return [head]
    fh = flex(head)
    excl = []
    for t in legit:
        for form in (t, pnorm(t)):
            for m in re.finditer(fh, form):
                run = re.search(r"(\S{0,4})(\s*)$", form[:m.start()])
                before, sp = run.group(1), run.group(2)
                after = "".join(ch for ch in form[m.end():] if not ch.isspace())[:4]
                ahead = (r"\s*" + flex(" ".join(after))) if after else r"\s*\Z"
                if not before:
                    behinds = [r"(?<![\s\S])"] if not sp and m.start() == 0 else [r"(?<=\s)"]
                else:
                    behinds = ["(?<=%s)" % re.escape(before), "(?<=%s)" % re.escape(before + " ")]
                for bh in behinds:
                    x = "(?!%s%s(?=%s))" % (bh, fh, ahead)
                    if x not in excl:
                        excl.append(x)
    ex = "".join(excl)
    pattern = r"(?:(?<=\S)[^\S\n]*%s%s|%s%s(?=[^\S\n]*\S))" % (ex, fh, ex, fh)
    probe_para = next((b["text"] for b in blocks if b["type"] != "heading" and h not in pnorm(b["text"])), "text")
    e = "re:" + pattern
    if fires(e, blocks) == 0 and fires(e, [{"text": head + " " + probe_para}]) > 0 \
            and fires(e, [{"text": probe_para + " " + head}]) > 0:
        return [e]
    return []


def toc_line_regex(expected):
    heads = sorted({b["text"] for b in expected["blocks"] if b["type"] == "heading"}, key=lambda x: (-len(x), x))
    if not heads:
        return None
    return r"^\s*(?:%s)[^\S\n]+[\u2060]?\d{1,4}\s*$" % "|".join(flex(h) for h in heads)


def must_not_appear(expected, furn):
    entries, dropped = [], []

    def consider(entry, why):
        if entry in entries:
            return
        if fires(entry, expected["blocks"]) == 0:
            entries.append(entry)
        else:
            dropped.append({"entry": entry, "why": why + " (fires on the truth)"})

    for head in furn.get("running_heads") or []:
        es = head_entries(head, expected)
        if es:
            for e in es:
                consider(e, "running head")
        else:
            dropped.append({"entry": head, "why": "running head equal to legitimate text; no safe pattern"})
    for fmt in folio_formats(furn):
        fc = folio_regexes(fmt)
        for c in fc:
            e = "re:" + c
            if fires(e, expected["blocks"]) == 0:
                if e not in entries:
                    entries.append(e)
                break
        else:
            if fc:
                dropped.append({"entry": fmt, "why": "folio: every pattern fires on the truth"})
    for s in furn.get("boilerplate") or []:
        consider(s, "e-text boilerplate")
    if furn.get("contents_page"):
        if furn.get("contents_leaders", True):
            for c in leader_regexes():
                consider("re:" + c, "contents leaders")
        t = toc_line_regex(expected)
        if t:
            consider("re:" + t, "contents line without leaders")
    return entries, dropped


# ----------------------------------------------------------------- the input, cleaned
PB = "\x0b"  # marks a page break (form feed or removed furniture) in the cleaned input; \s matches it


def map_chars(text):
    text = unicodedata.normalize("NFC", text).translate(ZERO_WIDTH)
    out = []
    for ch in text:
        if ch in LIGATURES:
            out.append(LIGATURES[ch])
        elif "\u2f00" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" or "\u2e80" <= ch <= "\u2eff":
            out.append(unicodedata.normalize("NFKC", ch))  # Kangxi radicals, compatibility ideographs
        else:
            out.append(ch)
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def furniture_line_rx(furn):
    """Matches the pieces of a page's furniture: running heads, folios, and the exact strings
    the typesetter found in each page's top and bottom bands."""
    heads = [h for h in furn.get("running_heads") or [] if h.strip()]
    parts = [flex(h) for h in heads]
    folios = []
    for fmt in folio_formats(furn):
        c = folio_regexes(fmt)[:1]
        if c and not c[0].startswith(r"\A"):   # bare numbers: see BARE in clean_input
            folios.append(c[0])
    parts += folios
    # the exact pieces printed in the page bands, when they hold a head or a folio (a band can
    # also catch a footnote, which is not furniture)
    for p in furn.get("pages") or []:
        for band in (p.get("top"), p.get("bottom")):
            for piece in re.split(r" \| |  +", band or ""):
                piece = piece.strip()
                if piece and (any(pnorm(h) in pnorm(piece) for h in heads)
                              or any(re.fullmatch(r"[^\w]*(?:%s)[^\w]*" % f, piece) for f in folios)):
                    parts.append(flex(piece))
    parts = sorted(set(parts), key=lambda x: (-len(x), x))
    return re.compile("(?:%s)" % "|".join("(?:%s)" % p for p in parts)) if parts else None


BARE = re.compile(r"\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7}")


def clean_input(text, furn, drop_numbers):
    """The input with page furniture lines replaced by a page-break mark, and form feeds too.
    A furniture line holds nothing but running heads and folios (a bare number beside a head
    counts); a line of nothing but a bare number or roman numeral counts only with drop_numbers."""
    rx = furniture_line_rx(furn)
    out = []
    for ln in text.replace("\f", "\n" + PB + "\n").split("\n"):
        s = ln.strip()
        if s and s != PB:
            rest = rx.sub("", s).strip() if rx is not None else s
            if not rest or (BARE.fullmatch(rest) and (drop_numbers or rest != s)):
                out.append(PB)
                continue
        out.append(ln)
    return "\n".join(out)


# ----------------------------------------------------------------- matching a paragraph
def nonspace_positions(t):
    return [k for k, ch in enumerate(t) if not ch.isspace()]


def paragraph_regex(t, allow_mark=False):
    pos = nonspace_positions(t)
    parts = []
    for n, k in enumerate(pos):
        ch = t[k]
        if n:
            p = t[pos[n - 1]]
            spaced = k - pos[n - 1] > 1
            if is_cjk(p) or is_cjk(ch):
                parts.append(r"\s*")
            elif spaced:
                parts.append(r"\s+")
            else:
                parts.append(r"(?:[%s]?[^\S\n]*\n\s*)?" % re.escape(HYPHENS))
        parts.append(re.escape(ch))
    tail = r"(?:[^\S\n]*[0-9¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]{1,3})?" if allow_mark else ""
    return re.compile(r"(?m)^[^\S\n]*" + "".join(parts) + tail + r"[^\S\n]*$")


def alnum_seq(s):
    return "".join(ch for ch in s if unicodedata.category(ch)[0] in "LN")


def interrupted(a, hay):
    """True when a is in hay as two pieces in order (its longest leading piece, then the rest)."""
    lo, hi = 0, len(a)
    while lo < hi:                      # longest prefix of a that hay holds
        mid = (lo + hi + 1) // 2
        if a[:mid] in hay:
            lo = mid
        else:
            hi = mid - 1
    if lo < 4 or lo >= len(a):
        return False
    rest = a[lo:]
    k = hay.find(a[:lo])
    while k >= 0:
        if hay.find(rest, k + lo) >= 0:
            return True
        k = hay.find(a[:lo], k + 1)
    return False


def breaks_in_match(t, cleaned, start, end):
    """Walk the match: for each pair of consecutive non-space truth characters that the input
    separates by a line break, yield (truth index of the second, is_page_break)."""
    pos = nonspace_positions(t)
    j = start
    out = []
    for n, k in enumerate(pos):
        ch = t[k]
        gap_start = j
        while j < end and cleaned[j] != ch:
            j += 1
        if j >= end:
            break
        gap = cleaned[gap_start:j]
        if n and "\n" in gap:
            out.append((k, PB in gap))
        j += 1
    return out


def join_span(t, k):
    """Truth text around a break before index k: 6 characters each side next to CJK, 2 words in Latin."""
    pos = nonspace_positions(t)
    idx = pos.index(k)
    prev = pos[idx - 1]
    if is_cjk(t[prev]) or is_cjk(t[k]):
        a = pos[max(0, idx - 6)]
        b = pos[min(len(pos) - 1, idx + 5)] + 1
        # never cut a Latin word or a number in two
        while a > 0 and LATIN_RUN.match(t[a - 1]) and LATIN_RUN.match(t[a]):
            a -= 1
        while b < len(t) and LATIN_RUN.match(t[b - 1]) and LATIN_RUN.match(t[b]):
            b += 1
        return t[a:b]
    left = t[:prev + 1]
    m = re.search(r"(?:\S+\s+)?\S+$", left)
    a = m.start() if m else prev
    right = t[k:]
    m2 = re.match(r"\S+(?:\s+\S+)?", right)
    b = k + (m2.end() if m2 else 1)
    return t[a:b]


def spread(items, n):
    if n <= 0 or not items:
        return []
    if len(items) <= n:
        return list(items)
    return [items[(2 * i + 1) * len(items) // (2 * n)] for i in range(n)]


def analyse(expected, meta, text, furn):
    """paragraphs_sample, joins and the factory notes for one input."""
    mapped = map_chars(text)
    cleaned = [clean_input(mapped, furn, True), clean_input(mapped, furn, False)]
    alnum_inputs = [alnum_seq(c) for c in cleaned]
    sample, why = [], {}
    page_j, line_j = [], []
    cursor = [0, 0]
    for i, (b, m) in enumerate(zip(expected["blocks"], meta)):
        if b["type"] == "heading":
            continue
        t = unicodedata.normalize("NFC", b["text"])
        reason = None
        if m["kind"] == "note":
            reason = "footnote text"
        elif m.get("has_notes"):
            reason = "footnote mark"
        rx = paragraph_regex(t, allow_mark=bool(m.get("has_notes")))
        hit = None
        for v in (0, 1):
            mm = rx.search(cleaned[v], cursor[v]) or rx.search(cleaned[v])
            if mm:
                hit = (v, mm)
                break
        if hit is None and reason is None:
            a = alnum_seq(t)
            if any(a and a in ai for ai in alnum_inputs):
                loose = re.compile(rx.pattern[len(r"(?m)^[^\S\n]*"):-len(r"[^\S\n]*$")])
                if any(loose.search(c) for c in cleaned):
                    reason = "glued to other text on its lines"
                else:
                    reason = "punctuation or word spaces changed by the extractor"
            elif any(interrupted(a, ai) for ai in alnum_inputs):
                reason = "interrupted by other text (a footnote, a float, the other column)"
            else:
                reason = "letters or digits lost or reordered by the extractor"
        if hit is not None:
            v, mm = hit
            cursor[v] = mm.end()
            if reason is None:
                sample.append(b["text"])
            if m["kind"] in ("paragraph", "quote", "list_item", "figure"):
                for k, is_page in breaks_in_match(t, cleaned[v], mm.start(), mm.end()):
                    span = join_span(t, k)
                    (page_j if is_page else line_j).append(span)
        if reason:
            why[reason] = why.get(reason, 0) + 1

    def dedupe(xs):
        seen, out = set(), []
        for x in xs:
            key = re.sub(r"\s+", "", x)
            if key not in seen and len(key) >= 2:
                seen.add(key)
                out.append(x)
        return out

    # a span that some input line already holds unbroken (repeated wording) tests nothing
    flat_lines = "\n".join(re.sub(r"\s+", "", ln) for ln in mapped.replace("\f", "\n").split("\n"))
    page_j = [x for x in page_j if re.sub(r"\s+", "", x) not in flat_lines]
    line_j = [x for x in line_j if re.sub(r"\s+", "", x) not in flat_lines]
    page_j, line_j = dedupe(page_j), dedupe(line_j)
    line_j = [x for x in line_j if re.sub(r"\s+", "", x) not in {re.sub(r"\s+", "", p) for p in page_j}]
    joins = page_j[:MAX_JOINS] + spread(line_j, MAX_JOINS - min(len(page_j), MAX_JOINS))
    n_para = sum(1 for b in expected["blocks"] if b["type"] != "heading")
    fac = {
        "paragraph_blocks": n_para,
        "sampled": len(sample),
        "left_out": dict(sorted(why.items())),
        "join_candidates": {"page_break": len(page_j), "line_break": len(line_j)},
    }
    return sample, joins, fac


# ----------------------------------------------------------------- one case
def case_parts(name):
    doc, engine, extractor = name.split(".", 2)
    return doc, engine, extractor


def furniture_for(doc, engine, furn_dir):
    p = os.path.join(furn_dir, "%s.%s.furniture.json" % (doc, engine))
    return load_json(p) if os.path.exists(p) else {}


def build_case(cdir, docs_dir, furn_dir):
    name = os.path.basename(os.path.normpath(cdir))
    doc_id, engine, extractor = case_parts(name)
    doc = load_json(os.path.join(docs_dir, doc_id + ".json"))
    furn = furniture_for(doc_id, engine, furn_dir)
    encoding, codec = "utf-8", "utf-8"
    if engine == plaintext.ENGINE:
        # a plain-text file in a legacy encoding: no page furniture, maybe e-text boilerplate
        encoding, codec = extractor, plaintext.ENCODING_OF[extractor]
        furn = {"engine_version": "plain text saved as %s (Python codec %s)" % (encoding, codec),
                "boilerplate": plaintext.must_not_appear(encoding)}
    expected, meta = expected_document(doc)
    with open(os.path.join(cdir, "input.txt"), "rb") as f:
        text = f.read().decode(codec, "replace")
    sample, joins, fac = analyse(expected, meta, text, furn)
    mna, dropped = must_not_appear(expected, furn)
    heads = [{"level": b["level"], "text": b["text"]} for b in expected["blocks"] if b["type"] == "heading"]
    truth = {
        "title": doc["title"],
        "language": doc["language"],
        "encoding": encoding,
        "headings": heads,
        "paragraph_count": sum(1 for b in expected["blocks"] if b["type"] != "heading"),
        "paragraphs_sample": sample,
        "joins": joins,
        "must_not_appear": mna,
        "factory": dict(doc=doc_id, engine=engine, extractor=extractor,
                        engine_version=furn.get("engine_version"),
                        furniture=bool(furn), artifacts_dropped=dropped, **fac),
    }
    dump_json(expected, os.path.join(cdir, "expected.json"))
    dump_json(truth, os.path.join(cdir, "truth.json"))
    return name, truth


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=os.path.join(CORPUS, "cases"))
    ap.add_argument("--docs-dir", default=os.path.join(CORPUS, "docs"))
    ap.add_argument("--furniture-dir", default=os.path.join(CORPUS, "build", "pdf"))
    ap.add_argument("--filter", default="")
    a = ap.parse_args()
    for d in sorted(os.listdir(a.cases)):
        cdir = os.path.join(a.cases, d)
        if a.filter in d and os.path.isfile(os.path.join(cdir, "input.txt")):
            name, t = build_case(cdir, a.docs_dir, a.furniture_dir)
            f = t["factory"]
            print("truth %-50s sample %d/%d joins %d mna %d" % (name, f["sampled"], f["paragraph_blocks"],
                                                               len(t["joins"]), len(t["must_not_appear"])))


if __name__ == "__main__":
    sys.exit(main())
