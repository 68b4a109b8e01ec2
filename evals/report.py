"""Markdown report and console tables of a run, configurations side by side."""

from __future__ import annotations

from evals.datasets import TARGETS

HEADLINE_METRICS = ["hit@1", "hit@3", "hit@5", "hit@10", "recall@10", "mrr", "ndcg@10"]
# targets of suites with more than one headline figure per dataset (issue 11 §6)
METRIC_TARGETS: dict[tuple[str, str], float] = {
    ("facts_conversations", "precision"): 0.97,
    ("facts_conversations", "recall"): 0.90,
    ("lexeval_calc_labor", "figure_in_answer"): 0.80,
}


def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def side_by_side(results: dict, suite: str) -> list[list[str]]:
    """Rows ``[dataset, metric, value per config…, target]`` for one suite."""
    by_config = (results.get("suites") or {}).get(suite) or {}
    configs = list(by_config)
    datasets: list[str] = []
    for body in by_config.values():
        for name in body.get("datasets") or {}:
            if name not in datasets:
                datasets.append(name)
    rows = [["dataset", "metric", *configs, "target"]]
    for name in datasets:
        metrics: list[str] = []
        for body in by_config.values():
            for m in ((body.get("datasets") or {}).get(name) or {}).get("metrics") or {}:
                if m not in metrics:
                    metrics.append(m)
        if suite == "retrieval":
            metrics = [m for m in HEADLINE_METRICS if m in metrics]
        n = next((((b.get("datasets") or {}).get(name) or {}).get("n") for b in by_config.values()), None)
        for m in metrics:
            target = ""
            if TARGETS.get(name, (None,))[0] == m:
                target = f"≥ {TARGETS[name][1]:.2f}"
            elif (name, m) in METRIC_TARGETS:
                target = f"≥ {METRIC_TARGETS[(name, m)]:.2f}"
            values = [
                _fmt((((by_config[c].get("datasets") or {}).get(name) or {}).get("metrics") or {}).get(m))
                for c in configs
            ]
            rows.append([f"{name} (n={n})", m, *values, target])
    return rows


def markdown_table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    head, *body = rows
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(out)


def text_table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows)


def render_markdown(results: dict, charts: list[str] | None = None) -> str:
    run = results.get("run", {})
    machine = run.get("machine", {})
    lines = [
        f"# Evaluation run {run.get('name', '')}",
        "",
        f"- commit: `{run.get('commit')}`{' (uncommitted changes)' if run.get('dirty') else ''}",
        f"- started: {run.get('started')} · duration {run.get('duration_s')} s",
        f"- machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, {machine.get('ram_gb', '?')} GB RAM",
        f"- suites: {', '.join(results.get('suites') or {})}",
        "",
        "## Configurations",
        "",
    ]
    for name, cfg in (results.get("configs") or {}).items():
        lines.append(
            f"- **{name}**: {cfg.get('description', '')} — overrides `{cfg.get('applied')}`"
            + (f"; not supported by these settings: {', '.join(cfg['unsupported'])}" if cfg.get("unsupported") else "")
        )
        for note in cfg.get("notes") or []:
            lines.append(f"  - {note}")
    for suite in results.get("suites") or {}:
        lines += ["", f"## {suite}", "", markdown_table(side_by_side(results, suite))]
        if suite == "retrieval":
            lines += _retrieval_details(results["suites"][suite])
        else:
            if suite == "facts":
                lines += _facts_per_path(results["suites"][suite])
            lines += _failures(results["suites"][suite])
    for chart in charts or []:
        lines += ["", f"![{chart}]({chart})"]
    lines += ["", "Settings of each configuration are in `results.json` (`configs.*.settings`)."]
    return "\n".join(lines) + "\n"


def _retrieval_details(by_config: dict) -> list[str]:
    lines: list[str] = []
    for config, body in by_config.items():
        lines += ["", f"### retrieval · {config}"]
        for name, summary in (body.get("datasets") or {}).items():
            latency = summary.get("latency_ms", {})
            lines += [
                "",
                (
                    f"**{name}** — n={summary.get('n')}, skipped (no in-scope gold)="
                    f"{summary.get('skipped_no_in_scope_gold', 0)}, latency p50/p95 "
                    f"{latency.get('p50')}/{latency.get('p95')} ms"
                ),
            ]
            per_law = summary.get("per_law") or {}
            if per_law:
                rows = [["law", "gold articles", "recall@10", "items", "hit@10"]]
                rows += [
                    [law, str(v["gold_articles"]), _fmt(v["recall@10"]), str(v["items"]), _fmt(v["hit@10"])]
                    for law, v in per_law.items()
                ]
                lines += ["", markdown_table(rows)]
            never = summary.get("never_found") or []
            if never:
                lines += [
                    "",
                    "Gold articles never found in the top 10: "
                    + "、".join(
                        f"{g['id']}{'' if g.get('in_corpus') in (True, None) else '（不在语料中）'}" for g in never
                    ),
                ]
        misses = [i for i in body.get("items") or [] if not i.get("hit@10")]
        if misses:
            lines += ["", f"Items with no gold article in the top 10 ({len(misses)}):", ""]
            lines += [
                f"- `{i['dataset']}/{i['id']}` {i['question'][:40]} — gold {', '.join(i['gold'])}" for i in misses[:60]
            ]
    return lines


def _facts_per_path(by_config: dict) -> list[str]:
    """Precision and recall of each fact, so a weak fact is not hidden in the overall figure."""
    lines: list[str] = []
    for config, body in by_config.items():
        per_path = body.get("per_path") or {}
        if not per_path:
            continue
        rows = [["fact", "gold", "predicted", "correct", "precision", "recall"]]
        rows += [
            [path, str(f["gold"]), str(f["predicted"]), str(f["correct"]), _fmt(f["precision"]), _fmt(f["recall"])]
            for path, f in per_path.items()
        ]
        lines += ["", f"### facts per fact · {config}", "", markdown_table(rows)]
    return lines


def _failures(by_config: dict) -> list[str]:
    lines: list[str] = []
    for config, body in by_config.items():
        failed = [i for i in body.get("items") or [] if i.get("passed") is False]
        for note in body.get("notes") or []:
            lines.append(f"\n> {config}: {note}")
        if failed:
            lines += ["", f"Failed cases · {config} ({len(failed)}):", ""]
            lines += [
                f"- `{i.get('dataset', '')}/{i['id']}`: {'; '.join(i.get('problems') or [])}" for i in failed[:60]
            ]
    return lines
