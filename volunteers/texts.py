"""Messages volunteers receive."""

APPROVED = "恭喜！您的志愿者注册已审核通过，欢迎加入志愿服务队伍。发送“我的志愿时长”可以查看服务时长。"
REJECTED = "很抱歉，您的志愿者注册未通过审核。说明：{reason}。如有疑问请发送“转人工”。"
HOURS_ADDED = "感谢您的志愿服务！本次记录 {hours} 小时，累计 {total} 小时。"

# What an organisation is told when putting a volunteer on its roster.
ROSTER_NOT_FOUND = ("没有找到姓名和手机号都相符、且已通过审核的志愿者。请核对后再试；"
                    "志愿者需先在公众号注册并经民政局审核通过。")
ROSTER_NEED = "请填写志愿者的姓名和手机号（或手机号后 4 位）。"
ROSTER_AMBIGUOUS = "有多位同名志愿者的手机号后 4 位也相同，请填写完整手机号。"
ROSTER_ALREADY = "{name} 已在本组织的志愿者名单中。"
