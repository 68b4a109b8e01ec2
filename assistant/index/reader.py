"""Reading one build: ids, laws and places in memory, texts and tokens from SQLite, BM25 on first use; the store
names the build being served (``CURRENT``) and switches to a new one atomically."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import numpy as np

from assistant.citations import LawNames, law_names_with, parse_citation
from assistant.config import Settings
from assistant.errors import NO_CORPUS_HELP, IndexNotFoundError
from assistant.index.schema import COLUMNS, COLUMNS_BEFORE_PLACES
from assistant.numerals import cn_to_int
from assistant.statutes import IN_FORCE, REPEALED, Provision, article_id


class IndexStore:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.root = settings.index_dir
        self.builds = self.root / "builds"

    def current_name(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.builds / name / "meta.json").exists() else None

    def exists(self) -> bool:
        return self.current_name() is not None

    def open(self) -> Index:
        name = self.current_name()
        if name is None:
            raise IndexNotFoundError(NO_CORPUS_HELP)
        return Index(self.builds / name, self)

    def switch_to(self, build_dir: Path) -> None:
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(build_dir.name, encoding="utf-8")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / "CURRENT")


class Index:
    """A read-only view of one build: ids and law names in memory, texts and tokens in SQLite."""

    def __init__(self, build_dir: Path, store: IndexStore | None = None):
        self.dir = build_dir
        self.store = store
        self.meta = json.loads((build_dir / "meta.json").read_text(encoding="utf-8"))
        self._local = threading.local()
        db = self._db()
        placed = any(c[1] == "province" for c in db.execute("PRAGMA table_info(provisions)"))
        self._columns = COLUMNS if placed else COLUMNS_BEFORE_PLACES
        place = "province, city" if placed else "'', ''"
        rows = db.execute(f"SELECT row, id, law, article, status, category, {place} FROM provisions ORDER BY row").fetchall()
        self.ids = [r[1] for r in rows]
        self.row_of = {r[1]: r[0] for r in rows}
        self.row_law = [r[2] for r in rows]
        self.row_status = [r[4] for r in rows]
        self.row_category = [r[5] for r in rows]
        self.row_province = [r[6] or "" for r in rows]  # "" for national texts
        self.row_city = [r[7] or "" for r in rows]  # "" for a province-wide (or national) text
        self.law_info = {r[0]: dict(zip(("doc_title", "category", "status", "version_date", "kind", "articles"), r[1:], strict=True))
                         for r in db.execute("SELECT law, doc_title, category, status, version_date, kind, articles FROM laws")}
        self.laws: LawNames = law_names_with(
            (info["doc_title"], law) for law, info in self.law_info.items() if info["kind"] == "statute")
        # 款 a later text repealed (款 number → the repealing provision's id; 0: the whole article)
        self.repealed: dict[str, dict[int, str]] = {}
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'repeals'").fetchone():
            for target, paragraph, by in db.execute("SELECT target, paragraph, repealed_by FROM repeals"):
                self.repealed.setdefault(target, {})[int(paragraph)] = by
        for target, parts in self.repealed.items():
            if 0 in parts and target in self.row_of:
                self.row_status[self.row_of[target]] = REPEALED
        self._bm25 = None
        self._dense = None

    @property
    def build_id(self) -> str:
        return self.dir.name

    def is_current(self) -> bool:
        return self.store is None or self.store.current_name() in (None, self.dir.name)

    def _db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.dir / 'provisions.sqlite'}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def __len__(self) -> int:
        return len(self.ids)

    # ---- lookups
    def get(self, provision_id: str) -> Provision | None:
        row = self.row_of.get(provision_id)
        return self.by_rows([row])[0] if row is not None else None

    def by_rows(self, rows: list[int]) -> list[Provision]:
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        found = {r[0]: r[1:] for r in self._db().execute(f"SELECT row, {self._columns} FROM provisions WHERE row IN ({marks})", rows)}
        return [self._marked(_provision(found[r])) for r in rows]

    def provision(self, law: str, article: str | int) -> Provision | None:
        canonical = self.laws.canonical(law) or law
        return self.get(article_id(canonical, normalize_article(article)))

    def resolve(self, citation: str) -> Provision | None:
        c = parse_citation(citation, self.laws)
        return self.get(c.id) if c and c.id else None

    def tokens(self, rows: list[int] | None = None) -> list[list[str]]:
        if rows is None:
            return [t.split(" ") if t else [] for (t,) in self._db().execute("SELECT tokens FROM provisions ORDER BY row")]
        marks = ",".join("?" * len(rows))
        found = dict(self._db().execute(f"SELECT row, tokens FROM provisions WHERE row IN ({marks})", rows).fetchall())
        return [found[r].split(" ") if found[r] else [] for r in rows]

    def cited_counts(self) -> np.ndarray:
        """Per row, how many documents of this corpus cite it: its own law counts once however many of its articles
        refer to it, so a statute's internal cross-references do not outweigh a regulation, an interpretation or a
        case relying on the article. 0 everywhere in builds made before references were kept. Read from disk on
        each call: the retriever computes its priors from it once per build."""
        counts = np.zeros(len(self.ids), dtype=np.int32)
        try:
            for target, n in self._db().execute(
                    "SELECT r.target, COUNT(DISTINCT p.law) FROM refs r JOIN provisions p ON p.id = r.source "
                    "GROUP BY r.target"):
                if target in self.row_of:
                    counts[self.row_of[target]] = n
        except sqlite3.OperationalError:  # an older build without the table
            pass
        return counts

    def citing(self, provision_id: str) -> list[str]:
        """Ids of the provisions that cite this one."""
        try:
            rows = self._db().execute("SELECT source FROM refs WHERE target = ? ORDER BY source", (provision_id,))
            return [r[0] for r in rows]
        except sqlite3.OperationalError:
            return []

    def all_provisions(self) -> list[Provision]:
        return [self._marked(_provision(r)) for r in self._db().execute(f"SELECT {self._columns} FROM provisions ORDER BY row")]

    def _marked(self, p: Provision) -> Provision:
        """The provision with what later texts repealed of it (an article repealed whole is no longer in force)."""
        parts = self.repealed.get(p.id)
        if parts:
            p.extra["repealed_paragraphs"] = dict(parts)
            if 0 in parts:
                p.status = REPEALED
        return p

    def text_hashes(self) -> dict[str, str]:
        return dict(self._db().execute("SELECT id, text_sha FROM provisions"))

    def sources(self) -> dict[str, dict]:
        cols = ("source", "sha256", "law", "doc_title", "kind", "provisions", "ingested_at")
        return {r[0]: dict(zip(cols, r, strict=True)) for r in self._db().execute(f"SELECT {', '.join(cols)} FROM sources")}

    # ---- retrieval backends, loaded on first use
    @property
    def bm25(self):
        if self._bm25 is None:
            from assistant.index.bm25 import LexicalIndex

            self._bm25 = LexicalIndex.load(self.dir / "bm25")
        return self._bm25

    def stats(self) -> dict:
        laws = [i for i in self.law_info.values() if i["kind"] == "statute"]
        return {
            "build": self.build_id,
            "created_at": self.meta.get("created_at"),
            "provisions": len(self.ids),
            "articles": sum(1 for i in self.ids if "#" in i),
            "statutes": len(laws),
            "statutes_in_force": sum(1 for i in laws if i["status"] == IN_FORCE),
            "documents": sum(1 for i in self.law_info.values() if i["kind"] != "statute"),
            "sources": self.meta.get("sources", 0),
            "dense": self.meta.get("dense"),
        }


def normalize_article(article: str | int) -> str:
    """38, "38", "第三十八条", "三十八", "276-1", "第二百七十六条之一" → "38" / "276-1"."""
    text = str(article).strip()
    if text.replace("-", "").isdigit():
        return text
    text = text.removeprefix("第")
    main, _, sub = text.replace("条", "", 1).partition("之")
    try:
        n = cn_to_int(main.strip())
        return f"{n}-{cn_to_int(sub)}" if sub else str(n)
    except ValueError:
        return str(article)


def _provision(r: tuple) -> Provision:
    return Provision(id=r[0], law=r[1], article=r[2], chapter=tuple(json.loads(r[3])), text=r[4], category=r[5],
                     issuer=r[6] or "", version_date=r[7] or "", status=r[8] or IN_FORCE, source=r[9] or "",
                     doc_title=r[10] or "", extra={"province": r[11], "city": r[12]} if r[11] else {})
