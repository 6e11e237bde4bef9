"""Where a phrase is offered: one key per text box, its label, and who types there.

A key is named after the step whose text it fills (the order event, the
application status), so a page finds its phrases without a lookup table.
"""
from __future__ import annotations

STAFF, ORG = "staff", "org"

USES: dict[str, tuple[str, str]] = {
    "ticket.reply": ("转人工工单回复", STAFF),
    "ticket.close": ("结束工单说明（仅工作人员可见）", STAFF),
    "application.approved": ("预申请审核通过说明", STAFF),
    "application.need_info": ("预申请退回补充材料", STAFF),
    "application.rejected": ("预申请不予通过原因", STAFF),
    "volunteer.rejected": ("志愿者注册不通过原因", STAFF),
    "appointment.cancel": ("取消预约原因（会告知居民）", STAFF),
    "order.reject": ("点单审核不通过原因", STAFF),
    "order.reassign": ("改派原因", STAFF),
    "order.reopen": ("重新派单原因", STAFF),
    "order.close_admin": ("行政关闭说明", STAFF),
    "order.cancel": ("取消订单原因", STAFF),
    "order.follow_up": ("回访情况", STAFF),
    "order.decline": ("拒单原因", ORG),
    "order.complete": ("服务情况说明（办结说明）", ORG),
    "order.cannot_complete": ("无法完成的原因", ORG),
}


def label(use: str) -> str:
    return USES[use][0] if use in USES else use


def for_audience(audience: str) -> list[str]:
    """The uses one kind of user types into, in the table's order."""
    return [key for key, (_, who) in USES.items() if who == audience]
