"""The permission matrix on the web (issue 18): every page, every role, as ``PAGES`` says.

Every URL the resolver knows (but the Django admin's own, checked once: it admits staff
only) must have a row in ``PAGES``; a new page without one fails, naming the line to add.
Each page is fetched by every role: a role its guard allows must not be refused, a role it
refuses gets 403, 404 or the sign-in redirect, and nothing is written either way. A page
whose URL needs an object the matrix's borough does not hold yet is reported as skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

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


def _slug(name: str) -> Callable[[Any], dict]:
    return lambda borough: {"slug": getattr(borough, name).slug}


# The objects a page's URL names, from the matrix's borough; a page not here is skipped.
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
    "participation:results": lambda b: {"process_id": b.pb_process.pk},
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
}

PAGE_NAMES = sorted(name for name, _route in web_pages())
# Pages whose URL names an object; those not in URL_KWARGS are not walked yet.
NEEDS_OBJECTS = {name for name, route in web_pages() if "<" in route or "(?P" in route}
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
        if name not in URL_KWARGS and name in NEEDS_OBJECTS:
            continue  # not walked yet: listed in docs/permissions.md
        url = resolve_url(name, **(URL_KWARGS[name](borough) if name in URL_KWARGS else {}))
        allowed = allowed_roles(PAGES[name])
        for role, client in clients.items():
            response = client.get(url)
            if response.status_code == 405:
                break  # a form's POST target: its rule is checked through the services
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
