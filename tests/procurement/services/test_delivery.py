"""Quarterly returns, shortfalls and remedies; quotation awards; personal data and erasure."""

from datetime import date
from decimal import Decimal

import pytest

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.procurement.models import Contract, QuarterlyReturn, ReturnLine
from coopcouncil.procurement.selectors import (
    delivery_borough,
    delivery_by_supplier,
    procurement_personal_data,
    shortfalls,
)
from coopcouncil.procurement.services import (
    procurement_erase,
    quarterly_return_import,
    quarterly_return_submit,
    quotation_award,
    remedy_record,
)
from tests.procurement.conftest import rows_for

pytestmark = pytest.mark.django_db


def _member(contract):
    return contract.supplier.members.get().user


def test_a_full_quarter_meets_every_commitment(awarded):
    filed = quarterly_return_submit(
        actor=_member(awarded), contract=awarded, year=2026, quarter=2, rows=rows_for(awarded)
    )
    assert [line.is_short for line in filed.lines.all()] == [False, False]
    assert not shortfalls().exists()


def test_a_short_quarter_is_flagged_and_a_remedy_recorded(awarded, officer):
    quarterly_return_submit(
        actor=_member(awarded),
        contract=awarded,
        year=2026,
        quarter=3,
        rows=rows_for(awarded, Decimal("0.5")),
    )
    short = list(shortfalls(contract=awarded))
    assert [line.commitment.measure.code for line in short] == ["carbon-saved", "local-fte"]
    fte = next(line for line in short if line.commitment.measure.code == "local-fte")
    assert (fte.due, fte.delivered) == (Decimal("0.75"), Decimal("0.38"))
    remedy_record(actor=officer, line=fte, remedy="Two more local hires by January.")
    assert ReturnLine.objects.get(pk=fte.pk).remedy == "Two more local hires by January."
    assert AuditEvent.objects.filter(action="procurement.remedy_recorded").exists()


def test_promised_and_delivered_are_valued_at_the_proxy(awarded):
    quarterly_return_submit(
        actor=_member(awarded), contract=awarded, year=2026, quarter=2, rows=rows_for(awarded)
    )
    borough = delivery_borough("Borough")
    # 3 FTE × £30,000 + 5 t × £245 promised; a quarter of each delivered.
    assert borough.promised_pence == 9_122_500
    assert borough.delivered_pence == 750_000 * 3 + 30_625
    assert [row.label for row in delivery_by_supplier()] == ["Local Trust"]


def test_a_return_csv_with_a_bad_row_stores_nothing(awarded):
    text = "measure,delivered,evidence\nlocal-fte,-1,payroll\ncarbon-saved,1,meter\n"
    with pytest.raises(RowErrors) as refused:
        quarterly_return_import(
            actor=_member(awarded), contract=awarded, year=2026, quarter=2, text=text
        )
    assert refused.value.rows == [(2, "delivered", "A quantity cannot be negative.")]
    assert not QuarterlyReturn.objects.exists()


def test_a_return_csv_is_stored_whole(awarded):
    text = "measure,delivered,evidence\nlocal-fte,0.75,payroll\ncarbon-saved,0.5,meter\n"
    filed = quarterly_return_import(
        actor=_member(awarded), contract=awarded, year=2026, quarter=2, text=text
    )
    assert sorted(str(line.delivered) for line in filed.lines.all()) == ["0.50", "0.75"]


def test_a_quarter_is_reported_once_and_only_within_the_term(awarded):
    member = _member(awarded)
    quarterly_return_submit(
        actor=member, contract=awarded, year=2026, quarter=2, rows=rows_for(awarded)
    )
    with pytest.raises(Conflict):
        quarterly_return_submit(
            actor=member, contract=awarded, year=2026, quarter=2, rows=rows_for(awarded)
        )
    with pytest.raises(DomainError) as outside:
        quarterly_return_submit(
            actor=member, contract=awarded, year=2028, quarter=1, rows=rows_for(awarded)
        )
    assert outside.value.code == "quarter_outside_contract"


def test_only_the_suppliers_members_make_its_returns(awarded, make_user):
    with pytest.raises(NotAllowed):
        quarterly_return_submit(
            actor=make_user(), contract=awarded, year=2026, quarter=2, rows=rows_for(awarded)
        )


@pytest.fixture
def district_manager(make_role, places):
    from coopcouncil.places.models import District

    return make_role(
        "officer",
        "Dana District",
        team="district_team",
        district=District.objects.get(slug="west-oldham"),
    )


@pytest.fixture
def quotes(make_local_supplier):
    return [make_local_supplier(name)[0] for name in ("Clean Co", "Shine Ltd", "Sparkle CIC")]


def _quotation(actor, suppliers, **changes):
    from coopcouncil.places.models import District

    values = {
        "actor": actor,
        "title": "Deep clean",
        "supplier": suppliers[1],
        "value_pence": 900_000,
        "quotes": list(zip(suppliers, (1_000_000, 900_000, 1_100_000), strict=True)),
        "starts_on": date(2026, 4, 1),
        "ends_on": date(2026, 6, 30),
        "district": District.objects.get(slug="west-oldham"),
    }
    return quotation_award(**{**values, **changes})


def test_a_district_manager_awards_under_the_limit_after_three_quotes(district_manager, quotes):
    contract = _quotation(district_manager, quotes)
    assert contract.route == Contract.Route.QUOTATION and contract.quotes.count() == 3


def test_at_or_above_the_delegated_limit_a_tender_is_required(district_manager, quotes, settings):
    settings.COOPCOUNCIL_QUOTATION_THRESHOLD_PENCE = 900_000
    with pytest.raises(DomainError) as refused:
        _quotation(district_manager, quotes)
    assert refused.value.code == "above_delegated_limit"
    assert not Contract.objects.exists()


def test_fewer_than_three_quotes_need_a_stated_reason(district_manager, quotes):
    two = list(zip(quotes[:2], (1_000_000, 900_000), strict=True))
    with pytest.raises(DomainError) as refused:
        _quotation(district_manager, quotes, quotes=two)
    assert refused.value.code == "quotes_required"
    contract = _quotation(district_manager, quotes, quotes=two, reason="Only two cleaners nearby.")
    assert contract.quotation_reason == "Only two cleaners nearby."


def test_a_quotation_award_to_a_supplier_outside_the_borough_is_refused(
    district_manager, quotes, make_supplier
):
    from_elsewhere, _ = make_supplier("Far Away Cleaning")
    offered = [*zip(quotes[:2], (1_000_000, 1_100_000), strict=True), (from_elsewhere, 900_000)]
    with pytest.raises(DomainError) as refused:
        _quotation(district_manager, quotes, supplier=from_elsewhere, quotes=offered)
    assert (refused.value.code, refused.value.field) == ("supplier_not_local", "supplier")
    assert not Contract.objects.exists()


def test_another_districts_manager_may_not_award_here(make_role, quotes, places):
    from coopcouncil.places.models import District

    elsewhere = make_role(
        "officer",
        team="district_team",
        district=District.objects.exclude(slug="west-oldham").first(),
    )
    with pytest.raises(NotAllowed):
        _quotation(elsewhere, quotes)


def test_a_person_sees_their_panel_seats_and_scores_and_erasure_removes_their_words(
    awarded, young_person
):
    from coopcouncil.procurement.models import QualityScore

    QualityScore.objects.filter(evaluator__user=young_person).update(comment="Loved the plan")
    data = procurement_personal_data(user=young_person)
    assert data["panel_seats"] == [{"exercise": "Youth services", "kind": "service_user"}]
    assert {row["comment"] for row in data["quality_scores"]} == {"Loved the plan"}
    procurement_erase(user=young_person)
    assert {
        row["comment"] for row in procurement_personal_data(user=young_person)["quality_scores"]
    } == {""}


def test_the_persons_data_export_and_erasure_reach_procurement(awarded, young_person):
    from coopcouncil.people.services import user_erase, user_export
    from coopcouncil.procurement.models import QualityScore

    QualityScore.objects.filter(evaluator__user=young_person).update(comment="Great")
    assert user_export(user=young_person)["procurement"]["panel_seats"]
    user_erase(user=young_person)
    assert not QualityScore.objects.filter(evaluator__user=young_person).exclude(comment="")
