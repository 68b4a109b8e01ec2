"""``labor ask "…" --json`` and the plain streamed output."""

from __future__ import annotations

import json

from assistant.answering.cli import ask_command


def test_json_output_is_the_whole_answer_object(assistant, capsys):
    code = ask_command("老板三个月没发工资，我想辞职，还能要到补偿吗？", True, assistant=assistant)
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["mode"] == "offline" and "## 法律依据" in out["answer"]
    assert {"answer", "citations", "guides", "suggested_actions", "mode", "warnings", "disclaimer",
            "clarifying_question"} <= set(out)
    assert all(c["verified"] for c in out["citations"]) and "劳动合同法#38" in {c["id"] for c in out["citations"]}


def test_plain_output_streams_the_answer_then_the_disclaimer(assistant, capsys):
    code = ask_command("劳动法第一百零八条是什么？", False, assistant=assistant)
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("《劳动法》没有第一百零八条") and "不构成正式法律意见" in out


def test_empty_question_is_a_clear_error(assistant, capsys):
    assert ask_command("  ", True, assistant=assistant) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["error"] == "invalid_question" and "问题是空的" in out["message"]
