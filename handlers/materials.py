"""A photo sent while an application waits for more materials is attached to it."""
from __future__ import annotations

from applications import materials
from core.residents import Resident
from handlers import texts
from handlers.base import Reply


def receive(resident: Resident, media_id: str) -> Reply | None:
    """Attach the photo to the application staff sent back; None when none is waiting."""
    application = materials.waiting_for_materials(resident)
    if application is None:
        return None
    materials.receive(application, media_id)
    return Reply.say(texts.MATERIAL_RECEIVED.format(title=application.title,
                                                    reference=application.reference), "acted")
