"""Write the audit trail. Called from services inside their transaction."""

from collections.abc import Iterable
from typing import Any

from django.db import models

from coopcouncil.core.caching import pages_changed_on_commit
from coopcouncil.core.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    summary: str,
    details: dict | None = None,
    page_topics: Iterable[str] | None = None,
) -> AuditEvent:
    """Record one governance action against ``target``; anonymous actors are stored as None.

    Every audited write changes what public pages show, so once it commits the shared
    copies of the pages on ``page_topics`` (by default the target's app) are out of date
    (core/caching.py). A write that changes a narrower slice names it, so that a burst of
    call-in signatures does not re-render every democracy page.
    """
    topics = [target._meta.app_label] if page_topics is None else list(page_topics)
    pages_changed_on_commit(*topics)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
        details=details or {},
    )
