"""The small borough the permission matrix is walked in: one person per role and their objects.

Built once per test module (``borough`` fixture in ``test_permission_matrix*.py``) with the
apps' services where they exist, so each object is what a real user would have made. What
each role is here is ``coopcouncil.config.permission_matrix.ROLES``: the resident lives in
Coldhurst (West Oldham), the group member's group applies for the grant, the assessors sit
on the grant round and the tender panel, the conflicted one declared an interest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.config.matrix_counted import counted_build
from tests.config.matrix_objects import objects_build

PASSWORD = "a-long-test-password"
# The first bytes of a PNG: enough for the photo check and the photo pages to know an image.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _photo(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PNG, content_type="image/png")


@dataclass
class Borough:
    people: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.objects[name]
        except KeyError as missing:
            raise AttributeError(name) from missing


def _user(key: str, **extra):
    from coopcouncil.people.models import User

    return User.objects.create_user(
        email=f"{key}@matrix.invalid",
        password=PASSWORD,
        full_name=key.replace("_", " ").title(),
        email_verified_at=timezone.now(),
        date_of_birth=date(1990, 1, 1),
        **extra,
    )


def _resident(key: str, ward):
    from coopcouncil.people.models import Residency

    user = _user(key)
    now = timezone.now()
    Residency.objects.create(
        user=user,
        ward=ward,
        status=Residency.Status.VERIFIED,
        method=Residency.Method.IN_PERSON,
        verified_at=now,
        expires_at=now + timedelta(days=365),
    )
    return user


def _role(user, role: str, **fields):
    from coopcouncil.people.models import RoleAssignment

    RoleAssignment.objects.create(user=user, role=role, **fields)
    return user


def _people(borough: Borough, ward, other_ward) -> None:
    from coopcouncil.people.models import Organisation

    district = ward.district
    group = Organisation.objects.create(
        name="Coldhurst Hydro Co-op",
        slug="coldhurst-hydro",
        kind=Organisation.Kind.COMMUNITY_GROUP,
        district=district,
        contact_email="hydro@matrix.invalid",
    )
    leisure = Organisation.objects.create(
        name="Oldham Leisure Trust", slug="oldham-leisure", kind=Organisation.Kind.VOLUNTARY
    )
    supplier = Organisation.objects.create(
        name="Pennine Energy Ltd", slug="pennine-energy", kind=Organisation.Kind.BUSINESS
    )
    people = borough.people
    people["anonymous"] = AnonymousUser()
    people["unverified"] = _user("unverified")
    people["resident"] = _resident("resident", ward)
    people["resident_elsewhere"] = _resident("resident_elsewhere", other_ward)
    people["councillor"] = _role(_user("councillor"), "councillor", ward=ward)
    people["councillor_ineligible"] = _role(_user("councillor_ineligible"), "councillor", ward=ward)
    people["district_coordinator"] = _role(
        _user("district_coordinator"),
        "officer",
        team="district_team",
        district=district,
        title="District co-ordinator",
    )
    for team in ("clerk", "finance", "procurement"):
        people[team] = _role(_user(team), "officer", team=team)
    people["partner"] = _role(_user("partner"), "partner", organisation=leisure)
    people["group_member"] = _role(_user("group_member"), "group_member", organisation=group)
    people["assessor"] = _user("assessor")
    people["assessor_conflicted"] = _user("assessor_conflicted")
    people["supplier"] = _role(_user("supplier"), "partner", organisation=supplier)
    people["coop_secretary"] = _user("coop_secretary")
    people["member"] = _user("member")
    people["administrator"] = _role(_user("administrator"), "administrator")
    borough.objects.update(
        ward=ward,
        other_ward=other_ward,
        district=district,
        group=group,
        leisure=leisure,
        supplier_organisation=supplier,
    )

    from coopcouncil.people.services import interest_declare

    conflicted = people["assessor_conflicted"]
    for organisation in (group, supplier):
        interest_declare(actor=conflicted, organisation=organisation, reason="A trustee")


def _programme(borough: Borough) -> None:
    """A programme year that has held its one module: only ``councillor`` attended it."""
    from coopcouncil.democracy.models import (
        Module,
        ModuleSession,
        ProgrammeYear,
        SessionAttendance,
    )

    today = timezone.localdate()
    year = ProgrammeYear.objects.create(
        title="Local Leaders Programme",
        starts_on=today - timedelta(days=200),
        ends_on=today + timedelta(days=160),
    )
    module = Module.objects.create(programme=year, number=1, title="Chairing")
    session = ModuleSession.objects.create(
        module=module, starts_at=timezone.now() - timedelta(days=100)
    )
    SessionAttendance.objects.create(session=session, councillor=borough.people["councillor"])
    borough.objects["programme_year"] = year


def _ward_budget(borough: Borough) -> None:
    """The eligible councillor's ward budget for this year."""
    from coopcouncil.budgets.models import WardBudget

    today = timezone.localdate()
    start = today.year if today.month >= 4 else today.year - 1
    borough.objects["ward_budget"] = WardBudget.objects.create(
        councillor=borough.people["councillor"],
        ward=borough.ward,
        financial_year=f"{start}-{(start + 1) % 100:02d}",
        amount_pence=1_000_000,
    )


def _partnership(borough: Borough) -> None:
    from coopcouncil.democracy.models import DistrictPartnership

    borough.objects["partnership"] = DistrictPartnership.objects.create(
        district=borough.district, name="West Oldham District Partnership"
    )


def _grants(borough: Borough) -> None:
    """A round open now, its two assessors, and the group's eligible application."""
    from coopcouncil.grants import services

    people = borough.people
    officer = people["district_coordinator"]
    fund = services.fund_create(
        actor=officer, name="Community Dividend Fund", slug="community-dividend-fund"
    )
    now = timezone.now()
    round_ = services.round_create(
        actor=officer,
        fund=fund,
        title="Neighbourhood outcomes",
        amount_pence=10_000_000,
        max_award_pence=2_500_000,
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=21),
        criteria=[("Outcomes", 100)],
        eligible_kinds=["community_group"],
    )
    for key in ("assessor", "assessor_conflicted"):
        services.round_assessor_add(actor=officer, round_=round_, assessor=people[key])
    draft = services.ApplicationDraft(
        title="Community hydro on the Beal",
        project="A small hydro turbine owned by the neighbourhood.",
        amount_pence=2_000_000,
        outcomes="Cheaper energy for 200 homes.",
        ward=borough.ward,
        volunteers=12,
        volunteer_hours=400,
        match_funding_pence=0,
        planned_start=date(2027, 1, 1),
        planned_end=date(2027, 12, 31),
        budget_lines=[("Turbine", 2_000_000)],
    )
    member = people["group_member"]
    application = services.application_draft_create(
        actor=member, round_=round_, organisation=borough.group, draft=draft
    )
    application = services.application_submit(actor=member, application=application)
    application = services.application_eligibility_record(
        actor=officer, application=application, is_eligible=True
    )
    borough.objects.update(fund=fund, grant_round=round_, application=application)


def _pb(borough: Borough) -> None:
    """A West Oldham PB process open for voting, its one project with a photo; the resident
    has cast a ballot."""
    from coopcouncil.participation import services

    clerk = borough.people["clerk"]
    resident = borough.people["resident"]
    process = services.process_create(
        actor=clerk,
        title="West Oldham pot",
        budget_pence=1_000_000,
        district=borough.district,
        rule="greedy-cost",
    )
    project = services.proposal_submit(
        actor=resident,
        process=process,
        title="Benches on the rec",
        description="",
        ward=borough.ward,
        estimated_cost_pence=300_000,
        heading=None,
        photo=_photo("benches.png"),
    )
    services.proposal_review(
        actor=clerk, project=project, is_feasible=True, reason="ok", final_cost_pence=300_000
    )
    services.process_phase_advance(actor=clerk, process=process)
    services.process_phase_advance(actor=clerk, process=process)
    process.refresh_from_db()
    project.refresh_from_db()
    ballot = services.ballot_cast(voter=resident, process=process, choices=[project.code])
    borough.objects.update(pb_process=process, pb_project=project, pb_ballot=ballot)


def _service_request(borough: Borough) -> None:
    """The resident's fly-tipping report in Coldhurst, with a photo."""
    from coopcouncil.servicerequests import services
    from coopcouncil.servicerequests.demo import _load_boundaries, _load_categories

    _load_boundaries()
    categories = _load_categories()
    borough.objects["service_request"] = services.service_request_report(
        actor=borough.people["resident"],
        category=categories["FLY_TIPPING"],
        description="Mattresses in the alley",
        location=services.location_find(latitude=53.548210, longitude=-2.119870),
        attributes={"WASTE_TYPE": "bulky"},
        photo=_photo("mattresses.png"),
    )


def _mutual(borough: Borough) -> None:
    """A co-op with its secretary and one voting member, and a ballot open now."""
    from coopcouncil.membership.models import Membership
    from coopcouncil.mutuals import services

    people = borough.people
    secretary = people["coop_secretary"]
    mutual = services.mutual_register(
        actor=people["administrator"],
        name="Youth Co-op",
        legal_form="cooperative_society",
        society_number="RS1234",
        services=["Youth centres"],
    )
    mutual.secretaries.add(secretary)
    members = services.membership_class_add(actor=secretary, mutual=mutual, name="Individuals")
    services.member_join(
        actor=secretary,
        mutual=mutual,
        user=people["member"],
        classes=[members],
        today=timezone.localdate() - timedelta(days=30),
    )
    now = timezone.now()
    ballot = services.ballot_open(
        actor=secretary,
        mutual=mutual,
        question="Should the centres transfer to the co-op?",
        classes=[members],
        electorate_on=timezone.localdate() - timedelta(days=1),
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
    )
    election = services.election_open(
        actor=secretary,
        mutual=mutual,
        title="Board election",
        seats=1,
        candidates=["Ann", "Ben"],
        classes=[members],
        electorate_on=timezone.localdate() - timedelta(days=1),
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
    )
    Membership.objects.create(user=people["member"], ward=None, joined_at=now)
    borough.objects.update(mutual=mutual, mutual_ballot=ballot, mutual_election=election)


def _procurement(borough: Borough) -> None:
    """A West Oldham exercise whose panel holds both assessors; the supplier's bid on its lot."""
    from coopcouncil.procurement import services

    people = borough.people
    officer = people["procurement"]
    opened = timezone.now() - timedelta(days=40)
    exercise = services.exercise_create(
        actor=officer,
        title="Youth services",
        need="Youth work in the evenings.",
        outcomes_wanted="Safe places to go.",
        budget_pence=50_000_000,
        district=borough.district,
        service_user_weight=40,
    )
    for key in ("assessor", "assessor_conflicted"):
        services.panel_member_add(
            actor=officer, exercise=exercise, user=people[key], kind="officer"
        )
    tender = services.tender_publish(
        actor=officer,
        exercise=exercise,
        title="Youth work 2026",
        deadline=opened + timedelta(days=30),
        price_weight=40,
        quality_weight=40,
        social_value_weight=20,
        lots=[("Youth work", 20_000_000)],
        criteria=[("Safe sessions", 100)],
        now=opened,
    )
    bid = services.bid_submit(
        actor=people["supplier"],
        lot=tender.lots.get(),
        organisation=borough.supplier_organisation,
        price_pence=15_000_000,
        pays_real_living_wage=True,
        accepts_local_clauses=True,
        quantities={},
        now=opened + timedelta(days=5),
    )
    borough.objects.update(exercise=exercise, tender=tender, bid=bid)


def borough_build(ward, other_ward) -> Borough:
    borough = Borough()
    _people(borough, ward, other_ward)
    _programme(borough)
    _ward_budget(borough)
    _partnership(borough)
    _grants(borough)
    _pb(borough)
    _service_request(borough)
    _mutual(borough)
    _procurement(borough)
    objects_build(borough)
    counted_build(borough)
    return borough
