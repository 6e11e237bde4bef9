"""Personal data at rest: Fernet encryption and on-screen masking of ID numbers."""
from __future__ import annotations

import base64
import hashlib
import re

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from core.production import ConfigError

# An ID number alone, or inside a 残疾人证 number (the ID, then 残疾类别 and 等级).
# Both begin with a digit and then look back past it for another ("not after a digit"):
# the regex engine then skips ahead to the digits of a long reply instead of trying
# the look-behind at every character (three times faster, the same matches).
ID_PATTERN = re.compile(r"([1-9](?<![0-9][1-9])[0-9]{5})([0-9]{8})([0-9]{3}[0-9Xx])([1-7][1-4])?(?![0-9])")
MOBILE_PATTERN = re.compile(r"(1(?<![0-9]1)[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")


def _fernet() -> Fernet:
    key = current_app.config.get("PII_KEY")
    if not key:
        if current_app.config.get("APP_ENV") == "production":
            # Deriving it would tie every stored ID number to SECRET_KEY's rotation.
            raise ConfigError("PII_KEY 未设置")
        # Dev and tests only: a stable key derived from SECRET_KEY; production sets PII_KEY.
        digest = hashlib.sha256(("pii:" + current_app.config["SECRET_KEY"]).encode()).digest()
        key = base64.urlsafe_b64encode(digest)
    return Fernet(key)


def encrypt(value: str) -> str:
    """Ciphertext for storing a personal value."""
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    """The stored value, or "" when the token is empty or was made with another key."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def seal(value: str) -> str:
    """Ciphertext for a value that must never be read back as "" (the spool)."""
    return _fernet().encrypt(value.encode()).decode()


def unseal(token: str) -> str:
    """A sealed value; raises InvalidToken when it was made with another key."""
    return _fernet().decrypt(token.encode()).decode()


def mask_id(value: str) -> str:
    """3201**********1234: enough to tell records apart, not enough to misuse."""
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_text(text: str) -> str:
    """Mask ID numbers and mobile numbers inside free text (message logs, history)."""
    if not text:
        return text
    text = ID_PATTERN.sub(lambda m: mask_id(m.group(0)), text)
    return MOBILE_PATTERN.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def encrypt_bytes(data: bytes) -> str:
    """Ciphertext for a personal file (a photo of a document)."""
    return _fernet().encrypt(data).decode() if data else ""


def decrypt_bytes(token: str) -> bytes:
    """The stored file, or b"" when the token is empty or was made with another key."""
    if not token:
        return b""
    try:
        return _fernet().decrypt(token.encode())
    except InvalidToken:
        return b""
