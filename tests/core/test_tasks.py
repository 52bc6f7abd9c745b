"""The task queue: emails leave the request, failures are retried, then kept for re-sending.

These tests use the database backend and run `coopcouncil worker --batch` in-process, as an
operator would run it; the mail server is an email backend that fails on purpose.
"""

from __future__ import annotations

import signal
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from coopcouncil.cli import app
from coopcouncil.core.tasks import (
    EmailNotSent,
    email_after_commit,
    email_fan_out,
    email_queue,
    email_send,
)

pytestmark = pytest.mark.django_db(transaction=True)


class FailingMailServer(EmailBackend):
    """An outbox that drops the line for its next ``failures_left`` sends and for some people.

    ``error`` is what it raises: a dropped connection unless a test says otherwise.
    """

    failures_left = 0
    refused_addresses: frozenset[str] = frozenset()
    error: Exception = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, messages):
        for message in messages:
            if FailingMailServer.failures_left or set(message.to) & self.refused_addresses:
                FailingMailServer.failures_left = max(0, FailingMailServer.failures_left - 1)
                raise self.error
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def queue_in_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = f"{__name__}.{FailingMailServer.__qualname__}"
    settings.EMAIL_ATTEMPTS = 3
    settings.EMAIL_RETRY_DELAY_SECONDS = 0
    yield
    FailingMailServer.failures_left = 0
    FailingMailServer.refused_addresses = frozenset()
    FailingMailServer.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def _signal_handlers_restored():
    # The worker takes over Ctrl+C and SIGTERM for a clean stop; give them back to pytest.
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


def run_worker(*options: str) -> str:
    result = CliRunner().invoke(app, ["worker", *options])
    assert result.exit_code == 0, result.output
    return result.output


def email_rows():
    return DBTaskResult.objects.filter(task_path=email_send.module_path).order_by("enqueued_at")


def test_email_after_commit_queues_one_task_for_ten_thousand_recipients():
    addresses = [f"signer{n}@test.invalid" for n in range(10_000)]
    with CaptureQueriesContext(connection) as queries:
        email_after_commit("Outcome", "The partnership reviewed it.", addresses)
    assert len(queries) == 1
    assert DBTaskResult.objects.get().task_path == email_fan_out.module_path
    assert mail.outbox == []


def test_email_after_commit_queues_nothing_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_after_commit("Outcome", "Body", ["a@test.invalid"])
        raise RuntimeError("the service refused")
    assert not DBTaskResult.objects.exists()


def test_worker_sends_each_recipient_their_own_email():
    email_queue("Outcome", "Body", ["b@test.invalid", "a@test.invalid", "a@test.invalid", ""])
    run_worker("--batch")
    assert sorted(message.to[0] for message in mail.outbox) == ["a@test.invalid", "b@test.invalid"]
    assert all(len(message.to) == 1 for message in mail.outbox)


def test_email_that_fails_is_retried_until_it_is_sent_once():
    FailingMailServer.failures_left = 2
    email_queue("Outcome", "The decision stands.", ["signer@test.invalid"])
    run_worker("--batch")

    assert [message.to for message in mail.outbox] == [["signer@test.invalid"]]
    rows = list(email_rows())
    assert [row.args_kwargs["kwargs"].get("attempt", 1) for row in rows] == [1, 2, 3]
    assert [row.status for row in rows] == ["SUCCESSFUL"] * 3
    assert "SMTPServerDisconnected" in rows[0].return_value
    assert rows[-1].return_value == "sent"


def test_retry_waits_longer_after_each_failed_attempt(settings):
    settings.EMAIL_RETRY_DELAY_SECONDS = 60
    FailingMailServer.failures_left = 2
    email_queue("Outcome", "Body", ["signer@test.invalid"])

    run_worker("--batch")
    second = email_rows().get(status="READY")
    assert second.args_kwargs["kwargs"]["attempt"] == 2
    assert second.run_after - timezone.now() == pytest.approx(
        timedelta(seconds=60), abs=timedelta(seconds=5)
    )

    DBTaskResult.objects.filter(pk=second.pk).update(run_after=timezone.now())
    run_worker("--batch")
    third = email_rows().get(status="READY")
    assert third.args_kwargs["kwargs"]["attempt"] == 3
    assert third.run_after - timezone.now() == pytest.approx(
        timedelta(seconds=120), abs=timedelta(seconds=5)
    )
    assert mail.outbox == []


def test_email_failing_every_attempt_is_recorded_failed_with_what_to_resend():
    FailingMailServer.failures_left = 1_000
    email_queue("Outcome of the call-in", "The decision stands.", ["signer@test.invalid"])
    run_worker("--batch")

    assert mail.outbox == []
    rows = list(email_rows())
    assert len(rows) == 3
    failed = rows[-1]
    assert failed.status == "FAILED"
    assert failed.exception_class_path == f"{EmailNotSent.__module__}.EmailNotSent"
    assert "SMTPServerDisconnected" in failed.traceback
    assert failed.args_kwargs["kwargs"] == {
        "subject": "Outcome of the call-in",
        "body": "The decision stands.",
        "recipient": "signer@test.invalid",
        "attempt": 3,
    }


def test_retry_failed_sends_a_failed_email_once_and_clears_its_failure():
    FailingMailServer.failures_left = 1_000
    email_queue("Outcome", "The decision stands.", ["signer@test.invalid"])
    run_worker("--batch")
    FailingMailServer.failures_left = 0

    assert "Put 1 failed" in run_worker("--retry-failed")
    assert "Put 0 failed" in run_worker("--retry-failed")
    run_worker("--batch")

    assert [(m.to, m.body) for m in mail.outbox] == [
        (["signer@test.invalid"], "The decision stands.")
    ]
    assert not DBTaskResult.objects.failed().exists()


def test_one_refused_address_neither_holds_back_nor_resends_the_others():
    FailingMailServer.refused_addresses = frozenset({"refused@test.invalid"})
    email_queue("Outcome", "Body", ["a@test.invalid", "refused@test.invalid", "z@test.invalid"])
    run_worker("--batch")

    assert sorted(message.to[0] for message in mail.outbox) == ["a@test.invalid", "z@test.invalid"]
    failed = DBTaskResult.objects.failed().get()
    assert failed.args_kwargs["kwargs"]["recipient"] == "refused@test.invalid"


def test_an_error_that_is_not_the_mail_servers_is_recorded_without_retrying():
    FailingMailServer.failures_left = 1
    FailingMailServer.error = ValueError("a header has a newline in it")
    email_queue("Outcome", "Body", ["signer@test.invalid"])
    run_worker("--batch")

    assert [row.status for row in email_rows()] == ["FAILED"]
    assert mail.outbox == []


def test_worker_refuses_to_start_without_the_database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = CliRunner().invoke(app, ["worker", "--batch"])
    assert result.exit_code == 1
    assert "not a database backend" in result.output
