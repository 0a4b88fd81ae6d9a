#!/usr/bin/env python3
"""en-gutenberg-txt: a short English novel as a Project Gutenberg plain-text e-book.

UTF-8 with a BOM and CRLF line endings, no page numbers, no form feeds. A
Gutenberg header (licence paragraph, Title:/Author:/Release date:/Language:/
Credits: fields, *** START OF … *** line) and footer (*** END OF … *** line and
the first lines of the licence, with all-caps lines that look like headings),
a title block (title in capitals, BY, author, centred), a CONTENTS list without
page numbers (indented PART and CHAPTER lines), then two PARTs ('PART I.',
blank line, 'WENLOW') holding five chapters ('CHAPTER I.' with the chapter
title on the very next line). Prose hard-wrapped at 70 columns, one blank line
between paragraphs, italics written _thus_, real compounds broken after their
hyphen at line end (well- / known), an indented verse epigraph under the first
chapter heading, a letter with a right-set dateline, indented salutation and
right-set closing/signature, a centred Gutenberg thought break
('*       *       *       *       *') and a closing 'THE END'.
Original text written for this case (the licence lines imitate Gutenberg's)."""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, wrap_words, span_words, pick_joins

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "The Clockmaker of Wenlow"
AUTHOR = "Edith M. Carrow"
W = 70

# ("part", num, title) | ("ch", num, title) | ("verse", [(indent, line)], attribution)
# | ("letter", dateline, salutation, [body paragraphs], closing, signature)
# | ("break",) | ("end",) | str paragraph (italics as _x_)
doc = [
 ("part", "I", "WENLOW"),
 ("ch", "I", "THE LETTER"),
 ("verse", [(4, "The hours go round, the hours go round,"), (6, "And no man stays their wheel;"),
            (4, "But what the careless hand lets fall"), (6, "The patient hand may heal.")],
  "—_From an old sampler._"),
 "There was not, in all the market town of Wenlow, a house better known than the narrow one at the corner of Sheep Street, where Josiah Lamb had mended clocks for nine-and-thirty years. It leaned a little towards the church, as if it wished to hear the chimes more plainly, and its bow-window was so crowded with dials, pendulums, and the open bellies of watches that the passer-by could scarcely see the old man himself, bent at his bench behind them with a glass screwed into his eye.",
 "For thirty miles round, in farm-house and parsonage, he was a well-known figure. Farmers brought him their grandfathers’ long-case clocks in the backs of carts; the vicar’s lady sent her little French timepiece to him twice a year, wrapped in a shawl, as though it were an invalid; and it was said at the Red Lion that Josiah Lamb could tell the maker of any watch in England by the sound of its ticking, with his eyes shut. Whether that was true I cannot say. It is certain that he never denied it.",
 "His niece Hester kept his house and his books. She was a grave, quick girl of two-and-twenty, with her uncle’s long fingers and her dead mother’s habit of looking straight at people, which in Wenlow was thought a little forward. She had come to Sheep Street at eleven years old, with a tin box and a black ribbon on her bonnet, and she had never since been further from it than the cathedral town of Ashby, eighteen miles off, where she went once a year to buy spectacles for the old man and ribbons for herself.",
 "The letter came on a Tuesday in September, by the afternoon post. Hester took it from the carrier at the door, and turned it over twice before she carried it in; for letters were rare in that house, and this one was thick, and sealed with red wax, and addressed in a clerk’s copperplate hand to _Josiah Lamb, Esquire_—a title which no one had ever given her uncle before.",
 "“From London,” she said, laying it beside his elbow. “From a Mr. Pruett, of Gray’s Inn.”",
 "The old man did not look up. He was fitting a pinion no bigger than a grain of barley, and his breath was held for it. Only when the little wheel had dropped into its place, and turned, and caught, did he lay down his tweezers and take the letter in his hand.",
 "He read it through twice. Then he folded it very small, and put it into his waistcoat pocket, and took up his tweezers again.",
 "“Well, uncle?”",
 "“Well, my dear. It is only a little matter that will not spoil by to-morrow.”",
 "But it kept a great deal longer than that. All the evening he was silent, and twice at supper Hester saw him take out his watch and look at it, and put it back without, she was sure, having read the time at all. When she went up to bed she heard him still moving about the shop below; and when she woke, long after midnight, there was a thin line of candle-light under the workshop door, and the sound of a file going slowly, slowly, as if someone were trying to remember how a thing was done.",
 ("ch", "II", "A STRANGER"),
 "The stranger came on the Thursday, in the rain. He was a young man of perhaps eight-and-twenty, tall and rather thin, with a wet hat in his hand and a black bag of the kind that doctors carry; and he stood so long upon the door-step, reading the cards in the window, that Hester at last went out to him with an umbrella.",
 "“I beg your pardon,” he said. “I am looking for Mr. Lamb. Mr. Josiah Lamb, who was once apprenticed to Ebenezer Thwaite of Clerkenwell.”",
 "“My uncle is Josiah Lamb,” said Hester. “I do not know anything about Clerkenwell.”",
 "“Then he has not told you.” The young man looked at her with some curiosity, and then, as if he remembered his manners, he bowed. “My name is Ashdown, Felix Ashdown. I am a clerk to Mr. Pruett, who wrote to your uncle on Monday. I have come down to see—if he will let me—a clock.”",
 "“We have a good many,” said Hester, and held the door for him.",
 "Josiah Lamb received him in the back parlour, with the door shut. Hester, who had her pride, did not listen; but she could not help hearing, through the wall, the young man’s voice going on and on in a low, reasonable way, like water over a weir, and her uncle’s voice answering now and then with a single word. Once she heard him laugh, which was rare. Once she heard him say, quite loudly, “_Never_, sir. Not while I live,” and then the voices dropped again.",
 "When at last they came out, the old man’s face was grey, but he shook hands with his visitor civilly enough, and told Hester to give Mr. Ashdown a bed in the room over the shop, since the last coach to Ashby had gone at half-past four.",
 "“He is to see the church clock in the morning,” he said. “You will take him up the tower, Hester. I am too old for the ladder.”",
 "“You built it, uncle. You have been up that ladder every Saturday of my life.”",
 "“Then it is time I stopped,” said Josiah Lamb; and he went into the workshop, and shut the door.",
 ("break",),
 "That night Hester could not sleep. The rain had ceased, and a great yellow moon stood over the church tower, so that she could see from her window the gilt hands of the clock her uncle had made, and the motto painted in a half-circle beneath them. She had read that motto ten thousand times, and never thought about it. She thought about it now.",
 "At a little after two she put on her wrapper and went softly down the stairs. The workshop door was open a hand’s breadth. Her uncle sat at his bench with his back to her, and in front of him, on a square of green baize, lay something she had never seen in that house before: a small brass-bound box, and in it, wrapped in a yellowed paper, a key.",
 ("ch", "III", "THE CHURCH CLOCK"),
 "Mr. Ashdown was up before her, and she found him in the shop at seven o’clock, looking at the clocks with his hands behind his back, as a man looks at pictures in a gallery.",
 "“Your uncle is a remarkable workman,” he said. “There is not a thing in this window that a London maker would be ashamed of. Did you know that he was the best apprentice Thwaite ever had? Mr. Pruett has the old man’s own words for it, in his own hand.”",
 "“I know nothing about it at all,” said Hester, “as I told you yesterday. And I think, Mr. Ashdown, that if my uncle has kept it from me for eleven years, he had his reasons.”",
 "He flushed at that, and said no more; and they crossed the wet church-yard together in silence, and climbed the tower.",
 "The clock-room was a small square chamber half-way up, lit by one slit of a window and smelling of oil and pigeons. The great iron frame of the movement stood in the middle of it like a loom, and the pendulum swung below through a hole in the boards, slow and heavy, two full seconds to a beat. Hester had known it all her life. She showed Mr. Ashdown the going train and the striking train, and the fly that spun when the hour struck, and the little brass plate on the frame which said _J. Lamb, Wenlow, 1849_; and she watched his face while he looked at them.",
 "“It is Thwaite’s escapement,” he said at last, very quietly. “His own. There is not another like it in England, outside the shop in St. John’s Street where it was drawn. Miss Lamb, do you understand what this means?”",
 "“No,” said Hester. “But I think you had better tell me.”",
 "So he told her, standing there in the dust with the great wheels turning beside them. Ebenezer Thwaite had died in the spring, at ninety-one, leaving behind him a shop, a sum of money that surprised everybody, and a clock which he had been making for thirty years and had never finished. By his will the whole was to go to that one of his former apprentices who could complete the clock to the satisfaction of his executors; and if none could, to a hospital for decayed tradesmen. Of the seven young men who had learned their trade under him, five were dead, one was in Australia, and the seventh had left Clerkenwell in the year 1848, after a quarrel of which nobody now remembered the cause, and had not been heard of since.",
 "“Until Mr. Pruett found this,” said Hester, and laid her hand upon the brass plate.",
 "“Until Mr. Pruett’s clerk found it,” said Mr. Ashdown, with a little smile. “I have been looking for a year. I have climbed, I suppose, two hundred church towers.”",
 "They came down to find the doctor’s gig at the corner of Sheep Street, and the doctor himself in the back parlour, and Josiah Lamb in his chair by the fire-place, with his left hand lying useless on his knee. It was a slight stroke, the doctor said, and he would mend; but he must not work, and must not be troubled, and must on no account go to London.",
 "“Then I shall go,” said Hester.",
 ("part", "II", "LONDON"),
 ("ch", "IV", "GRAY’S INN"),
 "Of her first sight of London Hester afterwards remembered very little, except the noise, and the yellow fog, and the way the cab-man called her “lady” as though it were a joke between them. Mr. Pruett’s chambers were on the second floor of a dark old house in Gray’s Inn, up a stair that smelled of coal-smoke and law; and Mr. Pruett himself was a small, dry, kindly gentleman who gave her a chair by the fire and a glass of sherry, and listened to all she had to say without once interrupting her.",
 "“It is irregular,” he said, when she had done. “It is very irregular. The will speaks of an apprentice, Miss Lamb, not of an apprentice’s niece. But the executors are reasonable men, and the clock—” he took off his spectacles and rubbed them—“the clock has beaten every maker in London who has looked at it. I do not think they will object to your trying, if your uncle will guide you by letter. Mr. Ashdown shall take you to St. John’s Street to-day.”",
 "The shop in St. John’s Street had been shut since the spring, and a fine grey dust lay over everything in it. In the middle of the back room, under a holland cover, stood Thwaite’s clock. It was not large—no taller than Hester herself—but when Mr. Ashdown drew off the cover she caught her breath; for it had not one dial but seven, arranged like the petals of a flower, and each of them was empty of hands, and in the centre, where an eighth dial should have been, there was only a small round hole with a keyhole at the bottom of it.",
 "She stood and looked at it for a long while. Then she went back to her lodging in Doughty Street, and took a sheet of paper from her bag, and wrote.",
 ("letter", "Doughty Street, _Thursday._", "My dear Uncle,", [
   "I have seen it. It is the most beautiful and the most provoking thing I ever saw in my life, and I understand now why you would not speak of it. I will not ask you what the quarrel was. I will only ask you one thing, and you may answer it with a single word if you like, as you answered Mr. Ashdown through the parlour wall.",
   "Is it the key in the brass-bound box?",
   "The doctor writes that you are better, and that you sit in the shop in the afternoons and tell the boy what to do, and that the boy does it wrong. I am very glad of both. Mrs. Pruett is kind to me; Mr. Ashdown is kind, too, though he talks a great deal more than is needful; and London is not so terrible as Wenlow thinks, only dirtier.",
  ], "Your affectionate niece,", "HESTER."),
 "P.S.—Mr. Ashdown begs me to say that he is your obedient servant, and that he has not climbed a church tower since Tuesday, and does not miss it.",
 "The answer came by the second post on Saturday, in a hand so shaken that she hardly knew it. It was a single word, as she had asked; and with it, wrapped in the same yellowed paper, came the key.",
 ("ch", "V", "THE DIAL"),
 "The key fitted. Hester had known that it would, and yet when it slid home in the little round hole at the centre of the seven dials, and turned, and something deep inside the case gave a soft sound like a sigh, she found that her hands were shaking as badly as her uncle’s.",
 "Nothing else happened. The seven dials stayed empty. The clock did not go.",
 "“Well,” said Mr. Ashdown, after a long silence, “that is a disappointment.”",
 "“No,” said Hester slowly. “No, I do not think it is.” For she had remembered, all at once, the motto under the church clock at Wenlow, which she had read ten thousand times and never thought about: _Seven turns, then wait the hour._ She saw now that it was not a motto at all, but an instruction, written out plain for anyone who cared to read it, by an apprentice who had quarrelled with his master and could not bring himself to say that he was sorry in any other way.",
 "She turned the key seven times. Then they waited, she and Mr. Ashdown, side by side upon Thwaite’s dusty bench, while the light went out of the window and the lamps were lit along St. John’s Street, and somewhere over the roofs St. Paul’s began, very faintly, to strike six.",
 "On the sixth stroke the clock woke. One after another, like the petals of a flower opening, the seven dials filled with hands—hands of steel and brass and blued iron, pointing each to a different hour; and in the centre, where the key had been, a small silver face slid up into the empty place, bearing a single hand, which pointed to the word _Now_.",
 "Mr. Pruett said afterwards that the executors had never been so puzzled in their lives, nor so entirely satisfied.",
 "Josiah Lamb did not go to London after all. But in the spring, when he could walk as far as the church-yard with a stick, Hester and her husband brought Thwaite’s clock down to Wenlow in a carrier’s cart, packed in straw like a piece of glass, and set it up in the shop window in Sheep Street, where it stands to this day. The old man sat beside it every afternoon until he died. He never told anyone what the quarrel had been about; and nobody, least of all Felix Ashdown, was ever so ill-bred as to ask.",
 ("end",),
]

EBOOK_TITLE = TITLE.upper()
HEADER = """The Project Gutenberg eBook of {t}
    
This ebook is for the use of anyone anywhere in the United States and
most other parts of the world at no cost and with almost no restrictions
whatsoever. You may copy it, give it away or re-use it under the terms
of the Project Gutenberg License included with this ebook or online
at www.gutenberg.org. If you are not located in the United States,
you will have to check the laws of the country where you are located
before using this eBook.

Title: {t}

Author: {a}

Release date: November 5, 2031 [eBook #99812]

Language: English

Credits: Transcribed from the 1871 edition by a volunteer


*** START OF THE PROJECT GUTENBERG EBOOK {T} ***




""".format(t=TITLE, a=AUTHOR, T=EBOOK_TITLE)

FOOTER = """



*** END OF THE PROJECT GUTENBERG EBOOK {T} ***
    


Updated editions will replace the previous one—the old editions will
be renamed.

Creating the works from print editions not protected by U.S. copyright
law means that no one owns a United States copyright in these works,
so the Foundation (and you!) can copy and distribute it in the United
States without permission and without paying copyright royalties.
Special rules, set forth in the General Terms of Use part of this
license, apply to copying and distributing Project Gutenberg™
electronic works to protect the PROJECT GUTENBERG™ concept and
trademark.


START: FULL LICENSE

THE FULL PROJECT GUTENBERG LICENSE

PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK

To protect the Project Gutenberg™ mission of promoting the free
distribution of electronic works, by using or distributing this work
(or any other work associated in any way with the phrase “Project
Gutenberg”), you agree to comply with all the terms of the Full
Project Gutenberg™ License available with this file or online at
www.gutenberg.org/license.

Section 1. General Terms of Use and Redistributing Project Gutenberg™
electronic works
""".format(T=EBOOK_TITLE)


def centre(s, width=72):
    return " " * ((width - len(s)) // 2) + s


def plain(s):
    return s.replace("_", "")


parts = [d for d in doc if isinstance(d, tuple) and d[0] in ("part", "ch")]

out = HEADER.split("\n")[:-1]
out += [centre(EBOOK_TITLE), "", centre("BY"), "", centre(AUTHOR.upper()), "", "", "", "", "CONTENTS", "", ""]
for d in parts:
    if d[0] == "part":
        out += ["  PART %s. %s" % (d[1], d[2]), ""]
    else:
        out.append("      " + ("CHAPTER %s." % d[1]).ljust(14) + d[2])
        nxt = parts.index(d) + 1
        if nxt == len(parts) or parts[nxt][0] == "part":
            out.append("")

blocks, cands, compounds = [], [], []


def para(marked, indent=0):
    """Wrap one prose paragraph into `out`, record it and its break spans."""
    blocks.append({"type": "paragraph", "text": plain(marked)})
    wl, br = wrap_words(marked, W, {}, first_indent=indent)
    for k, ln in enumerate(wl):
        out.append((" " * indent if k == 0 else "") + ln)
    for off, kind in br:
        if kind == "wrap":
            span = span_words(marked, off, 2, 2, "wrap")
        else:  # 'compound': a real hyphen at line end, kept
            span = span_words(marked, off, 1, 1, "x")
            word = re.search(r"[\w’]+-[\w’]+$", marked[:off] + re.match(r"[\w’]*", marked[off:]).group(0)).group(0)
            compounds.append(word)
        pri = 0 if (kind != "wrap" or "_" in span) else 1
        cands.append((pri, plain(span)))
    out.append("")


for d in doc:
    if isinstance(d, str):
        para(d)
        continue
    kind = d[0]
    if kind == "part":
        blocks.append({"type": "heading", "level": 1, "text": "PART %s. %s" % (d[1], d[2])})
        out += ["", "", "", centre("PART %s." % d[1]), "", centre(d[2]), "", ""]
    elif kind == "ch":
        blocks.append({"type": "heading", "level": 2, "text": "CHAPTER %s. %s" % (d[1], d[2])})
        out += ["", "", "", "CHAPTER %s." % d[1], d[2], "", ""]
    elif kind == "verse":
        for ind, ln in d[1]:
            blocks.append({"type": "paragraph", "text": ln})
            out.append(" " * ind + ln)
        out.append("")
        blocks.append({"type": "paragraph", "text": plain(d[2])})
        out += [" " * 36 + d[2], "", ""]
    elif kind == "letter":
        _, dateline, salut, body, closing, sig = d
        blocks.append({"type": "paragraph", "text": plain(dateline)})
        out += [" " * 40 + dateline, ""]
        blocks.append({"type": "paragraph", "text": salut})
        out += ["    " + salut, ""]
        for p in body:
            para(p)
        blocks.append({"type": "paragraph", "text": closing})
        blocks.append({"type": "paragraph", "text": sig})
        out += [" " * 32 + closing, " " * 48 + sig, ""]
    elif kind == "break":
        # a thought break: rendered as <hr/> by an editor, no paragraph of its own
        out += ["       *       *       *       *       *", ""]
    elif kind == "end":
        blocks.append({"type": "paragraph", "text": "THE END"})
        out += ["", centre("THE END")]

while out and out[-1] == "":
    out.pop()
text = "\n".join(out) + "\n" + FOOTER
text = "\n".join(l.rstrip() if l.strip() else l for l in text.split("\n"))

assert len(compounds) >= int(os.environ.get("MINC", 3)), compounds
joins = pick_joins(cands, 12)
paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
glued = sorted({c.replace("-", "") for c in compounds})
assert not any(g in b["text"] for g in glued for b in blocks)
words = sum(len(b["text"].split()) for b in blocks)
print("words:", words, "paragraphs:", len(paras), "compound breaks:", compounds)
write_case(
    HERE, title=TITLE, title_alt=[EBOOK_TITLE], blocks=blocks, input_text=text, encoding="utf-8",
    language="en", joins=joins, newline="\r\n", bom=True,
    must_not_appear=["Gutenberg", "GUTENBERG", "www.", "eBook", "Release date", "Title:", "Author:",
                     "Language: English", "Credits:", "LICENSE", "license", "re:^\\*\\*\\*", "CONTENTS",
                     "re:CHAPTER [IVX]+\\..*CHAPTER [IVX]+\\.", "re:PART I\\..*PART II\\.", "_",
                     "re:\\w- \\w"] + glued,
    samples_idx=[idx("There was not"), idx("For thirty miles round"), idx("The letter came"), idx("“Well, uncle?”"),
                 idx("The hours go round"), idx("That night Hester"), idx("My dear Uncle,"), idx("HESTER."),
                 idx("P.S.—Mr."), idx("“No,” said Hester slowly"), idx("Josiah Lamb did not go")],
    notes=("Project Gutenberg plain-text e-book: UTF-8 with BOM, CRLF, prose hard-wrapped at 70 columns, a blank "
           "line between paragraphs, no page numbers. The Gutenberg header (licence paragraph, Title:/Author:/"
           "Release date:/Language:/Credits: fields, *** START … *** line) and footer (*** END … *** line and the "
           "start of the licence, with all-caps lines such as 'THE FULL PROJECT GUTENBERG LICENSE' and 'Section 1. "
           "General Terms of Use…') are boilerplate and must vanish. Title 'The Clockmaker of Wenlow' (Title: field; "
           "the centred capitals title block with 'BY' and the author is title-page metadata, not body text). The "
           "printed CONTENTS list (no page numbers) is dropped: its lines are neither headings nor paragraphs. "
           "Headings: 'PART I.' + blank line + 'WENLOW' = ONE level-1 heading 'PART I. WENLOW'; 'CHAPTER I.' + "
           "'THE LETTER' on the next line = ONE level-2 heading 'CHAPTER I. THE LETTER'. Italics _x_ are markup: "
           "the underscores are dropped, the words kept. Real compounds broken after their hyphen at a line end "
           "(well- / known, to- / morrow …) keep the hyphen and lose the line break. Verse epigraph under CHAPTER I "
           "(indented 4/6 spaces): each verse line is its own paragraph-level block (line breaks are meaningful; "
           "they must not be joined as a wrapped paragraph), the attribution '—From an old sampler.' another. The "
           "letter: dateline, salutation, body paragraphs, closing 'Your affectionate niece,' and signature "
           "'HESTER.' are each their own block; 'HESTER.' and 'THE END' are short capitals lines, not headings "
           "('THE END' is kept as a paragraph). The thought break '*       *       *       *       *' is a scene "
           "separator (an <hr/>), not a heading and not counted as a paragraph; keeping it as a paragraph costs "
           "nothing but one in the paragraph count."),
)
