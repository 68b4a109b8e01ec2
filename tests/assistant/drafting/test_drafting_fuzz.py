"""Any JSON a client may send as a case gives a document or a typed error naming the field — never an unexpected
exception."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.drafting import DraftInputError, document_types, draft
from assistant.drafting.case import Case
from tests.assistant.drafting.conftest import TODAY, docx_text

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                     st.text(max_size=40))
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8),
                                                                                            inner, max_size=3),
                     max_leaves=12)
_KEYS = st.sampled_from(sorted(Case.model_fields) + ["name", "amount", "item"])
_NESTED = st.fixed_dictionaries({}, optional={
    "worker": st.dictionaries(st.sampled_from(["name", "id_number", "phone", "birth_date", "age", "sex"]), _SCALARS),
    "employer": st.dictionaries(st.sampled_from(["name", "credit_code", "phone", "address"]), _SCALARS),
    "claims": st.lists(st.dictionaries(st.sampled_from(["item", "amount", "basis", "calc"]), _JSON), max_size=3),
    "grounds": st.lists(st.dictionaries(st.sampled_from(["item", "detail"]), _SCALARS), max_size=3),
    "hire_date": _SCALARS, "end_date": _SCALARS, "referral_kinds": _JSON, "aid_matter": _SCALARS,
})
_CASES = st.one_of(st.dictionaries(_KEYS, _JSON, max_size=8), _NESTED)
_TYPES = st.sampled_from([t.id for t in document_types()])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc_type=_TYPES, case=_CASES, narrative=st.one_of(st.none(), st.text(max_size=300)))
def test_any_case_renders(doc_type, case, narrative):
    try:
        d = draft(doc_type, case, narrative, today=TODAY)
    except DraftInputError as exc:  # a field that cannot be read is named, in Chinese
        assert exc.field and exc.message.startswith(("「", "案件信息")), exc.message
        return
    assert docx_text(d.docx).splitlines()[0] == d.name
    assert d.markdown.startswith(f"# {d.name}")
    d.model_dump_json()  # the API can always serialise the answer
