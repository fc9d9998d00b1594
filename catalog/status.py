"""The seed's status checks: the catalog's health, the caller's throttle state, the LLM provider and its limits.

Each check returns plain data for the status endpoints (`catalog/api/status.py`). None of them shows a key:
configured or not is all that is said about COMPOSIO_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY and GROQ_API_KEY, and a
failed live check is described by `llm_error_from`, whose messages name no secret.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from catalog.models import Tool, Toolkit, ToolkitCategory
from wfplatform.llm import LLMConfig, llm_config, llm_error_from, ratelimit
from wfplatform.llm.config import PROVIDER_NAMES

EMPTY_CATALOG_HINT = (
    "The catalog is empty: run `python manage.py load_catalog` for the shipped offline catalog "
    "(or `python manage.py sync_catalog` with COMPOSIO_API_KEY set)."
)
LIVE_CHECK_TIMEOUT_S = 5.0
LIVE_CHECK_CACHE_S = 60


# --- the catalog -----------------------------------------------------------------------------------------


def catalog_health() -> dict[str, Any]:
    """Counts, the last sync, and "degraded" (with what to do) when there is nothing to suggest from."""
    toolkits, tools = Toolkit.objects.count(), Tool.objects.count()
    empty = toolkits == 0
    return {
        "status": "degraded" if empty else "ok",
        "toolkits": toolkits,
        "tools": tools,
        "categories": ToolkitCategory.objects.count(),
        "last_synced_at": _last_synced_at(),
        "catalog_empty": empty,
        "composio_configured": bool(settings.COMPOSIO_API_KEY),
        "hints": [EMPTY_CATALOG_HINT] if empty else [],
    }


def _last_synced_at() -> datetime | None:
    times = [
        Toolkit.objects.aggregate(at=Max("last_synced_at"))["at"],
        Tool.objects.aggregate(at=Max("last_synced_at"))["at"],
    ]
    return max((at for at in times if at is not None), default=None)


# --- request throttling ---------------------------------------------------------------------------------


def throttle_status(request: Request, view: APIView) -> list[dict[str, Any]]:
    """The state of each of the view's rate throttles for this caller, read from DRF's own cache entries.

    The request asking has already been counted (DRF throttles before the view runs).
    """
    return [_throttle_state(throttle, request, view) for throttle in view.get_throttles()]


def _throttle_state(throttle: Any, request: Request, view: APIView) -> dict[str, Any]:
    state: dict[str, Any] = {"scope": getattr(throttle, "scope", None) or type(throttle).__name__}
    if not isinstance(throttle, SimpleRateThrottle) or getattr(throttle, "rate", None) is None:
        return {**state, "rate": None, "applies": False, "limit": None, "used": 0, "remaining": None, "reset_in": 0}
    key = throttle.get_cache_key(request, view)  # None: this throttle does not apply to this caller
    now = throttle.timer()
    history = [at for at in (throttle.cache.get(key, []) if key else []) if at > now - throttle.duration]
    reset_in = max(0.0, history[-1] + throttle.duration - now) if history else 0.0
    return {
        **state,
        "rate": throttle.rate,
        "applies": key is not None,
        "limit": throttle.num_requests,
        "used": len(history),
        "remaining": max(0, throttle.num_requests - len(history)),
        "reset_in": round(reset_in, 1),
    }


# --- LLM providers: configuration, our per-process limiter, a live check ------------------------------------


def _provider_settings() -> dict[str, dict[str, Any]]:
    return {
        "openai": {"configured": bool(settings.OPENAI_API_KEY), "model": settings.OPENAI_MODEL},
        "anthropic": {"configured": bool(settings.ANTHROPIC_API_KEY), "model": settings.ANTHROPIC_MODEL},
        "groq": {"configured": bool(settings.GROQ_API_KEY), "model": settings.GROQ_MODEL},
    }


def llm_rate_status() -> dict[str, Any]:
    """WFP_LLM_RPM and what this process's limiter for each provider has granted in the last window."""
    rpm = int(settings.WFP_LLM_RPM or 0)
    config = llm_config()
    providers = {
        name: {"name": PROVIDER_NAMES[name], "configured": values["configured"], **_limiter_use(name, rpm)}
        for name, values in _provider_settings().items()
    }
    return {"active_provider": config.provider if config else None, "rpm_limit": rpm or None, "providers": providers}


def _limiter_use(provider: str, rpm: int) -> dict[str, Any]:
    limiter = ratelimit.limiter_for(provider, rpm) if rpm > 0 else None
    if limiter is None:
        return {"limited": False, "requests_last_window": None, "waiting": None, "window_seconds": None}
    usage = limiter.usage()
    return {
        "limited": True,
        "requests_last_window": usage.requests_in_window,
        "waiting": usage.waiting,
        "window_seconds": usage.window_s,
    }


def ai_client_status() -> dict[str, Any]:
    """Which providers have keys, which one is used (by default, and for suggestions), and whether it answers
    (checked at most once a minute)."""
    from catalog.services.suggestions import default_suggestion_llm

    config, suggestions = llm_config(), default_suggestion_llm()
    providers = {
        name: {"name": PROVIDER_NAMES[name], **values, "active": bool(config and config.provider == name)}
        for name, values in _provider_settings().items()
    }
    status: dict[str, Any] = {
        "configured": config is not None,
        "active_provider": config.provider if config else None,
        "model": config.model if config else None,
        "suggestions_provider": suggestions.provider if suggestions else None,
        "providers": providers,
        "check": None,
    }
    if config is not None:
        status["check"] = _cached_live_check(config)
    return status


def _cached_live_check(config: LLMConfig) -> dict[str, Any]:
    # A digest of the key, not the key: a changed key (or server, or model) gets a fresh check.
    identity = f"{config.provider}|{config.model}|{config.base_url}|{config.api_key}".encode()
    key = "catalog:ai-client-check:" + hashlib.sha256(identity).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return {**cached, "cached": True}
    result = live_check(config)
    cache.set(key, result, LIVE_CHECK_CACHE_S)
    return {**result, "cached": False}


def live_check(config: LLMConfig) -> dict[str, Any]:
    """One cheap request (list models) with a short timeout and no retries; errors in key-free words."""
    config = dataclasses.replace(config, timeout_s=LIVE_CHECK_TIMEOUT_S, max_retries=0)
    started = time.monotonic()
    try:
        model_listed = _list_models(config)
    except Exception as exc:  # any failure is the answer: the provider does not answer usably
        error = llm_error_from(exc, config)
        message = str(error) if error else f"the check failed ({type(exc).__name__})"
        return _check_result(ok=False, error=message, started=started)
    return _check_result(ok=True, model_listed=model_listed, started=started)


def _check_result(*, ok: bool, started: float, error: str | None = None, model_listed: bool | None = None) -> dict:
    return {
        "ok": ok,
        "error": error,
        "model_listed": model_listed,
        "latency_ms": round((time.monotonic() - started) * 1000),
        "checked_at": timezone.now(),
    }


def _list_models(config: LLMConfig) -> bool | None:
    """Whether the configured model is among those listed; None when the answer cannot tell (a page of one)."""
    options = {"api_key": config.api_key, "timeout": config.timeout_s, "max_retries": 0}
    if config.base_url:
        options["base_url"] = config.base_url
    if config.wire == "openai":
        import openai

        with openai.OpenAI(**options) as client:
            return any(model.id == config.model for model in client.models.list())
    import anthropic

    with anthropic.Anthropic(**options) as client:
        client.models.list(limit=1)
    return None
