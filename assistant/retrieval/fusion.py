"""Reciprocal rank fusion: each ranked list votes 1 / (k + rank) for its documents, times the list's weight."""

from __future__ import annotations

RRF_K = 60


def rrf(rankings: dict[str, list[str]], weights: dict[str, float] | None = None, k: int = RRF_K
        ) -> list[tuple[str, float, list[str]]]:
    """(id, fused score, names of the lists that found it), best first."""
    weights = weights or {}
    scores: dict[str, float] = {}
    sources: dict[str, list[str]] = {}
    for name, ids in rankings.items():
        w = weights.get(name, 1.0)
        for rank, doc in enumerate(ids, start=1):
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank)
            sources.setdefault(doc, []).append(name)
    order = sorted(scores, key=lambda d: (-scores[d], d))
    return [(d, scores[d], sources[d]) for d in order]
