"""A community group's application, its budget, attachments, assessors' scores and the award."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcouncil.democracy.models import Decision
from coopcouncil.democracy.models.papers import paper_storage
from coopcouncil.grants.models.funds import Criterion, Round
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward

USER = settings.AUTH_USER_MODEL


class Standing(models.TextChoices):
    """Where an award stands after the partnership's decision: grants keeps this itself,
    told by democracy whenever a call-in suspends the decision or its review confirms,
    amends or withdraws it (``services.award_standing_follow``), so no page joins the
    decision register to know it."""

    IN_FORCE = "in_force", _("In force")
    SUSPENDED = "suspended", _("Suspended: called in")
    WITHDRAWN = "withdrawn", _("Withdrawn after a call-in")


class ApplicationQuerySet(models.QuerySet):
    def awards_reserved(self) -> "ApplicationQuerySet":
        """Awards holding money against their round: in force, or suspended by a call-in
        until its outcome (so a suspended award's money cannot be given twice). An award
        the review withdrew holds nothing."""
        return self.filter(
            status__in=[Application.Status.AWARDED, Application.Status.PART_AWARDED]
        ).exclude(award_standing=Standing.WITHDRAWN)

    def awards_published(self) -> "ApplicationQuerySet":
        """Awards in force, shown as awarded to the public: not suspended by a call-in
        awaiting its outcome, nor withdrawn after one."""
        return self.filter(
            status__in=[Application.Status.AWARDED, Application.Status.PART_AWARDED],
            award_standing=Standing.IN_FORCE,
        )


class Application(models.Model):
    """A bid for money from a round, drafted and submitted by a community group."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ELIGIBLE = "eligible", _("Eligible: being assessed")
        INELIGIBLE = "ineligible", _("Not eligible")
        AWARDED = "awarded", _("Awarded")
        PART_AWARDED = "part_awarded", _("Part awarded")
        DECLINED = "declined", _("Declined")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="grant_applications"
    )
    # Co-applicants who hold the grant jointly with the lead (issue 17). The lead applies,
    # is paid and is the one recipient 360Giving names; partners' members may read the bid.
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="grant_partnerships",
        verbose_name=_("partner organisations"),
    )
    # Where the people who benefit live: published as ward and district codes (360Giving).
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="grant_applications"
    )
    title = models.CharField(_("project title"), max_length=140)
    project = models.TextField(_("the project"), blank=True)
    amount_pence = models.BigIntegerField(_("amount asked (pence)"), default=0)
    outcomes = models.TextField(_("outcomes promised"), blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers"), default=0)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), default=0)
    in_kind_pence = models.BigIntegerField(_("in-kind contribution (pence)"), default=0)
    match_funding_pence = models.BigIntegerField(_("match funding (pence)"), default=0)
    co_production_savings_pence = models.BigIntegerField(
        _("co-production savings claimed (pence)"), default=0
    )
    dividend_pence = models.BigIntegerField(_("co-production dividend used (pence)"), default=0)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="grant_applications"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    eligibility_note = models.TextField(blank=True)
    # The award: recorded as a decision of the district partnership (so it can be called in).
    awarded_pence = models.BigIntegerField(default=0)
    decision_reasons = models.TextField(blank=True)
    feedback = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="grant_application"
    )
    # Empty until awarded; then in force, suspended or withdrawn as the call-in goes.
    award_standing = models.CharField(
        _("award standing"), max_length=10, choices=Standing.choices, blank=True, default=""
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["round", "status"]),
            # The public awards page reads the newest awards in force along this index, 50
            # at a time from a cursor (keyset paging), so page 5,000 costs what page 1 does.
            models.Index(
                fields=["-decided_at", "-id"],
                condition=Q(award_standing="in_force"),
                name="grants_awards_in_force_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gte=0), name="application_amount"),
            models.CheckConstraint(condition=Q(awarded_pence__gte=0), name="application_awarded"),
            models.CheckConstraint(
                condition=Q(awarded_pence__lte=models.F("amount_pence")),
                name="award_within_amount_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"

    @property
    def holds_award(self) -> bool:
        """Awarded and not withdrawn after a call-in: its money is reserved in the round."""
        return (
            self.status in (self.Status.AWARDED, self.Status.PART_AWARDED)
            and self.award_standing != Standing.WITHDRAWN
        )

    @property
    def is_award_suspended(self) -> bool:
        """Awarded, but the decision is called in and awaits the review's outcome."""
        return self.holds_award and self.award_standing == Standing.SUSPENDED

    @property
    def is_awarded(self) -> bool:
        """Awarded and in force: neither suspended by a call-in nor withdrawn after one."""
        return self.holds_award and not self.is_award_suspended


class BudgetLine(models.Model):
    """One line of an application's budget; the lines add up to the amount asked."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    description = models.CharField(_("item"), max_length=200)
    amount_pence = models.BigIntegerField(_("cost (pence)"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


def attachment_file_name(attachment: "Attachment", original_name: str) -> str:
    """A random stored name: nothing an applicant typed reaches the file system."""
    return f"grants/{secrets.token_hex(16)}.{attachment.extension}"


class Attachment(models.Model):
    """A supporting document, checked by its bytes as meeting papers are (PDF or office)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(storage=paper_storage, upload_to=attachment_file_name, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=5)
    size_bytes = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class Score(models.Model):
    """One assessor's score of one application against one criterion (0 to the scale's top)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    assessor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="grant_scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["criterion__position", "assessor_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "assessor"], name="one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor_id}: {self.criterion} = {self.score}"
