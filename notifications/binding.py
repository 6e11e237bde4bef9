"""Binding an admin user's WeChat by scanning a one-time QR scene.

The scene string is a random token; only its SHA-256 is stored, with an
expiry, so a leaked database row cannot be replayed and a scan works once.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.audit import utcnow
from core.extensions import db
from core.residents import Resident
from notifications import contacts
from notifications.models import BindToken, WeChatBinding

PREFIX = "bind_"
LIFETIME = timedelta(seconds=600)  # the QR code's own expire_seconds


@dataclass
class Scanned:
    """What a scan did: bound (user_id), or why not (expired, taken)."""

    outcome: str
    user_id: int | None = None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_scene(user_id: int, now: datetime | None = None) -> str:
    """A fresh one-time scene for this user; earlier unused ones stop working."""
    now = now or utcnow()
    db.session.execute(db.update(BindToken).where(BindToken.user_id == user_id,
                                                  BindToken.used_at.is_(None))
                       .values(used_at=now))
    token = PREFIX + secrets.token_urlsafe(24)
    db.session.add(BindToken(token_hash=_hash(token), user_id=user_id,
                             expires_at=now + LIFETIME))
    db.session.flush()
    return token


def is_scene(key: str) -> bool:
    """A scan or subscribe event's key that is a binding scene (qrscene_ on subscribe)."""
    return scene_of(key).startswith(PREFIX)


def scene_of(key: str) -> str:
    return key.removeprefix("qrscene_")  # subscribe events carry qrscene_<scene>


def scan(key: str, resident: Resident, now: datetime | None = None) -> Scanned:
    """Bind the scanning resident (WeChat) to the scene's user, once, before it expires."""
    now = now or utcnow()
    row = db.session.execute(db.select(BindToken).where(
        BindToken.token_hash == _hash(scene_of(key))).with_for_update()).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= now:
        return Scanned("expired")
    other = db.session.scalar(db.select(WeChatBinding).where(
        WeChatBinding.resident == resident, WeChatBinding.user_id != row.user_id))
    if other is not None:
        return Scanned("taken", other.user_id)
    row.used_at = now
    binding = db.session.get(WeChatBinding, row.user_id)
    if binding is None:
        db.session.add(WeChatBinding(user_id=row.user_id, resident=resident, bound_at=now))
    else:
        binding.resident, binding.bound_at = resident, now
    contacts.seen(resident, now, resubscribed=True)
    db.session.flush()
    return Scanned("bound", row.user_id)


def binding_for(user_id: int) -> WeChatBinding | None:
    return db.session.get(WeChatBinding, user_id)


def unbind(user_id: int) -> bool:
    """Remove the user's binding (caller commits); False if there was none."""
    binding = db.session.get(WeChatBinding, user_id)
    if binding is None:
        return False
    db.session.delete(binding)
    db.session.flush()
    return True


def qr_request(scene: str) -> dict:
    """The body of WeChat's qrcode/create for a temporary string-scene code."""
    return {"expire_seconds": int(LIFETIME.total_seconds()), "action_name": "QR_STR_SCENE",
            "action_info": {"scene": {"scene_str": scene}}}
