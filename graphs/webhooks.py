"""Webhooks for graphs: a secret URL (`POST /api/hooks/{token}`) whose every call starts a run.

The token is the credential, as with Slack's or Zapier's incoming webhooks: senders such as GitHub or
Stripe can only be given a URL. It is 256 random bits; only its SHA-256 digest is stored, so the URL is
shown once (on creation and on rotation) and a database dump does not give it away. Log lines that carry
a hook URL are redacted (wfplatform.logfilters).

A signed webhook also has a signing secret (shown once, like the URL) and accepts only calls whose
`X-Hub-Signature-256` header is `sha256=<hex HMAC-SHA256 of the raw body with that secret>`: GitHub's
scheme, which many senders offer. The secret has to be read back to check a signature, so it is stored
encrypted (Fernet, with a key derived from SECRET_KEY); changing SECRET_KEY means rotating such webhooks.

A call's run starts from the webhook's `initial_state` with the request under `webhook`:
`{"body": ..., "query": {...}, "headers": {...}, "content_type": ..., "received_at": ..., "webhook_id": ...}`.
A JSON body is parsed, a form body becomes an object of its fields, anything else is kept as text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.timezone import now

from graphs.models import Graph, Run, Webhook
from graphs.services import check_state, run_start
from wfplatform.errors import ApplicationError, ConflictError, NotFoundError

logger = logging.getLogger(__name__)

HOOK_PATH = "/api/hooks/"
TOKEN_BYTES = 32
PREFIX_LENGTH = 8
# Request headers that are credentials or session plumbing, not part of what a sender says.
PRIVATE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key", "x-csrftoken"})
SIGNATURE_HEADER = "X-Hub-Signature-256"
SIGNATURE_PREFIX = "sha256="


@dataclass(frozen=True)
class HookRequest:
    """What arrived: the raw body, its content type, the query string's values and the headers."""

    body: bytes
    content_type: str = ""
    query: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hook_path(token: str) -> str:
    return f"{HOOK_PATH}{token}"


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _fernet() -> Fernet:
    key = hashlib.sha256(f"wfplatform webhook signing secrets|{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _new_signing_secret() -> tuple[str, str]:
    """A signing secret and its encrypted form."""
    secret = secrets.token_hex(32)
    return secret, _fernet().encrypt(secret.encode()).decode()


def signature_of(secret: str, body: bytes) -> str:
    """The X-Hub-Signature-256 value a sender computes for `body`."""
    return SIGNATURE_PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _check_signature(webhook: Webhook, request: HookRequest) -> None:
    given = next((value for name, value in request.headers.items() if name.lower() == SIGNATURE_HEADER.lower()), "")
    if not given:
        raise ApplicationError(f"this webhook is signed: send the {SIGNATURE_HEADER} header "
                               f"({SIGNATURE_PREFIX}<hex HMAC-SHA256 of the body>)", code="signature_missing",
                               status_code=401)  # fmt: skip
    try:
        secret = _fernet().decrypt(webhook.signing_secret_encrypted.encode()).decode()
    except InvalidToken:  # SECRET_KEY changed since the secret was made
        raise ConflictError("this webhook's signing secret can no longer be read (SECRET_KEY changed): its owner "
                            "must rotate it", code="signing_secret_unreadable") from None  # fmt: skip
    if not hmac.compare_digest(given.strip().encode(), signature_of(secret, request.body).encode()):
        raise ApplicationError(f"the {SIGNATURE_HEADER} signature does not match the body", code="bad_signature",
                               status_code=401)  # fmt: skip


def _check_state(state: Any) -> dict[str, Any]:
    state = check_state(state, "initial_state")
    if "webhook" in state:
        message = "initial_state may not have a 'webhook' key: each call puts the request there"
        raise ApplicationError(message, code="invalid_state", details={"initial_state": [message]})
    return state


# --- services -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Credentials:
    """What is shown once: the token (the URL's last part) and, for a signed webhook, its signing secret."""

    token: str
    signing_secret: str | None = None


@transaction.atomic
def webhook_create(
    *, owner, graph: Graph, name: str = "", initial_state: Any = None, enabled: bool = True, signed: bool = False
) -> tuple[Webhook, Credentials]:
    """The webhook and its credentials (shown to the caller once; the token is kept only as a digest)."""
    token = _new_token()
    secret, encrypted = _new_signing_secret() if signed else (None, "")
    webhook = Webhook.objects.create(
        owner=owner,
        graph=graph,
        name=name,
        initial_state=_check_state(initial_state),
        enabled=enabled,
        token_digest=token_digest(token),
        token_prefix=token[:PREFIX_LENGTH],
        signing_secret_encrypted=encrypted,
    )
    return webhook, Credentials(token, secret)


@transaction.atomic
def webhook_update(
    *,
    webhook: Webhook,
    graph: Graph | None = None,
    name: str | None = None,
    initial_state: Any = None,
    enabled: bool | None = None,
) -> Webhook:
    """Change what is given; None leaves a field as it is."""
    locked = Webhook.objects.select_for_update().get(pk=webhook.pk)
    changes = {
        "graph": graph,
        "name": name,
        "initial_state": None if initial_state is None else _check_state(initial_state),
        "enabled": enabled,
    }
    for name_, value in changes.items():
        if value is not None:
            setattr(locked, name_, value)
    locked.save()
    return locked


@transaction.atomic
def webhook_rotate(*, webhook: Webhook) -> tuple[Webhook, Credentials]:
    """A new token (and signing secret, when signed); the old ones stop working at once."""
    locked = Webhook.objects.select_for_update().get(pk=webhook.pk)
    token = _new_token()
    secret, encrypted = _new_signing_secret() if locked.signed else (None, "")
    locked.token_digest, locked.token_prefix = token_digest(token), token[:PREFIX_LENGTH]
    locked.signing_secret_encrypted = encrypted
    locked.save(update_fields=["token_digest", "token_prefix", "signing_secret_encrypted", "updated_at"])
    return locked, Credentials(token, secret)


def webhook_delete(*, webhook: Webhook) -> None:
    webhook.delete()


@transaction.atomic
def webhook_receive(*, token: str, request: HookRequest) -> tuple[Webhook, Run]:
    """Start a run for a call to the hook URL: 404 for an unknown token, 409 while the webhook is disabled,
    401 for a signed webhook's call without the right signature."""
    webhook = (
        Webhook.objects.select_for_update(of=("self",))
        .select_related("graph", "owner")
        .filter(token_digest=token_digest(token))
        .first()
    )
    if webhook is None:
        raise NotFoundError("no webhook at this address", code="unknown_webhook")
    if not webhook.enabled:
        raise ConflictError("this webhook is disabled; its owner can enable it again", code="webhook_disabled")
    if webhook.signed:
        _check_signature(webhook, request)
    received = now()
    state = {**webhook.initial_state, "webhook": _request_state(webhook, request, received)}
    run = run_start(owner=webhook.owner, version=webhook.graph.current, initial_state=state)
    Webhook.objects.filter(pk=webhook.pk).update(
        last_run=run, runs_started=F("runs_started") + 1, last_called_at=received
    )
    logger.info("webhook %s (%s…) started run %s", webhook.pk, webhook.token_prefix, run.pk)
    return webhook, run


def _request_state(webhook: Webhook, request: HookRequest, received) -> dict[str, Any]:
    return {
        "webhook_id": str(webhook.pk),
        "received_at": received.isoformat(),
        "content_type": request.content_type,
        "body": parse_body(request.body, request.content_type),
        "query": request.query,
        "headers": {name: value for name, value in request.headers.items() if name.lower() not in PRIVATE_HEADERS},
    }


def parse_body(body: bytes, content_type: str) -> Any:
    """JSON parsed, a form as an object of its fields, other text as text; a 400 naming what is wrong."""
    if not body:
        return None
    media_type = content_type.split(";", 1)[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApplicationError("the request body is not UTF-8 text", code="invalid_body") from None
    if media_type == "application/json" or media_type.endswith("+json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            message = f"the request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            raise ApplicationError(message, code="invalid_body") from None
    if media_type == "application/x-www-form-urlencoded":
        fields: dict[str, Any] = {}
        for key, value in parse_qsl(text, keep_blank_values=True):
            fields.setdefault(key, []).append(value)
        return {key: values[0] if len(values) == 1 else values for key, values in fields.items()}
    return text
