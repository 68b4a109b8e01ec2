"""Every calculator case, told as a worker would tell it, gets the calculator's own amount in the answer.

The calculators suite checks each calculator on its inputs; this checks the whole way a worker's words travel:
the case reader → the planner → the calculator → the answer. A case whose inputs workers do not state in words
(comp time taken, notice days) is left to the calculators suite.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.answering.service import AnswerService
from assistant.calculators import calculate

CASES = Path(__file__).resolve().parents[3] / "evals" / "datasets" / "calculator_cases.jsonl"
_ENDING = {"economic_compensation": "公司提出和我协商解除劳动合同", "unlawful_termination": "被公司违法辞退了"}
_ASK = {"economic_compensation": "经济补偿能拿多少？", "unlawful_termination": "赔偿金能拿多少？",
        "double_wage": "二倍工资能拿多少？", "overtime": "加班费多少？", "notice_pay": "能拿多少？",
        "sick_pay": "病假工资最少给多少？", "service_period_penalty": "要赔多少违约金？"}


def _day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def _span(months: int) -> str:
    years, rest = divmod(months, 12)
    return (f"{years}年" if years else "") + (f"{rest}个月" if rest else "")


def worker_words(case: dict) -> str | None:
    """The case as a worker tells it, or None when its inputs are not things workers say."""
    kind, inp = case["kind"], dict(case["inputs"])
    words: list[str] = []
    if kind in ("economic_compensation", "unlawful_termination"):
        reason = inp.pop("reason", None)
        if reason not in (None, "worker_resigned"):
            return None
        if "start_date" in inp:
            words.append(f"我{_day(inp.pop('start_date'))}入职，{_day(inp.pop('end_date'))}离职")
        else:
            words.append(f"在公司干了{_span(inp.pop('service_months'))}")
        words.append("是我自己辞职的" if reason == "worker_resigned" else _ENDING[kind])
    elif kind == "double_wage":
        words.append(f"我{_day(inp.pop('start_date'))}入职，一直没签劳动合同")
        if "contract_signed_date" in inp:
            words[-1] = f"我{_day(case['inputs']['start_date'])}入职，{_day(inp.pop('contract_signed_date'))}才补签了书面劳动合同"
    elif kind == "overtime":
        if "daily_wage" in inp:
            words.append(f"日工资{inp.pop('daily_wage')}元")
        if "hourly_wage" in inp:
            words.append(f"时薪{inp.pop('hourly_wage')}元")
        if "first_day" in inp:
            words.append(f"{_day(inp.pop('first_day'))}至{_day(inp.pop('last_day'))}都在加班")
        for key, said in (("weekday_hours", "工作日加班"), ("restday_hours", "周末加班"), ("holiday_hours", "法定节假日加班")):
            if key in inp:
                words.append(f"{said}{inp.pop(key)}小时")
    elif kind == "sick_pay" and set(inp) == {"local_minimum_wage", "sick_days"}:
        words.append(f"我请了{inp.pop('sick_days')}天病假")
    elif kind == "service_period_penalty" and "employer_fault" not in inp:
        words.append(f"公司出了{inp.pop('training_cost')}元培训费，约定服务期{_span(int(inp.pop('service_period_months')))}")
        if "agreed_penalty" in inp:
            words.append(f"违约金{inp.pop('agreed_penalty')}元")
        words.append(f"我服务了{_span(int(inp.pop('served_months')))}想辞职")
    elif kind == "notice_pay":
        if set(inp) != {"last_month_wage"}:
            return None
        words.append(f"公司说我不能胜任工作把我辞退了，也没提前通知，上个月工资{inp.pop('last_month_wage')}元")
    else:
        return None
    if "monthly_wage" in inp:
        words.append(f"月薪{inp.pop('monthly_wage')}元")
    if "local_average_wage" in inp:
        words.append(f"当地上年度职工月平均工资{inp.pop('local_average_wage')}元")
    if "local_minimum_wage" in inp:
        words.append(f"当地最低工资标准{inp.pop('local_minimum_wage')}元")
    if inp:  # an input the sentence did not carry
        return None
    return "，".join(words) + "，" + _ASK[kind]


def _cases() -> list:
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["expected"].get("amount") is not None and worker_words(case):
            out.append(pytest.param(case, id=case["id"]))
    return out


def test_most_calculator_cases_can_be_told_in_words():
    assert len(_cases()) >= 15


@pytest.mark.parametrize("case", _cases())
def test_the_answer_shows_the_calculators_amount(assistant, case):
    expected = calculate(case["kind"], **case["inputs"]).amount
    assert f"{expected:.2f}" == case["expected"]["amount"]
    answer = AnswerService(assistant, chat_model=None).ask(worker_words(case))
    assert f"{expected:.2f} 元" in answer.answer, (worker_words(case), answer.facts.stated())
