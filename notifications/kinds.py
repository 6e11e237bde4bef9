"""The notice kinds staff map to WeChat templates, and the values each may use."""
from __future__ import annotations

# kind -> label shown to staff; residents' kinds first, then organisations' and staff's.
KINDS = {
    "order_accepted": "订单已接单",
    "order_completed": "订单服务完成",
    "rating_reminder": "提醒评价",
    "order_status": "订单其他进展",
    "application_result": "预申请审核结果",
    "need_materials": "需补充材料",
    "ticket_answered": "人工客服回复",
    "general": "其他通知",
    "org_dispatched": "新派单（社会组织）",
    "deadline_soon": "即将超时（社会组织）",
    "reminder": "催办提醒",
    "staff_alert": "工作人员提醒",
}
RESIDENT_KINDS = ("order_accepted", "order_completed", "rating_reminder", "order_status",
                  "application_result", "need_materials", "ticket_answered", "general")
STAFF_KINDS = ("org_dispatched", "deadline_soon", "reminder", "staff_alert")

# Values a template field may be filled from: {number}, {status}, ...
FIELDS = {
    "title": "通知标题", "number": "单号或编号", "category": "服务类别或事项",
    "status": "当前状态", "org": "服务组织", "reason": "原因或说明",
    "time": "时间（北京时间）", "deadline": "办理时限", "text": "通知全文",
    "remark": "结尾提示",
}
REMARK = "详情请在公众号内回复“我的订单”或“进度”查询。"


def label(kind: str) -> str:
    return KINDS.get(kind, kind)
