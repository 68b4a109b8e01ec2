"""A told story is read as facts, and the facts reach the substantive articles they raise (corpus/fact_articles.yaml)."""

import typing

import pytest

from assistant.facts import CaseFacts, read_text
from assistant.retrieval.fact_articles import FactArticlesError, fact_keys, load_fact_rules, raised_articles

NO_CONTRACT_DISMISSED = ("2016年3月原告入职被告公司从事仓库管理，公司一直没跟他签合同。2019年5月公司以不能胜任工作为由将其辞退。"
                         "原告申请劳动仲裁，请求支付二倍工资和经济补偿金。")


def test_the_facts_of_a_case_raise_their_articles_most_raised_first():
    case = read_text("入职后公司没签劳动合同，后来把我辞退了，我要二倍工资和经济补偿").model_dump(mode="json")
    keys = set(fact_keys(case))
    assert {"employment.contract_signed=false", "wants=double_wage", "wants=compensation"} <= keys
    raised = raised_articles(case)
    assert raised[0] == "劳动合同法#82"  # raised by the missing contract and by the double wage asked
    assert {"劳动合同法#10", "劳动合同法#46", "劳动合同法#47"} <= set(raised)
    assert not [a for a in raised if a.startswith("劳动争议调解仲裁法")]  # arbitration told, not asked


def test_two_facts_together_raise_what_neither_raises_alone():
    injured = {"event": {"injury": True}}
    uninsured = {"event": {"injury": True, "no_social_insurance": True}}
    assert "工伤保险条例#62" not in raised_articles(injured)
    assert "工伤保险条例#62" in raised_articles(uninsured)  # the uninsured employer pays the benefits itself


def test_every_fact_is_a_field_of_the_case_and_every_article_is_in_the_corpus(everything):
    for rule in load_fact_rules():
        for fact in rule.facts:
            path, _, value = fact.partition("=")
            section, _, name = path.partition(".")
            assert section in CaseFacts.model_fields, fact
            if name:
                assert name in CaseFacts.model_fields[section].annotation.model_fields, fact
            else:  # wants=<what>: one of the wants the reader knows
                assert value in typing.get_args(typing.get_args(CaseFacts.model_fields[section].annotation)[0]), fact
        missing = [a for a in rule.articles if everything.provision_by_id(a) is None]
        assert not missing, (rule.facts, missing)


@pytest.mark.parametrize("story, expected", [
    (NO_CONTRACT_DISMISSED, {"劳动合同法#82"}),
    ("2015年6月原告进厂当焊工，月工资4000元。2017年8月原告在车间作业时被机器轧伤右手，经认定为工伤，鉴定为七级伤残。"
     "原告申请仲裁，请求支付一次性伤残补助金等工伤保险待遇。", {"工伤保险条例#30", "工伤保险条例#14"}),
])
def test_a_told_story_reaches_the_articles_its_facts_raise(everything, story, expected):
    ids = [h.id for h in everything.search(story, k=10)]
    assert expected <= set(ids), ids
    retriever = everything.retriever
    reader, retriever.read_case = retriever.read_case, None
    try:
        without = [h.id for h in everything.search(story, k=10)]
    finally:
        retriever.read_case = reader
    assert not expected <= set(without)  # the words alone do not get there


def test_a_failing_case_reader_leaves_search_working(everything):
    retriever = everything.retriever
    reader = retriever.read_case

    def broken(text):
        raise RuntimeError("reader down")

    retriever.read_case = broken
    try:
        assert everything.search(NO_CONTRACT_DISMISSED, k=5)
    finally:
        retriever.read_case = reader


def test_a_broken_fact_articles_file_is_a_clear_error(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text("event.injury: 工伤保险条例第三十条\n", encoding="utf-8")
    with pytest.raises(FactArticlesError, match="条文列表"):
        load_fact_rules(path)
