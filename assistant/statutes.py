"""The statute model: a provision (one article, or one passage of a non-statute document) and its id.

Article ids read ``"{law}#{article}"``: ``劳动合同法#38``, ``刑法#276-1``,
``最高人民法院关于审理劳动争议案件适用法律问题的解释（一）#44``. ``law`` is the short title: the official title
without 中华人民共和国 (also inside book-title marks); judicial interpretations keep their full title.
Passages of other documents (cases, notices without articles, a user's PDF) get ``"{doc}§{n}"``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from assistant.numerals import article_label, article_sort_key

IN_FORCE = "in_force"
REPEALED = "repealed"


class Category(StrEnum):
    LAW = "law"
    ADMINISTRATIVE_REGULATION = "administrative_regulation"
    DEPARTMENTAL_RULE = "departmental_rule"
    JUDICIAL_INTERPRETATION = "judicial_interpretation"
    POLICY = "policy"
    LOCAL_REGULATION = "local_regulation"
    CASE = "case"
    DOCUMENT = "document"


STATUTE_CATEGORIES = {c.value for c in Category} - {Category.CASE.value, Category.DOCUMENT.value}

_PRC = "中华人民共和国"


def short_title(official_title: str) -> str:
    """劳动合同法 from 中华人民共和国劳动合同法; 实施《社会保险法》若干规定 keeps its inner title short too."""
    title = re.sub(r"\s+", "", official_title).strip("《》")
    title = title.replace("《" + _PRC, "《")
    if title.startswith(_PRC) and len(title) > len(_PRC):
        title = title[len(_PRC):]
    return title


def article_id(law: str, article: str) -> str:
    return f"{law}#{article}"


def label_of(provision_id: str) -> str:
    """劳动合同法#87 → 劳动合同法第八十七条: the article's name as a person writes it."""
    law, _, article = provision_id.partition("#")
    return f"{law}{article_label(article)}" if article else law


def passage_id(doc: str, n: int) -> str:
    return f"{doc}§{n}"


@dataclass(slots=True)
class Provision:
    """One retrievable unit: an article of a statute (every 款 and 项 kept) or a passage of another document."""

    id: str
    law: str  # short title of the statute, or the document title for passages
    article: str | None  # "38", "276-1"; None for passages
    text: str
    chapter: tuple[str, ...] = ()
    category: str = Category.LAW.value
    issuer: str = ""
    version_date: str = ""
    status: str = IN_FORCE
    source: str = ""
    doc_title: str = ""  # official full title
    extra: dict = field(default_factory=dict)

    @property
    def is_article(self) -> bool:
        return self.article is not None

    @property
    def in_force(self) -> bool:
        return self.status == IN_FORCE

    @property
    def repealed_paragraphs(self) -> dict[int, str]:
        """款 of this article a later text repealed: 款 number → the repealing provision's id (0: the whole article)."""
        return self.extra.get("repealed_paragraphs") or {}

    @property
    def label(self) -> str:
        """How a person cites it: 劳动合同法第三十八条."""
        if self.article is None:
            return self.law
        return f"{self.law}{article_label(self.article)}"

    @property
    def title(self) -> str:
        return self.label

    def sort_key(self) -> tuple:
        return (self.law, article_sort_key(self.article or ""), self.id)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["chapter"] = list(self.chapter)
        d["title"] = self.title
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Provision:
        d = dict(d)
        d.pop("title", None)
        d["chapter"] = tuple(d.get("chapter") or ())
        return cls(**d)
