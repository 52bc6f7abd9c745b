"""Service requests: what residents report, how staff handle it, and who may post by Open311.

A request's ward and district come from its location (``WardBoundary``, point in polygon),
so every figure of demand can be counted per ward and district in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.places.models import District, Ward


class ServiceCategory(models.Model):
    """A kind of problem residents report: an Open311 service (``service_code``)."""

    code = models.CharField(max_length=40, unique=True, help_text=_("Open311 service_code"))
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    group = models.CharField(max_length=80, blank=True, help_text=_("e.g. street cleansing"))
    keywords = models.CharField(max_length=200, blank=True, help_text=_("Comma-separated"))
    # Open311 attributes: [{"code", "datatype", "required", "description", "order", "values"}].
    attributes = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "service categories"

    def __str__(self) -> str:
        return self.name


class WardBoundary(models.Model):
    """A ward's boundary as a GeoJSON Polygon or MultiPolygon (longitude, latitude)."""

    ward = models.OneToOneField(Ward, on_delete=models.CASCADE, related_name="boundary")
    geojson = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "ward boundaries"

    def __str__(self) -> str:
        return str(self.ward)


class ApiKey(models.Model):
    """A client's Open311 key: only its hash is kept; revoked keys stay listed."""

    name = models.CharField(max_length=120)
    key_hash = models.CharField(max_length=64, unique=True)
    shown = models.CharField(max_length=16, help_text=_("The key's first characters"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # The rate limit's window: the clock minute and the calls made in it.
    window = models.DateTimeField(null=True, blank=True)
    window_calls = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "Open311 API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.shown}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Stage(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


OPEN_STAGES = (Stage.RECEIVED, Stage.TRIAGED, Stage.ASSIGNED, Stage.IN_PROGRESS)


class RootCause(models.TextChoices):
    """Why the demand arose, so the council can act on causes rather than count symptoms."""

    MISSED_COLLECTION = "missed_collection", _("Missed or late collection")
    NO_CAPACITY = "no_capacity", _("Not enough bins or capacity")
    REPEAT_OFFENDING = "repeat_offending", _("Repeat offending at one spot")
    WEAR = "wear", _("Wear and weather")
    VANDALISM = "vandalism", _("Vandalism")
    UNCLEAR_INFORMATION = "unclear_information", _("Residents not told how or when")
    EARLIER_FIX_FAILED = "earlier_fix_failed", _("An earlier fix did not last")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    WEB = "web", _("Web")
    OPEN311 = "open311", _("Open311 client")
    DEMO = "demo", _("Illustrative demo")


class ServiceRequest(models.Model):
    """One reported problem at one place."""

    category = models.ForeignKey(ServiceCategory, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(max_length=4000, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    # The spot rounded to about 100 m, so repeat locations are counted in the database.
    location_key = models.CharField(max_length=24)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    # Kept beside the ward so a district's dashboard reads one indexed range, not a join.
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_requests",
    )
    # Where an Open311 client passes the reporter's email, status changes are sent there.
    contact_email = models.EmailField(blank=True)
    api_key = models.ForeignKey(
        ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.RECEIVED)
    status_notes = models.TextField(blank=True, help_text=_("The latest public note"))
    agency_responsible = models.CharField(max_length=120, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    root_cause = models.CharField(max_length=20, choices=RootCause.choices, blank=True)
    is_failure_demand = models.BooleanField(default=False)
    attributes = models.JSONField(default=dict, blank=True)
    photo = models.FileField(upload_to="service-requests/", blank=True)
    token = models.CharField(max_length=32, unique=True)
    requested_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    expected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["requested_at"], name="sr_requested"),
            models.Index(fields=["district", "requested_at"], name="sr_district_requested"),
            models.Index(fields=["ward", "requested_at"], name="sr_ward_requested"),
            models.Index(fields=["stage", "requested_at"], name="sr_stage_requested"),
            models.Index(fields=["category", "requested_at"], name="sr_category_requested"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category} ({self.get_stage_display()})"

    @property
    def status(self) -> str:
        """The Open311 status: ``closed`` or ``open``."""
        return "closed" if self.stage == Stage.CLOSED else "open"


class RequestUpdate(models.Model):
    """A change of stage with its public note: the request's history residents see."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="updates")
    stage = models.CharField(max_length=12, choices=Stage.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.stage}"


class ReferenceGroupMember(models.Model):
    """A resident who accepted the offer to join their district's reference group."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reference_groups"
    )
    joined_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "user"], name="reference_group_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.district_id}"


class ReferenceGroupComment(models.Model):
    """A member's comment on their district's demand figures."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class DemandMonth(models.Model):
    """Requests of one service in one ward, reported in one month, by root cause.

    Kept up to date by the services in the same transaction as each change, so a dashboard
    reads a few hundred counted rows instead of a year of requests (bench/open311.py:
    under 200 ms with a million). ``services.demand_rollup_rebuild`` recounts it from the
    requests, and a test holds the two equal.
    """

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(ServiceCategory, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text=_("The first day of the month (Europe/London)"))
    root_cause = models.CharField(max_length=20, choices=RootCause.choices, blank=True)
    reported = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    fix_seconds = models.BigIntegerField(default=0)
    failure_demand = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "category", "month", "root_cause"], name="demand_month_once"
            )
        ]
        indexes = [models.Index(fields=["district", "month"], name="demand_district_month")]

    def __str__(self) -> str:
        return f"{self.ward_id} {self.category_id} {self.month:%Y-%m}: {self.reported}"


class DemandSpot(models.Model):
    """Reports at one spot (``location_key``, about 100 m across) of a ward in one month.

    Kept by the report service, like ``DemandMonth``, so repeat locations are read from a
    few thousand counted spots rather than a season of requests.
    """

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    location_key = models.CharField(max_length=24)
    month = models.DateField()
    reports = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "location_key", "month"], name="demand_spot_once"
            )
        ]
        indexes = [models.Index(fields=["district", "month"], name="demand_spot_district_month")]

    def __str__(self) -> str:
        return f"{self.location_key} {self.month:%Y-%m}: {self.reports}"
