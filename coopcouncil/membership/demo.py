"""Demo membership deal and energy switching, built through the services.

A switching round whose auction has run on the illustrative calibration cohort (12,000
households, about 8,700 saving an average near £171), with one demo resident's own offer
waiting for an answer; a second round open for registration; four partner benefits; and
demo residents who have joined, pledged and claimed. Idempotent: found by name first.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from coopcouncil.membership import services
from coopcouncil.membership.logic.bids_file import bids_write
from coopcouncil.membership.logic.calibration import illustrative_bids
from coopcouncil.membership.logic.tariffs import RegistrationInput
from coopcouncil.membership.models import Benefit, EnergyOffer, Membership, SwitchingRound
from coopcouncil.people.models import Organisation, RoleAssignment, User
from coopcouncil.places.models import Ward

DEMO_DOMAIN = "demo.coopcouncil.invalid"
BATCH = 2000
SWITCHED_ROUND = "Oldham Big Switch 2026"
OPEN_ROUND = "Oldham Winter Switch 2027"
# (organisation, slug of its demo person, benefit title, kind, description, minimum age)
PARTNER_BENEFITS = [
    (
        "Oldham Credit Union",
        "credit-union",
        "Credit union saver's bonus",
        "credit_union",
        "£10 added to a new savings account, and fair loans instead of doorstep lenders.",
        16,
    ),
    (
        "Oldham Independent Traders",
        "local-card",
        "Local card: 10% off in independent shops",
        "local_card",
        "Show your code at any shop displaying the co-operative sticker.",
        None,
    ),
    (
        "Oldham Community Transport",
        "fair-fares",
        "Fair fares: half-price community transport",
        "fair_fares",
        "Half-price journeys on community minibuses for members aged 60 or over.",
        60,
    ),
    (
        "Fair Energy Co-operative",
        "fair-energy",
        "Fair energy: free home energy check",
        "fair_energy",
        "A home energy check and help to switch, from the winning supplier.",
        None,
    ),
]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _household(size: int) -> RegistrationInput:
    return RegistrationInput(
        region="north-west",
        payment_method="direct_debit",
        electricity_kwh=None,
        gas_kwh=None,
        household_size=size,
        has_gas=True,
        electricity_unit_rate=Decimal("27.030"),
        electricity_standing_charge=Decimal("53.680"),
        gas_unit_rate=Decimal("6.990"),
        gas_standing_charge=Decimal("32.670"),
    )


def _switched_round(officer: User, resident: User | None) -> str:
    if SwitchingRound.objects.filter(name=SWITCHED_ROUND).exists():
        return ""
    now = timezone.now()
    switching_round = services.round_create(
        actor=officer,
        name=SWITCHED_ROUND,
        registration_opens=now - timedelta(days=40),
        registration_closes=now + timedelta(hours=1),
        acceptance_closes=now + timedelta(days=26),
    )
    if resident is not None:
        services.household_register(
            user=resident, switching_round=switching_round, entry=_household(3)
        )
    services.cohort_load_illustrative(actor=officer, switching_round=switching_round)
    # The demo tells the round's story in one go: registration closed a moment ago.
    SwitchingRound.objects.filter(pk=switching_round.pk).update(
        registration_closes=now - timedelta(minutes=1)
    )
    switching_round.refresh_from_db()
    services.bids_import(
        actor=officer, switching_round=switching_round, text=bids_write(illustrative_bids())
    )
    result = services.auction_hold(actor=officer, switching_round=switching_round)
    # The illustrative households have no accounts to answer with: the demo records that
    # those who would save accepted, as Oldham's 8,700 did.
    # By id, a batch at a time: just after a bulk insert PostgreSQL has no statistics for
    # these tables and plans a join of offers to households as a nested loop.
    cohort = list(
        switching_round.registrations.filter(user__isnull=True).values_list("id", flat=True)
    )
    for start in range(0, len(cohort), BATCH):
        EnergyOffer.objects.filter(
            registration_id__in=cohort[start : start + BATCH], status=EnergyOffer.Status.OFFERED
        ).update(status=EnergyOffer.Status.ACCEPTED, decided_at=now)
    return (
        f" {SWITCHED_ROUND}: {result.registrations:,} households, {result.switching:,} saving"
        f" on average £{result.average_saving_pence / 100:,.2f}."
    )


def _open_round(officer: User) -> None:
    if SwitchingRound.objects.filter(name=OPEN_ROUND).exists():
        return
    now = timezone.now()
    services.round_create(
        actor=officer,
        name=OPEN_ROUND,
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=30),
    )


def _partner_person(organisation: Organisation, key: str, like: User) -> None:
    email = f"partner.{key}@{DEMO_DOMAIN}"
    # The demo password's hash is copied from a demo account: hashing again takes a second.
    person, _ = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": f"{organisation.name} desk",
            "password": like.password,
            "email_verified_at": timezone.now(),
        },
    )
    RoleAssignment.objects.get_or_create(
        user=person, role="partner", organisation=organisation, defaults={"title": "Counter staff"}
    )


def _benefits(officer: User) -> None:
    today = timezone.localdate()
    for name, key, title, kind, description, min_age in PARTNER_BENEFITS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=key, defaults={"name": name, "kind": "business"}
        )
        _partner_person(organisation, key, officer)
        if not Benefit.objects.filter(title=title).exists():
            services.benefit_create(
                actor=officer,
                partner=organisation,
                title=title,
                kind=kind,
                description=description,
                valid_from=today - timedelta(days=30),
                valid_until=today + timedelta(days=335),
                wards=[],
                min_age=min_age,
            )


def _members() -> int:
    joined = 0
    for ward in Ward.objects.order_by("code"):
        for number in (1, 2):
            resident = _user(f"resident.{ward.slug}.{number}@{DEMO_DOMAIN}")
            if resident is None or Membership.objects.filter(user=resident).exists():
                continue
            services.membership_join(user=resident)
            services.pledge_take(user=resident, kind="recycle")
            services.pledge_take(user=resident, kind="have_a_say" if number == 1 else "neighbour")
            if (ward.pk + number) % 3 == 0:
                services.pledge_keep(user=resident, kind="recycle")
            local_card = Benefit.objects.filter(kind="local_card").first()
            if local_card is not None and number == 1:
                services.benefit_claim(user=resident, benefit=local_card)
            joined += 1
    return joined


def demo_load() -> str:
    """Load the demo membership deal and switching rounds (idempotent)."""
    officer = _user(f"finance@{DEMO_DOMAIN}")
    if officer is None:
        return "Membership: demo borough missing, nothing loaded."
    _benefits(officer)
    joined = _members()
    switched = _switched_round(officer, _user(f"resident.coldhurst.3@{DEMO_DOMAIN}"))
    _open_round(officer)
    return (
        f"Membership: {Membership.objects.count()} members ({joined} new),"
        f" {Benefit.objects.count()} benefits.{switched}"
    )
