"""The provider, model and prices come from settings; with no key there is no LLM."""

from __future__ import annotations

import pytest

from wfplatform.llm import LLMNotConfigured, llm_available, llm_config, make_llm

SECRET_KEY = "sk-config-test-0123456789"


@pytest.fixture
def no_keys(settings):
    settings.OPENAI_API_KEY = None
    settings.ANTHROPIC_API_KEY = None
    settings.GROQ_API_KEY = None
    settings.WFP_LLM_PROVIDER = None
    return settings


def test_openai_is_chosen_when_its_key_is_set(no_keys):
    no_keys.OPENAI_API_KEY = SECRET_KEY
    no_keys.ANTHROPIC_API_KEY = "ak-other"
    no_keys.OPENAI_MODEL = "gpt-4.1-mini"
    no_keys.OPENAI_TEMPERATURE = 0.3
    no_keys.OPENAI_BASE_URL = "https://llm.internal/v1"

    config = llm_config()

    assert (config.provider, config.model, config.api_key) == ("openai", "gpt-4.1-mini", SECRET_KEY)
    assert (config.temperature, config.base_url) == (0.3, "https://llm.internal/v1")
    assert llm_available()


def test_anthropic_is_used_when_only_its_key_is_set(no_keys):
    no_keys.ANTHROPIC_API_KEY = SECRET_KEY
    no_keys.ANTHROPIC_MODEL = "claude-haiku-4-5"

    config = llm_config()

    assert (config.provider, config.model, config.provider_name) == ("anthropic", "claude-haiku-4-5", "Anthropic")


def test_wfp_llm_provider_decides_when_both_keys_are_set(no_keys):
    no_keys.OPENAI_API_KEY = "sk-one"
    no_keys.ANTHROPIC_API_KEY = "ak-two"
    no_keys.WFP_LLM_PROVIDER = "anthropic"

    assert llm_config().provider == "anthropic"


def test_groq_speaks_openai_s_protocol_at_groq_s_url(no_keys):
    no_keys.GROQ_API_KEY = SECRET_KEY
    no_keys.GROQ_MODEL = "llama-3.3-70b-versatile"
    no_keys.GROQ_BASE_URL = None

    config = llm_config()

    assert (config.provider, config.wire, config.provider_name) == ("groq", "openai", "Groq")
    assert config.base_url == "https://api.groq.com/openai/v1"
    assert (config.price_in, config.price_out) == (0.59, 0.79)


def test_a_feature_may_prefer_another_order_but_explicit_choices_win(no_keys):
    no_keys.OPENAI_API_KEY, no_keys.ANTHROPIC_API_KEY, no_keys.GROQ_API_KEY = "sk-one", "ak-two", "gk-three"
    assert llm_config().provider == "openai"
    assert llm_config(prefer=("anthropic", "openai")).provider == "anthropic"
    assert llm_config(choice="groq", prefer=("anthropic",)).provider == "groq"
    no_keys.WFP_LLM_PROVIDER = "groq"
    assert llm_config(prefer=("anthropic",)).provider == "groq"
    assert llm_config(choice="openai").provider == "openai"
    no_keys.ANTHROPIC_API_KEY = None
    assert llm_config(choice="anthropic") is None  # named but without its key: not another one instead


def test_without_a_key_there_is_no_llm(no_keys):
    assert llm_config() is None
    assert not llm_available()
    with pytest.raises(LLMNotConfigured, match="set OPENAI_API_KEY, ANTHROPIC_API_KEY or GROQ_API_KEY"):
        make_llm()


def test_the_key_never_shows_in_the_config_repr(no_keys):
    no_keys.OPENAI_API_KEY = SECRET_KEY

    config = llm_config()

    assert SECRET_KEY not in repr(config)
    assert SECRET_KEY not in str(config)


def test_prices_come_from_the_table_by_model_family(no_keys):
    no_keys.OPENAI_API_KEY = SECRET_KEY
    no_keys.OPENAI_MODEL = "gpt-4o-mini-2024-07-18"

    config = llm_config()

    assert (config.price_in, config.price_out) == (0.15, 0.60)
    assert config.cost_usd(1_000_000, 100_000) == pytest.approx(0.21)


def test_price_settings_override_the_table_and_price_unknown_models(no_keys):
    no_keys.OPENAI_API_KEY = SECRET_KEY
    no_keys.OPENAI_MODEL = "some-local-model"
    assert llm_config().cost_usd(1000, 1000) is None

    no_keys.WFP_LLM_PRICE_IN = 1.0
    no_keys.WFP_LLM_PRICE_OUT = 2.0
    assert llm_config().cost_usd(1_000_000, 1_000_000) == pytest.approx(3.0)
