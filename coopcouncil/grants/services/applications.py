"""A group drafts and submits its bid; officers check eligibility; assessors score."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, RowErrors
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import check, require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.democracy import policy as democracy_policy
from coopcouncil.democracy.logic.papers import PaperRefused, paper_check
from coopcouncil.grants import policy
from coopcouncil.grants.logic.applications import (
    ApplicationFacts,
    Problem,
    RoundRules,
    submission_problems,
)
from coopcouncil.grants.models import Application, Attachment, BudgetLine, Round, Score
from coopcouncil.grants.selectors import dividend_balance
from coopcouncil.grants.services.messages import problem_message
from coopcouncil.grants.services.tallies import tally_move
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import Actor, acting_user, user_find_by_email
from coopcouncil.places.models import Ward

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ApplicationDraft:
    """What a group fills in; anything may be left blank until it submits."""

    title: str
    project: str = ""
    amount_pence: int = 0
    outcomes: str = ""
    ward: Ward | None = None
    volunteers: int = 0
    volunteer_hours: int = 0
    in_kind_pence: int = 0
    match_funding_pence: int = 0
    co_production_savings_pence: int = 0
    dividend_pence: int = 0
    planned_start: date | None = None
    planned_end: date | None = None
    budget_lines: Sequence[tuple[str, int]] = field(default_factory=tuple)
    # Other groups on the platform applying jointly with the lead (co-applicants).
    partners: Sequence[Organisation] = field(default_factory=tuple)


DRAFT_FIELDS = (
    "title",
    "project",
    "amount_pence",
    "outcomes",
    "ward",
    "volunteers",
    "volunteer_hours",
    "in_kind_pence",
    "match_funding_pence",
    "co_production_savings_pence",
    "dividend_pence",
    "planned_start",
    "planned_end",
)


def _draft_check(draft: ApplicationDraft, *, lead: Organisation) -> None:
    if any(partner.pk == lead.pk for partner in draft.partners):
        raise DomainError(
            "partner_is_lead",
            gettext("%(organisation)s is the lead applicant, so it cannot also be a partner.")
            % {"organisation": lead},
            "partners",
        )
    if not draft.title.strip():
        raise DomainError("title_required", gettext("Give the project a title."), "title")
    for name in DRAFT_FIELDS:
        value = getattr(draft, name)
        if isinstance(value, int) and value < 0:
            raise DomainError("negative", gettext("This cannot be negative."), name)
    for description, amount in draft.budget_lines:
        if not description.strip() or amount <= 0:
            raise DomainError(
                "budget_line_invalid",
                gettext("Each budget line needs an item and a cost above £0.00."),
                "budget_lines",
            )
    if draft.planned_start and draft.planned_end and draft.planned_end < draft.planned_start:
        raise DomainError(
            "planned_dates", gettext("The project must end after it starts."), "planned_end"
        )


def _draft_write(application: Application, draft: ApplicationDraft) -> None:
    for name in DRAFT_FIELDS:
        setattr(application, name, getattr(draft, name))
    application.title = draft.title.strip()
    application.save()
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, description=d.strip(), amount_pence=a)
        for d, a in draft.budget_lines
    )
    application.partners.set({partner.pk for partner in draft.partners})


def application_draft_create(
    *, actor: Actor, round_: Round, organisation: Organisation, draft: ApplicationDraft
) -> Application:
    """Start a group's application to a round; it stays a draft until submitted."""
    require(actor, "grants.apply", organisation)
    _draft_check(draft, lead=organisation)
    with transaction.atomic():
        application = Application(
            round=round_, organisation=organisation, created_by=acting_user(actor)
        )
        _draft_write(application, draft)
        audit_record(
            actor=actor,
            action="grants.application_drafted",
            target=application,
            summary=f"{organisation}: {application.title}",
        )
    return application


def application_draft_update(
    *, actor: Actor, application: Application, draft: ApplicationDraft
) -> Application:
    """Save changes to a draft; a submitted application can no longer be edited."""
    require(actor, "grants.apply", application.organisation)
    _draft_check(draft, lead=application.organisation)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Application.Status.DRAFT:
            raise Conflict(
                "application_submitted", gettext("A submitted application cannot be changed.")
            )
        _draft_write(locked, draft)
        audit_record(
            actor=actor,
            action="grants.application_saved",
            target=locked,
            summary=locked.title,
        )
    return locked


def _rules(round_: Round) -> RoundRules:
    return RoundRules(
        opens_at=round_.opens_at,
        closes_at=round_.closes_at,
        eligible_kinds=tuple(round_.eligible_kinds),
        district_id=round_.district_id,
        max_award_pence=round_.max_award_pence,
        match_funding_percent=round_.match_funding_percent,
    )


def _timing_refusal(round_: Round, now: datetime) -> DomainError | None:
    if now >= round_.closes_at:
        closes = timezone.localtime(round_.closes_at)
        return Conflict(
            "round_closed",
            gettext("This round closed at %(time)s; late applications cannot be accepted.")
            % {"time": f"{closes:%H:%M on %d %B %Y}"},
        )
    if now < round_.opens_at:
        opens = timezone.localtime(round_.opens_at)
        return Conflict(
            "round_not_open",
            gettext("This round opens at %(time)s.") % {"time": f"{opens:%H:%M on %d %B %Y}"},
        )
    return None


def application_submit(
    *, actor: Actor, application: Application, now: datetime | None = None
) -> Application:
    """Submit a draft: refused after the closing time, or while any check fails."""
    require(actor, "grants.apply", application.organisation)
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("round", "organisation", "ward")
            .get(pk=application.pk)
        )
        if locked.status != Application.Status.DRAFT:
            raise Conflict("application_submitted", gettext("This application is already in."))
        refusal = _timing_refusal(locked.round, now)
        if refusal is not None:
            raise refusal
        facts = ApplicationFacts(
            title=locked.title,
            project=locked.project,
            outcomes=locked.outcomes,
            amount_pence=locked.amount_pence,
            budget_line_pence=[line.amount_pence for line in locked.budget_lines.all()],
            match_funding_pence=locked.match_funding_pence,
            organisation_kind=locked.organisation.kind,
            ward_district_id=locked.ward.district_id if locked.ward else None,
        )
        problems = submission_problems(_rules(locked.round), facts)
        if locked.dividend_pence > dividend_balance(locked.organisation):
            problems.append(Problem("dividend_pence", "dividend_short"))
        if problems:
            errors: dict[str, list[str]] = {}
            for problem in problems:
                errors.setdefault(problem.field, []).append(problem_message(problem=problem))
            raise DomainError(
                "application_incomplete",
                gettext("The application is not ready to submit."),
                errors=errors,
            )
        locked.status = Application.Status.SUBMITTED
        locked.submitted_at = now
        locked.save(update_fields=["status", "submitted_at"])
        tally_move(application=locked, from_status=Application.Status.DRAFT)
        audit_record(
            actor=actor,
            action="grants.application_submitted",
            target=locked,
            summary=f"{locked.organisation}: {locked.title}, {format_pence(locked.amount_pence)}",
        )
        applicant_notify(
            application=locked,
            subject=gettext("Application received"),
            text=gettext("We have received your application '%(title)s'.")
            % {"title": locked.title},
        )
    return locked


def applicant_notify(*, application: Application, subject: str, text: str) -> None:
    """Email the group (its contact address and whoever drafted the bid) after the commit."""
    link = settings.COOPCOUNCIL["SITE_URL"].rstrip("/") + reverse(
        "grants:application", args=[application.pk]
    )
    recipients = [application.organisation.contact_email]
    if application.created_by is not None:
        recipients.append(application.created_by.email)
    email_after_commit(subject, f"{text}\n\n{link}", recipients)


def attachment_add(
    *, actor: Actor, application: Application, upload: Any, title: str = ""
) -> Attachment:
    """Attach a supporting document; its bytes must be a PDF or an office document."""
    require(actor, "grants.apply", application.organisation)
    if application.status != Application.Status.DRAFT:
        raise Conflict(
            "application_submitted", gettext("A submitted application cannot be changed.")
        )
    if upload is None:
        raise DomainError("file_required", gettext("Choose the file to upload."), "file")
    limit = democracy_policy.paper_max_bytes()
    content = upload.read(limit + 1)
    try:
        paper_type = paper_check(content, max_bytes=limit)
    except PaperRefused as refused:
        raise _upload_refusal(refused.reason, limit) from None
    original_name = (upload.name or f"attachment.{paper_type.extension}")[:255]
    with transaction.atomic():
        attachment = Attachment(
            application=application,
            title=(title.strip() or original_name.rsplit(".", 1)[0])[:200],
            original_name=original_name,
            content_type=paper_type.content_type,
            extension=paper_type.extension,
            size_bytes=len(content),
        )
        attachment.file.save(original_name, ContentFile(content), save=False)
        attachment.save()
        audit_record(
            actor=actor,
            action="grants.attachment_added",
            target=application,
            summary=attachment.title,
        )
    return attachment


def _upload_refusal(reason: str, limit: int) -> DomainError:
    if reason == "size":
        return DomainError(
            "file_too_large",
            gettext("A file may be at most %(limit)d MB.") % {"limit": limit // MEGABYTE},
            "file",
        )
    if reason == "empty":
        return DomainError("file_empty", gettext("The file is empty."), "file")
    return DomainError(
        "file_type_refused",
        gettext("Upload a PDF or an office document (docx, xlsx, pptx, odt, ods, odp)."),
        "file",
    )


def application_eligibility_record(
    *, actor: Actor, application: Application, is_eligible: bool, note: str = ""
) -> Application:
    """An officer's eligibility check: eligible goes to the assessors, ineligible is told why."""
    require(actor, "grants.check_eligibility", application)
    if not is_eligible and not note.strip():
        raise DomainError(
            "note_required", gettext("Say why the application is not eligible."), "note"
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Application.Status.SUBMITTED:
            raise Conflict(
                "not_submitted", gettext("Only a submitted application is checked for eligibility.")
            )
        locked.status = (
            Application.Status.ELIGIBLE if is_eligible else Application.Status.INELIGIBLE
        )
        locked.eligibility_note = note.strip()
        locked.save(update_fields=["status", "eligibility_note"])
        tally_move(application=locked, from_status=Application.Status.SUBMITTED)
        audit_record(
            actor=actor,
            action="grants.eligibility_checked",
            target=locked,
            summary=f"{locked.title}: {locked.get_status_display()}",
        )
        if not is_eligible:
            applicant_notify(
                application=application,
                subject=gettext("Your application is not eligible"),
                text=gettext("'%(title)s' is not eligible: %(note)s")
                % {"title": locked.title, "note": locked.eligibility_note},
            )
    return locked


def _marks_check(round_: Round, marks: Mapping[int, int]) -> None:
    top = policy.score_scale_top()
    criteria = set(round_.criteria.values_list("pk", flat=True))
    if set(marks) - criteria:
        raise DomainError(
            "criterion_unknown", gettext("Score only this round's criteria."), "marks"
        )
    for mark in marks.values():
        if type(mark) is not int or not 0 <= mark <= top:
            raise DomainError(
                "score_out_of_range",
                gettext("Each score is a whole number from 0 to %(top)d.") % {"top": top},
                "marks",
            )


def score_record(
    *,
    actor: Actor,
    application: Application,
    marks: Mapping[int, int],
    comments: Mapping[int, str] | None = None,
) -> list[Score]:
    """An assessor's marks by criterion id; scoring again replaces their earlier marks."""
    require(actor, "grants.assess", application)
    if application.status != Application.Status.ELIGIBLE:
        raise Conflict(
            "not_being_assessed", gettext("Only an application being assessed can be scored.")
        )
    _marks_check(application.round, marks)
    assessor = acting_user(actor)
    comments = comments or {}
    with transaction.atomic():
        scores = [
            Score.objects.update_or_create(
                application=application,
                criterion_id=criterion_id,
                assessor=assessor,
                defaults={"score": mark, "comment": comments.get(criterion_id, "").strip()},
            )[0]
            for criterion_id, mark in marks.items()
        ]
        audit_record(
            actor=actor,
            action="grants.scored",
            target=application,
            summary=f"{assessor} scored {len(scores)} criteria",
        )
    return scores


@dataclass(frozen=True)
class ScoreRow:
    """One row of a scores file: application id, assessor email, criterion name, score."""

    application_id: str
    assessor_email: str
    criterion: str
    score: str
    comment: str = ""


def scores_import(*, actor: Actor, rows: Sequence[ScoreRow], check_permission: bool = True) -> int:
    """Import assessors' scores from a file: every row is written, or none.

    Each row is checked as if the assessor scored in the web form — on the round's panel,
    no interest in the applicant, a known criterion, a mark in range — and every broken row
    is reported with its number (the header is row 1).
    """
    if check_permission:
        require(actor, "grants.manage_funds", None)
    problems: list[tuple[int, str, str]] = []
    checked: list[tuple[Application, User, int, int, str]] = []
    top = policy.score_scale_top()
    applications: dict[str, Application | None] = {}
    for number, row in enumerate(rows, start=2):
        try:
            checked.append(_score_row(row, applications, top))
        except _RowProblem as problem:
            problems.append((number, problem.field, problem.message))
    if problems:
        raise RowErrors("scores_invalid", gettext("No scores were imported."), problems)
    with transaction.atomic():
        for application, assessor, criterion_id, mark, comment in checked:
            Score.objects.update_or_create(
                application=application,
                criterion_id=criterion_id,
                assessor=assessor,
                defaults={"score": mark, "comment": comment},
            )
        for application in {a.pk: a for a, *_ in checked}.values():
            audit_record(
                actor=actor,
                action="grants.scores_imported",
                target=application,
                summary=f"Scores imported for {application.title}",
            )
    return len(checked)


class _RowProblem(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _score_row(
    row: ScoreRow, applications: dict[str, Application | None], top: int
) -> tuple[Application, User, int, int, str]:
    """The row's values to write; ``_RowProblem`` says what is wrong with it."""
    key = row.application_id.strip()
    if key not in applications:
        applications[key] = (
            Application.objects.select_related("round", "organisation").filter(pk=key).first()
            if key.isdigit()
            else None
        )
    application = applications[key]
    if application is None:
        raise _RowProblem("application_id", gettext("no such application"))
    if application.status != Application.Status.ELIGIBLE:
        raise _RowProblem("application_id", gettext("the application is not being assessed"))
    assessor = user_find_by_email(row.assessor_email.strip())
    if assessor is None:
        raise _RowProblem("assessor_email", gettext("no account has this email address"))
    verdict = check(assessor, "grants.assess", application)
    if not verdict.allowed:
        raise _RowProblem("assessor_email", verdict.reason)
    criterion = application.round.criteria.filter(name=row.criterion.strip()).first()
    if criterion is None:
        raise _RowProblem("criterion", gettext("not a criterion of this round"))
    mark = row.score.strip()
    if not mark.isdigit() or not 0 <= int(mark) <= top:
        raise _RowProblem("score", gettext("a whole number from 0 to %(top)d") % {"top": top})
    return (application, assessor, criterion.pk, int(mark), row.comment.strip())
