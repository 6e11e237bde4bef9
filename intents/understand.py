"""Placeholder understander (replaced by the full pipeline)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Understanding:
    intent: str
    service: str | None = None
    aspect: str | None = None
    category: str | None = None
    confidence: float = 0.0
    candidates: list[dict] = field(default_factory=list)
    faq: dict | None = None
    referral: dict | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class Understander:
    def __init__(self, snapshot) -> None:
        self.snapshot = snapshot

    def understand(self, text, context=(), prior=None) -> Understanding:
        if text in ("你好", "菜单"):
            return Understanding("greeting", confidence=1.0)
        return Understanding("out_of_scope", confidence=0.2)
