#!/usr/bin/env python3
"""Characters of an EPUB's embedded font (`--embed-fonts`) drawn differently
from the source face's default (`cmap`) glyph: the regional forms the subset
carries for the book's language (`locl`, see src/render/epub/font.rs).

    python3 bench/embedded_forms.py BOOK.epub fonts/NotoSerifCJKsc-Regular.otf

Before the subsets applied `locl` every character drew as the default glyph
(0 changed). Needs fontTools.
"""
import io
import sys
import zipfile
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

epub_path, source_path = sys.argv[1:3]
with zipfile.ZipFile(epub_path) as z:
    subset = TTFont(io.BytesIO(z.read("OEBPS/fonts/body.otf")))
source = TTFont(source_path, lazy=True)
source_cmap, source_glyphs = source.getBestCmap(), source.getGlyphSet()
subset_glyphs = subset.getGlyphSet()


def outline(glyphs, name):
    pen = RecordingPen()
    glyphs[name].draw(pen)
    return pen.value


changed = [
    chr(c)
    for c, name in sorted(subset.getBestCmap().items())
    if c in source_cmap and outline(subset_glyphs, name) != outline(source_glyphs, source_cmap[c])
]
total = len(subset.getBestCmap())
print(f"{epub_path}: {len(changed)} of {total} characters in the regional form: {''.join(changed)}")
