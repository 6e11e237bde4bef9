"""Admin sessions kept server-side: absolute lifetime, idle timeout, revocation."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete

from accounts.models import AdminSession, User
from core.audit import utcnow
from core.extensions import db

# seen_at is rewritten at most this often, not on every page.
SEEN_RESOLUTION = timedelta(seconds=30)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(user: User, lifetime: timedelta) -> str:
    """Record a new session for `user`; returns the id the cookie carries."""
    now = utcnow()
    db.session.execute(delete(AdminSession).where(AdminSession.user_id == user.id,
                                                  AdminSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    db.session.add(AdminSession(id=_digest(token), user_id=user.id, created_at=now,
                                expires_at=now + lifetime, seen_at=now))
    db.session.flush()
    return token


def session_state(token: str | None, user: User, idle: timedelta,
                  touch: bool = True) -> str | None:
    """None while valid (marking activity if `touch`); else 'revoked', 'expired' or 'idle'."""
    row = db.session.get(AdminSession, _digest(token)) if token else None
    if row is None or row.user_id != user.id:
        return "revoked"
    now = utcnow()
    if now >= row.expires_at:
        return "expired"
    if now - row.seen_at > idle:
        return "idle"
    if touch and now - row.seen_at >= SEEN_RESOLUTION:
        row.seen_at = now
    return None


def close_session(token: str | None) -> None:
    """Forget one session (logout, or one found idle or expired)."""
    if token:
        db.session.execute(delete(AdminSession).where(AdminSession.id == _digest(token)))


def revoke_sessions(user: User) -> int:
    """End every session of `user` (password change, deactivation); returns how many."""
    result = db.session.execute(delete(AdminSession).where(AdminSession.user_id == user.id))
    return result.rowcount or 0  # type: ignore[attr-defined]  # a DML CursorResult
