"""An order's event log as rows people read: who, as what, when, from → to, why."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from accounts.models import Organization
from admin.orders.labels import volunteer_name, volunteer_names
from core.extensions import db
from orders import texts
from orders.models import Order, OrderEvent

# What an organisation never sees: the bureau's messages to the resident, and its 回访 calls.
HIDDEN_FROM_ORGS = ("notify", "follow_up")
RELEASES = ("decline", "cannot_complete", "accept_timeout")


@dataclass
class Row:
    at: datetime
    event: str
    label: str
    actor: str
    role: str
    moved: str
    reason: str
    details: list[str]


def rows(order: Order, org_id: int | None = None, full_names: bool = False) -> list[Row]:
    """The whole timeline for staff; for an organisation (org_id), what concerns it.

    Volunteers' names are masked unless the page shows them after an audited reveal.
    """
    names = dict(db.session.execute(db.select(Organization.id, Organization.name)).all())
    found = []
    for event in db.session.scalars(db.select(OrderEvent).filter_by(order_id=order.id)
                                    .order_by(OrderEvent.id)):
        if org_id is not None and event.event in HIDDEN_FROM_ORGS:
            continue
        found.append(_row(event, names, org_id, full_names))
    return found


def _row(event: OrderEvent, names: dict, org_id: int | None, full_names: bool = False) -> Row:
    moved = ""
    if event.from_state != event.to_state:
        moved = (f"{texts.STATE_LABELS.get(event.from_state, event.from_state)} → "
                 f"{texts.STATE_LABELS.get(event.to_state, event.to_state)}")
    reason = event.reason
    # "系统 · system" says it twice; a resident's openid means nothing to staff.
    actor = "" if event.role in ("system", "resident") else event.actor
    if org_id is not None:
        # Organisations see the bureau's steps and their own, not other organisations' names.
        actor = "" if event.role != "org" else actor
        if event.event in RELEASES and event.data.get("declined_by") != org_id:
            actor, reason = "", ""
    return Row(event.at, event.event, texts.EVENT_LABELS.get(event.event, event.event), actor,
               texts.ROLE_LABELS.get(event.role, event.role), moved, reason,
               details(event.data or {}, names, full_names))


def details(data: dict, names: dict, full_names: bool = False) -> list[str]:
    """The event's data (organisation, hours, score…) in words."""
    said = []
    if data.get("organization_id"):
        said.append("派给：" + names.get(data["organization_id"], f"#{data['organization_id']}"))
    if data.get("declined_by"):
        said.append("退回自：" + names.get(data["declined_by"], f"#{data['declined_by']}"))
    if data.get("kind"):
        said.append("关闭类型：" + texts.CLOSE_KIND_LABELS.get(data["kind"], data["kind"]))
    if "volunteer" in data:
        state = "已记入" if data.get("credited") else "未记入（未找到已通过审核的志愿者）"
        said.append(f"志愿者 {volunteer_name(data['volunteer'], full_names)}：{data.get('hours', 0):g} 小时，{state}")
    elif "hours" in data:
        said.append(f"服务时长：{data['hours']:g} 小时")
    if data.get("volunteers"):
        said.append("参与志愿者：" + volunteer_names(data["volunteers"], full_names))
    if "score" in data:
        said.append(f"评分：{data['score']} 分")
    if "resolved" in data:
        said.append("问题已解决" if data["resolved"] else "问题未解决")
    if "delivered" in data:
        # Only queued here: whether it reached anyone is in the 通知送达 card.
        said.append("已交发送，送达情况见“通知送达”" if data["delivered"] else "未能交发送")
    return said
