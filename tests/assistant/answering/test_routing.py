"""Routing by the decisive fact: what happened to the worker chooses the guide, not the words that happen to occur."""

from __future__ import annotations

import pytest

from assistant.answering.routing import ROUTES, decisive_guides, route
from assistant.facts import read_text
from assistant.facts.model import CaseFacts, FactNote, fact_paths
from assistant.guides import classify, load_guides


def _ids(matches) -> list[str]:
    return [m.guide.id for m in matches]


@pytest.mark.parametrize("question", ["老板把我炒了，干了3年，月薪5000", "老板把我炒了，干了3年，月薪5000，上个月工资也没发"])
def test_a_dismissal_goes_to_the_dismissal_guide_not_to_wages(question):
    facts = CaseFacts(event={"termination": "dismissed"}, pay={"monthly_wage": 5000})
    routed = route(facts, classify(question))
    assert routed[0].guide.id == "unlawful_termination"
    assert "辞退" in routed[0].reason


def test_the_dismissal_outranks_wages_even_when_the_words_say_wages_louder():
    question = "老板把我炒了，干了3年，月薪5000，上个月工资也没发"
    matches = classify(question)
    assert matches[0].guide.id == "wage_arrears"  # what the words alone would answer
    facts = CaseFacts(event={"termination": "dismissed", "unpaid_wages": True})
    assert _ids(route(facts, matches))[:2] == ["unlawful_termination", "wage_arrears"]


def test_a_guide_the_words_missed_is_inserted_with_the_fact_that_chose_it():
    question = "干了3年，月薪5000，能拿多少？"  # a follow-up: the dismissal was said in an earlier turn
    matches = classify(question)
    assert "unlawful_termination" not in _ids(matches)
    facts = CaseFacts(event={"termination": "unlawful_dismissal"}, pay={"monthly_wage": 5000})
    routed = route(facts, matches)
    first = routed[0]
    assert first.guide.id == "unlawful_termination"
    assert first.matched == [] and first.score == 0
    assert "违法辞退" in first.reason
    # the guides the words matched are kept, below the decisive one, in their lexical order
    assert _ids(routed[1:]) == _ids(matches)[: len(routed) - 1]


def test_pregnancy_comes_before_the_dismissal_and_the_wages():
    question = "我怀孕五个月，公司把我辞退了，还欠我两个月工资"
    facts = CaseFacts(event={"pregnant": True, "termination": "dismissed", "unpaid_wages": True})
    matches = classify(question, k=5)
    assert matches[0].guide.id != "female_workers"
    routed = route(facts, matches)
    assert _ids(routed)[:3] == ["female_workers", "unlawful_termination", "wage_arrears"]


def test_a_pay_issue_during_nursing_goes_to_the_female_workers_guide():
    facts = CaseFacts(event={"nursing": True, "pay_cut": True})
    routed = route(facts, classify("公司把我工资降了两千"))
    assert routed[0].guide.id == "female_workers"
    assert "哺乳期" in routed[0].reason


@pytest.mark.parametrize("worker", [{"past_retirement_age": True}, {"receiving_pension": True}])
def test_past_retirement_age_changes_the_guide_before_the_injury(worker):
    facts = CaseFacts(worker=worker, event={"injury": True})
    routed = route(facts, classify("在工地上干活摔断了腿，老板不管"))
    assert _ids(routed)[:2] == ["over_retirement_age", "work_injury"]


def test_quitting_because_of_the_employer_is_not_an_ordinary_resignation():
    question = "辞职要提前多久通知公司"
    assert classify(question)[0].guide.id == "resignation"
    facts = CaseFacts(event={"termination": "employer_fault_resignation", "resignation_reason": "unpaid_wages"})
    routed = route(facts, classify(question))
    assert routed[0].guide.id == "forced_resignation"
    assert "拖欠工资" in routed[0].reason
    assert _ids(routed)[:2] == ["forced_resignation", "resignation"]


@pytest.mark.parametrize("facts,question,expected", [
    ({"event": {"termination": "no_fault_dismissal"}}, "公司说我不胜任把我辞了", "economic_layoff"),
    ({"event": {"termination": "layoff"}}, "公司要裁员", "economic_layoff"),
    ({"event": {"termination": "employer_closed"}}, "公司没了，工资怎么办", "economic_layoff"),
    ({"event": {"termination": "mutual_by_employer"}}, "公司让我签个协议", "mutual_termination"),
    ({"event": {"termination": "contract_expired"}}, "干了五年，月薪六千", "contract_expiry"),
    ({"event": {"termination": "resigned"}}, "工资还没结", "resignation"),
    ({"employment": {"platform_work": True}}, "送餐路上摔了，工资也被扣", "platform_work"),
    ({"event": {"injury": True}}, "老板拖着工资不给", "work_injury"),
    ({"pay": {"all_inclusive": True}}, "每天干十二个小时，月薪五千", "all_inclusive_pay"),
    ({"event": {"last_place_elimination": True, "termination": "dismissed"}}, "公司把我开了", "last_place_elimination"),
    ({"event": {"wage_iou": True, "unpaid_wages": True}}, "老板欠我两万工资不给", "wage_iou"),
    ({"event": {"low_insurance_base": True}}, "公司给我交的社保太少了", "low_insurance_base"),
])
def test_the_decisive_fact_chooses_the_first_guide(facts, question, expected):
    routed = route(CaseFacts(**facts), classify(question))
    assert routed[0].guide.id == expected, [(m.guide.id, m.reason) for m in routed]


def test_no_written_contract_is_brought_in_beside_the_dismissal():
    facts = CaseFacts(event={"termination": "dismissed"}, employment={"contract_signed": False})
    routed = route(facts, classify("老板叫我明天别来了"))
    assert routed[0].guide.id == "unlawful_termination"
    assert "no_written_contract" in _ids(routed)
    # a signed contract brings nothing in
    signed = route(CaseFacts(employment={"contract_signed": True}), classify("老板叫我明天别来了"))
    assert "no_written_contract" not in _ids(signed)


def test_incidental_matches_drop_below_the_decisive_guides():
    question = "公司一直拖欠工资，这个月又说我迟到扣钱"
    matches = classify(question, k=3)
    assert "contract_expiry" not in _ids(matches)
    facts = CaseFacts(event={"termination": "contract_expired"})
    routed = route(facts, matches)
    assert routed[0].guide.id == "contract_expiry"
    # the incidental matches follow in their lexical order; at most three guides unless more facts call for them
    assert len(routed) == 3
    assert _ids(routed)[1:] == _ids(matches)[:2]


def test_a_lexical_match_that_the_facts_confirm_keeps_its_terms_and_gains_a_reason():
    question = "公司把我辞退了"
    matches = classify(question)
    lexical = next(m for m in matches if m.guide.id == "unlawful_termination")
    routed = route(CaseFacts(event={"termination": "dismissed"}), matches)
    assert routed[0].matched == lexical.matched and routed[0].score == lexical.score
    assert routed[0].reason and not lexical.reason


def test_without_stated_facts_the_words_decide():
    matches = classify("老板三个月没发工资了，我想辞职还能要补偿吗")
    assert route(CaseFacts(), matches) == matches
    assert route(None, matches) == matches


def test_a_doubtful_fact_chooses_nothing():
    facts = CaseFacts(event={"termination": "dismissed"},
                      conflicts=[FactNote(path="event.termination", message="你先说被辞退，后来又说是自己辞职")])
    matches = classify("月薪5000，干了3年")
    assert route(facts, matches) == matches


def test_k_limits_the_guides_returned():
    facts = CaseFacts(event={"pregnant": True, "termination": "dismissed", "unpaid_wages": True})
    assert _ids(route(facts, [], k=2)) == ["female_workers", "unlawful_termination"]
    assert len(route(facts, [])) == 3  # the facts call for three guides
    four = facts.model_copy(deep=True)
    four.employment.contract_signed = False
    assert len(route(four, classify("工资"))) == 4  # every guide the facts call for, even past the default
    assert route(facts, classify("工资"), k=0) == []


def test_several_facts_for_one_guide_are_named_together():
    facts = CaseFacts(event={"pregnant": True, "nursing": True})
    [decisive] = decisive_guides(facts)
    assert decisive.guide == "female_workers"
    assert "怀孕" in decisive.reason and "哺乳期" in decisive.reason


def test_every_route_names_a_real_fact_and_a_real_guide():
    paths = fact_paths()
    guides = {g.id for g in load_guides()}
    for r in ROUTES:
        assert r.path in paths, r
        assert r.guide in guides, r
        assert r.says and r.priority > 0, r


def test_a_new_question_in_a_conversation_leads_with_its_own_guide_and_protected_status_still_leads():
    from assistant.facts import read_conversation

    first_turn = "公司三个月没发工资，我就辞职了"
    question = "单位让我签竞业限制协议，不给补偿有效吗"
    facts = read_conversation([first_turn, question])
    matches = classify(question)
    assert _ids(route(facts, matches))[0] == "forced_resignation"  # the earlier turn's facts, read as decisive
    asked_anew = _ids(route(facts, matches, new_question=question))
    assert asked_anew[0] == "non_compete" and "forced_resignation" in asked_anew

    pregnant = read_conversation(["我怀孕五个月了", "公司要辞退我，能赔多少"])
    routed = route(pregnant, classify("公司要辞退我，能赔多少"), new_question="公司要辞退我，能赔多少")
    assert routed[0].guide.id == "female_workers"


def test_a_fact_said_again_in_the_new_question_still_routes():
    question = "公司三个月没发工资，我辞职了，竞业限制协议还有效吗"
    facts = CaseFacts(event={"resignation_reason": "unpaid_wages", "termination": "employer_fault_resignation"})
    from assistant.facts.model import FactSource

    facts.sources["event.resignation_reason"] = FactSource(turn=1, quote="公司三个月没发工资，我辞职了")
    facts.sources["event.termination"] = FactSource(turn=1, quote="公司三个月没发工资，我辞职了")
    assert route(facts, classify(question), new_question=question)[0].guide.id == "forced_resignation"


def test_an_employer_denying_the_employment_calls_for_confirming_it_first():
    # unpaid wages are the complaint, but no wage claim stands until the employment is confirmed
    question = "老板不承认我是他们的员工，拖了我三个月工资"
    facts = read_text(question)
    assert facts.event.relationship_disputed is True
    routed = route(facts, classify(question))
    assert _ids(routed).index("labor_relation_confirmation") < _ids(routed).index("wage_arrears")
    assert "单位不承认劳动关系" in routed[0].reason
