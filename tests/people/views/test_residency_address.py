"""The address step of verifying residency: postcode, then address; the ward follows.

Demo postcodes: coopcouncil/demo/README.md.
"""

import pytest

from coopcouncil.people.models import Residency

pytestmark = pytest.mark.usefixtures("addresses")

ADDRESS_STEP = "/accounts/profile/residency/address/"
CLAIM = "/accounts/profile/residency/"


@pytest.fixture
def resident(client, make_user):
    user = make_user()
    client.force_login(user)
    return user


def test_a_postcode_lists_its_addresses_on_a_page_without_javascript(client, resident):
    response = client.post(ADDRESS_STEP, {"postcode": "ol1 9vk"})
    page = response.content.decode()
    assert response.status_code == 200 and "<html" in page
    assert "6 Boundary Lane, Oldham" in page and "My address is not listed" in page
    assert 'name="postcode" value="OL1 9VK"' in page


def test_a_postcode_lists_its_addresses_as_a_partial_for_htmx(client, resident):
    response = client.post(ADDRESS_STEP, {"postcode": "OL1 9VK"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and page.startswith('<div id="address-choice">')
    assert "2 Boundary Lane, Oldham" in page


def test_the_ward_comes_from_the_chosen_address(client, resident):
    response = client.post(CLAIM, {"postcode": "OL1 9VK", "uprn": "990000000303"})
    assert response.status_code == 302
    residency = Residency.objects.get(user=resident)
    assert residency.ward.name == "St Mary's" and residency.uprn == 990000000303
    assert "You are in St Mary" in client.get("/accounts/profile/").content.decode()


def test_the_ward_comes_from_the_postcode_where_no_address_is_listed(client, resident):
    step = client.post(ADDRESS_STEP, {"postcode": "OL4 9CM"}).content.decode()
    assert "The council lists no addresses at OL4 9CM" in step
    response = client.post(CLAIM, {"postcode": "OL4 9CM", "address": "9 Moor Road"})
    assert response.status_code == 302
    assert Residency.objects.get(user=resident).ward.name == "St Mary's"


def test_a_postcode_outside_the_borough_is_refused_on_the_postcode_field(client, resident):
    response = client.post(ADDRESS_STEP, {"postcode": "M1 1AE"})
    assert response.status_code == 400
    assert 'id="id_postcode_error">M1 1AE is not a postcode in Oldham (demo).' in (
        response.content.decode()
    )
    assert client.post(CLAIM, {"postcode": "M1 1AE", "address": "1 St"}).status_code == 400
    assert not Residency.objects.exists()


def test_a_straddling_postcode_goes_to_the_officer_queue_and_the_officer_decides(
    client, resident, make_role, ward
):
    client.post(CLAIM, {"postcode": "OL1 9VK", "uprn": "", "address": "10 Boundary Lane"})
    residency = Residency.objects.get(user=resident)
    assert residency.ward is None
    assert "a district officer is deciding your ward" in (
        client.get("/accounts/profile/").content.decode()
    )
    client.force_login(make_role("officer", team="district_team", district=ward.district))
    queue = client.get("/accounts/residency/queue/").content.decode()
    assert "10 Boundary Lane" in queue and '<option value="st-marys">' in queue
    refused = client.post(f"/accounts/residency/{residency.pk}/ward/", {"ward": "shaw"})
    assert refused.status_code == 400
    response = client.post(f"/accounts/residency/{residency.pk}/ward/", {"ward": "st-marys"})
    assert response.status_code == 302
    residency.refresh_from_db()
    assert residency.ward.slug == "st-marys"


def test_residents_cannot_decide_a_ward(client, resident, make_user):
    client.post(CLAIM, {"postcode": "OL1 9VK", "address": "10 Boundary Lane"})
    residency = Residency.objects.get(user=resident)
    response = client.post(f"/accounts/residency/{residency.pk}/ward/", {"ward": "st-marys"})
    assert response.status_code == 403
