"""Benchmarks on the labour corpus: warm lexical search, lexical ingest, ``labor search`` cold start."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evals.bench.stats import latency_rounds, summarize
from evals.datasets import REPO_DIR, SHARED_EVALS, load_retrieval_sets

SHARED_CORPUS = REPO_DIR.parent / "shared" / "corpus"
TARGETS = {"search_p95_ms": 15.0, "ingest_s": 20.0, "coldstart_s": 3.0}
COLDSTART_QUERIES = [
    "加班费怎么算",
    "公司不签劳动合同怎么办",
    "劳动合同法第三十八条",
    "被辞退有没有补偿",
    "工伤怎么认定",
]


def bench_env(data_dir: Path | str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "LABOR_DATA_DIR": str(data_dir),
            "LABOR_RETRIEVAL_MODE": "lexical",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "PYTHONWARNINGS": "ignore",
        }
    )
    return env


def worker(op: str, *args: str, data_dir: Path | str, timeout: float = 1800) -> dict:
    """Run one step of ``evals.bench.worker`` in a fresh process; returns its JSON plus the wall time."""
    cmd = [sys.executable, "-m", "evals.bench.worker", op, "--data-dir", str(data_dir), *args]
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=REPO_DIR, env=bench_env(data_dir), capture_output=True, text=True, check=False, timeout=timeout
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark step {op} failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall_s"] = round(wall, 3)
    return out


def eval_queries(shared_dir: Path | None = SHARED_EVALS, all_gold: bool = False) -> list[dict]:
    """Every eval question as a benchmark query (``id``, ``question``, ``gold``)."""
    queries = []
    for name, items in load_retrieval_sets(shared_dir).items():
        for item in items:
            gold = item.gold_all if all_gold else item.gold
            queries.append({"id": f"{name}/{item.id}", "question": item.question, "gold": gold})
    return queries


def write_queries(queries: list[dict], folder: Path) -> Path:
    path = folder / "queries.json"
    path.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    return path


def build_index(corpus: list[Path], data_dir: Path) -> dict:
    return worker("ingest", *map(str, corpus), data_dir=data_dir)


def bench_ingest(corpus: list[Path] | None = None, repeats: int = 3) -> dict:
    """Lexical ingest of the corpus into a fresh data dir, each repeat in a new process."""
    corpus = corpus or [SHARED_CORPUS]
    runs = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="labor-bench-ingest-") as tmp:
            runs.append(build_index(corpus, Path(tmp)))
    last = runs[-1]
    return {
        "corpus": [str(c) for c in corpus],
        "provisions": last.get("provisions"),
        "seconds": summarize([r["seconds"] for r in runs]),
        "cpu_s": summarize([r["cpu_s"] for r in runs]),
        "process_wall_s": summarize([r["wall_s"] for r in runs]),
        "peak_rss_mb": summarize([r["peak_rss_mb"] for r in runs]),
        "target": {
            "metric": "median seconds",
            "goal": TARGETS["ingest_s"],
            "met": _median(runs, "seconds") <= TARGETS["ingest_s"],
        },
    }


def bench_search(corpus: list[Path] | None = None, rounds: int = 5, data_dir: Path | None = None) -> dict:
    """Warm lexical search latency over every eval question, ``rounds`` timed rounds after a warm-up round."""
    corpus = corpus or [SHARED_CORPUS]
    with tempfile.TemporaryDirectory(prefix="labor-bench-search-") as tmp:
        tmp = Path(tmp)
        if data_dir is None:
            data_dir = tmp / "data"
            build_index(corpus, data_dir)
        queries = eval_queries()
        out = worker(
            "search", "--queries", str(write_queries(queries, tmp)), "--rounds", str(rounds), data_dir=data_dir
        )
    lat = latency_rounds(out["rounds"])
    p95 = lat["p95_ms"]["median"]
    return {
        "provisions": out["provisions"],
        "latency": lat,
        "cpu_latency": latency_rounds(out["cpu_rounds"]),
        "open_s": out["open_s"],
        "rss_mb": out["rss_mb"],
        "target": {"metric": "median p95 ms", "goal": TARGETS["search_p95_ms"], "met": p95 <= TARGETS["search_p95_ms"]},
    }


def labor_executable() -> list[str]:
    exe = Path(sys.executable).parent / "labor"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("labor")
    return [found] if found else [sys.executable, "-m", "assistant.cli"]


def bench_coldstart(corpus: list[Path] | None = None, repeats: int = 5) -> dict:
    """Wall time of ``labor search "…" -k 10 --json`` as a new process over a lexical index."""
    corpus = corpus or [SHARED_CORPUS]
    times, cpu, failures = [], [], []
    with tempfile.TemporaryDirectory(prefix="labor-bench-cold-") as tmp:
        data_dir = Path(tmp) / "data"
        build_index(corpus, data_dir)
        env = bench_env(data_dir)
        for i in range(repeats):
            query = COLDSTART_QUERIES[i % len(COLDSTART_QUERIES)]
            t0, c0 = time.perf_counter(), _children_cpu()
            proc = subprocess.run(
                [*labor_executable(), "search", query, "-k", "10", "--json"],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            )
            elapsed = time.perf_counter() - t0
            cpu.append(_children_cpu() - c0)
            if proc.returncode != 0:
                failures.append(proc.stderr[-500:])
                continue
            times.append(elapsed)
    med = summarize(times).get("median")
    return {
        "command": "labor search QUERY -k 10 --json",
        "seconds": summarize(times),
        "cpu_s": summarize(cpu),
        "failures": failures[:3],
        "target": {
            "metric": "median seconds",
            "goal": TARGETS["coldstart_s"],
            "met": med is not None and med <= TARGETS["coldstart_s"],
        },
    }


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (wall time on a busy shared machine includes waiting)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _median(runs: list[dict], key: str) -> float:
    return summarize([r[key] for r in runs])["median"]
