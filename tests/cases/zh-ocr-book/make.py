#!/usr/bin/env python3
"""zh-ocr-book: a Chinese (simplified) non-fiction book as OCR software exports
a scanned copy to plain text (UTF-8, LF, no form feeds).

Title page (title letter-spaced '纸 寿 千 年', a subtitle line, '周砚秋　著',
the publisher), a one-page 自序 (heading '自　　序', a right-aligned signature
line, folio 'Ⅰ') which, as in most Chinese books, comes BEFORE the contents
page; the contents page ('目　　录', chapters with …… leaders, sections
indented with '. . .' or '···' leaders, page numbers rising). Body pages: 20-24
text lines (a chapter's opening page fewer), hard-wrapped at 28 full-width
cells with kinsoku, paragraphs marked by a two-U+3000 indent and not by blank
lines; running head on top (book title on even pages, the chapter title on
odd pages, none on a chapter's opening page), folio alone at the foot, pages
separated by two blank lines. Chapter headings letter-spaced
('第 一 章　 纸 从 哪 里 来'), sections 一、… with blank lines around them,
a third level （一）… / (二)… (OCR half-width brackets once) in one section,
a four-line inscription indented by four U+3000, a footnote ①… at the foot
of a page that breaks a paragraph, a page break inside the number '1,200',
OCR half-width ',' and ':' here and there (kept as printed).
Original text written for this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, wrap_cjk, span_cjk, pick_joins, is_wide

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE, SUBTITLE, AUTHOR, PUBLISHER = "纸寿千年", "——古籍修复手记", "周砚秋", "青岚出版社"
W = 28            # full-width cells per line
FW = 32           # footnotes are set smaller: more cells per line
IS = "\u3000"     # ideographic space
IND = IS * 2      # paragraph indent
PAGE = (20, 24)   # text lines on an ordinary page
OPEN = (12, 18)   # text lines on a chapter's opening page (the heading sinks)

# ("ch", number, title) chapter | ("h1", text) unnumbered level-1 (自序, 后记)
# ("s", text) level 2 | ("ss", text) level 3 | ("verse", [lines]) | ("sig", text)
# ("note", mark, text) footnote, printed at the foot of the page holding `mark`
# str: paragraph
PREFACE = [
 ("h1", "自序"),
 "我在图书馆的修复室里工作了二十六年。刚进来的时候，师傅交给我一把竹起子、一碗浆糊和一本虫蛀得像筛子一样的族谱，说:“先补三个月再说话。”那三个月里，我几乎没有说过一句完整的话，只记得窗外的梧桐从绿变黄，又一片一片落光。",
 "这本小书记下的，是那些年里手上做过的活、耳朵里听来的话，以及一些至今没有想明白的问题。它不是教科书，书中所说的方法也未必都对。修书这一行，向来是师徒相传，各家有各家的规矩，我只是把自己知道的那一点写下来，留给以后愿意坐到这张案子前面的人。",
 ("sig", "二〇二二年冬，周砚秋记于杭州"),
]

CHAPTERS = [
 [("ch", "第一章", "纸从哪里来"),
  ("s", "一、蔡伦以前的纸"),
  "说起纸的来历,许多人脱口而出的便是蔡伦。史书记载，东汉元兴元年（105年），蔡伦把用树皮、麻头、破布和旧渔网造成的纸献给皇帝，皇帝很是称赞，从此人们便把这种纸叫作“蔡侯纸”。这段故事在课本里出现过无数次，几乎成了常识。",
  "可是考古发现一再提醒我们，事情没有这么简单。上个世纪以来，甘肃、陕西等地的西汉墓葬和烽燧遗址里陆续出土了一些纸片，年代比蔡伦早了一两百年。这些早期的纸大多粗糙厚重，纤维没有充分打散，表面还能看到一缕一缕的麻筋，恐怕很难在上面流畅地写字，更可能是用来包裹东西的。",
  "纸出现以后，并没有立刻取代竹简和缣帛。简牍笨重，缣帛昂贵，纸轻便又便宜，照理说应当很快流行开来，可事实上，简与纸并用的局面持续了两三百年。直到东晋末年，朝廷才下令公文一律改用纸书写。一种新材料要改变人们的书写习惯，需要的时间比我们想象的长得多。",
  "所以比较稳妥的说法是：蔡伦并不是纸的发明者，而是一位改进者和推广者。他的贡献在于扩大了原料的来源，并把造纸变成了一套可以由官府组织、大量生产的工艺。一样东西从“有”到“好用”，中间往往隔着几代人的摸索,纸也不例外。",
  ("s", "二、竹纸与皮纸"),
  "到了唐宋，纸的种类已经多得数不过来。修书的人最常打交道的，大致是两大类：一类是以楮树、桑树、青檀等树皮为原料的皮纸，另一类是用嫩竹做成的竹纸。",
  "皮纸纤维长，韧性好，揉成一团再展开，也不容易破。宣纸就属于这一类，它用的是青檀皮，再掺上一部分沙田稻草。竹纸则产于南方产竹的地方，福建、江西、浙江都很有名。竹纸纤维短，质地脆，颜色偏黄，但胜在便宜，明清两代坊间刻印的通俗书籍，十之八九用的是竹纸。",
  "这两类纸在修复台上的表现完全不同。皮纸书即使被虫蛀得千疮百孔，只要耐心补好，往往还能再翻几百年；竹纸书却常常一碰就掉渣，书页边缘像饼干一样碎成小块。我刚入行时不懂这个道理，用力去揭一页竹纸，结果揭下来的是一把纸屑。师傅在旁边看了，一句话没说，只是把那把纸屑拢起来，放进一个小纸袋，写上了书名和页码。",
  "除了这两大类，还有一些名目繁多的纸，像清代宫廷刻书爱用的开化纸，洁白细腻，薄而有韧性，据说要用好几种树皮混合抄造。可惜这种纸的做法后来失传了，如今市面上偶尔见到的所谓开化纸，大多是后人仿造的。修复时遇到开化纸印本，最难的便是找补纸：颜色对了，帘纹不对；帘纹对了，厚薄又差一截。",
  ("s", "三、一张纸能活多久"),
  "老辈人常说，好纸能放一千年。这话并不夸张:敦煌藏经洞里的写经，许多到今天依然洁白柔韧，字迹清楚。可是同样是纸，近代的一些报纸和书籍，只过了七八十年就已经发黄变脆，轻轻一折便断成两截。",
  "问题出在酸上。传统手工纸多用石灰或草木灰蒸煮，纸张呈中性甚至弱碱性；而十九世纪以后的机制纸，为了让纸面光滑、不洇墨，普遍加入了明矾和松香作施胶剂，纸里便积下了酸。酸会一点一点切断纤维，这个过程缓慢而不可逆，就像一根绳子被看不见的小刀一下一下地割。有人做过粗略的估算，一部保存得当的宋刻本，只要不受潮、不遭虫蛀和鼠咬，纸张的寿命可达1,200年以上，而一本普通的民国平装书，也许撑不过它的十分之一。",
  "所以在修复室里，最让人头疼的往往不是年代最久的书，而是那些“半新不旧”的书。",
  "现在的图书馆对付酸化，多用脱酸的办法：把书页浸在弱碱性的溶液里，或者把整本书放进密闭的容器里用气体处理，让纸里的酸被中和掉。这些方法各有利弊，也都还在改进之中。",
 ],
 [("ch", "第二章", "案头的家什"),
  "修书用的工具说来简单，几乎都能在一张两米长的案子上摆开。可是每一件都有讲究，有些还得自己动手做。",
  ("s", "一、浆糊"),
  "修复用的浆糊是自己熬的。取小麦淀粉,先用冷水调开，再冲入滚水，一边冲一边顺着一个方向搅，直到浆色由白转为半透明。熬好的浆糊要滤去面筋，否则日久发霉、招虫。",
  "有的老师傅还会在浆糊里加一点明矾或者花椒水，说是可以防虫。这个法子现在已经不大用了，明矾会让纸变酸，反而有害。老法子未必都对，新法子也未必都好，修书的人得自己掂量。",
  "浆糊的稀稠全凭手感。补洞用稠一点的，托裱用稀一点的。师傅说过一句话，我一直记着:“浆要薄，心要厚。”浆上得太厚，纸干了以后会起皱、发硬，书页翻起来哗哗作响，那就是修坏了。",
  ("s", "二、补纸"),
  "补纸的选择是修复中最费工夫的一步。一张合适的补纸，应当在颜色、厚薄和帘纹三个方面都尽量接近原书。",
  ("ss", "（一）颜色"),
  "补纸的颜色宜略浅于原书，而不可深于原书。补得一模一样固然好看，却会让后来的人分不清哪里是原纸、哪里是后补的。有时找不到颜色相近的纸，就得用国画颜料或者茶叶水自己染，染好的纸要晾上几天，看它干透之后的颜色。",
  ("ss", "(二)厚薄"),
  "补纸宁薄勿厚。补纸比原纸厚，书页合起来就会鼓出一块，时间一长，相邻的书页也会被压出印子。实在找不到同样薄的纸，可以把厚纸揭去一层再用。",
  ("ss", "（三）帘纹"),
  "手工纸是在竹帘上抄出来的，对着光看，纸面上有一道一道细密的横纹，叫作帘纹。补纸的帘纹方向应与原纸一致,否则纸张干燥时收缩的方向不同，补过的地方就会起皱。这一点初学的人最容易忽略。",
  ("s", "三、刀、镊与压书板"),
  "修书用的刀要薄而钝，用来揭开粘连的书页，太锋利反而容易伤纸。镊子最好是竹制的，尖头磨圆，夹起碎片时不至于戳破。压书板则是两块硬木板，修好的书夹在中间，上面压上青砖，一压就是十天半月。",
  "我用的那把竹起子是师傅留下的，竹片已经被手汗浸成了深褐色，前端薄得透光。他退休那年把它交给我，说这东西用顺手了，比什么新工具都强。",
  "修复室的墙角堆着一摞青砖，是我进来之前就有的，每一块的棱角都磨圆了。其中一块砖的侧面，不知哪位前辈用小刀刻了四句话:",
  ("verse", ["纸薄如蝉翼，", "手轻似落花。", "一日补三页，", "不问几年华。"]),
  "我刚进修复室的时候，觉得这几句话写得有点酸。现在再读，却觉得说的都是实话。",
 ],
 [("ch", "第三章", "一部族谱的修复"),
  "去年春天，一位老先生抱着一个樟木箱子来到馆里。箱子里是他家的族谱，共八册，清光绪年间刻印，竹纸线装。老先生说，这部族谱在阁楼上放了四十多年，前些天打开一看，有几册已经粘成了一块“书砖”。",
  "我们先把八册逐一检查了一遍：两册基本完好，只有些虫眼；三册受潮发霉，书页上长出了灰白色的霉斑；剩下三册粘连严重，最厚的一册几乎成了一块硬板，从侧面看，已经分不出页数。",
  ("s", "一、拆"),
  "修复的第一步是拆。先记下每一册的装订方式、线的颜色和针眼的位置，拍照存档，然后剪断旧线，取下封面。拆下来的书页要按顺序编号，用铅笔轻轻写在页脚的空白处。粘成书砖的几册不能硬揭，要先放进加湿箱，让纸慢慢吃进水汽，等纤维松软了，再用竹起子一页一页地挑开。光是这一步，就花了我们整整两个星期。",
  "揭开的书页上常有霉斑。我们用软毛刷轻轻刷去表面的霉菌，再放进密封的袋子里做消毒处理。这些活都得戴着口罩和手套，修复室里那几天一直开着排风扇，整个屋子都是一股潮乎乎的陈纸味。",
  ("s", "二、洗"),
  "竹纸本来就脆，这部族谱又受过潮，页面上布满了黄褐色的水渍。我们用温水淋洗，把纸里的污物和一部分酸性物质带出来。淋洗时书页要平铺在塑料网上，水要从一头慢慢浇过去,不能直接冲。洗过的纸颜色明显浅了一些，手感也软了。",
  ("s", "三、补与托"),
  "虫洞用补纸逐个补好。有几页缺损太大，已经补无可补，只好整页托裱，就是在书页背面整张托上一层薄纸。托过的书页会稍厚一些，所以只在万不得已时才用。对于残破严重的书口,我们采用了“金镶玉”的做法①，在书页里衬上一张比原页稍大的白纸，让原页像镶在白纸中间一样。这样既保护了书口，又不必在原纸上补太多。",
  ("note", "①", "①金镶玉：古籍修复中的一种衬纸方法。衬纸洁白，原书页泛黄，上下露出白边，犹如金镶于玉中，因而得名。"),
  ("s", "四、装"),
  "最后是重新装订。八册族谱用的都是四眼订法,我们沿用了原来的针眼，只换了新的丝线。封面原是一种深蓝色的皮纸，已经褪成灰白，老先生说就让它这样吧，不用换新的。",
  "订线用的丝线要比原线略细一点，针眼里已经穿过一次线，再穿粗线容易把纸撑破。线的颜色也照原样，原来是白线就用白线，原来是蓝线就用蓝线。",
  "交书那天，老先生戴上老花镜，一页一页地翻了很久。翻到第六册的时候，他忽然停下来，指着一行小字给我们看，那是他祖父的名字。",
  "老先生把族谱重新放回樟木箱，临走时回头问了一句:“还能再放一百年吧？”我说，只要不放在阁楼上，两三百年也不成问题。他笑了，说那时候他早就不在了，不过他的曾孙会在。",
 ],
 [("h1", "后记"),
  "这本书里的文字,大多是这几年在修复室里随手写下的笔记，断断续续，前后写了五年。整理成书的时候，删去了一些过于专业的内容，也补上了一些当年没来得及记下的事。",
  "感谢我的师傅，他教给我的远不止手艺。也感谢出版社的编辑，没有她一次又一次的催促，这些笔记大概还躺在抽屉里。",
  "书中提到的几位老师傅，有的已经过世了。他们没有留下什么文字，手艺都在手上，也都跟着人走了。我能记下的，只是很少的一点。",
 ],
]


def cells(s):
    return sum(2 if is_wide(c) else 1 for c in s)


def spaced(s):
    return " ".join(s)


blocks = []
notes = {}  # mark -> (block index, lines)


def render(group):
    """Lines of one group (preface / chapter / afterword): (text, para_index|None, offset, kind)
    kind: 'H' chapter heading, 'S' section heading, 'p' paragraph line, '' other."""
    out = []

    def blank():
        if out and out[-1][0] != "":
            out.append(("", None, 0, ""))

    for d in group:
        if isinstance(d, tuple):
            k = d[0]
            if k == "ch":
                text = d[1] + IS + d[2]
                blocks.append({"type": "heading", "level": 1, "text": text})
                out += [(spaced(d[1]) + IS + " " + spaced(d[2]), None, 0, "H"), ("", None, 0, "")]
            elif k == "h1":
                blocks.append({"type": "heading", "level": 1, "text": d[1]})
                out += [(d[1][0] + IS * 2 + d[1][1], None, 0, "H"), ("", None, 0, "")]
            elif k == "s":
                blocks.append({"type": "heading", "level": 2, "text": d[1]})
                blank()
                out += [(d[1], None, 0, "S"), ("", None, 0, "")]
            elif k == "ss":
                blocks.append({"type": "heading", "level": 3, "text": d[1]})
                out.append((d[1], None, 0, ""))
            elif k == "verse":
                blank()
                for v in d[1]:
                    blocks.append({"type": "paragraph", "text": v})
                    out.append((IS * 4 + v, None, 0, ""))
                out.append(("", None, 0, ""))
            elif k == "sig":
                blocks.append({"type": "paragraph", "text": d[1]})
                out.append((IS * (W - 1 - cells(d[1]) // 2) + d[1], None, 0, ""))
            elif k == "note":
                blocks.append({"type": "paragraph", "text": d[2]})
                pi, off, lines = len(blocks) - 1, 0, []
                for ln in wrap_cjk(d[2], FW):
                    lines.append((ln, pi, off, "n"))
                    off += len(ln)
                notes[d[1]] = lines
            continue
        blocks.append({"type": "paragraph", "text": d})
        pi, off = len(blocks) - 1, -len(IND)
        for ln in wrap_cjk(IND + d, W):
            out.append((ln, pi, max(off, 0), "p"))
            off += len(ln)
    while out and out[-1][0] == "":
        out.pop()
    return out


def split_pages(lines, must_end, first_range=OPEN):
    """Cut a group's lines into pages: the first page holds first_range lines, the
    others PAGE lines, the last one at most PAGE[1]; every index in must_end is
    the last line of a page. Pages never start with a blank line. Returns a list
    of (start, end) index pairs; picks the sizes closest to the middle of each range."""
    n = len(lines)
    from functools import lru_cache

    @lru_cache(None)
    def best(i, first):
        # best cost and cuts for lines[i:] ; i starts a page
        while i < n and lines[i][0] == "":
            i += 1
        if i >= n:
            return (0, ())
        lo, hi = first_range if first else PAGE
        mid = (lo + hi) / 2
        res = None
        if n - i <= hi and not any(i <= m < n - 1 for m in must_end):
            res = (0, ((i, n),))
        for size in range(lo, hi + 1):
            e = i + size
            if e >= n:
                break
            if any(i <= m < e - 1 for m in must_end):
                continue  # a required page end would fall inside this page
            if lines[e - 1][0] == "" and (e - 1) not in must_end:
                pass
            sub = best(e, False)
            if sub is None:
                continue
            cost = sub[0] + (size - mid) ** 2
            if res is None or cost < res[0]:
                res = (cost, ((i, e),) + sub[1])
        return res

    r = best(0, True)
    assert r is not None, "no pagination"
    return list(r[1])


def find_line(lines, pred):
    return next(k for k, l in enumerate(lines) if pred(l[0]))


groups = [render(PREFACE)] + [render(c) for c in CHAPTERS]

# required page ends: chapter 1 breaks inside '1,200'; chapter 3 breaks the
# paragraph right after the line that carries the footnote mark ①
ch1, ch3 = groups[1], groups[3]
k_num = find_line(ch1, lambda s: s.endswith("1,") or s.endswith("1,2"))
assert ch1[k_num + 1][0][:3] in ("200", "00年"), ch1[k_num + 1][0]
k_fn = find_line(ch3, lambda s: "①" in s)
assert ch3[k_fn + 1][1] == ch3[k_fn][1], "the page must end inside the paragraph"
must = {1: {k_num}, 3: {k_fn}}

pages = []  # (group index, [lines], chapter title, opening page?)
for gi, g in enumerate(groups):
    cuts = split_pages(g, must.get(gi, set()))
    for pn, (a, b) in enumerate(cuts):
        pg = list(g[a:b])
        while pg and pg[-1][0] == "":
            pg.pop()
        pages.append((gi, pg, pn == 0))
assert sum(1 for p in pages if p[0] == 0) == 1, "the preface must fit one page"
assert sum(1 for p in pages if p[0] == len(groups) - 1) == 1, "the afterword must fit one page"

chapter_title = {gi: CHAPTERS[gi - 1][0][2] for gi in range(1, len(groups) - 1)}

# folios: preface 'Ⅰ'; body from 1
text_pages, toc, cands = [], [], []
folio = 0
for pi_, (gi, pg, opening) in enumerate(pages):
    if gi == 0:
        f = "Ⅰ"
    else:
        folio += 1
        f = str(folio)
    lines = []
    if not opening:
        lines += [TITLE if folio % 2 == 0 else chapter_title[gi], ""]
    for k, (ln, pi, off, kind) in enumerate(pg):
        lines.append(ln)
        if gi > 0 and kind in ("H", "S"):
            # the TOC shows the heading as the expected text
            toc.append((next(b["text"] for b in blocks if b["type"] == "heading" and
                             b["text"].replace(IS, "") == ln.replace(" ", "").replace(IS, "")), f, kind))
        if isinstance(pi, int) and off > 0:
            # priority 0 for page breaks, 1 for ordinary wraps
            cands.append((0 if k == 0 else 1, span_cjk(blocks[pi]["text"], off, 7, 7)))
    for mark, nl in notes.items():
        if any(mark in ln for ln, *_ in pg):
            lines.append("")
            for ln, pi, off, _ in nl:
                lines.append(ln)
                if off > 0:
                    cands.append((1, span_cjk(blocks[pi]["text"], off, 7, 7)))
    lines += ["", f]
    text_pages.append("\n".join(lines))

# the two breaks this case is about go first
def brk_span(g, k):
    ln, pi, off, _ = g[k + 1]
    return span_cjk(blocks[pi]["text"], off, 7, 7)
special = [brk_span(ch1, k_num), brk_span(ch3, k_fn)]
cands = [(0, s) for s in special] + [c for c in cands if c[1] not in special]
joins = pick_joins(cands, 12)

# title page and contents page
title_page = "\n".join(["", "", spaced(TITLE), "", IS * 4 + SUBTITLE, "", "", "",
                        IS * 6 + AUTHOR + IS + "著", "", "", "", "", IS * 6 + PUBLISHER])
toc_lines = [IS * 6 + "目" + IS * 2 + "录", ""]
for n, (t, f, kind) in enumerate(toc):
    if kind == "H":
        lead = "…" * max(4, W - cells(t) // 2 - 3)
        toc_lines.append("%s %s %s" % (t, lead, f))
    else:
        t = IS * 2 + t
        room = 2 * W - cells(t) - len(f) - 2
        if n % 3 == 2:
            lead = "·" * room  # OCR reads some dotted leaders as middle dots
        else:
            lead = (". " * (room // 2)).rstrip()
        toc_lines.append("%s %s %s" % (t, lead, f))
toc_page = "\n".join(toc_lines)

all_pages = [title_page, text_pages[0], toc_page] + text_pages[1:]
text = "\n\n\n".join(all_pages) + "\n"
assert "\f" not in text

paras = [b["text"] for b in blocks if b["type"] != "heading"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
head_rx = ["re:(?<![章\\s])" + t for t in chapter_title.values()]
write_case(
    HERE, title=TITLE, title_alt=[TITLE + SUBTITLE, TITLE + "：古籍修复手记", TITLE + " 古籍修复手记"],
    blocks=blocks, input_text=text, encoding="utf-8", language="zh-CN", joins=joins,
    must_not_appear=["re:^\\s*\\d{1,2}\\s*$", "re:(?<![0-9,])\\d{1,2}(?![0-9,])", "Ⅰ",
                     "re:.纸寿千年|纸寿千年."] + head_rx +
                    ["re:…{3,}", "re:(?:\\. ?){4,}", "re:·{3,}", "re:^目\\s*录$"],
    samples_idx=[idx("问题出在酸上"), idx("虫洞用补纸"), idx("①金镶玉"), idx("二〇二二年冬"),
                 idx("一日补三页"), idx("我在图书馆"), idx("手工纸是在竹帘上"), idx("说起纸的来历"),
                 idx("感谢我的师傅")],
    notes=("OCR export (TXT, UTF-8, no form feeds) of a scanned Chinese book of essays on book "
           "restoration. Title page ('纸 寿 千 年' letter-spaced, subtitle '——古籍修复手记', '周砚秋　著', "
           "publisher): not part of the expected body; the title is '纸寿千年'. The one-page 自序 (folio 'Ⅰ') "
           "comes BEFORE the 目录 page and is body text (level-1 heading 自序, two paragraphs, and the "
           "right-aligned signature line '二〇二二年冬，周砚秋记于杭州' as one short paragraph, not a heading). The "
           "目录 page (…… leaders for chapters, '. . .' or '···' leaders for sections, page numbers) is an "
           "artifact and evidence for the levels. Body: %d cells a line with kinsoku, paragraphs marked only by a "
           "two-U+3000 indent, 20-24 text lines a page (fewer on a chapter's opening page), running head on top "
           "(book title on even pages, chapter title without its number on odd pages, none on opening pages), "
           "folio alone at the foot, two blank lines between pages. Headings: chapters printed letter-spaced "
           "'第 一 章　 纸 从 哪 里 来' are expected as '第一章　纸从哪里来' (level 1, one heading: number and title "
           "share the line); 自序/后记 printed '自　　序'/'后　　记' are level 1; 一、… level 2; （一）颜色, "
           "(二)厚薄 (OCR half-width brackets, kept), （三）帘纹 level 3. The inscription is four lines indented "
           "by four U+3000, each line its own paragraph (one block with line breaks would be a fair rendering too). "
           "The footnote '①金镶玉：…' sits at the foot of a page whose last body line breaks a paragraph: the "
           "paragraph must be joined across it and the footnote is a paragraph of its own (placed after the "
           "paragraph that cites it). A page break falls inside the number '1,200' ('1,' / '200'). Half-width "
           "',' and ':' inside Chinese text are OCR errors that stay as printed. Negatives: 'Ⅰ' and the Arabic "
           "folios (the body's only Arabic numbers are 105 and 1,200); the even running head '纸寿千年' never "
           "occurs in the body (leak pattern only catches it glued to other text, since a block that is just "
           "the title may be the title page)." % W),
)
