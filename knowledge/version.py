"""The knowledge version: bumped on every edit so every worker reloads."""
from __future__ import annotations

from core.settings import get_setting, increment

KEY = "knowledge.version"
# The live learned model (knowledge.models.NluModel.id): a new one is loaded by every process.
MODEL_KEY = "nlu.model.version"


def current() -> int:
    """The version the database holds now (0 before any edit)."""
    return int(get_setting(KEY, 0))


def bump() -> int:
    """Mark the knowledge base changed, in the caller's transaction; concurrent edits get their own numbers."""
    return increment(KEY)
