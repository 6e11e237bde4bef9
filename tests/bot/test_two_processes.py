"""No state in a process: one conversation alternating between two app servers.

Two real gunicorn servers on free loopback ports share the test PostgreSQL
and Redis; every other message goes to the other server.
"""
import os
import time

import pytest
import requests
import xmltodict

from accounts.models import User
from applications.models import Application
from conversations.models import MessageLog
from core.extensions import db
from orders.models import Order
from orders.operations import apply
from orders.transitions import Actor
from tests.helpers import gen_id, wx, years_ago

from live import app_env, free_port, gunicorn, port_open, stop, wait_until

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")

pytestmark = pytest.mark.skipif(not (TEST_DATABASE_URL and TEST_REDIS_URL),
                                reason="needs TEST_DATABASE_URL and TEST_REDIS_URL (shared services)")


@pytest.fixture
def servers(seeded):
    if seeded.config["BACKEND"] != "services":
        pytest.skip("two processes can only share PostgreSQL and Redis")
    env = app_env(DATABASE_URL=TEST_DATABASE_URL, REDIS_URL=TEST_REDIS_URL,
                  REDIS_PREFIX=seeded.config["REDIS_PREFIX"])
    ports = [free_port(), free_port()]
    procs = [gunicorn(port, env) for port in ports]
    try:
        for port, proc in zip(ports, procs, strict=True):
            assert wait_until(lambda: port_open(port) or proc.poll() is not None, 30)  # noqa: B023
            assert proc.poll() is None, "server exited"
        yield ports
    finally:
        for proc in procs:
            stop(proc)


def say(wechat, port: int, user: str, text: str, msg_id: int) -> str:
    fields = wechat.message("text.xml", FromUserName=user, Content=text, MsgId=str(msg_id),
                           CreateTime=str(int(time.time())))
    body = xmltodict.unparse({"xml": fields}, full_document=False).encode()
    response = requests.post(f"http://127.0.0.1:{port}/wechat", params=wechat.query(),
                             data=body, timeout=10)
    assert response.status_code == 200
    return xmltodict.parse(response.text)["xml"]["Content"] if response.text != "success" else ""


def test_conversation_alternating_between_processes(wechat, servers):
    user = "oTwoProcesses0000000000001"
    script = ["低保要准备哪些材料", "那去哪里办", "高龄津贴呢", "要带什么"]
    replies = [say(wechat, servers[i % 2], user, text, 60000 + i) for i, text in enumerate(script)]
    assert "材料" in replies[0]
    # Follow-ups only make sense with the context the other process saved.
    assert "低保" in replies[1] or "最低生活保障" in replies[1]
    assert "高龄" in replies[2] and "高龄" in replies[3]
    # No flush here: each web process writes its buffered log rows on its own timer.
    assert wait_until(lambda: _logged(user) == len(script), 10)


def _logged(user: str) -> int:
    db.session.remove()
    return db.session.scalar(db.select(db.func.count()).select_from(MessageLog)
                             .where(MessageLog.resident == wx(user)))


def test_application_alternating_between_processes(wechat, servers):
    user = "oTwoProcesses0000000000002"
    script = ["我要申请高龄津贴", "张三", gen_id(years_ago(85)), "13812345678", "1",
              "幸福路12号3栋201室", "确认"]
    replies = [say(wechat, servers[i % 2], user, text, 61000 + i) for i, text in enumerate(script)]
    assert "（1/5）" in replies[0] and "（5/5）" in replies[4]
    db.session.remove()
    (application,) = db.session.scalars(db.select(Application)).all()
    assert application.status == "submitted" and application.reference in replies[-1]


def test_order_and_rating_alternating_between_processes(wechat, servers):
    user = "oTwoProcesses0000000000003"
    script = ["家里老人需要有人上门打扫卫生", "幸福社区和平路12号3栋201", "明天上午",
              "13800138000", "确认"]
    replies = [say(wechat, servers[i % 2], user, text, 62000 + i) for i, text in enumerate(script)]
    db.session.remove()
    (order,) = db.session.scalars(db.select(Order)).all()
    assert (order.state, order.resident, order.phone) == ("submitted", wx(user), "13800138000")
    assert order.number in replies[-1]

    org_user = db.session.scalar(db.select(User).filter_by(username="org1"))
    staff, org = Actor("staff", "staff"), Actor.for_user(org_user)
    apply(order.id, "approve", staff)
    apply(order.id, "dispatch", staff, organization_id=org_user.organization_id)
    apply(order.id, "accept", org)
    apply(order.id, "complete", org, notes="打扫完毕", hours=2, volunteers=[])
    order_id = order.id
    db.session.commit()

    rating = ["我要评价", "4", "是", "没有"]
    replies = [say(wechat, servers[(i + 1) % 2], user, text, 63000 + i)
               for i, text in enumerate(rating)]
    assert "已办结" in replies[-1]
    db.session.remove()
    order = db.session.get(Order, order_id)
    assert order.state == "closed" and (order.rating.score, order.rating.resolved) == (4, True)
