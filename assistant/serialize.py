"""JSON for what the facade returns, one way for both front doors (the HTTP API and the web page). Pydantic models (answers, events, calculator results) serialise themselves
(``model_dump(mode="json")``: money stays an exact decimal string such as "64000.00"); the few dataclass results
(ingest reports, search hits) go through FastAPI's encoder."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

from assistant.answering.models import Answer


def to_jsonable(obj: Any) -> Any:
    """Plain JSON data for a result object; binary payloads (.docx) travel by their own routes and are left out."""
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    return jsonable_encoder(obj, custom_encoder={Decimal: str, bytes: lambda _: None})


def dumps(obj: Any) -> str:
    """Compact JSON that keeps Chinese readable on the wire (no \\uXXXX escapes)."""
    return json.dumps(to_jsonable(obj), ensure_ascii=False, separators=(",", ":"))


def answer_dict(answer: Answer) -> dict[str, Any]:
    """The answer as the API documents it: answer, citations[{id, law, article, text, verified}], guides, …"""
    return answer.model_dump(mode="json")
