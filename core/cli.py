"""Project-wide commands: `flask seed` runs every feature's seeder."""
from __future__ import annotations

from collections.abc import Callable

import click
from flask import Flask, current_app

from core import unit

Seeder = Callable[[], str]


def register_seeder(app: Flask, order: int, seeder: Seeder) -> None:
    """Features add idempotent seeders; lower order runs first."""
    app.extensions.setdefault("mzt.seeders", []).append((order, seeder))


@click.command("seed")
def seed_command() -> None:
    """Load the sample knowledge base, and demo accounts except in production (idempotent)."""
    with unit.work():
        for _, seeder in sorted(current_app.extensions.get("mzt.seeders", []), key=lambda s: s[0]):
            click.echo(seeder())
    click.echo("示例数据已就绪。")


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_command)
