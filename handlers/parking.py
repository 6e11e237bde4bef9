"""Forms put aside, never dropped: parked when something else comes up, resumed with "继续".

A form (or an order) that another request interrupts stays open and says how
to go on; one that another flow displaces (转人工, a rating) or that idles past
the session time is parked in state["parked"] and kept PARKED_FORM_SECONDS.
Starting another form while one is open or parked asks first (state["switch"]).
"""
from __future__ import annotations

import re
import time

from flask import current_app

from forms.validators import clean
from handlers import form_reading as reading
from handlers import texts
from handlers.base import FLOWS, Reply, Turn

PARKED, SWITCH = "parked", "switch"
PARKABLE = ("form", "order")
SWITCH_YES = ("改办", "换", "新的", "办新的", "先办")
EARLIER = r"刚才|之前|上次|前面|原来"


def seconds() -> int:
    return int(current_app.config.get("PARKED_FORM_SECONDS", 24 * 3600))


def hours() -> int:
    return max(1, seconds() // 3600)


def parkable(flow: dict | None) -> bool:
    return bool(flow) and flow.get("name") in PARKABLE


def title(flow: dict) -> str:
    return FLOWS[flow["name"]].title(flow)


def park(state: dict, flow: dict, since: float | None = None) -> None:
    """Keep a form aside; `since` is when the resident last worked on it."""
    state[PARKED] = {"flow": flow, "since": since or time.time()}
    if state.get("flow") is flow:
        state.pop("flow")


def pause(state: dict) -> Reply:
    """'先不填了': put the open form aside for later."""
    flow = state["flow"]
    park(state, flow)
    return Reply.say(texts.FORM_PAUSED.format(title=title(flow), hours=hours()), "acted")


def leave_for_menu(state: dict) -> str:
    """"返回主菜单" mid-form: the form is left for the menu, kept (parked) if it can be resumed."""
    flow = state["flow"]
    if parkable(flow):
        park(state, flow)
        return texts.FORM_LEFT_FOR_MENU.format(title=title(flow), hours=hours())
    state.pop("flow", None)
    name = title(flow)
    return texts.FLOW_LEFT_FOR_MENU.format(title=f"【{name}】" if name else "")


def resume(state: dict) -> Reply:
    """Open the parked form again at the step it was left on."""
    flow = state.pop(PARKED)["flow"]
    state["flow"] = flow
    return Reply.say(FLOWS[flow["name"]].resume_prompt(state), "acted")


def expire(state: dict) -> list[str]:
    """Drop a parked form older than the stated time, with a notice."""
    parked = state.get(PARKED)
    if not parked or time.time() - parked.get("since", 0) <= seconds():
        return []
    state.pop(PARKED)
    return [texts.PARKED_EXPIRED.format(title=title(parked["flow"]), hours=hours())]


def on_idle(state: dict) -> list[str]:
    """The session lapsed: park its open form (if any) instead of forgetting it."""
    flow = state.get("flow")
    if not parkable(flow):
        return []
    since = state.get("touched") or time.time()
    if time.time() - since > seconds():
        return [texts.PARKED_EXPIRED.format(title=title(flow), hours=hours())]
    park(state, flow, since)
    return [texts.PARKED_AFTER_IDLE.format(title=title(flow), hours=hours())]


def intercept(turn: Turn, state: dict) -> Reply | None:
    """Answers about parked forms: the reply to "switch forms?", "继续", dropping a parked one."""
    text = clean(turn.text)
    switch = state.pop(SWITCH, None)
    if switch:
        chosen = _switch_reply(text, state, switch)
        if chosen is not None:
            return chosen
    # "继续", "好，接着刚才的" with nothing to go on with (an acknowledgement before it changes nothing).
    if not state.get("flow") and not state.get(PARKED) and len(reading.ACK_START.sub("", text)) <= 6 \
            and reading.continues(text):
        return Reply.say(texts.NOTHING_TO_RESUME, "answered")
    if parkable(state.get("flow")) and state.get(PARKED) and reading.continues(text) \
            and re.search(EARLIER, text):
        # "继续刚才的…" while another form is open: back to the parked one, this one kept instead.
        current, parked = state["flow"], state.pop(PARKED)
        state["flow"] = parked["flow"]
        park(state, current)
        state["flow"] = parked["flow"]
        return Reply.say(FLOWS[parked["flow"]["name"]].resume_prompt(state), "acted")
    if state.get("flow") or not state.get(PARKED):
        return None
    if reading.continues(text):
        return resume(state)
    if reading.leave_cue(text) == "end" and not any(w in text for w in ("订单", "预约")):
        flow = state.pop(PARKED)["flow"]
        return Reply.say(texts.FORM_CANCELLED.format(title=title(flow)), "acted")
    return None


def _switch_reply(text: str, state: dict, switch: dict) -> Reply | None:
    old = state.get("flow") or (state.get(PARKED) or {}).get("flow")
    if reading.yes(text) or text in SWITCH_YES:
        if old is not None:
            park(state, old, (state.get(PARKED) or {}).get("since"))
        state["flow"] = switch["flow"]
        head = texts.SWITCHED.format(old=title(old), new=title(switch["flow"])) if old else ""
        return Reply([head + "\n" + switch["texts"][0]] + switch["texts"][1:] if head else switch["texts"],
                     "acted")
    if reading.no(text) or reading.continues(text) or text in ("不换", "不改", "接着填"):
        if state.get("flow"):
            return Reply.say(texts.FORM_GOING_ON.format(title=title(old)) + "\n"
                             + FLOWS[old["name"]].waiting_for(state), "acted")
        if state.get(PARKED):
            return resume(state)
    return None


def settle(turn: Turn, before: dict | None, state: dict, result: Reply) -> Reply:
    """After another request was answered mid-form: keep the form, and say how to go on."""
    after = state.get("flow")
    if parkable(before) and after is not before:
        if parkable(after) and after.get("code", after["name"]) == before.get("code", before["name"]):
            state["flow"] = before  # asked again for the form already open
            result.texts = [texts.FORM_GOING_ON.format(title=title(before)) + "\n"
                            + FLOWS[before["name"]].waiting_for(state)]
            return result
        if parkable(after):
            return _ask_switch(state, before, after, result)
        if turn.intent != "cancel":
            park(state, before)
            if after is not None:
                state["flow"] = after
            result.texts = result.texts + [texts.PARKED_NOTE.format(title=title(before))]
        return result
    if parkable(after) and after is not before and state.get(PARKED):
        if _same_kind(state[PARKED]["flow"], after):
            # The parked one asked for again ("还是订吧…"): one form, the new words first.
            filled = _fill_gaps(state.pop(PARKED)["flow"], after)
            if filled:
                result.texts = [texts.FORM_GOING_ON.format(title=title(after)) + "\n"
                                + FLOWS[after["name"]].waiting_for(state)]
            return result
        return _ask_switch(state, state[PARKED]["flow"], after, result)
    flow = FLOWS.get((before or {}).get("name", ""))
    if parkable(before) and after is before and _asked_back(state):
        # "您想问的是：1 … 2 …" mid-form: the numbers are the candidates', so the form waits
        # parked for "继续" rather than taking the next number as its own answer.
        park(state, before)
        result.texts = result.texts + [texts.PARKED_NOTE.format(title=title(before))]
        return result
    if flow is not None and after is before:
        prompt = _aside_prompt(flow, state) if parkable(before) else flow.resume_prompt(state)
        if prompt:
            result.texts = result.texts + [prompt]
    return result


def _asked_back(state: dict) -> bool:
    """This turn's reply is a list of candidates to pick from (bot.menus / handlers.guide.clarify)."""
    asked = state.get("clarify")
    return bool(asked) and asked is state.get("choices")


def _same_kind(parked: dict, new: dict) -> bool:
    """Two orders, or two forms for the same item."""
    return parked.get("name") == new.get("name") and parked.get("code") == new.get("code")


def _fill_gaps(parked: dict, new: dict) -> bool:
    """Answers kept in the parked form fill what the new one has not asked yet; True if any did."""
    old, fresh = (parked.get("form"), new.get("form")) if new.get("name") == "order" else \
        (parked.get("answers"), new.get("answers"))
    if not isinstance(old, dict) or not isinstance(fresh, dict):
        return False
    if new.get("name") == "order" and old.get("category") != fresh.get("category"):
        return False  # another kind of help: the parked details were for something else
    gaps = {k: v for k, v in old.items() if v and not fresh.get(k)}
    fresh.update(gaps)
    if gaps and new.get("name") != "order":
        from handlers.form_flow import first_open, form_of

        new["at"] = first_open(new, form_of(new)) or new.get("at")
        new["confirm"] = new["at"] is None
    return bool(gaps)


def _aside_prompt(flow, state: dict) -> str:
    state.pop("choices", None)  # the form's numbered options come next
    return texts.FORM_ASIDE.format(title=flow.title(state["flow"])) + "\n" + flow.waiting_for(state)


def _ask_switch(state: dict, old: dict, new: dict, result: Reply) -> Reply:
    state[SWITCH] = {"flow": new, "texts": result.texts}
    if state.get(PARKED) and state[PARKED]["flow"] is old:
        state.pop("flow", None)
    else:
        state["flow"] = old
    return Reply.say(texts.SWITCH_ASK.format(old=title(old), new=title(new)), "clarified")
