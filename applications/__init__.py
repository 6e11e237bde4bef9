"""Online pre-applications and in-person appointments."""
from flask import Flask


def init_app(app: Flask) -> None:
    from applications import models  # noqa: F401  (tables for migrations)
