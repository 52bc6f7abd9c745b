"""Write the audit trail. Called from services inside their transaction."""

from typing import Any

from django.db import models

from coopcouncil.core.models import AuditEvent


def audit_record(
    *, actor: Any, action: str, target: models.Model, summary: str, details: dict | None = None
) -> AuditEvent:
    """Record one governance action against ``target``; anonymous actors are stored as None."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
        details=details or {},
    )
