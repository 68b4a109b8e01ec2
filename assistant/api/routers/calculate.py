"""Calculators: what a worker is owed and by when, each result with its articles, formula and steps."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Path
from pydantic import ValidationError

from assistant.api.deps import AssistantDep, MetricsDep, PublicCaller
from assistant.api.errors import InvalidInput, NotFound
from assistant.api.errors import _describe_validation as describe
from assistant.api.schemas import ERROR_RESPONSES, CalculatorInfo
from assistant.calculators import KINDS, CalculatorInputError
from assistant.serialize import to_jsonable

router = APIRouter(prefix="/v1", tags=["计算器"], responses=ERROR_RESPONSES)


@router.get("/calculators", response_model=list[CalculatorInfo], summary="可用的计算器及其输入字段")
def calculators(_: PublicCaller) -> list[CalculatorInfo]:
    return [CalculatorInfo(kind=k.id, name=k.name, input_schema=k.model.model_json_schema()) for k in KINDS.values()]


@router.post("/calculate/{kind}", summary="计算（经济补偿、加班费、年休假、时效……）",
             description="请求体为该计算器的输入字段（见 GET /v1/calculators）。金额以字符串表示的精确小数返回。")
def calculate(assistant: AssistantDep, metrics: MetricsDep, _: PublicCaller,
              kind: str = Path(max_length=64, examples=["economic_compensation"],
                               json_schema_extra={"enum": list(KINDS)}),
              inputs: dict[str, Any] = Body(default_factory=dict, examples=[{"monthly_wage": 8000, "years": 4}])):
    if kind not in KINDS:  # the document lists the kinds; an unknown one is a 404 that names them
        raise NotFound(f"没有这种计算器：{kind}。可用：{'、'.join(KINDS)}")
    try:
        result = assistant.calculate(kind, **inputs)
    except ValidationError as exc:
        message, field = describe([{**e, "loc": ("body", *e.get("loc", ()))} for e in exc.errors()])
        raise InvalidInput(message, field=field) from None
    except CalculatorInputError as exc:
        raise InvalidInput(exc.message, field=exc.field) from None
    except TypeError as exc:  # an unknown keyword: report the field names the calculator does accept
        raise InvalidInput(f"输入字段不对：{kind} 不接受这些字段") from exc
    except (ValueError, ArithmeticError) as exc:
        raise InvalidInput("输入的数值无法计算，请检查金额、日期和年限") from exc
    metrics.count("calculation", kind)
    return to_jsonable(result)
