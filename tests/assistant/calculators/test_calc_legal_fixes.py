"""What the law says the figures must be: service before 2008, part months, overtime limits, holidays, headlines."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal as D

import pytest

from assistant.calculators import CalculatorInputError, calculate, calendar_cn
from evals.datasets import PROJECT_DATASETS

PRE = "2008年以前的部分（2008年前按当时规定，仅供参考）"


# ---- 劳动合同法第九十七条 ------------------------------------------------------------------------------------------

def test_the_caps_apply_only_to_the_years_from_2008_and_earlier_years_count_apart():
    # 2005-03-01..2007-12-31: 2年10个月 → 3 months (old rules: a part year counts as a year), at the actual wage;
    # 2008-01-01..2026-06-30: 18年6个月 → 19 months, capped at 3 × 9000 and 12 years
    r = calculate("economic_compensation", start_date="2005-03-01", end_date="2026-06-30", monthly_wage=28000,
                  local_average_wage=9000)
    assert r.amount == D("408000.00") and r.formula == "27000 × 12 + 28000 × 3 = 408000.00 元"
    assert r.amounts[PRE] == D("84000.00") and r.amounts["2008年以后的部分"] == D("324000.00")
    assert "劳动合同法#97" in r.articles and any("481号" in a for a in r.assumptions)


def test_contract_expiry_counts_only_service_from_2008():
    r = calculate("economic_compensation", start_date="2005-03-01", end_date="2020-06-30", monthly_wage=6000,
                  reason="contract_expired")
    assert r.amount == D("78000.00")  # 2008-01-01..2020-06-30 = 12年6个月 → 13 months; 2005-2007 not counted
    assert PRE not in r.amounts and any("不计算经济补偿" in s for s in r.steps)


def test_2n_counts_all_service_from_hire_with_the_caps_of_article_47():
    r = calculate("unlawful_termination", start_date="2005-03-01", end_date="2026-06-30", monthly_wage=28000,
                  local_average_wage=9000)
    assert r.amount == D("648000.00") and r.formula == "27000 × 12 × 2 = 648000.00 元"
    assert "劳动合同法实施条例#25" in r.articles


def test_months_alone_that_may_reach_before_2008_are_flagged():
    r = calculate("economic_compensation", service_months=238, monthly_wage=28000, local_average_wage=9000)
    assert any("2008年以前" in w for w in r.warnings)


# ---- 解释（二）第六条 -----------------------------------------------------------------------------------------------

def test_part_month_double_wage_counts_actual_working_days_at_the_21_75_daily_wage():
    # 2025-05-01..05-15 has 8 working days under the 2025 放假安排 (5月1日至5日放假): 6, 7, 8, 9, 12, 13, 14, 15
    r = calculate("double_wage", start_date="2025-03-01", contract_signed_date="2025-05-16", monthly_wage=8700)
    assert r.result["months"] == 1 and r.amount == D("11900.00")  # 8700 + 8700 ÷ 21.75 × 8
    assert "最高人民法院关于审理劳动争议案件适用法律问题的解释（二）#6" in r.articles
    assert any("实际工作日" in s for s in r.steps)


# ---- 劳动法第四十一条 ---------------------------------------------------------------------------------------------

def test_overtime_warns_above_36_hours_even_without_a_number_of_months():
    r = calculate("overtime", monthly_wage=6960, weekday_hours=20, restday_hours=16, holiday_hours=24)
    assert r.amount == D("5360.00") and "劳动法#41" in r.articles
    calm = calculate("overtime", monthly_wage=6960, weekday_hours=20, restday_hours=16)
    assert "劳动法#41" not in calm.articles


# ---- 企业职工带薪年休假实施办法第十二条 -----------------------------------------------------------------------------

def test_annual_leave_when_leaving_mid_year_is_pro_rated_and_cites_article_12():
    r = calculate("annual_leave", cumulative_work_years=12, monthly_wage=8700, leave_date="2025-06-30")
    assert r.result["unused_days"] == 4 and "企业职工带薪年休假实施办法#12" in r.articles
    assert any("21.75" in a for a in r.assumptions)


# ---- headline, formula and last step agree -------------------------------------------------------------------

def _last_amount(text: str) -> D | None:
    found = re.findall(r"([\d.]+) 元", text)
    return D(found[-1]) if found else None


def _cases():
    with open(PROJECT_DATASETS / "calculator_cases.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    extra = [
        {"kind": "economic_compensation", "inputs": {"service_months": 60, "monthly_wage": 8000,
                                                     "reason": "worker_resigned"}},
        {"kind": "economic_compensation", "inputs": {"start_date": "2005-03-01", "end_date": "2026-06-30",
                                                     "monthly_wage": 28000, "local_average_wage": 9000}},
        {"kind": "probation", "inputs": {"contract_months": 12, "probation_months": 3}},
        {"kind": "annual_leave", "inputs": {"cumulative_work_years": 5, "monthly_wage": 8700, "year": 2025,
                                            "worker_declined_in_writing": True}},
        {"kind": "work_injury", "inputs": {"own_wage": 5000, "grade": 5}},
    ]
    return [r for r in rows if "error" not in r.get("expected", {})] + extra


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.get("id") or c["kind"])
def test_every_headline_agrees_with_its_formula_and_last_step(case):
    r = calculate(case["kind"], **case["inputs"])
    if r.amount is None:
        return
    assert _last_amount(r.formula) == r.amount, r.formula
    assert _last_amount(r.steps[-1]) == r.amount, r.steps[-1]


def test_a_resignation_shows_zero_throughout():
    r = calculate("economic_compensation", service_months=60, monthly_wage=8000, reason="worker_resigned")
    assert r.amount == D("0.00") and "40000" not in r.steps[-1] and "40000" not in r.formula


def test_an_overlong_probation_is_never_called_lawful():
    r = calculate("probation", contract_months=12, probation_months=3)
    assert "合法" not in r.formula.replace("违法", "") and "违法" in r.formula and "违法" in r.title
    assert r.result["probation_length_legal"] is False


# ---- 民事诉讼法第八十五条 and the 放假安排 -------------------------------------------------------------------------

def test_a_deadline_ending_in_the_national_day_holiday_rolls_past_it():
    # 2025-10-01 + 1 year = 2026-10-01, inside 国庆 10月1日至7日; 10月8日 is the first working day
    r = calculate("deadline", deadline_type="arbitration", start_date="2025-10-01", today="2026-09-01")
    assert r.result["deadline"] == "2026-10-08" and r.result["nominal_deadline"] == "2026-10-01"
    assert "民事诉讼法#85" in r.articles and r.result["days_remaining"] == 37


def test_a_make_up_working_saturday_is_a_working_day():
    assert calendar_cn.is_workday(date(2026, 2, 28)) and calendar_cn.is_rest_day(date(2026, 2, 16))
    assert calendar_cn.is_rest_day(date(2025, 1, 28)) and calendar_cn.is_workday(date(2025, 1, 26))


def test_years_without_published_data_roll_over_weekends_and_fixed_holidays_and_say_so():
    r = calculate("deadline", deadline_type="arbitration", start_date="2029-10-01", today="2030-09-01")
    assert r.result["deadline"] == "2030-10-04"  # 10月1日至3日 fixed holidays, 10月4日 a Friday
    assert any("2030年没有收录" in a for a in r.assumptions)
    assert len(calendar_cn.fixed_holidays(2030)) == 6  # 元旦1、劳动节2、国庆3 (2024年修订)


# ---- the forms read figures as workers write them --------------------------------------------------------------

@pytest.mark.parametrize(("inputs", "amount"), [
    ({"service_months": "4年7个月", "monthly_wage": "8,000元"}, "40000.00"),
    ({"service_months": "两年半", "monthly_wage": "一万二"}, "36000.00"),
    ({"start_date": "2020年1月1日", "end_date": "2024/6/30", "monthly_wage": "8000"}, "40000.00"),
])
def test_calculate_accepts_worker_forms(inputs, amount):
    assert calculate("economic_compensation", **inputs).amount == D(amount)


def test_a_date_without_its_day_is_refused_not_guessed():
    with pytest.raises(CalculatorInputError) as info:
        calculate("economic_compensation", start_date="2020年3月", end_date="2024-06-30", monthly_wage=8000)
    assert info.value.field == "start_date" and "哪一天" in info.value.message
