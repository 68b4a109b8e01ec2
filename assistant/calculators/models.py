"""Shared data shapes of the calculators: the result, the input error, money and date helpers.

Rounding rule (one rule for every calculator): amounts are computed with exact ``Decimal`` arithmetic from the
inputs; only the final amounts are rounded, ROUND_HALF_UP to 0.01 元 (分). Intermediate rates (daily wage, hourly
wage) are shown in the steps rounded to 0.01 with "约" but never rounded inside the computation, so the formula
string typed into any calculator gives the stated amount.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel, Field

from assistant.numerals import article_label

CENT = Decimal("0.01")
MONTH_PAY_DAYS = Decimal("21.75")  # 月计薪天数 (通知第二条)
MONTH_PAY_HOURS = Decimal("174")  # 21.75 × 8


class CalculatorInputError(ValueError):
    """Bad calculator input. ``field`` names the input; the message is Chinese and meant for the user."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class CalcResult(BaseModel):
    """What a calculator returns: money (if any), how it was computed, and what it rests on."""

    kind: str
    title: str
    amount: Decimal | None = None
    amounts: dict[str, Decimal] = Field(default_factory=dict)
    formula: str = ""
    steps: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    local_rules: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    result: dict[str, Any] = Field(default_factory=dict)

    def to_text(self) -> str:
        """Plain Chinese summary a worker can read in a terminal or a chat answer."""
        lines = [f"【{self.title}】"]
        if self.amount is not None:
            lines.append(f"结果：{yuan(self.amount)}")
        for name, value in self.amounts.items():
            lines.append(f"  · {name}：{yuan(value)}")
        if self.formula:
            lines.append(f"算式：{self.formula}")
        if self.steps:
            lines.append("计算过程：")
            lines += [f"  {i}. {s}" for i, s in enumerate(self.steps, 1)]
        if self.articles:
            labels = []
            for aid in self.articles:
                law, _, art = aid.partition("#")
                labels.append(f"《{law}》{article_label(art)}" if art else aid)
            lines.append("法律依据：" + "；".join(labels))
        for head, items in (("前提与假设", self.assumptions), ("需按当地标准确认", self.local_rules),
                            ("提醒", self.warnings)):
            if items:
                lines.append(f"{head}：")
                lines += [f"  - {s}" for s in items]
        return "\n".join(lines)


def money(value: Decimal) -> Decimal:
    """The one rounding rule: ROUND_HALF_UP to 0.01 元."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def num(value: Decimal | int) -> str:
    """An input number as a person writes it: 8000, 0.5, 21.75 (no trailing zeros, no exponent)."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def yuan(value: Decimal) -> str:
    return f"{money(value):,.2f} 元".replace(",", "")


def approx(value: Decimal) -> str:
    return f"约 {money(value)}"


# ---- dates -----------------------------------------------------------------------------------------------------

def add_months(d: date, months: int) -> date:
    """Same day ``months`` later; a day the target month lacks becomes its last day (1月31日 + 1个月 = 2月末)."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def anniversary(start: date, months: int) -> date:
    """The first day after ``months`` whole months of work that began on ``start``.

    Usually the same day-of-month; when the target month lacks that day (a start on the 31st, or on 2月29日) the
    months end with the target month, so the next period begins on the 1st of the month after.
    """
    total = start.year * 12 + (start.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    if start.day <= calendar.monthrange(year, month)[1]:
        return date(year, month, start.day)
    return date(year + (month == 12), month % 12 + 1, 1)


def months_and_days(start: date, end_inclusive: date) -> tuple[int, int]:
    """Whole months and leftover days of the span start..end_inclusive, both days counted.

    2023-03-01..2023-08-31 is exactly 6 months; 2023-03-15..2023-09-14 too; 2019-08-31..2020-02-28 is 5 months
    29 days (2020 is a leap year) while 2018-08-31..2019-02-28 is 6 months.
    """
    stop = end_inclusive + timedelta(days=1)
    months = (stop.year - start.year) * 12 + (stop.month - start.month)
    while months > 0 and anniversary(start, months) > stop:
        months -= 1
    return months, (stop - anniversary(start, months)).days


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def span_text(months: int, days: int = 0) -> str:
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years}年")
    if rest:
        parts.append(f"{rest}个月")
    if days:
        parts.append(f"{days}天")
    return "".join(parts) or "0天"


def require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise CalculatorInputError(field, message)
