"""``labor corpus download``: fetch the statutes named in ``corpus/sources.csv`` from a public mirror, pinned to an
exact commit, verify each file's sha256, and ingest them.

``sources.csv`` is the project's own source manifest: per statute the file (a path under the corpus folder:
``laws/…``, ``extra/…``, ``local/<province>/…``), title, category, issuer, version date, official URL, the mirror
repository, path and commit, the resulting download URL, the sha256 of the file and, for local rules, the province
and city. A file whose checksum does not match is not kept; a dropped connection is retried, then reported.
Rows marked ``transcribed`` were converted from an official web page by hand: no mirror holds their exact bytes, so
they are listed (and pinned by sha256) but come only from a local copy (``labor ingest``).
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
                   "mirror_path", "mirror_commit", "download_url", "sha256", "postprocess", "province", "city"]
TRANSCRIBED = "transcribed"
# The shared corpus's manifests, one per folder of it (laws/, extra/, local/): the maintainer step reads all three.
SHARED_MANIFESTS = ("manifest.csv", "manifest-extra.csv", "manifest-local.csv")
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
    province: str = ""
    city: str = ""

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
    dest = dest or settings.data_dir / "corpus"
    dest.mkdir(parents=True, exist_ok=True)
    mirror = mirror or settings.corpus_mirror_url
    ok, failed, local_only = [], [], []
    with httpx.Client(timeout=httpx.Timeout(30.0, connect=10.0), follow_redirects=True) as client:
        for src in sources:
            target = dest / src.file
            if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == src.sha256:
                ok.append(src)
                continue
            if src.postprocess == TRANSCRIBED:
                local_only.append(src)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
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
    if local_only:
        echo(f"另有 {len(local_only)} 个文件是从官方网页转写的，没有可逐字节校验的镜像，未下载："
             f"{'、'.join(s.title for s in local_only)}；有本地副本时请用 labor ingest 导入。")
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
        writer.writerow(["file", "title", "category", "issuer", "version_date", "official_url_if_known", "province",
                         "city"])
        for s in sources:
            writer.writerow([s.file, s.title, s.category, s.issuer, s.version_date, s.official_url, s.province, s.city])


def build_sources_manifest(shared_corpus: Path, out: Path) -> int:
    """Maintainer step: write ``corpus/sources.csv`` from the shared corpus's manifests and the verified files they
    list (``laws/``, ``extra/``, ``local/``). A file whose upstream is not a byte-for-byte copy (the ministry pages
    transcribed into ``extra/``) is pinned by its own sha256 and marked ``transcribed``."""
    rows = []
    for name in SHARED_MANIFESTS:
        manifest = shared_corpus / name
        if not manifest.is_file():
            continue
        with manifest.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                data = (shared_corpus / row["file"]).read_bytes()
                path = row["source_path"]
                postprocess = ("strip-court-gazette-navigation" if path.endswith(".txt")
                               else TRANSCRIBED if row["source_repo"] in TRANSCRIBED_REPOS else "")
                src = Source(file=row["file"], title=row["title"], category=row.get("category") or "local_regulation",
                             issuer=row.get("issuer", ""), version_date=row["version_date"],
                             official_url=row.get("official_url_if_known", ""), mirror_repo=row["source_repo"],
                             mirror_path=path, mirror_commit=row["source_commit"], download_url="",
                             sha256=hashlib.sha256(data).hexdigest(), postprocess=postprocess,
                             province=row.get("province", ""), city=row.get("city", ""))
                url = "" if postprocess == TRANSCRIBED else src.url("https://raw.githubusercontent.com")
                rows.append({**src.__dict__, "download_url": url})
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# Repositories whose files were converted (page chrome dropped, markup normalised) rather than copied.
TRANSCRIBED_REPOS = {"littledsw/labor_lawyer"}
