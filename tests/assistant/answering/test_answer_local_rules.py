"""Where the worker works decides which local rules an answer may rest on: that place's, never another's."""

from __future__ import annotations

import pytest

LOCAL_PREFIXES = ("上海", "北京", "广东", "山东", "河南", "重庆", "浙江")




def _local_laws(answer) -> set[str]:
    return {c.law for c in answer.citations if c.law.startswith(LOCAL_PREFIXES)}


@pytest.mark.parametrize(("question", "province", "law"), [
    ("我在杭州市上班，生孩子产假能休多少天？", "浙江省", "浙江省人口与计划生育条例"),
    ("我在广州工作，生孩子产假有多少天", "广东省", "广东省人口与计划生育条例"),
])
def test_an_answer_rests_on_the_local_rule_of_the_workers_place_only(everything, question, province, law):
    answer = everything.ask(question)
    assert answer.facts.place.province == province
    local = _local_laws(answer)
    assert law in local and all(x.startswith(province[:2]) for x in local), local
    assert law in answer.answer  # named in the answer, not only listed


def test_without_a_place_no_local_rule_is_the_basis(everything):
    answer = everything.ask("我怀孕了，产假能休多少天？")
    assert not _local_laws(answer)


def test_a_place_the_corpus_has_no_rules_for_is_said_so(everything):
    answer = everything.ask("我在成都市上班，生孩子产假能休多少天？")
    assert answer.facts.place.city == "成都市" and not _local_laws(answer)
    assert "法规库里没有找到成都市在这方面的地方规定" in answer.answer
