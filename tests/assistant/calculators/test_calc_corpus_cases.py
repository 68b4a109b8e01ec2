"""The worked figures stated in ../shared/corpus/cases, recomputed. Figures are read from the case files at run time."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.calculators import calculate
from assistant.numerals import cn_to_int

CASES = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "cases"


def read_case(title_part: str) -> str:
    matches = [p for p in CASES.glob("*.md") if title_part in p.name]
    if len(matches) != 1:
        pytest.fail(f"expected one case file containing {title_part!r} in {CASES}, found {len(matches)}")
    return matches[0].read_text(encoding="utf-8")


def money_after(text: str, label: str) -> Decimal:
    m = re.search(label + r"[^0-9]{0,12}?(\d+(?:\.\d+)?)元", text)
    assert m, f"no figure after {label!r}"
    return Decimal(m.group(1))


def test_probation_dismissal_for_refusing_illegal_overtime():
    text = read_case("拒绝违法超时加班")
    wage = money_after(text, "试用期月工资为")
    months = cn_to_int(re.search(r"([0-9一二三四五六七八九十]+)个月后", text).group(1))
    awarded = money_after(text, "裁决某快递公司支付张某违法解除劳动合同赔偿金")
    r = calculate("unlawful_termination", service_months=months, monthly_wage=wage)
    assert r.amount == awarded  # under six months → half a month, doubled: 8000 × 0.5 × 2


def test_postman_dismissed_for_refusing_doubled_workload():
    text = read_case("增加工作任务")
    y, m = map(int, re.search(r"于(\d{4})年(\d{1,2})月入职", text).groups())
    ey, em = map(int, re.search(r"(\d{4})年(\d{1,2})月，因同区域", text).groups())
    wage = money_after(text, "月工资")
    awarded = money_after(text, "裁决某报刊公司支付张某违法解除劳动合同赔偿金")
    # the case gives months only; any day of the dismissal month in the third quarter gives the same N
    for end in (date(ey, em, 28), date(ey, em + 1, 28)):
        r = calculate("unlawful_termination", start_date=date(y, m, 1), end_date=end, monthly_wage=wage)
        assert r.amount == awarded


def test_overtime_claim_within_a_year_of_leaving_is_in_time():
    text = read_case("仲裁时效应当如何认定")
    ly, lm = map(int, re.search(r"(\d{4})年(\d{1,2})月离职", text).groups())
    ay, am = map(int, re.search(r"(\d{4})年(\d{1,2})月，张某向劳动人事争议仲裁委员会", text).groups())
    last_day_of_application_month = date(ay, am, 28)
    r = calculate("deadline", deadline_type="wage_arrears", start_date=date(ly, lm, 1),
                  today=last_day_of_application_month)
    assert r.result["expired"] is False  # the court held the claim was not time-barred
    assert "劳动争议调解仲裁法#27" in r.articles


def test_six_day_week_supports_the_overtime_award():
    """林某: 6000 元/月, Saturdays worked 9–18 from January to July; the award of 10000 元 is within the lawful figure."""
    text = read_case("举证责任")
    wage = money_after(text, "月工资为")
    awarded = money_after(text, "裁决某教育咨询公司支付林某加班费")
    saturdays = sum(1 for d in range(date(2020, 1, 1).toordinal(), date(2020, 7, 1).toordinal())
                    if date.fromordinal(d).weekday() == 5)
    # 9:00–18:00 with an hour's lunch: 8 hours each Saturday at 200%
    r = calculate("overtime", monthly_wage=wage, restday_hours=8 * saturdays)
    assert r.amount >= awarded


def test_twelve_hour_six_day_schedule_supports_the_award():
    """吴某: 18000 元/月, 9:00–21:00 six days a week for about eleven months; awarded 50000 元."""
    text = read_case("加班审批手续")
    wage = money_after(text, "月工资为")
    awarded = money_after(text, "裁决某医药公司支付吴某2019年12月至2020年11月加班费")
    weeks = 48
    # weekdays: 12 hours minus an hour's meal minus 8 normal hours = 3 hours; Saturday: 11 hours
    r = calculate("overtime", monthly_wage=wage, weekday_hours=3 * 5 * weeks, restday_hours=11 * weeks)
    assert r.amount >= awarded
    assert any("36 小时" in w for w in calculate("overtime", monthly_wage=wage, weekday_hours=15 * 4,
                                                  restday_hours=44, months=1).warnings)
