"""Where the calculators' amounts go in a model's streamed answer: right after its 结论, as the offline answer has
them, so the first screen holds the verdict and the amount. The model's text passes through as it comes; only a
line that may begin a heading is held until its first words show whether it is the next section."""

from __future__ import annotations

import re
from collections.abc import Callable

_HEADING = re.compile(r"\n#{1,3} +(\S\S)")  # a Markdown heading: its marks, a space, its first words
_MAYBE_HEADING = re.compile(r"\n(?:#{1,3}(?: +\S?)?)?$")


class AfterConclusion:
    """Feed the verified pieces of a model's answer; get them back with ``insert()`` placed before the first
    heading that follows the opening (结论) section, or at the end when no such heading comes."""

    def __init__(self, insert: Callable[[], str]):
        self.insert = insert
        self.sent = 0  # characters passed on so far
        self.pending = ""
        self.placed = False

    def feed(self, piece: str) -> list[str]:
        if self.placed:
            return [piece] if piece else []
        text = self.pending + piece
        for m in _HEADING.finditer(text):
            at = m.start()
            if self.sent + at == 0 or m.group(1) == "结论":
                continue  # the answer's own first heading
            self.placed = True
            self.pending = ""
            return [p for p in (text[:at], self.insert(), text[at:]) if p]
        held = _MAYBE_HEADING.search(text)
        cut = held.start() if held else len(text)
        self.pending = text[cut:]
        self.sent += cut
        return [text[:cut]] if cut else []

    def finish(self) -> list[str]:
        rest, self.pending = self.pending, ""
        if self.placed:
            return [rest] if rest else []
        self.placed = True
        inserted = self.insert()
        return [p for p in (rest.rstrip("\n"), "\n" + inserted if inserted else "") if p]
