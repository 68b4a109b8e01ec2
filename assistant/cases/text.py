"""Text as stored: control characters out (PostgreSQL refuses NUL; none of them belongs in a case), and a text over
its limit refused with a Chinese message naming the field, never cut short in silence."""

from __future__ import annotations

import re

from assistant.cases.errors import CaseInputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: object, limit: int, field: str = "text") -> str:
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value)).strip()
    if len(text) > limit:
        raise CaseInputError(field, f"内容太长（最多 {limit} 字）。")
    return text
