"""Matching a message against FAQ phrasings, guide texts and referrals."""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from knowledge.index import BM25Index

STOPWORDS = frozenset(
    "的 了 吗 呢 吧 啊 呀 嘛 么 哦 我 你 您 他 她 它 我们 俺 咱 是 有 没 没有 要 想 能 会 可以 "
    "怎么 怎样 如何 什么 啥 多少 哪里 哪 哪儿 在 去 到 和 与 或 就 都 也 还 又 很 这 那 这个 那个 "
    "一下 一个 个 请问 问 问下 问一下 请 需要 需 得 把 给 被 让 对 从 为 吗 嗯 么样 办 办理 申请 "
    "现在 今天 怎么办 可 不 好 想问 知道".split())
GUIDE_FIELDS = ("name", "short_name", "overview", "conditions")


class KnowledgeMatcher:
    """BM25 over FAQ phrasings and guide texts; topic lookup for referrals."""

    def __init__(self, snapshot, segmenter, prepare) -> None:
        self.segmenter = segmenter
        self.faq_entries = list(snapshot.faq)
        phrasings = []
        for i, entry in enumerate(self.faq_entries):
            for text in [entry["question"], *(entry.get("alternates") or [])]:
                phrasings.append(((i, prepare(text).replace(" ", "")), None))
        self.faq_index = BM25Index((key, self.tokens(key[1])) for key, _ in phrasings)
        self.guide_index = BM25Index(
            (code, self.tokens(self._guide_text(guide, prepare)))
            for code, guide in snapshot.guides.items())
        self.referrals = list(snapshot.referrals)
        topics = {t.lower(): i for i, r in enumerate(self.referrals) for t in r.get("topics") or []}
        self._topics = topics
        ordered = sorted(topics, key=len, reverse=True)
        self._topic_re = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    @staticmethod
    def _guide_text(guide: dict, prepare) -> str:
        parts = [str(guide.get(f) or "") for f in GUIDE_FIELDS]
        parts += list(guide.get("aliases") or []) + list(guide.get("keywords") or []) * 2
        return prepare(" ".join(parts))

    def tokens(self, text: str) -> list[str]:
        """Content words of a prepared text."""
        return [w for w in self.segmenter.cut(text) if w not in STOPWORDS and len(w.strip()) > 0]

    def faq(self, t: str) -> tuple[dict | None, float]:
        """The closest FAQ entry and a 0-100 similarity."""
        compact = t.replace(" ", "")
        hits = self.faq_index.search(self.tokens(t), top=8)
        best, best_score = None, 0.0
        for (entry_id, phrasing), _ in hits:
            score = fuzz.ratio(compact, phrasing)
            if score > best_score:
                best, best_score = self.faq_entries[entry_id], score
        return best, best_score

    def guide_guess(self, t: str) -> tuple[str, float, list[dict]] | None:
        """An item guessed from the guides' text when no name was used."""
        tokens = self.tokens(t)
        hits = self.guide_index.search(tokens, top=3)
        if not hits or not tokens:
            return None
        code, score = hits[0]
        per_token = score / len(set(tokens))
        if score < 6.0 or per_token < 1.5:
            return None
        confidence = min(0.75, 0.35 + score / 40)
        candidates = []
        if len(hits) > 1 and hits[1][1] >= 0.8 * score:
            candidates = [{"intent": "guide", "service": c, "aspect": None, "score": round(s, 2)}
                          for c, s in hits]
            confidence = min(confidence, 0.5)
        return code, confidence, candidates

    def guide_scores(self, t: str) -> dict[str, float]:
        """Every guide's BM25 score for the message (only guides that share a word)."""
        return dict(self.guide_index.search(self.tokens(t), top=len(self.guide_index.keys)))

    def referral(self, t: str) -> tuple[dict | None, float, int, str]:
        """Another department's business in the message: entry, weight, where it ends, topic."""
        if self._topic_re is None:
            return None, 0.0, 0, ""
        matches = list(self._topic_re.finditer(t))
        if not matches:
            return None, 0.0, 0, ""
        match = max(matches, key=lambda m: len(m.group(0)))
        # Weighed like an item's name, a little higher: a department's topic is specific.
        weight = 1.3 + 0.2 * len(match.group(0))
        return self.referrals[self._topics[match.group(0)]], weight, match.end(), match.group(0)
