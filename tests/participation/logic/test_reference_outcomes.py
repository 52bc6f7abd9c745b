"""Every rule gives exactly pabutools 1.2.3's winners on every shared Pabulib file.

The reference (../shared/pabulib/reference.json) was produced by pabutools with exact gmpy2
rationals and lexicographic tie-breaking; see the README beside it.
"""

from __future__ import annotations

import pytest

from coopcouncil.participation.logic.counting import RULES
from coopcouncil.participation.logic.profile import UnsupportedRule

pytestmark = pytest.mark.pabulib


@pytest.mark.usefixtures("pabulib_absent_guard")
def test_rule_selects_the_same_projects_as_pabutools(reference_entry, shared_profile):
    profile = shared_profile(reference_entry["file"])
    rule = RULES[reference_entry["rule"].replace("_", "-")]
    if reference_entry["selected"] is None:
        with pytest.raises(UnsupportedRule):
            rule(profile)
        return
    outcome = rule(profile)
    assert sorted(outcome.selected) == sorted(reference_entry["selected"])
    assert outcome.total_cost <= profile.budget
