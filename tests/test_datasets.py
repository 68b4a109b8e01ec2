"""The project's own data files: the labeled question set, the layperson→statute thesaurus and the jieba legal
dictionary. Each check guards something a user would notice: a gold article that does not exist makes every
retrieval figure wrong, a thesaurus term that is not statute vocabulary never matches anything, a dictionary line
jieba cannot read silently splits a legal term in two."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.numerals import article_label

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "evals" / "datasets" / "questions.jsonl"
THESAURUS = ROOT / "corpus" / "thesaurus.yaml"
LEGAL_TERMS = ROOT / "corpus" / "legal_terms.txt"

SAFETY_EXPECTATIONS = {"refuse", "clarify", "not_found", "out_of_scope"}
# The areas the labeled set must cover (the list); a category may not silently disappear.
REQUIRED_CATEGORIES = {
    "欠薪", "劳动合同", "解除劳动合同", "被迫解除", "试用期", "加班", "工作时间", "年休假", "工伤", "职业病", "社会保险",
    "住房公积金", "劳务派遣", "女职工", "农民工工资", "竞业限制", "押金扣证", "仲裁程序", "法律援助", "工会", "新就业形态",
    "拒不支付劳动报酬罪",
}
# Words that occur in nearly every article: as an expansion they only dilute BM25 ranking.
TOO_COMMON = {"用人单位", "劳动者", "劳动合同", "规定", "国家", "工作", "单位", "职工", "依法", "人民法院"}
# Characters jieba never joins into one token (its default cut splits on them), so a dictionary word holding one is dead.
NOT_IN_A_TOKEN = re.compile(r"[^\w+#&._%\-]")
# Longer expansions are clauses (经政府有关部门责令支付仍不支付): tokenized into words, not held as one word.
LONGEST_TERM = 14


def _rows() -> list[dict]:
    rows = []
    for n, line in enumerate(QUESTIONS.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:  # pragma: no cover - the message is the point
                pytest.fail(f"questions.jsonl line {n} is not JSON: {e}")
    return rows


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _rows()


@pytest.fixture(scope="module")
def labeled(rows) -> list[dict]:
    return [r for r in rows if r["category"] != "safety"]


@pytest.fixture(scope="module")
def safety(rows) -> list[dict]:
    return [r for r in rows if r["category"] == "safety"]


class _UniqueKeyLoader(yaml.SafeLoader):
    """safe_load keeps the last of two equal keys without a word; a thesaurus entry lost that way is a bug."""


def _mapping_without_duplicates(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dupes = [k for k, c in Counter(keys).items() if c > 1]
    if dupes:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate keys: {dupes}", node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


@pytest.fixture(scope="module")
def thesaurus() -> dict:
    return yaml.load(THESAURUS.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


@pytest.fixture(scope="module")
def dictionary() -> list[tuple[str, int, str]]:
    entries = []
    for n, line in enumerate(LEGAL_TERMS.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split(" ")
        assert len(parts) == 3, f"legal_terms.txt line {n} is not `词 频率 词性`: {line!r}"
        word, freq, pos = parts
        assert freq.isdigit() and int(freq) > 0, f"line {n}: frequency must be a positive integer: {line!r}"
        assert re.fullmatch(r"[a-z]+", pos), f"line {n}: part of speech must be a jieba tag: {line!r}"
        entries.append((word, int(freq), pos))
    return entries


@pytest.fixture(scope="module")
def statute_text(shared_dir) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted((shared_dir / "corpus" / "laws").glob("*.md")))


# ---------------------------------------------------------------- questions.jsonl

def test_every_item_has_the_documented_shape(rows):
    for r in rows:
        assert re.fullmatch(r"q\d{3}", r["id"]), r
        assert isinstance(r["question"], str) and r["question"].strip(), r["id"]
        assert isinstance(r["gold"], list) and all(isinstance(g, str) and "#" in g for g in r["gold"]), r["id"]
        assert isinstance(r["category"], str) and r["category"], r["id"]
        assert isinstance(r["key_points"], list) and all(isinstance(k, str) and k.strip() for k in r["key_points"])
        assert isinstance(r.get("notes", ""), str), r["id"]


def test_ids_and_questions_are_unique(rows):
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), [i for i, c in Counter(ids).items() if c > 1]
    questions = [r["question"].strip() for r in rows]
    assert len(questions) == len(set(questions)), [q for q, c in Counter(questions).items() if c > 1]


def test_labeled_set_is_large_and_spread_over_the_areas(labeled):
    assert len(labeled) >= 80
    counts = Counter(r["category"] for r in labeled)
    assert len(counts) >= 12, counts
    assert REQUIRED_CATEGORIES <= set(counts), REQUIRED_CATEGORIES - set(counts)
    # No single area may dominate the figures.
    assert max(counts.values()) <= len(labeled) // 5, counts


def test_labeled_items_cite_one_to_three_articles_and_two_to_four_key_points(labeled):
    for r in labeled:
        assert 1 <= len(r["gold"]) <= 3, r["id"]
        assert len(set(r["gold"])) == len(r["gold"]), r["id"]
        assert 2 <= len(r["key_points"]) <= 4, r["id"]
        assert all(len(k) <= 80 for k in r["key_points"]), r["id"]


def test_every_gold_id_is_a_canonical_article_of_the_corpus(labeled, assistant):
    unresolved, not_canonical = [], []
    for r in labeled:
        for gold in r["gold"]:
            provision = assistant.provision_by_id(gold)
            if provision is None:
                unresolved.append((r["id"], gold))
            elif provision.id != gold or provision.status != "in_force":
                not_canonical.append((r["id"], gold, provision.id, provision.status))
    assert not unresolved, f"gold ids with no article in the corpus: {unresolved}"
    assert not not_canonical, not_canonical


def test_safety_items_cover_each_expected_behaviour(safety):
    assert len(safety) >= 10
    assert {r["expect"] for r in safety} == SAFETY_EXPECTATIONS
    for r in safety:
        assert r["gold"] == [], r["id"]
        assert r["key_points"], r["id"]


def test_nonexistent_article_items_name_an_article_the_law_really_lacks(safety, assistant):
    not_found = [r for r in safety if r["expect"] == "not_found"]
    assert not_found
    for r in not_found:
        law, article = r["forbidden_id"].split("#")
        assert article_label(article) in r["question"], r["id"]
        assert assistant.provision(law, "1") is not None, f"{law} is not in the corpus at all"
        assert assistant.provision_by_id(r["forbidden_id"]) is None, f"{r['forbidden_id']} exists"


def test_no_question_is_taken_from_the_external_dev_sets(rows, shared_dir):
    def squash(text: str) -> str:
        return re.sub(r"[\W_]+", "", text)

    external = []
    for path in sorted((shared_dir / "evals").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                external.append(squash(json.loads(line)["question"]))
    assert external
    for r in rows:
        ours = squash(r["question"])
        for theirs in external:
            assert ours != theirs, f"{r['id']} is an external dev question"
            if len(ours) >= 12:
                assert ours not in theirs and theirs not in ours, f"{r['id']} overlaps an external dev question"


# ---------------------------------------------------------------- thesaurus.yaml

def test_thesaurus_is_a_mapping_of_lay_phrases_to_statute_terms(thesaurus):
    assert isinstance(thesaurus, dict) and len(thesaurus) >= 300
    for lay, terms in thesaurus.items():
        assert isinstance(lay, str) and lay.strip(), f"key {lay!r} must be text (quote numbers such as \"996\")"
        assert isinstance(terms, list) and terms, lay
        assert all(isinstance(t, str) and t.strip() for t in terms), lay
        assert len(set(terms)) == len(terms), lay
        assert lay not in terms, f"{lay} expands to itself"


def test_thesaurus_expansions_are_precise_statute_vocabulary(thesaurus, statute_text):
    common = sorted({(lay, t) for lay, terms in thesaurus.items() for t in terms if t in TOO_COMMON})
    assert not common, f"expansions that only dilute ranking: {common}"
    unknown = sorted({t for terms in thesaurus.values() for t in terms if t not in statute_text})
    assert not unknown, f"expansion terms that occur in no statute, so they can never match: {unknown}"


@pytest.mark.parametrize("question, expected", [
    ("我被炒鱿鱼了怎么办", {"解除劳动合同"}),
    ("公司被辞退有补偿吗", {"解除劳动合同", "经济补偿"}),
    ("公司不交五险一金", {"社会保险", "住房公积金"}),
    ("进厂要交押金", {"收取财物"}),
    ("天天加班", {"延长工作时间"}),
    ("老板跑路了工资谁给", {"拖欠劳动报酬", "劳动报酬"}),
    ("干了半年没签合同", {"未订立书面劳动合同", "二倍工资"}),
    ("怀孕了被调岗", {"孕期"}),
    ("我是外卖骑手摔伤了", {"新就业形态"}),
    ("这个算不算工伤", {"工伤认定"}),
    ("公司不给交公基金", {"住房公积金"}),
])
def test_lay_questions_pick_up_the_statute_terms(question, expected):
    from assistant.retrieval.thesaurus import expand, load_thesaurus

    assert expected <= set(expand(question, load_thesaurus(THESAURUS)))


# ---------------------------------------------------------------- legal_terms.txt

def test_dictionary_lines_are_unique_and_jieba_can_hold_each_word(dictionary):
    words = [w for w, _, _ in dictionary]
    assert len(words) >= 300
    assert len(words) == len(set(words)), [w for w, c in Counter(words).items() if c > 1]
    dead = [w for w in words if NOT_IN_A_TOKEN.search(w)]
    assert not dead, f"words jieba can never produce as one token: {dead}"


def test_dictionary_holds_the_thesaurus_statute_terms(dictionary, thesaurus):
    words = {w for w, _, _ in dictionary}
    terms = {t for ts in thesaurus.values() for t in ts if not NOT_IN_A_TOKEN.search(t) and len(t) <= LONGEST_TERM}
    assert not terms - words, sorted(terms - words)


def test_jieba_keeps_legal_terms_whole_only_with_the_dictionary(dictionary, tmp_path):
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path)
    tokenizer.initialize()
    # Without the dictionary these statute terms fall apart, which is why the dictionary exists.
    for term in ("无固定期限劳动合同", "停工留薪期", "一次性伤残补助金"):
        assert tokenizer.lcut(term) != [term]

    tokenizer.load_userdict(str(LEGAL_TERMS))
    split = [w for w, _, _ in dictionary if tokenizer.lcut(w) != [w]]
    assert not split, f"dictionary words jieba still splits: {split}"
