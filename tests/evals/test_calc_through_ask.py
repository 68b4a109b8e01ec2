"""Calculations asked through ``ask``: the key's figure is found in the answer however the answer writes it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from evals.runner import SUITES
from evals.suites.calc_through_ask import figure_appears, key_figure, score_items


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("39000元", ("money", Decimal(39000))),
        ("2万元", ("money", Decimal(20000))),
        ("5 500×3×12 ＝ 198 000（元）", ("money", Decimal(198000))),
        ("6个月工资", ("months", Decimal(6))),
        ("2.5个月", ("months", Decimal("2.5"))),
        ("21.75", ("number", Decimal("21.75"))),
        ("2023年4月18日", ("date", date(2023, 4, 18))),
    ],
)
def test_the_key_is_read_as_its_computed_figure(key, expected):
    assert key_figure(key) == expected


@pytest.mark.parametrize(
    "answer",
    ["赔偿金为 648,000 元", "合计648000.00元", "约64.8万元", "27000×12×2=648000元"],
)
def test_one_figure_written_many_ways_is_found(answer):
    assert figure_appears(answer, "648000元")[0]


@pytest.mark.parametrize(
    ("answer", "key", "found"),
    [
        ("应支付1,120,000元", "648000元", False),
        ("经济补偿为六个月工资", "6个月工资", True),
        ("经济补偿为两个半月的工资", "2.5个月", True),
        ("按2.5个月工资支付", "2.5个月", True),
        ("工作了3年，补偿2个月", "3个月", False),  # 3 years is not 3 months
        ("最后一天是2023-04-18", "2023年4月18日", True),
        ("截止到2023年4月19日", "2023年4月18日", False),
        ("", "440", False),
        ("**劳动合同法第四十七条**\n> 六个月以上不满一年的，按一年计算", "6个月工资", False),  # the law's words
    ],
)
def test_a_figure_counts_only_in_its_own_kind(answer, key, found):
    assert figure_appears(answer, key)[0] is found


def test_share_of_items_whose_figure_appears():
    answers = {"q1": "经济补偿39,000元（第四十七条）", "q2": "请告诉我您的月工资。"}

    def ask(question):
        return SimpleNamespace(answer=answers[question])

    items = [{"id": "1", "question": "q1", "answer_text": "39000元", "kind": "economic_compensation"},
             {"id": "2", "question": "q2", "answer_text": "1700元", "kind": "overtime"}]
    body = score_items(items, ask)
    figures = body["datasets"]["lexeval_calc_labor"]
    assert figures["metrics"]["figure_in_answer"] == 0.5
    assert figures["per_kind"] == {"economic_compensation": 1.0, "overtime": 0.0}
    assert [i["passed"] for i in body["items"]] == [True, False]
    assert "calc_ask" in SUITES
