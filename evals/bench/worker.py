"""One measured step in a fresh process, so timings and resident memory are not blurred by earlier steps.

    python -m evals.bench.worker ingest --data-dir D PATH...
    python -m evals.bench.worker search --data-dir D --queries Q.json --rounds 3
    python -m evals.bench.worker rank-bm25 --data-dir D --queries Q.json --limit 40
    python -m evals.bench.worker answer_stream --data-dir D --questions Q.json --rounds 3

Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path


def rss_mb() -> float:
    try:
        import psutil

        return round(psutil.Process().memory_info().rss / 2**20, 1)
    except ImportError:  # /proc fallback (Linux)
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return round(pages * resource.getpagesize() / 2**20, 1)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KB on Linux


def children_peak_rss_mb() -> float:
    """Largest peak of any finished child (ingest may parse files in worker processes)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: what a busy shared machine does not inflate."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def spread(items: list, limit: int) -> list:
    """``limit`` items evenly spaced over the list, so a bounded sample covers every dataset, not just the first."""
    if limit >= len(items):
        return list(items)
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _assistant(data_dir: str):
    from assistant import Assistant

    return Assistant.from_settings(data_dir=Path(data_dir), retrieval_mode="lexical")


def do_ingest(args) -> dict:
    a = _assistant(args.data_dir)
    t0, c0 = time.perf_counter(), cpu_seconds()
    report = a.ingest([Path(p) for p in args.paths])
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    stats = a.stats()
    rejected = getattr(report, "rejected", None)
    return {
        "seconds": round(seconds, 3),
        "cpu_s": round(cpu, 3),
        "provisions": stats.get("provisions"),
        "articles": stats.get("articles"),
        "statutes": stats.get("statutes"),
        "rejected": len(rejected) if isinstance(rejected, list) else None,
        "rss_mb": rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
        "children_peak_rss_mb": children_peak_rss_mb(),
    }


def do_search(args) -> dict:
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    a = _assistant(args.data_dir)
    a.search(queries[0]["question"], k=args.k)  # opens the index, loads BM25 and jieba
    open_s = time.perf_counter() - t0
    for q in queries:  # warm-up round, not timed
        a.search(q["question"], k=args.k)
    rounds, cpu_rounds, ranked = [], [], {}
    for _ in range(args.rounds):
        times, cpu = [], []
        for q in queries:
            s, c = time.perf_counter(), time.process_time()
            hits = a.search(q["question"], k=args.k)
            times.append((time.perf_counter() - s) * 1000)
            # CPU time (all threads): the wait for a core on a busy machine is not in it
            cpu.append((time.process_time() - c) * 1000)
            ranked[q["id"]] = [h.id for h in hits]
        rounds.append(times)
        cpu_rounds.append(cpu)
    return {
        "open_s": round(open_s, 3),
        "rounds": rounds,
        "cpu_rounds": cpu_rounds,
        "ranked": ranked,
        "provisions": len(a.index),
        "rss_mb": rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
    }


def do_rank_bm25(args) -> dict:
    """LangChain's BM25Retriever (rank_bm25 Okapi) over the same provisions and the same stored jieba tokens."""
    from langchain_community.retrievers import BM25Retriever
    from langchain_core.documents import Document
    from rank_bm25 import BM25Okapi

    from assistant.index.tokenize import tokenize

    queries = spread(json.loads(Path(args.queries).read_text(encoding="utf-8")), args.limit)
    a = _assistant(args.data_dir)
    t0 = time.perf_counter()
    index = a.index
    tokens = index.tokens()
    docs = [Document(page_content="", metadata={"id": pid}) for pid in index.ids]
    retriever = BM25Retriever(vectorizer=BM25Okapi(tokens), docs=docs, k=args.k, preprocess_func=tokenize)
    build_s = time.perf_counter() - t0
    retriever.invoke(queries[0]["question"])  # warm-up
    times, cpu, ranked = [], [], {}
    for q in queries:
        s, c = time.perf_counter(), time.process_time()
        found = retriever.invoke(q["question"])
        times.append((time.perf_counter() - s) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        ranked[q["id"]] = [d.metadata["id"] for d in found]
    return {
        "build_s": round(build_s, 3),
        "latencies": times,
        "cpu_latencies": cpu,
        "ranked": ranked,
        "rss_mb": rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
    }


def do_answer_stream(args) -> dict:
    """Offline answers (no language model whatever the environment says): ms to the first bytes and the end."""
    from evals.bench.answer_stream import first_bytes_in_process

    questions = json.loads(Path(args.questions).read_text(encoding="utf-8"))
    out = first_bytes_in_process(questions, args.rounds)
    return {**out, "rss_mb": rss_mb()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="evals.bench.worker")
    sub = parser.add_subparsers(dest="op", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("--data-dir", required=True)
    p.add_argument("paths", nargs="+")
    p = sub.add_parser("search")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("-k", type=int, default=10)
    p = sub.add_parser("rank-bm25")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--limit", type=int, default=40)
    p.add_argument("-k", type=int, default=10)
    p = sub.add_parser("answer_stream")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--questions", required=True)
    p.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    ops = {"ingest": do_ingest, "search": do_search, "rank-bm25": do_rank_bm25, "answer_stream": do_answer_stream}
    result = ops[args.op](args)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
