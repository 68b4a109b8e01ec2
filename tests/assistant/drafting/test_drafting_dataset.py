"""The drafting eval cases hold for the offline path: the dataset is correct and the drafter meets it."""

import json
from pathlib import Path

import pytest

from assistant.drafting import draft
from tests.assistant.drafting.conftest import TODAY

DATASET = Path(__file__).resolve().parents[3] / "evals" / "datasets" / "drafting_cases.jsonl"
CASES = [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]


def _get(fields: dict, path: str):
    node = fields
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def test_dataset_ids_are_unique_and_types_known():
    from assistant.drafting import document_types

    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) >= 10
    known = {t.id for t in document_types()}
    assert {c["doc_type"] for c in CASES} <= known
    assert len({c["doc_type"] for c in CASES}) >= 7


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_expectations_hold_offline(assistant, case):
    d = draft(case["doc_type"], case["case"], case["narrative"], resolve=assistant.provision_by_id, today=TODAY)
    exp = case["expect"]
    for path, value in exp.get("fields", {}).items():
        assert str(_get(d.fields, path)) == str(value), path
    if "missing" in exp:
        if exp["missing"] == []:
            assert d.missing == []
        for label in exp["missing"]:
            assert label in d.missing, label
    for label in exp.get("not_missing", []):
        assert label not in d.missing, label
    for s in exp.get("blanks", []) + exp.get("text", []):
        assert s in d.markdown, s
    for s in exp.get("absent", []):
        assert s not in d.markdown, s
    for s in exp.get("warnings", []):
        assert any(s in w for w in d.warnings), s
    verified = {c.id for c in d.citations if c.verified}
    for cid in exp.get("citations", []):
        assert cid in verified, cid
