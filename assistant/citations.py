"""The citation normalizer: every way people write a reference to an article → canonical ids.

Used everywhere a reference is read: exact-reference retrieval, answer verification, evals.

    >>> [c.id for c in parse_citations("依据《中华人民共和国劳动合同法》第三十八条第一款第（二）项")]
    ['劳动合同法#38']
    >>> [c.id for c in parse_citations("刑法第二百七十六条之一")]
    ['刑法#276-1']

Law names are recognised through a :class:`LawNames` registry (official titles, short titles and aliases); the
default one knows the labor statutes and their common abbreviations (``corpus/law_aliases.yaml``), and an index adds
every title it holds. A title in 《》 that the registry does not know is still parsed, so that a citation to a law
outside the corpus can be shown as unverified instead of being silently dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.statutes import article_id, short_title

NUM = rf"[0-9０-９]+|[{CN_NUMERAL_CHARS}]+"
_ELEM = rf"(?:第\s*)?(?:{NUM})(?:\s*条(?:\s*之\s*(?:{NUM}))?)?"
_SEP = r"\s*(?:、|，\s*(?=第)|,\s*(?=第)|和|及|以及|与|或者|或|至|到|~|～|—|－|-)\s*"
_GROUP = re.compile(
    rf"(?P<group>(?P<first>{_ELEM})(?:{_SEP}{_ELEM})*)"
    rf"(?:\s*第?\s*(?P<para>{NUM})\s*款)?"
    rf"(?:\s*第?\s*[（(]?\s*(?P<item>{NUM})\s*[)）]?\s*项)?"
)
_ELEM_RE = re.compile(rf"(?P<sep>至|到|~|～|—|－|-)?\s*(?P<di>第)?\s*(?P<n>{NUM})(?P<tiao>\s*条(?:\s*之\s*(?P<sub>{NUM}))?)?")
_TITLE_RE = re.compile(r"《([^《》\n]{2,80})》")
_FALLBACK_LAW = re.compile(
    r"([\u4e00-\u9fff（）()]{2,40}?(?:法典|法|条例|规定|办法|解释|通知|决定|细则|规则|意见))\s*(?=第?\s*(?:" + NUM + r")\s*条)"
)
_LEADING_VERBS = re.compile(r"^(?:根据|依据|依照|按照|参照|违反|适用|援引|引用|对照|结合|查|看|见|按|依|据|即|和|与|及|、)+")
_NOT_IN_TITLES = re.compile(r"[我你他她它的了是说问想看把被对向从在吗呢吧啊请]")
_BACK_REF = re.compile(r"(本法|该法|本条例|该条例|本规定|该规定|本办法|该办法|本解释|该解释|同法|前述法律)\s*$")
_SENTENCE_END = re.compile(r"[。！？!?\n；;]")
_MAX_RANGE = 30


@dataclass(frozen=True, slots=True)
class Citation:
    """One referenced article. ``law`` is canonical when the registry knows it, else as written (shortened)."""

    law: str | None
    article: str
    paragraph: int | None = None
    item: int | None = None
    raw: str = ""
    start: int = 0
    end: int = 0
    known_law: bool = False  # the law name resolved through the registry
    inferred_law: bool = False  # the law was not written next to the article (earlier mention or default)

    @property
    def id(self) -> str | None:
        return article_id(self.law, self.article) if self.law else None


class LawNames:
    """Alias → canonical law name, with longest-match scanning over free text."""

    def __init__(self) -> None:
        self._canonical: dict[str, str] = {}
        self._trie: dict = {}
        # (text, default law) → its citations: one question is parsed by the answer (the references it names, and
        # whether it asks for nothing else) and by search's exact match; names added later invalidate it
        self._parsed: dict[tuple[str, str | None], tuple[Citation, ...]] = {}

    def __contains__(self, name: str) -> bool:
        return self.canonical(name) is not None

    def __len__(self) -> int:
        return len(set(self._canonical.values()))

    def names(self) -> set[str]:
        return set(self._canonical.values())

    def add(self, canonical: str, *aliases: str) -> None:
        self._parsed.clear()
        for name in (canonical, *aliases):
            for form in _forms(name):
                if len(form) < 2:
                    continue
                self._canonical.setdefault(form, canonical)
                node = self._trie
                for ch in form:
                    node = node.setdefault(ch, {})
                node.setdefault("", canonical)

    def add_title(self, official_title: str, law: str | None = None) -> str:
        """Register a statute by its official title; returns its canonical short title."""
        law = law or short_title(official_title)
        self.add(law, official_title, *_generated_aliases(law))
        return law

    def canonical(self, name: str) -> str | None:
        name = re.sub(r"\s+", "", name).strip("《》")
        return self._canonical.get(name) or self._canonical.get(short_title(name))

    def find_all(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, canonical) law mentions, longest match first from the left."""
        found, i, n = [], 0, len(text)
        while i < n:
            node, j, hit = self._trie, i, None
            while j < n and text[j] in node:
                node = node[text[j]]
                j += 1
                if "" in node:
                    hit = (i, j, node[""])
            if hit:
                found.append(hit)
                i = hit[1]
            else:
                i += 1
        return found

    def copy(self) -> LawNames:
        other = LawNames()
        other._canonical = dict(self._canonical)
        other._trie = _copy_trie(self._trie)
        return other


def _copy_trie(node: dict) -> dict:
    return {k: (_copy_trie(v) if isinstance(v, dict) else v) for k, v in node.items()}


def _forms(name: str) -> set[str]:
    name = re.sub(r"\s+", "", name).strip("《》")
    forms = {name, short_title(name), name.replace("（", "(").replace("）", ")"), name.replace("(", "（").replace(")", "）")}
    return {f for f in forms if f}


_SPC = re.compile(
    r"^最高人民法院(?:、最高人民检察院)?关于(?:审理|办理|适用)?(?P<subject>.+?)(?:案件)?(?:适用法律)?(?:若干)?问题的(?P<kind>解释|规定)"
    r"(?:（(?P<n>[一二三四五六七八九十]+)）)?$"
)


def _generated_aliases(law: str) -> list[str]:
    """劳动争议解释（一）, 劳动争议解释一, 劳动争议司法解释（一） … for a judicial interpretation's full title."""
    m = _SPC.match(law)
    if not m:
        return []
    subject, kind, n = m.group("subject"), m.group("kind"), m.group("n")
    subject = subject.removeprefix("审理").removesuffix("案件")
    bases = {f"{subject}{kind}", f"{subject}司法{kind}", f"{subject}案件{kind}"}
    if not n:
        return sorted(bases)
    return sorted({f"{b}（{n}）" for b in bases} | {f"{b}{n}" for b in bases} | {f"{b}({n})" for b in bases})


@functools.cache
def default_law_names() -> LawNames:
    """The labor statutes and their common abbreviations, from ``corpus/law_aliases.yaml``."""
    from assistant.yamlfile import load_yaml

    names = LawNames()
    path = Path(__file__).resolve().parent.parent / "corpus" / "law_aliases.yaml"
    data = load_yaml(path) if path.exists() else {}
    for law, aliases in (data or {}).items():
        names.add_title(law)
        names.add(short_title(law), *(aliases or []))
    return names


def law_names_with(statutes: Iterable[tuple[str, str]]) -> LawNames:
    """The default registry plus these statutes, given as (official title, canonical short title) pairs: the names
    an index over a corpus recognises."""
    names = default_law_names().copy()
    for title, law in statutes:
        names.add_title(title or law, law)
    return names


_MEMO_CHARS = 4000  # questions and short texts are remembered; a whole answer or document is parsed once anyway
_MEMO_SIZE = 512


def parse_citations(text: str, laws: LawNames | None = None, default_law: str | None = None) -> list[Citation]:
    """Every article reference in ``text``, in order, lists and ranges expanded (第三十五至三十七条 → 35, 36, 37)."""
    laws = laws if laws is not None else default_law_names()  # not `or`: truth-testing counts every name
    key = (text, default_law)
    found = laws._parsed.get(key)
    if found is None:
        found = tuple(_parse(text, laws, default_law))
        if len(text) <= _MEMO_CHARS:
            if len(laws._parsed) >= _MEMO_SIZE:
                laws._parsed.clear()
            laws._parsed[key] = found
    return list(found)


def _parse(text: str, laws: LawNames, default_law: str | None) -> list[Citation]:
    mentions = _law_mentions(text, laws)
    citations: list[Citation] = []
    for m in _GROUP.finditer(text):
        group = m.group("group")
        if "条" not in group:
            continue
        law, known, inferred = _law_for(text, m.start(), mentions, citations, default_law)
        starts_with_di = m.group("first").lstrip().startswith("第")
        adjacent = law is not None and not inferred
        if not starts_with_di and not adjacent:
            continue  # "3条建议" is not a citation; "劳动合同法38条" is
        articles = _expand(group)
        if not articles:
            continue
        para = _num(m.group("para"))
        item = _num(m.group("item"))
        for k, art in enumerate(articles):
            last = k == len(articles) - 1
            citations.append(Citation(
                law=law, article=art, paragraph=para if last else None, item=item if last else None,
                raw=m.group(0), start=m.start(), end=m.end(), known_law=known, inferred_law=inferred,
            ))
    return citations


def parse_citation(text: str, laws: LawNames | None = None, default_law: str | None = None) -> Citation | None:
    found = parse_citations(text, laws, default_law)
    return found[0] if found else None


def normalize_citation(text: str, laws: LawNames | None = None, default_law: str | None = None) -> str | None:
    """The canonical id of the first reference in ``text``: 《中华人民共和国劳动合同法》第三十八条 → 劳动合同法#38."""
    c = parse_citation(text, laws, default_law)
    return c.id if c else None


def _num(s: str | None) -> int | None:
    return cn_to_int(s) if s else None


def _expand(group: str) -> list[str]:
    elems = list(_ELEM_RE.finditer(group))
    # elements after the last one carrying 条 are not article numbers ("第三条、五个人")
    last_tiao = max((i for i, e in enumerate(elems) if e.group("tiao")), default=-1)
    out: list[str] = []
    for e in elems[: last_tiao + 1]:
        n = cn_to_int(e.group("n"))
        sub = e.group("sub")
        art = f"{n}-{cn_to_int(sub)}" if sub else str(n)
        if e.group("sep") and out and not sub and "-" not in out[-1]:
            lo = int(out[-1])
            if lo < n <= lo + _MAX_RANGE:
                out.extend(str(x) for x in range(lo + 1, n + 1))
                continue
        if n > 0:
            out.append(art)
    return list(dict.fromkeys(out))


def _law_mentions(text: str, laws: LawNames) -> list[tuple[int, int, str, bool]]:
    """(start, end, law, known) for every law named in the text; where mentions overlap the longest wins
    (实施《中华人民共和国社会保险法》若干规定 is one law, not 社会保险法)."""
    candidates: list[tuple[int, int, str, bool]] = []
    for m in _TITLE_RE.finditer(text):
        canon = laws.canonical(m.group(1))
        candidates.append((m.start(), m.end(), canon or short_title(m.group(1)), canon is not None))
    candidates.extend((s, e, canon, True) for s, e, canon in laws.find_all(text))
    chosen: list[tuple[int, int, str, bool]] = []

    def take(cands) -> None:
        for cand in sorted(cands, key=lambda c: (-(c[1] - c[0]), not c[3], c[0])):
            if not any(c[0] < cand[1] and cand[0] < c[1] for c in chosen):
                chosen.append(cand)

    take(candidates)  # longest first; among equals the registry's (known) reading
    guesses = []  # an unknown name right before 第N条 only where nothing better was found
    for m in _FALLBACK_LAW.finditer(text):
        # the name starts after the last word that cannot be part of a title (我想问民法典 → 民法典)
        name = _LEADING_VERBS.sub("", _NOT_IN_TITLES.split(m.group(1))[-1])
        for open_, close in (("（", "）"), ("(", ")")):  # an opening bracket before the name is not part of it
            if name.count(open_) > name.count(close):
                name = name[name.rfind(open_) + 1:]
        if len(name) >= 2 and not _BACK_REF.search(name):
            e = m.end(1)
            guesses.append((e - len(name), e, short_title(name), False))
    take(guesses)
    return sorted(chosen)


def _law_for(text, pos, mentions, previous, default_law):
    """The law an article reference at ``pos`` belongs to: (law, known, inferred)."""
    before = [m for m in mentions if m[1] <= pos]
    gap_text = text[before[-1][1]:pos] if before else ""
    if before and len(gap_text.strip()) <= 4 and not _SENTENCE_END.search(gap_text):
        s, e, law, known = before[-1]
        return law, known, False
    head = text[max(0, pos - 8):pos]
    if _BACK_REF.search(head) and (before or previous):
        if previous and (not before or previous[-1].start > before[-1][1]):
            return previous[-1].law, previous[-1].known_law, True
        return before[-1][2], before[-1][3], True
    if before:
        return before[-1][2], before[-1][3], True
    if previous:
        return previous[-1].law, previous[-1].known_law, True
    if default_law:
        return default_law, True, True
    return None, False, True
