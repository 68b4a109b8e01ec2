"""Every article a document cites resolves against the statute corpus, or is marked 「未核实」."""

import pytest

from assistant.drafting import document_types, draft
from assistant.drafting.compose import GROUND_TEXT
from assistant.drafting.documents_worker import AID_MATTERS
from tests.assistant.drafting.conftest import FULL_CASES, TODAY, docx_text


@pytest.mark.parametrize("doc_type", list(FULL_CASES))
def test_every_citation_in_the_templates_resolves(assistant, doc_type):
    d = draft(doc_type, FULL_CASES[doc_type], resolve=assistant.provision_by_id, today=TODAY)
    assert d.citations, "every document rests on some article"
    unverified = [c.raw for c in d.citations if not c.verified]
    assert unverified == []
    assert all(c.text for c in d.citations)
    assert "「未核实」" not in docx_text(d.docx)


def test_legal_basis_of_every_type_resolves(assistant):
    for t in document_types():
        for aid in t.legal_basis:
            assert assistant.provision_by_id(aid) is not None, aid


def test_ground_and_aid_matter_wording_is_the_statutes(assistant):
    art38 = assistant.provision_by_id("劳动合同法#38").text
    for item in (1, 2, 3, 4, 6):
        assert GROUND_TEXT[item].replace("规章制度", "") in art38.replace("用人单位的规章制度", ""), item
    art31 = assistant.provision_by_id("法律援助法#31").text
    for matter in AID_MATTERS.values():
        assert matter in art31, matter


def test_citation_to_a_missing_article_is_marked_where_it_stands(assistant):
    case = FULL_CASES["arbitration_application"] | {
        "reasons": "依据《中华人民共和国劳动合同法》第一百二十条以及《劳动合同法》第三十条，被申请人应支付工资。"}
    d = draft("arbitration_application", case, resolve=assistant.provision_by_id, today=TODAY)
    text = docx_text(d.docx)
    assert "第一百二十条「未核实」以及" in text
    assert "第三十条「未核实」" not in text
    bad = next(c for c in d.citations if c.id == "劳动合同法#120")
    assert not bad.verified
    assert any("第一百二十条" in w for w in d.warnings)


def test_without_a_resolver_all_citations_are_unverified():
    d = draft("resignation_notice", FULL_CASES["resignation_notice"], today=TODAY)
    assert d.citations and not any(c.verified for c in d.citations)
    assert any("未连接法规库" in w for w in d.warnings)
    assert "第三十八条第一款第（二）项「未核实」" in docx_text(d.docx)


def test_a_resolver_that_fails_does_not_stop_the_document():
    def broken(_id):
        raise RuntimeError("index unavailable")

    d = draft("union_reminder_letter", FULL_CASES["union_reminder_letter"], resolve=broken, today=TODAY)
    assert d.docx and not any(c.verified for c in d.citations)


def test_an_address_with_numbered_lanes_is_not_a_citation(assistant):
    case = FULL_CASES["arbitration_application"]
    case = case | {"worker": case["worker"] | {"address": "广州市越秀区幸福路第三条巷5号"}}
    d = draft("arbitration_application", case, resolve=assistant.provision_by_id, today=TODAY)
    assert "住所：广州市越秀区幸福路第三条巷5号" in docx_text(d.docx)
    assert all(c.verified for c in d.citations)
