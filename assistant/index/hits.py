"""What a search returns: one provision with its score and the routes that found it (BM25, vectors, a reference …).

Retrieval makes it; it lives with the index, below retrieval, so the facade, the answer pipeline and the ports that
describe them take it without importing retrieval.
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
    # How well the hit matches the question, 0–1 (retrieval's measure, beside the rank-based score): what falls
    # below retrieval's RELEVANCE_FLOOR is not offered as a basis of an answer. None when nothing measured it.
    relevance: float | None = None
    # 款 of this article a later text repealed (款 number → the repealing article's id; 0: the whole article)
    repealed_paragraphs: dict[int, str] = field(default_factory=dict)
    # The provision itself, for the answer pipeline (it would otherwise read it again by id); not part of the hit's
    # public fields (``to_dict``, the API, the command line's JSON).
    provision: Provision | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, p: Provision, score: float, matched_by: Iterable[str] = ()) -> SearchHit:
        return cls(id=p.id, law=p.law, article=p.article, title=p.title, chapter=list(p.chapter), text=p.text,
                   score=round(float(score), 6), source=p.source, category=p.category, status=p.status,
                   matched_by=list(matched_by), province=p.extra.get("province", ""), city=p.extra.get("city", ""),
                   repealed_paragraphs=dict(p.repealed_paragraphs), provision=p)

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__ if name != "provision"}
