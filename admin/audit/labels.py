"""What the audit log's codes are called in Chinese: actions, kinds of object, fields, values.

The codes stay as recorded (they are the record); only the page and the CSV read
them through these tables. A code missing here is shown with its object type and
the code itself, and tests/admin/test_admin_audit_log.py fails until it is named.
"""
from __future__ import annotations

from accounts.models import ROLE_LABELS
from applications.models import APPOINTMENT_LABELS, STATUS_LABELS as APPLICATION_LABELS
from handlers.texts import ASPECT_LABELS
from orders.texts import CLOSE_KIND_LABELS, EVENT_LABELS, STATE_LABELS
from volunteers.models import STATUS_LABELS as VOLUNTEER_LABELS

# Kind of object: the target's prefix ("order:DD…") or, for targets without one, the
# action's first part (missed.*, export.*).
OBJECT_TYPES = {
    "order": "居民点单", "application": "预申请", "appointment": "预约", "volunteer": "志愿者",
    "ticket": "转人工工单", "user": "用户", "organization": "社会组织", "ip": "登录来源",
    "guide": "办事指南", "faq": "政策问答", "synonym": "同义词", "word": "领域词",
    "referral": "转介部门", "day": "节假日安排", "missed": "未答问题", "export": "数据导出",
    "eligibility": "政策找人标准", "notifications": "通知模板", "phrase": "常用语",
}
# Actions whose target names no object type of its own: where their object type comes from.
ACTION_OBJECT = {"missed": "missed", "export": "export", "eligibility": "eligibility",
                 "notifications": "notifications", "login": "user", "logout": "user",
                 "wechat": "user", "calendar": "day", "knowledge": ""}

ACTIONS = {
    "login.success": "登录成功", "login.failure": "登录失败", "login.lockout": "连续输错密码，账号锁定",
    "logout": "退出登录",
    "user.create": "新建用户", "user.activate": "启用用户", "user.deactivate": "停用用户",
    "user.reset_password": "重置密码", "user.unlock": "解除锁定",
    "organization.create": "新建社会组织", "organization.update": "修改社会组织",
    "application.submit": "提交预申请", "application.status": "审核预申请",
    "application.view_material": "查看居民发来的材料",
    "appointment.book": "预约", "appointment.reschedule": "改约", "appointment.cancel": "取消预约",
    "appointment.close": "预约办结或未到场",
    "volunteer.register": "志愿者注册", "volunteer.review": "审核志愿者",
    "volunteer.hours": "记录志愿服务时长",
    "ticket.open": "居民转人工", "ticket.reply": "回复工单", "ticket.close": "结束工单",
    "ticket.claim": "认领工单", "ticket.assign": "指派工单",
    "phrase.create": "新建常用语", "phrase.update": "修改常用语", "phrase.move": "调整常用语顺序",
    "phrase.delete": "删除常用语",
    "volunteer.roster_add": "志愿者加入组织名单", "volunteer.roster_remove": "志愿者移出组织名单",
    "knowledge.referral.update": "修改转介部门",
    "calendar.set": "设置节假日安排", "calendar.remove": "删除节假日安排",
    "missed.attached": "未答问题归入已有答案", "missed.created": "用未答问题新建问答",
    "missed.out_of_scope": "未答问题标为不属于民政业务", "missed.purged": "清理误记的未答问题",
    "notifications.template": "修改通知模板", "eligibility.thresholds": "修改政策找人标准",
    "wechat.bind_scene": "生成微信绑定二维码", "wechat.unbind": "解除微信绑定",
}
# <type>.view_<field>: a masked value shown in full (admin.reveal).
REVEALS = {"phone": "查看完整电话", "address": "查看完整地址", "description": "查看完整需求描述",
           "personal": "查看完整个人信息", "id_number": "查看完整身份证号"}
KNOWLEDGE_ACTIONS = {"create": "新增", "update": "修改", "delete": "删除", "restore": "恢复历史版本"}
EXPORTS = {"applications": "预申请", "volunteer-hours": "志愿服务时长", "orders": "居民点单",
           "ratings": "服务评价", "audit": "审计日志"}

FIELDS = {
    "state": "状态", "status": "状态", "reason": "原因", "note": "说明", "kind": "类型",
    "hours": "服务时长（小时）", "volunteers": "参与志愿者", "score": "评分", "resolved": "问题是否解决",
    "organization_id": "服务组织", "declined_by": "拒单组织", "category": "服务类别",
    "username": "用户名", "role": "角色", "organization": "所属组织", "active": "启用",
    "locked_until": "锁定至", "ip": "IP 地址", "failures": "连续失败次数", "reference": "编号",
    "service": "事项", "day": "日期", "time": "时间", "skills": "特长", "community": "社区",
    "source": "来源", "contact_phone": "联系电话", "categories": "服务类别",
    "communities": "服务社区", "ids": "条目", "text": "内容", "phone": "电话",
    "address": "地址", "id_number": "身份证号", "comment": "评价内容", "description": "需求描述",
    "name": "名称", "short_name": "简称", "mode": "办理方式", "aliases": "别名", "keywords": "关键词",
    "sample_values": "示例", "question": "问题", "alternates": "其他问法", "answer": "答案",
    "aspect": "方面", "term": "居民说法", "canonical": "标准说法", "word": "词", "freq": "词频",
    "pos": "词性", "department": "部门", "template_id": "模板编号", "fields": "模板字段",
    "url": "跳转链接", "care_grades": "护理等级",
} | ASPECT_LABELS

# Values that are codes: shown by their label, field by field.
VALUES = {
    "role": ROLE_LABELS,
    "kind": {"help": "转人工", "complaint": "投诉", "off": "放假", "work": "调休上班"} | CLOSE_KIND_LABELS,
}
# Which labels a status field uses depends on the kind of object.
STATUS_VALUES = {"order": STATE_LABELS, "application": APPLICATION_LABELS,
                 "appointment": APPOINTMENT_LABELS, "volunteer": VOLUNTEER_LABELS}
# Why a sign-in failed or a session ended (login.failure, logout).
REASONS = {"unknown": "用户名不存在", "inactive": "账号已停用", "password": "密码错误",
           "idle": "长时间未操作", "revoked": "会话已被撤销", "expired": "会话到期"}


def action_label(code: str) -> str:
    """The action in Chinese; an unnamed code keeps its code after its object type."""
    if code in ACTIONS:
        return ACTIONS[code]
    head, _, rest = code.partition(".")
    if rest.startswith("view_") and rest[5:] in REVEALS:
        return REVEALS[rest[5:]]
    if head == "order" and rest in EVENT_LABELS:
        return EVENT_LABELS[rest]
    if head == "export" and rest in EXPORTS:
        return f"导出{EXPORTS[rest]} CSV"
    if head == "knowledge":
        entity, _, verb = rest.partition(".")
        if entity in OBJECT_TYPES and verb in KNOWLEDGE_ACTIONS:
            return f"{KNOWLEDGE_ACTIONS[verb]}{OBJECT_TYPES[entity]}"
    return f"{OBJECT_TYPES.get(head, '其他')}（{code}）"


def is_named(code: str) -> bool:
    """Whether the action has a Chinese name of its own."""
    return not action_label(code).endswith(f"（{code}）")


def object_type(action: str, target: str) -> str:
    """The kind of object an audit row is about (a key of OBJECT_TYPES, or "")."""
    prefix = target.partition(":")[0] if ":" in target else ""
    if prefix in OBJECT_TYPES:
        return prefix
    return ACTION_OBJECT.get(action.partition(".")[0], "")


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The action filter's options, grouped by kind of object."""
    codes = list(ACTIONS) + [f"order.{event}" for event in EVENT_LABELS] + [
        f"{kind}.view_{field}" for kind, field in (
            ("order", "phone"), ("order", "address"), ("order", "description"),
            ("application", "personal"), ("appointment", "phone"), ("volunteer", "phone"))] + [
        f"knowledge.{entity}.{verb}" for entity in ("guide", "faq", "synonym", "word")
        for verb in KNOWLEDGE_ACTIONS] + [f"export.{kind}" for kind in EXPORTS]
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in dict.fromkeys(codes):
        head = code.partition(".")[0]
        kind = head if head in OBJECT_TYPES else ACTION_OBJECT.get(head, "")
        if head == "knowledge":
            kind = code.split(".")[1]
        groups.setdefault(OBJECT_TYPES.get(kind, "其他"), []).append((code, action_label(code)))
    return list(groups.items())
