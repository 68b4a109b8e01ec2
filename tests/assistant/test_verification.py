"""One verifier for answers and documents: the same reference gets the same verdict in both, checked down to its
款 and 项 against the article text."""

import pytest

from assistant.answering.verify import CitationResolver as AnswerResolver
from assistant.answering.verify import citations_of, verify_text
from assistant.citations import parse_citation
from assistant.drafting import draft
from assistant.verification import CitationResolver, paragraphs, part_exists
from tests.assistant.answering.conftest import hostile_assistant  # noqa: F401  (fixture)

CASES = [
    ("《中华人民共和国劳动合同法》第三十八条第一款第（二）项", "verified"),
    ("《中华人民共和国劳动合同法》第三十八条第一款第（九）项", "not_found"),  # the first 款 has six 项
    ("《中华人民共和国劳动合同法》第三十八条第五款", "not_found"),  # two 款
    ("《中华人民共和国劳动合同法》第三十八条第二款", "verified"),
    ("《中华人民共和国劳动合同法》第四十四条第一项", "verified"),
    ("《中华人民共和国劳动合同法》第一百零八条", "not_found"),
]


def test_paragraphs_and_items_are_read_from_the_article_text(assistant):
    text = assistant.provision_by_id("劳动合同法#38").text
    assert paragraphs(text) == [6, 0]
    assert part_exists(text, 1, 6) and not part_exists(text, 1, 7) and not part_exists(text, 2, 1)
    assert not part_exists(text, 3, None)


@pytest.mark.parametrize("ref,status", CASES)
def test_answers_and_documents_give_the_same_verdict(assistant, ref, status):
    assert CitationResolver(assistant).check(parse_citation(ref)).status == status
    answer = verify_text(f"依据{ref}的规定。", AnswerResolver(assistant))
    [cited] = citations_of(answer.checks)
    case = {"claims": [{"item": "支付经济补偿", "amount": 1000, "basis": ref}]}
    d = draft("arbitration_application", case, resolve=assistant.provision_by_id)
    doc = next(c for c in d.citations if c.raw and ref.split("》")[1][:4] in c.raw and c.law == "劳动合同法")
    assert cited.verified == doc.verified == (status == "verified")
    assert doc.status == cited.status == status
    if status != "verified":
        assert f"{ref}「未核实」" in d.markdown and "「未核实」" in answer.text


def test_a_repealed_article_shows_as_repealed_in_both(hostile_assistant):  # noqa: F811  (the imported fixture)
    ref = "劳动争议试行办法第二条"
    answer = verify_text(f"按照{ref}，应当先调解。", AnswerResolver(hostile_assistant))
    assert "「已失效，未核实」" in answer.text
    d = draft("arbitration_application", {"facts": f"按照{ref}，应当先调解。"},
              resolve=hostile_assistant.provision_by_id)
    assert f"{ref}「已失效，未核实」" in d.markdown
    assert next(c for c in d.citations if c.article == "2").status == "repealed"
