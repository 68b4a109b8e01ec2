"""Metadata for statute files from a ``manifest.csv`` beside them (title, category, issuer, version date)."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ManifestEntry:
    title: str
    category: str
    issuer: str
    version_date: str
    official_url: str = ""
    status: str = ""


@functools.lru_cache(maxsize=64)
def _read_manifest(path: Path, mtime: float) -> dict[str, ManifestEntry]:
    entries: dict[str, ManifestEntry] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("file") or "").strip()
            if not name:
                continue
            date = (row.get("version_date") or "").strip()
            entries[Path(name).name] = ManifestEntry(
                title=(row.get("title") or "").strip(),
                category=(row.get("category") or "").strip(),
                issuer=(row.get("issuer") or "").strip(),
                version_date=_leading_date(date),
                official_url=(row.get("official_url_if_known") or row.get("official_url") or "").strip(),
                status=(row.get("status") or "").strip(),
            )
    return entries


def _leading_date(value: str) -> str:
    m = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return m.group(0) if m else value


def manifest_entry(file: Path) -> ManifestEntry | None:
    """The entry for ``file`` from the nearest manifest.csv in its folder or up to two folders above."""
    for folder in list(file.resolve().parents)[:3]:
        manifest = folder / "manifest.csv"
        if manifest.is_file():
            entry = _read_manifest(manifest, manifest.stat().st_mtime).get(file.name)
            if entry:
                return entry
    return None
