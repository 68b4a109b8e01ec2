"""What an ingest did, for people (a Chinese summary) and programs (a pydantic model)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field


class FileOutcome(BaseModel):
    path: str
    status: str  # added | updated | unchanged | duplicate | replaced | rejected
    title: str = ""
    kind: str = ""  # statute | document
    provisions: int = 0
    reason: str = ""


class IngestReport(BaseModel):
    files: list[FileOutcome] = Field(default_factory=list)
    build: str | None = None
    provisions_total: int = 0
    seconds: float = 0.0
    dense: str = ""  # what happened to the vector index, in words
    rebuilt: bool = False  # a new build was written (files changed, or the tokenizer dictionary did)

    def of(self, status: str) -> list[FileOutcome]:
        return [f for f in self.files if f.status == status]

    @property
    def rejected(self) -> list[FileOutcome]:
        return self.of("rejected")

    @property
    def changed(self) -> bool:
        return self.rebuilt or any(f.status in {"added", "updated"} for f in self.files)

    def summary(self) -> str:
        added, updated = self.of("added"), self.of("updated")
        lines = [
            f"导入完成：新增 {len(added)} 个文件，更新 {len(updated)} 个，未变化跳过 {len(self.of('unchanged'))} 个，"
            f"重复跳过 {len(self.of('duplicate'))} 个，拒收 {len(self.rejected)} 个。",
            f"索引现有 {self.provisions_total} 条（法条与段落），用时 {self.seconds:.1f} 秒。",
        ]
        for f in added + updated:
            unit = "条" if f.kind == "statute" else "段"
            lines.append(f"  ✓ {f.title or f.path}：{f.provisions} {unit}")
        for f in self.rejected:
            lines.append(f"  ✗ {f.path}：{f.reason}")
        if self.dense:
            lines.append(f"向量检索：{self.dense}")
        return "\n".join(lines)

    def as_uploaded(self, names: dict[str, str]) -> dict:
        """The report as JSON, files named as the uploader named them (server paths are nobody's business):
        ``names`` maps each saved file's server path to its uploaded name."""
        data = self.model_dump(mode="json")
        for f in data["files"]:
            f["path"] = names.get(f["path"], Path(f["path"]).name)
        text = self.summary()
        for server_path, name in names.items():
            text = text.replace(server_path, name)
        data["summary"] = text
        return data
