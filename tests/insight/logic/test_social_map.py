"""The social map's measures on a hand-drawn network, and as properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.insight.logic.social_map import Group, Tie, social_network

GROUPS = [
    Group(1, "A", "north", "Coldhurst"),
    Group(2, "B", "north", "Coldhurst"),
    Group(3, "C", "south", "Werneth"),
    Group(4, "D", "south", None),
]


def test_the_group_between_two_clusters_bridges_and_a_group_with_no_ties_is_isolated():
    network = social_network(GROUPS, [Tie(1, 2, 1, 0), Tie(2, 3, 0, 1)])
    by_name = {m.group.name: m for m in network.groups}
    assert max(network.groups, key=lambda m: m.betweenness).group.name == "B"
    assert by_name["D"].is_isolated and not by_name["A"].is_isolated
    ties = {d.area: (d.bonding, d.bridging) for d in network.districts}
    assert ties == {"north": (1, 1), "south": (0, 1)}


def test_bonding_and_bridging_are_counted_per_ward_leaving_out_groups_with_no_ward():
    """The docstring's example: A–B bond in Coldhurst, B–C bridge Coldhurst and Werneth;
    C–D is not counted by ward, as nothing places D in a ward."""
    network = social_network(GROUPS, [Tie(1, 2, 1, 0), Tie(2, 3, 0, 0, 1), Tie(3, 4, 1, 0)])
    ties = {w.area: (w.bonding, w.bridging) for w in network.wards}
    assert ties == {"Coldhurst": (1, 1), "Werneth": (0, 1)}


def test_a_shared_asset_alone_ties_two_groups():
    network = social_network(GROUPS, [Tie(3, 4, 0, 0, 1)])
    by_name = {m.group.name: m for m in network.groups}
    assert by_name["C"].ties == by_name["D"].ties == 1


@given(st.sets(st.tuples(st.integers(1, 4), st.integers(1, 4)).filter(lambda p: p[0] < p[1])))
def test_every_tie_counts_once_as_bonding_or_twice_as_bridging(pairs):
    ties = [Tie(a, b, 1, 0) for a, b in pairs]
    network = social_network(GROUPS, ties)
    bonding = sum(d.bonding for d in network.districts)
    bridging = sum(d.bridging for d in network.districts)
    assert bonding + bridging / 2 == len(ties)
    placed = [t for t in ties if 4 not in (t.a, t.b)]
    ward_bonding = sum(w.bonding for w in network.wards)
    assert ward_bonding + sum(w.bridging for w in network.wards) / 2 == len(placed)
    assert all(0 <= m.x <= 1 and 0 <= m.y <= 1 for m in network.groups)
