"""Commitments and spend imports: all-or-nothing, idempotent, permission-checked, audited."""

from datetime import date

import pytest

from coopcouncil.budgets.models import Commitment, SpendImport, SpendRecord
from coopcouncil.budgets.selectors import monitoring_report
from coopcouncil.budgets.services import allocation_adopt, commitment_record, spend_import
from coopcouncil.core.errors import DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent

GOOD = (
    "date,district,line,amount_pounds,description,reference\n"
    "2026-05-01,west-oldham,youth-service,1500.00,Youth club hall hire,INV-1\n"
    "30/06/2026,west-oldham,youth-service,-100,Refund,CN-1\n"
)


def test_a_clean_file_is_imported_whole_and_audited(finance, line):
    batch = spend_import(actor=finance, text=GOOD, file_name="may.csv")
    assert batch.row_count == 2 and batch.total_pence == 140_000
    assert SpendRecord.objects.count() == 2
    assert AuditEvent.objects.filter(action="budgets.spend_imported").count() == 1


def test_importing_the_same_file_twice_changes_nothing(finance, line):
    first = spend_import(actor=finance, text=GOOD)
    assert spend_import(actor=finance, text=GOOD).pk == first.pk
    assert SpendRecord.objects.count() == 2


def test_one_bad_row_stops_the_whole_import_and_names_every_problem(finance, line):
    text = GOOD + "2026-13-01,atlantis,youth-service,lots,Bad,X\n"
    with pytest.raises(RowErrors) as error:
        spend_import(actor=finance, text=text)
    assert error.value.code == "spend_import_invalid"
    assert {row for row, _, _ in error.value.rows} == {4}
    assert {field for _, field, _ in error.value.rows} >= {"date", "district", "amount_pounds"}
    assert not SpendRecord.objects.exists() and not SpendImport.objects.exists()


def test_only_finance_may_import_spend(councillor, line):
    with pytest.raises(NotAllowed):
        spend_import(actor=councillor, text=GOOD)


def test_the_district_team_records_a_commitment_for_its_own_district(district_team, line, ward):
    commitment = commitment_record(
        actor=district_team, district=ward.district, line=line, amount_pence=50_000,
        description="Summer scheme", committed_on=date(2026, 5, 1),
    )  # fmt: skip
    assert Commitment.objects.get().pk == commitment.pk
    assert AuditEvent.objects.filter(action="budgets.commitment_recorded").exists()


def test_the_district_team_may_not_commit_another_districts_money(district_team, line, other_ward):
    with pytest.raises(NotAllowed):
        commitment_record(
            actor=district_team, district=other_ward.district, line=line, amount_pence=1,
            description="x", committed_on=date(2026, 5, 1),
        )  # fmt: skip


def test_a_commitment_must_be_more_than_nothing(finance, line, ward):
    with pytest.raises(DomainError) as error:
        commitment_record(
            actor=finance, district=ward.district, line=line, amount_pence=0,
            description="x", committed_on=date(2026, 5, 1),
        )  # fmt: skip
    assert error.value.field == "amount_pence"


def _decision(district, status):
    from coopcouncil.democracy.models import Decision, DistrictPartnership

    partnership, _ = DistrictPartnership.objects.get_or_create(
        district=district, defaults={"name": f"{district} partnership"}
    )
    return Decision.objects.create(
        partnership=partnership, title="Summer scheme", budget_pence=50_000, status=status
    )


def test_a_commitment_may_cite_a_published_decision_of_the_same_district(finance, line, ward):
    decision = _decision(ward.district, "published")
    commitment = commitment_record(
        actor=finance, district=ward.district, line=line, amount_pence=50_000,
        description="Summer scheme", committed_on=date(2026, 5, 1), decision=decision,
    )  # fmt: skip
    assert commitment.decision_id == decision.pk


def test_a_draft_or_other_districts_decision_commits_nothing(finance, line, ward, other_ward):
    for decision, code in (
        (_decision(ward.district, "draft"), "decision_not_in_force"),
        (_decision(other_ward.district, "published"), "decision_other_district"),
    ):
        with pytest.raises(DomainError) as error:
            commitment_record(
                actor=finance, district=ward.district, line=line, amount_pence=1,
                description="x", committed_on=date(2026, 5, 1), decision=decision,
            )  # fmt: skip
        assert error.value.code == code
    assert not Commitment.objects.exists()


def test_variance_is_budget_less_commitments_less_spend(finance, need_formula, line, ward):
    allocation = allocation_adopt(actor=finance, formula=need_formula)
    budget = allocation.rows.get(district=ward.district, ward__isnull=True).amount_pence
    commitment_record(
        actor=finance, district=ward.district, line=line, amount_pence=50_000,
        description="Summer scheme", committed_on=date(2026, 5, 1),
    )  # fmt: skip
    spend_import(actor=finance, text=GOOD)
    report = monitoring_report(financial_year="2026/27")
    row = next(r for r in report.rows() if r["district"] == "west-oldham")
    assert row["budget_pence"] == budget
    assert row["variance_pence"] == budget - 50_000 - 140_000
    assert [q["quarter"] for q in report.quarter_rows()] == ["2026/27 Q1"]
    assert "west-oldham,youth-service" in report.as_csv()
