"""Offline answers stream section by section: how soon the first bytes reach the worker (target ≤ 100 ms).

Over a lexical index of the default corpus (laws, cases, extra, local), no language model:

- in process: from calling ``Assistant.ask_stream`` to its first token event with text, and to the final event,
  for every answerable question of the project's question set, ``rounds`` timed rounds after three warm-up
  questions worded unlike them (the first round is each question's first time);
- over HTTP: the same questions to ``POST /v1/ask`` with ``"stream": true`` on uvicorn serving the API in its own
  process on loopback, from sending the request to the first ``event: token`` line (what a phone receives first).

    labor bench answer                       # both, a fresh index of ../shared/corpus/{laws,cases,extra,local}
    labor bench answer --rounds 3 --http-questions 40 --data-dir /tmp/labor-index   # reuse an index
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from evals.bench.labor import SHARED_CORPUS, build_index, worker
from evals.bench.stats import summarize
from evals.datasets import PROJECT_DATASETS
from evals.metrics import percentile

DEFAULT_CORPUS = [SHARED_CORPUS / name for name in ("laws", "cases", "extra", "local")]
TARGET_FIRST_BYTES_MS = 100.0
WARM_UP = ["加班费怎么算", "被辞退了有没有补偿", "工伤怎么认定"]  # not in the timed set's wording


def answer_questions(path: Path = PROJECT_DATASETS / "questions.jsonl") -> list[str]:
    """The project's own questions that expect an answer (refusals and redirects answer without retrieval)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows if r.get("expect", "answer") == "answer"]


def first_bytes_in_process(questions: list[str], rounds: int) -> dict:
    """Worker step (run in a fresh process by :func:`bench_answer_stream`): per question, ms to the first token
    event with text and to the final event."""
    from assistant import Assistant

    a = Assistant.from_settings(llm_base_url=None, llm_model=None)  # offline whatever the environment says
    for q in WARM_UP:  # index open, guides and lay keys loaded; the timed questions are each asked afresh
        list(a.ask_stream(q))
    first, total = [], []
    for _ in range(rounds):
        for q in questions:
            t0 = time.perf_counter()
            got = None
            for event in a.ask_stream(q):
                if got is None and event.type == "token" and event.text:
                    got = time.perf_counter() - t0
            total.append((time.perf_counter() - t0) * 1000)
            first.append((got if got is not None else total[-1] / 1000) * 1000)
    return {"first_ms": first, "total_ms": total}


def _first_token_over_sse(http, question: str) -> float:
    t0 = time.perf_counter()
    with http.stream("POST", "/v1/ask", json={"question": question, "stream": True}) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if line.startswith("event: token"):
                return (time.perf_counter() - t0) * 1000
    raise RuntimeError("no token event over SSE")


def first_bytes_over_http(data_dir: Path, questions: list[str]) -> dict:
    import httpx

    from evals.bench_api import _free_port, _serve_api_subprocess, _wait_ready

    port = _free_port()
    proc = _serve_api_subprocess(data_dir, port)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc)
        with httpx.Client(base_url=url, timeout=60) as http:
            for q in questions[:3]:
                _first_token_over_sse(http, q)  # warm-up
            times = [_first_token_over_sse(http, q) for q in questions]
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    return {"first_ms": times}


def _figures(values: list[float]) -> dict:
    out = summarize(values, digits=1)
    if values:
        out["p50"] = round(percentile(values, 50), 1)
        out["within_target"] = round(sum(v <= TARGET_FIRST_BYTES_MS for v in values) / len(values), 3)
    return out


def bench_answer_stream(corpus: list[Path] | None = None, rounds: int = 3, http_questions: int = 40,
                        data_dir: Path | None = None) -> dict:
    corpus = corpus or DEFAULT_CORPUS
    questions = answer_questions()
    with tempfile.TemporaryDirectory(prefix="labor-bench-answer-") as tmp:
        tmp = Path(tmp)
        if data_dir is None:
            data_dir = tmp / "data"
            build_index(corpus, data_dir)
        qfile = tmp / "questions.json"
        qfile.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
        direct = worker("answer_stream", "--questions", str(qfile), "--rounds", str(rounds), data_dir=data_dir)
        over_http = first_bytes_over_http(data_dir, questions[:http_questions]) if http_questions else None
    first = _figures(direct["first_ms"])
    result = {
        "corpus": [str(c) for c in corpus],
        "questions": len(questions),
        "rounds": rounds,
        "in_process": {"first_bytes_ms": first, "final_ms": _figures(direct["total_ms"])},
        "target": {"metric": "p95 ms to the first bytes (in process)", "goal": TARGET_FIRST_BYTES_MS,
                   "met": first.get("p95", float("inf")) <= TARGET_FIRST_BYTES_MS},
    }
    if over_http is not None:
        sse = _figures(over_http["first_ms"])
        result["over_http"] = {"questions": len(over_http["first_ms"]), "first_bytes_ms": sse}
        result["target"]["http_met"] = sse.get("p95", float("inf")) <= TARGET_FIRST_BYTES_MS
    return result
