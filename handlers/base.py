"""The handler contract: one handler per intent, looked up in a registry."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from core.residents import Resident


@dataclass
class Turn:
    """One understood resident message, as handlers see it."""

    user: str
    text: str
    intent: str
    service: str | None = None
    aspect: str | None = None
    category: str | None = None
    confidence: float = 1.0
    candidates: list[dict] = field(default_factory=list)
    faq: dict | None = None
    referral: dict | None = None
    channel: str = "wechat"
    # answer, ask (back with numbered choices) or unsure (not learned yet): intents.calibration
    action: str = "answer"

    @property
    def resident(self) -> Resident:
        """Who wrote: what handlers hand the packages that keep a resident's records."""
        return Resident(self.channel, self.user)


@dataclass
class Reply:
    """What the bot says back, and how the turn went (for the message log).

    Texts are whole: the channel fits them to its size limit when it renders (bot.channels).
    """

    texts: list[str]
    outcome: str = "answered"
    # Set by the engine when an open flow's step (a form question) took the turn.
    step: bool = False

    @classmethod
    def say(cls, text: str, outcome: str = "answered") -> Reply:
        return cls([text], outcome)


class Handler:
    """Base class: subclasses set `intent` and implement handle()."""

    intent: str = ""

    def handle(self, turn: Turn, state: dict) -> Reply:
        raise NotImplementedError


HANDLERS: dict[str, Handler] = {}


class Flow:
    """A multi-turn dialog (a form, an order, a rating) kept in state["flow"].

    While state["flow"]["name"] names a flow, the engine first offers each
    understood message to step(). Returning None means "not an answer to my
    question" (e.g. a guide question mid-form): the engine lets the intent's
    handler answer it, then appends resume_prompt() so the form goes on.
    """

    name: str = ""
    # A flow that records every message (转人工) also hears danger messages;
    # any other flow is kept as it was while the danger reply is given.
    hears_danger: bool = False
    # A flow that records every message (转人工): mixed messages are answered, then answered() records them.
    records_messages: bool = False

    def step(self, turn: Turn, state: dict) -> Reply | None:
        raise NotImplementedError

    def resume_prompt(self, state: dict) -> str:
        """The question to ask again after an interruption."""
        return ""

    def title(self, flow: dict) -> str:
        """What the resident calls this dialog, for "刚才的X还没填完"."""
        return ""

    def waiting_for(self, state: dict) -> str:
        """The question the flow is waiting on, without a heading."""
        return self.resume_prompt(state)

    def answered(self, turn: Turn, state: dict, reply: Reply) -> Reply:
        """A reply the engine composed for a message this flow records (records_messages flows)."""
        return reply

    def item(self, flow: dict) -> str | None:
        """The guide item the dialog is about: a question naming none ("要带什么材料") means it."""
        return None


FLOWS: dict[str, Flow] = {}


def register_flow(cls: type[Flow]) -> type[Flow]:
    """Class decorator adding a flow instance to the registry."""
    FLOWS[cls.name] = cls()
    return cls


# What happens on a form's "确认", by the name its form declares (forms.definitions.Form.submitter):
# (turn, state, form, answers) -> Reply.
Submitter = Callable[..., Reply]
SUBMITTERS: dict[str, Submitter] = {}


def submits(name: str) -> Callable[[Submitter], Submitter]:
    """Function decorator: the submitter for forms that declare `name`."""
    def add(function: Submitter) -> Submitter:
        SUBMITTERS[name] = function
        return function
    return add


def register(cls: type[Handler]) -> type[Handler]:
    """Class decorator adding a handler instance to the registry."""
    HANDLERS[cls.intent] = cls()
    return cls

