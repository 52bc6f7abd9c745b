"""Reference groups (offered to frequent reporters, who see figures first) and personal data."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, NotAllowed
from coopcouncil.servicerequests import selectors, services
from coopcouncil.servicerequests.models import ReferenceGroupComment, ServiceRequest
from tests.servicerequests.conftest import COLDHURST

LONDON = ZoneInfo("Europe/London")


def _reports(reporter, sr_world, count):
    location = services.location_find(latitude=COLDHURST[0], longitude=COLDHURST[1])
    for _ in range(count):
        services.service_request_report(
            actor=reporter, category=sr_world["DOG_FOULING"], description="", location=location
        )


def test_the_offer_goes_to_residents_who_report_often_in_the_district(
    sr_world, reporter, west_oldham, settings
):
    settings.COOPCOUNCIL_REFERENCE_GROUP_REPORTS = 3
    _reports(reporter, sr_world, 2)
    with pytest.raises(NotAllowed):
        services.reference_group_join(actor=reporter, district=west_oldham)
    _reports(reporter, sr_world, 1)
    assert selectors.reference_group_offers(reporter) == [west_oldham]
    services.reference_group_join(actor=reporter, district=west_oldham)
    assert selectors.reference_group_offers(reporter) == []
    with pytest.raises(Conflict):
        services.reference_group_join(actor=reporter, district=west_oldham)


def test_members_see_the_newest_figures_first_and_everyone_else_after_the_preview(
    sr_world, reporter, west_oldham, make_user, settings
):
    settings.COOPCOUNCIL_REFERENCE_GROUP_REPORTS = 1
    settings.COOPCOUNCIL_DEMAND_PREVIEW_DAYS = 7
    _reports(reporter, sr_world, 1)
    services.reference_group_join(actor=reporter, district=west_oldham)
    now = timezone.now()
    public = make_user()
    assert selectors.demand_through(reporter, west_oldham, now=now) == now
    member_view = selectors.area_demand(district=west_oldham, through=now)
    public_through = selectors.demand_through(public, west_oldham, now=now)
    public_view = selectors.area_demand(district=west_oldham, through=public_through)
    assert (member_view.reported, public_view.reported) == (1, 0)


def test_a_month_is_published_to_everyone_once_it_has_been_over_for_the_preview_days(
    settings,
):
    settings.COOPCOUNCIL_DEMAND_PREVIEW_DAYS = 7
    fifth = datetime(2026, 12, 5, 12, tzinfo=LONDON)
    eighth = datetime(2026, 12, 8, 12, tzinfo=LONDON)
    assert selectors.demand_published_through(now=fifth).date() == date(2026, 10, 31)
    assert selectors.demand_published_through(now=eighth).date() == date(2026, 11, 30)


def test_only_members_comment_and_a_member_may_leave(
    sr_world, reporter, west_oldham, make_user, settings
):
    settings.COOPCOUNCIL_REFERENCE_GROUP_REPORTS = 1
    _reports(reporter, sr_world, 1)
    with pytest.raises(NotAllowed):
        services.reference_group_comment(actor=reporter, district=west_oldham, text="Hi")
    services.reference_group_join(actor=reporter, district=west_oldham)
    services.reference_group_comment(
        actor=reporter, district=west_oldham, text="The alley needs a bin."
    )
    assert [c.text for c in selectors.reference_group_comments(west_oldham)] == [
        "The alley needs a bin."
    ]
    services.reference_group_leave(actor=reporter, district=west_oldham)
    assert not selectors.is_reference_group_member(reporter, west_oldham)


def test_the_export_holds_a_persons_reports_and_erasure_unlinks_them(
    sr_world, reporter, west_oldham, settings
):
    settings.COOPCOUNCIL_REFERENCE_GROUP_REPORTS = 1
    _reports(reporter, sr_world, 1)
    services.reference_group_join(actor=reporter, district=west_oldham)
    services.reference_group_comment(actor=reporter, district=west_oldham, text="More bins")
    exported = selectors.servicerequests_personal_data(reporter)
    assert len(exported["service_requests"]) == 1
    assert exported["reference_groups"][0]["district"] == "West Oldham"
    assert exported["reference_group_comments"][0]["text"] == "More bins"

    services.servicerequests_erase(user=reporter)
    assert selectors.servicerequests_personal_data(reporter) == {
        "service_requests": [],
        "reference_groups": [],
        "reference_group_comments": [],
    }
    # The problem stays on the public record, unlinked from the person.
    assert ServiceRequest.objects.get().reporter is None
    assert ReferenceGroupComment.objects.get().author is None


def test_the_accounts_export_and_erasure_reach_service_requests(sr_world, reporter):
    from coopcouncil.people.services import user_erase, user_export

    _reports(reporter, sr_world, 1)
    assert len(user_export(user=reporter)["servicerequests"]["service_requests"]) == 1
    user_erase(user=reporter)
    assert ServiceRequest.objects.get().reporter is None
