"""The particulars a few calculations need: the terms of a training agreement (服务期), whether the probation was
served, the size of the workforce and of a layoff, days of sick leave, a spouse who depended on a worker who died
at work, and a run of whole days worked overtime. Steps of ``reader.read_text``, each reading only what the words
state (a count said as "200多人" or "将近十天" is not a figure to compute with)."""

from __future__ import annotations

import re

from assistant.facts.numbers import NUMBER, SPAN, find_dates, parse_number, span_months
from assistant.facts.reading import Reading

_ABOUT = r"(?:将近|快|近|不到|差不多|接近|大概|大约|约)"
_SERVICE_PERIOD = re.compile(rf"服务期(?:限)?(?:约定)?(?:为|是|定为|签了|签的是|有|：|:)?(?!{_ABOUT})(?P<span>{SPAN})(?!多)"
                             rf"|(?P<span2>{SPAN.replace('?P<', '?P<b_')})(?:的)?服务期")
_SERVED = re.compile(rf"(?:服务|履行)(?:了|满)?(?!{_ABOUT})(?P<span>{SPAN})(?!多)"
                     rf"|服务期[^，。；]{{0,8}}?(?:干|做|履行|服务|待)(?:了|满)(?P<span2>{SPAN.replace('?P<', '?P<b_')})(?!多)")
_PROBATION_SERVED = re.compile(r"试用期[^，。；]{0,8}?(?:并|都|也)?已(?:经)?(?:履行|干满|做满|满|结束|过)"
                               r"|已(?:经)?履行(?:完|了)?(?:的)?(?:全部)?试用期|试用期(?:已经|都|也)?(?:干|做|过)满了?|过了试用期|试用期(?:已经)?过了")
_HEADCOUNT = re.compile(rf"(?:现有|共有|总共有?|一共有?|在册|全部|全体)?(?:职工|员工|工人|在职人员)(?:总数|总人数|人数)?(?:为|是|有|共|共有|一共)?\s*"
                        rf"(?P<a>{NUMBER})\s*(?:人|名|个人)(?!多|左右)"
                        rf"|(?:公司|单位|厂里?|企业)(?:现在|目前)?(?:一共|总共|共)?有\s*(?P<b>{NUMBER})\s*(?:名|个)?(?:人|职工|员工|工人)(?!多|左右)")
_LAYOFF = re.compile(rf"裁(?:员|减|掉|了)?(?:人员)?(?:了)?\s*(?P<n>{NUMBER})\s*(?:人|名|个人)(?!多|左右)")
_SICK_DAYS = re.compile(rf"病假(?:了|休了)?(?!{_ABOUT})\s*(?P<a>{NUMBER})\s*天|(?:请|休)(?:了)?(?!{_ABOUT})(?P<b>{NUMBER})\s*天(?:的)?病假")
_SPOUSE = re.compile(r"(?:配偶|妻子|老婆|爱人|媳妇|丈夫|老公)[^。]{0,40}?(?:完全)?(?:丧失(?:了)?|没有|无|失去(?:了)?)劳动能力"
                     r"|(?:配偶|妻子|老婆|爱人|媳妇|丈夫|老公)[^，。]{0,10}(?:全靠|靠)(?:他|她)(?:生前)?(?:养|供养|生活)")
_DIED = re.compile(r"工亡|因工死亡|去世|死亡|身亡|遇难|丧生|没了命|走了以后")
_OVERTIME_AFTER = re.compile(r"^[^。；]{0,14}?加班|^[^。；，,]{0,6}(?:上班|工作)(?:[^。；]{0,6})(?:节|假)")


def _whole(raw: str | None) -> int | None:
    n = parse_number(raw) if raw else None
    return int(n) if n is not None and n == int(n) and n > 0 else None


def _span(m: re.Match[str]) -> int | None:
    if m.group("span") is not None:
        return span_months(m)
    renamed = {k[2:]: v for k, v in m.groupdict().items() if k.startswith("b_")}
    return span_months(_Groups(renamed))  # type: ignore[arg-type]


class _Groups:
    """The second spelling of a span inside one pattern, with its groups renamed back for ``span_months``."""

    def __init__(self, groups: dict[str, str | None]):
        self._groups = groups

    def group(self, name: str) -> str | None:
        return self._groups.get(name)


def read_agreements(r: Reading) -> None:
    """服务期, its part already served, and the probation served in full."""
    t = r.text
    if "服务期" in t:
        if (m := _SERVICE_PERIOD.search(t)) and (months := _span(m)):
            r.put("employment.service_period_months", months, *m.span())
        if (m := _SERVED.search(t)) and (months := _span(m)) is not None:
            r.put("employment.service_period_served_months", months, *m.span())
    if m := _PROBATION_SERVED.search(t):
        if not r.negated(m.start()):
            r.put("employment.probation_served", True, *m.span())


def read_counts(r: Reading) -> None:
    """The workforce, the number laid off, the days of sick leave."""
    t = r.text
    if m := _HEADCOUNT.search(t):
        n = _whole(m.group("a") or m.group("b"))
        if n is not None:
            r.put("employer.headcount", n, *m.span())
    if m := _LAYOFF.search(t):
        n = _whole(m.group("n"))
        if n is not None:
            r.put("event.layoff_count", n, *m.span())
    if m := _SICK_DAYS.search(t):
        n = _whole(m.group("a") or m.group("b"))
        if n is not None and n <= 1000 and not r.negated(m.start()):
            r.put("event.sick_leave_days", n, *m.span())
            r.put("event.illness", True, *m.span())


def read_dependants(r: Reading) -> None:
    """A spouse without the capacity to work, when the worker died at work (工伤保险条例第三十九条)."""
    if not (r.facts.event.death or _DIED.search(r.text)):
        return
    if m := _SPOUSE.search(r.text):
        r.put("event.dependant_spouse", True, *m.span())


def read_overtime_days(r: Reading) -> None:
    """"2023年10月1日—2023年10月7日加班": whole days of overtime, their kind left to the calendar. Runs before the
    dates are read, so these two dates are not taken for a hire or leave date."""
    dates = [d for d in find_dates(r.text, r.today) if not r.overlaps(d[0], d[1])]
    for (s1, e1, d1), (s2, e2, d2) in zip(dates, dates[1:], strict=False):
        between = r.text[e1:s2]
        if len(between) > 2 or not re.search(r"至|到|~|～|-|—", between) or not (d1.day_given and d2.day_given):
            continue
        if not _OVERTIME_AFTER.search(r.text[e2:e2 + 24]) or not 0 <= (d2.value - d1.value).days <= 62:
            continue
        r.taken += [(s1, e1), (s2, e2)]
        r.put("hours.whole_days_from", d1.value, s1, e2)
        r.put("hours.whole_days_to", d2.value, s1, e2)
        return
