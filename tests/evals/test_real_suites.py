"""The suites run for real over the session ``assistant`` (a lexical index of ../shared/corpus) on a few items."""

from pathlib import Path

from assistant.calculators import calculate
from evals.datasets import load_retrieval_sets
from evals.retrieval import exists_fn_for, run_retrieval, search_fn_for
from evals.suites.calculators_suite import check_case, run_cases

SHARED_EVALS = Path(__file__).resolve().parents[2] / ".." / "shared" / "evals"


def test_recitation_items_find_the_named_article_first(assistant):
    sets = load_retrieval_sets(
        SHARED_EVALS, project_questions=SHARED_EVALS / "none.jsonl", laws=assistant.laws, only=["lawbench_recite_labor"]
    )
    sets = {name: items[:4] for name, items in sets.items()}
    out = run_retrieval(search_fn_for(assistant), sets, exists=exists_fn_for(assistant))
    recite = out["datasets"]["lawbench_recite_labor"]
    assert recite["n"] == 4
    assert recite["metrics"]["hit@1"] == 1.0
    assert recite["never_found"] == []
    for item in out["items"]:
        assert assistant.provision_by_id(item["ranked"][0]) is not None


def test_gold_outside_the_corpus_is_reported_as_such(assistant):
    exists = exists_fn_for(assistant)
    assert exists("劳动合同法#38")
    assert not exists("城镇职工基本医疗保险条例#36")
    assert not exists("劳动合同法#999")


def test_calculator_case_passes_only_on_the_exact_amount(assistant):
    exists = exists_fn_for(assistant)
    good = {
        "id": "t1",
        "kind": "unlawful_termination",
        "inputs": {"service_months": 48, "monthly_wage": "8000"},
        "expected": {"amount": "64000.00"},
    }
    off_by_a_cent = {**good, "id": "t2", "expected": {"amount": "64000.01"}}
    bad_input = {**good, "id": "t3", "inputs": {"service_months": -1, "monthly_wage": "8000"}}
    out = run_cases([good, off_by_a_cent, bad_input], calculate, exists)
    items = {i["id"]: i for i in out["items"]}
    assert items["t1"]["passed"] and items["t1"]["articles_resolve"] == 1.0
    assert not items["t2"]["passed"] and "64000.01" in items["t2"]["problems"][0]
    assert not items["t3"]["passed"] and items["t3"]["problems"][0].startswith("计算报错")
    assert out["datasets"]["calculator_cases"]["metrics"]["exact"] == round(1 / 3, 4)


def test_calculator_articles_that_do_not_resolve_fail_the_case():
    case = {
        "id": "t4",
        "kind": "unlawful_termination",
        "inputs": {"service_months": 48, "monthly_wage": "8000"},
        "expected": {"amount": "64000.00"},
    }
    item = check_case(case, calculate, exists=lambda pid: False)
    assert item["exact"] == 1.0 and not item["passed"]
    assert any("找不到" in p for p in item["problems"])


def test_drafting_checks_flag_blanks_and_invented_numbers():
    from datetime import date
    from types import SimpleNamespace as NS

    from evals.suites.drafting_suite import check_draft, invented_numbers

    assert invented_numbers("拖欠工资19,500.00元，约2万元", ["amount: 19500", "每人被欠了大约2万元"]) == []
    assert invented_numbers("拖欠工资 8800 元（劳动合同法第30条）", ["月薪6500元"]) == ["8800"]
    case = {"id": "x", "doc_type": "arbitration_application", "case": {}, "narrative": None}
    doc = NS(
        markdown="# 劳动人事争议仲裁申请书\n申请人：【待补充：申请人姓名】\n被申请人：某公司\n## 仲裁请求\n## 事实和理由\n证据",
        missing=["申请人姓名", "入职日期"],
        fields={},
        citations=[],
        warnings=[],
    )
    row = check_draft(case, doc, date(2026, 11, 20))
    assert row["sections_present"] == 1.0 and row["blanks_marked"] == 0.0
    assert row["problems"] == ["缺项未以空白标出：入职日期"]
