"""Writing phrases: add, change, move, delete; each with an audit row, never a commit."""
from __future__ import annotations

from core import audit
from core.audit import utcnow
from core.extensions import db
from phrases import texts
from phrases.models import Phrase
from phrases.queries import group
from phrases.uses import ORG, USES


class PhraseError(ValueError):
    """A phrase that cannot be saved; str() is the Chinese reason."""


def _checked(use: str, title: str, text: str, organization_id: int | None) -> tuple[str, str]:
    title = (title or "").strip()
    # Browsers post CRLF; residents must get the line breaks as typed, nothing more.
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if use not in USES:
        raise PhraseError(texts.BAD_USE)
    if organization_id is not None and USES[use][1] != ORG:
        raise PhraseError(texts.NOT_ORG_USE.format(use=USES[use][0]))
    if not title:
        raise PhraseError(texts.NEED_TITLE)
    if not text:
        raise PhraseError(texts.NEED_TEXT)
    return title[:texts.TITLE_MAX], text[:texts.TEXT_MAX]


def create_phrase(use: str, title: str, text: str, actor: str,
                  organization_id: int | None = None) -> Phrase:
    """A new phrase, last in its use's list."""
    title, text = _checked(use, title, text, organization_id)
    last = max((p.position for p in group(use, organization_id)), default=-1)
    phrase = Phrase(use=use, organization_id=organization_id, title=title, text=text,
                    position=last + 1, updated_by=actor)
    db.session.add(phrase)
    db.session.flush()
    audit.record(actor, "phrase.create", f"phrase:{phrase.id}", after=phrase.snapshot())
    return phrase


def update_phrase(phrase: Phrase, use: str, title: str, text: str, actor: str) -> Phrase:
    """Change a phrase's wording or use (its owner stays); moved to the end of a new use."""
    title, text = _checked(use, title, text, phrase.organization_id)
    before = phrase.snapshot()
    if use != phrase.use:
        phrase.position = max((p.position for p in group(use, phrase.organization_id)),
                              default=-1) + 1
    phrase.use, phrase.title, phrase.text = use, title, text
    phrase.updated_by, phrase.updated_at = actor, utcnow()
    after = phrase.snapshot()
    if after != before:
        audit.record(actor, "phrase.update", f"phrase:{phrase.id}", before=before, after=after)
    return phrase


def delete_phrase(phrase: Phrase, actor: str) -> None:
    audit.record(actor, "phrase.delete", f"phrase:{phrase.id}", before=phrase.snapshot())
    db.session.delete(phrase)
    db.session.flush()


def move_phrase(phrase: Phrase, step: int, actor: str) -> bool:
    """One place up (-1) or down (+1) among its use's phrases; False at either end."""
    rows = group(phrase.use, phrase.organization_id)
    at = rows.index(phrase)
    to = at + (1 if step > 0 else -1)
    if not 0 <= to < len(rows):
        return False
    rows[at], rows[to] = rows[to], rows[at]
    for position, row in enumerate(rows):  # renumbered, so ties from old data cannot stick
        row.position = position
    db.session.flush()
    audit.record(actor, "phrase.move", f"phrase:{phrase.id}",
                 before={"position": at}, after={"position": to})
    return True
