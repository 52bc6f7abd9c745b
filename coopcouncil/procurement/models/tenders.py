"""Commissioning exercises, their panels, tenders with lots and criteria, bids and scores.

The people who use a service help decide what is bought: a commissioning exercise may seat
service users (young people commissioning youth services, say) on its panel with scoring
rights, their scores counting with the weight the exercise states.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopcouncil.people.models import Organisation
from coopcouncil.places.models import District
from coopcouncil.procurement.models.catalogue import Measure, MeasureTheme

USER = settings.AUTH_USER_MODEL


class CommissioningExercise(models.Model):
    """A need, the outcomes wanted, the budget and who co-commissions it."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True)
    need = models.TextField(_("the need"))
    outcomes_wanted = models.TextField(_("outcomes wanted"))
    themes = models.ManyToManyField(MeasureTheme, related_name="exercises", blank=True)
    budget_pence = models.PositiveBigIntegerField(_("budget (pence)"))
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service_user_weight = models.PositiveSmallIntegerField(
        _("weight of service users' scores (%)"), default=0
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service_user_weight__lte=100), name="service_user_weight_percent"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PanelMember(models.Model):
    """Someone who evaluates bids for an exercise: an officer or a service user."""

    class Kind(models.TextChoices):
        OFFICER = "officer", _("Officer")
        SERVICE_USER = "service_user", _("Service user")

    exercise = models.ForeignKey(
        CommissioningExercise, on_delete=models.CASCADE, related_name="panel"
    )
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="procurement_panels")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    has_scoring_rights = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "user"], name="one_panel_seat_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"


class Tender(models.Model):
    """A call for bids: lots, a deadline, evaluation weights and quality criteria."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for bids")
        AWARDED = "awarded", _("Awarded")

    exercise = models.ForeignKey(
        CommissioningExercise, on_delete=models.PROTECT, related_name="tenders"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateTimeField(_("deadline"))
    price_weight = models.PositiveSmallIntegerField(_("price weight (%)"))
    quality_weight = models.PositiveSmallIntegerField(_("quality weight (%)"))
    social_value_weight = models.PositiveSmallIntegerField(_("social value weight (%)"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_weight__lte=100)
                & Q(quality_weight__lte=100)
                & Q(social_value_weight__lte=100),
                name="tender_weights_percent",
            )
        ]

    def __str__(self) -> str:
        return self.title


class TenderLot(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    value_pence = models.PositiveBigIntegerField(_("estimated value (pence)"))

    class Meta:
        ordering = ["tender", "number"]
        constraints = [
            models.UniqueConstraint(fields=["tender", "number"], name="tender_lot_number")
        ]

    def __str__(self) -> str:
        return f"Lot {self.number}: {self.title}"


class QualityCriterion(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight within quality (%)"))

    class Meta:
        ordering = ["tender", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class Bid(models.Model):
    """A supplier's bid for one lot, with its mandatory declarations and social value offer."""

    lot = models.ForeignKey(TenderLot, on_delete=models.PROTECT, related_name="bids")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="procurement_bids"
    )
    submitted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()
    price_pence = models.PositiveBigIntegerField(_("price (pence)"))
    pays_real_living_wage = models.BooleanField()
    living_wage_rate_pence = models.PositiveIntegerField(
        help_text="The hourly rate in force when the bid was made"
    )
    accepts_local_clauses = models.BooleanField()
    summary = models.TextField(_("summary of the bid"), blank=True)

    class Meta:
        ordering = ["lot", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "organisation"], name="one_bid_per_lot"),
            models.CheckConstraint(
                condition=Q(pays_real_living_wage=True, accepts_local_clauses=True),
                name="bid_meets_mandatory_conditions",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} for {self.lot}"


class SocialValueOffer(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="offers")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="offers")
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    # The proxy value when the bid was made, so a later catalogue change cannot rescore it.
    proxy_value_pence = models.PositiveIntegerField()

    class Meta:
        ordering = ["bid", "measure__code"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "measure"], name="one_offer_per_measure"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="offer_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.quantity}"


class QualityScore(models.Model):
    """One panel member's 0–5 score of one bid on one criterion."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="quality_scores")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.CASCADE, related_name="+")
    evaluator = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["bid", "criterion", "evaluator"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "criterion", "evaluator"], name="one_score_per_evaluator"
            ),
            models.CheckConstraint(condition=Q(score__lte=5), name="quality_score_0_to_5"),
        ]

    def __str__(self) -> str:
        return f"Bid {self.bid_id}, criterion {self.criterion_id}: {self.score}"


class ModeratedScore(models.Model):
    """The score the panel agreed on at moderation, standing in place of the combined mean."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="moderated_scores")
    criterion = models.ForeignKey(QualityCriterion, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(max_digits=3, decimal_places=2)
    note = models.TextField()
    moderated_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="one_moderation"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=5), name="moderated_0_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Bid {self.bid_id}, criterion {self.criterion_id}: moderated {self.score}"
