"""Demo commissioning: a youth services exercise with young people on the panel, a tender with
three bids scored and awarded, the contract's two quarterly returns (one short, with a
remedy), and a small quotation award under the delegated limit.

Idempotent: the catalogue and people are found by natural keys, and the exercise's slug
stands for the rest — when it exists, nothing more is done. Figures are illustrative; proxy
values are in the spirit of the National TOMs framework, not its published numbers.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from coopcouncil.people.models import Organisation, RoleAssignment, User
from coopcouncil.places.models import District
from coopcouncil.procurement import selectors, services
from coopcouncil.procurement.logic.delivery import ReturnRow
from coopcouncil.procurement.models import (
    CommissioningExercise,
    Contract,
    Measure,
    MeasureTheme,
    QualityCriterion,
)

DEMO = "demo.coopcouncil.invalid"
EXERCISE_SLUG = "youth-services-west-oldham"

MEASURES = [
    ("Jobs: local skills and employment", "More local people in work", "local-fte",
     "Local people employed on the contract", "FTE", 3_148_700),
    ("Jobs: local skills and employment", "More local people in work", "apprenticeship-weeks",
     "Apprenticeship weeks for local people", "weeks", 25_900),
    ("Growth: a thriving local economy", "Money spent locally", "local-sme-vcse-spend",
     "Spend with local SMEs and VCSE organisations", "£", 19),
    ("Social: stronger communities", "Time given to local causes", "volunteering-hours",
     "Staff volunteering hours", "hours", 1_624),
    ("Environment: decarbonising", "Less carbon emitted", "carbon-saved",
     "Carbon saved", "t", 24_500),
]  # fmt: skip

SUPPLIERS = [
    # name, kind, company number, charity number, price £, quality (officer, young people), offer
    ("Coldhurst Youth Trust", "voluntary", "", "1190001", 182_000, (4, 5),
     {"local-fte": "3", "apprenticeship-weeks": "104", "volunteering-hours": "600"}),
    ("Pennine Youth Services Ltd", "business", "09990001", "", 165_000, (4, 3),
     {"local-fte": "1", "local-sme-vcse-spend": "20000", "carbon-saved": "4"}),
    ("Northern Play Partnership CIC", "business", "12990002", "", 198_000, (3, 4),
     {"local-fte": "2", "apprenticeship-weeks": "52", "volunteering-hours": "200"}),
]  # fmt: skip


def _person(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO}")


def _demo_person(key: str, full_name: str, password: str) -> User:
    user, _ = User.objects.get_or_create(
        email=f"{key}@{DEMO}",
        defaults={
            "full_name": full_name,
            "password": password,
            "email_verified_at": timezone.now(),
        },
    )
    return user


def _catalogue(officer: User) -> None:
    for theme, outcome, code, name, unit, proxy in MEASURES:
        if not Measure.objects.filter(code=code).exists():
            services.measure_add(
                actor=officer,
                theme=theme,
                outcome=outcome,
                code=code,
                name=name,
                unit=unit,
                proxy_value_pence=proxy,
            )


def _suppliers(district: District, password: str) -> list[tuple[Organisation, User]]:
    found = []
    for name, kind, company, charity, *_ in SUPPLIERS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=name.lower().replace(" ", "-"),
            defaults={"name": name, "kind": kind, "district": district,
                      "company_number": company, "charity_number": charity},
        )  # fmt: skip
        member = _demo_person(f"bids.{organisation.slug}", f"{name} bid manager", password)
        RoleAssignment.objects.get_or_create(
            user=member, role="partner", organisation=organisation, end_date=None,
            defaults={"start_date": date(2024, 5, 3), "title": "Bid manager"},
        )  # fmt: skip
        found.append((organisation, member))
    return found


def demo_load() -> str:
    """Load the demo commissioning records, once."""
    officer = _person("procurement")
    if CommissioningExercise.objects.filter(slug=EXERCISE_SLUG).exists():
        return f"Procurement demo already loaded ({Contract.objects.count()} contracts)."
    district = District.objects.get(slug="west-oldham")
    password = officer.password  # demo accounts share the demo password
    _catalogue(officer)
    suppliers = _suppliers(district, password)
    young_people = [
        _demo_person(f"youth.panel.{n}", name, password)
        for n, name in enumerate(["Aisha (Youth Council)", "Tyler (Youth Council)"], start=1)
    ]
    now = timezone.now()
    opened = now - timedelta(days=120)
    exercise = services.exercise_create(
        actor=officer,
        title="Youth services, West Oldham",
        need="Evening and weekend youth work in Coldhurst, St Mary's and Werneth, where "
        "a third of residents are under 16 and the old contract ends in March.",
        outcomes_wanted="Young people have safe places to go, trusted adults to talk to, and "
        "routes into training and work.",
        budget_pence=60_000_000,
        themes=list(MeasureTheme.objects.all()),
        district=district,
        service_user_weight=40,
    )
    CommissioningExercise.objects.filter(pk=exercise.pk).update(created_at=opened)
    services.panel_member_add(actor=officer, exercise=exercise, user=officer, kind="officer")
    for person in young_people:
        services.panel_member_add(
            actor=officer, exercise=exercise, user=person, kind="service_user"
        )
    contract = _tender(exercise, officer, young_people, suppliers, opened)
    _returns(contract, dict(suppliers)[contract.supplier], officer)
    quotation = services.quotation_award(
        actor=_person("coordinator.west-oldham"),
        title="Youth centre deep clean, Coldhurst",
        supplier=suppliers[1][0],
        value_pence=950_000,
        quotes=[(organisation, amount) for (organisation, _), amount in
                zip(suppliers, (1_120_000, 950_000, 1_310_000), strict=True)],
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 6, 30),
        district=district,
        exercise=exercise,
    )  # fmt: skip
    return (
        f"Procurement demo: '{exercise.title}' with {len(young_people)} young people on the "
        f"panel; '{contract.title}' awarded to {contract.supplier}; quotation award "
        f"'{quotation.title}'."
    )


def _tender(exercise, officer, young_people, suppliers, opened: datetime) -> Contract:
    deadline = opened + timedelta(days=30)
    tender = services.tender_publish(
        actor=officer,
        exercise=exercise,
        title="Youth work in West Oldham 2026–2028",
        description="Two evenings and one weekend day a week in each of three wards.",
        deadline=deadline,
        price_weight=40,
        quality_weight=40,
        social_value_weight=20,
        lots=[("Youth work, West Oldham", 60_000_000)],
        criteria=[("Safe, welcoming sessions", 50), ("Young people's voice in the service", 50)],
        now=opened,
    )
    lot = tender.lots.get()
    bids = []
    for (organisation, member), (*_, price, _quality, offer) in zip(
        suppliers, SUPPLIERS, strict=True
    ):
        bids.append(services.bid_submit(
            actor=member, lot=lot, organisation=organisation, price_pence=price * 100,
            pays_real_living_wage=True, accepts_local_clauses=True, quantities=offer,
            now=opened + timedelta(days=10),
        ))  # fmt: skip
    criteria = list(QualityCriterion.objects.filter(tender=tender))
    scored = deadline + timedelta(days=5)
    for bid, (*_, (officer_score, youth_score), _offer) in zip(bids, SUPPLIERS, strict=True):
        panel = [(officer, officer_score)] + [(person, youth_score) for person in young_people]
        for person, score in panel:
            services.quality_scores_record(
                actor=person, bid=bid, scores={c.pk: score for c in criteria}, now=scored
            )
    services.moderated_score_record(
        actor=officer, bid=bids[1], criterion=criteria[1], score=Decimal("3.00"),
        note="The panel agreed the youth forum plan was sound but untested.",
    )  # fmt: skip
    found = selectors.lot_evaluation(lot)
    winner = next(bid for bid in bids if bid.pk == found.evaluation.leaders[0])
    return services.lot_award(
        actor=officer, lot=lot, bid=winner, starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31), now=scored + timedelta(days=2),
    )  # fmt: skip


def _returns(contract: Contract, supplier_member: User, officer: User) -> None:
    commitments = list(contract.commitments.select_related("measure"))
    for quarter, share in ((2, Decimal(1)), (3, Decimal("0.6"))):
        filed = services.quarterly_return_submit(
            actor=supplier_member,
            contract=contract,
            year=2026,
            quarter=quarter,
            rows=[
                ReturnRow(c.measure.code, (c.promised / 4 * share).quantize(Decimal("0.01")),
                          "Payroll extract and session registers")
                for c in commitments
            ],
        )  # fmt: skip
        for line in filed.lines.all():
            if line.is_short:
                services.remedy_record(
                    actor=officer, line=line,
                    remedy="Two extra apprentices start in January; the supplier reports monthly "
                    "until the shortfall is made up.",
                )  # fmt: skip
