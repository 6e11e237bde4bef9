"""Reading phrases: what a text box offers, and the lists staff edit."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select

from core.extensions import db
from phrases.models import Phrase


def group(use: str, organization_id: int | None) -> list[Phrase]:
    """One owner's phrases for one use, in order."""
    owner = (Phrase.organization_id.is_(None) if organization_id is None
             else Phrase.organization_id == organization_id)
    return list(db.session.scalars(db.select(Phrase).where(Phrase.use == use, owner)
                                   .order_by(Phrase.position, Phrase.id)))


def offered(org_id: int | None) -> list[Phrase]:
    """Every phrase a user may insert: the bureau's, then their organisation's own."""
    query = db.select(Phrase)
    if org_id is None:
        query = query.where(Phrase.organization_id.is_(None))
    else:
        query = query.where((Phrase.organization_id.is_(None)) | (Phrase.organization_id == org_id))
    return list(db.session.scalars(query.order_by(
        Phrase.organization_id.is_not(None), Phrase.use, Phrase.position, Phrase.id)))


def listing(uses: list[str], organization_id: int | None = None, shared: bool = True) -> Select:
    """Phrases for the edit page: the bureau's (if `shared`) and one organisation's."""
    owners: list[ColumnElement[bool]] = []
    if shared:
        owners.append(Phrase.organization_id.is_(None))
    if organization_id is not None:
        owners.append(Phrase.organization_id == organization_id)
    query = db.select(Phrase).where(Phrase.use.in_(uses))
    if owners:
        query = query.where(db.or_(*owners))
    return query.order_by(Phrase.use, Phrase.organization_id.is_not(None),
                          Phrase.organization_id, Phrase.position, Phrase.id)
