"""The social map's network measures: which groups bridge, which stand alone, and whether
ties stay within a district (bonding) or cross between districts (bridging).

Groups are nodes; a tie joins two groups that share members or sit on the same district
partnership. Betweenness centrality (Brandes 2001, as networkx computes it) finds groups
on the shortest paths between others: the connectors whose loss would split the network.
Bonding and bridging ties follow Putnam (2000), *Bowling Alone*, ch. 1.

Example: A–B in district north and B–C with C in south: B has the highest betweenness,
A–B is a bonding tie in north, B–C a bridging tie; a group D with no ties is isolated.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class Group:
    id: int
    name: str
    district: str


@dataclass(frozen=True)
class Tie:
    a: int
    b: int
    shared_members: int
    shared_partnerships: int


@dataclass(frozen=True)
class GroupMeasure:
    group: Group
    ties: int
    betweenness: float
    is_isolated: bool
    x: float
    y: float


@dataclass(frozen=True)
class DistrictTies:
    district: str
    bonding: int
    bridging: int


@dataclass(frozen=True)
class SocialNetwork:
    groups: tuple[GroupMeasure, ...]
    ties: tuple[Tie, ...]
    districts: tuple[DistrictTies, ...]


def social_network(groups: list[Group], ties: list[Tie], *, seed: int = 1) -> SocialNetwork:
    """Measure the network; positions (0–1) come from a spring layout with a fixed ``seed``
    so the drawing stays put between page views."""
    graph = nx.Graph()
    graph.add_nodes_from(group.id for group in groups)
    for tie in ties:
        graph.add_edge(tie.a, tie.b, weight=tie.shared_members + tie.shared_partnerships)
    betweenness = nx.betweenness_centrality(graph, normalized=True) if groups else {}
    layout = nx.spring_layout(graph, seed=seed) if groups else {}
    xs = [float(p[0]) for p in layout.values()] or [0.0]
    ys = [float(p[1]) for p in layout.values()] or [0.0]
    measured = tuple(
        GroupMeasure(
            group=group,
            ties=graph.degree(group.id),
            betweenness=round(betweenness.get(group.id, 0.0), 3),
            is_isolated=graph.degree(group.id) == 0,
            x=_unit(float(layout[group.id][0]), xs),
            y=_unit(float(layout[group.id][1]), ys),
        )
        for group in groups
    )
    return SocialNetwork(measured, tuple(ties), _district_ties(groups, ties))


def _unit(value: float, values: list[float]) -> float:
    low, high = min(values), max(values)
    return 0.5 if high == low else round((value - low) / (high - low), 3)


def _district_ties(groups: list[Group], ties: list[Tie]) -> tuple[DistrictTies, ...]:
    district_of = {group.id: group.district for group in groups}
    counts: dict[str, list[int]] = {name: [0, 0] for name in sorted(set(district_of.values()))}
    for tie in ties:
        first, second = district_of[tie.a], district_of[tie.b]
        if first == second:
            counts[first][0] += 1
        else:
            counts[first][1] += 1
            counts[second][1] += 1
    return tuple(
        DistrictTies(name, bonding, bridging) for name, (bonding, bridging) in counts.items()
    )
