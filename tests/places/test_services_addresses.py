"""Loading the postcode directory and the address list: all or nothing, re-import replaces."""

import pytest

from coopcouncil.core.errors import NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.places.models import Address, Postcode
from coopcouncil.places.services import address_list_import, postcode_directory_import

DIRECTORY = (
    "pcds,doterm,ward,lat,long\n"
    "OL1 9CK,,OLD08,53.5,-2.1\n"
    "OL4 9OC,201906,OLD07,53.5,-2.0\n"
    "M1 1AE,,E05099999,53.4,-2.2\n"
)
ADDRESSES = (
    "uprn,address_line_1,address_line_2,address_line_3,town,postcode,ward_code\n"
    "990000000101,1 Spindle Row,,,Oldham,OL1 9CK,OLD08\n"
)


@pytest.fixture
def clerk(make_role):
    return make_role("officer", team="clerk")


def test_the_directory_keeps_the_borough_postcodes_terminated_ones_as_terminated(places, clerk):
    summary = postcode_directory_import(actor=clerk, lines=DIRECTORY.splitlines(keepends=True))
    assert (summary.kept, summary.terminated, summary.skipped) == (2, 1, 1)
    assert Postcode.objects.get(postcode="OL4 9OC").is_terminated
    assert not Postcode.objects.get(postcode="OL1 9CK").is_terminated
    assert AuditEvent.objects.filter(action="places.postcodes_imported").count() == 1


def test_a_bad_directory_row_writes_nothing(places, clerk):
    postcode_directory_import(actor=clerk, lines=DIRECTORY.splitlines(keepends=True))
    bad = "pcds,doterm,ward,lat,long\nOL1 9MC,,OLD08,53.5,-2.1\nOL1,,OLD08,53.5,-2.1\n"
    with pytest.raises(RowErrors) as error:
        postcode_directory_import(actor=clerk, lines=bad.splitlines(keepends=True))
    assert [(row, field) for row, field, _ in error.value.rows] == [(3, "pcds")]
    assert sorted(Postcode.objects.values_list("postcode", flat=True)) == ["OL1 9CK", "OL4 9OC"]


def test_reimporting_the_directory_replaces_it(places, clerk):
    postcode_directory_import(actor=clerk, lines=DIRECTORY.splitlines(keepends=True))
    kept = Postcode.objects.get(postcode="OL1 9CK").pk
    newer = "pcds,doterm,ward,lat,long\nOL1 9CK,,OLD10,53.5,-2.1\n"
    postcode_directory_import(actor=clerk, lines=newer.splitlines(keepends=True))
    (postcode,) = Postcode.objects.select_related("ward")
    assert postcode.pk == kept and postcode.ward.code == "OLD10"


def test_the_address_list_replaces_by_uprn_and_a_bad_row_writes_nothing(places, clerk):
    assert address_list_import(actor=clerk, lines=ADDRESSES.splitlines(keepends=True)) == 1
    bad = ADDRESSES + "990000000102,,,,Oldham,OL1 9CK,NOPE\n"
    with pytest.raises(RowErrors) as error:
        address_list_import(actor=clerk, lines=bad.splitlines(keepends=True))
    assert {(row, field) for row, field, _ in error.value.rows} == {
        (3, "address_line_1"),
        (3, "ward_code"),
    }
    moved = ADDRESSES.replace("1 Spindle Row", "1a Spindle Row")
    address_list_import(actor=clerk, lines=moved.splitlines(keepends=True))
    assert list(Address.objects.values_list("uprn", "address_line_1")) == [
        (990000000101, "1a Spindle Row")
    ]


def test_only_democratic_services_load_postcodes_and_addresses(places, make_role):
    finance = make_role("officer", team="finance")
    with pytest.raises(NotAllowed):
        postcode_directory_import(actor=finance, lines=DIRECTORY.splitlines(keepends=True))
    with pytest.raises(NotAllowed):
        address_list_import(actor=finance, lines=ADDRESSES.splitlines(keepends=True))
