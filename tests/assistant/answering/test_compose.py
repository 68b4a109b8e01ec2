"""The offline composer on its own: the parts of an answer are gathered from the real corpus (guides, search,
calculators, the case read from the question), then composed section by section and read as a worker would."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.answering.calc import calculations_for
from assistant.answering.clarify import clarifying_question
from assistant.answering.compose import OfflineComposer
from assistant.answering.compose_marks import Numbering, compose_sections
from assistant.answering.compose_text import human_number, sections_of
from assistant.answering.offline import OfflineParts
from assistant.answering.retrieve import exact_references, gather_bases, match_guides
from assistant.answering.routing import route
from assistant.answering.verify import CitationResolver
from assistant.facts import read_conversation

TODAY = date(2025, 6, 1)
NO_REASON = "我在公司干了3年，月薪5000，公司突然把我辞退了，没有任何理由，能拿多少？"


def composed(assistant, question: str, today: date = TODAY):
    """(composer, sections, text) for one question, composed offline from the same parts the pipeline uses."""
    case = read_conversation([question])
    exact = exact_references(assistant, question)
    matches = route(case, match_guides(question))
    bases = gather_bases(assistant, question, matches, exact, province=case.place.province, city=case.place.city)
    calculations = calculations_for(case, question, [k for m in matches[:1] for k in m.guide.calculators])
    parts = OfflineParts(question, bases, matches, exact, calculations, clarifying_question(case, question,
                                                                                            calculations), case=case)
    composer = OfflineComposer(parts, today=today)
    sections = list(compose_sections(composer, CitationResolver(assistant), Numbering()))
    text = "\n\n".join(s.body for s in sections)
    return composer, sections, text


def section(sections, key: str) -> str:
    return next((s.body for s in sections if s.key == key), "")


def basis_labels(sections) -> dict[int, str]:
    """法律依据 as shown: marker → the article's name."""
    return {int(n): label for n, label in re.findall(r"^\[(\d+)\] \*\*(.+?)\*\*", section(sections, "basis"), re.M)}


def test_an_amount_comes_first_with_its_formula_and_article(assistant):
    composer, sections, text = composed(assistant, NO_REASON)
    head = text[:400]
    assert "30000.00 元" in head, "the worker's amount is on the first screen"
    assert "5000 × 3 × 2" in head, "with the one-line formula it comes from"
    assert re.search(r"依据劳动合同法第八十七条\[\d+\]", head), "and the article it rests on, marked"
    [line] = composer.amounts
    assert (line.amount, line.articles[0]) == ("30000.00", "劳动合同法#87")
    assert [s.key for s in sections][:3] == ["conclusion", "amounts", "next_steps"]


def test_a_missing_fact_gives_one_question_and_no_amount(assistant):
    composer, sections, text = composed(assistant, "公司把我辞退了，能拿多少补偿？")
    question = composer.parts.clarifying
    assert question and text.count(question) == 1, "the question is asked once"
    amounts = section(sections, "amounts")
    assert amounts.count("\n- ") == 0 and amounts.startswith("- 还要确认一件事"), "one question stands in its place"
    assert not composer.amounts and "元**" not in amounts, "no amount from a number the worker did not state"


def test_every_article_shown_is_one_the_answer_uses(assistant):
    _, sections, _ = composed(assistant, NO_REASON)
    shown = basis_labels(sections)
    above = "\n".join(s.body for s in sections if s.key != "basis")
    assert shown and sorted(shown) == list(range(1, len(shown) + 1))
    for n, label in shown.items():
        assert re.search(rf"{re.escape(label)}\[{n}\]|第[一二三四五六七八九十百零]+条\[{n}\]", above), \
            f"[{n}] {label} is shown only because a sentence above uses it"
    assert set(re.findall(r"\[(\d+)\]", above)) <= {str(n) for n in shown}, "every marker leads to an article"


def test_a_guide_article_the_facts_do_not_touch_is_not_reasoned_on(assistant):
    """解释（一）第五十条 is about work rules; a dismissal 'without any reason' does not turn on it, one for breaking
    the rules does."""
    rules = "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）第五十条"
    _, sections, _ = composed(assistant, NO_REASON)
    assert rules not in basis_labels(sections).values()
    _, sections, _ = composed(assistant, "公司说我违反规章制度把我辞退了，这合法吗？")
    assert rules in basis_labels(sections).values()


def test_the_deadline_is_a_date_from_the_workers_own_dates(assistant):
    composer, sections, text = composed(assistant, "2025年3月1日公司把我辞退了，没有任何理由，我该怎么办？")
    deadline = composer.deadline
    assert deadline is not None and deadline.kind == "arbitration"
    last = date.fromisoformat(deadline.date)
    assert last.year == 2026 and last > TODAY
    said = f"最晚在{last.year}年{last.month}月{last.day}日前申请仲裁"
    assert said in section(sections, "next_steps"), "the step says the date, not 'within a year'"


def test_no_date_stated_means_no_deadline_date(assistant):
    composer, sections, _ = composed(assistant, NO_REASON)
    assert composer.deadline is None
    assert "最晚在" not in section(sections, "next_steps")


@pytest.mark.parametrize(("raw", "shown"), [("累计工作 3.333333333333333333333333333 年", "累计工作 3.33 年"),
                                            ("5000 × 3 = 15000.00 元", "5000 × 3 = 15000.00 元")])
def test_figures_are_for_people(raw, shown):
    assert human_number(raw) == shown


def test_a_model_answer_is_read_into_its_sections():
    text = "## 结论\n可以要求补偿[1]。\n\n## 下一步\n1. 申请仲裁。\n\n## 为什么\n依据第三十八条[1][2]。"
    sections = sections_of(text)
    assert [(s.key, s.folded, s.refs) for s in sections] == [
        ("conclusion", False, [1]), ("next_steps", False, []), ("why", True, [1, 2])]
    assert text[sections[-1].start:sections[-1].end].startswith("## 为什么")
