"""The files of one ingest as handed to the index builder: each source with its parse, and the provisions of all of
them with their final ids (versions of one statute told apart)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.statutes import IN_FORCE, REPEALED, Provision, article_id
from ingest.convert import DocumentInfo


@dataclass
class SourceRecord:
    source: str
    sha256: str
    info: DocumentInfo
    ingested_at: str


def apply_versions(records: list[SourceRecord]) -> list[Provision]:
    """Provisions of every source, ids final: the newest version of a statute keeps ``law#article`` and is in force
    unless marked repealed; older versions of the same law become ``law@date#article`` and repealed."""
    newest: dict[str, str] = {}
    for r in records:
        if r.info.kind == "statute":
            newest[r.info.law] = max(newest.get(r.info.law, ""), r.info.version_date or "")
    out: list[Provision] = []
    seen: set[str] = set()
    for r in records:
        info = r.info
        superseded = info.kind == "statute" and (info.version_date or "") < newest.get(info.law, "")
        for p in info.provisions:
            if info.kind == "statute":
                base = article_id(info.law, p.article)
                p.id = base.replace("#", f"@{info.version_date or 'old'}#", 1) if superseded else base
                p.status = REPEALED if superseded or info.status == REPEALED else IN_FORCE
            if p.id in seen:  # two sources claiming one id: the first keeps it, an index never holds two
                continue
            seen.add(p.id)
            out.append(p)
    return out
