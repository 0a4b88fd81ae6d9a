#!/usr/bin/env python3
"""zh-novel-gbk: a Chinese web-novel TXT as downloaded from a reading site.

GBK, CRLF line endings, header 《书名》 + 作者 line, volume (第一卷) and
chapter (第一章) lines flush left, every paragraph on one line indented with
two ideographic spaces, no blank lines anywhere. Original text written for
this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "雾港旧事"
AUTHOR = "林栖梧"

doc = [
 ("h", 1, "第一卷 潮起"),
 ("h", 2, "第一章 雨夜来客"),
 "雨是从傍晚开始下的，到了半夜还没有停的意思。",
 "沈青禾把最后一块门板插上，正要吹灯，门外忽然响起了三下敲门声，不轻不重，像是掂量过的。",
 "“打烊了。”她隔着门板说。",
 "“我不买东西，”门外是个男人的声音，带着一点北方口音，“只问一条路。”",
 "她犹豫了片刻，还是拔下了一块门板。风裹着雨丝扑进来，油灯的火苗猛地一矮，又直了起来。",
 "门外站着一个穿灰布长衫的年轻人，伞早就被风吹坏了，只剩几根伞骨攥在手里。他的鞋上全是泥，看样子走了很远的路。",
 "“去旧码头怎么走？”",
 "“这个时辰去旧码头？”沈青禾上下打量他，“那边早就没有船了。十年前就没有了。”",
 "年轻人没有接话，只是从怀里摸出一个油纸包，小心地打开。里面是一张泛黄的船票，票面上的日期已经模糊，只能认出“雾港——沪”几个字。",
 "“有人让我拿着它，去旧码头等一个人。”他说，“等到第七天。”",
 "沈青禾看着那张船票，很久没有说话。窗外的雨声忽然大了起来……",
 "“走吧。”",
 "她从墙上摘下蓑衣，吹灭了油灯。",
 ("h", 2, "第二章 旧码头"),
 "第二天清晨，雾比雨还要浓。",
 "旧码头在镇子东头，要穿过一整条鱼市街。鱼市早已散了，石板路上还留着昨夜的积水，踩上去哗哗作响。",
 "“你叫什么名字？”沈青禾走在前面，头也不回地问。",
 "“陆……陆远舟。”",
 "“远舟，”她轻轻重复了一遍，“倒是个适合等船的名字。”",
 "码头的栈桥塌了一半，剩下的木桩黑黢黢地戳在水里，像一排烂掉的牙。陆远舟在栈桥尽头站定，从包袱里取出一本旧账簿，翻到夹着红绳的那一页。",
 "第三部分的内容，他念了两遍，声音一次比一次低：“货三箱，交沈记，勿开。人一位，候七日，勿问。”",
 "沈青禾的脸色一下子变了。",
 "“沈记？”她盯着那行字，“那是我爷爷的铺子。”",
 "“我知道。”陆远舟合上账簿，“所以我昨夜才敲了你家的门。”",
 "雾里传来一声悠长的汽笛——可是这片海，已经十年没有船来过了。",
 ("h", 1, "第二卷 灯影"),
 ("h", 2, "第三章 守夜人"),
 "灯塔在码头北边的礁石上，早就不亮了。",
 "守塔的老周却还住在塔下的石屋里。镇上的人都说他脑子不大清楚，每天天一黑就爬上塔顶，对着空荡荡的海面坐一整夜。",
 "“汽笛？”老周听完，往烟锅里按了一撮烟丝，“我听了十年了。”",
 "“十年？”",
 "“每年这几天都响。”他吸了一口烟，慢慢吐出来，“一九八四年那条船沉了以后，每年都响。”",
 "沈青禾和陆远舟对视了一眼。",
 "“那条船叫什么？”",
 "“‘远舟号’。”老周说，“你们不知道？”",
 "“……”",
 "屋里静得能听见炉子上的水在响。过了好一会儿，陆远舟才开口：“船上有多少人？”",
 "“船票上写着呢。”老周用烟杆指了指他的胸口，“你自己看。”",
 ("h", 2, "第四章 七天"),
 "第七天。",
 "海面平得像一块铺开的蓝布，远处的天边烧着一片晚霞。陆远舟照旧坐在栈桥尽头，膝上摊着那本账簿。",
 "沈青禾提着食盒过来，在他身边坐下。这七天里，她每天傍晚都来，有时候带一碗面，有时候只是坐一会儿。",
 "“要是今天也没有人来呢？”",
 "“那就是没有人了。”陆远舟说，“我答应过的，只等七天。”",
 "太阳一点一点沉进海里。最后一线光消失的时候，灯塔顶上忽然亮起了一点昏黄的灯火——一下，两下，三下。",
 "“老周……”沈青禾站了起来。",
 "“不是老周。”陆远舟盯着那点灯光，声音发紧，“老周今天下午搭车进城了。”",
]

blocks, lines = [], ["《%s》" % TITLE, "作者：%s" % AUTHOR]
for d in doc:
    if isinstance(d, tuple):
        blocks.append({"type": "heading", "level": d[1], "text": d[2]})
        lines.append(d[2])
    else:
        blocks.append({"type": "paragraph", "text": d})
        lines.append("\u3000\u3000" + d)
text = "\n".join(lines) + "\n"

paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
write_case(
    HERE, title=TITLE, title_alt=["《%s》" % TITLE], blocks=blocks, input_text=text,
    encoding="gbk", language="zh-CN", newline="\r\n",
    joins=[],
    must_not_appear=["re:^\u3000"],
    samples_idx=[idx("“走吧。”"), idx("第三部分的内容"), idx("第七天。"), idx("“……”"),
                 idx("“每年这几天都响"), idx("年轻人没有接话"), idx("雾里传来")],
    notes=("Web-novel TXT, GBK with CRLF, no blank lines, every paragraph on its own line indented with two "
           "U+3000. Two volumes (第一卷/第二卷, level 1) holding chapters (第N章, level 2). Header: 《书名》 then "
           "作者：… ; the author line is metadata and is not part of the expected body (an output that keeps it as "
           "one paragraph costs one paragraph of count). No hard wraps, so no joins. Negatives that must stay "
           "paragraphs: the one-line dialogue “走吧。”, the line 第三部分的内容，… (starts like a part heading), the "
           "line 第七天。 (looks like 第N章), “……” (only an ellipsis), a year 一九八四年 in dialogue. Paragraph texts "
           "are expected without the leading U+3000 indent."),
)
