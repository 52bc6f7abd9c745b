"""Demo insight: the ten network principles, an outcomes framework with measurements, public
commitments, two neighbourhood standards per district, service assessments and the first
count of participation at scale.

Idempotent: every record is found by a natural key before it is created, and the counts
are recomputed from what the other apps' demos hold. Figures are illustrative.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from coopcouncil.budgets.selectors import ladder
from coopcouncil.coproduction.selectors import asset_list, opportunity_list
from coopcouncil.democracy.selectors import decision_list
from coopcouncil.grants.selectors import awards_public
from coopcouncil.insight.logic.periods import months_after, recent_months
from coopcouncil.insight.models import (
    ActivityLink,
    Commitment,
    Indicator,
    Measurement,
    Milestone,
    Outcome,
    ParticipationFigure,
    Principle,
    PrinciplesVersion,
    PrincipleTag,
    ServiceAssessment,
    Standard,
    StandardPerformance,
)
from coopcouncil.insight.services import participation_refresh, standards_compute
from coopcouncil.participation.selectors import process_list, project_list
from coopcouncil.places.selectors import district_list
from coopcouncil.procurement.selectors import contract_list

# The Co-operative Councils Innovation Network's values and principles (2014, revised 2016).
PRINCIPLES = [
    ("Social partnership", "Councils and communities as equal partners in shaping services."),
    ("Democratic engagement", "Residents taking part in the decisions that affect them."),
    ("Co-production", "Designing and delivering services with the people who use them."),
    ("Enterprise and social economy", "Co-operatives, mutuals and social enterprises."),
    ("Maximising social value", "Every pound spent to do the most good locally."),
    ("Community leadership", "Councillors as community leaders and connectors."),
    ("New models of meeting priority needs", "Housing, care and energy owned in common."),
    ("Innovation", "Trying new ways and sharing what works."),
    ("Learning", "Evaluating honestly, learning from each other."),
    ("Walking the talk", "The council working co-operatively itself."),
]

OUTCOMES = [
    (
        "Residents shape the decisions that affect them",
        [
            (
                "residents-taking-part",
                "Residents taking part per 1,000",
                "per 1,000",
                "district",
                "Distinct residents who asked, signed, voted or answered a survey in the quarter.",
                "Platform records",
                "quarterly",
                Decimal("18"),
                Decimal("40"),
                True,
            ),
        ],
    ),
    (
        "Cleaner, safer neighbourhoods",
        [
            (
                "fly-tipping-per-1000",
                "Fly-tipping reports per 1,000 residents",
                "per 1,000",
                "district",
                "Reports of fly-tipping in the quarter per 1,000 residents.",
                "Street scene service",
                "quarterly",
                Decimal("9"),
                Decimal("5"),
                False,
            ),
        ],
    ),
    (
        "Stronger community networks",
        [
            (
                "volunteering-rate",
                "Adults volunteering at least monthly",
                "%",
                "borough",
                "Share of adults who volunteered at least once a month in the last year.",
                "Residents' survey",
                "yearly",
                Decimal("17"),
                Decimal("25"),
                True,
            ),
        ],
    ),
]

COMMITMENTS = [
    (
        "Every district holds a participatory budget each year",
        "Democratic services",
        300,
        "on_track",
        ["Rules agreed with partnerships", "First ballots in every district"],
    ),
    (
        "Publish all partnership papers five clear working days ahead",
        "Democratic services",
        120,
        "done",
        ["Clerks trained", "Papers checker live"],
    ),
    (
        "Transfer two community centres to community ownership",
        "Property and assets",
        400,
        "at_risk",
        ["Expressions of interest", "Business cases reviewed", "Leases signed"],
    ),
    (
        "Open every council dataset under the Open Government Licence",
        "Digital team",
        200,
        "on_track",
        ["Catalogue published", "Indicators added"],
    ),
    (
        "Test every frontline service for social productivity",
        "Policy team",
        -30,
        "on_track",
        ["Method agreed", "First five services assessed"],
    ),
]


def _principles() -> PrinciplesVersion:
    version, _ = PrinciplesVersion.objects.get_or_create(
        name="Co-operative Councils Innovation Network values and principles (2014, revised 2016)",
        defaults={
            "adopted_on": date(2016, 7, 1),
            "is_current": True,
            "source": "councils.coop/about-us/values-and-principles",
        },
    )
    for number, (title, description) in enumerate(PRINCIPLES, start=1):
        Principle.objects.get_or_create(
            version=version,
            number=number,
            defaults={
                "title": title,
                "slug": title.lower().replace(" ", "-")[:50],
                "description": description,
            },
        )
    return version


def _tags(version: PrinciplesVersion) -> None:
    principles = list(version.principles.order_by("number"))
    # The oldest records, so another app's demo adding newer ones never moves the tags.
    for index, decision in enumerate(decision_list().order_by("pk")[:4]):
        PrincipleTag.objects.get_or_create(
            principle=principles[index % 3], subject_kind="decision", subject_id=decision.pk
        )
    process = process_list().order_by("pk").first()
    if process is None:
        return
    outcome = Outcome.objects.order_by("order").first()
    for project in project_list(process).order_by("pk")[:3]:
        PrincipleTag.objects.get_or_create(
            principle=principles[2], subject_kind="pb_project", subject_id=project.pk
        )
        if outcome is not None:
            ActivityLink.objects.get_or_create(
                outcome=outcome,
                subject_kind="pb_project",
                subject_id=project.pk,
                defaults={
                    "strength": "observed",
                    "evidence": "Turnout rose in wards with funded projects.",
                },
            )


def _other_activities(version: PrinciplesVersion) -> None:
    """Tag a grant award, a contract and an asset with principles, and link an award, a
    volunteering opportunity and a contract to outcomes: the oldest of each, once."""
    principles = {p.number: p for p in version.principles.all()}
    outcomes = list(Outcome.objects.order_by("order"))
    award = awards_public().order_by("pk").first()
    contract = contract_list().order_by("pk").first()
    asset = asset_list().order_by("pk").first()
    opportunity = opportunity_list().order_by("pk").first()
    # (kind, record, principle number): social partnership, social value, community leadership
    for kind, record, number in (
        ("grant", award, 1),
        ("contract", contract, 5),
        ("asset", asset, 6),
    ):
        if record is not None and not PrincipleTag.objects.filter(subject_kind=kind).exists():
            PrincipleTag.objects.create(
                principle=principles[number], subject_kind=kind, subject_id=record.pk
            )
    if len(outcomes) < 3:
        return
    links = (
        ("grant", award, outcomes[2], "Groups funded report new members and volunteers."),
        ("volunteering", opportunity, outcomes[2], "Volunteers return month after month."),
        ("contract", contract, outcomes[1], "Fly-tipping fell on the contract's routes."),
    )
    for kind, record, outcome, evidence in links:
        if record is not None and not ActivityLink.objects.filter(subject_kind=kind).exists():
            ActivityLink.objects.create(
                outcome=outcome,
                subject_kind=kind,
                subject_id=record.pk,
                strength="observed",
                evidence=evidence,
            )


def _outcomes(today: date) -> None:
    districts = list(district_list(with_wards=False))
    now = timezone.now()
    for order, (title, indicators) in enumerate(OUTCOMES, start=1):
        outcome, _ = Outcome.objects.get_or_create(
            slug=title.lower().replace(" ", "-").replace(",", "")[:50],
            defaults={"title": title, "order": order},
        )
        for (
            code,
            name,
            unit,
            geography,
            definition,
            source,
            frequency,
            base,
            target,
            up,
        ) in indicators:
            indicator, _ = Indicator.objects.get_or_create(
                code=code,
                defaults={
                    "outcome": outcome,
                    "name": name,
                    "unit": unit,
                    "geography": geography,
                    "definition": definition,
                    "source": source,
                    "frequency": frequency,
                    "baseline": base,
                    "baseline_year": today.year - 2,
                    "target": target,
                    "target_year": today.year + 2,
                    "is_higher_better": up,
                },
            )
            _measurements(indicator, districts, today, now)


def _measurements(indicator: Indicator, districts, today: date, now) -> None:
    step = 12 if indicator.frequency == "yearly" else 3
    periods = [months_after(today, -step * back) for back in range(7, -1, -1)]
    areas = districts if indicator.geography == "district" else [None]
    direction = 1 if indicator.is_higher_better else -1
    for area_index, district in enumerate(areas):
        for period_index, period in enumerate(periods):
            value = (
                indicator.baseline
                + direction * Decimal(period_index) * Decimal("0.9")
                + (Decimal(area_index % 3) - 1)
            )
            Measurement.objects.get_or_create(
                indicator=indicator,
                period=period,
                district=district,
                defaults={"value": value, "imported_at": now},
            )


def _commitments(today: date) -> None:
    for title, owner, due_in, status, milestones in COMMITMENTS:
        commitment, created = Commitment.objects.get_or_create(
            slug=title.lower().replace(" ", "-")[:50],
            defaults={
                "title": title,
                "owner": owner,
                "made_on": today - timedelta(days=200),
                "due_on": today + timedelta(days=due_in),
                "status": status,
                "evidence": "Progress reported to Cabinet." if status != "not_started" else "",
            },
        )
        if not created:
            continue
        for index, milestone in enumerate(milestones):
            due = commitment.made_on + timedelta(days=60 * (index + 1))
            Milestone.objects.create(
                commitment=commitment,
                title=milestone,
                due_on=due,
                done_on=due if due < today and status != "at_risk" else None,
                evidence="Minutes of the partnership meeting." if due < today else "",
            )


def _standards(today: date) -> None:
    months = recent_months(today, 6)
    for district in district_list(with_wards=False):
        Standard.objects.get_or_create(
            district=district,
            outcome="Residents' questions heard at every partnership",
            defaults={
                "council_does": "Publishes how to ask and answers within 28 days.",
                "community_does": "Groups help residents put their questions.",
                "residents_do": "Ask about what matters in their neighbourhood.",
                "measure_code": "questions_asked",
                "measure": "Public questions asked a month",
                "unit": "questions",
                "target": Decimal(2),
                "direction": "at_least",
                "consequence": "The partnership reviews how it invites questions.",
                "agreed_on": months[0],
            },
        )
        Standard.objects.get_or_create(
            district=district,
            outcome="Fly-tipping cleared within 2 working days",
            defaults={
                "council_does": "Clears reported fly-tipping and prosecutes where it can.",
                "community_does": "Street champions report and run clean-ups.",
                "residents_do": "Report it and use the bulky waste service.",
                "measure_code": "fly_tipping_fixed_2_working_days",
                "measure": "Reports cleared within 2 working days",
                "unit": "%",
                "target": Decimal(90),
                "direction": "at_least",
                "consequence": "The district team publishes a recovery plan within a month.",
                "agreed_on": months[0],
            },
        )
    if not StandardPerformance.objects.filter(source="computed").exists():
        for month in months:
            standards_compute(actor=None, month=month, check_permission=False)


def _assessments(today: date) -> None:
    evidence = {
        "social_value": (4, "Local suppliers and apprenticeships in the contract."),
        "autonomy": (3, "Residents choose the priorities each spring."),
        "resources": (2, "Little use yet of volunteers' time or community buildings."),
        "networks": (3, "Friends groups meet quarterly with officers."),
    }
    for placement in list(ladder())[:3]:
        if ServiceAssessment.objects.filter(service=placement).exists():
            continue
        ServiceAssessment.objects.create(
            service=placement,
            assessed_on=today - timedelta(days=30),
            **{f"{key}_rating": rating for key, (rating, _) in evidence.items()},
            **{f"{key}_evidence": text for key, (_, text) in evidence.items()},
        )


def demo_load() -> str:
    today = timezone.localdate()
    version = _principles()
    _outcomes(today)
    _tags(version)
    _other_activities(version)
    _commitments(today)
    _standards(today)
    _assessments(today)
    # Counted once; afterwards the worker or `coopcouncil insight refresh-participation` does.
    if not ParticipationFigure.objects.exists():
        participation_refresh(actor=None, check_permission=False)
    return (
        f"Insight: {version.principles.count()} principles, {Indicator.objects.count()} "
        f"indicators, {Commitment.objects.count()} commitments, {Standard.objects.count()} "
        f"standards, {ParticipationFigure.objects.count()} participation figures"
    )
