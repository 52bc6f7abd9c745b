"""Measurements load all or nothing, with every row's problem; only officers load them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coopcouncil.core.errors import DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.insight.models import ActivityLink, Measurement
from coopcouncil.insight.services import activity_link, indicator_create, measurements_import


def test_a_good_file_loads_every_row_with_one_audit_event(officer, ward, make_indicator):
    make_indicator("taking-part", "district")
    make_indicator("volunteering", "borough")
    district = ward.district.slug
    text = (
        "indicator,period,district,value\n"
        f"taking-part,2026-01,{district},12.5\n"
        "volunteering,2026-01,,17\n"
    )
    assert measurements_import(actor=officer, text=text) == 2
    assert Measurement.objects.get(district__slug=district).value == Decimal("12.50")
    assert AuditEvent.objects.filter(action="insight.measurements_imported").count() == 1


def test_a_file_with_one_bad_row_loads_nothing_and_names_every_bad_row(
    officer, ward, make_indicator
):
    make_indicator("taking-part", "district")
    text = (
        "indicator,period,district,value\n"
        f"taking-part,2026-01,{ward.district.slug},12.5\n"
        "nobody,2026-13,,lots\n"
        "taking-part,2026-02,,3\n"
    )
    with pytest.raises(RowErrors) as raised:
        measurements_import(actor=officer, text=text)
    assert {row for row, _field, _message in raised.value.rows} == {3, 4}
    assert {field for _row, field, _message in raised.value.rows} >= {
        "indicator",
        "period",
        "value",
        "district",
    }
    assert not Measurement.objects.exists()


def test_loading_a_corrected_file_again_replaces_the_period_value(officer, ward, make_indicator):
    make_indicator("taking-part", "district")
    row = f"taking-part,2026-01,{ward.district.slug},"
    measurements_import(actor=officer, text=f"indicator,period,district,value\n{row}10\n")
    measurements_import(actor=officer, text=f"indicator,period,district,value\n{row}11\n")
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal("11.00")]


def test_a_resident_may_not_load_measurements(make_resident, ward, make_indicator):
    make_indicator()
    with pytest.raises(NotAllowed):
        measurements_import(actor=make_resident(ward), text="indicator,period,district,value\n")


def test_an_indicator_needs_a_target_year_after_its_baseline(officer, outcome):
    with pytest.raises(DomainError) as raised:
        indicator_create(
            actor=officer,
            outcome=outcome,
            code="x",
            name="X",
            definition="d",
            unit="%",
            geography="borough",
            source="s",
            baseline=Decimal(1),
            baseline_year=2026,
            target=Decimal(2),
            target_year=2020,
            frequency="yearly",
        )
    assert raised.value.code == "target_year_invalid"


def test_an_activity_link_names_a_real_record_of_a_known_kind(officer, outcome):
    with pytest.raises(DomainError) as raised:
        activity_link(
            actor=officer,
            outcome=outcome,
            subject_kind="minutes",
            subject_id=1,
            strength="observed",
        )
    assert raised.value.code == "subject_kind_unknown"
    with pytest.raises(DomainError) as raised:
        activity_link(
            actor=officer,
            outcome=outcome,
            subject_kind="grant",
            subject_id=999,
            strength="observed",
        )
    assert raised.value.code == "subject_not_found"
    assert not ActivityLink.objects.exists()
