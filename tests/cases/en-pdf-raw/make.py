#!/usr/bin/env python3
"""en-pdf-raw: a short English technical note as `pdftotext -raw` gives it.

No blank lines at all, no form feeds. Lines are the typeset lines (78 columns,
single spaces, ragged). Paragraphs are marked only by a first-line indent of
three spaces, except the first paragraph after a heading, which is set flush
(book convention). Numbered headings '1. Introduction' / '1.1 Background'
(levels 1 / 2), unnumbered 'Abstract' and 'References' (level 1). A folio
(bare page number) ends every page of 44 lines, usually in the middle of a
paragraph. Line-end hyphenation. Original text written for this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, wrap_words, span_words, pick_joins

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "Measuring Footpath Erosion on Upland Trails: A Simple Field Protocol"
W, IND, PAGE = 78, 3, 28
SHY = "\u00ad"
# allowed hyphenation points (TeX-like); applied to every occurrence in the running text
SYL = ["pho-to-gram-met-ric", "con-sid-er-able", "veg-e-ta-tion", "in-de-pen-dent-ly", "geo-mor-phol-o-gy",
       "per-ma-nent-ly", "dif-fer-ences", "dif-fer-ence", "mea-sure-ments", "mea-sure-ment", "mea-sur-ing",
       "equip-ment", "spe-cial-ist", "tran-sects", "tran-sect", "sur-veyed", "vol-un-teers", "dis-agree-ment",
       "un-dis-turbed", "mon-i-tor-ing", "tram-pling", "pro-cess-ing", "pro-to-col", "ob-servers", "rec-om-mend",
       "af-ford-able", "pho-to-graphs", "Ter-res-trial", "sec-tion-al", "de-scribe", "pro-cedure", "Pho-to-graph",
       "grad-u-ated", "ad-e-quate", "de-tect-ing", "foot-paths", "min-er-al", "prac-tice", "re-quires",
       "sug-gests", "pro-file", "vis-i-ble", "Ero-sion", "ero-sion", "be-tween", "sur-face",
       "de-cade", "vol-un-teer", "cov-er", "re-peat-ed", "in-stalled", "rel-a-tive"]


def hyphenable(text):
    import re
    table = {w.replace("-", ""): w.replace("-", SHY) for w in SYL}
    text = re.sub(r"[A-Za-z]+", lambda m: table.get(m.group(0), m.group(0)), text)
    return re.sub(r"(?<=[a-z])-(?=[a-z])", "-" + SHY, text)   # compounds may break after their hyphen

# ("h", level, text) | ("li", text) list item/caption/reference: own line(s), no indent | str paragraph
doc = [
 ("h", 1, "Abstract"),
 "We describe a low-cost protocol for measuring the erosion of upland footpaths with two fixed pins, a tape and a graduated rod. The method was tested on 212 transects along four trails between 2017 and 2019. Repeat measurements by different volunteers agreed to within 6 per cent of the cross-sectional area, which is adequate for detecting the changes that matter to path managers. We recommend the protocol for routine monitoring where laser or photogrammetric surveys are not affordable.",
 ("h", 1, "1. Introduction"),
 "Erosion of footpaths is one of the most visible impacts of walking in the uplands. Once the vegetation on a path is worn through, rain and frost work on the exposed soil, the tread widens as walkers step around wet patches, and a narrow line can become a scar several metres wide within a decade.",
 "Path managers need to know where erosion is fastest, so that limited repair budgets can be spent where they do most good. In practice, however, most monitoring consists of fixed-point photographs, which show that a path has changed but not by how much.",
 ("h", 2, "1.1 Background"),
 "Several methods have been used to quantify path erosion. Terrestrial laser scanning gives a detailed surface model but requires equipment costing tens of thousands of pounds and a trained operator. Structure-from-motion photogrammetry is cheaper but needs careful ground control and considerable processing time. The simplest methods measure a single cross-section at a fixed point, repeated at intervals of one or more years.",
 "Cross-sectional methods have a long history in geomorphology and are well suited to volunteer surveys, because the only equipment needed is a tape, a rod and a way of marking the ends of the transect permanently.",
 ("h", 2, "1.2 Aims of this report"),
 "This report sets out a standard protocol, describes its use on four trails in the northern Pennines, and estimates how much of the measured change is due to differences between observers rather than to erosion.",
 ("h", 1, "2. Method"),
 ("h", 2, "2.1 Site selection"),
 "Four trails were chosen to cover the main surface types found in the area: deep peat, thin peat over mineral soil, glacial till, and bare gravel. On each trail, transects were placed at 50 m intervals along the line of the path, giving 212 transects in total. Transects falling on bridges, stone pitching or other repairs were moved to the next suitable point.",
 ("h", 2, "2.2 Transect measurement"),
 "At each transect two steel pins, 40 cm long, were driven into undisturbed ground on either side of the path, at least 1 m beyond the outer edge of visible trampling. The procedure at each visit was as follows:",
 ("li", "1. Stretch the tape tightly between the tops of the two pins and record its length."),
 ("li", "2. Starting at the left pin, measure the vertical distance from the tape to the ground surface every 10 cm, to the nearest 0.5 cm."),
 ("li", "3. Note the surface type at each point (vegetation, bare soil, gravel or water)."),
 ("li", "4. Photograph the transect from both ends with the tape in place."),
 "The cross-sectional area of the path is then the area between the tape and the ground profile, less the area recorded at the first survey. Figure 1 shows a typical profile on deep peat.",
 ("li", "Figure 1. Cross-section of a worn trail on deep peat, surveyed in 2017 and 2019. The shaded area is the soil lost between the two surveys."),
 "To estimate observer error, 30 transects were measured independently by two volunteers on the same day in 2019, each without seeing the other's readings.",
 ("h", 1, "3. Results"),
 "Between 2017 and 2019 the mean cross-sectional area of erosion increased by 38 cm² per transect on deep peat, 21 cm² on thin peat, 9 cm² on till and 4 cm² on gravel. The differences between surface types were larger than the differences between trails of the same type, which suggests that the surface is the main control on the rate of erosion at these sites.",
 "The repeat measurements by two observers agreed closely. The mean absolute difference in cross-sectional area was 5.8 per cent, and in no case did the difference exceed 12 per cent. Most of the disagreement arose at the edges of the path, where the ground surface was hidden by tussocks and the two volunteers placed the rod differently.",
 ("h", 1, "4. Discussion"),
 "The protocol is slow compared with a laser survey (a team of two takes about fifteen minutes per transect), but it requires no specialist equipment and produces results that can be compared directly from one year to the next. The observer error is small relative to the changes recorded on peat, though on gravel it is of the same order as the change itself, and surveys there should be repeated at longer intervals.",
 "All four trails will be surveyed again in the summer of 2021, together with two further trails on which pins were first installed in the autumn of 2019.",
 ("h", 1, "References"),
 ("li", "Calloway, R. (2016) Counting feet: visitor numbers on upland paths. Upland Paths Trust, Technical Note 4."),
 ("li", "Menon, J. and Calloway, R. (2018) Volunteer surveys of path condition. Journal of Upland Management 12, 44-51."),
]

blocks = []
lines = [(TITLE, None, None), ("Ruth Calloway and Jai Menon", None, None), ("Upland Paths Trust, Technical Note 7", None, None)]
after_heading = True
for d in doc:
    if isinstance(d, tuple) and d[0] == "h":
        blocks.append({"type": "heading", "level": d[1], "text": d[2]})
        lines.append((d[2], None, None))
        after_heading = True
        continue
    if isinstance(d, tuple):
        text, ind = d[1], 0
    else:
        text, ind = d, (0 if after_heading else IND)
    after_heading = False
    clean = text.replace(SHY, "")
    blocks.append({"type": "paragraph", "text": clean})
    pi = len(blocks) - 1
    wl, br = wrap_words(hyphenable(text), W, {}, first_indent=ind)
    for k, ln in enumerate(wl):
        lines.append(((" " * ind if k == 0 else "") + ln, pi, br[k - 1] if k > 0 else None))

out, cands, page = [], [], 1
for k, item in enumerate(lines):
    if k and k % PAGE == 0:
        out.append(str(page))
        page += 1
        pb = True
    else:
        pb = False
    ln, pi, brk = item
    out.append(ln)
    if pi is not None and brk is not None:
        off, kind = brk
        cands.append((0 if (pb or kind != "wrap") else 1,
                      span_words(blocks[pi]["text"], off, 2, 2, "wrap" if kind == "wrap" else "x")))
out.append(str(page))
text = "\n".join(out) + "\n"

joins = pick_joins(cands, 10)
paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
write_case(
    HERE, title=TITLE, blocks=blocks, input_text=text, encoding="utf-8", language="en", joins=joins,
    must_not_appear=["re:\\b[a-z]+- [a-z]+",
                     "re:^\\d$"],
    samples_idx=[idx("We describe"), idx("Path managers"), idx("2. Starting"), idx("Figure 1."),
                 idx("The repeat measurements"), idx("All four trails"), idx("Menon, J.")],
    notes=("pdftotext -raw of a two-column-free technical note: no blank lines, no form feeds, 78-column "
           "ragged lines with single spaces; paragraphs start with a three-space indent except the first one "
           "after a heading (flush, book convention), so a paragraph start after a heading is only visible "
           "from the heading. Title, author and series lines at the top (the author/series lines are metadata, "
           "not expected as body paragraphs). Headings: 'Abstract', '1. Introduction', '2. Method', "
           "'3. Results', '4. Discussion', 'References' at level 1; '1.1 Background' etc. at level 2. Folios: the "
           "page number alone on a line after every 44 lines, usually inside a paragraph (must be removed "
           "and the paragraph rejoined). Negatives: the numbered procedure '1. Stretch the tape…' … '4. "
           "Photograph…' (list items = paragraphs, not headings; they look like '1. Introduction'); the "
           "caption 'Figure 1. …'; reference entries; numbers like 212, 2019, 0.5 cm inside text. Line-end "
           "hyphens inside words are removed; compounds (low-cost, cross-section, fixed-point, "
           "Structure-from-motion) keep their hyphen."),
)
