"""``labor draft TYPE --case case.json --out file.docx``: the drafting sub-command on its own."""

import json

import pytest
from typer.testing import CliRunner

from assistant.drafting.cli import app
from tests.assistant.drafting.conftest import FULL_CASES, docx_text


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """No .env, no index and no model: the command must still produce the document."""
    from assistant.config import get_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LABOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LABOR_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("LABOR_LLM_MODEL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_cli_writes_docx_and_markdown_and_lists_missing(isolated):
    case = dict(FULL_CASES["arbitration_application"])
    case.pop("hire_date")
    (isolated / "case.json").write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    (isolated / "story.txt").write_text("我2021年3月1日入职。", encoding="utf-8")
    result = CliRunner().invoke(app, ["arbitration_application", "--case", "case.json", "--out", "out/申请书.docx",
                                      "--markdown", "out/申请书.md", "--narrative", "story.txt", "--offline"])
    assert result.exit_code == 0, result.output
    text = docx_text((isolated / "out" / "申请书.docx").read_bytes())
    assert "申请人于2021年3月1日入职被申请人" in text
    assert (isolated / "out" / "申请书.md").read_text(encoding="utf-8").startswith("# 劳动人事争议仲裁申请书")
    assert "入职日期：2021-03-01" in result.output  # the extracted value, shown for confirmation
    assert not list((isolated / "out").glob("*.part"))


def test_cli_json_output(isolated):
    (isolated / "case.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["resignation_notice", "--case", "case.json", "--out", "n.docx", "--json",
                                      "--offline"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "解除日期" in data["missing"] and "docx" not in data


@pytest.mark.parametrize("content, message", [
    ("{not json", "不是有效的 JSON"),
    ("[1, 2]", "JSON 对象"),
])
def test_cli_rejects_bad_case_files_in_chinese(isolated, content, message):
    (isolated / "case.json").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["arbitration_application", "--case", "case.json", "--out", "x.docx"])
    assert result.exit_code == 2
    assert message in result.output
    assert not (isolated / "x.docx").exists()


def test_cli_unknown_type(isolated):
    (isolated / "case.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["petition", "--case", "case.json", "--out", "x.docx", "--offline"])
    assert result.exit_code == 2 and "不支持的文书类型" in result.output


def test_cli_missing_case_file(isolated):
    result = CliRunner().invoke(app, ["arbitration_application", "--case", "nope.json", "--out", "x.docx"])
    assert result.exit_code == 2 and "找不到案件信息文件" in result.output


def test_mounted_under_the_labor_command_as_labor_draft_type(isolated):
    from assistant.cli import app as labor

    (isolated / "case.json").write_text(json.dumps(FULL_CASES["resignation_notice"], ensure_ascii=False),
                                        encoding="utf-8")
    result = CliRunner().invoke(labor, ["draft", "resignation_notice", "--case", "case.json", "--out", "n.docx",
                                        "--offline"])
    assert result.exit_code == 0, result.output
    assert "被迫解除劳动合同通知书" in docx_text((isolated / "n.docx").read_bytes())
