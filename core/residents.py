"""A resident is (channel, id): the id a channel gives them is unique on that channel only.

WeChat's openid, the simulator's or the terminal's name, a mini-program's or an SMS
number tomorrow: two channels may hand out the same id to two people, so every
table that holds a resident keeps the channel beside the id (a SQLAlchemy
composite, `Model.resident`, compares and filters on both), and the shared
store's keys for a resident (conversation state, lock, rate count) come from
`Resident.key` only.
"""
from __future__ import annotations

from dataclasses import dataclass

# The channel rows written before residents had one came from (migration e5c1d3a7b9f0).
WECHAT = "wechat"


@dataclass(frozen=True)
class Resident:
    """Who wrote: the channel and the id it knows them by. Falsy without an id (nobody)."""

    channel: str
    id: str

    def __bool__(self) -> bool:
        return bool(self.id)

    @property
    def key(self) -> str:
        """The resident in shared-store keys, distinct for every (channel, id).

        A WeChat openid is kept bare, as before residents had a channel, so
        conversations open at an upgrade go on; an openid never holds ':'
        ([A-Za-z0-9_-]), every other key does, so no two residents share one.
        """
        if self.channel == WECHAT and ":" not in self.id:
            return self.id
        return f"{self.channel}:{self.id}"

    @property
    def audit_name(self) -> str:
        """Who the audit log and an order's or application's history record."""
        return f"resident:{self.key}"


def wechat(openid: str) -> Resident:
    """A WeChat resident, by openid."""
    return Resident(WECHAT, openid)


# An order other systems filed (Open311): nobody to reply to or notify.
NOBODY = Resident(WECHAT, "")


def bound_resident(model):
    """`model.resident == <a resident>` with both values left to bind at execution
    (`resident_params`): a statement built once around it is compiled and keyed for the
    statement cache once, not again per query (about 0.15 ms of CPU a query)."""
    from sqlalchemy import and_, bindparam

    return and_(model.channel == bindparam("resident_channel"),
                model.resident_id == bindparam("resident_id"))


def resident_params(resident: Resident) -> dict:
    """The values for `bound_resident`."""
    return {"resident_channel": resident.channel, "resident_id": resident.id}
