"""Exact references first: 劳动合同法第三十八条, 劳动合同法38条, or 第38条 after the law was named earlier."""

from __future__ import annotations

from assistant.citations import parse_citations


def exact_ids(query: str, index) -> list[str]:
    """Ids of the articles the question names explicitly, in order, that exist in the index."""
    found = []
    for c in parse_citations(query, index.laws):
        if c.id and c.id in index.row_of and c.id not in found:
            found.append(c.id)
    return found


def named_laws(query: str, index) -> list[str]:
    """Statutes the question names (with or without an article), canonical."""
    return list(dict.fromkeys(law for _, _, law in index.laws.find_all(query) if law in index.law_info))
