"""The facts suite's arithmetic: precision over what the reader states, recall over the gold facts, per path."""

from __future__ import annotations

import json
from datetime import date

from assistant.facts.model import CaseFacts
from evals.runner import SUITES
from evals.suites.facts_suite import CONVERSATIONS_FILE, run, score_conversations

CONVERSATIONS = [
    {"id": "a", "today": "2026-12-01", "turns": ["月薪8000，2020年1月1日入职"],
     "facts": {"pay.monthly_wage": 8000, "employment.hire_date": "2020-01-01"}, "absent": ["pay.local_average_wage"]},
    {"id": "b", "today": "2026-12-01", "turns": ["被辞退了", "没有任何理由"],
     "facts": {"event.termination": "unlawful_dismissal", "wants": ["compensation"]}, "absent": ["pay.monthly_wage"]},
    {"id": "c", "today": "2026-12-01", "turns": ["当地社平9000"],
     "facts": {"pay.local_average_wage": 9000}, "absent": ["pay.monthly_wage"]},
]

# what a reader returns for each conversation: a is right; b gets the ending too plain and invents a wage;
# c reads the average wage as the worker's own wage (one miss, one invention)
STUB = {
    ("月薪8000，2020年1月1日入职",): CaseFacts(pay={"monthly_wage": "8000.00"}, employment={"hire_date": date(2020, 1, 1)}),
    ("被辞退了", "没有任何理由"): CaseFacts(event={"termination": "dismissed"}, pay={"monthly_wage": 5000},
                                    wants=["compensation", "resign"]),
    ("当地社平9000",): CaseFacts(pay={"monthly_wage": 9000}),
}
SEEN: list[date | None] = []


def stub_reader(turns, *, today=None):
    SEEN.append(today)
    return STUB[tuple(turns)]


def test_precision_and_recall_count_inventions_against_precision_and_misses_against_recall():
    body = score_conversations(CONVERSATIONS, stub_reader)
    overall = body["datasets"]["facts_conversations"]
    # gold facts: 2 + 2 + 1 = 5; correct: wage, hire date, wants = 3
    # predicted among scored paths: a 2 (+ absent average: no), b 2 (termination, wants) + 1 invented wage,
    # c 1 invented wage (average missed) → 6
    assert overall["counts"] == {"gold": 5, "predicted": 6, "correct": 3}
    assert overall["metrics"]["precision"] == 0.5
    assert overall["metrics"]["recall"] == 0.6
    assert overall["metrics"]["conversations_passed"] == round(1 / 3, 4)
    assert SEEN[-3:] == [date(2026, 12, 1)] * 3  # today is handed to the reader


def test_per_path_figures_and_misses_name_what_went_wrong():
    body = score_conversations(CONVERSATIONS, stub_reader)
    wage = body["per_path"]["pay.monthly_wage"]
    assert wage == {"precision": 0.3333, "recall": 1.0, "gold": 1, "predicted": 3, "correct": 1}
    assert body["per_path"]["pay.local_average_wage"]["recall"] == 0.0
    assert body["per_path"]["event.termination"]["precision"] == 0.0
    problems = {(m["id"], m["problem"]) for m in body["misses"]}
    assert ("b", "event.termination: 应为 unlawful_dismissal，读到 dismissed") in problems
    assert ("b", "pay.monthly_wage: 不应有值，读到 5000（编造）") in problems
    assert ("c", "pay.local_average_wage: 应为 9000，读到 None") in problems
    assert [i["passed"] for i in body["items"]] == [True, False, False]


def test_a_reader_that_crashes_scores_the_conversation_as_missed():
    def broken(turns, *, today=None):
        raise RuntimeError("boom")

    body = score_conversations(CONVERSATIONS[:1], broken)
    assert body["datasets"]["facts_conversations"]["metrics"]["recall"] == 0.0
    assert body["items"][0]["problems"][0].startswith("读取出错：RuntimeError")


def test_suite_is_registered_and_runs_over_a_given_file(tmp_path):
    assert "facts" in SUITES
    data = tmp_path / "c.jsonl"
    data.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in CONVERSATIONS), encoding="utf-8")
    body = run(None, None, None, path=data, reader=stub_reader)
    assert body["datasets"]["facts_conversations"]["n"] == 3


def test_the_project_conversations_are_many_and_well_formed():
    from assistant.facts.model import fact_paths

    items = [json.loads(line) for line in CONVERSATIONS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) >= 70
    assert len({i["id"] for i in items}) == len(items)
    multi = [i for i in items if len(i["turns"]) > 1]
    assert len(multi) >= 20 and all(2 <= len(i["turns"]) <= 5 for i in multi)
    assert sum("new_case_at_turn" in i for i in items) >= 3
    paths = fact_paths()
    for item in items:
        assert set(item["facts"]) | set(item["absent"]) <= set(paths), item["id"]
        assert not set(item["facts"]) & set(item["absent"]), item["id"]
        date.fromisoformat(item["today"])
