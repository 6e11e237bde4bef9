"""Bulk export and import of the knowledge base as the repository's data files.

The files are the ones `knowledge/data/` holds (guides/MZxx.yaml, faq.yaml,
lexicon.yaml, referrals.yaml, catalog.yaml), so an export can be reviewed in a
diff, edited, and imported again.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from collections.abc import Callable, Iterator

import yaml

from core import audit
from core.extensions import db
from knowledge import operations, snapshot
from knowledge.loader import guide_values, snapshot_from_db
from knowledge.models import Referral

GUIDE_ORDER = ("code", "name", "short_name", "aliases", "keywords", "overview", "conditions",
               "materials", "process", "time_limit", "location", "fee", "contact", "standard",
               "legal_basis", "sample_values")


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks and short lists on one line, like the hand-written files."""


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value + ("\n" if style else ""),
                                   style=style)


def _list(dumper, value: list):
    flow = all(isinstance(v, (str, int)) and "\n" not in str(v) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(tuple, _list)


def _write(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=1000), encoding="utf-8")


def export_files(target: Path) -> dict:
    """Write the database's knowledge base as data files under `target`; return counts."""
    kb = snapshot_from_db("export")
    (target / "guides").mkdir(parents=True, exist_ok=True)
    for code, guide in kb.guides.items():
        data = {key: guide[key] for key in GUIDE_ORDER
                if key != "standard" or guide.get("standard")}
        _write(target / "guides" / f"{code}.yaml", data)
    _write(target / "faq.yaml", kb.faq)
    _write(target / "lexicon.yaml", {"synonyms": kb.synonyms,
                                     "words": [list(w) for w in kb.words]})
    _write(target / "referrals.yaml", kb.referrals)
    # Guides take their official names from the catalogue, so it travels with them.
    shutil.copyfile(snapshot.DATA_DIR / "catalog.yaml", target / "catalog.yaml")
    return {"guides": len(kb.guides), "faq": len(kb.faq), "synonyms": len(kb.synonyms),
            "words": len(kb.words), "referrals": len(kb.referrals)}


def import_steps(source: Path, actor: str) -> list[tuple[str, Callable[[], bool]]]:
    """One (label, step) per entry in the files; each step returns True when it changed something.

    Entries are only added or updated, never deleted: an import of a partial
    export must not wipe what it leaves out.
    """
    data = snapshot.read_files(source, catalog_dir=_catalog_dir(source))
    steps: list[tuple[str, Callable[[], bool]]] = []
    for code, guide in data["guides"].items():
        steps.append((code, lambda c=code, v=guide_values(guide): _guide(c, v, actor)))  # noqa: B008
    for item in data["faq"]:
        steps.append((item["id"], lambda i=item: _faq(i, actor)))
    for term, canonical in data["synonyms"].items():
        steps.append((term, lambda t=term, c=canonical: bool(
            operations.save_synonym(t, str(c), actor))))
    for word, freq, pos in data["words"]:
        steps.append((word, lambda w=word, f=freq, p=pos: bool(
            operations.save_word(str(w), int(f), str(p), actor))))
    for item in data["referrals"]:
        steps.append((item["department"], lambda i=item: _referral(i, actor)))
    return steps


def _catalog_dir(source: Path) -> Path:
    return source if (source / "catalog.yaml").exists() else snapshot.DATA_DIR


def _guide(code: str, values: dict, actor: str) -> bool:
    if operations.get_entry("guide", code) is None:
        raise operations.KnowledgeError(f"{code} 不在已公布的事项目录中")
    return bool(operations.update_guide(code, values, actor))


def _faq(item: dict, actor: str) -> bool:
    new = operations.get_entry("faq", item.get("id") or "") is None
    return bool(operations.save_faq(dict(item), actor, new=new))


def _referral(item: dict, actor: str) -> bool:
    row = db.session.scalar(db.select(Referral).filter_by(department=item["department"]))
    values = {"topics": list(item.get("topics") or []), "reply": (item.get("reply") or "").strip()}
    if row is not None and row.topics == values["topics"] and row.reply == values["reply"]:
        return False
    if row is None:
        db.session.add(Referral(department=item["department"], **values))
    else:
        row.topics, row.reply = values["topics"], values["reply"]
    operations.kb_version.bump()
    audit.record(actor, "knowledge.referral.update", f"referral:{item['department']}",
                 after=values)
    return True


def run_import(source: Path, actor: str, wrap: Callable[[list], Iterator] = iter) -> int:
    """Apply every step (wrapped, e.g. in a progress bar); return how many changed."""
    changed = 0
    for label, step in wrap(import_steps(source, actor)):
        try:
            changed += step()
        except operations.KnowledgeError as exc:
            raise operations.KnowledgeError(f"{label}：{exc}", exc.field) from exc
    return changed
