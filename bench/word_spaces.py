"""Word-space spread of justified Latin lines in a PDF, from glyph positions (pdfminer).

usage: python3 bench/word_spaces.py BOOK.pdf   (needs pdfminer.six)
prints: lines=N spaces=S min= p5= median= p95= max= (ems) spread=p95/median hyphens=H
(H: justified lines ending in a hyphen, bindery's own read back as the soft hyphen U+00AD)
A justified line is one whose right edge is within 1 pt of the page's rightmost
text edge (last lines of paragraphs, headings and ragged lines are left out).
The gap is from the end of the glyph before a space to the start of the glyph
after it, so it is the space as the reader sees it.
"""
import statistics
import sys
from collections import defaultdict

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextLine


def lines(o):
    if isinstance(o, LTTextLine):
        yield o
    elif hasattr(o, "__iter__"):
        for c in o:
            yield from lines(c)


gaps, n_lines, hyphens = [], 0, 0
for page in extract_pages(sys.argv[1]):
    page_lines = [ln for ln in lines(page)]
    body = [ln for ln in page_lines if sum(isinstance(c, LTChar) for c in ln) > 20]
    if not body:
        continue
    # The right edge of the text block on this page (mirrored margins move it).
    right = max(ln.x1 for ln in body)
    for ln in body:
        chars = [c for c in ln if isinstance(c, LTChar)]
        if abs(ln.x1 - right) > 1.0:
            continue
        n_lines += 1
        if chars[-1].get_text() in ("-", "\u2010", "\u00ad"):
            hyphens += 1
        for a, sp, b in zip(chars, chars[1:], chars[2:]):
            if sp.get_text() == " " and a.get_text() != " " and b.get_text() != " ":
                gaps.append((b.x0 - a.x1) / max(a.size, 1e-6))

if not gaps:
    print("lines=0 spaces=0")
    sys.exit(0)
gaps.sort()
q = lambda p: gaps[min(len(gaps) - 1, int(p * len(gaps)))]
median = statistics.median(gaps)
print("lines=%d spaces=%d min=%.3f p5=%.3f median=%.3f p95=%.3f max=%.3f spread=%.2f hyphens=%d" % (
    n_lines, len(gaps), gaps[0], q(0.05), median, q(0.95), gaps[-1], q(0.95) / median, hyphens))
