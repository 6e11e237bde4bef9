"""Creating and changing users and organisations; every write is audit-logged."""
from __future__ import annotations

import functools
import re
from datetime import timedelta

from sqlalchemy import func, update
from werkzeug.security import check_password_hash, generate_password_hash

from core import audit
from core.extensions import db
from accounts.models import ROLES, Organization, User
from accounts.sessions import revoke_sessions

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{3,64}$")
MIN_PASSWORD = 8


class AccountError(ValueError):
    """A request that cannot be carried out, with a message for the user."""


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 位")


def create_user(username: str, password: str, role: str, *, display_name: str = "",
                organization: Organization | None = None, actor: str = "system") -> User:
    """Add a user with a hashed password."""
    if not USERNAME_RE.match(username or ""):
        raise AccountError("用户名须为 3–64 位英文字母、数字或 _ . -")
    if role not in ROLES:
        raise AccountError(f"角色必须是 {', '.join(ROLES)} 之一")
    if role == "org" and organization is None:
        raise AccountError("社会组织账号必须属于一个社会组织")
    if role != "org" and organization is not None:
        raise AccountError("只有社会组织账号可以关联社会组织")
    _check_password(password)
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


def _active_admins() -> int:
    return db.session.scalar(db.select(func.count()).select_from(User)
                             .filter_by(role="admin", active=True)) or 0


def set_user_active(user: User, active: bool, *, actor: User) -> User:
    """Deactivate or reactivate a user; nobody may lock out the last admin or themselves."""
    if user.active == active:
        return user
    if not active and user.id == actor.id:
        raise AccountError("不能停用自己的账号")
    if not active and user.role == "admin" and _active_admins() <= 1:
        raise AccountError("至少要保留一个启用的管理员账号")
    user.active = active
    if not active:
        revoke_sessions(user)
    db.session.flush()
    audit.record(actor.username, "user.activate" if active else "user.deactivate",
                 f"user:{user.id}", before={"active": not active}, after={"active": active})
    return user


def reset_password(user: User, password: str, *, actor: str) -> User:
    """Set a new password and lift any lockout; the hash never enters the audit row."""
    _check_password(password)
    user.set_password(password)
    user.failed_logins = 0
    user.locked_until = None
    revoke_sessions(user)  # every signed-in copy of the old credentials ends now
    db.session.flush()
    audit.record(actor, "user.reset_password", f"user:{user.id}",
                 after={"username": user.username})
    return user


def unlock_user(user: User, *, actor: str) -> User:
    """Lift a sign-in lockout before it expires."""
    before = {"locked_until": user.locked_until.isoformat() if user.locked_until else None}
    user.failed_logins = 0
    user.locked_until = None
    db.session.flush()
    audit.record(actor, "user.unlock", f"user:{user.id}", before=before,
                 after={"locked_until": None})
    return user


def _clean_org(name: str, categories: list[str], communities: list[str],
               exclude_id: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise AccountError("请填写社会组织名称")
    if not categories:
        raise AccountError("请至少选择一项服务类别")
    if not communities:
        raise AccountError("请至少填写一个服务社区")
    query = db.select(Organization).filter_by(name=name)
    if exclude_id is not None:
        query = query.where(Organization.id != exclude_id)
    if db.session.scalar(query) is not None:
        raise AccountError(f"社会组织 {name} 已存在")
    return name


def _org_state(org: Organization) -> dict:
    return {"name": org.name, "contact_phone": org.contact_phone,
            "categories": list(org.categories), "communities": list(org.communities)}


def create_organization(name: str, *, categories: list[str], communities: list[str],
                        contact_phone: str = "", actor: str = "system") -> Organization:
    """Add a social organisation with the categories and communities it serves."""
    name = _clean_org(name, categories, communities)
    org = Organization(name=name, categories=list(categories), communities=list(communities),
                       contact_phone=contact_phone.strip())
    db.session.add(org)
    db.session.flush()
    audit.record(actor, "organization.create", f"organization:{org.id}", after=_org_state(org))
    return org


def update_organization(org: Organization, *, name: str, categories: list[str],
                        communities: list[str], contact_phone: str = "",
                        actor: str) -> Organization:
    """Change an organisation's name, phone, categories and communities."""
    name = _clean_org(name, categories, communities, exclude_id=org.id)
    before = _org_state(org)
    # New lists, not in-place edits: JSON columns only notice reassignment.
    org.name, org.contact_phone = name, contact_phone.strip()
    org.categories, org.communities = list(categories), list(communities)
    db.session.flush()
    after = _org_state(org)
    if after != before:
        audit.record(actor, "organization.update", f"organization:{org.id}",
                     before=before, after=after)
    return org


# -- Signing in -----------------------------------------------------------------------------

class SignIn:
    """The outcome of one sign-in attempt: `user` is set only on success."""

    def __init__(self, outcome: str, user: User | None = None, locked_until=None) -> None:
        self.outcome = outcome  # ok | invalid | locked | inactive
        self.user = user
        self.locked_until = locked_until


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash("not-a-real-password")


def authenticate(username: str, password: str, *, ip: str = "", threshold: int = 5,
                 lock_for: timedelta = timedelta(minutes=15)) -> SignIn:
    """Check a password, counting failures and locking the account after `threshold` in a row."""
    user = db.session.scalar(db.select(User).filter_by(username=username))
    now = audit.utcnow()
    if user is None:
        # Same hashing cost as a real user, so timing does not reveal which usernames exist.
        check_password_hash(_dummy_hash(), password)
        audit.record(username[:80] or "-", "login.failure", f"ip:{ip}", after={"reason": "unknown"})
        return SignIn("invalid")
    if user.locked_until and user.locked_until > now:
        return SignIn("locked", locked_until=user.locked_until)
    if not user.check_password(password):
        return _count_failure(user, ip, now, threshold, lock_for)
    if not user.active:
        audit.record(user.username, "login.failure", f"user:{user.id}",
                     after={"reason": "inactive", "ip": ip})
        return SignIn("inactive")
    user.failed_logins, user.locked_until = 0, None
    audit.record(user.username, "login.success", f"user:{user.id}", after={"ip": ip})
    return SignIn("ok", user=user)


def _count_failure(user: User, ip: str, now, threshold: int, lock_for: timedelta) -> SignIn:
    # One UPDATE ... RETURNING, so concurrent workers cannot lose a failure between them.
    count = db.session.execute(
        update(User).where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1).returning(User.failed_logins)
    ).scalar_one()
    audit.record(user.username, "login.failure", f"user:{user.id}",
                 after={"reason": "password", "ip": ip, "failures": count})
    if count < threshold:
        return SignIn("invalid")
    user.failed_logins, user.locked_until = 0, now + lock_for
    db.session.flush()
    audit.record(user.username, "login.lockout", f"user:{user.id}",
                 after={"locked_until": user.locked_until.isoformat(), "ip": ip})
    return SignIn("locked", locked_until=user.locked_until)


def record_logout(user: User, *, reason: str = "logout") -> None:
    """Note a sign-out (by the user, or by idle timeout) in the audit trail."""
    audit.record(user.username, "logout", f"user:{user.id}", after={"reason": reason})
