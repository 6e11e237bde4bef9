"""Named periodic jobs: packages register them, `flask scheduler` enqueues them.

    register_periodic(app, "orders.tasks.sweep", every=60)

Each job is a dotted name run through core.jobs like any other job, so a
periodic job is just a job that the scheduler enqueues on a timer.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask


@dataclass(frozen=True)
class Periodic:
    """One periodic job: what to run and how often (seconds)."""

    dotted: str
    every: int


def register_periodic(app: Flask, dotted: str, every: int) -> None:
    """Add a periodic job (idempotent per dotted name)."""
    registry = app.extensions.setdefault("mzt.periodic", {})
    registry[dotted] = Periodic(dotted, every)


def periodic_jobs(app: Flask) -> list[Periodic]:
    """The registered periodic jobs, by name."""
    return sorted(app.extensions.get("mzt.periodic", {}).values(), key=lambda p: p.dotted)
