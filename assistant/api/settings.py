"""Settings of the HTTP front door (env prefix ``LABOR_``, ``.env`` supported; documented in ``.env.example``).

Kept apart from ``assistant.config.Settings`` because only the server needs them; both read the same environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

Role = Literal["public", "staff"]
ROLES: tuple[str, ...] = ("public", "staff")


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LABOR_", env_file=".env", env_file_encoding="utf-8", extra="ignore")

    api_keys: Annotated[dict[str, Role], NoDecode] = Field(
        default_factory=dict,
        description='API 密钥及角色，格式 "密钥:角色,密钥:角色"，角色为 public 或 staff',
    )
    allow_anonymous: bool = Field(True, description="不带密钥也可使用公开接口（咨询、检索、计算、文书）")
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list, description="允许跨域的来源，逗号分隔")
    max_body_bytes: int = Field(256 * 1024, ge=1024, description="JSON 请求体上限（字节）")
    max_question_chars: int = Field(2000, ge=10, description="单个问题的最大字数")
    max_upload_bytes: int = Field(20 * 1024 * 1024, ge=1024, description="单次上传文件上限（字节）")
    upload_types: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: [".md", ".txt", ".pdf", ".docx", ".html", ".htm"],
        description="允许导入的文件扩展名",
    )
    rate_limit_per_minute: int = Field(60, ge=0, description="每个密钥（匿名按来源地址）每分钟请求数，0 表示不限")
    feedback_db: Path | None = Field(None, description="反馈与人工复核请求的 SQLite 文件；为空时用 data_dir/feedback.sqlite3")

    @field_validator("api_keys", mode="before")
    @classmethod
    def _parse_keys(cls, value):
        if isinstance(value, str):
            keys: dict[str, str] = {}
            for part in value.split(","):
                part = part.strip()
                if not part:
                    continue
                key, sep, role = part.rpartition(":")
                if not sep or not key.strip():
                    raise ValueError("LABOR_API_KEYS 的格式应为 密钥:角色,密钥:角色")
                keys[key.strip()] = role.strip()
            return keys
        return value

    @field_validator("cors_origins", "upload_types", mode="before")
    @classmethod
    def _split(cls, value):
        if isinstance(value, str):
            return [p.strip() for p in value.split(",") if p.strip()]
        return value

    @field_validator("upload_types")
    @classmethod
    def _dotted(cls, value: list[str]) -> list[str]:
        return [v.lower() if v.startswith(".") else "." + v.lower() for v in value]

    def feedback_path(self, data_dir: Path) -> Path:
        return self.feedback_db or Path(data_dir) / "feedback.sqlite3"
