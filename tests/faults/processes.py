"""Real ``labor`` processes for the fault suite: started as a person starts them, killed with SIGKILL, and checked
for anything left behind (a child that outlived its parent, a half-written build)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from tests.conftest import ROOT

LABOR = str(Path(sys.executable).with_name("labor"))
LAW = "# 中华人民共和国示例法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了保护劳动者的休息权利，制定本法。\n\n第二条 用人单位应当按月支付工资。\n"


def write_law(folder: Path) -> Path:
    """A one-file statute folder: the build a killed ingest must leave serving."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "shili.md").write_text(LAW, encoding="utf-8")
    return folder


def labor_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABOR_", "HF_HUB_OFFLINE"))}
    env.update({"PYTHONPATH": str(ROOT), "LABOR_DATA_DIR": str(data_dir), "LABOR_RETRIEVAL_MODE": "lexical",
                "LABOR_CORPUS_DIRS": "", **extra})
    return env


def start(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([LABOR, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until(proc: subprocess.Popen, ready: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Poll ``ready`` every few milliseconds while ``proc`` runs; fails if it ends (or the time runs out) first."""
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            raise AssertionError(f"the process ended (status {proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"never reached: {what}")
        time.sleep(0.003)


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def kill_9(proc: subprocess.Popen) -> list[int]:
    """SIGKILL the process; the pids of its descendants still alive 15 s later (each then killed, so no test
    leaves a process behind whatever it asserts)."""
    family = descendants(proc.pid)
    proc.kill()
    proc.wait(timeout=30)
    _, alive = psutil.wait_procs(family, timeout=15)
    for p in alive:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    return [p.pid for p in alive]


def holds_open(proc: subprocess.Popen, path: Path) -> bool:
    try:
        return any(Path(f.path) == path for f in psutil.Process(proc.pid).open_files())
    except psutil.Error:
        return False


def unfinished_builds(builds: Path) -> list[str]:
    return sorted(p.name for p in builds.iterdir() if p.name.startswith("tmp-")) if builds.is_dir() else []


def build_is_complete(build: Path, provisions: int) -> bool:
    """The served build holds every part, and as many provisions as its record says it was written with."""
    meta = json.loads((build / "meta.json").read_text(encoding="utf-8"))
    return (build / "provisions.sqlite").is_file() and (build / "bm25").exists() and meta["provisions"] == provisions


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    """No process listens on it any more (connections of the killed one in TIME_WAIT do not count: a server binds
    with SO_REUSEADDR, as uvicorn does)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
