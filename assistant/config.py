"""The one settings tree of the project (env prefix ``LABOR_``, ``.env`` supported; every variable in ``.env.example``).

``Settings`` holds what the domain needs; ``Settings.api`` (an ``ApiSettings``) what the front doors need: server
address, log level, keys, limits. Both read the same flat ``LABOR_*`` names (``LABOR_PORT``, ``LABOR_API_KEYS`` …),
the names ``.env.example`` has always documented. Nothing else in the project reads ``os.environ`` for a setting.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
ENV_FILE = ".env"
_CONFIG = SettingsConfigDict(env_prefix="LABOR_", env_file=ENV_FILE, env_file_encoding="utf-8", extra="ignore")

# public: ask, search, calculate, draft, open a case from a chat; staff: the case desk of their organisation,
# ingest, admin pages; reviewer: reads its organisation's cases and confirms or corrects answers (人工复核);
# admin: every organisation's cases and every action.
Role = Literal["public", "staff", "reviewer", "admin"]
ROLES: tuple[str, ...] = ("public", "staff", "reviewer", "admin")
LogLevel = Literal["debug", "info", "warning", "error", "critical"]
# A public key that grants exactly what anonymous access grants, so the README's OpenAI example runs as written.
DEFAULT_API_KEYS: dict[str, Role] = {"change-me-app": "public"}


def _split(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            return json.loads(value)
        return [p.strip() for p in value.split(",") if p.strip()]
    return value


class ApiSettings(BaseSettings):
    """The front doors' part of the tree: ``get_settings().api``."""

    model_config = _CONFIG

    host: str = Field("127.0.0.1", description="监听地址；局域网内其他设备访问用 0.0.0.0")
    port: int = Field(8000, ge=1, le=65535, description="端口")
    log_level: LogLevel = Field("info", description="日志级别（大小写均可）")
    api_keys: Annotated[dict[str, Role], NoDecode] = Field(
        default_factory=lambda: dict(DEFAULT_API_KEYS),
        description='API 密钥及角色，格式 "密钥:角色,密钥:角色@机构"，角色为 public、staff、reviewer 或 admin；'
                    '@机构 为该密钥所属的机构（工作人员只看本机构的案件）',
    )
    key_orgs: dict[str, str] = Field(
        default_factory=dict,
        description="每个密钥所属的机构，由 LABOR_API_KEYS 中的 @机构 得出；没有 @机构 的密钥属于默认机构（空）",
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
    rate_limit_store: Literal["auto", "memory", "database"] = Field(
        "auto", description="限流计数放在哪里：database 放在案件库，多个服务进程共用同一个限额；memory 每个进程各自计数；"
                            "auto 在多进程（labor serve --workers N）或用 PostgreSQL 时放在案件库")
    max_concurrent_answers: int = Field(16, ge=1, description="同时进行的咨询（/v1/ask、/v1/chat/completions）上限，"
                                        "满了的请求立即得到 503 和 Retry-After，检索和健康检查不被挤占")
    feedback_db: Path | None = Field(None, description="旧版的反馈文件（SQLite）：反馈与人工复核请求现在存在案件库里，"
                                     "首次使用时把这个文件里的记录导入一次，之后文件改名为 .imported 保留；"
                                     "为空时找 data_dir/feedback.sqlite3")

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="before")
    @classmethod
    def _split_organisations(cls, data: Any) -> Any:
        # "key:staff@某市总工会" carries the key's organisation beside its role; the role alone stays in api_keys
        # (so every reader of roles is unchanged) and the organisation goes to key_orgs.
        if not isinstance(data, dict) or data.get("api_keys") is None:
            return data
        keys = cls._parse_keys(data["api_keys"])
        if not isinstance(keys, dict):
            return data
        roles: dict[Any, Any] = {}
        orgs = dict(data.get("key_orgs") or {})
        for key, grant in keys.items():
            if isinstance(grant, str) and "@" in grant:
                grant, _, org = grant.partition("@")
                if not org.strip():
                    raise ValueError("LABOR_API_KEYS 中 @ 后面应写机构名称")
                orgs[key] = org.strip()
            roles[key] = grant.strip() if isinstance(grant, str) else grant
        return {**data, "api_keys": roles, "key_orgs": orgs}

    @field_validator("api_keys", mode="before")
    @classmethod
    def _parse_keys(cls, value: Any) -> Any:
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
    def _split_lists(cls, value: Any) -> Any:
        return _split(value)

    @field_validator("upload_types")
    @classmethod
    def _dotted(cls, value: list[str]) -> list[str]:
        return [v.lower() if v.startswith(".") else "." + v.lower() for v in value]

    @model_validator(mode="after")
    def _no_default_key_when_closed(self) -> ApiSettings:
        # Closing anonymous access must not leave the documented example key open.
        if not self.allow_anonymous and "api_keys" not in self.model_fields_set:
            self.api_keys = {}
        return self

    def feedback_path(self, data_dir: Path) -> Path:
        """The feedback file of earlier versions, imported once into the case database."""
        return self.feedback_db or Path(data_dir) / "feedback.sqlite3"


class Settings(BaseSettings):
    model_config = _CONFIG

    def __init__(self, **values: Any) -> None:
        # The API subtree reads the same environment and the same .env file as its parent.
        if "api" not in values:
            values["api"] = ApiSettings(_env_file=values.get("_env_file", ENV_FILE))  # type: ignore[call-arg]
        super().__init__(**values)

    # --- where things live
    data_dir: Path = Field(Path("data"), description="索引、缓存、反馈数据库所在目录")
    corpus_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=list,
        description="启动时自动导入的法规/文档目录，逗号分隔；为空时尝试按来源清单下载",
    )
    project_corpus_dir: Path = Field(PROJECT_DIR / "corpus", description="项目自带数据（来源清单、同义词表、指南）")
    prompts_dir: Path = Field(PROJECT_DIR / "prompts")

    corpus_mirror_url: str = Field("https://raw.githubusercontent.com",
                                   description="法规文本镜像地址（下载时按来源清单中固定的提交拼接路径）")
    max_file_mb: float = Field(20, gt=0, description="单个导入文件的大小上限（MB），命令行导入与网页/接口上传都按它拒收")
    ingest_file_seconds: float = Field(60, gt=0, description="导入时单个文件的处理时间上限（秒），超时的文件被拒收")
    ingest_parallel_threshold: int = Field(20000, ge=1, description="待分词条文达到此数量时用多进程分词")

    # --- retrieval: auto = hybrid when the embedding model is on this machine (or may be downloaded), else lexical
    retrieval_mode: Literal["auto", "hybrid", "lexical"] = "auto"
    embedding_model: str = Field("BAAI/bge-small-zh-v1.5", description="sentence-transformers 模型名或本地路径")
    embedding_query_instruction: str = "为这个句子生成表示以用于检索相关文章："
    embedding_batch_size: int = 32
    reranker_model: str | None = Field(None, description="可选 cross-encoder 重排模型，如 BAAI/bge-reranker-base")
    reranker_top_n: int = 30
    chroma_url: str | None = Field(None, description="Chroma 服务器地址（如 http://127.0.0.1:8000）；为空用本地嵌入式")
    chroma_collection: str = "provisions"
    allow_model_download: bool = False
    use_thesaurus: bool = Field(True, description="用口语→法律用语同义词表扩展查询")
    use_routing: bool = Field(True, description="按问题类型（维权指南）补充关键法条")

    # --- language model (OpenAI-compatible endpoint); empty base URL/model → offline answers
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    llm_temperature: float = 0.2
    llm_timeout: float = 30.0
    llm_max_retries: int = 1
    answer_deadline_seconds: float = Field(60, gt=0, description="一次回答的总时限（秒）：其中各次语言模型调用（读取案情、回答，含流式）合计不超过它，超时改用离线回答")
    max_concurrent_llm: int = Field(8, ge=1, description="本进程同时进行的语言模型调用上限，满了的回答改用离线回答")
    llm_context_chars: int = 12000
    facts_by_model: bool = Field(True, description="配置了大模型时，案情也请模型按同一格式读取（逐条核对原话后才采用）")

    # --- evaluation
    eval_judge: bool = Field(False, description="labor eval 时用已配置的大模型给回答打分（准确、完整、清晰 1–5）")

    # --- privacy
    log_personal_data: bool = False

    # --- the case desk (assistant/cases): an SQLite file in data_dir unless a database URL is given
    database_url: str | None = Field(
        None, description="案件库地址（SQLAlchemy URL），如 postgresql+psycopg://用户@主机:5432/库名；"
                          "为空时用 data_dir/cases.sqlite3")
    test_database_url: str | None = Field(
        None, description="测试用的 PostgreSQL 地址：案件测试在其中建立、删除各自的 schema；为空时这部分测试跳过")
    case_organisation: str = Field("本会", description="未写明承办组织时案件归入的组织")
    case_deadline_days: int = Field(30, ge=0, le=3650, description="期限在这么多天内到期的案件列为「期限临近」")

    # --- the front doors
    api: ApiSettings

    _retrieval_notice: str | None = PrivateAttr(None)

    @field_validator("corpus_dirs", mode="before")
    @classmethod
    def _split_paths(cls, value: Any) -> Any:
        return _split(value)

    @model_validator(mode="after")
    def _resolve_auto_mode(self) -> Settings:
        if self.retrieval_mode == "auto":
            if embedding_model_present(self.embedding_model, self.allow_model_download):
                self.retrieval_mode = "hybrid"
            else:
                self.retrieval_mode = "lexical"
                self._retrieval_notice = (
                    f"检索使用关键词模式：本机没有向量模型 {self.embedding_model or '（未配置）'}。"
                    "要用混合检索，请把 LABOR_EMBEDDING_MODEL 设为本地模型路径，或设 LABOR_ALLOW_MODEL_DOWNLOAD=true。")
        return self

    @property
    def retrieval_notice(self) -> str | None:
        """One line for the operator when ``auto`` chose lexical retrieval; None otherwise."""
        return self._retrieval_notice

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


def embedding_model_present(model: str, allow_download: bool = False) -> bool:
    """True when ``model`` can be loaded without surprises: a local folder, a model in the Hugging Face cache, or
    any named model when downloads are allowed. Checked without importing sentence-transformers (seconds)."""
    if not model:
        return False
    if allow_download or Path(model).expanduser().is_dir():
        return True
    if model.count("/") != 1:
        return False
    # Looked up on disk, not through huggingface_hub: importing it here would fix its offline switch before
    # assistant._env has set it.
    snapshots = _hf_cache_dir() / ("models--" + model.replace("/", "--")) / "snapshots"
    return any(snapshots.glob("*/config.json"))


def _hf_cache_dir() -> Path:
    env = os.environ
    if env.get("HF_HUB_CACHE"):
        return Path(env["HF_HUB_CACHE"]).expanduser()
    home = env.get("HF_HOME") or str(Path(env.get("XDG_CACHE_HOME") or "~/.cache") / "huggingface")
    return Path(home).expanduser() / "hub"


@functools.cache
def get_settings() -> Settings:
    return Settings()
