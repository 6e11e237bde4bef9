"""The knowledge version: every edit gets its own number, also when two commit at once."""
from __future__ import annotations

import threading
import time

import pytest

from core.extensions import db
from knowledge import version


def test_bump_counts_from_nothing(app):
    assert version.current() == 0
    assert [version.bump(), version.bump()] == [1, 2]
    db.session.commit()
    assert version.current() == 2


def test_two_edits_at_once_get_two_numbers(app):
    if app.config["BACKEND"] != "services":
        pytest.skip("concurrent sessions need PostgreSQL (set TEST_DATABASE_URL)")
    version.bump()
    db.session.commit()
    got = {}

    def second_edit():
        with app.app_context():
            try:
                got["second"] = version.bump()  # waits for the first edit's row lock
                db.session.commit()
            finally:
                db.session.remove()

    got["first"] = version.bump()  # not committed yet
    other = threading.Thread(target=second_edit)
    other.start()
    time.sleep(0.5)  # the second edit has read (or waits on) the version by now
    db.session.commit()
    other.join(30)
    assert sorted(got.values()) == [2, 3]
    db.session.expire_all()
    assert version.current() == 3
