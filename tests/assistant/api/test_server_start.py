"""``labor serve`` on a fresh start: the first ingest is reported once, and no library's DEBUG line shows."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import CASES_DIR, ROOT

pytestmark = [pytest.mark.server, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve_until_up(tmp_path: Path, env: dict[str, str]) -> str:
    """Start ``labor serve --api-only``, wait for /healthz, stop it; everything it printed."""
    port = int(env["LABOR_PORT"])
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LABOR_", "HF_HUB_OFFLINE"))}
    clean.update({"PYTHONPATH": str(ROOT), **env})
    labor = str(Path(sys.executable).with_name("labor"))
    proc = subprocess.Popen([labor, "serve", "--api-only"], cwd=tmp_path, env=clean, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    return out


def test_a_fresh_start_prints_the_ingest_summary_once_and_no_debug_line(tmp_path):
    out = _serve_until_up(tmp_path, {"LABOR_PORT": str(_free_port()), "LABOR_LOG_LEVEL": "info",
                                     "LABOR_RETRIEVAL_MODE": "lexical", "LABOR_DATA_DIR": str(tmp_path / "data"),
                                     "LABOR_CORPUS_DIRS": str(CASES_DIR),
                                     "LABOR_FEEDBACK_DB": str(tmp_path / "fb.sqlite3")})
    assert out.count("导入完成：新增") == 1, out
    assert "DEBUG" not in out, out
    assert "接口文档" in out
