#!/usr/bin/env python3
"""Run real PDF text extractors over the typeset PDFs; one scorer case per (PDF, extractor).

    python3 corpus/factory/extract.py [--pdf-dir corpus/build/pdf] [--cases corpus/cases]
                                      [--docs a,b] [--engines x,y] [--extractors e1,e2]
                                      [--ocr-engines typst,...] [-j 2]

For every corpus/build/pdf/<id>.<engine>.pdf this writes
corpus/cases/<id>.<engine>.<extractor>/input.txt: the exact bytes the extractor wrote
(UTF-8). truth.py then writes truth.json and expected.json beside it.

Extractors (all with their default settings):
  pdftotext          pdftotext X.pdf OUT
  pdftotext-layout   pdftotext -layout X.pdf OUT
  pdftotext-raw      pdftotext -raw X.pdf OUT
  mutool             mutool draw -F txt -o OUT X.pdf
  pdfminer           pdf2txt.py -o OUT X.pdf                     (pdfminer.six)
  pypdf              "\\n".join(page.extract_text() for page in PdfReader(X).pages)
  calibre            ebook-convert X.pdf OUT.txt
  ocr                pdftoppm -r 300 -gray X.pdf → tesseract LIST OUT -l LANG
                     (one tesseract run over the page images; it ends every page with a form feed)
OCR is slow, so it runs only for the engines in --ocr-engines (see make.py's OCR_ENGINES).
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
EXTRACTORS = ["pdftotext", "pdftotext-layout", "pdftotext-raw", "mutool", "pdfminer", "pypdf", "calibre", "ocr"]
OCR_LANG = {"en": "eng", "zh-Hans": "chi_sim+eng", "zh-Hant": "chi_tra+eng", "ja": "jpn+eng"}
PDF_NAME = re.compile(r"^([a-z0-9-]+)\.([A-Za-z0-9_-]+)\.pdf$")

PYPDF_SCRIPT = r"""
import sys
from pypdf import PdfReader
r = PdfReader(sys.argv[1])
text = "\n".join(p.extract_text() for p in r.pages)
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    f.write(text)
"""


def tool_env():
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"          # tesseract: one thread per process (2 processes at most)
    env["LC_ALL"] = env.get("LC_ALL") or "C.UTF-8"
    env["SOURCE_DATE_EPOCH"] = "0"
    env["CALIBRE_NO_NATIVE_FILEDIALOGS"] = "1"
    return env


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=tool_env(), **kw)
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), p.returncode,
                                                   p.stderr.decode("utf-8", "replace")[-600:]))
    return p


def pdf2txt_cmd():
    exe = shutil.which("pdf2txt.py")
    if exe:
        return [exe]
    return [sys.executable, "-m", "pdfminer.tools.pdf2txt"]


def extract_one(extractor, pdf, out, lang, tmp):
    """Write the extractor's text for pdf to out (bytes exactly as the tool wrote them)."""
    if extractor == "pdftotext":
        run(["pdftotext", pdf, out])
    elif extractor == "pdftotext-layout":
        run(["pdftotext", "-layout", pdf, out])
    elif extractor == "pdftotext-raw":
        run(["pdftotext", "-raw", pdf, out])
    elif extractor == "mutool":
        run(["mutool", "draw", "-F", "txt", "-o", out, pdf])
    elif extractor == "pdfminer":
        run(pdf2txt_cmd() + ["-o", out, pdf])
    elif extractor == "pypdf":
        run([sys.executable, "-c", PYPDF_SCRIPT, pdf, out])
    elif extractor == "calibre":
        o = os.path.join(tmp, "calibre.txt")
        run(["ebook-convert", pdf, o], cwd=tmp)
        shutil.copyfile(o, out)
    elif extractor == "ocr":
        img = os.path.join(tmp, "img")
        os.makedirs(img, exist_ok=True)
        run(["pdftoppm", "-r", "300", "-gray", pdf, os.path.join(img, "p")])
        pages = sorted(glob.glob(os.path.join(img, "p-*.pgm")),
                       key=lambda p: int(re.search(r"-(\d+)\.pgm$", p).group(1)))
        lst = os.path.join(tmp, "pages.txt")
        with open(lst, "w") as f:
            f.write("".join(p + "\n" for p in pages))
        base = os.path.join(tmp, "ocr")
        run(["tesseract", lst, base, "-l", OCR_LANG[lang]])
        shutil.copyfile(base + ".txt", out)
    else:
        raise ValueError("unknown extractor " + extractor)


def list_pdfs(pdf_dir, docs=None, engines=None):
    out = []
    for name in sorted(os.listdir(pdf_dir)):
        m = PDF_NAME.match(name)
        if not m:
            continue
        doc, engine = m.groups()
        if docs and doc not in docs:
            continue
        if engines and engine not in engines:
            continue
        out.append((doc, engine, os.path.join(pdf_dir, name)))
    return out


def doc_language(docs_dir, doc):
    with open(os.path.join(docs_dir, doc + ".json"), encoding="utf-8") as f:
        return json.load(f)["language"]


def jobs_for(pdfs, extractors, ocr_engines, docs_dir):
    jobs = []
    for doc, engine, pdf in pdfs:
        lang = doc_language(docs_dir, doc)
        for ex in extractors:
            if ex == "ocr" and ocr_engines is not None and engine not in ocr_engines:
                continue
            jobs.append((doc, engine, ex, pdf, lang))
    return jobs


_TOOLS_KEY = []


def stamp_of(pdf, ex, lang):
    """What an input.txt depends on: the PDF's bytes, the extractor, the OCR language, the tool versions."""
    if not _TOOLS_KEY:
        _TOOLS_KEY.append(hashlib.sha256(json.dumps(tool_versions(), sort_keys=True).encode()).hexdigest()[:16])
    h = hashlib.sha256()
    with open(pdf, "rb") as f:
        h.update(f.read())
    return "%s %s %s tools:%s\n" % (h.hexdigest(), ex, OCR_LANG[lang] if ex == "ocr" else "-", _TOOLS_KEY[0])


def do_job(job, cases_dir, stamps_dir=None):
    doc, engine, ex, pdf, lang = job
    case = "%s.%s.%s" % (doc, engine, ex)
    cdir = os.path.join(cases_dir, case)
    stamp = stamp_path = None
    if stamps_dir:
        # the same PDF through the same extractor gives the same bytes: skip it (make.py --force redoes it)
        stamp, stamp_path = stamp_of(pdf, ex, lang), os.path.join(stamps_dir, case + ".stamp")
        if os.path.exists(os.path.join(cdir, "input.txt")) and os.path.exists(stamp_path) \
                and open(stamp_path).read() == stamp:
            return case, "up to date"
    with tempfile.TemporaryDirectory(prefix="extract-") as tmp:
        out = os.path.join(tmp, "input.txt")
        try:
            extract_one(ex, os.path.abspath(pdf), out, lang, tmp)
            data = open(out, "rb").read()
            data.decode("utf-8")          # every extractor here writes UTF-8; fail loudly if not
        except Exception as e:            # noqa: BLE001 - report and go on with the other cases
            return case, "FAILED: %s" % e
        os.makedirs(cdir, exist_ok=True)
        with open(os.path.join(cdir, "input.txt"), "wb") as f:
            f.write(data)
    if stamp_path:
        os.makedirs(stamps_dir, exist_ok=True)
        with open(stamp_path, "w") as f:
            f.write(stamp)
    return case, "%d bytes" % len(data)


def extract_all(pdf_dir, cases_dir, docs_dir, docs=None, engines=None, extractors=None, ocr_engines=None,
                workers=2, log=print, stamps_dir=None):
    extractors = extractors or EXTRACTORS
    pdfs = [p for p in list_pdfs(pdf_dir, docs, engines)
            if os.path.exists(os.path.join(docs_dir, p[0] + ".json"))]   # the typesetter's own test PDFs have no doc here
    jobs = jobs_for(pdfs, extractors, ocr_engines, docs_dir)
    # slow OCR jobs first so the two workers finish together
    jobs.sort(key=lambda j: (j[2] != "ocr", j[0], j[1], EXTRACTORS.index(j[2])))
    os.makedirs(cases_dir, exist_ok=True)
    if stamps_dir and jobs:
        stamp_of(jobs[0][3], jobs[0][2], jobs[0][4])   # the tool versions, once, before the workers start
    done = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for case, msg in pool.map(lambda j: do_job(j, cases_dir, stamps_dir), jobs):
            log("extract %-50s %s" % (case, msg))
            done.append((case, msg))
    return done


# ----------------------------------------------------------------- tool versions
def _first_line(cmd):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=tool_env(), timeout=120)
        lines = [l.strip() for l in p.stdout.decode("utf-8", "replace").splitlines() if l.strip()]
        return lines[0] if lines else "?"
    except Exception as e:  # noqa: BLE001
        return "unavailable (%s)" % e


def _py_version(mod):
    try:
        p = subprocess.run([sys.executable, "-c", "import %s; print(%s.__version__)" % (mod, mod)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        return p.stdout.decode().strip() or "?"
    except Exception:  # noqa: BLE001
        return "?"


def _dpkg_version(pkg):
    try:
        p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=30)
        return p.stdout.decode().strip() or "?"
    except Exception:  # noqa: BLE001
        return "?"


def tool_versions():
    """Versions of the extractors (what identical outputs depend on)."""
    tess_langs = []
    try:
        p = subprocess.run(["tesseract", "--list-langs"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        tess_langs = [l.strip() for l in p.stdout.decode().splitlines()[1:] if l.strip()]
    except Exception:  # noqa: BLE001
        pass
    return {
        "pdftotext": _first_line(["pdftotext", "-v"]) + " (Debian poppler-utils %s)" % _dpkg_version("poppler-utils"),
        "mutool": _first_line(["mutool", "-v"]) + " (Debian mupdf-tools %s)" % _dpkg_version("mupdf-tools"),
        "pdfminer": "pdfminer.six %s (pdf2txt.py)" % _py_version("pdfminer"),
        "pypdf": "pypdf %s" % _py_version("pypdf"),
        "calibre": _first_line(["ebook-convert", "--version"]),
        "pdftoppm": _first_line(["pdftoppm", "-v"]),
        "tesseract": _first_line(["tesseract", "--version"]) + " (Debian tesseract-ocr %s)" % _dpkg_version("tesseract-ocr"),
        "tessdata": ", ".join("%s %s" % (l, _dpkg_version("tesseract-ocr-" + l.replace("_", "-")))
                              for l in tess_langs if l != "osd"),
        "python": sys.version.split()[0],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pdf-dir", default=os.path.join(CORPUS, "build", "pdf"))
    ap.add_argument("--docs-dir", default=os.path.join(CORPUS, "docs"))
    ap.add_argument("--cases", default=os.path.join(CORPUS, "cases"))
    ap.add_argument("--docs")
    ap.add_argument("--engines")
    ap.add_argument("--extractors")
    ap.add_argument("--ocr-engines", help="engines whose PDFs also go through OCR (comma list; 'all' for every engine)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--stamps", help="skip a case whose PDF and extractor are unchanged since the stamp in this folder")
    a = ap.parse_args()
    split = lambda s: [x for x in s.split(",") if x] if s else None  # noqa: E731
    ocr = None if a.ocr_engines == "all" else (split(a.ocr_engines) or [])
    extract_all(a.pdf_dir, a.cases, a.docs_dir, split(a.docs), split(a.engines), split(a.extractors), ocr,
                min(2, max(1, a.jobs)), stamps_dir=a.stamps)


if __name__ == "__main__":
    main()
