"""Handlers: one per intent, looked up in HANDLERS by the engine."""
from flask import Flask

from handlers.base import HANDLERS, Handler, Reply, Turn, fit, register

# Importing the modules registers their handlers.
from handlers import cancel, greeting, guide, handoff, out_of_scope, service_actions  # noqa: E402,F401

__all__ = ["HANDLERS", "Handler", "Reply", "Turn", "fit", "register"]


def init_app(app: Flask) -> None:
    """Handlers need no wiring beyond their registry."""
