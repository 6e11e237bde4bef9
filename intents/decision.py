"""What the bot does with a reading: answer, ask back with numbered choices, or say the
question is not learned yet (offering 转人工).

With a calibrated model (intents.calibration) the reading's confidence is the
probability that all its labels are right and the thresholds decide; the
rules' own doubts still hold. Without one the rules' figures decide, as the
handlers always did.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from intents import cues
from intents.calibration import ACTING, evidence

if TYPE_CHECKING:
    from intents.understand import Understanding

# A message no rule could read is asked back with the model's items when the model finds
# it more likely an item question than not (on the development sets every such message
# that was really out of scope stayed below 0.45).
UNREAD_QUESTION = 0.5
# Choices offered when an unsure reading asks back, and the least likely item among them.
CHOICES = 3
CHOICE_MIN = 0.05


def rules_action(u: Understanding) -> str:
    """Without a calibration, the rules' own figures decide (as the handlers always did)."""
    if u.intent == "guide" and len(u.candidates) > 1 and u.rule_confidence < 0.6:
        return "ask"
    if u.intent == "out_of_scope" and u.referral is None and u.rule_confidence < 0.5:
        return "unsure"
    return "answer"


def combined_action(calibrated: str, rules: str) -> str:
    """The calibration's action, where the rules' own doubt still holds: a question they ask
    back by design (a group of items) keeps its choices however unlikely its first one, and
    a message they could not read at all is never answered as out of scope."""
    if calibrated == "answer":
        return rules
    if calibrated == "unsure" and rules == "ask":
        return "ask"
    return calibrated


def settle(understander, u: Understanding, t: str, context: bool) -> Understanding:
    """Calibrated confidence and the action it decides (sets u.confidence and u.action)."""
    u.rule_confidence = u.confidence
    model = understander.model
    calibrator = model.calibrator if model is not None else None
    if calibrator is None or not t:
        u.action = rules_action(u)
        return u
    # Only a question's reading is weighed by its aspect; others skip the aspect reading.
    posterior = understander.posterior(t, aspect=u.intent == "guide")
    p = calibrator.probability(evidence(u, posterior, t, context))
    u.confidence = round(p, 3)
    u.action = combined_action(calibrator.action(p) if u.intent not in ACTING else "answer",
                               rules_action(u))
    if u.action == "unsure" and u.intent == "out_of_scope" and u.referral is None and \
            posterior["intent"].get("guide", 0.0) >= UNREAD_QUESTION:
        u.action = "ask"  # no rule read it, but the model takes it for an item question
    if u.action == "ask":
        offer_choices(understander, u, understander.add_aspect(posterior, t))
        if u.action == "ask" and u.intent == "out_of_scope" and u.referral is None and \
                item_question(understander, t):
            # Unread by the rules, asked back with items, and shaped as a question about one
            # (an aspect asked, about people or help we deal with): read as its likeliest
            # choice, never "not our business" while our items are offered.
            first = u.candidates[0]
            u.intent, u.service, u.aspect = "guide", first["service"], first["aspect"]
    if u.action != "answer" and u.confidence >= calibrator.answer:
        # Asked back by the rules' own doubt (a group of items, two aspects alike): the
        # figure says so too, below the answer threshold, as the bot does not answer.
        u.confidence = round(min(u.confidence, calibrator.answer - 0.01), 3)
    return u


def item_question(understander, t: str) -> bool:
    """A message shaped as a question about one of our items though no rule names one: an
    aspect is asked (怎么办, 要带啥, 多少钱) about people we serve (老人, 孩子, 困难…) or about
    help (补贴, 救助…). A shared word alone, with no aspect asked, is not enough."""
    if understander._aspect(t, None) is None:
        return False
    return cues.BENEFIT_QUESTION.search(t) is not None or \
        any(pattern.search(t) for pattern in cues.POPULATIONS.values())


def offer_choices(understander, u: Understanding, posterior: dict) -> None:
    """An unsure question reading asks back: its item, the rules' own candidates and the
    model's likeliest items; with nothing to offer it is not learned yet."""
    aspects = posterior["aspect"]
    likeliest = max(aspects, key=aspects.get) if aspects else None
    # The model's aspect only where it is more sure than not; else the item's summary.
    aspect = u.aspect or (likeliest if likeliest and aspects[likeliest] >= 0.5 else "overview")
    offered = [c for c in u.candidates if c.get("service") in understander.guides]
    codes = [c["service"] for c in offered]
    if u.service in understander.guides and u.service not in codes:
        offered.insert(0, {"intent": "guide", "service": u.service, "aspect": aspect, "score": None})
        codes.insert(0, u.service)
    limit = max(CHOICES, len(offered))
    for code, p in sorted(posterior["service"].items(), key=lambda kv: -kv[1]):
        if len(offered) >= limit or p < CHOICE_MIN:
            break
        if code in understander.guides and code not in codes:
            offered.append({"intent": "guide", "service": code,
                            "aspect": understander.fit_aspect(aspect, code), "score": round(p, 2)})
            codes.append(code)
    if len(offered) == 1:
        # One item: the doubt is about what is asked of it, so its likeliest aspects.
        code = offered[0]["service"]
        for other, p in sorted(posterior["aspect"].items(), key=lambda kv: -kv[1]):
            fitted = understander.fit_aspect(other or "overview", code)
            if len(offered) < CHOICES and fitted not in {c["aspect"] for c in offered} and \
                    (p >= CHOICE_MIN or fitted == "overview"):
                offered.append({"intent": "guide", "service": code, "aspect": fitted,
                                "score": round(p, 2)})
    if len(offered) < 2:
        # Nothing to choose from: a guide reading is answered, anything else not.
        u.action = "answer" if u.intent == "guide" and u.service else "unsure"
        return
    u.candidates = offered
