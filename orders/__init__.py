"""点单 → 派单 → 接单 → 评单: orders, their transition table, deadlines and Open311."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Models, the `flask orders` commands and the Open311 API."""
    from core.extensions import csrf
    from core.periodic import register_periodic
    from orders import models  # noqa: F401  (tables for create_all and Alembic)
    from orders.cli import bp as cli_bp
    from orders.open311 import bp as open311_bp

    app.register_blueprint(cli_bp)
    # Other systems authenticate with an API key, not a browser session.
    csrf.exempt(open311_bp)
    app.register_blueprint(open311_bp)
    register_periodic(app, "orders.tasks.sweep", every=60)
