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
from django.utils.translation import gettext_lazy as _
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
    # Public identifiers where known, for open data (360Giving's GB-CHC- / GB-COH-).
    charity_number = models.CharField(_("registered charity number"), max_length=20, blank=True)
    company_number = models.CharField(_("Companies House number"), max_length=20, blank=True)
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
    # None while an officer decides the ward of a postcode that straddles wards.
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="residencies"
    )
    # Held only while a letter is due; cleared once verified (data minimisation).
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    uprn = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The address chosen from the council's address list"
    )
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
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending") | Q(ward__isnull=False),
                name="residency_counts_only_with_a_ward",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.ward or self.postcode} ({self.get_status_display()})"

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


class RegisterSource(models.TextChoices):
    """The two lists a council can match residents against."""

    ELECTORAL_REGISTER = "electoral_register", _("Electoral register")
    COUNCIL_TAX = "council_tax", _("Council tax")


class RegisterExtract(models.Model):
    """One loaded extract of the electoral register or council tax list, dated by the council.

    Each source has one current extract; loading a newer one replaces its lines and keeps
    this record, marked replaced, as history of what was matched against when.
    """

    source = models.CharField(max_length=20, choices=RegisterSource.choices)
    extract_date = models.DateField(help_text=_("The date the council took the extract."))
    row_count = models.PositiveIntegerField()
    file_name = models.CharField(max_length=200, blank=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded_at = models.DateTimeField(default=timezone.now)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source", "-extract_date", "-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"],
                condition=Q(replaced_at__isnull=True),
                name="one_current_register_extract_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} extract of {self.extract_date:%d %B %Y}"


class RegisterEntry(models.Model):
    """One line of an electoral-register or council-tax extract, kept only as a keyed hash."""

    extract = models.ForeignKey(RegisterExtract, on_delete=models.CASCADE, related_name="entries")
    reference_hash = models.CharField(max_length=64)
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name_plural = "register entries"
        constraints = [
            models.UniqueConstraint(
                fields=["extract", "reference_hash"], name="register_entry_once_per_extract"
            )
        ]
        indexes = [models.Index(fields=["reference_hash"])]

    def __str__(self) -> str:
        return f"Register entry in {self.ward_id} from extract {self.extract_id}"


class RegisterClaim(models.Model):
    """An account's claim to a register entry, by the entry's keyed hash.

    One entry verifies at most one account: the unique constraint on a verified claim's hash
    holds that in the database, across re-imports (a newer extract keeps the same hashes).
    A second account that matches the same entry waits here for an officer, unverified.
    """

    class Status(models.TextChoices):
        VERIFIED = "verified", _("Verified")
        NEEDS_REVIEW = "needs_review", _("Needs review by an officer")
        REFUSED = "refused", _("Refused by an officer")
        SUPERSEDED = "superseded", _("Given to another account by an officer")

    reference_hash = models.CharField(max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="register_claims"
    )
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="+")
    residency = models.ForeignKey(
        Residency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The postcode the resident typed, for the residency an officer may yet verify.
    postcode = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    claimed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claimed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_hash"],
                condition=Q(status="verified"),
                name="register_entry_verifies_one_account",
            )
        ]

    def __str__(self) -> str:
        return f"Register claim by {self.user} ({self.get_status_display()})"


class RegisterMatchAttempt(models.Model):
    """One try at the register match, kept to limit failed tries per account and address.

    Only what the limit needs; rows older than the window are deleted as new tries come in.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="register_match_attempts"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    is_matched = models.BooleanField()

    def __str__(self) -> str:
        return f"Register match attempt by {self.user_id} at {self.at:%Y-%m-%d %H:%M}"


class InterestDeclaration(models.Model):
    """A person's declared interest in an organisation: the one record of a conflict.

    Grant assessment, procurement evaluation and panel votes all read it through
    ``people.permissions.conflict_decision``, which also counts a current role in the
    organisation (a member of the applying group) as an interest, declared or not.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interest_declarations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="interest_declarations"
    )
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who recorded it, when not the person themselves",
    )

    class Meta:
        ordering = ["-declared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_interest_per_person_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} declares an interest in {self.organisation}"


class ApiKey(models.Model):
    """A key a machine client sends to the JSON API to act as one account.

    The key acts with its account's permissions (the same rules as a signed-in session),
    or only reads when ``is_read_only``. Only its hash is kept; revoked and expired keys
    stay listed. ``last_used_at`` moves at most once a minute, so a busy client does not
    write the row on every call.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=120)
    key_hash = models.CharField(max_length=64, unique=True)
    shown = models.CharField(max_length=16, help_text=_("The key's first characters"))
    is_read_only = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["revoked_at", "name", "pk"]
        verbose_name = _("API key")

    def __str__(self) -> str:
        return f"{self.name} ({self.shown}…)"

    def is_live(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
