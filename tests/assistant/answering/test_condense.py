"""Condensing a follow-up by rule: the earlier turns of the same matter go with it, a change of subject stands
alone, and retrieval reads the turn as what is asked and the earlier turns as the matter."""

from __future__ import annotations

import pytest

from assistant.answering.condense import CONTEXT_CHARS, condense_by_rule, normalize_history, same_matter
from assistant.retrieval.intent import FOLLOW_UP, split_follow_up


def _history(*user_turns: str):
    turns = []
    for text in user_turns:
        turns += [("user", text), ("assistant", "……")]
    return normalize_history(turns)


def test_a_follow_up_carries_the_earlier_turns_most_recent_first():
    history = _history("公司没有任何理由把我辞退了", "我在这干了三年")
    assert condense_by_rule("月薪五千，能拿多少", history) == f"我在这干了三年；公司没有任何理由把我辞退了{FOLLOW_UP}月薪五千，能拿多少"


def test_a_follow_up_in_its_own_words_stands_alone():
    # the guides and calculators read the condensed text too: the earlier turns must not choose for them
    history = _history("公司没有任何理由把我辞退了")
    question = "公司这两年一直没跟我签劳动合同，我能要二倍工资吗？"
    assert condense_by_rule(question, history) == question


def test_a_change_of_subject_stands_alone_and_ends_the_earlier_matter():
    history = _history("公司三个月没发工资", "我想辞职")
    change = "另外一个问题，我朋友在工地上摔伤了，包工头跑了"
    assert condense_by_rule(change, history) == change
    after = _history("公司三个月没发工资", change)
    assert same_matter("他这种情况能认定工伤吗", after) == [change]
    assert "没发工资" not in condense_by_rule("他这种情况能认定工伤吗", after)


def test_no_history_and_a_long_history_are_bounded():
    assert condense_by_rule("加班费怎么算", []) == "加班费怎么算"
    history = _history(*[f"第{n}轮说的是公司拖欠工资和加班费的事情，老板一直不给，我们很着急" for n in range(20)])
    context, question = condense_by_rule("能拿多少", history).split(FOLLOW_UP)
    assert question == "能拿多少" and len(context) <= CONTEXT_CHARS + 20 and context.startswith("第19轮")


@pytest.mark.parametrize("query, expected", [
    (f"公司没理由辞退我{FOLLOW_UP}能拿多少", ("能拿多少", "公司没理由辞退我")),
    ("公司没理由辞退我，能拿多少", ("公司没理由辞退我，能拿多少", "")),
    (f"公司没理由辞退我{FOLLOW_UP}", (f"公司没理由辞退我{FOLLOW_UP}", "")),
])
def test_retrieval_splits_the_turn_from_its_matter(query, expected):
    assert split_follow_up(query) == expected


@pytest.mark.parametrize("earlier, question, gold", [
    ("公司没有任何理由把我辞退了，今天通知明天就不用来了", "干了三年月薪五千能拿多少", "劳动合同法#87"),
    ("我在车间操作冲床，手指被压断了，公司没给我交工伤保险", "治疗期间工资照发吗", "工伤保险条例#33"),
])
def test_the_earlier_turns_take_a_vague_follow_up_to_its_article(assistant, earlier, question, gold):
    alone = [h.id for h in assistant.search(question, k=10)]
    with_history = [h.id for h in assistant.search(condense_by_rule(question, _history(earlier)), k=10)]
    assert gold not in alone and gold in with_history, with_history


def test_retrieval_reads_every_follow_up_with_its_matter_but_the_guides_read_the_question_alone():
    from assistant.answering.condense import retrieval_query
    from assistant.answering.models import Turn

    history = [Turn(role="user", content="公司三个月没发工资，我想辞职"), Turn(role="assistant", content="……")]
    follow_up = "单位让我签竞业限制协议，不给补偿有效吗"  # stands on its own words: not condensed for the guides
    assert condense_by_rule(follow_up, history) == follow_up
    searched = retrieval_query(follow_up, history)
    assert searched.startswith("公司三个月没发工资") and searched.endswith(follow_up)
    assert retrieval_query("另外一个问题，我朋友在工地摔伤了怎么办", history) == "另外一个问题，我朋友在工地摔伤了怎么办"
    assert retrieval_query(follow_up, []) == follow_up
    condensed = condense_by_rule("那能要补偿吗", history)
    assert retrieval_query(condensed, history) == condensed  # carries its turns once
