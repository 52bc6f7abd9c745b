"""The Scottish count against 250 real ward elections and an independent count (Droop 0.14).

../shared/stv holds each ward's ballots and the winners of the reference count. Every file
must elect the same candidates. The order of election agrees stage by stage; within one
stage, where several candidates are elected together (reaching the quota at the same
transfer, or filling the last vacancies under rule 52), the reference lists them by
candidate number and this count by votes, highest first, so the order is compared as the
sequence of stages, each a set (rule 52's last vacancies, shown as a stage of their own
here, belong to the stage that left them).
"""

import json

from coopcouncil.mutuals.logic.ballot_files import read_blt
from coopcouncil.mutuals.logic.counting import count


def test_every_shared_election_elects_the_reference_winners(shared):
    folder = shared / "stv"
    reference = json.loads((folder / "reference.json").read_text())
    assert len(reference) >= 250
    wrong, out_of_order = [], []
    for name, expected in sorted(reference.items()):
        election = read_blt((folder / "elections" / name).read_text())
        assert (len(election.candidates), election.seats) == (
            expected["candidates"],
            expected["seats"],
        ), name
        result = count(election)
        elected = [c + 1 for c in result.elected]
        if sorted(elected) != expected["elected"]:
            wrong.append((name, elected, expected["elected"]))
            continue
        stage_groups: list[set[int]] = []
        for stage in result.stages:
            elected_now = {c + 1 for c in stage.elected}
            if stage.kind == "last_vacancies" and stage_groups:
                # Rule 52 elects at the end of the stage before it, with no transfer between.
                stage_groups[-1] |= elected_now
            elif elected_now:
                stage_groups.append(elected_now)
        reference_order = list(expected["elected_order"])
        for group in stage_groups:
            taken, reference_order = reference_order[: len(group)], reference_order[len(group) :]
            if set(taken) != group:
                out_of_order.append(name)
                break
    assert wrong == []
    assert out_of_order == []
