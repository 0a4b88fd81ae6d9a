#!/usr/bin/env python3
"""en-report-pdf: an English field-study paper as `pdftotext` (default mode) gives it.

UTF-8, no -layout spacing, every page ends with a form feed. A report set
with space between paragraphs, so pdftotext puts a blank line between
blocks (paragraphs, headings, captions, the equation, the table, the list,
the reference list); lines inside one block follow each other (list items,
table rows, affiliations and references are not separated by blank lines).
Lines are hard-wrapped at a measure that varies per paragraph between 75
and 92 characters (proportional type), with some line-end hyphenation:
infra-/structure (the word is 'infrastructure', also printed unbroken) and
the real compound rain-/fed (printed 'rain-fed' elsewhere).

Page 1: the title over two lines, an author line whose superscript
affiliation marks came out as plain digits ('Okafor1'), two affiliation
lines '1 Institute…' / '2 Department…', 'Abstract', its paragraph, a
'Keywords: …' line, then the body; folio '1' at the foot. Running heads
alternate: even pages have the short title 'Rooftop rainwater harvesting in
Lagos' on top and the folio alone at the foot; odd pages have the authors'
head and the folio on one line at the top ('Okafor et al. 5') and nothing at
the foot. One even page carries a footnote ('1 In 2022 a 150 mm…', two
lines in a wider measure) at the foot, below the body text and above the
folio, while the paragraph in progress continues on the next page. Numbered headings at three levels
('2 Methods', '2.1 Study sites', '2.1.1 Selection of households'),
unnumbered 'Abstract', 'Acknowledgements', 'References' at level 1.
Original text written for this case."""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, pick_by_category, wrap_words, span_words

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE_LINES = ["Rooftop Rainwater Harvesting in Planned and Informal",
               "Neighbourhoods of Lagos: A Two-Season Field Study"]
TITLE = " ".join(TITLE_LINES)
SHORT = "Rooftop rainwater harvesting in Lagos"   # even-page running head
AUTHORS_HEAD = "Okafor et al."                    # odd-page running head (+ folio)
FN_W = 100           # footnotes are set small: a wider measure
SHY = "\u00ad"
# measures cycled over the paragraphs (proportional type: each paragraph its own ragged width)
WIDTHS = [84, 79, 88, 76, 91, 82, 86, 78, 90, 80, 85, 77, 89, 83, 92, 75, 87, 81]
# allowed line-end hyphenation points, applied to every occurrence in running text
SYL = ["har-vest-ing", "house-holds", "con-tain-ers", "ef-fi-cien-cy", "tur-bid-i-ty", "di-ver-sion",
       "con-cen-tra-tions", "com-mu-ni-ty", "as-so-ci-a-tions", "lab-o-ra-tory", "sig-nif-i-cant",
       "con-tam-i-na-tion"]

# ("h", level, text) | ("fm", text) front-matter line | ("eq", text) | ("cap", text) caption
# ("row", text) table row | ("li", text) bulleted item | ("ref", text) reference | ("fn", text) footnote
# str: body paragraph ({infra}/{rainfed} mark the forced line-end breaks)
doc = [
 ("fm", "Chidinma Okafor1, Tunde Bakare1 and Ingrid Holm2"),
 ("aff", "1 Institute for Water and Environmental Studies, Yaba, Lagos, Nigeria"),
 ("aff", "2 Department of Water Resources Engineering, Northfield University, United Kingdom"),
 ("h", 1, "Abstract"),
 "Roof runoff is an obvious supplementary source of water in cities where the public supply is intermittent, yet few studies have measured what households in West African cities actually collect and how they use it. We monitored 64 rainwater harvesting systems in four neighbourhoods of Lagos, Nigeria, over the wet seasons of 2021 and 2022. Roof areas ranged from 38 to 410 m2, and storage from a single 200 L drum to ferrocement tanks of 20 m3. Measured yields were on average 71 per cent of the theoretical maximum, with the largest shortfalls on rusted iron roofs and where gutters had not been cleaned. First-flush diversion reduced turbidity by more than half but had little effect on faecal indicator bacteria, which were detected in 58 per cent of stored samples. Most households used harvested water for washing and cleaning rather than drinking, and storage was the main constraint on use in the dry months. We argue that modest public support for gutters, first-flush devices and tank maintenance would extend the benefit of existing systems more cheaply than new infrastructure.",
 "Keywords: rainwater harvesting; roof runoff; intermittent supply; water quality; first flush; Lagos",
 ("h", 1, "1 Introduction"),
 "Lagos is one of the fastest-growing cities in the world, and its public water supply has not kept pace. Estimates of the share of residents with a piped connection vary widely, but all of them are low, and those who do have a connection often receive water for only a few hours a week. Households make up the difference with a patchwork of private boreholes, hand-dug wells, water vendors and sachet water, each with its own costs and risks. In a city that receives between 1,400 and 1,800 mm of rain a year, it is natural to ask how much of this demand could be met from roofs.",
 "Rainwater harvesting has a long history in rural West Africa, where rain-fed agriculture and roof catchment are both common, and a growing literature has examined its potential in cities [1, 2]. Most urban studies, however, estimate potential yield from roof area and rainfall records rather than measuring what is actually collected [3]. The gap between the two matters. Gutters leak or overflow in heavy storms, first-flush devices are removed because they are a nuisance, tanks fill early in the season and then spill, and collected water may be used for purposes that other sources could have served equally well.",
 "This paper reports a field study of 64 existing rainwater harvesting systems in four neighbourhoods of Lagos over two wet seasons. We set out to answer three questions. First, how much water do these systems collect, and how does this compare with the yield that roof area and rainfall would predict? Second, what is the quality of the stored water, and how is it affected by roof material and first-flush diversion? Third, how do households use the water, and what limits their use of it? The answers bear on whether public agencies should promote rainwater harvesting as part of the city's water infrastructure or leave it, as at present, to individual initiative.",
 ("h", 1, "2 Methods"),
 ("h", 2, "2.1 Study sites"),
 "The study was carried out in four neighbourhoods chosen to span the range of housing found in the city (Figure 1). Two are planned residential estates on the mainland, with detached or semi-detached houses on individual plots; one is an older, densely built district of compound houses in which several households share a courtyard and a roof; and one is an informal settlement on reclaimed land at the lagoon edge, where most dwellings are single-storey structures with corrugated iron roofs. We refer to the sites as A and B (planned estates), C (compound houses) and D (informal settlement).",
 ("cap", "Figure 1: Location of the four study sites in metropolitan Lagos. Sites A and B are planned estates, site C an older district of compound houses and site D an informal settlement at the lagoon edge."),
 "The climate is humid tropical, with two wet seasons: a long one from April to July and a shorter one from September to October. Rainfall during the study was recorded with tipping-bucket gauges installed on a roof at each site and checked against a manual gauge read daily by a resident assistant.",
 ("h", 3, "2.1.1 Selection of households"),
 "Households were recruited through community associations at each site. To be included, a household had to have an existing system with gutters feeding at least one storage container, and had to agree to weekly visits for the duration of the study. Of 91 households that volunteered, 64 met these conditions and remained in the study to the end: 18 at site A, 16 at site B, 14 at site C and 16 at site D.",
 ("h", 3, "2.1.2 Sampling"),
 "Water samples were taken from each storage container every second week during the wet seasons and monthly during the dry season, for as long as the container held water. Samples were drawn from the tap or, where there was none, with a sterilised dipper from below the surface, and were kept in a cool box until they reached the laboratory, normally within six hours. In addition, at 20 households we collected the first runoff from the roof in three storms each season, before it entered any first-flush device, so that the effect of diversion could be estimated directly.",
 ("h", 2, "2.2 Yield estimation"),
 "The volume collected by each system was measured with a flow meter fitted on the downpipe above the tank inlet; where this was not possible, the water level in the tank was read before and after each storm and converted to volume from the tank dimensions. The theoretical yield of a roof over a period was taken as",
 ("eq", "Y = C × A × P / 1000 (1)"),
 "where Y is the yield in cubic metres, A is the plan area of the roof in square metres, P is the rainfall over the period in millimetres, and C is a runoff coefficient that accounts for losses by evaporation, splash and absorption. We used C = 0.85 for metal roofs and 0.75 for concrete and asbestos-cement roofs, values commonly adopted in design guidance [4]. The ratio of measured to theoretical yield, which we call the collection efficiency, summarises all the losses that occur between the roof and the tank.",
 ("h", 2, "2.3 Water quality analysis"),
 "Each sample was analysed for the following parameters:",
 ("li", "turbidity, measured with a portable nephelometer calibrated against formazin standards before each round of sampling;"),
 ("li", "pH and electrical conductivity, measured on site with a handheld meter so that the values would not drift in transport;"),
 ("li", "Escherichia coli and total coliforms, counted by membrane filtration on chromogenic agar after 24 hours at 37 °C;"),
 ("li", "lead and zinc, determined by atomic absorption spectrometry on a subset of 120 samples from metal roofs and galvanised tanks."),
 "Results were compared with the national drinking water standard and with the guideline values of the World Health Organization. Because most households did not drink the water, we also report the share of samples suitable for bathing and laundry under the less strict criteria used by the state environmental agency.",
 ("h", 2, "2.4 Household interviews"),
 "At the end of each wet season one adult in each household, usually the person responsible for water, was interviewed about how harvested water had been used, what other sources the household relied on and what it spent on them, and how the system was maintained. Interviews were conducted in English, Yoruba or Nigerian Pidgin according to the respondent's preference and took about forty minutes.",
 ("h", 1, "3 Results"),
 ("h", 2, "3.1 Rainfall and yield"),
 "Rainfall in both years was close to the long-term average: 1,512 mm in 2021 and 1,634 mm in 2022, of which about four fifths fell in the two wet seasons. Storms were short and intense. Half of the wet-season rainfall came in events of more than 25 mm, and the largest single storm, on 18 June 2022, delivered 142 mm in under five hours.",
 "Table 1 summarises roof characteristics and yields by site. Measured wet-season yields ranged from 9.6 m3 for a small iron roof at site D to 318 m3 for a large concrete roof at site A. Collection efficiency averaged 0.71 across all systems but varied more within sites than between them.",
 ("cap", "Table 1: Roof characteristics, storage and measured yield by site, wet seasons of 2021 and 2022 (means per household)."),
 ("row", "Site  Households  Roof area (m2)  Storage (m3)  Yield (m3)  Efficiency"),
 ("row", "A  18  286  9.4  209  0.78"),
 ("row", "B  16  214  6.1  158  0.74"),
 ("row", "C  14  173  2.3  121  0.66"),
 ("row", "D  16  52  0.8  35  0.64"),
 ("row", "All  64  185  4.9  134  0.71"),
 "The lowest efficiencies were found on iron roofs with heavy rust, where runoff was partly absorbed by corrosion products and partly lost through holes, and on roofs whose gutters were blocked with leaves or sagged away from the eaves. At 23 of the 64 households, gutters overflowed in every storm of more than 20 mm, so that the high-intensity events that supply most of the rain contributed least to storage. Cleaning and re-fixing gutters at eight households midway through the 2022 season raised their efficiency from 0.58 to 0.77 on average.",
 ("h", 2, "3.2 Water quality"),
 "Turbidity of the first runoff was high, with a median of 38 NTU, and fell quickly as the roof was washed: by the time 1 mm of rain had run off, median turbidity was below 5 NTU. First-flush devices, present at 29 households, reduced the median turbidity of stored water from 6.2 to 2.7 NTU (Figure 2). Their effect on bacteria was much smaller. E. coli was detected in 58 per cent of all stored samples, in 61 per cent of samples from systems without first-flush diversion and in 54 per cent of those from systems with it.",
 ("cap", "Figure 2: Turbidity of stored water at households with and without first-flush diversion, all sampling rounds. Boxes show the interquartile range and whiskers the 5th and 95th percentiles."),
 "Lead exceeded the drinking water guideline in 9 of the 120 samples tested, all from roofs painted with old lead-based paint or fitted with lead flashing. Zinc concentrations were higher from galvanised roofs and tanks than from other materials but were everywhere well below levels of health concern. The pH of stored water was slightly acidic in the first weeks of the season and rose as concrete tanks leached alkalinity into the water.",
 ("h", 2, "3.3 Household use"),
 "Interviews at the end of each season showed that harvested water was used mainly for laundry, cleaning and bathing, and in the planned estates also for washing cars and watering gardens. Only 11 of the 64 households drank it, and all of these boiled or filtered it first. Households valued the water above all because it reduced what they spent on vendors [7]. At site D, where most families buy water by the 25-litre jerrycan for up to ₦50, a full 0.8 m3 tank replaced purchases worth more than ₦1,600, a significant sum for families whose daily income is often below ₦3,000.",
 "Storage was the main constraint on use. Almost all the households at sites C and D, where storage averaged less than 2.5 m3, reported that their containers were full within a day or two of heavy rain and that they had to let further runoff spill. Conversely, in the dry months from November to March, only the largest tanks at site A held water for more than a few weeks. Several respondents described a kind of rationing: keeping the harvested water for washing clothes, for which it was preferred because it was soft, and using vendor water for everything else.",
 "Maintenance was irregular. Only 19 households cleaned their gutters more than once a season, and 12 of the 29 first-flush devices were emptied so rarely that by mid-season they no longer diverted anything. Tanks were cleaned on average less than once a year, and a layer of sediment more than 5 cm deep was found in a third of the tanks we inspected at the end of the study.",
 ("h", 1, "4 Discussion"),
 "The collection efficiency we measured, 0.71 on average, is lower than the runoff coefficients usually assumed in design, and the difference is not explained by the roof itself. Most of the losses occurred in gutters and downpipes, which were undersized for the intensity of tropical storms or poorly maintained. Estimates of urban harvesting potential based on roof area and rainfall alone are therefore likely to overstate what existing systems deliver by a quarter or more, and the shortfall is concentrated in exactly the storms that could otherwise fill storage.",
 "The volumes reaching the tanks are large relative to household needs. A household of five using 50 litres per person per day, a figure often taken as a basic urban requirement, needs about 46 m3 over the 183 days of the two wet seasons; the average system delivered nearly three times this to its tank inlet. How much of it was used depended almost entirely on storage. At site A, where tanks held 9.4 m3 on average, households drew on harvested water for most uses other than drinking from May to October, whereas at site D, with less than 1 m3 of storage, most of the water that reached a tank in a heavy storm overflowed within hours.",
 "On quality, our findings agree with earlier work that first-flush diversion is an effective means of reducing turbidity but not a sufficient barrier against faecal contamination [5, 6]. Birds, lizards and rodents on roofs are likely sources, as is contamination at the point of use, since many containers were open or were filled and emptied with shared buckets. Households were right to treat the water before drinking it, and the uses to which they put it without treatment carry much lower risks.",
 ("h", 2, "4.1 Implications for public support"),
 "Rainwater harvesting in Lagos is at present entirely a private matter. Our results suggest that relatively cheap public measures could increase its contribution. Larger gutters and first-flush devices cost little compared with a tank,1 and a programme of gutter cleaning and repair would raise the yield of existing systems without any new storage. Where storage is the binding constraint, as in the compound houses and the informal settlement, shared tanks serving several households may be more practical than individual ones, since plots are small and roofs are often shared already. None of these measures requires large new {infra}, and all of them could be delivered through the community associations that helped us to recruit households.",
 ("fn", "1 In 2022 a 150 mm PVC gutter cost about ₦2,500 a metre fitted, a first-flush device ₦8,000 and a 2,000-litre plastic tank ₦180,000 (one US dollar was worth about ₦420)."),
 ("h", 2, "4.2 Limitations"),
 "The study has several limitations. The households were volunteers and probably maintained their systems better than average, so our efficiencies may be optimistic. Two wet seasons are a short record, and both were close to average; in a dry year, yields and the share of demand met would be lower. Finally, as in {rainfed} cultivation, the value of harvested water depends on its timing, and we did not measure how much of the collected water displaced purchases rather than adding to consumption.",
 ("h", 1, "5 Conclusions"),
 "Existing rooftop systems in Lagos collect substantial volumes of water, but less than their roof areas promise, and the water they collect is used mainly where quality matters least. Improving gutters, adding first-flush diversion and enlarging or sharing storage would increase yields at low cost. Treating rainwater harvesting as a recognised part of the city's water supply, rather than an improvised private response to its failures, would make it easier to deliver these improvements at scale.",
 ("h", 1, "Acknowledgements"),
 "We thank the residents and community associations of the four study sites for their patience with weekly visits, and the laboratory staff of the Institute for Water and Environmental Studies for analysing more than 1,900 samples. The fieldwork was supported by a small grant from the Northfield Global Challenges Fund. The funder had no role in the design of the study or the interpretation of the results.",
 ("h", 1, "References"),
 ("ref", "[1] Adebayo, F. and Gbadamosi, K. (2017). Domestic rainwater harvesting in south-western Nigeria: practices and perceptions. West African Journal of Water Studies 9(2), 112–127."),
 ("ref", "[2] Holm, I. and Marsh, D. (2019). Roof runoff as a supplementary urban supply: a review of yield estimates from twelve cities. Urban Water Systems Review 14, 55–79."),
 ("ref", "[3] Mensah, S., Owusu, A. and Boateng, E. (2020). Estimating rainwater harvesting potential from building footprints: a case study in Kumasi. Journal of Applied Hydrology in Africa 6(1), 23–38."),
 ("ref", "[4] Rainwater Harvesting Design Committee (2015). Guidance on the Design of Domestic Rainwater Systems, 2nd edn. Technical Manual 12. Northfield University Press."),
 ("ref", "[5] Bakare, T. and Okafor, C. (2021). First-flush diversion and the microbial quality of stored roof runoff in coastal Nigeria. West African Journal of Water Studies 13(4), 301–315."),
 ("ref", "[6] Lindgren, P., Osei, R. and Holm, I. (2018). Sources of faecal contamination in household rainwater tanks. Water and Health Letters 3, 88–97."),
 ("ref", "[7] Ogunleye, B. (2016). Water vendors and the informal economy of supply in Lagos. Journal of Urban Services and Society 4, 201–219."),
]

FORCED = {"{infra}": ("infra" + SHY + "structure", "infrastructure", 5, "hyphen"),
          "{rainfed}": ("rain-fed", "rain-fed", 5, "compound")}


def hyphenable(text):
    table = {w.replace("-", ""): w.replace("-", SHY) for w in SYL}
    return re.sub(r"[A-Za-z]+", lambda m: table.get(m.group(0), m.group(0)), text)


def wrap_para(text, nominal, first_indent=0, lines_wanted=None):
    """Wrap `text` at the measure closest to `nominal` (75..92) that (a) breaks the
    forced words ({infra}, {rainfed}) at their marked point, (b) breaks no other
    'rain-fed' and (c) gives `lines_wanted` lines if given. Returns
    (clean text, lines, breaks, width)."""
    forced = [(k, v) for k, v in FORCED.items() if k in text]
    src = text
    for k, (printed, _, _, _) in forced:
        src = src.replace(k, printed)
    clean = src.replace(SHY, "")
    targets = []
    for k, (printed, word, sp, kind) in forced:
        at = clean.index(word)
        targets.append((at + sp, kind))
    src = hyphenable(src)
    for w in sorted(range(75, 93), key=lambda w: (abs(w - nominal), w)):
        lines, brks = wrap_words(src, w, {}, first_indent=first_indent)
        if any(t not in brks for t in targets):
            continue
        bad = False
        for off, kind in brks:
            if kind == "compound" and (off, kind) not in targets and clean[off - 5:off] == "rain-":
                bad = True
        if bad or (lines_wanted and len(lines) != lines_wanted):
            continue
        assert "".join(lines).replace("-", "").replace(" ", "") == clean.replace("-", "").replace(" ", "")
        return clean, lines, brks, w
    raise SystemExit("no measure fits: " + text[:50])


# ---------------------------------------------------------------- build blocks and typeset lines
blocks = []
body = []      # (line, block index or None, break before this line (off, kind) or None)
front = []     # page-1 lines before the body flow
para_no = 0
fn = None      # (block index, lines, breaks)
prev_kind = None
GROUPED = {"li", "row", "ref", "aff"}   # consecutive items of these kinds form one pdftotext block

for d in doc:
    kind = d[0] if isinstance(d, tuple) else "p"
    if kind == "h":
        blocks.append({"type": "heading", "level": d[1], "text": d[2]})
        body += [("", None, None), (d[2], None, None), ("", None, None)]
        prev_kind = kind
        continue
    text = d[1] if isinstance(d, tuple) else d
    nominal = WIDTHS[para_no % len(WIDTHS)]
    para_no += 1
    btype = {"li": "list_item", "row": "table_row", "ref": "list_item"}.get(kind, "paragraph")
    if kind in ("fm", "aff", "eq", "row"):
        clean, lines, brks = text, [text], []
    elif kind == "li":
        clean, lines, brks, _ = wrap_para(text, nominal, first_indent=2, lines_wanted=2)
        lines = ["• " + lines[0]] + lines[1:]
    elif kind == "fn":
        lines, brks = wrap_words(text, FN_W)
        clean = text
        assert len(lines) == 2
    else:
        clean, lines, brks, _ = wrap_para(text, nominal)
    blocks.append({"type": btype, "text": clean})
    bi = len(blocks) - 1
    items = [(ln, bi, brks[k - 1] if k else None) for k, ln in enumerate(lines)]
    if kind == "fn":
        fn = (bi, items)
        continue
    target = front if kind in ("fm", "aff") else body
    if not (kind in GROUPED and prev_kind == kind):
        target.append(("", None, None))
    target += items
    if kind != "fm" and kind not in GROUPED:
        target.append(("", None, None))
    prev_kind = kind

# ---------------------------------------------------------------- paginate
def squeeze(items):
    """Collapse runs of blank lines; no blank line at either end."""
    out = []
    for it in items:
        if it[0] == "" and (not out or out[-1][0] == ""):
            continue
        out.append(it)
    while out and out[-1][0] == "":
        out.pop()
    return out


body = squeeze(body)
fn_bi, fn_items = fn
fn_marker_block = next(i for i, b in enumerate(blocks) if "a tank,1" in b["text"])
page1 = [(l, None, None) for l in TITLE_LINES] + [("", None, None)] + squeeze(front) + [("", None, None)]


def paginate_body(per_page, first_cap):
    """Fill pages of `per_page` lines; a heading is never left at the foot of a page
    (it moves to the next one). The page with the footnote marker loses the footnote's
    lines. Page 1 holds `first_cap` lines (title block included).
    Returns (pages, index of the footnote page)."""
    pages, cur, cap, fn_page = [], list(page1), first_cap, None
    for it in body:
        if len(cur) >= cap:
            carry = []
            while cur and (cur[-1][0] == "" or cur[-1][1] is None):
                carry.insert(0, cur.pop())
            pages.append(squeeze(cur))
            cur, cap = squeeze(carry), per_page
        if not cur and it[0] == "":
            continue
        cur.append(it)
        if it[1] == fn_marker_block and "tank,1" in it[0]:
            fn_page = len(pages)
            cap = per_page - len(fn_items) - 1
            if len(cur) > cap:
                return pages, None  # the marker line itself would not fit above the footnote
    if cur:
        pages.append(squeeze(cur))
    return pages, fn_page


def fn_ok(pages, fn_page):
    """The footnote page is even (so its folio is at the foot, below the footnote) and
    ends inside a paragraph that goes on over the page."""
    if fn_page is None or (fn_page + 1) % 2:
        return False
    nxt = next(it for it in pages[fn_page + 1] if it[0])
    return nxt[2] is not None and nxt[1] == pages[fn_page][-1][1]


for BODY, FIRST in [(b, b + d) for b in (47, 48, 46, 49, 45, 50) for d in (0, -2, 2, -4, 4)]:
    pages, fn_page = paginate_body(BODY, FIRST)
    if fn_ok(pages, fn_page):
        break
else:
    raise SystemExit("no page length puts the footnote on an even page inside a paragraph")

# the footnote falls after the block in progress at the foot of its page
last_bi = pages[fn_page][-1][1]
order = [i for i in range(len(blocks)) if i != fn_bi]
order.insert(order.index(last_bi) + 1, fn_bi)

out = []
cands = []     # (category, span)
for pno, pg in enumerate(pages, 1):
    lines = []
    if pno > 1:
        lines += [SHORT if pno % 2 == 0 else "%s %d" % (AUTHORS_HEAD, pno), ""]
    for k, (ln, bi, brk) in enumerate(pg):
        lines.append(ln)
        if bi is not None and brk is not None:
            off, bk = brk
            b = blocks[bi]
            span = span_words(b["text"], off, 2, 2, "wrap" if bk == "wrap" else "x")
            first_on_page = k == 0 or all(x[0] == "" for x in pg[:k])
            if first_on_page:
                cat = "page"
            elif bk != "wrap" and b["text"][off - 5:off] in ("infra", "rain-"):
                cat = "forced"
            elif bk != "wrap":
                cat = "hyphen"
            elif b["type"] == "list_item" and b["text"].startswith("["):
                cat = "ref"
            elif b["type"] == "list_item":
                cat = "bullet"
            else:
                cat = "wrap"
            cands.append((cat, span))
    if pno - 1 == fn_page:
        lines.append("")
        lines += [ln for ln, _, _ in fn_items]
        cands.append(("fn", span_words(blocks[fn_bi]["text"], fn_items[1][2][0], 2, 2, "wrap")))
    if pno == 1 or pno % 2 == 0:
        lines += ["", str(pno)]
    out.append("\n".join(lines) + "\n")
text = "\f".join(out) + "\f"

# joins: every page break inside a block, the forced hyphen/compound breaks, the footnote,
# a few other hyphens, one bullet item, one reference, then evenly spaced plain wraps
joins = pick_by_category(cands, [("page", 99), ("forced", 99), ("fn", 99), ("hyphen", 3), ("bullet", 2), ("ref", 2), ("wrap", None)], total=20)

# the words printed with a line-end hyphen, for the notes
broken = {"hyphen": [], "compound": []}
for pg in pages:
    for ln, bi, brk in pg:
        if bi is not None and brk is not None and brk[1] != "wrap":
            t, off = blocks[bi]["text"], brk[0]
            a = len(t[:off]) - len(t[:off].split(" ")[-1].lstrip("("))
            z = off + len(t[off:].split(" ")[0].rstrip(".,;:)"))
            w = t[a:off] + ("-" if brk[1] == "hyphen" else "") + "/" + t[off:z]
            if w not in broken[brk[1]]:
                broken[brk[1]].append(w)

exp_blocks = [blocks[i] for i in order]
paras = [b["text"] for b in exp_blocks if b["type"] != "heading"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
split_paras = sorted({blocks[bi]["text"] for pg in pages for (ln, bi, brk) in pg[:1] if brk is not None})
samples = [idx("Roof runoff is"), idx("Keywords:"), idx("1 Institute"), idx("Y = C"), idx("where Y is"),
           idx("Figure 2:"), idx("1 In 2022"), idx("Interviews at the end"), idx("Rainwater harvesting in Lagos"),
           idx("The study has several"), idx("[5] Bakare")]
for s in split_paras:
    i = paras.index(s)
    if i not in samples:
        samples.append(i)

write_case(
    HERE, title=TITLE, blocks=exp_blocks, input_text=text, encoding="utf-8", language="en", joins=joins,
    must_not_appear=[SHORT, AUTHORS_HEAD, "re:^\\s*\\d{1,2}\\s*$", "re:infra-\\s*structure", "rainfed",
                     "re:\\b[a-z]+- [a-z]+"],
    samples_idx=sorted(samples),
    notes=("pdftotext default mode of a %d-page field-study paper: UTF-8, blank lines between blocks, form "
           "feed after every page, lines wrapped at 75-92 characters (varies per paragraph). Title over two "
           "lines (the title, not a heading). Front matter kept as paragraphs: the author line "
           "'Chidinma Okafor1, Tunde Bakare1 and Ingrid Holm2' (superscript marks are plain digits and are "
           "kept as printed) and the two affiliation lines '1 Institute…', '2 Department…' (each its own "
           "paragraph; not headings although they look like '1 Introduction'). 'Abstract', "
           "'Acknowledgements', 'References' and '1 Introduction'…'5 Conclusions' are level 1, 'n.n' level 2, "
           "'n.n.n' level 3, the numbers kept in the heading text. 'Keywords: …' is a paragraph. Artifacts: "
           "running head '%s' (even pages, top), '%s N' (odd pages, top: running head and folio on one "
           "line), bare folios at the foot of page 1 and even pages. The footnote '1 In 2022 a 150 mm…' (two "
           "lines, foot of page %d, above the folio) is content: ONE paragraph, placed after the "
           "paragraph that the page break interrupts; that paragraph is joined across the footnote, running "
           "head and page break. The equation line 'Y = C × A × P / 1000 (1)' is its own paragraph and the "
           "'where Y is…' text after it another (an editor might join them). Captions 'Figure 1:', "
           "'Figure 2:', 'Table 1:' are paragraphs; each table row is one block (cells separated by two "
           "spaces in the input; any separator is fine); the four bulleted items are one block each, each "
           "wrapped over two lines (the expected text omits the '•' marker; they are not in the sample); "
           "each reference '[n] …' is one block, wrapped over two or three lines, the '[n]' kept. Hyphenation: "
           "infra-/structure -> 'infrastructure' (also printed unbroken in the abstract and introduction); "
           "rain-/fed stays 'rain-fed' (printed unbroken in the introduction); other line-end hyphens "
           "removed: %s; compounds broken after their hyphen keep it: %s (one hyphen break, diver-/sion, "
           "falls across a page break). Negatives: table rows 'A  18  286…', "
           "'1 In 2022 a 150 mm…' and the affiliations are not headings; numbers such as 1,600, 2022, 0.71 in text."
           % (len(pages), SHORT, AUTHORS_HEAD, fn_page + 1, ", ".join(broken["hyphen"]), ", ".join(broken["compound"]))),
)
print(len(pages), "pages;", len(re.findall(r"\w+", " ".join(b["text"] for b in exp_blocks))), "words;",
      len(joins), "joins;", len(paras), "paragraphs")
