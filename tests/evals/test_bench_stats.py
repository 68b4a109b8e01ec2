"""Benchmark arithmetic on synthetic measurements (no timing is asserted: speed lives in ``labor bench``)."""

from evals.bench.scale import _versus, hit10
from evals.bench.stats import latency_rounds, summarize
from evals.bench.summary import summary_lines


def test_summarize_reports_median_and_spread_not_a_single_run():
    s = summarize([3.0, 1.0, 2.0, 10.0])
    assert s == {"n": 4, "median": 2.5, "min": 1.0, "max": 10.0, "p95": 8.95, "spread": 9.0}
    assert summarize([]) == {"n": 0}


def test_latency_rounds_takes_percentiles_per_round_then_across_rounds():
    rounds = [[1.0] * 19 + [20.0], [2.0] * 19 + [40.0], [1.0] * 20]
    lat = latency_rounds(rounds)
    assert lat["rounds"] == 3 and lat["queries_per_round"] == 20
    assert lat["p50_ms"]["median"] == 1.0
    assert lat["p95_ms"]["median"] == 1.95  # per-round p95s: 1.95, 3.9, 1.0


def test_side_by_side_compares_on_the_same_queries_only():
    queries = [{"id": "a", "gold": ["劳动法#44"]}, {"id": "b", "gold": ["劳动合同法#38"]}, {"id": "c", "gold": ["x#1"]}]
    ours = {
        "rounds": [[1.0, 2.0, 100.0]],
        "cpu_rounds": [[1.0, 2.0, 100.0]],
        "ranked": {"a": ["劳动法#44"], "b": ["劳动合同法#38"], "c": []},
    }
    theirs = {
        "latencies": [40.0, 60.0],
        "cpu_latencies": [30.0, 50.0],
        "build_s": 9.0,
        "rss_mb": 900.0,
        "ranked": {"a": ["劳动法#44"], "b": ["劳动法#1"]},
    }
    v = _versus(ours, theirs, queries)
    assert v["queries"] == 2
    assert v["ours_median_ms"] == 1.5 and v["langchain_median_ms"] == 50.0  # query c (100 ms) is not compared
    assert v["speedup"] == 33.3 and v["cpu_speedup"] == 26.7
    assert v["ours_hit@10"] == 1.0 and v["langchain_hit@10"] == 0.5
    assert v["target"]["met"] is True
    assert hit10(ours["ranked"], queries) == round(2 / 3, 4)


def test_slower_or_less_accurate_side_by_side_misses_the_target():
    queries = [{"id": "a", "gold": ["劳动法#44"]}]
    ours = {"rounds": [[10.0]], "cpu_rounds": [[10.0]], "ranked": {"a": []}}
    theirs = {
        "latencies": [500.0],
        "cpu_latencies": [500.0],
        "build_s": 1.0,
        "rss_mb": 1.0,
        "ranked": {"a": ["劳动法#44"]},
    }
    assert _versus(ours, theirs, queries)["target"]["met"] is False  # 50× faster but worse hit@10


def test_summary_names_each_figure_with_its_target_and_failures():
    lines = summary_lines("scale", {"errors": {"ingest": "Traceback …\nsqlite3.IntegrityError: UNIQUE constraint"}})
    assert lines[-1] == "  ingest FAILED: sqlite3.IntegrityError: UNIQUE constraint"
    cold = summary_lines(
        "coldstart", {"seconds": summarize([2.0, 2.5, 4.0]), "cpu_s": summarize([1.0]), "target": {"met": True}}
    )
    assert "median 2.5 s" in cold[1] and "target met" in cold[1]


def test_bounded_langchain_sample_spans_all_datasets():
    from evals.bench.worker import spread

    queries = [f"a{i}" for i in range(10)] + [f"b{i}" for i in range(10)] + [f"c{i}" for i in range(10)]
    sample = spread(queries, 6)
    assert len(sample) == 6 and {q[0] for q in sample} == {"a", "b", "c"}
    assert spread(queries[:3], 6) == queries[:3]
