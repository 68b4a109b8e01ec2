"""A worker on a phone in a real browser: the 「我理解的情况」 card shows what the chat understood, the worker
corrects the wage in the card, and the answer's amount follows. Screenshots go to tests/artifacts/ (look at them)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, open_page

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

FIRST = "公司突然把我辞退了，没有任何理由"
SECOND = "我干了3年，月薪5000，能拿多少？"


def say(page, text: str, answered: str) -> None:
    """Send a message and wait until the answer (``answered`` in its bubble) and the card are in."""
    page.locator("#question textarea").fill(text)
    page.locator("#send").click()
    expect(page.locator("#chat")).to_contain_text(answered, timeout=90_000)
    expect(page.locator("#citations")).not_to_contain_text("正在核对引用", timeout=90_000)


def test_correct_the_wage_in_the_card_and_the_amount_follows(assistant, served, browser, shot):
    page = open_page(browser, served.url, phone=True)
    card = page.locator("#facts-card")
    say(page, FIRST, "辞退")
    expect(card).to_contain_text("被单位无理由（违法）辞退", timeout=30_000)

    say(page, SECOND, "30000")
    expect(card).to_contain_text("月工资", timeout=30_000)
    expect(card).to_contain_text("5000元")
    expect(card).to_contain_text("3年")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1, "no sideways scrolling on a phone"
    card.scroll_into_view_if_needed()
    shot(page, "facts_card_phone")

    page.get_by_text("说得不对？在这里更正").click()
    wage = page.get_by_role("textbox", name="月工资（元）")
    expect(wage).to_have_value("5000", timeout=30_000)
    wage.fill("6000")
    page.locator("#recompute").click()
    expect(page.locator("#chat")).to_contain_text("36000", timeout=90_000)
    expect(card).to_contain_text("6000元", timeout=30_000)
    assert "30000" not in page.locator("#chat").inner_text(), "the recomputed answer replaces the old amount"
    page.locator("#facts-box").scroll_into_view_if_needed()
    shot(page, "facts_card_corrected_phone")
    page.locator("#facts-box").screenshot(path=str(ARTIFACTS / "facts_card_box_phone.png"))  # the card as seen

    page.get_by_role("textbox", name="月工资（元）").fill("不清楚")
    page.locator("#recompute").click()
    expect(page.locator("#facts-note")).to_contain_text("月工资", timeout=30_000)
    expect(card).to_contain_text("6000元")
    page.context.close()
