"""What changed between two runs, and the CI check against the recorded baseline (``evals/baseline.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from evals.datasets import EVALS_DIR
from evals.runs import flatten_metrics, item_outcomes

BASELINE_FILE = EVALS_DIR / "baseline.json"
DEFAULT_TOLERANCE = 0.02

# The figures a baseline records, and how far each may fall before CI fails. Retrieval tolerances are about one item
# of the smallest external dev set (26 STARD items); exact amounts, drafting rules and safety may not fall at all.
BASELINE_METRICS: dict[str, dict[str, float]] = {
    "retrieval": {"hit@1": 0.04, "hit@10": 0.04, "mrr": 0.04, "ndcg@10": 0.04},
    "calculators": {"exact": 0.0, "passed": 0.0},
    "drafting": {
        "sections_present": 0.0,
        "blanks_marked": 0.0,
        "no_invented_numbers": 0.0,
        "citations_verified": 0.0,
        "expectations": 0.0,
        "passed": 0.0,
    },
    "answers": {
        "citation_validity": 0.02,
        "citation_resolved_or_marked": 0.0,
        "groundedness": 0.02,
        "key_point_coverage": 0.03,
        "gold_article_cited": 0.03,
        "correct": 0.0,
    },
}


def baseline_keys(results: dict) -> dict[str, float]:
    """Headline metric keys of a run with their default tolerance."""
    out = {}
    for key in flatten_metrics(results):
        suite, _, _, metric = key.split("/", 3)
        tol = BASELINE_METRICS.get(suite, {}).get(metric)
        if tol is not None:
            out[key] = tol
    return out


@dataclass(frozen=True, slots=True)
class MetricChange:
    key: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 4)


def compare_runs(a: dict, b: dict, item_metric: str = "hit@10") -> dict:
    """Metric deltas (run B minus run A) and items whose per-item outcome flipped."""
    fa, fb = flatten_metrics(a), flatten_metrics(b)
    changes = [MetricChange(k, fa.get(k), fb.get(k)) for k in sorted(set(fa) | set(fb))]
    ia, ib = item_outcomes(a, item_metric), item_outcomes(b, item_metric)
    gained = sorted(k for k in set(ia) & set(ib) if ib[k] > ia[k])
    lost = sorted(k for k in set(ia) & set(ib) if ib[k] < ia[k])
    return {
        "run_a": a.get("run", {}),
        "run_b": b.get("run", {}),
        "changed": [c for c in changes if c.delta not in (None, 0.0)],
        "only_in_a": [c.key for c in changes if c.after is None],
        "only_in_b": [c.key for c in changes if c.before is None],
        "unchanged": sum(1 for c in changes if c.delta == 0.0),
        "items_gained": gained,
        "items_lost": lost,
        "item_metric": item_metric,
    }


def format_comparison(diff: dict) -> str:
    ra, rb = diff["run_a"], diff["run_b"]
    lines = [
        f"A: {ra.get('name', '?')} (commit {ra.get('commit', '?')})",
        f"B: {rb.get('name', '?')} (commit {rb.get('commit', '?')})",
        "",
    ]
    if diff["changed"]:
        lines.append(f"{'metric':70} {'A':>8} {'B':>8} {'Δ':>8}")
        for c in sorted(diff["changed"], key=lambda c: c.delta or 0):
            lines.append(f"{c.key:70} {c.before:8.4f} {c.after:8.4f} {c.delta:+8.4f}")
    else:
        lines.append("no metric changed")
    lines.append(f"unchanged metrics: {diff['unchanged']}")
    for label, keys in (("only in A", diff["only_in_a"]), ("only in B", diff["only_in_b"])):
        if keys:
            lines.append(f"{label}: {', '.join(keys[:20])}{' …' if len(keys) > 20 else ''}")
    m = diff["item_metric"]
    for label, keys in ((f"items that gained {m}", diff["items_gained"]), (f"items that lost {m}", diff["items_lost"])):
        lines.append(f"{label}: {len(keys)}")
        lines.extend(f"  {k}" for k in keys[:30])
    return "\n".join(lines)


# ---- baseline


def load_baseline(path: Path = BASELINE_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"metrics": {}}


def check_baseline(results: dict, baseline: dict) -> list[str]:
    """Failures: each metric that fell below its baseline by more than its tolerance, or is missing from the run.

    Only the suites and configurations present in the run are checked, so ``--suite calculators`` checks
    calculator figures and nothing else.
    """
    flat = flatten_metrics(results)
    ran = {(s, c) for s, by_config in (results.get("suites") or {}).items() for c in by_config}
    failures = []
    for key, spec in sorted((baseline.get("metrics") or {}).items()):
        suite, config = key.split("/")[:2]
        if (suite, config) not in ran:
            continue
        value, tol = float(spec["value"]), float(spec.get("tolerance", DEFAULT_TOLERANCE))
        got = flat.get(key)
        if got is None:
            failures.append(f"{key}: 本次运行缺少该指标（基线 {value:.4f}）")
        elif got < value - tol - 1e-9:
            failures.append(f"{key}: {got:.4f} 低于基线 {value:.4f}（容差 {tol:.4f}）")
    return failures


def baseline_from_results(
    results: dict, previous: dict | None = None, keys: list[str] | None = None, tolerance: float | None = None
) -> dict:
    """A new baseline from a run (its headline metrics unless ``keys`` are given). Tolerances already recorded are
    kept; new metrics get ``tolerance``, else the default for their kind (``BASELINE_METRICS``)."""
    previous = previous or {"metrics": {}}
    flat = flatten_metrics(results)
    defaults = baseline_keys(results)
    wanted = keys if keys is not None else sorted(defaults)
    metrics = dict(previous.get("metrics") or {})
    for key in wanted:
        if key in flat:
            fallback = tolerance if tolerance is not None else defaults.get(key, DEFAULT_TOLERANCE)
            tol = (metrics.get(key) or {}).get("tolerance", fallback)
            metrics[key] = {"value": round(flat[key], 4), "tolerance": tol}
    run = results.get("run", {})
    recorded = previous.get("recorded_from") if isinstance(previous.get("recorded_from"), dict) else {}
    recorded = {k: v for k, v in recorded.items() if isinstance(v, dict)}  # per suite: the run its figures came from
    for suite in results.get("suites") or {}:
        recorded[suite] = {"commit": run.get("commit"), "name": run.get("name")}
    return {
        "note": "Recorded figures for `labor eval --check-baseline`; change only by a reviewed commit.",
        "recorded_from": dict(sorted(recorded.items())),
        "metrics": dict(sorted(metrics.items())),
    }
