import io

from docx import Document


def test_the_facade_drafts_with_calculated_claims_and_verified_citations(assistant):
    assert {t.id for t in assistant.document_types()} >= {"arbitration_application", "resignation_notice"}
    case = {"worker": {"name": "张三"}, "employer": {"name": "某某餐饮管理有限公司"}, "hire_date": "2021-03-01",
            "claims": [{"item": "违法解除劳动合同赔偿金", "calc": {"kind": "unlawful_termination",
                                                          "inputs": {"service_months": 48, "monthly_wage": 8000}}}]}
    d = assistant.draft("arbitration_application", case)
    assert "64000" in d.markdown
    assert d.citations and all(c.verified for c in d.citations)
    text = "\n".join(p.text for p in Document(io.BytesIO(d.docx)).paragraphs)
    assert "劳动人事争议仲裁申请书" in text.replace(" ", "")
