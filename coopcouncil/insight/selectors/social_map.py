"""The social map: organisations, community assets and the ties between groups, with no
personal data — only organisations, assets and counts leave this module.

Ties come from shared members (people's current roles), seats on the same district
partnership (democracy), holding the same community asset today, by lease, transfer or
meanwhile licence (coproduction's ``asset_holders``), and holding a grant jointly (issue
17): the lead applicant and each partner of an awarded joint application, and the partners
with each other (grants' ``joint_award_applicants``; drafts, refusals and awards a call-in
has suspended or withdrawn tie nobody). A tie is never guessed from two awards that merely
share a round or a ward.

A group is placed in the ward where its work is recorded: the assets it holds and the
wards its grant awards benefit (as lead or partner), the most frequent first (then by ward
name). On the map it stands at a point inside that ward (servicerequests' ward
boundaries); an asset stands at its own coordinates, or inside its ward when it has none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from django.urls import reverse
from django.utils.translation import gettext

from coopcouncil.coproduction.selectors import asset_holders, asset_list
from coopcouncil.democracy.selectors import partnership_organisations
from coopcouncil.grants.selectors import JointAward, awards_public, joint_award_applicants
from coopcouncil.insight.logic.social_map import Group, SocialNetwork, Tie, social_network
from coopcouncil.people.selectors import organisation_list, organisation_memberships
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import ward_list
from coopcouncil.servicerequests.selectors import ward_points


def _pairs_from(members: dict[int, set[int]]) -> Counter[tuple[int, int]]:
    """How many of the keys (people, partnerships, assets) each pair of organisations shares."""
    pairs: Counter[tuple[int, int]] = Counter()
    for organisations in members.values():
        for pair in combinations(sorted(organisations), 2):
            pairs[pair] += 1
    return pairs


def _group_wards(wards: dict[int, Ward], joint_awards: list[JointAward]) -> dict[int, Ward]:
    """Each organisation's ward: where most of its assets and grant awards are (a partner
    holds a joint award as the lead does)."""
    asset_wards = dict(asset_list().values_list("pk", "ward_id"))
    evidence: dict[int, Counter[int]] = {}
    for holder in asset_holders():
        evidence.setdefault(holder.organisation_id, Counter())[asset_wards[holder.asset_id]] += 1
    awarded = awards_public().exclude(ward=None).values_list("organisation_id", "ward_id")
    for organisation_id, ward_id in awarded.order_by():
        evidence.setdefault(organisation_id, Counter())[ward_id] += 1
    for joint in joint_awards:
        if joint.ward_id is None:
            continue
        for partner_id in joint.partner_ids:
            evidence.setdefault(partner_id, Counter())[joint.ward_id] += 1
    return {
        organisation_id: wards[min(counts, key=lambda w: (-counts[w], wards[w].name))]
        for organisation_id, counts in evidence.items()
    }


@dataclass(frozen=True)
class MappedAsset:
    id: int
    name: str
    kind: str
    ward: Ward
    holders: int
    latitude: float | None
    longitude: float | None
    url: str


@dataclass(frozen=True)
class SocialMap:
    """The network, with where each group and asset stands (for the map and its GeoJSON)."""

    network: SocialNetwork
    group_wards: dict[int, Ward]
    assets: tuple[MappedAsset, ...]
    points: dict[int, tuple[float, float]]  # a point inside each ward, by ward id


def social_map() -> SocialMap:
    """Every organisation, its ties and the network measures; every asset, with how many
    organisations hold it (a fixed number of queries, one more per district partnership)."""
    organisations = list(organisation_list())
    known = {o.pk for o in organisations}
    wards = {w.pk: w for w in ward_list()}
    by_person: dict[int, set[int]] = {}
    for row in organisation_memberships():
        by_person.setdefault(row["user_id"], set()).add(row["organisation_id"])
    holders = asset_holders()
    by_asset: dict[int, set[int]] = {}
    for holder in holders:
        by_asset.setdefault(holder.asset_id, set()).add(holder.organisation_id)
    shared = _pairs_from(by_person)
    partnered = _pairs_from(partnership_organisations())
    co_holding = _pairs_from(by_asset)
    joint_awards = joint_award_applicants()
    co_funded = _pairs_from({j.application_id: set(j.organisation_ids) for j in joint_awards})
    ties = [
        Tie(
            a,
            b,
            shared.get((a, b), 0),
            partnered.get((a, b), 0),
            co_holding.get((a, b), 0),
            co_funded.get((a, b), 0),
        )
        for a, b in sorted(set(shared) | set(partnered) | set(co_holding) | set(co_funded))
        if a in known and b in known
    ]
    group_wards = _group_wards(wards, joint_awards)
    no_district = gettext("Borough-wide")
    groups = [
        Group(
            o.pk,
            o.name,
            o.district.name if o.district is not None else no_district,
            group_wards[o.pk].name if o.pk in group_wards else None,
        )
        for o in organisations
    ]
    assets = tuple(
        MappedAsset(
            id=asset.pk,
            name=asset.name,
            kind=asset.get_kind_display(),
            ward=wards[asset.ward_id],
            holders=len(by_asset.get(asset.pk, ())),
            latitude=float(asset.latitude) if asset.latitude is not None else None,
            longitude=float(asset.longitude) if asset.longitude is not None else None,
            url=reverse("coproduction:asset", args=[asset.reference]),
        )
        for asset in asset_list().order_by("name")
    )
    return SocialMap(social_network(groups, ties), group_wards, assets, ward_points())


def social_map_geojson(found: SocialMap) -> dict:
    """Groups and assets as GeoJSON points (longitude first, as GeoJSON orders them): names
    and counts only. A group with no ward, or a ward with no boundary, is left off the map
    (it stays in the list)."""
    features = []
    for measure in found.network.groups:
        ward = found.group_wards.get(measure.group.id)
        point = found.points.get(ward.pk) if ward is not None else None
        if ward is None or point is None:
            continue
        features.append(
            _point(
                point,
                kind="group",
                label=measure.group.name,
                ward=ward.name,
                district=measure.group.district,
                ties=measure.ties,
                betweenness=measure.betweenness,
                is_isolated=measure.is_isolated,
            )
        )
    for asset in found.assets:
        point = (
            (asset.latitude, asset.longitude)
            if asset.latitude is not None and asset.longitude is not None
            else found.points.get(asset.ward.pk)
        )
        if point is None:
            continue
        features.append(
            _point(
                point,
                kind="asset",
                label=asset.name,
                ward=asset.ward.name,
                asset_kind=asset.kind,
                holders=asset.holders,
                url=asset.url,
            )
        )
    return {"type": "FeatureCollection", "features": features}


def _point(point: tuple[float, float], **properties: object) -> dict:
    latitude, longitude = point
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
        "properties": properties,
    }
