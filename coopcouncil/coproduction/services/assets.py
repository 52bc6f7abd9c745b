"""Writes for community assets: the register and its CSV import, leases and transfers with
their commitments and yearly returns, meanwhile licences, and assets of community value."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.coproduction.logic.assets import asset_row_check, commitment_is_met
from coopcouncil.coproduction.logic.community_value import disposal_dates
from coopcouncil.coproduction.models import (
    CommitmentReturn,
    CommunityAsset,
    CommunityValueNomination,
    LeaseAgreement,
    LeaseApplication,
    MeanwhileLicence,
    ServiceCommitment,
)
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.people.models import Organisation
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import Ward


def assets_import(*, actor: Actor, text: str, check_permission: bool = True) -> int:
    """Add or update the register from CSV (columns in ``logic.assets``): all rows or none.

    Rows are matched on ``reference``, so importing the same file twice changes nothing.
    The command line imports with ``check_permission=False``.
    """
    if check_permission:
        require(actor, "coproduction.manage_assets")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        raise DomainError("file_empty", gettext("The file has no rows."), "file")
    wards = {ward.slug: ward for ward in Ward.objects.all()}
    problems: list[tuple[int, str, str]] = []
    checked = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        asset_row, row_problems = asset_row_check(row)
        ward = (row.get("ward") or "").strip()
        if ward and ward not in wards:
            row_problems = [*row_problems, ("ward", f"no ward '{ward}'")]
        problems.extend((number, field, message) for field, message in row_problems)
        if not row_problems and asset_row is not None:
            checked.append(asset_row)
    if problems:
        raise RowErrors(
            "asset_rows_invalid", gettext("Nothing was imported; fix these rows."), problems
        )
    with transaction.atomic():
        for asset_row in checked:
            CommunityAsset.objects.update_or_create(
                reference=asset_row.reference,
                defaults={
                    "name": asset_row.name,
                    "kind": asset_row.kind,
                    "ward": wards[asset_row.ward],
                    "address": asset_row.address,
                    "condition": asset_row.condition,
                    "running_cost_pence": asset_row.running_cost_pence,
                    "current_use": asset_row.current_use,
                    "latitude": Decimal(asset_row.latitude) if asset_row.latitude else None,
                    "longitude": Decimal(asset_row.longitude) if asset_row.longitude else None,
                },
            )
        audit_record(
            actor=actor,
            action="coproduction.assets_imported",
            target=CommunityAsset.objects.get(reference=checked[0].reference),
            summary=f"{len(checked)} assets imported",
        )
    return len(checked)


def lease_apply(
    *,
    actor: Actor,
    asset: CommunityAsset,
    organisation: Organisation,
    terms: str,
    proposal: str,
    commitments: Sequence[tuple[str, str, int]],
) -> LeaseApplication:
    """A community group applies to lease or take over an asset, with what it commits to do.

    ``commitments`` are (measure, description, yearly target).
    """
    require(actor, "coproduction.apply_for_asset", organisation)
    if terms not in LeaseApplication.Terms.values:
        raise DomainError(
            "terms_unknown", gettext("Choose peppercorn, nominal or transfer."), "terms"
        )
    if not commitments:
        raise DomainError(
            "commitments_required",
            gettext("Say what the group commits to: hours open, activities or people served."),
            "commitments",
        )
    for measure, _description, target in commitments:
        if measure not in ServiceCommitment.Measure.values or target < 1:
            raise DomainError(
                "commitment_invalid",
                gettext("Each commitment needs a measure and a target."),
                "commitments",
            )
    with transaction.atomic():
        application = LeaseApplication.objects.create(
            asset=asset,
            organisation=organisation,
            terms=terms,
            proposal=proposal.strip(),
            submitted_by=acting_user(actor),
        )
        ServiceCommitment.objects.bulk_create(
            ServiceCommitment(application=application, measure=m, description=d.strip(), target=t)
            for m, d, t in commitments
        )
        audit_record(
            actor=actor,
            action="coproduction.lease_applied",
            target=application,
            summary=f"{organisation} applied for {asset} ({terms})",
        )
    return application


def lease_decide(
    *,
    actor: Actor,
    application: LeaseApplication,
    is_agreed: bool,
    assessment: str,
    starts_on: date | None = None,
    ends_on: date | None = None,
    rent_pence: int = 0,
    next_review_on: date | None = None,
) -> LeaseApplication:
    """An asset officer assesses an application; an agreement records term, rent and reviews."""
    require(actor, "coproduction.assess_application", application)
    if application.status != LeaseApplication.Status.SUBMITTED:
        raise Conflict("already_decided", gettext("This application has been decided."))
    if is_agreed:
        if starts_on is None or next_review_on is None:
            raise DomainError(
                "dates_required", gettext("Give the start and first review dates."), "starts_on"
            )
        if application.terms != LeaseApplication.Terms.TRANSFER and ends_on is None:
            raise DomainError("term_required", gettext("A lease needs an end date."), "ends_on")
        if ends_on is not None and ends_on <= starts_on:
            raise DomainError(
                "ends_before_start", gettext("The term must end after it starts."), "ends_on"
            )
        if rent_pence < 0:
            raise DomainError("rent_negative", gettext("Rent cannot be negative."), "rent_pence")
    with transaction.atomic():
        application.status = (
            LeaseApplication.Status.AGREED if is_agreed else LeaseApplication.Status.REFUSED
        )
        application.assessment = assessment.strip()
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "assessment", "decided_at"])
        if is_agreed and starts_on is not None and next_review_on is not None:
            LeaseAgreement.objects.create(
                application=application,
                asset=application.asset,
                organisation=application.organisation,
                terms=application.terms,
                starts_on=starts_on,
                ends_on=ends_on,
                rent_pence=rent_pence,
                next_review_on=next_review_on,
            )
        audit_record(
            actor=actor,
            action="coproduction.lease_decided",
            target=application,
            summary=f"{application.get_status_display()}: {application.asset}",
        )
    return application


def commitment_return_record(
    *, actor: Actor, commitment: ServiceCommitment, year: int, achieved: int
) -> CommitmentReturn:
    """The group's yearly return against one commitment; a missed target is flagged."""
    agreement = LeaseAgreement.objects.filter(application=commitment.application).first()
    if agreement is None:
        raise Conflict("no_agreement", gettext("Returns are made once the agreement is in place."))
    require(actor, "coproduction.submit_return", agreement)
    if achieved < 0:
        raise DomainError("achieved_negative", gettext("Give what was achieved."), "achieved")
    with transaction.atomic():
        record, _created = CommitmentReturn.objects.update_or_create(
            commitment=commitment,
            year=year,
            defaults={
                "achieved": achieved,
                "is_met": commitment_is_met(target=commitment.target, achieved=achieved),
            },
        )
        audit_record(
            actor=actor,
            action="coproduction.commitment_return_recorded",
            target=record,
            summary=f"{commitment.description} {year}: {achieved} of {commitment.target}",
        )
    return record


def meanwhile_licence_grant(
    *,
    actor: Actor,
    asset: CommunityAsset,
    organisation: Organisation,
    use: str,
    starts_on: date,
    ends_on: date,
) -> MeanwhileLicence:
    """A stalled site is licensed to a community use for a fixed time."""
    require(actor, "coproduction.manage_assets", asset)
    if ends_on <= starts_on:
        raise DomainError(
            "ends_before_start", gettext("The licence must end after it starts."), "ends_on"
        )
    with transaction.atomic():
        licence = MeanwhileLicence.objects.create(
            asset=asset,
            organisation=organisation,
            use=use.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
        )
        audit_record(
            actor=actor,
            action="coproduction.meanwhile_licence_granted",
            target=licence,
            summary=f"{asset}: {use} to {ends_on}",
        )
    return licence


def community_value_nominate(
    *,
    actor: Actor,
    name: str,
    address: str,
    ward: Ward,
    reason: str,
    organisation: Organisation | None = None,
) -> CommunityValueNomination:
    """A resident or a group nominates land or a building as an asset of community value."""
    require(actor, "coproduction.nominate_asset", organisation)
    for field, value in (("name", name), ("address", address), ("reason", reason)):
        if not value.strip():
            raise DomainError(f"{field}_required", gettext("This is required."), field)
    with transaction.atomic():
        nomination = CommunityValueNomination.objects.create(
            name=name.strip(),
            address=address.strip(),
            ward=ward,
            reason=reason.strip(),
            organisation=organisation,
            nominated_by=acting_user(actor),
        )
        audit_record(
            actor=actor,
            action="coproduction.community_value_nominated",
            target=nomination,
            summary=f"{nomination.name} in {ward}",
        )
    return nomination


def community_value_list(
    *, actor: Actor, nomination: CommunityValueNomination, is_listed: bool, decided_on: date
) -> CommunityValueNomination:
    """The council lists the asset (for five years) or decides not to; nominators are told."""
    require(actor, "coproduction.record_notice", nomination)
    if nomination.status != CommunityValueNomination.Status.NOMINATED:
        raise Conflict("already_decided", gettext("This nomination has been decided."))
    with transaction.atomic():
        nomination.status = (
            CommunityValueNomination.Status.LISTED
            if is_listed
            else CommunityValueNomination.Status.NOT_LISTED
        )
        nomination.listed_on = decided_on if is_listed else None
        nomination.save(update_fields=["status", "listed_on"])
        audit_record(
            actor=actor,
            action="coproduction.community_value_decided",
            target=nomination,
            summary=f"{nomination.name}: {nomination.get_status_display()}",
        )
        _nominators_tell(
            nomination,
            gettext("%(name)s: %(status)s")
            % {"name": nomination.name, "status": nomination.get_status_display()},
        )
    return nomination


def community_value_notice_record(
    *,
    actor: Actor,
    nomination: CommunityValueNomination,
    notice_on: date,
    intention_to_bid_on: date | None = None,
) -> CommunityValueNomination:
    """Record the owner's notice of intended sale (and any intention to bid); tell nominators
    the dates that follow."""
    require(actor, "coproduction.record_notice", nomination)
    if nomination.status != CommunityValueNomination.Status.LISTED:
        raise Conflict("not_listed", gettext("Only a listed asset has a moratorium."))
    if nomination.listed_on and notice_on < nomination.listed_on:
        raise DomainError(
            "notice_before_listing", gettext("The notice cannot precede the listing."), "notice_on"
        )
    if intention_to_bid_on is not None and intention_to_bid_on < notice_on:
        raise DomainError(
            "bid_before_notice",
            gettext("An intention to bid follows the notice."),
            "intention_to_bid_on",
        )
    dates = disposal_dates(notice_on=notice_on, intention_to_bid_on=intention_to_bid_on)
    with transaction.atomic():
        nomination.notice_on = notice_on
        nomination.intention_to_bid_on = intention_to_bid_on
        nomination.save(update_fields=["notice_on", "intention_to_bid_on"])
        audit_record(
            actor=actor,
            action="coproduction.community_value_notice",
            target=nomination,
            summary=f"{nomination.name}: notice of sale {notice_on}",
        )
        if dates.moratorium_ends_on:
            body = gettext(
                "The owner of %(name)s gave notice of sale on %(notice)s. A group asked to bid,"
                " so the moratorium runs to %(moratorium)s. The protected period ends on"
                " %(protected)s."
            )
        else:
            body = gettext(
                "The owner of %(name)s gave notice of sale on %(notice)s. Community groups may"
                " register an intention to bid until %(window)s. The protected period ends on"
                " %(protected)s."
            )
        _nominators_tell(
            nomination,
            body
            % {
                "name": nomination.name,
                "notice": f"{notice_on:%d %B %Y}",
                "window": f"{dates.bid_window_ends_on:%d %B %Y}",
                "moratorium": f"{dates.moratorium_ends_on:%d %B %Y}"
                if dates.moratorium_ends_on
                else "",
                "protected": f"{dates.protected_period_ends_on:%d %B %Y}",
            },
        )
    return nomination


def _nominators_tell(nomination: CommunityValueNomination, body: str) -> None:
    addresses = []
    if nomination.nominated_by is not None:
        addresses.append(nomination.nominated_by.email)
    if nomination.organisation is not None:
        addresses.append(nomination.organisation.contact_email)
    email_after_commit(
        gettext("Asset of community value: %(name)s") % {"name": nomination.name}, body, addresses
    )
