"""Handlers: one per intent, looked up in HANDLERS by the engine."""
from flask import Flask

from handlers.base import FLOWS, HANDLERS, Flow, Handler, Reply, Turn, fit, register, register_flow

# Importing the modules registers their handlers.
from handlers import cancel, greeting, guide, handoff, out_of_scope, service_actions  # noqa: E402,F401
from handlers import order, order_status, rate  # noqa: E402,F401

__all__ = ["FLOWS", "HANDLERS", "Flow", "Handler", "Reply", "Turn", "fit", "register",
           "register_flow"]


def init_app(app: Flask) -> None:
    """Handlers need no wiring beyond their registry."""
