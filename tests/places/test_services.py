import pytest

from coopcouncil.core.errors import NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.places.logic.ward_csv import write_ward_rows
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import ward_rows_for_export
from coopcouncil.places.services import ward_figures_import


@pytest.fixture
def finance_officer(make_role):
    return make_role("officer", team="finance")


def test_import_updates_figures_keeps_history_and_audits(places, finance_officer):
    rows = ward_rows_for_export()
    rows[0]["population"] = 12345
    count = ward_figures_import(actor=finance_officer, text=write_ward_rows(rows))
    assert count == 20
    ward = Ward.objects.get(code=rows[0]["ward_code"])
    assert ward.population == 12345
    assert ward.history.count() >= 2
    assert AuditEvent.objects.filter(action="places.ward_figures_imported").count() == 1


def test_import_with_one_bad_row_writes_nothing(places, finance_officer):
    rows = ward_rows_for_export()
    before = {w.code: w.population for w in Ward.objects.all()}
    rows[0]["population"] = 1
    rows[5]["population"] = -10
    with pytest.raises(RowErrors) as error:
        ward_figures_import(actor=finance_officer, text=write_ward_rows(rows))
    assert error.value.rows == [(7, "population", "must not be negative")]
    assert {w.code: w.population for w in Ward.objects.all()} == before
    assert not AuditEvent.objects.filter(action="places.ward_figures_imported").exists()


def test_only_finance_officers_and_administrators_may_import(places, make_role):
    clerk = make_role("officer", team="clerk")
    with pytest.raises(NotAllowed):
        ward_figures_import(actor=clerk, text=write_ward_rows(ward_rows_for_export()))
