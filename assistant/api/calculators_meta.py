"""Reading the calculators' registry (``assistant.calculators.KINDS``) without depending on its exact shape."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def load_kinds() -> dict[str, Any] | None:
    try:
        from assistant.calculators import KINDS
    except ImportError:
        return None
    return dict(KINDS)


def kind_name(entry: Any, kind: str) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, (tuple, list)):
        return next((e for e in entry if isinstance(e, str)), kind)
    if isinstance(entry, dict):
        return entry.get("name") or entry.get("title") or kind
    return getattr(entry, "name", None) or getattr(entry, "title", None) or kind


def kind_model(entry: Any) -> type[BaseModel] | None:
    candidates = list(entry) if isinstance(entry, (tuple, list)) else (
        list(entry.values()) if isinstance(entry, dict) else
        [getattr(entry, n, None) for n in ("model", "input_model", "inputs", "schema")])
    for c in candidates:
        if isinstance(c, type) and issubclass(c, BaseModel):
            return c
    return None


def kind_schema(entry: Any) -> dict[str, Any]:
    model = kind_model(entry)
    return model.model_json_schema() if model else {}


def calculator_input_error():
    try:
        from assistant.calculators import CalculatorInputError
    except ImportError:
        return ()
    return CalculatorInputError
