"""A person in a real browser: asks and sees verified citations; drafts a document and downloads the .docx;
asks for human review; the page on a phone. Screenshots go to tests/artifacts/ (look at them)."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import STAFF_KEY, open_page

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

QUESTION = "老板三个月没发工资，我想辞职，还能要到补偿吗？"


def ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.locator("#citations").get_by_text("条文已核对").first.wait_for(timeout=90_000)


def test_ask_and_see_verified_citations_then_open_the_calculator(assistant, served, browser, shot):
    page = open_page(browser, served.url)
    ask(page, QUESTION)
    citations = page.locator("#citations")
    assert "劳动合同法第三十八条" in citations.inner_text()
    article = citations.locator("details.cite").filter(has_text="劳动合同法第三十八条").first
    expect(article.get_by_text("未及时足额支付劳动报酬")).to_be_hidden()  # folded to its name and state
    article.locator("summary").click()
    expect(article.get_by_text("未及时足额支付劳动报酬")).to_be_visible()  # the article's own text, one click away
    assert page.locator("#guide").inner_text().strip(), "the matched guide's steps are shown"
    shot(page, "consult_desktop")

    action = page.locator(".action-btn").filter(has_text="去计算").first
    action.click()
    page.locator("#calc-result").wait_for(state="attached")
    page.get_by_label("月工资（必填）").filter(visible=True).fill("8000")
    page.get_by_label("工作月数").filter(visible=True).fill("48")
    page.get_by_role("button", name="计算", exact=True).click()
    expect(page.locator("#calc-result")).to_contain_text("32000", timeout=30_000)
    assert "劳动合同法第四十七条" in page.locator("#calc-result").inner_text(), "the amount comes with its article"
    shot(page, "calculator_from_chat")
    page.context.close()


def test_numbers_in_the_question_prefill_the_suggested_calculator(assistant, served, browser, shot):
    page = open_page(browser, served.url)
    ask(page, "在公司干了四年，月薪八千，被违法辞退，能赔多少？")
    page.locator(".action-btn").filter(has_text="违法解除").first.click()
    wage = page.get_by_label("月工资（必填）").filter(visible=True)
    expect(wage).to_have_value("8000", timeout=30_000)
    expect(page.get_by_label("工作月数").filter(visible=True)).to_have_value("48")
    page.get_by_role("button", name="计算", exact=True).click()
    expect(page.locator("#calc-result")).to_contain_text("64000.00 元", timeout=30_000)
    assert "劳动合同法第八十七条" in page.locator("#calc-result").inner_text()
    shot(page, "calculator_prefilled")

    page.get_by_role("tab", name="咨询").click()
    page.locator(".action-btn").filter(has_text="去起草").first.click()
    # the document starts from the case the chat understood, marked for checking, not from the chat pasted in
    expect(page.locator("#doc-autofilled")).to_contain_text("自动提取，请核对", timeout=30_000)
    expect(page.get_by_role("textbox", name="月工资（元）").filter(visible=True)).to_have_value("8000")
    expect(page.locator("#doc-narrative textarea")).to_have_value("")
    shot(page, "document_from_chat")
    page.context.close()


def test_request_human_review_reaches_staff(assistant, served, browser, shot):
    page = open_page(browser, served.url)
    ask(page, "试用期最长可以约定多久？")
    page.locator("#chat").get_by_role("button", name="请人工复核").first.click()  # under the answer
    page.get_by_text("已提交人工复核请求").wait_for(timeout=30_000)
    reviews = served.feedback.list(reviews_only=True)
    assert reviews and reviews[0]["question"] == "试用期最长可以约定多久？"
    assert reviews[0]["citations"] and reviews[0]["review_status"] == "open"

    page.get_by_role("tab", name="管理").click()
    page.get_by_label("工作人员密钥").fill(STAFF_KEY)
    page.get_by_role("button", name="进入管理").click()
    expect(page.locator("#review-table")).to_contain_text("试用期最长可以约定多久？", timeout=30_000)
    shot(page, "admin_reviews")
    page.context.close()


def test_fill_a_document_and_download_the_docx(assistant, served, browser, shot, tmp_path):
    import docx

    page = open_page(browser, served.url)
    page.get_by_role("tab", name="文书起草").click()
    page.get_by_label("文书类型").click()
    page.get_by_role("option", name="被迫解除劳动合同通知书").click()
    page.get_by_label("劳动者姓名（必填）").filter(visible=True).fill("李四")
    page.get_by_label("用人单位名称（必填）").filter(visible=True).fill("某某物流有限公司")
    page.get_by_label("入职日期（必填）").filter(visible=True).fill("2021-05-10")
    page.locator("#make-docx").click()
    preview = page.locator("#doc-preview")
    preview.get_by_text("某某物流有限公司").first.wait_for(timeout=60_000)
    assert "李四" in preview.inner_text()
    page.locator("#download-docx").wait_for(state="visible", timeout=30_000)
    shot(page, "document_desktop")
    with page.expect_download(timeout=30_000) as info:
        page.locator("#download-docx").click()
    target = tmp_path / "draft.docx"
    info.value.save_as(target)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "被迫解除劳动合同通知书" in text and "李四" in text and "某某物流有限公司" in text
    page.context.close()


def test_the_page_reads_well_on_a_phone(assistant, served, browser, shot):
    page = open_page(browser, served.url, phone=True)
    shot(page, "home_phone")
    ask(page, QUESTION)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, "nothing forces sideways scrolling on a phone"
    shot(page, "consult_phone")
    page.get_by_role("tab", name="计算器").click()
    shot(page, "calculator_phone")
    page.context.close()
