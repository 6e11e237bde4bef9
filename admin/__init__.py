"""Staff and organisation web: sign-in, role guards, layout and account management."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Register the /admin blueprint and point Flask-Login at its sign-in page."""
    from core.extensions import login_manager
    from admin import (audit_log, casework, counts, dashboard, eligibility, exports, faq,  # noqa: F401  (routes)
                       knowledge, lexicon, masking, materials, missed, notice_templates, notices,
                       official_days, order_bulk, order_labels, orders, org_orders, org_volunteers,
                       paging, phrase_picker, phrases, routes, texts, tickets, users)
    from admin.blueprint import bp

    # The default SECRET_KEY (anyone could forge an admin cookie with it) is refused in
    # production by core.production before any package is wired in.
    login_manager.login_view = "admin.login"
    login_manager.login_message = texts.LOGIN_REQUIRED
    login_manager.login_message_category = "warning"
    app.register_blueprint(bp)
