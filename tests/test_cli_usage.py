"""A mistyped ``labor`` command is told in Chinese — what is wrong, the usage line and where the help is — with
exit status 2 and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def labor(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    """The installed ``labor`` script, as a person types it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABOR_")}
    env.update({"LABOR_DATA_DIR": str(data_dir), "LABOR_RETRIEVAL_MODE": "lexical"})
    return subprocess.run([str(Path(sys.executable).with_name("labor")), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("args", "says", "help_hint"), [
    (["search"], "缺少参数 query", "labor search --help"),
    (["search", "加班费", "-k", "abc"], "--top 的值不对：应为整数", "labor search --help"),
    (["search", "加班费", "-k", "500"], "--top 的值不对：不能大于 100", "labor search --help"),
    (["search", "加班费", "--tpo", "3"], "没有这个选项：--tpo（是不是想用：--top）", "labor search --help"),
    (["search", "加班费", "多余"], "多余的参数：多余", "labor search --help"),
    (["search", "加班费", "-k"], "选项 -k 需要一个值", "labor search --help"),
    (["serch", "加班费"], "没有这个命令：serch（是不是想用：search", "labor --help"),
    (["eval", "--suite", "bogus"], "--suite 的值不对：可选值为 retrieval、", "labor eval --help"),
])
def test_a_usage_error_is_told_in_chinese_with_the_help_hint(tmp_path, args, says, help_hint):
    out = labor(*args, data_dir=tmp_path)
    assert out.returncode == 2, out.stderr
    assert says in out.stderr and f"查看帮助：{help_hint}" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and "Error:" not in out.stderr and "Usage:" not in out.stderr


def test_a_command_that_runs_keeps_its_own_exit_status(assistant):
    assistant.stats()  # the shared test index is on disk
    missing = labor("show", "劳动合同法", "9999", data_dir=assistant.settings.data_dir)
    assert missing.returncode == 1 and "没有找到" in missing.stderr
    found = labor("show", "劳动合同法", "38", data_dir=assistant.settings.data_dir)
    assert found.returncode == 0 and "第三十八条" in found.stdout
