"""The grants API, mounted at /api/v1/grants/: funds and rounds, applications, scores, the
panel's decision, and the published awards (also as 360Giving).

Errors share the platform's body ``{"detail", "code", "errors": {field: [...]}}``.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext
from ninja import Field, Router, Schema
from ninja.security import django_auth

from coopcouncil.core.errors import DomainError, NotAllowed, NotFound
from coopcouncil.core.permissions import check, require
from coopcouncil.grants import selectors, services, threesixtygiving
from coopcouncil.grants.models import Application
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places

router = Router(tags=["grants"])


class CriterionOut(Schema):
    id: int
    name: str
    weight_percent: int


class RoundOut(Schema):
    slug: str
    title: str
    fund: str
    amount_pence: int
    max_award_pence: int
    match_funding_percent: int
    opens_at: datetime
    closes_at: datetime
    eligible_kinds: list[str]
    outcome_themes: list[str]
    cooperative_values: list[str]
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_fund(round_) -> str:
        return round_.fund.slug

    @staticmethod
    def resolve_criteria(round_) -> list:
        return list(round_.criteria.all())


class FundOut(Schema):
    """A fund as ``selectors.fund_list_with_money`` reads it, its money summed in the query."""

    slug: str
    name: str
    district: str | None
    is_community_fund: bool
    income_pence: int
    awarded_pence: int

    @staticmethod
    def resolve_district(fund) -> str | None:
        return fund.district.slug if fund.district_id else None


class BudgetLineIn(Schema):
    description: str
    amount_pence: int


class ApplicationIn(Schema):
    round: str
    organisation: str
    title: str
    project: str = ""
    amount_pence: int = 0
    outcomes: str = ""
    ward: str = ""
    volunteers: int = 0
    volunteer_hours: int = 0
    in_kind_pence: int = 0
    match_funding_pence: int = 0
    co_production_savings_pence: int = 0
    dividend_pence: int = 0
    planned_start: date | None = None
    planned_end: date | None = None
    budget_lines: list[BudgetLineIn] = []
    partners: list[str] = Field(
        default=[], description="Partner organisations applying jointly (their slugs)"
    )


class GrantPartnerOut(Schema):
    """A partner organisation (co-applicant) of a joint application."""

    slug: str
    name: str


class ClawbackDueOut(Schema):
    """What a group must repay because a call-in review withdrew its award after payments."""

    amount_pence: int = Field(
        description="Paid on the award, less what had come back, when withdrawn"
    )
    recovered_pence: int = Field(description="Clawbacks finance has recorded since")
    outstanding_pence: int
    reason: str
    recorded_at: datetime


class ApplicationOut(Schema):
    id: int
    round: str
    organisation: str
    title: str
    status: str
    amount_pence: int
    awarded_pence: int
    ward: str | None
    submitted_at: datetime | None
    decided_at: datetime | None
    decision_id: int | None
    award_standing: str = Field(
        description='"in_force", "suspended" (called in, awaiting the review) or "withdrawn"'
        ' after a call-in, for an award; "" otherwise'
    )
    decision_reasons: str
    feedback: str
    partners: list[GrantPartnerOut]
    clawback_due: ClawbackDueOut | None = Field(
        description="Set when a call-in withdrew the award after instalments were paid"
    )

    @staticmethod
    def resolve_clawback_due(application):
        return selectors.clawback_due_of(application)

    @staticmethod
    def resolve_round(application) -> str:
        return application.round.slug

    @staticmethod
    def resolve_partners(application) -> list:
        return list(application.partners.all())

    @staticmethod
    def resolve_organisation(application) -> str:
        return application.organisation.slug

    @staticmethod
    def resolve_ward(application) -> str | None:
        return application.ward.code if application.ward_id else None


class EligibilityIn(Schema):
    is_eligible: bool
    note: str = ""


class ScoresIn(Schema):
    marks: dict[int, int]
    comments: dict[int, str] = {}


class ScoreOut(Schema):
    criterion: str
    assessor_id: int
    score: int
    comment: str

    @staticmethod
    def resolve_criterion(score) -> str:
        return score.criterion.name


class VoteIn(Schema):
    councillor_id: int
    choice: str


class DecisionIn(Schema):
    outcome: str
    reasons: str
    amount_pence: int = 0
    feedback: str = ""
    votes: list[VoteIn] = []


class AwardOut(Schema):
    id: int
    title: str
    organisation: str
    ward: str | None = Field(description="ONS code of the ward that benefits, where given")
    district: str | None
    fund: str
    awarded_pence: int
    decided_at: datetime
    decision_id: int | None
    partners: list[str] = Field(description="Partner organisations holding it jointly (names)")

    @staticmethod
    def resolve_organisation(application) -> str:
        return application.organisation.name

    @staticmethod
    def resolve_partners(application) -> list[str]:
        return [partner.name for partner in application.partners.all()]

    @staticmethod
    def resolve_ward(application) -> str | None:
        return application.ward.code if application.ward_id else None

    @staticmethod
    def resolve_district(application) -> str | None:
        return application.ward.district.slug if application.ward_id else None

    @staticmethod
    def resolve_fund(application) -> str:
        return application.round.fund.slug


def _draft(payload: ApplicationIn) -> services.ApplicationDraft:
    return services.ApplicationDraft(
        title=payload.title,
        project=payload.project,
        amount_pence=payload.amount_pence,
        outcomes=payload.outcomes,
        ward=places.ward_get(payload.ward) if payload.ward else None,
        volunteers=payload.volunteers,
        volunteer_hours=payload.volunteer_hours,
        in_kind_pence=payload.in_kind_pence,
        match_funding_pence=payload.match_funding_pence,
        co_production_savings_pence=payload.co_production_savings_pence,
        dividend_pence=payload.dividend_pence,
        planned_start=payload.planned_start,
        planned_end=payload.planned_end,
        budget_lines=[(line.description, line.amount_pence) for line in payload.budget_lines],
        partners=[_partner(slug) for slug in dict.fromkeys(payload.partners)],
    )


def _partner(slug: str):
    """A named partner, or a 400 on the ``partners`` field (not a 404 of the whole request)."""
    try:
        return people.organisation_get(slug)
    except NotFound:
        raise DomainError(
            "partner_not_found",
            gettext("There is no organisation '%(slug)s' to name as a partner.") % {"slug": slug},
            "partners",
        ) from None


def _application(request: HttpRequest, application_id: int) -> Application:
    application = selectors.application_get(application_id)
    verdict = check(request.user, "grants.view_application", application)
    if not verdict.allowed:
        raise NotAllowed("not_allowed", verdict.reason)
    return application


@router.get("/funds", response=list[FundOut], summary="Funds, with money in and awarded")
def fund_list(request: HttpRequest):
    return list(selectors.fund_list_with_money())


@router.get("/rounds", response=list[RoundOut], summary="Rounds open now, with their scheme")
def rounds_open(request: HttpRequest):
    return list(selectors.rounds_open())


@router.get("/rounds/{slug}", response=RoundOut, summary="A round and its scoring scheme")
def round_detail(request: HttpRequest, slug: str):
    return selectors.round_get(slug)


@router.post(
    "/applications",
    response={201: ApplicationOut},
    auth=django_auth,
    summary="Save a draft application for a group you belong to",
    # OpenAPI links: a client (and the stateful fuzzer) reads, changes and submits the draft.
    openapi_extra={
        "responses": {
            201: {
                "links": {
                    name: {
                        "operationId": f"coopcouncil_grants_api_application_{name}",
                        "parameters": {"application_id": "$response.body#/id"},
                    }
                    for name in ("detail", "update", "submit")
                }
            }
        }
    },
)
def application_create(request: HttpRequest, payload: ApplicationIn):
    return 201, services.application_draft_create(
        actor=request.user,
        round_=selectors.round_get(payload.round),
        organisation=people.organisation_get(payload.organisation),
        draft=_draft(payload),
    )


@router.get(
    "/applications/{application_id}",
    response=ApplicationOut,
    auth=django_auth,
    summary="An application (the group, its assessors and officers)",
)
def application_detail(request: HttpRequest, application_id: int):
    return _application(request, application_id)


@router.put(
    "/applications/{application_id}",
    response=ApplicationOut,
    auth=django_auth,
    summary="Save changes to a draft",
)
def application_update(request: HttpRequest, application_id: int, payload: ApplicationIn):
    return services.application_draft_update(
        actor=request.user,
        application=_application(request, application_id),
        draft=_draft(payload),
    )


@router.post(
    "/applications/{application_id}/submit",
    response=ApplicationOut,
    auth=django_auth,
    summary="Submit a draft (refused after the round closes, or while a check fails)",
)
def application_submit(request: HttpRequest, application_id: int):
    return services.application_submit(
        actor=request.user, application=_application(request, application_id)
    )


@router.post(
    "/applications/{application_id}/eligibility",
    response=ApplicationOut,
    auth=django_auth,
    summary="Record the eligibility check (district team)",
)
def application_eligibility(request: HttpRequest, application_id: int, payload: EligibilityIn):
    return services.application_eligibility_record(
        actor=request.user,
        application=_application(request, application_id),
        is_eligible=payload.is_eligible,
        note=payload.note,
    )


@router.post(
    "/applications/{application_id}/scores",
    response={201: list[ScoreOut]},
    auth=django_auth,
    summary="Score an application: a mark per criterion id (the round's assessors)",
)
def application_score(request: HttpRequest, application_id: int, payload: ScoresIn):
    return 201, services.score_record(
        actor=request.user,
        application=_application(request, application_id),
        marks=payload.marks,
        comments=payload.comments,
    )


@router.get(
    "/applications/{application_id}/scores",
    response=list[ScoreOut],
    auth=django_auth,
    summary="The scores (refused to anyone with an interest in the applicant)",
)
def application_scores(request: HttpRequest, application_id: int):
    application = _application(request, application_id)
    verdict = check(request.user, "grants.see_scores", application)
    if not verdict.allowed:
        raise NotAllowed("not_allowed", verdict.reason)
    return list(selectors.application_scores(application))


@router.post(
    "/applications/{application_id}/decision",
    response=ApplicationOut,
    auth=django_auth,
    summary="The panel's decision: award, part_award or decline, published as the "
    "partnership's decision",
)
def application_decision(request: HttpRequest, application_id: int, payload: DecisionIn):
    councillors = {
        c.pk: c for c in people.users_get([v.councillor_id for v in payload.votes], field="votes")
    }
    return services.application_decide(
        actor=request.user,
        application=_application(request, application_id),
        outcome=payload.outcome,
        reasons=payload.reasons,
        amount_pence=payload.amount_pence,
        feedback=payload.feedback,
        votes=[(councillors[v.councillor_id], v.choice) for v in payload.votes],
    )


AWARDS_PER_PAGE = 100


@router.get(
    "/awards",
    response=list[AwardOut],
    summary="Awards, newest first (100 a page, from a cursor)",
    description=(
        "Paged from a cursor, as the awards page is: when older awards remain, the `Link` "
        'header names the next page (`rel="next"`, `?after=<microseconds>-<id>`); the last '
        "page has no `Link`. An award decided while a client pages neither repeats nor skips "
        "a row, and a late page costs what the first does. `page` above 1 is refused "
        "(`page_replaced`): it paged by OFFSET until December 2026."
    ),
)
def awards(request: HttpRequest, response: HttpResponse, after: str = "", page: int = 1):
    if page > 1:
        # A client still counting pages would otherwise be served page 1 over and over.
        raise DomainError(
            "page_replaced",
            gettext("Awards are paged from a cursor: follow the Link header to the next page."),
            "page",
        )
    found = selectors.awards_page(after, size=AWARDS_PER_PAGE)
    if found.has_next:
        response.headers["Link"] = f'<{request.path}?after={found.next_cursor}>; rel="next"'
    return found.awards


@router.get(
    "/360giving.json",
    summary="Every award as a 360Giving 1.4 package (streamed)",
    response={200: dict},
)
def awards_360giving(request: HttpRequest):
    return StreamingHttpResponse(threesixtygiving.json_chunks(), content_type="application/json")


class FundIn(Schema):
    name: str
    slug: str = ""
    district: str = ""
    description: str = ""
    is_community_fund: bool = False


class CriterionIn(Schema):
    name: str
    weight_percent: int


class RoundIn(Schema):
    fund: str
    title: str
    slug: str = ""
    description: str = ""
    amount_pence: int
    opens_at: datetime
    closes_at: datetime
    max_award_pence: int
    match_funding_percent: int = 0
    eligible_kinds: list[str] = []
    outcome_themes: list[str] = []
    cooperative_values: list[str] = []
    criteria: list[CriterionIn]


class AssessorIn(Schema):
    user_id: int


class IncomeIn(Schema):
    amount_pence: int
    source: str
    reference: str


class IncomeOut(Schema):
    id: int
    amount_pence: int
    source: str
    reference: str
    received_at: datetime


class InstalmentIn(Schema):
    milestone: str
    amount_pence: int
    due_on: date


class InstalmentOut(Schema):
    id: int
    milestone: str
    amount_pence: int
    due_on: date
    status: str
    commitment_id: int | None


class ReportRequestIn(Schema):
    due_on: date


# The largest figures the database columns hold: past them a report is bad input, not a 500.
COUNT_CEILING = 2**31 - 1
PENCE_CEILING = 2**63 - 1


class ReportIn(Schema):
    outcomes_achieved: str
    volunteers: int = Field(0, le=COUNT_CEILING)
    volunteer_hours: int = Field(0, le=COUNT_CEILING)
    people_reached: int = Field(0, le=COUNT_CEILING)
    spend_pence: int = Field(0, le=PENCE_CEILING)


class ReportOut(Schema):
    id: int
    due_on: date
    submitted_at: datetime | None
    is_late: bool = Field(description="Not in by its due date (plus the council's grace days)")
    outcomes_achieved: str
    volunteers: int
    volunteer_hours: int
    people_reached: int
    spend_pence: int

    @staticmethod
    def resolve_is_late(report) -> bool:
        return selectors.report_is_late(report)


class ClawbackIn(Schema):
    amount_pence: int
    reason: str


class ClawbackDueListOut(ClawbackDueOut):
    application_id: int
    title: str
    organisation: str
    fund: str

    @staticmethod
    def resolve_title(due) -> str:
        return due.application.title

    @staticmethod
    def resolve_organisation(due) -> str:
        return due.application.organisation.slug

    @staticmethod
    def resolve_fund(due) -> str:
        return due.application.round.fund.slug


class ClawbackOut(Schema):
    id: int
    amount_pence: int
    reason: str
    recorded_at: datetime
    fund: str = Field(description="The fund the money returned to, as income")

    @staticmethod
    def resolve_fund(clawback) -> str:
        return clawback.application.round.fund.slug


class SavingIn(Schema):
    organisation: str
    description: str
    saving_pence: int
    verified_on: date


class DividendOut(Schema):
    organisation: str
    balance_pence: int


@router.post(
    "/funds",
    response={201: FundOut},
    auth=django_auth,
    summary="Create a fund: borough-wide, or one district's (district team)",
)
def fund_create(request: HttpRequest, payload: FundIn):
    fund = services.fund_create(
        actor=request.user,
        name=payload.name,
        slug=payload.slug,
        district=places.district_get(payload.district) if payload.district else None,
        description=payload.description,
        is_community_fund=payload.is_community_fund,
    )
    return 201, selectors.fund_list_with_money().get(pk=fund.pk)


@router.post(
    "/funds/{slug}/income",
    response={201: IncomeOut},
    auth=django_auth,
    summary="Record money paid into a fund (finance); once per source and reference",
)
def fund_income(request: HttpRequest, slug: str, payload: IncomeIn):
    return 201, services.fund_income_record(
        actor=request.user,
        fund=selectors.fund_get(slug),
        amount_pence=payload.amount_pence,
        source=payload.source,
        reference=payload.reference,
    )


@router.post(
    "/rounds",
    response={201: RoundOut},
    auth=django_auth,
    summary="Open a round with its scoring scheme (weights sum to 100)",
)
def round_create(request: HttpRequest, payload: RoundIn):
    return 201, services.round_create(
        actor=request.user,
        fund=selectors.fund_get(payload.fund),
        title=payload.title,
        slug=payload.slug,
        description=payload.description,
        amount_pence=payload.amount_pence,
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
        max_award_pence=payload.max_award_pence,
        match_funding_percent=payload.match_funding_percent,
        eligible_kinds=payload.eligible_kinds,
        outcome_themes=payload.outcome_themes,
        cooperative_values=payload.cooperative_values,
        criteria=[(c.name, c.weight_percent) for c in payload.criteria],
    )


@router.post(
    "/rounds/{slug}/assessors",
    response={201: RoundOut},
    auth=django_auth,
    summary="Put a person on the round's assessment panel",
)
def round_assessor(request: HttpRequest, slug: str, payload: AssessorIn):
    return 201, services.round_assessor_add(
        actor=request.user,
        round_=selectors.round_get(slug),
        assessor=people.user_get(payload.user_id, field="user_id"),
    )


@router.post(
    "/applications/{application_id}/instalments",
    response={201: InstalmentOut},
    auth=django_auth,
    summary="Plan an instalment of an award against a milestone (district team)",
)
def instalment_create(request: HttpRequest, application_id: int, payload: InstalmentIn):
    return 201, services.instalment_schedule(
        actor=request.user,
        application=_application(request, application_id),
        milestone=payload.milestone,
        amount_pence=payload.amount_pence,
        due_on=payload.due_on,
    )


@router.post(
    "/applications/{application_id}/instalments/{instalment_id}/approve",
    response=InstalmentOut,
    auth=django_auth,
    summary="Approve paying an instalment (finance); recorded in budget monitoring",
)
def instalment_approve(request: HttpRequest, application_id: int, instalment_id: int):
    application = _application(request, application_id)
    return services.instalment_approve(
        actor=request.user, instalment=selectors.instalment_get(application, instalment_id)
    )


@router.post(
    "/applications/{application_id}/reports",
    response={201: ReportOut},
    auth=django_auth,
    summary="Ask the grantee for a monitoring report by a date (district team)",
)
def report_request(request: HttpRequest, application_id: int, payload: ReportRequestIn):
    return 201, services.monitoring_report_request(
        actor=request.user,
        application=_application(request, application_id),
        due_on=payload.due_on,
    )


@router.get(
    "/applications/{application_id}/reports",
    response=list[ReportOut],
    auth=django_auth,
    summary="An award's monitoring reports, soonest due first, late ones flagged",
)
def report_list(request: HttpRequest, application_id: int):
    return list(selectors.monitoring_reports(_application(request, application_id)))


@router.post(
    "/applications/{application_id}/reports/{report_id}/submit",
    response=ReportOut,
    auth=django_auth,
    summary="Submit a monitoring report: outcomes achieved, volunteers, hours, people "
    "reached, spend (the funded group)",
)
def report_submit(request: HttpRequest, application_id: int, report_id: int, payload: ReportIn):
    application = _application(request, application_id)
    return services.monitoring_report_submit(
        actor=request.user,
        report=selectors.report_get(application, report_id),
        outcomes_achieved=payload.outcomes_achieved,
        volunteers=payload.volunteers,
        volunteer_hours=payload.volunteer_hours,
        people_reached=payload.people_reached,
        spend_pence=payload.spend_pence,
    )


@router.post(
    "/applications/{application_id}/clawbacks",
    response={201: ClawbackOut},
    auth=django_auth,
    summary="Claw back unspent money (finance); it returns to the fund as income",
)
def clawback_create(request: HttpRequest, application_id: int, payload: ClawbackIn):
    return 201, services.clawback_record(
        actor=request.user,
        application=_application(request, application_id),
        amount_pence=payload.amount_pence,
        reason=payload.reason,
    )


@router.get(
    "/clawbacks-due",
    response=list[ClawbackDueListOut],
    auth=django_auth,
    summary="Sums groups owe back after a call-in withdrew their award (finance)",
)
def clawbacks_due(request: HttpRequest, outstanding_only: bool = True):
    require(request.user, "grants.record_clawback")
    return list(selectors.clawbacks_due(outstanding_only=outstanding_only))


@router.post(
    "/savings",
    response={201: DividendOut},
    auth=django_auth,
    summary="Record a verified co-production saving; the set share goes to the group's dividend",
)
def saving_create(request: HttpRequest, payload: SavingIn):
    organisation = people.organisation_get(payload.organisation)
    services.saving_record(
        actor=request.user,
        organisation=organisation,
        description=payload.description,
        saving_pence=payload.saving_pence,
        verified_on=payload.verified_on,
    )
    return 201, {
        "organisation": organisation.slug,
        "balance_pence": selectors.dividend_balance(organisation),
    }
