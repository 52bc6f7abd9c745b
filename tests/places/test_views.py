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
