"""``labor ingest``: files and folders → a new complete index build, reusing whatever has not changed."""

from __future__ import annotations

import hashlib
import logging
import os
import time
import traceback
from collections.abc import Mapping
from pathlib import Path

from assistant.config import Settings
from assistant.errors import DocumentRejected
from assistant.index.builder import remove_unfinished_builds, write_build
from assistant.index.lock import build_lock as root_build_lock
from assistant.index.reader import Index, IndexStore
from assistant.index.schema import index_fingerprint, indexed_text, text_sha
from assistant.index.tokenize import dictionary_fingerprint, init_tokenizer, tokenize
from assistant.statutes import Provision
from ingest.convert import DocumentInfo, convert, place_for
from ingest.limits import LoadLimits
from ingest.loaders import SUFFIXES, load_text
from ingest.manifest import manifest_entry
from ingest.records import SourceRecord, apply_versions
from ingest.report import FileOutcome, IngestReport

log = logging.getLogger(__name__)
SKIP_NAMES = {"manifest.csv", "_index.md"}
PARALLEL_THRESHOLD = 20000  # provisions to tokenize before a process pool pays for itself


def expand(paths: list[Path]) -> tuple[list[Path], list[FileOutcome]]:
    files, missing = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                                and p.name not in SKIP_NAMES and not any(part.startswith(".") for part in p.parts[-3:])))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(FileOutcome(path=str(path), status="rejected", reason="文件或文件夹不存在"))
    return files, missing


def build_lock(store: IndexStore):
    return root_build_lock(store.root)


def ingest_paths(settings: Settings, paths: list[Path], *, progress: bool = False,
                 recorded_as: Mapping[Path, Path] | None = None) -> IngestReport:
    """``recorded_as``: files read from where they are now but recorded under the place they will live at (an
    upload is read from its staging folder and kept, once ingested, under ``uploads/``)."""
    started = time.perf_counter()
    store = IndexStore(settings)
    init_tokenizer(settings.data_dir / "cache")
    with build_lock(store):
        remove_unfinished_builds(store)
        previous = store.open() if store.exists() else None
        records = _previous_records(previous)
        files, outcomes = expand(paths)
        known_sha = {r.sha256: src for src, r in records.items()}
        limits = LoadLimits.from_settings(settings)
        changed: dict[str, SourceRecord] = {}
        copies: dict[tuple[str, str], list[SourceRecord]] = {}  # (law, version date) → files of this batch
        for path in _progress(files, progress, "读取与解析"):
            outcome, record = _read_one(path, records, known_sha, limits, (recorded_as or {}).get(path, path))
            if record and record.info.kind == "statute":
                key = (record.info.law, record.info.version_date)
                twin = next((r for r in copies.get(key, []) if _same_articles(r.info, record.info)), None)
                if twin is not None:  # the same statute, same version, filed twice (e.g. under two folders)
                    outcome = FileOutcome(path=str(path), status="duplicate",
                                          reason=f"与 {twin.source} 是同一法规的同一版本，已跳过")
                    record = None
                else:  # a first copy, or another part of the same code (民法典 filed book by book)
                    copies.setdefault(key, []).append(record)
            outcomes.append(outcome)
            if record:
                changed[record.source] = record
                known_sha[record.sha256] = record.source
        stale = previous is not None and previous.meta.get("index_format") != index_fingerprint()
        if not changed and not stale:
            return IngestReport(files=outcomes, build=previous.build_id if previous else None,
                                provisions_total=len(previous) if previous else 0,
                                seconds=time.perf_counter() - started)
        if stale and not changed:
            log.info("词典或停用词已更新，重新分词并重建索引")
        _replace_same_version(records, changed, outcomes)
        _refresh_places(records)
        records.update(changed)
        ordered = sorted(records.values(), key=lambda r: r.source)
        provisions = apply_versions(ordered)
        tokens = _tokens(provisions, previous, progress, settings)
        from assistant.retrieval.dense import dense_builder

        builder, dense_note = dense_builder(settings, previous)
        build = write_build(store, ordered, tokens, provisions, builder,
                            {"tokenizer": dictionary_fingerprint(), "index_format": index_fingerprint()})
    report = IngestReport(files=outcomes, build=build.name, provisions_total=len(provisions),
                          seconds=time.perf_counter() - started, dense=dense_note(), rebuilt=True)
    log.info("ingest: %s", report.summary().splitlines()[0])
    return report


def _read_one(path: Path, records: dict[str, SourceRecord], known_sha: dict[str, str], limits: LoadLimits,
              kept_at: Path | None = None):
    """One file judged alone: whatever goes wrong with it is its own rejection, never the batch's failure."""
    source = str((kept_at or path).resolve())
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise DocumentRejected(f"文件过大（{size / 1048576:.1f} MB，上限 {limits.max_file_bytes / 1048576:.0f} MB）")
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        if source in records and records[source].sha256 == sha:
            info = records[source].info
            return FileOutcome(path=str(path), status="unchanged", title=info.doc_title, kind=info.kind,
                               provisions=len(info.provisions)), None
        if sha in known_sha and known_sha[sha] != source:
            return FileOutcome(path=str(path), status="duplicate", reason=f"内容与已导入的 {known_sha[sha]} 相同"), None
        text = load_text(path, data, limits=limits)
        info = convert(path, text, manifest_entry(path), source=source)
        if not info.provisions:
            raise DocumentRejected("没有找到可检索的正文（既没有条文，也没有段落）")
    except DocumentRejected as exc:
        return FileOutcome(path=str(path), status="rejected", reason=exc.message), None
    except OSError as exc:
        return FileOutcome(path=str(path), status="rejected", reason=f"无法读取文件（{exc.strerror or exc}）"), None
    except MemoryError:
        return FileOutcome(path=str(path), status="rejected", reason="文件过于复杂，读取时内存不足，已拒收"), None
    except Exception as exc:  # noqa: BLE001 — a parser bug on a hostile file: logged by type and place only, the batch goes on
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        log.warning("ingest: %s reading %s at %s", type(exc).__name__, path.name, where)
        return FileOutcome(path=str(path), status="rejected", reason="文件格式有误，无法解析，已拒收"), None
    status = "updated" if source in records else "added"
    record = SourceRecord(source, sha, info, time.strftime("%Y-%m-%dT%H:%M:%S"))
    return FileOutcome(path=str(path), status=status, title=info.doc_title, kind=info.kind,
                       provisions=len(info.provisions)), record


def _same_articles(a: DocumentInfo, b: DocumentInfo) -> bool:
    """Two files of one statute and version hold the same text when their article numbers overlap; disjoint
    numbers are parts of one code filed separately."""
    return bool({p.article for p in a.provisions} & {p.article for p in b.provisions})


def _replace_same_version(records: dict[str, SourceRecord], changed: dict[str, SourceRecord], outcomes) -> None:
    """A statute ingested again from another file (same law, same version, overlapping articles) replaces the old
    copy; a document ingested again under another path replaces the one with the same title."""
    for source, record in list(records.items()):
        if source in changed:
            continue
        old = record.info
        for new in (r.info for r in changed.values()):
            same = (old.law == new.law and old.kind == new.kind
                    and (old.kind != "statute" or (old.version_date == new.version_date and _same_articles(old, new))))
            if same:
                del records[source]
                outcomes.append(FileOutcome(path=source, status="replaced", title=old.doc_title,
                                            reason="被新导入的同名同版本文件替换"))
                break


def _refresh_places(records: dict[str, SourceRecord]) -> None:
    """Unchanged files keep their parse, but their place is read again from the manifest: a build made before local
    rules carried a place (or before a manifest named it) gets it without re-reading every file."""
    for source, record in records.items():
        info = record.info
        if info.kind != "statute" or not Path(source).is_file():
            continue
        province, city = place_for(manifest_entry(Path(source)), info.doc_title)
        for p in info.provisions:
            if province:
                p.extra = {**p.extra, "province": province, "city": city}
            else:
                p.extra = {k: v for k, v in p.extra.items() if k not in ("province", "city")}


def _previous_records(previous: Index | None) -> dict[str, SourceRecord]:
    """Rebuild each source's DocumentInfo from the current build, so unchanged files need no re-parsing."""
    if previous is None:
        return {}
    by_source: dict[str, list[Provision]] = {}
    for p in previous.all_provisions():
        by_source.setdefault(p.source, []).append(p)
    records = {}
    for source, meta in previous.sources().items():
        provs = by_source.get(source, [])
        law_info = previous.law_info.get(meta["law"], {})
        first = provs[0] if provs else None
        status = "repealed" if first and first.status == "repealed" and law_info.get("status") == "repealed" else "in_force"
        info = DocumentInfo(meta["law"], meta["doc_title"] or meta["law"], meta["kind"],
                            first.category if first else "", first.issuer if first else "",
                            first.version_date if first else "", status, source, provs)
        records[source] = SourceRecord(source, meta["sha256"], info, meta["ingested_at"])
    return records


def _tokens(provisions: list[Provision], previous: Index | None, progress: bool,
            settings: Settings | None = None) -> list[list[str]]:
    """Tokens for every provision, reusing the previous build's where text and dictionary are unchanged."""
    reuse: dict[str, list[str]] = {}
    if previous is not None and previous.meta.get("tokenizer") == dictionary_fingerprint():
        old_sha = previous.text_hashes()
        wanted = [p for p in provisions if old_sha.get(p.id) == text_sha(p)]
        rows = [previous.row_of[p.id] for p in wanted]
        for p, tok in zip(wanted, previous.tokens(rows) if rows else [], strict=True):
            reuse[p.id] = tok
    todo = [p for p in provisions if p.id not in reuse]
    threshold = getattr(settings, "ingest_parallel_threshold", None) or PARALLEL_THRESHOLD
    cache = settings.data_dir / "cache" if settings is not None else None
    fresh = _tokenize_all([indexed_text(p) for p in todo], progress, threshold, cache)
    new = {p.id: tok for p, tok in zip(todo, fresh, strict=True)}
    return [reuse.get(p.id) or new[p.id] for p in provisions]


def _tokenize_all(texts: list[str], progress: bool, threshold: int = PARALLEL_THRESHOLD,
                  cache_dir: Path | None = None) -> list[list[str]]:
    if len(texts) < threshold or (os.cpu_count() or 1) < 2:
        return [tokenize(t) for t in _progress(texts, progress, "分词")]
    from ingest.workers import tokenize_in_workers

    workers = min(4, os.cpu_count() or 2)
    return list(_progress(tokenize_in_workers(texts, cache_dir, workers), progress, "分词", total=len(texts)))


def _progress(items, enabled: bool, desc: str, total: int | None = None):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, total=total, unit="个", leave=False)
