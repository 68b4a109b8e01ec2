"""A :class:`Document` as .docx in the usual layout of Chinese official papers.

A4 with the margins of GB/T 9704; the title centred in 宋体 二号 bold; body in 仿宋 三号 with a fixed 28-point line
pitch and a two-character first-line indent; section headings in 黑体. Chinese fonts are set on ``w:eastAsia``:
setting ``font.name`` alone changes only the Latin font and Word/LibreOffice would show the body in a default font.
Blanks 【待补充：…】 and the 「未核实」 mark are highlighted so that nobody prints them by mistake.
"""

from __future__ import annotations

import io

from assistant.drafting.blocks import MARK_RE, Block, Document

TITLE_FONT = "宋体"
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


def to_docx(doc: Document) -> bytes:
    from docx import Document as new_docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Cm, Pt

    d = new_docx()
    _properties(d, doc.title)
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    normal = d.styles["Normal"]
    _set_font(normal.font, normal.element, BODY_FONT, Pt(16))
    pf = normal.paragraph_format
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    pf.space_before = pf.space_after = Pt(0)

    def para(text: str, *, align=None, indent=True, bold=False, font=None, size=None):
        p = d.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)  # two characters at 16 pt
        _add_runs(p, text, bold=bold, font=font, size=size)
        return p

    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(0), Pt(16)
    title.paragraph_format.line_spacing = Pt(40)
    _add_runs(title, doc.title, bold=True, font=TITLE_FONT, size=Pt(22))

    for b in doc.blocks:
        if b.kind == "number":
            para(b.text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        elif b.kind == "to":
            para(b.text, indent=False)
        elif b.kind == "heading":  # a heading never ends a page alone
            para(b.text, indent=True, bold=True, font=HEADING_FONT).paragraph_format.keep_with_next = True
        elif b.kind == "para":
            for chunk in (b.text or "").split("\n"):
                para(chunk)
        elif b.kind == "fields":
            if b.text:
                para(b.text, indent=True, bold=True, font=HEADING_FONT).paragraph_format.keep_with_next = True
            for label, value in b.pairs:
                p = para("", indent=True)
                _add_runs(p, f"{label}：", bold=True)
                _add_runs(p, value)
        elif b.kind == "items":
            for i, line in enumerate(b.lines, 1):
                para(f"{i}. {line}")
        elif b.kind == "table":
            _table(d, b, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, Pt, para)
        elif b.kind == "closing":
            para(b.text).paragraph_format.keep_with_next = True
            if b.lines:
                para(b.lines[0], indent=False)
        elif b.kind == "signature":
            d.add_paragraph()
            for i, line in enumerate(b.lines):
                p = para(line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
                p.paragraph_format.right_indent = Pt(32)
                p.paragraph_format.keep_with_next = i < len(b.lines) - 1  # signature and date on one page

    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _properties(d, title: str) -> None:
    """The template's own metadata (author, comments, a 2013 date) replaced by the document's."""
    from datetime import UTC, datetime

    props = d.core_properties
    props.title, props.author, props.last_modified_by, props.comments = title, "", "", ""
    props.subject = props.keywords = props.category = ""
    now = datetime.now(UTC).replace(microsecond=0)
    props.created = props.modified = now
    props.revision = 1


def _table(d, b: Block, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, Pt, para) -> None:
    if b.text:
        caption = para(b.text, indent=False, bold=True, font=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before = Pt(12)
    table = d.add_table(rows=1, cols=len(b.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, b.header, strict=True):
        _cell_text(cell, text, Pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in b.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            _cell_text(cell, text, Pt)
    _column_widths(table, b.header)


def _column_widths(table, header: list[str]) -> None:
    """A narrow 序号 column, the rest sharing the 15.6 cm text width; set on the grid and on every cell."""
    from docx.shared import Cm

    table.autofit = False
    narrow = 1.4 if header and header[0] == "序号" else None
    rest = (15.6 - (narrow or 0)) / max(1, len(header) - (1 if narrow else 0))
    widths = [Cm(narrow if (narrow and i == 0) else rest) for i in range(len(header))]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # the cell widths Word reads


def _cell_text(cell, text: str, Pt, *, bold=False, align=None) -> None:
    p = cell.paragraphs[0]
    if align is not None:
        p.alignment = align
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing = Pt(20)
    _add_runs(p, text, bold=bold, size=Pt(12))


def _add_runs(p, text: str, *, bold=False, font=None, size=None) -> None:
    """Runs for ``text``; blanks and unverified marks become separate highlighted runs."""
    from docx.enum.text import WD_COLOR_INDEX

    pos = 0
    for m in MARK_RE.finditer(text or ""):
        if m.start() > pos:
            _run(p, text[pos:m.start()], bold, font, size)
        r = _run(p, m.group(0), bold, font, size)
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        pos = m.end()
    if pos < len(text or ""):
        _run(p, text[pos:], bold, font, size)


def _run(p, text, bold, font, size):
    r = p.add_run(xml_safe(text))
    r.bold = bold or None
    if font or size:
        _set_font(r.font, r._element, font or BODY_FONT, size)
    return r


def _set_font(font, element, east_asian: str, size) -> None:
    """Latin and East-Asian font both set; python-docx's ``font.name`` leaves ``w:eastAsia`` untouched."""
    from docx.oxml.ns import qn

    font.name = LATIN_FONT
    if size is not None:
        font.size = size
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)


def xml_safe(text: str) -> str:
    """XML 1.0 forbids most control characters; a hostile narrative must not make the file unwritable."""
    return "".join(ch for ch in text if ch in "\t\n" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff"
                                                 and not 0xD800 <= ord(ch) <= 0xDFFF))
