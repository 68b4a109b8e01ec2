"""案情 → drafting case: only stated facts, the event in the facts, 第三十八条 grounds, nothing invented."""

from datetime import date
from decimal import Decimal

from assistant.drafting import case_from_facts, draft
from assistant.facts import CaseFacts, FactSource
from tests.assistant.drafting.conftest import TODAY


def _facts(**groups) -> CaseFacts:
    return CaseFacts(**groups)


def test_every_stated_fact_maps_to_its_field_and_is_reported():
    facts = _facts(worker={"name": "王小红", "sex": "女", "birth_date": date(1990, 5, 2), "phone": "13800138000",
                           "address": "北京市朝阳区安华路1号", "job": "仓库管理员"},
                   employer={"name": "北京恒达物流有限公司", "legal_representative": "李四", "address": "北京市海淀区"},
                   employment={"hire_date": date(2021, 3, 15), "service_months": 55},
                   pay={"monthly_wage": Decimal("8000")}, dates={"leave_date": date(2024, 6, 30)},
                   event={"termination": "no_fault_dismissal", "termination_reason": "不能胜任工作",
                          "unpaid_wages": True, "unpaid_amount": Decimal("24000"), "unpaid_months": 3})
    case, filled = case_from_facts(facts)
    assert case["worker"] == {"name": "王小红", "sex": "女", "birth_date": "1990-05-02", "phone": "13800138000",
                              "address": "北京市朝阳区安华路1号"}
    assert case["position"] == "仓库管理员"
    assert case["employer"] == {"name": "北京恒达物流有限公司", "legal_representative": "李四", "address": "北京市海淀区"}
    assert case["hire_date"] == "2021-03-15" and case["end_date"] == case["termination_date"] == "2024-06-30"
    assert case["service_length"] == "4年7个月" and case["monthly_wage"] == "8000"
    assert case["unpaid_wages"] == "24000" and case["unpaid_period"] == "3个月"
    assert case["facts"] == "2024年6月30日被申请人以“不能胜任工作”为由解除劳动合同。"
    assert "claims" not in case and "date" not in case
    assert set(filled) >= {"worker.name", "hire_date", "end_date", "monthly_wage", "facts"}


def test_resignation_for_unpaid_wages_gives_the_ground():
    facts = _facts(event={"termination": "employer_fault_resignation", "resignation_reason": "unpaid_wages"},
                   dates={"leave_date": date(2026, 10, 8)})
    case, _ = case_from_facts(facts)
    assert case["grounds"] == [{"item": 2}]
    assert "第三十八条第一款第（二）项" in case["facts"] and "2026年10月8日" in case["facts"]
    assert case_from_facts(_facts(event={"resignation_reason": "personal"}))[0] == {}


def test_a_month_without_its_day_is_not_written_as_the_first():
    facts = _facts(employment={"hire_date": date(2021, 3, 1)})
    facts.sources["employment.hire_date"] = FactSource(quote="2021年3月进的厂", approximate=True)
    assert case_from_facts(facts)[0]["hire_date"] == "2021-03"


def test_doubtful_facts_are_not_filled():
    facts = _facts(pay={"monthly_wage": Decimal("800000000")},
                   implausible=[{"path": "pay.monthly_wage", "message": "月工资不合常理"}])
    case, filled = case_from_facts(facts)
    assert "monthly_wage" not in case and filled == []


def test_an_empty_case_fills_nothing():
    assert case_from_facts(CaseFacts()) == ({}, [])


def test_facts_from_the_conversation_prefill_a_draft():
    facts = _facts(worker={"name": "王小红"}, employment={"hire_date": date(2021, 3, 15)},
                   event={"termination": "unlawful_dismissal"}, dates={"leave_date": date(2024, 6, 30)},
                   pay={"monthly_wage": Decimal("8000")})
    d = draft("arbitration_application", {}, facts=facts, today=TODAY)
    assert d.fields["hire_date"] == "2021-03-15" and "hire_date" in d.auto_filled
    assert "在未说明任何理由的情况下解除了与申请人的劳动合同" in d.markdown
    assert d.fields["claims"] == [] and any("赔偿金" in c.item for c in d.suggested_claims)
