"""One line per figure, next to its target, for the console and the bench report."""

from __future__ import annotations


def _ok(target: dict | None) -> str:
    if not target:
        return ""
    return "  ✓ target met" if target.get("met") else "  ✗ target missed"


def _dist(d: dict | None, unit: str) -> str:
    if not d or not d.get("n"):
        return "–"
    return f"median {d['median']}{unit} (min {d['min']}, max {d['max']}, n={d['n']})"


def summary_lines(name: str, r: dict) -> list[str]:
    lines = [f"[{name}]"]
    if name == "search":
        lines.append(
            f"  warm lexical search p95: {_dist(r['latency']['p95_ms'], ' ms')} over "
            f"{r['latency']['queries_per_round']} queries/round, target ≤ 15 ms{_ok(r.get('target'))}"
        )
        lines.append(
            f"  p50: {_dist(r['latency']['p50_ms'], ' ms')}; CPU-time p95: {_dist(r['cpu_latency']['p95_ms'], ' ms')}"
        )
    elif name == "ingest":
        lines.append(f"  lexical ingest: {_dist(r['seconds'], ' s')}, target ≤ 20 s{_ok(r.get('target'))}")
        lines.append(f"  CPU: {_dist(r.get('cpu_s'), ' s')}; {r.get('provisions')} provisions")
    elif name == "coldstart":
        lines.append(f"  `labor search` cold start: {_dist(r['seconds'], ' s')}, target ≤ 3 s{_ok(r.get('target'))}")
        lines.append(f"  CPU: {_dist(r.get('cpu_s'), ' s')}")
        if r.get("failures"):
            lines.append(f"  failures: {len(r['failures'])}")
    elif name == "answer":
        d = r["in_process"]
        lines.append(
            f"  offline answer, first bytes (in process): p50 {d['first_bytes_ms'].get('p50')} ms, p95 "
            f"{d['first_bytes_ms'].get('p95')} ms, max {d['first_bytes_ms'].get('max')} ms over {r['questions']} "
            f"questions × {r['rounds']} rounds, target p95 ≤ 100 ms{_ok(r.get('target'))}"
        )
        lines.append(f"  whole answer: p50 {d['final_ms'].get('p50')} ms, p95 {d['final_ms'].get('p95')} ms")
        if "over_http" in r:
            h = r["over_http"]["first_bytes_ms"]
            met = (r.get("target") or {}).get("http_met")
            lines.append(
                f"  over HTTP (POST /v1/ask stream, first `event: token`): p50 {h.get('p50')} ms, p95 {h.get('p95')} ms,"
                f" max {h.get('max')} ms over {r['over_http']['questions']} questions"
                + ("  ✓ target met" if met else "  ✗ target missed")
            )
    elif name == "schema":
        from evals.bench.schema_fuzz import summary_lines as schema_lines

        lines += schema_lines(r)
    elif name == "scale":
        if "ingest" in r:
            i = r["ingest"]
            lines.append(
                f"  ingest {i['provisions']} provisions: {_dist(i['seconds'], ' s')} (CPU {_dist(i['cpu_s'], ' s')}),"
                f" target ≤ 180 s{_ok(i.get('target'))}"
            )
        if "search" in r:
            s = r["search"]
            lines.append(
                f"  search p95: {_dist(s['latency']['p95_ms'], ' ms')}, target ≤ 50 ms{_ok(s.get('target'))}; "
                f"CPU p95 {_dist(s['cpu_latency']['p95_ms'], ' ms')}; hit@10 {s.get('hit@10')}"
            )
        if "memory" in r:
            m = r["memory"]
            lines.append(
                f"  memory: serving RSS {m['serving_rss_mb']} MB, ingest peak {m['ingest_peak_rss_mb']} MB,"
                f" target ≤ 2048 MB{_ok(m.get('target'))}"
            )
        if "vs_langchain_bm25" in r:
            v = r["vs_langchain_bm25"]
            lines.append(
                f"  vs LangChain BM25Retriever on {v['queries']} queries: {v['ours_median_ms']} ms vs "
                f"{v['langchain_median_ms']} ms per query → {v['speedup']}× (CPU {v['cpu_speedup']}×); "
                f"hit@10 {v['ours_hit@10']} vs {v['langchain_hit@10']}, target ≥ 20× and ≥ hit@10{_ok(v.get('target'))}"
            )
        for step, err in (r.get("errors") or {}).items():
            lines.append(f"  {step} FAILED: {err.strip().splitlines()[-1] if err.strip() else ''}")
    return lines
