from django.contrib import admin

from coopcouncil.participation.models import Ballot, Delivery, Heading, PBProcess, Project, Result


class HeadingInline(admin.TabularInline):
    model = Heading
    extra = 0


@admin.register(PBProcess)
class PBProcessAdmin(admin.ModelAdmin):
    list_display = ("title", "district", "phase", "budget_pence", "ballot_type", "rule")
    list_filter = ("phase", "ballot_type", "district")
    inlines = [HeadingInline]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("display_title", "process", "code", "status", "estimated_cost_pence")
    list_filter = ("status", "process")
    search_fields = ("title", "code")


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    # Ballots are read-only here: they change only through the voter's own ballot page.
    list_display = ("pk", "process", "ward", "changed_at")
    list_filter = ("process",)
    readonly_fields = (
        "process",
        "voter",
        "voter_ref",
        "ward",
        "choices",
        "points",
        "pabulib_extra",
    )

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ("process", "rule", "computed_at", "budget_used_pence", "voter_count")
    readonly_fields = [f.name for f in Result._meta.fields]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("project", "status", "spent_pence", "updated_at")
    list_filter = ("status",)
