"""Ranked lists: the best rows of a score array, and reciprocal rank fusion (each ranked list votes 1 / (k + rank)
for its documents, times the list's weight)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

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


def top_scored(scores: np.ndarray, mask: np.ndarray | None, n: int, ids: Sequence[str]) -> list[tuple[str, float]]:
    """(id, score) of the ``n`` best rows ``mask`` admits with a score above 0, best first (a partial sort: the
    national corpus has 148,000 rows and a search wants a hundred)."""
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    n = min(n, len(scores))
    top = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
    return [(ids[int(r)], float(scores[r])) for r in top[np.argsort(-scores[top], kind="stable")] if scores[r] > 0]
