from coopcouncil.core.permissions import check
from coopcouncil.participation.models import PBProcess


def test_a_district_team_runs_its_own_pb_process_but_not_a_borough_wide_one(ward, make_role):
    team = make_role("officer", team="district_team", district=ward.district)
    clerk = make_role("officer", team="clerk")
    in_district = PBProcess(title="West", district=ward.district, budget_pence=100)
    borough_wide = PBProcess(title="Borough", district=None, budget_pence=100)
    assert check(team, "pb.manage", in_district).allowed
    assert check(team, "pb.manage", borough_wide).reason == (
        "Only the clerk and district officers may run a PB process."
    )
    assert check(clerk, "pb.manage", borough_wide).allowed
