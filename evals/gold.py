"""Gold article ids for eval items, with the renamings and repeals that upstream labels predate.

Upstream eval data names laws by short title and integer article numbers. The project's ids are
``"{law}#{article}"`` with ``law`` canonical in the citation registry (``assistant.citations``). Three kinds of
mismatch are handled here, each listed explicitly so that a change to them is a reviewed edit:

* a misspelt law title (``LAW_RENAMES``);
* an article of a repealed text whose content moved to a new article (``MOVED_ARTICLES``). The 2020 劳动争议司法解释
  （一） consolidated the earlier interpretations, which were repealed on 2021-01-01; only the moves verified
  against the text are listed;
* a law the registry does not know: its id is kept as written, so it shows up as "gold not in the corpus" instead
  of silently disappearing.
"""

from __future__ import annotations

from assistant.citations import LawNames, default_law_names
from assistant.statutes import article_id

SPC_LABOR_1 = "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）"
SPC_LABOR_3_REPEALED = "最高人民法院关于审理劳动争议案件适用法律若干问题的解释（三）"
SPC_LABOR_2001_REPEALED = "最高人民法院关于审理劳动争议案件适用法律若干问题的解释"

LAW_RENAMES: dict[str, str] = {
    "劳动争议仲裁调解法": "劳动争议调解仲裁法",
}

# (repealed law, article) → (law in force, article)
MOVED_ARTICLES: dict[tuple[str, str], tuple[str, str]] = {
    (SPC_LABOR_3_REPEALED, "8"): (SPC_LABOR_1, "32"),
    # 加班事实的举证责任: same sentence, quoted as 解释（三）第九条 in casegen-0470
    (SPC_LABOR_3_REPEALED, "9"): (SPC_LABOR_1, "42"),
    # 开除、除名、辞退…用人单位负举证责任: the 2001 interpretation's 第十三条, now 解释（一）第四十四条
    (SPC_LABOR_2001_REPEALED, "13"): (SPC_LABOR_1, "44"),
}


def canonical_law(law: str, laws: LawNames | None = None) -> str:
    law = LAW_RENAMES.get(law, law)
    names = laws or default_law_names()
    return names.canonical(law) or law


def gold_id(law: str, article: str | int, laws: LawNames | None = None) -> str:
    """The project id for an upstream (law, article) label: 劳动合同法, 7 → 劳动合同法#7."""
    article = str(article).strip()
    law = LAW_RENAMES.get(law, law)
    moved = MOVED_ARTICLES.get((law, article))
    if moved:
        law, article = moved
    return article_id(canonical_law(law, laws), article)


def canonical_id(provision_id: str, laws: LawNames | None = None) -> str:
    """Canonicalise an id written by hand (``劳动合同法实施条例#10``, ``劳动争议解释（一）#32``)."""
    if "#" not in provision_id:
        return provision_id
    law, article = provision_id.rsplit("#", 1)
    return gold_id(law, article, laws)


def law_of(provision_id: str) -> str:
    return provision_id.rsplit("#", 1)[0] if "#" in provision_id else provision_id
