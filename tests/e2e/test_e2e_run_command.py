"""The README's run command: ``python app.py --port N`` serves the web page at /ui (``/`` redirects) and the API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.server, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_python_app_py_serves_page_and_api(assistant, tmp_path):
    assistant.stats()  # the shared test index exists on disk before the server opens it
    port = _free_port()
    env = {**os.environ, "LABOR_DATA_DIR": str(assistant.settings.data_dir), "LABOR_RETRIEVAL_MODE": "lexical",
           "LABOR_CORPUS_DIRS": "", "LABOR_LLM_BASE_URL": "", "LABOR_LLM_MODEL": "",
           "LABOR_FEEDBACK_DB": str(tmp_path / "fb.sqlite3"), "LABOR_API_KEYS": "", "LABOR_ALLOW_ANONYMOUS": "true"}
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not become ready"
            time.sleep(0.3)
        root = httpx.get(url + "/", follow_redirects=False)
        assert root.status_code in (302, 307) and root.headers["location"] == "/ui/"
        page = httpx.get(url + "/ui/")
        assert page.status_code == 200 and "劳动维权助手" in page.text
        hits = httpx.post(url + "/v1/search", json={"query": "劳动合同法第三十八条"}).json()["hits"]
        assert hits[0]["id"] == "劳动合同法#38"
        assert httpx.get(url + "/docs").status_code == 200
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert f"http://127.0.0.1:{port}/ui/" in out, "the command tells the person where to open the page"
