"""What an evidence file is, read from its bytes, and the name it may be shown under.

A client's content type and file name are claims: the type is sniffed from the bytes (PDF, PNG, JPEG, a Word .docx,
plain UTF-8 text), a PDF is opened to see it is whole and needs no password, and the name is reduced to something
safe to show and to put in a .zip or a download header. No name from a client is ever used as a path: the bytes
live in the case database.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from assistant.cases.errors import AttachmentTooLarge, CaseInputError

FIELD = "file"
MAX_NAME_CHARS = 100
FALLBACK_NAME = "附件"
ACCEPTED = "只接受 PDF、PNG 或 JPEG 图片、Word 文档（.docx）和纯文本（UTF-8）"

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain; charset=utf-8"
# each type's file extension, first the one a name gets when it has none of them
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg", ".jpe"), DOCX: (".docx",),
    TEXT: (".txt", ".text", ".md", ".csv", ".log"),
}
# names Windows keeps for devices: "CON.txt" cannot be saved there, whatever its extension
_RESERVED = ({"CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$"}
             | {f"{stem}{n}" for stem in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")})
_NOT_IN_NAMES = re.compile(r'[<>:"|?*]')
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and any password-protected Office file


@dataclass(frozen=True)
class Upload:
    """An evidence file that passed every check: its safe name, its sniffed type and its bytes."""

    name: str
    media_type: str
    data: bytes

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.media_type][0]


def checked_upload(name: str | None, data: bytes, max_bytes: int) -> Upload:
    """The file as it will be stored, or the reason it is refused (:class:`AttachmentTooLarge`, or
    :class:`CaseInputError` naming the field ``file``)."""
    data = bytes(data or b"")
    if len(data) > max_bytes:
        raise AttachmentTooLarge(max_bytes)
    if not data:
        raise CaseInputError(FIELD, "文件是空的，请重新选择要上传的证据。")
    media_type = sniff(data)
    return Upload(name=safe_name(name, media_type), media_type=media_type, data=data)


def sniff(data: bytes) -> str:
    """The media type the bytes are, whatever the client said."""
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        if data[12:16] != b"IHDR":
            raise CaseInputError(FIELD, "PNG 图片已损坏（文件头不完整），请重新导出或截图后再上传。")
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        _check_docx(data)
        return DOCX
    if data.startswith(_OLE):
        raise CaseInputError(FIELD, "这是旧版 Office 文件（.doc/.xls）或设有密码的 Office 文件，请另存为未加密的"
                                    " .docx 或 PDF 后再上传。")
    if _is_plain_text(data):
        if not any(ch.isalpha() for ch in data.decode("utf-8-sig")):  # "0", "3.14": a value, not a record
            raise CaseInputError(FIELD, "文本文件里只有数字或符号，没有文字，不像证据材料（聊天记录、情况说明等），"
                                        "请检查后再上传。")
        return TEXT
    raise CaseInputError(FIELD, f"不支持的文件类型：{ACCEPTED}。")


def _check_pdf(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CaseInputError(FIELD, "PDF 设有打开密码，工作人员无法查看，请上传未加密的版本。")
        if len(reader.pages) < 1:
            raise CaseInputError(FIELD, "PDF 里没有任何页面，请检查文件后再上传。")
    except CaseInputError:
        raise
    except LimitReachedError:
        raise CaseInputError(FIELD, "PDF 中的内容解压后过大，疑似恶意文件，已拒收。") from None
    except RecursionError:
        raise CaseInputError(FIELD, "PDF 结构嵌套过深，无法打开，已拒收。") from None
    except Exception:  # pypdf raises many kinds for a broken file; each means the same to the worker
        raise CaseInputError(FIELD, "PDF 文件已损坏或不完整，无法打开，请重新导出后再上传。") from None


def _check_docx(data: bytes) -> None:
    """A Word document is a zip holding word/document.xml; only the directory is read (nothing is unpacked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise CaseInputError(FIELD, "文件已损坏：像是 Word 文档（.docx），但无法打开。") from None
    names = {e.filename for e in entries}
    if "word/document.xml" not in names:
        raise CaseInputError(FIELD, f"这个压缩文件不是 Word 文档（.docx）：{ACCEPTED}。")
    if any(e.flag_bits & 0x1 for e in entries):
        raise CaseInputError(FIELD, "Word 文档设有密码，请上传未加密的版本。")


def _is_plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return bool(text.strip()) and not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text)


def safe_name(name: str | None, media_type: str) -> str:
    """A name to show staff and to put in a .zip or a download header: no path, no control or direction-override
    characters, no name Windows keeps for devices, at most 100 characters, ending in the type's extension."""
    text = unicodedata.normalize("NFC", str(name or ""))
    # C*: controls (NUL …), format characters (U+202E right-to-left override, zero-width …), unassigned, private
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = re.split(r"[\\/]", text)[-1]  # the last part of a path; "../../etc/passwd" is "passwd"
    text = _NOT_IN_NAMES.sub("_", text).strip(" .")
    extensions = EXTENSIONS[media_type]
    stem, dot, suffix = text.rpartition(".")
    if dot and "." + suffix.lower() in extensions:
        stem, extension = stem.rstrip(" ."), "." + suffix.lower()
    else:
        stem, extension = text, extensions[0]
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    stem = stem[: MAX_NAME_CHARS - len(extension)].rstrip(" .") or FALLBACK_NAME
    return stem + extension
