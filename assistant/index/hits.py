"""What a search returns: one provision with its score and the routes that found it (BM25, vectors, a reference …).

It lives with retrieval, which makes it; the facade and the answer pipeline take it from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.statutes import Provision


@dataclass(slots=True)
class SearchHit:
    id: str
    law: str
    article: str | None
    title: str
    chapter: list[str]
    text: str
    score: float
    source: str
    category: str
    status: str = "in_force"
    matched_by: list[str] = field(default_factory=list)
    province: str = ""  # a local rule's place ("上海市"); "" for national texts
    city: str = ""

    @classmethod
    def of(cls, p: Provision, score: float, matched_by: Iterable[str] = ()) -> SearchHit:
        return cls(id=p.id, law=p.law, article=p.article, title=p.title, chapter=list(p.chapter), text=p.text,
                   score=round(float(score), 6), source=p.source, category=p.category, status=p.status,
                   matched_by=list(matched_by), province=p.extra.get("province", ""), city=p.extra.get("city", ""))

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}
