"""The channels residents write from, and what each can carry: one registry at the edge.

Handlers return whole replies. A channel fits them to its size limit when it renders
(bot.protocol for WeChat's passive reply, bot.tasks for its customer-service message,
the simulator's chat API), and a reply that is ready only after the channel stopped
waiting (bot.deadline, bot.spool) is sent by the channel's sender, if it has one.
Notices (notifications) reach a channel's residents by the route it names here.
A resident is (channel, id) everywhere behind the endpoint (core.residents), so a new
channel (a mini-program, SMS) is one entry here plus its endpoint.
"""
from __future__ import annotations

from dataclasses import dataclass

# WeChat cuts text replies at 2048 bytes; keep a margin for the reply envelope.
WECHAT_MAX_BYTES = 2000


def fit(text: str, limit: int = WECHAT_MAX_BYTES) -> str:
    """Cut a reply to `limit` UTF-8 bytes at a line break where possible."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    cut = data[: limit - len("…".encode())].decode("utf-8", errors="ignore")
    if "\n" in cut[len(cut) // 2:]:
        cut = cut[: cut.rindex("\n")]
    return cut.rstrip() + "\n…"


@dataclass(frozen=True)
class Channel:
    """One channel: how much one reply may carry, and who sends a reply later."""

    name: str
    # One reply's size limit in UTF-8 bytes; None: no limit.
    max_bytes: int | None = None
    # The job (core.jobs, by dotted name) that sends (resident, texts) later; None: nobody can.
    sender: str | None = None
    # How notices reach its residents (notifications.delivery): "wechat" (customer-service or
    # template message), "outbox" (kept for the channel to show); None: they cannot.
    notices: str | None = None

    def fit(self, text: str) -> str:
        """The text as this channel can carry it."""
        return fit(text, self.max_bytes) if self.max_bytes else text


CHANNELS: dict[str, Channel] = {c.name: c for c in (
    Channel("wechat", WECHAT_MAX_BYTES, sender="bot.tasks.send_texts", notices="wechat"),
    # The simulator shows what WeChat would; its later messages are the outbox's.
    Channel("simulator", WECHAT_MAX_BYTES, notices="outbox"),
    Channel("cli"),
)}


def notice_routes() -> dict[str, str]:
    """Each channel's notice route, for notifications (which must not import bot)."""
    return {c.name: c.notices for c in CHANNELS.values() if c.notices}


def get(name: str) -> Channel:
    """The registered channel; an unknown name (an old spooled message) cuts nothing and sends nothing."""
    return CHANNELS.get(name) or Channel(name)
