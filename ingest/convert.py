"""A loaded file → its provisions: statutes one per article, other documents one per passage."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import DocumentRejected
from assistant.statutes import IN_FORCE, REPEALED, Category, Provision, article_id, passage_id, short_title
from ingest.documents import parse_document
from ingest.hostile import instruction_in
from ingest.manifest import ManifestEntry
from ingest.places import official_place, place_of_title
from ingest.statute_parser import parse_statute

MIN_ARTICLES = 2
NOT_STATUTES = {Category.DOCUMENT.value, Category.CASE.value}
_FILENAME_DATE = re.compile(r"[（(](\d{4}-\d{2}-\d{2})[)）]")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# 民法典 is filed book by book (中华人民共和国民法典（人格权编）); its articles are numbered across the books, so every
# book is one law, 民法典, and 第一千零一十条 is 民法典#1010 whichever file holds it.
_BOOK_OF_CODE = re.compile(r"（[^（）]{1,12}编）$")
_FOLDER_CATEGORY = {
    "行政法规": Category.ADMINISTRATIVE_REGULATION, "部门规章": Category.DEPARTMENTAL_RULE,
    "司法解释": Category.JUDICIAL_INTERPRETATION, "案例": Category.CASE, "cases": Category.CASE,
    "地方性法规": Category.LOCAL_REGULATION, "DLC": Category.LOCAL_REGULATION,
}


@dataclass
class DocumentInfo:
    law: str
    doc_title: str
    kind: str  # "statute" | "document"
    category: str
    issuer: str = ""
    version_date: str = ""
    status: str = IN_FORCE
    source: str = ""
    provisions: list[Provision] = field(default_factory=list)
    province: str = ""  # a local rule's place; "" for national texts
    city: str = ""


def convert(path: Path, text: str, entry: ManifestEntry | None = None, source: str | None = None) -> DocumentInfo:
    """Raises ``DocumentRejected`` for a statute whose text addresses a language model (it would be quoted as law;
    a plain document with such text stays data, fenced as data in every prompt)."""
    source = source or str(path)
    parsed = parse_statute(text, title=entry.title if entry else None)
    # Articles make a statute only with a title that names one, unless staff filed it as a document or case:
    # an uploader's own text is never quoted as a law in force.
    filed_as_document = bool(entry and entry.category in NOT_STATUTES)
    titled = bool((entry and entry.title) or parsed.title)
    if len(parsed.articles) >= MIN_ARTICLES and titled and not filed_as_document:
        found = instruction_in(text)
        if found:
            raise DocumentRejected(f"条文中含有针对 AI 的指令性文字（“{found[:20]}”），疑似恶意内容，不能作为法规导入")
        return _statute(path, parsed, entry, source)
    return _document(path, text, entry, source)


def _statute(path: Path, parsed, entry: ManifestEntry | None, source: str) -> DocumentInfo:
    doc_title = (entry.title if entry and entry.title else parsed.title) or path.stem
    doc_title = _BOOK_OF_CODE.sub("", _FILENAME_DATE.sub("", doc_title).strip())
    law = short_title(doc_title)
    province, city = place_for(entry, doc_title)
    category = (entry.category if entry and entry.category else _category(path, doc_title))
    if province and not (entry and entry.category):
        category = Category.LOCAL_REGULATION.value
    version_date = (entry.version_date if entry and entry.version_date else _version_date(path, parsed.header))
    status = REPEALED if (entry and entry.status == REPEALED) or parsed.repealed_hint else IN_FORCE
    issuer = entry.issuer if entry else ""
    info = DocumentInfo(law, doc_title, "statute", category, issuer, version_date, status, source,
                        province=province, city=city)
    place = {"province": province, "city": city} if province else {}
    seen: set[str] = set()
    for art in parsed.articles:
        if art.article in seen:  # a duplicated number in a source file: keep the first, never two ids
            continue
        seen.add(art.article)
        info.provisions.append(Provision(
            id=article_id(law, art.article), law=law, article=art.article, text=art.text, chapter=art.chapter,
            category=category, issuer=issuer, version_date=version_date, status=status, source=source,
            doc_title=doc_title, extra=dict(place),
        ))
    return info


def place_for(entry: ManifestEntry | None, doc_title: str) -> tuple[str, str]:
    """(province, city) of a local rule from its manifest row, else from its title; ("", "") when national."""
    if entry and entry.province:
        return official_place(entry.province, entry.city)
    return place_of_title(doc_title)


def _document(path: Path, text: str, entry: ManifestEntry | None, source: str) -> DocumentInfo:
    title, passages = parse_document(text)
    doc_title = (entry.title if entry and entry.title else title) or path.stem
    category = (entry.category if entry and entry.category else _category(path, doc_title, statute=False))
    info = DocumentInfo(doc_title, doc_title, "document", category, entry.issuer if entry else "",
                        entry.version_date if entry else _version_date(path, ""), IN_FORCE, source)
    for n, passage in enumerate(passages, start=1):
        info.provisions.append(Provision(
            id=passage_id(doc_title, n), law=doc_title, article=None, text=passage.text, chapter=passage.headings,
            category=category, issuer=info.issuer, version_date=info.version_date, status=IN_FORCE, source=source,
            doc_title=doc_title,
        ))
    return info


def _category(path: Path, title: str, statute: bool = True) -> str:
    for part in reversed(path.parts[:-1]):
        if part in _FOLDER_CATEGORY:
            return _FOLDER_CATEGORY[part].value
    if not statute:
        return Category.CASE.value if "案例" in title or "案" in path.stem[-2:] else Category.DOCUMENT.value
    if title.startswith("最高人民法院") or title.startswith("最高人民检察院"):
        return Category.JUDICIAL_INTERPRETATION.value
    if title.endswith("条例"):
        return Category.ADMINISTRATIVE_REGULATION.value
    if title.endswith(("规定", "办法", "细则", "规则")):
        return Category.DEPARTMENTAL_RULE.value
    if title.endswith(("通知", "意见", "决定")):
        return Category.POLICY.value
    if title.endswith(("法", "法典")):
        return Category.LAW.value
    return Category.DOCUMENT.value  # only a title that names a law makes a law


def _version_date(path: Path, header: str) -> str:
    m = _FILENAME_DATE.search(path.name)
    if m:
        return m.group(1)
    dates = [f"{y}-{int(mo):02d}-{int(d):02d}" for y, mo, d in _CN_DATE.findall(header)]
    return max(dates) if dates else ""
