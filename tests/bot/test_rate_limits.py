"""Rate limits: a flooding resident is asked to slow down; one IP flooding unsigned gets 429."""
from bot import texts


def test_flooding_resident_is_asked_to_slow_down(app, wechat):
    app.config["RATELIMIT_RESIDENT"] = "3 per minute"
    replies = [wechat.post("text.xml", Content="低保要什么材料", MsgId=str(70000 + i)).text
               for i in range(4)]
    assert all(texts.SLOW_DOWN not in r for r in replies[:3])
    assert replies[3] == texts.SLOW_DOWN
    other = wechat.post("text.xml", Content="低保要什么材料", MsgId="70010",
                        FromUserName="oAnotherResident000000000001")
    assert texts.SLOW_DOWN not in other.text


def test_one_ip_flooding_the_chat_api_gets_429(app, client):
    app.config["RATELIMIT_API_IP"] = "2 per minute"
    statuses = [client.post("/api/chat", json={"user": "居民A", "text": "你好"}).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_unsigned_requests_from_one_ip_get_429(app, wechat):
    app.config["RATELIMIT_WECHAT_IP"] = "2 per minute"
    forged = dict(wechat.query(), signature="0" * 40)
    statuses = [wechat.post("text.xml", query=forged, MsgId=str(71000 + i)).status
                for i in range(3)]
    assert statuses == [403, 403, 429]


def test_signed_deliveries_are_not_counted_per_ip(app, wechat):
    # WeChat sends a whole city's messages from a few addresses: a per-IP
    # count of signed deliveries would refuse everyone after a policy notice.
    app.config["RATELIMIT_WECHAT_IP"] = "2 per minute"
    posted = [wechat.post("text.xml", Content="低保要什么材料", MsgId=str(72000 + i),
                          FromUserName=f"oCityResident{i:015d}") for i in range(5)]
    assert [p.status for p in posted] == [200] * 5
    assert all("低保" in p.text for p in posted)
    forged = dict(wechat.query(), signature="0" * 40)
    assert [wechat.post("text.xml", query=forged).status for _ in range(3)] == [403, 403, 429]
