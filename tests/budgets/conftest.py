"""Fixtures for devolved money: a finance officer, a budget line with formulas, ward budgets."""

from __future__ import annotations

from decimal import Decimal

import pytest


@pytest.fixture
def finance(make_role):
    return make_role("officer", "Fran Finance", team="finance")


@pytest.fixture
def line(finance, places):
    from coopcouncil.budgets.services import budget_line_create

    return budget_line_create(
        actor=finance,
        name="Youth Service",
        slug="youth-service",
        financial_year="2026/27",
        amount_pence=120_000_000,
    )


@pytest.fixture
def equal_formula(finance, line):
    from coopcouncil.budgets.services import formula_create

    return formula_create(actor=finance, line=line, name="Equal shares", equal_share_percent=100)


@pytest.fixture
def need_formula(finance, line):
    from coopcouncil.budgets.services import formula_create

    return formula_create(
        actor=finance,
        line=line,
        name="Need-led",
        equal_share_percent=Decimal("40"),
        population_percent=Decimal("30"),
        need_percent=Decimal("30"),
        need_indicator="imd_score",
        ring_fence_percent=Decimal("10"),
        ring_fence_indicator="unemployment_rate",
        ring_fence_purpose="Tackling poverty",
    )


@pytest.fixture
def councillor(make_role, ward):
    return make_role("councillor", "Cllr Cole", ward=ward)


@pytest.fixture
def district_team(make_role, ward):
    return make_role("officer", "Dee District", team="district_team", district=ward.district)


@pytest.fixture
def ward_budget(councillor, finance):
    from coopcouncil.budgets.models import WardBudget
    from coopcouncil.budgets.services import ward_budgets_open

    ward_budgets_open(actor=finance, financial_year="2026/27")
    return WardBudget.objects.get(councillor=councillor)


@pytest.fixture
def community_group(places):
    from coopcouncil.people.models import Organisation

    return Organisation.objects.create(
        name="Coldhurst Women's Network", slug="cwn", kind="community_group"
    )


@pytest.fixture
def programme_without_attendance(db):
    """A Local Leaders Programme year with two core modules, held, that nobody attended.

    Held a month and two months ago: a module not yet held counts against nobody.
    """
    from datetime import date, timedelta

    from django.utils import timezone

    from coopcouncil.democracy.models import Module, ModuleSession, ProgrammeYear

    programme = ProgrammeYear.objects.create(
        title="Local Leaders 2026", starts_on=date(2020, 4, 1), ends_on=date(2099, 3, 31)
    )
    for number, title in ((1, "Chairing"), (2, "Budgets")):
        module = Module.objects.create(programme=programme, number=number, title=title)
        ModuleSession.objects.create(
            module=module, starts_at=timezone.now() - timedelta(days=30 * number)
        )
    return programme
