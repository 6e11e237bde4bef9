"""Interim answers for apply/volunteer/status until their dialogs are built.

Each says plainly what the resident can do today, from the item's guide, and
never pretends a pre-application or order was taken.
"""
from __future__ import annotations

from core.extensions import db
from handlers import texts
from handlers.base import Handler, Reply, Turn, fit, register
from handlers.guide import answer
from knowledge.models import Guide

NOT_ONLINE_YET = "在线办理正在开通中，目前请按下面的指南办理：\n"
ASK_SERVICE = "您想申请哪一项？请说一下名称，比如：低保、高龄津贴、适老化改造、结婚登记预约。"
STATUS_INTERIM = "进度查询功能正在开通中，您可以发送“转人工”，工作人员会帮您查询办理进度。"


@register
class ApplyHandler(Handler):
    intent = "apply"

    def handle(self, turn: Turn, state: dict) -> Reply:
        guide = db.session.get(Guide, turn.service) if turn.service else None
        if guide is None:
            return Reply.say(ASK_SERVICE, "clarified")
        reply = answer(guide, "process", state)
        reply.texts = [fit(NOT_ONLINE_YET + reply.texts[0])]
        return reply


@register
class VolunteerHandler(ApplyHandler):
    intent = "volunteer"

    def handle(self, turn: Turn, state: dict) -> Reply:
        turn.service = turn.service or "MZ29"
        return super().handle(turn, state)


class _Interim(Handler):
    message = ""

    def handle(self, turn: Turn, state: dict) -> Reply:
        return Reply.say(self.message + "\n" + texts.MENU_HINT, "missed")


@register
class StatusHandler(_Interim):
    intent = "status"
    message = STATUS_INTERIM

    def handle(self, turn: Turn, state: dict) -> Reply:
        # Interim: orders answer for themselves until the status providers land.
        from handlers.order_status import status_lines

        lines = status_lines(turn.user)
        if lines:
            return Reply.say("您的订单：\n" + "\n".join(lines), "answered")
        return super().handle(turn, state)
