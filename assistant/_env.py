"""Process environment for an offline-first assistant.

Imported first by the package so that no library phones home: the Hugging Face hub (model downloads, telemetry),
Gradio analytics and Chroma's anonymized telemetry are all switched off before those libraries are imported.
A deployment with internet that wants the named embedding model fetched on first use sets
``LABOR_ALLOW_MODEL_DOWNLOAD=true`` (in the environment or in ``.env``: it is read through the settings).
"""

from __future__ import annotations

import os

from pydantic import ValidationError

_ALWAYS = {
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "DO_NOT_TRACK": "1",
}
_OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _downloads_allowed() -> bool:
    from assistant.config import Settings

    try:  # not the cached get_settings(): a test or a caller may still change the environment after import
        return Settings().allow_model_download
    except ValidationError:  # a bad setting is reported where it is used; offline is the safe default meanwhile
        return False


def apply_offline_environment() -> None:
    for key, value in _ALWAYS.items():
        os.environ.setdefault(key, value)
    if not _downloads_allowed():
        for key, value in _OFFLINE.items():
            os.environ.setdefault(key, value)


apply_offline_environment()
