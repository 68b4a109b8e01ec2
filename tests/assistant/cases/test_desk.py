"""The case desk as staff and workers use it: intake, access, status, facts, documents, review, deadlines,
referrals, the bundle, erasure — each on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date

import pytest
from docx import Document
from sqlalchemy import select

from assistant.cases import (
    AccessDenied,
    Actor,
    AnswerShown,
    CaseClosed,
    CaseFilter,
    CaseInputError,
    CaseIntake,
    CaseNotFound,
    InvalidTransition,
    Message,
)
from assistant.cases.db import CaseRow, DocumentRow, EventRow

STORY = "我叫张三，2020年3月1日入职深圳某某科技有限公司，月薪8000，公司2024年6月30日把我辞退了，没有任何理由"
ANSWER = AnswerShown(question="能拿多少？", answer="依据《劳动合同法》第八十七条，可以要求赔偿金。",
                     citations=[{"id": "劳动合同法#87", "verified": True}], corpus_build="build-1")


def _open(desk, story: str = STORY, **extra):
    intake = CaseIntake(source="chat", consent=True, conversation=[Message(role="user", content=story)],
                        answers=[ANSWER], **extra)
    return desk.open_case(intake, Actor.system())


def test_a_chat_becomes_a_case_with_its_facts_answers_and_a_code(desk, staff):
    opened = _open(desk)
    assert len(opened.secret) == 8 and opened.code.count("-") == 1
    case = desk.get_case(opened.code, staff)
    assert case.status == "已受理" and case.source == "chat" and case.organisation == "本会"
    assert case.facts["pay"]["monthly_wage"] == "8000" and case.facts["worker"]["name"] == "张三"
    assert case.case_type == "解除劳动合同"
    assert case.answers[0].corpus_build == "build-1" and case.answers[0].citations[0]["id"] == "劳动合同法#87"
    kinds = [e.kind for e in desk.events(opened.code, staff)]
    assert kinds == ["case_opened", "answer_shown", "personal_data_read"]


def test_without_the_workers_consent_no_case_is_opened(desk, staff):
    with pytest.raises(CaseInputError) as err:
        desk.open_case(CaseIntake(source="chat", conversation=[Message(role="user", content=STORY)]), Actor.system())
    assert err.value.field == "consent" and "同意" in err.value.message
    assert desk.list_cases(staff) == []


def test_only_a_hash_of_the_secret_is_stored(desk):
    opened = _open(desk)
    with desk.db.read() as s:
        row = s.execute(select(CaseRow)).scalar_one()
        assert opened.secret not in row.secret_hash and row.secret_hash.startswith("scrypt$")


def test_a_wrong_secret_an_unknown_code_and_another_organisation_look_the_same(desk):
    opened = _open(desk)
    errors = []
    for attempt in (lambda: desk.check_progress(opened.code, "WRONG234"),
                    lambda: desk.check_progress("ZZZZ-ZZZZ", opened.secret),
                    lambda: desk.get_case(opened.code, Actor.staff("赵", "别的工会")),
                    lambda: desk.get_case("ZZZZ-ZZZZ", Actor.staff("赵", "别的工会"))):
        with pytest.raises(CaseNotFound) as err:
            attempt()
        errors.append(err.value.message)
    assert len(set(errors)) == 1 and "不正确" in errors[0]
    # the code is forgiving about case and dashes as people type it
    assert desk.check_progress(opened.code.lower().replace("-", ""), opened.secret.lower()).status == "已受理"


def test_roles_that_must_be_refused(desk, staff, reviewer):
    opened = _open(desk)
    worker = Actor.worker(opened.code, opened.secret)
    with pytest.raises(AccessDenied):
        desk.assign(opened.code, worker, "李干事")
    with pytest.raises(AccessDenied):
        desk.change_status(opened.code, reviewer, "处理中")
    with pytest.raises(AccessDenied):
        desk.list_cases(worker)
    other = Actor.staff("赵", "别的工会")
    assert desk.list_cases(other) == [] and len(desk.list_cases(staff)) == 1


def test_the_status_flow_and_a_refusal_with_its_reason(desk, staff):
    opened = _open(desk)
    with pytest.raises(InvalidTransition) as err:
        desk.change_status(opened.code, staff, "已办结")
    assert "已受理" in err.value.message
    with pytest.raises(CaseInputError):
        desk.change_status(opened.code, staff, "不予受理")
    desk.change_status(opened.code, staff, "不予受理", reason="不属于劳动争议")
    seen = desk.check_progress(opened.code, opened.secret)
    assert seen.status == "不予受理" and seen.status_note == "不属于劳动争议"
    with pytest.raises(InvalidTransition):
        desk.change_status(opened.code, staff, "处理中")


def test_staff_edit_a_fact_and_the_change_is_traced(desk, staff):
    opened = _open(desk)
    case = desk.edit_facts(opened.code, staff, {"pay.monthly_wage": "9,000元"})
    assert case.facts["pay"]["monthly_wage"] == "9000"
    edit = [e for e in desk.events(opened.code, staff) if e.kind == "facts_edited"][0]
    assert edit.actor_name == "李干事"
    assert edit.data["changes"] == [{"path": "pay.monthly_wage", "old": "8000", "new": "9000"}]
    before = desk.get_case(opened.code, staff).events
    with pytest.raises(CaseInputError) as err:
        desk.edit_facts(opened.code, staff, {"pay.monthly_wage": "很多"})
    assert err.value.field == "facts.pay.monthly_wage"
    after = desk.get_case(opened.code, staff)
    assert after.facts["pay"]["monthly_wage"] == "9000" and after.events == before + 1  # only the read


def test_documents_are_drafted_from_the_facts_and_kept_as_versions_with_their_hash(desk, staff):
    opened = _open(desk)
    first = desk.draft_document(opened.code, staff, "arbitration_application")
    desk.edit_facts(opened.code, staff, {"pay.monthly_wage": "9000"})
    second = desk.draft_document(opened.code, staff, "arbitration_application")
    assert (first.version, second.version) == (1, 2)
    assert "张三" in first.markdown and "某某科技有限公司" in first.markdown
    full = desk.document(opened.code, staff, second.id)
    assert hashlib.sha256(full.docx).hexdigest() == second.sha256 != first.sha256
    with pytest.raises(CaseInputError):
        desk.draft_document(opened.code, staff, "no_such_type")
    with desk.db.read() as s:
        assert len(s.execute(select(DocumentRow)).scalars().all()) == 2


def test_a_review_corrects_the_answer_and_the_worker_sees_it(desk, staff, reviewer):
    opened = _open(desk)
    worker = Actor.worker(opened.code, opened.secret)
    answer_id = desk.get_case(opened.code, staff).answers[0].id
    review = desk.request_review(opened.code, worker, answer_id, "赔偿金怎么算？")
    with pytest.raises(AccessDenied):
        desk.review_answer(opened.code, staff, review.id, text="改")
    fixed = desk.review_answer(opened.code, reviewer, review.id,
                               text="依据《劳动合同法》第八十七条和《劳动法》第一百零八条，可以要求二倍经济补偿的赔偿金。",
                               citations=["劳动合同法#47"])
    assert fixed.status == "corrected" and fixed.reviewer == "王律师"
    assert "第一百零八条「未核实」" in fixed.text and "第八十七条「未核实」" not in fixed.text
    verdicts = {c.id: c.verified for c in fixed.citations}
    assert verdicts["劳动合同法#87"] and verdicts["劳动合同法#47"] and not verdicts["劳动法#108"]
    seen = desk.check_progress(opened.code, opened.secret)
    assert seen.answers[0].answer == fixed.text and seen.answers[0].review_status == "corrected"
    stats = desk.review_stats(staff)
    assert (stats.requested, stats.corrected, stats.open) == (1, 1, 0) and stats.median_turnaround_hours >= 0


def test_a_confirmed_answer_stays_as_shown(desk, reviewer):
    opened = _open(desk)
    answer_id = desk.get_case(opened.code, reviewer).answers[0].id
    review = desk.request_review(opened.code, Actor.worker(opened.code, opened.secret), answer_id)
    done = desk.review_answer(opened.code, reviewer, review.id)
    assert done.status == "confirmed" and done.text == ANSWER.answer
    with pytest.raises(CaseInputError):
        desk.review_answer(opened.code, reviewer, review.id)


def test_deadlines_come_from_the_facts_with_their_articles(desk, staff):
    story = "我2023年5月入职，2024年11月20日在车间受伤了，单位一直拖着不给报工伤"
    opened = _open(desk, story)
    by_kind = {d.kind: d for d in desk.deadlines(opened.code, staff)}
    employer, worker = by_kind["injury_recognition_employer"], by_kind["injury_recognition_worker"]
    assert employer.deadline == date(2024, 12, 20) and "工伤保险条例#17" in employer.articles
    assert worker.deadline == date(2025, 11, 20)
    wages = _open(desk, "公司拖欠我三个月工资了，我还在上班")
    owed = {d.kind: d for d in desk.deadlines(wages.code, staff)}["wage_arrears"]
    assert owed.deadline is None and "不受一年时效限制" in owed.formula and owed.articles == ["劳动争议调解仲裁法#27"]


def test_the_desk_lists_cases_whose_deadline_is_near(database_url, assistant, staff):
    from assistant.cases import CaseDesk

    desk = CaseDesk(database_url, draft=assistant.draft, resolve=assistant.provision_by_id,
                    today=lambda: date(2024, 12, 10))
    near = _open(desk, "2024年11月20日我在车间受伤了")
    _open(desk, "公司拖欠我三个月工资了，我还在上班")
    soon = desk.due_soon(staff, within_days=14)
    assert [c.code for c in soon] == [near.code] and soon[0].next_deadline == date(2024, 12, 20)
    assert len(desk.list_cases(staff, CaseFilter(case_type="工伤"))) == 1
    desk.db.dispose()


def test_referrals_carry_their_documents_and_dates_and_a_closed_case_refuses_one(desk, staff):
    opened = _open(desk)
    desk.change_status(opened.code, staff, "处理中")
    arb = desk.refer(opened.code, staff, "arbitration")
    assert arb.status == "prepared" and arb.details["copies"] == 2 and len(arb.documents) == 1
    aid = desk.refer(opened.code, staff, "legal_aid")
    assert aid.details["eligible"] is False or aid.details["matters"]
    assert "身份证件" in aid.details["materials"] and "法律援助法#41" in aid.details["basis"]
    sent = desk.update_referral(opened.code, staff, arb.id, "sent")
    assert sent.sent_at is not None and sent.received_at is None
    with pytest.raises(InvalidTransition):
        desk.update_referral(opened.code, staff, arb.id, "prepared")
    with pytest.raises(CaseInputError) as err:
        desk.refer(opened.code, staff, "arbitration", {"copies": 99})
    assert err.value.field == "details.copies"
    desk.change_status(opened.code, staff, "已办结")
    count = len(desk.events(opened.code, staff))
    with pytest.raises(CaseClosed):
        desk.refer(opened.code, staff, "mediation")
    assert len(desk.events(opened.code, staff)) == count
    seen = desk.check_progress(opened.code, opened.secret)
    assert [r.status for r in seen.referrals] == ["已发送", "已准备"]


def test_legal_aid_precheck_for_wages_owed(desk, staff):
    opened = _open(desk, "公司拖欠我三个月工资了，我是农民工，还没签劳动合同")
    aid = desk.refer(opened.code, staff, "legal_aid", {"migrant_worker": True})
    assert aid.details["eligible"] and "第三十一条第（五）项" in aid.details["matters"][0]
    assert "免予核查" in aid.details["hardship"]


def test_a_denied_employment_asks_mediation_first_to_confirm_it_and_is_a_legal_aid_matter(desk, staff):
    opened = _open(desk, "我在这个厂干了两年，现在老板不承认我是他的员工，还欠我两个月工资，我要讨回工资")
    mediation = desk.refer(opened.code, staff, "mediation")
    assert mediation.details["application"]["requests"] == ["确认双方存在劳动关系", "支付拖欠的工资"]
    aid = desk.refer(opened.code, staff, "legal_aid")
    assert aid.details["eligible"] and "确认劳动关系" in aid.details["matters"][0]


def test_a_term_asked_to_be_explained_is_no_mediation_request(desk, staff):
    opened = _open(desk, "我被公司辞退了，经济补偿金是什么意思")
    application = desk.refer(opened.code, staff, "mediation").details["application"]
    assert application["requests"] == [] and "调解请求" in application["missing"]


def test_the_bundle_holds_documents_evidence_the_case_and_a_readable_timeline(desk, staff):
    opened = _open(desk, evidence=[{"name": "工资条", "source": "本人保存", "purpose": "证明月工资8000元"}])
    desk.draft_document(opened.code, staff, "arbitration_application")
    data = desk.export_bundle(opened.code, staff)
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    assert any(n.startswith("文书/") and n.endswith(".docx") for n in names)
    assert {"证据清单.docx", "案件.json", "时间线.docx", "留痕.json"} <= set(names)
    case = json.loads(z.read("案件.json"))
    assert case["code"] == opened.code and case["evidence"][0]["name"] == "工资条"
    evidence = Document(io.BytesIO(z.read("证据清单.docx")))
    assert evidence.tables[0].rows[1].cells[1].text == "工资条"
    timeline = "\n".join(c.text for row in Document(io.BytesIO(z.read("时间线.docx"))).tables[0].rows
                         for c in row.cells)
    assert "立案" in timeline and "起草文书" in timeline
    assert desk.events(opened.code, staff)[-1].kind == "bundle_exported"


def test_a_deletion_request_removes_personal_data_and_keeps_an_anonymous_trace(desk, staff):
    opened = _open(desk)
    desk.add_note(opened.code, staff, "张三电话 13800000000")
    desk.draft_document(opened.code, staff, "arbitration_application")
    worker = Actor.worker(opened.code, opened.secret)
    desk.erase_personal_data(opened.code, worker)
    case = desk.get_case(opened.code, Actor.admin())
    assert case.erased and case.facts == {} and case.conversation == [] and case.status == "已受理"
    with desk.db.read() as s:
        rows = [r.payload for r in s.execute(select(EventRow)).scalars()]
        dump = json.dumps([r for r in rows if r], ensure_ascii=False)
        docs = s.execute(select(DocumentRow)).scalars().all()
    assert "张三" not in dump and "13800000000" not in dump and "8000" not in dump
    assert all(d.docx == b"" and d.markdown == "" and len(d.sha256) == 64 for d in docs)
    events = desk.events(opened.code, staff)
    assert events[-2].kind == "personal_data_erased" and events[0].data is None
    assert desk.verify(opened.code).ok


def test_hostile_and_oversized_text(desk, staff):
    opened = _open(desk, STORY + "\x00<script>alert(1)</script>\u202e")
    note = desk.add_note(opened.code, staff, "备注\x00<b>粗体</b>")
    assert note.text == "备注<b>粗体</b>"
    count = len(desk.events(opened.code, staff))
    with pytest.raises(CaseInputError) as err:
        desk.add_note(opened.code, staff, "字" * 9000)
    assert "太长" in err.value.message
    assert len(desk.events(opened.code, staff)) == count
    case = desk.get_case(opened.code, staff)
    assert "\x00" not in case.conversation[0].content and "<script>" in case.conversation[0].content
    assert desk.verify().ok


def test_the_bundle_is_written_whatever_characters_the_worker_typed(desk, staff):
    story = STORY + "\ufffe\uffff"  # not control characters, but XML 1.0 cannot hold them
    opened = _open(desk, story, evidence=[{"name": "工资条\ufffe", "source": "本人保存", "purpose": "证明\uffff工资"}])
    desk.add_note(opened.code, staff, "备注\ufffe")
    z = zipfile.ZipFile(io.BytesIO(desk.export_bundle(opened.code, staff)))
    evidence = Document(io.BytesIO(z.read("证据清单.docx")))
    assert evidence.tables[0].rows[1].cells[1].text == "工资条"
    assert "立案" in "\n".join(c.text for row in Document(io.BytesIO(z.read("时间线.docx"))).tables[0].rows
                             for c in row.cells)
