"""Sections from draft to what a worker reads: each line verified, then every verified article reference given
the marker [n] of its article, numbered on first use across the answer (:class:`Numbering`). A section is final
once it is marked, so the markers of a streamed section never change when later sections arrive; 法律依据 is
written last, from exactly the articles the sections before it marked."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from assistant.answering.models import SECTION_TITLES, VERIFIED_STATE
from assistant.answering.offline import quote
from assistant.answering.verify import CitationCheck, CitationResolver, reference_ends, verify_lines


@dataclass(slots=True)
class Draft:
    """A section before verification: chunks of markdown, each with the law its bare article numbers belong to."""

    key: str
    chunks: list[tuple[str, str | None]] = field(default_factory=list)
    joiner: str = "\n\n"  # "\n" for a section whose chunks are the items of one list

    def add(self, text: str, default_law: str | None = None) -> None:
        if text.strip():
            self.chunks.append((text, default_law))

    @property
    def empty(self) -> bool:
        return not self.chunks


@dataclass(slots=True)
class ComposedSection:
    key: str
    title: str
    body: str
    refs: list[int]
    checks: list[CitationCheck]
    warnings: list[str]


class Numbering:
    """Article id → marker number, in order of first use across the sections composed so far."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.checks: dict[str, CitationCheck] = {}

    def number(self, provision_id: str) -> int:
        if provision_id not in self.ids:
            self.ids.append(provision_id)
        return self.ids.index(provision_id) + 1

    def mark(self, text: str, resolver: CitationResolver, default_law: str | None = None,
             start: int = 0) -> tuple[str, list[int]]:
        """[n] right after every verified reference of ``text`` (already verified), numbered on first use. A
        reference already followed by a marker or by 「未核实」 keeps what it has.

        ``start``: only ``text[start:]`` is new (what a stream releases); the text before it names the law of a
        reference that continues into the new part, and is not returned."""
        refs: list[int] = []
        inserts: list[tuple[int, str]] = []
        for at, ch in reference_ends(text, resolver, default_law):
            if at <= start or not ch.verified or ch.provision is None or text[at:at + 1] == "[":
                continue
            n = self.number(ch.provision.id)
            self.checks.setdefault(ch.provision.id, ch)
            refs.append(n)
            inserts.append((at, f"[{n}]"))
        for at, marker in sorted(set(inserts), reverse=True):
            text = text[:at] + marker + text[at:]
        return text[start:], list(dict.fromkeys(refs))


class SectionSource(Protocol):
    def drafts(self) -> Iterable[Draft]: ...

    def after_basis(self) -> Iterable[Draft]: ...


def verify_draft(draft: Draft, resolver: CitationResolver,
                 numbering: Numbering) -> tuple[str, list[int], list[CitationCheck], list[str]]:
    """Verify each chunk line by line (as the law its bare numbers belong to), then mark the verified articles."""
    texts, refs, checks, warnings = [], [], [], []
    for text, law in draft.chunks:
        lines = []
        for line in text.split("\n"):
            v = verify_lines(line, resolver, default_law=law)
            marked, line_refs = numbering.mark(v.text, resolver, law)
            lines.append(marked)
            refs += line_refs
            checks += v.checks
            warnings += [w for w in v.warnings if w not in warnings]
        texts.append("\n".join(lines))
    return draft.joiner.join(texts), list(dict.fromkeys(refs)), checks, warnings


def basis_text(numbering: Numbering) -> str:
    """法律依据: every article the sections above marked, under its marker, its text one tap away."""
    out = []
    for n, pid in enumerate(numbering.ids, 1):
        ch = numbering.checks.get(pid)
        if ch is None or ch.provision is None:
            continue
        out.append(f"[{n}] **{ch.provision.label}**　「{VERIFIED_STATE}」\n{quote(ch.provision)}")
    return "\n\n".join(out)


def compose_sections(source: SectionSource, resolver: CitationResolver,
                     numbering: Numbering) -> Iterator[ComposedSection]:
    """The sections in order, each verified and numbered as soon as it is drafted (what streaming sends): a
    section is drafted only after the one before it has been sent, so the first bytes wait for 结论 alone."""
    def finish(draft: Draft) -> ComposedSection:
        body, refs, checks, warnings = verify_draft(draft, resolver, numbering)
        return ComposedSection(draft.key, SECTION_TITLES[draft.key], body, refs, checks, warnings)

    for draft in source.drafts():
        yield finish(draft)
    basis = basis_text(numbering)
    if basis:
        yield ComposedSection("basis", SECTION_TITLES["basis"], basis, list(range(1, len(numbering.ids) + 1)), [], [])
    for draft in source.after_basis():
        yield finish(draft)
