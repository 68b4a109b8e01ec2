"""Small text rules of a composed answer: figures for people, article names, a line of an article, and the
sections of a language model's answer read back from its headings."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.answering.models import FOLDED_SECTIONS, SECTION_TITLES, AnswerSection

_LONG_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d{3,})(?![\d.])")
_HEADING = re.compile(r"^#{1,3}\s*(.+?)\s*$", re.MULTILINE)
_TITLE_KEYS = {title: key for key, title in SECTION_TITLES.items()} | {"初步计算": "amounts", "要点": "conclusion"}


def human_number(text: str) -> str:
    """3.333333333333333333333333333 → 3.33: a figure for people, never the arithmetic's full precision."""
    def short(m: re.Match) -> str:
        try:
            value = Decimal(f"{m.group(1)}.{m.group(2)}").quantize(Decimal("0.01"))
        except InvalidOperation:
            return m.group(0)
        return format(value.normalize(), "f")
    return _LONG_DECIMAL.sub(short, text)


def first_sentence(text: str, limit: int = 90) -> str:
    """The article's opening sentence, cut at a clause boundary when long (for a line of reasoning)."""
    line = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    end = min((i for i in (line.find("。"), line.find("："), line.find(":")) if i >= 0), default=len(line))
    sentence = line[: end + 1] if end < len(line) else line
    if len(sentence) > limit:
        cut = max(sentence.rfind(mark, 0, limit) for mark in "，；")
        sentence = sentence[: cut + 1] + "……" if cut > 0 else sentence[:limit] + "……"
    return sentence


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", text.strip()) if s.strip()]


def sections_of(text: str) -> list[AnswerSection]:
    """The sections of a model's answer, read from its headings (the prompt asks for 结论 · 下一步 · 为什么 ·
    要准备的证据; the calculators' part follows as 你可能拿到). Text before the first known heading is 结论."""
    marks = [(m.start(), _TITLE_KEYS[m.group(1)]) for m in _HEADING.finditer(text) if m.group(1) in _TITLE_KEYS]
    if not marks or marks[0][0] > 0 and text[:marks[0][0]].strip():
        marks.insert(0, (0, "conclusion"))
    out = []
    for i, (start, key) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        body = text[start:end].rstrip()
        refs = sorted({int(n) for n in re.findall(r"\[(\d+)\]", body)})
        out.append(AnswerSection(key=key, title=SECTION_TITLES[key], start=start, end=start + len(body),
                                 folded=key in FOLDED_SECTIONS, refs=refs))
    return out
