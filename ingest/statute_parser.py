"""Statute text → one provision per article, chapter path kept.

Handles the formats the labor corpus comes in: a header block ending ``<!-- INFO END -->``; YAML front matter;
编/分编/章/节 headings at any markdown depth (or none, in plain text) and with odd spaces (``第一章　总则``,
``第二章 管 辖``); ``第X条之一``; bold article numbers (``**第一条**``); editorial ``<details>`` blocks, which are
not part of the official text and are dropped; a plain-text file with no markdown at all; and notices numbered
一、二、 instead of 第X条 (their items become articles 1, 2, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.numerals import CN_NUMERAL_CHARS, cn_to_int

NUM = rf"[0-9０-９]+|[{CN_NUMERAL_CHARS}]+"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)
_DETAILS = re.compile(r"<details\b.*?</details>", re.S | re.I)
_COMMENT = re.compile(r"<!--(?!\s*INFO END).*?-->", re.S)
_INFO_END = re.compile(r"<!--\s*INFO END\s*-->")
_HEADING_MD = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_STRUCTURE = re.compile(rf"^第\s*(?:{NUM})\s*(编|分编|章|节)(?:[\s\u3000]+(.*)|$)")
_ARTICLE = re.compile(rf"^(?:\*\*|__)?\s*第\s*({NUM})\s*条(?:\s*之\s*({NUM}))?\s*(?:\*\*|__)?[\s\u3000:：]*(.*)$")
_ITEM = re.compile(rf"^(?:#{{1,6}}\s*)?([{CN_NUMERAL_CHARS}]+)\s*(?:、|，|\.|．)\s*(.*)$")
_BARE_ITEM_HEADING = re.compile(rf"^#{{1,6}}\s*([{CN_NUMERAL_CHARS}]+)\s*$")
_RANKS = {"编": 0, "分编": 1, "章": 2, "节": 3}
_REPEALED_MARKERS = ("已废止", "已失效", "失效日期", "本法规已废止")


@dataclass
class ParsedArticle:
    article: str  # "38", "276-1"
    text: str
    chapter: tuple[str, ...]


@dataclass
class ParsedStatute:
    title: str
    header: str
    preamble: str
    articles: list[ParsedArticle] = field(default_factory=list)
    numbering: str = "article"  # "article" (第X条) or "item" (一、二、)
    repealed_hint: bool = False


def clean_markup(text: str) -> tuple[str, dict]:
    """Drop front matter, editorial blocks and HTML comments; return the text and front-matter fields."""
    meta: dict = {}
    m = _FRONT_MATTER.match(text)
    if m:
        for line in m.group(1).splitlines():
            if ":" in line:
                key, _, value = line.partition(":")
                meta[key.strip()] = value.strip().strip("\"'")
        text = text[m.end():]
    text = _DETAILS.sub("", text)
    text = _COMMENT.sub("", text)
    return text, meta


def _title_from(lines: list[str], meta: dict) -> str:
    for line in lines:
        m = _HEADING_MD.match(line.strip())
        if m and m.group(1) == "#":
            return m.group(2).strip()
    return meta.get("title", "")


def parse_statute(text: str, title: str | None = None) -> ParsedStatute:
    text, meta = clean_markup(text.replace("\r\n", "\n"))
    header = ""
    m = _INFO_END.search(text)
    if m:
        header, text = text[: m.start()], text[m.end():]
    all_lines = (header + "\n" + text).splitlines()
    title = title or _title_from(all_lines, meta) or ""
    body = [line.rstrip() for line in text.splitlines()]
    parsed = _parse_articles(body, title)
    if len(parsed.articles) < 2:
        items = _parse_items(body, title)
        if len(items.articles) > len(parsed.articles):
            parsed = items
    parsed.header = header.strip()
    parsed.repealed_hint = any(marker in header for marker in _REPEALED_MARKERS)
    return parsed


def _structure_heading(line: str) -> tuple[int, str] | None:
    """(rank, label) for 编/分编/章/节 headings, with or without markdown hashes."""
    stripped = line.strip().strip("*").strip()
    md = _HEADING_MD.match(stripped)
    candidate = md.group(2).strip() if md else stripped
    m = _STRUCTURE.match(candidate)
    if not m or "条" in candidate[:8] or len(candidate) > 40:
        return None
    if not md and candidate.endswith(("。", "；", "，")):
        return None
    label = re.sub(r"[\s\u3000]+", " ", candidate).strip()
    # "第二章 管 辖": spaces inside the name are layout, not words
    head, _, name = label.partition(" ")
    name = name.replace(" ", "")
    return _RANKS[m.group(1)], f"{head} {name}".strip()


def _parse_articles(lines: list[str], title: str) -> ParsedStatute:
    path: list[tuple[int, str]] = []
    found: list[tuple[str, tuple[str, ...], list[str]]] = []  # (number, chapter path, body lines)
    preamble: list[str] = []
    current: list[str] | None = None
    last_main = 0
    for raw in lines:
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        heading = _structure_heading(line)
        if heading:
            rank, label = heading
            path = [p for p in path if p[0] < rank] + [(rank, label)]
            current = None
            continue
        md = _HEADING_MD.match(line)
        if md:
            if md.group(1) == "#" or not found:
                continue  # the title, or headings before the first article
            line = md.group(2)
        m = _ARTICLE.match(line)
        if m:
            main = cn_to_int(m.group(1))
            sub = cn_to_int(m.group(2)) if m.group(2) else 0
            if sub or main > last_main:  # a quoted "第三条" inside an article does not restart numbering
                last_main = main
                number = f"{main}-{sub}" if sub else str(main)
                current = [m.group(3)]
                found.append((number, tuple(label for _, label in path), current))
                continue
        if current is not None:
            current.append(_strip_emphasis(line))
        elif not found:
            preamble.append(line)
    return ParsedStatute(title=title, header="", preamble="\n".join(preamble), articles=_articles(found))


def _parse_items(lines: list[str], title: str) -> ParsedStatute:
    """Notices numbered 一、二、 (or with ``## 一、…`` headings): each item becomes an article."""
    found: list[tuple[str, tuple[str, ...], list[str]]] = []
    preamble: list[str] = []
    current: list[str] | None = None
    expected = 1
    for raw in lines:
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        bare = _BARE_ITEM_HEADING.match(line)
        m = _ITEM.match(line)
        number = None
        if bare and _is_numeral(bare.group(1)):
            number, rest = cn_to_int(bare.group(1)), ""
        elif m and _is_numeral(m.group(1)) and not line.startswith("（"):
            number, rest = cn_to_int(m.group(1)), m.group(2)
        if number == expected:
            current = [rest.rstrip("#")]  # "## 一、标题 ##": closing hashes are markup
            found.append((str(number), (), current))
            expected += 1
            continue
        md = _HEADING_MD.match(line)
        if md:
            if md.group(1) == "#":
                continue
            line = md.group(2)
        if current is not None:
            current.append(_strip_emphasis(line))
        else:
            preamble.append(line)
    return ParsedStatute(title=title, header="", preamble="\n".join(preamble), articles=_articles(found),
                         numbering="item")


def _articles(found: list[tuple[str, tuple[str, ...], list[str]]]) -> list[ParsedArticle]:
    """Article texts with their 款 on separate lines, blank lines dropped."""
    return [ParsedArticle(number, "\n".join(p.strip() for p in body if p.strip()), chapter)
            for number, chapter, body in found]


def _is_numeral(s: str) -> bool:
    try:
        cn_to_int(s)
        return True
    except ValueError:
        return False


def _strip_emphasis(line: str) -> str:
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
