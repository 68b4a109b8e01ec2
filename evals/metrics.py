"""Ranking metrics over article ids: hit@k, recall@k, reciprocal rank, nDCG (binary relevance).

Every function takes the ranked ids a retriever returned (best first) and the set of gold ids. A ranking may repeat
an id (several passages of one document); only its first position counts, so duplicates never inflate a score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

DEFAULT_KS: tuple[int, ...] = (1, 3, 5, 10)


def dedupe(ranked: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ranked))


def first_rank(ranked: Sequence[str], gold: Iterable[str]) -> int | None:
    """1-based position of the first gold id in the ranking, or None when no gold id was returned."""
    gold = set(gold)
    for pos, doc in enumerate(dedupe(ranked), start=1):
        if doc in gold:
            return pos
    return None


def hit_at(ranked: Sequence[str], gold: Iterable[str], k: int) -> float:
    """1.0 when at least one gold id is among the first ``k`` results."""
    gold = set(gold)
    return 1.0 if any(doc in gold for doc in dedupe(ranked)[:k]) else 0.0


def recall_at(ranked: Sequence[str], gold: Iterable[str], k: int) -> float:
    """Share of the gold ids found among the first ``k`` results."""
    gold = set(gold)
    if not gold:
        return 0.0
    return len(gold & set(dedupe(ranked)[:k])) / len(gold)


def reciprocal_rank(ranked: Sequence[str], gold: Iterable[str], k: int | None = None) -> float:
    pos = first_rank(ranked if k is None else dedupe(ranked)[:k], gold)
    return 1.0 / pos if pos else 0.0


def ndcg_at(ranked: Sequence[str], gold: Iterable[str], k: int) -> float:
    """nDCG@k with binary gains: DCG = Σ 1/log2(rank+1) over gold hits, divided by the ideal DCG."""
    gold = set(gold)
    if not gold:
        return 0.0
    dcg = sum(1.0 / math.log2(pos + 1) for pos, doc in enumerate(dedupe(ranked)[:k], start=1) if doc in gold)
    ideal = sum(1.0 / math.log2(pos + 1) for pos in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def score_ranking(ranked: Sequence[str], gold: Iterable[str], ks: Sequence[int] = DEFAULT_KS) -> dict[str, float]:
    """All metrics of one ranked list: hit@k and recall@k for each k, mrr (over the whole list) and ndcg@10."""
    gold = set(gold)
    out: dict[str, float] = {}
    for k in ks:
        out[f"hit@{k}"] = hit_at(ranked, gold, k)
    for k in ks:
        out[f"recall@{k}"] = recall_at(ranked, gold, k)
    out["mrr"] = reciprocal_rank(ranked, gold)
    out["ndcg@10"] = ndcg_at(ranked, gold, 10)
    return out


def mean_metrics(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """Per-metric mean over items; an empty list gives an empty dict (no item, no figure)."""
    if not rows:
        return {}
    keys = list(rows[0])
    return {key: round(sum(r[key] for r in rows) / len(rows), 4) for key in keys}


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100), as numpy's default; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    if lo == hi:
        return ordered[lo]
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
