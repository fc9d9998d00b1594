"""Files sent inline as base64: a `data:` URI, a `base64:` prefix, or plain base64."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from urllib.parse import unquote

from wfplatform.errors import ApplicationError
from wfplatform.files.streams import Incoming, file_too_large

_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=\s]")
_NAME_PARAMS = ("name", "filename")


@dataclass(frozen=True)
class InlineInput:
    payload: str
    media_type: str | None
    filename: str | None


def parse_inline(text: str) -> InlineInput:
    """Split the input into its base64 payload and header facts; the payload is not decoded."""
    if text[:7].lower() == "base64:":
        return InlineInput(payload=text[7:], media_type=None, filename=None)
    if text[:5].lower() != "data:":
        return InlineInput(payload=text, media_type=None, filename=None)  # plain base64 (input_form checked it)
    header, comma, payload = text[5:].partition(",")
    params = header.split(";")
    if not comma or "base64" not in (p.strip().lower() for p in params[1:]):
        raise ApplicationError(
            "A data: URI input must be base64-encoded: data:[<type>][;name=<file>];base64,<data>.",
            code="invalid_base64",
        )
    return InlineInput(payload=payload, media_type=params[0].strip() or None, filename=_name_param(params[1:]))


def _name_param(params: list[str]) -> str | None:
    for param in params:
        key, eq, value = param.partition("=")
        if eq and key.strip().lower() in _NAME_PARAMS:
            return unquote(value.strip().strip('"')) or None
    return None


def open_inline(text: str, *, limit: int) -> Incoming:
    inline = parse_inline(text)
    return Incoming(
        chunks=[decode_base64(inline.payload, limit=limit)],
        source="base64",
        description="the base64 input",
        filename=inline.filename,
        content_type=inline.media_type,
    )


def decode_base64(payload: str, *, limit: int) -> bytes:
    bad = _NOT_BASE64.search(payload)
    if bad:
        raise _invalid(f"it contains {bad.group()!r} at position {bad.start()}{_urlsafe_hint(bad.group())}")
    data = "".join(payload.split())  # line breaks are common in pasted base64
    # Known exactly from the encoded length, so an oversized input is refused before decoding.
    size = len(data) // 4 * 3 - data[-2:].count("=")
    if size > limit:
        raise file_too_large("the base64 input", limit=limit, size=size)
    if "=" in data.rstrip("="):
        raise _invalid(f"'=' padding appears before the end, at position {data.index('=')} without whitespace")
    if len(data) % 4:
        raise _invalid(f"its length without whitespace, {len(data)}, is not a multiple of 4 (missing '=' padding?)")
    try:
        return base64.b64decode(data, validate=True)
    except binascii.Error as exc:
        raise _invalid(str(exc).rstrip(".").lower()) from None


def _urlsafe_hint(char: str) -> str:
    return " (URL-safe base64 is not accepted; use the standard alphabet with + and /)" if char in "-_" else ""


def _invalid(why: str) -> ApplicationError:
    message = f"The base64 input is not valid base64: {why}."
    return ApplicationError(message, code="invalid_base64", details={"reason": why})
