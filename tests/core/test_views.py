"""/healthz: 200 while the database and the task queue answer, 503 when the database does not."""

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coopcouncil.core.tasks import email_send


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_health_is_ok_when_the_database_and_the_queue_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "tasks": {"status": "ok", "due": 0, "overdue": 0, "oldest_due_seconds": 0},
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_needs_no_sign_in_and_no_csrf_token(client):
    strict = type(client)(enforce_csrf_checks=True)

    assert strict.head("/healthz").status_code == 200
    assert strict.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_tasks_due_long_ago_are_a_warning_not_a_failure(client, settings, database_tasks):
    settings.HEALTH_TASKS_OVERDUE_MINUTES = 15
    email_send.enqueue(subject="Old", body="Waiting", recipient="old@example.org")
    email_send.enqueue(subject="New", body="Waiting", recipient="new@example.org")
    DBTaskResult.objects.filter(args_kwargs__kwargs__subject="Old").update(
        enqueued_at=timezone.now() - timedelta(minutes=20)
    )

    response = client.get("/healthz")

    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert (tasks["due"], tasks["overdue"]) == (2, 1)
    assert 20 * 60 <= tasks["oldest_due_seconds"] < 21 * 60
    assert "15 minutes" in tasks["warning"]
    assert "old@example.org" not in response.content.decode()


@pytest.mark.django_db
def test_a_task_waiting_to_retry_is_not_overdue_before_its_time(client, database_tasks):
    email_send.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(
        subject="Retry", body="Later", recipient="later@example.org"
    )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=2))

    tasks = client.get("/healthz").json()["tasks"]

    assert (tasks["due"], tasks["overdue"]) == (0, 0)


def test_health_is_503_when_the_database_cannot_be_reached(tmp_path):
    # A real failure: a server whose database is a file in a folder that does not exist.
    ask = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(json.dumps([r.status_code, r.json()]))"
    )
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "PYTEST_VERSION": "local run: the demo keys may be used",
        "DJANGO_SETTINGS_MODULE": "coopcouncil.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'coopcouncil.sqlite3'}",
        "COOPCOUNCIL_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", ask],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    status, body = json.loads(result.stdout.splitlines()[-1])
    assert status == 503
    assert body == {
        "status": "failing",
        "database": "unreachable",
        "tasks": {"status": "unreachable"},
        "failing": ["database", "tasks"],
    }


@pytest.mark.django_db
def test_a_task_due_past_the_failure_setting_makes_health_503_naming_the_queue(
    client, settings, database_tasks
):
    settings.HEALTH_TASKS_FAIL_AFTER_MINUTES = 30
    email_send.enqueue(subject="Stuck", body="Waiting", recipient="stuck@example.org")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=20))
    assert client.get("/healthz").status_code == 200

    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=45))
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["failing"]) == ("failing", "ok", ["tasks"])
    assert body["tasks"]["status"] == "stalled"
    assert body["tasks"]["oldest_due_seconds"] >= 45 * 60
