"""User-facing text of the admin, in simplified Chinese."""

LOGIN_REQUIRED = "请先登录管理后台。"
LOGIN_OK = "欢迎回来，{name}。"
LOGIN_INVALID = "用户名或密码错误。"
LOGIN_INACTIVE = "该账号已停用，请联系系统管理员。"
LOGIN_LOCKED = "密码连续输错次数过多，账号已锁定，请于 {until} 之后再试，或联系系统管理员解锁。"
LOGIN_THROTTLED = "登录尝试过于频繁，请 {minutes} 分钟后再试。"
LOGGED_OUT = "您已安全退出。"
IDLE_TIMEOUT = "长时间未操作，为保护账号安全已自动退出，请重新登录。"
SESSION_REVOKED = "账号状态或密码已变更，请重新登录。"
SESSION_EXPIRED = "登录已满 {hours} 小时，为保护账号安全请重新登录。"

USER_CREATED = "已创建用户 {username}。"
USER_DEACTIVATED = "已停用用户 {username}，其登录状态已失效。"
USER_REACTIVATED = "已启用用户 {username}。"
USER_UNLOCKED = "已解除用户 {username} 的登录锁定。"
PASSWORD_RESET = "已重置用户 {username} 的密码。"
ORG_CREATED = "已添加社会组织 {name}。"
ORG_UPDATED = "已保存社会组织 {name}。"

ERRORS = {
    400: ("请求无效", "页面可能已过期或表单不完整，请返回上一页刷新后重试。"),
    403: ("无权访问", "您的账号没有访问此页面的权限。如需开通，请联系系统管理员。"),
    404: ("页面不存在", "您访问的页面不存在或已被移除。"),
    405: ("请求方式不正确", "请通过页面上的按钮操作。"),
    429: ("操作过于频繁", "请稍后再试。"),
    500: ("系统出错了", "服务器暂时无法处理您的请求，请稍后重试；如持续出现请联系系统管理员。"),
}
CSRF_ERROR = ("页面已过期", "为保护您的账号安全，表单已失效。请返回上一页，刷新后重新提交。")

# What a refused form says. Reasons and replies reach the resident as one WeChat
# message (notifications keep 2,000 characters), so limits keep them whole.
REASON_MAX = 500
REPLY_MAX = 1000
# WTForms fills in %(length)d: how much there is to cut.
TOO_LONG = "{label}最多 {limit} 字，现在是 %(length)d 字，请精简后再提交（已填写的内容都保留着）。"
UNSENT_REPLY = "回复框里还有没发送的内容：请先发送，或清空后再结束工单。"
APPLICATION_UPDATED = "已更新为“{label}”，已通知居民。"
TICKET_REPLIED = "回复已发送给居民。"
TICKET_CLOSED = "工单已结束。"
APPOINTMENT_CANCELLED = "预约 {reference} 已取消，已把原因告知居民。"
APPOINTMENT_NEEDS_REASON = "请填写取消原因：会发给居民，说明为什么取消。"
PHRASE_SAVED = "常用语已保存，之后填写时即可选用。"
PHRASE_DELETED = "已删除常用语“{title}”。"
TICKET_CLAIMED = "已认领，这个工单由您处理。"
TICKET_ASSIGNED = "已指派给 {name}，对方会收到通知。"

# WTForms' built-in messages, for fields whose validators we do not spell out.
WTFORMS = {
    "Not a valid choice.": "选项无效。",
    "Not a valid choice": "选项无效。",
    "'%(value)s' is not a valid choice for this field.": "“%(value)s”不是有效选项。",
    "'%(value)s' are not valid choices for this field.": "“%(value)s”不是有效选项。",
    "This field is required.": "此项必填。",
    "Invalid input.": "输入无效。",
    "Not a valid integer value.": "请输入整数。",
    "Field must be equal to %(other_name)s.": "两次输入不一致。",
}

KB_SAVED = "已保存并发布，居民几秒内即可看到新内容。"
KB_UNCHANGED = "内容没有变化，无需保存。"
KB_DELETED = "已删除“{key}”，居民端即时生效。"
KB_RESTORED = "已恢复到 {at} 的版本，居民端即时生效。"
MISSED_ATTACHED = "已把“{text}”加入{target}，机器人今后能回答这类问题（共 {count} 条已处理）。"
MISSED_CREATED = "已新建问答，关联的 {count} 条未答问题已处理。"
MISSED_OUT_OF_SCOPE = "已将 {count} 条问题标记为不属于民政业务。"
MISSED_GONE = "这些问题已被其他同事处理。"
MISSED_NONE_PICKED = "请先勾选要处理的问题组。"
MISSED_ROW_FAILED = "“{text}”未能加入：{why}"

# Orders (点单派单): what staff and organisations are told after each step.
BULK_NONE = "请先勾选要处理的订单。"
BULK_SUMMARY = "批量处理：{done}/{total} 单完成。"
BULK_DONE = "{number}：已完成。"
BULK_REFUSED = "{number}：未处理，{why}"
BULK_GONE = "订单 {id} 已不存在。"
ORDER_DONE = {
    "approve": "已审核通过，请为订单派单。",
    "reject": "已审核不通过，已告知居民原因。",
    "dispatch": "已派单给“{org}”，等待对方接单。",
    "reassign": "已改派给“{org}”，等待对方接单。",
    "reopen": "已重新打开订单，请重新派单。",
    "close_admin": "已行政关闭订单，已告知居民。",
    "cancel": "已取消订单，已告知居民。",
    "accept": "已接单，请按约定时间上门服务。",
    "decline": "已拒单，订单已退回民政局重新派单。",
    "complete": "已提交服务完成情况，等待居民评价。",
    "cannot_complete": "已退回订单，民政局会重新派单。",
    "follow_up": "已记录回访，订单已移出回访队列。",
}
ORDER_CREDITED = "已为 {credited} 位志愿者记录服务时长。"
NOT_ON_ROSTER = ("以下人员不在本组织的志愿者名单中，不会记入志愿服务时长：{names}。"
                 "如是登记志愿者，请先在“志愿者名单”中添加后勾选；如不是，请勾选下方确认后再提交。")
ROSTER_CHANGED = "所勾选的志愿者已不在本组织的名单中，请刷新页面后重新勾选。"
ROSTER_ADDED = "已把 {name} 加入本组织的志愿者名单。"
ROSTER_REMOVED = "已把 {name} 移出本组织的志愿者名单，已记录的服务时长不受影响。"
ORDER_NOT_CREDITED = "以下志愿者未能记录时长（未登记、未通过审核或重名），请联系民政局核实：{names}。"
ORDER_NOT_FOUND = "没有找到单号为“{number}”的订单。"
ORDER_SOURCES = {"wechat": "微信公众号", "open311": "其他系统（Open311）"}

# Lists: asked for a page past the end (an old bookmark, a typed URL), show the last one.
PAGE_PAST_END = "没有第 {page} 页，已显示最后一页（第 {last} 页）。"
