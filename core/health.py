"""`/healthz`: is this process able to reach the database and Redis?"""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from core.extensions import db

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 when every configured service answers, else 503 naming the failing one."""
    checks = {"database": _check(lambda: db.session.execute(text("SELECT 1")))}
    client = current_app.extensions.get("mzt.redis")
    checks["redis"] = _check(client.ping) if client is not None else "not configured"
    ok = all(value in ("ok", "not configured") for value in checks.values())
    return jsonify(status="ok" if ok else "fail", **checks), 200 if ok else 503


def _check(probe) -> str:
    try:
        probe()
        return "ok"
    except Exception as exc:  # any failure is the answer, not an error of ours
        log.warning("health check failed: %s", type(exc).__name__)
        return f"fail: {type(exc).__name__}"
    finally:
        db.session.rollback()
