"""Read-only knowledge look-ups for the admin."""
from __future__ import annotations

from core.extensions import db
from knowledge.models import KnowledgeRevision


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
