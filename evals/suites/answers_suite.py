"""Answers suite: citation validity, groundedness of quotations, key-point coverage, the safety set, and an
optional LLM judge — all through the same ``ask`` the front ends use."""

from __future__ import annotations

import logging
from pathlib import Path

from evals.answer_checks import check_citations, check_quotes, key_point_coverage, safety_verdict
from evals.datasets import PROJECT_DATASETS, SHARED_EVALS, load_external, load_jsonl, load_project

log = logging.getLogger(__name__)
SAFETY_FILE = PROJECT_DATASETS / "safety.jsonl"


def ask_fn_for(assistant):
    """``assistant.ask`` when the facade has it, else the answer service over the same assistant."""
    ask = getattr(assistant, "ask", None)
    if callable(ask):
        return ask
    from assistant.answering import AnswerService

    return AnswerService(assistant).ask


def article_text_fn(assistant):
    def text_of(pid: str) -> str | None:
        p = assistant.provision_by_id(pid)
        return p.text if p is not None else None

    return text_of


def score_answers(items, ask, article_text, laws=None, judge=None) -> dict:
    """Metrics over answered items (EvalItem-like: id, question, gold, key_points, reference_answer)."""
    rows, totals = [], {"displayed": 0, "resolved": 0, "safe": 0, "quotes": 0, "grounded": 0}
    coverages, gold_cited, judged = [], [], []
    for item in items:
        answer = ask(item.question)
        text = answer.answer
        cites = check_citations(text, article_text, laws)
        quotes = check_quotes(text, article_text, laws)
        coverage, covered = key_point_coverage(text, list(item.key_points))
        cited = set(cites.resolved) | {c.id for c in answer.citations if c.verified}
        row = {
            "dataset": item.dataset,
            "id": item.id,
            "question": item.question,
            "mode": answer.mode,
            "citations": cites.displayed,
            "unresolved": cites.unresolved_unmarked + cites.unresolved_marked,
            "unmarked_unresolved": cites.unresolved_unmarked,
            "quotes": len(quotes),
            "ungrounded_quotes": [q.quote[:80] for q in quotes if not q.grounded],
            "key_point_coverage": coverage,
            "key_points_missed": [p for p, ok in zip(item.key_points, covered, strict=True) if not ok],
            "gold_cited": float(bool(set(item.gold) & cited)) if item.gold else None,
        }
        problems = []
        if cites.unresolved_unmarked:
            problems.append("引用了语料中没有的条文且未标注未核实：" + "、".join(cites.unresolved_unmarked))
        if row["ungrounded_quotes"]:
            problems.append(f"{len(row['ungrounded_quotes'])} 处引文与条文原文不符")
        if judge is not None:
            try:
                scores = judge(item.question, item.reference_answer, text)
                row["judge"] = scores.model_dump()
                judged.append(scores)
            except Exception as exc:  # noqa: BLE001 — an unreadable verdict is recorded, not guessed
                row["judge_error"] = str(exc)[:200]
        row["passed"], row["problems"] = not problems, problems
        rows.append(row)
        totals["displayed"] += len(cites.displayed)
        totals["resolved"] += len(cites.resolved)
        totals["safe"] += len(cites.resolved) + len(cites.unresolved_marked)
        totals["quotes"] += len(quotes)
        totals["grounded"] += sum(q.grounded for q in quotes)
        if coverage is not None:
            coverages.append(coverage)
        if row["gold_cited"] is not None:
            gold_cited.append(row["gold_cited"])
    metrics = {}
    if totals["displayed"]:
        metrics["citation_validity"] = round(totals["resolved"] / totals["displayed"], 4)
        metrics["citation_resolved_or_marked"] = round(totals["safe"] / totals["displayed"], 4)
    if totals["quotes"]:
        metrics["groundedness"] = round(totals["grounded"] / totals["quotes"], 4)
    if coverages:
        metrics["key_point_coverage"] = round(sum(coverages) / len(coverages), 4)
    if gold_cited:
        metrics["gold_article_cited"] = round(sum(gold_cited) / len(gold_cited), 4)
    for dim in ("accuracy", "completeness", "clarity"):
        if judged:
            metrics[f"judge_{dim}"] = round(sum(getattr(s, dim) for s in judged) / len(judged), 3)
    return {
        "n": len(rows),
        "metrics": metrics,
        "citations_displayed": totals["displayed"],
        "quotes_checked": totals["quotes"],
        "items": rows,
    }


# expectations written in the project's questions.jsonl → the safety verdicts above
_PROJECT_EXPECT = {
    "refuse": "refuse",
    "out_of_scope": "out_of_scope",
    "not_found": "nonexistent_article",
    "clarify": "clarify",
    "answer": "answer",
}


def safety_cases_from_questions(path: Path) -> list[dict]:
    """Items of ``questions.jsonl`` that carry an ``expect`` (refuse, not_found, clarify …) join the safety set."""
    from assistant.citations import normalize_citation

    cases = []
    for row in load_jsonl(path):
        expect = _PROJECT_EXPECT.get(row.get("expect", ""))
        if expect:
            case = {"id": row["id"], "kind": row.get("kind", expect), "question": row["question"], "expect": expect}
            if expect == "nonexistent_article":
                case["forbidden_id"] = normalize_citation(row["question"])
            cases.append(case)
    return cases


def score_safety(cases: list[dict], ask, system_prompt: str = "") -> dict:
    rows: list[dict] = []
    by_kind: dict[str, list[bool]] = {}
    for case in cases:
        try:
            answer = ask(case["question"])
            text, verified = answer.answer, [c.id for c in answer.citations if c.verified]
            ok, why = safety_verdict(
                case["expect"],
                text,
                verified,
                forbidden_id=case.get("forbidden_id"),
                system_prompt=system_prompt,
                clarifying_question=getattr(answer, "clarifying_question", None),
            )
        except Exception as exc:  # noqa: BLE001 — a typed refusal error also counts as declining
            text, ok, why = f"{type(exc).__name__}: {exc}", case["expect"] in ("refuse", "out_of_scope"), "以异常拒绝"
        rows.append(
            {
                "dataset": "safety",
                "id": case["id"],
                "kind": case.get("kind", ""),
                "expect": case["expect"],
                "question": case["question"],
                "answer_head": text[:160],
                "passed": ok,
                "problems": [] if ok else [why],
            }
        )
        by_kind.setdefault(case.get("kind", ""), []).append(ok)
    metrics = {}
    if rows:
        metrics["correct"] = round(sum(r["passed"] for r in rows) / len(rows), 4)
        for kind, oks in sorted(by_kind.items()):
            metrics[f"correct_{kind}"] = round(sum(oks) / len(oks), 4)
    return {"n": len(rows), "metrics": metrics, "items": rows}


def run(assistant, settings, options, safety_file: Path = SAFETY_FILE) -> dict:
    laws = getattr(assistant, "laws", None)
    ask = ask_fn_for(assistant)
    article_text = article_text_fn(assistant)
    wants_judge = options.judge or bool(getattr(settings, "eval_judge", False))  # flag, or a setting if defined
    judge = _judge_for(settings) if wants_judge else None
    notes = []
    if wants_judge and judge is None:
        notes.append("--judge 需要配置大模型（LABOR_LLM_BASE_URL / LABOR_LLM_MODEL），本次未评分")
    sets = {}
    questions = PROJECT_DATASETS / "questions.jsonl"
    if questions.exists():
        sets["project_questions"] = load_project(questions, laws)
    stard = sorted(Path(options.shared_dir or SHARED_EVALS).glob("stard_labor*.jsonl")) if options.shared_dir else []
    for path in stard:
        sets.setdefault("stard_labor", []).extend(load_external(path, laws))
    datasets, items = {}, []
    for name, rows in sets.items():
        rows = rows[: options.limit] if options.limit else rows
        body = score_answers(rows, ask, article_text, laws, judge)
        items += body.pop("items")
        datasets[name] = body
    cases = load_jsonl(safety_file) if safety_file.exists() else []
    if questions.exists():
        cases += safety_cases_from_questions(questions)
    if cases:
        cases = cases[: options.limit] if options.limit else cases
        body = score_safety(cases, ask, _system_prompt(settings))
        items += body.pop("items")
        datasets["safety"] = body
    return {"datasets": datasets, "items": items, "notes": notes}


def _judge_for(settings):
    from assistant.llm import build_chat_model
    from evals.judge import judge_answer

    model = build_chat_model(settings, streaming=False)
    if model is None:
        return None
    return lambda question, reference, answer: judge_answer(model, question, reference, answer)


def _system_prompt(settings) -> str:
    try:
        from assistant.llm import load_prompt

        return load_prompt("answer_system", settings.prompts_dir)
    except Exception:  # noqa: BLE001 — no prompt file, nothing that could leak
        return ""
