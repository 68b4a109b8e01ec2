"""The figures of a message: identifiers, dates by what they mark, spans of service, amounts by whose they are,
months of arrears and hours of overtime by kind of day. Steps of ``reader.read_text``."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from assistant.facts import vocabulary as v
from assistant.facts.numbers import NUMBER, SPAN, find_dates, parse_amount, parse_number, span_months
from assistant.facts.reading import Reading, cn_date, one_value

MAX_MONTHLY_WAGE = Decimal(500000)
MIN_MONTHLY_WAGE = Decimal(100)
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
_YEAR_ONLY = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?![\d一二三四五六七八九十]{1,2}月)(?:.{0,3})"
                        r"(?:入职|进厂|进公司|来|上班|开始)")


# ---- identifiers first: their digits are not wages or dates
def read_identifiers(r: Reading) -> None:
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
            if r.facts.worker.phone is None:
                r.put("worker.phone", m.group(0), *m.span(), confidence=1.0)
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
def _nearest_kind(r: Reading, start: int, end: int) -> tuple[str, int] | None:
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


def read_dates(r: Reading) -> None:
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
        chosen = one_value(r, path, items, labels.get(path, "日期"), cn_date)
        if chosen is None:
            continue
        value, s, e, day_given = chosen
        if path in ("employment.hire_date", "dates.injury_date") and value > r.today:
            r.note("implausible", path, f"{labels[path]}{cn_date(value)}还没到，请确认年份")
            continue
        if value.year < 1950:
            r.note("implausible", path, f"{labels.get(path, '日期')}{cn_date(value)}不合常理，请确认年份")
            continue
        r.put(path, value, s, e, approximate=not day_given)
    for m in _YEAR_ONLY.finditer(r.text):  # "2030年入职": a year alone is too vague to use, but a future one is wrong
        if not r.overlaps(*m.span()) and int(m.group(1)) > r.today.year and r.facts.employment.hire_date is None:
            r.note("implausible", "employment.hire_date", f"入职年份{m.group(1)}年还没到，请确认")


# ---- spans of service
def read_service(r: Reading) -> None:
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
    chosen = one_value(r, "employment.service_months", items, "工作时间", lambda x: f"{x}个月")
    if chosen is None:
        return
    months, s, e, approximate = chosen
    if months > 600:
        r.note("implausible", "employment.service_months", f"在本单位工作 {months} 个月不合常理，请确认")
        return
    r.put("employment.service_months", months, s, e, approximate=approximate, confidence=0.7 if approximate else 0.9)


# ---- amounts of money
def read_amounts(r: Reading) -> None:
    found: dict[str, list[tuple[Decimal, int, int, bool]]] = {}
    base_pay: list[tuple[Decimal, int, int]] = []
    for m in _NUMBER_RE.finditer(r.text):
        s, e = m.span()
        if r.overlaps(s, e) or (s > 0 and r.text[s - 1].isdigit()):
            continue
        after = r.text[e:e + 8]
        has_unit = bool(re.match(r"\s*(?:元|块)", after)) or bool(re.search(r"[万千kKwW]", m.group(0)))
        before = r.text[max(0, s - 16):s]
        value = parse_amount(m.group(0))
        rate = _rate_role(before, after, has_unit)
        if rate is not None:  # 100元一天 is a daily wage, never 月薪
            if value is not None and not (v.APPROX_BEFORE.search(before) or v.APPROX_AFTER.match(after)):
                found.setdefault(rate, []).append((value, s, e, False))
            continue
        if v.NOT_A_WAGE_AFTER.match(after) and not has_unit:
            continue
        if value is None or (value < 100 and not re.search(r"\d", m.group(0))):
            continue  # 一共, 三个: Chinese digits this small are not an amount
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
    for path, items in found.items():
        chosen = one_value(r, path, items, _LABELS[path], lambda x: f"{x}元")
        if chosen is None:
            continue
        value, s, e, approx = chosen
        if path in _BOUNDS:
            low, high = _BOUNDS[path]
            if not low <= value <= high:
                r.note("implausible", path, f"{_LABELS[path]} {value} 元不合常理，请确认")
            else:
                r.put(path, value, s, e, approximate=approx, confidence=0.7 if approx else 0.9)
            continue
        if path != "event.unpaid_amount" and value < MIN_MONTHLY_WAGE:
            if value > 0 and re.search(r"元|块", r.text[e:e + 3]):
                r.note("implausible", path, f"{_LABELS[path]} {value} 元不合常理，请确认是每月多少元")
            continue
        if path != "event.unpaid_amount" and value > MAX_MONTHLY_WAGE:
            r.note("implausible", path, f"{_LABELS[path]} {value} 元不合常理，请确认是每月多少元")
            continue
        r.put(path, value, s, e, approximate=approx, confidence=0.7 if approx else 0.9)


_LABELS = {"pay.monthly_wage": "月工资", "pay.local_average_wage": "当地上年度职工月平均工资",
           "pay.local_minimum_wage": "当地最低工资标准", "event.unpaid_amount": "被拖欠的金额",
           "pay.daily_wage": "日工资", "pay.hourly_wage": "小时工资", "pay.post_probation_wage": "转正后的月工资",
           "pay.probation_wage": "试用期工资",
           "employment.training_cost": "培训费用", "employment.agreed_penalty": "违约金"}
# figures that are not a month's pay: their own plausible range (a month's pay is checked below as before)
_BOUNDS = {"pay.daily_wage": (Decimal(10), Decimal(50000)), "pay.hourly_wage": (Decimal(1), Decimal(5000)),
           "employment.training_cost": (Decimal(1), Decimal(100000000)),
           "employment.agreed_penalty": (Decimal(1), Decimal(100000000))}
_PER_DAY_SAID = re.compile(r"(?:一天|每天|每日|日结)(?:能|可以)?(?:拿|挣|赚|给|是|有)?\s*$")
_PER_HOUR_SAID = re.compile(r"(?:一小时|每小时|一个小时|每个小时)(?:能|可以)?(?:拿|挣|赚|给|是|有)?\s*$")


def _rate_role(before: str, after: str, has_unit: bool) -> str | None:
    """pay.daily_wage / pay.hourly_wage when the words give pay by the day or the hour, else None."""
    tail = before[-12:]
    cut = max(tail.rfind(ch) for ch in "，,。；;\n")
    clause = tail[cut + 1:] if cut >= 0 else tail
    if v.NOT_PAY_RATE_BEFORE.search(clause):
        return None
    if v.HOURLY_WAGE_BEFORE.search(tail):
        return "pay.hourly_wage"
    if v.DAILY_WAGE_BEFORE.search(tail):
        return "pay.daily_wage"
    if not has_unit:
        return None
    if _PER_HOUR_SAID.search(clause):
        return "pay.hourly_wage"
    if _PER_DAY_SAID.search(clause):
        return "pay.daily_wage"
    wage_said = v.WAGE_BEFORE.search(before) or v.WAGE_WORD.search(clause)
    if wage_said and v.PER_HOUR_AFTER.match(after):
        return "pay.hourly_wage"
    if wage_said and v.PER_DAY_AFTER.match(after):
        return "pay.daily_wage"
    return None


_STRICT_MONTHLY = re.compile(r"(?:月薪|月工资|每(?:个)?月|一个月|月收入|月入|底薪|基本工资)"
                             r"(?:是|为|有|大概|大约|约|才|只有|就|税前|到手|：|:|\s)*$")


def _amount_role(before: str, after: str, has_unit: bool) -> str | None:
    tail = before[-14:]
    if v.POST_PROBATION_WAGE.search(tail):
        return "pay.post_probation_wage"
    if v.PROBATION_WAGE.search(tail):
        return "pay.probation_wage"
    if v.TRAINING_COST_BEFORE.search(tail) or v.TRAINING_COST_AFTER.match(after):
        return "employment.training_cost"
    if v.PENALTY_BEFORE.search(tail):
        return "employment.agreed_penalty"
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


def read_unpaid_months(r: Reading) -> None:
    for m in _UNPAID_MONTHS.finditer(r.text):
        raw = m.group("a") or m.group("b")
        n = parse_number(raw)
        if n is not None and 0 < n <= 600 and "多" not in m.group(0):
            r.put("event.unpaid_months", int(n), *m.span())
            r.put("event.unpaid_wages", True, *m.span())
            return


def read_hours(r: Reading) -> None:
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
