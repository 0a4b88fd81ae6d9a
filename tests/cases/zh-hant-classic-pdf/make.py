#!/usr/bin/env python3
"""zh-hant-classic-pdf: a Traditional Chinese 章回小說 typeset as a modern
Taiwanese paperback and extracted with `pdftotext` (default mode), saved in
Big5 (cp950 code page), CRLF line ends, a form feed ending every page.

Front matter: a title page ('玉笛緣', author line '松溪散人　著') and a printed
目錄 page (the four 回 with …… leaders and page numbers). Body: four 回, each
opening a new page whose top carries the couplet title '第一回　上聯　下聯' on one
line (no running head on an opening page); the text is hard-wrapped at 32
full-width cells with kinsoku, paragraphs begin with two U+3000 (kept by the
extractor), no blank lines between paragraphs. Poems after '詩曰：' (its own
line), '有詩為證：' and '正是：' (run in at the end of a prose paragraph) are set
one couplet a line, indented by four U+3000. Every 回 ends with the paragraph
'畢竟……，且聽下回分解。'. Running head on top of the other pages (book title on
even pages, the current 回 title without '第X回' on odd pages), a blank line,
the text, a blank line, the folio '‧ n ‧' (Big5 A145, which Python's strict
big5 codec reads as U+2022 and cp950 as U+2027). Paragraphs run across page
breaks mid-sentence, once inside the number '三千' / '人馬'.
Original text written for this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, wrap_cjk, span_cjk, pick_joins, is_wide

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE, AUTHOR = "玉笛緣", "松溪散人"
W = 32            # full-width cells per line
PAGE = 18         # text lines on an ordinary page
OPEN = 12         # text lines on a 回's opening page (the title sinks)
IS = "\u3000"
IND = IS * 2      # paragraph indent
VIND = IS * 4     # verse indent
DOT = "\u2027"    # ‧ (Big5 A145)

# ("h", number, clause1, clause2) | ("v", [printed verse lines]) | str: paragraph
CHAPTERS = [
 [("h", "第一回", "落第生雪夜宿荒祠", "賣花翁燈前贈玉笛"),
  "詩曰：",
  ("v", ["寒窗十載守青燈，一第難求恨未平。",
         "風雪千山歸路遠，琴書半篋客囊輕。",
         "荒祠夜冷逢奇叟，玉笛聲清動旅情。",
         "莫道窮途無際遇，從來天意在飄零。"]),
  "話說大明嘉靖年間，江南蘇州府吳江縣有一秀才，姓沈名笙，表字鳳鳴，年方二十有二。父親早亡，只有寡母在堂，家道清貧，全靠母親紡績度日。這沈笙生得眉清目秀，自幼聰明，讀書過目成誦，更有一般好處，吹得一手好笛，鄉里都稱他做「笛秀才」。",
  "那年秋闈，沈笙辭了母親，背著書箱，往南京應試。三場文字做得花團錦簇，自謂必中。誰知放榜之日，榜上竟無名姓。沈笙看罷，半晌說不出話來，只得收拾行李，垂頭喪氣，一路回鄉。",
  "沈笙一路上曉行夜宿，饑餐渴飲，心中只是納悶：「我十年寒窗，不曾有一日懈怠，文章也不見得輸與別人，怎的偏偏名落孫山？」思來想去，只得自寬自解道：「罷，罷！這也是命中註定，怨他則甚。」",
  "行到半路，正是十一月天氣，朔風凜凜，彤雲密布，不多時紛紛揚揚下起一天大雪來。沈笙盤纏早已用盡，又走錯了路頭，看看天色將晚，四下裡並無人家，心中好生著急。忽見山坳裡隱隱露出一角飛簷，走近看時，卻是一座荒廢的土地祠，門扇倒了半邊，神像上積滿塵土。",
  "沈笙沒奈何，只得進去，拂開供桌上的灰塵，將書箱放下，拾些枯枝敗葉，用火石打著了，權且向火。正在坐地，只聽得門外腳步響，一個老兒挑著一副擔子，踏雪而來。那老兒鬚髮皆白，身穿一領破布襖，擔子兩頭卻是兩隻竹籃，籃中插著些臘梅、水仙之類，原來是個賣花的。",
  "老兒見了沈笙，呵呵笑道：「好了，好了！老漢只道今夜要凍死在這荒山裡，不想有個相公在此生火。」沈笙連忙起身讓坐，道：「老丈請來向火。小生也是迷了路的，同是天涯淪落人，不必客氣。」兩個便對著火堆坐下。",
  "那老兒從懷中摸出一個葫蘆，拔開塞子，遞與沈笙道：「天寒地凍，相公且吃一口酒暖暖身子。」沈笙接過吃了兩口，果然渾身暖和。兩個說些閒話，沈笙把落第的事情一一說了，不覺長嘆一聲。老兒道：「相公休要煩惱。功名遲早，自有定數。老漢看相公面上一團秀氣，日後必有好處。」",
  "說話之間，老兒又從籃底取出一件物事，外面用黃綾包裹。打開看時，卻是一枝玉笛，通身碧綠，光潤如水，笛尾繫著一條朱紅絲絛，笛身刻著八個篆字，沈笙細看，乃是「清音一曲，萬里同心」。老兒道：「這是老漢今早在雪地裡拾得的。老漢是個粗人，要他何用？相公是讀書人，又會吹笛，送與相公罷。」",
  "沈笙推辭道：「這等寶物，小生如何敢受？」老兒正色道：「物各有主。這笛兒在老漢手裡只是一根竹棍一般，到了相公手裡，方是一枝笛。相公只須記著：此笛不可輕吹，吹時須有緣人聽。」沈笙聽他話中有話，再要問時，那老兒只是搖頭，倒在草堆上，鼾聲如雷，早已睡著了。",
  "次日天明，沈笙醒來，火堆已冷，那老兒連擔子都不見了，雪地上也無半個腳印。沈笙大驚，摸摸懷中，玉笛還在。正是：",
  ("v", ["昨宵燈下逢奇叟，今日雪中無去蹤。"]),
  "畢竟這玉笛是何來歷，且聽下回分解。",
 ],
 [("h", "第二回", "錢員外貪寶生毒計", "柳小姐隔牆識知音"),
  "話說沈笙得了玉笛，一路尋著大路，不數日回到吳江縣家中。母親見兒子落第回來，也不埋怨，只道：「我兒年紀尚輕，三年後再去不遲。」沈笙依舊在家讀書，閒時便取出那玉笛來看，卻牢記老兒言語，不敢輕易吹動。",
  "鄰近有一個財主，姓錢名貴，人都叫他錢員外。此人家私巨萬，專一放債盤剝，又好收藏古玩，見了好東西，千方百計也要弄到手中。那日錢員外從沈家門前經過，恰值沈笙在窗下拭笛，被他一眼瞧見，只覺碧光耀目，心中暗想：「一個窮秀才，那裡來的這般寶貝？」當下記在心裡。",
  "次日，錢員外差家人錢六來到沈家，說員外願出紋銀五十兩，買這枝笛兒。沈笙道：「這是朋友相贈之物，雖窮死也不賣的。」錢六討了沒趣，回去一五一十稟了。錢員外大怒道：「一個窮酸，敬酒不吃吃罰酒！」便與錢六商議出一條毒計來。",
  "原來錢員外家中舊有一枝玉簪，他叫錢六半夜裡悄悄丟在沈家後院，又寫了一紙狀子，告到縣裡，說沈笙夜入錢宅，盜去家傳玉簪、玉笛各一件。那吳江知縣姓胡，是個糊塗官，平日又受了錢員外許多好處，見了狀子，也不細問，便差兩個公人，將沈笙鎖了來。公人在後院搜出玉簪，又在書房裡搜出玉笛，贓證俱全。胡知縣不由分說，喝令打了二十板，將沈笙收在監中，玉笛權且寄庫。可憐沈母哭得死去活來。",
  "沈笙在監中，身上棒瘡疼痛，又掛念老母無人奉養，日夜啼哭。那禁子得了錢員外的銀子，百般凌虐，一日只給一碗冷粥。沈笙嘆道：「我沈笙讀聖賢書，不曾做一件虧心的事，今日遭此冤屈，真是天不睜眼！」思想起那賣花老兒的言語，越發摸不著頭腦。",
  "卻說沈家隔壁有一所大宅，乃是致仕的柳員外家。柳員外名文淵，做過一任兵部主事，告老還鄉，膝下只有一女，小字瑤華，年方十八，生得花容月貌，又精通音律。往日黃昏時候，常聽得隔牆有人吹笛，其聲清越，不同凡響。後來雖不聞笛聲，心裡卻時常記掛。",
  "這日聽得丫鬟說隔壁沈秀才吃了官司，瑤華小姐吃了一驚，暗想：「吹笛的必是此人。那等清雅的笛聲，豈是做賊之人吹得出的？其中必有冤情。」便來見父親，將此事細細說了。柳員外點頭道：「那錢貴為富不仁，縣中誰人不知？我兒所見不差。」當下修書一封，差人送與蘇州知府，替沈笙分辯。",
  "瑤華小姐又暗暗取出自己的釵環首飾，叫丫鬟梅香悄悄送到沈家，與沈母度日，又拿些碎銀子打點禁子，叫他休要難為沈秀才。沈母感激不盡，只不知恩人是誰。",
  "誰知書信未到，縣中又生出一樁大事來。",
  "畢竟又生出甚麼事來，且聽下回分解。",
 ],
 [("h", "第三回", "浪裡蛟夜襲吳江縣", "沈秀才一笛退強兵"),
  "話說太湖之中，有一夥水寇，為首的姓焦名猛，綽號浪裡蛟，手下聚集著許多亡命之徒，專在湖上打劫客商。官兵屢次征剿，只因湖面廣闊，港汊紛歧，終不能取勝。",
  "這焦猛原是湖州府一個漁家子弟，自幼在水中長大，能在水底伏得一日一夜，因此得了這個綽號。只因打死了人，逃入湖中落草，數年之間，聚起大小頭目數十人，佔了湖心三座小島，築起寨柵，四處劫掠。沿湖百姓，提起浪裡蛟三字，小兒也不敢夜啼。",
  "那年秋冬之間，湖上客商稀少，寨中糧草漸漸不敷。焦猛心中焦躁，便差幾個精細的嘍囉，扮作客商，往沿湖各縣打探虛實。不多幾日，嘍囉回寨，一一報知。",
  "這焦猛探聽得吳江縣城池低矮，守備空虛，知縣又是個糊塗官，縣庫中新收了一年的錢糧，心中大喜，便與眾家頭目商議停當，連夜點起三千人馬，駕著大小船隻二百餘號，乘著月黑風高，悄悄離了湖心的巢穴，直撲吳江縣來。",
  "那夜三更時分，城外忽然喊聲大震，火光沖天。守城的兵丁不過數百，多是老弱，見賊勢浩大，嚇得魂不附體。胡知縣從睡夢中驚醒，聽說水寇攻城，慌得衣冠也穿不齊，只叫：「怎麼好！怎麼好！」",
  "城中百姓扶老攜幼，哭聲震地，有的往城西逃命，有的躲進寺院裡念佛。賊兵用木排衝撞水門，又架起雲梯爬城，眼看東門一帶已有賊人爬上城頭來了。",
  "那監中的沈笙聽得城外喊殺之聲，心中焦躁，一夜不曾合眼。恰好管庫的老吏與他有些鄉誼，冒險將玉笛偷偷送來，說道：「城破只在旦夕，相公留著此物，或可防身。」沈笙接過玉笛，忽然想起那老兒的話來：「此笛不可輕吹，吹時須有緣人聽。」心中暗想：「如今生死關頭，顧不得了。」便倚著監牆，將玉笛橫在唇邊，吹將起來。",
  "那笛聲初時嗚嗚咽咽，如泣如訴，漸漸激越高昂，好似千軍萬馬奔騰而來，穿雲裂石，響徹全城。說也奇怪，湖上忽然起了一陣大風，白浪滔天，賊船互相撞擊，翻了好幾十隻。那城東打魚的漁戶之中，有許多原是方總兵部下的老兵，流落在此，聽得這笛聲，一個個跳起來道：「這不是當年方總兵帳前的〈破陣曲〉麼？」",
  "眾人便各執魚叉、木棍，聚了三四百人，吶喊著殺奔湖邊。賊兵聽得背後喊聲，又見船隻翻覆，只道官軍大至，一時大亂。焦猛正在船頭督戰，不防一枝魚叉飛來，正中左臂，翻身落水，被眾漁戶活捉了。其餘賊眾，死的死，逃的逃，天明時分，早已散得乾乾淨淨。有詩為證：",
  ("v", ["碧玉一枝吹夜月，湖天風起浪如山。",
         "滿湖水寇皆披靡，不費官軍一箭還。"]),
  "胡知縣天明登城，看見賊兵已退，又聽說是監中沈秀才吹笛退敵，又驚又喜，連忙開了監門，親自迎出沈笙，賠了許多不是。那錢員外聽得風聲不好，早嚇得閉門不出。",
  "正在此時，門上報道：「蘇州府太爺到了！」原來知府接了柳員外的書信，又聽說賊寇犯境，星夜帶兵趕來。知府升堂，先審焦猛，又拘錢六到案，三推六問，錢六熬刑不過，把栽贓的事情一一招了。知府大怒，將錢員外問了誣告之罪，家私抄沒一半，賠償沈家；胡知縣昏聵不明，申詳上司，革職聽參。",
  "知府又查明那些漁戶都是方總兵的舊部，各賞了銀兩，挑選精壯的編入營伍，仍叫他們守護太湖一帶。眾老兵感激涕零，都說：「若非沈相公這一曲，我等老死湖邊，誰還記得當年之事？」",
  "畢竟那賣花老兒是誰，玉笛又是何人之物，且聽下回分解。",
 ],
 [("h", "第四回", "賣花翁月下說前因", "柳員外堂前定良緣"),
  "話說沈笙出了監門，先回家拜見母親，母子抱頭痛哭了一場。次日，沈笙備了禮物，到隔壁柳府拜謝。柳員外親自迎入廳中，見沈笙一表人才，言語謙和，心中十分歡喜，留他吃了酒飯方回。",
  "那夜月明如晝，沈笙獨坐院中，思想前事，取出玉笛正要吹時，忽聽得牆外有人咳嗽一聲，說道：「相公好記性，怎麼又要輕吹了？」沈笙開門看時，正是那雪夜相逢的賣花老兒，依舊挑著那副花擔。沈笙又驚又喜，連忙請進，納頭便拜。",
  "老兒扶起道：「相公不必多禮。今日老漢特來說個明白。老漢姓方，本是方總兵家的老家人。二十年前，主人鎮守浙東，與倭寇大戰，這枝玉笛便是主人帳前號令三軍之物，吹起〈破陣曲〉來，部下將士無不奮勇。後來主人被奸臣陷害，死在獄中，部下星散。主人臨終之時，將此笛交與老漢，囑咐道：『日後若遇忠厚有才之人，可將此笛付之，叫他替國家出力。』」",
  "老兒頓了一頓，又道：「老漢訪了二十年，方遇著相公。那夜荒祠之中，老漢看相公落第不怨天、窮途不失禮，知是可託之人，故將此笛相贈。如今相公一曲退了強兵，主人在天之靈，也可瞑目了。」說罷，放聲大哭。沈笙也不覺淚下。",
  "沈笙聽罷，如夢初醒，連忙跪下道：「原來恩公是忠良之家的舊人。小生何德何能，敢受此重託？」老兒道：「相公不必推辭。方總兵的冤枉，至今未雪，相公日後若得一官半職，替主人洗刷了這段冤屈，老漢便死也甘心了。」沈笙含淚應允。",
  "老兒又道：「隔壁柳員外，當年是我家主人的同年好友。主人蒙冤之時，滿朝無人敢言，只有柳公上了一本，因此罷官回鄉。這段因緣，相公須當記取。」說罷，挑起擔子，出門去了。沈笙追出門外，只見月光滿地，那裡還有人影？",
  "次日，沈笙將此事稟知母親，又到柳府說了。柳員外聽罷，撫掌嘆道：「原來是方兄的遺物！天下竟有這般巧事。」又見沈笙才德兼備，女兒又素慕其人，便請了媒人，將瑤華小姐許配沈笙為妻。擇了吉日，花燭成親，夫妻兩個相敬如賓，自不必說。",
  "成親那日，吳江縣中大小人家都來道喜，說沈秀才因禍得福，真是好人有好報。那錢員外聽了，氣得一病不起，不上半年，家道也就敗落了。",
  "過了數月，知府將沈笙退賊之功申奏朝廷。聖旨下來，宣沈笙進京陛見。沈笙辭別母親妻子，帶了玉笛，登程北上。正是：",
  ("v", ["一枝碧玉傳忠義，萬里風雲起壯懷。"]),
  "畢竟沈笙此去京師吉凶如何，且聽下回分解。",
 ],
]


def cells(t):
    return sum(2 if is_wide(c) else 1 for c in t)


blocks = []


def render(group):
    """Lines of one 回: (text, para_index|None, offset of the line in the paragraph)."""
    out = []
    for d in group:
        if isinstance(d, tuple) and d[0] == "h":
            blocks.append({"type": "heading", "level": 1, "text": d[1] + IS + d[2] + IS + d[3]})
            continue
        if isinstance(d, tuple) and d[0] == "v":
            for v in d[1]:
                assert cells(VIND + v) <= 2 * W
                blocks.append({"type": "paragraph", "text": v})
                out.append((VIND + v, len(blocks) - 1, 0))
            continue
        blocks.append({"type": "paragraph", "text": d})
        pi, off = len(blocks) - 1, -len(IND)
        for ln in wrap_cjk(IND + d, W):
            out.append((ln, pi, max(off, 0)))
            off += len(ln)
    return out


pages = []   # (chapter index, opening page?, [lines])
for ci, ch in enumerate(CHAPTERS):
    lines = render(ch)
    cut = [lines[:OPEN]] + [lines[k:k + PAGE] for k in range(OPEN, len(lines), PAGE)]
    for pn, pg in enumerate(cut):
        pages.append((ci, pn == 0, pg))

# the page break this case is about: '三千' ends the last line of a page, '人馬' starts the next one
special = None
for (ci, op, pg), nxt in zip(pages, pages[1:]):
    if pg[-1][0].endswith("三千") and nxt[2][0][0].startswith("人馬"):
        ln, pi, off = nxt[2][0]
        assert nxt[2][0][1] == pg[-1][1]
        special = span_cjk(blocks[pi]["text"], off, 7, 7)
assert special and "三千人馬" in special, "the page must end after 三千"

heads = [b["text"] for b in blocks if b["type"] == "heading"]
odd_head = {ci: ch[0][2] + IS + ch[0][3] for ci, ch in enumerate(CHAPTERS)}
text_pages, cands, toc = [], [], []
for folio, (ci, opening, pg) in enumerate(pages, 1):
    out = []
    if opening:
        out += [heads[ci], ""]
        toc.append((heads[ci], folio))
    else:
        out += [TITLE if folio % 2 == 0 else odd_head[ci], ""]
    for k, (ln, pi, off) in enumerate(pg):
        out.append(ln)
        if off > 0:
            cands.append((0 if k == 0 else 1, span_cjk(blocks[pi]["text"], off, 7, 7)))
    out += ["", "%s %d %s" % (DOT, folio, DOT)]
    text_pages.append("\n".join(out) + "\n")

cands = [(0, special)] + [c for c in cands if c[1] != special]
joins = pick_joins(cands, 12)

title_page = "\n".join([TITLE, "", AUTHOR + IS + "著"]) + "\n"
toc_lines = ["目" + IS + "錄", ""]
for t, f in toc:
    toc_lines.append("%s%s %d" % (t, "…" * (W - 1 - cells(t) // 2), f))
toc_page = "\n".join(toc_lines) + "\n"

# pdftotext: every page ends with a form feed; the next page's text follows it directly
text = "\f".join([title_page, toc_page] + text_pages) + "\f"

# every character of the book's text is plain Big5 (same bytes and same reading in big5 and cp950);
# only the folio dot A145 reads differently (big5: U+2022, cp950: U+2027)
for ch in set(text) - {DOT, "\n", "\f"}:
    b = ch.encode("big5")
    assert b.decode("cp950") == ch and ch.encode("cp950") == b, ch
assert DOT.encode("cp950") == b"\xa1\x45"

paras = [b["text"] for b in blocks if b["type"] != "heading"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
run_heads = ["re:(?<!回)(?<!回" + IS + ")" + ch[0][2] for ch in CHAPTERS]
nbody = sum(len(p) for p in paras)
write_case(
    HERE, title=TITLE, blocks=blocks, input_text=text, encoding="cp950", language="zh-Hant",
    newline="\r\n", joins=joins,
    must_not_appear=["re:\\d", "re:[\u2027\u2022]", "re:…{3,}", "re:^目\\s*錄$", "re:.玉笛緣|玉笛緣.",
                     AUTHOR] + run_heads,
    samples_idx=[idx("這焦猛探聽得"), idx("詩曰："), idx("荒祠夜冷"), idx("眾人便各執魚叉"), idx("昨宵燈下"),
                 idx("畢竟那賣花老兒"), idx("老兒扶起道"), idx("這日聽得丫鬟"), idx("誰知書信未到"),
                 idx("話說沈笙得了玉笛")],
    notes=("pdftotext (default mode) of a modern Taiwanese paperback of a Traditional Chinese 章回小說, saved "
           "in Big5/cp950 with CRLF; every page ends with a form feed. Title page ('玉笛緣', '松溪散人　著': the "
           "title is metadata, the author line must not be body text) and a 目錄 page (four entries "
           "'第一回　…　…' with …… leaders and page numbers: an artifact, and evidence that the 回 are the only "
           "level). Body (%d characters of original text): four 回, each starting a new page with its couplet "
           "title '第N回　上聯　下聯' on one line: one level-1 heading each, number and both clauses together as "
           "printed. %d cells a line with kinsoku, %d text lines a page (%d on an opening page), paragraphs "
           "marked only by a two-U+3000 indent. Running head (book title on even pages, the 回 title without "
           "'第N回' on odd pages, none on opening pages) and folio '‧ n ‧' (byte pair A145: U+2027 in cp950, "
           "U+2022 in Python's big5) are artifacts. Poems: every printed verse line (one couplet, indented by "
           "four U+3000) is its own paragraph (a single block with line breaks would be a fair rendering too); "
           "'詩曰：' standing alone at the head of 第一回 is a one-line paragraph, not a heading; '有詩為證：' and "
           "'正是：' stay at the end of the prose paragraph they close. Each 回 ends with the paragraph "
           "'畢竟……，且聽下回分解。'. Paragraphs cross page breaks mid-sentence, one between '三千' and "
           "'人馬' (last line of 第三回's opening page), one leaving '力。』」' alone at the top of a page. The body "
           "has no Arabic digits, so any digit is a leaked folio or TOC page number."
           % (nbody, W, PAGE, OPEN)),
)
