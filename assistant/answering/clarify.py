"""The one question an answer asks back: a doubtful fact first, then the fact an amount still needs.

Read from the case (案情), never from the question's words again: the reader has already found what was said.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.facts import CaseFacts
from assistant.facts.questions import next_question

# calculator input → the case fact it comes from (the calculators' planner names missing inputs by input)
INPUT_FACTS = {
    "monthly_wage": "pay.monthly_wage", "own_wage": "pay.monthly_wage", "last_month_wage": "pay.monthly_wage",
    "start_date": "employment.hire_date", "end_date": "dates.leave_date", "leave_date": "dates.leave_date",
    "service_months": "employment.service_months", "weekday_hours": "hours.weekday_overtime",
    "grade": "event.injury_grade", "probation_months": "employment.probation_months",
    "contract_months": "employment.contract_months", "local_average_wage": "pay.local_average_wage",
    "local_minimum_wage": "pay.local_minimum_wage", "headcount": "employer.headcount",
    "training_cost": "employment.training_cost", "service_period_months": "employment.service_period_months",
    "served_months": "employment.service_period_served_months", "contract_wage": "pay.post_probation_wage",
}
_MIN_WAGE = re.compile(r"最低工资|最低标准|最低薪")
_DISMISSAL_REASON = "单位是以什么理由解除的，有没有书面通知？"


def _may_reach_before_2008(case: CaseFacts) -> bool:
    """Whether the stated span could begin before 2008 (those years follow other rules: 劳动合同法第九十七条)."""
    months = case.employment.service_months or 0
    end = case.dates.leave_date or date.today()
    return months > (end.year - 2008) * 12 + end.month - 1


_ASK_HIRE = "你是哪年哪月开始在这家单位上班的？按你说的工作年限，入职可能在2008年以前。"
_BEFORE_2008 = {
    # 第九十七条: N for the years before 2008 follows the rules of the time, uncapped; the calculator splits by date
    "economic_compensation": "2008年以前的年限按当时的规定单独计算，三倍封顶和十二年的上限只用于2008年以后的年限"
                             "（劳动合同法第九十七条），知道入职日期才能分开算。",
    # 实施条例第二十五条 counts 2N from hire; whether the caps reach the years before 2008 is not settled
    "unlawful_termination": "上面的赔偿金把全部年限按同一标准计算（劳动合同法实施条例第二十五条：赔偿金的计算年限自用工"
                            "之日起计算）；2008年以前的年限是否适用三倍封顶和十二年上限，各地做法不一，知道入职日期才能核对。",
}


def _before_2008_question(case: CaseFacts, calculations: list) -> str | None:
    """An N or 2N computed from a span alone, when the span may begin before 2008: the hire date is asked for,
    with what it changes."""
    if case.employment.hire_date is not None or case.employment.service_months is None \
            or not _may_reach_before_2008(case):
        return None
    for s, r in calculations:
        if s.kind in _BEFORE_2008 and r is not None and r.amount is not None:
            return _ASK_HIRE + _BEFORE_2008[s.kind]
    return None


def clarifying_question(case: CaseFacts, question: str, calculations: list) -> str | None:
    """One short question, or None when nothing the answer depends on is missing."""
    needed: list[str] = []
    for suggestion, _result in calculations:
        for name in suggestion.missing:
            path = INPUT_FACTS.get(name, name if "." in name else None)
            if path and path not in needed:
                needed.append(path)
    if "pay.monthly_wage" in needed and "employment.service_months" in needed and case.employment.hire_date:
        needed.remove("employment.service_months")
    if "employment.hire_date" in needed and case.employment.service_months is not None \
            and not _may_reach_before_2008(case):
        needed.remove("employment.hire_date")  # years from 2008 count alike: the span is enough
    if "dates.leave_date" in needed and case.employment.service_months is not None:
        needed.remove("dates.leave_date")
    asked = next_question(case, needed)
    if asked:
        if case.event.termination == "dismissed" and not case.doubtful():
            return _DISMISSAL_REASON + asked
        return asked
    if before_2008 := _before_2008_question(case, calculations):
        return before_2008
    if _MIN_WAGE.search(question) and not (case.place.province or case.place.city):
        return "你在哪个省、市工作？最低工资标准由各省级政府分地区规定，知道地点后才能对照当地标准。"
    return None
