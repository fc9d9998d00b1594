"""URL inputs: fetched from a loopback server when allowed, refused when they aim inward."""

from __future__ import annotations

import socket
import uuid

import httpx
import pytest
from django.core.files.storage import default_storage

from tests.files.conftest import CSV_BODY, closed_port, stored_paths
from wfplatform.errors import ApplicationError
from wfplatform.files import resolve_file_input
from wfplatform.files.fetch import check_scheme

JOB_ID = uuid.uuid4()


def resolve(value: str, **overrides):
    return resolve_file_input(value, **{"user_id": 3, "job_id": JOB_ID, "kind": "input", **overrides})


def refusal(value: str) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        resolve(value)
    return caught.value


@pytest.fixture
def fake_dns(monkeypatch):
    """Answers for made-up host names; real resolution for everything else (DNS leaves the machine)."""
    answers: dict[str, list[str]] = {}
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers and not answers[host]:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in answers[host]]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.mark.parametrize(
    ("url", "address", "reason"),
    [
        ("https://127.0.0.1/data.csv", "127.0.0.1", "a loopback address"),
        ("https://169.254.169.254/latest/meta-data", "169.254.169.254", "a cloud metadata address"),
        ("https://[::1]/", "::1", "a loopback address"),
        ("https://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "a loopback address (127.0.0.1) wrapped in IPv6"),
        ("https://10.0.0.8/x.csv", "10.0.0.8", "a private address"),
        ("https://2130706433/", "127.0.0.1", "a loopback address"),
    ],
)
def test_urls_aimed_at_this_machine_or_its_networks_are_refused_by_default(url, address, reason):
    error = refusal(url)

    assert error.code == "url_refused"
    assert (error.details["address"], error.details["reason"]) == (address, reason)
    assert f"{address}, {reason}" in error.message


def test_a_host_name_resolving_to_loopback_is_refused():
    error = refusal("https://localhost/data.csv")

    assert error.code == "url_refused"
    assert error.details["host"] == "localhost"
    assert error.details["reason"] == "a loopback address"
    assert error.message.startswith("Refused to fetch https://localhost/data.csv: localhost resolves to ")


def test_plain_http_is_refused_unless_allowed(http_server):
    error = refusal(f"{http_server}/files/data.csv")

    assert error.code == "url_refused"
    assert error.message == f"Refused to fetch {http_server}/files/data.csv: only https:// URLs are fetched."


def test_every_address_a_name_resolves_to_is_checked(fake_dns):
    fake_dns["mixed.example.test"] = ["93.184.216.34", "127.0.0.1"]

    error = refusal("https://mixed.example.test/data.csv")

    assert error.code == "url_refused"
    assert error.message == (
        "Refused to fetch https://mixed.example.test/data.csv: mixed.example.test resolves to 127.0.0.1, "
        "a loopback address; URL inputs may not reach this server's own networks."
    )


def test_the_connection_goes_to_the_checked_address_with_the_original_host(fake_dns, http_server, local_urls_allowed):
    port = http_server.rsplit(":", 1)[1]
    fake_dns["files.example.test"] = ["127.0.0.1"]

    stored = resolve(f"http://files.example.test:{port}/echo-host")

    assert default_storage.open(stored.name).read() == f"files.example.test:{port}".encode()


def test_it_fetches_and_stores_a_file_from_an_allowed_server(http_server, local_urls_allowed):
    stored = resolve(f"{http_server}/files/data.csv?token=abc")

    assert stored.name == f"3/{JOB_ID}/input/data.csv"
    assert (stored.source, stored.content_type, stored.size) == ("url", "text/csv", len(CSV_BODY))
    assert default_storage.open(stored.name).read() == CSV_BODY


def test_allow_private_lets_loopback_through(http_server, settings):
    settings.WFP_FILE_ALLOW_HTTP = True
    settings.WFP_FILE_ALLOW_PRIVATE_URLS = True

    stored = resolve(f"{http_server}/files/data.csv")

    assert default_storage.open(stored.name).read() == CSV_BODY


def test_allow_private_still_refuses_cloud_metadata(settings):
    settings.WFP_FILE_ALLOW_PRIVATE_URLS = True

    error = refusal("https://169.254.169.254/latest/meta-data/iam")

    assert (error.code, error.details["reason"]) == ("url_refused", "a cloud metadata address")


def test_a_redirect_is_followed_and_named_after_its_target(http_server, local_urls_allowed):
    stored = resolve(f"{http_server}/redirect?to=/files/data.csv")

    assert stored.filename == "data.csv"
    assert default_storage.open(stored.name).read() == CSV_BODY


@pytest.mark.parametrize(
    ("target", "address", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "a cloud metadata address"),
        ("http://127.0.0.2/files/data.csv", "127.0.0.2", "a loopback address"),
    ],
)
def test_a_redirect_from_an_allowed_server_to_a_refused_address_is_refused(
    http_server, local_urls_allowed, media_root, target, address, reason
):
    error = refusal(f"{http_server}/redirect?to={target}")

    assert error.code == "url_refused"
    assert (error.details["address"], error.details["reason"]) == (address, reason)
    assert error.message.startswith(f"Refused to fetch {target} (redirected from {http_server}/redirect): ")
    assert stored_paths(media_root) == []


def test_a_redirect_to_another_scheme_is_refused(http_server, local_urls_allowed):
    error = refusal(f"{http_server}/redirect?to=ftp://files.example.com/x.csv")

    assert error.code == "url_refused"
    assert error.message == (
        "Refused to fetch a redirect to ftp://files.example.com/x.csv: only https:// and http:// URLs are fetched."
    )


def test_a_redirect_from_https_down_to_http_is_refused_by_default():
    # No TLS server here, so the hop check is called the way _follow_redirects calls it.
    with pytest.raises(ApplicationError) as caught:
        check_scheme(httpx.URL("http://files.example.com/a.csv"), redirected=True)

    assert caught.value.code == "url_refused"
    assert caught.value.message == (
        "Refused to fetch a redirect to http://files.example.com/a.csv: only https:// URLs are fetched."
    )


def test_endless_redirects_are_cut_off(http_server, local_urls_allowed):
    error = refusal(f"{http_server}/loop")

    assert error.code == "url_too_many_redirects"
    assert "redirects more than 5 times" in error.message


def test_an_error_status_is_reported_with_its_number(http_server, local_urls_allowed):
    error = refusal(f"{http_server}/nothing-here.csv")

    assert error.code == "url_bad_status"
    assert error.details["status"] == 404
    assert error.message == f"{http_server}/nothing-here.csv answered HTTP 404 Not Found, not a file."


def test_a_closed_port_is_reported_unreachable(settings):
    settings.WFP_FILE_ALLOW_HTTP = True
    settings.WFP_FILE_ALLOW_PRIVATE_URLS = True
    url = f"http://127.0.0.1:{closed_port()}/data.csv"

    error = refusal(url)

    assert error.code == "url_unreachable"
    assert error.message.startswith(f"Could not fetch {url}: ")


def test_an_unknown_host_is_reported_unreachable(fake_dns):
    fake_dns["no-such-host.invalid"] = []

    error = refusal("https://no-such-host.invalid/data.csv")

    assert error.code == "url_unreachable"
    assert "could not resolve host no-such-host.invalid" in error.message


def test_a_slow_server_times_out(http_server, local_urls_allowed, settings):
    settings.WFP_FILE_FETCH_TIMEOUT = 1

    error = refusal(f"{http_server}/slow")

    assert error.code == "url_timeout"
    assert "timed out after 1 seconds" in error.message


def test_a_declared_length_over_the_limit_is_refused_before_reading(http_server, local_urls_allowed, settings):
    settings.WFP_FILE_MAX_BYTES = 1000

    error = refusal(f"{http_server}/declared-huge.bin")

    assert error.code == "file_too_large"
    assert error.details["size_bytes"] == 10**9


def test_an_undeclared_body_is_cut_off_at_the_limit(http_server, local_urls_allowed, settings, media_root):
    settings.WFP_FILE_MAX_BYTES = 100_000

    error = refusal(f"{http_server}/stream.bin?size=50000000")

    assert error.code == "file_too_large"
    assert error.message == f"The file from {http_server}/stream.bin is larger than that; the limit is 100000 bytes."
    assert stored_paths(media_root) == []


def test_an_empty_body_is_refused(http_server, local_urls_allowed):
    assert refusal(f"{http_server}/empty.csv").code == "empty_file"


def test_a_url_ending_in_a_folder_is_named_after_its_content_type(http_server, local_urls_allowed):
    stored = resolve(f"{http_server}/folder/")

    assert stored.filename == "input.json"


def test_messages_never_repeat_credentials_or_query_strings():
    error = refusal("https://admin:hunter2@127.0.0.1/data.csv?X-Amz-Signature=secret#frag")

    text = f"{error.message} {error.details}"
    assert "hunter2" not in text and "admin" not in text and "secret" not in text
    assert error.details["url"] == "https://127.0.0.1/data.csv"
