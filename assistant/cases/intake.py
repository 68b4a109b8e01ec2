"""The case facts of an intake and of a staff edit: read from the worker's words (the one reader,
``assistant.facts``), or taken from a whole ``CaseFacts`` or dotted corrections, each checked fact by fact."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from assistant.cases.errors import CaseInputError
from assistant.cases.models import CaseIntake
from assistant.cases.trace import canonical
from assistant.facts import CaseFacts, FactsInputError, apply_overrides, fact_paths, read_conversation
from assistant.facts.model import GROUPS


def intake_facts(intake: CaseIntake) -> CaseFacts:
    said = [m.content for m in intake.conversation if m.role == "user"]
    if not said and intake.summary:
        said = [intake.summary]
    given = intake.facts or {}
    try:
        if given and _looks_like_case_facts(given):
            return CaseFacts.model_validate(given)
        facts = read_conversation(said) if said else CaseFacts()
        return apply_overrides(facts, given) if given else facts
    except FactsInputError as exc:
        raise CaseInputError(f"facts.{exc.path}", exc.message) from None
    except ValidationError:
        raise CaseInputError("facts", "案情的格式不对：应为案情对象，或“事实名: 值”的更正。") from None


def edited_facts(facts: CaseFacts, changes: dict[str, Any]) -> list[dict[str, Any]]:
    """Apply staff's ``changes`` to ``facts`` (in place); each fact whose value changed, with its old and new value."""
    before = {p: facts.get(p) for p in _paths(changes)}
    try:
        apply_overrides(facts, changes)
    except FactsInputError as exc:
        raise CaseInputError(f"facts.{exc.path}", exc.message) from None
    return [{"path": p, "old": _json(before[p]), "new": _json(facts.get(p))}
            for p in before if _json(before[p]) != _json(facts.get(p))]


def _looks_like_case_facts(data: dict) -> bool:
    """A whole CaseFacts (``{"worker": {...}, "pay": {...}, "sources": …}``) rather than dotted corrections."""
    return "sources" in data or "conflicts" in data


def _paths(changes: dict[str, Any]) -> list[str]:
    out = []
    for key, value in (changes or {}).items():
        if key in GROUPS and isinstance(value, dict):
            out += [f"{key}.{name}" for name in value]
        else:
            out.append(str(key))
    known = fact_paths()
    return [p for p in out if p in known]


def _json(value: Any) -> Any:
    """A fact's value as the trace stores it (dates as text), so old and new compare as they will be read."""
    return json.loads(canonical({"v": value}))["v"]
