"""Cross-references between provisions: which articles the corpus itself points to.

An article that other articles, regulations, interpretations and typical cases keep citing (劳动合同法第四十七条,
the compensation formula, is named by 第四十六条, 第八十七条, the implementing regulation and the cases) is one a
lawyer reaches for often. Retrieval uses the count as a mild prior (``assistant/retrieval/retriever.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.citations import LawNames, parse_citations
from assistant.numerals import CN_NUMERAL_CHARS
from assistant.statutes import IN_FORCE, Provision

# only texts that can hold a reference are parsed: "第…条" or an article number next to a law name ("劳动法38条")
_MAY_CITE = re.compile(rf"(?:[0-9０-９]|[{CN_NUMERAL_CHARS}])\s*条(?!例)")


def cross_references(provisions: Iterable[Provision], laws: LawNames) -> list[tuple[str, str]]:
    """(citing id, cited id) pairs, each once, between provisions of this corpus.

    A statute article's bare "第N条" / "本法第N条" means its own law. Repealed versions are skipped: they cite by
    their own, older numbering. A provision citing itself is not counted."""
    provisions = list(provisions)
    present = {p.id for p in provisions}
    pairs: dict[tuple[str, str], None] = {}
    for p in provisions:
        if p.status != IN_FORCE or not _MAY_CITE.search(p.text):
            continue
        own_law = p.law if p.is_article else None
        for c in parse_citations(p.text, laws, default_law=own_law):
            if c.law is None:
                continue
            target = c.id
            if target != p.id and target in present:
                pairs[(p.id, target)] = None
    return list(pairs)


# "…第三十二条第一款同时废止" / "…第五条予以废止": the words between a reference and 废止, when the reference is what is repealed
_REPEALS_IT = re.compile(r"^[\s，,]*(?:同时|予以|即行|一并)?(?:废止|失效|停止执行)")


def repealed_parts(provisions: Iterable[Provision], laws: LawNames) -> list[tuple[str, int, str]]:
    """(repealed id, 款 number or 0 for the whole article, repealing id): what the corpus itself says is repealed.

    A later text often repeals one paragraph of an earlier one in its closing article (解释（二）第二十一条:
    「《…解释（一）》（法释〔2020〕26号）第三十二条第一款同时废止」), so the earlier article stays in force but that 款
    must not be read as law. Only references that 废止 directly follows count; a whole statute repealed by title has no
    article reference and is handled by its own status."""
    provisions = list(provisions)
    present = {p.id for p in provisions}
    found: dict[tuple[str, int], str] = {}
    for p in provisions:
        if p.status != IN_FORCE or "废止" not in p.text and "失效" not in p.text:
            continue
        for c in parse_citations(p.text, laws, default_law=p.law if p.is_article else None):
            if c.law is None or c.item is not None or c.id not in present or c.id == p.id:
                continue
            if _REPEALS_IT.match(p.text[c.end:c.end + 12]):
                found.setdefault((c.id, c.paragraph or 0), p.id)
    return [(target, paragraph, by) for (target, paragraph), by in found.items()]
