"""One citation verifier for everything a user reads: answers and drafted documents give the same verdict.

A reference is checked against the corpus text, not only its article number:

- the article exists in a law the corpus holds, and is in force → ``verified``;
- the article does not exist, or its 款 / 项 does not (《劳动合同法》第三十八条第五款: it has two paragraphs;
  第三十八条第一款第（九）项: its first paragraph has six items) → ``not_found``;
- the article is marked repealed, or the 款 cited was repealed by a later text (解释（一）第三十二条第一款, repealed by
  解释（二）第二十一条) → ``repealed`` (shown as 「已失效，未核实」, never as current law);
- the law is not in the corpus → ``law_not_in_corpus``; no law named → ``no_law``.

The corpus is a parameter (anything with ``provision_by_id`` and, optionally, ``laws``), so this module sits above
the index and below every domain part that verifies: it imports only citations, statutes and numerals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from assistant.citations import Citation, LawNames, default_law_names
from assistant.numerals import article_label, int_to_cn
from assistant.statutes import label_of

if TYPE_CHECKING:
    from assistant.statutes import Provision

UNVERIFIED_MARK = "「未核实」"
REPEALED_MARK = "「已失效，未核实」"

VERIFIED = "verified"
NOT_FOUND = "not_found"
REPEALED = "repealed"
LAW_NOT_IN_CORPUS = "law_not_in_corpus"
NO_LAW = "no_law"

# 款 are the article's lines; a line opening with （一） / (二) is a 项 of the 款 above it
_ITEM_LINE = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
_LAW_PROBE_ARTICLES = range(1, 6)  # a law is "in the corpus" when one of its first articles is


class ProvisionLookup(Protocol):
    """What verification needs from the corpus (the ``Assistant`` facade and the index satisfy it)."""

    def provision_by_id(self, provision_id: str) -> Provision | None: ...


@dataclass(slots=True)
class CitationCheck:
    citation: Citation
    status: str  # verified | not_found | repealed | law_not_in_corpus | no_law
    provision: Provision | None = None

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED

    @property
    def mark(self) -> str:
        """What the text shows right after the reference: nothing when verified."""
        if self.verified:
            return ""
        return REPEALED_MARK if self.status == REPEALED else UNVERIFIED_MARK

    @property
    def label(self) -> str:
        c = self.citation
        base = f"{c.law or ''}{article_label(c.article)}"
        if c.paragraph:
            base += f"第{int_to_cn(c.paragraph)}款"
        if c.item:
            base += f"第（{int_to_cn(c.item)}）项"
        return base


def paragraphs(text: str) -> list[int]:
    """The article's 款, each as the number of 项 listed under it: 劳动合同法第三十八条 → [6, 0]."""
    out: list[int] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _ITEM_LINE.match(line) and out:
            out[-1] += 1
        elif _ITEM_LINE.match(line):
            out.append(1)  # an article that opens with its items has one 款
        else:
            out.append(0)
    return out or [0]


def _lines_by_paragraph(text: str) -> list[tuple[int, str]]:
    """Each line with the 款 it belongs to (a 项 line belongs to the 款 above it; blank lines to none, 0)."""
    out, n = [], 0
    for line in text.split("\n"):
        if line.strip() and not (_ITEM_LINE.match(line) and n):
            n += 1
        out.append((n if line.strip() else 0, line))
    return out


def with_repeal_marks(text: str, repealed: dict[int, str]) -> str:
    """The article's text for reading, each 款 a later text repealed opened by 〔本款已被…废止〕 (the words kept as they
    are, so the quote stays the corpus text; the mark says they are no longer law)."""
    if not repealed:
        return text
    lines, marked = [], set()
    for n, line in _lines_by_paragraph(text):
        if n in repealed and n not in marked:
            marked.add(n)
            line = f"〔本款已被{label_of(repealed[n])}废止〕{line}"
        lines.append(line)
    return "\n".join(lines)


def in_force_text(p: Provision) -> str:
    """The article's text without the 款 a later text repealed: what an answer may state as the law."""
    repealed = p.repealed_paragraphs
    if not repealed:
        return p.text
    return "\n".join(line for n, line in _lines_by_paragraph(p.text) if n not in repealed)


def paragraph_count(text: str) -> int:
    """款 of an article: its lines, not counting the numbered 项 （一）（二）… listed under a 款."""
    return len(paragraphs(text))


def part_exists(text: str, paragraph: int | None, item: int | None) -> bool:
    """Whether the 款 and 项 a reference names exist in the article text.

    Without a 款 (第四十四条第一项), the 项 is looked for in the first 款 that lists items, as such references
    are read in practice."""
    paras = paragraphs(text)
    if paragraph is not None and not 1 <= paragraph <= len(paras):
        return False
    if item is None:
        return True
    if paragraph is not None:
        return 1 <= item <= paras[paragraph - 1]
    listed = next((n for n in paras if n), 0)
    return 1 <= item <= listed


class CitationResolver:
    """Resolves citations against the corpus, remembering answers (one instance per answer or document)."""

    def __init__(self, source: ProvisionLookup, laws: LawNames | None = None):
        self.source = source
        found = laws if laws is not None else getattr(source, "laws", None)
        self.laws: LawNames = found if found is not None else default_law_names()
        self._laws_present: dict[str, bool] = {}

    @classmethod
    def of(cls, lookup: Callable[[str], Any], laws: LawNames | None = None) -> CitationResolver:
        """A resolver over a bare ``id → Provision | None`` function (what drafting is handed)."""
        return cls(_FunctionLookup(lookup), laws)

    def law_in_corpus(self, law: str) -> bool:
        if law not in self._laws_present:
            self._laws_present[law] = any(self._get(f"{law}#{n}") is not None for n in _LAW_PROBE_ARTICLES)
        return self._laws_present[law]

    def check(self, c: Citation) -> CitationCheck:
        if not c.law:
            return CitationCheck(c, NO_LAW)
        law = c.law if c.known_law else (self.laws.canonical(c.law) or c.law)
        p = self._get(f"{law}#{c.article}")
        if p is None:
            return CitationCheck(c, NOT_FOUND if self.law_in_corpus(law) else LAW_NOT_IN_CORPUS)
        if not p.in_force:
            return CitationCheck(c, REPEALED, p)
        if not part_exists(p.text, c.paragraph, c.item):
            return CitationCheck(c, NOT_FOUND, p)
        if c.paragraph is not None and c.paragraph in p.repealed_paragraphs:
            return CitationCheck(c, REPEALED, p)  # the article stands, this 款 of it was repealed by a later text
        return CitationCheck(c, VERIFIED, p)

    def _get(self, provision_id: str) -> Provision | None:
        return self.source.provision_by_id(provision_id)


class _FunctionLookup:
    def __init__(self, lookup: Callable[[str], Any]):
        self._lookup = lookup

    def provision_by_id(self, provision_id: str) -> Provision | None:
        return self._lookup(provision_id)


def warning_for(ch: CitationCheck) -> str:
    """The Chinese note a user sees for an unverified reference (answers and documents say the same)."""
    label = ch.label
    if ch.status == NOT_FOUND:
        return f"{label}在法规库中不存在，已标注“未核实”。"
    by = ch.provision.repealed_paragraphs.get(ch.citation.paragraph or 0) if ch.provision is not None else None
    if ch.status == REPEALED and by:
        return f"{label}已被{label_of(by)}废止，已标注“未核实”。"
    if ch.status == REPEALED:
        return f"{label}已失效（被废止或被新版本取代），已标注“未核实”。"
    if ch.status == LAW_NOT_IN_CORPUS:
        return f"《{ch.citation.law}》不在本法规库中，{label}无法核对，已标注“未核实”。"
    return f"“{ch.citation.raw}”没有写明是哪部法律，无法核对，已标注“未核实”。"
