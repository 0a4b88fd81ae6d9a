#!/usr/bin/env python3
"""en-novel-layout: a short English mystery novel, typeset as a trade paperback,
as `pdftotext -layout` gives it (UTF-8, a form feed after every page).

Front matter: half-title (p. 1), a blank verso, the title page (title, 'A Novel',
author, publisher's imprint), the copyright page (verso, ragged lines near the
foot: first published…, 'Copyright © 2031 Clemency Arden', 'All rights
reserved.', the rights and fiction notices, CIP line, ISBN, printer), a
'Contents' page with dot leaders and page numbers, a blank verso. None of these
pages carries a folio.

Body: justified at 64 columns, so -layout shows stretched runs of spaces and most
lines end at the same column (a few one column short, as rounding does); the
last line of each paragraph is ragged. No blank line between paragraphs; a new
paragraph is marked only by a 3-space first-line indent, except the first
paragraph of a chapter and the first after a section break, which are flush.
Mirror margins: 6 columns on versos (even), 9 on rectos (odd). Running head and
folio on one line at the top: versos '48' at the outer (left) corner and the
author 'CLEMENCY ARDEN' centred; rectos the title 'THE SALT LEDGER' centred and
the folio at the outer (right) corner. Chapters open on a recto (a blank verso
is inserted when needed), sunk: 'CHAPTER TWO' centred, a blank line, the title
in small caps (extracted as 'The Lighthouse Keeper') centred, then text; no
running head on an opening page, a centred folio at its foot instead.

Line-end hyphenation chosen by a small total-fit line breaker; forced breaks:
har-/bour and light-/house (both printed unbroken elsewhere), the real compound
north-/east (printed 'north-east' elsewhere); paragraphs run over page breaks
mid-sentence and once mid-word with a hyphen. A letter is set as an indented
block quote (dateline right-aligned, salutation, two justified paragraphs,
closing, signature right-aligned), and a section break is a centred '*'.
Original text written for this case."""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, span_words

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "The Salt Ledger"
TITLE_CAPS = "THE SALT LEDGER"
AUTHOR = "Clemency Arden"
AUTHOR_CAPS = "CLEMENCY ARDEN"
IMPRINT = "HARROWGATE & FINCH"
W = 64            # measure
IND = 3           # first-line indent
MARG = {0: 6, 1: 9}   # left margin by page parity (0 = verso/even, 1 = recto/odd)
PAGE_BODY = 32    # text lines on a running page (below the head line and one blank)
OPEN_SINK = 8     # blank lines above 'CHAPTER …' on an opening page
OPEN_BODY = 19    # text lines on an opening page
PAGE_H = 34       # lines on a full page (the opening page's folio sits on the last)
LQ_IN, LQ_W = 5, 54   # block quote: extra indent and measure
MAXSLACK = 8

# allowed line-end hyphenation points (applied to every occurrence in running text)
SYL = ["af-ter-noon", "be-tween", "cer-tain-ly", "con-fes-sion", "doc-u-ment", "ex-pect-ed",
       "gov-ern-ment", "im-ag-in-ing", "in-ven-tion", "mis-tak-ing", "ev-ery-thing", "an-oth-er",
       "sup-pres-sion", "thor-ough", "al-to-geth-er", "gen-tle-man’s", "con-sta-ble", "of-fi-cer",
       "au-thor-i-ty", "per-mis-sion", "re-cord-ed", "de-part-ed", "pil-chard", "some-thing",
       "some-body", "no-body", "to-geth-er", "noth-ing", "be-fore", "un-der-stood", "un-der-stand",
       "tel-e-scope", "din-ner", "cor-o-ner", "se-cond",
       "cus-toms", "stand-ing", "sev-en-teen", "wait-ing", "warn-ing", "writ-ten", "mid-dle",
       "win-dow", "care-ful", "li-brary", "dif-fi-cult", "hun-dred", "wheel-ing", "pock-et",
       "lan-tern", "reg-is-ter", "vol-ume", "cloth", "kitch-en", "bind-ing", "en-tries",
       "wa-ter", "vil-lage", "morn-ing", "eve-ning", "in-side", "an-swer", "slow-ly", "sil-ence",
       "ques-tion", "thought", "stran-ger", "smug-gler", "de-sert-er", "some-where"]
SYL += ["ac-count", "ad-dressed", "back-ing", "be-cause", "be-lieve", "bun-dles", "burn-ing", "car-goes",
        "car-ried", "car-ry-ing", "count-ed", "count-ing", "de-cid-ed", "dress-er", "dwell-ing", "east-ern",
        "en-tered", "fig-ures", "fin-ished", "fish-ery", "fol-lowed", "for-got-ten", "gal-lery", "know-ing",
        "let-ters", "look-ing", "miss-ing", "moor-ings", "nine-teen", "num-bers", "pas-sage", "pock-ets",
        "read-ing", "re-turns", "re-vived", "scul-lery", "shout-ing", "show-ing", "sit-ting", "speak-ing",
        "stamp-ing", "stitch-ing", "tell-ing", "ton-nage", "turn-ing", "ves-sels", "watch-ing", "weath-er",
        "wheth-er", "young-er", "Sep-tem-ber", "No-vem-ber", "Oc-to-ber", "Thurs-day", "Wednes-day",
        "cer-tain", "trimmed", "sup-per", "morn-ing", "build-ing", "gen-tly", "chis-el"]
SYL = [s for s in SYL if "-" in s]

# ("ch", number, title) | ("break",) | ("letter", [...]) | str paragraph
# {a|b} marks a forced line-end break inside a word (a soft hyphen, or after a real hyphen).
doc = [
 ("ch", "ONE", "The Drowned Man"),
 "The sea gave him back on the morning of the ninth of November, a little after six, when the tide had turned and the light was no more than a greyness over the eastern headland. I was the one who found him, because I was the one who had been sent down to the harbour to see whether the Mary Ann had dragged her moorings in the night, and because at that hour there was nobody else on the quay but the gulls and old Kitto’s dog.",
 "He lay on the weed at the foot of the slipway with one arm flung up over his face, as if the daylight were too much for him. He wore a pilot coat of good blue cloth, gone black with the water, and sea-boots, and no hat. His hair was fair and cut short. I did not know him, and in Penmarrow, where there were four hundred souls and every one of them could tell you the name of every other one’s grandmother, that was the first strange thing.",
 "I ran for Mr Pellow. The harbourmaster lived in the tall slate-hung house at the top of the steps, and he came down in his shirtsleeves with his braces hanging, and stood over the drowned man for a long while without speaking. The wind was in the north-east and very cold. It made his eyes water, or something did.",
 "“Go through his pockets, Tom,” he said at last.",
 "“Me, sir?”",
 "“You’ve younger knees than I have. Go on. He’ll not mind.”",
 "There was not much. A clasp-knife with a horn handle, a few coins, a brass key of the kind that opens a sea-chest or a strong-box, and, folded very small in an oilskin pouch inside the coat, a single sheet of ruled paper. It had been torn from a bound book, for the left edge was ragged and showed the marks of the stitching. The water had got into the pouch, but not far, and the ink was still plain.",
 "It was a page from a ledger – a list of dates and vessels and cargoes, in a neat clerk’s hand, with the tonnage in one column and the dues in another. Every cargo on it was salt. I read the first line aloud before I understood what I was reading: the Brothers’ Hope, of Roscoff, eleven tons of salt, dues paid. Then I looked up at Mr Pellow, because I knew that hand. I had copied out fair a hundred pages of it in the two years I had been his clerk.",
 "He took the paper from me, very gently, the way you would take a thing from a child. He read it through twice. Then he folded it along its old creases and put it away in his waistcoat pocket.",
 "“We’ll say nothing of this,” he said, “until I’ve had time to think.”",
 "“But the coroner, sir. And the constable.”",
 "“The constable’s at Truro till Thursday, and the coroner can have the man. He can’t have the paper. Not yet.” Mr Pellow turned his back on the slipway and looked out across the {har|bour} to where the breakwater ran into the grey water, and beyond it to the white tower on Gull Point, where the lamp was still burning though the night was over. “Not till I’ve spoken to Tremayne.”",
 "We carried the drowned man up to the net-loft between us, Kitto and I, on a hurdle, and laid him on the boards under a sail. By eight o’clock the whole village knew that a stranger had come ashore, and by nine they had decided among themselves that he was a Frenchman, a smuggler, a deserter from a man-of-war, and a gentleman’s son who had run away to sea. Nobody guessed that he had been carrying a page of the harbourmaster’s ledger next to his heart. Nobody but me knew it, and I had been told to say nothing, and I said nothing, though it sat in my chest all that day like a stone.",
 ("ch", "TWO", "The Lighthouse Keeper"),
 "The lighthouse on Gull Point stood a mile and a half from the village by the cliff path, and a good deal less by water, but Mr Pellow would not take the boat. He said the walk would clear his head. I think now that he wanted the time, as a man wants it who has a hard thing to say and has not yet found the words for it; but at seventeen I thought only that the wind was bitter and that my boots let in the wet.",
 "The path climbed steeply out of the village past the chapel and the coastguard cottages and then ran level along the top of the cliff, with the gorse on one side and nothing at all on the other. Below us the sea came in long and grey from the north-east and broke white on the ledges under Carn Du. Mr Pellow walked ahead of me with his head down and his hands clasped behind him, and did not once look back.",
 "Josiah Tremayne had kept the Gull Point light for nineteen years. He was a small, square, grey man with a voice that had been made for shouting across weather, and he did not use it much on land. He met us at the door of the dwelling-house at the foot of the tower, as though he had been watching us come along the cliff, which I dare say he had.",
 "“You’ve found him, then,” he said.",
 "Mr Pellow did not answer that. He went in past Tremayne and sat down at the kitchen table without being asked, and Tremayne followed him, and after a moment so did I, since nobody had told me not to. The kitchen was very clean. There was a brass telescope on the window-sill and a Bible on the dresser and, hanging on a nail by the door, a slate with the times of the tides chalked on it in a hand as square as the man.",
 "“I saw a lugger on Tuesday night,” Tremayne said, when the silence had gone on long enough. “Standing in from the north-east, close-hauled, showing no lights. She came in under the Point about two in the morning and lay there the best part of an hour. I had the glass on her the whole time. I saw a boat go across from her to the shore below Carn Du and come back again. Then she stood out and I lost her in the rain.”",
 "“You logged it?”",
 "“I log everything.” Tremayne fetched the book from the shelf – a big black volume, stained at the corners – and opened it on the table between them. I read the entry upside down. It said only: Lugger, no lights, off the Point 2 a.m., boat to Carn Du, departed 2.50, wind N.E. fresh. Below it, in the same hand, was a line that had been ruled through so that it could still be read: Same vessel as 3rd Oct.?",
 "“Why did you strike it out?” Mr Pellow asked.",
 "Tremayne looked at him for a long moment. “Because I thought you’d rather I did, Absalom,” he said. “Was I wrong?”",
 "I have thought about that question a great many times since. At the time I understood only that the two old men were looking at each other across the table the way men look at each other over a card-game when a great deal of money is on it, and that I had been forgotten, and that it would be better for me to stay forgotten. So I looked out of the little kitchen window instead, at the whitewashed {light|house} tower going up white against the grey sky and the gulls wheeling round the gallery, and I counted the panes of the lantern until Mr Pellow pushed his chair back and stood up.",
 "“You were not wrong,” he said. “But you will be, if you strike out anything else. Write it all down, Josiah. Everything you see. I’ll send Tom for the book when it’s wanted.”",
 "We walked back along the cliff in silence. Half-way home Mr Pellow stopped and stood for a while looking down at the cove below Carn Du, where the sand was smooth and empty and the tide had washed out every mark that a boat’s keel might have made. “Tom,” he said, without turning round, “when did you last have the salt ledger down from the shelf?”",
 "I told him: not since Michaelmas, when the quarter’s dues were made up. He nodded as if that were what he had expected, and we went on.",
 ("ch", "THREE", "The Harbourmaster’s Ledger"),
 "The salt ledger was kept in the harbour office, on the top shelf of the press behind Mr Pellow’s desk, between the register of moorings and the book of wrecks. It was a tall narrow volume bound in green cloth, and it recorded, as its name said, every cargo of salt that had been landed at Penmarrow since the year the pilchard fishery was revived. Salt was the one trade the village lived by. Without it there was no curing the fish, and without the fish there was no village.",
 "I took it down that evening, when Mr Pellow had gone up to his supper, and I turned the pages by the light of the office lamp until I found the place. There was no mistaking it. Between the entries for the last week of September and the first week of October a leaf had been cut out so close to the binding that you would not have seen the stub unless you were looking for it. The page numbers ran from sixty-one to sixty-four. Somebody had taken sixty-two and sixty-three, which were the two sides of one leaf, and that somebody had been careful.",
 "It was not a difficult thing to work out, even for me. The page in the drowned man’s coat had been written by Mr Pellow. It had been cut from Mr Pellow’s book. And the cargoes on it – the Brothers’ Hope, the Marie-Jeanne, the Two Sisters, all of Roscoff and all with salt – were cargoes that had never been entered anywhere else. I went through the dues book to be sure, and the customs returns, and the quarter’s account that I had copied out fair myself at Michaelmas. There was not a ton of that salt in any of them.",
 "I sat in the office until the lamp began to smoke. I was fond of Mr Pellow. He had taken me on when my father was lost with the Endeavour and my mother had nothing, and he had taught me my figures and my hand, and he had never once raised his voice to me. I did not want to believe what the book was telling me. But I could not think of any other way to read it.",
 "When at last I put the ledger back on its shelf I set it a little crooked, the way I had found it, though I could not have said why. Then I went home by the back lane so as not to pass Mr Pellow’s lighted window, and lay awake until the church clock struck three, listening to the wind in the chimney and trying to remember the face of the drowned man, which I found I could not do.",
 ("break",),
 "The letter came on the Thursday, by Kitto’s boy, who had been out to the Point with the milk. It was addressed to Mr Pellow, but Mr Pellow had gone to Truro that morning to see the coroner, and he had told me to open anything that came. So I opened it, standing in the doorway of the office with the wind trying to take it out of my hand, and I read it there.",
 ("letter", [
   ("right", "Gull Point, Wednesday night"),
   ("left", "Sir,"),
   ("para", "She was here again tonight. I make her the same lugger as Tuesday and the same as the third of October, by her mainsail, which has a patch in the peak the shape of a spade. She did not send a boat ashore. She lay off the Point for two hours as if she was waiting for a signal, and none came, and at half past three she stood out to the north-east."),
   ("para", "I have written it all in the book as you told me and struck nothing out. I think the man they were waiting for is the one you have in the net-loft. I think you know it too. God help us both."),
   ("close", "Your obedient servant,"),
   ("right", "Jos. Tremayne"),
 ]),
 "I read it three times. Then I put it in my pocket, next to the brass key, which I had kept back from the coroner’s man without quite knowing why, and I went up the steps to Mr Pellow’s house and let myself in by the scullery door.",
 "I had been in the house often enough, to carry up the books or fetch a coat, but never without leave and never alone. It was very quiet. The clock in the passage ticked, and somewhere upstairs a window rattled in its frame. In the little back room that Mr Pellow called his study there was an old sea-chest under the window, with a brass lock, and I knelt down in front of it and took the key out of my pocket and found, as I had known since the morning on the slipway that I would find, that it fitted.",
 ("ch", "FOUR", "The North-East Wind"),
 "There were no casks in the chest, and no brandy, and no lace, and none of the things I had lain awake imagining. There were papers: bundles of letters tied with tape, a cash-book, and a long folded document with a government seal on it that named Absalom Pellow, harbourmaster of Penmarrow, as an officer of the Board of Customs with authority to assist in the suppression of the free trade along that coast. It was dated eleven years back. I read it on my knees on the study floor, and the room went slowly round me, and came back.",
 "That was how Mr Pellow found me when he came in an hour later, stamping the cold out of his feet, with his hat in his hand. He stood in the doorway and looked at the open chest and at me, and I waited for him to be angry, and he was not.",
 "“Well,” he said. “You always were a thorough boy.”",
 "“I didn’t take anything, sir.”",
 "“I know you didn’t. Sit down, Tom. No, not there – by the fire, where I can see you. You had better hear it from me than make it up for yourself, and you would make it up, I think, and get it wrong.”",
 "He told me the rest of it sitting by the study fire, with the papers on his knees. The salt cargoes had been his own invention: a false page kept in a true book, so that anyone who went looking for a harbourmaster who could be bought would find one, and would come to him. The Roscoff men had come. The drowned man – his name was Daniel Hosken, and he was a riding officer from Fowey – had been carrying the page to Plymouth as proof, because Mr Pellow would not trust it to the post. Somebody had known that. Somebody had been waiting for Hosken on the cliff path above Carn Du on the Tuesday night, in the dark and the rain, while the lugger lay off the Point and waited for the signal.",
 "“Then it was somebody in Penmarrow,” I said.",
 "“It was.” He put another piece of wreck-wood on the fire. “Somebody who knew which night Hosken would go, and which path he would take, and who could show a light from the cliff to a ship at sea. There aren’t so many of those, Tom. I’ve been counting them all the way back from Truro.”",
 "He did not say the name, and neither did I. But I thought of the brass telescope on the kitchen window-sill at Gull Point, and the slate with the tides chalked on it, and the line in the log that had been ruled through so that it could still be read; and I thought of a man who writes down everything he sees, and who writes a letter on the Wednesday night to say that the lugger waited two hours for a signal that never came, and I did not know, and do not know now, whether that letter was a warning or a confession.",
 "That night the wind, which had been backing slowly all through the long afternoon, went round at last into the {north-|east} and blew a full gale for three days. No boat could have lived off the Point in it, and none tried. On the fourth morning, when it dropped, Mr Pellow and I walked out along the cliff together to the lighthouse, and found the door of the dwelling-house standing open and the kitchen fire cold, and the slate on its nail by the door wiped clean. The lamp had been trimmed and lit every night of the gale; the log said so, in a square grey hand, up to the last entry. Josiah Tremayne was never seen in Penmarrow again.",
 "I have the salt ledger still. Mr Pellow left it to me, with the house and the sea-chest and the papers, when he died in the spring of the year the new breakwater was finished. The leaf is still missing between pages sixty-one and sixty-four. I have never had it rebound.",
]

ISBN12 = "978171845502"
_chk = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(ISBN12)) % 10) % 10
ISBN = "ISBN 978-1-7184-5502-%d" % _chk
# copyright page: groups separated by a blank line; each item one paragraph (wrapped ragged if long)
COPYRIGHT = [
 ["First published in 2031 by Harrowgate & Finch Ltd, London"],
 ["Copyright © 2031 Clemency Arden", "All rights reserved."],
 ["The right of Clemency Arden to be identified as the author of this work has been asserted in accordance with the Copyright, Designs and Patents Act 1988."],
 ["No part of this publication may be reproduced, stored in a retrieval system, or transmitted in any form or by any means, without the prior permission in writing of the publisher."],
 ["This is a work of fiction. Names, characters, places and incidents are either the products of the author’s imagination or are used fictitiously."],
 ["A CIP catalogue record for this book is available from the British Library."],
 [ISBN],
 ["Typeset in Caslon by Tallis & Sons, Bristol", "Printed and bound in Great Britain"],
]


# ---------------------------------------------------------------- line breaking
def parse_marks(src):
    """'{har|bour}' -> clean text and the forced break (offset, kind)."""
    forced, out, pos = [], [], 0
    for m in re.finditer(r"\{([^|{}]*)\|([^|{}]*)\}", src):
        out.append(src[pos:m.start()])
        off = sum(len(x) for x in out) + len(m.group(1))
        forced.append((off, "compound" if m.group(1).endswith("-") else "hyphen"))
        out.append(m.group(1) + m.group(2))
        pos = m.end()
    out.append(src[pos:])
    return "".join(out), forced


SYL_MAP = {s.replace("-", ""): s for s in SYL}
SYL_MAP.update({k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in list(SYL_MAP.items())})


def breakpoints(text, forced):
    bps = []
    fset = {o for o, _ in forced}
    for i, ch in enumerate(text):
        if ch == " ":
            nxt = text[i + 1:i + 2]
            if nxt in ("–",):          # a dash never starts a line
                continue
            bps.append((i, "wrap"))
    for m in re.finditer(r"[A-Za-z’]+", text):
        w = m.group(0)
        if w in SYL_MAP:
            k = 0
            for part in SYL_MAP[w].split("-")[:-1]:
                k += len(part)
                if k >= 2 and len(w) - k >= 3:
                    bps.append((m.start() + k, "hyphen"))
    for f in forced:
        bps.append(f)
    bps = sorted(set(bps))
    # a forced offset admits only its own kind
    return [b for b in bps if b[0] not in fset or b in forced]


def total_fit(text, forced, width, first_indent, hyph_after=None, nlines=None, hpen=20):
    """Minimum-badness line breaking (justified: every line but the last within
    MAXSLACK of the measure). hyph_after=k: the break after line k (0-based) must be
    a hyphen; nlines: the number of lines. Returns (lines, breaks)."""
    bps = breakpoints(text, forced)
    fofs = sorted(o for o, _ in forced)
    n = len(text)
    from functools import lru_cache

    def line_of(s, b):
        off, kind = b
        return text[s:off] + ("-" if kind == "hyphen" else ""), (off + 1 if kind == "wrap" else off)

    @lru_cache(maxsize=None)
    def best(s, k, prev_h=False):
        avail = width - (first_indent if k == 0 else 0)
        nextf = next((f for f in fofs if f > s), None)
        res = None
        # last line
        if nextf is None and n - s <= avail and (nlines is None or k + 1 == nlines) and \
                (hyph_after is None or hyph_after < k):
            res = ((30 if n - s < 10 else 0), ())
        if nlines is not None and k + 1 >= nlines:
            return res
        for b in bps:
            if b[0] <= s:
                continue
            if nextf is not None and b[0] > nextf:
                break
            line, ns = line_of(s, b)
            if len(line) > avail:
                break
            slack = avail - len(line)
            if slack > MAXSLACK:
                continue
            if hyph_after == k and b[1] != "hyphen":
                continue
            sub = best(ns, k + 1, b[1] != "wrap")
            if sub is None:
                continue
            c = slack * slack + (hpen if b[1] == "hyphen" and b not in forced and k != hyph_after else 0) + sub[0]
            if prev_h and b[1] != "wrap":
                c += 150   # no ladders of hyphens
            if res is None or c < res[0]:
                res = (c, (b,) + sub[1])
        return res

    r = best(0, 0)
    if r is None:
        return None
    lines, brks, s = [], [], 0
    for b in r[1]:
        line, s2 = line_of(s, b)
        lines.append(line)
        brks.append(b)
        s = s2
    lines.append(text[s:])
    return lines, brks


JIT = [0]


def justify(line, width):
    words = line.split(" ")
    gaps = len(words) - 1
    JIT[0] += 1
    if JIT[0] % 9 == 4 and len(line) < width:
        width -= 1    # rounding in -layout: this line stops one column short
    extra = width - len(line)
    if gaps <= 0 or extra <= 0:
        return line
    add = [extra // gaps] * gaps
    r = extra % gaps
    for j in range(r):
        add[(2 * j + 1) * gaps // (2 * r)] += 1
    return "".join(w + " " * (1 + add[g]) if g < gaps else w for g, w in enumerate(words))


# ---------------------------------------------------------------- build blocks and typeset lines
blocks = []
chapters = []   # [number, title, items]; item = dict(kind, ...)
para_src = {}   # block index -> (clean text, forced, width, first_indent)
flush_next = False
for d in doc:
    if isinstance(d, tuple) and d[0] == "ch":
        blocks.append({"type": "heading", "level": 1, "text": "CHAPTER %s: %s" % (d[1], d[2])})
        chapters.append([d[1], d[2], []])
        flush_next = True
        continue
    items = chapters[-1][2]
    if isinstance(d, tuple) and d[0] == "break":
        items.append({"kind": "blank"})
        items.append({"kind": "centre", "text": "*"})
        items.append({"kind": "blank"})
        flush_next = True
        continue
    if isinstance(d, tuple) and d[0] == "letter":
        items.append({"kind": "blank"})
        for kind, t in d[1]:
            blocks.append({"type": "paragraph", "text": t})
            bi = len(blocks) - 1
            if kind == "para":
                para_src[bi] = (t, [], LQ_W, IND)
                items.append({"kind": "para", "bi": bi, "extra": LQ_IN})
            else:
                items.append({"kind": "lq-" + kind, "bi": bi, "text": t})
        items.append({"kind": "blank"})
        continue
    clean, forced = parse_marks(d)
    blocks.append({"type": "paragraph", "text": clean})
    bi = len(blocks) - 1
    para_src[bi] = (clean, forced, W, 0 if flush_next else IND)
    items.append({"kind": "para", "bi": bi, "extra": 0})
    flush_next = False

layouts = {}
for bi, (clean, forced, width, fi) in para_src.items():
    r = total_fit(clean, forced, width, fi)
    assert r, ("no layout", clean[:40])
    layouts[bi] = r


def render_chapter_lines(ch):
    """(text without margin, block index or None, break before or None, line index in para)"""
    out = []
    for it in ch[2]:
        if it["kind"] == "blank":
            out.append(("", None, None, None))
        elif it["kind"] == "centre":
            out.append((" " * ((W - len(it["text"])) // 2) + it["text"], None, None, None))
        elif it["kind"] == "lq-right":
            out.append((" " * (LQ_IN + LQ_W - len(it["text"])) + it["text"], it["bi"], None, 0))
        elif it["kind"] == "lq-left":
            out.append((" " * LQ_IN + it["text"], it["bi"], None, 0))
        elif it["kind"] == "lq-close":
            out.append((" " * (LQ_IN + 24) + it["text"], it["bi"], None, 0))
        else:
            bi = it["bi"]
            clean, forced, width, fi = para_src[bi]
            lines, brks = layouts[bi]
            for k, ln in enumerate(lines):
                ind = it["extra"] + (fi if k == 0 else 0)
                last = k == len(lines) - 1
                body = ln if last else justify(ln, width - (fi if k == 0 else 0))
                out.append((" " * ind + body, bi, brks[k - 1] if k else None, k))
    return out


def paginate(first_page_no):
    """Pages of the body: (page number, kind, chapter, lines). Chapters open on rectos."""
    pages = []
    pno = first_page_no
    for ch in chapters:
        if pno % 2 == 0:
            pages.append((pno, "blank", ch, []))
            pno += 1
        lines = render_chapter_lines(ch)
        cur, cap, kind = [], OPEN_BODY, "open"
        for item in lines:
            if not cur and item[0] == "":
                continue
            cur.append(item)
            if len(cur) == cap:
                pages.append((pno, kind, ch, cur))
                pno += 1
                cur, cap, kind = [], PAGE_BODY, "run"
        while cur and cur[-1][0] == "":
            cur.pop()
        if cur:
            pages.append((pno, kind, ch, cur))
            pno += 1
    return pages


BODY_START = 7
pages = paginate(BODY_START)

# one paragraph runs over a page break mid-word: re-break it (same number of lines) so that
# the last line on the page ends in a soft hyphen
crossings = []
for (pno, kind, ch, pl), nxt in zip(pages, pages[1:]):
    if not pl or not nxt[3]:
        continue
    a, b = pl[-1], nxt[3][0]
    if a[1] is not None and a[1] == b[1]:
        crossings.append((pno, a[1], a[3]))
HYPH_PAGE = None
for pno, bi, k in sorted(crossings, key=lambda c: (c[0] < 12, c[0])):
    clean, forced, width, fi = para_src[bi]
    r = total_fit(clean, forced, width, fi, hyph_after=k, nlines=len(layouts[bi][0]), hpen=400)
    if r:
        layouts[bi] = r
        HYPH_PAGE = (pno, bi, k)
        break
assert HYPH_PAGE, "no page break can fall inside a hyphenated word"
JIT[0] = 0
pages = paginate(BODY_START)


# ---------------------------------------------------------------- assemble the pages
def centre_in(s, m):
    return " " * (m + (W - len(s)) // 2) + s


out_pages = []
cands = []   # (category, span)
toc_pages = {}
for pno, kind, ch, pl in pages:
    m = MARG[pno % 2]
    if kind == "blank":
        out_pages.append("")
        continue
    toc_pages.setdefault(ch[1], pno)
    pg = []
    if kind == "open":
        pg += [""] * OPEN_SINK + [centre_in("CHAPTER " + ch[0], m), "", centre_in(ch[1], m), "", ""]
    elif pno % 2 == 0:
        pg += [" " * m + str(pno) + centre_in(AUTHOR_CAPS, m)[m + len(str(pno)):], ""]
    else:
        head = centre_in(TITLE_CAPS, m)
        pg += [head + " " * (m + W - len(head) - len(str(pno))) + str(pno), ""]
    for k, (ln, bi, brk, li) in enumerate(pl):
        pg.append((" " * m + ln) if ln else "")
        if bi is not None and brk is not None:
            off, bk = brk
            text = blocks[bi]["text"]
            span = span_words(text, off, 2, 2, "wrap" if bk == "wrap" else "x")
            if k == 0:
                cat = "page"
            elif (off, bk) in para_src[bi][1]:
                cat = "forced"
            elif bk == "hyphen":
                cat = "hyphen"
            elif para_src[bi][2] == LQ_W:
                cat = "letter"
            else:
                cat = "wrap"
            cands.append((cat, span))
    if kind == "open":
        pg += [""] * (PAGE_H - 1 - len(pg))
        pg.append(centre_in(str(pno), m))
    out_pages.append("\n".join(pg) + "\n")

# ---------------------------------------------------------------- front matter
def fm_centre(s, pno):
    return centre_in(s, MARG[pno % 2])


half = "\n" * 9 + fm_centre(TITLE_CAPS, 1) + "\n"
titlep = ("\n" * 7 + fm_centre(TITLE_CAPS, 3) + "\n\n" + fm_centre("A Novel", 3) + "\n" + "\n" * 6 +
          fm_centre(AUTHOR_CAPS, 3) + "\n" + "\n" * 14 + fm_centre(IMPRINT, 3) + "\n" + fm_centre("LONDON", 3) + "\n")
cp_lines = []
cp_blocks = []
for gi, group in enumerate(COPYRIGHT):
    if gi:
        cp_lines.append(("", None, None))
    for t in group:
        cp_blocks.append({"type": "paragraph", "text": t})
        # ragged-right small type: greedy wrap at 58 columns
        words, cur, pos, first = t.split(" "), "", 0, True
        for w in words:
            if cur and len(cur) + 1 + len(w) > 58:
                cp_lines.append((cur, t, pos - 1))
                cur = w
            else:
                cur = w if not cur else cur + " " + w
            pos += len(w) + 1
        cp_lines.append((cur, t, None))
cp_text = "\n" * (PAGE_H - 2 - len(cp_lines)) + "\n".join((" " * MARG[0] + l) if l else "" for l, _, _ in cp_lines) + "\n"
for l, t, off in cp_lines:
    if off is not None:
        cands.append(("copyright", span_words(t, off, 2, 2, "wrap")))

toc = ["", "", "", "", "", fm_centre("Contents", 5), "", "", ""]
for num, (cnum, ctitle, _) in enumerate(chapters, 1):
    left = " " * (MARG[1] + 4) + ("%d" % num).rjust(2) + "   " + ctitle + " "
    right = " " + str(toc_pages[ctitle]).rjust(3)
    toc.append(left + "." * (MARG[1] + W - 4 - len(left) - len(right)) + right)
    toc.append("")
toc_text = "\n".join(toc) + "\n"

front = [half, "", titlep, cp_text, toc_text, ""]
assert len(front) == BODY_START - 1
all_pages = front + out_pages
text = "".join(p + "\f" for p in all_pages)
text = "\n".join(l.rstrip(" ") for l in text.split("\n"))
assert text.count("\f") == len(all_pages)

# ---------------------------------------------------------------- truth
exp_blocks = cp_blocks + blocks
paras = [b["text"] for b in exp_blocks if b["type"] != "heading"]

joins, seen = [], set()


def take(cat, n):
    got = [s for c, s in cands if c == cat and s not in seen]
    step = max(1, len(got) // n) if n and got else 1
    for s in got[::step][:n]:
        seen.add(s)
        joins.append(s)


take("page", 99)
take("forced", 99)
take("hyphen", 4)
take("letter", 2)
take("copyright", 2)
take("wrap", max(0, 22 - len(joins)))

hy_bi = HYPH_PAGE[1]
hl, hb = layouts[hy_bi]
hoff = hb[HYPH_PAGE[2]][0]
htext = blocks[hy_bi]["text"]
a = htext.rfind(" ", 0, hoff) + 1
z = hoff + len(htext[hoff:].split(" ")[0].rstrip(".,;:”’?!"))
HYPH_WORD = (htext[a:hoff], htext[hoff:z])

idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
page_paras = sorted({blocks[pl[-1][1]]["text"] for (pno, kind, ch, pl), nxt in zip(pages, pages[1:])
                     if pl and nxt[3] and pl[-1][1] is not None and pl[-1][1] == nxt[3][0][1]})
samples = [idx("Copyright ©"), idx("All rights reserved."), idx("No part of this"), idx(ISBN),
           idx("The sea gave him back"), idx("“Me, sir?”"), idx("“The constable’s at Truro"),
           idx("The lighthouse on Gull Point"), idx("I have thought about that"),
           idx("The letter came"), idx("Gull Point, Wednesday"), idx("Sir,"), idx("She was here again"),
           idx("I have written it all"), idx("Jos. Tremayne"), idx("I read it three times"),
           idx("That night the wind"), idx("I have the salt ledger")]
for s in page_paras:
    i = paras.index(s)
    if i not in samples:
        samples.append(i)

heads = [c[1] for c in chapters]
must = [AUTHOR_CAPS, IMPRINT,
        "re:\\S\\s*THE SALT LEDGER|THE SALT LEDGER\\s*\\S",
        "re:^\\s*\\d{1,3}\\s*$",
        "re:\\.{5,}",
        "re:^\\s*Contents\\s*$",
        "re:(%s)\\s*\\.*\\s*\\d" % "|".join(heads),
        "re:har-\\s*bour", "re:light-\\s*house", "northeast", "re:north-\\s+east",
        "re:%s-?\\s+%s" % HYPH_WORD,
        "re:[a-z]- [a-z]"]

notes = ("pdftotext -layout of a %d-page trade paperback (front matter + 4 chapters, ~%d words): UTF-8, form feed "
         "after every page, empty pages as bare form feeds. Justified body at 64 columns with runs of stretched "
         "spaces, no blank lines between paragraphs: a paragraph starts with a 3-space indent, except the first of "
         "a chapter and the first after the centred '*' section break (flush). Mirror margins (6 columns on versos, "
         "9 on rectos). Running heads with the folio on the same line: versos 'N  CLEMENCY ARDEN', rectos "
         "'THE SALT LEDGER  N'; chapter openings (always rectos, blank versos inserted) have no head, a centred folio "
         "at the foot, and 'CHAPTER TWO' / blank / 'The Lighthouse Keeper' centred: ONE heading "
         "'CHAPTER TWO: The Lighthouse Keeper', level 1. Front matter: the half-title and the title page are metadata "
         "(title 'The Salt Ledger'; the author 'CLEMENCY ARDEN' and the imprint 'HARROWGATE & FINCH' / 'LONDON' are "
         "not body text and the caps author name is an artifact wherever it appears); the copyright page is KEPT as "
         "front-matter paragraphs before chapter one, one paragraph per notice (each line of the ragged groups is its "
         "own paragraph unless it wraps: 'Copyright © 2031 Clemency Arden' and 'All rights reserved.' are two; an "
         "editor could instead drop the whole page as metadata); the 'Contents' page (dot leaders, page numbers) is an "
         "artifact. The section break '*' is not a paragraph (a scene break, no text). The letter (indented block "
         "quote) gives six paragraphs: dateline, 'Sir,', two paragraphs, 'Your obedient servant,', 'Jos. Tremayne' "
         "(an editor might merge the closing and the signature). Hyphenation: har-/bour and light-/house are soft "
         "(printed 'harbour', 'lighthouse' elsewhere), north-/east keeps its hyphen (printed 'north-east' elsewhere); "
         "%s-/%s runs over the page break %d/%d; other soft hyphens: %s. Paragraphs also run over page breaks "
         "mid-sentence; some pages start with a new (indented) paragraph, which must not be joined.")

# the words printed with a line-end hyphen
soft = []
for pno, kind, ch, pl in pages:
    for ln, bi, brk, li in pl:
        if brk is not None and brk[1] == "hyphen" and brk not in para_src[bi][1]:
            t, off = blocks[bi]["text"], brk[0]
            a = t.rfind(" ", 0, off) + 1
            zz = off + len(t[off:].split(" ")[0].rstrip(".,;:”’?!"))
            if t[a:off] + "-/" + t[off:zz] not in soft:
                soft.append(t[a:off] + "-/" + t[off:zz])
words = len(re.findall(r"\w+", " ".join(b["text"] for b in blocks)))
notes = notes % (len(all_pages), words, HYPH_WORD[0], HYPH_WORD[1], HYPH_PAGE[0], HYPH_PAGE[0] + 1,
                 ", ".join(soft))

write_case(
    HERE, title=TITLE, title_alt=[TITLE_CAPS], blocks=exp_blocks, input_text=text, encoding="utf-8",
    language="en", joins=joins, must_not_appear=must, notes=notes, samples_idx=sorted(samples),
)
print(len(all_pages), "pages;", words, "words;", len(joins), "joins;", len(paras), "paragraphs;",
      "page-break word:", HYPH_WORD, "on p.", HYPH_PAGE[0], "; soft:", soft)
