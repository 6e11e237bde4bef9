"""审计日志: filtered by person, date, object and action; paged, and the same rows as CSV."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user
from sqlalchemy import or_
from sqlalchemy.sql import Select

from accounts.models import ROLE_LABELS, Organization, User
from admin.audit import labels
from admin.audit.rows import People, describe, object_names, object_targets, organization_names
from admin.auth import admin_required
from admin.blueprint import bp, cst
from admin.csv_files import BATCH, csv_chunks
from admin.paging import paginate
from core import audit, calendar
from core.audit import AuditEntry
from core.extensions import db

# Who: an admin user's username, or one of these.
SYSTEM, RESIDENTS = "system", "resident"
# Objects whose rows carry no "<type>:" target: found by their action's first part.
BY_ACTION = {"missed", "export", "eligibility", "notifications"}
CSV_HEADER = ["时间（北京时间）", "操作人", "操作人账号与组织", "操作", "操作代码", "对象类型", "对象",
              "变更"]


@dataclass(frozen=True)
class AuditFilter:
    """The page's filters as the query string gave them (kept in paging and CSV links)."""

    actor: str = ""
    since: str = ""
    until: str = ""
    kind: str = ""
    object: str = ""
    action: str = ""

    @classmethod
    def from_request(cls) -> AuditFilter:
        args = {name: request.args.get(name, "").strip()[:80] for name in cls.__dataclass_fields__}
        if args["kind"] not in labels.OBJECT_TYPES:
            args["kind"] = ""
        return cls(**args)

    def links(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value}


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def audit_query(f: AuditFilter) -> Select:
    """Entries matching the filter, newest first."""
    query = db.select(AuditEntry)
    if f.actor == SYSTEM:
        query = query.where(AuditEntry.actor == SYSTEM)
    elif f.actor == RESIDENTS:
        query = query.where(AuditEntry.actor.startswith("resident:"))
    elif f.actor:
        user = db.session.scalar(db.select(User).filter_by(username=f.actor))
        # Order steps used to be recorded under the display name.
        names = {f.actor} | ({user.display_name} if user is not None and user.display_name else set())
        query = query.where(AuditEntry.actor.in_(names))
    since, until = _day(f.since), _day(f.until)
    if since:
        query = query.where(AuditEntry.at >= calendar.china_midnight(since))
    if until:
        query = query.where(AuditEntry.at < calendar.china_midnight(until + timedelta(days=1)))
    if f.kind in BY_ACTION:
        query = query.where(AuditEntry.action.startswith(f.kind + "."))
    elif f.kind:
        query = query.where(AuditEntry.target.startswith(f.kind + ":", autoescape=True))
    if f.object:
        exact, prefixes = object_targets(f.kind, f.object)
        query = query.where(or_(AuditEntry.target.in_(exact),
                                *(AuditEntry.target.startswith(p, autoescape=True) for p in prefixes)))
    if f.action:
        query = query.where(AuditEntry.action.startswith(f.action, autoescape=True))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def _people_choices() -> list[tuple[str, str]]:
    rows = db.session.execute(
        db.select(User.username, User.display_name, User.role, Organization.name)
        .outerjoin(Organization, User.organization_id == Organization.id)
        .order_by(User.role, User.username)).all()
    choices = [(SYSTEM, "系统"), (RESIDENTS, "居民（全部）")]
    for username, display, role, org in rows:
        extra = org or ROLE_LABELS.get(role, role)
        choices.append((username, f"{display or username}（{username}，{extra}）"))
    return choices


@bp.route("/audit", endpoint="audit")
@admin_required
def audit_log():
    """Audit log, newest first, paged, in Chinese with field-level changes."""
    f = AuditFilter.from_request()
    page = paginate(audit_query(f))
    people = People()
    people.load({entry.actor for entry in page.items})
    orgs = organization_names()
    actions = labels.action_choices()
    known = {code for _, options in actions for code, _ in options}
    names = object_names(page.items, orgs)
    return render_template("admin/audit.html", page=page,
                           rows=[describe(e, people, orgs, names) for e in page.items],
                           f=f, links=f.links(), people=_people_choices(), kinds=labels.OBJECT_TYPES,
                           actions=actions, custom_action="" if f.action in known else f.action)


def audit_csv_rows(f: AuditFilter, batch: int = BATCH):
    """Every matching entry, oldest first, in keyset batches; whole values, masked the same."""
    people, orgs = People(), organization_names()
    base = audit_query(f).order_by(None)
    last = None
    while True:
        query = base if last is None else base.where(AuditEntry.id > last)
        entries = db.session.scalars(query.order_by(AuditEntry.id).limit(batch)).all()
        people.load({e.actor for e in entries})
        names = object_names(entries, orgs)
        for entry in entries:
            row = describe(entry, people, orgs, names, cut=None)
            changed = "；".join(f"{c.field}：{c.before or '—'} → {c.after or '—'}"
                               if c.before is not None else f"{c.field}：{c.after}"
                               for c in row.changes)
            yield [cst(entry.at, "%Y-%m-%d %H:%M:%S"), row.who.name, row.who.detail, row.action,
                   entry.action, row.kind, row.target, changed]
        if len(entries) < batch:
            return
        last = entries[-1].id


@bp.route("/audit.csv", endpoint="audit_csv")
@admin_required
def audit_export():
    """The filtered audit log as CSV, streamed; the download is itself audited."""
    f = AuditFilter.from_request()
    audit.record(current_user.username, "export.audit", "audit", after=f.links() or None)
    name = f"audit-{calendar.today():%Y%m%d}.csv"
    body = stream_with_context(csv_chunks(CSV_HEADER, audit_csv_rows(f)))
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
