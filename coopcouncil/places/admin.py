from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from coopcouncil.places.models import Borough, District, Ward


@admin.register(Borough)
class BoroughAdmin(SimpleHistoryAdmin):
    list_display = ("name", "budget_year", "is_illustrative")


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ("name", "borough")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Ward)
class WardAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "district", "population", "unemployment_rate", "imd_score")
    list_filter = ("district",)
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("name",)}
