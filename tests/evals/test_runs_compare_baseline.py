"""Run folders, the Markdown report, --compare and the baseline check on small synthetic runs."""

import json

import pytest

from evals.compare import baseline_from_results, check_baseline, compare_runs, format_comparison
from evals.report import side_by_side
from evals.runner import write_run
from evals.runs import RunNotFoundError, flatten_metrics, load_results, new_run_dir


def _run(name: str, lexical_hit10: float, thesaurus_hit10: float, item_b_hit: float) -> dict:
    def body(hit10: float) -> dict:
        return {
            "datasets": {
                "stard_labor": {
                    "n": 2,
                    "metrics": {"hit@1": 0.5, "hit@10": hit10, "mrr": 0.6},
                    "per_law": {},
                    "never_found": [{"id": "劳动合同法#31", "in_corpus": True}],
                }
            },
            "items": [
                {
                    "dataset": "stard_labor",
                    "id": "a",
                    "question": "被辞退有补偿吗",
                    "gold": ["劳动合同法#46"],
                    "hit@10": 1.0,
                },
                {
                    "dataset": "stard_labor",
                    "id": "b",
                    "question": "加班费",
                    "gold": ["劳动法#44"],
                    "hit@10": item_b_hit,
                },
            ],
        }

    return {
        "run": {"name": name, "commit": f"c-{name}", "dirty": False, "machine": {"cores": 2}},
        "configs": {
            "lexical": {"description": "BM25", "applied": {}, "unsupported": ["use_thesaurus"]},
            "thesaurus": {"description": "+thesaurus", "applied": {}, "unsupported": []},
        },
        "suites": {
            "retrieval": {"lexical": body(lexical_hit10), "thesaurus": body(thesaurus_hit10)},
            "calculators": {
                "lexical": {
                    "datasets": {"calculator_cases": {"n": 3, "metrics": {"exact": 1.0}}},
                    "items": [{"id": "c1", "passed": False, "problems": ["金额不符"]}],
                }
            },
        },
    }


def test_flatten_uses_suite_config_dataset_metric_keys():
    flat = flatten_metrics(_run("a", 0.8, 0.9, 1.0))
    assert flat["retrieval/lexical/stard_labor/hit@10"] == 0.8
    assert flat["retrieval/thesaurus/stard_labor/hit@10"] == 0.9
    assert flat["calculators/lexical/calculator_cases/exact"] == 1.0


def test_side_by_side_puts_configurations_in_columns_and_shows_the_target():
    rows = side_by_side(_run("a", 0.8, 0.9, 1.0), "retrieval")
    assert rows[0] == ["dataset", "metric", "lexical", "thesaurus", "target"]
    hit10 = next(r for r in rows if r[1] == "hit@10")
    assert hit10 == ["stard_labor (n=2)", "hit@10", "0.800", "0.900", "≥ 0.85"]


def test_compare_shows_metric_deltas_and_items_that_flipped():
    diff = compare_runs(_run("a", 0.8, 0.9, 1.0), _run("b", 0.7, 0.9, 0.0))
    changed = {c.key: c.delta for c in diff["changed"]}
    assert changed == {"retrieval/lexical/stard_labor/hit@10": -0.1}
    assert diff["items_lost"] == ["retrieval/lexical/stard_labor/b", "retrieval/thesaurus/stard_labor/b"]
    assert diff["items_gained"] == []
    text = format_comparison(diff)
    assert "-0.1000" in text and "retrieval/lexical/stard_labor/b" in text


def test_baseline_check_fails_only_beyond_the_tolerance():
    baseline = {
        "metrics": {
            "retrieval/lexical/stard_labor/hit@10": {"value": 0.85, "tolerance": 0.05},
            "retrieval/thesaurus/stard_labor/hit@10": {"value": 0.9, "tolerance": 0.0},
        }
    }
    assert check_baseline(_run("a", 0.81, 0.9, 1.0), baseline) == []
    failures = check_baseline(_run("a", 0.79, 0.89, 1.0), baseline)
    assert len(failures) == 2 and "0.7900" in failures[0] and "低于基线" in failures[0]


def test_baseline_check_flags_missing_metrics_but_ignores_suites_not_run():
    baseline = {
        "metrics": {
            "retrieval/lexical/stard_labor/ndcg@10": {"value": 0.5, "tolerance": 0.02},
            "drafting/lexical/drafting_cases/sections": {"value": 1.0, "tolerance": 0.0},
        }
    }
    failures = check_baseline(_run("a", 0.8, 0.9, 1.0), baseline)
    assert failures == ["retrieval/lexical/stard_labor/ndcg@10: 本次运行缺少该指标（基线 0.5000）"]


def test_new_baseline_keeps_recorded_tolerances():
    previous = {"metrics": {"retrieval/lexical/stard_labor/hit@10": {"value": 0.5, "tolerance": 0.07}}}
    new = baseline_from_results(_run("a", 0.8, 0.9, 1.0), previous, tolerance=0.02)
    assert new["metrics"]["retrieval/lexical/stard_labor/hit@10"] == {"value": 0.8, "tolerance": 0.07}
    assert new["metrics"]["retrieval/thesaurus/stard_labor/hit@10"] == {"value": 0.9, "tolerance": 0.02}
    assert new["recorded_from"]["retrieval"]["commit"] == "c-a"


def test_run_folder_holds_json_report_and_chart(tmp_path):
    results = _run("x", 0.8, 0.9, 1.0)
    run_dir = new_run_dir(tmp_path, {"commit": "abc123", "dirty": True})
    assert run_dir.name.endswith("-abc123-dirty")
    write_run(run_dir, results)
    assert json.loads((run_dir / "results.json").read_text(encoding="utf-8"))["run"]["commit"] == "c-x"
    report = (run_dir / "report.md").read_text(encoding="utf-8")
    assert "| stard_labor (n=2) | hit@10 | 0.800 | 0.900 | ≥ 0.85 |" in report
    assert "not supported by these settings: use_thesaurus" in report
    assert "金额不符" in report
    assert (run_dir / "retrieval.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert load_results(run_dir)["run"]["name"] == "x"
    with pytest.raises(RunNotFoundError):
        load_results(tmp_path / "missing")


def test_default_baseline_records_headline_metrics_with_their_tolerances():
    run = _run("a", 0.8, 0.9, 1.0)
    run["suites"]["retrieval"]["lexical"]["datasets"]["stard_labor"]["metrics"]["recall@3"] = 0.4
    new = baseline_from_results(run)
    assert "retrieval/lexical/stard_labor/recall@3" not in new["metrics"]
    assert new["metrics"]["retrieval/lexical/stard_labor/hit@10"]["tolerance"] == 0.04
    assert new["metrics"]["calculators/lexical/calculator_cases/exact"] == {"value": 1.0, "tolerance": 0.0}
