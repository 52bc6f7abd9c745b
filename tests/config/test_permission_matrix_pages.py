"""The permission matrix on the web (issue 18): every page, every role, as ``PAGES`` says.

Every URL the resolver knows (but the Django admin's own, checked once: it admits staff
only) must have a row in ``PAGES``; a new page without one fails, naming the line to add.
Each page is fetched by every role: a role its guard allows must not be refused, a role it
refuses gets 403, 404 or the sign-in redirect, and nothing is written either way. A page
whose URL names an object needs a line in ``URL_KWARGS`` naming one the borough holds, or
it fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from coopcouncil.config.permission_matrix import (
    OTHER_GUARDS,
    PAGES,
    PUBLIC,
    ROLES,
    RULES,
    SIGNED_IN,
)

LOGIN = "/accounts/login/"


def web_pages(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(URL name, route) for every page, leaving out the admin's and the API's own URLs."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin" or route.startswith("api/v1/"):
                continue
            inner = pattern.namespace or ""
            name = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from web_pages(pattern.url_patterns, route, name)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name, route)


def allowed_roles(guard: str) -> set[str]:
    if guard == PUBLIC:
        return set(ROLES)
    if guard == SIGNED_IN:
        return set(ROLES) - {"anonymous"}
    return set(RULES[guard] if guard in RULES else OTHER_GUARDS[guard])


def _email_link(user) -> dict:
    """The uid and token of the links emailed to ``user`` (confirm address, reset password)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def _slug(name: str) -> Callable[[Any], dict]:
    return lambda borough: {"slug": getattr(borough, name).slug}


# The objects a page's URL names, from the matrix's borough (matrix_objects.py makes those
# the roles do not own); a page whose URL names one and is not here fails.
URL_KWARGS: dict[str, Callable[[Any], dict]] = {
    "democracy:partnership": lambda b: {"slug": b.district.slug},
    "democracy:district_ical": lambda b: {"slug": b.district.slug},
    "democracy:meeting_new": lambda b: {"slug": b.district.slug},
    "democracy:partnership_manage": lambda b: {"slug": b.district.slug},
    "democracy:pulse_new": lambda b: {"slug": b.district.slug},
    "democracy:programme_year": lambda b: {"pk": b.programme_year.pk},
    "participation:process": lambda b: {"process_id": b.pb_process.pk},
    "participation:process_edit": lambda b: {"process_id": b.pb_process.pk},
    "participation:project": lambda b: {
        "process_id": b.pb_process.pk,
        "project_id": b.pb_project.pk,
    },
    "participation:propose": lambda b: {"process_id": b.pb_process.pk},
    "participation:review": lambda b: {"process_id": b.pb_process.pk},
    "participation:ballot": lambda b: {"process_id": b.pb_process.pk},
    "participation:results": lambda b: {"process_id": b.pb_counted.pk},
    "participation:delivery": lambda b: {"process_id": b.pb_process.pk},
    "grants:fund": _slug("fund"),
    "grants:fund_csv": _slug("fund"),
    "grants:district": _slug("district"),
    "grants:district_csv": _slug("district"),
    "grants:round": _slug("grant_round"),
    "grants:apply": _slug("grant_round"),
    "grants:application": lambda b: {"application_id": b.application.pk},
    "grants:application_edit": lambda b: {"application_id": b.application.pk},
    "grants:eligibility": lambda b: {"application_id": b.application.pk},
    "grants:score": lambda b: {"application_id": b.application.pk},
    "grants:decide": lambda b: {"application_id": b.application.pk},
    "servicerequests:detail": lambda b: {"request_id": b.service_request.pk},
    "servicerequests:ward": _slug("ward"),
    "servicerequests:district": _slug("district"),
    "servicerequests:district_geojson": _slug("district"),
    "mutuals:ballot": lambda b: {"ballot_id": b.mutual_ballot.pk},
    "mutuals:election": lambda b: {"election_id": b.mutual_election.pk},
    "mutuals:detail": _slug("mutual"),
    "mutuals:manage": _slug("mutual"),
    "procurement:exercise": _slug("exercise"),
    "procurement:tender": lambda b: {"tender_id": b.tender.pk},
    "procurement:bid": lambda b: {"bid_id": b.bid.pk},
    "procurement:bid_score": lambda b: {"bid_id": b.bid.pk},
    "procurement:evaluate": lambda b: {"tender_id": b.tender.pk, "number": 1},
    "insight:district_standards": _slug("district"),
    "places:district": _slug("district"),
    "places:ward": _slug("ward"),
    "people:verify_email": lambda b: _email_link(b.people["unverified"]),
    "people:password_reset_confirm": lambda b: _email_link(b.people["unverified"]),
    "people:residency_verify": lambda b: {"pk": b.residency.pk},
    "people:api_key_revoke": lambda b: {"key_id": b.api_key.pk},
    "people:residency_ward": lambda b: {"pk": b.residency.pk},
    "people:register_review_verify": lambda b: {"pk": b.register_review.pk},
    "people:register_review_refuse": lambda b: {"pk": b.register_review.pk},
    "democracy:member_add": lambda b: {"slug": b.district.slug},
    "democracy:member_end": lambda b: {
        "slug": b.district.slug,
        "member_id": b.partnership_member.pk,
    },
    "democracy:sub_group_add": lambda b: {"slug": b.district.slug},
    "democracy:meeting": lambda b: {"pk": b.meeting.pk},
    "democracy:ask": lambda b: {"pk": b.meeting.pk},
    "democracy:paper": lambda b: {
        "pk": b.meeting.pk,
        "paper_id": b.meeting_paper.pk,
    },
    "democracy:minutes_document": lambda b: {"pk": b.meeting.pk},
    "democracy:manage": lambda b: {"pk": b.meeting.pk},
    "democracy:manage_action": lambda b: {"pk": b.meeting.pk, "action": "item"},
    "democracy:manage_target": lambda b: {
        "pk": b.meeting.pk,
        "action": "decision",
        "target": b.decision.pk,
    },
    "democracy:decision": lambda b: {"pk": b.decision.pk},
    "democracy:signature_review": lambda b: {"pk": b.decision.pk},
    "democracy:sign": lambda b: {"pk": b.decision.pk},
    "democracy:outcome": lambda b: {"pk": b.decision.pk},
    "democracy:report": lambda b: {
        "user_id": b.people["councillor"].pk,
        "year": timezone.localdate().year,
    },
    "democracy:module_add": lambda b: {"pk": b.programme_year.pk},
    "democracy:session_add": lambda b: {"pk": b.programme_module.pk},
    "democracy:session_attendance": lambda b: {"pk": b.programme_session.pk},
    "democracy:feedback": lambda b: {"pk": b.feedback_round.pk},
    "democracy:pulse": lambda b: {"pk": b.pulse_survey.pk},
    "participation:project_photo": lambda b: {
        "process_id": b.pb_process.pk,
        "project_id": b.pb_project.pk,
    },
    "participation:review_submit": lambda b: {
        "process_id": b.pb_process.pk,
        "project_id": b.pb_project.pk,
    },
    "participation:advance": lambda b: {"process_id": b.pb_process.pk},
    "participation:close_voting": lambda b: {"process_id": b.pb_process.pk},
    "participation:recount": lambda b: {"process_id": b.pb_process.pk},
    "participation:delivery_update": lambda b: {
        "process_id": b.pb_process.pk,
        "project_id": b.pb_project.pk,
    },
    "participation:export": lambda b: {"process_id": b.pb_process.pk},
    "participation:birth_date": lambda b: {"process_id": b.pb_process.pk},
    "budgets:line": _slug("budget_line"),
    "budgets:formula_create": _slug("budget_line"),
    "budgets:line_wards": _slug("budget_line"),
    "budgets:compare": _slug("budget_line"),
    "budgets:adopt": lambda b: {"formula_id": b.allocation_formula.pk},
    "budgets:allocation": lambda b: {"allocation_id": b.allocation.pk},
    "budgets:monitoring_export": lambda b: {"file_format": "csv"},
    "budgets:autonomy_request": lambda b: {"request_id": b.autonomy_request.pk},
    "budgets:autonomy_assess": lambda b: {"request_id": b.autonomy_request.pk},
    "budgets:autonomy_cabinet": lambda b: {"request_id": b.autonomy_request.pk},
    "budgets:ladder_challenge": _slug("ladder_placement"),
    "budgets:ladder_answer": lambda b: {"challenge_id": b.ladder_challenge.pk},
    "budgets:ward_poll": lambda b: {"poll_id": b.ward_poll.pk},
    "budgets:ward_poll_vote": lambda b: {"poll_id": b.ward_poll.pk},
    "budgets:ward_decide": lambda b: {"allocation_id": b.ward_allocation.pk},
    "coproduction:opportunity": lambda b: {"opportunity_id": b.opportunity.pk},
    "coproduction:shift_create": lambda b: {"opportunity_id": b.opportunity.pk},
    "coproduction:sign_up": lambda b: {"shift_id": b.shift.pk},
    "coproduction:cancel": lambda b: {"sign_up_id": b.sign_up.pk},
    "coproduction:confirm": lambda b: {"sign_up_id": b.sign_up.pk},
    "coproduction:spend": lambda b: {"offer_id": b.credit_offer.pk},
    "coproduction:route_adopt": lambda b: {"route_id": b.gritting_route.pk},
    "coproduction:route_log": lambda b: {"route_id": b.gritting_route.pk},
    "coproduction:equipment_issue": lambda b: {"route_id": b.gritting_route.pk},
    "coproduction:equipment_return": lambda b: {"loan_id": b.equipment_loan.pk},
    "coproduction:staff_decide": lambda b: {"request_id": b.staff_days_request.pk},
    "coproduction:application_decide": lambda b: {"application_id": b.lease_application.pk},
    "coproduction:commitment_return": lambda b: {"commitment_id": b.service_commitment.pk},
    "coproduction:asset": lambda b: {"reference": b.asset.reference},
    "coproduction:community_value_detail": lambda b: {"nomination_id": b.nomination.pk},
    "coproduction:community_value_decide": lambda b: {"nomination_id": b.nomination.pk},
    "coproduction:community_value_notice": lambda b: {"nomination_id": b.nomination.pk},
    "insight:outcome": _slug("outcome"),
    "insight:indicator_create": _slug("outcome"),
    "insight:activity_link": _slug("outcome"),
    "insight:indicator": lambda b: {"code": b.indicator.code},
    "insight:commitment": _slug("insight_commitment"),
    "insight:commitment_update": _slug("insight_commitment"),
    "insight:milestone_add": _slug("insight_commitment"),
    "insight:milestone_complete": lambda b: {
        "slug": b.insight_commitment.slug,
        "milestone_id": b.milestone.pk,
    },
    "insight:standard_create": _slug("district"),
    "insight:standard_figure": lambda b: {"slug": b.district.slug, "standard_id": b.standard.pk},
    "insight:service_assess": _slug("ladder_placement"),
    "procurement:panel_add": _slug("exercise"),
    "procurement:tender_create": _slug("exercise"),
    "procurement:bid_submit": lambda b: {"tender_id": b.tender.pk, "number": 1},
    "procurement:award": lambda b: {"tender_id": b.tender.pk, "number": 1},
    "procurement:moderate": lambda b: {"tender_id": b.tender.pk, "number": 1},
    "procurement:theme_edit": _slug("measure_theme"),
    "procurement:outcome_edit": _slug("measure_outcome"),
    "procurement:measure_edit": lambda b: {"code": b.measure.code},
    "procurement:contract": lambda b: {"contract_id": b.contract.pk},
    "procurement:return_submit": lambda b: {"contract_id": b.contract.pk},
    "procurement:remedy": lambda b: {"line_id": b.return_line.pk},
    "grants:application_submit": lambda b: {"application_id": b.application.pk},
    "grants:attachment_upload": lambda b: {"application_id": b.application.pk},
    "grants:attachment": lambda b: {
        "application_id": b.application.pk,
        "attachment_id": b.attachment.pk,
    },
    "grants:declare_interest": lambda b: {"application_id": b.application.pk},
    "grants:instalment_schedule": lambda b: {"application_id": b.application.pk},
    "grants:instalment_approve": lambda b: {
        "application_id": b.application.pk,
        "instalment_id": b.instalment.pk,
    },
    "grants:report_request": lambda b: {"application_id": b.application.pk},
    "grants:report_submit": lambda b: {
        "application_id": b.application.pk,
        "report_id": b.monitoring_report.pk,
    },
    "grants:clawback": lambda b: {"application_id": b.application.pk},
    "servicerequests:photo": lambda b: {"request_id": b.service_request.pk},
    "servicerequests:stage": lambda b: {"request_id": b.service_request.pk},
    "servicerequests:assign": lambda b: {"request_id": b.service_request.pk},
    "servicerequests:tag": lambda b: {"request_id": b.service_request.pk},
    "servicerequests:group_join": _slug("district"),
    "servicerequests:group_leave": _slug("district"),
    "servicerequests:group_comment": _slug("district"),
    "servicerequests:key_revoke": lambda b: {"key_id": b.api_key.pk},
    "open311:discovery": lambda b: {"fmt": "json"},
    "open311:services": lambda b: {"fmt": "json"},
    "open311:service": lambda b: {"code": b.service_request.category.code, "fmt": "json"},
    "open311:requests": lambda b: {"fmt": "json"},
    "open311:request": lambda b: {"request_id": b.service_request.pk, "fmt": "json"},
    "open311:token": lambda b: {"token": b.service_request.token, "fmt": "json"},
    "mutuals:ballot_vote": lambda b: {"ballot_id": b.mutual_ballot.pk},
    "mutuals:election_vote": lambda b: {"election_id": b.mutual_election.pk},
    "mutuals:election_count": lambda b: {"election_id": b.mutual_election.pk},
    "mutuals:election_import": lambda b: {"election_id": b.mutual_election.pk},
    "mutuals:election_ballots": lambda b: {
        "election_id": b.mutual_election_counted.pk,
        "file_format": "blt",
    },
    "mutuals:offer": lambda b: {"offer_id": b.share_offer.pk},
    "mutuals:offer_apply": lambda b: {"offer_id": b.share_offer.pk},
    "mutuals:offer_allocate": lambda b: {"offer_id": b.share_offer.pk},
    "mutuals:offer_interest": lambda b: {"offer_id": b.share_offer.pk},
    "mutuals:spin_out": lambda b: {"spin_out_id": b.spin_out.pk},
    "mutuals:spin_out_stage": lambda b: {
        "spin_out_id": b.spin_out.pk,
        "name": b.spin_out_stage.name,
    },
    "mutuals:paper": lambda b: {"paper_id": b.governance_paper.pk},
    "mutuals:class_add": _slug("mutual"),
    "mutuals:member_add": _slug("mutual"),
    "mutuals:members_import": _slug("mutual"),
    "mutuals:members_recheck": _slug("mutual"),
    "mutuals:constituency_add": _slug("mutual"),
    "mutuals:board_seat_add": _slug("mutual"),
    "mutuals:paper_add": _slug("mutual"),
    "mutuals:service_link": lambda b: {"slug": b.mutual.slug, "service_id": b.mutual_service.pk},
    "mutuals:ballot_create": _slug("mutual"),
    "mutuals:election_create": _slug("mutual"),
    "mutuals:offer_create": _slug("mutual"),
    "membership:benefit_claim": lambda b: {"benefit_id": b.benefit.pk},
    "membership:round": lambda b: {"round_id": b.switching_round.pk},
    "membership:register": lambda b: {"round_id": b.switching_round.pk},
    "membership:offer_decide": lambda b: {"round_id": b.switching_round.pk},
    "membership:bids_upload": lambda b: {"round_id": b.switching_round.pk},
    "membership:auction_run": lambda b: {"round_id": b.switching_round.pk},
    "membership:fee_settle": lambda b: {"round_id": b.switching_round.pk},
    "opendata:dataset_csv": lambda b: {"slug": "wards"},
    "opendata:dataset_json": lambda b: {"slug": "wards"},
}

PAGE_NAMES = sorted(name for name, _route in web_pages())
NAMESPACES = sorted({name.split(":")[0] for name in PAGE_NAMES})


def test_every_page_has_a_row_in_the_matrix():
    """A URL added without a row in PAGES fails, naming the line to add and where."""
    missing = [f"{name} ({route})" for name, route in web_pages() if name not in PAGES]
    assert not missing, (
        "These pages have no row in PAGES in coopcouncil/config/permission_matrix.py; add"
        ' one line each, e.g. "grants:page_name": "grants.rule" (or PUBLIC / SIGNED_IN),'
        " then run `make permissions`:\n  " + "\n  ".join(missing)
    )
    assert not sorted(set(PAGES) - set(PAGE_NAMES)), "PAGES names URLs that no longer exist"


def test_the_boroughs_photos_and_papers_are_where_every_test_reads_them(
    borough, db, papers_root, photos_root
):
    """Stored during the module's build, not in the checkout's var/: a file left there by an
    earlier run was served in place of this run's (the photo pages answered 404 to all)."""
    from pathlib import Path

    for file, root in (
        (borough.pb_project.photo, photos_root),
        (borough.service_request.photo, photos_root),
        (borough.meeting_paper.file, papers_root),
        (borough.attachment.file, papers_root),
        (borough.governance_paper.file, papers_root),
    ):
        assert Path(file.path).is_relative_to(root), file.name
        assert file.storage.exists(file.name), file.name


def test_the_admin_admits_only_staff(borough, db):
    """The Django admin's own URLs are left to Django; its door is checked once here."""
    for role, user in borough.people.items():
        client = Client()
        if user.is_authenticated:
            client.force_login(user)
        response = client.get("/admin/")
        admitted = response.status_code == 200
        assert admitted == bool(getattr(user, "is_staff", False)), role


def audit_count() -> int:
    from coopcouncil.core.models import AuditEvent

    return AuditEvent.objects.count()


def refused(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_each_page_admits_exactly_the_roles_its_guard_allows(borough, clients, db, namespace):
    """GET every page of ``namespace`` as every role; refusals and admissions as in PAGES."""
    wrong = []
    before = audit_count()
    for name in PAGE_NAMES:
        if name.split(":")[0] != namespace or name not in PAGES:
            continue
        url = resolve_url(name, **(URL_KWARGS[name](borough) if name in URL_KWARGS else {}))
        if clients["administrator"].get(url).status_code == 405:
            continue  # a form's POST target: its rule is checked through the services
        allowed = allowed_roles(PAGES[name])
        for role, client in clients.items():
            response = client.get(url)
            if response.status_code == 405:
                break  # as above, behind a sign-in or a permission check
            if response.status_code >= 500:
                wrong.append(f"{name} × {role}: server error {response.status_code}")
            elif refused(response) == (role in allowed):
                wrong.append(
                    f"{name} × {role}: {response.status_code}"
                    f" ({'refused' if role in allowed else 'admitted'}; guard {PAGES[name]})"
                )
    assert audit_count() == before, "fetching pages wrote audit events"
    assert not wrong, "\n".join(wrong)


def test_a_resident_sees_no_one_elses_service_report_or_personal_data(borough, clients, db):
    """Object level: another resident's report page never names its reporter, and the data
    export holds only the signed-in person's own data."""
    from django.urls import reverse

    resident = borough.people["resident"]
    other = clients["resident_elsewhere"]
    report = other.get(reverse("servicerequests:detail", args=[borough.service_request.pk]))
    assert report.status_code == 200
    assert resident.email not in report.content.decode()
    assert resident.full_name not in report.content.decode()
    for url in (reverse("people:export"), "/api/v1/me/export"):
        export = other.get(url)
        assert export.status_code == 200, url
        assert resident.email not in export.content.decode(), url
        assert borough.people["resident_elsewhere"].email in export.content.decode(), url


def test_a_resident_cannot_see_or_edit_a_groups_grant_application(borough, clients, db):
    """Object level: only the group, its assessors without an interest, and officers see it."""
    url = f"/api/v1/grants/applications/{borough.application.pk}"
    before = audit_count()
    for role in ("resident", "resident_elsewhere", "assessor_conflicted"):
        assert clients[role].get(url).status_code in (403, 404), role
        edit = clients[role].put(url, data="{}", content_type="application/json")
        assert edit.status_code in (400, 403, 404), role
    assert clients["group_member"].get(url).status_code == 200
    assert audit_count() == before


def test_only_the_bidding_supplier_and_procurement_see_a_bids_breakdown(borough, clients, db):
    """Object level: another organisation's partner, a panel assessor and a resident see
    neither the bid's page nor its price breakdown; the supplier who bid does."""
    from django.urls import reverse

    bid = borough.bid
    for url in (reverse("procurement:bid", args=[bid.pk]), f"/api/v1/procurement/bids/{bid.pk}"):
        for role in ("partner", "resident", "assessor", "assessor_conflicted"):
            assert refused(clients[role].get(url)), (role, url)
        assert clients["supplier"].get(url).status_code == 200, url
        assert clients["procurement"].get(url).status_code == 200, url
