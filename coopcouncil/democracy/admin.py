"""Admin for local democracy: read-only, because every change goes through the services.

The services check permission, keep the agenda's order, notify askers and signers, and write
the audit trail; editing rows here would skip all of that. Models with django-simple-history
show their history. Anonymous answers (360-degree responses, pulse answers) and the receipts
that say who answered are deliberately left out, so that no one can line the two up.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from coopcouncil.core.admin import ReadOnly, ReadOnlyAdmin, ReadOnlyInline
from coopcouncil.democracy.models import (
    AgendaItem,
    AnnualReport,
    CallInPetition,
    Decision,
    DistrictPartnership,
    FeedbackRound,
    Meeting,
    MeetingPaper,
    Module,
    ModuleSession,
    PartnershipMember,
    ProgrammeYear,
    PulseQuestion,
    PulseSurvey,
    Question,
    SubGroup,
    Vote,
)


class ReadOnlyHistoryAdmin(ReadOnly, SimpleHistoryAdmin):
    pass


@admin.register(DistrictPartnership)
class DistrictPartnershipAdmin(ReadOnlyHistoryAdmin):
    list_display = ("name", "district")


@admin.register(PartnershipMember)
class PartnershipMemberAdmin(ReadOnlyHistoryAdmin):
    list_display = ("user", "partnership", "kind", "title", "start_date", "end_date")
    list_filter = ("partnership", "kind")
    search_fields = ("user__full_name", "title")


@admin.register(SubGroup)
class SubGroupAdmin(ReadOnlyAdmin):
    list_display = ("name", "partnership")


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("title", "partnership", "sub_group", "starts_at", "status")
    list_filter = ("status", "partnership")
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "meeting", "status", "rejection_reason", "created_at")
    list_filter = ("status",)


class VoteInline(ReadOnlyInline):
    model = Vote


@admin.register(Decision)
class DecisionAdmin(ReadOnlyHistoryAdmin):
    list_display = ("title", "partnership", "kind", "budget_pence", "status", "published_at")
    list_filter = ("status", "kind", "partnership")
    search_fields = ("title", "summary")
    inlines = [VoteInline]


@admin.register(CallInPetition)
class CallInPetitionAdmin(ReadOnlyAdmin):
    list_display = ("decision", "status", "threshold", "opens_at", "closes_at", "outcome")
    list_filter = ("status", "outcome")


class ModuleInline(ReadOnlyInline):
    model = Module


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(ReadOnlyAdmin):
    list_display = ("title", "starts_on", "ends_on")
    inlines = [ModuleInline]


@admin.register(ModuleSession)
class ModuleSessionAdmin(ReadOnlyAdmin):
    list_display = ("module", "starts_at", "venue")


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyHistoryAdmin):
    list_display = ("councillor", "year", "published_at")


@admin.register(FeedbackRound)
class FeedbackRoundAdmin(ReadOnlyAdmin):
    list_display = ("subject", "subject_role", "opens_at", "closes_at")


class PulseQuestionInline(ReadOnlyInline):
    model = PulseQuestion


@admin.register(PulseSurvey)
class PulseSurveyAdmin(ReadOnlyAdmin):
    list_display = ("title", "partnership", "audience", "opens_at", "closes_at")
    inlines = [PulseQuestionInline]


@admin.register(MeetingPaper)
class MeetingPaperAdmin(ReadOnlyAdmin):
    """Papers, without their files: those are served only by the meeting's paper view."""

    list_display = ("title", "meeting", "kind", "extension", "size_bytes", "published_at")
    list_filter = ("kind",)
    exclude = ("file",)
