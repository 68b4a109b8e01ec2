"""Rules of law added for calculations asked in words: pay by the day or hour, whole days of overtime by the
calendar, the conversion days, sick pay and the 医疗期, the 服务期 penalty, the layoff threshold, survivors' pension,
and the 第八十三条 compensation for an unlawful probation — each from the law's own wording, with our own numbers."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from assistant.calculators import CalculatorInputError, calculate, run_planned
from assistant.calculators.sick_leave import medical_period_months
from assistant.facts.reader import read_text


def _run(text: str):
    return {s.kind: (s, r) for s, r in run_planned(read_text(text), text, limit=3)}


def test_national_day_2025_sorted_by_the_calendar():
    # 2025年10月1—8日放假: 1、2、3日国庆和6日中秋是法定节假日 (300%), 4、5、7、8日是休息日 (200%)
    r = calculate("overtime", daily_wage="200", first_day="2025-10-01", last_day="2025-10-08")
    assert r.amount == D("4000.00")
    assert r.amounts["法定节假日加班整天（300%）"] == D("2400.00")
    assert r.amounts["休息日加班（不能补休）整天（200%）"] == D("1600.00")


def test_a_full_working_day_is_not_overtime():
    r = calculate("overtime", daily_wage="300", first_day="2025-10-16", last_day="2025-10-18")  # Thu, Fri, Sat
    assert r.amount == D("600.00")  # only Saturday, 300 × 200%
    assert any("不算加班" in a for a in r.assumptions)


def test_monthly_wage_gives_the_daily_wage_by_21_75():
    r = calculate("overtime", monthly_wage="4350", first_day="2026-05-01", last_day="2026-05-01")
    assert r.amount == D("600.00")  # 4350 ÷ 21.75 = 200, 劳动节 × 300%


def test_overtime_needs_some_wage():
    with pytest.raises(CalculatorInputError) as info:
        calculate("overtime", holiday_hours="8")
    assert info.value.field == "monthly_wage" and "日工资" in info.value.message


def test_hourly_wage_in_words_gives_the_rates_and_asks_for_hours():
    kinds = _run("我时薪35元，五一被安排在法定节假日上班，一小时该给多少？")
    s, r = kinds["overtime"]
    assert s.inputs["hourly_wage"] == D("35") and "monthly_wage" not in s.inputs
    assert r is not None and r.amounts["法定节假日加班每小时（300%）"] == D("105.00")


def test_whole_days_in_words():
    s, r = _run("日工资250元，2024年10月1日至2024年10月3日都在加班，加班费多少？")["overtime"]
    assert r is not None and r.amount == D("2250.00")  # 250 × 3 × 300%


def test_conversion_days_without_a_wage():
    s, r = _run("日工资怎么算，月计薪天数是多少？")["wage_rates"]
    assert r is not None and r.result["pay_days_per_month"] == "21.75"
    assert any("21.75" in step for step in r.steps)


@pytest.mark.parametrize(("work", "unit", "months"), [
    (4, 4, 3), (9, 6, 6), (12, 3, 6), (12, 7, 9), (20, 12, 12), (25, 17, 18), (30, 22, 24)])
def test_medical_period_by_years(work, unit, months):
    assert medical_period_months(D(work), D(unit)) == months


def test_sick_pay_in_words_is_80_percent_of_the_stated_minimum_wage():
    s, r = _run("我请了6天病假，当地最低工资标准2610元，病假工资最少给多少？")["sick_pay"]
    assert r is not None and r.amount == D("576.00")  # 2610 × 80% ÷ 21.75 × 6
    assert "企业职工患病或非因工负伤医疗期规定#3" in r.articles


def test_sick_pay_without_the_minimum_wage_asks_for_it():
    s, r = _run("病假工资最低多少？")["sick_pay"]
    assert r is None and s.missing == ["local_minimum_wage"]


def test_service_period_penalty_in_words():
    text = "公司出了4万元培训费，约定服务期4年，违约金4万，我服务了3年想辞职，要赔多少违约金？"
    s, r = _run(text)["service_period_penalty"]
    assert r is not None and r.amount == D("10000.00")  # 40000 × 12 ÷ 48


def test_no_penalty_when_quitting_over_the_employers_fault():
    r = calculate("service_period_penalty", training_cost="40000", service_period_months=48, served_months=36,
                  employer_fault=True)
    assert r.amount == D("0.00")


def test_layoff_threshold_in_words():
    s, r = _run("公司现有职工60人，要裁员6人，需要走裁员程序吗？")["mass_layoff"]
    assert r is not None and r.result == {"threshold": 6, "most_without_procedure": 5, "procedure_required": True}


def test_survivors_pension_for_a_spouse_in_words():
    text = "我丈夫在厂里因工死亡，生前月工资5000元，我双腿残疾丧失劳动能力，供养亲属抚恤金每月多少？"
    s, r = _run(text)["work_injury"]
    assert r is not None and r.amounts["供养亲属抚恤金（每月合计）"] == D("2000.00")  # 5000 × 40%


def test_unlawful_probation_served_in_words():
    text = "合同签了2年，试用期约定了4个月，已经履行完了，转正后工资7000元，违法试用期的赔偿是多少？"
    s, r = _run(text)["probation"]
    assert r is not None and r.amounts["违法试用期赔偿金"] == D("14000.00")  # (4 − 2) × 7000, 第八十三条
