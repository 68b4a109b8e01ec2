"""Retrieval steps: exact references in the question, matching guides, and the ranked provisions to answer from."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from assistant.answering.ports import ProvisionSource
from assistant.answering.verify import CitationResolver
from assistant.citations import parse_citations
from assistant.numerals import article_label, int_to_cn
from assistant.statutes import STATUTE_CATEGORIES, Provision

log = logging.getLogger(__name__)

# Weights for ranking candidate provisions: an article the question names beats everything; an article that both
# retrieval and a matched guide point to beats one found by either alone.
_EXACT = 100.0
_GUIDE_WEIGHTS = (3.0, 1.0, 0.5)  # by the guide's rank among the matches
_DOCUMENT_REACH = 20  # how far past the first k_search hits an uploaded document may be
_SEARCH_TOP = 10.0  # the first search hit; later hits get less


@dataclass(slots=True)
class Basis:
    provision: Provision
    score: float
    reasons: list[str] = field(default_factory=list)  # "exact" | "guide:<id>" | "search"

    @property
    def is_statute(self) -> bool:
        return self.provision.is_article and self.provision.category in STATUTE_CATEGORIES


@dataclass(slots=True)
class ExactReferences:
    """Articles the question names: those that exist (in force) and those that do not."""

    found: list[Provision] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # user-facing sentences: 《劳动法》没有第一百零八条……
    missing_ids: list[str] = field(default_factory=list)


def exact_references(source: ProvisionSource, question: str) -> ExactReferences:
    out = ExactReferences()
    resolver = CitationResolver(source)
    for c in parse_citations(question, laws=source.laws):
        if not c.law:
            continue
        check = resolver.check(c)
        if check.verified and check.provision not in out.found:
            out.found.append(check.provision)
            continue
        if check.verified:
            continue
        label = f"《{c.law}》{article_label(c.article)}"
        if check.status == "repealed":
            sentence = f"你提到的{label}已经失效，不再适用；下面按现行规定回答。"
        elif check.status == "law_not_in_corpus":
            sentence = f"本法规库没有收录《{c.law}》，无法核对{article_label(c.article)}的内容。"
        elif check.provision is not None:  # the paragraph does not exist
            count = _paragraphs(check.provision)
            sentence = f"{check.label}不存在：{label}只有{'两' if count == 2 else int_to_cn(count)}款。"
        else:
            last = last_article(source, check.citation.law or c.law)
            tail = f"（现行《{c.law}》共{int_to_cn(last)}条）" if last else ""
            sentence = f"《{c.law}》没有{article_label(c.article)}{tail}，请核对条号。"
        if c.id not in out.missing_ids:
            out.missing.append(sentence)
            out.missing_ids.append(c.id or label)
    return out


def _paragraphs(p: Provision) -> int:
    from assistant.answering.verify import paragraph_count

    return paragraph_count(p.text)


def last_article(source: ProvisionSource, law: str, *, max_gap: int = 6, limit: int = 2000) -> int | None:
    """The highest article number of ``law`` (scanning up; tolerates a few missing numbers), or None."""
    last, misses, n = None, 0, 1
    while n <= limit and misses < max_gap:
        if source.provision_by_id(f"{law}#{n}") is not None:
            last, misses = n, 0
        else:
            misses += 1
        n += 1
    return last


def match_guides(question: str, k: int = 3) -> list:
    """``assistant.guides.classify``; an empty list when the guides are unavailable (answers still work)."""
    try:
        from assistant.guides import classify
    except ImportError:  # pragma: no cover - guides ship with the project
        return []
    try:
        return classify(question, k=k)
    except Exception:  # a broken guide file must not take answers down
        log.exception("guide classification failed")
        return []


def match_guides_with_model(question: str, chat_model, prompts_dir=None, k: int = 3) -> list:
    """Guides chosen by the language model from the catalog, for questions whose words matched none.

    Only known guide ids in the reply count; a failed call or an unusable reply means no guide, never an error.
    """
    if chat_model is None:
        return []
    try:
        from langchain_core.messages import HumanMessage

        from assistant.guides import GuideMatch, get_guide, guide_catalog, parse_guide_ids
        from assistant.llm import as_data, load_prompt, render_prompt

        prompt = render_prompt(load_prompt("classify_guides", prompts_dir), catalog=guide_catalog(),
                               question=as_data(question))
        reply = chat_model.invoke([HumanMessage(content=prompt)])
        ids = parse_guide_ids(str(reply.content), k)
        return [GuideMatch(guide=get_guide(i), score=1.0, matched=["语言模型选择"]) for i in ids]
    except Exception:  # the model is an optional helper here: on any failure, answer without a guide
        log.warning("guide classification by the language model failed")
        return []


_PLACE_SUFFIX = re.compile(r"(?:省|市|自治区|特别行政区)$")


def without_place_names(question: str, *places: str | None) -> str:
    """The question with the worker's place taken out: the place chooses which local rules apply (the search's
    filter); left in, 杭州市 would rank any 杭州市…条例 by its title, whatever the question is about."""
    for place in filter(None, places):
        for name in dict.fromkeys((place, _PLACE_SUFFIX.sub("", place))):
            if len(name) >= 2:
                question = question.replace(name, " ")
    return question


def matches_question(hit) -> bool:
    """Whether a search hit matches the question well enough to be offered as a basis: retrieval's relevance at or
    above its floor (a hit that only shares a common word with the question is not a basis). A hit nothing measured
    is kept."""
    from assistant.retrieval.tuning import RELEVANCE_FLOOR

    if "local" in (getattr(hit, "matched_by", None) or ()):
        return True  # the place's rule was matched against its own floor (LOCAL_FLOOR of the best national score)
    relevance = getattr(hit, "relevance", None)
    return relevance is None or relevance >= RELEVANCE_FLOOR


def gather_bases(source: ProvisionSource, question: str, guide_matches: list, exact: ExactReferences,
                 *, k_search: int = 10, province: str | None = None, city: str | None = None,
                 case: dict | None = None) -> list[Basis]:
    """Candidate provisions, best first: exact references, then articles found by search and named by guides.
    ``province`` / ``city``: the case's place (``CaseFacts.place``); search then offers that place's local rules
    beside the national articles, and never another place's. ``case``: the case facts as plain data, whose facts
    raise the articles search adds (read once, by the answer; corrections included).

    Repealed texts are dropped (answers rest on the law in force). Passages of cases and of a user's own documents
    are kept, after the articles, as material for the language model.
    """
    found: dict[str, Basis] = {}

    def add(p: Provision | None, score: float, reason: str) -> None:
        if p is None or not p.in_force:
            return
        basis = found.get(p.id)
        if basis is None:
            found[p.id] = Basis(p, score, [reason])
        else:
            basis.score += score
            basis.reasons.append(reason)

    for p in exact.found:
        add(p, _EXACT, "exact")
    try:
        place = {key: value for key, value in (("province", province), ("city", city)) if value}
        wide = source.search(without_place_names(question, province, city), k=k_search + _DOCUMENT_REACH,
                             **place, case=case)
    except Exception:
        log.exception("search failed")
        wide = []
    # The user's own documents found a little further down stay material for the model: the statutes' extra
    # ranked lists (guides, lay descriptions) would otherwise always bury a passage that matches on words alone.
    hits = list(wide[:k_search]) + [h for h in wide[k_search:] if getattr(h, "category", "") == "document"][:2]
    hits = [h for h in hits if matches_question(h)]
    for rank, hit in enumerate(hits):
        p = hit.provision if hit.provision is not None else source.provision_by_id(hit.id)
        add(p, _SEARCH_TOP / (1 + 0.35 * rank), "search")
    for g_rank, match in enumerate(guide_matches[: len(_GUIDE_WEIGHTS)]):
        weight = _GUIDE_WEIGHTS[g_rank]
        for a_rank, article in enumerate(match.guide.articles):
            add(source.provision_by_id(article), weight / (1 + 0.1 * a_rank), f"guide:{match.guide.id}")
    bases = sorted(found.values(), key=lambda b: (-b.score, b.provision.sort_key()))
    statutes = [b for b in bases if b.is_statute]
    others = [b for b in bases if not b.is_statute]
    return statutes + others
