"""Messages residents receive about their applications and appointments."""

NEXT_STEPS = {
    "submitted": "工作人员会在 3 个工作日内开始审核，请保持电话畅通。",
    "under_review": "正在审核，有结果会第一时间通知您。",
    "need_info": "请按说明补充材料：可以直接在这里发材料的照片，也可带到社区居委会，或发送“转人工”联系工作人员。",
    "approved": "审核已通过，后续发放或服务安排会另行通知。",
    "rejected": "如有疑问，可以发送“转人工”咨询，或拨打 12345 热线。",
}
STATUS_CHANGED = "【{title}】申请（编号 {reference}）状态更新为：{label}。{reason}\n下一步：{next}"
REASON = "说明：{reason}。"
# A reason that already ends a sentence (a 常用语 does) takes no second 。.
SENTENCE_END = "。！？!?…"


def reason_line(reason: str) -> str:
    """说明：<reason>。 for a message to the resident; empty without a reason."""
    reason = reason.strip()
    if not reason:
        return ""
    line = REASON.format(reason=reason)
    return line[:-1] if reason[-1] in SENTENCE_END else line
APPOINTMENT_BOOKED = "【{title}】预约成功！编号 {reference}，时间 {when}。请带齐材料按时到场。"
APPOINTMENT_MOVED = "【{title}】预约（编号 {reference}）已改到 {when}。"
APPOINTMENT_CANCELLED = "【{title}】预约（编号 {reference}，{when}）已取消。{reason}"
APPOINTMENT_NEXT = "请在预约时间带齐材料到场；需要改约或取消，请发送“改约”或“取消预约”。"
NEED_REASON = "退回补充材料或不予通过时，请填写原因。"
