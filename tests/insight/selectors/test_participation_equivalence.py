"""The one SQL statement that counts participation agrees with a plain count in Python over
the same sources' querysets (the ORM path), on random histories of taking part."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.insight.selectors.participation import participation_counts, participation_sources
from coopcouncil.people.selectors import verified_residency_wards


def _counted_in_python(*, start, end, at):
    homes = {row["user_id"]: row["home_ward"] for row in verified_residency_wards(at=at)}
    events = [
        (row["user_id"], row["at"], source.role, source.kind)
        for source in participation_sources()
        for row in source.events
    ]
    levels = {
        "kind": lambda role, kind: (role, kind),
        "role": lambda role, kind: (role, ""),
        "any": lambda role, kind: ("any", ""),
    }
    counted = {}
    for key_of in levels.values():
        first = {}
        for user, moment, role, kind in events:
            key = (user, key_of(role, kind))
            first[key] = min(first.get(key, moment), moment)
        people, new = defaultdict(set), defaultdict(set)
        for user, moment, role, kind in events:
            if start <= moment < end:
                group = (homes.get(user), *key_of(role, kind))
                people[group].add(user)
                if first[(user, key_of(role, kind))] >= start:
                    new[group].add(user)
        for group, users in people.items():
            counted[group] = (len(users), len(new[group]))
    return counted


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_statement_counts_what_a_plain_python_count_does(
    seed, ward, other_ward, make_resident, make_user, take_part
):
    rng = random.Random(seed)
    people = [make_resident(rng.choice([ward, other_ward])) for _ in range(6)] + [make_user()]
    now = timezone.now()
    for _ in range(25):
        take_part(
            rng.choice(people),
            rng.choice(["questions", "pb_ballots"]),
            now - timedelta(days=rng.randint(0, 90), minutes=rng.randint(0, 600)),
        )
    # Overlapping periods, as the window and its months are, counted in one statement.
    periods = [
        (now - timedelta(days=30), now),
        (now - timedelta(days=90), now - timedelta(days=30)),
        (now - timedelta(days=60), now + timedelta(days=1)),
    ]
    rows = participation_counts(periods=periods, at=now)
    for index, (start, end) in enumerate(periods):
        from_sql = {
            (r.ward_id, r.role, r.kind): (r.participants, r.new_participants)
            for r in rows
            if r.period == index
        }
        assert from_sql == _counted_in_python(start=start, end=end, at=now), index
