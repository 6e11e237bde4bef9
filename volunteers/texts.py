"""Messages volunteers receive."""

APPROVED = "恭喜！您的志愿者注册已审核通过，欢迎加入志愿服务队伍。发送“我的志愿时长”可以查看服务时长。"
REJECTED = "很抱歉，您的志愿者注册未通过审核。说明：{reason}。如有疑问请发送“转人工”。"
HOURS_ADDED = "感谢您的志愿服务！本次记录 {hours} 小时，累计 {total} 小时。"
