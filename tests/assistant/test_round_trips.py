"""One question, each step once: the guides are ranked once though the answer and search's routing both ask, the
question's references are parsed once though the answer and search's exact match both read them, and the articles
search found are not read again by id. The answers are the same as before."""

import json

import pytest

import assistant.citations as citations
import assistant.guides as guides
from assistant.answering.retrieve import ExactReferences, gather_bases
from assistant.citations import LawNames, parse_citations

QUESTION = "老板三个月没发工资，我想辞职能要补偿吗？劳动合同法第三十八条怎么说"


def _counting(monkeypatch, module, name, calls: list):
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def test_one_answer_ranks_the_guides_and_parses_the_question_once(assistant, monkeypatch):
    guides._classify_default.cache_clear()
    assistant.laws._parsed.clear()
    ranked: list[str] = []
    parsed: list[str] = []
    _counting(monkeypatch, guides, "_ranked", ranked)
    _counting(monkeypatch, citations, "_parse", parsed)
    answer = assistant.ask(QUESTION)
    assert answer.guides and any(c["id"] == "劳动合同法#38" for c in map(dict, answer.citations))
    assert len(ranked) == len(set(ranked)), f"a text ranked twice: {ranked}"
    assert parsed.count(QUESTION) == 1


def test_search_hits_become_bases_without_reading_each_article_again(assistant):
    class Source:
        laws = assistant.laws
        asked: list[str] = []

        def search(self, query, k=10, **filters):
            return assistant.search(query, k=k, **filters)

        def provision_by_id(self, provision_id):
            self.asked.append(provision_id)
            return assistant.provision_by_id(provision_id)

    source = Source()
    bases = gather_bases(source, "公司拖欠工资三个月，我能辞职要经济补偿吗", [], ExactReferences())
    assert bases and not source.asked
    assert all(b.provision == assistant.provision_by_id(b.provision.id) for b in bases)  # the same text and fields


def test_a_hit_shows_the_same_public_fields_as_before(assistant):
    hit = assistant.search("加班费怎么算", k=1)[0]
    assert hit.provision is not None and hit.provision.id == hit.id
    shown = hit.to_dict()
    assert "provision" not in shown and json.dumps(shown, ensure_ascii=False)
    assert {"id", "law", "article", "title", "chapter", "text", "score", "source", "category"} <= set(shown)


def test_a_remembered_classification_is_not_changed_by_its_caller():
    first = guides.classify("公司拖欠工资不发怎么办")
    assert first
    again = list(first)
    first.clear()
    assert guides.classify("公司拖欠工资不发怎么办") == again
    assert guides.classify("公司拖欠工资不发怎么办", k=1) == again[:1]


@pytest.mark.parametrize("text", ["示例法第三条", "依照示例法第三条第二款的规定"])
def test_a_law_named_after_a_text_was_parsed_is_recognised_in_it(text):
    names = LawNames()
    before = parse_citations(text, names)
    names.add("示例法")
    after = parse_citations(text, names)
    assert not any(c.known_law for c in before)
    assert [c.id for c in after] == ["示例法#3"] and after[0].known_law
