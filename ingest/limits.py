"""How much work one file may cost before it is rejected: uncompressed size, paragraphs, pages and seconds.

An ingest holds the build lock while it reads, so one hostile file (a zip bomb .docx, a PDF with a stream that
inflates to gigabytes) must never hold it for minutes or take the process to gigabytes of memory. Each limit is
checked before the expensive step where possible (zip member sizes before any XML is parsed), and between pages or
paragraphs otherwise.
"""

from __future__ import annotations

import time
import zipfile
from dataclasses import dataclass

from assistant.errors import DocumentRejected

MB = 1024 * 1024


@dataclass(frozen=True)
class LoadLimits:
    max_file_bytes: int = 20 * MB
    max_xml_bytes: int = 25 * MB  # one XML part of a .docx, uncompressed (lxml needs ~10× this in memory)
    max_unzipped_bytes: int = 100 * MB  # every member of a .docx together, uncompressed
    max_ratio: int = 200  # uncompressed : compressed for a member over 1 MB; real Word XML stays under ~30
    max_paragraphs: int = 50_000
    max_pages: int = 3_000
    max_seconds: float = 60.0

    @classmethod
    def from_settings(cls, settings) -> LoadLimits:
        mb = getattr(settings, "max_file_mb", None)
        seconds = getattr(settings, "ingest_file_seconds", None)
        defaults = cls()
        return cls(max_file_bytes=int(mb * MB) if mb else defaults.max_file_bytes,
                   max_seconds=float(seconds) if seconds else defaults.max_seconds)


DEFAULT_LIMITS = LoadLimits()


class Deadline:
    """The time one file may take; ``check`` between steps rejects the file once it has run out."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.until = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.until:
            raise DocumentRejected(f"处理时间超过上限（{self.seconds:.0f} 秒），文件过于复杂，已拒收")


def check_zip_members(archive: zipfile.ZipFile, limits: LoadLimits) -> None:
    """Reject a zip container by its declared member sizes, before inflating anything."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > 1 * MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise DocumentRejected(f"DOCX 中的 {info.filename} 压缩比异常（{info.compress_size // 1024} KB 解压为 "
                                   f"{info.file_size // MB} MB），疑似压缩炸弹，已拒收")
        if info.filename.endswith(".xml") and info.file_size > limits.max_xml_bytes:
            raise DocumentRejected(f"DOCX 中的 {info.filename} 解压后过大（{info.file_size // MB} MB，"
                                   f"上限 {limits.max_xml_bytes // MB} MB），已拒收")
        if total > limits.max_unzipped_bytes:
            raise DocumentRejected(f"DOCX 解压后总大小超过上限（{limits.max_unzipped_bytes // MB} MB），已拒收")
