"""What notifications say: reasons staff see, binding replies, staff notices."""

UNSUBSCRIBED = "对方已取消关注公众号，消息无法送达，请电话联系。"
NO_TEMPLATE = "超过 48 小时未互动，需用模板消息送达，但“{kind}”还没有配置模板（管理后台 → 通知模板）。"
NO_RECIPIENT = "没有接收人（例如由其他系统提交、没有微信用户），无法通知。"
RETRIES_EXHAUSTED = "已尝试发送 {attempts} 次仍失败，已停止重试。最后一次错误：{error}"
NO_SENDER = "没有配置微信发送通道（NOTIFY_VIA=wechat 但未接入微信）。"
NO_ROUTE = "居民来自“{channel}”渠道，这个渠道收不到通知，请电话联系。"

# Replies to a scan of a binding QR code (the user sees them in WeChat).
BOUND = "绑定成功：{name} 的管理后台账号已绑定本微信，新派单、即将超时和催办提醒会发到这里。"
BIND_EXPIRED = "这个绑定二维码已失效或已使用，请在管理后台重新生成后再扫码。"
BIND_TAKEN = "本微信已绑定另一个管理后台账号（{name}），请先在后台解除绑定。"

# Template-field values that are not the notice itself.
TITLE = {
    "order_accepted": "您的订单已被接单", "order_completed": "您的订单服务已完成",
    "rating_reminder": "请为本次服务评价", "order_status": "您的订单有新进展",
    "application_result": "您的预申请有审核结果", "need_materials": "您的预申请需要补充材料",
    "ticket_answered": "工作人员回复了您", "general": "民政通通知",
    "org_dispatched": "有新的派单", "deadline_soon": "订单即将超过办理时限",
    "reminder": "订单催办提醒", "staff_alert": "订单需要处理",
}
