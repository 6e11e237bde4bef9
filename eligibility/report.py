"""The findings as the resident reads them: short messages, likely ones with their next step."""
from __future__ import annotations

from eligibility import texts
from eligibility.assess import names
from eligibility.household import Finding, Household

LIMIT = 300  # characters per message: one screen on a phone


def _line(f: Finding, n: int) -> str:
    why = "；".join(f.reasons)
    return f"{n}. {names()[f.item]}：{why}。{f.next_step}" if why else f"{n}. {names()[f.item]}：{f.next_step}"


def _unlikely(findings: list[Finding]) -> list[str]:
    """One line per reason, naming every item it rules out (低保、特困…：收入不低于…)."""
    by_reason: dict[str, list[str]] = {}
    for f in findings:
        by_reason.setdefault("；".join(f.reasons), []).append(names()[f.item])
    return [f"· {'、'.join(names)}：{why}。" for why, names in by_reason.items()]


def render(findings: list[Finding], household: Household) -> list[str]:
    """The result messages: 可能符合 with next steps, 可能不符合 and why, the honest closing line."""
    offered = [f for f in findings if f.verdict != "unlikely"]
    ruled_out = [f for f in findings if f.verdict == "unlikely"]
    likely = [texts.LIKELY_HEAD] + [_line(f, n) for n, f in enumerate(offered, 1)] if offered \
        else [texts.NONE_FOUND]
    rest = [texts.UNLIKELY_HEAD] + _unlikely(ruled_out) if ruled_out else []
    closing = texts.CLOSING if offered else texts.CLOSING_NONE
    if household.alone and household.oldest is not None and 18 <= household.oldest < 60 \
            and not household.disability:
        closing = texts.JOB_HINT + closing
    return _group(likely) + _group(rest + [closing])


def _group(lines: list[str]) -> list[str]:
    """A headed list cut into messages of at most LIMIT characters, lines kept whole."""
    messages = [lines[0]]
    for line in lines[1:]:
        if len(messages[-1]) + 1 + len(line) <= LIMIT:
            messages[-1] += "\n" + line
        else:
            messages.append(line)
    return messages
