"""Typed errors of the case desk. Each has a short ``code`` for the API and a Chinese ``message`` for people.

``CaseNotFound`` is raised alike for a code that does not exist, a wrong secret and another organisation's case,
with the same message, so an answer never tells whether a case code exists.
"""

from __future__ import annotations

from assistant.errors import LaborAssistantError


class CaseError(LaborAssistantError):
    code = "case_error"


class CaseNotFound(CaseError):
    code = "case_not_found"

    def __init__(self, message: str = "案件编号或查询码不正确，请核对后再试。"):
        super().__init__(message)


class AccessDenied(CaseError):
    code = "access_denied"

    def __init__(self, message: str = "您的身份不能办理这项操作。"):
        super().__init__(message)


class InvalidTransition(CaseError):
    code = "invalid_transition"


class CaseClosed(CaseError):
    code = "case_closed"

    def __init__(self, message: str = "案件已办结或不予受理，不能再办理这项操作。"):
        super().__init__(message)


class CaseErased(CaseClosed):
    """The worker asked for their personal data to be deleted: the case takes nothing personal any more."""

    code = "case_erased"

    def __init__(self, message: str = "劳动者已要求删除个人信息，这个案件不能再添加附件或材料。"):
        super().__init__(message)


class CaseInputError(CaseError):
    """Input that cannot be taken; ``field`` names it (the API answers 422)."""

    code = "invalid_case_input"

    def __init__(self, field: str, message: str):
        super().__init__(message, detail=field)
        self.field = field


class AttachmentTooLarge(CaseError):
    """An evidence file over the upload limit (``LABOR_MAX_UPLOAD_BYTES``); the API answers 413."""

    code = "attachment_too_large"

    def __init__(self, limit: int):
        size = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{limit / 1024:.0f} KB"
        super().__init__(f"文件过大：每个证据文件最多 {size}，请压缩或拆分后再上传。", detail="file")
        self.field = "file"
        self.limit = limit


class RecordNotFound(CaseError):
    """An answer, review, document or referral that the case does not have."""

    code = "record_not_found"


class StorageBusy(CaseError):
    """The database stayed locked or kept refusing the write; nothing was written."""

    code = "storage_busy"

    def __init__(self, message: str = "案件库正忙，本次操作没有写入，请稍后重试。"):
        super().__init__(message)
