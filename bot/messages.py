"""Channel-neutral incoming messages: what every channel hands the engine."""
from __future__ import annotations

from dataclasses import dataclass

from core.residents import Resident


@dataclass
class Incoming:
    """A resident's message or event, from WeChat, the simulator, the CLI or the API."""

    user: str
    kind: str = "text"          # text, voice, image, video, location, link, file, event, unknown
    text: str = ""
    event: str = ""             # subscribe, unsubscribe, scan, click, view, location
    key: str = ""               # menu key or QR scene
    latitude: float | None = None
    longitude: float | None = None
    label: str = ""
    media_id: str = ""          # an image's id for WeChat's media API (materials in chat)
    channel: str = "wechat"
    # What identifies one delivery across WeChat's retries (bot.protocol.dedupe_key).
    dedupe: str = ""

    @property
    def resident(self) -> Resident:
        """Who wrote: the id is the channel's, unique on that channel only."""
        return Resident(self.channel, self.user)
