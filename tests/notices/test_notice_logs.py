"""Logs about notices never carry an openid (HELPERS: no openids in logs)."""
import logging

from orders import notices
from tests.helpers import wx

OPENID = "oLoggedNever0000000000000042"


class _Order:
    number = "DD20261201-0042"
    id = 0


def test_failed_order_notice_logs_the_order_not_the_resident(app, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(notices, "notify", broken)
    monkeypatch.setattr(notices, "log_event", lambda *a, **k: None)
    with caplog.at_level(logging.INFO):
        assert notices.notify_resident(wx(OPENID), "您的订单已派单。", order=_Order()) is False
    assert "DD20261201-0042" in caplog.text and OPENID not in caplog.text
