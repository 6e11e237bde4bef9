"""The declared forms: for each apply / appointment / register item, which fields to ask.

Forms are data. A field names its validator kind (forms.validators.VALIDATORS);
an optional check decides eligibility as soon as the answer allows it (an
85-year-old qualifies for 高龄津贴, a 70-year-old hears why not, kindly).
Which items have a form, its mode and its title come from the catalogue
(core.catalog); so do the options of fields that list order categories.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from collections.abc import Callable

from core import catalog
from core.catalog import Catalog
from forms import validators

Check = Callable[[object, dict], "str | None"]

# A volunteer's skills are the order categories, offered by their short names.
SKILL_CATEGORIES = {c.short: c.code for c in catalog.current().order_categories.values()}
AVAILABILITY = ("工作日白天", "工作日晚上", "周末", "时间灵活")
# When a volunteer is free, in everyday words; several may be named at once ("周末和晚上").
AVAILABILITY_WORDS = (
    (r"周末|周六|周日|周天|星期六|星期天|星期日|礼拜六|礼拜天|礼拜日|双休", "周末"),
    (r"晚上|夜里|下班(后|以后|之后)|傍晚", "工作日晚上"),
    (r"白天|上午|下午|上班时间|平时", "工作日白天"),
    (r"灵活|随时|都行|都可以|不固定|看情况|什么时候都|啥时候都|退休|天天有空|每天都", "时间灵活"),
)
SELF_CARE = ("能自理", "半自理", "不能自理")
# Checked in order: "半自理" and "不能自理" both contain "自理".
SELF_CARE_WORDS = (
    # Everyday descriptions too: "走路要人扶", "拄着拐能走" (half); "吃饭都要人喂", "大小便不能自己" (none).
    (r"半|部分|一半|有时|有些|搭把手|帮一下|帮点|扶着|勉强|基本|要人(扶|搀|帮|陪)|人扶|搀着|拄(着)?拐|拐杖|"
     r"有点(吃力|困难|费劲)", "半自理"),
    (r"不能|不行|不可以|不太能|不太行|不大行|不怎么行|瘫|卧床|躺床|下不了床|完全|离不开人|伺候|全靠|没法|否|^不$|^不是|^没有|"
     r"都要人|全要人|要人喂|喂饭|大小便|失禁|离不了人|痴呆|糊涂|插(着)?管", "不能自理"),
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
    # Options that are the catalogue's order categories (short names): "all", or those
    # with this attribute ("home_care"); filled in when the forms are built.
    options_from: str = ""


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
    # Only approved registered volunteers apply; their record fills in the form.
    volunteers_only: bool = False
    # What receives the confirmed answers: the name a handler registers with handlers.base.submits
    # (for a catalogue item, its mode: apply, appointment or register).
    submitter: str = ""

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


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


# Each form item's questions in order (its mode and title are the catalogue's).
FIELDS: dict[str, tuple[Field, ...]] = {
    "MZ01": ASSISTANCE,
    "MZ02": ASSISTANCE,
    "MZ03": ASSISTANCE,
    "MZ04": ASSISTANCE,
    "MZ05": ASSISTANCE,
    "MZ07": _elderly(80, "高龄津贴"),
    "MZ08": _elderly(60, "养老服务补贴") + (REASON,),
    "MZ09": _elderly(60, "居家和社区养老服务") + (
        _f("services", "需要的服务", "choices", "需要哪些服务？可多选，回复数字并用逗号隔开，比如：1,3",
           options_from="home_care"),),
    "MZ10": _elderly(60, "适老化改造") + (
        replace(REASON, label="改造需求", prompt="请说明家里需要改造的地方，比如卫生间扶手、防滑地面。"),),
    "MZ12": _elderly(60, "公办养老机构入住") + (SELF_CARE_FIELD,),
    "MZ13": BASIC + (
        _f("disability_cert", "残疾证号", "disability_cert", "请输入残疾人证号（20位，在残疾证首页）。",
           sensitive=True),),
    "MZ14": CHILD,
    "MZ15": CHILD,
    "MZ16": CHILD,
    "MZ27": (
        replace(NAME, label="逝者姓名", prompt="请输入逝者的姓名。"),
        replace(ID, label="逝者身份证号", prompt="请输入逝者的18位身份证号。"),
        replace(NAME, key="applicant", label="申请人（家属）姓名", prompt="请输入您（家属）的姓名。"),
        PHONE, COMMUNITY),
    "MZ30": (
        NAME, PHONE,
        _f("purpose", "证明用途", "text", "请说明证明的用途，比如：升学、求职、评优。")),
    "MZ17": (
        replace(NAME, label="一方姓名", prompt="请输入登记一方的姓名。"),
        replace(ID, label="一方身份证号", prompt="请输入这一方的18位身份证号。", check=marriage_age),
        replace(NAME, key="partner_name", label="另一方姓名", prompt="请输入另一方的姓名。"),
        replace(ID, key="partner_id", label="另一方身份证号", prompt="请输入另一方的18位身份证号。",
                check=marriage_age),
        PHONE, DATE, TIME),
    "MZ18": BOOKING,
    "MZ19": BOOKING,
    "MZ21": BOOKING,
    "MZ29": (
        replace(NAME, label="真实姓名", prompt="请输入您的真实姓名（与身份证一致）。"),
        replace(ID, label="身份证号", prompt="请输入您的18位身份证号。", check=min_age(
            18, "志愿者注册需年满18周岁。未成年人参加志愿服务需要监护人同意，请由监护人陪同到所在社区居委会登记。")),
        replace(PHONE, prompt="请输入您的手机号，活动安排会通过公众号和电话通知您。"),
        _f("skills", "服务特长", "choices", "您愿意提供哪些服务？可多选，回复数字并用逗号隔开，比如：1,7",
           options_from="all"),
        _f("availability", "可服务时间", "choices", "您一般什么时间可以参加服务？可多选：",
           options=AVAILABILITY, aliases=AVAILABILITY_WORDS),
        replace(COMMUNITY, prompt="请选择您希望参加服务的社区（回复数字）：")),
}


def _resolved(field: Field, cat: Catalog) -> Field:
    if not field.options_from:
        return field
    chosen = [c.short for c in cat.order_categories.values()
              if field.options_from == "all" or getattr(c, field.options_from)]
    return replace(field, options=tuple(chosen))


def build_forms(cat: Catalog) -> dict[str, Form]:
    """One form per catalogue item residents fill in, with its mode and title; fails on a gap."""
    forms = {}
    for item in cat.with_mode("apply", "appointment", "register"):
        if item.code not in FIELDS or not item.title:
            raise LookupError(f"catalogue item {item.code} ({item.mode}) needs a title and form fields")
        forms[item.code] = Form(item.code, item.mode, item.title,
                                tuple(_resolved(f, cat) for f in FIELDS[item.code]),
                                volunteers_only=item.volunteers_only, submitter=item.mode)
    return forms


FORMS: dict[str, Form] = build_forms(catalog.current())
