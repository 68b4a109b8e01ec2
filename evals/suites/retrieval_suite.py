"""Retrieval suite over the shared dev sets and the project's labelled questions, and the local-rules set: questions
that name a place, searched with that place (as the answer searches with the case's place)."""

from __future__ import annotations

import json

from evals.datasets import PROJECT_DATASETS, load_project, load_retrieval_sets
from evals.retrieval import exists_fn_for, run_retrieval, search_fn_for

LOCAL_RULES = PROJECT_DATASETS / "local_rules.jsonl"


def run(assistant, _settings, options) -> dict:
    laws = getattr(assistant, "laws", None)
    sets = load_retrieval_sets(options.shared_dir, laws=laws, only=options.datasets)
    if options.limit:
        sets = {name: items[: options.limit] for name, items in sets.items()}
    result = run_retrieval(search_fn_for(assistant), sets, exists=exists_fn_for(assistant))
    if not options.datasets or "local_rules" in options.datasets:
        local = run_local_rules(assistant, limit=options.limit)
        if local is not None:
            result["datasets"].update(local["datasets"])
            result["items"].extend(local["items"])
    return result


def run_local_rules(assistant, *, limit: int | None = None, path=LOCAL_RULES) -> dict | None:
    """hit@k of the place's own rule, and ``other_place``: the share of questions whose top 10 holds a rule of
    another place (the target is none). None when the index holds no local rules (the figures would say nothing)."""
    index = assistant.index
    if not any(index.row_province):
        return None
    places = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            places[row["question"]] = row.get("place") or {}
    items = load_project(path, getattr(assistant, "laws", None))[: limit or None]
    strays: dict[str, list[str]] = {}

    def search(question: str, k: int):
        place = places.get(question, {})
        hits = assistant.search(question, k=k, province=place.get("province"), city=place.get("city"))
        strays[question] = [h.id for h in hits[:10] if h.province and not _admitted(h, place)]
        return hits

    out = run_retrieval(search, {"local_rules": items})
    body = out["datasets"]["local_rules"]
    body["metrics"]["other_place"] = round(sum(1 for q in strays.values() if q) / len(items), 4) if items else 0.0
    body["target"] = {"metric": "hit@10", "goal": 0.90, "value": body["metrics"].get("hit@10"),
                      "met": (body["metrics"].get("hit@10") or 0) >= 0.90 and body["metrics"]["other_place"] == 0}
    for item in out["items"]:
        item["other_place"] = strays.get(item["question"], [])
    return out


def _admitted(hit, place: dict) -> bool:
    from assistant.retrieval.places import admits

    return admits(hit.province, hit.city, place.get("province"), place.get("city"))
