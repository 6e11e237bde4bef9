"""What residents receive from staff on a ticket, and what staff are told when refused."""

STAFF_REPLY = "【人工客服 {name}】{text}"
CLOSED = "工作人员已结束本次人工服务（工单 {reference}）。之后的消息由智能助手回复，如还需人工请再发送“转人工”。"

EMPTY_REPLY = "回复内容不能为空。"
REPLY_CLOSED = "工单已结束，不能再回复。"
ALREADY_CLOSED = "工单已经结束了。"
TAKEN = "这个工单已由 {name} 认领，页面已刷新。如需接手，请用“指派给”。"
BAD_ASSIGNEE = "只能指派给在职的民政工作人员。"
ASSIGNED = "转人工工单 {reference} 已指派给您：{subject}"
