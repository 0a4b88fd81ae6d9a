#!/usr/bin/env python3
"""PDF input against the text-extractor paths, per document.

    python3 bench/pdf_matrix.py [--pdfs corpus/build/pdf] [--filter SUBSTR] [--bindery BIN] [--json FILE]
                                [--keep DIR] [--no-text] [--debug]

Its standard output is the README table (one row per PDF, then the means); --no-text
scores the PDF path alone, which is what a change to src/pdf_input/ needs measured;
--each adds a table of PDF input against every extractor, per document (heading F1 /
P-exact; bench/pdf_input_vs_extractors.md); --from-json FILE prints the tables of a
run saved with --json without converting anything.

For each factory PDF <doc>.<engine>.pdf (made by `python3 corpus/factory/make.py`):
    bindery convert <doc>.<engine>.pdf --to json            (the PDF read directly)
    bindery convert CASE/input.txt --to json                 (each text extractor's case)
and score.py's figures (../shared/eval/score.py). The PDF output is scored against every
extractor case's truth of that PDF (their samples differ only by what each extractor
destroyed) and the table shows the mean; the text path's figures are its best extractor's
(highest F1, then P-exact, then fewest leaks), against its own truth. OCR cases are left out.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import matrix  # noqa: E402

SHOWN = [("F1", "f1"), ("lvl", "level_accuracy"), ("P-exact", "para_exact"), ("leaks", "leaks"),
         ("conserv", "conservation"), ("joins", "joins")]


def convert_pdf(exe, pdf, tmp, timeout):
    import subprocess
    name = os.path.basename(pdf)[:-4]
    out = os.path.join(tmp, "pdf", name)
    os.makedirs(out, exist_ok=True)
    try:
        p = subprocess.run([exe, "convert", pdf, "--to", "json", "-o", out],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    js = os.path.join(out, name.split("/")[-1] + ".json")
    if p.returncode != 0 or not os.path.exists(js):
        return None, "exit %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace").strip()[-300:])
    return js, None


def mean(rs, key):
    vals = [r[key] for r in rs if r.get(key) is not None]
    return sum(vals) / len(vals) if vals else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pdfs", default=os.path.join(matrix.ROOT, "corpus", "build", "pdf"))
    ap.add_argument("--cases", default=os.path.join(matrix.ROOT, "corpus", "cases"))
    ap.add_argument("--filter", default="")
    ap.add_argument("--bindery", help="binary (default target/release/bindery)")
    ap.add_argument("--debug", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--no-text", action="store_true", help="score the PDF path only (no extractor conversions)")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--keep", metavar="DIR", help="write the conversions under DIR (default: a temporary directory)")
    ap.add_argument("--each", action="store_true",
                    help="then a second table: per document, PDF input against each extractor (F1 / P-exact)")
    ap.add_argument("--from-json", metavar="FILE", help="print the tables of a run saved with --json, converting nothing")
    a = ap.parse_args()
    if a.from_json:
        with open(a.from_json, encoding="utf-8") as f:
            everything = json.load(f)
        rows = [(e["pdf"], e["pdf_input"], e["best_text"], e["pdf_error"]) for e in everything]
        print_tables(rows, everything, a.each)
        return
    scorer = matrix.load_scorer(matrix.SCORER)
    exe = os.path.abspath(a.bindery) if a.bindery else matrix.binary(a.debug)
    pdfs = sorted(os.path.join(a.pdfs, f) for f in os.listdir(a.pdfs) if f.endswith(".pdf") and a.filter in f)
    if not pdfs:
        sys.exit("no PDFs under %s (run: python3 corpus/factory/make.py)" % a.pdfs)
    tmp = a.keep or tempfile.mkdtemp(prefix="pdf-matrix-")
    os.makedirs(tmp, exist_ok=True)
    rows, everything = [], []
    for pdf in pdfs:
        stem = os.path.basename(pdf)[:-4]
        cases = [c for c in matrix.case_dirs(a.cases, stem + ".") if not c.endswith("." + matrix.OCR)]
        if not cases:
            continue
        js, err = convert_pdf(exe, pdf, tmp, a.timeout)
        pdf_rs = [matrix.figures(scorer, c, js, err) for c in cases]
        if a.no_text:
            conv = [(None, None, "not run (--no-text)")] * len(cases)
        else:
            with ThreadPoolExecutor(max_workers=2) as pool:
                conv = list(pool.map(lambda c: matrix.convert(exe, c, tmp, a.timeout), cases))
        text_rs = [matrix.figures(scorer, c, j, e) for c, (_, j, e) in zip(cases, conv)]
        best = max(text_rs, key=lambda r: (r["f1"], r["para_exact"] or 0, -(r["leaks"] or 0)))
        pdf_mean = {k: mean(pdf_rs, k) for _, k in SHOWN}
        rows.append((stem, pdf_mean, best, err))
        everything.append({"pdf": stem, "pdf_input": pdf_mean, "best_text": best, "pdf_error": err,
                           "pdf_per_truth": pdf_rs, "text_per_extractor": text_rs})
        print(stem, "pdf F1 %.2f P %.2f leaks %.1f" % (pdf_mean["f1"] or 0, pdf_mean["para_exact"] or 0,
                                                        pdf_mean["leaks"] or 0), err or "", file=sys.stderr)
    print_tables(rows, everything, a.each)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(everything, f, ensure_ascii=False, indent=1)


def print_tables(rows, everything, each):
    """The README table (PDF input beside the best extractor, per document);
    with `each`, PDF input against every extractor, per document."""
    head = "| document | " + " | ".join("PDF " + c for c, _ in SHOWN) + " | best extractor | " + \
        " | ".join(c for c, _ in SHOWN) + " |"
    print(head)
    print("|" + "---|" * (2 + 2 * len(SHOWN)))
    for stem, pm, best, err in rows:
        print("| %s | %s | %s | %s |" % (stem, " | ".join(matrix.fmt(pm[k], k) for _, k in SHOWN), best["extractor"],
                                          " | ".join(matrix.fmt(best.get(k), k) for _, k in SHOWN)))
    n = len(rows)
    if n:
        pm_all = {k: mean([r[1] for r in rows], k) for _, k in SHOWN}
        bt_all = {k: mean([r[2] for r in rows], k) for _, k in SHOWN}
        print("| **mean of %d** | %s | | %s |" % (n, " | ".join(matrix.fmt(pm_all[k], k) for _, k in SHOWN),
                                                  " | ".join(matrix.fmt(bt_all[k], k) for _, k in SHOWN)))
    if not each:
        return
    extractors = sorted({t["extractor"] for e in everything for t in e["text_per_extractor"]})
    print()
    print("| document | PDF input | " + " | ".join(extractors) + " |")
    print("|" + "---|" * (2 + len(extractors)))
    pair = lambda r: "%s / %s" % (matrix.fmt(r.get("f1"), "f1"), matrix.fmt(r.get("para_exact"), "para_exact"))
    for e in everything:
        by = {t["extractor"]: t for t in e["text_per_extractor"]}
        print("| %s | %s | %s |" % (e["pdf"], pair(e["pdf_input"]),
                                     " | ".join(pair(by[x]) if x in by else "-" for x in extractors)))
    pdf_all = {k: mean([e["pdf_input"] for e in everything], k) for k in ("f1", "para_exact")}
    each_all = {x: {k: mean([t for e in everything for t in e["text_per_extractor"] if t["extractor"] == x], k)
                    for k in ("f1", "para_exact")} for x in extractors}
    print("| **mean** | %s | %s |" % (pair(pdf_all), " | ".join(pair(each_all[x]) for x in extractors)))


if __name__ == "__main__":
    main()
