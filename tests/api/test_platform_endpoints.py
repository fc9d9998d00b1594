import pytest
from django.db import connection
from rest_framework.test import APIClient

from tests.jobsapp.models import SleepJob
from wfplatform.jobs.models import JobStatus


@pytest.fixture
def no_workers_required(settings):
    settings.WFP_HEALTH_REQUIRE_WORKERS = False


def test_health_needs_no_auth_and_reports_each_dependency(db, no_workers_required):
    response = APIClient().get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "broker", "workers", "storage", "cache"}
    assert body["checks"]["database"]["detail"] == connection.vendor


def test_health_answers_503_naming_what_failed(db, settings):
    settings.WFP_HEALTH_REQUIRE_WORKERS = True  # and no cluster runs in this test
    response = APIClient().get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["error"]["details"] == {"failed": ["workers"]}
    assert "no worker cluster is running" in body["checks"]["workers"]["detail"]
    assert body["checks"]["database"]["ok"] is True


def test_health_reports_a_broken_storage(db, no_workers_required, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(blocker)}},
    }
    response = APIClient().get("/health")
    assert response.status_code == 503
    assert response.json()["error"]["details"]["failed"] == ["storage"]


def test_queue_status_counts_jobs_by_app(api_client, user):
    SleepJob.objects.create(owner=user)
    SleepJob.objects.create(owner=user)
    SleepJob.objects.create(owner=user, status=JobStatus.RUNNING)
    SleepJob.objects.create(owner=user, status=JobStatus.SUCCEEDED)
    body = api_client.get("/api/v1/queue/status").json()
    assert body["queued"] == 2 and body["running"] == 1
    assert body["by_app"]["jobsapp"] == {"queued": 2, "running": 1}
    assert body["workers_alive"] == 0 and body["clusters"] == []
    assert body["broker"]["name"] in {"ORM", "Redis"}


def test_metrics_refuse_an_ordinary_user(api_client):
    response = api_client.get("/metrics")
    assert response.status_code == 403
    assert b"permission_denied" in response.content


def test_metrics_refuse_anonymous_callers(db):
    assert APIClient().get("/metrics").status_code == 401


def test_metrics_for_staff_in_prometheus_format(api_client_for, staff_user):
    SleepJob.objects.create(owner=staff_user, status=JobStatus.FAILED)
    client = api_client_for(staff_user)
    client.get("/api/v1/queue/status")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'wfp_jobs{app="jobsapp",model="sleepjob",status="failed"} 1.0' in text
    assert 'wfp_http_requests_total{method="GET",status="200"}' in text
    assert "wfp_workers_alive 0.0" in text


def test_metrics_with_the_metrics_token(db, settings):
    settings.WFP_METRICS_TOKEN = "scrape-token-for-tests"
    client = APIClient()
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-token-for-tests")
    assert response.status_code == 200 and b"wfp_workers_alive" in response.content


def test_schema_and_docs_are_served(db):
    client = APIClient()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    spec = schema.json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/queue/status", "/api/v1/api-keys/", "/health"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["ApiKeyAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-KEY",
    }
    docs = client.get("/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert b"cdn." not in docs.content  # assets are served locally: works offline
    assert client.get("/redoc").status_code == 200


def test_unknown_paths_answer_404_in_the_error_format(db):
    response = APIClient().get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    body = response.json()
    assert body["error"]["code"] == "not_found" and body["error"]["details"] == {"path": "/api/v1/no-such-thing/"}


def test_a_wrong_method_answers_405_in_the_error_format(api_client):
    response = api_client.delete("/api/v1/queue/status")
    assert response.status_code == 405
    assert response.json()["error"] == {
        "code": "method_not_allowed",
        "message": 'Method "DELETE" not allowed.',
        "details": None,
    }


def test_malformed_json_answers_400_in_the_error_format(api_client):
    response = api_client.post("/api/v1/api-keys/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_throttling_answers_429_with_the_wait(api_client, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import UserRateThrottle

    # DRF reads the rates into the class at import; patching the class keeps the change to this test.
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min", "anon": "2/min"})
    cache.clear()
    codes = [api_client.get("/api/v1/api-keys/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    body = api_client.get("/api/v1/api-keys/").json()
    assert body["error"]["code"] == "throttled" and body["error"]["details"]["retry_after_seconds"] > 0
    cache.clear()


def test_admin_site_has_its_title_and_manages_api_keys(staff_user, client):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    index = client.get("/admin/")
    assert b"wfplatform administration" in index.content
    add = client.post("/admin/wfplatform/apikey/add/", {"user": staff_user.pk, "name": "from-admin"}, follow=True)
    assert add.status_code == 200
    from wfplatform.auth.models import ApiKey, hash_key

    shown = next(m.message for m in add.context["messages"] if "wfp_" in m.message)
    raw_key = next(word for word in shown.split() if word.startswith("wfp_"))
    assert ApiKey.objects.get(name="from-admin").key_hash == hash_key(raw_key)


def test_the_openapi_schema_validates_without_warnings(db, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/api-keys/{id}/revoke/" in target.read_text()
