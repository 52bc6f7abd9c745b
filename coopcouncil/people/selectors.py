"""Reads for people: councillors, organisations and a person's own standing.

The facts about a person that every app's permission rules read — signed in, roles in
force, officer of which team, councillor of which wards, verified residency — are here,
read as they stand at the moment of asking: nothing is cached on the user, so a change
of role or an expired residency takes effect at once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from coopcouncil.core.errors import NotFound
from coopcouncil.people import policy
from coopcouncil.people.models import (
    ApiKey,
    InterestDeclaration,
    Organisation,
    RegisterClaim,
    RegisterExtract,
    RegisterMatchAttempt,
    Residency,
    RoleAssignment,
    User,
)
from coopcouncil.places.models import District, Ward
from coopcouncil.places.selectors import postcode_ward_choices

# Who may be asking: a signed-in person, an anonymous visitor, or nobody (the command line).
Actor = User | AnonymousUser | None

# --- Facts about a person -------------------------------------------------------------


def acting_user(actor: Actor) -> User | None:
    """The account behind an actor, to record who did something; None for an anonymous
    visitor or the command line."""
    return actor if isinstance(actor, User) else None


def is_signed_in(user: Actor) -> TypeGuard[User]:
    """A real, active account (not an anonymous visitor, not a deactivated or erased one)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def current_roles(user: Actor, *, role: str | None = None) -> QuerySet[RoleAssignment]:
    """The person's role assignments in force today (empty for anonymous users)."""
    if not is_signed_in(user):
        return RoleAssignment.objects.none()
    roles = RoleAssignment.objects.current().filter(user=user).select_related("ward", "district")
    return roles.filter(role=role) if role else roles


def is_administrator(user: Actor) -> bool:
    return is_signed_in(user) and (
        user.is_superuser or current_roles(user, role="administrator").exists()
    )


def is_officer(
    user: Actor, *, teams: tuple[str, ...] = (), district: District | None = None
) -> bool:
    """An officer in one of ``teams`` (any team if empty), optionally of ``district``.

    An officer with no district serves the whole borough, so counts for every district.
    """
    roles = current_roles(user, role="officer")
    if teams:
        roles = roles.filter(team__in=teams)
    if district is not None:
        roles = roles.filter(Q(district=district) | Q(district__isnull=True))
    return roles.exists()


def councillor_wards(user: Actor) -> QuerySet[Ward]:
    """Wards the person currently represents."""
    return Ward.objects.filter(
        pk__in=current_roles(user, role="councillor").values("ward_id")
    ).select_related("district")


def verified_residency(user: Actor, *, now: datetime | None = None) -> Residency | None:
    """The person's verified, unexpired residency, or None."""
    if not is_signed_in(user):
        return None
    now = now or timezone.now()
    return (
        Residency.objects.filter(user=user, status=Residency.Status.VERIFIED, expires_at__gt=now)
        .select_related("ward__district")
        .order_by("-verified_at")
        .first()
    )


@dataclass(frozen=True)
class ResidencyAddress:
    """Where a person's latest verified residency says they live (for spotting batches)."""

    postcode: str
    uprn: int | None
    address: str


def verified_addresses(user_ids: Collection[int]) -> dict[int, ResidencyAddress]:
    """Each person's latest verified residency address, in one query (unverified: absent)."""
    found: dict[int, ResidencyAddress] = {}
    rows = (
        Residency.objects.filter(user_id__in=list(user_ids), status=Residency.Status.VERIFIED)
        .order_by("user_id", "-verified_at", "-id")
        .values_list("user_id", "postcode", "uprn", "address")
    )
    for user_id, postcode, uprn, address in rows:
        found.setdefault(user_id, ResidencyAddress(postcode, uprn, address))
    return found


def lapsed_residency(user: User) -> Residency | None:
    """The person's latest verified residency whatever its expiry, to say when it lapsed."""
    return (
        Residency.objects.filter(user=user, status=Residency.Status.VERIFIED)
        .order_by("-expires_at")
        .first()
    )


# --- Councillors and organisations ----------------------------------------------------


def user_get(user_id: int, *, field: str = "user") -> User:
    """The person with this id. ``field`` names the input the id came in, for the error."""
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise NotFound("user_not_found", f"There is no person {user_id}.", field)
    return person


def user_find_by_email(email: str) -> User | None:
    """The account with this email address, whatever its case, or None."""
    return User.objects.filter(email__iexact=email).first()


def users_get(user_ids: Collection[int], *, field: str = "users") -> list[User]:
    """The people with these ids; an id that names no one refuses them all."""
    people = list(User.objects.filter(pk__in=user_ids))
    missing = sorted(set(user_ids) - {person.pk for person in people})
    if missing:
        raise NotFound("user_not_found", f"There is no person {missing[0]}.", field)
    return people


def councillor_assignments(*, district=None, ward=None) -> QuerySet[RoleAssignment]:
    """Current councillor seats, with the person and ward loaded."""
    seats = (
        RoleAssignment.objects.current()
        .filter(role="councillor")
        .select_related("user", "ward__district")
        .order_by("ward__name", "user__full_name")
    )
    if district is not None:
        seats = seats.filter(ward__district=district)
    if ward is not None:
        seats = seats.filter(ward=ward)
    return seats


def councillor_get(pk: int) -> RoleAssignment:
    seat = councillor_assignments().filter(user_id=pk).first()
    if seat is None:
        raise NotFound("councillor_not_found", f"There is no councillor {pk}.", "councillor")
    return seat


def organisation_list(*, kind: str = "", district=None, search: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.select_related("district").order_by("name")
    if kind:
        organisations = organisations.filter(kind=kind)
    if district is not None:
        organisations = organisations.filter(district=district)
    if search:
        organisations = organisations.filter(name__icontains=search)
    return organisations


def community_groups_of(user: Actor) -> QuerySet[Organisation]:
    """The community groups this person is a current member of (to act on their behalf)."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=Organisation.Kind.COMMUNITY_GROUP,
        members__user=user,
        members__role="group_member",
        members__end_date__isnull=True,
    ).distinct()


def organisation_memberships() -> QuerySet[RoleAssignment, dict[str, Any]]:
    """Who holds a current role in which organisation, as ``user_id`` and
    ``organisation_id`` rows: the social map counts the members organisations share."""
    return (
        RoleAssignment.objects.current()
        .filter(organisation__isnull=False)
        .values("user_id", "organisation_id")
        .distinct()
    )


def district_partners(district) -> QuerySet[Organisation]:
    """Partner bodies serving a district: based there, or with a current member there."""
    serving = RoleAssignment.objects.current().filter(role="partner", district=district)
    return (
        Organisation.objects.exclude(kind=Organisation.Kind.COMMUNITY_GROUP)
        .filter(Q(district=district) | Q(pk__in=serving.values("organisation_id")))
        .order_by("name")
    )


def organisation_get(slug: str) -> Organisation:
    organisation = Organisation.objects.select_related("district").filter(slug=slug).first()
    if organisation is None:
        raise NotFound("organisation_not_found", f"There is no organisation '{slug}'.")
    return organisation


def organisation_get_by_id(organisation_id: int, *, field: str = "organisation") -> Organisation:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound("organisation_not_found", "No such organisation.", field)
    return organisation


# --- Interests (conflicts) --------------------------------------------------------------


@dataclass(frozen=True)
class Interest:
    """Why a person has an interest in an organisation: declared, or a role in it."""

    organisation_id: int
    reason: str
    is_declared: bool


def interests_in(user: Actor, organisation_ids: Collection[int]) -> dict[int, Interest]:
    """The person's interests among these organisations, by organisation id (two queries)."""
    if not is_signed_in(user) or not organisation_ids:
        return {}
    found: dict[int, Interest] = {}
    for role in current_roles(user).filter(organisation_id__in=organisation_ids):
        assert role.organisation_id is not None
        found[role.organisation_id] = Interest(
            role.organisation_id, gettext("You hold a role in this organisation."), False
        )
    declared = InterestDeclaration.objects.filter(user=user, organisation_id__in=organisation_ids)
    for declaration in declared:
        found[declaration.organisation_id] = Interest(
            declaration.organisation_id, declaration.reason, True
        )
    return found


def interest_declarations(
    *, organisation: Organisation | None = None, user: Actor = None
) -> QuerySet[InterestDeclaration]:
    """Declared interests, newest first, for a register of interests or a person's own list."""
    rows = InterestDeclaration.objects.select_related("user", "organisation")
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    if is_signed_in(user):
        rows = rows.filter(user=user)
    return rows


def pending_residencies(*, district=None) -> QuerySet[Residency]:
    claims = Residency.objects.filter(status=Residency.Status.PENDING).select_related(
        "user", "ward__district"
    )
    if district is not None:
        claims = claims.filter(ward__district=district)
    return claims.prefetch_related("postal_codes")


@dataclass(frozen=True)
class WardToDecide:
    """A claim at a postcode that straddles wards, and the wards an officer may choose."""

    residency: Residency
    wards: list[Ward]


def residencies_awaiting_ward() -> list[WardToDecide]:
    """Pending claims whose ward an officer must decide, oldest first, with their choices."""
    claims = Residency.objects.filter(
        status=Residency.Status.PENDING, ward__isnull=True
    ).select_related("user")
    return [
        WardToDecide(claim, postcode_ward_choices(claim.postcode))
        for claim in claims.order_by("created_at")
    ]


def verified_resident_count(*, at, district=None, ward=None, born_by=None) -> int:
    """People with a residency in ``district`` (or in ``ward``) verified and unexpired at ``at``.

    With ``born_by``, only those born on or before that date, plus those who have not given
    a date of birth (it is asked for only where an age limit is checked). A ward poll's
    turnout counts the ward's residents; PB turnout counts the district's.
    """
    area = Q(ward=ward) if ward is not None else Q(ward__district=district)
    residencies = Residency.objects.filter(
        area,
        status=Residency.Status.VERIFIED,
        verified_at__lte=at,
        expires_at__gt=at,
    )
    if born_by is not None:
        residencies = residencies.filter(
            Q(user__date_of_birth__isnull=True) | Q(user__date_of_birth__lte=born_by)
        )
    return residencies.values("user").distinct().count()


def verified_resident_counts(
    wards_at: Collection[tuple[int, datetime]],
) -> dict[tuple[int, datetime], int]:
    """``verified_resident_count`` for many (ward id, moment) pairs in one query.

    A page citing several ward polls asks each poll's turnout base at once, so its query
    count does not grow with the number of polls.
    """
    pairs = list(dict.fromkeys(wards_at))
    if not pairs:
        return {}
    verified = Residency.objects.filter(
        status=Residency.Status.VERIFIED, ward_id__in={ward_id for ward_id, _at in pairs}
    )
    counts = verified.aggregate(
        **{
            f"n{index}": Count(
                "user",
                distinct=True,
                filter=Q(ward_id=ward_id, verified_at__lte=at, expires_at__gt=at),
            )
            for index, (ward_id, at) in enumerate(pairs)
        }
    )
    return {pair: counts[f"n{index}"] for index, pair in enumerate(pairs)}


def verified_residency_wards(*, at: datetime) -> QuerySet[Residency, dict[str, Any]]:
    """One row per person with a residency verified and unexpired at ``at``: ``user_id`` and
    ``home_ward`` (the ward's id), for counting people per ward in the database.

    Someone verified in two wards at once (a move not yet tidied up) counts in one of them.
    """
    return (
        Residency.objects.filter(
            status=Residency.Status.VERIFIED, verified_at__lte=at, expires_at__gt=at
        )
        .values("user_id")
        .annotate(home_ward=Max("ward_id"))
    )


def user_profile(user: User) -> User:
    return User.objects.prefetch_related(
        Prefetch("residencies", queryset=Residency.objects.select_related("ward__district")),
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("ward", "district", "organisation"),
        ),
    ).get(pk=user.pk)


# --- The electoral register / council tax match ----------------------------------------


def register_extracts_current() -> list[RegisterExtract]:
    """The extract each source is matched against now, with who loaded it."""
    return list(
        RegisterExtract.objects.filter(replaced_at__isnull=True)
        .select_related("loaded_by")
        .order_by("source")
    )


def register_extract_history(*, limit: int = 20) -> list[RegisterExtract]:
    """Extracts loaded before, newest first, so an officer can see what was replaced when."""
    return list(
        RegisterExtract.objects.filter(replaced_at__isnull=False)
        .select_related("loaded_by")
        .order_by("-loaded_at")[:limit]
    )


@dataclass(frozen=True)
class RegisterReview:
    """A second account's claim to a register entry, beside the account it verified first."""

    claim: RegisterClaim
    holder: RegisterClaim | None


def register_reviews_waiting() -> list[RegisterReview]:
    """Claims waiting for an officer, each with the account that holds the entry now."""
    waiting = list(
        RegisterClaim.objects.filter(status=RegisterClaim.Status.NEEDS_REVIEW)
        .select_related("user", "ward")
        .order_by("claimed_at")
    )
    holders = {
        holder.reference_hash: holder
        for holder in RegisterClaim.objects.filter(
            status=RegisterClaim.Status.VERIFIED,
            reference_hash__in=[claim.reference_hash for claim in waiting],
        ).select_related("user", "ward")
    }
    return [RegisterReview(claim, holders.get(claim.reference_hash)) for claim in waiting]


def register_review_get(claim_id: int) -> RegisterClaim:
    claim = RegisterClaim.objects.filter(
        pk=claim_id, status=RegisterClaim.Status.NEEDS_REVIEW
    ).first()
    if claim is None:
        raise NotFound("register_review_not_found", gettext("No such claim is waiting."))
    return claim


def register_claims_waiting(user: User) -> list[RegisterClaim]:
    """The person's own register claims that wait for an officer (shown on their profile)."""
    return list(
        RegisterClaim.objects.filter(user=user, status=RegisterClaim.Status.NEEDS_REVIEW)
        .select_related("ward")
        .order_by("claimed_at")
    )


def register_failed_attempts(
    *, user: User, ip_address: str | None, now: datetime
) -> tuple[int, int]:
    """Failed register matches within the window: by this account, and from this address."""
    since = now - timedelta(hours=policy.register_match_window_hours())
    failed = RegisterMatchAttempt.objects.filter(is_matched=False, at__gt=since)
    by_address = failed.filter(ip_address=ip_address).count() if ip_address else 0
    return failed.filter(user=user).count(), by_address


def register_attempts_exceeded(
    *, user: User, ip_address: str | None = None, now: datetime | None = None
) -> bool:
    """Has this account, or this address, used up its failed register matches?"""
    by_user, by_address = register_failed_attempts(
        user=user, ip_address=ip_address, now=now or timezone.now()
    )
    limit = policy.register_match_attempts()
    return by_user >= limit or by_address >= limit


def two_factor_offered(user: Actor) -> bool:
    """Staff, officers and administrators may add a second factor to their sign-in."""
    return is_signed_in(user) and (
        user.is_staff or is_administrator(user) or current_roles(user, role="officer").exists()
    )


def two_factor_enrolled(user: Actor) -> bool:
    """Whether signing in asks this person for a code as well as the password."""
    return is_signed_in(user) and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_step(user: Actor) -> str:
    """What a signed-in person must still do before anything else: ``"verify"`` a code,
    ``"enrol"`` (an administrator, when the council requires a second factor), or ``""``."""
    if two_factor_enrolled(user):
        return "verify"
    if policy.two_factor_required_for_administrators() and is_administrator(user):
        return "enrol"
    return ""


# --- API keys -------------------------------------------------------------------------


def has_api_key_role(user: Actor) -> bool:
    """Holds a role a machine client may act for: officer, partner or administrator."""
    return is_administrator(user) or (
        current_roles(user).filter(role__in=["officer", "partner"]).exists()
    )


def api_keys_of(user: User) -> QuerySet[ApiKey]:
    """A person's own keys, live first."""
    return ApiKey.objects.filter(user=user).select_related("user")


def api_key_list() -> QuerySet[ApiKey]:
    """Every account's keys, for administrators."""
    return ApiKey.objects.select_related("user").order_by("revoked_at", "user__email", "name")


def api_key_get(key_id: int) -> ApiKey:
    key = ApiKey.objects.select_related("user").filter(pk=key_id).first()
    if key is None:
        raise NotFound("api_key_unknown", gettext("There is no such API key."), "key")
    return key
