"""In-admin notices for staff and organisation users, and WeChat to those bound."""
from __future__ import annotations

from core.audit import utcnow
from core.extensions import db
from notifications.models import StaffNotice, WeChatBinding
from notifications.operations import notify


def notify_users(user_ids: list[int], kind: str, text: str, target: str = "",
                 fields: dict | None = None, in_admin: bool = True) -> int:
    """A notice for each user (in the admin list), sent to WeChat for those bound."""
    count = 0
    for user_id in dict.fromkeys(user_ids):
        if in_admin:
            db.session.add(StaffNotice(user_id=user_id, kind=kind, text=text[:1000],
                                       target=target[:64]))
        binding = db.session.get(WeChatBinding, user_id)
        if binding is not None:
            notify(binding.resident, text, source=target, kind=kind, fields=fields)
        count += 1
    db.session.flush()
    return count


def unread_count(user_id: int) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(StaffNotice).where(
        StaffNotice.user_id == user_id, StaffNotice.read_at.is_(None))) or 0


def notices_query(user_id: int, unread_only: bool = False):
    query = db.select(StaffNotice).where(StaffNotice.user_id == user_id)
    if unread_only:
        query = query.where(StaffNotice.read_at.is_(None))
    return query.order_by(StaffNotice.id.desc())


def mark_read(user_id: int, notice_id: int | None = None) -> int:
    """Mark one notice (or all) of this user read; returns how many changed (caller commits)."""
    query = db.update(StaffNotice).where(StaffNotice.user_id == user_id,
                                         StaffNotice.read_at.is_(None))
    if notice_id is not None:
        query = query.where(StaffNotice.id == notice_id)
    return db.session.execute(query.values(read_at=utcnow())).rowcount or 0  # type: ignore[attr-defined]  # a DML CursorResult
