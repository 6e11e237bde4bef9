"""Numbered menus and pages: what a bare number or "返回" means after we showed one.

Every reply the engine sends may leave a numbered menu (state["choices"]) or
more pages of a long reply (state["pages"]). A number picks from what is on
the screen; "1" after "回复1看更多" shows the next page; "返回" shows the
menu the resident came from again. Long replies are cut here, at the one
edge every reply passes, never inside handlers.
"""
from __future__ import annotations

import re

from bot import texts
from bot.understanding import understand
from handlers import Reply, Turn
from handlers.form_reading import ordinal
from handlers.guide import numbered
from handlers.texts import ASPECT_LABELS
from knowledge import live

CHOICE_DIGITS = {str(i): i for i in range(1, 10)} | {"①": 1, "②": 2, "③": 3, "④": 4, "⑤": 5}
PAGE_CHARS = 300
NEXT_PAGE = re.compile(r"^(1|１|一|更多|看更多|下一页|继续看|还有呢)[。.！!]?$")
BACK = re.compile(r"^(返回|返回上一级|返回上级|返回菜单|回到菜单|上一级)[。.！!]?$")
# The welcome menu's items, each answered as if the resident had typed its example.
WELCOME_CHOICES = [{"intent": "menu", "text": t} for t in
                   ("办事指南", "我要申请", "我要点单", "我想当志愿者", "我的进度", "转人工")]
COMMON = ("MZ01", "MZ07", "MZ08", "MZ10", "MZ17", "MZ03", "MZ13", "MZ29")


def choice_number(text: str) -> int | None:
    """The number a reply picks: "2", "②", "二", "第二个", "第2项", "两"."""
    said = text.strip().rstrip(".、").strip()
    return CHOICE_DIGITS.get(said) or ordinal(said)


def welcome(state: dict) -> None:
    """After the welcome menu, its numbers do what the items say."""
    state["choices"] = [dict(c) for c in WELCOME_CHOICES]


def menu_text(text: str, state: dict) -> str:
    """The typed text a picked menu item stands for (or the text unchanged).

    Guide choices (intent and item) are picked in the engine; this is for
    menus whose items are requests, like the welcome menu's.
    """
    choices = state.get("choices") or []
    index = choice_number(text)
    if state.get("flow"):
        return text  # an open form's numbers are its own options
    if index is None or index > len(choices) or "text" not in choices[index - 1]:
        return text
    remember_back(state)
    state.pop("choices", None)
    return choices[index - 1]["text"]


def remember_back(state: dict) -> None:
    """A pick from a menu: "返回" shows that menu again."""
    if state.get("choices") and state.get("shown"):
        state["back"] = {"choices": state["choices"], "text": state["shown"]}


def picked_choice(text: str, state: dict, incoming) -> Turn | None:
    """A bare number answers the numbered choices we offered last."""
    choices = state.get("choices") or []
    index = choice_number(text)
    if not choices or index is None or index > len(choices):
        return None
    choice = choices[index - 1]
    state.pop("clarify", None)
    remember_back(state)
    return Turn(user=incoming.user, text=text, channel=incoming.channel,
                intent=choice["intent"], service=choice.get("service"),
                aspect=choice.get("aspect"), category=choice.get("category"))


def is_common_request(text: str) -> bool:
    """The welcome menu's first item: show the most asked items."""
    return text == WELCOME_CHOICES[0]["text"]


def common_items(state: dict) -> Reply:
    """"办事指南" from the menu: the most asked items as numbers."""
    guides = live.guides(list(COMMON))
    choices = [{"intent": "guide", "service": c, "aspect": "overview"} for c in COMMON if c in guides]
    state["choices"] = choices
    return Reply.say(texts.COMMON_ITEMS + "\n" + numbered(choices, guides), "answered")


def back(text: str, state: dict) -> Reply | None:
    """"返回": the menu shown before the last pick, or the welcome menu."""
    if not BACK.match(text.strip()) or state.get("flow"):
        return None
    earlier = state.pop("back", None)
    if earlier and earlier.get("text"):
        state["choices"] = earlier["choices"]
        return Reply([earlier["text"]], "answered")
    welcome(state)
    return Reply.say(texts.WELCOME, "answered")


def clarify_follow_up(text: str, state: dict) -> Reply | None:
    """A follow-up question after "您想问的是：1 … 2 …" keeps the candidates."""
    asked = state.get("clarify")
    if not asked:
        return None
    u = understand(text, [], {})
    codes = [c["service"] for c in asked]
    if u.service or u.intent not in ("guide", "out_of_scope"):
        if u.service not in codes:
            state.pop("clarify", None)
        return None
    # "一个月给多少钱" names no item: read it as said about the first candidate.
    u = understand(text, [], {"service": codes[0]})
    if u.intent != "guide" or u.service != codes[0] or not u.aspect or u.aspect == "overview":
        state.pop("clarify", None)
        return None
    choices = [dict(c, aspect=u.aspect) for c in asked]
    state["choices"] = choices
    guides = live.guides(codes)
    return Reply.say(texts.WHICH_OF_ASPECT.format(label=ASPECT_LABELS[u.aspect]) + "\n"
                     + numbered(choices, guides), "clarified")


def next_page(text: str, state: dict) -> Reply | None:
    """"1" after "回复1看更多": the next page of the last long reply."""
    pages = state.get("pages")
    if not pages or not NEXT_PAGE.match(text.strip()):
        state.pop("pages", None)
        return None
    page = pages.pop(0)
    if not pages:
        state.pop("pages", None)
        state["choices"] = state.pop("page_choices", None) or []
        return Reply([page], "answered")
    return Reply([page + "\n" + texts.MORE_PAGE.format(left=len(pages))], "answered")


def paginate(replies: list[str], state: dict) -> list[str]:
    """Long replies: the first page now, the rest kept for "回复1看更多"."""
    out = []
    for i, reply in enumerate(replies):
        if len(reply) <= PAGE_CHARS + 60 or i != len(replies) - 1:
            out.append(reply)
            continue
        pages = split_pages(reply)
        state["pages"] = pages[1:]
        # The first page's "1" means "more"; the menu at the end comes back with the last page.
        state["page_choices"] = state.pop("choices", None) or []
        out.append(pages[0] + "\n" + texts.MORE_PAGE.format(left=len(pages) - 1))
    state["shown"] = out[-1] if out else state.get("shown", "")
    return out


def split_pages(reply: str) -> list[str]:
    """Pages of at most about PAGE_CHARS, cut at line ends, then sentence ends."""
    pages, current = [], ""
    for line in _pieces(reply):
        if current and len(current) + len(line) > PAGE_CHARS:
            pages.append(current.rstrip())
            current = ""
        current += line
    if current.strip():
        pages.append(current.rstrip())
    return pages


def _pieces(reply: str) -> list[str]:
    pieces = []
    for line in reply.splitlines(keepends=True):
        while len(line) > PAGE_CHARS:
            cut = max(line.rfind(p, 0, PAGE_CHARS) for p in "。；，")
            cut = cut + 1 if cut > 0 else PAGE_CHARS
            pieces.append(line[:cut] + "\n")
            line = line[cut:]
        pieces.append(line)
    return pieces
