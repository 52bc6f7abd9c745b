"""Demo co-production: opportunities with shifts (one already given and confirmed, so credits
were earned and one spent), a gritting scheme with routes, time credit offers, staff requests,
an asset register with two leases and a meanwhile licence, and one asset of community value
in its moratorium.

Idempotent: each record is found by a natural key before it is created, and what hangs off a
record (shifts, sign-ups, returns) is made only when the record itself is new. Illustrative.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from coopcouncil.coproduction import services
from coopcouncil.coproduction.models import (
    CommunityAsset,
    CommunityValueNomination,
    CreditOffer,
    GrittingRoute,
    LeaseApplication,
    MeanwhileLicence,
    Opportunity,
    StaffVolunteeringRequest,
)
from coopcouncil.people.models import Organisation, RoleAssignment, User
from coopcouncil.people.services import role_assign
from coopcouncil.places.models import Ward

DEMO = "demo.coopcouncil.invalid"
LEISURE = "Oldham Community Leisure"

ASSET_COLUMNS = "reference,name,kind,ward,address,condition,running_cost_pence,current_use"
ASSET_ROWS = [
    "coldhurst-community-centre,Coldhurst Community Centre,building,coldhurst,"
    "Rochdale Road OL1 2HZ,fair,3850000,Community hall and meeting rooms",
    "werneth-park-lodge,Werneth Park Lodge,building,werneth,Frederick Street OL8 4DB,poor,"
    "1200000,Empty since 2023",
    "alexandra-park,Alexandra Park,park,alexandra,King's Road OL8 2BN,good,9800000,Public park",
    "foxdenton-allotments,Foxdenton Allotments,land,chadderton-south,Foxdenton Lane M24 1QR,"
    "fair,250000,Allotments",
    "crompton-moor,Crompton Moor,nature_reserve,crompton,Crompton Moor Road OL2 8LA,good,"
    "600000,Nature reserve and walks",
    "hollinwood-old-depot,Hollinwood Old Depot,land,hollinwood,Hollins Road OL8 3QQ,poor,"
    "90000,Stalled site",
]


def _person(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO}")


def _group(name: str) -> Organisation:
    return Organisation.objects.get(slug=slugify(name))


def demo_load() -> str:
    """Load (or find) co-production's demo records."""
    admin = _person("admin")
    now = timezone.now()
    leisure = _leisure(admin)
    opportunities = _volunteering(admin, now)
    offers = _offers(admin, leisure)
    _credits_spent(offers[0], now)
    routes = _gritting(admin, now)
    _staff(now)
    _assets(admin)
    _community_value(admin, now)
    return (
        f"Co-production: {opportunities} opportunities, {len(offers)} time credit offers,"
        f" {routes} gritting routes, {CommunityAsset.objects.count()} community assets."
    )


def _leisure(admin: User) -> Organisation:
    """The leisure trust taking credits, with one member to redeem them."""
    leisure, _ = Organisation.objects.get_or_create(
        slug=slugify(LEISURE), defaults={"name": LEISURE, "kind": Organisation.Kind.VOLUNTARY}
    )
    member = _person("action-together-oldham.west-oldham")
    if not RoleAssignment.objects.current().filter(user=member, organisation=leisure).exists():
        role_assign(
            actor=admin, user=member, role="partner", organisation=leisure, title="Front desk"
        )
    return leisure


def _volunteering(admin: User, now: datetime) -> int:
    coordinator = _person("coordinator.west-oldham")
    coldhurst = Ward.objects.get(slug="coldhurst")
    specs = [
        ("Food bank packer", "Hollinwood Food Share", "St Margaret's Hall", "hollinwood", False),
        ("Reading buddy", "Coldhurst Women's Network", "Coldhurst Library", "coldhurst", True),
        ("Park clean-up", "Werneth Park Litter Pickers", "Werneth Park", "werneth", False),
    ]
    for role, group, place, ward_slug, is_check_needed in specs:
        ward = Ward.objects.get(slug=ward_slug)
        if Opportunity.objects.filter(role=role, ward=ward).exists():
            continue
        opportunity = services.opportunity_post(
            actor=coordinator,
            role=role,
            place=place,
            ward=ward,
            organisation=_group(group),
            skills="Reliable, friendly",
            is_check_needed=is_check_needed,
            description=f"Help {group} in {ward}.",
        )
        start = timezone.localtime(now).replace(hour=10, minute=0, second=0, microsecond=0)
        for days_ahead in (3, 10, 17):
            services.shift_add(
                actor=coordinator,
                opportunity=opportunity,
                starts_at=start + timedelta(days=days_ahead),
                ends_at=start + timedelta(days=days_ahead, hours=3),
                places=8,
            )
        if ward == coldhurst or is_check_needed:
            continue
        # A shift already given: residents came and the organiser confirmed their hours.
        past = services.shift_add(
            actor=coordinator,
            opportunity=opportunity,
            starts_at=start - timedelta(days=7),
            ends_at=start - timedelta(days=7, hours=-3),
            places=8,
        )
        for number, hours in ((1, Decimal(3)), (2, Decimal("2.5"))):
            resident = _person(f"resident.{ward_slug}.{number}")
            sign_up = services.shift_sign_up(
                actor=resident, shift=past, now=past.starts_at - timedelta(days=5)
            )
            services.attendance_confirm(
                actor=coordinator, sign_up=sign_up, hours=hours, now=past.ends_at
            )
    return Opportunity.objects.count()


def _offers(admin: User, leisure: Organisation) -> list[CreditOffer]:
    action_together = _group("Action Together Oldham")
    specs = [
        (leisure, "Swim session at Oldham Leisure Centre", 1),
        (leisure, "Gym induction and session", 2),
        (action_together, "Community cinema ticket", 1),
        (action_together, "Adult learning: basic IT course", 5),
    ]
    offers = []
    for partner, title, credits in specs:
        offer = CreditOffer.objects.filter(partner=partner, title=title).first()
        if offer is None:
            offer = services.credit_offer_create(
                actor=admin, partner=partner, title=title, credits=credits
            )
        offers.append(offer)
    return offers


def _credits_spent(swim: CreditOffer, now: datetime) -> None:
    resident = _person("resident.hollinwood.1")
    if not swim.entries.exists():
        services.credits_spend(actor=resident, offer=swim, now=now)


def _gritting(admin: User, now: datetime) -> int:
    routes = [
        ("coldhurst", "Rochdale Road (Oldham Edge to Coldhurst Street)", "resident.coldhurst.1"),
        ("coldhurst", "Coldhurst Street and the school path", ""),
        ("werneth", "Frederick Street steps", "resident.werneth.1"),
        ("medlock-vale", "Hollins Road footbridge", ""),
    ]
    for ward_slug, name, adopter in routes:
        ward = Ward.objects.get(slug=ward_slug)
        if GrittingRoute.objects.filter(ward=ward, name=name).exists():
            continue
        route = services.gritting_route_add(actor=admin, ward=ward, name=name)
        if adopter:
            volunteer = _person(adopter)
            services.gritting_route_adopt(actor=volunteer, route=route, now=now)
            services.equipment_issue(
                actor=admin, route=route, kind="spreader", reference=f"SPR-{route.pk:03d}", now=now
            )
            services.gritting_log(actor=volunteer, route=route, now=now - timedelta(days=2))
    return GrittingRoute.objects.count()


def _staff(now: datetime) -> None:
    manager = _person("coordinator.west-oldham")
    requests = [
        ("finance", "Hollinwood Food Share", "waiting"),
        ("clerk", "Crompton Moor Volunteers", "approved"),
    ]
    for key, cause, outcome in requests:
        employee = _person(key)
        if StaffVolunteeringRequest.objects.filter(employee=employee, cause=cause).exists():
            continue
        request = services.staff_days_request(
            actor=employee,
            manager=manager,
            on_date=timezone.localdate(now) + timedelta(days=14),
            days=Decimal(1),
            hours=Decimal("7.5"),
            cause=cause,
        )
        if outcome == "approved":
            services.staff_days_decide(actor=manager, request=request, is_approved=True)


def _assets(admin: User) -> None:
    services.assets_import(actor=admin, text="\n".join([ASSET_COLUMNS, *ASSET_ROWS]))
    CommunityAsset.objects.filter(reference="hollinwood-old-depot").update(is_stalled_site=True)
    leases = [
        ("coldhurst-community-centre", "Coldhurst Women's Network", "peppercorn", 1, 0),
        ("foxdenton-allotments", "Foxdenton Allotment Society", "nominal", 2, 5000),
    ]
    for reference, group, terms, years_ago, rent in leases:
        asset = CommunityAsset.objects.get(reference=reference)
        organisation = _group(group)
        if LeaseApplication.objects.filter(asset=asset, organisation=organisation).exists():
            continue
        application = services.lease_apply(
            actor=admin,
            asset=asset,
            organisation=organisation,
            terms=terms,
            proposal=f"{group} will run {asset.name} for the community.",
            commitments=[
                ("opening_hours", "Hours open a week", 30),
                ("people_served", "People served a year", 2000),
            ],
        )
        starts = date(timezone.localdate().year - years_ago, 4, 1)
        services.lease_decide(
            actor=admin,
            application=application,
            is_agreed=True,
            assessment="Strong local support; commitments realistic.",
            starts_on=starts,
            ends_on=date(starts.year + 25, 3, 31),
            rent_pence=rent,
            next_review_on=date(timezone.localdate().year + 1, 4, 1),
        )
        for commitment, achieved in zip(application.commitments.all(), (32, 1650), strict=True):
            services.commitment_return_record(
                actor=admin, commitment=commitment, year=starts.year, achieved=achieved
            )
    depot = CommunityAsset.objects.get(reference="hollinwood-old-depot")
    if not MeanwhileLicence.objects.filter(asset=depot).exists():
        today = timezone.localdate()
        services.meanwhile_licence_grant(
            actor=admin,
            asset=depot,
            organisation=_group("Hollinwood Food Share"),
            use="Pop-up community growing space",
            starts_on=today - timedelta(days=340),
            ends_on=today + timedelta(days=25),
        )


def _community_value(admin: User, now: datetime) -> None:
    name = "The Royal Oak, Royton"
    if CommunityValueNomination.objects.filter(name=name).exists():
        return
    today = timezone.localdate(now)
    nomination = services.community_value_nominate(
        actor=admin,
        name=name,
        address="High Barn Street, Royton OL2 6RW",
        ward=Ward.objects.get(slug="royton-north"),
        organisation=_group("Royton Carnival Group"),
        reason="The last pub in the village centre, home of the carnival committee.",
    )
    services.community_value_list(
        actor=admin, nomination=nomination, is_listed=True, decided_on=today - timedelta(days=400)
    )
    # In its moratorium: the owner's notice two months ago, a group's bid within six weeks.
    services.community_value_notice_record(
        actor=admin,
        nomination=nomination,
        notice_on=today - timedelta(days=60),
        intention_to_bid_on=today - timedelta(days=40),
    )
