"""Bulk data for bench/admin_scale.py: a year of orders, a month of chat, and what they leave behind.

Rows go in with executemany inserts (what the operations would write, without
the notices and jobs around them), from a fixed random seed so runs compare.
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text

from accounts.models import Organization, User
from applications.models import Application, ApplicationEvent, Appointment
from conversations.models import MessageLog, MissedQuestion
from core import calendar, pii
from core.audit import AuditEntry, utcnow
from core.extensions import db
from handoff.models import Ticket, TicketMessage
from notifications.models import StaffNotice
from orders.models import Order, OrderEvent, Rating
from volunteers.models import ServiceHours, Volunteer

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"
CHUNK = 2000
COMMUNITIES = ["幸福社区", "和平社区", "光明社区", "新华社区", "东湖社区", "春晖社区", "文昌社区", "南塘社区"]
CATEGORIES = ["meal", "cleaning", "bathing", "medical", "emergency", "mobility", "companionship",
              "repair", "haircut", "shopping", "legal", "child_care"]
CATEGORY_WEIGHTS = [18, 20, 5, 12, 2, 6, 8, 14, 5, 6, 2, 2]
NEEDS = {"meal": "老人行动不便，需要每天中午送餐", "cleaning": "家里老人需要有人上门打扫卫生",
         "bathing": "老人洗澡不方便，想请人上门助浴", "medical": "下周三要去医院复查，需要有人陪诊",
         "emergency": "老人在家摔倒了，需要马上有人来", "mobility": "想借轮椅，顺便陪同去银行",
         "companionship": "老伴走了以后老人一个人在家，想有人陪着聊聊天",
         "repair": "厨房水管漏水，热水器也打不着火", "haircut": "老人卧床，想请师傅上门理发",
         "shopping": "帮忙代买一周的米面油和常用药", "legal": "房子继承有纠纷，想咨询律师",
         "child_care": "孩子放学后没人照看，想找课业辅导"}
# Where a year of orders ends up (weights): most closed, a fifth still open.
STATES = {"closed": 68, "cancelled": 5, "rejected": 3, "closed_admin": 2, "awaiting_rating": 4,
          "in_service": 4, "dispatched": 4, "pending_dispatch": 5, "submitted": 5}
PATH = ["submitted", "pending_dispatch", "dispatched", "in_service", "awaiting_rating", "closed"]
EVENT_INTO = {"pending_dispatch": "approve", "dispatched": "dispatch", "in_service": "accept",
              "awaiting_rating": "complete", "closed": "rate", "submitted": "submit",
              "cancelled": "cancel", "rejected": "reject", "closed_admin": "close_admin"}
OUTCOMES = {"answered": 62, "acted": 18, "clarified": 9, "missed": 5, "referred": 3, "event": 3}
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志"


def _questions() -> list[str]:
    if not QUESTIONS.exists():
        return ["低保要准备哪些材料", "高龄津贴怎么申请", "婚姻登记要带什么", "临时救助的条件"]
    return [json.loads(line)["text"] for line in QUESTIONS.read_text("utf-8").splitlines() if line]


def _put(model, rows: list[dict]) -> None:
    """executemany inserts; every row gets every key some row has (None where it has none)."""
    keys = {key for row in rows for key in row}
    rows = [{key: row.get(key) for key in keys} for row in rows]
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model.__table__), rows[start:start + CHUNK])


class Filler:
    def __init__(self) -> None:
        self.rng = random.Random(16)
        self.now = utcnow()
        self.audit: list[dict] = []
        self.users = {u.username: u for u in db.session.scalars(select(User))}

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2))))

    def phone(self) -> str:
        return "1" + self.rng.choice("3578") + "".join(self.rng.choices("0123456789", k=9))

    def log(self, at: datetime, actor: str, action: str, target: str, before=None, after=None):
        self.audit.append({"at": at, "actor": actor, "action": action, "target": target,
                           "before": before, "after": after})

    def organizations(self) -> list[int]:
        existing = list(db.session.scalars(select(Organization.id)))
        extra = [{"name": f"{c[:2]}社区服务站{i}", "contact_phone": f"0571-8800{i:04d}",
                  "categories": self.rng.sample(CATEGORIES, 4), "communities": [c], "active": True,
                  "created_at": self.now - timedelta(days=400)}
                 for i, c in enumerate(COMMUNITIES * 2)]
        _put(Organization, extra)
        return existing + list(db.session.scalars(select(Organization.id).where(
            Organization.id.not_in(existing))))

    def orders(self, count: int, orgs: list[int]) -> dict:
        orders, events, ratings = [], [], []
        per_day: dict[str, int] = {}
        for oid in range(1, count + 1):
            state = self.rng.choices(list(STATES), list(STATES.values()))[0]
            recent = state not in ("closed", "cancelled", "rejected", "closed_admin")
            created = self.now - timedelta(days=self.rng.uniform(0, 14 if recent else 365))
            day = calendar.china_day(created).strftime("%Y%m%d")
            per_day[day] = per_day.get(day, 0) + 1
            category = self.rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
            org = self.rng.choice(orgs) if state not in ("submitted", "pending_dispatch", "rejected") else None
            resident = f"o{self.rng.randrange(4000):05d}"
            order = {"id": oid, "number": f"DD{day}-{per_day[day]:04d}", "state": state,
                     "category": category, "description": NEEDS[category],
                     "address": f"{self.rng.choice(COMMUNITIES)}和平路{self.rng.randrange(1, 200)}号"
                                f"{self.rng.randrange(1, 20)}栋{self.rng.randrange(101, 1800)}",
                     "community": self.rng.choice(COMMUNITIES), "phone": self.phone(),
                     "resident": resident, "source": "wechat", "external": {},
                     "organization_id": org, "volunteers": [], "outcome": "",
                     "created_at": created, "updated_at": created, "version": 1,
                     "preferred_time": "", "completion_notes": ""}
            if recent:  # a fifth of open orders are past their deadline
                order["due_at"] = created + timedelta(days=self.rng.choice((1, 1, 2, 3, 5)))
            self._history(order, resident, events, ratings)
            orders.append(order)
        _put(Order, orders)
        _put(OrderEvent, events)
        _put(Rating, ratings)
        middle = orders[len(orders) // 2]
        return {"number": middle["number"]}

    def _history(self, order: dict, resident: str, events: list, ratings: list) -> None:
        """The events and audit rows that led to the order's state."""
        state, at, oid, number = order["state"], order["created_at"], order["id"], order["number"]
        steps = (PATH[:PATH.index(state) + 1] if state in PATH else
                 {"cancelled": ["submitted", "cancelled"], "rejected": ["submitted", "rejected"],
                  "closed_admin": ["submitted", "pending_dispatch", "closed_admin"]}[state])
        org_user = f"org{(order['organization_id'] or 1) % 4 + 1}"
        previous = "new"
        for step in steps:
            event = EVENT_INTO[step]
            who, role = {"submit": (f"resident:{resident}", "resident"), "rate": (f"resident:{resident}", "resident"),
                         "cancel": (f"resident:{resident}", "resident"),
                         "accept": (org_user, "org"), "complete": (org_user, "org")}.get(event, ("staff", "staff"))
            data = {"organization_id": order["organization_id"]} if event == "dispatch" else {}
            events.append({"order_id": oid, "at": at, "event": event, "from_state": previous,
                           "to_state": step, "actor": who.split(":")[-1], "role": role,
                           "reason": "重复提交" if event in ("reject", "close_admin") else "", "data": data})
            self.log(at, who, f"order.{event}", f"order:{number}", {"state": previous},
                     {"state": step, **data})
            previous, at = step, at + timedelta(hours=self.rng.uniform(0.5, 30))
        if state in ("awaiting_rating", "closed"):
            order.update(completed_at=at - timedelta(hours=1), service_hours=self.rng.choice((1, 1.5, 2, 3)),
                         completion_notes="已上门服务，居民满意", volunteers=[self.name()])
        if state == "closed":
            score = self.rng.choices((5, 4, 3, 2, 1), (60, 25, 8, 4, 3))[0]
            comment = self.rng.choice(("", "", "服务很好，谢谢", "来得有点晚", "没解决，打我13812345678"))
            ratings.append({"order_id": oid, "organization_id": order["organization_id"], "score": score,
                            "resolved": score > 2 or self.rng.random() < 0.5, "comment": comment, "at": at})
            order["outcome"] = "rated"
            low = score <= 2 or not ratings[-1]["resolved"]
            if low and oid % 5 < 3 and at + timedelta(days=1) < self.now:  # three in five called back
                events.append({"order_id": oid, "at": at + timedelta(days=1), "event": "follow_up",
                               "from_state": "closed", "to_state": "closed", "actor": "staff", "role": "staff",
                               "reason": "已电话回访居民，说明情况并致歉", "data": {}})

    def applications(self, count: int) -> dict:
        rows, events = [], []
        statuses = {"submitted": 15, "under_review": 10, "need_info": 10, "approved": 50, "rejected": 15}
        for aid in range(1, count + 1):
            created = self.now - timedelta(days=self.rng.uniform(0, 180))
            status = self.rng.choices(list(statuses), list(statuses.values()))[0]
            name, phone = self.name(), self.phone()
            ident = f"3201021950{self.rng.randrange(1, 13):02d}{self.rng.randrange(1, 28):02d}{aid % 1000:03d}1"
            rows.append({"id": aid, "reference": f"SQ{calendar.china_day(created):%Y%m%d}-{aid:04d}",
                         "resident": f"o{self.rng.randrange(4000):05d}", "service": "MZ01",
                         "title": "最低生活保障", "reason": "", "name": name, "phone": phone,
                         "id_masked": pii.mask_id(ident), "id_number_enc": "",
                         "answers": {"申请人姓名": name, "联系电话": phone, "居住地址": "幸福社区和平路12号3栋",
                                     "困难情况": "因病致贫，家中两位老人需要照顾"},
                         "sealed": "", "idempotency_key": f"bench-{aid}", "created_at": created,
                         "updated_at": created, "status": status, "community": self.rng.choice(COMMUNITIES)})
            events.append({"application_id": aid, "at": created, "status": "submitted", "reason": "",
                           "actor": "resident"})
            self.log(created, f"resident:{rows[-1]['resident']}", "application.submit",
                     f"application:{aid}", None, {"reference": rows[-1]["reference"], "service": "MZ01"})
            if status != "submitted":
                events.append({"application_id": aid, "at": created + timedelta(days=2), "status": status,
                               "reason": "", "actor": "staff"})
                self.log(created + timedelta(days=2), "staff", "application.status", f"application:{aid}",
                         {"status": "submitted"}, {"status": status, "reason": ""})
        _put(Application, rows)
        _put(ApplicationEvent, events)
        return {"reference": rows[len(rows) // 2]["reference"]}

    def appointments(self, count: int) -> None:
        rows = []
        for i in range(count):
            day = calendar.today() + timedelta(days=i % 40 - 20)
            rows.append({"reference": f"YY{day:%Y%m%d}-{i + 1:04d}", "resident": f"o{i:05d}", "service": "MZ17",
                         "title": "婚姻登记", "reason": "", "name": self.name(), "phone": self.phone(),
                         "id_masked": "3201**********1234", "id_number_enc": "", "answers": {}, "sealed": "",
                         "idempotency_key": f"bench-appt-{i}", "created_at": self.now, "updated_at": self.now,
                         "day": day, "time": ["09:00", "10:00", "14:00", "15:00"][i % 4],
                         "seat": i // 40 + 1, "status": "booked" if day >= calendar.today() else "done"})
        _put(Appointment, rows)

    def volunteers(self, count: int) -> None:
        rows = [{"id": i, "resident": f"v{i:05d}", "name": self.name(), "phone": self.phone(),
                 "id_masked": "3201**********1234", "id_number_enc": "",
                 "skills": self.rng.sample(CATEGORIES, 2), "availability": ["周末"],
                 "community": self.rng.choice(COMMUNITIES), "reason": "", "created_at": self.now,
                 "status": self.rng.choices(("approved", "pending", "rejected"), (80, 15, 5))[0]}
                for i in range(1, count + 1)]
        _put(Volunteer, rows)
        hours = [{"volunteer_id": self.rng.randrange(1, count + 1), "hours": self.rng.choice((1, 2, 3)),
                  "source": f"order:{n}", "at": self.now - timedelta(days=self.rng.uniform(0, 365))}
                 for n in range(count * 10)]
        _put(ServiceHours, hours)

    def tickets(self, count: int) -> None:
        tickets, messages = [], []
        for tid in range(1, count + 1):
            created = self.now - timedelta(days=self.rng.uniform(0, 90))
            status = "open" if self.rng.random() < 0.15 else "closed"
            tickets.append({"id": tid, "resident": f"o{self.rng.randrange(4000):05d}", "kind": "help",
                            "status": status, "subject": "转人工", "assignee": "", "created_at": created,
                            "closed_at": None if status == "open" else created + timedelta(hours=5)})
            for n in range(self.rng.randrange(2, 5)):
                staff = n % 2 == 1
                messages.append({"ticket_id": tid, "at": created + timedelta(minutes=10 * n),
                                 "author": "staff" if staff else "resident",
                                 "staff_name": "民政局 王科员" if staff else "",
                                 "text": "已转给社区，请耐心等候。" if staff else "我家的低保什么时候能批下来？"})
        _put(Ticket, tickets)
        _put(TicketMessage, messages)

    def messages(self, count: int) -> None:
        questions, rows, missed = _questions(), [], []
        for _ in range(count):
            at = self.now - timedelta(days=self.rng.uniform(0, 30))
            outcome = self.rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0]
            said = self.rng.choice(questions)
            rows.append({"at": at, "resident": f"o{self.rng.randrange(4000):05d}", "channel": "wechat",
                         "kind": "event" if outcome == "event" else "text", "text": said,
                         "reply": "您好，" + said[:20] + "的办理方法如下……", "intent": "guide",
                         "service": "MZ01", "aspect": "overview", "category": None,
                         "confidence": self.rng.uniform(0.2, 1.0), "outcome": outcome,
                         "flow": "apply" if outcome == "acted" and self.rng.random() < 0.5 else None})
            if outcome in ("missed", "clarified"):
                missed.append({"at": at, "text": said, "confidence": 0.3, "resolution": "",
                               "guesses": [{"intent": "guide", "service": "MZ01", "aspect": "overview"}],
                               "status": "open" if self.rng.random() < 0.7 else "out_of_scope"})
        _put(MessageLog, rows)
        _put(MissedQuestion, missed)

    def notices(self, count: int) -> None:
        staff = self.users["staff"].id
        _put(StaffNotice, [{"user_id": staff, "kind": "order_declined", "text": "订单 DD20250101-0001 被拒单，请改派。",
                            "target": "order:DD20250101-0001",
                            "created_at": self.now - timedelta(hours=i),
                            "read_at": self.now if i > 20 else None} for i in range(count)])

    def extra_audit(self, count: int) -> None:
        for _ in range(count):
            at = self.now - timedelta(days=self.rng.uniform(0, 365))
            who = self.rng.choice(("staff", "admin", "org1", "org2"))
            self.log(at, who, self.rng.choice(("login.success", "logout")), f"user:{self.users[who].id}",
                     None, {"ip": "127.0.0.1"})


def _reset_sequences() -> None:
    """Rows went in with explicit ids: move PostgreSQL's sequences past them."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in (Order, Application, Volunteer, Ticket):
        table = model.__tablename__
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"(SELECT MAX(id) FROM {table}))"))


def fill(orders: int, applications: int, messages: int) -> dict:
    """Write everything and commit; returns what the page list fills its paths with."""
    f = Filler()
    facts = f.orders(orders, f.organizations())
    facts |= f.applications(applications)
    f.appointments(max(100, applications // 2))
    f.volunteers(200)
    f.tickets(300)
    f.messages(messages)
    f.notices(1500)
    f.extra_audit(5000)
    _put(AuditEntry, sorted(f.audit, key=lambda r: r["at"]))
    _reset_sequences()
    db.session.commit()
    until = calendar.today() - timedelta(days=90)
    facts |= {"since": (until - timedelta(days=14)).isoformat(), "until": until.isoformat()}
    counts = {model.__tablename__: db.session.scalar(select(db.func.count()).select_from(model))
              for model in (Order, OrderEvent, Rating, Application, Appointment, Volunteer, ServiceHours,
                            Ticket, MessageLog, MissedQuestion, StaffNotice, AuditEntry)}
    return {"fill": facts, "counts": counts}
