"""CSV exports of the dashboard's tables (orders, ratings, applications, volunteer hours), masked.

Exports hold every row, never one page or a capped count: a report silently cut
short gives wrong totals, which is worse than a slow download. The body is
streamed, read in keyset batches, so a large table never sits in memory whole.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from flask import Response, abort, stream_with_context
from flask_login import current_user

from accounts.models import Organization
from admin.auth import staff_required
from admin.blueprint import bp, cst
from admin.csv_files import BATCH, csv_chunks
from admin.masking import mask
from admin.orders.labels import order_source
from applications.models import Application
from core import audit, calendar
from core.audit import utcnow
from core.extensions import db
from orders import categories
from orders.models import OPEN_STATES, Order, Rating
from orders.texts import CLOSE_KIND_LABELS, OUTCOME_LABELS, STATE_LABELS
from volunteers.models import ServiceHours, Volunteer


@dataclass(frozen=True)
class Export:
    """One CSV: its header, the rows' query (first entity keyed by id) and one row's cells."""

    title: str
    header: list[str]
    query: Callable
    cells: Callable[..., list]


def _application_cells(a: Application) -> list:
    return [a.reference, a.service, a.title, a.status_label, a.community, mask(a.name, "name"),
            mask(a.phone, "phone"), a.id_masked, cst(a.created_at), cst(a.updated_at)]


def _hours_cells(h: ServiceHours, v: Volunteer) -> list:
    return [v.id, mask(v.name, "name"), v.community, h.hours, h.source, cst(h.at)]


def _order_cells(o: Order, org: str | None) -> list:
    overdue = o.state in OPEN_STATES and o.due_at is not None and o.due_at < utcnow()
    return [o.number, categories.short(o.category), STATE_LABELS.get(o.state, o.state),
            order_source(o.source), o.community, mask(o.address, "address"), mask(o.phone, "phone"),
            org or "", cst(o.created_at), cst(o.due_at), "是" if overdue else "否",
            cst(o.completed_at), o.service_hours, len(o.volunteers or []),
            CLOSE_KIND_LABELS.get(o.outcome, OUTCOME_LABELS.get(o.outcome, o.outcome))]


def _rating_cells(r: Rating, o: Order, org: str | None) -> list:
    return [o.number, categories.short(o.category), org or "", r.score,
            "已解决" if r.resolved else "未解决", mask(r.comment, "text"), cst(r.at)]


EXPORTS: dict[str, Export] = {
    "applications": Export(
        "预申请", ["编号", "事项编号", "事项", "状态", "社区", "姓名", "电话", "身份证号", "提交时间",
                 "更新时间"],
        lambda: db.select(Application), _application_cells),
    "volunteer-hours": Export(
        "志愿服务时长", ["志愿者编号", "姓名", "社区", "服务时长（小时）", "来源", "记录时间"],
        lambda: db.select(ServiceHours, Volunteer).join(Volunteer), _hours_cells),
    # No description or openid: free text and the resident's id say more than statistics need.
    "orders": Export(
        "居民点单", ["单号", "服务类别", "状态", "来源", "社区", "地址", "电话", "服务组织", "点单时间",
                 "办理时限", "是否超时", "完成时间", "服务时长（小时）", "志愿者人数", "结果"],
        lambda: db.select(Order, Organization.name).outerjoin(
            Organization, Order.organization_id == Organization.id), _order_cells),
    "ratings": Export(
        "服务评价", ["单号", "服务类别", "服务组织", "评分", "问题是否解决", "评价内容", "评价时间"],
        lambda: db.select(Rating, Order, Organization.name)
        .join(Order, Rating.order_id == Order.id)
        .outerjoin(Organization, Rating.organization_id == Organization.id), _rating_cells),
}


def rows_of(export: Export, batch: int | None = None) -> Iterator[list]:
    """Every row in id order, one keyset page at a time (no OFFSET, no open cursor)."""
    batch = batch or BATCH
    query = export.query()
    key = query.column_descriptions[0]["entity"].id
    last = None
    while True:
        page = query if last is None else query.where(key > last)
        rows = db.session.execute(page.order_by(key).limit(batch)).all()
        for row in rows:
            yield export.cells(*row)
        if len(rows) < batch:
            return
        last = rows[-1][0].id


@bp.route("/export/<kind>.csv")
@staff_required
def export(kind: str):
    """Download one table as CSV, streamed; the download is audit-logged."""
    if kind not in EXPORTS:
        abort(404)
    # The audit row joins the request's unit of work, committed by core.unit's
    # after_request before the first byte of the body is read.
    audit.record(current_user.username, f"export.{kind}", kind)
    name = f"{kind}-{calendar.today():%Y%m%d}.csv"
    body = stream_with_context(csv_chunks(EXPORTS[kind].header, rows_of(EXPORTS[kind])))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}"'})
