"""gen_* data builders shared by tests (CTFd style)."""
from __future__ import annotations

from datetime import date

from core import calendar
from core.residents import WECHAT, Resident
from forms.validators import id_check_digit


def flush_log() -> int:
    """Write the message-log rows buffered in Redis now (a no-op without Redis).

    Web processes do this on a timer; tests call it before reading the log.
    """
    from conversations import logbuffer

    return logbuffer.flush()


def gen_id(birth: date | str, seq: str = "123", region: str = "320102") -> str:
    """A valid 18-digit resident ID; seq's last digit odd means 男."""
    birth = birth.strftime("%Y%m%d") if isinstance(birth, date) else birth
    first = region + birth + seq
    return first + id_check_digit(first)


def years_ago(years: int, extra_days: int = 0) -> date:
    today = calendar.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def mistype(id_number: str) -> str:
    """The same ID with one digit changed, so only the check digit catches it."""
    digit = str((int(id_number[15]) + 1) % 10)
    return id_number[:15] + digit + id_number[16:]


def sim(name: str = "居民A") -> Resident:
    """A simulator resident: whom Chat talks as (tests of records a chat then reads)."""
    return Resident("simulator", name)


def wx(openid: str) -> Resident:
    """A WeChat resident (tests of the /wechat endpoint and of notices through WeChat's API)."""
    return Resident(WECHAT, openid)


class Chat:
    """Talk to the engine through /api/chat as one resident (the simulator's)."""

    def __init__(self, client, user: str = "居民A") -> None:
        self.client, self.user = client, user
        self.resident = sim(user)

    def say(self, text: str) -> str:
        response = self.client.post("/api/chat", json={"user": self.user, "text": text})
        assert response.status_code == 200, response.get_data(as_text=True)
        return "\n".join(response.get_json()["replies"])

    def outbox(self) -> list[str]:
        return [m["text"] for m in
                self.client.get("/api/chat/outbox", query_string={"user": self.user}).get_json()]
