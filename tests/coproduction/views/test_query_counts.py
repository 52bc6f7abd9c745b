"""Co-production's pages run as many queries for ten times the content."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coopcouncil.coproduction.models import Shift
from coopcouncil.coproduction.services import (
    assets_import,
    attendance_confirm,
    gritting_route_add,
    opportunity_post,
    shift_add,
    shift_sign_up,
)
from tests.conftest import counted_get

pytestmark = pytest.mark.django_db


def _add(organiser, asset_officer, ward, make_resident, start, stop):
    for n in range(start, stop):
        opportunity = opportunity_post(actor=organiser, role=f"Role {n}", place="Hall", ward=ward)
        starts = timezone.now() + timedelta(days=2)
        shift = shift_add(
            actor=organiser,
            opportunity=opportunity,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            places=3,
        )
        sign_up = shift_sign_up(actor=make_resident(ward), shift=shift)
        Shift.objects.filter(pk=shift.pk).update(
            starts_at=timezone.now() - timedelta(hours=3),
            ends_at=timezone.now() - timedelta(hours=1),
        )
        sign_up.shift.refresh_from_db()
        attendance_confirm(actor=organiser, sign_up=sign_up, hours=Decimal(2))
        shift_add(
            actor=organiser,
            opportunity=opportunity,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            places=3,
        )
        gritting_route_add(actor=asset_officer, ward=ward, name=f"Route {n}")
        assets_import(
            actor=asset_officer, text=f"reference,name,kind,ward\na{n},A{n},park,{ward.slug}\n"
        )


def test_pages_do_not_grow_in_queries_with_the_records(
    client, organiser, asset_officer, ward, make_resident
):
    urls = [
        "/coproduction/",
        "/coproduction/gritting/",
        "/coproduction/assets/",
        "/coproduction/figures/",
        f"/coproduction/figures/?district={ward.district.slug}",
        f"/districts/{ward.district.slug}/",
    ]
    counts = []
    for start, stop in ((0, 2), (2, 20)):
        _add(organiser, asset_officer, ward, make_resident, start, stop)
        counts.append({url: counted_get(client, url)[0] for url in urls})
    assert counts[0] == counts[1]
