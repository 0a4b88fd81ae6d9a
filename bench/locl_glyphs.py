#!/usr/bin/env python3
"""How many distinct characters of a text change glyph when the font's `locl`
substitutions for a language apply: the characters a Simplified-Chinese face
without OpenType tables (today's `--embed-fonts` subset) shows in the wrong
regional form.

    python3 bench/locl_glyphs.py fonts/NotoSerifCJKsc-Regular.otf JAN tests/fixtures/vertical/ja-tategaki.txt
    python3 bench/locl_glyphs.py fonts/NotoSerifCJKsc-Regular.otf ZHT tests/fixtures/vertical/zh-hant-zhipai.txt

LANG is an OpenType language system tag (JAN, ZHT, ZHH, KOR) under the
`hani` script. Needs fontTools.
"""
import sys
from fontTools.ttLib import TTFont

font_path, lang, text_path = sys.argv[1:4]
font = TTFont(font_path, lazy=True)
cmap = font.getBestCmap()
gsub = font["GSUB"].table
features = set()
for rec in gsub.ScriptList.ScriptRecord:
    if rec.ScriptTag != "hani":
        continue
    for ls in rec.Script.LangSysRecord:
        if ls.LangSysTag.strip() == lang:
            features.update(ls.LangSys.FeatureIndex)
subst = {}
for i in sorted(features):
    fr = gsub.FeatureList.FeatureRecord[i]
    if fr.FeatureTag != "locl":
        continue
    for li in fr.Feature.LookupListIndex:
        for st in gsub.LookupList.Lookup[li].SubTable:
            st = getattr(st, "ExtSubTable", st)
            subst.update(getattr(st, "mapping", {}) or {})
chars = sorted({c for c in open(text_path, encoding="utf-8").read() if not c.isspace()})
changed = [c for c in chars if cmap.get(ord(c)) in subst]
print(f"{text_path}: {len(changed)} of {len(chars)} distinct characters change glyph under locl {lang}: {''.join(changed)}")
