"""Missed questions grouped by similarity, for staff review; messages per day and their outcomes."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rapidfuzz import fuzz, process

from conversations.models import MessageLog, MissedQuestion
from core import calendar
from core.audit import utcnow
from core.extensions import db
from core.residents import Resident
from core.sqlfunc import days_since

# Character-level similarity: "低保怎么申请" and "低保如何申请" score 67.
SIMILAR = 66
# Enough to cover weeks of traffic while keeping the grouping well under a second.
MAX_ROWS = 3000
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass
class MissedGroup:
    """Similar open questions: the latest wording, how often, and the bot's guesses."""

    text: str
    ids: list[int] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)
    last_at: datetime | None = None
    guesses: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return len(self.ids)

    def top_guesses(self, n: int = 3) -> list[tuple[str, str | None, int]]:
        """(service, aspect, times) of the most frequent guesses."""
        return [(service, aspect, times) for (service, aspect), times in self.guesses.most_common(n)]


def normalise(text: str) -> str:
    """Lower-cased text without spaces or punctuation, for comparing wordings."""
    return _NOISE.sub("", text).lower()


def missed_groups(status: str = "open", search: str = "") -> list[MissedGroup]:
    """Missed questions with `status` (and containing `search`), grouped, most frequent first."""
    # The four columns grouping reads, as plain rows: thousands of ORM objects cost more.
    query = db.select(MissedQuestion.id, MissedQuestion.text, MissedQuestion.at,
                      MissedQuestion.guesses).filter_by(status=status)
    if search:
        query = query.where(MissedQuestion.text.contains(search, autoescape=True))
    query = query.order_by(MissedQuestion.at.desc(), MissedQuestion.id.desc()).limit(MAX_ROWS)
    groups: list[MissedGroup] = []
    keys: list[str] = []
    seen: dict[str, int] = {}  # a wording met before needs no fuzzy search
    for row in db.session.execute(query):
        key = normalise(row.text) or row.text
        index = seen.get(key)
        if index is None:
            match = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=SIMILAR)
            index = match[2] if match else None
        if index is None:
            index = len(groups)
            groups.append(MissedGroup(text=row.text, last_at=row.at))
            keys.append(key)
        seen[key] = index
        group = groups[index]
        group.ids.append(row.id)
        if row.text not in group.samples and len(group.samples) < 5:
            group.samples.append(row.text)
        for guess in row.guesses or []:
            if guess.get("service"):
                group.guesses[(guess["service"], guess.get("aspect"))] += 1
    groups.sort(key=lambda g: (-g.count, -(g.last_at.timestamp() if g.last_at else 0)))
    return groups


def open_count(search: str = "") -> int:
    """How many missed questions (containing `search`) wait for review."""
    query = db.select(db.func.count(MissedQuestion.id)).filter_by(status="open")
    if search:
        query = query.where(MissedQuestion.text.contains(search, autoescape=True))
    return db.session.scalar(query) or 0


def last_flow(resident: Resident, since: datetime) -> str | None:
    """The flow open after the resident's latest logged message since `since`, if any."""
    return db.session.scalars(
        db.select(MessageLog.flow).where(MessageLog.resident == resident, MessageLog.at >= since)
        .order_by(MessageLog.at.desc(), MessageLog.id.desc()).limit(1)).first()


# A missed row is stamped just after its message row (bot.engine._record).
_SAME_TURN = timedelta(seconds=5)


def missed_in_open_flows() -> list[MissedQuestion]:
    """Open missed rows whose message came while a form was open (the row before shows it)."""
    missed = list(db.session.scalars(db.select(MissedQuestion).filter_by(status="open")))
    if not missed:
        return []
    texts = {m.text for m in missed}
    start = min(m.at for m in missed) - _SAME_TURN
    in_flow: dict[str, list[datetime]] = {}
    previous: dict[tuple[str, str], str | None] = {}
    rows = db.session.execute(
        db.select(MessageLog.channel, MessageLog.resident_id, MessageLog.at, MessageLog.text, MessageLog.flow)
        .where(MessageLog.at >= start - timedelta(days=1))
        .order_by(MessageLog.resident_id, MessageLog.channel, MessageLog.at, MessageLog.id)).yield_per(2000)
    for channel, resident, at, text, flow in rows:
        if text in texts and previous.get((channel, resident)):
            in_flow.setdefault(text, []).append(at)
        previous[(channel, resident)] = flow
    return [m for m in missed
            if any(m.at - _SAME_TURN <= at <= m.at + timedelta(seconds=1)
                   for at in in_flow.get(m.text, ()))]


# answered / clarified / missed are what the dashboard shows; acted and referred are
# answers too (a form step, a pointer to another department), counted together as acted.
OUTCOMES = ("answered", "acted", "clarified", "missed")


def messages_per_day(days: int = 14) -> list[tuple[date, Counter]]:
    """Outcome counts per China day for the last `days` days (events left out)."""
    first = calendar.china_day(utcnow()) - timedelta(days=days - 1)
    keys = [first + timedelta(days=i) for i in range(days)]
    start = calendar.china_midnight(keys[0])
    counts: dict[date, Counter] = {day: Counter() for day in keys}
    # China has no daylight saving: every day is 86,400 seconds from the first midnight.
    bucket = days_since(start, MessageLog.at)
    rows = db.session.execute(db.select(bucket, MessageLog.outcome, db.func.count())
                              .where(MessageLog.at >= start, MessageLog.outcome != "event")
                              .group_by(bucket, MessageLog.outcome))
    for n, outcome, count in rows:
        if 0 <= n < days:  # a clock a little ahead of the server's now is tomorrow: not shown
            counts[keys[n]]["acted" if outcome == "referred" else outcome] += count
    return list(counts.items())


def outcome_shares(per_day: list[tuple[date, Counter]]) -> dict[str, float]:
    """Each outcome's share of all messages in the period, in percent, and the total."""
    total: Counter = Counter()
    for _, counter in per_day:
        total.update(counter)
    n = sum(total.values())
    return {key: (100 * total[key] / n if n else 0.0) for key in OUTCOMES} | {"total": n}
