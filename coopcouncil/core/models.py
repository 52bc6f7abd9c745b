"""Platform-wide records: the audit trail every service writes to."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One governance action: who did what to which record, and when.

    Services write exactly one event per action. Field-level history of governance
    records (wards, roles, memberships) is kept by django-simple-history as well.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"


class RateLimitCount(models.Model):
    """Attempts at one public action by one account or address in one fixed window.

    ``core.ratelimits`` adds to it with one upsert, so every server process and worker
    shares the count. ``name`` holds the account id or a keyed hash of the address, never
    the address itself; rows of past windows are removed by retention.
    """

    name = models.CharField(max_length=120)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "window_start"], name="core_rate_limit_window")
        ]

    def __str__(self) -> str:
        return f"{self.name} from {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
