"""Calculators chosen and prefilled from the case (案情), never from figures in the question's words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from assistant.calculators.plan import plan, run_planned
from assistant.facts.model import CaseFacts, FactNote

TODAY = date(2026, 3, 1)


def _kinds(facts: CaseFacts, question: str = "") -> list[str]:
    return [s.kind for s in plan(facts, question, today=TODAY)]


def _run(facts: CaseFacts, question: str = "", limit: int = 2) -> dict:
    return {s.kind: (s, r) for s, r in run_planned(facts, question, limit=limit, today=TODAY)}


def test_unlawful_dismissal_gives_2n_from_the_facts():
    facts = CaseFacts(pay={"monthly_wage": 8000}, employment={"service_months": 48},
                      event={"termination": "unlawful_dismissal"})
    (s, r), = run_planned(facts, today=TODAY)
    assert s.kind == "unlawful_termination" and s.ready
    assert r.amount == D("64000.00") and r.formula == "8000 × 4 × 2 = 64000.00 元"
    assert set(s.facts_used) == {"pay.monthly_wage", "employment.service_months"}


def test_the_stated_local_average_wage_caps_2n():
    facts = CaseFacts(pay={"monthly_wage": 28000, "local_average_wage": 9000}, employment={"service_months": 238},
                      event={"termination": "unlawful_dismissal"})
    _, r = _run(facts)["unlawful_termination"]
    assert r.amount == D("648000.00") and r.formula == "27000 × 12 × 2 = 648000.00 元"


def test_a_dismissal_without_a_reason_gives_n_and_2n():
    facts = CaseFacts(pay={"monthly_wage": 5000}, employment={"service_months": 36}, event={"termination": "dismissed"})
    got = _run(facts, "我干了3年，月薪5000，能拿多少？")
    assert got["economic_compensation"][1].amount == D("15000.00")
    assert got["unlawful_termination"][1].amount == D("30000.00")


def test_no_fault_dismissal_gives_n_and_notice_pay():
    facts = CaseFacts(pay={"monthly_wage": 8000}, employment={"service_months": 48},
                      event={"termination": "no_fault_dismissal"})
    got = _run(facts)
    assert got["economic_compensation"][0].inputs["reason"] == "no_fault_dismissal"
    assert got["economic_compensation"][1].amount == D("32000.00")
    assert got["notice_pay"][1].amount == D("8000.00")


def test_employer_fault_resignation_carries_its_reason():
    facts = CaseFacts(pay={"monthly_wage": 8000}, employment={"service_months": 48},
                      event={"termination": "employer_fault_resignation"})
    s, r = _run(facts)["economic_compensation"]
    assert s.inputs["reason"] == "employer_fault_resignation" and r.amount == D("32000.00")


def test_resigning_gives_zero_only_when_compensation_is_asked_about():
    facts = CaseFacts(pay={"monthly_wage": 8000}, employment={"service_months": 24}, event={"termination": "resigned"})
    assert _kinds(facts, "离职证明怎么开") == []
    s, r = _run(facts, "辞职能拿补偿吗")["economic_compensation"]
    assert s.inputs["reason"] == "worker_resigned" and r.amount == D("0.00")


def test_expiry_layoff_and_employer_proposed_agreement_give_n():
    for termination, reason in (("contract_expired", "contract_expired"), ("layoff", "layoff"),
                                ("mutual_by_employer", "mutual_agreement_by_employer")):
        facts = CaseFacts(pay={"monthly_wage": 6000}, employment={"service_months": 30},
                          event={"termination": termination})
        s, r = _run(facts)["economic_compensation"]
        assert s.inputs["reason"] == reason and r.amount == D("18000.00")


def test_no_written_contract_gives_double_wage_from_the_hire_date():
    facts = CaseFacts(pay={"monthly_wage": 6000}, employment={"hire_date": date(2023, 3, 1), "contract_signed": False})
    s, r = _run(facts)["double_wage"]
    assert s.inputs["start_date"] == date(2023, 3, 1) and r.amount == D("66000.00")


def test_overtime_sums_all_three_kinds_and_warns_above_36_hours():
    facts = CaseFacts(pay={"monthly_wage": 6960},
                      hours={"weekday_overtime": 20, "restday_overtime": 16, "holiday_overtime": 24})
    s, r = _run(facts, "加班费多少")["overtime"]
    assert (s.inputs["weekday_hours"], s.inputs["restday_hours"], s.inputs["holiday_hours"]) == (20, 16, 24)
    assert r.amount == D("5360.00")  # 40 × (20 × 1.5 + 16 × 2 + 24 × 3)
    assert "劳动法#41" in r.articles and any("36 小时" in w for w in r.warnings)


def test_annual_leave_on_quitting_mid_year_is_pro_rated_by_the_leave_date():
    facts = CaseFacts(pay={"monthly_wage": 8700}, employment={"service_months": 144},
                      dates={"leave_date": date(2025, 6, 30)}, event={"termination": "resigned"})
    s, r = _run(facts, "没休的年假能折算多少钱")["annual_leave"]
    assert s.inputs["leave_date"] == date(2025, 6, 30)
    assert r.result["unused_days"] == 4 and r.amount == D("3200.00")  # 181 ÷ 365 × 10 = 4.96 → 4 days


def test_maternity_and_work_injury_from_the_facts():
    got = _run(CaseFacts(event={"maternity": True, "babies": 2, "difficult_birth": True}))
    assert got["maternity_leave"][1].result["days"] == 128
    s, r = _run(CaseFacts(pay={"monthly_wage": 4000}, event={"injury": True, "injury_grade": 8}))["work_injury"]
    assert s.inputs == {"own_wage": D(4000), "grade": 8} and r.amount == D("44000.00")


def test_deadlines_start_from_the_leave_date_or_the_injury_date():
    s, r = _run(CaseFacts(dates={"leave_date": date(2025, 9, 30)}), "现在申请仲裁还来得及吗")["deadline"]
    assert s.inputs["deadline_type"] == "arbitration" and r.result["deadline"] == "2026-09-30"
    s, r = _run(CaseFacts(event={"injury": True}, dates={"injury_date": date(2026, 1, 5)}),
                "工伤认定的期限是多久")["deadline"]
    assert s.inputs["deadline_type"] == "injury_recognition_worker" and r.result["deadline"] == "2027-01-05"


def test_missing_inputs_are_named_as_calculator_inputs():
    s, = plan(CaseFacts(event={"termination": "unlawful_dismissal"}), today=TODAY)
    assert s.missing == ["service_months", "monthly_wage"] and not s.ready
    (s, r), = run_planned(CaseFacts(event={"termination": "unlawful_dismissal"}), today=TODAY)
    assert r is None


def test_the_question_supplies_topics_never_figures():
    s, = plan(CaseFacts(), "月薪八千，干了四年，经济补偿多少", today=TODAY)
    assert s.kind == "economic_compensation" and s.inputs == {}
    assert s.missing == ["service_months", "monthly_wage"]


def test_service_that_may_reach_before_2008_asks_for_the_hire_date_for_n_but_not_for_2n():
    facts = CaseFacts(pay={"monthly_wage": 28000, "local_average_wage": 9000}, employment={"service_months": 238},
                      event={"termination": "dismissed"})
    got = _run(facts)
    assert "start_date" in got["economic_compensation"][0].missing and got["economic_compensation"][1] is None
    assert got["unlawful_termination"][1].amount == D("648000.00")


def test_a_fact_in_conflict_or_implausible_stops_the_calculation_that_uses_it():
    base = {"employment": {"service_months": 48}, "event": {"termination": "unlawful_dismissal"}}
    conflicted = CaseFacts(pay={"monthly_wage": 8000}, **base,
                           conflicts=[FactNote(path="pay.monthly_wage", message="一会儿说8000，一会儿说9000")])
    (s, r), = run_planned(conflicted, today=TODAY)
    assert r is None and "pay.monthly_wage" in s.missing and "monthly_wage" not in s.inputs
    absurd = CaseFacts(pay={"monthly_wage": 8000}, **base,
                       implausible=[FactNote(path="employment.service_months", message="工作月数不合理")])
    (s, r), = run_planned(absurd, today=TODAY)
    assert r is None and "employment.service_months" in s.missing
    # a doubtful fact the calculation does not use does not stop it
    unrelated = CaseFacts(pay={"monthly_wage": 8000}, **base,
                          implausible=[FactNote(path="worker.age", message="年龄不合理")])
    assert run_planned(unrelated, today=TODAY)[0][1].amount == D("64000.00")


def test_service_months_that_contradict_the_dates_are_not_used():
    facts = CaseFacts(pay={"monthly_wage": 8000}, event={"termination": "unlawful_dismissal"},
                      employment={"hire_date": date(2021, 3, 1), "service_months": 120},
                      dates={"leave_date": date(2024, 3, 1)})
    (s, r), = run_planned(facts, today=TODAY)
    assert r is None and "employment.service_months" in s.missing


def test_a_guides_calculator_is_added_only_when_the_facts_fill_it():
    facts = CaseFacts(pay={"monthly_wage": 6960}, hours={"restday_overtime": 16})
    assert "overtime" in _kinds(facts)
    assert plan(CaseFacts(pay={"monthly_wage": 6000}), "", ["annual_leave"], today=TODAY) == []
    s, = plan(CaseFacts(pay={"monthly_wage": 6000}), "", ["notice_pay"], today=TODAY)
    assert s.kind == "notice_pay" and s.ready


def test_the_kind_the_question_asks_about_comes_first_and_limit_is_kept():
    facts = CaseFacts(pay={"monthly_wage": 6960}, employment={"service_months": 36}, event={"termination": "dismissed"},
                      hours={"weekday_overtime": 10})
    assert _kinds(facts, "加班费怎么算")[0] == "overtime"
    assert len(run_planned(facts, "加班费怎么算", limit=2, today=TODAY)) == 2


def test_a_stated_local_minimum_wage_is_used_where_the_calculator_takes_it():
    facts = CaseFacts(pay={"monthly_wage": 1500, "local_minimum_wage": 2320}, hours={"restday_overtime": 8})
    s, r = _run(facts)["overtime"]
    assert s.inputs["local_minimum_wage"] == 2320 and r.amount == D("213.33")  # 2320 ÷ 174 × 8 × 2


def test_plan_and_run_planned_are_exported_with_the_calculators():
    from assistant import calculators

    assert calculators.plan is plan and calculators.run_planned is run_planned


def test_notice_pay_only_for_a_no_fault_dismissal_unless_asked():
    """代通知金 is owed when the employer ends the contract under 第四十条 without 30 days' notice; a guide that lists it
    does not put it beside 2N for an unlawful dismissal."""
    guide = ["unlawful_termination", "economic_compensation", "notice_pay"]
    wage = {"pay": {"monthly_wage": 8000}, "employment": {"service_months": 48}}
    unlawful = CaseFacts(**wage, event={"termination": "unlawful_dismissal"})
    assert [s.kind for s in plan(unlawful, "被违法辞退能赔多少", guide, today=TODAY)] == ["unlawful_termination"]
    no_fault = CaseFacts(**wage, event={"termination": "no_fault_dismissal"})
    assert "notice_pay" in [s.kind for s in plan(no_fault, "公司说我不胜任把我辞退了", guide, today=TODAY)]
    assert "notice_pay" in [s.kind for s in plan(unlawful, "被违法辞退，代通知金有吗", guide, today=TODAY)]


def test_a_probation_wage_below_80_percent_of_the_contract_wage_is_owed_the_difference():
    """第二十条: the probation wage is at least 80% of the contract wage; the facts fill the check."""
    facts = CaseFacts(employment={"probation_months": 3, "contract_months": 36, "contract_term": "fixed"},
                      pay={"probation_wage": 3000, "post_probation_wage": 5000})
    s, r = _run(facts, "试用期工资这么低合法吗")["probation"]
    assert s.inputs["probation_wage"] == 3000 and s.inputs["contract_wage"] == 5000
    assert r.amount == D("3000.00") and "(4000 − 3000) × 3" in " ".join(r.steps)
