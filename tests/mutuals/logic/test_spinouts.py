"""Spin-out stages are signed off in order, each with its checklist complete."""

from coopcouncil.mutuals.logic.spinouts import STAGE_NAMES, sign_off_refusal


def test_the_six_stages_in_order():
    assert STAGE_NAMES == (
        "suitability",
        "staff_consultation",
        "business_case",
        "pensions_overheads",
        "transfer",
        "retender",
    )


def test_a_stage_waits_for_the_earlier_ones_and_its_checklist():
    assert sign_off_refusal(stage="business_case", done=[True], signed_off=["suitability"]) == (
        "earlier_stage_open"
    )
    assert sign_off_refusal(stage="suitability", done=[True, False], signed_off=[]) == (
        "checklist_incomplete"
    )
    assert sign_off_refusal(stage="suitability", done=[True], signed_off=[]) is None
    assert sign_off_refusal(stage="suitability", done=[True], signed_off=["suitability"]) == (
        "already_signed_off"
    )
