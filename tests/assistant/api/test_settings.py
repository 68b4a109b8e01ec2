"""The one settings tree: every documented LABOR_* variable, from the environment or from .env, reaches what it
configures; names as .env.example writes them work (flat LABOR_* names, lower-case log levels)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import ApiSettings, Settings
from tests.conftest import ROOT

ENV_EXAMPLE = ROOT / ".env.example"


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABOR_", "HF_HUB_OFFLINE", "TRANSFORMERS_"))}
    env.update({"PYTHONPATH": str(ROOT)}, **extra)
    return env


def _python(code: str, cwd: Path, **env: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=_clean_env(**env), capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_every_variable_in_env_example_is_a_setting():
    documented = set(re.findall(r"^#?\s*LABOR_([A-Z0-9_]+)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M))
    known = {n.upper() for n in Settings.model_fields} | {n.upper() for n in ApiSettings.model_fields}
    assert documented and not documented - known, f"documented but never read: {sorted(documented - known)}"
    undocumented = known - documented - {"API", "PROJECT_CORPUS_DIR", "PROMPTS_DIR"}
    assert not undocumented, f"settings missing from .env.example: {sorted(undocumented)}"


def test_dotenv_reaches_the_api_subtree_and_log_levels_are_case_insensitive(tmp_path):
    (tmp_path / ".env").write_text("LABOR_PORT=8123\nLABOR_HOST=0.0.0.0\nLABOR_LOG_LEVEL=info\n"
                                   "LABOR_MAX_FILE_MB=1\nLABOR_API_KEYS=k1:staff\n", encoding="utf-8")
    out = _python("from assistant.config import get_settings as g; s = g(); "
                  "print(s.api.port, s.api.host, s.api.log_level, s.max_file_mb, s.api.api_keys)", tmp_path)
    assert out == "8123 0.0.0.0 info 1.0 {'k1': 'staff'}"
    assert ApiSettings(_env_file=None, log_level="WARNING").log_level == "warning"


def test_allow_model_download_in_dotenv_lifts_the_offline_switch(tmp_path):
    code = "import os, assistant; print(os.environ.get('HF_HUB_OFFLINE'))"
    assert _python(code, tmp_path) == "1"
    (tmp_path / ".env").write_text("LABOR_ALLOW_MODEL_DOWNLOAD=true\n", encoding="utf-8")
    assert _python(code, tmp_path) == "None"


def test_the_readme_key_works_on_default_settings_and_closes_with_anonymous_access():
    assert ApiSettings(_env_file=None).api_keys == {"change-me-app": "public"}
    assert ApiSettings(_env_file=None, allow_anonymous=False).api_keys == {}
    assert ApiSettings(_env_file=None, api_keys="s:staff").api_keys == {"s": "staff"}


def test_default_retrieval_mode_does_not_try_a_model_that_is_not_there(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    absent = Settings(_env_file=None, embedding_model="BAAI/bge-small-zh-v1.5")
    assert absent.retrieval_mode == "lexical"
    assert "关键词" in absent.retrieval_notice and "LABOR_EMBEDDING_MODEL" in absent.retrieval_notice
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    assert Settings(_env_file=None, embedding_model=str(model_dir)).retrieval_mode == "hybrid"
    snapshot = tmp_path / "hub" / "models--BAAI--bge-small-zh-v1.5" / "snapshots" / "abc"
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")
    cached = Settings(_env_file=None, embedding_model="BAAI/bge-small-zh-v1.5")
    assert cached.retrieval_mode == "hybrid" and cached.retrieval_notice is None
    explicit = Settings(_env_file=None, retrieval_mode="lexical")
    assert explicit.retrieval_mode == "lexical" and explicit.retrieval_notice is None


def test_settings_round_trip_keeps_the_api_subtree(tmp_path):
    s = Settings(_env_file=None, data_dir=tmp_path, api=ApiSettings(_env_file=None, port=9001))
    again = type(s)(**{**s.model_dump(), "retrieval_mode": "lexical"})
    assert again.api.port == 9001 and again.data_dir == tmp_path


@pytest.mark.parametrize("mb, refused", [(1, True), (5, False)])
def test_max_file_mb_limits_ingest(tmp_path, mb, refused):
    from assistant import Assistant

    big = tmp_path / "big.txt"
    line = "第一条 用人单位应当依法支付劳动者工资。\n"
    big.write_text(line * (int(2.9 * 1024 * 1024) // len(line.encode())), encoding="utf-8")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", retrieval_mode="lexical", max_file_mb=mb)
    report = Assistant(settings).ingest([big])
    assert bool(report.rejected) is refused
    if refused:
        assert "上限 1 MB" in report.rejected[0].reason


def test_serving_at_info_level_prints_no_library_debug_line():
    import logging

    import bm25s  # noqa: F401  (sets its own logger to DEBUG on import)

    from assistant.api.server import quiet_libraries

    quiet_libraries("info")
    assert not logging.getLogger("bm25s").isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("bm25s").isEnabledFor(logging.INFO)


@pytest.mark.server
@pytest.mark.slow
def test_labor_serve_takes_port_and_log_level_from_dotenv_and_serves_the_api_alone(assistant, tmp_path):
    import socket
    import time

    import httpx

    assistant.stats()  # the shared test index exists on disk before the server opens it
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / ".env").write_text(f"LABOR_PORT={port}\nLABOR_LOG_LEVEL=info\nLABOR_RETRIEVAL_MODE=lexical\n"
                                   f"LABOR_DATA_DIR={assistant.settings.data_dir}\nLABOR_CORPUS_DIRS=\n"
                                   f"LABOR_FEEDBACK_DB={tmp_path / 'fb.sqlite3'}\n", encoding="utf-8")
    labor = str(Path(sys.executable).with_name("labor"))
    proc = subprocess.Popen([labor, "serve", "--api-only"], cwd=tmp_path, env=_clean_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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
        assert httpx.get(url + "/docs").status_code == 200
        assert httpx.get(url + "/ui/").status_code == 404, "--api-only serves no web page"
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert f"接口文档 http://127.0.0.1:{port}/docs" in out and "DEBUG" not in out


def test_the_api_alone_never_imports_gradio(tmp_path):
    code = ("import sys; from assistant.api.server import create_server_app; "
            "create_server_app(with_ui=False); print('gradio' in sys.modules)")
    assert _python(code, tmp_path, LABOR_DATA_DIR=str(tmp_path / "data")) == "False"
