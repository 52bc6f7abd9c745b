"""The objects the matrix's pages and API operations name in their URLs, beyond the roles' own.

``matrix_borough`` makes each role and what that role owns with the apps' services; the
pages and operations also name meetings, decisions, budget lines, co-production shifts,
insight standards, energy rounds, contracts and the rest. Those need only exist for the
walk to reach each guard, so most are minimal model rows, one of each, tied to the
borough's people and organisations so object-level rules read them as the roles' own.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone


def _democracy(borough) -> None:
    """A West Oldham meeting with a resident's question, a decision open to call-in, a
    residents' pulse survey and a feedback round about the administrator."""
    from coopcouncil.democracy.models import (
        AgendaItem,
        AnnualReport,
        CallInPetition,
        Decision,
        FeedbackRound,
        MeetingPaper,
        PartnershipMember,
        PulseQuestion,
        PulseSurvey,
        Question,
    )
    from coopcouncil.democracy.models import Meeting as PartnershipMeeting

    now = timezone.now()
    people = borough.people
    meeting = PartnershipMeeting.objects.create(
        partnership=borough.partnership,
        title="West Oldham partnership",
        starts_at=now - timedelta(days=10),
        venue="Oldham Library",
        papers_published_at=now - timedelta(days=20),
        minutes_published_at=now - timedelta(days=2),
    )
    AgendaItem.objects.create(meeting=meeting, part=1, title="Welcome")
    question = Question.objects.create(
        meeting=meeting, asker=people["resident"], text="When is the rec resurfaced?"
    )
    paper = MeetingPaper.objects.create(
        meeting=meeting,
        kind="minutes",
        title="Minutes",
        file=ContentFile(b"%PDF-1.4 minutes", name="minutes.pdf"),
        original_name="minutes.pdf",
        content_type="application/pdf",
        extension="pdf",
        size_bytes=16,
        published_at=now - timedelta(days=2),
    )
    decision = Decision.objects.create(
        partnership=borough.partnership,
        meeting=meeting,
        title="Resurface the rec",
        status=Decision.Status.PUBLISHED,
        published_at=now - timedelta(days=1),
    )
    AnnualReport.objects.create(
        councillor=people["councillor"],
        year=now.year,
        ward_work="Surgeries every month.",
        published_at=now,
    )
    CallInPetition.objects.create(
        decision=decision,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=6),
        threshold=50,
    )
    member = PartnershipMember.objects.create(
        partnership=borough.partnership,
        user=people["district_coordinator"],
        kind="district_team",
        title="District co-ordinator",
        start_date=timezone.localdate() - timedelta(days=30),
    )
    survey = PulseSurvey.objects.create(
        partnership=borough.partnership,
        title="How are we doing?",
        audience="residents",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=6),
    )
    PulseQuestion.objects.create(survey=survey, text="Do you feel heard?")
    year = borough.programme_year
    module = year.modules.get()
    borough.objects.update(
        pulse_survey=survey,
        feedback_round=FeedbackRound.objects.create(
            subject=people["administrator"],
            subject_role="Leader",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=6),
        ),
        meeting=meeting,
        question=question,
        meeting_paper=paper,
        decision=decision,
        partnership_member=member,
        programme_module=module,
        programme_session=module.sessions.get(),
    )


def _budgets(borough) -> None:
    """A service line with a formula and its adopted allocation, an autonomy request, a
    ladder placement with a challenge, and a ward poll and allocation from the ward budget."""
    from coopcouncil.budgets.models import (
        Allocation,
        AllocationFormula,
        AutonomyRequest,
        LadderChallenge,
        LadderPlacement,
        ServiceBudgetLine,
        WardBudgetAllocation,
        WardPoll,
        WardPollOption,
    )

    now = timezone.now()
    ward_budget = borough.ward_budget
    line = ServiceBudgetLine.objects.create(
        name="Youth services",
        slug="youth-services",
        financial_year=ward_budget.financial_year,
        amount_pence=10_000_000,
    )
    formula = AllocationFormula.objects.create(line=line, name="Equal shares")
    allocation = Allocation.objects.create(
        line=line,
        formula=formula,
        kind="adopted",
        version=1,
        published_at=now,
        formula_name=formula.name,
        formula_snapshot={},
        amount_pence=line.amount_pence,
        ward_figures={},
    )
    placement = LadderPlacement.objects.create(service="Parks", slug="parks", rung="consultation")
    poll = WardPoll.objects.create(
        ward_budget=ward_budget,
        ward=borough.ward,
        question="Which park first?",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=6),
    )
    WardPollOption.objects.create(poll=poll, label="Alexandra Park", position=1)
    borough.objects.update(
        budget_line=line,
        allocation_formula=formula,
        allocation=allocation,
        autonomy_request=AutonomyRequest.objects.create(
            district=borough.district,
            line=line,
            requested_by=borough.people["district_coordinator"],
            title="Run our own youth work",
            justification="Local knowledge.",
            outcomes_promised="More young people reached.",
        ),
        ladder_placement=placement,
        ladder_challenge=LadderChallenge.objects.create(
            placement=placement,
            challenger=borough.people["resident"],
            challenger_name="Resident",
            proposed_rung="co_production",
            argument="We already run the friends group.",
        ),
        ward_poll=poll,
        ward_allocation=WardBudgetAllocation.objects.create(
            ward_budget=ward_budget, ward=borough.ward, amount_pence=50_000, purpose="Planters"
        ),
    )


def _coproduction(borough) -> None:
    """The partner's opportunity and shift with the resident signed up, a credit offer, a
    gritting route the resident adopted with a salt bin out, a staff-days request, and an
    asset the group leases with a commitment, and a community-value nomination."""
    from coopcouncil.coproduction.models import (
        CommunityAsset,
        CommunityValueNomination,
        CreditOffer,
        EquipmentLoan,
        GrittingRoute,
        LeaseApplication,
        Opportunity,
        ServiceCommitment,
        Shift,
        SignUp,
        StaffVolunteeringRequest,
    )

    now = timezone.now()
    people = borough.people
    opportunity = Opportunity.objects.create(
        role="Litter picker",
        place="Coldhurst rec",
        ward=borough.ward,
        organisation=borough.leisure,
        organiser=people["partner"],
    )
    shift = Shift.objects.create(
        opportunity=opportunity,
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
        places=5,
        booked=1,
    )
    route = GrittingRoute.objects.create(
        name="Coldhurst hill", ward=borough.ward, volunteer=people["resident"], adopted_at=now
    )
    asset = CommunityAsset.objects.create(
        reference="coldhurst-hall",
        name="Coldhurst Hall",
        kind="building",
        ward=borough.ward,
        condition="fair",
    )
    application = LeaseApplication.objects.create(
        asset=asset,
        organisation=borough.group,
        terms="peppercorn",
        proposal="A community energy hub.",
        submitted_by=people["group_member"],
    )
    borough.objects.update(
        opportunity=opportunity,
        shift=shift,
        sign_up=SignUp.objects.create(shift=shift, volunteer=people["resident"]),
        credit_offer=CreditOffer.objects.create(
            partner=borough.leisure, title="A free swim", credits=2
        ),
        gritting_route=route,
        equipment_loan=EquipmentLoan.objects.create(
            route=route, kind="salt_bin", reference="SB-1", issued_at=now
        ),
        staff_days_request=StaffVolunteeringRequest.objects.create(
            employee=people["finance"],
            manager=people["district_coordinator"],
            on_date=timezone.localdate() + timedelta(days=14),
            days=Decimal("1"),
            hours=Decimal("7.5"),
            cause="Litter pick",
        ),
        asset=asset,
        lease_application=application,
        service_commitment=ServiceCommitment.objects.create(
            application=application,
            measure="opening_hours",
            description="Open 30 hours a week",
            target=30,
        ),
        nomination=CommunityValueNomination.objects.create(
            name="The Old Pub",
            address="1 High Street",
            ward=borough.ward,
            reason="The last meeting place.",
            organisation=borough.group,
            nominated_by=people["group_member"],
        ),
    )


def _insight(borough) -> None:
    """An outcome with an indicator, a commitment with a milestone, a district standard."""
    from coopcouncil.insight.models import Commitment, Indicator, Milestone, Outcome, Standard

    today = timezone.localdate()
    outcome = Outcome.objects.create(title="Healthier lives", slug="healthier-lives")
    commitment = Commitment.objects.create(
        title="Open every library on Sundays",
        slug="sunday-libraries",
        owner="Libraries",
        due_on=today + timedelta(days=200),
        made_on=today - timedelta(days=20),
    )
    borough.objects.update(
        outcome=outcome,
        indicator=Indicator.objects.create(
            outcome=outcome,
            code="active-adults",
            name="Active adults",
            definition="Adults active 150 minutes a week.",
            unit="%",
            geography="borough",
            source="Active Lives",
            baseline=Decimal("55"),
            baseline_year=2024,
            target=Decimal("60"),
            target_year=2028,
            frequency="yearly",
        ),
        insight_commitment=commitment,
        milestone=Milestone.objects.create(
            commitment=commitment, title="Staff the rota", due_on=today + timedelta(days=60)
        ),
        standard=Standard.objects.create(
            district=borough.district,
            outcome="Clean streets",
            council_does="Sweep weekly",
            community_does="Litter picks",
            residents_do="Bin it",
            measure="Streets graded A",
            unit="%",
            target=Decimal("90"),
            direction="at_least",
            consequence="A street summit",
            agreed_on=today - timedelta(days=10),
        ),
    )


def _procurement(borough) -> None:
    """A social-value measure, and the supplier's quotation contract with one quarter's return."""
    from coopcouncil.procurement.models import (
        Commitment,
        Contract,
        Measure,
        MeasureOutcome,
        MeasureTheme,
        QuarterlyReturn,
        ReturnLine,
    )

    today = timezone.localdate()
    theme = MeasureTheme.objects.create(name="Jobs", slug="jobs")
    outcome = MeasureOutcome.objects.create(theme=theme, name="Local jobs", slug="local-jobs")
    measure = Measure.objects.create(
        outcome=outcome,
        code="NT1",
        name="Local people employed",
        unit="FTE",
        proxy_value_pence=3_000_000,
    )
    contract = Contract.objects.create(
        title="Youth work 2026",
        route="quotation",
        supplier=borough.supplier_organisation,
        value_pence=15_000_000,
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=265),
        awarded_at=timezone.now() - timedelta(days=100),
        district=borough.district,
    )
    commitment = Commitment.objects.create(
        contract=contract, measure=measure, promised=Decimal("2"), proxy_value_pence=3_000_000
    )
    quarter = QuarterlyReturn.objects.create(contract=contract, year=today.year, quarter=1)
    borough.objects.update(
        measure_theme=theme,
        measure_outcome=outcome,
        measure=measure,
        contract=contract,
        return_line=ReturnLine.objects.create(
            quarterly_return=quarter,
            commitment=commitment,
            delivered=Decimal("1"),
            due=Decimal("2"),
        ),
    )


def _grants(borough) -> None:
    """An attachment, an instalment and a monitoring report on the group's application."""
    from coopcouncil.grants.models import Attachment, Instalment, MonitoringReport

    application = borough.application
    borough.objects.update(
        attachment=Attachment.objects.create(
            application=application,
            title="Constitution",
            file=ContentFile(b"%PDF-1.4 constitution", name="constitution.pdf"),
            original_name="constitution.pdf",
            content_type="application/pdf",
            extension="pdf",
            size_bytes=21,
        ),
        instalment=Instalment.objects.create(
            application=application,
            milestone="Turbine ordered",
            amount_pence=1_000_000,
            due_on=timezone.localdate() + timedelta(days=30),
        ),
        monitoring_report=MonitoringReport.objects.create(
            application=application, due_on=timezone.localdate() + timedelta(days=90)
        ),
    )


def _service_requests(borough) -> None:
    """An Open311 API key the administrator issued."""
    from coopcouncil.servicerequests.models import ApiKey

    borough.objects["api_key"] = ApiKey.objects.create(
        name="Fix my street",
        key_hash="0" * 64,
        shown="abcd",
        created_by=borough.people["administrator"],
    )


def _mutuals(borough) -> None:
    """The co-op's service, governance paper and share offer, and a spin-out at its first stage."""
    from coopcouncil.mutuals.models import (
        GovernancePaper,
        MutualService,
        ShareOffer,
        SpinOut,
        SpinOutStage,
    )

    now = timezone.now()
    mutual = borough.mutual
    spin_out = SpinOut.objects.create(
        service="Youth centres", started_on=timezone.localdate() - timedelta(days=60), mutual=mutual
    )
    stage = SpinOutStage.objects.create(spin_out=spin_out, name="suitability", position=1)
    borough.objects.update(
        mutual_service=MutualService.objects.get_or_create(mutual=mutual, name="Youth centres")[0],
        governance_paper=GovernancePaper.objects.create(
            mutual=mutual,
            body="board",
            meeting_on=timezone.localdate() - timedelta(days=7),
            title="Board minutes",
            file=ContentFile(b"%PDF-1.4 board", name="board.pdf"),
            content_type="application/pdf",
        ),
        share_offer=ShareOffer.objects.create(
            mutual=mutual,
            title="Community shares",
            offer_pence=10_000_000,
            min_holding_pence=10_000,
            max_holding_pence=1_000_000,
            interest_cap_percent=Decimal("3"),
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=30),
        ),
        spin_out=spin_out,
        spin_out_stage=stage,
    )


def _membership(borough) -> None:
    """The leisure trust's member benefit and an energy switching round open for registration."""
    from coopcouncil.membership.models import Benefit, SwitchingRound

    now = timezone.now()
    today = timezone.localdate()
    borough.objects.update(
        benefit=Benefit.objects.create(
            partner=borough.leisure,
            title="10% off swimming",
            kind="other",
            valid_from=today - timedelta(days=10),
            valid_until=today + timedelta(days=300),
        ),
        switching_round=SwitchingRound.objects.create(
            name="Winter switch",
            registration_opens=now - timedelta(days=5),
            registration_closes=now + timedelta(days=20),
            acceptance_closes=now + timedelta(days=40),
            finder_fee_pence=3_000,
        ),
    )


def _people(borough) -> None:
    """The unverified person's residency claim and a register match waiting for review."""
    from coopcouncil.people.models import RegisterClaim, Residency
    from coopcouncil.people.services.api_keys import api_key_create

    unverified = borough.people["unverified"]
    api_key, _token = api_key_create(
        actor=None,
        user=borough.people["administrator"],
        name="The walk's key",
        check_permission=False,
    )
    borough.objects.update(
        api_key=api_key,
        residency=Residency.objects.create(user=unverified, ward=borough.ward),
        register_review=RegisterClaim.objects.create(
            reference_hash="0" * 64,
            user=unverified,
            ward=borough.ward,
            status=RegisterClaim.Status.NEEDS_REVIEW,
        ),
    )


def objects_build(borough) -> None:
    """Every object a page's or operation's URL names that the roles do not already own."""
    _people(borough)
    _democracy(borough)
    _budgets(borough)
    _coproduction(borough)
    _insight(borough)
    _procurement(borough)
    _grants(borough)
    _service_requests(borough)
    _mutuals(borough)
    _membership(borough)
