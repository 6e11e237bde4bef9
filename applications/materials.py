"""Documents residents send in chat while an application waits for more materials."""
from __future__ import annotations

from applications.models import Application, Attachment
from core import jobs, pii
from core.extensions import db
from core.residents import Resident

MAX_BYTES = 5 * 1024 * 1024  # WeChat's own limit for an image is 10 MB; a document photo is far less
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp")


def waiting_for_materials(resident: Resident) -> Application | None:
    """The resident's newest application that staff sent back for more materials."""
    return db.session.scalar(db.select(Application)
                             .filter_by(resident=resident, status="need_info")
                             .order_by(Application.updated_at.desc(), Application.id.desc()))


def receive(application: Application, media_id: str) -> Attachment:
    """Record the photo and queue its download (the job runs after the message commits)."""
    attachment = Attachment(application=application, media_id=media_id[:128])
    db.session.add(attachment)
    db.session.flush()
    jobs.enqueue("bot.tasks.fetch_material", attachment.id)
    return attachment


def store(attachment: Attachment, content: bytes, content_type: str) -> Attachment:
    """Keep the downloaded file encrypted; refuse what is not a picture or is too large."""
    content_type = (content_type or "").split(";")[0].strip().lower()
    if content_type not in IMAGE_TYPES:
        attachment.status, attachment.error = "failed", f"not an image: {content_type[:40]}"
    elif len(content) > MAX_BYTES:
        attachment.status, attachment.error = "failed", f"too large: {len(content)} bytes"
    else:
        attachment.content_enc = pii.encrypt_bytes(content)
        attachment.status, attachment.error = "stored", ""
    attachment.content_type, attachment.size = content_type, len(content)
    return attachment


def content(attachment: Attachment) -> bytes:
    """The file's bytes, decrypted for an authorised viewer."""
    return pii.decrypt_bytes(attachment.content_enc)


def attachments_of(application: Application) -> list[Attachment]:
    return list(db.session.scalars(db.select(Attachment).filter_by(application_id=application.id)
                                   .order_by(Attachment.id)))
