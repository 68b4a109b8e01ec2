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
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from assistant.facts import vocabulary as v
from assistant.facts.model import CaseFacts, FactNote, FactSource
from assistant.facts.numbers import NUMBER, SPAN, find_dates, normalize, parse_amount, parse_number, span_months
from assistant.facts.places import find_place

MAX_TEXT = 5000  # facts live in the first sentences; a pasted document is not read past this
MAX_MONTHLY_WAGE = Decimal(500000)
MIN_MONTHLY_WAGE = Decimal(100)
_CLAUSE_END = "，。；！？,;!?\n…"
_NUMBER_RE = re.compile(NUMBER)
_SERVICE_RE = re.compile(
    r"(?:干了|工作了|做了|上了|待了|呆了|跑了|送了|开了|干活|上班|工作|打工|干|做|工龄|入职|来了|在职)"
    r"(?:的)?(?:时间|年限|工龄)?(?:为|是|已经|有|整整|了|共|总共|一共|快要|满)*"
    rf"(?P<pre>将近|快|近|不到|差不多|接近|大概|大约|约)?(?P<span>{SPAN})(?P<post>多|左右|出头|来)?")
_UNPAID_MONTHS = re.compile(
    rf"(?:拖欠|欠|没发|未发|扣)(?:了)?(?:我|我们|大家)?(?:的)?(?P<a>{NUMBER})个多?月(?:的)?(?:工资|薪水|钱)?(?![\u4e00-\u9fff]{{0,2}}(?:试用|合同|产假))"
    rf"|(?P<b>{NUMBER})个多?月(?:的)?(?:工资|薪水|钱)?(?:都|一直|还|也)?(?:没|未|不|拖)(?:有)?(?:发|给|结|拿到)")
_RANGE = re.compile(r"(至|到|~|～|-|—)")
_ARTICLE_REF = re.compile(r"第[一二三四五六七八九十百零\d]+[条款项]")
_YEAR_ONLY = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?![\d一二三四五六七八九十]{1,2}月)(?:.{0,3})(?:入职|进厂|进公司|来|上班|开始)")
_AGE = re.compile(rf"(?:我|本人)(?:今年|现年|已经)?(?P<a>{NUMBER})(?:周)?岁|(?:今年|现年|已经|已)(?P<b>{NUMBER})(?:周)?(?:岁|了)"
                  rf"|(?:男|女)[，,、\s]*(?P<c>{NUMBER})(?:周)?岁")
_OTHER_PERSON = re.compile(r"(?:老婆|妻子|媳妇|爱人|她|女朋友|女友|同事|朋友)(?:的)?.{0,2}$")
_NOT_HOME = re.compile(r"(?:老家|户口|籍贯|回|来自|出生在|出生于)[^，。,]{0,3}$")


@dataclass
class _Reading:
    text: str
    turn: int
    today: date
    facts: CaseFacts = field(default_factory=CaseFacts)
    taken: list[tuple[int, int]] = field(default_factory=list)  # spans already read as dates, phones, ids …

    def quote(self, start: int, end: int) -> str:
        s = start
        while s > 0 and self.text[s - 1] not in _CLAUSE_END and start - s < 24:
            s -= 1
        e = end
        while e < len(self.text) and self.text[e] not in _CLAUSE_END and e - end < 16:
            e += 1
        return self.text[s:e].strip()

    def source(self, start: int, end: int, *, confidence: float = 0.9, approximate: bool = False) -> FactSource:
        return FactSource(by="rules", turn=self.turn, quote=self.quote(start, end), confidence=confidence,
                          approximate=approximate)

    def put(self, path: str, value: Any, start: int, end: int, **kw: Any) -> None:
        self.facts.set(path, value, self.source(start, end, **kw))

    def note(self, kind: str, path: str, message: str) -> None:
        notes = self.facts.conflicts if kind == "conflict" else self.facts.implausible
        if not any(n.path == path for n in notes):
            notes.append(FactNote(path=path, message=message))

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def negated(self, start: int) -> bool:
        """Whether the words before ``start`` deny it, make it hypothetical or tell of someone else."""
        before = self.text[max(0, start - 12):start]
        return bool(v.NEGATED_BEFORE.search(before[-4:]) or v.HYPOTHETICAL_BEFORE.search(before)
                    or v.OTHER_PERSON_BEFORE.search(before))


def read_text(text: str, *, turn: int = 0, today: date | None = None) -> CaseFacts:
    """The facts one message states. ``today`` anchors 去年三月 / 上个月底 and the check for future dates."""
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    r = _Reading(_tidy(normalize(text)[:MAX_TEXT]), turn, today or date.today())
    for step in (_identifiers, _dates, _service, _amounts, _unpaid_months, _termination, _flags, _contract,
                 _hours, _parties, _place, _wants):
        step(r)
    return r.facts


def _tidy(text: str) -> str:
    """Spaces that split a figure or a date ("2008 年 3 月 5 日", "5 500 元", "A 公司") are dropped."""
    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=[\d年月日号]) +(?=[\d年月日号元块])|(?<=[A-Za-z]) +(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[\dA-Za-z])|(?<=\d) +(?=[\u4e00-\u9fff])", "", text)


# ---- identifiers first: their digits are not wages or dates
def _identifiers(r: _Reading) -> None:
    for m in v.ID_NUMBER.finditer(r.text):
        r.taken.append(m.span())
        number = m.group(0).upper()
        if _id_checksum_ok(number):
            r.put("worker.id_number", number, *m.span(), confidence=1.0)
            born = _birth_from_id(number)
            if born:
                r.put("worker.birth_date", born, *m.span(), confidence=0.95)
            r.put("worker.sex", "男" if int(number[16]) % 2 else "女", *m.span(), confidence=0.95)
        else:  # kept as typed (a document checks it again), but nothing is derived from a number that fails
            r.put("worker.id_number", number, *m.span(), confidence=0.5)
    for m in v.PHONE.finditer(r.text):
        if not r.overlaps(*m.span()):
            r.taken.append(m.span())
            r.facts.worker.phone or r.put("worker.phone", m.group(0), *m.span(), confidence=1.0)
    for m in _ARTICLE_REF.finditer(r.text):
        r.taken.append(m.span())


def _id_checksum_ok(number: str) -> bool:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(number[:17], weights, strict=True))
    return "10X98765432"[total % 11] == number[17]


def _birth_from_id(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


# ---- dates
def _nearest_kind(r: _Reading, start: int, end: int) -> tuple[str, int] | None:
    best: tuple[int, str, int] | None = None
    left = r.text[max(0, start - v.DATE_BEFORE):start]
    cut = max(left.rfind(ch) for ch in "，,。；;\n")  # the clause before a comma tells of its own dates
    left = left[cut + 1:] if cut >= 0 else left
    right = r.text[end:end + v.DATE_AFTER + 1]
    if right[:1] in ("，", ","):  # "2012年4月1日，小月到A公司工作": the date opens the clause that follows
        right = right[1:]
    cut = min([i for i in (right.find(ch) for ch in "，。；,;\n") if i >= 0], default=len(right))
    right = right[:cut]
    for kind, pattern in v.DATE_KINDS:
        for m in pattern.finditer(right):
            cand = (m.start(), kind, end + m.end())
            best = cand if best is None or cand[0] < best[0] else best
        for m in pattern.finditer(left):
            cand = (len(left) - m.end() + 1, kind, start)
            best = cand if best is None or cand[0] < best[0] else best
    return (best[1], best[2]) if best else None


def _dates(r: _Reading) -> None:
    found: dict[str, list[tuple[date, int, int, bool]]] = {}
    dates = [d for d in find_dates(r.text, r.today) if not r.overlaps(d[0], d[1])]
    ranged: set[int] = set()
    for (s1, e1, d1), (s2, e2, d2) in zip(dates, dates[1:], strict=False):  # 2020年1月至2024年6月在某公司上班
        between = r.text[e1:s2]
        if len(between) <= 2 and _RANGE.search(between) and \
                re.search(r"^[^，。,]{0,12}(?:上班|工作(?!日)|干活|打工|在职)", r.text[e2:e2 + 16]):
            found.setdefault("employment.hire_date", []).append((d1.value, s1, e1, d1.day_given))
            found.setdefault("dates.leave_date", []).append((d2.value, s2, e2, d2.day_given))
            ranged |= {s1, s2}
    for s, e, parsed in dates:
        r.taken.append((s, e))
        if s in ranged:
            continue
        kind = _nearest_kind(r, s, e)
        if kind is None:
            continue
        found.setdefault(kind[0], []).append((parsed.value, s, max(e, kind[1]), parsed.day_given))
    for d, s, e, _ in found.pop("renewal", []):
        if d not in r.facts.employment.renewal_dates:
            r.facts.employment.renewal_dates = [*r.facts.employment.renewal_dates, d]
            r.facts.sources["employment.renewal_dates"] = r.source(s, e)
    labels = {"employment.hire_date": "入职日期", "dates.leave_date": "离职日期", "dates.injury_date": "受伤日期",
              "employment.contract_signed_date": "补签合同日期", "dates.award_received_date": "收到裁决书日期",
              "worker.birth_date": "出生日期", "employment.contract_end_date": "合同到期日"}
    for path, items in found.items():
        chosen = _one_value(r, path, items, labels.get(path, "日期"), _cn_date)
        if chosen is None:
            continue
        value, s, e, day_given = chosen
        if path in ("employment.hire_date", "dates.injury_date") and value > r.today:
            r.note("implausible", path, f"{labels[path]}{_cn_date(value)}还没到，请确认年份")
            continue
        if value.year < 1950:
            r.note("implausible", path, f"{labels.get(path, '日期')}{_cn_date(value)}不合常理，请确认年份")
            continue
        r.put(path, value, s, e, approximate=not day_given)
    for m in _YEAR_ONLY.finditer(r.text):  # "2030年入职": a year alone is too vague to use, but a future one is wrong
        if not r.overlaps(*m.span()) and int(m.group(1)) > r.today.year and r.facts.employment.hire_date is None:
            r.note("implausible", "employment.hire_date", f"入职年份{m.group(1)}年还没到，请确认")


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _one_value(r: _Reading, path: str, items: list, label: str, show) -> tuple:
    """The value of ``items`` (value, start, end, …): one distinct value, or the last one after a correction;
    otherwise a conflict and None."""
    distinct = list(dict.fromkeys(item[0] for item in items))
    if len(distinct) == 1:
        return items[0]
    last, before = items[-1], items[-2]
    if v.CORRECTION.search(r.text[before[2]:last[1]]):
        return last
    r.note("conflict", path, f"{label}说了{'和'.join(show(x) for x in distinct[:3])}，请确认是哪一个")
    return None


# ---- spans of service
def _service(r: _Reading) -> None:
    items = []
    for m in _SERVICE_RE.finditer(r.text):
        if r.overlaps(m.start("span"), m.end("span")):
            continue
        months = span_months(m)
        if months is None or months == 0:
            continue
        r.taken.append(m.span("span"))
        if m.group("pre") in ("将近", "快", "近", "不到", "差不多", "接近") or m.group("post"):
            continue  # "三年多": not a figure to compute with; the answer asks for the hire date
        items.append((months, m.start(), m.end(), m.group("pre") in ("大概", "大约", "约")))
    if not items:
        return
    chosen = _one_value(r, "employment.service_months", items, "工作时间", lambda x: f"{x}个月")
    if chosen is None:
        return
    months, s, e, approximate = chosen
    if months > 600:
        r.note("implausible", "employment.service_months", f"在本单位工作 {months} 个月不合常理，请确认")
        return
    r.put("employment.service_months", months, s, e, approximate=approximate, confidence=0.7 if approximate else 0.9)


# ---- amounts of money
def _amounts(r: _Reading) -> None:
    found: dict[str, list[tuple[Decimal, int, int, bool]]] = {}
    base_pay: list[tuple[Decimal, int, int]] = []
    for m in _NUMBER_RE.finditer(r.text):
        s, e = m.span()
        if r.overlaps(s, e) or (s > 0 and r.text[s - 1].isdigit()):
            continue
        after = r.text[e:e + 8]
        has_unit = bool(re.match(r"\s*(?:元|块)", after)) or bool(re.search(r"[万千kKwW]", m.group(0)))
        if v.NOT_A_WAGE_AFTER.match(after) and not has_unit:
            continue
        value = parse_amount(m.group(0))
        if value is None or (value < 100 and not re.search(r"\d", m.group(0))):
            continue  # 一共, 三个: Chinese digits this small are not an amount
        before = r.text[max(0, s - 16):s]
        if before.endswith(("百分之", "第", "前", "满", "超过", "不超过")) or after.startswith(("%", "％")):
            continue  # 百分之一百五十, 第47条, 前12个月: not money
        cut = max(before.rfind(ch) for ch in "。；;\n")
        before = before[cut + 1:] if cut >= 0 else before
        if v.APPROX_BEFORE.search(before) or v.APPROX_AFTER.match(after):
            continue  # 3000多, 将近一万: not a figure the worker stated
        approx = bool(re.search(r"(?:大概|大约|约|差不多)\s*$", before))
        path = _amount_role(before, after, has_unit)
        if path is None:
            continue
        if path == "pay.monthly_wage" and v.BASE_PAY.search(before[-8:]):
            base_pay.append((value, s, e))
            continue
        found.setdefault(path, []).append((value, s, e, approx))
    if base_pay and "pay.monthly_wage" not in found:
        found["pay.monthly_wage"] = [(x, s, e, False) for x, s, e in base_pay]
    elif base_pay:
        r.facts.pay.composition = f"底薪{base_pay[0][0]}元"
    labels = {"pay.monthly_wage": "月工资", "pay.local_average_wage": "当地上年度职工月平均工资",
              "pay.local_minimum_wage": "当地最低工资标准", "event.unpaid_amount": "被拖欠的金额"}
    for path, items in found.items():
        chosen = _one_value(r, path, items, labels[path], lambda x: f"{x}元")
        if chosen is None:
            continue
        value, s, e, approx = chosen
        if path != "event.unpaid_amount" and value < MIN_MONTHLY_WAGE:
            if value > 0 and re.search(r"元|块", r.text[e:e + 3]):
                r.note("implausible", path, f"{labels[path]} {value} 元不合常理，请确认是每月多少元")
            continue
        if path != "event.unpaid_amount" and value > MAX_MONTHLY_WAGE:
            r.note("implausible", path, f"{labels[path]} {value} 元不合常理，请确认是每月多少元")
            continue
        r.put(path, value, s, e, approximate=approx, confidence=0.7 if approx else 0.9)


_STRICT_MONTHLY = re.compile(r"(?:月薪|月工资|每(?:个)?月|一个月|月收入|月入|底薪|基本工资)(?:是|为|有|大概|大约|约|才|只有|就|税前|到手|：|:|\s)*$")


def _amount_role(before: str, after: str, has_unit: bool) -> str | None:
    tail = before[-14:]
    if v.AVERAGE_WAGE.search(tail):
        return "pay.local_average_wage"
    if v.MINIMUM_WAGE.search(tail):
        return "pay.local_minimum_wage"
    if v.OFFER.search(before) or v.NOT_WAGE_BEFORE.search(before[-8:]):
        return None
    if v.UNPAID.search(before) and not _STRICT_MONTHLY.search(before):
        return "event.unpaid_amount" if has_unit or v.TOTAL.search(before[-6:]) or "工资" in before else None
    if v.TOTAL.search(before[-4:]) and v.UNPAID.search(before):
        return "event.unpaid_amount"
    if v.WAGE_BEFORE.search(before) or v.WAGE_AFTER.match(after):
        return "pay.monthly_wage"
    return None


def _unpaid_months(r: _Reading) -> None:
    for m in _UNPAID_MONTHS.finditer(r.text):
        raw = m.group("a") or m.group("b")
        n = parse_number(raw)
        if n is not None and 0 < n <= 600 and "多" not in m.group(0):
            r.put("event.unpaid_months", int(n), *m.span())
            r.put("event.unpaid_wages", True, *m.span())
            return


# ---- how it ended
def _first(r: _Reading, pattern: re.Pattern[str]) -> re.Match[str] | None:
    return next((m for m in pattern.finditer(r.text) if not r.negated(m.start())), None)


def _termination(r: _Reading) -> None:
    ev = r.facts.event
    if not v.FIRST_PERSON.search(r.text) and not re.search(r"公司|单位|老板|厂|店|工地", r.text):
        return  # "听说违法辞退是3倍？" asks about the law, it tells no case
    for name, pattern in v.TERMINATION_PATTERNS:
        m = _first(r, pattern)
        if m:
            r.put("event.termination", name, *m.span())
            if name in ("no_fault_dismissal", "employee_fault_dismissal"):
                ev.termination_reason = m.group(0)
            break
    else:
        fired = _first(r, v.FIRED)
        resign = _first(r, v.RESIGN)
        if fired:
            r.put("event.termination", "dismissed", *fired.span())
        elif resign:
            _resignation(r, resign)
        elif m := _first(r, v.RETIRED):
            r.put("event.termination", "retired", *m.span())
    if ev.termination is None and ev.termination_reason is None:
        for pattern in (v.FAULT_REASON, v.NO_FAULT_REASON):
            if m := _first(r, pattern):  # a reason given on its own refines a dismissal told before (conversation.py)
                r.put("event.termination_reason", m.group(0), *m.span())
                break
    if m := _first(r, v.FLAGS["event.last_place_elimination"]):
        r.put("event.last_place_elimination", True, *m.span())


def _resignation(r: _Reading, resign: re.Match[str]) -> None:
    planned = v.PLANNED.search(r.text[max(0, resign.start() - 8):resign.end()])
    forced = "被迫" in r.text[max(0, resign.start() - 2):resign.end()]
    reason = next(((name, m) for name, pattern in v.RESIGNATION_REASONS
                   for m in [_first(r, pattern)] if m and (m.start() < resign.start() or forced)), None)
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
def _flags(r: _Reading) -> None:
    for path, pattern in v.FLAGS.items():
        if path == "event.last_place_elimination":
            continue
        for m in pattern.finditer(r.text):
            if r.negated(m.start()) or (path.startswith("event.") and _OTHER_PERSON.search(r.text[max(0, m.start() - 6):m.start()])):
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
            if re.match(r"(?:伤残)?(?:为|的)\s*\d+个月|(?:伤残)?(?:为|的)?[^，。]{0,3}个月", r.text[m.end():m.end() + 8]):
                continue  # "二级伤残为25个月的本人工资": a rule quoted, not this worker's grade
            raw = next(g for g in m.groups() if g)
            n = parse_number(raw)
            if n is not None and 1 <= n <= 10:
                r.put("event.injury_grade", int(n), *m.span())
                r.facts.event.injury = True
                break


def _contract(r: _Reading) -> None:
    emp = r.facts.employment
    if m := v.NO_CONTRACT.search(r.text):
        r.put("employment.contract_signed", False, *m.span())
    elif m := _first(r, v.SIGNED_CONTRACT):
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
    if emp.probation and re.search(r"(?:已经|早就|早已)?转正(?:了)?", r.text) and not re.search(r"没转正|还没转正|不给转正|不让转正", r.text):
        emp.probation = None  # 转正了: no longer on probation
        r.facts.sources.pop("employment.probation", None)


def _hours(r: _Reading) -> None:
    any_kind = any(p.search(r.text) for _, p in v.OVERTIME_KIND[:2])
    seen: dict[str, tuple[Decimal, int, int]] = {}
    for m in v.OVERTIME.finditer(r.text):
        segment_start = max(r.text.rfind(ch, 0, m.start()) for ch in "，。；、,;\n") + 1
        segment = r.text[segment_start:m.start()]
        wider = r.text[max(0, m.start() - 12):m.start()]
        if v.PER_DAY_OR_WEEK.search(segment) and not re.search(r"每(?:个)?月|一个月|一月|本月|上个月", segment):
            continue  # hours a day or a week are not the monthly figure the calculator needs
        n = parse_number(m.group(1))
        if n is None or n <= 0 or n > 400:
            continue
        kind = next((path for path, p in v.OVERTIME_KIND if p.search(segment)), None)
        if kind is None:
            kind = next((path for path, p in v.OVERTIME_KIND[:2] if p.search(wider)), None)
        if kind is None:
            if any_kind and len(seen) > 0:
                continue
            kind = "hours.weekday_overtime"
        if kind not in seen:
            seen[kind] = (n, m.start(), m.end())
    for path, (n, s, e) in seen.items():
        r.put(path, n, s, e)


# ---- the parties
def _parties(r: _Reading) -> None:
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


def _place(r: _Reading) -> None:
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


def _wants(r: _Reading) -> None:
    wants = []
    for name, pattern in v.WANTS:
        if any(not re.search(r"不(?:想|要|打算)?$|没想$", r.text[max(0, m.start() - 3):m.start()])
               for m in pattern.finditer(r.text)):
            wants.append(name)
    if wants:
        r.facts.wants = wants
