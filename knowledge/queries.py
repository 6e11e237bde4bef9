"""Read-only knowledge look-ups for the admin and the live bot."""
from __future__ import annotations

from core.extensions import db
from core.settings import get_setting
from knowledge.models import KnowledgeRevision, NluModel
from knowledge.version import MODEL_KEY


def revisions(entity: str, key: str) -> list[KnowledgeRevision]:
    """An entry's saved states, newest first."""
    query = (db.select(KnowledgeRevision).filter_by(entity=entity, key=key)
             .order_by(KnowledgeRevision.id.desc()))
    return list(db.session.scalars(query))


def recent_revisions(limit: int = 20) -> list[KnowledgeRevision]:
    """The latest changes to any entry, newest first."""
    query = (db.select(KnowledgeRevision).where(KnowledgeRevision.action != "original")
             .order_by(KnowledgeRevision.id.desc()).limit(limit))
    return list(db.session.scalars(query))


def live_model_id() -> int | None:
    """Which learned model is live, or None."""
    value = get_setting(MODEL_KEY)
    return int(value) if value is not None else None


def model_row(model_id: int) -> NluModel | None:
    """A stored learned-model artefact."""
    return db.session.get(NluModel, model_id)
