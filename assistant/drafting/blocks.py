"""A document as a list of blocks, rendered the same way to Markdown and to .docx.

Keeping one intermediate form means the printed document and the on-screen preview never say different things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["title", "number", "to", "heading", "para", "fields", "items", "table", "closing", "signature"]

BLANK_RE = re.compile(r"【待补充：[^】]{0,40}】")
UNVERIFIED = "「未核实」"
MARK_RE = re.compile(r"【待补充：[^】]{0,40}】|「未核实」")


def blank(label: str) -> str:
    """The visible blank a printed document shows for a value nobody has supplied yet."""
    return f"【待补充：{label}】"


@dataclass(slots=True)
class Block:
    kind: BlockKind
    text: str = ""
    # fields: (label, value) pairs; items: numbered lines; table: header + rows; signature: right-aligned lines
    pairs: list[tuple[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def texts(self) -> list[str]:
        """Every piece of text in the block, for checks that run over the whole document."""
        return [self.text, *(v for _, v in self.pairs), *self.lines, *(c for r in self.rows for c in r)]


@dataclass(slots=True)
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: BlockKind, text: str = "", **kw) -> Block:
        block = Block(kind, text, **kw)
        self.blocks.append(block)
        return block

    def rewrite(self, fn) -> None:
        """Apply ``fn(text, prose) -> text`` to every text in the document; ``prose`` is False for the values of
        party fields and table cells (an address such as 幸福路第三条巷 is not a citation)."""
        for b in self.blocks:
            b.text = fn(b.text, True) if b.text else b.text
            b.pairs = [(k, fn(v, False) if v else v) for k, v in b.pairs]
            b.lines = [fn(x, True) if x else x for x in b.lines]
            b.rows = [[fn(c, False) if c else c for c in r] for r in b.rows]

    def full_text(self) -> str:
        return "\n".join(t for b in self.blocks for t in b.texts() if t)


def to_markdown(doc: Document) -> str:
    out: list[str] = [f"# {doc.title}", ""]
    for b in doc.blocks:
        if b.kind == "title":
            continue
        if b.kind == "number":
            out += [f"<p align=\"right\">{_md(b.text)}</p>", ""]
        elif b.kind == "to":
            out += [f"{_md(b.text)}", ""]
        elif b.kind == "heading":
            out += [f"## {_md(b.text)}", ""]
        elif b.kind == "para":
            out += [_md(b.text), ""]
        elif b.kind == "fields":
            if b.text:
                out += [f"**{_md(b.text)}**", ""]
            out += [f"- {_md(k)}：{_md(v)}" for k, v in b.pairs] + [""]
        elif b.kind == "items":
            out += [f"{i}. {_md(x)}" for i, x in enumerate(b.lines, 1)] + [""]
        elif b.kind == "table":
            if b.text:
                out += [f"**{_md(b.text)}**", ""]
            out += ["| " + " | ".join(_cell(h) for h in b.header) + " |",
                    "|" + "---|" * len(b.header)]
            out += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in b.rows] + [""]
        elif b.kind == "closing":
            out += [_md(b.text), "", _md(b.lines[0]) if b.lines else "", ""]
        elif b.kind == "signature":
            out += [f"<p align=\"right\">{_md(x)}</p>" for x in b.lines] + [""]
    return "\n".join(out).rstrip() + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#<>|])")


def _md(text: str) -> str:
    """User text shown literally: Markdown and HTML control characters escaped, line breaks kept."""
    return _MD_SPECIAL.sub(r"\\\1", text or "").replace("\n", "  \n")


def _cell(text: str) -> str:
    return _md(text).replace("  \n", "<br>")
