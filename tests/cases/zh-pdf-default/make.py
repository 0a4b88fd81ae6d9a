#!/usr/bin/env python3
"""zh-pdf-default: a Chinese county report as `pdftotext` (default mode) gives it.

Cover page (title broken over two lines), a printed TOC page (目  录, entries with
…… leaders and page numbers, both levels, no indentation), then body pages of
26 lines: running head on top, a blank line, text hard-wrapped at 36
characters with kinsoku, a blank line between blocks, and a folio '- n -' at
the foot; pages end with a form feed. Section headings 一、 (level 1) and
（一） (level 2); in section 四 the level-2 titles run into their paragraphs
('（一）强化水源保护。加快…') and are headings only by the TOC's evidence.
Original text written for this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, wrap_cjk, span_cjk, pick_joins, paginate

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "青禾县农村供水保障工作评估报告"
HEAD = "农村供水保障工作评估报告"
W, PAGE = 36, 23

# ("h", level, text) | ("r", level, title, rest) run-in | paragraph str
doc = [
 ("h", 1, "一、总则"),
 ("h", 2, "（一）评估目的"),
 "为全面掌握我县农村供水工程建设和运行管理现状，客观评价“十四五”以来农村供水保障工作成效，查找影响供水安全的薄弱环节，县水利局组织开展了本次评估工作。评估结果将作为编制下一阶段农村供水规划、安排财政补助资金和开展绩效考核的重要依据。",
 ("h", 2, "（二）评估依据"),
 "本次评估主要依据《中华人民共和国水法》《农村供水工程运行管理规程》以及省、市关于巩固提升农村供水保障水平的有关文件，并参考了县统计局提供的2022年度人口与社会经济数据。",
 ("h", 2, "（三）评估范围与方法"),
 "评估范围覆盖全县12个乡镇、186个行政村，涉及集中供水工程47处、分散供水工程1320处。评估采取资料核查、实地抽查与入户问卷相结合的方法，共抽查工程35处，发放问卷1200份，回收有效问卷1136份，有效回收率94.7%。",
 ("h", 1, "二、基本情况"),
 ("h", 2, "（一）工程建设"),
 "截至2023年10月底，全县农村集中供水率达到91.3%，自来水普及率达到89.6%，分别比2020年底提高6.2个和7.8个百分点。三年来累计投入资金2.36亿元，新建和改造集中供水工程19处，铺设供水管网412公里，惠及农村人口8.7万人。其中，城乡供水一体化工程覆盖西部5个乡镇，实现了“同源、同网、同质、同服务”。",
 "从工程类型看，千吨万人以上规模化工程9处，服务人口占农村总人口的63.5%；百吨千人工程21处，占18.2%；其余为单村供水工程和分散供水工程。",
 ("h", 2, "（二）运行管理"),
 "全县已组建县级农村供水管理总站1个、乡镇供水管理站12个，落实专业管护人员96名。各集中供水工程均建立了水质检测制度，出厂水检测合格率由2020年的86.5%提高到2023年的95.2%。县财政每年安排维修养护资金300万元，基本保障了工程的正常运行。",
 ("h", 1, "三、存在的主要问题"),
 "从评估情况看，我县农村供水保障水平虽有明显提升，但与群众对优质供水的期盼相比，仍存在一些不容忽视的问题：一是部分水源保护不到位，有6处水源地尚未完成保护区划定，周边存在养殖和耕种活动；二是部分老旧管网漏损严重，东部山区乡镇管网漏损率普遍超过25%；三是小型工程管护薄弱，部分村级管水员兼职较多，专业能力不足；四是水价机制尚不健全，收费率偏低，工程良性运行缺乏稳定的资金来源。",
 "问卷调查中，群众反映最集中的问题依次为：",
 "1．夏季用水高峰时段水压不足，地势较高的农户出现断水；",
 "2．雨后出水浑浊，部分农户仍需自行沉淀后使用；",
 "3．报修渠道不够畅通，维修响应时间较长。",
 ("h", 1, "四、下一步工作建议"),
 ("r", 2, "（一）强化水源保护", "加快完成剩余6处水源地保护区划定工作，设立界标和警示牌，依法清理保护区内的养殖场和排污口，建立水源地巡查制度，确保水源水质稳定达标。"),
 ("r", 2, "（二）推进管网改造", "结合城乡供水一体化工程，分年度实施老旧管网更新改造，优先解决东部山区乡镇的高漏损问题，力争到2025年底全县农村管网漏损率降至15%以下。"),
 ("r", 2, "（三）健全管护机制", "推行“县级统管、乡镇监管、村级协管”的管护模式，通过政府购买服务引入专业化运维公司，对村级管水员开展轮训，每年不少于2次。"),
 ("r", 2, "（四）完善水价政策", "按照“补偿成本、公平负担”的原则，分类制定农村供水价格，落实计量收费，对低收入群体实行减免，逐步建立工程运行维护的长效投入机制。"),
 "农村供水事关群众切身利益。县水利局将以本次评估为契机，会同有关部门和各乡镇，逐项抓好问题整改，持续提升农村供水保障水平。",
 "青禾县水利局",
 "2023年12月",
]

blocks = []
body = []  # list of (line, para_index or None, offset_of_line_start)
for d in doc:
    if isinstance(d, tuple) and d[0] == "h":
        blocks.append({"type": "heading", "level": d[1], "text": d[2]})
        body += [(d[2], None, 0), ("", None, 0)]
        continue
    if isinstance(d, tuple):  # run-in: title + '。' + rest, wrapped as one printed paragraph
        blocks.append({"type": "heading", "level": d[1], "text": d[2]})
        printed, para, start = d[2] + "。" + d[3], d[3], -(len(d[2]) + 1)
    else:
        printed, para, start = d, d, 0
    blocks.append({"type": "paragraph", "text": para})
    pi = len(blocks) - 1
    off = start
    for ln in wrap_cjk(printed, W):
        body.append((ln, pi, off))
        off += len(ln)
    body.append(("", None, 0))

# paginate
pages = paginate(body, PAGE)

# page of each heading (for the printed TOC)
toc = []
for pno, pg in enumerate(pages, 1):
    for ln, pi, _ in pg:
        if pi is None and ln:
            toc.append((ln, pno))
        elif pi is not None and _ < 0 and blocks[pi - 1]["type"] == "heading":
            toc.append((blocks[pi - 1]["text"], pno))

# joins: every break inside a paragraph
cands = []
for pno, pg in enumerate(pages):
    for k, (ln, pi, off) in enumerate(pg):
        if pi is None or off <= 0:
            continue
        prev = pg[k - 1] if k > 0 else (pages[pno - 1][-1] if pno > 0 else None)
        text = blocks[pi]["text"]
        pagebreak = k == 0
        cands.append((0 if pagebreak else 1, span_cjk(text, off, 8, 8)))
joins = pick_joins(cands, 9)

out = ["", "", "", "青禾县农村供水保障", "工作评估报告", "", "", "\f"]
out.append("目  录")
out.append("")
for t, p in toc:
    lead = "…" * max(4, W - len(t) - len(str(p)) - 1)
    out.append("%s%s %d" % (t, lead, p))
out += ["", "\f"]
for pno, pg in enumerate(pages, 1):
    out.append(HEAD)
    out.append("")
    while pg and pg[-1][0] == "":
        pg = pg[:-1]
    for ln, _, _ in pg:
        out.append(ln)
    out.append("")
    out.append("- %d -" % pno)
    out.append("\f")
text = "\n".join(out)
text = text.replace("\n\f\n", "\n\f")  # pdftotext: the form feed starts the next page's first line
if not text.endswith("\f"):
    text += "\n"

paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
write_case(
    HERE, title=TITLE, blocks=blocks, input_text=text, encoding="utf-8", language="zh-CN",
    joins=joins,
    must_not_appear=["re:^\\s*-\\s*\\d+\\s*-\\s*$", "re:\\s-\\s?\\d{1,2}\\s?-(\\s|$)", "re:(?<!青禾县)" + HEAD,
                     "re:…{4,}\\s*\\d+", "目  录", "re:^目\\s*录$"],
    samples_idx=[idx("为全面掌握"), idx("从评估情况看"), idx("1．夏季"), idx("加快完成剩余6处"),
                 idx("青禾县水利局"), idx("2023年12月"), idx("截至2023年10月底")],
    notes=("pdftotext default mode of a county report: cover (title broken over two lines: the title is "
           "'%s'), printed TOC page with …… leaders (artifact; evidence for the levels), body pages of %d lines "
           "at %d characters a line, running head '%s' on top, folio '- n -' at the foot, form feeds. Level 1 "
           "一、…, level 2 （一）…; the four level-2 titles of section 四 run into their text ('（一）强化水源保护。加快…'): "
           "expected as a heading without the 。 plus a paragraph with the rest. Paragraphs cross page breaks "
           "mid-sentence. Negatives: the list items '1．…；' '2．…' '3．…' are paragraphs, not headings; the "
           "closing lines '青禾县水利局' and '2023年12月' are two short paragraphs (signature and date), "
           "not a running head or folio; the inline enumeration 一是…二是… stays in its paragraph."
           % (TITLE, PAGE, W, HEAD)),
)
