#!/usr/bin/env python3
"""ja-aozora: an Aozora Bunko text file (Shift_JIS, CRLF).

Title and author on the first two lines, the usual 【テキスト中に現れる記号について】
block between dashed rules, headings written as
'［＃３字下げ］第一夜［＃「第一夜」は中見出し］' with blank lines around them,
［＃改ページ］ between chapters, ruby as 漢字《かんじ》 and ｜漢字《かんじ》, one
gaiji note ※［＃「目＋爭」、第3水準1-88-85］, paragraphs one per line (no hard
wraps), narrative lines indented with U+3000 and dialogue lines starting with
「 unindented, and the 底本 colophon at the end.
Text: the openings of the first three nights of 夏目漱石「夢十夜」 (1908, public
domain), typed from memory for this test: small deviations from the printed
text are possible and do not matter here."""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE, AUTHOR = "夢十夜", "夏目漱石"
GAIJI = "※［＃「目＋爭」、第3水準1-88-85］"

doc = [
 ("h", "第一夜"),
 "こんな夢を見た。",
 "腕組《うでぐみ》をして枕元《まくらもと》に坐《すわ》っていると、仰向《あおむき》に寝た女が、静かな声でもう死にますと云う。女は長い髪を枕に敷いて、輪郭《りんかく》の柔らかな瓜実《うりざね》顔《がお》をその中に横たえている。真白な頬《ほお》の底に温かい血の色がほどよく差して、唇《くちびる》の色は無論赤い。とうてい死にそうには見えない。しかし女は静かな声で、もう死にますと判然《はっきり》云った。自分も確《たしか》にこれは死ぬなと思った。そこで、そうかね、もう死ぬのかね、と上から覗《のぞ》き込むようにして聞いて見た。死にますとも、と云いながら、女はぱっちりと眼《め》を開けた。大きな潤《うるおい》のある眼で、長い睫《まつげ》に包まれた中は、ただ一面に真黒であった。その真黒な眸《ひとみ》の奥に、自分の姿が鮮《あざやか》に浮かんでいる。",
 "自分は透《す》き徹《とお》るほど深く見えるこの黒眼の色沢《つや》を眺めて、これでも死ぬのかと思った。それで、ねんごろに枕の傍《そば》へ口を付けて、死ぬんじゃなかろうね、大丈夫だろうね、とまた聞き返した。すると女は黒い眼を眠そうに" + GAIJI + "たまま、やっぱり静かな声で、でも、死ぬんですもの、仕方がないわと云った。",
 "じゃ、私の顔が見えるかいと一心《いっしん》に聞くと、見えるかいって、そら、そこに、写ってるじゃありませんかと、にこりと笑って見せた。自分は黙って、顔を枕から離した。腕組をしながら、どうしても死ぬのかなと思った。",
 "しばらくして、女がまたこう云った。",
 "「死んだら、埋《う》めて下さい。大きな｜真珠貝《しんじゅがい》で穴を掘って。そうして天から落ちて来る星の破片《かけ》を墓標《はかじるし》に置いて下さい。そうして墓の傍に待っていて下さい。また逢《あ》いに来ますから」",
 "自分は、いつ逢いに来るかねと聞いた。",
 "「日が出るでしょう。それから日が沈むでしょう。それからまた出るでしょう、そうしてまた沈むでしょう。――赤い日が東から西へ、東から西へと落ちて行くうちに、――あなた、待っていられますか」",
 "自分は黙って首肯《うなず》いた。女は静かな調子を一段張り上げて、",
 "「百年待っていて下さい」と思い切った声で云った。",
 "「百年、私の墓の傍に坐って待っていて下さい。きっと逢いに来ますから」",
 "自分はただ待っていると答えた。",
 ("h", "第二夜"),
 "こんな夢を見た。",
 "和尚《おしょう》の室《へや》を退《さが》って、廊下伝《ろうかづた》いに自分の部屋へ帰ると行灯《あんどう》がぼんやり点《とも》っている。片膝《かたひざ》を座蒲団《ざぶとん》の上に突いて、灯心《とうしん》を掻《か》き立てたとき、花のような丁子《ちょうじ》がぱたりと朱塗《しゅぬり》の台に落ちた。同時に部屋がぱっと明かるくなった。",
 "襖《ふすま》の画《え》は蕪村《ぶそん》の筆である。黒い柳を濃く薄く、遠近《おちこち》とかいて、寒《さ》むそうな漁夫《ぎょふ》が笠《かさ》を傾けて土手の上を通る。床《とこ》には海中文殊《かいちゅうもんじゅ》の軸《じく》が懸《かか》っている。焚《た》き残した線香が暗い方でいまだに臭《にお》っている。広い寺だから森閑《しんかん》として、人気《ひとけ》がない。",
 ("h", "第三夜"),
 "こんな夢を見た。",
 "六つになる子供を負《おぶ》ってる。たしかに自分の子である。ただ不思議な事にはいつの間にか眼が潰《つぶ》れて、青坊主《あおぼうず》になっている。自分が御前《おまえ》の眼はいつ潰れたのかいと聞くと、なに昔からさと答えた。声は子供の声に相違ないが、言葉つきはまるで大人である。しかも対等だ。",
 "左右は青田《あおた》である。路《みち》は細い。鷺《さぎ》の影が時々闇《やみ》に差す。",
 "「田圃《たんぼ》へかかったね」と背中で云った。",
 "「どうして解《わか》る」と顔を後《うし》ろへ振り向けるようにして聞いたら、",
 "「だって鷺が鳴くじゃないか」と答えた。",
 "すると鷺がはたして二声《ふたこえ》ほど鳴いた。",
]
COLOPHON = ["底本：「夢十夜　他二篇」岩波文庫、岩波書店",
            "※このファイルは第一夜から第三夜までの冒頭部分の抜粋です。"]


def plain(s):
    s = s.replace(GAIJI, "睜")
    s = re.sub(r"《[^》]*》", "", s)
    return s.replace("｜", "")


HEADER = """-------------------------------------------------------
【テキスト中に現れる記号について】

《》：ルビ
（例）腕組《うでぐみ》

｜：ルビの付く文字列の始まりを特定する記号
（例）大きな｜真珠貝《しんじゅがい》

［＃］：入力者注　主に外字の説明や、傍点の位置の指定
　　　（数字は、JIS X 0213の面区点番号、または底本のページと行数）
※：入力者注の印
-------------------------------------------------------"""

blocks = []
lines = [TITLE, AUTHOR, "", HEADER, ""]
first = True
for d in doc:
    if isinstance(d, tuple):
        blocks.append({"type": "heading", "level": 1, "text": d[1]})
        if not first:
            lines += ["［＃改ページ］", ""]
        lines += ["［＃３字下げ］%s［＃「%s」は中見出し］" % (d[1], d[1]), ""]
        first = False
        continue
    blocks.append({"type": "paragraph", "text": plain(d)})
    lines.append(d if d.startswith("「") else "\u3000" + d)
lines += ["", "", "", "\n".join(COLOPHON)]
for c in COLOPHON:
    blocks.append({"type": "paragraph", "text": c})
text = "\n".join(lines) + "\n"

paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
write_case(
    HERE, title=TITLE, blocks=blocks, input_text=text, encoding="shift_jis", py_encoding="cp932",
    language="ja", newline="\r\n",
    joins=["腕組をして枕元に坐っていると、仰向に寝た女", "瓜実顔をその中に", "大きな真珠貝で穴を掘って",
           "眼を眠そうに睜たまま", "廊下伝いに自分の部屋へ", "海中文殊の軸が懸っている"],
    must_not_appear=["［＃", "re:《[^》]*》", "｜", "【テキスト中に現れる記号について】", "re:^-{10,}",
                     "入力者注", "re:^（例）"],
    samples_idx=[idx("こんな夢を見た。"), idx("腕組をして枕元"), idx("自分は透き徹る"),
                 idx("自分は黙って首肯いた。"), idx("「百年待っていて"), idx("「どうして解る」"), idx("底本：")],
    notes=("Aozora Bunko file, Shift_JIS (decode as cp932/windows-31j), CRLF. Expected output keeps the base "
           "text of every ruby and drops the reading (漢字《かんじ》 -> 漢字, ｜真珠貝《しんじゅがい》 -> 真珠貝), as an "
           "EPUB <ruby> would read without <rt>; the gaiji note ※［＃「目＋爭」、第3水準1-88-85］ is resolved to 睜 "
           "(U+775C); all ［＃…］ annotations (headings, 字下げ, 改ページ) are markup, not text. The 記号について "
           "block between the dashed rules is file furniture and must go; title and author lines are metadata. "
           "Headings: 第一夜/第二夜/第三夜 (中見出し, level 1). No hard wraps: every line is one paragraph, so "
           "lines ending in '、' ('女は静かな調子を一段張り上げて、' then a line starting with 「) must NOT be joined "
           "with the next line. 'joins' here are spans interrupted by ruby/gaiji markup in the input. The short "
           "line こんな夢を見た。 (three times) is a paragraph, not a heading. The 底本 colophon lines at the end "
           "are kept as two paragraphs. Text: openings of the first three nights of 夏目漱石「夢十夜」 (public domain), "
           "typed from memory."),
)
