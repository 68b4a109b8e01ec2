"""The time limits of a case, from its facts, computed by the deadline calculator (``assistant.calculators``).

This module only says which limits a case has and which fact starts each; the periods, the holiday roll-over and
the articles are the calculator's (劳动争议调解仲裁法第二十七条 for 仲裁时效, including wages owed during employment;
工伤保险条例第十七条 for 工伤认定申请: 30 days for the employer, one year for the worker; 第四十八条 for suing after an
award). A limit whose start date the worker did not state is listed with ``deadline`` None and says what is needed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.calculators import CalculatorInputError, calculate
from assistant.cases.models import Deadline
from assistant.facts import CaseFacts


def _plan(facts: CaseFacts) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(deadline type, the fact that starts it, extra inputs) for each limit the facts call for."""
    ev, dates = facts.event, facts.dates
    out: list[tuple[str, str | None, dict[str, Any]]] = []
    if ev.injury or ev.occupational_disease or dates.injury_date or dates.injury_diagnosis_date:
        start = "dates.injury_date" if dates.injury_date else (
            "dates.injury_diagnosis_date" if dates.injury_diagnosis_date else None)
        out.append(("injury_recognition_employer", start, {}))
        out.append(("injury_recognition_worker", start, {}))
    if dates.award_received_date:
        out.append(("sue_after_award", "dates.award_received_date", {}))
    ended = bool(dates.leave_date or ev.termination)
    if ev.unpaid_wages:
        if ended:
            out.append(("wage_arrears", "dates.leave_date" if dates.leave_date else None, {}))
        else:
            # 第二十七条第四款: while the employment lasts, wages owed are not limited to one year
            out.append(("wage_arrears", None, {"employment_ended": False}))
    if ended or dates.dispute_date or not ev.unpaid_wages:
        start = "dates.dispute_date" if dates.dispute_date else ("dates.leave_date" if dates.leave_date else None)
        out.append(("arbitration", start, {}))
    return out


def case_deadlines(facts: CaseFacts, today: date | None = None) -> list[Deadline]:
    today = today or date.today()
    found: list[Deadline] = []
    for kind, start_path, extra in _plan(facts):
        inputs: dict[str, Any] = {"deadline_type": kind, "today": today, **extra}
        if start_path is not None:
            inputs["start_date"] = facts.get(start_path)
        doubtful = start_path in facts.doubtful() if start_path else False
        try:
            if doubtful:
                raise CalculatorInputError("start_date", "起算日有矛盾或不合理，请先核实")
            result = calculate("deadline", **inputs)
        except CalculatorInputError as exc:
            from assistant.calculators.deadlines import DEADLINES

            name, start_meaning, *_rest, articles = DEADLINES[kind]
            found.append(Deadline(kind=kind, name=name, articles=list(articles),
                                  facts_used=[start_path] if start_path else [],
                                  note=str(getattr(exc, "message", "")) or f"需要起算日：{start_meaning}"))
            continue
        r = result.result
        found.append(Deadline(
            kind=kind, name=result.title, deadline=date.fromisoformat(r["deadline"]) if r.get("deadline") else None,
            days_remaining=r.get("days_remaining"), expired=bool(r.get("expired")), formula=result.formula,
            articles=list(result.articles), facts_used=[start_path] if start_path else [],
            note="；".join(result.warnings[:1])))
    return found


def next_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The nearest limit not yet passed (the desk sorts and warns by it)."""
    open_ = [d for d in deadlines if d.deadline is not None and not d.expired]
    return min(open_, key=lambda d: d.deadline) if open_ else None
