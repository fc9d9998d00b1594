"""LLM failures in words a user can act on, with no secret in them.

Provider SDK exceptions carry the server's answer verbatim, and CrewAI logs them; an answer may
quote (part of) the key. `llm_error_from` builds its message from the status code and, for
requests the provider rejected, the provider's own explanation with every configured key blanked.
`SecretRedactingFilter` does the same to log records as a second line of defence.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from wfplatform.llm.config import LLMConfig
from wfplatform.logfilters import RedactingFilter

REDACTED = "[redacted]"


class LLMError(Exception):
    """A call to the configured LLM failed; the message names no secret."""

    def __init__(self, message: str, *, provider: str = "", status: int | None = None, retryable: bool = False):
        super().__init__(message)
        self.provider = provider
        self.status = status
        self.retryable = retryable


class LLMNotConfigured(LLMError):
    """No provider key is set."""

    def __init__(self) -> None:
        super().__init__("no LLM is configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY or GROQ_API_KEY")


def redact(text: str, secrets: Iterable[str | None]) -> str:
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return text


def llm_error_from(exc: BaseException, config: LLMConfig) -> LLMError | None:
    """The LLMError for an SDK failure anywhere in `exc`'s chain, or None when it is not one."""
    if isinstance(exc, LLMError):
        return exc
    for error in _chain(exc):
        status = getattr(error, "status_code", None)
        module = type(error).__module__.split(".", 1)[0]
        if module not in {"openai", "anthropic"}:
            continue
        if isinstance(status, int):
            return _status_error(error, status, config)
        if "Timeout" in type(error).__name__:
            message = f"the {config.provider_name} API did not answer within {config.timeout_s:g} s"
            return LLMError(message, provider=config.provider, retryable=True)
        if "Connection" in type(error).__name__:
            message = f"could not reach the {config.provider_name} API at {_host(config)}"
            return LLMError(message, provider=config.provider, retryable=True)
    return None


def _status_error(error: BaseException, status: int, config: LLMConfig) -> LLMError:
    name = config.provider_name
    retries = f"after {config.max_retries} retries" if config.max_retries else "(retries are off)"
    if status == 401:
        message = f"the {name} API refused the key (401)"
    elif status == 403:
        message = f"the {name} API refused access to model {config.model!r} with this key (403)"
    elif status == 404:
        message = f"the {name} API does not serve model {config.model!r} at {_host(config)} (404)"
    elif status == 429:
        message = f"the {name} API kept answering 429 (rate limited or out of quota) {retries}"
    elif status >= 500:
        message = f"the {name} API failed with status {status} {retries}"
    else:
        detail = redact(_provider_message(error), [config.api_key])[:300]
        message = f"the {name} API rejected the request ({status})" + (f": {detail}" if detail else "")
    return LLMError(message, provider=config.provider, status=status, retryable=status == 429 or status >= 500)


def _provider_message(error: BaseException) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"]
    return ""


def _host(config: LLMConfig) -> str:
    default = {"openai": "api.openai.com", "anthropic": "api.anthropic.com", "groq": "api.groq.com"}[config.provider]
    if not config.base_url:
        return default
    return config.base_url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


class SecretRedactingFilter(RedactingFilter):
    """Blanks the configured provider keys in every record a handler emits."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = {secret for secret in secrets if secret}

    def clean(self, text: str) -> str:
        return redact(text, self.secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        return super().filter(record) if self.secrets else True


def install_log_redaction(secrets: Iterable[str | None]) -> None:
    """Add the keys to the redacting filter on the root logger's handlers (once per handler)."""
    wanted = {secret for secret in secrets if secret}
    for handler in logging.getLogger().handlers:
        existing = next((f for f in handler.filters if isinstance(f, SecretRedactingFilter)), None)
        if existing is None:
            handler.addFilter(SecretRedactingFilter(wanted))
        else:
            existing.secrets |= wanted


__all__ = ["LLMError", "LLMNotConfigured", "SecretRedactingFilter", "llm_error_from", "redact"]
