"""Danger first: what to do now and whom to call, before anything else, in any state.

The engine asks `intents.danger` about every text before understanding it.
A message that reads as danger gets, as the first line of the first reply,
what to do now and the right number, then the bureau's 24-hour line and an
offer of a person. An open form is kept as it was (the danger text is never
taken as a field's answer); an open 转人工 ticket records the message for staff;
otherwise a 助急 order is opened, which skips review once submitted.
"""
from __future__ import annotations

from flask import current_app

from handlers import order, texts
from handlers.base import FLOWS, Reply, Turn

# Classes where someone on the spot can help; for self-harm alone we offer a person.
DISPATCHABLE = frozenset({"medical", "fire", "gas", "crime", "alone", "no_answer", "missing", "trapped", "help"})


def first_aid(classes: tuple[str, ...] | list[str]) -> str:
    """The lines to read first: each danger's instruction and number, then the hotline."""
    gas = current_app.config.get("GAS_EMERGENCY_PHONE") or texts.DANGER_GAS_DEFAULT
    lines = [texts.DANGER_FIRST[name].format(gas=gas) for name in classes]
    lines.append(texts.DANGER_HOTLINE.format(hotline=current_app.config["EMERGENCY_HOTLINE"]))
    return "\n".join(lines)


def first_aid_for(incoming) -> list[str]:
    """What to do now, for a text message that reads as danger, where no state can be used.

    For the paths that answer without the conversation (too fast, busy, the
    database down): the numbers need nothing but the text. Empty otherwise.
    """
    from intents.danger import detect

    if getattr(incoming, "kind", "text") not in ("text", "voice") or not (incoming.text or "").strip():
        return []
    classes = detect(incoming.text)
    return [first_aid(classes)] if classes else []


def respond(turn: Turn, state: dict, classes: tuple[str, ...]) -> Reply:
    """The reply to a danger message, whatever the conversation was doing."""
    said = [first_aid(classes)]
    flow = FLOWS.get((state.get("flow") or {}).get("name", ""))
    if flow is not None and flow.hears_danger:
        heard = flow.step(turn, state)
        said += heard.texts if heard is not None else []
    elif flow is not None:
        prompt = flow.resume_prompt(state)
        if prompt:
            said.append(texts.DANGER_FORM_KEPT.format(prompt=prompt))
    elif DISPATCHABLE.intersection(classes) and not state.get("stateless"):
        # Without the shared store a form cannot go on; the numbers above still stand.
        said.append(texts.DANGER_DISPATCH + "\n" + order.start_emergency(turn.text, state))
    return Reply(said, "acted")
