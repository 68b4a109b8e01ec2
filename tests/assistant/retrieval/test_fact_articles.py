"""A told story is read as facts, and the facts reach the substantive articles they raise (corpus/fact_articles.yaml)."""

import typing

import pytest

from assistant.facts import CaseFacts, read_text
from assistant.retrieval.fact_articles import FactArticlesError, fact_keys, load_fact_rules, raised_articles

# Court-found facts the way a judgment states them (longer than FACT_MIN_CHARS, as such accounts are).
NO_CONTRACT_DISMISSED = ("经审理查明：2016年3月原告入职被告公司从事仓库管理工作，月工资3800元，按月以现金发放，双方未签合同。"
                         "2019年5月，被告以原告不能胜任工作为由口头通知将其辞退，此后原告未再上班。原告遂向当地劳动人事争议仲裁委员会"
                         "申请劳动仲裁，请求支付二倍工资和经济补偿金，仲裁委逾期未作出裁决，原告诉至本院。")


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


@pytest.mark.parametrize("story, expected, within", [
    (NO_CONTRACT_DISMISSED, {"劳动合同法#82"}, 5),
    ("经审理查明：2015年6月原告进入被告工厂当焊工，月工资4000元。2017年8月原告在车间作业时被机器轧伤右手，被送往医院"
     "住院治疗二十余天，后经人力资源和社会保障局认定为工伤，经劳动能力鉴定委员会鉴定为七级伤残。原告向仲裁委员会申请"
     "仲裁，请求支付一次性伤残补助金等工伤保险待遇，仲裁委作出裁决后原告不服，诉至本院。", {"工伤保险条例#30", "工伤保险条例#33"}, 3),
])
def test_a_told_story_reaches_the_articles_its_facts_raise(everything, story, expected, within, monkeypatch):
    ids = [h.id for h in everything.search(story, k=within)]
    assert expected <= set(ids), ids
    monkeypatch.setattr(everything.retriever, "read_case", None)
    without = [h.id for h in everything.search(story, k=within)]
    assert not expected <= set(without), without  # the words alone do not get them this far up


def test_a_short_question_is_left_to_its_words(everything):
    question = "我是工会主席，帮大家找老板要加班费，结果就被调去看大门了，工资也降了"
    retriever = everything.retriever
    assert len(question) < retriever.fact_min_chars
    assert "工会法#52" in [h.id for h in everything.search(question, k=5)]  # the specific article, not pushed down


def test_a_failing_case_reader_leaves_search_working(everything, monkeypatch):
    def broken(text):
        raise RuntimeError("reader down")

    monkeypatch.setattr(everything.retriever, "read_case", broken)
    assert everything.search(NO_CONTRACT_DISMISSED, k=5)


def test_the_case_an_answer_has_read_is_searched_as_it_stands_and_not_read_again(everything, monkeypatch):
    """An answer reads the case once (and the worker may correct it); search raises articles from that case."""
    def not_again(text):
        raise AssertionError("the story was read again")

    monkeypatch.setattr(everything.retriever, "read_case", not_again)
    told = read_text(NO_CONTRACT_DISMISSED).model_dump(mode="json")
    as_told = [h.id for h in everything.search(NO_CONTRACT_DISMISSED, k=5, case=told)]
    cleared = [h.id for h in everything.search(NO_CONTRACT_DISMISSED, k=5, case=CaseFacts().model_dump(mode="json"))]
    assert "劳动合同法#82" in as_told, as_told
    assert "劳动合同法#82" not in cleared, cleared  # the worker cleared the facts: the words alone decide


def test_a_broken_fact_articles_file_is_a_clear_error(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text("event.injury: 工伤保险条例第三十条\n", encoding="utf-8")
    with pytest.raises(FactArticlesError, match="条文列表"):
        load_fact_rules(path)


@pytest.mark.parametrize(("text", "article"), [
    ("我是派遣工，干的活和正式工一样，工资比正式工低一千多", "劳动合同法#63"),  # 同工同酬 of a dispatched worker
    ("我们干一样的活，我的工资比别人少很多", "劳动法#46"),
    ("老板不承认我是他们的员工，我在厂里干了两年", "劳动和社会保障部关于确立劳动关系有关事项的通知#1"),
    ("公司把我辞退了，我想领失业金", "社会保险法#45"),
    ("公司不给开离职证明，我领不了失业保险金", "失业保险条例#16"),
])
def test_what_the_worker_told_raises_the_article_that_decides_it(text, article):
    assert article in raised_articles(read_text(text).model_dump(mode="json"))
