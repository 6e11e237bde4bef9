"""Who served on an order, read from the completion form against the organisation's roster.

Service hours go only to volunteers on the organisation's roster: a completion
names them by ticking the roster, and a typed name is matched against it. A
name that matches no one is shown back as a warning and is credited only after
the organisation confirms it is not a registered volunteer (then to no one).
"""
from __future__ import annotations

import re

from admin import texts
from admin.orders.forms import CompleteForm
from volunteers.queries import roster


class NotOnRoster(ValueError):
    """A ticked volunteer the roster no longer holds; str() says so, in Chinese."""


# Organisations type names one a line, or comma/顿号-separated as in Chinese text.
NAME_SEPARATORS = re.compile(r"[\n\r,，、;；]+")


def split_names(text: str) -> list[str]:
    """'张三，李四\\n王五' → ['张三', '李四', '王五'], each once, in order."""
    parts = (part.strip() for part in NAME_SEPARATORS.split(text or ""))
    return list(dict.fromkeys(part for part in parts if part))


def served_by(form: CompleteForm, organization_id: int | None) -> list[dict]:
    """The completion's volunteers: ticked ones and typed names, each checked against the roster."""
    entries = {e.volunteer_id: e.volunteer for e in roster(organization_id)} if organization_id else {}
    picked = list(dict.fromkeys(form.volunteer_ids.data or []))
    gone = [i for i in picked if i not in entries]
    if gone:
        raise NotOnRoster(texts.ROSTER_CHANGED)
    found = [{"id": i, "name": entries[i].name} for i in picked]
    by_name: dict[str, list] = {}
    for volunteer in entries.values():
        by_name.setdefault(volunteer.name, []).append(volunteer)
    strangers = []
    for name in split_names(form.volunteers.data):
        same = by_name.get(name, [])
        if len(same) == 1:  # typed instead of ticked: the same person
            if same[0].id not in picked:
                found.append({"id": same[0].id, "name": same[0].name})
                picked.append(same[0].id)
        else:
            strangers.append(name)
    return found + [{"name": name[:40], "registered": False} for name in strangers]


def unconfirmed(form: CompleteForm, volunteers: list) -> str:
    """The warning for typed names on no roster, until the organisation confirms them."""
    strangers = [v["name"] for v in volunteers if isinstance(v, dict) and v.get("registered") is False]
    if not strangers or form.unregistered_ok.data:
        return ""
    return texts.NOT_ON_ROSTER.format(names="、".join(strangers))
