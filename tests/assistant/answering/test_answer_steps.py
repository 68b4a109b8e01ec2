"""The small steps on their own: condensing by rule, exact references, guide-fed retrieval, noise detection."""

from __future__ import annotations

from assistant.answering.condense import condense_by_rule, normalize_history
from assistant.answering.generate import looks_like_answer
from assistant.answering.retrieve import (
    exact_references,
    gather_bases,
    last_article,
    match_guides,
)
from assistant.answering.safety import clarifying_question


def test_history_accepts_dicts_pairs_and_drops_junk():
    turns = normalize_history([{"role": "user", "content": "甲"}, ("assistant", "乙"), {"role": "system", "content": "x"},
                               {"role": "user", "content": "  "}, 42, None])
    assert [(t.role, t.content) for t in turns] == [("user", "甲"), ("assistant", "乙")]


def test_follow_up_gets_the_previous_question_but_a_new_subject_stands_alone():
    history = normalize_history([("user", "公司一直不跟我签劳动合同"), ("assistant", "可以要求二倍工资")])
    assert condense_by_rule("那我离职了还能要吗？", history).startswith("公司一直不跟我签劳动合同")
    standalone = "公司拖欠了我三个月工资，我现在可以直接申请劳动仲裁吗？"
    assert condense_by_rule(standalone, history).endswith(standalone)
    new_subject = "另外一个问题，公司拖欠了我三个月工资，我现在可以直接申请劳动仲裁吗？"
    assert condense_by_rule(new_subject, history) == new_subject


def test_exact_references_split_existing_and_missing(assistant):
    found = exact_references(assistant, "劳动合同法第三十八条和劳动法第一百零八条是什么关系")
    assert [p.id for p in found.found] == ["劳动合同法#38"]
    assert found.missing == ["《劳动法》没有第一百零八条（现行《劳动法》共一百零七条），请核对条号。"]
    assert last_article(assistant, "劳动合同法") == 98
    assert last_article(assistant, "没有这部法") is None


def test_guides_feed_retrieval_and_exact_references_come_first(assistant):
    question = "劳动合同法第八十二条，公司一直不跟我签劳动合同"
    matches = match_guides(question)
    bases = gather_bases(assistant, question, matches, exact_references(assistant, question))
    ids = [b.provision.id for b in bases]
    assert ids[0] == "劳动合同法#82"
    guide_only = set(matches[0].guide.articles) - {h.id for h in assistant.search(question, k=10)}
    assert guide_only and guide_only <= set(ids)  # articles no search found arrive through the guide
    assert all(b.provision.in_force for b in bases)


def test_noise_is_not_an_answer():
    assert looks_like_answer("根据劳动合同法，你可以要求经济补偿。")
    assert not looks_like_answer("asdf qwer 1234 !!!!")
    assert not looks_like_answer("\x00\x01正常文字")
    assert not looks_like_answer("   ")
    assert looks_like_answer("1. **结论**：可以")  # markdown and numbering are not noise


def test_clarifying_uses_the_facts_the_calculators_found():
    q = "公司把我辞退了，补偿能拿多少？"
    assert "工龄" in clarifying_question(q) and "月工资" in clarifying_question(q)
    assert clarifying_question(q, {"service_months": 30, "monthly_wage": 6000}) is None
    assert "工龄" not in clarifying_question(q, {"start_date": "2020-01-01"})
