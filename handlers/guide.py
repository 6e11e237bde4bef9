"""Answering questions about the 30 service items and the policy FAQ.

Guides come from the knowledge snapshot the understander was built from
(knowledge.live), not from a database read per answer: same text, same
version as the understanding, and no query on the most common message.
A guide here is the Guide model or its read-only snapshot view; both have
the same attributes.
"""
from __future__ import annotations

import re

from handlers import texts
from handlers.base import Handler, Reply, Turn, register
from knowledge import live, places
from knowledge.models import Guide

FOLLOW_UP_ORDER = ("conditions", "materials", "process", "location", "standard",
                   "time_limit", "fee", "contact", "overview", "legal_basis")
FOLLOW_UPS = 4
NEARBY = re.compile(r"附近|最近的|离我(最)?近|离这(儿|里)?近|周边|就近")


def guide_choices(guide: Guide, asked: str) -> list[dict]:
    """The numbered follow-ups offered after an answer."""
    choices = [{"intent": "guide", "service": guide.code, "aspect": aspect}
               for aspect in FOLLOW_UP_ORDER
               if aspect != asked and getattr(guide, aspect)][: FOLLOW_UPS - 1]
    if guide.mode in texts.ACTION_LABELS:
        intent = "volunteer" if guide.mode == "register" else "apply"
        choices.append({"intent": intent, "service": guide.code})
    return choices


def choice_label(choice: dict, guides: dict[str, Guide] | None = None) -> str:
    """How a numbered choice reads in the menu we send."""
    if choice["intent"] == "guide":
        label = texts.ASPECT_LABELS[choice["aspect"] or "overview"]
        if guides is not None:
            return f"{guides[choice['service']].short_name}·{label}"
        return label
    guide = live.guide(choice.get("service"))
    return texts.ACTION_LABELS.get(guide.mode if guide else "", "我要办理")


def numbered(choices: list[dict], guides: dict[str, Guide] | None = None) -> str:
    return "\n".join(f"{i}. {choice_label(c, guides)}" for i, c in enumerate(choices, 1))


def full_name_line(guide: Guide, said: str = "") -> str:
    """The official name, when the heading's short name is not the catalogue's wording
    (社团登记 → 社会团体成立登记) or the resident asked by another name (民办非企业单位 → 社会服务机构…).

    Every guide reply so names the item in the catalogue's words.
    """
    if guide.short_name not in guide.name:
        return "\n" + texts.FULL_NAME.format(name=guide.name)
    if not said or guide.short_name in said or guide.name in said:
        return ""
    if not any(alias and alias in said for alias in guide.aliases or []):
        return ""
    return "\n" + texts.FULL_NAME.format(name=guide.name)


def named(guide: Guide) -> str:
    """The item's name inside a sentence, with the catalogue's wording: "社团登记（社会团体成立登记）"."""
    return guide.short_name if guide.short_name in guide.name else f"{guide.short_name}（{guide.name}）"


def answer(guide: Guide, aspect: str, state: dict, said: str = "") -> Reply:
    """The asked aspect first, then numbered follow-ups."""
    aspect = aspect or "overview"
    body = (getattr(guide, aspect) or "").strip()
    heading = f"【{guide.short_name}·{texts.ASPECT_LABELS[aspect]}】" + full_name_line(guide, said)
    if not body:
        heading = texts.NO_FIELD.format(label=texts.ASPECT_LABELS[aspect]) + "\n" + \
            f"【{guide.short_name}·事项简介】" + full_name_line(guide, said)
        body, aspect = guide.overview.strip(), "overview"
    choices = guide_choices(guide, aspect)
    state.update(service=guide.code, aspect=aspect, choices=choices)
    tail = f"\n\n{texts.MORE}\n{numbered(choices)}" if choices else ""
    return Reply([f"{heading}\n{body}" + tail], "answered")


@register
class GuideHandler(Handler):
    intent = "guide"

    def handle(self, turn: Turn, state: dict) -> Reply:
        # An unsure reading is asked back or not answered, even where a FAQ phrasing is near.
        if turn.action == "ask" and turn.candidates:
            return clarify(turn.candidates, state)
        if turn.action == "unsure":
            return Reply.say(texts.NOT_UNDERSTOOD, "missed")
        if turn.faq is not None:
            return self._faq(turn, state)
        if NEARBY.search(turn.text):
            return nearby(live.guide(turn.service), state)
        guide = live.guide(turn.service)
        if guide is None:
            state["aspect"] = turn.aspect
            label = texts.ASPECT_LABELS.get(turn.aspect or "overview", "内容")
            return Reply.say(texts.WHICH_SERVICE.format(label=label), "clarified")
        return answer(guide, turn.aspect or "overview", state, turn.text)

    def _faq(self, turn: Turn, state: dict) -> Reply:
        faq = turn.faq
        text = faq["answer"].strip()
        guide = live.guide(faq.get("service"))
        if guide is not None:
            choices = guide_choices(guide, faq.get("aspect") or "")
            state.update(service=guide.code, aspect=faq.get("aspect"), choices=choices)
            text += f"\n\n{texts.MORE}\n{numbered(choices)}"
        return Reply([text], "answered")


def nearby(guide: Guide | None, state: dict) -> Reply:
    """"附近哪里能办": the nearest office to the last location the resident sent."""
    where = state.get("location")
    if not where or where.get("lat") is None:
        return Reply.say(texts.NEARBY_NEEDS_LOCATION, "clarified")
    found = places.nearest(guide.code if guide else None, float(where["lat"]), float(where["lng"]))
    if found is None:
        return answer(guide, "location", state) if guide else Reply.say(texts.NOT_UNDERSTOOD, "missed")
    place, km = found
    item = f"【{named(guide)}】" if guide else ""
    if guide is not None:
        state.update(service=guide.code, aspect="location")
    wording = texts.NEARBY_FAR if km > texts.NEARBY_FAR_KM else texts.NEARBY
    return Reply.say(wording.format(item=item, name=place["name"], address=place["address"],
                                    hours=place.get("hours", ""), km=f"{km:.0f}" if km > texts.NEARBY_FAR_KM
                                    else f"{km:.1f}"), "answered")


def clarify(candidates: list[dict], state: dict, limit: int = 4) -> Reply:
    """Ask back with numbered choices when the top guesses are close."""
    choices = [{"intent": c.get("intent", "guide"), "service": c["service"],
                "aspect": c.get("aspect") or "overview"} for c in candidates[:limit]]
    codes = [c["service"] for c in choices]
    guides = live.guides(codes)
    choices = [c for c in choices if c["service"] in guides]
    state["choices"] = choices
    state["clarify"] = choices  # kept for a follow-up question instead of a number (bot.menus)
    return Reply([f"{texts.WHICH_OF}\n{numbered(choices, guides)}"], "clarified")


BRIEF_CHARS = 110


def short_answer(guide: Guide, understood) -> tuple[str, dict | None]:
    """One part of a mixed message: the asked aspect, cut short; the full text as a choice."""
    if understood.faq:
        body, heading, aspect = understood.faq["answer"].strip(), "", understood.faq.get("aspect")
    else:
        aspect = understood.aspect or "overview"
        body = (getattr(guide, aspect) or guide.overview).strip()
        heading = f"【{guide.short_name}·{texts.ASPECT_LABELS[aspect]}】" + full_name_line(guide) + "\n"
    if len(body) <= BRIEF_CHARS or guide is None:
        return heading + body[:BRIEF_CHARS * 2], None
    kept = ""
    for line in body.splitlines():
        if kept and len(kept) + len(line) > BRIEF_CHARS:
            break
        kept += line + "\n"
    kept = kept.strip()
    if len(kept) > BRIEF_CHARS:
        kept = kept[:BRIEF_CHARS]
    choice = {"intent": "guide", "service": guide.code, "aspect": aspect or "overview"}
    return heading + kept + "……", choice
