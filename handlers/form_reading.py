"""Reading a resident's message at a form step: leaving, questions, corrections, spoken digits.

Residents answer in their own words. These readers let the current step take
the answer first and tell a real question or a wish to stop from an answer.
They work on cues (a small lexicon), not on whole sentences.
"""
from __future__ import annotations

import re

from core import answer_words
from intents.normalize import to_simplified

# Words that end the form, and words that put it aside for later.
LEAVE_END = ("不想填", "不想弄", "不想办", "不想申请", "不想约", "不想点", "不想要", "不想预约", "不填了", "不弄了", "不办了", "不整了",
             "不搞了", "不报了", "不想报", "别报了", "不申请了", "不约了", "不预约了", "不要了", "不点了", "别填了", "别弄了", "别办了",
             "撤了", "撤回", "撤销", "算了", "放弃", "取消", "退出", "不用了", "不需要了", "不做了")
LEAVE_PAUSE = ("先不填", "先不办", "先不弄", "先不报", "先不申请", "先不约", "先不点", "回头再", "以后再", "改天再",
               "晚点再", "晚些再", "等会再", "等会儿再", "过会再", "过会儿再", "下次再", "明天再", "先放着",
               "先停", "暂停", "先这样吧")
LEAVE_OBJECT = re.compile(r"(不(?:想)?(?:填|弄|办|申请|约|报|要|整|搞|点))(?:这个|那个|这份|这张|这|那|它)了")
# Any negator (dialect ones too: 勿, 覅, 甭, 唔, 莫) with an optional 想/要/用/再 before a form's
# verb and a closing 了-particle ("勿要填了", "不用约了", "唔使填啦"): read as the listed "不填了".
LEAVE_VERB = re.compile(r"(?:不|别|勿|覅|甭|唔|莫)(?:想|要|用|使|必|再|打算|准备)*再?"
                        r"(?:填写|填|弄|办理|办|申请|申报|预约|约|报名|报|整|搞|点|登记|离|写|交|提交|订|下单|要)"
                        r"(?:了|啦|咯|喇|嘞|咧|喽|罗|哦|噢)(?![吗么嘛呢？?])")
# Put off until the resident has asked or thought ("我问问家里人再说", "商量商量再定吧"): a pause,
# said at the message's end ("你再说一遍" asks for a repeat, and nothing comes before it).
PAUSE_UNTIL = re.compile(r"(问问|问一下|商量|考虑|想想|想一想|看看|研究|合计|打听|琢磨)[^，。,]{0,8}"
                         r"再(说|讲|定|弄|办|填|看|决定|联系)(吧|了|啦|哈|哦)?$")
# A cue right after these is denied ("不是不想填了", "没说不办了").
NEGATORS = ("不是", "没说", "没有说", "并不", "不会", "别说", "哪里", "谁说", "没想")
# "算了一下" is arithmetic, not leaving.
NOT_LEAVING = re.compile(r"算了(一下|下(?!次)|个|好几|半天)|算了算(?!了)|取消(订单|预约)")
CONTINUE = re.compile(r"^(继续|接着|接下去)(填|办|弄|刚才|之前|上次|前面|填写|办理|申请|吧|的)?.{0,10}$|"
                      r"^(回到|还是填|还是办)(刚才|之前|上次|前面)")
QUESTION_END = re.compile(r"(吗|么|呢|嘛)[啊呀哈]?$|[？?]$|(钱|费|用|行|能|是|有|要|对|好|办|收)(不|没|没有)$|"
                          # a price or a time asked at the end, with a particle ("要多少钱啊")
                          r"(多少钱|多少|收费|收钱|要钱|几点|多久|多长时间)[啊呀哈啦]$")
# A question word made indefinite by 都 ("哪天都行", "什么时候都可以"): an answer, not a question.
INDEFINITE = re.compile(r"(哪|什么|啥|谁|几)[^，。,；;]{0,6}都(行|可以|成|好|中|没问题|方便|有空)")
QUESTION_START = re.compile(r"^(请问|问一下|问下|我想问|想问|那|这个|等下|等一下|等等|对了)?.{0,3}"
                            r"(怎么|咋|如何|为什么|为啥|是否|能不能|可不可以|可以不|要不要|用不用|是不是|有没有|多少|多久|多长时间|哪)")
QUESTION_WORD = re.compile(r"怎么|咋|如何|多少|多久|多长时间|哪|是否|能不能|可不可以|要不要|用不用|是不是|有没有|什么|啥|几天|几点|几个")
ASIDE_START = re.compile(r"^(等下|等一下|等等|对了|顺便问|请问|问一下|问下|我想问)")
# Yes and no at a closed step (core.answer_words), with the step's own "要", "用这个", "1".
YES = answer_words.whole(answer_words.YES, ("要", "用", "就用这个", "用这个", "就这个", "就这样", "y"), alone=("1",))
NO = answer_words.whole(answer_words.NO, ("不能", "不可以", "n"), alone=("2",))
# Yes in dialects and spoken forms beyond core.answer_words: Cantonese (冇问题, 系, 啱), Sichuan
# (莫得问题, 对头), Wu, northern (妥了, 齐活), repeated ones ("可以可以", "行行行": a run of one word).
DIALECT_YES = ("冇问题", "冇得问题", "莫得问题", "没得问题", "无问题", "冇错", "冇错呀", "无错", "系", "系呀", "系啊",
               "就系", "啱", "啱晒", "啱啱", "对头", "对头对头", "妥了", "妥妥", "妥妥的", "齐活", "没啥问题", "没什么问题",
               "没有问题", "都没问题", "都行", "都对", "可以的", "行的", "中的", "成的", "好咧", "行咧", "得", "那好",
               "好好", "要得要得", "阔以", "okay", "okk", "嗯嗯", "嗯哪", "嗯呐", "对着嘞", "是嘞", "对嘞")
# "就这么整", "那就这样办", "照这个来", "按这个定": going ahead as the summary says, in a family of
# spoken forms (an adverb, a "this way" word, a verb of doing), not a list of sentences.
GO_AHEAD = tuple(f"{lead}{way}{verb}"
                 for lead in ("", "就", "那就", "就照", "照", "按", "就按", "那就按", "那就照")
                 for way in ("这么", "这样", "这个", "这么着", "这样子", "介样", "迭能", "噉", "咁", "这")
                 for verb in ("", "办", "弄", "整", "搞", "定", "来", "地", "着", "定了", "提交", "交", "发", "吧", "去办")
                 # a bare "这么", "这个" or "就这" is no yes; "就这样", "这么着" are
                 if verb or way not in ("这么", "这个", "这"))
YES_RUN = answer_words.whole(answer_words.YES, DIALECT_YES, GO_AHEAD,
                             ("提交", "确认提交", "提交吧", "交吧", "发吧", "办吧", "整吧", "弄吧", "都对", "无误",
                              "确认无误", "正确", "没问题了", "就这样", "照办", "下单", "下单吧"))
# Particles that close a yes in dialect speech and that core.answer_words does not know
# ("好额" Wu, "好嘅" Cantonese, "要得噻" Sichuan, "中嘞" Henan): dropped after a character.
DIALECT_PARTICLES = re.compile(r"(?<=[\u4e00-\u9fffa-z])[额嘅噻撒哒咯咧嗷哟啦噶喽滴吖哇嘛呐哪喔]+")
# Courtesies that may stand beside a yes without changing it ("好的，麻烦你们了，确认").
COURTESY = re.compile(r"^(谢谢|谢了|多谢|感谢|麻烦(你们|您|你)?(了|啦)?|辛苦(你们|您|你)?(了|啦)?|劳驾|拜托(了|啦)?|"
                      r"好人|太好了|那太好了|真好)[啊呀哈了啦]*$")
# A clause that says something is to change, is denied or is asked: never part of a yes.
NOT_YES = re.compile(r"不|没(?!问题|错|毛病|啥问题|什么问题)|别|改|错|换|等|再说|吗|么|呢|[？?]|取消|算了")
STRONG_YES = re.compile(r"确认|确定|提交|没问题|冇问题|没毛病|下单")
CLAUSE_SPLIT = re.compile(r"[\s，,。.！!~…、；;]+")
CHINESE_DIGITS = str.maketrans("零〇洞幺一二两三四五六七八九勾拐", "0001122345678997")
SPOKEN = re.compile(r"[0-9零〇洞幺一二两三四五六七八九勾拐xX\s\-]{7,}")
LABEL_PREFIX = re.compile(r"^(我|俺|他|她)?(妈|爸|母亲|父亲|老伴|爷爷|奶奶|姥姥|姥爷|外婆|外公|家老人|老人|孩子|儿子|女儿)"
                          r"(叫|名叫|名字叫|的名字是|的名字叫)|"
                          # the other party of a registration, or someone named by a pronoun
                          r"^(对方|男方|女方|另一方|另一半|我爱人|爱人|我对象|对象|未婚妻|未婚夫|他|她)"
                          r"(的名字|的姓名)?(叫|名叫|是|为)[:：\s]*|"
                          r"^(我的|他的|她的|老人的|孩子的)?(姓名|名字|我叫|我是|叫|本人|电话号码|电话|手机号码|手机号|手机|"
                          r"联系电话|号码|身份证号码|身份证号|身份证|地址|住址|家住|住在|我住)(是|为|叫)?[:：\s]*")
LABEL_SUFFIX = re.compile(r"(的)?(电话号码|电话|手机号码|手机号|手机|号码|身份证号码|身份证号|身份证|地址|住址)(是|为)?[:：]?$")
FIELD_WORDS = (("mobile", r"电话|手机|号码|联系方式"), ("id_number", r"身份证"), ("name", r"名字|姓名"),
               ("address", r"地址|住址|门牌"), ("community", r"社区"), ("preferred_time", r"时间"),
               ("number", r"人数|口人|几口|家庭人口"))
CORRECTION = re.compile(r"(写错|填错|输错|打错|说错|搞错|弄错|记错|报错|错了|不对|有误|说岔|写岔|弄岔|搞岔|岔了|"
                        r"改一下|改成|改为|换成|换一个|应该是|更正|重新写)")
# What may stand between the cue and the new value: "换成", "是", "俺家是".
CORRECTION_FILLER = re.compile(r"^(了|的|是|为|成|应该是|应该|换成|改成|改为|写成|换一个|我|俺|我家|俺家|家|那个|：|:|，|,|。)+")
ORDINAL = re.compile(r"^(第|选|选第)?([1-9]\d?|[一二两三四五六七八九十]{1,3})(个|项|种|号|条|样)?(吧|的)?$")


# An acknowledgement before "继续" ("好的继续填", "嗯，接着来") changes nothing.
ACK_START = re.compile(r"^(好的|好吧|好嘞|好|嗯嗯|嗯|哦|噢|行|那|那就|ok|OK|知道了|明白了|晓得了)[，,。、\s]*(?=继续|接着|接下去|回到|还是)")


def continues(text: str) -> bool:
    """"继续", "接着填", "繼續": go on with the form (read in simplified characters)."""
    said = ACK_START.sub("", to_simplified(text or "").strip())
    return bool(CONTINUE.match(said))


def leave_cue(text: str, closed: bool = False) -> str | None:
    """'end', 'pause' or None: does the message ask to stop the form?

    At a closed step "不用" answers the question (否), so it is not read as leaving.
    Read in simplified characters ("不辦了", "撤銷").
    """
    compact = re.sub(r"[\s，,。.！!？?~…]", "", to_simplified(text or ""))
    if NOT_LEAVING.search(compact):
        compact = NOT_LEAVING.sub("", compact)
    if closed and NO.match(compact):
        return None
    # A cue with its object inside: "不弄这个了", "不办那个了", "这个不填了".
    compact = LEAVE_OBJECT.sub(r"\1了", compact)
    # In a longer story ("…医保都不交了，日子难过") the cue must close the message to mean leaving.
    ends = LEAVE_VERB.search(compact[-8:])
    if len(compact) <= 16 or ends and compact.endswith(ends.group(0)):
        compact = LEAVE_VERB.sub("不填了", compact)
    if PAUSE_UNTIL.search(compact):
        return "pause"
    for kind, cues in (("pause", LEAVE_PAUSE), ("end", LEAVE_END)):
        for cue in cues:
            start = compact.find(cue)
            while start >= 0:
                if not any(compact[:start].endswith(n) for n in NEGATORS):
                    return kind
                start = compact.find(cue, start + 1)
    return None


def is_question(text: str, free_text: bool = False, service: str | None = None,
                aspect: str | None = None) -> bool:
    """A clear question: interrogative form, or a known item plus an aspect cue.

    At a free-text step an answer often mentions an item's words and even
    "怎么办", so only a question ending or opening counts there.
    """
    compact = re.sub(r"\s", "", text)
    if INDEFINITE.search(compact) and not QUESTION_END.search(compact):
        return False
    if QUESTION_END.search(compact) or ASIDE_START.search(compact) and QUESTION_WORD.search(compact):
        return len(compact) <= 40
    if QUESTION_START.search(compact):
        return not free_text or len(compact) <= 20
    asked = bool(QUESTION_WORD.search(compact))
    if free_text:
        # "低保要什么材料": an item, an aspect and a question word, said briefly.
        return bool(service and aspect and asked and len(compact) <= 20)
    return asked or bool(service and aspect)


def yes(text: str) -> bool:
    return bool(YES.match(re.sub(r"\s", "", to_simplified(text or "")))) or affirmed(text)


def affirmed(text: str) -> bool:
    """"确认", "中嘞", "對", "好嘞", "对对对就这样提交吧", "好额，确认", "中 就这么整 确认": yes to the summary.

    The message is a run of yes words (with dialect particles dropped), or clauses each of
    which is a yes or a courtesy, one of them a clear yes (确认, 提交, 没问题), none changing,
    denying or asking anything.
    """
    simple = to_simplified(text or "").strip().lower()
    said = re.sub(r"[\s，,。.！!~…]", "", simple)
    if not said:
        return False
    if YES_RUN.match(said) or YES_RUN.match(DIALECT_PARTICLES.sub("", said)):
        return True
    clauses = [c for c in CLAUSE_SPLIT.split(simple) if c]
    if len(clauses) < 2 or len(said) > 30:
        return False
    yes_clauses = [c for c in clauses if YES_RUN.match(DIALECT_PARTICLES.sub("", c)) and not NOT_YES.search(
        re.sub(r"没问题|没错|没毛病|不错", "", c))]
    if not any(STRONG_YES.search(c) for c in yes_clauses):
        return False
    return all(c in yes_clauses or COURTESY.match(c) for c in clauses)


def no(text: str) -> bool:
    return bool(NO.match(re.sub(r"\s", "", to_simplified(text or ""))))


_DIGIT = "0-9零〇洞幺一二两三四五六七八九勾拐"
# A number said in short groups with pauses ("一五零，一二三四，九八七六", "138、0000、1111"):
# two to five groups of two to four digits, read as one number when together they have a
# phone's length (an address's "102" before a phone is no group: it is not followed by one).
GROUPED = re.compile(rf"(?<![{_DIGIT}])[{_DIGIT}]{{2,4}}(?:[，,、。.\s\-—]+[{_DIGIT}]{{2,4}}){{1,4}}(?![{_DIGIT}])")
GROUP_SEP = re.compile(r"[，,、。.\s\-—]+")


def _grouped(m: re.Match) -> str:
    if not re.search(r"[，,、。.—\-]", m.group(0)):
        return m.group(0)  # spaces alone: read as they stand (SPOKEN below keeps them)
    joined = GROUP_SEP.sub("", m.group(0))
    digits = joined.translate(CHINESE_DIGITS)
    if re.fullmatch(r"1[3-9]\d{9}|0\d{9,11}", digits):
        return digits
    return m.group(0)


def spoken_digits(text: str) -> str:
    """Digits said in words (幺三八…, 一三八…, with 两 and 洞) written as digits; a number said
    in groups with pauses between them read as one."""
    text = GROUPED.sub(_grouped, text)
    return SPOKEN.sub(lambda m: m.group(0).translate(CHINESE_DIGITS), text)


def strip_label(text: str) -> str:
    """'我叫张三', '电话是138…' → the value alone."""
    value = LABEL_PREFIX.sub("", text.strip(), count=1).strip()
    return LABEL_SUFFIX.sub("", value).strip() or value


def ordinal(text: str) -> int | None:
    """'2', '第二个', '第2项', '两', '选十一' → the option number."""
    m = ORDINAL.match(re.sub(r"\s", "", text).rstrip("。.、"))
    if not m:
        return None
    number = m.group(2)
    if number.isdigit():
        return int(number)
    value = count_in(number)
    return int(value) if value.isdigit() and int(value) > 0 else None


def correction(text: str) -> tuple[str, str] | None:
    """('mobile', rest) for "刚才电话写错了，是139…": which field, and the text after the cue.

    Read in simplified characters ("電話寫錯了"), with dialect cues ("地址说岔了").
    """
    compact = re.sub(r"\s", "", to_simplified(text))
    cues = list(CORRECTION.finditer(compact))
    if not cues:
        return None
    cue, last = cues[0], cues[-1]
    for kind, words in FIELD_WORDS:
        found = re.search(words, compact)
        if found and found.start() < cue.end() + 4:
            # The new value follows the last cue: "不对，电话写错了，应该是139…".
            rest = compact[max(last.end(), found.end()):]
            return kind, CORRECTION_FILLER.sub("", rest)
    return None


def pieces(text: str) -> list[str]:
    """A message split where one answer may end and another begin."""
    spaced = re.sub(r"([0-9Xx]{7,})", r" \1 ", spoken_digits(text))
    return [strip_label(p) for p in re.split(r"[，,。；;、\s/]+|还有|另外|然后", spaced) if p.strip()]


COUNT = re.compile(r"(?<!\d)(\d{1,2})(?!\d)|([一二两三四五六七八九十]{1,3})(?=口|个|人|位|$)")
NUMERALS = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def count_in(text: str) -> str:
    """'家里四口人', '3个人' → '4', '3' (the text unchanged when no count is found)."""
    m = COUNT.search(re.sub(r"\s", "", text))
    if not m:
        return text
    if m.group(1):
        return m.group(1)
    word = m.group(2)
    if "十" not in word:
        return str(NUMERALS[word[-1]]) if len(word) == 1 else text
    tens, _, units = word.partition("十")
    return str(NUMERALS.get(tens, 1) * 10 + NUMERALS.get(units, 0) if units else NUMERALS.get(tens, 1) * 10)


HOUR = re.compile(r"([一二两三四五六七八九十]{1,3})(?=点|时|:|：)")
ANY_OPTION = re.compile(r"^(随便|都行|都可以|哪天都|哪个都|什么时候都|越早越好|越快越好|最早|最近|尽快|早点)")
PART_OF_DAY = re.compile(r"^(就|那就|那)?(上午|早上|早晨|上半天|下午|午后|后晌|下半天|傍晚)(吧|的|都行|也行|可以|好|比较好|方便|啊|呀)*[。.！!]?$")
ALL_OPTIONS = re.compile(r"^(都可以|都行|都会|都要|全部|全都|全要|样样都)")


def hour_digits(text: str) -> str:
    """'上午九点', '下午两点半' → '上午9点', '下午2点半'."""
    return HOUR.sub(lambda m: count_in(m.group(1)), text)
