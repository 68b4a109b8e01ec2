"""Which calculators apply to a case, prefilled from its facts (案情), and which inputs they still need.

    >>> facts = CaseFacts(pay={"monthly_wage": 8000}, employment={"service_months": 48},
    ...                   event={"termination": "unlawful_dismissal"})
    >>> [(s.kind, s.inputs, s.missing) for s in plan(facts)]
    [('unlawful_termination', {'service_months': 48, 'monthly_wage': Decimal('8000')}, [])]

Numbers and dates come only from ``facts``; the question is read for topic words (加班费, 年假, 时效 …) that say
which calculators the worker asks about, never for figures. A calculation that would rest on a fact in conflict or
implausible (``facts.doubtful()``) is listed with that fact's path in ``missing`` and never runs.

The one mapping from the case's vocabulary to the calculators' inputs lives here: ``employment.hire_date`` →
``start_date``, ``dates.leave_date`` → ``end_date``, ``hours.weekday_overtime`` → ``weekday_hours`` and so on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from pydantic import BaseModel, Field

from assistant.calculators.compensation import months_of_pay
from assistant.calculators.models import (
    CalcResult,
    CalculatorInputError,
    months_and_days,
)
from assistant.calculators.registry import KINDS, calculate
from assistant.facts.model import CaseFacts

LCL_2008 = date(2008, 1, 1)

# topic words of the question, per calculator (they choose and order calculators; they never supply a figure)
_INJURY = r"工伤|伤残|工亡|因工|职业病"
TOPICS: dict[str, re.Pattern[str]] = {
    "economic_compensation": re.compile(r"经济补偿|补偿金|[Nn]\s*\+\s*1|(?<![工伤资])补偿"),
    "unlawful_termination": re.compile(r"赔偿金|2\s*[Nn]|违法(?:解除|辞退|开除|解雇)|二倍赔偿|双倍赔偿"),
    "notice_pay": re.compile(r"代通知金|[Nn]\s*\+\s*1|提前(?:一个月|三十天|30天|30日)?(?:书面)?通知"),
    "double_wage": re.compile(r"二倍工资|双倍工资|2倍工资|(?:未|没有?|不)(?:及时)?(?:订立|签订|签)(?:书面)?(?:劳动)?合同的?(?:工资)?(?:补偿|赔偿)"),
    "overtime": re.compile(r"加班"),
    "annual_leave": re.compile(r"年假|年休假"),
    "maternity_leave": re.compile(r"产假|生育|生孩子|分娩|流产"),
    "probation": re.compile(r"试用期"),
    "work_injury": re.compile(_INJURY),
    "deadline": re.compile(r"时效|来得及|过期|期限|截止|多久之内|多长时间内|还能(?:告|申请|起诉|仲裁)|最晚"),
}
_COMPENSATION_WORDS = re.compile(r"补偿|赔偿|[Nn]\s*\+\s*1|2\s*[Nn]|能拿多少|拿多少|给多少")

# event.termination → the reason the economic-compensation calculator knows
_REASONS = {"no_fault_dismissal": "no_fault_dismissal", "layoff": "layoff",
            "mutual_by_employer": "mutual_agreement_by_employer", "contract_expired": "contract_expired",
            "employer_closed": "employer_closed", "employer_fault_resignation": "employer_fault_resignation",
            "resigned": "worker_resigned", "mutual_by_worker": "mutual_agreement_by_worker"}


class SuggestedCalculation(BaseModel):
    """One calculator the case calls for: its inputs prefilled from the facts, and what it still needs.

    ``missing`` names calculator inputs ("monthly_wage") — or, for a fact in conflict or implausible, the fact's
    dotted path ("pay.monthly_wage"): the worker has to settle it before anything is computed from it.
    """

    kind: str
    name: str
    inputs: dict[str, Any] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)
    facts_used: list[str] = Field(default_factory=list, description="dotted fact paths the inputs came from")
    notes: list[str] = Field(default_factory=list, description="中文：这一项为什么适用、按什么假设预填")

    @property
    def ready(self) -> bool:
        return not self.missing


@dataclass
class _Draft:
    facts: CaseFacts
    today: date
    inputs: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # input name → fact path
    notes: list[str] = field(default_factory=list)

    def take(self, path: str, name: str, value: Any = None) -> bool:
        """Prefill input ``name`` from fact ``path`` (or ``value`` derived from it); False when it is not stated."""
        stated = self.facts.get(path)
        if stated is None:
            return False
        self.inputs[name] = stated if value is None else value
        self.origin[name] = path
        return True

    def need(self, name: str) -> None:
        if name not in self.missing:
            self.missing.append(name)


def _service(d: _Draft, *, apart_before_2008: bool) -> None:
    """Service length and wage for 经济补偿 / 赔偿金: dates when both are stated, else the number of months."""
    emp, leave = d.facts.employment, d.facts.dates.leave_date
    if emp.hire_date is not None and leave is not None:
        d.take("employment.hire_date", "start_date")
        d.take("dates.leave_date", "end_date")
        if emp.service_months is not None and leave >= emp.hire_date:
            months, days = months_and_days(emp.hire_date, leave)
            if abs(months + (1 if days else 0) - emp.service_months) > 1:
                d.need("employment.service_months")
                d.notes.append("说的工作时间和入职、离职日期对不上，请确认")
    elif emp.service_months is not None:
        d.take("employment.service_months", "service_months")
        since_2008 = ((leave or d.today).year - 2008) * 12 + (leave or d.today).month - 1
        if apart_before_2008 and (emp.service_months > since_2008
                                  or (emp.hire_date is not None and emp.hire_date < LCL_2008)):
            # 第九十七条: years before 2008 count apart, so the dates decide the amount
            d.need("start_date" if emp.hire_date is None else "end_date")
            d.notes.append("工作年限可能有2008年以前的部分，要按入职和离职日期分开计算")
    elif emp.hire_date is not None:
        d.take("employment.hire_date", "start_date")
        d.need("end_date")
    else:
        d.need("service_months")
    _wage(d, "monthly_wage")
    d.take("pay.local_average_wage", "local_average_wage")
    d.take("pay.local_minimum_wage", "local_minimum_wage")


def _wage(d: _Draft, name: str) -> None:
    if not d.take("pay.monthly_wage", name):
        d.need(name)


def _economic(reason: str | None) -> Callable[[_Draft], None]:
    def build(d: _Draft) -> None:
        if reason is not None:
            d.inputs["reason"] = reason
        _service(d, apart_before_2008=reason not in ("worker_resigned", "mutual_agreement_by_worker"))
    return build


def _unlawful(d: _Draft) -> None:
    _service(d, apart_before_2008=False)  # 实施条例第二十五条: 赔偿金 counts all service from hire


def _notice(d: _Draft) -> None:
    _wage(d, "last_month_wage")


def _double(d: _Draft) -> None:
    if not d.take("employment.hire_date", "start_date"):
        d.need("start_date")
    _wage(d, "monthly_wage")
    d.take("employment.contract_signed_date", "contract_signed_date")  # runs to the day before a late signing
    d.take("dates.leave_date", "end_date")
    if d.facts.employment.contract_signed is None:
        d.notes.append("按一直没有签书面劳动合同计算；后来补签了的，请告诉补签日期")


def _overtime(d: _Draft) -> None:
    _wage(d, "monthly_wage")
    given = [d.take(f"hours.{kind}_overtime", f"{kind}_hours") for kind in ("weekday", "restday", "holiday")]
    d.take("pay.local_minimum_wage", "local_minimum_wage")
    if any(given):
        d.inputs["months"] = 1  # the case records overtime hours per month
    else:
        d.need("weekday_hours")
    if d.facts.pay.all_inclusive:
        d.notes.append("约定包薪制的，加班费仍应按法定标准计算，约定工资折算后低于法定标准的部分可以主张")


def _years(months: int) -> Decimal:
    return (Decimal(months) / 12).quantize(Decimal("0.01"), rounding=ROUND_DOWN)  # never rounds up past 1/10/20


def _annual_leave(d: _Draft) -> None:
    emp, leave = d.facts.employment, d.facts.dates.leave_date
    if emp.service_months is not None:
        d.take("employment.service_months", "cumulative_work_years", _years(emp.service_months))
    elif emp.hire_date is not None and leave is not None and leave >= emp.hire_date:
        d.take("employment.hire_date", "cumulative_work_years", _years(months_and_days(emp.hire_date, leave)[0]))
    else:
        d.need("cumulative_work_years")
    if "cumulative_work_years" in d.inputs:
        d.notes.append("累计工作年限先按在本单位的工作时间填；以前在其他单位工作过的也要算进去")
    if d.take("pay.monthly_wage", "monthly_wage") is False:
        d.notes.append("没有月工资只能算天数")
    if d.take("dates.leave_date", "leave_date"):
        d.notes.append("年中离职的，按当年已工作的日历天数折算（企业职工带薪年休假实施办法第十二条）")
    year = (leave or d.today).year
    if emp.hire_date is not None and emp.hire_date.year == year:
        d.take("employment.hire_date", "join_date")


def _maternity(d: _Draft) -> None:
    d.take("event.babies", "babies")
    d.take("event.difficult_birth", "difficult_birth")


def _probation(d: _Draft) -> None:
    term = d.facts.employment.contract_term
    if term is not None:
        d.take("employment.contract_term", "contract_type", {"task": "task_based"}.get(term, term))
    if not d.take("employment.probation_months", "probation_months"):
        d.need("probation_months")
    if term in (None, "fixed") and not d.take("employment.contract_months", "contract_months"):
        d.need("contract_months")


def _injury(d: _Draft) -> None:
    if d.take("pay.monthly_wage", "own_wage"):
        d.notes.append("本人工资应为受伤前12个月平均月缴费工资，这里先按你说的月工资算")
    else:
        d.need("own_wage")
    d.take("event.injury_grade", "grade")
    if d.facts.event.death:
        d.take("event.death", "death")
    elif "grade" not in d.inputs:
        d.need("grade")
    d.take("pay.local_average_wage", "local_average_wage")
    d.take("pay.local_minimum_wage", "local_minimum_wage")


def _deadline(question: str, today: date | None) -> Callable[[_Draft], None]:
    def build(d: _Draft) -> None:
        ev = d.facts.event
        if today is not None:
            d.inputs["today"] = today
        if re.search(r"裁决|判决|起诉", question):
            d.inputs["deadline_type"] = "sue_after_award"
            if not d.take("dates.award_received_date", "start_date"):
                d.need("start_date")
            return
        if (ev.injury or ev.occupational_disease or re.search(_INJURY, question)) and not re.search("仲裁", question):
            d.inputs["deadline_type"] = "injury_recognition_worker"
            if not (d.take("dates.injury_date", "start_date") or d.take("dates.injury_diagnosis_date", "start_date")):
                d.need("start_date")
            return
        if ev.unpaid_wages and d.facts.dates.leave_date is not None:
            d.inputs["deadline_type"] = "wage_arrears"
            d.take("dates.leave_date", "start_date")
            return
        d.inputs["deadline_type"] = "arbitration"
        if not (d.take("dates.dispute_date", "start_date") or d.take("dates.leave_date", "start_date")):
            d.need("start_date")
    return build


def _termination_builders(facts: CaseFacts, question: str) -> list[tuple[str, Callable[[_Draft], None], str]]:
    """The calculators the way the job ended calls for (the reason decides N, 2N or nothing)."""
    t = facts.event.termination
    asked = bool(_COMPENSATION_WORDS.search(question)) or "compensation" in facts.wants
    if t == "unlawful_dismissal":
        return [("unlawful_termination", _unlawful, "违法解除，按二倍经济补偿标准支付赔偿金")]
    if t == "dismissed":
        return [("economic_compensation", _economic(None), "解除理由合法且属于应付经济补偿的情形时是经济补偿（N）"),
                ("unlawful_termination", _unlawful, "如果解除违法，是赔偿金（2N），两者只能拿一个")]
    if t == "no_fault_dismissal":
        return [("economic_compensation", _economic("no_fault_dismissal"), "依第四十条解除，应付经济补偿"),
                ("notice_pay", _notice, "没有提前三十日书面通知的，另付一个月工资（代通知金）")]
    if t == "mutual":
        return [("economic_compensation", _economic(None), "协商解除由单位提出的才有经济补偿")]
    if t in ("resigned", "mutual_by_worker"):
        return [("economic_compensation", _economic(_REASONS[t]), "自己提出离职的，一般没有经济补偿")] if asked else []
    if t == "employee_fault_dismissal":
        return [("unlawful_termination", _unlawful, "如果单位所说的过错不成立，属于违法解除，是赔偿金（2N）")] \
            if asked else []
    if t in _REASONS:
        return [("economic_compensation", _economic(_REASONS[t]), "")]
    if t is None:
        out: list[tuple[str, Callable[[_Draft], None], str]] = []
        fault = facts.event.resignation_reason not in (None, "personal")
        if fault and ("resign" in facts.wants or asked):  # 想辞职 because of unpaid wages: 第三十八条 → N
            out.append(("economic_compensation", _economic("employer_fault_resignation"),
                        "因单位欠薪、不交社保等依第三十八条解除的，单位应付经济补偿"))
        elif TOPICS["economic_compensation"].search(question) and not re.search(_INJURY, question):
            out.append(("economic_compensation", _economic(None), ""))
        if TOPICS["unlawful_termination"].search(question):
            out.append(("unlawful_termination", _unlawful, ""))
        return out
    return []  # retired: 第四十四条第二项, nothing owed for the ending itself


def _fact_builders(facts: CaseFacts, question: str, today: date | None) -> list[tuple[str, Callable[[_Draft], None], str]]:
    ev, emp, hours = facts.event, facts.employment, facts.hours
    out: list[tuple[str, Callable[[_Draft], None], str]] = []
    if TOPICS["notice_pay"].search(question) and ev.termination not in ("resigned", "mutual_by_worker", "retired"):
        out.append(("notice_pay", _notice, ""))
    if emp.contract_signed is False or (TOPICS["double_wage"].search(question) and emp.contract_signed is not True):
        out.append(("double_wage", _double, "没签书面劳动合同，用工满一个月后每月另付一倍工资，最多11个月"))
    if any(h is not None for h in (hours.weekday_overtime, hours.restday_overtime, hours.holiday_overtime)) \
            or TOPICS["overtime"].search(question):
        out.append(("overtime", _overtime, "工作日、休息日、法定节假日加班分别按150%、200%、300%计算后相加"))
    if TOPICS["annual_leave"].search(question):
        out.append(("annual_leave", _annual_leave, ""))
    if ev.maternity or ev.babies is not None or ev.difficult_birth or TOPICS["maternity_leave"].search(question):
        out.append(("maternity_leave", _maternity, ""))
    if TOPICS["probation"].search(question) and ev.termination is None:
        out.append(("probation", _probation, ""))
    if ev.injury or ev.injury_grade is not None or ev.death or TOPICS["work_injury"].search(question):
        out.append(("work_injury", _injury, ""))
    if TOPICS["deadline"].search(question):
        out.append(("deadline", _deadline(question, today), ""))
    return out


_GUIDE_BUILDERS: dict[str, Callable[[_Draft], None]] = {
    "economic_compensation": _economic(None), "unlawful_termination": _unlawful, "notice_pay": _notice,
    "double_wage": _double, "overtime": _overtime, "annual_leave": _annual_leave, "maternity_leave": _maternity,
    "probation": _probation, "work_injury": _injury,
}


def _build(kind: str, builder: Callable[[_Draft], None], why: str, facts: CaseFacts, today: date,
           doubtful: frozenset[str]) -> SuggestedCalculation:
    d = _Draft(facts=facts, today=today)
    builder(d)
    for name, path in list(d.origin.items()):
        if path in doubtful:  # never compute from a fact the worker has to confirm first
            del d.inputs[name]
            del d.origin[name]
            d.need(path)
    notes = ([why] if why else []) + d.notes
    return SuggestedCalculation(kind=kind, name=KINDS[kind].name, inputs=d.inputs, missing=d.missing,
                                facts_used=list(dict.fromkeys(d.origin.values())), notes=notes)


def plan(facts: CaseFacts, question: str = "", guide_kinds: Sequence[str] = (), *,
         today: date | None = None) -> list[SuggestedCalculation]:
    """The calculators that apply to ``facts``, best first: those the question names by topic, then the rest in
    the order the case calls for them; a matched guide's calculator is added when the facts fill it completely."""
    question = (question or "")[:5000]
    chosen = _termination_builders(facts, question) + _fact_builders(facts, question, today)
    today = today or date.today()
    doubtful = facts.doubtful()
    out: list[SuggestedCalculation] = []
    for kind, builder, why in chosen:
        if kind not in {s.kind for s in out}:
            out.append(_build(kind, builder, why, facts, today, doubtful))
    # an unlawful dismissal is owed 2N instead of N (实施条例第二十五条): a guide's N would only confuse
    excluded = {"economic_compensation"} if facts.event.termination == "unlawful_dismissal" else set()
    for kind in guide_kinds:
        if kind in _GUIDE_BUILDERS and kind not in {s.kind for s in out} | excluded:
            s = _build(kind, _GUIDE_BUILDERS[kind], "", facts, today, doubtful)
            if s.ready and s.inputs:
                out.append(s)
    asked = [s for s in out if s.kind in TOPICS and TOPICS[s.kind].search(question)]
    return asked + [s for s in out if s not in asked]


def run_planned(facts: CaseFacts, question: str = "", guide_kinds: Sequence[str] = (), limit: int = 2, *,
                today: date | None = None) -> list[tuple[SuggestedCalculation, CalcResult | None]]:
    """The first ``limit`` planned calculations, each with its result when nothing is missing (else None; a
    calculator that refuses the prefilled inputs also gives None)."""
    out: list[tuple[SuggestedCalculation, CalcResult | None]] = []
    for s in plan(facts, question, guide_kinds, today=today)[:max(limit, 0)]:
        result = None
        if s.ready:
            try:
                result = calculate(s.kind, **s.inputs)
            except CalculatorInputError:
                result = None
        elif s.missing == ["monthly_wage"]:  # the service is known: say how many months' wages it comes to
            result = months_of_pay(s.kind, s.inputs.get("start_date"), s.inputs.get("end_date"),
                                   s.inputs.get("service_months"))
        out.append((s, result))
    return out
