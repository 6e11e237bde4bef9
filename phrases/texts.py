"""What staff are told when a phrase cannot be saved."""

TITLE_MAX = 30
TEXT_MAX = 500  # a reason reaches the resident whole (admin.texts.REASON_MAX)

NEED_TITLE = "请填写常用语的名称（显示在选择框里）。"
NEED_TEXT = "请填写常用语的内容。"
BAD_USE = "请选择用在哪里。"
BAD_OWNER = "社会组织只能为本组织的拒单、办结和无法完成说明设置常用语。"
NOT_ORG_USE = "“{use}”由民政工作人员填写，不能设为某个社会组织的常用语。"
GONE = "这条常用语已被删除。"
