"""Materials in chat: a photo sent for a need-more-materials application, through a fake WeChat API."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from applications import operations as ops
from applications.models import Application, Attachment
from core.extensions import db
from core.store import get_store
from tests.admin.admin_helpers import audit_actions
from tests.helpers import gen_id, sim, years_ago

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wechat_api"
PHOTO = b"\x89PNG\r\n\x1a\n" + b"photo-of-household-register" * 40


class FakeMediaAPI:
    """api.weixin.qq.com on loopback: the token and media/get, recording what was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                api.asked.append(self.path)
                if self.path.startswith("/cgi-bin/token"):
                    body, kind = (FIXTURES / "token.json").read_bytes(), "application/json"
                elif self.path.startswith("/cgi-bin/media/get") and "media_id=MEDIA1" in self.path:
                    body, kind = PHOTO, "image/png"
                else:
                    body, kind = json.dumps({"errcode": 40007, "errmsg": "invalid media_id"}).encode(), \
                        "application/json"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/cgi-bin/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_api(app):
    api = FakeMediaAPI()
    app.config.update(WECHAT_API_BASE=api.base, WECHAT_APPID="wx1234567890abcdef",
                      WECHAT_SECRET="secret", JOBS_INLINE=True)
    # A token another worker fetched earlier, shared through the store (wechatpy
    # fetches tokens from a fixed host, which loopback tests cannot reach).
    token = json.loads((FIXTURES / "token.json").read_text())["access_token"]
    get_store().set(f"wechatpy:{app.config['WECHAT_APPID']}_access_token", json.dumps(token), 3600)
    yield api
    api.close()


def _sent_back() -> Application:
    person = ops.Person(name="张三", phone="13812345678", id_number=gen_id(years_ago(85)),
                        community="幸福社区")
    record = ops.submit_application(sim("居民A"), "MZ07", "高龄津贴", person, {"老人姓名": "张三"},
                                    {}, key="k-materials")
    ops.change_status(record, "need_info", actor="staff", reason="请补充户口簿照片")
    db.session.commit()
    return record


def _send_photo(client, media_id: str) -> str:
    response = client.post("/api/chat", json={"user": "居民A", "image": media_id})
    assert response.status_code == 200
    return "\n".join(response.get_json()["replies"])


def test_photo_for_a_sent_back_application_is_stored_encrypted_and_shown_to_staff(
        seeded, client, auth, fake_api):
    record = _sent_back()
    reply = _send_photo(client, "MEDIA1")
    assert record.reference in reply and "补充材料" in reply
    assert any(p.startswith("/cgi-bin/media/get") and "media_id=MEDIA1" in p for p in fake_api.asked)
    attachment = db.session.scalar(db.select(Attachment))
    assert attachment.application_id == record.id and attachment.status == "stored"
    assert PHOTO not in attachment.content_enc.encode() and attachment.size == len(PHOTO)
    auth.login("staff")
    page = client.get(f"/admin/applications/{record.id}").get_data(as_text=True)
    assert "补充材料" in page and f"/materials/{attachment.id}" in page
    shown = client.get(f"/admin/applications/{record.id}/materials/{attachment.id}")
    assert shown.status_code == 200 and shown.data == PHOTO
    assert shown.headers["Cache-Control"].startswith("no-store")
    assert "application.view_material" in audit_actions("application.view_material")


def test_a_media_error_is_recorded_not_lost(seeded, client, fake_api):
    _sent_back()
    assert "补充材料" in _send_photo(client, "GONE")
    attachment = db.session.scalar(db.select(Attachment))
    assert attachment is not None and attachment.media_id == "GONE"
    assert attachment.status in ("pending", "failed")  # the job failed; the row waits for a retry


def test_photo_without_a_sent_back_application_gets_the_usual_reply(seeded, client, fake_api):
    reply = _send_photo(client, "MEDIA1")
    assert "看不懂图片" in reply
    assert db.session.scalar(db.select(Attachment)) is None


def test_organisations_cannot_see_materials(seeded, client, auth, fake_api):
    record = _sent_back()
    _send_photo(client, "MEDIA1")
    attachment = db.session.scalar(db.select(Attachment))
    auth.login("org1")
    response = client.get(f"/admin/applications/{record.id}/materials/{attachment.id}")
    assert response.status_code in (302, 403, 404) and response.data != PHOTO
