"""Other apps find districts and wards through these getters, never through the models."""

import pytest

from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.places import selectors


def test_wards_named_by_slug_are_found_and_an_unknown_one_refuses_them_all(places):
    found = selectors.wards_get(["coldhurst", "saddleworth-south"], field="wards")
    assert sorted(w.slug for w in found) == ["coldhurst", "saddleworth-south"]
    with pytest.raises(DomainError) as error:
        selectors.wards_get(["coldhurst", "atlantis", "lyonesse"], field="wards")
    assert error.value.code == "ward_unknown"
    assert error.value.errors == {"wards": ["Unknown ward(s): atlantis, lyonesse."]}


def test_an_unknown_district_is_not_found_and_names_the_district_field(places):
    assert selectors.district_get("west-oldham").name == "West Oldham"
    with pytest.raises(NotFound) as error:
        selectors.district_get("atlantis")
    assert error.value.code == "district_not_found" and error.value.field == "district"


def test_the_district_list_for_a_choice_does_not_load_wards(places, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [d.name for d in selectors.district_list(with_wards=False)]
    assert names == sorted(names)
    with django_assert_num_queries(2):
        wards = [w for d in selectors.district_list() for w in d.wards.all()]
    assert wards
