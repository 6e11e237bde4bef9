"""Rate limits: a flooding resident gets a friendly reply; one IP flooding the API gets 429."""
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
