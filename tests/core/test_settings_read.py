"""get_setting reads a plain statement, yet sees the unit's own changes as the ORM does."""
from __future__ import annotations

from core.extensions import db
from core.settings import Setting, get_setting, set_setting


def test_a_missing_setting_gives_the_default(app):
    assert get_setting("test.absent", ["默认"]) == ["默认"]


def test_a_stored_setting_is_read(app):
    db.session.add(Setting(key="test.stored", value={"a": [1, "二"]}))
    db.session.commit()
    db.session.expunge_all()
    assert get_setting("test.stored") == {"a": [1, "二"]}


def test_the_units_own_changes_are_seen_before_commit(app):
    set_setting("test.pending", 3)  # a new row, not flushed
    assert get_setting("test.pending") == 3
    db.session.commit()
    db.session.expunge_all()
    assert get_setting("test.pending") == 3
    set_setting("test.pending", 4)  # the loaded row changed, not flushed
    assert get_setting("test.pending") == 4
    db.session.rollback()
    assert get_setting("test.pending") == 3


def test_a_row_changed_behind_a_loaded_one_reads_as_the_unit_saw_it(app):
    db.session.add(Setting(key="test.loaded", value="旧"))
    db.session.commit()
    assert get_setting("test.loaded") == "旧"
    db.session.get(Setting, "test.loaded").value = "新"
    assert get_setting("test.loaded") == "新"
