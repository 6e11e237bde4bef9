"""Paging for every admin list: one page size, and a bad ?page= never ends in an error page."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.sql import Select

from admin import texts
from admin.blueprint import bp
from core.extensions import db

PER_PAGE = 50
# The offset must fit the database's 64-bit integer; any page this far is past the end anyway.
MAX_PAGE = 1_000_000


def paginate(select: Select) -> Pagination:
    """The ?page= page of `select`: garbage means page 1, a page past the end shows the last."""
    requested = min(request.args.get("page", 1, type=int), MAX_PAGE)
    page = db.paginate(select, page=requested, per_page=PER_PAGE, error_out=False)
    if not page.items and page.page > 1 and page.pages:
        flash(texts.PAGE_PAST_END.format(page=page.page, last=page.pages), "warning")
        page = db.paginate(select, page=page.pages, per_page=PER_PAGE, error_out=False)
    return page


@bp.app_template_global()
def page_url(endpoint: str, number: int, **filters) -> str:
    """A link to one page of a list that keeps its filters; empty filters stay out of the URL."""
    kept = {key: value for key, value in filters.items() if value not in (None, "")}
    return url_for(endpoint, page=number if number > 1 else None, **kept)
