"""The notification outbox, residents' reachability, staff notices and WeChat bindings."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, composite, mapped_column

from core.audit import utcnow
from core.extensions import db
from core.residents import Resident

STATUSES = ("pending", "sent", "failed", "undeliverable")
STATUS_LABELS = {"pending": "待发送", "sent": "已发送", "failed": "发送失败",
                 "undeliverable": "无法送达"}
CHANNEL_LABELS = {"": "", "outbox": "模拟器", "custom": "客服消息", "template": "模板消息"}


class Notification(db.Model):
    """One message to one person; a failed send stays here to be retried."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_resident_channel", "resident", "resident_channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Whom to: (resident_channel, resident); `channel` below is how the notice went.
    resident_channel: Mapped[str] = mapped_column(String(16), default="wechat", server_default="wechat")
    resident_id: Mapped[str] = mapped_column("resident", String(64))
    resident: Mapped[Resident] = composite("resident_channel", "resident_id")
    text: Mapped[str] = mapped_column(Text)
    via: Mapped[str] = mapped_column(String(16), default="outbox")
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(64), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    # Outbox only: when the simulator picked the message up.
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    # Which notice this is (notifications.kinds), for the template staff chose for it.
    kind: Mapped[str] = mapped_column(String(32), default="general", server_default="general")
    # How it went: outbox, custom (客服消息, 48-hour window) or template (模板消息).
    channel: Mapped[str] = mapped_column(String(16), default="", server_default="")
    # Why it cannot be delivered, in Chinese, for staff (status undeliverable).
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The values a template's fields are filled from (number, status, time...).
    fields: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, self.channel)


class Contact(db.Model):
    """When a resident last wrote, clicked, subscribed or scanned; and if they left."""

    __tablename__ = "notify_contacts"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True, server_default="wechat")
    openid: Mapped[str] = mapped_column(String(64), primary_key=True)
    resident: Mapped[Resident] = composite("channel", "openid")
    last_seen_at: Mapped[datetime | None] = mapped_column(default=None)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(default=None)


class StaffNotice(db.Model):
    """An in-admin notice for one staff user (declines, escalations, low ratings...)."""

    __tablename__ = "staff_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(default=None)


class WeChatBinding(db.Model):
    """An admin user's WeChat (openid, or whom they scanned from), for notices to organisations and staff."""

    __tablename__ = "wechat_bindings"
    __table_args__ = (Index("ix_wechat_bindings_openid_channel", "openid", "channel"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default="wechat", server_default="wechat")
    openid: Mapped[str] = mapped_column(String(64))
    resident: Mapped[Resident] = composite("channel", "openid")
    bound_at: Mapped[datetime] = mapped_column(default=utcnow)


class BindToken(db.Model):
    """A one-time QR scene for binding; only its hash is kept, with an expiry."""

    __tablename__ = "wechat_bind_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
