"""Writes for community gritting: add and adopt routes, lend equipment, log runs, send alerts."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.coproduction.models import EquipmentLoan, GrittingAlert, GrittingRoute, GrittingRun
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.people.models import User
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District, Ward


def gritting_route_add(
    *, actor: Actor, ward: Ward, name: str, description: str = ""
) -> GrittingRoute:
    require(actor, "coproduction.manage_gritting", ward)
    if not name.strip():
        raise DomainError("name_required", gettext("Name the street or route."), "name")
    try:
        with transaction.atomic():
            route = GrittingRoute.objects.create(
                ward=ward, name=name.strip(), description=description.strip()
            )
            audit_record(
                actor=actor, action="coproduction.route_added", target=route, summary=str(route)
            )
    except IntegrityError:
        raise Conflict(
            "route_exists", gettext("The ward already has a route of that name."), "name"
        ) from None
    return route


def gritting_route_adopt(
    *, actor: Actor, route: GrittingRoute, now: datetime | None = None
) -> GrittingRoute:
    """A resident adopts a route that nobody has adopted."""
    require(actor, "coproduction.volunteer", route)
    with transaction.atomic():
        taken = GrittingRoute.objects.filter(pk=route.pk, volunteer__isnull=True).update(
            volunteer=acting_user(actor), adopted_at=now or timezone.now()
        )
        if not taken:
            raise Conflict("route_adopted", gettext("Someone has already adopted this route."))
        route.refresh_from_db()
        audit_record(
            actor=actor, action="coproduction.route_adopted", target=route, summary=str(route)
        )
    return route


def equipment_issue(
    *, actor: Actor, route: GrittingRoute, kind: str, reference: str, now: datetime | None = None
) -> EquipmentLoan:
    """Issue a salt bin or spreader to the route's volunteer, against their name."""
    require(actor, "coproduction.manage_gritting", route)
    if route.volunteer_id is None:
        raise Conflict(
            "route_not_adopted",
            gettext("Equipment goes to the route's volunteer; nobody has adopted it."),
        )
    if kind not in EquipmentLoan.Kind.values:
        raise DomainError("kind_unknown", gettext("Choose a salt bin or a spreader."), "kind")
    try:
        with transaction.atomic():
            loan = EquipmentLoan.objects.create(
                route=route,
                kind=kind,
                reference=reference.strip(),
                volunteer_id=route.volunteer_id,
                issued_at=now or timezone.now(),
            )
            audit_record(
                actor=actor,
                action="coproduction.equipment_issued",
                target=loan,
                summary=f"{loan.get_kind_display()} {loan.reference} for {route}",
            )
    except IntegrityError:
        raise Conflict(
            "equipment_out", gettext("That equipment is already out."), "reference"
        ) from None
    return loan


def equipment_return(
    *, actor: Actor, loan: EquipmentLoan, now: datetime | None = None
) -> EquipmentLoan:
    require(actor, "coproduction.manage_gritting", loan.route)
    with transaction.atomic():
        if not EquipmentLoan.objects.filter(pk=loan.pk, returned_at__isnull=True).update(
            returned_at=now or timezone.now()
        ):
            raise Conflict("already_returned", gettext("This equipment is already back."))
        loan.refresh_from_db()
        audit_record(
            actor=actor,
            action="coproduction.equipment_returned",
            target=loan,
            summary=loan.reference,
        )
    return loan


def gritting_log(
    *, actor: Actor, route: GrittingRoute, note: str = "", now: datetime | None = None
) -> GrittingRun:
    """The route's volunteer logs that they gritted it."""
    require(actor, "coproduction.log_gritting", route)
    with transaction.atomic():
        run = GrittingRun.objects.create(
            route=route,
            volunteer=acting_user(actor),
            gritted_at=now or timezone.now(),
            note=note.strip(),
        )
        audit_record(
            actor=actor, action="coproduction.gritting_logged", target=route, summary=str(route)
        )
    return run


def gritting_alert_send(
    *,
    actor: Actor,
    district: District,
    message: str = "",
    now: datetime | None = None,
    check_permission: bool = True,
) -> GrittingAlert:
    """Tell every volunteer with a route in ``district`` to grit.

    The command line (an operator on the server) sends it with ``check_permission=False``.
    """
    if check_permission:
        require(actor, "coproduction.manage_gritting", district)
    text = message.strip() or gettext(
        "Ice is forecast in %(district)s. Please grit your route."
    ) % {"district": district}
    volunteers = User.objects.filter(
        pk__in=GrittingRoute.objects.filter(
            ward__district=district, volunteer__isnull=False
        ).values("volunteer_id"),
        is_active=True,
    )
    addresses = list(volunteers.values_list("email", flat=True))
    with transaction.atomic():
        alert = GrittingAlert.objects.create(
            district=district,
            message=text,
            volunteers_told=len(addresses),
            sent_at=now or timezone.now(),
        )
        audit_record(
            actor=actor,
            action="coproduction.gritting_alert",
            target=alert,
            summary=f"{district}: {len(addresses)} volunteers told",
        )
        email_after_commit(
            gettext("Gritting alert: %(district)s") % {"district": district}, text, addresses
        )
    return alert
