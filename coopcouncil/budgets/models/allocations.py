"""Budget lines, the formulas that share them out, and each adopted allocation."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from coopcouncil.places.models import District, Ward

USER = settings.AUTH_USER_MODEL


#: Ward figures a formula may use to measure need (the ``places.Ward`` fields of that name).
WARD_INDICATORS = {
    "imd_score": "Index of multiple deprivation score",
    "unemployment_rate": "Unemployment rate (%)",
    "under16_share": "Share of residents under 16 (%)",
    "bme_share": "Black and minority ethnic share (%)",
    "population": "Population",
}
INDICATOR_CHOICES = list(WARD_INDICATORS.items())


def _percent_text(value) -> str:
    """A weight as stored (two places), so a formula reads the same before and after saving."""
    return f"{Decimal(value):.2f}"


class ServiceBudgetLine(models.Model):
    """An annual service budget devolved across districts, e.g. Highways minor works 2026/27."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(unique=True, help_text="The line's code in spend files and the CLI")
    financial_year = models.CharField(max_length=7, help_text="e.g. 2026/27")
    amount_pence = models.BigIntegerField()
    description = models.TextField(blank=True)
    is_devolved_to_wards = models.BooleanField(
        default=False,
        help_text="Each ward holds its share of the adopted allocation (otherwise its district)",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0), name="line_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.financial_year}"


class AllocationFormula(models.Model):
    """A published blend of equal shares, population and need, with an optional ring-fence."""

    line = models.ForeignKey(ServiceBudgetLine, on_delete=models.CASCADE, related_name="formulas")
    name = models.CharField(max_length=120)
    equal_share_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    population_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    need_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    need_indicator = models.CharField(max_length=40, blank=True, choices=INDICATOR_CHOICES)
    ring_fence_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    ring_fence_indicator = models.CharField(max_length=40, blank=True, choices=INDICATOR_CHOICES)
    ring_fence_purpose = models.CharField(max_length=150, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["line", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["line", "name"], name="formula_unique_name_per_line")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.line})"

    def as_dict(self) -> dict:
        """The formula as published and as the CLI's JSON file reads it."""
        return {
            "equal_share_percent": _percent_text(self.equal_share_percent),
            "population_percent": _percent_text(self.population_percent),
            "need_percent": _percent_text(self.need_percent),
            "need_indicator": self.need_indicator or None,
            "ring_fence_percent": _percent_text(self.ring_fence_percent),
            "ring_fence_indicator": self.ring_fence_indicator or None,
            "ring_fence_purpose": self.ring_fence_purpose,
        }


class Allocation(models.Model):
    """One run of a formula over a line: a saved scenario, or an adopted, published version.

    The formula and the ward figures are copied in, so a published allocation reads the same
    after the formula or the figures change.
    """

    class Kind(models.TextChoices):
        SCENARIO = "scenario", "Scenario"
        ADOPTED = "adopted", "Adopted"

    line = models.ForeignKey(
        ServiceBudgetLine, on_delete=models.PROTECT, related_name="allocations"
    )
    formula = models.ForeignKey(
        AllocationFormula, null=True, on_delete=models.SET_NULL, related_name="allocations"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    version = models.PositiveIntegerField(null=True, blank=True, help_text="Adopted only")
    formula_name = models.CharField(max_length=120)
    formula_snapshot = models.JSONField()
    amount_pence = models.BigIntegerField()
    ward_figures = models.JSONField(help_text="The figures the formula read, per ward code")
    note = models.TextField(blank=True, help_text="Why this formula was adopted")
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["line", "-version", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["line", "version"], name="allocation_unique_version_per_line"
            ),
            models.CheckConstraint(
                condition=Q(kind="scenario") | Q(version__isnull=False, published_at__isnull=False),
                name="adopted_allocation_is_versioned_and_published",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.ADOPTED:
            return f"{self.line} v{self.version}"
        return f"{self.line} scenario '{self.formula_name}'"


class AllocationRow(models.Model):
    """A district's (``ward`` empty) or a ward's amount in an allocation, and why."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="rows")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount_pence = models.BigIntegerField()
    explanation = models.JSONField(help_text="Each term of the formula in pence, with its reason")

    class Meta:
        ordering = ["district__name", "ward__name"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gte=0), name="row_amount_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.ward or self.district}: {self.amount_pence}p ({self.allocation})"
