"""What the orders workflow says: to residents, staff and organisations."""

STATE_LABELS = {
    "new": "新建", "submitted": "待审单", "pending_dispatch": "待派单", "dispatched": "待接单",
    "in_service": "服务中", "awaiting_rating": "待评单", "closed": "已办结",
    "rejected": "未通过", "cancelled": "已取消", "closed_admin": "已办结（行政关闭）",
}
EVENT_LABELS = {
    "submit": "点单", "approve": "审核通过", "reject": "审核不通过", "dispatch": "派单",
    "reassign": "改派", "accept": "接单", "decline": "拒单", "accept_timeout": "超时未接单退回",
    "cannot_complete": "无法完成退回", "complete": "服务完成", "rate": "评价",
    "rating_timeout": "超期未评价，自动办结", "reopen": "重新派单", "cancel": "取消",
    "close_admin": "行政关闭", "notify": "通知居民", "remind": "催办提醒",
    "escalate": "超时上报", "rating_reminder": "提醒评价", "due_soon": "即将超时提醒",
    "credit_hours": "记录志愿服务时长",
    "fast_track": "助急免审核，直接待派单", "staff_alert": "提醒工作人员",
    "follow_up": "回访",
}
ROLE_LABELS = {"resident": "居民", "staff": "民政工作人员", "org": "社会组织",
               "system": "系统", "api": "外部系统"}
CLOSE_KIND_LABELS = {"duplicate": "重复提交", "out_of_remit": "不属于民政职责", "referred": "已转交其他部门"}
OUTCOME_LABELS = {"rated": "已评价", "unrated": "未评价"}

FAST_TRACK_REASON = "助急订单：免审核，直接进入派单队列"
EMERGENCY_ALERT = "助急订单 {number}：{description}（地址：{address}），请立即派单。"
NOT_GIVEN = "未填"

# Why a transition was refused.
NOT_NOW = "订单当前是“{state}”状态，不能{action}。"
NOT_ALLOWED = "您没有权限执行这个操作。"
NOT_YOUR_ORDER = "这不是您的订单。"
NEED_REASON = "请填写原因。"
NEED_ORG = "请选择要派给的社会组织。"
SAME_ORG = "订单已经派给这个组织了，请选择其他组织。"
BAD_ORG = "所选社会组织不存在或已停用。"
BAD_HOURS = "请填写服务时长（0 到 168 小时）。"
NEED_NOTES = "请填写服务情况说明。"
BAD_VOLUNTEERS = "参与服务的志愿者应是名单（列表）。"
BAD_SCORE = "评分应是 1 到 5 之间的整数。"
NEED_RESOLVED = "请说明问题是否已解决。"
REOPEN_ONLY_LOW = "只有评分较低（2 分及以下）或居民表示未解决的订单才能重新派单。"
FOLLOW_UP_ONLY_LOW = "只有评分较低（2 分及以下）或居民表示未解决的订单需要回访。"
NEED_FOLLOW_UP_NOTE = "请填写回访情况。"
NEED_CLOSE_KIND = "请选择关闭类型：重复提交、不属于民政职责或已转交其他部门。"
CONFLICT = "这张订单刚刚已被其他人处理，现在是“{state}”状态，请刷新后查看。"
# Another session moved it between our read and our write: its new state is not known here.
CONFLICT_MOVED = "这张订单刚刚已被其他人处理，请刷新后查看。"
NO_SUCH_ORDER = "没有找到这张订单。"
NO_SUCH_CATEGORY = "没有这类服务：{category}"
NUMBER_FAILED = "订单编号生成失败，请稍后再试。"

# Notifications to the resident, one per step.
NOTIFY = {
    "submitted": "您的点单已提交，单号 {number}（{category}）。工作人员会尽快审核，审核后派给服务组织上门服务。",
    "submitted_emergency": ("您的助急订单已提交，单号 {number}。不用等审核，工作人员已收到提醒，正在为您"
                            "安排人员。如有生命危险，请先拨打 120 急救、110 报警或 119 火警。"),
    "pending_dispatch": "您的订单 {number} 已审核通过，正在为您安排服务组织。",
    "rejected": "很抱歉，您的订单 {number} 未通过审核，原因：{reason}。如有疑问请发送“转人工”。",
    "dispatched": "您的订单 {number} 已派给“{org}”，对方接单后会与您联系。",
    "in_service": "“{org}”已接单（订单 {number}），会按约定时间上门服务，联系电话 {org_phone}。",
    "awaiting_rating": ("您的订单 {number} 服务已完成。请回复“评价”或点菜单“居民点单 → 评价服务”，"
                        "为本次服务打分（1-5 分），您的评价会帮助我们改进服务。"),
    "closed": "感谢您的评价！订单 {number} 已办结。",
    "cancelled": "您的订单 {number} 已取消。{reason}",
    "closed_admin": "您的订单 {number} 已办结：{reason}",
    "redispatch": "您的订单 {number} 正在重新为您安排服务组织，请耐心等待。",
    "rating_reminder": "您的订单 {number} 服务已完成，还没有收到您的评价。回复“评价”即可为本次服务打分。",
}

# Notices to staff (in the admin, and WeChat if bound) and to organisations.
STAFF_NOTICE = {
    "decline": "订单 {number}（{category}）被“{org}”拒单，原因：{reason}。请重新派单。",
    "cannot_complete": "“{org}”退回了订单 {number}（{category}），原因：{reason}。请重新派单。",
    "accept_timeout": "订单 {number}（{category}）超过接单时限无人接单，已退回待派单，请重新派单。",
    "escalate": "超时上报：订单 {number}（{category}）{reason}。",
    "remind": "催办：订单 {number}（{category}）{reason}。",
    "low_rating": "订单 {number}（{category}）居民评价 {score} 分，{resolved}。{reason}可在订单页重新派单。",
    "emergency": "紧急：订单 {number}（{category}）已免审核进入待派单，请立即派单。{reason}",
}
ORG_NOTICE = {
    "dispatched": "新派单：订单 {number}（{category}），请在 {deadline} 前接单。",
    "deadline_soon": "即将超时：订单 {number}（{category}）{stage}时限为 {deadline}，请尽快处理。",
    "remind": "催办：订单 {number}（{category}）{reason}。",
}
STAGE_LABELS = {"dispatched": "接单", "in_service": "完成服务"}
RESOLVED_LABELS = {True: "表示问题已解决", False: "表示问题未解决"}
LOW_RATING_COMMENT = "留言：{comment}。"
# When a notice gives a deadline (China time), and an organisation's phone we do not hold.
DEADLINE_FORMAT = "%m月%d日 %H:%M"
ORG_PHONE_UNKNOWN = "见短信"

# Open311 (orders/open311.py): what the endpoint tells client systems and the residents they serve.
OPEN311_CONTACT = "市民政局 0000-1234500"
OPEN311_KEY_SERVICE = "请联系市民政局信息科申请 api_key"
OPEN311_ACCEPTED = "已受理，工作人员将在1个工作日内审核派单"
