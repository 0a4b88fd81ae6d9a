#!/usr/bin/env python3
"""ja-pdf: a short Japanese essay collection (horizontal setting) as `pdftotext`
(default mode) gives it.

Title page, a 目次 page (…… leaders, page numbers), then body pages of 17
lines of 40 characters with kinsoku (no line starts with 。、」 etc., none ends
with 「), paragraphs indented with U+3000 and NOT separated by blank lines,
headings (第一章　… and あとがき) with blank lines around them. Running head on
top: the book title on even pages, the chapter title on odd pages; the folio
alone at the foot. Pages end with a form feed. Original text written for
this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, wrap_cjk, span_cjk, pick_joins, paginate

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE, AUTHOR = "港町の記憶", "水野 朔"
W, PAGE = 40, 15

# ("h", text) | ("lines", [lines], joined) block of short lines | str paragraph
doc = [
 ("h", "第一章　坂の上の灯台"),
 "私が生まれた町は、細長い湾の奥にある小さな港町である。駅を出るとすぐに坂が始まり、その坂を登りきったところに白い灯台が立っている。坂の両側には古い石垣が続き、夏になると石の隙間から小さな蟹が顔を出した。子どものころ、私はこの坂を毎日のように駆け上がった。灯台の下からは町の屋根がすべて見渡せ、天気のよい日には湾の外の島々までがはっきりと見えたからである。",
 "灯台守の老人は、私たちが柵を越えて遊んでいても、めったに叱らなかった。ただ、日が傾きはじめると必ず鐘を鳴らし、「もう帰れ」とだけ言った。その声は低く、妙に遠くまで届いた。",
 "「はい。」",
 "私たちはいつもそう答えて、それから少しだけぐずぐずした。",
 "灯台の台座には、小さな銅板がはめ込まれている。そこには次のような言葉が刻まれていた。",
 ("lines", ["港を出る船と", "港に帰る船のために", "1959"]),
 "大人になってから調べてみると、灯台が建てられたのはその年ではなく、もっと古い時代のことだった。銅板の年は、戦後に灯台が建て直された年なのだという。私はそのことを知ったとき、なぜか少しがっかりした。",
 ("h", "第二章　魚市場の朝"),
 "港の一日は、まだ暗いうちに始まる。午前四時を過ぎると、沖から戻った漁船が次々に岸壁に着き、魚市場に明かりがともる。",
 "父は市場で仲買人をしていた。仲買人の仕事は、せりで魚を買い、それを町の魚屋や料理屋に卸すことである。父はよく「魚は目で買うな、手で買え」と言った。目で見てよさそうな魚でも、手で触ってみると身が緩んでいることがある。逆に見た目の悪い魚が、実は一番うまいこともある。",
 "せりは独特の符丁で行われた。数を表す言葉が土地ごとに違い、よその町から来た人にはまったく聞き取れない。私も子どものころは、父たちが何を叫んでいるのか少しもわからなかった。市場で使われていた符丁のうち、今でも覚えているのは次の三つである。",
 ("items", ["一、ピン", "二、リャン", "三、ゲタ"]),
 "今ではせりも電子化され、あの符丁を耳にすることはほとんどなくなった。",
 ("h", "第三章　湾を出る"),
 "高校を卒業した春、私は町を出た。駅までは母が送ってくれた。坂の途中で振り返ると、灯台はいつもと同じように白く、いつもと同じように小さかった。",
 "それから三十年のあいだに、町は大きく変わった。漁船の数は半分以下になり、魚市場は湾の反対側に移された。駅前の商店街には、シャッターを下ろした店が目立つようになった。",
 "それでも灯台は、今も同じ場所に立っている。去年の秋に帰省したとき、私は久しぶりにあの坂を登った。柵はもうなく、かわりに小さな展望台ができていた。銅板は、昔のままそこにあった。",
 "日が傾きはじめたころ、どこからか鐘の音が聞こえたような気がした。もちろん、そんなはずはない。灯台守の老人は、私が町を出る前の年に亡くなっている。",
 "私はしばらくそこに立って、湾を出ていく船の灯りを眺めていた。",
 ("h", "あとがき"),
 "本書は、ある地方紙に二年にわたって連載した随筆をもとに、大幅に加筆したものである。連載中に手紙をくださった読者の皆さんに、この場を借りてお礼を申し上げたい。",
]

blocks, body = [], []
chap = None
for d in doc:
    if isinstance(d, tuple) and d[0] == "h":
        blocks.append({"type": "heading", "level": 1, "text": d[1]})
        chap = d[1]
        if body and body[-1][0] != "":
            body.append(("", None, 0, chap))
        body += [(d[1], "H", 0, chap), ("", None, 0, chap)]
        continue
    if isinstance(d, tuple) and d[0] == "lines":
        blocks.append({"type": "paragraph", "text": "".join(d[1])})
        body.append(("", None, 0, chap))
        for l in d[1]:
            body.append(("\u3000\u3000\u3000" + l, None, 0, chap))
        body.append(("", None, 0, chap))
        continue
    if isinstance(d, tuple) and d[0] == "items":
        for l in d[1]:
            blocks.append({"type": "paragraph", "text": l})
            body.append(("\u3000" + l, None, 0, chap))
        continue
    blocks.append({"type": "paragraph", "text": d})
    pi, off = len(blocks) - 1, -1  # the indent is one character of the first line
    for ln in wrap_cjk("\u3000" + d, W):
        body.append((ln, pi, max(off, 0), chap))
        off += len(ln)
    # the heading after the last paragraph gets its blank line from the heading branch

pages = paginate(body, PAGE)

first_page = 3  # 1 = title page, 2 = 目次 (unnumbered), body starts on p. 3
toc, cands = [], []
for n, pg in enumerate(pages):
    for k, (ln, pi, off, ch) in enumerate(pg):
        if pi == "H":
            toc.append((ln, n + first_page))
        elif isinstance(pi, int) and off > 0:
            cands.append((0 if k == 0 else 1, span_cjk(blocks[pi]["text"], off, 7, 7)))

out = ["", "", "", "", TITLE, "", "", AUTHOR, "\f"]
out += ["目次", ""]
for t, p in toc:
    out.append(t + "…" * max(3, W - len(t) - 3) + " " + str(p))
out.append("\f")
for n, pg in enumerate(pages):
    folio = n + first_page
    ch = pg[0][3]
    if pg[0][1] != "H":  # no running head on a page that opens with a heading
        out.append(TITLE if folio % 2 == 0 else ch)
        out.append("")
    while pg and pg[-1][0] == "":
        pg = pg[:-1]
    out += [l for l, _, _, _ in pg]
    out += ["", str(folio), "\f"]
text = "\n".join(out).replace("\n\f\n", "\n\f")
if not text.endswith("\f"):
    text += "\n"

joins = pick_joins(cands, 8)
paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
write_case(
    HERE, title=TITLE, blocks=blocks, input_text=text, encoding="utf-8", language="ja", joins=joins,
    must_not_appear=["re:^\\d{1,2}$", "re:(?<![0-9])\\d{1,2}(?![0-9年])", "re:…{3,}", "目次",
                     "re:.港町の記憶|港町の記憶."],
    samples_idx=[idx("私が生まれた町は"), idx("「はい。」"), idx("二、リャン"), idx("父は市場で"),
                 idx("それでも灯台は"), idx("本書は"), idx("せりは独特の")],
    notes=("pdftotext default mode of a horizontally set Japanese book: 40 characters a line with kinsoku, "
           "17 lines a page, paragraphs marked by a U+3000 indent and NOT by blank lines, headings with blank "
           "lines around them (第一章　…, 第二章　…, 第三章　…, あとがき, all level 1). Running head alternates: "
           "book title '港町の記憶' on even pages, the chapter title on odd pages (it repeats a heading text, so it "
           "must be removed as furniture without losing the real heading; the leak pattern only catches a running head glued to other text, since a block that is just the book title may be a title page); folio alone at the foot; form feeds. "
           "Title page and a 目次 page with …… leaders (artifacts). Paragraphs continue across pages mid-sentence. "
           "Negatives: the one-line dialogue 「はい。」; the three-item list 一、ピン / 二、リャン / 三、ゲタ (short "
           "lines, each its own paragraph, not headings); the inscription of three short lines whose last line "
           "is the year '1959' alone (not a folio). The inscription is expected as one block "
           "'港を出る船と港に帰る船のために1959' (as a <p> with <br> reads); three separate blocks would also be a "
           "fair rendering, so it is not sampled."),
)
