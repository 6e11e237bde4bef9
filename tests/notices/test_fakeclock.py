"""The simulated clock moves utcnow() only when asked, and never in production."""
from datetime import timedelta

import pytest

from core import create_app, fakeclock
from core.audit import utcnow


@pytest.fixture(autouse=True)
def forget_fake_clock(monkeypatch):
    """Read the variables again once the test has put them back."""
    yield
    monkeypatch.undo()
    fakeclock.configure()


def test_offset_file_runs_the_clock_ahead(tmp_path, monkeypatch):
    path = str(tmp_path / "clock")
    fakeclock.write_offset(path, 3 * 86400)
    monkeypatch.setenv("MZT_FAKE_CLOCK_FILE", path)
    monkeypatch.delenv("FAKE_CLOCK", raising=False)
    fakeclock.configure()
    real = utcnow()
    monkeypatch.setenv("FAKE_CLOCK", "1")
    assert utcnow() - real < timedelta(seconds=5)  # read when an app is made, not per read
    create_app({"TESTING": True})
    assert utcnow() - real >= timedelta(days=3) - timedelta(seconds=5)
    fakeclock.write_offset(path, 0)
    assert abs(utcnow() - real) < timedelta(seconds=5)  # other processes see the new offset too


def test_production_ignores_the_fake_clock(tmp_path, monkeypatch):
    path = str(tmp_path / "clock")
    fakeclock.write_offset(path, 86400)
    monkeypatch.setenv("MZT_FAKE_CLOCK_FILE", path)
    monkeypatch.setenv("FAKE_CLOCK", "1")
    monkeypatch.setenv("APP_ENV", "production")
    fakeclock.configure()
    assert fakeclock.offset() == timedelta(0)
