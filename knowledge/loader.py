"""Load the data files into the database (idempotent upsert for `flask seed`)."""
from __future__ import annotations

from core.extensions import db
from knowledge import snapshot
from knowledge.models import ASPECTS, DictWord, FaqEntry, Guide, Referral, Synonym

GUIDE_KEYS = ("name", "short_name", "category", "mode", "aliases", "keywords",
              "sample_values") + ASPECTS


def guide_values(data: dict) -> dict:
    """A guide file's data as column values: text stripped, lists never None."""
    values = {key: data.get(key) for key in GUIDE_KEYS}
    for key in ASPECTS:
        values[key] = (values[key] or "").strip()
    values["aliases"] = list(values["aliases"] or [])
    values["keywords"] = list(values["keywords"] or [])
    values["sample_values"] = list(values["sample_values"] or [])
    return values


def seed_knowledge(only_missing: bool = True) -> str:
    """Insert guides, FAQ, lexicon and referrals; keep staff edits unless told."""
    data = snapshot.read_files()
    added = 0
    # What the database holds, read once per table (a lookup per row flushed every row
    # added before it); a row added here counts as held for a repeat further down the files.
    guides = {g.code: g for g in db.session.scalars(db.select(Guide))}
    for code, item in data["guides"].items():
        guide = guides.get(code)
        if guide is None:
            guides[code] = Guide(code=code, **guide_values(item))
            db.session.add(guides[code])
            added += 1
        elif not only_missing:
            for key, value in guide_values(item).items():
                setattr(guide, key, value)
    faq = {f.id: f for f in db.session.scalars(db.select(FaqEntry))}
    for item in data["faq"]:
        entry = faq.get(item["id"])
        values = {"service": item.get("service"), "aspect": item.get("aspect"),
                  "question": item["question"], "alternates": list(item.get("alternates") or []),
                  "answer": item["answer"].strip()}
        if entry is None:
            faq[item["id"]] = FaqEntry(id=item["id"], **values)
            db.session.add(faq[item["id"]])
            added += 1
        elif not only_missing:
            for key, value in values.items():
                setattr(entry, key, value)
    terms = set(db.session.scalars(db.select(Synonym.term)))
    for term, canonical in data["synonyms"].items():
        if term not in terms:
            terms.add(term)
            db.session.add(Synonym(term=term, canonical=canonical))
    words = set(db.session.scalars(db.select(DictWord.word)))
    for word, freq, pos in data["words"]:
        if word not in words:
            words.add(word)
            db.session.add(DictWord(word=word, freq=int(freq), pos=pos))
    known = {r.department for r in db.session.scalars(db.select(Referral))}
    for item in data["referrals"]:
        if item["department"] not in known:
            db.session.add(Referral(department=item["department"],
                                    topics=list(item["topics"]), reply=item["reply"].strip()))
    db.session.flush()
    return f"知识库：新增 {added} 条（共 {len(data['guides'])} 项办事指南、{len(data['faq'])} 条问答）。"


def snapshot_from_db(version: str) -> snapshot.Snapshot:
    """Snapshot of what staff see in the admin, for the live bot."""
    guides = {g.code: g.as_dict() for g in db.session.scalars(db.select(Guide))}
    return snapshot.Snapshot(
        guides=guides,
        faq=[f.as_dict() for f in db.session.scalars(db.select(FaqEntry))],
        synonyms={s.term: s.canonical for s in db.session.scalars(db.select(Synonym))},
        words=[(w.word, w.freq, w.pos) for w in db.session.scalars(db.select(DictWord))],
        referrals=[{"department": r.department, "topics": list(r.topics), "reply": r.reply}
                   for r in db.session.scalars(db.select(Referral))],
        version=version,
    )
