"""How long an unsuccessful grant application keeps what it says about people (registered
in the app config).

The default, three years after the decision, is in line with published council schedules
for small community funding applications (Devon County Council's keeps locality budget
applications for three years plus the current one, from the application): longer than the
twelve months for a complaint to the Local Government and Social Care Ombudsman, and long
enough for the panel to read a group's next bid against its last. The council's records
manager may set another (``COOPCOUNCIL_RETENTION_GRANTS_UNSUCCESSFUL_APPLICATIONS_DAYS``).

The application itself stays: its title, group, ward, amounts, status, budget lines and
scores, so every dashboard total and count is unchanged. What goes is the person who
drafted it, the free text in which a group writes about the people it works with (the
project and its outcomes), the council's notes back to it, and its attachments (letters
of support, CVs, constitutions). Awards, the public record of money given, are kept.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from coopcouncil.core.interfaces import RetentionRule
from coopcouncil.grants.models import Application, Attachment

UNSUCCESSFUL = (Application.Status.INELIGIBLE, Application.Status.DECLINED)


def _unsuccessful_applications(*, before: datetime, dry_run: bool) -> int:
    # An ineligible application's check is not dated (decided_at is the panel's decision,
    # and it also opens the scores to the group), so it counts from its submission.
    decided_long_ago = Q(status=Application.Status.DECLINED, decided_at__lt=before) | Q(
        status=Application.Status.INELIGIBLE, submitted_at__lt=before
    )
    holds_personal = (
        Q(created_by__isnull=False)
        | ~Q(project="")
        | ~Q(outcomes="")
        | ~Q(feedback="")
        | ~Q(eligibility_note="")
        | Q(has_attachments=True)
    )
    applications = (
        Application.objects.filter(decided_long_ago)
        .annotate(has_attachments=Exists(Attachment.objects.filter(application=OuterRef("pk"))))
        .filter(holds_personal)
    )
    if dry_run:
        return applications.count()
    ids = list(applications.values_list("pk", flat=True))
    attachments = Attachment.objects.filter(application_id__in=ids)
    files = [attachment.file for attachment in attachments]
    attachments.delete()

    def files_delete() -> None:
        for file in files:
            file.delete(save=False)

    # The files go once the rows are gone for good: a rollback must not lose them.
    transaction.on_commit(files_delete)
    return Application.objects.filter(pk__in=ids).update(
        created_by=None, project="", outcomes="", feedback="", eligibility_note=""
    )


GRANTS_RETENTION_RULES = (
    RetentionRule(
        "grants.unsuccessful_applications",
        "Ineligible and declined applications: who drafted them, the project and outcomes "
        "as written, the council's notes and the attachments, after the decision.",
        "anonymised",
        3 * 365,
        _unsuccessful_applications,
    ),
    RetentionRule(
        "grants.applications",
        "Grant awards and applications still undecided: records of public money, kept "
        "under the council's financial regulations (awards are published, 360Giving); "
        "the applicant is anonymised on erasure.",
        "kept",
    ),
)
