#!/usr/bin/env python3
"""The figures of corpus/README.md's "Counts" section, from the committed cases:

    python3 corpus/factory/stats.py [--cases corpus/cases]

Counts cases by extractor, engine and language (OCR apart), and sums what truth.json holds:
sampled paragraph blocks, join spans, must_not_appear entries, dropped artifacts, and the
cases whose sample or joins are empty.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=os.path.join(CORPUS, "cases"))
    a = ap.parse_args()
    by = {k: collections.Counter() for k in ("extractor", "engine", "language", "doc")}
    docs, pdfs = set(), set()
    sums = collections.Counter()
    empty, nojoins = [], []
    n = 0
    for name in sorted(os.listdir(a.cases)):
        p = os.path.join(a.cases, name, "truth.json")
        if not os.path.exists(p):
            continue
        with open(p, encoding="utf-8") as f:
            t = json.load(f)
        doc, engine, extractor = name.split(".", 2)
        ocr = extractor == "ocr"
        n += 1
        docs.add(doc)
        if engine != "txt":
            pdfs.add((doc, engine))
        kind = "ocr" if ocr else "text"
        for k, v in (("extractor", extractor), ("engine", engine), ("language", t["language"]), ("doc", doc)):
            by[k][(v, kind)] += 1
        fac = t["factory"]
        sums[kind + " sampled"] += fac["sampled"]
        sums[kind + " paragraph blocks"] += fac["paragraph_blocks"]
        sums["joins"] += len(t["joins"])
        sums["must_not_appear"] += len(t["must_not_appear"])
        sums["artifacts dropped"] += len(fac.get("artifacts_dropped") or [])
        if fac["sampled"] == 0:
            empty.append(name)
        if not t["joins"]:
            nojoins.append(name)
    print("cases %d, documents %d, PDFs %d" % (n, len(docs), len(pdfs)))
    for k in ("extractor", "engine", "language"):
        vals = sorted({v for v, _ in by[k]})
        print("%s: %s" % (k, ", ".join("%s %d%s" % (v, by[k][(v, "text")], (" + %d" % by[k][(v, "ocr")]) if by[k][(v, "ocr")] else "")
                                       for v in vals)))
    for kind in ("text", "ocr"):
        s, b = sums[kind + " sampled"], sums[kind + " paragraph blocks"]
        if b:
            print("%s cases: paragraphs_sample %d of %d paragraph blocks (%.0f %%)" % (kind, s, b, 100.0 * s / b))
    print("joins %d, must_not_appear %d, artifacts dropped %d" % (sums["joins"], sums["must_not_appear"],
                                                                  sums["artifacts dropped"]))
    print("empty sample: %d %s" % (len(empty), " ".join(empty)))
    print("no joins: %d %s" % (len(nojoins), " ".join(nojoins)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
