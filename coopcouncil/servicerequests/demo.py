"""Demo service requests: the wards' illustrative boundaries, six services, and a year of
reports with the seasons (potholes and dark street lights in winter, fly-tipping in summer)
and hot spots where the same problem comes back.

Idempotent: categories are found by code, boundaries loaded only where a ward has none, and
the year of reports is added only when no demo report exists. Reports are written with
``bulk_create`` from a seeded generator, so every demo borough has the same year.
"""

from __future__ import annotations

import csv
import json
import random
import secrets
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from coopcouncil.people.selectors import user_find_by_email
from coopcouncil.places.selectors import ward_list
from coopcouncil.servicerequests import services
from coopcouncil.servicerequests.logic.boundaries import Box, points_within, voronoi_wards
from coopcouncil.servicerequests.models import (
    RootCause,
    ServiceCategory,
    ServiceRequest,
    Source,
    Stage,
    WardBoundary,
)

BOUNDARIES_FILE = Path(__file__).with_name("demo_ward_boundaries.geojson")
POSTCODES_FILE = Path(__file__).parent.parent / "demo" / "illustrative_postcodes.csv"
DEMO_DOMAIN = "demo.coopcouncil.invalid"
# A box around Oldham; the illustrative wards cover it exactly.
OLDHAM = Box(south=53.49, west=-2.20, north=53.61, east=-1.96)
# Roughly where each demo ward lies (latitude, longitude): the seeds of the illustrative map.
WARD_CENTRES = {
    "OLD01": (53.546, -2.142),
    "OLD02": (53.562, -2.152),
    "OLD03": (53.531, -2.155),
    "OLD04": (53.529, -2.100),
    "OLD05": (53.551, -2.078),
    "OLD06": (53.541, -2.096),
    "OLD07": (53.556, -2.058),
    "OLD08": (53.550, -2.118),
    "OLD09": (53.517, -2.118),
    "OLD10": (53.535, -2.125),
    "OLD11": (53.509, -2.146),
    "OLD12": (53.503, -2.172),
    "OLD13": (53.521, -2.140),
    "OLD14": (53.578, -2.128),
    "OLD15": (53.565, -2.124),
    "OLD16": (53.580, -2.096),
    "OLD17": (53.596, -2.076),
    "OLD18": (53.580, -2.010),
    "OLD19": (53.526, -2.025),
    "OLD20": (53.548, -2.042),
}

CATEGORIES = [
    {
        "code": "FLY_TIPPING",
        "name": "Fly-tipping",
        "description": "Rubbish dumped on the street, a back alley or open land.",
        "group": "Street cleansing",
        "keywords": "dumping,rubbish,waste,mattress",
        "attributes": [
            {
                "variable": True,
                "code": "WASTE_TYPE",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": "",
                "order": 1,
                "description": "What has been dumped?",
                "values": [
                    {"key": "household", "name": "Household rubbish"},
                    {"key": "bulky", "name": "Furniture or mattresses"},
                    {"key": "builders", "name": "Builders' rubble"},
                    {"key": "garden", "name": "Garden waste"},
                    {"key": "hazardous", "name": "Asbestos, chemicals or needles"},
                ],
            }
        ],
    },
    {
        "code": "POTHOLE",
        "name": "Pothole",
        "description": "A hole or broken surface in a road or pavement.",
        "group": "Highways",
        "keywords": "road,pavement,hole",
        "attributes": [
            {
                "variable": True,
                "code": "DEPTH",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "",
                "order": 1,
                "description": "How deep is it?",
                "values": [
                    {"key": "shallow", "name": "Shallower than 4 cm"},
                    {"key": "deep", "name": "4 cm or deeper"},
                ],
            }
        ],
    },
    {
        "code": "GRAFFITI",
        "name": "Graffiti",
        "description": "Graffiti on a wall, bus shelter, sign or bridge.",
        "group": "Street cleansing",
        "keywords": "tagging,paint,vandalism",
        "attributes": [
            {
                "variable": True,
                "code": "OFFENSIVE",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": "",
                "order": 1,
                "description": "Is it offensive or racist? We remove those within a day.",
                "values": [{"key": "yes", "name": "Yes"}, {"key": "no", "name": "No"}],
            }
        ],
    },
    {
        "code": "STREET_LIGHT",
        "name": "Street light not working",
        "description": "A street light that is out, flickering or on all day.",
        "group": "Highways",
        "keywords": "lamp,lighting,dark",
        "attributes": [
            {
                "variable": True,
                "code": "COLUMN_NUMBER",
                "datatype": "string",
                "required": False,
                "datatype_description": "The number on the lamp post, e.g. 27",
                "order": 1,
                "description": "Lamp post number",
            }
        ],
    },
    {
        "code": "DOG_FOULING",
        "name": "Dog fouling",
        "description": "Dog mess on a pavement, path or park.",
        "group": "Street cleansing",
        "keywords": "dog,mess,poo",
        "attributes": [],
    },
    {
        "code": "OVERFLOWING_BIN",
        "name": "Overflowing litter bin",
        "description": "A public litter or dog bin that is full.",
        "group": "Street cleansing",
        "keywords": "bin,litter,full",
        "attributes": [],
    },
]

# Reports a year per 1,000 residents, and each month's share of that (January first).
YEARLY_PER_THOUSAND = {
    "FLY_TIPPING": 9,
    "POTHOLE": 7,
    "GRAFFITI": 3,
    "STREET_LIGHT": 4,
    "DOG_FOULING": 3,
    "OVERFLOWING_BIN": 3,
}
SEASONS = {
    "FLY_TIPPING": (8, 8, 9, 11, 12, 13, 14, 14, 11, 10, 9, 10),
    "POTHOLE": (18, 17, 14, 10, 7, 5, 5, 5, 6, 9, 12, 16),
    "GRAFFITI": (9, 9, 10, 10, 11, 12, 12, 12, 11, 10, 9, 9),
    "STREET_LIGHT": (15, 13, 10, 8, 6, 5, 5, 6, 9, 12, 15, 16),
    "DOG_FOULING": (13, 12, 10, 9, 8, 8, 8, 8, 9, 11, 13, 13),
    "OVERFLOWING_BIN": (7, 7, 8, 10, 12, 14, 15, 15, 11, 9, 7, 7),
}
# Days from report to close: (fewest, most).
DAYS_TO_FIX = {
    "FLY_TIPPING": (1, 6),
    "POTHOLE": (2, 35),
    "GRAFFITI": (1, 12),
    "STREET_LIGHT": (2, 20),
    "DOG_FOULING": (1, 4),
    "OVERFLOWING_BIN": (1, 3),
}
# Places where the same problem keeps coming back: (ward code, category, latitude, longitude,
# reports a year). Each is the middle of a ~100 m repeat-location square (coordinates to three
# places), so the jitter of ±40 m keeps every report in the same square.
HOT_SPOTS = (
    ("OLD08", "FLY_TIPPING", 53.549, -2.119, 60),
    ("OLD10", "FLY_TIPPING", 53.535, -2.126, 40),
    ("OLD15", "FLY_TIPPING", 53.564, -2.124, 45),
    ("OLD06", "OVERFLOWING_BIN", 53.541, -2.097, 30),
    ("OLD20", "DOG_FOULING", 53.548, -2.042, 25),
    ("OLD12", "POTHOLE", 53.503, -2.172, 20),
)
HOT_SPOT_CAUSES = {
    "FLY_TIPPING": RootCause.REPEAT_OFFENDING,
    "OVERFLOWING_BIN": RootCause.NO_CAPACITY,
    "DOG_FOULING": RootCause.UNCLEAR_INFORMATION,
    "POTHOLE": RootCause.EARLIER_FIX_FAILED,
}
EVERYDAY_CAUSES = {
    "FLY_TIPPING": (RootCause.MISSED_COLLECTION, RootCause.UNCLEAR_INFORMATION, RootCause.OTHER),
    "POTHOLE": (RootCause.WEAR, RootCause.EARLIER_FIX_FAILED),
    "GRAFFITI": (RootCause.VANDALISM,),
    "STREET_LIGHT": (RootCause.WEAR, RootCause.VANDALISM),
    "DOG_FOULING": (RootCause.UNCLEAR_INFORMATION, RootCause.OTHER),
    "OVERFLOWING_BIN": (RootCause.NO_CAPACITY, RootCause.MISSED_COLLECTION),
}
FAILURE_CAUSES = {
    RootCause.MISSED_COLLECTION,
    RootCause.NO_CAPACITY,
    RootCause.UNCLEAR_INFORMATION,
    RootCause.EARLIER_FIX_FAILED,
}


def demo_boundaries() -> dict:
    """The illustrative ward polygons: Voronoi cells around each ward's centre and its
    illustrative postcodes' points, so each demo postcode lies in its own ward."""
    seeds: dict[str, list[tuple[float, float]]] = {
        code: [centre] for code, centre in WARD_CENTRES.items()
    }
    with POSTCODES_FILE.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if row["lat"] and row["long"] and row["ward"] in seeds:
                seeds[row["ward"]].append((float(row["lat"]), float(row["long"])))
    polygons = voronoi_wards(seeds, OLDHAM)
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"ward_code": code}, "geometry": geometry}
            for code, geometry in polygons.items()
        ],
    }


def _load_categories() -> dict[str, ServiceCategory]:
    categories = {}
    for fields in CATEGORIES:
        category, _ = ServiceCategory.objects.get_or_create(
            code=fields["code"], defaults={k: v for k, v in fields.items() if k != "code"}
        )
        categories[category.code] = category
    return categories


def _load_boundaries() -> int:
    missing = [w.code for w in ward_list() if not WardBoundary.objects.filter(ward=w).exists()]
    if not missing:
        return 0
    collection = json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))
    collection["features"] = [
        f for f in collection["features"] if f["properties"]["ward_code"] in missing
    ]
    return services.ward_boundaries_load(
        actor=None, text=json.dumps(collection), check_permission=False
    )


def _answers(category: ServiceCategory, rng: random.Random) -> dict:
    return {
        a["code"]: rng.choice(a["values"])["key"]
        for a in category.attributes
        if a["datatype"] == "singlevaluelist"
    }


def demo_requests(
    *, categories: dict[str, ServiceCategory], now: datetime, seed: int = 17, scale: float = 1.0
) -> list[ServiceRequest]:
    """A year of illustrative reports to ``now`` (unsaved), ``scale`` times the usual number.

    The benchmark asks for a million with a larger ``scale``; the demo takes the usual year.
    """
    rng = random.Random(seed)
    wards = {w.code: w for w in ward_list()}
    shapes = dict(WardBoundary.objects.values_list("ward__code", "geojson"))
    start = now - timedelta(days=365)
    made: list[ServiceRequest] = []

    def report(ward, code, lat, lng, at, hot_spot: bool) -> None:
        category = categories[code]
        fewest, most = DAYS_TO_FIX[code]
        fixed_at = at + timedelta(days=rng.uniform(fewest, most))
        is_closed = fixed_at < now and rng.random() < 0.93
        cause = HOT_SPOT_CAUSES.get(code) if hot_spot else rng.choice(EVERYDAY_CAUSES[code])
        tagged = is_closed and (hot_spot or rng.random() < 0.4)
        made.append(
            ServiceRequest(
                category=category,
                description="",
                latitude=Decimal(str(lat)),
                longitude=Decimal(str(lng)),
                location_key=f"{lat:.3f},{lng:.3f}",
                ward=ward,
                district_id=ward.district_id,
                source=Source.DEMO,
                stage=Stage.CLOSED if is_closed else rng.choice(Stage.values[:4]),
                status_notes="Cleared." if is_closed else "",
                agency_responsible="Oldham Council",
                root_cause=cause if tagged else "",
                is_failure_demand=bool(tagged and cause in FAILURE_CAUSES),
                attributes=_answers(category, rng),
                token=secrets.token_hex(16),
                requested_at=at,
                updated_at=fixed_at if is_closed else at,
                closed_at=fixed_at if is_closed else None,
            )
        )

    def moment(month_weights) -> datetime:
        while True:
            at = start + timedelta(seconds=rng.uniform(0, 365 * 86400))
            if rng.uniform(0, 18) < month_weights[timezone.localtime(at).month - 1]:
                return at

    for code, ward in sorted(wards.items()):
        # Deprivation adds some demand, but not in proportion: the myth-busting page shows it.
        deprivation = 1 + float(ward.imd_score) / 100
        for category_code, per_thousand in YEARLY_PER_THOUSAND.items():
            count = round(ward.population / 1000 * per_thousand * deprivation * scale)
            points = points_within(json.loads(shapes[code]), count, uniform=rng.uniform)
            for lat, lng in points:
                report(ward, category_code, lat, lng, moment(SEASONS[category_code]), False)
    for ward_code, category_code, lat, lng, yearly in HOT_SPOTS:
        for _ in range(round(yearly * scale)):
            at = moment(SEASONS[category_code])
            jitter_lat, jitter_lng = rng.uniform(-0.0004, 0.0004), rng.uniform(-0.0004, 0.0004)
            report(
                wards[ward_code],
                category_code,
                round(lat + jitter_lat, 6),
                round(lng + jitter_lng, 6),
                at,
                True,
            )
    return made


def _frequent_reporter(categories: dict[str, ServiceCategory], now: datetime) -> int:
    """One Coldhurst resident reports often, so the reference group's offer shows in the demo."""
    resident = user_find_by_email(f"resident.coldhurst.1@{DEMO_DOMAIN}")
    if resident is None:
        return 0
    ids = list(
        ServiceRequest.objects.filter(source=Source.DEMO, ward__code="OLD08", reporter=None)
        .filter(requested_at__gte=now - timedelta(days=300))
        .order_by("pk")
        .values_list("pk", flat=True)[:8]
    )
    return ServiceRequest.objects.filter(pk__in=ids).update(reporter=resident)


def demo_load() -> str:
    categories = _load_categories()
    loaded = _load_boundaries()
    if ServiceRequest.objects.filter(source=Source.DEMO).exists():
        return f"Service requests: {len(categories)} services; the demo year is already loaded."
    now = timezone.now()
    made = ServiceRequest.objects.bulk_create(
        demo_requests(categories=categories, now=now), batch_size=2000
    )
    _frequent_reporter(categories, now)
    services.demand_rollup_rebuild()
    return (
        f"Service requests: {len(categories)} services, boundaries for {loaded} wards,"
        f" {len(made)} illustrative reports over the last year."
    )
