"""The relevance floor retrieval sets and the answer keeps: a search hit below it is not offered as a basis."""

from __future__ import annotations

from assistant.answering.retrieve import ExactReferences, gather_bases, matches_question
from assistant.retrieval.tuning import RELEVANCE_FLOOR


def test_search_hits_below_the_floor_are_not_offered_as_bases(assistant):
    question = "加班费怎么算"
    hits = assistant.search(question, k=10)
    below = {h.id for h in hits if h.relevance < RELEVANCE_FLOOR}
    assert below, [(h.id, h.relevance) for h in hits]  # the question has a hit the floor must stop
    bases = gather_bases(assistant, question, [], ExactReferences())
    offered = {b.provision.id for b in bases}
    assert offered and not offered & below
    assert {h.id for h in hits if h.relevance >= RELEVANCE_FLOOR} <= offered


def test_a_hit_nothing_measured_is_kept():
    class Hit:
        relevance = None

    assert matches_question(Hit())
    Hit.relevance = RELEVANCE_FLOOR
    assert matches_question(Hit())
    Hit.relevance = RELEVANCE_FLOOR / 2
    assert not matches_question(Hit())
