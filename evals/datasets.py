"""Loading eval items: the external dev sets in ``../shared/evals`` and the project's own sets in ``evals/datasets``.

Scoring for the external sets uses only gold articles flagged ``in_labor_scope`` (the corpus is labour law; a gold
article of 保险法 cannot be found in it). Items with no in-scope gold are kept in the file but skipped by the scorer,
and counted as skipped in the report.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.citations import LawNames
from evals.gold import canonical_id, gold_id

EVALS_DIR = Path(__file__).resolve().parent
PROJECT_DATASETS = EVALS_DIR / "datasets"
REPO_DIR = EVALS_DIR.parent
SHARED_EVALS = REPO_DIR.parent / "shared" / "evals"

# dataset name (file stem without _dev/_heldout) → the issue-2 target printed next to its figures
TARGETS: dict[str, tuple[str, float]] = {
    "lawbench_recite_labor": ("hit@1", 0.98),
    "stard_labor": ("hit@10", 0.85),
    "lawbench_consult_labor": ("hit@10", 0.55),
}


class DatasetError(ValueError):
    """A dataset file that cannot be read as eval items (bad JSON, missing fields)."""


@dataclass(slots=True)
class EvalItem:
    id: str
    dataset: str
    question: str
    gold: list[str]  # ids scored against (in-scope only for external sets)
    gold_all: list[str] = field(default_factory=list)  # every gold id, out-of-scope included
    category: str = ""
    key_points: list[str] = field(default_factory=list)
    reference_answer: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def scorable(self) -> bool:
        return bool(self.gold)


def dataset_name(path: Path) -> str:
    return re.sub(r"_(dev|heldout)$", "", path.stem)


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path.name} 第 {n} 行不是合法 JSON：{exc.msg}") from exc
        if not isinstance(row, dict) or "question" not in row or "gold" not in row:
            raise DatasetError(f"{path.name} 第 {n} 行缺少 question 或 gold 字段")
        rows.append(row)
    return rows


def load_external(path: Path, laws: LawNames | None = None, in_scope_only: bool = True) -> list[EvalItem]:
    """One upstream file (gold as ``[{"law", "article", "in_labor_scope"}]``)."""
    name = dataset_name(path)
    items = []
    for row in _read_jsonl(path):
        gold_all, in_scope = [], []
        for g in row["gold"]:
            gid = gold_id(g["law"], g["article"], laws)
            gold_all.append(gid)
            if g.get("in_labor_scope", True):
                in_scope.append(gid)
        items.append(
            EvalItem(
                id=str(row.get("id")),
                dataset=name,
                question=row["question"],
                gold=list(dict.fromkeys(in_scope if in_scope_only else gold_all)),
                gold_all=list(dict.fromkeys(gold_all)),
                category=row.get("topic_coarse") or row.get("topic") or "",
                reference_answer=row.get("reference_answer", ""),
                notes=list(row.get("notes") or []),
            )
        )
    return items


def load_project(path: Path, laws: LawNames | None = None) -> list[EvalItem]:
    """The project's format: ``{"id", "question", "gold": [ids], "category", "key_points"}``."""
    name = dataset_name(path)
    items = []
    for row in _read_jsonl(path):
        gold = [canonical_id(g, laws) for g in row["gold"]]
        items.append(
            EvalItem(
                id=str(row.get("id")),
                dataset=name,
                question=row["question"],
                gold=list(dict.fromkeys(gold)),
                gold_all=list(dict.fromkeys(gold)),
                category=row.get("category", ""),
                key_points=list(row.get("key_points") or []),
                reference_answer=row.get("reference_answer", ""),
            )
        )
    return items


def load_retrieval_sets(
    shared_dir: Path | None = SHARED_EVALS,
    project_questions: Path | None = None,
    laws: LawNames | None = None,
    only: list[str] | None = None,
) -> dict[str, list[EvalItem]]:
    """All retrieval datasets by name: every ``*.jsonl`` in the shared folder plus the project's questions."""
    sets: dict[str, list[EvalItem]] = {}
    if shared_dir and Path(shared_dir).is_dir():
        for path in sorted(Path(shared_dir).glob("*.jsonl")):
            sets.setdefault(dataset_name(path), []).extend(load_external(path, laws))
    project_questions = project_questions or PROJECT_DATASETS / "questions.jsonl"
    if project_questions.exists():
        sets.setdefault("project_questions", []).extend(load_project(project_questions, laws))
    if only:
        sets = {k: v for k, v in sets.items() if k in only}
    return sets


def load_jsonl(path: Path) -> list[dict]:
    """Rows of a project dataset that is not a retrieval set (calculator, drafting and safety cases)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
