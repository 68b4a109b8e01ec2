"""A worker on a 390×844 phone asks three questions (an amount, a follow-up, one out of scope): the verdict and the
amount are on the first screen, a marker [n] or an article's name opens it in one tap, feedback lands on the answer it was given under,
清空对话 resets everything, every tab is in reach and screen readers hear Chinese. Screenshots go to
tests/artifacts/ (look at them)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assistant.ui import facts_card
from assistant.ui.tab_consult import EMPTY_PANEL
from tests.e2e.conftest import ARTIFACTS, open_page

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

AMOUNT = "我在公司干了3年，月薪5000，公司突然把我辞退了，没有任何理由，能拿多少？"
FOLLOW_UP = "其实我月薪是6000"
OUT_OF_SCOPE = "今天天气怎么样？"
TABS = ("咨询", "计算器", "文书起草", "法规查询", "管理")


def answers(page):
    return page.locator("#chat .bot-row")


def under(page, n: int):
    """The buttons drawn under the ``n``-th answer (Gradio puts them right after the answer's bubble)."""
    return answers(page).nth(n).locator("xpath=following-sibling::div[contains(@class, 'message-buttons')][1]")


def send_with_enter(page, text: str, count: int) -> None:
    """Type a question and press Enter (no button); wait until the ``count``-th answer is complete."""
    box = page.locator("#question textarea")
    box.fill(text)
    box.press("Enter")
    expect(answers(page)).to_have_count(count, timeout=90_000)
    expect(page.locator("#citations")).not_to_contain_text("正在核对引用", timeout=90_000)
    expect(box).to_have_value("", timeout=30_000)
    page.wait_for_timeout(400)  # the scroll to the new answer runs right after it is complete


def on_first_screen(page, locator) -> bool:
    """Visible without scrolling: inside the window and inside the chat's scrolled view."""
    box = locator.bounding_box()
    chat = page.locator("#chat").bounding_box()
    return bool(box and chat) and 0 <= box["y"] and box["y"] + box["height"] <= 844 \
        and chat["y"] <= box["y"] and box["y"] + box["height"] <= chat["y"] + chat["height"]


def english_labels(page) -> list[str]:
    labels = page.evaluate("""() => [...document.querySelectorAll('[aria-label],[title]')]
        .flatMap(e => [e.getAttribute('aria-label'), e.getAttribute('title')]).filter(Boolean)""")
    # a message's label carries its own text (which may hold 5000 or Shift); its start is what the page names
    return [v for v in labels if not v.startswith(("你说：", "回答：")) and re.search(r"[A-Za-z]{3,}", v)]


def test_three_questions_on_a_phone(assistant, served, browser, shot):
    page = open_page(browser, served.url, phone=True)  # the browser speaks English: the page still says Chinese
    for name in TABS:
        tab = page.get_by_role("tab", name=name)
        expect(tab).to_be_visible()
        box = tab.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"{name} is in reach without a hidden menu"
    assert english_labels(page) == [], "screen readers hear Chinese"

    # Shift+Enter is a new line, not a question
    box = page.locator("#question textarea")
    box.fill("第一行")
    box.press("Shift+Enter")
    box.type("第二行")
    expect(box).to_have_value("第一行\n第二行")
    expect(answers(page)).to_have_count(0)

    send_with_enter(page, AMOUNT, 1)
    first = answers(page).nth(0)
    verdict = first.get_by_text("结论", exact=True)
    amount = first.get_by_text(re.compile(r"30000\.00 元")).first
    assert on_first_screen(page, verdict), "the new answer shows from its start, not its end"
    assert on_first_screen(page, amount), "the amount is on the first screen"
    page.screenshot(path=str(ARTIFACTS / "phone_chat_first_screen.png"))
    assert english_labels(page) == []

    article = first.locator("details.cite summary").filter(has_text="劳动合同法第八十七条").first
    article_text = first.locator("details.cite").filter(has_text="劳动合同法第八十七条").first
    expect(article_text.get_by_text("经济补偿标准的二倍")).to_be_hidden()
    # the marker after the amount's article leads to that article: one tap opens it and brings it into view
    marker = first.locator("a.cite-ref").first
    n = marker.inner_text().strip("[]")
    assert article.inner_text().startswith(f"[{n}] "), "the amount's marker is the number of its article"
    marker.tap()
    expect(article_text.get_by_text("经济补偿标准的二倍")).to_be_visible()
    page.wait_for_timeout(300)
    assert on_first_screen(page, article), "the article is scrolled into view, not left below the fold"
    assert "条文已核对" in article.inner_text()
    article_text.screenshot(path=str(ARTIFACTS / "phone_chat_article_open.png"))
    article.tap()  # its name folds it again, and opens it: the law stays one tap away
    expect(article_text.get_by_text("经济补偿标准的二倍")).to_be_hidden()
    article.tap()
    expect(article_text.get_by_text("经济补偿标准的二倍")).to_be_visible()

    send_with_enter(page, FOLLOW_UP, 2)
    expect(page.locator("#facts-card")).to_contain_text("6000元", timeout=30_000)
    send_with_enter(page, OUT_OF_SCOPE, 3)
    shot(page, "phone_chat_three_answers")

    # feedback under the first answer is on the first answer, not on the latest one
    store = served.feedback
    before = len(store.list())
    under(page, 0).get_by_role("button", name="没帮助").tap()
    expect(page.locator("#feedback-note")).to_contain_text("已记在", timeout=30_000)
    under(page, 1).get_by_role("button", name="请人工复核").tap()
    expect(page.locator("#feedback-note")).to_contain_text("人工复核", timeout=30_000)
    assert under(page, 2).get_by_role("button", name="有帮助").is_visible(), "each answer has its own buttons"
    rows = sorted(store.list(), key=lambda r: r["id"])[before:]
    assert [(r["question"], r["rating"], r["review_requested"]) for r in rows] == [
        (AMOUNT, "unhelpful", False), (FOLLOW_UP, None, True)]
    assert "30000" in rows[0]["answer"] and rows[0]["citations"]

    page.locator("#clear-chat").click()
    expect(answers(page)).to_have_count(0)
    expect(page.locator("#citations")).to_contain_text(EMPTY_PANEL.strip("_"))
    expect(page.locator("#facts-card")).to_contain_text(facts_card.EMPTY_CARD.strip("_")[:10])
    expect(page.locator("#feedback-note")).not_to_contain_text("已")
    expect(page.locator(".action-btn:visible")).to_have_count(0)  # no actions left from the old answers
    shot(page, "phone_chat_cleared")
    send_with_enter(page, OUT_OF_SCOPE, 1)
    assert "6000" not in page.locator("#facts-card").inner_text(), "the old case is gone, not kept for the next"
    page.context.close()


def test_the_api_docs_load_with_no_internet(served, browser):
    """Chromium resolves no host but loopback here: /docs and /redoc draw from the app's own assets."""
    page = browser.new_context().new_page()
    page.goto(served.url + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("劳动维权助手", timeout=30_000)
    page.goto(served.url + "/redoc")
    expect(page.locator("h1").first).to_contain_text("劳动维权助手", timeout=30_000)
    page.context.close()
