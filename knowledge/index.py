"""A BM25 inverted index: scoring touches only the postings of the query's words.

Plain Python with no database access, so it serves `flask nlu predict` and
stays fast as the knowledge base grows (10,000 entries and more).
"""
from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable


class BM25Index:
    """Documents are token lists; weights are precomputed per posting."""

    def __init__(self, docs: Iterable[tuple[Hashable, list[str]]], k1: float = 1.2,
                 b: float = 0.75) -> None:
        docs = list(docs)
        self.keys = [key for key, _ in docs]
        lengths = [len(tokens) for _, tokens in docs]
        avg = (sum(lengths) / len(lengths)) if lengths else 1.0
        frequencies: dict[str, dict[int, int]] = defaultdict(dict)
        for doc_id, (_, tokens) in enumerate(docs):
            for token in tokens:
                frequencies[token][doc_id] = frequencies[token].get(doc_id, 0) + 1
        n = len(docs)
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for token, by_doc in frequencies.items():
            idf = math.log(1 + (n - len(by_doc) + 0.5) / (len(by_doc) + 0.5))
            self.postings[token] = [
                (doc_id, idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[doc_id] / avg)))
                for doc_id, tf in by_doc.items()
            ]

    def __len__(self) -> int:
        return len(self.keys)

    def search(self, tokens: Iterable[str], top: int = 5) -> list[tuple[Hashable, float]]:
        """The best-scoring documents for the query tokens, best first."""
        scores: dict[int, float] = defaultdict(float)
        for token in set(tokens):
            for doc_id, weight in self.postings.get(token, ()):
                scores[doc_id] += weight
        best = heapq.nlargest(top, scores.items(), key=lambda item: item[1])
        return [(self.keys[doc_id], score) for doc_id, score in best]
