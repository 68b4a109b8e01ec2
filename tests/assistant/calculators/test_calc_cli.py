"""`labor calc KIND ...` through typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from assistant.calculators import KINDS
from assistant.calculators.cli import app

runner = CliRunner()


def test_group_help_lists_every_kind_in_chinese():
    out = runner.invoke(app, ["--help"])
    assert out.exit_code == 0
    for kind in KINDS.values():
        assert kind.id in out.output and kind.name in out.output


def test_each_kind_help_documents_its_options_in_chinese():
    for kind in KINDS.values():
        out = runner.invoke(app, [kind.id, "--help"])
        assert out.exit_code == 0, out.output
        assert kind.name in out.output
        for name, info in kind.model.model_fields.items():
            assert "--" + name.replace("_", "-") in out.output
            assert info.title in out.output


def test_unlawful_termination_prints_amount_formula_and_articles():
    out = runner.invoke(app, ["unlawful_termination", "--service-months", "48", "--monthly-wage", "8000"])
    assert out.exit_code == 0, out.output
    assert "8000 × 4 × 2 = 64000.00 元" in out.output
    assert "《劳动合同法》第八十七条" in out.output


def test_json_output_carries_the_full_result():
    out = runner.invoke(app, ["annual_leave", "--cumulative-work-years", "5", "--monthly-wage", "8700",
                              "--leave-date", "2024-03-13", "--json"])
    data = json.loads(out.output)
    assert data["amount"] == "800.00" and data["result"]["unused_days"] == 1
    assert "企业职工带薪年休假实施办法#12" in data["articles"]


def test_flags_and_list_options():
    out = runner.invoke(app, ["maternity_leave", "--difficult-birth", "--babies", "2", "--json"])
    assert json.loads(out.output)["result"]["days"] == 128
    out = runner.invoke(app, ["deadline", "--deadline-type", "union_reply", "--start-date", "2026-11-10",
                              "--today", "2026-11-20", "--holidays", "2026-11-11,2026-11-12", "--json"])
    assert json.loads(out.output)["result"]["deadline"] == "2026-12-03"


def test_bad_input_exits_2_with_a_chinese_message():
    out = runner.invoke(app, ["overtime", "--monthly-wage", "-5"])
    assert out.exit_code == 2
    assert "月工资不能小于 0" in out.output and "monthly_wage" in out.output
    out = runner.invoke(app, ["economic_compensation", "--monthly-wage", "8000"])
    assert out.exit_code == 2 and "入职" in out.output


def test_options_accept_figures_as_workers_write_them():
    out = runner.invoke(app, ["economic_compensation", "--service-months", "4年7个月", "--monthly-wage", "8,000元",
                              "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["amount"] == "40000.00"
    dated = runner.invoke(app, ["unlawful_termination", "--start-date", "2020年1月1日", "--end-date", "2024/6/30",
                                "--monthly-wage", "一万二", "--json"])
    assert dated.exit_code == 0, dated.output
    assert json.loads(dated.output)["amount"] == "120000.00"  # 12000 × 5 × 2
