"""Where every glyph of a PDF stands, and where the ink of CJK marks sits in its cell.

Usage: glyphs.py FILE.pdf  →  JSON on standard output:
  {"pages": [{"width": pt, "height": pt, "r2l": bool, "chars": [
      {"c": "雨", "x0": pt, "x1": pt, "baseline": pt, "size": pt, "upright": bool,
       "ink": [cx, cy, w, h] or null}, ...]}]}
Characters come in content-stream (drawing) order (pdfminer without layout
analysis). `ink` is given for 、。「」: the centroid and extent of the dark
pixels (darker than 3/4 white, pdftoppm -gray at 300 dpi) in the character's em cell, as fractions
of the cell (x from its left, y from its top). The cell is one em wide from
the glyph's origin and spans 0.88 em above the baseline to 0.12 em below it
(the ideographic em box of Noto CJK and Source Han).
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

MARKS = "、。「」"
DPI = 300
EM_ASCENT = 0.88


def pgm(path):
    data = Path(path).read_bytes()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:]


def ink(image, page_height, ch):
    width, height, pixels = image
    scale = DPI / 72.0
    left, right = ch["x0"] * scale, ch["x0"] * scale + ch["size"] * scale
    top = (page_height - ch["baseline"] - EM_ASCENT * ch["size"]) * scale
    bottom = top + ch["size"] * scale
    xs, ys = [], []
    for y in range(max(0, int(top)), min(height, int(bottom))):
        row = pixels[y * width:(y + 1) * width]
        for x in range(max(0, int(left)), min(width, int(right))):
            if row[x] < 192:
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    cell = right - left
    return [
        (sum(xs) / len(xs) - left) / cell,
        (sum(ys) / len(ys) - top) / cell,
        (max(xs) - min(xs) + 1) / cell,
        (max(ys) - min(ys) + 1) / cell,
    ]


def main(path):
    out = []
    with open(path, "rb") as f, tempfile.TemporaryDirectory() as tmp:
        doc = PDFDocument(PDFParser(f))
        prefs = doc.catalog.get("ViewerPreferences")
        prefs = prefs.resolve() if hasattr(prefs, "resolve") else prefs
        r2l = bool(prefs) and str(prefs.get("Direction")).endswith("R2L'")
        rsrc = PDFResourceManager()
        device = PDFPageAggregator(rsrc, laparams=None)
        interp = PDFPageInterpreter(rsrc, device)
        for number, page in enumerate(PDFPage.create_pages(doc), start=1):
            interp.process_page(page)
            layout = device.get_result()
            chars = []
            for item in layout:
                if isinstance(item, LTChar):
                    chars.append({
                        "c": item.get_text(), "x0": item.matrix[4], "x1": item.x1,
                        "baseline": item.matrix[5], "size": item.size, "upright": item.upright,
                    })
            image = None
            if any(c["c"] in MARKS for c in chars):
                base = Path(tmp) / "p"
                subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(number), "-l", str(number),
                                path, str(base)], check=True)
                image = pgm(next(Path(tmp).glob("p-*.pgm")))
                for p in Path(tmp).glob("p-*.pgm"):
                    p.unlink()
            for c in chars:
                c["ink"] = ink(image, layout.height, c) if image and c["c"] in MARKS else None
            out.append({"width": layout.width, "height": layout.height, "r2l": r2l, "chars": chars})
    json.dump({"pages": out}, sys.stdout, ensure_ascii=False)


main(sys.argv[1])
