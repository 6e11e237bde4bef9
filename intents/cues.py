"""Wording that signals an intent, an aspect or an order category.

The order categories' own words are data in the catalogue (knowledge/data/catalog.yaml).

Patterns run on normalised, synonym-expanded text (simplified, no punctuation).
Weights say how strongly a phrase points one way; the strongest wins.
"""
from __future__ import annotations

import re

from core import answer_words, catalog
from core.catalog import Catalog

Q = r"(?:吗|么|没|不|呢|啊|呀|嘛|$)"
# Offices and levels a resident may name when asking where to go ("区里还是市里").
PLACE = (r"(?:区里|区民政|市里|市民政|县里|县民政|省里|街道|乡镇|镇上|镇里|乡里|社区|村里|村委会|居委会|"
         r"民政局|民政|院里|机构|窗口|大厅|派出所|医院|学校|工商|市场监管|规划局|住建|法院|登记处|区|市|县)")

ASPECT_CUES: dict[str, list[tuple[str, float]]] = {
    "materials": [
        (r"材料|资料|证件|证明材料|手续材料", 3),
        (r"(带|准备|拿|提供|提交|交|备|携带)(些)?(啥|什么|哪些|哪样|几样|什么东西|啥东西)", 3),
        (r"(要|需要|得)(带|准备|拿|提供)", 2),
        (r"(啥|什么|哪些)(东西|证|本子)", 1.5),
        # photos to bring: how many, what size or background
        (r"(照片|相片|合影|寸照|证件照|结婚照)(要|得|需要)?(几张|多少张|多大|几寸|什么底|啥底|什么颜色)|几寸|底色|几张(照片|相片|寸照)?", 3),
        # what to fill in: "要填哪些信息"
        (r"(填|写)(哪些|什么|啥|些什么)(信息|内容|资料|表)?|(要|需要|得)填(什么|啥|哪些)", 3),
        # "还要啥", "还要交别的不", "要带照片吗": what else to bring or hand in
        (r"必交|必带|必备|必须(带|交|提供|准备)|必需", 3.5),
        (r"还(要|得|需要)(带|交|准备|提供|拿)?(啥|什么|别的|其他|其它|哪些)|(交|带|准备|提供)(别的|其他|其它)|"
         r"(带|拿|交|准备|提供)(照片|相片|身份证|户口本|证件|复印件|原件|证明)(吗|不|没|$)|(要不要|用不用)(带|交(?!钱|费|多少)|准备)", 3),
    ],
    "conditions": [
        (r"条件|资格|门槛|要求是|够格|符合", 3),
        (r"(能|可以|可不可以|能不能|够不够|算不算|有没有资格|会不会|还能)(直接|先|也|还|再)?(去.{0,6})?(申请|领|享受|办|拿|吃|评|纳入|算|补|报|参加|住|登记|收养|当|入住|离|结|求助|用|认定|注册)", 2.5),
        (r"算.{1,14}吗|中不中|行不行|成不成|可以不|能行吗|够条件|符合.{0,6}吗|(啥样|什么样|哪样)的.{0,6}(能|可以|才)|"
         r"(能|可以)(委托|代办|代查|帮.{0,4}(办|查|申请))|(能|可以).{0,8}(注册|报名|当|参加)(吗|不)", 2.6),
        (r"(谁|哪些人|什么人|啥人|什么样的人|哪种人|哪类人)(可以|能|才能|才可以|有资格|符合)", 3),
        (r"(多少|几)(岁|周岁)|年龄|多大(岁数|年纪)?(可以|能|才)|多大(的)?(岁数|年纪)|(岁数|年纪)(要|得|够)", 2.5),
        (r"(要|需要|用不用|需不需要|必须|得)(去|到)?.{0,5}(备案|审批|批准|登记|注册)" + Q, 2.6),
        (r"开办资金|注册资金|活动资金|会员(数|人数)|多少(个)?会员", 2.5),
        # what premises, staff or funds it takes: "场地得多大", "要几个专职人员"
        (r"(场地|面积|房子|房屋|床位|人员|人手|员工|资金|注册资本)(至少)?(得|要|需要|起码)?(多大|多少|几个|几张|多少平)", 3),
        (r"(有|有没有|能有|有啥)(补贴|补助)" + Q, 1.2),
        (r"能(补贴|补助|减免|报销)" + Q + r"|(给|能)出钱", 2),
        (r"(有没有份|能不能享受|符不符合)", 2.5),
        # whether one counts as the item's people: "这样算不算特困", "属不属于低收入"
        (r"算不算|属不属于|够不够(得上|格|条件)?|够得上(吗|不)|算得上(吗|不)", 2.6),
        # two benefits together, who must come in person, priority, when it is allowed
        (r"(同时|一起|一块|两个都|都能)(领|享受|拿|申请|办)|(本人|亲自|双方|两个人|俩人).{0,4}(去|到场|到|来)(吗|不|没|$)|"
         r"(能|可以|会)优先|优先(吗|不|没|$)|什么情况(下)?(才|能|可以)|(能|可以)(异地|在外地|在这边|在本地)", 3),
        # a threshold to reach ("要满多少小时"), and what kind counts ("什么样的X算Y")
        (r"满(多少|几)|(什么样|啥样|哪样|哪种|哪类)的.{0,6}(算|才算|属于|叫)", 3.2),
        # what counts: "是按身份证上的生日算吗"
        (r"(按|以|从).{1,12}算(吗|不|的吗|呢)", 2.6),
    ],
    "process": [
        (r"(怎么|咋|咋个|怎么个|如何|怎样|怎么样才能|咋样)(去)?(办|弄|申请|办理|搞|整|认定|登记|补|查|开|排队|操作|走|备案|报名|领|申领|入住|住进|评|注册|成立|加入|申报|收养|离|结|处理|参加)", 3),
        (r"流程|步骤|程序|怎么个办法", 3),
        # visits: "还要再去一趟吗"
        (r"(还要|还得|要|得|需要|用不用)(再)?(去|跑|来)(一|几|两|多少)(次|趟|回)", 3.3),
        (r"手续", 2.5),
        # steps and their order: "哪几步", "从哪一步", "先核名还是先交材料", online or on site, booking
        # which comes first is a question of steps, even between offices ("先去工商还是先去民政");
        # one 先 alone weighs less than an office named against another ("先找村里还是直接去民政局")
        (r"先.{1,10}还是先", 3.5),
        (r"先.{1,10}还是", 3.0),
        # who files it: how it is done
        (r"还是(由)?(自己|本人|个人)(去|来)?|(报上去|统一报|代报|代为申请)还是", 3.3),
        (r"哪几步|几个步骤|几步|哪些环节|什么环节|环节|从哪一步|下一步|头一步|"
         r"(网上|线上).{0,3}还是.{0,3}(现场|线下|窗口|去)|(需要|用不用|需不需要|必须|要不要|得)(提前|先)?预约|(要|得)(提前|先)预约|"
         r"(怎么|咋|如何|在哪|哪里|能不能|可不可以|能|可以)(在.{0,4})?(网上|线上|手机上)?预约|预约(吗|不|没|么)", 3.2),
        (r"怎么办|咋办|咋整|咋弄|怎么搞", 2.5),
        (r"(找谁办|先去哪|第一步)", 1.5),
    ],
    "time_limit": [
        (r"多久|多长时间|多少天|多少个工作日|几个工作日|时限|期限|多少时间|(要|得|需要)几(天|个月)|几(天|个月)(能|就|可以|才)", 3),
        (r"几天|几个月", 1.5),
        (r"(什么|啥)时候|何时|哪天|几月|哪个月|月份|几号", 3.2),
        (r"当天|当场|马上|立刻|立即|现场(就)?(能|可以)?(拿|领|办)", 3.1),
        (r"冷静期", 2),
        (r"(要|得)等|等多久|快不快|多快", 2),
        (r"截止|最晚", 2),
    ],
    "location": [
        (r"(去|到|在|上)(哪|哪里|哪儿|哪个地方|什么地方|啥地方|哪个窗口)", 3),
        (r"哪里办|在哪办|哪办|在哪|地址|地点|窗口|大厅|办事处在", 3),
        (r"(去|到|在)(社区|街道|村里|居委会|民政局|乡镇|镇上|区里).{0,6}(办|申请|登记|交)|还是.{1,6}(办|申请)$", 2.8),
        (r"几点|(上班|下班|办公|工作(?!人员|者)|开门)(时间)?|周末|星期天|星期六|节假日", 2.5),
        (r"(网上|线上|手机上|微信上)(能|可以)?(办|申请)", 2.5),
        # an office or level named against another: "是到区里还是市里", "街道报名还是去院里"
        (PLACE + r".{0,8}还是.{0,5}" + PLACE + r"|(哪|哪个|哪一)(级|层级)|"
         r"(哪里|哪儿|哪)(领|拿|取|交|递|报|开|打印|下载)|(交|递|送|报)(到|给)(哪|哪里|哪儿|哪个)", 3.2),
    ],
    "fee": [
        (r"(要|收|花|交|付|掏|需要)(不要)?(钱|费)" + Q, 3),
        (r"收费|费用|工本费|免费|要钱|花钱|多少费", 3),
        # whether money is paid, asked mid-sentence: "要不要交钱 有人说…"
        (r"(要不要|用不用|需不需要|收不收|交不交)(交|花|给|付|掏|收)?(钱|费)", 3),
        # a charge named: "收手续费吗", "要交服务费不"
        (r"手续费|服务费|管理费|押金", 3.3),
        (r"(交|花|付|掏|收)多少(钱)?", 3),
        # "收费不", "缴费吗", "自己要出钱不"
        (r"(收|缴|交|付)费(吗|不|没|$)|缴费|(自己|个人|本人|我们)(要|得|需要)?(出|掏|花|付)(钱|费|多少)", 3),
    ],
    "contact": [
        # "电话138…" gives a number, it does not ask for one.
        (r"(电话|号码)(?!(是|为)?[0-9幺零〇洞一二两三四五六七八九]{7})|热线|联系方式|怎么联系|联系谁|联系哪|哪个科室|哪个科|科室|归.{0,8}管", 3.3),
        # "想咨询一下…" opens a question politely; only where to ask is a contact question.
        (r"找谁|问谁|找哪个部门|哪个部门|哪个单位|谁负责|谁管|归谁管|打给谁|咨询(电话|热线|哪|谁|方式)|(去|到|找|跟)(哪|谁).{0,3}咨询", 2.6),
        # a person to ask: "有专人咨询吗", "找哪位老师"
        (r"专人|(哪位|哪个)(老师|同志|工作人员|领导|负责人)|(找|问)(个)?(人|老师)(问问|咨询|了解)", 3),
    ],
    "standard": [
        (r"(拿|领|发|给|补|补贴|补助|能有|有|到手|享受|减|减免|报)(到|个)?(多少(?!岁|周岁)|几百|几千|多少钱)", 3),
        (r"全免|全额|免多少|减多少|减免多少|一样多|(给|发|补|领)的?(钱)?(一样|不一样|相同)|(补贴|补助|津贴)标准", 3.2),
        (r"(一个月|每月|每个月|一年|每年|每人|一人|一次)(能|可以)?(拿|领|发|补|给)?(多少|几百)", 3),
        (r"标准是多少|标准多少|多少标准|补助标准|补贴标准|发放标准|保障标准|金额|钱数|(发|领|拿|给)(几个|多少)钱|(金|费|津贴|补贴|补助)(是|有)多少", 3),
        (r"多少钱", 1.5),
        # the amount asked before its period: "多少钱一个月", "多少一年"
        (r"多少(钱)?(一|每)(个)?(月|年|季度)", 3),
        # amounts compared: "九十的是不是比八十的多点", "比去年涨了没"
        (r"比.{1,10}(多|少|高|低)(点|些|一点|不少|多少)?(儿)?(吗|不|呢|$)|比.{1,10}(多|少)(点|些|一点)|(涨|加|提高)(了)?(没|吗|多少)", 3),
        # the line a benefit is measured by, and hours or visits given
        (r"收入线|标准线|保障线|认定线|(几|多少)倍|(享受|给|提供|补|派|能有|有)(多少|几)(个)?(小时|钟头|次|回)", 3.2),
        (r"标准", 1),
    ],
    "legal_basis": [
        (r"依据|法律|法规|条例|哪个文件|什么文件|政策文件|哪条规定|什么规定|法条|根据(什么|啥)|凭什么|(啥|什么)规定|有文件", 3),
        # when or by which document it was issued, and where to read it
        # ("什么时候发" is when the money comes: only the issuing verbs count after it)
        (r"(哪年|哪一年)(出|发|定|颁布|出台|发布|实施|施行|开始实行)|(什么时候|啥时候)(颁布|出台|发布|实施|施行|开始实行)|"
         r"(哪个|什么|啥)(意见|通知|办法|条例|文件|规定|法)(定|规定|出|发|来)|按(照)?.{0,8}(意见|通知|条例|文件|办法|规定)来", 3.5),
        # where to read the document: a question of its text, not of an office
        (r"(条例|法规|文件|原文|规定|法律|法条|办法)(在|去)?(哪|哪里|哪儿)(能|可以)?(看|查|找|下载)", 4.0),
    ],
    "overview": [
        (r"是什么|什么是|是啥|啥是|啥叫|什么叫|指什么|介绍|了解一下|是干什么的|干啥的|(是)?(办|管|干|做)(些)?(什么|啥)(事)?的", 2.4),
        (r"(有|有没有|有哪些|有什么|有啥)(保障|救助|帮助|补贴|政策|服务|福利|待遇)", 2.2),
        (r"哪(两|几)项|包括哪些|包括什么|有哪几种|哪几类|分哪几", 2.4),
        (r"叫什么|有没有", 1.2),
        # what one gets, not whether: "能享受些啥", "有啥补助不", "国家管不管"
        (r"(能|可以)?享受(些|哪些|什么|啥)|(有|能有)(啥|什么|哪些)(待遇|好处|补助|补贴|帮助)|管不管|怎么回事|咋回事", 3.2),
        (r"有(没有)?(减免|优惠)|有啥用|有什么用|有什么好处|干啥的|要干啥|干什么的|(提供|有)(哪些|什么|啥)(帮助|服务|保障|救助|福利)", 3.1),
    ],
}

# Phrases that carry the request itself; checked before anything else.
HUMAN = re.compile(r"转人工|转(个|一下)人工|找个.{0,4}(人工|真人|工作人员)|人工(客服|服务|坐席)?$|^人工|找(个)?(真人|人工|工作人员|客服|领导)|"
                   r"真人|投诉|举报|我要(找|跟)(人|你们领导)|人工服务|客服在吗|有没有人工|转人$|叫(个)?人来(?!.{0,2}(把|给|帮|家|上门|扫|修|洗|做|收拾|拾掇|打扫|送|陪|剪|理))|"
                   r"跟人说|太慢了|不满意你们|什么破|机器人|听不懂|(找|叫|喊|让)(你们)?(领导|负责人|主任)|(接|听)电话|工作人员.{0,6}(回|联系|打(?!扰))|"
                   r"回个电话|给我回电话|找个人(说|聊|问)|人来(回|处理)|活人|(跟|和)工作人员|反映(问题|情况)|老是迟到|态度(太|很|特别|真|非常|极)?(差|不好|恶劣|坏)|(得|要|想|我要)反映(反映|一下)?")
# Words around a request for a person that say nothing of the matter itself ("麻烦快点找个客服").
# Complaint words: about another department's matter they are a referral, not a complaint here.
COMPLAINT = re.compile(r"投诉|举报|反映(问题|情况)")
HANDOFF_FILLER = re.compile(r"客服|人工|工作人员|真人|活人|坐席|服务|帮忙|帮帮|帮我|快点|快|急|尽快|马上|赶紧|一下|请|麻烦|"
                            r"谢谢|好吗|可以吗|行吗|在不在|在吗|有人吗|我要|我想|想要|要|找|和|跟|你们|给我|转|接|等")
# 政策找人: asking what one may be entitled to without naming an item.
FIND_BENEFITS = re.compile(
    r"政策找人|(我|俺|咱|我们|我家|俺家|咱家|我们家)(家)?.{0,4}(能|可以|能够|可能)(享受|领|拿|申请|办|得到)(到)?(哪些|什么|啥|哪几样|哪几项|哪几个)(政策|补贴|补助|福利|待遇|救助|钱)|"
    r"(我|我家|俺家|我们家|咱家).{0,4}(符合|适合|够)(哪些|什么|啥)(政策|补贴|补助|条件)|"
    r"(哪些|什么|啥)(政策|补贴|补助|福利)(适合|能给|轮得到)(我|我家|俺)|帮(我|俺)(看看|查查|测测|算算).{0,6}(能|可以)(享受|领|拿)")
CANCEL = re.compile(r"^(我|俺|那|那我)?(算了|取消|不办了|不要了|不用了|退出|不弄了|别办了|撤销|撤回|停止|"
                    r"不想办了|先不办了|我不办了|不申请了|放弃|结束|不填了|重新开始|不想(填|办|弄|申请|约|要|点|预约|报名|订|排队|登记)了|"
                    r"(终止|中止|停止|不再)(填写|填|办理|申请|预约)|停$)")
CANCEL_TAIL = re.compile(r"(算了|不办了|不要了|不用了|不弄了|不申请了|不填了)(吧|啊|哈)?$|回头再说|以后再说|改天再说|先不(办|申请|弄|填|约)|"
                         # stop asking; an order or booking called off ("送饭的不用来了", "单子不要了 帮我取消掉")
                         r"别(再)?(往下)?问了(吧|啊)?$|(不用|不要|别)(再)?(来|送|派人)了(吧|啊)?$|"
                         r"^(师傅|阿姨|社工|志愿者|你们|人)(就)?(不用|不要|别)(再)?(来|上门|过来|送)了|"
                         r"(单子|订单|预约|那单|这单|那个单|申请)(不要了|不用了|不办了|撤了|撤掉|撤销|取消掉?)(吧|啊)?$|"
                         r"(帮我|给我|请|麻烦)(把.{0,10})?(取消|撤销|撤回|撤)(掉|了)?(吧)?$")
# An acknowledgement after an answer: the shared yes words (要得, 中嘞, 得嘞…) and ways of
# saying "understood" (晓得了, 懂了, 清楚了) are greeting words, so "要得，谢谢" is thanks.
ACK_WORDS = tuple(sorted(set(answer_words.YES) | {"晓得", "晓得了", "懂了", "了解", "了解了", "清楚了", "明白", "知道",
                                                  "收到", "知道了", "明白了", "好滴", "好勒", "冇问题", "无问题", "晓得啦"},
                         key=len, reverse=True))
GREETING_WORDS = re.compile(
    "|".join(re.escape(w) for w in ACK_WORDS) + "|"
    # what the bot can do, before its words (你们, 帮) are taken one by one
    r"(你|你们|这个|这)(都)?(能|会|可以)(帮我|帮俺|帮)?(干|做|办)(点|些)?(什么|啥|哪些事)|"
    r"你好|您好|嗨|哈喽|hello|hi|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早安|晚安|"
    r"(太|真是|真|非常|十分|特别|万分|实在|真心)*(谢谢|感谢|多谢|感激|谢啦|谢了)(你们|您们|大家)?|帮(了)?(我)?大忙(了)?|你们|您们|辛苦了|再见|拜拜|bye|(返回|回到|回)?(主)?菜单|帮助|help|功能|各位|大家|"
    r"你(能|会)(干|做)(什么|啥)|(你|这个)(能|可以)(帮我)?(干|做|办)(什么|啥|哪些事)|怎么用|使用说明|"
    r"你是谁|好的|好|嗯|ok|知道了|明白了|收到|行|可以|没问题|确认|确定|有(什么|啥|哪些)功能|"
    r"(都)?能干(些)?(什么|啥)|会干(些)?(什么|啥)|麻烦(你)?|问(一)?下|请问|打扰了|我想问问|想咨询一下|咨询一下|"
    r"小助手|助手|民政通|工作人员|客服|老师|同志|师傅|闺女|姑娘|小伙子|小伙|大姐|大哥|领导|小妹|你|您|啊|呀|哦|哈|了|吧|的|呢|嘛|喂")
STATUS = re.compile(
    r"进度|到哪(一)?步|哪一步了|(审核|审批|办理|申请|预约|订单)(的)?(结果|状态|情况)|"
    r"(批|办|审)(下来|好|完)?了(没|吗|没有)|(批|办|审)下来没|怎么样了|有(结果|消息|回音|信儿|信|音信|动静|准信)了?(没|吗)|"
    r"(我|俺)(的|家的|提交的|申请的|预约的|下的|点的)(申请|订单|预约|单子|业务)|"
    r"查(一下|一查|查)?(我的)?(申请|订单|预约|单子|办理情况)|还没(批|办|审|消息|到账|人来)|"
    r"受理了(没|吗)|(预约|申请|报名|登记)(成功|通过)了?(没|吗|没有)|(约|预约|排|订)上了(吗|没|没有)|(批|审|办|通过|受理)没(批|审|办|通过|受理)|"
    r"还有没有人(来|上门)|(还|到底)(来不来|来没来)|到哪(儿)?了|派单了|派(了|出去)(吗|没)|派(人|了人)了?(没|吗|没有)|(点|下|订|约)的.{0,6}(派人|来人|有人)|(提交|申请|报上去|交上去).{0,8}(啥情况|什么情况|怎么样了|有消息)|现在(啥|什么)情况|有人接(了|单)|接单了(吗|没)|审核到哪|通过了(没|吗|没有)|派出去了|(订单|单子).{0,6}(状态|进度|派|到哪|怎么样)|"
    r"(我|俺)(的|申请的|预约的|报的|点的|下的|那个|提交的).{0,12}(几号|哪天|什么时候来|通过|审核|批了|状态)|"
    r"(报|点|下|约|订)的.{0,8}(啥时候|什么时候|咋还|怎么还|还没)|咋还没|(师傅|阿姨|社工|志愿者|服务人员)(什么时候|啥时候|几点|哪天)(能)?(来|到|上门)|怎么还没(人)?(来|接|派|批|到)|还没人接单|"
    # A volunteer's own hours: a record to look up, not the certificate guide.
    r"(我|俺)(的|现在的|目前的)?(志愿|服务|志愿服务)?(时长|时间|工时)(有|是|够|多少|攒|累计|查|$)|"
    r"(我|俺)(做|干|服务|攒)了多少(个)?(小时|钟头|时长)|(查|看)(一下|一查|看)?(我|俺)的(志愿|服务)(服务)?(时长|小时)")
# No progress complained of ("交上去好几天了一点动静没有", "报了半个月没人理"): a status
# question, unless an item's aspect is asked beside it ("…都没消息，一般要多久").
STALLED = re.compile(r"(提交|申请|报上去|交上去|递上去|报了|交了|递了|约了|点了|下了单).{0,10}"
                     r"(没(有)?(个)?(动静|消息|回音|下文|反应|人理|人管|信儿)|石沉大海|杳无音信)|"
                     r"(动静|消息|回音|下文|反应)(都|也)(没|没有)")
# Records of ours whose progress a resident asks after.
OUR_RECORDS = re.compile(r"申请|订单|预约|单子|点的|下的|约的|报的|师傅|阿姨|社工|志愿者|派")
RATE = re.compile(r"评(个)?单|(打|给)(个)?(差评|好评)|五星|[一二三四五1-5]颗?星|打.{0,2}[一二三四五1-5]分|评价|评个价|评单|打分|评分|打个分|好评|差评|满意度|给.{0,8}(打|评).{0,2}分|"
                  r"(我|来|想|要)(来)?评(一)?下(吧|啊|呗)?$|评(一)?下(这次|上次|昨天|刚才|今天)?的?(服务|师傅|阿姨|社工|志愿者|保洁|送餐|理发|维修)|"
                  r"评个(好|价|分)|给(他|她|师傅|阿姨|社工|志愿者|人家).{0,3}评个|"
                  r"(服务|师傅|阿姨|社工).{0,6}(很好|不错|太差|不好|满意|不满意)|点赞|几颗星|星级")
# A rating given in so many words ("打个差评"): a rating, even beside a complaint about the
# service, unless a person or a complaint is asked for too.
RATE_NAMED = re.compile(r"差评|好评|[一二三四五1-5]颗?星|打.{0,2}[一二三四五1-5]分|评(个)?(单|价|分)")
PERSON_ASKED = re.compile(r"转人工|人工|投诉|举报|领导|真人|工作人员")
VOLUNTEER = re.compile(r"志愿者|义工|志愿服务|做志愿|当志愿|青年志愿")
VOLUNTEER_JOIN = re.compile(r"(当|做|成为|报名|注册|加入|参加|参与|登记|想去|申请|入)(个|一名|名)?"
                            r"(志愿者|义工|志愿服务|志愿)|(志愿者|义工)(注册|报名|招募)|"
                            r"(怎么|咋|如何|想|要)(去)?(当|做|成为|报名|报个名|加入|参加)|当个|当名|做个")
CERTIFICATE = re.compile(r"证明|时长|记录")
APPLY = re.compile(
    r"(我|俺|咱|我们|俺们|就|现在)(就|也|还|都)?(想要|想|要|打算|准备|需要)(给.{1,6}|在?(在线|线上|网上)|在?(这上面|这里|这儿|这边)|现在|马上|今天|直接|就){0,3}"
    r"(申请|办理|办|预约|申领|领取|开|登记|报名|排队|弄|约|做|搞|报(?!销|警|案|价|纸|道|表|了))|"
    r"^(想要|想|要|打算|准备)(给.{1,6})?(在线|线上|网上)?(申请|办理|办|预约|申领|领取|开|登记|报名|约)|"
    r"^(申请|预约|办理|在线申请|预申请|申领|约)|(申请|办理|预约|办)一下|帮.{0,4}(申请|办|预约|登记|排队|报名|报一下|报个|开一个|开个|开一份)|"
    r"(我|俺).{0,4}(申请|预约)(个|一下)?$|(给|帮|替|为).{1,8}(申请|办了|办理|预约|约|排个|报个|报一个|报一下|报上|出一份|开个|开一个|开一份|开张|登记排队)|"
    r"申请(出具|开具|补办|补领)|(想要|想|打算|准备)(给|替|为|帮)[^哪啥么吗呢怎咋几谁]{1,16}?(申请|办|弄|报)|帮(我|俺)(家|们)?(弄|办|搞|整)(个|一个|一下|份|一份)|"
    r"帮(我|俺|我们|俺们)?(约|挂)(个|一个)|约(个|一个).{0,6}的号|"
    r"(预约|申请)(一下|一个)?$|预约(在)?(下周|下星期|明天|后天|本周|这周|周[一二三四五六日]|星期|\d+月|\d+号).{0,6}$|约个时间|约个号|约一下|排个号|(现在|马上|今天)就?(给.{1,4})?(申请|办)|帮(俺|我)弄|"
    r"(出|开)(一份|个|一张)|(想要|想|打算|准备)(给.{1,6})?(在线|线上)?(申请|办理|预约|申领)|把.{1,10}办(了|一下)")
INTERROGATIVE = re.compile(r"^(怎么|咋|如何|能不能|可不可以|是不是)|是不是.{0,12}才(能|可以)|只有.{0,14}才(能|可以)|(谁|哪些人|什么人|啥人|哪种人|哪类人)(能|可以|才能|才可以|有资格)?(申请|办|领)|哪(里|儿)?能(申请|办|领)|怎么申请|如何申请|怎么办理|是什么|有什么|多少|"
                           # how to book or apply, and asking rather than requesting ("想问…能不能申请")
                           r"(怎么|咋|如何|怎样)(在.{0,4})?(网上|线上|手机上)?(预约|申请|办|报名|约|弄)|想问|问一下|请问")
# "在这上面就能申请吗", "现在能在线上办吗": after a request, whether it can be done here and now
# is the request itself, not a question about conditions.
APPLY_HERE = re.compile(r"(在这|这上面|这里|这儿|这边|线上|网上|手机上|微信上|在线|现在|直接|马上)(就|也)?(能|可以)(直接|马上|也)?(在)?"
                        r"(线上|网上|手机上)?(申请|办|报|弄|提交|预约|约)(吗|不|么|吧)?$|"
                        # asking leave for the request ("…弄那个补助，中不中"), not about a situation
                        r"(?<!情况)(?<!这样)(?<!条件)(?<!这种)(?<!资格)(中不中|行不行|成不成|可以吗|可以不|好不好|行吗|好吗|中吗)$")
# "不是问标准，我是要…": what is not asked, dropped before the request is read.
NOT_ASKING = re.compile(r"(我)?不是(想)?(问|咨询|了解)[^是]{1,8}?(的)?(我)?(而是|就是|是)")
# Another office's matter put aside before the question ("…我问过了，现在想问…",
# "…回头去人社局问，先问下…").
SET_ASIDE = re.compile(r"问过了|问过|问好了|问清楚了|(回头|改天|以后|过两天)(我)?(自己)?(再)?(去)?.{0,6}?问|"
                       r"我自己去问|先不(说|管|问)|另说|(那边|那个)(已经)?(办好|办完|弄好|解决)了")
# A plain want with no question ("我要成立一个商会", "想备个案"): how it is done.
PLAIN_WANT = re.compile(r"(要|想|打算|准备|需要)")
# A clause that says it is the question ("想问下要准备哪些材料"), and one that tells what was
# heard ("听说…可以优先"): for the main question of a message of several clauses.
QUESTION_MARKER = re.compile(r"想问|请问|问(一)?下|问问|我想知道|想了解|想咨询|(我|俺)(就)?(是)?问")
HEARSAY = re.compile(r"(听说|据说|听人说|听别人说|有人说|人家说|别人说|邻居说|他们说|那边说|他说|她说|朋友说|说是)")
# A clause saying what is not asked ("我问的不是X咋办"): no question of its own.
NOT_ASKED_CLAUSE = re.compile(r"(问|说|要|找)的(也)?不是|不是(问|说|要|想问)|不问")
# Filler around an aspect cue: "那要带什么" is a bare follow-up, not a new topic.
FRAGMENT_FILLER = re.compile(r"那么|那|要|需要|得|还|都|啊|呀|呢|吗|嘛|的|去|请问|问一下|我|你们|这个|那个|一般|大概|是|就|可以|能|呗")
FOLLOW_UP_WORDS = re.compile(r"^(那么|那|还有|然后|另外|再问一下)|(的呢|呢|怎么样)$")
VOLUNTEER_WANT = re.compile(r"(想|要|愿意|打算|准备)(去)?(当|做|成为|报名|报个名|注册|加入|参加|申请|入)(个|一名|名)?(参加|加入)?.{0,4}(志愿者|义工|志愿)|"
                            r"帮(我|俺)(注册|报名|登记)|我要(报名|注册)")
REGISTER_STEPS = re.compile(r"流程|步骤|程序|手续|第一步|哪几步|几步|环节|(志愿者|义工|志愿服务)(注册|登记)?(要)?(怎么|咋|如何|怎样)(注册|登记)")
FOLLOW_UP = re.compile(r"^(那|那么|还有|然后|另外|再问一下)|呢$|的呢|怎么样$")
EXISTS = re.compile(r"^(社区|街道|咱们|你们|这边)?(有没有|有无|是否有)|是什么|怎么收费|收费吗")
ORDER_ANY = re.compile(r"^(我要|我想)?(点单|下单|点个单|下个单|订服务|预约服务|上门服务)$|我要点单|居民点单")
ORDER_REQUEST = re.compile(
    r"派(个)?人|派.{0,3}(阿姨|师傅|社工|志愿者)|上门|找(个)?人|约(个|一个|位)?人|请(个)?人|叫(个)?人|来(个)?人|有人(来|帮|陪|给|在旁边)|"
    # someone sought in dialect: Wu 寻个人, Cantonese 搵人, company for 伊/佢
    r"(寻|搵|揾)(个|一个)?人|陪(伊|佢)|"
    # "想让人每天送顿饭来", "下个助急的单", "约个懂法律的": someone wanted, an order placed
    r"^(帮忙|麻烦)?(代购|代买|代办|代领|代取|代缴|跑腿)|(想|要|能|能不能|可以|可不可以)让(个)?人|(下|点)(个|一个|一张)?.{0,6}的?单|约(个|一个|位)|点(个|一个|一份|份|次)|"
    r"帮(我|忙|俺|老人|一下|着)|想要|想订|订(个|一份|份|餐)|要个|能不能(派|找|来|帮|安排|给)|"
    r"安排|点单|下单|坏了|修不了|不方便|不便|没人(管|照顾|陪|做|看|接)|一个人在家|自己(做|弄|修|洗)不了|"
    r"需要(有人|人|帮|一个|个|陪)|麻烦|求助|谁能|可以(派|来|帮)|陪(我|他|她|老人|俺)|"
    r"给.{0,6}(送|买|理|剪|洗|修|看看|辅导|推|助浴|助洁|助餐)|订|来家里|到家|上楼|快来|来人|找个|请个|想找|能.{0,4}(来|送|陪|推|帮|给)|"
    r"(有人|谁)能|有没有.{0,4}上门|犯病|不省人事|没人应|没人管|安排(个|一个)?人|派个|来(不|吗)$|不会修|出不了门|"
    # someone wanted ("想有人推着出去"), a service asked after ("有没有托管的")
    r"(想|要|需要|希望)(有|找|请)(个)?人|有人(推|照看|看着|陪着|来看)|有没有.{0,6}(托管|看孩子|辅导|送饭|送餐|理发|陪诊|陪着)的?|"
    r"下不了楼|走不动|借(个|一个|辆|一辆)?(轮椅|拐杖|助行器)|帮.{0,6}(代|配|买|洗|修|送|剪|理)|"
    # something broken asks for a repair; "想理个发" wants the service
    r"堵了|堵住了|漏水|漏了|不亮了|不出水|跳闸|没电了|打不着火|想(要)?(理|剪|洗|修|送|买|打扫|请人|找人)|"
    # an address or a phone number is given to be served, not to ask
    r"1[3-9]\d{9}|\d+(栋|幢|单元|号楼|室)|"
    # a service named as wanted: "我要预约助浴", "我需要法律援助"
    r"(预约|约|订|要|想要|需要|叫)(个|一个|一次|下)?(上门)?(助浴|助餐|助洁|助医|助行|理发|剪头|送餐|陪诊|维修|保洁|家政|"
    r"法律援助|法律咨询|托管|代购|跑腿)")
# Booking a kind of home help named by its name ("助浴服务预约一下", "帮约个陪诊"): an order.
BOOK_SERVICE = re.compile(r"预约|约(个|一个|一下|一次|下|上)|订(个|一个|一次|一下)|安排(个|一个|一次|一下|下)|叫(个|一个)")
# When and where a kind of help named is wanted ("陪诊 下周三 去中医院"): the order's details.
ORDER_WHEN_WHERE = re.compile(r"今天|明天|明儿|后天|下周|下星期|下礼拜|这周|周[一二三四五六日天末]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|"
                              r"上午|下午|中午|晚上|早上|\d+点|去.{1,8}(医院|银行|超市|诊所|卫生院)|家在|住在|地址")
# Asking for an item by its name with 申请/办理 ("我要申请居家养老服务"): an application, even
# with needs at home told beside it.
APPLY_WORD = re.compile(r"申请|办理")
# Words around a kind of help named alone ("陪诊", "我要助浴服务"): the name is the order.
BARE_ORDER_FILLER = re.compile(r"^(我|俺)?(要|想|想要|需要|预约|约|订|点|叫|来){0,2}(个|一个|一次|下)?(上门)?|(服务|上门|预约|一下|吧|啊)+$")
# A marriage certificate lost or damaged ("结婚证搬家弄丢了", "离婚证找不着了"): its replacement.
# A person's age of 80 and more stated in figures ("我妈85了", "老人九十多岁", "88周岁的奶奶"):
# the resident's life word for 高龄, read as that word after the age (the 高龄津贴 keyword).
STATED_HIGH_AGE = re.compile(r"(?:(?:老人|老妈|老爸|我妈|我爸|俺娘|俺爹|母亲|父亲|奶奶|爷爷|外婆|外公|姥姥|姥爷|老伴|"
                             r"婆婆|公公|老母亲|老父亲|老头|老太|老爷子|老太太)[^\d高]{0,3}"
                             r"(?<!\d)(?:[89]\d|1[01]\d)(?!\d)(?:多|来)?(?:周岁|岁|了)|"
                             r"(?<!\d)(?:[89]\d|1[01]\d)(?!\d)(?:多|来)?(?:周岁|岁))(?!.{0,8}高龄)")
LOST_CERTIFICATE = re.compile(r"(结婚|离婚)(证|证书).{0,6}?(丢|掉了|没了|找不(到|着|见)|遗失|坏了|烂了|破了|泡了|泡坏|补)")
# Someone wanted at home, whatever the help: an order whose category is asked next.
ORDER_SOMEONE = re.compile(r"派(个|一个)?人|请(个|一个)?人(来|上门|到家)|找(个|一个)?人(来|上门|到家)|来(个|一个)人|上门|来家里|到家里来")
# Help asked for, by someone or as an errand ("帮我代缴电费", "找人陪我去"), not a thing broken alone.
HELP_WANTED = re.compile(r"帮|找(个|一个)?人|请(个|一个)?人|派|上门|来(个|一个)?人|来家|到家|代(办|缴|购|买|配|跑)|陪")
# A request that opens the message with its verb alone ("申请X还要…吗"), no one wanting it.
BARE_REQUEST = re.compile(r"(申请|办理|申领|在线申请)")
# A message ending as a question does ("…吗", "…不", "…没有").
QUESTION_END = re.compile(r"(吗|么|嘛|不|没|没有|呢)$")
# Words that make a message ask something (a plain request asks nothing).
# (几 after a group, "我们几个", "楼里几个老师", counts people, and asks nothing.)
ASKING = re.compile(r"吗|呢|么|怎么|怎样|如何|什么|啥|哪|多少|多久|(?<![们里])几|能不能|可不可以|是不是|有没有|行不行|是否|咋|中不中|"
                    r"要不要|用不用|需不需要|能否|可否")
NOT_ORDERING = re.compile(r"申请|办理|了解|咨询|介绍|问问|打听")
ORDER_DETAILS = re.compile(r"1[3-9]\d{9}|\d+(栋|幢|单元|号楼|室|号)")


def order_category_cues(cat: Catalog) -> dict[str, list[tuple[str, float]]]:
    """Each order category's words, as its catalogue entry gives them (core.catalog)."""
    return {code: list(category.cues) for code, category in cat.order_categories.items()}


ORDER_CATEGORIES = order_category_cues(catalog.current())
# "有补助吗", "有啥补贴没": asking whether help money exists, which is never an order.
BENEFIT_QUESTION = re.compile(
    r"(有|能领|能拿|能享受|能申请|可以领|可以申请|给不给|发不发|管不管)(什么|啥|哪些|没有|没)?"
    r"(补贴|补助|津贴|救助|政策|待遇|福利|钱)|(补贴|补助|津贴|救助|政策|待遇|福利)(吗|么|没|不|呢|$)|"
    r"国家(管不管|管吗|有没有|有啥|有什么)")
# Who a question is about, as the catalogue's item categories: "老人有什么补贴"
# names no item but narrows the answer to a handful to choose from.
POPULATIONS: dict[str, re.Pattern] = {
    "elderly": re.compile(r"老人|老年人|老头|老太|老伴|爷爷|奶奶|外公|外婆|姥姥|姥爷|高龄|上了年纪|岁数大|"
                          r"八十|九十|[89]\d岁|老爷子|老母亲|老父亲|爹妈.{0,4}老"),
    "children": re.compile(r"孩子|小孩|儿童|娃|未成年|孙子|孙女|侄子|侄女|外甥"),
    "disability": re.compile(r"残疾|残障|瘫痪|瘫在床|盲人|聋哑|智障|智力障碍|精神病"),
    "assistance": re.compile(r"困难|没钱|揭不开锅|穷|生活不下去|吃不上饭|过不下去|没收入|看病花|治病花|"
                             r"负担不起|交不起|付不起|供不起|(没|没了|没有|断了)(经济)?(收入|来源)"),
}
# 民政 named as one of the offices a question weighs ("先去工商登记还是先去民政备案"):
# the question is about our item, whatever other department is named beside it.
OURS_AGAINST = re.compile(r"民政.{0,10}还是|还是.{0,4}(去|到|找|在)?民政")
# Two benefits asked about together ("退休金和X能同时领吗"): the question is our item's conditions.
BOTH_TOGETHER = re.compile(r"(同时|一起|一块|两个都|都能|兼)(领|享受|拿|申请|办)|(冲突|影响)(吗|不|没)")
# Our item weighed against another office's ("X和养老金是一回事吗", "跟社保的有啥区别"): what our
# item is, ours to say.
SAME_OR_NOT = re.compile(r"(是)?一回事|(是)?一码事|(有|有啥|有什么|什么|啥)(区别|不同|两样)|(一样|相同)(吗|不|么|没)|"
                         r"不是一个东西|是不是一个|是一样的")
# A subsidy's standard asked by name: the standard, even for an item whose guide gives only fees.
SUBSIDY_STANDARD = re.compile(r"(补贴|补助|津贴|救助金|生活费)(的)?(标准|多少|金额)")
# Everyday topics that are nobody's business at the bureau.
CHITCHAT = re.compile(r"天气|下雨|气温|降温|升温|刮风|下雪|雾霾|冷不冷|热不热|笑话|唱歌|讲个故事|餐馆|饭店|好吃|电影|股票|彩票|"
                      r"几点了|今天星期几|你多大|你几岁|你今年多大|你叫(什么|啥)(名字)?$|你结婚了|你吃饭了|你住(在)?哪|你是男是女|足球|篮球|游戏|八卦|明星|快递|外卖|今天几号|几号了|高铁|火车票|机票|一斤|菜价|日出|日落|电视剧|推荐(一|个|点|几)|宠物|猫|狗|彩礼")


def compile_table(table: dict[str, list[tuple[str, float]]]) -> dict[str, list[tuple[re.Pattern, float]]]:
    """Each key's patterns compiled, strongest first (best() stops at the first that matches)."""
    return {key: sorted(((re.compile(p), w) for p, w in rows), key=lambda row: -row[1])
            for key, rows in table.items()}


def screens(compiled: dict[str, list[tuple[re.Pattern, float]]]) -> dict[str, re.Pattern]:
    """Per key, one pattern matching where any of its patterns does (one scan for a key
    whose patterns all miss, as most do)."""
    return {key: re.compile("|".join(f"(?:{p.pattern})" for p, _ in rows))
            for key, rows in compiled.items() if rows}


def best(compiled: dict[str, list[tuple[re.Pattern, float]]], text: str,
         screen: dict[str, re.Pattern] | None = None) -> dict[str, float]:
    """Each key's strongest matching weight (keys with no match left out); `screen`
    (screens(compiled)) skips the keys none of whose patterns match."""
    scores = {}
    for key, rows in compiled.items():
        if screen is not None and key in screen and not screen[key].search(text):
            continue
        for pattern, weight in rows:
            if pattern.search(text):
                if weight:
                    scores[key] = weight
                break
    return scores
