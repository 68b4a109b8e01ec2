"""The issue guides in an offline draft: deciding articles when the case names none, evidence hints for staff."""

import pytest

from assistant.drafting import draft
from tests.assistant.drafting.conftest import FULL_CASES, TODAY, docx_text

pytest.importorskip("assistant.guides")


def test_wage_arrears_complaint_cites_the_guides_articles_when_claims_name_none(assistant):
    case = FULL_CASES["inspection_complaint"]
    d = draft("inspection_complaint", case, resolve=assistant.provision_by_id, today=TODAY)
    text = docx_text(d.docx)
    assert "本案涉及的主要法律规定有：" in text
    cited = [c for c in d.citations if c.verified]
    assert len(cited) >= 2 and not [c for c in d.citations if not c.verified]
    assert any("可补充的证据" in h for h in d.hints)
    assert not any("劳动合同、工牌" in h for h in d.hints)  # the case already lists 劳动合同


def test_claims_with_their_own_basis_keep_the_guides_out_of_the_text(assistant):
    d = draft("arbitration_application", FULL_CASES["arbitration_application"], resolve=assistant.provision_by_id,
              today=TODAY)
    assert "本案涉及的主要法律规定有" not in docx_text(d.docx)


def test_without_a_resolver_guides_add_no_citation():
    d = draft("inspection_complaint", FULL_CASES["inspection_complaint"], today=TODAY)
    assert "本案涉及的主要法律规定有" not in docx_text(d.docx)
    assert d.hints  # the evidence and deadline hints need no index
