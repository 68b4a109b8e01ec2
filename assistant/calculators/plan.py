"""Which calculators apply to a case, prefilled from its facts (案情), and which inputs they still need.

    >>> facts = CaseFacts(pay={"monthly_wage": 8000}, employment={"service_months": 48},
    ...                   event={"termination": "unlawful_dismissal"})
    >>> [(s.kind, s.inputs, s.missing) for s in plan(facts)]
    [('unlawful_termination', {'service_months': 48, 'monthly_wage': Decimal('8000')}, [])]

Numbers and dates come only from ``facts``; the question is read for topic words (加班费, 年假, 时效 …) that say
which calculators the worker asks about, never for figures. A calculation that would rest on a fact in conflict or
implausible (``facts.doubtful()``) is listed with that fact's path in ``missing`` and never runs.

The builders that map the case's vocabulary onto each calculator's inputs are in :mod:`prefill`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from assistant.calculators import prefill as pf
from assistant.calculators.compensation import months_of_pay
from assistant.calculators.models import CalcResult, CalculatorInputError
from assistant.calculators.registry import KINDS, calculate
from assistant.facts.model import CaseFacts

# topic words of the question, per calculator (they choose and order calculators; they never supply a figure)
_INJURY = pf.INJURY
TOPICS: dict[str, re.Pattern[str]] = {
    "economic_compensation": re.compile(r"经济补偿|补偿金|[Nn]\s*\+\s*1|(?<![工伤资])补偿"),
    "unlawful_termination": re.compile(r"(?<!试用期)赔偿金|2\s*[Nn]|违法(?:解除|辞退|开除|解雇)|二倍赔偿|双倍赔偿"),
    "notice_pay": re.compile(r"代通知金|[Nn]\s*\+\s*1|提前(?:一个月|三十天|30天|30日)?(?:书面)?通知"),
    "double_wage": re.compile(r"二倍工资|双倍工资|2倍工资|(?:未|没有?|不)(?:及时)?(?:订立|签订|签)(?:书面)?(?:劳动)?合同的?(?:工资)?(?:补偿|赔偿)"),
    "overtime": re.compile(r"加班|(?:法定节假日|节假日|法定休假日|休息日|周末|双休日)[^，。？?]{0,4}(?:工作|上班)"),
    "wage_rates": re.compile(r"计薪(?:天数|日)|(?<!作)日工资|小时工资|时薪|工资(?:怎么)?折算|月平均工作(?:天数|日|时间)"),
    "sick_pay": re.compile(r"病假|医疗期|病休"),
    "service_period_penalty": re.compile(r"服务期|培训费"),
    "mass_layoff": re.compile(r"裁员|裁减(?:人员|人数)"),
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


def _termination_builders(facts: CaseFacts, question: str) -> list[tuple[str, Callable[[pf.Draft], None], str]]:
    """The calculators the way the job ended calls for (the reason decides N, 2N or nothing)."""
    t = facts.event.termination
    asked = bool(_COMPENSATION_WORDS.search(question)) or "compensation" in facts.wants
    if t == "unlawful_dismissal":
        return [("unlawful_termination", pf.unlawful, "违法解除，按二倍经济补偿标准支付赔偿金")]
    if t == "dismissed":
        return [("economic_compensation", pf.economic(None), "解除理由合法且属于应付经济补偿的情形时是经济补偿（N）"),
                ("unlawful_termination", pf.unlawful, "如果解除违法，是赔偿金（2N），两者只能拿一个")]
    if t == "no_fault_dismissal":
        return [("economic_compensation", pf.economic("no_fault_dismissal"), "依第四十条解除，应付经济补偿"),
                ("notice_pay", pf.notice, "没有提前三十日书面通知的，另付一个月工资（代通知金）")]
    if t == "mutual":
        return [("economic_compensation", pf.economic(None), "协商解除由单位提出的才有经济补偿")]
    if t in ("resigned", "mutual_by_worker"):
        return [("economic_compensation", pf.economic(_REASONS[t]), "自己提出离职的，一般没有经济补偿")] if asked else []
    if t == "employee_fault_dismissal":
        return [("unlawful_termination", pf.unlawful, "如果单位所说的过错不成立，属于违法解除，是赔偿金（2N）")] \
            if asked else []
    if t in _REASONS:
        return [("economic_compensation", pf.economic(_REASONS[t]), "")]
    if t is None:
        out: list[tuple[str, Callable[[pf.Draft], None], str]] = []
        fault = facts.event.resignation_reason not in (None, "personal")
        if fault and ("resign" in facts.wants or asked):  # 想辞职 because of unpaid wages: 第三十八条 → N
            out.append(("economic_compensation", pf.economic("employer_fault_resignation"),
                        "因单位欠薪、不交社保等依第三十八条解除的，单位应付经济补偿"))
        elif TOPICS["economic_compensation"].search(question) and not re.search(_INJURY, question):
            out.append(("economic_compensation", pf.economic(None), ""))
        if TOPICS["unlawful_termination"].search(question):
            out.append(("unlawful_termination", pf.unlawful, ""))
        return out
    return []  # retired: 第四十四条第二项, nothing owed for the ending itself


def _fact_builders(facts: CaseFacts, question: str, today: date | None) -> list[tuple[str, Callable[[pf.Draft], None], str]]:
    ev, emp, hours = facts.event, facts.employment, facts.hours
    out: list[tuple[str, Callable[[pf.Draft], None], str]] = []
    if TOPICS["notice_pay"].search(question) and ev.termination not in ("resigned", "mutual_by_worker", "retired"):
        out.append(("notice_pay", pf.notice, ""))
    if emp.contract_signed is False or (TOPICS["double_wage"].search(question) and emp.contract_signed is not True):
        out.append(("double_wage", pf.double, "没签书面劳动合同，用工满一个月后每月另付一倍工资，最多11个月"))
    if any(h is not None for h in (hours.weekday_overtime, hours.restday_overtime, hours.holiday_overtime,
                                   hours.whole_days_from)) \
            or TOPICS["overtime"].search(question):
        out.append(("overtime", pf.overtime, "工作日、休息日、法定节假日加班分别按150%、200%、300%计算后相加"))
    if TOPICS["wage_rates"].search(question):
        out.append(("wage_rates", pf.wage_rates, ""))
    if ev.sick_leave_days is not None or TOPICS["sick_pay"].search(question):
        out.append(("sick_pay", pf.sick, "医疗期内病假工资不得低于当地最低工资标准的80%"))
    if emp.training_cost is not None or emp.service_period_months is not None \
            or TOPICS["service_period_penalty"].search(question):
        out.append(("service_period_penalty", pf.service_period, "违约金不得超过服务期尚未履行部分所应分摊的培训费用"))
    if TOPICS["mass_layoff"].search(question) or facts.employer.headcount is not None:
        out.append(("mass_layoff", pf.layoff, "裁减20人以上或不足20人但占职工总数10%以上的，要走第四十一条程序"))
    if TOPICS["annual_leave"].search(question):
        out.append(("annual_leave", pf.annual_leave, ""))
    if ev.maternity or ev.babies is not None or ev.difficult_birth or TOPICS["maternity_leave"].search(question):
        out.append(("maternity_leave", pf.maternity, ""))
    if TOPICS["probation"].search(question) and ev.termination is None:
        out.append(("probation", pf.probation, ""))
    if ev.injury or ev.injury_grade is not None or ev.death or TOPICS["work_injury"].search(question):
        out.append(("work_injury", pf.injury, ""))
    if TOPICS["deadline"].search(question):
        out.append(("deadline", pf.deadline(question, today), ""))
    return out


_GUIDE_BUILDERS: dict[str, Callable[[pf.Draft], None]] = {
    "economic_compensation": pf.economic(None), "unlawful_termination": pf.unlawful, "notice_pay": pf.notice,
    "double_wage": pf.double, "overtime": pf.overtime, "annual_leave": pf.annual_leave, "maternity_leave": pf.maternity,
    "probation": pf.probation, "work_injury": pf.injury,
}


def _build(kind: str, builder: Callable[[pf.Draft], None], why: str, facts: CaseFacts, today: date,
           doubtful: frozenset[str]) -> SuggestedCalculation:
    d = pf.Draft(facts=facts, today=today)
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
    if facts.event.termination not in (None, "no_fault_dismissal"):
        excluded.add("notice_pay")  # 代通知金 belongs to a 第四十条 dismissal alone (unless the worker asks of it)
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
        elif s.kind == "overtime" and s.missing == ["weekday_hours"]:  # a wage, no hours: the rates per hour
            result = calculate("overtime", **s.inputs)
        elif s.missing == ["monthly_wage"]:  # the service is known: say how many months' wages it comes to
            result = months_of_pay(s.kind, s.inputs.get("start_date"), s.inputs.get("end_date"),
                                   s.inputs.get("service_months"))
        out.append((s, result))
    return out
