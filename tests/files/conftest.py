"""Fixtures for the file-input tests: local storage, a loopback HTTP server, a moto S3 server."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from moto.server import ThreadedMotoServer

from wfplatform.loopback import LoopbackServer

CSV_BODY = b"name,amount\nalice,3\nbob,4\n"


@pytest.fixture(autouse=True)
def own_media(media_root) -> Path:
    """Every test here stores into its own folder (the root conftest's media_root)."""
    return media_root


def stored_paths(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


class FileServerHandler(BaseHTTPRequestHandler):
    """Routes for the URL tests; HTTP/1.0, so a body without Content-Length ends at close."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        route = ROUTES.get(url.path)
        if route is None:
            self._send(404, b"not here", "text/plain")
        else:
            route(self, query)

    def _send(self, status: int, body: bytes, content_type: str, *, length: int | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (a timeout or size test)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, size: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        sent = 0
        try:
            while sent < size:
                chunk = b"x" * min(65536, size - sent)
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit, as it should
        self.server.streamed_bytes = sent  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


ROUTES = {
    "/files/data.csv": lambda h, q: h._send(200, CSV_BODY, "text/csv; charset=utf-8"),
    "/folder/": lambda h, q: h._send(200, b'{"a": 1}', "application/json"),
    "/empty.csv": lambda h, q: h._send(200, b"", "text/csv"),
    "/echo-host": lambda h, q: h._send(200, h.headers["Host"].encode(), "text/plain"),
    "/declared-huge.bin": lambda h, q: h._send(200, b"x" * 10, "application/octet-stream", length=10**9),
    "/stream.bin": lambda h, q: h._stream(int(q["size"])),
    "/redirect": lambda h, q: h._redirect(q["to"]),
    "/loop": lambda h, q: h._redirect("/loop"),
    "/slow": lambda h, q: (time.sleep(3), h._send(200, b"late", "text/plain")),
}


@pytest.fixture(scope="session")
def http_server() -> Iterator[str]:
    """Base URL (http://127.0.0.1:PORT) of a file server on loopback."""
    server = LoopbackServer(FileServerHandler, name="file-server").start()
    yield server.url
    server.stop()


@pytest.fixture
def local_urls_allowed(settings) -> None:
    """Let URL inputs reach the loopback test server: plain http, and only 127.0.0.1 itself."""
    settings.WFP_FILE_ALLOW_HTTP = True
    settings.WFP_FILE_ALLOWED_NETWORKS = ["127.0.0.1/32"]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class S3:
    client: Any
    bucket: str
    endpoint: str


@pytest.fixture
def s3(moto_endpoint, settings, monkeypatch, tmp_path) -> S3:
    """A fresh bucket on the moto server, with settings and AWS credentials pointing at it."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    # No developer's ~/.aws settings may leak into what the tests exercise.
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    settings.AWS_S3_ENDPOINT_URL = moto_endpoint
    settings.AWS_S3_REGION_NAME = "us-east-1"
    client = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    bucket = f"wfp-test-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    return S3(client=client, bucket=bucket, endpoint=moto_endpoint)
