"""Gaps between CJK ideographs and Latin letters or digits in a PDF, from glyph positions (pdfminer).

usage: python3 bench/cjk_latin_gaps.py BOOK.pdf   (needs pdfminer.six)
prints: pairs=N touching=T (gap < 0.1 em) p5= median= p95= (gap in ems, ink-box edges of the two
glyphs' advance boxes, a source space between them included) — consistent spacing has touching=0
and p5 close to p95.
"""
import statistics
import sys

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextLine


def is_ideograph(c):
    if len(c) != 1:  # a ligature or a multi-character cluster
        return False
    o = ord(c)
    return (0x3005 <= o <= 0x3007 or 0x3041 <= o <= 0x30FF and o != 0x30FB
            or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3FFFF)


def is_latin(c):
    return len(c) == 1 and c.isascii() and c.isalnum()


def lines(o):
    if isinstance(o, LTTextLine):
        yield o
    elif hasattr(o, "__iter__"):
        for c in o:
            yield from lines(c)


gaps = []
for page in extract_pages(sys.argv[1]):
    for ln in lines(page):
        chars = [c for c in ln if isinstance(c, LTChar)]
        i = 0
        while i + 1 < len(chars):
            a, b = chars[i], chars[i + 1]
            # One source space between them counts as part of the gap.
            if b.get_text() == " " and i + 2 < len(chars):
                b = chars[i + 2]
            ta, tb = a.get_text(), b.get_text()
            if (is_ideograph(ta) and is_latin(tb)) or (is_latin(ta) and is_ideograph(tb)):
                gaps.append((b.x0 - a.x1) / max(a.size, 1e-6))
            i += 1

if not gaps:
    print("pairs=0")
    sys.exit(0)
gaps.sort()
q = lambda p: gaps[min(len(gaps) - 1, int(p * len(gaps)))]
print("pairs=%d touching=%d p5=%.3f median=%.3f p95=%.3f" % (
    len(gaps), sum(g < 0.1 for g in gaps), q(0.05), statistics.median(gaps), q(0.95)))
