#!/usr/bin/env python3
"""ja-report-pdf: a Japanese municipal survey report (報告書) on regional public
transport as `pdftotext` (default mode, UTF-8) gives it.

Cover page (the title over two lines, 令和6年3月, the issuing body), a 目次 page
(entries with ・・・ leaders and rising page numbers, level-2 entries indented
with U+3000), then body pages of at most 36 lines of 40 full-width characters
(Word's 40字×36行), kinsoku respected and no break inside a run of half-width
digits. Paragraphs start with U+3000 and are NOT separated by blank lines;
level-1 and level-2 headings have blank lines around them, level-3 headings
（1）… only a blank line before. Each chapter starts on a new page. Bulleted
items '・…' wrap with a hanging indent that pdftotext drops (continuation lines
start at column 0). A figure caption alone (the figure has no text), a table
caption, five table rows (cells separated by one space) and a two-line note
'※出典：…'. Running head (the short title) on every page after the cover, a
folio '- n -' at the foot of every body page; a form feed after every page.
Page breaks inside paragraphs: one plain mid-sentence, one inside a katakana
word, one between a number and its unit ('4,326' / '人'). Chapters 1-2 number
their sections with half-width digits (1.1, （1）), chapter 3 with full-width
ones (３．１, （１）), as in a report written by several hands.
Original text written for this case."""
import os, sys, unicodedata
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, span_cjk, is_wide, wrap_cjk, pick_by_category

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE_LINES = ["緑ヶ丘市における地域公共交通の", "利用実態と今後のあり方に関する調査報告書"]
TITLE = "".join(TITLE_LINES)
DATE, ISSUER = "令和6年3月", "緑ヶ丘市 都市整備部 交通政策課"
HEAD = "緑ヶ丘市地域公共交通調査報告書"   # running head, top right of every page after the cover
W, CAP = 40, 36

# ("h", level, text) | ("li", text) bullet | ("cap", text) caption | ("row", text) table row
# ("note", text) | str: body paragraph
doc = [
 ("h", 1, "はじめに"),
 "本市では、人口減少と高齢化が進むなかで、路線バスの利用者が長期的に減少しており、運行事業者の経営環境は厳しさを増している。一方で、運転免許を返納する高齢者は年々増加しており、自家用車に頼らずに通院や買い物ができる移動手段の確保は、市民生活を支えるうえで欠かすことのできない課題となっている。",
 "このような状況を踏まえ、本市では令和5年度に、市内の公共交通の利用実態と市民の移動ニーズを把握するための調査を実施した。本報告書は、その結果を取りまとめるとともに、今後の地域公共交通のあり方を検討するための基礎資料として作成したものである。",
 "調査の実施に当たり、アンケートやヒアリングにご協力いただいた市民の皆様、交通事業者及び関係機関の皆様に、心から感謝申し上げる。",
 ("h", 1, "第1章　調査の概要"),
 ("h", 2, "1.1　調査の目的"),
 "本調査は、市内の路線バス、コミュニティバス及びデマンド交通の利用状況を定量的に把握するとともに、市民の日常的な移動の実態と公共交通に対する意識を明らかにすることを目的とする。あわせて、令和7年度に予定している地域公共交通計画の改定に向けて、現行の交通施策の効果と課題を整理する。",
 ("h", 2, "1.2　調査の方法"),
 "本調査では、次の三つの調査を組み合わせて実施した。",
 ("li", "市民アンケート調査：市内に居住する18歳以上の市民3,000人を住民基本台帳から無作為に抽出し、令和5年7月に郵送で配布・回収した。"),
 ("li", "乗降調査：市内を運行する路線バス全12系統及びコミュニティバス全4路線を対象に、平日と休日の各1日、全便に調査員が乗り込み、停留所ごとの乗降人数を記録した。"),
 ("li", "関係者ヒアリング：交通事業者3社、市内の病院及び商業施設、自治会連合会の代表者を対象に、公共交通の現状と課題について聞き取りを行った。"),
 "市民アンケートの回収数は1,236票で、回収率は41.2％であった。回答者の年齢構成は、65歳以上が全体の46.8％を占め、市の人口構成と比べて高齢者の割合がやや高い。このため、集計に当たっては年齢別の結果もあわせて確認した。",
 "なお、本報告書に掲載した構成比は、小数点以下第2位を四捨五入しているため、合計が100％にならない場合がある。",
 ("h", 2, "1.3　対象地域の概要"),
 "本市は県の北西部に位置し、面積は約182平方キロメートル、令和5年10月1日現在の人口は約6万4千人である。市の中心部には鉄道駅があり、駅周辺に市役所、総合病院、商業施設などの都市機能が集まっている。一方、市の北部と西部は山間地域で、小規模な集落が谷沿いに点在している。",
 "市内の鉄道は、県庁所在地と隣接市を結ぶ路線が市の南部を東西に走っており、市内には緑ヶ丘駅を含めて3つの駅がある。朝夕の通勤・通学時間帯には上下線とも1時間に2本程度が運行されているが、日中は1時間に1本に減る。道路網は、国道2路線が市の中心部で交差しており、大型の商業施設の多くはこの国道沿いに立地している。",
 "人口は平成17年の約7万2千人をピークに減少に転じており、65歳以上の人口の割合は令和5年には34.6％に達した。特に山間地域では高齢化率が50％を超える地区もあり、自ら運転できなくなった高齢者の移動手段をどのように確保するかが大きな課題となっている。",
 "また、市の中心部から離れた丘陵地には、昭和50年代に造成された住宅団地が3か所ある。入居開始から40年以上が経過し、住民の多くが同じ時期に高齢期を迎えていることから、団地内の坂道や停留所までの距離が、日常の外出の妨げとなっている。",
 ("h", 1, "第2章　公共交通の現状"),
 "本章では、市内の公共交通の現状を、運行の状況と利用者数の推移の両面から整理する。なお、鉄道については本調査の対象外とし、必要に応じて触れるにとどめる。市内の公共交通網の概要は図表2-1のとおりである。",
 ("cap", "図表2-1　市内の公共交通網（令和5年4月現在）"),
 ("h", 2, "2.1　路線バス"),
 ("h", 3, "（1）利用者数の推移"),
 "市内の路線バスは、民間の交通事業者2社が運行しており、鉄道駅を起点に市内各地と隣接市を結ぶ12系統がある。路線バスの年間利用者数は、平成30年度には約148万人であったが、令和2年度には新型コロナウイルス感染症の影響により約102万人まで落ち込んだ。その後は緩やかに回復しているものの、令和4年度においても感染拡大前の8割程度にとどまっている（図表2-2）。",
 "利用者数の減少は、定期券の利用者で特に大きい。通勤定期の利用者は、在宅勤務の定着などにより、令和4年度も感染拡大前の7割程度の水準にとどまっている。一方、通学定期の利用者は、生徒数の減少に伴って緩やかに減少しているものの、感染症による影響は比較的小さかった。市内と隣接市には高等学校が合わせて4校あり、その生徒の多くが路線バスで通学していることから、通学の足を確保することは、今後も路線バスが担うべき重要な役割の一つである。",
 ("cap", "図表2-2　公共交通の年間利用者数の推移（単位：千人）"),
 ("row", "区分 平成30年度 令和元年度 令和2年度 令和3年度 令和4年度"),
 ("row", "路線バス 1,482 1,451 1,017 1,106 1,187"),
 ("row", "コミュニティバス 126 129 94 103 112"),
 ("row", "デマンド交通 － － 3 8 11"),
 ("row", "合計 1,608 1,580 1,114 1,217 1,310"),
 ("note", "※出典：緑ヶ丘市交通政策課「公共交通利用状況調べ」（各年度）。デマンド交通は令和2年10月の運行開始以降の数値である。"),
 "系統別に見ると、鉄道駅と総合病院を結ぶ系統の利用が最も多く、全体の約3割を占める。次いで、鉄道駅と北部の住宅団地を結ぶ系統、隣接市の高等学校へ向かう系統の順となっている。乗降調査の結果によると、平日1日当たりの利用者数は全系統の合計で4,326人であった。このうち65歳以上の利用者が約4割、高校生が約2割を占めており、自ら運転することのできない人の利用が中心となっている。",
 ("h", 3, "（2）運行本数と路線網"),
 "路線バスの運行本数は、利用者の減少と運転士不足を背景に縮小が続いている。平成30年度と令和5年度を比較すると、平日の運行本数は全系統の合計で1日412便から348便へと約16％減少した。特に山間地域へ向かう系統では、日中の運行間隔が2時間以上となる区間も生じている。",
 "交通事業者へのヒアリングでは、大型二種免許を持つ運転士の確保が年々難しくなっており、現在の運行水準を維持することも容易ではないとの意見が多く聞かれた。運転士の平均年齢は50歳を超えており、今後5年間で退職を迎える運転士も少なくない。",
 ("h", 2, "2.2　コミュニティバスとデマンド交通"),
 "コミュニティバスは、路線バスが運行していない地域を補うため、市が運行経費を負担して平成15年度から運行しているものである。現在は4路線で、運賃は1乗車100円としている。利用者の大半は高齢者で、通院や買い物を目的とした利用が多い。",
 "デマンド交通は、利用者の予約に応じて運行する乗合型の交通で、路線バスの廃止された北部の山間地域を対象に、令和2年10月から運行を開始した。車両には地元のタクシー事業者が所有するジャンボタクシーを用いており、利用者は前日までに電話で予約する。令和4年度の利用者数は延べ約1万1千人で、登録者数は年々増えているが、予約の手間や運行時間帯の制約を理由に利用をためらう声もある。",
 "市の財政負担は、コミュニティバスとデマンド交通の運行経費に、路線バスの赤字系統に対する補助を加えると、令和4年度で約2億1千万円に上っている。利用者1人当たりに換算すると、コミュニティバスで約870円、デマンド交通では約3,400円となり、持続可能な運行のあり方を検討する必要がある。",
 ("h", 1, "第３章　課題と今後の方向性"),
 ("h", 2, "３．１　住民アンケートから見た課題"),
 ("h", 3, "（１）日常の移動で困っていること"),
 "市民アンケートでは、日常の移動で困っていることとして、「バスの本数が少ない」を挙げた人が最も多く、回答者全体の52.3％を占めた。次いで「バス停まで遠い」が28.7％、「行きたい時間に便がない」が26.4％であった。居住地域別に見ると、山間地域ではいずれの項目も市全体の割合を10ポイント以上上回っており、公共交通の利便性に対する不満が大きいことがうかがえる。",
 "山間地域の自治会へのヒアリングでは、最寄りの商店が閉店したことにより、買い物のために市の中心部まで出かけなければならない世帯が増えているとの指摘があった。路線バスの便が少ないため、家族や近所の人の車に乗せてもらうことが多く、気兼ねして外出を控えるという高齢者もいる。こうした声は、特に一人暮らしの高齢者から多く聞かれた。",
 "また、現在は自分で車を運転している65歳以上の回答者のうち、約6割が「運転できなくなった場合の移動に不安がある」と回答した。自由記述欄にも、免許を返納したいが、返納すると通院の手段がなくなるという趣旨の意見が多数寄せられている。",
 ("h", 3, "（２）移動手段の選択"),
 "通勤や通学以外の外出で主に利用する交通手段は、「自分で運転する自動車」が61.5％と最も多く、「家族などが運転する自動車」が14.2％でこれに続いた。路線バスとコミュニティバスを合わせた公共交通の割合は8.9％にとどまる。鉄道を主に利用すると答えた人は2.1％であった。",
 "年齢別に見ると、75歳以上では「家族などが運転する自動車」の割合が25.6％に高まり、「徒歩」や「自転車」を含めて、自ら運転しない手段で外出する人が半数を超える。一方、30歳代から50歳代では、自動車以外の手段を挙げた人はごくわずかであった。",
 "公共交通を利用しない理由としては、「自動車の方が便利」のほか、「運行ダイヤが分からない」「乗り方が分からない」といった情報面の理由を挙げる人も一定数見られた。特に、デマンド交通については、その存在自体を知らない人が回答者の4割近くに上っており、周知の不足が利用の伸び悩みの一因となっていると考えられる。",
 ("h", 2, "３．２　今後の取組の方向性"),
 "以上の調査結果を踏まえ、本市では、令和7年度に予定している地域公共交通計画の改定に当たり、鉄道、路線バス、コミュニティバスとデマンド交通が連携した公共交通ネットワークの再編に向けて、次の方向性に沿って取組を進めることとする。",
 ("li", "鉄道駅と総合病院を結ぶ幹線系統については、交通事業者と連携して運行本数を維持し、乗り継ぎしやすいダイヤへの見直しを進める。"),
 ("li", "山間地域では、需要の少ない路線バスの区間をデマンド交通に段階的に置き換え、予約方法の簡素化やスマートフォンによる予約の導入を検討する。"),
 ("li", "バスマップや時刻表を分かりやすく作り直すとともに、高齢者を対象とした乗り方教室を開催し、公共交通の利用を促進する。"),
 ("li", "運転士不足に対応するため、交通事業者による運転士の確保と育成の取組を支援する。"),
 "これらの取組の効果については、利用者数や市民の満足度などの指標を設定し、毎年度検証を行う。",
 ("h", 1, "おわりに"),
 "本調査により、本市の公共交通は、利用者の減少と担い手の不足という二つの課題を同時に抱えていることが改めて明らかになった。一方で、市民アンケートからは、将来の移動に不安を抱え、公共交通の充実を望む声が多いことも分かった。",
 "地域の公共交通は、交通事業者だけでなく、市、そして市民が一体となって支えていくものである。本報告書が、今後の議論の出発点として活用されることを期待する。",
]

# page breaks inside a chapter: the page ends before the body line that starts with this text
PAGE_BEFORE = ["運転できなくなった高齢者の", "人であった。このうち", "トワークの再編に"]


def half_run(ch):
    return ch.isascii() and (ch.isalnum() or ch in ",.")


def wrap_ja(text, first, rest):
    """wrap_cjk with a first-line and a continuation measure, and no break inside a run of
    half-width digits/letters ('1,234' stays whole, as Word sets it)."""
    return wrap_cjk(text, rest, first=first, unbreakable=half_run)


NOTES = ("pdftotext default mode (UTF-8, form feed after every page) of a Japanese municipal survey report, "
         "cover + 目次 + %d body pages of at most 36 lines of 40 full-width characters with kinsoku. Title: the two "
         "cover lines joined ('…地域公共交通の' + '利用実態と…調査報告書'). The cover's '令和6年3月' and issuing body "
         "'緑ヶ丘市 都市整備部 交通政策課' are title-page metadata, not expected blocks (keeping them as two "
         "paragraphs is defensible: small excess, paragraph count within tolerance; they are not artifacts). "
         "The 目次 page ('目　次' and 12 entries with ・・・ leaders and page numbers, level-2 entries indented by "
         "U+3000) is furniture and must vanish. Running head '緑ヶ丘市地域公共交通調査報告書' (the short title, "
         "first line of every page after the cover) and folios '- n -' (foot of every body page) are artifacts. "
         "Headings: はじめに, 第1章…, 第2章…, 第３章…, おわりに at level 1; 1.1/2.1/３．１ sections at level 2; "
         "（1）/（１） subsections at level 3 (they have a blank line before but none after, running straight into "
         "their U+3000-indented paragraph). Section numbers are kept in the heading text as printed (half-width in "
         "chapters 1-2, full-width in chapter 3; the scorer compares NFKC). Paragraphs start with U+3000 (not part "
         "of the expected text) and are not separated by blank lines. Three page breaks fall inside paragraphs: "
         "'…50％を超える地区もあり、自ら' / '運転できなくなった…' (mid-sentence), '…全系統の合計で4,326' / "
         "'人であった。' (between a number and its unit) and '…公共交通ネッ' / 'トワークの再編に…' (inside a "
         "katakana word); all three must be joined without a space, across running head and folio. Wrapped lines "
         "also split katakana words ('コミュ'/'ニティバス') and number/unit pairs ('平成30'/'年度', '令和2'/'年10月'). The seven bulleted items '・…' are one list_item block "
         "each; their continuation lines start at column 0 (pdftotext drops the hanging indent); the expected text "
         "omits the '・' marker (keeping it is also fine, so bullets are not in the sample). Caption lines "
         "'図表2-1　市内の公共交通網（令和5年4月現在）' (a figure with no extractable text) and "
         "'図表2-2　公共交通の年間利用者数の推移（単位：千人）' are paragraphs, not headings; each of the five table "
         "rows ('路線バス 1,482 1,451 …', cells separated by one space, '－' for no data) is one block (any cell "
         "separator is fine; rows are not sampled); the note '※出典：…' right below the table, wrapped over two "
         "lines, is one paragraph. Negatives: '本調査では、次の三つの調査を組み合わせて実施した。' is a one-line "
         "paragraph, not a heading; numbers such as 1,236 / 41.2％ / 2-1 in the text are not folios.")

# ---------------------------------------------------------------- blocks and typeset lines
blocks, body = [], []   # body items: (line, block index | "H" | None, offset of the line in the block text, chapter no.)
chap = 0
prev = None
for d in doc:
    kind = d[0] if isinstance(d, tuple) else "p"
    if kind == "h":
        lv, t = d[1], d[2]
        blocks.append({"type": "heading", "level": lv, "text": t})
        if lv == 1:
            chap += 1
        body.append(("", None, 0, chap))
        body.append((t, "H", 0, chap))
        if lv < 3:
            body.append(("", None, 0, chap))
        prev = kind
        continue
    text = d[1] if isinstance(d, tuple) else d
    btype = {"li": "list_item", "row": "table_row"}.get(kind, "paragraph")
    blocks.append({"type": btype, "text": text})
    bi = len(blocks) - 1
    if kind == "p":
        lines = wrap_ja("\u3000" + text, W, W)
        shift = 1
    elif kind == "li":
        lines = wrap_ja("・" + text, W, W - 1)   # hanging indent of one character, lost in extraction
        shift = 1
    elif kind == "note":
        lines = wrap_ja(text, W, W - 1)
        shift = 0
    else:
        lines, shift = [text], 0
    if kind == "cap" or (kind == "row" and prev != "row" and prev != "cap"):
        body.append(("", None, 0, chap))
    off = -shift
    for ln in lines:
        body.append((ln, bi, max(off, 0), chap))
        off += len(ln)
    if kind == "cap" and not (isinstance(doc[doc.index(d) + 1], tuple) and doc[doc.index(d) + 1][0] == "row"):
        body.append(("", None, 0, chap))   # a figure caption: the figure above it has no text
    if kind == "note":
        body.append(("", None, 0, chap))
    prev = kind


# ---------------------------------------------------------------- pages
def squeeze(items):
    out = []
    for it in items:
        if it[0] == "" and (not out or out[-1][0] == ""):
            continue
        out.append(it)
    while out and out[-1][0] == "":
        out.pop()
    return out


pages = []      # each: list of body items
for c in range(1, chap + 1):
    items = squeeze([it for it in body if it[3] == c])
    cur = []
    for it in items:
        ln, bi, off, _ = it
        if isinstance(bi, int) and off > 0 and any(ln.startswith(a) for a in PAGE_BEFORE):
            pages.append(squeeze(cur))
            cur = []
        if not cur and ln == "":
            continue
        cur.append(it)
    pages.append(squeeze(cur))

if os.environ.get("SHOW"):
    for n, pg in enumerate(pages, 1):
        print("=" * 20, "page", n, len(pg), "lines")
        for k, (ln, bi, off, ch) in enumerate(pg, 1):
            print("%2d %-4s %3s| %s" % (k, bi if bi is not None else "", off, ln))
    sys.exit()

assert all(len(pg) <= CAP for pg in pages), [len(pg) for pg in pages]
used = [a for a in PAGE_BEFORE if any(it[0].startswith(a) for pg in pages for it in pg[:1])]
assert used == PAGE_BEFORE, (used, PAGE_BEFORE)


def is_kata(ch):
    return "\u30a1" <= ch <= "\u30fc"


def cells(s):
    return sum(2 if is_wide(ch) else 1 for ch in s)


# the printed TOC: level-1 and level-2 headings, leaders of ・ up to the page number
toc = []
for n, pg in enumerate(pages, 1):
    for ln, bi, off, ch in pg:
        if bi == "H":
            lv = next(b["level"] for b in blocks if b["type"] == "heading" and b["text"] == ln)
            if lv <= 2:
                ent = ("\u3000" if lv == 2 else "") + ln
                k = (2 * W - cells(ent) - 2 - len(str(n))) // 2
                toc.append("%s %s %d" % (ent, "・" * k, n))

out = []
out.append("\n".join(TITLE_LINES + ["", DATE, "", ISSUER]) + "\n")
out.append("\n".join([HEAD, "", "目　次", ""] + toc) + "\n")
cands = []     # (category, span)
for n, pg in enumerate(pages, 1):
    lines = [HEAD, ""]
    for k, (ln, bi, off, ch) in enumerate(pg):
        lines.append(ln)
        if isinstance(bi, int) and off > 0:
            b = blocks[bi]
            a, z = b["text"][off - 1], b["text"][off]
            cat = ("page" if k == 0 else "bullet" if b["type"] == "list_item"
                   else "note" if b["text"].startswith("※")
                   else "kata" if is_kata(a) and is_kata(z)
                   else "num" if a.isdigit() else "wrap")
            cands.append((cat, span_cjk(b["text"], off, 7, 7)))
    lines += ["", "- %d -" % n]
    out.append("\n".join(lines) + "\n")
text = "\f".join(out) + "\f"

joins = pick_by_category(cands, [("page", 99), ("kata", 99), ("num", 2), ("bullet", 2), ("note", 1), ("wrap", None)], total=18)

paras = [b["text"] for b in blocks if b["type"] != "heading"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
split_paras = [pg[0][1] for pg in pages if isinstance(pg[0][1], int) and pg[0][2] > 0]
samples = [idx("本市では、人口減少"), idx("本調査では、次の"), idx("図表2-1"), idx("図表2-2"), idx("※出典"),
           idx("これらの取組の効果"), idx("地域の公共交通は")]
for bi in split_paras:
    i = paras.index(blocks[bi]["text"])
    if i not in samples:
        samples.append(i)

write_case(
    HERE, title=TITLE, blocks=blocks, input_text=text, encoding="utf-8", language="ja", joins=joins,
    must_not_appear=[HEAD, "目次", "re:・{3,}", "re:-\\s?\\d{1,3}\\s?-"],
    samples_idx=sorted(samples),
    notes=NOTES % len(pages),
)
print(len(pages), "body pages;", sum(len(p) for p in paras), "characters in paragraphs;", len(joins), "joins;",
      len(paras), "paragraphs")
