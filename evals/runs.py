"""Run folders (``evals/runs/<timestamp>-<commit>/``): stamping, writing and reading results, flattening metrics."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from evals.datasets import REPO_DIR

RUNS_DIR = REPO_DIR / "evals" / "runs"
RESULTS_FILE = "results.json"


class RunNotFoundError(FileNotFoundError):
    pass


def git_commit(repo: Path = REPO_DIR) -> dict:
    """Short commit and whether the tree has uncommitted changes; "nocommit" before the first commit."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=repo, capture_output=True, text=True, check=False, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    commit = git("rev-parse", "--short=10", "HEAD") or "nocommit"
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    return {"commit": commit, "dirty": dirty}


def machine_info() -> dict:
    info = {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": platform.processor() or "",
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        info["ram_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return info


def new_run_dir(base: Path = RUNS_DIR, stamp: dict | None = None, suffix: str = "") -> Path:
    stamp = stamp or git_commit()
    name = f"{datetime.now(UTC):%Y%m%d-%H%M%S}-{stamp['commit']}{'-dirty' if stamp.get('dirty') else ''}"
    name += f"-{suffix}" if suffix else ""
    path = base / name
    n = 1
    while path.exists():
        n += 1
        path = base / f"{name}-{n}"
    path.mkdir(parents=True)
    return path


def write_results(run_dir: Path, results: dict) -> Path:
    """Write ``results.json`` atomically (a temp file renamed over), so a killed run leaves no half file."""
    target = run_dir / RESULTS_FILE
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, target)
    return target


def load_results(run: str | Path, base: Path = RUNS_DIR) -> dict:
    """A run by folder path, folder name under ``evals/runs``, or a results.json path."""
    candidates = [Path(run), base / str(run)]
    for c in candidates:
        if c.is_file():
            return json.loads(c.read_text(encoding="utf-8"))
        if (c / RESULTS_FILE).is_file():
            return json.loads((c / RESULTS_FILE).read_text(encoding="utf-8"))
    raise RunNotFoundError(f"找不到评测运行：{run}（应为 evals/runs 下的目录名或 results.json 路径）")


def latest_run(base: Path = RUNS_DIR) -> Path | None:
    runs = sorted(p for p in base.glob("*") if (p / RESULTS_FILE).is_file()) if base.is_dir() else []
    return runs[-1] if runs else None


def flatten_metrics(results: dict) -> dict[str, float]:
    """``{"suite/config/dataset/metric": value}`` for every numeric summary figure of a run."""
    flat: dict[str, float] = {}
    for suite, by_config in (results.get("suites") or {}).items():
        for config, body in by_config.items():
            for dataset, summary in (body.get("datasets") or {}).items():
                for metric, value in (summary.get("metrics") or {}).items():
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        flat[f"{suite}/{config}/{dataset}/{metric}"] = float(value)
    return flat


def item_outcomes(results: dict, metric: str = "hit@10") -> dict[str, float]:
    """``{"suite/config/dataset/item": value}`` of one per-item metric (what changed, item by item)."""
    out: dict[str, float] = {}
    for suite, by_config in (results.get("suites") or {}).items():
        for config, body in by_config.items():
            for item in body.get("items") or []:
                if metric in item and isinstance(item[metric], (int, float)):
                    out[f"{suite}/{config}/{item['dataset']}/{item['id']}"] = float(item[metric])
    return out
