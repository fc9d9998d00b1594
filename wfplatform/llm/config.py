"""Which LLM provider and model this deployment uses, read from settings (themselves from the environment)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings

Provider = Literal["openai", "anthropic", "groq"]
PROVIDER_NAMES: dict[str, str] = {"openai": "OpenAI", "anthropic": "Anthropic", "groq": "Groq"}
# The order a deployment's default picks from when several keys are set and nothing says which.
DEFAULT_ORDER: tuple[Provider, ...] = ("openai", "anthropic", "groq")
# Groq serves the OpenAI protocol (chat completions, tools, models list) at this base URL.
GROQ_BASE_URL = "https://api.groq.com/openai/v1"

# USD per million tokens (input, output), from the providers' price pages. Matched by the longest
# model-name prefix, so dated snapshots ("gpt-4o-mini-2024-07-18") find their family.
# WFP_LLM_PRICE_IN / WFP_LLM_PRICE_OUT override it (other models, negotiated prices).
PRICES_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5": (1.25, 10.00),
    "o4-mini": (1.10, 4.40),
    "o3": (2.00, 8.00),
    "claude-haiku-4-5": (1.00, 5.00),
    "claude-3-5-haiku": (0.80, 4.00),
    "claude-sonnet-4": (3.00, 15.00),
    "claude-opus-4-5": (5.00, 25.00),
    "claude-opus-4": (15.00, 75.00),
    "llama-3.3-70b-versatile": (0.59, 0.79),
    "llama-3.1-8b-instant": (0.05, 0.08),
}


@dataclass(frozen=True)
class LLMConfig:
    """The configured provider. The key never shows in repr, str or logs."""

    provider: Provider
    model: str
    api_key: str = field(repr=False)
    temperature: float = 0.1
    base_url: str | None = None
    timeout_s: float = 120.0
    max_retries: int = 3
    rpm: int = 0  # requests per minute in this process; 0: no limit of ours
    price_in: float | None = None  # USD per million input tokens; None: unknown
    price_out: float | None = None

    @property
    def provider_name(self) -> str:
        return PROVIDER_NAMES[self.provider]

    @property
    def wire(self) -> Literal["openai", "anthropic"]:
        """The protocol the provider speaks: Groq speaks OpenAI's."""
        return "anthropic" if self.provider == "anthropic" else "openai"

    def cost_usd(self, input_tokens: int, output_tokens: int) -> float | None:
        if self.price_in is None or self.price_out is None:
            return None
        return round((input_tokens * self.price_in + output_tokens * self.price_out) / 1_000_000, 8)


def llm_config(*, choice: str | None = None, prefer: Sequence[Provider] = DEFAULT_ORDER) -> LLMConfig | None:
    """The provider to use, or None when no key is set.

    The first of these that names a provider with a key: `choice` (a feature's own setting, e.g.
    WFP_SUGGESTIONS_LLM_PROVIDER), WFP_LLM_PROVIDER, then the first provider in `prefer` that has a key
    (OpenAI, Anthropic, Groq by default; a feature may prefer another order). A provider named explicitly
    without its key gives None: the operator asked for it, so another one is not silently used instead.
    """
    provider = _chosen_provider(choice, prefer)
    if provider is None:
        return None
    model_setting, default_model = _MODELS[provider]
    model = _setting(model_setting) or default_model
    prefix = provider.upper()
    key, base_url = _setting(f"{prefix}_API_KEY"), _setting(f"{prefix}_BASE_URL")
    if provider == "groq":
        base_url = base_url or GROQ_BASE_URL
    price_in, price_out = _prices(model)
    return LLMConfig(
        provider=provider,
        model=model,
        api_key=key,
        temperature=float(_setting("OPENAI_TEMPERATURE", 0.1)),
        base_url=base_url or None,
        timeout_s=float(_setting("WFP_LLM_TIMEOUT", 120)),
        max_retries=int(_setting("WFP_LLM_MAX_RETRIES", 3)),
        rpm=int(_setting("WFP_LLM_RPM", 0) or 0),
        price_in=price_in,
        price_out=price_out,
    )


_MODELS: dict[str, tuple[str, str]] = {
    "openai": ("OPENAI_MODEL", "gpt-4o-mini"),
    "anthropic": ("ANTHROPIC_MODEL", "claude-sonnet-4-5"),
    "groq": ("GROQ_MODEL", "llama-3.3-70b-versatile"),
}


def llm_available() -> bool:
    return llm_config() is not None


def _setting(name: str, default=None):
    return getattr(settings, name, default)


def configured_providers() -> list[Provider]:
    """The providers whose key is set, in the default order."""
    return [name for name in DEFAULT_ORDER if _setting(f"{name.upper()}_API_KEY")]


def _chosen_provider(choice: str | None, prefer: Sequence[Provider]) -> Provider | None:
    configured = configured_providers()
    explicit = choice or _setting("WFP_LLM_PROVIDER")
    if explicit:
        return explicit if explicit in configured else None
    return next((name for name in prefer if name in configured), None)


def _prices(model: str) -> tuple[float | None, float | None]:
    families = sorted((family for family in PRICES_PER_MILLION if model.startswith(family)), key=len)
    listed = PRICES_PER_MILLION[families[-1]] if families else (None, None)
    price_in, price_out = _setting("WFP_LLM_PRICE_IN"), _setting("WFP_LLM_PRICE_OUT")
    return (
        float(price_in) if price_in is not None else listed[0],
        float(price_out) if price_out is not None else listed[1],
    )
