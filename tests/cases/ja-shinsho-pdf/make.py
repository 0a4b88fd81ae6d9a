#!/usr/bin/env python3
"""ja-shinsho-pdf: a Japanese nonfiction paperback (新書) on the history of the
bicycle in Japan, set horizontally, as `pdftotext` (default mode, UTF-8) gives it.

Pages: a title page (title, subtitle '――…', author), a blank verso (a bare form
feed), two 目次 pages (chapter-level entries with …… leaders, the unnumbered
小見出し indented with U+3000 under their chapter with ・・・ leaders, page
numbers after a space), then body pages of 15 lines of 38 full-width characters
with kinsoku (no break inside a run of half-width digits). Paragraphs start
with U+3000 and are NOT separated by blank lines. Level-1 headings (はじめに,
第一章　…, おわりに, 参考文献) open a new page, set lower on the page, with no
running head on that page; level-2 小見出し are short unnumbered lines with a
blank line around them. Running head: the book title on even pages, the
current chapter title on odd pages; the folio alone at the foot. A block
quotation indented by two more U+3000 on every line (first line three), with
blank lines around it; a note block '注1　…' / '注2　…' at the end of chapter 1
in smaller type (40 characters a line, continuation lines at column 0);
references flush left, continuation lines at column 0. Page breaks inside
paragraphs: one inside a katakana word, one between '1890' and '年', one
inside the block quotation, plus others mid-sentence; twice a paragraph ends
with a short line at the very foot of a page, and once a full line ending in
'。' at the foot is continued, unindented, on the next page. Original text written for this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, span_cjk, is_wide, wrap_cjk

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "自転車の来た道"
SUBTITLE = "――ペダルがひらいた日本の近代"
AUTHOR = "山田太郎"
W, NW, PAGE = 38, 40, 15   # body measure, note measure (smaller type), lines a page
OPEN_SPACE = 3              # blank slots above a level-1 heading on an opening page
FIRST_FOLIO = 5             # 1 title page, 2 blank, 3-4 目次

# ("h1", t) | ("h2", t) | ("quote", t) | ("note", t) | ("ref", t) | str: body paragraph
doc = [
 ("h1", "はじめに"),
 "朝の駅前に並ぶ自転車の列を見て、それがいつ、どのようにしてこの国にやってきたのかを考える人は、おそらくほとんどいないだろう。自転車はあまりにも身近な道具になったため、その来歴が語られる機会は少ない。しかし、二つの車輪に人が乗って進むという、いまでは当たり前の光景が日本の街角に現れたのは、せいぜい百五十年ほど前のことにすぎない。",
 "本書は、明治の初めに外国人の乗り物として持ち込まれた自転車が、見せ物となり、ぜいたく品となり、やがて職人の手で国産化され、商店の配達や通勤の足として人々の暮らしに溶け込んでいくまでの道のりを、当時の新聞記事や回想録を手がかりにたどるものである。",
 "自転車の歴史は、技術の歴史であると同時に、人々が「速さ」や「自由」をどのように受け止めてきたかの歴史でもある。ペダルをこぐ人々の姿を通して、日本の近代をもう一つの角度から眺めてみたい。",
 "なお、引用した資料の表記は、読みやすさを考えて一部を現代の表記に改めた。",

 ("h1", "第一章　自転車がやってきた"),
 "自転車が日本に伝わった経路は一つではない。港から、学校から、見せ物小屋から、この新しい乗り物は少しずつ人々の前に姿を現した。本章では明治の前半を中心に、自転車が珍しい見せ物から「乗ってみたいもの」へと変わっていく過程を追う。",
 ("h2", "横浜の居留地で"),
 "日本で最初に自転車に乗ったのが誰であったかは、はっきりとはわかっていない。ただ、明治の初めごろ、横浜や神戸の外国人居留地で、西洋人が奇妙な乗り物にまたがって走る姿が見られたことは、いくつもの記録に残されている。",
 "そのころの自転車は、木製の車輪に鉄の輪をはめた重いもので、前輪に直接ペダルが付いていた。フランスで考案されたこの型は「ベロシペード」と呼ばれ、石畳の上を走ると全身に激しい振動が伝わった。英語圏では「ボーンシェイカー」、つまり骨ゆすりというあだ名で呼ばれたほどである。",
 "自転車が居留地の外に出るまでには、しばらく時間がかかった。当時の道路は舗装されておらず、雨が降ればぬかるみ、晴れれば土ぼこりが舞った。重い木の車輪では、こうした道を長い距離走ることは難しかったのである。",
 "居留地の子どもたちは、この乗り物を遠巻きに眺めていたという。後に横浜で自転車店を開いたある人物の回想によれば、通りかかった西洋人に手招きされ、恐る恐る近づくと、片言の日本語でこう話しかけられた。",
 "「坊や、乗ってみるか。」",
 "少年は首を横に振って逃げ出した。それが、生涯を自転車とともに過ごすことになる彼にとって、二つの車輪との最初の出会いであった。",
 ("h2", "ダルマ自転車の時代"),
 "明治十年代に入ると、前輪が大きく後輪が小さい「オーディナリー型」の自転車が輸入されるようになった（注1）。前輪の直径が大人の胸の高さほどもあるこの自転車は、その姿が起き上がり小法師に似ていることから、日本では「ダルマ自転車」と呼ばれた。",
 "ダルマ自転車は速かったが、乗りこなすのは容易ではなかった。高い座席に飛び乗るには特別なこつが必要で、小石に乗り上げただけで前のめりに投げ出される危険があった。値段も非常に高く、これに乗るのは一部の外国人や、新しもの好きの裕福な若者に限られていた（注2）。",
 "当時の新聞には、自転車の事故を伝える記事がたびたび載っている。坂道で止まれなくなった自転車が人力車にぶつかり、客が道に投げ出されたという記事もある。ある新聞は社説で次のように論じた。",
 ("quote", "近ごろ市中において自転車と称する乗り物を乗り回す者、ようやく多し。その速きこと馬に劣らず、しかも馬のごとく飼い葉を要せず、まことに便利なる器械というべし。されど往来の人を驚かすことはなはだしく、老人や子どものこれに触れて傷つく者ありと聞く。文明の利器もその用い方を誤らば、かえって世の害となるべし。当局はよろしく取り締まりの法を設け、乗る者もまた自ら慎むところあるべきなり。"),
 "自転車は、便利な乗り物である前に、まず往来の厄介者として人々の目に映ったのである。",
 ("h2", "貸し自転車屋の繁盛"),
 "自転車を買うことはできなくても、一度は乗ってみたいと思う人は少なくなかった。そこに目をつけたのが貸し自転車屋である。東京の神田や上野の周辺には、時間ぎめで自転車を貸す店がいくつも現れ、休日ともなると、順番を待つ若者たちの長い列が店の前にできたという。",
 "店の前の空き地は、そのまま練習場になった。店の主人が後ろから車体を支えて走り、客が一人でこげるようになったところで、黙って手を放す。振り返って主人が遠くにいることに気づいた客は、たいていその場で転んだ。",
 "泥だらけになった客を見て、見物人たちはどっと笑った。",
 "やがて貸し自転車屋の中からは、修理や販売を手がける店も現れた。自転車が街の商売として根を下ろし始めたのである。",
 ("note", "注1　「オーディナリー」は「普通の」という意味の英語である。のちに前後の車輪が同じ大きさの安全型が普及すると、それと区別するためにこの呼び名が定着した。"),
 ("note", "注2　明治の中ごろ、輸入された自転車は一台が百円を超えることも珍しくなかった。当時の小学校教員の初任給が十円に満たなかったことを考えれば、いかに高価な品であったかがわかる。"),

 ("h1", "第二章　国産化への挑戦"),
 ("h2", "鉄砲鍛冶の技術"),
 "輸入された自転車は高価なうえ、壊れても部品を手に入れることが難しかった。そこで修理を引き受けたのが、町の鍛冶屋や鉄砲職人たちである。なかでも、細い鉄の管を正確に加工する技術を持つ鉄砲職人は、自転車の車体を直すのにうってつけであった。",
 "東京のある銃砲製作所では、修理のために持ち込まれた外国製の自転車を手本に、部品を一つずつ自分たちの手で作ることを試みた。職人たちは昼間は本業の銃を作り、夜になると工場の片隅で自転車の部品を削った。車輪の細い針金を一本ずつ張り、何度となく失敗を繰り返した末に、ようやく最初の試作車が完成したのは、1890年のことであったと伝えられている。",
 "もっとも、試作車がすぐに商品になったわけではない。鋼管やチェーン、ゴムのタイヤなど、多くの部品は依然として輸入に頼らざるをえなかった。国内ですべての部品をまかなえるようになるまでには、さらに二十年以上の歳月が必要だった。",
 ("h2", "安全型の登場"),
 "1890年代に入ると、前後の車輪が同じ大きさで、チェーンで後輪を回す「セーフティー型」の自転車が欧米で広まった。空気入りのタイヤも実用化され、乗り心地は格段に良くなった。日本にもこの型が輸入されるようになると、自転車に乗る人の数は急速に増えていった。",
 "安全型の普及は、女性が自転車に乗るきっかけにもなった。裾の長い着物では乗りにくかったため、袴姿で自転車にまたがる女学生の姿は、新しい時代の象徴として雑誌の挿絵にもたびたび描かれた。もっとも、これを「はしたない」と眉をひそめる人も少なくなかった。",
 "乗る人が増えれば、競走も始まる。明治の後半には各地で自転車競走会が開かれ、速さを競う選手たちの姿に観客は熱狂した。優勝者の名前は新聞に載り、その愛用する車種は飛ぶように売れたという。",
 ("h2", "輸入車との競争"),
 "明治の末から大正にかけて、国内の自転車製造は大きく成長した。大阪の堺では、もともと刃物や鉄砲の産地として知られた職人の技術が生かされ、部品を専門に作る小さな工場が数多く生まれた。",
 "それでも、品質の面では長く輸入車に及ばなかった。自転車店の店先ではイギリス製の自転車が最も高い値段で売られ、国産車は「安いがすぐ壊れる」と言われた。ある職人は、晩年に次のように語っている。",
 "「外国の車をばらして、ねじ一本まで寸法を測った。同じものを作ったつもりでも、走らせると何かが違う。その何かを見つけるのに十年かかった。」",
 "国産車の評判が大きく変わるのは、第一次世界大戦で輸入が途絶えてからである。海外からの供給が止まったことで、国内の工場は一気に注文を抱え、その経験が技術の底上げにつながった。",
 "大戦が終わるころには、国産車の中にも輸入車に劣らない品質のものが現れ始めた。やがて日本の自転車は、アジアの国々へ輸出されるまでになる。かつて修理のために外国の車を分解していた職人たちの工場が、今度は海外に向けて自転車を送り出すようになったのである。",

 ("h1", "第三章　暮らしの中の自転車"),
 "大正から昭和の初めにかけて、自転車はぜいたく品から仕事の道具へと姿を変えていった。本章では、商店や工場、そして家庭の中で、自転車がどのように使われてきたかを見ていく。",
 ("h2", "商店の御用聞き"),
 "その変化を最もよく表しているのが、商店の御用聞きである。酒屋や米屋の若い店員は、朝のうちに得意先を自転車で回って注文を聞き、午後にはその品を荷台に積んで届けた。",
 "御用聞きの自転車には、店の名前を書いた札が取り付けられていた。町の人々は、その札を見ただけで、どこの店の誰が来たのかがわかったという。自転車は、店の看板を背負って町を走る広告でもあったのである。",
 "荷物を運ぶための頑丈な自転車は「運搬車」と呼ばれ、太い車体と大きな荷台を備えていた。一斗樽や米俵を積んだ運搬車が、重さでふらつきながら路地を抜けていく姿は、昭和の町の見慣れた風景となった。",
 "新聞や牛乳の配達にも自転車は欠かせなかった。夜明け前の町を走る配達員の自転車は、人々が目を覚ます前に一日の始まりを届けていたのである。",
 ("h2", "戦争と自転車"),
 "昭和十年代に戦争が激しくなると、自転車の生産にも統制が加えられた。鉄やゴムは軍需に回され、民間向けの自転車は作ることさえ難しくなった。タイヤが手に入らず、古い車輪に縄を巻いて走ったという話も残っている。",
 "一方で、ガソリンの不足から自動車が使えなくなると、自転車の役割はかえって大きくなった。物資の運搬には、自転車の後ろに小さな二輪の荷車をつないだ「リヤカー」が広く用いられた。",
 "戦争が終わったとき、焼け跡に残された数少ない乗り物の一つが自転車であった。人々は壊れた自転車を拾い集めて修理し、食料の買い出しや仕事に使った。",
 ("h2", "通勤・通学の足へ"),
 "戦後の混乱が落ち着くと、自転車は再び人々の暮らしに戻ってきた。昭和三十年代には生産台数が大きく伸び、自転車は一家に一台の乗り物になった。工場へ通う人々の自転車が朝夕の道をいっぱいに埋め、駅前には自転車を預かる有料の置き場が現れた。",
 "やがて、子どもや女性でも乗りやすい小型の自転車が売り出されると、買い物や通学にも自転車が使われるようになった。前かごに野菜を入れて坂を上る母親の姿や、ヘルメットをかぶって並んで走る中学生の列は、この時代に生まれた風景である。",
 "昭和四十年代に入ると、自動車の普及とともに、自転車は車道の厄介者と見なされるようになる。歩道を自転車が走れるようになったのはこの時期のことで、駅前にあふれる放置自転車が社会問題として取り上げられ始めたのも、同じころであった。",
 "こうして自転車は、もはや誰も驚かない乗り物になった。",

 ("h1", "おわりに"),
 "百五十年前、居留地の少年が逃げ出した奇妙な乗り物は、いまでは私たちの生活の一部となっている。その間に自転車は、見せ物から高級品へ、高級品から仕事の道具へ、そして日常の足へと、何度もその意味を変えてきた。",
 "自転車の形は、この百年あまりの間、驚くほど変わっていない。変わったのは、それに乗る人々と、人々が走る道のほうである。本書が、見慣れた二つの車輪に、少しでも新しい目を向けるきっかけとなれば幸いである。",
 "本書の執筆に当たっては、各地の図書館や資料館の方々に大変お世話になった。また、古い自転車の写真や思い出を寄せてくださった読者の皆さんに、心からお礼を申し上げる。",

 ("h1", "参考文献"),
 ("ref", "青木誠一『車輪の文化史――日本人と乗り物の百年』港北書房、1978年"),
 ("ref", "石井和夫『明治の新聞と街の暮らし』東邦出版、1985年"),
 ("ref", "川島ゆき子「明治期の新聞に見る自転車事故の報道――東京と大阪の比較を中心に」『交通史研究』第12号、1994年"),
 ("ref", "高田正『堺の職人と近代産業』浜寺出版、2001年"),
 ("ref", "日本自転車史料会編『自転車の歩み　資料編』同会、1990年"),
 ("ref", "村上健二『御用聞きの昭和史』みなと書房、2008年"),
]


def half_run(ch):
    return ch.isascii() and ch.isalnum()


def wrap(text, width, first=None):
    """CJK wrap with kinsoku and no break inside a run of half-width
    letters/digits ('1890' stays whole; '1890' + '年' may break)."""
    return wrap_cjk(text, width, first=first, unbreakable=half_run)


# ---------------------------------------------------------------- blocks and typeset lines
# line items: (text, block index | "H" | None, offset of the line in the block text, kind)
# kind: "p" body line, "q" quote line, "n" note, "r" reference, "h1"/"h2" heading, "" blank, "sp" invisible space
blocks, flow = [], []
for d in doc:
    kind = d[0] if isinstance(d, tuple) else "p"
    if kind in ("h1", "h2"):
        blocks.append({"type": "heading", "level": 1 if kind == "h1" else 2, "text": d[1]})
        flow.append((d[1], "H", 0, kind))
        continue
    text = d[1] if isinstance(d, tuple) else d
    blocks.append({"type": "paragraph", "text": text})
    bi = len(blocks) - 1
    if kind == "p":
        lines, pre = wrap(text, W, W - 1), ["\u3000"] + [""] * 99
    elif kind == "quote":
        lines = wrap(text, W - 2, W - 3)
        pre = ["\u3000\u3000\u3000"] + ["\u3000\u3000"] * 99
    elif kind == "note":
        lines, pre = wrap(text, NW), [""] * 100
    else:
        lines, pre = wrap(text, W), [""] * 100
    off = 0
    for k, ln in enumerate(lines):
        flow.append((pre[k] + ln, bi, off, {"p": "p", "quote": "q", "note": "n", "ref": "r"}[kind]))
        off += len(ln)

pages, cur = [], []   # a page: list of line items, at most PAGE slots


def room():
    return PAGE - len(cur)


def newpage():
    global cur
    if cur:
        pages.append(cur)
    cur = []


prev_kind = None
for it in flow:
    ln, bi, off, kind = it
    if kind == "h1":
        newpage()
        cur += [("", None, 0, "sp")] * OPEN_SPACE + [it, ("", None, 0, "")]
    elif kind == "h2":
        if room() < 5:               # never strand a 小見出し at the foot of a page
            newpage()
        if cur and cur[-1][3] != "":
            cur.append(("", None, 0, ""))
        cur += [it, ("", None, 0, "")]
    else:
        blank_before = (kind == "q" and off == 0) or (kind == "n" and prev_kind not in ("n",)) \
            or (prev_kind == "q" and kind != "q")
        if blank_before and cur and cur[-1][3] not in ("", "sp"):
            if room() <= 1:
                newpage()
            else:
                cur.append(("", None, 0, ""))
        if room() == 0:
            newpage()
        cur.append(it)
    prev_kind = kind
newpage()
assert all(len(p) <= PAGE for p in pages)

if os.environ.get("SHOW"):
    for n, pg in enumerate(pages):
        print("=" * 10, "folio", n + FIRST_FOLIO, len(pg), "slots")
        for k, (ln, bi, off, kind) in enumerate(pg, 1):
            print("%2d %-3s %3s %-2s| %s" % (k, bi if bi is not None else "", off, kind, ln))
    sys.exit()

# ---------------------------------------------------------------- checks on the page breaks wanted
def is_kata(ch):
    return "\u30a1" <= ch <= "\u30fa"


def page_split(pg):
    """(block index, offset) when the page starts inside a paragraph, else None."""
    ln, bi, off, kind = pg[0]
    return (bi, off) if isinstance(bi, int) and off > 0 else None


splits = [page_split(pg) for pg in pages]
kata = [s for s in splits if s and is_kata(blocks[s[0]]["text"][s[1] - 1]) and is_kata(blocks[s[0]]["text"][s[1]])]
year = [s for s in splits if s and blocks[s[0]]["text"][s[1] - 4:s[1] + 1] == "1890年"]
assert kata, "no page break inside a katakana word"
assert year, "no page break between 1890 and 年"
# a paragraph ending with a short line at the very foot of a page, the next page opening a new paragraph
short_end = []
for a, b in zip(pages, pages[1:]):
    ln, bi, off, kind = a[-1]
    nb = b[0]
    if kind == "p" and off > 0 and off + len(ln) == len(blocks[bi]["text"]) and len(ln) < W // 2 \
            and nb[3] == "p" and nb[2] == 0:
        short_end.append(bi)
assert short_end, "no short paragraph-final line at the foot of a page"

# ---------------------------------------------------------------- the printed pages
def cells(s):
    return sum(2 if is_wide(ch) else 1 for ch in s)


toc = []
for n, pg in enumerate(pages):
    for ln, bi, off, kind in pg:
        if kind == "h1":
            toc.append("%s%s %d" % (ln, "…" * (W - len(ln) - 2), n + FIRST_FOLIO))
        elif kind == "h2":
            ent = "\u3000" + ln
            toc.append("%s%s %d" % (ent, "・" * (W - len(ent) - 2), n + FIRST_FOLIO))
assert len(toc) + 2 > PAGE   # the 目次 runs over two pages
toc_pages = [["目次", ""] + toc[:PAGE - 2], toc[PAGE - 2:]]

out_pages = [[TITLE, "", SUBTITLE, "", AUTHOR], []] + toc_pages
cands = []     # (priority, span)
chapter = None
for n, pg in enumerate(pages):
    folio = n + FIRST_FOLIO
    opening = any(k == "h1" for _, _, _, k in pg)
    lines = []
    if not opening:
        lines += [TITLE if folio % 2 == 0 else chapter, ""]
    body = []
    for k, (ln, bi, off, kind) in enumerate(pg):
        if kind == "sp" or (kind == "" and (not body or body[-1] == "")):
            continue
        if kind == "h1":
            chapter = ln
        body.append(ln)
        if isinstance(bi, int) and off > 0:
            cands.append((0 if k == 0 else 1, span_cjk(blocks[bi]["text"], off, 7, 7)))
    while body and body[-1] == "":
        body.pop()
    lines += body + ["", str(folio)]
    out_pages.append(lines)
text = "".join("\n".join(p) + ("\n" if p else "") + "\f" for p in out_pages)

# joins: every page break inside a paragraph, then wraps spread over the book
joins = [s for p, s in cands if p == 0]
rest = [s for p, s in cands if p == 1]
step = len(rest) // (16 - len(joins))
for s in rest[::step]:
    if len(joins) < 16 and s not in joins:
        joins.append(s)

paras = [b["text"] for b in blocks if b["type"] != "heading"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
samples = [idx("朝の駅前に"), idx("「坊や、"), idx("近ごろ市中において"), idx("自転車は、便利な"),
           idx("注1"), idx("注2"), idx("「外国の車を"), idx("こうして自転車は"),
           idx("川島ゆき子"), idx("村上健二")]
for bi in [s[0] for s in splits if s] + short_end:
    i = paras.index(blocks[bi]["text"])
    if i not in samples:
        samples.append(i)
for bi in short_end:
    nxt = paras.index(blocks[bi]["text"]) + 1
    if nxt not in samples:
        samples.append(nxt)

CH = [b["text"] for b in blocks if b["type"] == "heading" and b["text"].startswith("第")]
NOTES = (
    "pdftotext default mode (UTF-8, a form feed after every page) of a horizontally set 新書: title page "
    "(title '%s', subtitle '%s', author '%s'), a blank verso (a bare form feed), a 目次 over two pages, %d body "
    "pages of 15 lines of 38 full-width characters with kinsoku. Title: the main title only; the subtitle and "
    "the author are title-page metadata, not expected blocks (a tool keeping them as paragraphs only pays a "
    "small excess; a heading equal to the title or title+subtitle is in title_alt). The 目次 (its '目次' line and "
    "every entry with its …… or ・・・ leader and page number, 小見出し entries indented with U+3000) is furniture "
    "and must vanish. Headings: はじめに, 第一章…第三章, おわりに, 参考文献 at level 1 (each opens a new page set "
    "lower, with no running head on it); the unnumbered 小見出し (横浜の居留地で, ダルマ自転車の時代, …) at level 2: "
    "they are headings only by layout (a short line alone between blank lines, not indented) and because the "
    "目次 lists them indented under their chapter. Running heads (the book title on even pages, the chapter "
    "title on odd pages, which repeats a heading's text) and the folios alone at the foot are artifacts; the "
    "leak patterns catch a running head glued to other text and a stray 1-3 digit number (body numbers are "
    "4-digit years, '注1', '第12号'). Paragraphs start with U+3000 (not part of the expected text) and are not "
    "separated by blank lines. Page breaks inside paragraphs mid-sentence, among them one inside a katakana "
    "word (%s) and one between '1890' and '年'; all must be joined without a space across the folio and the "
    "running head; the block quotation also runs over a page break. Twice a paragraph ends with a short line at "
    "the very foot of a page ('…列が店の前にできたという。', '…も少なくなかった。') and the next page opens a new "
    "U+3000-indented paragraph: two paragraphs, not one. Conversely a full line ending in '。' at the foot of a "
    "page ('…途絶えてからである。') is continued on the next page without an indent: one paragraph. The one-line dialogue 「坊や、乗ってみるか。」, the "
    "quoted speech 「外国の車を…」 and the one-line closing paragraph 'こうして自転車は、…' are paragraphs, not "
    "headings. The block quotation (every line indented by two more U+3000, the first by three, blank lines "
    "around it, no brackets) is ONE paragraph; its lines each start with U+3000 like paragraph openings. The "
    "two end-of-chapter notes '注1　…' / '注2　…' (40 characters a line, continuation lines at column 0) are one "
    "paragraph each, label kept; they could also be rendered as a footnote list (list items): any block type "
    "is fine. The six reference entries under 参考文献 are one paragraph each; entries longer than a line "
    "continue at column 0 (hanging indent lost), so only the short last line marks the end of an entry. "
    "Negatives for heading detection: the short one-line paragraphs above and the short line at the page foot.")

kata_span = blocks[kata[0][0]]["text"][kata[0][1] - 3:kata[0][1] + 3]
write_case(
    HERE, title=TITLE, title_alt=[TITLE + SUBTITLE, SUBTITLE.lstrip("―")],
    blocks=blocks, input_text=text, encoding="utf-8", language="ja", joins=joins,
    must_not_appear=["目次", "re:…{3,}", "re:・{3,}", "re:^\\d{1,3}$",
                     "re:(?<![0-9注第])\\d{1,3}(?![0-9年号])",
                     "re:.%s|%s." % (TITLE, TITLE)]
                    + ["re:.%s|%s." % (c.replace("\u3000", "\\s*"), c.replace("\u3000", "\\s*")) for c in CH],
    samples_idx=sorted(samples),
    notes=NOTES % (TITLE, SUBTITLE, AUTHOR, len(pages), kata_span),
)
print(len(pages), "body pages;", sum(len(p) for p in paras), "characters in paragraphs;", len(joins), "joins;",
      len(paras), "paragraphs;", len(samples), "samples")
