"""The public attendance table agrees with each councillor's own attendance record."""

from django.utils import timezone

from coopcouncil.democracy.selectors import attendance_rates, councillor_attendance


def test_table_counts_what_each_councillors_own_record_counts(db, demo_borough):
    year = timezone.localdate().year
    rows = attendance_rates(year=year)
    assert len(rows) == 60
    assert any(row["record"].attended for row in rows)
    for row in rows:
        assert row["record"] == councillor_attendance(row["seat"].user, year=year)


def test_councillors_page_does_not_query_per_councillor(
    client, db, demo_borough, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        assert client.get("/democracy/councillors/").status_code == 200
