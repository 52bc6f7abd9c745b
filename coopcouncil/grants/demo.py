"""Demo grants: the Co-operative Dividend Fund with an open round and applications at every
stage — a draft, one submitted, one scored and waiting for the panel, one awarded (paid in
instalments, with monitoring), one declined, and one awarded jointly to a group and two
partners (the social map ties them) — a verified saving credited to a group's
co-production dividend, and one assessor's declared conflict of interest.

Idempotent: every record is found by a natural key before it is made. Figures are
illustrative.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from coopcouncil.grants import services
from coopcouncil.grants.models import Application, Fund, Round, VerifiedSaving
from coopcouncil.people.models import InterestDeclaration, Organisation, RoleAssignment, User
from coopcouncil.people.services import interest_declare
from coopcouncil.places.models import Ward

DEMO = "demo.coopcouncil.invalid"
FUND_SLUG = "community-dividend-fund"
ROUND_SLUG = "neighbourhood-outcomes-2026-27"

# (group slug, member's demo account, title, amount in pence, stage, marks per assessor)
APPLICATIONS = [
    ("hollinwood-food-share", "resident.hollinwood.1", "A community fridge", 800_000, "draft"),
    ("foxdenton-allotment-society", "resident.chadderton-central.1", "Raised beds for all",
     600_000, "submitted"),
    ("alexandra-park-community-garden", "resident.alexandra.1", "Growing food together",
     1_200_000, "scored"),
    ("crompton-moor-volunteers", "resident.crompton.1", "Crompton Moor community hydro",
     2_500_000, "awarded"),
    ("royton-carnival-group", "resident.royton-north.1", "Carnival floats", 900_000,
     "declined"),
    ("coldhurst-womens-network", "resident.coldhurst.3", "Coldhurst and Werneth clean-up days",
     700_000, "awarded"),
]  # fmt: skip
MILESTONES = {"Crompton Moor community hydro": ("Turbine ordered", "Turbine generating")}
# The joint application's partners (co-applicants), by the lead's title.
PARTNERS = {
    "Coldhurst and Werneth clean-up days": [
        "werneth-park-litter-pickers",
        "action-together-oldham",
    ],
}


def _person(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@{DEMO}").first()


def _fund(officer: User) -> Fund:
    fund = Fund.objects.filter(slug=FUND_SLUG).first()
    if fund is None:
        fund = services.fund_create(
            actor=officer,
            name="Co-operative Dividend Fund",
            slug=FUND_SLUG,
            description="The council's fund for neighbourhood outcomes, bid for by community"
            " groups; part of it comes back from the savings their co-production makes.",
            is_community_fund=True,
        )
    services.fund_income_record(
        actor=None, fund=fund, amount_pence=90_000_000, source="council-budget", reference="2026/27"
    )
    return fund


def _round(officer: User, fund: Fund) -> Round:
    existing = Round.objects.filter(slug=ROUND_SLUG).first()
    if existing is not None:
        return existing
    now = timezone.now()
    return services.round_create(
        actor=officer,
        fund=fund,
        title="Neighbourhood outcomes 2026/27",
        slug=ROUND_SLUG,
        description="Bids for projects that give neighbourhoods more say, more skills and"
        " cheaper, greener energy.",
        amount_pence=30_000_000,
        opens_at=now - timedelta(days=30),
        closes_at=now + timedelta(days=60),
        max_award_pence=2_500_000,
        criteria=[
            ("Outcomes for the neighbourhood", 40),
            ("Co-operative values: residents in charge", 30),
            ("Value for money", 30),
        ],
        eligible_kinds=["community_group", "voluntary", "youth"],
        outcome_themes=["Fairer energy", "Healthy neighbourhoods", "Skills and confidence"],
        cooperative_values=["Self-help", "Democracy", "Equality", "Solidarity"],
    )


def _member(group: Organisation, local: str) -> User | None:
    person = _person(local)
    if person is not None:
        RoleAssignment.objects.get_or_create(
            user=person, role="group_member", organisation=group, end_date=None
        )
    return person


def _application(round_: Round, group: Organisation, member: User, title: str, amount: int):
    existing = Application.objects.filter(round=round_, organisation=group, title=title).first()
    if existing is not None:
        return existing, False
    ward = Ward.objects.filter(district=group.district).order_by("code").first()
    partners = Organisation.objects.filter(slug__in=PARTNERS.get(title, ())).order_by("slug")
    draft = services.ApplicationDraft(
        title=title,
        project=f"{group.name}: {title.lower()}, run by and for the neighbourhood.",
        amount_pence=amount,
        outcomes="More residents taking part; a lasting asset the community owns.",
        ward=ward,
        volunteers=15,
        volunteer_hours=600,
        in_kind_pence=amount // 10,
        planned_start=date(2027, 4, 1),
        planned_end=date(2028, 3, 31),
        budget_lines=[("Equipment", amount * 3 // 4), ("Running costs", amount - amount * 3 // 4)],
        partners=list(partners),
    )
    return services.application_draft_create(
        actor=member, round_=round_, organisation=group, draft=draft
    ), True


def _take_to(stage, application, member, officer, assessors, marks):
    application = services.application_submit(actor=member, application=application)
    if stage == "submitted":
        return
    application = services.application_eligibility_record(
        actor=officer, application=application, is_eligible=True, note="Meets every rule."
    )
    criteria = list(application.round.criteria.all())
    for assessor, mark in zip(assessors, marks, strict=True):
        services.score_record(
            actor=assessor, application=application, marks={c.pk: mark for c in criteria}
        )
    if stage == "scored":
        return
    outcome = services.AWARD if stage == "awarded" else services.DECLINE
    decided = services.application_decide(
        actor=officer,
        application=application,
        outcome=outcome,
        reasons="Strong outcomes, well supported." if stage == "awarded" else "Below the bar.",
        feedback="Tell us how the first year goes." if stage == "awarded" else "Try again.",
    )
    if stage == "awarded":
        _after_award(decided, officer)


def _after_award(application: Application, officer: User) -> None:
    first, second = MILESTONES.get(application.title, ("Work begins", "Work complete"))
    half = application.awarded_pence // 2
    services.instalment_schedule(
        actor=officer,
        application=application,
        milestone=first,
        amount_pence=half,
        due_on=date(2027, 5, 1),
    )
    services.instalment_schedule(
        actor=officer,
        application=application,
        milestone=second,
        amount_pence=application.awarded_pence - half,
        due_on=date(2027, 11, 1),
    )
    services.monitoring_report_request(
        actor=officer, application=application, due_on=date(2027, 10, 1)
    )


def demo_load() -> str:
    officer = _person("clerk")
    finance = _person("finance")
    assessors = [_person(f"{key}.west-oldham") for key in ("coordinator", "caseworker")]
    assessors.append(_person("development.chadderton"))
    conflicted = _person("development.east-oldham")
    if officer is None or finance is None or conflicted is None or None in assessors:
        return "Grants: the demo borough's people are missing; load it first."
    fund = _fund(officer)
    round_ = _round(officer, fund)
    for person in [*assessors, conflicted]:
        services.round_assessor_add(actor=officer, round_=round_, assessor=person)
    groups = {g.slug: g for g in Organisation.objects.filter(kind="community_group")}
    marks = {"scored": (7, 6, 8), "awarded": (9, 8, 8), "declined": (3, 4, 2)}
    made = 0
    for slug, local, title, amount, stage in APPLICATIONS:
        group = groups.get(slug)
        member = _member(group, local) if group else None
        if group is None or member is None:
            continue
        application, is_new = _application(round_, group, member, title, amount)
        if is_new and stage != "draft":
            _take_to(stage, application, member, officer, assessors, marks.get(stage, ()))
        made += is_new
    garden = groups.get("alexandra-park-community-garden")
    if garden and not InterestDeclaration.objects.filter(user=conflicted, organisation=garden):
        interest_declare(
            actor=conflicted, organisation=garden, reason="I chair the garden's committee."
        )
    moor = groups.get("crompton-moor-volunteers")
    if moor and not VerifiedSaving.objects.filter(organisation=moor).exists():
        services.saving_record(
            actor=finance,
            organisation=moor,
            description="Grounds maintenance of Crompton Moor taken on by volunteers",
            saving_pence=1_200_000,
            verified_on=date(2026, 9, 30),
        )
    return f"Grants: {fund.name}, round '{round_.title}', {made} new demo applications."
