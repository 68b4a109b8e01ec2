"""Local rules of the worker's place beside the national articles, for questions worded the way workers ask."""

import pytest


# Short questions: the national article (女职工劳动保护特别规定第七条, short, all about 产假) takes the words, and the
# local rule's long article on marriage, birth and childcare leave scores under a third of it on the words alone.
@pytest.mark.parametrize("question, province, expected", [
    ("怀孕了产假多少天", "上海市", "上海市人口与计划生育条例#31"),
    ("怀孕了产假多少天", "浙江省", "浙江省人口与计划生育条例#22"),
    ("生孩子产假能休几天", "北京市", "北京市人口与计划生育条例#18"),
])
def test_a_short_maternity_question_reaches_the_maternity_rule_of_the_place(everything, question, province, expected):
    hits = everything.search(question, k=10, province=province)
    ids = [h.id for h in hits]
    assert expected in ids, ids
    assert ids[0] == "女职工劳动保护特别规定#7"  # the national 98 days still leads
    assert {h.province for h in hits if h.province} == {province}


def test_a_place_without_a_maternity_rule_gets_no_other_place_s_rule(everything):
    hits = everything.search("怀孕了产假多少天", k=10, province="重庆市")
    assert not [h.id for h in hits if "人口与计划生育条例" in h.law], [h.id for h in hits]
