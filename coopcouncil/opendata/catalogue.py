"""The open data catalogue: every public dataset, its downloads, licence and freshness.

Each app that publishes a dataset adds one ``Dataset`` to ``DATASETS`` below, naming the
URLs of its downloads (served by its own views) and a selector that says when its data last
changed. The ``/open-data/`` page lists them in this order. Nothing here may carry personal
data: a dataset holds organisations, places, decisions and counts, never private people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coopcouncil.coproduction.selectors import coproduction_last_updated

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Download:
    """One file of a dataset: its format label and the URL name that serves it."""

    format: str
    url_name: str


def _not_recorded() -> datetime | None:
    return None


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    standard: str
    downloads: tuple[Download, ...]
    last_updated: Callable[[], datetime | None] = field(default=_not_recorded)


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="wards",
        title=_("Wards and their figures"),
        description=_("Population, deprivation and other figures for every ward."),
        standard="CSV",
        downloads=(Download("CSV", "opendata:wards_csv"),),
    ),
    Dataset(
        slug="councillors",
        title=_("Councillors, organisations and memberships"),
        description=_("Who represents each ward and sits on each district partnership."),
        standard="Popolo 1.0",
        downloads=(Download("JSON", "opendata:popolo"),),
    ),
    Dataset(
        slug="community-assets",
        title=_("Community assets, leases and co-production figures"),
        description=_(
            "The register of community buildings, parks, land and nature reserves; the leases"
            " and transfers to community groups; and each ward's volunteers, hours, time"
            " credits, assets in community hands and commitments met. No personal data."
        ),
        standard="CSV",
        downloads=(
            Download("CSV (assets)", "coproduction:assets_csv"),
            Download("CSV (leases)", "coproduction:leases_csv"),
            Download("CSV (ward figures)", "coproduction:ward_figures_csv"),
        ),
        last_updated=coproduction_last_updated,
    ),
)
