"""The spin-out pipeline: the six stages a service moves through on its way to a mutual.

Each stage has a checklist; a stage is signed off only when every item is done and every
earlier stage is signed off, so the record shows who agreed each step and when. The stages
and checklists follow the Cabinet Office's mutuals support programme guidance.
"""

from __future__ import annotations

from collections.abc import Sequence

STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "suitability",
        ("Service scope agreed", "Staff appetite tested", "Legal form options appraised"),
    ),
    (
        "staff_consultation",
        (
            "Staff and unions consulted",
            "TUPE implications explained",
            "Consultation response published",
        ),
    ),
    (
        "business_case",
        ("Five-year financial model", "Social value case", "Cabinet decision to proceed"),
    ),
    (
        "pensions_overheads",
        (
            "Pension admission agreement costed",
            "Overheads and support services priced",
            "Risk register agreed",
        ),
    ),
    (
        "transfer",
        ("Mutual registered", "Contract signed", "Staff transferred"),
    ),
    (
        "retender",
        ("Contract re-tender date set", "Performance review scheduled"),
    ),
)
STAGE_NAMES = tuple(name for name, _ in STAGES)


def sign_off_refusal(*, stage: str, done: Sequence[bool], signed_off: Sequence[str]) -> str | None:
    """Why ``stage`` cannot be signed off yet (a code), or None when it can.

    ``done`` is the stage's checklist; ``signed_off`` the stages already signed off.
    """
    if stage in signed_off:
        return "already_signed_off"
    earlier = STAGE_NAMES[: STAGE_NAMES.index(stage)]
    if any(name not in signed_off for name in earlier):
        return "earlier_stage_open"
    if not all(done):
        return "checklist_incomplete"
    return None
