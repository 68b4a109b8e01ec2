"""The case reader against the phrasing table: what each message must yield, and what it must not invent.

The table (``phrasings.yaml``) is written from what the words mean; a row the reader gets wrong is a reader bug,
not a row to rewrite. An invented fact is worse than a missing one, so besides each row's ``absent`` list the facts
most often invented (``GUARDED``) must stay None wherever a row does not name them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
import yaml

from assistant.facts.model import CaseFacts, fact_paths

TABLE_FILE = Path(__file__).with_name("phrasings.yaml")
TABLE = yaml.safe_load(TABLE_FILE.read_text(encoding="utf-8"))
TODAY: date = TABLE["today"]
ROWS: list[dict] = TABLE["rows"]
KEYS = {"text", "today", "must", "any", "absent", "may", "year", "conflicts", "implausible", "why"}
GUARDED = ("pay.monthly_wage", "employment.hire_date", "employment.service_months", "event.termination",
           "pay.local_average_wage")
LIST_PATHS = {"wants", "employment.renewal_dates"}

# Rows the reader does not meet yet, each with what goes wrong. Strict: once the reader gets a row right, its
# entry must be deleted (the row then counts like any other); a row is never rewritten to fit the reader.


def _params() -> list:
    return [pytest.param(row, id=f"{n:03d}-{(str(row['text']).strip() or '<empty>')[:20]}") for n, row in enumerate(ROWS)]


def same(expected, got) -> bool:
    """Amounts compare numerically (8000 == Decimal('8000.00')), everything else by equality."""
    if got is None or expected is None:
        return got is expected
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if isinstance(expected, (int, float, Decimal)) and not isinstance(got, (date, str)):
        try:
            return Decimal(str(expected)) == Decimal(str(got))
        except (InvalidOperation, ValueError):
            return False
    return str(expected) == str(got) if isinstance(got, str) else expected == got


def problems_of(row: dict, facts: CaseFacts) -> list[str]:
    """Every way the facts read from a row's text fall short of the row; empty when they fit."""
    out: list[str] = []
    named = set(row.get("must") or {}) | set(row.get("any") or {}) | set(row.get("may") or [])
    for path, expected in (row.get("must") or {}).items():
        got = facts.get(path)
        if path in LIST_PATHS:
            missing = [e for e in expected if e not in (got or [])]
            if missing:
                out.append(f"{path}: {got!r} lacks {missing!r}")
        elif not same(expected, got):
            out.append(f"{path}: expected {expected!r}, got {got!r}")
    for path, choices in (row.get("any") or {}).items():
        got = facts.get(path)
        if not any(same(c, got) for c in choices):
            out.append(f"{path}: expected one of {choices!r}, got {got!r}")
    for path, year in (row.get("year") or {}).items():
        got = facts.get(path)
        if got is not None and got.year != year:
            out.append(f"{path}: {got} is not in {year}")
    must_stay_none = set(row.get("absent") or []) | {p for p in GUARDED if p not in named}
    for path in sorted(must_stay_none):
        got = facts.get(path)
        if got is not None and got != []:
            out.append(f"{path}: invented {got!r}")
    for kind in ("conflicts", "implausible"):
        noted = {n.path for n in getattr(facts, kind)}
        for path in row.get(kind) or []:
            if path not in noted:
                out.append(f"{path}: not reported in {kind} (got {sorted(noted)})")
    return out


# ---- the table itself: checked without the reader, so a typo in a row cannot pass as a reader bug


def test_the_table_is_large_and_covers_negatives():
    assert len(ROWS) >= 220
    negatives = [r for r in ROWS if not r.get("must") and not r.get("any")]
    assert len(negatives) >= 40
    texts = [r["text"] for r in ROWS]
    assert all(isinstance(t, str) for t in texts), "a text YAML read as a number: quote it"
    assert len(texts) == len(set(texts)), "a phrasing is listed twice"


@pytest.mark.parametrize("row", _params())
def test_every_row_names_real_facts_with_valid_values(row):
    assert set(row) <= KEYS, f"unknown keys {set(row) - KEYS}"
    paths = fact_paths()
    facts = CaseFacts()
    for path, value in (row.get("must") or {}).items():
        assert path in paths, f"no such fact: {path}"
        facts.set(path, value)  # validate_assignment: a misspelt enum value fails here
    for path, choices in (row.get("any") or {}).items():
        assert path in paths, f"no such fact: {path}"
        for choice in choices:
            CaseFacts().set(path, choice)
    for path in (row.get("absent") or []) + (row.get("may") or []) + (row.get("conflicts") or []) + (
        row.get("implausible") or []
    ) + list(row.get("year") or {}):
        assert path in paths, f"no such fact: {path}"


def test_the_checker_catches_an_invented_and_a_missing_fact():
    row = {"text": "x", "must": {"pay.monthly_wage": 8000}, "absent": ["pay.local_average_wage"]}
    assert problems_of(row, CaseFacts(pay={"monthly_wage": Decimal("8000.00")})) == []
    assert problems_of(row, CaseFacts()) == ["pay.monthly_wage: expected 8000, got None"]
    wrong = CaseFacts(pay={"monthly_wage": 8000, "local_average_wage": 9000})
    assert problems_of(row, wrong) == ["pay.local_average_wage: invented Decimal('9000')"]
    guarded = CaseFacts(pay={"monthly_wage": 8000}, employment={"service_months": 36})
    assert problems_of(row, guarded) == ["employment.service_months: invented 36"]


# ---- the reader against the table


@pytest.mark.parametrize("row", _params())
def test_reader_yields_the_row(row):
    from assistant.facts.reader import read_text

    facts = read_text(row["text"], turn=0, today=row.get("today", TODAY))
    problems = problems_of(row, facts)
    assert not problems, f"{row['text']!r}:\n  " + "\n  ".join(problems)
