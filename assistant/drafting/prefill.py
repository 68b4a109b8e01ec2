"""案情 → the drafting case: a document pre-filled from what the worker said, every value marked for checking.

Only facts the worker stated are carried over (a blank stays blank: an invented fact is worse than a missing one);
the hire date is the first day of work, never a renewal; the signature date is never filled (the worker dates the
document when signing it). Claims are not filled here: :mod:`assistant.drafting.claims` proposes them separately.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from assistant.drafting.compose import GROUND_TEXT, ground_article
from assistant.drafting.paths import put_at
from assistant.drafting.validation import date_cn
from assistant.facts.model import CaseFacts

AUTO_MARK = "自动提取，请核对"

# CaseFacts path → the drafting case paths it fills
FIELD_MAP: dict[str, tuple[str, ...]] = {
    "worker.name": ("worker.name",),
    "worker.sex": ("worker.sex",),
    "worker.birth_date": ("worker.birth_date",),
    "worker.age": ("worker.age",),
    "worker.id_number": ("worker.id_number",),
    "worker.phone": ("worker.phone",),
    "worker.address": ("worker.address",),
    "worker.job": ("position",),  # 工作岗位; the party block's 职业 (a trade) is for staff to state
    "employer.name": ("employer.name",),
    "employer.legal_representative": ("employer.legal_representative",),
    "employer.address": ("employer.address",),
    "employment.hire_date": ("hire_date",),
    "dates.leave_date": ("end_date", "termination_date"),
    "employment.service_months": ("service_length",),
    "pay.monthly_wage": ("monthly_wage",),
    "event.unpaid_amount": ("unpaid_wages",),
    "event.unpaid_months": ("unpaid_period",),
}

# 第三十八条 grounds by the reason the worker quit: item of the first paragraph, 0 for the second paragraph
GROUND_OF_REASON = {"unsafe_conditions": 1, "unpaid_wages": 2, "no_social_insurance": 3, "unlawful_rules": 4,
                    "deceptive_contract": 5, "forced_labor": 0}

# who the facts speak of, by document: (the worker, the employer)
ROLES = {"arbitration_application": ("申请人", "被申请人"), "inspection_complaint": ("投诉人", "被投诉单位"),
         "legal_aid_application": ("申请人", "用人单位"), "resignation_notice": ("本人", "贵单位")}
_DEFAULT_ROLES = ("劳动者", "用人单位")
_DISMISSALS = {"dismissed", "unlawful_dismissal", "no_fault_dismissal", "employee_fault_dismissal", "layoff"}
_REASON_TAIL = re.compile(r"(?:为由|的理由|为理由|的名义).*$")


def case_from_facts(facts: CaseFacts, *, doc_type: str = "arbitration_application") -> tuple[dict, list[str]]:
    """The drafting case (a dict shaped like :class:`~assistant.drafting.case.Case`) the facts fill, and the
    case paths that were filled (each one to be shown as 「自动提取，请核对」)."""
    case: dict[str, Any] = {}
    filled: list[str] = []
    doubtful = facts.doubtful()
    for fact_path, targets in FIELD_MAP.items():
        value = facts.get(fact_path)
        if value is None or fact_path in doubtful:
            continue
        text = _as_case_value(fact_path, value, facts)
        for target in targets:
            put_at(case, target, text)
            filled.append(target)
    grounds = _grounds(facts)
    if grounds:
        case["grounds"] = grounds
        filled.append("grounds")
    story = facts_text(facts, doc_type)
    if story:
        case["facts"] = story
        filled.append("facts")
    return case, filled


def fact_source_of(case_path: str) -> str | None:
    """The CaseFacts path a pre-filled case path came from (``hire_date`` → ``employment.hire_date``)."""
    for fact_path, targets in FIELD_MAP.items():
        if case_path in targets:
            return fact_path
    return {"grounds": "event.resignation_reason", "facts": "event.termination"}.get(case_path)


def facts_text(facts: CaseFacts, doc_type: str = "arbitration_application") -> str:
    """事实经过 from the event: how the job ended and the reason the employer gave, in the document's own terms
    (申请人 / 被申请人 …). Employment dates, wage and arrears are written by the document itself from their fields."""
    subject, other = ROLES.get(doc_type, _DEFAULT_ROLES)
    ev = facts.event
    leave = facts.dates.leave_date if "dates.leave_date" not in facts.doubtful() else None
    when = _day(leave, facts, "dates.leave_date") if leave else ""
    sentences: list[str] = []
    kind = ev.termination
    if kind in _DISMISSALS:
        reason = _reason(ev.termination_reason)
        if reason:
            sentences.append(f"{when}{other}以“{reason}”为由解除劳动合同。")
        elif kind == "layoff":
            sentences.append(f"{when}{other}以经济性裁员为由解除劳动合同。")
        elif kind == "unlawful_dismissal":
            sentences.append(f"{when}{other}在未说明任何理由的情况下解除了与{subject}的劳动合同。")
        else:
            sentences.append(f"{when}{other}解除了与{subject}的劳动合同。")
    elif kind == "employer_fault_resignation" or (ev.resignation_reason and ev.resignation_reason != "personal"):
        item = GROUND_OF_REASON.get(ev.resignation_reason or "")
        because = f"因{other}{GROUND_TEXT[item]}，" if item is not None else ""
        basis = f"依据{ground_article(item)}" if item is not None else ""
        sentences.append(f"{because}{subject}于{when or '离职时'}{basis}解除劳动合同。".replace("于离职时", ""))
    elif kind == "resigned":
        sentences.append(f"{subject}于{when}辞职。" if when else f"{subject}已辞职。")
    elif kind in {"mutual", "mutual_by_employer", "mutual_by_worker"}:
        who = {"mutual_by_employer": f"经{other}提出，", "mutual_by_worker": f"经{subject}提出，"}.get(kind, "")
        sentences.append(f"{when}{who}双方协商解除劳动合同。")
    elif kind == "contract_expired":
        sentences.append(f"{when}双方劳动合同期满终止。")
    elif kind == "employer_closed":
        sentences.append(f"{other}已停止经营。")
    if ev.unpaid_wages and ev.unpaid_amount is None and ev.unpaid_months:
        sentences.append(f"{other}拖欠{subject}{ev.unpaid_months}个月工资。")
    if ev.no_social_insurance:
        sentences.append(f"{other}未依法为{subject}缴纳社会保险费。")
    if facts.employment.contract_signed is False:
        sentences.append("双方未订立书面劳动合同。")
    return "".join(sentences)


def _grounds(facts: CaseFacts) -> list[dict]:
    reason = facts.event.resignation_reason
    if reason is None or reason == "personal" or "event.resignation_reason" in facts.doubtful():
        return []
    item = GROUND_OF_REASON.get(reason)
    return [{"item": item}] if item is not None else []


def _reason(raw: str | None) -> str:
    """The employer's stated reason as quoted words: 不能胜任工作为由把我辞退 → 不能胜任工作."""
    if not raw:
        return ""
    text = _REASON_TAIL.sub("", raw.strip()).strip(" ，,。“”\"「」")
    text = re.sub(r"^(?:以|说|因为|因)", "", text)
    return text


def _as_case_value(fact_path: str, value: Any, facts: CaseFacts) -> Any:
    if isinstance(value, date):
        return _iso(value, facts, fact_path)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if fact_path == "employment.service_months":
        years, months = divmod(int(value), 12)
        return (f"{years}年" if years else "") + (f"{months}个月" if months else "") or "不满1个月"
    if fact_path == "event.unpaid_months":
        return f"{value}个月"
    return value


def _iso(d: date, facts: CaseFacts, path: str) -> str:
    """A date the worker gave without its day is written as the month only (2024-03), never as the 1st."""
    src = facts.sources.get(path)
    return d.strftime("%Y-%m") if src is not None and src.approximate else d.isoformat()


def _day(d: date, facts: CaseFacts, path: str) -> str:
    return date_cn(_iso(d, facts, path))


