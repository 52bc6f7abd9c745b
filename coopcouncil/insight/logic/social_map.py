"""The social map's network measures: which groups bridge, which stand alone, and whether
ties stay within a ward or district (bonding) or cross between them (bridging).

Groups are nodes; a tie joins two groups that share members, sit on the same district
partnership, hold the same community asset, or hold a grant jointly (lead and partners of
an awarded joint application). Betweenness centrality (Brandes 2001, as
networkx computes it) finds groups on the shortest paths between others: the connectors
whose loss would split the network. Bonding and bridging ties follow Putnam (2000),
*Bowling Alone*, ch. 1.

Example: A–B in ward Coldhurst and B–C with C in ward Werneth: B has the highest
betweenness, A–B is a bonding tie in Coldhurst, B–C a bridging tie of both wards; a group
D with no ties is isolated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class Group:
    """An organisation; ``ward`` is where its work is placed (None when nothing says)."""

    id: int
    name: str
    district: str
    ward: str | None = None


# The kinds of tie (stable codes, in the order a tie names them), by the count behind each.
TIE_KINDS = (
    ("shared_members", "shared_members"),
    ("shared_partnerships", "district_partnership"),
    ("shared_assets", "shared_asset"),
    ("joint_grants", "joint_grant"),
)


@dataclass(frozen=True)
class Tie:
    a: int
    b: int
    shared_members: int
    shared_partnerships: int
    shared_assets: int = 0
    joint_grants: int = 0

    @property
    def kinds(self) -> tuple[str, ...]:
        """What ties the two groups, e.g. ``("shared_members", "joint_grant")``."""
        return tuple(kind for name, kind in TIE_KINDS if getattr(self, name))

    @property
    def strength(self) -> int:
        return sum(getattr(self, name) for name, _kind in TIE_KINDS)


@dataclass(frozen=True)
class GroupMeasure:
    group: Group
    ties: int
    betweenness: float
    is_isolated: bool
    x: float
    y: float


@dataclass(frozen=True)
class AreaTies:
    """Ties within one area (bonding) and from it to another area (bridging)."""

    area: str
    bonding: int
    bridging: int


@dataclass(frozen=True)
class SocialNetwork:
    groups: tuple[GroupMeasure, ...]
    ties: tuple[Tie, ...]
    districts: tuple[AreaTies, ...]
    wards: tuple[AreaTies, ...]


def social_network(groups: list[Group], ties: list[Tie], *, seed: int = 1) -> SocialNetwork:
    """Measure the network; positions (0–1) come from a spring layout with a fixed ``seed``
    so the drawing stays put between page views."""
    graph = nx.Graph()
    graph.add_nodes_from(group.id for group in groups)
    for tie in ties:
        graph.add_edge(tie.a, tie.b, weight=tie.strength)
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
    return SocialNetwork(
        measured,
        tuple(ties),
        area_ties(groups, ties, lambda group: group.district),
        area_ties(groups, ties, lambda group: group.ward),
    )


def _unit(value: float, values: list[float]) -> float:
    low, high = min(values), max(values)
    return 0.5 if high == low else round((value - low) / (high - low), 3)


def area_ties(
    groups: list[Group], ties: list[Tie], area_of: Callable[[Group], str | None]
) -> tuple[AreaTies, ...]:
    """Bonding and bridging ties per area, areas in name order.

    A tie whose two groups share an area bonds in it; a tie across two areas bridges in
    both. A group with no area (``area_of`` gives None) is left out, with its ties.
    """
    area_by_group = {group.id: area_of(group) for group in groups}
    areas = sorted({area for area in area_by_group.values() if area is not None})
    counts: dict[str, list[int]] = {area: [0, 0] for area in areas}
    for tie in ties:
        first, second = area_by_group.get(tie.a), area_by_group.get(tie.b)
        if first is None or second is None:
            continue
        if first == second:
            counts[first][0] += 1
        else:
            counts[first][1] += 1
            counts[second][1] += 1
    return tuple(AreaTies(area, bonding, bridging) for area, (bonding, bridging) in counts.items())
