"""The `wechat` fixture: sign and post real-format XML, parse replies with wechatpy."""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.replies import deserialize_reply
from wechatpy.utils import WeChatSigner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# The sample EncodingAESKey from WeChat's documentation (43 characters).
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
OTHER_AES_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj"


def signature(*parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def to_xml(fields: dict) -> bytes:
    """WeChat's body format: a bare <xml> root, no declaration."""
    return xmltodict.unparse({"xml": fields}, full_document=False).encode()


@dataclass
class Posted:
    """One POST to /wechat: the response, what we sent and the parsed reply."""

    response: object
    sent: dict
    reply: object | None
    query: dict
    raw: bytes

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def body(self) -> str:
        return self.response.get_data(as_text=True)

    @property
    def text(self) -> str:
        return self.reply.content if self.reply is not None else ""


class WeChat:
    """Plays WeChat's servers against the app: plaintext, compatible or safe mode."""

    AES_KEY, OTHER_AES_KEY = AES_KEY, OTHER_AES_KEY

    def __init__(self, app, client) -> None:
        self.app, self.client = app, client

    @property
    def token(self) -> str:
        return self.app.config["WECHAT_TOKEN"]

    def fixture(self, name: str) -> bytes:
        return (FIXTURES / "wechat" / name).read_bytes()

    def message(self, name: str, **fields) -> dict:
        """A recorded message's fields, with some replaced."""
        data = xmltodict.parse(self.fixture(name))["xml"]
        data.update({k: str(v) for k, v in fields.items()})
        return data

    def query(self, timestamp: str | None = None, nonce: str | None = None,
              token: str | None = None) -> dict:
        """A freshly signed query; WeChat signs each request with a new nonce."""
        timestamp = timestamp or str(int(time.time()))
        nonce = nonce or str(secrets.randbelow(10 ** 10))
        return {"signature": signature(token or self.token, timestamp, nonce),
                "timestamp": timestamp, "nonce": nonce, "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}

    def use_aes(self, key: str = AES_KEY) -> None:
        self.app.config["WECHAT_AES_KEY"] = key

    def crypto(self, key: str = AES_KEY) -> WeChatCrypto:
        return WeChatCrypto(self.token, key, self.app.config["WECHAT_APPID"])

    def post(self, name: str | None = None, *, mode: str = "plain", key: str = AES_KEY,
             query: dict | None = None, raw: bytes | None = None, **fields) -> Posted:
        """Post a recorded message (fields overridden) or raw bytes; parse the reply."""
        sent = self.message(name, **fields) if name else {}
        body = raw if raw is not None else to_xml(sent)
        query = dict(query or self.query())
        if mode != "plain":
            body = self._encrypt(body, sent, query, mode, key)
        response = self.client.post("/wechat", query_string=query, data=body,
                                    content_type="text/xml")
        return Posted(response, sent, self._reply(response, mode, key), query, body)

    def _encrypt(self, body: bytes, sent: dict, query: dict, mode: str, key: str) -> bytes:
        envelope = xmltodict.parse(self.crypto(key).encrypt_message(
            body.decode(), query["nonce"], query["timestamp"]))["xml"]
        query.update(encrypt_type="aes", msg_signature=envelope["MsgSignature"])
        # Safe mode sends only the receiver and the ciphertext; compatible mode both.
        outer = dict(sent) if mode == "compatible" else {"ToUserName": sent.get("ToUserName", "")}
        outer["Encrypt"] = envelope["Encrypt"]
        return to_xml(outer)

    def _reply(self, response, mode: str, key: str):
        body = response.get_data(as_text=True)
        if response.status_code != 200 or body == "success":
            return None
        if mode != "plain":
            envelope = xmltodict.parse(body)["xml"]
            body = self.crypto(key).decrypt_message(body, envelope["MsgSignature"],
                                                    envelope["TimeStamp"], envelope["Nonce"])
        return deserialize_reply(body)


@pytest.fixture
def wechat(app, client) -> WeChat:
    """Sign and post WeChat XML to /wechat and parse what comes back."""
    return WeChat(app, client)
