"""Drafting's typed errors: a request that cannot become a document, with a Chinese message naming what is wrong."""

from __future__ import annotations

from assistant.errors import LaborAssistantError


class DraftingError(LaborAssistantError):
    code = "draft_invalid_input"


class UnknownDocumentType(DraftingError):
    code = "unknown_document_type"


class DraftInputError(DraftingError, ValueError):
    """A case field that cannot be read (an unknown key, an object where text belongs …).

    ``field`` is the field's Chinese label (「用人单位联系电话」, 「证据第1项」), ``path`` its dotted location in the
    case; the API answers 422 naming it. A ValueError too, so every front door that reports bad input catches it."""

    code = "draft_invalid_field"

    def __init__(self, field: str, message: str, *, path: str = ""):
        super().__init__(message)
        self.field = field
        self.path = path
