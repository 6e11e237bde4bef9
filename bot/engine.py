"""The conversation engine: one entry point for every channel."""
from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import replace

from flask import current_app
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

from bot import contact, lost_form, menus, mixed, session, spool, texts
from bot.menu import CLICK_TEXT
from bot.messages import Incoming
from bot.session import Opened
from bot.understanding import one_message, understand, understander
from conversations import logbuffer
from conversations.operations import message_values, missed_values
from core import unit
from core.store import STORE_DOWN, LockTimeout, redis_client
from handlers import FLOWS, HANDLERS, Reply, Turn, danger, form_steps, materials, order, order_status, parking
from handlers import texts as handler_texts
from intents import Understanding, cues
from intents.danger import read as read_danger
from intents.normalize import looks_like_question

log = logging.getLogger(__name__)
LOW_CONFIDENCE = 0.6
DB_DOWN = (OperationalError, InterfaceError)
DB_DROPPED = (DBAPIError, DisconnectionError)


def reply(incoming: Incoming, *, replay: bool = False, opened: Opened | None = None) -> list[str]:
    """Handle one message or event; return the replies (empty means say nothing).

    `opened` is the turn the WeChat endpoint has already opened (bot.dedupe);
    other channels and the replayer open theirs here. With the database
    unreachable the message is spooled for replay and the resident told we
    are busy; `replay=True` (the replayer) raises instead.
    """
    with one_message():
        return _reply(incoming, replay, opened)


def _reply(incoming: Incoming, replay: bool, opened: Opened | None) -> list[str]:
    started = time.perf_counter()
    if "\x00" in incoming.text:  # PostgreSQL text cannot hold NUL; no channel needs it
        incoming.text = incoming.text.replace("\x00", "")
    if opened is None:
        # Events are not counted: WeChat itself reports a location every few seconds.
        opened = _open(incoming, count=not replay and incoming.kind != "event")
    if opened.status == "limited":
        _log_line(incoming, None, "limited", started)
        # Danger first even when a resident writes too fast: what to do now needs no state.
        return danger.first_aid_for(incoming) + [texts.SLOW_DOWN]
    try:
        result, understood = _with_state(incoming, opened)
    except DB_DOWN:
        unit.rollback()
        if replay:
            raise
        where = spool.record(incoming)
        log.warning("database unreachable: message spooled to %s for replay", where)
        _log_line(incoming, None, "spooled", started)
        return danger.first_aid_for(incoming) + [texts.BUSY]
    except Exception:
        unit.rollback()
        if replay:
            raise
        log.exception("message from %s failed", incoming.channel)
        return danger.first_aid_for(incoming) + [texts.BUSY]
    _log_line(incoming, understood, result.outcome, started)
    return result.texts


def _open(incoming: Incoming, count: bool) -> Opened:
    try:
        return session.open_turn(incoming, count=count)
    except STORE_DOWN:
        # Without the shared store we still answer questions, statelessly.
        log.warning("store unreachable: answering without conversation state")
        return session.down(incoming)


def _log_line(incoming: Incoming, understood: dict | None, outcome: str, started: float) -> None:
    """One structured line per message; the resident id is hashed, never logged."""
    if not log.isEnabledFor(logging.INFO):
        return
    log.info("message resident=%s channel=%s kind=%s intent=%s outcome=%s ms=%.1f",
             resident_hash(incoming.resident.key), incoming.channel, incoming.kind,
             (understood or {}).get("intent"), outcome, (time.perf_counter() - started) * 1000)


def resident_hash(user: str) -> str:
    """A stable pseudonym for logs: keyed by SECRET_KEY so openids cannot be looked up."""
    key = current_app.config["SECRET_KEY"].encode()[:64]
    return hashlib.blake2b(user.encode(), key=key, digest_size=6).hexdigest()


def _with_state(incoming: Incoming, opened: Opened) -> tuple[Reply, dict | None]:
    if opened.status == "busy":
        try:
            session.wait_turn(opened)
        except LockTimeout:
            return Reply(danger.first_aid_for(incoming) + [texts.BUSY], "missed"), None
        except STORE_DOWN:
            log.warning("store unreachable: answering without conversation state")
            opened = session.down(incoming)
    # With Redis the log rows leave with the state (conversations.logbuffer).
    buffered = opened.status != "down" and redis_client(current_app) is not None
    try:
        try:
            result, understood, rows = _attempt(incoming, opened, opened.state, buffered)
        except DB_DROPPED as exc:
            if not _dropped(exc):
                raise
            # A pooled connection the server or network dropped (there is no
            # ping per checkout): SQLAlchemy has replaced the pool's
            # connections, so the message runs once more, from its state as loaded.
            unit.rollback()
            log.warning("database connection dropped: message run again on a new connection")
            result, understood, rows = _attempt(incoming, opened, session.reload(opened), buffered)
    except BaseException:
        _release(opened)
        raise
    _close(opened, result.texts, rows if buffered else ())
    return result, understood


def _dropped(exc: Exception) -> bool:
    return isinstance(exc, DisconnectionError) or bool(getattr(exc, "connection_invalidated", False))


def _attempt(incoming: Incoming, opened: Opened, state: dict,
             buffered: bool) -> tuple[Reply, dict | None, tuple[str, ...]]:
    """Answer, record and commit the message: its one unit of work in the database."""
    # No state: new, expired, or lost by the store (then the log may show a form open).
    lost = not state.get("touched") and not state.get("stateless") and not opened.never_lost
    touched = contact.note(incoming, state, buffered)
    result, understood = _dispatch(incoming, state)
    if state.get("stateless") and state.get("flow"):
        # A form cannot be carried to its next step without the shared store.
        unit.rollback()
        result, understood = Reply.say(texts.FORM_NEEDS_STATE, "missed"), understood
    elif lost and incoming.kind in ("text", "voice") and lost_form.was_open(incoming.resident):
        if (understood or {}).get("intent") == "danger":
            # What to do now stays the first line; the lost form is told after it.
            result.texts.append(texts.FORM_INTERRUPTED_NOTE)
        else:
            result, understood = lost_form.tell(result, understood)
    rows = touched + _record(incoming, result, understood, state)
    if not buffered:
        logbuffer.write(rows)
    unit.commit()
    return result, understood, rows


def _release(opened: Opened) -> None:
    try:
        session.release(opened)
    except STORE_DOWN:  # the lock expires on its own
        log.warning("store unreachable: conversation lock left to expire")


def _close(opened: Opened, replies: list[str], rows: tuple[str, ...]) -> None:
    """Save state, release, keep replies and queue log rows: one round trip."""
    if opened.status == "down":
        return
    try:
        session.close_turn(opened, replies, rows, logbuffer.KEY)
    except STORE_DOWN:
        log.warning("store unreachable after a message: its state was not saved")
        _write_rows_now(rows)
        return
    if rows:
        logbuffer.start_timer(current_app._get_current_object())


def _write_rows_now(rows: tuple[str, ...]) -> None:
    # The buffer is gone with Redis: the database takes the rows directly.
    if not rows:
        return
    try:
        logbuffer.write(rows)
        unit.commit()
    except DB_DOWN:
        unit.rollback()
        log.error("message log: %d row(s) lost, neither Redis nor the database answered",
                  len(rows))


def _record(incoming: Incoming, result: Reply, understood: dict | None,
            state: dict) -> tuple[str, ...]:
    """The message's log rows (and a missed question), as buffered entries."""
    if incoming.kind == "event" and not result.texts:
        return ()
    text = incoming.text if incoming.kind in ("text", "voice") else f"[{incoming.kind}:{incoming.event or ''}]"
    rows = [logbuffer.entry("message", message_values(
        incoming.resident, kind=incoming.kind, text=text,
        reply="\n\n".join(result.texts), outcome=result.outcome, understanding=understood,
        flow=(state.get("flow") or {}).get("name")))]
    if _missed(incoming, result, understood):
        rows.append(logbuffer.entry("missed", missed_values(
            incoming.text, understood.get("candidates", []), understood.get("confidence", 0.0))))
    return tuple(rows)


def _missed(incoming: Incoming, result: Reply, understood: dict | None) -> bool:
    """Whether the turn is a question the bot failed or was unsure about."""
    if not understood:
        return False
    if result.step:
        # A form step read names, numbers and 确认; the NLU's low confidence on
        # them means nothing. Only a question the form could not read is missed.
        return result.outcome == "clarified" and looks_like_question(incoming.text)
    # Low-confidence answers are reviewed too: they are where the bot may be wrong.
    low = understood.get("confidence", 1.0) < LOW_CONFIDENCE
    return result.outcome in ("missed", "clarified") or low


def _dispatch(incoming: Incoming, state: dict) -> tuple[Reply, dict | None]:
    kind = incoming.kind
    if kind == "event":
        return _event(incoming, state), None
    if kind == "location":
        state["location"] = {"lat": incoming.latitude, "lng": incoming.longitude,
                             "label": incoming.label}
        label = incoming.label or f"{incoming.latitude},{incoming.longitude}"
        offer = form_steps.offer_location(state, label)
        return Reply.say(offer or texts.LOCATION_SAVED.format(label=label), "acted"), None
    if kind == "voice" and not incoming.text.strip():
        return Reply.say(texts.VOICE_EMPTY, "missed"), None
    if kind in ("text", "voice"):
        return handle_text(incoming, state)
    if kind == "image" and incoming.media_id:
        taken = materials.receive(incoming.resident, incoming.media_id)
        if taken is not None:
            return taken, None
    if kind in texts.UNSUPPORTED:
        return Reply.say(texts.UNSUPPORTED[kind], "answered"), None
    return Reply.say(texts.UNKNOWN_MESSAGE, "missed"), None


def _event(incoming: Incoming, state: dict) -> Reply:
    event = incoming.event
    bound = contact.bind_reply(incoming)
    if bound is not None:
        return Reply.say(bound, "acted")
    if event in ("subscribe", "scan"):
        menus.welcome(state)
        return Reply.say(texts.WELCOME, "event")
    if event == "click" and incoming.key in CLICK_TEXT:
        text_in = Incoming(user=incoming.user, text=CLICK_TEXT[incoming.key],
                           channel=incoming.channel)
        return handle_text(text_in, state)[0]
    if event == "location":
        # Reported silently in the background by WeChat; kept for order addresses.
        state["location"] = {"lat": incoming.latitude, "lng": incoming.longitude,
                             "label": incoming.label}
    return Reply([], "event")


def handle_text(incoming: Incoming, state: dict) -> tuple[Reply, dict | None]:
    """Danger first; otherwise understand the text and let the intent's handler answer."""
    text = incoming.text.strip()
    if not text:
        return Reply.say(texts.EMPTY_TEXT, "missed"), None
    notes = _expire(state) + parking.expire(state)
    reading = read_danger(text)
    # In any state; a policy question beside a danger, with no form open, is
    # answered too, after what to do now.
    if reading.classes and (state.get("flow") or not reading.asks_policy):
        turn = Turn(user=incoming.user, text=text, channel=incoming.channel, intent="danger")
        result = danger.respond(turn, state, reading.classes)
        result.texts += notes
        return result, {"intent": "danger", "danger": list(reading.classes), "confidence": 1.0}
    result, understood = _answer(text, incoming, state)
    if result.texts and result.texts[-1] == texts.WELCOME:
        menus.welcome(state)
    shown = notes + result.texts
    if reading.classes:
        shown = [danger.first_aid(reading.classes)] + shown
    result.texts = menus.paginate(shown, state)
    return result, understood


def _answer(text: str, incoming: Incoming, state: dict) -> tuple[Reply, dict | None]:
    """Menus and pages on the screen first, then mixed messages, then one understood turn."""
    shown = menus.next_page(text, state) or menus.back(text, state)
    if shown is not None:
        return shown, {"intent": "menu", "confidence": 1.0}
    text = menus.menu_text(text, state)
    flow = FLOWS.get((state.get("flow") or {}).get("name", ""))
    if flow is not None and not flow.records_messages and menus.leaves_for_menu(text):
        # "返回主菜单" inside a form: the form is left (parked, to go on with) and the menu shown.
        return Reply([parking.leave_for_menu(state), texts.WELCOME], "acted"), {"intent": "menu", "confidence": 1.0}
    if not state.get("flow") and menus.asks_for_menu(text):
        menus.welcome(state)
        return Reply.say(texts.WELCOME, "answered"), {"intent": "menu", "confidence": 1.0}
    if menus.is_common_request(text):
        return menus.common_items(state), {"intent": "menu", "confidence": 1.0}
    turn = menus.picked_choice(text, state, incoming)
    understood, typed = None, turn is None
    if turn is None:
        prior = {"service": state.get("service"), "aspect": state.get("aspect")}
        u = in_context(understand(text, state.get("history", []), prior), text, prior)
        # Read only (log row, missed question): a shallow copy, not as_dict()'s deep one.
        understood = dict(vars(u))
        turn = Turn(user=incoming.user, text=text, channel=incoming.channel,
                    intent=u.intent, service=u.service, aspect=u.aspect,
                    category=u.category, confidence=u.confidence,
                    candidates=u.candidates, faq=u.faq, referral=u.referral,
                    action=u.action)
        session.remember(state, text)
    if typed and not state.get("flow") and _unplaced(turn):
        category = order.reads_as_order(text, state)
        if category is not None:  # the details of an order, given without asking for one
            turn.intent, turn.category, turn.action = "order", category or None, "answer"
    elif typed and not state.get("flow") and turn.intent == "apply" and not turn.service:
        category = order.help_named(text)
        if category is not None:  # "约人来打扫": booking help at home is an order, not an item's form
            turn.intent, turn.category, turn.action = "order", category, "answer"
    result = _run(turn, state, typed)
    return result, understood or {"intent": turn.intent, "service": turn.service,
                                  "aspect": turn.aspect, "confidence": 1.0}


def _run(turn: Turn, state: dict, typed: bool = False) -> Reply:
    """Offer the turn to an open flow first; otherwise its intent's handler.

    A typed message may instead be a follow-up to a choice list or hold
    several questions (bot.menus, bot.mixed), in a form once its step gave way.
    """
    early = parking.intercept(turn, state)
    if early is not None:
        return early
    cancelled = order_status.cancel_request(turn, state)
    if cancelled is not None:  # a placed order taken back; an open form goes on
        return parking.settle(turn, state.get("flow"), state, cancelled)
    arriving = order_status.arrival_question(turn, state)
    if arriving is not None:
        return arriving
    stepped, turn = _flow_step(turn, state, typed)
    if stepped is not None:
        return stepped
    state.pop("choices", None)
    before = state.get("flow")
    result = None
    if typed and before is None:
        result = menus.clarify_follow_up(turn.text, state) or \
            mixed.handle(turn.text, turn.user, turn.channel, state, intent=turn.intent)
        if result is None and _unplaced(turn):
            result = menus.topic_list(turn.text, state)
    elif typed and parking.parkable(before):
        result = mixed.handle(turn.text, turn.user, turn.channel, state,
                              item=FLOWS[before["name"]].item(before), intent=turn.intent)
    if result is None:
        result = HANDLERS[turn.intent].handle(turn, state)
    # A form the handler displaced is parked or kept, never dropped (handlers.parking).
    return parking.settle(turn, before, state, result)


# A follow-up is short: "得多大岁数", "发到多大"; a longer message is a question of its own.
FOLLOW_UP_MAX = 10
GUESSED = 0.78
# Words addressing the bot itself ("你叫啥", "您是真人吗"); "你们" is the bureau, asked about its item.
TO_THE_BOT = re.compile(r"[你您](?!们)|机器人|小助手|智能")
ASPECT_TABLE = cues.compile_table(cues.ASPECT_CUES)


def in_context(u: Understanding, text: str, prior: dict) -> Understanding:
    """A short follow-up that names no item ("得多大岁数", "那要等几天") stays with the item in context.

    The understanding may guess another item from guide texts when no name is used;
    a message naming none, no FAQ entry and no other department, right after an
    answer about an item, asks about that item.
    """
    item = prior.get("service")
    if not item or u.faq or u.referral:
        return u
    # Another item guessed from guide texts (a guess is never sure: a named item reads higher).
    elsewhere = u.intent == "guide" and u.service and u.service != item and u.confidence < GUESSED
    # Unread, but asked as a question ("重度的要几级才算"): about the item just answered.
    unread = u.intent == "out_of_scope" and u.action == "unsure" and looks_like_question(text)
    if not (elsewhere or unread):
        return u
    current = understander()
    t = current.prepared(text)[1]
    if not t or len(t) > FOLLOW_UP_MAX or any(v >= 1.0 for v in current.lexicon.services_in(t)[0].values()):
        return u
    scores = cues.best(ASPECT_TABLE, t)
    if unread and not scores and TO_THE_BOT.search(t):
        return u  # "你叫什么名字啊": asked of the bot, not about the item
    aspect = max(scores, key=lambda a: scores[a]) if scores else "overview"
    return replace(u, intent="guide", service=item, aspect=aspect, candidates=[], action="answer",
                   confidence=max(u.confidence, 0.8))


def _unplaced(turn: Turn) -> bool:
    """A message the understanding placed nowhere: no item, no FAQ entry, no other department."""
    return turn.intent in ("out_of_scope", "guide") and not (turn.service or turn.faq or turn.referral)


def _flow_step(turn: Turn, state: dict, typed: bool) -> tuple[Reply | None, Turn]:
    """The open flow's reply, if it takes the turn; else the turn, read in the flow's context."""
    flow = FLOWS.get((state.get("flow") or {}).get("name", ""))
    if flow is None:
        return None, turn
    if typed and flow.records_messages:
        # 转人工: a message of several questions is answered part by part, and still recorded.
        composed = mixed.handle(turn.text, turn.user, turn.channel, state, actions=False,
                                intent=turn.intent)
        if composed is not None:
            return flow.answered(turn, state, composed), turn
    item = flow.item(state["flow"])
    if typed:
        split = _answer_then_question(turn, state, flow, item)
        if split is not None:
            return split, turn
    result = flow.step(turn, state)
    if result is not None:
        result.step = True
        return result, turn
    return None, _about_item(turn, item)


# An answer with a question tacked on: "帮忙代缴水电费，顺便问下高龄津贴怎么领".
ASIDE_TAIL = re.compile(r"[，,。；;\s]*(?:顺便|另外|还想|还有个事|再)(?:想)?(?:问一?下|问问|问)"
                        r"[，,：:\s]*(?P<q>.{3,})$")


def _answer_then_question(turn: Turn, state: dict, flow, item: str | None) -> Reply | None:
    """The step takes the answer, and the knowledge question after it is answered too (question first)."""
    m = ASIDE_TAIL.search(turn.text)
    if m is None or len(turn.text[:m.start()].strip()) < 2:
        return None
    asked = understand(m.group("q"), [], {"service": item} if item else {})
    if asked.intent not in ("guide", "out_of_scope") or not (asked.service or asked.faq or asked.referral):
        return None
    said = turn.text[:m.start()].strip()
    u = understand(said, [], {})
    answer_turn = Turn(user=turn.user, text=said, channel=turn.channel, intent=u.intent, service=u.service,
                       aspect=u.aspect, category=u.category, confidence=u.confidence)
    stepped = flow.step(answer_turn, state)
    if stepped is None:
        return None
    question = Turn(user=turn.user, text=m.group("q"), channel=turn.channel, intent=asked.intent,
                    service=asked.service, aspect=asked.aspect, confidence=asked.confidence,
                    faq=asked.faq, referral=asked.referral)
    answered = HANDLERS[asked.intent].handle(question, state)
    # The step's question comes last, so the answer's numbered follow-ups are not offered.
    state.pop("choices", None)
    shown = [t.split("\n\n" + handler_texts.MORE)[0] for t in answered.texts]
    stepped.texts = shown + stepped.texts
    stepped.step = True
    return stepped


def _about_item(turn: Turn, item: str | None) -> Turn:
    """A question mid-form that names no item ("要带什么材料") is about the form's own item."""
    if not item or turn.service or turn.faq or turn.referral or turn.intent not in ("guide", "out_of_scope"):
        return turn
    u = understand(turn.text, [], {"service": item})
    if u.intent != "guide" or u.service != item or not u.aspect:
        return turn
    return Turn(user=turn.user, text=turn.text, channel=turn.channel, intent="guide", service=item,
                aspect=u.aspect, confidence=u.confidence, faq=u.faq)


def _expire(state: dict) -> list[str]:
    """Forget context after the idle time; say so if a step was under way."""
    idle = current_app.config["SESSION_IDLE_SECONDS"]
    touched = state.get("touched")
    if touched is None or time.time() - touched <= idle:
        return []
    parked = parking.on_idle(state)
    had_flow = bool(state.get("flow"))
    keep = {k: state[k] for k in ("location", "parked") if state.get(k)}
    state.clear()
    state.update({"history": [], **keep})
    return parked or ([texts.SESSION_EXPIRED] if had_flow else [])
