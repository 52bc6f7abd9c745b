"""The open data catalogue: every public dataset, its downloads, licence and freshness.

Each app that publishes a dataset adds one ``Dataset`` to ``DATASETS`` below, naming the
URLs of its downloads (served by its own views, or by opendata's generic CSV and JSON views
from the dataset's ``rows``) and a selector that says when its data last changed. The
``/open-data/`` page lists them in this order and ``coopcouncil open-data export DIR``
writes every download. Nothing here may carry personal data: a dataset holds
organisations, places, decisions, public office-holders and counts, never private people
(tests/opendata/test_no_personal_data.py searches every download for them).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coopcouncil.coproduction.selectors import coproduction_last_updated
from coopcouncil.democracy.selectors import decision_list, meeting_list
from coopcouncil.grants.selectors import fund_last_updated
from coopcouncil.insight.selectors import (
    indicator_rows_for_export,
    indicators_last_updated,
    participation_figures,
    standard_rows_for_export,
    standards_last_updated,
)
from coopcouncil.membership.selectors import open_data_last_changed
from coopcouncil.mutuals.selectors import mutuals_last_updated, register_rows
from coopcouncil.participation.selectors import process_list, process_pabulib_text, result_page
from coopcouncil.people.selectors import councillor_assignments
from coopcouncil.places.selectors import ward_rows_for_export
from coopcouncil.procurement.selectors import contracting_last_updated
from coopcouncil.servicerequests.selectors import open_data_last_updated as service_requests_updated

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Download:
    """One file of a dataset: its format label, the URL name (and arguments) that serve it,
    and the file name the export writes it to."""

    format: str
    url_name: str
    args: tuple[str, ...] = ()
    file_name: str = ""

    def url(self) -> str:
        return reverse(self.url_name, args=self.args)


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
    rows: Callable[[], list[dict]] | None = None

    def file_name(self, download: Download) -> str:
        """``wards.csv``; a second file of one format names its part: ``CSV (leases)`` is
        ``community-assets-leases.csv``."""
        if download.file_name:
            return download.file_name
        extension, _, part = download.format.partition(" ")
        part = slugify(part.strip("()"))
        return (
            f"{self.slug}-{part}.{extension.lower()}"
            if part
            else f"{self.slug}.{extension.lower()}"
        )


def tables(slug: str) -> tuple[Download, Download]:
    """The CSV and JSON downloads opendata serves from a dataset's ``rows``."""
    return (
        Download("CSV", "opendata:dataset_csv", (slug,)),
        Download("JSON", "opendata:dataset_json", (slug,)),
    )


def _at_midnight(day) -> datetime | None:
    return None if day is None else timezone.make_aware(datetime.combine(day, time.min))


def councillor_rows() -> list[dict]:
    """Councillors are public office-holders: name, ward, party and since when, no contact."""
    return [
        {
            "name": seat.user.full_name,
            "ward_code": seat.ward.code,
            "ward": seat.ward.name,
            "district": seat.ward.district.name,
            "party": seat.party,
            "start_date": seat.start_date.isoformat(),
        }
        for seat in councillor_assignments()
    ]


def meeting_rows() -> list[dict]:
    return [
        {
            "id": meeting.pk,
            "title": meeting.title,
            "partnership": str(meeting.partnership),
            "starts_at": meeting.starts_at.isoformat(),
            "venue": meeting.venue,
            "status": meeting.status,
            "url": reverse("democracy:meeting", args=[meeting.pk]),
        }
        for meeting in meeting_list().order_by("starts_at")
    ]


def decision_rows() -> list[dict]:
    return [
        {
            "id": decision.pk,
            "title": decision.title,
            "partnership": str(decision.partnership) if decision.partnership_id else "",
            "kind": decision.kind,
            "status": decision.status,
            "published_at": decision.published_at.isoformat() if decision.published_at else "",
            "budget_pence": decision.budget_pence,
            "wards": ";".join(ward.code for ward in decision.wards.all()),
            "url": reverse("democracy:decision", args=[decision.pk]),
        }
        for decision in decision_list()
    ]


def pb_result_rows() -> list[dict]:
    """Each project of each counted PB process: cost, support and whether it was funded."""
    rows = []
    for process in process_list().order_by("pk"):
        page = result_page(process)
        if page is None:
            continue
        for row in page.rows:
            rows.append(
                {
                    "process": process.title,
                    "district": process.district.name if process.district_id else "",
                    "project_code": row.project.code,
                    "project": row.project.title,
                    "ward": row.project.ward.name if row.project.ward_id else "",
                    "cost_pence": row.project.cost_pence,
                    "supporters": row.supporters,
                    "is_funded": row.is_funded,
                }
            )
    return rows


def pabulib_zip() -> bytes:
    """Every counted PB process as a Pabulib ``.pb`` file, in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for process in process_list().filter(results_at__isnull=False).order_by("pk"):
            archive.writestr(f"process-{process.pk}.pb", process_pabulib_text(process))
    return buffer.getvalue()


def participation_rows() -> list[dict]:
    return [
        {
            "period_start": figure.period_start.isoformat(),
            "period_end": figure.period_end.isoformat(),
            "is_whole_window": figure.is_window,
            "ward_code": figure.ward.code if figure.ward_id else "",
            "role": figure.role,
            "kind": figure.kind,
            "participants": figure.participants,
            "new_participants": figure.new_participants,
        }
        for figure in participation_figures()
    ]


def _participation_updated() -> datetime | None:
    figure = participation_figures().first()
    return figure.computed_at if figure else None


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="wards",
        title=_("Wards and their figures"),
        description=_("Population, deprivation and other figures for every ward."),
        standard="CSV",
        downloads=(
            Download("CSV", "opendata:wards_csv"),
            Download("JSON", "opendata:dataset_json", ("wards",)),
        ),
        rows=ward_rows_for_export,
    ),
    Dataset(
        slug="councillors",
        title=_("Councillors, organisations and memberships"),
        description=_("Who represents each ward and sits on each district partnership."),
        standard="Popolo 1.0",
        downloads=(
            Download("Popolo JSON", "opendata:popolo", file_name="councillors.popolo.json"),
            *tables("councillors"),
        ),
        last_updated=lambda: _at_midnight(
            councillor_assignments().aggregate(at=Max("start_date"))["at"]
        ),
        rows=councillor_rows,
    ),
    Dataset(
        slug="meetings",
        title=_("District partnership meetings"),
        description=_("Every partnership and sub-group meeting: when, where, its status."),
        standard="iCalendar (RFC 5545)",
        downloads=(
            Download("iCalendar", "democracy:borough_ical", file_name="meetings.ics"),
            *tables("meetings"),
        ),
        last_updated=lambda: meeting_list().aggregate(at=Max("created_at"))["at"],
        rows=meeting_rows,
    ),
    Dataset(
        slug="decisions",
        title=_("Decisions"),
        description=_("Published district decisions, their budgets, wards and call-in."),
        standard="CSV / JSON",
        downloads=tables("decisions"),
        last_updated=lambda: decision_list().aggregate(at=Max("published_at"))["at"],
        rows=decision_rows,
    ),
    Dataset(
        slug="pb-results",
        title=_("Participatory budgeting results"),
        description=_("Every counted PB process: projects, costs, support and what was funded."),
        standard="Pabulib",
        downloads=(
            Download("Pabulib (ZIP)", "opendata:pabulib_zip", file_name="pb-results.pabulib.zip"),
            *tables("pb-results"),
        ),
        last_updated=lambda: process_list().aggregate(at=Max("results_at"))["at"],
        rows=pb_result_rows,
    ),
    Dataset(
        slug="indicators",
        title=_("Outcome indicators"),
        description=_("The outcomes framework's indicators, baselines, targets and measurements."),
        standard="CSV / JSON",
        downloads=tables("indicators"),
        last_updated=indicators_last_updated,
        rows=indicator_rows_for_export,
    ),
    Dataset(
        slug="standards",
        title=_("Neighbourhood standards: performance"),
        description=_("Each district's standards, month by month, against their targets."),
        standard="CSV / JSON",
        downloads=tables("standards"),
        last_updated=standards_last_updated,
        rows=standard_rows_for_export,
    ),
    Dataset(
        slug="participation",
        title=_("Participation at scale"),
        description=_("Residents taking part per ward, role and month: counts only."),
        standard="CSV / JSON",
        downloads=tables("participation"),
        last_updated=_participation_updated,
        rows=participation_rows,
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
    Dataset(
        slug="energy-switching-and-membership",
        title=_("Collective energy switching and co-operative membership uptake"),
        description=_(
            "Each energy auction's winner and cohort figures (households registered and saving,"
            " total, average and largest saving, finder's fee), and members and benefit claims"
            " by ward beside population and deprivation. Counts only: no household or member."
        ),
        standard="CSV",
        downloads=(
            Download("CSV (auctions)", "membership:auctions_csv"),
            Download("CSV (uptake by ward)", "membership:uptake_csv"),
        ),
        last_updated=open_data_last_changed,
    ),
    Dataset(
        slug="mutuals",
        title=_("Co-operatives and mutuals, their ballots and elections"),
        description=_(
            "The register of co-operatives, mutuals and spin-outs with the services they run;"
            " closed member ballots' turnout and results; counted elections stage by stage."
        ),
        standard="JSON",
        downloads=(
            *tables("mutuals"),
            Download("JSON (ballots and elections)", "mutuals:register_json"),
        ),
        last_updated=mutuals_last_updated,
        rows=register_rows,
    ),
    Dataset(
        slug="grants",
        title=_("Community grants awarded"),
        description=_(
            "Every grant the council's funds have awarded: the group, amount, dates and the"
            " ward and district that benefit."
        ),
        standard="360Giving 1.4",
        downloads=(
            Download("JSON", "grants:open_data_json"),
            Download("CSV", "grants:open_data_csv"),
            Download("XLSX", "grants:open_data_xlsx"),
        ),
        last_updated=fund_last_updated,
    ),
    Dataset(
        slug="contracts",
        title=_("Contracts and social value (open contracting)"),
        description=_(
            "Every tender, award and contract, with social value returns, as OCDS 1.1 release"
            " and record packages."
        ),
        standard="OCDS 1.1",
        downloads=(
            Download("CSV", "procurement:contracts_csv"),
            Download("JSON (releases)", "procurement:ocds_releases"),
            Download("JSON (records)", "procurement:ocds_records"),
        ),
        last_updated=contracting_last_updated,
    ),
    Dataset(
        slug="service-requests",
        title=_("Service requests"),
        description=_(
            "Every problem residents reported, where and when, its status and time to fix;"
            " no reporter's details. Live at /open311/v2/ too."
        ),
        standard="Open311 GeoReport v2",
        downloads=(
            Download("CSV", "servicerequests:open_data_csv"),
            Download("JSON", "servicerequests:open_data_json"),
        ),
        last_updated=service_requests_updated,
    ),
)


def dataset_get(slug: str) -> Dataset | None:
    return next((dataset for dataset in DATASETS if dataset.slug == slug), None)
