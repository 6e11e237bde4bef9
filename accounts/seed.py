"""Demo organisations and accounts for the embedded setup (see README)."""
from __future__ import annotations

from flask import current_app

from core import catalog
from core.extensions import db
from accounts.models import Organization, User
from accounts.operations import create_organization, create_user

DEMO_ORGS = [
    ("阳光为老服务中心", ["meal", "cleaning", "bathing", "haircut", "companionship", "shopping"],
     ["幸福社区", "和平社区", "光明社区"], "0000-1234501"),
    ("安康助医服务社", ["medical", "emergency", "mobility", "companionship"],
     ["幸福社区", "和平社区", "新华社区"], "0000-1234502"),
    ("邻里帮家政维修队", ["repair", "cleaning", "shopping"],
     ["光明社区", "新华社区", "和平社区"], "0000-1234503"),
    ("春苗儿童关爱站", ["child_care", "legal", "companionship"],
     ["幸福社区", "光明社区", "新华社区"], "0000-1234504"),
]
# The demo organisation that also serves every order category no other demo organisation
# names, so a demo order of any catalogue category can be dispatched.
CATCH_ALL = "邻里帮家政维修队"
DEMO_USERS = [
    ("admin", "admin12345", "admin", "系统管理员", None),
    ("staff", "staff12345", "staff", "民政局 王科员", None),
    ("org1", "org12345", "org", "阳光为老 李社工", "阳光为老服务中心"),
    ("org2", "org12345", "org", "安康助医 赵社工", "安康助医服务社"),
    ("org3", "org12345", "org", "邻里帮 孙师傅", "邻里帮家政维修队"),
    ("org4", "org12345", "org", "春苗 周老师", "春苗儿童关爱站"),
]


def demo_orgs() -> list[tuple[str, list[str], list[str], str]]:
    """DEMO_ORGS with the catalogue's order categories nobody serves given to CATCH_ALL."""
    named = {code for _, codes, _, _ in DEMO_ORGS for code in codes}
    rest = [code for code in catalog.current().order_categories if code not in named]
    return [(name, codes + rest if name == CATCH_ALL else list(codes), communities, phone)
            for name, codes, communities, phone in DEMO_ORGS]


def seed_accounts() -> str:
    """Create the demo organisations and users if they are missing (never in production)."""
    if current_app.config.get("APP_ENV") == "production":
        # Their passwords are in the README: on a public server they are a way in.
        return "账号：生产环境不创建演示账号，请用 flask users create 创建。"
    orgs = {o.name: o for o in db.session.scalars(db.select(Organization))}
    for name, categories, communities, phone in demo_orgs():
        if name not in orgs:
            orgs[name] = create_organization(name, categories=categories,
                                             communities=communities, contact_phone=phone)
    created = 0
    for username, password, role, display, org_name in DEMO_USERS:
        if db.session.scalar(db.select(User).filter_by(username=username)) is None:
            create_user(username, password, role, display_name=display,
                        organization=orgs.get(org_name) if org_name else None)
            created += 1
    return f"账号：新增 {created} 个演示账号。"
