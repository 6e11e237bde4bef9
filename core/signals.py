"""Domain events a package sends and another hooks, without importing each other.

Indico's pattern (blinker, installed with Flask): the signal lives here, below
both; the sender sends it, the receiver connects in its package's init_app.
Receivers run inside the sender's unit of work.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent by orders.operations once an order is completed (sender: the Order, with
# `volunteers` (names or ids) and `service_hours`). A receiver credits the
# volunteers who served and returns {volunteer reference: credited?}; the
# orders package logs each reference on the order's timeline either way.
order_completed = _signals.signal("order-completed")
