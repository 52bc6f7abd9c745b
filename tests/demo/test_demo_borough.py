from decimal import Decimal

from coopcouncil.demo import demo_load
from coopcouncil.people.models import Organisation, RoleAssignment, User
from coopcouncil.places.models import Borough, District, Ward
from coopcouncil.places.selectors import borough_figures


def test_demo_borough_has_the_oldham_shape(db, demo_borough):
    assert District.objects.count() == 6
    assert Ward.objects.count() == 20
    assert RoleAssignment.objects.filter(role="councillor").count() == 60
    assert set(
        Ward.objects.filter(district__slug="saddleworth-lees").values_list("name", flat=True)
    ) == {"Saddleworth North", "Saddleworth South", "Saddleworth West & Lees"}
    population = sum(w.population for w in Ward.objects.all())
    assert 210_000 <= population <= 230_000


def test_demo_borough_figures_match_the_published_anchors(db, demo_borough):
    figures = borough_figures(Borough.objects.get())
    assert figures.under16_share == Decimal("22.2")
    assert figures.bme_share == Decimal("13.8")
    assert figures.unemployment_rate == Decimal("4.9")
    assert figures.life_expectancy_male == Decimal("75.5")
    coldhurst = Ward.objects.get(name="Coldhurst")
    assert (coldhurst.under16_share, coldhurst.bme_share, coldhurst.unemployment_rate) == (
        Decimal("31.2"),
        Decimal("56.9"),
        Decimal("9.1"),
    )
    assert Borough.objects.get().net_revenue_budget_pence == 22_560_000_000


def test_loading_the_demo_twice_changes_nothing(db, demo_borough):
    counts = (User.objects.count(), Organisation.objects.count(), RoleAssignment.objects.count())
    demo_load()
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        RoleAssignment.objects.count(),
    ) == counts
