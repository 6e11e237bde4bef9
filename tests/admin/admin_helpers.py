"""Small helpers shared by the admin tests."""
import re

from core.audit import AuditEntry
from core.extensions import db


def audit_actions(prefix: str = "") -> list[str]:
    """Actions in the audit trail, oldest first."""
    query = db.select(AuditEntry.action).order_by(AuditEntry.id)
    if prefix:
        query = query.where(AuditEntry.action.startswith(prefix))
    return list(db.session.scalars(query))


def text(response) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
