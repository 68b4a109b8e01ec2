"""Layperson → statute vocabulary (被炒鱿鱼 → 解除劳动合同; 五险一金 → 社会保险、住房公积金), from
``corpus/thesaurus.yaml``, which the project writes and reviews like code."""

from __future__ import annotations

import functools
from pathlib import Path

from assistant.config import PROJECT_DIR

THESAURUS = PROJECT_DIR / "corpus" / "thesaurus.yaml"


@functools.cache
def load_thesaurus(path: Path = THESAURUS) -> dict[str, tuple[str, ...]]:
    from assistant.yamlfile import load_yaml

    if not path.exists():
        return {}
    data = load_yaml(path) or {}
    out: dict[str, tuple[str, ...]] = {}
    for lay, terms in data.items():
        if isinstance(terms, str):
            terms = [terms]
        out[str(lay)] = tuple(str(t) for t in (terms or []) if t)
    return out


def expand(query: str, thesaurus: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Statute terms for the lay phrases in ``query``; longer phrases win over the shorter ones inside them."""
    thesaurus = load_thesaurus() if thesaurus is None else thesaurus
    taken: list[tuple[int, int]] = []
    terms: list[str] = []
    for lay in sorted(thesaurus, key=len, reverse=True):
        start = query.find(lay)
        while start != -1:
            end = start + len(lay)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                terms.extend(t for t in thesaurus[lay] if t not in query)
                break
            start = query.find(lay, start + 1)
    return list(dict.fromkeys(terms))
