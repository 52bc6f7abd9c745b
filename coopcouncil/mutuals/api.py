"""The mutuals API at /api/v1/mutuals/: the register, ballots, elections, shares, spin-outs.

Errors share the platform's body ``{"detail", "code", "errors": {field: [...]}}``. Results
never say how anyone voted: ballots give tallies, elections give the count's stages.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.security import django_auth

from coopcouncil.coproduction.selectors import asset_get
from coopcouncil.core.errors import DomainError
from coopcouncil.mutuals import selectors, services
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places
from coopcouncil.procurement.selectors import contract_get

router = Router(tags=["mutuals"])


class MutualServiceOut(Schema):
    id: int
    name: str
    contract_id: int | None
    asset_reference: str | None


class ServiceLinkIn(Schema):
    contract_id: int | None = None
    asset_reference: str = ""


class MutualOut(Schema):
    name: str
    slug: str
    legal_form: str
    society_number: str
    company_number: str
    charity_number: str
    is_spin_out: bool
    election_rule: str
    members: int
    services: list[MutualServiceOut]


class MutualIn(Schema):
    name: str
    legal_form: str
    society_number: str = ""
    company_number: str = ""
    charity_number: str = ""
    district: str = ""
    organisation: str = ""
    description: str = ""
    election_rule: str = ""
    is_spin_out: bool = False
    services: list[str] = []


class ClassIn(Schema):
    name: str
    description: str = ""
    min_age: int | None = None
    max_age: int | None = None
    requires_residency: bool = False
    min_share_pence: int = 0
    requires_tenant: bool = False
    requires_employee: bool = False
    is_voting: bool = True
    is_for_organisations: bool = False


class ClassOut(Schema):
    id: int
    name: str
    is_voting: bool


class MutualMemberIn(Schema):
    email: str
    class_ids: list[int]
    share_paid_pence: int = 0
    is_tenant: bool = False
    is_employee: bool = False
    # An organisation member: the organisation's slug; ``email`` is its representative.
    organisation: str = ""


class MutualMemberOut(Schema):
    id: int
    joined_on: date
    classes: list[str]


class ImportIn(Schema):
    text: str


class ImportOut(Schema):
    imported: int


class MemberBallotIn(Schema):
    question: str
    class_ids: list[int]
    electorate_on: date
    opens_at: datetime
    closes_at: datetime
    turnout_percent_required: int = 0
    yes_percent_required: int = 50


class MemberBallotOut(Schema):
    id: int
    mutual: str
    question: str
    electorate_on: date
    opens_at: datetime
    closes_at: datetime
    electorate: int
    voted: int
    yes: int | None
    no: int | None
    abstain: int | None
    turnout_percent: Decimal | None
    yes_percent: Decimal | None
    is_turnout_met: bool | None
    is_threshold_met: bool | None
    is_passed: bool | None


class MemberBallotVoteIn(Schema):
    choice: str


class ElectionIn(Schema):
    title: str
    seats: int
    candidates: list[str]
    class_ids: list[int]
    electorate_on: date
    opens_at: datetime
    closes_at: datetime
    rule: str = ""


class ElectionOut(Schema):
    id: int
    mutual: str
    title: str
    seats: int
    rule: str
    status: str
    candidates: list[str]
    electorate: int
    opens_at: datetime
    closes_at: datetime
    result: dict | None


class RankingIn(Schema):
    ranking: list[int]


class BallotsImportIn(Schema):
    file_format: str
    text: str


class ShareOfferOut(Schema):
    id: int
    mutual: str
    title: str
    offer_pence: int
    share_pence: int
    min_holding_pence: int
    max_holding_pence: int
    interest_cap_percent: Decimal
    opens_at: datetime
    closes_at: datetime
    is_allocated: bool


class ShareApplicationIn(Schema):
    requested_pence: int


class ShareApplicationOut(Schema):
    id: int
    requested_pence: int
    allocated_pence: int | None


class StageOut(Schema):
    name: str
    position: int
    checklist: list[dict]
    due_on: date | None
    signed_off_at: datetime | None


class SpinOutOut(Schema):
    id: int
    service: str
    started_on: date
    stages: list[StageOut]


def _mutual_out(mutual) -> dict:
    return {
        **{
            f: getattr(mutual, f)
            for f in (
                "name",
                "slug",
                "legal_form",
                "society_number",
                "company_number",
                "charity_number",
                "is_spin_out",
                "election_rule",
            )
        },
        "members": getattr(mutual, "member_count", 0),
        "services": [_service_out(service) for service in mutual.services.all()],
    }


def _service_out(service) -> dict:
    return {
        "id": service.pk,
        "name": service.name,
        "contract_id": service.contract_id,
        "asset_reference": service.asset.reference if service.asset else None,
    }


@router.get(
    "/register", response=list[MutualOut], summary="The register of co-operatives and mutuals"
)
def mutual_list(request: HttpRequest, legal_form: str = ""):
    return [_mutual_out(m) for m in selectors.mutual_list(legal_form=legal_form)]


@router.get("/register/{slug}", response=MutualOut, summary="A co-operative on the register")
def mutual_get(request: HttpRequest, slug: str):
    return _mutual_out(selectors.mutual_get(slug))


@router.post(
    "/register",
    response={201: MutualOut},
    auth=django_auth,
    summary="Add to the register (procurement officers)",
)
def mutual_register(request: HttpRequest, payload: MutualIn):
    data = payload.dict()
    district, organisation = data.pop("district"), data.pop("organisation")
    mutual = services.mutual_register(
        actor=request.user,
        district=places.district_get(district) if district else None,
        organisation=people.organisation_get(organisation) if organisation else None,
        **data,
    )
    return 201, _mutual_out(selectors.mutual_get(mutual.slug))


@router.put(
    "/register/{slug}/services/{service_id}",
    response=MutualServiceOut,
    auth=django_auth,
    summary="Link a service to the organisation's contract and leased asset (secretary)",
)
def service_link(request: HttpRequest, slug: str, service_id: int, payload: ServiceLinkIn):
    service = selectors.service_get(selectors.mutual_get(slug), service_id)
    contract = contract_get(payload.contract_id) if payload.contract_id else None
    asset = asset_get(payload.asset_reference) if payload.asset_reference else None
    services.mutual_service_link(
        actor=request.user, service=service, contract=contract, asset=asset
    )
    return _service_out(selectors.service_get(service.mutual, service.pk))


@router.post(
    "/register/{slug}/classes",
    response={201: ClassOut},
    auth=django_auth,
    summary="Add a membership class (secretary)",
)
def class_add(request: HttpRequest, slug: str, payload: ClassIn):
    membership_class = services.membership_class_add(
        actor=request.user, mutual=selectors.mutual_get(slug), **payload.dict()
    )
    return 201, membership_class


@router.post(
    "/register/{slug}/members",
    response={201: MutualMemberOut},
    auth=django_auth,
    summary="Enrol a member in classes (secretary)",
)
def member_add(request: HttpRequest, slug: str, payload: MutualMemberIn):
    mutual = selectors.mutual_get(slug)
    data = payload.dict()
    person = people.user_find_by_email(data.pop("email"))
    if person is None:
        raise DomainError("user_not_found", gettext("No account has that email address."), "email")
    classes = selectors.classes_get(mutual, data.pop("class_ids"), field="class_ids")
    organisation = data.pop("organisation")
    member = services.member_join(
        actor=request.user,
        mutual=mutual,
        user=person,
        classes=classes,
        organisation=people.organisation_get(organisation) if organisation else None,
        **data,
    )
    return 201, {
        "id": member.pk,
        "joined_on": member.joined_on,
        "classes": [c.name for c in classes],
    }


@router.post(
    "/members/import",
    response={201: ImportOut},
    auth=django_auth,
    summary="Import members from CSV text, all or nothing",
)
def members_import(request: HttpRequest, payload: ImportIn):
    return 201, {"imported": services.members_import(actor=request.user, text=payload.text)}


def _ballot_out(ballot) -> dict:
    outcome = selectors.ballot_result(ballot)
    is_closed = ballot.closes_at <= timezone.now()
    hidden = not is_closed
    return {
        "id": ballot.pk,
        "mutual": ballot.mutual.slug,
        "question": ballot.question,
        "electorate_on": ballot.electorate_on,
        "opens_at": ballot.opens_at,
        "closes_at": ballot.closes_at,
        "electorate": outcome.electorate,
        "voted": outcome.voted,
        "yes": None if hidden else outcome.yes,
        "no": None if hidden else outcome.no,
        "abstain": None if hidden else outcome.abstain,
        "turnout_percent": outcome.turnout_percent,
        "yes_percent": None if hidden else outcome.yes_percent,
        "is_turnout_met": None if hidden else outcome.is_turnout_met,
        "is_threshold_met": None if hidden else outcome.is_threshold_met,
        "is_passed": None if hidden else outcome.is_passed,
    }


@router.post(
    "/register/{slug}/ballots",
    response={201: MemberBallotOut},
    auth=django_auth,
    summary="Open a member ballot (secretary)",
)
def ballot_open(request: HttpRequest, slug: str, payload: MemberBallotIn):
    mutual = selectors.mutual_get(slug)
    data = payload.dict()
    classes = selectors.classes_get(mutual, data.pop("class_ids"), field="class_ids")
    ballot = services.ballot_open(actor=request.user, mutual=mutual, classes=classes, **data)
    return 201, _ballot_out(selectors.ballot_get(ballot.pk))


@router.get(
    "/ballots/{ballot_id}",
    response=MemberBallotOut,
    summary="A member ballot: turnout so far, the result once closed",
)
def ballot_get(request: HttpRequest, ballot_id: int):
    return _ballot_out(selectors.ballot_get(ballot_id))


@router.post(
    "/ballots/{ballot_id}/votes",
    response={201: MemberBallotOut},
    auth=django_auth,
    summary="Vote yes, no or abstain (the electorate, once)",
)
def ballot_vote(request: HttpRequest, ballot_id: int, payload: MemberBallotVoteIn):
    ballot = selectors.ballot_get(ballot_id)
    services.ballot_vote(actor=request.user, ballot=ballot, choice=payload.choice)
    return 201, _ballot_out(ballot)


def _election_out(election) -> dict:
    return {
        "id": election.pk,
        "mutual": election.mutual.slug,
        "title": election.title,
        "seats": election.seats,
        "rule": election.rule,
        "status": election.status,
        "candidates": [c.name for c in selectors.candidate_list(election)],
        "electorate": election.electorate_size,
        "opens_at": election.opens_at,
        "closes_at": election.closes_at,
        "result": election.result,
    }


@router.post(
    "/register/{slug}/elections",
    response={201: ElectionOut},
    auth=django_auth,
    summary="Open an STV election (secretary)",
)
def election_open(request: HttpRequest, slug: str, payload: ElectionIn):
    mutual = selectors.mutual_get(slug)
    data = payload.dict()
    classes = selectors.classes_get(mutual, data.pop("class_ids"), field="class_ids")
    election = services.election_open(actor=request.user, mutual=mutual, classes=classes, **data)
    return 201, _election_out(selectors.election_get(election.pk))


@router.get(
    "/elections/{election_id}",
    response=ElectionOut,
    summary="An election and, once counted, every stage",
)
def election_get(request: HttpRequest, election_id: int):
    return _election_out(selectors.election_get(election_id))


@router.post(
    "/elections/{election_id}/votes",
    response={201: ElectionOut},
    auth=django_auth,
    summary="Cast a ranked ballot: candidates' ballot positions, first preference first",
)
def election_vote(request: HttpRequest, election_id: int, payload: RankingIn):
    election = selectors.election_get(election_id)
    services.election_vote(actor=request.user, election=election, ranking=payload.ranking)
    return 201, _election_out(election)


@router.post(
    "/elections/{election_id}/ballots",
    response={201: ImportOut},
    auth=django_auth,
    summary="Add paper ballots from BLT or CSV text, all or nothing",
)
def election_ballots_import(request: HttpRequest, election_id: int, payload: BallotsImportIn):
    election = selectors.election_get(election_id)
    papers = services.election_ballots_import(
        actor=request.user, election=election, **payload.dict()
    )
    return 201, {"imported": papers}


@router.post(
    "/elections/{election_id}/count",
    response=ElectionOut,
    auth=django_auth,
    summary="Count a closed election and publish its stages",
)
def election_count(request: HttpRequest, election_id: int):
    election = services.election_count(
        actor=request.user, election=selectors.election_get(election_id)
    )
    return _election_out(election)


def _offer_out(offer) -> dict:
    return {
        **{
            f: getattr(offer, f)
            for f in (
                "id",
                "title",
                "offer_pence",
                "share_pence",
                "min_holding_pence",
                "max_holding_pence",
                "interest_cap_percent",
                "opens_at",
                "closes_at",
            )
        },
        "mutual": offer.mutual.slug,
        "is_allocated": offer.allocated_at is not None,
    }


@router.get("/share-offers", response=list[ShareOfferOut], summary="Community share offers")
def offer_list(request: HttpRequest):
    return [_offer_out(offer) for offer in selectors.share_offer_list()[:100]]


@router.get("/share-offers/{offer_id}", response=ShareOfferOut, summary="A community share offer")
def offer_get(request: HttpRequest, offer_id: int):
    return _offer_out(selectors.share_offer_get(offer_id))


@router.post(
    "/share-offers/{offer_id}/applications",
    response={201: ShareApplicationOut},
    auth=django_auth,
    summary="Apply for shares",
)
def offer_apply(request: HttpRequest, offer_id: int, payload: ShareApplicationIn):
    offer = selectors.share_offer_get(offer_id)
    return 201, services.share_apply(
        actor=request.user, offer=offer, requested_pence=payload.requested_pence
    )


@router.post(
    "/share-offers/{offer_id}/allocation",
    response=list[ShareApplicationOut],
    auth=django_auth,
    summary="Allocate a closed offer by the stated pro-rata rule (secretary)",
)
def offer_allocate(request: HttpRequest, offer_id: int):
    offer = selectors.share_offer_get(offer_id)
    services.share_offer_allocate(actor=request.user, offer=offer)
    return list(selectors.share_applications(offer))


def _spin_out_out(spin_out) -> dict:
    return {
        "id": spin_out.pk,
        "service": spin_out.service,
        "started_on": spin_out.started_on,
        "stages": list(spin_out.stages.all()),
    }


@router.get("/spin-outs", response=list[SpinOutOut], summary="The spin-out pipeline")
def spin_out_list(request: HttpRequest):
    return [_spin_out_out(s) for s in selectors.spin_out_list()[:100]]


@router.post(
    "/spin-outs/{spin_out_id}/stages/{name}/sign-off",
    response=SpinOutOut,
    auth=django_auth,
    summary="Sign a stage off (its checklist done, earlier stages signed off)",
)
def stage_sign_off(request: HttpRequest, spin_out_id: int, name: str):
    spin_out = selectors.spin_out_get(spin_out_id)
    services.spin_out_stage_sign_off(
        actor=request.user, stage=selectors.spin_out_stage_get(spin_out, name)
    )
    return _spin_out_out(selectors.spin_out_get(spin_out_id))
