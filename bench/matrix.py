#!/usr/bin/env python3
"""The case matrix: convert every factory case with bindery and score it.

    python3 bench/matrix.py [--cases corpus/cases] [--filter SUBSTR] [--json FILE]
                            [--debug] [-j 2] [--keep DIR] [--worst 10]

Per case (corpus/cases/<doc>.<engine>.<extractor>/):
    bindery convert CASE/input.txt --to json -o TMP/<case>/      (target/release/bindery;
                                                                  target/debug with --debug)
    score.py's score(CASE, TMP/<case>/input.json)                (../shared/eval/score.py)
and prints a table per case (H-rec, H-prec, F1 = harmonic mean of the two, lvl, P-exact,
leaks, conservation, joins), then the means per extractor, per engine, per language and
overall; OCR cases are averaged apart from the text extractors'. A figure a case does not
define (no sample paragraphs, no joins) is shown as '-' and left out of the means. A
conversion that fails scores 0 on every figure.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORER = os.path.join(os.path.dirname(ROOT), "shared", "eval", "score.py")
FIGS = [("H-rec", "heading_recall"), ("H-prec", "heading_precision"), ("F1", "f1"), ("lvl", "level_accuracy"),
        ("P-exact", "para_exact"), ("leaks", "leaks"), ("conserv", "conservation"), ("joins", "joins")]
OCR = "ocr"


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("bindery_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def binary(debug):
    exe = os.path.join(ROOT, "target", "debug" if debug else "release", "bindery")
    if not os.path.exists(exe):
        cmd = ["cargo", "build", "-j", "2"] + ([] if debug else ["--release"])
        print("building:", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, cwd=ROOT, check=True)
    return exe


def case_dirs(root, flt):
    out = []
    for d in sorted(os.listdir(root)):
        p = os.path.join(root, d)
        if flt and flt not in d:
            continue
        if os.path.isfile(os.path.join(p, "input.txt")) and os.path.isfile(os.path.join(p, "truth.json")):
            out.append(p)
    return out


def convert(exe, case, tmp, timeout):
    name = os.path.basename(case)
    out = os.path.join(tmp, name)
    os.makedirs(out, exist_ok=True)
    cmd = [exe, "convert", os.path.join(case, "input.txt"), "--to", "json", "-o", out]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return name, None, "timeout after %ds" % timeout
    js = os.path.join(out, "input.json")
    if p.returncode != 0 or not os.path.exists(js):
        return name, None, "exit %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace").strip()[-300:])
    return name, js, None


def figures(scorer, case, js, err):
    truth = json.load(open(os.path.join(case, "truth.json"), encoding="utf-8"))
    doc, engine, extractor = os.path.basename(case).split(".", 2)
    meta = {"doc": doc, "engine": engine, "extractor": extractor, "language": truth.get("language", "?"),
            "sample": len(truth.get("paragraphs_sample", [])), "joins_truth": len(truth.get("joins", []))}
    if err:
        r = {k: 0.0 for _, k in FIGS}
        r.update(leaks=0, error=err)
        if not meta["sample"]:
            r["para_exact"] = None
        if not meta["joins_truth"]:
            r["joins"] = None
        return dict(meta, **r)
    r = scorer.score(case, scorer.load_output(js, "json"))
    p, q = r["heading_recall"], r["heading_precision"]
    r["f1"] = round(2 * p * q / (p + q), 4) if p + q else 0.0
    if not meta["sample"]:
        r["para_exact"] = None        # the scorer says 1.0 for an empty sample; it measures nothing
    r.setdefault("joins", None)
    return dict(meta, **r)


def fmt(v, key):
    if v is None:
        return "-"
    if key == "leaks":
        return "%.1f" % v if isinstance(v, float) else str(v)
    return "%.2f" % v


def table(rows, first="case"):
    head = "| %s | %s |" % (first, " | ".join(c for c, _ in FIGS))
    sep = "|" + "|".join("---" for _ in range(len(FIGS) + 1)) + "|"
    out = [head, sep]
    for name, r in rows:
        out.append("| %s | %s |" % (name, " | ".join(fmt(r.get(k), k) for _, k in FIGS)))
    return "\n".join(out)


def mean_of(rs):
    m = {}
    for _, k in FIGS:
        vals = [r[k] for r in rs if r.get(k) is not None]
        m[k] = round(sum(vals) / len(vals), 4) if vals else None
    m["n"] = len(rs)
    return m


def group(results, key, subset=None):
    g = {}
    for r in results:
        if subset and not subset(r):
            continue
        g.setdefault(r[key], []).append(r)
    return [(k, mean_of(v)) for k, v in sorted(g.items())]


def summary(results):
    text = [r for r in results if r["extractor"] != OCR]
    ocr = [r for r in results if r["extractor"] == OCR]
    means = {
        "per_extractor": dict(group(results, "extractor")),
        "per_engine": dict(group(text, "engine")),
        "per_language": dict(group(text, "language")),
        "overall": mean_of(text) if text else None,
        "ocr_per_engine": dict(group(ocr, "engine")),
        "ocr_per_language": dict(group(ocr, "language")),
        "ocr_overall": mean_of(ocr) if ocr else None,
    }
    lines = []

    def block(title, rows):
        if not rows:
            return
        lines.append("")
        lines.append("### " + title)
        lines.append("")
        lines.append(table([("%s (%d)" % (k, m["n"]), m) for k, m in rows], "group (cases)"))

    block("Means per extractor", group(results, "extractor"))
    block("Means per engine (text extractors, OCR excluded)", group(text, "engine"))
    block("Means per language (text extractors, OCR excluded)", group(text, "language"))
    if text:
        block("Overall (text extractors, OCR excluded)", [("all", means["overall"])])
    if ocr:
        block("OCR per engine", group(ocr, "engine"))
        block("OCR per language", group(ocr, "language"))
        block("OCR overall", [("ocr", means["ocr_overall"])])
    return "\n".join(lines), means


def badness(r):
    vals = [r.get(k) for k in ("f1", "para_exact", "conservation", "joins") if r.get(k) is not None]
    return (sum(vals) / len(vals) if vals else 0.0, -(r.get("leaks") or 0))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=os.path.join(ROOT, "corpus", "cases"))
    ap.add_argument("--filter", default="", help="only cases whose name contains SUBSTR")
    ap.add_argument("--json", metavar="FILE", help="save every figure (per case and the means) as JSON")
    ap.add_argument("--debug", action="store_true", help="use target/debug/bindery")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel conversions (at most 2)")
    ap.add_argument("--keep", metavar="DIR", help="keep bindery's JSON outputs in DIR")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--worst", type=int, default=10, help="list the N worst cases (0: none)")
    ap.add_argument("--scorer", default=SCORER)
    ap.add_argument("--bindery", help="the binary to run (default: target/release/bindery, built if missing)")
    a = ap.parse_args()

    scorer = load_scorer(a.scorer)
    exe = os.path.abspath(a.bindery) if a.bindery else binary(a.debug)
    cases = case_dirs(a.cases, a.filter)
    if not cases:
        sys.exit("no cases under %s%s" % (a.cases, " matching %r" % a.filter if a.filter else ""))
    tmp = a.keep or tempfile.mkdtemp(prefix="matrix-")
    os.makedirs(tmp, exist_ok=True)
    results = []
    try:
        with ThreadPoolExecutor(max_workers=min(2, max(1, a.jobs))) as pool:
            for case, (name, js, err) in zip(cases, pool.map(lambda c: convert(exe, c, tmp, a.timeout), cases)):
                r = figures(scorer, case, js, err)
                r["case"] = name
                results.append(r)
                if err:
                    print("conversion failed: %s: %s" % (name, err), file=sys.stderr)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    print("## Per case (%d cases; %s)" % (len(results), os.path.relpath(exe, ROOT)))
    print()
    print(table([(r["case"] + (" (ERR)" if r.get("error") else ""), r) for r in results]))
    text, means = summary(results)
    print()
    print("## Matrix summary (means)")
    print(text)
    worst = sorted(results, key=badness)[:a.worst] if a.worst else []
    if worst:
        print()
        print("## The %d worst cases (lowest mean of F1, P-exact, conservation, joins)" % len(worst))
        print()
        print(table([(r["case"], r) for r in worst]))
    if a.json:
        keep = ("heading_recall", "heading_precision", "f1", "level_accuracy", "level_accuracy_rel", "para_exact",
                "para_contained", "leaks", "leaks_by_artifact", "conservation", "excess", "joins",
                "paragraphs_output", "paragraphs_truth", "paragraph_ratio", "headings_truth", "headings_output",
                "toc_recall", "doc", "engine", "extractor", "language", "sample", "joins_truth", "error",
                "para_exact_missing", "joins_missing")
        data = {"bindery": os.path.relpath(exe, ROOT),
                "cases": {r["case"]: {k: r[k] for k in keep if k in r} for r in results},
                "means": means,
                "worst": [r["case"] for r in worst]}
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
