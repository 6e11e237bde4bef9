"""Navigation by role. Feature pages plug in by registering the endpoint named here.

An item appears only once its endpoint exists, so the menu never links to a page
that is not built yet.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    roles: tuple[str, ...]
    # Other endpoints that belong to this section, so it stays highlighted on them.
    section: tuple[str, ...] = ()


STAFF = ("admin", "staff")
NAV = [
    NavItem("工作台", "admin.dashboard", STAFF),
    NavItem("预申请审核", "admin.applications", STAFF),
    NavItem("预约", "admin.appointments", STAFF),
    NavItem("居民点单", "admin.orders", STAFF, ("admin.order_detail",)),
    NavItem("转人工", "admin.handoffs", STAFF),
    NavItem("知识库", "admin.knowledge", STAFF,
            ("admin.guide_edit", "admin.knowledge_history", "admin.faq_list", "admin.faq_new",
             "admin.faq_edit", "admin.synonyms", "admin.words")),
    NavItem("未答问题", "admin.unanswered", STAFF),
    NavItem("政策找人", "admin.eligibility", STAFF),
    NavItem("志愿者", "admin.volunteers", STAFF),
    NavItem("节假日安排", "admin.official_days", STAFF),
    NavItem("用户与组织", "admin.users", ("admin",),
            ("admin.user_new", "admin.user_password", "admin.organizations",
             "admin.organization_new", "admin.organization_edit")),
    NavItem("审计日志", "admin.audit", ("admin",)),
    NavItem("我的订单", "admin.org_home", ("org",), ("admin.org_order_detail",)),
    NavItem("志愿者名单", "admin.org_volunteers", ("org",)),
    NavItem("通知", "admin.notices", ("admin", "staff", "org")),
    NavItem("通知模板", "admin.notice_templates", STAFF),
    NavItem("常用语", "admin.phrases", ("admin", "org"), ("admin.phrase_new", "admin.phrase_edit")),
    NavItem("微信绑定", "admin.wechat_binding", ("admin", "staff", "org")),
]


def nav_for(user) -> list[dict]:
    """The menu for a user: items for their role whose page exists, with the current one marked."""
    if not getattr(user, "is_authenticated", False):
        return []
    views = current_app.view_functions
    items = []
    for item in NAV:
        if user.role in item.roles and item.endpoint in views:
            here = request.endpoint == item.endpoint or request.endpoint in item.section
            items.append({"label": item.label, "endpoint": item.endpoint, "active": here})
    return items
