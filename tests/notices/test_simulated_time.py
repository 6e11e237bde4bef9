"""Orders through every stage in simulated time, on the real scheduler and worker.

`flask scheduler` and `flask worker` run as processes on PostgreSQL and
Redis (TEST_DATABASE_URL / TEST_REDIS_URL), with their clock run ahead by an
offset file (core.fakeclock) and WeChat faked on loopback. Nothing here calls
the sweep: the test moves the clock and waits for the processes to act.
It starts on 2026-12-30 and runs past 元旦 2027.
"""
from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, UTC

import pytest
from sqlalchemy import text as sql

from conversations import logbuffer
from core import create_app, fakeclock
from core.extensions import db
from core.periodic import periodic_jobs
from core.store import get_store
from notifications import templates
from notifications.kinds import KINDS
from notifications.models import Notification, StaffNotice
from orders import operations
from orders.models import Order, OrderEvent
from orders.transitions import Actor
from tests.bot.live import PYTHON, ROOT, app_env, stop, wait_until
from tests.notices.fake_wechat import NoticeWeChatAPI

DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not (DATABASE_URL and REDIS_URL),
                                reason="needs PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL)")

START = datetime(2026, 12, 30, 1, 0)  # Wednesday 09:00 in Beijing
ACTIVE, QUIET, GONE = "oResidentActive000000000001", "oResidentQuiet0000000000002", "oResidentGone00000000000003"
ORG_WECHAT = "oOrgUserWeChat00000000000009"
WAIT = 60  # seconds of real time for the processes to act after a clock move


class Sim:
    """The clock, the in-process app (web side) and the fake WeChat API."""

    def __init__(self, app, api, clock_file: str) -> None:
        self.app, self.api, self.clock_file = app, api, clock_file
        self.client = app.test_client()
        self.waits: list[float] = []  # real seconds until the worker had sent what was due
        self.lags: list[float] = []  # real seconds from a clock move to the sweep's action

    def set_time(self, at: datetime, active_writes: bool = True) -> None:
        """Move the clock once the worker has sent what is due; the active resident writes first.

        A notice still queued when the clock jumps would be sent after the jump,
        through whatever channel is right then: correct, but not this test's point.
        """
        self.settled()
        if active_writes:
            self.say(ACTIVE, "你好")
        real = datetime.now(UTC).replace(tzinfo=None)
        fakeclock.write_offset(self.clock_file, (at - real).total_seconds())

    def now(self) -> datetime:
        from core.audit import utcnow

        return utcnow()

    def advance(self, **delta) -> None:
        self.set_time(self.now() + timedelta(**delta))

    def say(self, who: str, text: str = "你好", **event) -> str:
        body = {"user": who, **event} if event else {"user": who, "text": text}
        response = self.client.post("/api/chat", json=body)
        assert response.status_code == 200, response.get_data(as_text=True)
        # The interaction reaches the database with the buffered log rows: what
        # the web process's timer does within a second (its timer is off here).
        logbuffer.flush()
        if event.get("event") != "unsubscribe":
            self.api.interacted(who)  # what WeChat itself would know
        return "\n".join(response.get_json()["replies"])

    def events(self, number: str, event: str) -> list[OrderEvent]:
        db.session.remove()
        order = db.session.scalar(db.select(Order).filter_by(number=number))
        return [e for e in order.events if e.event == event]

    def wait_event(self, number: str, event: str, count: int = 1) -> None:
        began = time.monotonic()
        assert wait_until(lambda: len(self.events(number, event)) >= count, WAIT, 0.3), \
            f"{number}: no {event} by the scheduler and worker"
        self.lags.append(time.monotonic() - began)

    def settled(self) -> None:
        """Every notice handled by the worker (sent or undeliverable)."""
        began = time.monotonic()
        def done():
            db.session.remove()
            return not db.session.scalar(db.select(db.func.count()).select_from(Notification)
                                         .where(Notification.status.in_(("pending", "failed"))))
        assert wait_until(done, WAIT, 0.3), [
            (n.id, n.kind, n.status, n.attempts, n.last_error, n.created_at)
            for n in db.session.scalars(db.select(Notification).where(
                Notification.status.in_(("pending", "failed"))))]
        self.waits.append(time.monotonic() - began)


@pytest.fixture
def sim(tmp_path, monkeypatch):
    clock_file = str(tmp_path / "clock")
    monkeypatch.setenv("FAKE_CLOCK", "1")
    monkeypatch.setenv("MZT_FAKE_CLOCK_FILE", clock_file)
    fakeclock.write_offset(clock_file, 0)
    prefix, queue = f"mzt-sim-{uuid.uuid4().hex[:6]}:", f"mzt-sim-{uuid.uuid4().hex[:6]}"
    with NoticeWeChatAPI() as api:
        config = {"SQLALCHEMY_DATABASE_URI": DATABASE_URL, "REDIS_URL": REDIS_URL,
                  "REDIS_PREFIX": prefix, "RQ_QUEUE": queue, "NOTIFY_VIA": "wechat",
                  "WECHAT_API_BASE": api.base, "WECHAT_SECRET": "", "SECRET_KEY": "test",
                  "WECHAT_APPID": "wx1234567890abcdef", "LOG_LEVEL": "WARNING",
                  "TESTING": True, "WTF_CSRF_ENABLED": False, "MESSAGE_LOG_FLUSH_SECONDS": 0,
                  "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "KNOWLEDGE_CHECK_SECONDS": 0}
        app = create_app(config)
        with app.app_context():
            _fresh_schema(app)
            get_store().set(f"wechatpy:{config['WECHAT_APPID']}_access_token",
                            json.dumps("notice-token"), 3600)
            env = app_env(DATABASE_URL=DATABASE_URL, REDIS_URL=REDIS_URL, REDIS_PREFIX=prefix,
                          SIM_RQ_QUEUE=queue, NOTIFY_VIA="wechat", WECHAT_API_BASE=api.base,
                          FAKE_CLOCK="1", MZT_FAKE_CLOCK_FILE=clock_file, SIM_SWEEP_EVERY=3,
                          SECRET_KEY="test", WECHAT_SECRET="")
            procs = [_flask(["worker", "--name", f"{queue}-w1"], env), _flask(["scheduler"], env)]
            try:
                yield Sim(app, api, clock_file)
            finally:
                for proc in procs:
                    stop(proc)
                db.session.remove()
                _empty(app)
                db.engine.dispose()
                client = app.extensions["mzt.redis"]
                for key in client.scan_iter(f"*{queue}*"):
                    client.delete(key)
                for key in client.scan_iter(prefix + "*"):
                    client.delete(key)
                # The clock file outlives the test: later tests in this process read the real clock.
                monkeypatch.undo()
                fakeclock.configure()


def _flask(args: list[str], env: dict):
    import subprocess

    return subprocess.Popen([PYTHON, "-m", "flask", "--app", "tests.notices.sim_app:app", *args],
                            cwd=ROOT, env=env, start_new_session=True)


def _fresh_schema(app) -> None:
    """The schema as production builds it: every migration, from nothing."""
    from flask_migrate import upgrade

    db.drop_all()
    with db.engine.begin() as conn:
        conn.execute(sql("DROP TABLE IF EXISTS alembic_version"))
    upgrade()
    for _, seeder in sorted(app.extensions["mzt.seeders"], key=lambda s: s[0]):
        seeder()
    db.session.commit()


def _empty(app) -> None:
    names = ", ".join(f'"{t.name}"' for t in reversed(db.metadata.sorted_tables))
    with db.engine.begin() as conn:
        conn.execute(sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def _configure_templates() -> None:
    """Staff pick a template for every kind (the 公众号后台 IDs are made up here)."""
    for kind in KINDS:
        templates.save(kind, f"TPL_{kind}_0001", "first={title}\nkeyword1={number}\n"
                       "keyword2={status}\nkeyword3={time}\nremark={remark}")
    db.session.commit()


def _user_id(username: str) -> int:
    from accounts.models import User

    return db.session.scalar(db.select(User.id).filter_by(username=username))


def _staff(name="staff") -> Actor:
    from accounts.models import User

    return Actor.for_user(db.session.scalar(db.select(User).filter_by(username=name)))


def _apply(number: str, event: str, actor: Actor, **data) -> None:
    order = db.session.scalar(db.select(Order).filter_by(number=number))
    operations.apply(order.id, event, actor, **data)
    db.session.commit()


def _due(number: str) -> datetime:
    db.session.remove()
    return db.session.scalar(db.select(Order.due_at).filter_by(number=number))


def test_every_stage_runs_by_itself_and_every_party_hears(sim):
    started = time.monotonic()
    assert "orders.tasks.sweep" in [p.dotted for p in periodic_jobs(create_app())]
    sim.set_time(START, active_writes=False)
    _configure_templates()
    org1 = _org_binds(sim)
    numbers = _three_orders(sim)
    a, b, c = numbers
    sim.settled()
    sim.say(GONE, event="unsubscribe")
    sim.api.unfollowed.add(GONE)

    # Review is due one working day later: a reminder at due, escalation 4 h after.
    sim.set_time(_due(a) + timedelta(minutes=30))
    for number in numbers:
        sim.wait_event(number, "remind")
    sim.set_time(_due(a) + timedelta(hours=4, minutes=30))
    for number in numbers:
        sim.wait_event(number, "escalate")

    for number in numbers:
        _apply(number, "approve", _staff())
        _apply(number, "dispatch", _staff(), organization_id=org1)
    org = Actor("org", "org1", org_id=org1)
    for number in (b, c):
        _apply(number, "accept", org)
    # Nobody accepts order A: the organisation is warned, then it is taken back.
    sim.set_time(_due(a) - timedelta(hours=3))
    sim.wait_event(a, "due_soon")
    sim.set_time(_due(a) + timedelta(minutes=5))
    sim.wait_event(a, "accept_timeout")
    _apply(a, "dispatch", _staff(), organization_id=org1)
    _apply(a, "accept", org)

    # Order B is served late: the organisation is reminded, then staff are told.
    sim.set_time(_due(b) + timedelta(minutes=30))
    sim.wait_event(b, "remind", 2)
    sim.set_time(_due(b) + timedelta(hours=4, minutes=30))
    sim.wait_event(b, "escalate", 2)
    sim.say(ACTIVE, "我的订单")
    for number in numbers:
        _apply(number, "complete", org, notes="已上门服务", hours=2.0, volunteers=[])
    completed = sim.now()

    # Day 3: rating reminders. The active resident wrote an hour before.
    sim.set_time(completed + timedelta(days=3) - timedelta(hours=1))
    sim.set_time(completed + timedelta(days=3, minutes=5))
    for number in numbers:
        sim.wait_event(number, "rating_reminder")
    _apply(a, "rate", Actor("resident", ACTIVE, openid=ACTIVE), score=2, resolved=False)
    # Day 7: the unrated ones close as 未评价.
    sim.set_time(completed + timedelta(days=7, minutes=5))
    for number in (b, c):
        sim.wait_event(number, "rating_timeout")
    sim.settled()
    _check_channels(sim, numbers)
    _check_staff_heard(sim, numbers)
    print(f"\nsimulated {sim.now() - START} in {time.monotonic() - started:.0f} s real time;"
          f" notices (who, kind, channel): {sorted(_by_channel().items())};"
          f" sweep lag after a clock move max {max(sim.lags):.1f} s,"
          f" notices sent within {max(sim.waits):.1f} s")


def _org_binds(sim: Sim) -> int:
    """org1's user scans the scene from their admin page in WeChat."""
    from accounts.models import User

    client = _signed_in(sim, "org1", "org12345")
    page = client.post("/admin/wechat/scene").get_data(as_text=True)
    scene = re.search(r'data-testid="scene">([^<]+)<', page).group(1)
    assert "绑定成功" in sim.say(ORG_WECHAT, event="scan", key=scene)
    return db.session.scalar(db.select(User.organization_id).filter_by(username="org1"))


def _three_orders(sim: Sim) -> list[str]:
    numbers = []
    for who in (ACTIVE, QUIET, GONE):
        sim.say(who, "你好")
        order = operations.submit_order(Actor("resident", who, openid=who), category="cleaning",
                                        description="家里老人需要有人上门打扫卫生",
                                        address="幸福社区和平路12号", phone="13800138000")
        db.session.commit()
        numbers.append(order.number)
    return numbers


WHO = {ACTIVE: "active resident", QUIET: "quiet resident", GONE: "unfollowed resident",
       ORG_WECHAT: "organisation user"}


def _by_channel() -> Counter:
    """(who, kind, channel or why not) over every notice the run produced."""
    return Counter((WHO[n.resident], n.kind, n.channel if n.status == "sent" else n.status)
                   for n in db.session.scalars(db.select(Notification)))


def _kind_of(send: dict, kinds: dict) -> str:
    return send["body"]["template_id"][4:-5] if send["channel"] == "template" else "?"


def _check_channels(sim: Sim, numbers: list[str]) -> None:
    api = sim.api
    sent = Counter(n.channel for n in db.session.scalars(
        db.select(Notification).filter_by(status="sent")))
    # What the app recorded is what WeChat received, channel by channel.
    assert sent == Counter(s["channel"] for s in api.sends)
    # The active resident always wrote within 48 hours: customer-service messages only.
    assert api.sent(ACTIVE) and not api.sent(ACTIVE, "template")
    assert [s for s in api.refused if s["openid"] == ACTIVE] == []
    # The quiet one went silent at the start: completion and rating reminder by template.
    quiet = {s["body"]["template_id"] for s in api.sent(QUIET, "template")}
    assert {"TPL_order_completed_0001", "TPL_rating_reminder_0001"} <= quiet, quiet
    # The one who unfollowed got nothing after, and WeChat was not even asked.
    gone = db.session.scalars(db.select(Notification).filter_by(resident=GONE)
                              .order_by(Notification.id)).all()
    after = [n for n in gone if n.status != "sent"]
    assert len(after) >= 4 and all(n.status == "undeliverable" and "取消关注" in n.reason
                                   for n in after)
    assert len(api.sent(GONE)) == len(gone) - len(after) == 1  # only the 点单 receipt
    assert [s for s in api.refused if s["openid"] == GONE] == []
    # The organisation: new order inside its 48 hours, deadline warning after them.
    org = {(s["channel"], _kind_of(s, {})) for s in api.sent(ORG_WECHAT, "template")}
    assert ("template", "deadline_soon") in org and api.sent(ORG_WECHAT, "custom")
    _staff_sees_why(sim, numbers[2])


def _signed_in(sim: Sim, username: str, password: str):
    """A client signed in afresh (requests share the test's app context, and so its g)."""
    from flask import g

    g.pop("_login_user", None)
    client = sim.app.test_client()
    client.post("/admin/login", data={"username": username, "password": password})
    return client


def _staff_sees_why(sim: Sim, number: str) -> None:
    client = _signed_in(sim, "staff", "staff12345")
    order_id = db.session.scalar(db.select(Order.id).filter_by(number=number))
    page = client.get(f"/admin/orders/{order_id}").get_data(as_text=True)
    assert "无法送达" in page and "取消关注" in page


def _check_staff_heard(sim: Sim, numbers: list[str]) -> None:
    texts = [n.text for n in db.session.scalars(
        db.select(StaffNotice).filter_by(user_id=_user_id("staff")))]
    a = numbers[0]
    assert any("超时上报" in t and a in t for t in texts)
    assert any("无人接单" in t and a in t for t in texts)
    assert any("未解决" in t and a in t for t in texts)
    for number in numbers[1:]:
        closed = db.session.scalar(db.select(Order).filter_by(number=number))
        assert (closed.state, closed.outcome) == ("closed", "unrated")
