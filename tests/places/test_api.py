def test_districts_list_derived_figures(client, places):
    body = client.get("/api/v1/districts").json()
    assert body["count"] == 6
    west = next(d for d in body["items"] if d["slug"] == "west-oldham")
    assert set(west["wards"]) == {"coldhurst", "medlock-vale", "werneth"}
    assert float(west["figures"]["unemployment_rate"]) > 4.9


def test_wards_filter_by_district_and_paginate(client, places):
    body = client.get("/api/v1/wards?district=saddleworth-lees&limit=2").json()
    assert body["count"] == 3
    assert len(body["items"]) == 2
    assert all(w["district_slug"] == "saddleworth-lees" for w in body["items"])


def test_ward_detail_has_published_figures(client, places):
    body = client.get("/api/v1/wards/coldhurst").json()
    assert body["under16_share"] == "31.20"
    assert body["bme_share"] == "56.90"


def test_bad_query_value_is_400_with_field_error(client, places):
    response = client.get("/api/v1/wards?limit=lots")
    assert response.status_code == 400
    assert "limit" in response.json()["errors"]


def test_unknown_district_filter_is_404_with_field_error(client, places):
    response = client.get("/api/v1/wards?district=atlantis")
    assert response.status_code == 404
    assert response.json()["errors"] == {"district": ["There is no district 'atlantis'."]}


def test_openapi_document_is_served(client, places):
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "coopcouncil API"
    assert client.get("/api/docs", follow=True).status_code == 200


def test_an_absurd_page_size_is_a_400_not_a_database_error(client, places):
    response = client.get("/api/v1/wards?limit=18446744073709551617")
    assert response.status_code == 400
    assert "limit" in response.json()["errors"]
    assert client.get("/api/v1/wards?limit=501").status_code == 400
