"""k-fold cross-validation of the retriever's tuning choices over the dev sets.

Every setting of the grid is run once over every dev item (the shared dev sets, the project's questions, the local
rules searched with their place); then, fold by fold, the setting with the best mean target figure on the other
folds is chosen and scored on the held-out fold. The report gives each fold's choice and its held-out figure beside
the untuned retriever's, and the setting chosen on all folds together (the one the retriever ships with).

    .venv/bin/python -m evals.cv_retrieval --data-dir /tmp/index-home [--folds 5] [--json out.json]
    .venv/bin/python -m evals.cv_retrieval --data-dir /tmp/index-home --floor   # the relevance floor
    .venv/bin/python -m evals.cv_retrieval --data-dir /tmp/index-home --keys evals/lay_key_candidates.yaml

``--keys`` decides candidate lay keys law by law: every law's new keys are measured added to the shipped ones; per
fold, the laws whose keys raise the other folds' mean (and pass the guards) are taken together and scored here.

The data dir must hold an index of the labor corpus (``labor ingest`` with ``LABOR_DATA_DIR`` set there). Each
dataset counts once in the mean, whatever its size, on the figure issue 14 sets for it.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
from collections import defaultdict
from pathlib import Path

# dataset → the figure the issue sets a target on (the CV objective is their mean)
TARGET_METRIC = {
    "stard_labor": "hit@10",
    "lawbench_consult_labor": "hit@10",
    "lawbench_scenario_labor": "hit@10",
    "casegen_facts_labor": "recall@10",
    "project_questions": "hit@5",
    "lawbench_recite_labor": "hit@1",
    "local_rules": "hit@10",
}
GRID = {
    "lay_weight": [0.0, 0.3, 0.6],
    "lay_top": [10, 20],
    "lay_share": [0.0, 0.5],
    "procedure_damp": [1.0, 0.5, 0.25],
    "validity_boost": [1.0, 2.0],
}
UNTUNED = {"lay_weight": 0.0, "lay_top": 10, "lay_share": 0.0, "procedure_damp": 1.0, "validity_boost": 1.0}
# A setting may not cost a dataset more than the baseline gate allows (make eval-check's tolerance): the mean
# alone would trade the noisy consultation set away for the others.
GUARD = {"lawbench_consult_labor": 0.04}
# Nor lower any dataset's MRR by more than that tolerance: the targets count the first five or ten hits, and a vote
# that lifts an article into them can push the first hit down, which the baseline gate measures too (--along only).
MRR_GUARD = 0.04


def fold_of(item_id: str, folds: int) -> int:
    return int(hashlib.sha256(item_id.encode()).hexdigest(), 16) % folds


def settings_grid(grid: dict = GRID) -> list[dict]:
    out = []
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values, strict=True))
        if setting["lay_weight"] == 0.0 and (setting["lay_top"], setting["lay_share"]) != (
                UNTUNED["lay_top"], UNTUNED["lay_share"]):
            continue  # without the lay list its length changes nothing
        out.append(setting)
    return out


# One knob at a time, the others as shipped (--along NAME): what a told story (no question clause: court-found facts,
# a worker's account) takes from the lay keys, as (weight, articles, share of the best key) or None for a question's
# list; and the weight of the issue guides' routing list. The first value of each is the shipped one.
ALONG = {
    "narrative": ("narrative_lay", [None, (0.3, 20, 0.0), (0.6, 10, 0.5), (0.6, 20, 0.0), (0.6, 20, 0.5),
                                    (1.0, 20, 0.0), (0.6, 30, 0.0)]),
    "routing": ("routing_weight", [0.6, 0.4, 0.8, 1.0]),
    # the facts' list (corpus/fact_articles.yaml) as (weight for a told story, weight for a question)
    "facts": ("fact_weights", [(0.0, 0.0), (0.3, 0.0), (0.6, 0.0), (1.0, 0.0), (0.3, 0.3), (0.6, 0.3), (1.0, 0.3),
                               (0.6, 0.6), (1.0, 0.6), (0.0, 0.3)]),
    # how long a text must be for the facts' list to vote
    "fact_min_chars": ("fact_min_chars", [0, 60, 100, 150, 200, 300]),
    # the second vote of the best-matching lay key's article
    "lay_lead": ("lay_lead", [0.3, 0.0, 0.05, 0.1, 0.15, 0.2, 0.6]),
    # the weight of an article other documents cite: × (1 + value·ln(1 + citing documents))
    "cited_prior": ("cited_prior", [0.25, 0.0, 0.1, 0.5, 0.75, 1.0]),
    # the weight of the thesaurus' statute words beside the question's own
    "expansion": ("expansion_weight", [0.5, 0.0, 0.25, 0.75, 1.0]),
}


def shipped_setting() -> dict:
    from assistant.retrieval import tuning as r

    return {"lay_weight": r.WEIGHTS["lay"], "lay_top": r.LAY_TOP, "lay_share": r.LAY_SHARE,
            "procedure_damp": r.PROCEDURE_DAMP, "validity_boost": r.VALIDITY_BOOST}


def apply(retriever, setting: dict) -> None:
    from assistant.retrieval.tuning import (
        CITED_PRIOR,
        EXPANSION_WEIGHT,
        FACT_MIN_CHARS,
        FACT_WEIGHTS,
        LAY_LEAD,
        NARRATIVE_LAY,
        WEIGHTS,
    )

    retriever.narrative_lay = setting.get("narrative_lay", NARRATIVE_LAY)
    retriever.fact_weights = setting.get("fact_weights", FACT_WEIGHTS)
    retriever.fact_min_chars = setting.get("fact_min_chars", FACT_MIN_CHARS)
    retriever.lay_lead = setting.get("lay_lead", LAY_LEAD)
    retriever.expansion_weight = setting.get("expansion_weight", EXPANSION_WEIGHT)
    retriever.cited_prior = setting.get("cited_prior", CITED_PRIOR)
    retriever.weights["routing"] = setting.get("routing_weight", WEIGHTS["routing"])
    retriever.weights["lay"] = setting["lay_weight"]
    retriever.use_lay_keys = setting["lay_weight"] > 0
    retriever.lay_top = setting["lay_top"]
    retriever.lay_share = setting["lay_share"]
    retriever.procedure_damp = setting["procedure_damp"]
    retriever.validity_boost = setting["validity_boost"]


def score_items(assistant, setting: dict, sets: dict, metric: str | None = None) -> dict[tuple[str, str], float]:
    """(dataset, item id) → the dataset's target figure (or ``metric``) for that item under ``setting``."""
    from evals.retrieval import run_retrieval
    from evals.suites.retrieval_suite import run_local_rules

    apply(assistant.retriever, setting)
    items = run_retrieval(lambda q, k: assistant.search(q, k=k), sets)["items"]
    local = run_local_rules(assistant)
    if local is not None:
        items += local["items"]
    return {(i["dataset"], i["id"]): float(i[metric or TARGET_METRIC[i["dataset"]]]) for i in items
            if i["dataset"] in TARGET_METRIC}


def mean_target(scores: dict, keep) -> float:
    per_set: dict[str, list[float]] = defaultdict(list)
    for (dataset, item_id), value in scores.items():
        if keep(item_id):
            per_set[dataset].append(value)
    return sum(sum(v) / len(v) for v in per_set.values()) / len(per_set) if per_set else 0.0


def per_dataset(scores: dict, keep) -> dict[str, float]:
    per_set: dict[str, list[float]] = defaultdict(list)
    for (dataset, item_id), value in scores.items():
        if keep(item_id):
            per_set[dataset].append(value)
    return {d: round(sum(v) / len(v), 3) for d, v in sorted(per_set.items())}


def admissible(table: list[tuple[dict, dict]], untuned: dict, keep, first: list[dict] | None = None
               ) -> list[tuple[dict, dict]]:
    """The settings that cost no guarded dataset more than its tolerance (on the items ``keep`` admits); with
    ``first`` (each setting's per-item MRR, in the table's order, the untuned one first), no dataset's MRR either."""
    base = per_dataset(untuned, keep)
    out = []
    for n, (setting, scores) in enumerate(table):
        if not all(per_dataset(scores, keep).get(d, 0.0) >= base.get(d, 0.0) - tol for d, tol in GUARD.items()):
            continue
        if first is not None:
            mrr, base_mrr = per_dataset(first[n], keep), per_dataset(first[0], keep)
            if any(mrr.get(d, 0.0) < value - MRR_GUARD for d, value in base_mrr.items()):
                continue
        out.append((setting, scores))
    return out


def cross_validate(table: list[tuple[dict, dict]], folds: int, untuned_setting: dict = UNTUNED,
                   first: list[dict] | None = None) -> dict:
    """``table``: (setting, item scores) for every setting. Per fold: the choice on the other folds, scored here.
    ``first``: per-item MRR of each setting (untuned first) for the MRR guard."""
    untuned = next(s for setting, s in table if setting == untuned_setting)
    out = {"folds": []}
    for f in range(folds):
        def train(i, f=f):
            return fold_of(i, folds) != f

        def test(i, f=f):
            return fold_of(i, folds) == f

        setting, scores = max(admissible(table, untuned, train, first), key=lambda row: mean_target(row[1], train))
        out["folds"].append({"fold": f, "chosen": setting,
                             "held_out": round(mean_target(scores, test), 4),
                             "held_out_untuned": round(mean_target(untuned, test), 4),
                             "held_out_per_dataset": per_dataset(scores, test),
                             "untuned_per_dataset": per_dataset(untuned, test)})
    everything = lambda _i: True  # noqa: E731
    setting, scores = max(admissible(table, untuned, everything, first),
                          key=lambda row: mean_target(row[1], everything))
    out["chosen_on_all"] = setting
    out["all_per_dataset"] = per_dataset(scores, everything)
    out["untuned_per_dataset"] = per_dataset(untuned, everything)
    out["mean_held_out"] = round(sum(r["held_out"] for r in out["folds"]) / folds, 4)
    out["mean_held_out_untuned"] = round(sum(r["held_out_untuned"] for r in out["folds"]) / folds, 4)
    return out


# The relevance floor (retrieval.tuning.RELEVANCE_FLOOR): the highest floor that keeps this share of the gold articles the
# first ten hits hold (a basis lost costs the worker more than an extra one shown), chosen on the training folds.
FLOORS = [0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6]
FLOOR_KEEPS_GOLD = 0.98


def relevance_rows(assistant, sets: dict) -> list[dict]:
    """One row per hit in the first ten: dataset, item id, whether it is gold, its relevance."""
    rows = []
    for name, items in sets.items():
        for item in items:
            if not item.scorable:
                continue
            for hit in assistant.search(item.question, k=10):
                rows.append({"dataset": name, "id": item.id, "gold": hit.id in item.gold,
                             "relevance": hit.relevance if hit.relevance is not None else 1.0})
    return rows


def floor_figures(rows: list[dict], floor: float) -> dict:
    gold = [r for r in rows if r["gold"]]
    other = [r for r in rows if not r["gold"]]
    return {"gold_kept": round(sum(r["relevance"] >= floor for r in gold) / len(gold), 4) if gold else 1.0,
            "others_dropped": round(sum(r["relevance"] < floor for r in other) / len(other), 4) if other else 0.0}


def choose_floor(rows: list[dict], floors=FLOORS, keep: float = FLOOR_KEEPS_GOLD) -> float:
    admitted = [f for f in floors if floor_figures(rows, f)["gold_kept"] >= keep]
    return max(admitted, default=min(floors))


def cross_validate_floor(rows: list[dict], folds: int) -> dict:
    out: dict = {"folds": []}
    for f in range(folds):
        train = [r for r in rows if fold_of(r["id"], folds) != f]
        test = [r for r in rows if fold_of(r["id"], folds) == f]
        floor = choose_floor(train)
        out["folds"].append({"fold": f, "floor": floor, **floor_figures(test, floor)})
    out["chosen_on_all"] = choose_floor(rows)
    out["all"] = floor_figures(rows, out["chosen_on_all"])
    out["by_floor"] = {str(f): floor_figures(rows, f) for f in FLOORS}
    return out


def key_groups(path: Path) -> dict[str, list]:
    """The candidate file's keys that the shipped file lacks, by law (in file order)."""
    from assistant.retrieval.lay_keys import load_lay_keys

    shipped = set(load_lay_keys())
    groups: dict[str, list] = {}
    for key in load_lay_keys(path):
        if key not in shipped:
            groups.setdefault(key.provision_id.partition("#")[0], []).append(key)
    return groups


def use_keys(assistant, extra: list) -> None:
    """The retriever's lay keys become the shipped ones plus ``extra``."""
    from assistant.retrieval.lay_keys import LayKeyIndex, load_lay_keys

    retriever = assistant.retriever
    retriever.lay_index = LayKeyIndex.of_keys(retriever.index, [*load_lay_keys(), *extra])


def cross_validate_keys(assistant, sets: dict, groups: dict[str, list], folds: int) -> dict:
    """Per fold, the laws whose keys, each added alone, raise the training folds' mean and pass the guards; their
    keys together are scored on the held-out fold. Then the same choice on all folds (what would ship)."""
    setting = shipped_setting()
    cache: dict[frozenset, tuple[dict, dict]] = {}

    def run(laws: frozenset) -> tuple[dict, dict]:
        if laws not in cache:
            use_keys(assistant, [k for law in sorted(laws) for k in groups[law]])
            cache[laws] = (score_items(assistant, setting, sets), score_items(assistant, setting, sets, "mrr"))
        return cache[laws]

    base, base_mrr = run(frozenset())
    alone = {law: run(frozenset([law])) for law in groups}

    def choose(keep) -> frozenset:
        chosen = []
        for law, (scores, mrr) in alone.items():
            table = [({}, base), ({"law": law}, scores)]
            if len(admissible(table, base, keep, [base_mrr, mrr])) == 2 and \
                    mean_target(scores, keep) > mean_target(base, keep):
                chosen.append(law)
        return frozenset(chosen)

    out: dict = {"folds": [], "alone": {}}
    everything = lambda _i: True  # noqa: E731
    for law, (scores, _mrr) in alone.items():
        out["alone"][law] = {"keys": len(groups[law]), "mean": round(mean_target(scores, everything), 4),
                             "per_dataset": per_dataset(scores, everything)}
    for f in range(folds):
        def train(i, f=f):
            return fold_of(i, folds) != f

        def test(i, f=f):
            return fold_of(i, folds) == f

        laws = choose(train)
        scores, _mrr = run(laws)
        out["folds"].append({"fold": f, "chosen": sorted(laws), "held_out": round(mean_target(scores, test), 4),
                             "held_out_untuned": round(mean_target(base, test), 4),
                             "held_out_per_dataset": per_dataset(scores, test),
                             "untuned_per_dataset": per_dataset(base, test)})
    laws = choose(everything)
    scores, _mrr = run(laws)
    out["chosen_on_all"] = sorted(laws)
    out["all_per_dataset"] = per_dataset(scores, everything)
    out["untuned_per_dataset"] = per_dataset(base, everything)
    out["mean_held_out"] = round(sum(r["held_out"] for r in out["folds"]) / folds, 4)
    out["mean_held_out_untuned"] = round(sum(r["held_out_untuned"] for r in out["folds"]) / folds, 4)
    use_keys(assistant, [])
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--floor", action="store_true", help="choose the relevance floor instead of the weights")
    parser.add_argument("--along", choices=sorted(ALONG), help="choose one knob, the other weights as shipped")
    parser.add_argument("--keys", type=Path, help="decide a file's candidate lay keys, law by law")
    args = parser.parse_args(argv)

    from assistant import Assistant
    from assistant.config import get_settings
    from evals.configs import apply_config, get_config
    from evals.datasets import load_retrieval_sets

    settings = apply_config(get_settings().model_copy(update={"data_dir": args.data_dir}), get_config("thesaurus"))[0]
    assistant = Assistant.from_settings(settings)
    sets = {k: v for k, v in load_retrieval_sets(laws=assistant.laws).items() if k in TARGET_METRIC}
    if args.floor:
        result = cross_validate_floor(relevance_rows(assistant, sets), args.folds)
        for row in result["folds"]:
            print(f"fold {row['fold']}: floor {row['floor']}  held-out gold kept {row['gold_kept']:.3f}, "
                  f"others dropped {row['others_dropped']:.3f}")
        print(f"chosen on all folds: {result['chosen_on_all']}  {result['all']}")
        if args.json:
            args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        return result
    if args.keys:
        result = cross_validate_keys(assistant, sets, key_groups(args.keys), args.folds)
        for law, row in result["alone"].items():
            print(f"{law} ({row['keys']} keys) alone: mean {row['mean']:.4f}  {row['per_dataset']}")
        return report(result, "shipped keys", args.json)
    if args.along:
        knob, values = ALONG[args.along]
        grid = [{**shipped_setting(), knob: value} for value in values]
        untuned_setting = grid[0]
    else:
        grid, untuned_setting = settings_grid(), UNTUNED
    table = [(setting, score_items(assistant, setting, sets)) for setting in grid]
    first = [score_items(assistant, setting, sets, "mrr") for setting in grid] if args.along else None
    return report(cross_validate(table, args.folds, untuned_setting, first), "untuned", args.json)


def report(result: dict, baseline: str, json_path: Path | None) -> dict:
    """Each fold's choice and held-out figure beside the baseline's, then the choice on all folds."""
    for row in result["folds"]:
        print(f"fold {row['fold']}: chosen {row['chosen']}  held-out {row['held_out']:.3f} "
              f"({baseline} {row['held_out_untuned']:.3f})")
    print(f"mean held-out {result['mean_held_out']:.3f} ({baseline} {result['mean_held_out_untuned']:.3f})")
    print(f"chosen on all folds: {result['chosen_on_all']}")
    for name, value in result["all_per_dataset"].items():
        print(f"  {name:28s} {TARGET_METRIC[name]:9s} {result['untuned_per_dataset'][name]:.3f} -> {value:.3f}")
    if json_path:
        json_path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
