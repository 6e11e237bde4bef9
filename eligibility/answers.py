"""Natural answers to the interview's questions: "八十二", "三口人", "一个月两千来块", "不是"."""
from __future__ import annotations

import re

from core import answer_words

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "k": 1000, "K": 1000, "万": 10000, "w": 10000, "W": 10000}
RUN = re.compile(r"\d+(?:\.\d+)?[\d零〇一二两俩三四五六七八九十百千万kKwW]*|[零〇一二两俩三四五六七八九十百千万]+")
TOKEN = re.compile(r"\d+(?:\.\d+)?|[零〇一二两俩三四五六七八九]|[十百千万kKwW]")
# Phrases whose numerals are not the answer ("一个月两千" is 2000, not 1).
NOT_AMOUNTS = re.compile(r"一个月|每个月|每月|一月|月收入|一年|每年|全年|年收入|一家|一共|一起|一块儿|"
                         r"十二个月|12个月|一级|二级|三级|四级|[1-4]级|一下|一点")
PER_YEAR = re.compile(r"一年|每年|全年|年收入|年薪")
NONE = re.compile(r"^(没有|没|无|零|0|都没有|没啥|没什么|一分没有|没收入|没有收入|没花|没花钱|不花钱)")
# Answers that start with no or yes (core.answer_words), in the interview's words too.
NO = answer_words.leading(answer_words.NO_LEADING, ("非", "外地", "外省", "都没有"), unless=answer_words.YES)
YES = answer_words.leading(answer_words.YES_LEADING, ("有", "本市", "本地", "超过", "超了", "算", "当然", "y"),
                           unless=answer_words.NO)
UNSURE = re.compile(r"不知道|不清楚|不确定|说不好|不好说|不记得|记不清|搞不清|不太懂")
ONE = re.compile(r"独居|一个人|就我(自己)?一?个?|我自己|自己住|光棍|单身")
TWO = re.compile(r"两口子|老两口|俩人|我们俩|我俩")


def _value(run: str) -> float:
    """One numeral run as a number: 八十二 → 82, 两千五 → 2500, 一万二 → 12000, 1.2万 → 12000."""
    total, section, current, last_unit, after_zero = 0.0, 0.0, 0.0, 0, False
    for token in TOKEN.findall(run):
        if token in DIGITS:
            after_zero = after_zero or token in ("零", "〇")
            current = DIGITS[token]
        elif token in UNITS:
            unit = UNITS[token]
            if unit == 10000:
                total += (section + current) * unit
                section, current = 0.0, 0.0
            else:
                section += (current or (1 if unit == 10 else 0)) * unit
                current = 0.0
            last_unit, after_zero = unit, False
        else:
            current = float(token)
    # "两千五", "一万二": a trailing digit counts in the next unit down.
    if current and last_unit >= 10 and not after_zero and run[-1] in DIGITS:
        current *= last_unit / 10
    return total + section + current


def numbers(text: str) -> list[float]:
    """Every amount or count in a message, left to right."""
    cleaned = NOT_AMOUNTS.sub(" ", text)
    return [_value(run) for run in RUN.findall(cleaned) if TOKEN.search(run)]


def amount(text: str, monthly: bool = False) -> int | None:
    """A sum of money (several parts are added up); a yearly figure made monthly if asked."""
    text = text.strip()
    found = numbers(text)
    if not found:  # "没多少，一千来块" is 1000: a figure wins over the leading 没
        return 0 if NONE.match(text) else None
    total = sum(found)
    if monthly and PER_YEAR.search(text):
        total /= 12
    return round(total)


def count(text: str) -> int | None:
    """A household size: "三口人", "就我一个", "老两口"."""
    found = [n for n in numbers(ONE.sub(" ", TWO.sub(" ", text))) if n == int(n)]
    if found:
        return int(found[0]) if 1 <= found[0] <= 20 else None
    if ONE.search(text):
        return 1
    return 2 if TWO.search(text) else None


def age(text: str) -> int | None:
    """The oldest age named: "八十二", "爷爷七十二，奶奶七十" → 72."""
    found = [int(n) for n in numbers(text) if 0 < n <= 120]
    return max(found) if found else None


def yes_no(text: str) -> bool | None:
    """是 / 不是, 有 / 没有, in their everyday forms."""
    text = text.strip().lstrip("嗯，, ")
    if UNSURE.search(text):
        return None
    if NO.match(text):
        return False
    if YES.match(text):
        return True
    return None


# Self-care in everyday words and in the 能力评估's, most dependent first: "能自己吃饭穿衣",
# "有些要人帮", "卧床". A named grade (轻度/中度失能) wins; "能" is tried last because the
# dependent answers contain it too ("不能自己洗澡", "还能走，洗澡要人帮").
CARE_WORDS = (
    ("self", re.compile(r"没有?(失能|瘫|卧床)|不(是)?失能|不卧床|不用人(照顾|管)|不要人(照顾|管)")),
    ("mild", re.compile(r"轻度")),
    ("moderate", re.compile(r"中度")),
    ("full", re.compile(r"卧床|瘫|下不了床|起不来床|离不开人|全靠人|全要人|要人喂|喂饭|鼻饲|插管|完全不能|"
                        r"不能自理|生活不能|(?<![半分度])失能|重度|全护理|失智|痴呆|不认人|^(不能|不行)[。！!，,]?$")),
    ("partly", re.compile(r"半失能|半自理|部分|半护理|半身不遂|要人(照顾|帮|扶|陪|看|管)|需要人|得有人|搭把手|"
                          r"扶着|不太能|不大能|有些|有的|有时|拄|拐杖|轮椅|行动不便|腿脚不|走不远|走不动|"
                          r"洗澡要|不太方便|不能自己|自己不能|不方便")),
    ("self", re.compile(r"能|自理|自己|没问题|还行|挺好|硬朗|利索|好着|健康|没事|可以|^是|^对|^嗯|完好")),
)
# Words that say how an elder gets by even in an answer to another question ("我妈八十，卧床").
FRAIL_MENTION = re.compile(r"卧床|瘫|不能自理|失能|半自理|部分自理|离不开人|要人照顾")


def care(text: str) -> str | None:
    """The elder's self-care: self, mild, moderate, partly (半失能, grade not known) or full."""
    return next((level for level, pattern in CARE_WORDS if pattern.search(text.strip())), None)


# A death in the family, said in passing ("老伴上个月走了"): 去世 and its everyday forms. "走了" and
# "没了" count only after a spouse or parent and not when what follows says where they went
# ("儿子走了，去外地打工", "工作没了").
DEATH = re.compile(r"去世|过世|离世|逝世|病故|病逝|死了|丧事|后事|火化|殡仪馆|"
                   r"(老伴|爱人|丈夫|妻子|老公|老婆|爸|妈|父亲|母亲|爷爷|奶奶|姥姥|姥爷|外公|外婆)"
                   r"(?:(?!工作|钱|收入|打工)[^，,。；]){0,4}(走了|走的|走啦|刚走|没了|不在了)"
                   r"(?![^。；]{0,6}(打工|外地|上班|工作|上学|读书|住|家里|那儿|那里))")
RECENT = re.compile(r"半个月|今天|昨天|前天|前几天|这几天|几天前|前些天|上周|上个?星期|上个?礼拜|这周|"
                    r"这个月|本月|刚|最近|\d+天|[一二三四五六七八九十几]+天")
NUMERAL = r"(\d+|[一二两三四五六七八九十几]+)"
MONTHS = re.compile(NUMERAL + r"个多?月")
CALENDAR_MONTH = re.compile(r"(去年)?(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月")
YEARS = re.compile(NUMERAL + r"(多)?年(多)?")


def months_ago(text: str, this_month: int) -> int | None:
    """How many months ago something happened: "上个月" 1, "三个月前" 3, "半年前" 6, "去年十月", "前年" 24."""
    text = text.strip()
    if found := MONTHS.search(text):
        return round(_value(found.group(1).replace("几", "三")))
    if found := CALENDAR_MONTH.search(text):
        month = round(_value(found.group(2)))
        back = this_month - month
        return back + 12 if found.group(1) or back < 0 else back
    if re.search(r"上个?月", text):
        return 1
    if "大半年" in text:
        return 8
    if "半年" in text:
        return 7 if "半年多" in text else 6
    if "前年" in text:
        return 24
    if "去年" in text:
        return 12
    if found := YEARS.search(text):
        return 12 * round(_value(found.group(1).replace("几", "三"))) + (1 if found.group(2) or found.group(3) else 0)
    if re.search(r"好多年|很多年|很久|多年", text):
        return 36
    if RECENT.search(text):
        return 0
    return int(text) if text.isdigit() else None
