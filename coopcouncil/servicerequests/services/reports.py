"""A resident (or an Open311 client) reports a problem at a place; erasure of a reporter."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core import photos
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.models import User
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import borough_current, postcode_addresses, resident_place
from coopcouncil.servicerequests.logic.attributes import AnswerInvalid, answers_check
from coopcouncil.servicerequests.models import (
    ApiKey,
    ReferenceGroupComment,
    ReferenceGroupMember,
    RequestUpdate,
    ServiceCategory,
    ServiceRequest,
    Source,
    Stage,
)
from coopcouncil.servicerequests.selectors import ward_at, ward_shapes
from coopcouncil.servicerequests.services.demand import demand_count, demand_spot_count

MAX_DESCRIPTION = 4000
# A UK postcode anywhere in a line of address, e.g. "1 Spindle Row, Oldham OL1 9CK".
POSTCODE_IN_TEXT = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}", re.IGNORECASE)


@dataclass(frozen=True)
class Location:
    """Where a problem is: a point, its ward, and the address when one was given."""

    latitude: Decimal
    longitude: Decimal
    ward: Ward
    address: str = ""
    postcode: str = ""


def _coordinate(value: Any, field: str, limit: int) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or abs(number) > limit:
        raise DomainError(
            "location_invalid", gettext("Give the location as latitude and longitude."), field
        )
    return number.quantize(Decimal("0.000001"))


def _outside() -> DomainError:
    borough = borough_current()
    return DomainError(
        "location_outside_borough",
        gettext("That place is outside %(borough)s; report it to the council there.")
        % {"borough": borough.name if borough else gettext("the borough")},
        "location",
    )


def _point_location(latitude: Any, longitude: Any) -> Location:
    lat = _coordinate(latitude, "latitude", 90)
    lng = _coordinate(longitude, "longitude", 180)
    if not len(ward_shapes()[0]):
        raise DomainError(
            "boundaries_missing",
            gettext("Ward boundaries are not loaded yet, so a map point cannot be placed."),
            "location",
        )
    ward = ward_at(latitude=float(lat), longitude=float(lng))
    if ward is None:
        raise _outside()
    return Location(lat, lng, ward)


def _postcode_location(text: str, uprn: int | None) -> Location:
    place = resident_place(postcode=text, uprn=uprn)
    if place.ward is None:
        raise DomainError(
            "address_needed",
            gettext("%(postcode)s covers more than one ward: choose the address.")
            % {"postcode": place.postcode},
            "uprn",
        )
    entry = postcode_addresses(place.postcode).directory_entry
    if entry is not None and entry.latitude is not None and entry.longitude is not None:
        lat, lng = Decimal(entry.latitude), Decimal(entry.longitude)
    else:
        # No point in the directory: the ward's own point stands in for the map.
        shapes, ids = ward_shapes()
        point = shapes.ward_point(place.ward.code)
        if point is None:
            raise _outside()
        lat, lng = (Decimal(str(round(c, 6))) for c in point)
    address = ", ".join(place.address.lines) if place.address else ""
    return Location(lat, lng, place.ward, address, place.postcode)


def location_find(
    *,
    latitude: Any = None,
    longitude: Any = None,
    postcode: str = "",
    uprn: int | None = None,
    address_text: str = "",
) -> Location:
    """The place a report is about: a map point, or a postcode (and address) in the borough.

    A point is placed by its ward boundary; a postcode by the council's address data. A
    place outside the borough is refused on the ``location`` (or ``postcode``) field.
    """
    has_point = str(latitude or "").strip() and str(longitude or "").strip()
    if has_point:
        return _point_location(latitude, longitude)
    if not postcode.strip() and address_text.strip():
        found = POSTCODE_IN_TEXT.search(address_text)
        if found is None:
            raise DomainError(
                "address_without_postcode",
                gettext("Include the postcode in the address, or give a map point."),
                "address_string",
            )
        postcode = found.group(0)
    if postcode.strip():
        return _postcode_location(postcode, uprn)
    raise DomainError(
        "location_missing",
        gettext("Show where the problem is: a point on the map, or a postcode."),
        "location",
    )


def _contact_email(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise DomainError(
            "email_invalid", gettext("Enter a valid email address."), "email"
        ) from None
    return text


def service_request_report(
    *,
    actor: Actor,
    category: ServiceCategory,
    description: str,
    location: Location,
    photo: Any = None,
    attributes: dict | None = None,
    api_key: ApiKey | None = None,
    contact_email: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """Record a reported problem; its ward and district are the location's.

    A signed-in resident reports from the web; an Open311 client reports with its key
    (``api_key``) and may pass the reporter's email for the status emails. An optional
    photo must be a JPEG, PNG or WebP image under 5 MB (``core.photos``).
    """
    require(actor, "servicerequests.report", api_key)
    description = description.strip()
    if len(description) > MAX_DESCRIPTION:
        raise DomainError(
            "description_too_long",
            gettext("Keep the description under 4,000 characters."),
            "description",
        )
    try:
        answers = answers_check(category.attributes, attributes or {})
    except AnswerInvalid as error:
        raise DomainError("attribute_invalid", error.message, f"attribute[{error.code}]") from None
    photo_type = photos.photo_check(photo, code_prefix="servicerequest") if photo else None
    email = _contact_email(contact_email)
    now = now or timezone.now()
    with transaction.atomic():
        request = ServiceRequest.objects.create(
            category=category,
            description=description,
            latitude=location.latitude,
            longitude=location.longitude,
            location_key=f"{location.latitude:.3f},{location.longitude:.3f}",
            address=location.address,
            postcode=location.postcode,
            ward=location.ward,
            district_id=location.ward.district_id,
            reporter=acting_user(actor),
            contact_email=email,
            api_key=api_key,
            source=Source.OPEN311 if api_key else Source.WEB,
            attributes=answers,
            token=secrets.token_hex(16),
            requested_at=now,
            updated_at=now,
        )
        if photo_type:
            # Named by the request and its real type, never by the uploader's file name.
            name = f"request-{request.pk}.{photos.EXTENSIONS[photo_type]}"
            request.photo.save(name, photo, save=True)
        RequestUpdate.objects.create(request=request, stage=Stage.RECEIVED, created_at=now)
        demand_count(request=request, sign=1)
        demand_spot_count(request=request)
        audit_record(
            actor=actor,
            action="servicerequests.reported",
            target=request,
            summary=f"{category.name} reported in {location.ward.name}",
            details={"source": request.source, "api_key": api_key.pk if api_key else None},
        )
    return request


def servicerequests_erase(*, user: User) -> None:
    """Remove what this app holds about a person; the reported problems stay, unlinked.

    The problem and its place stay public (the council still has to fix it); the link to
    the person, their email, the address they typed and their photo go. Reference-group
    places end; comments stay, without their author.
    """
    with transaction.atomic():
        reports = ServiceRequest.objects.filter(reporter=user) | ServiceRequest.objects.filter(
            contact_email__iexact=user.email
        )
        for report in reports.exclude(photo=""):
            report.photo.delete(save=False)
        count = reports.update(reporter=None, contact_email="", address="", photo="")
        ReferenceGroupMember.objects.filter(user=user).delete()
        ReferenceGroupComment.objects.filter(author=user).update(author=None)
        audit_record(
            actor=None,
            action="servicerequests.reporter_erased",
            target=user,
            summary=f"Unlinked {count} service requests from an erased account",
        )
