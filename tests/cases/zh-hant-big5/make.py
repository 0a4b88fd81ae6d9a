#!/usr/bin/env python3
"""zh-hant-big5: a Traditional Chinese classical novel as an old Big5 e-text.

Big5, CRLF, title and 'dynasty．author' lines at the top, chapter headings
'第一回　…　…' (a couplet title, flush left), paragraphs indented with two
U+3000, HARD-WRAPPED at 30 characters with unindented continuation lines, a
blank line between paragraphs. A poem after '詩曰：' has one verse per line,
each indented like a paragraph. Text: openings of the first two chapters of
吳承恩《西遊記》 (public domain), typed from memory; small deviations from any
printed edition are possible and do not matter here."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, wrap_cjk, span_cjk, pick_joins

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE, AUTHOR = "西遊記", "明．吳承恩"
W = 30

doc = [
 ("h", "第一回　靈根育孕源流出　心性修持大道生"),
 "詩曰：",
 "混沌未分天地亂，茫茫渺渺無人見。",
 "自從盤古破鴻濛，開闢從茲清濁辨。",
 "覆載群生仰至仁，發明萬物皆成善。",
 "欲知造化會元功，須看西遊釋厄傳。",
 "蓋聞天地之數，有十二萬九千六百歲為一元。將一元分為十二會，乃子、丑、寅、卯、辰、巳、午、未、申、酉、戌、亥之十二支也。每會該一萬八百歲。且就一日而論：子時得陽氣，而丑則雞鳴；寅不通光，而卯則日出；辰時食後，而巳則挨排；日午天中，而未則西蹉；申時晡，而日落酉；戌黃昏，而人定亥。",
 "感盤古開闢，三皇治世，五帝定倫，世界之間，遂分為四大部洲：曰東勝神洲，曰西牛賀洲，曰南贍部洲，曰北俱蘆洲。這部書單表東勝神洲。海外有一國土，名曰傲來國。國近大海，海中有一座名山，喚為花果山。",
 "那座山正當頂上，有一塊仙石。其石有三丈六尺五寸高，有二丈四尺圍圓。三丈六尺五寸高，按周天三百六十五度；二丈四尺圍圓，按政曆二十四氣。上有九竅八孔，按九宮八卦。四面更無樹木遮陰，左右倒有芝蘭相襯。",
 "蓋自開闢以來，每受天真地秀，日精月華，感之既久，遂有靈通之意。內育仙胞，一日迸裂，產一石卵，似圓毬樣大。因見風，化作一個石猴，五官俱備，四肢皆全。",
 "畢竟不知向後修些甚麼道果，且聽下回分解。",
 ("h", "第二回　悟徹菩提真妙理　斷魔歸本合元神"),
 "話表美猴王得了姓名，怡然踴躍，對菩提前作禮啟謝。那祖師即命大眾引孫悟空出二門外，教他灑掃應對，進退周旋之節。眾仙奉行而出。",
 "悟空到門外，又拜了大眾師兄，就於廊廡之間，安排寢處。次早，與眾師兄學言語禮貌，講經論道，習字焚香，每日如此。閒時即掃地鋤園，養花修樹，尋柴燃火，挑水運漿。凡所用之物，無一不備。在洞中不覺倏六七年。",
]

blocks, lines, cands = [], [TITLE, AUTHOR, ""], []
verse = False
for d in doc:
    if isinstance(d, tuple):
        blocks.append({"type": "heading", "level": 1, "text": d[1]})
        lines += [d[1], ""]
        continue
    blocks.append({"type": "paragraph", "text": d})
    off = -2
    wl = wrap_cjk("\u3000\u3000" + d, W)
    for k, ln in enumerate(wl):
        lines.append(ln)
        if k > 0:
            cands.append((1, span_cjk(d, off, 7, 7)))
        off += len(ln)
    is_verse = len(d) == 16 and d.endswith("。") or d == "詩曰："
    if not is_verse or d.startswith("欲知"):
        lines.append("")  # verse lines follow one another without blank lines
text = "\n".join(lines) + "\n"

paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
write_case(
    HERE, title=TITLE, blocks=blocks, input_text=text, encoding="big5", language="zh-Hant", newline="\r\n",
    joins=pick_joins(cands, 8),
    must_not_appear=["re:^\u3000", "明．吳承恩"],
    samples_idx=[idx("詩曰："), idx("自從盤古"), idx("蓋聞天地之數"), idx("那座山正當頂上"), idx("畢竟不知"),
                 idx("悟空到門外")],
    notes=("Old-style Big5 e-text (CRLF) of a Traditional Chinese 章回小說: chapters '第N回　上聯　下聯' (level 1, "
           "the whole line is the heading). Paragraphs start with two U+3000 and are hard-wrapped at 30 "
           "characters (continuation lines flush left), blank line between paragraphs; the four verse lines after "
           "詩曰： are each their own paragraph (each is indented) and come without blank lines between them; 詩曰： "
           "itself is a one-line paragraph, not a heading. Title line 西遊記 and the author line 明．吳承恩 are "
           "metadata (the author line must not be body text). Wrapped lines may start with characters like 第 or "
           "numbers (十二萬九千六百歲) inside prose. Text typed from memory from the public-domain 西遊記."),
)
