"""Through the facade, as the API, UI and CLI call it: no model configured, calculators and statutes wired in."""

from tests.assistant.drafting.conftest import FULL_CASES, docx_text


def test_facade_lists_types_and_drafts_with_verified_citations(assistant):
    assert [t.id for t in assistant.document_types()][0] == "arbitration_application"
    case = FULL_CASES["arbitration_application"] | {"claims": [{"calc": {"kind": "notice_pay", "inputs": {
        "last_month_wage": 8000}}}]}
    d = assistant.draft("arbitration_application", case)
    assert d.drafted_by == "rules"
    assert d.citations and all(c.verified for c in d.citations), [c.raw for c in d.citations if not c.verified]
    assert d.missing == [] and any("经济补偿" in w for w in d.warnings)  # the calculator's reminder is passed on
    assert "1. 支付代通知金（额外支付的一个月工资），金额8,000.00元（依据：《劳动合同法》第四十条" in docx_text(d.docx)
