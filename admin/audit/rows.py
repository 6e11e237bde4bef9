"""Audit rows as people read them: who (name and organisation), what, on which object, what changed.

Shared by the audit page and its CSV. Field-level changes only: a record saved
whole (a guide, an organisation) shows the fields that differ, each before → after;
personal values pass through admin.masking like everywhere else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for

from accounts.models import ROLE_LABELS, Organization, User
from applications.models import Application, Appointment
from handoff.models import Ticket
from volunteers.models import Volunteer
from admin.audit import labels
from admin.masking import mask
from core import calendar
from core.audit import AuditEntry
from core.extensions import db
from orders import categories

# Fields that hold a personal value of a known kind, whatever the object.
PERSONAL = {"phone": "phone", "id_number": "id_number", "address": "address", "name": "name"}
# Objects about residents: their free text is masked (ID, phone and house numbers, names),
# all but the fields that hold codes, numbers of our own and dates.
RESIDENT_OBJECTS = {"order", "application", "appointment", "volunteer", "ticket", "missed"}
CODE_FIELDS = {"reference", "service", "day", "time", "state", "status", "kind", "hours", "score",
               "resolved", "organization_id", "declined_by", "category", "source", "community",
               "ids", "skills", "failures"}
# Names on volunteer registrations are residents' names; a user's or organisation's name is not.
NAME_IS_PERSONAL = {"volunteer", "application", "appointment"}
# Fields of resident objects that list people (an order's volunteers): each a resident's name.
PEOPLE_LISTS = {"volunteers", "volunteer"}
# A long text (a guide's field) is cut on the page; the CSV keeps it whole.
PAGE_CUT = 240
LIST_SHOWN = 10
MISSING = object()
REFERENCE = re.compile(r"^(SQ|YY|GD)\d{8}-(\d+)$", re.IGNORECASE)
REFERENCE_KINDS = {"SQ": "application", "YY": "appointment", "GD": "ticket"}
ORDER_NUMBER = re.compile(r"^DD\d{8}-\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class Person:
    name: str
    detail: str = ""  # account and role, or the organisation


@dataclass
class Change:
    field: str
    before: str | None  # None: the field was not recorded on that side
    after: str | None


@dataclass
class Row:
    entry: AuditEntry
    who: Person
    action: str
    kind: str
    target: str
    link: str | None
    changes: list[Change] = field(default_factory=list)


class People:
    """Actor strings → people, looked up once per distinct name (a page or a CSV batch)."""

    def __init__(self) -> None:
        self.known: dict[str, Person | None] = {}

    def load(self, names: set[str]) -> None:
        """Look up every name not seen yet in one query (usernames, then display names)."""
        wanted = {n for n in names if n not in self.known and ":" not in n and n != "system"}
        self.known.update(dict.fromkeys(wanted))  # None: not an admin user
        if wanted:
            rows = db.session.execute(
                db.select(User.username, User.display_name, User.role, Organization.name)
                .outerjoin(Organization, User.organization_id == Organization.id)
                .where(User.username.in_(wanted) | User.display_name.in_(wanted))).all()
            # A username wins over someone else's display name.
            for username, display, role, org in sorted(rows, key=lambda r: r[0] in wanted):
                person = Person(display or username,
                                " · ".join(p for p in (username, ROLE_LABELS.get(role, role), org) if p))
                for key in (display, username):
                    if key in wanted:
                        self.known[key] = person

    def __call__(self, actor: str) -> Person:
        if actor not in self.known:
            self.load({actor})
        return self.known.get(actor) or _other(actor)


def _other(actor: str) -> Person:
    """Someone who is not an admin user: the system, a resident, an outside system."""
    if actor == "system":
        return Person("系统")
    head, _, rest = actor.partition(":")
    if head == "resident":
        return Person("居民")  # an openid means nothing to staff
    if head == "api":
        return Person("外部系统", rest)
    return Person(actor, "非本系统用户")


def organization_names() -> dict[int, str]:
    """Organisation names by id (there are tens, not thousands)."""
    return {org_id: name for org_id, name in db.session.execute(
        db.select(Organization.id, Organization.name))}


def describe(entry: AuditEntry, people: People, orgs: dict[int, str], names: dict[str, str] | None = None,
             cut: int | None = PAGE_CUT) -> Row:
    """One audit entry for reading; `cut` shortens long values (None keeps them whole)."""
    kind = labels.object_type(entry.action, entry.target)
    return Row(entry, people(entry.actor), labels.action_label(entry.action),
               labels.OBJECT_TYPES.get(kind, ""), _target_text(kind, entry.target, names or {}),
               _link(kind, entry.target), changes(entry, kind, orgs, cut))


def _target_text(kind: str, target: str, names: dict[str, str]) -> str:
    prefix, _, rest = target.partition(":")
    if prefix != kind or not rest:
        return target
    head = f"{prefix}:{rest.split(':')[0]}"
    return names[head] + rest[len(head) - len(prefix) - 1:] if head in names else rest


def _references(model, ids: set[int]) -> dict[int, str]:
    return {row.id: row.reference for row in db.session.scalars(db.select(model).where(model.id.in_(ids)))}


def object_names(entries, orgs: dict[int, str]) -> dict[str, str]:
    """Readable names for the objects of these entries ("user:2" → the account), one query per kind."""
    ids: dict[str, set[int]] = {}
    for entry in entries:
        prefix, _, rest = entry.target.partition(":")
        key = rest.split(":")[0]
        if key.isdigit():
            ids.setdefault(prefix, set()).add(int(key))
    found: dict[str, dict[int, str]] = {"organization": {i: orgs[i] for i in ids.get("organization", ()) if i in orgs}}
    if ids.get("user"):
        found["user"] = {i: f"{name}（{display}）" if display else name for i, name, display in db.session.execute(
            db.select(User.id, User.username, User.display_name).where(User.id.in_(ids["user"])))}
    for kind, model in (("application", Application), ("appointment", Appointment), ("ticket", Ticket)):
        if ids.get(kind):
            found[kind] = _references(model, ids[kind])
    if ids.get("volunteer"):
        found["volunteer"] = {i: f"{mask(name, 'name')}（#{i}）" for i, name in db.session.execute(
            db.select(Volunteer.id, Volunteer.name).where(Volunteer.id.in_(ids["volunteer"])))}
    return {f"{kind}:{i}": name for kind, by_id in found.items() for i, name in by_id.items()}


# Objects with a page of their own: (endpoint, its argument, how the id is read).
PAGES = {"order": ("admin.orders", "q", str), "application": ("admin.application_detail", "app_id", int),
         "ticket": ("admin.handoff_detail", "ticket_id", int),
         "organization": ("admin.organization_edit", "org_id", int)}
KNOWLEDGE = ("guide", "faq", "synonym", "word")


def _link(kind: str, target: str) -> str | None:
    """The object's own page, where it has one."""
    prefix, _, rest = target.partition(":")
    key = rest.split(":")[0]
    if kind in ("eligibility", "notifications", "day"):
        return url_for({"eligibility": "admin.eligibility", "notifications": "admin.notice_templates",
                        "day": "admin.official_days"}[kind])
    if prefix != kind or not key:
        return None
    if kind in KNOWLEDGE:
        return url_for("admin.knowledge_history", entity=kind, key=rest)
    if kind not in PAGES:
        return None
    endpoint, argument, read = PAGES[kind]
    try:
        return url_for(endpoint, **{argument: read(key)})
    except ValueError:  # a malformed id in an old row
        return None


def changes(entry: AuditEntry, kind: str, orgs: dict[int, str], cut: int | None = PAGE_CUT
            ) -> list[Change]:
    """The fields that differ between before and after, each as text."""
    before, after = _as_dict(entry.before), _as_dict(entry.after)
    found = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key, MISSING), after.get(key, MISSING)
        if old == new:
            continue
        old_text, new_text = (None if value is MISSING else _value(
            key, value, kind, entry.action, orgs, cut) for value in (old, new))
        found.append(Change(labels.FIELDS.get(key, key), old_text, new_text))
    return found


def _as_dict(value) -> dict:
    if value is None:
        return {}
    return value if isinstance(value, dict) else {"value": value}


def _value(key: str, value, kind: str, action: str, orgs: dict[int, str], cut: int | None) -> str:
    text = _plain(key, value, kind, action, orgs)
    if key in PERSONAL and (key != "name" or kind in NAME_IS_PERSONAL):
        text = mask(text, PERSONAL[key])
    elif kind in RESIDENT_OBJECTS and key not in CODE_FIELDS:
        text = mask(text, "text")
    if cut and len(text) > cut:
        text = f"{text[:cut]}…（共 {len(text)} 字）"
    return text


def _plain(key: str, value, kind: str, action: str, orgs: dict[int, str]) -> str:
    """A recorded value in words: labels for codes, names for ids, China time for times."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key in ("organization_id", "declined_by") and isinstance(value, int):
        return orgs.get(value, f"#{value}")
    if key == "ids" and isinstance(value, list):
        return f"{len(value)} 条"
    if isinstance(value, list):
        shown = [_plain(key, v, kind, action, orgs) for v in value[:LIST_SHOWN]]
        more = f" 等 {len(value)} 项" if len(value) > LIST_SHOWN else ""
        return "、".join(shown) + more
    if isinstance(value, dict):
        return "；".join(f"{labels.FIELDS.get(str(k), k)}：{_nested(str(k), v, kind, action, orgs)}"
                        for k, v in value.items())
    if key in PEOPLE_LISTS and kind in RESIDENT_OBJECTS:  # a typed name in a list of people
        return mask(str(value), "name")
    return _coded(key, str(value), kind, action)


def _nested(key: str, value, kind: str, action: str, orgs: dict[int, str]) -> str:
    """A value inside a recorded record (a volunteer of an order): personal ones masked."""
    text = _plain(key, value, kind, action, orgs)
    if key in PERSONAL and kind in RESIDENT_OBJECTS and not isinstance(value, (dict, list)):
        text = mask(text, PERSONAL[key])
    return text


def _coded(key: str, value: str, kind: str, action: str) -> str:
    if key in ("state", "status"):
        return labels.STATUS_VALUES.get(kind, {}).get(value, value)
    if key == "reason" and action.partition(".")[0] in ("login", "logout"):
        return labels.REASONS.get(value, value)
    if key in labels.VALUES:
        return labels.VALUES[key].get(value, value)
    if key in ("category", "categories") and kind in ("order", "organization"):
        return categories.short(value)
    if key == "skills" and kind == "volunteer":  # a volunteer's skills are order categories
        return categories.short(value)
    if key == "locked_until":
        try:
            return calendar.to_china(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return value


def object_targets(kind: str, text: str) -> tuple[list[str], list[str]]:
    """What an object filter typed as an id or number matches: (exact targets, target prefixes)."""
    text = text.strip()
    number = REFERENCE.match(text)
    if number and not kind:
        kind, text = REFERENCE_KINDS[number.group(1).upper()], str(int(number.group(2)))
    elif number and REFERENCE_KINDS[number.group(1).upper()] == kind:
        text = str(int(number.group(2)))
    if ORDER_NUMBER.match(text) and kind in ("", "order"):
        kind, text = "order", text.upper()
    if kind:
        return [f"{kind}:{text}"], [f"{kind}:{text}:"]
    return [text] + [f"{k}:{text}" for k in labels.OBJECT_TYPES], []
