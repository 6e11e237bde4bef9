"""Knowledge edits: each one is revisioned, audit-logged and made live by a version bump.

Everything runs in the caller's transaction (one commit per request); the bump
is written to the settings table in that same transaction, so every worker on
every host rebuilds its understander on its next message, and never for an
edit that was rolled back.
"""
from __future__ import annotations

from core import audit
from core.extensions import db
from core.settings import set_setting
from knowledge import signals
from knowledge import version as kb_version
from knowledge.models import DictWord, FaqEntry, Guide, KnowledgeRevision, NluModel, Synonym
from knowledge.validation import (KnowledgeError, check_faq, check_guide, check_synonym,
                                  check_word, clean_list)

ENTITIES = {"guide": Guide, "faq": FaqEntry, "synonym": Synonym, "word": DictWord}
ENTITY_LABELS = {"guide": "办事指南", "faq": "政策问答", "synonym": "同义词", "word": "领域词"}
BASELINE_ACTOR = "（修改前）"
# Learned-model artefacts kept: the live one and the ones before, for a process still on them.
KEEP_MODELS = 3


def entry_data(entity: str, obj) -> dict | None:
    """An entry as plain data, the shape revisions store."""
    if obj is None:
        return None
    if entity in ("guide", "faq"):
        return obj.as_dict()
    if entity == "synonym":
        return {"term": obj.term, "canonical": obj.canonical}
    return {"word": obj.word, "freq": obj.freq, "pos": obj.pos}


def get_entry(entity: str, key: str):
    """The live entry, or None."""
    return db.session.get(ENTITIES[entity], key)


def _apply(entity: str, key: str, data: dict | None) -> None:
    obj = get_entry(entity, key)
    if data is None:
        if obj is not None:
            db.session.delete(obj)
        return
    values = {k: v for k, v in data.items() if k not in ("code", "id", "term", "word")}
    if obj is None:
        pk = {"guide": "code", "faq": "id", "synonym": "term", "word": "word"}[entity]
        db.session.add(ENTITIES[entity](**{pk: key}, **values))
    else:
        for name, value in values.items():
            setattr(obj, name, value)


def change(entity: str, key: str, data: dict | None, actor: str,
           action: str = "update") -> KnowledgeRevision | None:
    """Make an entry equal to `data` (None deletes it); None when nothing changed."""
    before = entry_data(entity, get_entry(entity, key))
    if before == data:
        return None
    has_history = db.session.scalar(db.select(KnowledgeRevision.id).filter_by(
        entity=entity, key=key).limit(1))
    if has_history is None and before is not None:
        db.session.add(KnowledgeRevision(entity=entity, key=key, data=before,
                                         action="original", actor=BASELINE_ACTOR))
    _apply(entity, key, data)
    version = kb_version.bump()
    revision = KnowledgeRevision(entity=entity, key=key, data=data, action=action,
                                 actor=actor, version=version)
    db.session.add(revision)
    audit.record(actor, f"knowledge.{entity}.{action}", f"{entity}:{key}", before=before,
                 after=data)
    db.session.flush()
    # The learned model is rebuilt from the new knowledge once this commits (bot.learning).
    signals.changed.send(entity, version=version)
    return revision


def store_model(knowledge_version: int, blob: bytes) -> NluModel:
    """Keep a learned-model artefact and make it the live one, in the caller's transaction."""
    row = NluModel(knowledge_version=knowledge_version, data=blob)
    db.session.add(row)
    db.session.flush()
    set_setting(kb_version.MODEL_KEY, row.id)
    kept = db.select(NluModel.id).order_by(NluModel.id.desc()).limit(KEEP_MODELS)
    db.session.execute(db.delete(NluModel).where(NluModel.id.not_in(kept.scalar_subquery())))
    return row


def alias_owners() -> dict[str, str]:
    """Every guide alias and the code of the guide that has it."""
    owners = {}
    for code, aliases in db.session.execute(db.select(Guide.code, Guide.aliases)):
        for alias in aliases or []:
            owners.setdefault(alias, code)
    return owners


def update_guide(code: str, values: dict, actor: str) -> KnowledgeRevision | None:
    """Save edited guide fields (name, category and mode follow the published catalogue)."""
    guide = get_entry("guide", code)
    if guide is None:
        raise KnowledgeError(f"没有编号为 {code} 的办事指南")
    data = guide.as_dict()
    editable = {k: v for k, v in values.items() if k in data and k not in
                ("code", "name", "category", "mode")}
    data.update(editable)
    for key in ("aliases", "keywords"):
        data[key] = clean_list(data[key])
    for key, value in data.items():
        if isinstance(value, str):
            data[key] = value.strip()
    check_guide(data, alias_owners())
    return change("guide", code, data, actor)


def save_faq(values: dict, actor: str, new: bool = False) -> KnowledgeRevision | None:
    """Create or update a FAQ entry."""
    data = {"id": (values.get("id") or "").strip(), "service": values.get("service") or None,
            "aspect": values.get("aspect") or None,
            "question": (values.get("question") or "").strip(),
            "alternates": clean_list(values.get("alternates")),
            "answer": (values.get("answer") or "").strip()}
    data["alternates"] = [a for a in data["alternates"] if a != data["question"]]
    check_faq(data, set(db.session.scalars(db.select(Guide.code))))
    exists = get_entry("faq", data["id"]) is not None
    if new and exists:
        raise KnowledgeError(f"编号 {data['id']} 已被使用，请换一个", "id")
    if not new and not exists:
        raise KnowledgeError(f"没有编号为 {data['id']} 的问答")
    return change("faq", data["id"], data, actor, "create" if new else "update")


def save_synonym(term: str, canonical: str, actor: str) -> KnowledgeRevision | None:
    """Add or change a synonym (resident wording → canonical term)."""
    data = {"term": term.strip(), "canonical": canonical.strip()}
    check_synonym(data)
    action = "update" if get_entry("synonym", data["term"]) else "create"
    return change("synonym", data["term"], data, actor, action)


def save_word(word: str, freq: int, pos: str, actor: str) -> KnowledgeRevision | None:
    """Add or change a domain-dictionary word."""
    data = {"word": word.strip(), "freq": freq, "pos": (pos or "").strip()}
    check_word(data)
    action = "update" if get_entry("word", data["word"]) else "create"
    return change("word", data["word"], data, actor, action)


def delete_entry(entity: str, key: str, actor: str) -> KnowledgeRevision | None:
    """Remove a FAQ entry, synonym or word (guides are the published catalogue: never)."""
    if entity == "guide":
        raise KnowledgeError("办事指南对应已公布的事项，不能删除")
    if get_entry(entity, key) is None:
        raise KnowledgeError("该条目不存在或已被删除")
    return change(entity, key, None, actor, "delete")


def restore(revision_id: int, actor: str) -> KnowledgeRevision | None:
    """Bring an entry back to a saved revision (checked again: rules may have changed)."""
    revision = db.session.get(KnowledgeRevision, revision_id)
    if revision is None:
        raise KnowledgeError("该历史版本不存在")
    data = revision.data
    if revision.entity == "guide":
        if data is None:
            raise KnowledgeError("办事指南不能删除")
        check_guide(data, alias_owners())
    elif data is not None:
        {"faq": lambda d: check_faq(d, set(db.session.scalars(db.select(Guide.code)))),
         "synonym": check_synonym, "word": check_word}[revision.entity](data)
    return change(revision.entity, revision.key, data, actor, "restore")


def add_alternate(faq_id: str, phrase: str, actor: str) -> KnowledgeRevision | None:
    """Teach the bot a new way residents ask a FAQ question."""
    entry = get_entry("faq", faq_id)
    if entry is None:
        raise KnowledgeError("所选问答不存在")
    values = entry.as_dict()
    values["alternates"] = list(values["alternates"]) + [phrase]
    return save_faq(values, actor)


def add_alias(code: str, phrase: str, actor: str) -> KnowledgeRevision | None:
    """Teach the bot a new name residents use for a service item."""
    guide = get_entry("guide", code)
    if guide is None:
        raise KnowledgeError("所选事项不存在")
    return update_guide(code, {"aliases": list(guide.aliases) + [phrase]}, actor)
