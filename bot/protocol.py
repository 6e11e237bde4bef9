"""WeChat's wire protocol: signatures, replay window, AES, parsing into Incoming.

wechatpy does the signing, crypto and XML work; this module adds what it
leaves out: constant-time comparison, a timestamp window, a body limit, a
defusedxml gate against DTDs and entities, and clean errors for bad input.
"""
from __future__ import annotations

import hmac
import logging
import re
import time

import xmltodict
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from wechatpy.crypto import WeChatCrypto
from wechatpy.parser import parse_message
from wechatpy.replies import TextReply
from wechatpy.utils import WeChatSigner

from bot.messages import Incoming
from bot.channels import CHANNELS

log = logging.getLogger(__name__)
# XML 1.0 forbids these; WeChat still passes them through inside Content.
ILLEGAL_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EMPTY_REPLY = "success"  # WeChat's word for "no reply"; anything else shows an error
MAX_USER = 64  # an openid is 28 characters; the message log holds 64


class Rejected(Exception):
    """A request we refuse: 403 for who sent it, 400 for what it holds."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def sign(*parts: str) -> str:
    """WeChat's SHA-1 signature over the sorted parts."""
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def check_signature(expected_parts: tuple[str, ...], given: str | None) -> None:
    """Raise 403 unless `given` is the signature of the parts (constant time)."""
    if not given or not hmac.compare_digest(sign(*expected_parts).encode(), given.encode()):
        raise Rejected(403, "bad signature")


def check_timestamp(timestamp: str | None, window: int, now: float | None = None) -> None:
    """Raise 403 when the signed timestamp is missing or outside the replay window."""
    try:
        skew = abs((now or time.time()) - int(timestamp or ""))
    except ValueError:
        raise Rejected(403, "bad timestamp") from None
    if skew > window:
        raise Rejected(403, "timestamp outside replay window")


def verify_query(args, token: str, window: int) -> None:
    """Check the `signature`, `timestamp` and `nonce` WeChat puts on every request."""
    timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
    check_signature((token, timestamp, nonce), args.get("signature"))
    check_timestamp(timestamp, window)


def read_body(stream, limit: int) -> str:
    """The request body as text, refusing anything over the limit or not UTF-8."""
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise Rejected(400, "body too large")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(400, "body is not UTF-8") from None


def safe_xml(text: str) -> str:
    """Text cleaned of XML-illegal characters, rejected if it has a DTD or isn't XML."""
    text = ILLEGAL_XML_CHARS.sub("", text)
    try:
        root = fromstring(text, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError) as exc:
        raise Rejected(400, f"malformed XML: {type(exc).__name__}") from None
    if root.tag != "xml":
        raise Rejected(400, "malformed XML: root is not <xml>")
    return text


def make_crypto(token: str, aes_key: str | None, appid: str) -> WeChatCrypto | None:
    """wechatpy's crypto for the configured EncodingAESKey, or None if unusable."""
    if not aes_key:
        return None
    try:
        return WeChatCrypto(token, aes_key, appid)
    except (AssertionError, ValueError) as exc:
        log.error("WECHAT_AES_KEY is not a valid EncodingAESKey: %s", type(exc).__name__)
        return None


def decrypt(body: str, args, crypto: WeChatCrypto | None) -> str:
    """The inner XML of an AES (safe or compatible mode) request."""
    if not args.get("msg_signature"):
        raise Rejected(403, "encrypted message without msg_signature")
    if crypto is None:
        raise Rejected(400, "encrypted message but no usable WECHAT_AES_KEY")
    envelope = xmltodict.parse(safe_xml(body)).get("xml") or {}
    encrypt = envelope.get("Encrypt")
    if not isinstance(encrypt, str):
        raise Rejected(400, "encrypted message without <Encrypt>")
    timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
    check_signature((crypto.token, timestamp, nonce, encrypt), args.get("msg_signature"))
    try:
        return crypto.decrypt_message(envelope, args["msg_signature"], timestamp, nonce)
    except Exception as exc:  # wrong key gives UnicodeDecodeError, bad data many others
        log.warning("wechat decrypt failed: %s", type(exc).__name__)
        raise Rejected(400, "decrypt failed") from None


def parse(xml: str):
    """wechatpy's message or event object for a cleaned, checked XML body."""
    xml = safe_xml(xml)
    try:
        message = parse_message(xml)
    except (AttributeError, KeyError, TypeError, ValueError):
        message = None
    # The checks read the fields wechatpy parsed (the body is parsed once); a
    # body it could not take is parsed again only to say why it is refused.
    fields = message._data if message is not None else xmltodict.parse(xml).get("xml") or {}
    if not isinstance(fields, dict) or not _str(fields, "MsgType"):
        raise Rejected(400, "malformed message: no MsgType")
    sender = _str(fields, "FromUserName")
    if not sender or len(sender) > MAX_USER or not _str(fields, "ToUserName"):
        raise Rejected(400, "malformed message: bad sender or receiver")
    if message is None:
        raise Rejected(400, "malformed message")
    return message


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _str(fields: dict, name: str) -> str:
    """A field's text; nested or empty elements count as empty."""
    value = fields.get(name)
    return value if isinstance(value, str) else ""


def _location(user: str, fields: dict) -> Incoming:
    return Incoming(user=user, kind="location", latitude=_number(fields.get("Location_X")),
                    longitude=_number(fields.get("Location_Y")), label=_str(fields, "Label"))


# Message types the engine understands, beyond text, voice and location.
PASSIVE_KINDS = {"image": "image", "video": "video", "shortvideo": "shortvideo",
                 "file": "file", "link": "link", "miniprogrampage": "link"}
# Subscribing by scanning a QR code is still a subscribe, with the scene as key.
EVENT_ALIASES = {"subscribe_scan": "subscribe"}


def to_incoming(message) -> Incoming:
    """Map any wechatpy message or event to the channel-neutral Incoming."""
    fields = message._data
    user, msg_type = _str(fields, "FromUserName"), _str(fields, "MsgType").lower()
    if msg_type == "event":
        return _event(message, fields, user)
    if msg_type == "text":
        return Incoming(user=user, kind="text", text=_str(fields, "Content"))
    if msg_type == "voice":
        # Recognition is WeChat's speech-to-text; empty when it heard nothing.
        return Incoming(user=user, kind="voice", text=_str(fields, "Recognition"))
    if msg_type == "location":
        return _location(user, fields)
    if msg_type == "image":
        return Incoming(user=user, kind="image", media_id=_str(fields, "MediaId"))
    return Incoming(user=user, kind=PASSIVE_KINDS.get(msg_type, "unknown"))


def _event(message, fields: dict, user: str) -> Incoming:
    event = (getattr(message, "event", "") or _str(fields, "Event")).lower()
    event = EVENT_ALIASES.get(event, event)
    key = _str(fields, "EventKey")
    if event == "location":
        return Incoming(user=user, kind="event", event="location",
                        latitude=_number(fields.get("Latitude")),
                        longitude=_number(fields.get("Longitude")))
    if event == "location_select":
        # WeChat also posts the picked place as a location message, which gets
        # the visible reply; the event itself is only remembered, like LOCATION.
        info = fields.get("SendLocationInfo")
        info = info if isinstance(info, dict) else {}
        return Incoming(user=user, kind="event", event="location",
                        latitude=_number(info.get("Location_X")),
                        longitude=_number(info.get("Location_Y")),
                        label=_str(info, "Label") or _str(info, "Poiname"))
    return Incoming(user=user, kind="event", event=event, key=key)


def dedupe_key(message) -> str:
    """What identifies one delivery across WeChat's retries."""
    fields = message._data
    user, msg_id = _str(fields, "FromUserName"), _str(fields, "MsgId")
    if msg_id and _str(fields, "MsgType").lower() != "event":
        return f"msg:{user}:{msg_id}"
    # WeChat's advice for events is FromUserName+CreateTime; the event and key
    # keep two different events sent in the same second apart.
    return "evt:{}:{}:{}:{}:{}".format(user, _str(fields, "CreateTime"),
                                       _str(fields, "MsgType"), _str(fields, "Event"),
                                       _str(fields, "EventKey"))


def _cdata(text: str) -> str:
    # wechatpy wraps text in CDATA as is; a resident's "]]>" echoed back (a
    # location label, say) would otherwise end it and inject XML.
    return ILLEGAL_XML_CHARS.sub("", text).replace("]]>", "]]]]><![CDATA[>")


def render(message, replies: list[str], crypto: WeChatCrypto | None = None,
           nonce: str = "") -> str:
    """The passive reply body: one text reply, encrypted when the request was."""
    if not replies:
        return EMPTY_REPLY
    reply = TextReply(source=_cdata(message.target), target=_cdata(message.source),
                      content=_cdata(CHANNELS["wechat"].fit("\n\n".join(replies))))
    xml = reply.render()
    return crypto.encrypt_message(xml, nonce) if crypto else xml
