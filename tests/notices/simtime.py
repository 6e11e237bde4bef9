"""The simulated-time harness: real `flask scheduler` and `flask worker` on PostgreSQL and Redis.

Both processes run with their clock moved ahead by an offset file
(core.fakeclock) and WeChat faked on loopback (fake_wechat.NoticeWeChatAPI,
with its 45015/43004 rules). The test process plays the web side: residents
write through /wechat (signed, as WeChat delivers them), staff and organisations act through the operations
the admin pages call. Nothing calls the sweep: a scenario moves the clock
and waits for the processes to act.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import signal
import subprocess
import time
import uuid
from collections import Counter
from datetime import date, datetime, timedelta, UTC

import pytest
import xmltodict
from sqlalchemy import text as sql
from wechatpy.replies import deserialize_reply

from conversations import logbuffer
from core import calendar, create_app, fakeclock
from core.extensions import db
from core.store import get_store
from notifications import templates
from notifications.kinds import KINDS
from notifications.models import Notification, StaffNotice
from orders import operations
from orders.models import Order, OrderEvent
from orders.transitions import Actor
from tests.bot.live import PYTHON, ROOT, app_env, stop, wait_until
from tests.helpers import wx
from tests.notices.fake_wechat import NoticeWeChatAPI

DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")
needs_services = pytest.mark.skipif(
    not (DATABASE_URL and REDIS_URL),
    reason="needs PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL)")

ACTIVE, QUIET, GONE = "oResidentActive000000000001", "oResidentQuiet0000000000002", "oResidentGone00000000000003"
ORG_WECHAT = "oOrgUserWeChat00000000000009"
WHO = {ACTIVE: "active resident", QUIET: "quiet resident", GONE: "unfollowed resident",
       ORG_WECHAT: "organisation user"}
# Distinct CreateTime and MsgId per delivery: WeChat's retries are told apart by them.
_SERIAL = itertools.count(int(time.time()))
WAIT = 60  # seconds of real time for the processes to act after a clock move
SWEEP_EVERY = 2  # real seconds between sweeps (production: 60)


def beijing(*args) -> datetime:
    """A Beijing wall-clock time as stored (naive UTC)."""
    return calendar.from_china(datetime(*args))


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
        return calendar.utcnow()

    def advance(self, **delta) -> None:
        self.set_time(self.now() + timedelta(**delta))

    def say(self, who: str, text: str = "你好", **event) -> str:
        reply = self._post(who, text, **event)
        # The interaction reaches the database with the buffered log rows: what
        # the web process's timer does within a second (its timer is off here).
        logbuffer.flush()
        if event.get("event") != "unsubscribe":
            self.api.interacted(who)  # what WeChat itself would know
        return reply

    def _post(self, who: str, text: str, event: str = "", key: str = "") -> str:
        """A message or event from a WeChat user, signed as WeChat signs it; the passive reply."""
        serial = next(_SERIAL)
        fields = {"ToUserName": "gh_0123456789ab", "FromUserName": who, "CreateTime": str(serial)}
        if event:
            fields.update(MsgType="event", Event=event, EventKey=key)
        else:
            fields.update(MsgType="text", Content=text, MsgId=str(serial))
        timestamp, nonce = str(int(time.time())), uuid.uuid4().hex
        signature = hashlib.sha1("".join(sorted((self.app.config["WECHAT_TOKEN"], timestamp, nonce)))
                                 .encode()).hexdigest()
        response = self.client.post(
            "/wechat", query_string={"signature": signature, "timestamp": timestamp, "nonce": nonce},
            data=xmltodict.unparse({"xml": fields}, full_document=False), content_type="text/xml")
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_data(as_text=True)
        return "" if body in ("", "success") else deserialize_reply(body).content

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

    def report(self, started: float, start: datetime) -> str:
        return (f"simulated {self.now() - start} in {time.monotonic() - started:.0f} s real time;"
                f" notices (who, kind, channel): {sorted(by_channel().items())};"
                f" staff's in-admin notices: {sorted(staff_kinds().items())};"
                f" sweep lag after a clock move max {max(self.lags):.1f} s (sum {sum(self.lags):.0f} s),"
                f" notices sent within {max(self.waits):.1f} s (sum {sum(self.waits):.0f} s)")


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
                          FAKE_CLOCK="1", MZT_FAKE_CLOCK_FILE=clock_file, SIM_SWEEP_EVERY=SWEEP_EVERY,
                          SECRET_KEY="test", WECHAT_SECRET="")
            procs = [_flask(["worker", "--name", f"{queue}-w1"], env), _flask(["scheduler"], env)]
            try:
                yield Sim(app, api, clock_file)
            finally:
                _stop_all(procs)
                db.session.remove()
                _empty()
                db.engine.dispose()
                client = app.extensions["mzt.redis"]
                for key in client.scan_iter(f"*{queue}*"):
                    client.delete(key)
                for key in client.scan_iter(prefix + "*"):
                    client.delete(key)
                # The clock file outlives the test: later tests in this process read the real clock.
                monkeypatch.undo()
                fakeclock.configure()


def _stop_all(procs: list[subprocess.Popen]) -> None:
    """SIGTERM every process group at once (each finishes its job meanwhile), then wait."""
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            stop(proc, signal.SIGKILL)


def _flask(args: list[str], env: dict):
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


def _empty() -> None:
    names = ", ".join(f'"{t.name}"' for t in reversed(db.metadata.sorted_tables))
    with db.engine.begin() as conn:
        conn.execute(sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def configure_templates() -> None:
    """Staff pick a template for every kind (the 公众号后台 IDs are made up here)."""
    for kind in KINDS:
        templates.save(kind, f"TPL_{kind}_0001", "first={title}\nkeyword1={number}\n"
                       "keyword2={status}\nkeyword3={time}\nremark={remark}")
    db.session.commit()


def user_id(username: str) -> int:
    from accounts.models import User

    return db.session.scalar(db.select(User.id).filter_by(username=username))


def staff(name="staff") -> Actor:
    from accounts.models import User

    return Actor.for_user(db.session.scalar(db.select(User).filter_by(username=name)))


def apply(number: str, event: str, actor: Actor, **data) -> None:
    order = db.session.scalar(db.select(Order).filter_by(number=number))
    operations.apply(order.id, event, actor, **data)
    db.session.commit()


def due(number: str) -> datetime:
    db.session.remove()
    return db.session.scalar(db.select(Order.due_at).filter_by(number=number))


def due_day(number: str) -> tuple[date, str]:
    """An order's deadline as a Beijing day and HH:MM."""
    local = calendar.to_china(due(number))
    return local.date(), f"{local:%H:%M}"


def submit(sim: Sim, who: str) -> str:
    """The resident writes, then orders a home cleaning (as the order form does)."""
    sim.say(who, "你好")
    order = operations.submit_order(Actor.for_resident(wx(who)), category="cleaning",
                                    description="家里老人需要有人上门打扫卫生",
                                    address="幸福社区和平路12号", phone="13800138000")
    db.session.commit()
    return order.number


def org_binds(sim: Sim) -> int:
    """org1's user scans the scene from their admin page in WeChat; their organisation's id."""
    from accounts.models import User

    client = signed_in(sim, "org1", "org12345")
    page = client.post("/admin/wechat/scene").get_data(as_text=True)
    scene = re.search(r'data-testid="scene">([^<]+)<', page).group(1)
    assert "绑定成功" in sim.say(ORG_WECHAT, event="scan", key=scene)
    return db.session.scalar(db.select(User.organization_id).filter_by(username="org1"))


def signed_in(sim: Sim, username: str, password: str):
    """A client signed in afresh (requests share the test's app context, and so its g)."""
    from flask import g

    g.pop("_login_user", None)
    client = sim.app.test_client()
    client.post("/admin/login", data={"username": username, "password": password})
    return client


def unfollow(sim: Sim, who: str) -> None:
    sim.say(who, event="unsubscribe")
    sim.api.unfollowed.add(who)


def by_channel() -> Counter:
    """(who, kind, channel or why not) over every notice the run produced."""
    return Counter((WHO[n.resident.id], n.kind, n.channel if n.status == "sent" else n.status)
                   for n in db.session.scalars(db.select(Notification)))


def template_kind(send: dict) -> str:
    """The notice kind of a template send (the made-up IDs are TPL_<kind>_0001)."""
    return send["body"]["template_id"][4:-5]


# What a staff notice is about, by the words of orders/texts.py STAFF_NOTICE.
ABOUT = {"超时上报": "escalation", "无人接单": "taken back", "评价": "low rating",
         "拒单": "declined", "退回了": "handed back", "催办": "reminder", "紧急": "emergency"}


def staff_kinds(username: str = "staff") -> Counter:
    """The staff member's in-admin notices by kind and what they were about."""
    return Counter((n.kind, next((v for k, v in ABOUT.items() if k in n.text), "other"))
                   for n in db.session.scalars(db.select(StaffNotice).filter_by(
                       user_id=user_id(username))))


def staff_texts(username: str = "staff") -> list[str]:
    return [n.text for n in db.session.scalars(
        db.select(StaffNotice).filter_by(user_id=user_id(username)))]


def check_recorded_is_received(sim: Sim) -> None:
    """What the app recorded as sent is what WeChat received, channel by channel."""
    sent = Counter(n.channel for n in db.session.scalars(
        db.select(Notification).filter_by(status="sent")))
    assert sent == Counter(s["channel"] for s in sim.api.sends)


def check_unfollowed_got_nothing(sim: Sim, before: int, at_least: int) -> list[Notification]:
    """After unfollowing: every notice undeliverable with the reason, and WeChat not asked."""
    gone = db.session.scalars(db.select(Notification).filter_by(resident=wx(GONE))
                              .order_by(Notification.id)).all()
    after = [n for n in gone if n.status != "sent"]
    assert len(after) >= at_least and all(
        n.status == "undeliverable" and "取消关注" in n.reason for n in after)
    assert len(sim.api.sent(GONE)) == len(gone) - len(after) == before
    assert [s for s in sim.api.refused if s["openid"] == GONE] == []
    return after


def staff_sees_why(sim: Sim, path: str) -> None:
    """The case's page in the admin says the notice did not arrive, and why."""
    page = signed_in(sim, "staff", "staff12345").get(path).get_data(as_text=True)
    assert "无法送达" in page and "取消关注" in page
