#!/usr/bin/env python3
"""ja-webnovel-utf16: a Japanese web novel (小説家になろう / カクヨム style) saved
as a TXT, UTF-16LE WITHOUT a BOM, CRLF line ends.

Header: the long narou-style title line, '作者：…', an 'あらすじ' label with a
three-paragraph synopsis, a '――――――――' rule. Body: プロローグ, two chapters
(第一章　…, 第二章　…) holding episodes numbered across the book (第1話, 第2話
with ASCII digits, 第３話, 第４話 with full-width digits), エピローグ, あとがき.
One line per paragraph: narrative lines indented with U+3000, dialogue 「…」
and inner thoughts （…） unindented, one narrative line that lost its indent,
a sound-effect line; blank lines used irregularly (none, one, several for
pacing). Narou ruby 漢字《かんじ》 and ｜基《よみ》, emphasis 《《…》》. Scene breaks
'　◇◇◇'. Author's notes at the end of episodes ('――――――――' rule then
'（作者より）', or '（作者より）' alone).
Chapter 2 (第二章 with 第３話 and 第４話) was pasted from a fixed-width viewer:
every line there is HARD-WRAPPED at 40 full-width cells with kinsoku (the
viewer counts the raw ruby markup; it never splits a ruby group), so a
continuation line may start with 「 or with a U+3000 that was inside the
dialogue. 'joins' come only from that chapter.
Original text written for this case."""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case, span_cjk, pick_joins, is_wide, NO_START, NO_END

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "星渡りの郵便屋　～落ちこぼれ魔導士、おんぼろ郵便船で空の果てまで手紙を届けます～"
SHORT_TITLE = "星渡りの郵便屋"
AUTHOR = "月森ことり"
W = 40
SEP = "――――――――"

# Source, one input line per line:
#   '# text' / '## text'  heading level 1 / 2 (written flush left)
#   '---'                 the separator rule SEP (furniture: not in the expected text)
#   '***'                 scene break, written '　◇◇◇', expected as its own paragraph '◇◇◇'
#   '@wrap on' / '@wrap off'  start / stop hard-wrapping at W cells
#   ''                    a blank line
#   anything else         one paragraph, written verbatim (with its own indent, if any)
SOURCE = """\
# あらすじ
　王立魔導学院を「魔力が弱すぎる」という理由で退学になった見習い魔導士のリタ。行き場をなくした彼女を拾ったのは、辺境の村々へ手紙を運ぶ、今にも落ちそうなおんぼろの郵便船だった。
　彼女の取り柄は、空を流れる風の筋が目に見える、というちょっと変わった体質だけ。けれどそれは、空の郵便屋にとって何より欲しい才能で――？
　空と手紙と、ちいさな奇跡のお仕事ファンタジー。
---



# プロローグ

　その手紙には、三年前の日付が書かれていた。
　宛名は、もう地図から消えてしまった村。差出人の欄は空白で、封蝋《ふうろう》には見たこともない星の紋章が押されている。
「これを、届けろって言うんですか？」
　わたしが尋ねると、船長は煙管《キセル》をくわえたまま、にやりと笑った。

「郵便屋ってのはな、嬢ちゃん。宛先がある限り、どこへだって飛ぶもんだ」

　――これは、落ちこぼれのわたしが、空の郵便屋になるまでのお話。


# 第一章　旅立ち

## 第1話　退学通知と、おんぼろ郵便船

「リタ・フェルン。本日をもって、貴殿を王立魔導学院から除籍とする」
　学院長の声は、大講堂の高い天井にやけに大きく響いた。
　理由は聞かなくてもわかっている。入学して二年、わたしの魔力量は一度も基準値に届かなかった。火球の魔法を撃てば線香花火みたいにしぼみ、浮遊の魔法を唱えれば三秒で床に落ちる。同期の中で、わたしだけが《《一度も》》実技試験に合格していない。
「……はい。お世話になりました」
　それしか言えなかった。

　寮の部屋を片付けるのに、半日もかからなかった。着替えが少しと、擦り切れた教科書が数冊。それから、故郷の祖母がくれた真鍮《しんちゅう》の羅針盤《らしんばん》がひとつ。
　学院の正門を出たところで、わたしは立ち止まった。



　さて、これからどうしよう。



　故郷の村までは、乗合馬車で十日かかる。財布の中身を数えてみたが、どう計算しても五日分にしかならなかった。
（……詰んだ、かも）
　ぼんやりと空を見上げる。王都の空は今日もよく晴れていて、いくつもの風の筋が、光る糸のように東から西へ流れていた。
　子どもの頃から、わたしにはこれが見える。空気の流れが、薄い色のついたリボンみたいに目に映るのだ。学院の先生に話したら「気のせいだ」と一蹴されたけれど。
　その風の筋の一本が、妙な形にねじれていた。
　ねじれの先を目で追うと――港の方角から、一隻の船が、ふらふらと高度を下げてくるところだった。
ゴゴゴゴ……ッ！
「え、ちょっと、落ちてる！？」
　船体に大きく描かれた文字が読める。『王国郵便・第七便』――郵便船だ。
　あのままだと、風の渦に巻き込まれて市場の屋根に突っ込む。
　考えるより先に、体が動いていた。わたしは鞄を放り出し、ありったけの声で叫んだ。
「右です！　右に舵を切って！　そこ、下降気流です！」
　聞こえるはずがない。そう思ったのに、船はぐらりと右へ傾き、渦の縁をかすめるようにして、港の係留塔へと滑り込んでいった。


## 第2話　船長グランと、風を見る目
　係留塔の下で待っていたのは、熊のように大きな老人だった。
「さっき叫んでたのは、おめえか」
「は、はい。すみません、勝手に――」
「どうして下降気流があるとわかった？」
　わたしは少し迷ってから、正直に答えた。風の筋が見えること。それが学院では何の役にも立たなかったこと。ついでに、今朝退学になったことまで。
　老人――郵便船ツバメ号の船長、グランさんは、黙って最後まで聞いていた。
　それから、大きな手でわたしの頭をぐしゃりと撫でた。

「役に立たねえ、だと？　冗談じゃねえ」
「え……？」
「うちの航海士《こうかいし》が先月やめちまってな。風の読めねえ船は、ただの空飛ぶ棺桶だ」
　グランさんは、ツバメ号の錆びた船腹を拳で叩いた。ごうん、と間の抜けた音がした。
「給金は安い。飯はまずい。船はこの通りのおんぼろだ。――それでもよけりゃ、乗ってけ」
　差し出された手は、油と煙のにおいがした。学院では一度も握られたことのない種類の手だった。
　わたしはその手を、両手でぎゅっと握り返した。
「……よろしくお願いします、船長！」

***

　その夜、わたしはツバメ号の狭い船室で、祖母の羅針盤を握りしめていた。
　窓の外には、王都の灯が遠ざかっていく。学院の尖塔も、寮の窓も、もう見分けがつかない。
不思議と、涙は出なかった。
　かわりに胸の奥で、何かが小さく鳴っている。羅針盤の針が、かすかに北を指して震えていた。
　明日から、わたしは｜空の郵便屋《ポストマン》だ。

---
（作者より）
　ここまでお読みいただき、ありがとうございます！
　第二章は、北の港町が舞台になります。
　ブックマークや評価で応援していただけると、とても励みになります。


@wrap on
# 第二章　霧笛の港

## 第３話　届かない手紙

　ツバメ号が北の港町ミストルに着いたのは、王都を出て四日目の朝だった。
　町は深い霧に沈んでいた。石畳も、家々の屋根も、沖に並ぶ漁船も、すべてが乳白色のベールの向こうでぼんやりと輪郭をにじませている。ときおり、どこか遠くで霧笛《むてき》がぼう、と鳴った。
「ここの郵便局に、今月分の手紙を下ろす。昼までには終わるだろう」
　グランさんはそう言って、麻袋を三つまとめて担ぎ上げた。わたしも小さい方の袋をひとつ抱えて、そのあとに続く。

　港の郵便局は、坂の途中にある小さな石造りの建物だった。扉を開けると、カウンターの向こうで、わたしと同い年くらいの少年が帳簿をつけていた。
「テオ。今月の分だ」
「グランさん！　よかった、今月はもう来ないのかと思いました。先週の嵐で、北回りの航路がまた閉じたって聞いたから」
　少年――テオは、帳簿を閉じて立ち上がった。それから、わたしの顔を見て首をかしげる。
「そちらの方は？」
「新しい航海士のリタだ。風が見える」
「風が……見える？」
　テオは一瞬ぽかんとして、それから、なぜか泣きそうな顔になった。彼はカウンターの下から、古びた木箱をひとつ取り出した。中には、宛先不明で戻ってきた手紙が、ぎっしりと詰まっている。
「ここにあるのは全部、｜灯台岬《とうだいみさき》の村あての手紙なんです。三年前の大嵐で、岬へ渡る吊り橋が落ちてから、誰も村まで行けなくなってしまって」
　岬の周りは一年じゅう乱気流《らんきりゅう》が渦巻いていて、飛空船も近づけない。だから手紙は、こうして届かないまま積み上がっていくのだ、とテオは言った。
「何度も飛空船の組合に頼んだんです。でも、あの渦に入って帰ってきた船はないって！　誰も引き受けてくれなくて……せめて、この手紙だけでも届けたいのに」
　わたしは木箱の一番上の封筒に目を落とした。星の紋章の封蝋。宛名の村の名前は、王都で買った新しい地図のどこにも載っていなかった。
　グランさんは黙って腕を組んでいたが、やがて、いかにもしぶしぶといった小さな声で「明日の朝、一度だけ岬に寄ってみるか」と言った。


## 第４話　灯台岬へ
　翌朝、霧は少しだけ薄くなっていた。
　わたしはツバメ号の甲板に立ち、岬の方角をじっと見つめた。
　乱気流は、確かにそこにあった。赤や紫の風の筋が、まるで絡まった毛糸玉のように岬をぐるりと取り囲んでいる。普通の人には見えないその渦の中に、けれど、たった一本だけ、まっすぐに岬へ伸びる細い青い筋があった。
「グランさん。道が、あります」
「……本当か」
「はい。すごく細いですけど。わたしが指示した通りに、舵を切ってもらえますか」
　グランさんは、しばらく黙ってわたしの顔を見ていた。それから煙管を甲板の手すりで叩いて、灰を落とした。
「いいだろう。ただし、三回まちがえたら引き返す。それが条件だ」

***

　結論から言うと、わたしは一回もまちがえなかった。
　右へ三十度、そのまま直進、高度を下げて、今度は左へ。青い筋をたどるたびに、ツバメ号の船体はみしみしと悲鳴を上げたけれど、それでも少しずつ、確実に岬へ近づいていった。
　渦のいちばん深いところで、船体が大きく傾いた。操舵輪にしがみついたグランさんが「つかまってろ！」と怒鳴り、テオが木箱ごと甲板を転がる。わたしは手すりを握りしめながら、青い筋から一瞬も目を離さなかった。
　そして渦を抜けた瞬間、霧がぱっと晴れた。
　眼下に、小さな村があった。白い灯台と、十数軒の家と、畑。煙突からは細い煙が上がっていて、広場では子どもたちが、ぽかんと口を開けてこちらを見上げている。
「……生きてる」
　テオがつぶやいた。彼は一緒に乗り込んできていたのだ。手紙の木箱を、宝物みたいに胸に抱えて。
　村人たちが、広場に集まってくる。その中から、杖をついたおばあさんが一人、ゆっくりと前に進み出た。テオが木箱の一番上の封筒を差し出すと、おばあさんはしわだらけの手でそれを受け取り、星の紋章をそっと指でなぞった。
「三年、待ったよ」
　おばあさんは、そう言って笑った。


「郵便屋さん。遠いところを、ありがとう」

（作者より）
　第二章はここまでです。次回のエピローグで、ひと区切りとなります。
@wrap off


# エピローグ

　ミストルの郵便局には今、灯台岬の村あての手紙を入れる新しい棚がある。
　ツバメ号は月に一度、あの細い青い風の道を通って、岬へ手紙を届けに行く。村からの返事も、たくさん預かるようになった。三年分の返事だから、麻袋はいつもぱんぱんだ。
「おい、航海士。次の行き先は？」
　操舵輪《そうだりん》を握ったグランさんが、振り返らずに聞いてくる。
　わたしは祖母の羅針盤を開き、それから空を見上げた。風の筋が、今日も光る糸のように流れている。
「東です。山脈を越えた先に、もうひとつ、手紙を待っている村があるみたいです」
　落ちこぼれの見習い魔導士は、今日も空を飛んでいる。
　テオは今、ミストルの郵便局で局長見習いをしている。岬の村から届く返事を仕分けるのが、何よりの楽しみなのだそうだ。
　学院からは一度だけ、手紙が来た。「復学を検討してもよい」という、妙に回りくどい文面だった。わたしはそれを丁寧にたたんで、羅針盤の蓋の裏にしまった。返事は、まだ書いていない。
　宛先がある限り、どこへだって。

# あとがき
　最後までお読みいただき、本当にありがとうございました。
　「風が見える」という、魔法としてはとても地味な力を、いちばん必要としてくれる場所で輝かせてあげたい。そんな思いから、このお話は生まれました。
　リタとツバメ号の旅は、まだ続きます。またどこかの空でお会いできますように。
"""

# ----------------------------------------------------------------- ruby
RUBY = re.compile(r"《《([^》]+)》》|｜([^《]+)《[^》]+》|([\u4e00-\u9fff々〆ヶ]+)《[^》]+》")


def plain(s: str) -> str:
    """Base text only: emphasis marks and ruby readings dropped."""
    return RUBY.sub(lambda m: m.group(1) or m.group(2) or m.group(3), s)


def tokens(s: str):
    """(raw, plain) tokens: a whole ruby / emphasis group is one token (the viewer
    never splits it), any other character is a token of its own."""
    out, i = [], 0
    while i < len(s):
        m = RUBY.match(s, i)
        if m:
            out.append((m.group(0), m.group(1) or m.group(2) or m.group(3)))
            i = m.end()
        else:
            out.append((s[i], s[i]))
            i += 1
    return out


def cells(raw: str) -> int:
    return sum(2 if is_wide(c) else 1 for c in raw)


def wrap_raw(line: str):
    """Wrap one raw input line at W full-width cells, kinsoku as in _common.wrap_cjk,
    counting the raw markup. Returns (lines, plain offsets of the breaks in the
    expected paragraph text, i.e. without the leading indent)."""
    indent = "\u3000" if line.startswith("\u3000") else ""
    toks = tokens(line[len(indent):])
    lines, offs = [], []
    i, n, avail, pos = 0, len(toks), 2 * W - cells(indent), 0
    while i < n:
        j, c = i, 0
        while j < n and c + cells(toks[j][0]) <= avail:
            c += cells(toks[j][0])
            j += 1
        if j < n:
            k = j
            while k > i + 1 and (toks[k][0][0] in NO_START or toks[k - 1][0][-1] in NO_END):
                k -= 1
            j = k
        lines.append("".join(t[0] for t in toks[i:j]))
        pos += sum(len(t[1]) for t in toks[i:j])
        if j < n:
            offs.append(pos)
        i, avail = j, 2 * W
    lines[0] = indent + lines[0]
    return lines, offs


# ----------------------------------------------------------------- render
blocks = []
out = [TITLE, "作者：" + AUTHOR, ""]
cands = []   # (priority, span)
wrap = False
for src in SOURCE.split("\n")[:-1]:
    if src == "@wrap on":
        wrap = True
        continue
    if src == "@wrap off":
        wrap = False
        continue
    if src.startswith("## ") or src.startswith("# "):
        lvl = 2 if src.startswith("## ") else 1
        t = src.split(" ", 1)[1]
        blocks.append({"type": "heading", "level": lvl, "text": t})
        out.append(t)
        continue
    if src == "---":
        out.append(SEP)
        continue
    if src == "***":
        blocks.append({"type": "paragraph", "text": "◇◇◇"})
        out.append("\u3000◇◇◇")
        continue
    if src == "":
        out.append("")
        continue
    text = plain(src[1:] if src.startswith("\u3000") else src)
    assert "《" not in text and "》" not in text and "｜" not in text, src
    blocks.append({"type": "paragraph", "text": text})
    if not wrap:
        out.append(src)
        continue
    lines, offs = wrap_raw(src)
    assert "".join(lines) == src
    assert all(cells(l) <= 2 * W for l in lines), lines
    out += lines
    for k, off in enumerate(offs):
        nxt = lines[k + 1]
        # the treacherous breaks: a continuation that starts like a new paragraph
        # (U+3000 from inside a dialogue, an opening bracket) or right after 。
        hard = nxt[0] in "\u3000「『（" or lines[k][-1] == "。"
        cands.append((0 if hard else 1, span_cjk(text, off, 7, 7)))

text = "\n".join(out) + "\n"
joins = pick_joins(cands, 10)

paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))
truth = write_case(
    HERE, title=TITLE, title_alt=[SHORT_TITLE], blocks=blocks, input_text=text,
    encoding="utf-16le", language="ja", newline="\r\n", joins=joins,
    must_not_appear=["re:^―{4,}$"],
    samples_idx=[idx("王立魔導学院を"), idx("理由は聞かなくても"), idx("寮の部屋を片付ける"),
                 idx("明日から、わたしは"), idx("――これは"), idx("不思議と、涙は"), idx("（……詰んだ"),
                 idx("ゴゴゴゴ"), idx("（作者より）"), idx("第二章は、北の"),
                 idx("「グランさん！"), idx("「ここにあるのは全部"), idx("町は深い霧に"),
                 idx("グランさんは黙って腕を組んで"), idx("村人たちが"), idx("操舵輪を握った")],
    notes=("Narou/Kakuyomu-style web-novel TXT, UTF-16LE WITHOUT a BOM, CRLF. Line 1 is the title (the part "
           "before the full-width space, 星渡りの郵便屋, is the short title), line 2 '作者：…' is metadata (not in "
           "the expected body). 'あらすじ' is kept as a level-1 heading with its three synopsis paragraphs (front "
           "matter at the same level as プロローグ; an editor might instead drop the blurb or keep the label as a "
           "paragraph). Headings: あらすじ, プロローグ, 第一章　旅立ち, 第二章　霧笛の港, エピローグ, あとがき at level "
           "1; episodes 第1話/第2話 (ASCII digits) and 第３話/第４話 (full-width digits) at level 2. Paragraphs: one "
           "per line; narrative lines lose their U+3000 indent, dialogue 「…」, inner thoughts （…）, the sound "
           "effect ゴゴゴゴ……ッ！ and the narrative line 不思議と、涙は出なかった。 (indent forgotten) are unindented "
           "paragraphs, never headings; blank lines (none, one or three) carry no structure. The short line "
           "　さて、これからどうしよう。 set off by blank lines is a paragraph. Ruby: 漢字《かんじ》 and ｜基《よみ》 keep "
           "the base text only, emphasis 《《一度も》》 keeps 一度も (as an EPUB <ruby> reads without <rt>); not "
           "listed as artifacts, but the samples hold ruby paragraphs in base text. Scene breaks '　◇◇◇' are kept "
           "as a paragraph of their own, text '◇◇◇' (an <hr> would also be a fair rendering: it costs one "
           "paragraph of count each, two in all). The rule lines '――――――――' (after the synopsis, before an "
           "author's note) are furniture and must vanish ('re:^―{4,}$' only matches a block made of dashes; "
           "prose dashes as in ――これは、… or 勝手に―― must stay). Author's notes '（作者より）' and the lines "
           "after them are content, one paragraph per line ('（作者より）' itself is a paragraph, not a heading; "
           "the note line 第二章は、北の港町が舞台になります。 is not a heading). Chapter 第二章 (episodes 3 and 4) "
           "was pasted from a fixed-width viewer and is hard-wrapped at 40 full-width cells with kinsoku, the "
           "raw ruby markup counted, ruby groups never split; continuation lines are unindented, and one starts "
           "with U+3000 (the space after ！ inside a dialogue), others may start with 「 or follow a line ending "
           "in 。: all such breaks must be joined. A paragraph in that chapter starts only where the source "
           "line starts with U+3000, 「 or （ after a line that ends the previous paragraph. 'joins' come only "
           "from that chapter; the other chapters have no hard wraps, so no line there may be joined with the "
           "next. Original text written for this case."),
)

if __name__ == "__main__":
    body = "".join(b["text"] for b in blocks)
    print("chars (expected body):", len(body), "paragraphs:", len(paras), "joins:", len(joins))
