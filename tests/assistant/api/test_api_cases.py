"""The case desk through the HTTP API: intake from every door, the desk's list and steps, documents, review,
referrals, the bundle, and bad input that gets a typed error and changes nothing."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.assistant.api.case_fixtures import ORG_A, ORG_B, key, open_chat_case

NOT_FOUND = {"error": {"code": "case_not_found", "message": "案件编号或查询码不正确，请核对后再试。"}}


# ---- intake
def test_a_chat_becomes_a_case_with_its_facts_conversation_and_answer(desk_client):
    opened = open_chat_case(desk_client)
    case = opened["case"]
    assert len(opened["secret"]) >= 8 and opened["code"] == case["code"]
    assert case["source"] == "chat" and case["organisation"] == ORG_A and case["status"] == "已受理"
    assert case["facts"]["pay"]["monthly_wage"] == "8000"  # read from the worker's words by the one case reader
    assert case["conversation"][0]["content"].startswith("我叫张三")
    assert case["answers"][0]["citations"][0]["id"] == "劳动合同法#38"
    assert "secret" not in json.dumps(desk_client.get(f"/v1/cases/{opened['code']}", headers=key("desk_a")).json())


def test_a_chat_case_needs_the_workers_consent_and_changes_nothing_without_it(desk_client):
    r = desk_client.post("/v1/cases", json={"consent": False, "conversation": [{"role": "user", "content": "欠薪"}]})
    assert r.status_code == 422 and r.json()["error"]["field"] == "consent"
    assert desk_client.get("/v1/cases", headers=key("admin")).json() == []


def test_another_app_opens_a_case_with_its_key_but_anonymous_callers_only_from_a_chat(desk_client):
    r = desk_client.post("/v1/cases", json={"source": "api", "summary": "外部系统转来：被辞退未给补偿",
                                            "external_ref": "ZGZJ-2026-001"}, headers=key("app"))
    assert r.status_code == 201 and r.json()["case"]["source"] == "api"
    assert r.json()["case"]["external_ref"] == "ZGZJ-2026-001"
    anon = desk_client.post("/v1/cases", json={"source": "api", "summary": "冒充其他系统"})
    assert anon.status_code == 422 and anon.json()["error"]["field"] == "source"


def test_a_staff_case_is_the_staff_organisations_and_cannot_be_filed_for_another(desk_client):
    r = desk_client.post("/v1/cases", json={"summary": "来访：公司拖欠两个月工资"}, headers=key("desk_b"))
    assert r.status_code == 201
    assert r.json()["case"]["source"] == "staff" and r.json()["case"]["organisation"] == ORG_B
    other = desk_client.post("/v1/cases", json={"summary": "来访", "organisation": ORG_A}, headers=key("desk_b"))
    assert other.status_code == 422 and other.json()["error"]["field"] == "organisation"


def test_a_worker_cannot_invent_an_organisation(desk_client):
    r = desk_client.post("/v1/cases", json={"consent": True, "summary": "欠薪", "organisation": "不存在的工会"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "organisation"


def test_a_key_without_an_organisation_works_for_the_default_one(desk_client):
    opened = open_chat_case(desk_client, organisation=None)
    assert opened["case"]["organisation"] == "本会"
    assert [c["code"] for c in desk_client.get("/v1/cases", headers=key("plain")).json()] == [opened["code"]]
    assert desk_client.get("/v1/cases", headers=key("desk_a")).json() == []


# ---- the worker's door
def test_the_worker_checks_progress_with_code_and_secret_as_typed(desk_client):
    opened = open_chat_case(desk_client)
    typed = opened["code"].lower().replace("-", " ")
    r = desk_client.post("/v1/cases/progress", json={"code": typed, "secret": opened["secret"].lower()})
    assert r.status_code == 200
    view = r.json()
    assert view["status"] == "已受理" and view["answers"][0]["question"] == "我想辞职，能要经济补偿吗？"
    assert "facts" not in view and "conversation" not in view  # progress, not the personal data


def test_an_unknown_code_and_a_wrong_secret_get_the_same_404(desk_client):
    opened = open_chat_case(desk_client)
    wrong = desk_client.post("/v1/cases/progress", json={"code": opened["code"], "secret": "WRONG234"})
    unknown = desk_client.post("/v1/cases/progress", json={"code": "ZZZZ-ZZZZ", "secret": opened["secret"]})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json() == NOT_FOUND


def test_another_organisations_case_is_the_same_404_as_no_case(desk_client):
    opened = open_chat_case(desk_client, organisation=ORG_A)
    code = opened["code"]
    for method, path, body in [("get", f"/v1/cases/{code}", None), ("post", f"/v1/cases/{code}/notes", {"text": "x"}),
                               ("post", f"/v1/cases/{code}/assign", {"assignee": "乙"}),
                               ("patch", f"/v1/cases/{code}/facts", {"changes": {"pay.monthly_wage": "1"}}),
                               ("get", f"/v1/cases/{code}/bundle", None)]:
        theirs = desk_client.request(method, path, json=body, headers=key("desk_b"))
        nobody = desk_client.request(method, path.replace(code, "ZZZZ-ZZZZ"), json=body, headers=key("desk_b"))
        assert theirs.status_code == nobody.status_code == 404, path
        assert theirs.json() == nobody.json() == NOT_FOUND
    assert desk_client.get("/v1/cases", headers=key("desk_b")).json() == []
    events = desk_client.get(f"/v1/cases/{code}/events", headers=key("desk_a")).json()
    assert "note_added" not in [e["kind"] for e in events] and "assigned" not in [e["kind"] for e in events]


# ---- the desk
def test_the_desk_lists_and_filters_by_status_assignee_type_and_organisation(desk_client):
    first = open_chat_case(desk_client)["code"]
    second = open_chat_case(desk_client)["code"]
    theirs = open_chat_case(desk_client, organisation=ORG_B)["code"]
    desk_client.post(f"/v1/cases/{first}/assign", json={"assignee": "李干事"}, headers=key("desk_a"))
    desk_client.post(f"/v1/cases/{second}/status", json={"status": "处理中"}, headers=key("desk_a"))

    def codes(query: str, who: str = "desk_a") -> set[str]:
        r = desk_client.get(f"/v1/cases{query}", headers=key(who))
        assert r.status_code == 200, r.text
        return {c["code"] for c in r.json()}

    assert codes("") == {first, second}
    assert codes("?assignee=李干事") == {first}
    assert codes("?status=处理中") == {second}
    assert codes("?case_type=拖欠工资") == {first, second}
    assert codes("", "admin") == {first, second, theirs}
    assert codes(f"?organisation={ORG_B}", "admin") == {theirs}
    assert codes(f"?organisation={ORG_B}") == {first, second}  # staff stay in their own organisation
    assert desk_client.get("/v1/cases?status=不存在", headers=key("desk_a")).status_code == 422


def test_the_status_flow_refuses_a_jump_and_a_refusal_needs_its_reason(desk_client):
    code = open_chat_case(desk_client)["code"]
    jump = desk_client.post(f"/v1/cases/{code}/status", json={"status": "已办结"}, headers=key("desk_a"))
    assert jump.status_code == 409 and jump.json()["error"]["code"] == "invalid_transition"
    assert "已受理" in jump.json()["error"]["message"]
    bare = desk_client.post(f"/v1/cases/{code}/status", json={"status": "不予受理"}, headers=key("desk_a"))
    assert bare.status_code == 422 and bare.json()["error"]["field"] == "reason"
    ok = desk_client.post(f"/v1/cases/{code}/status", json={"status": "不予受理", "reason": "不属于劳动争议"},
                          headers=key("desk_a"))
    assert ok.status_code == 200 and ok.json()["close_reason"] == "不属于劳动争议"
    assert desk_client.get(f"/v1/cases/{code}", headers=key("desk_a")).json()["status"] == "不予受理"


def test_a_closed_case_refuses_a_referral_and_keeps_its_trace_unchanged(desk_client):
    code = open_chat_case(desk_client)["code"]
    for status in ("处理中", "已办结"):
        desk_client.post(f"/v1/cases/{code}/status", json={"status": status}, headers=key("desk_a"))
    before = desk_client.get(f"/v1/cases/{code}/events", headers=key("desk_a")).json()
    r = desk_client.post(f"/v1/cases/{code}/referrals", json={"target": "arbitration"}, headers=key("desk_a"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "case_closed"
    after = desk_client.get(f"/v1/cases/{code}/events", headers=key("desk_a")).json()
    assert [e["kind"] for e in after] == [e["kind"] for e in before]
    assert desk_client.get(f"/v1/cases/{code}", headers=key("desk_a")).json()["referrals"] == []


def test_staff_edit_a_fact_and_the_change_is_traced_with_old_and_new(desk_client):
    code = open_chat_case(desk_client)["code"]
    r = desk_client.patch(f"/v1/cases/{code}/facts", json={"changes": {"pay.monthly_wage": "9000"}},
                          headers=key("desk_a"))
    assert r.status_code == 200 and r.json()["facts"]["pay"]["monthly_wage"] == "9000"
    edit = [e for e in desk_client.get(f"/v1/cases/{code}/events", headers=key("desk_a")).json()
            if e["kind"] == "facts_edited"]
    assert edit[0]["data"]["changes"] == [{"path": "pay.monthly_wage", "old": "8000", "new": "9000"}]
    bad = desk_client.patch(f"/v1/cases/{code}/facts", json={"changes": {"pay.monthly_wage": "很多"}},
                            headers=key("desk_a"))
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "facts.pay.monthly_wage"
    assert desk_client.get(f"/v1/cases/{code}", headers=key("desk_a")).json()["facts"]["pay"]["monthly_wage"] == "9000"


def test_notes_and_evidence_are_kept_with_the_case(desk_client):
    code = open_chat_case(desk_client)["code"]
    note = desk_client.post(f"/v1/cases/{code}/notes", json={"text": "已电话联系劳动者"}, headers=key("desk_a"))
    assert note.status_code == 201 and note.json()["text"] == "已电话联系劳动者"
    ev = desk_client.post(f"/v1/cases/{code}/evidence", json={"items": [{"name": "工资条", "source": "本人保存"}]},
                          headers=key("desk_a"))
    assert ev.status_code == 201 and [e["name"] for e in ev.json()] == ["工资条"]
    case = desk_client.get(f"/v1/cases/{code}", headers=key("desk_a")).json()
    assert case["notes"][0]["text"] == "已电话联系劳动者" and case["evidence"][0]["name"] == "工资条"
    empty = desk_client.post(f"/v1/cases/{code}/notes", json={"text": ""}, headers=key("desk_a"))
    assert empty.status_code == 422


# ---- documents and the bundle
def test_a_document_is_drafted_from_the_case_and_kept_as_versions(desk_client):
    code = open_chat_case(desk_client)["code"]
    url = f"/v1/cases/{code}/documents/arbitration_application"
    first = desk_client.post(url, json={}, headers=key("desk_a"))
    assert first.status_code == 201, first.text
    doc = first.json()
    assert doc["version"] == 1 and len(doc["sha256"]) == 64
    assert "张三（自动提取，请核对）" in doc["markdown"] and "深圳某某科技有限公司" in doc["markdown"]  # from the facts
    second = desk_client.post(url, json={"fields": {"worker": {"name": "张三丰"}}}, headers=key("desk_a")).json()
    assert second["version"] == 2 and "张三丰" in second["markdown"] and second["sha256"] != doc["sha256"]
    listed = desk_client.get(f"/v1/cases/{code}/documents", headers=key("desk_a")).json()
    assert [d["version"] for d in listed if d["doc_type"] == "arbitration_application"] == [1, 2]
    docx = desk_client.get(f"/v1/cases/{code}/documents/{second['id']}?format=docx", headers=key("desk_a"))
    assert docx.status_code == 200 and docx.headers["content-type"].endswith("wordprocessingml.document")
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx.content)).namelist()
    missing = desk_client.get(f"/v1/cases/{code}/documents/999999", headers=key("desk_a"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "record_not_found"
    unknown = desk_client.post(f"/v1/cases/{code}/documents/love_letter", json={}, headers=key("desk_a"))
    assert unknown.status_code == 422


def test_the_bundle_is_a_zip_of_documents_the_case_and_its_timeline(desk_client):
    code = open_chat_case(desk_client)["code"]
    desk_client.post(f"/v1/cases/{code}/documents/arbitration_application", json={}, headers=key("desk_a"))
    r = desk_client.get(f"/v1/cases/{code}/bundle", headers=key("desk_a"))
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    assert code in r.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert any(n.endswith(".docx") and "仲裁" in n for n in names)
    assert any(n.endswith(".json") for n in names)
    kinds = [e["kind"] for e in desk_client.get(f"/v1/cases/{code}/events", headers=key("desk_a")).json()]
    assert kinds[-1] == "bundle_exported"


# ---- human review and /metrics
def test_a_reviewer_corrects_an_answer_and_an_unknown_article_is_marked_unverified(desk_client):
    opened = open_chat_case(desk_client)
    code = opened["code"]
    answer_id = opened["case"]["answers"][0]["id"]
    asked = desk_client.post(f"/v1/cases/{code}/reviews", json={"answer_id": answer_id}, headers=key("desk_a"))
    assert asked.status_code == 201 and asked.json()["status"] == "requested"
    text = "可以解除，依《劳动合同法》第三十八条第一款第（二）项，并依第四十六条要求经济补偿；另见第九十九条。"
    done = desk_client.post(f"/v1/cases/{code}/reviews/{asked.json()['id']}", json={"text": text},
                            headers=key("rev_a"))
    assert done.status_code == 200 and done.json()["status"] == "corrected"
    assert "第九十九条「未核实」" in done.json()["text"]
    verified = {c["id"]: c["verified"] for c in done.json()["citations"]}
    assert verified == {"劳动合同法#38": True, "劳动合同法#46": True, "劳动合同法#99": False}
    again = desk_client.post(f"/v1/cases/{code}/reviews/{asked.json()['id']}", json={}, headers=key("rev_a"))
    assert again.status_code == 422  # a decided review stays decided

    metrics = desk_client.get("/metrics").text
    assert 'labor_case_reviews{state="corrected"} 1.0' in metrics
    assert 'labor_case_reviews{state="open"} 0.0' in metrics
    assert 'labor_case_review_turnaround_hours{stat="median"}' in metrics
    stats = desk_client.get("/v1/cases/reviews/stats", headers=key("desk_a")).json()
    assert stats["requested"] == 1 and stats["corrected"] == 1
    assert desk_client.get("/v1/cases/reviews/stats", headers=key("desk_b")).json()["requested"] == 0


def test_the_worker_asks_for_review_and_then_reads_the_confirmed_answer(desk_client):
    opened = open_chat_case(desk_client)
    creds = {"code": opened["code"], "secret": opened["secret"]}
    answer_id = opened["case"]["answers"][0]["id"]
    asked = desk_client.post("/v1/cases/progress/reviews", json={**creds, "answer_id": answer_id,
                                                                 "comment": "我还想知道能拿多少"})
    assert asked.status_code == 201
    wrong = desk_client.post("/v1/cases/progress/reviews", json={**creds, "secret": "WRONG234", "answer_id": answer_id})
    assert wrong.status_code == 404 and wrong.json() == NOT_FOUND
    desk_client.post(f"/v1/cases/{opened['code']}/reviews/{asked.json()['id']}", json={}, headers=key("rev_a"))
    seen = desk_client.post("/v1/cases/progress", json=creds).json()["answers"][0]
    assert seen["review_status"] == "confirmed" and seen["answer"] == opened["case"]["answers"][0]["answer"]


def test_the_workers_deletion_request_removes_personal_data_and_keeps_the_trace(desk_client):
    opened = open_chat_case(desk_client)
    creds = {"code": opened["code"], "secret": opened["secret"]}
    assert desk_client.post("/v1/cases/progress/erase", json=creds).status_code == 204
    case = desk_client.get(f"/v1/cases/{opened['code']}", headers=key("desk_a")).json()
    assert case["erased"] and "张三" not in json.dumps(case, ensure_ascii=False)
    assert desk_client.get(f"/v1/cases/{opened['code']}/events", headers=key("desk_a")).json()[0]["hash"]


# ---- bad input changes nothing
@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe", b"[]"])
def test_a_corrupt_body_is_a_typed_error(desk_client, body):
    r = desk_client.post("/v1/cases", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422) and r.json()["error"]["message"]
    assert desk_client.get("/v1/cases", headers=key("admin")).json() == []


def test_an_oversized_intake_is_413_and_hostile_text_is_kept_as_text(desk_client):
    huge = desk_client.post("/v1/cases", json={"consent": True, "summary": "欠" * 200_000})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"
    hostile = "<script>alert(1)</script>'; DROP TABLE cases;--\u202e"
    opened = open_chat_case(desk_client, summary=hostile)
    case = desk_client.get(f"/v1/cases/{opened['code']}", headers=key("desk_a")).json()
    assert "DROP TABLE cases" in case["summary"] and len(desk_client.get("/v1/cases", headers=key("admin")).json()) == 1
