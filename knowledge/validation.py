"""Checks on knowledge entries before they go live, with messages staff can act on.

The same checks serve the admin forms, `flask kb import` and the missed-question
actions, so a bad entry cannot reach residents by any route.
"""
from __future__ import annotations

import re

from knowledge.models import ASPECTS

# WeChat cuts a text reply at 2048 bytes; the heading and follow-up menu need the rest.
MAX_FIELD_BYTES = 1800
MAX_PHRASE = 40
MAX_QUESTION = 200
FAQ_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")
POS = re.compile(r"^[a-z]{1,4}$")
FIELD_LABELS = {
    "short_name": "简称", "aliases": "别名", "keywords": "关键词", "overview": "事项简介",
    "conditions": "申请条件", "materials": "所需材料", "process": "办理流程",
    "time_limit": "办理时限", "location": "办理地点和时间", "fee": "收费标准",
    "contact": "咨询电话", "standard": "补助标准", "legal_basis": "政策依据",
}


class KnowledgeError(ValueError):
    """A rule an entry breaks; `field` names the form field to show it on."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def clean_list(values) -> list[str]:
    """Stripped, non-empty, de-duplicated phrases, in order."""
    return list(dict.fromkeys(v.strip() for v in values or [] if v and v.strip()))


def check_guide(data: dict, alias_owners: dict[str, str]) -> None:
    """A guide needs a short name, aliases no other guide uses, and fields that fit WeChat."""
    if not (data.get("short_name") or "").strip():
        raise KnowledgeError("请填写简称（居民常用的叫法，如“低保”）", "short_name")
    if len(data["short_name"]) > MAX_PHRASE:
        raise KnowledgeError(f"简称最多 {MAX_PHRASE} 字", "short_name")
    if not data.get("aliases"):
        raise KnowledgeError("请至少填写一个别名，居民靠这些说法找到本事项", "aliases")
    for key in ("aliases", "keywords"):
        for phrase in data.get(key) or []:
            if len(phrase) > MAX_PHRASE:
                raise KnowledgeError(f"“{phrase[:12]}…”太长，每个{FIELD_LABELS[key]}最多 "
                                     f"{MAX_PHRASE} 字", key)
    for alias in data["aliases"]:
        owner = alias_owners.get(alias)
        if owner and owner != data["code"]:
            raise KnowledgeError(f"别名“{alias}”已属于事项 {owner}，同一说法不能指向两个事项",
                                 "aliases")
    if not (data.get("overview") or "").strip():
        raise KnowledgeError("请填写事项简介", "overview")
    for aspect in ASPECTS:
        check_length(data.get(aspect) or "", aspect)


def check_length(text: str, field: str) -> None:
    """Refuse text longer than one WeChat reply can carry."""
    size = len(text.encode("utf-8"))
    if size > MAX_FIELD_BYTES:
        raise KnowledgeError(
            f"内容过长（约 {size // 3} 字），微信一条回复放不下，请精简到 "
            f"{MAX_FIELD_BYTES // 3} 字以内", field)


def check_faq(data: dict, services: set[str]) -> None:
    """A FAQ entry needs a slug id, a question, an answer and real item/aspect links."""
    if not FAQ_ID.match(data.get("id") or ""):
        raise KnowledgeError("编号须为 3–80 位小写英文字母、数字或 -，如 faq-dibao-standard", "id")
    if data.get("service") not in (None, *services):
        raise KnowledgeError("关联事项不存在", "service")
    if data.get("aspect") not in (None, *ASPECTS):
        raise KnowledgeError("关联方面无效", "aspect")
    question = (data.get("question") or "").strip()
    if not question:
        raise KnowledgeError("请填写标准问法", "question")
    for phrase in [question] + list(data.get("alternates") or []):
        if len(phrase) > MAX_QUESTION:
            raise KnowledgeError(f"每个问法最多 {MAX_QUESTION} 字", "alternates")
    if not (data.get("answer") or "").strip():
        raise KnowledgeError("请填写答复内容", "answer")
    check_length(data["answer"], "answer")


def check_synonym(data: dict) -> None:
    """Whole words only (no single characters), mapped to a different term."""
    term, canonical = (data.get("term") or "").strip(), (data.get("canonical") or "").strip()
    if len(term) < 2 or len(term) > MAX_PHRASE:
        raise KnowledgeError(f"居民说法须为 2–{MAX_PHRASE} 字的完整词语", "term")
    if not canonical or len(canonical) > MAX_PHRASE:
        raise KnowledgeError(f"请填写规范用语（最多 {MAX_PHRASE} 字）", "canonical")
    if term == canonical:
        raise KnowledgeError("居民说法和规范用语相同，无需添加", "canonical")


def check_word(data: dict) -> None:
    """A jieba dictionary word: no spaces, a sane frequency and a part-of-speech tag."""
    word = data.get("word") or ""
    if not word or len(word) > MAX_PHRASE or any(ch.isspace() for ch in word):
        raise KnowledgeError(f"词语须为 1–{MAX_PHRASE} 字且不含空格", "word")
    if not isinstance(data.get("freq"), int) or not 1 <= data["freq"] <= 10_000_000:
        raise KnowledgeError("词频须为 1–10000000 的整数", "freq")
    if not POS.match(data.get("pos") or ""):
        raise KnowledgeError("词性须为 1–4 位小写英文字母，如 nz", "pos")
