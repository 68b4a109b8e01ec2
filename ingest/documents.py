"""Documents that are not statutes (typical cases, policy notices without articles, news, a user's PDF) → passages
chunked by headings and paragraphs, each carrying its heading path."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.statute_parser import _HEADING_MD, _INFO_END, clean_markup

TARGET_CHARS = 600
MAX_CHARS = 1200


@dataclass
class Passage:
    text: str
    headings: tuple[str, ...]


def parse_document(text: str) -> tuple[str, list[Passage]]:
    """(title, passages). The title is the first level-1 heading, else the first short line."""
    text, meta = clean_markup(text)
    text = _INFO_END.sub("", text)
    title = meta.get("title", "")
    path: list[tuple[int, str]] = []
    passages: list[Passage] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            passages.extend(_split_long("\n".join(buffer), tuple(h for _, h in path)))
            buffer.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _HEADING_MD.match(line)
        if m:
            level, heading = len(m.group(1)), m.group(2).strip()
            if level == 1 and not title:
                title = heading
                continue
            flush()
            path = [p for p in path if p[0] < level] + [(level, heading)]
            continue
        if not title and len(line) <= 60:
            title = line
            continue
        if buffer and sum(len(b) for b in buffer) + len(line) > TARGET_CHARS:
            flush()
        buffer.append(line)
    flush()
    return title.strip(), passages


def _split_long(text: str, headings: tuple[str, ...]) -> list[Passage]:
    """A block over MAX_CHARS (one long paragraph) in pieces of about TARGET_CHARS, cut after a sentence's end."""
    if len(text) <= MAX_CHARS:
        return [Passage(text, headings)]
    from langchain_text_splitters import RecursiveCharacterTextSplitter  # only a long block pays for the import

    splitter = RecursiveCharacterTextSplitter(separators=["。", "！", "？", "；"], keep_separator="end",
                                              chunk_size=TARGET_CHARS, chunk_overlap=0, strip_whitespace=False)
    return [Passage(p, headings) for p in splitter.split_text(text)]
