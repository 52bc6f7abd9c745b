"""The Local Leaders Programme table agrees with each councillor's own eligibility."""

from coopcouncil.democracy.selectors import councillor_eligibility
from coopcouncil.democracy.selectors.leaders import councillors_eligibility_table
from coopcouncil.people.models import User


def test_table_matches_the_rule_the_permission_layer_applies(db, demo_borough):
    rows = councillors_eligibility_table()
    assert len(rows) == 60
    assert {row["is_eligible"] for row in rows} == {True, False}
    users = User.objects.in_bulk([row["user_id"] for row in rows])
    for row in rows:
        own = councillor_eligibility(users[row["user_id"]])
        assert (row["modules_attended"], row["is_eligible"], row["reason"]) == (
            own.modules_attended,
            own.is_eligible,
            own.reason,
        )


def test_programme_page_does_not_query_per_councillor(
    client, db, demo_borough, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        assert client.get("/democracy/local-leaders/").status_code == 200
