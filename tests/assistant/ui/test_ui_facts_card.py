"""The 「我理解的情况」 card: shown back from the case, corrected in place, and the answer follows the correction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import gradio as gr
import pytest

from assistant.facts import CaseFacts, FactsInputError, FactSource
from assistant.ui import facts_card, tab_consult
from assistant.ui.access import Door
from assistant.ui.app import document_case

FIRST = "公司突然把我辞退了，没有任何理由"
SECOND = "我干了3年，月薪5000，能拿多少？"
WAGE = facts_card.FIELDS.index(next(f for f in facts_card.FIELDS if f.path == "pay.monthly_wage"))


def a_case() -> CaseFacts:
    facts = CaseFacts(pay={"monthly_wage": Decimal("5000")}, employment={"hire_date": date(2021, 3, 1)},
                      event={"termination": "unlawful_dismissal"})
    facts.sources["employment.hire_date"] = FactSource(by="rules", turn=0, quote="21年3月", approximate=True)
    return facts


def test_the_card_shows_each_fact_with_its_label_and_marks_an_approximate_one():
    text = facts_card.card_markdown(a_case())
    assert "**月工资（元）**：5000元" in text
    assert "被单位无理由（违法）辞退" in text, "a choice is shown by its Chinese label, not its code"
    assert "2021年3月1日（约）" in text
    assert facts_card.card_markdown(None) == facts_card.EMPTY_CARD
    assert facts_card.card_markdown(CaseFacts()) == facts_card.EMPTY_CARD


def test_the_form_shows_the_facts_as_typed_and_only_edits_are_corrections():
    case = a_case()
    values = facts_card.form_values(case)
    shown = dict(zip([f.path for f in facts_card.FIELDS], values, strict=True))
    assert shown["pay.monthly_wage"] == "5000"
    assert shown["employment.hire_date"] == "2021年3月", "a date given without its day is not shown as the 1st"
    assert shown["event.termination"] == "unlawful_dismissal" and shown["place.city"] == ""
    assert facts_card.corrections(case, values) == {}
    values[WAGE] = " 6000 "
    assert facts_card.corrections(case, values) == {"pay.monthly_wage": "6000"}
    values[WAGE] = ""
    assert facts_card.corrections(case, values) == {"pay.monthly_wage": ""}


def test_the_ending_is_chosen_from_chinese_labels():
    choices = dict(facts_card.termination_choices())
    assert choices["未说明"] == "" and choices["被单位无理由（违法）辞退"] == "unlawful_dismissal"
    assert all(not label.isascii() for label in choices)


def test_a_correction_that_cannot_be_read_says_why_and_changes_nothing():
    case = a_case()
    with pytest.raises(FactsInputError) as info:
        facts_card.corrected(case, {"pay.monthly_wage": "六千多块吧", "place.city": "深圳市"})
    assert "月工资" in facts_card.error_text(info.value) and "没有改动" in facts_card.error_text(info.value)
    assert case.pay.monthly_wage == Decimal("5000") and case.place.city is None


def test_a_correction_is_kept_as_the_worker_entered_it():
    fixed = facts_card.corrected(a_case(), {"pay.monthly_wage": "6,000元", "dates.leave_date": "2024年6月30日"})
    assert fixed.pay.monthly_wage == Decimal("6000")
    assert facts_card.entered_by_user(fixed) == {"pay.monthly_wage": "6000", "dates.leave_date": "2024-06-30"}
    assert "（你更正的）" in facts_card.card_markdown(fixed)


# A browser's request as Gradio hands it to a handler (no key: anonymous, allowed on the test settings).
BROWSER = SimpleNamespace(headers={}, client=SimpleNamespace(host="127.0.0.1"))


def handlers(services):
    """The consult tab's own event handlers, by name, as the page runs them."""
    with gr.Blocks() as demo:
        tab = tab_consult.build(lambda: services.assistant, services, Door(services))
    fns = {f.fn.__name__: f.fn for f in demo.fns.values() if f.fn is not None}
    return tab, fns


def last_output(gen) -> list:
    """What the page shows once a streaming handler is done: its last update."""
    return list(list(gen)[-1])


# outputs: question, chat, citations, guide, last, answers, case, card, *fields, note, *actions
CHAT, LAST, ANSWERS, CASE, CARD, FIELDS_AT = 1, 4, 5, 6, 7, 8


def test_the_conversation_keeps_its_case_and_the_answer_follows_a_correction(services):
    tab, fns = handlers(services)
    n = len(facts_card.FIELDS)
    out = last_output(fns["respond"](FIRST, [], None, {}, "", request=BROWSER))
    chat, last, answers, case = out[CHAT], out[LAST], out[ANSWERS], out[CASE]
    assert case is not None and case.event.termination == "unlawful_dismissal"
    out = last_output(fns["respond"](SECOND, chat, case, answers, "", request=BROWSER))
    chat, last, answers, case = out[CHAT], out[LAST], out[ANSWERS], out[CASE]
    card, fields = out[CARD], out[FIELDS_AT:FIELDS_AT + n]
    assert "5000元" in card and "月工资" in card
    assert "30000" in chat[-1]["content"], "2N from both turns: 5000 × 3 × 2"
    assert fields[WAGE] == "5000"

    fields = list(fields)
    fields[WAGE] = "不清楚"  # unreadable: shown next to the card, nothing re-asked
    bad = last_output(fns["recompute_answer"](last, chat, case, answers, "", BROWSER, *fields))
    assert "月工资" in bad[FIELDS_AT + n] and all(u == gr.update() for u in bad[:FIELDS_AT + n])

    fields[WAGE] = "6000"
    out = last_output(fns["recompute_answer"](last, chat, case, answers, "", BROWSER, *fields))
    new_chat, new_case = out[CHAT], out[CASE]
    assert len(new_chat) == len(chat), "the recomputed answer replaces the last one"
    assert "36000" in new_chat[-1]["content"] and "30000" not in new_chat[-1]["content"]
    assert new_case.pay.monthly_wage == Decimal("6000") and "6000元" in out[CARD]
    assert new_case.event.termination == "unlawful_dismissal", "the rest of the case is kept"
    assert "36000" in out[ANSWERS][len(new_chat) - 1]["answer"], "feedback on it is on the recomputed answer"

    cleared = fns["clear_all"]()
    assert cleared[CHAT] == [] and cleared[CASE] is None and cleared[CARD] == facts_card.EMPTY_CARD
    assert cleared[ANSWERS] == {} and cleared[LAST] == {}


def test_a_document_opened_from_the_chat_starts_from_the_case():
    case = a_case()
    filled_case, filled = document_case(case, "arbitration_application", {"worker": {"name": "张三"}})
    assert filled_case["monthly_wage"] == "5000" and filled_case["worker"] == {"name": "张三"}
    assert "monthly_wage" in filled and "worker.name" not in filled
    assert document_case(None, "arbitration_application", {}) == ({}, [])


def test_feedback_lands_on_the_answer_it_was_given_under(services):
    tab, fns = handlers(services)
    out = last_output(fns["respond"](FIRST, [], None, {}, "", request=BROWSER))
    out = last_output(fns["respond"](SECOND, out[CHAT], out[CASE], out[ANSWERS], "", request=BROWSER))
    answers = out[ANSWERS]
    assert sorted(answers) == [1, 3], "one answer per assistant message, by its place in the chat"

    note, _, answers = tab.rate(answers, "说得不清楚", liked="没帮助", index=1, request=BROWSER)
    assert "已记在" in note and FIRST[:10] in note
    again, _, answers = tab.rate(answers, "", liked="没帮助", index=1, request=BROWSER)  # one tap sent twice
    tab.rate(answers, "", liked="请人工复核", index=3, request=BROWSER)
    rows = sorted(services.feedback.list(), key=lambda r: r["id"])
    assert [(r["question"], r["rating"], r["comment"], r["review_requested"]) for r in rows] == [
        (FIRST, "unhelpful", "说得不清楚", False), (SECOND, None, "", True)]
    assert "30000" in rows[1]["answer"]
    assert "不是回答" in tab.rate(answers, "", liked="有帮助", index=0, request=BROWSER)[0], "a question is not rated"
