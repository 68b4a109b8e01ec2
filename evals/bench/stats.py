"""Summaries of repeated measurements: never a single run."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from evals.metrics import percentile


def summarize(values: Sequence[float], digits: int = 3) -> dict:
    """n, median, min, max, p95 and the spread (max − min) of a list of measurements."""
    values = [float(v) for v in values]
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "p95": round(percentile(values, 95), digits),
        "spread": round(max(values) - min(values), digits),
    }


def latency_rounds(rounds: Sequence[Sequence[float]]) -> dict:
    """Per-round p50/p95 of query latencies (ms), then the median and spread of those across rounds."""
    p50s = [percentile(r, 50) for r in rounds if r]
    p95s = [percentile(r, 95) for r in rounds if r]
    return {
        "rounds": len(p95s),
        "queries_per_round": len(rounds[0]) if rounds else 0,
        "p50_ms": summarize(p50s),
        "p95_ms": summarize(p95s),
    }
