"""The user's corrections: read as typed, checked one by one, all or nothing."""

from datetime import date
from decimal import Decimal

import pytest

from assistant.facts import CaseFacts, FactsInputError, apply_overrides, read_conversation


def test_corrections_accept_the_forms_workers_type():
    case = apply_overrides(CaseFacts(), {"pay.monthly_wage": "8,000元", "employment.service_months": "4年7个月",
                                         "employment.hire_date": "2020年1月1日", "employment.contract_signed": "否"})
    assert case.pay.monthly_wage == Decimal(8000)
    assert case.employment.service_months == 55
    assert case.employment.hire_date == date(2020, 1, 1)
    assert case.employment.contract_signed is False
    assert case.sources["pay.monthly_wage"].by == "user"


def test_nested_form_and_clearing_a_fact():
    case = read_conversation(["月薪5000，被辞退了"], overrides={"pay": {"monthly_wage": ""}})
    assert case.pay.monthly_wage is None and "pay.monthly_wage" not in case.sources


def test_a_correction_clears_the_doubt_on_that_fact():
    case = read_conversation(["月薪5000，月薪8000"], overrides={"pay.monthly_wage": "6000"})
    assert case.pay.monthly_wage == Decimal(6000) and not case.conflicts
    assert case.changes == []  # nothing was known before: no change to report


@pytest.mark.parametrize(("overrides", "path", "words"), [
    ({"pay.monthly_wage": "很多"}, "pay.monthly_wage", "应为金额"),
    ({"employment.hire_date": "去年"}, "employment.hire_date", "应为日期"),
    ({"worker.salary": "8000"}, "worker.salary", "不认识的事实"),
    ({"event.termination": "fired"}, "event.termination", "只能是"),
    ({"worker.age": "200"}, "worker.age", "超出合理范围"),
    ({"employment.contract_signed": "也许"}, "employment.contract_signed", "应为“是”或“否”"),
])
def test_a_bad_correction_is_refused_by_name_and_nothing_changes(overrides, path, words):
    case = read_conversation(["月薪5000"])
    before = case.model_dump()
    with pytest.raises(FactsInputError) as err:
        apply_overrides(case, {"pay.local_average_wage": "9000", **overrides})
    assert err.value.path == path and words in err.value.message
    assert case.model_dump() == before


def test_overrides_must_be_an_object():
    with pytest.raises(FactsInputError):
        apply_overrides(CaseFacts(), ["pay.monthly_wage", 8000])  # type: ignore[arg-type]
