"""The case desk end to end through the HTTP API (issue 13 §9): a worker's chat becomes a case; staff edit a fact,
draft the arbitration application, refer the case to arbitration and to legal aid and export the bundle; the
worker checks progress with the code and sees the reviewed answer; ``labor cases verify`` passes, and fails on a
tampered row. Runs on SQLite, and on PostgreSQL when ``LABOR_TEST_DATABASE_URL`` is set."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import create_engine, select, update
from typer.testing import CliRunner

from tests.assistant.api.case_fixtures import ORG_A, key

QUESTION = "我2021年3月1日入职深圳某某科技有限公司，月薪8000元，公司已经三个月没发工资了，我想辞职，能要经济补偿吗？"
REVIEWED = ("可以。公司未及时足额支付劳动报酬，你可以依《劳动合同法》第三十八条第一款第（二）项通知公司解除劳动合同，"
            "并依第四十六条要求经济补偿；拖欠的工资也应一并支付。")


def test_a_chat_becomes_a_case_that_staff_work_and_the_worker_follows(desk_client, database_url):
    c = desk_client
    # the worker's chat, answered by the assistant itself
    asked = c.post("/v1/ask", json={"question": QUESTION})
    assert asked.status_code == 200, asked.text
    answer = asked.json()
    assert any(cite["id"] == "劳动合同法#38" and cite["verified"] for cite in answer["citations"])

    # the worker agrees: the case opens with the facts, the conversation and the answer shown
    opened = c.post("/v1/cases", json={
        "consent": True, "organisation": ORG_A, "facts": answer["facts"],
        "conversation": [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": answer["answer"]}],
        "answers": [{"question": QUESTION, "answer": answer["answer"], "citations": answer["citations"]}]})
    assert opened.status_code == 201, opened.text
    code, secret = opened.json()["code"], opened.json()["secret"]
    answer_id = opened.json()["case"]["answers"][0]["id"]
    assert [x["code"] for x in c.get("/v1/cases", headers=key("desk_a")).json()] == [code]
    assert opened.json()["case"]["facts"]["pay"]["monthly_wage"] == "8000"

    # staff: take it on, correct a fact the worker corrected on the phone, draft the arbitration application
    assert c.post(f"/v1/cases/{code}/assign", json={"assignee": "李干事"}, headers=key("desk_a")).status_code == 200
    assert c.post(f"/v1/cases/{code}/status", json={"status": "处理中"}, headers=key("desk_a")).status_code == 200
    edited = c.patch(f"/v1/cases/{code}/facts", json={"changes": {"pay.monthly_wage": "8500"}}, headers=key("desk_a"))
    assert edited.json()["facts"]["pay"]["monthly_wage"] == "8500"
    drafted = c.post(f"/v1/cases/{code}/documents/arbitration_application",
                     json={"fields": {"worker": {"name": "张三"}}}, headers=key("desk_a"))
    assert drafted.status_code == 201 and drafted.json()["name"] == "劳动人事争议仲裁申请书"
    assert "深圳某某科技有限公司" in drafted.json()["markdown"]

    # hand-offs: arbitration (the application, the copies) and legal aid (the pre-check, what to bring)
    arbitration = c.post(f"/v1/cases/{code}/referrals", json={"target": "arbitration"}, headers=key("desk_a"))
    assert arbitration.status_code == 201 and arbitration.json()["details"]["copies"] >= 2
    assert arbitration.json()["documents"]
    legal_aid = c.post(f"/v1/cases/{code}/referrals", json={"target": "legal_aid"}, headers=key("desk_a"))
    assert legal_aid.status_code == 201 and legal_aid.json()["details"]["materials"]
    sent = c.patch(f"/v1/cases/{code}/referrals/{arbitration.json()['id']}", json={"status": "sent"},
                   headers=key("desk_a"))
    assert sent.status_code == 200 and sent.json()["sent_at"]
    assert c.post(f"/v1/cases/{code}/status", json={"status": "已移交"}, headers=key("desk_a")).status_code == 200

    # the bundle: documents, the case as JSON (with the corrected fact), the timeline
    bundle = c.get(f"/v1/cases/{code}/bundle", headers=key("desk_a"))
    assert bundle.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(bundle.content))
    names = archive.namelist()
    assert any("仲裁申请书" in n and n.endswith(".docx") for n in names)
    assert {"案件.json", "证据清单.docx", "时间线.docx"} <= set(names)
    assert json.loads(archive.read("案件.json"))["facts"]["pay"]["monthly_wage"] == "8500"

    # human review: the worker asks, the reviewer corrects, every reference checked against the corpus
    asked_review = c.post("/v1/cases/progress/reviews", json={"code": code, "secret": secret, "answer_id": answer_id,
                                                              "comment": "想确认能不能拿到补偿"})
    assert asked_review.status_code == 201
    decided = c.post(f"/v1/cases/{code}/reviews/{asked_review.json()['id']}", json={"text": REVIEWED},
                     headers=key("rev_a"))
    assert decided.status_code == 200 and all(x["verified"] for x in decided.json()["citations"])

    # the worker checks progress with the code and secret: where it stands, the reviewed answer, the hand-offs
    progress = c.post("/v1/cases/progress", json={"code": code, "secret": secret})
    assert progress.status_code == 200
    view = progress.json()
    assert view["status"] == "已移交"
    assert view["answers"][0]["answer"] == REVIEWED and view["answers"][0]["review_status"] == "corrected"
    assert {r["target_name"] for r in view["referrals"]} == {"劳动人事争议仲裁委员会", "法律援助机构"}
    assert "8500" not in json.dumps(view)  # progress, not the case file

    # the trace verifies, and a row changed behind the desk's back is named
    from assistant.cases.cli import app as cases_cli
    from assistant.cases.db import CaseRow, EventRow

    runner = CliRunner()
    ok = runner.invoke(cases_cli, ["verify", code, "--database-url", database_url])
    assert ok.exit_code == 0, ok.output
    engine = create_engine(database_url)
    with engine.begin() as conn:
        case_id = conn.execute(select(CaseRow.id).where(CaseRow.code == code)).scalar_one()
        conn.execute(update(EventRow).where(EventRow.case_id == case_id, EventRow.kind == "facts_edited")
                     .values(payload={"changes": [{"path": "pay.monthly_wage", "old": "8000", "new": "80000"}]}))
    engine.dispose()
    bad = runner.invoke(cases_cli, ["verify", "--database-url", database_url])
    assert bad.exit_code == 1 and f"案件 {code}" in bad.output and "facts_edited" in bad.output
