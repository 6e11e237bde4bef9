"""CSV exports that open correctly in Excel, with personal data masked.

Exports hold every row, never one page or a capped count: a report silently cut
short gives wrong totals, which is worse than a slow download.
"""
from __future__ import annotations

import csv
import io
from typing import Callable, Iterable

from flask import Response, abort
from flask_login import current_user

from accounts.models import Organization
from admin.auth import staff_required
from admin.blueprint import bp, cst
from admin.masking import mask_address, mask_name, mask_phone
from admin.order_labels import order_source
from applications.models import Application
from core import audit, calendar, pii
from core.audit import utcnow
from core.extensions import db
from orders import categories
from orders.models import OPEN_STATES, Order, Rating
from orders.texts import CLOSE_KIND_LABELS, OUTCOME_LABELS, STATE_LABELS
from volunteers.models import ServiceHours, Volunteer

# Excel runs a cell starting with these as a formula (CSV injection); a quote disarms it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _applications() -> tuple[list[str], Iterable[list]]:
    header = ["编号", "事项编号", "事项", "状态", "社区", "姓名", "电话", "身份证号", "提交时间",
              "更新时间"]
    rows = db.session.scalars(db.select(Application).order_by(Application.id))
    return header, ([a.reference, a.service, a.title, a.status_label, a.community,
                     mask_name(a.name), pii.mask_text(a.phone), a.id_masked, cst(a.created_at),
                     cst(a.updated_at)] for a in rows)


def _volunteer_hours() -> tuple[list[str], Iterable[list]]:
    header = ["志愿者编号", "姓名", "社区", "服务时长（小时）", "来源", "记录时间"]
    rows = db.session.execute(db.select(ServiceHours, Volunteer).join(Volunteer)
                              .order_by(ServiceHours.id))
    return header, ([v.id, mask_name(v.name), v.community, h.hours, h.source, cst(h.at)]
                    for h, v in rows)


def _orders() -> tuple[list[str], Iterable[list]]:
    # No description or openid: free text and the resident's id say more than statistics need.
    header = ["单号", "服务类别", "状态", "来源", "社区", "地址", "电话", "服务组织", "点单时间",
              "办理时限", "是否超时", "完成时间", "服务时长（小时）", "志愿者人数", "结果"]
    now = utcnow()
    rows = db.session.execute(db.select(Order, Organization.name)
                              .outerjoin(Organization, Order.organization_id == Organization.id)
                              .order_by(Order.id))
    return header, ([o.number, categories.short(o.category), STATE_LABELS.get(o.state, o.state),
                     order_source(o.source), o.community, mask_address(o.address), mask_phone(o.phone),
                     org or "", cst(o.created_at), cst(o.due_at),
                     "是" if o.state in OPEN_STATES and o.due_at and o.due_at < now else "否",
                     cst(o.completed_at), o.service_hours, len(o.volunteers or []),
                     CLOSE_KIND_LABELS.get(o.outcome, OUTCOME_LABELS.get(o.outcome, o.outcome))]
                    for o, org in rows)


def _ratings() -> tuple[list[str], Iterable[list]]:
    header = ["单号", "服务类别", "服务组织", "评分", "问题是否解决", "评价内容", "评价时间"]
    rows = db.session.execute(db.select(Rating, Order, Organization.name)
                              .join(Order, Rating.order_id == Order.id)
                              .outerjoin(Organization, Rating.organization_id == Organization.id)
                              .order_by(Rating.id))
    return header, ([o.number, categories.short(o.category), org or "", r.score,
                     "已解决" if r.resolved else "未解决", pii.mask_text(r.comment), cst(r.at)]
                    for r, o, org in rows)


EXPORTS: dict[str, tuple[str, Callable]] = {
    "applications": ("预申请", _applications),
    "volunteer-hours": ("志愿服务时长", _volunteer_hours),
    "orders": ("居民点单", _orders),
    "ratings": ("服务评价", _ratings),
}


def csv_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    """UTF-8 with a byte-order mark and CRLF line ends: what Excel expects of a CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@bp.route("/export/<kind>.csv")
@staff_required
def export(kind: str):
    """Download one table as CSV; the download is audit-logged."""
    if kind not in EXPORTS:
        abort(404)
    header, rows = EXPORTS[kind][1]()
    body = csv_bytes(header, rows)
    audit.record(current_user.username, f"export.{kind}", kind)
    name = f"{kind}-{calendar.today():%Y%m%d}.csv"
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}"'})
