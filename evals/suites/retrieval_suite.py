"""Retrieval suite over the shared dev sets and the project's labelled questions; the local-rules set: questions
that name a place, searched with that place (as the answer searches with the case's place); and the conversations:
every turn of a worker's multi-turn chat, searched as the answer searches it (the follow-up condensed with the
earlier turns, the case's place from the facts read so far) and, beside it, on its own words alone."""

from __future__ import annotations

import json

from evals.datasets import PROJECT_DATASETS, load_project, load_retrieval_sets
from evals.retrieval import exists_fn_for, run_retrieval, search_fn_for

LOCAL_RULES = PROJECT_DATASETS / "local_rules.jsonl"
CONVERSATIONS = PROJECT_DATASETS / "conversations.jsonl"
CONVERSATION_GOAL = 0.85  # per-turn hit@10 with history (issue 14 §3)


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
    if not options.datasets or {"conversations", "conversations_no_history"} & set(options.datasets):
        turns = run_conversations(assistant, limit=options.limit)
        result["datasets"].update(turns["datasets"])
        result["items"].extend(turns["items"])
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


def load_conversations(path=CONVERSATIONS, laws=None) -> list[dict]:
    """``{"id", "category", "turns": [{"user", "gold", "new_subject"?}]}`` rows, gold ids canonical."""
    from evals.datasets import DatasetError, load_jsonl
    from evals.gold import canonical_id

    rows = load_jsonl(path)
    for row in rows:
        turns = row.get("turns")
        if not isinstance(turns, list) or not all(isinstance(t, dict) and t.get("user") and t.get("gold")
                                                   for t in turns):
            raise DatasetError(f"{path.name}: 对话 {row.get('id')} 的每一轮都要有 user 和 gold")
        for turn in turns:
            turn["gold"] = list(dict.fromkeys(canonical_id(g, laws) for g in turn["gold"]))
    return rows


def conversation_query(turns: list[str], question: str) -> tuple[str, str | None, str | None]:
    """What the answer searches for this turn: (query, province, city). The rule condenses the follow-up with the
    earlier turns (no language model: the figures must not depend on one), the place is the case's place after
    this turn, and the place's name leaves the query as it does in the answer."""
    from assistant.answering.condense import condense_by_rule, retrieval_query
    from assistant.answering.models import Turn
    from assistant.answering.retrieve import without_place_names
    from assistant.facts import read_conversation

    history = [Turn(role="user", content=t) for t in turns]
    place = read_conversation([*turns, question]).place
    query = retrieval_query(condense_by_rule(question, history), history)
    return without_place_names(query, place.province, place.city), place.province, place.city


def run_conversations(assistant, *, limit: int | None = None, path=CONVERSATIONS) -> dict:
    """Per-turn hit@k of ``conversations`` (each turn searched as the answer searches it, with the history) and of
    ``conversations_no_history`` (each turn alone, with only the place it names itself). ``follow_up_hit@10``
    counts the turns after the first; ``new_subject_recognised`` is the share of the turns the data marks as a
    change of subject that ``starts_new_case`` recognises, ``new_subject_false`` the turns it takes for one wrongly."""
    from assistant.facts.conversation import starts_new_case
    from evals.metrics import DEFAULT_KS, first_rank, mean_metrics, score_ranking

    conversations = load_conversations(path, getattr(assistant, "laws", None))[: limit or None]
    out: dict = {"datasets": {}, "items": []}
    rows: dict[str, list[dict]] = {"conversations": [], "conversations_no_history": []}
    marked = detected = false_alarms = 0
    for conv in conversations:
        said: list[str] = []
        for n, turn in enumerate(conv["turns"]):
            question, gold = turn["user"], turn["gold"]
            for name, earlier in (("conversations", said), ("conversations_no_history", [])):
                query, province, city = conversation_query(earlier, question)
                ranked = list(dict.fromkeys(h.id for h in assistant.search(query, k=10, province=province,
                                                                              city=city)))
                rows[name].append({"dataset": name, "id": f"{conv['id']}#{n + 1}", "question": question,
                                   "query": query, "category": conv.get("category", ""), "gold": gold,
                                   "turn": n + 1, "ranked": ranked, "first_rank": first_rank(ranked, gold),
                                   **score_ranking(ranked, gold, DEFAULT_KS)})
            if n > 0:
                new = bool(turn.get("new_subject"))
                hit = starts_new_case(question)
                marked += new
                detected += hit and new
                false_alarms += hit and not new
            said.append(question)
    for name, items in rows.items():
        metrics = mean_metrics([{k: v for k, v in i.items() if k.startswith(("hit@", "recall@", "mrr", "ndcg"))}
                                for i in items])
        follow = [i["hit@10"] for i in items if i["turn"] > 1]
        metrics["follow_up_hit@10"] = round(sum(follow) / len(follow), 4) if follow else 0.0
        found = {g for i in items for g in i["gold"] if g in i["ranked"][:10]}
        out["datasets"][name] = {"n": len(items), "skipped_no_in_scope_gold": 0, "metrics": metrics,
                                 "target": None, "per_law": {},
                                 "never_found": [{"id": g, "in_corpus": None} for g in
                                                 sorted({g for i in items for g in i["gold"]} - found)]}
        out["items"].extend(items)
    body, plain = out["datasets"]["conversations"], out["datasets"]["conversations_no_history"]
    body["metrics"]["new_subject_recognised"] = round(detected / marked, 4) if marked else 0.0
    body["metrics"]["new_subject_false"] = false_alarms
    value, alone = body["metrics"].get("hit@10", 0.0), plain["metrics"].get("hit@10", 0.0)
    body["target"] = {"metric": "hit@10", "goal": CONVERSATION_GOAL, "value": value,
                      "met": value >= CONVERSATION_GOAL and value > alone}
    return out
