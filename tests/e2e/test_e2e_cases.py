"""The case desk in a real browser (issue 13 §9): a worker's chat becomes a case with 建立案件; staff on the 案件台账
correct a fact, draft the arbitration application, add a chat record as an evidence file, refer the case to arbitration and to legal aid and download the
bundle; a reviewer corrects the answer; the worker checks 查询进度 with the code and secret and reads the reviewed
answer. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import io
import json
import re
import zipfile

import httpx
import pytest
from playwright.sync_api import expect

from tests.assistant.api.conftest import RunningServer, api_settings
from tests.e2e.conftest import open_page

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

DESK_KEY, REVIEWER_KEY = "e2e-desk-key", "e2e-reviewer-key"
QUESTION = "我2021年3月1日入职，月薪8000元，公司已经三个月没发工资了，我想辞职，能要经济补偿吗？"
REVIEWED = "可以。依《劳动合同法》第三十八条第一款第（二）项解除劳动合同，并依第四十六条要求经济补偿。"


@pytest.fixture(scope="module")
def desk_server(assistant, tmp_path_factory):
    """The real server with a case database of its own and a desk and a reviewer key of the default organisation."""
    from assistant import Assistant
    from assistant.api.server import create_server_app

    tmp = tmp_path_factory.mktemp("e2e-cases")
    own = Assistant(assistant.settings.model_copy(update={"database_url": f"sqlite:///{tmp / 'cases.sqlite3'}"}),
                    index=assistant.index)
    settings = api_settings(tmp, api_keys=f"{DESK_KEY}:staff,{REVIEWER_KEY}:reviewer")
    with RunningServer(create_server_app(own, api_settings=settings)) as running:
        yield running


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


def _desk_step(page, button_id: str, said: str) -> None:
    page.locator(f"#{button_id}").click()
    expect(page.locator("#desk-result")).to_contain_text(said, timeout=60_000)


def test_a_chat_becomes_a_case_staff_work_it_and_the_worker_reads_the_reviewed_answer(desk_server, browser, shot,
                                                                                      tmp_path):
    # the worker asks, agrees, and opens the case from the chat
    page = open_page(browser, desk_server.url, phone=True)
    page.locator("#question textarea").fill(QUESTION)
    page.locator("#send").click()
    expect(page.locator("#chat")).to_contain_text("第三十八条", timeout=90_000)  # the answer is in
    page.get_by_text("交给工会办理（建立案件）").click()
    page.locator("#case-open").click()
    expect(page.locator("#case-opened")).to_contain_text("请勾选", timeout=30_000)  # no case without consent
    page.get_by_label("我同意把这段对话和我的情况交给工会工作人员办理").check()
    page.locator("#case-open").click()
    expect(page.locator("#case-opened")).to_contain_text("案件已建立", timeout=30_000)
    opened = page.locator("#case-opened").inner_text()
    code = re.search(r"案件编号：\s*(\S{4}-\S{4})", opened).group(1)
    secret = re.search(r"查询码：\s*([0-9A-Z]{8})", opened).group(1)
    shot(page, "case_opened_from_chat_phone")
    page.context.close()

    # staff on the desk: find it, correct the wage, draft, refer twice, download the bundle
    desk = open_page(browser, desk_server.url)
    _tab(desk, "案件")
    _tab(desk, "案件台账")
    desk.get_by_label("台账密钥").fill(DESK_KEY)
    desk.locator("#desk-login").click()
    expect(desk.locator("#desk-table")).to_contain_text(code, timeout=30_000)
    desk.locator("#desk-code").get_by_role("textbox").fill(code)
    desk.locator("#desk-open").click()
    expect(desk.locator("#desk-case")).to_contain_text("月工资：8000", timeout=30_000)
    desk.locator("#desk-fact-path").get_by_role("textbox").fill("pay.monthly_wage")
    desk.locator("#desk-fact-value").get_by_role("textbox").fill("8500")
    _desk_step(desk, "desk-fact-save", "案情已更正")
    expect(desk.locator("#desk-case")).to_contain_text("月工资：8500")
    _desk_step(desk, "desk-draft", "文书已起草")
    expect(desk.locator("#desk-case")).to_contain_text("劳动人事争议仲裁申请书 第1版")
    chat_record = tmp_path / "微信聊天记录.txt"
    chat_record.write_text("老板：这个月工资下个月一起发。\n我：已经三个月没发了。", encoding="utf-8")
    desk.locator("#desk-evidence-file input[type=file]").set_input_files(str(chat_record))
    expect(desk.locator("#desk-evidence-file")).to_contain_text("微信聊天记录", timeout=30_000)  # uploaded
    _desk_step(desk, "desk-evidence-add", "证据文件已添加")
    expect(desk.locator("#desk-case")).to_contain_text("微信聊天记录.txt")
    _desk_step(desk, "desk-refer", "已准备移交")
    desk.get_by_label("移交给").click()
    desk.get_by_role("option", name="法律援助机构").click()
    _desk_step(desk, "desk-refer", "已准备移交")
    expect(desk.locator("#desk-case")).to_contain_text("法律援助机构：已准备")
    expect(desk.locator("#desk-case")).to_contain_text("劳动人事争议仲裁委员会：已准备")
    desk.locator("#desk-bundle").click()
    expect(desk.locator("#desk-result")).to_contain_text("材料包已生成", timeout=60_000)
    with desk.expect_download() as got:
        desk.locator("#desk-download").click()
    archive = zipfile.ZipFile(io.BytesIO(open(got.value.path(), "rb").read()))
    assert json.loads(archive.read("案件.json"))["facts"]["pay"]["monthly_wage"] == "8500"
    evidence = [n for n in archive.namelist() if n.startswith("证据/")]
    assert len(evidence) == 1 and "三个月没发了" in archive.read(evidence[0]).decode("utf-8")
    shot(desk, "case_desk")
    desk.context.close()

    # the reviewer corrects the answer the worker was shown (through the API, with the reviewer's key)
    with httpx.Client(base_url=desk_server.url, headers={"X-API-Key": REVIEWER_KEY}) as api:
        case = api.get(f"/v1/cases/{code}").json()
        asked = api.post(f"/v1/cases/{code}/reviews", json={"answer_id": case["answers"][0]["id"]}).json()
        assert api.post(f"/v1/cases/{code}/reviews/{asked['id']}", json={"text": REVIEWED}).status_code == 200

    # the worker checks progress on a phone: a wrong secret says nothing, the right one shows the reviewed answer
    worker = open_page(browser, desk_server.url, phone=True)
    _tab(worker, "案件")
    worker.locator("#progress-code").get_by_role("textbox").fill(code)
    worker.locator("#progress-secret").get_by_role("textbox").fill("WRONG234")
    worker.locator("#progress-check").click()
    expect(worker.locator("#progress-out")).to_contain_text("案件编号或查询码不正确", timeout=30_000)
    worker.locator("#progress-secret").get_by_role("textbox").fill(secret)
    worker.locator("#progress-check").click()
    out = worker.locator("#progress-out")
    expect(out).to_contain_text("已复核（更正）", timeout=30_000)
    assert "依第四十六条要求经济补偿" in out.inner_text()
    assert "劳动人事争议仲裁委员会" in out.inner_text() and "法律援助机构" in out.inner_text()
    assert "8500" not in out.inner_text()
    shot(worker, "case_progress_phone")
    worker.context.close()
