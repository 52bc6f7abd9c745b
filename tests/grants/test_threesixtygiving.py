"""The awards as 360Giving: JSON valid against the standard's schema (the offline copy in
../shared/standards), and a flat CSV/XLSX that flattentool reads back into the same grants."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import flattentool
from django.utils import timezone

from coopcouncil.grants import threesixtygiving
from coopcouncil.grants.logic.threesixtygiving import FLAT_COLUMNS


def _package() -> dict:
    return json.loads("".join(threesixtygiving.json_chunks()))


def test_the_json_package_validates_against_the_360giving_schema(awarded, shared, tmp_path):
    path = tmp_path / "grants.json"
    path.write_text("".join(threesixtygiving.json_chunks()), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(shared / "standards" / "validate.py"), "360giving", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_award_names_its_recipient_amounts_dates_and_place(awarded, settings):
    settings.COOPCOUNCIL_GRANTS_360G_PREFIX = "oldham"
    (grant,) = _package()["grants"]
    assert grant["id"] == f"360G-oldham-{awarded.pk}"
    assert grant["recipientOrganization"][0]["id"] == "GB-CHC-1234567"
    assert grant["amountAwarded"] == 20_000
    assert grant["amountAppliedFor"] == 20_000
    assert grant["awardDate"] == timezone.localdate(awarded.decided_at).isoformat()
    assert grant["plannedDates"] == [{"startDate": "2027-01-01", "endDate": "2027-12-31"}]
    ward = awarded.ward
    assert grant["beneficiaryLocation"][0]["geoCode"] == ward.code
    assert grant["beneficiaryLocation"][1]["geoCode"] == ward.district.slug


def test_a_group_with_no_register_number_gets_an_identifier_under_the_prefix(
    awarded, group, settings
):
    settings.COOPCOUNCIL_GRANTS_360G_PREFIX = "oldham"
    group.charity_number = ""
    group.company_number = "09876543"
    group.save()
    assert _package()["grants"][0]["recipientOrganization"][0]["id"] == "GB-COH-09876543"
    group.company_number = ""
    group.save()
    assert (
        _package()["grants"][0]["recipientOrganization"][0]["id"] == f"360G-oldham-ORG-{group.slug}"
    )


def test_the_csv_round_trips_through_flattentool(awarded, shared, tmp_path):
    folder = tmp_path / "flat"
    folder.mkdir()
    (folder / "grants.csv").write_text("".join(threesixtygiving.csv_chunks()), encoding="utf-8")
    output = tmp_path / "unflattened.json"
    flattentool.unflatten(
        str(folder),
        output_name=str(output),
        input_format="csv",
        root_list_path="grants",
        schema=str(shared / "standards" / "360giving" / "360-giving-schema.json"),
    )
    assert json.loads(output.read_text())["grants"] == _package()["grants"]


def test_the_xlsx_round_trips_through_flattentool(awarded, shared, tmp_path):
    workbook = tmp_path / "grants.xlsx"
    with workbook.open("wb") as target:
        threesixtygiving.xlsx_write(target)
    output = tmp_path / "unflattened.json"
    flattentool.unflatten(
        str(workbook),
        output_name=str(output),
        input_format="xlsx",
        root_list_path="grants",
        schema=str(shared / "standards" / "360giving" / "360-giving-schema.json"),
    )
    assert json.loads(output.read_text())["grants"] == _package()["grants"]


def test_the_csv_header_is_the_flat_layout(db):
    header = next(iter(threesixtygiving.csv_chunks()))
    assert next(csv.reader(io.StringIO(header))) == list(FLAT_COLUMNS)


def test_a_group_first_seen_after_the_export_began_is_still_named(awarded):
    """The parts read up front miss an award decided while the export runs; it is read then."""
    from coopcouncil.grants.logic.threesixtygiving import recipient_json
    from coopcouncil.grants.threesixtygiving import _RECIPIENT, _Parts

    recipients = _Parts(
        "organisation_id",
        _RECIPIENT,
        lambda name, slug, charity, company: recipient_json(
            "TEST", name=name, slug=slug, charity_number=charity, company_number=company
        ),
    )
    assert recipients[awarded.organisation_id] == {
        "id": "GB-CHC-1234567",
        "name": "Coldhurst Hydro Co-op",
        "charityNumber": "1234567",
    }
