"""CSV exports that open correctly in Excel, with personal data masked."""
from __future__ import annotations

import csv
import io
from typing import Callable, Iterable

from flask import Response, abort
from flask_login import current_user

from admin.auth import staff_required
from admin.blueprint import bp, cst
from applications.models import Application
from core import audit, pii
from core.audit import utcnow
from core.extensions import db
from volunteers.models import ServiceHours, Volunteer

MAX_ROWS = 50_000
# Excel runs a cell starting with these as a formula (CSV injection); a quote disarms it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def mask_name(name: str) -> str:
    """张三丰 → 张**: enough to recognise a case, not to identify a stranger."""
    return name[:1] + "*" * (len(name) - 1) if name else ""


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _applications() -> tuple[list[str], Iterable[list]]:
    header = ["编号", "事项编号", "事项", "状态", "社区", "姓名", "电话", "身份证号", "提交时间",
              "更新时间"]
    rows = db.session.scalars(db.select(Application).order_by(Application.id).limit(MAX_ROWS))
    return header, ([a.reference, a.service, a.title, a.status_label, a.community,
                     mask_name(a.name), pii.mask_text(a.phone), a.id_masked, cst(a.created_at),
                     cst(a.updated_at)] for a in rows)


def _volunteer_hours() -> tuple[list[str], Iterable[list]]:
    header = ["志愿者编号", "姓名", "社区", "服务时长（小时）", "来源", "记录时间"]
    rows = db.session.execute(db.select(ServiceHours, Volunteer).join(Volunteer)
                              .order_by(ServiceHours.id).limit(MAX_ROWS))
    return header, ([v.id, mask_name(v.name), v.community, h.hours, h.source, cst(h.at)]
                    for h, v in rows)


EXPORTS: dict[str, tuple[str, Callable]] = {
    "applications": ("预申请", _applications),
    "volunteer-hours": ("志愿服务时长", _volunteer_hours),
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
    name = f"{kind}-{utcnow():%Y%m%d}.csv"
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}"'})
