"""``labor corpus download``: fetch the statutes named in ``corpus/sources.csv`` from a public mirror, pinned to an
exact commit, verify each file's sha256, and ingest them.

``sources.csv`` is the project's own source manifest: per statute the title, category, issuer, version date,
official URL, the mirror repository, path and commit, the resulting download URL and the sha256 of the file.
A file whose checksum does not match is not kept; a dropped connection is retried, then reported.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from assistant.config import Settings
from assistant.errors import DownloadError

MANIFEST_FIELDS = ["file", "title", "category", "issuer", "version_date", "official_url", "mirror_repo",
                   "mirror_path", "mirror_commit", "download_url", "sha256", "postprocess"]
RETRIES = 3


@dataclass(frozen=True)
class Source:
    file: str
    title: str
    category: str
    issuer: str
    version_date: str
    official_url: str
    mirror_repo: str
    mirror_path: str
    mirror_commit: str
    download_url: str
    sha256: str
    postprocess: str = ""

    def url(self, mirror: str) -> str:
        return f"{mirror.rstrip('/')}/{self.mirror_repo}/{self.mirror_commit}/{quote(self.mirror_path)}"


def read_sources(path: Path) -> list[Source]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Source(**{k: (row.get(k) or "").strip() for k in MANIFEST_FIELDS}) for row in csv.DictReader(fh)]


def strip_court_gazette_navigation(data: bytes) -> bytes:
    """The 公报 page scrape carries site navigation before the announcement and a footer after the text."""
    lines = data.decode("utf-8").split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip() == "中华人民共和国最高人民法院"), 0)
    footer = next((i for i, line in enumerate(lines) if i > start and line.strip() in {"法律声明", "法律声明 |"}),
                  len(lines))
    return "\n".join(lines[start:footer]).encode("utf-8")


POSTPROCESS = {"": lambda b: b, "strip-court-gazette-navigation": strip_court_gazette_navigation}


def fetch(client, url: str) -> bytes:
    """The file's bytes; a dropped connection, a timeout or a 5xx is retried (tenacity), a 4xx is final."""
    import httpx
    from tenacity import RetryError, retry, retry_if_exception, stop_after_attempt, wait_exponential

    def transient(exc: BaseException) -> bool:
        if isinstance(exc, httpx.HTTPStatusError):
            return exc.response.status_code >= 500
        return isinstance(exc, httpx.TransportError)  # dropped connection, timeout, refused

    @retry(retry=retry_if_exception(transient), stop=stop_after_attempt(RETRIES),
           wait=wait_exponential(multiplier=0.2, max=2))
    def get() -> bytes:
        response = client.get(url)
        response.raise_for_status()
        return response.content

    try:
        return get()
    except RetryError as exc:
        last = exc.last_attempt.exception()
        raise DownloadError(f"连接中断或超时（已重试 {RETRIES} 次）：{type(last).__name__}") from exc
    except httpx.HTTPStatusError as exc:
        raise DownloadError(f"服务器返回 {exc.response.status_code}") from exc


def download_corpus(settings: Settings, *, dest: Path | None = None, mirror: str | None = None,
                    ingest: bool = True, progress: bool = False, echo=print):
    """Download, verify and (by default) ingest every source; returns the ingest report (or None)."""
    import httpx

    sources = read_sources(settings.project_corpus_dir / "sources.csv")
    dest = dest or settings.data_dir / "corpus" / "laws"
    dest.mkdir(parents=True, exist_ok=True)
    mirror = mirror or settings.corpus_mirror_url
    ok, failed = [], []
    with httpx.Client(timeout=httpx.Timeout(30.0, connect=10.0), follow_redirects=True) as client:
        for src in sources:
            target = dest / src.file
            if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == src.sha256:
                ok.append(src)
                continue
            try:
                data = POSTPROCESS[src.postprocess](fetch(client, src.url(mirror)))
                digest = hashlib.sha256(data).hexdigest()
                if digest != src.sha256:
                    raise DownloadError(f"校验和不符（期望 {src.sha256[:12]}…，实际 {digest[:12]}…），文件未保存")
                tmp = target.with_suffix(".part")
                tmp.write_bytes(data)
                os.replace(tmp, target)
                ok.append(src)
                if progress:
                    echo(f"  ✓ {src.title}")
            except DownloadError as exc:
                failed.append((src, exc.message))
                echo(f"  ✗ {src.title}：{exc.message}")
    _write_local_manifest(dest, ok)
    echo(f"下载完成：{len(ok)} 个文件通过校验，{len(failed)} 个失败。")
    if not ok:
        raise DownloadError("没有下载到任何法规文件，请检查网络，或改用 labor ingest 导入本地文件夹")
    if not ingest:
        return None
    from ingest.pipeline import ingest_paths

    report = ingest_paths(settings, [dest], progress=progress)
    echo(report.summary())
    return report


def _write_local_manifest(dest: Path, sources: list[Source]) -> None:
    """A manifest.csv beside the downloaded files, so the ingest takes titles and dates from it."""
    with (dest / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "title", "category", "issuer", "version_date", "official_url_if_known"])
        for s in sources:
            writer.writerow([s.file, s.title, s.category, s.issuer, s.version_date, s.official_url])


def build_sources_manifest(shared_manifest: Path, laws_dir: Path, out: Path) -> int:
    """Maintainer step: write ``corpus/sources.csv`` from an upstream manifest and the verified files beside it."""
    rows = []
    with shared_manifest.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            file = Path(row["file"]).name
            data = (laws_dir / file).read_bytes()
            src = Source(file=file, title=row["title"], category=row["category"], issuer=row["issuer"],
                         version_date=row["version_date"], official_url=row.get("official_url_if_known", ""),
                         mirror_repo=row["source_repo"], mirror_path=row["source_path"],
                         mirror_commit=row["source_commit"], download_url="",
                         sha256=hashlib.sha256(data).hexdigest(),
                         postprocess="strip-court-gazette-navigation" if row["source_path"].endswith(".txt") else "")
            rows.append({**src.__dict__, "download_url": src.url("https://raw.githubusercontent.com")})
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
