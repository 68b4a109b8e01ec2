"""``labor … --help`` is Chinese throughout: the frame click writes (usage line, headings, the help option, the
[required] and [default] marks, the value types) as well as the commands' own texts, laid out in screen columns."""

from __future__ import annotations

import re
import unicodedata

import pytest

from tests.test_cli_usage import labor

ENGLISH = ["Usage:", "Options:", "Commands:", "Arguments:", "Show this message", "[OPTIONS]", "COMMAND", "[ARGS]",
           "required]", "default:", "<str>", "<int", "<path>", "<list[", "<float"]


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize("args", [[], ["search"], ["ingest"], ["calc", "economic_compensation"], ["draft"],
                                  ["corpus"], ["serve"]])
def test_help_pages_have_no_english_frame(tmp_path, args):
    out = labor(*args, "--help", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    page = out.stdout
    assert page.startswith("用法：labor"), page[:80]
    assert "选项：" in page and "--help" in page and "显示本帮助并退出。" in page
    found = [word for word in ENGLISH if word in page]
    assert not found, (found, page)


def test_labor_alone_lists_the_commands_under_a_chinese_heading(tmp_path):
    page = labor("--help", data_dir=tmp_path).stdout
    assert "用法：labor [选项] 命令 [参数]..." in page and "命令：" in page
    assert re.search(r"^  search +查找", page, re.M) and re.search(r"^  calc +计算", page, re.M)


def test_the_marks_and_types_are_worded_in_chinese_and_the_columns_line_up(tmp_path):
    page = labor("search", "--help", data_dir=tmp_path).stdout
    assert "参数：" in page and "[必填]" in page and "[默认：10；1<=x<=100]" in page
    assert "-k, --top <整数>" in page and "--data-dir <路径>" in page
    rows = [line for line in page.splitlines() if line.startswith("  -")]
    starts = {_columns(re.match(r"^(  \S.*?\S?)(?: {2,})(?=\S)", line).group(0)) for line in rows}
    assert len(rows) >= 5 and len(starts) == 1, rows  # every option's help starts at the same screen column


def test_a_usage_error_still_shows_the_chinese_usage_line(tmp_path):
    out = labor("search", data_dir=tmp_path)
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == "用法：labor search [选项] {query}"
