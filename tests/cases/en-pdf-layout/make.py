#!/usr/bin/env python3
"""en-pdf-layout: a short English novel as `pdftotext -layout` gives it.

Title page, a CONTENTS page with dot leaders, then chapters that each start a
new page with a centred 'CHAPTER I.' line and the chapter title centred on a
line of its own. Body text is justified (so -layout shows runs of extra
spaces between words), set 66 columns wide inside a 10-column left margin,
first lines indented 4 more columns, with line-end hyphenation. Running head
and folio share one line: even pages '12' at the left and the book title
centred, odd pages the chapter title centred and the folio at the right;
a chapter's first page has no running head and a centred folio at its foot.
Pages end with a form feed. Original text written for this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, wrap_words, span_words, pick_joins

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "THE KEEPER’S YEAR"
AUTHOR = "MARGARET ELLERY"
M, W, IND, PAGE = 10, 66, 4, 24   # margin, measure, first-line indent, text lines per page
HYPH = {"Commissioners": 8, "afterwards": 5, "conversation": 7, "understands": 5, "particular": 4,
        "exhibited": 2, "expression": 5, "arithmetic": 5, "assistant": 6}
SHY = "\u00ad"  # forced line-end break points in the source text (not part of the paragraph)

# ("ch", number, title) | ("verse", [lines], joined_text) | ("log", [lines]) | str paragraph
doc = [
 ("ch", "I", "THE RELIEF BOAT"),
 "The relief boat came out to Carrick Point on the first Tuesday of every month, weather allowing, and in the winter of my first year the weather allowed it only twice. I had been told this in Leith by a clerk of the Commissioners, who said it as a man might mention that the stairs were steep, and I had nodded as though I understood. I did not understand. Nobody understands a thing like that until the fourth week, when the tea is counted in spoonfuls and the last of the newspapers has been read down to the shipping notices.",
 "My principal was a man named Walter Haig, who had kept lights on that coast for twenty-two years and who spoke, on the average, about forty words a day. Half of them concerned the lamp. He had hands like old rope and a face the wind had blistered so often that it had given up and turned to leather. He was not unkind. He simply regarded conversation as one of those things, like fresh bread, that belonged to the mainland.",
 "“You’ll take the middle watch,” he said on my first evening, “and you’ll not sit down.”",
 "“Not at all?”",
 "“There’s a stool,” he said. “It’s for standing on.”",
 "The tower itself was eighty-one feet from the rock to the gallery rail, built of granite blocks that had been dressed on the mainland, numbered, and rowed across one at a time in the summers of 1855 and 1856. Over the door, cut deep into the lintel, was an inscription which I read every time I went in or out, until I could have recited it in my sleep:",
 ("verse", ["THIS TOWER WAS FIRST LIT", "ON THE FIRST OF MAY", "1857", "BY ORDER OF THE COMMISSIONERS", "OF NORTHERN LIGHTS"]),
 "Below it someone had scratched, much less deeply, a pair of initials and a heart. Haig said it had been there when he came, that he had never found out whose they were, and that he did not intend to try. I thought at the time that this was a want of curiosity. I think now that it was a kind of manners, the only kind that a rock a mile from the shore has room for.",
 ("ch", "II", "WINTER LIGHT"),
 "By December the relief boat had stopped coming at all. The last time it tried, the coxswain stood off the landing for an hour in a sea that broke white over the steps, and then he raised one arm to us, which is the signal for “not today,” and put about for the harbour. Haig watched him go with no expression whatever. Then he went inside and wrote in the log, in his square careful hand, the three lines that I afterwards found repeated, with different dates, on nearly every page of that winter:",
 ("log", ["Dec. 9. Wind N.W., strong gale, heavy sea.", "Relief attempted 11 a.m., could not land.", "Light exhibited 3.48 p.m. to 8.21 a.m."]),
 "It is a strange thing to be cold for a month. Not cold as one is cold on a winter walk, with a fire waiting at the end of it, but cold as a stone is cold, all the way through and without any particular expectation of change. We burned paraffin in the lamp and coal in the kitchen range, and the coal was rationed by Haig with the same exactness as the tea. The skin of my two hands blis\u00adtered from the brass polish and then cracked, and I learned to wrap them in strips of flannel before I went up to wind the clockwork.",
 "“You’ll want to write to somebody,” Haig said one night, without looking up from the wick he was trimming. “Christmas.”",
 "“There’s nobody much.”",
 "He considered this. “There’s always somebody,” he said, and that was the end of it; but on the morning of the twenty-third he put a sheet of the Commissioners’ notepaper beside my plate, and an envelope, and the stub of a pencil sharpened at both ends.",
 "I wrote to my sister in Dundee. I told her that the light was a fine one, which it was, and that the food was plain but sufficient, which was half true, and Haig was as dead as a door-\u00adnail in the matter of talk but a good principal, which was entirely true. I did not tell her that I had begun to talk to the lamp. I sealed the letter and put it in the box by the door, where it waited with the others for a boat that did not come until the second week of February.",
 ("ch", "III", "THE SPRING TIDE"),
 "When the boat came at last it brought the mail, four sacks of coal, a side of bacon, a new chimney glass for the lamp, and the news that the price of herring had fallen again. It also brought a young man named Pettigrew, who was to be my assistant, since I was now, by some arithmetic of the Commissioners, the senior of the two of us below Haig.",
 "Pettigrew talked. He talked on the boat and on the landing steps and up all one hundred and twelve of the stairs, and at the top he looked out of the lantern at the whole grey width of the sea and said, “Well, this is a bit of all right,” and went on talking. Haig looked at him for a long moment, and then at me, and I understood that I had been, in my way, a great comfort to him.",
 "“He’ll learn,” Haig said that night, when Pettigrew was asleep.",
 "“Did I?”",
 "“You’re learning.” He turned the page of the log. “The knocker on the landing door is loose. It’s been loose since ’79. Dead as a door-nail, that knocker, and nobody’s come to knock on it in twenty years. But you’ll fix it, in the spring, because it’s the kind of thing you’d fix.”",
 "I fixed it in April, on the morning of the spring tide, when the sea drew back further than I had ever seen it and left the whole black shelf of the rock below the tower uncovered and glis\u00adtening and smelling of weed. Haig came down to watch me. He stood with his hands in his pockets while I drove the last screw, and then he reached past me and lifted the knocker and let it fall, once, so that the sound went up the inside of the tower like a bell.",
 "“There,” he said. “Now somebody can come.”",
]


def justify(line, width):
    words = line.split(" ")
    gaps = len(words) - 1
    extra = width - len(line)
    if gaps <= 0 or extra <= 0:
        return line
    out = words[0]
    for g in range(gaps):
        n = 1 + extra // gaps + (1 if g < extra % gaps else 0)
        out += " " * n + words[g + 1]
    return out


def centre(s, total=M * 2 + W):
    return " " * ((total - len(s)) // 2) + s


blocks = []
chapters = []   # (number, title, [body lines as (text, para_idx, break_before)])
for d in doc:
    if isinstance(d, tuple) and d[0] == "ch":
        blocks.append({"type": "heading", "level": 1, "text": "CHAPTER %s. %s" % (d[1], d[2])})
        chapters.append((d[1], d[2], []))
        continue
    lines = chapters[-1][2]
    if isinstance(d, tuple) and d[0] == "verse":
        blocks.append({"type": "paragraph", "text": " ".join(d[1])})
        lines.append(("", None, None))
        for v in d[1]:
            lines.append((centre(v), None, None))
        lines.append(("", None, None))
        continue
    if isinstance(d, tuple) and d[0] == "log":
        lines.append(("", None, None))
        for v in d[1]:
            blocks.append({"type": "paragraph", "text": v})
            lines.append((" " * (M + 8) + v, None, None))
        lines.append(("", None, None))
        continue
    blocks.append({"type": "paragraph", "text": d.replace(SHY, "")})
    pi = len(blocks) - 1
    wl, br = wrap_words(d, W, HYPH, first_indent=IND)
    for k, ln in enumerate(wl):
        last = k == len(wl) - 1
        ind = M + (IND if k == 0 else 0)
        body = ln if last else justify(ln, W - (IND if k == 0 else 0))
        lines.append((" " * ind + body, pi, br[k - 1] if k > 0 else None))

# paginate: each chapter starts a page; 6 blank lines + CHAPTER + blank + title + 3 blanks on its first page
pages = []  # (kind, chapter title, [lines as tuples])
for num, title, lines in chapters:
    opening = [("", None, None)] * 6 + [(centre("CHAPTER %s." % num), None, None), ("", None, None),
                                        (centre(title), None, None), ("", None, None), ("", None, None)]
    cur, first = list(opening), True
    for item in lines:
        if not cur and item[0] == "":
            continue
        cur.append(item)
        if len(cur) == PAGE:
            pages.append(("first" if first else "run", title, cur))
            cur, first = [], False
    while cur and cur[-1][0] == "":
        cur.pop()
    if cur:
        pages.append(("first" if first else "run", title, cur))

toc_pages = {}
out = []
# title page
out += [""] * 14 + [centre(TITLE), "", "", centre("BY"), "", centre(AUTHOR)] + [""] * 20
out.append("\f")
body_out = []
cands = []
for pno, (kind, title, pl) in enumerate(pages, 1):
    toc_pages.setdefault(title, pno)
    pg = []
    if kind == "run":
        if pno % 2 == 0:
            pg.append(("%d" % pno).ljust(M) + centre(TITLE)[M:])
        else:
            pg.append(centre(title).ljust(M * 2 + W - 4) + ("%d" % pno).rjust(4))
        pg.append("")
    for k, (ln, pi, brk) in enumerate(pl):
        pg.append(ln)
        if pi is not None and brk is not None:
            off, bkind = brk
            text = blocks[pi]["text"]
            pri = 0 if (k == 0 or bkind != "wrap") else 1
            cands.append((pri, span_words(text, off, 2, 2, "wrap" if bkind == "wrap" else "x")))
    if kind == "first":
        pg += [""] * (PAGE + 2 - len(pg))
        pg.append(centre(str(pno)))
    body_out.append("\n".join(pg))

# contents page
toc = ["", "", "", centre("CONTENTS"), "", "", " " * (M + 2) + "CHAPTER".ljust(W - 8) + "PAGE", ""]
for num, title, _ in chapters:
    left = " " * (M + 6) + ("%s." % num).rjust(4) + "  " + title + " "
    dots = ""
    while len(left) + len(dots) + 2 < M + W - 4:
        dots += ". "
    toc.append(left + dots.rstrip() + str(toc_pages[title]).rjust(6))
out.append("\n".join(toc) + "\n")
text = "\n".join(out[:-1]) + "\n" + "\f" + out[-1] + "\f" + "\f".join(p + "\n" for p in body_out)
text = "\n".join(l.rstrip() for l in text.split("\n"))

joins = pick_joins(cands, 10)
paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
write_case(
    HERE, title=TITLE, title_alt=["The Keeper’s Year"], blocks=blocks, input_text=text, encoding="utf-8",
    language="en", joins=joins,
    must_not_appear=["re:^\\s*\\d+\\s+THE KEEPER’S YEAR", "re:\\S\\s+THE KEEPER’S YEAR|THE KEEPER’S YEAR\\s+\\S",
                     "re:(THE RELIEF BOAT|WINTER LIGHT|THE SPRING TIDE)\\s+\\d+",
                     "re:\\. \\. \\. \\.", "CONTENTS", "doornail", "re:blis-\\s*tered", "re:glis-\\s*tening",
                     "re:\\b(Commis- ?sioners|after- ?wards|conver- ?sation)\\b"],
    samples_idx=[idx("My principal"), idx("THIS TOWER"), idx("Relief attempted"), idx("“Did I?”"),
                 idx("I wrote to my sister"), idx("“You’re learning.”"), idx("I fixed it in April")],
    notes=("pdftotext -layout of a justified book page: runs of spaces inside lines, 10-column margin, "
           "first-line indent, chapter openings on a new page with 'CHAPTER I.' and the title centred on "
           "separate lines (expected as ONE heading 'CHAPTER I. THE RELIEF BOAT', level 1). Running head and "
           "folio share a line (even: folio left + book title; odd: chapter title + folio right; chapter first "
           "pages: centred folio at the foot only). CONTENTS page with spaced dot leaders is an artifact. "
           "Line-end hyphenation to undo: blis-/tered (blistered also appears unbroken), Commis-/sioners, "
           "glis-/tening, after-/wards, conver-/sation; a real compound broken at its hyphen, door-/nail, must "
           "stay 'door-nail' (it also appears unbroken). Negatives: the centred all-caps lintel inscription "
           "whose third line is the year '1857' alone (one paragraph, its lines joined with spaces; 1857 is "
           "not a folio and the caps lines are not headings); the three log lines (indented, each its own "
           "paragraph, not joined); short dialogue paragraphs (“Did I?”). Paragraphs cross page breaks."),
)
