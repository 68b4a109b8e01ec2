"""The calculators' inputs prefilled from a case (案情): one builder per calculator, each taking only stated facts.

The one mapping from the case's vocabulary to the calculators' inputs lives here: ``employment.hire_date`` →
``start_date``, ``dates.leave_date`` → ``end_date``, ``hours.weekday_overtime`` → ``weekday_hours`` and so on. A
builder that lacks a fact names the input in ``Draft.missing``; ``plan`` decides which builders a case calls for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from assistant.calculators.models import months_and_days
from assistant.facts.model import CaseFacts

LCL_2008 = date(2008, 1, 1)
INJURY = r"工伤|伤残|工亡|因工|职业病"


@dataclass
class Draft:
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


def service(d: Draft, *, apart_before_2008: bool) -> None:
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
    wage(d, "monthly_wage")
    d.take("pay.local_average_wage", "local_average_wage")
    d.take("pay.local_minimum_wage", "local_minimum_wage")


def wage(d: Draft, name: str) -> None:
    if not d.take("pay.monthly_wage", name):
        d.need(name)


def economic(reason: str | None) -> Callable[[Draft], None]:
    def build(d: Draft) -> None:
        if reason is not None:
            d.inputs["reason"] = reason
        service(d, apart_before_2008=reason not in ("worker_resigned", "mutual_agreement_by_worker"))
    return build


def unlawful(d: Draft) -> None:
    service(d, apart_before_2008=False)  # 实施条例第二十五条: 赔偿金 counts all service from hire


def notice(d: Draft) -> None:
    wage(d, "last_month_wage")


def double(d: Draft) -> None:
    if not d.take("employment.hire_date", "start_date"):
        d.need("start_date")
    wage(d, "monthly_wage")
    d.take("employment.contract_signed_date", "contract_signed_date")  # runs to the day before a late signing
    d.take("dates.leave_date", "end_date")
    if d.facts.employment.contract_signed is None:
        d.notes.append("按一直没有签书面劳动合同计算；后来补签了的，请告诉补签日期")


def overtime(d: Draft) -> None:
    # the wage as stated: by the month, else by the day, else by the hour (never one turned into another's fact)
    if not (d.take("pay.monthly_wage", "monthly_wage") or d.take("pay.daily_wage", "daily_wage")
            or d.take("pay.hourly_wage", "hourly_wage")):
        d.need("monthly_wage")
    given = [d.take(f"hours.{kind}_overtime", f"{kind}_hours") for kind in ("weekday", "restday", "holiday")]
    days = d.take("hours.whole_days_from", "first_day") and d.take("hours.whole_days_to", "last_day")
    if "monthly_wage" in d.inputs:
        d.take("pay.local_minimum_wage", "local_minimum_wage")
    if any(given):
        d.inputs["months"] = 1  # the case records overtime hours per month
    elif not days:
        d.need("weekday_hours")
    if d.facts.pay.all_inclusive:
        d.notes.append("约定包薪制的，加班费仍应按法定标准计算，约定工资折算后低于法定标准的部分可以主张")


def wage_rates(d: Draft) -> None:
    d.take("pay.monthly_wage", "monthly_wage")


def sick(d: Draft) -> None:
    d.take("pay.local_minimum_wage", "local_minimum_wage")
    d.take("pay.monthly_wage", "monthly_wage")
    d.take("event.sick_leave_days", "sick_days")
    d.take("employment.service_months", "service_months")
    if "local_minimum_wage" not in d.inputs and "service_months" not in d.inputs:
        d.need("local_minimum_wage")  # the floor is 80% of a local figure: the worker has to say it


def service_period(d: Draft) -> None:
    for path, name in (("employment.training_cost", "training_cost"),
                       ("employment.service_period_months", "service_period_months"),
                       ("employment.service_period_served_months", "served_months")):
        if not d.take(path, name):
            d.need(name)
    d.take("employment.agreed_penalty", "agreed_penalty")
    if d.facts.event.termination == "employer_fault_resignation":
        d.take("event.termination", "employer_fault", True)


def layoff(d: Draft) -> None:
    if not d.take("employer.headcount", "headcount"):
        d.need("headcount")
    d.take("event.layoff_count", "layoff_count")


def years(months: int) -> Decimal:
    return (Decimal(months) / 12).quantize(Decimal("0.01"), rounding=ROUND_DOWN)  # never rounds up past 1/10/20


def annual_leave(d: Draft) -> None:
    emp, leave = d.facts.employment, d.facts.dates.leave_date
    if emp.service_months is not None:
        d.take("employment.service_months", "cumulative_work_years", years(emp.service_months))
    elif emp.hire_date is not None and leave is not None and leave >= emp.hire_date:
        d.take("employment.hire_date", "cumulative_work_years", years(months_and_days(emp.hire_date, leave)[0]))
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


def maternity(d: Draft) -> None:
    d.take("event.babies", "babies")
    d.take("event.difficult_birth", "difficult_birth")


def probation(d: Draft) -> None:
    term = d.facts.employment.contract_term
    if term is not None:
        d.take("employment.contract_term", "contract_type", {"task": "task_based"}.get(term, term))
    if not d.take("employment.probation_months", "probation_months"):
        d.need("probation_months")
    if term in (None, "fixed") and not d.take("employment.contract_months", "contract_months"):
        d.need("contract_months")
    # 第二十条: the probation wage against 80% of the contract wage and the local minimum, when they are stated
    if d.take("pay.probation_wage", "probation_wage"):
        d.take("pay.post_probation_wage", "contract_wage")
        d.take("pay.local_minimum_wage", "local_minimum_wage")
    months = d.facts.employment.probation_months
    if d.facts.employment.probation_served and months is not None:
        d.take("employment.probation_served", "probation_served_months", Decimal(months))
        if not d.take("pay.post_probation_wage", "contract_wage") and d.take("pay.monthly_wage", "contract_wage"):
            d.notes.append("试用期已经履行完，按你说的月工资作为试用期满后的工资计算")


def injury(d: Draft) -> None:
    if d.take("pay.monthly_wage", "own_wage"):
        d.notes.append("本人工资应为受伤前12个月平均月缴费工资，这里先按你说的月工资算")
    else:
        d.need("own_wage")
    d.take("event.injury_grade", "grade")
    if d.facts.event.death:
        d.take("event.death", "death")
        d.take("event.dependant_spouse", "dependant_spouse")
    elif "grade" not in d.inputs:
        d.need("grade")
    d.take("pay.local_average_wage", "local_average_wage")
    d.take("pay.local_minimum_wage", "local_minimum_wage")


def deadline(question: str, today: date | None) -> Callable[[Draft], None]:
    def build(d: Draft) -> None:
        ev = d.facts.event
        if today is not None:
            d.inputs["today"] = today
        if re.search(r"裁决|判决|起诉", question):
            d.inputs["deadline_type"] = "sue_after_award"
            if not d.take("dates.award_received_date", "start_date"):
                d.need("start_date")
            return
        if (ev.injury or ev.occupational_disease or re.search(INJURY, question)) and not re.search("仲裁", question):
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
