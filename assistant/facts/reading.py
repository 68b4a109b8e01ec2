"""The state of reading one message, shared by the steps of the reader: the text, the facts so far, the spans
already read (a phone number's digits are not a wage), and the rules every step applies alike."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.facts import vocabulary as v
from assistant.facts.model import CaseFacts, FactNote, FactSource

MAX_TEXT = 5000  # facts live in the first sentences; a pasted document is not read past this
_CLAUSE_END = "，。；！？,;!?\n…"


@dataclass
class Reading:
    text: str
    turn: int
    today: date
    facts: CaseFacts = field(default_factory=CaseFacts)
    taken: list[tuple[int, int]] = field(default_factory=list)  # spans already read as dates, phones, ids …

    def quote(self, start: int, end: int) -> str:
        s = start
        while s > 0 and self.text[s - 1] not in _CLAUSE_END and start - s < 24:
            s -= 1
        e = end
        while e < len(self.text) and self.text[e] not in _CLAUSE_END and e - end < 16:
            e += 1
        return self.text[s:e].strip()

    def source(self, start: int, end: int, *, confidence: float = 0.9, approximate: bool = False) -> FactSource:
        return FactSource(by="rules", turn=self.turn, quote=self.quote(start, end), confidence=confidence,
                          approximate=approximate)

    def put(self, path: str, value: Any, start: int, end: int, **kw: Any) -> None:
        self.facts.set(path, value, self.source(start, end, **kw))

    def note(self, kind: str, path: str, message: str) -> None:
        notes = self.facts.conflicts if kind == "conflict" else self.facts.implausible
        if not any(n.path == path for n in notes):
            notes.append(FactNote(path=path, message=message))

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def negated(self, start: int) -> bool:
        """Whether the words before ``start`` deny it, make it hypothetical, feared, threatened or a rule's, or tell
        of someone else."""
        before = self.text[max(0, start - 12):start]
        if v.NEGATED_BEFORE.search(before[-4:]) or v.HYPOTHETICAL_BEFORE.search(before) or v.OTHER_PERSON_BEFORE.search(before):
            return True
        if v.FEARED_BEFORE.search(before):
            return True
        cut = start + 1 if self.text[start:start + 1] in ("就", "便") else start  # a match may begin at 就 (就让我走)
        unreal = v.CONDITION_BEFORE.search(self.text[max(0, cut - 16):cut]) or v.INTENDED_BEFORE.search(before)
        return bool(unreal and not v.TOLD_AFTER.match(self.text[start:start + 8]))


def tidy(text: str) -> str:
    """Spaces that split a figure or a date ("2008 年 3 月 5 日", "5 500 元", "A 公司") are dropped."""
    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=[\d年月日号]) +(?=[\d年月日号元块])|(?<=[A-Za-z]) +(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"(?<=[\u4e00-\u9fff]) +(?=[\dA-Za-z])|(?<=\d) +(?=[\u4e00-\u9fff])", "", text)


def first(r: Reading, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of ``pattern`` that the words before it do not deny or make hypothetical."""
    return next((m for m in pattern.finditer(r.text) if not r.negated(m.start())), None)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def one_value(r: Reading, path: str, items: list, label: str, show) -> tuple:
    """The value of ``items`` (value, start, end, …): one distinct value, or the last one after a correction;
    otherwise a conflict and None."""
    distinct = list(dict.fromkeys(item[0] for item in items))
    if len(distinct) == 1:
        return items[0]
    last, before = items[-1], items[-2]
    if v.CORRECTION.search(r.text[before[2]:last[1]]):
        return last
    r.note("conflict", path, f"{label}说了{'和'.join(show(x) for x in distinct[:3])}，请确认是哪一个")
    return None
