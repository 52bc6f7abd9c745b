"""The finance officer maps each ledger cost centre once; spend files may then use it."""

import pytest

from coopcouncil.budgets.models import CostCentre, SpendRecord
from coopcouncil.budgets.services import cost_centre_save, spend_import
from coopcouncil.core.errors import DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent

FILE = (
    "date,cost_centre,amount_pounds,description,reference\n"
    "2026-05-01,CC4410,100.00,Hall hire,INV-1\n"
    "2026-05-02,CC4411,25.00,Bulbs,INV-2\n"
)


def test_finance_maps_a_code_and_mapping_it_again_moves_it_with_the_old_meaning_audited(
    finance, line, ward, other_ward
):
    cost_centre_save(actor=finance, code="CC4410", district=ward.district, line=line, ward=ward)
    cost_centre_save(actor=finance, code="CC4410", district=other_ward.district, line=line)
    mapped = CostCentre.objects.get(code="CC4410")
    assert (mapped.district, mapped.ward) == (other_ward.district, None)
    audits = AuditEvent.objects.filter(action="budgets.cost_centre_mapped").order_by("pk")
    assert audits[0].details["before"] is None
    assert audits[1].details["before"]["ward"] == ward.pk


def test_only_finance_maps_cost_centres(district_team, line, ward):
    with pytest.raises(NotAllowed):
        cost_centre_save(actor=district_team, code="CC1", district=ward.district, line=line)


def test_a_ward_outside_the_district_and_a_bad_code_are_field_errors(
    finance, line, ward, other_ward
):
    with pytest.raises(DomainError) as error:
        cost_centre_save(
            actor=finance, code="CC1", district=ward.district, line=line, ward=other_ward
        )
    assert error.value.field == "ward"
    with pytest.raises(DomainError) as error:
        cost_centre_save(actor=finance, code="CC 1!", district=ward.district, line=line)
    assert (error.value.code, error.value.field) == ("cost_centre_code_invalid", "code")


def test_a_file_with_an_unmapped_code_imports_nothing_and_names_the_row(finance, line, ward):
    cost_centre_save(actor=finance, code="CC4410", district=ward.district, line=line)
    with pytest.raises(RowErrors) as error:
        spend_import(actor=finance, text=FILE)
    assert "row 3" in error.value.errors
    assert any("cost_centre" in message for message in error.value.errors["row 3"])
    assert not SpendRecord.objects.exists()


def test_once_every_code_is_mapped_the_file_lands_on_the_mapped_district_line_and_ward(
    finance, line, ward
):
    cost_centre_save(actor=finance, code="CC4410", district=ward.district, line=line)
    cost_centre_save(actor=finance, code="CC4411", district=ward.district, line=line, ward=ward)
    batch = spend_import(actor=finance, text=FILE)
    records = SpendRecord.objects.filter(spend_import=batch).order_by("spent_on")
    assert [(r.district, r.line, r.ward, r.amount_pence) for r in records] == [
        (ward.district, line, None, 10_000),
        (ward.district, line, ward, 2_500),
    ]
