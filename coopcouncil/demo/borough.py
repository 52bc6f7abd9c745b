"""Places and people of the demo borough: 6 districts, 20 wards, 60 councillors.

Ward figures come from ``oldham_wards.csv``: the published Oldham contrasts are
the anchors (Coldhurst: under-16 31.2 %, BME 56.9 %, unemployment 9.1 %, male life
expectancy 70.1; Saddleworth South: 16.7 %, 1.5 %, 1.4 %, 80.2) and the other wards
lie between them so that the population-weighted borough figures come out at the
published 22.2 %, 13.8 %, 4.9 % and 75.5. Names of people are invented.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify

from coopcouncil.people.models import Organisation, Residency, RoleAssignment, User
from coopcouncil.places.models import Borough, District, Ward
from coopcouncil.places.services import address_list_import, postcode_directory_import

WARDS_CSV = Path(__file__).with_name("oldham_wards.csv")
# Made-up postcodes and addresses (README.md beside them says how they cannot be real).
POSTCODES_CSV = Path(__file__).with_name("illustrative_postcodes.csv")
ADDRESSES_CSV = Path(__file__).with_name("illustrative_addresses.csv")
DEMO_PASSWORD = "coopcouncil-demo"
DEMO_DOMAIN = "demo.coopcouncil.invalid"

FIRST_NAMES = [
    "Amina",
    "Barry",
    "Catherine",
    "Dev",
    "Elaine",
    "Farooq",
    "Grace",
    "Harpreet",
    "Ian",
    "Jasmine",
    "Kevin",
    "Leanne",
    "Mohammed",
    "Nadia",
    "Owen",
    "Parveen",
    "Quentin",
    "Rachel",
    "Shafiq",
    "Tracey",
    "Usman",
    "Valerie",
    "Wasim",
    "Yvonne",
    "Zainab",
    "Arooj",
    "Brian",
    "Colin",
    "Dawn",
    "Eddie",
]
LAST_NAMES = [
    "Ahmed",
    "Bailey",
    "Chowdhury",
    "Dean",
    "Evans",
    "Fielding",
    "Greenwood",
    "Hussain",
    "Iqbal",
    "Jackson",
    "Kenyon",
    "Lord",
    "Mahmood",
    "Nolan",
    "Ogden",
    "Patel",
    "Quinn",
    "Rahman",
    "Shah",
    "Taylor",
    "Uddin",
    "Varley",
    "Whitehead",
    "Yates",
    "Zaman",
    "Akhtar",
    "Buckley",
    "Crossley",
    "Dawson",
    "Ellison",
]
PARTIES = ["Labour", "Labour", "Liberal Democrat", "Conservative", "Independent"]

PARTNERS = [
    ("Greater Manchester Police", "police", None),
    ("NHS Oldham", "nhs", None),
    ("First Choice Homes Oldham", "housing", None),
    ("Action Together Oldham", "voluntary", None),
    ("Oldham Youth Council", "youth", None),
    ("Saddleworth Parish Council", "parish", "saddleworth-lees"),
]
COMMUNITY_GROUPS = {
    "chadderton": ["Chadderton Hall Park Friends", "Foxdenton Allotment Society"],
    "east-oldham": ["Alexandra Park Community Garden", "Waterhead Youth Football Club"],
    "west-oldham": ["Coldhurst Women's Network", "Werneth Park Litter Pickers"],
    "failsworth-hollinwood": ["Failsworth Pole Committee", "Hollinwood Food Share"],
    "royton-shaw-crompton": ["Crompton Moor Volunteers", "Royton Carnival Group"],
    "saddleworth-lees": ["Saddleworth Walkers are Welcome", "Lees Band Club"],
}
DISTRICT_TEAM = [
    ("District co-ordinator", "coordinator"),
    ("Neighbourhood caseworker", "caseworker"),
    ("Community development officer", "development"),
]
CENTRAL_OFFICERS = [
    ("finance", "Finance officer", "finance"),
    ("clerk", "Democratic services officer (clerk)", "clerk"),
    ("procurement", "Procurement officer", "procurement"),
]


def _names():
    """Invented names; consecutive people never share a surname (900 distinct names)."""
    for i in range(len(FIRST_NAMES) * len(LAST_NAMES)):
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        last = LAST_NAMES[(i // len(FIRST_NAMES) + 7 * i) % len(LAST_NAMES)]
        yield f"{first} {last}"


def _person(email: str, full_name: str, password_hash: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "password": password_hash,
            "email_verified_at": timezone.now(),
            **extra,
        },
    )
    return user


def _role(user: User, role: str, **fields) -> RoleAssignment:
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user, role=role, end_date=None, defaults={"start_date": date(2024, 5, 3)}, **fields
    )
    return assignment


def _load_places() -> Borough:
    borough, _ = Borough.objects.update_or_create(
        slug="oldham-demo",
        defaults={
            "name": "Oldham (demo)",
            "net_revenue_budget_pence": 22_560_000_000,
            "budget_year": "2012/13",
            "is_illustrative": True,
        },
    )
    with WARDS_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            district, _ = District.objects.get_or_create(
                slug=slugify(row["district"]),
                defaults={"borough": borough, "name": row["district"]},
            )
            Ward.objects.update_or_create(
                code=row["ward_code"],
                defaults={
                    "district": district,
                    "name": row["ward"],
                    "slug": slugify(row["ward"]),
                    "population": int(row["population"]),
                    "under16_share": Decimal(row["under16_share"]),
                    "bme_share": Decimal(row["bme_share"]),
                    "unemployment_rate": Decimal(row["unemployment_rate"]),
                    "life_expectancy_male": Decimal(row["life_expectancy_male"]),
                    "life_expectancy_female": Decimal(row["life_expectancy_female"]),
                    "imd_score": Decimal(row["imd_score"]),
                    "imd_rank": int(row["imd_rank"]),
                },
            )
    return borough


def demo_load_addresses() -> str:
    """Load the illustrative postcodes and addresses through the council's own imports.

    The imports update in place, so loading them again changes nothing.
    """
    with POSTCODES_CSV.open(encoding="utf-8", newline="") as lines:
        postcodes = postcode_directory_import(actor=None, lines=lines, check_permission=False)
    with ADDRESSES_CSV.open(encoding="utf-8", newline="") as lines:
        addresses = address_list_import(actor=None, lines=lines, check_permission=False)
    return (
        f"Illustrative postcodes and addresses (made up, not real): {postcodes.kept} postcodes,"
        f" {addresses} addresses. Try OL1 9CK at sign-up."
    )


def demo_load_borough() -> str:
    """Load the demo borough's places, organisations and people (idempotent)."""
    _load_places()
    addresses_loaded = demo_load_addresses()
    # One hash for every demo account: hashing 100 passwords would take a minute.
    password_hash = make_password(DEMO_PASSWORD)
    names = _names()
    districts = {d.slug: d for d in District.objects.all()}

    admin = _person(
        f"admin@{DEMO_DOMAIN}", "Alex Admin", password_hash, is_staff=True, is_superuser=True
    )
    _role(admin, "administrator")
    for key, title, team in CENTRAL_OFFICERS:
        officer = _person(f"{key}@{DEMO_DOMAIN}", next(names), password_hash, is_staff=True)
        _role(officer, "officer", team=team, title=title)

    for ward in Ward.objects.select_related("district").order_by("code"):
        for seat in range(ward.seats):
            email = f"cllr.{ward.slug}.{seat + 1}@{DEMO_DOMAIN}"
            councillor = _person(email, f"Cllr {next(names)}", password_hash)
            party = PARTIES[(ward.pk + seat) % len(PARTIES)]
            RoleAssignment.objects.get_or_create(
                user=councillor,
                role="councillor",
                ward=ward,
                end_date=None,
                defaults={
                    "party": party,
                    "start_date": date(2024, 5, 3) - timedelta(days=365 * seat),
                },
            )

    for slug, district in districts.items():
        for title, key in DISTRICT_TEAM:
            officer = _person(f"{key}.{slug}@{DEMO_DOMAIN}", f"{next(names)}", password_hash)
            _role(officer, "officer", team="district_team", district=district, title=title)

    for name, kind, district_slug in PARTNERS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "kind": kind, "district": districts.get(district_slug or "")},
        )
        for slug, district in districts.items():
            if organisation.district_id and organisation.district_id != district.pk:
                continue
            member = _person(
                f"{organisation.slug}.{slug}@{DEMO_DOMAIN}", next(names), password_hash
            )
            _role(
                member,
                "partner",
                organisation=organisation,
                district=district,
                title=f"{organisation.get_kind_display()} representative, {district.name}",
            )

    for slug, group_names in COMMUNITY_GROUPS.items():
        for group_name in group_names:
            group_slug = slugify(group_name)
            Organisation.objects.get_or_create(
                slug=group_slug,
                defaults={
                    "name": group_name,
                    "kind": "community_group",
                    "district": districts[slug],
                    "contact_email": f"hello@{group_slug}.{DEMO_DOMAIN}",
                },
            )

    residents = 0
    now = timezone.now()
    for ward in Ward.objects.order_by("code"):
        for number in range(1, 6):
            resident = _person(
                f"resident.{ward.slug}.{number}@{DEMO_DOMAIN}", next(names), password_hash
            )
            Residency.objects.get_or_create(
                user=resident,
                ward=ward,
                status=Residency.Status.VERIFIED,
                defaults={
                    "method": Residency.Method.IN_PERSON,
                    "verified_at": now,
                    "expires_at": now + timedelta(days=730),
                    "postcode": "OL1 1AA",
                },
            )
            residents += 1
    return (
        f"Demo borough ready: {District.objects.count()} districts, {Ward.objects.count()} wards, "
        f"{RoleAssignment.objects.filter(role='councillor').count()} councillors, "
        f"{residents} verified demo residents. Every demo account's password: {DEMO_PASSWORD}\n"
        f"{addresses_loaded}"
    )
