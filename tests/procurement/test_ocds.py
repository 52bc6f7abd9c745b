"""OCDS 1.1 output: every stage of a process, one record per process, and libcoveocds (the
reference validator, offline against ../shared/standards) finds no errors."""

import importlib.util
import json
from datetime import date

import pytest
from django.utils import timezone

from coopcouncil.procurement.logic.delivery import ReturnRow
from coopcouncil.procurement.ocds import process_get, record_package_stream, release_package_stream
from coopcouncil.procurement.services import quarterly_return_submit
from tests.procurement.conftest import rows_for

pytestmark = pytest.mark.django_db


def _package(stream) -> dict:
    return json.loads("".join(stream))


def _validator(shared):
    """The standards folder's own validator, which feeds libcoveocds the local schema."""
    spec = importlib.util.spec_from_file_location("validate", shared / "standards" / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cove_errors(shared, tmp_path, package: dict) -> tuple[list[str], list[str]]:
    validate = _validator(shared)
    path = tmp_path / "package.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    return validate.ocds_with_libcoveocds(shared / "standards" / "ocds", package, path)


@pytest.fixture
def reported(awarded):
    member = awarded.supplier.members.get().user
    quarterly_return_submit(
        actor=member, contract=awarded, year=2026, quarter=2, rows=rows_for(awarded)
    )
    return awarded


def test_a_tendered_process_publishes_every_stage(reported, settings):
    settings.COOPCOUNCIL_OCID_PREFIX = "ocds-test01"
    package = _package(
        release_package_stream(uri="https://x.invalid/r.json", published=timezone.now())
    )
    tags = [release["tag"][0] for release in package["releases"]]
    assert tags == ["planning", "tender", "award", "contract", "implementation"]
    assert {release["ocid"] for release in package["releases"]} == {
        f"ocds-test01-tender-{reported.lot.tender_id}"
    }
    award = package["releases"][2]["awards"][0]
    assert award["suppliers"] == [{"id": "GB-CHC-1100001", "name": "Local Trust"}]
    assert "Local Trust 31.58 + 36.80 + 20.00 = 88.38" in award["description"]
    milestone = package["releases"][4]["contracts"][0]["implementation"]["milestones"][0]
    assert (milestone["type"], milestone["status"]) == ("reporting", "met")


def test_the_record_compiles_the_latest_state_of_each_process(reported):
    package = _package(
        record_package_stream(uri="https://x.invalid/r.json", published=timezone.now())
    )
    (record,) = package["records"]
    assert len(record["releases"]) == 5
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    assert compiled["tender"]["numberOfTenderers"] == 3
    assert compiled["contracts"][0]["implementation"]["milestones"]


def test_release_and_record_packages_pass_libcoveocds_with_no_errors(
    reported, shared, tmp_path, officer, make_local_supplier
):
    from coopcouncil.procurement.services import quotation_award

    supplier, _ = make_local_supplier("Quick Quote Ltd")
    quotation_award(
        actor=officer,
        title="Minibus hire",
        supplier=supplier,
        value_pence=400_000,
        quotes=[(supplier, 400_000)],
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 4, 30),
        reason="The only accessible minibus in the district.",
    )
    now = timezone.now()
    for stream in (release_package_stream, record_package_stream):
        package = _package(stream(uri="https://x.invalid/p.json", published=now))
        errors, warnings = _cove_errors(shared, tmp_path, package)
        assert errors == []
        assert warnings == []


def test_a_short_quarter_is_a_milestone_not_met(awarded):
    member = awarded.supplier.members.get().user
    rows = [ReturnRow(row.measure, row.delivered / 2, "") for row in rows_for(awarded)]
    quarterly_return_submit(actor=member, contract=awarded, year=2026, quarter=2, rows=rows)
    process = process_get(process_ids(awarded))
    milestone = process.compiled["contracts"][0]["implementation"]["milestones"][0]
    assert milestone["status"] == "notMet"


def process_ids(contract) -> str:
    from coopcouncil.procurement.policy import ocid_prefix

    return f"{ocid_prefix()}-tender-{contract.lot.tender_id}"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/procurement/ocds/release-package.json", "releases"),
        ("/procurement/ocds/record-package.json", "records"),
    ],
)
def test_the_open_data_downloads_are_streamed_and_pass_libcoveocds(
    client, reported, shared, tmp_path, path, key
):
    """The /open-data/ OCDS files are sent piece by piece, never built whole in memory."""
    response = client.get(path)
    assert response.status_code == 200 and response.streaming
    pieces = [piece for piece in response.streaming_content]
    assert len(pieces) > 2
    package = json.loads(b"".join(pieces))
    assert package[key]
    assert _cove_errors(shared, tmp_path, package) == ([], [])


def test_the_one_pass_export_writes_the_same_packages_as_the_streams(
    reported, officer, make_local_supplier
):
    """The export serialises each release once and reuses the text in its record: the files
    must be byte for byte what the release and record package streams give."""
    import io

    from coopcouncil.procurement.ocds import packages_write
    from coopcouncil.procurement.services import quotation_award

    supplier, _ = make_local_supplier("Quick Quote Ltd")
    quotation_award(
        actor=officer,
        title="Minibus hire — “accessible”",
        supplier=supplier,
        value_pence=400_000,
        quotes=[(supplier, 400_000)],
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 4, 30),
        reason="The only accessible minibus in the district.",
    )
    now = timezone.now()
    releases, records = io.StringIO(), io.StringIO()
    assert (
        packages_write(releases=releases, records=records, uri="https://x.invalid", published=now)
        == 2
    )
    streamed_releases = "".join(
        release_package_stream(uri="https://x.invalid/release-package.json", published=now)
    )
    streamed_records = "".join(
        record_package_stream(uri="https://x.invalid/record-package.json", published=now)
    )
    assert releases.getvalue() == streamed_releases
    assert records.getvalue() == streamed_records
