"""Claim amounts from the real calculators, with formula and basis; supplied amounts work without them."""

from decimal import Decimal

import pytest

from assistant.drafting import draft
from tests.assistant.drafting.conftest import FULL_CASES, TODAY, docx_text

calculators = pytest.importorskip("assistant.calculators")


def _case(claims):
    return FULL_CASES["arbitration_application"] | {"claims": claims}


def test_economic_compensation_computed_with_formula_and_articles(assistant):
    claims = [{"calc": {"kind": "economic_compensation",
                        "inputs": {"start_date": "2021-03-01", "end_date": "2026-06-30", "monthly_wage": 8000}}}]
    d = draft("arbitration_application", _case(claims), calculate=calculators.calculate,
              resolve=assistant.provision_by_id, today=TODAY)
    claim = d.fields["claims"][0]
    assert Decimal(claim["amount"]) == Decimal("44000.00")
    assert "8000" in claim["formula"] and "5.5" in claim["formula"]
    text = docx_text(d.docx)
    assert "1. 支付经济补偿，金额44,000.00元（依据：《劳动合同法》第四十六条、第四十七条" in text
    assert "附：请求金额计算方式" in text and claim["formula"] in text
    assert {"劳动合同法#46", "劳动合同法#47"} <= {c.id for c in d.citations if c.verified}
    # local standards are the calculators' caveats, passed on to staff
    assert any("当地" in w for w in d.warnings)
    assert d.missing == []


def test_calculator_input_error_names_the_field_and_leaves_a_blank():
    claims = [{"item": "支付违法解除劳动合同赔偿金",
               "calc": {"kind": "unlawful_termination", "inputs": {"monthly_wage": "abc", "service_months": 24}}}]
    d = draft("arbitration_application", _case(claims), calculate=calculators.calculate, today=TODAY)
    warning = next(w for w in d.warnings if "第1项请求的金额无法计算" in w)
    assert "monthly_wage" in warning
    assert "第1项请求的金额" in d.missing
    assert "支付违法解除劳动合同赔偿金，金额【待补充：金额】" in docx_text(d.docx)


def test_supplied_amount_is_kept_and_a_different_computed_one_is_reported():
    claims = [{"item": "支付经济补偿", "amount": 40000, "calc": {"kind": "economic_compensation", "inputs": {
        "start_date": "2021-03-01", "end_date": "2026-06-30", "monthly_wage": 8000}}}]
    d = draft("arbitration_application", _case(claims), calculate=calculators.calculate, today=TODAY)
    assert Decimal(d.fields["claims"][0]["amount"]) == Decimal("40000")
    assert any("与计算结果" in w and "44000.00" in w for w in d.warnings)


def test_without_calculators_supplied_amounts_still_work_and_calc_claims_are_blank():
    claims = [{"item": "支付拖欠工资", "amount": "24000", "basis": "《中华人民共和国劳动合同法》第三十条"},
              {"item": "支付经济补偿", "calc": {"kind": "economic_compensation", "inputs": {}}}]
    d = draft("arbitration_application", _case(claims), calculate=None, today=TODAY)
    text = docx_text(d.docx)
    assert "支付拖欠工资，金额24,000.00元" in text
    assert "支付经济补偿，金额【待补充：金额】" in text
    assert any("计算器不可用" in w for w in d.warnings)


def test_claims_the_narrative_suggests_are_offered_to_staff_not_written_into_the_document():
    story = "我2021年3月1日入职，月薪8000元，2026年6月30日被公司违法辞退。"
    case = _case([{"item": "支付拖欠工资", "amount": 24000}])
    d = draft("arbitration_application", case, story, calculate=calculators.calculate, today=TODAY)
    hint = next(h for h in d.hints if h.startswith("可考虑的请求"))
    assert "88000.00 元" in hint and "算式" in hint and "第八十七条" in hint
    assert "88,000.00" not in docx_text(d.docx)
    assert len(d.fields["claims"]) == 1
