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


def refused(client, path: str, **data) -> str:
    """Post a form that must be refused: the page itself (200), never a redirect."""
    response = client.post(path, data=data)
    assert response.status_code == 200, (response.status_code, response.headers.get("Location"))
    return text(response)


def field(html: str, control_id: str) -> str:
    """A field's block on the page: its label, control as rendered, hint and errors."""
    at = html.index(f'id="{control_id}"')
    start = html.rindex('<div class="field', 0, at)
    return html[start:html.index("</div>", at)]
