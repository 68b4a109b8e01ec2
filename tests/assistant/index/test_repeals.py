"""Paragraphs a later text repealed: 解释（二）第二十一条 repeals 解释（一）第三十二条第一款, so that 款 is shown as
repealed, is not stated as law, and a reference to it is not verified, while the rest of the article stands."""

from assistant.answering.verify import CitationResolver as AnswerResolver
from assistant.answering.verify import citations_of, verify_text
from assistant.citations import default_law_names, parse_citation
from assistant.index.references import repealed_parts
from assistant.statutes import Provision
from assistant.ui.render import citation_details
from assistant.verification import REPEALED, VERIFIED, CitationResolver, in_force_text, warning_for, with_repeal_marks

OLD = "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）"
NEW = "最高人民法院关于审理劳动争议案件适用法律问题的解释（二）"


def art(law, n, text):
    return Provision(id=f"{law}#{n}", law=law, article=str(n), text=text)


def test_a_closing_article_that_repeals_a_paragraph_or_an_article_is_read():
    provisions = [
        art(OLD, 32, "第一款。\n第二款。"), art(OLD, 33, "一条。"), art(OLD, 34, "又一条。"),
        art(NEW, 21, f"本解释自2025年9月1日起施行。《{OLD}》（法释〔2020〕26号）第三十二条第一款同时废止。"
                     "最高人民法院此前发布的司法解释与本解释不一致的，以本解释为准。"),
        art(NEW, 22, f"《{OLD}》第三十三条予以废止。依照《{OLD}》第三十四条处理。"),  # 第三十四条 is only cited
    ]
    assert sorted(repealed_parts(provisions, default_law_names())) == [
        (f"{OLD}#32", 1, f"{NEW}#21"), (f"{OLD}#33", 0, f"{NEW}#22")]


def test_the_corpus_knows_the_repealed_paragraph_and_keeps_the_article(assistant):
    p = assistant.provision_by_id(f"{OLD}#32")
    assert p.in_force and p.repealed_paragraphs == {1: f"{NEW}#21"}
    assert "已经依法享受养老保险待遇" not in in_force_text(p)
    assert in_force_text(p).strip().startswith("企业停薪留职人员")


def test_a_reference_to_the_repealed_paragraph_is_not_verified_and_says_what_repealed_it(assistant):
    resolver = CitationResolver(assistant)
    first = resolver.check(parse_citation(f"《{OLD}》第三十二条第一款"))
    assert first.status == REPEALED and first.mark == "「已失效，未核实」"
    assert "已被" in warning_for(first) and "解释（二）第二十一条废止" in warning_for(first)
    assert resolver.check(parse_citation(f"《{OLD}》第三十二条第二款")).status == VERIFIED
    assert resolver.check(parse_citation(f"《{OLD}》第三十二条")).status == VERIFIED


def test_the_article_shown_to_a_worker_marks_the_repealed_paragraph(assistant):
    answer = verify_text(f"依据《{OLD}》第三十二条的规定。", AnswerResolver(assistant))
    [cited] = citations_of(answer.checks)
    assert cited.verified and cited.repealed_paragraphs == {1: f"{NEW}#21"}
    shown = citation_details(1, cited.model_dump())
    assert f"〔本款已被{NEW}第二十一条废止〕用人单位与其招用的已经依法享受养老保险待遇" in shown
    assert shown.count("本款已被") == 1  # the second 款 is law in force, unmarked
    assert with_repeal_marks(cited.text, {}) == cited.text


def test_an_answer_about_a_pensioner_at_work_does_not_state_the_repealed_rule_as_law(assistant):
    answer = assistant.ask("我已经退休领养老金了，又去一个厂里上班，老板拖欠工资，我和厂里是劳动关系吗？")
    cited = {c.id: c for c in answer.citations}
    if f"{OLD}#32" in cited:
        assert cited[f"{OLD}#32"].repealed_paragraphs == {1: f"{NEW}#21"}
    repealed = "用人单位与其招用的已经依法享受养老保险待遇或者领取退休金的人员发生用工争议而提起诉讼的"
    text = answer.answer
    assert all(text[max(0, i - 60):i].endswith("第二十一条废止〕") for i in _positions(text, repealed))
    assert any("第三十二条第一款已被" in w and "废止" in w for w in answer.warnings)


def _positions(text, part):
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


def test_search_and_the_provision_route_carry_the_repealed_paragraph(assistant):
    from fastapi.testclient import TestClient

    from assistant.api import create_app

    client = TestClient(create_app(assistant))
    got = client.get(f"/v1/provisions/{OLD}/32").json()
    assert got["status"] == "in_force" and got["repealed_paragraphs"] == {"1": f"{NEW}#21"}
    hits = client.post("/v1/search", json={"query": f"{OLD}第三十二条", "k": 3}).json()["hits"]
    assert any(h["id"] == f"{OLD}#32" and h["repealed_paragraphs"] == {"1": f"{NEW}#21"} for h in hits)
