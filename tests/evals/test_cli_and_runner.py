"""``labor eval`` end to end on a small scale: a real run folder from the runner, --compare and the baseline gate."""

import json

from typer.testing import CliRunner

from evals.cli import app
from evals.compare import check_baseline
from evals.runner import EvalOptions, run_eval

runner = CliRunner()


def test_runner_writes_a_stamped_run_with_configs_side_by_side(assistant, tmp_path):
    options = EvalOptions(
        suites=["retrieval", "calculators"],
        configs=["lexical", "thesaurus"],
        limit=3,
        datasets=["lawbench_recite_labor"],
        out_base=tmp_path,
    )
    run_dir, results = run_eval(
        assistant.settings, options, echo=lambda m: None, assistant_factory=lambda s: type(assistant)(s)
    )
    assert set(results["suites"]["retrieval"]) == {"lexical", "thesaurus"}
    assert results["configs"]["lexical"]["applied"]["use_thesaurus"] is False
    assert results["configs"]["thesaurus"]["settings"]["use_thesaurus"] is True
    recite = results["suites"]["retrieval"]["lexical"]["datasets"]["lawbench_recite_labor"]
    assert recite["n"] == 3 and recite["metrics"]["hit@1"] == 1.0
    assert results["suites"]["calculators"]["lexical"]["datasets"]["calculator_cases"]["n"] == 3
    saved = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
    assert saved["run"]["name"] == run_dir.name and saved["run"]["machine"]["cores"]
    assert "lawbench_recite_labor (n=3)" in (run_dir / "report.md").read_text(encoding="utf-8")

    # the CI gate: a baseline above what was measured, beyond tolerance, fails; one within tolerance passes
    key = "retrieval/lexical/lawbench_recite_labor/hit@1"
    assert check_baseline(results, {"metrics": {key: {"value": 1.0, "tolerance": 0.0}}}) == []
    strict = {"metrics": {"calculators/lexical/calculator_cases/exact": {"value": 1.01, "tolerance": 0.0}}}
    assert check_baseline(results, strict)


def _write_run(folder, hit10):
    folder.mkdir()
    results = {
        "run": {"name": folder.name, "commit": folder.name},
        "suites": {
            "retrieval": {
                "lexical": {
                    "datasets": {"stard_labor": {"n": 1, "metrics": {"hit@10": hit10}}},
                    "items": [{"dataset": "stard_labor", "id": "x", "hit@10": hit10}],
                }
            }
        },
    }
    (folder / "results.json").write_text(json.dumps(results), encoding="utf-8")
    return folder


def test_compare_command_prints_what_changed(tmp_path):
    a, b = _write_run(tmp_path / "a", 1.0), _write_run(tmp_path / "b", 0.0)
    result = runner.invoke(app, ["eval", "--compare", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert "retrieval/lexical/stard_labor/hit@10" in result.output and "-1.0000" in result.output
    assert "items that lost hit@10: 1" in result.output


def test_compare_of_a_missing_run_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["eval", "--compare", str(tmp_path / "nope"), str(tmp_path / "nope2")])
    assert result.exit_code == 2 and "找不到评测运行" in result.output


def test_unknown_configuration_is_rejected_before_anything_runs():
    result = runner.invoke(app, ["eval", "--config", "turbo", "--no-write"])
    assert result.exit_code == 2 and "未知的评测配置：turbo" in result.output


def test_check_baseline_exits_non_zero_when_a_figure_drops(assistant, tmp_path, monkeypatch):
    from assistant.config import get_settings
    from evals import compare

    baseline = tmp_path / "baseline.json"
    monkeypatch.setattr(compare, "BASELINE_FILE", baseline)
    monkeypatch.setenv("LABOR_DATA_DIR", str(assistant.settings.data_dir))
    get_settings.cache_clear()
    try:
        args = ["eval", "-s", "calculators", "-c", "lexical", "--limit", "2", "--no-write", "--check-baseline"]
        key = "calculators/lexical/calculator_cases/exact"
        baseline.write_text(json.dumps({"metrics": {key: {"value": 1.0, "tolerance": 0.0}}}), encoding="utf-8")
        ok = runner.invoke(app, args)
        assert ok.exit_code == 0, ok.output
        assert "baseline check passed" in ok.output
        baseline.write_text(json.dumps({"metrics": {key: {"value": 1.2, "tolerance": 0.1}}}), encoding="utf-8")
        bad = runner.invoke(app, args)
        assert bad.exit_code == 1
        assert "低于基线" in bad.output
    finally:
        get_settings.cache_clear()


def test_offline_and_llm_answers_side_by_side_over_a_loopback_model(assistant, tmp_path):
    from tests.fakes.openai_server import FakeOpenAIServer

    def reply(messages):
        if "评审员" in messages[-1]["content"]:  # the judge's prompt
            return '{"accuracy": 4, "completeness": 3, "clarity": 5, "reason": "要点基本齐全"}'
        return "依照《劳动合同法》第三十八条，你可以解除劳动合同并要求经济补偿。"

    with FakeOpenAIServer(reply=reply) as server:
        base = assistant.settings.model_copy(update=server.settings_update())
        options = EvalOptions(suites=["answers"], configs=["offline", "llm"], limit=1, judge=True, write=False)
        _, results = run_eval(base, options, echo=lambda m: None, assistant_factory=lambda s: type(assistant)(s))
    by_config = results["suites"]["answers"]
    modes = {c: {i["mode"] for i in body["items"] if "mode" in i} for c, body in by_config.items()}
    assert modes == {"offline": {"offline"}, "llm": {"llm"}}
    llm = by_config["llm"]["datasets"]["project_questions"]["metrics"]
    assert llm["citation_validity"] == 1.0
    assert llm["judge_accuracy"] == 4 and llm["judge_clarity"] == 5
    assert "judge_accuracy" not in by_config["offline"]["datasets"]["project_questions"]["metrics"]
    assert by_config["offline"]["notes"]  # asked to judge without a model: said so
    assert results["configs"]["offline"]["settings"]["llm_base_url"] is None
