"""The declared forms: for each apply / appointment / register item, which fields to ask.

Forms are data. A field names its validator kind (forms.validators.VALIDATORS);
an optional check decides eligibility as soon as the answer allows it (an
85-year-old qualifies for 高龄津贴, a 70-year-old hears why not, kindly).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from collections.abc import Callable

from forms import validators

Check = Callable[[object, dict], "str | None"]

ORDER_CATEGORIES = ("助餐", "助洁", "助浴", "助医", "助急", "助行", "精神慰藉", "家电水电维修",
                    "上门理发", "代购代办", "法律咨询援助", "儿童关爱")
SKILL_CATEGORIES = dict(zip(ORDER_CATEGORIES, (
    "meal", "cleaning", "bathing", "medical", "emergency", "mobility", "companionship",
    "repair", "haircut", "shopping", "legal", "child_care"), strict=True))
AVAILABILITY = ("工作日白天", "工作日晚上", "周末", "时间灵活")
SELF_CARE = ("能自理", "半自理", "不能自理")
# Checked in order: "半自理" and "不能自理" both contain "自理".
SELF_CARE_WORDS = (
    (r"半|部分|一半|有时|有些|搭把手|帮一下|帮点|扶着|勉强|基本", "半自理"),
    (r"不能|不行|不可以|不太能|瘫|卧床|躺床|下不了床|完全|离不开人|伺候|全靠|没法|否|^不$|^不是|^没有", "不能自理"),
    (r"能|可以|自理|行|没问题|没错|自己|^是|^对|^好|^嗯", "能自理"),
)


@dataclass(frozen=True)
class Field:
    """One question in a form."""

    key: str
    label: str
    kind: str
    prompt: str
    options: tuple = ()
    sensitive: bool = False  # stored encrypted, shown masked
    check: Check | None = None
    # Everyday answers to a closed question, as (pattern, option), tried in order.
    aliases: tuple = ()


@dataclass(frozen=True)
class Form:
    """One item's form: its fields in order, and how the answers are used."""

    code: str
    mode: str  # apply, appointment or register
    title: str
    fields: tuple[Field, ...]
    id_field: str = "id_number"
    name_field: str = "name"
    intro: str = ""


def min_age(years: int, message: str) -> Check:
    """Refuse early when the person an ID belongs to is younger than `years`."""
    def check(value, answers):
        return message if validators.id_info(value).age < years else None
    return check


def under_age(years: int, message: str) -> Check:
    def check(value, answers):
        return message if validators.id_info(value).age >= years else None
    return check


def marriage_age(value, answers) -> str | None:
    info = validators.id_info(value)
    need = 22 if info.sex == "男" else 20
    if info.age < need:
        return f"按照《民法典》，结婚年龄男不得早于22周岁、女不得早于20周岁。这位当事人目前{info.age}周岁，暂时还不能办理结婚登记。"
    return None


# -- field presets ----------------------------------------------------------------
def _f(key, label, kind, prompt, **kw) -> Field:
    return Field(key, label, kind, prompt, **kw)


NAME = _f("name", "申请人姓名", "name", "请输入申请人的姓名（与身份证一致）。")
ID = _f("id_number", "申请人身份证号", "id_number", "请输入申请人的18位身份证号。", sensitive=True)
PHONE = _f("phone", "联系电话", "mobile", "请输入联系手机号，审核结果会通过公众号和电话通知您。")
COMMUNITY = _f("community", "所在社区", "community", "请选择您所在的社区（回复数字）：")
ADDRESS = _f("address", "居住地址", "address", "请输入详细居住地址（写到门牌号）。")
HOUSEHOLD = _f("household", "家庭人口", "number", "家里共有几口人（共同生活的家庭成员）？请回复数字。")
REASON = _f("reason", "困难情况", "text", "请简单说明家庭目前的困难情况（200字以内）。")
DATE = _f("day", "预约日期", "date", "请选择预约日期（回复数字）：")
TIME = _f("time", "预约时间", "time", "请选择预约时间（回复数字）：")
SELF_CARE_FIELD = _f("self_care", "能否自理", "choice",
                     "老人生活能自理吗？请回复数字，或直接说“能自理”“半自理”“不能自理”：",
                     options=SELF_CARE, aliases=SELF_CARE_WORDS)

ELDER_ID = replace(ID, label="老人身份证号", prompt="请输入老人的18位身份证号。")
ELDER_NAME = replace(NAME, label="老人姓名", prompt="请输入老人的姓名（与身份证一致）。")
CHILD_ID = replace(ID, label="儿童身份证号", prompt="请输入儿童的18位身份证号。",
                   check=under_age(18, "这项保障面向未满18周岁的儿童，按身份证号计算这位孩子已满18周岁，不在保障范围内。如有困难，可以了解临时救助或低保。"))
CHILD_NAME = replace(NAME, label="儿童姓名", prompt="请输入儿童的姓名（与身份证一致）。")
GUARDIAN_PHONE = replace(PHONE, label="监护人电话")

BASIC = (NAME, ID, PHONE, COMMUNITY, ADDRESS)
ASSISTANCE = (NAME, ID, PHONE, COMMUNITY, ADDRESS, HOUSEHOLD, REASON)
ELDERLY = (ELDER_NAME, ELDER_ID, PHONE, COMMUNITY, ADDRESS)
CHILD = (CHILD_NAME, CHILD_ID, GUARDIAN_PHONE, COMMUNITY, ADDRESS, REASON)
BOOKING = (NAME, ID, PHONE, DATE, TIME)


def _elderly(min_years: int, what: str) -> tuple[Field, ...]:
    elder_id = replace(ELDER_ID, check=min_age(
        min_years, f"{what}面向{min_years}周岁以上的老年人。按身份证号计算，老人目前还不到{min_years}周岁，"
                   f"暂时不符合条件，满{min_years}周岁后就可以申请。需要其他养老服务可以问我“居家养老服务”。"))
    return (ELDER_NAME, elder_id, PHONE, COMMUNITY, ADDRESS)


FORMS: dict[str, Form] = {f.code: f for f in (
    Form("MZ01", "apply", "最低生活保障", ASSISTANCE),
    Form("MZ02", "apply", "特困人员救助供养", ASSISTANCE),
    Form("MZ03", "apply", "临时救助", ASSISTANCE),
    Form("MZ04", "apply", "低收入家庭认定", ASSISTANCE),
    Form("MZ05", "apply", "支出型贫困家庭救助", ASSISTANCE),
    Form("MZ07", "apply", "高龄津贴", _elderly(80, "高龄津贴")),
    Form("MZ08", "apply", "经济困难老年人养老服务补贴", _elderly(60, "养老服务补贴") + (REASON,)),
    Form("MZ09", "apply", "居家和社区养老服务", _elderly(60, "居家和社区养老服务") + (
        _f("services", "需要的服务", "choices", "需要哪些服务？可多选，回复数字并用逗号隔开，比如：1,3",
           options=ORDER_CATEGORIES[:6]),)),
    Form("MZ10", "apply", "适老化改造", _elderly(60, "适老化改造") + (
        replace(REASON, label="改造需求", prompt="请说明家里需要改造的地方，比如卫生间扶手、防滑地面。"),)),
    Form("MZ12", "apply", "公办养老机构入住", _elderly(60, "公办养老机构入住") + (SELF_CARE_FIELD,)),
    Form("MZ13", "apply", "残疾人两项补贴", BASIC + (
        _f("disability_cert", "残疾证号", "text", "请输入残疾人证号（20位，在残疾证首页）。"),)),
    Form("MZ14", "apply", "孤儿基本生活费", CHILD),
    Form("MZ15", "apply", "事实无人抚养儿童生活补贴", CHILD),
    Form("MZ16", "apply", "困境儿童保障", CHILD),
    Form("MZ27", "apply", "惠民殡葬补贴", (
        replace(NAME, label="逝者姓名", prompt="请输入逝者的姓名。"),
        replace(ID, label="逝者身份证号", prompt="请输入逝者的18位身份证号。"),
        replace(NAME, key="applicant", label="申请人（家属）姓名", prompt="请输入您（家属）的姓名。"),
        PHONE, COMMUNITY)),
    Form("MZ30", "apply", "志愿服务记录证明", (
        NAME, PHONE,
        _f("purpose", "证明用途", "text", "请说明证明的用途，比如：升学、求职、评优。"))),
    Form("MZ17", "appointment", "结婚登记预约", (
        replace(NAME, label="一方姓名", prompt="请输入登记一方的姓名。"),
        replace(ID, label="一方身份证号", prompt="请输入这一方的18位身份证号。", check=marriage_age),
        replace(NAME, key="partner_name", label="另一方姓名", prompt="请输入另一方的姓名。"),
        replace(ID, key="partner_id", label="另一方身份证号", prompt="请输入另一方的18位身份证号。",
                check=marriage_age),
        PHONE, DATE, TIME)),
    Form("MZ18", "appointment", "离婚登记预约", BOOKING),
    Form("MZ19", "appointment", "补领婚姻登记证预约", BOOKING),
    Form("MZ21", "appointment", "收养登记预约", BOOKING),
    Form("MZ29", "register", "志愿者注册", (
        replace(NAME, label="真实姓名", prompt="请输入您的真实姓名（与身份证一致）。"),
        replace(ID, label="身份证号", prompt="请输入您的18位身份证号。", check=min_age(
            18, "志愿者注册需年满18周岁。未成年人参加志愿服务需要监护人同意，请由监护人陪同到所在社区居委会登记。")),
        replace(PHONE, prompt="请输入您的手机号，活动安排会通过公众号和电话通知您。"),
        _f("skills", "服务特长", "choices", "您愿意提供哪些服务？可多选，回复数字并用逗号隔开，比如：1,7",
           options=ORDER_CATEGORIES),
        _f("availability", "可服务时间", "choices", "您一般什么时间可以参加服务？可多选：",
           options=AVAILABILITY),
        replace(COMMUNITY, prompt="请选择您希望参加服务的社区（回复数字）："))),
)}
