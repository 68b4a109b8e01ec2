"""Files → text. Each loader either returns the document's text or raises ``DocumentRejected`` with a one-line
Chinese reason (the ingest summary shows it; the rest of the batch goes on)."""

from __future__ import annotations

import html.parser
import io
import re
import unicodedata
from pathlib import Path

from assistant.errors import DocumentRejected
from ingest.limits import DEFAULT_LIMITS, Deadline, LoadLimits, check_zip_members

TEXT_SUFFIXES = {".md", ".markdown", ".mdx", ".txt"}
SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx", ".html", ".htm"}
MAX_FILE_BYTES = DEFAULT_LIMITS.max_file_bytes


def load_text(path: Path, data: bytes | None = None, max_bytes: int | None = None,
              limits: LoadLimits = DEFAULT_LIMITS) -> str:
    """The text of a supported file, normalised to '\\n' line ends. ``data`` may carry the bytes already read."""
    max_bytes = max_bytes or limits.max_file_bytes
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentRejected(f"不支持的文件类型 {suffix or '（无扩展名）'}，支持 md、txt、pdf、docx、html")
    if data is None:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentRejected(f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）")
        data = path.read_bytes()
    elif len(data) > max_bytes:
        raise DocumentRejected(f"文件过大（{len(data) / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）")
    if not data.strip():
        raise DocumentRejected("文件为空")
    deadline = Deadline(limits.max_seconds)
    if suffix == ".pdf":
        text = pdf_text(data, limits, deadline)
    elif suffix == ".docx":
        text = docx_text(data, limits, deadline)
    else:
        text = decode_text(data)
        if suffix in {".html", ".htm"}:
            text = html_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise DocumentRejected("文件中没有文字")
    return text


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK/GB2312), else a detected encoding.
    Binary files with a text extension are rejected rather than indexed as noise."""
    if b"\x00" in data[:8192]:
        raise DocumentRejected("文件不是文本（含二进制内容），请检查扩展名是否正确")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise DocumentRejected("无法识别文件编码，请另存为 UTF-8 后再导入")
        text = str(best)
    if _control_ratio(text) > 0.05:
        raise DocumentRejected("文件不是文本（含大量控制字符），请检查扩展名是否正确")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) in {"Cc", "Co", "Cs"} and ch not in "\n\r\t\f")
    return bad / len(sample)


# pypdf returns CJK radicals (U+2F00–U+2FDF) and supplement forms (U+2E80–U+2EFF) for common characters;
# NFKC folds the Kangxi block, this table the supplement forms NFKC leaves alone.
_RADICAL_SUPPLEMENT = str.maketrans({
    "⺁": "厂", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尢", "⺐": "尢",
    "⺑": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彐", "⺕": "彐", "⺖": "心", "⺗": "心", "⺘": "手", "⺙": "攴",
    "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歹", "⺟": "母", "⺠": "民", "⺡": "水", "⺢": "水", "⺣": "火",
    "⺤": "爪", "⺥": "爪", "⺦": "丬", "⺧": "牛", "⺨": "犬", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示",
    "⺭": "示", "⺮": "竹", "⺯": "糸", "⺰": "糸", "⺱": "网", "⺲": "网", "⺳": "网", "⺴": "网", "⺵": "网",
    "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "老", "⺺": "聿", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艸",
    "⺿": "艸", "⻀": "艸", "⻁": "虎", "⻂": "衣", "⻃": "西", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角",
    "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "金",
    "⻑": "长", "⻒": "长", "⻓": "长", "⻔": "门", "⻕": "阜", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦",
    "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马",
    "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐",
    "⻬": "齐", "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
})
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SENTENCE_END = "。！？；：”」）)"


def normalize_pdf_text(text: str) -> str:
    """Fold compatibility forms and re-join lines that a PDF broke in the middle of a sentence."""
    text = unicodedata.normalize("NFKC", text).translate(_RADICAL_SUPPLEMENT)
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            out.append("")
            continue
        starts_block = re.match(rf"^(第[{_CJK}0-9]+[条章节编]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|#)", line)
        if out and out[-1] and not out[-1].endswith(tuple(_SENTENCE_END)) and not starts_block:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def pdf_text(data: bytes, limits: LoadLimits = DEFAULT_LIMITS, deadline: Deadline | None = None) -> str:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    deadline = deadline or Deadline(limits.max_seconds)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentRejected("PDF 已加密，需要密码才能读取，请导出未加密的版本")
            except DocumentRejected:
                raise
            except Exception as exc:
                raise DocumentRejected("PDF 已加密，无法读取，请导出未加密的版本") from exc
        if len(reader.pages) > limits.max_pages:
            raise DocumentRejected(f"PDF 页数过多（{len(reader.pages)} 页，上限 {limits.max_pages} 页），请拆分后再导入")
        pages = []
        for page in reader.pages:
            deadline.check()
            pages.append(page.extract_text() or "")
    except DocumentRejected:
        raise
    except LimitReachedError as exc:
        raise DocumentRejected("PDF 中的内容解压后过大（超过安全上限），疑似恶意文件，已拒收") from exc
    except RecursionError as exc:
        raise DocumentRejected("PDF 结构嵌套过深，无法读取") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError, ZeroDivisionError,
            UnicodeError, AssertionError, NotImplementedError, OverflowError) as exc:
        raise DocumentRejected("PDF 文件已损坏或格式不正确，无法读取") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentRejected("PDF 中没有可提取的文字（可能是扫描图片），请先做文字识别（OCR）再导入")
    return normalize_pdf_text(text)


def docx_text(data: bytes, limits: LoadLimits = DEFAULT_LIMITS, deadline: Deadline | None = None) -> str:
    import zipfile

    from docx import Document
    from lxml.etree import LxmlError

    deadline = deadline or Deadline(limits.max_seconds)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip_members(archive, limits)  # sizes as declared; zipfile never inflates past them
        doc = Document(io.BytesIO(data))
        paragraphs = doc.paragraphs
    except DocumentRejected:
        raise
    except LxmlError as exc:
        raise DocumentRejected("DOCX 中的文档内容（XML）不完整或已损坏，无法读取") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError, AttributeError, OSError,
            EOFError, NotImplementedError, RecursionError) as exc:
        raise DocumentRejected("DOCX 文件已损坏或不是 Word 文档") from exc
    if len(paragraphs) > limits.max_paragraphs:
        raise DocumentRejected(f"DOCX 段落过多（{len(paragraphs)} 段，上限 {limits.max_paragraphs} 段），请拆分后再导入")
    deadline.check()
    lines = []
    for n, para in enumerate(paragraphs):
        if n % 500 == 0:
            deadline.check()
        text = para.text.strip()
        style = (para.style.name or "") if para.style is not None else ""
        m = re.match(r"Heading (\d)", style)
        if m and text:
            lines.append("#" * int(m.group(1)) + " " + text)
        else:
            lines.append(text)
    return "\n\n".join(lines)


class _HTMLText(html.parser.HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "tr", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
    _SKIP = {"script", "style", "noscript", "head", "nav", "footer"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
            if tag in {"h1", "h2", "h3", "h4"}:
                self.parts.append("#" * int(tag[1]) + " ")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)
