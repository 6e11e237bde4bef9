"""常用语 where text is typed: the choices a text box offers, and a pick used without script.

With script (static/phrases.js) a pick is inserted into the text box at once.
Without it the pick is posted as `phrase`, and the server puts the phrase in a
text box left empty; what was typed always wins over a pick.
"""
from __future__ import annotations

from flask import request
from flask_login import current_user

from admin.blueprint import bp
from phrases.models import Phrase
from phrases.queries import offered
from phrases.uses import ORG, USES

FIELD = "phrase"


def _scope() -> int | None:
    """The organisation whose own phrases this user also gets (staff: the bureau's only)."""
    return current_user.organization_id if current_user.role == "org" else None


def _audience_ok(use: str) -> bool:
    return use in USES and (USES[use][1] == ORG) == (current_user.role == "org")


def _mine() -> list[Phrase]:
    # One query per page, however many text boxes it has. Kept on the request, not on `g`:
    # an app context (and its `g`) can outlive a request, and its rows would be stale.
    environ = request.environ
    if "mzt.phrases" not in environ:
        environ["mzt.phrases"] = offered(_scope()) if current_user.is_authenticated else []
    return environ["mzt.phrases"]


@bp.app_template_global("phrases_for")
def phrases_for(use: str) -> list[Phrase]:
    """The phrases a text box for `use` offers this user, the bureau's first."""
    if not current_user.is_authenticated or not _audience_ok(use):
        return []
    found = [p for p in _mine() if p.use == use]
    if found:
        request.environ["mzt.phrase_offered"] = True
    return found


@bp.app_template_global("phrase_offered")
def phrase_offered() -> bool:
    """Whether the page drew a picker, so it needs the insertion script (others stay script-free)."""
    return bool(request.environ.get("mzt.phrase_offered"))


def picked(use: str) -> Phrase | None:
    """The phrase posted with the form for `use`, if it is one this user may use here.

    A form with two text boxes (a reply and a close note) posts a pick from each select:
    each box takes the one of its own use.
    """
    ids = {int(raw) for raw in request.form.getlist(FIELD) if raw.isdigit()}
    return next((p for p in phrases_for(use) if p.id in ids), None)


def fill_from_phrase(form, name: str, use: str) -> None:
    """An empty text box takes the phrase picked beside it (the no-script path)."""
    field = form[name]
    if (field.data or "").strip():
        return
    phrase = picked(use)
    if phrase is not None:
        field.data = phrase.text


def phrase_text(use: str, typed: str) -> str:
    """For forms read from request.form directly: what was typed, or else the picked phrase."""
    if typed.strip():
        return typed
    phrase = picked(use)
    return phrase.text if phrase is not None else typed
