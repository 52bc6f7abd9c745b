"""Email leaves the request: services queue it, ``coopcouncil worker`` sends it.

A service calls ``email_after_commit``. Once its transaction commits, one task is queued
(``email_fan_out``), whatever the number of recipients, so a call-in outcome told to
10,000 signers costs the clerk's request one row. The worker then splits it into one
``email_send`` task per recipient: one address that fails cannot hold back or lose the
others, and a retry never emails anyone twice.

A send that fails for a reason worth retrying (the mail server is down, busy or drops the
line) queues itself again with a growing delay, ``EMAIL_ATTEMPTS`` times in all. After the
last attempt the task is recorded as failed, its row keeping the recipient, subject, body
and traceback; ``coopcouncil worker --retry-failed`` puts such emails back on the queue.
Tasks are stored by the database backend (django-tasks-db), so SQLite and PostgreSQL both
work with no queue server; docs/architecture.md, "Task queue".
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from datetime import timedelta

import django
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

# Django 6 has the tasks framework built in; on 5.2 the django-tasks backport is the same API.
if django.VERSION >= (6, 0):
    from django.tasks import task  # type: ignore[import-not-found,unused-ignore]
else:
    from django_tasks import task  # type: ignore[no-redef,unused-ignore]

# Worth another try: the server refused, dropped or timed out (OSError covers sockets).
# Anything else is a fault in the message or the code, which a retry would only repeat.
TRANSIENT_EMAIL_ERRORS = (smtplib.SMTPException, OSError)


class EmailNotSent(Exception):
    """Every attempt failed; the task's failed row keeps the email so it can be re-sent."""


def email_after_commit(subject: str, body: str, recipients: Iterable[str]) -> None:
    """Queue one email per recipient (none see another's address) once the caller commits.

    A rollback queues nothing. Blank and repeated addresses are dropped.
    """
    addresses = sorted({address for address in recipients if address})
    if addresses:
        transaction.on_commit(lambda: email_queue(subject, body, addresses))


def email_queue(subject: str, body: str, recipients: Iterable[str]) -> None:
    """Queue one email per recipient now, for a caller with no transaction to wait for."""
    addresses = sorted({address for address in recipients if address})
    if addresses:
        email_fan_out.enqueue(subject=subject, body=body, recipients=addresses)


@task()
def email_fan_out(*, subject: str, body: str, recipients: list[str]) -> int:
    """Queue an ``email_send`` for each recipient: all of them or, on an error, none.

    All or none, so that re-running a failed fan-out cannot email anyone twice.
    """
    with transaction.atomic():
        for address in recipients:
            email_send.enqueue(subject=subject, body=body, recipient=address)
    return len(recipients)


@task()
def email_send(*, subject: str, body: str, recipient: str, attempt: int = 1) -> str:
    """Send one email; on a transient failure queue the next attempt, after the last, fail.

    Returns what happened, kept on the task's row: ``"sent"`` or the error retried.
    """
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]).send()
    except TRANSIENT_EMAIL_ERRORS as error:
        if attempt >= settings.EMAIL_ATTEMPTS:
            raise EmailNotSent(
                f"Attempt {attempt} of {settings.EMAIL_ATTEMPTS} to email {recipient} failed"
            ) from error
        _email_send_later(subject=subject, body=body, recipient=recipient, attempt=attempt + 1)
        return f"attempt {attempt} failed, retrying: {error!r}"
    return "sent"


def _email_send_later(*, subject: str, body: str, recipient: str, attempt: int) -> None:
    """Queue attempt ``attempt``, waiting twice as long as before the previous one."""
    retry = email_send
    if retry.get_backend().supports_defer:
        delay = timedelta(seconds=settings.EMAIL_RETRY_DELAY_SECONDS * 2 ** (attempt - 2))
        retry = retry.using(run_after=timezone.now() + delay)
    retry.enqueue(subject=subject, body=body, recipient=recipient, attempt=attempt)


def email_failed_requeue() -> int:
    """Put every email whose last attempt failed back on the queue; return how many.

    Each goes back as a first attempt and its failed row is removed in the same
    transaction, so running this twice cannot send an email twice.
    """
    requeued = 0
    with transaction.atomic():
        for task_to_rerun in (email_send, email_fan_out):
            failed = DBTaskResult.objects.failed().filter(task_path=task_to_rerun.module_path)
            for row in failed.select_for_update():
                arguments = row.args_kwargs["kwargs"]
                arguments.pop("attempt", None)
                task_to_rerun.enqueue(**arguments)
                row.delete()
                requeued += 1
    return requeued


def task_oldest_due_age() -> timedelta | None:
    """How long the task due longest has been due; None when none is due."""
    due = DBTaskResult.objects.ready()
    now = timezone.now()
    oldest_queued = due.filter(run_after=get_date_max()).order_by("enqueued_at").first()
    oldest_deferred = due.exclude(run_after=get_date_max()).order_by("run_after").first()
    ages = [now - oldest_queued.enqueued_at] if oldest_queued else []
    if oldest_deferred:
        ages.append(now - oldest_deferred.run_after)
    return max(ages) if ages else None


def tasks_waiting(*, overdue_after: timedelta) -> tuple[int, int]:
    """How many tasks are due, and how many of them have been due longer than ``overdue_after``.

    A task is due once its time has come (``run_after``, or when queued if it has none); one
    due for long means no worker is taking tasks off the queue.
    """
    due = DBTaskResult.objects.ready()
    cutoff = timezone.now() - overdue_after
    overdue = due.filter(
        Q(run_after=get_date_max(), enqueued_at__lte=cutoff) | Q(run_after__lte=cutoff)
    )
    return due.count(), overdue.count()
