"""The measures catalogue page: everyone reads it; procurement officers add and change themes,
outcomes and measures with plain forms (no JavaScript); others are refused with the reason."""

import pytest

from coopcouncil.procurement.models import Measure, MeasureOutcome, MeasureTheme
from tests.conftest import counted_get

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


def test_an_officer_adds_a_theme_an_outcome_and_a_measure_through_the_forms(client, officer):
    client.force_login(officer, backend=BACKEND)
    assert client.post("/procurement/measures/themes/new/", {"name": "Planet"}).status_code == 302
    theme = MeasureTheme.objects.get(slug="planet")
    response = client.post(
        "/procurement/measures/outcomes/new/", {"theme": theme.pk, "name": "Less carbon"}
    )
    assert response.status_code == 302
    outcome = MeasureOutcome.objects.get(slug="less-carbon")
    response = client.post(
        "/procurement/measures/new/",
        {
            "outcome": outcome.pk,
            "code": "carbon-saved",
            "name": "Carbon saved",
            "unit": "t",
            "proxy_value_pence": "£245.50",
        },
    )
    assert response.status_code == 302
    assert Measure.objects.get(code="carbon-saved").proxy_value_pence == 24_550
    page = client.get("/procurement/measures/")
    assert (
        b"Carbon saved" in page.content and b"/procurement/measures/carbon-saved/" in page.content
    )


def test_an_officer_changes_a_measure_but_not_its_code(client, officer, catalogue):
    client.force_login(officer, backend=BACKEND)
    measure = Measure.objects.get(code="local-fte")
    form = client.get("/procurement/measures/local-fte/")
    assert form.status_code == 200 and b"30000.00" in form.content
    response = client.post(
        "/procurement/measures/local-fte/",
        {
            "outcome": measure.outcome_id,
            "code": "something-else",
            "name": "Local people hired",
            "unit": "FTE",
            "proxy_value_pence": "31,487",
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.code, measure.name, measure.proxy_value_pence) == (
        "local-fte",
        "Local people hired",
        3_148_700,
    )


def test_a_taken_code_or_bad_amount_shows_on_its_field(client, officer, catalogue):
    client.force_login(officer, backend=BACKEND)
    outcome = MeasureOutcome.objects.get()
    values = {"outcome": outcome.pk, "name": "Jobs", "unit": "FTE", "proxy_value_pence": "10"}
    taken = client.post("/procurement/measures/new/", {**values, "code": "local-fte"})
    assert taken.status_code == 400 and taken.context["form"].errors["code"]
    bad = client.post(
        "/procurement/measures/new/", {**values, "code": "x", "proxy_value_pence": "ten"}
    )
    assert bad.status_code == 400 and bad.context["form"].errors["proxy_value_pence"]
    assert Measure.objects.count() == 2


def test_someone_outside_procurement_is_refused_the_forms_and_sees_no_links(
    client, make_user, catalogue
):
    client.force_login(make_user("Rita Resident"), backend=BACKEND)
    assert client.get("/procurement/measures/new/").status_code == 403
    assert client.post("/procurement/measures/themes/new/", {"name": "X"}).status_code == 403
    page = client.get("/procurement/measures/")
    assert b"Local Fte" in page.content and b"Add a measure" not in page.content
    assert not MeasureTheme.objects.filter(name="X").exists()


def test_the_catalogue_page_reads_the_same_number_of_queries_whatever_its_size(
    client, officer, catalogue
):
    from coopcouncil.procurement.services import measure_add

    before, _ = counted_get(client, "/procurement/measures/")
    for number in range(3):
        measure_add(
            actor=officer,
            theme=f"Theme {number}",
            outcome=f"Outcome {number}",
            code=f"measure-{number}",
            name=f"Measure {number}",
            unit="hours",
            proxy_value_pence=100,
        )
    after, _ = counted_get(client, "/procurement/measures/")
    assert after == before
