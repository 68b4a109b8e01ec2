"""Offline answers (no language model): structured, quoted from the corpus, labeled, with calculators."""

from __future__ import annotations

import re

import pytest

from assistant.answering import InvalidQuestionError
from assistant.answering.models import OFFLINE_LABEL
from assistant.citations import parse_citations

WAGE_QUESTION = "老板三个月没发工资，我想辞职，还能要到补偿吗？"


def test_offline_answer_has_every_section_and_the_label(offline_service):
    a = offline_service.ask(WAGE_QUESTION)
    assert a.mode == "offline"
    assert a.answer.count(OFFLINE_LABEL) == 1  # said once, not at the top and again at the end
    for heading in ("## 结论", "## 下一步", "## 为什么", "## 法律依据", "## 要准备的证据"):
        assert heading in a.answer
    unfolded = [s.key for s in a.sections if not s.folded]
    assert unfolded[0] == "conclusion" and "next_steps" in unfolded
    assert a.sections[len(unfolded) - 1].key == unfolded[-1]  # the folded parts all come after the first screen
    assert {s.key for s in a.sections if s.folded} >= {"why", "basis", "evidence"}
    assert "12333" in a.answer  # channels with their phone numbers
    assert "一年" in a.answer  # the arbitration deadline
    assert {"wage_arrears", "forced_resignation"} <= set(a.guides)
    assert a.disclaimer


def test_offline_legal_basis_quotes_the_deciding_articles_verbatim(offline_service, assistant):
    a = offline_service.ask(WAGE_QUESTION)
    basis = a.answer.split("## 法律依据", 1)[1].split("\n## ", 1)[0]
    ids = {c.id for c in parse_citations(basis, laws=assistant.laws)}
    assert "劳动合同法#38" in ids
    art38 = assistant.provision_by_id("劳动合同法#38").text.split("\n")[0]
    assert f"> {art38}" in basis


def test_every_citation_of_an_offline_answer_resolves_and_is_in_force(offline_service, assistant):
    for q in (WAGE_QUESTION, "公司一直不跟我签劳动合同，已经干了八个月了", "上班路上出了车祸算工伤吗",
              "加班不给加班费怎么办", "怀孕了公司要辞退我"):
        a = offline_service.ask(q)
        assert a.citations, q
        assert "未核实" not in a.answer, q
        for c in a.citations:
            p = assistant.provision_by_id(c.id)
            assert c.verified and p is not None and p.in_force and c.text == p.text, (q, c.id)


def test_question_about_a_nonexistent_article_is_answered_without_a_model(llm_service):
    service, model = llm_service("不应被调用")
    a = service.ask("劳动法第一百零八条是什么内容？")
    assert "没有第一百零八条" in a.answer and "一百零七条" in a.answer
    assert model.calls == []
    assert a.warnings


def test_nonexistent_article_inside_a_real_question_is_called_out(offline_service):
    a = offline_service.ask("劳动合同法第一百零八条说公司可以拖欠工资，是真的吗？")
    assert "《劳动合同法》没有第一百零八条" in a.answer
    assert "## 法律依据" in a.answer


def test_asking_for_an_existing_article_quotes_it_first(offline_service, assistant):
    a = offline_service.ask("劳动合同法第三十九条规定了什么？")
    basis = a.answer.split("## 法律依据", 1)[1]
    assert basis.lstrip().startswith("[1] **劳动合同法第三十九条**")
    assert a.citations[0].id == "劳动合同法#39" and a.citations[0].n == 1 and a.citations[0].state == "条文已核对"


def test_numbers_in_the_question_give_a_calculation_with_formula(offline_service):
    a = offline_service.ask("我在公司干了4年，月工资8000元，公司违法辞退我，能拿多少赔偿？")
    amounts = a.section_text("amounts")
    assert "64000.00" in amounts and "8000 × 4 × 2" in amounts
    assert a.answer.index("64000.00") < 400  # the amount is on the first screen
    assert a.amounts[0].amount == "64000.00" and "劳动合同法#87" in a.amounts[0].articles
    action = next(x for x in a.suggested_actions if x.type == "calculator")
    assert action.id == "unlawful_termination"
    assert action.prefilled == {"service_months": 48, "monthly_wage": "8000"}
    assert a.clarifying_question is None
    assert any(x.type == "document" and x.id == "arbitration_application" for x in a.suggested_actions)


def test_compensation_without_service_or_wage_asks_for_them_one_at_a_time(offline_service):
    a = offline_service.ask("公司把我辞退了，经济补偿能拿多少？")
    assert a.clarifying_question and "工龄" in a.clarifying_question and "工资" not in a.clarifying_question
    follow = offline_service.ask("干了3年", history=[{"role": "user", "content": "公司把我辞退了，经济补偿能拿多少？"}])
    assert follow.clarifying_question and "工资" in follow.clarifying_question


def test_minimum_wage_without_a_region_asks_where(offline_service):
    assert "哪个省" in (offline_service.ask("最低工资是多少？").clarifying_question or "")
    assert offline_service.ask("深圳的最低工资是多少？").clarifying_question is None


def test_follow_up_is_condensed_with_the_history(offline_service):
    history = [{"role": "user", "content": "公司一直不跟我签劳动合同，已经干了八个月了"},
               {"role": "assistant", "content": "可以要求二倍工资……"}]
    a = offline_service.ask("那我离职了还能要吗？", history=history)
    assert "no_written_contract" in a.guides
    assert "签劳动合同" in a.question


@pytest.mark.parametrize("bad", ["", "   ", None, 42, "问" * 5000])
def test_bad_questions_raise_a_typed_error_in_chinese(offline_service, bad):
    with pytest.raises(InvalidQuestionError) as info:
        offline_service.ask(bad)
    assert re.search(r"[\u4e00-\u9fff]", info.value.message)


def test_stream_is_tokens_then_exactly_one_final_event(offline_service):
    events = list(offline_service.ask_stream(WAGE_QUESTION))
    assert [e.type for e in events[:-1]] == ["token"] * (len(events) - 1)
    assert events[-1].type == "final" and events[-1].answer.mode == "offline"
    assert "".join(e.text for e in events[:-1]) == events[-1].answer.answer


def test_guide_calculator_runs_when_the_question_has_its_numbers(offline_service):
    a = offline_service.ask("公司三个月没发工资了，我在这干了两年，月薪六千，想辞职能拿多少补偿？")
    calc = a.section_text("amounts") + a.section_text("why")
    assert "12000.00" in calc and "6000 × 2" in calc
    # the calculator's bare "第四十六条" is read as its own law's article, not the last law named before it
    assert "未核实" not in calc and not a.warnings
    assert a.clarifying_question is None


def test_no_corpus_is_reported_before_streaming_starts(fresh_settings):
    from assistant import Assistant
    from assistant.answering import AnswerService
    from assistant.errors import IndexNotFoundError

    service = AnswerService(Assistant.from_settings(fresh_settings), chat_model=None)
    with pytest.raises(IndexNotFoundError) as info:
        service.ask_stream("公司拖欠工资怎么办？")
    assert "labor ingest" in info.value.message
