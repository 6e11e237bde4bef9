"""Anonymous counts of the items residents were pointed to: per item per day, no resident id."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Date, Integer, String, func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from core import calendar
from core.extensions import db


class ReferralCount(db.Model):
    __tablename__ = "eligibility_referrals"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    item: Mapped[str] = mapped_column(String(8), primary_key=True)
    likely: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    possible: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


def count_referrals(verdicts: dict[str, str]) -> None:
    """Add one to today's count of each item a finished interview pointed to (caller's transaction).

    One upsert per item, so two residents finishing at once on two workers both count.
    """
    today = calendar.today()
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    for item, verdict in verdicts.items():
        if verdict not in ("likely", "possible"):
            continue
        values = {"day": today, "item": item, "likely": int(verdict == "likely"),
                  "possible": int(verdict == "possible")}
        statement = insert(ReferralCount).values(**values)
        column = getattr(ReferralCount, verdict)
        db.session.execute(statement.on_conflict_do_update(
            index_elements=["day", "item"], set_={verdict: column + 1}))


def referral_totals(days: int = 14) -> list[tuple[str, int, int]]:
    """(item, likely, possible) over the last `days` days, most pointed-to first."""
    since = calendar.today() - timedelta(days=days - 1)
    rows = db.session.execute(
        db.select(ReferralCount.item, func.sum(ReferralCount.likely), func.sum(ReferralCount.possible))
        .where(ReferralCount.day >= since).group_by(ReferralCount.item)).all()
    return sorted(((i, int(a or 0), int(b or 0)) for i, a, b in rows), key=lambda r: (-r[1] - r[2], r[0]))
