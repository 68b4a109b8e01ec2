"""Drafting: a case (and the worker's own account) → a complete, printable document (Markdown and .docx).

Public API::

    from assistant.drafting import document_types, draft
    types = document_types()          # eight DocumentType: id, name, description, receiving_body, legal_basis,
                                      # fields (path, label, required), json_schema
    d = draft("arbitration_application", case, narrative=None, facts=None,  # facts: a CaseFacts already read
              chat_model=None,        # a langchain BaseChatModel; None → everything offline by rules
              calculate=None,         # assistant.calculators.calculate, fills claims that carry {"calc": ...}
              resolve=None)           # article id → Provision | None, verifies every citation
    d.fields      # the case after extraction, checks and derivations (JSON-ready)
    d.missing     # required fields still blank, Chinese labels; each printed as 【待补充：…】
    d.warnings    # invalid values (field + reason, never the value), unverified citations, time limits
    d.citations   # [{id, law, article, raw, text, verified}]; unverified ones are marked 「未核实」 in the text
    d.extracted   # [{field, label, value, source_span, start, end, by, fact, applied, confirmed: false}]
    d.auto_filled # case paths filled from the narrative (案情); shown as 「自动提取，请核对」 in the text
    d.suggested_claims  # [{item, basis, amount, formula, kind, note}]: offered to staff, never put into claims
    d.hints       # for staff: the suggested claims as lines, evidence and time limits from guides
    d.drafted_by  # "model" when the 事实与理由 came from the language model, else "rules"
    d.markdown, d.docx (bytes, excluded from JSON)

A language model, when given, extracts fields (kept only when it quotes the narrative and the quote contains the
value) and drafts 事实与理由 (dates and sums not found in the case or narrative become blanks, citations are checked);
ID numbers, phones and addresses are not sent to it. Prompts: ``prompts/drafting_*.md``.

Document type ids: arbitration_application, inspection_complaint, resignation_notice, union_reminder_letter,
union_opinion_letter, union_suggestion_letter, procuratorate_referral, legal_aid_application.

The case is a JSON object shaped like :class:`assistant.drafting.case.Case` (``worker``, ``employer``, ``union``,
``hire_date``, ``claims`` [{item, amount, basis, calc: {kind, inputs}}], ``evidence`` [{name, source, purpose}],
``grounds`` [{item: 1–6 or 0, detail}], …; a plain string in such a list is the item's main field). A key the case
does not have, or a value of the wrong shape, raises ``DraftInputError`` naming the field in Chinese (the API: 422);
an amount that cannot be read, an ID number or credit code whose check digit fails, a malformed phone or date each
become a warning naming the field; a required field left empty is listed in ``missing`` and printed as a visible
blank 【待补充：入职日期】. The narrative is read by the one case reader (``assistant.facts.reader``).

Eval dataset ``evals/datasets/drafting_cases.jsonl`` — one JSON object per line:

    {"id": "arb-unpaid-wages-01",              # unique
     "doc_type": "arbitration_application",    # one of the ids above
     "case": {...},                            # the case object passed to draft()
     "narrative": "……" | null,                 # the worker's account, or null
     "expect": {
        "fields": {"hire_date": "2023-03-01", "employer.name": "…"},   # dotted path → value in Draft.fields
                                                                       # after extraction (dates ISO, amounts
                                                                       # as plain numbers in strings)
        "missing": ["申请人住所"],              # labels that must appear in Draft.missing
        "not_missing": ["入职日期"],            # labels that must NOT appear in Draft.missing
        "blanks": ["【待补充：申请人住所】"],    # strings the Markdown must contain
        "text": ["第三十八条第一款第（二）项"],  # further strings the Markdown must contain
        "absent": ["9999"],                      # strings the Markdown must not contain (nothing invented)
        "warnings": ["统一社会信用代码"],        # substrings some warning must contain
        "citations": ["劳动合同法#38"]           # ids that must be among Draft.citations
     }}

All keys under ``expect`` are optional; a scorer checks each present key and reports the share that hold.
"""

from assistant.drafting.catalog import DocumentType, FieldSpec, document_types, get_type
from assistant.drafting.draft import Draft, draft
from assistant.drafting.errors import DraftingError, DraftInputError, UnknownDocumentType
from assistant.drafting.prefill import case_from_facts

__all__ = ["Draft", "DocumentType", "DraftInputError", "DraftingError", "FieldSpec", "UnknownDocumentType",
           "case_from_facts", "document_types", "draft", "get_type"]
