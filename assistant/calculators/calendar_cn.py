"""Which days are working days in China: weekends, statutory holidays and the official 调休 make-up working days.

The holidays themselves follow 《全国年节及纪念日放假办法》 (2024年11月10日第四次修订, in force from 2025: 13 days —
元旦1、春节4、清明1、劳动节2、端午1、中秋1、国庆3). 春节、清明、端午、中秋 move with the lunar calendar, so the exact
days off, and the weekend days worked in exchange (调休上班), are published each year by 国务院办公厅; they are data
here, not computed. For a year without published data only weekends and the fixed-date holidays are known
(元旦, 劳动节, 国庆节), and :func:`calendar_note` says so.

月计薪天数 is unchanged by the 2024 revision: (365 − 104) ÷ 12 = 21.75 days, because statutory holidays are paid
(劳动法第五十一条); only the average number of days actually worked per month falls (20.83 in the 2008 notice, which
assumed 11 holidays; (365 − 104 − 13) ÷ 12 ≈ 20.67 with 13).
"""

from __future__ import annotations

from datetime import date, timedelta


def _days(year: int, spans: list[tuple[int, int, int, int]]) -> frozenset[date]:
    out: set[date] = set()
    for m1, d1, m2, d2 in spans:
        d = date(year, m1, d1)
        while d <= date(year, m2, d2):
            out.add(d)
            d += timedelta(days=1)
    return frozenset(out)


# 《国务院办公厅关于2024年部分节假日安排的通知》(国办发明电〔2023〕7号, 2023年10月25日)
# 《国务院办公厅关于2025年部分节假日安排的通知》(国办发明电〔2024〕12号, 2024年11月12日)
# 《国务院办公厅关于2026年部分节假日安排的通知》(2025年11月4日)
# Days off (放假调休, including the weekends inside each break) and the make-up working days (上班).
PUBLISHED: dict[int, tuple[frozenset[date], frozenset[date]]] = {
    2024: (
        _days(2024, [(1, 1, 1, 1), (2, 10, 2, 17), (4, 4, 4, 6), (5, 1, 5, 5), (6, 10, 6, 10), (9, 15, 9, 17),
                     (10, 1, 10, 7)]),
        frozenset({date(2024, 2, 4), date(2024, 2, 18), date(2024, 4, 7), date(2024, 4, 28), date(2024, 5, 11),
                   date(2024, 9, 14), date(2024, 9, 29), date(2024, 10, 12)}),
    ),
    2025: (
        _days(2025, [(1, 1, 1, 1), (1, 28, 2, 4), (4, 4, 4, 6), (5, 1, 5, 5), (5, 31, 6, 2), (10, 1, 10, 8)]),
        frozenset({date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28), date(2025, 10, 11)}),
    ),
    2026: (
        _days(2026, [(1, 1, 1, 3), (2, 15, 2, 23), (4, 4, 4, 6), (5, 1, 5, 5), (6, 19, 6, 21), (9, 25, 9, 27),
                     (10, 1, 10, 7)]),
        frozenset({date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20),
                   date(2026, 10, 10)}),
    ),
}


# The statutory holidays themselves (法定休假日, 劳动法第四十条) inside those breaks: work on these days is paid at
# 300% (劳动法第四十四条第三项); the other days off of a break are rest days (200% unless comp time is given).
# 2024 under the 2013 放假办法 (11 days), 2025 and 2026 under the 2024 revision (13 days: 春节 adds 除夕, 劳动节 5月2日).
STATUTORY: dict[int, frozenset[date]] = {
    2024: frozenset({date(2024, 1, 1), date(2024, 2, 10), date(2024, 2, 11), date(2024, 2, 12), date(2024, 4, 4),
                     date(2024, 5, 1), date(2024, 6, 10), date(2024, 9, 17), date(2024, 10, 1), date(2024, 10, 2),
                     date(2024, 10, 3)}),
    2025: frozenset({date(2025, 1, 1), date(2025, 1, 28), date(2025, 1, 29), date(2025, 1, 30), date(2025, 1, 31),
                     date(2025, 4, 4), date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 31), date(2025, 10, 1),
                     date(2025, 10, 2), date(2025, 10, 3), date(2025, 10, 6)}),
    2026: frozenset({date(2026, 1, 1), date(2026, 2, 16), date(2026, 2, 17), date(2026, 2, 18), date(2026, 2, 19),
                     date(2026, 4, 5), date(2026, 5, 1), date(2026, 5, 2), date(2026, 6, 19), date(2026, 9, 25),
                     date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 3)}),
}


def is_statutory_holiday(d: date) -> bool:
    """A 法定休假日 itself; for a year without published data only the fixed-date ones are known."""
    return d in STATUTORY[d.year] if d.year in STATUTORY else d in fixed_holidays(d.year)


def fixed_holidays(year: int) -> frozenset[date]:
    """The holidays on fixed solar dates in ``year`` (元旦, 劳动节, 国庆节) as the 放假办法 then in force set them."""
    days = {date(year, 1, 1), date(year, 10, 1), date(year, 10, 2), date(year, 10, 3)}
    if 2000 <= year <= 2007:
        labour = 3  # 1999年修订: 劳动节3天
    elif year >= 2025:
        labour = 2  # 2024年修订: 劳动节2天
    else:
        labour = 1
    days |= {date(year, 5, d) for d in range(1, labour + 1)}
    return frozenset(days)


def has_published(year: int) -> bool:
    return year in PUBLISHED


def is_rest_day(d: date, extra_holidays: frozenset[date] | set[date] = frozenset(),
                extra_workdays: frozenset[date] | set[date] = frozenset()) -> bool:
    """True on a weekend or holiday that is not a make-up working day; caller-supplied days take precedence."""
    if d in extra_workdays:
        return False
    if d in extra_holidays:
        return True
    if d.year in PUBLISHED:
        off, on = PUBLISHED[d.year]
        if d in on:
            return False
        if d in off:
            return True
    elif d in fixed_holidays(d.year):
        return True
    return d.weekday() >= 5


def is_workday(d: date, extra_holidays=frozenset(), extra_workdays=frozenset()) -> bool:
    return not is_rest_day(d, extra_holidays, extra_workdays)


def next_workday(d: date, extra_holidays=frozenset(), extra_workdays=frozenset()) -> date:
    """``d`` itself when it is a working day, otherwise the first working day after it."""
    while is_rest_day(d, extra_holidays, extra_workdays):
        d += timedelta(days=1)
    return d


def workdays_between(first: date, last: date, extra_holidays=frozenset(), extra_workdays=frozenset()) -> int:
    """Working days in first..last, both included."""
    count, d = 0, first
    while d <= last:
        count += is_workday(d, extra_holidays, extra_workdays)
        d += timedelta(days=1)
    return count


def calendar_note(first: date, last: date) -> str | None:
    """The assumption to show when some year of first..last has no published 放假安排 in this table."""
    missing = [y for y in range(first.year, last.year + 1) if y not in PUBLISHED]
    if not missing:
        return None
    years = "、".join(f"{y}年" for y in missing)
    return (f"{years}没有收录国务院办公厅的放假调休安排，只按周六、周日和元旦、劳动节、国庆节等固定日期的节日判断；"
            "春节、清明、端午、中秋和调休上班日请按当年通知核对（也可以在 holidays、workdays 中填写）")
