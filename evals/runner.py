"""``labor eval``: the chosen suites across the chosen configurations, written to one run folder."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from assistant.config import Settings
from evals.configs import EvalConfig, apply_config, get_config, settings_stamp
from evals.datasets import SHARED_EVALS
from evals.runs import RUNS_DIR, git_commit, machine_info, new_run_dir, write_results

log = logging.getLogger(__name__)
SUITES = ["retrieval", "answers", "calculators", "drafting", "facts", "calc_ask", "answer_shape"]


@dataclass
class EvalOptions:
    suites: list[str]
    configs: list[str]
    shared_dir: Path | None = SHARED_EVALS
    corpus: list[Path] = field(default_factory=list)  # build a fresh temporary index from these paths
    limit: int | None = None  # at most this many items per dataset (quick runs)
    datasets: list[str] | None = None  # only these retrieval datasets
    judge: bool = False  # grade answers with the configured language model (DISC-style 1–5)
    out_base: Path = RUNS_DIR
    write: bool = True


def _suite_fn(name: str) -> Callable:
    if name == "retrieval":
        from evals.suites.retrieval_suite import run as fn
    elif name == "answers":
        from evals.suites.answers_suite import run as fn
    elif name == "calculators":
        from evals.suites.calculators_suite import run as fn
    elif name == "drafting":
        from evals.suites.drafting_suite import run as fn
    elif name == "facts":
        from evals.suites.facts_suite import run as fn
    elif name == "calc_ask":
        from evals.suites.calc_through_ask import run as fn
    elif name == "answer_shape":
        from evals.suites.answer_shape import run as fn
    else:
        raise ValueError(f"未知的评测套件：{name}（可选：{'、'.join(SUITES)}）")
    return fn


def run_eval(
    base: Settings,
    options: EvalOptions,
    echo: Callable[[str], None] = print,
    assistant_factory: Callable[[Settings], object] | None = None,
) -> tuple[Path | None, dict]:
    """Run every suite under every configuration; returns (run folder or None, results)."""
    from assistant import Assistant

    factory = assistant_factory or (lambda s: Assistant.from_settings(s))
    started = time.perf_counter()
    stamp = git_commit()
    tmp = None
    if options.corpus:
        tmp = tempfile.TemporaryDirectory(prefix="labor-eval-")
        base = base.model_copy(update={"data_dir": Path(tmp.name)})
        echo(f"building a lexical index of {', '.join(map(str, options.corpus))} in {tmp.name}")
        builder = factory(apply_config(base, get_config("lexical"))[0])
        builder.ingest(options.corpus)
    results: dict = {
        "run": {**stamp, "started": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine_info()},
        "configs": {},
        "suites": {s: {} for s in options.suites},
    }
    try:
        for name in options.configs:
            config: EvalConfig = get_config(name)
            settings, applied, unsupported = apply_config(base, config)
            entry = {
                "description": config.description,
                "applied": applied,
                "unsupported": unsupported,
                "settings": settings_stamp(settings),
                "notes": [],
            }
            results["configs"][name] = entry
            if config.needs_llm and not settings.llm_configured:
                entry["notes"].append("skipped: no language model configured (LABOR_LLM_BASE_URL / LABOR_LLM_MODEL)")
                echo(f"[{name}] skipped: no language model configured")
                continue
            assistant = factory(settings)
            entry["notes"] += _backend_notes(assistant, settings)
            for suite in options.suites:
                echo(f"[{name}] {suite} …")
                t0 = time.perf_counter()
                body = _suite_fn(suite)(assistant, settings, options)
                body["seconds"] = round(time.perf_counter() - t0, 2)
                results["suites"][suite][name] = body
    finally:
        if tmp is not None:
            tmp.cleanup()
    results["run"]["duration_s"] = round(time.perf_counter() - started, 1)
    run_dir = None
    if options.write:
        run_dir = new_run_dir(options.out_base, stamp)
        results["run"]["name"] = run_dir.name
        write_run(run_dir, results)
    return run_dir, results


def write_run(run_dir: Path, results: dict) -> None:
    from evals.charts import write_charts
    from evals.report import render_markdown

    write_results(run_dir, results)
    try:
        charts = write_charts(results, run_dir)
    except Exception as exc:  # noqa: BLE001 — a chart failure must not lose the figures
        log.warning("charts not written: %s", exc)
        charts = []
    (run_dir / "report.md").write_text(render_markdown(results, charts), encoding="utf-8")


def _backend_notes(assistant, settings: Settings) -> list[str]:
    """What actually served the configuration: a dense or rerank configuration whose model or vectors are not
    available runs without them, and the report must say so rather than show two identical columns as a result."""
    notes = []
    try:
        stats = assistant.stats()
        notes.append(f"index: {stats.get('provisions')} provisions, dense vectors: {stats.get('dense')}")
    except Exception as exc:  # noqa: BLE001
        notes.append(f"index stats unavailable: {exc}")
    retriever = getattr(assistant, "retriever", None)
    if settings.retrieval_mode == "hybrid" and getattr(retriever, "dense", None) is None:
        notes.append(
            f"dense requested but unavailable (no vectors for {settings.embedding_model} in the index, "
            "or the model cannot be loaded): this configuration ran without dense retrieval"
        )
    if settings.reranker_model and getattr(retriever, "reranker", None) is None:
        notes.append(f"reranker {settings.reranker_model} could not be loaded: this configuration ran without it")
    return notes
