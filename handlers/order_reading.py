"""Reading an order from the resident's own sentence: what help, where, when, which phone.

Residents say an order in one breath, often by voice and without punctuation
("明天上午来给我爸理发 光明社区3栋 电话139…"). Each detail is a span of a
recognisable shape: a phone number, a time expression (day, part of day, clock,
or "越快越好"), an address (a known community or a place word such as 路/小区
with its building and door numbers). What is left is the need in their words.
Confirmations and corrections at the summary are read here too.
"""
from __future__ import annotations

import re

from handlers import form_reading as reading
from intents.normalize import to_simplified

PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
PHONE_LABEL = r"(?:我的|俺的|我|俺|联系)?(?:电话号码|电话|手机号码|手机号|手机|号码|联系方式)(?:是|为|:|：)?"
_WEEKDAY = r"[一二三四五六日天末]"
# Cantonese and Wu days too: 听日/听朝 (tomorrow), 后日, 今日, 明朝
DAY = (r"(?:大后天|后天|明天|明儿|明早|明晚|今天|今儿|今早|今晚|听日|听朝|后日|今日|明朝|明日|"
       rf"(?:这|本|下|下个)?(?:周|星期|礼拜){_WEEKDAY}|每天|天天|每周{_WEEKDAY}?|工作日|周末|"
       r"\d{1,2}月\d{1,2}[日号]?)")
# dialect parts of the day too: 前晌/晌午/后晌 (morning/noon/afternoon), 擦黑 (dusk)
PART = (r"(?:一早|早上|早晨|清早|早起|上午|前晌|头午|中午|晌午|晌午头|午饭前|下午|后晌|下晌|过晌|"
        r"傍晚|擦黑|傍黑|晚上|夜里|白天|饭点|下昼|朝早|上昼|晏昼|夜晚|下半天|上半天|下半日|上半日)")
CLOCK = (r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})(?:点|时)(?:半|\d{1,2}分?|[一二三四五]十分?)?"
         r"(?:左右|前后|之前|以前|以后|之后)?")
SOON = (r"越快越好|越早越好|尽快|尽早|马上|立刻|随时|都行|都可以|什么时候都行|什么时候都可以|"
        r"啥时候都行|有空就来|有空的时候|方便的时候|你们安排|看你们安排")
TIME = re.compile(rf"(?:{DAY}(?:的)?{PART}?(?:{CLOCK})?|{PART}(?:{CLOCK})?|{CLOCK}|{SOON})")
PLACE_WORD = r"(?:社区|小区|花园|新村|家园|公寓|大院|村|苑|园|里|路|街|巷|大道|道|弄)"
UNIT = r"(?:\d+(?:-\d+)*(?:号楼|号院|栋|幢|座|号|单元|室|楼|层|户|弄|排)?)"
# A place name of two to four characters, optionally a second place word, then numbers.
ADDRESS = re.compile(rf"[\u4e00-\u9fa5]{{2,4}}{PLACE_WORD}(?:[\u4e00-\u9fa5]{{1,4}}{PLACE_WORD})?{UNIT}*")
ADDRESS_LEAD = re.compile(r"^(?:地址|住址|我家|俺家|家里|家住|住在|我住|俺住|就在|位于|送到|来到|"
                          r"到|在|住|是|的|给|来|去)+")
ADDRESS_LABEL = re.compile(r"(?:地址|住址|家住|住在|我住|俺住|家在)(?:是|为|在)?[:：]?")
NOT_PLACE = re.compile(r"理发|洗澡|打扫|看病|医院|陪|送|买|修")
# Words that say an answer on the summary is wrong ("不对，时间改成后天下午").
WRONG = re.compile(r"不是|不对|错了|写错|填错|输错|打错|说错|说岔|搞错|弄错|改成|改为|换成|改到|改一下|改下|"
                   r"应该是|更正|修改|要改|改")
FIELD_WORDS = (("phone", r"电话|手机|号码|联系方式"), ("address", r"地址|住址|门牌|住在|家在|楼|栋"),
               ("preferred_time", r"时间|日子|哪天|几点|上门时间"), ("description", r"需求|要求|情况|内容"),
               ("category", r"类别|服务类型|类型|项目"))


# The words of an order's time, place and phone, for details typed in pinyin
# ("mingtian shangwu 10dian", "dianhua 139…"): read as characters before the readers match.
ORDER_WORDS = ("明天 后天 大后天 今天 明早 明晚 今晚 上午 下午 中午 晚上 早上 早晨 傍晚 白天 点 点半 半 分 左右 "
               "周末 周一 周二 周三 周四 周五 周六 周日 周天 星期 礼拜 下周 这周 本周 每天 工作日 "
               "越快越好 尽快 马上 随时 都行 都可以 一 二 两 三 四 五 六 七 八 九 十 十一 十二 "
               "电话 手机 手机号 号码 联系 地址 住址 号 号楼 栋 楼 单元 室 层 小区 社区 花园 新村 路 街 巷 弄 "
               "确认 提交 取消 好的 可以").split()
_PINYIN: list = []


def read_pinyin(text: str) -> str:
    """Latin-letter pinyin among characters read as the order words above (the rest as written)."""
    lowered = (text or "").lower()
    if not re.search(r"[a-z]{2,}", lowered):
        return text or ""
    if not _PINYIN:
        from intents.pinyin import PinyinReader

        _PINYIN.append(PinyinReader(ORDER_WORDS, general=0))  # order words only: no guessing
    # "10dian": a number written against its pinyin unit is split from it first.
    return _PINYIN[0].read(re.sub(r"(?<=\d)(?=[a-z])", " ", lowered))


def compact(text: str) -> str:
    """Simplified, without spaces, pinyin read: the shape the readers match on."""
    return re.sub(r"\s+", "", to_simplified(read_pinyin(text or "")))


def phone_in(text: str) -> str:
    """The phone number in a message, digits said in words read as digits ("" if none)."""
    found = PHONE.search(reading.spoken_digits(text).replace(" ", ""))
    return found.group(1) if found else ""


def time_in(text: str) -> str:
    """The preferred time said in a message ("" if none): "明天上午", "周六下午三点"."""
    spans = [m.group(0) for m in TIME.finditer(_without_phone(compact(text))) if len(m.group(0)) >= 2]
    return "，".join(dict.fromkeys(spans))[:100]


def address_in(text: str, communities: list[str]) -> str:
    """The address in a message ("" if none): a known community, or a place word with numbers.

    A pause (space) ends a detail: in "送餐 幸福路6号 明天中午" the need is not part of the
    street's name.
    """
    spaced = re.sub(r"\s+", "，", to_simplified(read_pinyin(text or "")).strip())
    return _address(spaced, communities) or _address(compact(text), communities)


def _address(said: str, communities: list[str]) -> str:
    t = ADDRESS_LABEL.sub("，", TIME.sub("，", _without_phone(said)))
    for name in sorted(communities, key=len, reverse=True):
        at = t.find(name)
        if at >= 0:
            tail = ADDRESS.match(t, at) or re.compile(re.escape(name) + UNIT + "*").match(t, at)
            return tail.group(0)[:100] if tail else name
    for m in ADDRESS.finditer(t):
        value = ADDRESS_LEAD.sub("", m.group(0))
        if re.search(r"\d", value) and not NOT_PLACE.search(value):
            return value[:100]
    return ""


def _without_phone(text: str) -> str:
    spoken = reading.spoken_digits(text)
    return re.sub(f"(?:{PHONE_LABEL})?{PHONE.pattern}", "，", spoken)


def details(text: str, communities: list[str]) -> dict:
    """Every order detail the message gives, by field key."""
    found = {"phone": phone_in(text), "preferred_time": time_in(text),
             "address": address_in(text, communities)}
    return {key: value for key, value in found.items() if value}


def need_in(text: str, found: dict) -> str:
    """The need in the resident's words: the message without its phone, time and address."""
    rest = _without_phone(compact(text))
    if found.get("address"):
        rest = rest.replace(found["address"], "，")
    for span in (found.get("preferred_time") or "").split("，"):
        rest = rest.replace(span, "") if span else rest
    rest = re.sub(r"(电话|手机|地址|住址|时间|住在|家住|我住|俺住)(是|为|在)?[:：]?(?=[，,。；;]|$)", "", rest)
    rest = re.sub(r"[，,。；;、\s]+", "，", rest).strip("，")
    return rest[:500]


affirmed = reading.affirmed


def wrong_field(text: str, communities: list[str]) -> tuple[str | None, dict] | None:
    """On the summary, "不对，时间改成后天下午": (the field named, the new values said).

    None when the message does not say something is wrong. The new value is
    read from the last clause after the cue that holds one, so "不是明天，是周五"
    gives 周五; with no field word, the kind of value says which field it is.
    """
    t = compact(text)
    cues = list(WRONG.finditer(t))
    if not cues:
        return None
    named = next((key for key, words in FIELD_WORDS if re.search(words, t[:cues[-1].end() + 4])), None)
    after = t[cues[0].end():]
    for clause in reversed([c for c in re.split(r"[，,；;。]", after) if c]):
        found = details(clause, communities)
        if found:
            return named, found
    return named, {}


# What may stand between a change cue and the new words: "改一下需求，还有…", "需求改成：…".
AFTER_CUE_FILLER = re.compile(r"^(一下|下|的|了|成|为|是|为|需求|要求|情况|内容|[，,：:。 ])+")
ADDS = re.compile(r"^(还有|另外|再加上|再加|加上|还要|也要|再)")


def after_cue(text: str) -> str:
    """The words after the last change cue ("改一下需求，还有厨房也堵了" → "还有厨房也堵了")."""
    t = compact(text)
    cues = list(WRONG.finditer(t))
    return AFTER_CUE_FILLER.sub("", t[cues[-1].end():]) if cues else ""


CLAUSES = re.compile(r"[，,；;。]|还有|另外|然后|再把")
CLOCK_ONLY = re.compile(rf"^{CLOCK}$")


def several_changes(text: str, form: dict, communities: list[str]) -> dict:
    """{key: new value} when the message changes two or more fields, each in its own clause.

    "地址改成…，时间改成七点半": every clause with a cue and a field gives that field's new
    value; a clock time alone keeps the day and part of day already given. Empty when
    fewer than two fields change or a clause names a field without its new value.
    """
    changes: dict = {}
    for clause in (c for c in CLAUSES.split(compact(text)) if c):
        wrong = wrong_field(clause, communities)
        if wrong is None:
            continue
        named, found = wrong
        if named is None and len(found) == 1:
            named = next(iter(found))
        if named not in ("phone", "address", "preferred_time") or named in changes:
            return {}
        value = patch(form.get(named) or "", clause) if named != "phone" else None
        value = value or found.get(named)
        if not value:
            return {}
        if named == "preferred_time":
            value = with_clock(form.get(named) or "", value)
        changes[named] = value[:100]
    return changes if len(changes) >= 2 else {}


def with_clock(old: str, new: str) -> str:
    """"下周二早上七点" changed to "七点半": the new clock in the old day ("下周二早上七点半")."""
    clocks = re.findall(CLOCK, old)
    if CLOCK_ONLY.match(new) and len(clocks) == 1:
        return old.replace(clocks[0], new, 1)
    return new


# A part of a value said right and the part said wrong: "是5号楼，不是3号楼", "不是上午，是下午".
_SAID_RIGHT = r"(?:是|改成|改为|换成|应该是)"
_PART = r"[^，,。；;]{1,10}"
RIGHT_WRONG = re.compile(rf"(?<!不){_SAID_RIGHT}(?P<right>{_PART}?)[，,]?(?:而)?不是(?P<wrong>{_PART})")
WRONG_RIGHT = re.compile(rf"不是(?P<wrong>{_PART}?)[，,]?(?:而)?{_SAID_RIGHT}(?P<right>{_PART})")
NUMBERED_PART = re.compile(r"^\d+(号楼|号院|栋|幢|座|单元|室|楼|层|号|弄|排|户)$")
CHANGE_TO = re.compile(r"(?<!不)(?:是|改成|改为|换成|应该是|改到)(\d+(?:号楼|号院|栋|幢|座|单元|室|楼|层|号|弄|排|户))")


def patch(old: str, text: str) -> str | None:
    """The old value with the part said wrong replaced by the part said right (None: no such part).

    "地址说错了，是5号楼不是3号楼" on 长安小区3号楼401 gives 长安小区5号楼401; a numbered
    part alone ("改成5号楼") replaces the one part of the old value with the same unit.
    """
    t = compact(text)
    if not old:
        return None
    for pattern in (RIGHT_WRONG, WRONG_RIGHT):
        m = pattern.search(t)
        if m and m.group("wrong") in old and m.group("right") != m.group("wrong") \
                and _same_shape(m.group("wrong"), m.group("right")):
            return old.replace(m.group("wrong"), m.group("right"), 1)
    m = CHANGE_TO.search(t)
    if m:
        unit = NUMBERED_PART.match(m.group(1)).group(1)
        parts = re.findall(rf"\d+{unit}", old)
        if len(parts) == 1 and parts[0] != m.group(1):
            return old.replace(parts[0], m.group(1), 1)
    return None


def _same_shape(wrong: str, right: str) -> bool:
    """Both a numbered part (3号楼, 5号楼), or both short words (上午, 下午): a part for a part."""
    numbered = bool(NUMBERED_PART.match(wrong)), bool(NUMBERED_PART.match(right))
    if any(numbered):
        return all(numbered)
    return not re.search(r"\d", wrong + right) and len(right) <= len(wrong) + 3
