"""Everything the channel and engine say to residents."""

from handlers.texts import WELCOME  # noqa: F401  (the channel greets with the menu)

VOICE_EMPTY = "抱歉，这条语音没有听清楚。您可以再说一遍，或者直接打字告诉我。"
UNSUPPORTED = {
    "image": "收到您的图片了。目前我还看不懂图片内容，请用文字或语音告诉我您想办什么事。",
    "video": "收到您的视频了。目前我还看不懂视频，请用文字或语音告诉我您想办什么事。",
    "shortvideo": "收到您的小视频了。目前我还看不懂视频，请用文字或语音告诉我您想办什么事。",
    "file": "收到您的文件了。申请材料请在办理时按提示提交，现在请用文字告诉我您想办什么事。",
    "link": "收到您分享的链接了。我暂时不能打开链接，请用文字告诉我您想了解什么。",
}
UNKNOWN_MESSAGE = "抱歉，这类消息我暂时处理不了。请用文字或语音告诉我您想办什么事，发送“菜单”可查看我能做什么。"
LOCATION_SAVED = ("已收到您的位置：{label}。下单请求上门服务时可以直接用这个地址；"
                  "问“附近哪里能办”也会按这个位置找最近的办理地点。")
BUSY = "系统繁忙，请稍后再试。您的消息我们已经记下了。"
EMPTY_TEXT = "您好像发了一条空消息。有什么需要，直接告诉我就行，发送“菜单”可查看我能做什么。"
SESSION_EXPIRED = "您好，上次的办理因为较长时间没有操作已经结束了，需要的话我们重新开始。"
SLOW_DOWN = "您发消息太快了，请稍等一分钟再发。紧急情况请拨打 12345 热线。"
FORM_INTERRUPTED = ("抱歉，您刚才填写的内容因系统维护中断了，没有保存下来，需要重新开始。"
                    "请再说一次要办理的事项（例如“我要申请高龄津贴”），或发送“菜单”查看可办理的事项。")
FORM_INTERRUPTED_NOTE = "（您刚才填写的内容因系统维护中断了，没有保存下来，需要的话请重新开始办理。）"
FORM_NEEDS_STATE = "抱歉，系统暂时无法保存办理进度，请稍后重新开始办理。咨询办事指南不受影响，可以直接提问。"
MIXED_MORE = "回复数字看全文："
MIXED_FULL = "{item}（全文）"
REFERRAL_LINE = "{topic}的事不归民政部门管，请咨询{department}，电话 {number}。"
COMMON_ITEMS = "常见事项，回复数字查看，也可以直接问，比如“低保要什么材料”："
WHICH_OF_ASPECT = "您想问哪一项的{label}？请回复数字选择："
EACH_OF_ASPECT = "这几项的{label}如下，回复数字看那一项的全文："
TOPIC_ITEMS = "和“{word}”有关的事项有这些，回复数字查看，也可以直接问，比如“{example}要什么材料”："
LATER_REQUEST = "您还说到“{said}”，这件办完后再跟我说一声，就接着帮您办。"
MORE_PAGE = "（还有{left}页，回复1看更多）"
MORE_PAGE_WORDS = "（还有{left}页，回复“更多”看更多）"
