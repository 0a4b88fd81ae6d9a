#!/usr/bin/env python3
"""zh-gongwen-pdf: a Chinese municipal 公文 (实施意见) as `pdftotext` (default
mode, UTF-8) gives it.

Layout after GB/T 9704: 28 characters a line, 22 lines a page, body text with a
two-character first-line indent that pdftotext drops (so the first line of a
paragraph holds 26 characters and nothing but a short last line marks a
paragraph's end: no blank lines between paragraphs or around headings, which
share the body's line spacing). Kinsoku as in Word; a run of Latin letters or
digits ('2024', '1.5', '5G') is never broken. First page: the letter-spaced red
masthead '岚 州 市 人 民 政 府 文 件', the document number '岚政〔2024〕17号',
the title over two lines and the addressees line; 13 text lines under it.
Folios '— n —' at the foot, odd pages right-aligned, even pages left-aligned
(spaces typed in the footer, kept by pdftotext), no running head; each page
ends with a form feed. Four levels of numbering: 一、 / （一） / 1. / （1）.
Level-2 titles stand on a line of their own in sections 一 and 二 and run
into their paragraph in section 三 ('（二）强化要素保障。加快…'); level-3
titles stand alone in 二（一） and run in under 二（二） and 三（二）
('1.完善用地政策。对…'); the （1）…（4） items are plain list paragraphs.
Paragraphs cross page breaks mid-sentence, between '2024' and '年' and between
'1.5' and '亿元'; page 1 ends on the heading '一、总体要求'; one page break falls
exactly between two paragraphs ('…给予支持：' / '（1）…'); a page opens with
the lone line '以上。'. Tail: 附件说明 (two items, the
second one wrapped and printed on its own line as '2.…'), signature and date
(positioned with spaces), '（此件公开发布）', and the 版记 (抄送 wrapped over two
lines; 印发机关 and 印发日期 on one line, apart).
Original text written for this case."""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, span_cjk, pick_joins, is_wide, NO_START, NO_END

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE_LINES = ["岚州市人民政府关于加快制造业数字化转型的", "实施意见"]
TITLE = "".join(TITLE_LINES)
MAST = "岚州市人民政府文件"
DOCNO = "岚政〔2024〕17号"
W = 56           # half-width cells per line (28 full-width characters)
IND = 4          # first-line indent of a body paragraph (2 characters)
PAGE = 22        # text lines a page
FIRST = 13       # text lines under the masthead/title block on page 1

# ("h", level, text): a title on a line of its own -> heading
# str: a body paragraph (run-in titles stay inside their paragraph)
BODY = [
 "各区人民政府，市政府各部门：",
 "近年来，我市制造业规模持续壮大，2023年全市规模以上工业增加值同比增长7.2%，装备制造、新材料、食品加工三大主导产业集群加快发展，一批骨干企业在智能化改造方面走在全省前列，全市已建成省级智能工厂8家、数字化车间27个。同时也要看到，我市多数中小企业数字化基础薄弱，转型投入不足，专业服务供给缺乏，“不会转、不能转、不敢转”的问题较为突出，亟须加快破解。",
 "为深入贯彻落实国家和省关于推进新型工业化、发展数字经济的决策部署，加快推动新一代信息技术与制造业深度融合，促进全市制造业高端化、智能化、绿色化发展，结合我市实际，现就加快制造业数字化转型提出如下实施意见。",
 ("h", 1, "一、总体要求"),
 ("h", 2, "（一）指导思想"),
 "坚持把数字化转型作为推动制造业高质量发展的关键抓手，以新发展理念为引领，以智能制造为主攻方向，以企业数字化改造为切入点，以工业互联网平台建设为支撑，坚持市场主导与政府引导相结合、整体推进与分业施策相结合、龙头带动与中小企业普及相结合，着力破解企业转型难题，推动制造业质量、效率、动力变革，为建设现代化产业体系提供有力支撑。",
 ("h", 2, "（二）主要目标"),
 "到2026年底，全市规模以上工业企业数字化转型实现全覆盖，重点行业骨干企业基本完成智能化改造。关键工序数控化率达到65%，数字化研发设计工具普及率达到85%，工业设备上云率达到30%以上。累计培育省级以上智能工厂15家、数字化车间60个，打造具有区域影响力的工业互联网平台3个以上，建成5G行业虚拟专网20个，规模以上工业企业劳动生产率年均提高8%以上，数字化转型对工业经济增长的贡献率明显提升。其中，2024年完成200家以上规模以上工业企业数字化改造，2025年累计完成500家以上。",
 "到2030年，全市制造业数字化、网络化、智能化水平显著提升，数据要素对制造业发展的驱动作用充分显现，建成全省制造业数字化转型示范城市。",
 ("h", 2, "（三）基本原则"),
 "坚持企业主体、政府引导。充分发挥企业在转型中的主体作用，政府重在营造环境、搭建平台、强化服务，不搞“一刀切”。坚持分类施策、梯次推进。根据企业规模、行业特点和数字化基础，区分龙头骨干企业、专精特新企业和一般中小企业，制定差异化的转型路径。坚持应用牵引、安全可控。以解决企业生产经营中的实际问题为出发点，同步规划、同步建设、同步运行安全防护措施，守住数据安全底线。坚持开放合作、协同联动。加强与先进地区、科研院所和头部服务商的交流合作，推动政府、企业、服务商和金融机构形成工作合力。",
 ("h", 1, "二、重点任务"),
 ("h", 2, "（一）推进企业智能化改造"),
 ("h", 3, "1.开展数字化转型诊断"),
 "由市工业和信息化局牵头，遴选一批技术实力强、服务经验丰富的服务商组成诊断服务资源池，面向规模以上工业企业开展免费诊断，每年完成诊断企业不少于300家。诊断服务应当围绕研发设计、生产制造、经营管理、运维服务等环节，对企业现状进行系统评估，出具诊断报告和改造建议，帮助企业找准转型方向和实施路径。诊断费用由市财政按每家企业不超过5万元的标准予以保障。对诊断发现的共性问题，由市工业和信息化局组织服务商研究制定行业解决方案，分批推广。",
 ("h", 3, "2.支持企业技术改造"),
 "对企业实施的数字化、智能化改造项目，经市工业和信息化局会同市财政局组织评审后，按以下标准给予支持：",
 "（1）设备投资额在500万元以上的技术改造项目，按设备和软件投资额的10%给予补助，单个项目最高300万元；",
 "（2）企业购买工业软件、云服务和数据服务的，按实际支出的20%给予补助，单个企业每年最高不超过50万元；",
 "（3）对企业建设工业互联网内网、部署边缘计算设备的，按设备投资额的15%给予补助，单个项目最高100万元；",
 "（4）列入省级以上智能制造示范项目的，在享受上级奖励的基础上，市级再给予一次性奖励100万元。",
 "同一项目同时符合本市其他同类政策的，按照“就高不重复”的原则给予支持，不得重复申报。",
 ("h", 3, "3.培育智能工厂和数字化车间"),
 "聚焦装备制造、新材料、食品加工、纺织服装等重点行业，每年遴选一批基础条件好、示范作用强的企业开展智能工厂和数字化车间建设试点，形成可复制、可推广的经验。对新认定的市级智能工厂、数字化车间，分别给予50万元、20万元的一次性奖励，并在评优评先、项目申报等方面优先推荐。市级智能工厂、数字化车间的认定标准和程序，由市工业和信息化局会同有关部门另行制定。",
 ("h", 3, "4.推动中小企业“小快轻准”转型"),
 "面向中小企业推广“小快轻准”的数字化产品和解决方案，支持中小企业从单一环节数字化改造起步，由点及面逐步推进。鼓励服务商开发面向中小企业的标准化产品，降低转型成本。市级每年遴选100家中小企业开展数字化转型试点，对完成改造并通过验收的试点企业，按改造投入的15%给予补助，单个企业最高30万元。",
 ("h", 2, "（二）加快工业互联网创新应用"),
 "1.建设工业互联网平台。支持龙头企业联合软件企业、科研院所建设面向重点行业的工业互联网平台，推动设备、产品、业务系统上云上平台。对年服务本地企业超过100家且运营良好的平台，经认定后给予最高200万元奖励。引导平台面向中小企业开放低成本应用服务。",
 "2.推广“5G＋工业互联网”应用。加快工业园区5G网络深度覆盖，支持企业在远程设备操控、机器视觉质检、生产现场监测等场景开展应用试点，每年评选10个左右优秀应用场景并在全市推广。",
 "3.强化工业数据安全。落实工业数据分类分级管理制度，指导企业建立数据安全防护体系，定期开展风险评估和应急演练，切实提升企业网络安全和数据安全保障能力。建立工业数据安全事件报告和处置机制，及时防范化解重大风险隐患。",
 "4.培育工业软件产业。支持本地软件企业围绕研发设计、生产控制、经营管理等领域开发工业软件和工业APP，对首次进入省级首版次软件产品目录的，给予一次性奖励30万元。",
 "5.发展智能制造装备。支持本地装备制造企业研制工业机器人、智能传感器、智能检测装备等产品，对首台（套）智能装备产品按销售额的10%给予奖励，最高200万元。首台（套）产品的认定按照省有关规定执行。",
 ("h", 2, "（三）推动产业链协同转型"),
 "发挥链主企业带动作用，支持链主企业开放数据接口和供应链资源，带动上下游中小企业协同开展数字化改造。推广“链主企业＋中小企业”“平台＋园区”等转型模式，推动链主企业与配套企业之间实现订单、库存、物流等数据互联互通，提升产业链整体响应速度和抗风险能力。鼓励链主企业将数字化配套能力纳入供应商评价体系，引导配套企业同步提升数字化水平。每年组织产业链供需对接活动不少于6场。鼓励各区围绕主导产业建设数字化转型促进中心，为中小企业提供低成本、轻量化、易部署的解决方案。",
 "支持中小企业“上云用数赋智”。对中小企业采购符合条件的云服务产品，给予不超过实际支出30%的补助，每家企业每年最高5万元。对中小企业租用平台算力资源的，参照上述标准给予补助。",
 "聚焦专精特新企业，实施“一企一策”数字化提升行动，支持其在细分领域打造数字化转型标杆。对入选国家级、省级中小企业数字化转型典型案例的，分别奖励20万元、10万元。",
 ("h", 2, "（四）夯实数字基础设施"),
 "全面推进千兆光网、5G基站、工业互联网标识解析节点和数据中心建设，加快构建高速泛在、集约高效的数字化底座。2024年新建5G基站1200个以上，实现省级以上工业园区5G网络全覆盖。推进工业互联网标识解析二级节点在重点行业的规模化应用，到2025年底标识注册量突破5000万个。加快建设市级工业大数据中心，推动数据资源汇聚共享和开发利用，为企业转型提供算力和数据支撑。",
 ("h", 2, "（五）提升转型服务供给能力"),
 "培育引进一批本地化数字化转型服务商，对在我市新设立法人机构、年服务本地制造业企业超过30家的服务商，按其年度服务合同额的5%给予奖励，每家每年最高100万元。建立服务商星级评价制度，每年对服务商的服务质量、用户满意度进行评价，评价结果向社会公开，并作为市级资金支持的依据。对连续两年评价为优秀的服务商，优先推荐其参与重点项目。",
 "支持行业协会、产业联盟组织开展数字化转型培训、咨询和标准宣贯等活动，推动形成政府、企业、服务商、金融机构协同推进的转型生态。每年举办制造业数字化转型供需对接和成果展示活动，促进转型需求与服务资源精准匹配。",
 ("h", 2, "（六）推动数字化绿色化协同发展"),
 "支持企业运用数字技术开展能耗监测、碳排放核算和能效优化，推动钢铁、建材、化工等高耗能行业企业建设能源管理中心。对通过数字化手段实现单位产品能耗下降5%以上的改造项目，在技术改造补助比例基础上提高2个百分点。到2026年底，全市重点用能企业能源在线监测实现全覆盖，培育绿色工厂30家以上。",
 "推广工业互联网在节能降碳中的应用，支持省级以上工业园区建设智慧能源管理平台，实现园区内企业能耗数据实时采集、统一监测和智能调度。",
 ("h", 1, "三、保障措施"),
 "（一）加强组织领导。建立由市政府分管领导任召集人的制造业数字化转型工作联席会议制度，联席会议办公室设在市工业和信息化局，负责统筹协调转型工作中的重大事项，联席会议原则上每半年召开一次。市工业和信息化局要会同有关部门制定年度工作要点，建立重点项目清单和工作台账，实行清单化管理、项目化推进。各区要建立相应工作机制，明确责任分工，确保各项任务落实。",
 "（二）强化要素保障。加快构建多元化要素支撑体系，在用地、资金、金融、人才、数据等方面加大支持力度，为企业数字化转型提供有力保障。",
 "1.完善用地政策。对企业利用现有厂房实施智能化改造、增加建筑面积或提高容积率的，不再增收土地价款。支持企业利用存量工业用地建设数字化转型公共服务设施。对数字化转型重点项目用地，在年度土地供应计划中予以优先安排。新增工业用地优先保障智能工厂和数字化转型重点项目。",
 "2.加大财政支持。发挥财政资金引导作用，市财政自2024年起每年统筹安排用于支持全市制造业数字化转型的专项资金1.5亿元，重点用于诊断服务、技术改造补助和示范奖励。鼓励各区按不低于1：1的比例配套资金。",
 "3.强化金融服务。引导银行机构开发“数字化改造贷”等专属产品，对符合条件的转型项目给予贷款贴息，贴息比例不超过贷款市场报价利率的50%。",
 "4.加强人才支撑。将数字化转型领域高层次人才纳入全市人才引进目录，支持高校、职业院校与企业共建实训基地，每年培训企业数字化管理和技术人员2000人次以上。",
 "5.保障数据要素供给。推进公共数据资源向企业有序开放，支持企业依法依规开展数据交易，探索建立工业数据资产登记和评估制度，激发数据要素价值。",
 "（三）营造良好氛围。组织开展数字化转型宣传周、现场观摩和典型案例评选等活动，及时总结推广先进经验。对工作成效明显的区和部门，按规定予以通报表扬。",
 "（四）强化监测评估。建立全市制造业数字化转型统计监测制度，由市统计局会同市工业和信息化局制定指标体系，按季度开展监测分析。市工业和信息化局每年对各区转型工作进展情况进行评估，评估结果纳入各区综合绩效考核。",
 "（五）严格资金监管。对获得市级资金支持的项目实行全过程绩效管理，由市财政局会同市工业和信息化局开展绩效评价和抽查。对弄虚作假、骗取财政资金的企业和服务商，依法依规追回资金，取消其三年内申报市级财政资金资格，并纳入信用记录。",
 "各区、各部门要结合实际，抓紧制定具体落实措施，重大情况及时报告市政府。",
 "本实施意见自2024年4月15日起施行，有效期至2026年12月31日。本市此前出台的有关政策与本实施意见不一致的，以本实施意见为准。",
]

# tail: (text, first-line width, continuation width) in half-width cells; the second
# attachment and the 抄送 continuation hang under the text after '附件：' / '抄送：'
ANNEX = [
 ("附件：1.岚州市制造业数字化转型重点任务分工表", W - IND, W - 10),
 ("2.岚州市制造业数字化转型诊断服务商遴选和服务评价工作规程（试行）", W - 10, W - 10),
]
SIGN = [(" " * 34 + "岚州市人民政府", "岚州市人民政府"),
        (" " * 32 + "2024年3月15日", "2024年3月15日")]
NOTE = "（此件公开发布）"
CC = ("抄送：市委各部门，市人大常委会办公室，市政协办公室，市监委，市法院，市检察院，岚州军分区。", W - 4, W - 10)
ISSUE = ("岚州市人民政府办公室" + " " * 14 + "2024年3月16日印发", "岚州市人民政府办公室 2024年3月16日印发")


def width(s):
    return sum(2 if is_wide(c) else 1 for c in s)


UNIT = re.compile(r"[0-9A-Za-z]+(?:\.[0-9]+)*|.")


def wrap(text, first, rest):
    """Lines of at most `first` (then `rest`) half-width cells; a run of Latin
    letters/digits is one unbreakable unit; kinsoku by pushing back. Returns
    [(line, offset)]."""
    units = [m.group(0) for m in UNIT.finditer(text)]
    out, i, off, avail = [], 0, 0, first
    while i < len(units):
        j, cells = i, 0
        while j < len(units) and cells + width(units[j]) <= avail:
            cells += width(units[j])
            j += 1
        if j < len(units):
            while j > i + 1 and (units[j][0] in NO_START or units[j - 1][-1] in NO_END):
                j -= 1
        line = "".join(units[i:j])
        out.append((line, off))
        off += len(line)
        i, avail = j, rest
    return out


blocks = []
printed = []  # (line, block index or None, offset in block, gap_before)


def add_block(typ, text, level=None):
    b = {"type": typ, "text": text}
    if level:
        b["level"] = level
    blocks.append(b)
    return len(blocks) - 1


def put(lines, bi, gap=False):
    for k, (ln, off) in enumerate(lines):
        printed.append((ln, bi, off, gap and k == 0))


for d in BODY:
    if isinstance(d, tuple):
        bi = add_block("heading", d[2], d[1])
        put([(d[2], 0)], bi)
        continue
    bi = add_block("paragraph", d)
    first = W if d.endswith("：") and d.startswith("各区") else W - IND  # addressees: flush left
    put(wrap(d, first, W), bi)

for k, (t, f, r) in enumerate(ANNEX):
    bi = add_block("paragraph", t)
    put(wrap(t, f, r), bi, gap=(k == 0))
printed.append(("", None, 0, True))      # room for the seal
for k, (shown, t) in enumerate(SIGN):
    bi = add_block("paragraph", t)
    printed.append((shown, bi, 0, k == 0))
bi = add_block("paragraph", NOTE)
printed.append((NOTE, bi, 0, False))
bi = add_block("paragraph", CC[0])
put(wrap(*CC), bi, gap=True)
bi = add_block("paragraph", ISSUE[1])
printed.append((ISSUE[0], bi, 0, False))

# paginate: page 1 holds FIRST text lines, the others PAGE
pages, cur, cap = [], [], FIRST
for item in printed:
    cur.append(item)
    if len(cur) == cap:
        pages.append(cur)
        cur, cap = [], PAGE
if cur:
    pages.append(cur)

PROBLEMS = []
# a fair case: a paragraph's last line is visibly short, any other line nearly full
for bi, b in enumerate(blocks):
    ls = [(ln, off) for ln, j, off, _ in printed if j == bi]
    if b["type"] != "paragraph" or bi < 1 or bi >= len(BODY):  # not the addressees nor the tail
        continue
    for k, (ln, off) in enumerate(ls):
        if k == len(ls) - 1:
            if width(ln) > 48: PROBLEMS.append(("last line too long", width(ln), ln))
        else:
            if width(ln) < 49: PROBLEMS.append(("short inner line", width(ln), ln))
assert not PROBLEMS, "\n".join(map(str, PROBLEMS))

# render
out = [" ".join(MAST), "", DOCNO, ""] + TITLE_LINES + [""]
for pno, pg in enumerate(pages, 1):
    lines = []
    for ln, bi, off, gap in pg:
        if gap and lines and lines[-1] != "":
            lines.append("")
        if ln == "":
            continue
        lines.append(ln)
    while lines and lines[-1] == "":
        lines.pop()
    out += lines
    out.append("")
    fol = "— %d —" % pno
    out.append((" " * 46 + fol) if pno % 2 else ("  " + fol))
    out.append("\f")
text = "\n".join(out)
text = text.replace("\n\f\n", "\n\f")  # the form feed starts the next page's first line

# joins: every break inside a block; page breaks and a few chosen wraps first
FORCE = ("其中，2024", "2026年12月", "市政协办公室，", "服务商遴选和服务评")
cands = []
for pno, pg in enumerate(pages):
    for k, (ln, bi, off, _) in enumerate(pg):
        if bi is None or off <= 0:
            continue
        t = blocks[bi]["text"]
        first = k == 0 or t[:off].endswith(FORCE)
        cands.append((0 if first else 1, span_cjk(t, off, 8, 8)))
joins = pick_joins(cands, 18)

if os.environ.get("SHOW"):
    for pno, pg in enumerate(pages, 1):
        print("=== page", pno, "last:", pg[-1][0], "| next:", pages[pno][0][0] if pno < len(pages) else "")
    p = 0
    for ln, bi, off, gap in printed:
        pg = 1 if p < FIRST else 2 + (p - FIRST) // PAGE
        end = p == FIRST - 1 or (p >= FIRST and (p - FIRST) % PAGE == PAGE - 1)
        if os.environ.get("SHOW") == "2" or end or "2024" in ln or "1.5" in ln:
            print("%3d p%d %s %2d %s" % (p, pg, "END" if end else "   ", width(ln), ln))
        p += 1
    body_chars = sum(len(b["text"]) for b in blocks) + len(TITLE) + len(DOCNO)
    print("chars", body_chars, "pages", len(pages))

paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
blocks.insert(0, {"type": "paragraph", "text": DOCNO})
paras.insert(0, DOCNO)
write_case(
    HERE, title=TITLE, blocks=blocks, input_text=text, encoding="utf-8", language="zh-CN",
    joins=joins,
    must_not_appear=["re:—\\s*\\d+\\s*—", "re:岚\\s*州\\s*市\\s*人\\s*民\\s*政\\s*府\\s*文\\s*件"],
    samples_idx=[0] + [idx(s) for s in (
        "各区人民政府", "坚持把数字化转型", "（2）企业购买", "1.建设工业互联网平台", "（二）强化要素保障",
        "1.完善用地政策", "2.加大财政支持", "全面推进千兆光网", "本实施意见自", "附件：1.", "2.岚州市制造业", "岚州市人民政府",
        "2024年3月15日", "（此件公开发布）", "抄送：", "岚州市人民政府办公室")],
    notes=(
        "pdftotext default mode of a municipal 实施意见 set after GB/T 9704 (28 characters x 22 lines; the "
        "two-character first-line indent is lost, so a paragraph ends only where a line is short; no blank "
        "lines between paragraphs or around headings). Title: the two title lines joined. Masthead "
        "'岚 州 市 人 民 政 府 文 件' (letter-spaced letterhead, its issuer repeated by the title and the "
        "signature) and the folios '— n —' (odd pages right, even pages left) are artifacts. The document "
        "number '岚政〔2024〕17号' is the first paragraph (metadata kept, as official republications keep it "
        "under the title); the addressees line is a paragraph. Headings: numbered titles that the print gives "
        "a line of their own: 一、 level 1, （一） level 2, 1. level 3 (section 二). Run-in titles "
        "('（二）强化要素保障。加快…', '1.建设工业互联网平台。支持…', '1.完善用地政策。对…') are NOT headings: "
        "the whole printed paragraph is one paragraph, the title being its first sentence, as 公文 republished "
        "in HTML keep it (an editor could instead split the title off as a heading; this case does not). "
        "（1）…（4） items are paragraphs (list items), never headings. Traps: page 1 ends on the heading "
        "'一、总体要求'; the page 3/4 break falls between two paragraphs ('…给予支持：' / '（1）…'); page 8 opens "
        "with the lone line '以上。' that ends a paragraph; full lines that end with '。' inside a paragraph. Tail, all paragraphs: '附件：1.…' and "
        "'2.…' (one paragraph per attachment; '2.…' is not a level-3 heading), signature '岚州市人民政府', "
        "date '2024年3月15日', '（此件公开发布）', the 抄送 line (joined over its wrap) and the 印发 line "
        "('岚州市人民政府办公室 2024年3月16日印发', one paragraph; the gap between the two is white space). "
        "Joins include page breaks between '2024' and '年' and between '1.5' and '亿元'."),
)
