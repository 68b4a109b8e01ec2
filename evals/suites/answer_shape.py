"""Answer shape (``labor eval --suite answer_shape``): can a worker read the answer on a phone (issue 12 §5)?

Over the project's own questions (and the shared calculation questions, which carry amounts), through the same
``ask`` the front ends use:

- ``conclusion_chars_median`` — the 结论 block of the median answer (target ≤ 200);
- ``unfolded_chars_median`` / ``unfolded_within_700`` — what shows before any tap (结论 · 你可能拿到 · 下一步 · the
  note): the median, and the share of answers at most 700 characters;
- ``amounts_in_first_400`` — of the answers with an amount, the share whose every amount is within the first 400
  characters of the text;
- ``no_unused_article`` — the share of answers in which every article listed under 法律依据 is used above it (its
  marker [n] or its name appears in the reasoning, an amount or a step);
- ``markers_lead_to_articles`` — the share of answers in which every marker [n] in the text has its article (a
  citation numbered n, its text in the corpus) — what a tap on the marker opens;
- ``articles_shown_median`` — how many articles the median answer lists under 法律依据 (each should be one the
  reasoning uses; fewer, for the same gold-article figure of the answers suite, is better);
- ``no_unrelated_guide`` — the share in which every guide beyond the first is one the case's facts call for
  (``assistant.answering.routing.decisive_guides`` over the answer's own facts);
- ``one_offline_note`` — answers composed without a model say so exactly once;
- ``no_internal_text`` — no verifier jargon or raw arithmetic precision reaches the worker.

Refusals and redirects (answers without sections) are not shaped answers and are left out of the figures.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from evals.datasets import PROJECT_DATASETS, SHARED_EVALS, load_jsonl

TARGETS = {"conclusion_chars_median": 200, "unfolded_chars_median": 700}
_INTERNAL = re.compile(r"（转述，非法条原文）|\d+\.\d{5,}")
_MARKER = re.compile(r"\[(\d+)\]")


def _questions(options) -> dict[str, list[dict]]:
    sets = {}
    path = PROJECT_DATASETS / "questions.jsonl"
    if path.exists():
        sets["project_questions"] = [r for r in load_jsonl(path) if not r.get("expect")]
    shared = Path(options.shared_dir or SHARED_EVALS) / "lexeval_calc_labor_dev.jsonl"
    if options.shared_dir and shared.exists():
        sets["calc_questions"] = [{"id": r.get("id", str(i)), "question": r["question"]}
                                  for i, r in enumerate(load_jsonl(shared)) if r.get("question")]
    return sets


def unused_articles(answer) -> list[str]:
    """Articles listed under 法律依据 that nothing above it uses (by marker or by name)."""
    basis = next((s for s in answer.sections if s.key == "basis"), None)
    if basis is None:
        return []
    above = "".join(answer.answer[s.start:s.end] for s in answer.sections if s.key != "basis")
    markers = {int(m) for m in _MARKER.findall(above)}
    return [c.id for c in answer.citations
            if c.n is not None and c.n not in markers and (c.label or c.id) not in above]


def dangling_markers(answer) -> list[int]:
    """Markers [n] in the text with no verified article numbered n (a tap on them would open nothing)."""
    numbered = {c.n for c in answer.citations if c.n is not None and c.verified and c.text}
    return sorted({int(m) for m in _MARKER.findall(answer.answer)} - numbered)


def unrelated_guides(answer) -> list[str]:
    from assistant.answering.routing import decisive_guides

    if answer.facts is None:
        return list(answer.guides[1:])
    called = {d.guide for d in decisive_guides(answer.facts)}
    return [g for g in answer.guides[1:] if g not in called]


def amounts_early(answer, within: int = 400) -> bool | None:
    """All amounts in the first ``within`` characters; None when the answer has no amount."""
    figures = [a.amount for a in answer.amounts if a.amount is not None]
    if not figures:
        return None
    return all(f in answer.answer[:within] for f in figures)


def shape_row(item: dict, answer) -> dict:
    conclusion = answer.section_text("conclusion").removeprefix("## 结论\n")
    unfolded = answer.unfolded_text
    row = {
        "dataset": item["dataset"], "id": item["id"], "question": item["question"], "mode": answer.mode,
        "shaped": bool(answer.sections), "conclusion_chars": len(conclusion), "unfolded_chars": len(unfolded),
        "amounts_early": amounts_early(answer), "unused_articles": unused_articles(answer),
        "unrelated_guides": unrelated_guides(answer), "dangling_markers": dangling_markers(answer),
        "articles_shown": sum(1 for c in answer.citations if c.n is not None),
        "offline_notes": answer.answer.count("未使用大语言模型") if answer.mode == "offline" else None,
        "internal_text": _INTERNAL.findall(answer.answer),
    }
    problems = []
    if row["shaped"]:
        if row["conclusion_chars"] > TARGETS["conclusion_chars_median"]:
            problems.append(f"结论 {row['conclusion_chars']} 字")
        if row["unfolded_chars"] > TARGETS["unfolded_chars_median"]:
            problems.append(f"展开部分 {row['unfolded_chars']} 字")
        if row["amounts_early"] is False:
            problems.append("金额不在前 400 字内")
        if row["unused_articles"]:
            problems.append("未使用的条文：" + "、".join(row["unused_articles"]))
        if row["dangling_markers"]:
            problems.append("标号没有对应条文：" + "、".join(f"[{n}]" for n in row["dangling_markers"]))
        if row["unrelated_guides"]:
            problems.append("无关的指南：" + "、".join(row["unrelated_guides"]))
        if row["offline_notes"] not in (None, 1):
            problems.append(f"离线说明出现 {row['offline_notes']} 次")
    if row["internal_text"]:
        problems.append("内部文字外泄：" + "、".join(row["internal_text"][:3]))
    row["passed"], row["problems"] = not problems, problems
    return row


def score_shape(rows: list[dict]) -> dict:
    shaped = [r for r in rows if r["shaped"]]
    metrics: dict[str, float] = {}
    if shaped:
        metrics["conclusion_chars_median"] = statistics.median(r["conclusion_chars"] for r in shaped)
        metrics["unfolded_chars_median"] = statistics.median(r["unfolded_chars"] for r in shaped)
        metrics["unfolded_within_700"] = round(sum(r["unfolded_chars"] <= 700 for r in shaped) / len(shaped), 4)
        early = [r["amounts_early"] for r in shaped if r["amounts_early"] is not None]
        if early:
            metrics["amounts_in_first_400"] = round(sum(early) / len(early), 4)
        metrics["no_unused_article"] = round(sum(not r["unused_articles"] for r in shaped) / len(shaped), 4)
        metrics["markers_lead_to_articles"] = round(sum(not r["dangling_markers"] for r in shaped) / len(shaped), 4)
        metrics["articles_shown_median"] = statistics.median(r["articles_shown"] for r in shaped)
        metrics["no_unrelated_guide"] = round(sum(not r["unrelated_guides"] for r in shaped) / len(shaped), 4)
        offline = [r for r in shaped if r["offline_notes"] is not None]
        if offline:
            metrics["one_offline_note"] = round(sum(r["offline_notes"] == 1 for r in offline) / len(offline), 4)
    if rows:
        metrics["no_internal_text"] = round(sum(not r["internal_text"] for r in rows) / len(rows), 4)
    return {"n": len(rows), "shaped": len(shaped), "metrics": metrics}


def run(assistant, _settings, options) -> dict:
    from evals.suites.answers_suite import ask_fn_for

    ask = ask_fn_for(assistant)
    datasets, items = {}, []
    for name, rows in _questions(options).items():
        rows = rows[: options.limit] if options.limit else rows
        scored = [shape_row({**r, "dataset": name}, ask(r["question"])) for r in rows]
        datasets[name] = score_shape(scored)
        items += scored
    return {"datasets": datasets, "items": items, "targets": TARGETS, "notes": []}
