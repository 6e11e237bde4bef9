"""Users, roles and social organisations."""
from flask import Flask


def init_app(app: Flask) -> None:
    from core.cli import register_seeder
    from core.extensions import db, login_manager
    from accounts.cli import bp
    from accounts.models import User
    from accounts.seed import seed_accounts

    @login_manager.user_loader
    def load_user(user_id: str):
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        # A deactivated user's open sessions end at their next request.
        return user if user is not None and user.active else None

    app.register_blueprint(bp)
    register_seeder(app, 20, seed_accounts)
