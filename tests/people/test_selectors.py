"""Other apps find people and organisations through these getters, never through the models."""

import pytest

from coopcouncil.core.errors import NotFound
from coopcouncil.people import selectors
from coopcouncil.people.models import Organisation


def test_a_person_is_found_by_id_and_a_missing_one_names_the_field_it_came_in(make_user):
    person = make_user("Pat")
    assert selectors.user_get(person.pk) == person
    with pytest.raises(NotFound) as error:
        selectors.user_get(person.pk + 1, field="user_id")
    assert error.value.code == "user_not_found"
    assert error.value.errors == {"user_id": [f"There is no person {person.pk + 1}."]}


def test_one_missing_person_refuses_the_whole_list(make_user):
    people = [make_user(), make_user()]
    ids = [p.pk for p in people]
    assert sorted(p.pk for p in selectors.users_get(ids)) == sorted(ids)
    with pytest.raises(NotFound) as error:
        selectors.users_get([*ids, max(ids) + 1], field="councillor_ids")
    assert error.value.field == "councillor_ids"


def test_an_organisation_is_found_by_id(db):
    group = Organisation.objects.create(
        name="Friends of Alexandra Park", slug="fap", kind="community_group"
    )
    assert selectors.organisation_get_by_id(group.pk) == group
    with pytest.raises(NotFound) as error:
        selectors.organisation_get_by_id(group.pk + 1, field="organisation_id")
    assert error.value.code == "organisation_not_found" and error.value.field == "organisation_id"
