"""Named configurations become Settings overrides; an override these Settings lack is reported, not dropped silently."""

import pytest

from assistant.config import Settings
from evals.configs import CONFIGS, EvalConfig, UnknownConfigError, apply_config, get_config, settings_stamp


def test_lexical_and_thesaurus_differ_only_in_the_flags():
    base = Settings(_env_file=None, retrieval_mode="hybrid")
    lexical, applied, unsupported = apply_config(base, CONFIGS["lexical"])
    thesaurus, _, _ = apply_config(base, CONFIGS["thesaurus"])
    assert lexical.retrieval_mode == "lexical" and lexical.use_thesaurus is False and lexical.use_routing is False
    assert thesaurus.use_thesaurus is True and thesaurus.retrieval_mode == "lexical"
    assert unsupported == [] and applied["use_routing"] is False
    assert base.retrieval_mode == "hybrid"  # the base settings are not modified


def test_unknown_setting_is_listed_as_unsupported():
    _, applied, unsupported = apply_config(
        Settings(_env_file=None), EvalConfig("x", "", {"warp_speed": 9, "llm_model": None})
    )
    assert unsupported == ["warp_speed"] and applied == {"llm_model": None}


def test_unknown_configuration_name_is_a_typed_error_in_chinese():
    with pytest.raises(UnknownConfigError, match="未知的评测配置"):
        get_config("turbo")


def test_stamp_never_records_the_api_key():
    stamp = settings_stamp(Settings(_env_file=None, llm_api_key="sk-secret-123"))
    assert stamp["llm_api_key"] == "***" and "sk-secret-123" not in str(stamp)
