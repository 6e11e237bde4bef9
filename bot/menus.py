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
from core import catalog
from handlers import Reply, Turn
from handlers.form_reading import ordinal
from handlers.guide import named, numbered
from handlers.texts import ASPECT_LABELS
from knowledge import live

CHOICE_DIGITS = {str(i): i for i in range(1, 10)} | {"①": 1, "②": 2, "③": 3, "④": 4, "⑤": 5}
PAGE_CHARS = 300
NEXT_PAGE = re.compile(r"^(1|１|一|更多|看更多|下一页|继续看|还有呢)[。.！!]?$")
# When a form's question follows the long reply, its numbers are the form's: only words page on.
NEXT_PAGE_WORDS = re.compile(r"^(更多|看更多|下一页|继续看|还有呢)[。.！!]?$")
# "第二个要什么材料", "3号那个多少钱": a candidate picked by its number, with a question about it
# ("一个月多少" is no pick: a Chinese numeral needs 第 or 号/项 before it counts).
PICKED_AND_ASKED = re.compile(r"^(?:第(?P<a>[1-9]|[一二两三四五六七八九])(?:个|项|种|条|号)?|"
                              r"(?P<b>[1-9])(?:个|项|种|条|号)|(?P<c>[一二两三四五六七八九])(?:号|项))"
                              r"(?:的|那个|那项)?(?P<rest>.{2,})$")
BACK = re.compile(r"^(返回|返回上一级|返回上级|返回菜单|回到菜单|上一级)[。.！!]?$")
# The welcome menu's items, each answered as if the resident had typed its example.
WELCOME_CHOICES = [{"intent": "menu", "text": t} for t in
                   ("办事指南", "我要申请", "我要点单", "我想当志愿者", "我的进度", "转人工")]


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
    if not choices and not state.get("pages") and index is not None and index <= len(WELCOME_CHOICES):
        choices = WELCOME_CHOICES  # nothing numbered on the screen: the menu every resident is greeted with
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
    common = catalog.current().common_items
    guides = live.guides(list(common))
    choices = [{"intent": "guide", "service": c, "aspect": "overview"} for c in common if c in guides]
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
    codes = [c["service"] for c in asked]
    picked = PICKED_AND_ASKED.match(re.sub(r"\s", "", text))
    n = ordinal(picked.group("a") or picked.group("b") or picked.group("c")) if picked else None
    if n is not None and 1 <= n <= len(asked) and live.guide(codes[n - 1]) is not None:
        state.pop("clarify", None)
        remember_back(state)
        u = understand(picked.group("rest"), [], {"service": codes[n - 1]})
        aspect = u.aspect if u.intent == "guide" and u.service == codes[n - 1] and u.aspect else "overview"
        from handlers.guide import answer

        return answer(live.guide(codes[n - 1]), aspect, state)
    named = _candidate_named(text, codes)
    if named is not None:  # "志愿服务那个": part of one candidate's name picks it
        state.pop("clarify", None)
        remember_back(state)
        guide = live.guide(named)
        chosen = next(c for c in asked if c["service"] == named)
        from handlers.guide import answer

        return answer(guide, chosen.get("aspect") or "overview", state)
    u = understand(text, [], {})
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
    if len(choices) <= BRIEF_EACH_MAX:
        # Two or three candidates: each one's answer, briefly, so the resident need not pick to read it.
        budget = BRIEF_BUDGET // len(choices)
        parts = [f"{i}. {brief(guides[c['service']], u.aspect, budget)}" for i, c in enumerate(choices, 1)
                 if c["service"] in guides]
        return Reply.say(texts.EACH_OF_ASPECT.format(label=ASPECT_LABELS[u.aspect]) + "\n"
                         + "\n".join(parts), "answered")
    return Reply.say(texts.WHICH_OF_ASPECT.format(label=ASPECT_LABELS[u.aspect]) + "\n"
                     + numbered(choices, guides), "clarified")


PICK_FILLER = re.compile(r"那个|这个|那项|这项|那一项|这一项|那条|的|吧|呢|啊|就是|我要|要|选|是|[，,。.!！\s]")


def _candidate_named(text: str, codes: list[str]) -> str | None:
    """The one candidate whose name (or an alias) holds what the resident said of it."""
    said = PICK_FILLER.sub("", text)
    if len(said) < 2:
        return None
    guides = live.snapshot().guides
    hits = [code for code in codes
            if any(said in (name or "") for name in
                   [guides.get(code, {}).get("name"), guides.get(code, {}).get("short_name"),
                    *(guides.get(code, {}).get("aliases") or [])])]
    return hits[0] if len(hits) == 1 else None


BRIEF_EACH_MAX = 3
BRIEF_BUDGET = 270


def brief(guide, aspect: str, chars: int) -> str:
    """An item's aspect in about `chars` characters: its heading, then the text run together."""
    # The catalogue's wording in the heading, as every guide reply has it (handlers.guide.named).
    heading = f"【{named(guide)}·{ASPECT_LABELS[aspect]}】"
    lines = [re.sub(r"^\d+[.、．]\s*", "", line.strip())
             for line in (getattr(guide, aspect, "") or guide.overview).strip().splitlines() if line.strip()]
    body = "".join(line if line[-1] in "。；：:！？" else line + "；" for line in lines).rstrip("；")
    room = max(20, chars - len(heading))
    return heading + (body if len(body) <= room else body[:room] + "……")


# "把菜单调出来", "给我看看菜单", "功能列表发一下": the menu asked for in a sentence.
MENU_WORD = re.compile(r"菜单|主菜单|功能列表|功能表|服务列表|目录")
MENU_FILLER = re.compile(r"把|给我|给俺|我要|我想|想|要|看看|看一下|看下|看|调出来|调出|调|打开|显示|发一下|发个|发|"
                         r"出来|一下|列出来|列一下|你们的|你们|你的|的|有|吗|呢|吧|啊|呀|请|麻烦|再|一遍|能|可以|"
                         r"菜单|主菜单|功能列表|功能表|服务列表|目录|[，,。.!！?？\s]")


def asks_for_menu(text: str) -> bool:
    """A short sentence asking for the menu and nothing else."""
    return bool(MENU_WORD.search(text)) and len(text) <= 14 and not MENU_FILLER.sub("", text)


# "返回主菜单", "回首页", "我要回到菜单": going back to the start, said inside a form.
TO_MENU = re.compile(r"^(请|麻烦)?(我要|我想|想|要|先)?(返回|回到|回|退回|退到|退出到|跳回|跳到|去|到)(到)?"
                     r"(主菜单|菜单|首页|主页|主界面|开始|最开始|一开始)(页面|界面)?(吧|去|了|啊|呀)?$")


def leaves_for_menu(text: str) -> bool:
    """Inside a form: the menu asked for, or going back to it ("返回主菜单", "回首页")."""
    said = re.sub(r"[\s，,。.！!~]", "", text)
    return asks_for_menu(said) or bool(TO_MENU.match(said))


# A bare topic ("补贴", "开证明", "养老"): the items whose names hold it, as numbered choices.
TOPIC_FILLER = re.compile(r"^(我想|我要|想|要|请问|问问|问一下|问下|关于|咨询|了解|查|开|办|申请|领)+|"
                          r"(的事情|的事儿|的事|相关|方面|那些|有哪些|有啥|有什么|的|呢|吗|啊|呀|吧)+$")
TOPIC_MAX = 6


def topic_list(text: str, state: dict) -> Reply | None:
    """"补贴" alone names no item but a handful: offer them by number (the candidates kept)."""
    word = TOPIC_FILLER.sub("", re.sub(r"[，,。.!！?？\s]", "", text))
    if not 2 <= len(word) <= 4 or len(text) > 10:
        return None
    guides = live.snapshot().guides
    codes = [code for code, g in sorted(guides.items())
             if any(word in (name or "") for name in
                    [g.get("name"), g.get("short_name"), g.get("title"), *(g.get("aliases") or [])])]
    if len(codes) < 2:
        return None
    from handlers.guide import clarify

    reply = clarify([{"service": c, "aspect": "overview"} for c in codes], state, limit=TOPIC_MAX)
    example = guides[codes[0]].get("short_name") or word
    reply.texts = [texts.TOPIC_ITEMS.format(word=word, example=example) + "\n" + reply.texts[0].split("\n", 1)[1]]
    return reply


def next_page(text: str, state: dict) -> Reply | None:
    """"1" after "回复1看更多": the next page of the last long reply."""
    pages = state.get("pages")
    by_words = bool(state.get("pages_by_words"))
    if not pages or not (NEXT_PAGE_WORDS if by_words else NEXT_PAGE).match(text.strip()):
        state.pop("pages", None)
        state.pop("pages_by_words", None)
        return None
    page = pages.pop(0)
    if not pages:
        state.pop("pages", None)
        state.pop("pages_by_words", None)
        if not by_words:
            state["choices"] = state.pop("page_choices", None) or []
        return Reply([page], "answered")
    more = texts.MORE_PAGE_WORDS if by_words else texts.MORE_PAGE
    return Reply([page + "\n" + more.format(left=len(pages))], "answered")


def paginate(replies: list[str], state: dict) -> list[str]:
    """Long replies: the first page now, the rest kept for "回复1看更多"."""
    out = []
    last = len(replies) - 1
    # A long answer followed by a short reply (a form's question after a question asked
    # mid-form) is paged too, by words, so the form's numbered options keep their numbers.
    long_inside = next((i for i, reply in enumerate(replies[:-1]) if len(reply) > PAGE_CHARS + 60), None)
    if long_inside is not None and len(replies[last]) <= PAGE_CHARS + 60:
        for i, reply in enumerate(replies):
            if i != long_inside:
                out.append(reply)
                continue
            pages = split_pages(reply)
            state["pages"], state["pages_by_words"] = pages[1:], True
            out.append(pages[0] + "\n" + texts.MORE_PAGE_WORDS.format(left=len(pages) - 1))
        state["shown"] = out[-1]
        return out
    for i, reply in enumerate(replies):
        if len(reply) <= PAGE_CHARS + 60 or i != last:
            out.append(reply)
            continue
        state.pop("pages_by_words", None)
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
