"""Writes for the register, membership classes and members.

A class's rule is checked when a member joins or takes the class, and again by
``members_recheck`` (``coopcouncil mutuals recheck``, safe on a daily schedule), which lapses
a class whose holder no longer meets it: the member who turned 20, the resident whose
verified residency expired.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotFound, RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.mutuals import policy, selectors
from coopcouncil.mutuals.logic.eligibility import Applicant, class_refusals
from coopcouncil.mutuals.models import Member, MemberClass, MembershipClass, Mutual, MutualService
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import Actor, organisation_get, user_find_by_email
from coopcouncil.places.models import District


def _refusal_text(code: str) -> str:
    """What a member is told for each ``logic.eligibility`` refusal code."""
    return {
        "age_unknown": gettext("Give a date of birth: this class has an age limit."),
        "too_young": gettext("Too young for this class."),
        "too_old": gettext("Too old for this class."),
        "not_resident": gettext("This class is for verified residents."),
        "not_resident_here": gettext("This class is for residents of the co-operative's area."),
        "share_unpaid": gettext("The class's share has not been paid."),
        "not_tenant": gettext("This class is for tenants."),
        "not_employee": gettext("This class is for employees."),
        "not_an_organisation": gettext("This class is for organisations."),
        "organisation_not_eligible": gettext("This class is for individuals, not organisations."),
        "not_a_representative": gettext(
            "The representative must hold a current role in the organisation."
        ),
    }.get(code, code)


def mutual_register(
    *,
    actor: Actor,
    name: str,
    legal_form: str,
    society_number: str = "",
    company_number: str = "",
    charity_number: str = "",
    district: District | None = None,
    organisation: Organisation | None = None,
    description: str = "",
    election_rule: str = "",
    is_spin_out: bool = False,
    services: list[str] | None = None,
) -> Mutual:
    """Add a co-operative or mutual to the council's register.

    ``organisation`` is the body as the council's other records know it (people's
    ``Organisation``): the supplier of its contracts, the holder of its leases.
    """
    require(actor, "mutuals.manage_register")
    if election_rule and election_rule not in Mutual.ElectionRule.values:
        raise DomainError("rule_unknown", gettext("Choose a counting rule."), "election_rule")
    if legal_form not in Mutual.LegalForm.values:
        raise DomainError("legal_form_unknown", gettext("Choose a legal form."), "legal_form")
    slug = slugify(name)[:50]
    if not name.strip() or not slug:
        raise DomainError("name_required", gettext("Give the co-operative's name."), "name")
    if Mutual.objects.filter(slug=slug).exists():
        raise Conflict(
            "mutual_exists", gettext("That co-operative is already on the register."), "name"
        )
    with transaction.atomic():
        mutual = Mutual.objects.create(
            name=name.strip(),
            slug=slug,
            legal_form=legal_form,
            society_number=society_number.strip(),
            company_number=company_number.strip(),
            charity_number=charity_number.strip(),
            district=district,
            organisation=organisation,
            description=description,
            election_rule=election_rule or policy.default_election_rule(),
            is_spin_out=is_spin_out,
        )
        MutualService.objects.bulk_create(
            MutualService(mutual=mutual, name=service.strip())
            for service in services or []
            if service.strip()
        )
        audit_record(actor=actor, action="mutuals.registered", target=mutual, summary=mutual.name)
    return mutual


def secretary_appoint(*, actor: Actor, mutual: Mutual, email: str) -> Mutual:
    """Make a person (by their account's email) a secretary of the co-operative."""
    require(actor, "mutuals.manage_register", mutual)
    person = user_find_by_email(email)
    if person is None:
        raise DomainError("user_not_found", gettext("No account has that email address."), "email")
    with transaction.atomic():
        mutual.secretaries.add(person)
        audit_record(
            actor=actor,
            action="mutuals.secretary_appointed",
            target=mutual,
            summary=f"{person} is a secretary of {mutual}",
        )
    return mutual


def membership_class_add(
    *,
    actor: Actor,
    mutual: Mutual,
    name: str,
    description: str = "",
    min_age: int | None = None,
    max_age: int | None = None,
    requires_residency: bool = False,
    min_share_pence: int = 0,
    requires_tenant: bool = False,
    requires_employee: bool = False,
    is_voting: bool = True,
    is_for_organisations: bool = False,
) -> MembershipClass:
    """Add a class of membership with its eligibility rule.

    A class for organisations asks nothing of a person (age, residence, tenancy, work):
    those rules are refused on it, as an organisation has none of those facts.
    """
    require(actor, "mutuals.manage_members", mutual)
    if not name.strip():
        raise DomainError("name_required", gettext("Name the class."), "name")
    personal = (min_age, max_age, requires_residency or None, requires_tenant or None)
    if is_for_organisations and (any(v is not None for v in personal) or requires_employee):
        raise DomainError(
            "organisation_class_personal_rule",
            gettext("A class for organisations cannot ask for an age, residence, tenancy or job."),
            "is_for_organisations",
        )
    if min_age is not None and max_age is not None and max_age < min_age:
        raise DomainError(
            "ages_out_of_order", gettext("The maximum age is below the minimum."), "max_age"
        )
    if min_share_pence < 0:
        raise DomainError(
            "share_negative", gettext("A share cannot be negative."), "min_share_pence"
        )
    try:
        with transaction.atomic():
            membership_class = MembershipClass.objects.create(
                mutual=mutual,
                name=name.strip(),
                description=description,
                min_age=min_age,
                max_age=max_age,
                requires_residency=requires_residency,
                min_share_pence=min_share_pence,
                requires_tenant=requires_tenant,
                requires_employee=requires_employee,
                is_voting=is_voting,
                is_for_organisations=is_for_organisations,
            )
            audit_record(
                actor=actor,
                action="mutuals.class_added",
                target=membership_class,
                summary=f"{mutual}: class {membership_class.name}",
            )
    except IntegrityError:
        raise Conflict(
            "class_exists", gettext("The co-operative already has that class."), "name"
        ) from None
    return membership_class


def _check_classes(classes: list[MembershipClass], applicant: Applicant, today: date) -> None:
    if not classes:
        raise DomainError("classes_required", gettext("Choose at least one class."), "classes")
    problems: list[str] = []
    for membership_class in classes:
        for code in class_refusals(selectors.class_rule(membership_class), applicant, today=today):
            problems.append(f"{membership_class.name}: {_refusal_text(code)}")
    if problems:
        raise DomainError(
            "not_eligible",
            problems[0],
            "classes",
            errors={"classes": problems[1:]} if len(problems) > 1 else None,
        )


def member_join(
    *,
    actor: Actor,
    mutual: Mutual,
    user: User,
    classes: list[MembershipClass],
    share_paid_pence: int = 0,
    is_tenant: bool = False,
    is_employee: bool = False,
    organisation: Organisation | None = None,
    today: date | None = None,
    check_permission: bool = True,
) -> Member:
    """Enrol a person in the classes they are eligible for; any class they are not refuses all.

    With ``organisation``, the member is that organisation and ``user`` its representative,
    who must hold a current role in it. ``check_permission=False`` is for the command line,
    run by the operator on the server.
    """
    if check_permission:
        require(actor, "mutuals.manage_members", mutual)
    today = today or timezone.localdate()
    if any(c.mutual_id != mutual.pk for c in classes):
        raise DomainError(
            "class_not_found", gettext("Choose this co-operative's own classes."), "classes"
        )
    applicant = selectors.applicant_facts(
        user,
        share_paid_pence=share_paid_pence,
        is_tenant=is_tenant,
        is_employee=is_employee,
        organisation=organisation,
    )
    _check_classes(classes, applicant, today)
    try:
        with transaction.atomic():
            member = Member.objects.create(
                mutual=mutual,
                user=user,
                organisation=organisation,
                joined_on=today,
                share_paid_pence=share_paid_pence,
                is_tenant=is_tenant,
                is_employee=is_employee,
            )
            MemberClass.objects.bulk_create(
                MemberClass(member=member, membership_class=c, since=today) for c in classes
            )
            audit_record(
                actor=actor,
                action="mutuals.member_joined",
                target=member,
                summary=f"A member joined {mutual} ({', '.join(c.name for c in classes)})",
            )
    except IntegrityError:
        raise Conflict(
            "already_member",
            gettext("That person, or that organisation, is already a member."),
            "user",
        ) from None
    return member


def member_facts_change(
    *,
    actor: Actor,
    member: Member,
    share_paid_pence: int,
    is_tenant: bool,
    is_employee: bool,
    today: date | None = None,
) -> list[str]:
    """Record a change in a member's facts and re-check their classes; the classes lapsed."""
    require(actor, "mutuals.manage_members", member.mutual)
    if member.user_id is None:
        # Retention has removed who they were: there is no one left to re-check.
        raise Conflict(
            "member_anonymised",
            gettext("This former member's details have been removed; they cannot change."),
        )
    with transaction.atomic():
        member.share_paid_pence = share_paid_pence
        member.is_tenant = is_tenant
        member.is_employee = is_employee
        member.save(update_fields=["share_paid_pence", "is_tenant", "is_employee"])
        lapsed = _recheck(member, today or timezone.localdate())
        audit_record(
            actor=actor,
            action="mutuals.member_changed",
            target=member,
            summary=f"A member's facts changed in {member.mutual}",
            details={"lapsed": lapsed},
        )
    return lapsed


def _recheck(member: Member, today: date) -> list[str]:
    """Lapse each current class the member no longer meets; the names of those lapsed."""
    applicant = selectors.applicant_facts(
        member.user,
        share_paid_pence=member.share_paid_pence,
        is_tenant=member.is_tenant,
        is_employee=member.is_employee,
        organisation=member.organisation,
    )
    lapsed = []
    for holding in MemberClass.objects.filter(member=member, lapsed_on__isnull=True).select_related(
        "membership_class__mutual"
    ):
        codes = class_refusals(
            selectors.class_rule(holding.membership_class), applicant, today=today
        )
        if codes:
            holding.lapsed_on = today
            holding.lapse_reason = "; ".join(_refusal_text(code) for code in codes)[:200]
            holding.save(update_fields=["lapsed_on", "lapse_reason"])
            lapsed.append(holding.membership_class.name)
    return lapsed


def members_recheck(
    *,
    actor: Actor,
    mutual: Mutual | None = None,
    today: date | None = None,
    check_permission: bool = True,
) -> int:
    """Re-check every member whose age or residency can change; how many classes lapsed.

    Every co-operative at once needs the register's staff, or the command line
    (``check_permission=False``, run daily by the operator).
    """
    if check_permission and mutual is not None:
        require(actor, "mutuals.manage_members", mutual)
    elif check_permission:
        require(actor, "mutuals.manage_register")
    today = today or timezone.localdate()
    lapsed = 0
    with transaction.atomic():
        for member in selectors.members_to_recheck(mutual=mutual):
            names = _recheck(member, today)
            if names:
                lapsed += len(names)
                audit_record(
                    actor=actor,
                    action="mutuals.classes_lapsed",
                    target=member,
                    summary=f"Re-check in {member.mutual}: {', '.join(names)} lapsed",
                )
    return lapsed


MEMBER_COLUMNS = ("mutual", "email", "classes")


def members_import(
    *, actor: Actor, text: str, today: date | None = None, check_permission: bool = True
) -> int:
    """Add members from CSV, all or nothing; the number added.

    Columns: ``mutual`` (slug), ``email`` (an account), ``classes`` (names separated by
    ``;``), and optionally ``share_paid_pence``, ``is_tenant``, ``is_employee`` (yes/no) and
    ``organisation`` (an organisation's slug: the member is that organisation and ``email``
    its representative). Every row is checked first; any error names its row and nothing is added.
    """
    today = today or timezone.localdate()
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in MEMBER_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RowErrors(
            "members_import_invalid",
            gettext("The file is missing columns."),
            [(1, c, gettext("missing column")) for c in missing],
        )
    planned, errors = [], []
    for number, row in enumerate(reader, start=2):
        try:
            planned.append(
                _member_row(row, actor=actor, today=today, check_permission=check_permission)
            )
        except DomainError as error:
            errors.append((number, error.field or "row", error.message))
    if errors:
        raise RowErrors(
            "members_import_invalid", gettext("Nothing was imported: fix the rows below."), errors
        )
    if not planned:
        raise DomainError("members_import_empty", gettext("The file has no members."), "file")
    with transaction.atomic():
        for number, plan in enumerate(planned, start=2):
            try:
                member_join(actor=actor, today=today, check_permission=check_permission, **plan)
            except DomainError as error:
                # A person named twice in the file: the whole import is undone.
                raise RowErrors(
                    "members_import_invalid",
                    gettext("Nothing was imported: fix the rows below."),
                    [(number, error.field or "row", error.message)],
                ) from None
    return len(planned)


def _organisation_named(slug: str) -> Organisation | None:
    if not slug:
        return None
    try:
        return organisation_get(slug)
    except NotFound:
        raise DomainError(
            "organisation_not_found", gettext("No organisation has that slug."), "organisation"
        ) from None


def _yes(value: str | None, field: str) -> bool:
    text = (value or "").strip().lower()
    if text in ("", "no", "false", "0"):
        return False
    if text in ("yes", "true", "1"):
        return True
    raise DomainError("not_yes_no", gettext("Write yes or no."), field)


def _member_row(row: dict, *, actor: Actor, today: date, check_permission: bool) -> dict:
    mutual = selectors.mutual_get((row.get("mutual") or "").strip())
    if check_permission:
        require(actor, "mutuals.manage_members", mutual)
    person = user_find_by_email((row.get("email") or "").strip())
    if person is None:
        raise DomainError("user_not_found", gettext("No account has that email address."), "email")
    names = [name.strip() for name in (row.get("classes") or "").split(";") if name.strip()]
    classes = {c.name.casefold(): c for c in selectors.class_list(mutual)}
    unknown = [name for name in names if name.casefold() not in classes]
    if unknown or not names:
        raise DomainError(
            "class_not_found", gettext("Name the co-operative's own classes."), "classes"
        )
    try:
        share = int((row.get("share_paid_pence") or "0").strip())
    except ValueError:
        raise DomainError(
            "share_invalid", gettext("Write the share paid in whole pence."), "share_paid_pence"
        ) from None
    chosen = [classes[name.casefold()] for name in names]
    is_tenant = _yes(row.get("is_tenant"), "is_tenant")
    is_employee = _yes(row.get("is_employee"), "is_employee")
    organisation = _organisation_named((row.get("organisation") or "").strip())
    applicant = selectors.applicant_facts(
        person,
        share_paid_pence=share,
        is_tenant=is_tenant,
        is_employee=is_employee,
        organisation=organisation,
    )
    _check_classes(chosen, applicant, today)
    if selectors.member_of(person, mutual) is not None:
        raise Conflict("already_member", gettext("That person is already a member."), "email")
    return {
        "mutual": mutual,
        "user": person,
        "classes": chosen,
        "share_paid_pence": share,
        "is_tenant": is_tenant,
        "is_employee": is_employee,
        "organisation": organisation,
    }
