"""Participatory budgeting: processes, projects, ballots, results and delivery.

A process moves through five phases (proposals → feasibility review → voting → results →
delivery). Money is integer pence (minor units of the process's currency). Ballots keep the
voter's choices as written, in Pabulib terms (project codes, points), so a process can be
exported to a `.pb` file and counted again by anyone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from coopcouncil.participation.policy import default_min_voter_age, default_rule
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import District, Ward


class Phase(models.TextChoices):
    PROPOSALS = "proposals", "Proposals"
    REVIEW = "review", "Feasibility review"
    VOTING = "voting", "Voting"
    RESULTS = "results", "Results"
    DELIVERY = "delivery", "Delivery"


PHASE_ORDER = [choice.value for choice in Phase]

# The date each phase starts (voting also has its close), in the order they must fall.
PHASE_DATES = {
    "proposals_open_at": "Proposals open",
    "review_open_at": "Feasibility review starts",
    "voting_open_at": "Voting opens",
    "voting_close_at": "Voting closes",
    "results_at": "Results published",
    "delivery_at": "Delivery starts",
}


class BallotType(models.TextChoices):
    APPROVAL = "approval", "Approval (tick the projects you support)"
    CHOOSE_ONE = "choose-1", "Choose one"
    CUMULATIVE = "cumulative", "Cumulative (spread points)"
    SCORING = "scoring", "Scoring (give each project points)"
    ORDINAL = "ordinal", "Ordinal (rank projects)"


class PBProcess(models.Model):
    """One participatory-budgeting round for the borough or one district.

    The ballot constraints follow Pabulib's META keys (`min_length`, `max_length`,
    `max_sum_cost`, `max_sum_points`, `max_points`) so they export as they are.
    """

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pb_processes",
        help_text="Empty for a borough-wide process.",
    )
    budget_pence = models.BigIntegerField(validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, default="GBP")
    phase = models.CharField(max_length=12, choices=Phase.choices, default=Phase.PROPOSALS)
    proposals_open_at = models.DateTimeField(null=True, blank=True)
    review_open_at = models.DateTimeField(null=True, blank=True)
    voting_open_at = models.DateTimeField(null=True, blank=True)
    voting_close_at = models.DateTimeField(null=True, blank=True)
    results_at = models.DateTimeField(null=True, blank=True)
    delivery_at = models.DateTimeField(null=True, blank=True)
    ballot_type = models.CharField(
        max_length=12, choices=BallotType.choices, default=BallotType.APPROVAL
    )
    min_projects = models.PositiveIntegerField(default=0)
    max_projects = models.PositiveIntegerField(
        null=True, blank=True, help_text="Approval: most projects; ordinal: rank up to k."
    )
    max_total_cost_pence = models.BigIntegerField(null=True, blank=True)
    points_to_spread = models.PositiveIntegerField(
        null=True, blank=True, help_text="Cumulative: the points each voter spreads."
    )
    max_points_per_project = models.PositiveIntegerField(null=True, blank=True)
    rule = models.CharField(max_length=40, default=default_rule)
    official_rule = models.CharField(
        max_length=40, blank=True, help_text="The Pabulib META rule, used when rule is 'official'."
    )
    min_voter_age = models.PositiveSmallIntegerField(default=default_min_voter_age)
    # Pabulib data the platform does not model, kept so an imported file exports unchanged.
    pabulib_meta = models.JSONField(default=list, blank=True)
    pabulib_project_columns = models.JSONField(default=list, blank=True)
    pabulib_vote_columns = models.JSONField(default=list, blank=True)
    pabulib_layout = models.JSONField(default=dict, blank=True)
    is_imported = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "PB process"
        verbose_name_plural = "PB processes"
        constraints = [
            models.CheckConstraint(condition=Q(budget_pence__gte=0), name="pb_budget_not_negative")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def area_name(self) -> str:
        return self.district.name if self.district_id else "the whole borough"

    @property
    def is_voting(self) -> bool:
        return self.phase == Phase.VOTING

    @property
    def can_change_voting_terms(self) -> bool:
        """Whether the ballot's terms may still change: before voting opens, never once imported."""
        return self.phase in (Phase.PROPOSALS, Phase.REVIEW) and not self.is_imported

    @property
    def next_phase(self) -> str | None:
        index = PHASE_ORDER.index(self.phase)
        return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


class Heading(models.Model):
    """A part of the budget kept for one ward or one theme, counted on its own."""

    class Kind(models.TextChoices):
        WARD = "ward", "Ward"
        THEME = "theme", "Theme"

    process = models.ForeignKey(PBProcess, on_delete=models.CASCADE, related_name="headings")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.THEME)
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.PROTECT)
    budget_pence = models.BigIntegerField(validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["process", "name"], name="pb_heading_unique_name"),
            models.CheckConstraint(
                condition=~Q(kind="ward") | Q(ward__isnull=False), name="pb_ward_heading_has_ward"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A proposal and, once an officer finds it feasible, a project on the ballot."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        FEASIBLE = "feasible", "Feasible: on the ballot"
        INFEASIBLE = "infeasible", "Not feasible"

    process = models.ForeignKey(PBProcess, on_delete=models.CASCADE, related_name="projects")
    code = models.CharField(max_length=60, blank=True, help_text="The Pabulib project_id.")
    heading = models.ForeignKey(
        Heading, null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="pb_projects"
    )
    estimated_cost_pence = models.BigIntegerField(validators=[MinValueValidator(0)])
    final_cost_pence = models.BigIntegerField(null=True, blank=True)
    photo = models.FileField(
        upload_to="pb/photos/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pb_proposals",
    )
    community_group = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    review_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    pabulib_columns = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["process", "id"]
        constraints = [
            # A new proposal is saved once without a code, then numbered by its own id.
            models.UniqueConstraint(
                fields=["process", "code"], condition=~Q(code=""), name="pb_project_unique_code"
            ),
            models.CheckConstraint(
                condition=~Q(status="feasible") | Q(final_cost_pence__isnull=False),
                name="pb_feasible_has_final_cost",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or f"Project {self.code}"

    @property
    def cost_pence(self) -> int:
        """What the project costs on the ballot: the officer's final cost, else the estimate."""
        return (
            self.final_cost_pence
            if self.final_cost_pence is not None
            else (self.estimated_cost_pence)
        )

    @property
    def is_on_ballot(self) -> bool:
        return self.status == self.Status.FEASIBLE


class Ballot(models.Model):
    """One voter's ballot in one process; changeable until voting closes.

    `choices` lists project codes as the voter gave them (the ranking, for ordinal ballots);
    `points` is aligned with it for cumulative and scoring ballots. Ballots imported from a
    Pabulib file have no platform voter, only the file's `voter_id` and other cells.
    """

    process = models.ForeignKey(PBProcess, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pb_ballots",
    )
    voter_ref = models.CharField(max_length=60, blank=True, help_text="The Pabulib voter_id.")
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL)
    choices = models.JSONField(default=list)
    points = models.JSONField(null=True, blank=True)
    pabulib_extra = models.JSONField(default=list, blank=True)
    cast_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["process", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "voter"],
                condition=Q(voter__isnull=False),
                name="pb_one_ballot_per_voter",
            )
        ]
        indexes = [models.Index(fields=["ward", "changed_at"])]

    def __str__(self) -> str:
        return f"Ballot {self.pk} in {self.process_id}"


class Result(models.Model):
    """A snapshot of one count: the rule, the winners and the rule's own explanation."""

    process = models.ForeignKey(PBProcess, on_delete=models.CASCADE, related_name="results")
    rule = models.CharField(max_length=40)
    winners = models.JSONField(default=list, help_text="Codes of the funded projects.")
    explanation = models.JSONField(default=dict)
    summary = models.JSONField(default=dict)
    budget_used_pence = models.BigIntegerField()
    budget_left_pence = models.BigIntegerField()
    voter_count = models.PositiveIntegerField()
    computed_at = models.DateTimeField()
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-computed_at", "-id"]
        get_latest_by = "computed_at"

    def __str__(self) -> str:
        return f"Result of {self.process_id} by {self.rule} at {self.computed_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """Progress and spending on a funded project, published for accountability."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="delivery")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    spent_pence = models.BigIntegerField(default=0, validators=[MinValueValidator(0)])
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.CheckConstraint(condition=Q(spent_pence__gte=0), name="pb_spent_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_status_display()}"
