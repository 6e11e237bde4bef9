"""What the ordering and rating dialogs say to residents."""

START = "好的，我来帮您点单，请留几项信息，我们审核后会派社会组织上门服务。"
ASK_CATEGORY = "您需要哪一类服务？请回复数字："
LIKELY_CATEGORIES = "听您说的，像是{choices}，请回复数字确认；都不是的话，也可以选下面其他类别。"
ASK_DESCRIPTION = "请简单说说需要什么帮助，比如“家里老人需要每周打扫一次卫生”。"
ASK_ADDRESS = "请告诉我上门服务的地址（社区、小区、楼栋和门牌号），也可以点“+”发送位置。"
ASK_ADDRESS_WITH_LOCATION = ("请告诉我上门服务的地址（社区、小区、楼栋和门牌号）；"
                             "如果就在您刚发送的位置“{label}”，回复“1”即可。")
ASK_PREFERRED_TIME = "您希望什么时候上门？比如“明天上午”“周六下午”“越快越好”。"
ASK_PHONE = "请留一个联系电话（手机或座机），服务人员上门前会先联系您。"
UNDERSTOOD = "好的，帮您点【{category}】服务，审核后会派社会组织上门。"
UNDERSTOOD_CATEGORY = "好的，是【{category}】服务。"
NOTED = "已记下{items}。\n"
CONFIRM = ("请核对您的点单：\n服务类别：{category}\n需求：{description}\n地址：{address}\n"
           "期望时间：{preferred_time}\n联系电话：{phone}\n"
           "没问题请回复“确认”提交；要改哪项直接说，比如“时间改成后天上午”；回复“取消”放弃。")
CONFIRM_AGAIN = "请回复“确认”提交点单，要改哪项直接说（比如“地址改成幸福社区3栋”），或回复“取消”放弃。"
CHANGE_ASK = "好的，改{label}。"
CHANGED = "好的，{labels}已改好。"
WHICH_TO_CHANGE = "请告诉我哪一项要改、改成什么，比如“时间改成后天上午”“电话改成139…”。"
REDO = "好的，我们重新填写。\n"
RESUME = "我们接着点单："
TITLE = "点单"
KNOWN_PHONE = "用上次的电话{phone}吗？回复“是”使用，或直接输入新的。"
CANCELLED_ORDER = "好的，已取消这次点单，填写的内容没有保存。还有什么可以帮您？"
CORRECTED = "好的，{label}已改为：{value}。"
LOCATION_TAKEN = "收到您的位置，上门地址记为：{label}。不对的话直接告诉我详细地址（写到门牌号）。"
LOCATION_AGREED = "好的，地址就用这个位置。"
LOCATION_OFFER = "收到您的位置：{label}。上门地址就用这里吗？回复“是”使用，或直接输入详细地址。"
AGAIN = {
    "category": "抱歉，没有认出是哪一类服务。",
    "description": "请再具体说说需要什么帮助。",
    "address": "地址好像不完整。",
    "preferred_time": "请说一下希望的上门时间。",
    "phone": "没有认出电话号码，请输入11位手机号或带区号的座机号。",
}
SUBMITTED = ("点单成功！您的订单号是 {number}（{category}）。\n"
             "工作人员会在{due}前审核，然后派给附近的社会组织上门服务，每一步都会通知您。\n"
             "发送“我的订单”查看进度，发送“取消订单”可以取消。")
SUBMITTED_EMERGENCY = ("助急订单已提交：{number}。不用等审核，工作人员已收到提醒，会在{due}前"
                       "派人上门或电话联系您。\n发送“我的订单”查看进度。")
EMERGENCY_TIME = "越快越好（助急）"

# Rating (评单).
NOTHING_TO_RATE = "您目前没有待评价的服务。服务完成后，我们会提醒您评价。"
ASK_SCORE = ("请为订单 {number}（{category}，{org}）的服务打分：回复 1 到 5 的数字，"
             "5 分最满意，1 分最不满意。")
SCORE_AGAIN = "请回复 1 到 5 之间的数字打分。"
ASK_RESOLVED = "您的问题解决了吗？请回复“是”或“否”。"
RESOLVED_AGAIN = "请回复“是”或“否”：您的问题解决了吗？"
ASK_COMMENT = "还有什么想对我们说的吗？可以直接输入，没有请回复“没有”。"
THANKS = "感谢您的评价！订单 {number} 已办结。"
FOLLOW_UP = "很抱歉这次服务没有让您满意，工作人员会尽快回访，必要时重新为您派单。"
RATE_RESUME = "我们接着评价："

# Cancelling and status.
CANCEL_WHICH = "您有一张{state}的订单 {number}（{category}）。确定要取消吗？回复“确认取消”取消，回复其他内容保留。"
CANCEL_DONE = "订单 {number} 已取消。还有什么可以帮您？"
NOTHING_TO_CANCEL = "您目前没有可以取消的订单。发送“我的订单”可以查看全部订单。"
CANCEL_KEPT = "好的，订单保留，我们会继续为您服务。"
CANCEL_TOO_LATE = "订单 {number} 服务组织已经接单，无法在线取消，请发送“转人工”联系工作人员处理。"
STATUS_LINE = "订单 {number}（{category}）：{state}{extra}"
EMERGENCY = "如有生命危险或正在发生的紧急情况，请立即拨打 120（急救）或 110（报警），不要等待派单。"
