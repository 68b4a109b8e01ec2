"""Dataset loading, gold-id mapping and the retrieval scorer, against a fake ``search`` (the edge, not the scorer)."""

import json
from pathlib import Path

import pytest

from evals.datasets import DatasetError, load_external, load_project, load_retrieval_sets
from evals.gold import SPC_LABOR_1, gold_id
from evals.retrieval import run_retrieval

SHARED_EVALS = Path(__file__).resolve().parents[2] / ".." / "shared" / "evals"


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_gold_ids_follow_the_citation_registry_and_the_repeal_table():
    assert gold_id("劳动合同法", 7) == "劳动合同法#7"
    assert gold_id("刑法", "276-1") == "刑法#276-1"
    assert gold_id("劳动争议仲裁调解法", 27) == "劳动争议调解仲裁法#27"
    assert gold_id("最高人民法院关于审理劳动争议案件适用法律若干问题的解释（三）", 8) == f"{SPC_LABOR_1}#32"
    assert gold_id("劳动争议解释（一）", 44) == f"{SPC_LABOR_1}#44"


def test_external_items_score_in_scope_gold_only(tmp_path):
    path = _write(
        tmp_path / "stard_labor_dev.jsonl",
        [
            {
                "id": "s-1",
                "question": "问题一",
                "gold": [
                    {"law": "保险法", "article": 27, "in_labor_scope": False},
                    {"law": "社会保险法", "article": 88, "in_labor_scope": True},
                ],
            },
            {"id": "s-2", "question": "问题二", "gold": [{"law": "公司法", "article": 3, "in_labor_scope": False}]},
        ],
    )
    items = load_external(path)
    assert items[0].dataset == "stard_labor"
    assert items[0].gold == ["社会保险法#88"] and "保险法#27" in items[0].gold_all
    assert not items[1].scorable


def test_bad_dataset_line_is_a_typed_error_in_chinese(tmp_path):
    path = tmp_path / "questions.jsonl"
    path.write_text('{"id": "q1", "question": "x", "gold": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="第 2 行"):
        load_project(path)


def test_scorer_reports_per_dataset_per_law_per_item_and_never_found(tmp_path):
    _write(
        tmp_path / "stard_labor_dev.jsonl",
        [
            {
                "id": "a",
                "question": "被辞退有补偿吗",
                "gold": [{"law": "劳动合同法", "article": 46, "in_labor_scope": True}],
            },
            {
                "id": "b",
                "question": "加班费",
                "gold": [
                    {"law": "劳动法", "article": 44, "in_labor_scope": True},
                    {"law": "劳动合同法", "article": 31, "in_labor_scope": True},
                ],
            },
            {"id": "c", "question": "骗保", "gold": [{"law": "保险法", "article": 27, "in_labor_scope": False}]},
        ],
    )
    rankings = {
        "被辞退有补偿吗": ["劳动合同法#46", "劳动合同法#47"],
        "加班费": ["工伤保险条例#14", "劳动法#44"],
    }
    sets = load_retrieval_sets(tmp_path, project_questions=tmp_path / "none.jsonl")
    out = run_retrieval(lambda q, k: rankings[q][:k], sets, exists=lambda i: i != "劳动合同法#31")
    stard = out["datasets"]["stard_labor"]
    assert stard["n"] == 2 and stard["skipped_no_in_scope_gold"] == 1
    assert stard["metrics"]["hit@1"] == 0.5
    assert stard["metrics"]["hit@10"] == 1.0
    assert stard["metrics"]["mrr"] == 0.75
    assert stard["metrics"]["recall@10"] == 0.75
    assert stard["target"] == {"metric": "hit@10", "goal": 0.85, "value": 1.0, "met": True}
    assert stard["per_law"]["劳动合同法"] == {"gold_articles": 2, "recall@10": 0.5, "items": 2, "hit@10": 0.5}
    assert stard["never_found"] == [{"id": "劳动合同法#31", "in_corpus": False}]
    by_id = {i["id"]: i for i in out["items"]}
    assert by_id["b"]["first_rank"] == 2 and by_id["b"]["ranked"] == ["工伤保险条例#14", "劳动法#44"]


def test_hits_may_be_objects_with_an_id(tmp_path):
    class Hit:
        def __init__(self, id):
            self.id = id

    _write(
        tmp_path / "questions.jsonl",
        [{"id": "q1", "question": "年休假", "gold": ["职工带薪年休假条例#3"], "category": "leave", "key_points": []}],
    )
    sets = load_retrieval_sets(None, project_questions=tmp_path / "questions.jsonl")
    out = run_retrieval(lambda q, k: [Hit("职工带薪年休假条例#3")], sets)
    assert out["datasets"]["project_questions"]["metrics"]["hit@1"] == 1.0


@pytest.mark.skipif(not SHARED_EVALS.is_dir(), reason="shared eval data not present")
def test_shared_dev_sets_load_with_the_repealed_interpretation_mapped():
    sets = load_retrieval_sets(SHARED_EVALS, project_questions=SHARED_EVALS / "none.jsonl")
    assert set(sets) >= {"stard_labor", "lawbench_consult_labor", "lawbench_recite_labor"}
    all_gold = {g for items in sets.values() for i in items for g in i.gold_all}
    assert f"{SPC_LABOR_1}#32" in all_gold
    assert not any("解释（三）" in g for g in all_gold)


# ---- the project's multi-turn conversations

CONVERSATIONS = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "conversations.jsonl"


def test_the_conversations_are_many_multi_turn_and_some_change_the_subject():
    from assistant.facts.conversation import starts_new_case
    from evals.suites.retrieval_suite import load_conversations

    rows = load_conversations(CONVERSATIONS)
    assert len(rows) >= 30 and len({r["id"] for r in rows}) == len(rows)
    assert all(3 <= len(r["turns"]) <= 5 for r in rows)
    changes = [t for r in rows for t in r["turns"][1:] if t.get("new_subject")]
    assert len(changes) >= 5 and not any(r["turns"][0].get("new_subject") for r in rows)
    # the data marks a change of subject exactly where the case reader sees one, so a turn never mixes two matters
    assert [t["user"] for r in rows for t in r["turns"][1:] if starts_new_case(t["user"])] == [t["user"] for t in changes]


def test_every_conversation_gold_article_is_in_the_default_corpus(tmp_path_factory, shared_dir):
    from assistant import Assistant
    from evals.suites.retrieval_suite import load_conversations
    from tests.conftest import make_settings

    full = Assistant(make_settings(tmp_path_factory.mktemp("full-corpus")))
    full.ingest([shared_dir / "corpus" / name for name in ("laws", "cases", "extra", "local")])
    gold = {g for r in load_conversations(CONVERSATIONS, full.laws) for t in r["turns"] for g in t["gold"]}
    assert not sorted(g for g in gold if full.provision_by_id(g) is None)


def test_conversation_turns_are_scored_with_and_without_the_history(assistant, tmp_path):
    from evals.suites.retrieval_suite import run_conversations

    path = _write(tmp_path / "conversations.jsonl", [
        {"id": "c1", "turns": [{"user": "公司没有任何理由把我辞退了，今天通知明天就不用来了", "gold": ["劳动合同法#48"]},
                               {"user": "干了三年月薪五千能拿多少", "gold": ["劳动合同法#87"]},
                               {"user": "另外一个问题，我朋友在工地上摔伤了", "gold": ["工伤保险条例#14"],
                                "new_subject": True}]},
    ])
    out = run_conversations(assistant, path=path)
    with_history, alone = out["datasets"]["conversations"], out["datasets"]["conversations_no_history"]
    assert with_history["n"] == alone["n"] == 3
    turns = {(i["dataset"], i["id"]): i for i in out["items"]}
    assert turns["conversations", "c1#2"]["hit@10"] == 1.0 and turns["conversations_no_history", "c1#2"]["hit@10"] == 0
    assert turns["conversations", "c1#3"]["query"] == "另外一个问题，我朋友在工地上摔伤了"  # a new matter stands alone
    assert with_history["metrics"]["new_subject_recognised"] == 1.0 and with_history["metrics"]["new_subject_false"] == 0
    assert with_history["metrics"]["follow_up_hit@10"] >= alone["metrics"]["follow_up_hit@10"]
    assert with_history["target"]["goal"] == 0.85


def test_a_conversation_turn_without_gold_is_a_typed_error(tmp_path):
    from evals.datasets import DatasetError
    from evals.suites.retrieval_suite import load_conversations

    path = _write(tmp_path / "conversations.jsonl", [{"id": "c1", "question": "-", "gold": [],
                                                       "turns": [{"user": "加班费", "gold": []}]}])
    with pytest.raises(DatasetError, match="c1"):
        load_conversations(path)


# ---- choosing the relevance floor by cross-validation

def test_the_floor_is_the_highest_that_keeps_the_gold_and_is_scored_on_held_out_folds():
    from evals.cv_retrieval import choose_floor, cross_validate_floor, floor_figures

    rows = [{"dataset": "d", "id": f"q{n}", "gold": n % 3 == 0, "relevance": 0.9 if n % 3 == 0 else 0.1 + 0.03 * n}
            for n in range(30)]
    rows.append({"dataset": "d", "id": "q-low-gold", "gold": True, "relevance": 0.15})
    assert floor_figures(rows, 0.2)["gold_kept"] < 1.0  # the one weak gold hit falls below 0.2
    assert choose_floor(rows, floors=[0.1, 0.2, 0.5], keep=1.0) == 0.1
    assert choose_floor(rows, floors=[0.1, 0.2, 0.5], keep=0.9) == 0.5
    result = cross_validate_floor(rows, folds=3)
    assert len(result["folds"]) == 3 and all(0 <= f["gold_kept"] <= 1 for f in result["folds"])
    assert result["all"] == floor_figures(rows, result["chosen_on_all"])


# ---- deciding candidate lay keys law by law

def test_candidate_keys_ship_only_for_the_laws_whose_keys_raise_the_held_out_folds(assistant, tmp_path):
    from assistant.retrieval.lay_keys import load_lay_keys
    from evals.cv_retrieval import cross_validate_keys, key_groups
    from evals.datasets import EvalItem

    shipped = load_lay_keys()[0]
    law, article = shipped.provision_id.split("#")
    candidates = tmp_path / "candidates.yaml"
    candidates.write_text(
        f"{law}:\n  {article}: {shipped.text}\n"  # already shipped: not a candidate
        "劳动合同法:\n  26: 合同里写了紫色长颈鹿条款\n"  # the words the questions below use
        "工伤保险条例:\n  14: 橙色企鹅摔了一跤\n", encoding="utf-8")  # words no question uses
    groups = key_groups(candidates)
    assert sorted(groups) == ["劳动合同法", "工伤保险条例"] and len(groups["劳动合同法"]) == 1
    # recitation is scored on the first hit: the key lifts the gold article there from second or third place
    questions = [f"{who}的紫色长颈鹿条款算不算数" for who in ("合同里", "签的合同里", "公司合同里", "老板合同里")] + \
        [f"{who}有紫色长颈鹿条款" for who in ("签的合同", "合同里", "公司的合同", "我签的合同")]
    items = [EvalItem(id=f"q{n}", dataset="lawbench_recite_labor", question=q, gold=["劳动合同法#26"])
             for n, q in enumerate(questions)]
    before = [h.id for h in assistant.search(items[0].question, k=10)]
    assert all(assistant.search(q, k=1)[0].id != "劳动合同法#26" for q in questions)

    result = cross_validate_keys(assistant, {"lawbench_recite_labor": items}, groups, folds=2)

    assert result["chosen_on_all"] == ["劳动合同法"]
    assert result["all_per_dataset"]["lawbench_recite_labor"] == 1.0
    assert result["untuned_per_dataset"]["lawbench_recite_labor"] == 0.0
    assert all(f["held_out"] > f["held_out_untuned"] for f in result["folds"])
    assert [h.id for h in assistant.search(items[0].question, k=10)] == before  # the shipped keys are back
