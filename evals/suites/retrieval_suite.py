"""Retrieval suite over the shared dev sets and the project's labelled questions."""

from __future__ import annotations

from evals.datasets import load_retrieval_sets
from evals.retrieval import exists_fn_for, run_retrieval, search_fn_for


def run(assistant, settings, options) -> dict:
    laws = getattr(assistant, "laws", None)
    sets = load_retrieval_sets(options.shared_dir, laws=laws, only=options.datasets)
    if options.limit:
        sets = {name: items[: options.limit] for name, items in sets.items()}
    return run_retrieval(search_fn_for(assistant), sets, exists=exists_fn_for(assistant))
