"""Ranking metrics against rankings computed by hand."""

import math

import pytest

from evals.metrics import (
    first_rank,
    hit_at,
    mean_metrics,
    ndcg_at,
    percentile,
    recall_at,
    reciprocal_rank,
    score_ranking,
)

RANKED = ["劳动法#44", "劳动合同法#38", "劳动合同法#46", "工伤保险条例#14", "劳动合同法#47"]


def test_hit_at_k_counts_only_the_first_k_results():
    gold = {"劳动合同法#46"}
    assert hit_at(RANKED, gold, 1) == 0.0
    assert hit_at(RANKED, gold, 2) == 0.0
    assert hit_at(RANKED, gold, 3) == 1.0
    assert hit_at(RANKED, gold, 10) == 1.0


def test_recall_is_the_share_of_gold_found():
    gold = {"劳动合同法#38", "劳动合同法#47", "劳动合同法#87"}
    assert recall_at(RANKED, gold, 2) == pytest.approx(1 / 3)
    assert recall_at(RANKED, gold, 5) == pytest.approx(2 / 3)


def test_reciprocal_rank_uses_the_first_gold_position():
    assert reciprocal_rank(RANKED, {"工伤保险条例#14", "劳动合同法#47"}) == pytest.approx(1 / 4)
    assert reciprocal_rank(RANKED, {"刑法#276-1"}) == 0.0
    assert first_rank(RANKED, {"劳动法#44"}) == 1


def test_duplicate_ids_do_not_push_later_results_down_or_count_twice():
    ranked = ["劳动法#44", "劳动法#44", "劳动合同法#38"]
    assert first_rank(ranked, {"劳动合同法#38"}) == 2
    assert recall_at(["劳动合同法#38", "劳动合同法#38"], {"劳动合同法#38", "劳动合同法#39"}, 2) == 0.5


def test_ndcg_matches_a_hand_computation():
    # gold at ranks 2 and 5; ideal puts the two gold ids at ranks 1 and 2
    gold = {"劳动合同法#38", "劳动合同法#47"}
    dcg = 1 / math.log2(3) + 1 / math.log2(6)
    ideal = 1 / math.log2(2) + 1 / math.log2(3)
    assert ndcg_at(RANKED, gold, 10) == pytest.approx(dcg / ideal)
    assert ndcg_at(RANKED, gold, 3) == pytest.approx((1 / math.log2(3)) / ideal)
    assert ndcg_at(["劳动合同法#38", "劳动合同法#47"], gold, 10) == pytest.approx(1.0)


def test_empty_gold_scores_zero_rather_than_dividing_by_zero():
    assert recall_at(RANKED, set(), 10) == 0.0
    assert ndcg_at(RANKED, set(), 10) == 0.0


def test_score_ranking_and_mean():
    a = score_ranking(RANKED, {"劳动法#44"})
    b = score_ranking(RANKED, {"刑法#276-1"})
    assert a["hit@1"] == 1.0 and a["mrr"] == 1.0 and b["hit@10"] == 0.0
    mean = mean_metrics([a, b])
    assert mean["hit@1"] == 0.5 and mean["mrr"] == 0.5
    assert mean_metrics([]) == {}


def test_percentile_interpolates_like_numpy():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10.0], 95) == 10.0
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
