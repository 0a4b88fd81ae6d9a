#!/usr/bin/env python3
"""zh-webnovel-ads: a Chinese xianxia web novel TXT as downloaded from a pirate /
aggregator site. GB18030 (two name characters outside GBK: 㛃 U+36C3 and the
astral 𫖯 U+2B5AF, both four-byte sequences in GB18030), CRLF line ends.

Header: 《书名》, 作者：…, '内容简介：' with three indented blurb lines, a
'-------' rule. Two volumes (第一卷 山门 / 第二卷 剑冢) holding chapters 第1章 …
第13章 with ASCII digits, one mid-book chapter in Chinese numerals
(第十二章　剑冢, full-width space), one long comma-free chapter title, a 番外 at
the end. One paragraph per line indented with two U+3000 (no hard wraps);
volume 1 and the 番外 put a blank line between paragraphs, volume 2 does not.
Site junk: '（本章完）' closing every chapter (flush left or indented), ad lines
in four variants (ASCII domain with and without spaces, full-width domain,
【墨香阁 …】 banner, 天才一秒记住本站地址 …) at chapter ends, right after a chapter
heading and once in the middle of a chapter, and a site trailer after a last
'-------' rule. Author's notes 'PS：…' (three, one exactly 'PS：求推荐票！').
A scene break '　　※※※'. Negatives: paragraphs that start with 第一卷 / 第六名 /
第三十六个, a flush-left paragraph (lost indent) '第二天，天还没亮。'.
Original text written for this case."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _common import write_case

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "问剑九峰"
AUTHOR = "北岭听雪"
IND = "\u3000\u3000"
DOMAIN = "moxiangge8.com"
FW_DOMAIN = "ｗｗｗ．ｍｏｘｉａｎｇｇｅ８．ｃｏｍ"

AD1 = "最新章节请到 www.%s 阅读" % DOMAIN
AD1b = "最新章节请到www.%s阅读" % DOMAIN
AD2 = "天才一秒记住本站地址：%s。手机版阅读网址：m.%s" % (DOMAIN, DOMAIN)
AD3 = IND + "最新章节请到%s阅读" % FW_DOMAIN
AD4 = "一秒记住【墨香阁 www.%s】，精彩小说无弹窗免费阅读！" % DOMAIN
END = "（本章完）"
RULE = "-------"
TRAILER = "本书由墨香阁（%s）网友上传，仅供试阅，请支持正版。" % DOMAIN

# Source, one entry per input line:
#   '# text' / '## text'   heading level 1 / 2, written flush left
#   '@blank on|off'        write a blank line after every line from here on (or not)
#   '!text'                site junk, written verbatim; not in the expected document
#   '=text'                a paragraph written flush left (its indent lost)
#   '~'                    one extra blank line
#   anything else          a paragraph, written with the two-U+3000 indent
SOURCE = """\
@blank off
# 内容简介
程序员林岑加班猝死，醒来成了玄霄宗山门外一个连灵根都测不出来的穷小子。
别人修仙靠天赋，他修仙靠找bug。功法有漏洞，阵法有后门，就连宗门的灵石账本，也经不起他一页一页地对。
九峰之上，剑冢之下，一柄锈剑等了三百年，等的究竟是谁？
!-------
~
# 第一卷 山门
~
@blank on
## 第1章 入门
玄霄宗的山门前有三千级台阶，据说每一级都是开山祖师亲手凿出来的。
林岑爬到第两千九百级的时候，终于确定了一件事：这具身体的原主人，大概就是活活累死在这条路上的。
他扶着石栏喘了半天，抬头往上看。云雾里露出一角飞檐，檐下挂着一块黑底金字的匾额，写着“玄霄”两个大字，笔锋凌厉得像要从匾上飞出来。
“还有一百级。”他对自己说，“上辈子连续加班七十二小时都挺过来了，一百级台阶算什么。”
话是这么说，等他真正站到山门前时，测灵台边上已经排起了长队。
排队的少年们大多衣着光鲜，身后跟着家仆，只有林岑一身补丁，脚上的草鞋早就磨穿了底。
测灵的法子很简单：手按在一块半人高的青石上，石头亮得越久、越亮，灵根就越好。排在林岑前面的少年一按，青石亮起一道刺眼的金光，周围顿时一片惊呼。
“上品金灵根！”负责记录的师兄激动得笔都掉了。
轮到林岑，他把手按上去。
青石没有亮。
过了三息，石头表面才慢吞吞地浮起一层灰白色的光，闪了两下，又灭了，像一盏电量告急的台灯。
记录的师兄皱起眉头，拿笔杆敲了敲青石：“怪了，这石头从来没出过这种毛病。”
林岑盯着那层忽明忽暗的光，心里冒出一个念头——这不是坏了，这是个bug。
!（本章完）
## 第2章 杂役峰
测不出灵根的人，按规矩是要下山的。
可那天主持入门的长老恰好是第九峰的云鹤真人。老人家须发皆白，拄着一根竹杖，围着测灵石转了两圈，忽然笑了：“石头说不清的事，让人来说。留下吧，去第九峰，先做杂役。”
第九峰是玄霄宗最穷的一座峰。
别的峰有灵田、有药园、有成群的仙鹤，第九峰只有一片竹林、三间瓦房，和一个叫苏晚棠的师姐。
“你就是那个让测灵石死机的人？”苏晚棠坐在门槛上拨算盘，头也不抬。
林岑愣了一下：“师姐也知道‘死机’这个词？”
“听外门的人这么说的，不知道什么意思，反正不是好话。”她把算盘一推，“我先跟你说清楚，第九峰一个月的份例是三十块下品灵石，师父一个人就要用掉二十块。你想修炼，自己想办法。”
“一颗洗髓丹要多少？”
“3000灵石。”苏晚棠终于抬起眼睛看了他一下，“你一个月领三十块，不吃不喝，攒上八年多就够了。”
林岑在心里飞快地算了一遍：一百个月，八年零四个月。他上辈子还房贷的时候都没这么绝望过。
PS：新书上传，求收藏，求推荐票！
!（本章完）
!最新章节请到 www.moxiangge8.com 阅读
## 第3章 青木诀
杂役的活并不重：早上扫落叶，中午挑水，晚上给云鹤真人的药炉添柴。剩下的时间，全是自己的。
苏晚棠扔给他一本旧册子，封皮上写着《青木诀》三个字，边角都翻卷了。
“第九峰只有这个，爱练不练。”
第一卷功法只有薄薄十几页，讲的是如何引气入体、运转周天。林岑照着练了三天，丹田里连一丝灵气都没留住。
到了第四天夜里，他干脆不练了，点上油灯，把十几页功法从头到尾抄了一遍，一边抄一边在旁边画箭头。
画到第七页，他的笔停住了。
灵气从“天池”入，过“云门”，转“膻中”，最后应当落回丹田。可按书上的说法，走到膻中之后，又要“复归天池，再行一周”。
“死循环。”林岑喃喃道，“这本功法写错了，灵气永远进不了丹田，只会在上面一圈一圈地转。”
他把那一句划掉，改成了“自膻中下行，直入气海”。
当天夜里，他第一次感觉到小腹里有一团温热，像是有人往那里放了一粒刚剥开的栗子。
!　　（本章完）
## 第4章 夜半剑鸣
引气入体之后，林岑的耳朵好像也灵了许多。
起初只是能听清竹叶上的露水滴下来的声音，后来连山那边的溪水声都听得见。到了第十天夜里，他在睡梦中被一阵声音惊醒。
那声音很细，像是有人用指甲轻轻弹了一下铁器，嗡的一声，余音绕着屋梁转了很久才散。
他披衣出门，看见苏晚棠已经站在院子里，手里提着一盏灯笼。
“你也听见了？”
“剑鸣。”苏晚棠的脸色在灯下有些发白，“后山剑冢里的剑，已经三百年没有响过了。”
※※※
第二天一早，云鹤真人把两人叫到了竹林里。
老人家难得没有拄杖，负手站在一块青石前，听苏晚棠说完，只问了一句：“响了几声？”
“九声。”林岑说。
云鹤真人沉默了很久，才慢慢地说：“剑冢里有九百九十九柄剑，三百年来，从来没有一柄为谁响过九声。”
他转头看着林岑，眼神复杂：“小子，你到底是什么人？”
林岑张了张嘴，想说自己是从另一个世界来的程序员，想了想，还是把这句话咽了回去。
“弟子只是个扫地的。”
!（本章完）
## 第5章 外门小比
玄霄宗每年开春都有一场外门小比，前十名可以进剑冢选剑。
杂役本来没有资格参加。可不知是谁把“第九峰的杂役引动剑鸣”的事传了出去，执事堂破天荒地在名单末尾添上了林岑的名字。
第一轮抽签，他的对手是韩𫖯。
韩𫖯就是入门那天一按测灵石就亮起金光的少年，如今已是炼气四层，在外门风头正盛。他上台时连剑都没拔，只抱着胳膊上下打量林岑。
“听说你是靠改功法才入的门？”韩𫖯笑了一声，“改得再好，也不过炼气一层。我让你三招。”
林岑没有说话，只是在心里默默地数。
韩𫖯的剑法叫“流云十三式”，他在台下看过三遍。第七式收剑的时候，右肩会比剑尖慢半拍，那半拍里，整个右肋空门大开。
这不是破绽，这是一个每次都会触发的bug。
第三招，韩𫖯出手了。第七式，剑光如练。
林岑侧身，抬手，一掌拍在他的右肋上。
韩𫖯连退七步，一脚踩空，跌下了擂台。林岑收回手掌，下意识地说了一句：“OK。”
台下鸦雀无声。过了好一会儿，才有人小声问：“他……他刚才念的是什么咒？”
!（本章完）
!　　最新章节请到ｗｗｗ．ｍｏｘｉａｎｇｇｅ８．ｃｏｍ阅读
## 第6章 那柄锈剑原来一直在等一个肯拔它的人
小比一共五轮，林岑赢了四轮，最后一轮抽到了早已内定的头名，输得干脆利落。
第六名，刚好够进剑冢。
剑冢在后山深处，入口是一道窄窄的石缝。进去之后豁然开朗，漫山遍野都是剑：插在石缝里的、埋在土里的、挂在枯树上的，有的光华流转，有的早已锈成了一根铁条。
“每人只能拔一柄，拔出来就是你的。”带路的执事说，“拔不出来，也不许拔第二柄。”
韩𫖯第一个冲了进去，直奔半山腰那柄通体赤红的长剑。其他人也各自散开，挑那些光华最盛的。
林岑站在原地没有动。
他在找那个声音。
那个在夜里响了九声的声音，此刻又响了起来，极轻，只有他一个人听得见。他循着声音往下走，一直走到山脚的一片乱石堆里。
乱石堆中插着一柄剑，剑身锈迹斑斑，连剑格都烂掉了一半，看上去和一根烧火棍没什么两样。
他伸手握住剑柄。
锈剑轻轻一颤，自己从石缝里滑了出来，落进他手里，像是等这一刻等了很久很久。
PS：求推荐票！
!（本章完）
@blank off
~
# 第二卷 剑冢
~
## 第7章 三百年
!一秒记住【墨香阁 www.moxiangge8.com】，精彩小说无弹窗免费阅读！
锈剑没有名字。
林岑把它带回第九峰的那天晚上，云鹤真人在竹林里坐了一整夜。第二天一早，老人家把他叫进屋里，从床底下拖出一只落满灰尘的木箱。
箱子里是一卷泛黄的画轴。画上是一个背剑的青衣女子，站在悬崖边上，回头看着画外的人。画轴右下角题着两个小字：谢㛃。
“这是我师父的师父，第九峰的第一任峰主。”云鹤真人说，“三百年前，她带着这柄剑进了剑冢，再也没有出来。”
林岑看着画上那柄剑。剑身修长，剑格上雕着一朵云纹——和他手里那柄锈剑烂掉的那半边，一模一样。
“她出不来，是因为剑冢里有一道禁制。”老人的声音低了下去，“剑在，人困；剑出，人……”
他没有说下去。
林岑低头看着锈剑，忽然觉得手心发烫。
!（本章完）
~
## 第8章 账本
苏晚棠的账本是第九峰最神秘的东西。
林岑来了三个月，从没见她让任何人碰过。直到那天傍晚，她抱着账本来找他，脸色难看得吓人。
“你帮我看看这个。”
账本记的是第九峰三百年来的收支，一笔一笔，字迹换了好几种。林岑翻了几页，眉头越皱越紧。
“每年都少。”他说，“不多，每年三十块，记在‘杂项’底下，三百年一年都没有断过。”
“三百年，九千块。”苏晚棠咬着嘴唇，“师父说第九峰穷，是因为祖上欠了债。可我查遍了宗门的旧档，根本没有这笔债。”
“钱去了哪里？”
苏晚棠翻到最后一页，指着角落里一行很小的字：“每年正月，送后山。”
两人对视一眼。
后山只有一个地方。
!（本章完）
~
## 第9章 夜探
三更天，月亮被云遮住了。
林岑和苏晚棠一前一后摸到剑冢的石缝前。白天这里有执事看守，夜里却一个人也没有，只有石缝里透出一点幽幽的青光。
“你确定要进去？”苏晚棠压低声音，“私闯剑冢，按门规要废去修为。”
“我一共就炼气二层，废了也不心疼。”林岑说，“倒是你，要不要在外面等？”
苏晚棠瞪了他一眼，第一个钻了进去。
“你有没有觉得，”走了没几步，苏晚棠忽然停下来，“这些剑好像都在看着我们？”
林岑没有回答。他怀里的锈剑一直在轻轻地发烫，烫得像一块刚出炉的炭。
剑冢里的景象和白天完全不同。那些插在地上的剑全都暗了下去，只有山顶上亮着一点光，一明一灭，像是在呼吸。
他们沿着山路往上爬。越往上，空气越冷，到后来连呼出的气都结成了白霜。
山顶上有一座石台，石台上盘膝坐着一个人。
青衣，背剑，面朝悬崖。
正是画上的那个女子。
!（本章完）
!　　天才一秒记住本站地址：moxiangge8.com。手机版阅读网址：m.moxiangge8.com
~
## 第10章 禁制
女子没有回头。
“你们来了。”她的声音很轻，像是从很远的地方飘过来的，“比我算的晚了三百年。”
林岑握紧了锈剑。剑身在发抖，他分不清是剑在抖，还是自己的手在抖。
“谢前辈……”
“不必叫我前辈，我早就不算是活人了。”女子慢慢转过身来。她的脸和画上一模一样，只是透明得能看见身后的山崖，“我是这道禁制的一部分。三百年前，我用自己把剑冢封了起来，封住的是下面那个东西。”
苏晚棠下意识地往林岑身后缩了缩：“下面……是什么东西？”
女子没有回答，只是抬手指了指林岑手里的锈剑：“这柄剑是钥匙，也是锁。它在外面，禁制就会一点一点松动。每年正月送来的那三十块灵石，是我用来补阵的。”
林岑心里咯噔一下。
九千块灵石，三百年。这哪里是还债，这是在给一个快要崩溃的系统打补丁。
!（本章完）
~
## 第11章 补丁
“能修好吗？”苏晚棠问。
林岑没有立刻回答。他蹲下来，用手指在石台上画出禁制的纹路，一条一条地顺下去。这套阵法比《青木诀》复杂一百倍，但是道理是一样的：灵气从哪里进，从哪里出，中间经过哪些节点。
画到第三十六个节点时，他停了下来。
“这里。”他指着一处交叉，“三百年前布阵的时候，这里少连了一条线。所以阵法每转一圈，就漏一点灵气，漏到最后，必须每年往里填三十块灵石才能撑住。”
谢㛃静静地看着他，过了很久才说：“我找了三百年，没有找到这个地方。”
“因为前辈是从里面看的。”林岑说，“有些bug，只有站在外面才看得见。”
“你能补上？”
“能补。”林岑抬起头，“但是需要一样东西。”
“什么？”
“5000灵石。”
苏晚棠手一抖，账本啪地掉在了地上。
!（本章完）
~
## 第十二章　剑冢
五千灵石，是第九峰十几年的份例。
三个人——准确地说，是两个人和一道残魂——在石台上对坐了很久。最后还是苏晚棠先开了口：“我有办法。”
她从怀里掏出一枚玉简，啪地拍在石台上：“我这几年替外门各峰记账，各峰的亏空，我心里都有数。谁家的账对不上，谁家就得掏钱。”
林岑看着她，忽然觉得这位师姐比剑冢里所有的剑都要锋利。
!最新章节请到www.moxiangge8.com阅读
半个月后，五千灵石一块不少地堆在了石台上。
“你们用的是什么法子？”谢㛃问。
“审计。”林岑替苏晚棠答了，“在我们那儿，这是最吓人的两个字。”
补阵用了三天三夜。林岑以锈剑为笔，一条线一条线地把那个缺口补上。每补一笔，剑身上的锈就落下一片，露出底下青亮的剑光。
到了第三天夜里，最后一笔落下。
整座剑冢忽然亮了起来。九百九十九柄剑同时长鸣，声音一浪高过一浪，连山下的外门弟子都被惊醒了。
谢㛃站在光里，身形越来越淡。
“谢谢你。”她对林岑说，“这柄剑叫‘青萍’。以后，它就是你的了。”
话音落下，她化作一阵风，从悬崖边上吹了出去。
!　　（本章完）
~
## 第13章 三百块
=第二天，天还没亮。
林岑醒来的时候，发现自己躺在第九峰的瓦房里，青萍剑就靠在床头，剑身干干净净，一点锈迹都没有。
云鹤真人坐在门口的竹椅上晒太阳，见他醒了，只说了一句：“执事堂的人来过了，说私闯剑冢，要废你修为。”
林岑心里一紧。
“我跟他们说，剑冢的禁制是你修好的，让他们自己去后山看。”老人家眯着眼睛，“他们看完回来，什么都没说，把这个留下就走了。”
他扔过来一块玉牌，上面刻着四个字：内门弟子。
苏晚棠从屋里探出头来：“还有这个。”她晃了晃手里的账本，“执事堂说，第九峰以后的份例，一个月三百块。”
林岑愣了半天，才说出一句话：“这个数字，终于对了。”
当天夜里，第九峰的瓦房里第一次点起了三盏灯。云鹤真人喝了半壶酒，苏晚棠对了一夜的账，林岑坐在院子里擦剑，擦着擦着，自己就笑了出来。
PS：第二卷到这里就结束了，明天开始更新番外，感谢大家一路支持！
!（本章完）
~
@blank on
# 番外 苏晚棠的账本
苏晚棠记账，是从十二岁开始的。
那一年她刚上第九峰，师父递给她一个算盘，说：“第九峰穷，得有个人管钱。”
她那时候还不会打算盘，一笔账要算三遍，三遍的结果还都不一样。师父也不催她，只是每天傍晚坐在门槛上，听她噼里啪啦地拨珠子。
后来她算得快了，也算得准了，外门各峰的管事都来找她对账。她从不多收一块灵石，也从不少记一笔。
师父说过一句话，她一直记着：“账可以穷，不能糊涂。”
只有那一行“每年正月，送后山”，她对了十年，一直没有对上。
剑冢的光灭下去的那天夜里，她一个人坐在灯下，把账本翻到最后一页，在那行字的下面，端端正正地添了一行新的小字：
“此账已清。”
!（本章完）
@blank off
~
!-------
!本书由墨香阁（moxiangge8.com）网友上传，仅供试阅，请支持正版。
"""

blocks = []
lines = ["《%s》" % TITLE, "作者：%s" % AUTHOR]
blank = False
for raw in SOURCE.split("\n")[:-1]:
    if raw.startswith("@blank"):
        blank = raw.endswith("on")
        continue
    if raw == "~":
        lines.append("")
        continue
    if raw.startswith("## "):
        blocks.append({"type": "heading", "level": 2, "text": raw[3:]})
        out = raw[3:]
    elif raw.startswith("# "):
        text = raw[2:]
        blocks.append({"type": "heading", "level": 1, "text": text})
        out = "内容简介：" if text == "内容简介" else text
    elif raw.startswith("!"):
        out = raw[1:]
    elif raw.startswith("="):
        blocks.append({"type": "paragraph", "text": raw[1:]})
        out = raw[1:]
    else:
        assert not raw.startswith(("\u3000", " ", "#", "@")), raw
        blocks.append({"type": "paragraph", "text": raw})
        out = IND + raw
    lines.append(out)
    if blank:
        lines.append("")
# no runs of more than two blank lines, no trailing blank lines beyond one line end
text = "\n".join(lines).rstrip("\n") + "\n"
while "\n\n\n\n" in text:
    text = text.replace("\n\n\n\n", "\n\n\n")

paras = [b["text"] for b in blocks if b["type"] == "paragraph"]
idx = lambda s: next(i for i, p in enumerate(paras) if p.startswith(s))

# site junk that must vanish (each entry matches one whole junk line, so a leaked
# line counts once and all of its letters are discounted from `excess`)
MNA = [
    "（本章完）",
    "re:最新章节请到\\s*(?:www\\.moxiangge8\\.com|ｗｗｗ．ｍｏｘｉａｎｇｇｅ８．ｃｏｍ)\\s*阅读",
    "re:天才一秒记住本站地址：moxiangge8\\.com。?\\s*手机版阅读网址：m\\.moxiangge8\\.com",
    "re:一秒记住【墨香阁\\s*www\\.moxiangge8\\.com】，?精彩小说无弹窗免费阅读！?",
    "re:本书由墨香阁（moxiangge8\\.com）网友上传，仅供试阅，请支持正版。?",
    "re:^\\s*-{3,}\\s*$",
    "re:^\u3000",
]

write_case(
    HERE, title=TITLE, title_alt=["《%s》" % TITLE], blocks=blocks, input_text=text,
    encoding="gb18030", language="zh-CN", newline="\r\n",
    joins=[],
    must_not_appear=MNA,
    samples_idx=[idx("别人修仙靠天赋"), idx("“3000灵石。”"), idx("PS：求推荐票！"),
                 idx("第一卷功法只有"), idx("※※※"), idx("第一轮抽签"), idx("韩𫖯连退七步"),
                 idx("箱子里是一卷"), idx("林岑看着她，忽然觉得"), idx("半个月后"),
                 idx("第二天，天还没亮。"), idx("PS：第二卷"), idx("“此账已清。”"),
                 idx("第六名，"), idx("“5000灵石。”")],
    notes=("Pirate/aggregator web-novel TXT, GB18030 with CRLF. Line 1 《问剑九峰》 is the title (the bare "
           "title 问剑九峰 is expected), line 2 '作者：北岭听雪' is metadata and not part of the expected body (an "
           "output that keeps it as one paragraph costs one paragraph of count). '内容简介：' is kept as a "
           "level-1 heading '内容简介' (front matter at the level of the volumes) with its three blurb "
           "paragraphs; an editor might instead drop the blurb or keep the label as a paragraph. Headings: "
           "内容简介, 第一卷 山门, 第二卷 剑冢 and 番外 苏晚棠的账本 at level 1 (the 番外 follows the last volume "
           "and belongs to neither, so it is a sibling of the volumes; level 2 under 第二卷 would be a defensible "
           "reading too); chapters 第1章…第13章 (ASCII digits) and 第十二章　剑冢 (Chinese numerals, full-width "
           "space, same level) at level 2, including the long comma-free title 第6章 "
           "那柄锈剑原来一直在等一个肯拔它的人. Paragraphs: one per line, no hard wraps (so no joins); blank lines "
           "between paragraphs in volume 1 and the 番外, none in volume 2: blank lines carry no structure. "
           "Expected paragraph texts lack the two-U+3000 indent. Site junk that must vanish: '（本章完）' at the end "
           "of every chapter (flush left or indented; treated as a site insertion, not the author's text), the "
           "ad lines (最新章节请到 www.moxiangge8.com 阅读 with and without spaces and with a full-width "
           "domain, 天才一秒记住本站地址…, 一秒记住【墨香阁 …】… right after a chapter heading, and one ad line in "
           "the middle of 第十二章 between two paragraphs), the '-------' rules and the site trailer 本书由墨香阁…. "
           "Author's notes 'PS：…' (three, one of them exactly 'PS：求推荐票！') are the author's words and are KEPT, "
           "each as a paragraph of its own (an editor making a clean reading copy might cut them: three "
           "paragraphs of count). The scene break '　　※※※' is a paragraph '※※※', not a heading (an <hr> "
           "would also be fair; it costs one paragraph of count). Negatives that must stay paragraphs: "
           "第一卷功法只有薄薄十几页… (starts like a volume heading), 第六名，刚好够进剑冢。, 画到第三十六个节点时…, "
           "the flush-left line 第二天，天还没亮。 (indent lost) opening 第13章, one-line dialogues “九声。”… "
           "Encoding: 㛃 (U+36C3, CJK Ext A) and 𫖯 (U+2B5AF, astral) are outside GBK and are four-byte GB18030 "
           "sequences; a GBK decoder will garble them. The Ext-A characters whose GB18030 mapping changed in "
           "2005/2022 (e.g. 䶮) were avoided on purpose. English words bug / OK and the numbers 3000灵石, "
           "5000灵石 stay as written."),
)

if __name__ == "__main__":
    body = "".join(b["text"] for b in blocks)
    print("chars (expected body):", len(body), "paragraphs:", len(paras),
          "headings:", sum(1 for b in blocks if b["type"] == "heading"))
