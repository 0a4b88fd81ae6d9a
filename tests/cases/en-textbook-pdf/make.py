#!/usr/bin/env python3
"""en-textbook-pdf: two chapters of an introductory soil-science textbook as
`pdftotext -raw` gives it.

UTF-8; a form feed after every page (pdftotext writes it before the next
page's first line); -raw puts the text lines out in reading order with NO
blank lines and no layout spacing, and the first-line paragraph indent of the
printed book is lost. The book is set justified in a proportional font, so a
typeset line holds 70-85 characters depending on the letters in it; the last
line of a paragraph is short (the generator checks that every body paragraph
ends within 80 % of the measure). Line-end hyphenation from a small TeX-like
dictionary (the hyphen is removed in the truth); compounds (double-ring,
carbon-to-nitrogen…) may break after their own hyphen and keep it.

Pages 41-50. Chapter openers (recto) have no running head: 'Chapter 3' and
'Soil Water' on two lines at the top and a drop folio alone at the foot.
Every other page starts with its running head and folio on one line: verso
'42 CHAPTER 3 SOIL WATER', recto '3.2 HOLDING CAPACITY 43' (the numbered
section in force at the top of the page; the boxes do not change it).
Chapter 4 opens on a recto, so the page length is chosen so that a blank
verso (just a form feed) precedes it. Figures are images: only their
captions ('Figure 3.1 …', set in smaller type, so more letters a line) are
in the text; Figures 3.1 and 3.2 float to the top of the next page, so their
captions sit between the running head and the continuation of a paragraph
from the previous page (the page length is chosen so that this happens).
Each chapter ends with boxed 'Key terms' (bulleted '• term: definition'
items), 'Summary' (paragraphs) and 'Review questions' ('1. Why does…',
wrapped over two lines, the hanging indent lost). A worked example box
'Example 3.1 A silt loam…' (label run into its first paragraph) has an
equation line of its own. Original text written for this case."""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, pick_by_category, span_words

HERE = os.path.dirname(os.path.abspath(__file__))
SHY = "\u00ad"

# ---------------------------------------------------------------- proportional type
# advance widths (1/1000 em) of a Times-like roman face
CW = {}
for chars, w in [("ijlt", 278), ("fr", 333), ("s", 389), ("acez", 444), ("bdghknopquvxy", 500),
                 ("w", 722), ("m", 778), ("IJ", 350), ("FPS", 556), ("ELTZ", 611), ("BCR", 667),
                 ("ADGHKNOQUVXY", 722), ("M", 889), ("W", 944), ("0123456789", 500), (" ", 250),
                 (".,", 250), (":;", 278), ("-", 333), ("()", 333), ("’'", 333), ("/", 278), ("%", 833),
                 ("×−=", 564), ("θ", 500), ("•", 350), ("?", 444), ("–", 500)]:
    for ch in chars:
        CW[ch] = w


def width(s):
    return sum(CW.get(ch, 500) for ch in s)


SHRINK = 83          # how much an interword space may shrink
MEASURE = 31000      # 26 pica at 10 pt
INDENT = 1000        # paragraph indent (lost by -raw)
BOX = MEASURE - 2400  # boxes are inset
CAPTION = int(MEASURE * 10 / 8.5)   # captions in 8.5 pt type: more letters on the same measure
HANG = 1100          # hanging indent of bulleted / numbered items
HYPH_SLACK = 1200    # hyphenate only when the line would otherwise be this loose
COMP_SLACK = 700     # a break after a compound's own hyphen costs less

SYL = ["in-fil-tra-tion", "in-fil-trates", "in-fil-trom-e-ter", "con-duc-tiv-i-ty", "ag-gre-gates",
       "ag-gre-gat-ed", "par-ti-cles", "de-com-po-si-tion", "de-com-pose", "de-com-posed", "or-gan-ic",
       "or-gan-isms", "mi-crobes", "mi-cro-bial", "avail-able", "ca-pac-i-ty", "sur-face", "sur-faces",
       "mea-sure-ments", "ni-tro-gen", "im-mo-bil-i-sa-tion", "tem-po-rary", "ir-ri-ga-tion", "per-ma-nent",
       "prac-tices", "ex-tract", "ex-trac-tion", "struc-ture", "tex-ture", "veg-e-ta-tion", "min-er-al",
       "res-i-dues", "cel-lu-lose", "sub-stances", "at-mo-sphere", "suc-tion", "suc-tions", "drain-age",
       "evap-o-rat-ing", "dif-fer-ent", "gen-er-al-ly", "par-tic-u-lar", "par-tic-u-lar-ly", "im-me-di-ate-ly",
       "sci-en-tists", "com-pounds", "pro-tect-ed", "pro-tec-tion", "re-leased", "re-leas-es", "com-pact-ed",
       "earth-worms", "mil-lime-tres", "cen-time-tres", "kilo-pas-cals", "en-zymes", "bac-te-ria", "ma-nure",
       "ro-ta-tions", "cul-ti-vat-ed", "cul-ti-va-tion", "over-es-ti-mates", "sur-vey-ors", "in-flu-ence",
       "pop-u-la-tion", "ac-cu-mu-late", "wa-ter-logged", "wa-ter-log-ging", "re-tention", "char-ac-ter-is-tic",
       "dis-tances", "al-to-geth-er", "pro-por-tion", "ve-hi-cles", "pre-vent", "equal-ly", "con-ven-tion-al-ly",
       "rep-re-sents", "im-por-tant", "sat-u-rat-ed", "sat-u-ra-tion", "mag-ni-tude", "ex-pe-ri-ence",
       "mois-ture", "in-ter-rupt", "ex-tract-ed", "frac-tions", "con-tin-u-um", "ad-sorbed", "aer-at-ed",
       "amounts", "ac-cept", "mea-sured", "re-turned", "re-duc-ing", "in-clud-ing", "dis-ap-pear",
       "con-tain", "con-tent", "con-tents", "be-tween", "dri-er", "di-vid-ed", "en-er-gy", "ex-pressed",
       "ex-am-ple", "pos-si-ble", "se-ri-ous", "stom-a-ta", "sched-uled", "oth-er-wise", "ear-li-er",
       "de-scribed", "re-spons-es", "com-mon-ly", "abun-dant", "cap-il-lary", "cli-mate", "an-i-mals",
       "mi-cro-or-gan-isms", "di-ox-ide", "in-crease", "de-crease", "pro-vides", "wilt-ing", "nu-tri-ents"]
_HY = {w.replace("-", ""): w.replace("-", SHY) for w in SYL}


def hyphenable(text):
    text = re.sub(r"[A-Za-z]+", lambda m: _HY.get(m.group(0), m.group(0)), text)
    return re.sub(r"(?<=[a-z])-(?=[a-z])", "-" + SHY, text)   # compounds may break after their hyphen


def fits(line, avail):
    return width(line) - line.count(" ") * SHRINK <= avail


def wrap_prop(text, measure, first=0, rest=0):
    """Justified greedy line breaking in proportional type. `first`/`rest` are the
    indents (units) of the first / following lines. Returns (lines, breaks) like
    _common.wrap_words: breaks[k] = (offset in the clean text, 'wrap'|'hyphen'|'compound')."""
    words = hyphenable(text).split(" ")
    lines, breaks = [], []
    cur, pos, avail = "", 0, measure - first
    for wi, w in enumerate(words):
        clean = w.replace(SHY, "")
        cand = clean if not cur else cur + " " + clean
        if fits(cand, avail):
            cur = cand
        else:
            best = None
            if cur and avail - width(cur) > COMP_SLACK and wi < len(words) - 1:
                # (the last word of a paragraph is never hyphenated)
                for i, ch in enumerate(w):
                    if ch != SHY:
                        continue
                    k = len(w[:i].replace(SHY, ""))
                    if k < 2 or len(clean) - k < 3:
                        continue
                    if clean[k - 1] != "-" and avail - width(cur) <= HYPH_SLACK:
                        continue
                    head = clean[:k] + ("" if clean[k - 1] == "-" else "-")
                    if fits(cur + " " + head, avail):
                        best = (cur + " " + head, k, "compound" if clean[k - 1] == "-" else "hyphen")
            if best:
                lines.append(best[0])
                breaks.append((pos + best[1], best[2]))
                cur = clean[best[1]:]
            else:
                lines.append(cur)
                breaks.append((pos - 1, "wrap"))
                cur = clean
            avail = measure - rest
        pos += len(clean) + 1
    lines.append(cur)
    return lines, breaks


# ---------------------------------------------------------------- the text
# ("ch", n, title) | ("h", level, text) | ("box", heading) ... ("endbox",) | ("li", text) bulleted key term
# ("q", text) review question | ("cap", text, figure-height-in-lines, "here"|"top") | ("eq", text)
# ("ex", text) paragraph inside the example box ("exstart"/"exend" around them) | str: body paragraph
doc = [
 ("ch", 3, "Soil Water"),
 "Water is the medium in which almost everything in a soil happens. It carries dissolved nutrients to roots, it allows microbes to move and feed, and it controls how much air the pore space can hold. Yet a soil is not a bucket. Some of the water that reaches the surface never enters it, some drains through so quickly that plants have no chance to use it, and some is held so tightly in fine pores that roots cannot extract it at all.",
 "This chapter follows water from the moment it arrives at the surface. We first consider how fast it can enter the soil, then how much the soil can hold against drainage and how much of that is available to plants, and finally how water moves within the profile after a storm has passed. The ideas introduced here return in Chapter 7, on irrigation and drainage.",
 ("h", 2, "3.1 Infiltration"),
 "Infiltration is the entry of water into the soil through its surface. The rate at which it happens, usually expressed in millimetres per hour, sets a limit on how much rain or irrigation a soil can absorb. When water arrives faster than the soil can take it in, the excess ponds on the surface or runs off downslope, and the moving water picks up soil particles and carries them away.",
 "At the start of a storm, infiltration is usually fast. A dry soil draws water into its pores by capillary suction as well as by gravity, and cracks and old root channels offer easy routes downward. As the surface layer wets up, suction weakens, swelling clays close the cracks, and the rate falls towards a steady value, the final infiltration rate, which reflects the conductivity of the least permeable layer near the surface (Figure 3.1).",
 ("cap", "Figure 3.1 Infiltration rate during a steady rainstorm on a dry silt loam. The rate falls quickly in the first half hour and then levels off at the final infiltration rate.", 13, "here"),
 ("h", 3, "3.1.1 What controls infiltration"),
 "Texture and structure are the main controls. A coarse sand may accept more than 50 mm of water an hour even when wet, whereas a compacted clay may take in less than 1 mm. Structure can matter as much as texture: a well-aggregated clay loam under old pasture often infiltrates faster than a loose sandy loam whose surface has been sealed by raindrops.",
 "Surface sealing deserves particular attention because it is so common on cultivated land. When bare soil is struck by heavy rain, aggregates at the surface break apart and the fine particles wash into the pores just below, forming a crust a few millimetres thick. Once dry, such a crust can be hard enough to prevent seedlings from emerging, and when wet it may reduce infiltration to a tenth of its former value. A cover of crop residues or living plants protects the surface by absorbing the energy of the drops.",
 "Other factors include the initial water content, the slope of the land, the presence of water-repellent organic coatings after fire or drought, and the activity of earthworms, whose burrows can carry water rapidly past a dense layer.",
 ("h", 3, "3.1.2 Measuring infiltration"),
 "The simplest field method uses a single metal ring, about 30 cm across, driven a few centimetres into the soil. Water is poured into the ring and the fall in its level is timed against a ruler. Because water spreads sideways beneath the ring as well as downward, a single ring overestimates the true rate, and many surveyors prefer a double-ring infiltrometer, in which an outer ring is kept flooded so that the water in the inner ring moves straight down.",
 "Measurements should be repeated at several points, since infiltration varies greatly over short distances. Readings taken in a wheel track and between the tracks a few metres away in the same field commonly differ by a factor of ten or more, and wheel tracks may cover a fifth of a field.",
 ("h", 2, "3.2 Holding capacity"),
 "After a soil has been thoroughly wetted, water continues to drain from the larger pores for a day or two. Drainage then becomes so slow that for practical purposes it can be ignored. The water content at this point is called the field capacity. It represents the most water the soil can hold against gravity, and in most soils it is reached when the water in the largest remaining pores is held at a suction of about 10 to 33 kilopascals (kPa).",
 ("h", 3, "3.2.1 Field capacity and wilting point"),
 "As plants take up water, the soil dries, and the water that is left is held in ever smaller pores and in ever thinner films around the particles. The drier the soil becomes, the harder a root must pull to extract more. Eventually plants cannot take up water fast enough to replace what they lose through their leaves, and they wilt and fail to recover overnight. The water content at which this happens is the permanent wilting point, which is conventionally taken as the water content at a suction of 1500 kPa.",
 "The relation between water content and suction is called the water retention curve, or the soil moisture characteristic (Figure 3.2). Its shape depends strongly on texture. A sand releases most of its water at low suctions, because most of its pore space is in large pores, while a clay gives up water gradually over the whole range and still holds a large amount at the wilting point. A loam lies between the two and usually has the widest band of water that plants can use.",
 ("cap", "Figure 3.2 Water retention curves for a sand, a loam and a clay. The vertical lines mark field capacity (33 kPa) and the permanent wilting point (1500 kPa); the water held between them is available to plants.", 14, "top"),
 ("h", 3, "3.2.2 Available water"),
 "The water held between field capacity and the permanent wilting point is called the available water capacity. It is often expressed as a depth of water per unit depth of soil, for example in millimetres per metre, which makes it easy to compare with rainfall and with what a crop uses. Loams and silt loams usually have the largest available water capacity, because they combine a good share of medium-sized pores with enough fine pores to hold water at moderate suction. Sands hold too little water altogether, while clays hold much of theirs too tightly for roots to extract it.",
 "Not all available water is equally easy to extract. As the soil dries towards the wilting point, plants close their stomata and grow more slowly long before they visibly wilt, so irrigation is normally scheduled when about half of the available water has been used.",
 ("exstart",),
 ("ex", "Example 3.1 A silt loam has a volumetric water content of 0.31 at field capacity and 0.13 at the permanent wilting point. How much water is available to a crop rooted to a depth of 60 cm?"),
 ("ex", "The available water is the difference between the two water contents multiplied by the rooting depth:"),
 ("eq", "AW = (θfc − θwp) × d = (0.31 − 0.13) × 600 mm = 108 mm"),
 ("ex", "If the crop uses 4 mm a day in midsummer and irrigation is scheduled when half of this water is gone, the soil can supply the crop for about 13 days without rain."),
 ("exend",),
 ("h", 2, "3.3 Water movement in the profile"),
 "Water in soil moves from where its energy is higher to where it is lower. In a wet soil after rain, gravity dominates and water drains downward through the larger pores. In a drying soil the main force is suction: water moves from moist zones towards drier ones, whether that means downward, sideways towards a root, or upward towards an evaporating surface.",
 "The ease with which water moves is described by the hydraulic conductivity. In a saturated soil it depends on the size and continuity of the largest pores, so a sand conducts water far faster than a clay. As the soil dries, however, the large pores empty first, and the remaining water must move through narrow, winding films. Conductivity then falls by several orders of magnitude, and in a dry sand it can fall below that of a clay at the same suction.",
 "Layers of different texture interrupt the movement of water in ways that often surprise. A layer of coarse sand beneath a loam does not speed drainage, as one might expect, but holds water back: water will not enter the large pores of the sand until the loam above it is nearly saturated. Gardeners who put gravel in a pot to improve drainage achieve the opposite.",
 ("box", "Key terms"),
 ("li", "infiltration: the entry of water into the soil through its surface."),
 ("li", "field capacity: the water content of a soil after free drainage has practically ceased, usually one to three days after thorough wetting."),
 ("li", "permanent wilting point: the water content at which plants wilt and do not recover overnight, taken as the content at 1500 kPa suction."),
 ("li", "available water capacity: the water held between field capacity and the permanent wilting point, expressed as a depth per unit depth of soil."),
 ("li", "hydraulic conductivity: a measure of the ease with which water moves through soil; it falls steeply as the soil dries."),
 ("endbox",),
 ("box", "Summary"),
 "Infiltration is fast at the start of a storm and slows to a final rate set by the least permeable layer near the surface. Surface crusts, compaction and a high initial water content reduce it; plant cover, crop residues and earthworm burrows increase it.",
 "A soil can hold water against gravity up to field capacity, but plants can use only the part held more loosely than at the permanent wilting point. Loams usually store the most available water. Water moves in response to differences in energy, and its movement slows down steeply as the soil becomes drier.",
 ("endbox",),
 ("box", "Review questions"),
 ("q", "1. Why does the infiltration rate of a dry soil fall during a long storm even though the rain falls at a steady rate?"),
 ("q", "2. Explain why a single-ring infiltrometer reads higher than a double-ring infiltrometer on the same soil."),
 ("q", "3. A clay soil holds more water at field capacity than a loam. Why does it often supply less water to a crop?"),
 ("q", "4. Using the figures in Example 3.1, how many days would the stored water last if the crop were rooted to 90 cm?"),
 ("q", "5. Why does a layer of gravel at the bottom of a flower pot leave the soil above it wetter rather than drier?"),
 ("endbox",),

 ("ch", 4, "Soil Organic Matter"),
 "Organic matter usually makes up only a few per cent of the mass of a mineral soil, but its influence is out of all proportion to its amount. It binds particles into aggregates, stores and releases nutrients, holds water, buffers the soil against changes in acidity, and feeds the enormous population of organisms that live below ground. It is also the largest store of carbon on land, holding more than the vegetation and the atmosphere combined.",
 "This chapter describes what soil organic matter is, how it is formed and broken down, and how farming and other kinds of land management change the amount that a soil contains.",
 ("h", 2, "4.1 What organic matter is"),
 "Soil organic matter includes everything in the soil that was once part of a living organism, apart from the living roots and animals themselves. At one extreme are fresh fragments of leaves and roots whose plant structure is still visible; at the other are dark, finely divided materials whose origin can no longer be recognised, often bound tightly to clay surfaces. Between these lie partly decomposed residues, the bodies of dead microbes and the many compounds they release.",
 "Older textbooks divided organic matter into humic acid, fulvic acid and humin according to how each fraction behaved when it was extracted with alkali. These fractions are still measured, but most soil scientists now regard them as products of the extraction rather than as distinct substances in the soil. It is more useful to think of organic matter as a continuum of materials at different stages of decay, each protected to a different degree from further attack by microbes.",
 "Because organic matter is difficult to measure directly, laboratories usually determine organic carbon and multiply the result by a conversion factor, traditionally 1.72, on the assumption that organic matter is 58 per cent carbon. The true factor varies from about 1.4 to 2.5 between soils, so figures for organic matter are best treated as approximate.",
 ("h", 2, "4.2 Decomposition"),
 "When a leaf falls or a root dies, it is attacked first by soil animals, which shred it into smaller pieces, and then by fungi and bacteria, which digest it with enzymes. Sugars and proteins disappear within days or weeks; cellulose takes longer, and lignin, the woody material that stiffens plant cell walls, may persist for years. Most of the carbon is released as carbon dioxide, but a part is built into new microbial cells, and when these die their remains become some of the most stable organic matter in the soil.",
 ("h", 3, "4.2.1 The carbon-to-nitrogen ratio"),
 "Microbes need nitrogen as well as carbon to build their cells, roughly one part of nitrogen for every eight to ten parts of carbon. Residues rich in nitrogen, such as legume leaves or manure, with a carbon-to-nitrogen ratio below about 25, decompose rapidly and release surplus nitrogen into the soil as ammonium. Residues poor in nitrogen, such as cereal straw or sawdust, with ratios of 80 or more, decompose slowly, and while they do so the microbes draw mineral nitrogen from the soil to make up the shortfall.",
 "This temporary immobilisation of nitrogen explains why a crop sown soon after straw has been ploughed in often looks pale and yellow. The nitrogen is not lost: it returns to the soil as the microbes die and are themselves decomposed, usually within a few months (Figure 4.1).",
 ("cap", "Figure 4.1 Mineral nitrogen in a soil after the addition of straw (C:N ratio 80) and of clover residues (C:N ratio 15). The straw causes a temporary fall in mineral nitrogen, the clover an immediate rise.", 13, "here"),
 ("h", 3, "4.2.2 Protection from decay"),
 "If decomposition simply went on until nothing was left, soils would contain little organic matter. Much of it survives for decades or centuries because it is physically or chemically protected. Organic matter held inside small aggregates is out of reach of microbes and their enzymes, and compounds adsorbed on clay surfaces are difficult to detach. For this reason clay soils generally contain more organic matter than sandy soils under the same climate and vegetation.",
 "Climate matters as well. Decomposition is fastest in warm, moist, well-aerated soils and slowest where soils are cold, dry or waterlogged. Peat forms where waterlogging keeps oxygen out of the soil for most of the year, so that plant remains accumulate faster than they decay.",
 "Soil animals speed decay as well as starting it. Earthworms drag leaves into their burrows and mix them with mineral soil, and the casts they leave behind are rich in stable aggregates. Where earthworms are scarce, as in very acid soils, undecomposed litter builds up on the surface as a mat that may be several centimetres thick.",
 ("h", 2, "4.3 Managing organic matter"),
 "The organic matter content of a soil reflects a balance between inputs from plants and losses by decomposition. When grassland or forest is first ploughed, this balance is upset: inputs fall because much of the crop is harvested, and decomposition speeds up because tillage breaks open aggregates and exposes protected material. The content typically falls quickly for ten to twenty years and then levels off at a new, lower value.",
 "Practices that add more residues or slow decomposition can reverse part of this loss. They include growing cover crops between main crops, returning straw to the soil rather than burning or removing it, applying manure or compost, reducing tillage, and including grass leys in arable rotations. Gains are slow, and they are not permanent: if the practice is stopped, most of the extra organic matter is lost again within a similar period.",
 ("box", "Key terms"),
 ("li", "soil organic matter: all material in the soil that derives from once-living organisms, excluding living roots and animals."),
 ("li", "decomposition: the breakdown of organic materials by soil organisms, releasing carbon dioxide, water and nutrients."),
 ("li", "carbon-to-nitrogen ratio: the mass of carbon in a material divided by its mass of nitrogen; it governs whether decomposition releases or consumes mineral nitrogen."),
 ("li", "immobilisation: the uptake of mineral nutrients into microbial cells, which makes them temporarily unavailable to plants."),
 ("endbox",),
 ("box", "Summary"),
 "Soil organic matter is a continuum of plant, animal and microbial remains at different stages of decay. Its decomposition is governed by the chemistry of the residues, especially their carbon-to-nitrogen ratio, and by the protection given by aggregates and clay.",
 "Cultivation usually lowers the organic matter content of a soil. Cover crops, returned residues, manures and reduced tillage can raise it again, but only slowly and only while the practices continue.",
 ("endbox",),
 ("box", "Review questions"),
 ("q", "1. Why do many soil scientists no longer regard humic and fulvic acids as distinct substances in the soil?"),
 ("q", "2. Explain why a crop may show signs of nitrogen deficiency soon after cereal straw has been ploughed into the soil."),
 ("q", "3. Why do clay soils generally contain more organic matter than sandy soils in the same climate?"),
 ("q", "4. What happens to the organic matter content of a soil when grassland is ploughed, and why does it happen?"),
 ("endbox",),
]

# ---------------------------------------------------------------- blocks and flow
blocks = []
# flow items: ("line", text, bi, brk, role) role: first/mid/last/only ; ("head", level, text) ;
# ("ch", n, title) ; ("pad",) half-space around boxes ; ("fig", bi, lines, height, place) ; ("eq", text, bi)
flow = []
after_heading = True
cur_ch = None
short_fail = []
body_full = []      # character counts of the full (not last) lines of body paragraphs


def add_lines(bi, lines, brks, measure_of_last):
    n = len(lines)
    for k, ln in enumerate(lines):
        role = "only" if n == 1 else ("first" if k == 0 else ("last" if k == n - 1 else "mid"))
        flow.append(("line", ln, bi, brks[k - 1] if k else None, role))


for d in doc:
    kind = d[0] if isinstance(d, tuple) else "p"
    if kind == "ch":
        cur_ch = d
        blocks.append({"type": "heading", "level": 1, "text": "Chapter %d %s" % (d[1], d[2])})
        flow.append(("ch", d[1], d[2]))
        after_heading = True
        continue
    if kind == "h":
        blocks.append({"type": "heading", "level": d[1], "text": d[2]})
        flow.append(("head", d[1], d[2]))
        after_heading = True
        continue
    if kind == "box":
        blocks.append({"type": "heading", "level": 2, "text": d[1]})
        flow.append(("pad",))
        flow.append(("head", 2, d[1]))
        after_heading = True
        continue
    if kind in ("endbox", "exend"):
        flow.append(("pad",))
        after_heading = True
        continue
    if kind == "exstart":
        flow.append(("pad",))
        flow.append(("keep",))      # the example box is kept together on one page
        after_heading = True
        continue
    text = d if kind == "p" else d[1]
    if kind == "eq":
        blocks.append({"type": "paragraph", "text": text})
        flow.append(("eq", text, len(blocks) - 1))
        continue
    btype = "list_item" if kind in ("li", "q") else "paragraph"
    blocks.append({"type": btype, "text": text})
    bi = len(blocks) - 1
    if kind == "p":
        # body paragraph (also the Summary paragraphs, which sit in a box)
        boxed = any(isinstance(x, tuple) and x[0] == "box" and x[1] == "Summary" for x in
                    [y for y in doc[:doc.index(d)] if isinstance(y, tuple) and y[0] in ("box", "endbox", "ch")][-1:])
        meas = BOX if boxed else MEASURE
        lines, brks = wrap_prop(text, meas, 0 if after_heading else INDENT)
        if not boxed:
            body_full += [len(l) for l in lines[:-1]]
        last = width(lines[-1])
        if len(lines) > 1 and last > 0.80 * meas:
            short_fail.append((text[:30], round(last / meas, 2), lines[-1]))
        add_lines(bi, lines, brks, meas)
    elif kind == "ex":
        lines, brks = wrap_prop(text, BOX)
        if len(lines) > 1 and width(lines[-1]) > 0.85 * BOX:
            short_fail.append((text[:50], round(width(lines[-1]) / BOX, 2)))
        add_lines(bi, lines, brks, BOX)
    elif kind == "li":
        lines, brks = wrap_prop(text, BOX - HANG)
        lines[0] = "• " + lines[0]
        add_lines(bi, lines, brks, BOX)
    elif kind == "q":
        num, rest = text.split(" ", 1)
        lines, brks = wrap_prop(rest, BOX - HANG)
        assert len(lines) == 2, ("question not on two lines", text, lines)
        lines[0] = num + " " + lines[0]
        brks = [(o + len(num) + 1, k) for o, k in brks]
        add_lines(bi, lines, brks, BOX)
    elif kind == "cap":
        lines, brks = wrap_prop(text, CAPTION)
        if width(lines[-1]) > 0.85 * CAPTION:
            short_fail.append((text[:50], round(width(lines[-1]) / CAPTION, 2)))
        flow.append(("fig", bi, [(ln, bi, brks[k - 1] if k else None) for k, ln in enumerate(lines)], d[2], d[3]))
        continue
    after_heading = False

if short_fail:
    raise SystemExit("paragraph ends too long: %r" % short_fail)

# ---------------------------------------------------------------- pagination
FIRST_FOLIO = 41


def paginate(cap, opener_cap):
    """Returns a list of pages: dict(opener=(n, title)|None, blank=bool, items=[...]) where items are
    ('line', text, bi, brk) / ('cap', text, bi, brk) / ('head', level, text) / ('eq', text, bi)."""
    pages = []
    page = None
    used = 0
    pending_figs = []

    def new_page(opener=None):
        nonlocal page, used
        if page is not None:
            pages.append(page)
        page = {"opener": opener, "blank": False, "items": []}
        used = 0
        # floats waiting for the top of a page
        while pending_figs and not opener:
            bi, flines, h = pending_figs.pop(0)
            page["items"] += [("cap",) + fl for fl in flines]
            used += h + len(flines) + 1

    def capacity():
        return opener_cap if page["opener"] else cap

    i = 0
    n = len(flow)
    while i < n:
        it = flow[i]
        t = it[0]
        if t == "ch":
            if page is not None:
                pages.append(page)
                # chapters open on a recto: odd folio
                if (FIRST_FOLIO + len(pages)) % 2 == 0:
                    pages.append({"opener": None, "blank": True, "items": []})
                page = None
            page = {"opener": (it[1], it[2]), "blank": False, "items": []}
            used = 0
            i += 1
            continue
        if t == "pad":
            used += 0.5
            i += 1
            continue
        if t == "keep":
            # measure the box up to its closing pad
            j, h = i + 1, 0
            while flow[j][0] != "pad":
                h += 2 if flow[j][0] == "eq" else 1
                j += 1
            if used + h > capacity():
                new_page()
            i += 1
            continue
        if t == "head":
            # keep with the next two lines
            need = 2 + 2
            if used + need > capacity():
                new_page()
            page["items"].append(("head", it[1], it[2]))
            used += 2
            i += 1
            continue
        if t == "eq":
            if used + 2 > capacity():
                new_page()
            page["items"].append(("eq", it[1], it[2]))
            used += 2
            i += 1
            continue
        if t == "fig":
            _, bi, flines, h, place = it
            need = h + len(flines) + 1
            if place == "here" and used + need <= capacity():
                page["items"] += [("cap",) + fl for fl in flines]
                used += need
            else:
                pending_figs.append((bi, flines, h))
            i += 1
            continue
        # a text line
        _, text, bi, brk, role = it
        if used + 1 > capacity():
            new_page()
        elif used + 2 > capacity() and role == "first":
            new_page()          # no orphan: a paragraph's first line alone at the foot
        elif used + 1 <= capacity() < used + 2 and flow[i + 1][0] == "line" and flow[i + 1][4] == "last" \
                and role == "mid":
            new_page()          # no widow: the last line alone at the top of the next page
        page["items"].append(("line", text, bi, brk))
        used += 1
        i += 1
    pages.append(page)
    assert not pending_figs
    return pages


def check(pages):
    """Wanted: Figure 3.2 at the top of a page that continues a paragraph; Chapter 4 preceded by a
    blank verso; at least four paragraphs split by a page break."""
    ok_fig = False
    splits = 0
    for k, pg in enumerate(pages):
        items = pg["items"]
        if not items:
            continue
        caps = [x for x in items if x[0] == "cap"]
        if caps and items[0][0] == "cap" and "Figure 3.2" in blocks[items[0][2]]["text"]:
            nxt = items[len(caps)] if len(items) > len(caps) else None
            prev = [x for x in pages[k - 1]["items"] if x[0] == "line"]
            if nxt and nxt[0] == "line" and nxt[3] is not None and prev and prev[-1][2] == nxt[2]:
                ok_fig = True
        body = [x for x in items if x[0] != "cap"]
        if body and body[0][0] == "line" and body[0][3] is not None:
            splits += 1
    blank = any(p["blank"] for p in pages)
    return ok_fig, blank, splits


# every (page length, opener length) that gives the wanted layout; keep the one with the most
# page breaks inside paragraphs (ties: nearest to 42 lines a page)
good = []
for CAP in range(38, 47):
    for OCAP in range(CAP - 15, CAP - 7):
        ok_fig, blank, splits = check(paginate(CAP, OCAP))
        if ok_fig and blank and splits >= 4:
            good.append((-splits, abs(CAP - 42), CAP, OCAP))
if not good:
    raise SystemExit("no page length gives the wanted layout")
_, _, CAP, OCAP = min(good)
pages = paginate(CAP, OCAP)
ok_fig, blank, splits = check(pages)

# ---------------------------------------------------------------- render
out = []
cands = []            # (category, span)
cur_section = None    # numbered section in force
chapter = None
page_breaks = []      # bi of paragraphs split across pages
for k, pg in enumerate(pages):
    folio = FIRST_FOLIO + k
    lines = []
    if pg["blank"]:
        out.append("")
        continue
    if pg["opener"]:
        chapter = pg["opener"]
        cur_section = None
        lines += ["Chapter %d" % chapter[0], chapter[1]]
    else:
        if folio % 2 == 0:
            lines.append("%d CHAPTER %d %s" % (folio, chapter[0], chapter[1].upper()))
        else:
            # the numbered section in force at the top of the page
            top = pg["items"][0] if pg["items"] else None
            opens = top and top[0] == "head" and top[1] == 2 and re.match(r"\d", top[2])
            sec = top[2] if opens else cur_section
            name = sec.upper() if sec else "CHAPTER %d %s" % (chapter[0], chapter[1].upper())
            lines.append("%s %d" % (name, folio))
    seen_body = False
    for x in pg["items"]:
        if x[0] == "head":
            lines.append(x[2])
            if x[1] == 2 and re.match(r"\d", x[2]):
                cur_section = x[2]
            seen_body = True
            continue
        if x[0] == "eq":
            lines.append(x[1])
            seen_body = True
            continue
        _, text, bi, brk = x
        lines.append(text)
        if brk is not None:
            off, bk = brk
            b = blocks[bi]["text"]
            span = span_words(b, off, 2, 2, "wrap" if bk == "wrap" else "x")
            if x[0] == "line" and not seen_body:
                cat = "page"
                page_breaks.append(bi)
            elif bk == "hyphen":
                cat = "hyphen"
            elif bk == "compound":
                cat = "compound"
            elif x[0] == "cap":
                cat = "caption"
            elif blocks[bi]["type"] == "list_item" and b[0].isdigit():
                cat = "question"
            elif blocks[bi]["type"] == "list_item":
                cat = "bullet"
            else:
                cat = "wrap"
            cands.append((cat, span))
        if x[0] == "line":
            seen_body = True
    if pg["opener"]:
        lines.append(str(folio))
    out.append("\n".join(lines) + "\n")
text = "\f".join(out) + "\f"

joins = pick_by_category(cands, [("page", 99), ("hyphen", 6), ("compound", 2), ("caption", 1), ("bullet", 2), ("question", 2), ("wrap", None)], total=26)

# ---------------------------------------------------------------- truth
paras = [b["text"] for b in blocks if b["type"] != "heading"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
samples = [idx("Water is the medium"), idx("Figure 3.2"), idx("Example 3.1"), idx("AW = "),
           idx("field capacity: the water"), idx("3. A clay soil"), idx("Cultivation usually"),
           idx("This temporary immobilisation")]
for bi in page_breaks:
    i = paras.index(blocks[bi]["text"])
    if i not in samples:
        samples.append(i)

broken = {"hyphen": [], "compound": []}
for pg in pages:
    for x in pg["items"]:
        if x[0] in ("line", "cap") and x[3] is not None and x[3][1] != "wrap":
            t, off = blocks[x[2]]["text"], x[3][0]
            a = off - len(t[:off].split(" ")[-1])
            z = off + len(t[off:].split(" ")[0].rstrip(".,;:)?"))
            w = t[a:off] + ("-" if x[3][1] == "hyphen" else "") + "/" + t[off:z]
            broken[x[3][1]].append(w)

body_lens = body_full
cap_lens = [len(x[1]) for pg in pages for x in pg["items"] if x[0] == "cap"]
blank_folio = FIRST_FOLIO + next(k for k, p in enumerate(pages) if p["blank"])
top_caps = [(blocks[p["items"][0][2]]["text"][:10], FIRST_FOLIO + k) for k, p in enumerate(pages)
            if p["items"] and p["items"][0][0] == "cap"]
recto_example = next(l for l in text.split("\f") if re.match(r"\d\.\d [A-Z]", l)).split("\n")[0]
write_case(
    HERE, title="", blocks=blocks, input_text=text, encoding="utf-8", language="en", joins=joins,
    must_not_appear=["CHAPTER 3 SOIL WATER", "CHAPTER 4 SOIL ORGANIC MATTER",
                     "re:\\b\\d\\.\\d(?: [A-Z]{2,})+ \\d{2}\\b", "re:^\\s*\\d{2}\\s*$",
                     "re:\\b[a-z]+- [a-z]+"],
    samples_idx=sorted(samples),
    notes=("pdftotext -raw of pages %d-%d of an introductory soil-science textbook (chapters 3 and 4): UTF-8, "
           "no blank lines, form feed after every page, justified proportional type (full body lines %d-%d "
           "characters, boxes narrower, captions in smaller type up to %d), paragraph indents lost, so a paragraph ends only where a line ending a sentence is "
           "clearly shorter than the measure. No book title in the input: truth title is empty. Headings: "
           "'Chapter 3' + 'Soil Water' on two lines = ONE level-1 heading 'Chapter 3 Soil Water' (likewise "
           "Chapter 4); 'n.n …' level 2; 'n.n.n …' level 3; the boxed 'Key terms', 'Summary', 'Review "
           "questions' level 2 (an editor might put them at level 3 or not make them headings). Artifacts: "
           "running head + folio at the top of every non-opener page ('42 CHAPTER 3 SOIL WATER' verso, "
           "'%s' recto: the numbered section in force at the top of the page, so it may name a section "
           "whose heading is pages back, and it never changes for the boxes), the drop folio alone at "
           "the foot of the two chapter openers (41 and %d), and a blank page %d (just a form feed) before "
           "Chapter 4. Figures: only captions, each ONE paragraph; %s float to the top of the next page, "
           "between the running head and the continuation of the paragraph in progress, which must be "
           "joined across folio, running head, caption and page break (in the truth each caption stays "
           "after the paragraph that cites the figure). 'Example 3.1 A silt loam…' is a paragraph (label run in, not a heading); the "
           "equation line 'AW = (θfc − θwp) × …' is its own paragraph, separate from the text before and "
           "after it. Key terms: one list_item per bullet, '•' not part of the text. Review questions: one "
           "list_item each, number kept ('1. Why does…'), each wrapped over two lines. Line-end hyphens "
           "removed: %s; compounds broken after their hyphen keep it: %s."
           % (FIRST_FOLIO, FIRST_FOLIO + len(pages) - 1, min(body_lens), max(body_lens), max(cap_lens),
              recto_example, blank_folio + 1, blank_folio, " and ".join("'%s' (page %d)" % f for f in top_caps),
              ", ".join(broken["hyphen"]) or "none",
              ", ".join(broken["compound"]) or "none")),
)
print(len(pages), "pages (cap %d/%d);" % (CAP, OCAP),
      len(re.findall(r"\w+", " ".join(b["text"] for b in blocks))), "words;",
      len(joins), "joins;", len(paras), "paragraphs;", splits, "page splits;",
      len(broken["hyphen"]), "hyphens;", len(broken["compound"]), "compound breaks")
