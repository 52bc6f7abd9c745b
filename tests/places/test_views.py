def test_home_shows_districts_and_the_illustrative_banner(client, places):
    page = client.get("/").content.decode()
    assert "West Oldham" in page
    assert "illustrative" in page


def test_district_page_lists_wards_and_figures(client, places):
    page = client.get("/districts/saddleworth-lees/").content.decode()
    assert "Saddleworth South" in page
    assert "Population" in page


def test_unknown_district_page_is_404(client, places):
    assert client.get("/districts/atlantis/").status_code == 404


def test_district_page_lists_partners_serving_the_district(client, db, demo_borough):
    page = client.get("/districts/west-oldham/").content.decode()
    assert "Greater Manchester Police" in page
    assert "Saddleworth Parish Council" not in page
    assert "37,800" in page
