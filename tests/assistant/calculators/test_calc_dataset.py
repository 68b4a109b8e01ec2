"""evals/datasets/calculator_cases.jsonl: well formed, every expected figure reproduced by the calculators."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.calculators import KINDS, CalculatorInputError, calculate

ROOT = Path(__file__).resolve().parents[3]
DATASET = ROOT / "evals" / "datasets" / "calculator_cases.jsonl"
CASES = ROOT / ".." / "shared" / "corpus" / "cases"


def load() -> list[dict]:
    return [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_dataset_is_well_formed_and_covers_every_kind():
    rows = load()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert {r["kind"] for r in rows} == set(KINDS)
    for r in rows:
        assert set(r) <= {"id", "kind", "inputs", "expected", "source", "note"}
        assert r["expected"] and set(r["expected"]) <= {"amount", "amounts", "result", "error", "outside_corpus"}
        assert r["source"].startswith(("hand: ", "case: "))
        if r["source"].startswith("case: "):
            name = r["source"].removeprefix("case: ").rsplit("/", 1)[-1]
            assert (CASES / name).is_file(), name


@pytest.mark.parametrize("row", load(), ids=lambda r: r["id"])
def test_expected_figures_are_reproduced(row):
    expected = row["expected"]
    if "error" in expected:
        with pytest.raises(CalculatorInputError) as info:
            calculate(row["kind"], **row["inputs"])
        assert info.value.field == expected["error"]
        return
    result = calculate(row["kind"], **row["inputs"])
    if "amount" in expected:
        assert result.amount == Decimal(expected["amount"])
    for name, value in expected.get("amounts", {}).items():
        assert result.amounts[name] == Decimal(value)
    for name, value in expected.get("result", {}).items():
        assert result.result[name] == value
    assert result.articles, "every result names the articles it rests on"
    if result.amount is not None:
        assert result.formula.endswith(f"{result.amount} 元") or "0 元" in result.formula
