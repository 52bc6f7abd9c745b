"""Borough → districts → wards. Only wards hold figures; areas above derive theirs."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Borough(models.Model):
    """The council's whole area. One platform normally runs one borough."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    net_revenue_budget_pence = models.BigIntegerField(default=0)
    budget_year = models.CharField(max_length=9, blank=True, help_text="e.g. 2012/13")
    is_illustrative = models.BooleanField(
        default=False, help_text="Demo data: every page says the figures are illustrative."
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A group of wards with its own District Partnership and devolved budget."""

    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["borough", "name"], name="district_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Ward(models.Model):
    """An electoral ward with the published figures the council's formulas use."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="wards")
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    code = models.CharField(max_length=16, unique=True, help_text="ONS ward code or local code")
    seats = models.PositiveSmallIntegerField(default=3)
    population = models.PositiveIntegerField(default=0)
    under16_share = models.DecimalField(
        max_digits=5, decimal_places=2, default=0, validators=PERCENT
    )
    bme_share = models.DecimalField(max_digits=5, decimal_places=2, default=0, validators=PERCENT)
    unemployment_rate = models.DecimalField(
        max_digits=5, decimal_places=2, default=0, validators=PERCENT
    )
    life_expectancy_male = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    life_expectancy_female = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    imd_score = models.DecimalField(
        max_digits=6, decimal_places=2, default=0, help_text="Index of multiple deprivation score"
    )
    imd_rank = models.PositiveIntegerField(
        default=0, help_text="IMD rank (1 = most deprived nationally)"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """A postcode of the borough, from the ONS postcode directory (NSPL/ONSPD).

    The directory gives one ward per postcode. Re-importing the directory replaces these
    rows; residencies keep the postcode as text, so they do not depend on them.
    """

    postcode = models.CharField(max_length=8, unique=True, help_text="e.g. OL1 1AA")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="postcodes")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    terminated_on = models.DateField(
        null=True, blank=True, help_text="When the postcode went out of use (none while live)"
    )

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode

    @property
    def is_terminated(self) -> bool:
        return self.terminated_on is not None


class Address(models.Model):
    """An address from the council's gazetteer (LLPG) extract, by its UPRN."""

    uprn = models.PositiveBigIntegerField(unique=True, help_text="Unique Property Reference Number")
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    address_line_3 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, db_index=True)
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="addresses")

    class Meta:
        ordering = ["postcode", "address_line_1", "uprn"]
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(self.lines)

    @property
    def lines(self) -> list[str]:
        """The address as it is written on an envelope, without the postcode."""
        parts = (self.address_line_1, self.address_line_2, self.address_line_3, self.town)
        return [part for part in parts if part]
