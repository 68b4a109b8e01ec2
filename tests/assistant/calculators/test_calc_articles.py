"""Every article id a calculator can emit resolves to an article of the statute corpus."""

from __future__ import annotations

import inspect
import re

import pytest

from assistant.calculators import calculate, compensation, deadlines, injury, leave, wages
from assistant.calculators.compensation import TERMINATION_REASONS
from assistant.calculators.deadlines import DEADLINES

MODULES = (compensation, wages, leave, injury, deadlines)


def battery() -> list[tuple[str, dict]]:
    """Inputs that walk every branch that adds an article."""
    runs: list[tuple[str, dict]] = []
    service = {"start_date": "2005-01-01", "end_date": "2024-06-30", "monthly_wage": 9000}
    for reason in [None, *TERMINATION_REASONS]:
        runs.append(("economic_compensation", {**service, **({"reason": reason} if reason else {})}))
    runs.append(("unlawful_termination", service))
    runs += [("notice_pay", {"last_month_wage": 5000}),
             ("notice_pay", {"last_month_wage": 5000, "notice_days_given": 30})]
    runs.append(("double_wage", {"start_date": "2023-03-01", "monthly_wage": 6000, "claim_date": "2025-01-10"}))
    runs.append(("overtime", {"monthly_wage": 6000, "weekday_hours": 80, "restday_hours": 8, "holiday_hours": 8,
                              "months": 1}))
    runs += [("annual_leave", {"cumulative_work_years": 5, "monthly_wage": 8000, "leave_date": "2024-06-30"}),
             ("annual_leave", {"cumulative_work_years": 5, "monthly_wage": 8000, "join_date": "2024-06-01",
                               "year": 2024})]
    runs.append(("maternity_leave", {"babies": 2, "difficult_birth": True}))
    runs.append(("probation", {"contract_months": 12, "probation_months": 3, "probation_served_months": 3,
                               "contract_wage": 8000, "probation_wage": 5000}))
    for grade in range(1, 11):
        runs.append(("work_injury", {"own_wage": 5000, "grade": grade, "leave_months": 3}))
    runs.append(("work_injury", {"own_wage": 5000, "death": True, "local_average_wage": 8000,
                                 "national_disposable_income": 40000, "dependant_spouse": True}))
    for kind in DEADLINES:
        runs.append(("deadline", {"deadline_type": kind, "start_date": "2026-01-05", "today": "2026-02-01"}))
    return runs


def emitted_ids() -> set[str]:
    ids: set[str] = set()
    for kind, inputs in battery():
        ids.update(calculate(kind, **inputs).articles)
    return ids


def ids_written_in_source() -> set[str]:
    """Ids spelled in the calculator modules, literal or through a module constant (f"{LAW}#47")."""
    found: set[str] = set()
    for module in MODULES:
        source = inspect.getsource(module)
        for name, number in re.findall(r'f"\{([A-Z_]+)\}#(\d+(?:-\d+)?)"', source):
            found.add(f"{getattr(module, name)}#{number}")
        for law, number in re.findall(r'"([\u4e00-\u9fff（）]+)#(\d+(?:-\d+)?)"', source):
            found.add(f"{law}#{number}")
    return found


def test_the_battery_emits_every_id_written_in_the_code():
    missing = ids_written_in_source() - emitted_ids()
    assert not missing, f"ids in the code that no test input reaches: {sorted(missing)}"


def test_every_emitted_article_id_resolves_in_the_corpus(assistant):
    ids = emitted_ids() | ids_written_in_source()
    assert len(ids) > 40
    unresolved = sorted(i for i in ids if assistant.provision_by_id(i) is None)
    assert not unresolved, f"article ids not found in ../shared/corpus/laws: {unresolved}"


@pytest.mark.parametrize(("article_id", "words"), [
    ("劳动合同法#47", "六个月以上不满一年"),
    ("劳动合同法实施条例#27", "前12个月"),
    ("关于职工全年月平均工作时间和工资折算问题的通知#2", "21.75"),
    ("企业职工带薪年休假实施办法#12", "折算"),
    ("工伤保险条例#64", "300%"),
    ("劳动争议调解仲裁法#27", "劳动关系终止"),
])
def test_key_ids_point_at_the_article_that_states_the_rule(assistant, article_id, words):
    provision = assistant.provision_by_id(article_id)
    assert provision is not None and words in provision.text
