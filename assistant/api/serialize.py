"""Turn what the facade returns (pydantic models, dataclasses, Decimals) into JSON-ready data, and read streams."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any


def to_jsonable(obj: Any) -> Any:
    """Plain JSON data for any result object; money stays exact as a decimal string ("64000.00")."""
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, Enum):
        return to_jsonable(obj.value)
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, (bytes, bytearray)):
        return None  # binary payloads (.docx) travel by their own routes
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items() if not isinstance(v, (bytes, bytearray))}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    if hasattr(obj, "model_dump"):
        return to_jsonable(obj.model_dump())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return to_jsonable({f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})
    if hasattr(obj, "to_dict"):
        return to_jsonable(obj.to_dict())
    return str(obj)


def dumps(obj: Any) -> str:
    """Compact JSON that keeps Chinese readable on the wire (no \\uXXXX escapes)."""
    return json.dumps(to_jsonable(obj), ensure_ascii=False, separators=(",", ":"))


def answer_dict(answer: Any) -> dict[str, Any]:
    """The answer object as the API documents it: answer, citations[{id, law, article, text, verified}], …"""
    data = to_jsonable(answer)
    if isinstance(data, str):
        data = {"answer": data}
    data.setdefault("answer", "")
    data.setdefault("citations", [])
    data.setdefault("guides", [])
    data.setdefault("suggested_actions", [])
    data.setdefault("mode", "offline")
    data.setdefault("warnings", [])
    data.setdefault("disclaimer", "")
    for c in data["citations"]:
        c["verified"] = bool(c.get("verified", False))
    return data


def stream_event(event: Any) -> tuple[str, Any]:
    """Read one item of ``Assistant.ask_stream``: ``("token", text)`` or ``("final", answer)``.

    Accepts the shapes a generator may reasonably yield: a bare string (a token), a mapping or object with a
    ``type``/``event``/``kind`` of token/final, or the answer object itself.
    """
    if isinstance(event, str):
        return "token", event
    kind = _get(event, "type") or _get(event, "event") or _get(event, "kind")
    kind = getattr(kind, "value", kind)
    if kind in {"token", "delta", "chunk", "text"}:
        text = _get(event, "text") or _get(event, "token") or _get(event, "delta") or _get(event, "content")
        if text is None:
            text = _get(event, "data")
        return "token", text or ""
    if kind in {"final", "answer", "done", "end", "result"}:
        for name in ("answer_object", "result", "data", "final", "answer"):
            value = _get(event, name)
            if value is not None and not isinstance(value, str):
                return "final", value
        payload = to_jsonable(event)
        if isinstance(payload, dict):
            payload = {k: v for k, v in payload.items() if k not in {"type", "event", "kind"}}
        return "final", payload
    if kind in {"notice", "status", "warning", "error"}:
        return "notice", _get(event, "text") or _get(event, "message") or _get(event, "data") or ""
    if _get(event, "answer") is not None and _get(event, "citations") is not None:
        return "final", event
    return "notice", to_jsonable(event)


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def replaces_stream(event: Any) -> bool:
    """True when the final answer replaces the tokens streamed before it (the model failed mid-stream)."""
    return bool(_get(event, "replaces_stream"))
