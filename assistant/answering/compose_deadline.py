"""The deadline of an offline answer: from the deadline calculator when the question asked it, otherwise from a
date the worker stated (the injury, the dispute, the day they left), said as a date ("最晚在2025年10月9日前申请仲裁")."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.answering.models import Deadline

# the calculator's deadline type → how the deadline step reads
_DEADLINE_ACTION = {"arbitration": "申请仲裁", "wage_arrears": "申请仲裁", "injury_recognition_worker": "申请工伤认定",
                    "sue_after_award": "向法院起诉"}


def deadline_from_facts(case: Any, today: date):
    """The calculator's result for the deadline the case's own dates decide, or None when no date is certain."""
    if case is None:
        return None
    from assistant.calculators.models import CalculatorInputError
    from assistant.calculators.registry import calculate

    ev, dates = case.event, case.dates
    doubtful = case.doubtful()
    if ev.injury and dates.injury_date is not None and "dates.injury_date" not in doubtful:
        kind, start = "injury_recognition_worker", dates.injury_date
    elif dates.dispute_date is not None and "dates.dispute_date" not in doubtful:
        kind, start = "arbitration", dates.dispute_date
    elif dates.leave_date is not None and "dates.leave_date" not in doubtful:
        kind, start = ("wage_arrears" if ev.unpaid_wages else "arbitration"), dates.leave_date
    else:
        return None
    try:
        return calculate("deadline", deadline_type=kind, start_date=start, today=today)
    except (CalculatorInputError, ValueError):
        return None


def deadline_model(result) -> Deadline | None:
    """The deadline as the answer carries it (an ISO date and the sentence the worker reads)."""
    if result is None or not result.result.get("deadline"):
        return None
    kind = result.result.get("deadline_type", "")
    last = date.fromisoformat(result.result["deadline"])
    when = f"{last.year}年{last.month}月{last.day}日"
    if result.result.get("expired"):
        text = f"按一年时效算，{when}已经到期；期间催讨过、投诉过的，时效从那时重新起算，请带上证据尽快咨询"
    else:
        text = f"最晚在{when}前{_DEADLINE_ACTION.get(kind, '办理')}"
    return Deadline(kind=kind, title=result.title, date=last.isoformat(), text=text,
                    expired=bool(result.result.get("expired")))
