"""Issue guides: the project's own practical legal knowledge for the common labor problems, and a lexical classifier.

Each guide lives in ``corpus/guides/<id>.yaml`` (plain Chinese, the project's own words). A guide names the articles
that decide the problem as ids (``劳动合同法#38``) that must resolve in the statute corpus; rules that are not in the
corpus are named in prose only (``outside_rules``).

:func:`classify` maps a worker's question to guides by weighted keyword and phrase matching. It is offline, needs no
model and no index, and returns the matched terms so a caller can show why a guide was chosen.

    >>> sorted(m.guide.id for m in classify("老板三个月没发工资了，我想辞职还能要补偿吗", k=2))
    ['forced_resignation', 'wage_arrears']
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

GUIDES_DIR = Path(__file__).resolve().parent.parent / "corpus" / "guides"

# Ids other modules own (drafting, calculators); guides may only name these, so a typo fails at load time.
DOCUMENT_TYPES = frozenset({
    "arbitration_application", "inspection_complaint", "resignation_notice", "union_reminder_letter",
    "union_opinion_letter", "union_suggestion_letter", "procuratorate_referral", "legal_aid_application",
})
CALCULATOR_KINDS = frozenset({
    "economic_compensation", "unlawful_termination", "notice_pay", "double_wage", "overtime", "annual_leave",
    "maternity_leave", "probation", "work_injury", "deadline", "sick_pay", "service_period_penalty", "mass_layoff",
    "wage_rates",
})

# Questions longer than this are classified on their first part only: a question states its problem early, and the
# cap keeps a pasted 100k-character document from costing more than a normal question.
MAX_CLASSIFY_CHARS = 4000
DEFAULT_MIN_SCORE = 2.0

_ARTICLE_ID = re.compile(r"^[^#\s]+#\d+(?:-\d+)?$")
_GUIDE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_GAP = "…"  # in a keyword, "没…工资" matches 没 followed by 工资 within a few characters
_GAP_CHARS = 8
_CJK = "\u2018-\u201d\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader parses the guides ~10x faster


class GuideError(ValueError):
    """A guide file is missing, unreadable or invalid (message in Chinese, names the file)."""


class Channel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="渠道名称，如 劳动保障监察（12333）")
    how: str = Field(min_length=1, description="怎么用这个渠道")


_NAMED_LISTS = {"documents": (DOCUMENT_TYPES, "文书类型"), "calculators": (CALCULATOR_KINDS, "计算器")}


class Guide(BaseModel):
    """One common problem: when it applies, the deciding articles, what to ask, do, keep and file, and by when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str = Field(min_length=2)
    summary: str = Field(min_length=10)
    applies_when: list[str] = Field(min_length=1)
    keywords: list[str] = Field(min_length=3, description="问题里常见的说法；“没…工资”表示中间可隔几个字")
    articles: list[str] = Field(min_length=1, description="决定这个问题的条文 id，必须在法规库中存在")
    outside_rules: list[str] = Field(default_factory=list, description="法规库以外的相关规定，只在文字中提及")
    ask_about: list[str] = Field(min_length=1)
    steps: list[str] = Field(min_length=1)
    evidence: list[str] = Field(default_factory=list)
    deadlines: list[str] = Field(default_factory=list)
    channels: list[Channel] = Field(min_length=1)
    documents: list[str] = Field(default_factory=list)
    calculators: list[str] = Field(default_factory=list)
    local_rules: list[str] = Field(default_factory=list)
    is_summary_of_unpublished_rules: bool = False
    notice: str = Field("", description="必须向用户显示的提示，例如“本指南是根据公开报道整理的摘要”")
    sources: list[str] = Field(default_factory=list, description="摘要所依据的公开报道")

    @field_validator("id")
    @classmethod
    def _id_is_snake_case(cls, value: str) -> str:
        if not _GUIDE_ID.match(value):
            raise ValueError(f"指南 id 须为小写英文加下划线：{value!r}")
        return value

    @field_validator("articles")
    @classmethod
    def _article_ids(cls, value: list[str]) -> list[str]:
        bad = [a for a in value if not _ARTICLE_ID.match(a)]
        if bad:
            raise ValueError(f"条文 id 格式应为“法律简称#条号”：{bad}")
        if len(set(value)) != len(value):
            raise ValueError("条文 id 重复")
        return value

    @field_validator("documents", "calculators")
    @classmethod
    def _known_names(cls, value: list[str], info: ValidationInfo) -> list[str]:
        allowed, what = _NAMED_LISTS[info.field_name]
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise ValueError(f"未知的{what}：{unknown}")
        return value

    @field_validator("keywords")
    @classmethod
    def _clean_keywords(cls, value: list[str]) -> list[str]:
        # NFKC turns "…" into "...": restore the gap mark after normalising (a "*" also marks a gap)
        cleaned = [_normalize(k).replace("...", _GAP).replace("*", _GAP) for k in value]
        if any(len(k.replace(_GAP, "")) < 2 for k in cleaned):
            raise ValueError("关键词至少两个字")
        return cleaned

    @field_validator("summary", "notice")
    @classmethod
    def _join_folded_lines(cls, value: str) -> str:
        # YAML folds a line break into a space, which Chinese text must not have: drop spaces between CJK characters
        return _CJK_SPACE.sub("", value.strip())

    @model_validator(mode="after")
    def _summary_is_labeled(self) -> Guide:
        if self.is_summary_of_unpublished_rules and not ("摘要" in self.notice and "不是" in self.notice):
            raise ValueError("根据公开报道整理的摘要必须在 notice 中写明它是摘要、不是官方文本")
        return self

    def as_text(self) -> str:
        """The guide as plain Chinese markdown: for offline answers, display and retrieval."""
        parts = [f"## {self.title}", self.summary]
        if self.notice:
            parts.append(f"> {self.notice}")
        sections = [
            ("适用情形", self.applies_when), ("需要了解的情况", self.ask_about), ("可以怎么做", self.steps),
            ("需要准备的证据", self.evidence), ("时限", self.deadlines),
            ("求助渠道", [f"{c.name}：{c.how}" for c in self.channels]),
            ("相关规定（法规库以外）", self.outside_rules), ("取决于地方标准的事项", self.local_rules),
        ]
        for heading, items in sections:
            if items:
                parts.append(f"### {heading}\n" + "\n".join(f"- {item}" for item in items))
        return "\n\n".join(parts)


class GuideMatch(BaseModel):
    """A guide chosen for a question: the score (sum of matched term weights) and the terms that matched.

    ``reason`` says in Chinese which fact of the case chose the guide when the facts, not the words, decided
    (``assistant.answering.routing``); it is empty for a purely lexical match.
    """

    model_config = ConfigDict(frozen=True)

    guide: Guide
    score: float
    matched: list[str]
    reason: str = ""


def _normalize(text: str) -> str:
    """Full-width to half-width, lower case, no white space: how both questions and keywords are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower())


def load_guides(dir: Path | str | None = None) -> list[Guide]:  # noqa: A002 (the contract names it dir)
    """Every guide in ``dir`` (default: the project's ``corpus/guides``), sorted by id. Raises :class:`GuideError`."""
    folder = Path(dir) if dir is not None else GUIDES_DIR
    if dir is None:
        return list(_load_default())
    return _load_folder(folder)


@functools.cache
def _load_default() -> tuple[Guide, ...]:
    return tuple(_load_folder(GUIDES_DIR))


def reload_guides() -> None:
    """Forget the cached project guides (after staff edit a guide file) so the next call reads them again."""
    _load_default.cache_clear()
    _default_terms.cache_clear()
    _classify_default.cache_clear()


def _load_folder(folder: Path) -> list[Guide]:
    if not folder.is_dir():
        raise GuideError(f"找不到指南目录：{folder}")
    guides: dict[str, Guide] = {}
    for path in sorted(folder.glob("*.yaml")):
        guide = _load_file(path)
        if guide.id in guides:
            raise GuideError(f"指南 id 重复：{guide.id}（{path.name}）")
        guides[guide.id] = guide
    return sorted(guides.values(), key=lambda g: g.id)


def _load_file(path: Path) -> Guide:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)  # noqa: S506 (a safe loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise GuideError(f"指南文件无法读取：{path.name}：{exc}") from exc
    if not isinstance(data, dict):
        raise GuideError(f"指南文件内容应为键值结构：{path.name}")
    if data.get("id") != path.stem:
        raise GuideError(f"指南 id 应与文件名一致：{path.name} 中的 id 为 {data.get('id')!r}")
    try:
        return Guide.model_validate(data)
    except ValueError as exc:
        raise GuideError(f"指南文件内容不合格：{path.name}：{exc}") from exc


def get_guide(id: str) -> Guide:  # noqa: A002 (the contract names it id)
    """The guide with this id from the project's guides; ``KeyError`` (message in Chinese) when there is none."""
    for guide in _load_default():
        if guide.id == id:
            return guide
    raise KeyError(f"没有这个指南：{id!r}")


def guides_citing(article_id: str) -> list[Guide]:
    """The project's guides that name ``article_id`` among their key articles (retrieved article → practical guide)."""
    return [g for g in _load_default() if article_id in g.articles]


# ---- helpers for a language-model classifier (the prompt itself lives in prompts/, owned by the answer pipeline)


def guide_catalog(guides: list[Guide] | None = None) -> str:
    """One line per guide, ``id：标题（适用：…）``, for a prompt that asks a model to pick guides."""
    guides = list(_load_default()) if guides is None else guides
    return "\n".join(f"{g.id}：{g.title}（适用：{'；'.join(g.applies_when[:2])}）" for g in guides)


_ID_TOKEN = re.compile(r"[a-z][a-z0-9_]*")


def parse_guide_ids(text: str, k: int = 3, guides: list[Guide] | None = None) -> list[str]:
    """Known guide ids named in a model's reply, first mention first, at most ``k``; anything else is ignored."""
    known = {g.id for g in (_load_default() if guides is None else guides)}
    found: list[str] = []
    for token in _ID_TOKEN.findall((text or "").lower()):
        if token in known and token not in found:
            found.append(token)
    return found[:max(k, 0)]


# ---- the classifier -------------------------------------------------------------------------------------------


class _Term:
    __slots__ = ("text", "weight", "pattern")

    def __init__(self, text: str, weight: float):
        self.text, self.weight = text, weight
        self.pattern = None
        if _GAP in text:
            pieces = [re.escape(p) for p in text.split(_GAP) if p]
            self.pattern = re.compile(f".{{0,{_GAP_CHARS}}}?".join(pieces))

    def span(self, text: str) -> tuple[int, int] | None:
        """Where the term first occurs in ``text``, or None."""
        if self.pattern:
            m = self.pattern.search(text)
            return m.span() if m else None
        i = text.find(self.text)
        return (i, i + len(self.text)) if i >= 0 else None


@functools.cache
def _default_terms() -> tuple[tuple[Guide, tuple[_Term, ...]], ...]:
    return _build_terms(_load_default())


def _build_terms(guides: tuple[Guide, ...]) -> tuple[tuple[Guide, tuple[_Term, ...]], ...]:
    """Weight each keyword by specificity: longer phrases weigh more, terms shared by many guides weigh less."""
    doc_freq: dict[str, int] = {}
    for guide in guides:
        for kw in set(guide.keywords):
            doc_freq[kw] = doc_freq.get(kw, 0) + 1
    n = max(len(guides), 1)
    built = []
    for guide in guides:
        terms = []
        for kw in dict.fromkeys(guide.keywords):
            length = len(kw.replace(_GAP, ""))
            specificity = 1.0 + 0.5 * min(length - 2, 4)
            rarity = math.log(1 + n / doc_freq[kw]) / math.log(1 + n)
            terms.append(_Term(kw, round(2.0 * specificity * rarity, 4)))
        built.append((guide, tuple(terms)))
    return tuple(built)


def classify(question: str, k: int = 3, *, min_score: float = DEFAULT_MIN_SCORE,
             guides: list[Guide] | None = None) -> list[GuideMatch]:
    """The ``k`` guides that best fit ``question``, best first; empty when nothing fits (out-of-scope text).

    Only the first :data:`MAX_CLASSIFY_CHARS` characters are read. ``guides`` replaces the project's guides (tests,
    staff-added guides).
    """
    if not isinstance(question, str):
        raise TypeError("问题应为文本")
    if k <= 0:
        return []
    text = _normalize(question[:MAX_CLASSIFY_CHARS])
    if not text:
        return []
    if guides is None:
        return list(_classify_default(text, min_score)[:k])
    return _ranked(text, _build_terms(tuple(guides)), min_score)[:k]


@functools.lru_cache(maxsize=256)
def _classify_default(text: str, min_score: float) -> tuple[GuideMatch, ...]:
    """Every project guide that fits, ranked. One question is classified by the answer and again by search's
    routing: the second is a lookup."""
    return tuple(_ranked(text, _default_terms(), min_score))


def _ranked(text: str, table: tuple[tuple[Guide, tuple[_Term, ...]], ...], min_score: float) -> list[GuideMatch]:
    matches = []
    for guide, terms in table:
        hits = [(t, span) for t in terms if (span := t.span(text))]
        counted: list[tuple[_Term, tuple[int, int]]] = []
        # a keyword found inside a longer match ("工资" inside "拖欠工资") says nothing new: count the longer one only
        for term, (a, b) in sorted(hits, key=lambda h: h[1][0] - h[1][1]):
            if not any(c0 <= a and b <= c1 for _, (c0, c1) in counted):
                counted.append((term, (a, b)))
        score = round(sum(t.weight for t, _ in counted), 3)
        if counted and score >= min_score:
            matches.append(GuideMatch(guide=guide, score=score, matched=[t.text for t, _ in counted]))
    matches.sort(key=lambda m: (-m.score, m.guide.id))
    return matches


__all__ = [
    "CALCULATOR_KINDS", "DOCUMENT_TYPES", "Channel", "Guide", "GuideError", "GuideMatch", "classify", "get_guide",
    "guide_catalog", "guides_citing", "load_guides", "parse_guide_ids", "reload_guides",
]
