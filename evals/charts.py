"""PNG charts of a run (matplotlib, Agg backend). Labels are English/ASCII so no CJK font is needed."""

from __future__ import annotations

from pathlib import Path

CHART_METRICS = ["hit@1", "hit@3", "hit@10", "mrr", "ndcg@10"]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def write_charts(results: dict, out_dir: Path) -> list[str]:
    """One grouped bar chart per suite (datasets × configurations); returns file names written."""
    written = []
    for suite, by_config in (results.get("suites") or {}).items():
        path = _suite_chart(suite, by_config, out_dir)
        if path:
            written.append(path.name)
    return written


def _suite_chart(suite: str, by_config: dict, out_dir: Path) -> Path | None:
    series: list[tuple[str, str, str]] = []  # (dataset, metric, label)
    for body in by_config.values():
        for name, summary in (body.get("datasets") or {}).items():
            metrics = summary.get("metrics") or {}
            wanted = [m for m in CHART_METRICS if m in metrics] if suite == "retrieval" else list(metrics)[:4]
            for m in wanted:
                if (name, m, f"{name}\n{m}") not in series:
                    series.append((name, m, f"{name}\n{m}"))
        break
    if not series:
        return None
    plt = _pyplot()
    configs = list(by_config)
    width = 0.8 / max(len(configs), 1)
    fig, ax = plt.subplots(figsize=(max(6, 0.9 * len(series) + 2), 4.5))
    for j, config in enumerate(configs):
        data = by_config[config].get("datasets") or {}
        values = [float(((data.get(d) or {}).get("metrics") or {}).get(m) or 0.0) for d, m, _ in series]
        ax.bar([i + j * width for i in range(len(series))], values, width, label=config)
    ax.set_xticks([i + width * (len(configs) - 1) / 2 for i in range(len(series))])
    ax.set_xticklabels([_ascii(label) for _, _, label in series], fontsize=7, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title(f"{suite} by configuration")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path = out_dir / f"{suite}.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _ascii(label: str) -> str:
    return label.encode("ascii", "replace").decode().replace("?", "")
