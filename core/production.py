"""Production refuses to start with example, weak or missing secrets and services.

Each problem names the variable and never its value: the message reaches
gunicorn's and systemd's logs.
"""
from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from core.config import DEV_SECRET_KEY

# The values .env.example and the embedded default ship with.
EXAMPLE_SECRETS = frozenset({"change-me-to-a-long-random-string", DEV_SECRET_KEY})
MIN_SECRET_LENGTH = 32
# Fewer distinct characters than this is a pattern, not randomness ("aaaa…", "abab…").
MIN_DISTINCT = 10


class ConfigError(RuntimeError):
    """A production setting is missing or unsafe."""


def check(config: Mapping) -> None:
    """Raise ConfigError listing every problem when APP_ENV=production."""
    if config.get("APP_ENV") != "production":
        return
    found = problems(config)
    if found:
        raise ConfigError("APP_ENV=production 拒绝启动，请在 .env 或环境中改正：" + "；".join(found))


def problems(config: Mapping) -> list[str]:
    """What is wrong with a production config, one line per variable."""
    found = [_secret_key(config.get("SECRET_KEY") or ""), _pii_key(config)]
    if not config.get("REDIS_URL"):
        found.append("REDIS_URL 未设置（多进程共享的会话、限流和任务队列需要 Redis）")
    url = str(config.get("SQLALCHEMY_DATABASE_URI") or "")
    if not url or url.startswith("sqlite"):
        found.append("DATABASE_URL 未设置或是 SQLite（生产环境需要 PostgreSQL）")
    return [problem for problem in found if problem]


def _secret_key(value: str) -> str:
    if not value:
        return "SECRET_KEY 未设置"
    if value in EXAMPLE_SECRETS or "change-me" in value:
        return "SECRET_KEY 仍是示例值"
    if len(value) < MIN_SECRET_LENGTH or len(set(value)) < MIN_DISTINCT:
        return f"SECRET_KEY 太弱（至少 {MIN_SECRET_LENGTH} 个随机字符）"
    return ""


def _pii_key(config: Mapping) -> str:
    value = config.get("PII_KEY") or ""
    if not value:
        return "PII_KEY 未设置（生产环境不由 SECRET_KEY 推导，否则轮换 SECRET_KEY 会使身份证号无法解密）"
    try:
        raw = base64.urlsafe_b64decode(value.encode() if isinstance(value, str) else value)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        return "PII_KEY 不是有效的 Fernet 密钥（32 字节的 URL 安全 base64）"
    if len(set(raw)) < MIN_DISTINCT or value == config.get("SECRET_KEY"):
        return "PII_KEY 太弱（请用 Fernet.generate_key() 生成，且不要与 SECRET_KEY 相同）"
    return ""
