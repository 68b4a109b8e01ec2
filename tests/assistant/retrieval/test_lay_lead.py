"""The best-matching lay key's article votes once more beside the guides' list (retriever.LAY_LEAD): a situation
told in words the statute does not use reaches its article even when a guide's articles share the question's words."""

import pytest

BROKE_A_MACHINE = "我不小心把店里的咖啡机弄坏了，老板说每个月从工资里扣一半赔给他，能这么扣吗？"
DROPPED_THE_GOODS = "送货时把客户的货摔坏了，公司要我一次赔两千，直接从这个月工资里扣，我一个月才三千"
DEDUCTION_FOR_DAMAGE = "工资支付暂行规定#16"  # at most 20% of the month's wage, never below the minimum wage


@pytest.fixture
def retriever(everything):
    retriever = everything.retriever
    lead, routing = retriever.lay_lead, retriever.use_routing
    yield retriever
    retriever.lay_lead, retriever.use_routing = lead, routing


def test_damage_deducted_from_wages_reaches_the_deduction_rule(everything):
    assert DEDUCTION_FOR_DAMAGE in [h.id for h in everything.search(BROKE_A_MACHINE, k=10)]
    assert DEDUCTION_FOR_DAMAGE in [h.id for h in everything.search(DROPPED_THE_GOODS, k=3)]


def test_the_second_vote_is_not_shown_as_a_route(everything):
    hits = everything.search(DROPPED_THE_GOODS, k=10)
    assert all("lay_lead" not in h.matched_by for h in hits)
    assert "lay" in next(h for h in hits if h.id == DEDUCTION_FOR_DAMAGE).matched_by


def test_without_the_guides_list_the_keys_list_votes_alone(everything, retriever):
    retriever.use_routing = False
    with_lead = [h.id for h in everything.search(BROKE_A_MACHINE, k=10)]
    retriever.lay_lead = 0.0
    assert [h.id for h in everything.search(BROKE_A_MACHINE, k=10)] == with_lead
