"""Lines short per body page: how far above the text block's foot each page's
last body line ends, in body leadings. Pages followed by a page that opens with
a chapter (the page before a level-1 heading) and the last page are chapter ends.
The shortfall is measured to the lowest glyph box (about 0.2 line above the
frame's foot on a full page). Usage: page_bottoms.py BOOK.pdf LEADING_PT [BOTTOM_MM]
(LEADING_PT: 1.75 × body size for CJK, 1.4 × for Latin; 18.375 and 14.7 at 10.5 pt)."""
import re, subprocess, sys, statistics
pdf, leading = sys.argv[1], float(sys.argv[2])
bottom_mm = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
pages = html.split("<page ")[1:]
shorts = []
for page in pages:
    h = float(re.search(r'height="([\d.]+)"', page).group(1))
    foot = h - bottom_mm * 72 / 25.4
    ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
    body = [y for y in ys if y <= foot + 2]
    top = bottom_mm * 72 / 25.4
    has_head = any(y < top for y in ys)
    shorts.append(((foot - max(body)) / leading if body else None, has_head))
# A page whose successor has no running head ends a chapter (the next opens one); so does the last.
n = len(shorts)
ends = {k for k in range(n) if k + 1 == n or not shorts[k + 1][1]}
vals = [s for k, (s, head) in enumerate(shorts) if s is not None and head and k not in ends]
short = sorted(round(s, 1) for s in vals if s >= 1.5)
print(f"body pages not ending a chapter={len(vals)}; ending >=1.5 lines short={len(short)}; "
      f"mean shortfall={statistics.mean(vals):.2f} lines; worst={short[-3:] if short else []}; all>=1.5: {short}")
