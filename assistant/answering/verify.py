"""Verification: every article reference in a text is resolved against the corpus before a user sees it.

- exists and in force → kept, attached with its text (``verified``);
- does not exist (劳动法第一百零八条), repealed, law not in the corpus, or no law named → marked 「未核实」 right
  after the reference and reported in ``warnings``;
- a passage in “” or 「」 attributed to an article that differs from the article text → its quote marks are removed,
  so it is not shown as the law's words (and a warning says so).

:func:`verify_segment` works on a part of a growing text (the citations are parsed over the whole prefix so that
本法/该法 back-references resolve), which lets the streaming path verify sentence by sentence; verifying a whole text
is the same call with ``start=0``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from assistant.answering.models import CitedProvision
from assistant.citations import parse_citations
from assistant.numerals import CN_NUMERAL_CHARS, int_to_cn
from assistant.statutes import Provision

# the checks themselves are shared with drafted documents (one verdict for one reference)
from assistant.verification import (  # noqa: F401  (re-exported for the answer pipeline)
    REPEALED_MARK,
    UNVERIFIED_MARK,
    CitationCheck,
    CitationResolver,
    paragraph_count,
    warning_for,
)

# A misquote loses its quote marks, so it no longer reads as the law's words; the text says nothing more (a note
# such as "（转述，非法条原文）" is the verifier's jargon, not the worker's) and ``warnings`` records what changed.
PARAPHRASE_NOTE = ""

# A quotation: “…”, 「…」 or "…" of at least four characters (shorter ones are terms, not passages).
_QUOTE = re.compile(r"“([^“”]{4,}?)”|「([^「」]{4,}?)」|\"([^\"\n]{4,}?)\"")
_OWN_MARKS = ("未核实", "已失效，未核实", "其中")
_ATTRIBUTION_BEFORE = 8  # "第三十八条第一款明确规定：“" — words between a reference and the quote after it
_ATTRIBUTION_AFTER = 3  # "”（《劳动合同法》第三十八条）" — words (law names aside) between a quote and the reference
_MIN_QUOTE_CHARS = 8  # “个人原因辞职” is a term, not a quoted passage
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_NUMBERED_REF = re.compile(r"[\[【](\d{1,2})[\]】]")


@dataclass(slots=True)
class VerifiedText:
    text: str
    checks: list[CitationCheck] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def verify_segment(full_text: str, start: int, resolver: CitationResolver,
                   numbered: list[Provision] | None = None, default_law: str | None = None) -> VerifiedText:
    """Verify ``full_text[start:]`` (references before ``start`` only give context); returns the new segment text.

    ``default_law``: the law of a bare "第四十六条" when no law was named before it.
    """
    segment_offset = start
    text = _replace_numbered_refs(full_text, start, numbered) if numbered else full_text
    citations = parse_citations(text, laws=resolver.laws, default_law=default_law)
    checks = [resolver.check(c) for c in citations]
    inserts: list[tuple[int, str]] = []  # a mark right after each unverified article
    warnings: list[str] = []
    # where each article's number ends inside its reference ("第三十八条、第一百零八条": two places); a list that
    # began in an earlier segment is revisited, and only its articles inside this segment are handled here
    seg_checks: list[CitationCheck] = []
    group_sizes: dict[tuple[int, int], int] = {}
    for ch in checks:
        key = (ch.citation.start, ch.citation.end)
        group_sizes[key] = group_sizes.get(key, 0) + 1
    for ch in checks:
        c = ch.citation
        if c.end <= segment_offset:
            continue
        single = group_sizes[(c.start, c.end)] == 1  # 第三十八条第一款第（二）项: mark after the whole reference
        at = c.end if single else _article_end(text, c.start, c.end, c.article)
        if at <= segment_offset:
            continue
        seg_checks.append(ch)
        if not ch.verified:
            inserts.append((at, ch.mark))
            warnings.append(warning_for(ch))
    inserts = sorted(set(inserts))
    replacements: list[tuple[int, int, str]] = []  # misquotes: (start, end, paraphrase)
    for m in _QUOTE.finditer(text):
        if m.start() < segment_offset:
            continue
        inner = next(g for g in m.groups() if g is not None)
        if inner.startswith(_OWN_MARKS) or len(_comparable(inner)) < _MIN_QUOTE_CHARS:
            continue
        attributed = _attributed_checks(text, m.start(), m.end(), checks, resolver.laws)
        if not attributed:
            continue
        if all(ch.verified for ch in attributed) and quote_matches(inner, [ch.provision for ch in attributed]):
            continue
        replacements.append((m.start(), m.end(), inner))
        labels = "、".join(dict.fromkeys(ch.label for ch in attributed))
        warnings.append(f"引用“{_short(inner)}”与{labels}的原文不符或无法核对，已改为转述。")
    new_text = _apply(text, inserts, replacements)
    return VerifiedText(new_text[segment_offset:], seg_checks, list(dict.fromkeys(warnings)))


def verify_text(text: str, resolver: CitationResolver, numbered: list[Provision] | None = None,
                default_law: str | None = None) -> VerifiedText:
    return verify_segment(text, 0, resolver, numbered, default_law)


def verify_lines(text: str, resolver: CitationResolver, default_law: str | None = None) -> VerifiedText:
    """Each line on its own: a law named on one line never decides what a bare article number means on another."""
    out = VerifiedText("")
    lines = []
    for line in text.split("\n"):
        v = verify_text(line, resolver, default_law=default_law)
        lines.append(v.text)
        out.checks.extend(v.checks)
        out.warnings.extend(w for w in v.warnings if w not in out.warnings)
    out.text = "\n".join(lines)
    return out


def reference_ends(text: str, resolver: CitationResolver,
                   default_law: str | None = None) -> list[tuple[int, CitationCheck]]:
    """Where each article reference of ``text`` ends (after its 条, or after the whole 款/项 reference), with its
    check: the place for the inline marker [n] that leads to the article."""
    citations = parse_citations(text, laws=resolver.laws, default_law=default_law)
    sizes: dict[tuple[int, int], int] = {}
    for c in citations:
        sizes[(c.start, c.end)] = sizes.get((c.start, c.end), 0) + 1
    out = []
    for c in citations:
        at = c.end if sizes[(c.start, c.end)] == 1 else _article_end(text, c.start, c.end, c.article)
        out.append((at, resolver.check(c)))
    return out


def citations_of(checks: list[CitationCheck]) -> list[CitedProvision]:
    """One entry per article referenced, in order of first mention; verified ones carry the article text."""
    out: dict[str, CitedProvision] = {}
    for ch in checks:
        c = ch.citation
        key = ch.provision.id if ch.provision is not None else (c.id or f"?#{c.article}")
        if key in out:
            continue
        p = ch.provision if ch.verified else None
        out[key] = CitedProvision(
            id=key, law=(p.law if p else c.law) or "", article=(p.article if p else c.article),
            text=p.text if p else "", verified=ch.verified, status=ch.status,
            label=p.label if p else ch.label,
            repealed_paragraphs=dict(ch.provision.repealed_paragraphs) if ch.provision is not None else {},
        )
    return list(out.values())


def quote_matches(quote: str, provisions: list[Provision | None]) -> bool:
    """True when every fragment of the quote (split at ellipses) appears, punctuation aside, in the articles."""
    source = "".join(_comparable(p.text) for p in provisions if p is not None)
    fragments = [_comparable(f) for f in re.split(r"……|…|\.\.\.|⋯⋯|⋯", quote)]
    fragments = [f for f in fragments if f]
    return bool(source) and bool(fragments) and all(f in source for f in fragments)


def _comparable(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch.isalnum())


def _attributed_checks(text: str, q_start: int, q_end: int, checks: list[CitationCheck], laws) -> list[CitationCheck]:
    """The references a quotation is attributed to: right before it (…第三十八条规定：“…”) or right after it."""
    def words(gap: str) -> int:
        for s, e, _ in sorted(laws.find_all(gap), key=lambda t: -t[0]):
            gap = gap[:s] + gap[e:]
        return len(re.sub(r"《[^》]*》|[^\w]", "", gap))

    before = [ch for ch in checks if 0 <= q_start - ch.citation.end <= 3 * _ATTRIBUTION_BEFORE
              and not _SENTENCE_END.search(text[ch.citation.end:q_start])
              and words(text[ch.citation.end:q_start]) <= _ATTRIBUTION_BEFORE]
    if before:
        last_end = max(ch.citation.end for ch in before)
        return [ch for ch in before if ch.citation.end == last_end]
    after = [ch for ch in checks if 0 <= ch.citation.start - q_end <= 60
             and not _SENTENCE_END.search(text[q_end:ch.citation.start])
             and words(text[q_end:ch.citation.start]) <= _ATTRIBUTION_AFTER]
    if after:
        first_start = min(ch.citation.start for ch in after)
        return [ch for ch in after if ch.citation.start == first_start]
    return []


def _article_end(text: str, start: int, end: int, article: str) -> int:
    """End of ``article``'s number (with 条/之X) inside the reference ``text[start:end]``; ``end`` if not found."""
    main, _, sub = article.partition("-")
    forms = [int_to_cn(int(main)), main]
    group = text[start:end]
    for form in forms:
        pattern = rf"(?<![{CN_NUMERAL_CHARS}0-9]){form}(?![{CN_NUMERAL_CHARS}0-9])\s*(?:条)?"
        if sub:
            pattern += rf"\s*之\s*(?:{int_to_cn(int(sub))}|{sub})"
        m = re.search(pattern, group)
        if m:
            return start + m.end()
    return end


def _replace_numbered_refs(text: str, start: int, numbered: list[Provision]) -> str:
    """``[2]`` / ``【2】`` pointing at the prompt's numbered provisions → the article's name, so it is checkable.

    Only the part from ``start`` on changes, so positions before it stay valid.
    """
    def repl(m: re.Match) -> str:
        n = int(m.group(1))
        return f"（{numbered[n - 1].label}）" if 1 <= n <= len(numbered) else m.group(0)

    return text[:start] + _NUMBERED_REF.sub(repl, text[start:])


def _apply(text: str, inserts: list[tuple[int, str]], replacements: list[tuple[int, int, str]]) -> str:
    """Insert the marks and turn misquotes into paraphrases; marks inside a misquote stay inside its paraphrase."""
    pieces: list[str] = []
    pos = 0
    pending = sorted(inserts)
    for q_start, q_end, inner in sorted(replacements):
        while pending and pending[0][0] <= q_start:
            at, mark = pending.pop(0)
            pieces.append(text[pos:at] + mark)
            pos = at
        pieces.append(text[pos:q_start])
        inner_start = q_start + 1
        inner_marks = [(at - inner_start, mark) for at, mark in pending if at < q_end]
        pending = [(at, mark) for at, mark in pending if at >= q_end]
        for at, mark in sorted(inner_marks, reverse=True):
            inner = inner[:at] + mark + inner[at:]
        pieces.append(inner + PARAPHRASE_NOTE)
        pos = q_end
    for at, mark in pending:
        pieces.append(text[pos:at] + mark)
        pos = at
    pieces.append(text[pos:])
    return "".join(pieces)


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[:n] + "…"
