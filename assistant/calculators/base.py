"""Input-model base and field helpers shared by every calculator.

Every form (``calculate``, ``labor calc``, ``POST /v1/calculate/{kind}``) accepts figures as workers write them:
"8,000元" and "一万二" for money, "4年7个月" for a number of months, "2020年1月1日" and "2020/1/1" for dates. They are
read by the one parser, :mod:`assistant.facts.numbers`; what it cannot read is passed on unchanged, so the field's
own validation refuses it with its usual Chinese message.
"""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from assistant.facts.numbers import (
    parse_amount,
    parse_date,
    parse_number,
    parse_span_months,
)

MAX_MONTHLY_WAGE = Decimal(10000000)  # 一千万元/月：超过即视为输错
MAX_SERVICE_MONTHS = 720  # 60 年
EARLIEST, LATEST = date(1950, 1, 1), date(2100, 12, 31)
SPAN_FIELDS = {"service_months"}  # int fields that hold a length of time in months ("4年7个月")


def _base_type(annotation: Any) -> Any:
    """``date | None`` → date, ``list[date]`` → (list, date); other annotations unchanged."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base_type(args[0]) if len(args) == 1 else annotation
    if origin is list:
        return (list, _base_type(typing.get_args(annotation)[0]))
    return annotation


def _read_date(value: str) -> Any:
    parsed = parse_date(value)
    if parsed is None:
        return value
    if not parsed.day_given:
        raise ValueError(f"“{value}”没有写到哪一天，请填写具体日期，如 2020年1月1日")
    return parsed.value


def _read(kind: Any, name: str, value: str) -> Any:
    if kind is Decimal:
        parsed = parse_amount(value)
        return value if parsed is None else parsed
    if kind is int:
        whole: int | Decimal | None = parse_span_months(value) if name in SPAN_FIELDS else parse_number(value)
        if whole is None or whole != int(whole):
            return value
        return int(whole)
    if kind is date:
        return _read_date(value)
    return value


class CalcInputs(BaseModel):
    """Every calculator's inputs: unknown names are refused, strings like "8000" and "2024-06-30" are accepted."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _worker_forms(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if field is None:
            return value
        kind = _base_type(field.annotation)
        if isinstance(kind, tuple) and isinstance(value, list):
            return [_read(kind[1], info.field_name, v.strip()) if isinstance(v, str) else v for v in value]
        if isinstance(value, str) and value.strip():
            return _read(kind, info.field_name or "", value.strip())
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _plausible_dates(cls, value: Any) -> Any:
        for d in value if isinstance(value, list) else [value]:
            if isinstance(d, date) and not EARLIEST <= d <= LATEST:
                raise ValueError(f"日期 {d.isoformat()} 不在合理范围（1950年至2100年）内，请检查年份")
        return value


def wage_field(title: str, description: str, *, required: bool = True) -> Any:
    kwargs: dict[str, Any] = {"title": title, "description": description, "ge": 0, "le": MAX_MONTHLY_WAGE}
    return Field(**kwargs) if required else Field(None, **kwargs)


def optional_wage(title: str, description: str) -> Any:
    return wage_field(title, description, required=False)
