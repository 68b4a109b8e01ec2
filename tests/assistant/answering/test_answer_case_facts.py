"""Answers read the worker's case once and use it: the examples that misread it before, end to end (offline)."""

from __future__ import annotations

import pytest

from assistant.answering.service import AnswerService
from assistant.facts import FactsInputError


@pytest.fixture
def service(assistant) -> AnswerService:
    return AnswerService(assistant, chat_model=None)


def test_the_stated_average_wage_caps_unlawful_dismissal_pay(service):
    a = service.ask("在厂里干了19年10个月，月工资28000，当地上年度职工月平均工资9000元，被违法辞退，赔偿金多少")
    assert "648000.00" in a.answer and "1120000" not in a.answer
    assert "27000 × 12 × 2" in a.answer
    assert a.facts.pay.local_average_wage == 9000


def test_overtime_pays_all_three_kinds_of_hours(service):
    a = service.ask("工作日加班20小时，周末加班16小时，法定节假日加班24小时，月薪6000，加班费多少")
    assert "6000 ÷ 174 × (20 × 1.5 + 16 × 2 + 24 × 3)" in a.answer
    assert "4620.69" in a.answer


def test_being_fired_is_routed_as_a_dismissal_and_no_reason_means_2n(service):
    fired = service.ask("老板把我炒了，干了3年，月薪5000")
    assert fired.guides[0] == "unlawful_termination"
    assert "30000.00" in fired.answer  # 2N shown beside N: the reason is not known yet
    no_reason = service.ask("公司没理由把我开了，干了3年，月薪5000")
    assert "30000.00" in no_reason.answer and "15000.00" not in no_reason.answer


def test_a_follow_up_inherits_the_dismissal_and_differs_from_the_same_words_alone(service):
    history = [{"role": "user", "content": "公司突然把我辞退了，没有任何理由"},
               {"role": "assistant", "content": "……"}]
    follow = service.ask("我干了3年，月薪5000，能拿多少？", history=history)
    alone = service.ask("我干了3年，月薪5000，能拿多少？")
    assert "5000 × 3 × 2 = 30000.00" in follow.answer
    assert follow.answer != alone.answer and "30000.00" not in alone.answer


def test_a_correction_through_facts_changes_the_amount_and_is_said(service):
    history = [{"role": "user", "content": "公司突然把我辞退了，没有任何理由"}]
    a = service.ask("我干了3年，月薪5000，能拿多少？", history=history, facts={"pay.monthly_wage": "6000"})
    assert "36000.00" in a.answer and a.facts.pay.monthly_wage == 6000
    assert any("5000元 → 6000元" in w for w in a.warnings)
    kept = service.ask("那我还能要求年假工资吗？", history=history, facts=a.facts)  # the case kept by the client
    assert kept.facts.pay.monthly_wage == 6000 and kept.facts.event.termination == "unlawful_dismissal"


def test_contradictory_or_absurd_figures_get_a_question_not_an_amount(service):
    for question in ("月薪5000，月薪8000，被辞退了能拿多少", "月薪123456789元，被辞退了能拿多少，干了3年"):
        a = service.ask(question)
        assert a.clarifying_question and "请确认" in a.clarifying_question
        assert "金额：" not in a.answer


def test_service_that_may_reach_before_2008_asks_for_the_hire_date(service):
    a = service.ask("在厂里干了19年10个月，月工资28000，公司提出协商解除，经济补偿多少")
    assert a.clarifying_question == "你是哪年哪月开始在这家单位上班的？"


def test_2n_from_a_span_that_may_reach_before_2008_shows_the_amount_and_asks_for_the_hire_date(service):
    story = "干了19年10个月，月工资28000，当地上年度职工月平均工资9000元，被违法辞退，赔偿金多少"
    a = service.ask("在厂里" + story)
    assert "648000.00" in a.answer
    assert a.clarifying_question.startswith("你是哪年哪月开始在这家单位上班的？")
    assert "各地做法不一" in a.answer[:600]  # beside the amount, on the first screen
    dated = service.ask("2012年3月进厂，" + story)
    assert not dated.clarifying_question


def test_a_correction_that_cannot_be_read_is_refused_before_answering(service):
    with pytest.raises(FactsInputError) as err:
        service.ask("被辞退了能拿多少", facts={"pay.monthly_wage": "很多"})
    assert err.value.path == "pay.monthly_wage"
