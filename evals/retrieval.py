"""The retrieval suite: rank articles for every eval question and score them per dataset, per law and per item."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence

from evals.datasets import TARGETS, EvalItem
from evals.gold import law_of
from evals.metrics import DEFAULT_KS, dedupe, first_rank, mean_metrics, percentile, score_ranking

SearchFn = Callable[[str, int], Sequence]  # (question, k) → hits with an ``id`` (or plain ids)
ExistsFn = Callable[[str], bool]


def _ids(hits: Sequence) -> list[str]:
    return dedupe(h if isinstance(h, str) else h.id for h in hits)


def run_retrieval(
    search: SearchFn,
    datasets: dict[str, list[EvalItem]],
    *,
    k: int = 10,
    exists: ExistsFn | None = None,
    ks: Sequence[int] = DEFAULT_KS,
) -> dict:
    """Score ``search`` on every dataset. ``exists`` tells whether a gold id is in the corpus at all."""
    depth = max(k, max(ks))
    items_out: list[dict] = []
    out: dict[str, dict] = {}
    for name, items in datasets.items():
        rows, latencies = [], []
        per_law: dict[str, dict] = defaultdict(lambda: {"gold": 0, "found@10": 0, "items": 0, "item_hits@10": 0})
        gold_found: dict[str, bool] = {}
        skipped = 0
        for item in items:
            if not item.scorable:
                skipped += 1
                continue
            started = time.perf_counter()
            ranked = _ids(search(item.question, depth))
            latencies.append((time.perf_counter() - started) * 1000)
            scores = score_ranking(ranked, item.gold, ks)
            rows.append(scores)
            top10 = set(ranked[:10])
            for law in {law_of(g) for g in item.gold}:
                per_law[law]["items"] += 1
                per_law[law]["item_hits@10"] += int(any(g in top10 for g in item.gold if law_of(g) == law))
            for g in item.gold:
                per_law[law_of(g)]["gold"] += 1
                per_law[law_of(g)]["found@10"] += int(g in top10)
                gold_found[g] = gold_found.get(g, False) or g in top10
            items_out.append(
                {
                    "dataset": name,
                    "id": item.id,
                    "question": item.question,
                    "category": item.category,
                    "gold": item.gold,
                    "ranked": ranked[:depth],
                    "first_rank": first_rank(ranked, item.gold),
                    **scores,
                }
            )
        never = sorted(g for g, found in gold_found.items() if not found)
        out[name] = {
            "n": len(rows),
            "skipped_no_in_scope_gold": skipped,
            "metrics": mean_metrics(rows),
            "target": _target(name, mean_metrics(rows)),
            "per_law": {law: _law_summary(v) for law, v in sorted(per_law.items(), key=lambda kv: -kv[1]["gold"])},
            "never_found": [{"id": g, "in_corpus": exists(g) if exists else None} for g in never],
            "latency_ms": {"p50": round(percentile(latencies, 50), 2), "p95": round(percentile(latencies, 95), 2)},
        }
    return {"datasets": out, "items": items_out}


def _law_summary(v: dict) -> dict:
    return {
        "gold_articles": v["gold"],
        "recall@10": round(v["found@10"] / v["gold"], 4) if v["gold"] else 0.0,
        "items": v["items"],
        "hit@10": round(v["item_hits@10"] / v["items"], 4) if v["items"] else 0.0,
    }


def _target(name: str, metrics: dict) -> dict | None:
    if name not in TARGETS or not metrics:
        return None
    metric, goal = TARGETS[name]
    value = metrics.get(metric)
    return {"metric": metric, "goal": goal, "value": value, "met": value is not None and value >= goal}


def search_fn_for(assistant) -> SearchFn:
    """The facade's ``search`` as a suite input."""
    return lambda question, k: assistant.search(question, k=k)


def exists_fn_for(assistant) -> ExistsFn:
    def exists(provision_id: str) -> bool:
        try:
            return assistant.provision_by_id(provision_id) is not None
        except Exception:  # noqa: BLE001 — an id the index cannot even look up is not in it
            return False

    return exists
