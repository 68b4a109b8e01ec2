"""The national corpus (``../shared/scale/national-laws.tar.gz``, ~147k articles): ingest time, search latency,
resident memory, and LangChain's BM25Retriever (rank_bm25) side by side on the same queries and tokens.

Each step runs in its own process (``evals.bench.worker``). A step that fails is recorded with its error and the
steps that depend on it are skipped, so a partial result is still written.
"""

from __future__ import annotations

import tarfile
import tempfile
import time
from pathlib import Path

from evals.bench.labor import eval_queries, worker, write_queries
from evals.bench.stats import latency_rounds, summarize
from evals.datasets import REPO_DIR
from evals.metrics import hit_at, percentile

NATIONAL_TARBALL = REPO_DIR.parent / "shared" / "scale" / "national-laws.tar.gz"
TARGETS = {"ingest_s": 180.0, "search_p95_ms": 50.0, "rss_mb": 2048.0, "speedup": 20.0}


def unpack(tarball: Path, dest: Path) -> float:
    t0 = time.perf_counter()
    with tarfile.open(tarball) as tar:
        tar.extractall(dest, filter="data")
    return time.perf_counter() - t0


def hit10(ranked: dict[str, list[str]], queries: list[dict]) -> float | None:
    scored = [q for q in queries if q["gold"] and q["id"] in ranked]
    if not scored:
        return None
    return round(sum(hit_at(ranked[q["id"]], q["gold"], 10) for q in scored) / len(scored), 4)


def _step(result: dict, name: str, fn, echo):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 — record the failure, keep what was measured
        result.setdefault("errors", {})[name] = str(exc)[-1500:]
        echo(f"{name} failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
        return None


def bench_scale(
    tarball: Path = NATIONAL_TARBALL,
    ingest_repeats: int = 1,
    search_rounds: int = 3,
    langchain_queries: int = 40,
    data_dir: Path | None = None,
    exclude: list[str] | None = None,
    echo=print,
) -> dict:
    """``data_dir``: an index of the national corpus built earlier (skips unpacking and ingest). ``exclude``: paths
    (globs, relative to the unpacked corpus) removed before ingest — recorded in the result."""
    result: dict = {"targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="labor-bench-scale-") as tmp:
        tmp = Path(tmp)
        if data_dir is None:
            corpus = tmp / "national"
            corpus.mkdir()
            result["unpack_s"] = round(unpack(tarball, corpus), 2)
            echo(f"unpacked {tarball.name} in {result['unpack_s']} s")
            removed = [p for pattern in exclude or [] for p in corpus.glob(pattern)]
            for p in removed:
                p.unlink()
            if exclude:
                result["excluded"] = sorted(str(p.relative_to(corpus)) for p in removed)
                echo(f"excluded {len(removed)} file(s): {', '.join(result['excluded'])}")
            ingests = []
            for i in range(ingest_repeats):
                data_dir = tmp / f"data{i}"
                echo(f"lexical ingest {i + 1}/{ingest_repeats} …")
                run = _step(
                    result, "ingest", lambda d=data_dir: worker("ingest", str(corpus), data_dir=d, timeout=3600), echo
                )
                if run is None:
                    return result
                ingests.append(run)
                echo(f"  {run['seconds']} s wall, {run['cpu_s']} s CPU, {run['provisions']} provisions")
            result["ingest"] = _ingest_summary(ingests)
        queries = eval_queries(all_gold=True)  # the national corpus holds 民法典, 公司法 … too
        qfile = write_queries(queries, tmp)
        echo(f"search: {len(queries)} queries × {search_rounds} rounds …")
        ours = _step(
            result,
            "search",
            lambda: worker("search", "--queries", str(qfile), "--rounds", str(search_rounds), data_dir=data_dir),
            echo,
        )
        if ours is None:
            return result
        result["provisions"] = ours["provisions"]
        result["search"] = _search_summary(ours, queries)
        echo(f"LangChain BM25Retriever (rank_bm25): {langchain_queries} queries …")
        theirs = _step(
            result,
            "langchain",
            lambda: worker(
                "rank-bm25", "--queries", str(qfile), "--limit", str(langchain_queries), data_dir=data_dir, timeout=3600
            ),
            echo,
        )
    peak_ingest = (result.get("ingest") or {}).get("peak_rss_mb", {}).get("max", 0)
    serving = result["search"]["rss_mb"]
    result["memory"] = {
        "serving_rss_mb": serving,
        "ingest_peak_rss_mb": peak_ingest,
        "target": {"goal_mb": TARGETS["rss_mb"], "met": max(serving, peak_ingest) <= TARGETS["rss_mb"]},
    }
    if theirs is not None:
        result["vs_langchain_bm25"] = _versus(ours, theirs, queries)
    return result


def _ingest_summary(runs: list[dict]) -> dict:
    seconds = summarize([r["seconds"] for r in runs])
    peaks = [max(r["peak_rss_mb"], r.get("children_peak_rss_mb", 0)) for r in runs]
    return {
        "seconds": seconds,
        "cpu_s": summarize([r["cpu_s"] for r in runs]),
        "peak_rss_mb": summarize(peaks),
        "provisions": runs[-1]["provisions"],
        "target": {"goal_s": TARGETS["ingest_s"], "met": seconds["median"] <= TARGETS["ingest_s"]},
    }


def _search_summary(ours: dict, queries: list[dict]) -> dict:
    lat = latency_rounds(ours["rounds"])
    return {
        "latency": lat,
        "cpu_latency": latency_rounds(ours["cpu_rounds"]),
        "open_s": ours["open_s"],
        "rss_mb": ours["rss_mb"],
        "peak_rss_mb": ours["peak_rss_mb"],
        "hit@10": hit10(ours["ranked"], queries),
        "target": {"goal_p95_ms": TARGETS["search_p95_ms"], "met": lat["p95_ms"]["median"] <= TARGETS["search_p95_ms"]},
    }


def _versus(ours: dict, theirs: dict, queries: list[dict]) -> dict:
    """Per-query medians on exactly the queries LangChain ran (its query count is bounded: it is slow)."""
    same = [q for q in queries if q["id"] in theirs["ranked"]]
    pick = {q["id"] for q in same}

    def on_same(rounds: list[list[float]]) -> list[float]:
        return [t for r in rounds for q, t in zip(queries, r, strict=False) if q["id"] in pick]

    ours_ms, ours_cpu = percentile(on_same(ours["rounds"]), 50), percentile(on_same(ours["cpu_rounds"]), 50)
    theirs_ms, theirs_cpu = percentile(theirs["latencies"], 50), percentile(theirs["cpu_latencies"], 50)
    speedup = theirs_ms / ours_ms if ours_ms else None
    ours_hit, theirs_hit = hit10(ours["ranked"], same), hit10(theirs["ranked"], same)
    return {
        "queries": len(same),
        "langchain_build_s": theirs["build_s"],
        "langchain_rss_mb": theirs["rss_mb"],
        "ours_median_ms": round(ours_ms, 3),
        "langchain_median_ms": round(theirs_ms, 3),
        "langchain_latency_ms": summarize(theirs["latencies"]),
        "speedup": round(speedup, 1) if speedup else None,
        "cpu_speedup": round(theirs_cpu / ours_cpu, 1) if ours_cpu else None,
        "ours_hit@10": ours_hit,
        "langchain_hit@10": theirs_hit,
        "target": {
            "goal_speedup": TARGETS["speedup"],
            "met": bool(speedup and speedup >= TARGETS["speedup"] and (ours_hit or 0) >= (theirs_hit or 0)),
        },
    }
