"""Calibrated confidence: the rules' reading and the model's posterior, as one probability.

The rules give a reading and a figure per rule; the learned model gives, for
each label the rules chose, how likely it finds that label. A logistic
regression over that evidence (Platt scaling with more than one input),
fitted on readings of held-out folds (`intents.training`), turns them into
the probability that every label of the reading is right. Two thresholds
set on the same folds decide what the bot does with it: answer, ask back
with numbered choices, or say the question is not learned yet and offer
转人工. Plain Python at run time: a dot product and a sigmoid.
"""
from __future__ import annotations

import math

# Readings whose intent starts or steers a flow rather than answering a question.
ACTING = frozenset({"apply", "volunteer", "order", "cancel", "human", "status", "rate"})
# Few inputs on purpose: the development folds hold about twenty wrong readings, and
# the model's joint probability of the reading ranked them better than its parts did.
FEATURES = ("bias", "rule_logit", "model_joint", "rule_asks", "context", "length")
FLOOR = 1e-4
BINS = (0.0, 0.5, 0.7, 0.85, 0.9, 0.95, 1.01)
# A wrong answer costs as much as this many needless ask-backs (one extra turn each):
# the answer threshold is the one that costs least on the development folds.
WRONG_ANSWER_COST = 3.0
ANSWER_RANGE = (0.7, 0.9)
# Below this a reading is not offered even as a choice: the question is not learned yet.
ASK_FLOOR = 0.35


def _log(p: float) -> float:
    return math.log(max(p, FLOOR))


def _logit(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return math.log(p / (1 - p))


def evidence(u, posterior: dict[str, dict[str | None, float]], text: str,
             context: bool) -> list[float]:
    """The feature vector of one reading (order as FEATURES).

    model_joint is the log of how likely the model finds the reading's labels
    together: its intent, its item (where items apply) and its aspect (questions).
    """
    joint = _log(posterior["intent"].get(u.intent, 0.0))
    if u.service or u.intent in ("guide", "apply", "volunteer"):
        joint += _log(posterior["service"].get(u.service, 0.0))
    if u.intent == "guide":
        joint += _log(posterior["aspect"].get(u.aspect, 0.0))
    return [1.0, _logit(u.rule_confidence), joint, float(len(u.candidates) > 1),
            float(context), math.log(1 + len(text))]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


class Calibrator:
    """Weights over FEATURES and the two decision thresholds."""

    def __init__(self, weights: list[float], answer: float, ask: float,
                 names: tuple[str, ...] = FEATURES) -> None:
        if tuple(names) != FEATURES or len(weights) != len(FEATURES):
            raise ValueError("calibration features changed")
        self.weights, self.answer, self.ask = list(weights), answer, ask

    def probability(self, x: list[float]) -> float:
        """P(every label of the reading is right)."""
        return _sigmoid(sum(w * v for w, v in zip(self.weights, x, strict=True)))

    def action(self, p: float) -> str:
        """answer, ask (back with choices) or unsure (not learned yet, offer 转人工)."""
        return "answer" if p >= self.answer else "ask" if p >= self.ask else "unsure"

    def as_dict(self) -> dict:
        return {"features": list(FEATURES), "weights": [round(w, 5) for w in self.weights],
                "answer": self.answer, "ask": self.ask}

    @classmethod
    def from_dict(cls, data: dict) -> Calibrator:
        return cls(data["weights"], data["answer"], data["ask"], tuple(data["features"]))


def fit(rows: list[tuple[list[float], bool]], l2: float = 1.0, rounds: int = 30) -> list[float]:
    """Logistic regression by Newton's method with an L2 penalty (not on the bias)."""
    d = len(rows[0][0])
    w = [0.0] * d
    for _ in range(rounds):
        grad = [l2 * w[j] if j else 0.0 for j in range(d)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(d)] for i in range(d)]
        for x, y in rows:
            p = _sigmoid(sum(a * b for a, b in zip(w, x, strict=True)))
            g, h = p - float(y), max(p * (1 - p), 1e-6)
            for i in range(d):
                if x[i]:
                    grad[i] += g * x[i]
                    row, hx = hess[i], h * x[i]
                    for j in range(d):
                        if x[j]:
                            row[j] += hx * x[j]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            m[col][col] = 1e-12
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def choose_thresholds(scored: list[tuple[float, bool]]) -> tuple[float, float]:
    """(answer, ask): the answer threshold costing least on held-out readings, where a wrong
    answer costs WRONG_ANSWER_COST and an ask-back 1, kept within ANSWER_RANGE."""
    low, high = ANSWER_RANGE
    steps = [round(low + i * 0.01, 2) for i in range(int(round((high - low) / 0.01)) + 1)]

    def cost(t: float) -> float:
        return sum(WRONG_ANSWER_COST if p >= t and not ok else 1.0 if p < t else 0.0
                   for p, ok in scored)

    answer = min(steps, key=lambda t: (cost(t), t))
    return answer, ASK_FLOOR


def reliability(scored: list[tuple[float, bool]], bins=BINS) -> list[tuple[float, float, int, float]]:
    """(low, high, messages, share right) per confidence bin that holds any."""
    out = []
    for low, high in zip(bins, bins[1:], strict=False):
        hits = [ok for p, ok in scored if low <= p < high]
        if hits:
            out.append((low, min(high, 1.0), len(hits), sum(hits) / len(hits)))
    return out
