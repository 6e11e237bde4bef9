"""Sign-in throttling by client IP, safe redirects and server-side session checks."""
from __future__ import annotations

import hashlib
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app, request, session

from accounts.sessions import close_session, open_session, session_state
from core.store import get_store

IP_KEY = "admin:login-fail:{ip}"


def client_ip() -> str:
    """The client address as the WSGI server sees it (ProxyFix sets it behind nginx)."""
    return request.remote_addr or "unknown"


def ip_throttled(ip: str) -> bool:
    """True when this IP has failed too often in the current window."""
    count = get_store().get(IP_KEY.format(ip=ip))
    return int(count or 0) >= current_app.config["ADMIN_LOGIN_IP_LIMIT"]


def note_ip_failure(ip: str) -> int:
    """Count one failed sign-in for the IP; the window starts at its first failure."""
    return get_store().incr(IP_KEY.format(ip=ip), ttl=current_app.config["ADMIN_LOGIN_IP_WINDOW"])


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target or any(ch in target for ch in "\\\r\n\t") or not target.startswith("/"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    return target


def password_fingerprint(user) -> str:
    """Short digest of the password hash: a reset or change ends older sessions."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def start_session(user) -> None:
    """Fresh, permanent session for a user who just signed in, recorded server-side."""
    close_session(session.get("_sid"))  # signing in again ends the session it replaces
    session.clear()  # nothing from before sign-in carries over
    session.permanent = True
    session["_pwfp"] = password_fingerprint(user)
    lifetime = timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])
    session["_sid"] = open_session(user, lifetime)


def session_problem(user, touch: bool = True) -> str | None:
    """'idle', 'expired' or 'revoked' when the session must end, else None; marks activity.

    The cookie alone proves nothing once copied: only a session id still on
    record, within its absolute lifetime and idle limit, keeps it signed in.
    `touch=False` checks without counting the request as activity (a page's
    own polling is not the person at the desk).
    """
    if session.get("_pwfp") != password_fingerprint(user):
        return "revoked"  # a password set without going through reset_password
    idle = timedelta(seconds=current_app.config["ADMIN_IDLE_SECONDS"])
    return session_state(session.get("_sid"), user, idle, touch=touch)


def end_session() -> None:
    """Forget the current session server-side (logout, or after session_problem)."""
    close_session(session.pop("_sid", None))
