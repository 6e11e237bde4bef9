"""Registered volunteers and their service-hours record."""
from flask import Flask


def init_app(app: Flask) -> None:
    from volunteers import models  # noqa: F401  (tables for migrations)
