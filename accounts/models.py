"""Staff, organisation users and the social organisations they belong to."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from core.audit import utcnow
from core.extensions import db

ROLES = ("admin", "staff", "org")
ROLE_LABELS = {"admin": "管理员", "staff": "民政工作人员", "org": "社会组织"}


class Organization(db.Model):
    """A social organisation that accepts and delivers orders."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    categories: Mapped[list] = mapped_column(JSON, default=list)
    communities: Mapped[list] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(UserMixin, db.Model):
    """A person who signs in to the admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), default=None)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organization: Mapped[Organization | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login: disabled users cannot sign in
        return self.active

    @property
    def is_staff(self) -> bool:
        return self.role in ("admin", "staff")

    @classmethod
    def query_ids(cls, staff: bool = False, organization_id: int | None = None) -> list[int]:
        """Active users to notify: all staff and admins, or one organisation's users."""
        query = db.select(cls.id).where(cls.active.is_(True))
        if staff:
            query = query.where(cls.role.in_(("admin", "staff")))
        else:
            query = query.where(cls.role == "org", cls.organization_id == organization_id)
        return list(db.session.scalars(query.order_by(cls.id)))

    def set_password(self, password: str) -> None:
        # Tests lower the work factor (PASSWORD_HASH_METHOD); production keeps scrypt.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class AdminSession(db.Model):
    """A signed-in admin session, so that logout and password changes revoke copied cookies.

    `id` is a digest of the random id the cookie carries: a copy of this table
    cannot be turned back into working cookies.
    """

    __tablename__ = "admin_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
