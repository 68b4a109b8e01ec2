"""The case built up over a conversation: each user turn is read once, later statements override earlier ones.

A follow-up that brings its own topic words still inherits the earlier facts ("公司突然把我辞退了，没有任何理由", then
"我干了3年，月薪5000，能拿多少？" is one case). A change of subject ("另外一个问题，我朋友…") starts a fresh case.
A later statement that replaces an earlier one is recorded in ``changes`` so the answer can say what it now uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from assistant.facts import vocabulary as v
from assistant.facts.model import CaseFacts, FactChange, FactNote, FactSource
from assistant.facts.numbers import NUMBER, normalize, parse_amount
from assistant.facts.reader import read_text

# A later, more specific word for the same ending is a refinement, not a correction.
_REFINES = {"dismissed": {"unlawful_dismissal", "no_fault_dismissal", "employee_fault_dismissal", "layoff"},
            "mutual": {"mutual_by_employer", "mutual_by_worker"},
            "resigned": {"employer_fault_resignation"}}


def starts_new_case(message: str) -> bool:
    """Whether a message turns to another matter or another person's case."""
    return bool(v.NEW_CASE.search(message.strip()[:40]))


def merge(into: CaseFacts, new: CaseFacts, turn: int | None = None) -> CaseFacts:
    """Facts of ``new`` laid over ``into`` (in place); replaced values are recorded as changes."""
    for path, value in new.stated().items():
        if path == "wants":
            into.wants = list(dict.fromkeys([*into.wants, *value]))
            continue
        if path == "employment.renewal_dates":
            into.employment.renewal_dates = sorted(set(into.employment.renewal_dates) | set(value))
            into.sources[path] = new.sources.get(path, into.sources.get(path))  # type: ignore[arg-type]
            continue
        old = into.get(path)
        if path == "event.termination" and old is not None:
            if value in _REFINES.get(old, ()):
                pass  # 被辞退 → 没有任何理由: the reason now known
            elif old in _REFINES.get(value, ()):
                continue  # a later plain 辞退 keeps the reason stated before
        if old is not None and old != value and not (path == "event.termination" and value in _REFINES.get(old, ())):
            into.changes.append(FactChange(path=path, old=old, new=value, turn=turn))
        into.set(path, value, new.sources.get(path))
        _clear_notes(into, path)
    reason = new.event.termination_reason
    if into.event.termination == "dismissed" and new.event.termination is None and reason:
        refined = ("employee_fault_dismissal" if v.FAULT_REASON.search(reason)
                   else "no_fault_dismissal" if v.NO_FAULT_REASON.search(reason) else None)
        if refined:
            into.set("event.termination", refined, new.sources.get("event.termination_reason"))
    for note in new.conflicts:  # this turn contradicts itself: the earlier value is no longer certain either
        if "." in note.path:
            into.set(note.path, None)
            into.sources.pop(note.path, None)
        _clear_notes(into, note.path)
        into.conflicts.append(note)
    for note in new.implausible:
        _clear_notes(into, note.path)
        into.implausible.append(note)
    return into


def _clear_notes(facts: CaseFacts, path: str) -> None:
    facts.conflicts = [n for n in facts.conflicts if n.path != path]
    facts.implausible = [n for n in facts.implausible if n.path != path]


def _bare_correction(facts: CaseFacts, message: str, turn: int) -> CaseFacts | None:
    """"说错了，是一万": a correction that names only the figure replaces the figure said last of that kind."""
    if not v.CORRECTION.search(message):
        return None
    amounts = [m for m in re.finditer(NUMBER, normalize(message)) if (parse_amount(m.group(0)) or 0) >= 100]
    said = [(s.turn or 0, path) for path, s in facts.sources.items()
            if path in ("pay.monthly_wage", "pay.local_average_wage", "event.unpaid_amount") and s.by == "rules"]
    if len(amounts) != 1 or not said:
        return None
    path = max(said)[1]
    fix = CaseFacts()
    fix.set(path, parse_amount(amounts[0].group(0)),
            FactSource(by="rules", turn=turn, quote=message.strip()[:40], confidence=0.8))
    return fix


def read_conversation(user_messages: Sequence[str], *, today: date | None = None,
                      overrides: dict[str, Any] | None = None, base: CaseFacts | None = None) -> CaseFacts:
    """The case as it stands after ``user_messages`` (oldest first), with ``overrides`` entered by the user last.

    ``base`` is a case already known (kept by a client between requests); its facts come first.
    """
    from assistant.facts.overrides import apply_overrides  # the user's own entries go over everything read

    facts = base.model_copy(deep=True) if base is not None else CaseFacts()
    for turn, message in enumerate(user_messages):
        if not isinstance(message, str) or not message.strip():
            continue
        if turn > 0 and starts_new_case(message):
            facts = CaseFacts()
        read = read_text(message, turn=turn, today=today)
        if read.is_empty() and turn > 0:
            read = _bare_correction(facts, message, turn) or read
        merge(facts, read, turn)
    if overrides:
        apply_overrides(facts, overrides)
    check_consistency(facts, today or date.today())
    return facts


def check_consistency(facts: CaseFacts, today: date) -> None:
    """Facts that cannot all be true together are set aside with a question (never computed from)."""
    if facts.place.city and not facts.place.province:  # 深圳市 entered alone: its province is not a guess
        from assistant.facts.places import CITY_TO_PROVINCE, MUNICIPALITIES

        province = CITY_TO_PROVINCE.get(facts.place.city) or (facts.place.city if facts.place.city in MUNICIPALITIES
                                                                else None)
        if province:
            facts.set("place.province", province, facts.sources.get("place.city"))
    if facts.event.termination == "contract_expired" and facts.dates.leave_date is None \
            and facts.employment.contract_end_date is not None:  # the contract ended on its end date
        facts.set("dates.leave_date", facts.employment.contract_end_date,
                  facts.sources.get("employment.contract_end_date"))
    signed, hire0 = facts.employment.contract_signed_date, facts.employment.hire_date
    if signed and hire0 and signed > hire0 and facts.employment.contract_signed is None:
        facts.set("employment.contract_signed", False, facts.sources.get("employment.contract_signed_date"))  # late
    hire, leave = facts.employment.hire_date, facts.dates.leave_date
    if hire and leave and leave < hire:
        _clear_notes(facts, "dates.leave_date")
        facts.conflicts.append(_note("dates.leave_date", f"离职日期{_cn(leave)}早于入职日期{_cn(hire)}，请确认"))
    if hire and hire > today and not any(n.path == "employment.hire_date" for n in facts.implausible):
        facts.implausible.append(_note("employment.hire_date", f"入职日期{_cn(hire)}还没到，请确认年份"))
    months = facts.employment.service_months
    if hire and leave and months is not None and leave >= hire:
        span = (leave.year - hire.year) * 12 + leave.month - hire.month
        if abs(span - months) > 3:
            facts.conflicts.append(_note("employment.service_months",
                                         f"按入职和离职日期算约{span}个月，和说的工作{months}个月对不上，请确认"))


def _note(path: str, message: str) -> FactNote:
    return FactNote(path=path, message=message)


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
