"""Personal data cut down for lists and exports: names, phone numbers, house numbers."""
from __future__ import annotations

import re
from collections.abc import Iterable

from admin.blueprint import bp
from core import pii

# A number this short (an extension, a typo) keeps no digits at all.
MIN_DIGITS_TO_KEEP = 8


def mask_name(name: str) -> str:
    """张三丰 → 张**: enough to recognise a case, not to identify a stranger."""
    return name[:1] + "*" * (len(name) - 1) if name else ""


@bp.app_template_filter("mask_phone")
def mask_phone(phone: str | None) -> str:
    """13812345678 → 138****5678, 0571-88886666 → 057*-****6666; landlines too."""
    text = (phone or "").strip()
    total = sum(ch.isdigit() for ch in text)
    if total < MIN_DIGITS_TO_KEEP:
        return "".join("*" if ch.isdigit() else ch for ch in text)
    seen, out = 0, []
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= 3 or seen > total - 4 else "*")
        else:
            out.append(ch)
    return "".join(out)


@bp.app_template_filter("mask_address")
def mask_address(address: str | None) -> str:
    """幸福社区和平路12号3栋 → 幸福社区和平路**号*栋: the area stays, the door goes."""
    return "".join("*" if ch.isdigit() else ch for ch in (address or ""))


# Free text (a resident's message) names people only after a cue: 我叫张三, 姓名李四.
_NAMED = re.compile(r"(我叫|名叫|叫做|姓名[是为:：]?|名字[是叫:：]?|联系人[是:：]?)\s*([\u4e00-\u9fff]{2,3})")
# Not after a letter: DD20240101-0001 and SQ… are our own case numbers, not phones.
_LONG_NUMBER = re.compile(r"(?<![A-Za-z\d])\d[\d-]{6,}\d")
_HOUSE_NUMBER = re.compile(r"\d+(?=\s*(?:号|栋|幢|单元|室|楼|层|弄|巷|排|户))")


@bp.app_template_filter("mask_text")
def mask_text(text: str | None) -> str:
    """A resident's message with ID and phone numbers, house numbers and named people cut."""
    text = pii.mask_text(text or "")
    text = _LONG_NUMBER.sub(lambda m: mask_phone(m.group(0)), text)
    text = _HOUSE_NUMBER.sub(lambda m: "*" * len(m.group(0)), text)
    return _NAMED.sub(lambda m: m.group(1) + mask_name(m.group(2)), text)


# The one rule, by what a value is: every page, export and audit row masks through here.
MASKS = {
    "phone": mask_phone,
    "id_number": pii.mask_id,
    "address": mask_address,
    "name": mask_name,
    "text": mask_text,
}


@bp.app_template_filter("masked")
def mask(value, kind: str) -> str:
    """`value` cut down as its kind requires (phone, id_number, address, name, text)."""
    if value is None or value == "":
        return ""
    return MASKS[kind](str(value))


# A form answer whose label asks for a person's name (申请人姓名, 老人姓名, 一方姓名…).
NAME_LABELS = ("姓名", "名字")


@bp.app_template_global()
def mask_answer(label: str, value, names: Iterable[str] = ()) -> str:
    """A form answer masked as what its label asks for; a known name inside free text too.

    `names` are the names the record already holds (the applicant's): written out in
    a story (困难情况) without a cue they would otherwise pass the text rule.
    """
    if value is None or value == "":
        return ""
    if any(word in label for word in NAME_LABELS):
        return mask_name(str(value).strip())
    return mask_names(mask_text(str(value)), names)


@bp.app_template_filter("mask_names")
def mask_names(text: str, names: Iterable[str]) -> str:
    """Every occurrence of a known (two characters or longer) name in `text` masked."""
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text
