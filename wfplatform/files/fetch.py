"""Fetching a URL input with httpx, refusing addresses this server must not reach.

The address check lives in the network backend, at the moment of connecting: the host name is
resolved once, every address it resolves to is checked, and the socket goes to one of those
checked addresses. Checking the name beforehand and letting httpx resolve it again would let a
DNS answer that changes in between (rebinding) through. Redirects are followed here, hop by
hop, so each hop's scheme is checked too, and each new connection passes the same backend.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx
from django.conf import settings

from wfplatform.errors import ApplicationError
from wfplatform.files.addresses import AddressPolicy
from wfplatform.files.streams import Incoming, file_too_large

MAX_REDIRECTS = 5
CHUNK_SIZE = 64 * 1024


class AddressRefused(Exception):
    def __init__(self, host: str, address: str, reason: str):
        super().__init__(f"{host} resolves to {address}, {reason}")
        self.host, self.address, self.reason = host, address, reason


def checked_addresses(host: str, port: int, policy: AddressPolicy) -> list[str]:
    """Every address `host` resolves to, once all of them have passed the policy."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"could not resolve host {host}: {exc}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    # All, not just the first: which one a socket ends up on is not ours to predict.
    for address in addresses:
        reason = policy.refusal(ipaddress.ip_address(address))
        if reason is not None:
            raise AddressRefused(host, address, reason)
    return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: AddressPolicy):
        self._policy = policy
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        error: httpcore.ConnectError | None = None
        for address in checked_addresses(host, port, self._policy):
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host} resolves to no address")

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise httpcore.ConnectError("URL inputs never use unix sockets")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    def __init__(self, policy: AddressPolicy):
        super().__init__(trust_env=False)
        # httpx 0.28 (pinned) takes no network backend argument; replace the pool it built with
        # one that connects through the guard. TLS still verifies the URL's host name.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=GuardedBackend(policy)
        )


def display_url(url: httpx.URL) -> str:
    """The URL without credentials, query or fragment: fit for messages and logs."""
    return f"{url.scheme}://{url.netloc.decode('ascii', 'replace')}{url.path}"


def parse_url(text: str) -> httpx.URL:
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise ApplicationError(f"The URL input is not a valid URL: {exc}.", code="invalid_url") from None
    if not url.host:
        raise ApplicationError(f"The URL {display_url(url)} has no host.", code="invalid_url")
    check_scheme(url, redirected=False)
    return url


def check_scheme(url: httpx.URL, *, redirected: bool) -> None:
    allowed = ("https", "http") if settings.WFP_FILE_ALLOW_HTTP else ("https",)
    if url.scheme in allowed:
        return
    prefix = "a redirect to " if redirected else ""
    schemes = " and ".join(f"{scheme}://" for scheme in allowed)
    raise ApplicationError(
        f"Refused to fetch {prefix}{display_url(url)}: only {schemes} URLs are fetched.",
        code="url_refused",
        details={"url": display_url(url), "reason": "scheme", "redirected": redirected},
    )


@contextmanager
def open_url(text: str, *, limit: int) -> Iterator[Incoming]:
    url = parse_url(text)
    hops = [url]
    timeout = settings.WFP_FILE_FETCH_TIMEOUT
    with _client(timeout) as client, _fetch_errors(hops, timeout):
        response = _follow_redirects(client, client.build_request("GET", url), hops)
        with closing(response):
            _check_response(response, limit)
            yield _incoming(response)


@dataclass(frozen=True)
class Fetched:
    status: int
    content_type: str
    body: bytes
    url: str  # where the answer came from (after redirects), without credentials or query


def fetch_url(
    text: str,
    *,
    method: str = "GET",
    json: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float,
    limit: int,
) -> Fetched:
    """One HTTP request (GET or POST with a JSON body) through the same guard, limits and errors as open_url.

    For API calls made on a user's behalf (the agent's http_request step): the whole body is read, at most
    `limit` bytes, and any status other than 2xx is an ApplicationError naming it.
    """
    url = parse_url(text)
    hops = [url]
    with _client(timeout) as client, _fetch_errors(hops, timeout):
        request = client.build_request(method, url, json=json, headers=headers or {})
        response = _follow_redirects(client, request, hops)
        with closing(response):
            _check_response(response, limit)
            body = _read_capped(response, limit)
    content_type = response.headers.get("Content-Type", "")
    return Fetched(status=response.status_code, content_type=content_type, body=body, url=display_url(response.url))


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    received = bytearray()
    for chunk in response.iter_bytes(CHUNK_SIZE):
        received += chunk
        if len(received) > limit:
            raise file_too_large(display_url(response.url), limit=limit)
    return bytes(received)


def _client(timeout: float) -> httpx.Client:
    return httpx.Client(
        transport=GuardedTransport(AddressPolicy.from_settings()),
        timeout=httpx.Timeout(timeout),
        # An HTTP(S)_PROXY from the environment would connect on our behalf, past the guard.
        trust_env=False,
        # Compressed bodies could expand far past the size limit inside a single chunk.
        headers={"Accept-Encoding": "identity", "User-Agent": "wfplatform-file-input"},
    )


def _follow_redirects(client: httpx.Client, request: httpx.Request, hops: list[httpx.URL]) -> httpx.Response:
    """Send `request`, following redirects; each hop's URL is appended to `hops` for error messages."""
    for _ in range(MAX_REDIRECTS + 1):
        response = client.send(request, stream=True)
        if not response.has_redirect_location:
            return response
        response.close()
        # httpx built the next request (and dropped credentials if it leaves the origin).
        request = response.next_request
        hops.append(request.url)
        check_scheme(request.url, redirected=True)
    raise ApplicationError(
        f"Refused to fetch {display_url(hops[0])}: it redirects more than {MAX_REDIRECTS} times.",
        code="url_too_many_redirects",
        details={"url": display_url(hops[0]), "max_redirects": MAX_REDIRECTS},
    )


def _check_response(response: httpx.Response, limit: int) -> None:
    where = display_url(response.url)
    if not response.is_success:
        status = f"{response.status_code} {response.reason_phrase}".strip()
        raise ApplicationError(
            f"{where} answered HTTP {status}, not a file.",
            code="url_bad_status",
            details={"url": where, "status": response.status_code},
        )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise file_too_large(where, limit=limit, size=int(declared))


def _incoming(response: httpx.Response) -> Incoming:
    segment = response.url.path.rpartition("/")[2]  # empty for ".../": no name rather than the folder's
    content_type = response.headers.get("Content-Type", "").partition(";")[0].strip() or None
    return Incoming(
        chunks=response.iter_bytes(CHUNK_SIZE),
        source="url",
        description=display_url(response.url),
        filename=segment or None,
        content_type=content_type,
    )


def _describe_hop(hops: list[httpx.URL]) -> str:
    where = display_url(hops[-1])
    return where if len(hops) == 1 else f"{where} (redirected from {display_url(hops[0])})"


@contextmanager
def _fetch_errors(hops: list[httpx.URL], timeout: float) -> Iterator[None]:
    """Turn transport failures anywhere in the fetch, reading included, into 400s that say what happened."""
    try:
        yield
    except AddressRefused as exc:
        resolved = exc.address if exc.host == exc.address else f"{exc.host} resolves to {exc.address}"
        raise ApplicationError(
            f"Refused to fetch {_describe_hop(hops)}: {resolved}, {exc.reason}; "
            "URL inputs may not reach this server's own networks.",
            code="url_refused",
            details={"url": display_url(hops[-1]), "host": exc.host, "address": exc.address, "reason": exc.reason},
        ) from None
    except httpx.TimeoutException as exc:
        raise ApplicationError(
            f"Fetching {_describe_hop(hops)} timed out after {timeout} seconds ({type(exc).__name__}).",
            code="url_timeout",
            details={"url": display_url(hops[-1]), "timeout_seconds": timeout},
        ) from None
    except httpx.TransportError as exc:
        raise ApplicationError(
            f"Could not fetch {_describe_hop(hops)}: {exc or type(exc).__name__}.",
            code="url_unreachable",
            details={"url": display_url(hops[-1])},
        ) from None
