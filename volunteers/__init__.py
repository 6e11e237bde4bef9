"""Registered volunteers and their service-hours record."""
from flask import Flask


def init_app(app: Flask) -> None:
    from core import signals
    from volunteers import models  # noqa: F401  (tables for migrations)
    from volunteers.operations import credit_order

    # Volunteers served an order: their hours (the orders package only sends the signal).
    signals.order_completed.connect(credit_order)
