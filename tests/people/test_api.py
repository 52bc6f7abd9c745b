import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, demo_borough):
    """The demo borough, loaded once for every test that uses it (tests/conftest.py)."""


def test_councillors_filter_by_ward(client, demo):
    body = client.get("/api/v1/councillors?ward=coldhurst").json()
    assert body["count"] == 3
    assert {c["ward_slug"] for c in body["items"]} == {"coldhurst"}


def test_councillor_detail_and_unknown_councillor(client, demo):
    first = client.get("/api/v1/councillors?limit=1").json()["items"][0]
    assert client.get(f"/api/v1/councillors/{first['id']}").json()["name"] == first["name"]
    response = client.get("/api/v1/councillors/999999")
    assert response.status_code == 404
    assert "councillor" in response.json()["errors"]


def test_organisations_filter_by_kind(client, demo):
    body = client.get("/api/v1/organisations?kind=community_group&limit=100").json()
    assert body["count"] == 12
    assert all(o["kind"] == "community_group" for o in body["items"])


def test_bad_pagination_is_a_400(client, demo):
    response = client.get("/api/v1/organisations?offset=-1")
    assert response.status_code == 400
    assert "offset" in response.json()["errors"]


def test_an_id_too_large_for_the_database_is_a_client_error_not_a_500(client, demo):
    # SQLite cannot bind the number (400); PostgreSQL finds no such row (404).
    response = client.get("/api/v1/councillors/37708340240985253646172160")
    assert response.status_code in (400, 404)
    assert set(response.json()) >= {"detail", "errors"}
