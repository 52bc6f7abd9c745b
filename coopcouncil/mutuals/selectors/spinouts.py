"""Reads for the spin-out pipeline."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.mutuals.models import SpinOut, SpinOutStage


def spin_out_list() -> QuerySet[SpinOut]:
    return SpinOut.objects.select_related("mutual").prefetch_related(
        Prefetch("stages", queryset=SpinOutStage.objects.select_related("signed_off_by"))
    )


def spin_out_get(spin_out_id: int) -> SpinOut:
    spin_out = spin_out_list().filter(pk=spin_out_id).first()
    if spin_out is None:
        raise NotFound("spin_out_not_found", gettext("There is no such spin-out."), "spin_out")
    return spin_out


def spin_out_stage_get(spin_out: SpinOut, name: str) -> SpinOutStage:
    stage = spin_out.stages.filter(name=name).first()
    if stage is None:
        raise NotFound("stage_not_found", gettext("There is no such stage."), "stage")
    return stage
