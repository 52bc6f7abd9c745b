"""The social map: ties from shared members and shared assets, groups placed by ward on a
map, bonding and bridging per ward, and nothing about any person."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from coopcouncil.insight.selectors import social_map, social_map_geojson


@pytest.fixture
def boundaries(places):
    from coopcouncil.servicerequests.demo import _load_boundaries

    return _load_boundaries()


@pytest.fixture
def network(ward, other_ward, make_group, make_user, make_award, make_asset, boundaries):
    """Friends and Allotments share a member and Coldhurst Hall (lease and licence); the
    Youth Club's grant is in another ward and shares a member with Friends; Choir has no
    ties and no ward."""
    groups = {
        name: make_group(name)
        for name in ("Coldhurst Friends", "Coldhurst Allotments", "Youth Club", "Choir")
    }
    shares_two(
        make_user("Gita Sharedmember"), groups["Coldhurst Friends"], groups["Coldhurst Allotments"]
    )
    shares_two(make_user("Yusuf Bridger"), groups["Coldhurst Friends"], groups["Youth Club"])
    hall = make_asset(
        "Coldhurst Hall",
        lease=groups["Coldhurst Friends"],
        licences=[groups["Coldhurst Allotments"]],
    )
    make_award("Youth nights", groups["Youth Club"], award_ward=other_ward)
    return groups, hall


def shares_two(person, first, second) -> None:
    """``person`` is a current member of both groups."""
    from coopcouncil.people.models import RoleAssignment

    for organisation in (first, second):
        RoleAssignment.objects.create(user=person, role="group_member", organisation=organisation)


def _by_name(found):
    return {m.group.name: m for m in found.network.groups}


def test_groups_holding_the_same_asset_are_tied_by_it(network):
    groups, _hall = network
    found = social_map()
    friends, allotments = groups["Coldhurst Friends"].pk, groups["Coldhurst Allotments"].pk
    [tie] = [t for t in found.network.ties if {t.a, t.b} == {friends, allotments}]
    assert (tie.shared_members, tie.shared_assets) == (1, 1)


def test_a_group_is_placed_in_the_ward_of_its_assets_and_grants(network, ward, other_ward):
    by_name = _by_name(social_map())
    assert by_name["Coldhurst Friends"].group.ward == ward.name
    assert by_name["Youth Club"].group.ward == other_ward.name
    assert by_name["Choir"].group.ward is None and by_name["Choir"].is_isolated


def test_bonding_and_bridging_ties_are_counted_per_ward(network, ward, other_ward):
    wards = {w.area: (w.bonding, w.bridging) for w in social_map().network.wards}
    assert wards == {ward.name: (1, 1), other_ward.name: (0, 1)}


def test_the_friends_bridge_the_two_clusters(network):
    found = social_map()
    assert max(found.network.groups, key=lambda m: m.betweenness).group.name == (
        "Coldhurst Friends"
    )


def test_groups_stand_in_their_ward_and_assets_on_the_map_with_no_ward_left_off(network):
    found = social_map()
    features = social_map_geojson(found)["features"]
    labels = {(f["properties"]["kind"], f["properties"]["label"]) for f in features}
    assert labels == {
        ("group", "Coldhurst Friends"),
        ("group", "Coldhurst Allotments"),
        ("group", "Youth Club"),
        ("asset", "Coldhurst Hall"),
    }
    [hall] = [f for f in features if f["properties"]["kind"] == "asset"]
    assert hall["properties"]["holders"] == 2


def test_the_map_list_api_and_geojson_show_no_person_and_no_contact(client, network):
    """Only organisations, assets and counts: no member's name, no email address."""
    pages = [
        client.get(reverse("insight:social_map")).content.decode(),
        client.get(reverse("insight:social_map_geojson")).content.decode(),
        client.get("/api/v1/insight/social-map").content.decode(),
    ]
    for body in pages:
        assert "Coldhurst Friends" in body
        assert "Sharedmember" not in body and "Bridger" not in body
        assert "@" not in body.replace("@context", "")


def test_the_geojson_is_a_download_of_points(client, network):
    response = client.get(reverse("insight:social_map_geojson"))
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert {f["geometry"]["type"] for f in collection["features"]} == {"Point"}


def test_the_map_reads_a_fixed_number_of_queries_however_many_groups(
    network, make_group, make_asset, django_assert_max_num_queries
):
    social_map()
    with django_assert_max_num_queries(20) as counted:
        social_map()
    first = len(counted.captured_queries)
    for number in range(5):
        make_asset(f"Shed {number}", lease=make_group(f"Group {number}"))
    with django_assert_max_num_queries(first):
        social_map()
