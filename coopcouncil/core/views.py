"""``/healthz``: whether this server can reach its database and its task queue.

A load balancer or monitor asks it without signing in, so it shows no personal data: only
``ok`` or the kind of failure, and counts of waiting tasks. It answers 503 when the database
cannot be reached, so the balancer stops sending readers to this server. A queue with tasks
waiting longer than ``HEALTH_TASKS_OVERDUE_MINUTES`` is a warning, not a failure: the worker
is a separate process (``coopcouncil worker``), and taking the site down would not bring it
back — unless the deployment sets ``HEALTH_TASKS_FAIL_AFTER_MINUTES``, for a monitor that
should page someone when the oldest due task has waited that long. docs/reliability.md, "Health".
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from coopcouncil.core.tasks import task_oldest_due_age, tasks_waiting

logger = logging.getLogger(__name__)


def _database_status() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database cannot be reached")
        return "unreachable"
    return "ok"


def _tasks_status() -> dict[str, Any]:
    minutes = settings.HEALTH_TASKS_OVERDUE_MINUTES
    try:
        due, overdue = tasks_waiting(overdue_after=timedelta(minutes=minutes))
        oldest = task_oldest_due_age()
    except DatabaseError:
        logger.exception("Health check: the task queue's table cannot be read")
        return {"status": "unreachable"}
    status: dict[str, Any] = {"status": "ok", "due": due, "overdue": overdue}
    status["oldest_due_seconds"] = int(oldest.total_seconds()) if oldest else 0
    if overdue:
        status["warning"] = (
            f"{overdue} task(s) due for more than {minutes} minutes: is the worker running?"
        )
    stalled_after = settings.HEALTH_TASKS_FAIL_AFTER_MINUTES
    if stalled_after and oldest and oldest > timedelta(minutes=stalled_after):
        # A deployment whose balancer should take a worker-less server out chooses this.
        status["status"] = "stalled"
    return status


@csrf_exempt
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database_status()
    tasks = _tasks_status()
    failing = [
        name
        for name, ok in (("database", database == "ok"), ("tasks", tasks["status"] == "ok"))
        if not ok
    ]
    body: dict[str, Any] = {"status": "failing" if failing else "ok", "database": database}
    body["tasks"] = tasks
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
