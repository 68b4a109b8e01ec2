"""Hostile files generated on the fly (small on disk, nothing large committed): each reproduces one way a single
upload used to take a whole ingest batch down or hold the build lock for minutes."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path


def _docx_bytes(document_xml: bytes | None = None, paragraphs: list[str] | None = None) -> bytes:
    """A real .docx (python-docx) whose word/document.xml is optionally replaced by ``document_xml``."""
    from docx import Document

    doc = Document()
    for text in paragraphs or ["测试文档", "这是一段正文。"]:
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    if document_xml is None:
        return buf.getvalue()
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = document_xml if item.filename == "word/document.xml" else src.read(item.filename)
            dst.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def truncated_docx(path: Path) -> Path:
    """A .docx whose document.xml stops mid-element (lxml raises XMLSyntaxError)."""
    whole = zipfile.ZipFile(io.BytesIO(_docx_bytes())).read("word/document.xml")
    path.write_bytes(_docx_bytes(whole[: len(whole) // 2]))
    return path


def zip_bomb_docx(path: Path, uncompressed_mb: int = 100) -> Path:
    """A few hundred KB on disk, ``uncompressed_mb`` MB of paragraph XML once inflated."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    para = "<w:p><w:r><w:t>第一条 重复的条文内容。</w:t></w:r></w:p>".encode()
    tail = b"</w:body></w:document>"
    body = head + para * (uncompressed_mb * 1024 * 1024 // len(para)) + tail
    path.write_bytes(_docx_bytes(body))
    return path


def many_paragraphs_docx(path: Path, count: int) -> Path:
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    para = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    path.write_bytes(_docx_bytes(head + para * count + b"</w:body></w:document>"))
    return path


def flate_bomb_pdf(path: Path, inflated_mb: int = 80) -> Path:
    """A one-page PDF whose font's ToUnicode stream inflates past pypdf's 75 MB limit (LimitReachedError)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    stream = b"".join(comp.compress(chunk) for _ in range(inflated_mb)) + comp.flush()
    text = b"BT /F1 12 Tf 72 720 Td (Article one) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


GOOD_STATUTE = """# 测试劳动保护条例

第一条 为了保护劳动者的合法权益，制定本条例。

第二条 用人单位应当按时足额支付劳动报酬。

第三条 劳动者有权依法申请劳动争议仲裁。
"""
