"""Reporting: the ward and district come from the location; outside the borough is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.servicerequests import services
from coopcouncil.servicerequests.models import ServiceRequest, Source, Stage
from tests.servicerequests.conftest import COLDHURST, MANCHESTER


def test_a_report_at_a_map_point_is_placed_in_the_ward_whose_boundary_holds_it(report):
    assert report.ward.slug == "coldhurst" and report.district.slug == "west-oldham"
    assert report.stage == Stage.RECEIVED and report.status == "open"
    assert report.source == Source.WEB and report.attributes == {"WASTE_TYPE": "bulky"}
    assert report.location_key == "53.548,-2.120"
    assert report.updates.get().stage == Stage.RECEIVED
    audit = AuditEvent.objects.get(action="servicerequests.reported")
    assert audit.target_id == str(report.pk) and audit.actor == report.reporter


def test_a_point_outside_the_borough_is_refused_and_nothing_is_written(sr_world):
    with pytest.raises(DomainError) as refused:
        services.location_find(latitude=MANCHESTER[0], longitude=MANCHESTER[1])
    assert refused.value.code == "location_outside_borough"
    assert refused.value.field == "location"
    assert not ServiceRequest.objects.exists()


def test_coordinates_that_are_not_numbers_or_off_the_globe_are_refused(sr_world):
    for latitude, longitude in (("north", "-2.1"), ("91", "-2.1"), ("NaN", "1")):
        with pytest.raises(DomainError) as refused:
            services.location_find(latitude=latitude, longitude=longitude)
        assert refused.value.code == "location_invalid"


def test_a_point_cannot_be_placed_before_boundaries_are_loaded(categories, places):
    with pytest.raises(DomainError) as refused:
        services.location_find(latitude=COLDHURST[0], longitude=COLDHURST[1])
    assert refused.value.code == "boundaries_missing"


def test_a_postcode_places_the_report_at_its_point_in_its_ward(sr_world, addresses):
    location = services.location_find(postcode="ol1 9ck")
    assert location.ward.code == "OLD08" and location.postcode == "OL1 9CK"
    assert (float(location.latitude), float(location.longitude)) == COLDHURST


def test_a_postcode_over_the_border_is_refused(sr_world, addresses):
    with pytest.raises(DomainError) as refused:
        services.location_find(postcode="M35 9CV")
    assert refused.value.code == "postcode_outside_borough"


def test_an_address_line_is_placed_by_the_postcode_in_it(sr_world, addresses):
    location = services.location_find(address_text="3 Spindle Row, Oldham OL1 9CK")
    assert location.ward.code == "OLD08"
    with pytest.raises(DomainError) as refused:
        services.location_find(address_text="Spindle Row")
    assert refused.value.code == "address_without_postcode"


def test_a_report_needs_a_location(sr_world):
    with pytest.raises(DomainError) as refused:
        services.location_find()
    assert refused.value.code == "location_missing"


def _report(actor, sr_world, **extra):
    fields = {
        "category": sr_world["FLY_TIPPING"],
        "description": "Sofa",
        "location": services.location_find(latitude=COLDHURST[0], longitude=COLDHURST[1]),
        "attributes": {"WASTE_TYPE": "bulky"},
    }
    return services.service_request_report(actor=actor, **{**fields, **extra})


def test_someone_not_signed_in_or_without_a_confirmed_email_cannot_report(sr_world, make_user):
    with pytest.raises(NotAllowed):
        _report(None, sr_world)
    with pytest.raises(NotAllowed):
        _report(make_user(verified_email=False), sr_world)


def test_a_required_answer_missing_is_refused_on_its_attribute_field(sr_world, reporter):
    with pytest.raises(DomainError) as refused:
        _report(reporter, sr_world, attributes={})
    assert refused.value.field == "attribute[WASTE_TYPE]"


def test_a_description_over_4000_characters_is_refused(sr_world, reporter):
    with pytest.raises(DomainError) as refused:
        _report(reporter, sr_world, description="x" * 4001)
    assert refused.value.code == "description_too_long"


def test_a_photo_is_kept_under_a_name_of_our_own_with_its_real_type(
    sr_world, reporter, png_upload, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = _report(reporter, sr_world, photo=png_upload)
    assert report.photo.name == f"service-requests/request-{report.pk}.png"


def test_a_photo_that_is_not_an_image_is_refused_on_the_photo_field(sr_world, reporter):
    with pytest.raises(DomainError) as refused:
        _report(reporter, sr_world, photo=SimpleUploadedFile("x.jpg", b"<html>not a photo"))
    assert (refused.value.code, refused.value.field) == ("servicerequest_photo_not_image", "photo")
    assert not ServiceRequest.objects.exists()


def test_a_bad_contact_email_is_refused(sr_world, reporter):
    with pytest.raises(DomainError) as refused:
        _report(reporter, sr_world, contact_email="not-an-email")
    assert refused.value.code == "email_invalid"
