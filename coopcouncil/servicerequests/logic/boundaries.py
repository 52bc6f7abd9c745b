"""Which ward a point is in: point-in-polygon against the wards' boundaries (shapely).

Boundaries arrive as GeoJSON geometries (longitude first, as GeoJSON orders them) keyed by
ward code. ``WardShapes`` prepares each polygon once, so a lookup costs one bounding-box
filter and one prepared containment test per candidate ward. A point on a shared edge
belongs to the first ward by code, so every point in the borough has exactly one ward.

Example: with ``{"A": square (0,0)-(1,1), "B": square (1,0)-(2,1)}``, the point at latitude
0.5, longitude 0.5 is in ward ``A``; latitude 0.5, longitude 5 is in none (outside the borough).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import shapely
from shapely.geometry import Point, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union


class BoundaryInvalid(ValueError):
    """A ward boundary that is not a valid polygon (``ward_code`` names it)."""

    def __init__(self, ward_code: str, reason: str) -> None:
        super().__init__(f"{ward_code}: {reason}")
        self.ward_code = ward_code
        self.reason = reason


def boundary_parse(ward_code: str, geometry: Mapping) -> BaseGeometry:
    """A ward's GeoJSON geometry as a shape; only valid Polygons and MultiPolygons are taken."""
    try:
        found = shape(geometry)
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException):
        raise BoundaryInvalid(ward_code, "not a GeoJSON geometry") from None
    if found.geom_type not in ("Polygon", "MultiPolygon"):
        raise BoundaryInvalid(ward_code, f"a {found.geom_type}, not a Polygon or MultiPolygon")
    if found.is_empty or not found.is_valid:
        raise BoundaryInvalid(ward_code, "the polygon is empty or crosses itself")
    return found


class WardShapes:
    """Every ward's boundary, prepared for fast point-in-polygon tests."""

    def __init__(self, boundaries: Mapping[str, BaseGeometry]) -> None:
        self._shapes = sorted(boundaries.items())
        for _, geometry in self._shapes:
            shapely.prepare(geometry)

    def ward_code_at(self, *, latitude: float, longitude: float) -> str | None:
        """The code of the ward containing the point, or None when it is outside every ward."""
        point = Point(longitude, latitude)
        for code, geometry in self._shapes:
            if geometry.covers(point):
                return code
        return None

    def ward_point(self, ward_code: str) -> tuple[float, float] | None:
        """A point (latitude, longitude) surely inside the ward, to stand for it on a map."""
        for code, geometry in self._shapes:
            if code == ward_code:
                point = geometry.representative_point()
                return point.y, point.x
        return None

    def __len__(self) -> int:
        return len(self._shapes)


@dataclass(frozen=True)
class Box:
    """A rectangle of latitude and longitude (WGS84)."""

    south: float
    west: float
    north: float
    east: float


def voronoi_wards(seeds: Mapping[str, Iterable[tuple[float, float]]], area: Box) -> dict[str, dict]:
    """Illustrative, non-overlapping ward polygons that exactly cover ``area``.

    Each ward has one or more seed points (latitude, longitude): the area is split into
    Voronoi cells around every seed, and a ward is the union of its seeds' cells. So a
    postcode whose point is a seed of its ward always falls inside that ward. The result
    is deterministic: GeoJSON geometries by ward code, coordinates rounded to 6 places.
    """
    frame = box(area.west, area.south, area.east, area.north)
    owners: list[tuple[Point, str]] = [
        (Point(lng, lat), code)
        for code, points in sorted(seeds.items())
        for lat, lng in sorted(set(points))
    ]
    cells = shapely.voronoi_polygons(
        shapely.MultiPoint([point for point, _ in owners]), extend_to=frame
    )
    by_ward: dict[str, list[BaseGeometry]] = {}
    for cell in cells.geoms:
        owner = next(code for point, code in owners if cell.covers(point))
        by_ward.setdefault(owner, []).append(cell.intersection(frame))
    return {
        code: mapping(shapely.set_precision(unary_union(parts), 0.000001))
        for code, parts in sorted(by_ward.items())
    }


def points_within(
    geometry: Mapping, count: int, *, uniform: Callable[[float, float], float]
) -> list[tuple[float, float]]:
    """``count`` points (latitude, longitude) inside a GeoJSON polygon, drawn with
    ``uniform(a, b)`` (e.g. a seeded ``random.Random().uniform``) so the result repeats."""
    polygon = shape(geometry)
    shapely.prepare(polygon)
    west, south, east, north = polygon.bounds
    found: list[tuple[float, float]] = []
    while len(found) < count:
        lng, lat = uniform(west, east), uniform(south, north)
        if polygon.contains(Point(lng, lat)):
            found.append((round(lat, 6), round(lng, 6)))
    return found
