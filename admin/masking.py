"""Personal data cut down for lists and exports: names, phone numbers, house numbers."""
from __future__ import annotations

from admin.blueprint import bp

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
