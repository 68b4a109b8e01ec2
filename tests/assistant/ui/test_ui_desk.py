"""The 案件 tab without a browser: the staff desk behind a staff key, and the worker's progress check by code and
secret, over the real case desk (SQLite) and the statute index."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.access import KeyRejected, KeysGuessed, RoleRefused
from assistant.api import ApiSettings, build_services
from assistant.cases import Actor, AnswerShown, CaseIntake, Message
from assistant.ui import tab_desk
from assistant.ui.access import Door
from assistant.ui.desk_render import case_markdown, progress_markdown

KEYS = "desk-a:staff@甲市总工会,desk-b:staff@乙区总工会,rev-a:reviewer@甲市总工会,root:admin,app:public"
STORY = "我叫张三，2021年3月1日入职，月薪8000元，公司三个月没发工资了<script>alert(1)</script>"


def _services(assistant, tmp_path, **api):
    from assistant import Assistant

    own = Assistant(assistant.settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'cases.sqlite3'}"}),
                    index=assistant.index)
    settings = ApiSettings(_env_file=None, api_keys=KEYS, rate_limit_per_minute=api.pop("per_minute", 0),
                           feedback_db=tmp_path / "feedback.sqlite3", **api)
    return build_services(own, api_settings=settings)


@pytest.fixture
def services(assistant, tmp_path):
    s = _services(assistant, tmp_path)
    yield s
    s.cases.db.dispose()


def at(host: str) -> SimpleNamespace:
    """A page request from ``host``, as Gradio hands it to a handler."""
    return SimpleNamespace(headers={}, client=SimpleNamespace(host=host))


def desk_actor(services, key: str, host: str = "10.0.0.7") -> Actor:
    return tab_desk.desk_actor(Door(services), at(host), key)


def _open(services) -> tuple[str, str]:
    opened = services.cases.open_case(CaseIntake(
        source="chat", consent=True, organisation="甲市总工会", conversation=[Message(role="user", content=STORY)],
        answers=[AnswerShown(question="欠薪怎么办", answer="可以依《劳动合同法》第三十八条解除劳动合同。",
                             citations=[{"id": "劳动合同法#38", "law": "劳动合同法", "article": "38", "verified": True}])]),
        Actor.system())
    return opened.code, opened.secret


def test_only_a_desk_key_enters_and_it_acts_for_its_organisation(services):
    staff = desk_actor(services, " desk-a ")
    assert staff.role == "staff" and staff.organisation == "甲市总工会"
    assert desk_actor(services, "root").role == "admin"
    assert desk_actor(services, "rev-a").role == "reviewer"
    with pytest.raises(RoleRefused):
        desk_actor(services, "app")  # a public key is not a desk key
    with pytest.raises(KeyRejected):
        desk_actor(services, "desk-a-typo")


def test_desk_keys_guessed_on_the_page_spend_the_addresss_wrong_key_budget(assistant, tmp_path):
    services = _services(assistant, tmp_path, per_minute=2)
    for guess in ("desk-x", "desk-y"):
        with pytest.raises(KeyRejected):
            desk_actor(services, guess)
    with pytest.raises(KeysGuessed):
        desk_actor(services, "desk-a")  # the right key too: the answer tells nothing about the key
    assert desk_actor(services, "desk-a", host="10.0.0.8").organisation == "甲市总工会"  # another address goes on
    services.cases.db.dispose()


def test_the_desk_lists_its_own_cases_and_shows_one_with_its_words_escaped(services):
    code, _ = _open(services)
    mine = desk_actor(services, "desk-a")
    rows = tab_desk.list_cases(services.cases, mine, "", "", False)
    assert [r[0] for r in rows] == [code] and rows[0][1] == "已受理" and rows[0][2] == "拖欠工资"
    assert tab_desk.list_cases(services.cases, desk_actor(services, "desk-b"), "", "", False) == []
    assert tab_desk.list_cases(services.cases, mine, "处理中", "", False) == []
    page = case_markdown(services.cases.get_case(code, mine))
    assert "月工资：8000" in page and "劳动者：张三" in page
    assert "<script>" not in page
    other = tab_desk.attempt(lambda: case_markdown(services.cases.get_case(code, desk_actor(services, "desk-b"))))
    assert other == "注意：案件编号或查询码不正确，请核对后再试。"


def test_a_refused_step_is_a_sentence_and_the_case_is_unchanged(services):
    code, _ = _open(services)
    reviewer = desk_actor(services, "rev-a")
    said = tab_desk.attempt(lambda: str(services.cases.refer(code, reviewer, "arbitration")))
    assert said.startswith("注意：") and "身份" in said
    assert services.cases.get_case(code, Actor.admin()).referrals == []


def test_the_worker_sees_progress_and_the_reviewed_answer_with_code_and_secret(services):
    code, secret = _open(services)
    assert tab_desk.progress(services, code, "WRONG234") == "注意：案件编号或查询码不正确，请核对后再试。"
    assert tab_desk.progress(services, "ZZZZ-ZZZZ", secret) == "注意：案件编号或查询码不正确，请核对后再试。"
    assert "请填写" in tab_desk.progress(services, code, "  ")
    staff = desk_actor(services, "desk-a")
    case = services.cases.get_case(code, staff)
    review = services.cases.request_review(code, staff, case.answers[0].id)
    services.cases.review_answer(code, desk_actor(services, "rev-a"), review.id,
                                 text="可以依《劳动合同法》第三十八条解除，并依第四十六条要求经济补偿。")
    page = tab_desk.progress(services, code.lower(), secret)
    assert page.startswith(f"### 案件 {code}：已受理")
    assert "第四十六条要求经济补偿" in page and "已复核（更正）" in page
    assert "劳动合同法第四十六条（已核实）" in page
    assert "8000" not in page  # progress, not the case file
    assert progress_markdown(services.cases.check_progress(code, secret)) == page


def test_the_progress_page_passes_the_apis_access_and_rate_check(assistant, tmp_path):
    services = _services(assistant, tmp_path, per_minute=2)
    door = Door(services)
    code, secret = _open(services)
    assert "已受理" in tab_desk.progress(services, code, secret, door, at("10.0.0.7"))
    assert "不正确" in tab_desk.progress(services, code, "WRONG234", door, at("10.0.0.7"))
    assert "请求过于频繁" in tab_desk.progress(services, code, secret, door, at("10.0.0.7"))  # a third in the minute
    assert "已受理" in tab_desk.progress(services, code, secret, door, at("10.0.0.8"))  # another address goes on
    assert "不对" in tab_desk.progress(services, code, secret, door, at("10.0.0.9"), key="not-a-key")
    services.cases.db.dispose()


def test_the_page_has_the_case_tab_with_the_progress_check_and_the_desk(services):
    from assistant.ui.app import build_ui

    labels = {getattr(block, "label", None) for block in build_ui(services).blocks.values()}
    assert {"案件", "查询进度", "案件台账", "案件编号", "查询码", "台账密钥"} <= labels


def test_a_chat_becomes_a_case_only_with_consent_and_the_worker_gets_code_and_secret(services):
    from assistant.ui import case_intake, consult

    final = list(consult.stream_answer(services.assistant, "公司三个月没发工资，我月薪8000，想辞职能要补偿吗？", []))[-1][1]
    chat = [{"role": "user", "content": final["question"]}, {"role": "assistant", "content": final["answer"]}]
    refused = case_intake.open_from_chat(services, chat, final, final.get("facts"), consent=False, review=False)
    assert "请勾选" in refused and services.cases.list_cases(Actor.admin()) == []
    assert "请先说说" in case_intake.open_from_chat(services, [], None, None, consent=True, review=False)

    said = case_intake.open_from_chat(services, chat, final, final.get("facts"), consent=True, review=True)
    assert said.startswith("### 案件已建立") and "已请工作人员复核" in said
    code = said.split("案件编号：**")[1].split("**")[0]
    secret = said.split("查询码：**")[1].split("**")[0]
    case = services.cases.get_case(code, Actor.admin())
    assert case.source == "chat" and case.organisation == services.settings.case_organisation
    assert case.facts["pay"]["monthly_wage"] == "8000" and len(case.conversation) == 2
    assert case.answers[0].citations == final["citations"] and case.reviews[0].status == "requested"
    assert "待复核" in tab_desk.progress(services, code, secret)


def test_staff_add_an_evidence_file_on_the_page_and_the_case_lists_it(services, tmp_path):
    from tests.assistant.cases import evidence_files as files

    code, _ = _open(services)
    staff = desk_actor(services, "desk-a")
    chosen = tmp_path / "张三工资条<b>.pdf"
    chosen.write_bytes(files.pdf())
    assert tab_desk.attempt(lambda: tab_desk.add_evidence(services.cases, staff, code, str(chosen))) == "张三工资条_b_.pdf"
    page = case_markdown(services.cases.get_case(code, staff))
    assert "#### 证据文件" in page and "张三工资条" in page and "<b>" not in page
    added = services.cases.attachments(code, staff)
    assert [a.media_type for a in added] == ["application/pdf"] and "SHA-256 " + added[0].sha256[:12] in page


def test_a_file_the_desk_refuses_on_the_page_is_its_sentence_and_nothing_is_added(services, tmp_path):
    code, _ = _open(services)
    staff = desk_actor(services, "desk-a")
    program = tmp_path / "工资条.pdf"
    program.write_bytes(b"MZ\x90\x00" + b"\x00" * 64)
    said = tab_desk.attempt(lambda: tab_desk.add_evidence(services.cases, staff, code, str(program)))
    assert said.startswith("注意：") and "不支持的文件类型" in said
    assert tab_desk.attempt(lambda: tab_desk.add_evidence(services.cases, staff, code, None)).startswith("注意：请先选择")
    big = tmp_path / "照片.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"\x00" * (services.cases.max_attachment_bytes + 10))
    assert "注意：" in tab_desk.attempt(lambda: tab_desk.add_evidence(services.cases, staff, code, str(big)))
    assert services.cases.attachments(code, staff) == []


def test_the_worker_submits_a_file_with_code_and_secret_on_the_progress_page(services, tmp_path):
    from tests.assistant.cases import evidence_files as files

    code, secret = _open(services)
    photo = tmp_path / "欠条照片.jpg"
    photo.write_bytes(files.jpeg())
    said = tab_desk.submit_evidence(services, code, secret, str(photo), Door(services), at("10.0.0.9"))
    assert said.startswith("已收到证据文件「欠条照片.jpg」")
    wrong = tab_desk.submit_evidence(services, code, "WRONG234", str(photo), Door(services), at("10.0.0.9"))
    assert wrong == "注意：案件编号或查询码不正确，请核对后再试。"
    assert tab_desk.submit_evidence(services, code, "", str(photo)).startswith("注意：请填写")
    added = services.cases.attachments(code, Actor.admin())
    assert [(a.name, a.created_by_role) for a in added] == [("欠条照片.jpg", "worker")]
    page = tab_desk.progress(services, code, secret)
    assert "#### 您提交的证据文件" in page and "欠条照片.jpg" in page
