"""Open311 query filters and document shapes, as the GeoReport v2 reference describes them."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopcouncil.servicerequests.logic.open311 import (
    FilterInvalid,
    Open311Error,
    _element,
    errors_document,
    request_filters,
    w3c_datetime,
    w3c_datetime_parse,
    xml_document,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def test_without_dates_the_list_covers_the_last_90_days():
    filters = request_filters({}, now=NOW)
    assert filters.end == NOW and filters.start == NOW - timedelta(days=90)
    assert filters.page_size == 1000


def test_one_date_alone_opens_a_90_day_window_from_it():
    start = request_filters({"start_date": "2026-01-01T00:00:00Z"}, now=NOW)
    assert start.end - start.start == timedelta(days=90)
    end = request_filters({"end_date": "2026-03-01T00:00:00+01:00"}, now=NOW)
    assert end.end - end.start == timedelta(days=90)


def test_a_span_over_90_days_is_refused_on_end_date():
    with pytest.raises(FilterInvalid) as refused:
        request_filters(
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, now=NOW
        )
    assert refused.value.argument == "end_date"


def test_an_end_before_the_start_is_refused():
    with pytest.raises(FilterInvalid):
        request_filters(
            {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}, now=NOW
        )


def test_a_datetime_without_a_zone_is_refused():
    with pytest.raises(FilterInvalid):
        w3c_datetime_parse("start_date", "2026-01-01T00:00:00")
    with pytest.raises(FilterInvalid):
        w3c_datetime_parse("start_date", "yesterday")


def test_a_plus_sign_turned_into_a_space_by_a_query_string_is_read_as_plus():
    parsed = w3c_datetime_parse("start_date", "2026-01-01T00:00:00 01:00")
    assert parsed.utcoffset() == timedelta(hours=1)


def test_service_request_id_overrides_every_other_filter():
    filters = request_filters({"service_request_id": "3,1,3", "status": "bogus"}, now=NOW)
    assert filters.service_request_ids == ("3", "1")
    assert filters.start is None and filters.statuses == ()


def test_status_takes_open_closed_or_both_and_nothing_else():
    assert request_filters({"status": "closed"}, now=NOW).statuses == ("closed",)
    assert request_filters({"status": "closed,open"}, now=NOW).statuses == ("open", "closed")
    with pytest.raises(FilterInvalid):
        request_filters({"status": "fixed"}, now=NOW)


def test_empty_arguments_count_as_absent():
    assert request_filters({"status": "", "service_code": "", "start_date": ""}, now=NOW) == (
        request_filters({}, now=NOW)
    )


def test_page_size_is_at_most_a_thousand():
    with pytest.raises(FilterInvalid):
        request_filters({"page_size": "1001"}, now=NOW)
    assert request_filters({"page": "2", "page_size": "50"}, now=NOW).page == 2


def test_a_naive_time_is_never_written():
    assert w3c_datetime(NOW) == "2026-06-01T12:00:00+00:00"
    assert w3c_datetime(None) is None
    with pytest.raises(ValueError):
        w3c_datetime(datetime(2026, 1, 1))


def test_xml_lists_repeat_the_item_and_booleans_and_nulls_are_written_as_the_spec_says():
    body = xml_document(
        "services", "service", [{"service_code": "FLY", "metadata": False, "group": None}]
    )
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ElementTree.fromstring(body)
    assert root.tag == "services"
    assert root.find("service/metadata").text == "false"
    assert root.find("service/group").text is None


def test_nested_lists_repeat_the_singular_of_their_name():
    body = xml_document(
        "service_definition",
        None,
        {
            "service_code": "FLY",
            "attributes": [{"code": "A", "values": [{"key": "k", "name": "n"}]}],
        },
    )
    root = ElementTree.fromstring(body)
    assert root.find("attributes/attribute/values/value/key").text == "k"


def test_errors_are_a_list_of_code_and_description():
    assert errors_document([Open311Error(403, "Invalid api_key")]) == [
        {"code": 403, "description": "Invalid api_key"}
    ]


def test_text_is_escaped_and_characters_xml_cannot_hold_are_dropped():
    body = xml_document("errors", "error", [{"description": "a < b & \x00c"}])
    assert ElementTree.fromstring(body).find("error/description").text == "a < b & c"


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(exclude_categories=("Cs",))),
)
FIELDS = st.sampled_from(["service_request_id", "status", "description", "lat", "media_url"])


@settings(max_examples=200)
@given(st.lists(st.dictionaries(FIELDS, SCALARS, min_size=1), max_size=6))
def test_a_list_filled_from_row_templates_is_the_list_written_element_by_element(rows):
    """The fast path (one template per shape of row) and the element-by-element writer
    must agree on every kind of text: escapes, control characters, nulls, booleans."""
    expected = ['<?xml version="1.0" encoding="utf-8"?>\n<service_requests>']
    for row in rows:
        _element(expected, "request", row)
    expected.append("</service_requests>")
    assert xml_document("service_requests", "request", rows) == "".join(expected).encode()


def test_a_row_with_a_nested_list_among_flat_rows_is_written_nested():
    body = xml_document(
        "services",
        "service",
        [{"code": "A"}, {"code": "B", "values": [{"key": "k"}]}, {"code": "C"}],
    )
    root = ElementTree.fromstring(body)
    assert [s.find("code").text for s in root] == ["A", "B", "C"]
    assert root.find("service/values/value/key").text == "k"
