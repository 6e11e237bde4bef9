"""Every message and event type WeChat sends gets the right kind of answer."""
import pytest

from bot import session, texts
from conversations.models import MessageLog
from core.extensions import db
from tests.helpers import flush_log, wx

RESIDENT = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
ACCOUNT = "gh_0123456789ab"


def assert_text_reply(posted) -> str:
    """A text reply addressed back to the sender, from the account."""
    assert posted.status == 200, posted.body
    assert posted.reply is not None, posted.body
    assert posted.reply.type == "text"
    assert posted.reply.target == RESIDENT and posted.reply.source == ACCOUNT
    assert posted.text.strip()
    return posted.text


@pytest.mark.parametrize("name", ["text.xml", "voice.xml", "event_click.xml"])
def test_greeting_and_menu_answer_with_text(wechat, name):
    assert_text_reply(wechat.post(name))


@pytest.mark.parametrize("name,kind", [
    ("image.xml", "image"), ("video.xml", "video"), ("shortvideo.xml", "shortvideo"),
    ("file.xml", "file"), ("link.xml", "link"), ("miniprogrampage.xml", "link"),
])
def test_media_get_a_polite_pointer(wechat, name, kind):
    assert assert_text_reply(wechat.post(name)) == texts.UNSUPPORTED[kind]


def test_voice_is_answered_like_its_recognised_text(wechat):
    spoken = assert_text_reply(wechat.post("voice.xml"))
    typed = assert_text_reply(wechat.post("text.xml", Content="你好"))
    assert spoken == typed


def test_unrecognised_voice_asks_to_type(wechat):
    assert assert_text_reply(wechat.post("voice_unrecognised.xml")) == texts.VOICE_EMPTY


def test_location_message_is_kept_for_an_order_address(wechat):
    text = assert_text_reply(wechat.post("location.xml"))
    assert "幸福社区3幢" in text
    place = session.load(wx(RESIDENT))["location"]
    assert place == {"lat": 30.274085, "lng": 120.15507, "label": "幸福社区3幢"}


@pytest.mark.parametrize("name", ["event_subscribe.xml", "event_subscribe_qrscene.xml",
                                  "event_scan.xml"])
def test_subscribe_and_scan_welcome_with_the_menu(wechat, name):
    assert assert_text_reply(wechat.post(name)) == texts.WELCOME


@pytest.mark.parametrize("name", ["event_unsubscribe.xml", "event_view.xml",
                                  "event_unknown.xml"])
def test_silent_events_answer_the_literal_success(wechat, name):
    posted = wechat.post(name)
    assert posted.status == 200
    assert posted.body == "success"


@pytest.mark.parametrize("name,label", [("event_location.xml", ""),
                                        ("event_location_select.xml", "幸福社区居委会")])
def test_location_events_are_remembered_silently(wechat, name, label):
    posted = wechat.post(name)
    assert posted.body == "success"
    place = session.load(wx(RESIDENT))["location"]
    assert (place["lat"], place["lng"], place["label"]) == (30.274085, 120.15507, label)


def test_unknown_message_type_gets_a_polite_reply(wechat):
    assert assert_text_reply(wechat.post("unknown_type.xml")) == texts.UNKNOWN_MESSAGE


def test_control_character_in_content_gets_a_normal_reply(wechat):
    normal = assert_text_reply(wechat.post("text.xml", MsgId="1"))
    posted = wechat.post(raw=wechat.fixture("control_char.xml"))
    assert assert_text_reply(posted) == normal


def test_every_message_is_logged_on_the_wechat_channel(wechat):
    wechat.post("text.xml")
    wechat.post("image.xml")
    flush_log()
    rows = db.session.scalars(db.select(MessageLog).order_by(MessageLog.id)).all()
    assert [(r.resident_id, r.channel, r.kind) for r in rows] == [
        (RESIDENT, "wechat", "text"), (RESIDENT, "wechat", "image")]


def test_resident_text_cannot_break_out_of_the_reply_xml(wechat):
    posted = wechat.post("location.xml", Label="家]]><MsgType>news</MsgType>")
    assert "家]]><MsgType>news</MsgType>" in assert_text_reply(posted)


def test_url_verification_echoes_echostr(wechat, client):
    query = wechat.query() | {"echostr": "5929581640371432133"}
    response = client.get("/wechat", query_string=query)
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "5929581640371432133"


def test_control_character_inside_an_encrypted_message(wechat):
    wechat.use_aes()
    posted = wechat.post(raw=wechat.fixture("control_char.xml"), mode="safe")
    assert assert_text_reply(posted)


def test_a_bug_behind_the_endpoint_is_logged_and_answered_with_success(wechat, monkeypatch,
                                                                       caplog):
    from bot import engine

    def broken(incoming):
        raise RuntimeError("a bug")

    monkeypatch.setattr(engine, "reply", broken)
    posted = wechat.post("text.xml")
    assert (posted.status, posted.body) == (200, "success")
    assert "wechat request failed" in caplog.text
