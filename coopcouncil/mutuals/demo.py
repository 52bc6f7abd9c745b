"""Demo co-operatives: a housing mutual after its stock-transfer ballot, a youth co-op with a
counted STV election, and a community energy share offer.

Idempotent: each co-operative is found by its slug, and one that exists is left as it is.
Figures are illustrative; the housing ballot echoes Rochdale's (76 % of tenants voting yes).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from coopcouncil.mutuals import selectors, services
from coopcouncil.mutuals.logic.ballot_files import write_blt
from coopcouncil.mutuals.logic.stv import Ballot, Election
from coopcouncil.mutuals.models import Mutual
from coopcouncil.people.models import Organisation, User
from coopcouncil.places.models import District
from coopcouncil.procurement import services as procurement_services

DEMO = "demo.coopcouncil.invalid"
YOUTH_CANDIDATES = [
    "Amara Okafor",
    "Ben Hughes",
    "Chloe Patel",
    "Dylan Shaw",
    "Ella Nowak",
    "Farah Iqbal",
]


def _residents() -> list[User]:
    return list(
        User.objects.filter(email__startswith="resident.", email__endswith=f"@{DEMO}").order_by(
            "email"
        )
    )


def _housing(admin: User, residents: list[User]) -> str:
    if Mutual.objects.filter(slug="oldham-homes-mutual").exists():
        return ""
    now = timezone.now()
    today = timezone.localdate()
    mutual = services.mutual_register(
        actor=admin,
        name="Oldham Homes Mutual",
        legal_form="community_benefit_society",
        society_number="RS007890",
        description="A tenant-and-employee mutual that took over the council's homes.",
        is_spin_out=True,
        organisation=_housing_organisation(),
        services=["Housing management and repairs", "Tenancy sustainment"],
    )
    _housing_contract_link(admin, mutual)
    tenants = services.membership_class_add(
        actor=admin,
        mutual=mutual,
        name="Tenants",
        requires_tenant=True,
        description="Tenants of the mutual's homes",
    )
    employees = services.membership_class_add(
        actor=admin,
        mutual=mutual,
        name="Employees",
        requires_employee=True,
        description="Staff of the mutual",
    )
    joined = today - timedelta(days=120)
    for number, person in enumerate(residents[:50]):
        is_employee = number % 10 == 0
        services.member_join(
            actor=admin,
            mutual=mutual,
            user=person,
            classes=[employees if is_employee else tenants],
            is_tenant=not is_employee,
            is_employee=is_employee,
            today=joined,
        )
    services.constituency_add(
        actor=admin, mutual=mutual, name="Tenants", membership_class=tenants, seats=6
    )
    services.constituency_add(
        actor=admin, mutual=mutual, name="Employees", membership_class=employees, seats=3
    )
    for kind, holder, skills in (
        ("executive", "Chief executive", "Housing management"),
        ("independent", "Independent chair", "Governance"),
        ("appointed", "Council nominee", "Finance"),
    ):
        services.board_seat_fill(
            actor=admin,
            mutual=mutual,
            kind=kind,
            holder=holder,
            skills=skills,
            term_starts=today - timedelta(days=200),
            term_ends=today + timedelta(days=900),
        )
    ballot = services.ballot_open(
        actor=admin,
        mutual=mutual,
        question="Should the council's homes transfer to Oldham Homes Mutual?",
        classes=[tenants],
        electorate_on=today - timedelta(days=90),
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        turnout_percent_required=40,
        yes_percent_required=50,
    )
    voters = [m.user for m in selectors.member_list(mutual) if m.is_tenant][:25]
    for number, person in enumerate(voters):
        choice = "yes" if number < 19 else "no"  # 19 of 25: 76 % yes
        services.ballot_vote(
            actor=person, ballot=ballot, choice=choice, now=now - timedelta(days=45)
        )
    return f"Housing mutual: 50 members; a stock-transfer ballot with {len(voters)} votes."


def _housing_organisation() -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug="oldham-homes-mutual",
        defaults={
            "name": "Oldham Homes Mutual",
            "kind": Organisation.Kind.HOUSING,
            "district": District.objects.filter(slug="west-oldham").first(),
        },
    )
    return organisation


def _housing_contract_link(admin: User, mutual: Mutual) -> None:
    """The mutual runs tenancy sustainment under a contract let after quotations."""
    organisation = mutual.organisation
    assert organisation is not None
    today = timezone.localdate()
    contract = procurement_services.quotation_award(
        actor=User.objects.get(email=f"coordinator.west-oldham@{DEMO}"),
        title="Tenancy sustainment, West Oldham",
        supplier=organisation,
        value_pence=2_400_000,
        quotes=[(organisation, 2_400_000)],
        starts_on=date(today.year, 4, 1),
        ends_on=date(today.year + 1, 3, 31),
        district=organisation.district,
        reason="The only provider holding the tenancies the stock-transfer ballot moved.",
    )
    service = mutual.services.get(name="Tenancy sustainment")
    services.mutual_service_link(actor=admin, service=service, contract=contract, asset=None)


def _youth(admin: User, residents: list[User]) -> str:
    if Mutual.objects.filter(slug="youth-co-op").exists():
        return ""
    now = timezone.now()
    today = timezone.localdate()
    mutual = services.mutual_register(
        actor=admin,
        name="Youth Co-op",
        legal_form="cooperative_society",
        society_number="RS009911",
        description="Young people run the youth services: an elected assembly, an appointed board.",
        services=["Youth centres", "Detached youth work"],
    )
    young = services.membership_class_add(
        actor=admin,
        mutual=mutual,
        name="Young people",
        min_age=11,
        max_age=19,
        description="Aged 11 to 19",
    )
    services.membership_class_add(
        actor=admin, mutual=mutual, name="Associate (under 16)", max_age=15, is_voting=False
    )
    individuals = services.membership_class_add(
        actor=admin, mutual=mutual, name="Other individuals", requires_residency=True
    )
    services.membership_class_add(
        actor=admin,
        mutual=mutual,
        name="Organisations",
        description="Schools, youth clubs and groups, each through a named representative",
        is_for_organisations=True,
    )
    for person in residents[50:70]:
        services.member_join(
            actor=admin,
            mutual=mutual,
            user=person,
            classes=[individuals],
            today=today - timedelta(days=100),
        )
    assembly = services.constituency_add(
        actor=admin,
        mutual=mutual,
        name="Assembly",
        membership_class=individuals,
        seats=3,
        term_months=24,
    )
    election = services.election_open(
        actor=admin,
        mutual=mutual,
        title="Youth assembly election",
        seats=3,
        candidates=YOUTH_CANDIDATES,
        classes=[young, individuals],
        electorate_on=today - timedelta(days=40),
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=2),
        constituency=assembly,
    )
    chooser = random.Random(16)
    for person in residents[50:62]:
        ranking = chooser.sample(range(1, len(YOUTH_CANDIDATES) + 1), k=chooser.randint(1, 4))
        services.election_vote(
            actor=person, election=election, ranking=ranking, now=now - timedelta(days=10)
        )
    papers = [
        Ballot(
            tuple(c - 1 for c in chooser.sample(range(1, 7), k=chooser.randint(1, 5))),
            chooser.randint(1, 6),
        )
        for _ in range(40)
    ]
    services.election_ballots_import(
        actor=admin,
        election=election,
        file_format="blt",
        text=write_blt(
            Election(candidates=tuple(YOUTH_CANDIDATES), seats=3, ballots=tuple(papers))
        ),
    )
    services.election_count(actor=admin, election=election)
    return (
        f"Youth co-op: an STV election counted ({', '.join(election.result['elected'])} elected)."
    )


def _energy(admin: User, residents: list[User]) -> str:
    if Mutual.objects.filter(slug="oldham-community-energy").exists():
        return ""
    now = timezone.now()
    mutual = services.mutual_register(
        actor=admin,
        name="Oldham Community Energy",
        legal_form="community_benefit_society",
        society_number="RS008123",
        description="Solar panels on schools and community buildings; surplus to a community fund.",
        services=["Rooftop solar on council buildings"],
    )
    offer = services.share_offer_create(
        actor=admin,
        mutual=mutual,
        title="Solar schools share offer 2026",
        offer_pence=25_000_00,
        min_holding_pence=100_00,
        max_holding_pence=5_000_00,
        interest_cap_percent=Decimal("4.00"),
        community_fund_percent=20,
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=40),
    )
    for number, person in enumerate(residents[70:80]):
        services.share_apply(actor=person, offer=offer, requested_pence=(number + 1) * 250_00)
    services.spin_out_start(actor=admin, service="Council leisure centres")
    return "Community energy: a share offer with 10 applications; a spin-out in the pipeline."


def demo_load() -> str:
    """Load the demo co-operatives (idempotent)."""
    admin = User.objects.get(email=f"admin@{DEMO}")
    residents = _residents()
    lines = [_housing(admin, residents), _youth(admin, residents), _energy(admin, residents)]
    return "\n".join(line for line in lines if line)
