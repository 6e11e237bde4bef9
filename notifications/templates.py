"""Template messages (模板消息): which template each notice kind uses, and its fields.

Staff configure, per kind, the template ID copied from 公众号后台 and one line
per template field, e.g. `keyword1={number}`; the values come from the
notice's fields (notifications.kinds.FIELDS). Stored in the settings table.
"""
from __future__ import annotations

import re
import string

from core.settings import get_setting, set_setting
from notifications.kinds import FIELDS, KINDS

SETTING = "notifications.templates"
KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,31}$")
TEMPLATE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# The newer templates cap some value types (WeChat refuses longer ones with 47003).
LIMITS = {"thing": 20, "phrase": 5, "character_string": 32, "name": 10, "car_number": 8,
          "phone_number": 17, "letter": 32, "symbol": 5, "amount": 20, "number": 32}


class TemplateError(ValueError):
    """A mapping staff typed that cannot work; the message says why, in Chinese."""


def all_configs() -> dict:
    return get_setting(SETTING, {}) or {}


def config_for(kind: str) -> dict | None:
    """The template for a kind, or None if staff have not set one."""
    found = all_configs().get(kind) or {}
    return found if found.get("template_id") and found.get("fields") else None


def parse_fields(text: str) -> dict[str, str]:
    """`key=pattern` lines into a mapping, or TemplateError naming the bad line."""
    fields: dict[str, str] = {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        key, sep, pattern = line.partition("=")
        key = key.strip()
        if not sep or not KEY.match(key):
            raise TemplateError(f"第 {number} 行应写成“字段名=内容”，例如 keyword1={{number}}。")
        _check_pattern(number, pattern.strip())
        fields[key] = pattern.strip()
    return fields


def _check_pattern(number: int, pattern: str) -> None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        raise TemplateError(f"第 {number} 行的花括号不成对。") from None
    unknown = [name for name in names if name not in FIELDS]
    if unknown:
        raise TemplateError(f"第 {number} 行用了不认识的内容 {{{unknown[0]}}}，可用："
                            + "、".join("{" + k + "}" for k in FIELDS) + "。")


def save(kind: str, template_id: str, fields_text: str, url: str = "") -> dict:
    """Check and store one kind's template (caller commits); empty ID removes it."""
    if kind not in KINDS:
        raise TemplateError("没有这种通知。")
    configs = dict(all_configs())
    template_id = (template_id or "").strip()
    if not template_id:
        configs.pop(kind, None)
        set_setting(SETTING, configs)
        return {}
    if not TEMPLATE_ID.match(template_id):
        raise TemplateError("模板 ID 应是公众号后台“模板消息”里复制的一串字母、数字、- 或 _。")
    fields = parse_fields(fields_text)
    if not fields:
        raise TemplateError("请至少填写一个字段，例如 first={title}。")
    url = (url or "").strip()
    if url and not url.startswith(("https://", "http://")):
        raise TemplateError("跳转链接应以 https:// 开头，也可以不填。")
    configs[kind] = {"template_id": template_id, "fields": fields, "url": url}
    set_setting(SETTING, configs)
    return configs[kind]


def render(config: dict, values: dict) -> dict:
    """The `data` of a template message: each field filled and cut to its type's limit."""
    safe = {name: str(values.get(name) or "") for name in FIELDS}
    data = {}
    for key, pattern in config["fields"].items():
        value = pattern.format_map(safe).strip() or "-"
        limit = next((n for prefix, n in LIMITS.items() if re.sub(r"\d+$", "", key) == prefix), 200)
        data[key] = {"value": value if len(value) <= limit else value[:limit - 1] + "…"}
    return data


def fields_text(config: dict | None) -> str:
    """The mapping as the lines staff edit."""
    return "\n".join(f"{k}={v}" for k, v in ((config or {}).get("fields") or {}).items())
