"""What a question asks: "how do I get it back" asks how a dispute is taken up; paperwork and a customer's complaint
do not, though they share its words (assistant/retrieval/intent.py)."""

import pytest

from assistant.retrieval.intent import read_intent


@pytest.mark.parametrize("question", [
    "老板拖着三个月的工钱不给，我们怎么才能把钱要回来？",
    "公司扣了我的提成，我想维权，从哪开始",
    "加班费公司一直拖着不给，我要怎么维护自己的合法权益",
])
def test_asking_how_to_get_what_is_owed_asks_how_a_dispute_is_handled(question):
    assert read_intent(question).procedure


@pytest.mark.parametrize("question", [
    "公司通知我下周去办离职手续，这种情况我能拿经济补偿吗？",
    "我们的社保是公司找人事代理公司交的，这样合法吗？",
    "有顾客投诉了我一次，公司就要扣我半个月工资，这样可以吗？",
    "退休流程走完了，单位还欠我两个月工资，还能要吗",
])
def test_paperwork_and_a_customer_s_complaint_are_not_dispute_procedure(question):
    assert not read_intent(question).procedure


@pytest.mark.parametrize("question", [
    "医疗期满了我还是干不了原来的活怎么办",  # what the law gives, not where to go
    "离职证明公司也不给开怎么办",
])
def test_a_bare_what_now_is_not_read_as_procedure(question):
    assert not read_intent(question).procedure


@pytest.mark.parametrize("question", [
    "申请劳动仲裁要准备哪些材料和手续？",
    "我想投诉公司拖欠工资，去哪里投诉",
    "离职手续办完了，公司还是不给工资，能去仲裁吗",  # the paperwork is told, the arbitration asked
])
def test_dispute_procedure_is_still_read_beside_paperwork(question):
    assert read_intent(question).procedure


def test_a_question_on_getting_wages_back_reaches_the_ways_of_taking_it_up(everything):
    question = "厂里三个月没发工资了，老板一直躲着不见人，我们怎么才能把工钱要回来？"
    top = [h.id for h in everything.search(question, k=6)]
    assert len([pid for pid in top if pid.startswith("劳动争议调解仲裁法#")]) >= 2, top
    assert {"劳动合同法#30", "劳动合同法#85"} <= set(top)  # the wage articles stay ahead
