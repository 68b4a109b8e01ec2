"""The README's examples, run as written: the command lines, the Python snippet, and the OpenAI client against a
server on loopback, all on default settings over an index the README's own ``labor ingest`` line builds."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_DIR

pytestmark = pytest.mark.slow
README = (ROOT / "README.md").read_text(encoding="utf-8")
LABOR = str(Path(sys.executable).with_name("labor"))
# Not run here, with the reason: each needs something a test may not do or wait for.
NOT_RUN = {"corpus": "downloads from the network", "serve": "blocks until stopped (the OpenAI test serves)",
           "eval": "minutes of evaluation (CI runs make eval-check)", "bench": "timing runs"}


def _section(title: str) -> str:
    start = README.index(f"## {title}")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def _blocks(title: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", _section(title), re.S)


def _cli_lines() -> list[list[str]]:
    return [shlex.split(line, comments=True) for line in _blocks("Command line", "bash")[0].splitlines()
            if line.strip()]


def _env(data_dir: Path) -> dict[str, str]:
    """Default settings: only the data folder is set; no .env, no language model, no other LABOR_* variable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABOR_")}
    env["LABOR_DATA_DIR"] = str(data_dir)
    return env


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A working directory beside ``shared`` (as a checkout is), with the index the README's ingest line builds."""
    root = tmp_path_factory.mktemp("readme")
    (root / "shared").symlink_to(SHARED_DIR)
    work = root / "work"
    work.mkdir()
    (work / "case.json").write_text(json.dumps({"worker": {"name": "张三"}, "employer": {"name": "某某科技有限公司"},
                                                "facts": "公司连续三个月未发工资"}, ensure_ascii=False),
                                    encoding="utf-8")
    ingest = next(line for line in _cli_lines() if line[1] == "ingest")
    out = subprocess.run([LABOR, *ingest[1:]], cwd=work, env=_env(root / "data"), capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    return work, root / "data"


def test_the_readme_lists_the_commands_this_test_runs():
    commands = [line[1] for line in _cli_lines()]
    assert commands[0] == "ingest" and {"search", "show", "ask", "calc", "draft", "--help"} <= set(commands)
    assert all(line[0] == "labor" for line in _cli_lines())


def test_every_command_line_runs_as_written(home):
    work, data_dir = home
    ran = []
    for line in _cli_lines():
        if line[1] == "ingest" or line[1] in NOT_RUN:
            continue
        out = subprocess.run([LABOR, *line[1:]], cwd=work, env=_env(data_dir), capture_output=True, text=True,
                             timeout=300)
        assert out.returncode == 0, f"{shlex.join(line)}\n{out.stderr}"
        assert out.stdout.strip() or (work / "通知书.docx").exists(), shlex.join(line)
        ran.append((line, out.stdout))
    shown = {line[1]: stdout for line, stdout in reversed(ran)}  # the first line of each command
    as_json = [json.loads(stdout) for line, stdout in ran if line[1] == "ask" and "--json" in line]
    assert json.loads(shown["search"])[0]["id"].startswith("劳动")
    assert "第三十八条" in shown["show"]
    assert as_json and all(answer["citations"] for answer in as_json)
    assert "32000.00" in shown["calc"]
    assert (work / "通知书.docx").stat().st_size > 1000


def test_the_python_snippet_runs_as_written(home):
    work, data_dir = home
    snippet = _blocks("Python", "python")[0]
    check = "\nassert a.provision('劳动合同法', '38').id == '劳动合同法#38'\nprint('ok')\n"
    out = subprocess.run([sys.executable, "-c", snippet + check], cwd=work, env=_env(data_dir),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_the_openai_snippet_runs_against_a_server_on_default_settings(home):
    from assistant import Assistant
    from assistant.api import create_app
    from assistant.config import ApiSettings, Settings
    from tests.assistant.api.conftest import RunningServer

    work, data_dir = home
    settings = Settings(_env_file=None, data_dir=data_dir, llm_base_url=None, llm_model=None)
    app = create_app(Assistant(settings), api_settings=ApiSettings(_env_file=None, feedback_db=work / "f.sqlite3"))
    snippet = _blocks("HTTP API", "python")[0]
    assert 'api_key="change-me-app"' in snippet
    with RunningServer(app) as server:
        scope: dict = {}
        exec(snippet.replace("http://127.0.0.1:8000", server.url), scope)  # noqa: S102  (the README's own code)
    citations = scope["reply"].model_extra["citations"]
    assert citations and all("verified" in c for c in citations)
