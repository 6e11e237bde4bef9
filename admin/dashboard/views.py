"""工作台: what the bot did, casework and orders in progress, volunteer hours, as charts."""
from __future__ import annotations

from flask import render_template

from admin.dashboard import charts
from admin.auth import staff_required
from admin.blueprint import bp
from applications.models import STATUS_LABELS as APPLICATION_LABELS
from applications.queries import applications_by_item
from conversations.queries import messages_per_day, open_count, outcome_shares
from core import calendar
from eligibility.models import referral_totals
from eligibility.assess import names as eligibility_names
from orders import queries as order_queries
from orders.models import OPEN_STATES
from orders.texts import STATE_LABELS
from volunteers.queries import hours_per_month

# The outcomes of conversations.queries.OUTCOMES as the charts name them.
OUTCOME_SERIES = [("answered", "已回答"), ("acted", "办理/转介"), ("clarified", "追问澄清"),
                  ("missed", "未答上")]
APPLICATION_SERIES = list(APPLICATION_LABELS.items())
STATE_SERIES = [("on_time", "未超时"), ("overdue", "已超时")]


@bp.route("/")
@staff_required
def dashboard():
    """The staff home page: figures of the last weeks, drawn as SVG on the server."""
    per_day = messages_per_day()
    shares = outcome_shares(per_day)
    by_item = applications_by_item()
    hours = hours_per_month()
    return render_template(
        "admin/dashboard.html", shares=shares, missed_open=open_count(),
        calendar_gaps=calendar.years_without_official_data(),
        series=OUTCOME_SERIES,
        messages_chart=charts.stacked_bars(
            [(day.strftime("%m-%d"), dict(c)) for day, c in per_day], OUTCOME_SERIES,
            "近 14 天每日消息数"),
        applications_chart=charts.stacked_bars(
            [(label.split(" ")[0], counts) for label, counts in by_item],
            APPLICATION_SERIES, "各事项预申请数量（按状态）") if by_item else None,
        applications=by_item, application_series=APPLICATION_SERIES,
        hours_chart=charts.stacked_bars([(m[2:], {"hours": h}) for m, h in hours],
                                        [("hours", "服务时长（小时）")], "每月志愿服务时长"),
        hours_total=round(sum(h for _, h in hours), 1), totals=referral_totals(),
        eligibility_names=eligibility_names(), **_order_figures())


def _order_figures() -> dict:
    by_state = order_queries.orders_by_state()
    records = order_queries.organization_records()
    rated = [(r.name, r.score) for r in records if r.score is not None]
    return {
        "order_states": by_state, "org_records": records,
        "orders_open": sum(sum(c.values()) for s, c in by_state if s in OPEN_STATES),
        "orders_overdue": sum(c["overdue"] for _, c in by_state),
        # Only open orders have a deadline to breach; finished ones are in the table below.
        "orders_chart": charts.stacked_bars(
            [(STATE_LABELS[s], c) for s, c in by_state
             if s in OPEN_STATES],
            STATE_SERIES, "办理中订单数（按状态，含超时）"),
        "ratings_chart": charts.horizontal_bars(rated, "各社会组织平均评分（满分 5 分）", " 分",
                                                top=5) if rated else None,
    }
