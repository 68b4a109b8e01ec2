"""The one reader of the case: a worker's message → :class:`CaseFacts`, by rules, offline.

It reads only what the words state. A figure whose role the words do not make clear is left out (the answer asks
for it instead); two different figures for one fact are a conflict, not a pick; a figure that cannot be right (a
nine-digit monthly wage, a hire date in the future) is set aside as implausible. Every fact keeps the clause it was
read from.

    >>> f = read_text("在厂里干了19年10个月，月工资28000，当地上年度职工月平均工资9000元，被违法辞退")
    >>> f.employment.service_months, f.pay.monthly_wage, f.pay.local_average_wage, f.event.termination
    (238, Decimal('28000'), Decimal('9000'), 'unlawful_dismissal')
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from assistant.facts import vocabulary as v
from assistant.facts.court import PARTY, ending_patterns, mutual_patterns, party_roles
from assistant.facts.figures import (
    read_amounts,
    read_dates,
    read_hours,
    read_identifiers,
    read_service,
    read_unpaid_months,
)
from assistant.facts.model import CaseFacts
from assistant.facts.numbers import NUMBER, normalize, parse_number
from assistant.facts.particulars import read_agreements, read_counts, read_dependants, read_overtime_days
from assistant.facts.places import find_place
from assistant.facts.reading import MAX_TEXT, Reading, first, tidy

_AGE = re.compile(rf"(?:我|本人)(?:今年|现年|已经)?(?P<a>{NUMBER})(?:周)?岁"
                  rf"|(?:今年|现年|已经|已)(?P<b>{NUMBER})(?:周)?(?:岁|了)"
                  rf"|(?:男|女)[，,、\s]*(?P<c>{NUMBER})(?:周)?岁")
_OTHER_PERSON = re.compile(r"(?:老婆|妻子|媳妇|爱人|她|女朋友|女友|同事|朋友)(?:的)?.{0,2}$")
_GRADE_RULE = re.compile(r"(?:伤残)?(?:为|的)\s*\d+个月|(?:伤残)?(?:为|的)?[^，。]{0,3}个月")
_FAMILY = re.compile(r"(?:丈夫|老公|妻子|老婆|爱人|媳妇|父亲|爸爸|我爸|母亲|妈妈|我妈|儿子|女儿)[^，。,；]{0,10}$")
_NOT_HOME = re.compile(r"(?:老家|户口|籍贯|回|来自|出生在|出生于)[^，。,]{0,3}$")


def read_text(text: str, *, turn: int = 0, today: date | None = None) -> CaseFacts:
    """The facts one message states. ``today`` anchors 去年三月 / 上个月底 and the check for future dates."""
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    r = Reading(tidy(normalize(text)[:MAX_TEXT]), turn, today or date.today())
    for step in (read_identifiers, read_overtime_days, read_dates, read_service, read_amounts, read_unpaid_months,
                 read_agreements, read_counts, _termination, _flags, read_dependants, _contract, read_hours, _parties,
                 _place, _wants):
        step(r)
    return r.facts


def _termination(r: Reading) -> None:
    ev = r.facts.event
    if not v.FIRST_PERSON.search(r.text) and not re.search(r"公司|单位|老板|厂|店|工地", r.text):
        return  # "听说违法辞退是3倍？" asks about the law, it tells no case
    if not (PARTY.search(r.text) and _court_ending(r)):
        _worker_ending(r)
    if ev.termination is None and ev.termination_reason is None:
        for pattern in (v.FAULT_REASON, v.NO_FAULT_REASON):
            if m := first(r, pattern):  # a reason given on its own refines a dismissal told before (conversation.py)
                r.put("event.termination_reason", m.group(0), *m.span())
                break
    if m := first(r, v.FLAGS["event.last_place_elimination"]):
        r.put("event.last_place_elimination", True, *m.span())


def _worker_ending(r: Reading) -> None:
    ev = r.facts.event
    for name, pattern in v.TERMINATION_PATTERNS:
        m = first(r, pattern)
        if m:
            r.put("event.termination", name, *m.span())
            if name in ("no_fault_dismissal", "employee_fault_dismissal"):
                ev.termination_reason = m.group(0)
            break
    else:
        fired = first(r, v.FIRED)
        resign = first(r, v.RESIGN)
        if fired:
            r.put("event.termination", "dismissed", *fired.span())
        elif resign:
            _resignation(r, resign)
        elif m := first(r, v.RETIRED):
            r.put("event.termination", "retired", *m.span())


def _court_ending(r: Reading) -> bool:
    """How found facts in the court's words (被告解除与原告的劳动合同) say the employment ended; False when they
    do not say it in those words. The reason is looked for in the same sentence."""
    roles = party_roles(r.text)
    by_employer, by_worker = ending_patterns(roles)
    agreed = [(name, m) for name, pattern in mutual_patterns(roles) for m in pattern.finditer(r.text)
              if not r.negated(m.start())]
    found = agreed + [(side, m) for side, patterns in (("employer", by_employer), ("worker", by_worker))
                      for pattern in patterns for m in pattern.finditer(r.text) if not r.negated(m.start())]
    if not found:
        return False
    # the first told; at one place an agreement's reading first (「原告与被告协商一致解除」 is neither side's act
    # alone), then the employer's
    side, m = min(found, key=lambda x: x[1].start())
    if side.startswith("mutual"):
        r.put("event.termination", side, *m.span())
        return True
    if side == "ended":  # 「双方于…解除劳动关系」: it ended; who ended it is asked, not guessed
        return True
    start = max(r.text.rfind(c, 0, m.start()) for c in "。；\n") + 1
    ends = [i for i in (r.text.find(c, m.end()) for c in "。；\n") if i >= 0]
    sentence = r.text[start:min(ends, default=len(r.text))]
    if side == "employer":
        kinds = (("unlawful_dismissal", v.COURT_UNLAWFUL), ("employee_fault_dismissal", v.FAULT_REASON),
                 ("no_fault_dismissal", v.NO_FAULT_REASON), ("layoff", v.COURT_LAYOFF),
                 ("mutual_by_employer", v.COURT_MUTUAL), ("contract_expired", v.COURT_EXPIRED))
        name, reason = next(((n, x) for n, p in kinds for x in [p.search(sentence)] if x), ("dismissed", None))
        r.put("event.termination", name, *m.span())
        if reason and name in ("employee_fault_dismissal", "no_fault_dismissal"):
            r.put("event.termination_reason", reason.group(0), *m.span())
        return True
    why = next(((n, x) for n, p in v.RESIGNATION_REASONS for x in [p.search(sentence)] if x), None)
    if why:
        r.put("event.termination", "employer_fault_resignation", *m.span())
        r.put("event.resignation_reason", why[0], *m.span())
    else:
        r.put("event.termination", "mutual_by_worker" if v.COURT_MUTUAL.search(sentence) else "resigned", *m.span())
    return True


def _resignation(r: Reading, resign: re.Match[str]) -> None:
    planned = v.PLANNED.search(r.text[max(0, resign.start() - 8):resign.end()])
    forced = "被迫" in r.text[max(0, resign.start() - 2):resign.end()]
    reason = next(((name, m) for name, pattern in v.RESIGNATION_REASONS
                   for m in [first(r, pattern)] if m and (m.start() < resign.start() or forced)), None)
    if planned:  # "我想辞职": the reason is a fact, the ending has not happened yet
        if reason:
            r.put("event.resignation_reason", reason[0], *reason[1].span())
        return
    if reason or forced:
        # quitting because the employer did not pay or insure: 劳动合同法第三十八条
        r.put("event.termination", "employer_fault_resignation", *resign.span())
        if reason:
            r.put("event.resignation_reason", reason[0], *reason[1].span())
    else:
        r.put("event.termination", "resigned", *resign.span())
        if m := v.PERSONAL_REASON.search(r.text):
            r.put("event.resignation_reason", "personal", *m.span())


# ---- the decisive facts
def _flags(r: Reading) -> None:
    for path, pattern in v.FLAGS.items():
        if path == "event.last_place_elimination":
            continue
        for m in pattern.finditer(r.text):
            about_another = path.startswith("event.") and _OTHER_PERSON.search(r.text[max(0, m.start() - 6):m.start()])
            if path == "event.death" and _FAMILY.search(r.text[max(0, m.start() - 12):m.start()]):
                about_another = False  # a death at work is told by the family: it is the case they ask about
            elif r.negated(m.start()):
                continue
            if about_another:
                continue
            r.put(path, True, *m.span())
            break
    ev = r.facts.event
    if ev.pregnant or ev.nursing or ev.maternity:
        if r.facts.worker.sex is None:
            r.facts.set("worker.sex", "女", r.source(0, 0, confidence=0.8))
    if m := v.BABIES.search(r.text):
        r.put("event.babies", {"双": 2, "三": 3, "四": 4}[m.group(1)], *m.span())
    if ev.injury or ev.death or ev.occupational_disease or re.search(r"伤残|评残|劳动能力鉴定", r.text):
        for m in sorted(v.GRADE.finditer(r.text), key=lambda m: (m.group(2) is None, m.start())):
            if _GRADE_RULE.match(r.text[m.end():m.end() + 8]):
                continue  # "二级伤残为25个月的本人工资": a rule quoted, not this worker's grade
            raw = next(g for g in m.groups() if g)
            n = parse_number(raw)
            if n is not None and 1 <= n <= 10:
                r.put("event.injury_grade", int(n), *m.span())
                r.facts.event.injury = True
                break


def _contract(r: Reading) -> None:
    emp = r.facts.employment
    if m := v.NO_CONTRACT.search(r.text):
        r.put("employment.contract_signed", False, *m.span())
    elif m := first(r, v.SIGNED_CONTRACT):
        r.put("employment.contract_signed", True, *m.span())
    if m := v.OPEN_ENDED.search(r.text):
        r.put("employment.contract_term", "open_ended", *m.span())
    elif m := v.CONTRACT_YEARS.search(r.text):
        years = parse_number(m.group(1) or m.group(2))
        if years is not None and 0 < years <= 20:
            r.put("employment.contract_term", "fixed", *m.span())
            r.put("employment.contract_months", int(years * 12), *m.span())
    if m := v.PROBATION_MONTHS.search(r.text):
        n = parse_number(m.group(1) or m.group(2))
        if n is not None and 0 < n <= 24:
            r.put("employment.probation_months", int(n), *m.span())
    confirmed = re.search(r"转正(?:了)?", r.text) and not re.search(r"没转正|还没转正|不给转正|不让转正", r.text)
    if emp.probation and confirmed:
        emp.probation = None  # 转正了: no longer on probation
        r.facts.sources.pop("employment.probation", None)


# ---- the parties
def _parties(r: Reading) -> None:
    t = r.text
    for m in v.NAME.finditer(t):
        if not v.NOT_NAME.search(m.group(1)):
            r.put("worker.name", m.group(1), *m.span(1))
            break
    if m := v.SEX.search(t):  # said in words, it outranks what an ID number or a pregnancy suggests
        r.put("worker.sex", m.group(1) or m.group(2), *m.span())
    if m := _AGE.search(t):
        n = parse_number(m.group("a") or m.group("b") or m.group("c"))
        if n is not None:
            if 14 <= n <= 90:
                r.put("worker.age", int(n), *m.span())
            else:
                r.note("implausible", "worker.age", f"年龄 {n} 岁不合常理，请确认")
    if m := v.ADDRESS.search(t):
        r.put("worker.address", m.group(1), *m.span(1))
    if m := v.JOB.search(t):
        r.put("worker.job", m.group(1), *m.span(1))
    names: list[tuple[str, int, int]] = []
    for m in v.ORG.finditer(t):
        raw = m.group(1)
        lead = v.ORG_LEAD.match(raw)
        name = raw[lead.end():] if lead else raw
        name = PARTY.split(name)[-1]  # 「被告于2015年入职原告杭州某公司」: the name follows the last role word
        name = re.sub(r"^(?:[0-9年月日号]+|我|的|了)+", "", name)
        if len(name) > 3 and not v.GENERIC_ORG.match(name):
            names.append((name, m.start(1) + len(raw) - len(name), m.end(1)))
    distinct = [n for n in dict.fromkeys(x[0] for x in names) if not any(n != o and o.endswith(n) for o, _, _ in names)]
    if distinct:
        s, e = next((s, e) for n, s, e in names if n == distinct[0])
        r.put("employer.name", distinct[0], s, e, confidence=0.9 if len(distinct) == 1 else 0.6)
    if m := v.LEGAL_REP.search(t):
        r.put("employer.legal_representative", m.group(1), *m.span(1))
    for kind, pattern in v.EMPLOYER_TYPES:
        if m := pattern.search(t):
            r.put("employer.type", kind, *m.span())
            break


def _place(r: Reading) -> None:
    text = r.text
    name = r.facts.employer.name
    if name:
        province, city, span = find_place(name)
        if province:
            start = text.find(name)
            r.put("place.province", province, start, start + len(name))
            if city:
                r.put("place.city", city, start, start + len(name))
            return
    if r.facts.worker.address:
        text = text.replace(r.facts.worker.address, "＿" * len(r.facts.worker.address))
    offset = 0
    while offset < len(text):
        province, city, span = find_place(text[offset:])
        if span is None:
            return
        s, e = span[0] + offset, span[1] + offset
        if not _NOT_HOME.search(text[max(0, s - 6):s]):
            if province:
                r.put("place.province", province, s, e)
            if city:
                r.put("place.city", city, s, e)
            return
        offset = e


def _wished(text: str, m: re.Match[str]) -> bool:
    """Whether the words ``m`` found are wished for: not refused (不想要补偿) nor asked to be explained (失业金是什么)."""
    before, after = text[max(0, m.start() - 3):m.start()], text[m.end():m.end() + 12]
    return not (v.NOT_WANTED_BEFORE.search(before) or v.DEFINITION_BEFORE.search(before)
                or v.DEFINITION_AFTER.search(after))


def _wants(r: Reading) -> None:
    wants: list[Any] = []  # the names of vocabulary.WANTS are the model's Want values
    for name, pattern in v.WANTS:
        if any(_wished(r.text, m) for m in pattern.finditer(r.text)):
            wants.append(name)
    if wants:
        r.facts.wants = wants
