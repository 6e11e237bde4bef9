"""Documents residents sent in chat for an application: shown to staff only, every view audited."""
from __future__ import annotations

from flask import Response, abort
from flask_login import current_user

from admin.auth import staff_required
from admin.blueprint import bp
from applications import materials
from applications.models import Attachment
from core import audit
from core.extensions import db


@bp.get("/applications/<int:app_id>/materials/<int:attachment_id>")
@staff_required
def application_material(app_id: int, attachment_id: int):
    """The decrypted photo, never cached by the browser or a proxy."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.application_id != app_id or attachment.status != "stored":
        abort(404)
    data = materials.content(attachment)
    if not data:
        abort(404)  # made with another PII_KEY: nothing readable to show
    audit.record(current_user.username, "application.view_material",
                 f"application:{app_id}:material:{attachment.id}")
    return Response(data, mimetype=attachment.content_type,
                    headers={"Cache-Control": "no-store, private",
                             "X-Content-Type-Options": "nosniff",
                             "Content-Disposition": f"inline; filename=material-{attachment.id}"})
