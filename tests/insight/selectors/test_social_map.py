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


@pytest.fixture
def joint(ward, other_ward, make_group, make_award):
    """Lead and two partners hold an awarded joint grant; a declined and a withdrawn joint
    application and a draft tie nobody."""
    groups = {
        name: make_group(name)
        for name in ("Lead Group", "Partner One", "Partner Two", "Declined", "Withdrawn")
    }
    make_award(
        "Clean-up days",
        groups["Lead Group"],
        partners=[groups["Partner One"], groups["Partner Two"]],
    )
    make_award("Refused", groups["Declined"], partners=[groups["Lead Group"]], status="declined")
    make_award("Drafted", groups["Declined"], partners=[groups["Partner One"]], status="draft")
    make_award(
        "Called in",
        groups["Withdrawn"],
        partners=[groups["Partner Two"]],
        standing="withdrawn",
    )
    return {name: group.pk for name, group in groups.items()}


def _ties(found) -> dict[frozenset, object]:
    return {frozenset((t.a, t.b)): t for t in found.network.ties}


def test_an_awarded_joint_grant_ties_the_lead_to_each_partner_and_the_partners(joint):
    ties = _ties(social_map())
    lead, one, two = joint["Lead Group"], joint["Partner One"], joint["Partner Two"]
    for pair in ({lead, one}, {lead, two}, {one, two}):
        tie = ties[frozenset(pair)]
        assert tie.joint_grants == 1 and tie.kinds == ("joint_grant",)


def test_declined_draft_and_withdrawn_joint_applications_tie_nobody(joint):
    ties = _ties(social_map())
    assert frozenset((joint["Declined"], joint["Lead Group"])) not in ties
    assert frozenset((joint["Declined"], joint["Partner One"])) not in ties
    assert frozenset((joint["Withdrawn"], joint["Partner Two"])) not in ties


def test_partners_stand_in_the_joint_awards_ward_and_their_ties_bond_there(joint, ward):
    """Lead and partners all stand in the ward the joint award benefits, so its three ties
    bond within that ward, as ties of any other kind do."""
    found = social_map()
    placed = {m.group.id: m.group.ward for m in found.network.groups}
    assert {placed[joint[name]] for name in ("Lead Group", "Partner One", "Partner Two")} == {
        ward.name
    }
    wards = {w.area: (w.bonding, w.bridging) for w in found.network.wards}
    assert wards[ward.name] == (3, 0)


def test_the_api_and_page_name_a_joint_grant_tie(client, joint):
    body = client.get("/api/v1/insight/social-map").json()
    kinds = {tuple(t["kinds"]) for t in body["ties"]}
    assert ("joint_grant",) in kinds
    page = client.get(reverse("insight:social_map")).content.decode()
    assert "joint grant" in page and "Partner One" in page


def test_the_map_reads_a_fixed_number_of_queries_however_many_joint_grants(
    joint, make_group, make_award, django_assert_max_num_queries
):
    social_map()
    with django_assert_max_num_queries(25) as counted:
        social_map()
    first = len(counted.captured_queries)
    for number in range(4):
        make_award(f"Joint {number}", make_group(f"Lead {number}"),
                   partners=[make_group(f"Partner {number}")])  # fmt: skip
    with django_assert_max_num_queries(first):
        social_map()
