import json
import subprocess
import sys

from coopcouncil.opendata.popolo import popolo_export
from coopcouncil.people.models import Organisation, RoleAssignment, User


def test_popolo_export_lists_every_councillor_with_a_ward_post(db, demo_borough):
    document = popolo_export()
    assert len(document["posts"]) == 20
    councillor_memberships = [m for m in document["memberships"] if m["role"] == "Councillor"]
    assert len(councillor_memberships) == 60
    assert {m["post_id"] for m in councillor_memberships} == {p["id"] for p in document["posts"]}
    person_ids = {p["id"] for p in document["persons"]}
    assert all(m["person_id"] in person_ids for m in document["memberships"])
    assert all("email" not in p for p in document["persons"])  # private by default


def test_popolo_names_councillors_only_never_members_of_partners_or_groups(db, ward):
    """Councillors hold public office; members of partner bodies and groups may be private."""
    group = Organisation.objects.create(
        name="Friends of the Park", slug="friends", kind="community_group"
    )
    for name, role in [("Pat Private", "group_member"), ("Sam Partner", "partner")]:
        person = User.objects.create_user(email=f"{role}@example.org", full_name=name)
        RoleAssignment.objects.create(user=person, role=role, organisation=group)
    councillor = User.objects.create_user(email="cllr@example.org", full_name="Cllr Open")
    RoleAssignment.objects.create(user=councillor, role="councillor", ward=ward)
    document = popolo_export()
    assert [person["name"] for person in document["persons"]] == ["Cllr Open"]
    assert "organisation/friends" in {o["id"] for o in document["organizations"]}


def test_popolo_export_validates_against_the_standard(db, demo_borough, shared, tmp_path):
    path = tmp_path / "popolo.json"
    path.write_text(json.dumps(popolo_export()))
    result = subprocess.run(
        [sys.executable, str(shared / "standards" / "validate.py"), "popolo", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_popolo_is_served_by_api_and_page(client, db, demo_borough):
    assert len(client.get("/api/v1/opendata/popolo").json()["posts"]) == 20
    assert client.get("/open-data/popolo.json").status_code == 200
