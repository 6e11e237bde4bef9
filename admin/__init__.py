"""Staff and organisation web: one subpackage per area, on one blueprint with shared guards and layout.

The shell (this package's modules) holds what every area uses: the blueprint and its
request boundary, role guards, the menu, base forms, texts, paging, the masking rule,
audited reveals, CSV writing and session security. Each area (orders, applications,
knowledge, tickets, accounts, dashboard, audit, phrases, notices, volunteers) has its
views in its own subpackage and reads its figures and lists from the domain packages'
queries.
"""
from flask import Flask


def init_app(app: Flask) -> None:
    """Register the /admin blueprint and point Flask-Login at its sign-in page."""
    from core.extensions import login_manager
    from admin import masking, paging, reveal, texts  # noqa: F401  (template filters)
    from admin.accounts import signin, users  # noqa: F401  (every module that registers views)
    from admin.applications import materials, views as application_views  # noqa: F401
    from admin.audit import views as audit_views  # noqa: F401
    from admin.dashboard import counts, exports, views as dashboard_views  # noqa: F401
    from admin.knowledge import (eligibility, faq, lexicon, missed, official_days,  # noqa: F401
                                 views as knowledge_views)
    from admin.notices import templates, views as notice_views  # noqa: F401
    from admin.orders import bulk, labels, org, views as order_views  # noqa: F401
    from admin.phrases import picker, views as phrase_views  # noqa: F401
    from admin.tickets import views as ticket_views  # noqa: F401
    from admin.volunteers import roster, views as volunteer_views  # noqa: F401
    from admin.blueprint import bp

    # The default SECRET_KEY (anyone could forge an admin cookie with it) is refused in
    # production by core.production before any package is wired in.
    login_manager.login_view = "admin.login"
    login_manager.login_message = texts.LOGIN_REQUIRED
    login_manager.login_message_category = "warning"
    app.register_blueprint(bp)
