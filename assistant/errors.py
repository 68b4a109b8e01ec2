"""Typed errors. Each carries a short code for the API and a message in plain Chinese for people."""

from __future__ import annotations


class LaborAssistantError(Exception):
    code = "error"

    def __init__(self, message: str, *, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail


class IndexNotFoundError(LaborAssistantError):
    code = "index_not_found"


class IndexBusyError(LaborAssistantError):
    code = "index_busy"


class InvalidQueryError(LaborAssistantError):
    code = "invalid_query"


class DocumentRejected(LaborAssistantError):
    """A file that cannot be ingested; ``message`` is the one-line reason shown in the ingest summary."""

    code = "document_rejected"


class DownloadError(LaborAssistantError):
    code = "download_failed"


NO_CORPUS_HELP = (
    "还没有可用的法规库。有两种方式获得：\n"
    "  1. 下载官方文本（需要联网）：labor corpus download\n"
    "  2. 导入本地文件夹（Markdown、TXT、PDF、DOCX、HTML）：labor ingest 路径 …\n"
    "也可以在 .env 中设置 LABOR_CORPUS_DIRS=文件夹1,文件夹2，启动时会自动导入。"
)
