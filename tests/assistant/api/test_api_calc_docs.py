"""Calculators and documents through the API (real modules behind the facade)."""

from __future__ import annotations

import io

import pytest

CASE = {"worker": {"name": "张三", "phone": "13800138000"}, "employer": {"name": "某某制造有限公司"},
        "hire_date": "2020-03-01", "monthly_wage": "8000",
        "grounds": [{"item": 2, "detail": "2024年4月至6月工资未发"}], "termination_date": "2024-07-01"}


def test_calculator_listing_has_chinese_names_and_input_schemas(client):
    kinds = {k["kind"]: k for k in client.get("/v1/calculators").json()}
    assert {"economic_compensation", "unlawful_termination", "overtime", "deadline"} <= set(kinds)
    assert kinds["economic_compensation"]["name"] and "monthly_wage" in \
        kinds["economic_compensation"]["input_schema"]["properties"]


def test_calculation_returns_exact_amount_formula_and_articles(client, assistant):
    r = client.post("/v1/calculate/unlawful_termination", json={"service_months": 48, "monthly_wage": 8000})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["amount"] == "64000.00", "money travels as an exact decimal string"
    assert "64000" in body["formula"] and body["steps"]
    assert "劳动合同法#87" in body["articles"]
    assert all(assistant.provision_by_id(a) is not None for a in body["articles"])


@pytest.mark.parametrize("kind,inputs,field", [
    ("unlawful_termination", {"service_months": -1, "monthly_wage": 8000}, "service_months"),
    ("unlawful_termination", {"service_months": 12, "monthly_wage": "很多"}, "monthly_wage"),
    ("unlawful_termination", {"service_months": 12}, "monthly_wage"),
    ("economic_compensation", {"start_date": "2024-06-30", "end_date": "2020-01-01", "monthly_wage": 5000}, None),
])
def test_bad_calculator_input_is_422_naming_the_field(client, assistant, kind, inputs, field):
    r = client.post(f"/v1/calculate/{kind}", json=inputs)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message"])
    if field:
        assert err.get("field") == field


def test_unknown_calculator_is_404_listing_the_kinds(client):
    r = client.post("/v1/calculate/lottery", json={})
    assert r.status_code == 404 and "economic_compensation" in r.json()["error"]["message"]
    assert client.post("/v1/calculate/overtime", content=b"[1,2]",
                       headers={"content-type": "application/json"}).status_code == 422


def test_document_types_list_ids_names_and_fields(client, assistant):
    types = {t["id"]: t for t in client.get("/v1/documents").json()}
    assert {"arbitration_application", "resignation_notice", "procuratorate_referral"} <= set(types)
    assert types["resignation_notice"]["name"] == "被迫解除劳动合同通知书"
    assert any(f["path"] == "worker.name" for f in types["resignation_notice"]["fields"])


def test_draft_as_json_markdown_and_docx(client, assistant):
    body = client.post("/v1/documents/resignation_notice", json={"case": CASE}).json()
    assert "张三" in body["markdown"] and "docx" not in body
    assert isinstance(body["missing"], list)

    md = client.post("/v1/documents/resignation_notice", json={"case": CASE}, headers={"Accept": "text/markdown"})
    assert md.headers["content-type"].startswith("text/markdown") and "某某制造有限公司" in md.text

    r = client.post("/v1/documents/resignation_notice?format=docx", json={"case": CASE})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in r.headers["content-disposition"]
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "被迫解除劳动合同通知书" in text and "张三" in text and "某某制造有限公司" in text


def test_draft_with_missing_fields_still_renders_with_blanks(client, assistant):
    body = client.post("/v1/documents/arbitration_application", json={"case": {}}).json()
    assert body["missing"] and "【待补充" in body["markdown"]


@pytest.mark.parametrize("payload", [{"case": "张三"}, {"case": [1]}, {"case": {}, "narrative": 5},
                                     {"case": {}, "extra": 1}])
def test_bad_document_requests_are_422(client, payload):
    assert client.post("/v1/documents/resignation_notice", json=payload).status_code == 422


def test_unknown_document_type_is_404(client, assistant):
    assert client.post("/v1/documents/love_letter", json={"case": {}}).status_code == 404
