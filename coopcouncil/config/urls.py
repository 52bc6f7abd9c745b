from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from coopcouncil.config.api import api_urls
from coopcouncil.core.views import healthz
from coopcouncil.servicerequests.urls import open311_patterns

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("accounts/", include("coopcouncil.people.urls")),
    path("democracy/", include("coopcouncil.democracy.urls")),
    path("pb/", include("coopcouncil.participation.urls")),
    path("budgets/", include("coopcouncil.budgets.urls")),
    path("coproduction/", include("coopcouncil.coproduction.urls")),
    path("insight/", include("coopcouncil.insight.urls")),
    path("procurement/", include("coopcouncil.procurement.urls")),
    path("grants/", include("coopcouncil.grants.urls")),
    path("service-requests/", include("coopcouncil.servicerequests.urls")),
    path("open311/v2/", include((open311_patterns, "open311"))),
    path("mutuals/", include("coopcouncil.mutuals.urls")),
    path("membership/", include("coopcouncil.membership.urls")),
    path("open-data/", include("coopcouncil.opendata.urls")),
    path("", include("coopcouncil.places.urls")),
]
