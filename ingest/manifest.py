"""Metadata for statute files from a manifest beside them (title, category, issuer, version date, place).

A folder may hold ``manifest.csv`` and any ``manifest-*.csv`` (the shared corpus keeps ``manifest-extra.csv`` and
``manifest-local.csv`` beside ``manifest.csv``). A row names its file by a path relative to the manifest's folder
(``extra/minfadian_renge.md``, ``local/shanghai/上海市劳动合同条例.md``) or by its bare name. Local rules carry their
place: ``province`` and, for a city's regulation, ``city``.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.statutes import Category

# spellings other manifests use for the categories of assistant.statutes.Category
_CATEGORY_NAMES = {"department_rule": Category.DEPARTMENTAL_RULE.value, "departmental_rules": Category.DEPARTMENTAL_RULE.value,
                   "local": Category.LOCAL_REGULATION.value}


@dataclass(frozen=True)
class ManifestEntry:
    title: str
    category: str
    issuer: str
    version_date: str
    official_url: str = ""
    status: str = ""
    province: str = ""
    city: str = ""


@functools.lru_cache(maxsize=64)
def _read_manifest(path: Path, mtime: float) -> dict[str, ManifestEntry]:  # noqa: ARG001 — mtime keys the cache
    """Entries by relative path and by bare name (a later row never takes a name an earlier row holds)."""
    entries: dict[str, ManifestEntry] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("file") or "").strip()
            if not name:
                continue
            date = (row.get("version_date") or "").strip()
            province = (row.get("province") or "").strip()
            category = (row.get("category") or "").strip()
            category = _CATEGORY_NAMES.get(category, category)
            if province and not category:  # the local manifest names a level, not a category
                category = Category.LOCAL_REGULATION.value
            entry = ManifestEntry(
                title=(row.get("title") or "").strip(),
                category=category,
                issuer=(row.get("issuer") or "").strip(),
                version_date=_leading_date(date),
                official_url=(row.get("official_url_if_known") or row.get("official_url") or "").strip(),
                status=(row.get("status") or "").strip(),
                province=province,
                city=(row.get("city") or "").strip(),
            )
            entries[Path(name).as_posix()] = entry
            entries.setdefault(Path(name).name, entry)
    return entries


def _leading_date(value: str) -> str:
    m = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return m.group(0) if m else value


def _manifests(folder: Path) -> list[Path]:
    main = folder / "manifest.csv"
    others = sorted(folder.glob("manifest-*.csv"))
    return ([main] if main.is_file() else []) + [p for p in others if p.is_file()]


def manifest_entry(file: Path) -> ManifestEntry | None:
    """The entry for ``file`` from the nearest manifest in its folder or up to two folders above; a row naming the
    file by its relative path wins over one naming only its bare name."""
    resolved = file.resolve()
    for folder in list(resolved.parents)[:3]:
        relative = resolved.relative_to(folder).as_posix()
        found = None
        for manifest in _manifests(folder):
            entries = _read_manifest(manifest, manifest.stat().st_mtime)
            if relative in entries:
                return entries[relative]
            found = found or entries.get(file.name)
        if found:
            return found
    return None
