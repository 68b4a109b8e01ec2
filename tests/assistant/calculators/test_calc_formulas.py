"""Each formula against hand-computed figures, including the edges the statutes draw."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assistant.calculators import KINDS, CalculatorInputError, calculate
from assistant.calculators.models import anniversary, months_and_days

D = Decimal


# ---- service length -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2023, 3, 1), date(2023, 8, 31), (6, 0)),
    (date(2023, 3, 15), date(2023, 9, 14), (6, 0)),
    (date(2023, 3, 1), date(2023, 8, 30), (5, 30)),
    (date(2019, 8, 31), date(2020, 2, 28), (5, 29)),  # 2020 has 2月29日
    (date(2019, 8, 31), date(2020, 2, 29), (6, 0)),
    (date(2018, 8, 31), date(2019, 2, 28), (6, 0)),
    (date(2020, 2, 29), date(2021, 2, 28), (12, 0)),
    (date(2020, 2, 29), date(2021, 2, 27), (11, 30)),
    (date(2024, 1, 1), date(2024, 1, 1), (0, 1)),
])
def test_months_and_days_counts_both_ends(start, end, expected):
    assert months_and_days(start, end) == expected


def test_anniversary_of_a_month_end_start_rolls_to_the_next_first():
    assert anniversary(date(2023, 1, 31), 1) == date(2023, 3, 1)
    assert anniversary(date(2023, 1, 15), 1) == date(2023, 2, 15)


# ---- 经济补偿 / 赔偿金 ------------------------------------------------------------------------------------------

def test_four_years_unlawful_dismissal_is_64000_with_the_formula():
    r = calculate("unlawful_termination", service_months=48, monthly_wage=8000)
    assert r.amount == D("64000.00")
    assert r.formula == "8000 × 4 × 2 = 64000.00 元"
    assert "劳动合同法#87" in r.articles and "劳动合同法实施条例#25" in r.articles


@pytest.mark.parametrize(("months", "n"), [(0, "0"), (1, "0.5"), (5, "0.5"), (6, "1"), (11, "1"), (12, "1"),
                                           (13, "1.5"), (18, "2"), (43, "4"), (48, "4")])
def test_compensation_months_follow_the_six_month_rule(months, n):
    r = calculate("economic_compensation", service_months=months, monthly_wage=1000)
    assert r.result["compensation_months"] == n
    assert r.amount == D(n) * 1000


def test_exactly_six_months_counts_as_a_year_and_one_day_less_as_half():
    full = calculate("economic_compensation", start_date="2023-03-01", end_date="2023-08-31", monthly_wage=10000)
    short = calculate("economic_compensation", start_date="2023-03-01", end_date="2023-08-30", monthly_wage=10000)
    assert (full.amount, short.amount) == (D("10000.00"), D("5000.00"))


def test_three_times_cap_brings_the_twelve_year_cap():
    r = calculate("economic_compensation", service_months=180, monthly_wage=40000, local_average_wage=10000)
    assert r.amount == D("360000.00")  # 30000 × 12, not 40000 × 15
    assert r.result["capped"] is True
    assert r.formula == "30000 × 12 = 360000.00 元"


def test_twelve_year_cap_does_not_apply_below_three_times():
    r = calculate("economic_compensation", service_months=180, monthly_wage=25000, local_average_wage=10000)
    assert r.amount == D("375000.00")
    assert r.local_rules == [] or all("三倍" not in s for s in r.local_rules)


def test_without_local_average_the_cap_is_named_as_a_local_rule():
    r = calculate("economic_compensation", service_months=180, monthly_wage=40000)
    assert r.amount == D("600000.00")
    assert any("三倍" in s and "当地上年度职工月平均工资" in s for s in r.local_rules)


def test_unlawful_termination_doubles_the_capped_standard():
    r = calculate("unlawful_termination", service_months=180, monthly_wage=40000, local_average_wage=10000)
    assert r.amount == D("720000.00")


def test_minimum_wage_floor_raises_the_base():
    r = calculate("economic_compensation", service_months=24, monthly_wage=1800, local_minimum_wage=2000)
    assert r.amount == D("4000.00")


@pytest.mark.parametrize(("reason", "paid"), [("layoff", True), ("no_fault_dismissal", True),
                                              ("mutual_agreement_by_employer", True), ("worker_resigned", False),
                                              ("employee_fault_dismissal", False),
                                              ("contract_expired_worker_declined", False)])
def test_termination_reason_decides_the_right(reason, paid):
    r = calculate("economic_compensation", service_months=24, monthly_wage=8000, reason=reason)
    assert r.amount == (D("16000.00") if paid else D("0.00"))
    if not paid:
        assert any(v == D("16000.00") for v in r.amounts.values())


def test_service_before_2008_is_counted_apart_under_the_old_rules():
    # 2005-01-01..2007-12-31 = 3 years (old rules: 3 months); 2008-01-01..2020-12-31 = 13 years (13 months)
    r = calculate("economic_compensation", start_date="2005-01-01", end_date="2020-12-31", monthly_wage=5000)
    assert "劳动合同法#97" in r.articles
    assert r.amount == D("80000.00") and r.formula == "5000 × 13 + 5000 × 3 = 80000.00 元"
    assert r.amounts["2008年以前的部分（2008年前按当时规定，仅供参考）"] == D("15000.00")


def test_notice_pay_is_last_months_wage_unless_notice_was_given():
    assert calculate("notice_pay", last_month_wage="7345.5").amount == D("7345.50")
    assert calculate("notice_pay", last_month_wage=7000, notice_days_given=10).amount == D("7000.00")
    assert calculate("notice_pay", last_month_wage=7000, notice_days_given=30).amount == D("0.00")


# ---- 二倍工资 ------------------------------------------------------------------------------------------------------

def test_double_wage_is_at_most_eleven_months_and_then_open_ended():
    r = calculate("double_wage", start_date="2023-03-01", monthly_wage=6000, end_date="2025-01-01")
    assert r.amount == D("66000.00")
    assert (r.result["from"], r.result["to"]) == ("2023-04-01", "2024-02-29")
    assert r.result["deemed_open_ended_from"] == "2024-03-01"
    assert "劳动合同法#14" in r.articles


def test_double_wage_stops_the_day_before_signing_and_prorates_days():
    r = calculate("double_wage", start_date="2023-03-01", contract_signed_date="2023-06-16", monthly_wage=6000)
    # 解释（二）第六条: the part month by its actual working days (2023-06-01..15: 11), 6000 ÷ 21.75 per day
    assert r.amount == D("15034.48") and r.formula == "6000 × 2 + 6000 ÷ 21.75 × 11 = 15034.48 元"
    assert r.result["deemed_open_ended_from"] is None


def test_double_wage_none_when_signed_within_the_first_month():
    assert calculate("double_wage", start_date="2023-03-01", contract_signed_date="2023-03-31",
                     monthly_wage=6000).amount == D("0.00")


def test_double_wage_time_limit_shows_the_part_still_claimable_month_by_month():
    r = calculate("double_wage", start_date="2023-03-01", monthly_wage=6000, claim_date="2025-01-10")
    # one year back from 2025-01-10 is 2024-01-10: 2024-01-10..2024-02-29 = 1 month + 2024-02-10..29, whose
    # working days under the 2024 放假安排 (春节 2月10日至17日, 2月18日上班) are 18, 19-23, 26-29: 10
    assert r.amounts["按逐月起算时效仍可主张的部分"] == (D(6000) + D(6000) * 10 / D("21.75")).quantize(D("0.01"))
    late = calculate("double_wage", start_date="2023-03-01", monthly_wage=6000, claim_date="2025-06-01")
    assert any("已超过" in w for w in late.warnings)


# ---- 加班费 ------------------------------------------------------------------------------------------------------

def test_overtime_rates_on_a_round_hourly_wage():
    r = calculate("overtime", monthly_wage=6960, weekday_hours=10, restday_hours=8, holiday_hours=8)
    assert r.amount == D("2200.00")
    assert r.result["hourly_wage"] == "40.00"
    assert r.formula == "6960 ÷ 174 × (10 × 1.5 + 8 × 2 + 8 × 3) = 2200.00 元"


def test_rest_day_comp_time_cancels_the_200_percent_but_not_holidays():
    r = calculate("overtime", monthly_wage=6960, restday_hours=16, restday_comp_hours=16, holiday_hours=8)
    assert r.amount == D("960.00")


def test_overtime_rounds_once_at_the_end():
    # 8000 ÷ 174 × 3 × 1.5 = 206.896... → 206.90; rounding the hourly wage first would give 206.91
    assert calculate("overtime", monthly_wage=8000, weekday_hours=3).amount == D("206.90")


def test_overtime_above_36_hours_a_month_is_flagged_and_paid_subtracted():
    r = calculate("overtime", monthly_wage=6960, weekday_hours=60, months=1, paid_already=1000)
    assert r.amount == D("2600.00")
    assert "劳动法#41" in r.articles


# ---- 年休假 / 产假 ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("years", "days"), [("0.9", 0), ("1", 5), ("9.99", 5), ("10", 10), ("19", 10), ("20", 15)])
def test_annual_leave_days_by_cumulative_service(years, days):
    assert calculate("annual_leave", cumulative_work_years=years, year=2025).result["unused_days"] == days


def test_unused_leave_is_paid_200_percent_extra():
    r = calculate("annual_leave", cumulative_work_years=12, monthly_wage=8700, year=2025, days_taken=4)
    assert r.amount == D("4800.00")
    assert r.amounts["含正常工资在内合计（300%）"] == D("7200.00")


def test_leaving_mid_year_prorates_and_floors():
    r = calculate("annual_leave", cumulative_work_years=12, monthly_wage=8700, leave_date="2025-06-30", days_taken=2)
    assert r.result["unused_days"] == 2  # 181/365×10 − 2 = 2.96
    assert r.amount == D("1600.00")
    assert "企业职工带薪年休假实施办法#12" in r.articles


def test_leap_year_adds_a_day_to_the_days_worked():
    assert calculate("annual_leave", cumulative_work_years=5, leave_date="2024-03-13").result["unused_days"] == 1
    assert calculate("annual_leave", cumulative_work_years=5, leave_date="2023-03-13").result["unused_days"] == 0


def test_more_leave_taken_than_prorated_is_not_clawed_back():
    r = calculate("annual_leave", cumulative_work_years=5, monthly_wage=8700, leave_date="2025-02-01", days_taken=5)
    assert r.amount == D("0.00") and r.result["unused_days"] == 0


def test_written_refusal_means_no_extra_pay():
    r = calculate("annual_leave", cumulative_work_years=5, monthly_wage=8700, year=2025,
                  worker_declined_in_writing=True)
    assert r.amount == D("0.00")


def test_new_joiner_gets_remaining_days_prorated():
    r = calculate("annual_leave", cumulative_work_years=5, join_date="2025-07-01", year=2025)
    assert r.result["unused_days"] == 2  # 184/365×5 = 2.52


@pytest.mark.parametrize(("inputs", "days"), [
    ({}, 98), ({"difficult_birth": True}, 113), ({"babies": 3}, 128), ({"babies": 2, "difficult_birth": True}, 128),
    ({"miscarriage": True, "pregnancy_months": "3.9"}, 15), ({"miscarriage": True, "pregnancy_months": 4}, 42),
    ({"local_extra_days": 60}, 158),
])
def test_maternity_leave_days(inputs, days):
    assert calculate("maternity_leave", **inputs).result["days"] == days


def test_maternity_end_date_counts_calendar_days():
    r = calculate("maternity_leave", start_date="2024-01-01")
    assert r.result["end_date"] == "2024-04-07"  # 98 days incl. 2月29日


# ---- 试用期 -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("months", "limit"), [(2, 0), (3, 1), (11, 1), (12, 2), (35, 2), (36, 6)])
def test_probation_limits_by_contract_length(months, limit):
    assert calculate("probation", contract_months=months).result["max_probation_months"] == limit


def test_probation_overlong_and_underpaid():
    r = calculate("probation", contract_months=12, probation_months=3, probation_served_months=3,
                  contract_wage=10000, probation_wage=7000, local_minimum_wage=2300)
    assert r.amounts == {"违法试用期赔偿金": D("10000.00"), "试用期工资差额": D("3000.00")}
    assert r.amount == D("13000.00")
    assert "劳动合同法#83" in r.articles


def test_probation_wage_floor_is_the_local_minimum_when_higher():
    r = calculate("probation", contract_type="open_ended", probation_months=6, contract_wage=2500,
                  probation_wage=2000, local_minimum_wage=2300)
    assert r.result["probation_wage_floor"] == "2300.00"
    assert r.amounts["试用期工资差额"] == D("1800.00")


def test_second_probation_with_same_employer_is_unlawful():
    r = calculate("probation", contract_type="open_ended", probation_months=1, probation_before=True)
    assert r.result["probation_length_legal"] is False


# ---- 工伤 ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("grade", "months"), [(1, 27), (2, 25), (3, 23), (4, 21), (5, 18), (6, 16),
                                               (7, 13), (8, 11), (9, 9), (10, 7)])
def test_disability_lump_sum_by_grade(grade, months):
    r = calculate("work_injury", own_wage=5000, grade=grade)
    assert r.amounts["一次性伤残补助金"] == D(5000 * months)


def test_own_wage_floor_and_ceiling_from_the_local_average():
    assert calculate("work_injury", own_wage=3000, grade=10, local_average_wage=8000).amount == D("33600.00")
    assert calculate("work_injury", own_wage=30000, grade=7, local_average_wage=8000).amount == D("312000.00")


def test_disability_allowance_is_topped_up_to_minimum_wage():
    r = calculate("work_injury", own_wage=2000, grade=6, local_minimum_wage=2300)
    assert r.amounts["伤残津贴（每月）"] == D("2300.00")  # 60% of 2000 = 1200


def test_death_benefits_use_the_given_national_income():
    r = calculate("work_injury", own_wage=5000, death=True, local_average_wage=8000,
                  national_disposable_income=36396, dependant_spouse=True, dependant_others=1)
    assert r.amounts["一次性工亡补助金"] == D("727920.00")
    assert r.amounts["丧葬补助金"] == D("48000.00")
    assert r.amounts["供养亲属抚恤金（每月合计）"] == D("3500.00")  # 40% + 30%
    assert r.amount == D("775920.00")


def test_death_without_national_income_asks_for_it_instead_of_inventing_it():
    r = calculate("work_injury", own_wage=5000, death=True)
    assert "一次性工亡补助金" not in r.amounts
    assert any("national_disposable_income" in s for s in r.local_rules)


# ---- 期限 ------------------------------------------------------------------------------------------------------------

def test_arbitration_deadline_days_remaining_and_expiry():
    r = calculate("deadline", deadline_type="arbitration", start_date="2025-12-01", today="2026-11-20")
    assert (r.result["deadline"], r.result["days_remaining"], r.result["expired"]) == ("2026-12-01", 11, False)
    late = calculate("deadline", deadline_type="arbitration", start_date="2025-11-01", today="2026-11-20")
    # 2026-11-01 is a Sunday, so the period ended on Monday 2026-11-02
    assert late.result["expired"] is True and late.result["days_remaining"] == -18


def test_wage_arrears_while_employed_has_no_one_year_limit():
    r = calculate("deadline", deadline_type="wage_arrears", employment_ended=False, today="2026-11-20")
    assert r.result["deadline"] is None


def test_deadline_on_a_weekend_rolls_to_monday():
    # 2026-11-21 is a Saturday: 民事诉讼法第八十五条 moves the last day to the next working day
    r = calculate("deadline", deadline_type="sue_after_award", start_date="2026-11-06", today="2026-11-20")
    assert r.result["deadline"] == "2026-11-23" and r.result["nominal_deadline"] == "2026-11-21"
    assert r.result["days_remaining"] == 3 and "民事诉讼法#85" in r.articles


def test_resignation_notice_thirty_days_or_three_in_probation():
    r = calculate("deadline", deadline_type="resignation_notice", start_date="2026-11-20", today="2026-11-20")
    assert r.result["deadline"] == "2026-12-20"
    p = calculate("deadline", deadline_type="resignation_notice", start_date="2026-11-20", today="2026-11-20",
                  in_probation=True)
    assert p.result["deadline"] == "2026-11-23"


def test_union_reply_counts_working_days_and_listed_holidays():
    plain = calculate("deadline", deadline_type="union_reply", start_date="2026-11-10", today="2026-11-20")
    assert plain.result["deadline"] == "2026-12-01"
    with_holidays = calculate("deadline", deadline_type="union_reply", start_date="2026-11-10", today="2026-11-20",
                              holidays="2026-11-11,2026-11-12")
    assert with_holidays.result["deadline"] == "2026-12-03"


def test_injury_recognition_periods():
    employer = calculate("deadline", deadline_type="injury_recognition_employer", start_date="2026-11-01",
                         today="2026-11-20")
    worker = calculate("deadline", deadline_type="injury_recognition_worker", start_date="2026-11-01",
                       today="2026-11-20")
    assert (employer.result["deadline"], worker.result["deadline"]) == ("2026-12-01", "2027-11-01")


# ---- validation ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "inputs", "field", "words"), [
    ("economic_compensation", {"monthly_wage": -1, "service_months": 3}, "monthly_wage", "不能小于"),
    ("economic_compensation", {"monthly_wage": "八千多块", "service_months": 3}, "monthly_wage", "数字"),
    ("economic_compensation", {"monthly_wage": 8000}, "service_months", "入职"),
    ("economic_compensation", {"monthly_wage": 8000, "start_date": "2024-05-01", "end_date": "2023-05-01"},
     "end_date", "不能早于"),
    ("economic_compensation", {"monthly_wage": 8000, "start_date": "2024-13-01", "end_date": "2025-01-01"},
     "start_date", "日期"),
    ("economic_compensation", {"monthly_wage": "1e12", "service_months": 3}, "monthly_wage", "不能大于"),
    ("economic_compensation", {"monthly_wage": 8000, "service_months": 3, "reason": "忽悠"}, "reason", "只能是"),
    ("notice_pay", {}, "last_month_wage", "必须填写"),
    ("notice_pay", {"last_month_wage": 1, "salary": 2}, "salary", "不认识"),
    ("overtime", {"monthly_wage": 5000, "restday_hours": 4, "restday_comp_hours": 8}, "restday_comp_hours", "补休"),
    ("deadline", {"deadline_type": "arbitration", "start_date": "2027-01-01", "today": "2026-11-20"},
     "start_date", "晚于今天"),
    ("maternity_leave", {"miscarriage": True}, "pregnancy_months", "怀孕"),
    ("work_injury", {"own_wage": 5000}, "grade", "伤残等级"),
    ("work_injury", {"own_wage": 5000, "grade": 11}, "grade", "不能大于"),
    ("double_wage", {"start_date": "2024-01-01", "monthly_wage": 1, "end_date": "2023-01-01"}, "end_date", "不能早于"),
])
def test_bad_input_names_the_field_in_chinese(kind, inputs, field, words):
    with pytest.raises(CalculatorInputError) as info:
        calculate(kind, **inputs)
    assert info.value.field == field
    assert words in info.value.message
    assert isinstance(info.value, ValueError)


def test_unknown_kind_lists_the_kinds():
    with pytest.raises(CalculatorInputError) as info:
        calculate("pension")
    assert info.value.field == "kind" and "economic_compensation" in info.value.message


def test_every_kind_is_registered_with_a_chinese_name_and_model():
    assert set(KINDS) == {"economic_compensation", "unlawful_termination", "notice_pay", "double_wage", "overtime",
                          "annual_leave", "maternity_leave", "probation", "work_injury", "deadline", "wage_rates",
                          "sick_pay", "service_period_penalty", "mass_layoff"}
    for kind in KINDS.values():
        assert kind.name and kind.description and kind.model.model_fields


def test_results_round_half_up_to_the_cent():
    # 1000.005 × 1 month: HALF_UP gives 1000.01 where banker's rounding would give 1000.00
    assert calculate("economic_compensation", service_months=12, monthly_wage="1000.005").amount == D("1000.01")


@pytest.mark.parametrize(("value", "words"), [("NaN", "有限"), ("Infinity", "有限"), ("1e999999999", "不能大于"),
                                              ("9" * 5000, "不能大于"), ([8000], "数字"), ({"x": 1}, "数字"),
                                              (True, "数字"), ("<script>alert(1)</script>", "数字")])
def test_hostile_wage_values_are_refused_in_chinese(value, words):
    with pytest.raises(CalculatorInputError) as info:
        calculate("economic_compensation", service_months=12, monthly_wage=value)
    assert info.value.field == "monthly_wage" and words in info.value.message


def test_implausible_dates_are_refused_and_none_means_not_given():
    with pytest.raises(CalculatorInputError) as info:
        calculate("economic_compensation", start_date="0001-01-01", end_date="2020-01-01", monthly_wage=8000)
    assert info.value.field == "start_date" and "1950" in info.value.message
    r = calculate("overtime", monthly_wage=6960, weekday_hours=None, restday_hours=8, local_minimum_wage=None)
    assert r.amount == D("640.00")


def test_unlawful_termination_counts_years_before_2008_without_the_2008_warning():
    r = calculate("unlawful_termination", start_date="2005-01-01", end_date="2020-12-31", monthly_wage=5000)
    assert r.amount == D("160000.00")  # 16 years × 5000 × 2
    assert "劳动合同法#97" not in r.articles
