"""Small helpers shared by the admin tests."""
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
