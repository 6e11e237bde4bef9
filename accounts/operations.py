"""Creating users and organisations; every write is audit-logged."""
from __future__ import annotations

from core import audit
from core.extensions import db
from accounts.models import ROLES, Organization, User


class AccountError(ValueError):
    """A request that cannot be carried out, with a message for the user."""


def create_user(username: str, password: str, role: str, *, display_name: str = "",
                organization: Organization | None = None, actor: str = "system") -> User:
    """Add a user with a hashed password."""
    if role not in ROLES:
        raise AccountError(f"角色必须是 {', '.join(ROLES)} 之一")
    if role == "org" and organization is None:
        raise AccountError("社会组织账号必须属于一个社会组织")
    if len(password) < 8:
        raise AccountError("密码至少 8 位")
    if db.session.scalar(db.select(User).filter_by(username=username)) is not None:
        raise AccountError(f"用户名 {username} 已存在")
    user = User(username=username, role=role, display_name=display_name or username,
                organization=organization)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", f"user:{user.id}",
                 after={"username": username, "role": role,
                        "organization": organization.name if organization else None})
    return user


def create_organization(name: str, *, categories: list[str], communities: list[str],
                        contact_phone: str = "", actor: str = "system") -> Organization:
    """Add a social organisation with the categories and communities it serves."""
    org = Organization(name=name, categories=categories, communities=communities,
                       contact_phone=contact_phone)
    db.session.add(org)
    db.session.flush()
    audit.record(actor, "organization.create", f"organization:{org.id}",
                 after={"name": name, "categories": categories, "communities": communities})
    return org
