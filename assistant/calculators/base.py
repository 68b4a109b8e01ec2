"""Input-model base and field helpers shared by every calculator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_MONTHLY_WAGE = Decimal("10000000")  # 一千万元/月：超过即视为输错
MAX_SERVICE_MONTHS = 720  # 60 年
EARLIEST, LATEST = date(1950, 1, 1), date(2100, 12, 31)


class CalcInputs(BaseModel):
    """Every calculator's inputs: unknown names are refused, strings like "8000" and "2024-06-30" are accepted."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _plausible_dates(cls, value: Any) -> Any:
        for d in value if isinstance(value, list) else [value]:
            if isinstance(d, date) and not EARLIEST <= d <= LATEST:
                raise ValueError(f"日期 {d.isoformat()} 不在合理范围（1950年至2100年）内，请检查年份")
        return value


def wage_field(title: str, description: str, *, required: bool = True) -> Any:
    kwargs: dict[str, Any] = dict(title=title, description=description, ge=0, le=MAX_MONTHLY_WAGE)
    return Field(**kwargs) if required else Field(None, **kwargs)


def optional_wage(title: str, description: str) -> Any:
    return wage_field(title, description, required=False)
