"""One settings object for the whole project (env prefix ``LABOR_``, ``.env`` supported; see ``.env.example``)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LABOR_", env_file=".env", env_file_encoding="utf-8", extra="ignore")

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
    max_file_mb: int = Field(20, description="单个导入文件的大小上限（MB）")

    # --- retrieval
    retrieval_mode: Literal["hybrid", "lexical"] = "hybrid"
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
    llm_context_chars: int = 12000
    facts_by_model: bool = Field(True, description="配置了大模型时，案情也请模型按同一格式读取（逐条核对原话后才采用）")

    # --- evaluation
    eval_judge: bool = Field(False, description="labor eval 时用已配置的大模型给回答打分（准确、完整、清晰 1–5）")

    # --- privacy
    log_personal_data: bool = False

    @field_validator("corpus_dirs", mode="before")
    @classmethod
    def _split_paths(cls, value):
        if isinstance(value, str):
            value = value.strip()
            if value.startswith("["):
                import json

                return json.loads(value)
            return [p.strip() for p in value.split(",") if p.strip()]
        return value

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


@functools.cache
def get_settings() -> Settings:
    return Settings()
