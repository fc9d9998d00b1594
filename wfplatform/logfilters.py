"""Logging filters that keep secrets carried in URLs out of log lines.

Some URLs are credentials: a graph webhook's `/api/hooks/{token}`. Django logs the path of every 4xx and
5xx answer ("Conflict: /api/hooks/..."), servers log request lines, and a traceback may quote a URL; this
filter, on the console handler (settings.LOGGING), blanks the token wherever a record mentions such a path.
"""

from __future__ import annotations

import logging
import re

# The path prefix, then the secret segment (URL-safe base64 and anything else up to a separator).
URL_SECRETS = re.compile(r"(/api/hooks/)[^/\s?#'\"]+")
REPLACEMENT = r"\1[redacted]"


def redact_url_secrets(text: str) -> str:
    return URL_SECRETS.sub(REPLACEMENT, text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message and formatted traceback with `clean`; subclasses say what to blank."""

    def clean(self, text: str) -> str:
        raise NotImplementedError

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            # Formatting the traceback would print the exception's text; keep its type and the cleaned text.
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.clean(text)
        return True


class URLSecretsFilter(RedactingFilter):
    """Blanks hook tokens in a record's message and in its formatted traceback."""

    def clean(self, text: str) -> str:
        return redact_url_secrets(text)
