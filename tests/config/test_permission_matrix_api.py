"""The permission matrix on the API (issue 18): every operation, every role, as the table says.

Every operation in the OpenAPI document must have a row in ``API_OPERATIONS``; a new one
without fails, naming the line to add. Reads are made by every role: an allowed role is not
refused, a refused one gets 401, 403 or 404. Writes are sent, with an empty body, by every
role the guard refuses (anonymous must get 401; none may get a 2xx; no audit row is
written) and then by one role it allows, which must not get 401 or 403 (a 400 for the empty
body is fine). An operation whose path names an object the borough lacks fails, saying where
to make it; reads that answer only at a later stage read the borough's counted process and
auctioned round (``matrix_counted.py``).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from coopcouncil.config.api import api
from coopcouncil.config.permission_matrix import API_OPERATIONS
from tests.config.test_permission_matrix_pages import allowed_roles, audit_count


def api_operations() -> list[tuple[str, str]]:
    """(method, path) for every operation the OpenAPI document lists."""
    paths = api.get_openapi_schema()["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item)


OPERATIONS = api_operations()
ROUTERS = sorted({path.split("/")[3] for _method, path in OPERATIONS})


def _path_values(borough) -> list[tuple[str, str]]:
    """(path pattern, value) pairs; the first pattern that matches a parameter fills it."""
    return [
        (r"/grants/rounds/\{slug\}", borough.grant_round.slug),
        (r"/grants/funds/\{slug\}", borough.fund.slug),
        (r"/districts/\{slug\}", borough.district.slug),
        (r"/wards/\{slug\}", borough.ward.slug),
        (r"/organisations/\{slug\}", borough.group.slug),
        (r"/mutuals/register/\{slug\}", borough.mutual.slug),
        (r"/procurement/exercises/\{slug\}", borough.exercise.slug),
        (r"/asset-applications/\{application_id\}", str(borough.lease_application.pk)),
        (r"\{application_id\}", str(borough.application.pk)),
        (r"\{instalment_id\}", str(borough.instalment.pk)),
        (r"\{report_id\}", str(borough.monitoring_report.pk)),
        # Results and offers exist only in the later stage (matrix_counted.py).
        (r"/pb/processes/\{process_id\}/results", str(borough.pb_counted.pk)),
        (r"\{process_id\}", str(borough.pb_process.pk)),
        (r"\{project_id\}", str(borough.pb_project.pk)),
        (r"/service-requests/requests/\{request_id\}", str(borough.service_request.pk)),
        (r"/autonomy-requests/\{request_id\}", str(borough.autonomy_request.pk)),
        (r"/staff-days/\{request_id\}", str(borough.staff_days_request.pk)),
        (r"/mutuals/ballots/\{ballot_id\}", str(borough.mutual_ballot.pk)),
        (r"/mutuals/elections/\{election_id\}", str(borough.mutual_election.pk)),
        (r"/mutuals/share-offers/\{offer_id\}", str(borough.share_offer.pk)),
        (r"/services/\{service_id\}", str(borough.mutual_service.pk)),
        (r"\{spin_out_id\}", str(borough.spin_out.pk)),
        (r"/stages/\{name\}", borough.spin_out_stage.name),
        (r"\{tender_id\}", str(borough.tender.pk)),
        (r"\{number\}", "1"),
        (r"\{bid_id\}", str(borough.bid.pk)),
        (r"\{contract_id\}", str(borough.contract.pk)),
        (r"\{line_id\}", str(borough.return_line.pk)),
        (r"\{ocid\}", _ocid(borough.tender)),
        (r"\{ward_budget_id\}", str(borough.ward_budget.pk)),
        (r"/partnerships/\{district\}", borough.district.slug),
        (r"\{meeting_id\}", str(borough.meeting.pk)),
        (r"\{question_id\}", str(borough.question.pk)),
        (r"\{decision_id\}", str(borough.decision.pk)),
        (r"\{member_id\}", str(borough.partnership_member.pk)),
        (r"\{year_id\}", str(borough.programme_year.pk)),
        (r"\{module_id\}", str(borough.programme_module.pk)),
        (r"\{session_id\}", str(borough.programme_session.pk)),
        (r"\{councillor_id\}", str(borough.people["councillor"].pk)),
        (r"/budgets/lines/\{line\}", borough.budget_line.slug),
        (r"\{formula_id\}", str(borough.allocation_formula.pk)),
        (r"/budgets/allocations/\{allocation_id\}", str(borough.allocation.pk)),
        (r"/ward-allocations/\{allocation_id\}", str(borough.ward_allocation.pk)),
        (r"/ladder/\{slug\}", borough.ladder_placement.slug),
        (r"\{challenge_id\}", str(borough.ladder_challenge.pk)),
        (r"\{poll_id\}", str(borough.ward_poll.pk)),
        (r"\{opportunity_id\}", str(borough.opportunity.pk)),
        (r"\{shift_id\}", str(borough.shift.pk)),
        (r"\{sign_up_id\}", str(borough.sign_up.pk)),
        (r"/credits/offers/\{offer_id\}", str(borough.credit_offer.pk)),
        (r"\{route_id\}", str(borough.gritting_route.pk)),
        (r"\{loan_id\}", str(borough.equipment_loan.pk)),
        (r"/assets/\{reference\}", borough.asset.reference),
        (r"/coproduction/commitments/\{commitment_id\}", str(borough.service_commitment.pk)),
        (r"\{nomination_id\}", str(borough.nomination.pk)),
        (r"/insight/commitments/\{slug\}", borough.insight_commitment.slug),
        (r"/insight/outcomes/\{slug\}", borough.outcome.slug),
        (r"/insight/indicators/\{code\}", borough.indicator.code),
        (r"/insight/services/\{slug\}", borough.ladder_placement.slug),
        (r"\{standard_id\}", str(borough.standard.pk)),
        (r"\{benefit_id\}", str(borough.benefit.pk)),
        (r"/rounds/\{round_id\}/(result|offer)$", str(borough.switching_round_auctioned.pk)),
        (r"\{round_id\}", str(borough.switching_round.pk)),
    ]


def _ocid(tender) -> str:
    from coopcouncil.procurement import policy

    return f"{policy.ocid_prefix()}-tender-{tender.pk}"


def fill(path: str, borough) -> str | None:
    """The path with every parameter filled from the borough, or None if one cannot be."""
    for pattern, value in _path_values(borough):
        if re.search(pattern, path):
            parameter = re.search(pattern, path).group(0)
            name = re.search(r"\{\w+\}", parameter).group(0)
            path = path.replace(name, value, 1)
    return None if "{" in path else path


def test_every_api_operation_has_a_row_in_the_matrix():
    """An operation added without a row in API_OPERATIONS fails, naming the line to add."""
    missing = [f"{method} {path}" for method, path in OPERATIONS]
    missing = [key for key in missing if key not in API_OPERATIONS]
    assert not missing, (
        "These API operations have no row in API_OPERATIONS in"
        " coopcouncil/config/permission_matrix.py; add one line each, e.g."
        ' "POST /api/v1/grants/thing": "grants.rule" (or PUBLIC / SIGNED_IN),'
        " then run `make permissions`:\n  " + "\n  ".join(missing)
    )
    listed = {f"{method} {path}" for method, path in OPERATIONS}
    assert not sorted(set(API_OPERATIONS) - listed), "API_OPERATIONS names gone operations"


def _send(client: Client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    return client.generic(method, url, data="{}", content_type="application/json")


@pytest.mark.parametrize("router", ROUTERS)
def test_each_operation_admits_exactly_the_roles_its_guard_allows(borough, clients, db, router):
    """Reads by every role and refused writes by every refused role, as API_OPERATIONS says."""
    wrong = []
    writes = []
    before = audit_count()
    for method, path in OPERATIONS:
        if path.split("/")[3] != router:
            continue
        url = fill(path, borough)
        assert url is not None, (
            f"{method} {path} names an object the matrix's borough does not hold: make one in"
            " tests/config/matrix_objects.py and add its pattern to _path_values"
        )
        key = f"{method} {path}"
        allowed = allowed_roles(API_OPERATIONS[key])
        for role, client in clients.items():
            if method != "GET" and role in allowed:
                continue
            response = _send(client, method, url)
            status = response.status_code
            if status >= 500:
                wrong.append(f"{key} × {role}: server error {status}")
            elif method == "GET" and (status in (401, 403, 404)) == (role in allowed):
                wrong.append(f"{key} × {role}: {status} (guard {API_OPERATIONS[key]})")
            elif method != "GET" and (status < 400 or (role == "anonymous" and status != 401)):
                wrong.append(f"{key} × {role}: {status} on a refused write")
        if audit_count() != before:
            wrong.append(f"{key}: a refused or read request wrote an audit event")
            before = audit_count()
        if method != "GET" and allowed:
            writes.append((key, url, method, sorted(allowed)[0]))
    for key, url, method, role in writes:
        status = _send(clients[role], method, url).status_code
        if status in (401, 403) or status >= 500:
            wrong.append(f"{key} × {role}: {status} for a role the guard allows")
    assert not wrong, "\n".join(wrong)
