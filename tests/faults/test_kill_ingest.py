"""``kill -9`` of ``labor ingest`` at each phase of a build — reading the files, tokenizing in the worker pool,
writing the database, building the keyword index — leaves no process behind, the previous build serving and
complete, and the next ingest working (no stale lock, the killed build's folder cleared away)."""

from __future__ import annotations

import os
import sys

import pytest

from assistant import Assistant
from tests.conftest import LAWS_DIR, make_settings
from tests.faults.processes import (
    build_is_complete,
    descendants,
    holds_open,
    kill_9,
    labor_env,
    start,
    unfinished_builds,
    wait_until,
    write_law,
)

pytestmark = [pytest.mark.faults, pytest.mark.slow]


def _tmp_build_holds(store, name: str) -> bool:
    return any((store.builds / b / name).exists() for b in unfinished_builds(store.builds))


def _workers(proc) -> bool:
    return sum("spawn_main" in " ".join(_cmdline(p)) for p in descendants(proc.pid)) >= 2


def _cmdline(p) -> list[str]:
    try:
        return p.cmdline()
    except Exception:  # noqa: BLE001 - a process that just ended
        return []


# phase → (what must be under way when the kill lands, extra environment)
PHASES = {
    "reading the files": (lambda proc, store: holds_open(proc, store.root / ".lock")
                          and not unfinished_builds(store.builds), {}),
    "tokenizing in the worker pool": (lambda proc, store: _workers(proc),
                                      {"LABOR_INGEST_PARALLEL_THRESHOLD": "1"}),
    "writing the database": (lambda proc, store: _tmp_build_holds(store, "provisions.sqlite"), {}),
    "building the keyword index": (lambda proc, store: _tmp_build_holds(store, "bm25"), {}),
}


@pytest.mark.parametrize("phase", list(PHASES))
def test_kill_9_of_labor_ingest(tmp_path, phase):
    if phase.startswith("tokenizing") and (not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2):
        pytest.skip("worker processes are used on multi-core Linux")
    settings = make_settings(tmp_path / "data")
    small = write_law(tmp_path / "small")
    Assistant(settings).ingest([small])
    store = Assistant(settings).store
    before = store.current_name()
    under_way, extra = PHASES[phase]

    proc = start(["ingest", str(LAWS_DIR)], labor_env(settings.data_dir, **extra), cwd=tmp_path)
    try:
        wait_until(proc, lambda: under_way(proc, store), phase)
    finally:
        survivors = kill_9(proc)
    assert proc.returncode == -9, "killed, not finished"

    assert not survivors, f"processes outlived the killed ingest: {survivors}"
    assert store.current_name() == before, "the killed build was never made current"
    serving = Assistant(settings)
    assert serving.provision("示例法", "1") is not None and serving.provision("劳动合同法", "38") is None
    assert build_is_complete(store.builds / before, serving.stats()["provisions"])

    report = Assistant(settings).ingest([small, LAWS_DIR])  # not 「另一个导入任务正在进行」
    assert report.build and not report.rejected, report.summary()
    assert not unfinished_builds(store.builds), "the killed build's folder is cleared away"
    after = Assistant(settings)
    assert after.provision("劳动合同法", "38") is not None and after.provision("示例法", "1") is not None
    assert build_is_complete(store.builds / store.current_name(), after.stats()["provisions"])
