"""WS /ws/graph/run/{run_id}[?after=ID]: a run's events, live, as JSON messages.

Each message is one event (as `GET /api/v1/runs/{id}/events/` lists them, with the seed's log
line in `line`); the last one is `{"kind": "stream_end", "status", "error", "last_id", "reason"}`,
then the server closes with code 1000. Reconnect with `?after=<last id seen>` to miss nothing.

Credentials: the `X-API-KEY` header, or the session cookie of a signed-in user (a browser); a
session is taken only from a page of an allowed host (the Origin header), so another site cannot
open a stream with a visitor's cookie. Refusals arrive as an `error` message and close codes
4401 (not signed in), 4403 (foreign origin), 4404 (no such run) or 4400 (bad `after`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import parse_qs, urlparse

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.http.request import validate_host
from rest_framework.exceptions import AuthenticationFailed

from graphs.selectors import run_for
from graphs.streaming import run_stream
from wfplatform.auth.authentication import HEADER, ApiKeyAuthentication
from wfplatform.errors import NotFoundError

logger = logging.getLogger(__name__)


class Refused(Exception):
    def __init__(self, close_code: int, code: str, message: str):
        super().__init__(message)
        self.close_code, self.code, self.message = close_code, code, message


def _header(scope: dict[str, Any], name: str) -> str | None:
    wanted = name.lower().encode()
    for key, value in scope.get("headers", []):
        if key.lower() == wanted:
            return value.decode("latin1")
    return None


@database_sync_to_async
def _authorize(scope: dict[str, Any], run_id: str) -> str:
    raw_key = _header(scope, HEADER)
    if raw_key is not None:
        try:
            user, _ = ApiKeyAuthentication().authenticate_key(raw_key)
        except AuthenticationFailed as exc:
            raise Refused(4401, "not_authenticated", str(exc.detail)) from None
    else:
        user = scope.get("user")
        if user is None or not user.is_authenticated:
            raise Refused(4401, "not_authenticated", f"Sign in, or send the {HEADER} header.")
        origin = urlparse(_header(scope, "origin") or "")
        if not origin.hostname or not validate_host(origin.hostname, settings.ALLOWED_HOSTS):
            raise Refused(4403, "forbidden_origin", "A session may open streams only from this site's pages.")
    try:
        return str(run_for(user, run_id).pk)
    except NotFoundError as exc:
        raise Refused(4404, "not_found", str(exc)) from None


def _after(scope: dict[str, Any]) -> int:
    values = parse_qs(scope.get("query_string", b"").decode("latin1")).get("after") or ["0"]
    try:
        return max(0, int(values[-1]))
    except ValueError:
        raise Refused(4400, "invalid", "after must be an integer event id") from None


class RunEventsConsumer(AsyncJsonWebsocketConsumer):
    # No channel layer: the stream reads event rows and is woken over its own Redis pub/sub
    # (graphs.wakeups), so it needs no channel of its own. With the Redis layer, that idle
    # channel's blocking read could time out in redis-py and end the socket with 1011.
    channel_layer_alias = "no-channel-layer"
    pump: asyncio.Task | None = None

    async def connect(self) -> None:
        await self.accept()
        try:
            after = _after(self.scope)
            run_id = await _authorize(self.scope, self.scope["url_route"]["kwargs"]["run_id"])
        except Refused as refused:
            await self.send_json({"kind": "error", "error": {"code": refused.code, "message": refused.message}})
            await self.close(code=refused.close_code)
            return
        self.pump = asyncio.create_task(self.send_events(run_id, after))

    async def send_events(self, run_id: str, after: int) -> None:
        stream = run_stream(run_id, after)
        try:
            async for item in stream:
                if item is not None:  # keep-alives are the server's pings on a WebSocket
                    await self.send_json(item)
        except Exception:
            logger.exception("run stream %s failed after event %s", run_id, after)
            error = {"code": "stream_failed", "message": "The stream failed; reconnect with the last event id."}
            await self.send_json({"kind": "error", "error": error})
            await self.close(code=1011)
            return
        finally:
            await stream.aclose()
        await self.close(code=1000)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        """Clients have nothing to say on this socket; what they send is ignored."""

    async def disconnect(self, code: int) -> None:
        if self.pump is not None and not self.pump.done():
            self.pump.cancel()
            try:
                await self.pump
            except asyncio.CancelledError:
                pass
            except Exception:  # the client is gone: log what went wrong, do not fail the server's side
                logger.exception("run stream: error while closing after the client left")
