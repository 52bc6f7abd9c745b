"""Accounts, organisations, roles and proof of residency.

Personal data are minimal and private by default: an account holds a name and an
email; an address is kept only while a postal code is outstanding; electoral-register
references are stored only as keyed hashes.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from coopcouncil.places.models import District, Ward


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        fields.setdefault("full_name", "Administrator")
        fields.setdefault("email_verified_at", timezone.now())
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone with an account: resident, councillor, officer, partner or administrator.

    What a person may do comes from their ``RoleAssignment`` rows and verified
    ``Residency``, read by every app's permission rules through ``people.selectors``.
    """

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    date_of_birth = models.DateField(
        null=True, blank=True, help_text="Optional; only used to check age limits (e.g. PB)."
    )

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def has_verified_email(self) -> bool:
        return self.email_verified_at is not None


class Organisation(models.Model):
    """A partner body or community group the council works with."""

    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        POLICE = "police", "Police"
        NHS = "nhs", "NHS"
        HOUSING = "housing", "Housing provider"
        VOLUNTARY = "voluntary", "Voluntary sector"
        YOUTH = "youth", "Youth service / Youth Council"
        PARISH = "parish", "Parish council"
        COMMUNITY_GROUP = "community_group", "Community group"
        BUSINESS = "business", "Business"

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations"
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_community_group(self) -> bool:
        return self.kind == self.Kind.COMMUNITY_GROUP


class Role(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    OFFICER = "officer", "Council officer"
    PARTNER = "partner", "Partner organisation member"
    GROUP_MEMBER = "group_member", "Community group member"
    ADMINISTRATOR = "administrator", "Administrator"


class OfficerTeam(models.TextChoices):
    DISTRICT_TEAM = "district_team", "District team"
    FINANCE = "finance", "Finance"
    PROCUREMENT = "procurement", "Procurement"
    CLERK = "clerk", "Democratic services (clerk)"


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self, on=None):
        """Roles in force on a date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))


class RoleAssignment(models.Model):
    """A person holding a role, with the place or body it attaches to and its dates.

    A councillor is a member of a ward (and so of its district partnership); an officer
    belongs to a team and, for district teams, a district; a partner or group member
    belongs to an organisation. Residents need no assignment: residency makes them one.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.PROTECT)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    team = models.CharField(max_length=20, choices=OfficerTeam.choices, blank=True)
    title = models.CharField(max_length=120, blank=True, help_text="e.g. District co-ordinator")
    party = models.CharField(max_length=80, blank=True)
    start_date = models.DateField(default=timezone.localdate)
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="councillor") | Q(ward__isnull=False),
                name="councillor_has_ward",
            ),
            models.CheckConstraint(
                condition=~Q(role="officer") | ~Q(team=""), name="officer_has_team"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["partner", "group_member"]) | Q(organisation__isnull=False),
                name="member_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        place = self.ward or self.district or self.organisation or self.get_team_display()
        return f"{self.user} — {self.get_role_display()} ({place})"


class Residency(models.Model):
    """A resident's claim to live in a ward and, once verified, the proof of it.

    UK councils hold no population register, so a claim is verified by a posted
    one-time code, an officer's in-person check, or a match against an imported
    electoral-register / council-tax extract. Verification lapses after a set period.
    """

    class Method(models.TextChoices):
        POSTAL_CODE = "postal_code", "One-time code by post"
        IN_PERSON = "in_person", "Officer checked in person"
        REGISTER_MATCH = "register_match", "Matched electoral register / council tax"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for verification"
        VERIFIED = "verified", "Verified"
        REVOKED = "revoked", "Revoked"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="residencies"
    )
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="residencies")
    # Held only while a letter is due; cleared once verified (data minimisation).
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "residencies"

    def __str__(self) -> str:
        return f"{self.user} in {self.ward} ({self.get_status_display()})"

    def is_verified_at(self, moment) -> bool:
        return (
            self.status == self.Status.VERIFIED
            and self.expires_at is not None
            and self.expires_at > moment
        )


class LetterBatch(models.Model):
    """A print run of residency letters, produced as a PDF and a mail-merge CSV."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    letter_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "letter batches"

    def __str__(self) -> str:
        return f"Letter batch {self.pk} ({self.letter_count} letters)"


class PostalCode(models.Model):
    """A one-time code posted to a resident's address; only its hash is stored."""

    residency = models.ForeignKey(Residency, on_delete=models.CASCADE, related_name="postal_codes")
    code_hash = models.CharField(max_length=128)
    batch = models.ForeignKey(
        LetterBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="codes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"Code for residency {self.residency_id} (expires {self.expires_at:%Y-%m-%d})"


class RegisterEntry(models.Model):
    """One line of an electoral-register or council-tax extract, kept only as a keyed hash."""

    reference_hash = models.CharField(max_length=64, unique=True)
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=40, help_text="e.g. electoral-register-2026-11")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "register entries"

    def __str__(self) -> str:
        return f"Register entry in {self.ward_id} from {self.source}"
