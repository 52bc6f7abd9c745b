"""Ward from a point: point-in-polygon, the shared-edge rule, and the illustrative map."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import box, shape

from coopcouncil.servicerequests.logic.boundaries import (
    BoundaryInvalid,
    Box,
    WardShapes,
    boundary_parse,
    points_within,
    voronoi_wards,
)


def square(west, south, east, north):
    return boundary_parse("X", box(west, south, east, north).__geo_interface__)


def two_wards():
    return WardShapes({"A": square(0, 0, 1, 1), "B": square(1, 0, 2, 1)})


def test_a_point_is_in_the_ward_whose_polygon_holds_it():
    assert two_wards().ward_code_at(latitude=0.5, longitude=0.5) == "A"
    assert two_wards().ward_code_at(latitude=0.5, longitude=1.5) == "B"


def test_a_point_outside_every_ward_is_outside_the_borough():
    assert two_wards().ward_code_at(latitude=0.5, longitude=5) is None


def test_a_point_on_a_shared_edge_belongs_to_the_first_ward_by_code():
    assert two_wards().ward_code_at(latitude=0.5, longitude=1.0) == "A"


def test_a_line_or_a_self_crossing_polygon_is_not_a_boundary():
    with pytest.raises(BoundaryInvalid):
        boundary_parse("OLD01", {"type": "LineString", "coordinates": [[0, 0], [1, 1]]})
    bow_tie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    with pytest.raises(BoundaryInvalid):
        boundary_parse("OLD01", bow_tie)
    with pytest.raises(BoundaryInvalid):
        boundary_parse("OLD01", {"type": "Polygon"})


AREA = Box(south=0, west=0, north=10, east=10)
# Seeds on a 0.1 grid, so no two are closer than the map's rounding.
seed_points = st.lists(
    st.tuples(st.integers(1, 99).map(lambda n: n / 10), st.integers(1, 99).map(lambda n: n / 10)),
    min_size=3,
    max_size=12,
    unique=True,
)


@given(seed_points)
def test_illustrative_wards_cover_the_box_without_overlapping(points):
    seeds = {f"W{i:02d}": [p] for i, p in enumerate(points)}
    wards = {code: shape(g) for code, g in voronoi_wards(seeds, AREA).items()}
    total = sum(w.area for w in wards.values())
    assert total == pytest.approx(100, rel=1e-3)
    codes = sorted(wards)
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            assert wards[first].intersection(wards[second]).area < 1e-3


@given(seed_points)
def test_every_seed_lies_in_its_own_ward(points):
    seeds = {f"W{i:02d}": [p] for i, p in enumerate(points)}
    shapes = WardShapes(
        {code: boundary_parse(code, g) for code, g in voronoi_wards(seeds, AREA).items()}
    )
    for code, ((lat, lng),) in seeds.items():
        assert shapes.ward_code_at(latitude=lat, longitude=lng) == code


def test_random_points_fall_inside_their_polygon():
    import random

    geometry = box(0, 0, 1, 2).__geo_interface__
    points = points_within(geometry, 50, uniform=random.Random(3).uniform)
    assert len(points) == 50
    assert all(0 <= lat <= 2 and 0 <= lng <= 1 for lat, lng in points)


def test_the_shipped_demo_map_is_the_one_the_demo_seeds_make():
    from coopcouncil.servicerequests.demo import BOUNDARIES_FILE, demo_boundaries

    shipped = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(demo_boundaries()))


def test_each_illustrative_postcode_lies_in_its_own_ward_on_the_demo_map():
    import csv

    from coopcouncil.servicerequests.demo import BOUNDARIES_FILE, POSTCODES_FILE

    shipped = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))
    shapes = WardShapes(
        {
            f["properties"]["ward_code"]: boundary_parse("", f["geometry"])
            for f in shipped["features"]
        }
    )
    with POSTCODES_FILE.open(encoding="utf-8") as rows:
        # Postcodes of the borough only: the directory also lists one over the border.
        postcodes = [r for r in csv.DictReader(rows) if r["lat"] and r["ward"].startswith("OLD")]
    assert postcodes
    for row in postcodes:
        at = shapes.ward_code_at(latitude=float(row["lat"]), longitude=float(row["long"]))
        assert at == row["ward"], row["pcds"]
