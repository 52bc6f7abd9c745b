"""Collective energy switching: rounds, registered households, sealed bids, the result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcouncil.membership.logic.tariffs import FUELS, PAYMENT_METHODS, REGIONS
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward

RATE = {"max_digits": 7, "decimal_places": 3}


class SwitchingRound(models.Model):
    """One collective switch: registration window, auction day, then the acceptance window."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    acceptance_closes = models.DateTimeField(_("offers must be accepted by"))
    finder_fee_pence = models.PositiveIntegerField(_("finder's fee per switched household (pence)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-registration_opens"]

    def __str__(self) -> str:
        return self.name


class HouseholdRegistration(models.Model):
    """A household in a round: where, how it pays, what it uses and what it pays now.

    ``user`` is None for the illustrative calibration cohort and after an erasure; the
    figures stay, as they identify no one.
    """

    round = models.ForeignKey(
        SwitchingRound, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="energy_registrations",
    )
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.CharField(_("region"), max_length=20, choices=list(REGIONS.items()))
    payment_method = models.CharField(
        _("payment method"), max_length=20, choices=list(PAYMENT_METHODS.items())
    )
    electricity_kwh = models.PositiveIntegerField(_("electricity use (kWh a year)"))
    gas_kwh = models.PositiveIntegerField(_("gas use (kWh a year)"), default=0)
    # The TDCV band the use was estimated from ("" when the household gave its own use).
    estimated_band = models.CharField(max_length=10, blank=True)
    electricity_unit_rate = models.DecimalField(**RATE)
    electricity_standing_charge = models.DecimalField(**RATE)
    gas_unit_rate = models.DecimalField(null=True, blank=True, **RATE)
    gas_standing_charge = models.DecimalField(null=True, blank=True, **RATE)
    current_cost_pence = models.PositiveIntegerField()
    registered_at = models.DateTimeField()

    class Meta:
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"], name="one_registration_per_household_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"Household {self.pk} in {self.round}"


class SupplierBid(models.Model):
    """A supplier's sealed bid; its prices are read only once the auction has run."""

    round = models.ForeignKey(SwitchingRound, on_delete=models.CASCADE, related_name="bids")
    reference = models.CharField(_("tariff name"), max_length=120)
    supplier_name = models.CharField(_("supplier"), max_length=200)
    supplier = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    cohort_cost_pence = models.BigIntegerField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["round", "rank", "submitted_at", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reference"], name="one_bid_per_reference")
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.supplier_name})"


class SupplierBidPrice(models.Model):
    bid = models.ForeignKey(SupplierBid, on_delete=models.CASCADE, related_name="prices")
    fuel = models.CharField(max_length=12, choices=list(FUELS.items()))
    region = models.CharField(max_length=20, choices=list(REGIONS.items()))
    payment_method = models.CharField(max_length=20, choices=list(PAYMENT_METHODS.items()))
    unit_rate = models.DecimalField(**RATE)
    standing_charge = models.DecimalField(**RATE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "fuel", "region", "payment_method"], name="one_price_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bid}: {self.fuel} {self.region} {self.payment_method}"


class AuctionResult(models.Model):
    """The auction's outcome and the cohort figures at the moment it ran."""

    round = models.OneToOneField(SwitchingRound, on_delete=models.CASCADE, related_name="result")
    winning_bid = models.ForeignKey(SupplierBid, on_delete=models.PROTECT, related_name="+")
    tie_rule = models.TextField()
    run_at = models.DateTimeField()
    registrations = models.PositiveIntegerField()
    switching = models.PositiveIntegerField(help_text="Households whose offer saves them money.")
    total_saving_pence = models.BigIntegerField()
    average_saving_pence = models.BigIntegerField()
    largest_saving_pence = models.BigIntegerField()
    # Set when the acceptance window has closed: fee per household × acceptances.
    finder_fee_total_pence = models.BigIntegerField(null=True, blank=True)
    finder_fee_credited_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Result of {self.round}"


class EnergyOffer(models.Model):
    """A household's personal offer on the winning tariff."""

    class Status(models.TextChoices):
        NO_SAVING = "no_saving", _("Would not save")
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    registration = models.OneToOneField(
        HouseholdRegistration, on_delete=models.CASCADE, related_name="offer"
    )
    new_cost_pence = models.PositiveIntegerField()
    current_cost_pence = models.PositiveIntegerField()
    saving_pence = models.IntegerField()
    status = models.CharField(max_length=12, choices=Status.choices)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registration_id"]

    def __str__(self) -> str:
        return f"Offer to household {self.registration_id}"
