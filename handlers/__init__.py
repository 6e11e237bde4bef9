"""Handlers: one per intent, looked up in HANDLERS by the engine."""
from flask import Flask

from handlers.base import FLOWS, HANDLERS, Flow, Handler, Reply, Turn, register, register_flow

# Importing the modules registers their handlers.
from handlers import (applications, appointments, cancel, eligibility, form_dialog,  # noqa: E402,F401
                      greeting, guide, handoff, order, order_status, out_of_scope, rate, status,
                      volunteers)

__all__ = ["FLOWS", "HANDLERS", "Flow", "Handler", "Reply", "Turn", "register", "register_flow"]


def init_app(app: Flask) -> None:
    """Handlers need no wiring beyond their registry."""
