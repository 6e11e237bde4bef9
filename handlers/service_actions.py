"""Interim answers for ordering and rating until the orders package replaces them.

Each says plainly what the resident can do today, from the item's guide, and
never pretends a pre-application or order was taken.
"""
from __future__ import annotations

from handlers import texts
from handlers.base import Handler, Reply, Turn, register

ORDER_INTERIM = ("居民点单功能正在开通中。需要上门服务（助餐、助洁、助医、维修等），"
                 "请先拨打社区服务电话 0000-1234500（示例号码），或发送“转人工”由工作人员帮您登记。")
RATE_INTERIM = "服务评价功能正在开通中，您可以发送“转人工”把意见告诉工作人员，我们会认真处理。"


class _Interim(Handler):
    message = ""

    def handle(self, turn: Turn, state: dict) -> Reply:
        return Reply.say(self.message + "\n" + texts.MENU_HINT, "missed")


@register
class OrderHandler(_Interim):
    intent = "order"
    message = ORDER_INTERIM


@register
class RateHandler(_Interim):
    intent = "rate"
    message = RATE_INTERIM
