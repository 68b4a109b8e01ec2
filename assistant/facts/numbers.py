"""Numbers, spans and dates as workers write them; the one place that parses them.

    >>> parse_amount("一万二"), parse_amount("8,000元"), parse_amount("1.2万"), parse_amount("八千五")
    (Decimal('12000'), Decimal('8000'), Decimal('12000'), Decimal('8500'))
    >>> parse_span_months("两年半"), parse_span_months("4年7个月"), parse_span_months("十九年十个月")
    (30, 55, 238)
    >>> parse_date("2020/1/1")
    ParsedDate(value=datetime.date(2020, 1, 1), day_given=True)
    >>> parse_date("20年3月")
    ParsedDate(value=datetime.date(2020, 3, 1), day_given=False)

The calculator and drafting forms accept the same forms through :func:`parse_amount`, :func:`parse_span_months`
and :func:`parse_date`; the case reader finds them in running text with the patterns below.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from assistant.numerals import cn_to_int

CN_DIGITS = "零〇一二两三四五六七八九十百千万"
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．：／", "0123456789,.:/")
_UNIT = {"万": Decimal(10000), "千": Decimal(1000), "k": Decimal(1000), "K": Decimal(1000), "w": Decimal(10000),
         "W": Decimal(10000), "百": Decimal(100)}

# A number in running text: 8000, 8,000, 1.2万, 1万2, 八千, 一万二, 两万五千
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:[万千kKwW]\d?)?|[{CN_DIGITS}]+"


def normalize(text: str) -> str:
    """Full-width digits and punctuation → ASCII, so one pattern reads both."""
    return text.translate(_FULLWIDTH)


def _plain(value: Decimal) -> Decimal:
    """12000.0 → 12000 so figures read as people wrote them."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _well_formed(numeral: str) -> bool:
    """Units in falling order, each once: 万 at most once, and 千 > 百 > 十 within each side of it."""
    if numeral.count("万") > 1:
        return False
    for part in numeral.split("万"):
        units = [ch for ch in part if ch in "千百十"]
        if units != sorted(set(units), key="千百十".index) or len(units) != len(set(units)):
            return False
    return True


def parse_number(raw: object) -> Decimal | None:
    """8000, 8,000, 1.2万, 1万2, 八千, 一万二 (=12000), 八千五 (=8500), 两万 → Decimal; None if not a number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, Decimal)):
        return _plain(Decimal(raw))
    if isinstance(raw, float):
        return _plain(Decimal(str(raw))) if raw == raw and abs(raw) != float("inf") else None
    if not isinstance(raw, str):
        return None
    s = normalize(raw).strip().replace(",", "").replace("，", "").replace(" ", "")
    if not s or len(s) > 30:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([万千kKwW])?(\d)?", s)
    if m:
        try:
            value = Decimal(m.group(1))
        except InvalidOperation:
            return None
        unit = _UNIT.get(m.group(2) or "", Decimal(1))
        tail = Decimal(m.group(3)) * unit / 10 if m.group(3) and unit > 1 else Decimal(0)
        return _plain(value * unit + tail)
    m = re.fullmatch(rf"(\d+(?:\.\d+)?)万((?:\d+|[{CN_DIGITS}])+[千百]?)", s)  # 1万五千, 1万5千
    if m:
        rest = parse_number(m.group(2))
        return None if rest is None else _plain(Decimal(m.group(1)) * 10000 + rest)
    if not all(ch in CN_DIGITS for ch in s):
        return None
    if re.search(r"[一二两三四五六七八九]{2}", s):
        return None  # 七八千 is a range, not a figure
    if not _well_formed(s):
        return None  # 一万二万, 三千五千: two figures run together, not one
    tail = Decimal(0)
    if len(s) >= 2 and s[-2] in "万千百" and s[-1] not in "万千百十零〇":  # 一万二 = 一万二千
        try:
            tail = Decimal(cn_to_int(s[-1])) * _UNIT[s[-2]] / 10
        except ValueError:
            return None
        s = s[:-1]
    try:
        return _plain(Decimal(cn_to_int(s)) + tail)
    except (ValueError, KeyError):
        return None


def parse_amount(raw: object) -> Decimal | None:
    """An amount of money: a number with an optional 元/块/块钱/RMB and 约/大概; None when it is not one."""
    if not isinstance(raw, str):
        return parse_number(raw)
    s = normalize(raw).strip()
    s = re.sub(r"^(?:约|大概|大约|差不多|人民币|RMB|￥|¥)\s*", "", s)
    s = re.sub(r"\s*(?:元(?:整|钱)?|块钱|块|rmb|RMB)(?:/月|每月|一个月)?$", "", s)
    return parse_number(s)


# ---- spans of time: 两年半, 4年7个月, 十九年十个月, 半年, 18个月
SPAN = (rf"(?:(?P<y>{NUMBER}|半)\s*(?:周年|年)(?:零|又)?(?:(?P<m>{NUMBER})\s*个?多?月|(?P<half>半))?"
        rf"|(?P<mo>{NUMBER}|半)\s*个多?月)")
_SPAN_RE = re.compile(SPAN)


def span_months(m: re.Match) -> int | None:
    """Months of a match of :data:`SPAN` (groups y, m, half, mo)."""
    if m.group("mo") is not None:
        raw = m.group("mo")
        months = Decimal("0.5") if raw == "半" else parse_number(raw)
        return None if months is None else int(months)
    raw_y = m.group("y")
    years = Decimal("0.5") if raw_y == "半" else parse_number(raw_y)
    if years is None:
        return None
    months = parse_number(m.group("m")) if m.group("m") else Decimal(0)
    if months is None:
        return None
    if m.group("half"):
        months += 6
    total = years * 12 + months
    return int(total) if total == total.to_integral_value() else None


def parse_span_months(raw: object) -> int | None:
    """"两年半" → 30, "4年7个月" → 55, "十九年十个月" → 238, "18个月" → 18, "43" → 43; None when not a span."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if not isinstance(raw, str):
        return None
    s = normalize(raw).strip().replace(" ", "")
    if re.fullmatch(r"\d+", s):
        return int(s)
    m = _SPAN_RE.fullmatch(s)
    return span_months(m) if m else None


# ---- dates
class ParsedDate(NamedTuple):
    value: date
    day_given: bool


_YMD = re.compile(r"(?P<y>\d{4}|\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?:份)?(?:\s*(?P<d>\d{1,2})\s*[日号])?"
                  r"|(?P<y2>\d{4})\s*[-/.]\s*(?P<m2>\d{1,2})(?:\s*[-/.]\s*(?P<d2>\d{1,2})(?!\d))?(?![\d.])")
_CN_YMD = re.compile(rf"(?P<y>[〇零一二三四五六七八九]{{4}}|[〇零一二三四五六七八九]{{2}})年"
                     rf"(?P<m>[{CN_DIGITS}]{{1,3}})月"
                     rf"(?:(?P<d>[{CN_DIGITS}]{{1,3}})[日号])?")
_MONTH_END = re.compile(r"底|末")


def _year(raw: str) -> int | None:
    try:
        y = cn_to_int(raw) if not raw.isdigit() else int(raw)
    except ValueError:
        return None
    if len(raw) == 2:  # 20年3月 = 2020年3月; 98年 = 1998年
        y += 2000 if y <= 50 else 1900
    return y


def make_date(y: int | None, m: int | None, d: int | None) -> date | None:
    if y is None or m is None or not 1 <= m <= 12:
        return None
    try:
        return date(y, m, d or 1)
    except ValueError:
        return None


def parse_date(raw: object, today: date | None = None) -> ParsedDate | None:
    """2020年1月1日, 2020-01-01, 2020/1/1, 2020.1.1, 20年3月, 二〇二〇年三月五日, and (given ``today``) 去年三月,
    上个月底, 今年5月10号, 上个月; None when it is not a date. A date without its day gets the 1st (or the last day
    for 月底/月末) with ``day_given`` false."""
    if isinstance(raw, date):
        return ParsedDate(raw, True)
    if not isinstance(raw, str):
        return None
    s = normalize(raw).strip()
    for pattern in (_YMD, _CN_YMD):
        m = pattern.fullmatch(s) or pattern.fullmatch(_MONTH_END.sub("", s).rstrip("份"))
        if m:
            return _from_match(m, month_end=bool(_MONTH_END.search(s)))
    return relative_date(s, today) if today else None


def _from_match(m: re.Match, *, month_end: bool = False) -> ParsedDate | None:
    groups = m.groupdict()
    if groups.get("y2"):
        groups = {"y": groups["y2"], "m": groups["m2"], "d": groups["d2"]}
    y = _year(groups["y"]) if groups.get("y") else None
    try:
        mo = cn_to_int(groups["m"]) if groups.get("m") else None
        d = cn_to_int(groups["d"]) if groups.get("d") else None
    except ValueError:
        return None
    if y is None or mo is None:
        return None
    if month_end and d is None and 1 <= mo <= 12:
        d_value = make_date(y, mo, calendar.monthrange(y, mo)[1])
        return ParsedDate(d_value, False) if d_value else None
    value = make_date(y, mo, d)
    return ParsedDate(value, d is not None) if value else None


_REL_YEAR = {"今年": 0, "去年": -1, "前年": -2, "大前年": -3, "明年": 1, "后年": 2}
_REL_MONTH = {"这个月": 0, "本月": 0, "上个月": -1, "上月": -1, "上上个月": -2}
RELATIVE = (rf"(?P<ry>大前年|前年|去年|今年|明年|后年)(?P<rm>[{CN_DIGITS}\d]{{1,3}})月(?:份)?"
            rf"(?P<rd>[{CN_DIGITS}\d]{{1,3}}[日号])?"
            rf"(?P<rend>底|末|初)?"
            rf"|(?P<rmo>上上个月|上个月|上月|这个月|本月)(?P<rmd>[{CN_DIGITS}\d]{{1,3}}[日号])?(?P<rmend>底|末|初)?"
            rf"|(?P<ryo>大前年|前年|去年|今年|明年|后年)(?P<ryend>年底|年初|年末)")
_RELATIVE_RE = re.compile(RELATIVE)


def relative_date(text: str, today: date | None) -> ParsedDate | None:
    """去年三月, 上个月底, 今年5月10号, 去年年底 counted from ``today``; None without a reference day."""
    if today is None:
        return None
    m = _RELATIVE_RE.fullmatch(normalize(text).strip())
    return relative_from_match(m, today) if m else None


def relative_from_match(m: re.Match, today: date) -> ParsedDate | None:
    g = m.groupdict()
    try:
        if g.get("ry"):
            y = today.year + _REL_YEAR[g["ry"]]
            mo = cn_to_int(g["rm"])
            d = cn_to_int(g["rd"][:-1]) if g.get("rd") else None
            end = g.get("rend")
        elif g.get("rmo"):
            total = today.year * 12 + today.month - 1 + _REL_MONTH[g["rmo"]]
            y, mo = divmod(total, 12)
            mo += 1
            d = cn_to_int(g["rmd"][:-1]) if g.get("rmd") else None
            end = g.get("rmend")
        elif g.get("ryo"):
            y = today.year + _REL_YEAR[g["ryo"]]
            mo, d, end = (12, None, "底") if g["ryend"] in ("年底", "年末") else (1, None, None)
        else:
            return None
    except ValueError:
        return None
    if not 1 <= mo <= 12:
        return None
    if d is None and end in ("底", "末"):
        d_last = calendar.monthrange(y, mo)[1]
        value = make_date(y, mo, d_last)
        return ParsedDate(value, False) if value else None
    value = make_date(y, mo, d)
    return ParsedDate(value, d is not None) if value else None


def find_dates(text: str, today: date | None = None) -> list[tuple[int, int, ParsedDate]]:
    """Every date in running text: (start, end, ParsedDate), in order; relative ones only when ``today`` is given."""
    text = normalize(text)
    out: list[tuple[int, int, ParsedDate]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_YMD, _CN_YMD):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            year = m.groupdict().get("y") or m.groupdict().get("y2") or ""
            if len(year) == 2 and m.start() > 0 and text[m.start() - 1].isdigit():
                continue
            tail = text[m.end():m.end() + 1]
            parsed = _from_match(m, month_end=tail in ("底", "末"))
            if parsed:
                end = m.end() + (1 if tail in ("底", "末") and not parsed.day_given else 0)
                out.append((m.start(), end, parsed))
                taken.append((m.start(), end))
    if today is not None:
        for m in _RELATIVE_RE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            parsed = relative_from_match(m, today)
            if parsed:
                out.append((m.start(), m.end(), parsed))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda t: t[0])


def days_between(a: date, b: date) -> int:
    return (b - a).days


def day_before(d: date) -> date:
    return d - timedelta(days=1)
