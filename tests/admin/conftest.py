"""Admin test helpers: sign in as a demo account, read flashed pages."""
from __future__ import annotations

import uuid

import pytest

from core import create_app
from core.extensions import db

PASSWORDS = {"admin": "admin12345", "staff": "staff12345", "org1": "org12345",
             "org2": "org12345", "org3": "org12345", "org4": "org12345"}


class AuthActions:
    """Like flaskr's AuthActions: sign in and out through the real pages."""

    def __init__(self, client) -> None:
        self.client = client

    def login(self, username: str = "admin", password: str | None = None, **kwargs):
        password = PASSWORDS.get(username, "") if password is None else password
        return self.client.post("/admin/login", data={"username": username,
                                                      "password": password}, **kwargs)

    def logout(self):
        return self.client.post("/admin/logout")


@pytest.fixture
def auth(client, seeded) -> AuthActions:
    """Sign-in helper over the seeded demo accounts."""
    return AuthActions(client)



@pytest.fixture
def csrf_client(backend, seeded):
    """A client of a second app on the same database, with CSRF protection enabled."""
    config = {k: v for k, v in backend.items() if k != "name"}
    config.update(WTF_CSRF_ENABLED=True, REDIS_PREFIX=f"mzt-test-{uuid.uuid4().hex[:8]}:")
    app = create_app(config)
    yield app.test_client()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
